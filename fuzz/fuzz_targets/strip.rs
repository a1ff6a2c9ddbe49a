//! strip_post with any options: idempotent (SPEC-NOTES: stripping repeats until nothing more is
//! removed), lines trimmed, single spaces between entities, no leading, trailing or tripled
//! blank lines.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use tgtext::entities::find_entities;
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
        // Between entities runs of spaces and tabs are one space; kept entities stay as
        // written (a tab inside a URL's path is part of the URL: SPEC-NOTES).
        let mut from = 0;
        let ends = [line.len()..line.len()];
        for entity in find_entities(line).into_iter().map(|e| e.range).chain(ends) {
            let gap = &line[from..entity.start];
            assert!(
                !gap.contains("  ") && !gap.contains('\t'),
                "spaces in {gap:?} of {once:?}"
            );
            from = entity.end;
        }
    }
    assert!(
        !once.starts_with('\n') && !once.ends_with('\n') && !once.contains("\n\n\n"),
        "blank lines in {once:?}"
    );
    let twice = strip_post(&once, &config);
    assert_eq!(once, twice, "strip is not idempotent on {:?}", input.text);
});
