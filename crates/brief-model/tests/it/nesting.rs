//! Deep nesting and long inputs: no stack overflow anywhere in the model, and no quadratic
//! blow-up on long paragraphs.
//!
//! Test threads have a smaller stack than a program's main thread, so passing here means the
//! model also works on the main thread's default stack.

use std::time::{Duration, Instant};

use brief_model::json::DocumentJson;

use crate::{brief, parse};

/// Parses `source`, serializes its JSON view, and returns how long that took.
fn parse_and_serialize(source: &str) -> (brief_model::Parsed, Duration) {
    let started = Instant::now();
    let parsed = parse(source);
    let json = DocumentJson::new(&parsed.document, "deep.md", &parsed.diagnostics);
    let text = serde_json::to_string(&json).expect("the JSON view serializes");
    assert!(text.starts_with("{\"version\":"));
    (parsed, started.elapsed())
}

#[test]
fn ten_thousand_nested_blockquotes() {
    let source = brief(&format!("{}The innermost sentence.\n", "> ".repeat(10_000)));
    let (parsed, _) = parse_and_serialize(&source);
    let doc = &parsed.document;
    assert!(parsed.diagnostics.is_empty());
    assert_eq!(doc.sentences.len(), 1);
    assert!(doc.sentences[0].context.blockquote);
    assert_eq!(doc.text(doc.sentences[0].span), "The innermost sentence.");
    assert!(doc.blocks.iter().map(|b| b.depth).max().unwrap() >= 9_999);
}

#[test]
fn ten_thousand_nested_lists() {
    let source = brief(&format!("{}The innermost item.\n", "- ".repeat(10_000)));
    let (parsed, _) = parse_and_serialize(&source);
    let doc = &parsed.document;
    assert_eq!(doc.sentences.len(), 1);
    assert!(doc.sentences[0].context.list_item);
    assert_eq!(doc.text(doc.sentences[0].span), "The innermost item.");
}

#[test]
fn ten_thousand_nested_lists_in_the_recommendations() {
    let source = brief(&format!(
        "## Recommendations\n\n{}The EU should act.\n",
        "1. ".repeat(10_000)
    ));
    let (parsed, elapsed) = parse_and_serialize(&source);
    assert_eq!(parsed.document.recommendations.len(), 1);
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
}

#[test]
fn deeply_nested_emphasis_links_and_brackets() {
    for body in [
        format!("{}deep{}\n", "*".repeat(10_000), "*".repeat(10_000)),
        format!("{}deep{}\n", "[".repeat(10_000), "]".repeat(10_000)),
        format!("{}[@a]{}\n", "[".repeat(5_000), "](x)".repeat(5_000)),
        format!("{}deep\n", "<div>".repeat(10_000)),
    ] {
        let (_, elapsed) = parse_and_serialize(&brief(&body));
        assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
    }
}

#[test]
fn deeply_nested_yaml_is_refused() {
    let source = format!(
        "---\ntitle: T\nauthors: [A]\nx-deep: {}1{}\n---\n\nBody.\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let (parsed, _) = parse_and_serialize(&source);
    crate::only(&parsed.diagnostics, "schema/yaml-syntax");
    assert!(parsed.document.frontmatter_value.is_null());
    assert_eq!(parsed.document.sentences[0].text, "Body.");
}

/// Long paragraphs of a repeated shape: each must parse in roughly linear time. The bound is
/// generous (a debug build on a busy machine); a quadratic walk takes minutes here.
#[test]
fn long_paragraphs_parse_in_linear_time() {
    let sources = "---\ntitle: T\nauthors: [A]\nsources:\n  - id: a\n---\n\n";
    let shapes = [
        "It rose [@a]. ",
        "He said \"we act.\" ",
        "[@a] ",
        "[",
        "[^",
        "@a ",
        "A.[^1] ",
        "[link](https://example.org). ",
    ];
    for shape in shapes {
        let body = shape.repeat(200_000 / shape.len());
        let source = format!("{sources}{body}\n\n[^1]: Note.\n");
        let (_, elapsed) = parse_and_serialize(&source);
        assert!(
            elapsed < Duration::from_secs(10),
            "{shape:?} × {}: took {elapsed:?}",
            200_000 / shape.len()
        );
    }
}

#[test]
fn many_blocks_parse_in_linear_time() {
    let shapes = [
        "- The EU should act.\n",
        "| a |\n|---|\n| b |\n\nTable 1: x.\n\n",
        "![a](b.png)\n\nSource: x.\n\n",
        "<!-- brief-ignore x -->\nPara.\n\n",
    ];
    let mut body = String::from("## Recommendations\n\n");
    for shape in shapes {
        body.push_str(&shape.repeat(20_000 / shape.len()));
    }
    let (_, elapsed) = parse_and_serialize(&brief(&body));
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
    let comments = format!(
        "---\ntitle: T\nauthors: [A]\nkeywords:\n{}---\n",
        "# brief-ignore x\n- a\n".repeat(5_000)
    );
    let (parsed, elapsed) = parse_and_serialize(&comments);
    assert_eq!(parsed.document.suppressions.len(), 5_000);
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
}
