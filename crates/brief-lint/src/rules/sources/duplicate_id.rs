//! `sources/duplicate-id`.

use brief_model::FileRef;

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
    let doc = ctx.doc;
    let sources = &doc.sources;
    for (idx, source) in sources.iter().enumerate() {
        let Some(first) = sources[..idx].iter().find(|s| s.id == source.id) else {
            continue;
        };
        let d = if first.location.file == source.location.file {
            super::on_source(
                report,
                source,
                format!("source id `{}` is already defined", source.id),
            )
            .with_related(first.location.key_span, "first defined here")
        } else {
            // An inline source that repeats an id of a (perhaps shared) bibliography file: the
            // brief's own entry is the one to rename.
            let (own, other) = if first.location.file == FileRef::Brief {
                (first, source)
            } else {
                (source, first)
            };
            let elsewhere = match other.location.file {
                FileRef::Loaded(file) => doc.files.get(file).map_or_else(
                    || "a bibliography file".to_owned(),
                    |f| format!("`{}`", f.path),
                ),
                FileRef::Brief => "the brief".to_owned(),
            };
            super::on_source(
                report,
                own,
                format!("source id `{}` is also defined in {elsewhere}", own.id),
            )
        };
        report.push(d.with_help("give each source its own id and update the citations"));
    }
}
