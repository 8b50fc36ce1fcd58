//! Tests of the PDF renderer: the example briefs rendered and read back with poppler's
//! `pdftotext` and `pdfinfo`, escaping, deep nesting, fonts, themes and citation styles.
//!
//! The poppler checks skip with a note when the tools are missing, except under `CI=true`,
//! where a missing tool fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

use brief_model::ProjectFs;
use brief_model::config::PageSize;

use super::*;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const EXAMPLES: [&str; 3] = [
    "briefs/south-caucasus-border.md",
    "briefs/caspian-energy/caspian-gas-corridor.md",
    "briefs/water-security-draft.md",
];

/// A parsed and resolved brief with its loader.
struct Brief {
    doc: Document,
    loader: ProjectFs,
    dir: PathBuf,
}

impl Brief {
    fn open(path: &Path) -> Brief {
        let text = std::fs::read_to_string(path).unwrap();
        Brief::from_text(&text, path)
    }

    fn from_text(text: &str, path: &Path) -> Brief {
        let mut doc = brief_model::parse(text).document;
        let loader = ProjectFs::for_brief(path);
        let dir = path.parent().unwrap().to_path_buf();
        brief_model::resolve(&mut doc, &dir, &loader);
        Brief { doc, loader, dir }
    }

    fn options(&self) -> PdfOptions<'_> {
        PdfOptions {
            loader: &self.loader,
            brief_dir: self.dir.clone(),
            page_size: PageSize::A4,
            font_paths: Vec::new(),
            theme_dir: None,
            citation_style: None,
        }
    }

    fn render(&self) -> PdfOutput {
        render_pdf(&self.doc, &self.options()).unwrap_or_else(|err| panic!("{err}"))
    }
}

/// A brief written to a temporary project (a folder with `brief.toml`).
fn temp_brief(text: &str) -> (tempfile::TempDir, Brief) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("brief.toml"), "").unwrap();
    let path = dir.path().join("brief.md");
    std::fs::write(&path, text).unwrap();
    let brief = Brief::open(&path);
    (dir, brief)
}

/// Whether poppler's tools can be used; under `CI=true` their absence is a failure.
fn poppler() -> bool {
    let found = ["pdftotext", "pdfinfo"].iter().all(|tool| {
        Command::new(tool)
            .arg("-v")
            .output()
            .is_ok_and(|o| o.status.success() || !o.stderr.is_empty())
    });
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "pdftotext and pdfinfo (Debian package poppler-utils) are required when CI=true"
        );
        eprintln!("note: skipping PDF text checks: pdftotext/pdfinfo (poppler-utils) not found");
    }
    found
}

/// Runs a poppler tool on PDF bytes.
fn poppler_run(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut command = Command::new(tool);
    command.args(args).arg(&path);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let output = command.output().unwrap();
    assert!(output.status.success(), "{tool} failed: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn pdftotext(pdf: &[u8]) -> String {
    poppler_run("pdftotext", &["-enc", "UTF-8"], pdf)
}

fn pdftotext_page(pdf: &[u8], page: usize) -> String {
    let page = page.to_string();
    poppler_run(
        "pdftotext",
        &["-enc", "UTF-8", "-f", &page, "-l", &page],
        pdf,
    )
}

fn pdfinfo(pdf: &[u8]) -> String {
    poppler_run("pdfinfo", &["-enc", "UTF-8"], pdf)
}

fn page_count(info: &str) -> usize {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

/// Text for comparison: no whitespace, no soft hyphens, straight quotes, lowercase. Line breaks
/// and hyphenation in the PDF then do not matter.
fn norm(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}' && *c != '{' && *c != '}')
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn assert_contains(haystack: &str, needle: &str, what: &str) {
    assert!(
        norm(haystack).contains(&norm(needle)),
        "{what} `{needle}` is missing from the PDF text:\n{haystack}"
    );
}

#[test]
fn example_briefs_show_their_content_and_metadata() {
    if !poppler() {
        return;
    }
    for name in EXAMPLES {
        let brief = Brief::open(&workspace().join(name));
        let out = brief.render();
        assert!(out.pdf.starts_with(b"%PDF-"), "{name}");
        let text = pdftotext(&out.pdf);
        let info = pdfinfo(&out.pdf);
        let fm = &brief.doc.frontmatter;

        assert_contains(&text, &fm.title, "the title");
        if let Some(subtitle) = &fm.subtitle {
            assert_contains(&text, subtitle, "the subtitle");
        }
        for author in fm.author_list() {
            assert_contains(&text, &author.display_name(), "the author");
            for detail in [&author.position, &author.affiliation]
                .into_iter()
                .flatten()
            {
                assert_contains(&text, detail, "an author's position or affiliation");
            }
        }
        assert!(!brief.doc.recommendations.is_empty(), "{name}");
        for rec in &brief.doc.recommendations {
            assert_contains(&text, &rec.action, "the recommendation");
        }
        let cited: Vec<&str> = brief.doc.citations().map(|c| c.key.as_str()).collect();
        for source in brief
            .doc
            .sources
            .iter()
            .filter(|s| cited.contains(&s.id.as_str()))
        {
            let title = source.title.as_deref().unwrap();
            assert_contains(&text, title, "the bibliography entry");
        }
        if brief
            .doc
            .sources
            .iter()
            .any(|s| cited.contains(&s.id.as_str()))
        {
            assert!(norm(&text).contains("bibliography") || norm(&text).contains("references"));
        }

        let title_line = info.lines().find(|l| l.starts_with("Title:")).unwrap();
        assert_eq!(
            title_line.trim_start_matches("Title:").trim(),
            fm.title,
            "{name}"
        );
        let author_line = info.lines().find(|l| l.starts_with("Author:")).unwrap();
        for author in fm.author_list() {
            assert!(author_line.contains(&author.name), "{name}: {author_line}");
        }
        assert!(info.contains("Tagged:          yes"), "{name}: {info}");
        assert!(info.contains("(A4)"), "{name}: {info}");
        let pages = page_count(&info);
        assert!(
            norm(&text).contains(&norm(&format!("1 of {pages}"))),
            "{name}"
        );
    }
}

#[test]
fn example_briefs_meet_pdf_ua_and_warn_only_about_real_problems() {
    for name in EXAMPLES {
        let brief = Brief::open(&workspace().join(name));
        let out = brief.render();
        let codes: Vec<&str> = out.warnings.iter().map(|w| w.code).collect();
        assert!(
            !codes.contains(&"render/not-pdf-ua"),
            "{name}: {:?}",
            out.warnings
        );
        assert!(
            !codes.contains(&"render/missing-glyph"),
            "{name}: {:?}",
            out.warnings
        );
        assert!(
            !codes.contains(&"render/typst-warning"),
            "{name}: {:?}",
            out.warnings
        );
        if name.contains("water") {
            assert_eq!(codes, ["render/unknown-citation"], "{name}");
        } else {
            assert!(codes.is_empty(), "{name}: {:?}", out.warnings);
        }
    }
}

#[test]
fn sections_and_recommendations_are_bookmarks_and_the_language_is_set() {
    let brief = Brief::open(&workspace().join("briefs/south-caucasus-border.md"));
    let out = brief.render();
    let pdf = String::from_utf8_lossy(&out.pdf);
    assert!(pdf.contains("/Type/Outlines"));
    for title in [
        "Summary",
        "Background",
        "Friction Between Border Forces",
        "Recommendations",
        "Bibliography",
    ] {
        assert!(
            pdf.contains(&format!("/Title({title})")),
            "no bookmark for {title}"
        );
    }
    assert!(pdf.contains("/Title(The defence ministries of Armenia and Azerbaijan should open"));
    assert!(pdf.contains("pdfuaid"), "the PDF claims PDF/UA");
    assert!(pdf.contains("/Lang(en)"), "the PDF states its language");
}

#[test]
fn drafts_carry_a_banner_and_related_publications_are_listed() {
    if !poppler() {
        return;
    }
    let brief = Brief::open(&workspace().join("briefs/water-security-draft.md"));
    let out = brief.render();
    let text = pdftotext(&out.pdf);
    assert_contains(
        &text,
        "Draft: not for circulation or citation",
        "the banner",
    );
    let last = pdftotext_page(&out.pdf, page_count(&pdfinfo(&out.pdf)));
    assert_contains(&last, "Draft", "the footer status");

    let brief = Brief::open(&workspace().join("briefs/south-caucasus-border.md"));
    let text = pdftotext(&brief.render().pdf);
    assert!(!norm(&text).contains("draft:notforcirculation"));
    assert_contains(&text, "Related publications", "the related publications");
    assert_contains(
        &text,
        "Observer Missions and Ceasefire Durability",
        "a related publication",
    );
    assert_contains(&text, "CC-BY-4.0", "the license");
}

#[test]
fn list_recommendations_keep_their_fields_and_rationale() {
    let (_dir, brief) = temp_brief(
        "---\ntitle: Recs\nauthors: [A]\n---\n\n## Recommendations\n\nIntro.\n\n1. **The Ministry should act now.** Because it matters.\n   - **Timeframe:** 2026\n   - **Cost:** Low\n2. **The Council should fund it:** with money.\n",
    );
    assert_eq!(brief.doc.recommendations.len(), 2);
    let (source, _) = typst_source(&brief.doc, &brief.options()).unwrap();
    let body = source
        .rsplit("#show: brief-document.with(brief-data)")
        .next()
        .unwrap();
    assert!(
        body.contains("action: [#\"The Ministry should act now\"]"),
        "{body}"
    );
    assert!(
        body.contains("(name: [#\"Timeframe\"], value: [#\"2026\"])"),
        "{body}"
    );
    assert!(
        body.contains("rationale: [#\"Because it matters.\"]"),
        "{body}"
    );
    assert!(body.contains("rationale: [#\"with money.\"]"), "{body}");
    assert!(!body.contains("#enum"), "the list becomes cards: {body}");
    assert!(body.contains("#\"Intro.\""));
}

#[test]
fn author_footnotes_sit_on_the_page_of_their_call() {
    if !poppler() {
        return;
    }
    let brief = Brief::open(&workspace().join("briefs/water-security-draft.md"));
    let out = brief.render();
    let pages: Vec<String> = (1..=page_count(&pdfinfo(&out.pdf)))
        .map(|page| pdftotext_page(&out.pdf, page))
        .collect();
    // Numbers follow the first call of each defined note (the brief has no note citations).
    let mut numbers: Vec<&str> = Vec::new();
    let mut checked = 0;
    for reference in &brief.doc.footnote_refs {
        let Some(def) = brief.doc.footnote(&reference.label) else {
            continue;
        };
        if numbers.contains(&reference.label.as_str()) {
            continue;
        }
        numbers.push(&reference.label);
        let number = numbers.len();
        let before = &brief.doc.source[..reference.span.start];
        let word: String = before
            .split_whitespace()
            .last()
            .unwrap()
            .trim_end_matches(']')
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '-')
            .collect();
        let note: String = def.text.chars().take(40).collect();
        let page = pages
            .iter()
            .position(|p| norm(p).contains(&norm(&note)))
            .unwrap_or_else(|| panic!("note `{note}` not found"));
        assert!(
            norm(&pages[page]).contains(&norm(&format!("{word}{number}"))),
            "note {number} (`{note}`) is on page {} but its call after `{word}` is not",
            page + 1
        );
        checked += 1;
    }
    assert!(checked >= 6, "{checked}");
}

#[test]
fn citation_notes_sit_on_the_page_of_their_call() {
    if !poppler() {
        return;
    }
    let brief = Brief::open(&workspace().join("briefs/south-caucasus-border.md"));
    let out = brief.render();
    let first = pdftotext_page(&out.pdf, 1);
    // The first citation becomes note 1 after the period (Chicago's note placement).
    assert_contains(&first, "independent in 1991.1", "the first note's call");
    assert_contains(
        &first,
        "1International Centre for Security Dialogue, Drawing the Line",
        "the first note",
    );
    assert_contains(
        &first,
        "See Helen J. Whitaker, Frozen Lines",
        "a prefixed note",
    );
    let text = pdftotext(&out.pdf);
    // A suppressed author: the short note without the author, as Pandoc prints it, and no
    // doubled locator.
    assert_contains(
        &text,
        "3\"Soviet Maps and Sovereign Lines: The Cartographic Basis of Armenia–Azerbaijan \
         Delimitation,\" 219.",
        "note 3",
    );
}

/// Text without whitespace, soft hyphens and hyphens, so that line breaks and hyphenation in
/// the PDF do not matter (pdftotext joins a word or address broken after a hyphen and drops
/// the hyphen); letters, case, quotation marks, dashes and other punctuation still do.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{ad}' | '-'))
        .collect()
}

/// HTML as the text a reader sees: tags dropped, entities decoded.
fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of each item of the first list after `marker` in the HTML, without the notes'
/// links back to their calls.
fn html_list_items(html: &str, marker: &str) -> Vec<String> {
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("`{marker}` is not in the HTML"));
    let section = &html[start..];
    let section = &section[..section.find("</section>").unwrap()];
    section
        .split("<li")
        .skip(1)
        .map(|item| {
            let item = &item[item.find('>').unwrap() + 1..];
            let item = item.split("</li>").next().unwrap();
            let item = item.split("<a href=\"#fnref-").next().unwrap();
            html_text(item)
        })
        .collect()
}

/// Renders `brief` both ways and checks that every note of the HTML, with its number, and
/// every bibliography entry is in the PDF's text as it is in the HTML. Returns how many notes
/// and entries were compared.
fn assert_same_citations_as_html(brief: &Brief) -> (usize, usize) {
    let ctx = brief_render::RenderContext::new(&brief.loader, &brief.dir);
    let html = brief_render::render(&brief.doc, brief_render::HtmlKind::Standalone, &ctx)
        .unwrap()
        .html;
    let pdf = squeeze(&pdftotext(&brief.render().pdf));
    let notes = html_list_items(&html, "role=\"doc-endnotes\"");
    for (idx, note) in notes.iter().enumerate() {
        let numbered = format!("{}{note}", idx + 1);
        assert!(
            pdf.contains(&squeeze(&numbered)),
            "note {} of the HTML is not in the PDF: {note}\nfound: {}",
            idx + 1,
            found_instead(&pdf, &numbered)
        );
    }
    let entries = html_list_items(&html, "role=\"doc-bibliography\"");
    for entry in &entries {
        assert!(
            pdf.contains(&squeeze(entry)),
            "bibliography entry of the HTML is not in the PDF: {entry}\nfound: {}",
            found_instead(&pdf, entry)
        );
    }
    (notes.len(), entries.len())
}

/// What the squeezed PDF text holds where the longest start of `expected` is, for a failure
/// message.
fn found_instead(pdf: &str, expected: &str) -> String {
    let expected = squeeze(expected);
    let mut found = "nothing".to_owned();
    for (end, c) in expected.char_indices() {
        match pdf.find(&expected[..end + c.len_utf8()]) {
            Some(at) => {
                found = pdf[at..]
                    .chars()
                    .take(expected.chars().count() + 20)
                    .collect()
            }
            None => break,
        }
    }
    found
}

#[test]
fn notes_and_bibliography_match_the_html() {
    if !poppler() {
        return;
    }
    let brief = Brief::open(&workspace().join("briefs/south-caucasus-border.md"));
    let (notes, entries) = assert_same_citations_as_html(&brief);
    assert!(
        notes >= 40 && entries >= 10,
        "{notes} notes, {entries} entries"
    );
}

#[test]
fn author_footnotes_and_citation_notes_match_the_html() {
    if !poppler() {
        return;
    }
    // Author's footnotes numbered with citation notes, citations inside a footnote (counted
    // where the note is), a narrative citation, a suppressed author and repeats.
    let (_dir, brief) = temp_brief(
        "---\ntitle: Notes\nauthors: [A]\nsources:\n  - id: a\n    type: book\n    title: \"Frozen Lines: Borders After the War\"\n    author: Helen J. Whitaker\n    publisher: Harlow University Press\n    issued: 2023\n  - id: b\n    type: article-journal\n    title: Soviet Maps\n    author: Narine Sahakyan\n    container-title: Journal of Borderland Studies\n    volume: \"12\"\n    page: 211-238\n    issued: 2024\n---\n\nA claim [@a, p. 4]. An aside.[^x] @b [p. 214] disagrees. Again [-@b, p. 219].\n\nOnce more [see @a, pp. 18-19; @b].[^y]\n\n[^x]: As @a [p. 9] argues, and [see @b, 230].\n[^y]: A note of the author.\n",
    );
    let (notes, entries) = assert_same_citations_as_html(&brief);
    assert_eq!((notes, entries), (6, 2));
}

#[test]
fn author_date_styles_cite_in_the_text() {
    if !poppler() {
        return;
    }
    let brief = Brief::open(&workspace().join("briefs/caspian-energy/caspian-gas-corridor.md"));
    let out = brief.render();
    let text = pdftotext(&out.pdf);
    assert_contains(&text, "(Korkmaz 2024)", "an author-date citation");
    // Page ranges follow the style's page-range-format.
    assert_contains(&text, "(Harrington 2022, 112–18)", "a citation with pages");
    assert_contains(&text, "References", "the bibliography heading");
    assert_contains(
        &text,
        "Review copy: not for circulation",
        "the review banner",
    );
}

#[test]
fn typst_syntax_in_a_brief_is_text() {
    if !poppler() {
        return;
    }
    // Each pair: the Markdown of a list item, and the text it must show.
    let tricky = [
        ("#set page(width: 1cm)", "#set page(width: 1cm)"),
        ("$x$ and $$y$$", "$x$ and $$y$$"),
        ("@label", "@label"),
        ("<tag> and </tag>", "<tag> and </tag>"),
        ("\\*not bold\\*", "*not bold*"),
        ("\\_under\\_", "_under_"),
        ("\\`tick\\`", "`tick`"),
        ("back\\\\slash", "back\\slash"),
        ("\\[bracket\\]", "[bracket]"),
        ("= not a heading", "= not a heading"),
        ("#\"quote\"", "#\"quote\""),
        (
            "// not a comment /* nor this */",
            "// not a comment /* nor this */",
        ),
        ("~ and -- and --- too", "~ and -- and --- too"),
        ("#{ panic() } #[#x] #(1 + 1)", "#{ panic() } #[#x] #(1 + 1)"),
        ("private \u{E000}c0:n\u{E001} use", "private"),
    ];
    let items: Vec<String> = tricky.iter().map(|(md, _)| format!("- {md}")).collect();
    let (_dir, brief) = temp_brief(&format!(
        "---\ntitle: \"Escapes: #set page(width: 1cm) and $x$ @label <tag>\"\nauthors: [\"A. #strong[B]\"]\nsummary: 'Summary with #emph[x] and ]'\nkey-points: ['#pagebreak()']\n---\n\n## Section with #linebreak() and <tag>\n\n{}\n\nA paragraph with `#set page(width: 1cm)` as code.\n\n```\n#set page(width: 1cm)\n```\n\n> #quote[x] and $y$\n\n| a | #b |\n|---|----|\n| $c$ | @d |\n",
        items.join("\n")
    ));
    let out = brief.render();
    let text = pdftotext(&out.pdf);
    let info = pdfinfo(&out.pdf);
    assert!(info.contains("(A4)"), "{info}");
    for (_, shown) in &tricky {
        assert_contains(&text, shown, "literal text");
    }
    assert_contains(
        &text,
        "Escapes: #set page(width: 1cm) and $x$ @label <tag>",
        "the title",
    );
    assert_contains(&text, "A. #strong[B]", "the author");
    assert_contains(&text, "Summary with #emph[x] and ]", "the summary");
    assert_contains(&text, "#pagebreak()", "the key point");
    assert_contains(&text, "Section with #linebreak() and <tag>", "the heading");
    assert_contains(&text, "#quote[x] and $y$", "the quotation");
    assert_contains(&text, "@d", "a table cell");
    assert!(info.contains("Title:           Escapes: #set page(width: 1cm) and $x$ @label <tag>"));
}

#[test]
fn the_generated_source_keeps_brief_text_in_string_literals() {
    let (_dir, brief) = temp_brief(
        "---\ntitle: 'T #set'\nauthors: [A]\n---\n\nText #set page(width: 1cm) $x$ @label <tag> \\* ] [ \"q\".\n",
    );
    let (source, _) = typst_source(&brief.doc, &brief.options()).unwrap();
    let body = source
        .rsplit("#show: brief-document.with(brief-data)")
        .next()
        .unwrap();
    assert!(
        body.contains("#\"Text #set page(width: 1cm) $x$ @label <tag> * ] [ \""),
        "{body}"
    );
    assert!(
        body.contains("#smartquote(double: true)#\"q\"#smartquote(double: true)"),
        "{body}"
    );
    assert!(
        !body.contains('\u{E000}'),
        "placeholders must all be replaced"
    );
}

#[test]
fn deep_nesting_is_flattened_not_recursed() {
    let depth = 10_000;
    let mut text = String::from("---\ntitle: Deep\nauthors: [A]\n---\n\n");
    text.push_str(&"> ".repeat(depth));
    text.push_str("bottom of the quotes\n\n");
    for level in 0..2_000 {
        text.push_str(&"  ".repeat(level));
        text.push_str("- item\n");
    }
    text.push('\n');
    // A note deep inside quotations, with quotations of its own.
    text.push_str(&"> ".repeat(30));
    text.push_str("called here[^deep]\n\n[^deep]: ");
    text.push_str(&"> ".repeat(30));
    text.push_str("deep note\n\n");
    // Emphasis nested by delimiters.
    text.push_str(&"*".repeat(3000));
    text.push('x');
    text.push_str(&"*".repeat(3000));
    text.push_str("\n\nend\n");
    let (_dir, brief) = temp_brief(&text);
    let (source, _) = typst_source(&brief.doc, &brief.options()).unwrap();
    // The deepest nesting of content blocks, outside string literals.
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for c in source.chars() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') => in_string = false,
            (true, false, _) => {}
            (false, _, '"') => in_string = true,
            (false, _, '[') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, _, ']') => depth -= 1,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "brackets are balanced");
    assert!(deepest <= 2 * body::MAX_DEPTH + 2, "{deepest}");
    assert!(source.contains("bottom of the quotes"));
    let out = brief.render();
    assert!(out.pdf.starts_with(b"%PDF-"));
}

#[test]
fn missing_glyphs_are_warnings_that_name_a_font() {
    let (_dir, brief) =
        temp_brief("---\ntitle: Fonts\nauthors: [\"ሰላም ተስፋዬ\", \"王小明\"]\n---\n\nText.\n");
    // Without the system's fonts only Typst's bundled fonts remain, and none of them has
    // Ethiopic or Chinese glyphs.
    let out = render_with(&brief.doc, &brief.options(), false).unwrap();
    let missing: Vec<&Diagnostic> = out
        .warnings
        .iter()
        .filter(|w| w.code == "render/missing-glyph")
        .collect();
    assert_eq!(missing.len(), 2, "{:?}", out.warnings);
    let ethiopic = missing
        .iter()
        .find(|w| w.message.contains("Ethiopic"))
        .unwrap();
    let help = ethiopic.help.as_deref().unwrap();
    assert!(
        help.contains("Noto Sans Ethiopic") && help.contains("fonts-noto-core"),
        "{help}"
    );
    assert_eq!(brief.doc.text(ethiopic.span), "ሰ");
    let chinese = missing
        .iter()
        .find(|w| w.message.contains("Chinese"))
        .unwrap();
    assert!(chinese.help.as_deref().unwrap().contains("fonts-noto-cjk"));
}

#[test]
fn armenian_georgian_and_arabic_names_use_noto_fonts() {
    let fonts = fonts::fonts(&fonts::FontSources {
        dirs: Vec::new(),
        system: true,
    });
    let wanted = [
        "Noto Sans Armenian",
        "Noto Sans Georgian",
        "Noto Naskh Arabic",
    ];
    if !wanted.iter().all(|f| fonts.has_family(f)) {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "the Debian package fonts-noto-core is required when CI=true"
        );
        eprintln!("note: skipping the Noto font check: fonts-noto-core is not installed");
        return;
    }
    let (_dir, brief) = temp_brief(
        "---\ntitle: Fonts\nauthors: [\"Լիլիթ Հովհաննիսյան\", \"თამარ ქავთარაძე\", \"Анна Петрова\", \"ليلى أحمد\"]\n---\n\nText.\n",
    );
    let out = brief.render();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    if !poppler() {
        return;
    }
    let embedded = poppler_run("pdffonts", &[], &out.pdf);
    for font in ["NotoSansArmenian", "NotoSansGeorgian", "Arabic"] {
        assert!(
            embedded.contains(font),
            "{font} is not embedded:\n{embedded}"
        );
    }
    let text = pdftotext(&out.pdf);
    for name in ["Լիլիթ Հովհաննիսյան", "თამარ ქავთარაძე", "Анна Петрова"]
    {
        assert_contains(&text, name, "the author");
    }
}

#[test]
fn unknown_citation_keys_are_printed_as_written() {
    if !poppler() {
        return;
    }
    let (_dir, brief) = temp_brief(
        "---\ntitle: Keys\nauthors: [A]\nsources:\n  - id: known\n    title: Known Source\n    issued: 2020\n---\n\nOne claim [@nobody, p. 4]. Another [@known; @nobody].\n",
    );
    let out = brief.render();
    let unknown: Vec<&Diagnostic> = out
        .warnings
        .iter()
        .filter(|w| w.code == "render/unknown-citation")
        .collect();
    assert_eq!(unknown.len(), 2, "{:?}", out.warnings);
    assert_eq!(brief.doc.text(unknown[0].span), "nobody");
    let text = pdftotext(&out.pdf);
    assert_contains(&text, "One claim [@nobody, p. 4].", "the unknown citation");
    assert_contains(&text, "Known Source", "the known source's note");
}

#[test]
fn citation_styles_come_from_the_brief_then_the_configuration() {
    let (_dir, brief) = temp_brief(
        "---\ntitle: Styles\nauthors: [A]\nsources:\n  - id: k\n    type: book\n    title: A Book\n    author: Jane Roe\n    publisher: P\n    issued: 2020\n---\n\nClaim [@k, p. 4].\n",
    );
    let mut options = brief.options();
    options.citation_style = Some("apa".to_owned());
    let (source, warnings) = typst_source(&brief.doc, &options).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(source.contains("#\"(Roe, 2020, p. 4)\""), "{source}");
    assert!(!source.contains("#footnote"));

    options.citation_style = Some("chicago-notse".to_owned());
    let (source, warnings) = typst_source(&brief.doc, &options).unwrap();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, "render/unknown-style");
    assert_eq!(
        warnings[0].help.as_deref(),
        Some("did you mean `chicago-notes`?")
    );
    assert!(source.contains("#footnote["), "falls back to notes");
}

#[test]
fn a_theme_template_replaces_the_default() {
    let (dir, brief) =
        temp_brief("---\ntitle: Themed\nauthors: [A]\n---\n\n## Part\n\nBody text.\n");
    let theme = dir.path().join("theme");
    std::fs::create_dir(&theme).unwrap();
    std::fs::write(
        theme.join("template.typ"),
        "#let brief-document(data, body) = { set document(title: data.meta.title); [THEMED #data.title]; body }\n\
         #let brief-summary(data) = []\n#let brief-key-points(data) = []\n\
         #let brief-recommendation(data, rec) = rec.action\n\
         #let brief-figure(data, image, caption: none, credit: none) = image\n\
         #let brief-bibliography(data, bib) = bib.entries.join()\n",
    )
    .unwrap();
    std::fs::write(
        theme.join("logo.svg"),
        "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>",
    )
    .unwrap();
    let mut options = brief.options();
    options.theme_dir = Some(theme.clone());
    let (source, _) = typst_source(&brief.doc, &options).unwrap();
    assert!(source.contains("[THEMED #data.title]"));
    assert!(!source.contains("brief-accent"));
    assert!(source.contains("logo: bytes(\"<svg"));
    let out = render_pdf(&brief.doc, &options).unwrap();
    assert!(out.pdf.starts_with(b"%PDF-"));

    // A mistake in the template is an error that points into it.
    std::fs::write(
        theme.join("template.typ"),
        "#let brief-document(data, body) = {\n  undefined-thing\n}\n",
    )
    .unwrap();
    let err = match render_pdf(&brief.doc, &options) {
        Err(err) => err,
        Ok(_) => panic!("a broken template must fail"),
    };
    let message = err.to_string();
    assert!(
        message.contains("unknown variable: undefined-thing"),
        "{message}"
    );
    assert!(message.contains("line 2 of the template"), "{message}");
}

#[test]
fn the_typst_source_compiles_on_its_own() {
    /// A loader that reads nothing: the source must not need any file.
    struct Nothing;
    impl Loader for Nothing {
        fn read(&self, path: &Path) -> Result<String, brief_model::load::LoadError> {
            Err(brief_model::load::LoadError {
                path: path.to_owned(),
                kind: brief_model::load::LoadErrorKind::NotFound,
            })
        }
        fn read_bytes(&self, path: &Path) -> Result<Vec<u8>, brief_model::load::LoadError> {
            self.read(path).map(String::into_bytes)
        }
    }
    for name in EXAMPLES {
        let brief = Brief::open(&workspace().join(name));
        let (source, _) = typst_source(&brief.doc, &brief.options()).unwrap();
        let fonts = fonts::fonts(&fonts::FontSources {
            dirs: Vec::new(),
            system: true,
        });
        let world = world::BriefWorld::new(source, Path::new("/nowhere"), 0, fonts, &Nothing);
        let res = typst::compile::<PagedDocument>(&world);
        assert!(res.output.is_ok(), "{name}: {:?}", res.output.err());
    }
}

#[test]
fn letter_paper_and_images() {
    if !poppler() {
        return;
    }
    let (dir, _) = temp_brief(
        "---\ntitle: Figures\nauthors: [A]\n---\n\nBefore.\n\n![A red square](img/square.svg)\n\nSource: Test data.\n\n![gone](img/missing.png)\n\n![remote](https://example.org/x.png)\n\nAfter.\n",
    );
    std::fs::create_dir(dir.path().join("img")).unwrap();
    std::fs::write(
        dir.path().join("img/square.svg"),
        "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='40'><rect width='40' height='40' fill='red'/></svg>",
    )
    .unwrap();
    let brief = Brief::open(&dir.path().join("brief.md"));
    let mut options = brief.options();
    options.page_size = PageSize::Letter;
    let out = render_pdf(&brief.doc, &options).unwrap();
    let info = pdfinfo(&out.pdf);
    assert!(info.contains("(letter)"), "{info}");
    let codes: Vec<&str> = out.warnings.iter().map(|w| w.code).collect();
    assert_eq!(
        codes,
        ["render/missing-image", "render/remote-image"],
        "{:?}",
        out.warnings
    );
    let text = pdftotext(&out.pdf);
    assert_contains(&text, "Figure 1: A red square", "the caption");
    assert_contains(&text, "Source: Test data.", "the credit");
    assert_eq!(
        norm(&text).matches("source:testdata").count(),
        1,
        "the credit is printed once"
    );
    assert_contains(
        &text,
        "gone (image not found)",
        "the missing image's alt text",
    );
}

#[test]
fn parent_folders_of_images_are_reachable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("brief.toml"), "").unwrap();
    std::fs::create_dir_all(dir.path().join("briefs/energy")).unwrap();
    std::fs::create_dir_all(dir.path().join("shared")).unwrap();
    std::fs::write(
        dir.path().join("shared/map.svg"),
        "<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>",
    )
    .unwrap();
    let path = dir.path().join("briefs/energy/b.md");
    std::fs::write(
        &path,
        "---\ntitle: Up\nauthors: [A]\n---\n\n![Map](../../shared/map.svg)\n",
    )
    .unwrap();
    let brief = Brief::open(&path);
    let out = brief.render();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

/// The CPU time of this process so far (Linux only), to time renders on a busy machine.
fn cpu_time() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(") ")?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // Linux reports in clock ticks of 10 ms.
    Some(std::time::Duration::from_millis(ticks * 10))
}

/// Render times of the example briefs, wall clock and CPU; run with
/// `cargo test -p brief-pdf --release -- --ignored --nocapture render_times`.
#[test]
#[ignore = "a measurement, not a check"]
fn render_times() {
    let start = std::time::Instant::now();
    let found = fonts::fonts(&fonts::FontSources {
        dirs: Vec::new(),
        system: true,
    });
    eprintln!(
        "font search ({} families): {:?}",
        found.book.families().count(),
        start.elapsed()
    );
    let briefs: Vec<(&str, Brief)> = EXAMPLES
        .iter()
        .map(|name| (*name, Brief::open(&workspace().join(name))))
        .collect();
    let start = std::time::Instant::now();
    let _ = briefs[0].1.render();
    eprintln!(
        "first render (standard library, fonts loaded): {:?}",
        start.elapsed()
    );
    for (name, brief) in &briefs {
        let runs = 10;
        let mut wall = std::time::Duration::ZERO;
        let mut cpu = std::time::Duration::ZERO;
        for _ in 0..runs {
            // Typst memoizes layout: clear its caches so that every run does all the work.
            typst::comemo::evict(0);
            let (start, cpu_start) = (std::time::Instant::now(), cpu_time());
            let _ = brief.render();
            wall += start.elapsed();
            if let (Some(before), Some(after)) = (cpu_start, cpu_time()) {
                cpu += after - before;
            }
        }
        let start = std::time::Instant::now();
        let _ = typst_source(&brief.doc, &brief.options());
        eprintln!(
            "{name}: render_pdf {:?} wall, {:?} CPU; typst_source {:?}",
            wall / runs,
            cpu / runs,
            start.elapsed()
        );
    }
}
