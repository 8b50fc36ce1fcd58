//! A fixed set of citations (repeats, locators, ibid positions, year suffixes, author-only,
//! year-only, full and prose citations, names needing disambiguation, a source without an
//! author) formatted in sixteen styles and two locales, one line per citation and per
//! bibliography entry. `expected.txt` is this output from the hayagriva release; a test of
//! `brief-render` checks that the vendored copy prints the same.

use std::fmt::Write as _;

use hayagriva::archive::{ArchivedStyle, locales};
use hayagriva::citationberg::json::Item;
use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{LocaleCode, Style};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, BufWriteFormat, CitationItem, CitationRequest,
    CitePurpose, LocatorPayload, SpecificLocator,
};

/// Every citation: (item, page locator, purpose) for each item of one note.
type Case = &'static [(usize, Option<&'static str>, Option<CitePurpose>)];

const CITATIONS: &[Case] = &[
    &[(0, None, None)],
    &[(0, None, None)],
    &[(0, Some("12"), None)],
    &[(0, Some("12"), None)],
    &[(1, None, None)],
    &[(2, None, None), (3, None, None)],
    &[(0, Some("14-16"), None)],
    &[(4, None, Some(CitePurpose::Author))],
    &[(5, None, Some(CitePurpose::Prose))],
    &[(5, Some("3"), None)],
    &[(6, None, Some(CitePurpose::Year))],
    &[(7, None, Some(CitePurpose::Full))],
    &[(2, None, None)],
    &[(3, Some("7"), None)],
    &[(8, None, None), (9, None, None), (10, None, None)],
    &[(1, None, None)],
    &[(1, None, None)],
    &[(11, None, None)],
    &[(0, None, None)],
];

const STYLES: &[&str] = &[
    "chicago-notes",
    "chicago-author-date",
    "apa",
    "ieee",
    "modern-language-association",
    "harvard-cite-them-right",
    "chicago-fullnotes",
    "alphanumeric",
    "vancouver",
    "american-political-science-association",
    "chicago-shortened-notes",
    "nature",
    "elsevier-harvard",
    "american-sociological-association",
    "mla",
    "turabian-fullnote-8",
];

/// The citations and bibliographies of every style, for the CSL-JSON `items`.
pub(crate) fn render(items: &str) -> String {
    let items: Vec<Item> = serde_json::from_str(items).expect("items.json is CSL-JSON");
    let locales = locales();
    let mut out = String::new();
    for name in STYLES {
        let Some(archived) = ArchivedStyle::by_name(name) else {
            let _ = writeln!(out, "## {name}: none");
            continue;
        };
        let Style::Independent(style) = archived.get() else {
            continue;
        };
        for lang in [None, Some(LocaleCode("de-DE".into()))] {
            let mut driver: BibliographyDriver<'_, Item> = BibliographyDriver::new();
            for (n, case) in CITATIONS.iter().enumerate() {
                let cites = case
                    .iter()
                    .map(|&(i, page, purpose)| {
                        let locator =
                            page.map(|l| SpecificLocator(Locator::Page, LocatorPayload::Str(l)));
                        CitationItem::new(&items[i], locator, None, false, purpose)
                    })
                    .collect();
                driver.citation(CitationRequest::new(
                    cites,
                    &style,
                    lang.clone(),
                    &locales,
                    Some(n + 1),
                ));
            }
            let rendered = driver.finish(BibliographyRequest::new(&style, lang.clone(), &locales));
            let _ = writeln!(out, "## {name} {lang:?}");
            for c in &rendered.citations {
                let mut s = String::new();
                let _ = c.citation.write_buf(&mut s, BufWriteFormat::Plain);
                let _ = writeln!(out, "C {:?} {s}", c.note_number);
            }
            if let Some(bib) = rendered.bibliography {
                for it in bib.items {
                    let mut s = String::new();
                    let _ = it.content.write_buf(&mut s, BufWriteFormat::Plain);
                    let _ = writeln!(out, "B {} {s}", it.key);
                }
            }
        }
    }
    out
}
