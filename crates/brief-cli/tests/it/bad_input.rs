//! Bad input through the real binary: each case gives a clear one-line error (or a rendered
//! diagnostic) and the right exit code, never a panic or a backtrace.

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use crate::support::{code, run_in, stderr, stdout};

const OK_FRONTMATTER: &str = "---\ntitle: T\nauthors: [A]\n---\n\n";

/// Runs `brief` in `dir` and checks that nothing panicked.
fn run_clean(dir: &Path, args: &[&str]) -> Output {
    let output = run_in(dir, args, None);
    let err = stderr(&output);
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    assert!(!err.contains("RUST_BACKTRACE"), "{args:?}: {err}");
    assert!(!err.contains("stack overflow"), "{args:?}: {err}");
    output
}

/// Asserts that stderr is exactly one line, `error: …`, mentioning `needle`.
#[track_caller]
fn assert_one_line_error(output: &Output, needle: &str) {
    let err = stderr(output);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line, got {err:?}");
    assert!(lines[0].starts_with("error: "), "{err:?}");
    assert!(
        lines[0].contains(needle),
        "{err:?} does not mention {needle:?}"
    );
}

/// Asserts that stderr holds a rendered diagnostic with `code` and that stdout is the JSON.
#[track_caller]
fn assert_diagnostic(output: &Output, code_name: &str) -> serde_json::Value {
    let err = stderr(output);
    assert!(err.contains(code_name), "{err}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(output)).expect("the document is still printed as JSON");
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&code_name), "{codes:?}");
    json
}

#[test]
fn no_frontmatter() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.md"), "# Notes\n\nJust text.\n").unwrap();
    let output = run_clean(dir.path(), &["parse", "notes.md"]);
    assert_eq!(code(&output), 1);
    let json = assert_diagnostic(&output, "schema/missing-frontmatter");
    assert_eq!(json["sentences"][0]["text"], "Just text.");
}

#[test]
fn unterminated_frontmatter() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("open.md"),
        "---\ntitle: T\nauthors: [A]\n\nText.\n",
    )
    .unwrap();
    let output = run_clean(dir.path(), &["parse", "open.md"]);
    assert_eq!(code(&output), 1);
    assert_diagnostic(&output, "schema/unclosed-frontmatter");
    assert!(
        stderr(&output).contains("open.md:1:1"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn yaml_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("yaml.md"),
        "---\ntitle: \"Unclosed\nauthors: [A]\n---\n\nText.\n",
    )
    .unwrap();
    let output = run_clean(dir.path(), &["parse", "yaml.md"]);
    assert_eq!(code(&output), 1);
    assert_diagnostic(&output, "schema/yaml-syntax");
    assert!(
        stderr(&output).contains("yaml.md:2:"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn yaml_alias_bomb_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    // Billion laughs: ten levels of nine aliases each, 10^9 strings if expanded.
    let mut yaml = String::from(
        "title: T\nauthors: [A]\nx-0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for level in 1..10 {
        let refs = vec![format!("*l{}", level - 1); 9].join(", ");
        yaml.push_str(&format!("x-{level}: &l{level} [{refs}]\n"));
    }
    std::fs::write(
        dir.path().join("bomb.md"),
        format!("---\n{yaml}---\n\nText.\n"),
    )
    .unwrap();
    let started = Instant::now();
    let output = run_clean(dir.path(), &["parse", "bomb.md"]);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "refused quickly"
    );
    assert_eq!(code(&output), 1);
    let json = assert_diagnostic(&output, "schema/yaml-alias");
    // Nothing was expanded: the output is small.
    assert!(stdout(&output).len() < 20_000);
    assert!(json["frontmatter"].is_null());
}

#[test]
fn a_file_over_20_mb_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = std::fs::File::create(dir.path().join("huge.md")).unwrap();
    file.set_len(20 * 1024 * 1024 + 1).unwrap();
    let output = run_clean(dir.path(), &["parse", "huge.md"]);
    assert_eq!(code(&output), 2);
    assert_one_line_error(&output, "huge.md");
    assert!(stderr(&output).contains("20 MB"), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
}

#[test]
fn ten_thousand_nested_blockquotes() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!(
        "{OK_FRONTMATTER}{}The innermost sentence.\n",
        "> ".repeat(10_000)
    );
    std::fs::write(dir.path().join("deep.md"), body).unwrap();
    let output = run_clean(dir.path(), &["parse", "deep.md"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["sentences"][0]["text"], "The innermost sentence.");
}

#[test]
fn ten_thousand_nested_lists() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!(
        "{OK_FRONTMATTER}## Recommendations\n\n{}The EU should act.\n",
        "- ".repeat(10_000)
    );
    std::fs::write(dir.path().join("deep.md"), body).unwrap();
    let output = run_clean(dir.path(), &["parse", "deep.md"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["recommendations"][0]["actor"], "The EU");
}

#[test]
fn invalid_utf8_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("latin1.md"),
        b"---\ntitle: Caf\xe9\nauthors: [A]\n---\n\nText.\n",
    )
    .unwrap();
    let output = run_clean(dir.path(), &["parse", "latin1.md"]);
    assert_eq!(code(&output), 2);
    assert_one_line_error(&output, "latin1.md");
    assert!(stderr(&output).contains("UTF-8"), "{}", stderr(&output));
}

#[test]
fn invalid_utf8_on_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = crate::support::brief()
        .args(["parse", "-"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"---\ntitle: \xff\n---\n").unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert_eq!(code(&output), 2);
    assert_one_line_error(&output, "standard input");
}

#[test]
fn a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_clean(dir.path(), &["parse", "nowhere.md"]);
    assert_eq!(code(&output), 2);
    assert_one_line_error(&output, "nowhere.md");
    assert!(stdout(&output).is_empty());
}

#[test]
fn a_missing_file_does_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.md"), format!("{OK_FRONTMATTER}Text.\n")).unwrap();
    let output = run_clean(dir.path(), &["parse", "nowhere.md", "ok.md"]);
    assert_eq!(code(&output), 2);
    assert_one_line_error(&output, "nowhere.md");
    let json: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(json["path"], "ok.md");
}

#[test]
fn a_directory_where_a_file_is_needed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    std::fs::write(dir.path().join("ok.md"), format!("{OK_FRONTMATTER}Text.\n")).unwrap();
    // As the output file.
    let output = run_clean(dir.path(), &["parse", "ok.md", "-o", "folder"]);
    assert_eq!(code(&output), 2);
    assert_one_line_error(&output, "folder");
    // As the configuration file.
    let output = run_clean(dir.path(), &["parse", "ok.md", "--config", "folder"]);
    assert_eq!(code(&output), 2);
    assert_one_line_error(&output, "folder");
    // As a bibliography: a diagnostic on the brief.
    std::fs::write(
        dir.path().join("bib.md"),
        "---\ntitle: T\nauthors: [A]\nbibliography: folder\n---\n\nText.\n",
    )
    .unwrap();
    let output = run_clean(dir.path(), &["parse", "bib.md"]);
    assert_eq!(code(&output), 1);
    assert_diagnostic(&output, "schema/unreadable-file");
    assert!(
        stderr(&output).contains("it is a directory"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_directory_without_briefs_is_a_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let output = run_clean(dir.path(), &["parse", "empty"]);
    assert_eq!(code(&output), 0);
    assert!(stderr(&output).starts_with("note: "), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
}

#[test]
fn an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.md"), "").unwrap();
    let output = run_clean(dir.path(), &["parse", "empty.md"]);
    assert_eq!(code(&output), 1);
    assert_diagnostic(&output, "schema/missing-frontmatter");
}

#[test]
fn a_bad_brief_toml_is_a_configuration_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("brief.toml"),
        "[lint]\nselct = [\"claims\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("ok.md"), format!("{OK_FRONTMATTER}Text.\n")).unwrap();
    let output = run_clean(dir.path(), &["parse", "--config", "brief.toml", "ok.md"]);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert!(err.starts_with("error: brief.toml:2:1"), "{err}");
    assert!(err.contains("did you mean `select`?"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_clean(dir.path(), &["schema", "nonsense"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).starts_with("error: "),
        "{}",
        stderr(&output)
    );
    let output = run_clean(dir.path(), &["parse"]);
    assert_eq!(code(&output), 2);
}
