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

/// Whether `word`, lowercased, is one of `list` (lowercase words); an ASCII word is compared
/// without building its lowercase.
pub fn lowercase_in(list: &[&str], word: &str) -> bool {
    if word.is_ascii() {
        list.iter()
            .any(|w| w.len() == word.len() && w.eq_ignore_ascii_case(word))
    } else {
        list.contains(&word.to_lowercase().as_str())
    }
}

/// A set of short words (ASCII, lowercase, at most 7 bytes), each kept as one integer (its bytes
/// and its length), so that a lookup compares integers instead of strings and lowercases
/// nothing.
#[derive(Clone, Debug)]
pub struct ShortWords<const N: usize>([u64; N]);

impl<const N: usize> ShortWords<N> {
    /// The set of `words`; a word that is longer than 7 bytes, not ASCII or not lowercase fails
    /// the build.
    pub const fn new(words: [&str; N]) -> ShortWords<N> {
        let mut keys = [0u64; N];
        let mut i = 0;
        while i < N {
            let bytes = words[i].as_bytes();
            assert!(
                !bytes.is_empty() && bytes.len() <= 7,
                "a short word has 1 to 7 bytes"
            );
            let mut key = [0u8; 8];
            let mut j = 0;
            while j < bytes.len() {
                assert!(
                    bytes[j].is_ascii() && !bytes[j].is_ascii_uppercase(),
                    "a short word is lowercase ASCII"
                );
                key[j] = bytes[j];
                j += 1;
            }
            key[7] = bytes.len() as u8;
            keys[i] = u64::from_le_bytes(key);
            i += 1;
        }
        ShortWords(keys)
    }

    /// Whether `word`, lowercased, is in the set.
    pub fn contains(&self, word: &str) -> bool {
        if !word.is_ascii() {
            let lower = word.to_lowercase();
            return lower.is_ascii() && self.contains(&lower);
        }
        let bytes = word.as_bytes();
        if bytes.is_empty() || bytes.len() > 7 {
            return false;
        }
        let mut key = [0u8; 8];
        for (k, b) in key.iter_mut().zip(bytes) {
            *k = b.to_ascii_lowercase();
        }
        key[7] = bytes.len() as u8;
        let key = u64::from_le_bytes(key);
        self.0.contains(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::{ShortWords, find_first, lowercase_in};

    #[test]
    fn short_words_are_looked_up_as_lowercasing_would() {
        let list = ["mr", "u.s", "k", "et al", "approxi"];
        let set = ShortWords::new(list);
        for word in [
            "Mr", "MR", "U.S", "mrs", "", "\u{212a}", "É", "et al", "ET AL", "approxi", "approxim",
            "m", "u.s.", "mr\0",
        ] {
            assert_eq!(
                set.contains(word),
                list.contains(&word.to_lowercase().as_str()),
                "{word:?}"
            );
        }
    }

    #[test]
    fn lowercase_in_compares_as_lowercasing_would() {
        let list = ["mr", "u.s", "k"];
        for (word, expected) in [
            ("Mr", true),
            ("MR", true),
            ("U.S", true),
            ("mrs", false),
            ("", false),
            ("\u{212a}", true), // the Kelvin sign lowercases to `k`
            ("É", false),
        ] {
            assert_eq!(lowercase_in(&list, word), expected, "{word:?}");
            assert_eq!(
                lowercase_in(&list, word),
                list.contains(&word.to_lowercase().as_str())
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
