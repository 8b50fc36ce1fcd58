//! `sources/concentration`.

use crate::rule::{Context, Report, declare_rule};
use crate::rules::brief_span;

declare_rule! {
    /// ## What it does
    /// Reports a brief in which more than half of all citations (at least four) go to a single
    /// source.
    ///
    /// ## Why it matters
    /// A brief that rests on one report inherits its blind spots; reviewers ask whether anyone
    /// else agrees.
    ///
    /// ## Example
    /// Eight citations, six of them `[@icg-2024]`.
    ///
    /// Use instead: corroborate the key findings with other sources, or say plainly that the brief
    /// summarizes that report.
    ///
    /// ## Options
    /// `[lint] concentration-share = 0.5`.
    pub(crate) const RULE = {
        code: "sources/concentration",
        severity: Info,
        summary: "more than half of all citations go to one source",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    let citations: Vec<&str> = doc.citations().map(|c| c.key.as_str()).collect();
    let total = citations.len();
    if total < 4 {
        return;
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for key in &citations {
        match counts.iter_mut().find(|(k, _)| k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    let Some(&(key, count)) = counts.iter().max_by_key(|(_, n)| *n) else {
        return;
    };
    if (count as f64) / (total as f64) > ctx.settings.concentration_share {
        let span = doc
            .source(key)
            .filter(|s| s.location.file == brief_model::FileRef::Brief)
            .map_or_else(|| brief_span(doc), |s| s.location.key_span);
        let d = report
            .diag(span, format!("{count} of {total} citations go to `{key}`"))
            .with_help("corroborate the main findings with other sources");
        report.push(d);
    }
}
