//! The command line, declared once with clap: `--help`, completions and the man page all come
//! from here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::ColorChoice;

/// Lint and render think-tank policy briefs written in Markdown.
#[derive(Debug, Parser)]
#[command(name = "brief", version, about, long_about = None, max_term_width = 100)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// Use this brief.toml instead of the one found by walking up from each brief.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// When to color output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Lint briefs: claims, sources, recommendations and structure.
    Check(crate::commands::check::CheckArgs),
    /// List the fact-checker's worksheet of every check-worthy sentence.
    Claims(crate::commands::claims::ClaimsArgs),
    /// List the rules, or print one rule's documentation.
    Rules(crate::commands::rules::RulesArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(crate::commands::completions::CompletionsArgs),
    /// Write the man pages.
    #[command(hide = true)]
    Man(crate::commands::completions::ManArgs),
    Lsp(crate::commands::lsp::LspArgs),
    /// Write a new brief from a template.
    New(crate::commands::new::NewArgs),
    /// Print the document model of briefs as JSON.
    Parse(ParseArgs),
    /// Serve a live preview of a brief with its findings, reloading on every save.
    Preview(crate::commands::preview::PreviewArgs),
    /// Print a JSON Schema: of brief frontmatter, of brief.toml, or of `parse` output.
    Schema(SchemaArgs),
    /// Render briefs to standalone HTML, print-ready HTML, PDF or Typst source.
    Render(crate::commands::render::RenderArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ParseArgs {
    /// Briefs to parse (`-` reads standard input).
    #[arg(required = true, value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
    /// Write the JSON to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    pub(crate) output: PathBuf,
    /// The name of the brief read from standard input.
    #[arg(long, value_name = "PATH")]
    pub(crate) stdin_filename: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// Which schema.
    #[arg(value_enum, default_value_t = SchemaKind::Brief)]
    pub(crate) kind: SchemaKind,
    /// Write the schema to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    pub(crate) output: PathBuf,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum SchemaKind {
    /// Brief frontmatter.
    Brief,
    /// brief.toml.
    Config,
    /// The output of `brief parse`.
    Document,
}
