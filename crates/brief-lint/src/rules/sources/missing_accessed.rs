//! `sources/missing-accessed`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an online source (`web`, `news`, `social-post`) with a URL but no `accessed` date
    /// (`urldate` in BibLaTeX).
    ///
    /// ## Why it matters
    /// Web pages change and disappear; the access date tells readers which version the brief
    /// relied on, and archives find it by date.
    ///
    /// ## Example
    /// ```yaml
    /// - id: mission-page
    ///   type: web
    ///   title: About the Mission
    ///   url: https://example.org/mission
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - id: mission-page
    ///   type: web
    ///   title: About the Mission
    ///   url: https://example.org/mission
    ///   accessed: 2025-02-10
    /// ```
    pub(crate) const RULE = {
        code: "sources/missing-accessed",
        severity: Info,
        summary: "an online source without an access date",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    for source in &ctx.doc.sources {
        let online = source.source_type.is_some_and(|t| t.is_online());
        if online && source.url.is_some() && source.accessed.is_none() {
            let d = super::on_source(
                report,
                source,
                format!("online source `{}` has no access date", source.id),
            )
            .with_help("add `accessed: YYYY-MM-DD`");
            report.push(d);
        }
    }
}
