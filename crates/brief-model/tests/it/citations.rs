//! Citations in Pandoc's syntax, inside and outside brackets; handles and e-mail addresses;
//! footnotes and links as the sourcing of a sentence.

use brief_model::{Citation, Document, Sentence};

use crate::{brief, parse_clean};

/// A brief with inline sources `a`, `b`, `smith2020` and `StateDept`-less keys, and `body`.
fn with_sources(body: &str) -> String {
    format!(
        "---\ntitle: T\nauthors: [A]\nsources:\n  - id: a\n  - id: b\n  - id: smith2020\n  - id: un:2022\n---\n\n{body}"
    )
}

fn sentence<'a>(doc: &'a Document, starts_with: &str) -> &'a Sentence {
    doc.sentences
        .iter()
        .find(|s| s.text.starts_with(starts_with))
        .unwrap_or_else(|| {
            panic!(
                "no sentence starts with {starts_with:?}: {:#?}",
                doc.sentences
            )
        })
}

fn keys(citations: &[Citation]) -> Vec<&str> {
    citations.iter().map(|c| c.key.as_str()).collect()
}

#[test]
fn a_bracketed_key() {
    let doc = parse_clean(&with_sources("Incidents fell [@a].\n"));
    let cites = &doc.sentences[0].citations;
    assert_eq!(keys(cites), ["a"]);
    let cite = &cites[0];
    assert_eq!(cite.prefix, None);
    assert_eq!(cite.locator, None);
    assert!(!cite.suppress_author && !cite.narrative);
    assert_eq!(doc.text(cite.key_span), "a");
    assert_eq!(doc.text(cite.span), "@a");
    assert_eq!(doc.text(cite.group_span), "[@a]");
}

#[test]
fn a_key_with_a_locator() {
    let doc = parse_clean(&with_sources("Incidents fell [@a, p. 4].\n"));
    let cite = &doc.sentences[0].citations[0];
    assert_eq!(cite.key, "a");
    assert_eq!(cite.locator.as_deref(), Some("p. 4"));
    assert_eq!(doc.text(cite.span), "@a, p. 4");
}

#[test]
fn a_group_with_a_prefix_and_locators() {
    let doc = parse_clean(&with_sources(
        "Incidents fell [see @a, pp. 3-5; @b] last year.\n",
    ));
    let cites = &doc.sentences[0].citations;
    assert_eq!(keys(cites), ["a", "b"]);
    assert_eq!(cites[0].prefix.as_deref(), Some("see"));
    assert_eq!(cites[0].locator.as_deref(), Some("pp. 3-5"));
    assert_eq!(cites[1].prefix, None);
    assert_eq!(cites[1].locator, None);
    assert_eq!(doc.text(cites[0].span), "see @a, pp. 3-5");
    assert_eq!(doc.text(cites[1].span), "@b");
    for cite in cites {
        assert_eq!(doc.text(cite.group_span), "[see @a, pp. 3-5; @b]");
    }
}

#[test]
fn suppress_author() {
    let doc = parse_clean(&with_sources("Smith argues this [-@smith2020].\n"));
    let cite = &doc.sentences[0].citations[0];
    assert_eq!(cite.key, "smith2020");
    assert!(cite.suppress_author);
    assert_eq!(doc.text(cite.span), "-@smith2020");
    assert_eq!(doc.text(cite.key_span), "smith2020");
}

#[test]
fn keys_with_internal_punctuation() {
    let doc = parse_clean(&with_sources("Votes were cast [@un:2022].\n"));
    assert_eq!(keys(&doc.sentences[0].citations), ["un:2022"]);
}

#[test]
fn a_bracketed_citation_with_an_unknown_key_is_still_a_citation() {
    // Whether the key exists is the linter's business; the model records what was written.
    let doc = parse_clean(&with_sources("Flows fell [@nowhere].\n"));
    assert_eq!(keys(&doc.sentences[0].citations), ["nowhere"]);
}

#[test]
fn narrative_citations_resolve_against_sources() {
    let doc = parse_clean(&with_sources(
        "As @smith2020 argues, the line holds. @smith2020 [p. 33] says more.\n",
    ));
    let first = sentence(&doc, "As ");
    assert_eq!(keys(&first.citations), ["smith2020"]);
    assert!(first.citations[0].narrative);
    assert_eq!(doc.text(first.citations[0].span), "@smith2020");
    let second = sentence(&doc, "@smith2020 [p. 33]");
    assert_eq!(second.citations[0].locator.as_deref(), Some("p. 33"));
    assert_eq!(doc.text(second.citations[0].span), "@smith2020 [p. 33]");
}

#[test]
fn handles_and_email_addresses_stay_text() {
    let doc = parse_clean(&with_sources(
        "@StateDept posted a statement. Write to press@example.org or a@b.org for details.\n",
    ));
    for sentence in &doc.sentences {
        assert!(
            sentence.citations.is_empty(),
            "{:?} has citations {:?}",
            sentence.text,
            sentence.citations
        );
    }
    // The unresolved handle is kept as a mention; e-mail addresses are not even candidates.
    let mentions: Vec<&str> = doc
        .mentions
        .iter()
        .map(|m| m.citation.key.as_str())
        .collect();
    assert_eq!(mentions, ["StateDept"]);
    assert_eq!(doc.text(doc.mentions[0].citation.span), "@StateDept");
}

#[test]
fn an_email_at_a_source_key_is_not_a_citation() {
    // `b` and `a` are source keys, but here they are parts of an address.
    let doc = parse_clean(&with_sources("Write to x@a or a@b.\n"));
    assert!(doc.sentences[0].citations.is_empty());
}

#[test]
fn citations_in_inline_code_are_ignored() {
    let doc = parse_clean(&with_sources("Write `[@a]` to cite.\n"));
    assert!(doc.sentences[0].citations.is_empty());
}

#[test]
fn links_and_plain_brackets_are_not_citations() {
    let doc = parse_clean(&with_sources(
        "See [the report](https://example.org/r) and [a note] and [email](mailto:x@a).\n",
    ));
    assert!(doc.sentences[0].citations.is_empty());
}

#[test]
fn citations_belong_to_the_sentence_they_end() {
    let doc = parse_clean(&with_sources(
        "Incidents fell in 2024. [@a] Prices rose.[@b] Then they fell.\n",
    ));
    assert_eq!(keys(&sentence(&doc, "Incidents").citations), ["a"]);
    assert_eq!(keys(&sentence(&doc, "Prices").citations), ["b"]);
    assert!(sentence(&doc, "Then").citations.is_empty());
}

#[test]
fn a_footnote_reference_sources_the_sentence_it_ends() {
    let source = brief(
        "Flows fell by a third.[^1] Nobody disputes this. Losses reach 40 per cent.[^note]\n\n[^1]: Basin report, https://example.org/basin.\n\n[^note]: A [survey](https://example.org/survey).\n",
    );
    let doc = parse_clean(&source);
    let first = sentence(&doc, "Flows");
    assert_eq!(first.footnotes.len(), 1);
    assert_eq!(doc.footnote_refs[first.footnotes[0]].label, "1");
    assert_eq!(doc.text(doc.footnote_refs[first.footnotes[0]].span), "[^1]");
    assert!(first.is_sourced(&doc, false));
    let second = sentence(&doc, "Nobody");
    assert!(second.footnotes.is_empty());
    assert!(!second.is_sourced(&doc, true));
    let third = sentence(&doc, "Losses");
    assert_eq!(doc.footnote_refs[third.footnotes[0]].label, "note");

    assert_eq!(doc.footnotes.len(), 2);
    let note = doc.footnote("1").expect("the definition is found");
    assert_eq!(note.text, "Basin report, https://example.org/basin.");
    assert_eq!(doc.text(note.label_span), "[^1]:");
    assert_eq!(note.urls.len(), 1);
    assert_eq!(note.urls[0].0, "https://example.org/basin");
    assert_eq!(doc.text(note.urls[0].1), "https://example.org/basin");
    let survey = doc.footnote("note").unwrap();
    assert_eq!(survey.urls[0].0, "https://example.org/survey");
}

#[test]
fn a_footnote_marker_after_a_space_still_ends_its_sentence() {
    let doc = parse_clean(&brief(
        "Flows fell by a third. [^1] Prices rose.\n\n[^1]: Basin report.\n",
    ));
    let first = sentence(&doc, "Flows");
    assert_eq!(first.footnotes.len(), 1, "{:#?}", doc.sentences);
    assert!(sentence(&doc, "Prices").footnotes.is_empty());
}

#[test]
fn a_web_link_sources_its_sentence_and_other_links_do_not() {
    let doc = parse_clean(&brief(
        "Flows fell, says the [basin report](https://example.org/basin \"Basin\"). See also [the annex](annex.md). Mail <https://example.org/auto>.\n",
    ));
    let first = sentence(&doc, "Flows");
    assert_eq!(first.links.len(), 1);
    let link = &doc.links[first.links[0]];
    assert_eq!(link.url, "https://example.org/basin");
    assert_eq!(link.text, "basin report");
    assert!(!link.autolink);
    assert!(link.is_web());
    assert_eq!(
        doc.text(link.span),
        "[basin report](https://example.org/basin \"Basin\")"
    );
    assert!(first.is_sourced(&doc, true));
    assert!(
        !first.is_sourced(&doc, false),
        "links count only when asked to"
    );
    let second = sentence(&doc, "See also");
    assert!(!doc.links[second.links[0]].is_web());
    assert!(!second.is_sourced(&doc, true));
    let third = sentence(&doc, "Mail");
    let auto = &doc.links[third.links[0]];
    assert!(auto.autolink);
    assert_eq!(auto.url, "https://example.org/auto");
}

#[test]
fn citations_inside_quotations_and_lists() {
    let doc = parse_clean(&with_sources(
        "- A point [@a].\n- \"A quoted line [@b].\"\n\n> Quoted in a block [@a, para. 3].\n",
    ));
    assert_eq!(keys(&sentence(&doc, "A point").citations), ["a"]);
    assert_eq!(keys(&sentence(&doc, "\"A quoted").citations), ["b"]);
    let block = sentence(&doc, "Quoted in a block");
    assert_eq!(block.citations[0].locator.as_deref(), Some("para. 3"));
    assert!(block.context.blockquote);
}
