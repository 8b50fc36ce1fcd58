//! Recommendations: the section whose H2 contains "Recommendation" (or has `.recommendations`),
//! read in either of the two forms real briefs use.
//!
//! (a) each `###` inside it is one recommendation: the heading is the action, a bullet list of
//!     `**Field:** value` lines follows, and the rest is the rationale;
//! (b) each item of a top-level list is one: its bold lead (or first sentence) is the action, the
//!     rest its rationale.

use crate::document::{
    BlockKind, Document, Field, Paragraph, Recommendation, RecommendationForm, SectionRole,
};
use crate::span::Span;

/// Field names recognized without bold (`Actor: ...`).
const KNOWN_FIELDS: &[&str] = &[
    "actor",
    "actors",
    "lead",
    "owner",
    "responsible",
    "timeframe",
    "timeline",
    "deadline",
    "priority",
    "cost",
    "costs",
    "budget",
    "risks",
    "risk",
    "indicators",
    "indicator",
    "metrics",
    "partners",
];

/// Modal phrases that introduce the action after its actor.
const MODALS: &[&str] = &[
    " should ",
    " must ",
    " needs to ",
    " need to ",
    " ought to ",
    " shall ",
    " has to ",
    " have to ",
    " is urged to ",
    " are urged to ",
    " will need to ",
    " should, ",
    " must, ",
];

/// Finds the recommendations section and reads its recommendations into `doc`.
pub(crate) fn extract(doc: &mut Document) {
    let Some(section_idx) = doc.sections.iter().position(|s| {
        s.role == SectionRole::Recommendations
            && s.parent
                .is_none_or(|p| doc.sections[p].role != SectionRole::Recommendations)
    }) else {
        return;
    };
    doc.recommendations_section = Some(section_idx);
    let section = doc.sections[section_idx].clone();
    let children: Vec<usize> = doc
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.parent == Some(section_idx) && s.level == section.level + 1)
        .map(|(idx, _)| idx)
        .collect();
    let mut recs = Vec::new();
    let own_end = children
        .first()
        .map_or(section.extent.end, |&c| doc.sections[c].span.start);
    let own = Span::new(section.span.end, own_end);

    for &child in &children {
        let sec = &doc.sections[child];
        // "### For the European Commission" followed by a list: one recommendation per item,
        // addressed to the heading's addressee.
        if let Some(addressee) = addressee(&sec.text) {
            let region = Span::new(sec.span.end, sec.extent.end);
            let (found, _) = list_recommendations(doc, region, Some(addressee));
            if !found.is_empty() {
                recs.extend(found);
                continue;
            }
        }
        // Footnote definitions may sit inside the extent; they are notes, not rationale.
        let paragraphs: Vec<&Paragraph> = doc
            .paragraphs
            .iter()
            .filter(|p| sec.extent.contains(p.span) && p.context.footnote.is_none())
            .collect();
        let mut fields = Vec::new();
        let mut rationale: Vec<&Paragraph> = Vec::new();
        let mut in_fields = true;
        for para in paragraphs {
            if in_fields
                && para.context.list_item
                && let Some(field) = field_of(para)
            {
                fields.push(field);
                continue;
            }
            in_fields = false;
            rationale.push(para);
        }
        let action = strip_label(&sec.text);
        let actor_field = actor_field(&fields);
        recs.push(Recommendation {
            id: String::new(),
            actor_from_field: actor_field.is_some(),
            actor: actor_field.or_else(|| actor_of(action)),
            action: action.to_owned(),
            action_span: sec.text_span,
            fields,
            rationale_span: cover(rationale.iter().map(|p| p.span)),
            evidence: evidence(doc, &rationale),
            span: sec.extent,
            form: RecommendationForm::Heading,
        });
    }

    let (found, item_blocks) = list_recommendations(doc, own, None);
    recs.extend(found);
    let mut unstructured = Vec::new();

    // Prose in the section's own part that recommends but is in neither form.
    for para in &doc.paragraphs {
        if !own.contains(para.span) || item_blocks.iter().any(|i| i.contains(para.span)) {
            continue;
        }
        if para.context.blockquote
            || para.context.table.is_some()
            || para.context.footnote.is_some()
        {
            continue;
        }
        let lower = format!(" {} ", para.text.to_lowercase());
        if MODALS.iter().any(|m| lower.contains(m)) || lower.contains(" recommend that ") {
            unstructured.push(para.span);
        }
    }

    recs.sort_by_key(|r| r.span.start);
    for (idx, rec) in recs.iter_mut().enumerate() {
        rec.id = format!("rec-{}", idx + 1);
    }
    doc.recommendations = recs;
    doc.unstructured_recommendations = unstructured;
}

/// Form (b): each top-level list item in `region` is a recommendation. Blocks come in document
/// order, containers first, so an item is top-level when the last top-level item does not enclose
/// it. Returns the recommendations and the items' spans.
fn list_recommendations(
    doc: &Document,
    region: Span,
    addressee: Option<String>,
) -> (Vec<Recommendation>, Vec<Span>) {
    let own = region;
    let mut recs = Vec::new();
    let mut item_blocks: Vec<Span> = Vec::new();
    for block in &doc.blocks {
        if block.kind != BlockKind::Item || !own.contains(block.span) {
            continue;
        }
        if item_blocks
            .last()
            .is_none_or(|top| !top.contains(block.span))
        {
            item_blocks.push(block.span);
        }
    }
    for item in &item_blocks {
        let paragraphs: Vec<&Paragraph> = doc
            .paragraphs
            .iter()
            .filter(|p| item.contains(p.span))
            .collect();
        let Some(first) = paragraphs.first() else {
            continue;
        };
        if field_of(first).is_some() {
            continue;
        }
        let (action, action_range) = lead_of(first, doc);
        let mut fields = Vec::new();
        let mut rationale_spans = Vec::new();
        let rest_start = action_range.end;
        let rest = first.text[rest_start..].trim();
        if !rest
            .trim_start_matches(['.', ':', ',', ';'])
            .trim()
            .is_empty()
        {
            let lead = first.text[rest_start..].len() - first.text[rest_start..].trim_start().len();
            let start = first.map.span(rest_start + lead..first.text.len()).start;
            // To the paragraph's end, so a footnote marker closing it is part of the rationale.
            rationale_spans.push(Span::new(start, first.span.end.max(start)));
        }
        let mut rationale: Vec<&Paragraph> = Vec::new();
        for para in &paragraphs[1..] {
            if para.context.list_item
                && let Some(field) = field_of(para)
            {
                fields.push(field);
                continue;
            }
            rationale_spans.push(para.span);
            rationale.push(para);
        }
        let mut evidence_keys = evidence_in(doc, first, rest_start);
        for key in evidence(doc, &rationale) {
            if !evidence_keys.contains(&key) {
                evidence_keys.push(key);
            }
        }
        let actor_field = actor_field(&fields);
        recs.push(Recommendation {
            id: String::new(),
            actor_from_field: actor_field.is_some(),
            actor: actor_field.or_else(|| actor_of(&action)),
            action,
            action_span: first.map.span(action_range),
            fields,
            rationale_span: cover(rationale_spans.into_iter()),
            evidence: evidence_keys,
            span: *item,
            form: RecommendationForm::ListItem,
        });
    }

    // "The African Union should:" right before the list addresses every item.
    let intro_actor = item_blocks.first().and_then(|first| {
        doc.paragraphs
            .iter()
            .rfind(|p| own.contains(p.span) && p.span.end <= first.start && !p.context.list_item)
            .filter(|p| p.text.trim_end().ends_with(':'))
            .and_then(|p| actor_of(&p.text.replace(':', " ")))
    });
    if let Some(default) = addressee.or(intro_actor) {
        for rec in &mut recs {
            if rec.actor.is_none() {
                rec.actor = Some(default.clone());
            }
        }
    }
    (recs, item_blocks)
}

/// The addressee of a grouping heading: "For the European Commission", "To donors",
/// "Recommendations for Congress".
fn addressee(heading: &str) -> Option<String> {
    let text = heading.trim().trim_end_matches(':').trim();
    let lower = text.to_ascii_lowercase();
    let rest = if lower.starts_with("for ") || lower.starts_with("to ") {
        &text[text.find(' ')? + 1..]
    } else if let Some(at) = lower
        .find(" for ")
        .filter(|_| lower.starts_with("recommendation"))
    {
        &text[at + 5..]
    } else {
        return None;
    };
    let rest = rest.trim();
    (!rest.is_empty() && rest.split_whitespace().count() <= 10).then(|| rest.to_owned())
}

/// The value of the field that names who acts (`Actor`, `Lead`, `Owner`...).
fn actor_field(fields: &[Field]) -> Option<String> {
    fields
        .iter()
        .find(|f| {
            matches!(
                f.name.to_lowercase().as_str(),
                "actor" | "actors" | "lead" | "owner" | "responsible"
            )
        })
        .map(|f| f.value.clone())
}

fn cover(spans: impl Iterator<Item = Span>) -> Option<Span> {
    spans.reduce(Span::cover)
}

/// A `**Name:** value` (or known `Name: value`) list line.
fn field_of(para: &Paragraph) -> Option<Field> {
    let text = para.text.trim_start();
    let lead = para.text.len() - text.len();
    let colon = text.find(':')?;
    let name = text[..colon].trim();
    if name.is_empty() || name.split_whitespace().count() > 3 {
        return None;
    }
    let bold = para
        .strong
        .iter()
        .any(|r| r.start <= lead && r.end >= lead + name.len());
    if !bold && !KNOWN_FIELDS.contains(&name.to_lowercase().as_str()) {
        return None;
    }
    let value = text[colon + 1..].trim().trim_start_matches("**").trim();
    Some(Field {
        name: name.trim_end_matches("**").trim().to_owned(),
        value: value.to_owned(),
        span: para.span,
    })
}

/// The action of a list item: its bold lead, else its first sentence.
fn lead_of(para: &Paragraph, doc: &Document) -> (String, std::ops::Range<usize>) {
    let lead = para.text.len() - para.text.trim_start().len();
    if let Some(strong) = para
        .strong
        .iter()
        .find(|r| r.start == lead && r.end > r.start)
    {
        let bold = para.text[strong.clone()].trim();
        let continues = !bold.ends_with(['.', ':', ';', '!', '?'])
            && para.text[strong.end..]
                .trim_start()
                .starts_with(|c: char| c.is_lowercase());
        // "**The Ministry should fund** clinics in ...": the bold lead is part of a sentence, and
        // the action is that sentence.
        if !continues {
            let text = bold.trim_end_matches([':', '.', ';', ',']);
            return (text.to_owned(), strong.clone());
        }
    }
    let first = para
        .sentences
        .clone()
        .next()
        .and_then(|s| doc.sentences.get(s));
    match first {
        Some(sentence) => {
            let start = sentence.text_offset;
            let end = start + sentence.text.len();
            // The action without its citations: those are evidence, not part of what to do.
            let mut action = sentence.text.clone();
            for citation in sentence.citations.iter().filter(|c| !c.narrative) {
                let group = citation.group_span.text(&doc.source);
                if !group.is_empty() {
                    action = action.replace(group, "");
                }
            }
            let action = action.split_whitespace().collect::<Vec<_>>().join(" ");
            let action = action
                .trim_end_matches(['.', ' '])
                .replace(" .", ".")
                .replace(" ,", ",");
            (action, start..end)
        }
        None => (para.text.trim().to_owned(), 0..para.text.len()),
    }
}

/// Strips "Recommendation 1:" or "1." labels from an action.
fn strip_label(text: &str) -> &str {
    let mut rest = text.trim();
    for prefix in ["Recommendation", "recommendation", "Rec."] {
        if let Some(after) = rest.strip_prefix(prefix) {
            let after = after.trim_start();
            let digits = after.trim_start_matches(|c: char| {
                c.is_ascii_digit() || c.is_ascii_uppercase() && after.len() < 3
            });
            if digits.len() < after.len() {
                rest = digits
                    .trim_start_matches([':', '.', ')', '—', '–', '-'])
                    .trim_start();
            }
        }
    }
    let numbered = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    if numbered.len() < rest.len() && numbered.starts_with(['.', ')', ':']) {
        rest = numbered[1..].trim_start();
    }
    rest
}

/// The verb phrase of an action: the words after its modal ("fund a hotline" in "The EU should
/// fund a hotline"), or the whole action for an imperative.
pub fn verb_phrase(action: &str) -> &str {
    let padded = format!(" {action} ");
    // `padded` is `action` shifted by one byte. No two modals start at the same place.
    match crate::text::find_first(&padded, MODALS).map(|(pos, m)| (pos, MODALS[m].len())) {
        Some((pos, len)) => {
            let start = (pos + len).saturating_sub(1).min(action.len());
            action[start..].trim_start()
        }
        None => action.trim_start(),
    }
}

/// The agent of an action: the subject of "X should ...", or of "we recommend that X ...".
pub fn actor_of(action: &str) -> Option<String> {
    let padded = format!(" {} ", action.trim());
    let find = |phrase: &str| crate::text::find_first(&padded, &[phrase]).map(|(pos, _)| pos);
    if let Some(pos) = find(" recommend that ").or_else(|| find(" recommends that ")) {
        let after = &padded[pos..].splitn(4, ' ').nth(3).unwrap_or("");
        let mut words = Vec::new();
        for word in after.split_whitespace() {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            let capital = bare.chars().next().is_some_and(char::is_uppercase);
            if capital || matches!(bare, "the" | "of" | "for" | "and" | "on" | "in") {
                words.push(word);
            } else {
                break;
            }
        }
        while words
            .last()
            .is_some_and(|w| matches!(*w, "the" | "of" | "for" | "and" | "on" | "in"))
        {
            words.pop();
        }
        let phrase = words.join(" ");
        return (phrase.chars().any(char::is_uppercase)).then_some(phrase);
    }
    let (pos, modal) = crate::text::find_first(&padded, MODALS).map(|(p, m)| (p, MODALS[m]))?;
    let subject = padded[..pos].trim();
    let subject = subject
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim();
    // "To reduce the risk of escalation, the EU should ...": after an introductory phrase, the
    // subject is the last clause. ("The governments of Azerbaijan, Georgia and Kazakhstan" is
    // one subject.)
    let introduced = subject
        .split_whitespace()
        .next()
        .is_some_and(|w| INTRODUCERS.contains(&w.to_ascii_lowercase().as_str()));
    let subject = match subject.rsplit_once(", ") {
        Some((_, last)) if introduced => last.trim(),
        _ => subject,
    };
    if subject.is_empty() || subject.split_whitespace().count() > 12 {
        return None;
    }
    let first_word = subject
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    if matches!(
        first_word.as_str(),
        "it" | "this"
            | "that"
            | "there"
            | "these"
            | "those"
            | "which"
            | "what"
            | "we"
            | "you"
            | "one"
            | "they"
            | "such"
    ) {
        return None;
    }
    // "X should be revisited": a passive has no agent unless "by Y" names one. (ASCII
    // lowercasing keeps byte offsets, so positions in `lower` index `padded`.)
    let lower = padded.to_ascii_lowercase();
    let after = &lower[pos + modal.len()..];
    let mut next_words = after.split_whitespace();
    if next_words.next() == Some("be")
        && let Some(participle) = next_words.next()
        && (participle.ends_with("ed")
            || participle.ends_with("en")
            || IRREGULAR_PARTICIPLES.contains(&participle))
    {
        return after
            .find(" by ")
            .map(|by| {
                let start = pos + modal.len() + by + 4;
                padded[start..]
                    .split([',', '.', ';'])
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_owned()
            })
            .filter(|agent| {
                agent
                    .strip_prefix("the ")
                    .unwrap_or(agent)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            });
    }
    Some(subject.to_owned())
}

/// Words that open an introductory phrase before the subject.
const INTRODUCERS: &[&str] = &[
    "to",
    "in",
    "given",
    "because",
    "if",
    "as",
    "with",
    "by",
    "after",
    "before",
    "once",
    "when",
    "while",
    "since",
    "although",
    "though",
    "under",
    "for",
    "rather",
    "instead",
    "beyond",
    "until",
    "unless",
    "meanwhile",
    "first",
    "second",
    "third",
    "finally",
    "above",
    "at",
];

const IRREGULAR_PARTICIPLES: &[&str] = &[
    "made", "set", "put", "kept", "held", "built", "sent", "spent", "paid", "brought", "sought",
    "taught", "told", "sold", "found", "led", "met", "read", "run", "shut", "cut", "split",
];

/// Citation keys, footnote labels (`^n`) and linked URLs in paragraphs.
fn evidence(doc: &Document, paragraphs: &[&Paragraph]) -> Vec<String> {
    let mut out = Vec::new();
    for para in paragraphs {
        for key in evidence_in(doc, para, 0) {
            if !out.contains(&key) {
                out.push(key);
            }
        }
    }
    out
}

fn evidence_in(doc: &Document, para: &Paragraph, from_text: usize) -> Vec<String> {
    let mut out = Vec::new();
    let from = para.map.start(from_text);
    for sentence in &doc.sentences[para.sentences.clone()] {
        for citation in &sentence.citations {
            if citation.span.start >= from && !out.contains(&citation.key) {
                out.push(citation.key.clone());
            }
        }
        for &idx in &sentence.footnotes {
            let fref = &doc.footnote_refs[idx];
            let label = format!("^{}", fref.label);
            if fref.span.start >= from && !out.contains(&label) {
                out.push(label);
            }
        }
        for &idx in &sentence.links {
            let link = &doc.links[idx];
            if link.span.start >= from && link.is_web() && !out.contains(&link.url) {
                out.push(link.url.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_from_subjects() {
        assert_eq!(
            actor_of("The State Department should appoint a special envoy").as_deref(),
            Some("The State Department")
        );
        assert_eq!(actor_of("Should be reviewed as soon as possible"), None);
        assert_eq!(
            actor_of("Water-sharing agreements should be revisited"),
            None
        );
        assert_eq!(
            actor_of("Budgets should be approved by Parliament before June").as_deref(),
            Some("Parliament before June")
        );
        assert_eq!(actor_of("Explore new options for basin cooperation"), None);
        assert_eq!(
            actor_of("We recommend that the Treasury publish quarterly data").as_deref(),
            Some("the Treasury")
        );
        assert_eq!(actor_of("It should be noted that costs rose"), None);
    }

    #[test]
    fn labels_are_stripped() {
        assert_eq!(
            strip_label("Recommendation 2: Fund demining"),
            "Fund demining"
        );
        assert_eq!(strip_label("3. Fund demining"), "Fund demining");
        assert_eq!(strip_label("Fund demining"), "Fund demining");
    }
}
