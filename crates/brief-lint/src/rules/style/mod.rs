//! `style/*`: slips an editor corrects on every read.

use brief_model::{Applicability, Edit, Fix};

use crate::rule::{Context, Report};
use crate::words::{List, Replacements};

pub(crate) mod confused_word;
pub(crate) mod gendered_term;
pub(crate) mod long_sentence;
pub(crate) mod misspelling;
pub(crate) mod repeated_word;
pub(crate) mod wordy_phrase;

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

/// How a replacement list rule words and fixes its findings.
pub(crate) struct Wording {
    /// The message, from the text found and its replacement.
    pub(crate) message: fn(&str, &str) -> String,
    /// Whether `--fix` may apply the replacement.
    pub(crate) applicability: Applicability,
    /// Whether matches starting with a capital letter are left alone (titles, names).
    pub(crate) skip_capitalized: bool,
}

/// Reports every phrase of `list` in the running text (quotations, code and citations excluded),
/// with its replacement as a fix when the text maps one to one onto the file.
pub(crate) fn report_replacements(
    ctx: &Context<'_>,
    report: &mut Report<'_>,
    list: &Replacements,
    which: List,
    wording: &Wording,
) {
    let doc = ctx.doc;
    for idx in 0..doc.sentences.len() {
        let text = doc.sentences[idx].text.as_str();
        let found = list.pairs_of(text, ctx.analysis.hits[idx].of(which));
        if found.is_empty() {
            continue;
        }
        let view = crate::claims::View::new(doc, idx);
        let masks = view.masks(true);
        for (range, pair) in found {
            if masks
                .iter()
                .any(|m| m.start < range.end && range.start < m.end)
            {
                continue;
            }
            let found = &text[range.clone()];
            if wording.skip_capitalized && found.starts_with(char::is_uppercase) {
                continue;
            }
            let span = view.span(range.clone());
            let replacement = match_case(found, &pair.right);
            let mut d = report
                .diag(span, (wording.message)(found, &replacement))
                .with_help(format!("write `{replacement}`"));
            if span.text(&doc.source) == found {
                d = d.with_fix(Fix {
                    applicability: wording.applicability,
                    edits: vec![Edit { span, replacement }],
                });
            }
            report.push(d);
        }
    }
}
