//! The linter for policy briefs: claims, sources, recommendations and structure.
//!
//! [`check`] runs every enabled rule over a parsed [`Document`](brief_model::Document), merges the
//! model's own `schema/*` diagnostics, applies suppression comments and returns the diagnostics
//! with the status of every check-worthy sentence. The crate does no I/O and no printing; the CLI
//! reads files and formats the output.
//!
//! ```
//! let parsed = brief_model::parse("---\ntitle: T\nauthors: [A]\n---\n\nPrices rose 12% last month.\n");
//! let settings = brief_lint::Settings::default();
//! let outcome = brief_lint::check(&parsed.document, parsed.diagnostics, &settings);
//! let codes: Vec<&str> = outcome.diagnostics.iter().map(|d| d.code).collect();
//! assert!(codes.contains(&"claims/unsourced-statistic"));
//! assert!(codes.contains(&"claims/relative-time"));
//! ```

#![warn(missing_docs)]

pub mod claims;
pub mod json;
pub mod registry;
mod rule;
mod rules;
mod settings;
mod suppress;
pub mod words;

use brief_model::{Applicability, Diagnostic, Document, FileRef};
use serde::Serialize;

pub use claims::{Analysis, Claim, ClaimKind, Finding};
pub use registry::{RULES, rule};
pub use rule::{FixKind, Rule};
pub use settings::{Settings, SettingsError, TypeSettings};

/// The status of a check-worthy sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ClaimStatus {
    /// No enabled `claims/*` rule fires on it.
    Sourced,
    /// An enabled `claims/*` rule fires on it.
    Unsourced,
    /// Rules fire on it, and suppression comments silence all of them.
    Suppressed,
}

/// A claim with its status after suppressions.
#[derive(Clone, Debug)]
pub struct ClaimReport {
    /// The claim.
    pub claim: Claim,
    /// Its status.
    pub status: ClaimStatus,
    /// The codes of its findings (suppressed ones included).
    pub codes: Vec<&'static str>,
}

/// What [`check`] found.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// Diagnostics after suppressions, sorted by file, offset and code.
    pub diagnostics: Vec<Diagnostic>,
    /// Every check-worthy sentence with its status.
    pub claims: Vec<ClaimReport>,
    /// How many diagnostics suppression comments silenced.
    pub suppressed: usize,
}

impl Outcome {
    /// Sourced check-worthy sentences out of all sourced and unsourced ones (suppressed ones are
    /// left out), or `None` when the brief makes no claims.
    pub fn coverage(&self) -> Option<(usize, usize)> {
        let sourced = self
            .claims
            .iter()
            .filter(|c| c.status == ClaimStatus::Sourced)
            .count();
        let unsourced = self
            .claims
            .iter()
            .filter(|c| c.status == ClaimStatus::Unsourced)
            .count();
        (sourced + unsourced > 0).then_some((sourced, sourced + unsourced))
    }
}

/// Lints `doc`. `model_diagnostics` are the `schema/*` diagnostics from parsing and loading; they
/// get the configured severities and suppressions like any other.
pub fn check(doc: &Document, model_diagnostics: Vec<Diagnostic>, settings: &Settings) -> Outcome {
    let analysis = claims::analyse(doc, settings);
    let mut diagnostics: Vec<Diagnostic> = model_diagnostics
        .into_iter()
        .filter_map(|mut d| {
            d.severity = settings.severity(d.code)?;
            Some(d)
        })
        .collect();
    let context = rule::Context {
        doc,
        settings,
        analysis: &analysis,
    };
    for rule in RULES {
        let (Some(check), Some(severity)) = (rule.check, settings.severity(rule.code)) else {
            continue;
        };
        if rule.category() == "suppression" {
            continue;
        }
        let mut report = rule::Report {
            code: rule.code,
            severity,
            out: &mut diagnostics,
        };
        check(&context, &mut report);
    }

    let mut suppressions = suppress::Tracker::new(doc);
    let before = diagnostics.len();
    diagnostics.retain(|d| !suppressions.silences(d));
    let suppressed = before - diagnostics.len();
    let claims = analysis
        .claims
        .iter()
        .map(|claim| {
            let findings: Vec<&Finding> = claim
                .findings
                .iter()
                .map(|&i| &analysis.findings[i])
                .collect();
            let status = if findings.is_empty() {
                ClaimStatus::Sourced
            } else if findings
                .iter()
                .all(|f| suppressions.covers(f.code, f.span, FileRef::Brief))
            {
                ClaimStatus::Suppressed
            } else {
                ClaimStatus::Unsourced
            };
            ClaimReport {
                claim: claim.clone(),
                status,
                codes: findings.iter().map(|f| f.code).collect(),
            }
        })
        .collect();
    diagnostics.extend(suppressions.report(settings));
    diagnostics.sort_by(|a, b| (a.file, a.span.start, a.code).cmp(&(b.file, b.span.start, b.code)));
    diagnostics.dedup_by(|a, b| {
        a.code == b.code && a.span == b.span && a.file == b.file && a.message == b.message
    });
    Outcome {
        diagnostics,
        claims,
        suppressed,
    }
}

/// Applies the safe fixes of `diagnostics` to the brief's `text`. Returns the new text and the
/// number of fixes applied; overlapping fixes after the first are left for the next run.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic]) -> (String, usize) {
    let mut fixes: Vec<&brief_model::Fix> = diagnostics
        .iter()
        .filter(|d| d.file == FileRef::Brief)
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability == Applicability::Safe && !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| e.span.start).min());
    let mut edits = Vec::new();
    let mut applied = 0;
    let mut last_end = 0;
    for fix in fixes {
        let mut fix_edits: Vec<&brief_model::Edit> = fix.edits.iter().collect();
        fix_edits.sort_by_key(|e| e.span.start);
        let valid = fix_edits.iter().all(|e| {
            e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        if !valid || fix_edits.first().is_some_and(|e| e.span.start < last_end) {
            continue;
        }
        if fix_edits
            .windows(2)
            .any(|w| w[0].span.end > w[1].span.start)
        {
            continue;
        }
        last_end = fix_edits.last().map_or(last_end, |e| e.span.end);
        edits.extend(fix_edits);
        applied += 1;
    }
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for edit in edits {
        out.push_str(&text[pos..edit.span.start]);
        out.push_str(&edit.replacement);
        pos = edit.span.end;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}
