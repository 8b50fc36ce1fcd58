//! `claims/relative-time`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags time references that only make sense on the day they were written ("in recent days",
    /// "the past week", "last month", "recently", "earlier this year", "as winter approaches", a
    /// month without a year such as "in early August") in a sentence with no year. Words inside
    /// quotations are not checked, a year in a citation key (`[@iea-2024]`) dates nothing, and
    /// neither "the last days of the regime" (a stated period) nor "the 7 October attacks" (a date
    /// that names an event) is relative to the writing.
    ///
    /// ## Why it matters
    /// Briefs are read, cited and archived for years; "last month" becomes wrong the month after
    /// publication.
    ///
    /// ## Example
    /// ```markdown
    /// In recent days, low flows forced authorities to ration water.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// In the first week of August 2024, low flows forced authorities to ration water.
    /// ```
    ///
    /// ## Options
    /// The phrases are in `crates/brief-lint/data/relative-time.txt`
    /// (`[lint.word-lists.relative-time]`).
    pub(crate) const RULE = {
        code: "claims/relative-time",
        severity: Warning,
        summary: "a time reference relative to the day of writing",
        fix: None,
        check: Some(super::report_findings),
    };
}
