//! `recommendations/vague-action`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a recommendation whose action starts with a verb that commits to nothing checkable:
    /// "consider", "explore", "engage with", "encourage", "strengthen", "focus on", "continue to
    /// monitor", "increase engagement", "enhance", "promote", also after an adverb ("should
    /// urgently consider").
    ///
    /// ## Why it matters
    /// Nobody can tell whether "strengthen engagement" was done; a concrete verb and object ("fund
    /// 12 automated flow gauges on the Vakhsh by 2026") can be acted on and checked.
    ///
    /// ## Example
    /// ```markdown
    /// 1. **Donors should consider funding canal lining.**
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// 1. **The Asian Development Bank should fund the lining of 800 km of canals in Khorezm by 2028.**
    /// ```
    ///
    /// ## Options
    /// The verbs are in `crates/brief-lint/data/vague-actions.txt`
    /// (`[lint.word-lists.vague-actions]`).
    pub(crate) const RULE = {
        code: "recommendations/vague-action",
        severity: Warning,
        summary: "a recommendation with a vague verb",
        fix: None,
        check: Some(check),
    };
}

/// The action's verb phrase: the words after the modal, or the whole action for an imperative.
pub(crate) fn verb_phrase(action: &str) -> &str {
    brief_model::verb_phrase(action)
}

/// The verb phrase without the adverbs in front of the verb ("urgently consider", "also explore").
fn without_adverbs(phrase: &str) -> &str {
    let mut rest = phrase;
    loop {
        let word = rest.split_whitespace().next().unwrap_or("");
        let lower = word.to_lowercase();
        let adverb = lower == "also"
            || lower == "jointly"
            || (lower.len() > 4
                && lower.ends_with("ly")
                && !matches!(
                    lower.as_str(),
                    "apply" | "supply" | "rely" | "reply" | "multiply" | "comply" | "rally"
                ));
        if !adverb || word.len() == rest.len() {
            return rest;
        }
        rest = rest[word.len()..].trim_start();
    }
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    for rec in &ctx.doc.recommendations {
        let phrase = without_adverbs(verb_phrase(&rec.action));
        let Some(range) = ctx.settings.words.vague_actions.prefix_of(phrase) else {
            continue;
        };
        let verb = &phrase[range];
        let d = report
            .diag(rec.action_span, format!("`{verb}` does not say what will be done"))
            .with_help("name a concrete step: what, by whom, by when (\"fund\", \"publish\", \"appoint\", \"sign\")");
        report.push(d);
    }
}
