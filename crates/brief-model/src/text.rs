//! Small text searches shared by the model and the rules.

/// Where the first of `phrases` occurs in `text`, ignoring ASCII case, with the index of the
/// phrase; where two start at the same place, the one listed first. Every phrase starts with the
/// same byte, which is not a letter (`" should "`, `" must "`): the search compares phrases only
/// where that byte is followed by a byte one of them has next.
pub fn find_first(text: &str, phrases: &[&str]) -> Option<(usize, usize)> {
    let lead = *phrases.first()?.as_bytes().first()?;
    debug_assert!(
        phrases.iter().all(|p| p.as_bytes().first() == Some(&lead)) && !lead.is_ascii_alphabetic()
    );
    let bytes = text.as_bytes();
    // The bytes that can follow the lead, in either case: most places are ruled out by a lookup.
    let mut seconds = [false; 256];
    for p in phrases {
        match p.as_bytes().get(1) {
            Some(&b) => {
                seconds[usize::from(b.to_ascii_lowercase())] = true;
                seconds[usize::from(b.to_ascii_uppercase())] = true;
            }
            None => seconds.fill(true),
        }
    }
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == lead && bytes.get(at + 1).is_none_or(|&b| seconds[usize::from(b)]) {
            let rest = &bytes[at..];
            let found = phrases.iter().position(|p| {
                rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p.as_bytes())
            });
            if let Some(which) = found {
                return Some((at, which));
            }
        }
        at += 1;
    }
    None
}

/// A list of lowercase words, looked up as if the word were lowercased first, without
/// lowercasing it: an ASCII word is found by a binary search that ignores ASCII case in a copy
/// of the list sorted by length, then bytes, made at the first lookup.
#[derive(Debug)]
pub struct WordList {
    words: &'static [&'static str],
    sorted: std::sync::OnceLock<Box<[&'static str]>>,
}

impl WordList {
    /// The list of `words` (lowercase; an entry with an ASCII capital fails the first lookup).
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            sorted: std::sync::OnceLock::new(),
        }
    }

    /// The words, in the order given.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// Whether `word`, lowercased, is in the list.
    pub fn contains(&self, word: &str) -> bool {
        if !word.is_ascii() {
            return self.words.contains(&word.to_lowercase().as_str());
        }
        let sorted = self.sorted.get_or_init(|| {
            assert!(
                self.words
                    .iter()
                    .all(|w| !w.bytes().any(|b| b.is_ascii_uppercase())),
                "a word list is lowercase"
            );
            // By length first: most probes differ in length, which one comparison settles.
            let mut sorted: Box<[&str]> = self.words.into();
            sorted.sort_unstable_by_key(|w| (w.len(), *w));
            sorted
        });
        let (Some(first), Some(last)) = (sorted.first(), sorted.last()) else {
            return false;
        };
        if word.len() < first.len() || word.len() > last.len() {
            return false;
        }
        sorted
            .binary_search_by(|probe| {
                probe.len().cmp(&word.len()).then_with(|| {
                    probe
                        .bytes()
                        .cmp(word.bytes().map(|b| b.to_ascii_lowercase()))
                })
            })
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::{WordList, find_first};

    #[test]
    fn a_word_list_is_searched_as_lowercasing_would() {
        static LIST: WordList = WordList::new(&["mr", "u.s", "k", "resolution", "é", "b", "a"]);
        for word in [
            "Mr",
            "MR",
            "U.S",
            "mrs",
            "",
            "\u{212a}",
            "É",
            "é",
            "RESOLUTION",
            "Resolutions",
            "A",
            "b",
            "c",
            "m",
        ] {
            assert_eq!(
                LIST.contains(word),
                LIST.words().contains(&word.to_lowercase().as_str()),
                "{word:?}"
            );
        }
    }

    #[test]
    fn finds_the_first_phrase_in_any_case() {
        let phrases = [" should ", " must ", " must, "];
        let cases = [
            ("The EU SHOULD act and must act", Some((6, 0))),
            ("States must, in time, act; they should ", Some((6, 2))),
            ("Shoulder to shoulder", None),
            ("", None),
            ("Ukraine Must ", Some((7, 1))),
        ];
        for (text, expected) in cases {
            assert_eq!(find_first(text, &phrases), expected, "{text:?}");
            // The same as the lowest position any phrase is found at in the lowercased text.
            let lower = text.to_ascii_lowercase();
            let reference = phrases
                .iter()
                .enumerate()
                .filter_map(|(i, p)| lower.find(p).map(|at| (at, i)))
                .min();
            assert_eq!(find_first(text, &phrases), reference, "{text:?}");
        }
        assert_eq!(find_first("x should y", &[]), None);
        assert_eq!(find_first("a b ", &[" "]), Some((1, 0)));
        assert_eq!(find_first("ab ", &[" ", " x"]), Some((2, 0)));
    }
}
