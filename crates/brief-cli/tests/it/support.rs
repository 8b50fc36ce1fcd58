//! Helpers: running the binary and locating the repository.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root.
pub(crate) fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_owned()
}

/// The `brief` binary under test.
pub(crate) fn brief() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_brief"));
    command.env_remove("NO_COLOR").env("BRIEF_TEST", "1");
    command
}

/// Runs `brief` with `args` in `dir`, feeding `stdin`.
pub(crate) fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut child = brief()
        .args(args)
        .current_dir(dir)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the brief binary starts");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(input.as_bytes())
            .expect("stdin accepts the input");
    }
    child.wait_with_output().expect("the brief binary finishes")
}

/// Runs `brief` with `args` at the repository root.
pub(crate) fn run(args: &[&str]) -> Output {
    run_in(&repo(), args, None)
}

/// Standard output as text.
pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The exit code.
pub(crate) fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

/// The example briefs.
pub(crate) fn example_briefs() -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![repo().join("briefs")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("briefs/ is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}
