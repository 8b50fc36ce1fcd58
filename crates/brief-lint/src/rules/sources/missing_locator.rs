//! `sources/missing-locator`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a source with no URL, DOI or ISBN when its type is one a reader finds that way (all
    /// types but `interview`, `speech` and `legal`).
    ///
    /// ## Why it matters
    /// A reference a reader cannot find is not a source they can check.
    ///
    /// ## Example
    /// ```yaml
    /// - id: cmao-2024
    ///   type: report
    ///   title: Landmine Contamination in the South Caucasus
    ///   issued: 2024
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - id: cmao-2024
    ///   type: report
    ///   title: Landmine Contamination in the South Caucasus
    ///   issued: 2024
    ///   url: https://example.org/cmao/2024-report
    /// ```
    pub(crate) const RULE = {
        code: "sources/missing-locator",
        severity: Warning,
        summary: "a source with no URL, DOI or ISBN",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    for source in &ctx.doc.sources {
        let needs = source.source_type.is_none_or(|t| t.needs_locator());
        if needs && source.url.is_none() && source.doi.is_none() && source.isbn.is_none() {
            let d = super::on_source(
                report,
                source,
                format!("source `{}` has no URL, DOI or ISBN", source.id),
            )
            .with_help("add `url:` (or `doi:`, `isbn:`) so readers can find it");
            report.push(d);
        }
    }
}
