//! Word lists: the phrases rules look for, kept in data files (`crates/brief-lint/data/*.txt`)
//! that an editor can extend without writing Rust, and that a project extends or replaces in
//! `brief.toml` under `[lint.word-lists]`.
//!
//! A line is a phrase; `#` starts a comment. `(a|b)` is one of the alternatives and `[a|b]` an
//! optional one, so `(critics|skeptics) (say|claim)` stands for four phrases. In
//! `confused-words`, a line is `wrong phrase => right phrase`.

mod trie;

use std::ops::Range;
use std::sync::OnceLock;

use trie::Trie;

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

/// A compiled list of phrases, matched case-insensitively (ASCII) at word boundaries.
///
/// The trie is built at the first search: lists that are only searched through a [`Lexicon`]
/// never build their own.
#[derive(Clone, Debug)]
pub struct PhraseSet {
    phrases: Vec<String>,
    matcher: OnceLock<Trie>,
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

    fn matcher(&self) -> &Trie {
        self.matcher
            .get_or_init(|| Trie::new(self.phrases.iter().map(|p| (0, p.as_str())), 0))
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
        let mut out = Vec::new();
        self.matcher().search(text, 1, |_, range| out.push(range));
        out
    }

    /// Whether `text` starts with one of the phrases (at a word boundary).
    pub fn prefix_of(&self, text: &str) -> Option<Range<usize>> {
        self.find(text).into_iter().find(|r| r.start == 0)
    }
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
    /// Spelled-out scales ("millions", "two-thirds"), every occurrence at a word start.
    Scales,
    /// Month names, every occurrence at a word start, whatever its case.
    Months,
    /// Modal verbs and "we recommend", every occurrence at a word start.
    Modals,
    /// Phrases by which a brief reports its own research, every occurrence at a word start.
    OwnResearch,
}

/// Several phrase lists compiled into one trie, so that a sentence is read once however many
/// lists rules look for in it. [`Lexicon::scan`] finds, for each list, exactly what that list's
/// own [`PhraseSet::find`] finds.
#[derive(Clone, Debug)]
pub struct Lexicon {
    trie: Trie,
}

impl Lexicon {
    /// Compiles the phrases of `sets`.
    pub fn new(sets: &[(List, &PhraseSet)]) -> Lexicon {
        Lexicon::with_prefixes(sets, &[])
    }

    /// Compiles the phrases of `sets`, and lists of `prefixes` of which [`Lexicon::scan`]
    /// reports every occurrence at a word start (ignoring ASCII case), shorter ones inside longer
    /// ones included, leaving where they may end to the caller.
    pub fn with_prefixes(sets: &[(List, &PhraseSet)], prefixes: &[(List, &[&str])]) -> Lexicon {
        let phrases = sets.iter().flat_map(|(list, set)| {
            set.phrases()
                .iter()
                .map(move |phrase| (*list as u32, phrase.as_str()))
        });
        let prefix_phrases = prefixes
            .iter()
            .flat_map(|(list, words)| words.iter().map(move |w| (*list as u32, *w)));
        let every = prefixes
            .iter()
            .fold(0, |mask, (list, _)| mask | 1 << *list as u32);
        Lexicon {
            trie: Trie::new(phrases.chain(prefix_phrases), every),
        }
    }

    /// The matches of every list in `text` but those of `skip`, which are left empty.
    pub fn scan(&self, text: &str, skip: &[List]) -> Hits {
        let lists = skip
            .iter()
            .fold(u32::MAX, |mask, list| mask & !(1 << *list as u32));
        let mut found = Vec::new();
        self.trie
            .search(text, lists, |list, range| found.push((list, range)));
        Hits { found }
    }
}

/// What [`Lexicon::scan`] found in a text: byte ranges by list, each list's in text order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hits {
    found: Vec<(u32, Range<usize>)>,
}

impl Hits {
    /// The matches of one list, in text order.
    pub fn of(&self, list: List) -> impl Iterator<Item = Range<usize>> + '_ {
        self.found
            .iter()
            .filter(move |(l, _)| *l == list as u32)
            .map(|(_, r)| r.clone())
    }
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
    trie::is_word_end(text, idx)
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
        found: impl IntoIterator<Item = Range<usize>>,
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
        let mut phrases: Vec<String> = (0..2_500).map(|n| format!("phrase number {n}")).collect();
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
        // A long list whose phrases share their first word with other lists'.
        let long = PhraseSet::new((0..2_000).map(|n| format!("now {n}")).collect());
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
            assert!(
                skipped.of(List::Weasel).next().is_none()
                    && skipped.of(List::Wordy).next().is_none()
            );
            assert!(
                skipped
                    .of(List::RelativeTime)
                    .eq(hits.of(List::RelativeTime))
            );
            for (which, set) in [
                (List::Weasel, &weasel),
                (List::Generalizations, &long),
                (List::RelativeTime, &time),
                (List::VagueTime, &vague),
                (List::Wordy, &tricky),
            ] {
                assert_eq!(
                    hits.of(which).collect::<Vec<_>>(),
                    set.find(text),
                    "{which:?} in {text:?}"
                );
                let reference = reference_find(set.phrases(), text);
                assert_eq!(
                    hits.of(which).collect::<Vec<_>>(),
                    reference,
                    "{which:?} in {text:?}"
                );
            }
            assert!(hits.of(List::Gendered).next().is_none());
        }
    }

    /// What `PhraseSet::find` is defined to find, with a leftmost-longest automaton over every
    /// byte: a match not at word boundaries is rejected and the search resumes one character
    /// later.
    fn reference_find(phrases: &[String], text: &str) -> Vec<Range<usize>> {
        use aho_corasick::{AhoCorasickBuilder, MatchKind};
        if phrases.is_empty() {
            return Vec::new();
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(phrases)
            .unwrap();
        let mut out = Vec::new();
        let mut from = 0;
        while from < text.len() {
            let Some(found) = matcher.find(aho_corasick::Input::new(text).range(from..)) else {
                break;
            };
            if is_word_boundary(text, found.start()) && is_word_end(text, found.end()) {
                out.push(found.start()..found.end());
                from = found.end();
            } else {
                from = found.start() + text[found.start()..].chars().next().unwrap().len_utf8();
            }
        }
        out
    }

    #[test]
    fn the_trie_finds_what_an_automaton_over_every_byte_finds() {
        // Phrases that are prefixes of one another, that start or end with punctuation, that
        // hold non-ASCII letters, and a longer phrase that ends inside a word while a shorter
        // one at the same start ends at a word end (the longer one wins and is rejected).
        let phrases: Vec<String> = [
            "now",
            "nowhere",
            "no",
            "u.s.",
            "u.s. a",
            "so-called",
            "co-op",
            "é",
            "ça va",
            "experts",
            "experts say",
            "experts say, ",
            "(citation",
            "week's",
            "a",
            "a b",
            "over the past week",
            "past",
            "the",
            "Émigrés",
            // Enough edges after "a" for the node to keep them as a row.
            "ac",
            "ad",
            "ae",
            "af",
        ]
        .iter()
        .map(|p| p.to_string())
        .collect();
        let set = PhraseSet::new(phrases.clone());
        let lowered: Vec<String> = set.phrases().to_vec();
        let words = [
            "now",
            "Nowhere",
            "no",
            "U.S.",
            "a",
            "b",
            "so-called",
            "co-op",
            "é",
            "É",
            "ça",
            "va",
            "experts",
            "say,",
            "say",
            "(citation)",
            "week's",
            "weeks",
            "over",
            "the",
            "past",
            "week",
            "émigrés",
            "_now",
            "now_",
            "-now",
            "now-",
            "«now»",
            "x",
            "—",
            "1",
            "Experts",
            "SAY",
            "a.",
            "ab",
            "the.",
            "\u{a0}",
            "",
            "u.s",
            "u.s.a",
            "AC",
            "ad",
            "Ae",
            "afe",
        ];
        // A small deterministic generator: every text is a few words joined by spaces or
        // nothing, so that matches touch, overlap and sit inside words.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..next(7) {
                text.push_str(words[next(words.len())]);
                if next(4) != 0 {
                    text.push(' ');
                }
            }
            assert_eq!(set.find(&text), reference_find(&lowered, &text), "{text:?}");
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
