//! Emoji as whole UTS #51 sequences, with names and fully-qualified forms from emoji-test.txt.
//!
//! [`find_emoji`] is a hand-written scanner over the characters of a text (no regex, no
//! grapheme segmentation): at each position it takes the longest well-formed emoji sequence of
//! UTS #51 §1.4 (ED-14 … ED-17) that starts there, else moves one character on. The look-ups
//! ([`lookup`], [`country`]) go to the tables that `tgtext-gen` generates from the vendored
//! emoji-test.txt and emoji-data.txt (`crate::tables::emoji`). `entities::find_entities` runs the
//! scanner only over the text that no other entity covers.
//!
//! The grammar, and where it departs from the bare standard on purpose (SPEC §2):
//!
//! ```text
//! emoji      := keycap | flag | element (ZWJ element)*
//! keycap     := [0-9#*] FE0F? 20E3                     ED-14c (FE0F optional: unqualified lines)
//! flag       := RI RI                                  ED-14 (paired greedily left to right)
//! element    := base (EMod | FE0F | FE0E)? tag?        ED-13, ED-9a, ED-15a
//! base       := an Emoji=Yes character other than an ASCII keycap base, a regional indicator
//!               and © ® ™ — or © ® ™ followed by FE0F
//! tag        := [E0020-E007E]+ E007F                   ED-14a
//! ```
//!
//! - `EMod` only after an Emoji_Modifier_Base; a skin tone after anything else is an emoji of
//!   its own (`a🏻` → `🏻`), like the hair components, which are Emoji=Yes and listed.
//! - Text-default symbols (`❤`, `☝`, `🎙`) count without FE0F, except `©`, `®`, `™`, which in
//!   Telegram posts are nearly always plain text.
//! - A ZWJ is taken only when an element follows, so a trailing ZWJ is not part of the emoji; a
//!   keycap or a flag is never a ZWJ element, and neither is an unfinished tag run part of one.
//! - A well-formed sequence that emoji-test.txt does not list (`🇦🇦`, `❤︎`, an unlisted ZWJ
//!   chain) is still one emoji; [`lookup`] then gives `None`.
//!
//! Every step consumes characters or moves on by one, and each character is looked at a bounded
//! number of times (a tag run once more, by the element it follows), so the scan is linear in the
//! length of the text whatever it holds.

use std::cmp::Ordering;
use std::ops::Range;

use memchr::memchr;

use crate::tables::emoji as tables;

/// The Unicode Emoji version of the data in `tables`.
pub const UNICODE_EMOJI_VERSION: &str = tables::UNICODE_EMOJI_VERSION;

const ZWJ: char = '\u{200D}';
/// VARIATION SELECTOR-15: text presentation.
const VS15: char = '\u{FE0E}';
/// VARIATION SELECTOR-16: emoji presentation.
const VS16: char = '\u{FE0F}';
const COMBINING_KEYCAP: char = '\u{20E3}';
const CANCEL_TAG: char = '\u{E007F}';

/// What emoji-test.txt says of one emoji.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmojiInfo {
    /// The fully-qualified form (`🎙️`).
    pub fully_qualified: &'static str,
    /// The CLDR short name (`studio microphone`, `flag: Russia`).
    pub name: &'static str,
}

/// Finds every emoji in `text`, each a whole sequence, by byte range, leftmost-longest and
/// without overlaps.
pub fn find_emoji(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for_each_emoji(text, |range| found.push(range));
    found
}

/// As [`find_emoji`], handing each range to `found` in order instead of collecting them.
pub fn for_each_emoji(text: &str, found: impl FnMut(Range<usize>)) {
    let leads = text
        .bytes()
        .enumerate()
        .filter(|&(_, b)| is_emoji_lead(b))
        .map(|(i, _)| i);
    for_each_emoji_among(text, 0, leads, found);
}

/// Whether a byte can lead an emoji or the U+FE0F or U+20E3 after a keycap base: C2 (`©`, `®`),
/// E2 (U+2000..U+2FFF), E3 (U+3030, U+303D, U+3297, U+3299), EF (U+FE0F) and F0 (the emoji
/// planes' symbols, flags and skin tones). The first emoji above ASCII are U+00A9 and U+00AE,
/// then U+203C; an ASCII keycap base is found from the E2 or EF after it; the CJK ideographs
/// and syllables (E4..EE) and the planes above U+3FFFF lead nothing. A unit test checks every
/// code point.
#[inline]
pub(crate) const fn is_emoji_lead(b: u8) -> bool {
    matches!(b, 0xC2 | 0xE2 | 0xE3 | 0xEF | 0xF0)
}

/// As [`for_each_emoji`] over `text[start..]`, visiting only `leads`: the positions of the
/// bytes of `text[start..]` for which [`is_emoji_lead`] holds, in increasing order (a caller
/// that has them already saves a pass). Ranges are positions in `text`.
pub(crate) fn for_each_emoji_among(
    text: &str,
    start: usize,
    leads: impl IntoIterator<Item = usize>,
    mut found: impl FnMut(Range<usize>),
) {
    let mut pos = start;
    for lead in leads {
        emoji_from_lead(text, lead, &mut pos, &mut found);
    }
}

/// As [`for_each_emoji_among`] over `text[gap]`, given `leads` that may start before the gap
/// (those are passed over) and run on past it (those are left): the ranges end by `gap.end`.
/// Returns how many of `leads` lie before `gap.end`, so that a caller walking the gaps of one
/// text in order can drop them; a gap with no lead in it costs one compare.
// A function of its own, never inlined: see `find_entities_with`.
#[inline(never)]
pub(crate) fn for_each_emoji_in_gap(
    text: &str,
    gap: Range<usize>,
    leads: &[usize],
    mut found: impl FnMut(Range<usize>),
) -> usize {
    let Some(in_gap) = leads.iter().position(|&lead| lead >= gap.start) else {
        return leads.len();
    };
    if leads[in_gap] >= gap.end {
        return in_gap;
    }
    // Cut at the gap's end, so that no emoji runs into what follows it.
    let text = &text[..gap.end];
    let mut pos = gap.start;
    let mut used = in_gap;
    for &lead in &leads[in_gap..] {
        if lead >= gap.end {
            break;
        }
        used += 1;
        emoji_from_lead(text, lead, &mut pos, &mut found);
    }
    used
}

/// The step of [`for_each_emoji_among`] at one lead: `pos` is where the last emoji found ended
/// (or the start), and moves to the end of the emoji found here, if any.
#[inline(always)]
fn emoji_from_lead(text: &str, lead: usize, pos: &mut usize, found: &mut impl FnMut(Range<usize>)) {
    let bytes = text.as_bytes();
    // No emoji starts between two leads, except a keycap base right before one.
    if lead < *pos {
        // Inside the emoji found last.
        return;
    }
    // A keycap base is an emoji only before U+FE0F (EF ..) or U+20E3 (E2 ..).
    if lead > *pos && is_keycap_base(bytes[lead - 1]) && matches!(bytes[lead], 0xE2 | 0xEF) {
        if let Some(end) = emoji_at(text, lead - 1) {
            found(lead - 1..end);
            *pos = end;
            return;
        }
    }
    // U+2000..U+203B (E2 80 80..E2 80 BB: dashes, quotes, ZWJ) start no emoji, and of
    // U+0080..U+00BF (C2 ..: `«`, `»`, no-break space) only `©` and `®` (C2 A9, C2 AE)
    // may. (Valid UTF-8: a lead byte has its continuation bytes.)
    match bytes[lead] {
        0xE2 if bytes[lead + 1] == 0x80 && bytes[lead + 2] < 0xBC => return,
        0xC2 if !matches!(bytes[lead + 1], 0xA9 | 0xAE) => return,
        _ => {}
    }
    if let Some(end) = emoji_at(text, lead) {
        found(lead..end);
        *pos = end;
    }
}

/// The grouping key of an emoji: the sequence with U+FE0E and U+FE0F removed.
pub fn emoji_key(emoji: &str) -> String {
    // Sized up front: one allocation, however many runs are copied.
    let mut key = String::with_capacity(emoji.len());
    emoji_key_into(emoji, &mut key);
    key
}

/// As [`emoji_key`], into `key` (cleared first), so that a caller can reuse one buffer.
pub fn emoji_key_into(emoji: &str, key: &mut String) {
    key.clear();
    // U+FE0E and U+FE0F are EF B8 8E and EF B8 8F; copy the runs between them whole. (A plain
    // loop: an emoji is a few bytes, shorter than memchr's set-up pays for.)
    let bytes = emoji.as_bytes();
    let mut run_start = 0;
    let mut from = 0;
    while let Some(offset) = bytes[from..].iter().position(|&b| b == 0xEF) {
        let at = from + offset;
        from = at + 1;
        if bytes.get(at + 1) == Some(&0xB8) && matches!(bytes.get(at + 2), Some(0x8E | 0x8F)) {
            key.push_str(&emoji[run_start..at]);
            run_start = at + 3;
            from = run_start;
        }
    }
    key.push_str(&emoji[run_start..]);
}

/// Looks an emoji key up in emoji-test.txt. Variation selectors are ignored on both sides, so
/// `lookup("❗")` and `lookup("❗️")` agree.
pub fn lookup(key: &str) -> Option<EmojiInfo> {
    let table = tables::EMOJI_TEST;
    // The table stores no keys: each entry's key is its fully-qualified form without FE0F.
    let i = table
        .binary_search_by(|&(fq, _)| cmp_ignoring_selectors(fq, key))
        .ok()?;
    let (fully_qualified, name) = table[i];
    Some(EmojiInfo {
        fully_qualified,
        name,
    })
}

/// For a flag listed in emoji-test.txt, given by its key: its code (`RU`, `GB-SCT`) and its
/// name without `flag: ` (`Russia`).
pub fn country(key: &str) -> Option<(String, &'static str)> {
    country_code(key).map(|(code, name)| (code.to_owned(), name))
}

/// As [`country`], without allocating: the code is borrowed from the table.
pub fn country_code(key: &str) -> Option<(&'static str, &'static str)> {
    // Every flag starts with a regional indicator or U+1F3F4 (tag sequences): a cheap test first,
    // since this runs for every emoji counted.
    let first = key.chars().next()?;
    if !(('\u{1F1E6}'..='\u{1F1FF}').contains(&first) || first == '\u{1F3F4}') {
        return None;
    }
    let table = tables::FLAGS;
    // The table's keys hold no variation selector (a unit test checks): a key without one,
    // as `emoji_key` gives, compares as plain bytes (UTF-8 byte order is code-point order).
    let has_selector = memchr(0xEF, key.as_bytes()).is_some();
    let i = if has_selector {
        table.binary_search_by(|&(k, _, _)| cmp_ignoring_selectors(k, key))
    } else {
        table.binary_search_by(|&(k, _, _)| k.cmp(key))
    }
    .ok()?;
    let (_, code, name) = table[i];
    Some((code, name))
}

fn without_selectors(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|&c| c != VS15 && c != VS16)
}

/// Code-point order of the two strings with their variation selectors removed, without
/// allocating (code-point order is the byte order the generator sorted the tables in).
fn cmp_ignoring_selectors(a: &str, b: &str) -> Ordering {
    without_selectors(a).cmp(without_selectors(b))
}

/// The character at byte `pos` and the byte position after it; `None` at the end of `text` or
/// if `pos` is not a char boundary. Decoded from the bytes: `text` is valid UTF-8, so a lead
/// byte has all its continuation bytes, and no sub-slice or iterator is set up per character.
/// (Always inlined: called as a function it costs more than it saves.)
#[inline(always)]
fn next_char(text: &str, pos: usize) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    let lead = *bytes.get(pos)?;
    let tail = |i: usize| u32::from(bytes[pos + i] & 0x3F);
    let (cp, len) = match lead {
        0x00..=0x7F => return Some((char::from(lead), pos + 1)),
        // A continuation byte: inside a character.
        0x80..=0xBF => return None,
        0xC0..=0xDF => ((u32::from(lead & 0x1F) << 6) | tail(1), 2),
        0xE0..=0xEF => ((u32::from(lead & 0x0F) << 12) | (tail(1) << 6) | tail(2), 3),
        _ => (
            (u32::from(lead & 0x07) << 18) | (tail(1) << 12) | (tail(2) << 6) | tail(3),
            4,
        ),
    };
    Some((char::from_u32(cp)?, pos + len))
}

/// The end of the longest emoji sequence starting at byte `pos`, if one does.
fn emoji_at(text: &str, pos: usize) -> Option<usize> {
    if let Some(lone) = lone_emoji_block_char_at(text.as_bytes(), pos) {
        return lone;
    }
    let (c, after) = next_char(text, pos)?;
    if c.is_ascii() {
        // UTS #51 ED-14c: `[0-9#*] FE0F 20E3`; the unqualified form lacks the FE0F. The bare
        // characters are Emoji=Yes but never emoji here (SPEC §2).
        if !is_keycap_base(c as u8) {
            return None;
        }
        let after = match next_char(text, after) {
            Some((VS16, next)) => next,
            _ => after,
        };
        return match next_char(text, after) {
            Some((COMBINING_KEYCAP, end)) => Some(end),
            _ => None,
        };
    }
    if is_regional_indicator(c) {
        // ED-14: a flag is a pair; a lone regional indicator is nothing.
        return match next_char(text, after) {
            Some((d, end)) if is_regional_indicator(d) => Some(end),
            _ => None,
        };
    }
    let mut end = element_after(text, c, after)?;
    // ED-16: element (ZWJ element)+; a ZWJ with no element after it is left out.
    while has_bytes_at(text, end, ZWJ_UTF8) {
        match element_at(text, end + ZWJ_UTF8.len()) {
            Some(element_end) => end = element_end,
            None => break,
        }
    }
    Some(end)
}

/// [`emoji_at`] for the commonest cases, read from the bytes: a flag (two regional
/// indicators), and a character of [`EMOJI_BLOCK`] (F0 9F ..) with nothing after it that could
/// extend it (a selector or a tag, EF or F3 ..; a skin tone, F0 ..; a ZWJ, E2 ..), which is an
/// emoji alone if it is Emoji=Yes. `None` when the general path has to answer.
#[inline]
fn lone_emoji_block_char_at(bytes: &[u8], pos: usize) -> Option<Option<usize>> {
    let &[0xF0, 0x9F, b2, b3] = bytes.get(pos..pos + 4)? else {
        return None;
    };
    let cp = 0x1F000 | (u32::from(b2 & 0x3F) << 6) | u32::from(b3 & 0x3F);
    let end = pos + 4;
    if (0x1F1E6..=0x1F1FF).contains(&cp) {
        // ED-14: a flag is a pair of regional indicators (F0 9F 87 A6..BF); one alone is none.
        let pair = matches!(
            bytes.get(end..end + 4),
            Some(&[0xF0, 0x9F, 0x87, 0xA6..=0xBF])
        );
        return Some(pair.then_some(end + 4));
    }
    if !EMOJI_BLOCK.contains(&cp) || matches!(bytes.get(end), Some(0xE2 | 0xEF | 0xF0 | 0xF3)) {
        return None;
    }
    let offset = (cp - EMOJI_BLOCK.start) as usize;
    let emoji = EMOJI_BITS.emoji[offset / 64] & (1 << (offset % 64)) != 0;
    Some(emoji.then_some(end))
}

/// ZWJ, VS15 and VS16 in UTF-8, compared as bytes where one may follow.
const ZWJ_UTF8: [u8; 3] = utf8_of_bmp(ZWJ);
const VS15_UTF8: [u8; 3] = utf8_of_bmp(VS15);
const VS16_UTF8: [u8; 3] = utf8_of_bmp(VS16);

/// The three UTF-8 bytes of a character in U+0800..U+FFFF.
const fn utf8_of_bmp(c: char) -> [u8; 3] {
    let cp = c as u32;
    assert!(cp >= 0x800 && cp <= 0xFFFF);
    [
        0xE0 | (cp >> 12) as u8,
        0x80 | ((cp >> 6) & 0x3F) as u8,
        0x80 | (cp & 0x3F) as u8,
    ]
}

/// Whether `text` holds `expected` from byte `pos` on.
#[inline]
fn has_bytes_at(text: &str, pos: usize, expected: [u8; 3]) -> bool {
    // Three byte compares, not a slice comparison (which checks lengths and loops).
    matches!(text.as_bytes().get(pos..pos + 3), Some(&[a, b, c]) if [a, b, c] == expected)
}

/// Whether U+FE0E or U+FE0F (EF B8 8E, EF B8 8F) starts at byte `pos`.
#[inline]
fn has_selector_at(text: &str, pos: usize) -> bool {
    matches!(
        text.as_bytes().get(pos..pos + 3),
        Some(&[0xEF, 0xB8, last]) if last == VS15_UTF8[2] || last == VS16_UTF8[2]
    )
}

/// The end of the ZWJ element starting at byte `pos`: an emoji character, a presentation
/// sequence or a modifier sequence, optionally with a tag sequence after it.
fn element_at(text: &str, pos: usize) -> Option<usize> {
    let (c, end) = next_char(text, pos)?;
    element_after(text, c, end)
}

/// As [`element_at`], given the element's first character `c` and the byte `end` after it.
#[inline]
fn element_after(text: &str, c: char, mut end: usize) -> Option<usize> {
    if needs_vs16(c) {
        // ©, ®, ™ only as presentation sequences.
        if !has_bytes_at(text, end, VS16_UTF8) {
            return None;
        }
        end += VS16_UTF8.len();
    } else if is_emoji_char(c) {
        // ED-9a: a presentation sequence (FE0E kept too, so that it is not left over).
        if has_selector_at(text, end) {
            end += VS16_UTF8.len();
        } else if text.as_bytes().get(end) == Some(&0xF0) {
            // ED-13: an Emoji_Modifier_Base followed by an Emoji_Modifier (a skin tone, which
            // like every character from U+10000 on leads with F0 or above).
            match next_char(text, end) {
                Some((m, next)) if is_emoji_modifier(m) && is_emoji_modifier_base(c) => end = next,
                _ => {}
            }
        }
    } else {
        return None;
    }
    Some(tag_end(text, end).unwrap_or(end))
}

/// ED-14a: the end of a tag spec and its CANCEL TAG starting at byte `pos`, if both are there.
fn tag_end(text: &str, mut pos: usize) -> Option<usize> {
    // Tags (U+E0020..U+E007F) lead with F3: nearly always none follows.
    if text.as_bytes().get(pos) != Some(&0xF3) {
        return None;
    }
    let start = pos;
    while let Some((c, next)) = next_char(text, pos) {
        if !('\u{E0020}'..='\u{E007E}').contains(&c) {
            break;
        }
        pos = next;
    }
    match next_char(text, pos) {
        Some((CANCEL_TAG, end)) if pos > start => Some(end),
        _ => None,
    }
}

#[inline]
const fn is_keycap_base(b: u8) -> bool {
    b.is_ascii_digit() || b == b'#' || b == b'*'
}

#[inline]
fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// `©`, `®`, `™`: emoji only when U+FE0F follows (SPEC §2).
#[inline]
fn needs_vs16(c: char) -> bool {
    matches!(c, '\u{00A9}' | '\u{00AE}' | '\u{2122}')
}

/// An Emoji=Yes character that is an emoji standing alone: not an ASCII keycap base, not a
/// regional indicator, not one of [`needs_vs16`].
#[inline]
fn is_emoji_char(c: char) -> bool {
    // Below U+203C the only Emoji=Yes characters are `#`, `*`, digits, `©` and `®`, none of them
    // an emoji alone (a unit test checks this against the table): Latin, Cyrillic and the other
    // alphabets skip the binary search.
    if c < '\u{203C}' || is_regional_indicator(c) || needs_vs16(c) {
        return false;
    }
    EMOJI_BITS
        .contains(c)
        .unwrap_or_else(|| in_ranges(tables::EMOJI, c))
}

/// Emoji_Modifier: the five skin tones, a single range of the table.
const SKIN_TONES: (char, char) = {
    assert!(tables::EMOJI_MODIFIER.len() == 1);
    tables::EMOJI_MODIFIER[0]
};

#[inline]
fn is_emoji_modifier(c: char) -> bool {
    (SKIN_TONES.0..=SKIN_TONES.1).contains(&c)
}

#[inline]
fn is_emoji_modifier_base(c: char) -> bool {
    MODIFIER_BASE_BITS
        .contains(c)
        .unwrap_or_else(|| in_ranges(tables::EMOJI_MODIFIER_BASE, c))
}

/// The two blocks nearly every emoji lies in: Miscellaneous Symbols and Dingbats and their
/// neighbours (U+2000..U+2BFF), and the emoji planes' symbols (U+1F000..U+1FAFF).
const SYMBOLS_BLOCK: Range<u32> = 0x2000..0x2C00;
const EMOJI_BLOCK: Range<u32> = 0x1F000..0x1FB00;

/// One emoji property of [`SYMBOLS_BLOCK`] and [`EMOJI_BLOCK`], a bit per code point, so that
/// the common emoji are answered without a binary search.
struct PropertyBits {
    symbols: [u64; SYMBOLS_BLOCK.end as usize / 64 - SYMBOLS_BLOCK.start as usize / 64],
    emoji: [u64; EMOJI_BLOCK.end as usize / 64 - EMOJI_BLOCK.start as usize / 64],
}

/// Built at compile time from the generated tables; a unit test checks every code point.
const EMOJI_BITS: PropertyBits = PropertyBits::from_ranges(tables::EMOJI);
const MODIFIER_BASE_BITS: PropertyBits = PropertyBits::from_ranges(tables::EMOJI_MODIFIER_BASE);

impl PropertyBits {
    const fn from_ranges(ranges: &[(char, char)]) -> PropertyBits {
        let mut bits = PropertyBits {
            symbols: [0; SYMBOLS_BLOCK.end as usize / 64 - SYMBOLS_BLOCK.start as usize / 64],
            emoji: [0; EMOJI_BLOCK.end as usize / 64 - EMOJI_BLOCK.start as usize / 64],
        };
        let mut i = 0;
        while i < ranges.len() {
            let mut cp = ranges[i].0 as u32;
            while cp <= ranges[i].1 as u32 {
                if cp >= SYMBOLS_BLOCK.start && cp < SYMBOLS_BLOCK.end {
                    let offset = (cp - SYMBOLS_BLOCK.start) as usize;
                    bits.symbols[offset / 64] |= 1 << (offset % 64);
                } else if cp >= EMOJI_BLOCK.start && cp < EMOJI_BLOCK.end {
                    let offset = (cp - EMOJI_BLOCK.start) as usize;
                    bits.emoji[offset / 64] |= 1 << (offset % 64);
                }
                cp += 1;
            }
            i += 1;
        }
        bits
    }

    /// Whether `c` has the property, or `None` outside the two blocks.
    #[inline]
    fn contains(&self, c: char) -> Option<bool> {
        let cp = c as u32;
        let (words, offset) = if EMOJI_BLOCK.contains(&cp) {
            (&self.emoji[..], cp - EMOJI_BLOCK.start)
        } else if SYMBOLS_BLOCK.contains(&cp) {
            (&self.symbols[..], cp - SYMBOLS_BLOCK.start)
        } else {
            return None;
        };
        let offset = offset as usize;
        Some(words[offset / 64] & (1 << (offset % 64)) != 0)
    }
}

fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                Ordering::Less
            } else if lo > c {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_emoji_character_lies_where_the_fast_path_skips() {
        for &(first, last) in tables::EMOJI {
            assert!(
                last < '\u{C0}' || first > '\u{1FFF}',
                "{first:?}..{last:?} would be skipped"
            );
        }
    }

    #[test]
    fn the_property_bits_agree_with_the_tables_everywhere() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let in_a_block =
                EMOJI_BLOCK.contains(&(c as u32)) || SYMBOLS_BLOCK.contains(&(c as u32));
            for (bits, table) in [
                (&EMOJI_BITS, tables::EMOJI),
                (&MODIFIER_BASE_BITS, tables::EMOJI_MODIFIER_BASE),
            ] {
                let expected = in_a_block.then(|| in_ranges(table, c));
                assert_eq!(bits.contains(c), expected, "{c:?}");
            }
        }
    }

    #[test]
    fn the_byte_forms_are_the_characters() {
        assert_eq!(ZWJ.to_string().as_bytes(), ZWJ_UTF8);
        assert_eq!(VS15.to_string().as_bytes(), VS15_UTF8);
        assert_eq!(VS16.to_string().as_bytes(), VS16_UTF8);
        assert_eq!(VS15_UTF8[..2], [0xEF, 0xB8]);
        assert_eq!(VS16_UTF8[..2], [0xEF, 0xB8]);
        for c in ['\u{E0020}', '\u{E007E}', CANCEL_TAG] {
            assert_eq!(c.to_string().as_bytes()[0], 0xF3);
        }
        assert_eq!(SKIN_TONES.0.to_string().as_bytes()[0], 0xF0);
        assert_eq!(SKIN_TONES.1.to_string().as_bytes()[0], 0xF0);
    }

    #[test]
    fn the_lone_emoji_shortcut_agrees_with_the_character_tests() {
        for c in ('\u{1F000}'..='\u{1FFFF}').chain(['\u{2764}', 'a']) {
            for after in [
                "",
                "x",
                " ",
                "\u{2014}",
                "\u{FE0F}",
                "\u{1F3FB}",
                "\u{1F1E6}",
                "\u{1F1FF}",
                "\u{1F200}",
                "\u{1F1E5}",
            ] {
                let text = format!("{c}{after}");
                let Some(lone) = lone_emoji_block_char_at(text.as_bytes(), 0) else {
                    continue;
                };
                if is_regional_indicator(c) {
                    let pair = after.chars().next().is_some_and(is_regional_indicator);
                    assert_eq!(lone, pair.then_some(8), "{text:?}");
                    continue;
                }
                assert!(!after.starts_with(['\u{FE0F}', '\u{2014}', '\u{1F3FB}']));
                assert_eq!(lone, is_emoji_char(c).then_some(4), "{text:?}");
            }
        }
    }

    #[test]
    fn the_emoji_modifiers_are_the_skin_tones() {
        assert_eq!(tables::EMOJI_MODIFIER, [('\u{1F3FB}', '\u{1F3FF}')]);
    }

    #[test]
    fn next_char_decodes_as_str_does() {
        let text = "a\u{7F}\u{80}é\u{7FF}\u{800}€\u{FFFF}\u{10000}😀\u{10FFFF}";
        for pos in 0..=text.len() + 1 {
            let expected = text
                .get(pos..)
                .and_then(|rest| rest.chars().next())
                .map(|c| (c, pos + c.len_utf8()));
            assert_eq!(next_char(text, pos), expected, "{pos}");
        }
    }

    #[test]
    fn keycaps_are_found_after_ascii_runs_of_any_length() {
        for run in 0..20 {
            let text = format!("{}7\u{FE0F}\u{20E3}x#\u{20E3}", "a".repeat(run));
            assert_eq!(emoji(&text), ["7\u{FE0F}\u{20E3}", "#\u{20E3}"], "{text:?}");
        }
    }

    #[test]
    fn no_emoji_starts_without_an_emoji_lead_byte() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut utf8 = [0; 4];
            let lead = c.encode_utf8(&mut utf8).as_bytes()[0];
            if !is_emoji_lead(lead) && !is_keycap_base(lead) {
                assert!(!in_ranges(tables::EMOJI, c), "{c:?} is Emoji=Yes");
                assert!(!is_regional_indicator(c), "{c:?}");
            }
            // The E2 80 .. skip: U+2000..U+203B.
            if ('\u{2000}'..'\u{203C}').contains(&c) {
                assert!(!in_ranges(tables::EMOJI, c), "{c:?} is Emoji=Yes");
            }
        }
        // What follows a keycap base in a keycap leads with E2 or EF.
        assert_eq!(VS16.to_string().as_bytes()[0], 0xEF);
        assert_eq!(COMBINING_KEYCAP.to_string().as_bytes()[0], 0xE2);
    }

    #[test]
    fn flag_keys_hold_no_variation_selector() {
        for &(key, _, _) in tables::FLAGS {
            assert!(!key.contains([VS15, VS16]), "{key:?}");
            assert_eq!(memchr(0xEF, key.as_bytes()), None, "{key:?}");
        }
    }

    #[test]
    fn emoji_key_into_drops_selectors_and_keeps_the_rest() {
        let mut key = String::from("left over");
        for (emoji, expected) in [
            ("", ""),
            ("\u{FE0F}", ""),
            ("❤\u{FE0F}", "❤"),
            ("❤\u{FE0E}", "❤"),
            ("#\u{FE0F}\u{20E3}", "#\u{20E3}"),
            ("🏳\u{FE0F}\u{200D}🌈", "🏳\u{200D}🌈"),
            ("\u{FE0F}\u{FE0F}a\u{FE0E}", "a"),
            // Other EF-led characters stay: U+FE0D, U+FE10, U+FF01.
            ("\u{FE0D}\u{FE10}\u{FF01}", "\u{FE0D}\u{FE10}\u{FF01}"),
        ] {
            emoji_key_into(emoji, &mut key);
            assert_eq!(key, expected, "{emoji:?}");
            assert_eq!(
                emoji_key(emoji),
                without_selectors(emoji).collect::<String>()
            );
        }
    }

    #[test]
    fn country_code_agrees_with_and_without_selectors() {
        for &(key, code, name) in tables::FLAGS {
            assert_eq!(country_code(key), Some((code, name)));
            let with_selector = format!("{key}\u{FE0F}");
            assert_eq!(country_code(&with_selector), Some((code, name)));
        }
    }

    /// The emoji of `text`, as strings.
    fn emoji(text: &str) -> Vec<&str> {
        find_emoji(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn an_unlisted_flag_is_one_emoji_without_a_name() {
        assert_eq!(emoji("🇦🇦"), ["🇦🇦"]);
        assert_eq!(lookup(&emoji_key("🇦🇦")), None);
        assert_eq!(country("🇦🇦"), None);
    }

    #[test]
    fn a_lone_regional_indicator_is_no_emoji() {
        assert_eq!(emoji("🇷"), Vec::<&str>::new());
        assert_eq!(emoji("a🇷b"), Vec::<&str>::new());
    }

    #[test]
    fn regional_indicators_pair_greedily_left_to_right() {
        assert_eq!(emoji("🇷🇺🇺"), ["🇷🇺"]);
        assert_eq!(emoji("🇷🇺🇺🇸"), ["🇷🇺", "🇺🇸"]);
    }

    #[test]
    fn a_flag_between_words_is_found() {
        assert_eq!(emoji("Lavrov🇷🇺said"), ["🇷🇺"]);
        assert_eq!(lookup("🇷🇺").map(|i| i.name), Some("flag: Russia"));
        assert_eq!(country("🇷🇺"), Some(("RU".to_owned(), "Russia")));
    }

    #[test]
    fn flags_give_their_country_or_subdivision_code() {
        assert_eq!(country("🇺🇳"), Some(("UN".to_owned(), "United Nations")));
        assert_eq!(country("🇪🇺"), Some(("EU".to_owned(), "European Union")));
        let scotland = "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
        assert_eq!(emoji(&format!("x{scotland}y")), [scotland]);
        assert_eq!(country(scotland), Some(("GB-SCT".to_owned(), "Scotland")));
        assert_eq!(country("😀"), None);
    }

    #[test]
    fn two_keycaps_in_a_row_are_two_emoji() {
        assert_eq!(emoji("7️⃣0️⃣"), ["7️⃣", "0️⃣"]);
        assert_eq!(emoji("#\u{20E3}"), ["#\u{20E3}"]);
        assert_eq!(lookup("#\u{20E3}").map(|i| i.fully_qualified), Some("#️⃣"));
    }

    #[test]
    fn plain_digits_hash_and_star_are_no_emoji() {
        assert_eq!(emoji("7"), Vec::<&str>::new());
        assert_eq!(emoji("#"), Vec::<&str>::new());
        assert_eq!(emoji("*"), Vec::<&str>::new());
        assert_eq!(emoji("#️ 7️ 2024"), Vec::<&str>::new());
    }

    #[test]
    fn copyright_counts_only_with_vs16() {
        assert_eq!(emoji("©"), Vec::<&str>::new());
        assert_eq!(emoji("® ™"), Vec::<&str>::new());
        assert_eq!(emoji("©️"), ["©️"]);
        assert_eq!(emoji("™\u{FE0F}"), ["™\u{FE0F}"]);
    }

    #[test]
    fn a_text_presentation_selector_stays_with_its_emoji() {
        assert_eq!(emoji("❤\u{FE0E}"), ["❤\u{FE0E}"]);
        assert_eq!(emoji_key("❤\u{FE0E}"), "❤");
        assert_eq!(
            lookup(&emoji_key("❤\u{FE0E}")).map(|i| i.fully_qualified),
            Some("❤️")
        );
    }

    #[test]
    fn text_default_symbols_count_alone() {
        assert_eq!(emoji("I ❤ it ☝ 🎙"), ["❤", "☝", "🎙"]);
        let mic = lookup("🎙").unwrap();
        assert_eq!((mic.fully_qualified, mic.name), ("🎙️", "studio microphone"));
    }

    #[test]
    fn lookups_ignore_variation_selectors() {
        assert_eq!(lookup("❗️"), lookup("❗"));
        assert_eq!(lookup("❗").map(|i| i.name), Some("red exclamation mark"));
        assert_eq!(lookup(""), None);
        assert_eq!(lookup("\u{FE0F}"), None);
    }

    #[test]
    fn a_skin_tone_after_a_non_base_is_an_emoji_of_its_own() {
        assert_eq!(emoji("a🏻"), ["🏻"]);
        assert_eq!(emoji("❤🏻"), ["❤", "🏻"]);
        assert_eq!(emoji("👍🏻"), ["👍🏻"]);
        assert_eq!(emoji("👍🏻🏻"), ["👍🏻", "🏻"]);
    }

    #[test]
    fn hair_components_alone_are_emoji() {
        assert_eq!(emoji("🦰🦱"), ["🦰", "🦱"]);
        assert_eq!(lookup("🦰").map(|i| i.name), Some("red hair"));
    }

    #[test]
    fn zwj_sequences_are_one_emoji_and_a_trailing_zwj_is_left_out() {
        assert_eq!(emoji("👨‍👩‍👧‍👦!"), ["👨‍👩‍👧‍👦"]);
        assert_eq!(emoji("😀\u{200D}"), ["😀"]);
        assert_eq!(emoji("😀\u{200D}a😀"), ["😀", "😀"]);
        // An unlisted chain is still one emoji, without a name.
        assert_eq!(emoji("😀\u{200D}😀"), ["😀\u{200D}😀"]);
        assert_eq!(lookup("😀\u{200D}😀"), None);
        // Keycaps and flags are not ZWJ elements.
        assert_eq!(emoji("😀\u{200D}🇷🇺"), ["😀", "🇷🇺"]);
        assert_eq!(emoji("😀\u{200D}1️⃣"), ["😀", "1️⃣"]);
    }

    #[test]
    fn an_unfinished_tag_run_is_not_part_of_the_emoji() {
        assert_eq!(emoji("🏴\u{E0067}\u{E0062}x"), ["🏴"]);
        assert_eq!(emoji("🏴\u{E007F}"), ["🏴"]);
    }

    #[test]
    fn the_fast_path_bound_holds_for_the_table() {
        for &(lo, hi) in tables::EMOJI {
            for c in lo..=hi {
                if c < '\u{203C}' {
                    assert!(
                        c.is_ascii() || needs_vs16(c),
                        "{c:?} is Emoji=Yes below U+203C"
                    );
                }
            }
        }
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        for pair in tables::EMOJI_TEST.windows(2) {
            assert_eq!(cmp_ignoring_selectors(pair[0].0, pair[1].0), Ordering::Less);
        }
        for pair in tables::FLAGS.windows(2) {
            assert!(pair[0].0 < pair[1].0);
        }
        for table in [
            tables::EMOJI,
            tables::EMOJI_MODIFIER,
            tables::EMOJI_MODIFIER_BASE,
        ] {
            assert!(table.windows(2).all(|w| w[0].1 < w[1].0));
        }
    }

    #[test]
    fn a_hundred_thousand_zwj_between_emoji_just_run() {
        let text = format!("😀{}😀", "\u{200D}".repeat(100_000));
        assert_eq!(emoji(&text), ["😀", "😀"]);
        let chain = "😀\u{200D}".repeat(100_000);
        let whole_chain = &chain[..chain.len() - "\u{200D}".len()];
        assert_eq!(emoji(&chain), [whole_chain]);
    }

    #[test]
    fn a_hundred_thousand_combining_marks_just_run() {
        let text = format!("😀{}x", "\u{0301}".repeat(100_000));
        assert_eq!(emoji(&text), ["😀"]);
        let tags = format!("🏴{}", "\u{E0067}".repeat(100_000));
        assert_eq!(emoji(&tags), ["🏴"]);
        let selectors = format!("❤{}", "\u{FE0F}".repeat(100_000));
        assert_eq!(emoji(&selectors), ["❤\u{FE0F}"]);
    }

    #[test]
    fn random_mixes_of_emoji_parts_give_ordered_disjoint_ranges() {
        let parts = [
            "a",
            " ",
            "7",
            "#",
            "©",
            "❤",
            "👍",
            "🏻",
            "🦰",
            "🇷",
            "🇺",
            "🏴",
            "\u{200D}",
            "\u{FE0F}",
            "\u{FE0E}",
            "\u{20E3}",
            "\u{E0067}",
            "\u{E007F}",
            "\u{0301}",
            "Я",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2_000 {
            let mut text = String::new();
            for _ in 0..12 {
                // xorshift64: deterministic, no dependency.
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(parts[(seed % parts.len() as u64) as usize]);
            }
            let mut last_end = 0;
            for range in find_emoji(&text) {
                assert!(
                    last_end <= range.start && range.start < range.end,
                    "{text:?}"
                );
                assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
                last_end = range.end;
            }
        }
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            "\u{200D}",
            "\u{FE0F}",
            "\u{20E3}",
            "#\u{FE0F}",
            "\u{E007F}",
            "🇷\u{200D}🇺",
        ] {
            let _ = find_emoji(text);
        }
    }
}
