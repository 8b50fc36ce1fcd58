//! `sources/invalid-url`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a URL in a source, a footnote or a link that is not a valid absolute `http(s)`
    /// address: a missing scheme (`www.example.org`), spaces, no host.
    ///
    /// ## Why it matters
    /// Renderers turn it into a broken link, and readers cannot reach the source.
    ///
    /// ## Example
    /// ```yaml
    /// url: www.example.org/report 2024.pdf
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// url: https://www.example.org/report%202024.pdf
    /// ```
    pub(crate) const RULE = {
        code: "sources/invalid-url",
        severity: Error,
        summary: "a URL that is not a valid http(s) address",
        fix: None,
        check: Some(check),
    };
}

/// Why a URL is not valid, if it is not.
pub(crate) fn problem(url: &str) -> Option<String> {
    let trimmed = url.trim();
    if trimmed.contains(char::is_whitespace) {
        return Some("contains spaces".to_owned());
    }
    match url::Url::parse(trimmed) {
        Ok(parsed) => {
            if !matches!(parsed.scheme(), "http" | "https" | "ftp") {
                return Some(format!(
                    "uses the `{}` scheme, not http(s)",
                    parsed.scheme()
                ));
            }
            match parsed.host_str() {
                Some(host) if host.contains('.') || host == "localhost" => None,
                _ => Some("has no valid host".to_owned()),
            }
        }
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            Some("has no `https://` in front".to_owned())
        }
        Err(err) => Some(err.to_string()),
    }
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    for used in super::urls(ctx.doc) {
        if let Some(problem) = problem(&used.url) {
            let d = report
                .diag(used.span, format!("the URL of {} {problem}", used.owner))
                .in_file(used.file)
                .with_help(
                    "write the full address, starting with `https://`, with spaces as `%20`",
                );
            report.push(d);
        }
    }
}
