//! Sentence splitting on what briefs contain, and quotations.

use brief_model::QuoteKind;

use crate::{brief, parse_clean};

/// Checks that the body `text` splits into `expected` sentences, each with a span whose text is
/// the sentence as written.
#[track_caller]
fn check(text: &str, expected: &[&str]) {
    let doc = parse_clean(&brief(&format!("{text}\n")));
    let got: Vec<&str> = doc.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(got, expected, "splitting {text:?}");
    for sentence in &doc.sentences {
        assert_eq!(doc.text(sentence.span), sentence.text);
    }
}

#[test]
fn country_abbreviations() {
    check(
        "The U.S. Army and the U.K. Navy met. They agreed.",
        &["The U.S. Army and the U.K. Navy met.", "They agreed."],
    );
}

#[test]
fn an_abbreviation_that_ends_a_sentence() {
    check(
        "Aid came from the U.S. The EU followed.",
        &["Aid came from the U.S.", "The EU followed."],
    );
}

#[test]
fn ranks_and_titles() {
    check(
        "Gen. Smith met Dr. Lee and Lt. Col. Hayes. They talked.",
        &["Gen. Smith met Dr. Lee and Lt. Col. Hayes.", "They talked."],
    );
}

#[test]
fn retired_in_parentheses() {
    check(
        "Thomas Whitfield, Major General (Ret.), testified. Others listened.",
        &[
            "Thomas Whitfield, Major General (Ret.), testified.",
            "Others listened.",
        ],
    );
    check(
        "The author is Major General, U.S. Army (Ret.). He served in Europe.",
        &[
            "The author is Major General, U.S. Army (Ret.).",
            "He served in Europe.",
        ],
    );
}

#[test]
fn numbers_after_abbreviations() {
    check(
        "See Resolution No. 5 on p. 4 of the annex. It is short.",
        &["See Resolution No. 5 on p. 4 of the annex.", "It is short."],
    );
}

#[test]
fn for_example() {
    check(
        "Some states, e.g. Georgia, agreed. Others, i.e. the rest, did not.",
        &[
            "Some states, e.g. Georgia, agreed.",
            "Others, i.e. the rest, did not.",
        ],
    );
}

#[test]
fn initials() {
    check(
        "Michael S. Repass wrote the report. It was long.",
        &["Michael S. Repass wrote the report.", "It was long."],
    );
}

#[test]
fn decimals() {
    check(
        "Growth was 2.5 percent in 2024. It fell to 1.75 in 2025.",
        &[
            "Growth was 2.5 percent in 2024.",
            "It fell to 1.75 in 2025.",
        ],
    );
}

#[test]
fn ellipses() {
    check(
        "It ended... Then came peace.",
        &["It ended...", "Then came peace."],
    );
    check(
        "We will … continue the talks. Next.",
        &["We will … continue the talks.", "Next."],
    );
}

#[test]
fn quotations_ending_with_the_period_inside() {
    check(
        "He said \"we will act.\" Then he left.",
        &["He said \"we will act.\"", "Then he left."],
    );
    check(
        "She said “not yet.” The talks paused.",
        &["She said “not yet.”", "The talks paused."],
    );
}

#[test]
fn a_quotation_with_several_sentences_is_not_split() {
    check(
        "\"We cannot wait. We must act,\" he said. Next.",
        &["\"We cannot wait. We must act,\" he said.", "Next."],
    );
}

#[test]
fn footnote_markers_after_the_period() {
    let doc = parse_clean(&brief(
        "Flows fell in 2023.[^1] Then they rose.[^2]\n\n[^1]: One.\n\n[^2]: Two.\n",
    ));
    let body: Vec<_> = doc
        .sentences
        .iter()
        .filter(|s| s.context.footnote.is_none())
        .collect();
    assert_eq!(body.len(), 2);
    assert_eq!(body[0].text, "Flows fell in 2023.");
    assert_eq!(body[0].footnotes.len(), 1);
    assert_eq!(doc.footnote_refs[body[0].footnotes[0]].label, "1");
    assert_eq!(body[1].text, "Then they rose.");
    assert_eq!(doc.footnote_refs[body[1].footnotes[0]].label, "2");
}

#[test]
fn citations_after_the_period() {
    check(
        "It rose in 2023. [@k] Then it fell.",
        &["It rose in 2023. [@k]", "Then it fell."],
    );
    check(
        "It rose in 2023.[@k] Then it fell.",
        &["It rose in 2023.[@k]", "Then it fell."],
    );
}

#[test]
fn question_and_exclamation_marks() {
    check(
        "Will the line hold? Nobody knows! We wait.",
        &["Will the line hold?", "Nobody knows!", "We wait."],
    );
}

#[test]
fn line_breaks_inside_a_paragraph() {
    let doc = parse_clean(&brief(
        "The first sentence\nwraps here. The second\none too.\n",
    ));
    let got: Vec<&str> = doc.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        got,
        ["The first sentence wraps here.", "The second one too."]
    );
    assert_eq!(
        doc.text(doc.sentences[0].span),
        "The first sentence\nwraps here."
    );
}

#[test]
fn inline_markup_is_removed_from_the_text_but_kept_in_the_span() {
    let doc = parse_clean(&brief("Prices **rose** by *12%* in `2024`. Next.\n"));
    assert_eq!(doc.sentences[0].text, "Prices rose by 12% in 2024.");
    assert_eq!(
        doc.text(doc.sentences[0].span),
        "Prices **rose** by *12%* in `2024`."
    );
}

#[test]
fn straight_curly_and_split_quotations() {
    let doc = parse_clean(&brief(
        "\"We cannot wait,\" he said, \"for the talks.\" She said “not yet” and «non».\n",
    ));
    let quotes: Vec<(&str, QuoteKind)> = doc
        .sentences
        .iter()
        .flat_map(|s| &s.quotations)
        .map(|q| (q.text.as_str(), q.kind))
        .collect();
    assert_eq!(
        quotes,
        [
            ("We cannot wait,", QuoteKind::Straight),
            ("for the talks.", QuoteKind::Straight),
            ("not yet", QuoteKind::Curly),
            ("non", QuoteKind::Curly),
        ]
    );
    let first = &doc.sentences[0].quotations[0];
    assert_eq!(doc.text(first.span), "\"We cannot wait,\"");
    assert_eq!(first.words, 3);
}

#[test]
fn blockquotes_are_quotations() {
    let doc = parse_clean(&brief(
        "Intro.\n\n> The line of contact remains unmarked [@k, p. 4]. It is mined.\n>\n> — Field report [@k]\n",
    ));
    let block: Vec<_> = doc
        .sentences
        .iter()
        .filter(|s| s.context.blockquote)
        .collect();
    assert_eq!(block.len(), 3);
    let quoted: Vec<(&str, usize)> = block
        .iter()
        .flat_map(|s| &s.quotations)
        .filter(|q| q.kind == QuoteKind::Block)
        .map(|q| (q.text.as_str(), q.words))
        .collect();
    // The quoted words, without the citation; the attribution line is not quoted.
    assert_eq!(
        quoted,
        [
            ("The line of contact remains unmarked.", 6),
            ("It is mined.", 3)
        ]
    );
    for sentence in &block[..2] {
        let quote = &sentence.quotations[0];
        assert_eq!(quote.span, sentence.span);
    }
    assert!(block[2].quotations.is_empty());
    assert!(doc.sentences[0].quotations.is_empty());
}

#[test]
fn an_apostrophe_or_an_inch_mark_is_not_a_quotation() {
    let doc = parse_clean(&brief("The state's 5\" pipe and an \"open quote.\n"));
    assert!(doc.sentences[0].quotations.is_empty());
}
