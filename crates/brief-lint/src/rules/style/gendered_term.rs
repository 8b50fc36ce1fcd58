//! `style/gendered-term`.

use brief_model::Applicability;

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports gendered job titles and terms with a neutral equivalent ("chairman", "spokesman",
    /// "manpower"). Capitalized uses are left alone: they are usually official titles ("Chairman
    /// of the Joint Chiefs of Staff") or names, which a brief quotes as they are.
    ///
    /// ## Why it matters
    /// Most publishers' style guides ask for neutral terms, and "the chairman" misdescribes a
    /// committee chaired by a woman.
    ///
    /// ## Example
    /// ```markdown
    /// The chairman of the committee disagreed with the findings.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// The chair of the committee disagreed with the findings.
    /// ```
    ///
    /// ## Options
    /// The terms are in `crates/brief-lint/data/gendered-terms.txt`
    /// (`[lint.word-lists.gendered-terms]`).
    pub(crate) const RULE = {
        code: "style/gendered-term",
        severity: Info,
        summary: "a gendered term with a neutral equivalent",
        fix: Unsafe,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    super::report_replacements(
        ctx,
        report,
        &ctx.settings.words.gendered,
        crate::words::List::Gendered,
        &super::Wording {
            message: |found, right| format!("`{found}` has a neutral equivalent, `{right}`"),
            applicability: Applicability::Unsafe,
            skip_capitalized: true,
        },
    );
}
