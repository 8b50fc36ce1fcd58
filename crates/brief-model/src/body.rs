//! The Markdown body: one pass over pulldown-cmark's events builds sections, blocks, paragraphs,
//! sentences, citations, footnotes, links, images and tables.
//!
//! The walk keeps an explicit stack of open containers and never recurses, so ten thousand nested
//! block quotations cost memory, not stack.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::citations;
use crate::document::{
    Block, BlockKind, Citation, Document, FootnoteDef, FootnoteRef, Image, Link, Paragraph,
    Quotation, QuoteKind, Section, SectionRole, Sentence, Table, TextContext, TextMap, count_words,
};
use crate::markdown::{options, slug};
use crate::quotes;
use crate::sentences;
use crate::span::Span;

/// An HTML comment in the body, kept for suppressions.
pub(crate) struct HtmlComment {
    pub(crate) span: Span,
    pub(crate) text: String,
    pub(crate) depth: usize,
}

/// A `@word` that is a citation only if a source has that key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The sentence it is in.
    pub sentence: usize,
    /// The citation it would be.
    pub citation: Citation,
}

struct Container {
    kind: BlockKind,
    footnote: Option<usize>,
    table: Option<usize>,
    table_head: bool,
}

#[derive(Default)]
struct TextBuf {
    text: String,
    map: TextMap,
    strong: Vec<Range<usize>>,
    strong_open: Vec<usize>,
    code: Vec<Range<usize>>,
    footnotes: Vec<(usize, usize)>,
    links: Vec<(Range<usize>, usize)>,
    link_open: Vec<(usize, usize)>,
    images: Vec<usize>,
    start: Option<usize>,
    end: usize,
    block: usize,
}

impl TextBuf {
    fn push(&mut self, text: &str, src: Span, linear: bool) {
        if self.start.is_none() {
            self.start = Some(src.start);
        }
        self.end = self.end.max(src.end);
        self.map.push(self.text.len(), text.len(), src, linear);
        self.text.push_str(text);
    }

    fn touch(&mut self, src: Span) {
        if self.start.is_none() {
            self.start = Some(src.start);
        }
        self.end = self.end.max(src.end);
    }
}

struct PendingHeading {
    level: u8,
    id: Option<String>,
    classes: Vec<String>,
    span: Span,
}

/// Walks the body of `doc.source` starting at `base` and fills the document.
pub(crate) fn walk(doc: &mut Document, base: usize) -> (Vec<HtmlComment>, Vec<Mention>) {
    let source = std::mem::take(&mut doc.source);
    let body = &source[base..];
    let mut walker = Walker {
        doc,
        containers: Vec::new(),
        buf: None,
        heading: None,
        image: None,
        in_code: false,
        html: None,
        comments: Vec::new(),
        mentions: Vec::new(),
        section_stack: Vec::new(),
        slugs: std::collections::HashMap::new(),
    };
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let span = Span::new(base + range.start, base + range.end);
        walker.event(event, span, &source);
    }
    walker.flush(&source);
    let comments = std::mem::take(&mut walker.comments);
    let mentions = std::mem::take(&mut walker.mentions);
    drop(walker);
    doc.source = source;
    (comments, mentions)
}

struct Walker<'d> {
    doc: &'d mut Document,
    containers: Vec<Container>,
    buf: Option<TextBuf>,
    heading: Option<PendingHeading>,
    image: Option<(Span, String, Option<String>, String)>,
    in_code: bool,
    html: Option<(Span, String)>,
    comments: Vec<HtmlComment>,
    mentions: Vec<Mention>,
    section_stack: Vec<usize>,
    slugs: std::collections::HashMap<String, usize>,
}

impl Walker<'_> {
    fn current_section(&self) -> Option<usize> {
        self.doc.sections.len().checked_sub(1)
    }

    fn context(&self) -> TextContext {
        let mut context = TextContext::default();
        for container in &self.containers {
            match container.kind {
                BlockKind::BlockQuote => context.blockquote = true,
                BlockKind::Item => context.list_item = true,
                BlockKind::Table => context.table = container.table,
                BlockKind::FootnoteDefinition => context.footnote = container.footnote,
                _ => {}
            }
        }
        if let Some(section) = self.current_section() {
            match self.doc.sections[section].role {
                SectionRole::Bibliography => context.bibliography = true,
                SectionRole::Summary => context.summary = true,
                SectionRole::Recommendations => context.recommendations = true,
                SectionRole::Body => {}
            }
        }
        context
    }

    fn open_block(&mut self, kind: BlockKind, span: Span) -> usize {
        let idx = self.doc.blocks.len();
        self.doc.blocks.push(Block {
            kind,
            span,
            depth: self.containers.len(),
            section: self.current_section(),
        });
        idx
    }

    fn buf(&mut self) -> &mut TextBuf {
        if self.buf.is_none() {
            let block = self.doc.blocks.len().saturating_sub(1);
            self.buf = Some(TextBuf {
                block,
                ..TextBuf::default()
            });
        }
        self.buf.as_mut().expect("just created")
    }

    fn event(&mut self, event: Event<'_>, span: Span, source: &str) {
        if let Some((_, alt)) = self.image.as_mut().map(|(s, _, _, alt)| (s, alt)) {
            match &event {
                Event::Text(text) | Event::Code(text) => {
                    alt.push_str(text);
                    return;
                }
                Event::End(TagEnd::Image) => {}
                Event::SoftBreak | Event::HardBreak => {
                    alt.push(' ');
                    return;
                }
                _ => return,
            }
        }
        match event {
            Event::Start(tag) => self.start(tag, span, source),
            Event::End(tag) => self.end(tag, span, source),
            Event::Text(text) => {
                if self.in_code {
                    return;
                }
                let linear = span.text(source) == &*text;
                self.buf().push(&text, span, linear);
            }
            Event::Code(text) => {
                let buf = self.buf();
                let start = buf.text.len();
                buf.push(&text, span, false);
                let end = buf.text.len();
                buf.code.push(start..end);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(buf) = self.buf.as_mut() {
                    buf.push(" ", span, false);
                }
            }
            Event::FootnoteReference(label) => {
                let idx = self.doc.footnote_refs.len();
                self.doc.footnote_refs.push(FootnoteRef {
                    label: label.to_string(),
                    span,
                });
                let buf = self.buf();
                buf.touch(span);
                let pos = buf.text.len();
                buf.footnotes.push((pos, idx));
            }
            Event::Html(html) => {
                if let Some((_, text)) = self.html.as_mut() {
                    text.push_str(&html);
                }
            }
            Event::InlineHtml(html) => {
                if html.trim_start().starts_with("<!--") {
                    self.comments.push(HtmlComment {
                        span,
                        text: html.to_string(),
                        depth: self.containers.len(),
                    });
                } else if html.to_ascii_lowercase().starts_with("<br")
                    && let Some(buf) = self.buf.as_mut()
                {
                    buf.push(" ", span, false);
                }
            }
            Event::TaskListMarker(_) | Event::Rule => {
                if matches!(event, Event::Rule) {
                    self.open_block(BlockKind::Rule, span);
                }
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.buf().push(&text, span, false);
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, span: Span, source: &str) {
        match tag {
            Tag::Paragraph => {
                self.flush(source);
                self.open_block(BlockKind::Paragraph, span);
            }
            Tag::Heading {
                level, id, classes, ..
            } => {
                self.flush(source);
                self.open_block(BlockKind::Heading, span);
                self.heading = Some(PendingHeading {
                    level: level as u8,
                    id: id.map(|id| id.to_string()),
                    classes: classes.iter().map(ToString::to_string).collect(),
                    span,
                });
            }
            Tag::BlockQuote(_) => self.container(BlockKind::BlockQuote, span, source),
            Tag::CodeBlock(_) => {
                self.flush(source);
                self.open_block(BlockKind::Code, span);
                self.in_code = true;
            }
            Tag::HtmlBlock => {
                self.flush(source);
                self.open_block(BlockKind::Html, span);
                self.html = Some((span, String::new()));
            }
            Tag::List(_) => self.container(BlockKind::List, span, source),
            Tag::Item => self.container(BlockKind::Item, span, source),
            Tag::FootnoteDefinition(label) => {
                self.flush(source);
                let block = self.open_block(BlockKind::FootnoteDefinition, span);
                let _ = block;
                let idx = self.doc.footnotes.len();
                let marker_len = source[span.start..]
                    .find("]:")
                    .map_or(0, |offset| offset + 2);
                self.doc.footnotes.push(FootnoteDef {
                    label: label.to_string(),
                    span,
                    label_span: Span::new(span.start, span.start + marker_len),
                    text: String::new(),
                    urls: Vec::new(),
                });
                self.containers.push(Container {
                    kind: BlockKind::FootnoteDefinition,
                    footnote: Some(idx),
                    table: None,
                    table_head: false,
                });
            }
            Tag::Table(_) => {
                self.flush(source);
                self.open_block(BlockKind::Table, span);
                let idx = self.doc.tables.len();
                self.doc.tables.push(Table {
                    span,
                    caption: None,
                    header: Vec::new(),
                    rows: 0,
                });
                self.containers.push(Container {
                    kind: BlockKind::Table,
                    footnote: None,
                    table: Some(idx),
                    table_head: false,
                });
            }
            Tag::TableHead => {
                if let Some(c) = self.containers.last_mut() {
                    c.table_head = true;
                }
            }
            Tag::TableRow => {
                if let Some(table) = self.containers.last().and_then(|c| c.table) {
                    self.doc.tables[table].rows += 1;
                }
            }
            Tag::TableCell => {
                self.flush(source);
                self.open_block(BlockKind::Paragraph, span);
            }
            // Inline markup is touched so that a paragraph's span starts at its first `**` or
            // `*`, not at the first letter inside it.
            Tag::Emphasis | Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {
                self.buf().touch(span);
            }
            Tag::Strong => {
                let buf = self.buf();
                buf.touch(span);
                let pos = buf.text.len();
                buf.strong_open.push(pos);
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let idx = self.doc.links.len();
                self.doc.links.push(Link {
                    url: dest_url.to_string(),
                    text: String::new(),
                    span,
                    autolink: matches!(link_type, LinkType::Autolink | LinkType::Email),
                });
                let buf = self.buf();
                buf.touch(span);
                let pos = buf.text.len();
                buf.link_open.push((pos, idx));
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                let title = (!title.is_empty()).then(|| title.to_string());
                self.buf().touch(span);
                self.image = Some((span, dest_url.to_string(), title, String::new()));
            }
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {
                self.flush(source);
                self.open_block(BlockKind::Other, span);
            }
        }
    }

    fn container(&mut self, kind: BlockKind, span: Span, source: &str) {
        self.flush(source);
        self.open_block(kind, span);
        self.containers.push(Container {
            kind,
            footnote: None,
            table: None,
            table_head: false,
        });
    }

    fn end(&mut self, tag: TagEnd, _span: Span, source: &str) {
        match tag {
            TagEnd::Paragraph | TagEnd::TableCell => self.flush(source),
            TagEnd::Heading(_) => self.finish_heading(source),
            TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table => {
                self.flush(source);
                self.containers.pop();
            }
            TagEnd::TableHead => {
                self.flush(source);
                if let Some(c) = self.containers.last_mut() {
                    c.table_head = false;
                }
            }
            TagEnd::TableRow => self.flush(source),
            TagEnd::CodeBlock => self.in_code = false,
            TagEnd::HtmlBlock => {
                if let Some((span, text)) = self.html.take()
                    && text.trim_start().starts_with("<!--")
                {
                    self.comments.push(HtmlComment {
                        span,
                        text,
                        depth: self.containers.len(),
                    });
                }
            }
            TagEnd::Strong => {
                if let Some(buf) = self.buf.as_mut()
                    && let Some(start) = buf.strong_open.pop()
                {
                    let end = buf.text.len();
                    buf.strong.push(start..end);
                }
            }
            TagEnd::Link => {
                if let Some(buf) = self.buf.as_mut()
                    && let Some((start, idx)) = buf.link_open.pop()
                {
                    let end = buf.text.len();
                    self.doc.links[idx].text = buf.text[start..end].to_owned();
                    buf.links.push((start..end, idx));
                }
            }
            TagEnd::Image => {
                if let Some((span, src, title, alt)) = self.image.take() {
                    let idx = self.doc.images.len();
                    self.doc.images.push(Image {
                        src,
                        alt: alt.trim().to_owned(),
                        title,
                        span,
                        figure: false,
                        credit: None,
                    });
                    self.buf().images.push(idx);
                }
            }
            _ => {}
        }
    }

    fn finish_heading(&mut self, source: &str) {
        let buf = self.buf.take().unwrap_or_default();
        let Some(pending) = self.heading.take() else {
            return;
        };
        let text = buf.text.trim().to_owned();
        let text_span = match buf.start {
            Some(start) => Span::new(start, buf.end.max(start)),
            None => Span::empty(pending.span.start),
        };
        let _ = source;
        while let Some(&top) = self.section_stack.last() {
            if self.doc.sections[top].level >= pending.level {
                self.section_stack.pop();
            } else {
                break;
            }
        }
        let parent = self.section_stack.last().copied();
        let (id, explicit_id) = match pending.id {
            Some(id) => {
                *self.slugs.entry(id.clone()).or_insert(0) += 1;
                (id, true)
            }
            None => (self.unique_slug(&text), false),
        };
        let mut own_role = role_of(&text, &pending.classes, pending.level);
        // "Overview" after a summary ("## Key Findings", then "## Overview") opens the body.
        let summary_before = self
            .doc
            .sections
            .iter()
            .any(|s| s.role == SectionRole::Summary);
        let parent_role = parent.map(|p| self.doc.sections[p].role);
        if own_role == SectionRole::Summary
            && text
                .trim_end_matches(':')
                .trim()
                .eq_ignore_ascii_case("overview")
            && summary_before
            && parent_role != Some(SectionRole::Summary)
            && !pending.classes.iter().any(|c| c == "summary")
        {
            own_role = SectionRole::Body;
        }
        let role = match (own_role, parent) {
            (SectionRole::Body, Some(parent)) => self.doc.sections[parent].role,
            (role, _) => role,
        };
        let idx = self.doc.sections.len();
        self.doc.sections.push(Section {
            level: pending.level,
            text,
            id,
            explicit_id,
            classes: pending.classes,
            span: pending.span,
            text_span,
            extent: pending.span,
            parent,
            role,
        });
        if let Some(block) = self.doc.blocks.last_mut()
            && block.kind == BlockKind::Heading
        {
            block.section = Some(idx);
        }
        self.section_stack.push(idx);
    }

    fn unique_slug(&mut self, text: &str) -> String {
        let base = slug(text);
        let base = if base.is_empty() {
            "section".to_owned()
        } else {
            base
        };
        // As GitHub does: count up from the base until the id is unused, so "Risks", "Risks 1",
        // "Risks" give `risks`, `risks-1`, `risks-2`.
        let mut id = base.clone();
        while self.slugs.contains_key(&id) {
            let count = self.slugs.entry(base.clone()).or_insert(0);
            *count += 1;
            id = format!("{base}-{count}");
        }
        self.slugs.insert(id.clone(), 0);
        id
    }

    /// Turns the pending inline text into a paragraph with its sentences.
    fn flush(&mut self, source: &str) {
        let Some(buf) = self.buf.take() else { return };
        if self.heading.is_some() {
            // Heading text is collected until the heading ends.
            self.buf = Some(buf);
            return;
        }
        let context = self.context();
        let section = self.current_section();
        if let Some(footnote) = context.footnote {
            let def = &mut self.doc.footnotes[footnote];
            if !def.text.is_empty() {
                def.text.push(' ');
            }
            def.text.push_str(buf.text.trim());
            for &(_, link) in &buf.links {
                let link = &self.doc.links[link];
                def.urls.push((link.url.clone(), link.span));
            }
            for (offset, url) in bare_urls(&buf.text) {
                let span = buf.map.span(offset..offset + url.len());
                if !def.urls.iter().any(|(u, _)| u == url) {
                    def.urls.push((url.to_owned(), span));
                }
            }
        }
        if let Some(table) = context.table {
            let in_head = self
                .containers
                .iter()
                .rev()
                .find(|c| c.kind == BlockKind::Table)
                .is_some_and(|c| c.table_head);
            if in_head {
                self.doc.tables[table]
                    .header
                    .push(buf.text.trim().to_owned());
            }
        }
        let Some(start) = buf.start else { return };
        let para_span = Span::new(start, buf.end.max(start));
        // The first `]` after each `[^`, remembered so that a run of `[^` is scanned once.
        let mut next_close: Option<usize> = None;
        let bytes = buf.text.as_bytes();
        let openings =
            memchr::memchr_iter(b'[', bytes).filter(|&at| bytes.get(at + 1) == Some(&b'^'));
        for offset in openings {
            let close = match next_close {
                Some(close) if close > offset => close,
                _ => match buf.text[offset..].find(']') {
                    Some(c) => offset + c,
                    None => break,
                },
            };
            next_close = Some(close);
            let label = &buf.text[offset + 2..close];
            let in_code = in_ranges(&buf.code, offset);
            if !label.is_empty() && !label.contains(char::is_whitespace) && !in_code {
                self.doc.undefined_footnotes.push(FootnoteRef {
                    label: label.to_owned(),
                    span: buf.map.span(offset..close + 1),
                });
            }
        }
        let para_idx = self.doc.paragraphs.len();
        let text = buf.text;

        let (found, candidates) = citations::find(&text, &buf.code);
        let mut quotes = quotes::find(&text);
        quotes.sort_by_key(|q| q.range.start);
        let protected: Vec<Range<usize>> = quotes
            .iter()
            .filter(|q| q.range.len() < 800)
            .map(|q| q.range.clone())
            .collect();
        // Items of one group are adjacent, so comparing with the last group removes repeats.
        let mut attached: Vec<Range<usize>> = Vec::new();
        for f in &found {
            if attached.last() != Some(&f.group) {
                attached.push(f.group.clone());
            }
        }
        let ranges = if text.trim().is_empty() {
            Vec::new()
        } else {
            sentences::split(&text, &protected, &attached)
        };

        // Everything found in the text is sorted by where it starts, so each sentence takes its
        // share with a binary search rather than a scan of the whole paragraph.
        let mut found = found;
        found.sort_by_key(|f| f.range.start);
        let mut candidates = candidates;
        candidates.sort_by_key(|f| f.range.start);
        let mut links_in_text = buf.links.clone();
        links_in_text.sort_by_key(|(r, _)| r.start);
        // A footnote marker belongs to the last sentence that starts before it: the one it ends,
        // also when a space separates it from the period.
        let mut footnotes_of: Vec<Vec<usize>> = vec![Vec::new(); ranges.len()];
        for &(pos, idx) in &buf.footnotes {
            let owner = ranges.partition_point(|r| r.start < pos).saturating_sub(1);
            if let Some(list) = footnotes_of.get_mut(owner) {
                list.push(idx);
            }
        }
        let first_sentence = self.doc.sentences.len();
        for (nth, range) in ranges.iter().enumerate() {
            let sentence_idx = self.doc.sentences.len();
            let citations: Vec<Citation> = starting_in(&found, |f| f.range.start, range)
                .iter()
                .map(|f| to_citation(f, &buf.map))
                .collect();
            for candidate in starting_in(&candidates, |f| f.range.start, range) {
                self.mentions.push(Mention {
                    sentence: sentence_idx,
                    citation: to_citation(candidate, &buf.map),
                });
            }
            let footnotes = std::mem::take(&mut footnotes_of[nth]);
            let links = starting_in(&links_in_text, |(r, _)| r.start, range)
                .iter()
                .map(|&(_, idx)| idx)
                .collect();
            let sentence_text = &text[range.clone()];
            let mut quotations: Vec<Quotation> = starting_in(&quotes, |q| q.range.start, range)
                .iter()
                .map(|q| {
                    let inner = &text[q.inner.clone()];
                    Quotation {
                        text: inner.to_owned(),
                        span: buf.map.span(q.range.clone()),
                        kind: q.kind,
                        words: count_words(inner),
                    }
                })
                .collect();
            // A bracketed citation group is a reference, not prose: its words do not count, and
            // it is not part of what a block quotation quotes.
            let groups = starting_in(&attached, |g| g.start, range);
            let joined;
            let prose = if groups.is_empty() {
                sentence_text.trim()
            } else {
                let mut prose = String::with_capacity(sentence_text.len());
                let mut from = range.start;
                for group in groups {
                    prose.push_str(text[from..group.start.max(from)].trim_end());
                    from = group.end.min(range.end).max(from);
                }
                prose.push_str(&text[from..range.end]);
                joined = prose;
                joined.trim()
            };
            // Every sentence of a block quotation is quoted words, except an attribution line
            // ("— Name, title").
            let attribution = prose.starts_with(['—', '–']) || prose.starts_with("--");
            if context.blockquote && !attribution && !prose.is_empty() {
                quotations.push(Quotation {
                    text: prose.to_owned(),
                    span: buf.map.span(range.clone()),
                    kind: QuoteKind::Block,
                    words: count_words(prose),
                });
            }
            self.doc.sentences.push(Sentence {
                span: buf.map.span(range.clone()),
                text: sentence_text.to_owned(),
                paragraph: para_idx,
                text_offset: range.start,
                section,
                context,
                citations,
                footnotes,
                links,
                quotations,
                words: count_words(prose),
            });
        }
        let _ = source;
        self.doc.paragraphs.push(Paragraph {
            span: para_span,
            text,
            map: buf.map,
            section,
            context,
            sentences: first_sentence..self.doc.sentences.len(),
            strong: buf.strong,
            code: buf.code,
            block: buf.block,
        });
        let images = buf.images;
        if !images.is_empty() {
            let para = &self.doc.paragraphs[para_idx];
            let only_images = para.text.trim().is_empty();
            for idx in images {
                self.doc.images[idx].figure = only_images;
            }
        }
    }
}

/// The items of `sorted` (ordered by `start`) whose start lies in `range`.
fn starting_in<'a, T>(
    sorted: &'a [T],
    start: impl Fn(&T) -> usize,
    range: &Range<usize>,
) -> &'a [T] {
    let from = sorted.partition_point(|item| start(item) < range.start);
    let to = sorted.partition_point(|item| start(item) < range.end);
    &sorted[from..to.max(from)]
}

/// Whether `offset` lies in one of `ranges` (sorted, not overlapping).
fn in_ranges(ranges: &[Range<usize>], offset: usize) -> bool {
    let idx = ranges.partition_point(|r| r.end <= offset);
    ranges.get(idx).is_some_and(|r| r.contains(&offset))
}

fn to_citation(found: &citations::Found, map: &TextMap) -> Citation {
    Citation {
        key: found.key.clone(),
        prefix: found.prefix.clone(),
        locator: found.locator.clone(),
        suppress_author: found.suppress_author,
        narrative: found.narrative,
        span: map.span(found.range.clone()),
        key_span: map.span(found.key_range.clone()),
        group_span: map.span(found.group.clone()),
    }
}

/// `http(s)://` and `www.` addresses in plain text, with trailing punctuation removed.
pub(crate) fn bare_urls(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = ["https://", "http://", "www."]
        .iter()
        .filter_map(|p| text[from..].find(p).map(|o| from + o))
        .min()
    {
        let prev = text[..found].chars().next_back();
        let end = text[found..]
            .find(|c: char| c.is_whitespace() || "<>\"“”()[]".contains(c))
            .map_or(text.len(), |o| found + o);
        let url = text[found..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '’']);
        if prev.is_none_or(|p| !p.is_alphanumeric() && p != '/') && url.len() > 8 {
            out.push((found, url));
        }
        from = end.max(found + 1);
    }
    out
}

/// The role a heading of `level` with `text` gives its section (classes aside).
pub fn heading_role(text: &str, level: u8) -> SectionRole {
    role_of(text, &[], level)
}

/// The role a heading gives its section.
fn role_of(text: &str, classes: &[String], level: u8) -> SectionRole {
    let lower = text.to_lowercase();
    let lower = lower.trim_end_matches(':').trim();
    if classes.iter().any(|c| c == "recommendations")
        || (level <= 2 && lower.contains("recommendation"))
        || (level == 2
            && (lower.contains(" should do")
                || (lower.starts_with("policies to ") && lower != "policies to date")
                || matches!(
                    lower,
                    "plan of action"
                        | "action plan"
                        | "way forward"
                        | "the way forward"
                        | "next steps"
                        | "proposals"
                        | "policy proposals"
                        | "what should be done"
                        | "what to do"
                )))
    {
        return SectionRole::Recommendations;
    }
    if classes.iter().any(|c| c == "summary")
        || matches!(
            lower,
            "summary"
                | "executive summary"
                | "key findings"
                | "main findings"
                | "key points"
                | "key takeaways"
                | "key judgments"
                | "key judgements"
                | "at a glance"
                | "in brief"
                | "bottom line"
                | "overview"
                | "abstract"
                | "overview and summary"
        )
    {
        return SectionRole::Summary;
    }
    if classes.iter().any(|c| c == "bibliography" || c == "notes")
        || matches!(
            lower,
            "sources"
                | "references"
                | "bibliography"
                | "notes"
                | "endnotes"
                | "works cited"
                | "sources and notes"
                | "notes and sources"
                | "further reading"
        )
    {
        return SectionRole::Bibliography;
    }
    SectionRole::Body
}

#[cfg(test)]
mod tests {
    use super::bare_urls;

    #[test]
    fn bare_urls_drop_trailing_punctuation() {
        let found = bare_urls("See https://example.org/a. Or www.example.com/b, now.");
        let urls: Vec<&str> = found.iter().map(|(_, u)| *u).collect();
        assert_eq!(urls, ["https://example.org/a", "www.example.com/b"]);
    }
}
