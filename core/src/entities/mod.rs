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
    triggers: TriggerPositions,
}

/// The positions of the bytes each matcher starts from, found in one pass over the text instead
/// of one search per matcher: a matcher whose trigger is absent costs nothing, and the others
/// start at the right places.
#[derive(Debug, Default)]
struct TriggerPositions {
    /// One list per trigger, in increasing order, indexed by [`TRIGGER_OF_BYTE`].
    lists: [Vec<usize>; TRIGGER_COUNT],
}

const HASH: u8 = 0;
const AT: u8 = 1;
const DOLLAR: u8 = 2;
const SLASH: u8 = 3;
const DOT: u8 = 4;
const EMOJI_LEAD: u8 = 5;
const TRIGGER_COUNT: usize = 6;
const NO_TRIGGER: u8 = u8::MAX;

/// Which list a byte goes to, if any.
const TRIGGER_OF_BYTE: [u8; 256] = {
    let mut trigger = [NO_TRIGGER; 256];
    trigger[b'#' as usize] = HASH;
    trigger[b'@' as usize] = AT;
    trigger[b'$' as usize] = DOLLAR;
    trigger[b'/' as usize] = SLASH;
    trigger[b'.' as usize] = DOT;
    let mut b = 0;
    while b < 256 {
        if emoji::is_emoji_lead(b as u8) {
            trigger[b] = EMOJI_LEAD;
        }
        b += 1;
    }
    trigger
};

impl TriggerPositions {
    /// Eight bytes at a time: most words hold no candidate at all, and the table sorts out
    /// the few candidates of the others.
    fn find(&mut self, text: &str) {
        for list in &mut self.lists {
            list.clear();
        }
        let bytes = text.as_bytes();
        let mut words = bytes.chunks_exact(8);
        let mut word_start = 0;
        for word in &mut words {
            let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
            self.push_candidates(bytes, word_start, word);
            word_start += 8;
        }
        // The tail, padded with NULs (no trigger).
        let mut tail = [0; 8];
        tail[..words.remainder().len()].copy_from_slice(words.remainder());
        self.push_candidates(bytes, word_start, u64::from_le_bytes(tail));
    }

    #[inline]
    fn push_candidates(&mut self, bytes: &[u8], word_start: usize, word: u64) {
        let mut candidates = maybe_trigger_bytes(word);
        while candidates != 0 {
            let at = word_start + candidates.trailing_zeros() as usize / 8;
            candidates &= candidates - 1;
            let trigger = TRIGGER_OF_BYTE[usize::from(bytes[at])];
            if trigger != NO_TRIGGER {
                self.lists[usize::from(trigger)].push(at);
            }
        }
    }

    fn of(&self, trigger: u8) -> impl Iterator<Item = usize> + '_ {
        self.lists[usize::from(trigger)].iter().copied()
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` (little-endian) that may be a trigger: a superset of
/// [`TRIGGER_OF_BYTE`] — ASCII `#`..`/` (with `%`..`-`), `@`, C2, and E0 and above — cheap to
/// compute with no carry from one byte into the next. A unit test checks that it misses none.
#[inline]
fn maybe_trigger_bytes(word: u64) -> u64 {
    let low_bits = word & !HIGH_BITS;
    // Bit 7 of `low_bits + (0x80 - n)` is set where the low seven bits are at least n.
    let from_hash = low_bits + ONES * (0x80 - u64::from(b'#'));
    let from_zero = low_bits + ONES * (0x80 - u64::from(b'0'));
    let hash_to_slash = from_hash & !from_zero & !word;
    // Bit 7 of `((x & 0x7F) + 0x7F) | x` is clear exactly where the byte x is zero.
    let nonzero = |x: u64| ((x & !HIGH_BITS) + !HIGH_BITS) | x;
    let at_sign = !nonzero(word ^ (ONES * u64::from(b'@')));
    let c2 = !nonzero(word ^ (ONES * 0xC2));
    let from_e0 = word & (word << 1) & (word << 2);
    (hash_to_slash | at_sign | c2 | from_e0) & HIGH_BITS
}

/// As [`find_entities_into`], with the caller's `scratch` instead of a thread-local one: for a
/// caller that finds entities line after line and can keep one [`EntityScratch`] around.
pub fn find_entities_with(text: &str, scratch: &mut EntityScratch, out: &mut Vec<Entity>) {
    out.clear();
    let triggers = &mut scratch.triggers;
    triggers.find(text);
    let candidates = &mut scratch.candidates;
    candidates.clear();
    let mut push = |kind: EntityKind, range: Range<usize>| candidates.push(Entity { kind, range });
    mention::for_each_mention_at(text, triggers.of(AT), |range| {
        push(EntityKind::Mention, range)
    });
    bot_command::for_each_bot_command_at(text, triggers.of(SLASH), |range| {
        push(EntityKind::BotCommand, range)
    });
    hashtag::for_each_hashtag_at(text, triggers.of(HASH), |range| {
        push(EntityKind::Hashtag, range)
    });
    cashtag::for_each_cashtag_at(text, triggers.of(DOLLAR), |range| {
        push(EntityKind::Cashtag, range)
    });
    url::for_each_url_at(text, triggers.of(DOT), |found| {
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
    let mut emoji_leads = &triggers.lists[usize::from(EMOJI_LEAD)][..];
    let mut covered_to = 0;
    let mut gap_start = 0;
    for entity in candidates.drain(..) {
        if entity.range.start < covered_to {
            continue;
        }
        push_emoji(text, gap_start..entity.range.start, &mut emoji_leads, out);
        covered_to = entity.range.end;
        gap_start = entity.range.end;
        out.push(entity);
    }
    push_emoji(text, gap_start..text.len(), &mut emoji_leads, out);
}

/// Emoji are looked for only in the gaps between the other entities, and only from the emoji
/// leads in the gap: `leads` (in increasing order) is advanced past the gap.
fn push_emoji(text: &str, gap: Range<usize>, leads: &mut &[usize], out: &mut Vec<Entity>) {
    let before_gap = leads.iter().take_while(|&&lead| lead < gap.start).count();
    let in_gap = leads[before_gap..]
        .iter()
        .take_while(|&&lead| lead < gap.end)
        .count();
    let (gap_leads, rest) = leads[before_gap..].split_at(in_gap);
    *leads = rest;
    if gap_leads.is_empty() {
        return;
    }
    // Cut at the gap's end, so that no emoji runs into the entity after it.
    emoji::for_each_emoji_among(
        &text[..gap.end],
        gap.start,
        gap_leads.iter().copied(),
        |range| {
            out.push(Entity {
                kind: EntityKind::Emoji,
                range,
            })
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_test_misses_no_trigger_byte() {
        for byte in 0..=255u8 {
            for fill in 0..=255u8 {
                for at in 0..8 {
                    let mut word = [fill; 8];
                    word[at] = byte;
                    let candidates = maybe_trigger_bytes(u64::from_le_bytes(word));
                    if TRIGGER_OF_BYTE[usize::from(byte)] != NO_TRIGGER {
                        assert_ne!(candidates & (0x80 << (8 * at)), 0, "{byte:#x} in {word:x?}");
                    }
                }
            }
        }
    }

    #[test]
    fn triggers_are_found_at_every_position_and_length() {
        let pieces = [
            "#", "@", "$", "/", ".", "©", "«", "—", "😀", "я", "a", " ", ",", "-",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut triggers = TriggerPositions::default();
        for _ in 0..3_000 {
            let mut text = String::new();
            // xorshift64: deterministic, no dependency.
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for _ in 0..seed % 40 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            triggers.find(&text);
            for (trigger, list) in triggers.lists.iter().enumerate() {
                let expected: Vec<usize> = (0..text.len())
                    .filter(|&i| {
                        usize::from(TRIGGER_OF_BYTE[usize::from(text.as_bytes()[i])]) == trigger
                    })
                    .collect();
                assert_eq!(list, &expected, "{text:?}");
            }
        }
    }
}
