//! `brief parse` and `brief schema`.

use crate::support::{code, example_briefs, repo, run, run_in, stderr, stdout};

fn document_validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("schemas/document.schema.json"))
            .expect("schemas/document.schema.json exists"),
    )
    .expect("the document schema is JSON");
    jsonschema::validator_for(&schema).expect("the document schema compiles")
}

#[test]
fn every_example_brief_parses_to_valid_json() {
    let validator = document_validator();
    let briefs = example_briefs();
    assert!(briefs.len() >= 3, "expected at least three example briefs");
    for brief in briefs {
        let path = brief
            .strip_prefix(repo())
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let output = run(&["parse", &path]);
        assert_eq!(code(&output), 0, "{path}: {}", stderr(&output));
        let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON output");
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:?}");
        assert_eq!(json["path"], path);
        assert!(
            json["word_count"].as_u64().unwrap() >= 1_200,
            "{path} is under 1,200 words"
        );
    }
}

#[test]
fn schema_command_prints_the_committed_schemas() {
    for kind in ["brief", "config", "document"] {
        let output = run(&["schema", kind]);
        assert_eq!(code(&output), 0);
        let committed =
            std::fs::read_to_string(repo().join(format!("schemas/{kind}.schema.json"))).unwrap();
        assert_eq!(stdout(&output), committed, "brief schema {kind}");
    }
}

#[test]
fn missing_frontmatter_is_reported_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "# Hello\n\nJust a readme.\n").unwrap();
    let output = run_in(dir.path(), &["parse", "README.md"], None);
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains("schema/missing-frontmatter"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_output_over_an_input_and_a_broken_config_are_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let brief = "---\ntitle: Ани\nauthors: [Ани Маргарян]\n---\n\nText.\n";
    std::fs::write(dir.path().join("b.md"), brief).unwrap();
    let output = run_in(dir.path(), &["parse", "b.md", "-o", "b.md"], None);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.md")).unwrap(),
        brief
    );
    std::fs::write(dir.path().join("brief.toml"), "[render]\nthem = \"x\"\n").unwrap();
    let output = run_in(dir.path(), &["parse", "b.md"], None);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("brief.toml:2:1"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn human_columns_count_characters_not_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // `ттт` is 3 characters and 6 bytes before the unknown key's value.
    std::fs::write(
        dir.path().join("b.md"),
        "---\ntitle: T\nauthors: [A]\nx: ттт\nsumary: S\n---\n\nText.\n",
    )
    .unwrap();
    let output = run_in(dir.path(), &["--color", "never", "parse", "b.md"], None);
    assert!(stderr(&output).contains("b.md:5:1]"), "{}", stderr(&output));
    std::fs::write(
        dir.path().join("c.md"),
        "---\ntitle: T\nauthors: [A]\n---\n\nУ Ани: experts say prices rose.\n",
    )
    .unwrap();
    let check = run_in(
        dir.path(),
        &["--color", "never", "check", "--format", "json", "c.md"],
        None,
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&check)).unwrap();
    let human = run_in(dir.path(), &["--color", "never", "check", "c.md"], None);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert!(
        diagnostics.iter().any(|d| d["start"]["column"] == 8),
        "{diagnostics:?}"
    );
    for d in diagnostics {
        let at = format!("c.md:{}:{}]", d["start"]["line"], d["start"]["column"]);
        assert!(stdout(&human).contains(&at), "{at} in {}", stdout(&human));
    }
}

#[cfg(unix)]
#[test]
fn an_output_to_a_device_or_through_a_link_keeps_what_is_there() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let brief = repo().join("briefs/south-caucasus-border.md");
    let brief = brief.to_str().unwrap();

    // `-o /dev/null` writes into the device; it does not replace it with a file.
    let was_device = std::fs::symlink_metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device();
    let output = run_in(dir.path(), &["parse", brief, "-o", "/dev/null"], None);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let meta = std::fs::symlink_metadata("/dev/null").unwrap();
    assert_eq!(
        meta.file_type().is_char_device(),
        was_device,
        "/dev/null is no longer a device"
    );

    // A link stays a link; the file it points to gets the output.
    std::fs::write(dir.path().join("target.json"), "old").unwrap();
    std::os::unix::fs::symlink("target.json", dir.path().join("link.json")).unwrap();
    let output = run_in(dir.path(), &["parse", brief, "-o", "link.json"], None);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let link = std::fs::symlink_metadata(dir.path().join("link.json")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    let written = std::fs::read_to_string(dir.path().join("target.json")).unwrap();
    assert!(written.starts_with('{'), "{written}");

    // A dangling link gets its target created.
    std::os::unix::fs::symlink("new.json", dir.path().join("dangling.json")).unwrap();
    let output = run_in(dir.path(), &["parse", brief, "-o", "dangling.json"], None);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let link = std::fs::symlink_metadata(dir.path().join("dangling.json")).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the dangling link was replaced"
    );
    assert!(dir.path().join("new.json").is_file());
}
