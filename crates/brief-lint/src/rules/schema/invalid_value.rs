//! `schema/invalid-value`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a frontmatter value that does not fit the brief schema: a wrong type, a value outside
    /// a list of choices, a malformed date.
    ///
    /// ## Why it matters
    /// Renderers and catalogues rely on these values; `name: 42` or `date: March 2025` would print
    /// wrongly or not at all.
    ///
    /// ## Example
    /// ```yaml
    /// status: published
    /// date: March 2025
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// status: final
    /// date: 2025-03-14
    /// ```
    pub(crate) const RULE = {
        code: "schema/invalid-value",
        severity: Error,
        summary: "a frontmatter value does not fit the schema",
        fix: Safe,
        check: None,
    };
}
