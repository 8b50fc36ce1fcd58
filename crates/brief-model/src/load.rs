//! Loading what a brief points to (bibliography files) through a [`Loader`] the caller passes in.
//!
//! [`parse`](crate::parse) takes text only. [`resolve`] then reads bibliographies with the loader,
//! so the CLI, the language server and the renderer share one policy: [`ProjectFs`] reads only
//! inside the project root (the folder of `brief.toml`, else the git root, else the brief's
//! folder) and the folders a project allows, so `../references.bib` shared by a repository works
//! and `/etc/passwd` does not.

use std::fmt;
use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use crate::config::CONFIG_FILE_NAME;
use crate::diagnostic::{Diagnostic, FileRef, Severity};
use crate::document::{Document, LoadedFile};
use crate::parse::{read_entry, resolve_mentions};
use crate::source::{PartialDate, PersonName, Source, SourceLocation, SourceType};
use crate::span::Span;
use crate::yaml;

/// The largest file `brief` reads: 20 MB.
pub const MAX_FILE_SIZE: u64 = 20 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadErrorKind {
    /// No such file.
    NotFound,
    /// A directory where a file is needed.
    IsDirectory,
    /// The file is outside the project root and the allowed folders.
    OutsideRoot {
        /// The project root.
        root: PathBuf,
    },
    /// The file is not UTF-8 text.
    NotUtf8,
    /// The file is over [`MAX_FILE_SIZE`].
    TooLarge {
        /// Its size in bytes.
        size: u64,
    },
    /// Another I/O error.
    Io(String),
}

/// A file that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The path that was asked for.
    pub path: PathBuf,
    /// Why it failed.
    pub kind: LoadErrorKind,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.kind {
            LoadErrorKind::NotFound => write!(f, "{path}: no such file"),
            LoadErrorKind::IsDirectory => write!(f, "{path}: is a directory, not a file"),
            LoadErrorKind::OutsideRoot { root } => write!(
                f,
                "{path}: outside the project root {}; briefs may only read files inside it",
                root.display()
            ),
            LoadErrorKind::NotUtf8 => write!(f, "{path}: not UTF-8 text"),
            LoadErrorKind::TooLarge { size } => write!(
                f,
                "{path}: {:.1} MB is over the {} MB limit",
                *size as f64 / 1_048_576.0,
                MAX_FILE_SIZE / 1_048_576
            ),
            LoadErrorKind::Io(err) => write!(f, "{path}: {err}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads files on a brief's behalf.
pub trait Loader: Sync {
    /// Reads the text file at `path`.
    fn read(&self, path: &Path) -> Result<String, LoadError>;

    /// Reads the file at `path` as bytes (images, fonts).
    fn read_bytes(&self, path: &Path) -> Result<Vec<u8>, LoadError>;
}

/// Reads a text file from disk with the size limit and UTF-8 check every command applies.
pub fn read_text_file(path: &Path) -> Result<String, LoadError> {
    let error = |kind| LoadError {
        path: path.to_owned(),
        kind,
    };
    let meta = std::fs::metadata(path).map_err(|err| error(io_kind(&err)))?;
    if meta.is_dir() {
        return Err(error(LoadErrorKind::IsDirectory));
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(error(LoadErrorKind::TooLarge { size: meta.len() }));
    }
    let bytes = std::fs::read(path).map_err(|err| error(io_kind(&err)))?;
    String::from_utf8(bytes).map_err(|_| error(LoadErrorKind::NotUtf8))
}

fn io_kind(err: &std::io::Error) -> LoadErrorKind {
    match err.kind() {
        std::io::ErrorKind::NotFound => LoadErrorKind::NotFound,
        std::io::ErrorKind::IsADirectory => LoadErrorKind::IsDirectory,
        _ => LoadErrorKind::Io(err.to_string()),
    }
}

/// The project root of a brief in `dir`: the nearest folder holding `brief.toml`, else the
/// nearest git root, else `dir` itself.
pub fn project_root(dir: &Path) -> PathBuf {
    let dir = absolute(dir);
    if let Some(found) = dir.ancestors().find(|a| a.join(CONFIG_FILE_NAME).is_file()) {
        return found.to_owned();
    }
    if let Some(found) = dir.ancestors().find(|a| a.join(".git").exists()) {
        return found.to_owned();
    }
    dir
}

/// `path` made absolute against the current directory and with `.` and `..` resolved lexically.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The loader of the CLI, the language server and the renderer: reads only inside the project
/// root and the allowed folders.
#[derive(Clone, Debug)]
pub struct ProjectFs {
    root: PathBuf,
    allowed: Vec<PathBuf>,
}

impl ProjectFs {
    /// A loader confined to `root`.
    pub fn new(root: &Path) -> ProjectFs {
        ProjectFs {
            root: canonical(root),
            allowed: Vec::new(),
        }
    }

    /// A loader for the brief at `brief_path`, confined to its project root.
    pub fn for_brief(brief_path: &Path) -> ProjectFs {
        let dir = absolute(brief_path)
            .parent()
            .map(Path::to_owned)
            .unwrap_or_default();
        ProjectFs::new(&project_root(&dir))
    }

    /// Also allows reading inside `dir`.
    #[must_use]
    pub fn allow(mut self, dir: &Path) -> ProjectFs {
        self.allowed.push(canonical(dir));
        self
    }

    /// The project root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether `path` (after resolving symbolic links) lies inside the root or an allowed folder.
    pub fn permits(&self, path: &Path) -> bool {
        let resolved = canonical(path);
        resolved.starts_with(&self.root) || self.allowed.iter().any(|a| resolved.starts_with(a))
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| absolute(path))
}

impl ProjectFs {
    fn check(&self, path: &Path) -> Result<(), LoadError> {
        if !path.exists() {
            return Err(LoadError {
                path: path.to_owned(),
                kind: LoadErrorKind::NotFound,
            });
        }
        if !self.permits(path) {
            return Err(LoadError {
                path: path.to_owned(),
                kind: LoadErrorKind::OutsideRoot {
                    root: self.root.clone(),
                },
            });
        }
        Ok(())
    }
}

impl Loader for ProjectFs {
    fn read(&self, path: &Path) -> Result<String, LoadError> {
        self.check(path)?;
        read_text_file(path)
    }

    fn read_bytes(&self, path: &Path) -> Result<Vec<u8>, LoadError> {
        self.check(path)?;
        let error = |kind| LoadError {
            path: path.to_owned(),
            kind,
        };
        let meta = std::fs::metadata(path).map_err(|err| error(io_kind(&err)))?;
        if meta.is_dir() {
            return Err(error(LoadErrorKind::IsDirectory));
        }
        if meta.len() > MAX_FILE_SIZE {
            return Err(error(LoadErrorKind::TooLarge { size: meta.len() }));
        }
        std::fs::read(path).map_err(|err| error(io_kind(&err)))
    }
}

/// Reads the bibliographies `doc` names (relative to `brief_dir`) with `loader`, adds their
/// sources, and resolves narrative citations against every source. Problems are diagnostics.
pub fn resolve(doc: &mut Document, brief_dir: &Path, loader: &dyn Loader) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let paths = doc.frontmatter.bibliography.to_vec();
    let single = doc
        .frontmatter_value
        .get("bibliography")
        .is_some_and(Value::is_string);
    for (idx, written) in paths.iter().enumerate() {
        let pointer = if single {
            "/bibliography".to_owned()
        } else {
            format!("/bibliography/{idx}")
        };
        let span = doc
            .positions
            .get(&pointer)
            .map_or(Span::empty(0), |p| p.value);
        let path = brief_dir.join(written);
        let text = match loader.read(&path) {
            Ok(text) => text,
            Err(err) => {
                let help = match err.kind {
                    LoadErrorKind::OutsideRoot { .. } => {
                        "move the file into the project, or add its folder to `[render] allowed-paths` in brief.toml"
                    }
                    LoadErrorKind::NotFound => "check the path; it is relative to the brief",
                    _ => "check that the file is a readable UTF-8 text file",
                };
                diagnostics.push(
                    Diagnostic::new(
                        "schema/unreadable-file",
                        Severity::Error,
                        span,
                        format!(
                            "cannot read bibliography `{written}`: {}",
                            reason(&err.kind)
                        ),
                    )
                    .with_help(help),
                );
                continue;
            }
        };
        let file_idx = doc.files.len();
        let file = FileRef::Loaded(file_idx);
        let extension = Path::new(written)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let (sources, mut diags) = match extension.as_str() {
            "bib" | "bibtex" | "biblatex" => read_bibtex(&text, file),
            "json" => read_csl_json(&text, file),
            "yaml" | "yml" => read_yaml_sources(&text, file),
            _ => {
                diagnostics.push(
                    Diagnostic::new(
                        "schema/invalid-value",
                        Severity::Error,
                        span,
                        format!("`{written}` is not a bibliography format brief reads"),
                    )
                    .with_help(
                        "use a BibTeX `.bib`, a CSL-JSON `.json` or a `.yaml` list of sources",
                    ),
                );
                continue;
            }
        };
        doc.files.push(LoadedFile {
            path: written.clone(),
            resolved: path,
            text,
        });
        doc.sources.extend(sources);
        diagnostics.append(&mut diags);
    }
    resolve_mentions(doc);
    diagnostics
}

fn reason(kind: &LoadErrorKind) -> String {
    match kind {
        LoadErrorKind::NotFound => "no such file".into(),
        LoadErrorKind::IsDirectory => "it is a directory".into(),
        LoadErrorKind::OutsideRoot { root } => {
            format!("it is outside the project root {}", root.display())
        }
        LoadErrorKind::NotUtf8 => "it is not UTF-8 text".into(),
        LoadErrorKind::TooLarge { .. } => "it is over 20 MB".into(),
        LoadErrorKind::Io(err) => err.clone(),
    }
}

/// Reads BibTeX or BibLaTeX.
pub fn read_bibtex(text: &str, file: FileRef) -> (Vec<Source>, Vec<Diagnostic>) {
    let raw = match biblatex::RawBibliography::parse(text) {
        Ok(raw) => raw,
        Err(err) => {
            let start = crate::span::floor_char_boundary(text, err.span.start);
            let end = crate::span::ceil_char_boundary(text, err.span.end.max(start));
            return (
                Vec::new(),
                vec![
                    Diagnostic::new(
                        "schema/bibliography-syntax",
                        Severity::Error,
                        Span::new(start, end),
                        format!("invalid BibTeX: {}", err.kind),
                    )
                    .in_file(file),
                ],
            );
        }
    };
    let Ok(bib) = biblatex::Bibliography::parse(text) else {
        return (Vec::new(), Vec::new());
    };
    let mut sources = Vec::new();
    for raw_entry in &raw.entries {
        let key = raw_entry.v.key.v;
        let Some(entry) = bib.get(key) else { continue };
        let location = SourceLocation {
            file,
            span: Span::from(raw_entry.span.clone()),
            key_span: Span::from(raw_entry.v.key.span.clone()),
        };
        sources.push(bib_entry_to_source(entry, raw_entry.v.kind.v, location));
    }
    (sources, Vec::new())
}

fn bib_entry_to_source(entry: &biblatex::Entry, kind: &str, location: SourceLocation) -> Source {
    use biblatex::ChunksExt;
    let field = |name: &str| {
        entry
            .get(name)
            .map(|chunks| chunks.format_verbatim())
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty())
    };
    let mut source = Source::new(entry.key.clone(), location);
    let has_url = field("url").is_some();
    source.source_type = match kind.to_ascii_lowercase().as_str() {
        "article" | "periodical" | "inproceedings" | "conference" | "suppperiodical" => {
            let subtype = field("entrysubtype")
                .unwrap_or_default()
                .to_ascii_lowercase();
            let news_subtype = matches!(subtype.as_str(), "newspaper" | "magazine" | "news");
            let news_title = field("journaltitle").or(field("journal")).is_some_and(|j| {
                let j = j.to_lowercase();
                ["times", "news", "post", "reuters"]
                    .iter()
                    .any(|w| j.contains(w))
            });
            if news_subtype || news_title {
                Some(SourceType::News)
            } else {
                Some(SourceType::Article)
            }
        }
        "book" | "mvbook" | "booklet" | "proceedings" | "mvproceedings" | "collection"
        | "mvcollection" | "reference" => Some(SourceType::Book),
        "inbook" | "incollection" | "bookinbook" | "inreference" | "suppbook"
        | "suppcollection" => Some(SourceType::Chapter),
        "report" | "techreport" | "manual" | "unpublished" | "thesis" | "phdthesis"
        | "mastersthesis" => Some(SourceType::Report),
        "online" | "www" | "electronic" => Some(SourceType::Web),
        "dataset" => Some(SourceType::Dataset),
        "legislation" | "legal" | "jurisdiction" | "standard" => Some(SourceType::Legal),
        "misc" if has_url => Some(SourceType::Web),
        _ => None,
    };
    source.title = field("title");
    source.authors = entry
        .author()
        .map(|people| people.iter().map(person_name).collect())
        .unwrap_or_default();
    source.editors = entry
        .editors()
        .ok()
        .and_then(|groups| groups.into_iter().next())
        .map(|(people, _)| people.iter().map(person_name).collect())
        .unwrap_or_default();
    source.publisher = field("publisher")
        .or_else(|| field("institution"))
        .or_else(|| field("organization"))
        .or_else(|| field("school"));
    source.publisher_place = field("location").or_else(|| field("address"));
    source.container_title = field("journaltitle")
        .or_else(|| field("journal"))
        .or_else(|| field("booktitle"))
        .or_else(|| field("maintitle"));
    source.volume = field("volume");
    source.issue = field("number").or_else(|| field("issue"));
    source.page = field("pages");
    let (issued_text, issued) = bib_date(entry.date().ok());
    source.issued_text = issued_text;
    source.issued = issued;
    source.url = field("url");
    source.doi = field("doi");
    source.isbn = field("isbn");
    let (accessed_text, accessed) = bib_date(entry.url_date().ok());
    source.accessed_text = accessed_text;
    source.accessed = accessed;
    source.language = field("langid").or_else(|| field("language"));
    source.note = field("note").or_else(|| field("addendum"));
    source
}

fn bib_date(
    date: Option<biblatex::PermissiveType<biblatex::Date>>,
) -> (Option<String>, Option<PartialDate>) {
    use biblatex::{ChunksExt, DateValue, PermissiveType};
    match date {
        Some(PermissiveType::Typed(date)) => {
            let at = match date.value {
                DateValue::At(at) | DateValue::After(at) | DateValue::Before(at) => at,
                DateValue::Between(start, _) => start,
            };
            let partial = PartialDate {
                year: at.year,
                month: at.month.map(|m| m + 1),
                day: at.day.map(|d| d + 1),
            };
            (Some(partial.to_string()), Some(partial))
        }
        Some(PermissiveType::Chunks(chunks)) => (Some(chunks.format_verbatim()), None),
        None => (None, None),
    }
}

fn person_name(person: &biblatex::Person) -> PersonName {
    let non_empty = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    if person.given_name.trim().is_empty() && person.name.contains(' ') {
        return PersonName {
            literal: Some(person.name.trim().to_owned()),
            ..PersonName::default()
        };
    }
    PersonName {
        family: non_empty(&person.name),
        given: non_empty(&person.given_name),
        literal: None,
        suffix: non_empty(&person.suffix),
        non_dropping_particle: non_empty(&person.prefix),
    }
}

/// Reads a CSL-JSON array of items.
pub fn read_csl_json(text: &str, file: FileRef) -> (Vec<Source>, Vec<Diagnostic>) {
    let items: Vec<Value> = match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => items,
        Ok(Value::Object(map)) if map.get("items").is_some_and(Value::is_array) => {
            map["items"].as_array().cloned().unwrap_or_default()
        }
        Ok(_) => {
            return (
                Vec::new(),
                vec![
                    Diagnostic::new(
                        "schema/bibliography-syntax",
                        Severity::Error,
                        Span::new(0, text.len().min(1)),
                        "a CSL-JSON bibliography must be an array of items",
                    )
                    .in_file(file),
                ],
            );
        }
        Err(err) => {
            let index = crate::span::LineIndex::new(text);
            let offset = index.offset(text, err.line(), err.column());
            let end = crate::span::ceil_char_boundary(text, offset + 1);
            return (
                Vec::new(),
                vec![
                    Diagnostic::new(
                        "schema/bibliography-syntax",
                        Severity::Error,
                        Span::new(offset, end.max(offset)),
                        format!("invalid JSON: {err}"),
                    )
                    .in_file(file),
                ],
            );
        }
    };
    let mut sources = Vec::new();
    let mut search_from = 0;
    for item in &items {
        let Some(id) = item.get("id").map(|id| match id {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }) else {
            continue;
        };
        let needle = format!("\"{id}\"");
        let key_span = text[search_from..]
            .find(&needle)
            .map(|o| Span::new(search_from + o + 1, search_from + o + needle.len() - 1))
            .unwrap_or(Span::empty(search_from));
        search_from = key_span.end.min(text.len());
        let mut source = Source::new(
            id,
            SourceLocation {
                file,
                span: key_span,
                key_span,
            },
        );
        let string = |key: &str| {
            item.get(key).and_then(|v| match v {
                Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
        };
        source.source_type = string("type").and_then(|t| SourceType::from_csl(&t));
        source.title = string("title");
        source.authors = csl_names(item.get("author"));
        source.editors = csl_names(item.get("editor"));
        source.publisher = string("publisher");
        source.publisher_place = string("publisher-place");
        source.container_title = string("container-title");
        source.volume = string("volume");
        source.issue = string("issue");
        source.page = string("page");
        let (issued_text, issued) = csl_date(item.get("issued"));
        source.issued_text = issued_text;
        source.issued = issued;
        source.url = string("URL");
        source.doi = string("DOI");
        source.isbn = string("ISBN");
        let (accessed_text, accessed) = csl_date(item.get("accessed"));
        source.accessed_text = accessed_text;
        source.accessed = accessed;
        source.archive = string("archive");
        source.language = string("language");
        source.note = string("note");
        sources.push(source);
    }
    (sources, Vec::new())
}

fn csl_names(value: Option<&Value>) -> Vec<PersonName> {
    let Some(Value::Array(names)) = value else {
        return Vec::new();
    };
    names
        .iter()
        .filter_map(|name| serde_json::from_value::<PersonName>(name.clone()).ok())
        .collect()
}

fn csl_date(value: Option<&Value>) -> (Option<String>, Option<PartialDate>) {
    let Some(value) = value else {
        return (None, None);
    };
    if let Some(parts) = value
        .get("date-parts")
        .and_then(|p| p.get(0))
        .and_then(Value::as_array)
    {
        let num = |idx: usize| {
            parts.get(idx).and_then(|v| {
                v.as_i64()
                    .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            })
        };
        if let Some(year) = num(0).and_then(|y| i32::try_from(y).ok()) {
            let date = PartialDate {
                year,
                month: num(1).and_then(|m| u8::try_from(m).ok()),
                day: num(2).and_then(|d| u8::try_from(d).ok()),
            };
            return (Some(date.to_string()), Some(date));
        }
    }
    let raw = value
        .get("raw")
        .or_else(|| value.get("literal"))
        .and_then(Value::as_str)
        .or_else(|| value.as_str());
    match raw {
        Some(raw) => (Some(raw.to_owned()), PartialDate::parse(raw)),
        None => (None, None),
    }
}

/// Reads a `.yaml` list of sources in the shape of inline `sources`.
pub fn read_yaml_sources(text: &str, file: FileRef) -> (Vec<Source>, Vec<Diagnostic>) {
    let tree = yaml::read(text, 0);
    let mut diagnostics: Vec<Diagnostic> = tree
        .diagnostics
        .into_iter()
        .map(|d| d.in_file(file))
        .collect();
    let Some(value) = tree.value else {
        return (Vec::new(), diagnostics);
    };
    let Value::Array(items) = &value else {
        diagnostics.push(
            Diagnostic::new(
                "schema/invalid-value",
                Severity::Error,
                Span::new(0, text.len().min(1)),
                "a YAML bibliography must be a list of sources",
            )
            .with_help("write each source as a list item starting with `- id:`")
            .in_file(file),
        );
        return (Vec::new(), diagnostics);
    };
    // Validate as the `sources` of a frontmatter, then map positions back to this file.
    let wrapper = serde_json::json!({ "title": "-", "authors": ["-"], "sources": value });
    let mut positions = yaml::Positions::default();
    for (pointer, pos) in tree.positions.iter() {
        positions.insert(format!("/sources{pointer}"), pos);
    }
    let validation = crate::schema::validate(&wrapper, &positions, Span::empty(0));
    diagnostics.extend(validation.diagnostics.into_iter().map(|d| d.in_file(file)));
    let mut sources = Vec::new();
    for (idx, item) in items.iter().enumerate() {
        let pointer = format!("/sources/{idx}");
        if validation
            .invalid
            .iter()
            .any(|p| p == &pointer || p == &format!("{pointer}/id"))
        {
            continue;
        }
        let Some(entry) = read_entry(item, &pointer, &validation.invalid) else {
            continue;
        };
        let span = positions.get(&pointer).map_or(Span::empty(0), |p| p.value);
        let key_span = positions
            .get(&format!("{pointer}/id"))
            .map_or(span, |p| p.value);
        sources.push(Source::from_entry(
            &entry,
            SourceLocation {
                file,
                span,
                key_span,
            },
        ));
    }
    (sources, diagnostics)
}
