//! `style/long-sentence`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a sentence of more than 40 words, not counting citations. Footnotes, tables, the
    /// bibliography and recommendation fields are not checked.
    ///
    /// ## Why it matters
    /// Policy readers skim; long sentences hide the claim and the evidence for it.
    ///
    /// ## Example
    /// A 52-word sentence chaining three clauses with "and" and "which".
    ///
    /// Use instead: two or three sentences, one claim each.
    ///
    /// ## Options
    /// `[lint] long-sentence-words = 40`.
    pub(crate) const RULE = {
        code: "style/long-sentence",
        severity: Info,
        summary: "a sentence of more than 40 words",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    let max = ctx.settings.long_sentence_words;
    for (idx, sentence) in doc.sentences.iter().enumerate() {
        let c = sentence.context;
        if c.footnote.is_some() || c.table.is_some() || c.bibliography || c.field {
            continue;
        }
        if sentence.words <= max {
            continue;
        }
        let view = crate::claims::View::new(doc, idx);
        let mut text = view.text().to_owned();
        let mut masks = view.masks(false);
        masks.sort_by_key(|m| std::cmp::Reverse(m.start));
        for m in masks {
            if m.end <= text.len() && text.is_char_boundary(m.start) && text.is_char_boundary(m.end)
            {
                text.replace_range(m, " ");
            }
        }
        let words = brief_model::count_words(&text);
        if words > max {
            let d = report
                .diag(
                    sentence.span,
                    format!("sentence has {words} words, over {max}"),
                )
                .with_help("split it: one claim per sentence");
            report.push(d);
        }
    }
}
