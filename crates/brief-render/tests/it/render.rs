//! Behaviour of the renderer: metadata, structure, images, themes, styles and deep nesting.

use brief_model::ProjectFs;
use brief_render::{HtmlKind, IndexEntry, IndexLink, RenderContext, Theme};

use crate::support::{examples, load, parse_in, render_in, render_text};

const MINIMAL: &str = "---\ntitle: Grid Resilience\nauthors: [A. Rahman]\nstatus: final\ndate: 2025-01-02\n---\n\n## Background\n\nPrices rose.\n";

fn json_ld(html: &str) -> serde_json::Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("a JSON-LD block");
    let rest = &html[start..];
    let body_start = rest.find('>').unwrap() + 1;
    let end = rest.find("</script>").unwrap();
    serde_json::from_str(&rest[body_start..end]).expect("the JSON-LD is JSON")
}

#[test]
fn head_carries_scholar_opengraph_and_json_ld() {
    let (_, path) = &examples()[0];
    let doc = load(path);
    let dir = path.parent().unwrap();
    let loader = ProjectFs::new(dir);
    let mut ctx = RenderContext::new(&loader, dir);
    ctx.pdf_url = Some("https://example.org/briefs/south-caucasus-border.pdf".to_owned());
    ctx.url = Some("https://example.org/briefs/south-caucasus-border.html".to_owned());
    let html = brief_render::render(&doc, HtmlKind::Standalone, &ctx)
        .unwrap()
        .html;
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\""));
    assert!(html.contains("<meta name=\"citation_title\" content=\"Holding the Line: Border Delimitation and Stability on the Armenia–Azerbaijan Frontier\">"));
    assert_eq!(html.matches("<meta name=\"citation_author\" ").count(), 3);
    assert!(html.contains("<meta name=\"citation_author\" content=\"Լիլիթ Հովհաննիսյան\">"));
    assert!(html.contains("<meta name=\"citation_author_institution\" content=\"Meridian Institute for Security Studies\">"));
    assert!(html.contains("<meta name=\"citation_publication_date\" content=\"2025/03/14\">"));
    assert!(html.contains("<meta name=\"citation_technical_report_institution\" content=\"Meridian Institute for Security Studies\">"));
    assert!(html.contains("<meta name=\"citation_pdf_url\" content=\"https://example.org/briefs/south-caucasus-border.pdf\">"));
    assert_eq!(
        html.matches("<meta name=\"citation_reference\"").count(),
        doc.sources.len()
    );
    assert!(html.contains("<meta property=\"og:title\""));
    assert!(
        html.contains("<meta name=\"description\" content=\"Armenia and Azerbaijan have finalised")
    );
    let ld = json_ld(&html);
    assert_eq!(ld["@type"], "Report");
    assert_eq!(ld["author"][0]["honorificPrefix"], "Major General");
    assert_eq!(
        ld["publisher"]["name"],
        "Meridian Institute for Security Studies"
    );
    assert_eq!(
        ld["encoding"]["contentUrl"],
        "https://example.org/briefs/south-caucasus-border.pdf"
    );
    assert_eq!(ld["citation"].as_array().unwrap().len(), doc.sources.len());
}

#[test]
fn json_ld_cannot_close_its_script() {
    let html = render_text(
        "---\ntitle: \"</script><script>alert(1)</script>\"\nauthors: [A]\n---\n\nText.\n",
    )
    .html;
    let ld = json_ld(&html);
    assert_eq!(ld["headline"], "</script><script>alert(1)</script>");
    assert_eq!(html.matches("</script>").count(), 1);
}

#[test]
fn title_block_recommendations_notes_and_bibliography() {
    let (_, path) = &examples()[0];
    let doc = load(path);
    let html = render_in(&doc, HtmlKind::Standalone, path.parent().unwrap()).html;
    assert!(html.contains("<span class=\"honorific\">Major General</span> Thomas K. Whitfield<span class=\"suffix\">, U.S. Army (Ret.)</span>"));
    assert!(html.contains("<h2 id=\"background\">Background</h2>"));
    assert_eq!(
        html.matches("<li class=\"recommendation").count(),
        doc.recommendations.len()
    );
    assert!(html.contains("<dt>Timeframe</dt><dd>Transition plan agreed by December 2025</dd>"));
    assert!(html.contains("role=\"doc-endnotes\""));
    assert!(html.contains("role=\"doc-bibliography\""));
    assert!(html.contains("role=\"doc-noteref\""));
    assert!(html.contains("role=\"doc-backlink\""));
    assert!(
        !html.contains("class=\"status-banner\""),
        "a final brief has no banner"
    );
    assert!(html.contains("Creative Commons Attribution 4.0 International"));
    assert!(html.contains("<section class=\"cite-as\""));
    // Every note reference has its note, and every note its way back.
    let refs = html.matches("role=\"doc-noteref\"").count();
    assert_eq!(html.matches("<li id=\"fn-").count(), refs);
}

#[test]
fn drafts_and_reviews_carry_a_banner() {
    for (status, banner) in [("draft", true), ("review", true), ("final", false)] {
        let text = MINIMAL.replace("status: final", &format!("status: {status}"));
        let html = render_text(&text).html;
        assert_eq!(html.contains("class=\"status-banner\""), banner, "{status}");
    }
}

#[test]
fn author_footnotes_merge_with_citation_notes_in_order() {
    let text = "---\ntitle: T\nauthors: [A]\nsources:\n  - id: a\n    type: book\n    title: Book Title\n    author: Ann Author\n    issued: 2020\n---\n\nFirst claim.[^x] Second claim [@a, p. 4]. Third claim.[^y]\n\n[^x]: Author's own note.\n[^y]: Another note.\n";
    let html = render_text(text).html;
    let one = html.find("href=\"#fn-1\"").unwrap();
    let two = html.find("href=\"#fn-2\"").unwrap();
    let three = html.find("href=\"#fn-3\"").unwrap();
    assert!(one < two && two < three);
    let notes = &html[html.find("role=\"doc-endnotes\"").unwrap()..];
    let n1 = notes.find("Author&#39;s own note").unwrap();
    let n2 = notes.find("<i>Book Title</i>").unwrap();
    let n3 = notes.find("Another note").unwrap();
    assert!(n1 < n2 && n2 < n3, "{notes}");
}

#[test]
fn citations_in_a_footnote_stay_in_its_text() {
    let text = "---\ntitle: T\nauthors: [A]\nsources:\n  - id: a\n    type: book\n    title: Book Title\n    author: Ann Author\n    publisher: P\n    issued: 2020\n  - id: b\n    type: book\n    title: Other Book\n    author: Bea Writer\n    publisher: Q\n    issued: 2021\n---\n\nA claim.[^x]\n\n[^x]: As @a [p. 9] argues, and [see @b, 10].\n";
    let html = render_text(text).html;
    let notes = &html[html.find("role=\"doc-endnotes\"").unwrap()..];
    // In the note's running text: the narrative citation keeps its author, the bracketed one
    // is neither capitalized nor closed with a period of its own.
    assert!(
        notes.contains(
            "As <span class=\"citation\">Ann Author, <i>Book Title</i> (P, 2020), 9</span> argues, \
             and <span class=\"citation\">see Bea Writer, <i>Other Book</i> (Q, 2021), 10</span>."
        ),
        "{notes}"
    );
}

#[test]
fn author_date_styles_cite_in_the_text() {
    let text = "---\ntitle: T\nauthors: [A]\ncitation-style: apa\nsources:\n  - id: a\n    type: book\n    title: Book Title\n    author: Ann Author\n    issued: 2020\n---\n\nA claim [@a, p. 4]. As @a shows.\n";
    let html = render_text(text).html;
    assert!(
        html.contains("<span class=\"citation\">(Author, 2020, p. 4)</span>"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"citation\">Author (2020)</span>"),
        "{html}"
    );
    assert!(html.contains(">References</h2>"));
}

#[test]
fn unknown_styles_warn_and_fall_back() {
    let text = MINIMAL.replace(
        "status: final",
        "status: final\ncitation-style: no-such-style",
    );
    let rendered = render_text(&text);
    assert!(
        rendered
            .warnings
            .iter()
            .any(|w| w.code == "render/unknown-style")
    );
}

#[test]
fn csl_files_are_read_through_the_loader() {
    let dir = tempfile::tempdir().unwrap();
    let style = brief_render::CitationStyle::by_name("apa").unwrap();
    assert!(!style.is_note());
    // A dependent style pointing at APA.
    let csl = r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-US">
  <info><title>House style</title><id>http://example.org/house</id>
  <link href="http://www.zotero.org/styles/apa" rel="independent-parent"/>
  <updated>2024-01-01T00:00:00+00:00</updated></info>
</style>"#;
    std::fs::write(dir.path().join("house.csl"), csl).unwrap();
    let text = "---\ntitle: T\nauthors: [A]\ncitation-style: house.csl\nsources:\n  - id: a\n    type: book\n    title: Book Title\n    author: Ann Author\n    issued: 2020\n---\n\nA claim [@a].\n";
    let doc = parse_in(text, dir.path());
    let rendered = render_in(&doc, HtmlKind::Standalone, dir.path());
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    assert!(rendered.html.contains("(Author, 2020)"));
}

#[test]
fn local_images_are_inlined_and_remote_ones_kept_as_links() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    std::fs::create_dir_all(root.join("img")).unwrap();
    std::fs::write(root.join(".git"), "").unwrap();
    std::fs::write(root.join("img/map.png"), [0x89, b'P', b'N', b'G']).unwrap();
    std::fs::write(dir.path().join("secret.png"), [1, 2, 3]).unwrap();
    let text = "---\ntitle: T\nauthors: [A]\n---\n\n![Map of the border](img/map.png)\n\nSource: Survey office.\n\nInline ![remote](https://example.org/x.png) and ![outside](../secret.png) and ![gone](img/none.png).\n";
    let doc = parse_in(text, &root);
    let rendered = render_in(&doc, HtmlKind::Standalone, &root);
    let html = &rendered.html;
    assert!(html.contains("<figure class=\"figure\">\n<img src=\"data:image/png;base64,iVBORw==\" alt=\"Map of the border\">"), "{html}");
    assert!(
        html.contains("<span class=\"credit\">Source: Survey office.</span>"),
        "{html}"
    );
    assert!(
        html.contains("<a class=\"remote-image\" href=\"https://example.org/x.png\">remote</a>")
    );
    assert!(!html.contains("src=\"https://"));
    let codes: Vec<&str> = rendered.warnings.iter().map(|w| w.code).collect();
    assert_eq!(
        codes,
        [
            "render/remote-image",
            "render/missing-image",
            "render/missing-image"
        ]
    );
    assert!(
        rendered.warnings[1]
            .message
            .contains("outside the project root"),
        "{}",
        rendered.warnings[1].message
    );
}

#[test]
fn a_theme_overrides_templates_and_css() {
    let dir = tempfile::tempdir().unwrap();
    let theme_dir = dir.path().join("theme");
    std::fs::create_dir_all(theme_dir.join("fonts")).unwrap();
    std::fs::write(theme_dir.join("brief.html"), "<!DOCTYPE html><html lang=\"{{ lang }}\"><head><title>{{ title }}</title><style>{{ css }}</style></head><body><h1>{{ title }}</h1>{{ body }}<p>{{ publisher or 'no publisher' }}</p></body></html>").unwrap();
    std::fs::write(
        theme_dir.join("extra.css"),
        "@font-face { font-family: House; src: url(fonts/house.woff2); }",
    )
    .unwrap();
    std::fs::write(theme_dir.join("fonts/house.woff2"), b"wOF2").unwrap();
    std::fs::write(
        theme_dir.join("logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let loader = ProjectFs::new(&theme_dir);
    let theme = Theme::load(&theme_dir, &loader).unwrap();
    let doc = parse_in(MINIMAL, dir.path());
    let loader = ProjectFs::new(dir.path());
    let mut ctx = RenderContext::new(&loader, dir.path());
    ctx.theme = Some(&theme);
    let html = brief_render::render(&doc, HtmlKind::Standalone, &ctx)
        .unwrap()
        .html;
    assert!(html.contains("<h1>Grid Resilience</h1>"));
    assert!(html.contains("<p>no publisher</p>"));
    assert!(
        html.contains("src: url(\"data:font/woff2;base64,d09GMg==\")"),
        "{html}"
    );
    assert!(html.contains(".rec-card"), "the default CSS stays");
}

#[test]
fn a_broken_template_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("brief.html"), "{% if %}").unwrap();
    let loader = ProjectFs::new(dir.path());
    let err = Theme::load(dir.path(), &loader).unwrap_err();
    assert!(
        err.to_string().starts_with("template `brief.html`"),
        "{err}"
    );
}

#[test]
fn table_of_contents_on_request() {
    let (_, path) = &examples()[0];
    let doc = load(path);
    let dir = path.parent().unwrap();
    let loader = ProjectFs::new(dir);
    let mut ctx = RenderContext::new(&loader, dir);
    ctx.toc = true;
    let html = brief_render::render(&doc, HtmlKind::Standalone, &ctx)
        .unwrap()
        .html;
    assert!(html.contains("<nav class=\"toc\""));
    assert!(html.contains("<a href=\"#landmines-and-the-limits-of-demarcation\">"));
}

#[test]
fn print_html_has_paged_media_rules() {
    let (_, path) = &examples()[0];
    let doc = load(path);
    let dir = path.parent().unwrap();
    let loader = ProjectFs::new(dir);
    let mut ctx = RenderContext::new(&loader, dir);
    ctx.page_size = brief_model::config::PageSize::Letter;
    let html = brief_render::render(&doc, HtmlKind::Print, &ctx)
        .unwrap()
        .html;
    assert!(html.contains("@page { size: letter;"));
    assert!(html.contains("content: \"Page \" counter(page) \" of \" counter(pages);"));
    assert!(html.contains("@top-left { content: \"Holding the Line\"; }"));
    assert!(html.contains("@page :first { @top-left { content: none; }"));
    assert!(html.contains(".recommendation, .rec-card, figure"));
    assert!(html.contains("kind-print"));
}

#[test]
fn print_html_puts_link_urls_in_notes() {
    let html = {
        let dir = tempfile::tempdir().unwrap();
        let doc = parse_in(
            "---\ntitle: T\nauthors: [A]\n---\n\nSee [the report](https://example.org/r).\n",
            dir.path(),
        );
        render_in(&doc, HtmlKind::Print, dir.path()).html
    };
    assert!(
        html.contains("<a href=\"https://example.org/r\">the report</a><sup class=\"noteref\">"),
        "{html}"
    );
    assert!(html.contains(
        "<p><a href=\"https://example.org/r\">https://example.org/r</a> <a href=\"#fnref-1\""
    ));
}

#[test]
fn ten_thousand_nested_blockquotes_do_not_overflow() {
    let depth = 10_000;
    let text = format!(
        "---\ntitle: Deep\nauthors: [A]\n---\n\n{} deep\n",
        ">".repeat(depth)
    );
    // The default test thread stack (2 MiB) is the budget.
    let html = render_text(&text).html;
    assert_eq!(html.matches("<blockquote>").count(), depth);
    assert_eq!(html.matches("</blockquote>").count(), depth);
}

#[test]
fn the_index_lists_every_brief() {
    let mut entries = Vec::new();
    for (name, path) in examples() {
        let doc = load(&path);
        entries.push(IndexEntry::from_document(
            &doc,
            name,
            vec![IndexLink {
                label: "HTML".into(),
                href: format!("{name}.html"),
            }],
        ));
    }
    let html = brief_render::render_index(&entries);
    for (name, _) in examples() {
        assert!(html.contains(&format!("href=\"{name}.html\"")));
    }
    assert!(html.contains("Major General Thomas K. Whitfield, U.S. Army (Ret.)"));
    assert!(html.contains("<span class=\"status-tag\">draft</span>"));
}
