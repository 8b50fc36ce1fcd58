//! Renders policy briefs to PDF with the Typst compiler embedded as a library.
//!
//! The pipeline, in order:
//! 1. [`typst_source`] writes one self-contained Typst file: the template (the built-in
//!    `template.typ` or a theme's), `brief-data` (the frontmatter as a dictionary, see `data`),
//!    and the body walked from the Markdown (see `body`), with citations and the bibliography
//!    formatted by brief-render, as the HTML prints them, and written as Typst markup (see
//!    `cite`). Every piece of the brief's text is a Typst string literal, never markup.
//! 2. [`render_pdf`] compiles that file in a minimal world (see `world`) with the bundled, theme,
//!    configured and system fonts (see `fonts`), checks the pages for characters no font
//!    could draw, and exports a tagged PDF.
//!
//! Problems in the brief (an unknown citation key, a missing image, a missing font) are
//! warnings; [`PdfError`] is for what stops a render.

use std::fmt;
use std::path::PathBuf;

use brief_model::config::PageSize;
use brief_model::{Diagnostic, Document, Loader, Severity, Span};
use typst::WorldExt;
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::Smart;
use typst_layout::PagedDocument;

mod body;
mod cite;
mod data;
mod fonts;
mod markup;
mod world;

#[cfg(test)]
mod tests;

/// The built-in template.
pub const DEFAULT_TEMPLATE: &str = include_str!("template.typ");

/// What [`render_pdf`] and [`typst_source`] need besides the document.
pub struct PdfOptions<'a> {
    /// Reads images and `.csl` files on the brief's behalf.
    pub loader: &'a dyn Loader,
    /// The folder of the brief; relative paths in it are resolved against this.
    pub brief_dir: PathBuf,
    /// The paper size.
    pub page_size: PageSize,
    /// Extra folders with fonts, searched before the system's.
    pub font_paths: Vec<PathBuf>,
    /// A theme folder: its `template.typ` replaces the built-in template, its `fonts/` folder
    /// is searched first, and its `logo.svg` (or `.png`, `.jpg`) is shown on the first page.
    pub theme_dir: Option<PathBuf>,
    /// The citation style when the brief does not set `citation-style`.
    pub citation_style: Option<String>,
}

/// A rendered PDF.
pub struct PdfOutput {
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// Problems that did not stop the render (missing glyphs, unreadable images, unknown
    /// citation keys).
    pub warnings: Vec<Diagnostic>,
}

/// Why a PDF could not be made.
#[derive(Debug)]
#[non_exhaustive]
pub enum PdfError {
    /// The theme's template could not be read.
    Template {
        /// The template file.
        path: PathBuf,
        /// Why it could not be read.
        message: String,
    },
    /// Typst rejected the generated source (usually a mistake in a theme's template).
    Compile {
        /// Typst's message, with its hints.
        message: String,
        /// Where, in the generated source (1-based), when known.
        line: Option<usize>,
        /// The column (1-based), when known.
        column: Option<usize>,
        /// The line of the generated source, when known.
        source_line: Option<String>,
        /// Where, in the template (1-based), when the error lies in the template.
        template_line: Option<usize>,
    },
    /// The compiled document could not be written as PDF.
    Export {
        /// Typst's message.
        message: String,
    },
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Template { path, message } => {
                write!(f, "cannot read the template {}: {message}", path.display())
            }
            PdfError::Compile {
                message,
                line,
                column,
                source_line,
                template_line,
            } => {
                write!(f, "typst could not compile the brief: {message}")?;
                if let Some(line) = line {
                    write!(f, " (line {line}")?;
                    if let Some(column) = column {
                        write!(f, ", column {column}")?;
                    }
                    f.write_str(" of the generated source")?;
                    if let Some(template_line) = template_line {
                        write!(f, ", line {template_line} of the template")?;
                    }
                    f.write_str(")")?;
                }
                if let Some(text) = source_line {
                    let text: String = text.trim().chars().take(160).collect();
                    write!(f, ": `{text}`")?;
                }
                Ok(())
            }
            PdfError::Export { message } => write!(f, "cannot write the PDF: {message}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// Renders a brief to PDF.
pub fn render_pdf(doc: &Document, options: &PdfOptions<'_>) -> Result<PdfOutput, PdfError> {
    render_with(doc, options, true)
}

/// The Typst source of a brief's PDF, with warnings. It compiles on its own with the `typst`
/// CLI (from the brief's folder, when the brief has images).
pub fn typst_source(
    doc: &Document,
    options: &PdfOptions<'_>,
) -> Result<(String, Vec<Diagnostic>), PdfError> {
    let fonts = fonts::fonts(&font_sources(options, true));
    let generated = generate(doc, options, &fonts)?;
    Ok((generated.source, generated.warnings))
}

/// The generated source and what compiling it needs.
struct Generated {
    source: String,
    warnings: Vec<Diagnostic>,
    /// How many folders above the brief's the images reach.
    parent_depth: usize,
    /// The first line of the template in the source, and its number of lines.
    template_lines: (usize, usize),
}

fn font_sources(options: &PdfOptions<'_>, system: bool) -> fonts::FontSources {
    fonts::FontSources {
        dirs: fonts::font_dirs(options.theme_dir.as_deref(), &options.font_paths),
        system,
    }
}

pub(crate) fn render_with(
    doc: &Document,
    options: &PdfOptions<'_>,
    system_fonts: bool,
) -> Result<PdfOutput, PdfError> {
    let fonts = fonts::fonts(&font_sources(options, system_fonts));
    let generated = generate(doc, options, &fonts)?;
    let mut warnings = generated.warnings;
    let world = world::BriefWorld::new(
        generated.source,
        &options.brief_dir,
        generated.parent_depth,
        fonts,
        options.loader,
    );
    let Warned {
        output,
        warnings: typst_warnings,
    } = typst::compile::<PagedDocument>(&world);
    // Keep Typst's caches from growing without bound in long batch runs.
    typst::comemo::evict(30);
    let document =
        output.map_err(|errors| compile_error(&world, &errors, generated.template_lines))?;
    for warning in typst_warnings.iter() {
        let (line, _, _) = locate(&world, warning);
        let at = line
            .map(|l| format!(" (line {l} of the generated source)"))
            .unwrap_or_default();
        warnings.push(Diagnostic::new(
            "render/typst-warning",
            Severity::Warning,
            Span::empty(0),
            format!("typst: {}{at}", warning.message),
        ));
    }
    warnings.extend(fonts::missing_glyph_warnings(
        document.pages().iter().map(|page| &page.frame),
        &doc.source,
    ));
    let pdf = export(&document, &mut warnings)?;
    Ok(PdfOutput { pdf, warnings })
}

/// Exports a PDF/UA-1 document (tagged, with the checks that standard makes); when the
/// document cannot meet PDF/UA-1 (an image without alternative text in a theme, say), a
/// tagged PDF without the claim, with a warning saying why.
fn export(document: &PagedDocument, warnings: &mut Vec<Diagnostic>) -> Result<Vec<u8>, PdfError> {
    let messages = |errors: &[SourceDiagnostic]| {
        errors
            .iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let ua = typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::Ua_1]).ok();
    if let Some(standards) = ua {
        let options = typst_pdf::PdfOptions {
            ident: Smart::Auto,
            standards,
            tagged: true,
            ..typst_pdf::PdfOptions::default()
        };
        match typst_pdf::pdf(document, &options) {
            Ok(pdf) => return Ok(pdf),
            Err(errors) => warnings.push(
                Diagnostic::new(
                    "render/not-pdf-ua",
                    Severity::Warning,
                    Span::empty(0),
                    format!("the PDF is tagged but not PDF/UA-1: {}", messages(&errors)),
                )
                .with_help("give every image alternative text"),
            ),
        }
    }
    let options = typst_pdf::PdfOptions {
        ident: Smart::Auto,
        tagged: true,
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| PdfError::Export {
        message: messages(&errors),
    })
}

fn generate(
    doc: &Document,
    options: &PdfOptions<'_>,
    fonts: &fonts::Fonts,
) -> Result<Generated, PdfError> {
    let mut warnings = Vec::new();
    let template = load_template(options)?;
    let logo = load_logo(options, &mut warnings);
    let style = cite::load_style(
        doc,
        options.citation_style.as_deref(),
        &options.brief_dir,
        options.loader,
        &mut warnings,
    );
    let citations = cite::Citations::new(style);
    let mut body = body::Body::new(doc, citations, &options.brief_dir, options.loader);
    let summary_up_front = body.summary_up_front();
    let markup = body.walk();
    let parent_depth = body.parent_depth;
    let (markup, body_warnings) = body.finish(&markup);
    warnings.extend(body_warnings);

    let choice = data::FontChoice {
        serif: fonts::pick_families(fonts, &["Libertinus Serif"], "Libertinus Serif"),
        sans: fonts::pick_families(
            fonts,
            &[
                "Noto Sans",
                "Source Sans 3",
                "Source Sans Pro",
                "Open Sans",
                "DejaVu Sans",
                "Liberation Sans",
                "Arial",
                "Helvetica",
            ],
            "Libertinus Serif",
        ),
        mono: fonts::pick_families(fonts, &["DejaVu Sans Mono"], "DejaVu Sans Mono"),
    };
    let data = data::brief_data(
        doc,
        options.page_size,
        &choice,
        logo.as_ref(),
        summary_up_front,
    );

    let header = format!(
        "// Typst source of the PDF of \"{}\", generated by brief.\n\
         // Compile it with `typst compile` (from the brief's folder when it has images).\n\
         // The template comes first, then the brief's data and text.\n\n",
        data::short_title(doc).replace(['\n', '\r'], " ")
    );
    let mut source =
        String::with_capacity(header.len() + template.len() + data.len() + markup.len() + 200);
    source.push_str(&header);
    let template_start = source.lines().count() + 1;
    source.push_str(&template);
    if !template.ends_with('\n') {
        source.push('\n');
    }
    let template_lines = template.lines().count();
    source.push_str("\n// ---- The brief ----\n\n");
    source.push_str(&data);
    source.push_str("\n#show: brief-document.with(brief-data)\n\n");
    if summary_up_front {
        source.push_str("#brief-summary(brief-data)\n\n");
    }
    source.push_str(&markup);
    source.push('\n');
    Ok(Generated {
        source,
        warnings,
        parent_depth,
        template_lines: (template_start, template_lines),
    })
}

fn load_template(options: &PdfOptions<'_>) -> Result<String, PdfError> {
    let Some(theme) = &options.theme_dir else {
        return Ok(DEFAULT_TEMPLATE.to_owned());
    };
    let path = theme.join("template.typ");
    if !path.is_file() {
        return Ok(DEFAULT_TEMPLATE.to_owned());
    }
    std::fs::read_to_string(&path).map_err(|err| PdfError::Template {
        message: err.to_string(),
        path,
    })
}

/// The largest logo embedded in the source.
const MAX_LOGO_SIZE: u64 = 2 * 1024 * 1024;

fn load_logo(options: &PdfOptions<'_>, warnings: &mut Vec<Diagnostic>) -> Option<data::Logo> {
    let theme = options.theme_dir.as_ref()?;
    for name in ["logo.svg", "logo.png", "logo.jpg", "logo.jpeg"] {
        let path = theme.join(name);
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.len() > MAX_LOGO_SIZE {
            warnings.push(
                Diagnostic::new(
                    "render/missing-image",
                    Severity::Warning,
                    Span::empty(0),
                    format!(
                        "the theme's logo {} is over 2 MB and is left out",
                        path.display()
                    ),
                )
                .with_help("use a smaller logo, preferably an SVG"),
            );
            return None;
        }
        match std::fs::read(&path) {
            Ok(bytes) => {
                return Some(data::Logo {
                    bytes,
                    svg: name.ends_with(".svg"),
                });
            }
            Err(err) => {
                warnings.push(Diagnostic::new(
                    "render/missing-image",
                    Severity::Warning,
                    Span::empty(0),
                    format!("cannot read the theme's logo {}: {err}", path.display()),
                ));
                return None;
            }
        }
    }
    None
}

/// The 1-based line and column of a diagnostic in the generated source, and that line.
fn locate(
    world: &world::BriefWorld<'_>,
    diagnostic: &SourceDiagnostic,
) -> (Option<usize>, Option<usize>, Option<String>) {
    let Some(range) = world.range(diagnostic.span) else {
        return (None, None, None);
    };
    let source = world.main_source();
    let lines = source.lines();
    let Some((line, column)) = lines.byte_to_line_column(range.start) else {
        return (None, None, None);
    };
    let text = source.text().lines().nth(line).map(str::to_owned);
    (Some(line + 1), Some(column + 1), text)
}

fn compile_error(
    world: &world::BriefWorld<'_>,
    errors: &[SourceDiagnostic],
    (template_start, template_lines): (usize, usize),
) -> PdfError {
    let Some(first) = errors.first() else {
        return PdfError::Compile {
            message: "unknown error".to_owned(),
            line: None,
            column: None,
            source_line: None,
            template_line: None,
        };
    };
    let mut message = first.message.to_string();
    for hint in &first.hints {
        message.push_str("; hint: ");
        message.push_str(&hint.v);
    }
    if errors.len() > 1 {
        message.push_str(&format!(" (and {} more errors)", errors.len() - 1));
    }
    let (line, column, source_line) = locate(world, first);
    let template_line = line
        .filter(|&l| l >= template_start && l < template_start + template_lines)
        .map(|l| l - template_start + 1);
    PdfError::Compile {
        message,
        line,
        column,
        source_line,
        template_line,
    }
}
