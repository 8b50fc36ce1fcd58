//! The JSON shape of `brief parse`: a stable view of the [`Document`] for tools.
//!
//! The top-level keys are a contract (`version`, `path`, `frontmatter`, `sources`, `sections`,
//! `sentences`, `recommendations`, `suppressions`, `word_count`, `diagnostics`); new keys may be
//! added, existing ones keep their meaning. Every span is `{ "start", "end" }` in bytes, beside
//! `start`/`end` as 1-based `{ "line", "column" }`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, FileRef, Fix, Severity};
use crate::document::{Document, QuoteKind, SuppressionKind};
use crate::span::{LineCol, LineIndex, Span};

/// The version of this JSON shape.
pub const DOCUMENT_JSON_VERSION: u32 = 1;

/// A span with its lines and columns.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Located {
    /// Byte offsets.
    pub span: Span,
    /// Line and column of `span.start`.
    pub start: LineCol,
    /// Line and column of `span.end`.
    pub end: LineCol,
}

impl Located {
    /// Locates `span` in `text`.
    pub fn new(text: &str, index: &LineIndex, span: Span) -> Located {
        Located {
            span,
            start: index.line_col(text, span.start),
            end: index.line_col(text, span.end),
        }
    }
}

/// `brief parse` output for one brief.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[schemars(
    title = "brief parse output",
    description = "The document model of one brief, as printed by `brief parse`."
)]
pub struct DocumentJson {
    /// The version of this JSON shape.
    pub version: u32,
    /// The brief's path, as given.
    pub path: String,
    /// The frontmatter as written (kebab-case keys, `x-*` kept); null without frontmatter.
    pub frontmatter: serde_json::Value,
    /// Every source, inline and from bibliography files.
    pub sources: Vec<SourceJson>,
    /// Headings, in order.
    pub sections: Vec<SectionJson>,
    /// Sentences, in order.
    pub sentences: Vec<SentenceJson>,
    /// Recommendations, in order.
    pub recommendations: Vec<RecommendationJson>,
    /// Footnote definitions.
    pub footnotes: Vec<FootnoteJson>,
    /// Suppression comments.
    pub suppressions: Vec<SuppressionJson>,
    /// Body words.
    pub word_count: usize,
    /// Problems found while parsing and loading.
    pub diagnostics: Vec<DiagnosticJson>,
}

/// A source.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct SourceJson {
    /// The citation key.
    pub id: String,
    /// The source type.
    #[serde(rename = "type")]
    pub source_type: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The URL.
    #[serde(rename = "URL")]
    pub url: Option<String>,
    /// The publication date as written.
    pub issued: Option<String>,
    /// Where it is defined.
    pub defined_at: DefinedAt,
}

/// Where a source is defined.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct DefinedAt {
    /// The bibliography file as written in the brief; null for the brief itself.
    pub path: Option<String>,
    /// The entry.
    #[serde(flatten)]
    pub location: Located,
}

/// A heading.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct SectionJson {
    /// 1 to 6.
    pub level: u8,
    /// The heading text.
    pub text: String,
    /// The anchor id.
    pub id: String,
    /// The heading line.
    #[serde(flatten)]
    pub location: Located,
}

/// A sentence.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct SentenceJson {
    /// Where it is.
    #[serde(flatten)]
    pub location: Located,
    /// Its plain text.
    pub text: String,
    /// The id of its section; null before the first heading.
    pub section: Option<String>,
    /// Citations.
    pub citations: Vec<CitationJson>,
    /// Footnote references.
    pub footnotes: Vec<FootnoteRefJson>,
    /// Inline links.
    pub links: Vec<LinkJson>,
    /// Quotations.
    pub quotations: Vec<QuotationJson>,
}

/// A citation.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct CitationJson {
    /// The source key.
    pub key: String,
    /// Text before the key ("see").
    pub prefix: Option<String>,
    /// The locator and suffix ("p. 4").
    pub locator: Option<String>,
    /// `[-@key]`.
    pub suppress_author: bool,
    /// `@key` outside brackets.
    pub narrative: bool,
    /// Where it is.
    #[serde(flatten)]
    pub location: Located,
}

/// A footnote reference.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct FootnoteRefJson {
    /// Its label.
    pub label: String,
    /// Where it is.
    #[serde(flatten)]
    pub location: Located,
}

/// A link.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct LinkJson {
    /// Its destination.
    pub url: String,
    /// Its text.
    pub text: String,
    /// Where it is.
    #[serde(flatten)]
    pub location: Located,
}

/// A quotation.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct QuotationJson {
    /// The quoted words.
    pub text: String,
    /// `straight`, `curly` or `block`.
    pub kind: String,
    /// Where it is, marks included.
    #[serde(flatten)]
    pub location: Located,
}

/// A recommendation.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct RecommendationJson {
    /// `rec-1`, `rec-2`...
    pub id: String,
    /// The action.
    pub action: String,
    /// Who should act, when known.
    pub actor: Option<String>,
    /// Fields by name, in order.
    pub fields: BTreeMap<String, String>,
    /// The rationale.
    pub rationale_span: Option<Span>,
    /// Citation keys, footnote labels (`^1`) and URLs in the rationale.
    pub evidence: Vec<String>,
    /// `heading` or `list-item`.
    pub form: String,
    /// The whole recommendation.
    #[serde(flatten)]
    pub location: Located,
}

/// A footnote definition.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct FootnoteJson {
    /// Its label.
    pub label: String,
    /// Its plain text.
    pub text: String,
    /// URLs in it.
    pub urls: Vec<String>,
    /// Where it is.
    #[serde(flatten)]
    pub location: Located,
}

/// A suppression comment.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct SuppressionJson {
    /// `ignore` or `disable`.
    pub kind: String,
    /// Codes, categories or `all`.
    pub rules: Vec<String>,
    /// The reason given.
    pub reason: Option<String>,
    /// Whether it is a YAML comment in the frontmatter.
    pub in_frontmatter: bool,
    /// What it silences.
    pub applies_to: Span,
    /// The comment.
    #[serde(flatten)]
    pub location: Located,
}

/// A diagnostic.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct DiagnosticJson {
    /// The file: the brief's path, or a bibliography it loaded.
    pub path: String,
    /// The stable code.
    pub code: String,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Where.
    #[serde(flatten)]
    pub location: Located,
    /// A suggested change.
    pub fix: Option<Fix>,
}

impl DiagnosticJson {
    /// Converts a diagnostic of `doc`, whose brief is at `path`.
    pub fn new(doc: &Document, path: &str, diagnostic: &Diagnostic) -> DiagnosticJson {
        let (file_path, location) = match diagnostic.file {
            FileRef::Brief => (
                path.to_owned(),
                Located::new(&doc.source, &doc.line_index, diagnostic.span),
            ),
            FileRef::Loaded(idx) => {
                let file = &doc.files[idx];
                let index = LineIndex::new(&file.text);
                let shown = std::path::Path::new(path)
                    .parent()
                    .map(|dir| dir.join(&file.path))
                    .map_or(file.path.clone(), |p| p.display().to_string());
                (shown, Located::new(&file.text, &index, diagnostic.span))
            }
        };
        DiagnosticJson {
            path: file_path,
            code: diagnostic.code.to_owned(),
            severity: diagnostic.severity,
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
            location,
            fix: diagnostic.fix.clone(),
        }
    }
}

impl DocumentJson {
    /// The JSON view of `doc`, read from `path`, with its parse and load diagnostics.
    pub fn new(doc: &Document, path: &str, diagnostics: &[Diagnostic]) -> DocumentJson {
        let text = doc.source.as_str();
        let index = &doc.line_index;
        let loc = |span: Span| Located::new(text, index, span);
        let file_indexes: Vec<LineIndex> =
            doc.files.iter().map(|f| LineIndex::new(&f.text)).collect();
        DocumentJson {
            version: DOCUMENT_JSON_VERSION,
            path: path.to_owned(),
            frontmatter: doc.frontmatter_value.clone(),
            sources: doc
                .sources
                .iter()
                .map(|s| {
                    let (file_path, location) = match s.location.file {
                        FileRef::Brief => (None, loc(s.location.span)),
                        FileRef::Loaded(idx) => (
                            Some(doc.files[idx].path.clone()),
                            Located::new(&doc.files[idx].text, &file_indexes[idx], s.location.span),
                        ),
                    };
                    SourceJson {
                        id: s.id.clone(),
                        source_type: s.source_type.map(|t| t.as_str().to_owned()),
                        title: s.title.clone(),
                        url: s.url.clone(),
                        issued: s.issued_text.clone(),
                        defined_at: DefinedAt {
                            path: file_path,
                            location,
                        },
                    }
                })
                .collect(),
            sections: doc
                .sections
                .iter()
                .map(|s| SectionJson {
                    level: s.level,
                    text: s.text.clone(),
                    id: s.id.clone(),
                    location: loc(s.span),
                })
                .collect(),
            sentences: doc
                .sentences
                .iter()
                .map(|s| SentenceJson {
                    location: loc(s.span),
                    text: s.text.clone(),
                    section: s.section.map(|i| doc.sections[i].id.clone()),
                    citations: s
                        .citations
                        .iter()
                        .map(|c| CitationJson {
                            key: c.key.clone(),
                            prefix: c.prefix.clone(),
                            locator: c.locator.clone(),
                            suppress_author: c.suppress_author,
                            narrative: c.narrative,
                            location: loc(c.span),
                        })
                        .collect(),
                    footnotes: s
                        .footnotes
                        .iter()
                        .map(|&i| FootnoteRefJson {
                            label: doc.footnote_refs[i].label.clone(),
                            location: loc(doc.footnote_refs[i].span),
                        })
                        .collect(),
                    links: s
                        .links
                        .iter()
                        .map(|&i| LinkJson {
                            url: doc.links[i].url.clone(),
                            text: doc.links[i].text.clone(),
                            location: loc(doc.links[i].span),
                        })
                        .collect(),
                    quotations: s
                        .quotations
                        .iter()
                        .map(|q| QuotationJson {
                            text: q.text.clone(),
                            kind: match q.kind {
                                QuoteKind::Straight => "straight",
                                QuoteKind::Curly => "curly",
                                QuoteKind::Block => "block",
                            }
                            .to_owned(),
                            location: loc(q.span),
                        })
                        .collect(),
                })
                .collect(),
            recommendations: doc
                .recommendations
                .iter()
                .map(|r| RecommendationJson {
                    id: r.id.clone(),
                    action: r.action.clone(),
                    actor: r.actor.clone(),
                    fields: r
                        .fields
                        .iter()
                        .map(|f| (f.name.clone(), f.value.clone()))
                        .collect(),
                    rationale_span: r.rationale_span,
                    evidence: r.evidence.clone(),
                    form: match r.form {
                        crate::document::RecommendationForm::Heading => "heading",
                        crate::document::RecommendationForm::ListItem => "list-item",
                    }
                    .to_owned(),
                    location: loc(r.span),
                })
                .collect(),
            footnotes: doc
                .footnotes
                .iter()
                .map(|f| FootnoteJson {
                    label: f.label.clone(),
                    text: f.text.clone(),
                    urls: f.urls.iter().map(|(u, _)| u.clone()).collect(),
                    location: loc(f.span),
                })
                .collect(),
            suppressions: doc
                .suppressions
                .iter()
                .map(|s| SuppressionJson {
                    kind: match s.kind {
                        SuppressionKind::Ignore => "ignore",
                        SuppressionKind::Disable => "disable",
                    }
                    .to_owned(),
                    rules: s.rules.clone(),
                    reason: s.reason.clone(),
                    in_frontmatter: s.in_frontmatter,
                    applies_to: s.applies_to,
                    location: loc(s.span),
                })
                .collect(),
            word_count: doc.word_count,
            diagnostics: diagnostics
                .iter()
                .map(|d| DiagnosticJson::new(doc, path, d))
                .collect(),
        }
    }
}
