//! `claims/*`: check-worthy sentences without the source or date a fact-checker would ask for.
//! The analysis is shared with `brief claims` ([`crate::claims`]); these rules report it.

use crate::rule::{Context, Report};

pub(crate) mod relative_time;
pub(crate) mod uncited_named_quote;
pub(crate) mod uncited_quote;
pub(crate) mod unsourced_generalization;
pub(crate) mod unsourced_statistic;
pub(crate) mod vague_time;
pub(crate) mod weasel_attribution;

/// Reports the analysis's findings for the rule's code.
pub(crate) fn report_findings(ctx: &Context<'_>, report: &mut Report<'_>) {
    for finding in ctx.analysis.findings_for(report.code) {
        let d = report
            .diag(finding.span, finding.message.clone())
            .with_help(finding.help.clone());
        report.push(d);
    }
}
