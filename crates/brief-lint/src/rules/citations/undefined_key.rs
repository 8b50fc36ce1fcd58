//! `citations/undefined-key`.

use brief_model::{Fix, did_you_mean};

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a bracketed citation (`[@key]`) whose key is not the `id` of any source, inline or
    /// in a bibliography file, with the closest key as a suggestion. (A bare `@word` that matches
    /// no source is text, such as a social media handle.)
    ///
    /// ## Why it matters
    /// The claim looks sourced but the reader gets no reference; renderers print the raw key.
    ///
    /// ## Example
    /// ```markdown
    /// Incidents fell sharply [@cmn-2052].
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// Incidents fell sharply [@cmn-2025].
    /// ```
    pub(crate) const RULE = {
        code: "citations/undefined-key",
        severity: Error,
        summary: "a citation key that no source defines",
        fix: Unsafe,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    for citation in doc.citations().filter(|c| !c.narrative) {
        if doc.source(&citation.key).is_some() {
            continue;
        }
        let mut d = report.diag(
            citation.key_span,
            format!("no source has the key `{}`", citation.key),
        );
        match did_you_mean(&citation.key, doc.sources.iter().map(|s| s.id.as_str())) {
            Some(best) => {
                d = d
                    .with_help(format!("did you mean `{best}`?"))
                    .with_fix(Fix::unsafe_edit(citation.key_span, best));
            }
            None => {
                d = d.with_help("add the source under `sources:` or to the bibliography file");
            }
        }
        report.push(d);
    }
}
