//! Helpers: the example briefs, parsing with the project loader, and HTML normalization.

use std::path::{Path, PathBuf};

use brief_model::{Document, ProjectFs};
use brief_render::{HtmlKind, RenderContext, Rendered};

/// The repository root.
pub(crate) fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the crate is two levels below the root")
        .to_owned()
}

/// The example briefs, by short name.
pub(crate) fn examples() -> Vec<(&'static str, PathBuf)> {
    let briefs = repo().join("briefs");
    vec![
        (
            "south-caucasus-border",
            briefs.join("south-caucasus-border.md"),
        ),
        (
            "caspian-gas-corridor",
            briefs.join("caspian-energy/caspian-gas-corridor.md"),
        ),
        (
            "water-security-draft",
            briefs.join("water-security-draft.md"),
        ),
    ]
}

/// Parses and resolves a brief file.
pub(crate) fn load(path: &Path) -> Document {
    let text = std::fs::read_to_string(path).expect("the brief is readable");
    parse_in(&text, path.parent().expect("a folder"))
}

/// Parses and resolves brief text as if it lived in `dir`.
pub(crate) fn parse_in(text: &str, dir: &Path) -> Document {
    let mut parsed = brief_model::parse(text);
    let loader = ProjectFs::new(dir);
    brief_model::resolve(&mut parsed.document, dir, &loader);
    parsed.document
}

/// Renders `doc` (whose folder is `dir`) with default settings.
pub(crate) fn render_in(doc: &Document, kind: HtmlKind, dir: &Path) -> Rendered {
    let loader = ProjectFs::new(dir);
    let ctx = RenderContext::new(&loader, dir);
    brief_render::render(doc, kind, &ctx).expect("the brief renders")
}

/// Renders brief text in a fresh folder.
pub(crate) fn render_text(text: &str) -> Rendered {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let doc = parse_in(text, dir.path());
    render_in(&doc, HtmlKind::Standalone, dir.path())
}

/// HTML for a snapshot: the stylesheet and data URIs shortened, everything else as rendered.
pub(crate) fn normalize(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<style>") {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find("</style>")
            .map_or(rest.len(), |e| start + e + 8);
        out.push_str("<style>/* stylesheet */</style>");
        rest = &rest[end..];
    }
    out.push_str(rest);
    let mut result = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(start) = rest.find("data:") {
        result.push_str(&rest[..start]);
        let end = rest[start..]
            .find(['"', ')'])
            .map_or(rest.len(), |e| start + e);
        result.push_str("data:…");
        rest = &rest[end..];
    }
    result.push_str(rest);
    result.replace(
        concat!("brief ", env!("CARGO_PKG_VERSION")),
        "brief VERSION",
    )
}

/// Where the tools of the browser checks live.
pub(crate) fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Whether missing tools fail the test (in CI) rather than skip it.
pub(crate) fn tools_required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}
