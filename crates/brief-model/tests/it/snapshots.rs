//! Snapshots of the parsed model of each example brief, as `brief parse` prints it.
//!
//! Review changes with `cargo insta review`. Paths in the snapshots are repository-relative, so
//! they do not depend on where the repository is checked out.

use brief_model::json::DocumentJson;
use brief_model::{ProjectFs, resolve};

use crate::{example_briefs, parse, repo};

/// The JSON view of a brief, parsed and with its bibliographies loaded.
pub(crate) fn document_json(relative: &str) -> serde_json::Value {
    let path = repo().join(relative);
    let text = std::fs::read_to_string(&path).expect("the brief is readable");
    let mut parsed = parse(&text);
    let loader = ProjectFs::for_brief(&path);
    let dir = path.parent().expect("the brief is in a folder");
    let mut diagnostics = parsed.diagnostics;
    diagnostics.extend(resolve(&mut parsed.document, dir, &loader));
    let json = DocumentJson::new(&parsed.document, relative, &diagnostics);
    serde_json::to_value(json).expect("the JSON view serializes")
}

#[test]
fn every_example_brief() {
    for relative in example_briefs() {
        let json = document_json(&relative);
        assert!(
            json["diagnostics"].as_array().unwrap().is_empty(),
            "{relative}: {}",
            json["diagnostics"]
        );
        let name = relative
            .trim_start_matches("briefs/")
            .trim_end_matches(".md")
            .replace('/', "__");
        insta::assert_json_snapshot!(name, json);
    }
}

#[test]
fn the_json_view_validates_against_the_document_schema() {
    let schema = brief_model::schema::document_schema();
    let validator = jsonschema::validator_for(&schema).expect("the document schema compiles");
    for relative in example_briefs() {
        let json = document_json(&relative);
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{relative}: {errors:?}");
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for pinned in [
            "version",
            "path",
            "frontmatter",
            "sources",
            "sections",
            "sentences",
            "recommendations",
            "suppressions",
            "word_count",
            "diagnostics",
        ] {
            assert!(
                keys.contains(&pinned),
                "{relative}: no `{pinned}` in {keys:?}"
            );
        }
    }
}
