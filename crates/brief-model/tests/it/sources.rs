//! Sources: inline in the frontmatter, and from `.bib`, `.json` and `.yaml` bibliographies, with
//! their aliases; every one becomes the same normalized source.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use brief_model::load::{LoadError, LoadErrorKind};
use brief_model::source::PartialDate;
use brief_model::{FileRef, Loader, SourceType, resolve};

use crate::{assert_span, codes, only, parse, parse_clean};

/// A loader over files held in memory, keyed by path.
pub(crate) struct MemoryLoader(pub(crate) HashMap<PathBuf, String>);

impl Loader for MemoryLoader {
    fn read(&self, path: &Path) -> Result<String, LoadError> {
        self.0.get(path).cloned().ok_or_else(|| LoadError {
            path: path.to_owned(),
            kind: LoadErrorKind::NotFound,
        })
    }

    fn read_bytes(&self, path: &Path) -> Result<Vec<u8>, LoadError> {
        self.read(path).map(String::into_bytes)
    }
}

fn loader(files: &[(&str, &str)]) -> MemoryLoader {
    MemoryLoader(
        files
            .iter()
            .map(|(path, text)| (Path::new("/brief").join(path), (*text).to_owned()))
            .collect(),
    )
}

#[test]
fn inline_sources_with_csl_names_and_friendly_aliases() {
    let source = r#"---
title: T
authors: [A]
sources:
  - id: upper
    type: report
    title: Drawing the Line
    author:
      - family: Sahakyan
        given: Narine K.
      - literal: International Centre for Security Dialogue
    editor: Thomas de Waal
    publisher: ICSD
    publisher-place: Geneva
    container-title: Border Studies
    volume: 12
    issue: "3"
    page: 211-238
    issued: "2024-09-17"
    URL: https://example.org/upper
    DOI: 10.5555/upper
    ISBN: 978-0-19-881254-8
    accessed: "2025-02-24"
    archive: https://web.archive.org/upper
    language: hy
    quotes: ["The maps do not disagree by accident."]
    note: Signed in Geneva.
    x-shelf: box 12
  - id: lower
    type: social-post
    author: State Department
    date: 2024-05
    url: https://example.org/lower
    doi: 10.5555/lower
    isbn: 0-306-40615-2
  - id: year-only
    date: 2023
---

Text [@upper; @lower; @year-only].
"#;
    let doc = parse_clean(source);
    assert_eq!(doc.sources.len(), 3);
    let upper = doc.source("upper").expect("upper is defined");
    assert_eq!(upper.source_type, Some(SourceType::Report));
    assert_eq!(upper.title.as_deref(), Some("Drawing the Line"));
    assert_eq!(upper.authors[0].family.as_deref(), Some("Sahakyan"));
    assert_eq!(upper.authors[0].given.as_deref(), Some("Narine K."));
    assert_eq!(
        upper.authors[1].literal.as_deref(),
        Some("International Centre for Security Dialogue")
    );
    assert_eq!(upper.editors[0].display(), "Thomas de Waal");
    assert_eq!(upper.publisher.as_deref(), Some("ICSD"));
    assert_eq!(upper.publisher_place.as_deref(), Some("Geneva"));
    assert_eq!(upper.container_title.as_deref(), Some("Border Studies"));
    assert_eq!(upper.volume.as_deref(), Some("12"));
    assert_eq!(upper.issue.as_deref(), Some("3"));
    assert_eq!(upper.page.as_deref(), Some("211-238"));
    assert_eq!(upper.issued_text.as_deref(), Some("2024-09-17"));
    assert_eq!(upper.issued, PartialDate::parse("2024-09-17"));
    assert_eq!(upper.url.as_deref(), Some("https://example.org/upper"));
    assert_eq!(upper.doi.as_deref(), Some("10.5555/upper"));
    assert_eq!(upper.isbn.as_deref(), Some("978-0-19-881254-8"));
    assert_eq!(upper.accessed, PartialDate::parse("2025-02-24"));
    assert_eq!(
        upper.archive.as_deref(),
        Some("https://web.archive.org/upper")
    );
    assert_eq!(upper.language.as_deref(), Some("hy"));
    assert_eq!(upper.quotes, ["The maps do not disagree by accident."]);
    assert_eq!(upper.note.as_deref(), Some("Signed in Geneva."));
    assert_eq!(upper.location.file, FileRef::Brief);
    assert_eq!(doc.text(upper.location.key_span), "upper");

    let lower = doc.source("lower").unwrap();
    assert_eq!(lower.source_type, Some(SourceType::SocialPost));
    assert_eq!(lower.url.as_deref(), Some("https://example.org/lower"));
    assert_eq!(lower.doi.as_deref(), Some("10.5555/lower"));
    assert_eq!(lower.isbn.as_deref(), Some("0-306-40615-2"));
    assert_eq!(lower.issued_text.as_deref(), Some("2024-05"));
    assert_eq!(
        lower.authors[0].literal.as_deref(),
        Some("State Department")
    );
    let year = doc.source("year-only").unwrap();
    assert_eq!(year.issued, Some(PartialDate::year(2023)));

    let csl = upper.to_csl_json();
    assert_eq!(csl["type"], "report");
    assert_eq!(csl["URL"], "https://example.org/upper");
    assert_eq!(
        csl["issued"]["date-parts"][0],
        serde_json::json!([2024, 9, 17])
    );
}

#[test]
fn every_source_type_is_accepted() {
    for source_type in SourceType::ALL {
        let text = format!(
            "---\ntitle: T\nauthors: [A]\nsources:\n  - id: s\n    type: {}\n---\n",
            source_type.as_str()
        );
        let doc = parse_clean(&text);
        assert_eq!(doc.sources[0].source_type, Some(source_type));
    }
}

#[test]
fn an_invalid_source_field_is_reported_and_the_source_kept() {
    let source = "---\ntitle: T\nauthors: [A]\nsources:\n  - id: a\n    issued: last spring\n    title: Kept\n  - id: has space\n---\n";
    let parsed = parse(source);
    let messages: Vec<&str> = parsed
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        messages.iter().any(|m| m
            .contains("`sources[0].issued` must be a date written YYYY, YYYY-MM or YYYY-MM-DD")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("`sources[1].id`")),
        "{messages:?}"
    );
    let doc = &parsed.document;
    let ids: Vec<&str> = doc.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a"], "a source whose id is unusable is dropped");
    assert_eq!(doc.sources[0].title.as_deref(), Some("Kept"));
    assert_eq!(doc.sources[0].issued, None);
}

const BIB: &str = r#"@report{cawri-2023,
  author = {{Central Asian Water Research Institute}},
  title = {Amu Darya Basin Water Balance 2023},
  institution = {CAWRI},
  location = {Tashkent},
  date = {2023-06},
  url = {https://cawri.example.org/balance-2023},
  urldate = {2025-01-10},
}

@article{karimova-2022,
  author = {Karimova, Dilnoza and Rahimov, Farrukh},
  title = {Rogun and the Politics of the Vakhsh},
  journaltitle = {Journal of Central Asian Water Policy},
  volume = {7},
  number = {2},
  pages = {45--67},
  year = {2022},
  doi = {10.5555/jcawp.2022.7.2.45},
}
"#;

const CSL_JSON: &str = r#"[
  {
    "id": "ebrd-2024",
    "type": "report",
    "title": "Middle Corridor Transport Study",
    "author": [{"literal": "European Bank for Reconstruction and Development"}],
    "issued": {"date-parts": [[2024, 3]]},
    "URL": "https://ebrd.example.org/middle-corridor",
    "DOI": "10.5555/ebrd.2024"
  },
  {
    "id": "aliyev-2024",
    "type": "speech",
    "title": "Address at the Baku Energy Forum",
    "author": [{"family": "Aliyev", "given": "Ilham"}],
    "issued": {"raw": "2024-06-04"}
  }
]"#;

const YAML_BIB: &str = "- id: gauges-2022\n  type: dataset\n  title: Hydrometric Monitoring\n  date: 2022\n  url: https://rhn.example.org/gauges\n  doi: 10.5555/rhn\n- id: kabul-2024\n  type: news\n  title: Talks on the Canal\n  issued: 2024-02-11\n  URL: https://news.example.org/kabul\n";

#[test]
fn bibliographies_in_three_formats_become_sources() {
    let source = "---\ntitle: T\nauthors: [A]\nbibliography: [refs.bib, refs.json, refs.yaml]\nsources:\n  - id: inline\n---\n\nFlows fell [@cawri-2023; @karimova-2022, p. 50]. As @aliyev-2024 said, gauges matter [@gauges-2022; @kabul-2024; @ebrd-2024].\n";
    let mut parsed = parse(source);
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    // Before loading, the narrative key is unknown and stays a mention.
    assert_eq!(parsed.document.mentions.len(), 1);
    let files = loader(&[
        ("refs.bib", BIB),
        ("refs.json", CSL_JSON),
        ("refs.yaml", YAML_BIB),
    ]);
    let diagnostics = resolve(&mut parsed.document, Path::new("/brief"), &files);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let doc = &parsed.document;
    let ids: Vec<&str> = doc.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "inline",
            "cawri-2023",
            "karimova-2022",
            "ebrd-2024",
            "aliyev-2024",
            "gauges-2022",
            "kabul-2024"
        ]
    );
    assert_eq!(doc.files.len(), 3);
    assert_eq!(doc.files[0].path, "refs.bib");

    let cawri = doc.source("cawri-2023").unwrap();
    assert_eq!(cawri.source_type, Some(SourceType::Report));
    assert_eq!(
        cawri.authors[0].display(),
        "Central Asian Water Research Institute"
    );
    assert_eq!(cawri.publisher.as_deref(), Some("CAWRI"));
    assert_eq!(cawri.publisher_place.as_deref(), Some("Tashkent"));
    assert_eq!(cawri.issued, PartialDate::parse("2023-06"));
    assert_eq!(
        cawri.url.as_deref(),
        Some("https://cawri.example.org/balance-2023")
    );
    assert_eq!(cawri.accessed, PartialDate::parse("2025-01-10"));
    assert_eq!(cawri.location.file, FileRef::Loaded(0));
    assert_eq!(
        cawri.location.key_span.text(&doc.files[0].text),
        "cawri-2023"
    );

    let karimova = doc.source("karimova-2022").unwrap();
    assert_eq!(karimova.source_type, Some(SourceType::Article));
    assert_eq!(karimova.authors.len(), 2);
    assert_eq!(karimova.authors[0].family.as_deref(), Some("Karimova"));
    assert_eq!(karimova.authors[0].given.as_deref(), Some("Dilnoza"));
    assert_eq!(
        karimova.container_title.as_deref(),
        Some("Journal of Central Asian Water Policy")
    );
    assert_eq!(karimova.issue.as_deref(), Some("2"));
    assert_eq!(karimova.issued, Some(PartialDate::year(2022)));
    assert_eq!(karimova.doi.as_deref(), Some("10.5555/jcawp.2022.7.2.45"));

    let ebrd = doc.source("ebrd-2024").unwrap();
    assert_eq!(ebrd.issued_text.as_deref(), Some("2024-03"));
    assert_eq!(ebrd.doi.as_deref(), Some("10.5555/ebrd.2024"));
    assert_eq!(ebrd.location.key_span.text(&doc.files[1].text), "ebrd-2024");
    let aliyev = doc.source("aliyev-2024").unwrap();
    assert_eq!(aliyev.source_type, Some(SourceType::Speech));
    assert_eq!(aliyev.issued, PartialDate::parse("2024-06-04"));

    let gauges = doc.source("gauges-2022").unwrap();
    assert_eq!(gauges.source_type, Some(SourceType::Dataset));
    assert_eq!(gauges.issued, Some(PartialDate::year(2022)));
    assert_eq!(
        gauges.url.as_deref(),
        Some("https://rhn.example.org/gauges")
    );
    assert_eq!(gauges.doi.as_deref(), Some("10.5555/rhn"));
    assert_eq!(
        gauges.location.key_span.text(&doc.files[2].text),
        "gauges-2022"
    );
    let kabul = doc.source("kabul-2024").unwrap();
    assert_eq!(kabul.url.as_deref(), Some("https://news.example.org/kabul"));

    // After loading, the narrative citation resolves.
    assert!(doc.mentions.is_empty());
    let narrative: Vec<&str> = doc
        .citations()
        .filter(|c| c.narrative)
        .map(|c| c.key.as_str())
        .collect();
    assert_eq!(narrative, ["aliyev-2024"]);
}

#[test]
fn bibliography_errors_point_into_their_file() {
    let source = "---\ntitle: T\nauthors: [A]\nbibliography: [bad.bib, bad.json, bad.yaml, notes.txt, missing.bib]\n---\n";
    let mut parsed = parse(source);
    let files = loader(&[
        ("bad.bib", "@article{broken,\n  title = {Unclosed\n"),
        ("bad.json", "[{\"id\": \"x\",]"),
        (
            "bad.yaml",
            "- id: ok\n  issued: someday\n- id: also-ok\n  titel: Misspelled\n",
        ),
        ("notes.txt", "text"),
    ]);
    let diagnostics = resolve(&mut parsed.document, Path::new("/brief"), &files);
    let doc = &parsed.document;
    assert_eq!(
        codes(&diagnostics),
        [
            "schema/bibliography-syntax",
            "schema/bibliography-syntax",
            "schema/invalid-value",
            "schema/unknown-key",
            "schema/invalid-value",
            "schema/unreadable-file",
        ]
    );
    for diagnostic in &diagnostics {
        let text = doc.file_text(diagnostic.file);
        assert_span(text, diagnostic.span, diagnostic.code);
    }
    let issued = &diagnostics[2];
    assert_eq!(issued.file, FileRef::Loaded(2));
    assert_eq!(issued.span.text(doc.file_text(issued.file)), "someday");
    let misspelled = &diagnostics[3];
    assert_eq!(
        misspelled.span.text(doc.file_text(misspelled.file)),
        "titel"
    );
    assert_eq!(misspelled.help.as_deref(), Some("did you mean `title`?"));
    let format = &diagnostics[4];
    assert_eq!(format.file, FileRef::Brief);
    assert_eq!(doc.text(format.span), "notes.txt");
    let missing = only(&diagnostics, "schema/unreadable-file");
    assert_eq!(doc.text(missing.span), "missing.bib");
    assert_eq!(
        missing.message,
        "cannot read bibliography `missing.bib`: no such file"
    );
}
