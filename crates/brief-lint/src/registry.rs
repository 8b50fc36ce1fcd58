//! Every rule, in one alphabetical table, and how selectors (`claims`, `claims/relative-time`,
//! `all`) match codes.

use crate::rule::Rule;
use crate::rules;

/// Every rule, sorted by code.
pub const RULES: &[Rule] = &[
    rules::citations::undefined_footnote::RULE,
    rules::citations::undefined_key::RULE,
    rules::citations::unused_footnote::RULE,
    rules::citations::unused_source::RULE,
    rules::claims::relative_time::RULE,
    rules::claims::uncited_named_quote::RULE,
    rules::claims::uncited_quote::RULE,
    rules::claims::unsourced_generalization::RULE,
    rules::claims::unsourced_statistic::RULE,
    rules::claims::vague_time::RULE,
    rules::claims::weasel_attribution::RULE,
    rules::recommendations::buried::RULE,
    rules::recommendations::count::RULE,
    rules::recommendations::duplicate::RULE,
    rules::recommendations::missing_actor::RULE,
    rules::recommendations::no_evidence::RULE,
    rules::recommendations::unstructured::RULE,
    rules::recommendations::vague_action::RULE,
    rules::schema::bibliography_syntax::RULE,
    rules::schema::duplicate_key::RULE,
    rules::schema::invalid_value::RULE,
    rules::schema::missing_frontmatter::RULE,
    rules::schema::missing_key::RULE,
    rules::schema::unclosed_frontmatter::RULE,
    rules::schema::unknown_key::RULE,
    rules::schema::unreadable_file::RULE,
    rules::schema::yaml_alias::RULE,
    rules::schema::yaml_syntax::RULE,
    rules::sources::anachronism::RULE,
    rules::sources::concentration::RULE,
    rules::sources::duplicate_id::RULE,
    rules::sources::duplicate_url::RULE,
    rules::sources::incomplete_note::RULE,
    rules::sources::insecure_url::RULE,
    rules::sources::invalid_url::RULE,
    rules::sources::missing_accessed::RULE,
    rules::sources::missing_date::RULE,
    rules::sources::missing_locator::RULE,
    rules::sources::missing_title::RULE,
    rules::sources::none::RULE,
    rules::sources::quote_mismatch::RULE,
    rules::structure::bold_heading::RULE,
    rules::structure::duplicate_id::RULE,
    rules::structure::empty_section::RULE,
    rules::structure::heading_increment::RULE,
    rules::structure::image_alt::RULE,
    rules::structure::image_credit::RULE,
    rules::structure::length::RULE,
    rules::structure::missing_section::RULE,
    rules::structure::summary_length::RULE,
    rules::style::confused_word::RULE,
    rules::style::gendered_term::RULE,
    rules::style::long_sentence::RULE,
    rules::style::misspelling::RULE,
    rules::style::repeated_word::RULE,
    rules::style::wordy_phrase::RULE,
    rules::suppression::unknown_rule::RULE,
    rules::suppression::unused::RULE,
];

/// Old or alternative codes and the code they stand for, so a suppression or a setting written
/// with them keeps working.
pub const REDIRECTS: &[(&str, &str)] = &[(
    "recommendations/missing-section",
    "structure/missing-section",
)];

/// The rule with this code (or a redirect to it).
pub fn rule(code: &str) -> Option<&'static Rule> {
    let code = redirect(code);
    RULES.iter().find(|rule| rule.code == code)
}

fn redirect(code: &str) -> &str {
    REDIRECTS
        .iter()
        .find(|(from, _)| *from == code)
        .map_or(code, |(_, to)| to)
}

/// Whether `selector` (a code, a category or `all`) selects `code`.
pub fn matches(selector: &str, code: &str) -> bool {
    let selector = redirect(selector);
    selector == "all"
        || selector == code
        || code
            .split_once('/')
            .is_some_and(|(category, _)| category == selector)
}

/// Whether `selector` names a rule, a category or `all`.
pub fn is_known_selector(selector: &str) -> bool {
    selector == "all" || RULES.iter().any(|rule| matches(selector, rule.code))
}

/// Every valid selector, for suggestions.
pub fn selectors() -> Vec<String> {
    let mut out = vec!["all".to_owned()];
    for rule in RULES {
        let category = rule.category().to_owned();
        if !out.contains(&category) {
            out.push(category);
        }
        out.push(rule.code.to_owned());
    }
    out
}

/// The documentation page of a rule (Markdown), as `brief rules CODE` prints it and
/// `docs/rules.md` contains it.
pub fn rule_page(rule: &Rule) -> String {
    let fix = match rule.fix {
        crate::FixKind::None => "none",
        crate::FixKind::Safe => "safe (`--fix`)",
        crate::FixKind::Unsafe => "suggested (not applied by `--fix`)",
    };
    let mut out = format!(
        "## `{}`\n\n{}.\n\n| Default severity | Fix | Declared in |\n|---|---|---|\n| {} | {} | `{}:{}` |\n\n",
        rule.code,
        capitalize(rule.summary),
        rule.severity,
        fix,
        rule.file,
        rule.line
    );
    for line in rule.documentation().lines() {
        // The rule's own headings sit one level under its title.
        if line.starts_with("## ") {
            out.push('#');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// `docs/rules.md`: the table of every rule, then every rule's page.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from the rule declarations by `cargo xtask codegen`; do not edit. -->\n\n# Rules\n\n\
         Every rule of `brief check`, with its code, default severity and documentation.\n\
         `brief rules CODE` prints the same text in a terminal.\n\
         Severities and selection are set in `brief.toml` (`[lint] select`, `ignore`, `[lint.severity]`);\n\
         a finding is silenced in place with `<!-- brief-ignore CODE: reason -->` before its block.\n\n\
         | Code | Severity | Fix | Summary |\n|---|---|---|---|\n",
    );
    for rule in RULES {
        let fix = match rule.fix {
            crate::FixKind::None => "",
            crate::FixKind::Safe => "safe",
            crate::FixKind::Unsafe => "suggested",
        };
        out.push_str(&format!(
            "| [`{}`](#{}) | {} | {} | {} |\n",
            rule.code,
            rule.code.replace('/', ""),
            rule.severity,
            fix,
            rule.summary
        ));
    }
    for rule in RULES {
        out.push('\n');
        out.push_str(&rule_page(rule));
    }
    out
}
