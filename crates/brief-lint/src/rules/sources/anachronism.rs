//! `sources/anachronism`.

use brief_model::source::PartialDate;

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a source dated after the brief's `date`: an inline source, or an entry of a
    /// bibliography file that the brief cites.
    ///
    /// ## Why it matters
    /// A brief cannot rely on something published after it; usually the source's date or the
    /// brief's date is wrong.
    ///
    /// ## Example
    /// ```yaml
    /// date: 2025-03-14
    /// sources:
    ///   - id: ledger-2025
    ///     issued: 2025-06-02
    /// ```
    ///
    /// Use instead: correct whichever date is wrong (here, perhaps `issued: 2025-03-02`).
    pub(crate) const RULE = {
        code: "sources/anachronism",
        severity: Warning,
        summary: "a source dated after the brief",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let Some(brief_date) = ctx
        .doc
        .frontmatter
        .date
        .as_deref()
        .and_then(PartialDate::parse)
    else {
        return;
    };
    for source in &ctx.doc.sources {
        let Some(issued) = source.issued else {
            continue;
        };
        // A shared bibliography file holds works later than this brief; only those it relies on
        // matter.
        let relied_on = source.location.file == brief_model::FileRef::Brief
            || ctx.doc.citations().any(|c| c.key == source.id);
        if !relied_on {
            continue;
        }
        if issued.is_after(brief_date) {
            let d = super::on_source(
                report,
                source,
                format!(
                    "source `{}` is dated {issued}, after the brief's date {brief_date}",
                    source.id
                ),
            )
            .with_help("check the source's `issued` date and the brief's `date`");
            report.push(d);
        }
    }
}
