//! `claims/uncited-quote`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a quotation (four words or more, in straight or curly quotes, British single quotes
    /// `‘…’`, or a block quotation) whose sentence has no citation and names no speaker. Short
    /// phrases in quotes ("scare quotes"), titles (after "titled", "entitled" or the kind of
    /// document, as in `its 2024 report "Drawing the line"`, or after the kind of event when they
    /// are a title and subtitle or a question: `a panel, "One year of tariffs: What did we
    /// learn?"`), terms (`so-called "small yard, high fence"`, terms a text defines, as in
    /// `defines both ‘content of Union origin’ and ‘...’`, or a phrase of up to 12 words with no
    /// comma or full stop standing for a noun after "the", "its" and the like: `the ‘imminent
    /// fascist threat’`) and words in title case
    /// (titles, names and slogans such as "Make America Great Again") are not quotations.
    /// "Western diplomats", "a senior Pentagon official" and "officials in Kyiv" do not name a
    /// speaker.
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
