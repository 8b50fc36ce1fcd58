//! `style/wordy-phrase`.

use brief_model::Applicability;

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports inflated phrases with a plainer equivalent: "utilize" for "use", "very unique",
    /// "due to the fact that", "at this point in time". The replacement is offered, not applied:
    /// read the sentence after the change.
    ///
    /// ## Why it matters
    /// Decision makers read briefs in minutes; every inflated phrase costs attention the argument
    /// needs.
    ///
    /// ## Example
    /// ```markdown
    /// Ministers will utilize the new powers due to the fact that prices rose.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// Ministers will use the new powers because prices rose.
    /// ```
    ///
    /// ## Options
    /// The phrases are in `crates/brief-lint/data/wordy-phrases.txt`
    /// (`[lint.word-lists.wordy-phrases]`).
    pub(crate) const RULE = {
        code: "style/wordy-phrase",
        severity: Info,
        summary: "an inflated phrase with a plainer equivalent",
        fix: Unsafe,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    super::report_replacements(
        ctx,
        report,
        &ctx.settings.words.wordy,
        crate::words::List::Wordy,
        &super::Wording {
            message: |found, right| format!("`{found}` says no more than `{right}`"),
            applicability: Applicability::Unsafe,
            skip_capitalized: false,
        },
    );
}
