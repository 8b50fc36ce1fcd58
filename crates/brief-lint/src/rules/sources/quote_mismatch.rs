//! `sources/quote-mismatch`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a quotation cited to a source that lists verbatim `quotes`, when none of them
    /// contains it. Matching ignores case, whitespace and curly versus straight quotes; `…`,
    /// `...` and `[bracketed]` insertions are gaps, so "we will … act" matches "we will, in time,
    /// act".
    ///
    /// ## Why it matters
    /// Misquotation is one of the errors fact-checkers exist to catch; recording the source's
    /// exact words lets the tool catch drift introduced in editing.
    ///
    /// ## Example
    /// ```markdown
    /// The ministry called it "a foundation for a settlement" [@mfa-2024].
    /// ```
    /// with `quotes: ["a procedural foundation rather than a political settlement"]`.
    ///
    /// Use instead:
    /// ```markdown
    /// The ministry called it "a procedural foundation rather than a political settlement"
    /// [@mfa-2024].
    /// ```
    pub(crate) const RULE = {
        code: "sources/quote-mismatch",
        severity: Warning,
        summary: "a quotation that the cited source's quotes do not contain",
        fix: None,
        check: Some(check),
    };
}

/// Lowercase, straight quotes, single spaces, no surrounding punctuation.
fn normalize(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '“' | '”' | '«' | '»' | '„' => '"',
            '‘' | '’' => '\'',
            '—' | '–' => '-',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The quotation's fragments between gaps (`…`, `...`, `[...]`).
fn fragments(quote: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = quote.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '…' => out.push(std::mem::take(&mut current)),
            '.' if chars.peek() == Some(&'.') => {
                while chars.peek() == Some(&'.') {
                    chars.next();
                }
                out.push(std::mem::take(&mut current));
            }
            '[' => {
                for d in chars.by_ref() {
                    if d == ']' {
                        break;
                    }
                }
                out.push(std::mem::take(&mut current));
            }
            c => current.push(c),
        }
    }
    out.push(current);
    out.into_iter()
        .map(|f| normalize(f.trim_matches(|c: char| c.is_whitespace() || ",.;:!?\"'".contains(c))))
        .filter(|f| !f.is_empty())
        .collect()
}

/// Whether the fragments appear in order in `excerpt`.
pub(crate) fn contained(quote: &str, excerpt: &str) -> bool {
    let excerpt = normalize(excerpt);
    let mut from = 0;
    for fragment in fragments(quote) {
        match excerpt[from..].find(&fragment) {
            Some(pos) => from += pos + fragment.len(),
            None => return false,
        }
    }
    true
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    for sentence in &doc.sentences {
        let with_quotes: Vec<_> = sentence
            .citations
            .iter()
            .filter_map(|c| doc.source(&c.key))
            .filter(|s| !s.quotes.is_empty())
            .collect();
        if with_quotes.is_empty() {
            continue;
        }
        for quotation in sentence.quotations.iter().filter(|q| q.words >= 3) {
            let found = with_quotes.iter().any(|s| {
                s.quotes
                    .iter()
                    .any(|excerpt| contained(&quotation.text, excerpt))
            });
            if !found {
                let ids: Vec<String> = with_quotes.iter().map(|s| format!("`{}`", s.id)).collect();
                let d = report
                    .diag(quotation.span, format!("quotation is not in the recorded quotes of {}", ids.join(", ")))
                    .with_help("check the wording against the source, then correct the quotation or the source's `quotes`");
                report.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::contained;

    #[test]
    fn gaps_and_normalization() {
        let excerpt = "We will, in time and with patience, act on the “border” question.";
        assert!(contained(
            "we will … act on the \"border\" question.",
            excerpt
        ));
        assert!(contained("We will [eventually] act", excerpt));
        assert!(contained("WE   WILL, in time", excerpt));
        assert!(!contained("we will never act", excerpt));
        assert!(!contained("act … we will", excerpt));
    }
}
