//! `structure/image-credit`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a figure (an image standing alone in its paragraph) with no credit line after it
    /// (a paragraph starting "Source:", "Credit:", "Photo:" or "Figure N:") and no credit in its
    /// title, and a frontmatter `image` without `credit`.
    ///
    /// ## Why it matters
    /// Publishing an image without its credit breaks most licenses and hides where a chart's data
    /// come from.
    ///
    /// ## Example
    /// ```markdown
    /// ![Incidents by month](images/incidents.png)
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ![Incidents by month](images/incidents.png)
    ///
    /// Source: Conflict Monitoring Network [@cmn-2025].
    /// ```
    pub(crate) const RULE = {
        code: "structure/image-credit",
        severity: Warning,
        summary: "a figure has no credit",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    for image in doc.images.iter().filter(|i| i.figure) {
        let titled = image.title.as_deref().is_some_and(|t| {
            let t = t.to_lowercase();
            ["source", "credit", "photo", "©", "courtesy"]
                .iter()
                .any(|w| t.contains(w))
        });
        if image.credit.is_none() && !titled {
            let d = report
                .diag(image.span, format!("figure `{}` has no credit", image.src))
                .with_help("add a line after it such as `Source: ...` or `Photo: ...`");
            report.push(d);
        }
    }
    if let Some(cover) = &doc.frontmatter.image
        && cover.credit.as_deref().is_none_or(|c| c.trim().is_empty())
    {
        let span = crate::rules::key_span(doc, "/image");
        let d = report
            .diag(span, "the cover image has no credit")
            .with_help("add `credit:` under `image:`");
        report.push(d);
    }
}
