//! Telegram Desktop's JSON export: the real 2021 export, hand-written 2023 and full-account
//! exports (what reading them shows is in `tests/data/telegram-json/README.md`), dates and the
//! timeline, and malformed or truncated files.

use tgtext::{Config, Item, Report, TimelineUnit};
use tgtext_tests::data_file;

fn export(name: &str) -> String {
    std::fs::read_to_string(data_file(&format!("telegram-json/{name}")))
        .expect("the fixture exists")
}

fn analyze(text: &str, config: Config) -> Report {
    tgtext::analyze(text, &config).expect("the export analyses")
}

fn rows(items: &[Item]) -> Vec<(&str, &str, u64, u64)> {
    items
        .iter()
        .map(|i| (i.key.as_str(), i.text.as_str(), i.count, i.posts))
        .collect()
}

fn periods(report: &Report) -> Vec<(String, u64)> {
    let timeline = report.timeline.as_ref().expect("a timeline");
    timeline
        .periods
        .iter()
        .map(|p| (p.period.clone(), p.posts))
        .collect()
}

#[test]
fn the_real_2021_export_has_eighteen_posts_and_its_links() {
    let report = analyze(
        &export("tg2md-private-channel-2021.result.json"),
        Config {
            posts: true,
            ..Config::default()
        },
    );
    assert_eq!(report.format, "telegram-json");
    assert_eq!(report.totals.posts, 18);
    let channel = report.channel.as_ref().expect("the chat is the channel");
    assert_eq!(
        (channel.id.as_deref(), channel.title.as_str()),
        (Some("1292077344"), "test")
    );
    assert_eq!(
        rows(&report.domains),
        [("example.com", "example.com", 2, 1)]
    );
    assert_eq!(report.totals.urls, 2, "the e-mail address is not a URL");
    assert_eq!(
        periods(&report),
        [
            ("2020-11-12".to_string(), 12),
            ("2021-07-12".to_string(), 1),
            ("2021-07-14".to_string(), 5)
        ]
    );
    let posts = report.posts.as_ref().expect("records");
    assert_eq!(posts[0].id, Some(2));
    assert_eq!(posts[0].date.as_deref(), Some("2020-11-12T12:54:07Z"));
    assert_eq!(posts[12].text, "тестирование utf-8.");
    assert_eq!(
        posts[1].text, "",
        "a photo without caption is a post with empty text"
    );
}

#[test]
fn a_2023_export_re_detects_entities_from_the_whole_text() {
    let report = analyze(&export("channel-2023.result.json"), Config::default());
    assert_eq!(report.totals.posts, 4);
    let channel = report.channel.as_ref().expect("a channel");
    assert_eq!(channel.title, "Новости СНГ / CIS News");
    assert_eq!(
        rows(&report.hashtags),
        [("cis", "#CIS", 3, 3), ("снг", "#СНГ", 1, 1)]
    );
    assert_eq!(
        rows(&report.mentions),
        [("mfa_russia", "@mfa_russia", 2, 1)]
    );
    assert_eq!(rows(&report.cashtags), [("USD", "$USD", 1, 1)]);
    assert_eq!(
        rows(&report.domains),
        [
            ("kremlin.ru", "kremlin.ru", 1, 1),
            ("mid.ru", "mid.ru", 1, 1)
        ]
    );
    assert_eq!(report.totals.urls, 2);
    let emoji: Vec<&str> = report.emoji.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(
        emoji,
        ["🇧🇾", "🤝"],
        "the custom emoji's fallback counts; reactions and stickers do not"
    );
    assert_eq!(
        rows(&report.sources),
        [("Russian MFA 🇷🇺", "Russian MFA 🇷🇺", 1, 1)]
    );
    assert_eq!(rows(&report.countries), [("BY", "Belarus", 1, 1)]);
    assert!(report.chats.is_none(), "one chat has no chats table");
}

#[test]
fn the_timeline_counts_posts_and_top_hashtags_per_day_week_or_month() {
    let text = export("channel-2023.result.json");
    let day = analyze(&text, Config::default());
    assert_eq!(
        periods(&day),
        [
            ("2023-06-05".to_string(), 1),
            ("2023-06-06".to_string(), 2),
            ("2023-07-01".to_string(), 1)
        ]
    );
    let timeline = day.timeline.as_ref().expect("a timeline");
    assert_eq!(
        (timeline.unit.as_str(), timeline.time_zone.as_str()),
        ("day", "+00:00")
    );
    assert_eq!(
        rows(&timeline.periods[0].hashtags),
        [("cis", "#CIS", 1, 1), ("снг", "#СНГ", 1, 1)]
    );
    let week = analyze(
        &text,
        Config {
            timeline: TimelineUnit::Week,
            ..Config::default()
        },
    );
    assert_eq!(
        periods(&week),
        [("2023-W23".to_string(), 3), ("2023-W26".to_string(), 1)]
    );
    let month = analyze(
        &text,
        Config {
            timeline: TimelineUnit::Month,
            ..Config::default()
        },
    );
    assert_eq!(
        periods(&month),
        [("2023-06".to_string(), 3), ("2023-07".to_string(), 1)]
    );
    let west = analyze(
        &text,
        Config {
            time_zone: Some("-05:00".to_string()),
            ..Config::default()
        },
    );
    assert_eq!(
        periods(&west)[2],
        ("2023-06-30".to_string(), 1),
        "00:30 UTC is the evening before at -05:00"
    );
    assert_eq!(
        west.timeline.as_ref().map(|t| t.time_zone.as_str()),
        Some("-05:00")
    );
    let none = analyze(
        &text,
        Config {
            timeline: TimelineUnit::None,
            ..Config::default()
        },
    );
    assert!(none.timeline.is_none());
    assert!(analyze("no dates in plain text #a", Config::default())
        .timeline
        .is_none());
}

#[test]
fn a_full_account_export_gains_a_chats_table_and_reads_left_chats() {
    let report = analyze(&export("full-account.result.json"), Config::default());
    assert!(report.channel.is_none());
    assert_eq!(report.totals.posts, 4);
    let chats = report.chats.as_ref().expect("a chats table");
    assert_eq!(
        rows(chats),
        [
            ("4242", "Bob", 2, 2),
            ("1777", "Daily Digest", 1, 1),
            ("99", "Old Group", 1, 1)
        ]
    );
    assert_eq!(
        rows(&report.hashtags),
        [("weekend", "#weekend", 2, 2), ("newyear", "#NewYear", 1, 1)]
    );
    assert_eq!(rows(&report.sources), [("Bob", "Bob", 1, 1)]);
    assert!(
        report.hashtags.iter().all(|h| h.key != "notapost"),
        "the profile is not post text"
    );
    assert_eq!(periods(&report).len(), 3);
}

#[test]
fn the_csv_has_chats_and_timeline_rows_after_the_tables() {
    let csv = analyze(&export("full-account.result.json"), Config::default()).to_csv();
    assert!(csv.contains("\nchats,4242,Bob,,2,2\n"), "{csv}");
    assert!(
        csv.contains("\ntimeline,2023-01-07,2023-01-07,,2,2\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\ntimeline_hashtags,2023-01-07|weekend,#weekend,,1,1\n"),
        "{csv}"
    );
}

#[test]
fn strip_reads_exports_and_keeps_message_ids() {
    let posts = tgtext::strip(
        &export("channel-2023.result.json"),
        &tgtext::StripConfig::default(),
    )
    .expect("strips");
    let ids: Vec<Option<i64>> = posts.iter().map(|p| p.id).collect();
    assert_eq!(ids, [Some(2), Some(3), Some(4), Some(6)]);
    assert_eq!(posts[3].clean_text, "Plain string text with $USD and");
}

fn error_of(text: &str) -> tgtext::Error {
    tgtext::analyze(text, &Config::default()).expect_err("a malformed export is an error")
}

#[test]
fn a_truncated_export_is_an_error_with_its_byte_offset_wherever_it_is_cut() {
    let text = export("channel-2023.result.json");
    let mut cut = 1;
    while cut < text.len() - 2 {
        if text.is_char_boundary(cut) {
            let err = error_of(&text[..cut]);
            let offset = err.offset().expect("an offset");
            assert!(
                offset <= cut as u64,
                "offset {offset} within the {cut} bytes"
            );
            assert!(err.to_string().contains("byte offset"), "{err}");
        }
        cut += 97;
    }
    assert!(error_of(&text[..text.len() - 3])
        .to_string()
        .contains("truncated"));
}

#[test]
fn malformed_json_names_what_is_wrong_and_where() {
    let err = error_of("{\"name\": \"x\", \"messages\": [{\"id\": 1,, }]}");
    let offset = err.offset().expect("an offset");
    assert!(
        (36..=41).contains(&offset),
        "the parser stops at the second comma or just after: {offset}"
    );
    assert!(
        err.to_string()
            .starts_with("malformed Telegram JSON export"),
        "{err}"
    );
    let err = error_of("{\"messages\": {\"not\": \"an array\"}}");
    assert!(err.to_string().contains("array of messages"), "{err}");
    let err = error_of("{\"messages\": [{\"id\": 1, \"type\": \"message\", \"text\": 5}]}");
    assert!(err.to_string().contains("malformed"), "{err}");
}

#[test]
fn deeply_nested_json_is_an_error_or_skipped_never_a_crash() {
    let deep_text = format!(
        "{{\"messages\": [{{\"id\": 1, \"type\": \"message\", \"text\": {}{}}}]}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let err = error_of(&deep_text);
    assert!(err.to_string().contains("recursion limit"), "{err}");
    // A key tgtext does not read is skipped without recursion, however deep.
    let deep_ignored = format!(
        "{{\"messages\": [{{\"id\": 1, \"x\": {}{}, \"text\": \"#ok\"}}]}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let report = analyze(&deep_ignored, Config::default());
    assert_eq!((report.totals.posts, report.totals.hashtags), (1, 1));
}

/// The HTML export's pages, read in order into one analyzer as the CLI reads an export folder.
fn html_export(config: Config) -> Report {
    let mut analyzer = tgtext::Analyzer::new(&config).expect("valid options");
    for page in ["messages.html", "messages2.html"] {
        let path = data_file(&format!("telegram-html/ChatExport_2023-06-08/{page}"));
        let file = std::fs::File::open(path).expect("the page exists");
        analyzer.read_input(file, false).expect("the page reads");
    }
    analyzer.finish()
}

#[test]
fn the_html_export_reads_both_pages_as_one_chat() {
    let report = html_export(Config {
        posts: true,
        ..Config::default()
    });
    assert_eq!(report.format, "telegram-html");
    assert_eq!(
        report.channel.as_ref().map(|c| c.title.as_str()),
        Some("Новости Полесья")
    );
    assert_eq!(report.totals.posts, 11);
    assert_eq!(
        rows(&report.hashtags),
        [
            ("новости", "#новости", 3, 3),
            ("погода", "#погода", 2, 2),
            ("итоги", "#итоги", 1, 1),
            ("минск", "#Минск", 1, 1),
            ("полесье", "#Полесье", 1, 1)
        ]
    );
    assert_eq!(
        rows(&report.sources),
        [
            ("Иван Петров", "Иван Петров", 2, 2),
            ("Минский вестник", "Минский вестник", 1, 1)
        ]
    );
    let domains: Vec<&str> = report.domains.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(
        domains,
        ["example.org", "minsk-vestnik.example", "polesie.example"],
        "mentions' t.me links and mailto are not domains"
    );
    let posts = report.posts.as_ref().expect("records");
    assert_eq!(
        posts.first().map(|p| (p.id, p.date.as_deref())),
        Some((Some(2), Some("2023-06-06T06:15:00Z")))
    );
    assert_eq!(
        posts.last().map(|p| (p.id, p.date.as_deref())),
        Some((Some(14), Some("2023-06-07T18:00:00Z")))
    );
}

#[test]
fn a_saved_web_preview_page_gives_its_header_posts_and_dates() {
    let text =
        std::fs::read_to_string(data_file("web-preview-html/channel.html")).expect("the page");
    let report = analyze(&text, Config::default());
    assert_eq!(report.format, "web-preview-html");
    let channel = report.channel.as_ref().expect("a header");
    assert_eq!(channel.title, "Новости Полесья");
    let counters: Vec<(&str, u64)> = channel
        .counters
        .0
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(
        counters,
        [
            ("subscribers", 12400),
            ("photos", 1200),
            ("videos", 86),
            ("links", 2910),
            ("files", 1)
        ]
    );
    assert_eq!(
        (
            report.totals.posts,
            report.totals.hashtags,
            report.totals.media_placeholders
        ),
        (7, 7, 1)
    );
    assert_eq!(report.hashtags[0].key, "новости");
    assert_eq!(
        report.hashtags[0].count, 3,
        "the reply preview's and the link preview's hashtags are not post text"
    );
    assert_eq!(
        periods(&report),
        [("2023-06-06".to_string(), 3), ("2023-06-07".to_string(), 4)]
    );
}

#[test]
fn a_truncated_html_export_page_is_an_error_with_its_offset() {
    let path = data_file("telegram-html/ChatExport_2023-06-08/messages.html");
    let page = std::fs::read_to_string(path).expect("the page");
    let cut = &page[..page.len() / 2];
    let cut = &cut[..(0..=cut.len())
        .rev()
        .find(|&i| cut.is_char_boundary(i))
        .unwrap_or(0)];
    let err = tgtext::analyze(cut, &Config::default()).expect_err("truncated");
    assert!(err.to_string().contains("truncated HTML export"), "{err}");
    assert_eq!(err.offset(), Some(cut.len() as u64));
}
