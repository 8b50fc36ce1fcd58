//! `sources/incomplete-note`.

use brief_model::text::WordList;

use crate::rule::{Context, Report, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a footnote that reads as a reference (it has a URL, a title in italics or quotation
    /// marks, or a publisher and a year) but lacks one of the three parts a reader needs: a
    /// title-like part (italics, quotation marks or a few words of description), a year, and a
    /// URL or a publisher. Explanatory notes, interview notes (which have no URL or publisher)
    /// and short forms of a note given in full elsewhere ("ICSD, *Drawing the Line*, p. 18",
    /// without a URL) are left alone.
    ///
    /// ## Why it matters
    /// A bare URL rots; a title without a year or a place to find it cannot be traced.
    ///
    /// ## Example
    /// ```markdown
    /// [^2]: https://example.org/amu-darya-flows
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// [^2]: Central Asia Water Observatory, *Amu Darya Flow Data 1990–2023* (2024),
    ///     https://example.org/amu-darya-flows.
    /// ```
    pub(crate) const RULE = {
        code: "sources/incomplete-note",
        severity: Info,
        summary: "a reference footnote missing a title, a year, or a URL or publisher",
        fix: None,
        check: Some(check),
    };
}

static PUBLISHER_WORDS: WordList = WordList::new(&[
    "press",
    "institute",
    "institution",
    "ministry",
    "university",
    "office",
    "agency",
    "bank",
    "commission",
    "council",
    "group",
    "foundation",
    "centre",
    "center",
    "organization",
    "organisation",
    "department",
    "programme",
    "program",
    "fund",
    "association",
    "service",
    "times",
    "news",
    "post",
    "journal",
    "review",
    "observatory",
    "network",
    "secretariat",
    "government",
    "parliament",
    "assembly",
    "court",
    "reuters",
    "forum",
    "authority",
    "board",
    "army",
    "navy",
    "committee",
    "congress",
    "senate",
    "nations",
    "union",
    "corporation",
    "endowment",
    "house",
    "publishing",
    "publishers",
    "publications",
    "books",
    "editions",
    "survey",
    "tribunal",
    "panel",
    "bureau",
    "statistics",
    "agence",
    "ministère",
]);

/// Words that make a note a record of an interview or a conversation, which has no URL or
/// publisher.
static PERSONAL: WordList = WordList::new(&[
    "interview",
    "interviews",
    "correspondence",
    "conversation",
    "conversations",
    "communication",
    "email",
    "e-mail",
    "meeting",
    "roundtable",
    "discussion",
    "discussions",
]);

/// Whether a note gives a place and a publisher the way references do: "(Paris: OECD Publishing,
/// 2016)".
fn place_and_publisher(markdown: &str) -> bool {
    markdown.split('(').skip(1).any(|rest| {
        let inner = rest.split(')').next().unwrap_or("");
        inner.split_once(':').is_some_and(|(place, publisher)| {
            !place.trim().is_empty() && brief_model::count_words(publisher) >= 1
        })
    })
}

/// Whether a note has a year in parentheses the way references write it: "(2024)" or
/// "(Geneva: ICSD, 2024)".
fn publication_year(markdown: &str) -> bool {
    markdown.split('(').skip(1).any(|rest| {
        let inner = rest.split(')').next().unwrap_or("").trim();
        let year = inner.rsplit([' ', ',']).next().unwrap_or("");
        year.len() == 4
            && crate::claims::has_absolute_date(year)
            && (inner.len() == 4 || inner.contains(':'))
    })
}

fn check(ctx: &Context<'_>, report: &mut Report<'_>) {
    let doc = ctx.doc;
    // Each note without its URLs, whether it has a year, and its lowercase text.
    let notes: Vec<(String, bool, String)> = doc
        .footnotes
        .iter()
        .map(|f| {
            let markdown = super::note_without_urls(doc, f);
            let has_year = crate::claims::has_absolute_date(&markdown);
            let lower = markdown.to_lowercase();
            (markdown, has_year, lower)
        })
        .collect();
    for (idx, footnote) in doc.footnotes.iter().enumerate() {
        let (markdown, has_year, lower) = (&notes[idx].0, notes[idx].1, &notes[idx].2);
        let has_url = !footnote.urls.is_empty();
        let title = super::note_title(markdown);
        // Quotation marks in an explanatory note quote someone; in a reference they hold a title,
        // written in title case or next to a year or a URL.
        let quoted_only = !markdown.contains('*') && !markdown.contains('_');
        let title_marker = title.as_ref().is_some_and(|t| {
            !quoted_only || has_year || has_url || crate::claims::is_title_case(t)
        });
        let has_title = title_marker || brief_model::count_words(markdown) >= 6;
        let mut words = lower
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty());
        // A publisher: a word that names an organisation, an acronym ("USGS", "OECD"), or the
        // "(Place: Publisher, Year)" of a reference.
        let acronym = markdown
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.chars().count() >= 3 && w.chars().all(|c| c.is_ascii_uppercase()));
        let has_publisher = words.clone().any(|w| PUBLISHER_WORDS.contains(w))
            || acronym
            || place_and_publisher(markdown);
        // A note reads as a reference when it has a URL, a title, a publisher and a year, or a
        // year in a reference's parentheses ("(2024)", "(Geneva: ICSD, 2024)"); "The figure
        // includes Crimea, annexed in 2014" explains.
        if !(has_url || title_marker || (has_year && has_publisher) || publication_year(markdown)) {
            continue;
        }
        let personal = words.any(|w| PERSONAL.contains(w));
        // "ICSD, *Drawing the Line*, p. 18" shortens a note given in full elsewhere.
        let short_form = || {
            title.as_ref().is_some_and(|t| {
                let t = t.to_lowercase();
                notes
                    .iter()
                    .enumerate()
                    .any(|(other, (_, year, text))| other != idx && *year && text.contains(&t))
            })
        };
        let mut missing = Vec::new();
        if !has_title {
            missing.push("a title");
        }
        let needs_year = !has_year;
        let needs_publisher = !has_url && !has_publisher && !personal;
        // A short form ("Smith, *Title*, 12.") refers back to a full note; one with a URL is a
        // full note itself.
        let short_form = (needs_year || needs_publisher) && !has_url && short_form();
        if needs_year && !short_form {
            missing.push("a year");
        }
        if needs_publisher && !short_form {
            missing.push("a URL or publisher");
        }
        if missing.is_empty() {
            continue;
        }
        let d = report
            .diag(
                footnote.label_span,
                format!(
                    "footnote `[^{}]` lacks {}",
                    footnote.label,
                    missing.join(" and ")
                ),
            )
            .with_help("a reference note gives author, *title*, publisher, year and a URL");
        report.push(d);
    }
}
