//! `brief check`, `brief claims` and `brief rules` through the real binary.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::support::{code, repo, run, run_in, stderr, stdout};

/// A small brief with one problem of each of a few kinds.
const PROBLEMS: &str = "---
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

Wholesale prices rose 40 per cent in the the first quarter of 2024 [@ofgem-2024].
Experts say prices will keep rising.
Household bills rose 12% last month.
";

fn json(output: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(output))
        .unwrap_or_else(|err| panic!("not JSON ({err}):\n{}\n{}", stdout(output), stderr(output)))
}

fn codes_by_path(report: &Value) -> BTreeMap<String, Vec<(String, String)>> {
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for d in report["diagnostics"].as_array().unwrap() {
        out.entry(d["path"].as_str().unwrap().to_owned())
            .or_default()
            .push((
                d["code"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
            ));
    }
    out
}

fn validator(path: &Path) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, value: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn example_briefs_clean_and_problem() {
    let output = run(&["check", "briefs", "--format", "json"]);
    assert_eq!(
        code(&output),
        1,
        "the problem brief has errors: {}",
        stderr(&output)
    );
    let report = json(&output);
    assert_valid(
        &validator(&repo().join("schemas/diagnostics.schema.json")),
        &report,
    );
    let by_path = codes_by_path(&report);
    for clean in [
        "briefs/south-caucasus-border.md",
        "briefs/caspian-energy/caspian-gas-corridor.md",
    ] {
        let serious: Vec<_> = by_path
            .get(clean)
            .into_iter()
            .flatten()
            .filter(|(_, severity)| severity != "info")
            .collect();
        assert!(serious.is_empty(), "{clean} should be clean: {serious:?}");
    }
    let problems: Vec<&str> = by_path["briefs/water-security-draft.md"]
        .iter()
        .map(|(code, _)| code.as_str())
        .collect();
    for planted in [
        "claims/unsourced-statistic",
        "claims/uncited-quote",
        "claims/weasel-attribution",
        "claims/relative-time",
        "claims/vague-time",
        "claims/unsourced-generalization",
        "citations/undefined-key",
        "citations/undefined-footnote",
        "citations/unused-footnote",
        "sources/incomplete-note",
        "sources/insecure-url",
        "sources/duplicate-url",
        "recommendations/missing-actor",
        "recommendations/vague-action",
        "recommendations/buried",
        "structure/heading-increment",
        "structure/empty-section",
        "style/repeated-word",
        "style/confused-word",
        "style/long-sentence",
    ] {
        assert!(
            problems.contains(&planted),
            "the problem brief should raise {planted}"
        );
    }
    assert_eq!(report["summary"]["files"], 3);
}

#[test]
fn output_is_sorted_and_deterministic() {
    let first = stdout(&run(&["check", "briefs", "--format", "short"]));
    let second = stdout(&run(&["check", "briefs", "--format", "short"]));
    assert_eq!(first, second);
    let keys: Vec<(String, usize, usize)> = first
        .lines()
        .map(|line| {
            let mut parts = line.splitn(4, ':');
            (
                parts.next().unwrap().to_owned(),
                parts.next().unwrap().parse().unwrap(),
                parts.next().unwrap().parse().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn sarif_validates_and_github_accepts_it() {
    let output = run(&["check", "briefs", "--format", "sarif"]);
    let sarif = json(&output);
    let schema = validator(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("crates/brief-cli/tests/data/sarif-schema-2.1.0.json"),
    );
    assert_valid(&schema, &sarif);
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .unwrap()
            .starts_with("file:///")
    );
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), brief_rule_count());
    for result in run["results"].as_array().unwrap() {
        let location = &result["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(location["uriBaseId"], "%SRCROOT%");
        assert!(location["uri"].as_str().unwrap().starts_with("briefs/"));
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

fn brief_rule_count() -> usize {
    stdout(&run(&["rules"])).lines().count()
}

#[test]
fn github_annotations_escape_their_data() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a,b:c.md"), PROBLEMS).unwrap();
    let output = run_in(
        dir.path(),
        &["check", "--format", "github", "a,b:c.md"],
        None,
    );
    let text = stdout(&output);
    let first = text.lines().next().expect("annotations");
    assert!(first.starts_with("::"), "{first}");
    assert!(first.contains("file=a%2Cb%3Ac.md,line="), "{first}");
    assert!(text.contains("title=claims/weasel-attribution::"), "{text}");
    assert!(
        text.contains("%0Ahelp: "),
        "newlines in messages are escaped: {text}"
    );
    assert!(text.lines().all(|l| l.starts_with("::error ")
        || l.starts_with("::warning ")
        || l.starts_with("::notice ")));
}

#[test]
fn claims_agree_with_check() {
    let check = json(&run(&["check", "briefs", "--format", "json", "--stats"]));
    let claims = json(&run(&["claims", "briefs", "--format", "json"]));
    assert_valid(
        &validator(&repo().join("schemas/claims.schema.json")),
        &claims,
    );
    let rows = claims["claims"].as_array().unwrap();
    for d in check["diagnostics"].as_array().unwrap() {
        let code = d["code"].as_str().unwrap();
        if !code.starts_with("claims/") {
            continue;
        }
        let start = d["span"]["start"].as_u64().unwrap();
        let end = d["span"]["end"].as_u64().unwrap();
        let row = rows.iter().find(|r| {
            r["path"] == d["path"]
                && r["span"]["start"].as_u64().unwrap() <= start
                && end <= r["span"]["end"].as_u64().unwrap().max(end)
                && r["codes"].as_array().unwrap().iter().any(|c| c == code)
        });
        let row = row.unwrap_or_else(|| panic!("no claim for {d}"));
        assert_eq!(row["status"], "unsourced", "{d}");
    }
    for stats in check["stats"].as_array().unwrap() {
        let path = &stats["path"];
        let of = |status: &str| {
            rows.iter()
                .filter(|r| &r["path"] == path && r["status"] == status)
                .count()
        };
        let (sourced, unsourced) = (of("sourced"), of("unsourced"));
        assert_eq!(
            stats["sourced"].as_u64().unwrap() as usize,
            sourced,
            "{path}"
        );
        assert_eq!(
            stats["claims"].as_u64().unwrap() as usize,
            sourced + unsourced,
            "{path}"
        );
    }
    let csv = stdout(&run(&["claims", "briefs", "--format", "csv"]));
    assert_eq!(csv.lines().next().unwrap().split(',').count(), 15);
    let md = stdout(&run(&["claims", "briefs/water-security-draft.md"]));
    assert!(
        md.contains("| Line | Kinds | Claim | Sources | Status |"),
        "{md}"
    );
    assert!(md.contains("unsourced"), "{md}");
}

#[test]
fn fix_applies_safe_fixes_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.md");
    let text = PROBLEMS.replace("Household bills", "Effected parties said household bills");
    std::fs::write(&path, &text).unwrap();
    let output = run_in(
        dir.path(),
        &["check", "--fix", "--format", "short", "brief.md"],
        None,
    );
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(fixed.contains("in the first quarter"), "{fixed}");
    assert!(fixed.contains("Affected parties said"), "{fixed}");
    assert!(
        !stdout(&output).contains("style/repeated-word"),
        "fixed findings are not reported"
    );
    let again = run_in(
        dir.path(),
        &["check", "--fix", "--format", "short", "brief.md"],
        None,
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        fixed,
        "a second --fix changes nothing"
    );
    assert_eq!(stdout(&again), stdout(&output));
}

#[test]
fn baselines_survive_edits_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.md");
    std::fs::write(&path, PROBLEMS).unwrap();
    let write = run_in(
        dir.path(),
        &["check", "--write-baseline", "baseline.json", "brief.md"],
        None,
    );
    assert!(
        dir.path().join("baseline.json").exists(),
        "{}",
        stderr(&write)
    );
    let clean = run_in(
        dir.path(),
        &[
            "check",
            "--baseline",
            "baseline.json",
            "--format",
            "short",
            "brief.md",
        ],
        None,
    );
    assert_eq!(stdout(&clean), "");
    assert_eq!(code(&clean), 0);
    // A new paragraph above moves every finding; a new problem is the only one reported.
    let edited = PROBLEMS.replace(
        "## Prices\n",
        "## Prices\n\nThe regulator published its outlook in October 2024 [@ofgem-2024].\n\nCritics claim the outlook is too rosy.\n",
    );
    std::fs::write(&path, edited).unwrap();
    let output = run_in(
        dir.path(),
        &[
            "check",
            "--baseline",
            "baseline.json",
            "--format",
            "short",
            "brief.md",
        ],
        None,
    );
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("claims/weasel-attribution") && lines[0].contains(":17:"),
        "{lines:?}"
    );
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let warn_only = PROBLEMS.replace("in the the first", "in the first");
    std::fs::write(dir.path().join("warn.md"), &warn_only).unwrap();
    std::fs::write(dir.path().join("README.md"), "# Readme\n\nNot a brief.\n").unwrap();
    assert_eq!(code(&run_in(dir.path(), &["check", "warn.md"], None)), 0);
    assert_eq!(
        code(&run_in(
            dir.path(),
            &["check", "--deny-warnings", "warn.md"],
            None
        )),
        1
    );
    let readme = run_in(dir.path(), &["check", "README.md"], None);
    assert_eq!(code(&readme), 0);
    assert!(
        stderr(&readme).contains("skipping README.md"),
        "{}",
        stderr(&readme)
    );
    let strict = run_in(
        dir.path(),
        &["check", "--strict", "--format", "short", "README.md"],
        None,
    );
    assert_eq!(code(&strict), 1);
    assert!(stdout(&strict).contains("schema/missing-frontmatter"));
    let missing = run_in(dir.path(), &["check", "missing.md"], None);
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).starts_with("error: missing.md"),
        "{}",
        stderr(&missing)
    );
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let empty = run_in(dir.path(), &["check", "empty"], None);
    assert_eq!(code(&empty), 0);
    assert!(stderr(&empty).contains("no briefs found"));
    let stdin = run_in(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "x.md",
            "--format",
            "short",
        ],
        Some(PROBLEMS),
    );
    assert!(stdout(&stdin).starts_with("x.md:"), "{}", stdout(&stdin));
}

#[test]
fn broken_config_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("brief.toml"),
        "[lint]\nselct = [\"claims\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.md"), PROBLEMS).unwrap();
    let output = run_in(dir.path(), &["check", "b.md"], None);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert!(err.contains("brief.toml:2:1"), "{err}");
    assert!(err.contains("did you mean `select`?"), "{err}");
    std::fs::write(
        dir.path().join("brief.toml"),
        "[lint]\nignore = [\"claims/weasel\"]\n",
    )
    .unwrap();
    let output = run_in(dir.path(), &["check", "b.md"], None);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("did you mean `claims/weasel-attribution`?"),
        "{}",
        stderr(&output)
    );
    std::fs::write(
        dir.path().join("brief.toml"),
        "[lint.severity]\n\"claims/weasel-attribution\" = \"error\"\n",
    )
    .unwrap();
    let output = run_in(dir.path(), &["check", "--format", "short", "b.md"], None);
    assert!(
        stdout(&output).contains("error[claims/weasel-attribution]"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn bad_files_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("binary.md"),
        [0u8, 159, 146, 150, 255, 0, 1],
    )
    .unwrap();
    let nested = format!(
        "---\ntitle: T\nauthors: [A]\n---\n\n{}deep\n",
        "> ".repeat(10_000)
    );
    std::fs::write(dir.path().join("nested.md"), nested).unwrap();
    #[cfg(unix)]
    {
        std::fs::create_dir(dir.path().join("loop")).unwrap();
        std::os::unix::fs::symlink("..", dir.path().join("loop/up")).unwrap();
    }
    let output = run_in(dir.path(), &["check", "."], None);
    let err = stderr(&output);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(code(&output), 2, "the binary file is an I/O error: {err}");
    assert!(err.contains("binary.md: not UTF-8"), "{err}");
    let nested = run_in(dir.path(), &["check", "nested.md"], None);
    assert!(!stderr(&nested).contains("panicked"));
    assert!(code(&nested) <= 1);
}

#[test]
fn rules_prints_the_generated_docs() {
    let list = stdout(&run(&["rules"]));
    assert!(list.lines().any(|l| l.starts_with("claims/relative-time")));
    let page = stdout(&run(&["rules", "claims/relative-time"]));
    let docs = std::fs::read_to_string(repo().join("docs/rules.md")).unwrap();
    assert!(
        docs.contains(page.trim_end()),
        "docs/rules.md holds the page `brief rules` prints"
    );
    let unknown = run(&["rules", "claims/relative-tim"]);
    assert_eq!(code(&unknown), 2);
    assert!(stderr(&unknown).contains("did you mean `claims/relative-time`?"));
}
