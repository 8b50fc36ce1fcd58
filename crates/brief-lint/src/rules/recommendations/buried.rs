//! `recommendations/buried`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an "X should ..." sentence naming an actor outside the recommendations section (the
    /// summary, which previews them, is exempt), so it can be moved where readers look for it.
    /// Expectations ("Prices should fall"), passives, arguments the sentence reports ("Macron has
    /// argued that Europe must ...") and obligations it describes ("Under the AI Act, providers
    /// must ...") are not recommendations, nor is a modal in a relative clause ("facilities
    /// that must operate ..."). In a brief with no recommendations section there is nowhere to
    /// move them: `structure/missing-section` reports that instead.
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
        let text = sentence.text.as_str();
        // The first " should " or " must ", at the space before it.
        let first = ctx.analysis.hits[idx]
            .of(crate::words::List::Modals)
            .find(|r| {
                r.end < text.len() && crate::claims::modal_at(text, r, None).is_some_and(|m| m < 2)
            });
        let Some(modal) = first.map(|r| r.start - 1) else {
            continue;
        };
        let masks = crate::claims::View::new(doc, idx).masks(true);
        if masks.iter().any(|m| m.start <= modal && modal < m.end) {
            continue;
        }
        let Some(actor) = super::recommending_actor(doc, ctx.settings, text) else {
            continue;
        };
        let d = report
            .diag(sentence.span, format!("`{actor}` is given a recommendation outside the recommendations section"))
            .with_help("move it to the Recommendations section with its rationale, or rephrase it as analysis");
        report.push(d);
    }
}
