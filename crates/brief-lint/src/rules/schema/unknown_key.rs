//! `schema/unknown-key`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a frontmatter key the brief format does not define, with a did-you-mean. Keys that
    /// Pandoc, Quarto or Hugo use for the same thing (`author`, `abstract`, `tags`, `categories`)
    /// get a fix to the brief's name. Keys starting with `x-` are an organization's own and are
    /// kept.
    ///
    /// ## Why it matters
    /// A misspelled key is silently ignored: `sumary:` means the brief has no summary.
    ///
    /// ## Example
    /// ```yaml
    /// author: A. Rahman
    /// sumary: Prices rose.
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// authors: [A. Rahman]
    /// summary: Prices rose.
    /// ```
    pub(crate) const RULE = {
        code: "schema/unknown-key",
        severity: Warning,
        summary: "a frontmatter key the format does not define",
        fix: Safe,
        check: None,
    };
}
