//! Writes a generated corpus to stdout, for benchmarks:
//! `cargo run --release -p tgtext-tests --bin gen-corpus -- <MEGABYTES> [SEED] [FORMAT]`,
//! FORMAT `web-preview-text` (default) or `telegram-json`. Deterministic for a seed; written in
//! parts, so memory stays small for any size.

use std::io::Write;

use tgtext_tests::corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let megabytes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(50);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let format = args
        .next()
        .unwrap_or_else(|| "web-preview-text".to_string());
    let target = megabytes * 1_000_000;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut rng = corpus::Rng::new(seed);
    let mut written = 0;
    let mut write = |text: &str, written: &mut usize| {
        out.write_all(text.as_bytes()).expect("stdout is writable");
        *written += text.len();
    };
    match format.as_str() {
        "web-preview-text" => {
            write(&corpus::web_preview_text(seed, 0), &mut written);
            while written < target {
                let part = corpus::web_preview_posts(&mut rng, (target - written).min(4_000_000));
                write(&part, &mut written);
            }
        }
        "telegram-json" => {
            write(
                "{\n \"name\": \"Generated Channel\",\n \"type\": \"public_channel\",\n \"id\": 1000,\n \"messages\": [\n",
                &mut written,
            );
            let mut id = 1;
            let mut unix = 1_672_531_200; // 2023-01-01
            while written + 4 < target {
                if id > 1 {
                    write(",\n", &mut written);
                }
                write(
                    &corpus::telegram_json_message(&mut rng, id, unix),
                    &mut written,
                );
                id += 1;
                unix += 600 + rng.below(3600) as u64;
            }
            write("\n ]\n}\n", &mut written);
        }
        other => panic!("unknown format {other:?}: web-preview-text or telegram-json"),
    }
}
