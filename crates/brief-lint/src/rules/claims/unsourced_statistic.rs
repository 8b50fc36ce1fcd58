//! `claims/unsourced-statistic`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a figure (a number, a percentage, an amount of money, "million", "two-thirds", a
    /// count of people or things) in a sentence with no citation, footnote or link (an
    /// author-date reference written out, "(Kleimann et al., 2025)" or "Smith (2021) finds",
    /// counts as a citation). Years, dates (both days of "4 and 5 February" or "March 3–6"),
    /// ordinals, identifiers ("Resolution 2231", "F-16", "G7", "Zapad 2021", "SDG 5"), labels
    /// ("No. 5", "Table 1") and figures inside quotations are not figures; a table's figures are sourced by
    /// a citation in its caption. Sentences that recommend ("X should allocate €50 million") are
    /// not checked. In the summary, a figure needs no citation when the body gives the same
    /// figure with one.
    ///
    /// ## Why it matters
    /// Figures are what fact-checkers check first and what readers quote; an unsourced figure
    /// cannot be verified or defended.
    ///
    /// ## Example
    /// ```markdown
    /// Shooting incidents fell by 83 per cent in 2024.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// Shooting incidents fell by 83 per cent in 2024 [@cmn-2025, p. 4].
    /// ```
    ///
    /// ## Options
    /// `[lint] links-are-sources` (default true), `citation-scope = "sentence" | "paragraph"`.
    pub(crate) const RULE = {
        code: "claims/unsourced-statistic",
        severity: Warning,
        summary: "a figure in a sentence with no source",
        fix: None,
        check: Some(super::report_findings),
    };
}
