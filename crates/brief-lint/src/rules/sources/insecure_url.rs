//! `sources/insecure-url`.

use brief_model::{Edit, Fix};

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an `http://` URL in a source, a footnote or a link. The fix (to `https://`) is
    /// offered but not applied automatically: check that the site serves it.
    ///
    /// ## Why it matters
    /// Browsers warn on insecure pages, and content served over plain HTTP can be altered on the
    /// way; most publishers now serve HTTPS.
    ///
    /// ## Example
    /// ```markdown
    /// [^4]: Ministry of Water, *Annual Report 2023*, http://example.org/report.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// [^4]: Ministry of Water, *Annual Report 2023*, https://example.org/report.
    /// ```
    pub(crate) const RULE = {
        code: "sources/insecure-url",
        severity: Info,
        summary: "an http:// URL",
        fix: Unsafe,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    for used in super::urls(ctx.doc) {
        if !used.url.to_ascii_lowercase().starts_with("http://") {
            continue;
        }
        let text = ctx.doc.file_text(used.file);
        let scheme = used
            .span
            .text(text)
            .find("http://")
            .map(|o| used.span.start + o);
        let mut d = report
            .diag(
                used.span,
                format!("the URL of {} uses http, not https", used.owner),
            )
            .in_file(used.file)
            .with_help("use `https://` if the site serves it");
        if let Some(start) = scheme {
            d = d.with_fix(Fix {
                applicability: brief_model::Applicability::Unsafe,
                edits: vec![Edit {
                    span: brief_model::Span::new(start, start + 7),
                    replacement: "https://".to_owned(),
                }],
            });
        }
        report.push(d);
    }
}
