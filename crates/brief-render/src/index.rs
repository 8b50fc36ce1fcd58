//! The index page of a batch render: one entry per brief, with links to every format made.

use minijinja::Value;
use serde::Serialize;

use crate::{INDEX_TEMPLATE, RenderError, Theme};

/// A link from the index to one rendered file.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct IndexLink {
    /// What the file is: "HTML", "Print HTML", "PDF", "Typst".
    pub label: String,
    /// The file, relative to the index.
    pub href: String,
}

/// One brief in the index.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct IndexEntry {
    /// The title.
    pub title: String,
    /// The subtitle.
    pub subtitle: Option<String>,
    /// The publication date (YYYY-MM-DD).
    pub date: Option<String>,
    /// The authors, as printed in a byline.
    pub authors: Vec<String>,
    /// The summary.
    pub summary: Option<String>,
    /// The kind of publication, as shown to readers ("Policy Brief").
    pub brief_type: String,
    /// `draft`, `review` or `final`.
    pub status: String,
    /// The language.
    pub lang: String,
    /// The path of the brief, as given.
    pub source: String,
    /// Links to the rendered files.
    pub links: Vec<IndexLink>,
}

impl IndexEntry {
    /// The entry for `doc`, with links to its rendered files.
    pub fn from_document(
        doc: &brief_model::Document,
        source: &str,
        links: Vec<IndexLink>,
    ) -> IndexEntry {
        let fm = &doc.frontmatter;
        IndexEntry {
            title: fm.title.clone(),
            subtitle: fm.subtitle.clone(),
            date: fm.date.clone(),
            authors: fm.author_list().map(|a| a.display_name()).collect(),
            summary: fm
                .summary
                .clone()
                .or_else(|| doc.summary.as_ref().map(|s| s.text.clone())),
            brief_type: fm.brief_type.label().to_owned(),
            status: fm.status.as_str().to_owned(),
            lang: fm.lang.clone(),
            source: source.to_owned(),
            links,
        }
    }
}

/// The index page with the built-in theme; entries are listed newest first.
pub fn render_index(entries: &[IndexEntry]) -> String {
    render_index_with(Theme::builtin(), entries, "Briefs").unwrap_or_else(|err| {
        format!(
            "<!DOCTYPE html><title>Briefs</title><p>{}</p>",
            crate::html::escape(&err.to_string())
        )
    })
}

/// The index page with `theme`'s `index.html`; entries are listed newest first.
pub fn render_index_with(
    theme: &Theme,
    entries: &[IndexEntry],
    title: &str,
) -> Result<String, RenderError> {
    let mut sorted: Vec<&IndexEntry> = entries.iter().collect();
    sorted.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
    let ctx = minijinja::context! {
        title => title,
        entries => Value::from(minijinja::value::Serde(&sorted)),
        css => Value::from_safe_string(theme.css(false)),
        logo => theme.logo(),
        generator => concat!("brief ", env!("CARGO_PKG_VERSION")),
    };
    theme.render(INDEX_TEMPLATE, ctx)
}
