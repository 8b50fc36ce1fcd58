//! Raw HTML in a brief: block fragments go through ammonia, inline tags through a small
//! allow-list that rebuilds each tag from its parsed parts.
//!
//! Only these fragments are ever sanitized. The rest of the output is built from escaped text
//! by the renderer itself, so no pass walks the whole page (a recursive walk over 10,000
//! nested blockquotes would overflow the stack).

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::html::{escape, escape_into, is_safe_url};

/// The most deeply nested tags a raw HTML block may have before it is shown as text instead.
const MAX_FRAGMENT_DEPTH: usize = 200;

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        // Images and other embedded content would make the page fetch from the network;
        // briefs use Markdown images, which are inlined.
        builder.rm_tags(["img"]);
        builder.add_generic_attributes(["id", "lang", "title"]);
        builder.add_tags([
            "figure",
            "figcaption",
            "details",
            "summary",
            "aside",
            "section",
        ]);
        builder.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]));
        builder.link_rel(Some("noopener noreferrer"));
        builder
    })
}

/// A raw HTML block, sanitized. A fragment nested too deeply to parse safely is shown as text.
pub(crate) fn block(fragment: &str) -> String {
    if nesting_depth(fragment) > MAX_FRAGMENT_DEPTH {
        return format!("<pre class=\"raw-html\">{}</pre>", escape(fragment));
    }
    cleaner().clean(fragment).to_string()
}

fn nesting_depth(fragment: &str) -> usize {
    let mut depth: usize = 0;
    let mut max = 0;
    let bytes = fragment.as_bytes();
    for (idx, &b) in bytes.iter().enumerate() {
        if b == b'<' {
            match bytes.get(idx + 1) {
                Some(b'/') => depth = depth.saturating_sub(1),
                Some(c) if c.is_ascii_alphabetic() => {
                    depth += 1;
                    max = max.max(depth);
                }
                _ => {}
            }
        }
    }
    max
}

/// Inline tags a brief may use, with the attributes each keeps.
const INLINE_TAGS: &[(&str, &[&str])] = &[
    ("a", &["href", "title"]),
    ("abbr", &["title"]),
    ("b", &[]),
    ("bdi", &["dir"]),
    ("bdo", &["dir"]),
    ("br", &[]),
    ("cite", &[]),
    ("code", &[]),
    ("del", &[]),
    ("dfn", &["title"]),
    ("em", &[]),
    ("i", &[]),
    ("ins", &[]),
    ("kbd", &[]),
    ("mark", &[]),
    ("q", &[]),
    ("s", &[]),
    ("small", &[]),
    ("span", &["class", "lang", "dir", "title"]),
    ("strong", &[]),
    ("sub", &[]),
    ("sup", &[]),
    ("time", &["datetime"]),
    ("u", &[]),
    ("wbr", &[]),
];

const VOID_TAGS: &[&str] = &["br", "wbr"];

/// Open inline tags, closed at the end of their block so none can leak out of it.
#[derive(Debug, Default)]
pub(crate) struct InlineState {
    open: Vec<&'static str>,
}

impl InlineState {
    /// Writes an inline HTML fragment (one tag, a comment, or text with tags) sanitized.
    pub(crate) fn write(&mut self, out: &mut String, fragment: &str) {
        let mut rest = fragment;
        while !rest.is_empty() {
            let Some(lt) = rest.find('<') else {
                escape_into(out, rest);
                break;
            };
            escape_into(out, &rest[..lt]);
            rest = &rest[lt..];
            if let Some(after) = rest.strip_prefix("<!--") {
                rest = after.find("-->").map_or("", |end| &after[end + 3..]);
                continue;
            }
            let Some(gt) = tag_end(rest) else {
                escape_into(out, rest);
                break;
            };
            let tag = &rest[1..gt];
            rest = &rest[gt + 1..];
            self.write_tag(out, tag);
        }
    }

    fn write_tag(&mut self, out: &mut String, tag: &str) {
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            if let Some(pos) = self.open.iter().rposition(|open| *open == name) {
                // Close what was opened inside it first.
                while self.open.len() > pos {
                    let open = self.open.pop().unwrap_or_default();
                    out.push_str("</");
                    out.push_str(open);
                    out.push('>');
                }
            }
            return;
        }
        let tag = tag.trim_end_matches('/');
        let name_end = tag
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        let Some(&(name, allowed)) = INLINE_TAGS.iter().find(|(n, _)| *n == name) else {
            return;
        };
        out.push('<');
        out.push_str(name);
        for (attr, value) in attributes(&tag[name_end..]) {
            let Some(&attr) = allowed.iter().find(|a| **a == attr) else {
                continue;
            };
            if attr == "href" && !is_safe_url(&value) {
                continue;
            }
            out.push(' ');
            out.push_str(attr);
            out.push_str("=\"");
            escape_into(out, &value);
            out.push('"');
        }
        out.push('>');
        if !VOID_TAGS.contains(&name) {
            self.open.push(name);
        }
    }

    /// Closes every tag still open.
    pub(crate) fn close_all(&mut self, out: &mut String) {
        while let Some(open) = self.open.pop() {
            out.push_str("</");
            out.push_str(open);
            out.push('>');
        }
    }
}

/// The index of the `>` that ends the tag starting at `text[0] == '<'`, outside quotes.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (idx, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(idx),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// `name="value"` pairs, names lowercased, entities in values left as written.
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let inner = &after[1..];
                let end = inner.find(q).unwrap_or(inner.len());
                value = decode_entities(&inner[..end]);
                rest = inner.get(end + 1..).unwrap_or("");
            } else {
                let end = after
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(after.len());
                value = decode_entities(&after[..end]);
                rest = &after[end..];
            }
        }
        if !name.is_empty() {
            out.push((name, value));
        }
        rest = rest.trim_start();
    }
    out
}

/// Decodes the character references a browser would, so `&#106;avascript:` is seen as what it is.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = if let Some(num) = name.strip_prefix('#') {
                if let Some(hex) = num.strip_prefix(['x', 'X']) {
                    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
                } else {
                    num.parse().ok().and_then(char::from_u32)
                }
            } else {
                match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "colon" => Some(':'),
                    "Tab" => Some('\t'),
                    "NewLine" => Some('\n'),
                    _ => None,
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(fragments: &[&str]) -> String {
        let mut state = InlineState::default();
        let mut out = String::new();
        for f in fragments {
            state.write(&mut out, f);
        }
        state.close_all(&mut out);
        out
    }

    #[test]
    fn inline_tags_are_rebuilt() {
        assert_eq!(
            inline(&["<span class=\"x\" onclick=\"alert(1)\">", "</span>"]),
            "<span class=\"x\"></span>"
        );
        assert_eq!(inline(&["<script>"]), "");
        assert_eq!(
            inline(&["<a href=\"jav&#x61;script:alert(1)\">"]),
            "<a></a>"
        );
        assert_eq!(inline(&["<sup>"]), "<sup></sup>");
        assert_eq!(inline(&["</div>"]), "");
        assert_eq!(inline(&["<!-- brief-ignore -->"]), "");
    }

    #[test]
    fn blocks_lose_scripts_and_handlers() {
        let out = block(
            "<div onmouseover=\"x()\"><script>alert(1)</script><a href=\"javascript:x\">y</a><img src=\"https://example.org/t.png\" onerror=\"x()\"></div>",
        );
        assert!(!out.contains("script"), "{out}");
        assert!(!out.contains("onmouseover"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.contains("<img"), "{out}");
    }

    #[test]
    fn deep_fragments_become_text() {
        let deep = "<div>".repeat(1000);
        assert!(block(&deep).starts_with("<pre"));
    }
}
