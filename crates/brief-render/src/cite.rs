//! Citations: choosing a CSL style, reading Pandoc locators, and formatting citations and the
//! bibliography with hayagriva.
//!
//! The renderer collects citation groups in the order it writes them, then formats them all in
//! one hayagriva run (so "subsequent" and "ibid." forms and disambiguation see the whole brief),
//! and finally writes hayagriva's element tree as escaped HTML and as plain text.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use brief_model::{Document, Source};
use hayagriva::archive::{ArchivedStyle, locales};
use hayagriva::citationberg::json::Item;
use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{
    FontStyle, FontVariant, FontWeight, IndependentStyle, Locale, LocaleCode, Style, StyleClass,
    TextDecoration, VerticalAlign,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, CitePurpose, ElemChild,
    ElemChildren, ElemMeta, LocatorPayload, SpecificLocator,
};

use crate::html::{escape_into, is_safe_url};

/// The style used when neither the brief nor `brief.toml` names one.
pub const DEFAULT_STYLE: &str = "chicago-notes";

/// A CSL citation style, ready to format with.
#[derive(Clone, Debug)]
pub struct CitationStyle {
    style: Arc<IndependentStyle>,
    name: String,
}

impl CitationStyle {
    /// A style from hayagriva's bundled archive, by one of its names (`chicago-notes`,
    /// `chicago-author-date`, `apa`, ...).
    pub fn by_name(name: &str) -> Option<CitationStyle> {
        static CACHE: OnceLock<Mutex<HashMap<String, Arc<IndependentStyle>>>> = OnceLock::new();
        let archived = ArchivedStyle::by_name(name)?;
        let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        let canonical = archived.names()[0];
        if let Some(style) = cache.get(canonical) {
            return Some(CitationStyle {
                style: Arc::clone(style),
                name: canonical.to_owned(),
            });
        }
        let Style::Independent(style) = archived.get() else {
            return None;
        };
        let style = Arc::new(style);
        cache.insert(canonical.to_owned(), Arc::clone(&style));
        Some(CitationStyle {
            style,
            name: canonical.to_owned(),
        })
    }

    /// A style from the XML of a `.csl` file. A dependent style is resolved to its parent in
    /// the archive.
    pub fn from_csl(name: &str, xml: &str) -> Result<CitationStyle, String> {
        match Style::from_xml(xml).map_err(|err| err.to_string())? {
            Style::Independent(style) => Ok(CitationStyle {
                style: Arc::new(style),
                name: name.to_owned(),
            }),
            Style::Dependent(dependent) => {
                let parent =
                    ArchivedStyle::by_id(&dependent.parent_link.href).ok_or_else(|| {
                        format!(
                            "dependent style whose parent `{}` is not in the archive",
                            dependent.parent_link.href
                        )
                    })?;
                match parent.get() {
                    Style::Independent(style) => Ok(CitationStyle {
                        style: Arc::new(style),
                        name: name.to_owned(),
                    }),
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

/// Chooses the style named by `requested` (an archive name or a path to a `.csl` file, read
/// with `read` relative to `brief_dir`). Falls back to Chicago notes with a message.
pub(crate) fn choose_style(
    requested: Option<&str>,
    brief_dir: &Path,
    read: &dyn Fn(&Path) -> Result<String, String>,
) -> (CitationStyle, Option<String>) {
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
                Some(format!(
                    "cannot use citation style `{requested}`: {err}; using {DEFAULT_STYLE}"
                )),
            ),
        };
    }
    (
        fallback(),
        Some(format!(
            "unknown citation style `{requested}`; using {DEFAULT_STYLE}"
        )),
    )
}

fn all_locales() -> &'static [Locale] {
    static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
    LOCALES.get_or_init(locales)
}

/// The locale files a brief in `lang` needs: its language's and American English (the CSL
/// fallback). hayagriva searches the files it is given for every term, so passing all sixty
/// bundled locales makes formatting several times slower.
fn locales_for(lang: &str) -> Arc<Vec<Locale>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Vec<Locale>>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    let base = lang.split('-').next().unwrap_or("en").to_ascii_lowercase();
    if let Some(found) = cache.get(&base) {
        return Arc::clone(found);
    }
    let chosen: Vec<Locale> = all_locales()
        .iter()
        .filter(|locale| {
            locale.lang.as_ref().is_some_and(|code| {
                let code = code.0.to_ascii_lowercase();
                code == "en-us" || code.split('-').next() == Some(base.as_str())
            })
        })
        .cloned()
        .collect();
    let chosen = Arc::new(chosen);
    cache.insert(base, Arc::clone(&chosen));
    chosen
}

/// One cited item, as written in the brief.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CiteItem {
    pub(crate) key: String,
    pub(crate) prefix: Option<String>,
    pub(crate) locator: Option<(Locator, String)>,
    pub(crate) suffix: Option<String>,
    pub(crate) suppress_author: bool,
}

impl CiteItem {
    /// Reads an item of `doc`: the prefix from the model, the locator and suffix from the text
    /// after the key.
    pub(crate) fn from_citation(doc: &Document, citation: &brief_model::Citation) -> CiteItem {
        let after_key = brief_model::Span::new(
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
pub(crate) struct CiteGroup {
    pub(crate) items: Vec<CiteItem>,
    pub(crate) narrative: bool,
    /// The note it forms or sits in, for note styles.
    pub(crate) note: Option<usize>,
}

/// Formatted text, as HTML and as plain text (italics marked with `*`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fragment {
    /// Escaped HTML.
    pub html: String,
    /// Plain text, with italic runs between `*` and bold runs between `**`.
    pub text: String,
}

impl Fragment {
    fn push_text(&mut self, text: &str) {
        escape_into(&mut self.html, text);
        self.text.push_str(text);
    }
}

/// A formatted citation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormattedCitation {
    /// In-text styles: the text that replaces the citation. Note styles: the note's text.
    pub text: Fragment,
    /// Note styles, narrative citations: the author's name, kept in the running text.
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

/// Everything hayagriva produced for one brief.
#[derive(Clone, Debug, Default)]
pub(crate) struct Formatted {
    pub(crate) citations: Vec<FormattedCitation>,
    pub(crate) bibliography: Vec<BibEntry>,
}

/// The sources of a brief as CSL-JSON items, by key.
pub(crate) fn items_of(sources: &[Source]) -> HashMap<String, Item> {
    let mut items = HashMap::new();
    for source in sources {
        if items.contains_key(&source.id) {
            continue;
        }
        if let Ok(item) = serde_json::from_value::<Item>(source.to_csl_json()) {
            items.insert(source.id.clone(), item);
        }
    }
    items
}

fn locale_code(lang: &str) -> Option<LocaleCode> {
    let lang = lang.trim();
    if lang.is_empty() || lang.eq_ignore_ascii_case("en") {
        None
    } else {
        Some(LocaleCode(lang.to_owned()))
    }
}

/// Formats `groups` (whose keys must all be in `items`) in order, and the bibliography of every
/// cited item.
pub(crate) fn format(
    style: &CitationStyle,
    items: &HashMap<String, Item>,
    groups: &[CiteGroup],
    lang: &str,
) -> Formatted {
    let locale = locale_code(lang);
    let locale_files = locales_for(lang);
    let locale_files = locale_files.as_slice();
    let note_style = style.is_note();
    let american = lang.trim().is_empty()
        || lang.eq_ignore_ascii_case("en")
        || lang.eq_ignore_ascii_case("en-US");
    let mut driver: BibliographyDriver<'_, Item> = BibliographyDriver::new();
    // Page ranges in locators follow the style's `page-range-format`, as for the `page`
    // variable (hayagriva prints locators as written).
    let page_values: Vec<Vec<Option<String>>> = groups
        .iter()
        .map(|group| {
            group
                .items
                .iter()
                .map(|item| match &item.locator {
                    Some((Locator::Page, value)) => style.page_range(value),
                    _ => None,
                })
                .collect()
        })
        .collect();
    for (group, pages) in groups.iter().zip(&page_values) {
        let cite_items: Vec<CitationItem<'_, Item>> = group
            .items
            .iter()
            .zip(pages)
            .filter_map(|(item, page)| {
                let entry = items.get(&item.key)?;
                let locator = item.locator.as_ref().map(|(kind, value)| {
                    let value = page.as_deref().unwrap_or(value);
                    SpecificLocator(*kind, LocatorPayload::Str(value))
                });
                // In note styles a narrative citation keeps the author in the text, so its note
                // leaves the author out, as Pandoc does.
                let purpose = if item.suppress_author || group.narrative {
                    Some(CitePurpose::Prose)
                } else {
                    None
                };
                Some(CitationItem::new(entry, locator, None, false, purpose))
            })
            .collect();
        driver.citation(CitationRequest::new(
            cite_items,
            &style.style,
            locale.clone(),
            locale_files,
            group.note,
        ));
    }
    let rendered = driver.finish(BibliographyRequest::new(
        &style.style,
        locale.clone(),
        locale_files,
    ));
    let mut citations = Vec::with_capacity(groups.len());
    for (group, cite) in groups.iter().zip(rendered.citations) {
        // The items hayagriva saw: those with a known key, in the group's order.
        let narrative_items: Vec<CiteItem>;
        let known: Vec<&CiteItem> = if group.narrative && note_style {
            narrative_items = group
                .items
                .iter()
                .filter(|item| items.contains_key(&item.key))
                .map(|item| CiteItem {
                    suppress_author: true,
                    ..item.clone()
                })
                .collect();
            narrative_items.iter().collect()
        } else {
            group
                .items
                .iter()
                .filter(|item| items.contains_key(&item.key))
                .collect()
        };
        let mut text = Fragment::default();
        write_citation(&mut text, &cite.citation, &known, style);
        if american {
            punctuation_in_quote(&mut text);
        }
        if note_style {
            capitalize_first(&mut text);
            end_sentence(&mut text);
        }
        let author = (group.narrative && note_style)
            .then(|| {
                let item = known.first()?;
                let entry = items.get(&item.key)?;
                let author = hayagriva::standalone_citation(CitationRequest::new(
                    vec![CitationItem::new(
                        entry,
                        None,
                        None,
                        false,
                        Some(CitePurpose::Author),
                    )],
                    &style.style,
                    locale.clone(),
                    locale_files,
                    None,
                ));
                let mut fragment = Fragment::default();
                write_children(&mut fragment, &author.0);
                for part in [&mut fragment.html, &mut fragment.text] {
                    let trimmed = part.trim_end_matches(['.', ' ']).len();
                    part.truncate(trimmed);
                }
                Some(fragment)
            })
            .flatten();
        citations.push(FormattedCitation { text, author });
    }
    let mut bibliography = Vec::new();
    if let Some(bib) = rendered.bibliography {
        for item in bib.items {
            let mut text = Fragment::default();
            if let Some(first) = &item.first_field {
                write_child(&mut text, first);
                text.push_text(" ");
            }
            write_children(&mut text, &item.content.0);
            if american {
                punctuation_in_quote(&mut text);
            }
            bibliography.push(BibEntry {
                key: item.key,
                text,
            });
        }
    }
    Formatted {
        citations,
        bibliography,
    }
}

/// Formats the brief itself as a bibliography entry ("cite this brief").
pub(crate) fn format_self(style: &CitationStyle, item: &Item, lang: &str) -> Option<Fragment> {
    let locale = locale_code(lang);
    let locale_files = locales_for(lang);
    let all_locales = || locale_files.as_slice();
    let mut driver: BibliographyDriver<'_, Item> = BibliographyDriver::new();
    driver.citation(CitationRequest::new(
        vec![CitationItem::with_entry(item)],
        &style.style,
        locale.clone(),
        all_locales(),
        Some(1),
    ));
    let rendered = driver.finish(BibliographyRequest::new(
        &style.style,
        locale,
        all_locales(),
    ));
    let entry = rendered.bibliography?.items.into_iter().next()?;
    let mut text = Fragment::default();
    write_children(&mut text, &entry.content.0);
    Some(text)
}

/// Moves a period or comma right after a closing quotation mark inside it, as American usage
/// (CSL's `punctuation-in-quote` for `en-US`) wants.
fn punctuation_in_quote(fragment: &mut Fragment) {
    for part in [&mut fragment.html, &mut fragment.text] {
        if part.contains("”.") || part.contains("”,") {
            *part = part.replace("”.", ".”").replace("”,", ",”");
        }
    }
}

/// Ends a note with a period, inside a closing quotation mark as American usage wants.
fn end_sentence(fragment: &mut Fragment) {
    let text = fragment.text.trim_end();
    if text.is_empty() || text.ends_with(['.', '?', '!']) || text.ends_with(".”") {
        return;
    }
    for part in [&mut fragment.html, &mut fragment.text] {
        let trimmed = part.trim_end().len();
        part.truncate(trimmed);
        if part.ends_with('”') {
            let at = part.len() - '”'.len_utf8();
            part.insert(at, '.');
        } else {
            part.push('.');
        }
    }
}

fn capitalize_first(fragment: &mut Fragment) {
    for part in [&mut fragment.html, &mut fragment.text] {
        // Skip tags and markers at the start.
        let mut in_tag = false;
        let mut at = None;
        for (idx, c) in part.char_indices() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                '*' | '“' | '"' | '‘' if !in_tag => {}
                c if !in_tag => {
                    if c.is_lowercase() {
                        at = Some((idx, c));
                    }
                    break;
                }
                _ => {}
            }
        }
        if let Some((idx, c)) = at {
            let upper: String = c.to_uppercase().collect();
            part.replace_range(idx..idx + c.len_utf8(), &upper);
        }
    }
}

/// Writes a rendered citation, adding each item's prefix and suffix around it and removing the
/// author of `[-@key]` items.
fn write_citation(
    out: &mut Fragment,
    children: &ElemChildren,
    items: &[&CiteItem],
    style: &CitationStyle,
) {
    for child in &children.0 {
        match child {
            ElemChild::Elem(elem) => {
                if let Some(ElemMeta::Entry(idx)) = elem.meta {
                    let item = items.get(idx);
                    if let Some(prefix) = item.and_then(|i| i.prefix.as_deref()) {
                        out.push_text(prefix.trim_end());
                        out.push_text(" ");
                    }
                    if item.is_some_and(|i| i.suppress_author) {
                        let stripped = strip_author(&elem.children, !style.has_layout_prefix());
                        write_children(out, &stripped.0);
                    } else {
                        write_children(out, &elem.children.0);
                    }
                    if let Some(suffix) = item.and_then(|i| i.suffix.as_deref()) {
                        let suffix = suffix.trim_end();
                        if !suffix.starts_with([',', ';', '.', ':', ' ']) {
                            out.push_text(" ");
                        }
                        out.push_text(suffix);
                    }
                } else {
                    write_child(out, child);
                }
            }
            _ => write_child(out, child),
        }
    }
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

fn write_children(out: &mut Fragment, children: &[ElemChild]) {
    for child in children {
        write_child(out, child);
    }
}

fn write_child(out: &mut Fragment, child: &ElemChild) {
    match child {
        ElemChild::Text(formatted) => write_formatted(out, &formatted.text, formatted.formatting),
        ElemChild::Elem(elem) => {
            let class = match elem.display {
                Some(hayagriva::citationberg::Display::Block) => Some("csl-block"),
                Some(hayagriva::citationberg::Display::Indent) => Some("csl-indent"),
                Some(hayagriva::citationberg::Display::LeftMargin) => Some("csl-left-margin"),
                Some(hayagriva::citationberg::Display::RightInline) => Some("csl-right-inline"),
                None => None,
            };
            if let Some(class) = class {
                out.html.push_str("<span class=\"");
                out.html.push_str(class);
                out.html.push_str("\">");
            }
            write_children(out, &elem.children.0);
            if class.is_some() {
                out.html.push_str("</span>");
            }
        }
        ElemChild::Markup(markup) => out.push_text(markup),
        ElemChild::Link { text, url } => {
            let safe = is_safe_url(url);
            if safe {
                out.html.push_str("<a href=\"");
                escape_into(&mut out.html, url);
                out.html.push_str("\">");
            }
            write_formatted(out, &text.text, text.formatting);
            if safe {
                out.html.push_str("</a>");
            }
        }
        ElemChild::Transparent { .. } => {}
    }
}

fn write_formatted(out: &mut Fragment, text: &str, formatting: hayagriva::Formatting) {
    let mut close: Vec<&str> = Vec::new();
    let mut marks: Vec<&str> = Vec::new();
    if formatting.font_style == FontStyle::Italic {
        out.html.push_str("<i>");
        close.push("</i>");
        marks.push("*");
    }
    if formatting.font_weight == FontWeight::Bold {
        out.html.push_str("<b>");
        close.push("</b>");
        marks.push("**");
    }
    if formatting.font_variant == FontVariant::SmallCaps {
        out.html.push_str("<span class=\"smallcaps\">");
        close.push("</span>");
    }
    if formatting.text_decoration == TextDecoration::Underline {
        out.html.push_str("<u>");
        close.push("</u>");
    }
    match formatting.vertical_align {
        VerticalAlign::Sup => {
            out.html.push_str("<sup>");
            close.push("</sup>");
        }
        VerticalAlign::Sub => {
            out.html.push_str("<sub>");
            close.push("</sub>");
        }
        _ => {}
    }
    let curly;
    let text = if text.contains('\'') {
        curly = typographic_apostrophes(text);
        curly.as_str()
    } else {
        text
    };
    // Marks go inside surrounding spaces, as Markdown wants them.
    let inner = text.trim();
    let (lead, trail) = if inner.is_empty() || marks.is_empty() {
        ("", "")
    } else {
        let lead_len = text.len() - text.trim_start().len();
        (&text[..lead_len], &text[lead_len + inner.len()..])
    };
    escape_into(&mut out.html, text);
    if marks.is_empty() || inner.is_empty() {
        out.text.push_str(text);
    } else {
        out.text.push_str(lead);
        for mark in &marks {
            out.text.push_str(mark);
        }
        out.text.push_str(inner);
        for mark in marks.iter().rev() {
            out.text.push_str(mark);
        }
        out.text.push_str(trail);
    }
    for tag in close.iter().rev() {
        out.html.push_str(tag);
    }
}

/// `'` between letters (an apostrophe) as `’`, as Pandoc's citeproc prints it.
fn typographic_apostrophes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    for (idx, &c) in chars.iter().enumerate() {
        let between_letters = idx > 0
            && chars[idx - 1].is_alphanumeric()
            && chars.get(idx + 1).is_some_and(|n| n.is_alphabetic());
        out.push(if c == '\'' && between_letters {
            '’'
        } else {
            c
        });
    }
    out
}

/// Reads a Pandoc locator: `p. 7`, `pp. 88-94`, `chap. 3`, `§ 4`, or a bare number (a page).
/// Returns the locator and whatever text follows it (the suffix), which is also the whole text
/// when there is no locator.
pub(crate) fn parse_locator(raw: &str) -> (Option<(Locator, String)>, Option<String>) {
    const LABELS: &[(&str, Locator)] = &[
        ("pages", Locator::Page),
        ("page", Locator::Page),
        ("pp.", Locator::Page),
        ("p.", Locator::Page),
        ("chapters", Locator::Chapter),
        ("chapter", Locator::Chapter),
        ("chaps.", Locator::Chapter),
        ("chap.", Locator::Chapter),
        ("ch.", Locator::Chapter),
        ("sections", Locator::Section),
        ("section", Locator::Section),
        ("secs.", Locator::Section),
        ("sec.", Locator::Section),
        ("§§", Locator::Section),
        ("§", Locator::Section),
        ("paragraphs", Locator::Paragraph),
        ("paragraph", Locator::Paragraph),
        ("paras.", Locator::Paragraph),
        ("para.", Locator::Paragraph),
        ("¶¶", Locator::Paragraph),
        ("¶", Locator::Paragraph),
        ("volumes", Locator::Volume),
        ("volume", Locator::Volume),
        ("vols.", Locator::Volume),
        ("vol.", Locator::Volume),
        ("figures", Locator::Figure),
        ("figure", Locator::Figure),
        ("figs.", Locator::Figure),
        ("fig.", Locator::Figure),
        ("notes", Locator::Note),
        ("note", Locator::Note),
        ("nn.", Locator::Note),
        ("n.", Locator::Note),
        ("lines", Locator::Line),
        ("line", Locator::Line),
        ("ll.", Locator::Line),
        ("l.", Locator::Line),
        ("parts", Locator::Part),
        ("part", Locator::Part),
        ("pt.", Locator::Part),
        ("columns", Locator::Column),
        ("column", Locator::Column),
        ("col.", Locator::Column),
        ("books", Locator::Book),
        ("book", Locator::Book),
        ("bk.", Locator::Book),
        ("verses", Locator::Verse),
        ("verse", Locator::Verse),
        ("vv.", Locator::Verse),
        ("v.", Locator::Verse),
        ("folios", Locator::Folio),
        ("folio", Locator::Folio),
        ("fol.", Locator::Folio),
        ("opus", Locator::Opus),
        ("op.", Locator::Opus),
        ("sub verbo", Locator::SubVerbo),
        ("s.v.", Locator::SubVerbo),
        ("tables", Locator::Table),
        ("table", Locator::Table),
        ("tbl.", Locator::Table),
    ];
    let suffix_of = |text: &str| Some(text.to_owned()).filter(|t| !t.trim().is_empty());
    let trimmed = raw.trim_start();
    let Some(body) = trimmed.strip_prefix(',') else {
        return (None, suffix_of(raw));
    };
    let body = body.trim_start();
    let lower = body.to_lowercase();
    let mut kind = None;
    let mut rest = body;
    for (label, locator) in LABELS {
        if let Some(after) = lower.strip_prefix(label) {
            let next = after.chars().next();
            let symbol = label.starts_with(['§', '¶']);
            if next.is_none_or(|c| c.is_whitespace() || (symbol && c.is_ascii_digit())) {
                kind = Some(*locator);
                rest = body[label.len()..].trim_start();
                break;
            }
        }
    }
    // The value: numbers and ranges separated by ", ", stopping at the first word.
    let mut value_end = 0;
    let mut cursor = 0;
    for piece in rest.split(", ") {
        let token = piece.trim_end_matches(['.']);
        let is_value = !token.is_empty()
            && token.starts_with(|c: char| c.is_alphanumeric())
            && token.split(['-', '–', '—']).all(|part| {
                !part.is_empty()
                    && (part.chars().all(|c| c.is_ascii_digit())
                        || part
                            .chars()
                            .all(|c| "ivxlcdmIVXLCDM".contains(c) && kind.is_some())
                        || (kind.is_some()
                            && part.chars().any(|c| c.is_ascii_digit())
                            && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')))
            });
        if !is_value || token.len() != piece.len() && piece.ends_with('.') && kind.is_none() {
            break;
        }
        value_end = cursor + piece.len();
        cursor += piece.len() + 2;
    }
    if value_end == 0 {
        if kind.is_some() {
            // A label with a word after it ("chap. one"): keep it all as the locator.
            let value = rest.trim().to_owned();
            return (kind.map(|k| (k, value)), None);
        }
        return (None, suffix_of(raw));
    }
    let value = rest[..value_end].trim().to_owned();
    let after = &rest[value_end..];
    (
        Some((kind.unwrap_or(Locator::Page), value)),
        suffix_of(after),
    )
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
mod tests {
    use super::*;

    fn loc(raw: &str) -> (Option<(Locator, String)>, Option<String>) {
        parse_locator(raw)
    }

    #[test]
    fn locators_follow_pandoc() {
        assert_eq!(loc(", p. 7"), (Some((Locator::Page, "7".into())), None));
        assert_eq!(
            loc(", pp. 88-94"),
            (Some((Locator::Page, "88-94".into())), None)
        );
        assert_eq!(loc(", 41"), (Some((Locator::Page, "41".into())), None));
        assert_eq!(
            loc(", chap. 3, emphasis added"),
            (
                Some((Locator::Chapter, "3".into())),
                Some(", emphasis added".into())
            )
        );
        assert_eq!(loc(", §4"), (Some((Locator::Section, "4".into())), None));
        assert_eq!(loc(""), (None, None));
        assert_eq!(loc(" and elsewhere"), (None, Some(" and elsewhere".into())));
        assert_eq!(
            loc(", emphasis added"),
            (None, Some(", emphasis added".into()))
        );
    }

    #[test]
    fn archive_names_resolve() {
        for name in ["chicago-notes", "chicago-author-date", "apa"] {
            assert!(CitationStyle::by_name(name).is_some(), "{name}");
        }
        assert!(CitationStyle::by_name("chicago-notes").unwrap().is_note());
        assert!(!CitationStyle::by_name("apa").unwrap().is_note());
        assert!(CitationStyle::by_name("no-such-style").is_none());
    }
}
