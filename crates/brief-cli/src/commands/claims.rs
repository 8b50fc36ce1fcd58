//! `brief claims [PATH…]`: the fact-checker's worksheet of every check-worthy sentence.

use std::fmt::Write as _;
use std::path::PathBuf;

use brief_lint::ClaimStatus;
use brief_lint::json::{ClaimJson, ClaimsJson, ClaimsSummaryJson, JSON_VERSION};
use clap::{Args, ValueEnum};
use rayon::prelude::*;

use crate::args::GlobalArgs;
use crate::exit::{Failure, Status};
use crate::inputs::{self, Configs};
use crate::lint::{self, Overrides, SettingsCache};

/// Worksheet formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum Format {
    /// A Markdown table per brief.
    #[default]
    Md,
    /// JSON (schema: schemas/claims.schema.json).
    Json,
    /// CSV, one row per claim.
    Csv,
}

#[derive(Debug, Args)]
pub(crate) struct ClaimsArgs {
    /// Briefs or folders (default: the current folder; `-` reads standard input).
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub(crate) format: Format,
    /// Write the worksheet to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// List only claims with this status.
    #[arg(long, value_enum, value_name = "STATUS")]
    pub(crate) status: Option<StatusFilter>,
    /// The name of the brief read from standard input.
    #[arg(long, value_name = "PATH")]
    pub(crate) stdin_filename: Option<String>,
}

/// A claim status to filter on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum StatusFilter {
    Sourced,
    Unsourced,
    Suppressed,
}

pub(crate) fn run(args: &ClaimsArgs, global: &GlobalArgs) -> Result<Status, Failure> {
    let configs = Configs::new(global.config.as_deref())?;
    let (inputs, failures) = inputs::collect(&args.paths, args.stdin_filename.as_deref(), &configs);
    let mut status = Status::Ok;
    for failure in &failures {
        failure.print();
        status = status.max(failure.status);
    }
    if let Some(output) = &args.output {
        crate::output::refuse_overwriting_inputs(output, &inputs)?;
    }
    let cache = SettingsCache::new(Overrides::default());
    let results: Vec<lint::Result> = inputs
        .par_iter()
        .map(|input| lint::lint_input(input, None, &configs, &cache, false))
        .collect();
    let mut rows: Vec<ClaimJson> = Vec::new();
    let mut files = 0;
    for result in results {
        match result {
            lint::Result::Linted(done) => {
                files += 1;
                for report in &done.outcome.claims {
                    rows.push(ClaimJson::new(&done.document, &done.input.display, report));
                }
            }
            lint::Result::NotABrief(input) => {
                if input.explicit {
                    eprintln!(
                        "note: skipping {}: no frontmatter, so probably not a brief",
                        input.display
                    );
                }
            }
            lint::Result::Failed(failure) => {
                failure.print();
                status = status.max(failure.status);
            }
        }
    }
    rows.sort_by(|a, b| {
        (a.path.as_str(), a.location.span.start).cmp(&(b.path.as_str(), b.location.span.start))
    });
    if let Some(filter) = args.status {
        let wanted = match filter {
            StatusFilter::Sourced => ClaimStatus::Sourced,
            StatusFilter::Unsourced => ClaimStatus::Unsourced,
            StatusFilter::Suppressed => ClaimStatus::Suppressed,
        };
        rows.retain(|r| r.status == wanted);
    }
    let summary = ClaimsSummaryJson {
        files,
        claims: rows.len(),
        sourced: rows
            .iter()
            .filter(|r| r.status == ClaimStatus::Sourced)
            .count(),
        unsourced: rows
            .iter()
            .filter(|r| r.status == ClaimStatus::Unsourced)
            .count(),
        suppressed: rows
            .iter()
            .filter(|r| r.status == ClaimStatus::Suppressed)
            .count(),
    };
    let text = match args.format {
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&ClaimsJson {
                version: JSON_VERSION,
                claims: rows,
                summary,
            })
            .map_err(|err| Failure::output(format!("cannot serialize the worksheet: {err}")))?;
            text.push('\n');
            text
        }
        Format::Csv => csv(&rows),
        Format::Md => markdown(&rows, &summary),
    };
    let output = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
    crate::output::write_atomic(&output, text.as_bytes())?;
    Ok(status)
}

fn citations(row: &ClaimJson) -> Vec<String> {
    let mut out: Vec<String> = row
        .citations
        .iter()
        .map(|c| {
            let mut text = format!("@{}", c.key);
            if let Some(locator) = &c.locator {
                let _ = write!(text, ", {locator}");
            }
            match &c.source {
                Some(source) => {
                    if let Some(title) = &source.title {
                        let _ = write!(text, " ({title}");
                        if let Some(issued) = &source.issued {
                            let _ = write!(text, ", {issued}");
                        }
                        text.push(')');
                    }
                }
                None => text.push_str(" (undefined)"),
            }
            text
        })
        .collect();
    out.extend(row.footnotes.iter().map(|f| format!("[^{f}]")));
    out.extend(row.links.iter().cloned());
    out
}

fn status_name(status: ClaimStatus) -> &'static str {
    match status {
        ClaimStatus::Sourced => "sourced",
        ClaimStatus::Unsourced => "unsourced",
        ClaimStatus::Suppressed => "suppressed",
    }
}

fn markdown(rows: &[ClaimJson], summary: &ClaimsSummaryJson) -> String {
    let cell = |text: &str| text.replace('|', "\\|").replace('\n', " ");
    let mut out = String::from("# Claims\n");
    let mut current: Option<&str> = None;
    for row in rows {
        if current != Some(row.path.as_str()) {
            current = Some(row.path.as_str());
            let _ = write!(
                out,
                "\n## {}\n\n| Line | Kinds | Claim | Sources | Status |\n|---|---|---|---|---|\n",
                row.path
            );
        }
        let codes = if row.codes.is_empty() {
            String::new()
        } else {
            format!(" ({})", row.codes.join(", "))
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {}{} |",
            row.location.start.line,
            row.kinds.join(", "),
            cell(&row.text),
            cell(&citations(row).join("; ")),
            status_name(row.status),
            codes
        );
    }
    let _ = write!(
        out,
        "\n{} claims in {} briefs: {} sourced, {} unsourced, {} suppressed.\n",
        summary.claims, summary.files, summary.sourced, summary.unsourced, summary.suppressed
    );
    out
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn csv(rows: &[ClaimJson]) -> String {
    let mut out = String::from(
        "path,start_line,start_column,end_line,end_column,span_start,span_end,section,kinds,text,citations,footnotes,links,status,codes\n",
    );
    for row in rows {
        let fields = [
            row.path.clone(),
            row.location.start.line.to_string(),
            row.location.start.column.to_string(),
            row.location.end.line.to_string(),
            row.location.end.column.to_string(),
            row.location.span.start.to_string(),
            row.location.span.end.to_string(),
            row.section.clone().unwrap_or_default(),
            row.kinds.join(";"),
            row.text.clone(),
            row.citations
                .iter()
                .map(|c| match &c.locator {
                    Some(locator) => format!("{}@{locator}", c.key),
                    None => c.key.clone(),
                })
                .collect::<Vec<_>>()
                .join(";"),
            row.footnotes.join(";"),
            row.links.join(";"),
            status_name(row.status).to_owned(),
            row.codes.join(";"),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}
