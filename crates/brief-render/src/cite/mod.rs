//! Citations for every renderer: choosing a CSL style, reading Pandoc locators, and formatting
//! citations, notes and the bibliography with hayagriva.
//!
//! A renderer collects the brief's citation groups ([`CiteGroup`]) in the order it prints
//! them, then [`format`] formats them all in one hayagriva run, so that "ibid.", short notes
//! and disambiguation see the whole brief. The result is neutral ([`Fragment`]: runs of text
//! with their italics, links and display blocks): the HTML renderer writes it as HTML and
//! brief-pdf as Typst markup, so both print the same citations (a test of brief-pdf compares
//! the two), and a test compares them with Pandoc's citeproc.
//!
//! What keeps this fast: styles and locales are parsed once per process; each source becomes
//! a CSL-JSON item once per brief; hayagriva renders with a copy of the style specialized to
//! the cited sources (see `specialize`), cached per process; and "cite this brief" renders the
//! bibliography entry alone.

mod locator;
mod specialize;
mod text;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use brief_model::{Diagnostic, Document, Loader, Severity, Source, Span};
use hayagriva::archive::{ArchivedStyle, LOCALE_CODES, locale};
use hayagriva::citationberg::json::Item;
use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{IndependentStyle, Locale, LocaleCode, Style, StyleClass};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, CitePurpose, ElemChild,
    ElemChildren, ElemMeta, LocatorPayload, SpecificLocator,
};

pub(crate) use locator::parse_locator;
use specialize::Profile;
pub use text::{DisplayBlock, Fragment, Run};
use text::{RunWriter, runs_of};

/// The style used when neither the brief nor `brief.toml` names one.
pub const DEFAULT_STYLE: &str = "chicago-notes";

/// For how many source profiles specialized copies of one style are kept; past this the cache
/// starts over.
const MAX_SPECIALIZED: usize = 256;

/// A CSL citation style, ready to format with.
#[derive(Clone, Debug)]
pub struct CitationStyle {
    style: Arc<IndependentStyle>,
    name: String,
    /// Copies of the style specialized to sets of sources, shared by clones of the style.
    specialized: Arc<Specialized>,
}

/// Specialized copies of a style, by the profile of the sources and what is kept of the
/// citation layout.
#[derive(Debug, Default)]
struct Specialized {
    copies: Mutex<HashMap<Profile, Copies>>,
}

/// The copies made for one profile, by layout.
type Copies = Vec<(Layout, Arc<IndependentStyle>)>;

/// What a copy of a style keeps of its citation layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Layout {
    /// All of it.
    Whole,
    /// All but its suffix (the period that closes a note): for a citation printed within the
    /// text of an author's footnote, where the text goes on after it.
    WithinNote,
    /// Nothing: to format a bibliography entry alone.
    BibliographyOnly,
}

impl Layout {
    /// `style` with its citation layout cut down to this.
    fn apply(self, style: &mut IndependentStyle) {
        match self {
            Layout::Whole => {}
            Layout::WithinNote => style.citation.layout.suffix = None,
            Layout::BibliographyOnly => style.citation.layout.elements.clear(),
        }
    }
}

impl CitationStyle {
    fn new(style: IndependentStyle, name: &str) -> CitationStyle {
        CitationStyle {
            style: Arc::new(style),
            name: name.to_owned(),
            specialized: Arc::default(),
        }
    }

    /// A style from hayagriva's bundled archive, by one of its names (`chicago-notes`,
    /// `chicago-author-date`, `apa`, ...). Each style is parsed once per process.
    pub fn by_name(name: &str) -> Option<CitationStyle> {
        static CACHE: OnceLock<Mutex<HashMap<&'static str, CitationStyle>>> = OnceLock::new();
        let archived = ArchivedStyle::by_name(name)?;
        let canonical = archived.names()[0];
        let cache = CACHE.get_or_init(Mutex::default);
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(style) = cache.get(canonical) {
            return Some(style.clone());
        }
        let Style::Independent(style) = archived.get() else {
            return None;
        };
        let style = CitationStyle::new(style, canonical);
        cache.insert(canonical, style.clone());
        Some(style)
    }

    /// A style from the XML of a `.csl` file. A dependent style is resolved to its parent in
    /// the archive.
    pub fn from_csl(name: &str, xml: &str) -> Result<CitationStyle, String> {
        match Style::from_xml(xml).map_err(|err| err.to_string())? {
            Style::Independent(style) => Ok(CitationStyle::new(style, name)),
            Style::Dependent(dependent) => {
                let parent =
                    ArchivedStyle::by_id(&dependent.parent_link.href).ok_or_else(|| {
                        format!(
                            "dependent style whose parent `{}` is not in the archive",
                            dependent.parent_link.href
                        )
                    })?;
                match parent.get() {
                    Style::Independent(style) => Ok(CitationStyle::new(style, name)),
                    Style::Dependent(_) => Err("the parent style is itself dependent".to_owned()),
                }
            }
        }
    }

    /// The name it was chosen by.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether citations become notes (Chicago notes) rather than in-text citations.
    pub fn is_note(&self) -> bool {
        self.style.settings.class == StyleClass::Note
    }

    /// The style's own title.
    pub fn title(&self) -> &str {
        &self.style.info.title.value
    }

    /// The heading of the list of sources: "Bibliography" for note styles, else "References".
    pub fn bibliography_heading(&self) -> &'static str {
        if self.is_note() {
            "Bibliography"
        } else {
            "References"
        }
    }

    /// The style as CSL XML, as hayagriva reads it (for running another processor on the
    /// same style).
    pub fn to_csl_xml(&self) -> Option<String> {
        Style::Independent((*self.style).clone()).to_xml().ok()
    }

    /// The style specialized to sources of `profile`, with `layout` of its citation layout.
    fn specialized(&self, profile: &Profile, layout: Layout) -> Arc<IndependentStyle> {
        let mut copies = self
            .specialized
            .copies
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        // Looked up by reference: the profile is cloned only for a new copy.
        if let Some((_, copy)) = copies
            .get(profile)
            .and_then(|layouts| layouts.iter().find(|(l, _)| *l == layout))
        {
            return Arc::clone(copy);
        }
        let mut copy = specialize::specialize(&self.style, profile);
        layout.apply(&mut copy);
        if copies.len() >= MAX_SPECIALIZED {
            copies.clear();
        }
        let copy = Arc::new(copy);
        copies
            .entry(profile.clone())
            .or_default()
            .push((layout, Arc::clone(&copy)));
        copy
    }

    /// A page range (`112-118`) in the style's `page-range-format` (`112–18` in Chicago);
    /// `None` when the value is not a simple range or the style sets no format.
    fn page_range(&self, value: &str) -> Option<String> {
        let format = self.style.settings.page_range_format?;
        let (start, end) = value.split_once(['-', '–'])?;
        let digits = |s: &str| !s.trim().is_empty() && s.trim().chars().all(|c| c.is_ascii_digit());
        if !digits(start) || !digits(end) {
            return None;
        }
        let mut out = String::new();
        format.format(&mut out, start, end, Some("–")).ok()?;
        Some(out)
    }

    fn has_layout_prefix(&self) -> bool {
        self.style.citation.layout.prefix.is_some()
    }
}

/// The names of the styles in hayagriva's archive, each with its display name.
pub fn archive_styles() -> Vec<(&'static str, &'static str)> {
    ArchivedStyle::all()
        .iter()
        .map(|style| (style.names()[0], style.display_name()))
        .collect()
}

/// The citation style of `doc`: its `citation-style`, else `configured` (`[render]
/// citation-style`), else Chicago notes. A name from hayagriva's archive, or a `.csl` file
/// read with `loader` relative to `brief_dir`. A style that cannot be used gives Chicago notes
/// and a `render/unknown-style` warning.
pub fn load_citation_style(
    doc: &Document,
    configured: Option<&str>,
    brief_dir: &Path,
    loader: &dyn Loader,
) -> (CitationStyle, Option<Diagnostic>) {
    let from_brief = doc.frontmatter.citation_style.as_deref();
    let requested = from_brief.or(configured);
    let read = |path: &Path| loader.read(path).map_err(|err| err.to_string());
    let (style, problem) = choose_style(requested, brief_dir, &read);
    let warning = problem.map(|(message, help)| {
        let span = if from_brief.is_some() {
            doc.positions
                .get("/citation-style")
                .map_or(Span::empty(0), |p| p.value)
        } else {
            Span::empty(0)
        };
        Diagnostic::new("render/unknown-style", Severity::Warning, span, message).with_help(help)
    });
    (style, warning)
}

/// Chooses the style named by `requested` (an archive name or a path to a `.csl` file, read
/// with `read` relative to `brief_dir`). Falls back to Chicago notes with a message and a help.
fn choose_style(
    requested: Option<&str>,
    brief_dir: &Path,
    read: &dyn Fn(&Path) -> Result<String, String>,
) -> (CitationStyle, Option<(String, String)>) {
    let fallback = || CitationStyle::by_name(DEFAULT_STYLE).expect("the default style is bundled");
    let Some(requested) = requested.map(str::trim).filter(|r| !r.is_empty()) else {
        return (fallback(), None);
    };
    if let Some(style) = CitationStyle::by_name(requested) {
        return (style, None);
    }
    if requested.to_ascii_lowercase().ends_with(".csl") {
        let path = brief_dir.join(requested);
        return match read(&path).and_then(|xml| CitationStyle::from_csl(requested, &xml)) {
            Ok(style) => (style, None),
            Err(err) => (
                fallback(),
                Some((
                    format!(
                        "cannot use citation style `{requested}`: {err}; using {DEFAULT_STYLE}"
                    ),
                    "the path is relative to the brief; a dependent style needs its parent in \
                     hayagriva's archive"
                        .to_owned(),
                )),
            ),
        };
    }
    let names = ArchivedStyle::all().iter().flat_map(|s| s.names().iter());
    let help = match brief_model::did_you_mean(requested, names.copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "use a name such as `chicago-notes`, `chicago-author-date` or `apa`, or a path \
                 to a `.csl` file"
            .to_owned(),
    };
    (
        fallback(),
        Some((
            format!("unknown citation style `{requested}`; using {DEFAULT_STYLE}"),
            help,
        )),
    )
}

/// The locale files a brief in `lang` needs: its language's and American English (the CSL
/// fallback). hayagriva searches the files it is given for every term, so passing all sixty
/// bundled locales makes formatting several times slower; and only these are deserialized,
/// which keeps the first render of a process fast.
fn locales_for(lang: &str) -> Arc<Vec<Locale>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Vec<Locale>>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    let base = lang.split('-').next().unwrap_or("en").to_ascii_lowercase();
    if let Some(found) = cache.get(&base) {
        return Arc::clone(found);
    }
    let chosen: Vec<Locale> = LOCALE_CODES
        .iter()
        .filter(|code| {
            let code = code.to_ascii_lowercase();
            code == "en-us" || code.split('-').next() == Some(base.as_str())
        })
        .filter_map(|code| locale(code))
        .collect();
    let chosen = Arc::new(chosen);
    cache.insert(base, Arc::clone(&chosen));
    chosen
}

fn locale_code(lang: &str) -> Option<LocaleCode> {
    let lang = lang.trim();
    if lang.is_empty() || lang.eq_ignore_ascii_case("en") {
        None
    } else {
        Some(LocaleCode(lang.to_owned()))
    }
}

/// Whether the brief is in American English, where CSL puts a period or comma that follows
/// a closing quotation mark inside it.
fn is_american(lang: &str) -> bool {
    let lang = lang.trim();
    lang.is_empty() || lang.eq_ignore_ascii_case("en") || lang.eq_ignore_ascii_case("en-US")
}

/// One cited item, as written in the brief.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CiteItem {
    /// The source's key.
    pub key: String,
    /// Text before the item (`see`).
    pub prefix: Option<String>,
    /// The locator (`p. 7`) as its kind and value.
    pub locator: Option<(Locator, String)>,
    /// Text after the item and its locator.
    pub suffix: Option<String>,
    /// `[-@key]`: without the author.
    pub suppress_author: bool,
}

impl CiteItem {
    /// Reads a citation of `doc`: the prefix from the model, the locator and suffix from the
    /// text after the key, as Pandoc reads them.
    pub fn from_citation(doc: &Document, citation: &brief_model::Citation) -> CiteItem {
        let after_key = Span::new(
            citation.key_span.end,
            citation.span.end.max(citation.key_span.end),
        );
        let raw = doc.text(after_key);
        let raw = if citation.narrative {
            // `@key [p. 33]`: the locator is in brackets.
            raw.trim()
                .strip_prefix('[')
                .and_then(|r| r.strip_suffix(']'))
                .map(|inner| format!(", {inner}"))
                .unwrap_or_default()
        } else {
            raw.to_owned()
        };
        let (locator, suffix) = parse_locator(&raw);
        CiteItem {
            key: citation.key.clone(),
            prefix: citation.prefix.clone().filter(|p| !p.trim().is_empty()),
            locator,
            suffix,
            suppress_author: citation.suppress_author,
        }
    }
}

/// A citation: a bracketed group of items, or one narrative `@key`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CiteGroup {
    /// The items, in the written order.
    pub items: Vec<CiteItem>,
    /// A narrative citation (`@key` in running text).
    pub narrative: bool,
    /// Note styles: the note it forms or sits in.
    pub note: Option<usize>,
    /// The group sits in the text of an author's footnote. In note styles it is then printed
    /// where it stands in that note, as written (neither capitalized nor closed with a period,
    /// a narrative citation with its author), rather than forming a note of its own.
    pub in_footnote: bool,
}

/// A formatted citation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormattedCitation {
    /// In-text styles: the text that replaces the citation. Note styles: the note's text.
    pub text: Fragment,
    /// Note styles, narrative citations that form a note: the author's name, kept in the
    /// running text.
    pub author: Option<Fragment>,
}

/// A bibliography entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BibEntry {
    /// The source's key.
    pub key: String,
    /// The entry.
    pub text: Fragment,
}

/// The citation groups of a brief formatted in one run, and its bibliography.
#[derive(Clone, Debug, Default)]
pub struct FormattedCitations {
    /// One per group, in the order of the groups.
    pub citations: Vec<FormattedCitation>,
    /// The cited sources, in the style's order.
    pub bibliography: Vec<BibEntry>,
    /// Whether the style sets the bibliography with a hanging indent.
    pub hanging_indent: bool,
}

/// A source as hayagriva reads it: converted to a CSL-JSON item once per brief, with the
/// profile its style is specialized to.
struct Record {
    item: Item,
    profile: Profile,
}

/// The sources of a brief as CSL-JSON items, by key (the first source of a key wins).
fn records_of(sources: &[Source]) -> HashMap<&str, Record> {
    let mut records = HashMap::with_capacity(sources.len());
    for source in sources {
        if records.contains_key(source.id.as_str()) {
            continue;
        }
        if let Ok(item) = serde_json::from_value::<Item>(source.to_csl_json()) {
            let profile = Profile::of(&item);
            records.insert(source.id.as_str(), Record { item, profile });
        }
    }
    records
}

/// Formats `groups` in order (items whose key no source has are left out), and the
/// bibliography of every cited source.
pub(crate) fn format(
    style: &CitationStyle,
    sources: &[Source],
    groups: &[CiteGroup],
    lang: &str,
) -> FormattedCitations {
    format_with(style, sources, groups, lang, true)
}

/// [`format`], with the style specialized to the sources or as it is (to test that both give
/// the same text).
fn format_with(
    style: &CitationStyle,
    sources: &[Source],
    groups: &[CiteGroup],
    lang: &str,
    specialize: bool,
) -> FormattedCitations {
    let records = records_of(sources);
    let locale = locale_code(lang);
    let locale_files = locales_for(lang);
    let locale_files = locale_files.as_slice();
    let note_style = style.is_note();
    // In note styles a group forms a note of its own, unless it sits in an author's footnote.
    let forms_note = |group: &CiteGroup| note_style && !group.in_footnote;
    // The items hayagriva sees for each group: those with a known key, in the group's order.
    // A narrative citation that forms a note keeps the author in the text, so its note leaves
    // the author out, as Pandoc does.
    let known: Vec<Vec<(CiteItem, &Record)>> = groups
        .iter()
        .map(|group| {
            group
                .items
                .iter()
                .filter_map(|item| {
                    let record = records.get(item.key.as_str())?;
                    let mut item = item.clone();
                    if group.narrative && forms_note(group) {
                        item.suppress_author = true;
                    }
                    Some((item, record))
                })
                .collect()
        })
        .collect();
    // Each group renders with the style specialized to its sources, the bibliography with
    // the style specialized to all cited sources.
    let specialized = |profile: Profile, layout: Layout| {
        if specialize {
            style.specialized(&profile, layout)
        } else if layout == Layout::Whole {
            Arc::clone(&style.style)
        } else {
            let mut copy = (*style.style).clone();
            layout.apply(&mut copy);
            Arc::new(copy)
        }
    };
    let group_styles: Vec<Arc<IndependentStyle>> = groups
        .iter()
        .zip(&known)
        .map(|(group, items)| {
            let layout = if note_style && group.in_footnote {
                Layout::WithinNote
            } else {
                Layout::Whole
            };
            specialized(
                Profile::union(items.iter().map(|(_, r)| &r.profile)),
                layout,
            )
        })
        .collect();
    let bibliography_style = specialized(
        Profile::union(known.iter().flatten().map(|(_, r)| &r.profile)),
        Layout::Whole,
    );
    // Page ranges in locators follow the style's `page-range-format`, as for the `page`
    // variable (hayagriva prints locators as written).
    let page_values: Vec<Vec<Option<String>>> = known
        .iter()
        .map(|items| {
            items
                .iter()
                .map(|(item, _)| match &item.locator {
                    Some((Locator::Page, value)) => style.page_range(value),
                    _ => None,
                })
                .collect()
        })
        .collect();
    let mut driver: BibliographyDriver<'_, Item> = BibliographyDriver::new();
    for (((group, items), pages), group_style) in groups
        .iter()
        .zip(&known)
        .zip(&page_values)
        .zip(&group_styles)
    {
        let cite_items: Vec<CitationItem<'_, Item>> = items
            .iter()
            .zip(pages)
            .map(|((item, record), page)| {
                let locator = item.locator.as_ref().map(|(kind, value)| {
                    let value = page.as_deref().unwrap_or(value);
                    SpecificLocator(*kind, LocatorPayload::Str(value))
                });
                // In a footnote's text, a note style cites in full, author first.
                let prose = group.narrative && !(note_style && group.in_footnote);
                let purpose = (item.suppress_author || prose).then_some(CitePurpose::Prose);
                CitationItem::new(&record.item, locator, None, false, purpose)
            })
            .collect();
        driver.citation(CitationRequest::new(
            cite_items,
            group_style,
            locale.clone(),
            locale_files,
            group.note,
        ));
    }
    let rendered = driver.finish(BibliographyRequest::new(
        &bibliography_style,
        locale.clone(),
        locale_files,
    ));
    let american = is_american(lang);
    let mut citations = Vec::with_capacity(groups.len());
    for (((group, items), group_style), cite) in groups
        .iter()
        .zip(&known)
        .zip(&group_styles)
        .zip(rendered.citations)
    {
        let mut runs = citation_runs(&cite.citation, items, style);
        if american {
            text::punctuation_in_quote(&mut runs);
        }
        if forms_note(group) {
            text::capitalize_first(&mut runs);
            text::end_sentence(&mut runs);
        }
        let author = (group.narrative && forms_note(group))
            .then(|| {
                let (_, record) = items.first()?;
                let author = hayagriva::standalone_citation(CitationRequest::new(
                    vec![CitationItem::new(
                        &record.item,
                        None,
                        None,
                        false,
                        Some(CitePurpose::Author),
                    )],
                    group_style,
                    locale.clone(),
                    locale_files,
                    None,
                ));
                let mut runs = runs_of(&author);
                text::trim_end_periods(&mut runs);
                Some(Fragment::from_runs(runs))
            })
            .flatten();
        citations.push(FormattedCitation {
            text: Fragment::from_runs(runs),
            author,
        });
    }
    let mut bibliography = Vec::new();
    let mut hanging_indent = false;
    if let Some(bib) = rendered.bibliography {
        hanging_indent = bib.hanging_indent;
        for item in bib.items {
            let mut writer = RunWriter::default();
            if let Some(first) = &item.first_field {
                writer.child(first);
                writer.plain(" ");
            }
            writer.children(&item.content.0);
            let mut runs = writer.finish();
            if american {
                text::punctuation_in_quote(&mut runs);
            }
            bibliography.push(BibEntry {
                key: item.key,
                text: Fragment::from_runs(runs),
            });
        }
    }
    FormattedCitations {
        citations,
        bibliography,
        hanging_indent,
    }
}

/// Formats the brief itself as a bibliography entry ("cite this brief").
pub(crate) fn format_self(style: &CitationStyle, item: &Item, lang: &str) -> Option<Fragment> {
    let locale = locale_code(lang);
    let locale_files = locales_for(lang);
    let profile = Profile::of(item);
    // hayagriva lists cited items only, so the item is cited, with a style whose citation
    // layout is empty: only the bibliography entry is rendered in full.
    let citation_style = style.specialized(&profile, Layout::BibliographyOnly);
    let bibliography_style = style.specialized(&profile, Layout::Whole);
    let mut driver: BibliographyDriver<'_, Item> = BibliographyDriver::new();
    driver.citation(CitationRequest::new(
        vec![CitationItem::with_entry(item)],
        &citation_style,
        locale.clone(),
        &locale_files,
        Some(1),
    ));
    let rendered = driver.finish(BibliographyRequest::new(
        &bibliography_style,
        locale,
        &locale_files,
    ));
    let entry = rendered.bibliography?.items.into_iter().next()?;
    Some(Fragment::from_runs(runs_of(&entry.content)))
}

/// The runs of a rendered citation, with each item's prefix and suffix around it and the author
/// of `[-@key]` items removed.
fn citation_runs(
    children: &ElemChildren,
    items: &[(CiteItem, &Record)],
    style: &CitationStyle,
) -> Vec<text::Run> {
    let mut out = RunWriter::default();
    for child in &children.0 {
        let ElemChild::Elem(elem) = child else {
            out.child(child);
            continue;
        };
        let Some(ElemMeta::Entry(idx)) = elem.meta else {
            out.child(child);
            continue;
        };
        let item = items.get(idx).map(|(item, _)| item);
        if let Some(prefix) = item.and_then(|i| i.prefix.as_deref()) {
            out.plain(prefix.trim_end());
            out.plain(" ");
        }
        if item.is_some_and(|i| i.suppress_author) {
            let stripped = strip_author(&elem.children, !style.has_layout_prefix());
            out.children(&stripped.0);
        } else {
            out.children(&elem.children.0);
        }
        if let Some(suffix) = item.and_then(|i| i.suffix.as_deref()) {
            let suffix = suffix.trim_end();
            if !suffix.starts_with([',', ';', '.', ':', ' ']) {
                out.plain(" ");
            }
            out.plain(suffix);
        }
    }
    out.finish()
}

/// A prose citation ("Author (2024, 7)") without the author; for styles without brackets of
/// their own, without the brackets hayagriva added.
fn strip_author(children: &ElemChildren, strip_parens: bool) -> ElemChildren {
    let mut out: Vec<ElemChild> = Vec::new();
    let mut removed = false;
    for child in &children.0 {
        if !removed
            && let ElemChild::Elem(elem) = child
            && matches!(elem.meta, Some(ElemMeta::Names(_)))
        {
            removed = true;
            continue;
        }
        out.push(child.clone());
    }
    // Drop leading whitespace left by the author.
    while let Some(ElemChild::Text(t)) = out.first_mut() {
        let trimmed = t.text.trim_start().to_owned();
        if trimmed.is_empty() {
            out.remove(0);
        } else {
            t.text = trimmed;
            break;
        }
    }
    if strip_parens {
        if let Some(ElemChild::Text(t)) = out.first_mut()
            && let Some(rest) = t.text.strip_prefix('(')
        {
            t.text = rest.to_owned();
        }
        if let Some(ElemChild::Text(t)) = out.last_mut()
            && let Some(rest) = t.text.strip_suffix(')')
        {
            t.text = rest.to_owned();
        }
    }
    ElemChildren(out)
}

/// The CSL-JSON item describing the brief itself, for "cite this brief".
pub(crate) fn self_item(doc: &Document, url: Option<&str>) -> Option<Item> {
    let fm = &doc.frontmatter;
    let mut item = serde_json::Map::new();
    item.insert("id".into(), "this-brief".into());
    item.insert("type".into(), "report".into());
    item.insert("title".into(), fm.title.clone().into());
    if let Some(publisher) = &fm.publisher {
        item.insert("publisher".into(), publisher.clone().into());
    }
    item.insert("genre".into(), fm.brief_type.label().into());
    let authors: Vec<serde_json::Value> = fm
        .author_list()
        .map(|author| {
            serde_json::to_value(brief_model::source::PersonName::from_text(&author.name))
                .unwrap_or_default()
        })
        .collect();
    if !authors.is_empty() {
        item.insert("author".into(), authors.into());
    }
    if let Some(date) = fm
        .date
        .as_deref()
        .and_then(brief_model::source::PartialDate::parse)
    {
        let mut parts = vec![serde_json::Value::from(date.year)];
        if let Some(month) = date.month {
            parts.push(month.into());
            if let Some(day) = date.day {
                parts.push(day.into());
            }
        }
        item.insert(
            "issued".into(),
            serde_json::json!({ "date-parts": [parts] }),
        );
    }
    if let Some(url) = url {
        item.insert("URL".into(), url.into());
    }
    serde_json::from_value(serde_json::Value::Object(item)).ok()
}

#[cfg(test)]
mod tests;
