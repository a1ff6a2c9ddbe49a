//! Micro-benchmarks of the core, so that a regression in one stage shows before it is lost in
//! end-to-end noise (`scripts/bench.sh` measures the whole program against other tools):
//!
//! - `entities`: `tgtext::entities::find_entities`, TDLib's matchers plus the UTS #51 emoji scan,
//!   on one generated post and on 200 posts;
//! - `words`: `tgtext::words::for_each_word` on the text between those posts' entities;
//! - `report`: `tgtext::analyze` of 200 KB of generated channel text, and `Report::to_json`;
//!   building the report of 5 MB's counts: `Partial::report`, which copies the keys and
//!   spellings, and `Partial::into_report`, which moves them (the CLI's way).
//!
//! `cargo bench -p tgtext-benches -- --warm-up-time 1 --measurement-time 2`; add a filter such
//! as `words` after `--` for one group. Throughput is in input bytes (for `to_json`, in
//! bytes of JSON written).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use tgtext::entities::find_entities;
use tgtext::words::for_each_word;
use tgtext::{Analyzer, Config};
use tgtext_benches::{channel_text, gaps, post, posts};

fn entities(c: &mut Criterion) {
    let mut group = c.benchmark_group("entities");
    let one = post(400);
    group.throughput(Throughput::Bytes(one.len() as u64));
    group.bench_function("find_entities/one_post", |b| {
        b.iter(|| find_entities(black_box(&one)))
    });
    let many = posts(200);
    group.throughput(Throughput::Bytes(many.iter().map(|p| p.len() as u64).sum()));
    group.bench_function("find_entities/200_posts", |b| {
        b.iter(|| {
            let mut found = 0;
            for post in &many {
                found += find_entities(black_box(post)).len();
            }
            found
        })
    });
    group.finish();
}

fn words(c: &mut Criterion) {
    let mut group = c.benchmark_group("words");
    let many = posts(200);
    let pieces: Vec<&str> = many.iter().flat_map(|p| gaps(p)).collect();
    group.throughput(Throughput::Bytes(
        pieces.iter().map(|p| p.len() as u64).sum(),
    ));
    group.bench_function("for_each_word/200_posts", |b| {
        b.iter(|| {
            let mut bytes = 0;
            for piece in &pieces {
                for_each_word(black_box(piece), |key, surface| {
                    bytes += key.len() + surface.len();
                });
            }
            bytes
        })
    });
    group.finish();
}

fn report(c: &mut Criterion) {
    let mut group = c.benchmark_group("report");
    let text = channel_text(200_000);
    let config = Config::default();
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("analyze/200KB", |b| {
        b.iter(|| tgtext::analyze(black_box(&text), &config).expect("generated text is valid"))
    });
    let report = tgtext::analyze(&text, &config).expect("generated text is valid");
    // Here throughput is in bytes of JSON written.
    group.throughput(Throughput::Bytes(report.to_json().len() as u64));
    group.bench_function("to_json/200KB", |b| b.iter(|| black_box(&report).to_json()));
    // The counts of 5 MB: thousands of words, hashtags and domains to sort and list.
    let text = channel_text(5_000_000);
    let mut analyzer = Analyzer::new(&config).expect("default options");
    analyzer.feed(&text);
    let partial = analyzer.into_partial();
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("report/5MB", |b| b.iter(|| black_box(&partial).report(0)));
    group.bench_function("into_report/5MB", |b| {
        b.iter_batched(
            || partial.clone(),
            |p| p.into_report(0),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, entities, words, report);
criterion_main!(benches);
