//! Renders policy briefs to HTML: a standalone page to publish on the web, and print-ready HTML
//! with a paged-media stylesheet for headless Chromium, WeasyPrint or Paged.js.
//!
//! The renderer reads the [`Document`] of `brief-model` only (it knows nothing of the linter),
//! reads files only through the [`Loader`] it is given (images, themes, `.csl` styles), never
//! fetches anything, and never prints: problems in the brief come back as warnings.
//!
//! ```
//! use brief_model::ProjectFs;
//! use brief_render::{HtmlKind, RenderContext, render};
//!
//! let parsed = brief_model::parse("---\ntitle: Grid Resilience\nauthors: [A. Rahman]\n---\n\nPrices rose.\n");
//! let loader = ProjectFs::new(std::path::Path::new("."));
//! let ctx = RenderContext::new(&loader, ".");
//! let page = render(&parsed.document, HtmlKind::Standalone, &ctx).unwrap();
//! assert!(page.html.contains("<h1 class=\"title\">Grid Resilience</h1>"));
//! ```

#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

mod body;
mod cite;
mod html;
mod index;
mod meta;
mod page;
mod sanitize;
mod theme;

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

use brief_model::config::PageSize;
use brief_model::{Diagnostic, Document, Loader, Span};

pub use body::TocEntry;
pub use cite::{
    BibEntry, CitationStyle, CiteGroup, CiteItem, DEFAULT_STYLE, DisplayBlock, FormattedCitation,
    FormattedCitations, Fragment, Run, archive_styles, load_citation_style,
};
pub use index::{IndexEntry, IndexLink, render_index, render_index_with};
pub use theme::{BRIEF_TEMPLATE, INDEX_TEMPLATE, Theme};

/// Which HTML to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HtmlKind {
    /// A self-contained web page.
    Standalone,
    /// The same content with a paged-media stylesheet, to print to PDF.
    Print,
}

impl HtmlKind {
    /// The extension of the output file: `html` or `print.html`.
    pub const fn extension(self) -> &'static str {
        match self {
            HtmlKind::Standalone => "html",
            HtmlKind::Print => "print.html",
        }
    }

    const fn name(self) -> &'static str {
        match self {
            HtmlKind::Standalone => "html",
            HtmlKind::Print => "print",
        }
    }
}

/// Everything a render needs besides the document.
#[non_exhaustive]
pub struct RenderContext<'a> {
    /// Reads images, theme files and `.csl` styles; refuses paths outside the project.
    pub loader: &'a dyn Loader,
    /// The brief's folder: relative paths in the brief are resolved against it.
    pub brief_dir: PathBuf,
    /// The theme; the built-in one when `None`.
    pub theme: Option<&'a Theme>,
    /// The paper size of print HTML.
    pub page_size: PageSize,
    /// Whether to add a table of contents.
    pub toc: bool,
    /// The citation style when the brief sets none (`[render] citation-style`).
    pub citation_style: Option<String>,
    /// The published address of this page, for the canonical link and metadata.
    pub url: Option<String>,
    /// The published address of the brief's PDF, for `citation_pdf_url`.
    pub pdf_url: Option<String>,
}

impl<'a> RenderContext<'a> {
    /// A context with the built-in theme, A4 paper, no table of contents and no URLs.
    pub fn new(loader: &'a dyn Loader, brief_dir: impl Into<PathBuf>) -> RenderContext<'a> {
        RenderContext {
            loader,
            brief_dir: brief_dir.into(),
            theme: None,
            page_size: PageSize::A4,
            toc: false,
            citation_style: None,
            url: None,
            pdf_url: None,
        }
    }

    fn theme(&self) -> &Theme {
        self.theme.unwrap_or_else(|| Theme::builtin())
    }
}

/// A rendered page.
#[derive(Clone, Debug)]
pub struct Rendered {
    /// The HTML document.
    pub html: String,
    /// Problems met while rendering (`render/*` codes); the page is complete regardless.
    pub warnings: Vec<Diagnostic>,
}

/// A failure that prevents rendering at all.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RenderError {
    /// A template of the theme failed to compile or to render.
    Template {
        /// The template's name.
        name: String,
        /// What went wrong.
        message: String,
    },
    /// A file of the theme could not be read.
    Theme {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Template { name, message } => {
                write!(f, "template `{name}`: {message}")
            }
            RenderError::Theme { path, message } => {
                write!(f, "theme file {}: {message}", path.display())
            }
        }
    }
}

impl std::error::Error for RenderError {}

/// Renders `doc` as a complete HTML page.
pub fn render(
    doc: &Document,
    kind: HtmlKind,
    ctx: &RenderContext<'_>,
) -> Result<Rendered, RenderError> {
    let mut warnings = Vec::new();
    let style = choose_style(doc, ctx, &mut warnings);
    let body = body::write(doc, ctx, kind, style.is_note());
    warnings.extend(body.warnings.iter().cloned());
    let citations = format_records(doc, &style, &body);
    let page = page::Page::build(doc, ctx, kind, &style, &body, &citations);
    let html = ctx.theme().render(BRIEF_TEMPLATE, page.context())?;
    Ok(Rendered { html, warnings })
}

/// The citations and bibliography of a brief, formatted in `style`, in the order the citations
/// appear (notes are numbered in that order, leaving out the author's footnotes). This is the
/// text the renderer writes; tests compare it with other citation processors.
pub fn format_citations(
    doc: &Document,
    style: &CitationStyle,
) -> (Vec<FormattedCitation>, Vec<BibEntry>) {
    let groups = cite_groups(doc, style.is_note());
    let formatted = format_cite_groups(doc, style, &groups);
    (formatted.citations, formatted.bibliography)
}

/// Formats citation groups of `doc` (collected by a renderer in the order it prints them) and
/// the bibliography of the sources they cite, in one run: "ibid.", short notes and
/// disambiguation follow the order of `groups`.
pub fn format_cite_groups(
    doc: &Document,
    style: &CitationStyle,
    groups: &[CiteGroup],
) -> FormattedCitations {
    cite::format(style, &doc.sources, groups, &doc.frontmatter.lang)
}

/// The citation groups of `doc` whose first key is known, in the order of the text; in note
/// styles each is a note of its own.
pub(crate) fn cite_groups(doc: &Document, note_style: bool) -> Vec<CiteGroup> {
    let mut groups: Vec<CiteGroup> = Vec::new();
    let mut last: Option<Span> = None;
    for citation in doc.citations() {
        if doc.source(&citation.key).is_none() {
            continue;
        }
        let item = CiteItem::from_citation(doc, citation);
        match groups.last_mut() {
            Some(group) if last == Some(citation.group_span) => group.items.push(item),
            _ => {
                let note = note_style.then_some(groups.len() + 1);
                groups.push(CiteGroup {
                    items: vec![item],
                    narrative: citation.narrative,
                    note,
                    in_footnote: false,
                });
            }
        }
        last = Some(citation.group_span);
    }
    groups
}

fn choose_style(
    doc: &Document,
    ctx: &RenderContext<'_>,
    warnings: &mut Vec<Diagnostic>,
) -> CitationStyle {
    let (style, warning) = load_citation_style(
        doc,
        ctx.citation_style.as_deref(),
        &ctx.brief_dir,
        ctx.loader,
    );
    warnings.extend(warning);
    style
}

/// Formatted citations by record index, and the bibliography.
pub(crate) struct Citations {
    pub(crate) by_record: Vec<Option<FormattedCitation>>,
    pub(crate) bibliography: Vec<BibEntry>,
}

fn format_records(doc: &Document, style: &CitationStyle, body: &body::Body) -> Citations {
    let mut footnote_numbers: HashMap<&str, usize> = HashMap::new();
    for (idx, note) in body.notes.iter().enumerate() {
        if let body::Note::Footnote { label } = note {
            footnote_numbers.insert(label.as_str(), idx + 1);
        }
    }
    // The order hayagriva sees: by note for note styles, so a citation inside a footnote
    // counts where the note is; in writing order otherwise.
    let mut order: Vec<(usize, usize, CiteGroup)> = Vec::new();
    for (idx, record) in body.records.iter().enumerate() {
        let mut group = record.group.clone();
        let note = match &record.placement {
            body::Placement::Note(n) => Some(*n),
            body::Placement::Inline {
                footnote: Some(label),
            } => {
                match footnote_numbers.get(label.as_str()) {
                    Some(&n) => Some(n),
                    // A citation in a footnote nobody refers to is never shown.
                    None => continue,
                }
            }
            body::Placement::Inline { footnote: None } => None,
        };
        if style.is_note() {
            group.note = note;
        }
        order.push((
            if style.is_note() {
                note.unwrap_or(0)
            } else {
                0
            },
            idx,
            group,
        ));
    }
    order.sort_by_key(|(note, idx, _)| (*note, *idx));
    let groups: Vec<CiteGroup> = order.iter().map(|(_, _, g)| g.clone()).collect();
    let formatted = format_cite_groups(doc, style, &groups);
    let mut by_record = vec![None; body.records.len()];
    for ((_, idx, _), citation) in order.iter().zip(formatted.citations) {
        by_record[*idx] = Some(citation);
    }
    Citations {
        by_record,
        bibliography: formatted.bibliography,
    }
}
