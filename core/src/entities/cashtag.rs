//! Cashtags, as TDLib's `match_cashtags` finds them (MessageEntity.cpp).
//!
//! TDLib's pattern: `(?<=^|[^$\d_\pL\x{200c}])\$(1INCH|[A-Z]{1,8})(?![$\d_\pL\x{200c}])`,
//! with an optional `@username` of 3..=32 characters attached.

use std::ops::Range;

use memchr::memchr_iter;

use crate::chars::{char_at, char_before, is_hashtag_char, is_username_byte};

/// The one ticker TDLib accepts that does not consist of capital letters.
const ONE_INCH: &str = "1INCH";
const TICKER_MAX: usize = 8;
const USERNAME_MIN: usize = 3;
const USERNAME_MAX: usize = 32;

/// Finds the cashtags of `text` by byte range (the `$` and any attached `@username` included).
pub fn find_cashtags(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for_each_cashtag(text, |range| found.push(range));
    found
}

/// As [`find_cashtags`], handing each range to `found` in order instead of collecting them.
pub fn for_each_cashtag(text: &str, found: impl FnMut(Range<usize>)) {
    for_each_cashtag_at(text, memchr_iter(b'$', text.as_bytes()), found);
}

/// As [`for_each_cashtag`], given the positions of every `$` in `text`, in increasing order.
// A function of its own, never inlined: see `find_entities_with`.
#[inline(never)]
pub(crate) fn for_each_cashtag_at(
    text: &str,
    dollars: impl IntoIterator<Item = usize>,
    mut found: impl FnMut(Range<usize>),
) {
    let bytes = text.as_bytes();
    for dollar in dollars {
        if char_before(text, dollar).is_some_and(|c| c == '$' || is_hashtag_char(c)) {
            continue;
        }
        let body_start = dollar + 1;
        let body_len = if text[body_start..].starts_with(ONE_INCH) {
            ONE_INCH.len()
        } else {
            let run = bytes[body_start..]
                .iter()
                .take_while(|b| b.is_ascii_uppercase())
                .count();
            // A longer run of capitals is rejected, not cut.
            if run > TICKER_MAX {
                continue;
            }
            run
        };
        if body_len == 0 {
            continue;
        }
        let mut end = body_start + body_len;
        if bytes.get(end) == Some(&b'@') {
            let name_len = bytes[end + 1..]
                .iter()
                .take_while(|&&b| is_username_byte(b))
                .count();
            // Unlike hashtags, an over-long username is not attached at all.
            if (USERNAME_MIN..=USERNAME_MAX).contains(&name_len) {
                end += 1 + name_len;
            }
        }
        if char_at(text, end).is_some_and(|c| c == '$' || is_hashtag_char(c)) {
            continue;
        }
        found(dollar..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cashtags(text: &str) -> Vec<&str> {
        find_cashtags(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn tickers_are_one_to_eight_capitals() {
        assert_eq!(
            cashtags("$USD $ABCDEFGH $ABCDEFGHJ $usd $1INCH"),
            ["$USD", "$ABCDEFGH", "$1INCH"]
        );
    }

    #[test]
    fn a_scope_is_attached() {
        assert_eq!(cashtags("$USD@chan_1 $EUR@ab"), ["$USD@chan_1", "$EUR"]);
    }
}
