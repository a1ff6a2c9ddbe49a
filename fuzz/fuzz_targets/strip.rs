//! strip_post with any options: idempotent (SPEC-NOTES: stripping repeats until nothing more is
//! removed), lines trimmed, single spaces, no leading, trailing or tripled blank lines.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use tgtext::{strip_post, Removable, StripConfig};

#[derive(Debug, Arbitrary)]
struct Input {
    remove: u8,
    keep_hashtag_words: bool,
    text: String,
}

fuzz_target!(|input: Input| {
    let remove = Removable::ALL
        .into_iter()
        .enumerate()
        .filter(|(i, _)| input.remove & (1 << i) != 0)
        .map(|(_, kind)| kind)
        .collect();
    let config = StripConfig {
        input: None,
        split: None,
        remove,
        keep_hashtag_words: input.keep_hashtag_words,
    };
    let once = strip_post(&input.text, &config);
    for line in once.split('\n') {
        assert_eq!(
            line,
            line.trim_matches([' ', '\t']),
            "untrimmed line in {once:?}"
        );
        assert!(
            !line.contains("  ") && !line.contains('\t'),
            "spaces in {once:?}"
        );
    }
    assert!(
        !once.starts_with('\n') && !once.ends_with('\n') && !once.contains("\n\n\n"),
        "blank lines in {once:?}"
    );
    let twice = strip_post(&once, &config);
    if once != twice && known_bug(&input.text, &config) {
        return;
    }
    assert_eq!(once, twice, "strip is not idempotent on {:?}", input.text);
});

/// Known bugs that make strip not idempotent (docs/FUZZING.md; the ignored regression tests
/// `strip_is_idempotent_*` in tests/tests/hostile.rs), tolerated so the fuzzer can look
/// further, and only when they explain the failure (the input without what triggers them
/// strips idempotently):
/// - a `\r` that is not part of a line end loses one `\r` per pass;
/// - a tab inside a URL's path (TDLib keeps it there) becomes a space, which ends the URL and
///   reveals what followed (`e.cm/\t#T`: the hashtag goes on the second pass);
/// - with `keep_hashtag_words`, each round turns only the last `#` of a run into text, and
///   rounds stop at 16, so 16 or more stacked `#` leave work for the next strip
///   (`################d.ch`: the URL revealed after the last `#` stays).
fn known_bug(text: &str, config: &StripConfig) -> bool {
    let mut tidied = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' => {}
            '\t' => tidied.push(' '),
            '#' if config.keep_hashtag_words && tidied.ends_with('#') => {}
            c => tidied.push(c),
        }
    }
    if tidied == text {
        return false;
    }
    let once = strip_post(&tidied, config);
    strip_post(&once, config) == once
}
