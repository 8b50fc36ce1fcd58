//! `sources/*`: whether the sources behind a brief are complete, valid and varied.

use brief_model::{Diagnostic, Document, FileRef, Source, Span};

use crate::rule::Report;

pub(crate) mod anachronism;
pub(crate) mod concentration;
pub(crate) mod duplicate_id;
pub(crate) mod duplicate_url;
pub(crate) mod incomplete_note;
pub(crate) mod insecure_url;
pub(crate) mod invalid_url;
pub(crate) mod missing_accessed;
pub(crate) mod missing_date;
pub(crate) mod missing_locator;
pub(crate) mod missing_title;
pub(crate) mod none;
pub(crate) mod quote_mismatch;

/// A diagnostic on a source's key, in the file that defines it.
pub(crate) fn on_source(report: &Report<'_>, source: &Source, message: String) -> Diagnostic {
    report
        .diag(source.location.key_span, message)
        .in_file(source.location.file)
}

/// A footnote's Markdown without its URLs, so that `_` and `*` in addresses are not emphasis.
pub(crate) fn note_without_urls(doc: &Document, footnote: &brief_model::FootnoteDef) -> String {
    footnote
        .urls
        .iter()
        .fold(footnote.span.text(&doc.source).to_owned(), |t, (url, _)| {
            t.replace(url.as_str(), " ")
        })
}

/// The title of a reference note: its first italic run (`*Title*`, `_Title_`), else its first
/// quoted words ("Title," or “Title”).
pub(crate) fn note_title(markdown: &str) -> Option<String> {
    let delimited = |open: char, close: char, word_start: bool| -> Option<String> {
        let mut from = 0;
        while let Some(pos) = markdown[from..].find(open).map(|p| p + from) {
            let before = markdown[..pos].chars().next_back();
            let inner_start = pos + open.len_utf8();
            if word_start && before.is_some_and(char::is_alphanumeric) {
                from = inner_start;
                continue;
            }
            let inner_end = markdown[inner_start..].find(close)? + inner_start;
            let inner = markdown[inner_start..inner_end]
                .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace())
                .trim_end_matches([',', '.', ';', ':']);
            if brief_model::count_words(inner) >= 1 {
                return Some(inner.to_owned());
            }
            from = inner_end + close.len_utf8();
        }
        None
    };
    delimited('*', '*', false)
        .or_else(|| delimited('_', '_', true))
        .or_else(|| delimited('“', '”', false))
        .or_else(|| delimited('"', '"', false))
}

/// A URL the brief relies on, and where it is written.
pub(crate) struct UrlUse {
    pub(crate) url: String,
    pub(crate) span: Span,
    pub(crate) file: FileRef,
    /// A source id or a footnote label, for messages.
    pub(crate) owner: String,
    /// Whether it belongs to a source or a footnote (not a link in the running text).
    pub(crate) reference: bool,
    /// The footnote it is written in.
    pub(crate) footnote: Option<usize>,
}

/// Every URL of sources, footnotes and links.
pub(crate) fn urls(doc: &Document) -> Vec<UrlUse> {
    let mut out = Vec::new();
    for source in &doc.sources {
        let text = doc.file_text(source.location.file);
        for url in [&source.url, &source.archive].into_iter().flatten() {
            let entry = source.location.span;
            let span = entry
                .text(text)
                .find(url.as_str())
                .map_or(source.location.key_span, |o| {
                    Span::new(entry.start + o, entry.start + o + url.len())
                });
            out.push(UrlUse {
                url: url.clone(),
                span,
                file: source.location.file,
                owner: format!("source `{}`", source.id),
                reference: true,
                footnote: None,
            });
        }
    }
    for (idx, footnote) in doc.footnotes.iter().enumerate() {
        for (url, span) in &footnote.urls {
            out.push(UrlUse {
                url: url.clone(),
                span: *span,
                file: FileRef::Brief,
                owner: format!("footnote `[^{}]`", footnote.label),
                reference: true,
                footnote: Some(idx),
            });
        }
    }
    for link in &doc.links {
        let in_footnote = doc.footnotes.iter().any(|f| f.span.contains(link.span));
        if in_footnote || link.url.starts_with('#') || link.url.starts_with("mailto:") {
            continue;
        }
        if link.url.contains("://") || link.url.starts_with("www.") {
            out.push(UrlUse {
                url: link.url.clone(),
                span: link.span,
                file: FileRef::Brief,
                owner: "a link".to_owned(),
                reference: false,
                footnote: None,
            });
        }
    }
    out
}
