//! `schema/unclosed-frontmatter`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a frontmatter block that opens with `---` but never closes.
    ///
    /// ## Why it matters
    /// Without the closing line, nothing tells where the metadata ends and the brief begins, so
    /// neither can be read.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Grid Resilience
    /// authors: [A. Rahman]
    ///
    /// ## Summary
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ---
    /// title: Grid Resilience
    /// authors: [A. Rahman]
    /// ---
    ///
    /// ## Summary
    /// ```
    pub(crate) const RULE = {
        code: "schema/unclosed-frontmatter",
        severity: Error,
        summary: "the frontmatter block is never closed",
        fix: None,
        check: None,
    };
}
