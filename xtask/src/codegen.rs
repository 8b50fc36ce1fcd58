//! `cargo xtask codegen`: every generated file, written or checked.

use std::path::{Path, PathBuf};

/// Write the files, or only check that they are up to date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    Write,
    Check,
}

/// The repository root.
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the repository root")
        .to_owned()
}

/// Every generated file with its contents.
pub(crate) fn generated() -> Vec<(&'static str, String)> {
    let json = |value: serde_json::Value| {
        let mut text = serde_json::to_string_pretty(&value).expect("schemas serialize");
        text.push('\n');
        text
    };
    vec![
        (
            "schemas/brief.schema.json",
            json(brief_model::schema::brief_schema().clone()),
        ),
        (
            "schemas/config.schema.json",
            json(brief_model::schema::config_schema()),
        ),
        (
            "schemas/document.schema.json",
            json(brief_model::schema::document_schema()),
        ),
        (
            "schemas/diagnostics.schema.json",
            json(brief_lint::json::diagnostics_schema()),
        ),
        (
            "schemas/claims.schema.json",
            json(brief_lint::json::claims_schema()),
        ),
        ("docs/rules.md", brief_lint::registry::rules_markdown()),
    ]
}

/// Writes or checks every generated file.
pub(crate) fn run(mode: Mode) -> Result<(), String> {
    let root = root();
    let mut stale = Vec::new();
    for (path, contents) in generated() {
        let full = root.join(path);
        let current = std::fs::read_to_string(&full).unwrap_or_default();
        if current == contents {
            continue;
        }
        match mode {
            Mode::Check => stale.push(path),
            Mode::Write => {
                if let Some(dir) = full.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                }
                std::fs::write(&full, contents).map_err(|e| format!("{path}: {e}"))?;
                eprintln!("wrote {path}");
            }
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "generated files are out of date: {}\nrun `cargo xtask codegen` and commit the result",
            stale.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_files_are_fresh() {
        if std::env::var_os("UPDATE").is_some() {
            run(Mode::Write).unwrap();
        }
        if let Err(message) = run(Mode::Check) {
            panic!("{message}");
        }
    }
}
