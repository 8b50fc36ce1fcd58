//! `style/confused-word`.

use brief_model::Fix;

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags commonly confused words in phrases where the intended word is clear ("effected
    /// parties", "principle reason", "unexploded ordinance", "flaunt the law"), with a safe fix.
    /// Words inside quotations are left alone.
    ///
    /// ## Why it matters
    /// These slips survive spell-checkers and make a careful argument look careless.
    ///
    /// ## Example
    /// ```markdown
    /// Salinity has effected more than half of the irrigated land.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// Salinity has affected more than half of the irrigated land.
    /// ```
    ///
    /// ## Options
    /// The pairs are in `crates/brief-lint/data/confused-words.txt`
    /// (`[lint.word-lists.confused-words] extend = ["wrong phrase => right phrase"]`).
    pub(crate) const RULE = {
        code: "style/confused-word",
        severity: Warning,
        summary: "a commonly confused word",
        fix: Safe,
        check: Some(check),
    };
}

/// `right` with the case of `original`'s first letter.
fn match_case(original: &str, right: &str) -> String {
    let upper = original.chars().next().is_some_and(char::is_uppercase);
    if !upper {
        return right.to_owned();
    }
    let mut chars = right.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    let words = &ctx.settings.words;
    for idx in 0..doc.sentences.len() {
        let view = crate::claims::View::new(doc, idx);
        let masks = view.masks(true);
        let text = view.text();
        for range in words.confused_set.find(text) {
            if masks
                .iter()
                .any(|m| m.start < range.end && range.start < m.end)
            {
                continue;
            }
            let found = &text[range.clone()];
            let lower = found.to_lowercase();
            let Some(pair) = words.confused.iter().find(|c| c.wrong == lower) else {
                continue;
            };
            let span = view.span(range.clone());
            // Only fix when the text maps one to one onto the file.
            let exact = span.text(&doc.source) == found;
            let replacement = match_case(found, &pair.right);
            let mut d = report
                .diag(
                    span,
                    format!("`{found}` is probably a slip for `{replacement}`"),
                )
                .with_help(format!("write `{replacement}`"));
            if exact {
                d = d.with_fix(Fix::safe(span, replacement));
            }
            report.push(d);
        }
    }
}
