//! `schema/yaml-syntax`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags frontmatter that is not valid YAML, pointing at the line where reading failed.
    ///
    /// ## Why it matters
    /// A brief whose metadata cannot be read has no title, authors or sources as far as every tool
    /// is concerned.
    ///
    /// ## Example
    /// ```yaml
    /// title: "Grid Resilience: Options
    /// authors: [A. Rahman]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// title: "Grid Resilience: Options"
    /// authors: [A. Rahman]
    /// ```
    pub(crate) const RULE = {
        code: "schema/yaml-syntax",
        severity: Error,
        summary: "the frontmatter is not valid YAML",
        fix: None,
        check: None,
    };
}
