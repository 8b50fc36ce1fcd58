//! `sources/missing-date`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a source without a publication date (`issued`, alias `date`; `year` or `date` in
    /// BibTeX), or with one that is not a valid YYYY, YYYY-MM or YYYY-MM-DD date. An undated web
    /// page with an access date is cited by that date, and is left alone.
    ///
    /// ## Why it matters
    /// Readers weigh evidence by its age, and citation styles print the year; an undated source
    /// also cannot be checked against the brief's date.
    ///
    /// ## Example
    /// ```yaml
    /// - id: osce-monitoring
    ///   title: Monitoring Report
    ///   url: https://example.org/osce
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - id: osce-monitoring
    ///   title: Monitoring Report
    ///   issued: 2024-11
    ///   url: https://example.org/osce
    /// ```
    pub(crate) const RULE = {
        code: "sources/missing-date",
        severity: Warning,
        summary: "a source without a publication date",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    for source in &ctx.doc.sources {
        if source.issued.is_some() {
            continue;
        }
        // An undated web page is cited by its access date ("n.d., accessed 4 March 2025").
        let online = source.source_type.is_some_and(|t| t.is_online());
        if online && source.accessed.is_some() && source.issued_text.is_none() {
            continue;
        }
        let message = match &source.issued_text {
            Some(text) => format!(
                "source `{}` has a date that is not YYYY, YYYY-MM or YYYY-MM-DD: `{text}`",
                source.id
            ),
            None => format!("source `{}` has no publication date", source.id),
        };
        let d = super::on_source(report, source, message)
            .with_help("add `issued:` with the year, or the year and month");
        report.push(d);
    }
}
