//! Words (SPEC §4): NFKC, full lower-casing, UAX #29 word segments that hold a letter,
//! apostrophes tidied, English possessives dropped, stopwords removed last.
//!
//! Callers hand over only text that no entity covers, one gap at a time, so every removed
//! entity acts as a word boundary (`Lavrov🇷🇺said` → `lavrov`, `said`).

use std::collections::HashSet;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::chars::is_letter;
use crate::config::Stopwords;

/// Calls `found(key, surface)` for every word of `text`, stopwords included: `key` is the
/// lower-cased word, `surface` the same word as written (after NFKC).
pub fn for_each_word(text: &str, mut found: impl FnMut(&str, &str)) {
    let normalized;
    // ASCII is its own NFKC form: skip the normaliser for it.
    let text = if text.is_ascii() {
        text
    } else {
        normalized = text.nfkc().collect::<String>();
        &normalized
    };
    let mut surface = String::new();
    for segment in text.split_word_bounds() {
        if !segment.chars().any(is_letter) {
            continue;
        }
        if !tidy_word(segment, &mut surface) {
            continue;
        }
        let key = surface.to_lowercase();
        found(&key, &surface);
    }
}

/// Apostrophes: U+2019 and U+02BC read as `'`, trimmed at both ends, then a final `'s` dropped
/// (`Lavrov’s` → `Lavrov`, `it's` → `it`). False when no letter is left.
fn tidy_word(segment: &str, out: &mut String) -> bool {
    out.clear();
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
        let extra = extra
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
