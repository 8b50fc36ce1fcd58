//! `schema/missing-frontmatter`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a brief that does not start with a YAML frontmatter block between `---` lines.
    ///
    /// ## Why it matters
    /// The frontmatter holds the title, the authors, the date and the sources; without it a brief
    /// cannot be catalogued, cited or rendered with a title block. `brief check` skips an explicitly
    /// given Markdown file without frontmatter (it is probably a README) unless `--strict` is given.
    ///
    /// ## Example
    /// ```markdown
    /// # Grid Resilience
    ///
    /// Prices rose...
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ---
    /// title: Grid Resilience
    /// authors: [A. Rahman]
    /// ---
    ///
    /// Prices rose...
    /// ```
    pub(crate) const RULE = {
        code: "schema/missing-frontmatter",
        severity: Error,
        summary: "the file does not start with a frontmatter block",
        fix: None,
        check: None,
    };
}
