//! Tidy checks run by `cargo test`: every Rust module opens with a `//!` doc saying what it is
//! for, and no source or documentation file has trailing whitespace.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn files(extensions: &[&str]) -> Vec<PathBuf> {
        let root = crate::codegen::root();
        let mut out = Vec::new();
        let mut stack = vec![
            root.join("crates"),
            root.join("xtask"),
            root.join("docs"),
            root.join("README.md"),
            root.join("ARCHITECTURE.md"),
        ];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                if matches!(
                    name,
                    "node_modules" | "target" | "snapshots" | "fixtures" | "pandoc"
                ) {
                    continue;
                }
                for entry in std::fs::read_dir(&path).into_iter().flatten().flatten() {
                    stack.push(entry.path());
                }
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e))
            {
                out.push(path);
            }
        }
        out.sort();
        out
    }

    fn relative(path: &Path) -> String {
        path.strip_prefix(crate::codegen::root())
            .unwrap_or(path)
            .display()
            .to_string()
    }

    #[test]
    fn every_module_has_a_doc_comment() {
        let missing: Vec<String> = files(&["rs"])
            .into_iter()
            .filter(|path| {
                let text = std::fs::read_to_string(path).unwrap_or_default();
                !(text.starts_with("//!") || text.starts_with("/*!"))
            })
            .map(|path| relative(&path))
            .collect();
        assert!(
            missing.is_empty(),
            "modules without a `//!` doc comment: {missing:#?}"
        );
    }

    #[test]
    fn no_trailing_whitespace() {
        let mut bad = Vec::new();
        for path in files(&["rs", "md", "toml", "css", "html", "typ", "txt"]) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for (idx, line) in text.lines().enumerate() {
                if line.ends_with([' ', '\t']) {
                    bad.push(format!("{}:{}", relative(&path), idx + 1));
                }
            }
        }
        assert!(bad.is_empty(), "trailing whitespace: {bad:#?}");
    }
}
