//! `sources/incomplete-note`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a footnote that reads as a reference (it has a URL, a year or a title) but lacks
    /// one of the three parts a reader needs: a title-like part (italics, quotation marks or a
    /// few words of description), a year, and a URL or a publisher. Purely explanatory notes
    /// (none of the three) are left alone.
    ///
    /// ## Why it matters
    /// A bare URL rots; a title without a year or a place to find it cannot be traced.
    ///
    /// ## Example
    /// ```markdown
    /// [^2]: https://example.org/amu-darya-flows
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// [^2]: Central Asia Water Observatory, *Amu Darya Flow Data 1990–2023* (2024),
    ///     https://example.org/amu-darya-flows.
    /// ```
    pub(crate) const RULE = {
        code: "sources/incomplete-note",
        severity: Info,
        summary: "a reference footnote missing a title, a year, or a URL or publisher",
        fix: None,
        check: Some(check),
    };
}

const PUBLISHER_WORDS: &[&str] = &[
    "press",
    "institute",
    "institution",
    "ministry",
    "university",
    "office",
    "agency",
    "bank",
    "commission",
    "council",
    "group",
    "foundation",
    "centre",
    "center",
    "organization",
    "organisation",
    "department",
    "programme",
    "program",
    "fund",
    "association",
    "service",
    "times",
    "news",
    "post",
    "journal",
    "review",
    "observatory",
    "network",
    "secretariat",
    "government",
    "parliament",
    "assembly",
    "court",
    "reuters",
    "forum",
    "authority",
    "board",
];

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    for footnote in &doc.footnotes {
        let raw = footnote.span.text(&doc.source);
        let text = footnote.text.as_str();
        let has_url = !footnote.urls.is_empty();
        let has_year = crate::claims::has_absolute_date(text);
        let without_urls = footnote
            .urls
            .iter()
            .fold(text.to_owned(), |t, (url, _)| t.replace(url.as_str(), " "));
        let has_title = raw.contains('*')
            || raw.matches('_').count() >= 2
            || raw.contains('"')
            || raw.contains('“')
            || brief_model::count_words(&without_urls) >= 5;
        if !has_url && !has_year && !has_title {
            continue;
        }
        let lower = without_urls.to_lowercase();
        let has_publisher = PUBLISHER_WORDS
            .iter()
            .any(|w| lower.split(|c: char| !c.is_alphanumeric()).any(|t| t == *w));
        let mut missing = Vec::new();
        if !has_title {
            missing.push("a title");
        }
        if !has_year {
            missing.push("a year");
        }
        if !has_url && !has_publisher {
            missing.push("a URL or publisher");
        }
        if missing.is_empty() {
            continue;
        }
        let d = report
            .diag(
                footnote.label_span,
                format!(
                    "footnote `[^{}]` lacks {}",
                    footnote.label,
                    missing.join(" and ")
                ),
            )
            .with_help("a reference note gives author, *title*, publisher, year and a URL");
        report.push(d);
    }
}
