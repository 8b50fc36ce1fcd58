//! `recommendations/missing-actor`.

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a recommendation with no **Actor:** field and no agent as the subject of its action
    /// ("The Treasury should publish ..."). Passives ("Agreements should be revisited") and bare
    /// imperatives ("Explore new options") have no actor, unless the passive names its agent
    /// ("... should be financed by the Asian Development Bank") or the list of imperatives is
    /// introduced by a sentence or a label that names one ("The African Union should:", "To the
    /// government of Ethiopia:", "**For European governments**"), or the first sentence after
    /// the imperative names one ("**Establish the initiative.** The next Governor should ...").
    ///
    /// ## Why it matters
    /// A recommendation nobody is asked to carry out is a wish; decision makers read briefs
    /// looking for what *they* should do.
    ///
    /// ## Example
    /// ```markdown
    /// ### Water-sharing agreements should be revisited
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ### The five basin governments should renegotiate the 1992 water quotas
    ///
    /// - **Actor:** Interstate Commission for Water Coordination
    /// ```
    pub(crate) const RULE = {
        code: "recommendations/missing-actor",
        severity: Warning,
        summary: "a recommendation that names no one to act",
        fix: None,
        check: Some(check),
    };
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    for rec in &ctx.doc.recommendations {
        if super::actor(ctx.doc, ctx.settings, rec).is_none() {
            let d = report
                .diag(rec.action_span, "recommendation does not say who should act")
                .with_help("start with the actor (\"The Ministry of Finance should ...\") or add `- **Actor:** ...`");
            report.push(d);
        }
    }
}
