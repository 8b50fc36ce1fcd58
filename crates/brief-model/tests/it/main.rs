//! Integration tests of the brief format and its document model.
//!
//! Every test goes through the public API (`parse`, `resolve`, the JSON view), and every parse
//! made by a helper here also checks the model's central invariant: each span lies on character
//! boundaries inside the input.

mod citations;
mod encoding;
mod frontmatter;
mod loading;
mod nesting;
mod properties;
mod recommendations;
mod schema;
mod sentences;
mod snapshots;
mod sources;
mod structure;
mod suppressions;

use std::path::{Path, PathBuf};

use brief_model::{Diagnostic, Document, FileRef, Parsed, Span};

/// A minimal frontmatter block that produces no diagnostics.
pub(crate) const FRONTMATTER: &str = "---\ntitle: Test brief\nauthors: [Ani Margaryan]\n---\n\n";

/// A brief with the minimal frontmatter and `body`.
pub(crate) fn brief(body: &str) -> String {
    format!("{FRONTMATTER}{body}")
}

/// Parses `source` and checks that every span of the result is valid.
pub(crate) fn parse(source: &str) -> Parsed {
    let parsed = brief_model::parse(source);
    assert_spans_valid(source, &parsed);
    parsed
}

/// Parses `source`, checks its spans, and asserts that parsing reported nothing.
pub(crate) fn parse_clean(source: &str) -> Document {
    let parsed = parse(source);
    assert!(
        parsed.diagnostics.is_empty(),
        "unexpected diagnostics: {:#?}",
        parsed.diagnostics
    );
    parsed.document
}

/// The codes of the diagnostics, in order.
pub(crate) fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().map(|d| d.code).collect()
}

/// The only diagnostic with `code`; fails when there is not exactly one.
pub(crate) fn only<'a>(diagnostics: &'a [Diagnostic], code: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.code == code).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one `{code}` diagnostic, got {diagnostics:#?}"
    );
    found[0]
}

/// The repository root.
pub(crate) fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository root exists")
}

/// The example briefs in `briefs/`, as repository-relative paths, sorted.
pub(crate) fn example_briefs() -> Vec<String> {
    let root = repo();
    let mut found = Vec::new();
    let mut stack = vec![root.join("briefs")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("briefs/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let relative = path.strip_prefix(&root).expect("inside the repository");
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    assert!(found.len() >= 3, "expected at least three example briefs");
    found
}

/// Fails unless `span` lies on character boundaries inside `text`.
#[track_caller]
pub(crate) fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: {span:?} is not inside the {} bytes of the input",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: {span:?} does not lie on character boundaries"
    );
}

/// Checks every span of a parse result against the input it was parsed from.
pub(crate) fn assert_spans_valid(source: &str, parsed: &Parsed) {
    let doc = &parsed.document;
    assert_eq!(doc.source, source, "the document keeps the input unchanged");
    let check = |span: Span, what: &str| assert_span(source, span, what);
    if let Some(span) = doc.frontmatter_span {
        check(span, "frontmatter");
    }
    check(doc.body_span, "body");
    for (pointer, position) in doc.positions.iter() {
        check(position.value, pointer);
        if let Some(key) = position.key {
            check(key, pointer);
        }
    }
    for section in &doc.sections {
        check(section.span, "section");
        check(section.text_span, "section text");
        check(section.extent, "section extent");
    }
    for block in &doc.blocks {
        check(block.span, "block");
    }
    for paragraph in &doc.paragraphs {
        check(paragraph.span, "paragraph");
    }
    for sentence in &doc.sentences {
        check(sentence.span, "sentence");
        for citation in &sentence.citations {
            check(citation.span, "citation");
            check(citation.key_span, "citation key");
            check(citation.group_span, "citation group");
        }
        for quotation in &sentence.quotations {
            check(quotation.span, "quotation");
        }
    }
    for mention in &doc.mentions {
        check(mention.citation.span, "mention");
    }
    for footnote in &doc.footnotes {
        check(footnote.span, "footnote");
        check(footnote.label_span, "footnote label");
        for (_, span) in &footnote.urls {
            check(*span, "footnote URL");
        }
    }
    for reference in &doc.footnote_refs {
        check(reference.span, "footnote reference");
    }
    for reference in &doc.undefined_footnotes {
        check(reference.span, "undefined footnote reference");
    }
    for link in &doc.links {
        check(link.span, "link");
    }
    for image in &doc.images {
        check(image.span, "image");
    }
    for table in &doc.tables {
        check(table.span, "table");
    }
    for rec in &doc.recommendations {
        check(rec.span, "recommendation");
        check(rec.action_span, "recommendation action");
        if let Some(span) = rec.rationale_span {
            check(span, "recommendation rationale");
        }
        for field in &rec.fields {
            check(field.span, "recommendation field");
        }
    }
    for span in &doc.unstructured_recommendations {
        check(*span, "unstructured recommendation");
    }
    if let Some(summary) = &doc.summary {
        check(summary.span, "summary");
    }
    for suppression in &doc.suppressions {
        check(suppression.span, "suppression");
        check(suppression.applies_to, "suppression target");
    }
    for source_entry in &doc.sources {
        if source_entry.location.file == FileRef::Brief {
            check(source_entry.location.span, "source");
            check(source_entry.location.key_span, "source key");
        }
    }
    for diagnostic in &parsed.diagnostics {
        if diagnostic.file != FileRef::Brief {
            continue;
        }
        check(diagnostic.span, diagnostic.code);
        for (span, _) in &diagnostic.related {
            check(*span, diagnostic.code);
        }
        for edit in diagnostic.fix.iter().flat_map(|f| &f.edits) {
            check(edit.span, diagnostic.code);
        }
    }
}
