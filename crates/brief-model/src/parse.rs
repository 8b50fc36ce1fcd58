//! `parse`: text in, [`Document`] and diagnostics out. It never fails and never panics.
//!
//! The steps, in order:
//! 1. split the frontmatter block off (BOM and CRLF accepted);
//! 2. read the YAML into a JSON value with positions ([`crate::yaml`]), refusing aliases;
//! 3. validate it against the brief schema ([`crate::schema`]) and read it into [`Frontmatter`],
//!    leaving out the values that failed;
//! 4. normalize inline sources;
//! 5. walk the Markdown body ([`crate::body`]);
//! 6. derive what needs the whole document: section extents, captions, figures, the summary,
//!    recommendations, suppressions, word counts and narrative citations.

use serde_json::Value;

use crate::body::{self, Mention};
use crate::diagnostic::{Diagnostic, FileRef, Severity};
use crate::document::{Document, SectionRole, Summary, count_words};
use crate::frontmatter::Frontmatter;
use crate::recommendations;
use crate::schema;
use crate::source::{PartialDate, Source, SourceEntry, SourceLocation};
use crate::span::{LineIndex, Span};
use crate::suppress;
use crate::yaml;

/// A parsed brief and the problems found while parsing it.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// The document.
    pub document: Document,
    /// `schema/*` diagnostics, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses a brief. Never fails: every problem is a diagnostic, and the rest of the file is
/// still read.
pub fn parse(source: &str) -> Parsed {
    let mut doc = Document {
        source: source.to_owned(),
        line_index: LineIndex::new(source),
        frontmatter_value: Value::Null,
        ..Document::default()
    };
    let mut diagnostics = Vec::new();
    let split = split_frontmatter(source);
    let body_start = split.body_start;
    doc.body_span = Span::new(body_start, source.len());
    if let Some(diag) = split.diagnostic {
        diagnostics.push(diag);
    }
    if let Some(yaml_span) = split.yaml {
        doc.frontmatter_span = Some(yaml_span);
        read_frontmatter(&mut doc, yaml_span, &mut diagnostics);
    }

    let (comments, mentions) = body::walk(&mut doc, body_start);
    finish(&mut doc);
    doc.suppressions = suppress::from_comments(&comments, &doc.blocks, source.len());
    if let Some(yaml_span) = doc.frontmatter_span {
        let mut fm = suppress::from_yaml(yaml_span.text(source), yaml_span.start, &doc.positions);
        fm.append(&mut doc.suppressions);
        doc.suppressions = fm;
    }
    doc.mentions = mentions;
    resolve_mentions(&mut doc);
    diagnostics.sort_by_key(|d| (d.file, d.span.start, d.code));
    Parsed {
        document: doc,
        diagnostics,
    }
}

struct Split {
    yaml: Option<Span>,
    body_start: usize,
    diagnostic: Option<Diagnostic>,
}

fn split_frontmatter(source: &str) -> Split {
    let bom = if source.starts_with('\u{FEFF}') { 3 } else { 0 };
    let mut lines = source[bom..]
        .split_inclusive('\n')
        .scan(bom, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line))
        });
    let is_fence = |line: &str, closing: bool| {
        let trimmed = line
            .trim_end_matches(['\n', '\r'])
            .trim_end_matches([' ', '\t']);
        trimmed == "---" || (closing && trimmed == "...")
    };
    let first = lines.next();
    let Some((open_start, open_line)) = first.filter(|(_, line)| is_fence(line, false)) else {
        let first_len = first.map_or(0, |(_, l)| l.trim_end().len());
        return Split {
            yaml: None,
            body_start: bom,
            diagnostic: Some(
                Diagnostic::new(
                    "schema/missing-frontmatter",
                    Severity::Error,
                    Span::new(bom, bom + first_len),
                    "the brief has no frontmatter",
                )
                .with_label("a brief starts with a `---` line")
                .with_help("start the file with a YAML block between `---` lines, with at least `title:` and `authors:`"),
            ),
        };
    };
    let yaml_start = open_start + open_line.len();
    for (start, line) in lines {
        if is_fence(line, true) {
            return Split {
                yaml: Some(Span::new(yaml_start, start)),
                body_start: start + line.len(),
                diagnostic: None,
            };
        }
    }
    Split {
        yaml: None,
        body_start: bom,
        diagnostic: Some(
            Diagnostic::new(
                "schema/unclosed-frontmatter",
                Severity::Error,
                Span::new(open_start, open_start + 3),
                "the frontmatter block is never closed",
            )
            .with_label("opened here")
            .with_help("end the frontmatter with a line holding only `---`"),
        ),
    }
}

fn read_frontmatter(doc: &mut Document, yaml_span: Span, diagnostics: &mut Vec<Diagnostic>) {
    let yaml_text = yaml_span.text(&doc.source);
    let tree = yaml::read(yaml_text, yaml_span.start);
    diagnostics.extend(tree.diagnostics);
    doc.positions = tree.positions;
    let Some(value) = tree.value else { return };
    let value = match value {
        Value::Null => Value::Object(serde_json::Map::new()),
        Value::Object(map) => Value::Object(map),
        other => {
            diagnostics.push(
                Diagnostic::new(
                    "schema/invalid-value",
                    Severity::Error,
                    yaml_span,
                    "frontmatter must be a mapping of keys to values",
                )
                .with_help("write one `key: value` per line, such as `title: My brief`"),
            );
            doc.frontmatter_value = other;
            return;
        }
    };
    let validation = schema::validate(&value, &doc.positions, yaml_span);
    diagnostics.extend(validation.diagnostics);
    doc.frontmatter = typed(&value, &validation.invalid);
    doc.frontmatter_value = value;
    check_dates(doc, diagnostics);
    read_inline_sources(doc, &validation.invalid);
}

/// Reads the typed frontmatter, leaving out values that failed validation.
fn typed(value: &Value, invalid: &[String]) -> Frontmatter {
    let mut pruned = value.clone();
    let mut pointers: Vec<&String> = invalid.iter().collect();
    // Remove later array elements first so earlier indexes stay valid.
    pointers.sort_by(|a, b| pointer_order(b, a));
    pointers.dedup();
    for pointer in &pointers {
        remove_pointer(&mut pruned, pointer);
    }
    if let Ok(fm) = serde_json::from_value::<Frontmatter>(pruned.clone()) {
        return keep_x_keys(fm);
    }
    // Still unreadable (an entry lost a field it needs): drop each list entry that had an error,
    // so one bad author does not take the others with it.
    let mut entries: Vec<String> = pointers
        .iter()
        .filter_map(|pointer| {
            let mut segments = pointer.split('/').skip(1);
            let key = segments.next()?;
            let index = segments.next().filter(|s| s.parse::<usize>().is_ok())?;
            Some(format!("/{key}/{index}"))
        })
        .collect();
    entries.sort_by(|a, b| pointer_order(b, a));
    entries.dedup();
    let mut without_entries = pruned.clone();
    for entry in &entries {
        remove_pointer(&mut without_entries, entry);
    }
    if let Ok(fm) = serde_json::from_value::<Frontmatter>(without_entries) {
        return keep_x_keys(fm);
    }
    // Still unreadable: drop each top-level key that had an error.
    for pointer in &pointers {
        if let Some(top) = pointer.split('/').nth(1)
            && let Value::Object(map) = &mut pruned
        {
            map.remove(top);
        }
    }
    serde_json::from_value::<Frontmatter>(pruned)
        .map(keep_x_keys)
        .unwrap_or_else(|_| Frontmatter {
            title: value
                .get("title")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            lang: "en".to_owned(),
            ..Frontmatter::default()
        })
}

/// Orders JSON pointers segment by segment, numbers by value, so `/a/10` comes after `/a/9`.
fn pointer_order(a: &str, b: &str) -> std::cmp::Ordering {
    let mut left = a.split('/');
    let mut right = b.split('/');
    loop {
        match (left.next(), right.next()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(l), Some(r)) => {
                let order = match (l.parse::<usize>(), r.parse::<usize>()) {
                    (Ok(l), Ok(r)) => l.cmp(&r),
                    _ => l.cmp(r),
                };
                if order.is_ne() {
                    return order;
                }
            }
        }
    }
}

fn keep_x_keys(mut fm: Frontmatter) -> Frontmatter {
    fm.extra.retain(|key, _| key.starts_with("x-"));
    fm
}

fn remove_pointer(value: &mut Value, pointer: &str) {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return;
    };
    let last = last.replace("~1", "/").replace("~0", "~");
    let target = if parent.is_empty() {
        Some(value)
    } else {
        value.pointer_mut(parent)
    };
    match target {
        Some(Value::Object(map)) => {
            map.remove(&last);
        }
        Some(Value::Array(items)) => {
            if let Ok(idx) = last.parse::<usize>()
                && idx < items.len()
            {
                items.remove(idx);
            }
        }
        _ => {}
    }
}

fn check_dates(doc: &Document, diagnostics: &mut Vec<Diagnostic>) {
    for key in ["date", "updated"] {
        let Some(text) = doc.frontmatter_value.get(key).and_then(Value::as_str) else {
            continue;
        };
        let well_formed = text.len() == 10 && text.as_bytes()[4] == b'-';
        if well_formed && PartialDate::parse(text).is_none() {
            let span = doc
                .positions
                .get(&format!("/{key}"))
                .map_or(Span::empty(0), |p| p.value);
            diagnostics.push(
                Diagnostic::new(
                    "schema/invalid-value",
                    Severity::Error,
                    span,
                    format!("`{key}` is not a calendar date: `{text}`"),
                )
                .with_help("check the month and the day"),
            );
        }
    }
}

fn read_inline_sources(doc: &mut Document, invalid: &[String]) {
    let Some(entries) = doc
        .frontmatter_value
        .get("sources")
        .and_then(Value::as_array)
    else {
        return;
    };
    let mut sources = Vec::new();
    for (idx, entry) in entries.iter().enumerate() {
        let pointer = format!("/sources/{idx}");
        // A source whose id is unusable cannot be cited; others are read leniently.
        if invalid
            .iter()
            .any(|p| p == &pointer || p == &format!("{pointer}/id"))
        {
            continue;
        }
        let Some(parsed) = read_entry(entry, &pointer, invalid) else {
            continue;
        };
        let span = doc
            .positions
            .get(&pointer)
            .map_or(Span::empty(0), |p| p.value);
        let key_span = doc
            .positions
            .get(&format!("{pointer}/id"))
            .map_or(span, |p| p.value);
        sources.push(Source::from_entry(
            &parsed,
            SourceLocation {
                file: FileRef::Brief,
                span,
                key_span,
            },
        ));
    }
    doc.sources = sources;
}

/// Reads one source entry, leaving out fields that failed validation.
pub(crate) fn read_entry(entry: &Value, pointer: &str, invalid: &[String]) -> Option<SourceEntry> {
    let mut entry = entry.clone();
    let prefix = format!("{pointer}/");
    let mut bad: Vec<&str> = invalid
        .iter()
        .filter_map(|p| p.strip_prefix(&prefix))
        .collect();
    bad.sort_by(|a, b| pointer_order(b, a));
    for sub in bad {
        remove_pointer(&mut entry, &format!("/{sub}"));
    }
    serde_json::from_value::<SourceEntry>(entry).ok()
}

/// Derives what needs the whole document.
fn finish(doc: &mut Document) {
    let body_end = doc.source.len();
    // Section extents: to the next heading of the same or a higher level.
    let count = doc.sections.len();
    for idx in 0..count {
        let level = doc.sections[idx].level;
        let end = doc.sections[idx + 1..]
            .iter()
            .find(|s| s.level <= level)
            .map_or(body_end, |s| s.span.start);
        let start = doc.sections[idx].span.start;
        doc.sections[idx].extent = Span::new(start, end);
    }
    captions(doc);
    figures(doc);
    recommendations::extract(doc);
    mark_fields(doc);
    summary(doc);
    doc.word_count = doc
        .sentences
        .iter()
        .filter(|s| {
            s.context.footnote.is_none()
                && s.context.table.is_none()
                && !s.context.caption
                && !s.context.bibliography
        })
        .map(|s| s.words)
        .sum();
}

fn set_paragraph_context(
    doc: &mut Document,
    para: usize,
    apply: impl Fn(&mut crate::document::TextContext),
) {
    apply(&mut doc.paragraphs[para].context);
    let range = doc.paragraphs[para].sentences.clone();
    for sentence in &mut doc.sentences[range] {
        apply(&mut sentence.context);
    }
}

/// A paragraph right after (or before) a table that starts with "Table N" or ":" is its caption.
fn captions(doc: &mut Document) {
    for table_idx in 0..doc.tables.len() {
        let table = doc.tables[table_idx].span;
        let after = doc
            .paragraphs
            .iter()
            .position(|p| p.span.start >= table.end && p.context.table.is_none());
        let before = doc
            .paragraphs
            .iter()
            .rposition(|p| p.span.end <= table.start && p.context.table.is_none());
        let is_adjacent = |p: usize| {
            let para = doc.paragraphs[p].span;
            let between = if para.start >= table.end {
                &doc.source[table.end..para.start]
            } else {
                &doc.source[para.end..table.start]
            };
            between.trim().is_empty()
        };
        // A caption already taken by the table before (one between two tables) is not reused.
        let candidate = [after, before].into_iter().flatten().find(|&p| {
            is_adjacent(p)
                && !doc.paragraphs[p].context.caption
                && is_caption(&doc.paragraphs[p].text, "table")
        });
        if let Some(p) = candidate {
            doc.tables[table_idx].caption = Some(p);
            set_paragraph_context(doc, p, |c| c.caption = true);
        }
    }
}

fn is_caption(text: &str, noun: &str) -> bool {
    let text = text.trim_start();
    if text.starts_with(": ") {
        return true;
    }
    let lower = text.to_lowercase();
    let Some(rest) = lower.strip_prefix(noun) else {
        return false;
    };
    if rest.starts_with(':') {
        return true;
    }
    let rest = rest.trim_start();
    let label: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect();
    // "Table 2.1: ..." keeps its inner period; "Table 2. ..." ends its label with one.
    let label = label.trim_end_matches('.');
    !label.is_empty()
        && rest[label.len()..]
            .trim_start()
            .starts_with([':', '.', '—', '–', '-'])
}

/// An image alone in its paragraph is a figure; the paragraph right after it is its credit line
/// when it reads as one (see [`is_credit_line`]), or the one after that when a short caption
/// comes between.
fn figures(doc: &mut Document) {
    for idx in 0..doc.images.len() {
        if !doc.images[idx].figure {
            continue;
        }
        let span = doc.images[idx].span;
        let Some(para) = doc.paragraphs.iter().position(|p| p.span.contains(span)) else {
            continue;
        };
        // The paragraphs that follow the figure, each at most one blank line after the last.
        let mut following = Vec::new();
        let mut last = para;
        while following.len() < 2 {
            let Some(next) = doc.paragraphs.get(last + 1) else {
                break;
            };
            let end = doc.paragraphs[last].span.end;
            if doc.source[end..next.span.start.max(end)]
                .matches('\n')
                .count()
                > 2
            {
                break;
            }
            last += 1;
            following.push(last);
        }
        let credit = match following[..] {
            [first, ..] if is_credit_line(&doc.paragraphs[first].text) => vec![first],
            [caption, second]
                if count_words(&doc.paragraphs[caption].text) <= 60
                    && is_credit_line(&doc.paragraphs[second].text) =>
            {
                vec![caption, second]
            }
            _ => continue,
        };
        let line = *credit.last().unwrap_or(&para);
        doc.images[idx].credit = Some(doc.paragraphs[line].text.trim().to_owned());
        for p in credit {
            set_paragraph_context(doc, p, |c| c.caption = true);
        }
    }
}

/// Whether a paragraph under a figure credits it: it starts with "Source:", "Photo:" or a
/// "Figure N:" label, it names a photographer or a rights holder ("Photo by Name/Agency",
/// "© Agency", "Courtesy of ..."), or it ends with an agency credit ("REUTERS/Name",
/// "CRISIS GROUP / Name").
fn is_credit_line(text: &str) -> bool {
    let text = text.trim();
    let lower = text.to_lowercase();
    let starts = [
        "source:",
        "sources:",
        "credit:",
        "credits:",
        "photo:",
        "image:",
        "photograph:",
        "map:",
        "data:",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    // The last sentence, where a caption puts its credit.
    let tail = text.rsplit_once(". ").map_or(text, |(_, tail)| tail).trim();
    let tail_lower = tail.to_lowercase();
    let names_credit = [
        "photo by ",
        "photos by ",
        "photograph by ",
        "image by ",
        "photo credit",
        "image credit",
        "courtesy of ",
        "©",
        "source: ",
        "credit: ",
        "photo: ",
    ]
    .iter()
    .any(|p| tail_lower.contains(p));
    // An agency credit: "REUTERS/Name", "CRISIS GROUP / Name": an agency in capitals and a
    // name of two words or more, with no sentence of its own.
    let agency = !tail.contains("://")
        && count_words(tail) <= 8
        && !tail.ends_with(['.', '!', '?', ':'])
        && tail.split_once('/').is_some_and(|(left, right)| {
            let (left, right) = (left.trim(), right.trim());
            let capitals = |side: &str| {
                side.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !side.chars().any(char::is_lowercase)
            };
            let name = |side: &str| {
                side.split_whitespace().count() >= 2
                    && side
                        .split_whitespace()
                        .all(|w| w.starts_with(char::is_uppercase))
            };
            (capitals(left) && name(right)) || (name(left) && capitals(right))
        });
    starts || names_credit || agency || is_caption(text, "figure")
}

/// Marks the sentences of recommendation fields.
fn mark_fields(doc: &mut Document) {
    let spans: Vec<Span> = doc
        .recommendations
        .iter()
        .flat_map(|r| r.fields.iter().map(|f| f.span))
        .collect();
    for span in spans {
        if let Some(p) = doc.paragraphs.iter().position(|p| p.span == span) {
            set_paragraph_context(doc, p, |c| c.field = true);
        }
    }
}

fn summary(doc: &mut Document) {
    if let Some(text) = doc.frontmatter.summary.clone() {
        let span = doc
            .positions
            .get("/summary")
            .map_or(Span::empty(0), |p| p.value);
        doc.summary = Some(Summary {
            words: count_words(&text),
            text,
            span,
            from_frontmatter: true,
        });
        return;
    }
    let Some(section) = doc.sections.iter().find(|s| {
        s.role == SectionRole::Summary
            && s.parent
                .is_none_or(|p| doc.sections[p].role != SectionRole::Summary)
    }) else {
        return;
    };
    let extent = section.extent;
    let text = doc
        .paragraphs
        .iter()
        .filter(|p| extent.contains(p.span))
        .map(|p| p.text.trim())
        .collect::<Vec<_>>()
        .join("\n\n");
    doc.summary = Some(Summary {
        words: count_words(&text),
        text,
        span: extent,
        from_frontmatter: false,
    });
}

/// Turns `@word` mentions whose key is a source into narrative citations.
pub(crate) fn resolve_mentions(doc: &mut Document) {
    let mentions = std::mem::take(&mut doc.mentions);
    let keys: std::collections::HashSet<&str> = doc.sources.iter().map(|s| s.id.as_str()).collect();
    let mut rest: Vec<Mention> = Vec::new();
    let mut resolved: Vec<Mention> = Vec::new();
    for mention in mentions {
        if keys.contains(mention.citation.key.as_str()) {
            resolved.push(mention);
        } else {
            rest.push(mention);
        }
    }
    // Sort each sentence's citations once, after all of its mentions are in.
    let mut touched: Vec<usize> = Vec::new();
    for mention in resolved {
        if touched.last() != Some(&mention.sentence) {
            touched.push(mention.sentence);
        }
        // A narrative citation in a rationale is evidence for its recommendation.
        for rec in &mut doc.recommendations {
            let in_rationale = rec
                .rationale_span
                .is_some_and(|r| r.contains(mention.citation.span));
            if in_rationale && !rec.evidence.contains(&mention.citation.key) {
                rec.evidence.push(mention.citation.key.clone());
            }
        }
        doc.sentences[mention.sentence]
            .citations
            .push(mention.citation);
    }
    for idx in touched {
        doc.sentences[idx].citations.sort_by_key(|c| c.span.start);
    }
    doc.mentions = rest;
}

#[cfg(test)]
mod credit_tests {
    use super::is_credit_line;

    #[test]
    fn credit_lines_and_text_that_only_looks_like_one() {
        for credit in [
            "Source: IEA, Gas Market Report.",
            "Deminers near Fuzuli, July 2022. Photo by Aysel Mammadova/Anadolu via Getty Images.",
            "A cleared road near Aghdam. CRISIS GROUP / Tomas Reyes",
            "REUTERS/Irakli Gedenidze",
        ] {
            assert!(is_credit_line(credit), "{credit}");
        }
        for text in [
            "Israel/Palestine",
            "Mali/Niger border",
            "Figures are in USD. EU/UN",
            "The AU/UN mission",
            "The talks were held courtesy of Qatar, which paid for the venue. Delegations flew in.",
        ] {
            assert!(!is_credit_line(text), "{text}");
        }
    }
}
