//! The vendored hayagriva (`vendor/hayagriva`, changed for speed) formats citations exactly as
//! the crates.io release: the cases of `vendor/hayagriva-check`, whose `expected.txt` the
//! release printed (`cargo run --manifest-path vendor/hayagriva-check/Cargo.toml`).

use std::path::Path;

#[test]
fn vendored_hayagriva_prints_what_the_release_prints() {
    let check = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vendor/hayagriva-check");
    let items = std::fs::read_to_string(check.join("items.json")).unwrap();
    let expected = std::fs::read_to_string(check.join("expected.txt")).unwrap();
    let printed = crate::hayagriva_cases::render(&items);
    let mismatches: Vec<(&str, &str)> = expected
        .lines()
        .zip(printed.lines())
        .filter(|(e, p)| e != p)
        .collect();
    assert!(
        mismatches.is_empty(),
        "release vs vendored: {mismatches:#?}"
    );
    assert_eq!(printed.lines().count(), expected.lines().count());
    assert!(expected.lines().count() > 900);
}
