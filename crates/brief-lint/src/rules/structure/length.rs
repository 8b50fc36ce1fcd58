//! `structure/length`.

use crate::rule::{Context, Report, declare_rule};
use crate::rules::brief_span;

declare_rule! {
    /// ## What it does
    /// Reports a brief whose body is shorter or longer than its type's usual range: policy brief
    /// 800–5,000 words, issue brief 500–3,000, commentary 300–2,500, memo 200–2,000, testimony
    /// 500–10,000, report 2,000–40,000. Body words leave out frontmatter, headings, footnotes,
    /// tables and the bibliography.
    ///
    /// ## Why it matters
    /// Publication series have length norms; a "policy brief" of 9,000 words is a report and will
    /// be read (or not read) as one.
    ///
    /// ## Example
    /// A `type: policy-brief` with 450 body words.
    ///
    /// Use instead:
    /// `type: commentary`, or a fuller brief.
    ///
    /// ## Options
    /// `[lint.types.<type>] min-words = 800`, `max-words = 5000`.
    pub(crate) const RULE = {
        code: "structure/length",
        severity: Info,
        summary: "the body is outside the type's word range",
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
    let range = ctx.settings.brief_type(brief_type);
    let words = doc.word_count;
    let label = brief_type.label().to_lowercase();
    let article = if label.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    let message = if words < range.min_words {
        format!(
            "body has {words} words, under the {} {article} {label} usually has",
            range.min_words
        )
    } else if words > range.max_words {
        format!(
            "body has {words} words, over the {} {article} {label} usually has",
            range.max_words
        )
    } else {
        return;
    };
    let d = report
        .diag(brief_span(doc), message)
        .with_help("check the `type`, or adjust `[lint.types]` in brief.toml for your series");
    report.push(d);
}
