//! `recommendations/*`: whether each recommendation says who should do what, and why.

use brief_model::{BlockKind, Document, Paragraph, Recommendation, RecommendationForm};

use crate::settings::Settings;

pub(crate) mod buried;
pub(crate) mod count;
pub(crate) mod duplicate;
pub(crate) mod missing_actor;
pub(crate) mod no_evidence;
pub(crate) mod unstructured;
pub(crate) mod vague_action;

/// Who should act on a recommendation: its Actor field or subject (from the model), the named
/// agent of a passive ("... should be financed by the Asian Development Bank"), or the actor of
/// the sentence that introduces its list ("The African Union should:", "To the government of
/// Ethiopia:").
pub(crate) fn actor(doc: &Document, settings: &Settings, rec: &Recommendation) -> Option<String> {
    if let Some(actor) = rec.actor.as_deref().filter(|a| !a.trim().is_empty()) {
        return Some(actor.to_owned());
    }
    passive_agent(&rec.action)
        .or_else(|| lead_in_actor(doc, rec))
        .or_else(|| addressee(&rec.action))
        .or_else(|| rationale_actor(doc, settings, rec))
}

/// The actor of an imperative recommendation named by the first sentence after it
/// ("**Establish a data office.** The Governor should create ...").
fn rationale_actor(doc: &Document, settings: &Settings, rec: &Recommendation) -> Option<String> {
    let rationale = rec.rationale_span?;
    let first = doc
        .sentences
        .iter()
        .find(|s| s.span.start >= rationale.start && s.span.start < rationale.end)?;
    // The same test as for a recommendation made in passing: obligations, expectations and
    // reported arguments name no actor.
    recommending_actor(doc, settings, &first.text)
}

/// The addressee of a heading that groups recommendations by actor ("### For European
/// governments"), read as one recommendation.
fn addressee(action: &str) -> Option<String> {
    ["To ", "For "]
        .iter()
        .find_map(|p| action.strip_prefix(p))
        .filter(|rest| brief_model::count_words(rest) <= 10)
        .map(str::to_owned)
}

/// The agent of "X should be financed by the Y", when it is a name.
fn passive_agent(action: &str) -> Option<String> {
    let lower = action.to_ascii_lowercase();
    let modal = [" should be ", " must be ", " ought to be ", " needs to be "]
        .iter()
        .find_map(|m| lower.find(m).map(|p| p + m.len()))?;
    let by = lower[modal..].find(" by ")? + modal + 4;
    let agent = action[by..]
        .split([',', '.', ';'])
        .next()
        .unwrap_or_default()
        .trim();
    let named = agent
        .split_whitespace()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    named.then(|| agent.to_owned())
}

/// The actor named by the paragraph that introduces a recommendation's list, when it ends with a
/// colon.
fn lead_in_actor(doc: &Document, rec: &Recommendation) -> Option<String> {
    if rec.form != RecommendationForm::ListItem {
        return None;
    }
    let intro = lead_in(doc, rec.span.start)?;
    let text = intro.text.trim().trim_end_matches(':').trim();
    for prefix in ["To ", "For "] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return Some(rest.to_owned());
        }
    }
    brief_model::actor_of(text).filter(|a| !a.trim().is_empty())
}

/// The paragraph right before the list that holds `offset`, when it introduces the list: it ends
/// with a colon, or it is a short label naming the addressee ("For European governments").
pub(crate) fn lead_in(doc: &Document, offset: usize) -> Option<&Paragraph> {
    let list = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::List && b.span.start <= offset && offset < b.span.end)
        .min_by_key(|b| b.span.len())?;
    let para = doc
        .paragraphs
        .iter()
        .rev()
        .find(|p| p.span.end <= list.span.start)?;
    let between = &doc.source[para.span.end..list.span.start];
    let text = para.text.trim();
    // "The African Union should:", or a label naming the addressee ("**For European
    // governments**", "To the Government of Ethiopia").
    let introduces = text.ends_with(':')
        || ((text.starts_with("To ") || text.starts_with("For "))
            && brief_model::count_words(text) <= 12
            && !text.ends_with('.'));
    (between.trim().is_empty() && introduces && !para.context.list_item).then_some(para)
}

/// The actor a sentence gives a recommendation to ("The Commission should publish ..."), when it
/// is one: a name or a noun for someone who can act, not an expectation ("Prices should fall"), a
/// passive, an argument the sentence reports ("Macron has argued that Europe must ..."), an
/// obligation it describes ("Under the AI Act, providers must register ..."), an inference
/// ("Moscow must have known") or a judgement of the past ("The EU should have acted sooner").
pub(crate) fn recommending_actor(
    doc: &Document,
    settings: &Settings,
    text: &str,
) -> Option<String> {
    let lower_text = text.to_ascii_lowercase();
    let (modal_at, modal_len) = [" should ", " must ", " ought to "]
        .iter()
        .filter_map(|m| lower_text.find(m).map(|p| (p, m.len())))
        .min()?;
    // "Facilities that must operate at full capacity": a modal in a relative clause describes.
    let before_modal = lower_text[..modal_at]
        .split_whitespace()
        .next_back()
        .unwrap_or("");
    if matches!(before_modal, "that" | "which" | "who" | "whom") {
        return None;
    }
    // "If Tehran should resume enrichment, ...": a conditional, unless the modal is in the main
    // clause ("If talks fail, Berlin should ...").
    let first = lower_text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    if matches!(first, "if" | "unless" | "whether" | "even") && !text[..modal_at].contains(',') {
        return None;
    }
    // The modal's verb: "should have acted" judges the past, "must have known" and "should
    // expect" infer or predict, "should be able to" assesses; none asks anyone to act.
    let mut next = lower_text[modal_at + modal_len..].split_whitespace();
    let (verb, second) = (next.next().unwrap_or(""), next.next().unwrap_or(""));
    let verb = if verb == "not" { second } else { verb };
    if matches!(
        verb,
        "have"
            | "expect"
            | "anticipate"
            | "know"
            | "believe"
            | "think"
            | "feel"
            | "wonder"
            | "realise"
            | "realize"
            | "assume"
            | "suspect"
            | "fear"
            | "worry"
            | "hope"
            | "want"
            | "wish"
    ) || (verb == "be" && matches!(second, "able" | "surprised" | "expected" | "seen" | "noted"))
    {
        return None;
    }
    // In "Kyiv needs more batteries, and Berlin should deliver them", the subject is the last
    // clause before the modal.
    let clause_start = [", and ", ", but ", "; ", ", so ", ", while ", ", yet "]
        .iter()
        .filter_map(|sep| text[..modal_at].rfind(sep).map(|p| p + sep.len()))
        .max()
        .unwrap_or(0);
    let actor = brief_model::actor_of(&text[clause_start..])?;
    let lower = actor.to_lowercase();
    // "The question is whether Europe should ...": an embedded question asks, it does not
    // recommend.
    let question = lower.split_whitespace().any(|w| {
        matches!(
            w,
            "whether" | "if" | "how" | "why" | "what" | "when" | "who" | "which"
        )
    });
    if question {
        return None;
    }
    // A speech verb reports what someone said; a capitalized one is part of a name ("The United
    // States should ...").
    let reported = lower.contains(" that ")
        || settings
            .words
            .speech_verbs
            .find(&lower)
            .into_iter()
            .any(|r| {
                actor
                    .get(r)
                    .is_none_or(|verb| verb.starts_with(char::is_lowercase))
            })
        || lower.split_whitespace().any(|w| {
            matches!(
                w,
                "believe" | "believes" | "think" | "thinks" | "agree" | "agrees"
            )
        });
    if reported {
        return None;
    }
    if ["under ", "pursuant ", "according ", "by law", "as required"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return None;
    }
    // After an opening phrase ("In the short term, the EU"), the subject is the last clause.
    let subject = actor.rsplit(',').next().unwrap_or(&actor).trim();
    let words: Vec<&str> = subject.split_whitespace().collect();
    let named = words
        .iter()
        .skip(1)
        .any(|w| w.chars().next().is_some_and(char::is_uppercase))
        || (words.len() == 1 && is_proper_noun(doc, words[0]));
    let noun = !settings
        .words
        .actor_nouns
        .find(&subject.to_lowercase())
        .is_empty();
    (named || noun).then(|| subject.to_owned())
}

/// Whether a capitalized word is a name: an acronym ("NATO"), or a word the brief also writes
/// capitalized in the middle of a sentence ("Brussels", not "Prices").
fn is_proper_noun(doc: &Document, word: &str) -> bool {
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
    if bare.chars().count() >= 2 && bare.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) {
        return true;
    }
    if !bare.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    doc.sentences.iter().any(|s| {
        let mut words = s.text.split_whitespace();
        words.next();
        words.any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == bare)
    })
}
