//! The Markdown body as HTML.
//!
//! The pipeline, in order:
//!
//! 1. pulldown-cmark parses the body (or a part of it) with `brief_model::markdown::options()`,
//!    with byte offsets, so every event can be matched with the model's spans.
//! 2. One loop writes each event as HTML. Citation groups and footnote references, found by
//!    their spans in the model, are replaced as they are met: a note reference (note styles) or
//!    a placeholder for the in-text citation. Recommendations are replaced by numbered cards,
//!    table captions move into their table, credit lines into their figure.
//! 3. The caller formats every recorded citation with hayagriva in one run and fills in the
//!    placeholders.
//!
//! The loop keeps only flat stacks, never recursion over the nesting of the Markdown, so
//! 10,000 nested blockquotes render like any other brief.

use std::collections::HashMap;
use std::rc::Rc;

use brief_model::{
    BlockKind, Citation, Diagnostic, Document, RecommendationForm, SectionRole, Severity, Span,
};
use pulldown_cmark::{
    Alignment, BrokenLink, CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd,
};

use crate::cite::{CiteGroup, CiteItem};
use crate::html::{data_uri, escape_into, is_safe_url, is_web_url, media_type};
use crate::sanitize::{self, InlineState};
use crate::{HtmlKind, RenderContext};

/// Marks the start of a placeholder in the output; never written from a brief (see
/// [`crate::html::escape_into`]).
pub(crate) const MARK_START: char = '\u{1}';
/// Marks the end of a placeholder.
pub(crate) const MARK_END: char = '\u{2}';

/// A note: an author's footnote, a citation (note styles) or a link's URL (print).
#[derive(Clone, Debug)]
pub(crate) enum Note {
    Footnote { label: String },
    Citation { record: usize },
    Link { url: String },
}

/// Where a recorded citation goes.
#[derive(Clone, Debug)]
pub(crate) enum Placement {
    /// It is note `n`.
    Note(usize),
    /// Its text replaces it in the running text (in-text styles, or inside a footnote).
    Inline { footnote: Option<String> },
}

/// A citation met while writing, in writing order.
#[derive(Clone, Debug)]
pub(crate) struct Record {
    pub(crate) group: CiteGroup,
    pub(crate) placement: Placement,
}

/// An entry of the table of contents.
#[derive(Clone, Debug, serde::Serialize)]
pub struct TocEntry {
    /// The heading level as rendered (2 for `##`).
    pub level: u8,
    /// The heading's id.
    pub id: String,
    /// The heading's text.
    pub text: String,
}

/// A section of the brief that the renderer fills itself (an empty "Notes" or "References").
#[derive(Clone, Debug, Default)]
pub(crate) struct Slot {
    pub(crate) id: String,
    pub(crate) text: String,
}

/// What the body writer produced.
pub(crate) struct Body {
    pub(crate) html: String,
    pub(crate) records: Vec<Record>,
    pub(crate) notes: Vec<Note>,
    /// Footnote label to the HTML of its definition.
    pub(crate) footnotes: HashMap<String, String>,
    /// How many times each note is referred to.
    pub(crate) note_refs: Vec<usize>,
    pub(crate) toc: Vec<TocEntry>,
    pub(crate) notes_slot: Option<Slot>,
    pub(crate) bibliography_slot: Option<Slot>,
    pub(crate) warnings: Vec<Diagnostic>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Blocks, as written.
    Block,
    /// Inline content only: paragraph tags are dropped.
    Inline,
}

#[derive(Clone, Copy, Debug)]
enum Repl {
    Group(usize),
    Footnote(usize),
}

struct DocGroup<'d> {
    span: Span,
    citations: Vec<&'d Citation>,
    narrative: bool,
    /// The footnote definition it sits in.
    footnote: Option<String>,
}

struct Image {
    url: String,
    title: String,
    alt: String,
    span: Span,
}

struct Writer<'a, 'd> {
    doc: &'d Document,
    ctx: &'a RenderContext<'a>,
    kind: HtmlKind,
    note_style: bool,
    heading_shift: u8,
    groups: Vec<DocGroup<'d>>,
    /// Replacements sorted by start, with their spans.
    repls: Vec<(Span, Repl)>,
    emitted: Vec<bool>,
    /// Spans whose events are dropped everywhere (captions and credits written elsewhere,
    /// headings of slots).
    skip: Vec<Span>,
    rec_region: Option<Span>,
    recs_written: bool,
    link_defs: Rc<HashMap<String, (String, String)>>,
    records: Vec<Record>,
    notes: Vec<Note>,
    note_refs: Vec<usize>,
    footnote_numbers: HashMap<String, usize>,
    footnotes: HashMap<String, String>,
    warnings: Vec<Diagnostic>,
    // State of the event loop.
    in_footnote: Option<String>,
    image: Option<Image>,
    links: Vec<Option<String>>,
    paragraphs: Vec<ParaKind>,
    table_alignments: Vec<Alignment>,
    table_cell: usize,
    in_table_head: bool,
    html_block: Option<String>,
    inline_html: InlineState,
    figure_caption: Option<String>,
    current_figure: Option<Span>,
    /// Text already written (punctuation moved before a note).
    consumed: Span,
    /// The level of the last heading written (the title is 1).
    last_heading: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ParaKind {
    Normal,
    Figure,
    Hidden,
}

/// Writes the body of `doc`.
pub(crate) fn write(
    doc: &Document,
    ctx: &RenderContext<'_>,
    kind: HtmlKind,
    note_style: bool,
) -> Body {
    let mut writer = Writer::new(doc, ctx, kind, note_style);
    let mut html = String::with_capacity(doc.source.len() * 2);
    let body = Span::new(
        doc.body_span.start,
        doc.source.len().max(doc.body_span.start),
    );
    writer.render(&mut html, body, Mode::Block, &[], true);
    let toc = writer.toc();
    let (notes_slot, bibliography_slot) = writer.slots();
    Body {
        html,
        records: writer.records,
        notes: writer.notes,
        footnotes: writer.footnotes,
        note_refs: writer.note_refs,
        toc,
        notes_slot,
        bibliography_slot,
        warnings: writer.warnings,
    }
}

impl<'a, 'd> Writer<'a, 'd> {
    fn new(
        doc: &'d Document,
        ctx: &'a RenderContext<'a>,
        kind: HtmlKind,
        note_style: bool,
    ) -> Self {
        // Citation groups, from the model's sentences.
        let mut groups: Vec<DocGroup<'d>> = Vec::new();
        for sentence in &doc.sentences {
            let footnote = sentence
                .context
                .footnote
                .and_then(|idx| doc.footnotes.get(idx))
                .map(|f| f.label.clone());
            for citation in &sentence.citations {
                match groups.last_mut() {
                    Some(group) if group.span == citation.group_span => {
                        group.citations.push(citation);
                    }
                    _ => groups.push(DocGroup {
                        span: citation.group_span,
                        citations: vec![citation],
                        narrative: citation.narrative,
                        footnote: footnote.clone(),
                    }),
                }
            }
        }
        let mut repls: Vec<(Span, Repl)> = groups
            .iter()
            .enumerate()
            .map(|(idx, g)| (g.span, Repl::Group(idx)))
            .collect();
        repls.extend(
            doc.footnote_refs
                .iter()
                .enumerate()
                .map(|(idx, r)| (r.span, Repl::Footnote(idx))),
        );
        repls.sort_by_key(|(span, _)| (span.start, span.end));
        // Drop overlaps, keeping the first.
        let mut kept: Vec<(Span, Repl)> = Vec::with_capacity(repls.len());
        for (span, repl) in repls {
            if kept.last().is_none_or(|(last, _)| last.end <= span.start) {
                kept.push((span, repl));
            }
        }
        let emitted = vec![false; kept.len()];

        let mut skip = Vec::new();
        for table in &doc.tables {
            if let Some(p) = table.caption.and_then(|p| doc.paragraphs.get(p)) {
                skip.push(p.span);
            }
        }
        for image in doc.images.iter().filter(|i| i.figure && i.credit.is_some()) {
            if let Some(credit) = credit_paragraph(doc, image.span) {
                skip.push(credit);
            }
        }
        for section in &doc.sections {
            if slot_kind(doc, section).is_some() {
                skip.push(section.span);
            }
        }
        skip.sort_by_key(|s| s.start);

        let rec_region = doc
            .recommendations
            .iter()
            .map(|r| r.span)
            .reduce(Span::cover)
            .map(|region| {
                let first = &doc.recommendations[0];
                if first.form == RecommendationForm::ListItem {
                    doc.blocks
                        .iter()
                        .filter(|b| b.kind == BlockKind::List && b.span.contains(first.span))
                        .map(|b| b.span)
                        .min_by_key(|s| s.len())
                        .map_or(region, |list| region.cover(list))
                } else {
                    region
                }
            });

        let heading_shift = u8::from(doc.sections.iter().any(|s| s.level == 1));

        // Link reference definitions, so parts of the body parsed alone still resolve them.
        let body_text = doc.text(Span::new(doc.body_span.start, doc.source.len()));
        let parser = Parser::new_ext(body_text, brief_model::markdown::options());
        let link_defs: HashMap<String, (String, String)> = parser
            .reference_definitions()
            .iter()
            .map(|(label, def)| {
                (
                    label.to_lowercase(),
                    (
                        def.dest.to_string(),
                        def.title.as_deref().unwrap_or("").to_owned(),
                    ),
                )
            })
            .collect();

        Writer {
            doc,
            ctx,
            kind,
            note_style,
            heading_shift,
            groups,
            repls: kept,
            emitted,
            skip,
            rec_region,
            recs_written: false,
            link_defs: Rc::new(link_defs),
            records: Vec::new(),
            notes: Vec::new(),
            note_refs: Vec::new(),
            footnote_numbers: HashMap::new(),
            footnotes: HashMap::new(),
            warnings: Vec::new(),
            in_footnote: None,
            image: None,
            links: Vec::new(),
            paragraphs: Vec::new(),
            table_alignments: Vec::new(),
            table_cell: 0,
            in_table_head: false,
            html_block: None,
            inline_html: InlineState::default(),
            figure_caption: None,
            current_figure: None,
            consumed: Span::empty(0),
            last_heading: 1,
        }
    }

    /// Writes the Markdown in `span` of the brief.
    fn render(&mut self, out: &mut String, span: Span, mode: Mode, skip: &[Span], top: bool) {
        // Captions and credits are in the global skip list; rendering one explicitly must not
        // skip it.
        let explicit = !top && self.skip.contains(&span);
        let doc = self.doc;
        let text = doc.text(span);
        let defs = Rc::clone(&self.link_defs);
        let callback = move |link: BrokenLink<'_>| {
            defs.get(&link.reference.to_lowercase())
                .map(|(url, title)| (CowStr::from(url.clone()), CowStr::from(title.clone())))
        };
        let parser = Parser::new_with_broken_link_callback(
            text,
            brief_model::markdown::options(),
            Some(callback),
        );
        let base = span.start;
        let mut first_paragraph = true;
        for (event, range) in parser.into_offset_iter() {
            let abs = Span::new(range.start + base, range.end + base);
            if (!explicit && in_spans(&self.skip, abs.start)) || in_spans(skip, abs.start) {
                continue;
            }
            if top
                && let Some(region) = self.rec_region
                && region.start <= abs.start
                && abs.start < region.end
            {
                if !self.recs_written {
                    self.recs_written = true;
                    self.write_recommendations(out);
                }
                continue;
            }
            if mode == Mode::Inline {
                match &event {
                    Event::Start(Tag::Paragraph) => {
                        if !first_paragraph {
                            out.push(' ');
                        }
                        first_paragraph = false;
                        continue;
                    }
                    Event::End(TagEnd::Paragraph) => continue,
                    _ => {}
                }
            }
            match event {
                Event::Text(text) => self.text(out, &text, abs),
                Event::FootnoteReference(label) => match self.repl_within(abs) {
                    Some(idx) => self.emit(out, idx),
                    None => self.footnote_ref(out, &label),
                },
                event => {
                    if let Some(idx) = self.repl_within(abs) {
                        if !matches!(event, Event::End(_)) {
                            self.emit(out, idx);
                        }
                        continue;
                    }
                    self.event(out, event, abs);
                }
            }
        }
        self.inline_html.close_all(out);
    }

    /// The replacement whose span contains all of `abs`.
    fn repl_within(&self, abs: Span) -> Option<usize> {
        let idx = self
            .repls
            .partition_point(|(span, _)| span.end <= abs.start);
        let (span, _) = self.repls.get(idx)?;
        (span.start <= abs.start && abs.end <= span.end && !span.is_empty()).then_some(idx)
    }

    fn text(&mut self, out: &mut String, text: &str, abs: Span) {
        let consumed = self.consumed;
        if !consumed.is_empty() && consumed.start < abs.end && abs.start < consumed.end {
            if self.doc.text(abs) != text {
                return;
            }
            if abs.start < consumed.start {
                let before = Span::new(abs.start, consumed.start);
                let piece = self.doc.text(before).to_owned();
                self.text(out, &piece, before);
            }
            if consumed.end < abs.end {
                let after = Span::new(consumed.end, abs.end);
                let piece = self.doc.text(after).to_owned();
                self.consumed = Span::empty(0);
                self.text(out, &piece, after);
            }
            return;
        }
        let first = self
            .repls
            .partition_point(|(span, _)| span.end <= abs.start);
        let overlapping: Vec<usize> = (first..self.repls.len())
            .take_while(|&idx| self.repls[idx].0.start < abs.end)
            .collect();
        if overlapping.is_empty() {
            self.plain(out, text);
            return;
        }
        let source = self.doc.text(abs);
        if source != text {
            // Escapes or entities: the offsets do not line up with the text.
            match self.repl_within(abs) {
                Some(idx) => self.emit(out, idx),
                None => self.plain(out, text),
            }
            return;
        }
        let mut cursor = abs.start;
        for idx in overlapping {
            let span = self.repls[idx].0;
            if span.start > cursor {
                let piece = self.doc.text(Span::new(cursor, span.start));
                self.plain(out, piece);
            }
            self.emit(out, idx);
            cursor = cursor.max(span.end);
        }
        if cursor < abs.end {
            let piece = self.doc.text(Span::new(cursor, abs.end));
            self.plain(out, piece);
        }
    }

    fn plain(&mut self, out: &mut String, text: &str) {
        if let Some(image) = &mut self.image {
            image.alt.push_str(text);
        } else if let Some(block) = &mut self.html_block {
            block.push_str(text);
        } else {
            escape_into(out, text);
        }
    }

    /// Writes replacement `idx` once.
    fn emit(&mut self, out: &mut String, idx: usize) {
        if self.emitted[idx] {
            return;
        }
        self.emitted[idx] = true;
        match self.repls[idx].1 {
            Repl::Footnote(fref) => {
                let label = self.doc.footnote_refs[fref].label.clone();
                self.footnote_ref(out, &label);
            }
            Repl::Group(group) => self.citation(out, group),
        }
    }

    fn citation(&mut self, out: &mut String, group_idx: usize) {
        let doc = self.doc;
        let group = &self.groups[group_idx];
        let items: Vec<CiteItem> = group
            .citations
            .iter()
            .map(|c| CiteItem::from_citation(doc, c))
            .collect();
        let known = items.iter().any(|item| doc.source(&item.key).is_some());
        if !known {
            out.push_str("<span class=\"citation unresolved\">");
            escape_into(out, doc.text(group.span));
            out.push_str("</span>");
            self.warnings.push(
                Diagnostic::new(
                    "render/unknown-citation",
                    Severity::Warning,
                    group.span,
                    format!("no source has the key `{}`", items[0].key),
                )
                .with_help("add the source to `sources` or to the bibliography"),
            );
            return;
        }
        let narrative = group.narrative;
        let footnote = group.footnote.clone();
        let unknown: Vec<String> = items
            .iter()
            .filter(|item| doc.source(&item.key).is_none())
            .map(|item| item.key.clone())
            .collect();
        let record = self.records.len();
        let in_note = self.in_footnote.clone().or(footnote);
        if self.note_style && in_note.is_none() {
            if narrative {
                push_marker(out, 'A', record);
            }
            let number = self.notes.len() + 1;
            self.notes.push(Note::Citation { record });
            self.note_refs.push(1);
            self.records.push(Record {
                group: CiteGroup {
                    items,
                    narrative,
                    note: Some(number),
                    in_footnote: false,
                },
                placement: Placement::Note(number),
            });
            // As Pandoc does: no space before the note, and the note after the punctuation
            // that follows the citation.
            if !narrative {
                let trimmed = out.trim_end_matches([' ', '\t', '\n']).len();
                out.truncate(trimmed);
            }
            let end = self.groups[group_idx].span.end;
            let after = &doc.source[end..];
            let punct_len = after
                .chars()
                .take_while(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?'))
                .map(char::len_utf8)
                .sum::<usize>();
            if punct_len > 0 {
                escape_into(out, &after[..punct_len]);
                self.consumed = Span::new(end, end + punct_len);
            }
            write_noteref(out, number, 1);
        } else {
            out.push_str("<span class=\"citation\">");
            push_marker(out, 'C', record);
            out.push_str("</span>");
            self.records.push(Record {
                group: CiteGroup {
                    items,
                    narrative,
                    note: None,
                    in_footnote: in_note.is_some(),
                },
                placement: Placement::Inline { footnote: in_note },
            });
        }
        for key in unknown {
            self.warnings.push(Diagnostic::new(
                "render/unknown-citation",
                Severity::Warning,
                self.groups[group_idx].span,
                format!("no source has the key `{key}`"),
            ));
        }
    }

    fn footnote_ref(&mut self, out: &mut String, label: &str) {
        if self.doc.footnote(label).is_none() {
            out.push_str("[^");
            escape_into(out, label);
            out.push(']');
            return;
        }
        let number = match self.footnote_numbers.get(label) {
            Some(&number) => number,
            None => {
                self.notes.push(Note::Footnote {
                    label: label.to_owned(),
                });
                self.note_refs.push(0);
                let number = self.notes.len();
                self.footnote_numbers.insert(label.to_owned(), number);
                number
            }
        };
        self.note_refs[number - 1] += 1;
        write_noteref(out, number, self.note_refs[number - 1]);
    }

    fn link_note(&mut self, out: &mut String, url: &str) {
        self.notes.push(Note::Link {
            url: url.to_owned(),
        });
        self.note_refs.push(1);
        write_noteref(out, self.notes.len(), 1);
    }

    #[allow(clippy::too_many_lines)]
    fn event(&mut self, out: &mut String, event: Event<'_>, abs: Span) {
        match event {
            Event::Start(tag) => self.start(out, tag, abs),
            Event::End(tag) => self.end(out, tag),
            Event::Text(_) | Event::FootnoteReference(_) => {}
            Event::Code(code) => {
                if let Some(image) = &mut self.image {
                    image.alt.push_str(&code);
                } else {
                    out.push_str("<code>");
                    escape_into(out, &code);
                    out.push_str("</code>");
                }
            }
            Event::InlineMath(math) => {
                out.push_str("<span class=\"math inline\">");
                escape_into(out, &math);
                out.push_str("</span>");
            }
            Event::DisplayMath(math) => {
                out.push_str("<span class=\"math display\">");
                escape_into(out, &math);
                out.push_str("</span>");
            }
            Event::Html(html) => match &mut self.html_block {
                Some(block) => block.push_str(&html),
                None => self.inline_html.write(out, &html),
            },
            Event::InlineHtml(html) => {
                if self.image.is_none() {
                    self.inline_html.write(out, &html);
                }
            }
            Event::SoftBreak => {
                if let Some(image) = &mut self.image {
                    image.alt.push(' ');
                } else {
                    out.push('\n');
                }
            }
            Event::HardBreak => out.push_str("<br>\n"),
            Event::Rule => out.push_str("<hr>\n"),
            Event::TaskListMarker(checked) => {
                out.push_str(if checked {
                    "<span class=\"task done\">☑</span> "
                } else {
                    "<span class=\"task\">☐</span> "
                });
            }
        }
    }

    fn start(&mut self, out: &mut String, tag: Tag<'_>, abs: Span) {
        match tag {
            Tag::Paragraph => {
                if self.is_figure_paragraph(abs) {
                    self.paragraphs.push(ParaKind::Figure);
                    self.figure_caption = None;
                    self.current_figure = Some(abs);
                    out.push_str("<figure class=\"figure\">\n");
                } else if self.image.is_some() {
                    self.paragraphs.push(ParaKind::Hidden);
                } else {
                    self.paragraphs.push(ParaKind::Normal);
                    out.push_str("<p>");
                }
            }
            Tag::Heading { level, classes, .. } => {
                // No level is skipped (an `####` right after `##` becomes `h3`), so the outline
                // stays valid; ids and order are kept.
                let level = (level as u8 + self.heading_shift)
                    .min(self.last_heading + 1)
                    .clamp(2, 6);
                self.last_heading = level;
                out.push_str("<h");
                out.push(char::from(b'0' + level));
                if let Some(section) = self.section_at(abs.start) {
                    out.push_str(" id=\"");
                    escape_into(out, &section.id);
                    out.push('"');
                }
                if !classes.is_empty() {
                    out.push_str(" class=\"");
                    let joined: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
                    escape_into(out, &joined.join(" "));
                    out.push('"');
                }
                out.push('>');
            }
            Tag::BlockQuote(_) => out.push_str("<blockquote>\n"),
            Tag::CodeBlock(kind) => {
                out.push_str("<pre><code");
                if let CodeBlockKind::Fenced(info) = kind
                    && let Some(lang) = info.split_whitespace().next()
                {
                    out.push_str(" class=\"language-");
                    escape_into(out, lang);
                    out.push('"');
                }
                out.push('>');
            }
            Tag::HtmlBlock => self.html_block = Some(String::new()),
            Tag::List(Some(1)) => out.push_str("<ol>\n"),
            Tag::List(Some(start)) => {
                out.push_str("<ol start=\"");
                out.push_str(&start.to_string());
                out.push_str("\">\n");
            }
            Tag::List(None) => out.push_str("<ul>\n"),
            Tag::Item => out.push_str("<li>"),
            Tag::FootnoteDefinition(label) => {
                self.in_footnote = Some(label.to_string());
                // The definition is written to its own buffer, kept for the notes.
                self.footnote_start(out);
            }
            Tag::DefinitionList => out.push_str("<dl>\n"),
            Tag::DefinitionListTitle => out.push_str("<dt>"),
            Tag::DefinitionListDefinition => out.push_str("<dd>"),
            Tag::Table(alignments) => {
                self.table_alignments = alignments;
                out.push_str("<div class=\"table-wrap\">\n<table>\n");
                if let Some(caption) = self.table_caption(abs) {
                    out.push_str("<caption>");
                    self.render(out, caption, Mode::Inline, &[], false);
                    out.push_str("</caption>\n");
                }
            }
            Tag::TableHead => {
                self.in_table_head = true;
                self.table_cell = 0;
                out.push_str("<thead>\n<tr>");
            }
            Tag::TableRow => {
                self.table_cell = 0;
                out.push_str("<tr>");
            }
            Tag::TableCell => {
                let tag = if self.in_table_head { "th" } else { "td" };
                out.push('<');
                out.push_str(tag);
                if self.in_table_head {
                    out.push_str(" scope=\"col\"");
                }
                match self.table_alignments.get(self.table_cell) {
                    Some(Alignment::Left) => out.push_str(" class=\"left\""),
                    Some(Alignment::Center) => out.push_str(" class=\"center\""),
                    Some(Alignment::Right) => out.push_str(" class=\"right\""),
                    _ => {}
                }
                out.push('>');
                self.table_cell += 1;
            }
            Tag::Emphasis => out.push_str("<em>"),
            Tag::Strong => out.push_str("<strong>"),
            Tag::Strikethrough => out.push_str("<del>"),
            Tag::Superscript => out.push_str("<sup>"),
            Tag::Subscript => out.push_str("<sub>"),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                let url = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                if is_safe_url(&url) {
                    out.push_str("<a href=\"");
                    escape_into(out, &rewrite_brief_link(&url));
                    out.push('"');
                    if !title.is_empty() {
                        out.push_str(" title=\"");
                        escape_into(out, &title);
                        out.push('"');
                    }
                    out.push('>');
                    let note = (self.kind == HtmlKind::Print
                        && is_web_url(&url)
                        && link_type != LinkType::Autolink
                        && self.in_footnote.is_none())
                    .then_some(url);
                    self.links.push(note);
                    self.link_open(true);
                } else {
                    self.links.push(None);
                    self.link_open(false);
                }
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                self.image = Some(Image {
                    url: dest_url.to_string(),
                    title: title.to_string(),
                    alt: String::new(),
                    span: abs,
                });
            }
            Tag::MetadataBlock(_) => {}
        }
    }

    /// Remembers whether a link element was opened, for its end.
    fn link_open(&mut self, opened: bool) {
        if !opened && let Some(last) = self.links.last_mut() {
            *last = Some(String::new());
        }
    }

    fn end(&mut self, out: &mut String, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                self.inline_html.close_all(out);
                match self.paragraphs.pop() {
                    Some(ParaKind::Figure) => {
                        out.push('\n');
                        self.figure_end(out);
                    }
                    Some(ParaKind::Hidden) => {}
                    _ => out.push_str("</p>\n"),
                }
            }
            TagEnd::Heading(_) => {
                self.inline_html.close_all(out);
                let level = self.last_heading;
                out.push_str("</h");
                out.push(char::from(b'0' + level));
                out.push_str(">\n");
            }
            TagEnd::BlockQuote(_) => {
                self.inline_html.close_all(out);
                out.push_str("</blockquote>\n");
            }
            TagEnd::CodeBlock => out.push_str("</code></pre>\n"),
            TagEnd::HtmlBlock => {
                if let Some(block) = self.html_block.take() {
                    out.push_str(&sanitize::block(&block));
                    out.push('\n');
                }
            }
            TagEnd::List(ordered) => out.push_str(if ordered { "</ol>\n" } else { "</ul>\n" }),
            TagEnd::Item => {
                self.inline_html.close_all(out);
                out.push_str("</li>\n");
            }
            TagEnd::FootnoteDefinition => {
                self.inline_html.close_all(out);
                self.footnote_end(out);
            }
            TagEnd::DefinitionList => out.push_str("</dl>\n"),
            TagEnd::DefinitionListTitle => out.push_str("</dt>\n"),
            TagEnd::DefinitionListDefinition => out.push_str("</dd>\n"),
            TagEnd::Table => out.push_str("</tbody>\n</table>\n</div>\n"),
            TagEnd::TableHead => {
                self.in_table_head = false;
                out.push_str("</tr>\n</thead>\n<tbody>\n");
            }
            TagEnd::TableRow => out.push_str("</tr>\n"),
            TagEnd::TableCell => {
                self.inline_html.close_all(out);
                out.push_str(if self.in_table_head { "</th>" } else { "</td>" });
            }
            TagEnd::Emphasis => out.push_str("</em>"),
            TagEnd::Strong => out.push_str("</strong>"),
            TagEnd::Strikethrough => out.push_str("</del>"),
            TagEnd::Superscript => out.push_str("</sup>"),
            TagEnd::Subscript => out.push_str("</sub>"),
            TagEnd::Link => match self.links.pop() {
                Some(Some(url)) if url.is_empty() => {}
                Some(Some(url)) => {
                    out.push_str("</a>");
                    self.link_note(out, &url);
                }
                _ => out.push_str("</a>"),
            },
            TagEnd::Image => {
                if let Some(image) = self.image.take() {
                    self.write_image(out, image);
                }
            }
            TagEnd::MetadataBlock(_) => {}
        }
    }

    /// Footnote definitions are written into a stash: `out` is swapped for an empty buffer,
    /// and the stash keeps what was there.
    fn footnote_start(&mut self, out: &mut String) {
        let outer = std::mem::take(out);
        self.footnotes.insert("\u{0}outer".to_owned(), outer);
    }

    fn footnote_end(&mut self, out: &mut String) {
        let outer = self.footnotes.remove("\u{0}outer").unwrap_or_default();
        let inner = std::mem::replace(out, outer);
        if let Some(label) = self.in_footnote.take() {
            self.footnotes.insert(label, inner);
        }
    }

    fn section_at(&self, offset: usize) -> Option<&'d brief_model::Section> {
        let doc = self.doc;
        let idx = doc.sections.partition_point(|s| s.span.start < offset);
        doc.sections.get(idx).filter(|s| s.span.start == offset)
    }

    fn table_caption(&self, abs: Span) -> Option<Span> {
        let table = self.doc.tables.iter().find(|t| t.span.start == abs.start)?;
        Some(self.doc.paragraphs.get(table.caption?)?.span)
    }

    fn is_figure_paragraph(&self, abs: Span) -> bool {
        self.doc
            .images
            .iter()
            .any(|i| i.figure && abs.contains(i.span))
    }

    fn write_image(&mut self, out: &mut String, image: Image) {
        let alt = image.alt.trim().to_owned();
        if self.paragraphs.last() == Some(&ParaKind::Figure) {
            let caption = if image.title.is_empty() {
                alt.clone()
            } else {
                image.title.clone()
            };
            if !caption.is_empty() && self.figure_caption.is_none() {
                self.figure_caption = Some(caption);
            }
        }
        if is_web_url(&image.url) {
            self.warnings.push(
                Diagnostic::new(
                    "render/remote-image",
                    Severity::Warning,
                    image.span,
                    format!("remote image `{}` is kept as a link", image.url),
                )
                .with_help("download the image into the project so it can be embedded"),
            );
            let label = if alt.is_empty() { &image.url } else { &alt };
            if is_safe_url(&image.url) {
                out.push_str("<a class=\"remote-image\" href=\"");
                escape_into(out, &image.url);
                out.push_str("\">");
                escape_into(out, label);
                out.push_str("</a>");
            } else {
                escape_into(out, label);
            }
            return;
        }
        match self.load_image(&image.url) {
            Ok(uri) => {
                out.push_str("<img src=\"");
                out.push_str(&uri);
                out.push_str("\" alt=\"");
                escape_into(out, &alt);
                out.push('"');
                if !image.title.is_empty() {
                    out.push_str(" title=\"");
                    escape_into(out, &image.title);
                    out.push('"');
                }
                out.push('>');
            }
            Err(reason) => {
                self.warnings.push(
                    Diagnostic::new(
                        "render/missing-image",
                        Severity::Warning,
                        image.span,
                        format!("cannot embed image `{}`: {reason}", image.url),
                    )
                    .with_help("check the path; it is relative to the brief"),
                );
                out.push_str("<span class=\"missing-image\">");
                escape_into(out, if alt.is_empty() { &image.url } else { &alt });
                out.push_str("</span>");
            }
        }
    }

    fn load_image(&self, url: &str) -> Result<String, String> {
        let path_text = url.split(['#', '?']).next().unwrap_or(url);
        let path_text = percent_decode(path_text);
        let media = media_type(&path_text).ok_or_else(|| "not a known image type".to_owned())?;
        if crate::html::scheme(&path_text).is_some() {
            return Err("only files in the project can be embedded".to_owned());
        }
        let path = self.ctx.brief_dir.join(&path_text);
        let bytes = self
            .ctx
            .loader
            .read_bytes(&path)
            .map_err(|err| err.to_string())?;
        Ok(data_uri(media, &bytes))
    }

    fn figure_end(&mut self, out: &mut String) {
        let credit = self.figure_credit();
        let caption = self.figure_caption.take();
        if caption.is_some() || credit.is_some() {
            out.push_str("<figcaption>");
            if let Some(caption) = caption {
                out.push_str("<span class=\"caption\">");
                escape_into(out, &caption);
                out.push_str("</span>");
            }
            if let Some(credit) = credit {
                out.push_str(" <span class=\"credit\">");
                self.render(out, credit, Mode::Inline, &[], false);
                out.push_str("</span>");
            }
            out.push_str("</figcaption>\n");
        }
        out.push_str("</figure>\n");
    }

    /// The credit paragraph of the figure being written.
    fn figure_credit(&self) -> Option<Span> {
        let figure = self.current_figure?;
        self.doc
            .images
            .iter()
            .filter(|i| i.figure && i.credit.is_some() && figure.contains(i.span))
            .find_map(|i| credit_paragraph(self.doc, i.span))
    }

    fn write_recommendations(&mut self, out: &mut String) {
        let doc = self.doc;
        let section_level = doc
            .recommendations_section
            .and_then(|idx| doc.sections.get(idx))
            .map_or(2, |s| s.level);
        let level = (section_level + 1 + self.heading_shift).min(6);
        let h = char::from(b'0' + level);
        out.push_str("<ol class=\"recommendations\">\n");
        for (idx, rec) in doc.recommendations.iter().enumerate() {
            let number = idx + 1;
            let priority = rec
                .field("priority")
                .map(|p| brief_model::markdown::slug(p.split([';', ',', '.']).next().unwrap_or(p)))
                .filter(|p| !p.is_empty());
            out.push_str("<li class=\"recommendation");
            if let Some(priority) = &priority {
                out.push_str(" priority-");
                escape_into(out, priority);
            }
            out.push_str("\" id=\"");
            escape_into(out, &rec.id);
            out.push_str("\">\n");
            let heading_id = match rec.form {
                RecommendationForm::Heading => self
                    .section_at(
                        doc.sections
                            .iter()
                            .find(|s| s.text_span == rec.action_span)
                            .map_or(usize::MAX, |s| s.span.start),
                    )
                    .map_or_else(|| format!("{}-action", rec.id), |s| s.id.clone()),
                RecommendationForm::ListItem => format!("{}-action", rec.id),
            };
            out.push_str("<article class=\"rec-card\" aria-labelledby=\"");
            escape_into(out, &heading_id);
            out.push_str("\">\n<header class=\"rec-header\"><span class=\"rec-number\" aria-hidden=\"true\">");
            out.push_str(&number.to_string());
            out.push_str("</span>\n<h");
            out.push(h);
            out.push_str(" class=\"rec-action\" id=\"");
            escape_into(out, &heading_id);
            out.push_str("\"><span class=\"visually-hidden\">Recommendation ");
            out.push_str(&number.to_string());
            out.push_str(": </span>");
            let action_span = action_span(doc, rec);
            match action_span {
                Some(span) => self.render(out, span, Mode::Inline, &[], false),
                None => escape_into(out, &rec.action),
            }
            out.push_str("</h");
            out.push(h);
            out.push_str(">\n</header>\n");
            if !rec.fields.is_empty() {
                out.push_str("<dl class=\"rec-fields\">\n");
                for field in &rec.fields {
                    out.push_str("<div class=\"rec-field field-");
                    escape_into(out, &brief_model::markdown::slug(&field.name));
                    out.push_str("\"><dt>");
                    escape_into(out, &field.name);
                    out.push_str("</dt><dd>");
                    match field_value_span(doc, field) {
                        Some(span) => self.render(out, span, Mode::Inline, &[], false),
                        None => escape_into(out, &field.value),
                    }
                    out.push_str("</dd></div>\n");
                }
                out.push_str("</dl>\n");
            }
            let field_skips = field_skips(doc, rec);
            let rationale = match rec.form {
                RecommendationForm::Heading => {
                    let heading = doc
                        .sections
                        .iter()
                        .find(|s| s.extent == rec.span)
                        .map_or(rec.span.start, |s| s.span.end);
                    Some(Span::new(heading.min(rec.span.end), rec.span.end))
                }
                RecommendationForm::ListItem => rec.rationale_span,
            };
            if let Some(rationale) = rationale.filter(|s| !doc.text(*s).trim().is_empty()) {
                out.push_str("<div class=\"rec-rationale\">\n");
                self.render(out, rationale, Mode::Block, &field_skips, false);
                out.push_str("</div>\n");
            }
            out.push_str("</article>\n</li>\n");
        }
        out.push_str("</ol>\n");
    }

    fn toc(&self) -> Vec<TocEntry> {
        let doc = self.doc;
        doc.sections
            .iter()
            .filter(|s| {
                s.level + self.heading_shift <= 3
                    && !self.skip.contains(&s.span)
                    && s.parent
                        .is_none_or(|p| doc.sections[p].role != SectionRole::Recommendations)
            })
            .map(|s| TocEntry {
                level: s.level + self.heading_shift,
                id: s.id.clone(),
                text: s.text.clone(),
            })
            .collect()
    }

    fn slots(&self) -> (Option<Slot>, Option<Slot>) {
        let mut notes = None;
        let mut bibliography = None;
        for section in &self.doc.sections {
            let slot = Slot {
                id: section.id.clone(),
                text: section.text.clone(),
            };
            match slot_kind(self.doc, section) {
                Some(SlotKind::Notes) if notes.is_none() => notes = Some(slot),
                Some(SlotKind::Bibliography) if bibliography.is_none() => {
                    bibliography = Some(slot);
                }
                _ => {}
            }
        }
        (notes, bibliography)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SlotKind {
    Notes,
    Bibliography,
}

/// A "Notes" or "References" section that holds nothing but footnote definitions (or nothing
/// at all) is where the renderer puts its own notes or bibliography.
fn slot_kind(doc: &Document, section: &brief_model::Section) -> Option<SlotKind> {
    if section.role != SectionRole::Bibliography {
        return None;
    }
    let content = Span::new(section.span.end, section.extent.end.max(section.span.end));
    let mut footnotes = false;
    for block in &doc.blocks {
        if !content.contains(block.span) || block.span.is_empty() {
            continue;
        }
        let inside_footnote = doc.blocks.iter().any(|b| {
            b.kind == BlockKind::FootnoteDefinition
                && b.span != block.span
                && b.span.contains(block.span)
        });
        match block.kind {
            BlockKind::FootnoteDefinition => footnotes = true,
            _ if inside_footnote => {}
            BlockKind::Html if doc.text(block.span).trim_start().starts_with("<!--") => {}
            _ => return None,
        }
    }
    let lower = section.text.to_lowercase();
    if footnotes || lower.contains("note") {
        Some(SlotKind::Notes)
    } else {
        Some(SlotKind::Bibliography)
    }
}

/// The paragraph holding the credit line of the figure at `image`.
fn credit_paragraph(doc: &Document, image: Span) -> Option<Span> {
    let para = doc.paragraphs.iter().position(|p| p.span.contains(image))?;
    let next = doc.paragraphs.get(para + 1)?;
    next.context.caption.then_some(next.span)
}

/// The span of a recommendation's action text, when it can be found in the file.
fn action_span(doc: &Document, rec: &brief_model::Recommendation) -> Option<Span> {
    let text = doc.text(rec.action_span);
    if text.trim() == rec.action.trim() || rec.form == RecommendationForm::ListItem {
        return Some(rec.action_span).filter(|s| !s.is_empty());
    }
    let at = text.rfind(rec.action.as_str())?;
    Some(Span::new(
        rec.action_span.start + at,
        rec.action_span.start + at + rec.action.len(),
    ))
}

/// The span of a field's value: what follows `**Name:**` (or `Name:`) in the file.
fn field_value_span(doc: &Document, field: &brief_model::Field) -> Option<Span> {
    let text = doc.text(field.span);
    let name_at = text.find(field.name.as_str())?;
    let after_name = &text[name_at + field.name.len()..];
    let marker = after_name
        .find(|c: char| !matches!(c, '*' | '_' | ':' | ' '))
        .unwrap_or(after_name.len());
    if !after_name[..marker].contains(':') {
        return None;
    }
    let start = field.span.start + name_at + field.name.len() + marker;
    (start < field.span.end).then(|| Span::new(start, field.span.end))
}

/// The list items (and whole lists) holding a recommendation's fields.
fn field_skips(doc: &Document, rec: &brief_model::Recommendation) -> Vec<Span> {
    let items: Vec<Span> = doc
        .blocks
        .iter()
        .filter(|b| {
            b.kind == BlockKind::Item
                && rec.span.contains(b.span)
                && rec.fields.iter().any(|f| b.span.contains(f.span))
        })
        .map(|b| b.span)
        .collect();
    let mut skips = Vec::new();
    for list in doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::List && rec.span.contains(b.span))
    {
        let children: Vec<&brief_model::Block> = doc
            .blocks
            .iter()
            .filter(|b| {
                b.kind == BlockKind::Item && b.depth == list.depth + 1 && list.span.contains(b.span)
            })
            .collect();
        if !children.is_empty() && children.iter().all(|c| items.contains(&c.span)) {
            skips.push(list.span);
        }
    }
    skips.extend(items);
    skips.sort_by_key(|s| s.start);
    skips
}

fn in_spans(spans: &[Span], offset: usize) -> bool {
    spans.iter().any(|s| s.start <= offset && offset < s.end)
}

fn push_marker(out: &mut String, kind: char, idx: usize) {
    out.push(MARK_START);
    out.push(kind);
    out.push_str(&idx.to_string());
    out.push(MARK_END);
}

fn write_noteref(out: &mut String, number: usize, occurrence: usize) {
    let n = number.to_string();
    out.push_str("<sup class=\"noteref\"><a href=\"#fn-");
    out.push_str(&n);
    out.push_str("\" id=\"fnref-");
    out.push_str(&n);
    if occurrence > 1 {
        out.push('-');
        out.push_str(&occurrence.to_string());
    }
    out.push_str("\" role=\"doc-noteref\">");
    out.push_str(&n);
    out.push_str("</a></sup>");
}

/// A link to another brief (`other.md`, `../x/other.md#sec`) points to its HTML.
fn rewrite_brief_link(url: &str) -> String {
    if crate::html::scheme(url).is_some() || url.starts_with("//") {
        return url.to_owned();
    }
    let (path, fragment) = match url.find('#') {
        Some(at) => (&url[..at], &url[at..]),
        None => (url, ""),
    };
    match path.strip_suffix(".md") {
        Some(stem) if !stem.is_empty() => format!("{stem}.html{fragment}"),
        _ => url.to_owned(),
    }
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let hex = |b: u8| char::from(b).to_digit(16);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut idx = 0;
    while idx < bytes.len() {
        if bytes[idx] == b'%'
            && idx + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex(bytes[idx + 1]), hex(bytes[idx + 2]))
        {
            out.push((hi * 16 + lo) as u8);
            idx += 3;
            continue;
        }
        out.push(bytes[idx]);
        idx += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// Replaces placeholders in `html` with `fill(kind, index)`.
pub(crate) fn fill_placeholders(html: &str, fill: &dyn Fn(char, usize) -> String) -> String {
    if !html.contains(MARK_START) {
        return html.to_owned();
    }
    let mut out = String::with_capacity(html.len() + html.len() / 4);
    let mut rest = html;
    while let Some(start) = rest.find(MARK_START) {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find(MARK_END) else {
            rest = after;
            continue;
        };
        let marker = &after[..end];
        let mut chars = marker.chars();
        if let (Some(kind), Ok(idx)) = (chars.next(), chars.as_str().parse::<usize>()) {
            out.push_str(&fill(kind, idx));
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}
