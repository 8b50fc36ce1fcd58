//! Diagnostics: the one plain-data shape for every problem found in a brief.
//!
//! The model reports `schema/*` diagnostics while parsing; the linter reports the rest with the same
//! type. Output formats (human, JSON, SARIF, GitHub) are adapters over this struct in the CLI.

use std::fmt;

use serde::Serialize;

use crate::span::Span;

/// How serious a diagnostic is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never fails a run.
    Info,
    /// Should be fixed before publication; fails a run only with `--deny-warnings`.
    Warning,
    /// Must be fixed; fails the run.
    Error,
}

impl Severity {
    /// The lowercase name used in output and configuration.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `info`, `warning` or `error`.
    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix can be applied without a person reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Applied by `--fix`: the meaning of the text is kept.
    Safe,
    /// Offered only: the change may alter meaning.
    Unsafe,
}

/// One replacement of a span of the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Edit {
    /// The bytes to replace.
    pub span: Span,
    /// The replacement text.
    pub replacement: String,
}

/// A suggested change that resolves a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Fix {
    /// Whether `--fix` applies it.
    pub applicability: Applicability,
    /// Non-overlapping edits, in any order.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A safe fix replacing `span` with `replacement`.
    pub fn safe(span: Span, replacement: impl Into<String>) -> Fix {
        Fix {
            applicability: Applicability::Safe,
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }

    /// An unsafe fix replacing `span` with `replacement`.
    pub fn unsafe_edit(span: Span, replacement: impl Into<String>) -> Fix {
        Fix {
            applicability: Applicability::Unsafe,
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }
}

/// Which file a span points into.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileRef {
    /// The brief itself.
    #[default]
    Brief,
    /// One of the files the brief loaded, an index into [`crate::Document::files`].
    Loaded(usize),
}

/// A problem found in a brief.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The stable code, such as `schema/unknown-key`.
    pub code: &'static str,
    /// The severity (after configuration, when produced by the linter).
    pub severity: Severity,
    /// What is wrong: lowercase, no trailing period.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Where, as bytes into `file`.
    pub span: Span,
    /// Which file `span` points into.
    pub file: FileRef,
    /// A label shown under the span, when it says more than the message.
    pub label: Option<String>,
    /// Other places worth showing, with their labels (same file as `span`).
    pub related: Vec<(Span, String)>,
    /// A suggested change.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic on the brief itself.
    pub fn new(
        code: &'static str,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            help: None,
            span,
            file: FileRef::Brief,
            label: None,
            related: Vec::new(),
            fix: None,
        }
    }

    /// Sets the help text.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Sets the label under the span.
    #[must_use]
    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// Adds a related place.
    #[must_use]
    pub fn with_related(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.related.push((span, label.into()));
        self
    }

    /// Sets the fix.
    #[must_use]
    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }

    /// Points the diagnostic into another file.
    #[must_use]
    pub fn in_file(mut self, file: FileRef) -> Diagnostic {
        self.file = file;
        self
    }

    /// The category of the code: `schema` for `schema/unknown-key`.
    pub fn category(&self) -> &'static str {
        self.code.split_once('/').map_or(self.code, |(cat, _)| cat)
    }
}
