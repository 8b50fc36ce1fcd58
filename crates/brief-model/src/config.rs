//! `brief.toml`: the project configuration, read by the model so the linter and the renderer share it.
//!
//! These are the raw options as written (every field optional, unknown keys refused); the linter
//! and the renderer resolve them into their own settings. A file is found by walking up from each
//! brief, like `ruff.toml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::span::Span;
use crate::suggest::did_you_mean;

/// The name of the configuration file.
pub const CONFIG_FILE_NAME: &str = "brief.toml";

/// The contents of `brief.toml`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[schemars(
    title = "brief.toml",
    description = "Configuration of `brief` for a publication repository."
)]
pub struct ConfigFile {
    /// Which files belong to the project.
    #[serde(default)]
    pub project: ProjectOptions,
    /// The linter (`brief check`).
    #[serde(default)]
    pub lint: LintOptions,
    /// The renderer (`brief render`).
    #[serde(default)]
    pub render: RenderOptions,
}

/// The `[project]` table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ProjectOptions {
    /// Globs of briefs to process when a directory is walked (default: every `.md` file).
    #[serde(default)]
    #[schemars(extend("examples" = [["briefs/**/*.md"]]))]
    pub include: Vec<String>,
    /// Globs to skip when a directory is walked, in addition to `.gitignore`.
    #[serde(default)]
    #[schemars(extend("examples" = [["archive/**", "README.md"]]))]
    pub exclude: Vec<String>,
}

/// The `[lint]` table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct LintOptions {
    /// Rules to run, by code (`claims/relative-time`), category (`claims`) or `all` (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("examples" = [["all"]]))]
    pub select: Option<Vec<String>>,
    /// Rules to skip, by code or category.
    #[serde(default)]
    #[schemars(extend("examples" = [["style/long-sentence"]]))]
    pub ignore: Vec<String>,
    /// Severity overrides: `off`, `info`, `warning` or `error`, by code or category.
    #[serde(default)]
    #[schemars(extend("examples" = [{"claims/relative-time": "info", "style": "off"}]))]
    pub severity: BTreeMap<String, SeverityOption>,
    /// Whether an inline link to an `http(s)` URL counts as a source for its sentence (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links_are_sources: Option<bool>,
    /// Where a citation satisfies a claim: its `sentence` (default) or its whole `paragraph`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation_scope: Option<CitationScope>,
    /// The most words a summary may have (default 150).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &150)]
    pub summary_max_words: Option<usize>,
    /// The most words a sentence may have before `style/long-sentence` (default 40).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &40)]
    pub long_sentence_words: Option<usize>,
    /// The fewest recommendations a brief should have (default 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_recommendations: Option<usize>,
    /// The most recommendations a brief should have (default 7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_recommendations: Option<usize>,
    /// More than this share of all citations to one source is flagged (default 0.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concentration_share: Option<f64>,
    /// Settings per brief type, keyed by type (`policy-brief`, `memo`, ...).
    #[serde(default)]
    pub types: BTreeMap<String, TypeOptions>,
    /// Extensions or replacements of the built-in word lists, keyed by list name
    /// (`weasel`, `vague-actions`, `relative-time`, `vague-time`, `generalizations`, `speech-verbs`,
    /// `actor-nouns`, `confused-words`, `misspellings`, `wordy-phrases`, `gendered-terms`).
    #[serde(default)]
    pub word_lists: BTreeMap<String, WordListOptions>,
}

/// A severity override.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SeverityOption {
    /// The rule does not run.
    Off,
    /// Reported as info.
    Info,
    /// Reported as a warning.
    Warning,
    /// Reported as an error.
    Error,
}

/// Where a citation satisfies a claim.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CitationScope {
    /// A citation sources only its own sentence.
    #[default]
    Sentence,
    /// A citation anywhere in a paragraph sources every sentence of it.
    Paragraph,
}

/// Settings for one brief type.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct TypeOptions {
    /// Sections the type requires: `summary`, `recommendations`, or any heading text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("examples" = [["summary", "recommendations"]]))]
    pub required_sections: Option<Vec<String>>,
    /// The fewest body words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_words: Option<usize>,
    /// The most body words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_words: Option<usize>,
}

/// Changes to a built-in word list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct WordListOptions {
    /// Entries added to the built-in list.
    #[serde(default)]
    #[schemars(extend("examples" = [["pundits insist"]]))]
    pub extend: Vec<String>,
    /// Built-in entries to drop.
    #[serde(default)]
    pub remove: Vec<String>,
    /// When set, the built-in list is replaced by this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replace: Option<Vec<String>>,
}

/// The `[render]` table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct RenderOptions {
    /// A theme folder that overrides templates, CSS, logo and fonts (relative to `brief.toml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"theme")]
    pub theme: Option<String>,
    /// The paper size of print HTML and PDF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<PageSize>,
    /// Whether to print a table of contents (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toc: Option<bool>,
    /// Folders outside the project root that briefs may read (images, bibliographies).
    #[serde(default)]
    #[schemars(extend("examples" = [["../shared-assets"]]))]
    pub allowed_paths: Vec<String>,
    /// Folders with extra fonts for PDF output.
    #[serde(default)]
    pub font_paths: Vec<String>,
    /// The citation style when a brief does not set `citation-style`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"chicago-notes")]
    pub citation_style: Option<String>,
    /// The base URL where rendered briefs are published, for `citation_pdf_url` and links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"https://example.org/briefs/")]
    pub base_url: Option<String>,
}

/// A paper size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PageSize {
    /// ISO A4 (210 × 297 mm).
    #[default]
    A4,
    /// US Letter (8.5 × 11 in).
    Letter,
}

/// A `brief.toml` that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// What is wrong.
    pub message: String,
    /// Where in the file.
    pub span: Option<Span>,
    /// How to fix it.
    pub help: Option<String>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

impl ConfigFile {
    /// Reads the text of a `brief.toml`.
    pub fn from_toml(text: &str) -> Result<ConfigFile, ConfigError> {
        toml::from_str(text).map_err(|err| {
            let message = err.message().trim().to_owned();
            let help = unknown_field_help(&message);
            ConfigError {
                message: message
                    .lines()
                    .next()
                    .unwrap_or("invalid configuration")
                    .to_owned(),
                span: err.span().map(Span::from),
                help,
            }
        })
    }
}

/// For serde's "unknown field `x`, expected one of `a`, `b`", a did-you-mean.
fn unknown_field_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let candidates: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    match did_you_mean(field, candidates.iter().copied()) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None => Some(format!(
            "the keys allowed here are {}",
            candidates
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The `brief.toml` that governs a brief in `dir`: the nearest one in `dir` or above.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|ancestor| ancestor.join(CONFIG_FILE_NAME))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_table() {
        let config = ConfigFile::from_toml(
            r#"
[project]
exclude = ["drafts/**"]
[lint]
ignore = ["style"]
citation-scope = "paragraph"
[lint.severity]
"claims/relative-time" = "info"
[lint.types.memo]
min-words = 100
[lint.word-lists.weasel]
extend = ["pundits insist"]
[render]
page-size = "letter"
"#,
        )
        .unwrap();
        assert_eq!(config.project.exclude, ["drafts/**"]);
        assert_eq!(
            config.lint.severity["claims/relative-time"],
            SeverityOption::Info
        );
        assert_eq!(config.lint.citation_scope, Some(CitationScope::Paragraph));
        assert_eq!(config.lint.types["memo"].min_words, Some(100));
        assert_eq!(config.render.page_size, Some(PageSize::Letter));
    }

    #[test]
    fn unknown_keys_are_errors_with_a_suggestion() {
        let err = ConfigFile::from_toml("[lint]\nselct = [\"claims\"]\n").unwrap_err();
        assert!(
            err.message.contains("unknown field `selct`"),
            "{}",
            err.message
        );
        assert_eq!(err.help.as_deref(), Some("did you mean `select`?"));
        let span = err.span.unwrap();
        assert_eq!(span.start, 7);
    }
}
