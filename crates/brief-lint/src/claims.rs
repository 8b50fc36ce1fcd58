//! Check-worthy sentences: the claims a fact-checker would verify, what kind each is, and which
//! `claims/*` findings it raises.
//!
//! One analysis feeds both `brief check` (the `claims/*` rules report its findings) and
//! `brief claims` (the worksheet lists its claims), so the two always agree: a claim is
//! `unsourced` exactly when it raises a finding of an enabled rule.

use std::ops::Range;

use brief_model::text::WordList;
use brief_model::{BlockKind, Document, Paragraph, Sentence, Span, count_words};
use serde::Serialize;

use crate::settings::Settings;
use crate::words::{Hits, List, is_word_boundary, is_word_end};

/// The kinds of claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    /// A figure: a number, a percentage, an amount of money, a count.
    Quantity,
    /// A quotation.
    Quotation,
    /// An attribution to unnamed people ("experts say").
    Attribution,
    /// A sweeping claim ("unprecedented", "never").
    Generalization,
    /// An event placed in time relative to the writing ("last week", "now").
    DatedEvent,
}

impl ClaimKind {
    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Quantity => "quantity",
            ClaimKind::Quotation => "quotation",
            ClaimKind::Attribution => "attribution",
            ClaimKind::Generalization => "generalization",
            ClaimKind::DatedEvent => "dated-event",
        }
    }
}

/// A `claims/*` finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule code.
    pub code: &'static str,
    /// The sentence.
    pub sentence: usize,
    /// What to underline.
    pub span: Span,
    /// The message.
    pub message: String,
    /// The help.
    pub help: String,
}

/// A check-worthy sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// The sentence.
    pub sentence: usize,
    /// What kinds of claim it makes.
    pub kinds: Vec<ClaimKind>,
    /// Whether it carries a source (citation, footnote, link, or one covering it).
    pub sourced: bool,
    /// Indexes of its findings in [`Analysis::findings`].
    pub findings: Vec<usize>,
}

/// The claims of a brief and their findings.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Check-worthy sentences, in document order.
    pub claims: Vec<Claim>,
    /// Findings of enabled `claims/*` rules, in document order.
    pub findings: Vec<Finding>,
    /// What the word lists match in each sentence, by sentence index.
    pub(crate) hits: Vec<Hits>,
}

impl Analysis {
    /// The findings of one rule.
    pub fn findings_for<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.code == code)
    }
}

/// A sentence with the helpers rules need to move between its text and the file.
pub(crate) struct View<'a> {
    pub(crate) sentence: &'a Sentence,
    pub(crate) paragraph: &'a Paragraph,
    /// `[^label]` written without a definition: text, but not the author's prose.
    document_undefined: Vec<Span>,
}

impl<'a> View<'a> {
    pub(crate) fn new(doc: &'a Document, idx: usize) -> View<'a> {
        let sentence = &doc.sentences[idx];
        View {
            sentence,
            paragraph: &doc.paragraphs[sentence.paragraph],
            document_undefined: doc
                .undefined_footnotes
                .iter()
                .map(|r| r.span)
                .filter(|span| sentence.span.contains(*span))
                .collect(),
        }
    }

    pub(crate) fn text(&self) -> &'a str {
        &self.sentence.text
    }

    /// The file span of a range of the sentence's text.
    pub(crate) fn span(&self, range: Range<usize>) -> Span {
        let off = self.sentence.text_offset;
        self.paragraph.map.span(range.start + off..range.end + off)
    }

    /// The sentence-text range of a file span, when it lies in the text.
    pub(crate) fn range(&self, span: Span) -> Option<Range<usize>> {
        let off = self.sentence.text_offset;
        let start = self.paragraph.map.text_offset(span.start)?;
        let end = self
            .paragraph
            .map
            .text_offset(span.end.saturating_sub(1))
            .map_or(start, |e| e + 1);
        let len = self.sentence.text.len();
        let start = start.checked_sub(off)?.min(len);
        let end = end.saturating_sub(off).clamp(start, len);
        Some(start..end)
    }

    /// Ranges that are not the author's running prose: citations, code and quotations.
    pub(crate) fn masks(&self, quotations: bool) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = self
            .sentence
            .citations
            .iter()
            .filter_map(|c| self.range(if c.narrative { c.span } else { c.group_span }))
            .collect();
        let off = self.sentence.text_offset;
        let end = off + self.sentence.text.len();
        for code in &self.paragraph.code {
            if code.start < end && code.end > off {
                out.push(code.start.max(off) - off..code.end.min(end) - off);
            }
        }
        for reference in &self.document_undefined {
            if let Some(range) = self.range(*reference) {
                out.push(range);
            }
        }
        if quotations {
            out.extend(
                self.sentence
                    .quotations
                    .iter()
                    .filter_map(|q| self.range(q.span)),
            );
        }
        out
    }
}

fn masked(masks: &[Range<usize>], range: &Range<usize>) -> bool {
    masks
        .iter()
        .any(|m| m.start < range.end && range.start < m.end)
}

/// Whether the claim checks pass over a sentence: recommendation fields, notes and the
/// bibliography make no claims of their own.
fn passed_over(sentence: &Sentence) -> bool {
    let context = sentence.context;
    context.field || context.footnote.is_some() || context.bibliography
}

/// Analyses every sentence of `doc`.
pub fn analyse(doc: &Document, settings: &Settings) -> Analysis {
    // Sentences the claim checks pass over are scanned only for the lists other rules read.
    const CLAIM_LISTS: &[List] = &[
        List::Weasel,
        List::Generalizations,
        List::RelativeTime,
        List::VagueTime,
        List::SpeechVerbs,
    ];
    let mut analysis = Analysis {
        hits: doc
            .sentences
            .iter()
            .map(|s| {
                let skip = if passed_over(s) { CLAIM_LISTS } else { &[] };
                settings.words.lexicon.scan(&s.text, skip)
            })
            .collect(),
        ..Analysis::default()
    };
    let sourced: Vec<bool> = (0..doc.sentences.len())
        .map(|idx| sentence_sourced(doc, settings, idx))
        .collect();
    let blockquotes = blockquote_groups(doc);
    // Figures the body states with a source: a summary may repeat them without a citation. The
    // quantities found on the way are kept for the sentence's own analysis below.
    let mut quantities_of: Vec<Option<Vec<Range<usize>>>> = vec![None; doc.sentences.len()];
    let mut body_figures = std::collections::HashSet::new();
    if doc.sentences.iter().any(|s| s.context.summary) {
        for (idx, sentence) in doc.sentences.iter().enumerate() {
            if !sourced[idx] || sentence.context.summary {
                continue;
            }
            let view = View::new(doc, idx);
            let found = find_quantities(view.text(), &view.masks(true), &analysis.hits[idx]);
            body_figures.extend(found.iter().map(|r| figure_key(&view.text()[r.clone()])));
            quantities_of[idx] = Some(found);
        }
    }
    let mut table_reported: Vec<bool> = vec![false; doc.tables.len()];

    for idx in 0..doc.sentences.len() {
        let sentence = &doc.sentences[idx];
        let context = sentence.context;
        if passed_over(sentence) {
            continue;
        }
        // A summary restates findings: its figures need a source only when the body does not
        // give the same figure with one, and its sweeping claims are checked where the body makes
        // them. Hidden attributions, quotations and relative dates are wrong in a summary too.
        let restates = context.summary;
        let view = View::new(doc, idx);
        let mut kinds = Vec::new();
        let mut findings = Vec::new();

        if context.blockquote {
            // A block quotation is one claim, made by its first sentence.
            let Some(group) = blockquotes
                .iter()
                .find(|g| g.sentences.first() == Some(&idx))
            else {
                continue;
            };
            kinds.push(ClaimKind::Quotation);
            let group_sourced = group.sentences.iter().any(|&s| sourced[s]) || group.intro_sourced;
            if !group_sourced {
                let (code, message, help) = if group.named {
                    (
                        "claims/uncited-named-quote",
                        "block quotation has a named speaker but no citation",
                        "cite where the words were said or published, such as `[@key]` in the attribution line",
                    )
                } else {
                    (
                        "claims/uncited-quote",
                        "block quotation has no citation and no named speaker",
                        "name the speaker and cite the source of the quotation",
                    )
                };
                findings.push(Finding {
                    code,
                    sentence: idx,
                    span: group.span,
                    message: message.to_owned(),
                    help: help.to_owned(),
                });
            }
            push_claim(&mut analysis, settings, idx, kinds, group_sourced, findings);
            continue;
        }

        let is_sourced = match context.table {
            Some(table) => table_sourced(doc, &sourced, table),
            None => sourced[idx],
        };
        let text = view.text();
        let masks_all = view.masks(true);
        // A recommendation's action prescribes, even as an imperative ("Fund 12 flow gauges").
        let prescriptive = is_prescriptive(text, &analysis.hits[idx])
            || doc.recommendations.iter().any(|rec| {
                rec.action_span.start < sentence.span.end
                    && sentence.span.start < rec.action_span.end
            });
        // A year inside a citation key (`[@iea-2024]`) or code dates nothing in the sentence.
        let absolute_date = match view.masks(false) {
            masks if masks.is_empty() => has_absolute_date(text),
            masks => has_absolute_date(&blank(text, &masks)),
        };

        // Quantities.
        if !prescriptive {
            let mut quantities = quantities_of[idx]
                .take()
                .unwrap_or_else(|| find_quantities(text, &masks_all, &analysis.hits[idx]));
            if restates {
                quantities.retain(|r| {
                    let key = figure_key(&text[r.clone()]);
                    !key.is_empty() && !body_figures.contains(&key)
                });
            }
            if !quantities.is_empty() {
                kinds.push(ClaimKind::Quantity);
                let report = match context.table {
                    Some(table) => {
                        !is_sourced && !std::mem::replace(&mut table_reported[table], true)
                    }
                    None => {
                        !is_sourced
                            && !refers_to_exhibit(text)
                            && !own_research(text, &analysis.hits[idx])
                    }
                };
                if report {
                    let range = quantities[0].clone();
                    let figure = &text[range.clone()];
                    let (message, span) = match context.table {
                        Some(table) => (
                            "table has figures but no source".to_owned(),
                            doc.tables[table].span,
                        ),
                        None if restates => (
                            format!("figure `{figure}` in the summary has no source in the body"),
                            view.span(range),
                        ),
                        None => (format!("figure `{figure}` has no source"), view.span(range)),
                    };
                    findings.push(Finding {
                        code: "claims/unsourced-statistic",
                        sentence: idx,
                        span,
                        message,
                        help: match context.table {
                            Some(_) => "cite the data in the table's caption (a paragraph starting `Table 1:` right after it)".to_owned(),
                            None => "cite where the figure comes from: `[@key]`, a footnote, or a link".to_owned(),
                        },
                    });
                }
            }
        }

        // Quotations.
        let quotes: Vec<_> = sentence
            .quotations
            .iter()
            .filter(|q| is_quotation(text, &view, q))
            .collect();
        if !quotes.is_empty() {
            kinds.push(ClaimKind::Quotation);
            if !is_sourced {
                let named = named_speaker(doc, &analysis.hits[idx], idx, &masks_all);
                let q = quotes[0];
                let (code, message, help) = if named {
                    (
                        "claims/uncited-named-quote",
                        "quotation names its speaker but cites no source",
                        "cite where the words were said or published: `[@key]` or a footnote",
                    )
                } else {
                    (
                        "claims/uncited-quote",
                        "quotation has no citation and no named speaker",
                        "name who said it and cite the source: `[@key]` or a footnote",
                    )
                };
                findings.push(Finding {
                    code,
                    sentence: idx,
                    span: q.span,
                    message: message.to_owned(),
                    help: help.to_owned(),
                });
            }
        }

        // Hidden attributions.
        let weasels: Vec<_> = analysis.hits[idx]
            .of(List::Weasel)
            .filter(|r| !masked(&masks_all, r))
            .filter(|r| !is_owned_attribution(text, r))
            .collect();
        if let Some(range) = weasels.first() {
            kinds.push(ClaimKind::Attribution);
            if !is_sourced {
                findings.push(Finding {
                    code: "claims/weasel-attribution",
                    sentence: idx,
                    span: view.span(range.clone()),
                    message: format!("`{}` does not say who", &text[range.clone()]),
                    help: "name the experts, studies or officials, and cite them".to_owned(),
                });
            }
        }

        // Sweeping claims.
        if !prescriptive && !restates {
            let sweeping: Vec<_> = analysis.hits[idx]
                .of(List::Generalizations)
                .filter(|r| !masked(&masks_all, r))
                .filter(|r| !is_hedge_or_idiom(text, r))
                .collect();
            if let Some(range) = sweeping.first() {
                kinds.push(ClaimKind::Generalization);
                if !is_sourced {
                    findings.push(Finding {
                        code: "claims/unsourced-generalization",
                        sentence: idx,
                        span: view.span(range.clone()),
                        message: format!(
                            "`{}` claims more than the sentence sources",
                            &text[range.clone()]
                        ),
                        help: "cite the evidence, or narrow the claim".to_owned(),
                    });
                }
            }
        }

        // Time relative to the writing.
        if !absolute_date {
            let mut relative: Vec<Range<usize>> = analysis.hits[idx]
                .of(List::RelativeTime)
                .filter(|r| !masked(&masks_all, r))
                .filter(|r| !names_a_period(text, r))
                .collect();
            relative.extend(months_without_year(text, &masks_all, &analysis.hits[idx]));
            relative.sort_by_key(|r| r.start);
            let vague: Vec<Range<usize>> = analysis.hits[idx]
                .of(List::VagueTime)
                .filter(|r| !masked(&masks_all, r))
                .filter(|r| !relative.iter().any(|x| x.start < r.end && r.start < x.end))
                .filter(|r| !text[r.end..].starts_with('-'))
                .filter(|r| !is_distance(text, r))
                .filter(|r| !is_occasion(text, r))
                // A recommendation speaks to the day it is published ("should not extend the
                // treaty at this time", "should act now").
                .filter(|r| {
                    !(prescriptive
                        && ["at this time", "at present", "now"]
                            .iter()
                            .any(|p| text[r.clone()].eq_ignore_ascii_case(p)))
                })
                .collect();
            if !relative.is_empty() || !vague.is_empty() {
                kinds.push(ClaimKind::DatedEvent);
            }
            if let Some(range) = relative.first() {
                findings.push(Finding {
                    code: "claims/relative-time",
                    sentence: idx,
                    span: view.span(range.clone()),
                    message: format!("`{}` has no date a reader can place", &text[range.clone()]),
                    help: "give the date (\"on 12 March 2025\", \"in August 2024\")".to_owned(),
                });
            }
            if let Some(range) = vague.first() {
                findings.push(Finding {
                    code: "claims/vague-time",
                    sentence: idx,
                    span: view.span(range.clone()),
                    message: format!(
                        "`{}` depends on when the brief is read",
                        &text[range.clone()]
                    ),
                    help: "anchor it: \"as of March 2025\", or the year".to_owned(),
                });
            }
        }

        if !kinds.is_empty() {
            push_claim(&mut analysis, settings, idx, kinds, is_sourced, findings);
        }
    }
    analysis
}

fn push_claim(
    analysis: &mut Analysis,
    settings: &Settings,
    sentence: usize,
    kinds: Vec<ClaimKind>,
    sourced: bool,
    findings: Vec<Finding>,
) {
    let mut indexes = Vec::new();
    for finding in findings {
        if settings.is_enabled(finding.code) {
            indexes.push(analysis.findings.len());
            analysis.findings.push(finding);
        }
    }
    analysis.claims.push(Claim {
        sentence,
        kinds,
        sourced,
        findings: indexes,
    });
}

/// Whether a sentence carries a source, or is covered by one (paragraph scope).
fn sentence_sourced(doc: &Document, settings: &Settings, idx: usize) -> bool {
    let sentence = &doc.sentences[idx];
    if sentence.is_sourced(doc, settings.links_are_sources) || has_author_date(&sentence.text) {
        return true;
    }
    // A caption is one unit: "Table 3: ... (n = 312). Source: authors' survey [@survey]."
    if settings.citation_scope == brief_model::config::CitationScope::Paragraph
        || sentence.context.caption
    {
        let para = &doc.paragraphs[sentence.paragraph];
        return doc.sentences[para.sentences.clone()]
            .iter()
            .any(|s| s.is_sourced(doc, settings.links_are_sources));
    }
    false
}

/// Whether a sentence cites in author-date style, written out rather than as `[@key]`:
/// "(Kleimann et al., 2023)", "(IMF 2024, 12)", "(Smith and Jones, 2020; OECD, 2021)", or
/// "Kleimann et al. (2023) show". "(March 2024)" and "(Zapad-2021)" cite nothing.
pub(crate) fn has_author_date(text: &str) -> bool {
    if !text.contains('(') {
        return false;
    }
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|p| p + from) {
        let Some(close) = text[open..].find(')').map(|p| p + open) else {
            return false;
        };
        let inner = &text[open + 1..close];
        // A year has four digits in a row.
        let year = inner
            .as_bytes()
            .windows(4)
            .any(|w| w.iter().all(u8::is_ascii_digit));
        if year && inner.split(';').any(is_author_date)
            || (year && is_year_part(inner) && named_before(&text[..open], &text[close + 1..]))
        {
            return true;
        }
        from = close;
    }
    false
}

/// "Kleimann et al., 2023", "IMF 2024, 12", "see Smith and Jones 2020a".
fn is_author_date(part: &str) -> bool {
    let part = part.trim();
    let part = ["see also ", "see ", "e.g. ", "e.g., ", "cf. "]
        .iter()
        .find_map(|p| part.strip_prefix(p))
        .unwrap_or(part);
    // The year is the first token with four digits; what follows it is a page or a letter.
    let tokens: Vec<&str> = part.split([' ', ',']).filter(|t| !t.is_empty()).collect();
    let Some(year_at) = tokens.iter().position(|t| is_year_part(t)) else {
        return false;
    };
    let names = &tokens[..year_at];
    // "(Smith, 2020)" has a comma; without one the name must be an acronym of an institution
    // ("(IMF 2024)"), not a name with a year ("(Vision 2030)", "(Zapad 2021)", "(FY 2024)").
    let comma = part[..part.find(tokens[year_at]).unwrap_or(0)].contains(',');
    let institution =
        names.len() == 1 && names[0].len() >= 3 && names[0].bytes().all(|b| b.is_ascii_uppercase());
    !names.is_empty()
        && (comma || institution)
        && names
            .iter()
            .all(|w| !w.contains(|c: char| c.is_ascii_digit() || c == '-' || c == '–'))
        && names.len() <= 8
        && names.iter().all(|w| {
            matches!(
                *w,
                "et" | "al." | "and" | "&" | "van" | "von" | "de" | "der" | "la" | "le"
            ) || w.starts_with(char::is_uppercase)
        })
        && names.iter().any(|w| {
            w.starts_with(char::is_uppercase)
                && !is_month(w)
                && !matches!(
                    *w,
                    "Spring" | "Summer" | "Autumn" | "Fall" | "Winter" | "Early" | "Late" | "Mid"
                )
        })
}

/// A year as cited: "2023", "2023a", "2023, 12", "2023: 45".
fn is_year_part(part: &str) -> bool {
    let year = part.trim().split([',', ':']).next().unwrap_or("").trim();
    let year = year.strip_suffix(['a', 'b', 'c']).unwrap_or(year);
    year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && (1800..=2100).contains(&year.parse::<u32>().unwrap_or(0))
}

/// Whether authors are named right before a parenthesized year: "Kleimann et al. (2023)", or
/// "Smith (2021) finds". ("Georgia (2008) and Ukraine (2014)" date events.)
fn named_before(before: &str, after: &str) -> bool {
    const REPORTING: &[&str] = &[
        "shows",
        "showed",
        "finds",
        "found",
        "argues",
        "argued",
        "estimated",
        "noted",
        "reported",
        "suggests",
        "suggested",
        "concludes",
        "concluded",
        "documented",
        "observes",
        "observed",
        "calculates",
        "calculated",
    ];
    let last = before.split_whitespace().next_back().unwrap_or("");
    let next = after
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    last == "al."
        || (last.starts_with(char::is_uppercase) && REPORTING.contains(&next) && !is_month(last))
}

/// A table is sourced by a citation in its caption or in any cell.
fn table_sourced(doc: &Document, sourced: &[bool], table: usize) -> bool {
    let caption = doc.tables[table]
        .caption
        .map(|p| doc.paragraphs[p].sentences.clone())
        .into_iter()
        .flatten()
        .any(|s| sourced[s]);
    caption
        || doc
            .sentences
            .iter()
            .enumerate()
            .any(|(i, s)| s.context.table == Some(table) && sourced[i])
}

struct BlockquoteGroup {
    sentences: Vec<usize>,
    span: Span,
    named: bool,
    intro_sourced: bool,
}

/// Sentences of each outermost block quotation.
fn blockquote_groups(doc: &Document) -> Vec<BlockquoteGroup> {
    let quotes: Vec<Span> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::BlockQuote)
        .map(|b| b.span)
        .collect();
    let outermost: Vec<Span> = quotes
        .iter()
        .filter(|q| !quotes.iter().any(|o| o != *q && o.contains(**q)))
        .copied()
        .collect();
    outermost
        .into_iter()
        .map(|span| {
            let sentences: Vec<usize> = doc
                .sentences
                .iter()
                .enumerate()
                .filter(|(_, s)| span.contains(s.span))
                .map(|(i, _)| i)
                .collect();
            // An attribution line: "— Name" or "-- Name".
            let named = sentences.iter().any(|&s| {
                let text = doc.sentences[s].text.trim_start();
                text.starts_with(['—', '–']) || text.starts_with("--")
            });
            let intro = doc
                .paragraphs
                .iter()
                .rev()
                .find(|p| p.span.end <= span.start && !p.context.blockquote);
            let intro_sourced = intro.is_some_and(|p| {
                let between = &doc.source[p.span.end..span.start];
                between.trim().is_empty()
                    && p.text.trim_end().ends_with(':')
                    && doc.sentences[p.sentences.clone()]
                        .iter()
                        .any(|s| s.is_sourced(doc, true))
            });
            BlockquoteGroup {
                sentences,
                span,
                named,
                intro_sourced,
            }
        })
        .filter(|g| !g.sentences.is_empty())
        .collect()
}

/// Whether a quotation is a quotation worth citing, not a scare quote or a title.
fn is_quotation(text: &str, view: &View<'_>, quote: &brief_model::Quotation) -> bool {
    if quote.words < 4 {
        return false;
    }
    // Titles, names and slogans: "The Future of European Competitiveness", "Make America Great
    // Again".
    if is_title_case(&quote.text) {
        return false;
    }
    let Some(range) = view.range(quote.span) else {
        return true;
    };
    // A title or a term: "titled "...", right after the kind of document ("its 2024 report
    // "Drawing the line""), or "so-called", "the phrase", "the slogan".
    let before = text[..range.start].trim_end().to_lowercase();
    let prev = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    // A term or a name held where a noun would stand ("the ‘imminent Ukrainian fascist threat’",
    // "its "partnership without limits"", "the ‘Political Declaration on the framework for the
    // future relationship’"): a phrase after a determiner, with no punctuation of speech in it.
    // ("that" is left out: "said that "..."" reports speech.)
    let determiner = matches!(
        prev,
        "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "this" | "these"
    );
    if determiner && quote.words <= 12 && !quote.text.contains(['.', ',', ';', ':', '!', '?']) {
        return false;
    }
    // A term being defined: "the regulation defines both ‘content of Union origin’ and ‘...’",
    // "the definition of ‘critical raw material’".
    // The quotation must be what is defined, right after the verb or after other defined terms
    // ("is defined in its own words as ‘a guide for action’" quotes a document).
    let mut rest = before.as_str();
    loop {
        let trimmed = rest.trim_end().trim_end_matches(',');
        if let Some(inner) = trimmed.strip_suffix(['’', '”', '"']) {
            match inner.rfind(['‘', '“', '"']) {
                Some(open) => rest = &inner[..open],
                None => break,
            }
            continue;
        }
        let last = trimmed.rsplit(char::is_whitespace).next().unwrap_or("");
        if matches!(last, "both" | "and" | "or" | "the" | "a" | "an" | "of") {
            rest = &trimmed[..trimmed.len() - last.len()];
            continue;
        }
        rest = trimmed;
        break;
    }
    let defining = matches!(
        rest.rsplit(char::is_whitespace).next().unwrap_or(""),
        "define" | "defines" | "defined" | "defining" | "definition" | "definitions"
    );
    if defining && quote.words <= 8 && !quote.text.contains(['.', ';', '!', '?']) {
        return false;
    }
    // The title of an event in sentence case, set off after the kind of event ("a Brookings
    // panel, “One year of trade policy: What did we learn?”"): a title and subtitle, or a
    // question. Words said at an event ("told the conference: “We will ...”") are neither.
    let event = matches!(
        prev,
        "panel"
            | "event"
            | "conference"
            | "hearing"
            | "session"
            | "webinar"
            | "seminar"
            | "symposium"
            | "workshop"
            | "forum"
            | "roundtable"
            | "series"
            | "dialogue"
    );
    let inner = quote.text.trim_end_matches(['"', '”', '’', '\'']);
    let subtitle = inner
        .split_once(": ")
        .is_some_and(|(_, after)| after.starts_with(char::is_uppercase));
    if event && (subtitle || inner.ends_with('?')) {
        return false;
    }
    !matches!(
        prev,
        "titled"
            | "entitled"
            | "headlined"
            | "named"
            | "subtitled"
            | "report"
            | "paper"
            | "article"
            | "study"
            | "book"
            | "essay"
            | "op-ed"
            | "brief"
            | "chapter"
            | "speech"
            | "lecture"
            | "documentary"
            | "film"
            | "podcast"
            | "column"
            | "so-called"
            | "term"
            | "termed"
            | "phrase"
            | "slogan"
            | "motto"
            | "notion"
            | "concept"
            | "catchphrase"
            | "buzzword"
            | "label"
    )
}

/// Whether words are written in title case, as titles, names and slogans are ("The Future of
/// European Competitiveness", "Make America Great Again"): every word but the small ones starts
/// with a capital, and there are at least two such words.
pub(crate) fn is_title_case(text: &str) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "the", "and", "or", "nor", "but", "of", "for", "in", "on", "at", "to", "by",
        "with", "from", "as", "vs", "via", "into", "over", "per", "is", "its", "after", "under",
    ];
    let mut capitalized = 0;
    for word in text.split_whitespace() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = bare.chars().next() else {
            continue;
        };
        if first.is_uppercase() || first.is_ascii_digit() {
            capitalized += 1;
        } else if !SMALL.contains(&bare) {
            return false;
        }
    }
    capitalized >= 2
}

/// The words that make a sentence prescribe ("X should ..."), found by the sentence's
/// [`List::Modals`] scan; [`modal_at`] says where one stands as a modal.
pub(crate) const MODALS: &[&str] = &[
    "should",
    "must",
    "ought to",
    "we recommend",
    "recommend that",
];

/// The index in [`MODALS`] of a modal found at `range` of `text`, when it stands between spaces
/// (or at `opening`, where the text's words start, when given, or at the text's end).
pub(crate) fn modal_at(text: &str, range: &Range<usize>, opening: Option<usize>) -> Option<usize> {
    let bytes = text.as_bytes();
    let before =
        opening == Some(range.start) || (range.start > 0 && bytes[range.start - 1] == b' ');
    let after = bytes.get(range.end).is_none_or(|&b| b == b' ');
    if !(before && after) {
        return None;
    }
    MODALS
        .iter()
        .position(|m| text[range.clone()].eq_ignore_ascii_case(m))
}

/// Sentences that prescribe rather than assert ("X should ...").
///
/// A sentence that opens with its modal asks a question or states a condition ("Should Russia
/// attack, its reserves would ..."): it prescribes nothing.
fn is_prescriptive(text: &str, hits: &Hits) -> bool {
    let start = text.len() - text.trim_start().len();
    hits.of(List::Modals).any(|range| {
        match modal_at(text, &range, Some(start)) {
            // An opening "should", "must" or "ought to": look past it.
            Some(modal) => range.start != start || modal >= 3,
            None => false,
        }
    })
}

/// Sweeping words that claim nothing: a negated absolute is a hedge ("not always"), so is a
/// superlative the writer qualifies ("may be the worst", "arguably the largest"), and some
/// superlatives are set phrases ("in the worst case", "the lowest common denominator").
fn is_hedge_or_idiom(text: &str, range: &Range<usize>) -> bool {
    let phrase = text[range.clone()].to_lowercase();
    let before = text[..range.start].trim_end().to_lowercase();
    let mut previous = before.rsplit(char::is_whitespace);
    let prev = previous.next().unwrap_or("");
    let after = text[range.end..].trim_start().to_lowercase();
    let negated = matches!(prev, "not" | "never") || prev.ends_with("n't") || prev.ends_with("n’t");
    let qualified = matches!(prev, "arguably" | "perhaps" | "possibly")
        || (prev == "be"
            && previous
                .next()
                .is_some_and(|w| matches!(w, "may" | "might" | "could")));
    if qualified && !matches!(phrase.as_str(), "always" | "never" | "rarely" | "seldom") {
        return true;
    }
    match phrase.as_str() {
        "always" | "never" | "rarely" | "seldom" => negated || prev == "as",
        "the worst" => after.starts_with("case"),
        "the lowest" => after.starts_with("common denominator"),
        _ => false,
    }
}

/// Attributions whose owner the sentence names after all: "Eurostat data show", "the IMF's
/// surveys suggest", "RAND analysts estimate" (but not "Western analysts" or "US officials");
/// "some say" as a noun ("communities have some say"); "it is known as" a name.
fn is_owned_attribution(text: &str, range: &Range<usize>) -> bool {
    let phrase = text[range.clone()].to_lowercase();
    let first = phrase.split_whitespace().next().unwrap_or("");
    let before = text[..range.start].trim_end();
    let prev_raw = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let prev = prev_raw
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .to_owned();
    let prev_lower = prev.to_lowercase();
    if phrase.starts_with("some say") {
        return matches!(
            prev_lower.as_str(),
            "have"
                | "has"
                | "had"
                | "having"
                | "get"
                | "gets"
                | "got"
                | "give"
                | "gives"
                | "gave"
                | "given"
                | "with"
                | "without"
                | "want"
                | "wants"
                | "demand"
                | "demands"
        );
    }
    // "The railway, as it is known locally", "it is known as the Lobito Corridor": naming, not
    // attributing.
    if phrase.ends_with("known") {
        let next = text[range.end..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if matches!(
            next.as_str(),
            "as" | "locally" | "colloquially" | "officially" | "informally" | "popularly" | "in"
        ) {
            return true;
        }
    }
    if !matches!(
        first,
        "studies"
            | "research"
            | "reports"
            | "surveys"
            | "polls"
            | "data"
            | "study"
            | "report"
            | "survey"
            | "experts"
            | "analysts"
            | "observers"
            | "commentators"
            | "scholars"
            | "specialists"
            | "economists"
            | "officials"
            | "diplomats"
            | "sources"
    ) || prev.is_empty()
    {
        return false;
    }
    if prev_lower.ends_with("'s") || prev_lower.ends_with("’s") || prev_lower.ends_with("s'") {
        return true;
    }
    if matches!(prev_lower.as_str(), "our" | "its" | "their" | "his" | "her") {
        return true;
    }
    let Some(initial) = prev.chars().next() else {
        return false;
    };
    if !initial.is_uppercase() {
        return false;
    }
    // A country is not an owner: "US officials said" hides who as well as "Russian officials".
    if matches!(
        prev.as_str(),
        "US" | "UK" | "USA" | "U.S" | "U.K" | "American" | "British"
    ) {
        return false;
    }
    let acronym = prev.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && prev
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if acronym {
        return true;
    }
    // A capitalized name ("Eurostat", "World Bank"), but not a demonym ("Russian reports claim")
    // or an ordinary word opening the sentence ("Recent studies show").
    let opens_sentence = !before[..before.len() - prev_raw.len()]
        .trim()
        .chars()
        .any(char::is_alphanumeric);
    let demonym = ["an", "ese", "ish", "ern", "i", "ch", "ic"]
        .iter()
        .any(|suffix| prev_lower.ends_with(suffix));
    if demonym {
        return false;
    }
    !(opens_sentence
        && [
            "recent",
            "new",
            "several",
            "many",
            "numerous",
            "multiple",
            "other",
            "some",
            "most",
            "independent",
            "previous",
            "earlier",
            "academic",
            "scientific",
            "official",
            "these",
            "such",
            "various",
            "countless",
            "both",
            "all",
            "existing",
            "internal",
            "leaked",
            "media",
            "news",
            "press",
            "unconfirmed",
            "local",
            "government",
            "market",
            "survey",
            "opinion",
            "public",
            "early",
            "preliminary",
            "further",
            "more",
            "two",
            "three",
            "few",
        ]
        .contains(&prev_lower.as_str()))
}

/// "So far" as a distance ("not so far from the front line"), not a time.
fn is_distance(text: &str, range: &Range<usize>) -> bool {
    text[range.clone()].eq_ignore_ascii_case("so far")
        && text[range.end..]
            .split_whitespace()
            .next()
            .is_some_and(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "from" | "away" | "as" | "behind" | "ahead" | "removed" | "beyond" | "apart"
                )
            })
}

/// "Today" as the day of the remarks, hearing or event the text was written for ("today's
/// hearing", "my testimony today", "Today, I will focus on ..."): the brief's date places it.
fn is_occasion(text: &str, range: &Range<usize>) -> bool {
    const OCCASIONS: &[&str] = &[
        "hearing",
        "hearings",
        "event",
        "session",
        "discussion",
        "meeting",
        "panel",
        "remarks",
        "testimony",
        "statement",
        "briefing",
        "conference",
        "webinar",
        "roundtable",
        "seminar",
        "symposium",
        "workshop",
        "lecture",
        "talk",
        "debate",
        "presentation",
        "proceedings",
        "conversation",
        "program",
        "programme",
    ];
    if !text[range.clone()].eq_ignore_ascii_case("today") {
        return false;
    }
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let after = &text[range.end..];
    let possessive = after.starts_with("'s ") || after.starts_with("’s ");
    if possessive
        && after[after.find(' ').unwrap_or(0)..]
            .split_whitespace()
            .next()
            .is_some_and(|w| OCCASIONS.contains(&bare(w).as_str()))
    {
        return true;
    }
    // "My remarks today", "the testimony today".
    if text[..range.start]
        .split_whitespace()
        .next_back()
        .map(bare)
        .is_some_and(|w| OCCASIONS.contains(&w.as_str()))
    {
        return true;
    }
    // The speaker addressing the audience: "Today, I will ...", "Today, we will hear from ...".
    let rest = after.trim_start_matches(',').trim_start();
    let opens = text[..range.start].trim().is_empty();
    opens
        && [
            "I ", "I'll", "I’ll", "I’d", "I'd", "we will", "we'll", "we’ll", "we shall", "let us",
            "let me", "my ",
        ]
        .iter()
        .any(|p| rest.starts_with(p))
}

/// "The last days of the regime", "the last year of the war": `last` names the end of a period the
/// sentence states, not the time before the writing.
fn names_a_period(text: &str, range: &Range<usize>) -> bool {
    let phrase = text[range.clone()].to_ascii_lowercase();
    phrase.split_whitespace().any(|w| w == "last")
        && text[range.end..]
            .split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("of"))
}

/// `text` with the masked ranges blanked out, byte for byte.
fn blank(text: &str, masks: &[Range<usize>]) -> String {
    let mut out = text.to_owned();
    for m in masks {
        if m.end <= out.len() && out.is_char_boundary(m.start) && out.is_char_boundary(m.end) {
            out.replace_range(m.clone(), &" ".repeat(m.len()));
        }
    }
    out
}

/// Whether the sentence names a year or a full date.
pub(crate) fn has_absolute_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut idx = 0;
    while idx + 4 <= bytes.len() {
        // A run of four digits has its last one at `idx + 3`: where that byte is not a digit,
        // no run starts at any of the next four places.
        if !bytes[idx + 3].is_ascii_digit() {
            idx += 4;
            continue;
        }
        if bytes[idx..idx + 3].iter().all(u8::is_ascii_digit)
            && (idx == 0 || !bytes[idx - 1].is_ascii_digit())
            && bytes.get(idx + 4).is_none_or(|b| !b.is_ascii_digit())
        {
            let year = bytes[idx..idx + 4]
                .iter()
                .fold(0u32, |year, d| year * 10 + u32::from(d - b'0'));
            if (1800..=2100).contains(&year) {
                return true;
            }
        }
        idx += 1;
    }
    false
}

/// Month names: the full ones of `brief_model::source::MONTH_NAMES`, then abbreviations.
pub(crate) const MONTHS: [&str; 20] = {
    const ABBREVIATIONS: [&str; 8] = [
        "Jan.", "Feb.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
    ];
    let full = brief_model::source::MONTH_NAMES;
    let mut all = [""; 20];
    let mut i = 0;
    while i < all.len() {
        all[i] = if i < full.len() {
            full[i]
        } else {
            ABBREVIATIONS[i - full.len()]
        };
        i += 1;
    }
    all
};

/// Whether a word (with a comma or full stop after it) is a month's name as the brief writes it:
/// "March", "Mar.", not "march".
fn is_month(word: &str) -> bool {
    let word = word.trim_end_matches([',', '.']);
    months().any(|m| m.trim_end_matches('.') == word)
}

fn months() -> impl Iterator<Item = &'static str> {
    MONTHS.iter().copied()
}

const MONTH_LEADS: &[&str] = &[
    "in", "early", "mid", "late", "on", "by", "since", "until", "till", "from", "through",
    "during", "last", "next", "this", "before", "after", "of",
];

/// Month names used as dates without a year ("in early August", "on 5 March"). `hits` are
/// the sentence's [`List::Months`].
fn months_without_year(text: &str, masks: &[Range<usize>], hits: &Hits) -> Vec<Range<usize>> {
    let names = &MONTHS;
    // Every month's matches (in its own case), in the order of the list.
    let mut found: Vec<(usize, usize)> = hits
        .of(List::Months)
        .filter_map(|r| {
            let pattern = names.iter().position(|n| text[r.clone()] == **n)?;
            Some((pattern, r.start))
        })
        .collect();
    found.sort_unstable();
    let mut out = Vec::new();
    for (pattern, idx) in found {
        let month = names[pattern];
        let end = idx + month.len();
        if !is_word_boundary(text, idx) || (!month.ends_with('.') && !is_word_end(text, end)) {
            continue;
        }
        if masked(masks, &(idx..end)) {
            continue;
        }
        let before: Vec<&str> = text[..idx].split_whitespace().rev().take(2).collect();
        let prev = before
            .first()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .unwrap_or_default();
        let prev_is_day = prev.chars().all(|c| c.is_ascii_digit()) && !prev.is_empty();
        let next_is_day = text[end..]
            .trim_start()
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .is_some_and(|d| !d.is_empty() && d.len() <= 2);
        let is_date = MONTH_LEADS.contains(&prev.as_str()) || prev_is_day || next_is_day;
        // "The 7 October attacks", "the January 6 hearings": a date that names an event.
        let names_event = if prev_is_day {
            before.get(1).is_some_and(|w| w.eq_ignore_ascii_case("the"))
        } else {
            next_is_day && prev == "the"
        };
        if names_event {
            continue;
        }
        // "May" is also a verb and a name: require a date-like neighbour, and no possessive
        // ("through May’s Brexit deal" names Theresa May).
        if month == "May"
            && (!(prev_is_day || next_is_day || MONTH_LEADS.contains(&prev.as_str()))
                || text[end..].starts_with("’s")
                || text[end..].starts_with("'s"))
        {
            continue;
        }
        if is_date {
            out.push(idx..end);
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// Words before a number that make it a label, not a quantity ("Resolution 2231", "No. 5").
static LABELS: WordList = WordList::new(&[
    "resolution",
    "resolutions",
    "article",
    "articles",
    "art",
    "section",
    "sections",
    "sec",
    "chapter",
    "chapters",
    "ch",
    "table",
    "tables",
    "figure",
    "figures",
    "fig",
    "annex",
    "annexes",
    "appendix",
    "paragraph",
    "paragraphs",
    "para",
    "paras",
    "no",
    "nos",
    "number",
    "phase",
    "stage",
    "level",
    "protocol",
    "directive",
    "regulation",
    "bulletin",
    "volume",
    "vol",
    "issue",
    "item",
    "rule",
    "amendment",
    "act",
    "law",
    "decree",
    "order",
    "title",
    "division",
    "brigade",
    "battalion",
    "corps",
    "army",
    "fleet",
    "route",
    "highway",
    "line",
    "point",
    "block",
    "unit",
    "sector",
    "zone",
    "camp",
    "gate",
    "tier",
    "pillar",
    "goal",
    "sdg",
    "step",
    "option",
    "scenario",
    "map",
    "box",
    "exhibit",
    "schedule",
    "clause",
    "part",
    "book",
    "grade",
    "class",
    "category",
    "type",
    "model",
    "round",
    "session",
    "p",
    "pp",
    "page",
    "pages",
    "recommendation",
    "priority",
    "district",
    "precinct",
    "ward",
    "region",
    "resolution",
    "summit",
    "report",
    "session",
    "g",
    "mark",
    "version",
    "release",
    "plan",
    "cop",
    "unscr",
    "iso",
    "en",
    "pl",
]);

/// Words after a bare year-like number that make it a quantity, not a year.
static UNITS_AFTER_YEAR: WordList = WordList::new(&[
    "%",
    "percent",
    "per",
    "people",
    "troops",
    "soldiers",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "tonnes",
    "tons",
    "hectares",
    "deaths",
    "casualties",
    "refugees",
    "households",
    "families",
    "children",
    "cases",
    "incidents",
    "jobs",
    "workers",
    "units",
    "homes",
    "schools",
    "patrols",
    "mw",
    "gw",
    "bcm",
    "barrels",
]);

/// Units written after a figure, lowercase.
static UNITS: WordList = WordList::new(&[
    "gw",
    "mw",
    "kw",
    "twh",
    "gwh",
    "mwh",
    "bcm",
    "tcm",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "kg",
    "kilograms",
    "tonnes",
    "tons",
    "barrels",
    "hectares",
    "metres",
    "meters",
    "square kilometres",
    "square kilometers",
    "degrees",
]);

/// Spelled-out quantities.
pub(crate) const SCALE_WORDS: &[&str] = &[
    "per cent",
    "percent",
    "percentage points",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "trillions",
    "half of",
    "a third of",
    "two-thirds",
    "two thirds",
    "a quarter of",
    "three-quarters",
    "dozens of",
    "hundreds of",
    "thousands of",
    "tens of thousands",
    "hundreds of thousands",
    "doubled",
    "tripled",
    "quadrupled",
    "halved",
    "twofold",
    "threefold",
    "fourfold",
    "tenfold",
    "a hundred",
    "a thousand",
];

/// Figures in running text: numbers that are not years, dates, ordinals, labels or identifiers,
/// and spelled-out scales ("two-thirds", "millions").
pub(crate) fn find_quantities(
    text: &str,
    masks: &[Range<usize>],
    hits: &Hits,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let has_month = hits.of(List::Months).next().is_some();
    let mut idx = 0;
    while idx < bytes.len() {
        if !bytes[idx].is_ascii_digit() || (idx > 0 && bytes[idx - 1].is_ascii_digit()) {
            idx += 1;
            continue;
        }
        let start = idx;
        let mut end = idx;
        while end < bytes.len()
            && (bytes[end].is_ascii_digit()
                || (matches!(bytes[end], b',' | b'.')
                    && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
        {
            end += 1;
        }
        idx = end;
        let range = start..end;
        if masked(masks, &range) {
            continue;
        }
        if is_quantity(text, start, end) && !(has_month && is_day_of_pair(text, start, end)) {
            // Include a currency sign before and a percent sign after.
            let start = match text[..start].chars().next_back() {
                Some(c @ ('$' | '€' | '£' | '¥' | '₹')) => start - c.len_utf8(),
                _ => start,
            };
            let mut end = if text[end..].starts_with('%') {
                end + 1
            } else {
                end
            };
            // "2 million", "12.7 per cent": the scale belongs to the figure.
            for scale in [
                " million",
                " billion",
                " trillion",
                " per cent",
                " percent",
                " percentage points",
            ] {
                if starts_with_ignore_case(&text[end..], scale)
                    && is_word_end(text, end + scale.len())
                {
                    end += scale.len();
                    break;
                }
            }
            // A unit belongs to the figure as well: "9 GW", "300 kilograms", "5 bcm".
            if let Some(rest) = text[end..].strip_prefix(' ')
                && let Some(unit) = UNITS
                    .words()
                    .iter()
                    .find(|u| starts_with_ignore_case(rest, u) && is_word_end(rest, u.len()))
            {
                end += 1 + unit.len();
            }
            out.push(start..end);
        }
    }
    // Spelled-out scales, each word's matches in the list's order (an earlier word wins where
    // two overlap).
    let mut scales: Vec<(usize, Range<usize>)> = hits
        .of(List::Scales)
        .filter_map(|r| {
            let word = SCALE_WORDS
                .iter()
                .position(|w| text[r.clone()].eq_ignore_ascii_case(w))?;
            Some((word, r))
        })
        .collect();
    if !scales.is_empty() {
        scales.sort_by_key(|(word, range)| (*word, range.start));
        for (_, range) in scales {
            let found = range.start;
            if !is_scale(text, &range) {
                continue;
            }
            if is_word_boundary(text, found)
                && is_word_end(text, range.end)
                && !masked(masks, &range)
                && !out
                    .iter()
                    .any(|r: &Range<usize>| r.start <= found && found <= r.end + 1)
            {
                out.push(range);
            }
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// Whether `text` starts with `prefix` (lowercase ASCII), ignoring ASCII case.
fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Whether a sentence points to a table or figure of the brief ("(Table 3)", "Figure 2 shows"),
/// whose caption carries the source of its figures.
fn refers_to_exhibit(text: &str) -> bool {
    static EXHIBITS: WordList = WordList::new(&[
        "table", "tables", "figure", "figures", "fig.", "chart", "graph", "exhibit",
    ]);
    let mut after_label = false;
    for word in text.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        if after_label && word.starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        after_label = EXHIBITS.contains(word);
    }
    false
}

/// Phrases by which a brief reports its own research: its figures come from the authors' survey,
/// interviews or calculations, which the sentence names.
pub(crate) const OWN_RESEARCH: &[&str] = &[
    "this report",
    "this brief",
    "this paper",
    "this study",
    "this analysis",
    "our survey",
    "our interviews",
    "our analysis",
    "our calculations",
    "our estimates",
    "our data",
    "our dataset",
    "our sample",
    "our review",
    "our fieldwork",
    "our count",
    "we surveyed",
    "we interviewed",
    "we analysed",
    "we analyzed",
    "we reviewed",
    "we counted",
    "we coded",
    "we estimate",
    "we calculate",
    "authors' survey",
    "author's survey",
    "authors' calculations",
    "author's calculations",
    "authors' analysis",
    "author's analysis",
];

/// Whether a sentence reports the brief's own research ("a survey of 312 hospital IT managers
/// conducted for this report", "In our survey, 41 per cent ...").
fn own_research(text: &str, hits: &Hits) -> bool {
    hits.of(List::OwnResearch).any(|r| is_word_end(text, r.end))
}

/// [`OWN_RESEARCH`] with each apostrophe also written curly.
pub(crate) fn own_research_phrases() -> Vec<String> {
    OWN_RESEARCH
        .iter()
        .flat_map(|p| {
            let curly = p.contains('\'').then(|| p.replace('\'', "’"));
            std::iter::once(p.to_string()).chain(curly)
        })
        .collect()
}

/// Whether a spelled-out scale word measures something: not "the first half of 2024" (a period)
/// or "doubled down" (an idiom).
fn is_scale(text: &str, range: &Range<usize>) -> bool {
    let word = &text[range.clone()];
    let prev = text[..range.start]
        .split_whitespace()
        .next_back()
        .unwrap_or("");
    let after = &text[range.end..];
    if word.eq_ignore_ascii_case("half of") {
        ![
            "first", "second", "latter", "former", "last", "other", "better", "back",
        ]
        .iter()
        .any(|w| prev.eq_ignore_ascii_case(w))
    } else if word.eq_ignore_ascii_case("doubled") || word.eq_ignore_ascii_case("tripled") {
        !starts_with_ignore_case(after, " down")
    } else {
        true
    }
}

fn is_quantity(text: &str, start: usize, end: usize) -> bool {
    let number = &text[start..end];
    let prev = text[..start].chars().next_back();
    let next = text[end..].chars().next();
    // Glued to letters: identifiers ("F-16", "G7", "COVID-19", "H5N1") and ordinals ("21st").
    if prev.is_some_and(|c| c.is_alphabetic() || c == '_' || c == '/' || c == '#')
        || next.is_some_and(|c| c.is_alphabetic() && !is_unit_suffix(&text[end..]))
    {
        return false;
    }
    if prev == Some('-') {
        let before_dash = text[..start - 1].chars().next_back();
        if before_dash.is_some_and(char::is_alphanumeric) {
            return false;
        }
    }
    // Calibres: "155mm artillery shells", "120 mm mortars".
    let after = &text[end..];
    let calibre = ["mm", " mm", "-mm"]
        .iter()
        .find(|p| starts_with_ignore_case(after, p))
        .map(|p| &after[p.len()..]);
    if let Some(rest) = calibre {
        static CALIBRE_NOUNS: WordList = WordList::new(&[
            "shell",
            "shells",
            "artillery",
            "round",
            "rounds",
            "ammunition",
            "howitzer",
            "howitzers",
            "gun",
            "guns",
            "mortar",
            "mortars",
            "calibre",
            "caliber",
            "munitions",
            "projectiles",
            "cannon",
            "cannons",
            "rockets",
            "rifles",
        ]);
        let noun = rest
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric());
        if CALIBRE_NOUNS.contains(noun) {
            return false;
        }
    }
    // Dates and identifiers written with a slash or a plus: "9/11", "13/03/2025", "P5+1", "the
    // 2+2 dialogue".
    if next == Some('+') && text[end + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    if next == Some('/') && text[end + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    if prev == Some('+') && text[..start - 1].ends_with(char::is_alphanumeric) {
        return false;
    }
    // Times and ratios ("10:30"), version-like and adjectival forms ("a 10-year plan").
    if next == Some(':') && text[end + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    if prev == Some(':') && text[..start - 1].ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    if next == Some('-') && text[end + 1..].starts_with(|c: char| c.is_alphabetic()) {
        return false;
    }
    // List markers: "(1)".
    if prev == Some('(') && next == Some(')') && number.len() == 1 {
        return false;
    }
    let prev_word = previous_word(text, start);
    let next_word = next_word(text, end);
    if LABELS.contains(prev_word.trim_end_matches('.')) {
        return false;
    }
    // After an acronym, a short whole number is part of a name: "LOE 1", "SDG 5", "COP 28",
    // "HB 26-1317"; not after a country or currency ("US 12 percent", "EUR 40 million").
    let acronym = (2..=6).contains(&prev_word.len())
        && prev_word.bytes().all(|b| b.is_ascii_uppercase())
        && !matches!(
            prev_word,
            "US" | "USA"
                | "UK"
                | "EU"
                | "UN"
                | "USD"
                | "EUR"
                | "GBP"
                | "CNY"
                | "RMB"
                | "JPY"
                | "INR"
                | "CHF"
                | "GDP"
                | "GNI"
        )
        && text[..start].ends_with(' ');
    if acronym
        && number.len() <= 4
        && number.bytes().all(|b| b.is_ascii_digit())
        && next != Some('%')
        && !UNITS.contains(next_word)
        && !SCALE_WORDS
            .iter()
            .any(|w| next_word.eq_ignore_ascii_case(w))
        && ![
            "percent", "per", "thousand", "million", "billion", "trillion",
        ]
        .iter()
        .any(|w| next_word.eq_ignore_ascii_case(w))
    {
        return false;
    }
    // Day of a month ("13 March", "March 13").
    // ("In February, 4 brigades moved": after a comma, the month dates the clause, not the
    // number.)
    let month_before = || is_month(prev_word) && !text[..start].trim_end().ends_with(',');
    if number.len() <= 2 && (month_before() || is_month(next_word)) {
        return false;
    }
    // Years and year ranges.
    let digits = number.bytes().filter(u8::is_ascii_digit).count();
    if digits == 4 && !number.contains([',', '.']) {
        let year: u32 = number.parse().unwrap_or(0);
        if (1800..=2100).contains(&year)
            && !matches!(prev, Some('$' | '€' | '£'))
            && !UNITS_AFTER_YEAR.contains(next_word)
            && next != Some('%')
        {
            return false;
        }
    }
    // Two-digit year ends of ranges ("2021–24").
    if number.len() == 2 && matches!(prev, Some('–' | '-' | '/')) {
        let before = &text[..start - prev.map_or(0, char::len_utf8)];
        if before.len() >= 4
            && before[before.len() - 4..]
                .bytes()
                .all(|b| b.is_ascii_digit())
        {
            return false;
        }
    }
    // "Sent Ukraine 31 tanks": after a verb of giving, the capitalized word is the recipient.
    static GIVING: WordList = WordList::new(&[
        "gave",
        "give",
        "gives",
        "sent",
        "send",
        "sends",
        "sold",
        "sell",
        "sells",
        "offered",
        "offer",
        "offers",
        "provided",
        "promised",
        "lent",
        "owes",
        "owe",
        "handed",
        "granted",
        "pledged",
        "delivered",
        "supplied",
        "cost",
        "costs",
    ]);
    let verb = text[..start]
        .split_whitespace()
        .rev()
        .nth(1)
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    let giving = GIVING.contains(verb);
    if giving {
        return true;
    }
    // A number inside a proper name ("Boeing 737", "Zapad 2021"): a capitalized word before it
    // (not the sentence's first word) and nothing measured after it.
    if prev_word.chars().next().is_some_and(char::is_uppercase)
        && !is_first_word(text, start)
        && !is_month(prev_word)
        && next_word.chars().next().is_none_or(|c| !c.is_lowercase())
        && !matches!(prev, Some('$' | '€' | '£'))
    {
        return false;
    }
    // A short number after a capitalized word in mid-sentence names a product, an exercise or a
    // pipeline ("Windows 7 or older", "the Nord Stream 2 pipeline"), unless the word is a
    // possessive ("Russia's 40 battalions") or a unit follows.
    if number.len() <= 2
        && digits == number.len()
        && prev_word.chars().next().is_some_and(char::is_uppercase)
        && !is_first_word(text, start)
        && !is_month(prev_word)
        && !prev_word.ends_with("'s")
        && !prev_word.ends_with("’s")
        && !matches!(prev, Some('$' | '€' | '£'))
        && next != Some('%')
        && !UNITS_AFTER_YEAR.contains(next_word)
        && !UNITS.contains(next_word)
        && !is_unit_suffix(&text[end..])
    {
        return false;
    }
    true
}

fn is_unit_suffix(rest: &str) -> bool {
    static UNIT_SUFFIXES: WordList = WordList::new(&[
        "km", "m", "bn", "mn", "k", "kg", "mw", "gw", "kw", "twh", "gwh", "bcm", "mt", "x", "tn",
        "mm", "cm", "ha", "t",
    ]);
    let end = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    UNIT_SUFFIXES.contains(&rest[..end])
}

/// The other day of a pair or range of dates: the "4" of "4 and 5 February", the "5" of
/// "February 4–5" or "March 3 to 5".
fn is_day_of_pair(text: &str, start: usize, end: usize) -> bool {
    const JOINERS: [&str; 6] = [" and ", " to ", " or ", "–", "-", " & "];
    let number = &text[start..end];
    if number.len() > 2 || !digits_of(number).is_some_and(|day| (1..=31).contains(&day)) {
        return false;
    }
    let after = &text[end..];
    let first_of_pair = JOINERS.iter().any(|j| {
        after.strip_prefix(j).is_some_and(|rest| {
            let day = rest.bytes().take_while(u8::is_ascii_digit).count();
            (1..=2).contains(&day) && is_month(next_word(rest, day))
        })
    });
    let before = &text[..start];
    let second_of_pair = JOINERS.iter().any(|j| {
        before.strip_suffix(j).is_some_and(|rest| {
            let day = rest.bytes().rev().take_while(u8::is_ascii_digit).count();
            let day_start = rest.len() - day;
            (1..=2).contains(&day)
                && is_month(previous_word(rest, day_start))
                && !rest[..day_start].trim_end().ends_with(',')
        })
    });
    first_of_pair || second_of_pair
}

/// The value of a number written in ASCII digits only.
fn digits_of(number: &str) -> Option<u32> {
    number
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| number.parse().ok())
        .flatten()
}

fn previous_word(text: &str, start: usize) -> &str {
    text[..start]
        .trim_end_matches(['$', '€', '£', ' ', '\u{a0}'])
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
}

fn next_word(text: &str, end: usize) -> &str {
    let rest = text[end..].trim_start_matches([' ', '\u{a0}']);
    if rest.starts_with('%') {
        return "%";
    }
    rest.split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
}

fn is_first_word(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    !before.contains(char::is_whitespace)
}

/// Whether a quotation's speaker is named: a proper name in the subject of a speech verb ("Kallas
/// told ...", "the IAEA warned"), right after it (`"...," said Grossi`, "according to the IAEA"),
/// before a colon that introduces the quotation ("as defined by Gaddis: ‘...’"), or a pronoun
/// whose referent is named earlier in the paragraph. "Western diplomats", "a senior
/// Pentagon official" and "officials in Kyiv" name no one.
fn named_speaker(doc: &Document, hits: &Hits, idx: usize, masks: &[Range<usize>]) -> bool {
    let view = View::new(doc, idx);
    let text = view.text();
    // A quotation introduced by a colon is attributed by the clause before it, whatever its verb:
    // "the definition given by John Lewis Gaddis: ‘...’", "Lee Willett was cautious: ‘...’".
    let introduced = text.match_indices(':').any(|(colon, _)| {
        text[colon + 1..].trim_start().starts_with(['"', '“', '‘'])
            && !masked(masks, &(colon..colon + 1))
            && has_proper_name(&without_opening_phrase(&text[..colon]), masks)
    });
    if introduced {
        return true;
    }
    let verbs: Vec<Range<usize>> = hits
        .of(List::SpeechVerbs)
        .filter(|r| !masked(masks, r))
        .collect();
    if verbs.is_empty() {
        return false;
    }
    for verb in &verbs {
        // "The Aral Sea has been described as ...": in a passive the subject is what is
        // described; only "by X" names a speaker.
        let passive = text[..verb.start]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "been" | "be" | "is" | "are" | "was" | "were" | "being"
                )
            });
        if passive {
            let by = text[verb.end..].trim_start();
            if by.starts_with("by ") && name_follows(text, verb.end, masks) {
                return true;
            }
            continue;
        }
        if has_proper_name(&without_opening_phrase(&text[..verb.start]), masks) {
            return true;
        }
        // After verbs whose object is the listener or the thing described ("told the Council",
        // "described the deal as"), the next name is not the speaker.
        let verb_text = text[verb.clone()].to_lowercase();
        let takes_object = [
            "told",
            "tells",
            "asked",
            "asks",
            "urged",
            "urges",
            "called",
            "calls",
            "described",
            "describes",
            "characterized",
            "characterised",
            "characterizes",
            "characterises",
            "dubbed",
            "branded",
            "labelled",
            "labeled",
            "promised",
            "promises",
            "pledged",
            "pledges",
        ]
        .contains(&verb_text.as_str());
        if !takes_object && name_follows(text, verb.end, masks) {
            return true;
        }
    }
    let unmasked = blank(text, masks);
    let pronoun = unmasked.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w,
            "he" | "she" | "He" | "She" | "his" | "her" | "His" | "Her" | "they" | "They"
        )
    });
    if pronoun {
        let para = &doc.paragraphs[doc.sentences[idx].paragraph];
        return (para.sentences.start..idx).any(|earlier| {
            let view = View::new(doc, earlier);
            has_proper_name(view.text(), &view.masks(true))
        });
    }
    false
}

/// The subject side of a sentence with an opening participle phrase ("Writing in the RUSI
/// Journal, General McKiernan ...", "Speaking at the UN, the minister ...") blanked out, byte for
/// byte: its names are places and publications, not the speaker.
fn without_opening_phrase(subject: &str) -> std::borrow::Cow<'_, str> {
    let mut words = subject.split_whitespace();
    let first = words.next().unwrap_or("");
    // "Writing in ...", "Speaking at ...": a participle, then a lowercase word ("Beijing, which
    // ..." is a name, not a phrase).
    let participle = first.len() > 4
        && first.ends_with("ing")
        && first.starts_with(char::is_uppercase)
        && words
            .next()
            .is_some_and(|w| w.starts_with(char::is_lowercase));
    match subject.find(',') {
        Some(comma) if participle => {
            let mut out = " ".repeat(comma + 1);
            out.push_str(&subject[comma + 1..]);
            std::borrow::Cow::Owned(out)
        }
        _ => std::borrow::Cow::Borrowed(subject),
    }
}

/// Whether a name comes within the next few words: `said Grossi`, "according to the IAEA", "in
/// the words of a former French ambassador" (no).
fn name_follows(text: &str, from: usize, masks: &[Range<usize>]) -> bool {
    let mut offset = from;
    for (taken, word) in text[from..]
        .split_inclusive(char::is_whitespace)
        .enumerate()
    {
        let start = offset;
        offset += word.len();
        if taken > 4 {
            break;
        }
        let bare = word.trim().trim_matches(|c: char| !c.is_alphanumeric());
        if bare.is_empty() {
            continue;
        }
        if masked(masks, &(start..start + word.len())) {
            break;
        }
        if is_name_at(text, start + word.find(bare).unwrap_or(0), bare) {
            return true;
        }
        let lower = bare.to_lowercase();
        if !matches!(
            lower.as_str(),
            "the" | "a" | "an" | "to" | "of" | "former" | "then" | "senior" | "deputy" | "by"
        ) {
            break;
        }
        if word.trim_end().ends_with([',', ';', '.', ':']) {
            break;
        }
    }
    false
}

/// Capitalized words that start sentences or phrases without naming anyone.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "One",
    "Some",
    "Many",
    "Most",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "In",
    "On",
    "As",
    "For",
    "But",
    "And",
    "Or",
    "According",
    "At",
    "When",
    "While",
    "After",
    "Before",
    "Asked",
    "Yet",
    "Still",
    "However",
    "Such",
    "Another",
    "Other",
    "Others",
    "Several",
    "Elsewhere",
    "Here",
    "There",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "Then",
    "Now",
    "Today",
    "Officials",
    "Experts",
    "Critics",
    "Observers",
    "Analysts",
    "Speaking",
    "Writing",
    "Earlier",
    "Later",
    "Last",
    "Meanwhile",
    "Instead",
    "Indeed",
    "Moreover",
    "Nevertheless",
    "Nonetheless",
    "Even",
    "Only",
    "Both",
    "Neither",
    "Either",
    "Few",
    "Each",
    "Every",
    "All",
    "No",
    "Not",
    "If",
    "Although",
    "Though",
    "Because",
    "Since",
    "Unlike",
    "Like",
    "With",
    "Without",
    "By",
    "From",
    "To",
    "Under",
    "Over",
    "During",
    "Despite",
    "Between",
    "Among",
    "Across",
    "Through",
    "Within",
    "So",
    "Thus",
    "Hence",
    "Rather",
    "What",
    "Why",
    "How",
    "Where",
    "Who",
    "Whether",
    "Once",
    "Until",
    "Unless",
    "Whereas",
    "Having",
    "Given",
    "Following",
    "Amid",
    "Against",
    "Beyond",
    "Two",
    "Three",
    "Four",
    "Five",
    "Former",
    "Senior",
    "Local",
    "Regional",
    "Government",
    "Military",
    "Security",
    "Diplomats",
    "Sources",
    "Residents",
    "Commanders",
    "Lawmakers",
    "Politicians",
    "Leaders",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// People who speak without being named: "Western diplomats", "a senior Pentagon official".
const UNNAMED_ROLES: &[&str] = &[
    "official",
    "officials",
    "diplomat",
    "diplomats",
    "analyst",
    "analysts",
    "source",
    "sources",
    "expert",
    "experts",
    "observer",
    "observers",
    "commentator",
    "commentators",
    "insider",
    "insiders",
    "commander",
    "commanders",
    "lawmaker",
    "lawmakers",
    "politician",
    "politicians",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "negotiator",
    "negotiators",
    "aide",
    "aides",
    "resident",
    "residents",
    "officer",
    "officers",
    "soldier",
    "soldiers",
    "leaders",
    "media",
    "journalist",
    "journalists",
    "reporter",
    "reporters",
    "activist",
    "activists",
    "economist",
    "economists",
    "scholar",
    "scholars",
    "critics",
    "people",
    "voices",
    "figures",
    "colleagues",
    "executive",
    "executives",
    "manager",
    "managers",
    "worker",
    "workers",
    "farmer",
    "farmers",
    "employee",
    "employees",
    "engineer",
    "engineers",
    "researcher",
    "researchers",
    "academic",
    "academics",
    "businessman",
    "businessmen",
    "businesswoman",
    "trader",
    "traders",
    "banker",
    "bankers",
    "investor",
    "investors",
    "delegate",
    "delegates",
    "envoy",
    "envoys",
    "spokesperson",
    "staffer",
    "staffers",
    "insider",
    "representative",
    "representatives",
];

/// Prepositions that put a capitalized word in a place, not in a speaker: "officials in Kyiv".
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "across",
    "throughout",
    "inside",
    "near",
    "around",
    "within",
    "from",
    "outside",
];

/// Whether the capitalized word `bare`, written at `start` of `text`, is a name.
fn is_name_at(text: &str, start: usize, bare: &str) -> bool {
    let Some(first) = bare.chars().next() else {
        return false;
    };
    if !first.is_uppercase() || NOT_NAMES.contains(&bare) || count_words(bare) != 1 {
        return false;
    }
    let before: Vec<&str> = text[..start].split_whitespace().rev().take(1).collect();
    // A sentence's first word ending in -ly, such as "Privately," is an adverb.
    if before.is_empty() && bare.ends_with("ly") && text[start + bare.len()..].starts_with(',') {
        return false;
    }
    if let Some(prev) = before.first() {
        let prev = prev
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if PLACE_PREPOSITIONS.contains(&prev.as_str()) {
            return false;
        }
    }
    // "Western diplomats", "Israeli security sources", "a senior Pentagon official".
    let after: Vec<String> = text[start..]
        .split_whitespace()
        .skip(1)
        .take(2)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let role_next = after
        .first()
        .is_some_and(|w| UNNAMED_ROLES.contains(&w.as_str()));
    let role_after_one = after.len() == 2
        && text[start..]
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
        && UNNAMED_ROLES.contains(&after[1].as_str());
    !(role_next || role_after_one)
}

fn has_proper_name(text: &str, masks: &[Range<usize>]) -> bool {
    let mut offset = 0;
    // Inside "in Lusaka and Kinshasa", every name is a place.
    let mut in_place = false;
    for word in text.split_inclusive(|c: char| c.is_whitespace()) {
        let start = offset;
        offset += word.len();
        let bare = word.trim().trim_matches(|c: char| !c.is_alphanumeric());
        if bare.is_empty() || masked(masks, &(start..start + word.len())) {
            continue;
        }
        let lower = bare.to_lowercase();
        let capitalized = bare.starts_with(char::is_uppercase);
        if PLACE_PREPOSITIONS.contains(&lower.as_str()) {
            in_place = true;
            continue;
        }
        if in_place && (capitalized || matches!(lower.as_str(), "and" | "or" | "the")) {
            if word.trim_end().ends_with([',', ';', ':']) && !capitalized {
                in_place = false;
            }
            continue;
        }
        in_place = false;
        let lead = word.find(bare).unwrap_or(0);
        if is_name_at(text, start + lead, bare) {
            return true;
        }
    }
    false
}

/// A figure reduced to its digits and decimal point, to match "12.5 per cent" with "12.5%".
fn figure_key(figure: &str) -> String {
    figure
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect::<String>()
        .trim_matches('.')
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str) -> Hits {
        static SETTINGS: std::sync::OnceLock<Settings> = std::sync::OnceLock::new();
        SETTINGS
            .get_or_init(Settings::default)
            .words
            .lexicon
            .scan(text, &[])
    }

    fn figures(text: &str) -> Vec<&str> {
        find_quantities(text, &[], &hits(text))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn quantities_and_non_quantities() {
        assert_eq!(
            figures("Prices rose 12% and 40,000 people fled."),
            ["12%", "40,000"]
        );
        assert_eq!(
            figures("It costs $6 billion over 2.5 years."),
            ["$6 billion", "2.5"]
        );
        assert_eq!(figures("Two-thirds of homes"), ["Two-thirds"]);
        assert!(
            figures("In 2021, Resolution 2231 and the F-16 and G7 met on 13 March.").is_empty()
        );
        assert!(figures("Bulletin No. 5 on p. 4 covers 2021–24 and the 21st century.").is_empty());
        for dates in [
            "They met on February 4 and 5 in Abu Dhabi.",
            "They met on 4 and 5 February in Abu Dhabi.",
            "They met on February 4–5 and again on 12-14 March.",
            "Talks ran from March 3 to 6.",
        ] {
            assert!(figures(dates).is_empty(), "{dates}");
        }
        assert_eq!(figures("Of 4 and 5 divisions, 3 remain."), ["4", "5", "3"]);
        assert_eq!(figures("In February, 4 and 5 brigades moved."), ["4", "5"]);
        assert!(
            figures("Three Brothers 2021 and Zapad 2021 were exercises; see (1) and (2).")
                .is_empty()
        );
        assert!(figures("a 10-year plan at 10:30").is_empty());
        assert!(figures("LOE 1: protect supply; SDG 5 and COP 28 under HB 26-1317.").is_empty());
        assert_eq!(
            figures("US 12 percent tariffs and NATO 30 battalions by 2030."),
            ["12 percent"]
        );
        assert_eq!(figures("GDP 12 percent"), ["12 percent"]);
    }

    #[test]
    fn author_date_citations_written_out() {
        for cited in [
            "Output fell 12 percent (Kleimann et al., 2023).",
            "Output fell 12 percent (IMF 2024, 12).",
            "Output fell 12 percent (see Smith and Jones, 2020a; OECD, 2021).",
            "Kleimann et al. (2023) estimated a 12 percent fall.",
            "Output fell 12 percent (Smith, 2020, p. 4).",
            "As Smith (2021) shows, output fell 12 percent.",
        ] {
            assert!(has_author_date(cited), "{cited}");
        }
        for uncited in [
            "Output fell 12 percent (March 2024).",
            "Output fell 12 percent (in 2024).",
            "The wars in Georgia (2008) and Ukraine (2014) cost 12,000 lives.",
            "Output fell 12 percent (2021–24).",
            "Output fell 12 percent (FY 2024) and (Q3 2024) and (January–March 2024).",
            "Output fell 12 percent (Vision 2030).",
            "The Senate (2021) report found 40 percent.",
            "Output fell (sharply) by 12 percent in 2024.",
        ] {
            assert!(!has_author_date(uncited), "{uncited}");
        }
        assert_eq!(figures("In 2024 there were 1500 troops."), ["1500"]);
        assert!(figures("the Nord Stream 2 pipeline and the Sea Breeze 21 exercise").is_empty());
        assert!(figures("In the first half of 2024 Berlin doubled down on LNG.").is_empty());
        assert_eq!(
            figures("Half of the grid and half of it"),
            ["Half of", "half of"]
        );
        assert!(figures("after 9/11, the P5+1 and UNSCR 1325 on 13/03/2025").is_empty());
    }

    #[test]
    fn title_case() {
        assert!(is_title_case("The Future of European Competitiveness"));
        assert!(is_title_case("Make America Great Again"));
        assert!(!is_title_case("learn to use the language of power"));
        assert!(!is_title_case("Europe"));
    }

    #[test]
    fn absolute_dates() {
        assert!(has_absolute_date("In August 2024 the talks resumed."));
        assert!(!has_absolute_date("In early August the talks resumed."));
        assert!(!has_absolute_date("Some 12345 people."));
        // Every place a year can stand, whatever surrounds it.
        for text in [
            "2024",
            "x2024",
            "1 2024",
            "2024 1",
            "a 12 2024.",
            "99 1800",
            "2100x",
        ] {
            assert!(has_absolute_date(text), "{text:?}");
        }
        for text in ["202", "12024", "20245", "1799", "2101", "20 24", "1 202 4"] {
            assert!(!has_absolute_date(text), "{text:?}");
        }
    }

    #[test]
    fn modals_are_found_as_a_search_of_the_padded_sentence_finds_them() {
        // The search the trie scan replaces.
        fn reference(text: &str) -> bool {
            const SPACED: &[&str] = &[
                " should ",
                " must ",
                " ought to ",
                " we recommend ",
                " recommend that ",
            ];
            let padded = format!(" {} ", text.trim_start());
            match brief_model::text::find_first(&padded, SPACED) {
                Some((0, modal)) if modal < 3 => {
                    brief_model::text::find_first(&padded[1..], SPACED).is_some()
                }
                found => found.is_some(),
            }
        }
        let tokens = [
            "should",
            "Should",
            "MUST",
            "must,",
            "ought",
            "to",
            "we",
            "recommend",
            "that",
            "shoulder",
            "The EU",
            " ",
            "  ",
            "\u{a0}",
            "-",
            "(",
            "é",
            ".",
            "Recommend",
        ];
        let mut seed = 7u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            for k in 0..(seed >> 60) {
                let pick = (seed >> (4 * k + 1)) as usize % tokens.len();
                text.push_str(tokens[pick]);
                if (seed >> (k + 30)) & 1 == 1 {
                    text.push(' ');
                }
            }
            assert_eq!(
                is_prescriptive(&text, &hits(&text)),
                reference(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn an_opening_participle_phrase_is_left_out_of_the_subject() {
        let subject = "Writing in the RUSI Journal, General David McKiernan ";
        let left = without_opening_phrase(subject);
        assert_eq!(left.len(), subject.len());
        assert_eq!(left.trim_start(), "General David McKiernan ");
        for kept in [
            "Beijing, which has long ",
            "Officials in Kyiv, ",
            "Speaking ",
        ] {
            assert_eq!(without_opening_phrase(kept), kept);
        }
    }

    #[test]
    fn own_research_and_exhibits() {
        let own = |text: &str| own_research(text, &hits(text));
        assert!(own("In the authors’ survey, 41 per cent agreed."));
        assert!(own("In the AUTHORS' SURVEY, 41 per cent agreed."));
        assert!(own("Our dataset of 312 firms"));
        assert!(!own("Sour data on 312 firms"));
        assert!(!own("our datasets hold 312 firms"));
        assert!(refers_to_exhibit("As Table 3 shows, 41 per cent agreed."));
        assert!(refers_to_exhibit("(see fig. 2) 41 per cent"));
        assert!(!refers_to_exhibit("The table shows 41 per cent."));
    }

    #[test]
    fn scales_are_found_in_any_case_and_inside_longer_ones() {
        let text = "HUNDREDS OF THOUSANDS fled; millions, not Millionaires, and tens of thousands of them.";
        assert_eq!(
            figures(text),
            [
                "HUNDREDS OF",
                "millions",
                "tens of thousands",
                "thousands of"
            ]
        );
    }

    #[test]
    fn months_need_a_date_context() {
        let text = "In early August talks resumed; May Smith said they may resume on 5 March.";
        let found: Vec<&str> = months_without_year(text, &[], &hits(text))
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["August", "March"]);
        let text = "MPs would not vote through May’s Brexit deal in May.";
        let last = text.rfind("May").unwrap_or_default();
        assert_eq!(
            months_without_year(text, &[], &hits(text)),
            [last..last + 3]
        );
    }
}
