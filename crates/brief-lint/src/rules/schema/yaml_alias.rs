//! `schema/yaml-alias`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags YAML anchors (`&name`) and aliases (`*name`) in frontmatter.
    ///
    /// ## Why it matters
    /// Aliases make a value appear in several places without being written there, which editors
    /// reviewing a brief cannot see, and nested aliases can expand into gigabytes (an "alias bomb").
    /// Briefs refuse them before any tree is built.
    ///
    /// ## Example
    /// ```yaml
    /// publisher: &org Meridian Institute
    /// authors:
    ///   - name: A. Rahman
    ///     affiliation: *org
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// publisher: Meridian Institute
    /// authors:
    ///   - name: A. Rahman
    ///     affiliation: Meridian Institute
    /// ```
    pub(crate) const RULE = {
        code: "schema/yaml-alias",
        severity: Error,
        summary: "the frontmatter uses a YAML anchor or alias",
        fix: None,
        check: None,
    };
}
