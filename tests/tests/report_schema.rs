//! Pins the JSON shape of SPEC §5 with a model written apart from the core's own types: every
//! key is named, unknown keys are refused, and the key order is checked on the raw bytes.

use std::collections::BTreeMap;

use serde::Deserialize;
use tgtext::Config;
use tgtext_tests::{corpus, data_file};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct WireReport {
    schema: String,
    format: String,
    channel: Option<WireChannel>,
    totals: WireTotals,
    hashtags: Vec<WireItem>,
    emoji: Vec<WireEmoji>,
    words: Vec<WireItem>,
    mentions: Vec<WireItem>,
    cashtags: Vec<WireItem>,
    domains: Vec<WireItem>,
    sources: Vec<WireItem>,
    countries: Vec<WireItem>,
    chats: Option<Vec<WireItem>>,
    timeline: Option<WireTimeline>,
    posts: Option<Vec<WirePost>>,
    versions: WireVersions,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct WireChannel {
    id: Option<String>,
    title: String,
    description: Option<String>,
    counters: BTreeMap<String, u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct WireTimeline {
    unit: String,
    time_zone: String,
    periods: Vec<WirePeriod>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct WirePeriod {
    period: String,
    posts: u64,
    hashtags: Vec<WireItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct WireTotals {
    posts: u64,
    words: u64,
    distinct_words: u64,
    hashtags: u64,
    distinct_hashtags: u64,
    emoji: u64,
    distinct_emoji: u64,
    mentions: u64,
    cashtags: u64,
    urls: u64,
    media_placeholders: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct WireItem {
    key: String,
    text: String,
    count: u64,
    posts: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct WireEmoji {
    key: String,
    text: String,
    name: Option<String>,
    count: u64,
    posts: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct WirePost {
    index: u64,
    id: Option<i64>,
    date: Option<String>,
    source: Option<String>,
    text: String,
    clean_text: String,
    hashtags: Vec<String>,
    emoji: Vec<String>,
    mentions: Vec<String>,
    cashtags: Vec<String>,
    urls: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct WireVersions {
    tgtext: String,
    unicode_emoji: String,
}

/// The top-level keys in the order they appear in the bytes.
fn top_level_keys(json: &str) -> Vec<String> {
    json.lines()
        .filter(|line| line.starts_with("  \"") && !line.starts_with("   "))
        .map(|line| {
            line.trim_start()
                .split('"')
                .nth(1)
                .expect("a key")
                .to_string()
        })
        .collect()
}

#[test]
fn the_sample_report_matches_the_wire_model_in_key_order() {
    let text = std::fs::read_to_string(data_file("channel-cis.txt")).expect("the sample");
    let json = tgtext::analyze(
        &text,
        &Config {
            posts: true,
            ..Config::default()
        },
    )
    .expect("analyses")
    .to_json();
    let report: WireReport = serde_json::from_str(&json).expect("the report fits the wire model");
    assert_eq!(report.schema, "tgtext/report@1");
    assert_eq!(report.versions.unicode_emoji, "17.0");
    assert_eq!(report.versions.tgtext, env!("CARGO_PKG_VERSION"));
    assert_eq!(report.posts.map(|p| p.len()), Some(15));
    assert_eq!(
        top_level_keys(&json),
        [
            "schema",
            "format",
            "channel",
            "totals",
            "hashtags",
            "emoji",
            "words",
            "mentions",
            "cashtags",
            "domains",
            "sources",
            "countries",
            "posts",
            "versions"
        ]
    );
    let channel = &json[json.find("\"channel\"").expect("a channel")..];
    let counters =
        &channel[channel.find("\"counters\"").expect("counters")..channel.find('}').expect("end")];
    let order: Vec<usize> = ["subscribers", "photos", "videos", "files", "links"]
        .iter()
        .map(|k| counters.find(k).expect(k))
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "counters keep their order: {counters}"
    );
}

#[test]
fn json_bytes_are_two_space_indented_unescaped_with_a_final_newline() {
    let json = tgtext::analyze("Привет #мир 🇷🇺 \"quoted\"\ttab", &Config::default())
        .expect("analyses")
        .to_json();
    assert!(json.ends_with("}\n") && !json.ends_with("\n\n"));
    assert!(json.starts_with("{\n  \"schema\": \"tgtext/report@1\",\n"));
    assert!(
        json.contains("\"#мир\"") && json.contains("\"🇷🇺\""),
        "non-ASCII is not escaped"
    );
    assert!(json.contains("\"hashtags\": [\n    {\n      \"key\": \"мир\","));
    assert!(
        json.contains("\"mentions\": [],"),
        "empty arrays as JSON.stringify writes them"
    );
    assert!(json.contains("\"channel\": null,"));
}

#[test]
fn without_posts_the_key_is_absent_and_generated_text_fits_the_model() {
    let json = tgtext::analyze(&corpus::web_preview_text(1, 50_000), &Config::default())
        .expect("analyses")
        .to_json();
    let report: WireReport = serde_json::from_str(&json).expect("fits");
    assert!(report.posts.is_none() && !json.contains("\"posts\": ["));
}

#[test]
fn csv_has_the_header_totals_counters_then_tables_in_report_order() {
    let text = std::fs::read_to_string(data_file("channel-cis.txt")).expect("the sample");
    let csv = tgtext::analyze(&text, &Config::default())
        .expect("analyses")
        .to_csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "table,key,text,name,count,posts");
    assert_eq!(lines[1], "totals,posts,,,15,");
    assert_eq!(lines[12], "counters,subscribers,,,7000,");
    let tables: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().expect("a table"))
        .collect();
    let mut order: Vec<&str> = tables.clone();
    order.dedup();
    assert_eq!(
        order,
        [
            "totals",
            "counters",
            "hashtags",
            "emoji",
            "words",
            "sources",
            "countries"
        ]
    );
    assert!(lines.contains(&"hashtags,cis,#CIS,,16,15"));
    assert!(lines.contains(&"emoji,🇷🇺,🇷🇺,flag: Russia,6,6"));
    assert!(!csv.contains('\r') && !csv.starts_with('\u{feff}'));
}

#[test]
fn csv_quotes_fields_with_commas_quotes_and_line_breaks() {
    let report =
        tgtext::analyze("Forwarded from A, \"B\"\ntext", &Config::default()).expect("analyses");
    let csv = report.to_csv();
    assert!(
        csv.contains("sources,\"A, \"\"B\"\"\",\"A, \"\"B\"\"\",,1,1\n"),
        "{csv}"
    );
}

#[test]
fn export_reports_with_chats_and_a_timeline_fit_the_model_in_key_order() {
    let path = data_file("telegram-json/full-account.result.json");
    let text = std::fs::read_to_string(path).expect("the fixture");
    let config = Config {
        posts: true,
        ..Config::default()
    };
    let json = tgtext::analyze(&text, &config).expect("analyses").to_json();
    let report: WireReport = serde_json::from_str(&json).expect("fits the wire model");
    assert!(report.chats.is_some() && report.timeline.is_some());
    let keys = top_level_keys(&json);
    let tail: Vec<&str> = keys.iter().skip(11).map(String::as_str).collect();
    assert_eq!(
        tail,
        ["countries", "chats", "timeline", "posts", "versions"]
    );
}

#[test]
fn the_report_reads_back_from_its_own_json() {
    let text = std::fs::read_to_string(data_file("channel-cis.txt")).expect("the sample");
    let report = tgtext::analyze(
        &text,
        &Config {
            posts: true,
            ..Config::default()
        },
    )
    .expect("analyses");
    let back: tgtext::Report = serde_json::from_str(&report.to_json()).expect("reads back");
    assert_eq!(back, report);
}
