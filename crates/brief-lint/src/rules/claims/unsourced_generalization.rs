//! `claims/unsourced-generalization`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports sweeping claims ("never", "always", "rarely", "unprecedented", "for the first
    /// time", "the largest", "record high") in a sentence without a citation. Words inside
    /// quotations and sentences that recommend are not checked, and hedges and set phrases claim
    /// nothing ("not always", "as always", "in the worst case", "the lowest common denominator").
    ///
    /// ## Why it matters
    /// Absolute and superlative claims are the easiest to disprove: one counterexample is enough.
    ///
    /// ## Example
    /// ```markdown
    /// Demand is growing at an unprecedented pace.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// Demand grew 9 per cent in 2024, the fastest rate since 1991 [@iea-2025].
    /// ```
    pub(crate) const RULE = {
        code: "claims/unsourced-generalization",
        severity: Info,
        summary: "a sweeping claim without a source",
        fix: None,
        check: Some(super::report_findings),
    };
}
