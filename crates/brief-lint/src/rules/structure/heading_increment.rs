//! `structure/heading-increment`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a heading more than one level deeper than the heading before it (`##` then `####`).
    ///
    /// ## Why it matters
    /// Skipped levels break the outline that screen readers, PDF bookmarks and tables of contents
    /// are built from.
    ///
    /// ## Example
    /// ```markdown
    /// ## Background
    /// #### Water quotas
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Background
    /// ### Water quotas
    /// ```
    pub(crate) const RULE = {
        code: "structure/heading-increment",
        severity: Warning,
        summary: "a heading skips a level",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let mut previous: Option<u8> = None;
    for section in &ctx.doc.sections {
        if let Some(prev) = previous
            && section.level > prev + 1
        {
            let d = report
                .diag(
                    section.span,
                    format!("heading level {} follows level {prev}", section.level),
                )
                .with_help(format!("use `{}` here", "#".repeat(usize::from(prev) + 1)));
            report.push(d);
        }
        previous = Some(section.level);
    }
}
