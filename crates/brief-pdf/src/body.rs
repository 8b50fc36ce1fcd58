//! The Markdown body as Typst markup.
//!
//! The body is parsed once more with pulldown-cmark (with the model's options) into a flat list
//! of events, which is walked with an explicit stack: no recursion follows the nesting of the
//! Markdown, and wrappers deeper than [`MAX_DEPTH`] are flattened, so 10,000 nested block
//! quotations neither overflow our stack nor Typst's. The walk reads the [`Document`] for what
//! Markdown does not say: citation groups, recommendations, captions, figure credits and the
//! sections that only hold notes. Citations become placeholders that [`Body::finish`] replaces
//! with the text brief-render formats (see `cite`).

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use brief_model::{
    Citation, Diagnostic, Document, Loader, RecommendationForm, SectionRole, Severity, Span,
};
use brief_render::{CiteGroup, CiteItem};
use pulldown_cmark::{Alignment, CodeBlockKind, Event, Parser, Tag, TagEnd};

use crate::cite::{self, Citations};
use crate::markup::{self, Markup, PLACEHOLDER_END, PLACEHOLDER_START};

/// Wrappers (quotations, lists, emphasis...) nested deeper than this are flattened.
/// Typst itself stops at 64 nested show rules, and a quotation or list costs several.
pub(crate) const MAX_DEPTH: usize = 10;

/// Footnotes inside footnotes deeper than this are printed as written.
const MAX_NOTE_DEPTH: usize = 4;

/// Image formats Typst can embed.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp", "pdf"];

/// A citation group of the brief: a bracketed group, or one narrative `@key`.
struct Group {
    span: Span,
    items: Vec<Citation>,
    emitted: bool,
}

/// Something inserted between top-level blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Insertion {
    KeyPoints,
    Bibliography,
}

/// What to write when an open container ends.
struct Open {
    closer: String,
    counted: bool,
    block: bool,
}

/// The body walker.
pub(crate) struct Body<'a> {
    doc: &'a Document,
    events: Vec<(Event<'a>, Range<usize>)>,
    /// For each `Start` event, the index of its `End`.
    ends: Vec<usize>,
    groups: Vec<Group>,
    pub(crate) cites: Citations,
    warnings: Vec<Diagnostic>,
    /// Paragraphs printed elsewhere (table captions, figure credits), by start offset.
    moved_paragraphs: HashSet<usize>,
    /// Headings not printed (sections holding only footnote definitions), by start offset.
    skipped_headings: HashSet<usize>,
    /// Lists (by event index) whose items are recommendation fields: the cards print them.
    field_lists: HashSet<usize>,
    /// Headings with a label, and the label.
    heading_labels: HashMap<usize, String>,
    known_labels: HashSet<String>,
    insertions: Vec<(usize, Insertion)>,
    heading_shift: u8,
    /// How many wrappers are open around what is being written, across nested renders
    /// (a footnote's text continues the depth of its call).
    depth: usize,
    /// The level of the last heading printed: a heading is at most one level deeper, so the
    /// outline (and PDF/UA) sees no skipped levels.
    last_level: u8,
    footnote_defs: HashMap<String, usize>,
    footnote_numbers: HashMap<String, usize>,
    footnote_stack: Vec<String>,
    note_counter: usize,
    current_note: Option<usize>,
    /// Inline events ending at or before this offset are not printed.
    skip_to: usize,
    /// Drops leading spaces and punctuation from the next text printed.
    trim_lead: bool,
    brief_dir: PathBuf,
    loader: &'a dyn Loader,
    /// The most `..` levels an image path climbs out of the brief's folder.
    pub(crate) parent_depth: usize,
    pub(crate) bibliography_title: Option<String>,
}

impl<'a> Body<'a> {
    pub(crate) fn new(
        doc: &'a Document,
        cites: Citations,
        brief_dir: &Path,
        loader: &'a dyn Loader,
    ) -> Body<'a> {
        let start = doc.body_span.start.min(doc.source.len());
        let end = doc.body_span.end.clamp(start, doc.source.len());
        let text = &doc.source[start..end];
        let events: Vec<(Event<'a>, Range<usize>)> =
            Parser::new_ext(text, brief_model::markdown::options())
                .into_offset_iter()
                .map(|(event, range)| (event, range.start + start..range.end + start))
                .collect();
        let mut ends = vec![usize::MAX; events.len()];
        let mut stack = Vec::new();
        for (idx, (event, _)) in events.iter().enumerate() {
            match event {
                Event::Start(_) => stack.push(idx),
                Event::End(_) => {
                    if let Some(open) = stack.pop() {
                        ends[open] = idx;
                    }
                }
                _ => {}
            }
        }
        let mut footnote_defs = HashMap::new();
        for (idx, (event, _)) in events.iter().enumerate() {
            if let Event::Start(Tag::FootnoteDefinition(label)) = event {
                footnote_defs.entry(label.to_string()).or_insert(idx);
            }
        }

        let mut body = Body {
            doc,
            events,
            ends,
            groups: citation_groups(doc),
            cites,
            warnings: Vec::new(),
            moved_paragraphs: HashSet::new(),
            skipped_headings: HashSet::new(),
            field_lists: HashSet::new(),
            heading_labels: HashMap::new(),
            known_labels: HashSet::new(),
            insertions: Vec::new(),
            heading_shift: doc
                .sections
                .iter()
                .map(|s| s.level)
                .min()
                .unwrap_or(1)
                .saturating_sub(1),
            depth: 0,
            last_level: 0,
            footnote_defs,
            footnote_numbers: HashMap::new(),
            footnote_stack: Vec::new(),
            note_counter: 0,
            current_note: None,
            skip_to: 0,
            trim_lead: false,
            brief_dir: brief_dir.to_path_buf(),
            loader,
            parent_depth: 0,
            bibliography_title: None,
        };
        body.plan();
        body
    }

    /// Decides what moves and what is skipped before the walk.
    fn plan(&mut self) {
        let doc = self.doc;
        // The innermost list around each field line holds the fields.
        for field in doc.recommendations.iter().flat_map(|r| &r.fields) {
            let innermost = self
                .events
                .iter()
                .enumerate()
                .filter(|(_, (event, range))| {
                    matches!(event, Event::Start(Tag::List(_)))
                        && range.start <= field.span.start
                        && field.span.end <= range.end
                })
                .map(|(idx, _)| idx)
                .next_back();
            if let Some(idx) = innermost {
                self.field_lists.insert(idx);
            }
        }
        for table in &doc.tables {
            if let Some(para) = table.caption.and_then(|p| doc.paragraphs.get(p)) {
                self.moved_paragraphs.insert(para.span.start);
            }
        }
        for (idx, para) in doc.paragraphs.iter().enumerate() {
            if para.context.caption && idx > 0 {
                let previous = &doc.paragraphs[idx - 1];
                let credits_figure = doc.images.iter().any(|img| {
                    img.figure && img.credit.is_some() && previous.span.contains(img.span)
                });
                if credits_figure {
                    self.moved_paragraphs.insert(para.span.start);
                }
            }
        }
        let rec_heading_starts: HashSet<usize> = doc
            .recommendations
            .iter()
            .filter(|r| r.form == RecommendationForm::Heading)
            .map(|r| r.span.start)
            .collect();
        let mut bibliography_at = None;
        for section in &doc.sections {
            if section.role == SectionRole::Bibliography && holds_only_notes(doc, section) {
                self.skipped_headings.insert(section.span.start);
                if bibliography_at.is_none() {
                    bibliography_at = Some(section.span.start);
                    self.bibliography_title = Some(section.text.clone());
                }
                continue;
            }
            if rec_heading_starts.contains(&section.span.start) {
                continue;
            }
            if let Some(label) = label_name(&section.id) {
                self.known_labels.insert(label.clone());
                self.heading_labels.insert(section.span.start, label);
            }
        }
        if let Some(summary) = &doc.summary
            && !summary.from_frontmatter
            && !doc.frontmatter.key_points.is_empty()
        {
            let end = doc
                .sections
                .iter()
                .find(|s| s.role == SectionRole::Summary && s.extent.contains(summary.span))
                .map_or(summary.span.end, |s| s.extent.end);
            self.insertions.push((end, Insertion::KeyPoints));
        }
        if let Some(at) = bibliography_at {
            self.insertions.push((at, Insertion::Bibliography));
        }
    }

    /// Whether the template's summary box opens the body: a summary from the frontmatter, or
    /// key points without any summary.
    pub(crate) fn summary_up_front(&self) -> bool {
        match &self.doc.summary {
            Some(summary) => summary.from_frontmatter,
            None => !self.doc.frontmatter.key_points.is_empty(),
        }
    }

    /// Walks the whole body; returns markup with placeholders.
    pub(crate) fn walk(&mut self) -> String {
        let mut out = self.render(0, self.events.len(), true, false);
        if !self.cites.is_empty() && !out.contains(&placeholder("bib")) {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&placeholder("bib"));
        }
        out
    }

    /// Formats the citations and replaces the placeholders; returns the markup and warnings.
    pub(crate) fn finish(self, markup: &str) -> (String, Vec<Diagnostic>) {
        let formatted = self.cites.format(self.doc);
        let title = self
            .bibliography_title
            .clone()
            .unwrap_or_else(|| self.cites.style.bibliography_heading().to_owned());
        let mut out = String::with_capacity(markup.len() * 2);
        let mut rest = markup;
        while let Some(start) = rest.find(PLACEHOLDER_START) {
            out.push_str(&rest[..start]);
            let after = &rest[start + PLACEHOLDER_START.len_utf8()..];
            let Some(end) = after.find(PLACEHOLDER_END) else {
                rest = after;
                continue;
            };
            let tag = &after[..end];
            rest = &after[end + PLACEHOLDER_END.len_utf8()..];
            if tag == "bib" {
                out.push_str(&cite::bibliography_markup(&title, &formatted));
                continue;
            }
            let Some((idx, part)) = tag
                .strip_prefix('c')
                .and_then(|t| t.split_once(':'))
                .and_then(|(idx, part)| Some((idx.parse::<usize>().ok()?, part)))
            else {
                continue;
            };
            let Some(citation) = formatted.citations.get(idx) else {
                continue;
            };
            match part {
                // The citation in the running text (in-text styles, or inside a footnote).
                "i" => out.push_str(&cite::fragment_markup(&citation.text)),
                // The author of a narrative citation whose note follows.
                "a" => {
                    if let Some(author) = &citation.author {
                        out.push_str(&cite::fragment_markup(author));
                    }
                }
                // The citation's own note.
                _ => {
                    out.push_str("#footnote[");
                    out.push_str(&cite::fragment_markup(&citation.text));
                    out.push(']');
                }
            }
        }
        out.push_str(rest);
        (out, self.warnings)
    }

    /// Renders events `lo..hi`. `top` enables insertions between top-level blocks; `in_note`
    /// is set inside footnotes, where note citations are printed inline.
    fn render(&mut self, lo: usize, hi: usize, top: bool, in_note: bool) -> String {
        let mut m = Markup::default();
        let mut stack: Vec<Open> = Vec::new();
        let entry_depth = self.depth;
        let mut idx = lo;
        let hi = hi.min(self.events.len());
        while idx < hi {
            let range = self.events[idx].1.clone();
            if top && stack.is_empty() {
                self.insert_due(&mut m, range.start);
            }
            if self.is_swallowed(idx) {
                idx += 1;
                continue;
            }
            let event = self.events[idx].0.clone();
            match event {
                Event::Start(tag) => {
                    idx = self.start(&mut m, tag, idx, &mut stack, in_note);
                    continue;
                }
                Event::End(end) => {
                    if let Some(open) = stack.pop() {
                        if open.counted {
                            self.depth = self.depth.saturating_sub(1);
                        }
                        m.code(&open.closer);
                        if open.block || matches!(end, TagEnd::Paragraph) {
                            m.parbreak();
                        }
                    }
                }
                Event::Text(text) => self.text(&mut m, &text, range, in_note),
                Event::Code(code) => {
                    m.code(&format!("#raw({})", markup::str_literal(&code)));
                }
                Event::InlineMath(text) | Event::DisplayMath(text) => m.text(&text),
                Event::Html(html) | Event::InlineHtml(html) => write_html(&mut m, &html),
                Event::FootnoteReference(label) => self.footnote(&mut m, &label, range),
                Event::SoftBreak => m.text(" "),
                Event::HardBreak => m.code("#linebreak()"),
                Event::Rule => {
                    m.parbreak();
                    m.code("#line(length: 100%, stroke: 0.5pt + luma(170))");
                    m.parbreak();
                }
                Event::TaskListMarker(done) => m.text(if done { "[x] " } else { "[ ] " }),
            }
            idx += 1;
        }
        while let Some(open) = stack.pop() {
            m.code(&open.closer);
        }
        if top {
            self.insert_due(&mut m, usize::MAX - 1);
        }
        self.depth = entry_depth;
        m.finish()
    }

    /// Whether an inline event is covered by a citation group or by `skip_to`.
    fn is_swallowed(&self, idx: usize) -> bool {
        let (event, range) = &self.events[idx];
        let inline = match event {
            Event::Start(tag) => is_inline_tag(tag),
            Event::End(end) => is_inline_end(*end),
            Event::Code(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::FootnoteReference(_)
            | Event::InlineHtml(_) => true,
            _ => false,
        };
        if !inline {
            return false;
        }
        if range.start < self.skip_to && range.end <= self.skip_to {
            return true;
        }
        let span = Span::new(range.start, range.end);
        match self.group_at(range.start) {
            // A group is printed where its first byte is; what is inside it is swallowed.
            Some(group) => {
                let group = &self.groups[group];
                group.emitted && !span.is_empty() && group.span.contains(span)
            }
            None => false,
        }
    }

    fn start(
        &mut self,
        m: &mut Markup,
        tag: Tag<'a>,
        idx: usize,
        stack: &mut Vec<Open>,
        in_note: bool,
    ) -> usize {
        let range = self.events[idx].1.clone();
        let end = self.ends[idx].min(self.events.len().saturating_sub(1));
        match tag {
            Tag::Paragraph => {
                if self.moved_paragraphs.contains(&range.start) {
                    return end + 1;
                }
                if let Some(figure) = self.figure_in(idx, end) {
                    m.parbreak();
                    m.code(&figure);
                    m.parbreak();
                    return end + 1;
                }
                stack.push(Open {
                    closer: String::new(),
                    counted: false,
                    block: true,
                });
            }
            Tag::Heading { level, .. } => {
                if let Some(rec) = self.rec_at_heading(range.start) {
                    let next = self.section_end(idx, self.doc.recommendations[rec].span.end);
                    let card = self.card(rec, end + 1, next);
                    m.parbreak();
                    m.code(&card);
                    m.parbreak();
                    return next;
                }
                if self.skipped_headings.contains(&range.start) {
                    return end + 1;
                }
                let level = (level as u8)
                    .saturating_sub(self.heading_shift)
                    .clamp(1, self.last_level + 1);
                self.last_level = level;
                m.parbreak();
                let closer = match self.heading_labels.get(&range.start) {
                    Some(label) => format!("]<{label}>"),
                    None => "]".to_owned(),
                };
                stack.push(Open {
                    closer,
                    counted: false,
                    block: true,
                });
                m.code(&format!("#heading(level: {level})["));
            }
            Tag::BlockQuote(_) => {
                m.parbreak();
                open(m, stack, &mut self.depth, "#quote(block: true)[", "]", true);
            }
            Tag::CodeBlock(kind) => {
                let mut code = String::new();
                for (event, _) in &self.events[idx + 1..end] {
                    if let Event::Text(text) = event {
                        code.push_str(text);
                    }
                }
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .map(|l| l.trim_matches(['{', '}', '.']).to_owned())
                        .filter(|l| !l.is_empty()),
                    CodeBlockKind::Indented => None,
                };
                let lang = lang.map_or("none".to_owned(), |l| markup::str_literal(&l));
                m.parbreak();
                m.code(&format!(
                    "#raw(block: true, lang: {lang}, {})",
                    markup::str_literal(code.trim_end_matches('\n'))
                ));
                m.parbreak();
                return end + 1;
            }
            Tag::HtmlBlock => {
                m.parbreak();
                stack.push(Open {
                    closer: String::new(),
                    counted: false,
                    block: true,
                });
            }
            Tag::MetadataBlock(_) => return end + 1,
            Tag::FootnoteDefinition(_) => return end + 1,
            Tag::List(first) => {
                if self.field_lists.contains(&idx) {
                    return end + 1;
                }
                if self.doc.recommendations_section.is_some()
                    && let Some(cards) = self.list_cards(idx, end)
                {
                    m.parbreak();
                    m.code(&cards);
                    m.parbreak();
                    return end + 1;
                }
                let tight = !matches!(
                    self.events.get(idx + 2),
                    Some((Event::Start(Tag::Paragraph), _))
                );
                m.parbreak();
                let code = match first {
                    Some(number) => format!("#enum(tight: {tight}, start: {number})"),
                    None => format!("#list(tight: {tight})"),
                };
                open(m, stack, &mut self.depth, &code, "", true);
            }
            Tag::Item => {
                let flattened = stack.last().is_some_and(|o| !o.counted);
                if flattened {
                    stack.push(Open {
                        closer: String::new(),
                        counted: false,
                        block: true,
                    });
                } else {
                    // The list was opened, so its items must be too, however deep.
                    m.code("[");
                    self.depth += 1;
                    stack.push(Open {
                        closer: "]".to_owned(),
                        counted: true,
                        block: false,
                    });
                }
            }
            Tag::Table(aligns) => {
                let table = self.table(idx, end, &aligns, in_note);
                m.parbreak();
                m.code(&table);
                m.parbreak();
                return end + 1;
            }
            Tag::TableHead | Tag::TableRow | Tag::TableCell => {
                // Only reached for a malformed table; print the cells as text.
                stack.push(Open {
                    closer: " ".to_owned(),
                    counted: false,
                    block: false,
                });
            }
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                stack.push(Open {
                    closer: String::new(),
                    counted: false,
                    block: true,
                });
            }
            Tag::Emphasis => open(m, stack, &mut self.depth, "#emph[", "]", false),
            Tag::Strong => open(m, stack, &mut self.depth, "#strong[", "]", false),
            Tag::Strikethrough => open(m, stack, &mut self.depth, "#strike[", "]", false),
            Tag::Superscript => open(m, stack, &mut self.depth, "#super[", "]", false),
            Tag::Subscript => open(m, stack, &mut self.depth, "#sub[", "]", false),
            Tag::Link { dest_url, .. } => {
                let code = self.link_code(&dest_url);
                match code {
                    Some(code) => open(m, stack, &mut self.depth, &code, "]", false),
                    None => stack.push(Open {
                        closer: String::new(),
                        counted: false,
                        block: false,
                    }),
                }
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                let alt = self.plain_text(idx + 1, end);
                let span = Span::new(range.start, range.end);
                let image = self.image(&dest_url, &alt, &title, span, false);
                m.code(&format!("#{image}"));
                return end + 1;
            }
        }
        idx + 1
    }

    /// Prints what is due before a top-level block starting at `offset`.
    fn insert_due(&mut self, m: &mut Markup, offset: usize) {
        while let Some(pos) = self.insertions.iter().position(|(at, _)| *at <= offset) {
            let (_, insertion) = self.insertions.remove(pos);
            m.parbreak();
            m.code(&insertion_markup(insertion));
            m.parbreak();
        }
    }

    /// Text, with citation groups replaced by placeholders.
    fn text(&mut self, m: &mut Markup, text: &str, range: Range<usize>, in_note: bool) {
        let source = &self.doc.source;
        let linear = range.len() == text.len() && source.get(range.clone()) == Some(text);
        let mut pos = range.start;
        if self.skip_to > range.start {
            if range.end <= self.skip_to {
                return;
            }
            if !linear {
                self.skip_to = 0;
            } else {
                pos = self.skip_to;
            }
        }
        loop {
            let next = self.group_at(pos).or_else(|| self.next_group(pos));
            let Some(group) = next.filter(|&g| self.groups[g].span.start < range.end) else {
                self.emit(m, text, &range, pos, range.end, linear);
                return;
            };
            let span = self.groups[group].span;
            if !linear {
                if span.contains(Span::new(range.start, range.end)) {
                    if !self.groups[group].emitted {
                        self.emit_group(m, group, in_note);
                    }
                } else {
                    self.emit(m, text, &range, pos, range.end, false);
                }
                return;
            }
            if span.start > pos {
                self.emit(m, text, &range, pos, span.start, true);
            }
            if !self.groups[group].emitted {
                self.emit_group(m, group, in_note);
            }
            pos = pos.max(span.end).max(self.skip_to);
            if pos >= range.end {
                return;
            }
        }
    }

    /// Prints the text between source offsets `from` and `to` of a text event.
    fn emit(
        &mut self,
        m: &mut Markup,
        text: &str,
        range: &Range<usize>,
        from: usize,
        to: usize,
        linear: bool,
    ) {
        let piece = if linear {
            text.get(from - range.start..to.min(range.end) - range.start)
                .unwrap_or_default()
        } else {
            text
        };
        let piece = if self.trim_lead {
            let trimmed = piece.trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '.' | ':' | ';' | ',' | '—' | '–')
            });
            if !trimmed.is_empty() {
                self.trim_lead = false;
            }
            trimmed
        } else {
            piece
        };
        m.text(piece);
    }

    /// The group containing `offset`.
    fn group_at(&self, offset: usize) -> Option<usize> {
        let idx = self.groups.partition_point(|g| g.span.end <= offset);
        self.groups
            .get(idx)
            .filter(|g| g.span.start <= offset && offset < g.span.end)
            .map(|_| idx)
    }

    /// The first group starting after `offset`.
    fn next_group(&self, offset: usize) -> Option<usize> {
        let idx = self.groups.partition_point(|g| g.span.start < offset);
        (idx < self.groups.len()).then_some(idx)
    }

    fn emit_group(&mut self, m: &mut Markup, group_idx: usize, in_note: bool) {
        self.groups[group_idx].emitted = true;
        let span = self.groups[group_idx].span;
        let citations = self.groups[group_idx].items.clone();
        let mut items = Vec::new();
        for citation in &citations {
            if self.doc.source(&citation.key).is_none() {
                self.warnings.push(
                    Diagnostic::new(
                        "render/unknown-citation",
                        Severity::Warning,
                        citation.key_span,
                        format!("no source has the key `{}`", citation.key),
                    )
                    .with_help(
                        "define it under `sources` or in a bibliography file; until then the \
                         citation is printed as written",
                    ),
                );
                continue;
            }
            items.push(CiteItem::from_citation(self.doc, citation));
        }
        if items.is_empty() {
            m.text(self.doc.text(span));
            return;
        }
        let narrative = citations.iter().any(|c| c.narrative);
        let is_note = self.cites.style.is_note();
        let makes_note = is_note && !in_note;
        let note_number = if makes_note {
            self.note_counter += 1;
            Some(self.note_counter)
        } else if is_note {
            self.current_note
        } else {
            None
        };
        let idx = self.cites.push(CiteGroup {
            items,
            narrative,
            note: note_number,
            in_footnote: in_note,
        });
        if !makes_note {
            m.code(&placeholder(&format!("c{idx}:i")));
            return;
        }
        if narrative {
            m.code(&placeholder(&format!("c{idx}:a")));
        } else {
            m.trim_trailing_space();
        }
        // Chicago puts the note mark after the punctuation that follows the citation.
        let after = self.doc.source.get(span.end..).unwrap_or_default();
        let punct: String = after
            .chars()
            .take(1)
            .filter(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?'))
            .collect();
        if !punct.is_empty() {
            m.text(&punct);
            self.skip_to = span.end + punct.len();
        }
        m.code(&placeholder(&format!("c{idx}:n")));
    }

    /// An author's footnote: its definition as a Typst footnote, or a reference to the note
    /// already printed for the same label.
    fn footnote(&mut self, m: &mut Markup, label: &str, range: Range<usize>) {
        if let Some(number) = self.footnote_numbers.get(label) {
            m.code(&format!("#footnote(<brief-fn-{number}>)"));
            return;
        }
        let Some(&def) = self.footnote_defs.get(label) else {
            m.text(self.doc.source.get(range).unwrap_or_default());
            return;
        };
        if self.footnote_stack.len() >= MAX_NOTE_DEPTH
            || self.footnote_stack.iter().any(|l| l == label)
        {
            m.text(self.doc.source.get(range).unwrap_or_default());
            return;
        }
        self.note_counter += 1;
        let number = self.note_counter;
        self.footnote_numbers.insert(label.to_owned(), number);
        self.footnote_stack.push(label.to_owned());
        let saved = (self.current_note, self.skip_to, self.trim_lead);
        self.current_note = Some(number);
        self.skip_to = 0;
        self.trim_lead = false;
        let end = self.ends[def].min(self.events.len());
        let body = self.render(def + 1, end, false, true);
        (self.current_note, self.skip_to, self.trim_lead) = saved;
        self.footnote_stack.pop();
        m.code(&format!("#footnote[{body}]<brief-fn-{number}>"));
    }

    /// The plain text of events `lo..hi` (an image's alt text).
    fn plain_text(&self, lo: usize, hi: usize) -> String {
        let mut out = String::new();
        for (event, _) in &self.events[lo..hi.min(self.events.len())] {
            match event {
                Event::Text(t) | Event::Code(t) => out.push_str(t),
                Event::SoftBreak | Event::HardBreak => out.push(' '),
                _ => {}
            }
        }
        out
    }

    fn link_code(&self, url: &str) -> Option<String> {
        if let Some(anchor) = url.trim().strip_prefix('#') {
            let label = label_name(anchor)?;
            return self
                .known_labels
                .contains(&label)
                .then(|| format!("#link(<{label}>)["));
        }
        markup::link_open(url)
    }

    /// A paragraph that holds only an image the model calls a figure.
    fn figure_in(&mut self, lo: usize, hi: usize) -> Option<String> {
        let (inner_lo, inner_hi) = (lo + 1, hi);
        let mut image_at = None;
        for idx in inner_lo..inner_hi {
            match &self.events[idx].0 {
                Event::Start(Tag::Image { .. }) if image_at.is_none() => {
                    image_at = Some(idx);
                }
                _ => {}
            }
        }
        let image_idx = image_at?;
        let (
            Event::Start(Tag::Image {
                dest_url, title, ..
            }),
            range,
        ) = self.events[image_idx].clone()
        else {
            return None;
        };
        let span = Span::new(range.start, range.end);
        let model = self.doc.images.iter().find(|img| {
            img.figure && (img.span == span || span.contains(img.span) || img.span.contains(span))
        })?;
        let credit = model.credit.clone();
        let image_end = self.ends[image_idx];
        let alt = self.plain_text(image_idx + 1, image_end);
        let image = self.image(&dest_url, &alt, &title, span, true);
        let caption = if !title.trim().is_empty() {
            markup::content(title.trim())
        } else {
            markup::content_or_none(Some(&alt))
        };
        let credit = markup::content_or_none(credit.as_deref());
        Some(format!(
            "#brief-figure(brief-data, {image}, caption: {caption}, credit: {credit})"
        ))
    }

    /// An image as a Typst expression, or its alt text when it cannot be embedded.
    fn image(&mut self, url: &str, alt: &str, title: &str, span: Span, figure: bool) -> String {
        let alt_or_title = if alt.trim().is_empty() { title } else { alt };
        let placeholder = |reason: &str| {
            format!(
                "block(stroke: 0.5pt + luma(170), inset: 8pt, width: 100%)[#emph[{}]]",
                markup::text_markup(&format!(
                    "{} ({reason})",
                    if alt_or_title.trim().is_empty() {
                        url
                    } else {
                        alt_or_title.trim()
                    }
                ))
            )
        };
        let lower = url.trim().to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
        {
            self.warnings.push(
                Diagnostic::new(
                    "render/remote-image",
                    Severity::Warning,
                    span,
                    format!("remote image `{url}` is not fetched"),
                )
                .with_help("download it into the project and point to the local file"),
            );
            return placeholder("image not included");
        }
        let path_text = url.trim().replace("%20", " ");
        let path = Path::new(&path_text);
        if path.is_absolute() || lower.starts_with("data:") || path_text.is_empty() {
            self.warnings.push(
                Diagnostic::new(
                    "render/missing-image",
                    Severity::Warning,
                    span,
                    format!("image `{url}` is not a path relative to the brief"),
                )
                .with_help("write the image's path relative to the brief"),
            );
            return placeholder("image not included");
        }
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !IMAGE_EXTENSIONS.contains(&extension.as_str()) {
            self.warnings.push(
                Diagnostic::new(
                    "render/missing-image",
                    Severity::Warning,
                    span,
                    format!("image `{url}` is not a format the PDF engine reads"),
                )
                .with_help("use PNG, JPEG, GIF, SVG, WebP or PDF"),
            );
            return placeholder("image not included");
        }
        if let Err(err) = self.loader.read_bytes(&self.brief_dir.join(path)) {
            self.warnings.push(
                Diagnostic::new(
                    "render/missing-image",
                    Severity::Warning,
                    span,
                    format!("cannot read image `{url}`: {err}"),
                )
                .with_help("check the path; it is relative to the brief"),
            );
            return placeholder("image not found");
        }
        let mut climbs = 0usize;
        let mut level = 0isize;
        for component in path.components() {
            match component {
                Component::ParentDir => {
                    level -= 1;
                    climbs = climbs.max((-level) as usize);
                }
                Component::Normal(_) => level += 1,
                _ => {}
            }
        }
        self.parent_depth = self.parent_depth.max(climbs);
        let alt_arg = if alt_or_title.trim().is_empty() {
            String::new()
        } else {
            format!(", alt: {}", markup::str_literal(alt_or_title.trim()))
        };
        let src = markup::str_literal(&path_text.replace('\\', "/"));
        if figure {
            format!("image({src}{alt_arg})")
        } else {
            format!("box(image({src}{alt_arg}, height: 1.2em))")
        }
    }

    fn table(&mut self, lo: usize, hi: usize, aligns: &[Alignment], in_note: bool) -> String {
        let mut header: Vec<String> = Vec::new();
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut in_head = false;
        let mut idx = lo + 1;
        while idx < hi {
            match &self.events[idx].0 {
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => rows.push(Vec::new()),
                Event::Start(Tag::TableCell) => {
                    let end = self.ends[idx].min(hi);
                    let cell = self.render(idx + 1, end, false, in_note);
                    if in_head {
                        header.push(cell);
                    } else if let Some(row) = rows.last_mut() {
                        row.push(cell);
                    }
                    idx = end + 1;
                    continue;
                }
                _ => {}
            }
            idx += 1;
        }
        let columns = aligns.len().max(header.len()).max(1);
        let align: Vec<&str> = (0..columns)
            .map(|c| match aligns.get(c) {
                Some(Alignment::Center) => "center",
                Some(Alignment::Right) => "right",
                _ => "left",
            })
            .collect();
        let mut out = format!("table(columns: {columns}, align: ({},)", align.join(", "));
        if !header.is_empty() {
            out.push_str(", table.header(");
            for cell in &header {
                out.push('[');
                out.push_str(cell);
                out.push_str("], ");
            }
            out.push(')');
        }
        for row in &rows {
            for col in 0..columns {
                out.push_str(", [");
                out.push_str(row.get(col).map_or("", String::as_str));
                out.push(']');
            }
        }
        out.push(')');
        let range = &self.events[lo].1;
        let table_span = Span::new(range.start, range.end);
        let caption = self
            .doc
            .tables
            .iter()
            .find(|t| t.span.overlaps(table_span))
            .and_then(|t| t.caption)
            .and_then(|p| self.doc.paragraphs.get(p))
            .map(|p| p.span);
        match caption.and_then(|span| self.caption(span, in_note)) {
            Some(caption) => format!("#figure(kind: table, caption: [{caption}], {out})"),
            None => format!("#{out}"),
        }
    }

    /// The markup of a caption paragraph, without its "Table 1:" label.
    fn caption(&mut self, span: Span, in_note: bool) -> Option<String> {
        let idx = self.events.iter().position(|(event, range)| {
            matches!(event, Event::Start(Tag::Paragraph))
                && range.start <= span.start
                && span.end <= range.end
        })?;
        let end = self.ends[idx];
        let text = self.doc.text(span);
        let label_len = caption_label_len(text);
        let saved = (self.skip_to, self.trim_lead);
        self.skip_to = span.start + label_len;
        self.trim_lead = label_len > 0;
        let res = self.render(idx + 1, end, false, in_note);
        (self.skip_to, self.trim_lead) = saved;
        Some(res)
    }

    fn rec_at_heading(&self, offset: usize) -> Option<usize> {
        self.doc
            .recommendations
            .iter()
            .position(|r| r.form == RecommendationForm::Heading && r.span.start == offset)
    }

    /// The index of the first event at or after `idx` that starts at `end` or later at the
    /// top level.
    fn section_end(&self, idx: usize, end: usize) -> usize {
        let mut level = 0usize;
        let mut pos = idx;
        while pos < self.events.len() {
            let (event, range) = &self.events[pos];
            match event {
                Event::Start(_) => {
                    if level == 0 && range.start >= end {
                        return pos;
                    }
                    level += 1;
                }
                Event::End(_) => level = level.saturating_sub(1),
                _ => {
                    if level == 0 && range.start >= end {
                        return pos;
                    }
                }
            }
            pos += 1;
        }
        self.events.len()
    }

    /// A recommendation card: the rationale is the events `lo..hi`.
    fn card(&mut self, rec_idx: usize, lo: usize, hi: usize) -> String {
        let rationale = self.render(lo, hi, false, false);
        self.card_markup(rec_idx, &rationale)
    }

    fn card_markup(&mut self, rec_idx: usize, rationale: &str) -> String {
        let doc = self.doc;
        let rec = &doc.recommendations[rec_idx];
        let section_level = doc
            .recommendations_section
            .and_then(|s| doc.sections.get(s))
            .map_or(1, |s| s.level.saturating_sub(self.heading_shift).max(1))
            .min(self.last_level.max(1));
        let fields: Vec<String> = rec
            .fields
            .iter()
            .map(|f| {
                format!(
                    "(name: {}, value: {})",
                    markup::content(&f.name),
                    markup::content(&f.value)
                )
            })
            .collect();
        let fields = if fields.is_empty() {
            "()".to_owned()
        } else {
            format!("({},)", fields.join(", "))
        };
        self.last_level = section_level + 1;
        format!(
            "#brief-recommendation(brief-data, (number: {}, level: {}, action: {}, actor: {}, fields: {fields}, rationale: [{rationale}]))",
            rec_idx + 1,
            section_level + 1,
            markup::content(&rec.action),
            markup::content_or_none(rec.actor.as_deref()),
        )
    }

    /// A list whose items are recommendations (the list form), as cards.
    fn list_cards(&mut self, lo: usize, hi: usize) -> Option<String> {
        let mut items = Vec::new();
        let mut idx = lo + 1;
        while idx < hi {
            if let Event::Start(Tag::Item) = self.events[idx].0 {
                let end = self.ends[idx].min(hi);
                items.push((idx, end));
                idx = end + 1;
            } else {
                idx += 1;
            }
        }
        let doc = self.doc;
        let recs: Vec<Option<usize>> = items
            .iter()
            .map(|&(start, _)| {
                let range = &self.events[start].1;
                let span = Span::new(range.start, range.end);
                doc.recommendations.iter().position(|r| {
                    r.form == RecommendationForm::ListItem
                        && (r.span.start == range.start || span.contains(r.action_span))
                })
            })
            .collect();
        if recs.iter().all(Option::is_none) {
            return None;
        }
        let mut out = Markup::default();
        for ((start, end), rec) in items.into_iter().zip(recs) {
            match rec {
                Some(rec_idx) => {
                    let action = doc.recommendations[rec_idx].action_span;
                    let lead_end = (start..end)
                        .find_map(|i| match &self.events[i] {
                            (Event::Start(Tag::Strong), r)
                                if r.start <= action.start && action.end <= r.end =>
                            {
                                Some(r.end)
                            }
                            _ => None,
                        })
                        .unwrap_or(action.end);
                    let saved = (self.skip_to, self.trim_lead);
                    self.skip_to = lead_end;
                    self.trim_lead = true;
                    let rationale = self.render(start + 1, end, false, false);
                    (self.skip_to, self.trim_lead) = saved;
                    out.parbreak();
                    out.code(&self.card_markup(rec_idx, &rationale));
                }
                None => {
                    let body = self.render(start + 1, end, false, false);
                    out.parbreak();
                    out.code(&body);
                }
            }
        }
        Some(out.finish())
    }
}

/// The citation groups of a document, in source order.
fn citation_groups(doc: &Document) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_span: HashMap<Span, usize> = HashMap::new();
    for citation in doc.citations() {
        let span = if citation.narrative {
            citation.span
        } else {
            citation.group_span
        };
        match by_span.get(&span) {
            Some(&idx) => groups[idx].items.push(citation.clone()),
            None => {
                by_span.insert(span, groups.len());
                groups.push(Group {
                    span,
                    items: vec![citation.clone()],
                    emitted: false,
                });
            }
        }
    }
    groups.sort_by_key(|g| (g.span.start, g.span.end));
    // Overlapping groups cannot both be printed; keep the first.
    let mut out: Vec<Group> = Vec::with_capacity(groups.len());
    for group in groups {
        if out
            .last()
            .is_some_and(|last| last.span.end > group.span.start)
        {
            continue;
        }
        out.push(group);
    }
    out
}

/// Whether a section holds nothing but footnote definitions (a "Notes" heading whose notes
/// are printed at the foot of their pages).
fn holds_only_notes(doc: &Document, section: &brief_model::Section) -> bool {
    let content = Span::new(section.span.end, section.extent.end);
    let notes: Vec<Span> = doc
        .blocks
        .iter()
        .filter(|b| {
            b.kind == brief_model::BlockKind::FootnoteDefinition && content.contains(b.span)
        })
        .map(|b| b.span)
        .collect();
    doc.blocks.iter().all(|b| {
        !content.contains(b.span)
            || b.kind == brief_model::BlockKind::Html
            || notes.iter().any(|n| n.contains(b.span))
    })
}

/// A heading id usable as a Typst label, if it is one.
fn label_name(id: &str) -> Option<String> {
    let valid = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c.is_alphabetic() || matches!(c, '-' | '_'))
        && !id.starts_with('-');
    valid.then(|| format!("sec-{id}"))
}

/// The length of a caption's label: "Table 1: " or ": ".
fn caption_label_len(text: &str) -> usize {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    if trimmed.starts_with(": ") {
        return lead + 2;
    }
    let lower = trimmed.to_lowercase();
    for noun in ["table", "figure"] {
        if let Some(rest) = lower.strip_prefix(noun) {
            let after_noun = trimmed.len() - rest.len();
            let rest_trim = rest.trim_start();
            let label: String = rest_trim
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '.')
                .collect();
            let label = label.trim_end_matches('.');
            let after_label = &rest_trim[label.len()..];
            let after_label_trim = after_label.trim_start();
            if let Some(p) = after_label_trim.chars().next()
                && matches!(p, ':' | '.' | '—' | '–' | '-')
            {
                let consumed = after_noun
                    + (rest.len() - rest_trim.len())
                    + label.len()
                    + (after_label.len() - after_label_trim.len())
                    + p.len_utf8();
                return lead + consumed;
            }
            if rest.starts_with(':') {
                return lead + after_noun + 1;
            }
        }
    }
    0
}

fn placeholder(tag: &str) -> String {
    format!("{PLACEHOLDER_START}{tag}{PLACEHOLDER_END}")
}

fn insertion_markup(insertion: Insertion) -> String {
    match insertion {
        Insertion::KeyPoints => "#brief-key-points(brief-data)".to_owned(),
        Insertion::Bibliography => placeholder("bib"),
    }
}

fn is_inline_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// HTML elements whose tags are dropped (their text is kept); other `<...>` is text.
const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "figcaption",
    "figure",
    "font",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "iframe",
    "img",
    "ins",
    "kbd",
    "li",
    "main",
    "mark",
    "nav",
    "object",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Raw HTML: comments and known tags are dropped (`<br>` breaks the line), the contents of
/// `<script>` and `<style>` too; anything else, such as `<tag>`, is text.
fn write_html(m: &mut Markup, html: &str) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        m.text(&rest[..lt]);
        let after = &rest[lt..];
        if let Some(comment) = after.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(gt) = after.find('>') else {
            m.text(after);
            return;
        };
        let tag = &after[..=gt];
        let name: String = tag[1..]
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &after[gt + 1..];
        if name == "script" || name == "style" {
            if !tag.starts_with("</") {
                let close = format!("</{name}");
                let lower = rest.to_ascii_lowercase();
                rest = match lower.find(&close) {
                    Some(at) => rest[at..].find('>').map_or("", |gt| &rest[at + gt + 1..]),
                    None => "",
                };
            }
        } else if name == "br" {
            m.code("#linebreak()");
        } else if !HTML_TAGS.contains(&name.as_str()) {
            m.text(tag);
        }
    }
    m.text(rest);
}

/// Opens a wrapper, or only records it when the nesting is too deep to print.
fn open(
    m: &mut Markup,
    stack: &mut Vec<Open>,
    depth: &mut usize,
    code: &str,
    closer: &str,
    block: bool,
) {
    if *depth < MAX_DEPTH {
        m.code(code);
        *depth += 1;
        stack.push(Open {
            closer: closer.to_owned(),
            counted: true,
            block,
        });
    } else {
        stack.push(Open {
            closer: String::new(),
            counted: false,
            block,
        });
    }
}
