//! `style/confused-word`.

use brief_model::Applicability;

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags commonly confused words in phrases where the intended word is clear ("effected
    /// parties", "principle reason", "unexploded ordinance", "flaunt the law"), with a safe fix.
    /// Words inside quotations are left alone.
    ///
    /// ## Why it matters
    /// These slips survive spell-checkers and make a careful argument look careless.
    ///
    /// ## Example
    /// ```markdown
    /// Salinity has effected more than half of the irrigated land.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// Salinity has affected more than half of the irrigated land.
    /// ```
    ///
    /// ## Options
    /// The pairs are in `crates/brief-lint/data/confused-words.txt`
    /// (`[lint.word-lists.confused-words] extend = ["wrong phrase => right phrase"]`).
    pub(crate) const RULE = {
        code: "style/confused-word",
        severity: Warning,
        summary: "a commonly confused word",
        fix: Safe,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    super::report_replacements(
        ctx,
        report,
        &ctx.settings.words.confused,
        crate::words::List::Confused,
        &super::Wording {
            message: |found, right| format!("`{found}` is probably a slip for `{right}`"),
            applicability: Applicability::Safe,
            skip_capitalized: false,
        },
    );
}
