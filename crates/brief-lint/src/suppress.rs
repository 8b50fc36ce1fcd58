//! Applying suppression comments, and reporting the ones that silenced nothing or name no rule.

use brief_model::{Diagnostic, Document, FileRef, Severity, Span, Suppression, did_you_mean};

use crate::registry;
use crate::settings::Settings;

pub(crate) struct Tracker<'a> {
    suppressions: &'a [Suppression],
    used: Vec<bool>,
}

impl<'a> Tracker<'a> {
    pub(crate) fn new(doc: &'a Document) -> Tracker<'a> {
        Tracker {
            suppressions: &doc.suppressions,
            used: vec![false; doc.suppressions.len()],
        }
    }

    fn find(&self, code: &str, span: Span, file: FileRef) -> Option<usize> {
        if file != FileRef::Brief {
            return None;
        }
        self.suppressions.iter().position(|s| {
            s.rules.iter().any(|r| registry::matches(r, code))
                && (s.applies_to.contains(span)
                    || (s.applies_to.start <= span.start && span.start < s.applies_to.end))
        })
    }

    /// Whether a suppression covers the diagnostic; marks it used.
    pub(crate) fn silences(&mut self, diagnostic: &Diagnostic) -> bool {
        if diagnostic.category() == "suppression" {
            return false;
        }
        match self.find(diagnostic.code, diagnostic.span, diagnostic.file) {
            Some(idx) => {
                self.used[idx] = true;
                true
            }
            None => false,
        }
    }

    /// Whether a suppression covers a finding (without marking it).
    pub(crate) fn covers(&self, code: &str, span: Span, file: FileRef) -> bool {
        self.find(code, span, file).is_some()
    }

    /// `suppression/unused` and `suppression/unknown-rule` diagnostics.
    pub(crate) fn report(&self, settings: &Settings) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (idx, suppression) in self.suppressions.iter().enumerate() {
            let unknown: Vec<&String> = suppression
                .rules
                .iter()
                .filter(|r| !registry::is_known_selector(r))
                .collect();
            if let Some(severity) = settings.severity("suppression/unknown-rule") {
                for rule in &unknown {
                    let selectors = registry::selectors();
                    let mut diag = Diagnostic::new(
                        "suppression/unknown-rule",
                        severity,
                        suppression.span,
                        format!("suppression names `{rule}`, which is not a rule or category"),
                    );
                    diag = match did_you_mean(rule, selectors.iter().map(String::as_str)) {
                        Some(best) => diag.with_help(format!("did you mean `{best}`?")),
                        None => diag.with_help("`brief rules` lists every rule code"),
                    };
                    out.push(diag);
                }
            }
            // A suppression whose rules are all switched off cannot be judged.
            let any_enabled = suppression.rules.iter().any(|r| {
                registry::RULES
                    .iter()
                    .any(|rule| registry::matches(r, rule.code) && settings.is_enabled(rule.code))
            });
            if !self.used[idx]
                && unknown.len() < suppression.rules.len()
                && any_enabled
                && let Some(severity) = settings.severity("suppression/unused")
            {
                out.push(
                    Diagnostic::new(
                        "suppression/unused",
                        severity,
                        suppression.span,
                        format!(
                            "suppression of `{}` silences nothing",
                            suppression.rules.join(", ")
                        ),
                    )
                    .with_help(
                        "remove the comment, or move it right before the block it is meant for",
                    ),
                );
            }
        }
        let _ = Severity::Warning;
        out
    }
}
