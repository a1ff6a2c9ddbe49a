//! Hashtags, as TDLib's `match_hashtags` finds them (MessageEntity.cpp).
//!
//! TDLib's intended pattern: `(?<=^|[^\d_\pL\x{200c}])#([\d_\pL\x{200c}]{1,256})(?![\d_\pL\x{200c}]*#)`,
//! with at least one letter, and an optional `@username` attached.

use std::ops::Range;

use memchr::memchr_iter;

use crate::chars::{char_at, char_before, is_hashtag_char, is_letter, is_username_byte};

/// TDLib keeps at most this many code points of a hashtag's body; a longer run is cut, not rejected.
const MAX_BODY_CHARS: usize = 256;
/// An attached `@username` is 3..=32 ASCII characters; a longer run is cut at 32.
const USERNAME_MIN: usize = 3;
const USERNAME_MAX: usize = 32;

/// Finds the hashtags of `text` by byte range (the `#` and any attached `@username` included).
pub fn find_hashtags(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for_each_hashtag(text, |range| found.push(range));
    found
}

/// As [`find_hashtags`], handing each range to `found` in order instead of collecting them.
pub fn for_each_hashtag(text: &str, found: impl FnMut(Range<usize>)) {
    for_each_hashtag_at(text, memchr_iter(b'#', text.as_bytes()), found);
}

/// As [`for_each_hashtag`], given the positions of every `#` in `text`, in increasing order.
// A function of its own, never inlined: see `find_entities_with`.
#[inline(never)]
pub(crate) fn for_each_hashtag_at(
    text: &str,
    hashes: impl IntoIterator<Item = usize>,
    mut found: impl FnMut(Range<usize>),
) {
    let bytes = text.as_bytes();
    // Where the search goes on: a `#` inside the run of the last one starts nothing.
    let mut from = 0;
    for hash in hashes {
        if hash < from {
            continue;
        }
        from = hash + 1;
        // A hashtag may not follow a hashtag character (a letter, digit, `_`, `·`, ZWNJ). (An
        // ASCII one is `[A-Za-z0-9_]`, read from the byte; anything else is decoded.)
        let follows_hashtag_char = match hash.checked_sub(1).map(|i| bytes[i]) {
            None => false,
            Some(b) if b.is_ascii() => is_username_byte(b),
            Some(_) => char_before(text, hash).is_some_and(is_hashtag_char),
        };
        if follows_hashtag_char {
            continue;
        }
        let body_start = hash + 1;
        let mut run_end = body_start;
        let mut kept_end = body_start;
        let mut kept_chars = 0;
        let mut has_letter = false;
        while let Some(&b) = bytes.get(run_end) {
            // Most bodies are ASCII, taken byte by byte.
            if b.is_ascii() {
                if !is_username_byte(b) {
                    break;
                }
                run_end += 1;
                if kept_chars < MAX_BODY_CHARS {
                    kept_chars += 1;
                    kept_end = run_end;
                    has_letter |= b.is_ascii_alphabetic();
                }
                continue;
            }
            // D0 and D1 lead U+0400..U+047F, all Cyrillic letters (a unit test checks): the
            // common non-ASCII body is taken without decoding.
            if matches!(b, 0xD0 | 0xD1) {
                run_end += 2;
                if kept_chars < MAX_BODY_CHARS {
                    kept_chars += 1;
                    kept_end = run_end;
                    has_letter = true;
                }
                continue;
            }
            let c = char_at(text, run_end).expect("a char at a lead byte");
            if !is_hashtag_char(c) {
                break;
            }
            run_end += c.len_utf8();
            if kept_chars < MAX_BODY_CHARS {
                kept_chars += 1;
                kept_end = run_end;
                has_letter |= is_letter(c);
            }
        }
        // The search goes on after the whole run, kept or not.
        from = run_end.max(from);
        if kept_chars == 0 || !has_letter {
            continue;
        }
        let truncated = kept_end != run_end;
        let mut end = kept_end;
        let mut after = run_end;
        if !truncated && bytes.get(run_end) == Some(&b'@') {
            let name_start = run_end + 1;
            let name_len = bytes[name_start..]
                .iter()
                .take(USERNAME_MAX)
                .take_while(|&&b| is_username_byte(b))
                .count();
            if name_len >= USERNAME_MIN {
                end = name_start + name_len;
                after = end;
            }
        }
        // Not followed by another `#`: `#a#b` is no hashtag at all.
        if bytes.get(after) == Some(&b'#') {
            continue;
        }
        found(hash..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashtags(text: &str) -> Vec<&str> {
        find_hashtags(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn cyrillic_and_scoped_hashtags_are_found() {
        assert_eq!(
            hashtags("Итоги #СНГ@asia_news и #тег_1."),
            ["#СНГ@asia_news", "#тег_1"]
        );
    }

    #[test]
    fn the_two_byte_cyrillic_leads_are_all_letters() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut utf8 = [0; 4];
            if matches!(c.encode_utf8(&mut utf8).as_bytes()[0], 0xD0 | 0xD1) {
                assert!(is_hashtag_char(c) && is_letter(c), "{c:?}");
            }
        }
    }

    #[test]
    fn a_combining_mark_ends_a_hashtag() {
        assert_eq!(hashtags("#cafe\u{301}"), ["#cafe"]);
        assert_eq!(hashtags("#caf\u{e9}"), ["#caf\u{e9}"]);
    }

    #[test]
    fn the_keycap_emoji_is_not_a_hashtag() {
        assert_eq!(hashtags("#\u{FE0F}\u{20E3} and #tag\u{1F600}"), ["#tag"]);
    }

    #[test]
    fn chains_and_digits_only_are_rejected() {
        assert_eq!(hashtags("#a#b #c #d #123 #1_2 #_a"), ["#c", "#d", "#_a"]);
    }
}
