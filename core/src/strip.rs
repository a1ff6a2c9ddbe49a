//! Stripping (SPEC §3): a post's text with chosen entities removed and whitespace left tidy.

use crate::config::{Removable, StripConfig};
use crate::entities::{find_entities_into, Entity, EntityKind};

/// Characters before which a removal leaves no space (`Minsk 🇷🇺.` → `Minsk.`).
const CLOSING: [char; 7] = ['.', ',', ';', ':', '!', '?', ')'];

fn removable(kind: EntityKind) -> Option<Removable> {
    match kind {
        EntityKind::Hashtag => Some(Removable::Hashtags),
        EntityKind::Emoji => Some(Removable::Emoji),
        EntityKind::Mention => Some(Removable::Mentions),
        EntityKind::Cashtag => Some(Removable::Cashtags),
        EntityKind::Url => Some(Removable::Urls),
        EntityKind::Email | EntityKind::BotCommand => None,
    }
}

/// Removing an entity can reveal another: TDLib's rules look at neighbours, so in
/// `#日本www.kremlin.ru` the URL counts only once the hashtag before it is gone. Stripping
/// repeats until nothing more is removed (each round shortens the text, so it ends), which
/// makes it idempotent by construction.
const MAX_ROUNDS: usize = 16;

/// Strips one post's text.
pub fn strip_post(text: &str, config: &StripConfig) -> String {
    let (mut stripped, mut removed) = strip_round(text, config);
    for _ in 1..MAX_ROUNDS {
        if !removed {
            break;
        }
        (stripped, removed) = strip_round(&stripped, config);
    }
    stripped
}

/// One round of stripping; also says whether anything was removed.
fn strip_round(text: &str, config: &StripConfig) -> (String, bool) {
    let mut entities = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let mut removed = false;
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let was_blank = line.trim().is_empty();
        find_entities_into(line, &mut entities);
        let stripped = strip_line(line, &entities, config, &mut removed);
        // A line that only the removal left empty disappears; blank lines stay paragraphs.
        if stripped.is_empty() && !was_blank {
            continue;
        }
        lines.push(stripped);
    }
    let mut out = String::new();
    let mut blank_run = true; // no leading blank lines
    for line in &lines {
        if line.is_empty() {
            if !blank_run {
                out.push('\n');
            }
            blank_run = true;
            continue;
        }
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str(line);
        blank_run = false;
    }
    out.truncate(out.trim_end_matches('\n').len());
    (out, removed)
}

/// One line: removed entities become a gap of at most one space; then spaces are tidied.
fn strip_line(line: &str, entities: &[Entity], config: &StripConfig, removed: &mut bool) -> String {
    let mut out = String::with_capacity(line.len());
    let mut gap_pending = false;
    let mut last = 0;
    for entity in entities {
        let Some(kind) = removable(entity.kind) else {
            continue;
        };
        if !config.removes(kind) {
            continue;
        }
        push_text(&mut out, &line[last..entity.range.start], &mut gap_pending);
        *removed = true;
        let piece = &line[entity.range.clone()];
        if kind == Removable::Hashtags && config.keep_hashtag_words {
            push_text(&mut out, hashtag_word(piece), &mut gap_pending);
        } else {
            gap_pending = true;
        }
        last = entity.range.end;
    }
    push_text(&mut out, &line[last..], &mut gap_pending);
    collapse_spaces(&out)
}

/// `#СНГ@asia_news` → `СНГ`.
fn hashtag_word(hashtag: &str) -> &str {
    let word = hashtag.strip_prefix('#').unwrap_or(hashtag);
    word.split_once('@').map_or(word, |(word, _)| word)
}

fn push_text(out: &mut String, text: &str, gap_pending: &mut bool) {
    if text.is_empty() {
        return;
    }
    if std::mem::take(gap_pending) {
        let rest = text.trim_start_matches([' ', '\t']);
        if out.trim_end_matches([' ', '\t']).is_empty() || rest.starts_with(CLOSING) {
            // At the line's start, or before closing punctuation: no space at all.
            out.truncate(out.trim_end_matches([' ', '\t']).len());
            out.push_str(rest);
            return;
        }
        if !out.ends_with([' ', '\t']) && !text.starts_with([' ', '\t']) {
            out.push(' ');
        }
    }
    out.push_str(text);
}

/// Runs of spaces and tabs become one space; the line is trimmed.
fn collapse_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_space = false;
    for c in line.trim_matches([' ', '\t']).chars() {
        if c == ' ' || c == '\t' {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}
