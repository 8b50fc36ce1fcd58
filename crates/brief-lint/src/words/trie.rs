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
///
/// Bytes are read through classes (the bytes the phrases use, an ASCII letter's two cases being
/// one class), so that a node with many edges can keep them as a row indexed by class; a node
/// with a few keeps a short list.
#[derive(Clone, Debug)]
pub(crate) struct Trie {
    /// The class of each byte; 0 for the bytes no phrase has.
    class: Box<[u8; 256]>,
    /// For each node, where its row starts in `table`, or [`SPARSE`].
    rows: Vec<u32>,
    /// Rows of children by class (0: none).
    table: Vec<u32>,
    /// The edges of a sparse node `n` are `edge_classes[first[n]..first[n + 1]]`, leading to
    /// `targets[first[n]..first[n + 1]]`.
    first: Vec<u32>,
    edge_classes: Vec<u8>,
    targets: Vec<u32>,
    /// For each node, the lists (as bits) that have a phrase ending there.
    ends: Vec<u32>,
    /// The lists whose every phrase found is reported (see [`Trie::search`]).
    every: u32,
}

/// A node whose edges are a list rather than a row.
const SPARSE: u32 = u32::MAX;

/// Nodes with at least this many edges get a row.
const DENSE_EDGES: usize = 5;

impl Trie {
    /// Compiles `(list, phrase)` pairs; `list` is a bit number below 32. Empty phrases are
    /// ignored. `every` is a mask of the lists whose every phrase found a search reports.
    pub(crate) fn new<'a>(phrases: impl IntoIterator<Item = (u32, &'a str)>, every: u32) -> Trie {
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
        // Classes for the bytes in use (at most 230 of them: phrases have no ASCII capitals).
        let mut class = Box::new([0u8; 256]);
        let mut classes = 1usize;
        for edges in &children {
            for &(b, _) in edges {
                if class[usize::from(b)] == 0 {
                    class[usize::from(b)] = classes as u8;
                    classes += 1;
                }
            }
        }
        for upper in b'A'..=b'Z' {
            class[usize::from(upper)] = class[usize::from(upper.to_ascii_lowercase())];
        }
        let mut rows = Vec::with_capacity(children.len());
        let mut table = Vec::new();
        let mut first = Vec::with_capacity(children.len() + 1);
        let mut edge_classes = Vec::new();
        let mut targets = Vec::new();
        for (node, edges) in children.iter().enumerate() {
            first.push(edge_classes.len() as u32);
            if node == 0 || edges.len() >= DENSE_EDGES {
                rows.push(table.len() as u32);
                let row = table.len();
                table.resize(row + classes, 0);
                for &(b, child) in edges {
                    table[row + usize::from(class[usize::from(b)])] = child;
                }
            } else {
                rows.push(SPARSE);
                edge_classes.extend(edges.iter().map(|(b, _)| class[usize::from(*b)]));
                targets.extend(edges.iter().map(|(_, t)| *t));
            }
        }
        first.push(edge_classes.len() as u32);
        Trie {
            class,
            rows,
            table,
            first,
            edge_classes,
            targets,
            ends,
            every,
        }
    }

    /// The child of `node` by the byte `b` (0: none).
    #[inline]
    fn child(&self, node: u32, b: u8) -> u32 {
        let class = self.class[usize::from(b)];
        if class == 0 {
            return 0;
        }
        let row = self.rows[node as usize];
        if row != SPARSE {
            return self.table[row as usize + usize::from(class)];
        }
        let lo = self.first[node as usize] as usize;
        let hi = self.first[node as usize + 1] as usize;
        match self.edge_classes[lo..hi].iter().position(|&c| c == class) {
            Some(k) => self.targets[lo + k],
            None => 0,
        }
    }

    /// Calls `hit(list, range)` for each match of the lists in `lists` (a mask of bits), in
    /// text order.
    ///
    /// For the lists built as `every`, each phrase found at a word start is reported, whether or
    /// not a longer one matches there too and whatever follows it: the caller decides where such
    /// a phrase may end.
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
                let child = self.child(0, b);
                if child != 0 {
                    let found = self.walk(bytes, i, child, lists, &mut longest, &mut hit);
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
                i += 1;
                at_boundary = !is_word_byte(b);
                if !at_boundary {
                    // No word starts before the end of this one.
                    while i < bytes.len() && is_word_byte(bytes[i]) {
                        i += 1;
                    }
                }
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                at_boundary = !c.is_alphanumeric();
                i += c.len_utf8();
            }
        }
    }

    /// Follows the text from `start` (whose first byte led to `node`) and records in `longest`
    /// the end of each list's longest phrase; returns the lists found. Phrases of the `every`
    /// lists go to `hit` as they are found.
    fn walk(
        &self,
        bytes: &[u8],
        start: usize,
        mut node: u32,
        lists: u32,
        longest: &mut [usize; 32],
        hit: &mut impl FnMut(u32, Range<usize>),
    ) -> u32 {
        let mut found = 0;
        let mut j = start + 1;
        loop {
            let mut here = self.ends[node as usize] & lists;
            if here & self.every != 0 {
                let mut all = here & self.every;
                while all != 0 {
                    hit(all.trailing_zeros(), start..j);
                    all &= all - 1;
                }
                here &= !self.every;
            }
            let mut pending = here;
            while pending != 0 {
                longest[pending.trailing_zeros() as usize] = j;
                pending &= pending - 1;
            }
            found |= here;
            let Some(&b) = bytes.get(j) else { break };
            node = self.child(node, b);
            if node == 0 {
                break;
            }
            j += 1;
        }
        found
    }
}

/// Whether an ASCII byte is part of a word (false for every byte outside ASCII).
fn is_word_byte(b: u8) -> bool {
    const WORD: [bool; 256] = {
        let mut word = [false; 256];
        let mut b = 0;
        while b < 128 {
            let byte = b as u8;
            word[b] = byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-';
            b += 1;
        }
        word
    };
    WORD[usize::from(b)]
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
