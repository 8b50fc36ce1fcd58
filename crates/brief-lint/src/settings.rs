//! Resolved linter settings: what the rules read, built once from `brief.toml`'s `[lint]` table.
//!
//! Options (raw, as written, in `brief_model::config`) become `Settings` here: rule selection and
//! severities as a table per rule, word lists compiled into matchers, per-type ranges.

use std::collections::HashMap;

use brief_model::config::{CitationScope, LintOptions, SeverityOption};
use brief_model::{BriefType, Severity, did_you_mean};

use crate::registry::{self, RULES};
use crate::words::{self, Lexicon, List, PhraseSet, Replacements};

/// A problem in the `[lint]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsError {
    /// What is wrong, naming the key.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

impl std::error::Error for SettingsError {}

/// Settings for one brief type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeSettings {
    /// Sections the type requires: `summary`, `recommendations`, or heading text.
    pub required_sections: Vec<String>,
    /// The fewest body words.
    pub min_words: usize,
    /// The most body words.
    pub max_words: usize,
}

/// The compiled word lists.
#[derive(Clone, Debug)]
pub struct WordLists {
    /// Hidden attributions ("experts say").
    pub weasel: PhraseSet,
    /// Relative time references ("last week").
    pub relative_time: PhraseSet,
    /// Vague time references ("now").
    pub vague_time: PhraseSet,
    /// Sweeping claims ("unprecedented").
    pub generalizations: PhraseSet,
    /// Vague recommendation verbs ("consider").
    pub vague_actions: PhraseSet,
    /// Speech verbs that attribute a quotation.
    pub speech_verbs: PhraseSet,
    /// Lowercase nouns that can be actors.
    pub actor_nouns: PhraseSet,
    /// Confused words ("principle reason" => "principal reason").
    pub confused: Replacements,
    /// Misspellings ("recieve" => "receive").
    pub misspellings: Replacements,
    /// Wordy phrases ("utilize" => "use").
    pub wordy: Replacements,
    /// Gendered terms ("chairman" => "chair").
    pub gendered: Replacements,
    /// The lists looked for in every sentence, compiled together.
    pub lexicon: Lexicon,
}

/// Resolved settings.
#[derive(Clone, Debug)]
pub struct Settings {
    severities: HashMap<&'static str, Option<Severity>>,
    /// Whether an `http(s)` link sources its sentence.
    pub links_are_sources: bool,
    /// Where a citation satisfies a claim.
    pub citation_scope: CitationScope,
    /// The most words in a summary.
    pub summary_max_words: usize,
    /// The most words in a sentence.
    pub long_sentence_words: usize,
    /// The fewest recommendations.
    pub min_recommendations: usize,
    /// The most recommendations.
    pub max_recommendations: usize,
    /// The largest share of citations one source may have.
    pub concentration_share: f64,
    types: HashMap<BriefType, TypeSettings>,
    /// The word lists.
    pub words: WordLists,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings::new(&LintOptions::default()).expect("the default settings are valid")
    }
}

/// Default required sections and word ranges by type.
fn default_type(brief_type: BriefType) -> TypeSettings {
    let (sections, min, max): (&[&str], usize, usize) = match brief_type {
        BriefType::PolicyBrief => (&["summary", "recommendations"], 800, 5_000),
        BriefType::IssueBrief => (&["summary"], 500, 3_000),
        BriefType::Commentary => (&[], 300, 2_500),
        BriefType::Memo => (&["recommendations"], 200, 2_000),
        BriefType::Testimony => (&[], 500, 10_000),
        BriefType::Report => (&["summary"], 2_000, 40_000),
    };
    TypeSettings {
        required_sections: sections.iter().map(|s| (*s).to_owned()).collect(),
        min_words: min,
        max_words: max,
    }
}

impl Settings {
    /// Resolves `[lint]` options. Unknown rule codes, categories, types and list names are errors
    /// with a did-you-mean.
    pub fn new(options: &LintOptions) -> Result<Settings, SettingsError> {
        let mut severities: HashMap<&'static str, Option<Severity>> = RULES
            .iter()
            .map(|rule| (rule.code, Some(rule.severity)))
            .collect();
        if let Some(select) = &options.select {
            for selector in select {
                check_selector(selector, "select")?;
            }
            for rule in RULES {
                if !select.iter().any(|s| registry::matches(s, rule.code)) {
                    severities.insert(rule.code, None);
                }
            }
        }
        for selector in &options.ignore {
            check_selector(selector, "ignore")?;
            for rule in RULES {
                if registry::matches(selector, rule.code) {
                    severities.insert(rule.code, None);
                }
            }
        }
        // Category overrides first, then single codes, so `style = "off"` with
        // `"style/repeated-word" = "error"` keeps that one rule.
        let mut overrides: Vec<(&String, &SeverityOption)> = options.severity.iter().collect();
        overrides.sort_by_key(|(selector, _)| selector.contains('/'));
        for (selector, severity) in overrides {
            check_selector(selector, "severity")?;
            for rule in RULES {
                if registry::matches(selector, rule.code) {
                    let value = match severity {
                        SeverityOption::Off => None,
                        SeverityOption::Info => Some(Severity::Info),
                        SeverityOption::Warning => Some(Severity::Warning),
                        SeverityOption::Error => Some(Severity::Error),
                    };
                    severities.insert(rule.code, value);
                }
            }
        }

        let mut types: HashMap<BriefType, TypeSettings> = BriefType::ALL
            .iter()
            .map(|&t| (t, default_type(t)))
            .collect();
        for (name, type_options) in &options.types {
            let Some(brief_type) = BriefType::parse(name) else {
                let names: Vec<&str> = BriefType::ALL.iter().map(|t| t.as_str()).collect();
                return Err(SettingsError {
                    message: format!("unknown brief type `{name}` in [lint.types]"),
                    help: Some(match did_you_mean(name, names.iter().copied()) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!("the types are {}", names.join(", ")),
                    }),
                });
            };
            let entry = types.get_mut(&brief_type).expect("every type has defaults");
            if let Some(sections) = &type_options.required_sections {
                entry.required_sections = sections.clone();
            }
            if let Some(min) = type_options.min_words {
                entry.min_words = min;
            }
            if let Some(max) = type_options.max_words {
                entry.max_words = max;
            }
        }

        Ok(Settings {
            severities,
            links_are_sources: options.links_are_sources.unwrap_or(true),
            citation_scope: options.citation_scope.unwrap_or_default(),
            summary_max_words: options.summary_max_words.unwrap_or(150),
            long_sentence_words: options.long_sentence_words.unwrap_or(40),
            min_recommendations: options.min_recommendations.unwrap_or(2),
            max_recommendations: options.max_recommendations.unwrap_or(7),
            concentration_share: options.concentration_share.unwrap_or(0.5),
            types,
            words: word_lists(options)?,
        })
    }

    /// The severity of a rule, or `None` when it is off.
    pub fn severity(&self, code: &str) -> Option<Severity> {
        self.severities.get(code).copied().flatten()
    }

    /// Whether a rule runs.
    pub fn is_enabled(&self, code: &str) -> bool {
        self.severity(code).is_some()
    }

    /// The settings of a brief type.
    pub fn brief_type(&self, brief_type: BriefType) -> &TypeSettings {
        &self.types[&brief_type]
    }
}

fn check_selector(selector: &str, key: &str) -> Result<(), SettingsError> {
    if registry::is_known_selector(selector) {
        return Ok(());
    }
    let candidates = registry::selectors();
    Err(SettingsError {
        message: format!("unknown rule or category `{selector}` in `{key}`"),
        help: Some(
            match did_you_mean(selector, candidates.iter().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "`brief rules` lists every rule code".to_owned(),
            },
        ),
    })
}

fn word_lists(options: &LintOptions) -> Result<WordLists, SettingsError> {
    let names: Vec<&str> = words::BUILTIN.iter().map(|(name, _)| *name).collect();
    for name in options.word_lists.keys() {
        if !names.contains(&name.as_str()) {
            return Err(SettingsError {
                message: format!("unknown word list `{name}` in [lint.word-lists]"),
                help: Some(match did_you_mean(name, names.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("the lists are {}", names.join(", ")),
                }),
            });
        }
    }
    let lines = |name: &str| -> Vec<String> {
        let builtin = words::BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| words::entries(text))
            .unwrap_or_default();
        let Some(change) = options.word_lists.get(name) else {
            return builtin;
        };
        let mut lines = change.replace.clone().unwrap_or(builtin);
        lines.extend(change.extend.iter().cloned());
        lines.retain(|line| !change.remove.iter().any(|r| r.eq_ignore_ascii_case(line)));
        lines
    };
    let phrases = |name: &str| -> PhraseSet {
        PhraseSet::new(lines(name).iter().flat_map(|l| words::expand(l)).collect())
    };
    let weasel = phrases("weasel");
    let relative_time = phrases("relative-time");
    let vague_time = phrases("vague-time");
    let generalizations = phrases("generalizations");
    let speech_verbs = phrases("speech-verbs");
    let confused = Replacements::new(&lines("confused-words"));
    let misspellings = Replacements::new(&lines("misspellings"));
    let wordy = Replacements::new(&lines("wordy-phrases"));
    let gendered = Replacements::new(&lines("gendered-terms"));
    let own_research = crate::claims::own_research_phrases();
    let own_research: Vec<&str> = own_research.iter().map(String::as_str).collect();
    let lexicon = Lexicon::with_prefixes(
        &[
            (List::Weasel, &weasel),
            (List::RelativeTime, &relative_time),
            (List::VagueTime, &vague_time),
            (List::Generalizations, &generalizations),
            (List::SpeechVerbs, &speech_verbs),
            (List::Confused, confused.set()),
            (List::Misspellings, misspellings.set()),
            (List::Wordy, wordy.set()),
            (List::Gendered, gendered.set()),
        ],
        &[
            (List::Scales, crate::claims::SCALE_WORDS),
            (List::Months, &crate::claims::MONTHS),
            (List::Modals, crate::claims::MODALS),
            (List::OwnResearch, &own_research),
        ],
    );
    Ok(WordLists {
        weasel,
        relative_time,
        vague_time,
        generalizations,
        vague_actions: phrases("vague-actions"),
        speech_verbs,
        actor_nouns: phrases("actor-nouns"),
        confused,
        misspellings,
        wordy,
        gendered,
        lexicon,
    })
}
