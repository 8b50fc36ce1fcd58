//! The typed frontmatter of a brief and the rules of its schema.
//!
//! These types are the single definition of the frontmatter: `cargo xtask codegen` derives
//! `schemas/brief.schema.json` from them, and [`crate::parse`] validates every brief against the same
//! schema before reading it into them, so an error points at the key or value that caused it.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::source::SourceEntry;

/// The YAML frontmatter of a brief.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(
    title = "Brief frontmatter",
    description = "The YAML frontmatter of a policy brief read by `brief`.",
    extend("additionalProperties" = false),
    // `title` and `authors` have serde defaults so that a brief missing them still reads; the
    // schema requires them all the same.
    extend("required" = ["title", "authors"]),
    extend("patternProperties" = { "^x-": {
        "description": "An organization's own metadata, kept and passed through unchanged.",
        "examples": [{ "program": "South Caucasus Initiative", "review-id": 42 }]
    } }),
    extend("if" = { "properties": { "status": { "enum": ["review", "final"] } }, "required": ["status"] }),
    extend("then" = { "required": ["date"] }),
    example = Frontmatter::example()
)]
pub struct Frontmatter {
    /// The title of the brief.
    #[serde(default)]
    #[schemars(required)]
    #[schemars(example = &"Holding the Line: Border Delimitation in the South Caucasus", length(min = 1))]
    pub title: String,

    /// A subtitle shown under the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Options for the 2025 negotiating season")]
    pub subtitle: Option<String>,

    /// The kind of publication; it sets the required sections and the expected length.
    #[serde(default, rename = "type")]
    #[schemars(example = &"policy-brief")]
    pub brief_type: BriefType,

    /// Where the brief is in its life: `review` and `final` require a `date`.
    #[serde(default)]
    #[schemars(example = &"final")]
    pub status: Status,

    /// The publication date (YYYY-MM-DD); required once `status` is `review` or `final`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>", example = &"2025-03-14")]
    pub date: Option<String>,

    /// The date of the last substantive update (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>", example = &"2025-04-02")]
    pub updated: Option<String>,

    /// The organization that publishes the brief.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Meridian Institute for Security Studies")]
    pub publisher: Option<String>,

    /// The authors, in byline order: a name, or a mapping with the name and its parts.
    #[serde(default)]
    #[schemars(
        required,
        length(min = 1),
        extend("examples" = [[
            { "name": "Daniel Kerr", "honorific": "Major General", "suffix": "U.S. Army (Ret.)" },
            "Ani Margaryan"
        ]])
    )]
    pub authors: Vec<AuthorEntry>,

    /// Who the brief is written for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Policy makers in the European External Action Service")]
    pub audience: Option<String>,

    /// A summary of the brief, shown first (150 words at most by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Border incidents fell after the 2023 monitoring mission began...")]
    pub summary: Option<String>,

    /// The key points, shown after the summary.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("examples" = [["Delimitation talks have stalled since 2024."]]))]
    pub key_points: Vec<String>,

    /// Keywords for search and catalogues.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("examples" = [["border security", "South Caucasus"]]))]
    pub keywords: Vec<String>,

    /// The regions the brief is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("examples" = [["South Caucasus"]]))]
    pub regions: Vec<String>,

    /// The cover image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("examples" = [{
        "src": "images/border-post.jpg",
        "alt": "A border post on a mountain road in winter",
        "credit": "Photo: A. Petrosyan"
    }]))]
    pub image: Option<CoverImage>,

    /// A citation style: a name from hayagriva's CSL archive (such as `chicago-notes`,
    /// `chicago-author-date`, `apa`) or a path to a `.csl` file. Chicago notes by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"chicago-notes")]
    pub citation_style: Option<String>,

    /// One or more bibliography files: BibTeX/BibLaTeX `.bib`, CSL-JSON `.json`, or `.yaml`
    /// holding a list of sources in the same shape as `sources`.
    #[serde(default, skip_serializing_if = "OneOrMany::is_empty")]
    #[schemars(example = &"references.bib")]
    pub bibliography: OneOrMany,

    /// Sources defined inline, cited as `[@id]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("examples" = [[{
        "id": "icg-2024",
        "type": "report",
        "title": "Border Incidents on the Armenia–Azerbaijan Frontier",
        "issued": "2024-05",
        "url": "https://example.org/reports/border-incidents"
    }]]))]
    pub sources: Vec<SourceEntry>,

    /// Related publications, listed at the end.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("examples" = [[{
        "title": "Mines and Markers: Demining the Border Zone",
        "url": "https://example.org/briefs/mines"
    }]]))]
    pub related: Vec<Related>,

    /// The license of the brief, as an SPDX identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"CC-BY-4.0")]
    pub license: Option<String>,

    /// The language of the brief, as a BCP 47 tag.
    #[serde(default = "default_lang")]
    #[schemars(example = &"en", pattern(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"))]
    pub lang: String,

    /// Keys starting with `x-`: an organization's own metadata, passed through unchanged.
    #[serde(flatten, default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(skip)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

fn default_lang() -> String {
    "en".to_owned()
}

impl Frontmatter {
    fn example() -> serde_json::Value {
        serde_json::json!({
            "title": "Holding the Line: Border Delimitation in the South Caucasus",
            "type": "policy-brief",
            "status": "final",
            "date": "2025-03-14",
            "authors": [
                {"name": "Daniel Kerr", "honorific": "Major General", "suffix": "U.S. Army (Ret.)",
                 "position": "Senior Fellow", "affiliation": "Meridian Institute"},
                "Անի Մարգարյան"
            ],
            "sources": [{"id": "icg-2024", "type": "report", "title": "Border Incidents Report",
                         "issued": "2024-05", "url": "https://example.org/report"}]
        })
    }

    /// The authors in byline order, each as a structured author.
    pub fn author_list(&self) -> impl Iterator<Item = Author> + '_ {
        self.authors.iter().map(AuthorEntry::to_author)
    }
}

/// A date written as YYYY-MM-DD.
#[derive(JsonSchema)]
#[schemars(
    description = "A date written as YYYY-MM-DD.",
    extend("pattern" = r"^\d{4}-\d{2}-\d{2}$"),
    example = &"2025-03-14"
)]
#[allow(dead_code)]
struct DateString(String);

/// The kind of publication.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BriefType {
    /// A policy brief (800 to 5,000 words) with a summary and recommendations.
    #[default]
    PolicyBrief,
    /// An issue brief: background on one issue, recommendations optional.
    IssueBrief,
    /// A short opinion piece.
    Commentary,
    /// A long report.
    Report,
    /// Written testimony to a legislature.
    Testimony,
    /// A memo to a decision maker.
    Memo,
}

impl BriefType {
    /// Every brief type, in documentation order.
    pub const ALL: [BriefType; 6] = [
        BriefType::PolicyBrief,
        BriefType::IssueBrief,
        BriefType::Commentary,
        BriefType::Report,
        BriefType::Testimony,
        BriefType::Memo,
    ];

    /// The kebab-case name used in frontmatter.
    pub const fn as_str(self) -> &'static str {
        match self {
            BriefType::PolicyBrief => "policy-brief",
            BriefType::IssueBrief => "issue-brief",
            BriefType::Commentary => "commentary",
            BriefType::Report => "report",
            BriefType::Testimony => "testimony",
            BriefType::Memo => "memo",
        }
    }

    /// The name shown to readers ("Policy Brief").
    pub const fn label(self) -> &'static str {
        match self {
            BriefType::PolicyBrief => "Policy Brief",
            BriefType::IssueBrief => "Issue Brief",
            BriefType::Commentary => "Commentary",
            BriefType::Report => "Report",
            BriefType::Testimony => "Testimony",
            BriefType::Memo => "Memo",
        }
    }

    /// Parses the kebab-case name.
    pub fn parse(text: &str) -> Option<BriefType> {
        BriefType::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

/// Where a brief is in its life.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Being written; rendered with a "Draft" banner.
    #[default]
    Draft,
    /// With editors; rendered with a "Review" banner. Needs a `date`.
    Review,
    /// Published. Needs a `date`.
    Final,
}

impl Status {
    /// The kebab-case name used in frontmatter.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Review => "review",
            Status::Final => "final",
        }
    }
}

/// An author: a plain name, or a mapping with the name and its parts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum AuthorEntry {
    /// The author's name as it should be printed.
    #[schemars(example = &"Ani Margaryan", extend("minLength" = 1))]
    Name(String),
    /// The author's name with honorific, suffix, position and affiliation.
    Details(Author),
}

impl AuthorEntry {
    /// The author as a structured value.
    pub fn to_author(&self) -> Author {
        match self {
            AuthorEntry::Name(name) => Author {
                name: name.clone(),
                ..Author::default()
            },
            AuthorEntry::Details(author) => author.clone(),
        }
    }
}

/// A structured author.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(extend("additionalProperties" = false))]
pub struct Author {
    /// The name as printed, without rank or post-nominals.
    #[schemars(example = &"Daniel Kerr", length(min = 1))]
    pub name: String,
    /// Shown before the name: a rank or title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Major General")]
    pub honorific: Option<String>,
    /// Shown after the name: post-nominals or service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"U.S. Army (Ret.)")]
    pub suffix: Option<String>,
    /// The author's position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Senior Fellow")]
    pub position: Option<String>,
    /// The author's institution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Meridian Institute for Security Studies")]
    pub affiliation: Option<String>,
    /// A contact e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"d.kerr@example.org")]
    pub email: Option<String>,
    /// An ORCID iD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"0000-0002-1825-0097", regex(pattern = r"^(https://orcid\.org/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]$"))]
    pub orcid: Option<String>,
    /// A profile page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"https://example.org/people/kerr")]
    pub url: Option<String>,
}

impl Author {
    /// The name with honorific and suffix, as printed in a byline.
    pub fn display_name(&self) -> String {
        let mut out = String::new();
        if let Some(honorific) = &self.honorific {
            out.push_str(honorific);
            out.push(' ');
        }
        out.push_str(&self.name);
        if let Some(suffix) = &self.suffix {
            out.push_str(", ");
            out.push_str(suffix);
        }
        out
    }
}

/// The cover image.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(extend("additionalProperties" = false))]
pub struct CoverImage {
    /// The image file, relative to the brief.
    #[schemars(example = &"images/border-post.jpg", length(min = 1))]
    pub src: String,
    /// A text alternative for readers who cannot see the image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"A border post on a mountain road in winter")]
    pub alt: Option<String>,
    /// Who made the image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Photo: A. Petrosyan")]
    pub credit: Option<String>,
    /// A caption shown under the image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"The Tavush section of the border, where delimitation began in 2024")]
    pub caption: Option<String>,
    /// The image's license.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"CC-BY-SA-4.0")]
    pub license: Option<String>,
}

/// One path, or a list of paths.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany {
    /// No value.
    #[default]
    #[schemars(skip)]
    None,
    /// One path.
    #[schemars(example = &"references.bib")]
    One(String),
    /// Several paths.
    #[schemars(extend("examples" = [["../shared/references.bib", "local.json"]]))]
    Many(Vec<String>),
}

impl OneOrMany {
    /// Whether there is no path.
    pub fn is_empty(&self) -> bool {
        match self {
            OneOrMany::None => true,
            OneOrMany::One(_) => false,
            OneOrMany::Many(items) => items.is_empty(),
        }
    }

    /// The paths.
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(one) => vec![one.clone()],
            OneOrMany::Many(items) => items.clone(),
        }
    }
}

/// A related publication.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(extend("additionalProperties" = false))]
pub struct Related {
    /// Its title.
    #[schemars(example = &"Mines and Markers: Demining the Border Zone", length(min = 1))]
    pub title: String,
    /// Where to read it online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"https://example.org/briefs/mines")]
    pub url: Option<String>,
    /// Another brief in the same repository.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"mines-and-markers.md")]
    pub path: Option<String>,
}

/// Frontmatter keys that other tools use, with the key `brief` uses instead.
pub const KEY_ALIASES: &[(&str, &str)] = &[
    ("author", "authors"),
    ("abstract", "summary"),
    ("description", "summary"),
    ("tags", "keywords"),
    ("categories", "keywords"),
    ("subject", "keywords"),
    ("keypoints", "key-points"),
    ("key_points", "key-points"),
    ("highlights", "key-points"),
    ("references", "bibliography"),
    ("csl", "citation-style"),
    ("citation_style", "citation-style"),
    ("language", "lang"),
    ("lastmod", "updated"),
    ("last-modified", "updated"),
    ("modified", "updated"),
    ("draft", "status"),
];

/// Values of `status` that other tools use, with the value `brief` uses instead.
pub const STATUS_ALIASES: &[(&str, &str)] = &[
    ("published", "final"),
    ("publish", "final"),
    ("released", "final"),
    ("done", "final"),
    ("in-review", "review"),
    ("reviewed", "review"),
    ("wip", "draft"),
];
