//! `cargo run --release -p xtask -- bench render [DIR]`: how fast briefs become HTML and PDF.
//!
//! Four measurements, the first two in this one process:
//!
//! 1. Every brief of the folder as it is: parse, resolve and render to standalone HTML.
//! 2. The same briefs rewritten to cite CSL-JSON sources (`[^n]` footnotes that describe a
//!    source become `[@src-n]` citations, and the definitions a `refs.json`), rendered with
//!    Chicago notes: citations, notes and a bibliography through hayagriva.
//! 3. Pandoc 3 `--citeproc` on a sample of the rewritten briefs, one process per file as users
//!    run it, with the same CSL-JSON and the same style (hayagriva's, written back to XML);
//!    each output is checked to hold formatted citations and a bibliography.
//! 4. The `brief` binary as users run it, one process on every core: `brief render` on all the
//!    rewritten briefs to HTML, then `--to pdf` on a sample with each PDF engine: the embedded
//!    Typst compiler and headless Chromium (`BRIEF_CHROMIUM`, else on the PATH).
//!
//! For context it also times pulldown-cmark's own `push_html` on the same bodies. The
//! in-process passes are the median of five runs, Pandoc's sample the median of three. Pandoc is
//! `$PANDOC`, else `pandoc` on the PATH; without it that part is skipped. `--html-only` stops
//! after the second measurement; `--keep` keeps the rewritten briefs (to profile
//! `brief render` on them) and names their folder. Without DIR the
//! corpus is generated: 1,000 briefs from `../shared/bench/make_corpus.py --n 1000 --seed 1`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use brief_model::{Document, ProjectFs};
use brief_render::{CitationStyle, HtmlKind, RenderContext};

/// How many rewritten briefs Pandoc renders.
const PANDOC_SAMPLE: usize = 20;

/// Each in-process pass and Pandoc's sample are timed this many times; the median is reported,
/// so that a busy moment of a shared machine does not decide the result.
const RUNS: usize = 5;
const PANDOC_RUNS: usize = 3;

/// How many rewritten briefs each PDF engine prints.
const TYPST_SAMPLE: usize = 100;
const CHROMIUM_SAMPLE: usize = 10;

/// What `bench render` measures and keeps.
pub(crate) struct Options {
    /// Only the two in-process HTML measurements: no Pandoc, no PDF.
    pub(crate) html_only: bool,
    /// Keep the briefs rewritten to cite CSL-JSON sources.
    pub(crate) keep: bool,
}

pub(crate) fn run(corpus: &Path, options: &Options) -> Result<String, String> {
    let mut files = Vec::new();
    collect(corpus, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no .md files", corpus.display()));
    }
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display())))
        .collect::<Result<_, _>>()?;
    let mut report = String::new();

    // 1. The corpus as it is.
    let (as_is, bytes) = render_all(&files, &texts)?;
    let _ = writeln!(
        report,
        "corpus: {} briefs, {:.1} MB of Markdown",
        files.len(),
        texts.iter().map(String::len).sum::<usize>() as f64 / 1e6
    );
    let _ = writeln!(
        report,
        "render to HTML (parse + resolve + render): {} in total, {:.3} ms a brief, {:.0} briefs/s ({:.1} MB of HTML)",
        fmt(as_is),
        per_ms(as_is, files.len()),
        files.len() as f64 / as_is.as_secs_f64(),
        bytes as f64 / 1e6
    );

    // For context: pulldown-cmark alone on the same bodies (found before the clock starts).
    let bodies: Vec<&str> = texts.iter().map(|text| body_of(text)).collect();
    let mut times = Vec::with_capacity(RUNS);
    let mut html = String::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        for body in &bodies {
            html.clear();
            let parser = pulldown_cmark::Parser::new_ext(body, brief_model::markdown::options());
            pulldown_cmark::html::push_html(&mut html, parser);
        }
        times.push(start.elapsed());
    }
    let push = median(&mut times);
    let _ = writeln!(
        report,
        "pulldown-cmark push_html on the same bodies: {} in total, {:.3} ms a brief",
        fmt(push),
        per_ms(push, files.len())
    );

    // 2. The corpus rewritten to cite CSL-JSON sources.
    let work = std::env::temp_dir().join(format!("brief-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let mut cited_files = Vec::new();
    let mut cited_texts = Vec::new();
    let mut n_citations = 0;
    for (file, text) in files.iter().zip(&texts) {
        let stem = file
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let (brief, sources, count) = with_citations(text, &format!("{stem}.json"));
        n_citations += count;
        let md = work.join(format!("{stem}.md"));
        write(&md, &brief)?;
        write(&work.join(format!("{stem}.json")), &sources)?;
        cited_files.push(md);
        cited_texts.push(brief);
    }
    let result = (|| {
        let (cited, _) = render_all(&cited_files, &cited_texts)?;
        let _ = writeln!(
            report,
            "with citations (Chicago notes, {:.1} citations a brief, notes and bibliography): {} in total, {:.3} ms a brief, {:.0} briefs/s",
            n_citations as f64 / files.len() as f64,
            fmt(cited),
            per_ms(cited, files.len()),
            files.len() as f64 / cited.as_secs_f64()
        );
        if options.html_only {
            return Ok(());
        }
        match pandoc(&work, &cited_files)? {
            Some((elapsed, sample)) => {
                let pandoc_ms = per_ms(elapsed, sample);
                let brief_ms = per_ms(cited, files.len());
                let _ = writeln!(
                    report,
                    "pandoc --citeproc (one process per file, {sample} files): {:.1} ms a brief",
                    pandoc_ms
                );
                let _ = writeln!(
                    report,
                    "brief is {:.0}x faster per brief than Pandoc (target: at least 100x)",
                    pandoc_ms / brief_ms
                );
            }
            None => {
                let _ = writeln!(report, "pandoc: not found (set PANDOC); comparison skipped");
            }
        }
        pdf_engines(&work, &cited_files, &mut report)?;
        Ok::<(), String>(())
    })();
    if options.keep {
        let _ = writeln!(report, "rewritten briefs kept in {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
    result?;
    Ok(report)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The median time of [`RUNS`] passes of [`render_once`], and the bytes of HTML.
fn render_all(files: &[PathBuf], texts: &[String]) -> Result<(Duration, usize), String> {
    // The first render loads the styles and locales; do it before the clock starts.
    warm_up();
    let mut times = Vec::with_capacity(RUNS);
    let mut bytes = 0;
    for _ in 0..RUNS {
        let (elapsed, b) = render_once(files, texts)?;
        times.push(elapsed);
        bytes = b;
    }
    Ok((median(&mut times), bytes))
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Parses, resolves and renders every brief; returns the time and the bytes of HTML.
fn render_once(files: &[PathBuf], texts: &[String]) -> Result<(Duration, usize), String> {
    let start = Instant::now();
    let mut bytes = 0;
    for (file, text) in files.iter().zip(texts) {
        let dir = file.parent().unwrap_or(Path::new("."));
        let loader = ProjectFs::new(dir);
        let mut parsed = brief_model::parse(text);
        brief_model::resolve(&mut parsed.document, dir, &loader);
        let ctx = RenderContext::new(&loader, dir);
        let page = brief_render::render(&parsed.document, HtmlKind::Standalone, &ctx)
            .map_err(|e| format!("{}: {e}", file.display()))?;
        bytes += page.html.len();
    }
    Ok((start.elapsed(), bytes))
}

fn warm_up() {
    let parsed = brief_model::parse(
        "---\ntitle: T\nauthors: [A]\nsources:\n  - id: a\n    title: A\n---\n\nText [@a].\n",
    );
    let loader = ProjectFs::new(Path::new("."));
    let ctx = RenderContext::new(&loader, ".");
    let _ = brief_render::render(&parsed.document, HtmlKind::Standalone, &ctx);
}

fn body_of(text: &str) -> &str {
    let doc: Document = brief_model::parse(text).document;
    let start = doc.body_span.start.min(text.len());
    &text[start..]
}

/// The brief with each `[^n]` whose definition names a source turned into `[@src-n]`, the
/// definitions removed and `bibliography: <stem>.json` added; the CSL-JSON; the citations made.
fn with_citations(text: &str, refs: &str) -> (String, String, usize) {
    let mut sources = Vec::new();
    let mut labels = Vec::new();
    let mut body = String::with_capacity(text.len());
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("[^")
            && let Some((label, definition)) = rest.split_once("]: ")
        {
            labels.push(label.to_owned());
            sources.push(source_of(label, definition.trim()));
            continue;
        }
        if line.trim() == "## Sources" {
            continue;
        }
        body.push_str(line);
        body.push('\n');
    }
    let mut count = 0;
    for label in &labels {
        let marker = format!("[^{label}]");
        count += body.matches(&marker).count();
        body = body.replace(&marker, &format!(" [@src-{label}]"));
    }
    // `bibliography:` goes into the frontmatter, after its first line.
    let stem_line = format!("bibliography: {refs}\n");
    let brief = match body.strip_prefix("---\n") {
        Some(rest) => format!("---\n{stem_line}{rest}"),
        None => body,
    };
    let json = serde_json::to_string_pretty(&serde_json::Value::Array(sources)).unwrap_or_default();
    (brief, json, count)
}

/// A CSL-JSON item from a corpus footnote: `Org (2017). *Title.* <url> (accessed 2018-03-01)`,
/// `Org. *Title.* <url>`, or a bare URL.
fn source_of(label: &str, definition: &str) -> serde_json::Value {
    let mut item = serde_json::json!({ "id": format!("src-{label}"), "type": "report" });
    let url = definition
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(url, _)| url.to_owned())
        .or_else(|| {
            definition
                .starts_with("http")
                .then(|| definition.to_owned())
        });
    if let Some(url) = &url {
        item["URL"] = url.clone().into();
    }
    if definition.starts_with("http") {
        item["type"] = "webpage".into();
        item["title"] = definition.into();
        return item;
    }
    let author = definition
        .split([' ', '.'])
        .next()
        .map(|_| definition.split(" (").next().unwrap_or(definition))
        .map(|a| a.split(". *").next().unwrap_or(a).trim_end_matches('.'))
        .unwrap_or_default();
    item["author"] = serde_json::json!([{ "literal": author }]);
    if let Some(year) = definition
        .split_once(" (")
        .and_then(|(_, rest)| rest.get(..4))
        .and_then(|y| y.parse::<i64>().ok())
    {
        item["issued"] = serde_json::json!({ "date-parts": [[year]] });
    }
    if let Some(title) = definition.split('*').nth(1) {
        item["title"] = title.trim_end_matches('.').into();
    }
    item
}

/// Pandoc on a sample of the rewritten briefs; `None` without Pandoc.
fn pandoc(work: &Path, files: &[PathBuf]) -> Result<Option<(Duration, usize)>, String> {
    let pandoc = std::env::var_os("PANDOC").map_or_else(|| PathBuf::from("pandoc"), PathBuf::from);
    if Command::new(&pandoc).arg("--version").output().is_err() {
        return Ok(None);
    }
    let style = CitationStyle::by_name("chicago-notes")
        .and_then(|s| s.to_csl_xml())
        .ok_or("the bundled style cannot be written as CSL")?;
    let csl = work.join("chicago-notes.csl");
    write(&csl, &style)?;
    let step = (files.len() / PANDOC_SAMPLE).max(1);
    let sample: Vec<&PathBuf> = files.iter().step_by(step).take(PANDOC_SAMPLE).collect();
    let mut rounds = Vec::with_capacity(PANDOC_RUNS);
    for _ in 0..PANDOC_RUNS {
        let mut elapsed = Duration::ZERO;
        for file in &sample {
            let refs = file.with_extension("json");
            let out = file.with_extension("pandoc.html");
            let start = Instant::now();
            let status = Command::new(&pandoc)
                .arg("--citeproc")
                .arg(format!("--csl={}", csl.display()))
                .arg(format!("--bibliography={}", refs.display()))
                .args(["--standalone", "--from=markdown", "--to=html5", "--output"])
                .arg(&out)
                .arg(file)
                .output()
                .map_err(|e| format!("pandoc: {e}"))?;
            elapsed += start.elapsed();
            let html = std::fs::read_to_string(&out).unwrap_or_default();
            if !status.status.success()
                || !html.contains("class=\"csl-entry\"")
                || !html.contains("footnote-ref")
                || html.contains("???")
            {
                return Err(format!(
                    "pandoc did not format the citations of {}: {}",
                    file.display(),
                    String::from_utf8_lossy(&status.stderr)
                ));
            }
        }
        rounds.push(elapsed);
    }
    Ok(Some((median(&mut rounds), sample.len())))
}

/// Times `brief render --to pdf` with each engine on a sample of the rewritten briefs: the
/// embedded Typst compiler and headless Chromium printing the print HTML. Each engine runs as
/// users run it, one `brief` process for the whole sample (which renders on every core), built
/// in release with the PDF engine.
fn pdf_engines(work: &Path, files: &[PathBuf], report: &mut String) -> Result<(), String> {
    let root = crate::codegen::root();
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--bin", "brief"])
        .current_dir(&root)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("cargo build --release failed".to_owned());
    }
    // A copy, so that another build of the binary (without the PDF engine) cannot replace it.
    let binary = work.join("brief-with-pdf");
    std::fs::copy(root.join("target/release/brief"), &binary)
        .map_err(|e| format!("{}: {e}", binary.display()))?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // HTML as users render a folder: the CLI, one process, every core.
    let out = work.join("html");
    let start = Instant::now();
    let output = Command::new(&binary)
        .args(["render", "--out-dir"])
        .arg(&out)
        .arg(work)
        .current_dir(work)
        .output()
        .map_err(|e| e.to_string())?;
    let elapsed = start.elapsed();
    // Every brief, and the index of the folder.
    let made = count_files(&out, "html");
    if !output.status.success() || made != files.len() + 1 {
        return Err(format!(
            "brief render made {made} of {} HTML files: {}",
            files.len() + 1,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let _ = writeln!(
        report,
        "brief render --to html with citations (the CLI on {} briefs, one process, {threads} threads, files written): {:.3} ms a brief",
        files.len(),
        per_ms(elapsed, files.len())
    );
    for (engine, sample) in [("typst", TYPST_SAMPLE), ("chromium", CHROMIUM_SAMPLE)] {
        let step = (files.len() / sample).max(1);
        let chosen: Vec<&PathBuf> = files.iter().step_by(step).take(sample).collect();
        let out = work.join(format!("pdf-{engine}"));
        let start = Instant::now();
        let output = Command::new(&binary)
            .args(["render", "--to", "pdf", "--pdf-engine", engine, "--out-dir"])
            .arg(&out)
            .args(&chosen)
            .current_dir(work)
            .output()
            .map_err(|e| e.to_string())?;
        let elapsed = start.elapsed();
        let stderr = String::from_utf8_lossy(&output.stderr);
        if engine == "chromium" && stderr.contains("no headless Chromium found") {
            let _ = writeln!(
                report,
                "pdf with chromium: not found (set BRIEF_CHROMIUM); skipped"
            );
            continue;
        }
        let made = count_files(&out, "pdf");
        if !output.status.success() || made != chosen.len() {
            return Err(format!(
                "brief render --pdf-engine {engine} made {made} of {} PDFs: {stderr}",
                chosen.len()
            ));
        }
        let _ = writeln!(
            report,
            "pdf with {engine} (brief render --to pdf --pdf-engine {engine}, one process, {threads} threads, {} briefs): {:.1} ms a brief",
            chosen.len(),
            per_ms(elapsed, chosen.len())
        );
    }
    Ok(())
}

/// How many files with this extension are under `dir`.
fn count_files(dir: &Path, extension: &str) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| entry.path())
        .map(|path| {
            if path.is_dir() {
                count_files(&path, extension)
            } else {
                usize::from(path.extension().is_some_and(|e| e == extension))
            }
        })
        .sum()
}

fn per_ms(elapsed: Duration, n: usize) -> f64 {
    elapsed.as_secs_f64() * 1000.0 / n.max(1) as f64
}

fn fmt(elapsed: Duration) -> String {
    format!("{:.2} s", elapsed.as_secs_f64())
}
