//! Byte offsets in a file and LSP positions, in the encoding negotiated with the client.
//!
//! The model counts bytes. LSP counts lines from 0 and, within a line, UTF-16 code units unless
//! the client offered UTF-8 in `general.positionEncodings`. Every conversion clamps: a line past
//! the end is the end of the file, a character past the end of its line is the end of the line,
//! and a position inside a character (a UTF-8 continuation byte, the second half of a surrogate
//! pair) is the start of that character.

use brief_model::Span;
use lsp_types::{Position, Range};

/// How the client counts characters within a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8 code units: bytes.
    Utf8,
    /// UTF-16 code units, the protocol's default.
    Utf16,
}

/// Line starts of one text.
#[derive(Clone, Debug)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(idx, _)| idx + 1),
        );
        LineIndex { starts }
    }

    /// The number of lines (an empty text has one).
    pub(crate) fn len(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding byte `offset`.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// The byte range of 0-based `line`, without its line break.
    pub(crate) fn line_span(&self, text: &str, line: usize) -> Span {
        let Some(&start) = self.starts.get(line) else {
            return Span::empty(text.len());
        };
        let next = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let content = text.get(start..next).unwrap_or("");
        let content = content.strip_suffix('\n').unwrap_or(content);
        let content = content.strip_suffix('\r').unwrap_or(content);
        Span::new(start, start + content.len())
    }

    /// The position of byte `offset`.
    pub(crate) fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let offset = floor_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.starts.get(line).copied().unwrap_or(0).min(offset);
        let before = text.get(start..offset).unwrap_or("");
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(to_u32(line), to_u32(character))
    }

    /// The byte offset of `position`, clamped to the text.
    pub(crate) fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = usize::try_from(position.line).unwrap_or(usize::MAX);
        if line >= self.starts.len() {
            return text.len();
        }
        let span = self.line_span(text, line);
        let content = span.text(text);
        let wanted = usize::try_from(position.character).unwrap_or(usize::MAX);
        let within = match encoding {
            Encoding::Utf8 => floor_boundary(content, wanted),
            Encoding::Utf16 => {
                let mut units = 0;
                let mut found = content.len();
                for (idx, c) in content.char_indices() {
                    if units + c.len_utf16() > wanted {
                        found = idx;
                        break;
                    }
                    units += c.len_utf16();
                }
                found
            }
        };
        span.start + within
    }

    /// The range of a span.
    pub(crate) fn range(&self, text: &str, span: Span, encoding: Encoding) -> Range {
        let start = self.position(text, span.start, encoding);
        let end = self.position(text, span.end.max(span.start), encoding);
        Range::new(start, end)
    }

    /// The span of a range, with its ends in order.
    pub(crate) fn span(&self, text: &str, range: Range, encoding: Encoding) -> Span {
        let a = self.offset(text, range.start, encoding);
        let b = self.offset(text, range.end, encoding);
        Span::new(a.min(b), a.max(b))
    }
}

/// The largest character boundary at or before `offset`, clamped to the text.
pub(crate) fn floor_boundary(text: &str, offset: usize) -> usize {
    brief_model::span::floor_char_boundary(text, offset)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_columns() {
        // Armenian letters are 2 bytes and 1 UTF-16 unit; the emoji is 4 bytes and 2 units.
        let text = "ab\nԱնի “x” 😀y\r\nend";
        let index = LineIndex::new(text);
        let y = text.find('y').unwrap();
        let utf16 = index.position(text, y, Encoding::Utf16);
        assert_eq!(utf16, Position::new(1, 10));
        let utf8 = index.position(text, y, Encoding::Utf8);
        assert_eq!(utf8, Position::new(1, (y - 3) as u32));
        assert_eq!(index.offset(text, utf16, Encoding::Utf16), y);
        assert_eq!(index.offset(text, utf8, Encoding::Utf8), y);
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\nԱ😀\r\n";
        let index = LineIndex::new(text);
        // Past the end of a line: the end of the line, before `\r\n`.
        assert_eq!(
            index.offset(text, Position::new(1, 99), Encoding::Utf16),
            text.find('\r').unwrap()
        );
        // Past the last line: the end of the text.
        assert_eq!(
            index.offset(text, Position::new(99, 0), Encoding::Utf8),
            text.len()
        );
        // Inside a surrogate pair or a UTF-8 sequence: the start of the character.
        let emoji = text.find('😀').unwrap();
        assert_eq!(
            index.offset(text, Position::new(1, 2), Encoding::Utf16),
            emoji
        );
        assert_eq!(
            index.offset(text, Position::new(1, 3), Encoding::Utf8),
            text.find('Ա').unwrap() + 2
        );
        assert_eq!(
            index.offset(text, Position::new(1, 1), Encoding::Utf8),
            text.find('Ա').unwrap()
        );
        // An offset past the end.
        assert_eq!(
            index.position(text, 1000, Encoding::Utf16),
            Position::new(2, 0)
        );
    }
}
