//! The rule table itself: codes, names, documentation.

use brief_lint::RULES;

#[test]
fn codes_are_sorted_unique_and_well_formed() {
    let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(
        codes, sorted,
        "RULES must be sorted by code, without duplicates"
    );
    for rule in RULES {
        let (category, name) = rule.code.split_once('/').expect("codes are category/name");
        assert!(
            category.chars().all(|c| c.is_ascii_lowercase()),
            "{}: category must be lowercase",
            rule.code
        );
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}: name must be kebab-case",
            rule.code
        );
        // As in ruff: a name says what is flagged ("allow unsourced-statistic"), not the fix.
        for banned in ["avoid-", "use-", "prefer-"] {
            assert!(
                !name.starts_with(banned),
                "{}: names say what is flagged, not the fix",
                rule.code
            );
        }
    }
}

#[test]
fn every_rule_is_documented() {
    for rule in RULES {
        let docs = rule.documentation();
        for heading in [
            "## What it does",
            "## Why it matters",
            "## Example",
            "Use instead",
        ] {
            assert!(
                docs.contains(heading),
                "{}: documentation lacks `{heading}`",
                rule.code
            );
        }
        let summary = rule.summary;
        assert!(
            !summary.is_empty()
                && !summary.ends_with('.')
                && !summary.starts_with(|c: char| c.is_uppercase()),
            "{}: the summary is one lowercase line without a period",
            rule.code
        );
    }
}

#[test]
fn builtin_settings_are_valid_and_selectors_match() {
    let settings = brief_lint::Settings::default();
    for rule in RULES {
        assert_eq!(
            settings.severity(rule.code),
            Some(rule.severity),
            "{}",
            rule.code
        );
    }
    assert!(brief_lint::registry::is_known_selector("claims"));
    assert!(brief_lint::registry::is_known_selector(
        "recommendations/missing-section"
    ));
    assert!(!brief_lint::registry::is_known_selector(
        "claims/unsourced-statistics"
    ));
}

#[test]
fn unknown_selectors_are_errors_with_a_suggestion() {
    let options = brief_model::config::LintOptions {
        ignore: vec!["claims/relative-tme".to_owned()],
        ..Default::default()
    };
    let err = brief_lint::Settings::new(&options).unwrap_err();
    assert!(
        err.message.contains("claims/relative-tme"),
        "{}",
        err.message
    );
    assert_eq!(
        err.help.as_deref(),
        Some("did you mean `claims/relative-time`?")
    );
}
