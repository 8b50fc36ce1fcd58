//! Completion: citation keys after `@`; frontmatter keys and closed-set values from the brief
//! schema; recommendation fields in the recommendations section; rule codes in suppression
//! comments.

use brief_model::{BlockKind, Document, SectionRole, Span};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, TextEdit,
};

use crate::analysis::Analysis;
use crate::diagnostics::{range_of, rule_url};
use crate::hover::{enum_values, key_description, source_markdown};
use crate::position::Encoding;
use crate::yaml_path::{self, YamlContext};

/// The fields of a structured recommendation, in the order briefs write them.
const FIELDS: &[(&str, &str)] = &[
    ("Actor", "Who should act: a named institution or office."),
    ("Timeframe", "By when: a date or a period."),
    ("Priority", "High, Medium or Low."),
    ("Cost", "What it would cost, roughly."),
    ("Risks", "What could go wrong, and who could object."),
    ("Indicators", "How to tell whether it worked."),
];

/// The completion items at byte `offset`.
pub(crate) fn complete(
    analysis: &Analysis,
    offset: usize,
    encoding: Encoding,
) -> Vec<CompletionItem> {
    let doc = &analysis.document;
    let text = analysis.text();
    let index = &analysis.line_index;
    let line = index.line_of(offset);
    let line_span = index.line_span(text, line);
    let offset = offset.clamp(line_span.start, line_span.end);
    let before = text.get(line_span.start..offset).unwrap_or("");
    let after = text.get(offset..line_span.end).unwrap_or("");
    let edit = |span: Span, new_text: String| {
        Some(CompletionTextEdit::Edit(TextEdit {
            range: range_of(analysis, span, encoding),
            new_text,
        }))
    };

    if let Some(items) = rule_codes(before, offset, after, &edit) {
        return items;
    }
    if let Some(lines) = frontmatter_lines(analysis)
        && lines.contains(&line)
    {
        return match yaml_path::context(text, index, lines, offset) {
            Some(YamlContext::Key {
                parent,
                word,
                siblings,
                has_colon,
            }) => brief_model::schema::allowed_keys(&parent)
                .into_iter()
                .filter(|key| !siblings.contains(key))
                .enumerate()
                .map(|(idx, key)| {
                    let pointer = format!("{parent}/{}", key.replace('~', "~0").replace('/', "~1"));
                    let new_text = if has_colon {
                        key.clone()
                    } else {
                        format!("{key}: ")
                    };
                    CompletionItem {
                        kind: Some(CompletionItemKind::PROPERTY),
                        documentation: key_description(&pointer).map(markdown),
                        sort_text: Some(format!("{idx:04}")),
                        filter_text: Some(key.clone()),
                        text_edit: edit(word, new_text),
                        label: key,
                        ..CompletionItem::default()
                    }
                })
                .collect(),
            Some(YamlContext::Value { pointer, word }) => enum_values(&pointer)
                .into_iter()
                .enumerate()
                .map(|(idx, (value, about))| CompletionItem {
                    kind: Some(CompletionItemKind::ENUM_MEMBER),
                    documentation: about.map(markdown),
                    sort_text: Some(format!("{idx:04}")),
                    filter_text: Some(value.clone()),
                    text_edit: edit(word, value.clone()),
                    label: value,
                    ..CompletionItem::default()
                })
                .collect(),
            None => Vec::new(),
        };
    }
    if in_code_block(doc, offset) {
        return Vec::new();
    }
    if let Some(word) = citation_key_at(before, offset, after) {
        let mut seen = std::collections::HashSet::new();
        return doc
            .sources
            .iter()
            .filter(|source| seen.insert(source.id.as_str()))
            .enumerate()
            .map(|(idx, source)| CompletionItem {
                label: source.id.clone(),
                kind: Some(CompletionItemKind::REFERENCE),
                detail: Some(source.short_description()),
                documentation: Some(markdown(source_markdown(doc, source))),
                sort_text: Some(format!("{idx:05}")),
                filter_text: Some(source.id.clone()),
                text_edit: edit(word, source.id.clone()),
                ..CompletionItem::default()
            })
            .collect();
    }
    if in_recommendations(doc, offset) {
        return recommendation_fields(before, offset, after, &edit);
    }
    Vec::new()
}

fn markdown(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    })
}

/// The lines holding the frontmatter YAML: between the fences, or to the end of the text while
/// the closing fence is not written yet.
fn frontmatter_lines(analysis: &Analysis) -> Option<std::ops::Range<usize>> {
    let index = &analysis.line_index;
    if let Some(fm) = analysis.document.frontmatter_span {
        return Some(index.line_of(fm.start)..index.line_of(fm.end));
    }
    let text = analysis.text();
    let first = index.line_span(text, 0).text(text);
    let first = first.trim_start_matches('\u{FEFF}').trim_end();
    (first == "---").then(|| 1..index.len())
}

fn in_code_block(doc: &Document, offset: usize) -> bool {
    doc.blocks
        .iter()
        .any(|b| b.kind == BlockKind::Code && b.span.start < offset && offset < b.span.end)
}

fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || "_:.#$%&-+?<>~/".contains(c)
}

/// The citation key being typed after an `@` (possibly empty), with the rest of the key after
/// the cursor.
fn citation_key_at(before: &str, offset: usize, after: &str) -> Option<Span> {
    let typed: usize = before
        .chars()
        .rev()
        .take_while(|&c| is_key_char(c))
        .map(char::len_utf8)
        .sum();
    let key_start = before.len() - typed;
    let at = key_start.checked_sub(1)?;
    if before.as_bytes().get(at) != Some(&b'@') {
        return None;
    }
    // As in the model: an `@` right after a word character or e-mail punctuation is not a
    // citation (`name@example.org`).
    let prev = before[..at].chars().next_back();
    if prev.is_some_and(|c| c.is_alphanumeric() || ".!#$%&'*+/=?^_`{|}~".contains(c)) {
        return None;
    }
    let rest: usize = after
        .chars()
        .take_while(|&c| is_key_char(c))
        .map(char::len_utf8)
        .sum();
    Some(Span::new(offset - typed, offset + rest))
}

fn in_recommendations(doc: &Document, offset: usize) -> bool {
    let mut section = doc.section_at(offset);
    let mut guard = 0;
    while let Some(idx) = section {
        let Some(s) = doc.sections.get(idx) else {
            return false;
        };
        if s.role == SectionRole::Recommendations {
            return true;
        }
        section = s.parent;
        guard += 1;
        if guard > 16 {
            return false;
        }
    }
    false
}

/// `**Actor:**` and the other fields at the start of a line (after a list marker), and the
/// usual values after `**Priority:**`.
fn recommendation_fields(
    before: &str,
    offset: usize,
    after: &str,
    edit: &dyn Fn(Span, String) -> Option<CompletionTextEdit>,
) -> Vec<CompletionItem> {
    let trimmed = before.trim_start();
    let rest = match trimmed.as_bytes() {
        [b'-' | b'*' | b'+', b' ', ..] => trimmed[2..].trim_start(),
        _ => trimmed,
    };
    if let Some(value) = rest
        .strip_prefix("**Priority:**")
        .or_else(|| rest.strip_prefix("**Priority**:"))
    {
        let partial = value.trim_start();
        if value.starts_with(' ') && partial.chars().all(char::is_alphabetic) {
            let word_end: usize = after
                .chars()
                .take_while(|c| c.is_alphabetic())
                .map(char::len_utf8)
                .sum();
            let word = Span::new(offset - partial.len(), offset + word_end);
            return ["High", "Medium", "Low"]
                .iter()
                .enumerate()
                .map(|(idx, level)| CompletionItem {
                    label: (*level).to_owned(),
                    kind: Some(CompletionItemKind::ENUM_MEMBER),
                    sort_text: Some(format!("{idx}")),
                    text_edit: edit(word, (*level).to_owned()),
                    ..CompletionItem::default()
                })
                .collect();
        }
        return Vec::new();
    }
    let stars = rest.len() - rest.trim_start_matches('*').len();
    if stars > 2 || !rest[stars..].chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    let tail: usize = after
        .chars()
        .take_while(|&c| c.is_alphabetic() || c == '*' || c == ':')
        .map(char::len_utf8)
        .sum();
    let word = Span::new(offset - rest.len(), offset + tail);
    FIELDS
        .iter()
        .enumerate()
        .map(|(idx, (name, about))| {
            let field = format!("**{name}:**");
            CompletionItem {
                label: field.clone(),
                kind: Some(CompletionItemKind::FIELD),
                detail: Some((*about).to_owned()),
                sort_text: Some(format!("{idx}")),
                filter_text: Some(field.clone()),
                text_edit: edit(word, format!("{field} ")),
                ..CompletionItem::default()
            }
        })
        .collect()
}

/// Rule codes and categories after `brief-ignore`, `brief-disable` or `brief-enable` in a
/// comment.
fn rule_codes(
    before: &str,
    offset: usize,
    after: &str,
    edit: &dyn Fn(Span, String) -> Option<CompletionTextEdit>,
) -> Option<Vec<CompletionItem>> {
    let comment = before.trim_start();
    if !(comment.starts_with("<!--") || comment.starts_with('#')) {
        return None;
    }
    let directive_end = ["brief-ignore", "brief-disable", "brief-enable"]
        .iter()
        .filter_map(|d| before.rfind(d).map(|at| at + d.len()))
        .max()?;
    let list = &before[directive_end..];
    let code_char = |c: char| c.is_ascii_alphanumeric() || c == '/' || c == '-';
    if !list.starts_with(' ') || !list.chars().all(|c| code_char(c) || c == ',' || c == ' ') {
        return None;
    }
    let typed: usize = list.chars().rev().take_while(|&c| code_char(c)).count();
    let rest: usize = after.chars().take_while(|&c| code_char(c)).count();
    let word = Span::new(offset - typed, offset + rest);
    let mut items: Vec<CompletionItem> = brief_lint::RULES
        .iter()
        .map(|rule| CompletionItem {
            label: rule.code.to_owned(),
            kind: Some(CompletionItemKind::CONSTANT),
            detail: Some(rule.summary.to_owned()),
            documentation: Some(markdown(format!(
                "[Documentation]({})",
                rule_url(rule.code)
            ))),
            text_edit: edit(word, rule.code.to_owned()),
            ..CompletionItem::default()
        })
        .collect();
    let mut categories: Vec<&str> = brief_lint::RULES.iter().map(|r| r.category()).collect();
    categories.dedup();
    items.extend(categories.into_iter().map(|category| CompletionItem {
        label: category.to_owned(),
        kind: Some(CompletionItemKind::MODULE),
        detail: Some(format!("every `{category}/*` rule")),
        text_edit: edit(word, category.to_owned()),
        ..CompletionItem::default()
    }));
    Some(items)
}
