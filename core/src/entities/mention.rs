//! Mentions, as TDLib's `match_mentions` and `find_mentions` find them (MessageEntity.cpp).
//!
//! TDLib's pattern: `(?<=\B)@([a-zA-Z0-9_]{2,32})(?=\b)`; then `find_mentions` drops bodies
//! shorter than 4 characters except the short bot usernames `gif`, `nft`, `pic`, `ufc`, `vid`.

use std::ops::Range;

use memchr::memchr_iter;

use crate::chars::{char_at, char_before, is_username_byte, is_word_char};

const BODY_MIN: usize = 2;
const BODY_MAX: usize = 32;
/// Bodies shorter than this are dropped, except [`SHORT_BOT_USERNAMES`].
const USUAL_MIN: usize = 4;
const SHORT_BOT_USERNAMES: [&str; 5] = ["gif", "nft", "pic", "ufc", "vid"];

/// Finds the mentions of `text` by byte range (the `@` included).
pub fn find_mentions(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for_each_mention(text, |range| found.push(range));
    found
}

/// As [`find_mentions`], handing each range to `found` in order instead of collecting them.
pub fn for_each_mention(text: &str, found: impl FnMut(Range<usize>)) {
    for_each_mention_at(text, memchr_iter(b'@', text.as_bytes()), found);
}

/// As [`for_each_mention`], given the positions of every `@` in `text`, in increasing order.
// A function of its own, never inlined: see `find_entities_with`.
#[inline(never)]
pub(crate) fn for_each_mention_at(
    text: &str,
    ats: impl IntoIterator<Item = usize>,
    mut found: impl FnMut(Range<usize>),
) {
    let bytes = text.as_bytes();
    // Where the search goes on: an `@` inside the last body starts nothing.
    let mut from = 0;
    for at in ats {
        if at < from {
            continue;
        }
        from = at + 1;
        if char_before(text, at).is_some_and(is_word_char) {
            continue;
        }
        let body_start = at + 1;
        let body_len = bytes[body_start..]
            .iter()
            .take_while(|&&b| is_username_byte(b))
            .count();
        let end = body_start + body_len;
        from = end.max(from);
        // A longer run is rejected, not cut; and a mention must end at a word boundary.
        if !(BODY_MIN..=BODY_MAX).contains(&body_len)
            || char_at(text, end).is_some_and(is_word_char)
        {
            continue;
        }
        let body = &text[body_start..end];
        if body_len < USUAL_MIN
            && !SHORT_BOT_USERNAMES
                .iter()
                .any(|name| name.eq_ignore_ascii_case(body))
        {
            continue;
        }
        found(at..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentions(text: &str) -> Vec<&str> {
        find_mentions(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn short_names_are_dropped_except_known_bots() {
        assert_eq!(
            mentions("@ya @cap @vid @ImDb @1999 @220"),
            ["@vid", "@ImDb", "@1999"]
        );
    }

    #[test]
    fn a_mention_needs_word_boundaries() {
        assert_eq!(
            mentions("no@mention нет@mention @xxxxx@yyyyy @userя"),
            ["@xxxxx"]
        );
    }
}
