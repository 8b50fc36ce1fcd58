//! `brief render PATH… --to html|print|pdf|typst`: publication output.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::args::GlobalArgs;
use crate::exit::{Failure, Status};

/// Output formats of `brief render`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Standalone HTML (`.html`).
    Html,
    /// Print-ready HTML with a paged-media stylesheet (`.print.html`).
    Print,
    /// PDF (`.pdf`).
    Pdf,
    /// The Typst source of the PDF (`.typ`).
    Typst,
}

/// The engine that makes PDFs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum PdfEngine {
    /// The embedded Typst compiler.
    #[default]
    Typst,
    /// Headless Chromium printing the print HTML (found on the PATH or named by BRIEF_CHROMIUM).
    Chromium,
}

#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    /// Briefs or folders of briefs (`-` reads standard input).
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// Output format; repeat for several.
    #[arg(long = "to", value_enum, default_values_t = [Format::Html])]
    pub(crate) to: Vec<Format>,
    /// Write the output to FILE (one brief, one format; `-` is standard output).
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Write outputs under DIR, mirroring the inputs' paths.
    #[arg(long, value_name = "DIR")]
    pub(crate) out_dir: Option<PathBuf>,
    /// A theme folder overriding templates, CSS, logo and fonts.
    #[arg(long, value_name = "DIR")]
    pub(crate) theme: Option<PathBuf>,
    /// The engine for `--to pdf`.
    #[arg(long, value_enum, default_value_t = PdfEngine::Typst)]
    pub(crate) pdf_engine: PdfEngine,
    /// Extra folders with fonts for PDF output.
    #[arg(long, value_name = "DIR")]
    pub(crate) font_path: Vec<PathBuf>,
    /// The name of the brief read from standard input.
    #[arg(long, value_name = "PATH")]
    pub(crate) stdin_filename: Option<String>,
}

pub(crate) fn run(_args: &RenderArgs, _global: &GlobalArgs) -> Result<Status, Failure> {
    Err(Failure::output("rendering is being built".to_owned()))
}
