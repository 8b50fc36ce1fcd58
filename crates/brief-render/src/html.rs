//! Small HTML helpers: escaping, URL checks and data URIs.
//!
//! Everything the renderer writes goes through these functions, so a brief's text can never
//! open a tag, and no placeholder the renderer uses internally can be forged by a brief.

/// Appends `text` escaped for element content and attribute values.
///
/// C0 control characters other than tab, newline and carriage return are dropped: they are not
/// allowed in HTML, and the renderer uses two of them to mark placeholders.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    let mut last = 0;
    for (idx, byte) in text.bytes().enumerate() {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            0..=8 | 11 | 12 | 14..=31 | 127 => "",
            _ => continue,
        };
        out.push_str(&text[last..idx]);
        out.push_str(replacement);
        last = idx + 1;
    }
    out.push_str(&text[last..]);
}

/// `text` escaped for element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text);
    out
}

/// Whether a link destination is safe to keep: `http(s)`, `mailto`, `tel`, a fragment or a
/// relative path. Browsers ignore whitespace and control characters inside a scheme
/// (`java\tscript:`), so those are removed before the scheme is read.
pub(crate) fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    match scheme(&cleaned) {
        None => true,
        Some(scheme) => matches!(
            scheme.to_ascii_lowercase().as_str(),
            "http" | "https" | "mailto" | "tel"
        ),
    }
}

/// The scheme of a URL, if it has one.
pub(crate) fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let valid = !candidate.is_empty()
        && candidate.starts_with(|c: char| c.is_ascii_alphabetic())
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(candidate)
}

/// Whether a URL points to the web.
pub(crate) fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// The media type of a file, from its extension.
pub(crate) fn media_type(path: &str) -> Option<&'static str> {
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        _ => return None,
    })
}

/// A `data:` URI holding `bytes`.
pub(crate) fn data_uri(media_type: &str, bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + media_type.len() + 16);
    out.push_str("data:");
    out.push_str(media_type);
    out.push_str(";base64,");
    base64_into(&mut out, bytes);
    out
}

fn base64_into(out: &mut String, bytes: &[u8]) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(char::from(ALPHABET[(n >> 18) as usize & 63]));
        out.push(char::from(ALPHABET[(n >> 12) as usize & 63]));
        out.push(if chunk.len() > 1 {
            char::from(ALPHABET[(n >> 6) as usize & 63])
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            char::from(ALPHABET[n as usize & 63])
        } else {
            '='
        });
    }
}

/// Text as a CSS string literal: quotes, backslashes, newlines and `<` are escaped, so the
/// string can neither end early nor close the `<style>` element.
pub(crate) fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", u32::from(c))),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// JSON made safe inside `<script type="application/ld+json">`: `<`, `>`, `&` and the two
/// JavaScript line terminators are written as `\u` escapes, so `</script>` cannot appear.
pub(crate) fn script_json(value: &serde_json::Value) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_owned());
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_controls() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn unsafe_schemes_are_refused() {
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url(" JaVa\tScRiPt:alert(1)"));
        assert!(!is_safe_url("data:text/html,<script>"));
        assert!(!is_safe_url("vbscript:x"));
        assert!(is_safe_url("https://example.org/a:b"));
        assert!(is_safe_url("other.md#sec"));
        assert!(is_safe_url("mailto:a@example.org"));
    }

    #[test]
    fn base64_matches_the_rfc_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            let mut out = String::new();
            base64_into(&mut out, input.as_bytes());
            assert_eq!(out, expected);
        }
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let value = serde_json::json!({"name": "</script><script>alert(1)</script>"});
        assert!(!script_json(&value).contains("</script"));
    }

    #[test]
    fn css_strings_cannot_escape() {
        let css = css_string("a\"b</style>");
        assert!(!css.contains("</style"));
        assert_eq!(css.matches('"').count(), 2);
    }
}
