//! `suppression/unused`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a suppression comment (`<!-- brief-ignore ... -->`, `brief-disable`, or a YAML
    /// `# brief-ignore`) that silenced nothing.
    ///
    /// ## Why it matters
    /// Stale suppressions hide future problems in the block they cover, and usually mean the
    /// comment sits before the wrong block.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- brief-ignore claims/unsourced-statistic -->
    /// The talks resumed [@icg-2024].
    /// ```
    ///
    /// Use instead: remove the comment.
    pub(crate) const RULE = {
        code: "suppression/unused",
        severity: Warning,
        summary: "a suppression comment that silences nothing",
        fix: None,
        check: Some(check),
    };
}

/// Reported by the suppression pass, which knows what each comment silenced.
fn check(_: &Context<'_>, _: &mut Report<'_>) {}
