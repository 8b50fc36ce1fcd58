//! `schema/missing-key`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a required frontmatter key that is missing: `title`, `authors`, a source's `id`, an
    /// author's `name`, and `date` once `status` is `review` or `final`.
    ///
    /// ## Why it matters
    /// A brief without a title or authors cannot be published or cited, and a final brief without
    /// a date cannot be placed in time.
    ///
    /// ## Example
    /// ```yaml
    /// title: Grid Resilience
    /// status: final
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// title: Grid Resilience
    /// status: final
    /// date: 2025-03-14
    /// authors: [A. Rahman]
    /// ```
    pub(crate) const RULE = {
        code: "schema/missing-key",
        severity: Error,
        summary: "a required frontmatter key is missing",
        fix: None,
        check: None,
    };
}
