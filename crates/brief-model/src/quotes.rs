//! Quotations in running text: straight `"..."`, curly `“...”`, guillemets `«...»`, and the
//! curly single quotes of British style `‘...’`.
//!
//! Straight single quotes are left alone: in English prose they are mostly apostrophes. A curly
//! `’` is one too inside a word ("Russia’s"), so it closes a quotation only where no letter or
//! digit follows it, and `‘` opens one only before a letter.

use std::ops::Range;

use crate::document::QuoteKind;

/// A quotation found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// With the quotation marks.
    pub(crate) range: Range<usize>,
    /// Without them, trimmed.
    pub(crate) inner: Range<usize>,
    pub(crate) kind: QuoteKind,
}

/// Finds balanced quotations in `text`. An unmatched mark is ignored.
pub(crate) fn find(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    // A `‘` waiting for its `’`, outside any other quotation.
    let mut open_single: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut from = 0;
    // Only `"` and the characters starting with E2 (`“`, `”`) or C2 (`«`, `»`) can be marks;
    // both bytes only ever start a character, so every position found is a boundary.
    while let Some(offset) = memchr::memchr3(b'"', 0xE2, 0xC2, &bytes[from..]) {
        let idx = from + offset;
        let Some(c) = text[idx..].chars().next() else {
            break;
        };
        from = idx + c.len_utf8();
        let prev = text[..idx].chars().next_back();
        let next = text[from..].chars().next();
        match c {
            '‘' if open.is_none()
                && open_single.is_none()
                && prev.is_none_or(|p| p.is_whitespace() || "([{—–-/“\"".contains(p))
                && next.is_some_and(char::is_alphabetic) =>
            {
                open_single = Some(idx);
            }
            '’' => {
                if let Some(start) = open_single
                    && prev.is_some_and(|p| !p.is_whitespace())
                    && next.is_none_or(|n| !n.is_alphanumeric())
                    && !(is_plural_possessive(text, idx, from) && closes_later(text, from))
                {
                    push(&mut out, text, start, idx + c.len_utf8(), QuoteKind::Curly);
                    open_single = None;
                }
            }
            '“' | '«' if open.is_none() && open_single.is_none() => open = Some((idx, c)),
            '”' | '»' => {
                if let Some((start, opener)) = open
                    && ((opener == '“' && c == '”') || (opener == '«' && c == '»'))
                {
                    push(&mut out, text, start, idx + c.len_utf8(), QuoteKind::Curly);
                    open = None;
                }
            }
            '"' => {
                let can_open = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/‘'".contains(p))
                    && next.is_some_and(|n| !n.is_whitespace());
                let can_close = prev.is_some_and(|p| !p.is_whitespace());
                match open {
                    Some((start, '"')) if can_close => {
                        push(&mut out, text, start, idx + 1, QuoteKind::Straight);
                        open = None;
                    }
                    Some((_, '"')) if can_open => open = Some((idx, '"')),
                    None if can_open => open = Some((idx, '"')),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether the `’` at `idx` (ending at `end`) reads as a plural possessive: after an `s`, before
/// a space and a word ("the states’ plans").
fn is_plural_possessive(text: &str, idx: usize, end: usize) -> bool {
    text[..idx].ends_with('s')
        && text[end..]
            .strip_prefix(' ')
            .is_some_and(|rest| rest.starts_with(char::is_alphabetic))
}

/// Whether a `’` after `from` could close the open quotation instead: one that no letter or
/// digit follows, before the next `‘` and within a few sentences.
fn closes_later(text: &str, from: usize) -> bool {
    let rest = &text[from..];
    let window = rest
        .char_indices()
        .take_while(|(i, c)| *i < 600 && *c != '‘')
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    rest[..window].match_indices('’').any(|(i, mark)| {
        let at = from + i;
        let end = at + mark.len();
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        before.is_some_and(|b| !b.is_whitespace())
            && after.is_none_or(|a| !a.is_alphanumeric())
            && !is_plural_possessive(text, at, end)
    })
}

fn push(out: &mut Vec<Found>, text: &str, start: usize, end: usize, kind: QuoteKind) {
    let mark_len = text[start..].chars().next().map_or(1, char::len_utf8);
    let close_len = text[..end].chars().next_back().map_or(1, char::len_utf8);
    let inner_start = start + mark_len;
    let inner_end = end - close_len;
    if inner_end <= inner_start {
        return;
    }
    let inner = &text[inner_start..inner_end];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    if inner.trim().is_empty() {
        return;
    }
    out.push(Found {
        range: start..end,
        inner: inner_start + lead..inner_end - trail,
        kind,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner<'a>(text: &'a str, found: &[Found]) -> Vec<&'a str> {
        found.iter().map(|f| &text[f.inner.clone()]).collect()
    }

    #[test]
    fn straight_and_curly() {
        let text = r#"He said "we will act," and she said “not yet.” Then «fin»."#;
        let found = find(text);
        assert_eq!(inner(text, &found), ["we will act,", "not yet.", "fin"]);
    }

    #[test]
    fn split_quotations() {
        let text = r#""We cannot wait," he said, "for the talks.""#;
        assert_eq!(
            inner(text, &find(text)),
            ["We cannot wait,", "for the talks."]
        );
    }

    #[test]
    fn british_single_quotes() {
        let text = "‘We will not retreat,’ the minister said of Russia’s ‘special operation’. \
                    It was ‘a mistake’, and the states’ budgets ‘can’t wait’.";
        assert_eq!(
            inner(text, &find(text)),
            [
                "We will not retreat,",
                "special operation",
                "a mistake",
                "can’t wait"
            ]
        );
        // Nested in a double quotation, and apostrophes alone.
        let text = "He said “they call it ‘the plan’ now” and rock ‘n’ roll in the ‘90s, Russia’s.";
        assert_eq!(
            inner(text, &find(text)),
            ["they call it ‘the plan’ now", "n"]
        );
        // A plural possessive closes nothing when a later mark does.
        let text =
            "‘The states’ plans for next year are not enough,’ he said. Then the states’ budgets.";
        assert_eq!(
            inner(text, &find(text)),
            ["The states’ plans for next year are not enough,"]
        );
        // Double quotations inside single ones are part of them.
        let text = "‘The “reset” is over,’ she said.";
        assert_eq!(inner(text, &find(text)), ["The “reset” is over,"]);
    }

    #[test]
    fn unmatched_marks_are_ignored() {
        let text = r#"A 5" pipe and "an open quote"#;
        assert!(find(text).is_empty());
    }
}
