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
fn a_report_that_moves_the_counts_out_equals_the_one_that_copies_them() {
    let inputs = inputs();
    let texts: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let deeper = Config {
        posts: true,
        ngrams: true,
        cooccurrence: true,
        distinctive: true,
        timeline: TimelineUnit::Month,
        ..Config::default()
    };
    for config in configs().into_iter().chain([deeper]) {
        for top in [0, 1, 5] {
            // One input alone (a channel without chats), and all of them (chats, sources).
            for texts in [&texts[..1], &texts[..]] {
                let partial = partial(texts, &config);
                let copied = partial.report(top);
                assert_eq!(partial.into_report(top), copied, "top {top}, {config:?}");
            }
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

/// A `web-preview-text` input cut at post boundaries into parts, each read by its own analyzer
/// and merged in order, as the CLI reads a large file on several threads.
fn partial_in_parts(text: &str, cuts: &[usize], config: &Config) -> Partial {
    let mut bounds = vec![0];
    bounds.extend_from_slice(cuts);
    bounds.push(text.len());
    let mut parts = bounds.windows(2).map(|range| {
        let (start, end) = (range[0], range[1]);
        let mut analyzer = Analyzer::new(config).expect("valid options");
        let bytes = &text.as_bytes()[start..end];
        if start == 0 {
            analyzer.read_input(bytes, false).expect("reads");
        } else {
            analyzer
                .read_web_preview_text_part(bytes, start as u64, false)
                .expect("reads");
        }
        analyzer.into_partial()
    });
    let mut merged = parts.next().expect("one part at least");
    for part in parts {
        merged.merge(part).expect("same options");
    }
    merged
}

/// Every post boundary that [`next_post_boundary`] finds from every `step`-th byte.
fn boundaries(text: &str, step: usize) -> Vec<usize> {
    use tgtext::input::web_preview_text::next_post_boundary;
    let mut found: Vec<usize> = (0..text.len())
        .step_by(step)
        .filter_map(|from| next_post_boundary(&text.as_bytes()[from..]).map(|at| from + at))
        .collect();
    found.dedup();
    found
}

#[test]
fn a_web_preview_text_read_in_parts_gives_the_report_of_the_whole() {
    let texts = [
        read("channel-cis.txt"),
        corpus::web_preview_text(5, 100_000),
        // A header, a placeholder and `VIEW IN TELEGRAM` just before a footer, and lines that
        // only look like a header (a part must not take them for one) or a footer.
        "Chan\n1 subscriber\nDownload Telegram\nMedia is too big\nVIEW IN TELEGRAM\n\
         5 views 10:00\nOther channel\n12 subscribers\nDownload Telegram\n#a text\n\
         12 views edited 9:05 PM\n\
         Forwarded from X\n\u{1F1F7}\u{1F1FA} b\r\n7 views 1:00\r\nJune 10\n3 views\nc\n"
            .to_string(),
    ];
    let configs = [
        Config::default(),
        Config {
            posts: true,
            ngrams: true,
            cooccurrence: true,
            distinctive: true,
            ..Config::default()
        },
    ];
    for text in &texts {
        let cuts = boundaries(text, (text.len() / 40).max(1));
        assert!(cuts.len() >= 2, "the text has posts to cut between");
        for config in &configs {
            let whole = partial(&[text], config).report(0).to_json();
            for cut in &cuts {
                let parts = partial_in_parts(text, &[*cut], config).report(0).to_json();
                assert_eq!(parts, whole, "cut at {cut} with {config:?}");
            }
            let parts = partial_in_parts(text, &cuts, config).report(0).to_json();
            assert_eq!(parts, whole, "cut at every boundary with {config:?}");
        }
    }
}

#[test]
fn a_part_names_errors_by_their_offset_in_the_whole_input() {
    let mut text = corpus::web_preview_text(6, 50_000).into_bytes();
    let cut = boundaries(std::str::from_utf8(&text).expect("UTF-8"), 10_000)[1];
    let bad = cut + 100;
    text[bad] = 0xFF;
    let whole = Analyzer::new(&Config::default())
        .expect("valid options")
        .read_input(&text[..], false)
        .expect_err("invalid UTF-8");
    let part = Analyzer::new(&Config::default())
        .expect("valid options")
        .read_web_preview_text_part(&text[cut..], cut as u64, false)
        .expect_err("invalid UTF-8");
    assert_eq!(whole.offset(), Some(bad as u64));
    assert_eq!(part.to_string(), whole.to_string());
}
