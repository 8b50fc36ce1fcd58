//! Real-browser checks: the Nu HTML Checker, axe-core in Chromium, and the print HTML printed
//! by headless Chromium. Each needs outside tools (Java, Node with the packages of
//! `tests/browser`, Debian's `chromium`, poppler's `pdftotext`). Without them a test is
//! skipped with a note, except when `CI=true`, where a missing tool fails it.

use std::path::{Path, PathBuf};
use std::process::Command;

use brief_render::HtmlKind;

use crate::support::{browser_dir, examples, load, render_in, tools_required};

/// Returns whether the tool is there; panics in CI when it is not.
fn have(ok: bool, what: &str) -> bool {
    if ok {
        return true;
    }
    assert!(
        !tools_required(),
        "{what} is missing (install it as .ci/run does)"
    );
    eprintln!("skipped: {what} is missing");
    false
}

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Renders every example brief, standalone and print, into `dir`.
fn render_examples(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for (name, path) in examples() {
        let doc = load(&path);
        for (kind, ext) in [
            (HtmlKind::Standalone, "html"),
            (HtmlKind::Print, "print.html"),
        ] {
            let html = render_in(&doc, kind, path.parent().unwrap()).html;
            let file = dir.join(format!("{name}.{ext}"));
            std::fs::write(&file, html).unwrap();
            files.push(file);
        }
    }
    files
}

#[test]
fn html_has_no_errors_in_the_nu_html_checker() {
    let jar = browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if !have(jar.is_file(), "vnu-jar (npm ci in tests/browser)")
        || !have(runs("java", "-version"), "java")
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = render_examples(dir.path());
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "json"])
        .args(&files)
        .output()
        .expect("vnu runs");
    let report: serde_json::Value =
        serde_json::from_slice(&output.stderr).expect("vnu writes a JSON report on stderr");
    let errors: Vec<String> = report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| format!("{}:{}: {}", m["url"], m["lastLine"], m["message"]))
        .collect();
    assert!(
        errors.is_empty(),
        "Nu HTML Checker errors:\n{}",
        errors.join("\n")
    );
}

#[test]
fn axe_finds_no_serious_or_critical_violation() {
    let node_modules = browser_dir().join("node_modules");
    if !have(
        node_modules.join("axe-core").is_dir() && node_modules.join("playwright-core").is_dir(),
        "axe-core and playwright-core (npm ci in tests/browser)",
    ) || !have(runs("node", "--version"), "node")
        || !have(chromium().is_file(), "chromium")
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = render_examples(dir.path());
    let output = Command::new("node")
        .arg(browser_dir().join("axe.mjs"))
        .args(&files)
        .env("CHROMIUM", chromium())
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "axe.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("axe.mjs prints JSON");
    let mut problems = Vec::new();
    for (file, result) in report.as_object().unwrap() {
        for violation in result["violations"].as_array().unwrap() {
            problems.push(format!(
                "{file}: {} ({}): {} at {}",
                violation["id"], violation["impact"], violation["help"], violation["nodes"]
            ));
        }
        for request in result["requests"].as_array().unwrap() {
            problems.push(format!("{file}: the page fetched {request}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The text of each page of a PDF, whitespace collapsed.
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let text = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&text.stdout)
        .split('\u{c}')
        .map(|page| page.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|page| !page.is_empty())
        .collect()
}

fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace()
        .take_while(|w| !w.starts_with("[@") && !w.contains("[^"))
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn printed_pdf_has_page_numbers_the_title_and_whole_cards() {
    if !have(chromium().is_file(), "chromium")
        || !have(runs("pdftotext", "-v"), "pdftotext (poppler-utils)")
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, path) in examples() {
        let doc = load(&path);
        let html = render_in(&doc, HtmlKind::Print, path.parent().unwrap()).html;
        let page = dir.path().join(format!("{name}.print.html"));
        let pdf = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&page, html).unwrap();
        let status = Command::new(chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
            ])
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", page.display()))
            .output()
            .expect("chromium runs");
        assert!(
            pdf.is_file(),
            "{name}: no PDF: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        let pages = pdf_pages(&pdf);
        let total = pages.len();
        assert!(total >= 2, "{name}: {total} pages");
        for (idx, text) in pages.iter().enumerate() {
            let footer = format!("Page {} of {total}", idx + 1);
            assert!(
                text.contains(&footer),
                "{name}: page {} lacks `{footer}`: {text}",
                idx + 1
            );
        }
        let title_start = first_words(&doc.frontmatter.title, 3);
        assert!(
            pages[0].contains(&title_start),
            "{name}: the title is not on page 1"
        );
        assert!(
            !pages[0].starts_with(&first_words(&doc.frontmatter.title, 2)),
            "{name}: page 1 has a running head"
        );
        // Each recommendation card starts and ends on the same page.
        for rec in &doc.recommendations {
            let start = first_words(&rec.action, 5);
            let last = doc
                .paragraphs
                .iter()
                .rfind(|p| rec.span.contains(p.span))
                .map(|p| first_words(&p.text, 5))
                .unwrap_or_else(|| start.clone());
            let page_of = |needle: &str| pages.iter().position(|p| p.contains(needle));
            let (Some(first), Some(end)) = (page_of(&start), page_of(&last)) else {
                panic!("{name}: `{start}` or `{last}` not found in the PDF");
            };
            assert_eq!(
                first,
                end,
                "{name}: the card `{start}` runs from page {} to page {}",
                first + 1,
                end + 1
            );
        }
    }
}
