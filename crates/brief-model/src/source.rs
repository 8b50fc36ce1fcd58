//! Sources: the inline `sources` entries, bibliography files, and the one normalized [`Source`]
//! every citation resolves to, whatever file it came from.
//!
//! Field names follow CSL-JSON where one exists (`container-title`, `issued`, `URL`), with
//! friendly lowercase aliases (`url`, `doi`, `date`), so every source maps onto one CSL item.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::FileRef;
use crate::span::Span;

/// A source as written in frontmatter or in a `.yaml` bibliography.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(
    extend("additionalProperties" = false),
    extend("patternProperties" = { "^x-": {
        "description": "An organization's own metadata.",
        "examples": ["shelf 4, box 12"]
    } }),
    example = SourceEntry::example()
)]
pub struct SourceEntry {
    /// The key that citations use (`[@id]`); unique within the brief.
    #[schemars(example = &"icg-2024", regex(pattern = r"^[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*$"))]
    pub id: String,
    /// The kind of source.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"report")]
    pub source_type: Option<SourceType>,
    /// The title of the work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Border Incidents on the Armenia–Azerbaijan Frontier, 2021–2024")]
    pub title: Option<String>,
    /// The author or authors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("examples" = [
        { "family": "Sahakyan", "given": "Narine K." },
        [{ "literal": "International Crisis Group" }, "Ani Margaryan"]
    ]))]
    pub author: Option<Names>,
    /// The editor or editors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Thomas de Waal")]
    pub editor: Option<Names>,
    /// The publisher or issuing institution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"International Crisis Group")]
    pub publisher: Option<String>,
    /// Where the publisher is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Brussels")]
    pub publisher_place: Option<String>,
    /// The journal, newspaper, site or book the work appeared in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Journal of Eurasian Studies")]
    pub container_title: Option<String>,
    /// The volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"12")]
    pub volume: Option<StringOrNumber>,
    /// The issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"3")]
    pub issue: Option<StringOrNumber>,
    /// The page or page range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"211-238")]
    pub page: Option<StringOrNumber>,
    /// The publication date: YYYY, YYYY-MM or YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"2024-05")]
    pub issued: Option<DateValue>,
    /// Alias of `issued`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"2024-09-17")]
    pub date: Option<DateValue>,
    /// The address of the work online.
    #[serde(default, rename = "URL", skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"https://example.org/reports/border-incidents")]
    pub url_upper: Option<String>,
    /// Alias of `URL`.
    #[serde(default, rename = "url", skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"https://example.org/reports/border-incidents")]
    pub url: Option<String>,
    /// The DOI, without `https://doi.org/`.
    #[serde(default, rename = "DOI", skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"10.5555/12345678")]
    pub doi_upper: Option<String>,
    /// Alias of `DOI`.
    #[serde(default, rename = "doi", skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"10.5555/12345678")]
    pub doi: Option<String>,
    /// The ISBN of a book.
    #[serde(default, rename = "ISBN", skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"978-0-19-881254-8")]
    pub isbn_upper: Option<String>,
    /// Alias of `ISBN`.
    #[serde(default, rename = "isbn", skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"978-0-19-881254-8")]
    pub isbn: Option<String>,
    /// When an online source was read (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"2025-02-24")]
    pub accessed: Option<DateValue>,
    /// The address of an archived copy (for example on the Wayback Machine).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"https://web.archive.org/web/2024/https://example.org/report")]
    pub archive: Option<String>,
    /// The language of the source, as a BCP 47 tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"hy")]
    pub language: Option<String>,
    /// Verbatim excerpts from the source, used to check quotations cited to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("examples" = [["The line of contact remains unmarked for most of its length."]]))]
    pub quotes: Vec<String>,
    /// A note printed with the reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Signed separately in Yerevan and Baku on the same day.")]
    pub note: Option<String>,
    /// Keys starting with `x-`, passed through unchanged.
    #[serde(flatten, default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(skip)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl SourceEntry {
    fn example() -> serde_json::Value {
        serde_json::json!({
            "id": "icg-2024",
            "type": "report",
            "title": "Border Incidents on the Armenia–Azerbaijan Frontier",
            "author": {"literal": "International Crisis Group"},
            "issued": "2024-05-02",
            "url": "https://example.org/reports/border-incidents",
            "accessed": "2025-01-10"
        })
    }
}

/// A string or a number (volumes, issues, pages).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum StringOrNumber {
    /// A number.
    Number(i64),
    /// Text, such as `3-5` or `Spring`.
    Text(String),
}

impl fmt::Display for StringOrNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StringOrNumber::Number(n) => write!(f, "{n}"),
            StringOrNumber::Text(text) => f.write_str(text),
        }
    }
}

/// A date: a year as a number, or text YYYY, YYYY-MM or YYYY-MM-DD.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum DateValue {
    /// A year.
    #[schemars(extend("minimum" = 0, "maximum" = 9999))]
    Year(i64),
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    #[schemars(extend("pattern" = r"^\d{4}(-\d{2}(-\d{2})?)?$"), example = &"2024-05")]
    Text(String),
}

impl DateValue {
    /// The date, if it is a valid calendar date.
    pub fn to_partial(&self) -> Option<PartialDate> {
        match self {
            DateValue::Year(year) => i32::try_from(*year).ok().map(PartialDate::year),
            DateValue::Text(text) => PartialDate::parse(text),
        }
    }
}

/// One name or a list of names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Names {
    /// One name.
    One(Name),
    /// Several names, in order.
    Many(Vec<Name>),
}

impl Names {
    /// The names, in order.
    pub fn to_vec(&self) -> Vec<PersonName> {
        match self {
            Names::One(name) => vec![name.to_person()],
            Names::Many(names) => names.iter().map(Name::to_person).collect(),
        }
    }
}

/// A name: as printed, or in parts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Name {
    /// A name as printed: a person ("Ani Margaryan") or an organization.
    #[schemars(example = &"International Crisis Group", extend("minLength" = 1))]
    Text(String),
    /// A name in parts.
    Parts(PersonName),
}

impl Name {
    /// The name as a [`PersonName`].
    pub fn to_person(&self) -> PersonName {
        match self {
            Name::Text(text) => PersonName::from_text(text),
            Name::Parts(parts) => parts.clone(),
        }
    }
}

/// A name in CSL parts: `family` and `given` for a person, `literal` for an institution.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(extend("additionalProperties" = false))]
pub struct PersonName {
    /// The family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Margaryan")]
    pub family: Option<String>,
    /// The given names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Ani")]
    pub given: Option<String>,
    /// A name printed as is, such as an institution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Ministry of Foreign Affairs of Armenia")]
    pub literal: Option<String>,
    /// A suffix such as "Jr.".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Jr.")]
    pub suffix: Option<String>,
    /// A particle kept with the family name ("van", "de").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"de")]
    pub non_dropping_particle: Option<String>,
}

impl PersonName {
    /// A name written as one string: "Family, Given" or "Given Family" for people,
    /// and names with several capitalized institution words kept literal.
    pub fn from_text(text: &str) -> PersonName {
        let text = text.trim();
        if let Some((family, given)) = text.split_once(", ")
            && (!family.contains(' ') || family.split(' ').count() <= 2)
        {
            return PersonName {
                family: Some(family.trim().to_owned()),
                given: Some(given.trim().to_owned()),
                ..PersonName::default()
            };
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        let institutional = words.len() > 3
            || words.iter().any(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "of" | "for"
                        | "and"
                        | "the"
                        | "institute"
                        | "ministry"
                        | "bank"
                        | "agency"
                        | "office"
                        | "council"
                        | "commission"
                        | "group"
                        | "department"
                        | "university"
                        | "organization"
                        | "organisation"
                        | "centre"
                        | "center"
                        | "fund"
                        | "foundation"
                        | "association"
                        | "service"
                        | "news"
                )
            });
        if words.len() < 2 || institutional {
            return PersonName {
                literal: Some(text.to_owned()),
                ..PersonName::default()
            };
        }
        let (given, family) = words.split_at(words.len() - 1);
        PersonName {
            family: Some(family.join(" ")),
            given: Some(given.join(" ")),
            ..PersonName::default()
        }
    }

    /// The name as usually printed: "Given Family", or the literal.
    pub fn display(&self) -> String {
        if let Some(literal) = &self.literal {
            return literal.clone();
        }
        let mut parts = Vec::new();
        if let Some(given) = &self.given {
            parts.push(given.as_str());
        }
        if let Some(particle) = &self.non_dropping_particle {
            parts.push(particle.as_str());
        }
        if let Some(family) = &self.family {
            parts.push(family.as_str());
        }
        let mut out = parts.join(" ");
        if let Some(suffix) = &self.suffix {
            out.push_str(", ");
            out.push_str(suffix);
        }
        out
    }
}

/// The kinds of source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceType {
    /// A journal article.
    Article,
    /// A report by an institution.
    Report,
    /// A news article.
    News,
    /// A book.
    Book,
    /// A chapter in an edited book.
    Chapter,
    /// A government document.
    Government,
    /// A law, treaty, resolution or court decision.
    Legal,
    /// A dataset.
    Dataset,
    /// A post on a social network.
    SocialPost,
    /// A speech.
    Speech,
    /// An interview.
    Interview,
    /// A press release.
    PressRelease,
    /// A web page.
    Web,
}

impl SourceType {
    /// Every source type, in documentation order.
    pub const ALL: [SourceType; 13] = [
        SourceType::Article,
        SourceType::Report,
        SourceType::News,
        SourceType::Book,
        SourceType::Chapter,
        SourceType::Government,
        SourceType::Legal,
        SourceType::Dataset,
        SourceType::SocialPost,
        SourceType::Speech,
        SourceType::Interview,
        SourceType::PressRelease,
        SourceType::Web,
    ];

    /// The kebab-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            SourceType::Article => "article",
            SourceType::Report => "report",
            SourceType::News => "news",
            SourceType::Book => "book",
            SourceType::Chapter => "chapter",
            SourceType::Government => "government",
            SourceType::Legal => "legal",
            SourceType::Dataset => "dataset",
            SourceType::SocialPost => "social-post",
            SourceType::Speech => "speech",
            SourceType::Interview => "interview",
            SourceType::PressRelease => "press-release",
            SourceType::Web => "web",
        }
    }

    /// The CSL item type this maps to.
    pub const fn csl_type(self) -> &'static str {
        match self {
            SourceType::Article => "article-journal",
            SourceType::Report | SourceType::Government => "report",
            SourceType::News => "article-newspaper",
            SourceType::Book => "book",
            SourceType::Chapter => "chapter",
            SourceType::Legal => "legislation",
            SourceType::Dataset => "dataset",
            SourceType::SocialPost => "post",
            SourceType::Speech => "speech",
            SourceType::Interview => "interview",
            SourceType::PressRelease => "article",
            SourceType::Web => "webpage",
        }
    }

    /// The source type for a CSL item type.
    pub fn from_csl(csl: &str) -> Option<SourceType> {
        Some(match csl {
            "article-journal" | "article-magazine" | "article" | "paper-conference" => {
                SourceType::Article
            }
            "report" => SourceType::Report,
            "article-newspaper" | "broadcast" => SourceType::News,
            "book" | "thesis" => SourceType::Book,
            "chapter" | "entry-encyclopedia" | "entry-dictionary" | "entry" => SourceType::Chapter,
            "legislation" | "legal_case" | "bill" | "treaty" | "regulation" | "hearing" => {
                SourceType::Legal
            }
            "dataset" => SourceType::Dataset,
            "post" | "post-weblog" => SourceType::SocialPost,
            "speech" => SourceType::Speech,
            "interview" => SourceType::Interview,
            "webpage" => SourceType::Web,
            _ => return None,
        })
    }

    /// Whether a reader needs a URL, DOI or ISBN to find this kind of source.
    pub const fn needs_locator(self) -> bool {
        !matches!(
            self,
            SourceType::Interview | SourceType::Speech | SourceType::Legal
        )
    }

    /// Whether this kind of source lives on the web and needs an access date.
    pub const fn is_online(self) -> bool {
        matches!(
            self,
            SourceType::Web | SourceType::SocialPost | SourceType::News
        )
    }
}

/// A calendar date of which only the year may be known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
pub struct PartialDate {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: Option<u8>,
    /// The day of the month.
    pub day: Option<u8>,
}

impl PartialDate {
    /// A date of which only the year is known.
    pub const fn year(year: i32) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// Parses YYYY, YYYY-MM or YYYY-MM-DD, checking that the date exists.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let text = text.trim();
        let mut parts = text.split('-');
        let year_text = parts.next()?;
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year_text.parse().ok()?;
        let month = match parts.next() {
            Some(m) if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
                let m: u8 = m.parse().ok()?;
                if !(1..=12).contains(&m) {
                    return None;
                }
                Some(m)
            }
            Some(_) => return None,
            None => None,
        };
        let day = match parts.next() {
            Some(d) if d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()) => {
                let d: u8 = d.parse().ok()?;
                if d == 0 || d > days_in_month(year, month?) {
                    return None;
                }
                Some(d)
            }
            Some(_) => return None,
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(PartialDate { year, month, day })
    }

    /// Whether this date is certainly after `other`, comparing only the parts both know.
    pub fn is_after(self, other: PartialDate) -> bool {
        if self.year != other.year {
            return self.year > other.year;
        }
        match (self.month, other.month) {
            (Some(a), Some(b)) if a != b => a > b,
            (Some(_), Some(_)) => match (self.day, other.day) {
                (Some(a), Some(b)) => a > b,
                _ => false,
            },
            _ => false,
        }
    }
}

/// English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// The date for readers in English: "14 March 2025", or "March 14, 2025" when `us` is set;
    /// "March 2025" or "2025" when the day or month is unknown.
    pub fn long(self, us: bool) -> String {
        let Some(month) = self.month.and_then(|m| MONTH_NAMES.get(usize::from(m) - 1)) else {
            return self.year.to_string();
        };
        match self.day {
            Some(day) if us => format!("{month} {day}, {}", self.year),
            Some(day) => format!("{day} {month} {}", self.year),
            None => format!("{month} {}", self.year),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Where a source was defined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceLocation {
    /// The file: the brief itself or a bibliography it loaded.
    pub file: FileRef,
    /// The whole entry.
    pub span: Span,
    /// The `id` value or citation key.
    pub key_span: Span,
}

/// A source, normalized from whatever form it was written in: one CSL item.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// The citation key.
    pub id: String,
    /// The kind of source, when known.
    pub source_type: Option<SourceType>,
    /// The title.
    pub title: Option<String>,
    /// The authors.
    pub authors: Vec<PersonName>,
    /// The editors.
    pub editors: Vec<PersonName>,
    /// The publisher or institution.
    pub publisher: Option<String>,
    /// Where the publisher is.
    pub publisher_place: Option<String>,
    /// The journal, newspaper, site or book.
    pub container_title: Option<String>,
    /// The volume.
    pub volume: Option<String>,
    /// The issue.
    pub issue: Option<String>,
    /// The pages.
    pub page: Option<String>,
    /// The publication date as written.
    pub issued_text: Option<String>,
    /// The publication date, when it is a valid date.
    pub issued: Option<PartialDate>,
    /// The URL.
    pub url: Option<String>,
    /// The DOI.
    pub doi: Option<String>,
    /// The ISBN.
    pub isbn: Option<String>,
    /// When it was read online, as written.
    pub accessed_text: Option<String>,
    /// When it was read online.
    pub accessed: Option<PartialDate>,
    /// An archived copy.
    pub archive: Option<String>,
    /// The language.
    pub language: Option<String>,
    /// Verbatim excerpts.
    pub quotes: Vec<String>,
    /// A note.
    pub note: Option<String>,
    /// Where it was defined.
    pub location: SourceLocation,
}

impl Source {
    /// A source with only an id, defined at `location`.
    pub fn new(id: impl Into<String>, location: SourceLocation) -> Source {
        Source {
            id: id.into(),
            source_type: None,
            title: None,
            authors: Vec::new(),
            editors: Vec::new(),
            publisher: None,
            publisher_place: None,
            container_title: None,
            volume: None,
            issue: None,
            page: None,
            issued_text: None,
            issued: None,
            url: None,
            doi: None,
            isbn: None,
            accessed_text: None,
            accessed: None,
            archive: None,
            language: None,
            quotes: Vec::new(),
            note: None,
            location,
        }
    }

    /// Normalizes an entry from frontmatter or a `.yaml` bibliography.
    pub fn from_entry(entry: &SourceEntry, location: SourceLocation) -> Source {
        let issued = entry.issued.as_ref().or(entry.date.as_ref());
        let mut source = Source::new(entry.id.clone(), location);
        source.source_type = entry.source_type;
        source.title = non_empty(entry.title.as_deref());
        source.authors = entry.author.as_ref().map(Names::to_vec).unwrap_or_default();
        source.editors = entry.editor.as_ref().map(Names::to_vec).unwrap_or_default();
        source.publisher = non_empty(entry.publisher.as_deref());
        source.publisher_place = non_empty(entry.publisher_place.as_deref());
        source.container_title = non_empty(entry.container_title.as_deref());
        source.volume = entry.volume.as_ref().map(ToString::to_string);
        source.issue = entry.issue.as_ref().map(ToString::to_string);
        source.page = entry.page.as_ref().map(ToString::to_string);
        source.issued_text = issued.map(date_text);
        source.issued = issued.and_then(DateValue::to_partial);
        source.url = non_empty(entry.url_upper.as_deref().or(entry.url.as_deref()));
        source.doi = non_empty(entry.doi_upper.as_deref().or(entry.doi.as_deref()));
        source.isbn = non_empty(entry.isbn_upper.as_deref().or(entry.isbn.as_deref()));
        source.accessed_text = entry.accessed.as_ref().map(date_text);
        source.accessed = entry.accessed.as_ref().and_then(DateValue::to_partial);
        source.archive = non_empty(entry.archive.as_deref());
        source.language = non_empty(entry.language.as_deref());
        source.quotes = entry.quotes.clone();
        source.note = non_empty(entry.note.as_deref());
        source
    }

    /// The source as a CSL-JSON item, the form citation processors read.
    pub fn to_csl_json(&self) -> serde_json::Value {
        use serde_json::{Map, Value, json};
        let mut item = Map::new();
        item.insert("id".into(), json!(self.id));
        let csl_type = self.source_type.map_or("document", SourceType::csl_type);
        item.insert("type".into(), json!(csl_type));
        let mut put = |key: &str, value: &Option<String>| {
            if let Some(value) = value {
                item.insert(key.into(), json!(value));
            }
        };
        put("title", &self.title);
        put("publisher", &self.publisher);
        put("publisher-place", &self.publisher_place);
        put("container-title", &self.container_title);
        put("volume", &self.volume);
        put("issue", &self.issue);
        put("page", &self.page);
        put("URL", &self.url);
        put("DOI", &self.doi);
        put("ISBN", &self.isbn);
        put("archive", &self.archive);
        put("language", &self.language);
        put("note", &self.note);
        let names = |names: &[PersonName]| -> Value {
            Value::Array(
                names
                    .iter()
                    .map(|name| serde_json::to_value(name).unwrap_or(Value::Null))
                    .collect(),
            )
        };
        if !self.authors.is_empty() {
            item.insert("author".into(), names(&self.authors));
        }
        if !self.editors.is_empty() {
            item.insert("editor".into(), names(&self.editors));
        }
        let date = |date: PartialDate| {
            let mut parts = vec![date.year];
            if let Some(month) = date.month {
                parts.push(i32::from(month));
                if let Some(day) = date.day {
                    parts.push(i32::from(day));
                }
            }
            json!({ "date-parts": [parts] })
        };
        if let Some(issued) = self.issued {
            item.insert("issued".into(), date(issued));
        }
        if let Some(accessed) = self.accessed {
            item.insert("accessed".into(), date(accessed));
        }
        Value::Object(item)
    }

    /// A one-line description for hovers and worksheets: author, title, date.
    pub fn short_description(&self) -> String {
        let mut parts = Vec::new();
        if let Some(author) = self.authors.first() {
            let mut name = author.display();
            if self.authors.len() > 1 {
                name.push_str(" et al.");
            }
            parts.push(name);
        }
        parts.push(
            self.title
                .clone()
                .unwrap_or_else(|| format!("(untitled source `{}`)", self.id)),
        );
        if let Some(issued) = &self.issued_text {
            parts.push(issued.clone());
        }
        parts.join(", ")
    }
}

fn date_text(date: &DateValue) -> String {
    match date {
        DateValue::Year(year) => year.to_string(),
        DateValue::Text(text) => text.clone(),
    }
}

fn non_empty(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_are_checked() {
        assert_eq!(
            PartialDate::parse("2024-02-29"),
            Some(PartialDate {
                year: 2024,
                month: Some(2),
                day: Some(29)
            })
        );
        assert_eq!(PartialDate::parse("2023-02-29"), None);
        assert_eq!(PartialDate::parse("2023-13"), None);
        assert_eq!(PartialDate::parse("23-01-01"), None);
        assert_eq!(PartialDate::parse("2023").unwrap().to_string(), "2023");
    }

    #[test]
    fn long_dates() {
        let date = PartialDate::parse("2025-03-14").unwrap();
        assert_eq!(date.long(false), "14 March 2025");
        assert_eq!(date.long(true), "March 14, 2025");
        assert_eq!(
            PartialDate::parse("2025-03").unwrap().long(false),
            "March 2025"
        );
        assert_eq!(PartialDate::parse("2025").unwrap().long(true), "2025");
    }

    #[test]
    fn after_compares_known_parts_only() {
        let y2024 = PartialDate::parse("2024").unwrap();
        let may = PartialDate::parse("2024-05-02").unwrap();
        assert!(!y2024.is_after(may));
        assert!(!may.is_after(y2024));
        assert!(PartialDate::parse("2024-06").unwrap().is_after(may));
    }

    #[test]
    fn names_from_text() {
        let person = PersonName::from_text("Ani Margaryan");
        assert_eq!(person.family.as_deref(), Some("Margaryan"));
        let org = PersonName::from_text("International Crisis Group");
        assert_eq!(org.literal.as_deref(), Some("International Crisis Group"));
        let inverted = PersonName::from_text("Kerr, Daniel");
        assert_eq!(inverted.given.as_deref(), Some("Daniel"));
    }
}
