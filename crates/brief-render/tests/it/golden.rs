//! Golden files: the normalized HTML of each example brief, standalone and print, and the
//! citations of each example in each supported style. Review changes with `cargo insta review`.

use brief_render::{CitationStyle, HtmlKind};

use crate::support::{examples, load, normalize, render_in};

/// The styles the docs promise, with the archive name each is chosen by.
const STYLES: &[&str] = &["chicago-notes", "chicago-author-date", "apa"];

#[test]
fn example_briefs_as_html_and_print() {
    for (name, path) in examples() {
        let doc = load(&path);
        let dir = path.parent().unwrap();
        for kind in [HtmlKind::Standalone, HtmlKind::Print] {
            let rendered = render_in(&doc, kind, dir);
            let suffix = match kind {
                HtmlKind::Standalone => "html",
                HtmlKind::Print => "print",
            };
            insta::assert_snapshot!(format!("{name}.{suffix}"), normalize(&rendered.html));
        }
    }
}

#[test]
fn example_citations_in_each_style() {
    for (name, path) in examples() {
        let doc = load(&path);
        for style_name in STYLES {
            let style = CitationStyle::by_name(style_name).expect("a bundled style");
            let (citations, bibliography) = brief_render::format_citations(&doc, &style);
            let mut text = String::new();
            for (idx, citation) in citations.iter().enumerate() {
                text.push_str(&format!("[{}] ", idx + 1));
                if let Some(author) = &citation.author {
                    text.push_str(&format!("{} | ", author.text));
                }
                text.push_str(&citation.text.text);
                text.push('\n');
            }
            text.push_str("--- bibliography\n");
            for entry in &bibliography {
                text.push_str(&format!("{}: {}\n", entry.key, entry.text.text));
            }
            insta::assert_snapshot!(format!("{name}.citations.{style_name}"), text);
        }
    }
}

#[test]
fn every_style_renders_a_whole_page() {
    let (_, path) = &examples()[0];
    let doc = load(path);
    let dir = path.parent().unwrap();
    for style in STYLES {
        let loader = brief_model::ProjectFs::new(dir);
        let mut ctx = brief_render::RenderContext::new(&loader, dir);
        ctx.citation_style = Some((*style).to_owned());
        let mut doc = doc.clone();
        doc.frontmatter.citation_style = None;
        let rendered = brief_render::render(&doc, HtmlKind::Standalone, &ctx).unwrap();
        insta::assert_snapshot!(
            format!("south-caucasus-border.style.{style}"),
            normalize(&rendered.html)
        );
    }
}
