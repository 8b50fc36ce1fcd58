//! `claims/uncited-named-quote`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a quotation whose speaker is named in the sentence ("X said", `"...," said X`,
    /// "according to X", a clause naming X before a colon that introduces the words, an
    /// attribution line under a block quotation, or "he said" after a sentence naming someone)
    /// but whose sentence cites nothing. The name must be the speaker's:
    /// not a place ("officials in Kyiv"), a nationality before a role ("Western diplomats"), or
    /// the subject of a passive ("The Aral Sea has been described as ...").
    ///
    /// ## Why it matters
    /// Knowing who spoke is half of a citation; readers and fact-checkers also need where and when
    /// the words were said or published.
    ///
    /// ## Example
    /// ```markdown
    /// Nijat Babazade told a Baku forum that "delimitation follows the facts on the ground."
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// Nijat Babazade told a Baku forum that "delimitation follows the facts on the ground"
    /// [@babazade-2024].
    /// ```
    pub(crate) const RULE = {
        code: "claims/uncited-named-quote",
        severity: Info,
        summary: "a quotation with a named speaker but no citation",
        fix: None,
        check: Some(super::report_findings),
    };
}
