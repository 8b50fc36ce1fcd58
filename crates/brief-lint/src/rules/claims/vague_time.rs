//! `claims/vague-time`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports words that tie a claim to an unstated present ("now", "currently", "this year",
    /// "today", "to date") in a sentence with no year. "Now-defunct", "so far from the border"
    /// (a distance), "today" as the day of the hearing or remarks the text was written for
    /// ("today's hearing", "my testimony today", "Today, I will focus on ...") and a
    /// recommendation's "at this time" (it speaks to the day of publication) are left alone.
    ///
    /// ## Why it matters
    /// The claim was true when written; a reader a year later cannot tell when that was.
    ///
    /// ## Example
    /// ```markdown
    /// The mission currently runs 1,400 patrols a year [@eu-2025].
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// The mission ran 1,420 patrols in 2024 [@eu-2025].
    /// ```
    pub(crate) const RULE = {
        code: "claims/vague-time",
        severity: Info,
        summary: "a claim tied to an unstated present",
        fix: None,
        check: Some(super::report_findings),
    };
}
