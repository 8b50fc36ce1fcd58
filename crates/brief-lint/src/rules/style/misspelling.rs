//! `style/misspelling`.

use brief_model::Applicability;

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags common misspellings ("recieve", "goverment", "occured", "seperate") from a list of
    /// words that are never right, with a safe fix. Words inside quotations are left alone: a
    /// quotation keeps its source's spelling.
    ///
    /// ## Why it matters
    /// A misspelled word in a publication reads as carelessness, and casts doubt on the care
    /// taken with the figures.
    ///
    /// ## Example
    /// ```markdown
    /// Several councils did not recieve the promised funding.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// Several councils did not receive the promised funding.
    /// ```
    ///
    /// ## Options
    /// The words are in `crates/brief-lint/data/misspellings.txt`
    /// (`[lint.word-lists.misspellings] extend = ["wrong => right"]`).
    pub(crate) const RULE = {
        code: "style/misspelling",
        severity: Warning,
        summary: "a common misspelling",
        fix: Safe,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    super::report_replacements(
        ctx,
        report,
        &ctx.settings.words.misspellings,
        crate::words::List::Misspellings,
        &super::Wording {
            message: |found, right| format!("`{found}` is misspelled; it is `{right}`"),
            applicability: Applicability::Safe,
            skip_capitalized: false,
        },
    );
}
