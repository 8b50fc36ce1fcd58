//! Hovers: a citation shows its source; a frontmatter key its schema description; a value of a
//! closed set (`type: memo`) what that value means; a rule code in a suppression comment the
//! rule's summary.

use brief_model::{Citation, Document, FileRef, Source, Span};
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};
use serde_json::Value;

use crate::analysis::Analysis;
use crate::diagnostics::{range_of, rule_url};
use crate::position::Encoding;

/// The hover at byte `offset`.
pub(crate) fn hover(analysis: &Analysis, offset: usize, encoding: Encoding) -> Option<Hover> {
    let doc = &analysis.document;
    let (markdown, span) = if let Some(citation) = citation_at(doc, offset) {
        let text = match doc.source(&citation.key) {
            Some(source) => source_markdown(doc, source),
            None => format!(
                "No source has the key `{}`: add it under `sources:` or to the bibliography file.",
                citation.key
            ),
        };
        (text, citation.key_span)
    } else if let Some(found) = frontmatter_hover(doc, offset) {
        found
    } else {
        suppression_hover(doc, offset)?
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(range_of(analysis, span, encoding)),
    })
}

/// The citation (or would-be citation: a bare `@word` no source defines) at `offset`.
pub(crate) fn citation_at(doc: &Document, offset: usize) -> Option<&Citation> {
    let on = |c: &&Citation| {
        let span = c.span.cover(c.key_span);
        span.start <= offset && offset <= span.end
    };
    doc.citations()
        .find(on)
        .or_else(|| doc.mentions.iter().map(|m| &m.citation).find(on))
}

/// The source whose definition (its whole entry in the frontmatter) holds `offset`.
pub(crate) fn source_defined_at(doc: &Document, offset: usize) -> Option<&Source> {
    doc.sources.iter().find(|s| {
        s.location.file == FileRef::Brief
            && s.location.span.start <= offset
            && offset <= s.location.span.end
    })
}

/// A source as Markdown: title, authors and date, where it appeared, its link, where it is defined.
pub(crate) fn source_markdown(doc: &Document, source: &Source) -> String {
    let mut lines = Vec::new();
    lines.push(match &source.title {
        Some(title) => format!("**{}**", escape(title)),
        None => "*(no title)*".to_owned(),
    });
    let mut byline = Vec::new();
    if !source.authors.is_empty() {
        let names: Vec<String> = source.authors.iter().map(|a| a.display()).collect();
        byline.push(escape(&names.join(", ")));
    }
    if let Some(issued) = &source.issued_text {
        byline.push(escape(issued));
    }
    if !byline.is_empty() {
        lines.push(byline.join(" · "));
    }
    let mut venue = Vec::new();
    if let Some(container) = &source.container_title {
        venue.push(format!("*{}*", escape(container)));
    }
    if let Some(publisher) = &source.publisher
        && source.container_title.as_deref() != Some(publisher.as_str())
    {
        venue.push(escape(publisher));
    }
    if let Some(kind) = source.source_type {
        venue.push(format!("({})", kind.as_str()));
    }
    if !venue.is_empty() {
        lines.push(venue.join(", "));
    }
    if let Some(url) = &source.url {
        lines.push(format!("<{url}>"));
    } else if let Some(doi) = &source.doi {
        lines.push(format!("<https://doi.org/{doi}>"));
    }
    let defined = match source.location.file {
        FileRef::Brief => "in the frontmatter".to_owned(),
        FileRef::Loaded(idx) => doc.files.get(idx).map_or_else(
            || "in a bibliography".to_owned(),
            |f| format!("in `{}`", f.path),
        ),
    };
    lines.push(format!("`@{}`, defined {defined}", source.id));
    lines.join("\n\n")
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>#|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn frontmatter_hover(doc: &Document, offset: usize) -> Option<(String, Span)> {
    let fm = doc.frontmatter_span?;
    if offset < fm.start || offset > fm.end {
        return None;
    }
    // The deepest key under the cursor.
    let on_key = doc
        .positions
        .iter()
        .filter(|(_, pos)| {
            pos.key
                .is_some_and(|k| k.start <= offset && offset <= k.end)
        })
        .max_by_key(|(pointer, _)| pointer.len());
    if let Some((pointer, pos)) = on_key {
        let description = key_description(pointer)?;
        let key = pointer.rsplit('/').next().unwrap_or_default();
        let mut text = format!("**`{key}`**: {description}");
        let values = enum_values(pointer);
        if !values.is_empty() {
            text.push_str("\n\nOne of:");
            for (value, about) in values {
                text.push_str(&format!("\n- `{value}`"));
                if let Some(about) = about {
                    text.push_str(&format!(": {about}"));
                }
            }
        }
        return Some((text, pos.key.unwrap_or(pos.value)));
    }
    // A value of a closed set.
    let (pointer, pos) = doc
        .positions
        .iter()
        .filter(|(pointer, pos)| {
            !pointer.is_empty() && pos.value.start <= offset && offset <= pos.value.end
        })
        .max_by_key(|(pointer, _)| pointer.len())?;
    let value = doc.frontmatter_value.pointer(pointer)?.as_str()?;
    let (_, about) = enum_values(pointer)
        .into_iter()
        .find(|(candidate, _)| candidate == value)?;
    Some((format!("`{value}`: {}", about?), pos.value))
}

/// The description of the key at `pointer`: the property's own, else its type's.
pub(crate) fn key_description(pointer: &str) -> Option<String> {
    let (parent, key) = pointer.rsplit_once('/')?;
    let key = key.replace("~1", "/").replace("~0", "~");
    if key.starts_with("x-") {
        let parent_schema = brief_model::schema::subschema_at(parent)?;
        return parent_schema
            .pointer("/patternProperties/^x-/description")
            .and_then(Value::as_str)
            .map(str::to_owned);
    }
    let own = brief_model::schema::subschema_at(parent)
        .and_then(|node| node.get("properties"))
        .and_then(|props| props.get(&key))
        .and_then(|prop| prop.get("description"))
        .and_then(Value::as_str);
    own.or_else(|| brief_model::schema::describe(pointer))
        .map(str::to_owned)
}

/// The values allowed at `pointer` when they are a closed set, with their descriptions.
pub(crate) fn enum_values(pointer: &str) -> Vec<(String, Option<String>)> {
    let Some(node) = brief_model::schema::subschema_at(pointer) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    collect_values(brief_model::schema::brief_schema(), node, &mut out, 0);
    out
}

fn collect_values(root: &Value, node: &Value, out: &mut Vec<(String, Option<String>)>, depth: u8) {
    if depth > 8 {
        return;
    }
    let node = match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => match reference.strip_prefix('#').and_then(|p| root.pointer(p)) {
            Some(target) => target,
            None => return,
        },
        None => node,
    };
    let description = node
        .get("description")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if let Some(value) = node.get("const").and_then(Value::as_str) {
        out.push((value.to_owned(), description));
        return;
    }
    if let Some(values) = node.get("enum").and_then(Value::as_array) {
        out.extend(
            values
                .iter()
                .filter_map(Value::as_str)
                .map(|v| (v.to_owned(), None)),
        );
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(branches) = node.get(key).and_then(Value::as_array) {
            for branch in branches {
                collect_values(root, branch, out, depth + 1);
            }
        }
    }
}

fn suppression_hover(doc: &Document, offset: usize) -> Option<(String, Span)> {
    let suppression = doc
        .suppressions
        .iter()
        .find(|s| s.span.start <= offset && offset <= s.span.end)?;
    let comment = suppression.span.text(&doc.source);
    for rule in &suppression.rules {
        for (at, _) in comment.match_indices(rule.as_str()) {
            let span = Span::new(
                suppression.span.start + at,
                suppression.span.start + at + rule.len(),
            );
            if span.start <= offset && offset <= span.end {
                return Some((rule_markdown(rule), span));
            }
        }
    }
    None
}

fn rule_markdown(selector: &str) -> String {
    if let Some(rule) = brief_lint::rule(selector) {
        return format!(
            "**`{}`** ({}): {}\n\n[Documentation]({})",
            rule.code,
            rule.severity,
            rule.summary,
            rule_url(rule.code)
        );
    }
    let rules: Vec<&str> = brief_lint::RULES
        .iter()
        .filter(|r| brief_lint::registry::matches(selector, r.code))
        .map(|r| r.code)
        .collect();
    if rules.is_empty() {
        format!("`{selector}` is not a rule or category")
    } else {
        format!(
            "**`{selector}`**: {} rules\n\n{}",
            rules.len(),
            rules
                .iter()
                .map(|code| format!("- `{code}`"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    }
}
