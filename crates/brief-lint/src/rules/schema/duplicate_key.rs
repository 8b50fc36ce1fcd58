//! `schema/duplicate-key`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a frontmatter key that appears twice in the same mapping.
    ///
    /// ## Why it matters
    /// YAML keeps only one of the two values, so an edit to the other silently has no effect.
    ///
    /// ## Example
    /// ```yaml
    /// date: 2025-03-01
    /// title: Grid Resilience
    /// date: 2025-03-14
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// title: Grid Resilience
    /// date: 2025-03-14
    /// ```
    pub(crate) const RULE = {
        code: "schema/duplicate-key",
        severity: Error,
        summary: "a frontmatter key appears twice",
        fix: None,
        check: None,
    };
}
