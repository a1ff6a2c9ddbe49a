//! Partial reports merge into exactly the report of the whole: merge(A, B) = analyze(A + B),
//! where A + B is one run over both inputs, in order.

use tgtext::{Analyzer, Config, Partial, TimelineUnit};
use tgtext_tests::{corpus, data_file};

fn read(name: &str) -> String {
    std::fs::read_to_string(data_file(name)).expect("the fixture exists")
}

fn partial(inputs: &[&str], config: &Config) -> Partial {
    let mut analyzer = Analyzer::new(config).expect("valid options");
    for input in inputs {
        analyzer.read_input(input.as_bytes(), false).expect("reads");
    }
    analyzer.into_partial()
}

fn inputs() -> Vec<String> {
    let mut rng = corpus::Rng::new(9);
    vec![
        read("channel-cis.txt"),
        read("telegram-json/channel-2023.result.json"),
        read("telegram-json/full-account.result.json"),
        corpus::web_preview_text(4, 120_000),
        corpus::web_preview_posts(&mut rng, 80_000),
        read("telegram-json/tg2md-private-channel-2021.result.json"),
    ]
}

fn configs() -> Vec<Config> {
    vec![
        Config::default(),
        Config {
            posts: true,
            top: 7,
            ..Config::default()
        },
        Config {
            timeline: TimelineUnit::Week,
            time_zone: Some("+03:00".to_string()),
            ..Config::default()
        },
    ]
}

#[test]
fn merging_partial_reports_gives_the_report_of_one_run_over_all_inputs() {
    let inputs = inputs();
    for config in configs() {
        for split in 1..inputs.len() {
            let texts: Vec<&str> = inputs.iter().map(String::as_str).collect();
            let whole = partial(&texts, &config).report(config.top);
            let mut merged = partial(&texts[..split], &config);
            merged
                .merge(partial(&texts[split..], &config))
                .expect("same options");
            assert_eq!(
                merged.report(config.top),
                whole,
                "split after input {split} with {config:?}"
            );
        }
    }
}

#[test]
fn merging_one_partial_per_input_in_order_also_gives_the_whole() {
    let inputs = inputs();
    let config = Config {
        posts: true,
        ..Config::default()
    };
    let texts: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let whole = partial(&texts, &config).report(0).to_json();
    let mut parts = texts.iter().map(|t| partial(&[t], &config));
    let mut merged = parts.next().expect("inputs");
    for part in parts {
        merged.merge(part).expect("same options");
    }
    assert_eq!(merged.report(0).to_json(), whole);
}

#[test]
fn a_partial_report_survives_its_json() {
    let config = Config {
        posts: true,
        ..Config::default()
    };
    let sample = read("channel-cis.txt");
    let original = partial(&[&sample], &config);
    let back = Partial::from_json(&original.to_json()).expect("reads back");
    assert_eq!(back.report(0), original.report(0));
    assert_eq!(
        back.to_json(),
        original.to_json(),
        "the same counts give the same bytes"
    );
}

#[test]
fn partial_reports_of_different_options_or_kinds_do_not_merge() {
    let sample = read("channel-cis.txt");
    let mut a = partial(&[&sample], &Config::default());
    let b = partial(
        &[&sample],
        &Config {
            stopwords: tgtext::Stopwords::None,
            ..Config::default()
        },
    );
    let err = a.merge(b).expect_err("different options");
    assert!(err.to_string().contains("different options"), "{err}");
    let err = Partial::from_json("{\"schema\": \"tgtext/report@1\"}")
        .expect_err("a report is not a partial");
    assert!(
        err.to_string().contains("not a tgtext partial report"),
        "{err}"
    );
}
