//! The brief schema documents itself: every property has a description and an example.

use serde_json::Value;

use crate::repo;

/// Every property of `schema` (in `properties` and `patternProperties`, at any depth, `$defs`
/// included) that lacks a description or an example, by path.
fn undocumented(schema: &Value) -> Vec<String> {
    let mut missing = Vec::new();
    let mut stack = vec![(String::new(), schema)];
    while let Some((path, node)) = stack.pop() {
        match node {
            Value::Object(map) => {
                for keyword in ["properties", "patternProperties"] {
                    let Some(Value::Object(props)) = map.get(keyword) else {
                        continue;
                    };
                    for (name, prop) in props {
                        for needed in ["description", "examples"] {
                            let present = match prop.get(needed) {
                                Some(Value::Array(items)) => !items.is_empty(),
                                Some(Value::String(text)) => !text.trim().is_empty(),
                                _ => false,
                            };
                            if !present {
                                missing.push(format!("{path}/{keyword}/{name}: no {needed}"));
                            }
                        }
                    }
                }
                for (key, child) in map {
                    // `if` holds a condition on values, not a declaration of properties.
                    if key == "if" {
                        continue;
                    }
                    stack.push((format!("{path}/{key}"), child));
                }
            }
            Value::Array(items) => {
                for (idx, child) in items.iter().enumerate() {
                    stack.push((format!("{path}/{idx}"), child));
                }
            }
            _ => {}
        }
    }
    missing.sort();
    missing
}

#[test]
fn every_property_of_the_brief_schema_has_a_description_and_an_example() {
    let schema = brief_model::schema::brief_schema();
    let missing = undocumented(schema);
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    assert!(
        schema["$defs"]["SourceEntry"]["properties"]["URL"]["examples"].is_array(),
        "nested definitions are checked too"
    );
}

#[test]
fn the_committed_brief_schema_is_the_generated_one() {
    let committed: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("schemas/brief.schema.json"))
            .expect("schemas/brief.schema.json exists"),
    )
    .expect("the committed schema is JSON");
    assert!(
        committed == *brief_model::schema::brief_schema(),
        "schemas/brief.schema.json is stale: run `cargo xtask codegen`"
    );
    assert!(undocumented(&committed).is_empty());
}

#[test]
fn the_schema_examples_are_valid_frontmatter() {
    let schema = brief_model::schema::brief_schema();
    let validator = jsonschema_validator(schema);
    for example in schema["examples"]
        .as_array()
        .expect("the schema has examples")
    {
        let errors: Vec<String> = validator
            .iter_errors(example)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
    // Each property's examples validate against that property's schema.
    for (name, prop) in schema["properties"].as_object().unwrap() {
        for example in prop["examples"].as_array().unwrap() {
            let mut frontmatter = serde_json::json!({
                "title": "T",
                "authors": ["A"],
                "date": "2025-01-02",
            });
            frontmatter[name] = example.clone();
            let errors: Vec<String> = validator
                .iter_errors(&frontmatter)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "example of `{name}`: {errors:?}");
        }
    }
}

fn jsonschema_validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::validator_for(schema).expect("the brief schema compiles")
}
