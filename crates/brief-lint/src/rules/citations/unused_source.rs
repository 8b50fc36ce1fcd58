//! `citations/unused-source`.

use brief_model::FileRef;

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a source defined in the frontmatter's `sources` that no citation uses. Entries of
    /// bibliography files are not flagged: such files are often shared by many briefs.
    ///
    /// ## Why it matters
    /// An unused source usually means a citation was lost in editing, or a reference list padded
    /// with works the brief does not rely on.
    ///
    /// ## Example
    /// ```yaml
    /// sources:
    ///   - id: imf-2023
    ///     title: Regional Economic Outlook
    /// ```
    /// and no `[@imf-2023]` in the text.
    ///
    /// Use instead: cite it where the brief relies on it, or remove it.
    pub(crate) const RULE = {
        code: "citations/unused-source",
        severity: Warning,
        summary: "an inline source that nothing cites",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    for source in doc
        .sources
        .iter()
        .filter(|s| s.location.file == FileRef::Brief)
    {
        if doc.citations().any(|c| c.key == source.id) {
            continue;
        }
        let d = report
            .diag(
                source.location.key_span,
                format!("source `{}` is never cited", source.id),
            )
            .with_help(format!(
                "cite it with `[@{}]`, or remove it from `sources`",
                source.id
            ));
        report.push(d);
    }
}
