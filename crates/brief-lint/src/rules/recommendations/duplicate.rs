//! `recommendations/duplicate`.

use brief_model::{Document, Recommendation, RecommendationForm};

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags two recommendations with the same action (ignoring case, punctuation and years, so
    /// that one request with two deadlines counts as a repeat). For a list item whose bold lead
    /// stops mid-sentence ("**The Commission should fund** a rapid-response team"), the action is
    /// the whole first sentence.
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

/// The action's words, lowercased, without punctuation and without years: "publish the plan by
/// 2028" and "publish the plan by 2030" make the same request with two deadlines.
fn normalize(action: &str) -> String {
    action
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| !(w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a recommendation asks for: its action, or, for a list item whose bold lead stops
/// mid-sentence ("**The Commission should fund** a rapid-response team ..."), the whole first
/// sentence.
fn full_action(doc: &Document, rec: &Recommendation) -> String {
    if rec.form == RecommendationForm::ListItem
        && let Some(sentence) = doc
            .sentences
            .iter()
            .find(|s| s.span.start <= rec.action_span.start && rec.action_span.start < s.span.end)
    {
        let continues = sentence.span.end > rec.action_span.end
            && doc.source[rec.action_span.end..sentence.span.end]
                .trim_start_matches(['*', '_'])
                .trim_start()
                .starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit());
        if continues {
            return sentence.text.clone();
        }
    }
    rec.action.clone()
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let recs = &ctx.doc.recommendations;
    let keys: Vec<String> = recs
        .iter()
        .map(|rec| normalize(&full_action(ctx.doc, rec)))
        .collect();
    for (idx, rec) in recs.iter().enumerate() {
        let key = &keys[idx];
        if key.is_empty() {
            continue;
        }
        if let Some(first) = (0..idx).find(|&i| &keys[i] == key).map(|i| &recs[i]) {
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
