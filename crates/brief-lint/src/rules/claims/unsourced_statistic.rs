//! `claims/unsourced-statistic`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a figure (a number, a percentage, an amount of money, "million", "two-thirds", a
    /// count of people or things) in a sentence with no citation, footnote or link. Years, dates,
    /// ordinals, identifiers ("Resolution 2231", "F-16", "G7", "Zapad 2021"), labels ("No. 5",
    /// "Table 1"), names with numbers ("Nord Stream 2", "Windows 7"), periods ("the first half of
    /// 2024") and figures inside quotations are not figures. A table's figures are sourced by a
    /// citation in its caption, and a sentence that points to a table or figure ("(Table 3)")
    /// leaves its figures to that caption. Sentences that report the brief's own research ("In our
    /// survey, 41 per cent ..."), sentences that recommend ("X should allocate €50 million",
    /// a recommendation's action such as "Fund 12 flow gauges") and the summary are not checked.
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
