//! End-to-end tests of `brief lsp`: each test starts the real `brief` binary as a child process,
//! speaks JSON-RPC to it and checks the replies.
//!
//! The binary is found at `target/debug/brief` (or `BRIEF_BIN`); build it first with
//! `cargo build --bin brief`.

mod client;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::client::{Client, brief_bin, uri_of};

/// A brief with inline sources, a bibliography, Armenian and Georgian names, curly quotes and
/// an em dash, and two structured recommendations.
const BRIEF: &str = r#"---
title: "Water and Borders in the South Caucasus"
type: policy-brief
status: draft
authors:
  - name: Լիլիթ Հովհաննիսյան
    position: Research Fellow
  - თამარ ქავთარაძე
bibliography: references.bib
sources:
  - id: icg-2024
    type: report
    title: "Border Incidents on the Armenia–Azerbaijan Frontier"
    author: International Crisis Group
    issued: "2024-05-02"
    url: https://example.org/reports/border-incidents
  - id: mfa-2023
    type: government
    title: "Statement on Delimitation"
    author: Ministry of Foreign Affairs of Armenia
    issued: "2023-08-30"
    url: https://example.org/statements/delimitation
---

## Summary

Incidents on the border fell in 2024 [@icg-2024, p. 4], and both governments agreed on a first segment [@mfa-2023].

## Background

Լիլիթ Հովհաննիսյան and თამარ ქავთარაძე describe “a fragile calm” — see [@icg-2024, p. 7] and [@cerc2024tcgp].

The ministry's statement is the procedural basis of the talks [@mfa-2023].

## Recommendations

### The Council of the European Union should fund a joint monitoring mission

- **Actor:** Council of the European Union
- **Timeframe:** By December 2025
- **Priority:** High

The mission's record is the only neutral account of incidents [@icg-2024, p. 9].

### The two governments should publish the agreed coordinates

- **Actor:** Governments of Armenia and Azerbaijan
- **Timeframe:** By June 2026

Public coordinates would limit rumours about what was agreed [@mfa-2023].
"#;

const BIBLIOGRAPHY: &str = "@report{cerc2024tcgp,
  author      = {{Caspian Energy Research Centre}},
  title       = {The Trans-Caspian Gas Pipeline: Costs, Capacity and Legal Obstacles},
  institution = {Caspian Energy Research Centre},
  date        = {2024-10-15},
  url         = {https://caspian-energy.example.org/reports/2024/tcgp},
}
";

/// A project folder with `brief.toml`, the brief and its bibliography.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new(config: &str) -> Project {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::write(dir.path().join("brief.toml"), config).expect("write brief.toml");
        std::fs::write(dir.path().join("references.bib"), BIBLIOGRAPHY).expect("write the .bib");
        Project { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file and returns its URI.
    fn write(&self, name: &str, text: &str) -> String {
        let path = self.path(name);
        std::fs::write(&path, text).expect("write a brief");
        uri_of(&path)
    }

    fn start(&self, encodings: &[&str]) -> Client {
        Client::start(self.dir.path(), encodings)
    }
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    let mut out: Vec<String> = diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_owned))
        .collect();
    out.sort();
    out
}

fn find(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is not in the text"))
}

fn labels(items: &Value) -> Vec<String> {
    let list = items.get("items").unwrap_or(items);
    list.as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i["label"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn item<'a>(items: &'a Value, label: &str) -> &'a Value {
    let list = items.get("items").unwrap_or(items);
    list.as_array()
        .and_then(|items| items.iter().find(|i| i["label"] == label))
        .unwrap_or_else(|| panic!("no completion `{label}` in {items}"))
}

/// The code actions at a diagnostic with `code`.
fn actions_for(client: &mut Client, uri: &str, diagnostics: &[Value], code: &str) -> Vec<Value> {
    let diagnostic = diagnostics
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no `{code}` in {diagnostics:?}"));
    let result = client.result(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": diagnostic["range"],
            "context": { "diagnostics": [diagnostic] }
        }),
    );
    result.as_array().cloned().unwrap_or_default()
}

fn action<'a>(actions: &'a [Value], title_part: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains(title_part)))
        .unwrap_or_else(|| panic!("no action with `{title_part}` in {actions:?}"))
}

fn edits<'a>(action: &'a Value, uri: &str) -> &'a [Value] {
    action["edit"]["changes"][uri]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_else(|| panic!("the action edits nothing in {uri}: {action}"))
}

#[test]
fn initialize_negotiates_the_position_encoding() {
    let project = Project::new("");
    let client = project.start(&["utf-8", "utf-16"]);
    assert!(client.utf8);
    let capabilities = &client.initialized["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-8");
    assert_eq!(capabilities["textDocumentSync"]["change"], 1, "full sync");
    for provider in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "documentSymbolProvider",
    ] {
        assert_eq!(capabilities[provider], true, "{provider}");
    }
    assert!(
        capabilities["completionProvider"]["triggerCharacters"]
            .as_array()
            .is_some_and(|t| t.contains(&json!("@")))
    );
    assert_eq!(client.initialized["serverInfo"]["name"], "brief");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));

    let client = project.start(&["utf-32", "utf-16"]);
    assert!(!client.utf8);
    assert_eq!(
        client.initialized["capabilities"]["positionEncoding"],
        "utf-16"
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
    let client = project.start(&[]);
    assert_eq!(
        client.initialized["capabilities"]["positionEncoding"],
        "utf-16"
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn diagnostics_are_those_of_brief_check() {
    let project = Project::new(
        "[lint.severity]\n\"claims/relative-time\" = \"error\"\n\"structure/length\" = \"off\"\n",
    );
    let text = BRIEF
        .replace(
            "The ministry's statement",
            "Experts say that last week 40 per cent of posts were empty.\n\n\
         <!-- brief-ignore claims/weasel-attribution -->\n\
         Many believe the line will hold.\n\n\
         The ministry's statement",
        )
        .replace(
            "[@mfa-2023].\n\n## Background",
            "[@mfa-2032].\n\n## Background",
        );
    let uri = project.write("brief.md", &text);
    let mut client = project.start(&[]);
    let diagnostics = client.open(&uri, &text);

    let output = Command::new(brief_bin())
        .args(["check", "--format", "json", "brief.md"])
        .current_dir(project.dir.path())
        .output()
        .expect("run brief check");
    let report: Value = serde_json::from_slice(&output.stdout).expect("brief check prints JSON");
    let mut expected: Vec<String> = report["diagnostics"]
        .as_array()
        .expect("a list of diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_owned))
        .collect();
    expected.sort();
    assert_eq!(codes(&diagnostics), expected);
    let found = codes(&diagnostics);
    for code in [
        "claims/relative-time",
        "claims/unsourced-statistic",
        "claims/weasel-attribution",
        "citations/undefined-key",
    ] {
        assert!(found.iter().any(|c| c == code), "{code} in {found:?}");
    }
    // The suppression silenced the second weasel phrase only, and `structure/length` is off.
    assert_eq!(
        found
            .iter()
            .filter(|c| *c == "claims/weasel-attribution")
            .count(),
        1
    );
    assert!(!found.iter().any(|c| c == "structure/length"));

    let relative = diagnostics
        .iter()
        .find(|d| d["code"] == "claims/relative-time")
        .expect("a relative-time finding");
    assert_eq!(relative["severity"], 1, "raised to error by brief.toml");
    assert_eq!(relative["source"], "brief");
    assert_eq!(
        relative["codeDescription"]["href"],
        "https://github.com/brief-tools/brief/blob/main/docs/rules.md#claimsrelative-time"
    );
    let start = client.offset(&text, &relative["range"]["start"]);
    let end = client.offset(&text, &relative["range"]["end"]);
    assert_eq!(&text[start..end], "last week");
    let weasel = diagnostics
        .iter()
        .find(|d| d["code"] == "claims/weasel-attribution")
        .expect("a weasel finding");
    assert_eq!(weasel["severity"], 2, "warning");
    let undefined = diagnostics
        .iter()
        .find(|d| d["code"] == "citations/undefined-key")
        .expect("an undefined key");
    assert!(undefined["message"]
        .as_str()
        .is_some_and(|m| m.contains("mfa-2032") && m.contains("help: did you mean `mfa-2023`?")));
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_change_introduces_then_removes_a_finding() {
    let project = Project::new("");
    let uri = project.write("brief.md", BRIEF);
    let mut client = project.start(&[]);
    let opened = client.open(&uri, BRIEF);
    assert!(!codes(&opened).contains(&"claims/unsourced-statistic".to_owned()));

    let edited = BRIEF.replace(
        "The ministry's statement",
        "Shooting incidents fell by 83 per cent.\n\nThe ministry's statement",
    );
    let changed = client.change(&uri, 2, &edited);
    let statistic = changed
        .iter()
        .find(|d| d["code"] == "claims/unsourced-statistic")
        .expect("the new sentence is flagged");
    let start = client.offset(&edited, &statistic["range"]["start"]);
    assert!(edited[start..].starts_with("83 per cent"));

    let reverted = client.change(&uri, 3, BRIEF);
    assert_eq!(codes(&reverted), codes(&opened));
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn hover_shows_the_source_of_a_citation_and_the_description_of_a_key() {
    for encodings in [&["utf-16"][..], &["utf-8"][..]] {
        let project = Project::new("");
        let uri = project.write("brief.md", BRIEF);
        let mut client = project.start(encodings);
        client.open(&uri, BRIEF);

        // On a line with Armenian and Georgian names, curly quotes and an em dash before it.
        let key = find(BRIEF, "@icg-2024, p. 7") + 3;
        let hover = client.result(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": client.position(BRIEF, key) }),
        );
        let value = hover["contents"]["value"].as_str().expect("markdown");
        assert!(
            value.contains("Border Incidents on the Armenia–Azerbaijan Frontier"),
            "{value}"
        );
        assert!(value.contains("International Crisis Group"), "{value}");
        assert!(value.contains("2024-05-02"), "{value}");
        assert!(
            value.contains("https://example.org/reports/border-incidents"),
            "{value}"
        );
        let start = client.offset(BRIEF, &hover["range"]["start"]);
        let end = client.offset(BRIEF, &hover["range"]["end"]);
        assert_eq!(&BRIEF[start..end], "icg-2024");

        // A source from the bibliography file.
        let bib_key = find(BRIEF, "@cerc2024tcgp") + 2;
        let hover = client.result(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": client.position(BRIEF, bib_key) }),
        );
        let value = hover["contents"]["value"].as_str().expect("markdown");
        assert!(value.contains("Trans-Caspian Gas Pipeline"), "{value}");
        assert!(value.contains("references.bib"), "{value}");

        // A frontmatter key.
        let status = find(BRIEF, "status: draft") + 2;
        let hover = client.result(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": client.position(BRIEF, status) }),
        );
        let value = hover["contents"]["value"].as_str().expect("markdown");
        assert!(value.contains("`status`"), "{value}");
        assert!(value.contains("require a `date`"), "{value}");
        assert!(value.contains("`final`"), "{value}");

        // A key inside a list item under a non-ASCII value.
        let position = find(BRIEF, "position: Research") + 3;
        let hover = client.result(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": client.position(BRIEF, position) }),
        );
        assert!(
            hover["contents"]["value"]
                .as_str()
                .is_some_and(|v| v.contains("`position`"))
        );
        assert_eq!(client.shutdown_and_exit().code(), Some(0));
    }
}

#[test]
fn completion_after_non_ascii_text_in_both_encodings() {
    for encodings in [&["utf-16"][..], &["utf-8", "utf-16"][..]] {
        let project = Project::new("");
        let uri = project.write("brief.md", BRIEF);
        let mut client = project.start(encodings);
        assert_eq!(client.utf8, encodings.contains(&"utf-8"));

        // A citation key after `[@` on a line of Armenian and Georgian text.
        let typing = BRIEF.replace(
            "The ministry's statement",
            "Լիլիթ Հովհաննիսյան “նշում է” — თამარ [@ic\n\nThe ministry's statement",
        );
        client.open(&uri, &typing);
        let cursor = find(&typing, "[@ic\n") + 4;
        let items = client.result(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": client.position(&typing, cursor) }),
        );
        let found = labels(&items);
        for key in ["icg-2024", "mfa-2023", "cerc2024tcgp"] {
            assert!(found.contains(&key.to_owned()), "{key} in {found:?}");
        }
        let icg = item(&items, "icg-2024");
        assert_eq!(
            icg["textEdit"]["range"]["start"],
            client.position(&typing, cursor - 2),
            "the edit replaces the typed part of the key"
        );
        assert_eq!(
            icg["textEdit"]["range"]["end"],
            client.position(&typing, cursor)
        );
        let applied = client.apply(&typing, &[icg["textEdit"].clone()]);
        assert!(applied.contains("— თამარ [@icg-2024\n"));

        // A bare `@` in running text.
        let narrative = typing.replace("[@ic\n", "and @\n");
        client.change(&uri, 2, &narrative);
        let cursor = find(&narrative, "and @\n") + 5;
        let items = client.result(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": client.position(&narrative, cursor) }),
        );
        assert!(labels(&items).contains(&"mfa-2023".to_owned()));

        // A frontmatter key inside a flow mapping, after an Armenian name on the same line.
        let flow = BRIEF.replace(
            "  - თამარ ქავთარაძე\n",
            "  - თამარ ქავთარაძე\n  - {name: Անի Մարգարյան, aff}\n",
        );
        client.change(&uri, 3, &flow);
        let cursor = find(&flow, "aff}") + 3;
        let items = client.result(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": client.position(&flow, cursor) }),
        );
        let affiliation = item(&items, "affiliation");
        assert_eq!(
            affiliation["textEdit"]["range"]["start"],
            client.position(&flow, cursor - 3)
        );
        assert!(labels(&items).contains(&"position".to_owned()));
        assert!(
            !labels(&items).contains(&"name".to_owned()),
            "already written"
        );

        // A top-level key and a value from a closed set.
        let keys = BRIEF.replace("status: draft\n", "status: draft\npubl\n");
        client.change(&uri, 4, &keys);
        let cursor = find(&keys, "publ\n") + 4;
        let items = client.result(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": client.position(&keys, cursor) }),
        );
        let publisher = item(&items, "publisher");
        assert_eq!(publisher["textEdit"]["newText"], "publisher: ");
        assert!(
            !labels(&items).contains(&"title".to_owned()),
            "already written"
        );
        let value = BRIEF.replace("type: policy-brief", "type: me");
        client.change(&uri, 5, &value);
        let cursor = find(&value, "type: me") + 8;
        let items = client.result(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": client.position(&value, cursor) }),
        );
        assert!(labels(&items).contains(&"memo".to_owned()));

        // Recommendation fields in the recommendations section.
        let fields = BRIEF.replace(
            "- **Timeframe:** By June 2026\n",
            "- **Timeframe:** By June 2026\n- **Ri\n",
        );
        client.change(&uri, 6, &fields);
        let cursor = find(&fields, "- **Ri\n") + 6;
        let items = client.result(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": client.position(&fields, cursor) }),
        );
        let risks = item(&items, "**Risks:**");
        let applied = client.apply(&fields, &[risks["textEdit"].clone()]);
        assert!(applied.contains("- **Risks:** \n"), "{applied}");
        assert!(labels(&items).contains(&"**Actor:**".to_owned()));
        assert_eq!(client.shutdown_and_exit().code(), Some(0));
    }
}

#[test]
fn definition_and_references_of_a_source() {
    let project = Project::new("");
    let uri = project.write("brief.md", BRIEF);
    let mut client = project.start(&[]);
    client.open(&uri, BRIEF);

    // An inline source: the `id` value in the frontmatter.
    let citation = find(BRIEF, "@mfa-2023]") + 2;
    let location = client.result(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": client.position(BRIEF, citation) }),
    );
    assert_eq!(location["uri"], uri);
    let start = client.offset(BRIEF, &location["range"]["start"]);
    assert!(BRIEF[start..].starts_with("mfa-2023\n    type: government"));

    // A source in the bibliography file.
    let citation = find(BRIEF, "@cerc2024tcgp") + 3;
    let location = client.result(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": client.position(BRIEF, citation) }),
    );
    assert_eq!(location["uri"], uri_of(&project.path("references.bib")));
    let start = client.offset(BIBLIOGRAPHY, &location["range"]["start"]);
    assert!(BIBLIOGRAPHY[start..].starts_with("cerc2024tcgp,"));

    // References, from a citation and from the definition.
    let expected = BRIEF.matches("@icg-2024").count();
    let citation = find(BRIEF, "@icg-2024, p. 9") + 1;
    let references = client.result(
        "textDocument/references",
        json!({
            "textDocument": { "uri": uri },
            "position": client.position(BRIEF, citation),
            "context": { "includeDeclaration": false }
        }),
    );
    assert_eq!(references.as_array().map(Vec::len), Some(expected));
    let definition = find(BRIEF, "id: icg-2024") + 5;
    let references = client.result(
        "textDocument/references",
        json!({
            "textDocument": { "uri": uri },
            "position": client.position(BRIEF, definition),
            "context": { "includeDeclaration": true }
        }),
    );
    let references = references.as_array().cloned().unwrap_or_default();
    assert_eq!(references.len(), expected + 1);
    for reference in &references {
        let start = client.offset(BRIEF, &reference["range"]["start"]);
        let end = client.offset(BRIEF, &reference["range"]["end"]);
        assert_eq!(&BRIEF[start..end], "icg-2024");
    }
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn code_actions_fix_ignore_and_add_a_source() {
    let project = Project::new("");
    let text = BRIEF
        .replace("status: draft", "status: wip\ncolour: blue")
        .replace(
            "The ministry's statement",
            "Last week the line was quiet [@holm-2024].\n\nThe ministry's statement",
        );
    let uri = project.write("brief.md", &text);
    let mut client = project.start(&["utf-8"]);
    let diagnostics = client.open(&uri, &text);

    // The diagnostic's own fix: `wip` is spelled `draft`.
    let actions = actions_for(&mut client, &uri, &diagnostics, "schema/invalid-value");
    let fix = action(&actions, "Replace `wip` with `draft`");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    let fixed = client.apply(&text, edits(fix, &uri));
    assert!(fixed.contains("status: draft\n"));
    let diagnostics = client.change(&uri, 2, &fixed);
    assert!(!codes(&diagnostics).contains(&"schema/invalid-value".to_owned()));

    // A brief-ignore comment in the frontmatter, for the unknown key.
    let actions = actions_for(&mut client, &uri, &diagnostics, "schema/unknown-key");
    let ignore = action(&actions, "Ignore `schema/unknown-key`");
    let ignored = client.apply(&fixed, edits(ignore, &uri));
    assert!(ignored.contains("status: draft\n# brief-ignore schema/unknown-key\ncolour: blue\n"));
    let diagnostics = client.change(&uri, 3, &ignored);
    let found = codes(&diagnostics);
    assert!(
        !found.contains(&"schema/unknown-key".to_owned()),
        "{found:?}"
    );
    assert!(
        !found.contains(&"suppression/unused".to_owned()),
        "{found:?}"
    );

    // A brief-ignore comment in the body, for the relative time.
    let actions = actions_for(&mut client, &uri, &diagnostics, "claims/relative-time");
    let ignore = action(&actions, "Ignore `claims/relative-time`");
    let ignored_body = client.apply(&ignored, edits(ignore, &uri));
    assert!(
        ignored_body.contains("<!-- brief-ignore claims/relative-time -->\nLast week the line")
    );
    let diagnostics = client.change(&uri, 4, &ignored_body);
    let found = codes(&diagnostics);
    assert!(
        !found.contains(&"claims/relative-time".to_owned()),
        "{found:?}"
    );
    assert!(
        !found.contains(&"suppression/unused".to_owned()),
        "{found:?}"
    );

    // A second rule silenced in the same block joins the comment already there.
    let actions = actions_for(&mut client, &uri, &diagnostics, "citations/undefined-key");
    let ignore = action(&actions, "Ignore `citations/undefined-key`");
    let joined = client.apply(&ignored_body, edits(ignore, &uri));
    assert!(joined.contains(
        "<!-- brief-ignore claims/relative-time, citations/undefined-key -->\nLast week"
    ));

    // A source stub for the undefined key, added to `sources:`.
    let stub = action(&actions, "Add a source `holm-2024`");
    let stubbed = client.apply(&ignored_body, edits(stub, &uri));
    assert!(stubbed.contains(
        "    url: https://example.org/statements/delimitation\n  - id: holm-2024\n    type: report\n"
    ));
    let diagnostics = client.change(&uri, 5, &stubbed);
    let found = codes(&diagnostics);
    assert!(
        !found.contains(&"citations/undefined-key".to_owned()),
        "{found:?}"
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_source_stub_creates_the_sources_key() {
    let project = Project::new("");
    let text = "---\ntitle: \"Ծրագիր\"\nauthors: [Անի Մարգարյան]\n---\n\n## Summary\n\nIncidents fell [@cmn-2025].\n";
    let uri = project.write("short.md", text);
    let mut client = project.start(&[]);
    let diagnostics = client.open(&uri, text);
    let actions = actions_for(&mut client, &uri, &diagnostics, "citations/undefined-key");
    let stub = action(&actions, "Add a source `cmn-2025`");
    let stubbed = client.apply(text, edits(stub, &uri));
    assert!(
        stubbed.starts_with(
            "---\ntitle: \"Ծրագիր\"\nauthors: [Անի Մարգարյան]\nsources:\n  - id: cmn-2025\n"
        ),
        "{stubbed}"
    );
    let diagnostics = client.change(&uri, 2, &stubbed);
    assert!(!codes(&diagnostics).contains(&"citations/undefined-key".to_owned()));
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn suppression_comments_are_understood() {
    let project = Project::new("");
    let text = BRIEF.replace(
        "The ministry's statement",
        "<!-- brief-ignore style/repeated-word -->\nThe ministry's statement",
    );
    let uri = project.write("brief.md", &text);
    let mut client = project.start(&[]);
    let diagnostics = client.open(&uri, &text);

    // Hover on the rule code.
    let code = find(&text, "style/repeated-word") + 8;
    let hover = client.result(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": client.position(&text, code) }),
    );
    let value = hover["contents"]["value"].as_str().expect("markdown");
    assert!(
        value.contains("`style/repeated-word`") && value.contains("rules.md#stylerepeated-word"),
        "{value}"
    );

    // The comment silences nothing: remove it.
    let actions = actions_for(&mut client, &uri, &diagnostics, "suppression/unused");
    let remove = action(&actions, "Remove the unused suppression comment");
    let removed = client.apply(&text, edits(remove, &uri));
    assert_eq!(removed, BRIEF);

    // Rule codes complete in a comment.
    let typing = BRIEF.replace(
        "The ministry's statement",
        "<!-- brief-ignore claims/rel\nThe ministry's statement",
    );
    client.change(&uri, 2, &typing);
    let cursor = find(&typing, "claims/rel") + 10;
    let items = client.result(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": client.position(&typing, cursor) }),
    );
    let relative = item(&items, "claims/relative-time");
    assert_eq!(
        relative["textEdit"]["range"]["start"],
        client.position(&typing, cursor - 10)
    );
    assert!(
        labels(&items).contains(&"claims".to_owned()),
        "categories too"
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_new_brief_completes_its_first_keys() {
    let project = Project::new("");
    let text = "---\nti";
    let uri = project.write("new.md", text);
    let mut client = project.start(&[]);
    client.open(&uri, text);
    let items = client.result(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": client.position(text, text.len()) }),
    );
    let title = item(&items, "title");
    assert_eq!(title["textEdit"]["newText"], "title: ");
    assert!(
        title["documentation"]["value"]
            .as_str()
            .is_some_and(|d| d.contains("title of the brief"))
    );
    assert!(labels(&items).contains(&"authors".to_owned()));
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn document_symbols_outline_sections_and_recommendations() {
    let project = Project::new("");
    let uri = project.write("brief.md", BRIEF);
    let mut client = project.start(&[]);
    client.open(&uri, BRIEF);
    let symbols = client.result(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .expect("a list of symbols")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(names, ["Summary", "Background", "Recommendations"]);
    let recommendations = &symbols[2]["children"];
    let children: Vec<&str> = recommendations
        .as_array()
        .expect("recommendations have children")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(
        children,
        [
            "The Council of the European Union should fund a joint monitoring mission",
            "The two governments should publish the agreed coordinates"
        ]
    );
    assert_eq!(
        recommendations[0]["kind"], 24,
        "a recommendation is an event"
    );
    assert!(
        recommendations[0]["detail"]
            .as_str()
            .is_some_and(|d| d.contains("Council of the European Union"))
    );
    let start = client.offset(BRIEF, &recommendations[1]["selectionRange"]["start"]);
    assert!(BRIEF[start..].starts_with("The two governments"));
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn bibliography_problems_are_shown_on_the_bibliography_entry() {
    let project = Project::new("");
    std::fs::write(
        project.path("references.bib"),
        "@report{broken,\n  title = {Unclosed\n",
    )
    .expect("write the .bib");
    let uri = project.write("brief.md", BRIEF);
    let mut client = project.start(&[]);
    let diagnostics = client.open(&uri, BRIEF);
    let syntax = diagnostics
        .iter()
        .find(|d| d["code"] == "schema/bibliography-syntax")
        .unwrap_or_else(|| panic!("no bibliography problem in {diagnostics:?}"));
    let start = client.offset(BRIEF, &syntax["range"]["start"]);
    assert!(BRIEF[start..].starts_with("references.bib"));
    assert!(
        syntax["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("references.bib:"))
    );
    let related = &syntax["relatedInformation"][0]["location"]["uri"];
    assert_eq!(related, &json!(uri_of(&project.path("references.bib"))));
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn bad_requests_never_stop_the_server() {
    let project = Project::new("");
    let uri = project.write("brief.md", BRIEF);
    let mut client = project.start(&["utf-8"]);
    client.open(&uri, BRIEF);

    // A document the server does not have.
    let unknown = uri_of(Path::new("/nowhere/else.md"));
    for method in [
        "textDocument/hover",
        "textDocument/completion",
        "textDocument/definition",
    ] {
        let result = client.result(
            method,
            json!({ "textDocument": { "uri": unknown }, "position": { "line": 0, "character": 0 } }),
        );
        assert_eq!(result, Value::Null, "{method}");
    }
    // Positions past the end of a line, of the file, and of `u32`.
    for position in [
        json!({ "line": 2, "character": 10_000 }),
        json!({ "line": 1_000_000, "character": 3 }),
        json!({ "line": 4_294_967_295u64, "character": 4_294_967_295u64 }),
    ] {
        for method in [
            "textDocument/hover",
            "textDocument/completion",
            "textDocument/definition",
        ] {
            let response = client.request(
                method,
                json!({ "textDocument": { "uri": uri }, "position": position }),
            );
            assert!(
                response.get("error").is_none(),
                "{method} at {position}: {response}"
            );
        }
    }
    // Parameters of the wrong shape, an unknown method, and a message that is not JSON.
    let response = client.request("textDocument/hover", json!({ "textDocument": 42 }));
    assert_eq!(response["error"]["code"], -32602);
    let response = client.request("brief/unknown", json!({}));
    assert_eq!(response["error"]["code"], -32601);
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    client.notify("textDocument/didChange", json!({ "textDocument": { "uri": unknown, "version": 2 }, "contentChanges": [{ "text": "x" }] }));
    client.notify("textDocument/didOpen", json!({ "nonsense": true }));
    // A change to a range past the end of the document.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{
                "range": { "start": { "line": 9_999, "character": 0 }, "end": { "line": 9_999, "character": 5 } },
                "text": "\nAppended.\n"
            }]
        }),
    );
    client.diagnostics(&uri, 2);
    let hover = client.result(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": client.position(BRIEF, find(BRIEF, "@mfa-2023") + 2) }),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("Statement on Delimitation"))
    );
    // After `shutdown`, requests are refused until `exit`.
    let result = client.result("shutdown", Value::Null);
    assert_eq!(result, Value::Null);
    let response = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(response["error"]["code"], -32600);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_for_exit().code(), Some(0));
}

#[test]
fn exit_without_shutdown_is_an_error() {
    let project = Project::new("");
    let mut client = project.start(&[]);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_for_exit().code(), Some(1));
}

#[test]
fn markdown_without_frontmatter_is_not_linted() {
    let project = Project::new("");
    let text = "# README\n\nExperts say prices rose 12% last week.\n";
    let uri = project.write("README.md", text);
    let mut client = project.start(&[]);
    assert_eq!(client.open(&uri, text), Vec::<Value>::new());
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}
