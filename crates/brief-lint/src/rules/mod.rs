//! The rules, one per file, grouped by category.

pub(crate) mod citations;
pub(crate) mod claims;
pub(crate) mod recommendations;
pub(crate) mod schema;
pub(crate) mod sources;
pub(crate) mod structure;
pub(crate) mod style;
pub(crate) mod suppression;

use brief_model::{Document, Span};

/// Where to report a finding about the whole brief: its title, else the first line.
pub(crate) fn brief_span(doc: &Document) -> Span {
    if let Some(pos) = doc.positions.get("/title") {
        return pos.value;
    }
    let first_line = doc.source.find('\n').unwrap_or(doc.source.len());
    Span::new(0, first_line.min(doc.source.len()))
}

/// Where to report a finding about a frontmatter key: its value, else the brief.
pub(crate) fn key_span(doc: &Document, pointer: &str) -> Span {
    doc.positions
        .get(pointer)
        .map_or_else(|| brief_span(doc), |p| p.value)
}
