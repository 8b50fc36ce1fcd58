//! The document model: everything a rule or a renderer needs to know about one brief.
//!
//! The model is flat on purpose: sections, blocks and sentences are vectors that refer to each
//! other by index, so no walk over it recurses, however deeply the Markdown nests.

use crate::diagnostic::FileRef;
use crate::frontmatter::Frontmatter;
use crate::source::Source;
use crate::span::{LineCol, LineIndex, Span};
use crate::yaml::Positions;

/// A parsed brief.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The file's text, exactly as given to [`crate::parse`].
    pub source: String,
    /// Line starts of `source`.
    pub line_index: LineIndex,
    /// The typed frontmatter; defaults where a key is missing or invalid.
    pub frontmatter: Frontmatter,
    /// The frontmatter as written (kebab-case keys, `x-*` kept), `Null` when there is none.
    pub frontmatter_value: serde_json::Value,
    /// Where each frontmatter value sits.
    pub positions: Positions,
    /// The YAML between the fences, when the brief has frontmatter.
    pub frontmatter_span: Option<Span>,
    /// The Markdown body.
    pub body_span: Span,
    /// Files loaded on the brief's behalf (bibliographies), indexed by [`FileRef::Loaded`].
    pub files: Vec<LoadedFile>,
    /// Every source, inline and from bibliographies, in definition order.
    pub sources: Vec<Source>,
    /// Headings, in document order.
    pub sections: Vec<Section>,
    /// Blocks, in document order (containers before their children).
    pub blocks: Vec<Block>,
    /// Runs of inline text (paragraphs, list item text, table cells), in document order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences, in document order.
    pub sentences: Vec<Sentence>,
    /// Footnote definitions.
    pub footnotes: Vec<FootnoteDef>,
    /// Footnote references, in document order.
    pub footnote_refs: Vec<FootnoteRef>,
    /// `[^label]` written in text with no definition of `label` (Markdown leaves them as text).
    pub undefined_footnotes: Vec<FootnoteRef>,
    /// Inline links, in document order.
    pub links: Vec<Link>,
    /// Images, in document order.
    pub images: Vec<Image>,
    /// Tables, in document order.
    pub tables: Vec<Table>,
    /// The section holding the recommendations.
    pub recommendations_section: Option<usize>,
    /// Recommendations, in order.
    pub recommendations: Vec<Recommendation>,
    /// Paragraphs in the recommendations section that are in neither recognized form.
    pub unstructured_recommendations: Vec<Span>,
    /// The summary, from the `summary` key or a Summary section.
    pub summary: Option<Summary>,
    /// Suppression comments.
    pub suppressions: Vec<Suppression>,
    /// `@word`s that are not citations because no source has that key (handles, for example).
    pub mentions: Vec<crate::body::Mention>,
    /// Body words: paragraphs, lists and quotations, without frontmatter, headings, footnotes,
    /// tables, captions, code blocks, the bibliography and bracketed citations.
    pub word_count: usize,
}

impl Document {
    /// The 1-based line and column of a byte offset in the brief.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.line_index.line_col(&self.source, offset)
    }

    /// The text of a span of the brief.
    pub fn text(&self, span: Span) -> &str {
        span.text(&self.source)
    }

    /// The source with this citation key.
    pub fn source(&self, key: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == key)
    }

    /// The footnote definition with this label.
    pub fn footnote(&self, label: &str) -> Option<&FootnoteDef> {
        self.footnotes.iter().find(|f| f.label == label)
    }

    /// The text of a file: the brief or one it loaded.
    pub fn file_text(&self, file: FileRef) -> &str {
        match file {
            FileRef::Brief => &self.source,
            FileRef::Loaded(idx) => self.files.get(idx).map_or("", |f| f.text.as_str()),
        }
    }

    /// All citations of the brief, in document order.
    pub fn citations(&self) -> impl Iterator<Item = &Citation> {
        self.sentences.iter().flat_map(|s| s.citations.iter())
    }

    /// The innermost section containing `offset`.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        let idx = self.sections.partition_point(|s| s.span.start <= offset);
        idx.checked_sub(1)
    }
}

/// A file read on the brief's behalf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedFile {
    /// The path as written in the brief.
    pub path: String,
    /// The path it was read from.
    pub resolved: std::path::PathBuf,
    /// Its text.
    pub text: String,
}

/// What role a section plays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SectionRole {
    /// Ordinary content.
    #[default]
    Body,
    /// The summary (Summary, Executive Summary, Key Findings).
    Summary,
    /// The recommendations.
    Recommendations,
    /// Sources, references, notes or bibliography.
    Bibliography,
}

/// A heading and the content under it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Section {
    /// 1 to 6.
    pub level: u8,
    /// The heading's plain text.
    pub text: String,
    /// The anchor id: `{#id}` when given, else a GitHub-style slug, unique in the brief.
    pub id: String,
    /// Whether `id` was written with `{#id}`.
    pub explicit_id: bool,
    /// Classes from `{.class}`.
    pub classes: Vec<String>,
    /// The heading line.
    pub span: Span,
    /// The heading's text.
    pub text_span: Span,
    /// From the heading to the next heading of the same or a higher level.
    pub extent: Span,
    /// The enclosing section.
    pub parent: Option<usize>,
    /// Its role.
    pub role: SectionRole,
}

/// The kind of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph.
    Paragraph,
    /// A heading.
    Heading,
    /// A list.
    List,
    /// A list item.
    Item,
    /// A block quotation.
    BlockQuote,
    /// A fenced or indented code block.
    Code,
    /// Raw HTML (including comments).
    Html,
    /// A table.
    Table,
    /// A footnote definition.
    FootnoteDefinition,
    /// A thematic break.
    Rule,
    /// Anything else (definition lists, math).
    Other,
}

/// A block of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Its kind.
    pub kind: BlockKind,
    /// Where it is.
    pub span: Span,
    /// How many containers enclose it.
    pub depth: usize,
    /// The section it is in.
    pub section: Option<usize>,
}

/// Where a run of text sits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextContext {
    /// In a block quotation.
    pub blockquote: bool,
    /// In a list item.
    pub list_item: bool,
    /// In a table cell.
    pub table: Option<usize>,
    /// In a footnote definition.
    pub footnote: Option<usize>,
    /// A table's or figure's caption (or credit line).
    pub caption: bool,
    /// In a section that lists sources or notes.
    pub bibliography: bool,
    /// In the summary section.
    pub summary: bool,
    /// In the recommendations section.
    pub recommendations: bool,
    /// A recommendation field (`**Cost:** ...`).
    pub field: bool,
}

/// A run of inline text: a paragraph, the text of a list item, a table cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Where it is.
    pub span: Span,
    /// The plain text (inline markup removed, line breaks as spaces).
    pub text: String,
    /// Maps text offsets back to the file.
    pub map: TextMap,
    /// The section it is in.
    pub section: Option<usize>,
    /// Where it sits.
    pub context: TextContext,
    /// Its sentences, as a range of [`Document::sentences`].
    pub sentences: std::ops::Range<usize>,
    /// Bold runs, as text ranges.
    pub strong: Vec<std::ops::Range<usize>>,
    /// Inline code, as text ranges.
    pub code: Vec<std::ops::Range<usize>>,
    /// The block it belongs to.
    pub block: usize,
}

/// A sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Where it is in the file.
    pub span: Span,
    /// Its plain text.
    pub text: String,
    /// The paragraph it belongs to.
    pub paragraph: usize,
    /// Where the text starts in the paragraph's text.
    pub text_offset: usize,
    /// The section it is in.
    pub section: Option<usize>,
    /// Where it sits.
    pub context: TextContext,
    /// Citations in it.
    pub citations: Vec<Citation>,
    /// Indexes into [`Document::footnote_refs`].
    pub footnotes: Vec<usize>,
    /// Indexes into [`Document::links`].
    pub links: Vec<usize>,
    /// Quotations in it.
    pub quotations: Vec<Quotation>,
    /// Words in it, not counting bracketed citation groups.
    pub words: usize,
}

impl Sentence {
    /// Whether the sentence carries a citation, a footnote reference or (when `links` is true)
    /// a link to an `http(s)` URL.
    pub fn is_sourced(&self, doc: &Document, links: bool) -> bool {
        !self.citations.is_empty()
            || !self.footnotes.is_empty()
            || (links
                && self
                    .links
                    .iter()
                    .any(|&idx| doc.links.get(idx).is_some_and(Link::is_web)))
    }
}

/// Maps offsets in a paragraph's plain text to bytes of the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextMap {
    segments: Vec<Segment>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    text_start: usize,
    text_len: usize,
    src: Span,
    /// Whether each text byte sits at the same distance in the file.
    linear: bool,
}

impl TextMap {
    /// Records that `text_len` bytes of text starting at `text_start` come from `src`.
    pub fn push(&mut self, text_start: usize, text_len: usize, src: Span, linear: bool) {
        self.segments.push(Segment {
            text_start,
            text_len,
            src,
            linear: linear && text_len == src.len(),
        });
    }

    /// The file offset of text offset `offset`, for the start of a range.
    pub fn start(&self, offset: usize) -> usize {
        let idx = self
            .segments
            .partition_point(|s| s.text_start + s.text_len <= offset);
        match self.segments.get(idx) {
            Some(seg) if seg.linear => seg.src.start + offset.saturating_sub(seg.text_start),
            Some(seg) => seg.src.start,
            None => self.segments.last().map_or(0, |s| s.src.end),
        }
    }

    /// The file offset of text offset `offset`, for the end of a range.
    pub fn end(&self, offset: usize) -> usize {
        let idx = self.segments.partition_point(|s| s.text_start < offset);
        match idx.checked_sub(1).and_then(|i| self.segments.get(i)) {
            Some(seg) if seg.linear => seg.src.start + (offset - seg.text_start).min(seg.text_len),
            Some(seg) => seg.src.end,
            None => self.segments.first().map_or(0, |s| s.src.start),
        }
    }

    /// The file span of a text range.
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        let start = self.start(range.start);
        let end = self.end(range.end).max(start);
        Span::new(start, end)
    }

    /// The text offset of a file offset, if that byte is text.
    pub fn text_offset(&self, file_offset: usize) -> Option<usize> {
        self.segments
            .iter()
            .find(|s| s.src.start <= file_offset && file_offset < s.src.end)
            .map(|s| {
                if s.linear {
                    s.text_start + (file_offset - s.src.start)
                } else {
                    s.text_start
                }
            })
    }
}

/// A citation of a source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// The source's key.
    pub key: String,
    /// Text before the key inside the brackets ("see").
    pub prefix: Option<String>,
    /// The locator and suffix after the key ("p. 4").
    pub locator: Option<String>,
    /// `[-@key]`: cite without repeating the author.
    pub suppress_author: bool,
    /// `@key` in running text, outside brackets.
    pub narrative: bool,
    /// The whole citation item (for a bracketed group, this item only).
    pub span: Span,
    /// The key itself.
    pub key_span: Span,
    /// The whole bracketed group this item belongs to.
    pub group_span: Span,
}

/// A footnote definition (`[^label]: ...`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FootnoteDef {
    /// Its label.
    pub label: String,
    /// The whole definition.
    pub span: Span,
    /// The `[^label]:` marker.
    pub label_span: Span,
    /// Its plain text.
    pub text: String,
    /// URLs in it (links and bare URLs), with their spans.
    pub urls: Vec<(String, Span)>,
}

/// A footnote reference (`[^label]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FootnoteRef {
    /// The label.
    pub label: String,
    /// Where it is.
    pub span: Span,
}

/// An inline link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The destination.
    pub url: String,
    /// The link text.
    pub text: String,
    /// The whole link.
    pub span: Span,
    /// Whether it is an autolink (`<https://...>`).
    pub autolink: bool,
}

impl Link {
    /// Whether the destination is an `http(s)` URL.
    pub fn is_web(&self) -> bool {
        let lower = self.url.to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    }
}

/// An image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    /// The path or URL.
    pub src: String,
    /// The alt text.
    pub alt: String,
    /// The title attribute.
    pub title: Option<String>,
    /// Where it is.
    pub span: Span,
    /// Whether it stands alone in its paragraph (a figure).
    pub figure: bool,
    /// The caption paragraph or credit line after it, if any.
    pub credit: Option<String>,
}

/// A table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Where it is.
    pub span: Span,
    /// Its caption: a paragraph right before or after it starting with `Table` and a number,
    /// or with `:` (Pandoc's caption syntax).
    pub caption: Option<usize>,
    /// The header cells' text.
    pub header: Vec<String>,
    /// Body rows.
    pub rows: usize,
}

/// The kind of a quotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    /// `"..."`.
    Straight,
    /// `“...”` or `«...»`.
    Curly,
    /// A sentence of a block quotation (not its attribution line), without its citations.
    Block,
}

/// A quotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// The quoted words.
    pub text: String,
    /// The quotation with its marks.
    pub span: Span,
    /// The kind.
    pub kind: QuoteKind,
    /// Words in it.
    pub words: usize,
}

/// A recommendation field (`**Actor:** ...`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The name as written ("Actor").
    pub name: String,
    /// The value.
    pub value: String,
    /// The whole field.
    pub span: Span,
}

/// How a recommendation was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecommendationForm {
    /// A `###` heading with fields and a rationale.
    Heading,
    /// An item of a list, with a bold lead or first sentence as the action.
    ListItem,
}

/// A recommendation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recommendation {
    /// `rec-1`, `rec-2`...
    pub id: String,
    /// The action.
    pub action: String,
    /// Where the action is.
    pub action_span: Span,
    /// Who should act: the Actor field, else the subject of "X should ...".
    pub actor: Option<String>,
    /// Whether the actor came from an Actor field.
    pub actor_from_field: bool,
    /// The fields, in order.
    pub fields: Vec<Field>,
    /// The rationale, when there is one.
    pub rationale_span: Option<Span>,
    /// Citation keys and footnote labels in the rationale.
    pub evidence: Vec<String>,
    /// The whole recommendation.
    pub span: Span,
    /// How it was written.
    pub form: RecommendationForm,
}

impl Recommendation {
    /// The value of a field, by name (case-insensitive).
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .map(|f| f.value.as_str())
    }
}

/// The summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Its text.
    pub text: String,
    /// Where it is: the `summary` value or the section.
    pub span: Span,
    /// Whether it came from the `summary` key.
    pub from_frontmatter: bool,
    /// Its words.
    pub words: usize,
}

/// The kind of a suppression comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuppressionKind {
    /// `brief-ignore`: the next block or frontmatter entry.
    Ignore,
    /// `brief-disable` ... `brief-enable`: a region.
    Disable,
}

/// A suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// Its kind.
    pub kind: SuppressionKind,
    /// Rule codes, categories or `all`, as written.
    pub rules: Vec<String>,
    /// The reason given after `:`.
    pub reason: Option<String>,
    /// The comment.
    pub span: Span,
    /// What it silences.
    pub applies_to: Span,
    /// Whether it is a YAML comment in the frontmatter.
    pub in_frontmatter: bool,
}

impl Suppression {
    /// Whether this suppression names `code` (directly, by category or with `all`).
    pub fn covers_code(&self, code: &str) -> bool {
        self.rules.iter().any(|rule| {
            rule == "all"
                || rule == code
                || code
                    .split_once('/')
                    .is_some_and(|(category, _)| category == rule)
        })
    }
}

/// Counts words: whitespace-separated tokens with a letter or digit.
pub fn count_words(text: &str) -> usize {
    // A word is counted at its first letter or digit. The text is read in blocks of 64 bytes,
    // each classified into bit masks of letters and digits (`alnum`) and of whitespace (`space`),
    // eight bytes at a time; a character outside ASCII is classified at its first byte, its other
    // bytes being neither. Then a letter or digit counts unless, since the last whitespace, there
    // was one already.
    let bytes = text.as_bytes();
    let mut count = 0;
    // Whether a letter or digit came since the last whitespace.
    let mut in_word = 0u64;
    for (block, chunk) in bytes.chunks(64).enumerate() {
        let (mut alnum, mut space, mut decode) = (0u64, 0u64, 0u64);
        for (k, eight) in chunk.chunks(8).enumerate() {
            let word = match <[u8; 8]>::try_from(eight) {
                Ok(word) => word,
                Err(_) => {
                    let mut word = [0u8; 8];
                    word[..eight.len()].copy_from_slice(eight);
                    word
                }
            };
            let (a, s, d) = classify(u64::from_le_bytes(word));
            alnum |= a << (8 * k);
            space |= s << (8 * k);
            decode |= d << (8 * k);
        }
        while decode != 0 {
            let k = decode.trailing_zeros() as usize;
            decode &= decode - 1;
            let c = text[block * 64 + k..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                alnum |= 1 << k;
            } else if c.is_whitespace() {
                space |= 1 << k;
            }
        }
        let used = if chunk.len() == 64 {
            u64::MAX
        } else {
            (1u64 << chunk.len()) - 1
        };
        // Bytes that are neither keep the state of the byte before them: those after a letter
        // or digit (or after one in an earlier block) are inside a word. Adding a run's first bit
        // to the run carries through it, so the run's bits are those that changed.
        let other = !(alnum | space) & used;
        let seeds = ((alnum << 1) | in_word) & other;
        let carried = (other.wrapping_add(seeds) ^ other) & other;
        let inside = alnum | carried;
        let before = (inside << 1) | in_word;
        count += (alnum & !before).count_ones() as usize;
        in_word = (inside >> (chunk.len() - 1)) & 1;
    }
    count
}

/// For eight bytes (little-endian), masks of eight bits: the ASCII letters and digits, the ASCII
/// whitespace, and the bytes that start a character outside ASCII.
fn classify(x: u64) -> (u64, u64, u64) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each ASCII byte strictly between `m` and `n`.
    let between = |x: u64, m: u64, n: u64| {
        (ONES * (127 + n)).wrapping_sub(x) & !x & x.wrapping_add(ONES * (127 - m)) & HIGH
    };
    // The high bit of each byte, gathered into the low eight bits.
    let gather = |v: u64| ((v >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
    // Bytes outside ASCII are cleared so that no carry crosses a byte.
    let ascii = x & !HIGH;
    let letters = between(ascii | (ONES * 0x20), 0x60, 0x7B);
    let digits = between(ascii, 0x2F, 0x3A);
    let space = between(ascii, 0x08, 0x0E) | between(ascii, 0x1F, 0x21);
    let outside = x & HIGH;
    let starts = x & (x << 1) & HIGH;
    (
        gather((letters | digits) & !outside),
        gather(space & !outside),
        gather(starts),
    )
}

#[cfg(test)]
mod tests {
    use super::count_words;

    /// What `count_words` counts, written plainly.
    fn reference(text: &str) -> usize {
        text.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }

    #[test]
    fn words_are_counted_alike_in_ascii_and_in_other_scripts() {
        for text in [
            "",
            "   ",
            "one",
            "Prices rose 12% in 2024 - and again.",
            " lead\tand\ntrail\r\n \x0b\x0cvertical ",
            "— -- ... 42 ( ) x",
            "Ереван и Баку — 2025",
            "non\u{a0}breaking space",
            "“Quoted,” she said — twice…\u{2003}em\u{3000}ideographic\u{85}next",
            "\u{1680}ogham space and \u{200b}zero width",
        ] {
            assert_eq!(count_words(text), reference(text), "{text:?}");
        }
        assert_eq!(count_words("Prices rose 12% in 2024 - and again."), 7);
    }

    #[test]
    fn words_are_counted_alike_across_blocks() {
        // Pieces whose mix puts every kind of character at every position of a 64-byte block.
        let pieces = [
            "a", "Z", "7", " ", "\t", "\n", "-", "(", "%", "é", "—", "“", "”", "\u{a0}",
            "\u{2003}", "Ж", "𝔸", "\u{200b}", "...", "  ",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..2_000 {
            let mut text = String::new();
            let len = (state >> 58) as usize * 4;
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            assert_eq!(count_words(&text), reference(&text), "{text:?}");
        }
    }
}
