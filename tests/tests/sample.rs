//! The reference sample, `tests/data/channel-cis.txt` (copied from `../shared/samples`), with
//! what reading it shows: 15 posts forwarded from `Russian MFA 🇷🇺`, the header and its
//! counters, one media placeholder, `#CIS` 16 times in 15 posts, whole flags, `❗️` and `⚡️`.

use tgtext::{Config, Report};
use tgtext_tests::data_file;

fn sample_report() -> Report {
    let text =
        std::fs::read_to_string(data_file("channel-cis.txt")).expect("the sample is in the repo");
    tgtext::analyze(&text, &Config::default()).expect("the sample analyses")
}

#[test]
fn the_sample_is_web_preview_text_with_fifteen_forwarded_posts() {
    let report = sample_report();
    assert_eq!(report.format, "web-preview-text");
    assert_eq!(report.totals.posts, 15);
    assert_eq!(report.sources.len(), 1);
    let source = &report.sources[0];
    assert_eq!(
        (source.key.as_str(), source.count, source.posts),
        ("Russian MFA 🇷🇺", 15, 15)
    );
    assert_eq!(report.totals.media_placeholders, 1);
}

#[test]
fn the_header_gives_title_description_and_decimal_counters() {
    let channel = sample_report().channel.expect("the sample has a header");
    assert_eq!(
        channel.title,
        "Embassy of Russia in the USA / Посольство России в США"
    );
    assert_eq!(
        channel.description.as_deref(),
        Some("Официальный новостной канал Посольства России в США.")
    );
    let counters: Vec<(&str, u64)> = channel
        .counters
        .0
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(
        counters,
        [
            ("subscribers", 7000),
            ("photos", 5500),
            ("videos", 646),
            ("files", 140),
            ("links", 2910)
        ]
    );
}

#[test]
fn cis_is_the_top_hashtag_sixteen_times_in_fifteen_posts() {
    let report = sample_report();
    let top = &report.hashtags[0];
    assert_eq!(
        (top.key.as_str(), top.text.as_str(), top.count, top.posts),
        ("cis", "#CIS", 16, 15)
    );
}

#[test]
fn flags_count_as_whole_flags_and_as_countries() {
    let report = sample_report();
    let flag = |key: &str| {
        report
            .emoji
            .iter()
            .find(|e| e.key == key)
            .map(|e| (e.count, e.name.clone()))
    };
    assert_eq!(flag("🇷🇺"), Some((6, Some("flag: Russia".to_string()))));
    assert_eq!(flag("🇺🇿"), Some((2, Some("flag: Uzbekistan".to_string()))));
    // No regional indicator is ever counted alone.
    assert!(report.emoji.iter().all(|e| e.key.chars().count() != 1
        || !('\u{1F1E6}'..='\u{1F1FF}').contains(&e.key.chars().next().unwrap())));
    let russia = report
        .countries
        .iter()
        .find(|c| c.key == "RU")
        .expect("RU is a country");
    assert_eq!((russia.text.as_str(), russia.count), ("Russia", 6));
    let flags: u64 = report.countries.iter().map(|c| c.count).sum();
    assert_eq!(
        flags, 21,
        "21 flags in the post text; the source line's 🇷🇺 is not post text"
    );
}

#[test]
fn exclamation_and_high_voltage_are_found_with_their_selectors() {
    let report = sample_report();
    let emoji = |key: &str| {
        report
            .emoji
            .iter()
            .find(|e| e.key == key)
            .map(|e| (e.text.clone(), e.count))
    };
    assert_eq!(emoji("❗"), Some(("❗".to_string(), 3)));
    assert_eq!(emoji("⚡"), Some(("⚡".to_string(), 1)));
}

#[test]
fn interface_lines_are_not_words() {
    let report = sample_report();
    for word in ["forwarded", "download", "telegram", "subscribers", "media"] {
        assert!(
            report.words.iter().all(|w| w.key != word),
            "{word} is an interface word"
        );
    }
}
