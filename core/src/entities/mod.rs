//! Entities in post text, found as Telegram finds them (TDLib's `find_entities`), plus emoji
//! (UTS #51) in the text that no other entity covers.
//!
//! Each matcher module finds its own kind alone, exactly as TDLib's per-matcher functions do
//! (and as `conformance/telegram-entities.json` tests them). [`find_entities`] then runs them
//! all and resolves overlaps the way TDLib does: sorted by start, longer first on the same
//! start, and an entity is kept only if it starts at or after the end of the last kept one,
//! so a `#fragment` inside a URL is not a hashtag.

pub mod bot_command;
pub mod cashtag;
pub mod emoji;
pub mod hashtag;
pub mod mention;
pub mod url;

use std::cell::RefCell;
use std::ops::Range;

/// What an entity is. The order is TDLib's tie-break on equal start and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    Mention,
    Hashtag,
    Cashtag,
    BotCommand,
    Url,
    Email,
    Emoji,
}

/// One entity: its kind and its byte range in the text it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub kind: EntityKind,
    pub range: Range<usize>,
}

/// Finds every entity of `text` in order of position, without overlaps.
pub fn find_entities(text: &str) -> Vec<Entity> {
    let mut out = Vec::new();
    find_entities_into(text, &mut out);
    out
}

/// As [`find_entities`], reusing `out` (cleared first) to avoid an allocation per line.
pub fn find_entities_into(text: &str, out: &mut Vec<Entity>) {
    thread_local! {
        static SCRATCH: RefCell<EntityScratch> = RefCell::default();
    }
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut scratch) => find_entities_with(text, &mut scratch, out),
        // Only reachable from a re-entrant call, which nothing makes; still correct.
        Err(_) => find_entities_with(text, &mut EntityScratch::default(), out),
    });
}

/// The buffers [`find_entities_with`] reuses from one text to the next.
#[derive(Debug, Default)]
pub struct EntityScratch {
    candidates: Vec<Entity>,
}

/// As [`find_entities_into`], with the caller's `scratch` instead of a thread-local one: for a
/// caller that finds entities line after line and can keep one [`EntityScratch`] around.
pub fn find_entities_with(text: &str, scratch: &mut EntityScratch, out: &mut Vec<Entity>) {
    out.clear();
    let candidates = &mut scratch.candidates;
    candidates.clear();
    let mut push = |kind: EntityKind, range: Range<usize>| candidates.push(Entity { kind, range });
    mention::for_each_mention(text, |range| push(EntityKind::Mention, range));
    bot_command::for_each_bot_command(text, |range| push(EntityKind::BotCommand, range));
    hashtag::for_each_hashtag(text, |range| push(EntityKind::Hashtag, range));
    cashtag::for_each_cashtag(text, |range| push(EntityKind::Cashtag, range));
    url::for_each_url(text, |found| {
        let kind = match found.kind {
            url::UrlKind::Url => EntityKind::Url,
            url::UrlKind::Email => EntityKind::Email,
        };
        push(kind, found.range);
    });
    // TDLib: by start, then longer first, then by type. No two candidates tie on all three (a
    // matcher never finds the same range twice), so an unstable sort gives the same order.
    candidates.sort_unstable_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.end.cmp(&a.range.end))
            .then(a.kind.cmp(&b.kind))
    });
    let mut covered_to = 0;
    let mut gap_start = 0;
    for entity in candidates.drain(..) {
        if entity.range.start < covered_to {
            continue;
        }
        push_emoji(text, gap_start..entity.range.start, out);
        covered_to = entity.range.end;
        gap_start = entity.range.end;
        out.push(entity);
    }
    push_emoji(text, gap_start..text.len(), out);
}

/// Emoji are looked for only in the gaps between the other entities.
fn push_emoji(text: &str, gap: Range<usize>, out: &mut Vec<Entity>) {
    if gap.is_empty() {
        return;
    }
    let offset = gap.start;
    emoji::for_each_emoji(&text[gap], |range| {
        out.push(Entity {
            kind: EntityKind::Emoji,
            range: range.start + offset..range.end + offset,
        })
    });
}
