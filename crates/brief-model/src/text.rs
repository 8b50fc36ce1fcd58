//! Small text searches shared by the model and the rules.

/// Where the first of `phrases` occurs in `text`, ignoring ASCII case, with the index of the
/// phrase; where two start at the same place, the one listed first. Every phrase starts with the
/// same byte, which is not a letter (`" should "`, `" must "`): the search visits only the
/// places where that byte is.
pub fn find_first(text: &str, phrases: &[&str]) -> Option<(usize, usize)> {
    let lead = *phrases.first()?.as_bytes().first()?;
    debug_assert!(
        phrases.iter().all(|p| p.as_bytes().first() == Some(&lead)) && !lead.is_ascii_alphabetic()
    );
    let bytes = text.as_bytes();
    memchr::memchr_iter(lead, bytes).find_map(|at| {
        let rest = &bytes[at..];
        // The byte after the lead rules out most phrases before a full comparison.
        let second = rest.get(1).map(u8::to_ascii_lowercase);
        phrases
            .iter()
            .position(|p| {
                let p = p.as_bytes();
                p.get(1)
                    .is_none_or(|b| Some(b.to_ascii_lowercase()) == second)
                    && rest.len() >= p.len()
                    && rest[..p.len()].eq_ignore_ascii_case(p)
            })
            .map(|which| (at, which))
    })
}

#[cfg(test)]
mod tests {
    use super::find_first;

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
