//! `structure/summary-length`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a summary (the `summary` key or the Summary section) longer than 150 words.
    ///
    /// ## Why it matters
    /// The summary is what busy readers read instead of the brief; past a paragraph or two it
    /// stops doing that job.
    ///
    /// ## Example
    /// A 240-word `summary:` that retells the background.
    ///
    /// Use instead:
    /// A summary of the problem, the finding and the main recommendation, in under 150 words.
    ///
    /// ## Options
    /// `[lint] summary-max-words = 150`.
    pub(crate) const RULE = {
        code: "structure/summary-length",
        severity: Warning,
        summary: "the summary is too long",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let Some(summary) = &ctx.doc.summary else {
        return;
    };
    let max = ctx.settings.summary_max_words;
    if summary.words > max {
        let span = if summary.from_frontmatter {
            ctx.doc
                .positions
                .get("/summary")
                .map_or(summary.span, |p| p.key.unwrap_or(p.value))
        } else {
            ctx.doc
                .sections
                .iter()
                .find(|s| s.extent == summary.span)
                .map_or(summary.span, |s| s.span)
        };
        let d = report
            .diag(span, format!("summary has {} words, over the limit of {max}", summary.words))
            .with_help("keep the problem, the finding and the main recommendation; move the rest to the body");
        report.push(d);
    }
}
