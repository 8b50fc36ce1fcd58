//! Frontmatter: every key, authors, `x-*` keys, unknown keys and aliases, required keys, and
//! diagnostics that point at the offending line.

use brief_model::frontmatter::{AuthorEntry, OneOrMany};
use brief_model::{Applicability, BriefType, Severity, Status};

use crate::{brief, codes, only, parse, parse_clean};

const EVERY_KEY: &str = r#"---
title: "Holding the Line"
subtitle: Options for the 2025 negotiating season
type: testimony
status: final
date: 2025-03-14
updated: 2025-04-02
publisher: Meridian Institute for Security Studies
authors:
  - name: Thomas K. Whitfield
    honorific: Major General
    suffix: U.S. Army (Ret.)
    position: Senior Fellow
    affiliation: Meridian Institute
    email: t.whitfield@example.org
    orcid: 0000-0002-1825-0097
    url: https://example.org/people/whitfield
  - Լիլիթ Հովհաննիսյան
audience: Policy makers in the European External Action Service
summary: Border incidents fell after the monitoring mission began.
key-points:
  - Delimitation has advanced only in Tavush.
  - Landmines set the pace.
keywords: [border delimitation, demining]
regions: [Armenia, Azerbaijan]
image:
  src: images/border-post.jpg
  alt: A border post in winter
  credit: "Photo: A. Petrosyan"
  caption: The Tavush section of the border
  license: CC-BY-SA-4.0
citation-style: chicago-author-date
bibliography: [references.bib, ../shared/extra.json]
sources:
  - id: icg-2024
    title: Border Incidents Report
related:
  - title: Mines and Markers
    url: https://example.org/briefs/mines
  - title: An earlier brief
    path: earlier.md
license: CC-BY-4.0
lang: hy-AM
x-program: South Caucasus Initiative
x-review: {editor: D. Kerr, round: 2}
---

Body text.
"#;

#[test]
fn every_key_is_read_into_the_typed_frontmatter() {
    let doc = parse_clean(EVERY_KEY);
    let fm = &doc.frontmatter;
    assert_eq!(fm.title, "Holding the Line");
    assert_eq!(
        fm.subtitle.as_deref(),
        Some("Options for the 2025 negotiating season")
    );
    assert_eq!(fm.brief_type, BriefType::Testimony);
    assert_eq!(fm.status, Status::Final);
    assert_eq!(fm.date.as_deref(), Some("2025-03-14"));
    assert_eq!(fm.updated.as_deref(), Some("2025-04-02"));
    assert_eq!(
        fm.publisher.as_deref(),
        Some("Meridian Institute for Security Studies")
    );
    assert_eq!(
        fm.audience.as_deref(),
        Some("Policy makers in the European External Action Service")
    );
    assert_eq!(
        fm.summary.as_deref(),
        Some("Border incidents fell after the monitoring mission began.")
    );
    assert_eq!(
        fm.key_points,
        [
            "Delimitation has advanced only in Tavush.",
            "Landmines set the pace."
        ]
    );
    assert_eq!(fm.keywords, ["border delimitation", "demining"]);
    assert_eq!(fm.regions, ["Armenia", "Azerbaijan"]);
    let image = fm.image.as_ref().expect("the image is read");
    assert_eq!(image.src, "images/border-post.jpg");
    assert_eq!(image.alt.as_deref(), Some("A border post in winter"));
    assert_eq!(image.credit.as_deref(), Some("Photo: A. Petrosyan"));
    assert_eq!(
        image.caption.as_deref(),
        Some("The Tavush section of the border")
    );
    assert_eq!(image.license.as_deref(), Some("CC-BY-SA-4.0"));
    assert_eq!(fm.citation_style.as_deref(), Some("chicago-author-date"));
    assert_eq!(
        fm.bibliography.to_vec(),
        ["references.bib", "../shared/extra.json"]
    );
    assert_eq!(fm.sources.len(), 1);
    assert_eq!(fm.sources[0].id, "icg-2024");
    assert_eq!(fm.related.len(), 2);
    assert_eq!(
        fm.related[0].url.as_deref(),
        Some("https://example.org/briefs/mines")
    );
    assert_eq!(fm.related[1].path.as_deref(), Some("earlier.md"));
    assert_eq!(fm.license.as_deref(), Some("CC-BY-4.0"));
    assert_eq!(fm.lang, "hy-AM");
}

#[test]
fn structured_and_plain_authors() {
    let doc = parse_clean(EVERY_KEY);
    let authors: Vec<_> = doc.frontmatter.author_list().collect();
    assert_eq!(authors.len(), 2);
    let kerr = &authors[0];
    assert_eq!(kerr.name, "Thomas K. Whitfield");
    assert_eq!(kerr.honorific.as_deref(), Some("Major General"));
    assert_eq!(kerr.suffix.as_deref(), Some("U.S. Army (Ret.)"));
    assert_eq!(kerr.position.as_deref(), Some("Senior Fellow"));
    assert_eq!(kerr.affiliation.as_deref(), Some("Meridian Institute"));
    assert_eq!(kerr.email.as_deref(), Some("t.whitfield@example.org"));
    assert_eq!(kerr.orcid.as_deref(), Some("0000-0002-1825-0097"));
    assert_eq!(
        kerr.url.as_deref(),
        Some("https://example.org/people/whitfield")
    );
    assert_eq!(
        kerr.display_name(),
        "Major General Thomas K. Whitfield, U.S. Army (Ret.)"
    );
    assert!(
        matches!(&doc.frontmatter.authors[1], AuthorEntry::Name(name) if name == "Լիլիթ Հովհաննիսյան")
    );
    assert_eq!(authors[1].display_name(), "Լիլիթ Հովհաննիսյան");
}

#[test]
fn x_keys_are_kept_in_both_views() {
    let doc = parse_clean(EVERY_KEY);
    let extra = &doc.frontmatter.extra;
    assert_eq!(
        extra.keys().collect::<Vec<_>>(),
        ["x-program", "x-review"],
        "only x-* keys are kept as extras"
    );
    assert_eq!(extra["x-review"]["round"], 2);
    assert_eq!(
        doc.frontmatter_value["x-program"],
        "South Caucasus Initiative"
    );
    assert_eq!(doc.frontmatter_value["x-review"]["editor"], "D. Kerr");
}

#[test]
fn defaults_apply_when_keys_are_missing() {
    let doc = parse_clean(&brief("Body.\n"));
    let fm = &doc.frontmatter;
    assert_eq!(fm.brief_type, BriefType::PolicyBrief);
    assert_eq!(fm.status, Status::Draft);
    assert_eq!(fm.lang, "en");
    assert!(fm.date.is_none());
    assert_eq!(fm.bibliography, OneOrMany::None);
}

#[test]
fn every_brief_type_and_status_is_accepted() {
    for brief_type in BriefType::ALL {
        let source = format!(
            "---\ntitle: T\nauthors: [A]\ntype: {}\n---\n",
            brief_type.as_str()
        );
        assert_eq!(parse_clean(&source).frontmatter.brief_type, brief_type);
    }
    for status in [Status::Draft, Status::Review, Status::Final] {
        let source = format!(
            "---\ntitle: T\nauthors: [A]\nstatus: {}\ndate: 2025-01-02\n---\n",
            status.as_str()
        );
        assert_eq!(parse_clean(&source).frontmatter.status, status);
    }
}

#[test]
fn a_single_bibliography_path_is_accepted() {
    let doc = parse_clean("---\ntitle: T\nauthors: [A]\nbibliography: refs.bib\n---\n");
    assert_eq!(doc.frontmatter.bibliography.to_vec(), ["refs.bib"]);
}

#[test]
fn unknown_key_is_a_warning_with_a_did_you_mean() {
    let source = "---\ntitle: T\nauthors: [A]\nsubtitel: Draft\n---\n";
    let parsed = parse(source);
    let diag = only(&parsed.diagnostics, "schema/unknown-key");
    assert_eq!(diag.severity, Severity::Warning);
    assert_eq!(diag.message, "unknown key `subtitel`");
    assert_eq!(diag.help.as_deref(), Some("did you mean `subtitle`?"));
    assert_eq!(parsed.document.text(diag.span), "subtitel");
    assert_eq!(parsed.document.line_col(diag.span.start).line, 4);
    let fix = diag.fix.as_ref().expect("a fix is offered");
    assert_eq!(fix.applicability, Applicability::Unsafe);
    assert_eq!(fix.edits[0].replacement, "subtitle");
    assert_eq!(fix.edits[0].span, diag.span);
}

#[test]
fn unknown_key_inside_an_author_suggests_the_author_field() {
    let source = "---\ntitle: T\nauthors:\n  - name: A\n    affilation: X\n---\n";
    let parsed = parse(source);
    let diag = only(&parsed.diagnostics, "schema/unknown-key");
    assert_eq!(diag.message, "unknown key `affilation` in `authors[0]`");
    assert_eq!(diag.help.as_deref(), Some("did you mean `affiliation`?"));
    assert_eq!(parsed.document.text(diag.span), "affilation");
}

#[test]
fn unknown_key_without_a_close_match_suggests_an_x_key() {
    let parsed = parse("---\ntitle: T\nauthors: [A]\nfunding: EU grant\n---\n");
    let diag = only(&parsed.diagnostics, "schema/unknown-key");
    assert!(diag.fix.is_none());
    assert!(
        diag.help
            .as_deref()
            .is_some_and(|h| h.contains("x-funding")),
        "{diag:?}"
    );
}

#[test]
fn aliases_from_other_tools_get_safe_fixes() {
    let cases = [
        ("author: Ani Margaryan", "author", "authors"),
        ("abstract: A summary.", "abstract", "summary"),
        ("tags: [water]", "tags", "keywords"),
        ("categories: [water]", "categories", "keywords"),
    ];
    for (line, key, target) in cases {
        let authors = if key == "author" {
            ""
        } else {
            "authors: [A]\n"
        };
        let source = format!("---\ntitle: T\n{authors}{line}\n---\n");
        let parsed = parse(&source);
        let diag = only(&parsed.diagnostics, "schema/unknown-key");
        assert_eq!(parsed.document.text(diag.span), key);
        assert_eq!(
            diag.help.as_deref(),
            Some(format!("`{key}` is spelled `{target}` in a brief").as_str())
        );
        let fix = diag.fix.as_ref().expect("an alias gets a fix");
        assert_eq!(fix.applicability, Applicability::Safe);
        assert_eq!(fix.edits[0].replacement, target);
        assert_eq!(fix.edits[0].span, diag.span);
    }
}

#[test]
fn an_alias_whose_target_is_present_gets_no_fix() {
    let parsed = parse("---\ntitle: T\nauthors: [A]\nauthor: B\n---\n");
    let diag = only(&parsed.diagnostics, "schema/unknown-key");
    assert!(diag.fix.is_none(), "renaming would duplicate `authors`");
}

#[test]
fn status_published_is_fixed_to_final() {
    let source = "---\ntitle: T\nauthors: [A]\nstatus: published\ndate: 2025-01-02\n---\n";
    let parsed = parse(source);
    let diag = only(&parsed.diagnostics, "schema/invalid-value");
    assert_eq!(parsed.document.text(diag.span), "published");
    assert!(
        diag.message.contains("`draft`, `review`, `final`"),
        "{}",
        diag.message
    );
    assert_eq!(
        diag.help.as_deref(),
        Some("`published` is spelled `final` in a brief")
    );
    let fix = diag.fix.as_ref().expect("a fix is offered");
    assert_eq!(fix.applicability, Applicability::Safe);
    assert_eq!(fix.edits[0].replacement, "final");
    assert_eq!(fix.edits[0].span, diag.span);
}

#[test]
fn a_misspelled_type_gets_a_did_you_mean() {
    let parsed = parse("---\ntitle: T\nauthors: [A]\ntype: polcy-brief\n---\n");
    let diag = only(&parsed.diagnostics, "schema/invalid-value");
    assert_eq!(parsed.document.text(diag.span), "polcy-brief");
    assert_eq!(diag.help.as_deref(), Some("did you mean `policy-brief`?"));
    assert_eq!(
        diag.fix.as_ref().map(|f| f.applicability),
        Some(Applicability::Unsafe)
    );
}

#[test]
fn date_is_required_once_status_is_review_or_final() {
    for status in ["review", "final"] {
        let source = format!("---\ntitle: T\nauthors: [A]\nstatus: {status}\n---\n");
        let parsed = parse(&source);
        let diag = only(&parsed.diagnostics, "schema/missing-key");
        assert_eq!(diag.severity, Severity::Error);
        assert_eq!(
            diag.message,
            format!("a brief with status `{status}` needs a `date`")
        );
        assert_eq!(parsed.document.text(diag.span), status);
    }
    parse_clean("---\ntitle: T\nauthors: [A]\nstatus: draft\n---\n");
}

#[test]
fn dates_must_be_real_calendar_dates() {
    let parsed = parse("---\ntitle: T\nauthors: [A]\ndate: 2025-02-30\n---\n");
    let diag = only(&parsed.diagnostics, "schema/invalid-value");
    assert_eq!(parsed.document.text(diag.span), "2025-02-30");
    let parsed = parse("---\ntitle: T\nauthors: [A]\ndate: March 2025\n---\n");
    let diag = only(&parsed.diagnostics, "schema/invalid-value");
    assert!(diag.message.contains("YYYY-MM-DD"), "{}", diag.message);
}

#[test]
fn title_and_authors_are_required() {
    let parsed = parse("---\nsubtitle: S\n---\n");
    let mut missing: Vec<&str> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.code == "schema/missing-key")
        .map(|d| d.message.as_str())
        .collect();
    missing.sort_unstable();
    assert_eq!(
        missing,
        [
            "frontmatter is missing the required key `authors`",
            "frontmatter is missing the required key `title`",
        ]
    );
    let parsed = parse("---\ntitle: T\nauthors: []\n---\n");
    let diag = only(&parsed.diagnostics, "schema/invalid-value");
    assert_eq!(diag.message, "`authors` needs at least one entry");
}

#[test]
fn a_wrong_type_at_authors_1_name_points_at_its_line() {
    let source = "---\ntitle: T\nauthors:\n  - Ani Margaryan\n  - name: 42\n    honorific: Dr\n---\n\nBody.\n";
    let parsed = parse(source);
    let diag = only(&parsed.diagnostics, "schema/invalid-value");
    assert_eq!(
        diag.message,
        "`authors[1].name` must be text, found the number `42`"
    );
    let doc = &parsed.document;
    assert_eq!(doc.text(diag.span), "42");
    let at = doc.line_col(diag.span.start);
    assert_eq!((at.line, at.column), (5, 11));
    // The number is not coerced into a name, and the valid author survives.
    let names: Vec<String> = doc.frontmatter.author_list().map(|a| a.name).collect();
    assert_eq!(names, ["Ani Margaryan"]);
    // The rest of the file is still parsed.
    assert_eq!(doc.sentences[0].text, "Body.");
}

#[test]
fn a_wrong_type_leaves_the_rest_of_the_frontmatter_readable() {
    let parsed = parse("---\ntitle: T\nauthors: [A]\nkeywords: water\nlang: en-GB\n---\n");
    let diag = only(&parsed.diagnostics, "schema/invalid-value");
    assert_eq!(diag.message, "`keywords` must be a list, found `water`");
    let fm = &parsed.document.frontmatter;
    assert!(fm.keywords.is_empty());
    assert_eq!(fm.lang, "en-GB");
    assert_eq!(fm.authors.len(), 1);
}

#[test]
fn invalid_list_entries_are_left_out_in_order() {
    // Entries 9 and 10 are invalid: removing them must not shift the others.
    let mut keywords: Vec<String> = (0..9).map(|n| format!("k{n}")).collect();
    keywords.extend(["9".to_owned(), "10".to_owned(), "k11".to_owned()]);
    let source = format!(
        "---\ntitle: T\nauthors: [A]\nkeywords: [{}]\n---\n",
        keywords.join(", ")
    );
    let parsed = parse(&source);
    assert_eq!(
        codes(&parsed.diagnostics),
        ["schema/invalid-value", "schema/invalid-value"]
    );
    let mut expected: Vec<String> = (0..9).map(|n| format!("k{n}")).collect();
    expected.push("k11".to_owned());
    assert_eq!(parsed.document.frontmatter.keywords, expected);
}

#[test]
fn missing_frontmatter_is_a_diagnostic_and_the_body_is_still_parsed() {
    let parsed = parse("# A README\n\nJust text.\n");
    assert_eq!(codes(&parsed.diagnostics), ["schema/missing-frontmatter"]);
    let diag = &parsed.diagnostics[0];
    assert_eq!(diag.severity, Severity::Error);
    assert_eq!(parsed.document.text(diag.span), "# A README");
    assert!(parsed.document.frontmatter_value.is_null());
    assert_eq!(parsed.document.sections[0].text, "A README");
    assert_eq!(parsed.document.sentences[0].text, "Just text.");
}

#[test]
fn unterminated_frontmatter_is_a_diagnostic() {
    let parsed = parse("---\ntitle: T\nauthors: [A]\n\nText.\n");
    assert_eq!(codes(&parsed.diagnostics), ["schema/unclosed-frontmatter"]);
    assert_eq!(parsed.document.text(parsed.diagnostics[0].span), "---");
    assert!(parsed.document.frontmatter_span.is_none());
}

#[test]
fn yaml_syntax_errors_point_into_the_frontmatter() {
    let source = "---\ntitle: \"Unclosed\nauthors: [A]\n---\n\nBody text.\n";
    let parsed = parse(source);
    let diag = only(&parsed.diagnostics, "schema/yaml-syntax");
    assert!(
        diag.message.starts_with("invalid YAML: "),
        "{}",
        diag.message
    );
    let yaml = parsed
        .document
        .frontmatter_span
        .expect("the block is found");
    assert!(yaml.contains(diag.span), "{diag:?} outside {yaml:?}");
    assert_eq!(parsed.document.sentences[0].text, "Body text.");
}

#[test]
fn a_frontmatter_that_is_not_a_mapping_is_invalid() {
    let parsed = parse("---\n- a\n- b\n---\n");
    let diag = only(&parsed.diagnostics, "schema/invalid-value");
    assert_eq!(
        diag.message,
        "frontmatter must be a mapping of keys to values"
    );
}

#[test]
fn anchors_and_aliases_are_refused() {
    let parsed = parse("---\ntitle: &t Title\nauthors: [*t]\n---\n\nBody.\n");
    let diag = only(&parsed.diagnostics, "schema/yaml-alias");
    assert_eq!(diag.severity, Severity::Error);
    assert_eq!(parsed.document.text(diag.span), "&t");
    assert!(parsed.document.frontmatter_value.is_null());
    assert_eq!(parsed.document.sentences[0].text, "Body.");
}

#[test]
fn an_alias_bomb_is_refused_at_its_first_anchor() {
    let mut yaml = String::from(
        "title: T\nauthors: [A]\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    let mut previous = 'a';
    for name in 'b'..='z' {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        yaml.push_str(&format!("{name}: &{name} [{refs}]\n"));
        previous = name;
    }
    let source = format!("---\n{yaml}---\n\nBody.\n");
    let started = std::time::Instant::now();
    let parsed = parse(&source);
    assert!(started.elapsed().as_secs() < 5, "refused quickly");
    assert_eq!(codes(&parsed.diagnostics), ["schema/yaml-alias"]);
    assert_eq!(parsed.document.text(parsed.diagnostics[0].span), "&a");
}

#[test]
fn duplicate_keys_are_errors_pointing_at_both() {
    let parsed = parse("---\ntitle: A\nauthors: [A]\ntitle: B\n---\n");
    let diag = only(&parsed.diagnostics, "schema/duplicate-key");
    assert_eq!(parsed.document.text(diag.span), "title");
    assert_eq!(parsed.document.line_col(diag.span.start).line, 4);
    assert_eq!(diag.related.len(), 1);
    assert_eq!(parsed.document.text(diag.related[0].0), "title: A");
}

#[test]
fn positions_locate_keys_and_values() {
    let doc = parse_clean(EVERY_KEY);
    let name = doc
        .positions
        .get("/authors/1")
        .expect("the second author has a position");
    assert_eq!(doc.text(name.value), "Լիլիթ Հովհաննիսյան");
    let honorific = doc.positions.get("/authors/0/honorific").unwrap();
    assert_eq!(doc.text(honorific.key.unwrap()), "honorific");
    assert_eq!(doc.text(honorific.value), "Major General");
    assert_eq!(
        doc.text(doc.positions.get("/x-review/round").unwrap().value),
        "2"
    );
}
