//! Sentence splitting that survives what briefs contain: ranks and titles ("Gen.", "Dr.",
//! "(Ret.)"), "U.S.", "No. 5", "p. 4", "e.g.", initials, decimals, ellipses, quotations that end
//! with the period inside them, and footnote markers or citations after the period.

use std::ops::Range;

use crate::text::WordList;

/// Abbreviations after which a period does not end a sentence.
static ABBREVIATIONS: WordList = WordList::new(&[
    "adm", "amb", "apr", "approx", "art", "arts", "assn", "aug", "ave", "brig", "capt", "cdr",
    "cf", "ch", "chap", "cmdr", "co", "col", "corp", "cpl", "dec", "dept", "dir", "dr", "ed",
    "eds", "e.g", "esp", "est", "et al", "feb", "fig", "figs", "fr", "ft", "gen", "gov", "govt",
    "hon", "i.e", "ibid", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "messrs",
    "mr", "mrs", "ms", "mt", "n.b", "nos", "nov", "oct", "op", "para", "paras", "pp", "pres",
    "prof", "pt", "rep", "reps", "ret", "rev", "sen", "sens", "sep", "sept", "sgt", "sr", "st",
    "supt", "vol", "vols", "vs", "viz",
]);

/// Abbreviations that stand before a number ("No. 5", "p. 4", "art. 7").
static NUMBER_ABBREVIATIONS: WordList =
    WordList::new(&["no", "p", "para", "art", "sec", "s", "v", "c"]);

/// Abbreviations that also end sentences ("... in the U.S. The ...").
static SENTENCE_FINAL_ABBREVIATIONS: WordList = WordList::new(&[
    "u.s", "u.k", "u.n", "e.u", "etc", "d.c", "u.s.a", "p.m", "a.m", "inc", "ltd", "co", "corp",
    "jr", "sr",
]);

/// Words that start a new sentence after a sentence-final abbreviation.
static SENTENCE_STARTERS: WordList = WordList::new(&[
    "a", "an", "and", "as", "at", "but", "by", "for", "he", "her", "his", "however", "if", "in",
    "it", "its", "many", "most", "no", "on", "our", "she", "since", "so", "some", "that", "the",
    "their", "there", "these", "they", "this", "those", "to", "we", "what", "when", "while", "yet",
]);

/// Splits `text` into sentences, returned as trimmed byte ranges.
///
/// `protected` ranges (quotations) are never split inside. `attached` ranges (citation groups,
/// footnote markers) that follow a sentence's final punctuation belong to that sentence. Both are
/// sorted by their start and do not overlap, so each lookup is a binary search.
pub(crate) fn split(
    text: &str,
    protected: &[Range<usize>],
    attached: &[Range<usize>],
) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut idx = 0;
    // The next ASCII terminal and the next E2 byte (see below), each searched for again only
    // once passed, so that text full of other E2 characters (dashes, curly quotes) is not
    // scanned again for every one of them.
    let mut next_ascii = memchr::memchr3(b'.', b'!', b'?', bytes);
    let mut next_e2 = memchr::memchr(0xE2, bytes);
    while idx < bytes.len() {
        // The next terminal: `.`, `!`, `?`, or `…` (E2 80 A6; E2 only ever starts a character,
        // so every position found is a character boundary).
        if next_ascii.is_some_and(|a| a < idx) {
            next_ascii = memchr::memchr3(b'.', b'!', b'?', &bytes[idx..]).map(|o| idx + o);
        }
        if next_e2.is_some_and(|e| e < idx) {
            next_e2 = memchr::memchr(0xE2, &bytes[idx..]).map(|o| idx + o);
        }
        let Some(found) = [next_ascii, next_e2].into_iter().flatten().min() else {
            break;
        };
        idx = found;
        let terminal_len = match bytes[idx] {
            0xE2 if text[idx..].starts_with('…') => '…'.len_utf8(),
            0xE2 => {
                idx += 1;
                continue;
            }
            _ => 1,
        };
        let mut end = idx + terminal_len;
        // Runs of terminal punctuation ("?!", "...").
        while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?') {
            end += 1;
        }
        let is_ellipsis = end - idx >= 3 || terminal_len > 1;
        // Closing quotes and brackets, citation groups and footnote markers after the punctuation.
        loop {
            let rest = &text[end..];
            if let Some(c) = rest.chars().next().filter(|c| "\"'”’»)]*_".contains(*c)) {
                end += c.len_utf8();
                continue;
            }
            let next = attached.partition_point(|r| r.start < end);
            if let Some(range) = attached.get(next).filter(|r| r.start == end && r.end > end) {
                end = range.end;
                continue;
            }
            let next = attached.partition_point(|r| r.start <= end);
            if let Some(range) = attached.get(next).filter(|r| {
                r.start > end
                    && text[end..r.start].trim().is_empty()
                    && text[end..r.start].len() <= 1
                    && text[r.start..].starts_with('[')
            }) {
                // "... in 2023. [@key] Next": a citation right after the period.
                let after = &text[range.end..];
                if after.is_empty() || after.starts_with(char::is_whitespace) {
                    end = range.end;
                    continue;
                }
            }
            break;
        }
        let next_idx = end;
        let ws_len = text[next_idx..].len() - text[next_idx..].trim_start().len();
        let at_end = next_idx + ws_len >= bytes.len();
        if !at_end && ws_len == 0 {
            idx = end;
            continue;
        }
        if !at_end && !is_boundary(text, idx, end, next_idx + ws_len, is_ellipsis) {
            idx = end;
            continue;
        }
        let before = protected.partition_point(|r| r.start < idx);
        if before > 0 && end < protected[before - 1].end {
            idx = end;
            continue;
        }
        push_trimmed(&mut out, text, start..end);
        start = end;
        idx = end;
    }
    push_trimmed(&mut out, text, start..bytes.len());
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed_len = slice.trim().len();
    if trimmed_len > 0 {
        let start = range.start + lead;
        out.push(start..start + trimmed_len);
    }
}

/// Whether the punctuation at `punct` (ending at `end`) ends a sentence, given that the next
/// sentence would start at `next`.
fn is_boundary(text: &str, punct: usize, end: usize, next: usize, ellipsis: bool) -> bool {
    let next_char = text[next..].chars().next();
    let Some(next_char) = next_char else {
        return true;
    };
    let starts_like_sentence = next_char.is_uppercase()
        || next_char.is_ascii_digit()
        || "\"“«‘'([*_@".contains(next_char)
        || !next_char.is_alphabetic() && !next_char.is_ascii_punctuation();
    if !starts_like_sentence {
        return false;
    }
    if text.as_bytes()[punct] != b'.' || ellipsis {
        return !ellipsis || next_char.is_uppercase();
    }
    // The word before the period, with internal periods ("U.S", "e.g").
    let before = &text[..punct];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || "([{\"“'‘/—–".contains(c))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    let next_word = {
        let rest = &text[next..];
        let len = rest
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(rest.len(), |(i, _)| i);
        &rest[..len]
    };
    let starts_sentence = || SENTENCE_STARTERS.contains(next_word);
    let closing_paren = text[punct + 1..end].contains(')');
    // Initials ("Michael S. Repass").
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next())
        && first.is_uppercase()
    {
        return false;
    }
    if SENTENCE_FINAL_ABBREVIATIONS.contains(word) {
        return starts_sentence();
    }
    if NUMBER_ABBREVIATIONS.contains(word) {
        return !next_char.is_ascii_digit();
    }
    if ABBREVIATIONS.contains(word) {
        // "(Ret.)" and "Gen." never end a sentence unless the next word clearly starts one after
        // a closing parenthesis.
        return closing_paren && starts_sentence();
    }
    // "et al." is two words.
    if word.eq_ignore_ascii_case("al")
        && before[..word_start]
            .trim_end()
            .to_lowercase()
            .ends_with("et")
    {
        return starts_sentence();
    }
    // Dotted abbreviations ("U.S", "e.g").
    if word.contains('.') && word.split('.').all(|part| part.chars().count() <= 2) {
        return starts_sentence();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, &[], &[])
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            sentences("The U.S. Army and Gen. Smith met Dr. Lee. They agreed."),
            ["The U.S. Army and Gen. Smith met Dr. Lee.", "They agreed."]
        );
        assert_eq!(
            sentences("Daniel Kerr, Major General (Ret.), spoke. Others left."),
            ["Daniel Kerr, Major General (Ret.), spoke.", "Others left."]
        );
        assert_eq!(
            sentences("See No. 5 on p. 4, e.g. the annex. Done."),
            ["See No. 5 on p. 4, e.g. the annex.", "Done."]
        );
    }

    #[test]
    fn dashes_and_curly_quotes_between_terminals() {
        // E2 starts `…` and also `—`, `“` and `”`: only `…` ends a sentence.
        assert_eq!(
            sentences("A “plan” — or two — failed… Then — “why?” Nobody knew."),
            [
                "A “plan” — or two — failed…",
                "Then — “why?”",
                "Nobody knew."
            ]
        );
        let long = format!("{} end. Next one", "—".repeat(10_000));
        assert_eq!(sentences(&long).len(), 2);
    }

    #[test]
    fn sentence_final_abbreviations_split_before_starters() {
        assert_eq!(
            sentences("Aid came from the U.S. The EU followed."),
            ["Aid came from the U.S.", "The EU followed."]
        );
    }

    #[test]
    fn initials_and_decimals() {
        assert_eq!(
            sentences("Michael S. Repass said growth was 2.5 percent. It fell."),
            ["Michael S. Repass said growth was 2.5 percent.", "It fell."]
        );
    }

    #[test]
    fn quotes_ending_with_period_and_ellipses() {
        assert_eq!(
            sentences(r#"He said "we will act." Then he left."#),
            [r#"He said "we will act.""#, "Then he left."]
        );
        assert_eq!(
            sentences("We will … continue the talks. Next."),
            ["We will … continue the talks.", "Next."]
        );
        assert_eq!(
            sentences("It ended... Then peace."),
            ["It ended...", "Then peace."]
        );
    }

    #[test]
    fn protected_ranges_are_not_split() {
        let text = r#""We cannot wait. We must act," he said. Next."#;
        let protected = [0..31];
        let got: Vec<&str> = split(text, &protected, &[])
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, [r#""We cannot wait. We must act," he said."#, "Next."]);
    }

    #[test]
    fn attached_markers_stay_with_their_sentence() {
        let text = "It rose in 2023.[@k] Then it fell.";
        let got: Vec<&str> = split(text, &[], &[16..20])
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, ["It rose in 2023.[@k]", "Then it fell."]);
        let text = "It rose in 2023. [@k] Then it fell.";
        let got: Vec<&str> = split(text, &[], &[17..21])
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, ["It rose in 2023. [@k]", "Then it fell."]);
    }
}
