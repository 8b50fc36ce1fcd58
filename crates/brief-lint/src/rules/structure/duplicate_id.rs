//! `structure/duplicate-id`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a heading id written with `{#id}` that another heading already uses, explicitly or
    /// through its generated slug, and a footnote label defined twice.
    ///
    /// ## Why it matters
    /// Links to the second one land on the first; in HTML, duplicate ids are invalid.
    ///
    /// ## Example
    /// ```markdown
    /// ## Background {#context}
    /// ## Context
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Background {#background}
    /// ## Context
    /// ```
    pub(crate) const RULE = {
        code: "structure/duplicate-id",
        severity: Error,
        summary: "two headings or footnotes share an id",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    for (idx, section) in doc.sections.iter().enumerate() {
        if !section.explicit_id {
            continue;
        }
        if let Some(first) = doc.sections[..idx].iter().find(|s| s.id == section.id) {
            let d = report
                .diag(
                    section.span,
                    format!("heading id `{}` is already used", section.id),
                )
                .with_related(first.span, "first used here")
                .with_help("give this heading another `{#id}`");
            report.push(d);
        } else if let Some(later) = doc.sections[idx + 1..]
            .iter()
            .find(|s| !s.explicit_id && brief_model::markdown::slug(&s.text) == section.id)
        {
            let d = report
                .diag(
                    section.span,
                    format!(
                        "heading id `{}` is also the id of a later heading",
                        section.id
                    ),
                )
                .with_related(later.span, "this heading's generated id")
                .with_help("give one of the headings an explicit `{#id}`");
            report.push(d);
        }
    }
    for (idx, footnote) in doc.footnotes.iter().enumerate() {
        if let Some(first) = doc.footnotes[..idx]
            .iter()
            .find(|f| f.label == footnote.label)
        {
            let d = report
                .diag(
                    footnote.label_span,
                    format!("footnote `[^{}]` is defined twice", footnote.label),
                )
                .with_related(first.label_span, "first defined here")
                .with_help("renumber one of the footnotes");
            report.push(d);
        }
    }
}
