//! What changed against a git revision, for `brief check --changed`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::exit::Failure;

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|err| format!("cannot run git: {err}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    }
}

/// Files changed against `base` (default: the merge-base with the default branch), untracked
/// files included, as absolute paths.
pub(crate) fn changed_files(dir: &Path, base: Option<&str>) -> Result<HashSet<PathBuf>, Failure> {
    let top = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|_| {
        Failure::usage(format!(
            "--changed needs a git repository, and {} is not in one",
            dir.display()
        ))
    })?;
    let top = PathBuf::from(top.trim());
    let shallow =
        git(&top, &["rev-parse", "--is-shallow-repository"]).is_ok_and(|s| s.trim() == "true");
    let shallow_help = if shallow {
        "\n  help: this is a shallow clone without that history; fetch it (with actions/checkout, set `fetch-depth: 0`)"
    } else {
        ""
    };
    let base = match base {
        Some(rev) => {
            git(
                &top,
                &[
                    "rev-parse",
                    "--verify",
                    "--quiet",
                    &format!("{rev}^{{commit}}"),
                ],
            )
            .map_err(|_| Failure::usage(format!("--base {rev}: no such revision{shallow_help}")))?;
            rev.to_owned()
        }
        None => {
            let default = default_branch(&top).ok_or_else(|| {
                Failure::usage(format!(
                    "--changed cannot find the default branch (origin/HEAD, main or master); name the base with --base REV{shallow_help}"
                ))
            })?;
            let merge_base = git(&top, &["merge-base", "HEAD", &default]).map_err(|_| {
                Failure::usage(format!(
                    "--changed cannot find the merge-base of HEAD and {default}{shallow_help}"
                ))
            })?;
            merge_base.trim().to_owned()
        }
    };
    let mut files = HashSet::new();
    let diff = git(&top, &["diff", "--name-only", "--no-renames", &base]).map_err(|err| {
        Failure::usage(format!(
            "git diff against {base} failed: {err}{shallow_help}"
        ))
    })?;
    let untracked = git(&top, &["ls-files", "--others", "--exclude-standard"])
        .map_err(|err| Failure::usage(format!("git ls-files failed: {err}")))?;
    for line in diff.lines().chain(untracked.lines()) {
        if !line.trim().is_empty() {
            files.insert(top.join(line.trim()));
        }
    }
    Ok(files)
}

fn default_branch(top: &Path) -> Option<String> {
    if let Ok(head) = git(
        top,
        &["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"],
    ) {
        let name = head.trim().trim_start_matches("refs/remotes/");
        if !name.is_empty() {
            return Some(name.to_owned());
        }
    }
    ["origin/main", "origin/master", "main", "master"]
        .into_iter()
        .find(|rev| {
            git(
                top,
                &[
                    "rev-parse",
                    "--verify",
                    "--quiet",
                    &format!("{rev}^{{commit}}"),
                ],
            )
            .is_ok()
        })
        .map(str::to_owned)
}
