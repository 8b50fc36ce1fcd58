//! `structure/bold-heading`.

use brief_model::Fix;

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a short line set entirely in bold, on its own between paragraphs, that stands where
    /// a heading would (`**Our Recommendations:**`), as in text pasted from a word processor or a
    /// web page. A bold line that ends a sentence (with `.`, `!` or `?`), one of more than 12
    /// words, a label of an exhibit or its source ("Figure 1: ...", "Box 2 – ...", "Source:
    /// ..."), and bold text inside lists, quotations, tables and footnotes are left alone. The
    /// fix (unsafe: check the level) makes it a heading: a main section (`##`) for a summary,
    /// recommendations or references, else one level below the section it is in.
    ///
    /// ## Why it matters
    /// Sections are found by their headings: under a bold line, the recommendations are not
    /// recognised as recommendations, the summary is not a summary, and the rendered brief has
    /// no entry for it in its outline.
    ///
    /// ## Example
    /// ```markdown
    /// **Our Recommendations:**
    ///
    /// 1. **The Treasury should publish exposure data.** Markets lack it.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Our Recommendations
    ///
    /// 1. **The Treasury should publish exposure data.** Markets lack it.
    /// ```
    pub(crate) const RULE = {
        code: "structure/bold-heading",
        severity: Warning,
        summary: "a bold line standing in for a heading",
        fix: Unsafe,
        check: Some(check),
    };
}

/// First words of the bold lines that label an exhibit or its source.
const EXHIBIT_LABELS: &[&str] = &[
    "figure",
    "fig",
    "chart",
    "graph",
    "map",
    "table",
    "box",
    "exhibit",
    "infographic",
    "source",
    "sources",
    "note",
    "notes",
    "photo",
    "image",
];

/// Longer bold lines are lead-ins or statements, not headings.
const MAX_WORDS: usize = 12;

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    for paragraph in &doc.paragraphs {
        let c = paragraph.context;
        if c.blockquote
            || c.list_item
            || c.table.is_some()
            || c.footnote.is_some()
            || c.caption
            || c.field
        {
            continue;
        }
        let text = paragraph.text.trim();
        let lead = paragraph.text.len() - paragraph.text.trim_start().len();
        let whole = lead..lead + text.len();
        let bold = paragraph.strong.len() == 1
            && paragraph.strong[0].start <= whole.start
            && paragraph.strong[0].end >= whole.end;
        let source = paragraph.span.text(&doc.source);
        if !bold
            || text.is_empty()
            || text.ends_with(['.', '!', '?', ','])
            || brief_model::count_words(text) > MAX_WORDS
            || source.trim().contains('\n')
        {
            continue;
        }
        // Labels of exhibits and their sources ("Figure 1: ...", "Box 2 – ...", "Source: IMF")
        // are captions, not headings.
        let first = text
            .split(|c: char| c.is_whitespace() || c == ':')
            .next()
            .unwrap_or("")
            .trim_end_matches('.');
        if EXHIBIT_LABELS.contains(&first.to_lowercase().as_str()) {
            continue;
        }
        // A heading introduces something: a bold line at the end of the brief is a sign-off.
        let followed = doc
            .blocks
            .iter()
            .any(|b| b.span.start >= paragraph.span.end && b.kind != brief_model::BlockKind::Html);
        if !followed {
            continue;
        }
        let title = text.trim_end_matches(':').trim_end();
        // A summary or recommendations section is one of the brief's main sections; another
        // bold line heads a part of the section it is in.
        let main = brief_model::heading_role(title, 2) != brief_model::SectionRole::Body;
        let level = match paragraph.section {
            Some(s) if !main => usize::from(doc.sections[s].level) + 1,
            _ => 2,
        }
        .clamp(2, 6);
        let heading = format!("{} {title}", "#".repeat(level));
        let d = report
            .diag(
                paragraph.span,
                format!("bold line `{title}` stands in for a heading"),
            )
            .with_help(format!("make it a heading: `{heading}`"))
            .with_fix(Fix::unsafe_edit(paragraph.span, heading));
        report.push(d);
    }
}
