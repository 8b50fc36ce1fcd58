//! `citations/unused-footnote`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a footnote definition (`[^6]: ...`) that no `[^6]` in the text refers to.
    ///
    /// ## Why it matters
    /// Renderers drop unreferenced notes, so the reference is lost; usually its call was deleted
    /// by mistake.
    ///
    /// ## Example
    /// ```markdown
    /// [^6]: World Bank, *Aral Sea Basin Program* (2019).
    /// ```
    /// with no `[^6]` in the text.
    ///
    /// Use instead: add `[^6]` after the sentence it supports, or delete the note.
    pub(crate) const RULE = {
        code: "citations/unused-footnote",
        severity: Warning,
        summary: "a footnote that nothing refers to",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    for footnote in &doc.footnotes {
        if doc.footnote_refs.iter().any(|r| r.label == footnote.label) {
            continue;
        }
        let d = report
            .diag(
                footnote.label_span,
                format!("footnote `[^{}]` is never referenced", footnote.label),
            )
            .with_help(format!(
                "add `[^{}]` after the sentence it supports, or remove it",
                footnote.label
            ));
        report.push(d);
    }
}
