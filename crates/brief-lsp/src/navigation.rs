//! Go to definition (a citation to its source entry, in the frontmatter or a bibliography file)
//! and find references (every citation of a source, from a citation or from its definition).

use brief_model::{Document, FileRef, Source, Span};
use lsp_types::{Location, Uri};

use crate::analysis::Analysis;
use crate::hover::{citation_at, source_defined_at};
use crate::position::{Encoding, LineIndex};

/// Where the source cited at `offset` is defined.
pub(crate) fn definition(
    analysis: &Analysis,
    uri: &Uri,
    offset: usize,
    encoding: Encoding,
) -> Option<Location> {
    let doc = &analysis.document;
    let citation = citation_at(doc, offset)?;
    let source = doc.source(&citation.key)?;
    source_location(analysis, uri, source, encoding)
}

/// Every citation of the source cited or defined at `offset`, and its definition when asked.
pub(crate) fn references(
    analysis: &Analysis,
    uri: &Uri,
    offset: usize,
    include_declaration: bool,
    encoding: Encoding,
) -> Vec<Location> {
    let doc = &analysis.document;
    let key = match citation_at(doc, offset) {
        Some(citation) => citation.key.clone(),
        None => match source_defined_at(doc, offset) {
            Some(source) => source.id.clone(),
            None => return Vec::new(),
        },
    };
    let mut out = Vec::new();
    if include_declaration
        && let Some(location) = doc
            .source(&key)
            .and_then(|source| source_location(analysis, uri, source, encoding))
    {
        out.push(location);
    }
    let index = &analysis.line_index;
    let text = analysis.text();
    out.extend(
        doc.citations()
            .filter(|c| c.key == key)
            .map(|c| Location::new(uri.clone(), index.range(text, c.key_span, encoding))),
    );
    out
}

/// The location of a source's key, in the brief or in the bibliography file that defines it.
fn source_location(
    analysis: &Analysis,
    uri: &Uri,
    source: &Source,
    encoding: Encoding,
) -> Option<Location> {
    let doc = &analysis.document;
    let span = source.location.key_span;
    match source.location.file {
        FileRef::Brief => Some(Location::new(
            uri.clone(),
            analysis.line_index.range(analysis.text(), span, encoding),
        )),
        FileRef::Loaded(idx) => {
            let file = doc.files.get(idx)?;
            let file_uri = crate::uri::from_path(&file.resolved)?;
            Some(Location::new(
                file_uri,
                file_range(doc, source.location.file, span, encoding),
            ))
        }
    }
}

fn file_range(doc: &Document, file: FileRef, span: Span, encoding: Encoding) -> lsp_types::Range {
    let text = doc.file_text(file);
    LineIndex::new(text).range(text, span, encoding)
}
