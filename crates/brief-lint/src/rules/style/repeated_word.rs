//! `style/repeated-word`.

use brief_model::{Fix, Span};

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a word repeated by mistake ("the the"), with a safe fix that removes the second one.
    /// Repetitions that can be grammatical ("had had", "that that") and names ("Pago Pago") are
    /// left alone.
    ///
    /// ## Why it matters
    /// The eye skips these on a reread; published, they look careless.
    ///
    /// ## Example
    /// ```markdown
    /// The the absence of an independent monitor matters.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// The absence of an independent monitor matters.
    /// ```
    pub(crate) const RULE = {
        code: "style/repeated-word",
        severity: Warning,
        summary: "a word written twice in a row",
        fix: Safe,
        check: Some(check),
    };
}

const ALLOWED: &[&str] = &[
    "had", "that", "is", "do", "bye", "very", "so", "no", "yes", "ha", "far",
];

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    for idx in 0..doc.sentences.len() {
        let text = doc.sentences[idx].text.as_str();
        if !may_repeat(text) {
            continue;
        }
        // Most sentences repeat no word: the view and its masks are built for those that do.
        let mut view_and_masks = None;
        let mut previous: Option<(usize, usize)> = None;
        let mut offset = 0;
        for token in text.split_inclusive(char::is_whitespace) {
            let start = offset;
            offset += token.len();
            let word = token.trim_end();
            let is_word = !word.is_empty() && word.chars().all(char::is_alphabetic);
            if !is_word {
                previous = None;
                continue;
            }
            let end = start + word.len();
            if let Some((prev_start, prev_end)) = previous {
                let prev = &text[prev_start..prev_end];
                let between = &text[prev_end..start];
                // Both capitalized, the pair is a name ("Pago Pago", "Walla Walla").
                let name =
                    prev.starts_with(char::is_uppercase) && word.starts_with(char::is_uppercase);
                if prev.eq_ignore_ascii_case(word)
                    && !name
                    && !between.contains('\n')
                    && !ALLOWED.contains(&word.to_lowercase().as_str())
                {
                    let (view, masks) = view_and_masks.get_or_insert_with(|| {
                        let view = crate::claims::View::new(doc, idx);
                        let masks = view.masks(false);
                        (view, masks)
                    });
                    if masks.iter().any(|m| m.start < end && prev_start < m.end) {
                        previous = Some((start, end));
                        continue;
                    }
                    let span = view.span(prev_start..end);
                    let remove = view.span(prev_end..end);
                    let exact = remove.text(&doc.source) == &text[prev_end..end];
                    let mut d = report
                        .diag(span, format!("`{word}` is repeated"))
                        .with_help(format!("remove the second `{word}`"));
                    if exact {
                        d = d.with_fix(Fix::safe(Span::new(remove.start, remove.end), ""));
                    }
                    report.push(d);
                    previous = None;
                    continue;
                }
            }
            previous = Some((start, end));
        }
    }
}

/// Whether a text may have two alphabetic words in a row that are equal ignoring case: a quick
/// test on bytes, true of every sentence the full check reports on (and of a few more). A token
/// with a letter or a space from outside ASCII sends the sentence to the full check; one with
/// only punctuation from outside ASCII (curly quotes, dashes) is not a word for either.
fn may_repeat(text: &str) -> bool {
    const SPACE: u8 = 1;
    const LETTER: u8 = 2;
    const OUTSIDE: u8 = 4;
    const OTHER: u8 = 8;
    const CLASS: [u8; 256] = {
        let mut class = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let byte = b as u8;
            class[b] = if matches!(byte, b' ' | b'\t'..=b'\r') {
                SPACE
            } else if byte.is_ascii_alphabetic() {
                LETTER
            } else if byte >= 0x80 {
                OUTSIDE
            } else {
                OTHER
            };
            b += 1;
        }
        class
    };
    let bytes = text.as_bytes();
    // The previous token, when it was an ASCII word.
    let mut previous: Option<&[u8]> = None;
    let mut i = 0;
    while i < bytes.len() {
        if CLASS[usize::from(bytes[i])] == SPACE {
            i += 1;
            continue;
        }
        let start = i;
        // The classes met in the token.
        let mut seen = 0;
        while i < bytes.len() && CLASS[usize::from(bytes[i])] != SPACE {
            seen |= CLASS[usize::from(bytes[i])];
            i += 1;
        }
        let word = &bytes[start..i];
        if seen != LETTER {
            if seen & OUTSIDE != 0 {
                // A letter or a space outside ASCII may hide a repeat: let the rule look.
                let token = std::str::from_utf8(word).unwrap_or_default();
                if token.is_empty()
                    || token
                        .chars()
                        .any(|c| !c.is_ascii() && (c.is_alphabetic() || c.is_whitespace()))
                {
                    return true;
                }
            }
            previous = None;
            continue;
        }
        if previous.is_some_and(|p| p.eq_ignore_ascii_case(word)) {
            return true;
        }
        previous = Some(word);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::may_repeat;

    #[test]
    fn the_quick_test_sees_every_repeat() {
        assert!(may_repeat("It was the the best."));
        assert!(may_repeat("It was THE the best."));
        assert!(may_repeat("the\x0bthe"));
        assert!(may_repeat("in\n\nin"));
        assert!(!may_repeat("It was the best, the best."));
        assert!(!may_repeat("Item 4 4 and x1 x1."));
        // Punctuation from outside ASCII is not part of a word; letters and spaces from outside
        // ASCII leave the decision to the full check.
        assert!(!may_repeat("“It was the best,” he said — twice…"));
        assert!(may_repeat("Café café"));
        assert!(may_repeat("the\u{a0}the"));
        assert!(may_repeat("“the\u{2003}the”"));
    }
}
