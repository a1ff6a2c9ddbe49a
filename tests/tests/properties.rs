//! Properties that hold for any input: strip is idempotent, no word holds an entity, and every
//! table adds up to its total. Checked on the sample, every corpus case and generated text.

use tgtext::entities::emoji::find_emoji;
use tgtext::{Config, Removable, Report, StripConfig};
use tgtext_tests::{cases, corpus, data_file};

fn inputs() -> Vec<String> {
    let mut inputs =
        vec![std::fs::read_to_string(data_file("channel-cis.txt")).expect("the sample")];
    inputs.extend(cases::load_all().iter().map(|c| c.text()));
    inputs.extend((0..20).map(|seed| corpus::web_preview_text(seed, 20_000)));
    let mut rng = corpus::Rng::new(7);
    inputs.extend((0..200).map(|_| corpus::post_text(&mut rng)));
    inputs
}

fn strip_configs() -> Vec<StripConfig> {
    vec![
        StripConfig::default(),
        StripConfig {
            keep_hashtag_words: true,
            ..StripConfig::default()
        },
        StripConfig {
            remove: Removable::ALL.to_vec(),
            ..StripConfig::default()
        },
        StripConfig {
            remove: Removable::ALL.to_vec(),
            keep_hashtag_words: true,
            ..StripConfig::default()
        },
    ]
}

#[test]
fn stripping_is_idempotent() {
    let mut failures = Vec::new();
    for input in inputs() {
        for config in strip_configs() {
            for post in tgtext::strip(&input, &config).expect("text strips") {
                let again = tgtext::strip_post(&post.clean_text, &config);
                if again != post.clean_text {
                    failures.push(format!(
                        "{:?}\n   once: {:?}\n  twice: {again:?}",
                        config.remove, post.clean_text
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} posts strip differently twice:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
}

fn check_sums(report: &Report) -> Result<(), String> {
    let t = &report.totals;
    let sum = |items: &[tgtext::Item]| items.iter().map(|i| i.count).sum::<u64>();
    let emoji_sum: u64 = report.emoji.iter().map(|e| e.count).sum();
    let checks = [
        ("words", t.words, sum(&report.words)),
        (
            "distinct_words",
            t.distinct_words,
            report.words.len() as u64,
        ),
        ("hashtags", t.hashtags, sum(&report.hashtags)),
        (
            "distinct_hashtags",
            t.distinct_hashtags,
            report.hashtags.len() as u64,
        ),
        ("emoji", t.emoji, emoji_sum),
        (
            "distinct_emoji",
            t.distinct_emoji,
            report.emoji.len() as u64,
        ),
        ("mentions", t.mentions, sum(&report.mentions)),
        ("cashtags", t.cashtags, sum(&report.cashtags)),
        ("urls", t.urls, sum(&report.domains)),
    ];
    for (name, total, table) in checks {
        if total != table {
            return Err(format!(
                "totals.{name} = {total} but its table sums to {table}"
            ));
        }
    }
    if sum(&report.countries) > t.emoji || sum(&report.sources) > t.posts {
        return Err("countries exceed emoji or sources exceed posts".to_string());
    }
    Ok(())
}

#[test]
fn tables_add_up_to_their_totals_and_words_hold_no_entity() {
    for input in inputs() {
        let report = tgtext::analyze(&input, &Config::default()).expect("text analyses");
        if let Err(problem) = check_sums(&report) {
            panic!("{problem}\ninput: {:?}", &input[..input.len().min(300)]);
        }
        for word in &report.words {
            assert!(
                !word.key.contains(['#', '@']) && find_emoji(&word.key).is_empty(),
                "word {:?} holds an entity",
                word.key
            );
        }
        for item in report
            .hashtags
            .iter()
            .chain(&report.words)
            .chain(&report.mentions)
        {
            assert!(
                item.posts >= 1 && item.posts <= item.count && item.posts <= report.totals.posts
            );
        }
    }
}

#[test]
fn sorting_is_by_count_then_key_in_every_table() {
    let report = tgtext::analyze(&corpus::web_preview_text(3, 200_000), &Config::default())
        .expect("analyses");
    let tables: [&[tgtext::Item]; 6] = [
        &report.hashtags,
        &report.words,
        &report.mentions,
        &report.domains,
        &report.sources,
        &report.countries,
    ];
    for items in tables {
        for pair in items.windows(2) {
            assert!(
                pair[0].count > pair[1].count
                    || (pair[0].count == pair[1].count && pair[0].key < pair[1].key),
                "{:?} before {:?}",
                pair[0].key,
                pair[1].key
            );
        }
    }
}

#[test]
fn top_keeps_the_first_n_of_the_full_order() {
    let text = corpus::web_preview_text(5, 100_000);
    let full = tgtext::analyze(&text, &Config::default()).expect("analyses");
    let top = tgtext::analyze(
        &text,
        &Config {
            top: 5,
            ..Config::default()
        },
    )
    .expect("analyses");
    assert_eq!(top.words[..], full.words[..5]);
    assert_eq!(top.hashtags[..], full.hashtags[..5]);
    assert_eq!(top.totals, full.totals, "totals do not depend on top");
}

#[test]
fn feeding_in_chunks_of_any_size_gives_the_same_report_as_reading() {
    let text = corpus::web_preview_text(11, 150_000);
    let whole = tgtext::analyze(&text, &Config::default())
        .expect("analyses")
        .to_json();
    for chunk_chars in [1, 7, 4096, 70_000] {
        let mut analyzer = tgtext::Analyzer::new(&Config::default()).expect("valid options");
        let chars: Vec<char> = text.chars().collect();
        for chunk in chars.chunks(chunk_chars) {
            analyzer.feed(&chunk.iter().collect::<String>());
        }
        assert_eq!(
            analyzer.finish().to_json(),
            whole,
            "chunks of {chunk_chars} chars"
        );
    }
}
