//! Inputs for tgtext's micro-benchmarks (`benches/core.rs`), made by the seeded corpus generator
//! of `tgtext-tests`, so that they are the same on every machine and match what
//! `scripts/bench.sh` measures end to end.
//!
//! Run them with `cargo bench -p tgtext-benches -- --warm-up-time 1 --measurement-time 2`.

use tgtext::entities::{find_entities, Entity};
use tgtext_tests::corpus::{self, Rng};

/// The seed of every input here.
pub const SEED: u64 = 42;

/// `n` generated posts (English and Russian words, hashtags, emoji of every kind, mentions,
/// cashtags, URLs), each one text of one or more paragraphs.
pub fn posts(n: usize) -> Vec<String> {
    let mut rng = Rng::new(SEED);
    (0..n).map(|_| corpus::post_text(&mut rng)).collect()
}

/// One generated post of at least `min_bytes`: a representative single call of the scanner.
pub fn post(min_bytes: usize) -> String {
    let mut rng = Rng::new(SEED);
    loop {
        let post = corpus::post_text(&mut rng);
        if post.len() >= min_bytes {
            return post;
        }
    }
}

/// Generated web-preview-text (a channel header, then posts with sources, footers and date
/// lines) of at least `min_bytes`.
pub fn channel_text(min_bytes: usize) -> String {
    corpus::web_preview_text(SEED, min_bytes)
}

/// The pieces of `text` that no entity covers, which is what the analyser hands to the word
/// counter (every entity acts as a word boundary).
pub fn gaps(text: &str) -> Vec<&str> {
    let mut gaps = Vec::new();
    let mut at = 0;
    for Entity { range, .. } in find_entities(text) {
        if range.start > at {
            gaps.push(&text[at..range.start]);
        }
        at = range.end;
    }
    if at < text.len() {
        gaps.push(&text[at..]);
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_what_they_say() {
        assert!(post(300).len() >= 300);
        assert_eq!(posts(10).len(), 10);
        assert!(channel_text(200_000).len() >= 200_000);
        let text = "Today, #CIS leaders met in Minsk 🇷🇺🇰🇿.";
        assert_eq!(gaps(text), ["Today, ", " leaders met in Minsk ", "."]);
    }
}
