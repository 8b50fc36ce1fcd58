//! The JSON Schemas derived from the model's types, and frontmatter validation against them.
//!
//! The brief schema is generated from [`Frontmatter`] once per process; the same value is written
//! to `schemas/brief.schema.json` by `cargo xtask codegen`, so editors and `brief` agree.
//! Validation errors become diagnostics that point at the offending key or value through the
//! positions recorded while reading the YAML.

use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::config::ConfigFile;
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::frontmatter::{Frontmatter, KEY_ALIASES, STATUS_ALIASES};
use crate::json::DocumentJson;
use crate::span::Span;
use crate::suggest::did_you_mean;
use crate::yaml::Positions;

/// The JSON Schema (2020-12) of brief frontmatter.
pub fn brief_schema() -> &'static Value {
    static SCHEMA: LazyLock<Value> = LazyLock::new(|| {
        let mut schema = serde_json::to_value(schemars::schema_for!(Frontmatter))
            .expect("the frontmatter schema serializes");
        set_id(&mut schema, "brief.schema.json");
        schema
    });
    &SCHEMA
}

/// The JSON Schema of `brief.toml`.
pub fn config_schema() -> Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(ConfigFile))
        .expect("the configuration schema serializes");
    set_id(&mut schema, "config.schema.json");
    schema
}

/// The JSON Schema of `brief parse` output.
pub fn document_schema() -> Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(DocumentJson))
        .expect("the document schema serializes");
    set_id(&mut schema, "document.schema.json");
    schema
}

fn set_id(schema: &mut Value, name: &str) {
    if let Value::Object(map) = schema {
        map.insert(
            "$comment".into(),
            Value::String(
                "Generated from the brief-model types by `cargo xtask codegen`; do not edit."
                    .into(),
            ),
        );
        map.insert(
            "$id".into(),
            Value::String(format!(
                "https://github.com/brief-tools/brief/raw/main/schemas/{name}"
            )),
        );
    }
}

fn validator() -> &'static Validator {
    static VALIDATOR: LazyLock<Validator> = LazyLock::new(|| {
        jsonschema::options()
            .build(brief_schema())
            .expect("the generated frontmatter schema is a valid JSON Schema")
    });
    &VALIDATOR
}

/// The subschema that describes the value at `pointer` (`/authors/0/name`), following
/// `properties`, `items`, `$ref` and the object or array branch of `anyOf`.
pub fn subschema_at(pointer: &str) -> Option<&'static Value> {
    let root = brief_schema();
    let mut node = resolve(root, root);
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        node = step(root, node, &segment)?;
    }
    Some(node)
}

fn resolve<'a>(root: &'a Value, mut node: &'a Value) -> &'a Value {
    for _ in 0..16 {
        match node.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let Some(path) = reference.strip_prefix("#") else {
                    return node;
                };
                match root.pointer(path) {
                    Some(target) => node = target,
                    None => return node,
                }
            }
            None => return node,
        }
    }
    node
}

fn step<'a>(root: &'a Value, node: &'a Value, segment: &str) -> Option<&'a Value> {
    let node = resolve(root, node);
    if let Some(found) = node
        .get("properties")
        .and_then(|props| props.get(segment))
        .or_else(|| {
            segment
                .parse::<usize>()
                .ok()
                .and_then(|_| node.get("items"))
        })
    {
        return Some(resolve(root, found));
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(branches) = node.get(key).and_then(Value::as_array) {
            for branch in branches {
                if let Some(found) = step(root, resolve(root, branch), segment) {
                    return Some(found);
                }
            }
        }
    }
    None
}

/// The names of the keys allowed in the mapping at `pointer`.
pub fn allowed_keys(pointer: &str) -> Vec<String> {
    let Some(node) = subschema_at(pointer) else {
        return Vec::new();
    };
    let mut keys = Vec::new();
    collect_keys(brief_schema(), node, &mut keys);
    keys
}

fn collect_keys(root: &Value, node: &Value, keys: &mut Vec<String>) {
    let node = resolve(root, node);
    if let Some(props) = node.get("properties").and_then(Value::as_object) {
        keys.extend(props.keys().cloned());
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(branches) = node.get(key).and_then(Value::as_array) {
            for branch in branches {
                collect_keys(root, branch, keys);
            }
        }
    }
}

/// The description of the value at `pointer`, for hovers.
pub fn describe(pointer: &str) -> Option<&'static str> {
    subschema_at(pointer)?.get("description")?.as_str()
}

/// The result of validating frontmatter.
pub(crate) struct Validation {
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Pointers of values that must be left out of the typed read.
    pub(crate) invalid: Vec<String>,
}

/// Validates frontmatter against the brief schema.
pub(crate) fn validate(value: &Value, positions: &Positions, fm_span: Span) -> Validation {
    let mut out = Validation {
        diagnostics: Vec::new(),
        invalid: Vec::new(),
    };
    for error in validator().iter_errors(value) {
        report(&error, value, positions, fm_span, &mut out);
    }
    out
}

fn report(
    error: &ValidationError<'_>,
    root: &Value,
    positions: &Positions,
    fm_span: Span,
    out: &mut Validation,
) {
    let pointer = error.instance_path().as_str().to_owned();
    let value_span = positions
        .nearest(&pointer)
        .map_or(Span::empty(fm_span.start), |p| p.value);
    let name = display_path(&pointer);
    let instance = error.instance();
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for key in unexpected {
                let child = format!("{pointer}/{}", crate::yaml::escape_pointer(key));
                out.diagnostics
                    .push(unknown_key(&pointer, &child, key, root, positions, fm_span));
            }
        }
        ValidationErrorKind::Required { property } => {
            let property = property.as_str().unwrap_or_default();
            if pointer.is_empty() && property == "date" {
                let span = positions.get("/status").map_or(value_span, |p| p.value);
                let status = root
                    .get("status")
                    .and_then(Value::as_str)
                    .unwrap_or("final");
                out.diagnostics.push(
                    Diagnostic::new(
                        "schema/missing-key",
                        Severity::Error,
                        span,
                        format!("a brief with status `{status}` needs a `date`"),
                    )
                    .with_help("add `date: YYYY-MM-DD` with the publication date"),
                );
                return;
            }
            let span = if pointer.is_empty() {
                // The start of the frontmatter: `fm_span` is the YAML between the fences, so
                // anything wider could end inside a character or past the block.
                Span::empty(fm_span.start)
            } else {
                positions.get(&pointer).map_or(value_span, |p| p.entry())
            };
            let owner = if pointer.is_empty() {
                "frontmatter".to_owned()
            } else {
                format!("`{name}`")
            };
            out.diagnostics.push(
                Diagnostic::new(
                    "schema/missing-key",
                    Severity::Error,
                    span,
                    format!("{owner} is missing the required key `{property}`"),
                )
                .with_help(format!("add `{property}:` with a value")),
            );
            if !pointer.is_empty() {
                out.invalid.push(pointer);
            }
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(ty) => type_name(ty.as_str()).to_owned(),
                TypeKind::Multiple(set) => {
                    let names: Vec<&str> = set.iter().map(|t| type_name(t.as_str())).collect();
                    names.join(" or ")
                }
            };
            out.diagnostics.push(invalid(
                value_span,
                format!(
                    "`{name}` must be {expected}, found {}",
                    describe_value(instance)
                ),
            ));
            out.invalid.push(pointer);
        }
        ValidationErrorKind::Enum { options } => {
            let options: Vec<&str> = options
                .as_array()
                .map(|o| o.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            report_enum(&pointer, instance, &options, value_span, out);
        }
        ValidationErrorKind::Pattern { pattern } => {
            let found = describe_value(instance);
            let message = if pattern.contains(r"\d{4}") {
                if pointer.ends_with("/issued") || pointer.ends_with("/date") && pointer.len() > 5 {
                    format!(
                        "`{name}` must be a date written YYYY, YYYY-MM or YYYY-MM-DD, found {found}"
                    )
                } else {
                    format!("`{name}` must be a date written YYYY-MM-DD, found {found}")
                }
            } else if pointer.ends_with("/orcid") {
                format!("`{name}` must be an ORCID iD such as 0000-0002-1825-0097, found {found}")
            } else if pointer == "/lang" {
                format!(
                    "`{name}` must be a BCP 47 language tag such as `en` or `hy-AM`, found {found}"
                )
            } else if pointer.ends_with("/id") {
                format!(
                    "`{name}` must start with a letter, digit or `_` and contain no spaces, found {found}"
                )
            } else {
                format!("`{name}` does not have the expected form, found {found}")
            };
            out.diagnostics.push(invalid(value_span, message));
            out.invalid.push(pointer);
        }
        ValidationErrorKind::MinLength { .. } => {
            out.diagnostics
                .push(invalid(value_span, format!("`{name}` is empty")));
            out.invalid.push(pointer);
        }
        ValidationErrorKind::MinItems { .. } => {
            let span = positions.get(&pointer).map_or(value_span, |p| p.entry());
            out.diagnostics.push(
                invalid(span, format!("`{name}` needs at least one entry"))
                    .with_help(format!("add an entry under `{name}`")),
            );
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            // An enum whose variants are documented is a `oneOf` of constants: report it as a
            // choice among them, with the alias or did-you-mean a plain `enum` gets.
            let constants: Vec<&str> = context
                .iter()
                .filter_map(|branch| {
                    branch.iter().find_map(|e| match e.kind() {
                        ValidationErrorKind::Constant { expected_value }
                            if e.instance_path().as_str() == pointer =>
                        {
                            expected_value.as_str()
                        }
                        _ => None,
                    })
                })
                .collect();
            if !constants.is_empty() && constants.len() == context.len() {
                report_enum(&pointer, instance, &constants, value_span, out);
                return;
            }
            // Report the branch the value was evidently meant for: the one without a type error at
            // the value itself. When every branch rejects the type, say which types are allowed.
            let meant: Vec<&Vec<ValidationError<'static>>> = context
                .iter()
                .filter(|branch| {
                    !branch.iter().any(|e| {
                        e.instance_path().as_str() == pointer
                            && matches!(
                                e.kind(),
                                ValidationErrorKind::Type { .. } | ValidationErrorKind::Enum { .. }
                            )
                    })
                })
                .collect();
            if let Some(branch) = meant.first() {
                for sub in branch.iter() {
                    report(sub, root, positions, fm_span, out);
                }
            } else {
                let expected = expected_in_branches(context);
                out.diagnostics.push(invalid(
                    value_span,
                    format!(
                        "`{name}` must be {expected}, found {}",
                        describe_value(instance)
                    ),
                ));
                out.invalid.push(pointer);
            }
        }
        _ => {
            out.diagnostics
                .push(invalid(value_span, format!("`{name}`: {error}")));
            out.invalid.push(pointer);
        }
    }
}

/// Reports a value that is not one of `options`, with a fix for a known alias or a close match.
fn report_enum(
    pointer: &str,
    instance: &Value,
    options: &[&str],
    value_span: Span,
    out: &mut Validation,
) {
    let name = display_path(pointer);
    let found = instance.as_str().unwrap_or_default();
    let list = options
        .iter()
        .map(|o| format!("`{o}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut diag = invalid(
        value_span,
        format!(
            "`{name}` must be one of {list}, found {}",
            describe_value(instance)
        ),
    );
    let alias = (pointer == "/status")
        .then(|| STATUS_ALIASES.iter().find(|(from, _)| *from == found))
        .flatten();
    if let Some((_, to)) = alias {
        diag = diag
            .with_help(format!("`{found}` is spelled `{to}` in a brief"))
            .with_fix(Fix::safe(value_span, *to));
    } else if let Some(best) = did_you_mean(found, options.iter().copied()) {
        diag = diag
            .with_help(format!("did you mean `{best}`?"))
            .with_fix(Fix::unsafe_edit(value_span, best));
    }
    out.diagnostics.push(diag);
    out.invalid.push(pointer.to_owned());
}

fn expected_in_branches(context: &[Vec<ValidationError<'static>>]) -> String {
    let mut names: Vec<String> = Vec::new();
    for branch in context {
        for error in branch {
            let name = match error.kind() {
                ValidationErrorKind::Type {
                    kind: TypeKind::Single(ty),
                } => type_name(ty.as_str()).to_owned(),
                ValidationErrorKind::Enum { .. } => continue,
                _ => continue,
            };
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    if names.is_empty() {
        "a valid value".to_owned()
    } else {
        names.join(" or ")
    }
}

fn invalid(span: Span, message: String) -> Diagnostic {
    Diagnostic::new("schema/invalid-value", Severity::Error, span, message)
}

fn unknown_key(
    parent: &str,
    child: &str,
    key: &str,
    root: &Value,
    positions: &Positions,
    fm_span: Span,
) -> Diagnostic {
    let pos = positions.get(child);
    let key_span = pos
        .and_then(|p| p.key)
        .unwrap_or(Span::empty(fm_span.start));
    let where_ = if parent.is_empty() {
        String::new()
    } else {
        format!(" in `{}`", display_path(parent))
    };
    let mut diag = Diagnostic::new(
        "schema/unknown-key",
        Severity::Warning,
        key_span,
        format!("unknown key `{key}`{where_}"),
    );
    let alias = parent
        .is_empty()
        .then(|| KEY_ALIASES.iter().find(|(from, _)| *from == key))
        .flatten();
    if let Some((_, to)) = alias {
        let target_taken = root.get(*to).is_some();
        diag = diag.with_help(format!("`{key}` is spelled `{to}` in a brief"));
        if !target_taken {
            diag = diag.with_fix(Fix::safe(key_span, *to));
        }
        return diag;
    }
    let allowed = allowed_keys(parent);
    if let Some(best) = did_you_mean(key, allowed.iter().map(String::as_str)) {
        diag = diag
            .with_help(format!("did you mean `{best}`?"))
            .with_fix(Fix::unsafe_edit(key_span, best));
    } else if parent.is_empty() || parent.starts_with("/sources/") {
        diag = diag.with_help(format!(
            "an organization's own keys start with `x-`, such as `x-{key}`"
        ));
    }
    diag
}

/// `/authors/1/name` as `authors[1].name`, the way people read it.
pub fn display_path(pointer: &str) -> String {
    let mut out = String::new();
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if segment.parse::<usize>().is_ok() {
            out.push('[');
            out.push_str(&segment);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&segment);
        }
    }
    if out.is_empty() {
        "frontmatter".to_owned()
    } else {
        out
    }
}

fn type_name(json_type: &str) -> &'static str {
    match json_type {
        "string" => "text",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "array" => "a list",
        "object" => "a mapping",
        "null" => "empty",
        _ => "a valid value",
    }
}

fn describe_value(value: &Value) -> String {
    match value {
        Value::Null => "an empty value".to_owned(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) if s.chars().count() > 40 => {
            let short: String = s.chars().take(37).collect();
            format!("`{short}...`")
        }
        Value::String(s) => format!("`{s}`"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
    }
}
