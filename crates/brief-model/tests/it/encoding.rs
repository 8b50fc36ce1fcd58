//! CRLF line endings and a byte order mark: spans stay on character boundaries of the original
//! file and point at the right text.

use crate::{FRONTMATTER, only, parse, parse_clean};

const BODY: &str = "## Recommendations: Սահման и граница\n\nThe U.S. envoy met Ани Մարգարյան.[^1] Prices rose “sharply” [@icg-2024, p. 4].\n\n### The State Department should appoint an envoy\n\n- **Actor:** U.S. Department of State\n\nBecause the talks stall [@icg-2024].\n\n<!-- brief-ignore style: fine -->\nLast words.\n\n[^1]: A note, https://example.org/note.\n";

const SOURCES: &str = "---\ntitle: Սահման\nauthors:\n  - name: Լիլիթ Հովհաննիսյան\n  - Ани\n# brief-ignore frontmatter: fine\nsources:\n  - id: icg-2024\n    url: https://example.org/icg\n---\n\n";

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

#[test]
fn crlf_and_bom_give_the_same_model_as_lf() {
    let lf = format!("{SOURCES}{BODY}");
    let reference = parse_clean(&lf);
    for variant in [
        crlf(&lf),
        format!("\u{feff}{lf}"),
        format!("\u{feff}{}", crlf(&lf)),
    ] {
        let doc = parse_clean(&variant);
        assert_eq!(doc.frontmatter, reference.frontmatter);
        assert_eq!(doc.sources.len(), 1);
        let texts = |d: &brief_model::Document| -> Vec<String> {
            d.sentences.iter().map(|s| s.text.clone()).collect()
        };
        assert_eq!(texts(&doc), texts(&reference));
        let headings: Vec<(&str, &str)> = doc
            .sections
            .iter()
            .map(|s| (s.text.as_str(), s.id.as_str()))
            .collect();
        assert_eq!(
            headings,
            [
                (
                    "Recommendations: Սահման и граница",
                    "recommendations-սահման-и-граница"
                ),
                (
                    "The State Department should appoint an envoy",
                    "the-state-department-should-appoint-an-envoy"
                )
            ]
        );
        assert_eq!(doc.word_count, reference.word_count);
        assert_eq!(doc.recommendations.len(), 1);
        assert_eq!(doc.suppressions.len(), 2);
    }
}

#[test]
fn spans_point_at_the_right_text_with_crlf_and_bom() {
    let source = format!("\u{feff}{}", crlf(&format!("{SOURCES}{BODY}")));
    let doc = parse_clean(&source);
    assert_eq!(
        doc.text(doc.sections[0].text_span),
        "Recommendations: Սահման и граница"
    );
    let sentence = &doc.sentences[0];
    assert_eq!(doc.text(sentence.span), "The U.S. envoy met Ани Մարգարյան.");
    assert_eq!(doc.footnote_refs[sentence.footnotes[0]].label, "1");
    let prices = &doc.sentences[1];
    assert_eq!(doc.text(prices.citations[0].key_span), "icg-2024");
    assert_eq!(
        doc.text(prices.citations[0].group_span),
        "[@icg-2024, p. 4]"
    );
    assert_eq!(doc.text(prices.quotations[0].span), "“sharply”");
    let author = doc.positions.get("/authors/0/name").unwrap();
    assert_eq!(doc.text(author.value), "Լիլիթ Հովհաննիսյան");
    assert_eq!(
        doc.text(doc.positions.get("/authors/1").unwrap().value),
        "Ани"
    );
    let source_key = doc.sources[0].location.key_span;
    assert_eq!(doc.text(source_key), "icg-2024");
    let rec = &doc.recommendations[0];
    assert_eq!(rec.actor.as_deref(), Some("U.S. Department of State"));
    // The rationale runs to the end of the recommendation, without the footnote definition.
    let rationale = doc.text(rec.rationale_span.unwrap());
    assert!(rationale.starts_with("Because the talks stall [@icg-2024]."));
    assert!(rationale.ends_with("Last words."), "{rationale:?}");
    assert_eq!(rec.evidence, ["icg-2024"]);
    let fm_suppression = doc.suppressions.iter().find(|s| s.in_frontmatter).unwrap();
    assert_eq!(
        doc.text(fm_suppression.span),
        "# brief-ignore frontmatter: fine"
    );
    assert!(doc.text(fm_suppression.applies_to).starts_with("sources:"));
    let body_suppression = doc.suppressions.iter().find(|s| !s.in_frontmatter).unwrap();
    assert_eq!(
        doc.text(body_suppression.span),
        "<!-- brief-ignore style: fine -->"
    );
    assert!(
        doc.text(body_suppression.applies_to)
            .starts_with("Last words.")
    );
    let note = &doc.footnotes[0];
    assert_eq!(doc.text(note.urls[0].1), "https://example.org/note");
    // Lines and columns count scalar values, after the BOM.
    let at = doc.line_col(sentence.span.start);
    assert_eq!((at.line, at.column), (14, 1));
    let name = doc.line_col(author.value.start);
    assert_eq!((name.line, name.column), (4, 11));
}

#[test]
fn the_bom_is_part_of_the_file_and_outside_every_span() {
    let source = format!("\u{feff}{FRONTMATTER}Text.\n");
    let doc = parse_clean(&source);
    assert_eq!(doc.frontmatter.title, "Test brief");
    let yaml = doc.frontmatter_span.unwrap();
    assert!(yaml.start > 3);
    assert_eq!(doc.text(doc.sentences[0].span), "Text.");
}

#[test]
fn diagnostics_with_crlf_and_bom_point_at_the_right_text() {
    let source = "\u{feff}---\r\ntitle: T\r\nauthors:\r\n  - Ани\r\n  - name: 42\r\nsubtitel: x\r\n---\r\n\r\nBody.\r\n";
    let parsed = parse(source);
    let doc = &parsed.document;
    let unknown = only(&parsed.diagnostics, "schema/unknown-key");
    assert_eq!(doc.text(unknown.span), "subtitel");
    assert_eq!(doc.line_col(unknown.span.start).line, 6);
    let wrong = only(&parsed.diagnostics, "schema/invalid-value");
    assert_eq!(doc.text(wrong.span), "42");
    let at = doc.line_col(wrong.span.start);
    assert_eq!((at.line, at.column), (5, 11));
    let parsed = parse("\u{feff}---\r\ntitle: \"T\r\n---\r\n");
    let syntax = only(&parsed.diagnostics, "schema/yaml-syntax");
    assert!(syntax.span.start >= 3);
}

#[test]
fn a_bom_without_frontmatter_is_reported_after_the_bom() {
    let parsed = parse("\u{feff}# Title\r\n\r\nText.\r\n");
    let diag = only(&parsed.diagnostics, "schema/missing-frontmatter");
    assert_eq!(diag.span.start, 3);
    assert_eq!(parsed.document.text(diag.span), "# Title");
}
