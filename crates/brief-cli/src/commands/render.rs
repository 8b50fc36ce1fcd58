//! `brief render PATH… --to html|print|pdf|typst`: publication output.
//!
//! The command first plans every output path and refuses a plan that would overwrite an input
//! or write two outputs to one file (exit 2, nothing written). It then renders the briefs, in
//! parallel when there are several, writes each output atomically, and goes on past a brief
//! that fails (exit 1 at the end). Lint errors never stop a render; only problems that change
//! the output (an unreadable bibliography, a missing image) are reported.

use std::collections::{BTreeSet, HashMap};
use std::io::IsTerminal;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use brief_model::config::{ConfigFile, PageSize};
use brief_model::{Diagnostic, Document, ProjectFs};
use brief_render::{HtmlKind, IndexEntry, IndexLink, RenderContext, Theme};
use clap::{Args, ValueEnum};
use rayon::prelude::*;

use crate::args::GlobalArgs;
use crate::exit::{Failure, Status};
use crate::inputs::{self, Configs, Input};
use crate::report::Renderer;

/// Output formats of `brief render`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, ValueEnum)]
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

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Print => "print.html",
            Format::Pdf => "pdf",
            Format::Typst => "typ",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Format::Html => "HTML",
            Format::Print => "Print HTML",
            Format::Pdf => "PDF",
            Format::Typst => "Typst",
        }
    }
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

/// One brief and where each of its formats goes.
struct Job {
    input: Input,
    outputs: Vec<(Format, PathBuf)>,
}

/// What rendering one brief gave, for the index and the exit code.
struct Outcome {
    status: Status,
    entry: Option<IndexEntry>,
}

pub(crate) fn run(args: &RenderArgs, global: &GlobalArgs) -> Result<Status, Failure> {
    let formats: Vec<Format> = args
        .to
        .iter()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    check_pdf_support(&formats, args.pdf_engine)?;
    if args.output.is_some() && args.out_dir.is_some() {
        return Err(Failure::io(
            "`-o` and `--out-dir` cannot be used together".to_owned(),
        ));
    }
    let configs = Configs::new(global.config.as_deref())?;
    let (inputs, failures) = inputs::collect(&args.paths, args.stdin_filename.as_deref(), &configs);
    let mut status = Status::Ok;
    for failure in &failures {
        failure.print();
        status = status.max(failure.status);
    }
    if inputs.is_empty() {
        if failures.is_empty() {
            eprintln!("note: no briefs found");
        }
        return Ok(status);
    }
    let batch = args.paths.iter().any(|p| p.is_dir());
    let jobs = plan(args, &inputs, &formats)?;
    let index_path = match (&args.out_dir, batch) {
        (Some(dir), true) => Some(dir.join("index.html")),
        _ => None,
    };
    if let Some(index) = &index_path {
        for job in &jobs {
            if let Some((_, path)) = job.outputs.iter().find(|(_, path)| path == index) {
                return Err(Failure::io(format!(
                    "{}: its output {} would be the batch index; rename the brief",
                    job.input.display,
                    path.display()
                )));
            }
        }
    }

    let renderer = Renderer::new(global.color.stderr());
    let themes = ThemeCache::default();
    let progress = progress_bar(jobs.len());
    let render_one = |job: &Job| {
        let outcome = render_job(
            job,
            args,
            &configs,
            &themes,
            &renderer,
            index_path.as_deref(),
        );
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        outcome
    };
    let outcomes: Vec<Outcome> = if jobs.len() > 1 {
        jobs.par_iter().map(render_one).collect()
    } else {
        jobs.iter().map(render_one).collect()
    };
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let mut entries = Vec::new();
    for outcome in outcomes {
        status = status.max(outcome.status);
        entries.extend(outcome.entry);
    }
    if let Some(index) = index_path {
        let theme = themes.get(args.theme.clone())?;
        let theme_ref = theme.as_deref().unwrap_or_else(|| Theme::builtin());
        let html = brief_render::render_index_with(theme_ref, &entries, "Briefs")
            .map_err(|err| Failure::output(format!("index: {err}")))?;
        crate::output::write_atomic(&index, html.as_bytes())?;
    }
    Ok(status)
}

#[cfg(feature = "pdf")]
fn check_pdf_support(_formats: &[Format], _engine: PdfEngine) -> Result<(), Failure> {
    Ok(())
}

#[cfg(not(feature = "pdf"))]
fn check_pdf_support(formats: &[Format], engine: PdfEngine) -> Result<(), Failure> {
    let needs_typst = formats.contains(&Format::Typst)
        || (formats.contains(&Format::Pdf) && engine == PdfEngine::Typst);
    if needs_typst {
        return Err(Failure::io(
            "this brief binary was built without PDF support (the `pdf` feature); \
             use `--pdf-engine chromium` to print PDFs with headless Chromium"
                .to_owned(),
        ));
    }
    Ok(())
}

/// Decides every output path, and refuses outputs that would overwrite an input or collide.
fn plan(args: &RenderArgs, inputs: &[Input], formats: &[Format]) -> Result<Vec<Job>, Failure> {
    if let Some(output) = &args.output {
        if inputs.len() != 1 || formats.len() != 1 {
            return Err(Failure::io(format!(
                "`-o {}` takes one brief and one format ({} briefs, {} formats given); use `--out-dir` for more",
                output.display(),
                inputs.len(),
                formats.len()
            )));
        }
        if output.as_os_str() == "-" && formats[0] == Format::Pdf && std::io::stdout().is_terminal()
        {
            return Err(Failure::io(
                "refusing to write a PDF to a terminal; redirect standard output or use `-o FILE`"
                    .to_owned(),
            ));
        }
    }
    let mut jobs = Vec::with_capacity(inputs.len());
    for input in inputs {
        let mut outputs = Vec::with_capacity(formats.len());
        for &format in formats {
            let path = if let Some(output) = &args.output {
                output.clone()
            } else if let Some(dir) = &args.out_dir {
                dir.join(with_extension(&mirrored(&input.name_path()), format))
            } else if input.path.is_some() || args.stdin_filename.is_some() {
                with_extension(&input.name_path(), format)
            } else if formats.len() == 1 {
                PathBuf::from("-")
            } else {
                return Err(Failure::io(
                    "a brief read from standard input needs `-o`, `--out-dir` or `--stdin-filename` for several formats"
                        .to_owned(),
                ));
            };
            outputs.push((format, path));
        }
        jobs.push(Job {
            input: input.clone(),
            outputs,
        });
    }
    // No output may replace an input, and no two outputs may share a file.
    let input_paths: HashMap<PathBuf, &str> = inputs
        .iter()
        .filter_map(|i| i.path.as_ref().map(|p| (normalize(p), i.display.as_str())))
        .collect();
    let mut seen: HashMap<PathBuf, String> = HashMap::new();
    for job in &jobs {
        for (format, path) in &job.outputs {
            if path.as_os_str() == "-" {
                continue;
            }
            let key = normalize(path);
            if let Some(input) = input_paths.get(&key) {
                return Err(Failure::io(format!(
                    "{}: the {} output would overwrite the input {input}",
                    path.display(),
                    format.label()
                )));
            }
            if let Some(other) = seen.insert(key, job.input.display.clone()) {
                return Err(Failure::io(format!(
                    "{}: two outputs would be written to this file (from {other} and {})",
                    path.display(),
                    job.input.display
                )));
            }
        }
    }
    Ok(jobs)
}

/// `a/b.md` as a path to mirror under an output folder: relative, without `.` or `..`.
fn mirrored(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let relative = if path.is_absolute() {
        path.strip_prefix(&cwd).map_or_else(
            |_| PathBuf::from(path.file_name().unwrap_or_default()),
            Path::to_owned,
        )
    } else {
        path.to_owned()
    };
    relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect()
}

fn with_extension(path: &Path, format: Format) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let name = format!("{stem}.{}", format.extension());
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join(name),
        _ => PathBuf::from(name),
    }
}

fn normalize(path: &Path) -> PathBuf {
    let absolute = brief_model::load::absolute(path);
    std::fs::canonicalize(&absolute).unwrap_or(absolute)
}

/// Themes loaded once per folder.
#[derive(Default)]
struct ThemeCache {
    themes: Mutex<HashMap<PathBuf, Arc<Theme>>>,
}

impl ThemeCache {
    fn get(&self, dir: Option<PathBuf>) -> Result<Option<Arc<Theme>>, Failure> {
        let Some(dir) = dir else { return Ok(None) };
        let key = normalize(&dir);
        let mut themes = self.themes.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(theme) = themes.get(&key) {
            return Ok(Some(Arc::clone(theme)));
        }
        if !key.is_dir() {
            return Err(Failure::config(format!(
                "{}: the theme folder does not exist",
                dir.display()
            )));
        }
        let loader = ProjectFs::new(&key);
        let theme = Theme::load(&key, &loader).map_err(|err| Failure::config(err.to_string()))?;
        let theme = Arc::new(theme);
        themes.insert(key, Arc::clone(&theme));
        Ok(Some(theme))
    }
}

/// Settings for one brief: `[render]` of its brief.toml, with the flags on top.
struct Settings {
    config_dir: Option<PathBuf>,
    config: ConfigFile,
    theme_dir: Option<PathBuf>,
}

fn settings(input: &Input, args: &RenderArgs, configs: &Configs) -> Result<Settings, Failure> {
    let (config_dir, config) = match configs.for_dir(&input.dir())? {
        Some((path, config)) => (path.parent().map(Path::to_owned), config),
        None => (None, ConfigFile::default()),
    };
    let theme_dir = args.theme.clone().or_else(|| {
        config.render.theme.as_ref().map(|theme| {
            config_dir
                .as_deref()
                .map_or_else(|| PathBuf::from(theme), |dir| dir.join(theme))
        })
    });
    Ok(Settings {
        config_dir,
        config,
        theme_dir,
    })
}

fn render_job(
    job: &Job,
    args: &RenderArgs,
    configs: &Configs,
    themes: &ThemeCache,
    renderer: &Renderer,
    index: Option<&Path>,
) -> Outcome {
    let failed = |failure: Failure| {
        failure.print();
        Outcome {
            status: failure.status,
            entry: None,
        }
    };
    let settings = match settings(&job.input, args, configs) {
        Ok(settings) => settings,
        Err(failure) => return failed(failure),
    };
    let theme = match themes.get(settings.theme_dir.clone()) {
        Ok(theme) => theme,
        Err(failure) => return failed(failure),
    };
    let text = match inputs::read(&job.input) {
        Ok(text) => text,
        Err(failure) => return failed(failure),
    };
    let mut parsed = brief_model::parse(&text);
    let brief_dir = job.input.dir();
    let mut loader = ProjectFs::for_brief(&job.input.name_path());
    let relative_to_config = |path: &str| {
        settings
            .config_dir
            .as_deref()
            .map_or_else(|| PathBuf::from(path), |dir| dir.join(path))
    };
    for allowed in &settings.config.render.allowed_paths {
        loader = loader.allow(&relative_to_config(allowed));
    }
    if let Some(theme_dir) = &settings.theme_dir {
        loader = loader.allow(theme_dir);
    }
    let mut problems = brief_model::resolve(&mut parsed.document, &brief_dir, &loader);
    let doc = &parsed.document;
    let render = &settings.config.render;
    let page_size = render.page_size.unwrap_or(PageSize::A4);
    let base_url = render
        .base_url
        .as_deref()
        .map(|b| b.trim_end_matches('/').to_owned());
    let url_of = |path: &Path| -> Option<String> {
        let base = base_url.as_deref()?;
        let relative = match (&args.out_dir, index) {
            (Some(dir), _) => path.strip_prefix(dir).unwrap_or(path).to_owned(),
            _ => PathBuf::from(path.file_name()?),
        };
        let relative: Vec<String> = relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        Some(format!("{base}/{}", relative.join("/")))
    };
    let pdf_path = job
        .outputs
        .iter()
        .find(|(format, _)| *format == Format::Pdf)
        .map(|(_, path)| path.clone());
    let pdf_url = pdf_path.as_deref().and_then(|pdf| {
        url_of(pdf).or_else(|| pdf.file_name().map(|n| n.to_string_lossy().into_owned()))
    });

    let mut status = Status::Ok;
    let mut links = Vec::new();
    let mut print_html: Option<String> = None;
    for (format, path) in &job.outputs {
        let result: Result<(Vec<u8>, Vec<Diagnostic>), Failure> = match format {
            Format::Html | Format::Print => {
                let kind = if *format == Format::Html {
                    HtmlKind::Standalone
                } else {
                    HtmlKind::Print
                };
                let mut ctx = RenderContext::new(&loader, brief_dir.clone());
                ctx.theme = theme.as_deref();
                ctx.page_size = page_size;
                ctx.toc = render.toc.unwrap_or(false);
                ctx.citation_style = render.citation_style.clone();
                ctx.url = url_of(path);
                ctx.pdf_url = pdf_url.clone();
                brief_render::render(doc, kind, &ctx)
                    .map(|page| {
                        if kind == HtmlKind::Print {
                            print_html = Some(page.html.clone());
                        }
                        (page.html.into_bytes(), page.warnings)
                    })
                    .map_err(|err| Failure::output(format!("{}: {err}", job.input.display)))
            }
            Format::Pdf if args.pdf_engine == PdfEngine::Chromium => {
                let html = match print_html.take() {
                    Some(html) => Ok((html, Vec::new())),
                    None => {
                        let mut ctx = RenderContext::new(&loader, brief_dir.clone());
                        ctx.theme = theme.as_deref();
                        ctx.page_size = page_size;
                        ctx.toc = render.toc.unwrap_or(false);
                        ctx.citation_style = render.citation_style.clone();
                        brief_render::render(doc, HtmlKind::Print, &ctx)
                            .map(|page| (page.html, page.warnings))
                            .map_err(|err| Failure::output(format!("{}: {err}", job.input.display)))
                    }
                };
                html.and_then(|(html, warnings)| {
                    chromium_pdf(&html, &job.input.display).map(|pdf| (pdf, warnings))
                })
            }
            Format::Pdf | Format::Typst => typst_output(
                *format,
                doc,
                &loader,
                &brief_dir,
                page_size,
                &settings,
                args,
                &job.input.display,
            ),
        };
        match result {
            Ok((bytes, warnings)) => {
                problems.extend(warnings);
                if let Err(failure) = crate::output::write_atomic(path, &bytes) {
                    failure.print();
                    status = status.max(failure.status);
                    continue;
                }
                if let Some(index) = index {
                    let dir = index.parent().unwrap_or(Path::new("."));
                    let href = path.strip_prefix(dir).unwrap_or(path);
                    let href: Vec<String> = href
                        .components()
                        .filter_map(|c| match c {
                            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                            _ => None,
                        })
                        .collect();
                    links.push(IndexLink {
                        label: format.label().to_owned(),
                        href: href.join("/"),
                    });
                }
            }
            Err(failure) => {
                failure.print();
                status = status.max(failure.status);
            }
        }
    }
    let mut report = String::new();
    for diagnostic in &problems {
        report.push_str(&renderer.render(doc, &job.input.display, diagnostic));
    }
    if !report.is_empty() {
        eprint!("{report}");
    }
    let entry = (index.is_some() && !links.is_empty())
        .then(|| IndexEntry::from_document(doc, &job.input.display, links));
    Outcome { status, entry }
}

#[cfg(feature = "pdf")]
#[allow(clippy::too_many_arguments)]
fn typst_output(
    format: Format,
    doc: &Document,
    loader: &ProjectFs,
    brief_dir: &Path,
    page_size: PageSize,
    settings: &Settings,
    args: &RenderArgs,
    display: &str,
) -> Result<(Vec<u8>, Vec<Diagnostic>), Failure> {
    let mut font_paths = args.font_path.clone();
    for path in &settings.config.render.font_paths {
        font_paths.push(
            settings
                .config_dir
                .as_deref()
                .map_or_else(|| PathBuf::from(path), |dir| dir.join(path)),
        );
    }
    let options = brief_pdf::PdfOptions {
        loader,
        brief_dir: brief_dir.to_owned(),
        page_size,
        font_paths,
        theme_dir: settings.theme_dir.clone(),
        citation_style: settings.config.render.citation_style.clone(),
    };
    if format == Format::Typst {
        brief_pdf::typst_source(doc, &options)
            .map(|(source, warnings)| (source.into_bytes(), warnings))
            .map_err(|err| Failure::output(format!("{display}: {err}")))
    } else {
        brief_pdf::render_pdf(doc, &options)
            .map(|output| (output.pdf, output.warnings))
            .map_err(|err| Failure::output(format!("{display}: {err}")))
    }
}

#[cfg(not(feature = "pdf"))]
#[allow(clippy::too_many_arguments)]
fn typst_output(
    _format: Format,
    _doc: &Document,
    _loader: &ProjectFs,
    _brief_dir: &Path,
    _page_size: PageSize,
    _settings: &Settings,
    _args: &RenderArgs,
    display: &str,
) -> Result<(Vec<u8>, Vec<Diagnostic>), Failure> {
    Err(Failure::io(format!(
        "{display}: this brief binary was built without PDF support; use `--pdf-engine chromium`"
    )))
}

/// The headless Chromium to print with: `BRIEF_CHROMIUM`, else the first browser on the PATH.
fn find_chromium() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("BRIEF_CHROMIUM").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(named));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Prints `html` to PDF with headless Chromium.
fn chromium_pdf(html: &str, display: &str) -> Result<Vec<u8>, Failure> {
    let chromium = find_chromium().ok_or_else(|| {
        Failure::io(
            "no headless Chromium found: install `chromium` (or Google Chrome), or name the binary with BRIEF_CHROMIUM"
                .to_owned(),
        )
    })?;
    let temp = tempfile::Builder::new()
        .prefix("brief-chromium-")
        .tempdir()
        .map_err(|err| Failure::io(format!("cannot create a temporary folder: {err}")))?;
    let page = temp.path().join("brief.print.html");
    let pdf = temp.path().join("brief.pdf");
    let profile = temp.path().join("profile");
    std::fs::write(&page, html).map_err(|err| Failure::io(format!("{}: {err}", page.display())))?;
    let output = std::process::Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&page))
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|err| Failure::io(format!("cannot run {}: {err}", chromium.display())))?;
    match std::fs::read(&pdf) {
        Ok(bytes) if !bytes.is_empty() => Ok(bytes),
        _ => Err(Failure::output(format!(
            "{display}: {} made no PDF: {}",
            chromium.display(),
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .last()
                .unwrap_or("no message")
        ))),
    }
}

fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// A progress bar on a terminal, for more than a few briefs.
fn progress_bar(len: usize) -> Option<indicatif::ProgressBar> {
    if len < 4 || !std::io::stderr().is_terminal() || std::env::var_os("BRIEF_TEST").is_some() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} briefs rendered ({eta} left)")
    {
        bar.set_style(style);
    }
    Some(bar)
}
