//! Developer tasks, run with `cargo xtask <task>`:
//!
//! - `codegen [--check]`: writes the generated files (JSON Schemas, rule docs); with `--check`,
//!   fails when a committed file differs from what would be written. A test runs the check, so
//!   plain `cargo test` catches stale files.
//! - `screenshots`: the README's pictures of the rendered HTML and of the PDF's first page.
//! - `man`: the man pages, generated from the command line's clap definition, in `target/man/`.
//! - `recall [--n N] [--seed S]`: per category, how many defects planted in a generated corpus
//!   `brief check` finds.
//! - `bench lint [--n N] [--baselines]`: speed of `brief check` on a generated corpus (run with
//!   `cargo run --release -p xtask -- bench lint`).
//! - `bench render [DIR] [--html-only] [--keep]`: speed of HTML rendering on a folder of briefs
//!   (a generated corpus by default), against pulldown-cmark and Pandoc `--citeproc`, and of PDF
//!   with each engine.

mod bench;
mod bench_render;
mod codegen;
mod corpus;
mod recall;
mod screenshots;
mod tidy;

use std::process::ExitCode;

/// The allocator of the `brief` binary, so that `bench` measures what users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["codegen"] => codegen::run(codegen::Mode::Write),
        ["codegen", "--check"] => codegen::run(codegen::Mode::Check),
        ["man"] => man(),
        ["screenshots"] => screenshots::screenshots(),
        ["recall", rest @ ..] => recall::run(
            flag(rest, "--n").unwrap_or(200) as usize,
            flag(rest, "--seed").unwrap_or(1),
        ),
        ["bench", "render", rest @ ..] => {
            let options = bench_render::Options {
                html_only: rest.contains(&"--html-only"),
                keep: rest.contains(&"--keep"),
            };
            match rest.iter().find(|a| !a.starts_with("--")) {
                Some(dir) => bench_render::run(std::path::Path::new(dir), &options),
                None => crate::corpus::make(1000, 1500, 1)
                    .and_then(|dir| bench_render::run(&dir, &options)),
            }
            .map(|r| print!("{r}"))
        }
        ["bench", "lint", rest @ ..] => bench::lint(
            flag(rest, "--n").unwrap_or(1000) as usize,
            rest.contains(&"--baselines"),
        ),
        _ => {
            eprintln!(
                "usage: cargo xtask codegen [--check]\n       cargo xtask man\n       cargo xtask screenshots\n       cargo xtask recall [--n N] [--seed S]\n       cargo run --release -p xtask -- bench lint [--n N] [--baselines]\n       cargo run --release -p xtask -- bench render [DIR] [--html-only] [--keep]"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The value of `--name VALUE` in `args`.
fn flag(args: &[&str], name: &str) -> Option<u64> {
    args.iter()
        .position(|a| *a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
}

/// `cargo xtask man`: the man pages, from the clap definition, into `target/man/`.
fn man() -> Result<(), String> {
    let root = codegen::root();
    let out = root.join("target/man");
    let status = std::process::Command::new(env!("CARGO"))
        .args([
            "run",
            "--quiet",
            "--no-default-features",
            "--bin",
            "brief",
            "--",
            "man",
            "--out-dir",
        ])
        .arg(&out)
        .current_dir(&root)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("brief man failed".to_owned());
    }
    eprintln!("wrote the man pages to {}", out.display());
    Ok(())
}
