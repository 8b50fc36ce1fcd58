//! Property tests: `parse` never panics, and every span it returns lies on character boundaries
//! inside its input, for arbitrary bytes and for arbitrary edits of the example briefs.

use proptest::prelude::*;

use crate::{example_briefs, parse, repo};

/// Fragments that matter to the parser: fences, citation and footnote syntax, quotation marks,
/// block markers, comments, line endings and multibyte characters.
const FRAGMENTS: &[&str] = &[
    "---",
    "---\n",
    "...\n",
    "[@",
    "@",
    "]",
    "[",
    "[^1]",
    "[^1]: ",
    "-@",
    ";",
    "\"",
    "“",
    "”",
    "«",
    ">",
    "> ",
    "#",
    "## ",
    "{#id .class}",
    "*",
    "**",
    "_",
    "`",
    "|",
    "|---|",
    "\r\n",
    "\n",
    "\n\n",
    "\r",
    "\t",
    "  ",
    "- ",
    "1. ",
    "<!--",
    "-->",
    "<!-- brief-ignore all -->",
    "<!-- brief-disable style -->",
    "# brief-ignore all\n",
    "![",
    "](",
    ")",
    "http://",
    "Ա",
    "ქ",
    "ё",
    "😀",
    "\u{feff}",
    "\u{301}",
    "…",
    "—",
    ".",
    ". ",
    "U.S.",
    "e.g.",
    "&a",
    "*a",
    ": ",
    "title:",
    "authors:",
    "sources:",
    "  - id: x\n",
    "**Actor:** ",
    "should ",
];

#[derive(Clone, Debug)]
enum Edit {
    /// Insert text at a relative position.
    Insert(f64, String),
    /// Delete up to `len` bytes at a relative position.
    Delete(f64, usize),
    /// Copy up to `len` bytes from one relative position to another.
    Splice(f64, usize, f64),
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(FRAGMENTS).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => proptest::collection::vec(proptest::sample::select(FRAGMENTS), 1..6)
            .prop_map(|parts| parts.concat()),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (0.0..=1.0f64, fragment()).prop_map(|(at, text)| Edit::Insert(at, text)),
        1 => (0.0..=1.0f64, 1..400usize).prop_map(|(at, len)| Edit::Delete(at, len)),
        1 => (0.0..=1.0f64, 1..400usize, 0.0..=1.0f64)
            .prop_map(|(from, len, to)| Edit::Splice(from, len, to)),
    ]
}

/// The character boundary nearest below a relative position in `text`.
fn boundary(text: &str, at: f64) -> usize {
    let mut idx = ((text.len() as f64) * at) as usize;
    idx = idx.min(text.len());
    while !text.is_char_boundary(idx) {
        idx -= 1;
    }
    idx
}

fn apply(text: &mut String, edit: &Edit) {
    match edit {
        Edit::Insert(at, fragment) => {
            let idx = boundary(text, *at);
            text.insert_str(idx, fragment);
        }
        Edit::Delete(at, len) => {
            let start = boundary(text, *at);
            let end = boundary(
                text,
                ((start + len) as f64 / text.len().max(1) as f64).min(1.0),
            );
            text.replace_range(start..end.max(start), "");
        }
        Edit::Splice(from, len, to) => {
            let start = boundary(text, *from);
            let end = boundary(
                text,
                ((start + len) as f64 / text.len().max(1) as f64).min(1.0),
            );
            let chunk = text[start..end.max(start)].to_owned();
            let idx = boundary(text, *to);
            text.insert_str(idx, &chunk);
        }
    }
}

fn examples() -> Vec<String> {
    example_briefs()
        .iter()
        .map(|path| std::fs::read_to_string(repo().join(path)).expect("the brief is readable"))
        .collect()
}

proptest! {
    // 256 cases per test by default (about a second in all); `PROPTEST_CASES` runs more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|cases| cases.parse().ok())
            .unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        let text = String::from_utf8_lossy(&bytes);
        parse(&text);
    }

    #[test]
    fn arbitrary_bytes_after_a_frontmatter(
        yaml in proptest::collection::vec(any::<u8>(), 0..300),
        body in proptest::collection::vec(any::<u8>(), 0..1500),
    ) {
        let text = format!(
            "---\n{}\n---\n{}",
            String::from_utf8_lossy(&yaml),
            String::from_utf8_lossy(&body),
        );
        parse(&text);
    }

    #[test]
    fn arbitrary_fragment_soup(parts in proptest::collection::vec(fragment(), 0..200)) {
        parse(&parts.concat());
    }

    #[test]
    fn edits_of_the_example_briefs(
        which in 0..3usize,
        crlf in any::<bool>(),
        bom in any::<bool>(),
        edits in proptest::collection::vec(edit(), 1..12),
    ) {
        let all = examples();
        let mut text = all[which % all.len()].clone();
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        if bom {
            text.insert(0, '\u{feff}');
        }
        for edit in &edits {
            apply(&mut text, edit);
        }
        parse(&text);
    }
}
