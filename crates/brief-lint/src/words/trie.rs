//! Phrases of up to 32 lists in one byte trie, walked only from the places where a word can
//! start.
//!
//! A phrase can only match where a word starts, so rather than running an automaton over every
//! byte, a search walks the trie from each word start until the text leaves it: most words leave
//! it after a byte or two. For each list, the matches are exactly what a leftmost-longest search
//! for that list's phrases finds when a match that does not start and end at word boundaries is
//! rejected and the search resumes one character later (see [`super::PhraseSet::find`]).

use std::ops::Range;

/// A compiled trie. Matching ignores ASCII case.
#[derive(Clone, Debug)]
pub(crate) struct Trie {
    /// The child of the root for each byte (0: none).
    root: Box<[u32; 256]>,
    /// The edges of node `n` are `bytes[first[n]..first[n + 1]]`, sorted, leading to
    /// `targets[first[n]..first[n + 1]]`.
    first: Vec<u32>,
    bytes: Vec<u8>,
    targets: Vec<u32>,
    /// For each node, the lists (as bits) that have a phrase ending there.
    ends: Vec<u32>,
}

impl Trie {
    /// Compiles `(list, phrase)` pairs; `list` is a bit number below 32. Empty phrases are
    /// ignored.
    pub(crate) fn new<'a>(phrases: impl IntoIterator<Item = (u32, &'a str)>) -> Trie {
        let mut children: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut ends: Vec<u32> = vec![0];
        for (list, phrase) in phrases {
            if phrase.is_empty() {
                continue;
            }
            let mut node = 0usize;
            for b in phrase.bytes().map(|b| b.to_ascii_lowercase()) {
                node = match children[node].iter().find(|(e, _)| *e == b) {
                    Some(&(_, child)) => child as usize,
                    None => {
                        let child = children.len();
                        children[node].push((b, child as u32));
                        children.push(Vec::new());
                        ends.push(0);
                        child
                    }
                };
            }
            ends[node] |= 1 << list;
        }
        let mut root = Box::new([0u32; 256]);
        for &(b, child) in &children[0] {
            root[usize::from(b)] = child;
        }
        let mut first = Vec::with_capacity(children.len() + 1);
        let mut bytes = Vec::new();
        let mut targets = Vec::new();
        for edges in &mut children {
            first.push(bytes.len() as u32);
            edges.sort_unstable();
            bytes.extend(edges.iter().map(|(b, _)| *b));
            targets.extend(edges.iter().map(|(_, t)| *t));
        }
        first.push(bytes.len() as u32);
        Trie {
            root,
            first,
            bytes,
            targets,
            ends,
        }
    }

    /// Calls `hit(list, range)` for each match of the lists in `lists` (a mask of bits), in
    /// text order.
    pub(crate) fn search(&self, text: &str, lists: u32, mut hit: impl FnMut(u32, Range<usize>)) {
        let bytes = text.as_bytes();
        // Where each list's next match may start.
        let mut from = [0usize; 32];
        // The end of each list's longest phrase from the current start.
        let mut longest = [0usize; 32];
        let mut at_boundary = true;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if at_boundary {
                let child = self.root[usize::from(b.to_ascii_lowercase())];
                if child != 0 {
                    let found = self.walk(bytes, i, child, lists, &mut longest);
                    let mut pending = found;
                    while pending != 0 {
                        let list = pending.trailing_zeros();
                        pending &= pending - 1;
                        let end = longest[list as usize];
                        if i >= from[list as usize] && is_word_end(text, end) {
                            hit(list, i..end);
                            from[list as usize] = end;
                        }
                    }
                }
            }
            if b < 0x80 {
                at_boundary = !is_word_byte(b);
                i += 1;
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                at_boundary = !c.is_alphanumeric();
                i += c.len_utf8();
            }
        }
    }

    /// Follows the text from `start` (whose first byte led to `node`) and records in `longest`
    /// the end of each list's longest phrase; returns the lists found.
    fn walk(
        &self,
        bytes: &[u8],
        start: usize,
        mut node: u32,
        lists: u32,
        longest: &mut [usize; 32],
    ) -> u32 {
        let mut found = 0;
        let mut j = start + 1;
        loop {
            let here = self.ends[node as usize] & lists;
            let mut pending = here;
            while pending != 0 {
                longest[pending.trailing_zeros() as usize] = j;
                pending &= pending - 1;
            }
            found |= here;
            let Some(&b) = bytes.get(j) else { break };
            let lo = self.first[node as usize] as usize;
            let hi = self.first[node as usize + 1] as usize;
            let b = b.to_ascii_lowercase();
            match self.bytes[lo..hi].iter().position(|&e| e == b) {
                Some(k) => node = self.targets[lo + k],
                None => break,
            }
            j += 1;
        }
        found
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Whether a word can end at `idx`.
pub(crate) fn is_word_end(text: &str, idx: usize) -> bool {
    match text.as_bytes().get(idx) {
        None => true,
        Some(&b) if b < 0x80 => !is_word_byte(b),
        Some(_) => text[idx..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric()),
    }
}
