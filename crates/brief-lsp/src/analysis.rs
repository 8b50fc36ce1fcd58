//! The analysis of one open brief: the pipeline of `brief check`, run on the editor's text.
//!
//! parse → resolve the bibliographies (through [`ProjectFs`], with the editor's unsaved text of
//! an open bibliography taking precedence over the disk) → lint with the settings of the nearest
//! `brief.toml`. A Markdown file without frontmatter is not a brief: like `brief check FILE`,
//! the server reports nothing for it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use brief_lint::Settings;
use brief_model::config::{ConfigFile, find_config};
use brief_model::load::{LoadError, LoadErrorKind, Loader, absolute, read_text_file};
use brief_model::{Diagnostic, Document, ProjectFs};

use crate::position::LineIndex;

/// What the server knows about one brief at one version.
pub(crate) struct Analysis {
    /// The parsed and resolved brief; `document.source` is the text.
    pub(crate) document: Document,
    /// Line starts of the text.
    pub(crate) line_index: LineIndex,
    /// The diagnostics of `brief check`, after settings and suppressions.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Whether the file is a brief (has frontmatter).
    pub(crate) is_brief: bool,
    /// A `brief.toml` that could not be used, with the reason.
    pub(crate) config_problem: Option<String>,
}

impl Analysis {
    pub(crate) fn text(&self) -> &str {
        &self.document.source
    }
}

/// Runs the pipeline on `text`, the content of the file at `path` (`None` for a document that
/// is not a file).
pub(crate) fn analyse(
    text: &str,
    path: Option<&Path>,
    configs: &mut Configs,
    open_files: &HashMap<PathBuf, String>,
) -> Analysis {
    let parsed = brief_model::parse(text);
    let line_index = LineIndex::new(text);
    let is_brief = !(parsed.document.frontmatter_span.is_none()
        && parsed
            .diagnostics
            .iter()
            .any(|d| d.code == "schema/missing-frontmatter"));
    let mut document = parsed.document;
    if !is_brief {
        return Analysis {
            document,
            line_index,
            diagnostics: Vec::new(),
            is_brief,
            config_problem: None,
        };
    }
    let mut diagnostics = parsed.diagnostics;
    let dir = path.and_then(Path::parent).map(absolute);
    let found = configs.for_dir(dir.as_deref());
    match (&dir, path) {
        (Some(dir), Some(path)) => {
            let mut fs = ProjectFs::for_brief(path);
            for allowed in &found.allowed {
                fs = fs.allow(allowed);
            }
            let loader = Overlay {
                fs,
                open: open_files,
            };
            diagnostics.extend(brief_model::resolve(&mut document, dir, &loader));
        }
        _ => {
            diagnostics.extend(brief_model::resolve(&mut document, Path::new(""), &NoFiles));
        }
    }
    let outcome = brief_lint::check(&document, diagnostics, &found.settings);
    Analysis {
        document,
        line_index,
        diagnostics: outcome.diagnostics,
        is_brief,
        config_problem: found.problem,
    }
}

/// Reads through [`ProjectFs`], but takes the text of a file open in the editor from the editor.
struct Overlay<'a> {
    fs: ProjectFs,
    open: &'a HashMap<PathBuf, String>,
}

impl Loader for Overlay<'_> {
    fn read(&self, path: &Path) -> Result<String, LoadError> {
        if let Some(text) = self.open.get(&absolute(path))
            && self.fs.permits(path)
        {
            return Ok(text.clone());
        }
        self.fs.read(path)
    }

    fn read_bytes(&self, path: &Path) -> Result<Vec<u8>, LoadError> {
        self.fs.read_bytes(path)
    }
}

/// The loader of a document that is not a file: there is no folder to read from.
struct NoFiles;

impl Loader for NoFiles {
    fn read(&self, path: &Path) -> Result<String, LoadError> {
        Err(LoadError {
            path: path.to_owned(),
            kind: LoadErrorKind::NotFound,
        })
    }

    fn read_bytes(&self, path: &Path) -> Result<Vec<u8>, LoadError> {
        self.read(path).map(String::into_bytes)
    }
}

/// The settings for a brief, with the folders its project allows reading.
pub(crate) struct Found {
    pub(crate) settings: Arc<Settings>,
    pub(crate) allowed: Vec<PathBuf>,
    pub(crate) problem: Option<String>,
}

/// `brief.toml` files, read once and read again when they change on disk.
pub(crate) struct Configs {
    explicit: Option<PathBuf>,
    defaults: Option<Arc<Settings>>,
    cache: HashMap<PathBuf, Cached>,
}

struct Cached {
    stamp: Option<(SystemTime, u64)>,
    result: Result<(Arc<Settings>, Vec<PathBuf>), String>,
}

impl Configs {
    pub(crate) fn new(explicit: Option<PathBuf>) -> Configs {
        Configs {
            explicit: explicit.map(|p| absolute(&p)),
            defaults: None,
            cache: HashMap::new(),
        }
    }

    fn defaults(&mut self) -> Arc<Settings> {
        self.defaults
            .get_or_insert_with(|| Arc::new(Settings::default()))
            .clone()
    }

    /// The settings governing a brief in `dir`: `--config`, else the nearest `brief.toml` in
    /// `dir` or above, else the defaults. A file that cannot be used gives the defaults and a
    /// problem to show.
    pub(crate) fn for_dir(&mut self, dir: Option<&Path>) -> Found {
        let path = match (&self.explicit, dir) {
            (Some(explicit), _) => Some(explicit.clone()),
            (None, Some(dir)) => find_config(dir),
            (None, None) => None,
        };
        let Some(path) = path else {
            return Found {
                settings: self.defaults(),
                allowed: Vec::new(),
                problem: None,
            };
        };
        let stamp = std::fs::metadata(&path)
            .ok()
            .and_then(|m| Some((m.modified().ok()?, m.len())));
        let fresh = self
            .cache
            .get(&path)
            .is_some_and(|cached| cached.stamp.is_some() && cached.stamp == stamp);
        if !fresh {
            let result = load(&path);
            self.cache.insert(path.clone(), Cached { stamp, result });
        }
        match self.cache.get(&path).map(|c| &c.result) {
            Some(Ok((settings, allowed))) => Found {
                settings: settings.clone(),
                allowed: allowed.clone(),
                problem: None,
            },
            Some(Err(problem)) => {
                let problem = problem.clone();
                Found {
                    settings: self.defaults(),
                    allowed: Vec::new(),
                    problem: Some(problem),
                }
            }
            None => Found {
                settings: self.defaults(),
                allowed: Vec::new(),
                problem: None,
            },
        }
    }
}

/// Reads a `brief.toml` into settings, as `brief check` does.
fn load(path: &Path) -> Result<(Arc<Settings>, Vec<PathBuf>), String> {
    let name = path.display();
    let text = read_text_file(path).map_err(|err| err.to_string())?;
    let config = ConfigFile::from_toml(&text).map_err(|err| {
        let location = err.span.map(|span| {
            let index = brief_model::LineIndex::new(&text);
            let at = index.line_col(&text, span.start);
            format!(":{}:{}", at.line, at.column)
        });
        let mut message = format!("{name}{}: {}", location.unwrap_or_default(), err.message);
        if let Some(help) = err.help {
            message.push_str("; ");
            message.push_str(&help);
        }
        message
    })?;
    let settings = Settings::new(&config.lint).map_err(|err| format!("{name}: {err}"))?;
    let base = path.parent().map(Path::to_owned).unwrap_or_default();
    let allowed = config
        .render
        .allowed_paths
        .iter()
        .map(|a| base.join(a))
        .collect();
    Ok((Arc::new(settings), allowed))
}
