//! Citations and the bibliography, formatted with hayagriva (the CSL processor Typst uses).
//!
//! The body walker records each citation group in document order; [`Citations::finish`] runs
//! them through one hayagriva driver (so "Ibid." and short notes follow the real order) and
//! returns Typst markup for every group and for the bibliography of the cited sources.
//! Formatting here rather than with Typst's own `#cite` keeps Pandoc's prefixes ("see"),
//! suffixes and suppressed authors, and makes the generated source need no bibliography file.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use brief_model::{Diagnostic, Document, Loader, Severity, Span};
use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::json::Item;
use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{
    self, FontStyle, FontVariant, FontWeight, IndependentStyle, Locale, LocaleCode, StyleClass,
    TextDecoration, VerticalAlign,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, CitePurpose, ElemChild,
    ElemChildren, ElemMeta, Formatted, LocatorPayload, SpecificLocator,
};

use crate::markup::Markup;

/// The style used when neither the brief nor the configuration names one.
pub(crate) const DEFAULT_STYLE: &str = "chicago-notes";

/// A loaded citation style.
#[derive(Clone)]
pub(crate) struct Style {
    pub(crate) csl: Arc<IndependentStyle>,
}

impl Style {
    /// Whether citations become notes.
    pub(crate) fn is_note(&self) -> bool {
        self.csl.settings.class == StyleClass::Note
    }
}

/// Loads the brief's citation style: a hayagriva archive name or a `.csl` file next to the
/// brief. A style that cannot be used falls back to Chicago notes with a warning.
pub(crate) fn load_style(
    doc: &Document,
    configured: Option<&str>,
    brief_dir: &Path,
    loader: &dyn Loader,
    warnings: &mut Vec<Diagnostic>,
) -> Style {
    let from_brief = doc.frontmatter.citation_style.as_deref();
    let name = from_brief
        .or(configured)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(DEFAULT_STYLE);
    let span = if from_brief.is_some() {
        doc.positions
            .get("/citation-style")
            .map_or(Span::empty(0), |p| p.value)
    } else {
        Span::empty(0)
    };
    match try_load_style(name, brief_dir, loader) {
        Ok(csl) => Style { csl },
        Err((message, help)) => {
            warnings.push(
                Diagnostic::new("render/citation-style", Severity::Warning, span, message)
                    .with_help(help),
            );
            Style {
                csl: archived(ArchivedStyle::ChicagoNotes),
            }
        }
    }
}

fn try_load_style(
    name: &str,
    brief_dir: &Path,
    loader: &dyn Loader,
) -> Result<Arc<IndependentStyle>, (String, String)> {
    let is_file = name.ends_with(".csl") || name.contains('/') || name.contains('\\');
    if !is_file {
        return match ArchivedStyle::by_name(name) {
            Some(style) => Ok(archived(style)),
            None => {
                let names = ArchivedStyle::all().iter().flat_map(|s| s.names().iter());
                let help = match brief_model::did_you_mean(name, names.copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "use a hayagriva style name such as `chicago-notes`, \
                             `chicago-author-date` or `apa`, or a path to a `.csl` file"
                        .to_owned(),
                };
                Err((
                    format!("unknown citation style `{name}`; using `{DEFAULT_STYLE}`"),
                    help,
                ))
            }
        };
    }
    let path = brief_dir.join(name);
    let text = loader.read(&path).map_err(|err| {
        (
            format!("cannot read citation style: {err}; using `{DEFAULT_STYLE}`"),
            "the path is relative to the brief".to_owned(),
        )
    })?;
    match citationberg::Style::from_xml(&text) {
        Ok(citationberg::Style::Independent(style)) => Ok(Arc::new(style)),
        Ok(citationberg::Style::Dependent(_)) => Err((
            format!("`{name}` is a dependent CSL style; using `{DEFAULT_STYLE}`"),
            "use the independent style it points to (its `parent` link)".to_owned(),
        )),
        Err(err) => Err((
            format!("`{name}` is not a valid CSL style: {err}; using `{DEFAULT_STYLE}`"),
            "check the file against the CSL 1.0.2 schema".to_owned(),
        )),
    }
}

/// A style from hayagriva's archive, parsed once per process.
fn archived(style: ArchivedStyle) -> Arc<IndependentStyle> {
    static CACHE: OnceLock<Mutex<HashMap<ArchivedStyle, Arc<IndependentStyle>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(style)
        .or_insert_with(|| match style.get() {
            citationberg::Style::Independent(csl) => Arc::new(csl),
            // The archive holds independent styles only.
            citationberg::Style::Dependent(_) => archived_fallback(),
        })
        .clone()
}

fn archived_fallback() -> Arc<IndependentStyle> {
    match ArchivedStyle::ChicagoNotes.get() {
        citationberg::Style::Independent(csl) => Arc::new(csl),
        citationberg::Style::Dependent(_) => unreachable!("chicago-notes is independent"),
    }
}

/// The CSL locales, parsed once per process.
fn locales() -> &'static [Locale] {
    static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
    LOCALES.get_or_init(hayagriva::archive::locales)
}

/// How a cited item is to be printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// As the style cites.
    Normal,
    /// `@key` in running text: the author (and, for author-date styles, the year).
    Narrative,
    /// `[-@key]`: without the author.
    SuppressAuthor,
}

/// One item of a citation group.
#[derive(Clone, Debug)]
pub(crate) struct CiteItem {
    pub(crate) key: String,
    pub(crate) prefix: Option<String>,
    pub(crate) locator: Option<(Locator, String)>,
    pub(crate) suffix: Option<String>,
    pub(crate) form: Form,
}

/// A citation group as written (`[see @a, p. 4; @b]` or `@a`).
#[derive(Clone, Debug)]
pub(crate) struct CiteGroup {
    pub(crate) items: Vec<CiteItem>,
    /// The footnote number the citation belongs to, for note styles.
    pub(crate) note_number: Option<usize>,
    /// Whether the group sits in a footnote already (so it is printed inline).
    pub(crate) in_note: bool,
}

/// The markup of one citation group.
#[derive(Clone, Debug, Default)]
pub(crate) struct RenderedGroup {
    /// Printed in the running text (the citation for author-date styles, the author's name for
    /// a narrative citation in a note style).
    pub(crate) inline: String,
    /// Printed as a footnote (note styles).
    pub(crate) note: Option<String>,
}

/// The bibliography of the cited sources, as Typst markup per entry.
#[derive(Clone, Debug, Default)]
pub(crate) struct RenderedBibliography {
    pub(crate) entries: Vec<String>,
    pub(crate) hanging_indent: bool,
}

/// Collects citation groups in document order and formats them at the end.
pub(crate) struct Citations {
    pub(crate) style: Style,
    items: HashMap<String, Item>,
    groups: Vec<CiteGroup>,
    locale: Option<LocaleCode>,
}

impl Citations {
    pub(crate) fn new(doc: &Document, style: Style) -> Citations {
        let items = doc
            .sources
            .iter()
            .filter_map(|source| {
                let mut value = source.to_csl_json();
                // Short notes use the main title without its subtitle, as Pandoc derives it.
                if let Some(map) = value.as_object_mut() {
                    let short = map
                        .get("title")
                        .and_then(|t| t.as_str())
                        .and_then(|t| t.split_once(": "))
                        .map(|(head, _)| head.trim().to_owned())
                        .filter(|head| !head.is_empty());
                    if let Some(short) = short {
                        map.entry("title-short").or_insert(short.into());
                    }
                }
                serde_json::from_value::<Item>(value)
                    .ok()
                    .map(|item| (source.id.clone(), item))
            })
            .collect();
        let lang = doc.frontmatter.lang.trim();
        let locale = (!lang.is_empty()).then(|| LocaleCode(locale_for(lang)));
        Citations {
            style,
            items,
            groups: Vec::new(),
            locale,
        }
    }

    /// Whether a source with this key can be cited.
    pub(crate) fn knows(&self, key: &str) -> bool {
        self.items.contains_key(key)
    }

    /// Records a group; returns its index.
    pub(crate) fn push(&mut self, group: CiteGroup) -> usize {
        self.groups.push(group);
        self.groups.len() - 1
    }

    /// Whether any group was recorded.
    pub(crate) fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Formats every group and the bibliography.
    pub(crate) fn finish(&self) -> (Vec<RenderedGroup>, Option<RenderedBibliography>) {
        if self.groups.is_empty() {
            return (Vec::new(), None);
        }
        let csl = &*self.style.csl;
        let is_note = self.style.is_note();
        let locale_files = locales();
        let mut driver: BibliographyDriver<'_, Item> = BibliographyDriver::new();
        // Which driver citation (if any) each group's inline part and note part came from.
        let mut plan: Vec<(Option<usize>, Option<usize>, Option<String>)> = Vec::new();
        let mut n_requests = 0;
        for group in &self.groups {
            let narrative_author = group
                .items
                .first()
                .filter(|item| is_note && item.form == Form::Narrative && !group.in_note)
                .and_then(|item| self.author_only(item));
            let items: Vec<CitationItem<'_, Item>> = group
                .items
                .iter()
                .filter_map(|item| {
                    let entry = self.items.get(&item.key)?;
                    let locator = item
                        .locator
                        .as_ref()
                        .map(|(kind, value)| SpecificLocator(*kind, LocatorPayload::Str(value)));
                    let purpose = match item.form {
                        Form::Narrative if !is_note => Some(CitePurpose::Prose),
                        Form::SuppressAuthor if !is_note => Some(CitePurpose::Year),
                        _ => None,
                    };
                    Some(CitationItem::new(entry, locator, None, false, purpose))
                })
                .collect();
            if items.is_empty() {
                plan.push((None, None, narrative_author));
                continue;
            }
            driver.citation(CitationRequest::new(
                items,
                csl,
                self.locale.clone(),
                locale_files,
                group.note_number,
            ));
            if is_note && !group.in_note {
                plan.push((None, Some(n_requests), narrative_author));
            } else {
                plan.push((Some(n_requests), None, narrative_author));
            }
            n_requests += 1;
        }
        let rendered = driver.finish(BibliographyRequest::new(
            csl,
            self.locale.clone(),
            locale_files,
        ));
        let mut out = Vec::with_capacity(self.groups.len());
        for (group, (inline, note, author)) in self.groups.iter().zip(plan) {
            let affixes = Affixes::of(group, &self.items, is_note);
            let mut res = RenderedGroup::default();
            if let Some(idx) = inline
                && let Some(citation) = rendered.citations.get(idx)
            {
                let mut markup = Markup::default();
                write_children(&mut markup, &citation.citation, &affixes, false);
                res.inline = self.punctuation_in_quote(markup.finish());
            }
            if let Some(idx) = note
                && let Some(citation) = rendered.citations.get(idx)
            {
                let mut markup = Markup::default();
                write_children(&mut markup, &citation.citation, &affixes, true);
                res.note = Some(self.punctuation_in_quote(markup.finish()));
            }
            if let Some(author) = author {
                res.inline = author;
            }
            out.push(res);
        }
        let bibliography = rendered.bibliography.map(|bib| RenderedBibliography {
            hanging_indent: bib.hanging_indent,
            entries: bib
                .items
                .iter()
                .map(|item| {
                    let mut markup = Markup::default();
                    if let Some(first) = &item.first_field {
                        write_child(&mut markup, first, &Affixes::default(), &mut false);
                        markup.text(" ");
                    }
                    write_children(&mut markup, &item.content, &Affixes::default(), false);
                    markup.finish()
                })
                .collect(),
        });
        (out, bibliography)
    }

    /// American and British English put a period or comma that follows a closing quotation
    /// mark inside it, as CSL's `punctuation-in-quote` asks (hayagriva leaves it outside).
    fn punctuation_in_quote(&self, markup: String) -> String {
        let english = self.locale.as_ref().is_none_or(|l| l.0.starts_with("en"));
        if !english {
            return markup;
        }
        markup
            .replace("\u{201d}.", ".\u{201d}")
            .replace("\u{201d},", ",\u{201d}")
    }

    /// The author part of a narrative citation in a note style ("Kessler"), from a driver of
    /// its own so that it does not count as a citation for "Ibid.".
    fn author_only(&self, item: &CiteItem) -> Option<String> {
        let entry = self.items.get(&item.key)?;
        let csl = &*self.style.csl;
        let locale_files = locales();
        let mut driver: BibliographyDriver<'_, Item> = BibliographyDriver::new();
        driver.citation(CitationRequest::new(
            vec![CitationItem::new(
                entry,
                None,
                None,
                false,
                Some(CitePurpose::Author),
            )],
            csl,
            self.locale.clone(),
            locale_files,
            None,
        ));
        let rendered = driver.finish(BibliographyRequest::new(
            csl,
            self.locale.clone(),
            locale_files,
        ));
        let citation = rendered.citations.first()?;
        let mut markup = Markup::default();
        write_children(&mut markup, &citation.citation, &Affixes::default(), false);
        let markup = markup.finish();
        (!markup.is_empty()).then_some(markup)
    }
}

/// CSL locales are region-qualified (`en-US`); a bare language picks its usual region.
fn locale_for(lang: &str) -> String {
    if lang.contains('-') {
        return lang.to_owned();
    }
    match lang {
        "en" => "en-US",
        "de" => "de-DE",
        "fr" => "fr-FR",
        "es" => "es-ES",
        "it" => "it-IT",
        "pt" => "pt-PT",
        "ru" => "ru-RU",
        "uk" => "uk-UA",
        "hy" => "hy-AM",
        "ka" => "ka-GE",
        "ar" => "ar",
        "tr" => "tr-TR",
        "zh" => "zh-CN",
        "ja" => "ja-JP",
        "nl" => "nl-NL",
        "pl" => "pl-PL",
        "sv" => "sv-SE",
        other => other,
    }
    .to_owned()
}

/// Text to print before and after each item of a group, by the item's index in the request.
#[derive(Default)]
struct Affixes {
    prefixes: HashMap<usize, String>,
    suffixes: HashMap<usize, String>,
}

impl Affixes {
    fn of(group: &CiteGroup, known: &HashMap<String, Item>, is_note: bool) -> Affixes {
        let mut affixes = Affixes::default();
        let cited = group
            .items
            .iter()
            .filter(|item| known.contains_key(&item.key));
        for (idx, item) in cited.enumerate() {
            if let Some(prefix) = item.prefix.as_deref().map(str::trim)
                && !prefix.is_empty()
            {
                affixes.prefixes.insert(idx, format!("{prefix} "));
            }
            let mut suffix = String::new();
            // Without an author, the year form has no room for the locator: print it after.
            if item.form == Form::SuppressAuthor
                && !is_note
                && let Some((_, value)) = &item.locator
            {
                suffix.push_str(", ");
                suffix.push_str(value);
            }
            if let Some(text) = &item.suffix {
                suffix.push_str(text);
            }
            if !suffix.is_empty() {
                affixes.suffixes.insert(idx, suffix);
            }
        }
        affixes
    }
}

fn write_children(out: &mut Markup, children: &ElemChildren, affixes: &Affixes, note: bool) {
    let mut capitalize = note;
    for child in &children.0 {
        write_child(out, child, affixes, &mut capitalize);
    }
}

fn write_child(out: &mut Markup, child: &ElemChild, affixes: &Affixes, capitalize: &mut bool) {
    match child {
        ElemChild::Text(formatted) => {
            write_formatted(out, formatted, capitalize);
        }
        ElemChild::Elem(elem) => {
            let entry = match elem.meta {
                Some(ElemMeta::Entry(idx)) => Some(idx),
                _ => None,
            };
            if let Some(prefix) = entry.and_then(|idx| affixes.prefixes.get(&idx)) {
                write_plain(out, prefix, capitalize);
            }
            for child in &elem.children.0 {
                write_child(out, child, affixes, capitalize);
            }
            if let Some(suffix) = entry.and_then(|idx| affixes.suffixes.get(&idx)) {
                write_plain(out, suffix, capitalize);
            }
        }
        ElemChild::Markup(text) => write_plain(out, text, capitalize),
        ElemChild::Link { text, url } => {
            let mut code = String::from("#link(");
            crate::markup::push_str_literal(&mut code, url);
            code.push_str(")[");
            out.code(&code);
            write_formatted(out, text, capitalize);
            out.code("]");
        }
        ElemChild::Transparent { .. } => {}
    }
}

fn write_plain(out: &mut Markup, text: &str, capitalize: &mut bool) {
    if *capitalize && !text.trim().is_empty() {
        *capitalize = false;
        let mut chars = text.chars();
        if let Some(first) = chars.next() {
            out.text(&first.to_uppercase().collect::<String>());
            out.text(chars.as_str());
            return;
        }
    }
    out.text(text);
}

fn write_formatted(out: &mut Markup, formatted: &Formatted, capitalize: &mut bool) {
    let format = formatted.formatting;
    let mut closers = 0;
    let mut open = |out: &mut Markup, code: &str| {
        out.code(code);
        closers += 1;
    };
    if format.font_style == FontStyle::Italic {
        open(out, "#emph[");
    }
    if format.font_weight == FontWeight::Bold {
        open(out, "#strong[");
    }
    if format.font_variant == FontVariant::SmallCaps {
        open(out, "#smallcaps[");
    }
    if format.text_decoration == TextDecoration::Underline {
        open(out, "#underline[");
    }
    match format.vertical_align {
        VerticalAlign::Sup => open(out, "#super["),
        VerticalAlign::Sub => open(out, "#sub["),
        _ => {}
    }
    write_plain(out, &formatted.text, capitalize);
    for _ in 0..closers {
        out.code("]");
    }
}

/// Splits a Pandoc locator ("p. 4", "pp. 18-19", "41", "chap. 3, emphasis added") into its
/// kind, its value and the rest, which is printed after the citation.
pub(crate) fn parse_locator(text: &str) -> (Option<(Locator, String)>, Option<String>) {
    let text = text.trim();
    if text.is_empty() {
        return (None, None);
    }
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
        ("figures", Locator::Figure),
        ("figure", Locator::Figure),
        ("figs.", Locator::Figure),
        ("fig.", Locator::Figure),
        ("tables", Locator::Table),
        ("table", Locator::Table),
        ("notes", Locator::Note),
        ("note", Locator::Note),
        ("nn.", Locator::Note),
        ("n.", Locator::Note),
        ("volumes", Locator::Volume),
        ("volume", Locator::Volume),
        ("vols.", Locator::Volume),
        ("vol.", Locator::Volume),
        ("lines", Locator::Line),
        ("line", Locator::Line),
        ("ll.", Locator::Line),
        ("l.", Locator::Line),
        ("columns", Locator::Column),
        ("column", Locator::Column),
        ("cols.", Locator::Column),
        ("col.", Locator::Column),
        ("parts", Locator::Part),
        ("part", Locator::Part),
        ("pt.", Locator::Part),
        ("articles", Locator::ArticleLocator),
        ("article", Locator::ArticleLocator),
        ("arts.", Locator::ArticleLocator),
        ("art.", Locator::ArticleLocator),
        ("issues", Locator::Issue),
        ("issue", Locator::Issue),
        ("no.", Locator::Issue),
        ("verses", Locator::Verse),
        ("verse", Locator::Verse),
        ("v.", Locator::Verse),
    ];
    let lower = text.to_lowercase();
    let mut kind = None;
    let mut rest = text;
    for (label, locator) in LABELS {
        if lower.starts_with(label) {
            let after = &text[label.len()..];
            // "page" must not match "pages" mid-word, nor "p." match "para.".
            if label.ends_with('.') || after.is_empty() || after.starts_with([' ', '\u{a0}']) {
                kind = Some(*locator);
                rest = after.trim_start();
                break;
            }
        }
    }
    // The value: digits, roman numerals, ranges and lists, up to the first comma that is
    // followed by something other than a number.
    let mut end = 0;
    let bytes: Vec<(usize, char)> = rest.char_indices().collect();
    let mut idx = 0;
    while idx < bytes.len() {
        let (pos, c) = bytes[idx];
        let is_value = c.is_alphanumeric() || matches!(c, '-' | '–' | '—' | '.' | ':');
        if is_value {
            end = pos + c.len_utf8();
        } else if c == ',' || c == '&' || c == ' ' {
            // Continue only if a number follows ("88, 94" or "3 & 5").
            let next = rest[pos + 1..].trim_start();
            if !next.starts_with(|ch: char| ch.is_ascii_digit()) {
                break;
            }
        } else {
            break;
        }
        idx += 1;
    }
    let value = rest[..end].trim();
    let suffix = rest[end..].trim_end();
    let suffix = (!suffix.trim().is_empty()).then(|| suffix.to_owned());
    if value.is_empty() {
        return (None, Some(format!(", {text}")));
    }
    let is_number = value.chars().any(|c| c.is_ascii_digit())
        || value.chars().all(|c| "ivxlcdmIVXLCDM".contains(c));
    if kind.is_none() && !is_number {
        // Not a locator at all ("emphasis added"): the whole text is a suffix.
        return (None, Some(format!(", {text}")));
    }
    (
        Some((kind.unwrap_or(Locator::Page), value.to_owned())),
        suffix,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locators_are_read_like_pandoc() {
        let (loc, suffix) = parse_locator("p. 7");
        assert_eq!(loc, Some((Locator::Page, "7".to_owned())));
        assert_eq!(suffix, None);
        let (loc, _) = parse_locator("pp. 88-94");
        assert_eq!(loc, Some((Locator::Page, "88-94".to_owned())));
        let (loc, _) = parse_locator("41");
        assert_eq!(loc, Some((Locator::Page, "41".to_owned())));
        let (loc, suffix) = parse_locator("chap. 3, emphasis added");
        assert_eq!(loc, Some((Locator::Chapter, "3".to_owned())));
        assert_eq!(suffix.as_deref(), Some(", emphasis added"));
        let (loc, suffix) = parse_locator("emphasis added");
        assert_eq!(loc, None);
        assert_eq!(suffix.as_deref(), Some(", emphasis added"));
    }
}
