//! The one place where pulldown-cmark's options are set, so that the model, the linter and the
//! renderer all see the same parse.

use pulldown_cmark::Options;

/// The Markdown dialect of a brief: CommonMark plus GFM tables, footnotes, strikethrough, task
/// lists and heading attributes (`{#id .class}`).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A GitHub-style slug of heading text: lowercase, punctuation dropped, spaces as hyphens.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            out.push('-');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn github_slugs() {
        assert_eq!(slug("Policy Recommendations"), "policy-recommendations");
        assert_eq!(slug("U.S. Options: 2025–2026"), "us-options-20252026");
        assert_eq!(slug("Ереван и Баку"), "ереван-и-баку");
    }
}
