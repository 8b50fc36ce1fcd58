//! Word lists: the phrases rules look for, kept in data files (`crates/brief-lint/data/*.txt`)
//! that an editor can extend without writing Rust, and that a project extends or replaces in
//! `brief.toml` under `[lint.word-lists]`.
//!
//! A line is a phrase; `#` starts a comment. `(a|b)` is one of the alternatives and `[a|b]` an
//! optional one, so `(critics|skeptics) (say|claim)` stands for four phrases. In
//! `confused-words`, a line is `wrong phrase => right phrase`.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// The built-in lists, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("actor-nouns", include_str!("../data/actor-nouns.txt")),
    ("confused-words", include_str!("../data/confused-words.txt")),
    ("gendered-terms", include_str!("../data/gendered-terms.txt")),
    (
        "generalizations",
        include_str!("../data/generalizations.txt"),
    ),
    ("misspellings", include_str!("../data/misspellings.txt")),
    ("relative-time", include_str!("../data/relative-time.txt")),
    ("speech-verbs", include_str!("../data/speech-verbs.txt")),
    ("vague-actions", include_str!("../data/vague-actions.txt")),
    ("vague-time", include_str!("../data/vague-time.txt")),
    ("weasel", include_str!("../data/weasel.txt")),
    ("wordy-phrases", include_str!("../data/wordy-phrases.txt")),
];

/// The lines of a list file, without comments and blank lines.
pub fn entries(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            line.split_once('#')
                .map_or(line, |(before, _)| before)
                .trim()
        })
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Expands the `(a|b)` and `[a|b]` alternatives of a pattern into phrases.
pub fn expand(pattern: &str) -> Vec<String> {
    let mut results = vec![String::new()];
    let mut rest = pattern;
    while !rest.is_empty() {
        let open = rest.find(['(', '[']);
        match open {
            None => {
                for r in &mut results {
                    r.push_str(rest);
                }
                break;
            }
            Some(idx) => {
                let literal = &rest[..idx];
                for r in &mut results {
                    r.push_str(literal);
                }
                let optional = rest.as_bytes()[idx] == b'[';
                let close_char = if optional { ']' } else { ')' };
                let Some(close) = rest[idx..].find(close_char).map(|c| idx + c) else {
                    for r in &mut results {
                        r.push_str(&rest[idx..]);
                    }
                    break;
                };
                let mut alternatives: Vec<&str> = rest[idx + 1..close].split('|').collect();
                if optional {
                    alternatives.push("");
                }
                results = results
                    .iter()
                    .flat_map(|prefix| {
                        alternatives
                            .iter()
                            .map(move |alt| format!("{prefix}{}", alt.trim()))
                    })
                    .collect();
                rest = &rest[close + 1..];
            }
        }
    }
    results
        .into_iter()
        .map(|phrase| phrase.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|phrase| !phrase.is_empty())
        .collect()
}

/// The longest list compiled to a DFA (see [`PhraseSet::new`]).
const DFA_MAX_PHRASES: usize = 2_000;

/// A compiled list of phrases, matched case-insensitively (ASCII) at word boundaries.
///
/// The automaton is built at the first search: lists that are only searched through a
/// [`Lexicon`] never build their own.
#[derive(Clone, Debug)]
pub struct PhraseSet {
    phrases: Vec<String>,
    matcher: OnceLock<Option<AhoCorasick>>,
}

impl PhraseSet {
    /// Compiles phrases (already expanded).
    pub fn new(phrases: Vec<String>) -> PhraseSet {
        let mut phrases: Vec<String> = phrases.into_iter().map(|p| p.to_lowercase()).collect();
        phrases.sort();
        phrases.dedup();
        PhraseSet {
            phrases,
            matcher: OnceLock::new(),
        }
    }

    fn matcher(&self) -> Option<&AhoCorasick> {
        self.matcher
            .get_or_init(|| compile(&self.phrases, MatchKind::LeftmostLongest))
            .as_ref()
    }

    /// The phrases.
    pub fn phrases(&self) -> &[String] {
        &self.phrases
    }

    /// Matches in `text` that start and end at word boundaries, as byte ranges.
    ///
    /// Matches are leftmost-longest; when one is rejected for a word boundary, the search resumes
    /// one character later so that a shorter phrase there can still match.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        let Some(matcher) = self.matcher() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut from = 0;
        while from < text.len() {
            let input = aho_corasick::Input::new(text).range(from..);
            let Some(found) = matcher.find(input) else {
                break;
            };
            if is_word_boundary(text, found.start()) && is_word_end(text, found.end()) {
                out.push(found.start()..found.end());
                from = found.end();
            } else {
                from = next_char(text, found.start());
            }
        }
        out
    }

    /// Whether `text` starts with one of the phrases (at a word boundary).
    pub fn prefix_of(&self, text: &str) -> Option<Range<usize>> {
        self.find(text).into_iter().find(|r| r.start == 0)
    }
}

/// An automaton for `phrases` (ASCII case-insensitive), or `None` when there are none. A DFA is
/// the fastest to search and small for lists of a few hundred phrases; a much longer list gets
/// the automaton the library chooses for its size.
fn compile<P: AsRef<[u8]>>(phrases: &[P], kind: MatchKind) -> Option<AhoCorasick> {
    if phrases.is_empty() {
        return None;
    }
    let mut builder = AhoCorasickBuilder::new();
    builder.ascii_case_insensitive(true).match_kind(kind);
    if phrases.len() <= DFA_MAX_PHRASES {
        builder.kind(Some(AhoCorasickKind::DFA));
    }
    builder
        .build(phrases)
        .or_else(|_| builder.kind(None).build(phrases))
        .ok()
}

/// The lists a sentence is scanned for, all at once, by a [`Lexicon`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum List {
    /// Hidden attributions.
    Weasel,
    /// Sweeping claims.
    Generalizations,
    /// Relative time references.
    RelativeTime,
    /// Vague time references.
    VagueTime,
    /// Speech verbs.
    SpeechVerbs,
    /// Confused words.
    Confused,
    /// Misspellings.
    Misspellings,
    /// Wordy phrases.
    Wordy,
    /// Gendered terms.
    Gendered,
}

/// Several phrase lists compiled into one automaton, so that a sentence is read once however
/// many lists rules look for in it. [`Lexicon::scan`] finds, for each list, exactly what that
/// list's own [`PhraseSet::find`] finds.
///
/// Lists join the shared automaton, smallest first, while it stays small enough to be a DFA; a
/// list that would make it too large (the weasel list expands to thousands of phrases) is
/// searched with its own automaton.
#[derive(Clone, Debug)]
pub struct Lexicon {
    matcher: Option<AhoCorasick>,
    /// The list of each pattern of `matcher`.
    owners: Vec<List>,
    /// Lists searched on their own.
    separate: Vec<(List, PhraseSet)>,
}

impl Lexicon {
    /// Compiles the phrases of `sets`.
    pub fn new(sets: &[(List, &PhraseSet)]) -> Lexicon {
        let mut sets: Vec<(List, &PhraseSet)> = sets.to_vec();
        sets.sort_by_key(|(list, set)| (set.phrases().len(), *list));
        let mut owners = Vec::new();
        let mut patterns: Vec<&str> = Vec::new();
        let mut separate = Vec::new();
        for (list, set) in sets {
            if patterns.len() + set.phrases().len() > DFA_MAX_PHRASES {
                separate.push((list, set.clone()));
                continue;
            }
            for phrase in set.phrases() {
                owners.push(list);
                patterns.push(phrase);
            }
        }
        // Every occurrence of every phrase (overlapping), from which each list's
        // leftmost-longest matches are chosen as its own automaton would.
        let matcher = compile(&patterns, MatchKind::Standard);
        Lexicon {
            matcher,
            owners,
            separate,
        }
    }

    /// The matches of every list in `text` but those of `skip`, which are left empty (a list
    /// searched with its own automaton costs a search of its own).
    pub fn scan(&self, text: &str, skip: &[List]) -> Hits {
        let mut found = Vec::new();
        for (list, set) in &self.separate {
            if !skip.contains(list) {
                found.extend(set.find(text).into_iter().map(|range| (*list, range)));
            }
        }
        let Some(matcher) = &self.matcher else {
            return Hits { found };
        };
        let mut raw: Vec<(List, usize, std::cmp::Reverse<usize>)> = matcher
            .find_overlapping_iter(text)
            .map(|m| {
                (
                    self.owners[m.pattern().as_usize()],
                    m.start(),
                    std::cmp::Reverse(m.end()),
                )
            })
            .collect();
        // By list, then leftmost, then longest: the first candidate at or after `from` is the
        // one a leftmost-longest search from `from` would return.
        raw.sort_unstable();
        let mut current = None;
        let mut from = 0;
        for (list, start, std::cmp::Reverse(end)) in raw {
            if current != Some(list) {
                current = Some(list);
                from = 0;
            }
            if start < from || skip.contains(&list) {
                continue;
            }
            if is_word_boundary(text, start) && is_word_end(text, end) {
                found.push((list, start..end));
                from = end;
            } else {
                from = next_char(text, start);
            }
        }
        Hits { found }
    }
}

/// What [`Lexicon::scan`] found in a text: byte ranges by list, each list's in text order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hits {
    found: Vec<(List, Range<usize>)>,
}

impl Hits {
    /// The matches of one list, in text order.
    pub fn of(&self, list: List) -> Vec<Range<usize>> {
        self.found
            .iter()
            .filter(|(l, _)| *l == list)
            .map(|(_, r)| r.clone())
            .collect()
    }
}

fn next_char(text: &str, idx: usize) -> usize {
    text[idx..]
        .chars()
        .next()
        .map_or(text.len(), |c| idx + c.len_utf8())
}

/// Whether a word can start at `idx`.
pub fn is_word_boundary(text: &str, idx: usize) -> bool {
    text[..idx]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != '-')
}

/// Whether a word can end at `idx`.
pub fn is_word_end(text: &str, idx: usize) -> bool {
    text[idx..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != '-')
}

/// A list of `wrong => right` pairs, compiled for matching.
#[derive(Clone, Debug)]
pub struct Replacements {
    pairs: Vec<Confusion>,
    set: PhraseSet,
}

impl Replacements {
    /// Compiles `wrong => right` lines.
    pub fn new(lines: &[String]) -> Replacements {
        let pairs = confusions(lines);
        let set = PhraseSet::new(pairs.iter().map(|c| c.wrong.clone()).collect());
        Replacements { pairs, set }
    }

    /// Matches in `text` (at word boundaries, ignoring case) with their pair.
    pub fn find(&self, text: &str) -> Vec<(Range<usize>, &Confusion)> {
        self.pairs_of(text, self.set.find(text))
    }

    /// The phrases.
    pub fn set(&self) -> &PhraseSet {
        &self.set
    }

    /// The pairs of `found`, ranges of `text` where this list's phrases are.
    pub fn pairs_of(
        &self,
        text: &str,
        found: Vec<Range<usize>>,
    ) -> Vec<(Range<usize>, &Confusion)> {
        found
            .into_iter()
            .filter_map(|range| {
                let lower = text[range.clone()].to_lowercase();
                let pair = self.pairs.iter().find(|c| c.wrong == lower)?;
                Some((range, pair))
            })
            .collect()
    }
}

/// A `wrong => right` pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confusion {
    /// The wrong phrase (lowercase).
    pub wrong: String,
    /// The right phrase.
    pub right: String,
}

/// Parses `wrong => right` lines.
pub fn confusions(lines: &[String]) -> Vec<Confusion> {
    lines
        .iter()
        .filter_map(|line| {
            let (wrong, right) = line.split_once("=>")?;
            Some(Confusion {
                wrong: wrong.trim().to_lowercase(),
                right: right.trim().to_owned(),
            })
        })
        .filter(|c| !c.wrong.is_empty() && !c.right.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expansion() {
        let mut got = expand("(critics|skeptics) (say|claim) [that]");
        got.sort();
        assert_eq!(got.len(), 8);
        assert!(got.contains(&"critics say that".to_owned()));
        assert!(got.contains(&"skeptics claim".to_owned()));
        assert_eq!(expand("recently"), ["recently"]);
    }

    #[test]
    fn matches_whole_words_only() {
        let set = PhraseSet::new(vec![
            "now".into(),
            "experts say".into(),
            "some argue".into(),
        ]);
        let text = "Snow is known now. Experts say so; some arguers don't, but some argue.";
        let found: Vec<&str> = set.find(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["now", "Experts say", "some argue"]);
    }

    #[test]
    fn a_long_list_still_matches() {
        let mut phrases: Vec<String> = (0..DFA_MAX_PHRASES + 500)
            .map(|n| format!("phrase number {n}"))
            .collect();
        phrases.push("experts say".into());
        let set = PhraseSet::new(phrases);
        let text = "Experts say phrase number 2400 matters.";
        let found: Vec<&str> = set.find(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["Experts say", "phrase number 2400"]);
    }

    #[test]
    fn a_lexicon_finds_what_each_list_finds_alone() {
        let list = |name: &str| {
            let text = BUILTIN.iter().find(|(n, _)| *n == name).unwrap().1;
            PhraseSet::new(entries(text).iter().flat_map(|l| expand(l)).collect())
        };
        let weasel = list("weasel");
        let time = list("relative-time");
        let vague = list("vague-time");
        // Lists that share phrases and prefixes, and a phrase rejected at a word boundary
        // with a shorter one at the same start ("nowhere" / "now").
        let tricky = PhraseSet::new(vec![
            "now".into(),
            "nowhere".into(),
            "some experts".into(),
            "experts say".into(),
            "last".into(),
        ]);
        // A list too long for the shared automaton is searched on its own.
        let long = PhraseSet::new((0..DFA_MAX_PHRASES).map(|n| format!("now {n}")).collect());
        let lexicon = Lexicon::new(&[
            (List::Weasel, &weasel),
            (List::Generalizations, &long),
            (List::RelativeTime, &time),
            (List::VagueTime, &vague),
            (List::Wordy, &tricky),
        ]);
        let texts = [
            "Experts say the ceasefire, agreed last week, is now holding; some experts disagree.",
            "Nowhere is it written. Snow fell earlier this year, and nowadays it is known now.",
            "Some argue that it has been reported recently that critics claim otherwise.",
            "ÉXPERTS SAY — «experts say» — experts-say, experts_say, experts sayings.",
            "In recent days, over the past week and last month, the lastest data arrived.",
            "",
            "no phrase at all here",
            "Now 12 and now 1999 are phrases of the long list; now 2000 is not.",
        ];
        for text in texts {
            let hits = lexicon.scan(text, &[]);
            let skipped = lexicon.scan(text, &[List::Weasel, List::Wordy]);
            assert!(skipped.of(List::Weasel).is_empty() && skipped.of(List::Wordy).is_empty());
            assert_eq!(skipped.of(List::RelativeTime), hits.of(List::RelativeTime));
            for (which, set) in [
                (List::Weasel, &weasel),
                (List::Generalizations, &long),
                (List::RelativeTime, &time),
                (List::VagueTime, &vague),
                (List::Wordy, &tricky),
            ] {
                assert_eq!(hits.of(which), set.find(text), "{which:?} in {text:?}");
            }
            assert!(hits.of(List::Gendered).is_empty());
        }
    }

    #[test]
    fn builtin_lists_parse() {
        for (name, text) in BUILTIN {
            let lines = entries(text);
            assert!(!lines.is_empty(), "{name} is empty");
            if matches!(
                *name,
                "confused-words" | "misspellings" | "wordy-phrases" | "gendered-terms"
            ) {
                assert_eq!(
                    confusions(&lines).len(),
                    lines.len(),
                    "{name} has a malformed line"
                );
            } else {
                for line in &lines {
                    assert!(!expand(line).is_empty(), "{name}: {line}");
                }
            }
        }
    }
}
