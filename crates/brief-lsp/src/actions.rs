//! Code actions for the diagnostics under the cursor: apply the diagnostic's fix, silence the
//! rule with a `brief-ignore` comment, add a source stub for an undefined citation key, remove
//! an unused suppression.
//!
//! A `brief-ignore` comment applies to what follows it: in the body, an HTML comment on its own
//! line before the top-level block holding the finding; in the frontmatter, a YAML comment on
//! the line before the key or list item holding it. When a `brief-ignore` comment already sits
//! there, the code is added to it.

use std::collections::HashMap;

use brief_model::{
    Applicability, BlockKind, Diagnostic, Document, FileRef, Span, Suppression, SuppressionKind,
};
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, Uri, WorkspaceEdit};

use crate::analysis::Analysis;
use crate::diagnostics::{convert, touches};
use crate::hover::citation_at;
use crate::position::Encoding;

/// A change to the brief's text.
struct Change {
    span: Span,
    text: String,
}

/// The code actions for the diagnostics touching `range` (a span of the brief).
pub(crate) fn code_actions(
    analysis: &Analysis,
    uri: &Uri,
    range: Span,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let doc = &analysis.document;
    let mut out = Vec::new();
    for diagnostic in &analysis.diagnostics {
        if diagnostic.file != FileRef::Brief || !touches(diagnostic.span, range) {
            continue;
        }
        let lsp_diagnostic = convert(analysis, diagnostic, uri, encoding);
        let mut push = |title: String, changes: Vec<Change>, preferred: bool| {
            if changes.is_empty() || !changes.iter().all(|c| valid(doc, c.span)) {
                return;
            }
            let edits = changes
                .into_iter()
                .map(|c| TextEdit {
                    range: analysis.line_index.range(analysis.text(), c.span, encoding),
                    new_text: c.text,
                })
                .collect();
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diagnostic.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: preferred.then_some(true),
                ..CodeAction::default()
            }));
        };
        if let Some(fix) = &diagnostic.fix {
            let changes = fix
                .edits
                .iter()
                .map(|e| Change {
                    span: e.span,
                    text: e.replacement.clone(),
                })
                .collect();
            push(
                fix_title(doc, diagnostic),
                changes,
                fix.applicability == Applicability::Safe,
            );
        }
        if diagnostic.code == "citations/undefined-key"
            && let Some(citation) = citation_at(doc, diagnostic.span.start)
        {
            let key = citation.key.clone();
            if let Some(change) = source_stub(analysis, &key) {
                push(
                    format!("Add a source `{key}` under `sources:`"),
                    vec![change],
                    false,
                );
            }
        }
        if diagnostic.code == "suppression/unused" {
            push(
                "Remove the unused suppression comment".to_owned(),
                vec![remove_comment(analysis, diagnostic.span)],
                false,
            );
        } else if diagnostic.category() != "suppression"
            && let Some(change) = ignore_comment(analysis, diagnostic)
        {
            push(
                format!(
                    "Ignore `{}` here with a brief-ignore comment",
                    diagnostic.code
                ),
                vec![change],
                false,
            );
        }
    }
    out
}

fn valid(doc: &Document, span: Span) -> bool {
    span.start <= span.end
        && span.end <= doc.source.len()
        && doc.source.is_char_boundary(span.start)
        && doc.source.is_char_boundary(span.end)
}

fn fix_title(doc: &Document, diagnostic: &Diagnostic) -> String {
    let short = |text: &str| {
        let one_line = text.replace('\n', " ");
        if one_line.chars().count() > 40 {
            let cut: String = one_line.chars().take(37).collect();
            format!("{cut}...")
        } else {
            one_line
        }
    };
    match diagnostic.fix.as_ref().map(|f| f.edits.as_slice()) {
        Some([edit]) if edit.span.is_empty() => format!("Insert `{}`", short(&edit.replacement)),
        Some([edit]) if edit.replacement.is_empty() => {
            format!("Remove `{}`", short(doc.text(edit.span)))
        }
        Some([edit]) => format!(
            "Replace `{}` with `{}`",
            short(doc.text(edit.span)),
            short(&edit.replacement)
        ),
        _ => match &diagnostic.help {
            Some(help) => {
                let mut chars = help.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_uppercase().collect::<String>() + chars.as_str()
                })
            }
            None => format!("Apply the fix for `{}`", diagnostic.code),
        },
    }
}

/// The start of the line holding byte `offset`.
fn line_start(analysis: &Analysis, offset: usize) -> usize {
    let line = analysis.line_index.line_of(offset);
    analysis.line_index.line_span(analysis.text(), line).start
}

/// The spaces that indent the line holding byte `offset`.
fn indentation(analysis: &Analysis, offset: usize) -> String {
    let line = analysis.line_index.line_of(offset);
    let text = analysis
        .line_index
        .line_span(analysis.text(), line)
        .text(analysis.text());
    let width = text.len() - text.trim_start_matches(' ').len();
    " ".repeat(width)
}

/// A `brief-ignore` comment that silences `diagnostic`, or the code added to the one already
/// there.
fn ignore_comment(analysis: &Analysis, diagnostic: &Diagnostic) -> Option<Change> {
    let doc = &analysis.document;
    let at = diagnostic.span.start;
    let in_frontmatter = doc
        .frontmatter_span
        .is_some_and(|fm| fm.start <= at && at <= fm.end);
    if in_frontmatter {
        let entries: Vec<(usize, Span)> = doc
            .positions
            .iter()
            .filter(|(pointer, _)| !pointer.is_empty())
            .map(|(pointer, pos)| (pointer.matches('/').count(), pos.entry()))
            .collect();
        // The innermost key or list item holding the finding.
        let (_, entry) = entries
            .iter()
            .filter(|(_, e)| e.start <= at && (at < e.end || (e.is_empty() && at == e.start)))
            .max_by_key(|(depth, _)| *depth)?;
        // A comment on the line before it silences the outermost entry starting on its line.
        let line = analysis.line_index.line_of(entry.start);
        let line_span = analysis.line_index.line_span(analysis.text(), line);
        let (_, target) = entries
            .iter()
            .filter(|(_, e)| line_span.start <= e.start && e.start <= line_span.end)
            .min_by_key(|(depth, _)| *depth)?;
        if !covers(*target, diagnostic.span) {
            return None;
        }
        let existing = doc.suppressions.iter().find(|s| {
            s.kind == SuppressionKind::Ignore && s.in_frontmatter && s.applies_to == *target
        });
        if let Some(existing) = existing {
            return Some(extend_comment(doc, existing, diagnostic.code));
        }
        return Some(Change {
            span: Span::empty(line_span.start),
            text: format!(
                "{}# brief-ignore {}\n",
                indentation(analysis, entry.start),
                diagnostic.code
            ),
        });
    }
    // A comment before a top-level block silences that block.
    let block = doc
        .blocks
        .iter()
        .filter(|b| b.depth == 0 && b.kind != BlockKind::Html)
        .find(|b| covers(b.span, diagnostic.span))?;
    let existing = doc.suppressions.iter().find(|s| {
        s.kind == SuppressionKind::Ignore && !s.in_frontmatter && s.applies_to == block.span
    });
    if let Some(existing) = existing {
        return Some(extend_comment(doc, existing, diagnostic.code));
    }
    Some(Change {
        span: Span::empty(line_start(analysis, block.span.start)),
        text: format!("<!-- brief-ignore {} -->\n", diagnostic.code),
    })
}

/// Whether a suppression that applies to `target` silences a finding at `span`, as the linter
/// decides it.
fn covers(target: Span, span: Span) -> bool {
    target.contains(span) || (target.start <= span.start && span.start < target.end)
}

/// Adds `code` to the rules of an existing `brief-ignore` comment, before its reason.
fn extend_comment(doc: &Document, suppression: &Suppression, code: &str) -> Change {
    let comment = doc.text(suppression.span);
    let directive = comment
        .find("brief-ignore")
        .map_or(0, |at| at + "brief-ignore".len());
    let rest = &comment[directive..];
    let body_end = rest
        .find(':')
        .or_else(|| rest.find("-->"))
        .unwrap_or(rest.len());
    let rules_end = directive + rest[..body_end].trim_end().len();
    let separator = if rest[..body_end].trim().is_empty() {
        " "
    } else {
        ", "
    };
    Change {
        span: Span::empty(suppression.span.start + rules_end),
        text: format!("{separator}{code}"),
    }
}

/// Removes a suppression comment, with its line when it stands alone on it.
fn remove_comment(analysis: &Analysis, span: Span) -> Change {
    let text = analysis.text();
    let line = analysis.line_index.line_of(span.start);
    let line_span = analysis.line_index.line_span(text, line);
    if line_span.text(text).trim() == span.text(text).trim() {
        let next = analysis
            .line_index
            .line_span(text, line + 1)
            .start
            .min(text.len());
        let end = if line + 1 < analysis.line_index.len() {
            next
        } else {
            line_span.end
        };
        return Change {
            span: Span::new(line_span.start, end),
            text: String::new(),
        };
    }
    Change {
        span,
        text: String::new(),
    }
}

/// A stub for source `key` at the end of `sources:`, creating the key when it is missing.
fn source_stub(analysis: &Analysis, key: &str) -> Option<Change> {
    let doc = &analysis.document;
    let text = analysis.text();
    let fm = doc.frontmatter_span?;
    let id = yaml_string(key);
    let fields = [
        ("type", "report"),
        ("title", "\"TITLE\""),
        ("author", "\"AUTHOR\""),
        ("issued", "\"YYYY-MM-DD\""),
        ("url", "\"https://\""),
    ];
    let block = |indent: &str| {
        let mut out = format!("{indent}- id: {id}\n");
        for (name, value) in fields {
            out.push_str(&format!("{indent}  {name}: {value}\n"));
        }
        out
    };
    let Some(sources) = doc.positions.get("/sources") else {
        // No `sources:` yet: add it at the end of the frontmatter.
        let before = text.get(..fm.end).unwrap_or("");
        let lead = if before.ends_with('\n') { "" } else { "\n" };
        return Some(Change {
            span: Span::empty(fm.end),
            text: format!("{lead}sources:\n{}", block("  ")),
        });
    };
    let value_text = doc.text(sources.value);
    match doc.frontmatter_value.get("sources") {
        Some(serde_json::Value::Array(items)) if value_text.trim_start().starts_with('[') => {
            let key_end = sources.key.map_or(sources.value.start, |k| k.end);
            if items.is_empty() {
                return Some(Change {
                    span: Span::new(key_end, sources.value.end),
                    text: format!(":\n{}", block("  ").trim_end_matches('\n')),
                });
            }
            let close = sources.value.start + value_text.rfind(']')?;
            let mut flow = format!(", {{id: {id}");
            for (name, value) in fields {
                flow.push_str(&format!(", {name}: {value}"));
            }
            flow.push('}');
            Some(Change {
                span: Span::empty(close),
                text: flow,
            })
        }
        Some(serde_json::Value::Array(items)) => {
            let last = doc
                .positions
                .get(&format!("/sources/{}", items.len().checked_sub(1)?))?;
            let first = doc.positions.get("/sources/0")?;
            let indent = indentation(analysis, first.entry().start);
            let end = last.entry().end.max(last.entry().start + 1) - 1;
            let line = analysis.line_index.line_of(end);
            let insert_at = if line + 1 < analysis.line_index.len() {
                analysis.line_index.line_span(text, line + 1).start
            } else {
                text.len()
            };
            Some(Change {
                span: Span::empty(insert_at),
                text: block(&indent),
            })
        }
        Some(serde_json::Value::Null) | None => {
            // `sources:` with nothing after it.
            let key = sources.key?;
            let line = analysis.line_index.line_of(key.start);
            let line_span = analysis.line_index.line_span(text, line);
            let indent = indentation(analysis, key.start);
            Some(Change {
                span: Span::empty(line_span.end),
                text: format!("\n{}", block(&format!("{indent}  ")).trim_end_matches('\n')),
            })
        }
        Some(_) => None,
    }
}

/// `key` as a YAML string: plain when YAML would read it as text, quoted otherwise.
fn yaml_string(key: &str) -> String {
    let plain = key.chars().next().is_some_and(char::is_alphabetic)
        && !["true", "false", "null", "yes", "no", "on", "off"]
            .iter()
            .any(|word| key.eq_ignore_ascii_case(word))
        && !key.contains(": ")
        && !key.contains(" #");
    if plain {
        key.to_owned()
    } else {
        format!("\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\""))
    }
}
