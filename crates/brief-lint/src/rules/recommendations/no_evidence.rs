//! `recommendations/no-evidence`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a recommendation with no rationale, or with a rationale that cites nothing.
    ///
    /// ## Why it matters
    /// Readers act on recommendations whose reasons they can check; a rationale with evidence is
    /// what separates a policy brief from an op-ed.
    ///
    /// ## Example
    /// ```markdown
    /// ### The EU should fund a hotline between sector commanders
    ///
    /// - **Actor:** European Commission
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ### The EU should fund a hotline between sector commanders
    ///
    /// - **Actor:** European Commission
    ///
    /// Most incidents in 2024 occurred where positions are under 300 metres apart [@cmn-2025].
    /// ```
    pub(crate) const RULE = {
        code: "recommendations/no-evidence",
        severity: Info,
        summary: "a recommendation without a cited rationale",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    for rec in &doc.recommendations {
        let message = match rec.rationale_span {
            None => "recommendation has no rationale",
            Some(rationale) => {
                // The sentences of the rationale as resolved, so that a narrative citation of a
                // bibliography entry ("As @cmao-2024 shows") counts.
                let cited = !rec.evidence.is_empty()
                    || doc.sentences.iter().any(|s| {
                        rationale.start <= s.span.end
                            && s.span.start < rationale.end
                            && s.span.start >= rec.action_span.end
                            && s.is_sourced(doc, true)
                    });
                if cited {
                    continue;
                }
                "recommendation's rationale cites no evidence"
            }
        };
        let d = report
            .diag(rec.action_span, message)
            .with_help("explain why, citing the evidence (`[@key]` or a footnote)");
        report.push(d);
    }
}
