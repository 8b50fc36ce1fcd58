//! `structure/image-alt`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an image without alt text, in the body (`![](map.png)`) or the frontmatter `image`.
    ///
    /// ## Why it matters
    /// Readers who cannot see the image, and search engines, get nothing; for a map or a chart,
    /// the alt text should carry its point.
    ///
    /// ## Example
    /// ```markdown
    /// ![](images/border-map.png)
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ![Map of the Armenia–Azerbaijan border with the four sections of Table 1](images/border-map.png)
    /// ```
    pub(crate) const RULE = {
        code: "structure/image-alt",
        severity: Warning,
        summary: "an image has no alt text",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    for image in &doc.images {
        if image.alt.trim().is_empty() {
            let d = report
                .diag(image.span, format!("image `{}` has no alt text", image.src))
                .with_help("describe what the image shows between the brackets: `![...](path)`");
            report.push(d);
        }
    }
    if let Some(cover) = &doc.frontmatter.image
        && cover.alt.as_deref().is_none_or(|a| a.trim().is_empty())
    {
        let span = crate::rules::key_span(doc, "/image");
        let d = report
            .diag(span, "the cover image has no alt text")
            .with_help("add `alt:` under `image:`");
        report.push(d);
    }
}
