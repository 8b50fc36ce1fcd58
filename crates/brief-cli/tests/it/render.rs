//! `brief render`: output paths, batch index, and the refusals that exit 2.

use std::path::Path;

use crate::support::{code, repo, run_in, stderr, stdout};

const BRIEF: &str = "---\ntitle: Grid Resilience\nauthors: [A. Rahman]\nstatus: final\ndate: 2025-01-02\nsummary: Prices rose and the grid held.\n---\n\n## Background\n\nPrices rose.\n";

/// A project folder (with a brief.toml, so it is its own root) holding `files`.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("brief.toml"), "").unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|_| panic!("{} exists", path.display()))
}

#[test]
fn html_is_written_beside_the_brief_by_default() {
    let dir = project(&[("notes/grid.md", BRIEF)]);
    let output = run_in(dir.path(), &["render", "notes/grid.md"], None);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let html = read(&dir.path().join("notes/grid.html"));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<h1 class=\"title\">Grid Resilience</h1>"));
}

#[test]
fn out_dir_mirrors_the_input_paths_for_each_format() {
    let dir = project(&[("a/b.md", BRIEF), ("c.md", BRIEF)]);
    let output = run_in(
        dir.path(),
        &[
            "render",
            "a/b.md",
            "c.md",
            "--to",
            "html",
            "--to",
            "print",
            "--out-dir",
            "site",
        ],
        None,
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    for file in [
        "site/a/b.html",
        "site/a/b.print.html",
        "site/c.html",
        "site/c.print.html",
    ] {
        assert!(dir.path().join(file).is_file(), "{file} is missing");
    }
    assert!(read(&dir.path().join("site/a/b.print.html")).contains("@page"));
    // Only a folder argument makes a batch index.
    assert!(!dir.path().join("site/index.html").exists());
}

#[test]
fn dash_o_dash_writes_to_standard_output() {
    let dir = project(&[("grid.md", BRIEF)]);
    let output = run_in(dir.path(), &["render", "grid.md", "-o", "-"], None);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).contains("<h1 class=\"title\">Grid Resilience</h1>"));
    assert!(!dir.path().join("grid.html").exists());
    // Standard input works too.
    let output = run_in(dir.path(), &["render", "-", "-o", "-"], Some(BRIEF));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).contains("Grid Resilience"));
}

#[test]
fn dash_o_takes_one_brief_and_one_format() {
    let dir = project(&[("grid.md", BRIEF)]);
    let output = run_in(
        dir.path(),
        &[
            "render", "grid.md", "--to", "html", "--to", "print", "-o", "x.html",
        ],
        None,
    );
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("one brief and one format"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_folder_renders_to_a_site_with_an_index() {
    let dir = project(&[
        ("briefs/one.md", BRIEF),
        (
            "briefs/deep/two.md",
            &BRIEF.replace("Grid Resilience", "Water Rights"),
        ),
    ]);
    let output = run_in(
        dir.path(),
        &[
            "render",
            "briefs",
            "--to",
            "html",
            "--to",
            "print",
            "--out-dir",
            "site",
        ],
        None,
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    // The templates escape `/` as `&#x2f;`, which browsers read as `/`.
    let index = read(&dir.path().join("site/index.html")).replace("&#x2f;", "/");
    assert!(index.contains("Grid Resilience") && index.contains("Water Rights"));
    assert!(index.contains("href=\"briefs/deep/two.html\""), "{index}");
    assert!(index.contains("href=\"briefs/deep/two.print.html\""));
    assert!(index.contains("A. Rahman"));
    assert!(index.contains("Prices rose and the grid held."));
    assert!(dir.path().join("site/briefs/one.html").is_file());
}

#[test]
fn the_example_briefs_render_as_a_batch() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("site");
    let output = run_in(
        &repo(),
        &["render", "briefs", "--out-dir", out_dir.to_str().unwrap()],
        None,
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let index = read(&out_dir.join("index.html"));
    assert_eq!(index.matches("<li class=\"index-entry").count(), 3);
    // The draft's unknown citation is reported, and does not stop the render.
    assert!(stderr(&output).contains("render/unknown-citation"));
}

#[test]
fn a_batch_goes_on_past_a_failing_brief_and_exits_1() {
    let dir = project(&[
        ("briefs/good.md", BRIEF),
        ("briefs/theme/brief.html", "{{ nope("),
    ]);
    std::fs::write(
        dir.path().join("brief.toml"),
        "[render]\ntheme = \"briefs/theme\"\n",
    )
    .unwrap();
    let output = run_in(dir.path(), &["render", "briefs", "--out-dir", "site"], None);
    assert_eq!(
        code(&output),
        2,
        "a broken theme is a configuration error: {}",
        stderr(&output)
    );
    std::fs::write(dir.path().join("brief.toml"), "").unwrap();
    std::fs::write(dir.path().join("briefs/bad.md"), [0xff, 0xfe, 0x00]).unwrap();
    let output = run_in(dir.path(), &["render", "briefs", "--out-dir", "site"], None);
    assert_ne!(code(&output), 0);
    assert!(stderr(&output).contains("bad.md"), "{}", stderr(&output));
    assert!(
        dir.path().join("site/briefs/good.html").is_file(),
        "the good brief is still rendered"
    );
}

#[test]
fn an_output_that_would_overwrite_an_input_is_exit_2() {
    let dir = project(&[("grid.md", BRIEF), ("page.md", BRIEF), ("page.html", BRIEF)]);
    let output = run_in(dir.path(), &["render", "grid.md", "-o", "grid.md"], None);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("would overwrite the input"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        read(&dir.path().join("grid.md")),
        BRIEF,
        "nothing was written"
    );
    // `page.html` given as an input is where `page.md`'s HTML would go.
    let output = run_in(dir.path(), &["render", "page.md", "page.html"], None);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert_eq!(read(&dir.path().join("page.html")), BRIEF);
}

#[test]
fn two_outputs_on_one_path_are_exit_2() {
    let dir = project(&[("a/grid.md", BRIEF), ("a/grid.markdown", BRIEF)]);
    let output = run_in(
        dir.path(),
        &["render", "a/grid.md", "a/grid.markdown"],
        None,
    );
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("two outputs"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_brief_named_index_in_a_batch_is_exit_2() {
    let dir = project(&[("briefs/index.md", BRIEF), ("briefs/other.md", BRIEF)]);
    let output = run_in(dir.path(), &["render", "briefs", "--out-dir", "site"], None);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    // briefs/index.md renders to site/briefs/index.html, which is not the batch index; a brief
    // at the top of the walked folder as given from inside it is.
    let output = run_in(
        &dir.path().join("briefs"),
        &["render", ".", "--out-dir", "../site2"],
        None,
    );
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("batch index"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("site2").exists(), "nothing was written");
}

#[test]
fn render_config_applies_and_the_theme_flag_overrides_it() {
    let dir = project(&[
        ("grid.md", BRIEF),
        (
            "house/brief.html",
            "<!DOCTYPE html><html lang=\"{{ lang }}\"><title>{{ title }}</title><p>house theme</p>{{ body }}</html>",
        ),
        (
            "other/brief.html",
            "<!DOCTYPE html><html lang=\"{{ lang }}\"><title>{{ title }}</title><p>other theme</p>{{ body }}</html>",
        ),
    ]);
    std::fs::write(
        dir.path().join("brief.toml"),
        "[render]\ntheme = \"house\"\npage-size = \"letter\"\nbase-url = \"https://example.org/briefs/\"\n",
    )
    .unwrap();
    let output = run_in(dir.path(), &["render", "grid.md", "-o", "-"], None);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).contains("house theme"));
    let output = run_in(
        dir.path(),
        &["render", "grid.md", "--theme", "other", "-o", "-"],
        None,
    );
    assert!(stdout(&output).contains("other theme"));
    std::fs::write(dir.path().join("brief.toml"), "[render]\npage-size = \"letter\"\nbase-url = \"https://example.org/briefs/\"\ntoc = true\n").unwrap();
    let output = run_in(
        dir.path(),
        &["render", "grid.md", "--to", "print", "-o", "-"],
        None,
    );
    let html = stdout(&output);
    assert!(html.contains("@page { size: letter;"), "{html}");
    assert!(html.contains("<nav class=\"toc\""));
    let output = run_in(dir.path(), &["render", "grid.md"], None);
    assert_eq!(code(&output), 0);
    assert!(
        read(&dir.path().join("grid.html"))
            .contains("<link rel=\"canonical\" href=\"https://example.org/briefs/grid.html\">")
    );
}

#[test]
fn chromium_engine_without_a_browser_is_a_clear_error() {
    let dir = project(&[("grid.md", BRIEF)]);
    let output = crate::support::brief()
        .args([
            "render",
            "grid.md",
            "--to",
            "pdf",
            "--pdf-engine",
            "chromium",
        ])
        .current_dir(dir.path())
        .env("PATH", "/nonexistent")
        .env_remove("BRIEF_CHROMIUM")
        .output()
        .unwrap();
    assert_ne!(code(&output), 0);
    assert!(
        stderr(&output).contains("no headless Chromium found"),
        "{}",
        stderr(&output)
    );
}
