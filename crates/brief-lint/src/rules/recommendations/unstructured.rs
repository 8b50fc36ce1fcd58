//! `recommendations/unstructured`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports recommendation prose in the recommendations section ("X should ...", "we recommend
    /// that ...") that is in neither recognized form: a `###` heading per recommendation, or one
    /// list item per recommendation.
    ///
    /// ## Why it matters
    /// Recommendations buried in paragraphs are hard to find, count and cite, and the other
    /// recommendation rules cannot check them.
    ///
    /// ## Example
    /// ```markdown
    /// ## Recommendations
    ///
    /// The Treasury should publish exposure data, and regulators should review it yearly.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Recommendations
    ///
    /// 1. **The Treasury should publish quarterly exposure data.** ...
    /// 2. **Regulators should review the data every year.** ...
    /// ```
    pub(crate) const RULE = {
        code: "recommendations/unstructured",
        severity: Info,
        summary: "recommendation prose outside the recognized forms",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    for &span in &ctx.doc.unstructured_recommendations {
        let d = report
            .diag(
                span,
                "this paragraph recommends, but not as a structured recommendation",
            )
            .with_help("give each recommendation its own `###` heading or numbered list item");
        report.push(d);
    }
}
