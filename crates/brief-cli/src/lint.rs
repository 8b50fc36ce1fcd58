//! The pipeline shared by the commands that lint (`check`, `claims`): read, parse, load
//! bibliographies, resolve settings, lint.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use brief_lint::{Outcome, Settings};
use brief_model::Document;
use brief_model::config::LintOptions;

use crate::exit::Failure;
use crate::inputs::{self, Configs, Input};

/// Rule selection given on the command line, over brief.toml's.
#[derive(Clone, Debug, Default)]
pub(crate) struct Overrides {
    pub(crate) select: Option<Vec<String>>,
    pub(crate) ignore: Vec<String>,
}

/// A linted brief.
pub(crate) struct Linted {
    pub(crate) input: Input,
    pub(crate) document: Document,
    pub(crate) outcome: Outcome,
}

/// What happened to one input.
pub(crate) enum Result {
    /// Linted.
    Linted(Box<Linted>),
    /// An explicitly given Markdown file without frontmatter: probably not a brief.
    NotABrief(Input),
    /// Could not be read or configured.
    Failed(Failure),
}

/// Settings per brief.toml, resolved once.
pub(crate) struct SettingsCache {
    overrides: Overrides,
    cache: Mutex<HashMap<Option<PathBuf>, Arc<Settings>>>,
}

impl SettingsCache {
    pub(crate) fn new(overrides: Overrides) -> SettingsCache {
        SettingsCache {
            overrides,
            cache: Mutex::new(HashMap::new()),
        }
    }

    pub(crate) fn get(
        &self,
        configs: &Configs,
        input: &Input,
    ) -> std::result::Result<Arc<Settings>, Failure> {
        let found = configs.for_dir(&input.dir())?;
        let (path, options) = match &found {
            Some((path, config)) => (Some(path.clone()), config.lint.clone()),
            None => (None, LintOptions::default()),
        };
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(settings) = cache.get(&path) {
            return Ok(settings.clone());
        }
        let mut options = options;
        if let Some(select) = &self.overrides.select {
            options.select = Some(select.clone());
        }
        options.ignore.extend(self.overrides.ignore.iter().cloned());
        let settings = Settings::new(&options).map_err(|err| {
            let name = path
                .as_ref()
                .map_or_else(|| "command line".to_owned(), |p| p.display().to_string());
            let mut message = format!("{name}: {}", err.message);
            if let Some(help) = err.help {
                message.push_str("\n  help: ");
                message.push_str(&help);
            }
            Failure::config(message)
        })?;
        let settings = Arc::new(settings);
        cache.insert(path, settings.clone());
        Ok(settings)
    }
}

/// Reads, parses and lints one input. `strict` lints Markdown files without frontmatter too.
pub(crate) fn lint_input(
    input: &Input,
    text: Option<String>,
    configs: &Configs,
    settings: &SettingsCache,
    strict: bool,
) -> Result {
    let text = match text {
        Some(text) => text,
        None => match inputs::read(input) {
            Ok(text) => text,
            Err(failure) => return Result::Failed(failure),
        },
    };
    let parsed = brief_model::parse(&text);
    let no_frontmatter = parsed.document.frontmatter_span.is_none()
        && parsed
            .diagnostics
            .iter()
            .any(|d| d.code == "schema/missing-frontmatter");
    if no_frontmatter && !strict && input.path.is_some() {
        return Result::NotABrief(input.clone());
    }
    let settings = match settings.get(configs, input) {
        Ok(found) => found,
        Err(failure) => return Result::Failed(failure),
    };
    let loader = match inputs::loader_for(input, configs) {
        Ok(loader) => loader,
        Err(failure) => return Result::Failed(failure),
    };
    let mut document = parsed.document;
    let mut diagnostics = parsed.diagnostics;
    diagnostics.extend(brief_model::resolve(&mut document, &input.dir(), &loader));
    let outcome = brief_lint::check(&document, diagnostics, &settings);
    Result::Linted(Box::new(Linted {
        input: input.clone(),
        document,
        outcome,
    }))
}
