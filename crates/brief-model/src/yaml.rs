//! YAML frontmatter to a JSON value, with the byte span of every key and value.
//!
//! The YAML is read as an event stream (saphyr-parser) and built into a `serde_json::Value`
//! directly, so that schema validation and the typed read share one tree and every error can be
//! traced back, through its JSON pointer, to a line of the brief. Anchors and aliases are refused
//! as soon as they appear: no alias is ever expanded, which is also the defence against alias bombs.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};
use serde_json::{Map, Number, Value};

use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;

/// Containers nested deeper than this are refused: real frontmatter never needs it, and a
/// shallow tree keeps every later recursive walk (validation, serialization, drop) safe.
const MAX_DEPTH: usize = 64;

/// Where a value (and its key, inside a mapping) sits in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodePosition {
    /// The key, for a mapping entry.
    pub key: Option<Span>,
    /// The value.
    pub value: Span,
}

impl NodePosition {
    /// The key and its value together, or the value alone for a list item.
    pub fn entry(&self) -> Span {
        match self.key {
            Some(key) => key.cover(self.value),
            None => self.value,
        }
    }
}

/// The positions of every value in a YAML tree, by JSON pointer (`/authors/1/name`).
#[derive(Clone, Debug, Default)]
pub struct Positions {
    by_pointer: HashMap<String, NodePosition>,
}

impl Positions {
    /// The position of the value at `pointer`; `""` is the whole frontmatter.
    pub fn get(&self, pointer: &str) -> Option<NodePosition> {
        self.by_pointer.get(pointer).copied()
    }

    /// The position of the value at `pointer`, or of its nearest ancestor that has one.
    pub fn nearest(&self, pointer: &str) -> Option<NodePosition> {
        let mut pointer = pointer;
        loop {
            if let Some(pos) = self.get(pointer) {
                return Some(pos);
            }
            let (parent, _) = pointer.rsplit_once('/')?;
            pointer = parent;
        }
    }

    /// Records the position of the value at `pointer`.
    pub(crate) fn insert(&mut self, pointer: String, position: NodePosition) {
        self.by_pointer.insert(pointer, position);
    }

    /// Every pointer with its position, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, NodePosition)> {
        self.by_pointer.iter().map(|(k, v)| (k.as_str(), *v))
    }
}

/// The result of reading a YAML block.
pub(crate) struct YamlTree {
    /// The value, when the YAML could be read.
    pub(crate) value: Option<Value>,
    pub(crate) positions: Positions,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

enum Frame {
    Map {
        map: Map<String, Value>,
        pointer: String,
        start: usize,
        end: usize,
        key: Option<(String, Span)>,
    },
    Seq {
        items: Vec<Value>,
        pointer: String,
        start: usize,
        end: usize,
    },
}

/// Reads `text` (the lines between the `---` fences), which starts at byte `base` of the file.
pub(crate) fn read(text: &str, base: usize) -> YamlTree {
    let to_byte = CharToByte::new(text);
    let span_of = |span: saphyr_parser::Span| {
        Span::new(
            base + to_byte.byte(span.start.index()),
            base + to_byte.byte(span.end.index()),
        )
    };
    let mut tree = YamlTree {
        value: None,
        positions: Positions::default(),
        diagnostics: Vec::new(),
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Value> = None;
    let mut documents = 0;

    for event in Parser::new_from_str(text) {
        let (event, span) = match event {
            Ok(ok) => ok,
            Err(err) => {
                tree.diagnostics
                    .push(scan_error(&err, text, base, &to_byte));
                return tree;
            }
        };
        let span = span_of(span);
        match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => {}
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    tree.diagnostics.push(
                        Diagnostic::new(
                            "schema/yaml-syntax",
                            Severity::Error,
                            span,
                            "frontmatter holds more than one YAML document",
                        )
                        .with_help("keep one mapping of keys between the `---` lines"),
                    );
                    return tree;
                }
            }
            Event::Alias(_) => {
                tree.diagnostics
                    .push(alias_diagnostic(marker_span(text, base, span), "an alias"));
                return tree;
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 {
                    tree.diagnostics
                        .push(alias_diagnostic(marker_span(text, base, span), "an anchor"));
                    return tree;
                }
                let is_str_tag = tag.as_ref().is_some_and(|t| t.suffix == "str");
                let json = if style == ScalarStyle::Plain && !is_str_tag {
                    resolve_plain(&value)
                } else {
                    Value::String(value.into_owned())
                };
                if !attach(&mut stack, &mut root, &mut tree, json, span) {
                    return tree;
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if anchor != 0 {
                    tree.diagnostics
                        .push(alias_diagnostic(marker_span(text, base, span), "an anchor"));
                    return tree;
                }
                if stack.len() >= MAX_DEPTH {
                    tree.diagnostics.push(Diagnostic::new(
                        "schema/yaml-syntax",
                        Severity::Error,
                        span,
                        format!("frontmatter is nested more than {MAX_DEPTH} levels deep"),
                    ));
                    return tree;
                }
                let pointer = child_pointer(&stack);
                // A mapping used as a key is not something a brief needs; refuse it cleanly.
                if matches!(stack.last(), Some(Frame::Map { key: None, .. })) {
                    tree.diagnostics.push(
                        Diagnostic::new(
                            "schema/yaml-syntax",
                            Severity::Error,
                            span,
                            "a mapping key must be text",
                        )
                        .with_help("write keys as plain words, such as `title:`"),
                    );
                    return tree;
                }
                let frame = if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq {
                        items: Vec::new(),
                        pointer,
                        start: span.start,
                        end: span.end,
                    }
                } else {
                    Frame::Map {
                        map: Map::new(),
                        pointer,
                        start: span.start,
                        end: span.end,
                        key: None,
                    }
                };
                stack.push(frame);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = stack.pop() else { continue };
                let (value, start, end) = match frame {
                    Frame::Map {
                        map, start, end, ..
                    } => (Value::Object(map), start, end),
                    Frame::Seq {
                        items, start, end, ..
                    } => (Value::Array(items), start, end),
                };
                // Flow collections end at their closing bracket; block ones at their last child.
                let end = if text_at(text, base, span).starts_with([']', '}']) {
                    span.end
                } else {
                    end
                };
                if !attach(
                    &mut stack,
                    &mut root,
                    &mut tree,
                    value,
                    Span::new(start, end),
                ) {
                    return tree;
                }
            }
        }
    }
    tree.value = Some(root.unwrap_or(Value::Null));
    tree
}

fn text_at(text: &str, base: usize, span: Span) -> &str {
    text.get(span.start.saturating_sub(base)..).unwrap_or("")
}

/// The `&name` or `*name` token at the start of `span`, or `span` itself when it does not start
/// with one.
fn marker_span(text: &str, base: usize, span: Span) -> Span {
    let rest = text_at(text, base, span);
    if !rest.starts_with(['&', '*']) {
        return span;
    }
    let len = rest
        .find(|c: char| c.is_whitespace() || ",[]{}".contains(c))
        .unwrap_or(rest.len());
    Span::new(span.start, span.start + len)
}

fn alias_diagnostic(span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(
        "schema/yaml-alias",
        Severity::Error,
        span,
        format!("frontmatter uses {what}, which briefs do not allow"),
    )
    .with_help("write the value out in full instead of using `&anchor` and `*alias`")
}

fn child_pointer(stack: &[Frame]) -> String {
    match stack.last() {
        None => String::new(),
        Some(Frame::Map { pointer, key, .. }) => match key {
            Some((key, _)) => format!("{pointer}/{}", escape_pointer(key)),
            None => pointer.clone(),
        },
        Some(Frame::Seq { pointer, items, .. }) => format!("{pointer}/{}", items.len()),
    }
}

/// Escapes a key for a JSON pointer.
pub(crate) fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Adds a finished value to its parent. Returns false when reading must stop.
fn attach(
    stack: &mut [Frame],
    root: &mut Option<Value>,
    tree: &mut YamlTree,
    value: Value,
    span: Span,
) -> bool {
    let pointer = child_pointer(stack);
    match stack.last_mut() {
        None => {
            tree.positions.by_pointer.insert(
                String::new(),
                NodePosition {
                    key: None,
                    value: span,
                },
            );
            *root = Some(value);
        }
        Some(Frame::Map { map, key, end, .. }) => match key.take() {
            None => {
                let key_text = match value {
                    Value::String(text) => text,
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    Value::Null => String::new(),
                    _ => {
                        tree.diagnostics.push(Diagnostic::new(
                            "schema/yaml-syntax",
                            Severity::Error,
                            span,
                            "a mapping key must be text",
                        ));
                        return false;
                    }
                };
                *key = Some((key_text, span));
            }
            Some((key_text, key_span)) => {
                if map.contains_key(&key_text) {
                    let first = tree.positions.get(&pointer).map(|p| p.entry());
                    let mut diag = Diagnostic::new(
                        "schema/duplicate-key",
                        Severity::Error,
                        key_span,
                        format!("key `{key_text}` appears twice"),
                    )
                    .with_help("keep one of the two entries; YAML keeps only the last");
                    if let Some(first) = first {
                        diag = diag.with_related(first, "first defined here");
                    }
                    tree.diagnostics.push(diag);
                }
                tree.positions.by_pointer.insert(
                    pointer,
                    NodePosition {
                        key: Some(key_span),
                        value: span,
                    },
                );
                *end = span.end;
                map.insert(key_text, value);
            }
        },
        Some(Frame::Seq { items, end, .. }) => {
            tree.positions.by_pointer.insert(
                pointer,
                NodePosition {
                    key: None,
                    value: span,
                },
            );
            *end = span.end;
            items.push(value);
        }
    }
    true
}

/// Resolves a plain scalar by the YAML 1.2 core schema: null, booleans, integers and floats;
/// everything else (dates included) is text.
fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let bytes = text.as_bytes();
    let digits = bytes
        .strip_prefix(b"-")
        .or(bytes.strip_prefix(b"+"))
        .unwrap_or(bytes);
    if !digits.is_empty()
        && digits.iter().all(u8::is_ascii_digit)
        && let Ok(n) = text.parse::<i64>()
    {
        return Value::Number(n.into());
    }
    if let Some(hex) = text.strip_prefix("0x")
        && let Ok(n) = i64::from_str_radix(hex, 16)
    {
        return Value::Number(n.into());
    }
    if let Some(oct) = text.strip_prefix("0o")
        && let Ok(n) = i64::from_str_radix(oct, 8)
    {
        return Value::Number(n.into());
    }
    if is_core_float(text)
        && let Some(n) = text.parse::<f64>().ok().and_then(Number::from_f64)
    {
        return Value::Number(n);
    }
    Value::String(text.to_owned())
}

fn is_core_float(text: &str) -> bool {
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let s = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(idx) => (&s[..idx], Some(&s[idx + 1..])),
        None => (s, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            (int.is_empty() && !frac.is_empty() || !int.is_empty())
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => !mantissa.is_empty() && mantissa.bytes().all(|b| b.is_ascii_digit()),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    mantissa_ok && exponent_ok && (mantissa.contains('.') || exponent.is_some())
}

fn scan_error(err: &ScanError, text: &str, base: usize, to_byte: &CharToByte) -> Diagnostic {
    let start = to_byte.byte(err.marker().index());
    let end = text[start..]
        .chars()
        .next()
        .filter(|c| *c != '\n' && *c != '\r')
        .map_or(start, |c| start + c.len_utf8());
    Diagnostic::new(
        "schema/yaml-syntax",
        Severity::Error,
        Span::new(base + start, base + end),
        format!("invalid YAML: {}", err.info()),
    )
    .with_help(
        "check the indentation and quoting of this line; a value with `: ` or `#` needs quotes",
    )
}

/// Converts saphyr's character indexes to byte offsets.
struct CharToByte {
    /// Byte offset of each character, when the text is not ASCII.
    offsets: Option<Vec<usize>>,
    len: usize,
}

impl CharToByte {
    fn new(text: &str) -> CharToByte {
        let offsets = if text.is_ascii() {
            None
        } else {
            Some(text.char_indices().map(|(idx, _)| idx).collect())
        };
        CharToByte {
            offsets,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.offsets {
            None => char_index.min(self.len),
            Some(offsets) => offsets.get(char_index).copied().unwrap_or(self.len),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_values_with_positions() {
        let text =
            "title: Hello\nauthors:\n  - name: Անի\n    suffix: \"Jr.\"\nyear: 2024\nok: true\n";
        let tree = read(text, 4);
        assert!(tree.diagnostics.is_empty(), "{:?}", tree.diagnostics);
        let value = tree.value.unwrap();
        assert_eq!(value["title"], "Hello");
        assert_eq!(value["authors"][0]["name"], "Անի");
        assert_eq!(value["year"], 2024);
        assert_eq!(value["ok"], true);
        let name = tree.positions.get("/authors/0/name").unwrap();
        assert_eq!(&text[name.value.start - 4..name.value.end - 4], "Անի");
        let suffix = tree.positions.get("/authors/0/suffix").unwrap();
        assert_eq!(
            &text[suffix.key.unwrap().start - 4..suffix.key.unwrap().end - 4],
            "suffix"
        );
    }

    #[test]
    fn dates_stay_text_and_floats_parse() {
        let tree = read("date: 2024-05-01\nv: 2.5\nw: .5\nx: 1e3\ny: 1.2.3\n", 0);
        let value = tree.value.unwrap();
        assert_eq!(value["date"], "2024-05-01");
        assert_eq!(value["v"], 2.5);
        assert_eq!(value["w"], 0.5);
        assert_eq!(value["x"], 1000.0);
        assert_eq!(value["y"], "1.2.3");
    }

    #[test]
    fn aliases_are_refused() {
        let tree = read("a: &x [1, 2]\nb: *x\n", 0);
        assert!(tree.value.is_none());
        assert_eq!(tree.diagnostics[0].code, "schema/yaml-alias");
    }

    #[test]
    fn syntax_errors_point_into_the_text() {
        let tree = read("title: \"unterminated\nx: 1\n", 10);
        assert_eq!(tree.diagnostics[0].code, "schema/yaml-syntax");
        assert!(tree.diagnostics[0].span.start >= 10);
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let tree = read("title: a\ntitle: b\n", 0);
        assert_eq!(tree.diagnostics[0].code, "schema/duplicate-key");
    }
}
