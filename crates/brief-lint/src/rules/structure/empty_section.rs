//! `structure/empty-section`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a heading with nothing under it: no text and no subsections before the next heading
    /// of the same or a higher level. An empty References or Sources section in a brief with
    /// sources is where the bibliography will be printed, and is left alone.
    ///
    /// ## Why it matters
    /// An empty section is usually an unfinished draft; published, it looks like an error.
    ///
    /// ## Example
    /// ```markdown
    /// ## Climate and glacier loss
    ///
    /// ## Recommendations
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Climate and glacier loss
    ///
    /// Glaciers in the Pamirs lost 7 per cent of their area between 2000 and 2020 [@unep-2023].
    ///
    /// ## Recommendations
    /// ```
    pub(crate) const RULE = {
        code: "structure/empty-section",
        severity: Warning,
        summary: "a heading has no content",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    for (idx, section) in doc.sections.iter().enumerate() {
        let content_end = doc
            .sections
            .get(idx + 1)
            .map_or(section.extent.end, |next| next.span.start);
        let has_blocks = doc.blocks.iter().any(|b| {
            b.span.start >= section.span.end
                && b.span.start < content_end
                && b.kind != brief_model::BlockKind::Html
        });
        let has_subsection = doc
            .sections
            .get(idx + 1)
            .is_some_and(|next| next.level > section.level && next.span.start < section.extent.end);
        // "## References" left empty is where Pandoc-style renderers print the bibliography.
        let filled_by_renderer = section.role == brief_model::SectionRole::Bibliography
            && (!doc.sources.is_empty() || !doc.frontmatter.bibliography.is_empty());
        if !has_blocks && !has_subsection && !filled_by_renderer {
            let d = report
                .diag(section.span, format!("section `{}` is empty", section.text))
                .with_help("write the section or remove the heading");
            report.push(d);
        }
    }
}
