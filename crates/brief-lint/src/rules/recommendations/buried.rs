//! `recommendations/buried`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an "X should ..." sentence naming an actor outside the recommendations section (the
    /// summary, which previews them, is exempt), so it can be moved where readers look for it.
    ///
    /// ## Why it matters
    /// Readers skim briefs for the recommendations; one made in the background section is missed,
    /// and it escapes the checks recommendations get.
    ///
    /// ## Example
    /// ```markdown
    /// ## Background
    ///
    /// Governments should abandon the Soviet quotas.
    /// ```
    ///
    /// Use instead: move it to the Recommendations section, with its rationale.
    pub(crate) const RULE = {
        code: "recommendations/buried",
        severity: Info,
        summary: "a recommendation outside the recommendations section",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    if doc.recommendations_section.is_none() {
        return;
    }
    for (idx, sentence) in doc.sentences.iter().enumerate() {
        let c = sentence.context;
        if c.recommendations
            || c.summary
            || c.footnote.is_some()
            || c.bibliography
            || c.blockquote
            || c.table.is_some()
        {
            continue;
        }
        let view = crate::claims::View::new(doc, idx);
        let masks = view.masks(true);
        let text = view.text();
        let lower = text.to_lowercase();
        let Some(modal) = [" should ", " must "]
            .iter()
            .filter_map(|m| lower.find(m))
            .min()
        else {
            continue;
        };
        if masks.iter().any(|m| m.start <= modal && modal < m.end) {
            continue;
        }
        let Some(actor) = brief_model::actor_of(text) else {
            continue;
        };
        // An actor is a name ("the State Department", "the EU") or a noun for one ("donors",
        // "governments"); "Talks should conclude" expects rather than recommends.
        let named = actor
            .split_whitespace()
            .skip(1)
            .any(|w| w.chars().next().is_some_and(char::is_uppercase));
        let noun = !ctx
            .settings
            .words
            .actor_nouns
            .find(&actor.to_lowercase())
            .is_empty();
        if !(named || noun) {
            continue;
        }
        let d = report
            .diag(sentence.span, format!("`{actor}` is given a recommendation outside the recommendations section"))
            .with_help("move it to the Recommendations section with its rationale, or rephrase it as analysis");
        report.push(d);
    }
}
