//! Where the cursor is in the frontmatter, read from the text's indentation.
//!
//! Completion runs while the author types, when the YAML is often incomplete and the model's
//! positions are missing; so the JSON pointer of the mapping under the cursor is worked out
//! from the lines above it, the way a reader would: the nearest less indented `key:` line is
//! the parent, and a `- ` opens a list item. Array indexes are written as `0`, which is all
//! [`brief_model::schema::subschema_at`] needs.

use brief_model::Span;

use crate::position::LineIndex;

/// What the cursor is on in the frontmatter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum YamlContext {
    /// Typing a key of the mapping at `parent`.
    Key {
        /// The JSON pointer of the mapping.
        parent: String,
        /// The word being typed, to be replaced.
        word: Span,
        /// Keys already written in that mapping (the one being typed left out).
        siblings: Vec<String>,
        /// Whether a `:` already follows on the line.
        has_colon: bool,
    },
    /// Typing the value of the key at `pointer`.
    Value {
        /// The JSON pointer of the value.
        pointer: String,
        /// The word being typed, to be replaced.
        word: Span,
    },
}

/// The shape of a line: its indentation, the columns of its `- ` markers, and where its content
/// (a key, a value) starts.
struct Shape<'a> {
    dashes: Vec<usize>,
    key_col: usize,
    content: &'a str,
}

fn shape(line: &str) -> Shape<'_> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let mut col = indent;
    let mut rest = &line[indent..];
    let mut dashes = Vec::new();
    while rest == "-" || rest.starts_with("- ") {
        dashes.push(col);
        let after = &rest[1..];
        let spaces = after.len() - after.trim_start_matches(' ').len();
        col += 1 + spaces;
        rest = &after[spaces..];
    }
    Shape {
        dashes,
        key_col: col,
        content: rest,
    }
}

fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// `key: rest` at the start of `content`: the key and what follows the colon.
fn split_key(content: &str) -> Option<(&str, &str)> {
    let colon = content.find(':')?;
    let key = content[..colon].trim().trim_matches(['"', '\'']);
    let rest = &content[colon + 1..];
    if key.is_empty() || key.starts_with('#') || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key, rest))
}

fn is_skippable(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.is_empty() || trimmed.starts_with('#')
}

/// The context at byte `offset`, when it lies on a frontmatter line (lines `first..end`).
pub(crate) fn context(
    text: &str,
    index: &LineIndex,
    lines: std::ops::Range<usize>,
    offset: usize,
) -> Option<YamlContext> {
    let line = index.line_of(offset);
    if !lines.contains(&line) {
        return None;
    }
    let line_span = index.line_span(text, line);
    let offset = offset.clamp(line_span.start, line_span.end);
    let before = text.get(line_span.start..offset)?;
    let after = text.get(offset..line_span.end)?;
    if before.trim_start().starts_with('#') {
        return None;
    }
    let current = shape(before);
    let line_text = |n: usize| index.line_span(text, n).text(text);
    let word_end = offset + after.find(|c: char| !is_key_char(c)).unwrap_or(after.len());

    // The pointer of what this line's content belongs to, given the segments the line itself
    // adds (innermost first): its `- ` markers are list items, the lines above give the rest.
    let line_pointer = |mut segments: Vec<String>| {
        let (col, allow_equal) = match current.dashes.first() {
            Some(&first) => {
                segments.extend(current.dashes.iter().map(|_| "0".to_owned()));
                (first, true)
            }
            None => (current.key_col, false),
        };
        walk_up(&line_text, lines.start, line, col, allow_equal, segments)
    };
    let has_colon = |end: usize| {
        text.get(end..line_span.end)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    };

    if current.content.chars().all(is_key_char) {
        return Some(YamlContext::Key {
            parent: line_pointer(Vec::new())?,
            word: Span::new(offset - current.content.len(), word_end),
            siblings: siblings(&line_text, lines.clone(), line, &current),
            has_colon: has_colon(word_end),
        });
    }

    // `authors: [{name: Անի, aff|` or `- {name: Անի, aff|`: inside a flow collection.
    let (flow_base, flow_text) = if current.content.starts_with(['{', '[']) {
        (Vec::new(), current.content)
    } else {
        let (key, rest) = split_key(current.content)?;
        (vec![key.to_owned()], rest)
    };
    if let Some(flow) = flow(flow_text) {
        let base = line_pointer(flow_base)?;
        let typed = flow.typed.trim_start();
        let word = Span::new(offset - typed.len(), word_end);
        return match flow.key {
            None if flow.in_mapping && typed.chars().all(is_key_char) => Some(YamlContext::Key {
                parent: format!("{base}{}", flow.path),
                word,
                siblings: flow.siblings,
                has_colon: has_colon(word_end),
            }),
            None if flow.in_mapping => None,
            None => Some(YamlContext::Value {
                pointer: format!("{base}{}/0", flow.path),
                word,
            }),
            Some(key) => Some(YamlContext::Value {
                pointer: format!("{base}{}/{}", flow.path, escape(&key)),
                word,
            }),
        };
    }

    let (key, rest) = split_key(current.content)?;
    let partial = rest.trim_start();
    if rest.is_empty() || partial.contains(char::is_whitespace) || !key.chars().all(is_key_char) {
        return None;
    }
    let pointer = line_pointer(vec![key.to_owned()])?;
    let value_end = offset
        + after
            .find(|c: char| c.is_whitespace() || c == '#')
            .unwrap_or(after.len());
    Some(YamlContext::Value {
        pointer,
        word: Span::new(offset - partial.len(), value_end),
    })
}

/// Where the end of `text` (the rest of a line after `key:`) is inside flow collections.
struct Flow<'a> {
    /// The pointer of the innermost collection, relative to the line's key.
    path: String,
    /// Whether the innermost collection is a mapping (else a sequence).
    in_mapping: bool,
    /// In a mapping, the key whose value is being typed.
    key: Option<String>,
    /// Keys already written in that mapping.
    siblings: Vec<String>,
    /// The text of the current key or value so far.
    typed: &'a str,
}

/// Reads `[`, `{`, `,` and `key:` up to the end of `text`; `None` when the end is not inside a
/// flow collection.
fn flow(text: &str) -> Option<Flow<'_>> {
    struct Frame {
        mapping: bool,
        key: Option<String>,
        keys: Vec<String>,
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut token_start = 0;
    let mut quote = None;
    let bytes = text.as_bytes();
    for (idx, c) in text.char_indices() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '{' | '[' => {
                stack.push(Frame {
                    mapping: c == '{',
                    key: None,
                    keys: Vec::new(),
                });
                token_start = idx + 1;
            }
            '}' | ']' => {
                stack.pop();
                token_start = idx + 1;
            }
            ',' => {
                if let Some(top) = stack.last_mut() {
                    top.key = None;
                }
                token_start = idx + 1;
            }
            ':' if matches!(bytes.get(idx + 1), None | Some(b' ' | b',' | b'{' | b'[')) => {
                if let Some(top) = stack.last_mut().filter(|top| top.mapping) {
                    let key = text[token_start..idx]
                        .trim()
                        .trim_matches(['"', '\''])
                        .to_owned();
                    top.keys.push(key.clone());
                    top.key = Some(key);
                    token_start = idx + 1;
                }
            }
            _ => {}
        }
        if stack.is_empty() && matches!(c, '}' | ']') {
            return None;
        }
    }
    let top = stack.last()?;
    let mut path = String::new();
    for frame in &stack[..stack.len() - 1] {
        path.push('/');
        if frame.mapping {
            path.push_str(&escape(frame.key.as_deref().unwrap_or("")));
        } else {
            path.push('0');
        }
    }
    let typed = &text[token_start.min(text.len())..];
    let mut siblings = top.keys.clone();
    if let Some(key) = &top.key {
        siblings.retain(|k| k != key);
    }
    Some(Flow {
        path,
        in_mapping: top.mapping,
        key: top.key.clone(),
        siblings,
        typed,
    })
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Builds the pointer of the mapping that holds a line whose key (or first `- `) is at `col`,
/// from the lines above it. `segments` holds what is already known, innermost first.
fn walk_up<'a>(
    line_text: &dyn Fn(usize) -> &'a str,
    first: usize,
    line: usize,
    mut col: usize,
    mut allow_equal: bool,
    mut segments: Vec<String>,
) -> Option<String> {
    for prev in (first..line).rev() {
        if col == 0 && !allow_equal {
            break;
        }
        let text = line_text(prev);
        if is_skippable(text) {
            continue;
        }
        let prev_shape = shape(text);
        if !allow_equal && !prev_shape.dashes.is_empty() && prev_shape.key_col == col {
            // A sibling that opens the list item this line continues.
            segments.extend(prev_shape.dashes.iter().map(|_| "0".to_owned()));
            col = prev_shape.dashes[0];
            allow_equal = true;
            continue;
        }
        let parent_col = prev_shape.key_col < col || (allow_equal && prev_shape.key_col <= col);
        if !parent_col {
            continue;
        }
        let Some((key, rest)) = split_key(prev_shape.content) else {
            if prev_shape.key_col < col {
                // A less indented line that is not a key: a continued scalar or flow value.
                return None;
            }
            continue;
        };
        let rest = rest.trim();
        if !rest.is_empty() && !rest.starts_with('#') {
            // `key: value` above a more indented line: the line continues that value.
            return None;
        }
        segments.push(key.to_owned());
        match prev_shape.dashes.first() {
            Some(&dash) => {
                segments.extend(prev_shape.dashes.iter().map(|_| "0".to_owned()));
                col = dash;
                allow_equal = true;
            }
            None => {
                col = prev_shape.key_col;
                allow_equal = false;
            }
        }
    }
    let mut pointer = String::new();
    for segment in segments.iter().rev() {
        pointer.push('/');
        pointer.push_str(&escape(segment));
    }
    Some(pointer)
}

/// The keys written beside the one on `line`, in the same mapping.
fn siblings<'a>(
    line_text: &dyn Fn(usize) -> &'a str,
    lines: std::ops::Range<usize>,
    line: usize,
    current: &Shape<'_>,
) -> Vec<String> {
    let col = current.key_col;
    let mut out = Vec::new();
    let mut push = |content: &str| {
        if let Some((key, _)) = split_key(content) {
            out.push(key.to_owned());
        }
    };
    if current.dashes.is_empty() {
        for prev in (lines.start..line).rev() {
            let text = line_text(prev);
            if is_skippable(text) {
                continue;
            }
            let s = shape(text);
            if s.key_col < col {
                break;
            }
            if s.key_col == col {
                push(s.content);
                if !s.dashes.is_empty() {
                    break;
                }
            }
        }
    }
    for next in line + 1..lines.end {
        let text = line_text(next);
        if is_skippable(text) {
            continue;
        }
        let s = shape(text);
        if s.key_col < col || (!s.dashes.is_empty() && s.dashes[0] < col) {
            break;
        }
        if s.key_col == col && s.dashes.is_empty() {
            push(s.content);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text_with_cursor: &str) -> Option<YamlContext> {
        let offset = text_with_cursor.find('|').unwrap();
        let text = text_with_cursor.replacen('|', "", 1);
        let index = LineIndex::new(&text);
        let lines = index.line_of(text.len()) + 1;
        context(&text, &index, 0..lines, offset)
    }

    fn parent(text: &str) -> String {
        match at(text) {
            Some(YamlContext::Key { parent, .. }) => parent,
            other => panic!("not a key: {other:?}"),
        }
    }

    #[test]
    fn pointers_from_indentation() {
        assert_eq!(parent("title: x\nsta|"), "");
        assert_eq!(parent("sources:\n  - id: a\n    ti|"), "/sources/0");
        assert_eq!(parent("sources:\n- id: a\n  ti|"), "/sources/0");
        assert_eq!(parent("sources:\n  - id: a\n  - |"), "/sources/0");
        assert_eq!(
            parent("sources:\n  - id: a\n    author:\n      fam|"),
            "/sources/0/author"
        );
        assert_eq!(parent("image:\n  # note\n\n  al|"), "/image");
        assert_eq!(at("summary: >-\n  Armenia|"), None);
    }

    #[test]
    fn flow_collections() {
        match at("authors: [{name: Լիլիթ Հովհաննիսյան, pos|}]") {
            Some(YamlContext::Key {
                parent, siblings, ..
            }) => {
                assert_eq!(parent, "/authors/0");
                assert_eq!(siblings, ["name"]);
            }
            other => panic!("{other:?}"),
        }
        match at("sources: [{id: a, type: rep|}]") {
            Some(YamlContext::Value { pointer, .. }) => assert_eq!(pointer, "/sources/0/type"),
            other => panic!("{other:?}"),
        }
        assert_eq!(at("title: \"a {b\" c|"), None);
        match at("authors:\n  - {name: Անի, aff|}") {
            Some(YamlContext::Key { parent, .. }) => assert_eq!(parent, "/authors/0"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn values_and_siblings() {
        assert_eq!(
            at("title: x\ntype: pol|"),
            Some(YamlContext::Value {
                pointer: "/type".to_owned(),
                word: Span::new(15, 18)
            })
        );
        match at("sources:\n  - id: a\n    type: report\n    t|\n    url: u") {
            Some(YamlContext::Key { mut siblings, .. }) => {
                siblings.sort();
                assert_eq!(siblings, ["id", "type", "url"]);
            }
            other => panic!("{other:?}"),
        }
    }
}
