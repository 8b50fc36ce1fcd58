//! `sources/missing-title`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a source without a title.
    ///
    /// ## Why it matters
    /// Citation styles lead with the title for reports and web pages; without it the reference
    /// prints as an author and a date, which readers cannot look up.
    ///
    /// ## Example
    /// ```yaml
    /// - id: mfa-2024
    ///   author: {literal: Ministry of Foreign Affairs of Armenia}
    ///   issued: 2024-08-30
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - id: mfa-2024
    ///   title: Statement on the Regulations of the Delimitation Commissions
    ///   author: {literal: Ministry of Foreign Affairs of Armenia}
    ///   issued: 2024-08-30
    /// ```
    pub(crate) const RULE = {
        code: "sources/missing-title",
        severity: Warning,
        summary: "a source without a title",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    for source in ctx.doc.sources.iter().filter(|s| s.title.is_none()) {
        let d = super::on_source(
            report,
            source,
            format!("source `{}` has no title", source.id),
        )
        .with_help("add `title:`");
        report.push(d);
    }
}
