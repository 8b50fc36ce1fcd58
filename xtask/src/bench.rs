//! `cargo run --release -p xtask -- bench lint [--n N] [--baselines]`: how fast `brief check`
//! is on a generated corpus, as one process and single-threaded in memory against
//! pulldown-cmark's own parse; with `--baselines`, also against markdownlint-cli2 and the other
//! tools of `../shared/bench/run_baselines.sh`.
//!
//! Run it in release: numbers from a debug build say nothing about users' speed.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use brief_lint::Settings;
use brief_model::ProjectFs;

fn best_of<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Builds the release binary without the PDF engine (linting does not use it).
fn release_binary() -> Result<std::path::PathBuf, String> {
    let root = crate::codegen::root();
    let status = Command::new(env!("CARGO"))
        .args([
            "build",
            "--release",
            "--quiet",
            "--no-default-features",
            "--bin",
            "brief",
        ])
        .current_dir(&root)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("cargo build --release failed".to_owned());
    }
    Ok(root.join("target/release/brief"))
}

pub(crate) fn lint(n: usize, baselines: bool) -> Result<(), String> {
    if cfg!(debug_assertions) {
        eprintln!(
            "warning: xtask is a debug build; run `cargo run --release -p xtask -- bench lint`"
        );
    }
    let dir = crate::corpus::make(n, 1500, 1)?;
    let files = crate::corpus::briefs(&dir)?;
    let texts: Vec<String> = files
        .iter()
        .map(|p| std::fs::read_to_string(p).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    let bytes: usize = texts.iter().map(String::len).sum();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let mb = bytes as f64 / 1_048_576.0;
    println!(
        "corpus: {} briefs, {words} words, {mb:.1} MB ({})",
        files.len(),
        dir.display()
    );

    // One process, all cores, as users run it.
    let binary = release_binary()?;
    let mut walls = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let output = Command::new(&binary)
            .args(["check", "--format", "json", "-o", "/dev/null"])
            .arg(&dir)
            .output()
            .map_err(|e| e.to_string())?;
        walls.push(start.elapsed());
        if output.status.code().is_none_or(|c| c > 1) {
            return Err(format!(
                "brief check failed: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    walls.sort();
    let wall = walls[walls.len() / 2];
    let rss = peak_rss(&binary, &dir);
    println!(
        "brief check (one process, {} threads): median {:.3} s over 5 runs = {:.0} briefs/s, {:.1} MB/s{}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        wall.as_secs_f64(),
        files.len() as f64 / wall.as_secs_f64(),
        mb / wall.as_secs_f64(),
        rss.map(|kb| format!(", peak RSS {:.0} MiB", kb as f64 / 1024.0))
            .unwrap_or_default()
    );

    // Single-threaded, in memory: our parse and lint against pulldown-cmark's parse alone.
    let options = brief_model::markdown::options();
    let cmark = best_of(3, || {
        for text in &texts {
            let events = pulldown_cmark::Parser::new_ext(text, options).count();
            std::hint::black_box(events);
        }
    });
    let settings = Settings::default();
    let loader = ProjectFs::new(&dir);
    let ours = best_of(3, || {
        for text in &texts {
            let mut parsed = brief_model::parse(text);
            let mut diagnostics = parsed.diagnostics;
            diagnostics.extend(brief_model::resolve(&mut parsed.document, &dir, &loader));
            let outcome = brief_lint::check(&parsed.document, diagnostics, &settings);
            std::hint::black_box(outcome.diagnostics.len());
        }
    });
    let parse_only = best_of(3, || {
        for text in &texts {
            std::hint::black_box(brief_model::parse(text).document.sentences.len());
        }
    });
    println!(
        "single thread, in memory: pulldown-cmark {:.1} ms, brief parse {:.1} ms, parse + lint {:.1} ms; ratio {:.2}x",
        cmark.as_secs_f64() * 1e3,
        parse_only.as_secs_f64() * 1e3,
        ours.as_secs_f64() * 1e3,
        ours.as_secs_f64() / cmark.as_secs_f64()
    );

    if baselines {
        run_baselines(&binary, n)?;
    }
    Ok(())
}

/// Peak resident memory of one run, from GNU time.
fn peak_rss(binary: &Path, dir: &Path) -> Option<u64> {
    let output = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(binary)
        .args(["check", "--format", "json", "-o", "/dev/null"])
        .arg(dir)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stderr);
    text.lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|v| v.trim().parse().ok())
}

/// Times the peer tools with `../shared/bench/run_baselines.sh`, `brief` among them.
fn run_baselines(binary: &Path, n: usize) -> Result<(), String> {
    let root = crate::codegen::root();
    let script = root.join("../shared/bench/run_baselines.sh");
    let lab = root.join("target/lintlab");
    for (tool, package) in [("hyperfine", "hyperfine"), ("/usr/bin/time", "time")] {
        if Command::new(tool).arg("--version").output().is_err() {
            return Err(format!(
                "the baselines need `{tool}`: install it with `apt-get install {package}`"
            ));
        }
    }
    let env = [
        ("LAB", lab.display().to_string()),
        ("N", n.to_string()),
        ("WORDS", "1500".to_owned()),
        ("RUNS", "3".to_owned()),
        (
            "NEW_TOOL",
            format!("{} check --format short", binary.display()),
        ),
    ];
    if !lab
        .join("node/node_modules/.bin/markdownlint-cli2")
        .exists()
    {
        let status = Command::new("bash")
            .arg(&script)
            .arg("install")
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err("installing the baseline tools failed".to_owned());
        }
    }
    let _ = std::fs::remove_file(lab.join("results/summary.tsv"));
    let status = Command::new("bash")
        .arg(&script)
        .arg("run")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("run_baselines.sh failed".to_owned());
    }
    let summary =
        std::fs::read_to_string(lab.join("results/summary.tsv")).map_err(|e| e.to_string())?;
    let mean = |tool: &str| {
        summary
            .lines()
            .find(|l| l.starts_with(&format!("{tool}\t")))
            .and_then(|l| l.split('\t').nth(1))
            .and_then(|v| v.parse::<f64>().ok())
    };
    if let (Some(ours), Some(markdownlint)) = (mean("new-tool"), mean("markdownlint-cli2")) {
        println!(
            "markdownlint-cli2 {markdownlint:.3} s vs brief {ours:.3} s on the same {n} files: brief is {:.1}x faster",
            markdownlint / ours
        );
    }
    Ok(())
}
