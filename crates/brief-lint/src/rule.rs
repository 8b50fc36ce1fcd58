//! What a rule is: its declaration (code, severity, summary, documentation, fix) and the context
//! and report a check function gets.

use brief_model::{Diagnostic, Document, Severity, Span};

use crate::claims::Analysis;
use crate::settings::Settings;

/// Whether a rule offers fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixKind {
    /// No fix.
    None,
    /// A safe fix, applied by `--fix`.
    Safe,
    /// A fix offered but not applied automatically.
    Unsafe,
}

/// A rule's check: reads the context, reports diagnostics.
pub(crate) type Check = fn(&Context<'_>, &mut Report<'_>);

/// A lint rule.
#[derive(Clone, Copy)]
pub struct Rule {
    /// The stable code, `category/name`.
    pub code: &'static str,
    /// The default severity.
    pub severity: Severity,
    /// One line: what the rule flags.
    pub summary: &'static str,
    /// The documentation (Markdown): what it flags, why it matters, an example and its fix.
    pub docs: &'static str,
    /// Whether it offers fixes.
    pub fix: FixKind,
    /// The file that declares it.
    pub file: &'static str,
    /// The line of the declaration.
    pub line: u32,
    pub(crate) check: Option<Check>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("code", &self.code).finish()
    }
}

impl Rule {
    /// The category: `claims` for `claims/unsourced-statistic`.
    pub fn category(&self) -> &'static str {
        self.code.split_once('/').map_or(self.code, |(c, _)| c)
    }

    /// The name: `unsourced-statistic` for `claims/unsourced-statistic`.
    pub fn name(&self) -> &'static str {
        self.code.split_once('/').map_or(self.code, |(_, n)| n)
    }

    /// The documentation with the doc-comment indentation removed.
    pub fn documentation(&self) -> String {
        let mut out = String::new();
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_owned() + "\n"
    }

    /// Whether the diagnostics come from the model (`schema/*`) rather than a check.
    pub fn is_from_model(&self) -> bool {
        self.check.is_none()
    }
}

/// Declares a rule: its doc comment is its documentation.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])+
        pub(crate) const RULE = {
            code: $code:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            fix: $fix:ident,
            check: $check:expr $(,)?
        };
    ) => {
        $(#[doc = $doc])+
        pub(crate) const RULE: $crate::rule::Rule = $crate::rule::Rule {
            code: $code,
            severity: brief_model::Severity::$severity,
            summary: $summary,
            docs: concat!($($doc, "\n"),+),
            fix: $crate::rule::FixKind::$fix,
            file: file!(),
            line: line!(),
            check: $check,
        };
    };
}
pub(crate) use declare_rule;

/// What a check reads.
pub(crate) struct Context<'a> {
    pub(crate) doc: &'a Document,
    pub(crate) settings: &'a Settings,
    pub(crate) analysis: &'a Analysis,
}

/// Where a check reports.
pub(crate) struct Report<'a> {
    pub(crate) code: &'static str,
    pub(crate) severity: Severity,
    pub(crate) out: &'a mut Vec<Diagnostic>,
}

impl Report<'_> {
    /// A diagnostic of this rule on the brief.
    pub(crate) fn diag(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code, self.severity, span, message)
    }

    /// Adds a diagnostic.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.out.push(diagnostic);
    }
}
