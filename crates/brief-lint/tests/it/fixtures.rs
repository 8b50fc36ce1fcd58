//! Every rule against its fixture: `tests/fixtures/<category>/<name>.md` holds cases separated
//! by `<!-- fire: … -->` and `<!-- pass: … -->` lines; each case is a whole brief. A `fire` case
//! must raise the rule, a `pass` case must not. The rendered diagnostics of every case are
//! snapshotted, so any change in what a rule reports shows up in review.
//!
//! A case is linted with only its rule enabled, except for the `suppression/*` rules: whether a
//! suppression silenced something depends on what the other rules find, so those cases run with
//! every rule and report only the rule under test.

use std::path::{Path, PathBuf};

use brief_lint::{RULES, Rule, Settings};
use brief_model::config::LintOptions;
use brief_model::{FileRef, ProjectFs};

pub(crate) struct Case {
    pub(crate) fire: bool,
    pub(crate) title: String,
    pub(crate) line: usize,
    pub(crate) text: String,
}

pub(crate) fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub(crate) fn fixture_path(rule: &Rule) -> PathBuf {
    fixtures_dir()
        .join(rule.category())
        .join(format!("{}.md", rule.name()))
}

/// Splits a fixture file into its cases.
pub(crate) fn cases(text: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for (idx, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_end();
        let marker = trimmed
            .strip_prefix("<!-- fire:")
            .map(|rest| (true, rest))
            .or_else(|| trimmed.strip_prefix("<!-- pass:").map(|rest| (false, rest)));
        match marker {
            Some((fire, rest)) if trimmed.ends_with("-->") => cases.push(Case {
                fire,
                title: rest.trim_end_matches("-->").trim().to_owned(),
                line: idx + 1,
                text: String::new(),
            }),
            _ => {
                if let Some(case) = cases.last_mut() {
                    case.text.push_str(line);
                }
            }
        }
    }
    cases
}

/// The settings a rule's cases are linted with: only that rule enabled (all rules for the
/// `suppression/*` rules).
pub(crate) fn settings(rule: &Rule) -> Settings {
    let selector = if rule.category() == "suppression" {
        "all"
    } else {
        rule.code
    };
    Settings::new(&LintOptions {
        select: Some(vec![selector.to_owned()]),
        ..LintOptions::default()
    })
    .expect("a rule code is a valid selector")
}

/// Lints a case; returns the rule's diagnostics rendered, their codes and their messages.
pub(crate) fn lint(
    rule: &Rule,
    settings: &Settings,
    case: &Case,
    dir: &Path,
) -> (String, Vec<&'static str>, Vec<String>) {
    let mut parsed = brief_model::parse(&case.text);
    let loader = ProjectFs::new(&fixtures_dir());
    let mut diagnostics = parsed.diagnostics;
    diagnostics.extend(brief_model::resolve(&mut parsed.document, dir, &loader));
    let outcome = brief_lint::check(&parsed.document, diagnostics, settings);
    let mut rendered = String::new();
    let mut codes = Vec::new();
    let mut messages = Vec::new();
    // Messages may name the fixtures folder; snapshots must not depend on the checkout's path.
    let root = fixtures_dir().display().to_string();
    for diagnostic in outcome.diagnostics.iter().filter(|d| d.code == rule.code) {
        let mut diagnostic = diagnostic.clone();
        diagnostic.message = diagnostic.message.replace(&root, "[fixtures]");
        diagnostic.help = diagnostic.help.map(|h| h.replace(&root, "[fixtures]"));
        let diagnostic = &diagnostic;
        codes.push(diagnostic.code);
        messages.push(diagnostic.message.clone());
        let (name, text) = match diagnostic.file {
            FileRef::Brief => ("brief.md".to_owned(), parsed.document.source.clone()),
            FileRef::Loaded(idx) => {
                let file = &parsed.document.files[idx];
                (file.path.clone(), file.text.clone())
            }
        };
        rendered.push_str(&crate::render::render(&name, &text, diagnostic));
    }
    (rendered, codes, messages)
}

#[test]
fn every_rule_fires_on_its_fixtures_and_only_there() {
    let mut failures = Vec::new();
    for rule in RULES {
        let path = fixture_path(rule);
        let Ok(text) = std::fs::read_to_string(&path) else {
            failures.push(format!("{}: no fixture at {}", rule.code, path.display()));
            continue;
        };
        let cases = cases(&text);
        let fires = cases.iter().filter(|c| c.fire).count();
        let passes = cases.len() - fires;
        if fires < 2 || passes < 2 {
            failures.push(format!(
                "{}: needs at least 2 `fire` and 2 `pass` cases, has {fires} and {passes}",
                rule.code
            ));
        }
        let dir = path.parent().expect("fixtures sit in a folder");
        let settings = settings(rule);
        let mut snapshot = String::new();
        for case in &cases {
            let (rendered, codes, _) = lint(rule, &settings, case, dir);
            let fired = codes.contains(&rule.code);
            if fired != case.fire {
                failures.push(format!(
                    "{}:{}: `{}` {} but {}",
                    path.display(),
                    case.line,
                    case.title,
                    if case.fire {
                        "should fire"
                    } else {
                        "should pass"
                    },
                    if fired {
                        format!("got:\n{rendered}")
                    } else {
                        "the rule did not fire".to_owned()
                    }
                ));
            }
            snapshot.push_str(&format!(
                "=== {} ({}): {}\n{}\n",
                if case.fire { "fire" } else { "pass" },
                case.line,
                case.title,
                if rendered.is_empty() {
                    "(no diagnostics)\n"
                } else {
                    &rendered
                }
            ));
        }
        insta::with_settings!({
            snapshot_path => "../snapshots",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{}__{}", rule.category(), rule.name()), snapshot);
        });
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn messages_follow_the_convention() {
    // What is wrong, lowercase, with no trailing period (the help says how to fix it).
    let mut bad = Vec::new();
    for rule in RULES {
        let path = fixture_path(rule);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let dir = path.parent().expect("fixtures sit in a folder");
        let settings = settings(rule);
        for case in cases(&text).iter().filter(|c| c.fire) {
            let (_, _, messages) = lint(rule, &settings, case, dir);
            for message in messages {
                let first = message.chars().next().unwrap_or(' ');
                if first.is_uppercase() || message.ends_with('.') || message.is_empty() {
                    bad.push(format!("{}: {message:?}", rule.code));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "messages break the convention:\n{}",
        bad.join("\n")
    );
}
