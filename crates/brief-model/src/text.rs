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

#[cfg(test)]
mod tests {
    use super::{find_first, lowercase_in};

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
