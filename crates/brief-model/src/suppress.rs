//! Suppression comments: `<!-- brief-ignore RULE[, RULE…][: reason] -->` before a block,
//! `<!-- brief-disable RULE -->` … `<!-- brief-enable RULE -->` around a region, and
//! `# brief-ignore RULE[: reason]` on the line before a frontmatter entry.

use crate::body::HtmlComment;
use crate::document::{Block, BlockKind, Suppression, SuppressionKind};
use crate::span::Span;
use crate::yaml::Positions;

#[derive(Debug, PartialEq, Eq)]
enum Directive {
    Ignore,
    Disable,
    Enable,
}

/// Parses `brief-ignore RULES[: reason]` (without comment markers).
fn parse_directive(text: &str) -> Option<(Directive, Vec<String>, Option<String>)> {
    let text = text.trim();
    let (directive, rest) = if let Some(rest) = text.strip_prefix("brief-ignore") {
        (Directive::Ignore, rest)
    } else if let Some(rest) = text.strip_prefix("brief-disable") {
        (Directive::Disable, rest)
    } else if let Some(rest) = text.strip_prefix("brief-enable") {
        (Directive::Enable, rest)
    } else {
        return None;
    };
    if !(rest.is_empty() || rest.starts_with([' ', '\t', ':'])) {
        return None;
    }
    let (rules, reason) = match rest.split_once(':') {
        Some((rules, reason)) => (
            rules,
            Some(reason.trim().to_owned()).filter(|r| !r.is_empty()),
        ),
        None => (rest, None),
    };
    let mut rules: Vec<String> = rules
        .split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect();
    if rules.is_empty() {
        rules.push("all".to_owned());
    }
    Some((directive, rules, reason))
}

/// Suppressions from the body's HTML comments.
pub(crate) fn from_comments(
    comments: &[HtmlComment],
    blocks: &[Block],
    body_end: usize,
) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut pending_disables: Vec<(usize, String)> = Vec::new();
    for comment in comments {
        let inner = comment
            .text
            .trim()
            .trim_start_matches("<!--")
            .trim_end()
            .trim_end_matches("-->");
        let Some((directive, rules, reason)) = parse_directive(inner) else {
            continue;
        };
        let span = trim_span(comment.span, &comment.text);
        match directive {
            Directive::Ignore => {
                let target = blocks
                    .iter()
                    .find(|b| {
                        b.span.start >= comment.span.end
                            && b.depth == comment.depth
                            && b.kind != BlockKind::Html
                    })
                    .map_or(Span::empty(comment.span.end), |b| b.span);
                out.push(Suppression {
                    kind: SuppressionKind::Ignore,
                    rules,
                    reason,
                    span,
                    applies_to: target,
                    in_frontmatter: false,
                });
            }
            Directive::Disable => {
                let idx = out.len();
                out.push(Suppression {
                    kind: SuppressionKind::Disable,
                    rules: rules.clone(),
                    reason,
                    span,
                    applies_to: Span::new(comment.span.end, body_end),
                    in_frontmatter: false,
                });
                for rule in rules {
                    pending_disables.push((idx, rule));
                }
            }
            Directive::Enable => {
                // Close every open region for these rules (or all of them for `all`).
                pending_disables.retain(|(idx, rule)| {
                    let closes = rules.iter().any(|r| r == "all" || r == rule);
                    if closes {
                        let region = &mut out[*idx].applies_to;
                        region.end = region.end.min(comment.span.start);
                    }
                    !closes
                });
            }
        }
    }
    out
}

fn trim_span(span: Span, text: &str) -> Span {
    let lead = text.len() - text.trim_start().len();
    let trimmed = text.trim().len();
    Span::new(span.start + lead, span.start + lead + trimmed)
}

/// Suppressions from YAML comments in the frontmatter `yaml` (which starts at byte `base`).
pub(crate) fn from_yaml(yaml: &str, base: usize, positions: &Positions) -> Vec<Suppression> {
    let mut out = Vec::new();
    // Every entry by where it starts (its key, or its value for a list item), with its depth.
    let mut entries: Vec<(usize, usize, Span)> = positions
        .iter()
        .filter(|(pointer, _)| !pointer.is_empty())
        .map(|(pointer, pos)| {
            let start = pos.key.unwrap_or(pos.value).start;
            (start, pointer.matches('/').count(), pos.entry())
        })
        .collect();
    entries.sort_unstable_by_key(|&(start, depth, _)| (start, depth));
    let mut offset = 0;
    let lines: Vec<(usize, &str)> = yaml
        .split_inclusive('\n')
        .map(|line| {
            let start = offset;
            offset += line.len();
            (start, line)
        })
        .collect();
    // For each line, the first line at or after it that is neither blank nor a comment.
    let mut next_entry_line: Vec<Option<usize>> = vec![None; lines.len()];
    let mut following = None;
    for (idx, (_, line)) in lines.iter().enumerate().rev() {
        if !line.trim().is_empty() && !line.trim_start().starts_with('#') {
            following = Some(idx);
        }
        next_entry_line[idx] = following;
    }
    for (idx, &(start, line)) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(comment) = trimmed.strip_prefix('#') else {
            continue;
        };
        let Some((Directive::Ignore, rules, reason)) = parse_directive(comment) else {
            continue;
        };
        let lead = line.len() - trimmed.len();
        let span = Span::new(base + start + lead, base + start + line.trim_end().len());
        // The entry on the next line that is neither blank nor a comment.
        let next = next_entry_line[idx + 1..]
            .first()
            .copied()
            .flatten()
            .map(|line_idx| &lines[line_idx]);
        let applies_to = next
            .and_then(|&(next_start, next_line)| {
                let line_span = Span::new(base + next_start, base + next_start + next_line.len());
                let from = entries.partition_point(|&(start, _, _)| start < line_span.start);
                let to = entries.partition_point(|&(start, _, _)| start < line_span.end);
                entries[from..to.max(from)]
                    .iter()
                    .min_by_key(|&&(_, depth, _)| depth)
                    .map(|&(_, _, entry)| entry)
            })
            .unwrap_or(Span::empty(span.end));
        out.push(Suppression {
            kind: SuppressionKind::Ignore,
            rules,
            reason,
            span,
            applies_to,
            in_frontmatter: true,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives() {
        let (d, rules, reason) =
            parse_directive(" brief-ignore claims/unsourced-statistic, style: quoted verbatim ")
                .unwrap();
        assert_eq!(d, Directive::Ignore);
        assert_eq!(rules, ["claims/unsourced-statistic", "style"]);
        assert_eq!(reason.as_deref(), Some("quoted verbatim"));
        let (d, rules, _) = parse_directive("brief-disable").unwrap();
        assert_eq!(d, Directive::Disable);
        assert_eq!(rules, ["all"]);
        assert!(parse_directive("brief-ignored x").is_none());
    }
}
