//! Writing Typst source that keeps a brief's text as text.
//!
//! Nothing from a brief is ever written as Typst markup: every run of text becomes a string
//! literal (`#"..."`) inside markup, so `#`, `$`, `@`, `<`, `*`, `_`, `` ` ``, `\`, `[`, `]` and
//! `=` in a brief print as themselves. Straight quotes become `#smartquote()` elements so Typst
//! typesets them as the curly quotes of the brief's language.

use std::fmt::Write;

/// The first character of the private-use range marking a citation placeholder.
pub(crate) const PLACEHOLDER_START: char = '\u{E000}';
/// Closes a citation placeholder.
pub(crate) const PLACEHOLDER_END: char = '\u{E001}';

/// Appends `text` as a Typst string literal, quotes included.
pub(crate) fn push_str_literal(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Control characters and the private-use area are written as escapes, so that a
            // raw private-use character in the output is always one of our placeholders.
            c if c.is_control() || ('\u{E000}'..='\u{F8FF}').contains(&c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `text` as a Typst string literal.
pub(crate) fn str_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_str_literal(&mut out, text);
    out
}

/// `text` as Typst markup for a content block: string literals and smart quotes.
pub(crate) fn text_markup(text: &str) -> String {
    let mut markup = Markup::default();
    markup.text(text);
    markup.finish()
}

/// `text` as a Typst content block (`[...]`).
pub(crate) fn content(text: &str) -> String {
    format!("[{}]", text_markup(text))
}

/// An optional text as a content block or `none`.
pub(crate) fn content_or_none(text: Option<&str>) -> String {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => content(text),
        None => "none".to_owned(),
    }
}

/// An optional text as a string literal or `none`.
pub(crate) fn str_or_none(text: Option<&str>) -> String {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => str_literal(text),
        None => "none".to_owned(),
    }
}

/// The code that opens a link to an external address (`#link("...")[`), or `None` for an
/// empty address or one that would run code or embed data (`javascript:`, `data:`).
pub(crate) fn link_open(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if url.is_empty() || lower.starts_with("javascript:") || lower.starts_with("data:") {
        return None;
    }
    Some(format!("#link({})[", str_literal(url)))
}

/// Typst markup under construction: text is buffered and written as string literals when code
/// follows, so a paragraph's text becomes a few literals rather than one per event.
#[derive(Debug, Default)]
pub(crate) struct Markup {
    out: String,
    pending: String,
}

impl Markup {
    /// Adds text.
    pub(crate) fn text(&mut self, text: &str) {
        self.pending.push_str(text);
    }

    /// Adds Typst code, such as `#emph[`, written as is.
    pub(crate) fn code(&mut self, code: &str) {
        self.flush();
        self.out.push_str(code);
    }

    /// Ends a block: a paragraph break.
    pub(crate) fn parbreak(&mut self) {
        self.flush();
        let trimmed = self.out.trim_end_matches([' ', '\n']).len();
        self.out.truncate(trimmed);
        if !self.out.is_empty() && !self.out.ends_with('[') {
            self.out.push_str("\n\n");
        }
    }

    /// Drops whitespace at the end of the buffered text (before a note mark).
    pub(crate) fn trim_trailing_space(&mut self) {
        let trimmed = self.pending.trim_end().len();
        self.pending.truncate(trimmed);
    }

    /// The markup.
    pub(crate) fn finish(mut self) -> String {
        self.flush();
        let trimmed = self.out.trim_end_matches([' ', '\n']).len();
        self.out.truncate(trimmed);
        self.out
    }

    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.pending);
        let mut start = 0;
        for (idx, c) in text.char_indices() {
            let quote = match c {
                '"' => "#smartquote(double: true)",
                '\'' => "#smartquote(double: false)",
                _ => continue,
            };
            if start < idx {
                self.out.push('#');
                push_str_literal(&mut self.out, &text[start..idx]);
            }
            self.out.push_str(quote);
            start = idx + c.len_utf8();
        }
        if start < text.len() {
            self.out.push('#');
            push_str_literal(&mut self.out, &text[start..]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_quotes_backslashes_and_private_use() {
        assert_eq!(str_literal(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(str_literal("x\u{E000}y\n"), "\"x\\u{e000}y\\n\"");
    }

    #[test]
    fn text_becomes_literals_and_smart_quotes() {
        assert_eq!(
            text_markup("Europe's \"#set\""),
            "#\"Europe\"#smartquote(double: false)#\"s \"#smartquote(double: true)#\"#set\"#smartquote(double: true)"
        );
    }
}
