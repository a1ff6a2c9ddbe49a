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
    /// Two more lists than triggers, which stay empty: the index is taken modulo a power of
    /// two, so the push in the hot loop needs no bounds check.
    lists: [Vec<usize>; LIST_COUNT],
}

const HASH: u8 = 0;
const AT: u8 = 1;
const DOLLAR: u8 = 2;
const SLASH: u8 = 3;
const DOT: u8 = 4;
const EMOJI_LEAD: u8 = 5;
const TRIGGER_COUNT: usize = 6;
const LIST_COUNT: usize = TRIGGER_COUNT.next_power_of_two();
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
    /// Sixteen bytes at a time, marked by a few vector compares (no byte of the answer depends
    /// on another): most blocks hold no trigger, and only true triggers reach the loop after it
    /// (an approximate range test let `,` `-` `(` `)` `'` `%` `&` `*` `+` through too).
    fn find(&mut self, text: &str) {
        for list in &mut self.lists {
            list.clear();
        }
        let bytes = text.as_bytes();
        let mut blocks = bytes.chunks_exact(BLOCK);
        let mut block_start = 0;
        for block in &mut blocks {
            let block: &[u8; BLOCK] = block.try_into().expect("a whole block");
            self.push_triggers(bytes, block_start, trigger_bits(block));
            block_start += BLOCK;
        }
        // The tail, padded with NULs (no trigger).
        let mut tail = [0; BLOCK];
        tail[..blocks.remainder().len()].copy_from_slice(blocks.remainder());
        self.push_triggers(bytes, block_start, trigger_bits(&tail));
    }

    #[inline]
    fn push_triggers(&mut self, bytes: &[u8], block_start: usize, mut hits: u128) {
        while hits != 0 {
            let at = block_start + hits.trailing_zeros() as usize / 8;
            hits &= hits - 1;
            let trigger = TRIGGER_OF_BYTE[usize::from(bytes[at])];
            // Every marked byte is a trigger (a unit test checks), so nothing goes to the
            // spare lists.
            self.lists[usize::from(trigger) % LIST_COUNT].push(at);
        }
    }

    fn of(&self, trigger: u8) -> impl Iterator<Item = usize> + '_ {
        self.lists[usize::from(trigger)].iter().copied()
    }
}

/// The bytes [`TriggerPositions::find`] looks at together.
const BLOCK: usize = 16;

/// The bytes of `block` as a little-endian number, each 1 where it is a trigger
/// ([`TRIGGER_OF_BYTE`]: `#` `$`, `.` `/`, `@`, and the emoji leads C2, E2 E3, EF, F0 of
/// [`emoji::is_emoji_lead`]) and 0 elsewhere. Written as independent byte compares into a byte
/// array, which the compiler turns into a few vector compares; a unit test checks it against
/// the table.
#[inline]
fn trigger_bits(block: &[u8; BLOCK]) -> u128 {
    let mut hits = [0u8; BLOCK];
    for (hit, &b) in hits.iter_mut().zip(block) {
        *hit = u8::from(
            (b.wrapping_sub(b'#') < 2)
                | (b.wrapping_sub(b'.') < 2)
                | (b == b'@')
                | (b == 0xC2)
                | (b.wrapping_sub(0xE2) < 2)
                | (b == 0xEF)
                | (b == 0xF0),
        );
    }
    u128::from_le_bytes(hits)
}

/// As [`find_entities_into`], with the caller's `scratch` instead of a thread-local one: for a
/// caller that finds entities line after line and can keep one [`EntityScratch`] around.
///
/// The matchers it calls are kept out of line (`#[inline(never)]`, and `scripts/build-wasm.sh`
/// tells `wasm-opt` not to inline large functions that have one caller): with all of them
/// inlined this was 14.8 KB of wasm, which V8 took 40–64 ms to optimise while the npm package
/// ran its slow baseline code for it; as six functions they are optimised one by one, sooner.
/// Native speed is the same either way (interleaved runs, docs/PERFORMANCE.md).
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
/// leads in the gap: `leads` (in increasing order) is advanced past the gap, in the same walk
/// that visits them (a gap without a lead costs a compare).
#[inline]
fn push_emoji(text: &str, gap: Range<usize>, leads: &mut &[usize], out: &mut Vec<Entity>) {
    let used = emoji::for_each_emoji_in_gap(text, gap, leads, |range| {
        out.push(Entity {
            kind: EntityKind::Emoji,
            range,
        })
    });
    *leads = &leads[used..];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_mask_is_the_trigger_table() {
        for byte in 0..=255u8 {
            for fill in [0, b'a', b'#', 0xC2, 0xE2, 0xFF] {
                for at in 0..BLOCK {
                    let mut block = [fill; BLOCK];
                    block[at] = byte;
                    let hit = trigger_bits(&block) >> (8 * at) & 0xFF == 1;
                    let expected = TRIGGER_OF_BYTE[usize::from(byte)] != NO_TRIGGER;
                    assert_eq!(hit, expected, "{byte:#x} in {block:x?}");
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
