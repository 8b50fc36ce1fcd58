//! `brief-data`: the frontmatter as a Typst dictionary, the one value a template reads.
//!
//! Display values are content blocks of string literals (so they keep smart quotes and stay
//! text); values meant for metadata are plain strings. docs/pdf.md lists every key.

use brief_model::config::PageSize;
use brief_model::{Document, Status};

use crate::markup::{content, content_or_none, push_str_literal, str_literal, str_or_none};

/// Font families for the template, chosen among the installed ones.
pub(crate) struct FontChoice {
    pub(crate) serif: Vec<String>,
    pub(crate) sans: Vec<String>,
    pub(crate) mono: Vec<String>,
}

/// The `#let brief-data = (...)` definition.
pub(crate) fn brief_data(
    doc: &Document,
    page_size: PageSize,
    fonts: &FontChoice,
    logo: Option<&Logo>,
    summary_up_front: bool,
) -> String {
    let fm = &doc.frontmatter;
    let authors: Vec<brief_model::Author> = fm.author_list().collect();
    let (lang, region) = split_lang(&fm.lang);
    let mut out = String::from("#let brief-data = (\n");
    let mut field = |key: &str, value: String| {
        out.push_str("  ");
        out.push_str(key);
        out.push_str(": ");
        out.push_str(&value);
        out.push_str(",\n");
    };

    let description = doc
        .summary
        .as_ref()
        .map(|s| strip_citations(&s.text))
        .filter(|s| !s.trim().is_empty());
    field(
        "meta",
        format!(
            "(\n    title: {},\n    authors: {},\n    keywords: {},\n    description: {},\n    date: {},\n    lang: {},\n    region: {},\n  )",
            str_literal(non_empty_or(&fm.title, "Untitled brief")),
            str_array(authors.iter().map(|a| a.name.as_str())),
            str_array(fm.keywords.iter().map(String::as_str)),
            str_or_none(description.as_deref()),
            fm.date
                .as_deref()
                .and_then(datetime)
                .unwrap_or_else(|| "none".to_owned()),
            str_literal(&lang),
            str_or_none(region.as_deref()),
        ),
    );
    field("title", content(non_empty_or(&fm.title, "Untitled brief")));
    field("short-title", content(&short_title(doc)));
    field("subtitle", content_or_none(fm.subtitle.as_deref()));
    field("type", str_literal(fm.brief_type.as_str()));
    field("type-label", content(fm.brief_type.label()));
    field("status", str_literal(fm.status.as_str()));
    let region_upper = region.as_deref().map(str::to_ascii_uppercase);
    let us_dates = lang == "en" && region_upper.as_deref() == Some("US");
    field(
        "date",
        content_or_none(
            fm.date
                .as_deref()
                .map(|d| display_date(d, &lang, us_dates))
                .as_deref(),
        ),
    );
    field(
        "updated",
        content_or_none(
            fm.updated
                .as_deref()
                .map(|d| display_date(d, &lang, us_dates))
                .as_deref(),
        ),
    );
    field("publisher", content_or_none(fm.publisher.as_deref()));
    field("audience", content_or_none(fm.audience.as_deref()));
    let author_items: Vec<String> = authors
        .iter()
        .map(|a| {
            format!(
                "(name: {}, display: {}, honorific: {}, suffix: {}, position: {}, affiliation: {}, email: {}, orcid: {}, url: {})",
                content(&a.name),
                content(&a.display_name()),
                content_or_none(a.honorific.as_deref()),
                content_or_none(a.suffix.as_deref()),
                content_or_none(a.position.as_deref()),
                content_or_none(a.affiliation.as_deref()),
                str_or_none(a.email.as_deref()),
                str_or_none(a.orcid.as_deref()),
                str_or_none(a.url.as_deref()),
            )
        })
        .collect();
    field("authors", tuple(&author_items, "\n    "));
    let summary = doc
        .summary
        .as_ref()
        .filter(|s| s.from_frontmatter)
        .map(|s| s.text.as_str());
    field("summary", content_or_none(summary));
    field("summary-up-front", summary_up_front.to_string());
    let points: Vec<String> = fm.key_points.iter().map(|p| content(p)).collect();
    field("key-points", tuple(&points, " "));
    let keywords: Vec<String> = fm.keywords.iter().map(|k| content(k)).collect();
    field("keywords", tuple(&keywords, " "));
    let regions: Vec<String> = fm.regions.iter().map(|r| content(r)).collect();
    field("regions", tuple(&regions, " "));
    let related: Vec<String> = fm
        .related
        .iter()
        .map(|r| {
            format!(
                "(title: {}, url: {})",
                content(&r.title),
                str_or_none(r.url.as_deref())
            )
        })
        .collect();
    field("related", tuple(&related, " "));
    field("license", str_or_none(fm.license.as_deref()));
    field(
        "paper",
        str_literal(match page_size {
            PageSize::A4 => "a4",
            PageSize::Letter => "us-letter",
        }),
    );
    field(
        "fonts",
        format!(
            "(serif: {}, sans: {}, mono: {})",
            str_array(fonts.serif.iter().map(String::as_str)),
            str_array(fonts.sans.iter().map(String::as_str)),
            str_array(fonts.mono.iter().map(String::as_str)),
        ),
    );
    field("logo", logo.map_or("none".to_owned(), Logo::typst));
    let banner = match fm.status {
        Status::Draft => Some("Draft: not for circulation or citation"),
        Status::Review => Some("Review copy: not for circulation or citation"),
        Status::Final => None,
    };
    field("banner", content_or_none(banner));
    field(
        "labels",
        format!(
            "(summary: {}, key-points: {}, recommendation: {}, page-of: {}, status: {}, related: {}, license: {})",
            content("Summary"),
            content("Key points"),
            content("Recommendation"),
            content("of"),
            content(match fm.status {
                Status::Draft => "Draft",
                Status::Review => "Review copy",
                Status::Final => "",
            }),
            content("Related publications"),
            content("This brief is published under the license"),
        ),
    );
    out.push_str(")\n");
    out
}

/// A theme's logo, embedded in the source so that the `.typ` file stands alone.
pub(crate) struct Logo {
    pub(crate) bytes: Vec<u8>,
    pub(crate) svg: bool,
}

impl Logo {
    fn typst(&self) -> String {
        if self.svg
            && let Ok(text) = std::str::from_utf8(&self.bytes)
        {
            let mut out = String::from("bytes(");
            push_str_literal(&mut out, text);
            out.push(')');
            return out;
        }
        let mut out = String::with_capacity(self.bytes.len() * 4 + 10);
        out.push_str("bytes((");
        for (idx, byte) in self.bytes.iter().enumerate() {
            if idx > 0 {
                out.push(',');
            }
            if idx % 32 == 31 {
                out.push('\n');
            }
            out.push_str(&byte.to_string());
        }
        out.push_str(",))");
        out
    }
}

fn non_empty_or<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    if text.trim().is_empty() {
        fallback
    } else {
        text.trim()
    }
}

fn str_array<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = items
        .filter(|s| !s.trim().is_empty())
        .map(|s| str_literal(s.trim()))
        .collect();
    tuple(&items, " ")
}

/// A Typst array: `()` when empty, `(a,)` for one item.
fn tuple(items: &[String], sep: &str) -> String {
    if items.is_empty() {
        return "()".to_owned();
    }
    let mut out = String::from("(");
    for (idx, item) in items.iter().enumerate() {
        if idx > 0 {
            out.push_str(sep);
        }
        out.push_str(item);
        out.push(',');
    }
    out.push(')');
    out
}

/// `en-GB` as (`en`, `gb`).
fn split_lang(tag: &str) -> (String, Option<String>) {
    let mut parts = tag.trim().split(['-', '_']);
    let lang = parts
        .next()
        .filter(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()))
        .map_or("en".to_owned(), str::to_ascii_lowercase);
    let region = parts
        .find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase);
    (lang, region)
}

/// A `YYYY-MM-DD` date as a Typst `datetime(...)`.
fn datetime(date: &str) -> Option<String> {
    let parsed = brief_model::source::PartialDate::parse(date)?;
    Some(format!(
        "datetime(year: {}, month: {}, day: {})",
        parsed.year,
        parsed.month.unwrap_or(1),
        parsed.day.unwrap_or(1)
    ))
}

/// A date for readers: "14 March 2025" in English ("March 14, 2025" in American English),
/// else as written.
fn display_date(date: &str, lang: &str, us: bool) -> String {
    match brief_model::source::PartialDate::parse(date) {
        Some(parsed) if lang == "en" => parsed.long(us),
        _ => date.to_owned(),
    }
}

/// Text without Pandoc citation groups (`[see @a, p. 4]`), for metadata.
fn strip_citations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            break;
        };
        let inner = &rest[open + 1..close];
        if inner.contains('@') {
            out.push_str(rest[..open].trim_end());
        } else {
            out.push_str(&rest[..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The title for running heads: `x-short-title`, else the part before a colon of a long
/// title, else the title.
pub(crate) fn short_title(doc: &Document) -> String {
    let fm = &doc.frontmatter;
    if let Some(short) = fm.extra.get("x-short-title").and_then(|v| v.as_str())
        && !short.trim().is_empty()
    {
        return short.trim().to_owned();
    }
    let title = non_empty_or(&fm.title, "Untitled brief");
    if title.chars().count() > 60
        && let Some((head, _)) = title.split_once(": ")
        && head.split_whitespace().count() >= 2
    {
        return head.to_owned();
    }
    title.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_leave_metadata() {
        assert_eq!(
            strip_citations("Gas rose [@a, p. 4]. Prices [fell] [see @b; @c]."),
            "Gas rose. Prices [fell]."
        );
    }

    #[test]
    fn dates_for_readers() {
        assert_eq!(display_date("2025-03-14", "en", false), "14 March 2025");
        assert_eq!(display_date("2025-03-14", "en", true), "March 14, 2025");
        assert_eq!(display_date("2025-03", "en", false), "March 2025");
        assert_eq!(display_date("2025-03-14", "hy", false), "2025-03-14");
    }

    #[test]
    fn languages_split_into_lang_and_region() {
        assert_eq!(
            split_lang("en-GB"),
            ("en".to_owned(), Some("gb".to_owned()))
        );
        assert_eq!(split_lang("hy"), ("hy".to_owned(), None));
        assert_eq!(split_lang(""), ("en".to_owned(), None));
    }

    #[test]
    fn arrays_have_trailing_commas() {
        assert_eq!(tuple(&[], " "), "()");
        assert_eq!(tuple(&["1".to_owned()], " "), "(1,)");
        assert_eq!(tuple(&["1".to_owned(), "2".to_owned()], " "), "(1, 2,)");
    }
}
