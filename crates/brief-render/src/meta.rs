//! The `<head>` metadata: description, Google Scholar (Highwire) `citation_*` tags, OpenGraph,
//! and a schema.org `Report` as JSON-LD.

use brief_model::{Document, Source};
use serde_json::{Value, json};

use crate::html::{escape_into, script_json};

/// What the head needs besides the document.
pub(crate) struct HeadInfo<'a> {
    pub(crate) url: Option<&'a str>,
    pub(crate) pdf_url: Option<&'a str>,
    pub(crate) description: Option<&'a str>,
    pub(crate) license_url: Option<&'a str>,
}

/// The metadata tags and the JSON-LD block.
pub(crate) fn head(doc: &Document, info: &HeadInfo<'_>) -> String {
    let fm = &doc.frontmatter;
    let mut out = String::with_capacity(4096);
    let mut meta = |attr: &str, name: &str, content: &str| {
        if content.trim().is_empty() {
            return;
        }
        out.push_str("<meta ");
        out.push_str(attr);
        out.push_str("=\"");
        out.push_str(name);
        out.push_str("\" content=\"");
        escape_into(&mut out, content.trim());
        out.push_str("\">\n");
    };
    if let Some(description) = info.description {
        meta("name", "description", description);
    }
    let authors: Vec<brief_model::Author> = fm.author_list().collect();
    if !authors.is_empty() {
        let names: Vec<&str> = authors.iter().map(|a| a.name.as_str()).collect();
        meta("name", "author", &names.join(", "));
    }
    if !fm.keywords.is_empty() {
        meta("name", "keywords", &fm.keywords.join(", "));
    }
    // Google Scholar / Highwire Press.
    meta("name", "citation_title", &fm.title);
    for author in &authors {
        meta("name", "citation_author", &author.name);
        if let Some(affiliation) = &author.affiliation {
            meta("name", "citation_author_institution", affiliation);
        }
        if let Some(email) = &author.email {
            meta("name", "citation_author_email", email);
        }
        if let Some(orcid) = &author.orcid {
            meta("name", "citation_author_orcid", &orcid_url(orcid));
        }
    }
    if let Some(date) = &fm.date {
        meta("name", "citation_publication_date", &date.replace('-', "/"));
    }
    if let Some(publisher) = &fm.publisher {
        meta("name", "citation_technical_report_institution", publisher);
        meta("name", "citation_publisher", publisher);
    }
    meta("name", "citation_language", &fm.lang);
    if !fm.keywords.is_empty() {
        meta("name", "citation_keywords", &fm.keywords.join("; "));
    }
    if let Some(url) = info.url {
        meta("name", "citation_abstract_html_url", url);
    }
    if let Some(pdf) = info.pdf_url {
        meta("name", "citation_pdf_url", pdf);
    }
    for source in &doc.sources {
        meta("name", "citation_reference", &reference(source));
    }
    // OpenGraph.
    meta("property", "og:type", "article");
    meta("property", "og:title", &fm.title);
    if let Some(description) = info.description {
        meta("property", "og:description", description);
    }
    if let Some(url) = info.url {
        meta("property", "og:url", url);
    }
    if let Some(publisher) = &fm.publisher {
        meta("property", "og:site_name", publisher);
    }
    meta("property", "og:locale", &fm.lang.replace('-', "_"));
    if let Some(date) = &fm.date {
        meta("property", "article:published_time", date);
    }
    if let Some(updated) = &fm.updated {
        meta("property", "article:modified_time", updated);
    }
    for author in &authors {
        meta("property", "article:author", &author.name);
    }
    for keyword in &fm.keywords {
        meta("property", "article:tag", keyword);
    }
    if let Some(url) = info.url {
        out.push_str("<link rel=\"canonical\" href=\"");
        escape_into(&mut out, url);
        out.push_str("\">\n");
    }
    out.push_str("<script type=\"application/ld+json\">\n");
    out.push_str(&script_json(&json_ld(doc, info)));
    out.push_str("\n</script>\n");
    out
}

/// One `citation_reference`: Highwire's `key=value; ...` form.
fn reference(source: &Source) -> String {
    let mut parts: Vec<String> = Vec::new();
    let clean = |text: &str| text.replace(';', ",");
    if let Some(title) = &source.title {
        parts.push(format!("citation_title={}", clean(title)));
    }
    for author in &source.authors {
        parts.push(format!("citation_author={}", clean(&author.display())));
    }
    if let Some(issued) = &source.issued {
        parts.push(format!("citation_publication_date={}", issued.year));
    }
    if let Some(container) = &source.container_title {
        parts.push(format!("citation_journal_title={}", clean(container)));
    }
    if let Some(publisher) = &source.publisher {
        parts.push(format!("citation_publisher={}", clean(publisher)));
    }
    if let Some(volume) = &source.volume {
        parts.push(format!("citation_volume={}", clean(volume)));
    }
    if let Some(issue) = &source.issue {
        parts.push(format!("citation_issue={}", clean(issue)));
    }
    if let Some(page) = &source.page {
        let mut pages = page.splitn(2, ['-', '–']);
        if let Some(first) = pages.next() {
            parts.push(format!("citation_firstpage={}", first.trim()));
        }
        if let Some(last) = pages.next() {
            parts.push(format!("citation_lastpage={}", last.trim()));
        }
    }
    if let Some(doi) = &source.doi {
        parts.push(format!("citation_doi={}", clean(doi)));
    }
    if let Some(isbn) = &source.isbn {
        parts.push(format!("citation_isbn={}", clean(isbn)));
    }
    if let Some(url) = &source.url {
        parts.push(format!("citation_public_url={}", clean(url)));
    }
    parts.join("; ")
}

pub(crate) fn orcid_url(orcid: &str) -> String {
    if orcid.starts_with("https://") {
        orcid.to_owned()
    } else {
        format!("https://orcid.org/{orcid}")
    }
}

/// The schema.org `Report`.
fn json_ld(doc: &Document, info: &HeadInfo<'_>) -> Value {
    let fm = &doc.frontmatter;
    let authors: Vec<Value> = fm
        .author_list()
        .map(|author| {
            let mut person = json!({ "@type": "Person", "name": author.name });
            if let Some(honorific) = &author.honorific {
                person["honorificPrefix"] = json!(honorific);
            }
            if let Some(suffix) = &author.suffix {
                person["honorificSuffix"] = json!(suffix);
            }
            if let Some(position) = &author.position {
                person["jobTitle"] = json!(position);
            }
            if let Some(affiliation) = &author.affiliation {
                person["affiliation"] = json!({ "@type": "Organization", "name": affiliation });
            }
            if let Some(email) = &author.email {
                person["email"] = json!(email);
            }
            let mut same_as = Vec::new();
            if let Some(orcid) = &author.orcid {
                same_as.push(orcid_url(orcid));
            }
            if let Some(url) = &author.url {
                same_as.push(url.clone());
            }
            if !same_as.is_empty() {
                person["sameAs"] = json!(same_as);
            }
            person
        })
        .collect();
    let mut report = json!({
        "@context": "https://schema.org",
        "@type": "Report",
        "headline": fm.title,
        "name": fm.title,
        "inLanguage": fm.lang,
        "author": authors,
        "genre": fm.brief_type.label(),
        "creativeWorkStatus": fm.status.as_str(),
    });
    if let Some(subtitle) = &fm.subtitle {
        report["alternativeHeadline"] = json!(subtitle);
    }
    if let Some(description) = info.description {
        report["abstract"] = json!(description);
        report["description"] = json!(description);
    }
    if let Some(publisher) = &fm.publisher {
        report["publisher"] = json!({ "@type": "Organization", "name": publisher });
    }
    if let Some(date) = &fm.date {
        report["datePublished"] = json!(date);
    }
    if let Some(updated) = &fm.updated {
        report["dateModified"] = json!(updated);
    }
    if !fm.keywords.is_empty() {
        report["keywords"] = json!(fm.keywords);
    }
    if !fm.regions.is_empty() {
        report["spatialCoverage"] = json!(
            fm.regions
                .iter()
                .map(|r| json!({ "@type": "Place", "name": r }))
                .collect::<Vec<_>>()
        );
    }
    if let Some(audience) = &fm.audience {
        report["audience"] = json!({ "@type": "Audience", "audienceType": audience });
    }
    if let Some(license) = info.license_url.or(fm.license.as_deref()) {
        report["license"] = json!(license);
    }
    if let Some(url) = info.url {
        report["url"] = json!(url);
    }
    if let Some(pdf) = info.pdf_url {
        report["encoding"] = json!({
            "@type": "MediaObject",
            "encodingFormat": "application/pdf",
            "contentUrl": pdf
        });
    }
    let citations: Vec<Value> = doc
        .sources
        .iter()
        .map(|source| {
            let mut work = json!({ "@type": "CreativeWork" });
            if let Some(title) = &source.title {
                work["name"] = json!(title);
            }
            if !source.authors.is_empty() {
                work["author"] = json!(
                    source
                        .authors
                        .iter()
                        .map(|a| a.display())
                        .collect::<Vec<_>>()
                );
            }
            if let Some(issued) = &source.issued {
                work["datePublished"] = json!(issued.to_string());
            }
            if let Some(url) = &source.url {
                work["url"] = json!(url);
            }
            if let Some(doi) = &source.doi {
                work["sameAs"] = json!(format!("https://doi.org/{doi}"));
            }
            work
        })
        .collect();
    if !citations.is_empty() {
        report["citation"] = json!(citations);
    }
    report
}
