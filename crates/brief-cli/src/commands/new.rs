//! `brief new "Title"`: writes a new brief from a template for its type.

use std::path::PathBuf;

use brief_model::BriefType;
use clap::Args;

use crate::exit::{Failure, Status};

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// The title of the brief.
    #[arg(value_name = "TITLE")]
    pub(crate) title: String,
    /// The kind of publication.
    #[arg(long = "type", value_name = "TYPE", default_value = "policy-brief", value_parser = parse_type)]
    pub(crate) brief_type: BriefType,
    /// Where to write it (default: the title's slug plus `.md`).
    #[arg(short, long, value_name = "PATH")]
    pub(crate) output: Option<PathBuf>,
    /// The author's name (default: git's user.name, else a placeholder).
    #[arg(long, value_name = "NAME")]
    pub(crate) author: Option<String>,
}

fn parse_type(text: &str) -> Result<BriefType, String> {
    BriefType::parse(text).ok_or_else(|| {
        let names: Vec<&str> = BriefType::ALL.iter().map(|t| t.as_str()).collect();
        format!("expected one of {}", names.join(", "))
    })
}

pub(crate) fn run(args: &NewArgs) -> Result<Status, Failure> {
    let title = args.title.trim();
    if title.is_empty() {
        return Err(Failure::usage("the title is empty".to_owned()));
    }
    let path = args.output.clone().unwrap_or_else(|| {
        let slug = brief_model::markdown::slug(title);
        PathBuf::from(format!(
            "{}.md",
            if slug.is_empty() { "brief" } else { &slug }
        ))
    });
    let author = args
        .author
        .clone()
        .or_else(git_user)
        .unwrap_or_else(|| "Author Name".to_owned());
    let text = template(title, args.brief_type, &author, &today());
    create_new(&path, text.as_bytes())?;
    eprintln!("created {}", path.display());
    Ok(Status::Ok)
}

/// Writes a file that must not exist yet, atomically.
fn create_new(path: &std::path::Path, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write;
    if path.exists() {
        return Err(Failure::usage(format!(
            "{} already exists; choose another path with -o",
            path.display()
        )));
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)
        .map_err(|err| Failure::io(format!("{}: cannot create folder: {err}", dir.display())))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".brief-")
        .tempfile_in(&dir)
        .map_err(|err| Failure::io(format!("{}: cannot write: {err}", dir.display())))?;
    temp.write_all(bytes)
        .map_err(|err| Failure::io(format!("{}: cannot write: {err}", path.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o644));
    }
    temp.persist_noclobber(path).map_err(|err| {
        Failure::usage(format!("{}: cannot create: {}", path.display(), err.error))
    })?;
    Ok(())
}

fn git_user() -> Option<String> {
    let output = std::process::Command::new("git")
        .args(["config", "user.name"])
        .output()
        .ok()?;
    let name = String::from_utf8(output.stdout).ok()?.trim().to_owned();
    (output.status.success() && !name.is_empty()).then_some(name)
}

/// Today's date (UTC) as YYYY-MM-DD.
pub(crate) fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// The brief a new file starts from: frontmatter, the sections its type requires, one structured
/// recommendation and one source, so that it passes `brief check` with at most info findings.
pub(crate) fn template(title: &str, brief_type: BriefType, author: &str, date: &str) -> String {
    let mut out = format!(
        "---
title: {title}
type: {kind}
status: draft
date: {date}
authors:
  - name: {author}
    position: Fellow
    affiliation: Your Institute
summary: >-
  One paragraph for busy readers: the problem, what the brief finds, and the
  main recommendation. Keep it under 150 words.
key-points:
  - The main finding, in one sentence.
keywords: [policy]
lang: en
sources:
  - id: example-2024
    type: report
    title: Title of the Report the Brief Relies On
    author:
      literal: Publishing Institution
    issued: \"2024-01\"
    url: https://example.org/report
---
",
        title = yaml_string(title),
        kind = brief_type.as_str(),
        author = yaml_string(author),
    );
    out.push_str(
        "
## Background

Explain the problem and why it matters, with dates a reader can place.
Cite every figure and quotation where it appears [@example-2024, p. 4].

## Analysis

Set out the evidence, one claim per paragraph, each with its source.
Name who says what; give dates rather than \"last month\".
",
    );
    let needs_recommendations = matches!(
        brief_type,
        BriefType::PolicyBrief | BriefType::Memo | BriefType::Testimony | BriefType::Report
    );
    if needs_recommendations {
        out.push_str(
            "
## Recommendations

### The Ministry of Finance should publish a costed plan by June 2026

- **Actor:** Ministry of Finance
- **Timeframe:** By June 2026
- **Priority:** High

Explain why this step follows from the evidence above, citing it [@example-2024].
",
        );
    }
    out.push_str(
        "
## Conclusion

Restate what decision makers should take away.
",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }
}
