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
/// `#日本www.kremlin.ru` the URL counts only once the hashtag before it is gone; and so can
/// tidying white space (TDLib keeps a tab inside a URL's path, so `./\tm.om` hides the URL
/// `m.om` that `./ m.om` shows). Stripping repeats until a round changes nothing, which makes it
/// idempotent by construction; every changing round removes an entity or white space, so the
/// rounds are few (the cap only guards against a case not foreseen).
const MAX_ROUNDS: usize = 16;

/// Strips one post's text.
pub fn strip_post(text: &str, config: &StripConfig) -> String {
    let mut stripped = strip_round(text, config);
    let mut changed = stripped != text;
    for _ in 1..MAX_ROUNDS {
        if !changed {
            break;
        }
        let next = strip_round(&stripped, config);
        changed = next != stripped;
        stripped = next;
    }
    stripped
}

/// One round of stripping.
fn strip_round(text: &str, config: &StripConfig) -> String {
    let mut entities = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let was_blank = line.trim().is_empty();
        find_entities_into(line, &mut entities);
        let stripped = strip_line(line, &entities, config);
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
    out
}

/// One line: removed entities become a gap of at most one space; runs of spaces and tabs in the
/// text around them become one space, while kept entities stay exactly as written (a tab inside
/// a URL's path is part of the URL: tidying it would end the URL and reveal a hashtag).
fn strip_line(line: &str, entities: &[Entity], config: &StripConfig) -> String {
    let mut out = String::with_capacity(line.len());
    let mut gap_pending = false;
    let mut last = 0;
    for entity in entities {
        push_text(&mut out, &line[last..entity.range.start], &mut gap_pending);
        last = entity.range.end;
        let piece = &line[entity.range.clone()];
        let remove = removable(entity.kind).filter(|&kind| config.removes(kind));
        match remove {
            None => push_kept(&mut out, piece, &mut gap_pending),
            Some(Removable::Hashtags) if config.keep_hashtag_words => {
                // `#` signs right before the hashtag would make its word a hashtag again
                // (`##a` → `#a`): they go with it, so one round does what many would.
                out.truncate(out.trim_end_matches('#').len());
                push_text(&mut out, hashtag_word(piece), &mut gap_pending);
            }
            Some(_) => {
                gap_pending = true;
            }
        }
    }
    push_text(&mut out, &line[last..], &mut gap_pending);
    out.trim_matches(LINE_SPACE).to_string()
}

/// What is trimmed from both ends of a stripped line: spaces, tabs and a stray carriage return.
const LINE_SPACE: [char; 3] = [' ', '\t', '\r'];

/// `#СНГ@asia_news` → `СНГ`.
fn hashtag_word(hashtag: &str) -> &str {
    let word = hashtag.strip_prefix('#').unwrap_or(hashtag);
    word.split_once('@').map_or(word, |(word, _)| word)
}

/// A kept entity, verbatim, after at most one space for a removal before it.
fn push_kept(out: &mut String, piece: &str, gap_pending: &mut bool) {
    if std::mem::take(gap_pending) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
    out.push_str(piece);
}

/// Text between entities, its runs of spaces and tabs made one space; a removal just before it
/// leaves at most one space, and none at the line's start or before closing punctuation.
fn push_text(out: &mut String, text: &str, gap_pending: &mut bool) {
    if text.is_empty() {
        return;
    }
    let mut text = text;
    if std::mem::take(gap_pending) {
        let rest = text.trim_start_matches([' ', '\t']);
        if out.trim_end_matches([' ', '\t']).is_empty() || rest.starts_with(CLOSING) {
            out.truncate(out.trim_end_matches([' ', '\t']).len());
            text = rest;
        } else if !out.ends_with(' ') && !text.starts_with([' ', '\t']) {
            out.push(' ');
        }
    }
    for c in text.chars() {
        if c == ' ' || c == '\t' {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}
