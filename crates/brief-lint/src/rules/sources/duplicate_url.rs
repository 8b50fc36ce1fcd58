//! `sources/duplicate-url`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags two sources or footnotes with the same URL (ignoring `www.`, a trailing slash, the
    /// fragment and `utm_` tracking parameters). Two notes with the same title are the same work
    /// cited twice, and may share its URL.
    ///
    /// ## Why it matters
    /// Either the same work is listed twice under different names, or one entry points at the
    /// wrong page, a common copy-paste slip.
    ///
    /// ## Example
    /// ```markdown
    /// [^5]: IWMI, *Water Use Efficiency* (2022), https://example.org/iwmi/report.
    /// [^7]: FAO, *Irrigation Survey* (2021), https://example.org/iwmi/report.
    /// ```
    ///
    /// Use instead: give `[^7]` the FAO survey's own URL.
    pub(crate) const RULE = {
        code: "sources/duplicate-url",
        severity: Warning,
        summary: "two sources or notes with the same URL",
        fix: None,
        check: Some(check),
    };
}

/// A URL reduced to what identifies the page.
pub(crate) fn normalize(url: &str) -> String {
    let url = url.trim();
    let Ok(mut parsed) = url::Url::parse(url) else {
        return url.trim_end_matches('/').to_lowercase();
    };
    parsed.set_fragment(None);
    let kept: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(k, _)| !k.starts_with("utm_"))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        parsed.set_query(None);
    } else {
        parsed.query_pairs_mut().clear().extend_pairs(kept);
    }
    let host = parsed
        .host_str()
        .unwrap_or("")
        .trim_start_matches("www.")
        .to_lowercase();
    let path = parsed.path().trim_end_matches('/');
    let query = parsed.query().map(|q| format!("?{q}")).unwrap_or_default();
    format!("{host}{path}{query}")
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let urls: Vec<_> = super::urls(ctx.doc)
        .into_iter()
        .filter(|u| u.reference)
        .collect();
    let keys: Vec<String> = urls.iter().map(|u| normalize(&u.url)).collect();
    for (idx, used) in urls.iter().enumerate() {
        let Some(first) = urls[..idx]
            .iter()
            .zip(&keys)
            .find(|(u, key)| u.owner != used.owner && **key == keys[idx])
            .map(|(u, _)| u)
        else {
            continue;
        };
        // Two full notes for the same work (at different pages, say) share its URL rightly.
        let title = |u: &super::UrlUse| {
            u.footnote.and_then(|f| {
                super::note_title(&super::note_without_urls(ctx.doc, &ctx.doc.footnotes[f]))
            })
        };
        if title(used)
            .is_some_and(|t| title(first).is_some_and(|f| f.to_lowercase() == t.to_lowercase()))
        {
            continue;
        }
        let mut d = report
            .diag(
                used.span,
                format!("{} has the same URL as {}", used.owner, first.owner),
            )
            .in_file(used.file)
            .with_help("merge the two, or correct the URL of one");
        if first.file == used.file {
            d = d.with_related(first.span, "first used here");
        }
        report.push(d);
    }
}
