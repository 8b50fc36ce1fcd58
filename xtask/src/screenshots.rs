//! `cargo xtask screenshots`: the pictures in the README, made from an example brief: a
//! headless Chromium screenshot of the rendered HTML, and page 1 of the PDF through pdftoppm.

use std::path::Path;
use std::process::Command;

fn run(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("cannot run {:?}: {e}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{:?} failed with {status}", command.get_program()))
    }
}

pub(crate) fn screenshots() -> Result<(), String> {
    let root = crate::codegen::root();
    let out = root.join("target/screenshots");
    let images = root.join("docs/images");
    std::fs::create_dir_all(&images).map_err(|e| e.to_string())?;
    let brief = "briefs/south-caucasus-border.md";
    run(Command::new(env!("CARGO"))
        .args([
            "run",
            "--quiet",
            "--release",
            "--bin",
            "brief",
            "--",
            "render",
            brief,
        ])
        .args(["--to", "html", "--to", "pdf", "--out-dir"])
        .arg(&out)
        .current_dir(&root))?;
    let html = out.join("briefs/south-caucasus-border.html");
    let pdf = out.join("briefs/south-caucasus-border.pdf");
    let chromium = std::env::var("BRIEF_CHROMIUM").unwrap_or_else(|_| "chromium".to_owned());
    let profile = tempfile_dir()?;
    run(Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1200,1500",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!(
            "--screenshot={}",
            images.join("brief-html.png").display()
        ))
        .arg(format!("file://{}", html.display())))?;
    let _ = std::fs::remove_dir_all(&profile);
    run(Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(images.join("brief-pdf")))?;
    eprintln!(
        "wrote {} and {}",
        rel(&images.join("brief-html.png")),
        rel(&images.join("brief-pdf.png"))
    );
    Ok(())
}

fn tempfile_dir() -> Result<std::path::PathBuf, String> {
    let dir = std::env::temp_dir().join(format!("brief-screenshots-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    Ok(dir)
}

fn rel(path: &Path) -> String {
    path.strip_prefix(crate::codegen::root())
        .unwrap_or(path)
        .display()
        .to_string()
}
