//! How long `brief lsp` takes from a `didChange` to the `publishDiagnostics` that answers it, on a
//! brief of about 5,000 words. A benchmark, not a test; the target is under 50 ms in release.
//!
//! ```text
//! cargo build --release --bin brief --no-default-features
//! cargo run --release -p brief-lsp --example latency -- [--bin PATH] [--changes N] [BRIEF.md]
//! ```
//!
//! Without a file, the brief is built from the example briefs of the repository: the frontmatter
//! of `briefs/south-caucasus-border.md` and the bodies of every example brief, repeated until
//! there are 5,000 words. A generated brief works too
//! (`python3 make_corpus.py --n 1 --words 5000 --out DIR` from the benchmark scripts).
//! The binary is `--bin`, else `BRIEF_BIN`, else `target/release/brief`, else `target/debug/brief`.

#[allow(dead_code)]
#[path = "../tests/it/client.rs"]
mod client;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::client::{Client, uri_of};

const TARGET_WORDS: usize = 5_000;

fn main() {
    let mut bin = std::env::var_os("BRIEF_BIN").map(PathBuf::from);
    let mut changes = 100;
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bin" => bin = args.next().map(PathBuf::from),
            "--changes" => changes = args.next().and_then(|n| n.parse().ok()).unwrap_or(changes),
            _ => file = Some(PathBuf::from(arg)),
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bin = bin.unwrap_or_else(|| {
        let release = root.join("target/release/brief");
        if release.is_file() {
            release
        } else {
            root.join("target/debug/brief")
        }
    });
    assert!(
        bin.is_file(),
        "no `brief` binary at {}: build one with `cargo build --release --bin brief`",
        bin.display()
    );
    let text = match &file {
        Some(path) => std::fs::read_to_string(path).expect("read the brief"),
        None => build_brief(&root.join("briefs")),
    };
    let words = brief_model::parse(&text).document.word_count;

    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("latency.md");
    std::fs::write(&path, &text).expect("write the brief");
    let uri = uri_of(&path);
    let mut client = Client::start_bin(&bin, dir.path(), &["utf-16"]);
    let started = Instant::now();
    let first = client.open(&uri, &text);
    let open_time = started.elapsed();

    // Each change adds or removes a sentence with an unsourced figure at the end, so the
    // diagnostics differ from one version to the next, as when someone types.
    let mut times = Vec::with_capacity(changes);
    for version in 2..2 + changes as i64 {
        let edited = if version % 2 == 0 {
            format!("{text}\nTurnout rose {version} per cent last week.\n")
        } else {
            text.clone()
        };
        let sent = Instant::now();
        client.change(&uri, version, &edited);
        times.push(sent.elapsed());
    }
    client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": 2 } }),
    );
    let status = client.shutdown_and_exit();

    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("binary:       {}", bin.display());
    println!(
        "brief:        {words} words, {} bytes, {} diagnostics",
        text.len(),
        first.len()
    );
    println!(
        "didOpen:      {:.1} ms (first lint, schema compiled)",
        ms(open_time)
    );
    println!("didChange → publishDiagnostics over {changes} changes:");
    println!("  median      {:.1} ms", ms(at(0.5)));
    println!("  95th pct    {:.1} ms", ms(at(0.95)));
    println!(
        "  min / max   {:.1} / {:.1} ms",
        ms(times[0]),
        ms(times[times.len() - 1])
    );
    println!("exit:         {status}");
}

/// A brief of at least [`TARGET_WORDS`] words from the example briefs.
fn build_brief(briefs: &Path) -> String {
    let main = std::fs::read_to_string(briefs.join("south-caucasus-border.md"))
        .expect("read briefs/south-caucasus-border.md");
    let mut bodies = Vec::new();
    for name in [
        "south-caucasus-border.md",
        "water-security-draft.md",
        "caspian-energy/caspian-gas-corridor.md",
    ] {
        if let Ok(text) = std::fs::read_to_string(briefs.join(name)) {
            let parsed = brief_model::parse(&text);
            bodies.push(parsed.document.text(parsed.document.body_span).to_owned());
        }
    }
    let front_end = brief_model::parse(&main).document.body_span.start;
    let mut out = main[..front_end].to_owned();
    for (round, body) in bodies.iter().cycle().enumerate() {
        if bodies.is_empty() || brief_model::parse(&out).document.word_count >= TARGET_WORDS {
            break;
        }
        // Headings get a suffix so that section ids stay unique.
        for line in body.lines() {
            if line.starts_with('#') {
                out.push_str(&format!("{line} ({round})\n"));
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}
