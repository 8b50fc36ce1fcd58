//! `brief rules [CODE]`: the rule list, or one rule's documentation.

use std::fmt::Write as _;

use clap::Args;

use crate::exit::{Failure, Status};

#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// A rule code (such as `claims/relative-time`) or a category (such as `claims`).
    #[arg(value_name = "CODE")]
    pub(crate) code: Option<String>,
    /// Print the list as JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

pub(crate) fn run(args: &RulesArgs) -> Result<Status, Failure> {
    let selected: Vec<&brief_lint::Rule> = match &args.code {
        None => brief_lint::RULES.iter().collect(),
        Some(code) => {
            if let Some(rule) = brief_lint::rule(code) {
                vec![rule]
            } else {
                let matching: Vec<&brief_lint::Rule> = brief_lint::RULES
                    .iter()
                    .filter(|r| brief_lint::registry::matches(code, r.code))
                    .collect();
                if matching.is_empty() {
                    let selectors = brief_lint::registry::selectors();
                    let help =
                        brief_model::did_you_mean(code, selectors.iter().map(String::as_str))
                            .map(|best| format!("; did you mean `{best}`?"))
                            .unwrap_or_default();
                    return Err(Failure::usage(format!(
                        "no rule or category `{code}`{help}"
                    )));
                }
                matching
            }
        }
    };
    let mut out = String::new();
    if args.json {
        let list: Vec<serde_json::Value> = selected
            .iter()
            .map(|rule| {
                serde_json::json!({
                    "code": rule.code,
                    "severity": rule.severity,
                    "summary": rule.summary,
                    "fix": match rule.fix { brief_lint::FixKind::None => "none", brief_lint::FixKind::Safe => "safe", brief_lint::FixKind::Unsafe => "unsafe" },
                    "documentation": rule.documentation(),
                })
            })
            .collect();
        out = serde_json::to_string_pretty(&list).unwrap_or_default();
        out.push('\n');
    } else if selected.len() == 1 {
        out.push_str(&rule_page(selected[0]));
    } else {
        let width = selected.iter().map(|r| r.code.len()).max().unwrap_or(0);
        for rule in selected {
            let _ = writeln!(
                out,
                "{:<width$}  {:<7}  {}{}",
                rule.code,
                rule.severity.as_str(),
                rule.summary,
                match rule.fix {
                    brief_lint::FixKind::Safe => " (fixable)",
                    _ => "",
                }
            );
        }
    }
    crate::output::write_atomic(std::path::Path::new("-"), out.as_bytes())?;
    Ok(Status::Ok)
}

/// The documentation page of a rule, as in docs/rules.md.
pub(crate) fn rule_page(rule: &brief_lint::Rule) -> String {
    brief_lint::registry::rule_page(rule)
}
