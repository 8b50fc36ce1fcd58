//! Output formats of `brief check`: human (miette), short, JSON, SARIF 2.1.0 and GitHub
//! workflow commands. Each is an adapter over the same diagnostics.

use std::fmt::Write as _;
use std::path::Path;

use brief_lint::json::{CheckJson, JSON_VERSION, StatsJson, SummaryJson};
use brief_model::json::DiagnosticJson;
use brief_model::{Applicability, Diagnostic, Document, LineIndex, Severity};
use serde_json::{Value, json};

use crate::report::Renderer;

/// A diagnostic with the brief it belongs to.
pub(crate) struct Item<'a> {
    pub(crate) doc: &'a Document,
    pub(crate) path: &'a str,
    pub(crate) diagnostic: &'a Diagnostic,
    pub(crate) json: DiagnosticJson,
}

impl<'a> Item<'a> {
    pub(crate) fn new(doc: &'a Document, path: &'a str, diagnostic: &'a Diagnostic) -> Item<'a> {
        Item {
            doc,
            path,
            diagnostic,
            json: DiagnosticJson::new(doc, path, diagnostic),
        }
    }
}

/// Counts of the run.
pub(crate) fn summary(items: &[Item<'_>], files: usize) -> SummaryJson {
    let mut summary = SummaryJson {
        files,
        ..SummaryJson::default()
    };
    for item in items {
        match item.diagnostic.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
        if item
            .diagnostic
            .fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
        {
            summary.fixable += 1;
        }
    }
    summary
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// rustc-style reports and a summary line.
pub(crate) fn human(items: &[Item<'_>], summary: &SummaryJson, renderer: &Renderer) -> String {
    let mut out = String::new();
    for item in items {
        out.push_str(&renderer.render(item.doc, item.path, item.diagnostic));
        out.push('\n');
    }
    out.push_str(&summary_line(summary));
    out
}

pub(crate) fn summary_line(summary: &SummaryJson) -> String {
    let briefs = plural(summary.files, "brief", "briefs");
    if summary.errors + summary.warnings + summary.infos == 0 {
        return format!("All checks passed ({briefs}).\n");
    }
    let mut line = format!(
        "Found {}, {} and {} in {briefs}.",
        plural(summary.errors, "error", "errors"),
        plural(summary.warnings, "warning", "warnings"),
        plural(summary.infos, "info", "infos"),
    );
    if summary.fixable > 0 {
        let _ = write!(line, " {} fixable with `--fix`.", summary.fixable);
    }
    line.push('\n');
    line
}

/// `path:line:col: severity[code] message`.
pub(crate) fn short(items: &[Item<'_>]) -> String {
    let mut out = String::new();
    for item in items {
        let j = &item.json;
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            j.path, j.location.start.line, j.location.start.column, j.severity, j.code, j.message
        );
    }
    out
}

/// The JSON report.
pub(crate) fn json(
    items: Vec<Item<'_>>,
    summary: SummaryJson,
    stats: Option<Vec<StatsJson>>,
) -> String {
    let report = CheckJson {
        version: JSON_VERSION,
        diagnostics: items.into_iter().map(|i| i.json).collect(),
        summary,
        stats,
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands (annotations).
pub(crate) fn github(items: &[Item<'_>]) -> String {
    let mut out = String::new();
    for item in items {
        let j = &item.json;
        let command = match j.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = j.message.clone();
        if let Some(help) = &j.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&j.path),
            j.location.start.line,
            j.location.start.column,
            j.location.end.line,
            j.location.end.column,
            escape_property(&j.code),
            escape_data(&message)
        );
    }
    out
}

/// The documentation link of a rule.
pub(crate) fn rule_url(code: &str) -> String {
    format!(
        "https://github.com/brief-tools/brief/blob/main/docs/rules.md#{}",
        code.replace('/', "")
    )
}

/// SARIF 2.1.0, as GitHub code scanning accepts it.
pub(crate) fn sarif(items: &[Item<'_>], root: &Path) -> String {
    let rules: Vec<Value> = brief_lint::RULES
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code,
                "name": rule.name(),
                "shortDescription": { "text": rule.summary },
                "fullDescription": { "text": rule.summary },
                "help": { "text": rule.documentation(), "markdown": rule.documentation() },
                "helpUri": rule_url(rule.code),
                "defaultConfiguration": { "level": level(rule.severity) },
                "properties": { "tags": [rule.category()] },
            })
        })
        .collect();
    let results: Vec<Value> = items
        .iter()
        .map(|item| {
            let j = &item.json;
            let rule_index = brief_lint::RULES.iter().position(|r| r.code == j.code);
            let uri = relative_uri(&j.path, root);
            let mut result = json!({
                "ruleId": j.code,
                "level": level(j.severity),
                "message": { "text": match &j.help { Some(help) => format!("{}\nhelp: {help}", j.message), None => j.message.clone() } },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" },
                        "region": region(&j.location),
                    }
                }],
                "partialFingerprints": {
                    "briefFinding/v1": fingerprint(item),
                },
            });
            if let Some(idx) = rule_index {
                result["ruleIndex"] = json!(idx);
            }
            if let Some(fix) = &j.fix {
                let text = item.doc.file_text(item.diagnostic.file);
                let index = LineIndex::new(text);
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|edit| {
                        let located = brief_model::json::Located::new(text, &index, edit.span);
                        json!({
                            "deletedRegion": region(&located),
                            "insertedContent": { "text": edit.replacement },
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": j.help.clone().unwrap_or_else(|| "apply the suggested change".to_owned()) },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": relative_uri(&j.path, root), "uriBaseId": "%SRCROOT%" },
                        "replacements": replacements,
                    }],
                }]);
            }
            result
        })
        .collect();
    let root_uri = format!(
        "file://{}/",
        root.display().to_string().trim_end_matches('/')
    );
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "brief",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/brief-tools/brief",
                    "rules": rules,
                }
            },
            "originalUriBaseIds": { "%SRCROOT%": { "uri": root_uri } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn region(location: &brief_model::json::Located) -> Value {
    json!({
        "startLine": location.start.line,
        "startColumn": location.start.column,
        "endLine": location.end.line,
        "endColumn": location.end.column,
    })
}

/// A fingerprint that survives edits elsewhere in the file: code, path and flagged text.
fn fingerprint(item: &Item<'_>) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    item.json.code.hash(&mut hasher);
    item.json.path.hash(&mut hasher);
    flagged_text(item).hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// The text a diagnostic flags, whitespace-normalized.
pub(crate) fn flagged_text(item: &Item<'_>) -> String {
    let text = item.doc.file_text(item.diagnostic.file);
    item.diagnostic
        .span
        .text(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn relative_uri(path: &str, root: &Path) -> String {
    let path = Path::new(path);
    let relative = if path.is_absolute() {
        path.strip_prefix(root).unwrap_or(path)
    } else {
        path
    };
    let mut uri = String::new();
    for (idx, part) in relative.components().enumerate() {
        if idx > 0 {
            uri.push('/');
        }
        let part = part.as_os_str().to_string_lossy();
        for byte in part.bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                uri.push(byte as char);
            } else {
                let _ = write!(uri, "%{byte:02X}");
            }
        }
    }
    uri
}
