//! Suppression comments: before a block, around a region, and in the frontmatter.

use brief_model::{Suppression, SuppressionKind};

use crate::{brief, parse_clean};

fn body_suppressions(source: &str) -> (brief_model::Document, Vec<Suppression>) {
    let doc = parse_clean(source);
    let found = doc
        .suppressions
        .iter()
        .filter(|s| !s.in_frontmatter)
        .cloned()
        .collect();
    (doc, found)
}

#[test]
fn ignore_applies_to_the_next_block() {
    let (doc, found) = body_suppressions(&brief(
        "First paragraph.\n\n<!-- brief-ignore claims/unsourced-statistic, style: quoted verbatim -->\nPrices rose 40 per cent.\n\nNot covered.\n",
    ));
    assert_eq!(found.len(), 1);
    let ignore = &found[0];
    assert_eq!(ignore.kind, SuppressionKind::Ignore);
    assert_eq!(ignore.rules, ["claims/unsourced-statistic", "style"]);
    assert_eq!(ignore.reason.as_deref(), Some("quoted verbatim"));
    assert_eq!(
        doc.text(ignore.span),
        "<!-- brief-ignore claims/unsourced-statistic, style: quoted verbatim -->"
    );
    assert_eq!(
        doc.text(ignore.applies_to).trim_end(),
        "Prices rose 40 per cent."
    );
    assert!(ignore.covers_code("claims/unsourced-statistic"));
    assert!(ignore.covers_code("style/long-sentence"));
    assert!(!ignore.covers_code("claims/relative-time"));
}

#[test]
fn ignore_on_its_own_line_before_a_list_or_table() {
    let (doc, found) = body_suppressions(&brief(
        "<!-- brief-ignore all -->\n\n- one\n- two\n\n<!-- brief-ignore structure -->\n| A |\n|---|\n| b |\n",
    ));
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].rules, ["all"]);
    assert!(found[0].covers_code("anything/at-all"));
    assert_eq!(doc.text(found[0].applies_to).trim_end(), "- one\n- two");
    assert!(doc.text(found[1].applies_to).starts_with("| A |"));
}

#[test]
fn a_bare_directive_means_all_rules() {
    let (_, found) = body_suppressions(&brief("<!-- brief-ignore -->\nText.\n"));
    assert_eq!(found[0].rules, ["all"]);
    assert_eq!(found[0].reason, None);
}

#[test]
fn disable_and_enable_bound_a_region() {
    let (doc, found) = body_suppressions(&brief(
        "Before.\n\n<!-- brief-disable claims/relative-time: a dated chronology -->\n\nIn recent days, talks resumed.\n\nLast week, they paused.\n\n<!-- brief-enable claims/relative-time -->\n\nAfter.\n",
    ));
    assert_eq!(found.len(), 1, "an enable comment is not a suppression");
    let region = &found[0];
    assert_eq!(region.kind, SuppressionKind::Disable);
    assert_eq!(region.rules, ["claims/relative-time"]);
    assert_eq!(region.reason.as_deref(), Some("a dated chronology"));
    let covered = doc.text(region.applies_to);
    assert!(covered.contains("In recent days") && covered.contains("Last week"));
    assert!(!covered.contains("After.") && !covered.contains("Before."));
}

#[test]
fn an_unterminated_region_runs_to_the_end_of_the_file() {
    let source = brief("Before.\n\n<!-- brief-disable style -->\n\nOne.\n\n## Later\n\nTwo.\n");
    let (doc, found) = body_suppressions(&source);
    assert_eq!(found[0].applies_to.end, source.len());
    assert!(doc.text(found[0].applies_to).contains("Two."));
}

#[test]
fn enable_closes_only_the_rules_it_names() {
    let source = brief(
        "<!-- brief-disable style -->\n\n<!-- brief-disable claims -->\n\nA.\n\n<!-- brief-enable style -->\n\nB.\n",
    );
    let (doc, found) = body_suppressions(&source);
    assert_eq!(found.len(), 2);
    assert!(!doc.text(found[0].applies_to).contains("B."));
    assert_eq!(found[1].applies_to.end, source.len());
}

#[test]
fn other_comments_are_not_suppressions() {
    let (_, found) = body_suppressions(&brief(
        "<!-- a note to the editor -->\n\nText.\n\n<!-- brief-ignored x -->\n\nMore.\n",
    ));
    assert!(found.is_empty());
}

#[test]
fn yaml_comments_apply_to_the_next_key_or_list_item() {
    let source = "---\ntitle: T\nauthors: [A]\n# brief-ignore structure/summary-length: agreed with the editor\nsummary: A long summary.\nkeywords:\n  - water\n  # brief-ignore style/confused-word\n  - hydro-hegemony\n---\n\nBody.\n";
    let doc = parse_clean(source);
    let found: Vec<&Suppression> = doc
        .suppressions
        .iter()
        .filter(|s| s.in_frontmatter)
        .collect();
    assert_eq!(found.len(), 2);
    let key = found[0];
    assert_eq!(key.kind, SuppressionKind::Ignore);
    assert_eq!(key.rules, ["structure/summary-length"]);
    assert_eq!(key.reason.as_deref(), Some("agreed with the editor"));
    assert_eq!(
        doc.text(key.span),
        "# brief-ignore structure/summary-length: agreed with the editor"
    );
    assert_eq!(doc.text(key.applies_to), "summary: A long summary.");
    let item = found[1];
    assert_eq!(item.rules, ["style/confused-word"]);
    assert_eq!(doc.text(item.applies_to), "hydro-hegemony");
}

#[test]
fn frontmatter_suppressions_come_first_and_all_are_recorded() {
    let source = "---\ntitle: T\nauthors: [A]\n# brief-ignore all\nlang: en\n---\n\n<!-- brief-ignore style -->\nText.\n";
    let doc = parse_clean(source);
    let places: Vec<bool> = doc.suppressions.iter().map(|s| s.in_frontmatter).collect();
    assert_eq!(places, [true, false]);
}
