//! Human output: diagnostics as rustc-style reports (miette), with the source line and a label
//! under the exact span.

use std::fmt;
use std::io::IsTerminal;

use brief_model::{Diagnostic, Document, FileRef, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

/// Whether to color output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Default)]
pub(crate) enum ColorChoice {
    /// Color on a terminal, unless `NO_COLOR` is set.
    #[default]
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

impl ColorChoice {
    /// Whether stdout should be colored.
    pub(crate) fn stdout(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }

    /// Whether stderr should be colored.
    pub(crate) fn stderr(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stderr().is_terminal()
            }
        }
    }
}

/// Renders diagnostics as text.
pub(crate) struct Renderer {
    handler: GraphicalReportHandler,
}

impl Renderer {
    pub(crate) fn new(color: bool) -> Renderer {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Renderer {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_links(false)
                .with_width(100)
                .with_context_lines(1),
        }
    }

    /// Renders one diagnostic of `doc` (whose brief is at `path`).
    pub(crate) fn render(&self, doc: &Document, path: &str, diagnostic: &Diagnostic) -> String {
        let (name, text) = match diagnostic.file {
            FileRef::Brief => (path.to_owned(), doc.source.clone()),
            FileRef::Loaded(idx) => {
                let file = &doc.files[idx];
                let shown = std::path::Path::new(path)
                    .parent()
                    .map_or(file.path.clone(), |dir| {
                        dir.join(&file.path).display().to_string()
                    });
                (shown, file.text.clone())
            }
        };
        self.render_text(&name, text, diagnostic)
    }

    /// Renders one diagnostic against a named text.
    pub(crate) fn render_text(&self, name: &str, text: String, diagnostic: &Diagnostic) -> String {
        let report = Report {
            diagnostic,
            source: NamedSource::new(name, Windowed { text }),
        };
        let mut out = String::new();
        if self.handler.render_report(&mut out, &report).is_err() {
            out = format!(
                "{}[{}]: {}\n",
                diagnostic.severity, diagnostic.code, diagnostic.message
            );
        }
        out
    }
}

struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: NamedSource<Windowed>,
}

/// Source text that shows a window of a long line around the span instead of the whole line:
/// a Markdown paragraph is often a single line of a thousand characters.
struct Windowed {
    text: String,
}

/// The widest source line shown, in characters.
const WINDOW: usize = 96;

impl miette::SourceCode for Windowed {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let text = self.text.as_str();
        let start = span.offset().min(text.len());
        let end = (start + span.len()).min(text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_chars = text[line_start..line_end].chars().count();
        // A read without context locates the span (the header's line:column); only the snippet
        // shown with context is windowed.
        let locating = context_lines_before == 0 && context_lines_after == 0;
        if locating {
            // miette prints this line and column in the header; count the column in Unicode
            // scalar values, as every other output does.
            let line = text[..line_start].matches('\n').count();
            let column = text[line_start..start].chars().count();
            let line_count = text[start..end].matches('\n').count() + 1;
            return Ok(Box::new(miette::MietteSpanContents::new(
                &text.as_bytes()[start..end],
                *span,
                line,
                column,
                line_count,
            )));
        }
        if end > line_end || line_chars <= WINDOW {
            return text.read_span(span, context_lines_before, context_lines_after);
        }
        // Start a little before the span, on a character boundary, and show WINDOW characters.
        let lead: usize = text[line_start..start]
            .chars()
            .rev()
            .take(24)
            .map(char::len_utf8)
            .sum();
        let window_start = start - lead;
        let shown_chars = WINDOW.max(text[window_start..end].chars().count() + 8);
        let window_end = text[window_start..line_end]
            .char_indices()
            .nth(shown_chars)
            .map_or(line_end, |(i, _)| window_start + i);
        let line = text[..line_start].matches('\n').count();
        let column = text[line_start..window_start].chars().count();
        Ok(Box::new(miette::MietteSpanContents::new(
            &text.as_bytes()[window_start..window_end],
            SourceSpan::new(window_start.into(), window_end - window_start),
            line,
            column,
            1,
        )))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report")
            .field("code", &self.diagnostic.code)
            .finish()
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.diagnostic.span;
        let primary = LabeledSpan::new_primary_with_span(
            self.diagnostic.label.clone(),
            SourceSpan::new(span.start.into(), span.len()),
        );
        let related = self.diagnostic.related.iter().map(|(span, label)| {
            LabeledSpan::new_with_span(
                Some(label.clone()),
                SourceSpan::new(span.start.into(), span.len()),
            )
        });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}
