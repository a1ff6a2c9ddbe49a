//! Writes a generated web-preview-text corpus to stdout, for benchmarks:
//! `cargo run --release -p tgtext-tests --bin gen-corpus -- <MEGABYTES> [SEED]`.

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let megabytes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(50);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let target = megabytes * 1_000_000;
    let mut out = std::io::stdout().lock();
    let header = tgtext_tests::corpus::web_preview_text(seed, 0);
    out.write_all(header.as_bytes())
        .expect("stdout is writable");
    let mut written = header.len();
    let mut rng = tgtext_tests::corpus::Rng::new(seed);
    // In parts of ~4 MB, so memory stays small for any size.
    while written < target {
        let piece =
            tgtext_tests::corpus::web_preview_posts(&mut rng, (target - written).min(4_000_000));
        out.write_all(piece.as_bytes()).expect("stdout is writable");
        written += piece.len();
    }
}
