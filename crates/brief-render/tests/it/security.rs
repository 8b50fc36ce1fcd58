//! Raw HTML and links in a brief cannot run script or fetch anything.

use crate::support::render_text;

const HOSTILE: &str = r#"---
title: Hostile
authors: [A]
---

Inline <script>alert(1)</script> script and <img src=x onerror="alert(2)"> image.

<div onclick="alert(3)"><script>alert(4)</script><a href="javascript:alert(5)">x</a><iframe src="https://example.org"></iframe></div>

<span onmouseover="alert(6)" class="ok">hover</span> and <a href="JaVaScRiPt:alert(7)">link</a>.

[markdown link](javascript:alert(8)) and [encoded](jav&#x61;script:alert(9)) and <javascript:alert(10)>.

![image](javascript:alert(11))

<svg onload="alert(12)"><script>alert(13)</script></svg>

<style>body { background: url(https://example.org/track) }</style>
"#;

#[test]
fn scripts_handlers_and_javascript_urls_are_removed() {
    let html = render_text(HOSTILE).html;
    let lower = html.to_lowercase();
    assert_eq!(
        lower.matches("<script").count(),
        1,
        "only the JSON-LD block"
    );
    assert!(lower.contains("<script type=\"application/ld+json\">"));
    for needle in [
        "onerror",
        "onclick",
        "onmouseover",
        "onload",
        "<iframe",
        "<svg",
        "example.org/track",
    ] {
        assert!(!lower.contains(needle), "`{needle}` survived:\n{html}");
    }
    // `javascript:` may remain as harmless text, never as a URL.
    let squeezed: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    for attr in [
        "href=\"javascript",
        "src=\"javascript",
        "href='javascript",
        "href=javascript",
    ] {
        assert!(!squeezed.contains(attr), "`{attr}` survived:\n{html}");
    }
    assert!(html.contains("<span class=\"ok\">hover</span>"));
}
