//! `claims/uncited-quote`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a quotation (four words or more, in straight or curly quotes, or a block quotation)
    /// whose sentence has no citation and names no speaker. Short phrases in quotes ("scare
    /// quotes") and titles after "titled" or "entitled" are not quotations.
    ///
    /// ## Why it matters
    /// An anonymous, unsourced quotation cannot be verified; misattributed quotes are among the
    /// most damaging errors a publication can make.
    ///
    /// ## Example
    /// ```markdown
    /// One official described the canal as "a threat we cannot ignore and cannot stop."
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// Uzbekistan's deputy water minister described the canal as "a threat we cannot ignore and
    /// cannot stop" [@uz-mwr-2024].
    /// ```
    pub(crate) const RULE = {
        code: "claims/uncited-quote",
        severity: Warning,
        summary: "a quotation with no citation and no named speaker",
        fix: None,
        check: Some(super::report_findings),
    };
}
