//! `brief check [PATH…]`: lints briefs and reports in the chosen format.

use std::collections::HashMap;
use std::path::PathBuf;

use brief_lint::json::StatsJson;
use brief_model::Severity;
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::args::GlobalArgs;
use crate::exit::{Failure, Status};
use crate::formats::{self, Item};
use crate::inputs::{self, Configs};
use crate::lint::{self, Linted, Overrides, SettingsCache};
use crate::report::Renderer;

/// Output formats of `brief check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum Format {
    /// rustc-style reports with the source line and a summary.
    #[default]
    Human,
    /// One line per finding: `path:line:col: severity[code] message`.
    Short,
    /// JSON (schema: schemas/diagnostics.schema.json).
    Json,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitHub Actions annotations.
    Github,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Briefs or folders (default: the current folder; `-` reads standard input).
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Run only these rules or categories (comma-separated), instead of brief.toml's selection.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub(crate) select: Option<Vec<String>>,
    /// Also skip these rules or categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub(crate) ignore: Vec<String>,
    /// Count warnings as errors for the exit code.
    #[arg(long)]
    pub(crate) deny_warnings: bool,
    /// Apply safe fixes to the files.
    #[arg(long)]
    pub(crate) fix: bool,
    /// Print the evidence coverage of each brief.
    #[arg(long)]
    pub(crate) stats: bool,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Record the current findings in FILE, to adopt the linter without fixing everything first.
    #[arg(long, value_name = "FILE")]
    pub(crate) write_baseline: Option<PathBuf>,
    /// Also lint Markdown files without frontmatter (reported as `schema/missing-frontmatter`).
    #[arg(long)]
    pub(crate) strict: bool,
    /// Lint only briefs changed against a git revision (untracked ones included), and briefs
    /// whose bibliography changed; a changed brief.toml means every brief.
    #[arg(long)]
    pub(crate) changed: bool,
    /// The revision `--changed` compares with (default: the merge-base with the default branch).
    #[arg(long, value_name = "REV", requires = "changed")]
    pub(crate) base: Option<String>,
    /// The name of the brief read from standard input.
    #[arg(long, value_name = "PATH")]
    pub(crate) stdin_filename: Option<String>,
}

/// A baseline: findings accepted when a repository adopted the linter.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Baseline {
    version: u32,
    findings: Vec<BaselineEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct BaselineEntry {
    path: String,
    code: String,
    text: String,
}

pub(crate) fn run(args: &CheckArgs, global: &GlobalArgs) -> Result<Status, Failure> {
    let configs = Configs::new(global.config.as_deref())?;
    let (inputs, failures) = inputs::collect(&args.paths, args.stdin_filename.as_deref(), &configs);
    let mut status = Status::Ok;
    for failure in &failures {
        failure.print();
        status = status.max(failure.status);
    }
    let inputs = if args.changed {
        only_changed(inputs, args.base.as_deref())?
    } else {
        inputs
    };
    if let Some(output) = &args.output {
        crate::output::refuse_overwriting_inputs(output, &inputs)?;
    }
    let baseline = match &args.baseline {
        Some(path) => Some(read_baseline(path)?),
        None => None,
    };
    let cache = SettingsCache::new(Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    });
    let results: Vec<lint::Result> = inputs
        .par_iter()
        .map(|input| {
            let first = lint::lint_input(input, None, &configs, &cache, args.strict);
            if !args.fix {
                return first;
            }
            fix_until_stable(first, &configs, &cache, args.strict)
        })
        .collect();

    let mut linted: Vec<Linted> = Vec::new();
    for result in results {
        match result {
            lint::Result::Linted(done) => linted.push(*done),
            lint::Result::NotABrief(input) => {
                if input.explicit {
                    eprintln!(
                        "note: skipping {}: no frontmatter, so probably not a brief (use --strict to check it)",
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
    if linted.is_empty() && failures.is_empty() && status == Status::Ok {
        eprintln!("note: no briefs found");
    }

    let mut items: Vec<Item<'_>> = linted
        .iter()
        .flat_map(|l| {
            l.outcome
                .diagnostics
                .iter()
                .map(move |d| Item::new(&l.document, &l.input.display, d))
        })
        .collect();
    items.sort_by(|a, b| {
        (
            a.json.path.as_str(),
            a.diagnostic.span.start,
            a.json.code.as_str(),
        )
            .cmp(&(
                b.json.path.as_str(),
                b.diagnostic.span.start,
                b.json.code.as_str(),
            ))
    });

    if let Some(path) = &args.write_baseline {
        let mut findings: Vec<BaselineEntry> = items.iter().map(baseline_entry).collect();
        findings.sort_by(|a, b| (&a.path, &a.code, &a.text).cmp(&(&b.path, &b.code, &b.text)));
        let baseline = Baseline {
            version: 1,
            findings,
        };
        let mut text = serde_json::to_string_pretty(&baseline)
            .map_err(|err| Failure::output(format!("cannot write the baseline: {err}")))?;
        text.push('\n');
        crate::output::write_atomic(path, text.as_bytes())?;
        eprintln!(
            "note: recorded {} findings in {}",
            baseline.findings.len(),
            path.display()
        );
    }
    if let Some(baseline) = baseline {
        let mut remaining: HashMap<BaselineEntry, usize> = HashMap::new();
        for entry in baseline.findings {
            *remaining.entry(entry).or_insert(0) += 1;
        }
        items.retain(|item| {
            let entry = baseline_entry(item);
            match remaining.get_mut(&entry) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            }
        });
    }

    let summary = formats::summary(&items, linted.len());
    let failing = items.iter().any(|i| {
        i.diagnostic.severity == Severity::Error
            || (args.deny_warnings && i.diagnostic.severity == Severity::Warning)
    });
    let stats: Option<Vec<StatsJson>> = args.stats.then(|| {
        let mut stats: Vec<StatsJson> = linted
            .iter()
            .map(|l| {
                let (sourced, claims) = l.outcome.coverage().unwrap_or((0, 0));
                StatsJson {
                    path: l.input.display.clone(),
                    sourced,
                    claims,
                    coverage: (claims > 0).then(|| sourced as f64 / claims as f64),
                }
            })
            .collect();
        stats.sort_by(|a, b| a.path.cmp(&b.path));
        stats
    });

    let renderer = Renderer::new(match &args.output {
        Some(path) if path.as_os_str() != "-" => false,
        _ => global.color.stdout(),
    });
    let mut text = match args.format {
        Format::Human => formats::human(&items, &summary, &renderer),
        Format::Short => formats::short(&items),
        Format::Json => formats::json(items, summary, stats.clone()),
        Format::Sarif => {
            let root = std::env::current_dir().unwrap_or_default();
            formats::sarif(&items, &root)
        }
        Format::Github => formats::github(&items),
    };
    if let (Some(stats), Format::Human | Format::Short) = (&stats, args.format) {
        for s in stats {
            match s.coverage {
                Some(coverage) => text.push_str(&format!(
                    "{}: {} of {} check-worthy sentences sourced ({:.0}%)\n",
                    s.path,
                    s.sourced,
                    s.claims,
                    coverage * 100.0
                )),
                None => text.push_str(&format!("{}: no check-worthy sentences\n", s.path)),
            }
        }
    }
    let stdin_fixed = args.fix && linted.iter().any(|l| l.input.path.is_none());
    match &args.output {
        // The fixed brief went to standard output; the report goes to standard error.
        None if stdin_fixed => eprint!("{text}"),
        Some(path) => crate::output::write_atomic(path, text.as_bytes())?,
        None => crate::output::write_atomic(std::path::Path::new("-"), text.as_bytes())?,
    }
    if failing {
        status = status.max(Status::Findings);
    }
    Ok(status)
}

fn baseline_entry(item: &Item<'_>) -> BaselineEntry {
    BaselineEntry {
        path: item.json.path.clone(),
        code: item.json.code.clone(),
        text: formats::flagged_text(item),
    }
}

fn read_baseline(path: &std::path::Path) -> Result<Baseline, Failure> {
    let text =
        brief_model::load::read_text_file(path).map_err(|err| Failure::io(err.to_string()))?;
    serde_json::from_str(&text).map_err(|err| {
        Failure::config(format!(
            "{}: not a brief baseline file: {err}\n  help: create one with `brief check --write-baseline {}`",
            path.display(),
            path.display()
        ))
    })
}

/// Applies safe fixes and re-lints until nothing changes (at most 10 rounds), writing the file
/// atomically after each round. For standard input, the fixed text goes to standard output.
fn fix_until_stable(
    mut result: lint::Result,
    configs: &Configs,
    cache: &SettingsCache,
    strict: bool,
) -> lint::Result {
    for _ in 0..10 {
        let lint::Result::Linted(done) = &result else {
            return result;
        };
        let (fixed, applied) =
            brief_lint::apply_fixes(&done.document.source, &done.outcome.diagnostics);
        if applied == 0 || fixed == done.document.source {
            break;
        }
        let input = done.input.clone();
        match &input.path {
            Some(path) => {
                if let Err(failure) = crate::output::write_atomic(path, fixed.as_bytes()) {
                    return lint::Result::Failed(failure);
                }
            }
            None => {
                // Standard input: the fixed brief goes to standard output at the end.
            }
        }
        result = lint::lint_input(&input, Some(fixed), configs, cache, strict);
    }
    if let lint::Result::Linted(done) = &result
        && done.input.path.is_none()
    {
        use std::io::Write;
        let _ = std::io::stdout().write_all(done.document.source.as_bytes());
    }
    result
}

/// The inputs that `--changed` keeps: changed briefs, briefs whose bibliography changed, or all
/// of them when a brief.toml changed.
fn only_changed(
    inputs: Vec<crate::inputs::Input>,
    base: Option<&str>,
) -> Result<Vec<crate::inputs::Input>, Failure> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let changed = crate::git::changed_files(&cwd, base)?;
    let canonical = |p: &std::path::Path| {
        std::fs::canonicalize(p).unwrap_or_else(|_| brief_model::load::absolute(p))
    };
    let changed: std::collections::HashSet<std::path::PathBuf> =
        changed.iter().map(|p| canonical(p)).collect();
    if changed.iter().any(|p| {
        p.file_name()
            .is_some_and(|n| n == brief_model::config::CONFIG_FILE_NAME)
    }) {
        return Ok(inputs);
    }
    Ok(inputs
        .into_iter()
        .filter(|input| {
            let Some(path) = &input.path else { return true };
            if changed.contains(&canonical(path)) {
                return true;
            }
            // A brief whose bibliography changed.
            let Ok(text) = inputs::read(input) else {
                return false;
            };
            let parsed = brief_model::parse(&text);
            parsed
                .document
                .frontmatter
                .bibliography
                .to_vec()
                .iter()
                .any(|bib| changed.contains(&canonical(&input.dir().join(bib))))
        })
        .collect())
}
