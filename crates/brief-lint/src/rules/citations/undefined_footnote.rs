//! `citations/undefined-footnote`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a footnote reference (`[^9]`) with no definition (`[^9]: ...`). Markdown prints such a
    /// reference as literal text.
    ///
    /// ## Why it matters
    /// The sentence promises a note that does not exist; published, it shows a stray `[^9]`.
    ///
    /// ## Example
    /// ```markdown
    /// The canal could divert a quarter of the flow[^9].
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// The canal could divert a quarter of the flow[^9].
    ///
    /// [^9]: Amu Darya Basin Authority, *Qosh Tepa Assessment* (2024), https://example.org/qt.
    /// ```
    pub(crate) const RULE = {
        code: "citations/undefined-footnote",
        severity: Error,
        summary: "a footnote reference with no definition",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    for reference in &ctx.doc.undefined_footnotes {
        let d = report
            .diag(
                reference.span,
                format!("footnote `[^{}]` is not defined", reference.label),
            )
            .with_help(format!(
                "add `[^{}]: ...` at the end of the brief",
                reference.label
            ));
        report.push(d);
    }
}
