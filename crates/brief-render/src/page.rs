//! The page around the body: notes, bibliography, title block data, "cite this brief", and the
//! variables handed to the theme's template (listed in `docs/themes.md`).

use brief_model::Document;
use brief_model::config::PageSize;
use minijinja::Value;
use serde::Serialize;

use crate::body::{self, Body, Note, TocEntry};
use crate::cite::{self, CitationStyle, Fragment};
use crate::html::{css_string, escape, escape_into};
use crate::meta::{self, HeadInfo, orcid_url};
use crate::{Citations, HtmlKind, RenderContext};

/// An author as the templates see it.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct AuthorView {
    name: String,
    display_name: String,
    honorific: Option<String>,
    suffix: Option<String>,
    position: Option<String>,
    affiliation: Option<String>,
    email: Option<String>,
    orcid: Option<String>,
    orcid_url: Option<String>,
    url: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
struct LicenseView {
    id: String,
    name: String,
    url: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
struct RelatedView {
    title: String,
    url: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
struct CoverView {
    src: Option<String>,
    alt: String,
    caption: Option<String>,
    credit: Option<String>,
    license: Option<String>,
}

/// Everything a page template gets.
pub(crate) struct Page {
    data: serde_json::Value,
    body: String,
    notes: String,
    bibliography: String,
    toc_html: String,
    cite_as: String,
    head: String,
    css: String,
}

impl Page {
    pub(crate) fn build(
        doc: &Document,
        ctx: &RenderContext<'_>,
        kind: HtmlKind,
        style: &CitationStyle,
        body: &Body,
        citations: &Citations,
    ) -> Page {
        let fm = &doc.frontmatter;
        let fill = |marker: char, idx: usize| -> String {
            let Some(Some(citation)) = citations.by_record.get(idx) else {
                return String::new();
            };
            match marker {
                'A' => citation
                    .author
                    .as_ref()
                    .map(Fragment::to_html)
                    .unwrap_or_default(),
                _ => citation.text.to_html(),
            }
        };
        let body_html = body::fill_placeholders(&body.html, &fill);
        let notes = notes_html(body, citations, &fill);
        let bibliography = bibliography_html(body, style, citations);
        let description = fm
            .summary
            .clone()
            .or_else(|| doc.summary.as_ref().map(|s| s.text.clone()));
        let license = fm.license.as_deref().map(license_view);
        let head = meta::head(
            doc,
            &HeadInfo {
                url: ctx.url.as_deref(),
                pdf_url: ctx.pdf_url.as_deref(),
                description: description.as_deref(),
                license_url: license.as_ref().and_then(|l| l.url.as_deref()),
            },
        );
        let short_title = short_title(&fm.title);
        let mut css = ctx.theme().css(kind == HtmlKind::Print);
        if kind == HtmlKind::Print {
            css.push_str(&page_rules(
                ctx.page_size,
                &short_title,
                fm.publisher.as_deref(),
            ));
        }
        let cite_as = cite::self_item(doc, ctx.url.as_deref())
            .and_then(|item| cite::format_self(style, &item, &fm.lang))
            .map(|f| f.to_html())
            .unwrap_or_default();
        let toc_html = if ctx.toc {
            toc_html(&body.toc)
        } else {
            String::new()
        };
        let authors: Vec<AuthorView> = fm
            .author_list()
            .map(|a| AuthorView {
                display_name: a.display_name(),
                orcid_url: a.orcid.as_deref().map(orcid_url),
                name: a.name,
                honorific: a.honorific,
                suffix: a.suffix,
                position: a.position,
                affiliation: a.affiliation,
                email: a.email,
                orcid: a.orcid,
                url: a.url.filter(|u| crate::html::is_safe_url(u)),
            })
            .collect();
        let cover = fm.image.as_ref().map(|image| CoverView {
            src: load_cover(ctx, &image.src),
            alt: image.alt.clone().unwrap_or_default(),
            caption: image.caption.clone(),
            credit: image.credit.clone(),
            license: image.license.clone(),
        });
        let banner = match fm.status {
            brief_model::Status::Draft => Some("Draft: not for citation or circulation"),
            brief_model::Status::Review => Some("Under review: not for citation"),
            brief_model::Status::Final => None,
        };
        let related: Vec<RelatedView> = fm
            .related
            .iter()
            .map(|r| RelatedView {
                title: r.title.clone(),
                url: r
                    .url
                    .clone()
                    .or_else(|| r.path.as_deref().map(|p| p.replace(".md", ".html")))
                    .filter(|u| crate::html::is_safe_url(u)),
            })
            .collect();
        let data = serde_json::json!({
            "lang": fm.lang,
            "dir": direction(&fm.lang),
            "kind": kind.name(),
            "title": fm.title,
            "short_title": short_title,
            "subtitle": fm.subtitle,
            "brief_type": fm.brief_type.as_str(),
            "type_label": fm.brief_type.label(),
            "status": fm.status.as_str(),
            "banner": banner,
            "date": fm.date,
            "date_display": fm.date.as_deref().map(display_date),
            "updated": fm.updated,
            "updated_display": fm.updated.as_deref().map(display_date),
            "publisher": fm.publisher,
            "authors": authors,
            "audience": fm.audience,
            "summary": fm.summary,
            "summary_in_body": fm.summary.is_none() && doc.summary.is_some(),
            "key_points": fm.key_points,
            "keywords": fm.keywords,
            "regions": fm.regions,
            "cover": cover,
            "logo": ctx.theme().logo(),
            "toc": if ctx.toc { Some(&body.toc) } else { None },
            "license": license,
            "related": related,
            "url": ctx.url,
            "pdf_url": ctx.pdf_url,
            "page_size": match ctx.page_size { PageSize::A4 => "A4", PageSize::Letter => "Letter" },
            "citation_style": { "name": style.name(), "title": style.title() },
            "notes_count": body.notes.len(),
            "generator": concat!("brief ", env!("CARGO_PKG_VERSION")),
        });
        Page {
            data,
            body: body_html,
            notes,
            bibliography,
            toc_html,
            cite_as,
            head,
            css,
        }
    }

    /// The template context: the plain data, plus the HTML pieces marked safe.
    pub(crate) fn context(self) -> Value {
        let data = Value::from(minijinja::value::Serde(&self.data));
        let html = minijinja::context! {
            body => Value::from_safe_string(self.body),
            notes => Value::from_safe_string(self.notes),
            bibliography => Value::from_safe_string(self.bibliography),
            toc_html => Value::from_safe_string(self.toc_html),
            cite_as => Value::from_safe_string(self.cite_as),
            head => Value::from_safe_string(self.head),
            css => Value::from_safe_string(self.css),
        };
        minijinja::context! { ..html, ..data }
    }
}

fn notes_html(body: &Body, citations: &Citations, fill: &dyn Fn(char, usize) -> String) -> String {
    if body.notes.is_empty() {
        return String::new();
    }
    let slot = body.notes_slot.clone().unwrap_or_default();
    let id = if slot.id.is_empty() {
        "notes".to_owned()
    } else {
        slot.id
    };
    let title = if slot.text.is_empty() {
        "Notes".to_owned()
    } else {
        slot.text
    };
    let mut out = String::new();
    out.push_str("<section class=\"endnotes\" role=\"doc-endnotes\" aria-labelledby=\"");
    escape_into(&mut out, &id);
    out.push_str("\">\n<h2 id=\"");
    escape_into(&mut out, &id);
    out.push_str("\">");
    escape_into(&mut out, &title);
    out.push_str("</h2>\n<ol>\n");
    for (idx, note) in body.notes.iter().enumerate() {
        let number = idx + 1;
        let mut content = match note {
            Note::Footnote { label } => {
                body::fill_placeholders(body.footnotes.get(label).map_or("", String::as_str), fill)
            }
            Note::Citation { record } => {
                let text = citations
                    .by_record
                    .get(*record)
                    .and_then(Option::as_ref)
                    .map(|c| c.text.to_html())
                    .unwrap_or_default();
                format!("<p>{text}</p>\n")
            }
            Note::Link { url } => {
                let url = escape(url);
                format!("<p><a href=\"{url}\">{url}</a></p>\n")
            }
        };
        let mut backlinks = String::new();
        let refs = body.note_refs.get(idx).copied().unwrap_or(1).max(1);
        for occurrence in 1..=refs {
            backlinks.push_str(" <a href=\"#fnref-");
            backlinks.push_str(&number.to_string());
            if occurrence > 1 {
                backlinks.push('-');
                backlinks.push_str(&occurrence.to_string());
            }
            backlinks.push_str(
                "\" class=\"backlink\" role=\"doc-backlink\" aria-label=\"Back to reference ",
            );
            backlinks.push_str(&number.to_string());
            if refs > 1 {
                backlinks.push_str(&format!(" ({occurrence})"));
            }
            backlinks.push_str("\">↩\u{fe0e}</a>");
        }
        let trimmed = content.trim_end().len();
        if content[..trimmed].ends_with("</p>") {
            content.insert_str(trimmed - 4, &backlinks);
        } else {
            content.push_str(&format!("<p>{backlinks}</p>\n"));
        }
        out.push_str("<li id=\"fn-");
        out.push_str(&number.to_string());
        out.push_str("\">");
        out.push_str(content.trim_end());
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
    out
}

fn bibliography_html(body: &Body, style: &CitationStyle, citations: &Citations) -> String {
    if citations.bibliography.is_empty() {
        return String::new();
    }
    let slot = body.bibliography_slot.clone().unwrap_or_default();
    let id = if slot.id.is_empty() {
        "bibliography".to_owned()
    } else {
        slot.id
    };
    let title = if slot.text.is_empty() {
        style.bibliography_heading().to_owned()
    } else {
        slot.text
    };
    let mut out = String::new();
    out.push_str("<section class=\"bibliography\" role=\"doc-bibliography\" aria-labelledby=\"");
    escape_into(&mut out, &id);
    out.push_str("\">\n<h2 id=\"");
    escape_into(&mut out, &id);
    out.push_str("\">");
    escape_into(&mut out, &title);
    out.push_str("</h2>\n<ul class=\"references\">\n");
    for entry in &citations.bibliography {
        out.push_str("<li id=\"ref-");
        escape_into(&mut out, &entry.key);
        out.push_str("\">");
        out.push_str(&entry.text.to_html());
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n");
    out
}

fn toc_html(toc: &[TocEntry]) -> String {
    if toc.is_empty() {
        return String::new();
    }
    let top = toc.iter().map(|e| e.level).min().unwrap_or(2);
    let mut out = String::from(
        "<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<h2 id=\"toc-title\">Contents</h2>\n<ol>\n",
    );
    let mut open_sub = false;
    for (idx, entry) in toc.iter().enumerate() {
        let sub = entry.level > top;
        if sub && !open_sub {
            if idx == 0 {
                out.push_str("<li>");
            }
            out.push_str("\n<ol>\n");
            open_sub = true;
        } else if !sub && open_sub {
            out.push_str("</ol>\n</li>\n");
            open_sub = false;
        } else if idx > 0 {
            out.push_str("</li>\n");
        }
        out.push_str("<li><a href=\"#");
        escape_into(&mut out, &entry.id);
        out.push_str("\">");
        escape_into(&mut out, &entry.text);
        out.push_str("</a>");
    }
    if open_sub {
        out.push_str("</li>\n</ol>\n");
    }
    out.push_str("</li>\n</ol>\n</nav>\n");
    out
}

/// The `@page` rules that depend on the brief: size, running head and page numbers.
fn page_rules(size: PageSize, short_title: &str, publisher: Option<&str>) -> String {
    let size = match size {
        PageSize::A4 => "A4",
        PageSize::Letter => "letter",
    };
    let left = publisher.map_or_else(|| "\"\"".to_owned(), css_string);
    format!(
        "\n@page {{ size: {size}; @top-left {{ content: {title}; }} @top-right {{ content: {left}; }} }}\n\
         @page :first {{ @top-left {{ content: none; }} @top-right {{ content: none; }} }}\n",
        title = css_string(short_title),
    )
}

/// The title up to its colon, shortened to about 60 characters at a word boundary.
fn short_title(title: &str) -> String {
    let head = title.split(": ").next().unwrap_or(title).trim();
    if head.chars().count() <= 60 {
        return head.to_owned();
    }
    let mut out = String::new();
    for word in head.split_whitespace() {
        if out.chars().count() + word.chars().count() > 57 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

fn display_date(date: &str) -> String {
    match brief_model::source::PartialDate::parse(date) {
        Some(date) => date.long(false),
        None => date.to_owned(),
    }
}

fn direction(lang: &str) -> &'static str {
    let primary = lang.split('-').next().unwrap_or("").to_ascii_lowercase();
    if matches!(
        primary.as_str(),
        "ar" | "he" | "fa" | "ur" | "ps" | "sd" | "ug" | "yi" | "dv"
    ) {
        "rtl"
    } else {
        "ltr"
    }
}

/// An SPDX identifier with a readable name and, for Creative Commons licenses, the deed's URL.
fn license_view(id: &str) -> LicenseView {
    let upper = id.trim().to_ascii_uppercase();
    let (name, url) = if upper == "CC0-1.0" {
        (
            "CC0 1.0 Universal".to_owned(),
            Some("https://creativecommons.org/publicdomain/zero/1.0/".to_owned()),
        )
    } else if let Some(rest) = upper.strip_prefix("CC-") {
        let (terms, version) = rest.rsplit_once('-').unwrap_or((rest, "4.0"));
        let words: Vec<&str> = terms
            .split('-')
            .map(|t| match t {
                "BY" => "Attribution",
                "SA" => "ShareAlike",
                "NC" => "NonCommercial",
                "ND" => "NoDerivatives",
                _ => "",
            })
            .collect();
        (
            format!(
                "Creative Commons {} {version} International",
                words.join("-")
            ),
            Some(format!(
                "https://creativecommons.org/licenses/{}/{version}/",
                terms.to_ascii_lowercase()
            )),
        )
    } else {
        (id.to_owned(), None)
    };
    LicenseView {
        id: id.to_owned(),
        name,
        url,
    }
}

fn load_cover(ctx: &RenderContext<'_>, src: &str) -> Option<String> {
    let media = crate::html::media_type(src)?;
    if crate::html::scheme(src).is_some() {
        return None;
    }
    let bytes = ctx.loader.read_bytes(&ctx.brief_dir.join(src)).ok()?;
    Some(crate::html::data_uri(media, &bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licenses_get_names_and_deeds() {
        let cc = license_view("CC-BY-4.0");
        assert_eq!(cc.name, "Creative Commons Attribution 4.0 International");
        assert_eq!(
            cc.url.as_deref(),
            Some("https://creativecommons.org/licenses/by/4.0/")
        );
        assert_eq!(license_view("MIT").url, None);
    }

    #[test]
    fn short_titles_stop_at_the_colon() {
        assert_eq!(
            short_title("Holding the Line: Border Delimitation"),
            "Holding the Line"
        );
        assert!(short_title(&"word ".repeat(30)).ends_with('…'));
    }

    #[test]
    fn dates_read_well() {
        assert_eq!(display_date("2025-03-14"), "14 March 2025");
        assert_eq!(display_date("2025-06"), "June 2025");
    }
}
