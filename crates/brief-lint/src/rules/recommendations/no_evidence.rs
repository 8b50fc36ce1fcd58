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
    for rec in &ctx.doc.recommendations {
        let message = if rec.rationale_span.is_none() {
            "recommendation has no rationale"
        } else if rec.evidence.is_empty() {
            "recommendation's rationale cites no evidence"
        } else {
            continue;
        };
        let d = report
            .diag(rec.action_span, message)
            .with_help("explain why, citing the evidence (`[@key]` or a footnote)");
        report.push(d);
    }
}
