//! Bot commands, as TDLib's `match_bot_commands` finds them (MessageEntity.cpp).
//!
//! TDLib's pattern: `(?<!\b|[\/<>])/([a-zA-Z0-9_]{1,64})(?:@([a-zA-Z0-9_]{3,32}))?(?!\B|[\/<>])`.
//! TDLib skips them in one-to-one chats with people; channels and groups have them.

use std::ops::Range;

use memchr::memchr_iter;

use crate::chars::{char_at, char_before, is_username_byte, is_word_char};

const COMMAND_MAX: usize = 64;
const USERNAME_MIN: usize = 3;
const USERNAME_MAX: usize = 32;

fn is_blocking_neighbour(c: char) -> bool {
    is_word_char(c) || matches!(c, '/' | '<' | '>')
}

/// Finds the bot commands of `text` by byte range (the `/` and any `@botname` included).
pub fn find_bot_commands(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for_each_bot_command(text, |range| found.push(range));
    found
}

/// As [`find_bot_commands`], handing each range to `found` in order instead of collecting them.
pub fn for_each_bot_command(text: &str, found: impl FnMut(Range<usize>)) {
    for_each_bot_command_at(text, memchr_iter(b'/', text.as_bytes()), found);
}

/// As [`for_each_bot_command`], given the positions of every `/` in `text`, in increasing
/// order.
// A function of its own, never inlined: see `find_entities_with`.
#[inline(never)]
pub(crate) fn for_each_bot_command_at(
    text: &str,
    slashes: impl IntoIterator<Item = usize>,
    mut found: impl FnMut(Range<usize>),
) {
    let bytes = text.as_bytes();
    for slash in slashes {
        if char_before(text, slash).is_some_and(is_blocking_neighbour) {
            continue;
        }
        let body_start = slash + 1;
        let body_len = bytes[body_start..]
            .iter()
            .take_while(|&&b| is_username_byte(b))
            .count();
        if !(1..=COMMAND_MAX).contains(&body_len) {
            continue;
        }
        let mut end = body_start + body_len;
        if bytes.get(end) == Some(&b'@') {
            let name_len = bytes[end + 1..]
                .iter()
                .take_while(|&&b| is_username_byte(b))
                .count();
            // A bad bot name rejects the whole command (`/a@b` is nothing).
            if !(USERNAME_MIN..=USERNAME_MAX).contains(&name_len) {
                continue;
            }
            end += 1 + name_len;
        }
        if char_at(text, end).is_some_and(is_blocking_neighbour) {
            continue;
        }
        found(slash..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commands(text: &str) -> Vec<&str> {
        find_bot_commands(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn commands_with_and_without_bot_names() {
        assert_eq!(
            commands("/start /help@my_bot /a@b /test/ a/b"),
            ["/start", "/help@my_bot"]
        );
    }
}
