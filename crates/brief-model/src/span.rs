//! Byte spans into the original file and their conversion to 1-based lines and columns.
//!
//! Every span in the model is a byte range into the file exactly as it was read (a BOM included),
//! and always lies on character boundaries. People and JSON see 1-based lines and columns,
//! with columns counted in Unicode scalar values.

use serde::Serialize;

/// A half-open byte range `start..end` into a file.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    schemars::JsonSchema,
)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// An empty span at `offset`.
    pub const fn empty(offset: usize) -> Span {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// Length in bytes.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies within this span.
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte (or touch, for empty spans).
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
            || (self.start == self.end && other.start <= self.start && self.start <= other.end)
            || (other.start == other.end && self.start <= other.start && other.start <= self.end)
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text of this span in `source`.
    pub fn text(self, source: &str) -> &str {
        source.get(self.start..self.end).unwrap_or("")
    }

    /// The span moved by `delta` bytes.
    pub const fn shift(self, delta: usize) -> Span {
        Span::new(self.start + delta, self.end + delta)
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(range: std::ops::Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in Unicode scalar values.
    pub column: usize,
}

/// Line starts of a text, for converting byte offsets to lines and columns.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    ascii: bool,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()));
        LineIndex {
            starts,
            ascii: text.is_ascii(),
        }
    }

    /// The 1-based line and column of byte `offset` in `text` (the text this index was built from).
    ///
    /// An offset inside a character or past the end is clamped to the nearest boundary before it.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset);
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.starts[line];
        let column = if self.ascii {
            offset - line_start
        } else {
            text[line_start..offset].chars().count()
        };
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The byte offset of a 1-based line and column, clamped to the text.
    pub fn offset(&self, text: &str, line: usize, column: usize) -> usize {
        let line_idx = line.saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[line_idx];
        let end = self.starts.get(line_idx + 1).copied().unwrap_or(text.len());
        let line_text = &text[start..end];
        let col = column.saturating_sub(1);
        match line_text.char_indices().nth(col) {
            Some((idx, _)) => start + idx,
            None => end,
        }
    }

    /// The byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether the text has no lines (never true: an empty text has one empty line).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The 0-based line containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', bytes).map(|idx| idx + 1)
}

/// The largest character boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    if offset >= text.len() {
        return text.len();
    }
    let mut idx = offset;
    while !text.is_char_boundary(idx) {
        idx -= 1;
    }
    idx
}

/// The smallest character boundary at or after `offset`.
pub fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    if offset >= text.len() {
        return text.len();
    }
    let mut idx = offset;
    while !text.is_char_boundary(idx) {
        idx += 1;
    }
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_scalar_values() {
        let text = "ab\nԱնի x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), LineCol { line: 2, column: 5 });
        assert_eq!(index.offset(text, 2, 5), x);
        assert_eq!(
            index.line_col(text, text.len()),
            LineCol { line: 3, column: 1 }
        );
    }

    #[test]
    fn offsets_inside_characters_are_clamped() {
        let text = "Ա";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 1), LineCol { line: 1, column: 1 });
        assert_eq!(floor_char_boundary(text, 1), 0);
        assert_eq!(ceil_char_boundary(text, 1), 2);
    }
}
