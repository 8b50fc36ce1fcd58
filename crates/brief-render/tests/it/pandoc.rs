//! Citations compared with Pandoc 3's citeproc, the reference behaviour: same sources (as
//! CSL-JSON), same styles (hayagriva's, written back to XML), same citations in the same
//! order. `tests/pandoc/generate.py` produced the expected text; `allow-list.json` names each
//! known difference with its reason, and an entry that no longer differs fails the test too.

use std::collections::BTreeMap;
use std::path::PathBuf;

use brief_model::{Document, Span};
use brief_render::CitationStyle;
use serde_json::Value;

use crate::support::{examples, load};

const STYLES: &[&str] = &["chicago-notes", "chicago-author-date", "apa"];

fn dir() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pandoc")
}

/// The citations Pandoc gets: each group of known sources in its own paragraph, `C<n>: `
/// first, in the order of the brief.
fn citations_markdown(doc: &Document) -> String {
    let mut out = String::from("---\ntitle: citations\n---\n\n");
    let mut groups: Vec<(Span, bool, Vec<String>)> = Vec::new();
    for citation in doc.citations() {
        if doc.source(&citation.key).is_none() {
            continue;
        }
        let item = doc.text(citation.span).trim().to_owned();
        match groups.last_mut() {
            Some((span, _, items)) if *span == citation.group_span => items.push(item),
            _ => groups.push((citation.group_span, citation.narrative, vec![item])),
        }
    }
    for (idx, (_, narrative, items)) in groups.iter().enumerate() {
        let text = if *narrative {
            items[0].clone()
        } else {
            format!("[{}]", items.join("; "))
        };
        out.push_str(&format!("C{}: {text}\n\n", idx + 1));
    }
    out
}

fn check_file(path: PathBuf, expected: &str, stale: &mut Vec<String>) {
    if std::env::var_os("BRIEF_UPDATE_PANDOC").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    if actual != expected {
        stale.push(path.display().to_string());
    }
}

#[test]
fn pandoc_inputs_are_fresh() {
    let mut stale = Vec::new();
    for (name, path) in examples() {
        let doc = load(&path);
        let items: Vec<Value> = doc
            .sources
            .iter()
            .map(brief_model::Source::to_csl_json)
            .collect();
        let json = serde_json::to_string_pretty(&Value::Array(items)).unwrap() + "\n";
        check_file(dir().join(format!("inputs/{name}.json")), &json, &mut stale);
        check_file(
            dir().join(format!("inputs/{name}.md")),
            &citations_markdown(&doc),
            &mut stale,
        );
    }
    for style in STYLES {
        let xml = CitationStyle::by_name(style).unwrap().to_csl_xml().unwrap() + "\n";
        check_file(dir().join(format!("styles/{style}.csl")), &xml, &mut stale);
    }
    assert!(
        stale.is_empty(),
        "stale Pandoc inputs: {stale:?}; run `BRIEF_UPDATE_PANDOC=1 cargo test -p brief-render pandoc`, then `python3 crates/brief-render/tests/pandoc/generate.py`"
    );
}

/// A known difference: `<brief> <style> citation <n>` or `<brief> <style> bibliography <key>`,
/// with its kind, which the test checks is the only difference.
fn allow_list() -> BTreeMap<String, String> {
    let text =
        std::fs::read_to_string(dir().join("allow-list.json")).expect("allow-list.json exists");
    let entries: Vec<Value> = serde_json::from_str(&text).expect("allow-list.json is JSON");
    entries
        .iter()
        .map(|e| {
            let entry = e["entry"].as_str().expect("an entry").to_owned();
            let reason = e["reason"].as_str().expect("a reason");
            assert!(reason.len() > 40, "{entry}: give a real reason");
            let kind = e["kind"].as_str().expect("a kind").to_owned();
            (entry, kind)
        })
        .collect()
}

/// Whether two texts differ only in the way an allow-list kind describes.
fn only_differs_by(kind: &str, ours: &str, theirs: &str) -> bool {
    let (ours, theirs) = (normalize(ours), normalize(theirs));
    match kind {
        "title-case" => ours.to_lowercase() == theirs.to_lowercase(),
        "number-label" => {
            ours == theirs
                .replace("nos. ", "no. ")
                .replace("(Issues ", "(Issue ")
        }
        "item-order" => {
            let items = |t: &str| {
                let mut items: Vec<String> = t
                    .trim_matches(['(', ')'])
                    .split("; ")
                    .map(str::to_owned)
                    .collect();
                items.sort();
                items
            };
            items(&ours) == items(&theirs)
        }
        _ => false,
    }
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn citations_match_pandoc() {
    let allowed = allow_list();
    let mut used = Vec::new();
    let mut mismatches = Vec::new();
    let mut compared = 0;
    for (name, path) in examples() {
        let doc = load(&path);
        for style_name in STYLES {
            let file = dir().join(format!("expected/{name}.{style_name}.json"));
            let expected: Value = serde_json::from_str(
                &std::fs::read_to_string(&file)
                    .unwrap_or_else(|_| panic!("{} exists", file.display())),
            )
            .unwrap();
            let style = CitationStyle::by_name(style_name).unwrap();
            let (citations, bibliography) = brief_render::format_citations(&doc, &style);
            let pandoc_citations = expected["citations"].as_array().unwrap();
            assert_eq!(
                citations.len(),
                pandoc_citations.len(),
                "{name} {style_name}: citation count"
            );
            let mut check = |entry: String, ours: String, theirs: String| {
                compared += 1;
                if normalize(&ours) == normalize(&theirs) {
                    if allowed.contains_key(&entry) {
                        mismatches.push(format!(
                            "{entry}: on the allow-list but now equal; remove it"
                        ));
                    }
                } else if let Some(kind) = allowed.get(&entry) {
                    if only_differs_by(kind, &ours, &theirs) {
                        used.push(entry);
                    } else {
                        mismatches.push(format!("{entry}: differs by more than {kind}:\n  brief:  {ours}\n  pandoc: {theirs}"));
                    }
                } else {
                    mismatches.push(format!("{entry}:\n  brief:  {ours}\n  pandoc: {theirs}"));
                }
            };
            for (idx, (ours, theirs)) in citations.iter().zip(pandoc_citations).enumerate() {
                let entry = format!("{name} {style_name} citation {}", idx + 1);
                if style.is_note() {
                    let note = theirs["note"].as_str().unwrap_or_default().to_owned();
                    let in_text = ours
                        .author
                        .as_ref()
                        .map(|a| a.text.clone())
                        .unwrap_or_default();
                    check(entry.clone(), ours.text.text.clone(), note);
                    check(
                        format!("{entry} text"),
                        in_text,
                        theirs["text"].as_str().unwrap_or_default().to_owned(),
                    );
                } else {
                    check(
                        entry,
                        ours.text.text.clone(),
                        theirs["text"].as_str().unwrap_or_default().to_owned(),
                    );
                }
            }
            let theirs = expected["bibliography"].as_object().unwrap();
            assert_eq!(
                bibliography.len(),
                theirs.len(),
                "{name} {style_name}: bibliography size"
            );
            for entry in &bibliography {
                let pandoc = theirs
                    .get(&entry.key)
                    .and_then(Value::as_str)
                    .unwrap_or("(missing)")
                    .to_owned();
                check(
                    format!("{name} {style_name} bibliography {}", entry.key),
                    entry.text.text.clone(),
                    pandoc,
                );
            }
        }
    }
    assert!(compared > 100, "only {compared} comparisons");
    assert!(
        mismatches.is_empty(),
        "{} differences from Pandoc:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
