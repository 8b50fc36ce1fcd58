//! `recommendations/unstructured`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports recommendation prose in the recommendations section ("X should ...", "we recommend
    /// that ...") that is in neither recognized form: a `###` heading per recommendation, or one
    /// list item per recommendation. A sentence that introduces the list ("The African Union
    /// should:") and prose that gives no one a task ("None of these steps should be delayed") are
    /// left alone.
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
    let doc = ctx.doc;
    for &span in &doc.unstructured_recommendations {
        // A sentence that introduces the list of recommendations ("We recommend that the AU take
        // the following steps:") is part of that list.
        let introduces_list = doc
            .recommendations
            .iter()
            .any(|rec| super::lead_in(doc, rec.span.start).is_some_and(|p| p.span == span));
        if introduces_list {
            continue;
        }
        // Only prose that gives someone something to do ("None of these steps should be
        // delayed" gives no one anything).
        let recommends = doc.sentences.iter().any(|s| {
            span.contains(s.span) && super::recommending_actor(doc, ctx.settings, &s.text).is_some()
        }) || doc
            .sentences
            .iter()
            .any(|s| span.contains(s.span) && s.text.to_lowercase().contains("recommend"));
        if !recommends {
            continue;
        }
        let d = report
            .diag(
                span,
                "this paragraph recommends, but not as a structured recommendation",
            )
            .with_help("give each recommendation its own `###` heading or numbered list item");
        report.push(d);
    }
}
