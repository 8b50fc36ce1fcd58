//! Where publication repositories meet `brief`: the GitHub Action, the pre-commit hook,
//! `--changed`, `brief new` and the generated completions.

use std::path::Path;
use std::process::Command;

use saphyr::{LoadableYamlNode, Yaml};

use crate::support::{code, repo, run_in, stderr, stdout};

const GOOD: &str = "---
title: Grid Resilience
type: commentary
authors: [A. Rahman]
sources:
  - id: ofgem-2024
    type: report
    title: Winter Outlook 2024
    issued: 2024-10
    url: https://example.org/ofgem/winter-outlook
---

## Prices

Wholesale prices rose 40 per cent in the first quarter of 2024 [@ofgem-2024].
";

const BAD: &str = "---
title: Grid Resilience
type: commentary
authors: [A. Rahman]
---

## Prices

Wholesale prices rose 40 per cent [@nowhere].
Experts say prices will keep rising.
";

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The value of `key` in a YAML mapping.
fn get<'a>(node: &'a Yaml<'a>, key: &str) -> Option<&'a Yaml<'a>> {
    node.as_mapping()?
        .iter()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(_, v)| v)
}

/// A folder with the binary's folder first on the PATH.
fn path_with_brief() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_brief"))
        .parent()
        .unwrap()
        .to_owned();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Runs the steps of action.yml as GitHub would, with `install: false`.
fn run_action(dir: &Path, inputs: &[(&str, &str)]) -> (i32, String) {
    let text = std::fs::read_to_string(repo().join("action.yml")).unwrap();
    let docs = Yaml::load_from_str(&text).expect("action.yml is YAML");
    let action = &docs[0];
    let defaults = action["inputs"].as_mapping().expect("inputs");
    let input = |name: &str| -> String {
        inputs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| (*v).to_owned())
            .or_else(|| {
                defaults
                    .iter()
                    .find(|(k, _)| k.as_str() == Some(name))
                    .and_then(|(_, v)| {
                        get(v, "default")
                            .and_then(|d| d.as_str())
                            .map(str::to_owned)
                    })
            })
            .unwrap_or_default()
    };
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let mut stdout_all = String::new();
    let mut last = 0;
    for step in action["runs"]["steps"].as_vec().expect("steps") {
        // The only conditions used are comparisons of inputs with string literals.
        if let Some(condition) = get(step, "if").and_then(|c| c.as_str()) {
            let (name, rest) = condition
                .trim()
                .strip_prefix("inputs.")
                .and_then(|c| c.split_once(' '))
                .expect("conditions compare an input");
            let (op, literal) = rest
                .trim()
                .split_once(' ')
                .expect("an operator and a literal");
            let literal = literal.trim().trim_matches('\'');
            let value = input(name);
            let holds = match op {
                "==" => value == literal,
                "!=" => value != literal,
                other => panic!("unexpected operator {other}"),
            };
            if !holds {
                continue;
            }
        }
        let Some(script) = get(step, "run").and_then(|r| r.as_str()) else {
            panic!("a step that runs with install: false uses no other action");
        };
        let mut command = Command::new("bash");
        command
            .arg("-e")
            .arg("-c")
            .arg(script)
            .current_dir(dir)
            .env("PATH", path_with_brief());
        if let Some(env) = get(step, "env").and_then(|e| e.as_mapping()) {
            for (key, value) in env {
                let value = value.as_str().unwrap_or_default();
                let expanded = match value
                    .trim()
                    .strip_prefix("${{ inputs.")
                    .and_then(|v| v.strip_suffix(" }}"))
                {
                    Some(name) => input(name),
                    None => value.to_owned(),
                };
                command.env(key.as_str().unwrap(), expanded);
            }
        }
        let output = command.output().expect("bash runs");
        stdout_all.push_str(&String::from_utf8_lossy(&output.stdout));
        last = output.status.code().unwrap_or(-1);
        if last != 0 {
            break;
        }
    }
    (last, stdout_all)
}

#[test]
fn the_github_action_annotates_findings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("briefs")).unwrap();
    std::fs::write(dir.path().join("briefs/good.md"), GOOD).unwrap();
    std::fs::write(dir.path().join("briefs/bad.md"), BAD).unwrap();
    let (status, out) = run_action(
        dir.path(),
        &[
            ("install", "false"),
            ("paths", "briefs"),
            ("sarif", "brief.sarif"),
        ],
    );
    assert_eq!(status, 1, "errors fail the step: {out}");
    assert!(
        out.contains("::error file=briefs/bad.md,line=9,col="),
        "{out}"
    );
    assert!(out.contains("title=citations/undefined-key::"), "{out}");
    assert!(
        out.contains("::warning file=briefs/bad.md,line=10,col=1,")
            && out.contains("title=claims/weasel-attribution"),
        "{out}"
    );
    assert!(
        !out.lines()
            .any(|l| l.contains("good.md") && !l.starts_with("::notice ")),
        "only notices for the good brief: {out}"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("brief.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    std::fs::remove_file(dir.path().join("briefs/bad.md")).unwrap();
    let (status, out) = run_action(dir.path(), &[("install", "false"), ("paths", "briefs")]);
    assert_eq!(status, 0, "{out}");
}

#[test]
fn the_pre_commit_hook_checks_briefs_and_skips_readmes() {
    let text = std::fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks = Yaml::load_from_str(&text).unwrap();
    let hook = &hooks[0][0];
    assert_eq!(hook["id"].as_str(), Some("brief-check"));
    assert_eq!(hook["language"].as_str(), Some("script"));
    let entry = hook["entry"].as_str().unwrap();
    assert_eq!(entry, "hooks/brief-check");

    // pre-commit runs the script from its own copy of this repository: a copy of the script,
    // with a `cargo` on the PATH that records how it is called and "builds" the binary under test.
    let clone = tempfile::tempdir().unwrap();
    let script = clone.path().join(entry);
    std::fs::create_dir_all(script.parent().unwrap()).unwrap();
    std::fs::copy(repo().join(entry), &script).unwrap();
    let bin = clone.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let calls = clone.path().join("cargo-calls");
    let fake_cargo = format!(
        "#!/bin/sh\necho \"$(pwd) $@\" >> '{calls}'\nwhile [ \"$1\" != --target-dir ]; do shift; done\nmkdir -p \"$2/release\"\nln -sf '{brief}' \"$2/release/brief\"\n",
        calls = calls.display(),
        brief = env!("CARGO_BIN_EXE_brief"),
    );
    std::fs::write(bin.join("cargo"), fake_cargo).unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(bin.join("cargo"))
        .status()
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    std::fs::write(dir.path().join("good.md"), GOOD).unwrap();
    std::fs::write(dir.path().join("bad.md"), BAD).unwrap();
    std::fs::write(
        dir.path().join("README.md"),
        "# Our briefs\n\nRun `brief check`.\n",
    )
    .unwrap();
    // pre-commit passes the staged file names after the entry.
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let hook_run = |files: &[&str]| {
        Command::new(&script)
            .args(files)
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("BRIEF_TEST", "1")
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    };
    let output = hook_run(&["good.md", "README.md"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    let output = hook_run(&["good.md", "bad.md", "README.md"]);
    assert_eq!(code(&output), 1, "{}", stdout(&output));
    assert!(stdout(&output).contains("citations/undefined-key"));
    assert!(!stdout(&output).contains("README.md"));

    // Built once, without the PDF engine, inside the copy.
    let calls = std::fs::read_to_string(&calls).unwrap();
    assert_eq!(calls.lines().count(), 1, "{calls}");
    assert!(calls.contains("build"), "{calls}");
    assert!(calls.contains("--no-default-features"), "{calls}");
    assert!(calls.contains("--locked"), "{calls}");
    // From the copy, not from the repository being checked (its toolchain file and cargo
    // settings must not apply).
    assert!(
        calls.starts_with(&format!("{} ", clone.path().display())),
        "{calls}"
    );
}

#[test]
fn changed_checks_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    std::fs::create_dir(d.join("briefs")).unwrap();
    std::fs::write(d.join("briefs/old.md"), BAD).unwrap();
    std::fs::write(d.join("briefs/cites.md"), GOOD.replace("sources:\n  - id: ofgem-2024\n    type: report\n    title: Winter Outlook 2024\n    issued: 2024-10\n    url: https://example.org/ofgem/winter-outlook\n", "bibliography: refs.yaml\n")).unwrap();
    std::fs::write(d.join("briefs/refs.yaml"), "- id: ofgem-2024\n  type: report\n  title: Winter Outlook 2024\n  issued: 2024-10\n  url: https://example.org/ofgem/winter-outlook\n").unwrap();
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "first"]);
    git(d, &["checkout", "-q", "-b", "topic"]);

    // Nothing changed: nothing to check.
    let output = run_in(
        d,
        &["check", "--changed", "--format", "short", "briefs"],
        None,
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stdout(&output), "");

    // An untracked brief is checked; the unchanged bad one is not.
    std::fs::write(d.join("briefs/new.md"), BAD).unwrap();
    let output = run_in(
        d,
        &["check", "--changed", "--format", "short", "briefs"],
        None,
    );
    let out = stdout(&output);
    assert!(
        out.contains("briefs/new.md") && !out.contains("briefs/old.md"),
        "{out}"
    );
    std::fs::remove_file(d.join("briefs/new.md")).unwrap();

    // A changed bibliography brings in the briefs that use it.
    std::fs::write(d.join("briefs/refs.yaml"), "- id: ofgem-2024\n  type: report\n  title: Winter Outlook 2024\n  url: https://example.org/ofgem/winter-outlook\n").unwrap();
    git(d, &["commit", "-q", "-am", "edit the bibliography"]);
    let output = run_in(
        d,
        &[
            "check",
            "--changed",
            "--base",
            "main",
            "--format",
            "short",
            "briefs",
        ],
        None,
    );
    let out = stdout(&output);
    assert!(
        out.contains("sources/missing-date") && !out.contains("briefs/old.md"),
        "{out}"
    );

    // A changed brief.toml means every brief.
    std::fs::write(d.join("brief.toml"), "[lint]\nignore = [\"style\"]\n").unwrap();
    let output = run_in(
        d,
        &["check", "--changed", "--format", "short", "briefs"],
        None,
    );
    assert!(
        stdout(&output).contains("briefs/old.md"),
        "{}",
        stdout(&output)
    );

    // A shallow clone without the base says what to do.
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", d.display());
    let status = Command::new("git")
        .args(["clone", "-q", "--depth", "1", "--branch", "topic", &url])
        .arg(clone.path().join("c"))
        .status()
        .unwrap();
    assert!(status.success());
    let output = run_in(
        &clone.path().join("c"),
        &["check", "--changed", "--base", "main", "briefs"],
        None,
    );
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("fetch-depth: 0"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn new_writes_a_brief_that_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    for kind in [
        "policy-brief",
        "issue-brief",
        "commentary",
        "report",
        "testimony",
        "memo",
    ] {
        let name = format!("{kind}.md");
        let output = run_in(
            dir.path(),
            &[
                "new",
                "Water Security in Central Asia",
                "--type",
                kind,
                "-o",
                &name,
                "--author",
                "Ани Маргарян",
            ],
            None,
        );
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        let text = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        assert!(
            !text.contains("brief-ignore") && !text.contains("brief-disable"),
            "no suppressions"
        );
        let check = run_in(dir.path(), &["check", "--format", "json", &name], None);
        let report: serde_json::Value = serde_json::from_str(&stdout(&check)).unwrap();
        let serious: Vec<&serde_json::Value> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] != "info")
            .collect();
        assert!(serious.is_empty(), "{kind}: {serious:#?}");
        assert_eq!(code(&check), 0);
    }
    let default = run_in(dir.path(), &["new", "Grid Resilience: Options"], None);
    assert_eq!(code(&default), 0, "{}", stderr(&default));
    assert!(dir.path().join("grid-resilience-options.md").exists());
    let again = run_in(dir.path(), &["new", "Grid Resilience: Options"], None);
    assert_eq!(code(&again), 2, "refuses to overwrite");
    assert!(stderr(&again).contains("already exists"));
}

#[test]
fn completions_and_man_pages_come_from_the_cli_definition() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let output = run_in(dir.path(), &["completions", shell], None);
        assert_eq!(code(&output), 0);
        assert!(stdout(&output).contains("check"), "{shell}");
    }
    let output = run_in(dir.path(), &["man", "--out-dir", "man"], None);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let page = std::fs::read_to_string(dir.path().join("man/brief-check.1")).unwrap();
    assert!(page.contains("deny\\-warnings"), "{page}");
}
