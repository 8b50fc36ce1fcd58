//! Tests of citation formatting: styles, notes, locators and the specialized style.

use std::path::{Path, PathBuf};

use brief_model::ProjectFs;

use super::*;

#[test]
fn archive_names_resolve() {
    for name in ["chicago-notes", "chicago-author-date", "apa"] {
        assert!(CitationStyle::by_name(name).is_some(), "{name}");
    }
    assert!(CitationStyle::by_name("chicago-notes").unwrap().is_note());
    assert!(!CitationStyle::by_name("apa").unwrap().is_note());
    assert!(CitationStyle::by_name("no-such-style").is_none());
}

#[test]
fn unknown_names_suggest_the_closest() {
    let read = |_: &Path| Err("no".to_owned());
    let (style, problem) = choose_style(Some("chicago-notse"), Path::new("."), &read);
    assert_eq!(style.name(), DEFAULT_STYLE);
    let (message, help) = problem.unwrap();
    assert!(message.contains("unknown citation style `chicago-notse`"));
    assert_eq!(help, "did you mean `chicago-notes`?");
}

#[test]
fn locales_are_chosen_by_their_code_without_loading_the_others() {
    // Choosing by code is choosing by the locale's own language tag.
    for &code in LOCALE_CODES {
        let loaded = locale(code).unwrap();
        assert_eq!(loaded.lang.as_ref().map(|l| l.0.as_str()), Some(code));
    }
    let codes = |lang: &str| -> Vec<String> {
        let mut codes: Vec<String> = locales_for(lang)
            .iter()
            .filter_map(|l| l.lang.as_ref().map(|c| c.0.clone()))
            .collect();
        codes.sort();
        codes
    };
    assert_eq!(codes("de-DE"), ["de-AT", "de-CH", "de-DE", "en-US"]);
    assert_eq!(codes("en"), ["en-GB", "en-US"]);
    assert_eq!(codes("hy"), ["en-US", "hy-AM"]);
    assert_eq!(codes("xx"), ["en-US"]);
}

/// Sources of every type a brief can declare, cited with prefixes, locators, suffixes,
/// suppressed authors, narrative citations and repeats (for "ibid." and short forms).
const MIXED: &str = r#"---
title: Mixed sources
authors: [Ann Author]
date: 2025-03-14
sources:
  - id: report
    type: report
    title: "Drawing the Line: Borders After the War"
    author: {literal: International Centre for Security Dialogue}
    publisher: ICSD
    publisher-place: Geneva
    issued: "2024-09-17"
    URL: https://example.org/report
  - id: article
    type: article
    title: "Soviet Maps and Sovereign Lines"
    author: [{family: Sahakyan, given: Narine K.}, {family: Roe, given: Jane}]
    container-title: Journal of Borderland Studies
    volume: "12"
    issue: "3"
    page: 211-238
    issued: "2024-07"
    DOI: 10.5555/jebs.2024.12.3.211
  - id: book
    type: book
    title: Frozen Lines
    author: {family: Whitaker, given: Helen J.}
    editor: {family: Doe, given: John}
    publisher: Harlow University Press
    issued: 2023
    ISBN: 978-0-00-000000-0
  - id: chapter
    type: chapter
    title: Rivers as Borders
    author: {family: Whitaker, given: Helen J.}
    container-title: Water and Power
    editor: {family: Doe, given: John}
    publisher: Harlow University Press
    page: 12-30
    issued: 2023
  - id: law
    type: legal
    title: Law on State Borders
    issued: 2021
    URL: https://example.org/law
  - id: data
    type: dataset
    title: Contamination Survey, 2024 Release
    author: {literal: CMAO}
    issued: 2024
    URL: https://example.org/data
  - id: news
    type: news
    title: "Talks resume in Almaty"
    author: {family: Petrosyan, given: Ani}
    container-title: The Daily
    issued: "2024-05-02"
    URL: https://example.org/news
  - id: web
    type: web
    title: Border Commission Home Page
    URL: https://example.org/web
    accessed: "2025-01-10"
  - id: speech
    type: speech
    title: Remarks at the Signing
    author: {family: Mirzoyan, given: Ararat}
    issued: "2024-08-30"
  - id: untyped
    title: A Document Without a Type
    issued: 2020
  - id: same-author
    type: book
    title: Thawed Lines
    author: {family: Whitaker, given: Helen J.}
    publisher: Harlow University Press
    issued: 2023
---

A claim [@report, p. 7]. Another [see @article, pp. 211-15; @book, chap. 3].
Again [@report, p. 7]. And [@report, p. 9]. @book [p. 33] argues it.
Without the author [-@article, p. 219]. The law [@law, § 4, emphasis added].
Data [@data]. News [@news; @web]. A speech [@speech]. Untyped [@untyped].
Chapters [@chapter, 14-16; @same-author]. @web says so. Once more [@data].
Twice [@book; @same-author, 7].
"#;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The example briefs and the mixed one.
fn documents() -> Vec<Document> {
    let mut docs = Vec::new();
    let briefs = workspace().join("briefs");
    for path in [
        briefs.join("south-caucasus-border.md"),
        briefs.join("water-security-draft.md"),
        briefs.join("caspian-energy/caspian-gas-corridor.md"),
    ] {
        let text = std::fs::read_to_string(&path).unwrap();
        let dir = path.parent().unwrap();
        let mut parsed = brief_model::parse(&text);
        brief_model::resolve(&mut parsed.document, dir, &ProjectFs::new(&workspace()));
        docs.push(parsed.document);
    }
    docs.push(brief_model::parse(MIXED).document);
    docs
}

/// Specializing a style never changes what it prints: every example and the mixed brief, in
/// styles of every class (notes, author-date, numeric, label), give the same citations,
/// bibliography and "cite this brief" either way.
#[test]
fn specialized_styles_print_what_the_style_prints() {
    const STYLES: &[&str] = &[
        "chicago-notes",
        "chicago-author-date",
        "apa",
        "modern-language-association",
        "ieee",
        "harvard-cite-them-right",
        "american-political-science-association",
        "chicago-shortened-notes",
        "vancouver",
        "alphanumeric",
    ];
    let docs = documents();
    let mut compared = 0;
    for name in STYLES {
        let style = CitationStyle::by_name(name).unwrap_or_else(|| panic!("{name}"));
        for doc in &docs {
            let groups = crate::cite_groups(doc, style.is_note());
            // The same citations again, as if each sat in an author's footnote.
            let in_footnotes: Vec<CiteGroup> = groups
                .iter()
                .map(|group| CiteGroup {
                    in_footnote: true,
                    ..group.clone()
                })
                .collect();
            let lang = &doc.frontmatter.lang;
            let title = &doc.frontmatter.title;
            for groups in [&groups, &in_footnotes] {
                let fast = format_with(&style, &doc.sources, groups, lang, true);
                let slow = format_with(&style, &doc.sources, groups, lang, false);
                assert_eq!(fast.citations, slow.citations, "{name}: {title}");
                assert_eq!(fast.bibliography, slow.bibliography, "{name}: {title}");
                compared += fast.citations.len() + fast.bibliography.len();
            }
            let item = self_item(doc, Some("https://example.org/brief")).unwrap();
            assert_eq!(
                format_self(&style, &item, lang),
                format_self_in_full(&style, &item, lang),
                "{name}: {title}"
            );
        }
    }
    assert!(compared > 1000, "{compared}");
}

/// "Cite this brief" as a driver with the whole style would format it.
fn format_self_in_full(style: &CitationStyle, item: &Item, lang: &str) -> Option<Fragment> {
    let locale = locale_code(lang);
    let locale_files = locales_for(lang);
    let mut driver: BibliographyDriver<'_, Item> = BibliographyDriver::new();
    driver.citation(CitationRequest::new(
        vec![CitationItem::with_entry(item)],
        &style.style,
        locale.clone(),
        &locale_files,
        Some(1),
    ));
    let rendered = driver.finish(BibliographyRequest::new(
        &style.style,
        locale,
        &locale_files,
    ));
    let entry = rendered.bibliography?.items.into_iter().next()?;
    Some(Fragment::from_runs(runs_of(&entry.content)))
}

#[test]
fn specialization_answers_types_and_missing_variables() {
    let style = CitationStyle::by_name("chicago-notes").unwrap();
    let doc = brief_model::parse(MIXED).document;
    let records = records_of(&doc.sources);
    let report = &records["report"].profile;
    let specialized = specialize::specialize(&style.style, report);
    let count = |style: &IndependentStyle| {
        let xml = Style::Independent(style.clone()).to_xml().unwrap();
        (
            xml.matches("<if ").count() + xml.matches("<else-if ").count(),
            xml.len(),
        )
    };
    let (before, size_before) = count(&style.style);
    let (after, size_after) = count(&specialized);
    assert!(after * 2 < before, "{after} of {before} branches left");
    assert!(size_after < size_before);
    assert!(specialized.macros.len() * 2 < style.style.macros.len());
}
