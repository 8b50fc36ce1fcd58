//! `cargo xtask recall`: how many of the defects planted in a generated corpus `brief check`
//! finds, per category.

use std::collections::BTreeMap;

use brief_lint::Settings;
use brief_model::ProjectFs;
use serde_json::Value;

/// The corpus categories and the codes that find them.
const CATEGORIES: &[(&str, &[&str])] = &[
    ("unsourced", &["claims/unsourced-statistic"]),
    ("unattributed", &["claims/uncited-quote"]),
    ("weasel", &["claims/weasel-attribution"]),
    ("reldate", &["claims/relative-time"]),
    (
        "sources",
        &["sources/duplicate-url", "sources/incomplete-note"],
    ),
    ("recs", &["recommendations/missing-actor"]),
    (
        "style",
        &[
            "style/misspelling",
            "style/wordy-phrase",
            "style/gendered-term",
            "style/confused-word",
        ],
    ),
];

pub(crate) fn run(n: usize, seed: u64) -> Result<(), String> {
    let dir = crate::corpus::make(n, 1500, seed)?;
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("manifest.json")).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let settings = Settings::default();
    let mut planted: BTreeMap<&str, u64> = BTreeMap::new();
    let mut found: BTreeMap<&str, u64> = BTreeMap::new();
    let mut reported: BTreeMap<&str, u64> = BTreeMap::new();
    for path in crate::corpus::briefs(&dir)? {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let Some(counts) = manifest["files"].get(&name) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        let mut parsed = brief_model::parse(&text);
        let loader = ProjectFs::for_brief(&path);
        let mut diagnostics = parsed.diagnostics;
        diagnostics.extend(brief_model::resolve(&mut parsed.document, &dir, &loader));
        let outcome = brief_lint::check(&parsed.document, diagnostics, &settings);
        for (category, codes) in CATEGORIES {
            let expected = counts[*category].as_u64().unwrap_or(0);
            let got = outcome
                .diagnostics
                .iter()
                .filter(|d| codes.contains(&d.code))
                .count() as u64;
            *planted.entry(category).or_default() += expected;
            *found.entry(category).or_default() += got.min(expected);
            *reported.entry(category).or_default() += got;
        }
    }
    println!("corpus: {} ({n} briefs, seed {seed})", dir.display());
    println!(
        "{:<14} {:>8} {:>8} {:>8} {:>9}",
        "category", "planted", "found", "recall", "reported"
    );
    for (category, codes) in CATEGORIES {
        let p = planted[category];
        let f = found[category];
        let recall = if p == 0 { 1.0 } else { f as f64 / p as f64 };
        println!(
            "{category:<14} {p:>8} {f:>8} {:>7.1}% {:>9}   ({})",
            recall * 100.0,
            reported[category],
            codes.join(", ")
        );
    }
    Ok(())
}
