//! `recommendations/count`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a recommendations section with fewer than 2 or more than 7 recommendations.
    ///
    /// ## Why it matters
    /// One recommendation rarely needs a section; more than seven dilute each other and readers
    /// remember none.
    ///
    /// ## Example
    /// A Recommendations section with eleven `###` items.
    ///
    /// Use instead: merge related ones, and move the rest to the text.
    ///
    /// ## Options
    /// `[lint] min-recommendations = 2`, `max-recommendations = 7`.
    pub(crate) const RULE = {
        code: "recommendations/count",
        severity: Info,
        summary: "too few or too many recommendations",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    let Some(section) = doc.recommendations_section else {
        return;
    };
    let count = doc.recommendations.len();
    let (min, max) = (
        ctx.settings.min_recommendations,
        ctx.settings.max_recommendations,
    );
    let noun = if count == 1 {
        "recommendation"
    } else {
        "recommendations"
    };
    let message = if count < min {
        format!("{count} {noun}, fewer than {min}")
    } else if count > max {
        format!("{count} {noun}, more than {max}")
    } else {
        return;
    };
    let d = report
        .diag(doc.sections[section].span, message)
        .with_help("aim for two to seven recommendations, each with its own heading or list item");
    report.push(d);
}
