//! Sections and their ids, the summary, tables with captions, images and figures, and word counts.

use brief_model::{BlockKind, SectionRole};

use crate::{brief, parse_clean};

#[test]
fn sections_get_github_slugs_with_suffixes_for_duplicates() {
    let doc = parse_clean(&brief(
        "## Background\n\n## Background\n\n## Background\n\n## U.S. Options: 2025–2026\n\n## Ереван и Баку\n\n## ???\n",
    ));
    let ids: Vec<&str> = doc.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "background",
            "background-1",
            "background-2",
            "us-options-20252026",
            "ереван-и-баку",
            "section",
        ]
    );
    assert!(doc.sections.iter().all(|s| !s.explicit_id));
}

#[test]
fn a_heading_that_looks_like_a_suffixed_slug_stays_unique() {
    let doc = parse_clean(&brief("## Risks\n\n## Risks 1\n\n## Risks\n"));
    let ids: Vec<&str> = doc.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), 3);
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 3, "ids must be unique: {ids:?}");
}

#[test]
fn heading_attributes_set_the_id_and_classes() {
    let doc = parse_clean(&brief(
        "# The Brief {#top .lead .wide}\n\n## What to Do {.recommendations}\n\n- The EU should act.\n",
    ));
    let top = &doc.sections[0];
    assert_eq!(top.text, "The Brief");
    assert_eq!(top.id, "top");
    assert!(top.explicit_id);
    assert_eq!(top.classes, ["lead", "wide"]);
    assert_eq!(
        doc.text(top.span).trim_end(),
        "# The Brief {#top .lead .wide}"
    );
    assert_eq!(doc.text(top.text_span), "The Brief");
    let recs = &doc.sections[1];
    assert_eq!(recs.id, "what-to-do");
    assert_eq!(recs.role, SectionRole::Recommendations);
    assert_eq!(doc.recommendations_section, Some(1));
}

#[test]
fn sections_nest_and_extend_to_the_next_heading_of_their_level() {
    let source = brief("## One\n\nA.\n\n### One point one\n\nB.\n\n## Two\n\nC.\n");
    let doc = parse_clean(&source);
    let levels: Vec<u8> = doc.sections.iter().map(|s| s.level).collect();
    assert_eq!(levels, [2, 3, 2]);
    assert_eq!(doc.sections[1].parent, Some(0));
    assert_eq!(doc.sections[2].parent, None);
    let one = doc.text(doc.sections[0].extent);
    assert!(one.starts_with("## One") && one.contains("B.") && !one.contains("## Two"));
    assert_eq!(doc.sentences[1].section, Some(1));
    assert_eq!(doc.section_at(doc.sentences[2].span.start), Some(2));
}

#[test]
fn section_roles() {
    let doc = parse_clean(&brief(
        "## Executive Summary\n\nS.\n\n## Key Findings\n\nK.\n\n## Policy Recommendations\n\nR.\n\n## Sources\n\nX.\n\n## Notes\n\nN.\n",
    ));
    let roles: Vec<SectionRole> = doc.sections.iter().map(|s| s.role).collect();
    assert_eq!(
        roles,
        [
            SectionRole::Summary,
            SectionRole::Summary,
            SectionRole::Recommendations,
            SectionRole::Bibliography,
            SectionRole::Bibliography,
        ]
    );
}

#[test]
fn the_summary_comes_from_the_summary_key() {
    let source = "---\ntitle: T\nauthors: [A]\nsummary: Flows fell by a third.\n---\n\n## Summary\n\nIgnored here.\n";
    let doc = parse_clean(source);
    let summary = doc.summary.as_ref().expect("a summary");
    assert!(summary.from_frontmatter);
    assert_eq!(summary.text, "Flows fell by a third.");
    assert_eq!(summary.words, 5);
    assert_eq!(doc.text(summary.span), "Flows fell by a third.");
}

#[test]
fn the_summary_comes_from_a_summary_section() {
    for heading in ["Summary", "Executive Summary", "Key Findings"] {
        let doc = parse_clean(&brief(&format!(
            "## {heading}\n\nFlows fell by a third.\n\nPrices rose.\n\n## Background\n\nOther text.\n"
        )));
        let summary = doc.summary.as_ref().expect("a summary");
        assert!(!summary.from_frontmatter);
        assert_eq!(summary.text, "Flows fell by a third.\n\nPrices rose.");
        assert_eq!(summary.words, 7);
        assert!(doc.text(summary.span).starts_with(&format!("## {heading}")));
        assert!(!doc.text(summary.span).contains("Other text"));
    }
    assert!(
        parse_clean(&brief("## Background\n\nText.\n"))
            .summary
            .is_none()
    );
}

#[test]
fn recommendations_sections_by_their_usual_titles() {
    for title in [
        "Policy Recommendations",
        "What Washington Should Do",
        "Policies to Reduce Dependence on Imported Ingredients",
        "Plan of Action",
        "The Way Forward",
    ] {
        let doc = parse_clean(&brief(&format!(
            "## {title}\n\n1. **Congress should act.** Now.\n"
        )));
        assert_eq!(
            doc.sections[0].role,
            SectionRole::Recommendations,
            "{title}"
        );
    }
    for title in [
        "Policy Options",
        "Background",
        "The Next Steps of the Talks Stalled",
    ] {
        let doc = parse_clean(&brief(&format!("## {title}\n\nText.\n")));
        assert_eq!(doc.sections[0].role, SectionRole::Body, "{title}");
    }
}

#[test]
fn an_overview_after_a_summary_opens_the_body() {
    let doc = parse_clean(&brief(
        "## Key Findings\n\nFlows fell.\n\n## Overview\n\nBody text.\n\n### Finance\n\nMore.\n\n## Notes {.summary}\n\nMarked.\n",
    ));
    let roles: Vec<SectionRole> = doc.sections.iter().map(|s| s.role).collect();
    assert_eq!(
        roles,
        [
            SectionRole::Summary,
            SectionRole::Body,
            SectionRole::Body,
            SectionRole::Summary
        ]
    );
    assert_eq!(doc.summary.as_ref().expect("a summary").text, "Flows fell.");
    let summary = |text: &str| {
        doc.sentences
            .iter()
            .find(|s| s.text == text)
            .expect("the sentence")
            .context
            .summary
    };
    assert!(summary("Flows fell."));
    assert!(!summary("Body text."));
    assert!(!summary("More."));
}

#[test]
fn tables_with_captions_after_before_and_in_pandoc_style() {
    let source = brief(
        "| Year | Incidents |\n|---|---|\n| 2023 | 412 |\n| 2024 | 71 |\n\nTable 1: Shooting incidents by year.\n\nTable 2. Mines cleared.\n\n| Region | Mines |\n|---|---|\n| Tavush | 1200 |\n\n| A |\n|---|\n| b |\n\n: Pandoc caption\n\n| A |\n|---|\n| b |\n\nAn ordinary paragraph.\n",
    );
    let doc = parse_clean(&source);
    assert_eq!(doc.tables.len(), 4);
    let caption = |idx: usize| {
        doc.tables[idx]
            .caption
            .map(|p| doc.paragraphs[p].text.as_str())
    };
    assert_eq!(caption(0), Some("Table 1: Shooting incidents by year."));
    assert_eq!(caption(1), Some("Table 2. Mines cleared."));
    assert_eq!(caption(2), Some(": Pandoc caption"));
    assert_eq!(caption(3), None);
    assert_eq!(doc.tables[0].header, ["Year", "Incidents"]);
    assert_eq!(doc.tables[0].rows, 2);
    assert!(doc.text(doc.tables[0].span).starts_with("| Year"));
    let captioned = doc
        .sentences
        .iter()
        .find(|s| s.text.starts_with("Table 1"))
        .unwrap();
    assert!(captioned.context.caption);
    let cell = doc.sentences.iter().find(|s| s.text == "412").unwrap();
    assert_eq!(cell.context.table, Some(0));
}

#[test]
fn images_alone_in_a_paragraph_are_figures_with_credit_lines() {
    let doc = parse_clean(&brief(
        "![Map of the border](images/map.png \"The border\")\n\nSource: Caucasus Mine Action Observatory.\n\n![Chart](chart.png)\n\nFigure 2: Flows by year.\n\nAn inline ![icon](icon.png) in text.\n\n![Photo](photo.jpg)\n\nNot a credit line.\n",
    ));
    assert_eq!(doc.images.len(), 4);
    let map = &doc.images[0];
    assert_eq!(map.src, "images/map.png");
    assert_eq!(map.alt, "Map of the border");
    assert_eq!(map.title.as_deref(), Some("The border"));
    assert!(map.figure);
    assert_eq!(
        map.credit.as_deref(),
        Some("Source: Caucasus Mine Action Observatory.")
    );
    assert_eq!(
        doc.text(map.span),
        "![Map of the border](images/map.png \"The border\")"
    );
    assert_eq!(
        doc.images[1].credit.as_deref(),
        Some("Figure 2: Flows by year.")
    );
    assert!(!doc.images[2].figure);
    assert!(doc.images[3].figure);
    assert_eq!(doc.images[3].credit, None);
}

#[test]
fn word_counts_exclude_frontmatter_headings_footnotes_tables_captions_and_bibliography() {
    let source = "---\ntitle: Many words in the title\nauthors: [A]\nsummary: Several words of summary here.\n---\n\n## A heading with words\n\none two three.[^1]\n\n- four five\n- six\n\n> seven eight\n\n| nine | ten |\n|---|---|\n| eleven | twelve |\n\nTable 1: caption words here.\n\n## References\n\nA reference list entry.\n\n[^1]: Footnote words do not count.\n";
    let doc = parse_clean(source);
    assert_eq!(doc.word_count, 8);
}

#[test]
fn word_counts_skip_citations() {
    let source = "---\ntitle: T\nauthors: [A]\nsources:\n  - id: a\n  - id: b\n---\n\nOne two three [see @a, pp. 3-5; @b]. As @a argues.\n";
    let doc = parse_clean(source);
    // A bracketed group is a reference, not prose; a narrative citation reads as a name.
    assert_eq!(doc.sentences[0].words, 3);
    assert_eq!(doc.sentences[1].words, 3);
    assert_eq!(doc.word_count, 6);
}

#[test]
fn blocks_record_their_kind_and_depth() {
    let doc = parse_clean(&brief("Para.\n\n> - item\n\n```\ncode\n```\n\n---\n"));
    let kinds: Vec<(BlockKind, usize)> = doc.blocks.iter().map(|b| (b.kind, b.depth)).collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Paragraph, 0),
            (BlockKind::BlockQuote, 0),
            (BlockKind::List, 1),
            (BlockKind::Item, 2),
            (BlockKind::Code, 0),
            (BlockKind::Rule, 0),
        ]
    );
    assert!(doc.sentences.iter().all(|s| s.text != "code"));
}
