//! `recommendations/duplicate`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags two recommendations with the same action (ignoring case and punctuation).
    ///
    /// ## Why it matters
    /// A repeated recommendation is a merge or copy-paste error, and it inflates the count.
    ///
    /// ## Example
    /// ```markdown
    /// ### Fund mine clearance on both sides
    /// ...
    /// ### Fund mine clearance on both sides.
    /// ```
    ///
    /// Use instead: merge the two, keeping both rationales.
    pub(crate) const RULE = {
        code: "recommendations/duplicate",
        severity: Warning,
        summary: "two recommendations with the same action",
        fix: None,
        check: Some(check),
    };
}

fn normalize(action: &str) -> String {
    action
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let recs = &ctx.doc.recommendations;
    for (idx, rec) in recs.iter().enumerate() {
        let key = normalize(&rec.action);
        if key.is_empty() {
            continue;
        }
        if let Some(first) = recs[..idx].iter().find(|r| normalize(&r.action) == key) {
            let d = report
                .diag(
                    rec.action_span,
                    format!("recommendation repeats {}", first.id),
                )
                .with_related(first.action_span, "first made here")
                .with_help("merge the two recommendations");
            report.push(d);
        }
    }
}
