//! Pandoc citation syntax in running text: `[@key]`, `[see @a, pp. 3-5; @b]`, `[-@key]`, and
//! narrative `@key`.
//!
//! Works on a paragraph's plain text. Bracketed groups are citations whatever their keys (an
//! unknown key is the linter's business); a bare `@word` is only a candidate, which becomes a
//! citation when a source with that key exists, so handles and e-mail addresses stay text.

use std::ops::Range;

/// A citation found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// The item, from its prefix to the end of its locator.
    pub(crate) range: Range<usize>,
    /// The key, without `@`.
    pub(crate) key_range: Range<usize>,
    /// The key.
    pub(crate) key: String,
    /// Text before the key in the brackets.
    pub(crate) prefix: Option<String>,
    /// Text after the key (locator and suffix).
    pub(crate) locator: Option<String>,
    /// `-@key`.
    pub(crate) suppress_author: bool,
    /// Outside brackets.
    pub(crate) narrative: bool,
    /// The bracketed group, or the narrative citation itself.
    pub(crate) group: Range<usize>,
}

/// The longest bracketed group read as citations. Real groups are far shorter; the bound keeps
/// text full of brackets linear to read.
const MAX_GROUP_LEN: usize = 2000;

/// Finds bracketed citations and narrative candidates, skipping `excluded` ranges (inline code,
/// sorted).
pub(crate) fn find(text: &str, excluded: &[Range<usize>]) -> (Vec<Found>, Vec<Found>) {
    let bytes = text.as_bytes();
    let in_excluded = |idx: usize| in_sorted(excluded, idx);
    let pairs = bracket_pairs(bytes);
    let matching_bracket = |open: usize| {
        pairs
            .binary_search_by_key(&open, |&(o, _)| o)
            .ok()
            .map(|found| pairs[found].1)
            .filter(|&close| close - open <= MAX_GROUP_LEN)
    };
    let mut bracketed = Vec::new();
    let mut groups: Vec<Range<usize>> = Vec::new();
    let mut idx = 0;
    while let Some(offset) = memchr::memchr(b'[', &bytes[idx..]) {
        idx += offset;
        if !in_excluded(idx)
            && let Some(close) = matching_bracket(idx)
        {
            let followed_by_link = matches!(bytes.get(close + 1), Some(b'(' | b'['));
            if !followed_by_link && let Some(items) = parse_group(text, idx + 1, close) {
                groups.push(idx..close + 1);
                for mut item in items {
                    item.group = idx..close + 1;
                    bracketed.push(item);
                }
                idx = close + 1;
                continue;
            }
        }
        idx += 1;
    }

    let mut narrative = Vec::new();
    for (at, _) in text.match_indices('@') {
        if in_excluded(at) || in_sorted(&groups, at) {
            continue;
        }
        let prev = text[..at].chars().next_back();
        if prev.is_some_and(|c| c.is_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c)) {
            continue;
        }
        let Some((key_range, end)) = parse_key(text, at + 1) else {
            continue;
        };
        let mut range_end = end;
        let mut locator = None;
        // `@key [p. 33]`: a locator in brackets right after a narrative citation.
        let rest = &text[end..];
        if let Some(after_space) = rest.strip_prefix(' ')
            && after_space.starts_with('[')
            && !after_space.starts_with("[@")
        {
            let open = end + 1;
            if let Some(close) = matching_bracket(open) {
                let inner = text[open + 1..close].trim();
                if !inner.is_empty() && !inner.contains('@') && looks_like_locator(inner) {
                    locator = Some(inner.to_owned());
                    range_end = close + 1;
                }
            }
        }
        narrative.push(Found {
            range: at..range_end,
            key: text[key_range.clone()].to_owned(),
            key_range,
            prefix: None,
            locator,
            suppress_author: false,
            narrative: true,
            group: at..range_end,
        });
    }
    (bracketed, narrative)
}

fn looks_like_locator(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        || ["chap", "sec", "para", "ch.", "p."]
            .iter()
            .any(|p| text.starts_with(p))
}

/// Every balanced `[`…`]` pair, as (open, close) sorted by the opening bracket: one pass with a
/// stack, instead of a scan from every `[`.
fn bracket_pairs(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut open = Vec::new();
    let mut pairs = Vec::new();
    for (idx, &b) in bytes.iter().enumerate() {
        match b {
            b'[' => open.push(idx),
            b']' => {
                if let Some(start) = open.pop() {
                    pairs.push((start, idx));
                }
            }
            _ => {}
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Whether `idx` lies in one of `ranges` (sorted, not overlapping).
fn in_sorted(ranges: &[Range<usize>], idx: usize) -> bool {
    let at = ranges.partition_point(|r| r.end <= idx);
    ranges.get(at).is_some_and(|r| r.contains(&idx))
}

/// Parses the inside of `[...]` as `item; item; ...`, each with exactly one key.
fn parse_group(text: &str, start: usize, end: usize) -> Option<Vec<Found>> {
    let inner = &text[start..end];
    if !inner.contains('@') {
        return None;
    }
    let mut items = Vec::new();
    let mut item_start = start;
    for part in inner.split(';') {
        let part_start = item_start;
        let part_end = part_start + part.len();
        item_start = part_end + 1;
        items.push(parse_item(text, part_start, part_end)?);
    }
    Some(items)
}

fn parse_item(text: &str, start: usize, end: usize) -> Option<Found> {
    let part = &text[start..end];
    // The key marker: `@` or `-@` at the start of the item or after whitespace.
    let mut at = None;
    for (offset, _) in part.match_indices('@') {
        let before = &part[..offset];
        let (marker_start, suppress) = match before.strip_suffix('-') {
            Some(b) => (b.len(), true),
            None => (offset, false),
        };
        let prefix = &part[..marker_start];
        if prefix.is_empty() || prefix.ends_with(char::is_whitespace) {
            at = Some((offset, marker_start, suppress));
            break;
        }
    }
    let (offset, marker_start, suppress) = at?;
    let (key_range, key_end) = parse_key(text, start + offset + 1)?;
    if key_end > end {
        return None;
    }
    let prefix = part[..marker_start].trim();
    let suffix = text[key_end..end].trim_start();
    let suffix = suffix.strip_prefix(',').unwrap_or(suffix).trim();
    let first = text[start..end]
        .find(|c: char| !c.is_whitespace())
        .map_or(start, |o| start + o);
    let last = start + text[start..end].trim_end().len();
    Some(Found {
        range: first..last.max(first),
        key: text[key_range.clone()].to_owned(),
        key_range,
        prefix: (!prefix.is_empty()).then(|| prefix.to_owned()),
        locator: (!suffix.is_empty()).then(|| suffix.to_owned()),
        suppress_author: suppress,
        narrative: false,
        group: 0..0,
    })
}

/// Parses a citation key starting at `start` (just after `@`). Returns the key's range and where
/// the citation text ends (after a closing `}` for `@{key}`).
fn parse_key(text: &str, start: usize) -> Option<(Range<usize>, usize)> {
    let rest = text.get(start..)?;
    if let Some(braced) = rest.strip_prefix('{') {
        let close = braced.find('}')?;
        if close == 0 || braced[..close].contains('\n') {
            return None;
        }
        return Some((start + 1..start + 1 + close, start + close + 2));
    }
    let mut chars = rest.char_indices().peekable();
    let (_, first) = chars.next()?;
    if !(first.is_alphanumeric() || first == '_') {
        return None;
    }
    let mut end = first.len_utf8();
    while let Some((offset, c)) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            end = offset + c.len_utf8();
        } else if ":.#$%&-+?<>~/".contains(c) {
            // Internal punctuation only: it must be followed by a key character.
            match chars.peek() {
                Some(&(_, next)) if next.is_alphanumeric() || next == '_' => {}
                _ => break,
            }
        } else {
            break;
        }
    }
    Some((start..start + end, start + end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(found: &[Found]) -> Vec<&str> {
        found.iter().map(|f| f.key.as_str()).collect()
    }

    #[test]
    fn bracketed_groups() {
        let text = "Incidents fell [see @icg-2024, pp. 3-5; @osce.2023] and rose [-@un:2022].";
        let (found, narrative) = find(text, &[]);
        assert_eq!(keys(&found), ["icg-2024", "osce.2023", "un:2022"]);
        assert_eq!(found[0].prefix.as_deref(), Some("see"));
        assert_eq!(found[0].locator.as_deref(), Some("pp. 3-5"));
        assert!(found[2].suppress_author);
        assert!(narrative.is_empty());
        assert_eq!(
            &text[found[0].group.clone()],
            "[see @icg-2024, pp. 3-5; @osce.2023]"
        );
    }

    #[test]
    fn narrative_candidates_skip_emails() {
        let text = "As @smith2020 [p. 33] argues, write to press@example.org or @StateDept.";
        let (found, narrative) = find(text, &[]);
        assert!(found.is_empty());
        assert_eq!(keys(&narrative), ["smith2020", "StateDept"]);
        assert_eq!(narrative[0].locator.as_deref(), Some("p. 33"));
    }

    #[test]
    fn links_and_plain_brackets_are_not_citations() {
        let (found, _) = find("[text](http://x) and [a note] and [@k](http://y)", &[]);
        assert!(found.is_empty());
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_a_key() {
        let (_, narrative) = find("see @doe99.", &[]);
        assert_eq!(keys(&narrative), ["doe99"]);
        let (_, braced) = find("see @{odd key}", &[]);
        assert_eq!(keys(&braced), ["odd key"]);
    }

    #[test]
    fn code_is_skipped() {
        let text = "run `[@x]` now";
        let (found, _) = find(text, &[4..10]);
        assert!(found.is_empty());
    }
}
