//! Words (SPEC §4): NFKC, full lower-casing, UAX #29 word segments that hold a letter,
//! apostrophes tidied, English possessives dropped, stopwords removed last.
//!
//! Callers hand over only text that no entity covers, one gap at a time, so every removed
//! entity acts as a word boundary (`Lavrov🇷🇺said` → `lavrov`, `said`).

use foldhash::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::chars::is_letter;
use crate::config::Stopwords;

/// Reusable buffers for [`WordFinder::for_each_word`], so counting words allocates nothing per
/// word.
#[derive(Debug, Default)]
pub struct WordFinder {
    /// Fold `ё` into `е` in keys.
    pub fold_yo: bool,
    /// Whether to look for sentence ends between words at all.
    pub track_sentences: bool,
    /// A sentence ended since the last word.
    sentence_break: bool,
    /// Words of simple tokens, held back until the next token that is not simple or the end of
    /// the text (such a token drops the spans it made).
    spans: Vec<WordSpan>,
    normalized: String,
    surface: String,
    key: String,
}

/// A word of a simple token, as byte offsets into the text, with what it needs before it is
/// handed over.
#[derive(Debug, Clone, Copy)]
struct WordSpan {
    from: usize,
    to: usize,
    /// A sentence ended between the word before and this one.
    break_before: bool,
    /// The [`SimpleChar`] flags of the word's characters, ORed.
    flags: u8,
}

/// A word as [`WordFinder::for_each_word_lazily`] hands it over: its surface at once, its key
/// only when asked for, since a caller that already knows the surface needs no key.
pub struct Word<'a> {
    surface: &'a str,
    /// The finder's key buffer.
    key: &'a mut String,
    key_state: KeyState,
}

/// Where [`Word::key`] finds the key, or how it makes it.
#[derive(Debug, Clone, Copy)]
enum KeyState {
    /// The key is the surface.
    Surface,
    /// The key is in the buffer.
    Buffer,
    /// Made of simple characters: [`lower_simple_into`], `ё` folded or not.
    Simple { fold_yo: bool },
    /// Any other word: full lower-casing ([`full_key_into`]), `ё` folded or not.
    Full { fold_yo: bool },
}

impl<'a> Word<'a> {
    /// The word as written (after NFKC), apostrophes tidied.
    pub fn surface(&self) -> &'a str {
        self.surface
    }

    /// The lower-cased word (`ё` folded when the finder folds it), made on the first call.
    pub fn key(&mut self) -> &str {
        match self.key_state {
            KeyState::Simple { fold_yo } => {
                self.key_state = if simple_key_differs(self.surface, fold_yo) {
                    lower_simple_into(self.surface, fold_yo, self.key);
                    KeyState::Buffer
                } else {
                    KeyState::Surface
                };
            }
            KeyState::Full { fold_yo } => {
                full_key_into(self.surface, fold_yo, self.key);
                self.key_state = KeyState::Buffer;
            }
            KeyState::Surface | KeyState::Buffer => {}
        }
        match self.key_state {
            KeyState::Surface => self.surface,
            _ => self.key.as_str(),
        }
    }
}

impl WordFinder {
    /// A word finder; `fold_yo` folds `ё` into `е` in keys. It reports sentence ends (see
    /// [`WordFinder::for_each_word_in_sentences`]).
    pub fn new(fold_yo: bool) -> Self {
        WordFinder {
            fold_yo,
            track_sentences: true,
            ..WordFinder::default()
        }
    }

    /// Calls `found(key, surface)` for every word of `text`, stopwords included: `key` is the
    /// lower-cased word, `surface` the same word as written (after NFKC).
    ///
    /// Speed without a second rule set: the text is first cut at ASCII white space, which no
    /// UAX #29 word spans (WB3a–WB3d and WB999 break around it). A token made only of
    /// [`simple_class`] characters is its own NFKC form and is segmented straight from its
    /// UTF-8 bytes, UAX #29 restricted to those characters (see
    /// [`WordFinder::for_each_word_in_sentences`]; tested against `unicode-segmentation`); any
    /// other token goes through the NFKC quick
    /// check, the normaliser only when needed, and `unicode-segmentation`.
    pub fn for_each_word(&mut self, text: &str, mut found: impl FnMut(&str, &str)) {
        self.for_each_word_in_sentences(text, |key, surface, _| found(key, surface));
    }

    /// As [`WordFinder::for_each_word`], and also says of each word whether a sentence ended
    /// between it and the word before (`.`, `!`, `?`, `…` and their kin), for n-grams.
    ///
    /// One pass over the bytes segments the simple tokens, UAX #29 restricted to the
    /// [`simple_class`] characters: WB5, WB8–WB10 and WB13a/b join letters, digits and `_`;
    /// WB6/7 join letters across one MidLetter or MidNumLetQ (`U.S`, `it's`); WB11/12 join
    /// digits across one MidNum or MidNumLetQ (`3.14`, `1,000`); everything else breaks (WB999).
    /// Segments without a letter are not words, so their text counts as text between words
    /// (the `.` of `3.14` ends a sentence, as on the full path). Words are held back as spans
    /// until the text or a token that is not simple comes; such a token drops the spans it made
    /// and goes down the full path.
    pub fn for_each_word_in_sentences(
        &mut self,
        text: &str,
        mut found: impl FnMut(&str, &str, bool),
    ) {
        self.for_each_word_lazily(text, |mut word, after_break| {
            let surface = word.surface();
            found(word.key(), surface, after_break)
        });
    }

    /// As [`WordFinder::for_each_word_in_sentences`], handing over each word as a [`Word`],
    /// whose key is made only when asked for.
    ///
    /// The text is taken a token (a run without white space) at a time. A word that ends its
    /// token, the first of it, is handed over at once: the whole token was simple. Other words
    /// wait in `spans` until their token ends, as a later character that is not simple sends
    /// the whole token down the full path instead.
    pub fn for_each_word_lazily(&mut self, text: &str, mut found: impl FnMut(Word<'_>, bool)) {
        self.sentence_break = false;
        let bytes = text.as_bytes();
        let mut at = 0;
        // A sentence ended since the last word found.
        let mut break_pending = false;
        'tokens: loop {
            // The white space before the next token.
            let token_start = loop {
                let Some(&byte) = bytes.get(at) else {
                    return;
                };
                if BYTE_FLAGS[usize::from(byte)] & SPACE == 0 {
                    break at;
                }
                at += 1;
            };
            let break_before_token = break_pending;
            self.spans.clear();
            // The token, a segment at a time.
            let not_simple_at = loop {
                let Some(&byte) = bytes.get(at) else {
                    if !self.spans.is_empty() {
                        self.emit_spans(text, &mut found);
                    }
                    return;
                };
                let (c, len) = if byte < 0x80 {
                    (BYTE_FLAGS[usize::from(byte)], 1)
                } else {
                    match decode_simple(bytes, at) {
                        Some(simple) => (simple.flags, usize::from(simple.len)),
                        None => break at,
                    }
                };
                if c & SPACE != 0 {
                    if !self.spans.is_empty() {
                        self.emit_spans(text, &mut found);
                    }
                    continue 'tokens;
                }
                if c & JOINS == 0 {
                    break_pending |= c & SENTENCE_END != 0;
                    at += len;
                    continue;
                }
                let from = at;
                match scan_joined(bytes, at + len, c) {
                    Ok((to, flags)) => {
                        at = to;
                        if flags & LETTER == 0 {
                            break_pending |= flags & SENTENCE_END != 0;
                            continue;
                        }
                        let span = WordSpan {
                            from,
                            to,
                            break_before: std::mem::take(&mut break_pending),
                            flags,
                        };
                        if self.spans.is_empty() {
                            // Most words end their token, or are followed only by ASCII
                            // punctuation that joins nothing (`word,` `word).`): hand the word
                            // over at once, noting the sentence ends the punctuation holds.
                            let mut end = to;
                            let mut ends = 0;
                            let ends_token = loop {
                                let Some(&next) = bytes.get(end) else {
                                    break true;
                                };
                                let next_flags = BYTE_FLAGS[usize::from(next)];
                                if next_flags & SPACE != 0 {
                                    break true;
                                }
                                if next >= 0x80 || next_flags & JOINS != 0 {
                                    break false;
                                }
                                ends |= next_flags;
                                end += 1;
                            };
                            if ends_token {
                                self.emit_span(text, span, &mut found);
                                break_pending |= ends & SENTENCE_END != 0;
                                at = end;
                                continue 'tokens;
                            }
                        }
                        self.spans.push(span);
                    }
                    Err(not_simple_at) => break not_simple_at,
                }
            };
            // The words this token found are not handed over: the full path finds them again.
            self.spans.clear();
            at = self.full_token_at(
                text,
                token_start,
                not_simple_at,
                break_before_token,
                &mut found,
            );
            break_pending = false;
        }
    }

    /// Sends the token at `token_start`, which has a character that is not simple at
    /// `not_simple_at`, down the full path; returns where the token ends. `break_before` says
    /// whether a sentence ended before the token.
    fn full_token_at(
        &mut self,
        text: &str,
        token_start: usize,
        not_simple_at: usize,
        break_before: bool,
        found: &mut impl FnMut(Word<'_>, bool),
    ) -> usize {
        if break_before && self.track_sentences {
            self.sentence_break = true;
        }
        // The bytes before `not_simple_at` hold no white space: look on from there.
        let end = text.as_bytes()[not_simple_at..]
            .iter()
            .position(|&b| is_space(b))
            .map_or(text.len(), |length| not_simple_at + length);
        self.full_token(&text[token_start..end], found);
        end
    }

    /// Hands over the words held back, and forgets them.
    fn emit_spans(&mut self, text: &str, found: &mut impl FnMut(Word<'_>, bool)) {
        for index in 0..self.spans.len() {
            let span = self.spans[index];
            self.emit_span(text, span, found);
        }
        self.spans.clear();
    }

    /// Hands over the word of a simple token at `span`. A word is its own surface unless an
    /// apostrophe needs tidying, and most of those only lose a final `'s`: a shorter slice of
    /// the text (see [`simple_tidy`]).
    #[inline(always)]
    fn emit_span(&mut self, text: &str, span: WordSpan, found: &mut impl FnMut(Word<'_>, bool)) {
        if span.break_before && self.track_sentences {
            self.sentence_break = true;
        }
        let word = &text[span.from..span.to];
        let surface = if span.flags & APOSTROPHE == 0 {
            word
        } else if let Some(surface) = simple_tidy(word) {
            surface
        } else {
            if !tidy_word(word, &mut self.surface) {
                return;
            }
            self.surface.as_str()
        };
        let after_break = std::mem::take(&mut self.sentence_break);
        let word = Word {
            surface,
            key: &mut self.key,
            key_state: KeyState::Simple {
                fold_yo: self.fold_yo,
            },
        };
        found(word, after_break);
    }

    /// The full path for a token with a character that is not simple: the NFKC quick check,
    /// the normaliser only when needed, and `unicode-segmentation`.
    fn full_token(&mut self, token: &str, found: &mut impl FnMut(Word<'_>, bool)) {
        let normalized = if is_nfkc(token) {
            None
        } else {
            // Borrow the buffer only for this token.
            let mut buffer = std::mem::take(&mut self.normalized);
            buffer.clear();
            buffer.extend(token.nfkc());
            Some(buffer)
        };
        for segment in normalized.as_deref().unwrap_or(token).split_word_bounds() {
            if segment.chars().any(is_letter) {
                self.emit(segment, found);
            } else {
                self.note_breaks(segment);
            }
        }
        if let Some(buffer) = normalized {
            self.normalized = buffer;
        }
    }

    /// Notes a sentence end in text between words (when n-grams want them).
    fn note_breaks(&mut self, between: &str) {
        if self.track_sentences && !self.sentence_break && between.contains(is_sentence_end) {
            self.sentence_break = true;
        }
    }

    fn emit(&mut self, segment: &str, found: &mut impl FnMut(Word<'_>, bool)) {
        if !tidy_word(segment, &mut self.surface) {
            return;
        }
        let after_break = std::mem::take(&mut self.sentence_break);
        let word = Word {
            surface: &self.surface,
            key: &mut self.key,
            key_state: KeyState::Full {
                fold_yo: self.fold_yo,
            },
        };
        found(word, after_break);
    }
}

/// The key of a word of the full path: `surface` lower-cased as `str::to_lowercase` does it,
/// `ё` then folded into `е` on request.
fn full_key_into(surface: &str, fold_yo: bool, key: &mut String) {
    key.clear();
    if surface.is_ascii() {
        key.push_str(surface);
        key.make_ascii_lowercase();
    } else {
        key.extend(surface.chars().flat_map(char::to_lowercase));
        // `str::to_lowercase` also maps a final capital sigma to `ς`; keep its answer.
        if surface.contains('Σ') {
            *key = surface.to_lowercase();
        }
    }
    if fold_yo && key.contains(['ё', 'Ё']) {
        *key = key.replace('ё', "е");
    }
}

/// The white space that cuts text into tokens: no UAX #29 word spans it.
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0B' | b'\x0C')
}

/// Lower-cases `surface`, made of [`simple_class`] characters and `'`, into `key`, as
/// `char::to_lowercase` would (checked for every simple character in the tests): ASCII `A-Z`;
/// U+00C0–U+00DE but U+00D7 up by 0x20; U+0410–U+042F up by 0x20 and U+0400–U+040F up by 0x50.
/// `fold_yo` then turns `ё` into `е`. Unchanged runs are copied whole.
fn lower_simple_into(surface: &str, fold_yo: bool, key: &mut String) {
    key.clear();
    if surface.is_ascii() {
        key.push_str(surface);
        key.make_ascii_lowercase();
        return;
    }
    let bytes = surface.as_bytes();
    let mut copied_to = 0;
    let mut at = 0;
    while at < bytes.len() {
        let lowered = match bytes[at] {
            upper @ b'A'..=b'Z' => Some((char::from(upper + 0x20), 1)),
            0xC3 => match bytes[at + 1] {
                // U+00C0–U+00DE but U+00D7 (×): Latin-1 capitals.
                second @ (0x80..=0x96 | 0x98..=0x9E) => {
                    Some((char::from(0xC0 + (second & 0x3F) + 0x20), 2))
                }
                _ => None,
            },
            0xD0 => {
                let code = 0x400 | u32::from(bytes[at + 1] & 0x3F);
                let lower = match code {
                    0x400..=0x40F => code + 0x50,
                    0x410..=0x42F => code + 0x20,
                    _ => code,
                };
                if fold_yo && lower == 0x451 {
                    Some(('е', 2))
                } else if lower != code {
                    Some((
                        char::from_u32(lower).unwrap_or(char::REPLACEMENT_CHARACTER),
                        2,
                    ))
                } else {
                    None
                }
            }
            // `ё` is U+0451, D1 91.
            0xD1 if fold_yo && bytes[at + 1] == 0x91 => Some(('е', 2)),
            _ => None,
        };
        match lowered {
            Some((lower, length)) => {
                key.push_str(&surface[copied_to..at]);
                key.push(lower);
                at += length;
                copied_to = at;
            }
            // A byte that starts no capital, or a continuation byte: neither matches above.
            None => at += 1,
        }
    }
    key.push_str(&surface[copied_to..]);
}

/// Whether the key of `surface`, made of [`simple_class`] characters and `'`, differs from it
/// (see [`lower_simple_into`]): a capital, or `ё` when `fold_yo`.
fn simple_key_differs(surface: &str, fold_yo: bool) -> bool {
    // A character at a time: ASCII, or a two-byte letter (U+2019 is `'` after tidying).
    let mut rest = surface.as_bytes();
    loop {
        match *rest {
            [] => return false,
            [b'A'..=b'Z', ..] => return true,
            [byte, ref tail @ ..] if byte < 0x80 => rest = tail,
            [lead, second, ref tail @ ..] => {
                let differs = match lead {
                    // U+00C0–U+00DE but U+00D7 (×).
                    0xC3 => matches!(second, 0x80..=0x96 | 0x98..=0x9E),
                    // U+0400–U+042F, `Ё` among them.
                    0xD0 => second <= 0xAF,
                    // `ё`.
                    0xD1 => fold_yo && second == 0x91,
                    _ => false,
                };
                if differs {
                    return true;
                }
                rest = tail;
            }
            // Not reached: a lead byte has its second.
            [_] => return false,
        }
    }
}

/// The surface of a simple word with an apostrophe when it is a slice of the word, else None
/// (ask [`tidy_word`]). Such a word starts and ends with a joining character and has no two
/// mid characters in a row, so [`tidy_word`] trims nothing: it drops a final `'s` (the word is
/// longer than that) and turns U+2019 into `'`. A word without U+2019 and without a final `'s`
/// is its own surface; one ending in `'s` whose rest has no apostrophe and a letter is that
/// rest. The only non-ASCII characters of such a rest are letters; U+2019 starts with E2.
fn simple_tidy(word: &str) -> Option<&str> {
    let bytes = word.as_bytes();
    let rest = match bytes {
        [rest @ .., b'\'', b's' | b'S'] | [rest @ .., 0xE2, 0x80, 0x99, b's' | b'S'] => rest,
        _ if !bytes.contains(&0xE2) => return Some(word),
        _ => return None,
    };
    let clean = rest.iter().all(|&b| b != b'\'' && b != 0xE2);
    let has_letter = rest.iter().any(|&b| b.is_ascii_alphabetic() || b >= 0x80);
    (clean && has_letter).then(|| &word[..rest.len()])
}

/// Sentence terminals that end an n-gram: `.`, `!`, `?`, `…`, and their full-width, CJK and
/// doubled forms.
fn is_sentence_end(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '。' | '！' | '？' | '‼' | '⁇' | '⁈' | '⁉' | '؟' | '।'
    )
}

/// Calls `found(key, surface)` for every word of `text` (see [`WordFinder::for_each_word`]).
pub fn for_each_word(text: &str, found: impl FnMut(&str, &str)) {
    WordFinder::default().for_each_word(text, found);
}

/// Whether `text` is already NFKC, answered quickly for the usual case: every character "inert"
/// (NFKC_Quick_Check=Yes and canonical combining class 0), which a bitmap answers in one
/// look-up ([`is_inert`]); anything else asks the full quick check.
fn is_nfkc(text: &str) -> bool {
    text.chars().all(is_inert)
        || unicode_normalization::is_nfkc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// The blocks of 64 code points in all of Unicode.
const INERT_BLOCKS: usize = (char::MAX as usize + 1) / 64;

/// One bit per character: NFKC_Quick_Check=Yes with combining class 0 ([`inert_block`]), each
/// 64-character block filled in the first time one of its characters is asked about: the whole
/// map costs ~20 M instructions for the BMP alone, and a text touches few blocks. All of
/// Unicode, not the BMP alone: words glued to emoji (`🇦dialogue`) otherwise took the full
/// quick check, a search of a long table of ranges, often enough for V8 to spend 16 ms
/// optimising it in the npm package (139 KB of zeros, touched a block at a time).
static INERT_BITS: [AtomicU64; INERT_BLOCKS] = [const { AtomicU64::new(0) }; INERT_BLOCKS];
/// One bit per block of [`INERT_BITS`]: filled in. A block may be computed twice by two threads
/// at once; both store the same bits.
static INERT_KNOWN: [AtomicU64; INERT_BLOCKS / 64] =
    [const { AtomicU64::new(0) }; INERT_BLOCKS / 64];

/// Whether `c` is NFKC_Quick_Check=Yes and of canonical combining class 0.
#[inline]
fn is_inert(c: char) -> bool {
    let code = c as usize;
    let block = code / 64;
    let known_bit = 1 << (block % 64);
    // Acquire pairs with the Release below: a block seen as known has its bits stored.
    if INERT_KNOWN[block / 64].load(Ordering::Acquire) & known_bit == 0 {
        INERT_BITS[block].store(inert_block(block), Ordering::Relaxed);
        INERT_KNOWN[block / 64].fetch_or(known_bit, Ordering::Release);
    }
    INERT_BITS[block].load(Ordering::Relaxed) & (1 << (code % 64)) != 0
}

/// The inert bits of the 64 characters from `block * 64`, from `unicode-normalization`'s own
/// tables (so both answers of [`is_nfkc`] come from one source).
///
/// Cold, and never inlined: it runs once per block, and inlined it would make the check that
/// runs for every character of a word a larger function, which V8 takes longer to optimise in
/// the npm package (see `find_entities_with`).
#[cold]
#[inline(never)]
fn inert_block(block: usize) -> u64 {
    let mut bits = 0;
    for offset in 0..64 {
        let Some(c) = char::from_u32((block * 64 + offset) as u32) else {
            continue;
        };
        let yes = unicode_normalization::is_nfkc_quick(std::iter::once(c))
            == unicode_normalization::IsNormalized::Yes;
        if yes && unicode_normalization::char::canonical_combining_class(c) == 0 {
            bits |= 1 << offset;
        }
    }
    bits
}

/// The whole bitmap of [`INERT_BITS`] at once, for the tests.
#[cfg(test)]
fn inert_bmp() -> &'static [u64; 1024] {
    static INERT: OnceLock<Box<[u64; 1024]>> = OnceLock::new();
    INERT.get_or_init(|| {
        let mut bits = Box::new([0u64; 1024]);
        for (block, slot) in bits.iter_mut().enumerate() {
            *slot = inert_block(block);
        }
        bits
    })
}

/// UAX #29 word break classes of the ASCII characters and of the few others that
/// [`simple_class`] knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ascii {
    /// ALetter: `A-Z a-z`.
    Letter,
    /// Numeric: `0-9`.
    Digit,
    /// ExtendNumLet: `_`.
    Connector,
    /// MidLetter: `:`.
    MidLetter,
    /// MidNumLet `.` and Single_Quote `'` (together MidNumLetQ).
    MidNumLetQ,
    /// MidNum: `,` `;`.
    MidNum,
    Other,
}

const fn ascii_class(b: u8) -> Ascii {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Ascii::Letter,
        b'0'..=b'9' => Ascii::Digit,
        b'_' => Ascii::Connector,
        b':' => Ascii::MidLetter,
        b'.' | b'\'' => Ascii::MidNumLetQ,
        b',' | b';' => Ascii::MidNum,
        _ => Ascii::Other,
    }
}

/// The class of a character whose segmentation and normalisation are plain: ASCII, the letters
/// of Latin-1 and basic Cyrillic (ALetter, general category L, NFKC-inert: checked in the tests),
/// U+2019, the typographic apostrophe (MidNumLet), and the quotes and dashes of Russian and
/// English prose, `«` `»` `“` `”` `„` `–` `—` (Other: they break on both sides). Anything else
/// sends its token down the full path. The scanner reads these from UTF-8 bytes ([`BYTE_FLAGS`], [`decode_simple`]),
/// which the tests hold to this definition.
#[cfg_attr(not(test), allow(dead_code))]
fn simple_class(c: char) -> Option<Ascii> {
    match c {
        '\0'..='\x7F' => Some(ascii_class(c as u8)),
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{FF}' | '\u{400}'..='\u{45F}' => {
            Some(Ascii::Letter)
        }
        '\u{2019}' => Some(Ascii::MidNumLetQ),
        '«' | '»' | '“' | '”' | '„' | '–' | '—' => Some(Ascii::Other),
        _ => None,
    }
}

/// A non-ASCII [`simple_class`] character as the scanner reads it from UTF-8: its class, its
/// flags (below) and its length in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SimpleChar {
    class: Ascii,
    flags: u8,
    len: u8,
}

/// ASCII white space: ends a token.
const SPACE: u8 = 1;
/// A letter (general category L): a segment with one is a word.
const LETTER: u8 = 1 << 1;
/// A capital: the key differs from the surface.
const UPPER: u8 = 1 << 2;
/// `ё` or `Ё`: the key differs from the surface when folding `ё`.
const YO: u8 = 1 << 3;
/// `'` or U+2019: the word needs [`tidy_word`].
const APOSTROPHE: u8 = 1 << 4;
/// `.`, `!` or `?`: a sentence end ([`is_sentence_end`]) between words.
const SENTENCE_END: u8 = 1 << 5;
/// A letter, digit or `_`: joins its like into one segment (WB5, WB8–WB10, WB13a/b).
const JOINS: u8 = 1 << 6;
/// MidLetter, MidNum or MidNumLetQ: may join two letters or two digits (WB6/7, WB11/12).
const MID: u8 = 1 << 7;

/// The flags of every byte as an ASCII character, from [`ascii_class`]; 0 for the bytes of
/// longer characters, which [`decode_simple`] reads.
const BYTE_FLAGS: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        let mut flags = 0;
        match ascii_class(b) {
            Ascii::Letter => flags |= LETTER | JOINS,
            Ascii::Digit | Ascii::Connector => flags |= JOINS,
            Ascii::MidLetter | Ascii::MidNumLetQ | Ascii::MidNum => flags |= MID,
            Ascii::Other => {}
        }
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0B' | b'\x0C') {
            flags |= SPACE;
        }
        if b.is_ascii_uppercase() {
            flags |= UPPER;
        }
        if b == b'\'' {
            flags |= APOSTROPHE;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            flags |= SENTENCE_END;
        }
        table[byte] = flags;
        byte += 1;
    }
    table
};

/// The non-ASCII [`simple_class`] character that starts at `bytes[at]` (a lead byte of valid
/// UTF-8), or None when it is not simple: Latin-1 letters are C3 80–BF but C3 97 (×) and C3 B7
/// (÷); basic Cyrillic is D0 80–BF and D1 80–9F; `«` `»` are C2 AB, C2 BB; U+2019 is E2 80 99,
/// and the dashes and double quotes E2 80 93, 94, 9C, 9D, 9E.
#[inline(always)]
fn decode_simple(bytes: &[u8], at: usize) -> Option<SimpleChar> {
    const fn letter(flags: u8) -> SimpleChar {
        SimpleChar {
            class: Ascii::Letter,
            flags: LETTER | JOINS | flags,
            len: 2,
        }
    }
    const OTHER: SimpleChar = SimpleChar {
        class: Ascii::Other,
        flags: 0,
        len: 3,
    };
    let second = *bytes.get(at + 1)?;
    match bytes[at] {
        0xC2 if matches!(second, 0xAB | 0xBB) => Some(SimpleChar { len: 2, ..OTHER }),
        0xC3 => match second {
            0x97 | 0xB7 => None,
            // U+00C0–U+00DE: capitals (U+00DF `ß` is small).
            0x80..=0x9E => Some(letter(UPPER)),
            _ => Some(letter(0)),
        },
        0xD0 => match second {
            0x81 => Some(letter(UPPER | YO)),
            // U+0400–U+042F: capitals.
            0x80..=0xAF => Some(letter(UPPER)),
            _ => Some(letter(0)),
        },
        0xD1 => match second {
            0x91 => Some(letter(YO)),
            0x80..=0x9F => Some(letter(0)),
            _ => None,
        },
        0xE2 if second == 0x80 => match bytes.get(at + 2)? {
            0x99 => Some(SimpleChar {
                class: Ascii::MidNumLetQ,
                flags: MID | APOSTROPHE,
                len: 3,
            }),
            0x93 | 0x94 | 0x9C | 0x9D | 0x9E => Some(OTHER),
            _ => None,
        },
        _ => None,
    }
}

/// The class and flags of the [`simple_class`] character at `bytes[at]`, a character boundary
/// of valid UTF-8 before its end; `Err(at)` when it is not simple.
#[inline(always)]
fn simple_char_at(bytes: &[u8], at: usize) -> Result<(Ascii, u8, usize), usize> {
    let byte = bytes[at];
    if byte < 0x80 {
        Ok((ascii_class(byte), BYTE_FLAGS[usize::from(byte)], 1))
    } else {
        let c = decode_simple(bytes, at).ok_or(at)?;
        Ok((c.class, c.flags, usize::from(c.len)))
    }
}

/// Where a run of basic Cyrillic letters (D0 80–BF, D1 80–9F) from `at` ends, found four
/// letters at a time, or where fewer than four are left (the caller finishes a pair at a time).
/// Each letter is a little-endian pair `lead | next << 8`; xor with `80D0` leaves a letter's
/// low byte `00` (lead D0) or `01` (lead D1) and its high byte below 40, or below 20 after D1.
#[inline]
fn cyrillic_run_end(bytes: &[u8], mut at: usize) -> usize {
    const LANES: u64 = 0x0001_0001_0001_0001;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ (0x80D0 * LANES);
        // Not D0 or D1, or not a continuation byte; or D1 with a byte of A0 and above.
        let not_letter = (x & (0xC0FE * LANES)) | (x & (x >> 13) & LANES);
        if not_letter != 0 {
            return at + 2 * (not_letter.trailing_zeros() / 16) as usize;
        }
        at += 8;
    }
    at
}

/// Reads on from `at`, just after a joining character with flags `flags`, to the end of its
/// segment (WB5, WB8–WB10, WB13a/b, and WB6/7, WB11/12 across one mid character); returns
/// the end and the ORed flags of the segment's characters, or `Err` with the offset of a
/// character that is not simple.
#[inline(always)]
fn scan_joined(bytes: &[u8], mut at: usize, mut flags: u8) -> Result<(usize, u8), usize> {
    loop {
        // The run of joining characters, the bulk of the text.
        let stop = loop {
            let Some(&byte) = bytes.get(at) else {
                return Ok((at, flags));
            };
            let ascii = BYTE_FLAGS[usize::from(byte)];
            if ascii & JOINS != 0 {
                flags |= ascii;
                at += 1;
                if flags & LETTER != 0 {
                    // The segment has its letter: only the end of the ASCII run matters.
                    while let Some(&byte) = bytes.get(at) {
                        if BYTE_FLAGS[usize::from(byte)] & JOINS == 0 {
                            break;
                        }
                        at += 1;
                    }
                }
            } else if byte < 0x80 {
                break ascii;
            } else if byte == 0xD0 || (byte == 0xD1 && bytes[at + 1] < 0xA0) {
                // Basic Cyrillic, U+0400–U+045F (D0 80–BF, D1 80–9F): letters, and the rest of
                // their run. The flags of capitals and `ё` are left out: keys ask
                // [`simple_key_differs`].
                flags |= LETTER;
                at += 2;
                at = cyrillic_run_end(bytes, at);
                while let [0xD0, _, ..] | [0xD1, 0x80..=0x9F, ..] = bytes[at..] {
                    at += 2;
                }
            } else {
                let c = decode_simple(bytes, at).ok_or(at)?;
                if c.flags & JOINS == 0 {
                    break c.flags;
                }
                flags |= c.flags;
                at += usize::from(c.len);
            }
        };
        if stop & MID == 0 {
            return Ok((at, flags));
        }
        // Most mid characters end a word, before white space or more punctuation: an ASCII
        // one followed by an ASCII character that joins nothing.
        if bytes[at] < 0x80 {
            if let Some(&next) = bytes.get(at + 1) {
                if next < 0x80 && BYTE_FLAGS[usize::from(next)] & JOINS == 0 {
                    return Ok((at, flags));
                }
            }
        }
        // WB6/7, WB11/12: one mid character between two letters or two digits.
        let last = match bytes[at - 1] {
            byte @ 0..=0x7F => ascii_class(byte),
            // A joining character that is not ASCII is a letter.
            _ => Ascii::Letter,
        };
        let (mid, mid_flags, mid_len) = simple_char_at(bytes, at)?;
        let after_mid = at + mid_len;
        let joins_across = match last {
            Ascii::Letter => matches!(mid, Ascii::MidLetter | Ascii::MidNumLetQ),
            Ascii::Digit => matches!(mid, Ascii::MidNum | Ascii::MidNumLetQ),
            _ => false,
        };
        if !joins_across || after_mid == bytes.len() {
            return Ok((at, flags));
        }
        let (next, next_flags, next_len) = simple_char_at(bytes, after_mid)?;
        if next != last {
            return Ok((at, flags));
        }
        flags |= mid_flags | next_flags;
        at = after_mid + next_len;
    }
}

/// Apostrophes: U+2019 and U+02BC read as `'`, trimmed at both ends, then a final `'s` dropped
/// (`Lavrov’s` → `Lavrov`, `it's` → `it`). False when no letter is left.
fn tidy_word(segment: &str, out: &mut String) -> bool {
    out.clear();
    if !segment.contains(['\'', '\u{2019}', '\u{02BC}']) {
        // Most words have no apostrophe: nothing to tidy (the caller saw a letter in it).
        out.push_str(segment);
        return true;
    }
    // Copy the runs between typographic apostrophes whole. E2 and CA are lead bytes, never
    // continuation bytes, so a match starts a character.
    let bytes = segment.as_bytes();
    let (mut copied_to, mut at) = (0, 0);
    while at < bytes.len() {
        let apostrophe_len = match bytes[at] {
            0xE2 if bytes[at + 1..].starts_with(&[0x80, 0x99]) => 3,
            0xCA if bytes.get(at + 1) == Some(&0xBC) => 2,
            _ => 0,
        };
        if apostrophe_len == 0 {
            at += 1;
            continue;
        }
        out.push_str(&segment[copied_to..at]);
        out.push('\'');
        at += apostrophe_len;
        copied_to = at;
    }
    out.push_str(&segment[copied_to..]);
    let start = out.len() - out.trim_start_matches('\'').len();
    let mut end = out.trim_end_matches('\'').len().max(start);
    let word = &out[start..end];
    if word.len() > 2 && (word.ends_with("'s") || word.ends_with("'S")) {
        end = out[..end - 2].trim_end_matches('\'').len().max(start);
    }
    if !out[start..end].chars().any(is_letter) {
        return false;
    }
    out.truncate(end);
    out.drain(..start);
    true
}

/// The stemmer that `stem` applies, as the report's `settings.stem` names it.
pub const STEMMER: &str =
    "snowball: english for Latin script, russian for Cyrillic (rust-stemmers 1.2)";

/// Snowball stemmers for word keys, chosen per word by its script: the first letter's script
/// picks English (Latin) or Russian (Cyrillic); words of other scripts stay as they are.
pub struct Stemmers {
    english: rust_stemmers::Stemmer,
    russian: rust_stemmers::Stemmer,
    /// Stems already computed: a corpus repeats its words, and a stem costs more than a look-up.
    cache: foldhash::HashMap<String, String>,
}

impl Default for Stemmers {
    fn default() -> Self {
        Stemmers {
            english: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            russian: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Russian),
            cache: foldhash::HashMap::default(),
        }
    }
}

impl Stemmers {
    /// As [`Stemmers::stem`], remembering every answer.
    pub fn stem_cached(&mut self, key: &str) -> &str {
        if !self.cache.contains_key(key) {
            let stem = self.stem(key).into_owned();
            self.cache.insert(key.to_string(), stem);
        }
        &self.cache[key]
    }

    /// The stem of a (lower-cased) word key.
    pub fn stem<'a>(&self, key: &'a str) -> std::borrow::Cow<'a, str> {
        match key.chars().find(|&c| is_letter(c)) {
            Some('a'..='z' | '\u{C0}'..='\u{24F}') => self.english.stem(key),
            Some('\u{400}'..='\u{52F}') => self.russian.stem(key),
            _ => std::borrow::Cow::Borrowed(key),
        }
    }
}

/// The stopword set of a configuration: SPEC §4's lists (NLTK English and Russian, as the crate
/// `stop-words` 0.10.1 ships them) unless switched off, plus the user's own words.
#[derive(Debug, Clone)]
pub struct StopwordSet {
    builtin: Option<&'static HashSet<&'static str>>,
    extra: HashSet<String>,
}

impl StopwordSet {
    pub fn new(stopwords: Stopwords, extra: &[String]) -> Self {
        let builtin = match stopwords {
            Stopwords::Default => Some(builtin_stopwords()),
            Stopwords::None => None,
        };
        let extra: HashSet<String> = extra
            .iter()
            .map(|w| w.trim().nfkc().collect::<String>().to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        StopwordSet { builtin, extra }
    }

    /// Whether a word key is a stopword.
    pub fn contains(&self, key: &str) -> bool {
        self.builtin.is_some_and(|set| set.contains(key)) || self.extra.contains(key)
    }
}

fn builtin_stopwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        stop_words::get("en")
            .iter()
            .chain(stop_words::get("ru"))
            .copied()
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for_each_word(text, |key, surface| {
            out.push((key.to_string(), surface.to_string()))
        });
        out
    }

    fn keys(text: &str) -> Vec<String> {
        words(text).into_iter().map(|(k, _)| k).collect()
    }

    #[test]
    fn spec_examples() {
        assert_eq!(
            keys("U.S. 78thAnniversary asia5 2024"),
            ["u.s", "78thanniversary", "asia5"]
        );
        assert_eq!(keys("Lavrov’s CSTO’s it's"), ["lavrov", "csto", "it"]);
        assert_eq!(keys("Straße"), ["straße"]);
    }

    #[test]
    fn surface_keeps_the_case_as_written() {
        assert_eq!(
            words("Russia’s"),
            [("russia".to_string(), "Russia".to_string())]
        );
    }

    #[test]
    fn nfkc_applies_before_segmentation() {
        assert_eq!(keys("ﬁne Ｒｕｓｓｉａ"), ["fine", "russia"]);
    }

    #[test]
    fn cyrillic_words() {
        assert_eq!(
            keys("Посольство России в США"),
            ["посольство", "россии", "в", "сша"]
        );
    }

    #[test]
    fn apostrophes_alone_are_not_words() {
        assert_eq!(keys("’ '' rock'n'roll 'tis'"), ["rock'n'roll", "tis"]);
    }

    /// The words as SPEC §4 defines them, computed the plain way: NFKC over the whole text,
    /// then `unicode-segmentation` over it. The fast paths must agree with it.
    fn reference_words(text: &str) -> Vec<(String, String)> {
        let normalized: String = text.nfkc().collect();
        let mut out = Vec::new();
        let mut surface = String::new();
        for segment in normalized.split_word_bounds() {
            if segment.chars().any(is_letter) && tidy_word(segment, &mut surface) {
                out.push((surface.to_lowercase(), surface.clone()));
            }
        }
        out
    }

    /// A small deterministic generator, enough to mix characters.
    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    /// 30,000 random texts of up to `max_len - 1` pieces: the words, keys and sentence breaks
    /// agree with the plain definition, folding `ё` in every other text.
    fn assert_agree_on_random_texts(pieces: &[&str], seed: u64, max_len: u64) {
        let mut state = seed;
        for round in 0..30_000 {
            let text = random_text(&mut state, pieces, max_len);
            let fold_yo = round % 2 == 0;
            assert_eq!(
                words_in_sentences(&text, fold_yo),
                reference_words_in_sentences(&text, fold_yo),
                "text {text:?}, fold_yo {fold_yo}"
            );
        }
    }

    /// Up to `max_len - 1` pieces picked at random and joined.
    fn random_text<T: std::fmt::Display>(state: &mut u64, pieces: &[T], max_len: u64) -> String {
        let len = (xorshift(state) % max_len) as usize;
        (0..len)
            .map(|_| pieces[(xorshift(state) % pieces.len() as u64) as usize].to_string())
            .collect()
    }

    #[test]
    fn ascii_segmentation_agrees_with_unicode_segmentation() {
        let alphabet: Vec<char> = (0x20u8..0x7F).map(char::from).chain(['\t', '\n']).collect();
        let mut state = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            let text = random_text(&mut state, &alphabet, 24);
            assert_eq!(words(&text), reference_words(&text), "text {text:?}");
        }
        for text in [
            "U.S. it's a:b 3.14 1,000 x_1 _a a__b a.1 1.a a..b a'b' 'a 1;2 a;b 1:2",
            "e.g. i.e",
        ] {
            assert_eq!(words(text), reference_words(text), "text {text:?}");
        }
    }

    #[test]
    fn the_fast_paths_agree_with_the_plain_definition_on_mixed_text() {
        let pieces = [
            "a", "Z", "1", " ", "\t", "\n", ".", "'", "’", ":", ",", "_", "-", "é", "e\u{301}",
            "\u{301}", "Я", "ё", "Ё", "ß", "ﬁ", "Ｒ", "\u{A0}", "\u{2009}", "\u{200D}", "😀",
            "日本", "ก", "ΣΑΣ", "’s", "²", "Ⅻ", "\u{FE0F}", "İ", "\u{0}", "#",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let text = random_text(&mut state, &pieces, 12);
            assert_eq!(words(&text), reference_words(&text), "text {text:?}");
        }
    }

    #[test]
    fn simple_letters_are_plain_letters_for_uax29_and_nfkc() {
        let inert = inert_bmp();
        for code in 0x80..0x1_0000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let Some(class) = simple_class(c) else {
                continue;
            };
            assert!(
                inert[code as usize / 64] & (1 << (code % 64)) != 0,
                "{c:?} is NFKC-inert"
            );
            let joined = format!("a{c}a");
            let segments: Vec<&str> = joined.split_word_bounds().collect();
            match class {
                Ascii::Letter => {
                    assert!(is_letter(c), "{c:?} is a letter");
                    assert_eq!(segments, [joined.as_str()], "{c:?} is ALetter");
                    assert_eq!(
                        format!("1{c}").split_word_bounds().count(),
                        1,
                        "{c:?} joins digits"
                    );
                }
                Ascii::MidNumLetQ => {
                    assert_eq!(segments, [joined.as_str()], "{c:?} joins letters");
                    assert_eq!(
                        format!("1{c}1").split_word_bounds().count(),
                        1,
                        "{c:?} joins digits"
                    );
                    assert_eq!(
                        format!("a{c}").split_word_bounds().count(),
                        2,
                        "{c:?} alone ends a word"
                    );
                }
                Ascii::Other => {
                    assert!(!is_letter(c) && !is_sentence_end(c), "{c:?} is punctuation");
                    assert_eq!(segments, ["a", &c.to_string(), "a"], "{c:?} breaks letters");
                    assert_eq!(
                        format!("1{c}1").split_word_bounds().count(),
                        3,
                        "{c:?} breaks digits"
                    );
                }
                other => panic!("{c:?} has class {other:?}"),
            }
        }
    }

    /// The words with their keys (`ё` folded on request) and sentence breaks, computed the
    /// plain way as [`reference_words`] does.
    fn reference_words_in_sentences(text: &str, fold_yo: bool) -> Vec<(String, String, bool)> {
        let normalized: String = text.nfkc().collect();
        let mut out = Vec::new();
        let mut surface = String::new();
        let mut sentence_break = false;
        for segment in normalized.split_word_bounds() {
            if segment.chars().any(is_letter) {
                if tidy_word(segment, &mut surface) {
                    let mut key = surface.to_lowercase();
                    if fold_yo {
                        key = key.replace('ё', "е");
                    }
                    let after_break = std::mem::take(&mut sentence_break);
                    out.push((key, surface.clone(), after_break));
                }
            } else if segment.contains(is_sentence_end) {
                sentence_break = true;
            }
        }
        out
    }

    fn words_in_sentences(text: &str, fold_yo: bool) -> Vec<(String, String, bool)> {
        let mut out = Vec::new();
        WordFinder::new(fold_yo).for_each_word_in_sentences(text, |key, surface, after_break| {
            out.push((key.to_string(), surface.to_string(), after_break))
        });
        out
    }

    #[test]
    fn the_byte_scanner_agrees_with_the_plain_definition_on_latin1_and_cyrillic() {
        let pieces = [
            "a", "Q", "7", "0", " ", "  ", "\t", "\n", "\r", ".", "!", "?", "'", "’", ":", ";",
            ",", "_", "-", "\"", "À", "é", "ß", "ÿ", "Þ", "×", "÷", "Ё", "ё", "Я", "я", "Ѐ", "ѐ",
            "Џ", "џ", "І", "Ѡ", "ґ", "’s", "'S", "…", "«", "»", "—", "\u{A0}", "e\u{301}", "😀",
            "Straße", "ЁЛКА", "U.S.", "3.14", "1,000", "“", "”", "„", "–", "‘", "‚", "«a»",
        ];
        assert_agree_on_random_texts(&pieces, 0x1234_5678_9ABC_DEF1, 16);
    }

    /// The lazy hand-over agrees with the plain definition whether or not the key is asked
    /// for, and asking twice gives the same key.
    #[test]
    fn lazy_words_agree_with_the_plain_definition() {
        let pieces = [
            "a", "Q", "7", " ", "\t", "\n", ".", "!", "'", "’", ":", ",", "_", "-", "À", "é", "ß",
            "Þ", "×", "Ё", "ё", "Я", "я", "Ѐ", "џ", "Ѡ", "’s", "'S", "…", "«", "—", "e\u{301}",
            "😀", "ΣΑΣ", "İ", "ﬁ", "Straße", "ЁЛКА", "U.S.", "3.14", "“", "‘",
        ];
        let mut state = 0x5DEE_CE66_D1CE_4E5B;
        for round in 0..30_000 {
            let text = random_text(&mut state, &pieces, 16);
            let fold_yo = round % 2 == 0;
            let expected = reference_words_in_sentences(&text, fold_yo);
            // Every other word's key is asked for, twice.
            let mut seen = Vec::new();
            let mut finder = WordFinder::new(fold_yo);
            finder.for_each_word_lazily(&text, |mut word, after_break| {
                let key = (seen.len() % 2 == 0).then(|| {
                    let key = word.key().to_string();
                    assert_eq!(word.key(), key, "text {text:?}");
                    key
                });
                seen.push((key, word.surface().to_string(), after_break));
            });
            assert_eq!(seen.len(), expected.len(), "text {text:?}");
            for ((key, surface, after_break), (expected_key, expected_surface, expected_break)) in
                seen.iter().zip(&expected)
            {
                if let Some(key) = key {
                    assert_eq!(key, expected_key, "text {text:?}");
                }
                assert_eq!(surface, expected_surface, "text {text:?}");
                assert_eq!(after_break, expected_break, "text {text:?}");
            }
        }
    }

    #[test]
    fn cyrillic_runs_four_letters_at_a_time_agree_with_pairs() {
        let pieces = [
            "а", "я", "Ѐ", "џ", "ѐ", "ё", "Ё", "Ѡ", "ѻ", "a", " ", "é", "😀", "ӿ",
        ];
        let mut state = 0x0F1E_2D3C_4B5A_6978;
        for _ in 0..30_000 {
            let text = random_text(&mut state, &pieces, 14);
            let bytes = text.as_bytes();
            for (at, _) in text.char_indices() {
                let mut pairs = at;
                while let [0xD0, _, ..] | [0xD1, 0x80..=0x9F, ..] = bytes[pairs..] {
                    pairs += 2;
                }
                let end = cyrillic_run_end(bytes, at);
                assert!(
                    at <= end && end <= pairs && pairs - end < 8,
                    "{text:?} at {at}"
                );
                assert!(bytes[at..end].len() % 2 == 0, "{text:?} at {at}");
                assert!(end == pairs || bytes.len() - end < 8, "{text:?} at {at}");
            }
        }
    }

    /// Words followed by runs of ASCII punctuation (handed over at once when only white space
    /// or the end comes after), with their sentence breaks.
    #[test]
    fn words_before_punctuation_agree_with_the_plain_definition() {
        let pieces = [
            "a", "Я", "1", " ", "\n", ".", "!", "?", ",", ";", ")", "(", "\"", "'", "-", ":", "_",
            "…", "»", "é", "😀", "’",
        ];
        let mut state = 0x1234_5678_9ABC_DEF1;
        for round in 0..30_000 {
            let text = random_text(&mut state, &pieces, 14);
            let fold_yo = round % 2 == 0;
            let expected = reference_words_in_sentences(&text, fold_yo);
            let mut seen = Vec::new();
            let mut finder = WordFinder::new(fold_yo);
            finder.for_each_word_lazily(&text, |mut word, after_break| {
                seen.push((
                    word.key().to_string(),
                    word.surface().to_string(),
                    after_break,
                ));
            });
            assert_eq!(seen, expected, "text {text:?}");
        }
    }

    #[test]
    fn bytes_decode_to_the_simple_classes_with_their_flags() {
        for code in 0..=0x10_FFFFu32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let mut buffer = [0; 4];
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            let decoded = if c.is_ascii() {
                Some((ascii_class(bytes[0]), BYTE_FLAGS[usize::from(bytes[0])], 1))
            } else {
                decode_simple(bytes, 0).map(|s| (s.class, s.flags, usize::from(s.len)))
            };
            let Some(class) = simple_class(c) else {
                assert_eq!(decoded, None, "{c:?} is not simple");
                continue;
            };
            let Some((decoded_class, flags, len)) = decoded else {
                panic!("{c:?} is simple");
            };
            assert_eq!(decoded_class, class, "{c:?}");
            assert_eq!(len, c.len_utf8(), "{c:?}");
            let has = |flag: u8| flags & flag != 0;
            assert_eq!(has(SPACE), " \t\n\r\x0B\x0C".contains(c), "{c:?} SPACE");
            assert_eq!(has(LETTER), is_letter(c), "{c:?} LETTER");
            assert_eq!(
                has(UPPER),
                !c.to_lowercase().eq(std::iter::once(c)),
                "{c:?} UPPER"
            );
            assert_eq!(has(YO), matches!(c, 'ё' | 'Ё'), "{c:?} YO");
            assert_eq!(has(APOSTROPHE), matches!(c, '\'' | '’'), "{c:?} APOSTROPHE");
            assert_eq!(has(SENTENCE_END), is_sentence_end(c), "{c:?} SENTENCE_END");
            assert_eq!(
                has(JOINS),
                matches!(class, Ascii::Letter | Ascii::Digit | Ascii::Connector),
                "{c:?} JOINS"
            );
            assert_eq!(
                has(MID),
                matches!(class, Ascii::MidLetter | Ascii::MidNum | Ascii::MidNumLetQ),
                "{c:?} MID"
            );
        }
        assert!(BYTE_FLAGS[0x80..].iter().all(|&flags| flags == 0));
    }

    #[test]
    fn simple_lower_casing_agrees_with_char_to_lowercase() {
        let simple: Vec<char> = (0..0x1_0000u32)
            .filter_map(char::from_u32)
            .filter(|&c| simple_class(c).is_some())
            .collect();
        let mut key = String::new();
        for &c in &simple {
            let lower: String = c.to_lowercase().collect();
            lower_simple_into(&c.to_string(), false, &mut key);
            assert_eq!(key, lower, "{c:?}");
            lower_simple_into(&c.to_string(), true, &mut key);
            assert_eq!(key, lower.replace('ё', "е"), "{c:?} with ё folded");
        }
        let mut state = 0x0DDB_1A5E_5BAD_5EED;
        for _ in 0..20_000 {
            let text = random_text(&mut state, &simple, 10);
            lower_simple_into(&text, false, &mut key);
            assert_eq!(key, text.to_lowercase(), "text {text:?}");
            lower_simple_into(&text, true, &mut key);
            assert_eq!(key, text.to_lowercase().replace('ё', "е"), "text {text:?}");
        }
    }

    /// Words of simple tokens (a joining character, then mid and joining characters in turn
    /// or joining ones alone, and a letter): [`simple_tidy`] agrees with [`tidy_word`] where it answers, and
    /// [`simple_key_differs`] with [`lower_simple_into`].
    #[test]
    fn simple_tidying_and_key_test_agree_with_the_general_ones() {
        let joining = [
            "a", "S", "s", "7", "_", "é", "Þ", "я", "Я", "ё", "Ё", "џ", "Ѐ",
        ];
        let mids = ["'", "’", ".", ":", ","];
        let mut state = 0xA076_1D64_78BD_642F;
        let mut surface = String::new();
        let mut key = String::new();
        let mut answered = 0;
        for _ in 0..50_000 {
            let len = 1 + (xorshift(&mut state) % 8) as usize;
            let mut word = String::new();
            for index in 0..len {
                if index > 0 && xorshift(&mut state) % 3 == 0 {
                    word.push_str(mids[(xorshift(&mut state) % mids.len() as u64) as usize]);
                }
                word.push_str(joining[(xorshift(&mut state) % joining.len() as u64) as usize]);
            }
            // The scanner hands over only segments with a letter.
            if !word.chars().any(is_letter) {
                continue;
            }
            let tidied = tidy_word(&word, &mut surface).then(|| surface.clone());
            if let Some(fast) = simple_tidy(&word) {
                answered += 1;
                assert_eq!(Some(fast), tidied.as_deref(), "word {word:?}");
            }
            let Some(tidied) = tidied else {
                continue;
            };
            for fold_yo in [false, true] {
                lower_simple_into(&tidied, fold_yo, &mut key);
                assert_eq!(
                    simple_key_differs(&tidied, fold_yo),
                    key != tidied,
                    "word {tidied:?}, fold_yo {fold_yo}"
                );
            }
        }
        assert!(answered > 20_000, "{answered}");
    }

    /// Long runs of letters and digits, Latin and Cyrillic (the scanner's tight loops).
    #[test]
    fn long_runs_agree_with_the_plain_definition() {
        let pieces = [
            "abcdefgh",
            "ABCDEFGHIJ",
            "0123456789",
            "x",
            "9",
            "_",
            " ",
            ".",
            "'",
            "’s",
            ",",
            "я",
            "Ёлка",
            "ПРИВЕТмир",
            "ѠѠ",
            "é",
            "ß",
            "😀",
            "e\u{301}",
            "—",
            "«",
            "!",
        ];
        assert_agree_on_random_texts(&pieces, 0x8F1B_BCDC_BF0E_4A33, 10);
    }

    #[test]
    fn inert_blocks_agree_with_the_whole_bitmap() {
        let whole = inert_bmp();
        for code in (0..0x1_0000u32).step_by(7) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let bit = whole[code as usize / 64] & (1 << (code % 64)) != 0;
            assert_eq!(is_inert(c), bit, "{c:?}");
        }
        // Beyond the BMP, each character against the quick check itself.
        for code in (0x1_0000..=char::MAX as u32).step_by(13) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let inert = unicode_normalization::is_nfkc_quick(std::iter::once(c))
                == unicode_normalization::IsNormalized::Yes
                && unicode_normalization::char::canonical_combining_class(c) == 0;
            assert_eq!(is_inert(c), inert, "{c:?}");
        }
        assert!(is_inert('😀'), "no decomposition, combining class 0");
        assert!(is_inert('\u{1F1E6}'), "a regional indicator");
        assert!(
            !is_inert('\u{1D400}'),
            "mathematical bold A: compatibility decomposition"
        );
        assert!(!is_inert('\u{1D167}'), "a combining mark of the SMP");
    }

    #[test]
    fn stems_follow_the_script_of_each_word() {
        let stemmers = Stemmers::default();
        assert_eq!(stemmers.stem("running"), "run");
        assert_eq!(stemmers.stem("countries"), "countri");
        assert_eq!(stemmers.stem("переговоры"), "переговор");
        assert_eq!(stemmers.stem("日本"), "日本");
    }

    #[test]
    fn sentence_ends_are_reported_with_the_next_word() {
        let mut finder = WordFinder::new(false);
        let mut seen = Vec::new();
        finder.for_each_word_in_sentences(
            "One two. Three, four! Пять… шесть U.S. seven",
            |k, _, b| seen.push((k.to_string(), b)),
        );
        let breaks: Vec<&str> = seen
            .iter()
            .filter(|(_, b)| *b)
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(breaks, ["three", "пять", "шесть", "seven"]);
    }

    #[test]
    fn yo_folds_into_ye_on_request() {
        let mut finder = WordFinder::new(true);
        let mut keys = Vec::new();
        finder.for_each_word("Ёлка ёж", |k, s| {
            keys.push((k.to_string(), s.to_string()))
        });
        assert_eq!(
            keys,
            [
                ("елка".to_string(), "Ёлка".to_string()),
                ("еж".to_string(), "ёж".to_string())
            ]
        );
    }

    #[test]
    fn builtin_lists_are_nltk_english_and_russian() {
        assert_eq!(stop_words::get("en").len(), 198);
        assert_eq!(stop_words::get("ru").len(), 151);
        let set = StopwordSet::new(Stopwords::Default, &["Foo".to_string()]);
        assert!(set.contains("the") && set.contains("и") && set.contains("foo"));
        assert!(!set.contains("russia"));
        let none = StopwordSet::new(Stopwords::None, &[]);
        assert!(!none.contains("the"));
    }
}
