//! The outline: sections as a tree, with each recommendation under the section holding it.
//!
//! A recommendation written as a `###` heading is that heading's section, shown as a
//! recommendation; one written as a list item is a child of its section.

use brief_model::{Document, RecommendationForm, Span};
use lsp_types::{
    DocumentSymbol, DocumentSymbolResponse, Location, SymbolInformation, SymbolKind, Uri,
};

use crate::analysis::Analysis;
use crate::position::Encoding;

/// The document symbols, nested when the client supports it.
pub(crate) fn document_symbols(
    analysis: &Analysis,
    uri: &Uri,
    encoding: Encoding,
    hierarchical: bool,
) -> DocumentSymbolResponse {
    let roots = tree(analysis, encoding);
    if hierarchical {
        return DocumentSymbolResponse::Nested(roots);
    }
    let mut flat = Vec::new();
    flatten(&roots, None, uri, &mut flat);
    DocumentSymbolResponse::Flat(flat)
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: lsp_types::Range,
    selection: lsp_types::Range,
) -> DocumentSymbol {
    let inside = |r: lsp_types::Range| range.start <= r.start && r.end <= range.end;
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: if inside(selection) { selection } else { range },
        children: None,
    }
}

fn tree(analysis: &Analysis, encoding: Encoding) -> Vec<DocumentSymbol> {
    let doc = &analysis.document;
    let range = |span: Span| analysis.line_index.range(analysis.text(), span, encoding);
    let mut nodes: Vec<Option<DocumentSymbol>> = doc
        .sections
        .iter()
        .map(|section| {
            let name = if section.text.trim().is_empty() {
                format!("(untitled section {})", section.id)
            } else {
                section.text.clone()
            };
            Some(symbol(
                name,
                None,
                SymbolKind::STRING,
                range(section.extent.cover(section.span)),
                range(section.text_span),
            ))
        })
        .collect();
    let mut children: Vec<Vec<(usize, DocumentSymbol)>> = vec![Vec::new(); nodes.len()];
    let mut roots: Vec<(usize, DocumentSymbol)> = Vec::new();
    for rec in &doc.recommendations {
        let detail = Some(match &rec.actor {
            Some(actor) => format!("{}: {actor}", rec.id),
            None => rec.id.clone(),
        });
        let heading = (rec.form == RecommendationForm::Heading)
            .then(|| section_of_heading(doc, rec.action_span))
            .flatten();
        if let Some(idx) = heading
            && let Some(Some(node)) = nodes.get_mut(idx)
        {
            node.kind = SymbolKind::EVENT;
            node.detail = detail;
            continue;
        }
        let name = short(&rec.action).unwrap_or_else(|| rec.id.clone());
        let node = symbol(
            name,
            detail,
            SymbolKind::EVENT,
            range(rec.span),
            range(rec.action_span),
        );
        match doc
            .section_at(rec.span.start)
            .and_then(|idx| children.get_mut(idx))
        {
            Some(list) => list.push((rec.span.start, node)),
            None => roots.push((rec.span.start, node)),
        }
    }
    // Parents come before their children, so building from the end finishes every child first.
    for idx in (0..nodes.len()).rev() {
        let Some(mut node) = nodes[idx].take() else {
            continue;
        };
        let mut own = std::mem::take(&mut children[idx]);
        own.sort_by_key(|(start, _)| *start);
        if !own.is_empty() {
            node.children = Some(own.into_iter().map(|(_, n)| n).collect());
        }
        let start = doc.sections[idx].span.start;
        match doc.sections[idx].parent.filter(|&p| p < idx) {
            Some(parent) => children[parent].push((start, node)),
            None => roots.push((start, node)),
        }
    }
    roots.sort_by_key(|(start, _)| *start);
    roots.into_iter().map(|(_, n)| n).collect()
}

/// The section whose heading holds `span`.
fn section_of_heading(doc: &Document, span: Span) -> Option<usize> {
    doc.sections
        .iter()
        .position(|s| s.span.start <= span.start && span.start < s.span.end.max(s.span.start + 1))
}

fn short(text: &str) -> Option<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return None;
    }
    if text.chars().count() <= 80 {
        return Some(text);
    }
    let cut: String = text.chars().take(77).collect();
    Some(format!("{cut}..."))
}

#[allow(deprecated)] // `SymbolInformation::deprecated` must still be written.
fn flatten(
    symbols: &[DocumentSymbol],
    container: Option<&str>,
    uri: &Uri,
    out: &mut Vec<SymbolInformation>,
) {
    for symbol in symbols {
        out.push(SymbolInformation {
            name: symbol.name.clone(),
            kind: symbol.kind,
            tags: None,
            deprecated: None,
            location: Location::new(uri.clone(), symbol.range),
            container_name: container.map(str::to_owned),
        });
        if let Some(children) = &symbol.children {
            flatten(children, Some(&symbol.name), uri, out);
        }
    }
}
