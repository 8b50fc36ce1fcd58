//! `schema/bibliography-syntax`.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a bibliography file (BibTeX, CSL-JSON or YAML) that cannot be parsed, pointing into
    /// that file.
    ///
    /// ## Why it matters
    /// None of its sources can be cited until it parses.
    ///
    /// ## Example
    /// ```bibtex
    /// @report{icg2024,
    ///   title = {Border Incidents,
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```bibtex
    /// @report{icg2024,
    ///   title = {Border Incidents},
    /// }
    /// ```
    pub(crate) const RULE = {
        code: "schema/bibliography-syntax",
        severity: Error,
        summary: "a bibliography file cannot be parsed",
        fix: None,
        check: None,
    };
}
