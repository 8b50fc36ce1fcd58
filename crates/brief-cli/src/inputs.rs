//! Finding and reading the briefs a command works on: explicit files, directory walks (which
//! respect `.gitignore` and `[project]` globs), and `-` for standard input.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use brief_model::config::{ConfigFile, find_config};
use brief_model::load::{LoadError, LoadErrorKind, MAX_FILE_SIZE, read_text_file};

use crate::exit::Failure;

/// One brief to process.
#[derive(Clone, Debug)]
pub(crate) struct Input {
    /// The path as given or found by the walk (`-` names standard input).
    pub(crate) display: String,
    /// The file, or `None` for standard input.
    pub(crate) path: Option<PathBuf>,
    /// Given on the command line (not found by a walk).
    pub(crate) explicit: bool,
}

impl Input {
    /// The folder the brief's relative paths are resolved against.
    pub(crate) fn dir(&self) -> PathBuf {
        let path = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(&self.display));
        let parent = path.parent().map(Path::to_owned).unwrap_or_default();
        if parent.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            parent
        }
    }

    /// A path to name the brief by, for stdin the `--stdin-filename`.
    pub(crate) fn name_path(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from(&self.display))
    }
}

/// Expands command-line paths into inputs. Problems (missing paths) are returned as failures;
/// the other inputs are still returned.
pub(crate) fn collect(
    paths: &[PathBuf],
    stdin_filename: Option<&str>,
    configs: &Configs,
) -> (Vec<Input>, Vec<Failure>) {
    let mut inputs = Vec::new();
    let mut failures = Vec::new();
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    for path in &paths {
        if path.as_os_str() == "-" {
            inputs.push(Input {
                display: stdin_filename.unwrap_or("-").to_owned(),
                path: None,
                explicit: true,
            });
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let found = walk(path, configs, &mut failures);
                inputs.extend(found);
            }
            Ok(_) => inputs.push(Input {
                display: path.display().to_string(),
                path: Some(path.clone()),
                explicit: true,
            }),
            Err(err) => failures.push(Failure::io(format!(
                "{}: {}",
                path.display(),
                if err.kind() == std::io::ErrorKind::NotFound {
                    "no such file or directory".to_owned()
                } else {
                    err.to_string()
                }
            ))),
        }
    }
    (inputs, failures)
}

fn walk(dir: &Path, configs: &Configs, failures: &mut Vec<Failure>) -> Vec<Input> {
    let mut builder = ignore::WalkBuilder::new(dir);
    builder.require_git(false).follow_links(false);
    // `[project] include`/`exclude` of the governing brief.toml, relative to its folder.
    if let Ok(Some((config_path, config))) = configs.for_dir(dir) {
        let root = config_path.parent().map(Path::to_owned).unwrap_or_default();
        let mut overrides = ignore::overrides::OverrideBuilder::new(&root);
        let mut any = false;
        for glob in &config.project.include {
            any |= overrides.add(glob).is_ok();
        }
        for glob in &config.project.exclude {
            any |= overrides.add(&format!("!{glob}")).is_ok();
        }
        if any {
            match overrides.build() {
                Ok(built) => {
                    builder.overrides(built);
                }
                Err(err) => failures.push(Failure::config(format!(
                    "{}: invalid glob in [project]: {err}",
                    config_path.display()
                ))),
            }
        }
    }
    let mut found = Vec::new();
    for entry in builder.build() {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                let path = entry.path();
                let is_md = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown")
                });
                if is_file && is_md {
                    let path = path.strip_prefix("./").unwrap_or(path).to_owned();
                    found.push(Input {
                        display: path.display().to_string(),
                        path: Some(path),
                        explicit: false,
                    });
                }
            }
            Err(err) => failures.push(Failure::io(err.to_string())),
        }
    }
    found.sort_by(|a, b| a.display.cmp(&b.display));
    found
}

/// Reads an input's text with the shared limits (20 MB, UTF-8).
pub(crate) fn read(input: &Input) -> Result<String, Failure> {
    match &input.path {
        Some(path) => read_text_file(path).map_err(|err| Failure::io(describe(&err))),
        None => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(MAX_FILE_SIZE + 1)
                .read_to_end(&mut bytes)
                .map_err(|err| Failure::io(format!("standard input: {err}")))?;
            if bytes.len() as u64 > MAX_FILE_SIZE {
                return Err(Failure::io(
                    "standard input: over the 20 MB limit".to_owned(),
                ));
            }
            String::from_utf8(bytes)
                .map_err(|_| Failure::io("standard input: not UTF-8 text".to_owned()))
        }
    }
}

fn describe(err: &LoadError) -> String {
    match err.kind {
        LoadErrorKind::NotUtf8 => format!(
            "{}: not UTF-8 text; briefs must be saved as UTF-8",
            err.path.display()
        ),
        _ => err.to_string(),
    }
}

/// `brief.toml` files, found by walking up from each brief and read once.
pub(crate) struct Configs {
    explicit: Option<(PathBuf, ConfigFile)>,
    cache: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    files: Mutex<HashMap<PathBuf, ConfigFile>>,
}

impl Configs {
    /// Configuration from `--config`, or found per brief.
    pub(crate) fn new(explicit: Option<&Path>) -> Result<Configs, Failure> {
        let explicit = match explicit {
            Some(path) => Some((path.to_owned(), load_config(path)?)),
            None => None,
        };
        Ok(Configs {
            explicit,
            cache: Mutex::new(HashMap::new()),
            files: Mutex::new(HashMap::new()),
        })
    }

    /// The configuration governing briefs in `dir`, with its path.
    pub(crate) fn for_dir(&self, dir: &Path) -> Result<Option<(PathBuf, ConfigFile)>, Failure> {
        if let Some((path, config)) = &self.explicit {
            return Ok(Some((path.clone(), config.clone())));
        }
        let dir = brief_model::load::absolute(dir);
        let found = {
            let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            cache
                .entry(dir.clone())
                .or_insert_with(|| find_config(&dir))
                .clone()
        };
        let Some(path) = found else { return Ok(None) };
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(config) = files.get(&path) {
            return Ok(Some((path, config.clone())));
        }
        let config = load_config(&path)?;
        files.insert(path.clone(), config.clone());
        Ok(Some((path, config)))
    }
}

/// Reads and checks a `brief.toml`; errors are rendered with the line and a did-you-mean.
pub(crate) fn load_config(path: &Path) -> Result<ConfigFile, Failure> {
    let text = read_text_file(path).map_err(|err| Failure::config(err.to_string()))?;
    ConfigFile::from_toml(&text).map_err(|err| {
        let location = err.span.map(|span| {
            let index = brief_model::LineIndex::new(&text);
            let at = index.line_col(&text, span.start);
            format!(":{}:{}", at.line, at.column)
        });
        let mut message = format!(
            "{}{}: {}",
            path.display(),
            location.unwrap_or_default(),
            err.message
        );
        if let Some(help) = err.help {
            message.push_str("\n  help: ");
            message.push_str(&help);
        }
        Failure::config(message)
    })
}

/// The loader for a brief: confined to its project root, plus the `[render] allowed-paths` of its
/// brief.toml (relative to that file's folder).
pub(crate) fn loader_for(
    input: &Input,
    configs: &Configs,
) -> Result<brief_model::ProjectFs, Failure> {
    let mut loader = brief_model::ProjectFs::for_brief(&input.name_path());
    if let Some((path, config)) = configs.for_dir(&input.dir())? {
        let base = path.parent().map(Path::to_owned).unwrap_or_default();
        for allowed in &config.render.allowed_paths {
            loader = loader.allow(&base.join(allowed));
        }
    }
    Ok(loader)
}
