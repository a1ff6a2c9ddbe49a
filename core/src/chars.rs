//! TDLib's character classes, shared by every entity matcher.
//!
//! TDLib maps each code point to a "simple category" (tdutils/td/utils/unicode.cpp):
//! Letter = Lu Ll Lt Lm Lo, DecimalNumber = Nd, Number = Nl No, Separator = Zs Zl Zp,
//! everything else Unknown. TDLib's table is Unicode 16.0; ours comes from
//! `unicode-properties` (a newer Unicode), so the two differ only on code points
//! assigned after 16.0.

use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// Zero width non-joiner: allowed inside hashtags (Persian, Arabic).
pub const ZWNJ: char = '\u{200C}';
/// Middle dot: allowed inside hashtags (Catalan `l·l`).
pub const MIDDLE_DOT: char = '\u{00B7}';

/// Whether `c` is a letter, answered without the general-category look-up for the blocks most
/// posts are written in: Latin-1 and Latin Extended-A/B (U+00C0..U+024F, letters all but `×`
/// and `÷`), Cyrillic and its supplement (U+0400..U+052F, letters all but U+0482..U+0489) and
/// the CJK Unified Ideographs (U+4E00..U+9FFF). None of these holds a number or a separator.
/// `None` outside them. A unit test checks every code point against the look-up.
#[inline]
fn common_block_letter(c: char) -> Option<bool> {
    match c {
        '\u{00C0}'..='\u{024F}' => Some(c != '\u{00D7}' && c != '\u{00F7}'),
        '\u{0400}'..='\u{052F}' => Some(!('\u{0482}'..='\u{0489}').contains(&c)),
        '\u{4E00}'..='\u{9FFF}' => Some(true),
        _ => None,
    }
}

/// General category L (Lu, Ll, Lt, Lm, Lo).
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    if let Some(letter) = common_block_letter(c) {
        return letter;
    }
    c.general_category_group() == GeneralCategoryGroup::Letter
}

/// TDLib `is_word_character`: a Letter, any Number (Nd, Nl, No) or `_`.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    if let Some(letter) = common_block_letter(c) {
        return letter;
    }
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number
    )
}

/// TDLib `is_hashtag_letter`: a Letter, a decimal digit (Nd only: not `²` or `Ⅻ`), `_`,
/// ZWNJ, `·`, or anything in the Sinhala block U+0D80..U+0DFF (so its vowel signs work).
#[inline]
pub fn is_hashtag_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    if let Some(letter) = common_block_letter(c) {
        return letter;
    }
    if c == ZWNJ || c == MIDDLE_DOT || ('\u{0D80}'..='\u{0DFF}').contains(&c) {
        return true;
    }
    c.general_category_group() == GeneralCategoryGroup::Letter
        || c.general_category() == GeneralCategory::DecimalNumber
}

/// TDLib's separators: general categories Zs, Zl, Zp.
#[inline]
pub fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return c == ' ';
    }
    if common_block_letter(c).is_some() {
        return false;
    }
    c.general_category_group() == GeneralCategoryGroup::Separator
}

/// The ASCII characters of usernames and bot commands: `[A-Za-z0-9_]`.
#[inline]
pub fn is_username_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The code point that ends right before byte offset `at` (which must be a char boundary).
#[inline]
pub fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

/// The code point that starts at byte offset `at` (which must be a char boundary).
#[inline]
pub fn char_at(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_block_shortcut_agrees_with_the_general_category_everywhere() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let Some(letter) = common_block_letter(c) else {
                continue;
            };
            let group = c.general_category_group();
            assert_eq!(letter, group == GeneralCategoryGroup::Letter, "{c:?}");
            assert_ne!(group, GeneralCategoryGroup::Number, "{c:?}");
            assert_ne!(group, GeneralCategoryGroup::Separator, "{c:?}");
            assert_ne!(c, ZWNJ);
            assert_ne!(c, MIDDLE_DOT);
            assert!(!('\u{0D80}'..='\u{0DFF}').contains(&c));
        }
    }

    #[test]
    fn hashtag_chars_follow_tdlib() {
        for c in ['a', 'Я', '7', '_', '·', ZWNJ, '\u{0D82}', 'ก'] {
            assert!(is_hashtag_char(c), "{c:?} continues a hashtag");
        }
        for c in [
            '²', 'Ⅻ', '\u{0301}', '\u{200D}', '-', '\'', '😀', '\u{FE0F}', '฿',
        ] {
            assert!(!is_hashtag_char(c), "{c:?} ends a hashtag");
        }
    }

    #[test]
    fn word_chars_include_every_number() {
        for c in ['a', 'Я', '7', '_', '²', 'Ⅻ'] {
            assert!(is_word_char(c), "{c:?} is a word character");
        }
        for c in ['·', '-', ' ', '😀', '\u{0301}'] {
            assert!(!is_word_char(c), "{c:?} is not a word character");
        }
    }
}
