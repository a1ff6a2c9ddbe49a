//! Emoji as whole UTS #51 sequences, with names and fully-qualified forms from emoji-test.txt.

use std::ops::Range;

/// The Unicode Emoji version of the data in `tables`.
pub const UNICODE_EMOJI_VERSION: &str = "17.0";

/// What emoji-test.txt says of one emoji.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmojiInfo {
    /// The fully-qualified form (`🎙️`).
    pub fully_qualified: &'static str,
    /// The CLDR short name (`studio microphone`, `flag: Russia`).
    pub name: &'static str,
}

/// Finds every emoji in `text`, each a whole sequence, by byte range.
pub fn find_emoji(_text: &str) -> Vec<Range<usize>> {
    Vec::new() // TODO(emoji): not implemented yet
}

/// The grouping key of an emoji: the sequence with U+FE0E and U+FE0F removed.
pub fn emoji_key(emoji: &str) -> String {
    emoji.chars().filter(|&c| c != '\u{FE0E}' && c != '\u{FE0F}').collect()
}

/// Looks an emoji key up in emoji-test.txt.
pub fn lookup(_key: &str) -> Option<EmojiInfo> {
    None // TODO(emoji): not implemented yet
}

/// For a flag listed in emoji-test.txt, given by its key: its code (`RU`, `GB-SCT`) and its
/// name without `flag: ` (`Russia`).
pub fn country(_key: &str) -> Option<(String, &'static str)> {
    None // TODO(emoji): not implemented yet
}
