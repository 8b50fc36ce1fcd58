//! `sources/none`.

use crate::rule::{Context, Report, declare_rule};
use crate::rules::brief_span;

declare_rule! {
    /// ## What it does
    /// Flags a brief that makes claims (figures, quotations, attributions) but has no sources at
    /// all: no `sources`, no bibliography, no footnotes and no links.
    ///
    /// ## Why it matters
    /// Without any references a brief is an opinion piece, whatever its type says.
    ///
    /// ## Example
    /// A brief with "Exports rose 40 per cent" and no references anywhere.
    ///
    /// Use instead: add `sources:` (or a bibliography, or footnotes) and cite them.
    pub(crate) const RULE = {
        code: "sources/none",
        severity: Warning,
        summary: "a brief with claims but no sources",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    let has_sources = !doc.sources.is_empty()
        || !doc.footnotes.is_empty()
        || doc.links.iter().any(brief_model::Link::is_web)
        || !doc.frontmatter.bibliography.is_empty();
    if has_sources {
        return;
    }
    let claims = ctx
        .analysis
        .claims
        .iter()
        .filter(|c| {
            c.kinds.iter().any(|k| {
                matches!(
                    k,
                    crate::ClaimKind::Quantity
                        | crate::ClaimKind::Quotation
                        | crate::ClaimKind::Attribution
                )
            })
        })
        .count();
    if claims > 0 {
        let d = report
            .diag(
                brief_span(doc),
                format!(
                    "the brief makes {claims} {} but has no sources",
                    if claims == 1 { "claim" } else { "claims" }
                ),
            )
            .with_help("add `sources:` to the frontmatter, or a bibliography, and cite them");
        report.push(d);
    }
}
