//! The JSON shapes of `brief check --format json` and `brief claims --format json`.
//!
//! Both are contracts: the keys documented here keep their meaning; new keys may be added.
//! `schemas/diagnostics.schema.json` and `schemas/claims.schema.json` are generated from these
//! types by `cargo xtask codegen`.

use brief_model::json::{DiagnosticJson, Located};
use brief_model::{Document, Span};
use schemars::JsonSchema;
use serde::Serialize;

use crate::{ClaimReport, ClaimStatus};

/// The version of these JSON shapes.
pub const JSON_VERSION: u32 = 1;

/// `brief check --format json`.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[schemars(
    title = "brief check output",
    description = "Diagnostics of `brief check --format json`."
)]
pub struct CheckJson {
    /// The version of this shape.
    pub version: u32,
    /// Diagnostics, sorted by path, offset and code.
    pub diagnostics: Vec<DiagnosticJson>,
    /// Counts.
    pub summary: SummaryJson,
    /// Evidence coverage per brief, with `--stats`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stats: Option<Vec<StatsJson>>,
}

/// Counts of a check run.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
pub struct SummaryJson {
    /// Briefs checked.
    pub files: usize,
    /// Error-level diagnostics.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
    /// Diagnostics with a safe fix.
    pub fixable: usize,
}

/// Evidence coverage of one brief.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct StatsJson {
    /// The brief.
    pub path: String,
    /// Check-worthy sentences whose claims are sourced.
    pub sourced: usize,
    /// Check-worthy sentences, sourced or unsourced (suppressed ones left out).
    pub claims: usize,
    /// `sourced / claims`, or null without claims.
    pub coverage: Option<f64>,
}

/// `brief claims --format json`.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[schemars(
    title = "brief claims output",
    description = "The fact-checker's worksheet of `brief claims --format json`."
)]
pub struct ClaimsJson {
    /// The version of this shape.
    pub version: u32,
    /// Check-worthy sentences, by path and position.
    pub claims: Vec<ClaimJson>,
    /// Counts.
    pub summary: ClaimsSummaryJson,
}

/// One check-worthy sentence.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ClaimJson {
    /// The brief.
    pub path: String,
    /// Where the sentence is.
    #[serde(flatten)]
    pub location: Located,
    /// The sentence.
    pub text: String,
    /// The id of its section.
    pub section: Option<String>,
    /// `quantity`, `quotation`, `attribution`, `generalization`, `dated-event`.
    pub kinds: Vec<String>,
    /// Its citations with the sources they resolve to.
    pub citations: Vec<ClaimCitationJson>,
    /// Labels of its footnotes.
    pub footnotes: Vec<String>,
    /// URLs of its links.
    pub links: Vec<String>,
    /// `sourced`, `unsourced` or `suppressed`.
    pub status: ClaimStatus,
    /// Codes of the `claims/*` findings on it.
    pub codes: Vec<String>,
}

/// A citation in a claim.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ClaimCitationJson {
    /// The key.
    pub key: String,
    /// The locator ("p. 4").
    pub locator: Option<String>,
    /// The source, or null when the key is undefined.
    pub source: Option<ClaimSourceJson>,
}

/// The source a citation resolves to.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ClaimSourceJson {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its URL.
    #[serde(rename = "URL")]
    pub url: Option<String>,
    /// Its date as written.
    pub issued: Option<String>,
}

/// Counts of a worksheet.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
pub struct ClaimsSummaryJson {
    /// Briefs.
    pub files: usize,
    /// Check-worthy sentences.
    pub claims: usize,
    /// Sourced ones.
    pub sourced: usize,
    /// Unsourced ones.
    pub unsourced: usize,
    /// Suppressed ones.
    pub suppressed: usize,
}

impl ClaimJson {
    /// The worksheet row of a claim of `doc`, whose brief is at `path`.
    pub fn new(doc: &Document, path: &str, report: &ClaimReport) -> ClaimJson {
        let sentence = &doc.sentences[report.claim.sentence];
        ClaimJson {
            path: path.to_owned(),
            location: Located::new(&doc.source, &doc.line_index, sentence.span),
            text: sentence.text.clone(),
            section: sentence.section.map(|s| doc.sections[s].id.clone()),
            kinds: report
                .claim
                .kinds
                .iter()
                .map(|k| k.as_str().to_owned())
                .collect(),
            citations: sentence
                .citations
                .iter()
                .map(|c| ClaimCitationJson {
                    key: c.key.clone(),
                    locator: c.locator.clone(),
                    source: doc.source(&c.key).map(|s| ClaimSourceJson {
                        id: s.id.clone(),
                        title: s.title.clone(),
                        url: s.url.clone(),
                        issued: s.issued_text.clone(),
                    }),
                })
                .collect(),
            footnotes: sentence
                .footnotes
                .iter()
                .map(|&i| doc.footnote_refs[i].label.clone())
                .collect(),
            links: sentence
                .links
                .iter()
                .map(|&i| doc.links[i].url.clone())
                .collect(),
            status: report.status,
            codes: report.codes.iter().map(|c| (*c).to_owned()).collect(),
        }
    }
}

/// A span's text, for baselines and messages.
pub fn span_text(doc: &Document, span: Span) -> String {
    span.text(&doc.source)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The JSON Schema of `brief check --format json`.
pub fn diagnostics_schema() -> serde_json::Value {
    schema_with_id::<CheckJson>("diagnostics.schema.json")
}

/// The JSON Schema of `brief claims --format json`.
pub fn claims_schema() -> serde_json::Value {
    schema_with_id::<ClaimsJson>("claims.schema.json")
}

fn schema_with_id<T: JsonSchema>(name: &str) -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default();
    if let serde_json::Value::Object(map) = &mut schema {
        map.insert(
            "$comment".into(),
            "Generated from the brief-lint types by `cargo xtask codegen`; do not edit.".into(),
        );
        map.insert(
            "$id".into(),
            format!("https://github.com/brief-tools/brief/raw/main/schemas/{name}").into(),
        );
    }
    schema
}
