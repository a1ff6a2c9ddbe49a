//! Words (SPEC §4): NFKC, full lower-casing, UAX #29 word segments that hold a letter,
//! apostrophes tidied, English possessives dropped, stopwords removed last.
//!
//! Callers hand over only text that no entity covers, one gap at a time, so every removed
//! entity acts as a word boundary (`Lavrov🇷🇺said` → `lavrov`, `said`).

use foldhash::HashSet;
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
    /// The words of the token being scanned by [`WordFinder::scan_simple_token`], held back
    /// until the whole token is known to be simple.
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
    /// UTF-8 bytes by [`WordFinder::scan_simple_token`], UAX #29 restricted to those characters
    /// (tested against `unicode-segmentation`); any other token goes through the NFKC quick
    /// check, the normaliser only when needed, and `unicode-segmentation`.
    pub fn for_each_word(&mut self, text: &str, mut found: impl FnMut(&str, &str)) {
        self.for_each_word_in_sentences(text, |key, surface, _| found(key, surface));
    }

    /// As [`WordFinder::for_each_word`], and also says of each word whether a sentence ended
    /// between it and the word before (`.`, `!`, `?`, `…` and their kin), for n-grams.
    pub fn for_each_word_in_sentences(
        &mut self,
        text: &str,
        mut found: impl FnMut(&str, &str, bool),
    ) {
        self.sentence_break = false;
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if is_space(bytes[at]) {
                at += 1;
                continue;
            }
            match self.scan_simple_token(bytes, at) {
                Ok(end) => {
                    self.emit_spans(text, &mut found);
                    at = end;
                }
                Err(not_simple_at) => {
                    // The bytes before `not_simple_at` hold no white space: look on from there.
                    let end = bytes[not_simple_at..]
                        .iter()
                        .position(|&b| is_space(b))
                        .map_or(bytes.len(), |length| not_simple_at + length);
                    self.full_token(&text[at..end], &mut found);
                    at = end;
                }
            }
        }
    }

    /// Segments the token at byte `start` (no white space before it) into `spans`, reading
    /// [`simple_class`] characters straight from the UTF-8 bytes, and returns where the token
    /// ends; or, at the first character that is not simple, returns its offset in `Err`.
    ///
    /// UAX #29 restricted to the simple characters: WB5, WB8–WB10 and WB13a/b join letters,
    /// digits and `_`; WB6/7 join letters across one MidLetter or MidNumLetQ (`U.S`, `it's`);
    /// WB11/12 join digits across one MidNum or MidNumLetQ (`3.14`, `1,000`); everything else
    /// breaks (WB999). Segments without a letter are not words, so their text counts as text
    /// between words (the `.` of `3.14` ends a sentence, as on the full path).
    fn scan_simple_token(&mut self, bytes: &[u8], start: usize) -> Result<usize, usize> {
        self.spans.clear();
        let mut at = start;
        // Whether a sentence ended since the last word of this token (or its start).
        let mut break_pending = false;
        // The word being read: its start, flags and the class of its last character.
        let mut in_word = false;
        let mut word_from = 0;
        let mut word_flags = 0;
        let mut last = Ascii::Other;
        // A MidLetter/MidNum/MidNumLetQ after the word, waiting for the next character to
        // decide whether it joins (WB6/7, WB11/12): its offset and flags.
        let mut mid_pending = false;
        let mut mid_at = 0;
        let mut mid_flags = 0;
        let end = loop {
            let Some(&lead) = bytes.get(at) else {
                break at;
            };
            let c = if lead < 0x80 {
                ASCII_CHARS[usize::from(lead)]
            } else {
                match decode_simple(bytes, at) {
                    Some(c) => c,
                    None => return Err(at),
                }
            };
            if c.flags & SPACE != 0 {
                break at;
            }
            if in_word {
                if mid_pending {
                    mid_pending = false;
                    // WB7 (letter, mid, letter) and WB12 (digit, mid, digit).
                    if c.class == last {
                        word_flags |= mid_flags | c.flags;
                        at += usize::from(c.len);
                        continue;
                    }
                    // WB999: the word ends before the mid character, which is between words.
                    self.end_word(word_from, mid_at, word_flags, &mut break_pending);
                    break_pending |= mid_flags & SENTENCE_END != 0;
                    in_word = false;
                } else if joins(c.class) {
                    word_flags |= c.flags;
                    last = c.class;
                    at += usize::from(c.len);
                    continue;
                } else if may_join_across(last, c.class) {
                    mid_pending = true;
                    mid_at = at;
                    mid_flags = c.flags;
                    at += usize::from(c.len);
                    continue;
                } else {
                    self.end_word(word_from, at, word_flags, &mut break_pending);
                    in_word = false;
                }
            }
            if joins(c.class) {
                in_word = true;
                word_from = at;
                word_flags = c.flags;
                last = c.class;
            } else {
                break_pending |= c.flags & SENTENCE_END != 0;
            }
            at += usize::from(c.len);
        };
        if in_word {
            if mid_pending {
                self.end_word(word_from, mid_at, word_flags, &mut break_pending);
                break_pending |= mid_flags & SENTENCE_END != 0;
            } else {
                self.end_word(word_from, end, word_flags, &mut break_pending);
            }
        }
        if break_pending {
            // Noted as a word with no text, so that `emit_spans` keeps the order of events.
            self.spans.push(WordSpan {
                from: end,
                to: end,
                break_before: true,
                flags: 0,
            });
        }
        Ok(end)
    }

    /// Closes a segment of the token being scanned: a word when it holds a letter, else text
    /// between words.
    fn end_word(&mut self, from: usize, to: usize, flags: u8, break_pending: &mut bool) {
        if flags & LETTER != 0 {
            self.spans.push(WordSpan {
                from,
                to,
                break_before: std::mem::take(break_pending),
                flags,
            });
        } else {
            *break_pending |= flags & SENTENCE_END != 0;
        }
    }

    /// Hands over the words `scan_simple_token` found. A word without an apostrophe is its own
    /// surface, and its own key too when it has no capital (nor `ё` to fold): no copy.
    fn emit_spans(&mut self, text: &str, found: &mut impl FnMut(&str, &str, bool)) {
        let key_changes = if self.fold_yo { UPPER | YO } else { UPPER };
        for index in 0..self.spans.len() {
            let span = self.spans[index];
            if span.break_before && self.track_sentences {
                self.sentence_break = true;
            }
            if span.flags & LETTER == 0 {
                continue;
            }
            let word = &text[span.from..span.to];
            let surface = if span.flags & APOSTROPHE != 0 {
                if !tidy_word(word, &mut self.surface) {
                    continue;
                }
                self.surface.as_str()
            } else {
                word
            };
            let key = if span.flags & key_changes != 0 {
                lower_simple_into(surface, self.fold_yo, &mut self.key);
                self.key.as_str()
            } else {
                surface
            };
            let after_break = std::mem::take(&mut self.sentence_break);
            found(key, surface, after_break);
        }
    }

    /// The full path for a token with a character that is not simple: the NFKC quick check,
    /// the normaliser only when needed, and `unicode-segmentation`.
    fn full_token(&mut self, token: &str, found: &mut impl FnMut(&str, &str, bool)) {
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

    fn emit(&mut self, segment: &str, found: &mut impl FnMut(&str, &str, bool)) {
        if !tidy_word(segment, &mut self.surface) {
            return;
        }
        self.key.clear();
        if self.surface.is_ascii() {
            self.key.push_str(&self.surface);
            self.key.make_ascii_lowercase();
        } else {
            self.key
                .extend(self.surface.chars().flat_map(char::to_lowercase));
            // `str::to_lowercase` also maps a final capital sigma to `ς`; keep its answer.
            if self.surface.contains('Σ') {
                self.key = self.surface.to_lowercase();
            }
        }
        if self.fold_yo && self.key.contains(['ё', 'Ё']) {
            self.key = self.key.replace('ё', "е");
        }
        let after_break = std::mem::take(&mut self.sentence_break);
        found(&self.key, &self.surface, after_break);
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
/// (NFKC_Quick_Check=Yes and canonical combining class 0), which a lazily built bitmap of the
/// BMP answers in one look-up; anything else asks the full quick check.
fn is_nfkc(text: &str) -> bool {
    let inert = inert_bmp();
    let all_inert = text.chars().all(|c| {
        let c = c as usize;
        c < 0x1_0000 && inert[c / 64] & (1 << (c % 64)) != 0
    });
    all_inert
        || unicode_normalization::is_nfkc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// One bit per BMP character: NFKC_Quick_Check=Yes with combining class 0, from
/// `unicode-normalization`'s own tables (so both answers come from one source).
fn inert_bmp() -> &'static [u64; 1024] {
    static INERT: OnceLock<Box<[u64; 1024]>> = OnceLock::new();
    INERT.get_or_init(|| {
        let mut bits = Box::new([0u64; 1024]);
        for code in 0..0x1_0000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let yes = unicode_normalization::is_nfkc_quick(std::iter::once(c))
                == unicode_normalization::IsNormalized::Yes;
            if yes && unicode_normalization::char::canonical_combining_class(c) == 0 {
                bits[code as usize / 64] |= 1 << (code % 64);
            }
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
/// of Latin-1 and basic Cyrillic (ALetter, general category L, NFKC-inert: checked in the tests)
/// and U+2019, the typographic apostrophe (MidNumLet). Anything else sends its token down the
/// full path. The scanner reads these from UTF-8 bytes ([`decode_simple`], [`ASCII_CHARS`]),
/// which the tests hold to this definition.
#[cfg_attr(not(test), allow(dead_code))]
fn simple_class(c: char) -> Option<Ascii> {
    match c {
        '\0'..='\x7F' => Some(ascii_class(c as u8)),
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{FF}' | '\u{400}'..='\u{45F}' => {
            Some(Ascii::Letter)
        }
        '\u{2019}' => Some(Ascii::MidNumLetQ),
        _ => None,
    }
}

/// A [`simple_class`] character as the scanner reads it from UTF-8: its class, what else it is
/// (the flags below) and its length in bytes.
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

/// [`SimpleChar`] of every ASCII byte, built at compile time from [`ascii_class`].
const ASCII_CHARS: [SimpleChar; 128] = {
    let mut table = [SimpleChar {
        class: Ascii::Other,
        flags: 0,
        len: 1,
    }; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        let class = ascii_class(b);
        let mut flags = 0;
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0B' | b'\x0C') {
            flags |= SPACE;
        }
        if matches!(class, Ascii::Letter) {
            flags |= LETTER;
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
        table[byte] = SimpleChar {
            class,
            flags,
            len: 1,
        };
        byte += 1;
    }
    table
};

/// The non-ASCII [`simple_class`] character that starts at `bytes[at]` (a lead byte of valid
/// UTF-8), or None when it is not simple: Latin-1 letters are C3 80–BF but C3 97 (×) and C3 B7
/// (÷); basic Cyrillic is D0 80–BF and D1 80–9F; U+2019 is E2 80 99.
#[inline]
fn decode_simple(bytes: &[u8], at: usize) -> Option<SimpleChar> {
    const fn letter(flags: u8) -> SimpleChar {
        SimpleChar {
            class: Ascii::Letter,
            flags: LETTER | flags,
            len: 2,
        }
    }
    let second = *bytes.get(at + 1)?;
    match bytes[at] {
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
        0xE2 if second == 0x80 && bytes.get(at + 2) == Some(&0x99) => Some(SimpleChar {
            class: Ascii::MidNumLetQ,
            flags: APOSTROPHE,
            len: 3,
        }),
        _ => None,
    }
}

/// WB5, WB8–WB10, WB13a/b: letters, digits and `_` join each other.
#[inline]
fn joins(class: Ascii) -> bool {
    matches!(class, Ascii::Letter | Ascii::Digit | Ascii::Connector)
}

/// WB6 and WB11: `mid` after `last` joins when the same kind follows (letter MidLetter or
/// MidNumLetQ letter; digit MidNum or MidNumLetQ digit).
#[inline]
fn may_join_across(last: Ascii, mid: Ascii) -> bool {
    match last {
        Ascii::Letter => matches!(mid, Ascii::MidLetter | Ascii::MidNumLetQ),
        Ascii::Digit => matches!(mid, Ascii::MidNum | Ascii::MidNumLetQ),
        _ => false,
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
    out.extend(segment.chars().map(|c| match c {
        '\u{2019}' | '\u{02BC}' => '\'',
        c => c,
    }));
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

    #[test]
    fn ascii_segmentation_agrees_with_unicode_segmentation() {
        let alphabet: Vec<char> = (0x20u8..0x7F).map(char::from).chain(['\t', '\n']).collect();
        let mut state = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            let len = (xorshift(&mut state) % 24) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(xorshift(&mut state) % alphabet.len() as u64) as usize])
                .collect();
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
            let len = (xorshift(&mut state) % 12) as usize;
            let text: String = (0..len)
                .map(|_| pieces[(xorshift(&mut state) % pieces.len() as u64) as usize])
                .collect();
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
                other => panic!("{c:?} has class {other:?}"),
            }
        }
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
