//! Formatted citation text in a neutral form: runs of text, each with its formatting, link and
//! CSL display block. hayagriva's element tree becomes runs here; the HTML renderer writes runs
//! as HTML ([`Fragment::to_html`]) and brief-pdf writes them as Typst markup.
//!
//! The touches Pandoc's citeproc makes and hayagriva does not (a capital at the start of a
//! note, a closing period, a period or comma moved inside a closing quotation mark, curly
//! apostrophes) are applied to the runs, so every output format gets them.

use hayagriva::citationberg::{
    Display, FontStyle, FontVariant, FontWeight, TextDecoration, VerticalAlign,
};
use hayagriva::{ElemChild, ElemChildren, Formatting};

use crate::html::{escape_into, is_safe_url};

/// A CSL display block (`display="block"` and the like), which a run may sit in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DisplayBlock {
    /// A block of its own.
    Block,
    /// An indented block.
    Indent,
    /// The left margin of a bibliography entry (a citation number, say).
    LeftMargin,
    /// The rest of the entry, right of the left margin.
    RightInline,
}

impl DisplayBlock {
    /// The class Pandoc's citeproc gives the block in HTML.
    pub fn html_class(self) -> &'static str {
        match self {
            DisplayBlock::Block => "csl-block",
            DisplayBlock::Indent => "csl-indent",
            DisplayBlock::LeftMargin => "csl-left-margin",
            DisplayBlock::RightInline => "csl-right-inline",
        }
    }
}

/// A run of text with one formatting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Run {
    /// The text.
    pub text: String,
    /// Italic.
    pub italic: bool,
    /// Bold.
    pub bold: bool,
    /// Small capitals.
    pub small_caps: bool,
    /// Underlined.
    pub underline: bool,
    /// Raised.
    pub superscript: bool,
    /// Lowered.
    pub subscript: bool,
    /// The run is a link to this address.
    pub link: Option<String>,
    /// The display block the run sits in, and a number that tells adjacent blocks apart.
    pub block: Option<(DisplayBlock, u32)>,
}

impl Run {
    /// Whether the run is written without any markup around its text.
    pub fn is_plain(&self) -> bool {
        !(self.italic
            || self.bold
            || self.small_caps
            || self.underline
            || self.superscript
            || self.subscript)
            && self.link.is_none()
            && self.block.is_none()
    }

    fn plain(text: &str) -> Run {
        Run {
            text: text.to_owned(),
            ..Run::default()
        }
    }
}

/// Formatted text: a citation, a note or a bibliography entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fragment {
    /// The runs, in order.
    pub runs: Vec<Run>,
    /// The same text as plain text, with italic runs between `*` and bold runs between `**`
    /// (Markdown, as Pandoc writes it).
    pub text: String,
}

impl Fragment {
    /// A fragment of `runs`.
    pub fn from_runs(runs: Vec<Run>) -> Fragment {
        let mut text = String::new();
        for run in &runs {
            push_marked(&mut text, run);
        }
        Fragment { runs, text }
    }

    /// Whether there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.runs.iter().all(|run| run.text.is_empty())
    }

    /// The text as escaped HTML: `<i>`, `<b>`, `<span class="smallcaps">`, `<u>`, `<sup>`,
    /// `<sub>`, links with a safe address as `<a href>`, display blocks as
    /// `<span class="csl-block">` and the like.
    pub fn to_html(&self) -> String {
        let mut out = String::new();
        let mut open_block: Option<(DisplayBlock, u32)> = None;
        for run in &self.runs {
            if run.block != open_block {
                if open_block.is_some() {
                    out.push_str("</span>");
                }
                if let Some((block, _)) = run.block {
                    out.push_str("<span class=\"");
                    out.push_str(block.html_class());
                    out.push_str("\">");
                }
                open_block = run.block;
            }
            let link = run.link.as_deref().filter(|url| is_safe_url(url));
            if let Some(url) = link {
                out.push_str("<a href=\"");
                escape_into(&mut out, url);
                out.push_str("\">");
            }
            let tags: [(bool, &str, &str); 6] = [
                (run.italic, "<i>", "</i>"),
                (run.bold, "<b>", "</b>"),
                (run.small_caps, "<span class=\"smallcaps\">", "</span>"),
                (run.underline, "<u>", "</u>"),
                (run.superscript, "<sup>", "</sup>"),
                (run.subscript && !run.superscript, "<sub>", "</sub>"),
            ];
            for (on, open, _) in &tags {
                if *on {
                    out.push_str(open);
                }
            }
            escape_into(&mut out, &run.text);
            for (on, _, close) in tags.iter().rev() {
                if *on {
                    out.push_str(close);
                }
            }
            if link.is_some() {
                out.push_str("</a>");
            }
        }
        if open_block.is_some() {
            out.push_str("</span>");
        }
        out
    }

    /// The text without any marks.
    pub fn plain_text(&self) -> String {
        self.runs.iter().map(|run| run.text.as_str()).collect()
    }
}

/// Appends a run's text with Markdown marks for italics and bold, inside the whitespace that
/// surrounds it.
fn push_marked(out: &mut String, run: &Run) {
    let mut marks: Vec<&str> = Vec::new();
    if run.italic {
        marks.push("*");
    }
    if run.bold {
        marks.push("**");
    }
    let inner = run.text.trim();
    if marks.is_empty() || inner.is_empty() {
        out.push_str(&run.text);
        return;
    }
    let lead_len = run.text.len() - run.text.trim_start().len();
    out.push_str(&run.text[..lead_len]);
    for mark in &marks {
        out.push_str(mark);
    }
    out.push_str(inner);
    for mark in marks.iter().rev() {
        out.push_str(mark);
    }
    out.push_str(&run.text[lead_len + inner.len()..]);
}

/// Builds runs from hayagriva's element tree.
#[derive(Default)]
pub(crate) struct RunWriter {
    runs: Vec<Run>,
    block: Option<(DisplayBlock, u32)>,
    n_blocks: u32,
}

impl RunWriter {
    /// Adds text written around hayagriva's output (a prefix or suffix from the brief), as is.
    pub(crate) fn plain(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.runs.push(Run {
            block: self.block,
            ..Run::plain(text)
        });
    }

    pub(crate) fn children(&mut self, children: &[ElemChild]) {
        for child in children {
            self.child(child);
        }
    }

    pub(crate) fn child(&mut self, child: &ElemChild) {
        match child {
            ElemChild::Text(formatted) => {
                self.formatted(&formatted.text, formatted.formatting, None);
            }
            ElemChild::Elem(elem) => {
                let block = elem.display.map(|display| match display {
                    Display::Block => DisplayBlock::Block,
                    Display::Indent => DisplayBlock::Indent,
                    Display::LeftMargin => DisplayBlock::LeftMargin,
                    Display::RightInline => DisplayBlock::RightInline,
                });
                let outer = self.block;
                if let Some(block) = block {
                    self.n_blocks += 1;
                    self.block = Some((block, self.n_blocks));
                }
                self.children(&elem.children.0);
                self.block = outer;
            }
            ElemChild::Markup(markup) => self.plain(markup),
            ElemChild::Link { text, url } => {
                self.formatted(&text.text, text.formatting, Some(url));
            }
            ElemChild::Transparent { .. } => {}
        }
    }

    fn formatted(&mut self, text: &str, formatting: Formatting, link: Option<&str>) {
        let text = if text.contains('\'') {
            typographic_apostrophes(text)
        } else {
            text.to_owned()
        };
        self.runs.push(Run {
            text,
            italic: formatting.font_style == FontStyle::Italic,
            bold: formatting.font_weight == FontWeight::Bold,
            small_caps: formatting.font_variant == FontVariant::SmallCaps,
            underline: formatting.text_decoration == TextDecoration::Underline,
            superscript: formatting.vertical_align == VerticalAlign::Sup,
            subscript: formatting.vertical_align == VerticalAlign::Sub,
            link: link.map(str::to_owned),
            block: self.block,
        });
    }

    pub(crate) fn finish(self) -> Vec<Run> {
        self.runs
    }
}

/// Runs of a whole element tree.
pub(crate) fn runs_of(children: &ElemChildren) -> Vec<Run> {
    let mut writer = RunWriter::default();
    writer.children(&children.0);
    writer.finish()
}

/// `'` between letters (an apostrophe) as `’`, as Pandoc's citeproc prints it.
fn typographic_apostrophes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    for (idx, &c) in chars.iter().enumerate() {
        let between_letters = idx > 0
            && chars[idx - 1].is_alphanumeric()
            && chars.get(idx + 1).is_some_and(|n| n.is_alphabetic());
        out.push(if c == '\'' && between_letters {
            '’'
        } else {
            c
        });
    }
    out
}

/// Moves a period or comma right after a closing quotation mark inside it, as American usage
/// (CSL's `punctuation-in-quote` for `en-US`) wants: within a run, or across two plain runs.
pub(crate) fn punctuation_in_quote(runs: &mut [Run]) {
    for run in runs.iter_mut() {
        if run.text.contains("”.") || run.text.contains("”,") {
            run.text = run.text.replace("”.", ".”").replace("”,", ",”");
        }
    }
    for idx in 1..runs.len() {
        let (before, after) = runs.split_at_mut(idx);
        let (left, right) = (&mut before[idx - 1], &mut after[0]);
        if !(left.is_plain() && right.is_plain() && left.text.ends_with('”')) {
            continue;
        }
        if let Some(rest) = right
            .text
            .strip_prefix('.')
            .or_else(|| right.text.strip_prefix(','))
        {
            let mark = right.text.as_bytes()[0] as char;
            let rest = rest.to_owned();
            let at = left.text.len() - '”'.len_utf8();
            left.text.insert(at, mark);
            right.text = rest;
        }
    }
}

/// Upper-cases the first letter, past opening quotation marks and asterisks.
pub(crate) fn capitalize_first(runs: &mut [Run]) {
    for run in runs.iter_mut() {
        let found = run
            .text
            .char_indices()
            .find(|(_, c)| !matches!(c, '*' | '“' | '"' | '‘'));
        let Some((idx, c)) = found else {
            continue;
        };
        if c.is_lowercase() {
            let upper: String = c.to_uppercase().collect();
            run.text.replace_range(idx..idx + c.len_utf8(), &upper);
        }
        return;
    }
}

/// Ends a note with a period, inside a closing quotation mark as American usage wants.
pub(crate) fn end_sentence(runs: &mut Vec<Run>) {
    trim_end(runs);
    let text: String = runs.iter().map(|run| run.text.as_str()).collect();
    if text.is_empty() || text.ends_with(['.', '?', '!']) || text.ends_with(".”") {
        return;
    }
    match runs.last_mut() {
        Some(last) if last.is_plain() && last.text.ends_with('”') => {
            let at = last.text.len() - '”'.len_utf8();
            last.text.insert(at, '.');
        }
        Some(last) if last.is_plain() => last.text.push('.'),
        _ => runs.push(Run::plain(".")),
    }
}

/// Drops whitespace at the end, and runs left empty.
fn trim_end(runs: &mut Vec<Run>) {
    while let Some(last) = runs.last_mut() {
        let trimmed = last.text.trim_end().len();
        last.text.truncate(trimmed);
        if last.text.is_empty() {
            runs.pop();
        } else {
            break;
        }
    }
}

/// Drops periods and spaces at the end of trailing plain runs (an author's name taken out of a
/// citation).
pub(crate) fn trim_end_periods(runs: &mut Vec<Run>) {
    while let Some(last) = runs.last_mut() {
        if !last.is_plain() {
            return;
        }
        let trimmed = last.text.trim_end_matches(['.', ' ']).len();
        last.text.truncate(trimmed);
        if last.text.is_empty() {
            runs.pop();
        } else {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn italic(text: &str) -> Run {
        Run {
            italic: true,
            ..Run::plain(text)
        }
    }

    #[test]
    fn html_and_marked_text() {
        let fragment = Fragment::from_runs(vec![
            Run::plain("Roe, "),
            italic("A Book "),
            Run {
                link: Some("https://example.org/?a=1&b".into()),
                ..Run::plain("https://example.org")
            },
            Run {
                link: Some("javascript:alert(1)".into()),
                ..Run::plain("x")
            },
        ]);
        assert_eq!(
            fragment.to_html(),
            "Roe, <i>A Book </i><a href=\"https://example.org/?a=1&amp;b\">https://example.org</a>x"
        );
        assert_eq!(fragment.text, "Roe, *A Book* https://example.orgx");
    }

    #[test]
    fn display_blocks_wrap_their_runs() {
        let block = |text: &str, n| Run {
            block: Some((DisplayBlock::LeftMargin, n)),
            ..Run::plain(text)
        };
        let fragment = Fragment::from_runs(vec![block("[1]", 1), block(" ", 1), italic("T")]);
        assert_eq!(
            fragment.to_html(),
            "<span class=\"csl-left-margin\">[1] </span><i>T</i>"
        );
    }

    #[test]
    fn notes_start_with_a_capital_and_end_with_a_period() {
        let mut runs = vec![Run::plain("“see ”"), italic("Title"), Run::plain("  ")];
        capitalize_first(&mut runs);
        end_sentence(&mut runs);
        assert_eq!(Fragment::from_runs(runs).text, "“See ”*Title*.");
        let mut runs = vec![Run::plain("“A Title”")];
        end_sentence(&mut runs);
        assert_eq!(runs[0].text, "“A Title.”");
    }

    #[test]
    fn punctuation_moves_inside_quotes() {
        let mut runs = vec![
            Run::plain("“A”"),
            Run::plain(", 4"),
            italic("“B”"),
            Run::plain("."),
        ];
        punctuation_in_quote(&mut runs);
        let text = Fragment::from_runs(runs).text;
        assert_eq!(text, "“A,” 4*“B”*.");
    }

    #[test]
    fn apostrophes_between_letters_curl() {
        assert_eq!(typographic_apostrophes("Europe's 'x'"), "Europe’s 'x'");
    }
}
