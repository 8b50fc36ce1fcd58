//! `structure/missing-section`.

use brief_model::SectionRole;

use crate::rule::{Context, Report, declare_rule};
use crate::rules::key_span;

declare_rule! {
    /// ## What it does
    /// Flags a brief that lacks a section its type requires. By default a policy brief needs a
    /// summary and recommendations, an issue brief and a report a summary, a memo
    /// recommendations. The summary can be the `summary` key or a Summary, Executive Summary or
    /// Key Findings section; recommendations are the section whose heading contains
    /// "Recommendation". This is also the rule for `recommendations/missing-section`.
    ///
    /// ## Why it matters
    /// Readers of a policy brief go to the summary and the recommendations first; a brief without
    /// them is not the publication its type promises.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Grid Resilience
    /// type: policy-brief
    /// authors: [A. Rahman]
    /// ---
    ///
    /// ## Background
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Summary
    /// ## Background
    /// ## Recommendations
    /// ```
    ///
    /// ## Options
    /// `[lint.types.<type>] required-sections = ["summary", "recommendations", "Methodology"]`.
    pub(crate) const RULE = {
        code: "structure/missing-section",
        severity: Error,
        summary: "a section the brief type requires is missing",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    if doc.frontmatter_span.is_none() {
        return;
    }
    let brief_type = doc.frontmatter.brief_type;
    for required in &ctx.settings.brief_type(brief_type).required_sections {
        let present = match required.to_lowercase().as_str() {
            "summary" => doc.summary.is_some(),
            "recommendations" => doc.recommendations_section.is_some(),
            other => doc.sections.iter().any(|s| {
                s.text.to_lowercase() == other
                    || (other == "summary" && s.role == SectionRole::Summary)
            }),
        };
        if !present {
            let help = match required.as_str() {
                "summary" => "add a `summary:` key or a `## Summary` section".to_owned(),
                "recommendations" => {
                    "add a `## Recommendations` section with one `###` per recommendation"
                        .to_owned()
                }
                other => format!("add a `## {other}` section"),
            };
            let d = report
                .diag(
                    key_span(doc, "/type"),
                    format!(
                        "a {} needs a {required} section",
                        brief_type.label().to_lowercase()
                    ),
                )
                .with_help(help);
            report.push(d);
        }
    }
}
