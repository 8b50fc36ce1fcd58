//! Citations and the bibliography as Typst markup.
//!
//! brief-render formats them (`brief_render::format_cite_groups`): the same hayagriva run, the
//! same specialized style and the same touches of Pandoc's citeproc as the HTML, so both print
//! the same citations. The body walker collects the groups in the order it prints them, which
//! is the order of the notes (an author's footnote is written where it is first called), and
//! this module writes the formatted [`Fragment`]s as Typst markup: every run of text a string
//! literal, its formatting and link the only code.

use std::path::Path;

use brief_model::{Diagnostic, Document, Loader};
use brief_render::{CitationStyle, CiteGroup, FormattedCitations, Fragment};

use crate::markup::{self, Markup};

/// Loads the brief's citation style as the HTML renderer does (its `citation-style`, else
/// `configured`, else Chicago notes); a style that cannot be used gives Chicago notes and a
/// warning.
pub(crate) fn load_style(
    doc: &Document,
    configured: Option<&str>,
    brief_dir: &Path,
    loader: &dyn Loader,
    warnings: &mut Vec<Diagnostic>,
) -> CitationStyle {
    let (style, warning) = brief_render::load_citation_style(doc, configured, brief_dir, loader);
    warnings.extend(warning);
    style
}

/// The citation groups of a brief in the order the body prints them, formatted at the end.
pub(crate) struct Citations {
    pub(crate) style: CitationStyle,
    groups: Vec<CiteGroup>,
}

impl Citations {
    pub(crate) fn new(style: CitationStyle) -> Citations {
        Citations {
            style,
            groups: Vec::new(),
        }
    }

    /// Records a group; returns its index.
    pub(crate) fn push(&mut self, group: CiteGroup) -> usize {
        self.groups.push(group);
        self.groups.len() - 1
    }

    /// Whether any group was recorded.
    pub(crate) fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Formats every group and the bibliography of the cited sources in one run, so that
    /// "ibid." and short notes follow the order of the groups.
    pub(crate) fn format(&self, doc: &Document) -> FormattedCitations {
        if self.groups.is_empty() {
            return FormattedCitations::default();
        }
        brief_render::format_cite_groups(doc, &self.style, &self.groups)
    }
}

/// A formatted fragment as Typst markup. Each run's text is a string literal, inside `#emph[`,
/// `#strong[`, `#smallcaps[`, `#underline[`, `#super[` or `#sub[` as its formatting asks, and
/// inside `#link(...)[` when it links to an address that is safe to follow. Display blocks are
/// written inline, in order, as the PDF has no margin column for them.
pub(crate) fn fragment_markup(fragment: &Fragment) -> String {
    let mut out = Markup::default();
    for run in fragment.runs.iter().filter(|run| !run.text.is_empty()) {
        let link = run.link.as_deref().and_then(markup::link_open);
        let wrappers = [
            (run.italic, "#emph["),
            (run.bold, "#strong["),
            (run.small_caps, "#smallcaps["),
            (run.underline, "#underline["),
            (run.superscript, "#super["),
            (run.subscript && !run.superscript, "#sub["),
        ];
        let opening: Vec<&str> = link
            .as_deref()
            .into_iter()
            .chain(wrappers.iter().filter(|(on, _)| *on).map(|(_, code)| *code))
            .collect();
        for code in &opening {
            out.code(code);
        }
        out.text(&run.text);
        for _ in &opening {
            out.code("]");
        }
    }
    out.finish()
}

/// The bibliography of the cited sources under `title`, as a call of the template's
/// `brief-bibliography`; empty when no source is cited.
pub(crate) fn bibliography_markup(title: &str, formatted: &FormattedCitations) -> String {
    if formatted.bibliography.is_empty() {
        return String::new();
    }
    let entries: Vec<String> = formatted
        .bibliography
        .iter()
        .map(|entry| format!("[{}]", fragment_markup(&entry.text)))
        .collect();
    format!(
        "#brief-bibliography(brief-data, (title: {}, hanging-indent: {}, entries: ({},)))",
        markup::content(title),
        formatted.hanging_indent,
        entries.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use brief_render::Run;

    use super::*;

    fn run(text: &str) -> Run {
        Run {
            text: text.to_owned(),
            ..Run::default()
        }
    }

    #[test]
    fn fragments_keep_text_as_literals() {
        let fragment = Fragment::from_runs(vec![
            run("Roe, "),
            Run {
                italic: true,
                ..run("#set [x] *y*")
            },
            run(", "),
            Run {
                link: Some("https://example.org/\"a\"".to_owned()),
                ..run("https://example.org")
            },
            Run {
                link: Some("javascript:alert(1)".to_owned()),
                bold: true,
                ..run("x")
            },
        ]);
        assert_eq!(
            fragment_markup(&fragment),
            "#\"Roe, \"#emph[#\"#set [x] *y*\"]#\", \"\
             #link(\"https://example.org/\\\"a\\\"\")[#\"https://example.org\"]\
             #strong[#\"x\"]"
        );
    }
}
