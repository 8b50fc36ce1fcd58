//! A CSL style specialized to the sources it formats.
//!
//! hayagriva evaluates `cs:choose` conditions every time it renders an item, and it renders
//! each item several times (it asks whether a group or a macro will print before printing it,
//! and renders a citation once before disambiguation and once after). Most conditions of a
//! large style test the item's type or a variable the item does not have, and those have the
//! same answer in every render of the same sources. This module answers them once: it copies the
//! style with such tests removed, branches that can never be taken removed, and the branches
//! after one that is always taken dropped; macros nothing calls any more are dropped and the
//! others reordered so that the ones called most are found first. hayagriva then renders
//! exactly what it would have rendered with the original style, with less to evaluate.
//!
//! Only tests whose answer depends on the sources alone are answered:
//!
//! - `type`, from the items' types;
//! - `variable`, `is-numeric` and `is-uncertain-date` on a variable that no item has, which are
//!   false. A variable an item does have stays a test: `cs:substitute` can suppress it while an
//!   item renders, and hayagriva then tests it as empty.
//!
//! Tests hayagriva answers from the citation (`position`, `locator`, `disambiguate`) or from
//! its own state (`locator`, `citation-number`, `citation-label`, `year-suffix`,
//! `first-reference-note-number`) are kept, and a branch that tests `disambiguate`,
//! `citation-number` or `citation-label` is kept whole: hayagriva records that it looked at
//! them, and that changes what it does next.
//!
//! [`Profile`] is what the answers depend on (the items' types and the variables they have),
//! so specialized copies are cached per style and profile.

use std::collections::{BTreeSet, HashMap};
use std::str::FromStr;

use hayagriva::citationberg::json::Item;
use hayagriva::citationberg::taxonomy::{Kind, NumberVariable, StandardVariable, Variable};
use hayagriva::citationberg::{
    Choose, ChooseBranch, ChooseMatch, CslMacro, ElseBranch, IndependentStyle,
    LayoutRenderingElement, NamesChild, SortKey, TextTarget,
};

/// What the answers to a style's conditions depend on, for a set of items: their types and the
/// variables at least one of them has.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Profile {
    /// The items' `type` values (an empty string for an item without one).
    types: BTreeSet<String>,
    /// The CSL-JSON keys at least one item has.
    keys: BTreeSet<String>,
}

impl Profile {
    /// The profile of one item.
    pub(crate) fn of(item: &Item) -> Profile {
        Profile {
            types: BTreeSet::from([item.type_().map(|t| t.into_owned()).unwrap_or_default()]),
            keys: item.0.keys().cloned().collect(),
        }
    }

    /// The profile of a set of items: any of their types, any of their variables.
    pub(crate) fn union<'a>(profiles: impl IntoIterator<Item = &'a Profile>) -> Profile {
        let mut out = Profile::default();
        for profile in profiles {
            out.types.extend(profile.types.iter().cloned());
            out.keys.extend(profile.keys.iter().cloned());
        }
        out
    }

    /// Whether the items of this profile all are, or all are not, of `kind`; `None` when they
    /// differ.
    fn is_kind(&self, kind: Kind) -> Option<bool> {
        let mut answers = self.types.iter().map(|t| Kind::from_str(t) == Ok(kind));
        let first = answers.next()?;
        answers.all(|a| a == first).then_some(first)
    }

    /// Whether no item has the variable (so that hayagriva always finds it empty).
    fn lacks(&self, variable: Variable) -> bool {
        if answered_by_processor(variable) {
            return false;
        }
        let mut keys = vec![variable.to_string()];
        if variable == Variable::Number(NumberVariable::PageFirst) {
            // hayagriva derives the first page from `page`.
            keys.push("page".to_owned());
        }
        keys.iter().all(|key| !self.keys.contains(key))
    }
}

/// Variables hayagriva fills in itself rather than reading from the item.
fn answered_by_processor(variable: Variable) -> bool {
    matches!(
        variable,
        Variable::Number(
            NumberVariable::Locator
                | NumberVariable::CitationNumber
                | NumberVariable::FirstReferenceNoteNumber
        ) | Variable::Standard(StandardVariable::YearSuffix | StandardVariable::CitationLabel)
    )
}

/// Variables whose test changes hayagriva's state (it records which identifier a style uses).
fn test_has_effects(variable: Variable) -> bool {
    matches!(
        variable,
        Variable::Number(NumberVariable::CitationNumber)
            | Variable::Standard(StandardVariable::CitationLabel)
    )
}

/// A copy of `style` specialized to `profile`.
pub(crate) fn specialize(style: &IndependentStyle, profile: &Profile) -> IndependentStyle {
    let mut out = style.clone();
    let specializer = Specializer { profile };
    specializer.elements(&mut out.citation.layout.elements);
    if let Some(bibliography) = &mut out.bibliography {
        specializer.elements(&mut bibliography.layout.elements);
    }
    for csl_macro in &mut out.macros {
        specializer.elements(&mut csl_macro.children);
    }
    order_macros(&mut out);
    out
}

/// Drops the macros nothing refers to any more and puts the ones referred to most often
/// first: hayagriva finds a macro by comparing its name with every name from the start of the
/// list, on every call. Of macros that share a name, the first is the one hayagriva uses, and it
/// stays first.
fn order_macros(style: &mut IndependentStyle) {
    let mut uses: HashMap<String, usize> = HashMap::new();
    let mut pending: Vec<String> = Vec::new();
    let note = |name: &str, uses: &mut HashMap<String, usize>, pending: &mut Vec<String>| {
        let count = uses.entry(name.to_owned()).or_default();
        if *count == 0 {
            pending.push(name.to_owned());
        }
        *count += 1;
    };
    let mut roots: Vec<String> = Vec::new();
    macro_calls(&style.citation.layout.elements, &mut roots);
    if let Some(bibliography) = &style.bibliography {
        macro_calls(&bibliography.layout.elements, &mut roots);
    }
    let sorts = [
        style.citation.sort.as_ref(),
        style.bibliography.as_ref().and_then(|b| b.sort.as_ref()),
    ];
    for sort in sorts.into_iter().flatten() {
        for key in &sort.keys {
            if let SortKey::MacroName { name, .. } = key {
                roots.push(name.clone());
            }
        }
    }
    for name in &roots {
        note(name, &mut uses, &mut pending);
    }
    // Macros reachable from the layouts and sort keys, with the number of references to each.
    while let Some(name) = pending.pop() {
        let Some(csl_macro) = style.macros.iter().find(|m| m.name == name) else {
            continue;
        };
        let mut called = Vec::new();
        macro_calls(&csl_macro.children, &mut called);
        for name in &called {
            note(name, &mut uses, &mut pending);
        }
    }
    let mut seen = std::collections::HashSet::new();
    style
        .macros
        .retain(|m| uses.contains_key(&m.name) && seen.insert(m.name.clone()));
    let used = |m: &CslMacro| uses.get(&m.name).copied().unwrap_or(0);
    style.macros.sort_by_key(|m| std::cmp::Reverse(used(m)));
}

/// Appends the names of the macros `elements` call.
fn macro_calls(elements: &[LayoutRenderingElement], names: &mut Vec<String>) {
    for element in elements {
        match element {
            LayoutRenderingElement::Text(text) => {
                if let TextTarget::Macro { name } = &text.target {
                    names.push(name.clone());
                }
            }
            LayoutRenderingElement::Group(group) => macro_calls(&group.children, names),
            LayoutRenderingElement::Choose(choose) => {
                for branch in choose.branches() {
                    macro_calls(&branch.children, names);
                }
                if let Some(otherwise) = &choose.otherwise {
                    macro_calls(&otherwise.children, names);
                }
            }
            LayoutRenderingElement::Names(names_element) => {
                for child in &names_element.children {
                    if let NamesChild::Substitute(substitute) = child {
                        macro_calls(&substitute.children, names);
                    }
                }
            }
            LayoutRenderingElement::Date(_)
            | LayoutRenderingElement::Number(_)
            | LayoutRenderingElement::Label(_) => {}
        }
    }
}

struct Specializer<'a> {
    profile: &'a Profile,
}

/// What a branch's tests come to for the profile.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Never,
    Always,
    /// Decided while rendering.
    Depends,
}

/// A test's answer: known now, or known only while rendering.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Answer {
    Known(bool),
    Later,
}

/// The answers to a branch's tests, by kind of test.
struct Answers {
    is_numeric: Vec<Answer>,
    uncertain: Vec<Answer>,
    types: Vec<Answer>,
    variables: Vec<Answer>,
    verdict: Verdict,
}

impl Specializer<'_> {
    fn elements(&self, elements: &mut [LayoutRenderingElement]) {
        for element in elements {
            match element {
                LayoutRenderingElement::Group(group) => self.elements(&mut group.children),
                LayoutRenderingElement::Choose(choose) => self.choose(choose),
                LayoutRenderingElement::Names(names) => {
                    for child in &mut names.children {
                        if let NamesChild::Substitute(substitute) = child {
                            self.elements(&mut substitute.children);
                        }
                    }
                }
                LayoutRenderingElement::Text(_)
                | LayoutRenderingElement::Date(_)
                | LayoutRenderingElement::Number(_)
                | LayoutRenderingElement::Label(_) => {}
            }
        }
    }

    fn choose(&self, choose: &mut Choose) {
        let mut branches = Vec::with_capacity(1 + choose.else_if.len());
        branches.push(std::mem::replace(&mut choose.if_, never_branch()));
        branches.append(&mut choose.else_if);
        let mut otherwise = choose.otherwise.take().map(|o| o.children);
        let mut kept: Vec<ChooseBranch> = Vec::new();
        for mut branch in branches {
            let answers = self.answers(&branch);
            if has_effects(&branch) {
                // Tested as it is; when it always holds, nothing after it is ever tested.
                kept.push(branch);
                if answers.verdict == Verdict::Always {
                    otherwise = None;
                    break;
                }
                continue;
            }
            match answers.verdict {
                Verdict::Never => {}
                Verdict::Always => {
                    kept.push(unconditional(branch.children));
                    otherwise = None;
                    break;
                }
                Verdict::Depends => {
                    retain_later(&mut branch.is_numeric, &answers.is_numeric);
                    retain_later(&mut branch.is_uncertain_date, &answers.uncertain);
                    retain_later(&mut branch.type_, &answers.types);
                    retain_later(&mut branch.variable, &answers.variables);
                    kept.push(branch);
                }
            }
        }
        if kept.is_empty() {
            choose.if_ = match otherwise.take() {
                Some(children) => unconditional(children),
                None => never_branch(),
            };
        } else {
            choose.if_ = kept.remove(0);
            choose.else_if = kept;
        }
        choose.otherwise = otherwise.map(|children| ElseBranch { children });
        self.elements(&mut choose.if_.children);
        for branch in &mut choose.else_if {
            self.elements(&mut branch.children);
        }
        if let Some(otherwise) = &mut choose.otherwise {
            self.elements(&mut otherwise.children);
        }
    }

    /// Answers what the profile can answer of a branch's tests.
    fn answers(&self, branch: &ChooseBranch) -> Answers {
        let profile = self.profile;
        let absent = |variable: Variable| {
            if profile.lacks(variable) {
                Answer::Known(false)
            } else {
                Answer::Later
            }
        };
        let is_numeric: Vec<Answer> = branch
            .is_numeric
            .iter()
            .flatten()
            .map(|v| absent(*v))
            .collect();
        let uncertain: Vec<Answer> = branch
            .is_uncertain_date
            .iter()
            .flatten()
            .map(|v| absent(Variable::Date(*v)))
            .collect();
        let types: Vec<Answer> = branch
            .type_
            .iter()
            .flatten()
            .map(|kind| match profile.is_kind(*kind) {
                Some(answer) => Answer::Known(answer),
                None => Answer::Later,
            })
            .collect();
        let variables: Vec<Answer> = branch
            .variable
            .iter()
            .flatten()
            .map(|v| absent(*v))
            .collect();
        let later = usize::from(branch.disambiguate.is_some())
            + branch.locator.as_ref().map_or(0, Vec::len)
            + branch.position.as_ref().map_or(0, Vec::len);
        let all = || {
            is_numeric
                .iter()
                .chain(&uncertain)
                .chain(&types)
                .chain(&variables)
        };
        // For `all`, a false test decides the branch whatever the others say and a true one
        // changes nothing; for `any` and `none`, a true one decides and a false one changes
        // nothing.
        let (deciding, neutral) = match branch.match_ {
            ChooseMatch::All => (false, true),
            ChooseMatch::Any | ChooseMatch::None => (true, false),
        };
        let verdict = if all().any(|a| *a == Answer::Known(deciding)) {
            if branch.match_ == ChooseMatch::Any {
                Verdict::Always
            } else {
                Verdict::Never
            }
        } else if later == 0 && all().all(|a| *a == Answer::Known(neutral)) {
            // Every test is answered and none decides: the value of an empty list of tests.
            if branch.match_ == ChooseMatch::Any {
                Verdict::Never
            } else {
                Verdict::Always
            }
        } else {
            Verdict::Depends
        };
        Answers {
            is_numeric,
            uncertain,
            types,
            variables,
            verdict,
        }
    }
}

/// Keeps the tests answered only while rendering (the others are neutral by now).
fn retain_later<T>(tests: &mut Option<Vec<T>>, answers: &[Answer]) {
    let Some(list) = tests else {
        return;
    };
    let mut answers = answers.iter();
    list.retain(|_| answers.next() == Some(&Answer::Later));
    if list.is_empty() {
        *tests = None;
    }
}

/// Whether testing the branch changes hayagriva's state.
fn has_effects(branch: &ChooseBranch) -> bool {
    branch.disambiguate.is_some()
        || branch
            .is_numeric
            .iter()
            .chain(branch.variable.iter())
            .flatten()
            .any(|v| test_has_effects(*v))
}

/// A branch with no tests that always holds (`all` of nothing).
fn unconditional(children: Vec<LayoutRenderingElement>) -> ChooseBranch {
    ChooseBranch {
        disambiguate: None,
        is_numeric: None,
        is_uncertain_date: None,
        locator: None,
        position: None,
        type_: None,
        variable: None,
        match_: ChooseMatch::All,
        children,
    }
}

/// A branch with no tests that never holds (`any` of nothing).
fn never_branch() -> ChooseBranch {
    ChooseBranch {
        match_: ChooseMatch::Any,
        ..unconditional(Vec::new())
    }
}
