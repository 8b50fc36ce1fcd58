//! `suppression/unknown-rule`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a suppression comment naming something that is not a rule code, a category or
    /// `all`, with a did-you-mean.
    ///
    /// ## Why it matters
    /// A misspelled code silences nothing, so the finding the author meant to accept stays.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- brief-ignore claims/unsourced-statistics -->
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// <!-- brief-ignore claims/unsourced-statistic -->
    /// ```
    pub(crate) const RULE = {
        code: "suppression/unknown-rule",
        severity: Warning,
        summary: "a suppression comment naming an unknown rule",
        fix: None,
        check: Some(check),
    };
}

/// Reported by the suppression pass.
fn check(_: &Context<'_>, _: &mut Report<'_>) {}
