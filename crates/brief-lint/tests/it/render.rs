//! Renders diagnostics the way `brief check` shows them (miette, no color), for snapshots: the
//! flagged line with a label under the span, a window of it when the line is long.

use std::fmt;

use brief_model::{Diagnostic, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: NamedSource<Windowed>,
}

/// Source text that shows a window of a long line around the span instead of the whole line, as
/// the CLI does: a Markdown paragraph is often a single line of a thousand characters.
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
        if locating || end > line_end || line_chars <= WINDOW {
            return text.read_span(span, context_lines_before, context_lines_after);
        }
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
        f.write_str(self.diagnostic.code)
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
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(
                self.diagnostic.label.clone(),
                SourceSpan::new(span.start.into(), span.len()),
            ),
        )))
    }
}

/// A diagnostic against `text`, named `name`.
pub(crate) fn render(name: &str, text: &str, diagnostic: &Diagnostic) -> String {
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_links(false)
        .with_width(100)
        .with_context_lines(1);
    let report = Report {
        diagnostic,
        source: NamedSource::new(
            name,
            Windowed {
                text: text.to_owned(),
            },
        ),
    };
    let mut out = String::new();
    handler
        .render_report(&mut out, &report)
        .expect("diagnostics render");
    out
}
