//! Diagnostics of the linter as LSP diagnostics.
//!
//! The code is the rule code and links to the rule's documentation; the help text follows the
//! message; related spans become related information. A diagnostic inside a bibliography file
//! is shown on the brief, on the `bibliography:` entry naming that file, with its file, line and
//! column in the message and a link to the place in the file.

use std::str::FromStr;

use brief_model::{FileRef, Severity, Span};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location,
    NumberOrString, Range, Uri,
};

use crate::analysis::Analysis;
use crate::position::{Encoding, LineIndex};

/// Where the rules are documented; the anchor is the code without its slash.
const RULES_URL: &str = "https://github.com/brief-tools/brief/blob/main/docs/rules.md";

/// The documentation link of a rule code.
pub(crate) fn rule_url(code: &str) -> String {
    format!("{RULES_URL}#{}", code.replace('/', ""))
}

/// The LSP diagnostics of an analysis.
pub(crate) fn to_lsp(
    analysis: &Analysis,
    uri: &Uri,
    encoding: Encoding,
) -> Vec<lsp_types::Diagnostic> {
    let text = analysis.text();
    let index = &analysis.line_index;
    let mut out = Vec::new();
    if let Some(problem) = &analysis.config_problem {
        let first_line = index.line_span(text, 0);
        out.push(lsp_types::Diagnostic {
            range: index.range(text, first_line, encoding),
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some("brief".to_owned()),
            message: format!("{problem}\n(the default settings are used until it is fixed)"),
            ..lsp_types::Diagnostic::default()
        });
    }
    for diagnostic in &analysis.diagnostics {
        out.push(convert(analysis, diagnostic, uri, encoding));
    }
    out
}

/// One diagnostic, as the client sees it.
pub(crate) fn convert(
    analysis: &Analysis,
    diagnostic: &brief_model::Diagnostic,
    uri: &Uri,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let text = analysis.text();
    let index = &analysis.line_index;
    let mut message = diagnostic.message.clone();
    let mut range = index.range(text, diagnostic.span, encoding);
    let mut related = Vec::new();
    match diagnostic.file {
        FileRef::Brief => {
            for (span, label) in &diagnostic.related {
                related.push(DiagnosticRelatedInformation {
                    location: Location::new(uri.clone(), index.range(text, *span, encoding)),
                    message: label.clone(),
                });
            }
        }
        FileRef::Loaded(idx) => {
            let doc = &analysis.document;
            let file_text = doc.file_text(diagnostic.file);
            let file_index = LineIndex::new(file_text);
            let at_chars = doc_line_col(file_text, diagnostic.span.start);
            if let Some(file) = doc.files.get(idx) {
                message = format!(
                    "{}:{}:{}: {message}",
                    file.path, at_chars.line, at_chars.column
                );
                range = index.range(text, bibliography_entry(doc, &file.path), encoding);
                if let Some(file_uri) = crate::uri::from_path(&file.resolved) {
                    let file_range = file_index.range(file_text, diagnostic.span, encoding);
                    related.push(DiagnosticRelatedInformation {
                        location: Location::new(file_uri, file_range),
                        message: diagnostic.message.clone(),
                    });
                }
            }
        }
    }
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let is_rule = brief_lint::rule(diagnostic.code).is_some();
    let code_description = is_rule
        .then(|| Uri::from_str(&rule_url(diagnostic.code)).ok())
        .flatten()
        .map(|href| CodeDescription { href });
    let tags = (diagnostic.code == "suppression/unused").then(|| vec![DiagnosticTag::UNNECESSARY]);
    lsp_types::Diagnostic {
        range,
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.code.to_owned())),
        code_description,
        source: Some("brief".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags,
        data: None,
    }
}

fn doc_line_col(text: &str, offset: usize) -> brief_model::LineCol {
    brief_model::LineIndex::new(text).line_col(text, offset)
}

/// The LSP severity of a brief severity.
pub(crate) fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The span of the `bibliography:` value that names `written`, or of the whole key.
pub(crate) fn bibliography_entry(doc: &brief_model::Document, written: &str) -> Span {
    let paths = doc.frontmatter.bibliography.to_vec();
    let single = doc
        .frontmatter_value
        .get("bibliography")
        .is_some_and(serde_json::Value::is_string);
    let pointer = match paths.iter().position(|p| p == written) {
        Some(_) if single => "/bibliography".to_owned(),
        Some(idx) => format!("/bibliography/{idx}"),
        None => "/bibliography".to_owned(),
    };
    doc.positions
        .get(&pointer)
        .or_else(|| doc.positions.get("/bibliography"))
        .map_or(Span::empty(0), |p| p.value)
}

/// Whether a diagnostic's span touches `range` (both as spans of the brief).
pub(crate) fn touches(span: Span, range: Span) -> bool {
    span.overlaps(range) || (span.start <= range.start && range.start <= span.end)
}

/// The range of a span of the brief (a convenience for handlers).
pub(crate) fn range_of(analysis: &Analysis, span: Span, encoding: Encoding) -> Range {
    analysis.line_index.range(analysis.text(), span, encoding)
}
