//! Loading bibliographies from disk with `ProjectFs`: a shared file in a parent folder of the
//! project works; a file outside the project root is refused.

use std::fs;
use std::path::Path;

use brief_model::load::{LoadErrorKind, project_root};
use brief_model::{Loader, ProjectFs, Severity, resolve};

use crate::{only, parse};

const BIB: &str = "@report{shared-2024,\n  author = {{Regional Hydrology Network}},\n  title = {Shared Gauges},\n  year = {2024},\n  url = {https://rhn.example.org/shared},\n}\n";

fn brief_citing(bibliography: &str) -> String {
    format!(
        "---\ntitle: T\nauthors: [A]\nbibliography: {bibliography}\n---\n\nGauges fell [@shared-2024].\n"
    )
}

/// A project: `brief.toml` at its root, briefs in `briefs/`, a shared bibliography at the root,
/// and another bibliography beside the project. Returns the temporary folder holding `proj/`
/// and `outside/`.
fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let root = tmp.path().join("proj");
    fs::create_dir_all(root.join("briefs")).unwrap();
    fs::write(root.join("brief.toml"), "[project]\nexclude = []\n").unwrap();
    fs::write(root.join("refs.bib"), BIB).unwrap();
    fs::create_dir_all(tmp.path().join("outside")).unwrap();
    fs::write(tmp.path().join("outside/refs.bib"), BIB).unwrap();
    tmp
}

fn load(brief_path: &Path, text: &str) -> (brief_model::Document, Vec<brief_model::Diagnostic>) {
    fs::write(brief_path, text).unwrap();
    let mut parsed = parse(text);
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    let loader = ProjectFs::for_brief(brief_path);
    let dir = brief_path.parent().unwrap();
    let diagnostics = resolve(&mut parsed.document, dir, &loader);
    (parsed.document, diagnostics)
}

#[test]
fn the_project_root_is_the_folder_of_brief_toml() {
    let tmp = project();
    let root = tmp.path().join("proj");
    let found = project_root(&root.join("briefs"));
    assert_eq!(found.canonicalize().unwrap(), root.canonicalize().unwrap());
    let loader = ProjectFs::for_brief(&root.join("briefs/brief.md"));
    assert_eq!(loader.root(), root.canonicalize().unwrap());
}

#[test]
fn a_shared_bibliography_in_a_parent_folder_loads() {
    let tmp = project();
    let brief_path = tmp.path().join("proj/briefs/brief.md");
    let (doc, diagnostics) = load(&brief_path, &brief_citing("../refs.bib"));
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let shared = doc
        .source("shared-2024")
        .expect("the shared source is loaded");
    assert_eq!(shared.title.as_deref(), Some("Shared Gauges"));
    assert_eq!(doc.files[0].path, "../refs.bib");
    assert_eq!(doc.files[0].text, BIB);
}

#[test]
fn a_bibliography_outside_the_project_root_is_refused() {
    let tmp = project();
    let brief_path = tmp.path().join("proj/briefs/brief.md");
    for path in ["../../outside/refs.bib", "/etc/passwd"] {
        if !Path::new("/etc/passwd").exists() && path == "/etc/passwd" {
            continue;
        }
        let (doc, diagnostics) = load(&brief_path, &brief_citing(path));
        let diag = only(&diagnostics, "schema/unreadable-file");
        assert_eq!(diag.severity, Severity::Error);
        assert!(
            diag.message.contains("outside the project root"),
            "{}",
            diag.message
        );
        assert_eq!(doc.text(diag.span), path);
        assert!(doc.sources.is_empty());
        assert!(doc.files.is_empty(), "nothing outside the root is read");
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_project_is_refused() {
    let tmp = project();
    let root = tmp.path().join("proj");
    std::os::unix::fs::symlink(tmp.path().join("outside/refs.bib"), root.join("link.bib")).unwrap();
    let brief_path = root.join("briefs/brief.md");
    let (_, diagnostics) = load(&brief_path, &brief_citing("../link.bib"));
    let diag = only(&diagnostics, "schema/unreadable-file");
    assert!(diag.message.contains("outside the project root"));
}

#[test]
fn an_allowed_folder_outside_the_root_may_be_read() {
    let tmp = project();
    let brief_path = tmp.path().join("proj/briefs/brief.md");
    let text = brief_citing("../../outside/refs.bib");
    fs::write(&brief_path, &text).unwrap();
    let mut parsed = parse(&text);
    let loader = ProjectFs::for_brief(&brief_path).allow(&tmp.path().join("outside"));
    let diagnostics = resolve(&mut parsed.document, brief_path.parent().unwrap(), &loader);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert!(parsed.document.source("shared-2024").is_some());
}

#[test]
fn missing_files_and_folders_are_diagnostics() {
    let tmp = project();
    let brief_path = tmp.path().join("proj/briefs/brief.md");
    fs::create_dir_all(tmp.path().join("proj/folder.bib")).unwrap();
    for (path, reason) in [
        ("missing.bib", "no such file"),
        ("../folder.bib", "it is a directory"),
    ] {
        let (doc, diagnostics) = load(&brief_path, &brief_citing(path));
        let diag = only(&diagnostics, "schema/unreadable-file");
        assert_eq!(
            diag.message,
            format!("cannot read bibliography `{path}`: {reason}")
        );
        assert_eq!(doc.text(diag.span), path);
    }
}

#[test]
fn the_loader_refuses_large_and_non_utf8_files() {
    let tmp = project();
    let root = tmp.path().join("proj");
    let loader = ProjectFs::new(&root);
    fs::write(root.join("latin1.bib"), b"@misc{x, title = {Caf\xe9}}").unwrap();
    let err = loader.read(&root.join("latin1.bib")).unwrap_err();
    assert_eq!(err.kind, LoadErrorKind::NotUtf8);
    let big = fs::File::create(root.join("big.bib")).unwrap();
    big.set_len(brief_model::load::MAX_FILE_SIZE + 1).unwrap();
    let err = loader.read(&root.join("big.bib")).unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("over the 20 MB limit"), "{err}");
}
