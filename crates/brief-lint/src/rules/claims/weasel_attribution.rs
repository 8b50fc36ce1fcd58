//! `claims/weasel-attribution`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags attributions to unnamed people or studies ("experts say", "some argue", "critics
    /// claim", "it is widely believed", "observers note", "it has been reported", "studies show")
    /// in a sentence without a citation. Words inside quotations are not checked, and attributions
    /// whose owner the sentence names are left alone ("Eurostat data show", "the IMF's surveys
    /// suggest", "RAND analysts estimate"; not "Western analysts" or "US officials"), as are "some
    /// say" as a noun ("communities have some say") and "it is known as".
    ///
    /// ## Why it matters
    /// An anonymous authority lends weight without accountability; editors ask "which experts?"
    /// every time.
    ///
    /// ## Example
    /// ```markdown
    /// Experts say the quota system rewards overuse.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// A 2023 World Bank review found that the quota system rewards overuse [@wb-2023].
    /// ```
    ///
    /// ## Options
    /// The phrases are in `crates/brief-lint/data/weasel.txt`; extend them with
    /// `[lint.word-lists.weasel] extend = ["pundits insist"]`.
    pub(crate) const RULE = {
        code: "claims/weasel-attribution",
        severity: Warning,
        summary: "an attribution to unnamed experts, studies or reports",
        fix: None,
        check: Some(super::report_findings),
    };
}
