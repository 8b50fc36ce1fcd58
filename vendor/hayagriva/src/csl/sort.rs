use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::HashMap;

use citationberg::taxonomy::Variable;
use citationberg::{
    DemoteNonDroppingParticle, InheritableNameOptions, LocaleCode, LongShortForm, Sort,
    SortDirection, SortKey,
};
use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale::Locale as IcuLocale;

use crate::csl::BufWriteFormat;
use crate::csl::rendering::RenderCsl;

use super::taxonomy::EntryLike;
use super::{CitationItem, InstanceContext, StyleContext};

trait CollationOrd: Ord {
    fn collation_cmp(&self, other: &Self, locale: LocaleCode) -> Ordering;
}

thread_local! {
    /// A collator per locale (`None` for a locale ICU cannot parse), built once
    /// per thread instead of once per comparison.
    static COLLATORS: RefCell<HashMap<String, Option<CollatorBorrowed<'static>>>> =
        RefCell::new(HashMap::new());
}

impl CollationOrd for str {
    fn collation_cmp(&self, other: &Self, locale: LocaleCode) -> Ordering {
        COLLATORS.with(|collators| {
            let mut collators = collators.borrow_mut();
            let collator = collators.entry(locale.0).or_insert_with_key(|locale| {
                let locale = locale.parse::<IcuLocale>().ok()?;
                let options = CollatorOptions::default();
                Some(Collator::try_new(locale.into(), options).unwrap())
            });
            match collator {
                Some(collator) => collator.compare(self, other),
                None => self.cmp(other),
            }
        })
    }
}

impl<T: CollationOrd> CollationOrd for Option<T> {
    fn collation_cmp(&self, other: &Self, locale: LocaleCode) -> Ordering {
        match (self, other) {
            (Some(a), Some(b)) => a.collation_cmp(b, locale),
            (Some(_), None) => Ordering::Greater,
            (None, Some(_)) => Ordering::Less,
            (None, None) => Ordering::Equal,
        }
    }
}

impl CollationOrd for String {
    fn collation_cmp(&self, other: &Self, locale: LocaleCode) -> Ordering {
        CollationOrd::collation_cmp(self as &str, other, locale)
    }
}

impl StyleContext<'_> {
    /// Retrieve the ordering of two entries according to the given sort key.
    ///
    /// `a_macro` and `b_macro` are the rendered sort macro if `key` is one.
    #[allow(clippy::too_many_arguments)]
    fn cmp_entries<T: EntryLike>(
        &self,
        a: &CitationItem<T>,
        a_idx: usize,
        b: &CitationItem<T>,
        b_idx: usize,
        key: &SortKey,
        a_macro: Option<&Option<String>>,
        b_macro: Option<&Option<String>>,
    ) -> Ordering {
        let (ordering, empty_value) = match key {
            SortKey::Variable { variable: Variable::Standard(s), .. } => {
                let a = InstanceContext::variable_sort_instance(a, a_idx)
                    .resolve_standard_variable(LongShortForm::default(), *s)
                    .map(|s| s.to_string().to_lowercase());
                let b = InstanceContext::variable_sort_instance(b, b_idx)
                    .resolve_standard_variable(LongShortForm::default(), *s)
                    .map(|s| s.to_string().to_lowercase());

                (a.collation_cmp(&b, self.locale()), a.is_none() || b.is_none())
            }
            SortKey::Variable { variable: Variable::Date(d), .. } => {
                let a = a.entry.resolve_date_variable(*d);
                let b = b.entry.resolve_date_variable(*d);

                match (a, b) {
                    (Some(a), Some(b)) => (a.csl_cmp(&b), false),
                    (Some(_), None) => (Ordering::Greater, true),
                    (None, Some(_)) => (Ordering::Less, true),
                    (None, None) => (Ordering::Equal, true),
                }
            }
            SortKey::Variable { variable: Variable::Name(n), .. } => {
                let a = a.entry.resolve_name_variable(*n);
                let b = b.entry.resolve_name_variable(*n);

                for (a_pers, b_pers) in a.iter().zip(b.iter()) {
                    let ord = a_pers.csl_cmp(
                        b_pers,
                        LongShortForm::Long,
                        self.csl.settings.demote_non_dropping_particle
                            != DemoteNonDroppingParticle::Never,
                    );
                    if ord != Ordering::Equal {
                        return ord;
                    }
                }

                (
                    if a.len() < b.len() {
                        Ordering::Less
                    } else if a.len() > b.len() {
                        Ordering::Greater
                    } else {
                        Ordering::Equal
                    },
                    false,
                )
            }
            SortKey::Variable { variable: Variable::Number(n), .. } => {
                let a = InstanceContext::variable_sort_instance(a, a_idx)
                    .resolve_number_variable(*n);
                let b = InstanceContext::variable_sort_instance(b, b_idx)
                    .resolve_number_variable(*n);

                match (a, b) {
                    (Some(a), Some(b)) => (a.csl_cmp(&b), false),
                    (Some(_), None) => (Ordering::Greater, true),
                    (None, Some(_)) => (Ordering::Less, true),
                    (None, None) => (Ordering::Equal, true),
                }
            }
            SortKey::Variable { variable: Variable::Page(pv), .. } => {
                let a = InstanceContext::variable_sort_instance(a, a_idx)
                    .resolve_page_variable(*pv);
                let b = InstanceContext::variable_sort_instance(b, b_idx)
                    .resolve_page_variable(*pv);

                match (a, b) {
                    (Some(a), Some(b)) => (a.csl_cmp(&b), false),
                    (Some(_), None) => (Ordering::Greater, true),
                    (None, Some(_)) => (Ordering::Less, true),
                    (None, None) => (Ordering::Equal, true),
                }
            }
            SortKey::MacroName { .. } => {
                let (a_rendered, b_rendered) = (
                    a_macro.expect("macro keys are rendered before sorting"),
                    b_macro.expect("macro keys are rendered before sorting"),
                );
                (a_rendered.collation_cmp(b_rendered, self.locale()), false)
            }
        };

        // Per CSL 1.0.2 spec (https://docs.citationstyles.org/en/v1.0.2/specification.html):
        // Entries with empty values are always displayed at the end, even with reversed order.
        // So we always reverse the order if either entry is empty.
        if empty_value || key.sort_direction() == SortDirection::Descending {
            ordering.reverse()
        } else {
            ordering
        }
    }

    /// Render the sort macro `key` for `entry`, as a lowercase plain string.
    fn render_sort_macro<T: EntryLike>(
        &self,
        entry: &CitationItem<T>,
        idx: usize,
        key: &SortKey,
        term_locale: Option<&LocaleCode>,
    ) -> Option<String> {
        let SortKey::MacroName {
            name, names_min, names_use_first, names_use_last, ..
        } = key
        else {
            return None;
        };
        let mut ctx =
            self.macro_sorting_ctx(entry, idx, entry.locale.as_ref(), term_locale, false);
        ctx.writing.name_options.push(InheritableNameOptions {
            et_al_min: *names_min,
            et_al_subsequent_min: *names_min,
            et_al_use_first: *names_use_first,
            et_al_subsequent_use_first: *names_use_first,
            et_al_use_last: *names_use_last,
            ..Default::default()
        });

        self.get_macro(name).map(|m| {
            for child in &m.children {
                child.render(&mut ctx)
            }
            ctx.flush().0.into_iter().fold(String::new(), |mut s, f| {
                f.write_buf(&mut s, BufWriteFormat::Plain).unwrap();
                s.to_lowercase()
            })
        })
    }

    /// Sorts the given citation items by the style's sort keys.
    pub fn sort<T: EntryLike>(
        &self,
        cites: &mut [CitationItem<T>],
        sort: Option<&Sort>,
        term_locale: Option<&LocaleCode>,
        citation_number: impl Fn(&T) -> usize,
    ) {
        let Some(sort) = sort else { return };
        if cites.len() < 2 {
            return;
        }
        // Render each macro key of each item at most once, not once per
        // comparison, and only when a comparison gets to that key: most pairs
        // differ in their first key.
        let numbers: Vec<usize> =
            cites.iter().map(|c| citation_number(c.entry)).collect();
        let macros: Vec<Vec<std::cell::OnceCell<Option<String>>>> = cites
            .iter()
            .map(|_| sort.keys.iter().map(|_| std::cell::OnceCell::new()).collect())
            .collect();
        let macro_key = |item: usize, k: usize, key: &SortKey| {
            macros[item][k].get_or_init(|| {
                self.render_sort_macro(&cites[item], numbers[item], key, term_locale)
            })
        };
        let mut order: Vec<usize> = (0..cites.len()).collect();
        order.sort_by(|&a, &b| {
            let mut ordering = Ordering::Equal;
            for (k, key) in sort.keys.iter().enumerate() {
                let is_macro = matches!(key, SortKey::MacroName { .. });
                ordering = self.cmp_entries(
                    &cites[a],
                    numbers[a],
                    &cites[b],
                    numbers[b],
                    key,
                    is_macro.then(|| macro_key(a, k, key)),
                    is_macro.then(|| macro_key(b, k, key)),
                );
                if ordering != Ordering::Equal {
                    break;
                }
            }
            ordering
        });
        // Apply the permutation: position `i` receives the item at `order[i]`.
        let mut placed = vec![false; order.len()];
        for start in 0..order.len() {
            if placed[start] {
                continue;
            }
            let mut i = start;
            while order[i] != start {
                cites.swap(i, order[i]);
                placed[i] = true;
                i = order[i];
            }
            placed[i] = true;
        }
    }
}
