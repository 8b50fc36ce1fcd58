//! Pandoc locators: the `p. 7` or `chap. 3` after a citation's key, read as Pandoc reads them.

use hayagriva::citationberg::taxonomy::Locator;

/// Reads a Pandoc locator: `p. 7`, `pp. 88-94`, `chap. 3`, `§ 4`, or a bare number (a page).
/// Returns the locator and whatever text follows it (the suffix), which is also the whole text
/// when there is no locator.
pub(crate) fn parse_locator(raw: &str) -> (Option<(Locator, String)>, Option<String>) {
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
        ("volumes", Locator::Volume),
        ("volume", Locator::Volume),
        ("vols.", Locator::Volume),
        ("vol.", Locator::Volume),
        ("figures", Locator::Figure),
        ("figure", Locator::Figure),
        ("figs.", Locator::Figure),
        ("fig.", Locator::Figure),
        ("notes", Locator::Note),
        ("note", Locator::Note),
        ("nn.", Locator::Note),
        ("n.", Locator::Note),
        ("lines", Locator::Line),
        ("line", Locator::Line),
        ("ll.", Locator::Line),
        ("l.", Locator::Line),
        ("parts", Locator::Part),
        ("part", Locator::Part),
        ("pt.", Locator::Part),
        ("columns", Locator::Column),
        ("column", Locator::Column),
        ("col.", Locator::Column),
        ("books", Locator::Book),
        ("book", Locator::Book),
        ("bk.", Locator::Book),
        ("verses", Locator::Verse),
        ("verse", Locator::Verse),
        ("vv.", Locator::Verse),
        ("v.", Locator::Verse),
        ("folios", Locator::Folio),
        ("folio", Locator::Folio),
        ("fol.", Locator::Folio),
        ("opus", Locator::Opus),
        ("op.", Locator::Opus),
        ("sub verbo", Locator::SubVerbo),
        ("s.v.", Locator::SubVerbo),
        ("tables", Locator::Table),
        ("table", Locator::Table),
        ("tbl.", Locator::Table),
    ];
    let suffix_of = |text: &str| Some(text.to_owned()).filter(|t| !t.trim().is_empty());
    let trimmed = raw.trim_start();
    let Some(body) = trimmed.strip_prefix(',') else {
        return (None, suffix_of(raw));
    };
    let body = body.trim_start();
    let lower = body.to_lowercase();
    let mut kind = None;
    let mut rest = body;
    for (label, locator) in LABELS {
        if let Some(after) = lower.strip_prefix(label) {
            let next = after.chars().next();
            let symbol = label.starts_with(['§', '¶']);
            if next.is_none_or(|c| c.is_whitespace() || (symbol && c.is_ascii_digit())) {
                kind = Some(*locator);
                rest = body[label.len()..].trim_start();
                break;
            }
        }
    }
    // The value: numbers and ranges separated by ", ", stopping at the first word.
    let mut value_end = 0;
    let mut cursor = 0;
    for piece in rest.split(", ") {
        let token = piece.trim_end_matches(['.']);
        let is_value = !token.is_empty()
            && token.starts_with(|c: char| c.is_alphanumeric())
            && token.split(['-', '–', '—']).all(|part| {
                !part.is_empty()
                    && (part.chars().all(|c| c.is_ascii_digit())
                        || part
                            .chars()
                            .all(|c| "ivxlcdmIVXLCDM".contains(c) && kind.is_some())
                        || (kind.is_some()
                            && part.chars().any(|c| c.is_ascii_digit())
                            && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')))
            });
        if !is_value || token.len() != piece.len() && piece.ends_with('.') && kind.is_none() {
            break;
        }
        value_end = cursor + piece.len();
        cursor += piece.len() + 2;
    }
    if value_end == 0 {
        if kind.is_some() {
            // A label with a word after it ("chap. one"): keep it all as the locator.
            let value = rest.trim().to_owned();
            return (kind.map(|k| (k, value)), None);
        }
        return (None, suffix_of(raw));
    }
    let value = rest[..value_end].trim().to_owned();
    let after = &rest[value_end..];
    (
        Some((kind.unwrap_or(Locator::Page), value)),
        suffix_of(after),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(raw: &str) -> (Option<(Locator, String)>, Option<String>) {
        parse_locator(raw)
    }

    #[test]
    fn locators_follow_pandoc() {
        assert_eq!(loc(", p. 7"), (Some((Locator::Page, "7".into())), None));
        assert_eq!(
            loc(", pp. 88-94"),
            (Some((Locator::Page, "88-94".into())), None)
        );
        assert_eq!(loc(", 41"), (Some((Locator::Page, "41".into())), None));
        assert_eq!(
            loc(", chap. 3, emphasis added"),
            (
                Some((Locator::Chapter, "3".into())),
                Some(", emphasis added".into())
            )
        );
        assert_eq!(loc(", §4"), (Some((Locator::Section, "4".into())), None));
        assert_eq!(loc(""), (None, None));
        assert_eq!(loc(" and elsewhere"), (None, Some(" and elsewhere".into())));
        assert_eq!(
            loc(", emphasis added"),
            (None, Some(", emphasis added".into()))
        );
    }
}
