//! `sources/duplicate-id`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags two sources with the same `id`, whether both are inline, both in bibliography files,
    /// or one of each.
    ///
    /// ## Why it matters
    /// A citation of that key resolves to whichever comes first; the other reference is silently
    /// unreachable, and the reader may get the wrong one.
    ///
    /// ## Example
    /// ```yaml
    /// sources:
    ///   - id: icg-2024
    ///     title: Border Incidents
    ///   - id: icg-2024
    ///     title: Demining the Frontier
    /// ```
    ///
    /// Use instead: `icg-2024-incidents` and `icg-2024-demining`.
    pub(crate) const RULE = {
        code: "sources/duplicate-id",
        severity: Error,
        summary: "two sources share an id",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let sources = &ctx.doc.sources;
    for (idx, source) in sources.iter().enumerate() {
        let Some(first) = sources[..idx].iter().find(|s| s.id == source.id) else {
            continue;
        };
        let mut d = super::on_source(
            report,
            source,
            format!("source id `{}` is already defined", source.id),
        )
        .with_help("give each source its own id and update the citations");
        if first.location.file == source.location.file {
            d = d.with_related(first.location.key_span, "first defined here");
        }
        report.push(d);
    }
}
