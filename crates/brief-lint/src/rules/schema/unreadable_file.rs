//! `schema/unreadable-file`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a bibliography file that cannot be read: missing, not UTF-8, over 20 MB, or outside
    /// the project root (the folder of `brief.toml`, else the git root).
    ///
    /// ## Why it matters
    /// Every citation to its sources would be unresolved. Files outside the project are refused so
    /// that a brief cannot make the tools read arbitrary files.
    ///
    /// ## Example
    /// ```yaml
    /// bibliography: /etc/passwd
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// bibliography: ../shared/references.bib
    /// ```
    pub(crate) const RULE = {
        code: "schema/unreadable-file",
        severity: Error,
        summary: "a bibliography file cannot be read",
        fix: None,
        check: None,
    };
}
