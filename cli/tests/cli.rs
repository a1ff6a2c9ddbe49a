//! End-to-end runs of the real `tgtext` binary: output formats, reading files and stdin, flags,
//! exit codes and the bad inputs of SPEC §7.
//!
//! Every run goes through [`tgtext`], which also checks the one rule that holds for all of them:
//! the binary never panics.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;

/// What one run of the binary did.
struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    fn stdout(&self) -> &str {
        std::str::from_utf8(&self.stdout).expect("stdout is UTF-8")
    }

    /// Asserts exit code 0 and returns stdout.
    fn ok(&self) -> &str {
        assert_eq!(self.code, 0, "expected success, stderr: {}", self.stderr);
        self.stdout()
    }

    /// Asserts success and parses stdout as JSON.
    fn json(&self) -> Value {
        serde_json::from_str(self.ok()).expect("stdout is JSON")
    }

    /// Asserts a failure with `code`, nothing on stdout and a message on stderr; returns it.
    fn fails_with(&self, code: i32) -> &str {
        assert_eq!(
            self.code,
            code,
            "expected exit {code}, stdout: {}, stderr: {}",
            self.stdout(),
            self.stderr
        );
        assert!(
            self.stdout.is_empty(),
            "nothing on stdout after an error, got {:?}",
            self.stdout()
        );
        assert!(!self.stderr.trim().is_empty(), "a message on stderr");
        &self.stderr
    }
}

/// Starts `tgtext args...` with stdin, stdout and stderr piped.
fn spawn(args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_tgtext"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tgtext starts")
}

fn finish(child: std::process::Child) -> Run {
    let output = child.wait_with_output().expect("tgtext runs");
    let run = Run {
        code: output
            .status
            .code()
            .expect("tgtext exits, not killed by a signal"),
        stdout: output.stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "tgtext never panics, stderr: {}",
        run.stderr
    );
    run
}

/// Runs `tgtext args...` with `stdin` as its input (written from another thread, so that a large
/// input cannot deadlock against a large output).
fn tgtext_with_stdin(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = spawn(args);
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // The binary may stop reading early (on an error); that is not this test's failure.
        let _ = pipe.write_all(&bytes);
    });
    let run = finish(child);
    writer.join().expect("the stdin writer finishes");
    run
}

/// Runs `tgtext args...` with an empty stdin.
fn tgtext(args: &[&str]) -> Run {
    tgtext_with_stdin(args, b"")
}

/// A directory of its own under the system's temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(test: &str) -> Self {
        let path = std::env::temp_dir().join(format!("tgtext-cli-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("the temp dir can be created");
        TempDir(path)
    }

    /// Writes a file and returns its path as a string, ready to be an argument.
    fn write(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("the temp file can be written");
        arg(&path)
    }

    fn path(&self, name: &str) -> String {
        arg(&self.0.join(name))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn arg(path: &Path) -> String {
    path.to_str().expect("test paths are UTF-8").to_string()
}

fn sample_path() -> String {
    arg(&tgtext_tests::data_file("channel-cis.txt"))
}

fn sample_bytes() -> Vec<u8> {
    std::fs::read(tgtext_tests::data_file("channel-cis.txt")).expect("the sample is readable")
}

/// The sample's report as JSON text.
fn sample_json() -> String {
    tgtext(&["analyze", "--format", "json", &sample_path()])
        .ok()
        .to_string()
}

/// The keys of a JSON table, in order.
fn keys(table: &Value) -> Vec<&str> {
    table
        .as_array()
        .expect("a table is an array")
        .iter()
        .map(|item| item["key"].as_str().expect("a key is a string"))
        .collect()
}

/// Ascii filler of exactly `len` bytes that ends in a space, so that what follows starts a word.
fn filler(len: usize) -> Vec<u8> {
    let mut bytes = b"ab ".repeat(len / 3 + 1);
    bytes.truncate(len);
    *bytes.last_mut().expect("a filler is not empty") = b' ';
    bytes
}

/// Where the binary cuts its reads (`CHUNK_BYTES` in `src/read.rs`).
const READ_BOUNDARY: usize = 1 << 20;

// An independently written model of SPEC §5, so that a renamed, added or dropped key fails here.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    schema: String,
    format: String,
    channel: Option<Channel>,
    totals: Totals,
    hashtags: Vec<Item>,
    emoji: Vec<EmojiItem>,
    words: Vec<Item>,
    mentions: Vec<Item>,
    cashtags: Vec<Item>,
    domains: Vec<Item>,
    sources: Vec<Item>,
    countries: Vec<Item>,
    posts: Option<Vec<PostRecord>>,
    versions: Versions,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Channel {
    title: String,
    description: Option<String>,
    counters: BTreeMap<String, u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Totals {
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    key: String,
    text: String,
    count: u64,
    posts: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EmojiItem {
    key: String,
    text: String,
    name: Option<String>,
    count: u64,
    posts: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PostRecord {
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Versions {
    tgtext: String,
    unicode_emoji: String,
}

/// One line of `tgtext strip --format json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StrippedLine {
    index: u64,
    id: Option<i64>,
    clean_text: String,
}

/// Checks a table's sums and order (SPEC §5: count descending, then key by code point).
fn check_table(name: &str, items: &[(&str, u64, u64)], total: u64) {
    let sum: u64 = items.iter().map(|(_, count, _)| count).sum();
    assert_eq!(sum, total, "the {name} total is the sum of its table");
    for pair in items.windows(2) {
        let ((a, a_count, _), (b, b_count, _)) = (pair[0], pair[1]);
        assert!(
            a_count > b_count || (a_count == b_count && a < b),
            "{name} is sorted by count, then key: {a:?} ({a_count}) before {b:?} ({b_count})"
        );
    }
    for (key, count, posts) in items {
        assert!(
            *posts >= 1 && posts <= count,
            "{name} {key:?}: 1 <= posts ({posts}) <= count ({count})"
        );
    }
}

fn rows(items: &[Item]) -> Vec<(&str, u64, u64)> {
    items
        .iter()
        .map(|i| (i.key.as_str(), i.count, i.posts))
        .collect()
}

// Output formats.

#[test]
fn json_output_starts_with_the_schema_and_ends_with_a_newline() {
    let json = sample_json();
    assert!(
        json.starts_with("{\n  \"schema\": \"tgtext/report@1\",\n"),
        "the schema is the first key: {}",
        &json[..80]
    );
    assert!(json.ends_with("}\n"), "one final newline");
    assert!(!json.ends_with("\n\n"), "only one final newline");
    let report: Value = serde_json::from_str(&json).expect("the output parses");
    assert_eq!(report["schema"], "tgtext/report@1");
}

#[test]
fn the_json_report_fits_an_independent_model_and_its_totals_add_up() {
    let report: Report = serde_json::from_str(&sample_json()).expect("the report fits the model");
    assert_eq!(report.schema, "tgtext/report@1");
    assert_eq!(report.format, "web-preview-text");
    let channel = report.channel.expect("the sample has a header");
    assert_eq!(
        channel.title,
        "Embassy of Russia in the USA / Посольство России в США"
    );
    assert_eq!(
        channel.description.as_deref(),
        Some("Официальный новостной канал Посольства России в США.")
    );
    assert_eq!(channel.counters["subscribers"], 7000);
    assert_eq!(channel.counters["links"], 2910);
    let totals = report.totals;
    assert_eq!(totals.posts, 15);
    assert_eq!(totals.media_placeholders, 1);
    check_table("hashtags", &rows(&report.hashtags), totals.hashtags);
    assert_eq!(totals.distinct_hashtags, report.hashtags.len() as u64);
    check_table("words", &rows(&report.words), totals.words);
    assert_eq!(totals.distinct_words, report.words.len() as u64);
    let emoji: Vec<_> = report
        .emoji
        .iter()
        .map(|e| (e.key.as_str(), e.count, e.posts))
        .collect();
    check_table("emoji", &emoji, totals.emoji);
    assert_eq!(totals.distinct_emoji, report.emoji.len() as u64);
    check_table("mentions", &rows(&report.mentions), totals.mentions);
    check_table("cashtags", &rows(&report.cashtags), totals.cashtags);
    check_table("domains", &rows(&report.domains), totals.urls);
    check_table("sources", &rows(&report.sources), totals.posts);
    let countries: u64 = report.countries.iter().map(|c| c.count).sum();
    assert!(
        countries <= totals.emoji,
        "countries count flags, which are emoji"
    );
    assert_eq!(report.hashtags[0].key, "cis");
    assert_eq!(report.hashtags[0].text, "#CIS");
    assert_eq!(report.hashtags[0].count, 16);
    assert_eq!(report.hashtags[0].posts, 15);
    let russia = report.emoji.iter().find(|e| e.key == "🇷🇺").expect("🇷🇺");
    assert_eq!(russia.text, "🇷🇺");
    assert_eq!(russia.name.as_deref(), Some("flag: Russia"));
    assert_eq!(report.sources[0].text, "Russian MFA 🇷🇺");
    assert_eq!(report.sources[0].count, 15);
    assert!(report
        .countries
        .iter()
        .any(|c| c.key == "RU" && c.text == "Russia"));
    assert!(report.posts.is_none(), "no per-post records unless asked");
    assert_eq!(report.versions.tgtext, env!("CARGO_PKG_VERSION"));
    assert_eq!(report.versions.unicode_emoji, "17.0");
}

#[test]
fn csv_output_starts_with_the_header_then_the_totals_with_newline_line_ends() {
    let run = tgtext(&["analyze", "--format", "csv", &sample_path()]);
    let csv = run.ok();
    assert!(
        csv.starts_with("table,key,text,name,count,posts\n"),
        "no byte-order mark, the header first"
    );
    assert!(csv.ends_with('\n'));
    assert!(!csv.contains('\r'), "`\\n` line ends");
    let lines: Vec<&str> = csv.lines().collect();
    let totals = [
        "posts",
        "words",
        "distinct_words",
        "hashtags",
        "distinct_hashtags",
        "emoji",
        "distinct_emoji",
        "mentions",
        "cashtags",
        "urls",
        "media_placeholders",
    ];
    for (line, total) in lines[1..].iter().zip(totals) {
        assert!(
            line.starts_with(&format!("totals,{total},,,")),
            "the totals come first, in order: {line:?} should be {total}"
        );
    }
    assert_eq!(lines[1], "totals,posts,,,15,");
    assert_eq!(lines[1 + totals.len()], "counters,subscribers,,,7000,");
    assert!(lines.contains(&"hashtags,cis,#CIS,,16,15"));
    let first_table = lines
        .iter()
        .skip(1)
        .find(|l| !l.starts_with("totals,") && !l.starts_with("counters,"))
        .expect("tables follow");
    assert!(
        first_table.starts_with("hashtags,"),
        "tables in report order"
    );
}

#[test]
fn csv_output_is_the_core_s_csv_byte_for_byte() {
    let text = String::from_utf8(sample_bytes()).expect("the sample is UTF-8");
    let core = tgtext::analyze(&text, &tgtext::Config::default())
        .expect("the core analyses the sample")
        .to_csv();
    let run = tgtext(&["analyze", "--format", "csv", &sample_path()]);
    assert!(run.ok() == core, "the CLI prints the core's CSV");
}

#[test]
fn csv_quotes_a_source_name_holding_a_comma_and_quotes() {
    let input = "Forwarded from A, \"B\"\nhello #tag\n1.2K views 14:05\n";
    let run = tgtext_with_stdin(&["analyze", "--format", "csv"], input.as_bytes());
    let csv = run.ok();
    assert!(
        csv.lines()
            .any(|l| l == r#"sources,"A, ""B""","A, ""B""",,1,1"#),
        "RFC 4180 quoting of the source: {csv}"
    );
}

#[test]
fn table_output_shows_the_sample_s_top_hashtag() {
    let run = tgtext(&["analyze", "--format", "table", &sample_path()]);
    let table = run.ok();
    assert!(table.contains("#CIS"), "{table}");
    assert!(table.contains("flag: Russia"), "{table}");
}

#[test]
fn the_default_format_off_a_terminal_is_json() {
    let run = tgtext(&["analyze", &sample_path()]);
    assert_eq!(run.ok(), sample_json());
}

// Reading the sample: files, stdin, several inputs.

#[test]
fn the_sample_gives_the_same_report_from_a_file_from_dash_and_from_bare_stdin() {
    let from_file = sample_json();
    let from_dash = tgtext_with_stdin(&["analyze", "--format", "json", "-"], &sample_bytes());
    let from_stdin = tgtext_with_stdin(&["analyze", "--format", "json"], &sample_bytes());
    assert_eq!(from_dash.ok(), from_file);
    assert_eq!(from_stdin.ok(), from_file);
}

#[test]
fn two_files_give_one_combined_report() {
    let sample = sample_path();
    let report = tgtext(&["analyze", "--format", "json", &sample, &sample]).json();
    assert_eq!(report["totals"]["posts"], 30);
    assert_eq!(report["totals"]["media_placeholders"], 2);
    assert_eq!(report["hashtags"][0]["key"], "cis");
    assert_eq!(report["hashtags"][0]["count"], 32);
    assert_eq!(report["hashtags"][0]["posts"], 30);
    assert_eq!(report["sources"][0]["count"], 30);
    assert_eq!(
        report["channel"]["title"],
        "Embassy of Russia in the USA / Посольство России в США"
    );
}

#[test]
fn a_file_and_stdin_combine_in_the_order_given() {
    let dir = TempDir::new("file_and_stdin");
    let plain = dir.write("plain.txt", b"hello #first");
    let run = tgtext_with_stdin(
        &["analyze", "--format", "json", "--posts", &plain, "-"],
        b"world #second",
    );
    let report = run.json();
    assert_eq!(report["totals"]["posts"], 2);
    assert_eq!(report["posts"][0]["hashtags"][0], "#first");
    assert_eq!(report["posts"][1]["hashtags"][0], "#second");
}

#[test]
fn a_file_bigger_than_one_read_gives_the_core_s_report_byte_for_byte() {
    let dir = TempDir::new("bigger_than_one_read");
    let mut text = String::new();
    let sample = String::from_utf8(sample_bytes()).expect("the sample is UTF-8");
    while text.len() < 2 * READ_BOUNDARY + 1000 {
        text.push_str(&sample);
    }
    let path = dir.write("big.txt", text.as_bytes());
    for split in [None, Some(tgtext::Split::Paragraph)] {
        let config = tgtext::Config {
            input: split.map(|_| tgtext::InputFormat::Plain),
            split,
            posts: true,
            ..tgtext::Config::default()
        };
        let core = tgtext::analyze(&text, &config)
            .expect("the core analyses it")
            .to_json();
        let mut args = vec!["analyze", "--format", "json", "--posts", path.as_str()];
        if split.is_some() {
            args.extend(["--input", "plain", "--split", "paragraph"]);
        }
        let run = tgtext(&args);
        assert!(
            run.ok() == core,
            "reading in chunks changes nothing ({args:?})"
        );
    }
}

// Flags.

#[test]
fn top_3_keeps_the_first_three_items_of_each_table() {
    let all = tgtext(&["analyze", "--format", "json", "--top", "0", &sample_path()]).json();
    let top = tgtext(&["analyze", "--format", "json", "--top", "3", &sample_path()]).json();
    for table in ["hashtags", "emoji", "words", "countries"] {
        assert_eq!(keys(&top[table]), keys(&all[table])[..3], "{table}");
    }
    assert_eq!(keys(&top["sources"]), keys(&all["sources"]), "one source");
    assert_eq!(
        top["totals"], all["totals"],
        "totals count everything, not just the top"
    );
    assert_eq!(all["hashtags"].as_array().map(Vec::len), Some(21));
}

#[test]
fn stopwords_none_keeps_the() {
    let default = tgtext(&["analyze", "--format", "json", &sample_path()]).json();
    let none = tgtext(&[
        "analyze",
        "--format",
        "json",
        "--stopwords",
        "none",
        &sample_path(),
    ])
    .json();
    assert!(!keys(&default["words"]).contains(&"the"));
    assert!(keys(&none["words"]).contains(&"the"));
}

#[test]
fn a_stopwords_file_adds_its_words_one_per_line() {
    let dir = TempDir::new("stopwords_file");
    let stopwords = dir.write("stop.txt", b"russia\r\n\n  President  \n");
    let report = tgtext(&[
        "analyze",
        "--format",
        "json",
        "--stopwords-file",
        &stopwords,
        &sample_path(),
    ])
    .json();
    let words = keys(&report["words"]);
    assert!(!words.contains(&"russia"), "CRLF line ends are read");
    assert!(
        !words.contains(&"president"),
        "words are trimmed and lower-cased"
    );
    assert!(words.contains(&"international"));
}

#[test]
fn a_stopwords_file_with_a_byte_order_mark_stops_its_first_word() {
    let dir = TempDir::new("stopwords_bom");
    let stopwords = dir.write("stop.txt", "\u{FEFF}russia\n".as_bytes());
    let report = tgtext(&[
        "analyze",
        "--format",
        "json",
        "--stopwords-file",
        &stopwords,
        &sample_path(),
    ])
    .json();
    assert!(!keys(&report["words"]).contains(&"russia"));
}

#[test]
fn posts_adds_per_post_records_between_countries_and_versions() {
    let run = tgtext(&["analyze", "--format", "json", "--posts", &sample_path()]);
    let json = run.ok();
    let countries = json.find("\n  \"countries\": ").expect("countries");
    let posts = json.find("\n  \"posts\": ").expect("posts");
    let versions = json.find("\n  \"versions\": ").expect("versions");
    assert!(countries < posts && posts < versions);
    let report: Report = serde_json::from_str(json).expect("the report fits the model");
    let records = report.posts.expect("per-post records");
    assert_eq!(records.len(), 15);
    for (i, record) in records.iter().enumerate() {
        assert_eq!(record.index, i as u64);
        assert_eq!(record.source.as_deref(), Some("Russian MFA 🇷🇺"));
        assert_eq!(record.id, None, "copied text has no message ids");
        assert_eq!(record.date, None, "copied text has no dates");
        assert!(record.hashtags.iter().any(|h| h == "#CIS"), "{record:?}");
        assert!(record.text.contains("#CIS"), "{record:?}");
        assert!(!record.clean_text.contains('#'), "{record:?}");
        assert!(
            record.mentions.is_empty() && record.cashtags.is_empty() && record.urls.is_empty(),
            "the sample has none: {record:?}"
        );
    }
    let emoji: usize = records.iter().map(|r| r.emoji.len()).sum();
    assert_eq!(emoji as u64, report.totals.emoji, "the posts' emoji add up");
    let hashtags: usize = records.iter().map(|r| r.hashtags.len()).sum();
    assert_eq!(hashtags as u64, report.totals.hashtags);
    let without = sample_json();
    assert!(!without.contains("\n  \"posts\": "));
}

// strip.

#[test]
fn strip_prints_each_post_and_a_blank_line_without_hashtags_or_emoji() {
    let text_run = tgtext(&["strip", &sample_path()]);
    let json_run = tgtext(&["strip", "--format", "json", &sample_path()]);
    let text = text_run.ok();
    let lines: Vec<StrippedLine> = json_run
        .ok()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 15);
    let expected: String = lines
        .iter()
        .map(|l| format!("{}\n\n", l.clean_text))
        .collect();
    assert_eq!(text, expected, "each post's text, then a blank line");
    assert!(!text.contains("#CIS"));
    assert!(!text.contains("🇷🇺"));
    assert!(!text.contains('#'), "no hashtag at all is left");
    assert!(text.starts_with("Foreign Minister Sergey Lavrov’s reply"));
}

#[test]
fn strip_keep_hashtag_words_keeps_cis() {
    let plain = tgtext(&["strip", &sample_path()]);
    let keep = tgtext(&["strip", "--keep-hashtag-words", &sample_path()]);
    let keep = keep.ok();
    assert!(!keep.contains("#CIS"));
    assert_eq!(
        keep.matches("CIS").count(),
        plain.ok().matches("CIS").count() + 16,
        "each of the 16 #CIS leaves its word"
    );
}

#[test]
fn strip_json_lines_have_index_id_and_clean_text_in_that_order() {
    let run = tgtext(&["strip", "--format", "json", &sample_path()]);
    let out = run.ok();
    assert!(out.ends_with('\n'));
    for (i, line) in out.lines().enumerate() {
        assert!(
            line.starts_with(&format!("{{\"index\":{i},\"id\":null,\"clean_text\":\"")),
            "keys in order: {line}"
        );
        let parsed: StrippedLine = serde_json::from_str(line).expect("exactly those keys");
        assert_eq!(parsed.index, i as u64);
        assert_eq!(parsed.id, None, "copied text has no message ids");
    }
}

// Exit codes.

#[test]
fn usage_errors_exit_2_with_a_message_and_nothing_on_stdout() {
    let sample = sample_path();
    let cases: [&[&str]; 9] = [
        &[],
        &["frobnicate"],
        &["analyze", "--frobnicate", &sample],
        &["analyze", "--top", "x", &sample],
        &["analyze", "--top", "-1", &sample],
        &["analyze", "--format", "xml", &sample],
        &["analyze", "--input", "xml", &sample],
        &["analyze", "--stopwords", "some", &sample],
        &["strip", "--remove", "foo", &sample],
    ];
    for args in cases {
        let run = tgtext(args);
        let message = run.fails_with(2);
        assert!(!message.trim().is_empty(), "{args:?}");
    }
    let run = tgtext(&["strip", "--format", "csv", &sample]);
    assert!(run.fails_with(2).contains("csv"));
    let run = tgtext(&["strip", "--remove", "hashtags,foo", &sample]);
    assert!(run.fails_with(2).contains("foo"));
}

#[test]
fn help_and_version_exit_0_on_stdout() {
    let help = tgtext(&["--help"]);
    assert!(help.ok().contains("analyze"));
    let help = tgtext(&["analyze", "--help"]);
    assert!(help.ok().contains("--stopwords-file"));
    let version = tgtext(&["--version"]);
    assert!(version.ok().contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn an_input_error_in_a_later_file_prints_nothing_on_stdout() {
    let dir = TempDir::new("later_error");
    let bad = dir.write("bad.txt", b"ok\n\xff");
    for command in ["analyze", "strip"] {
        let run = tgtext(&[command, &sample_path(), &bad]);
        assert!(run.fails_with(1).contains("bad.txt"), "{command}");
    }
}

// Bad input (SPEC §7).

#[test]
fn invalid_utf8_is_an_error_naming_the_file_and_the_byte_offset() {
    let dir = TempDir::new("invalid_utf8");
    let bad = dir.write("bad.txt", b"ok\n\xff\xfe bad");
    for command in ["analyze", "strip"] {
        let run = tgtext(&[command, &bad]);
        let message = run.fails_with(1);
        assert!(message.contains(&bad), "names the file: {message}");
        assert!(message.contains("byte offset 3"), "{message}");
    }
    let run = tgtext_with_stdin(&["analyze"], b"ok\n\xff\xfe bad");
    let message = run.fails_with(1);
    assert!(
        message.contains("<stdin>") && message.contains("byte offset 3"),
        "{message}"
    );
}

#[test]
fn lossy_replaces_invalid_utf8_and_reports() {
    let dir = TempDir::new("lossy");
    let bad = dir.write("bad.txt", b"ok\n\xff\xfe bad");
    let report = tgtext(&["analyze", "--format", "json", "--lossy", &bad]).json();
    assert_eq!(report["totals"]["posts"], 1);
    assert_eq!(keys(&report["words"]), ["bad", "ok"]);
    let run = tgtext(&["strip", "--lossy", &bad]);
    assert_eq!(run.ok(), "ok\n\u{FFFD}\u{FFFD} bad\n\n");
}

#[test]
fn a_character_cut_by_the_read_boundary_is_not_an_error() {
    let dir = TempDir::new("cut_character");
    for (start, character) in [
        (READ_BOUNDARY - 1, "é"),
        (READ_BOUNDARY - 2, "ḁ"),
        (READ_BOUNDARY - 1, "😀"),
        (READ_BOUNDARY - 2, "😀"),
        (READ_BOUNDARY - 3, "😀"),
    ] {
        let mut bytes = filler(start);
        bytes.extend_from_slice(character.as_bytes());
        bytes.extend_from_slice(b" end\n");
        let path = dir.write("cut.txt", &bytes);
        let report = tgtext(&["analyze", "--format", "json", &path]).json();
        let found = if character == "😀" {
            keys(&report["emoji"])
        } else {
            keys(&report["words"])
        };
        assert!(
            found.contains(&character),
            "{character:?} at offset {start} is read whole"
        );
        assert_eq!(report["totals"]["posts"], 1);
    }
}

#[test]
fn an_invalid_byte_after_the_read_boundary_reports_its_own_offset() {
    let dir = TempDir::new("invalid_after_boundary");
    let mut bytes = filler(READ_BOUNDARY - 1);
    bytes.extend_from_slice("é".as_bytes()); // bytes READ_BOUNDARY - 1 and READ_BOUNDARY
    bytes.push(0xFF); // READ_BOUNDARY + 1
    bytes.extend_from_slice(b" end");
    let path = dir.write("bad.txt", &bytes);
    let run = tgtext(&["analyze", &path]);
    let message = run.fails_with(1);
    assert!(
        message.contains(&format!("byte offset {}", READ_BOUNDARY + 1)),
        "{message}"
    );
}

#[test]
fn a_sequence_cut_by_the_read_boundary_and_never_finished_reports_where_it_starts() {
    let dir = TempDir::new("unfinished_at_boundary");
    let mut bytes = filler(READ_BOUNDARY - 2);
    bytes.extend_from_slice(b"\xF0\x9F"); // the first half of 😀, across the boundary
    bytes.extend_from_slice(b"x end");
    let path = dir.write("bad.txt", &bytes);
    let message = tgtext(&["analyze", &path]).fails_with(1).to_string();
    assert!(
        message.contains(&format!("byte offset {}", READ_BOUNDARY - 2)),
        "{message}"
    );
}

#[test]
fn a_truncated_sequence_at_the_end_is_an_error_with_its_offset() {
    let dir = TempDir::new("truncated_at_end");
    let bad = dir.write("bad.txt", b"ok \xF0\x9F\x98");
    let run = tgtext(&["analyze", &bad]);
    let message = run.fails_with(1);
    assert!(
        message.contains(&bad) && message.contains("byte offset 3"),
        "{message}"
    );
    let report = tgtext(&["analyze", "--format", "json", "--lossy", &bad]).json();
    assert_eq!(keys(&report["words"]), ["ok"]);
    let run = tgtext(&["strip", "--lossy", &bad]);
    assert_eq!(
        run.ok(),
        "ok \u{FFFD}\n\n",
        "one replacement for the whole cut sequence"
    );
}

#[test]
fn byte_offsets_count_the_byte_order_mark() {
    let dir = TempDir::new("offset_with_bom");
    let bad = dir.write("bad.txt", b"\xEF\xBB\xBFok\n\xff");
    let message = tgtext(&["analyze", &bad]).fails_with(1).to_string();
    assert!(
        message.contains("byte offset 6"),
        "offsets are the file's: {message}"
    );
}

#[test]
fn nul_bytes_are_ordinary_text() {
    let dir = TempDir::new("nul");
    let path = dir.write("nul.txt", b"hello\0world #tag\0\0");
    let report = tgtext(&["analyze", "--format", "json", &path]).json();
    assert_eq!(report["totals"]["posts"], 1);
    assert_eq!(keys(&report["words"]), ["hello", "world"]);
    assert_eq!(keys(&report["hashtags"]), ["tag"]);
    let run = tgtext(&["strip", &path]);
    assert!(run.ok().starts_with("hello\0world"));
}

#[test]
fn an_empty_input_is_a_report_with_no_posts() {
    let dir = TempDir::new("empty");
    let empty = dir.write("empty.txt", b"");
    let from_file = tgtext(&["analyze", "--format", "json", &empty]).json();
    assert_eq!(from_file["totals"]["posts"], 0);
    assert_eq!(from_file["channel"], Value::Null);
    let from_stdin = tgtext(&["analyze", "--format", "json"]).json();
    assert_eq!(from_stdin, from_file);
    let bom_only = dir.write("bom.txt", b"\xEF\xBB\xBF");
    let report = tgtext(&["analyze", "--format", "json", &bom_only]).json();
    assert_eq!(report["totals"]["posts"], 0);
    assert_eq!(tgtext(&["strip", &empty]).ok(), "");
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let dir = TempDir::new("missing");
    let missing = dir.path("no-such-file.txt");
    let sample = sample_path();
    for args in [
        vec!["analyze", missing.as_str()],
        vec!["analyze", sample.as_str(), missing.as_str()],
        vec!["strip", missing.as_str()],
    ] {
        let run = tgtext(&args);
        assert!(run.fails_with(1).contains(&missing), "{args:?}");
    }
}

#[test]
fn a_directory_is_an_error_naming_it() {
    let dir = TempDir::new("directory");
    let path = arg(&dir.0);
    let run = tgtext(&["analyze", &path]);
    let message = run.fails_with(1);
    assert!(message.contains(&path), "{message}");
    assert!(message.contains("no recognised export"), "{message}");
}

#[test]
fn a_missing_stopwords_file_is_an_error_naming_it() {
    let dir = TempDir::new("missing_stopwords");
    let missing = dir.path("no-stopwords.txt");
    let run = tgtext(&["analyze", "--stopwords-file", &missing, &sample_path()]);
    assert!(run.fails_with(1).contains(&missing));
}

#[test]
fn a_stdin_closed_early_is_just_a_shorter_input() {
    let sample = sample_bytes();
    let cut = sample.len() / 2;
    let cut = (0..=cut)
        .rev()
        .find(|&i| std::str::from_utf8(&sample[..i]).is_ok())
        .expect("a character boundary");
    let report = tgtext_with_stdin(&["analyze", "--format", "json"], &sample[..cut]).json();
    let posts = report["totals"]["posts"].as_u64().expect("posts");
    assert!((1..15).contains(&posts), "{posts} posts");
}

#[test]
fn a_closed_stdout_is_not_an_error() {
    // Many distinct words, so that the output is far larger than a pipe's buffer.
    let input: String = (0..60_000).map(|i| format!("w{i} #t{i} ")).collect();
    for command in ["analyze", "strip"] {
        let mut child = spawn(&[command]);
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let bytes = input.clone().into_bytes();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        });
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let mut first = [0u8; 16];
        stdout.read_exact(&mut first).expect("some output comes");
        drop(stdout); // `| head -c 16`
        let run = finish(child);
        writer.join().expect("the stdin writer finishes");
        assert_eq!(
            run.code, 0,
            "{command}: a broken pipe exits 0, stderr: {}",
            run.stderr
        );
        assert!(
            run.stderr.is_empty(),
            "{command}: no message: {}",
            run.stderr
        );
    }
}

#[test]
fn a_byte_order_mark_at_the_start_is_ignored() {
    let dir = TempDir::new("bom");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(sample_bytes());
    let path = dir.write("bom.txt", &bytes);
    let expected = sample_json();
    assert_eq!(
        tgtext(&["analyze", "--format", "json", &path]).ok(),
        expected
    );
    let from_stdin = tgtext_with_stdin(&["analyze", "--format", "json"], &bytes);
    assert_eq!(from_stdin.ok(), expected);
    let stripped = tgtext(&["strip", &path]);
    assert_eq!(stripped.ok(), tgtext(&["strip", &sample_path()]).ok());
    assert_eq!(
        std::fs::read(dir.0.join("bom.txt")).expect("still there"),
        bytes,
        "inputs are never written to"
    );
}

#[test]
fn a_byte_order_mark_cut_by_the_first_read_of_stdin_is_still_ignored() {
    for args in [
        &["analyze", "--format", "json"][..],
        &["strip", "--format", "json"],
    ] {
        let mut child = spawn(args);
        let mut stdin = child.stdin.take().expect("stdin is piped");
        // Two writes apart in time, so that the binary's first read gets only the first byte.
        stdin
            .write_all(b"\xEF")
            .expect("stdin takes the first byte");
        stdin.flush().expect("flushed");
        std::thread::sleep(Duration::from_millis(200));
        stdin
            .write_all(b"\xBB\xBFhello world")
            .expect("stdin takes the rest");
        drop(stdin);
        let run = finish(child);
        let out = run.ok();
        assert!(!out.contains('\u{FEFF}'), "{args:?}: no U+FEFF in {out}");
    }
}

#[test]
fn a_10_mb_single_line_analyses_with_the_right_counts() {
    let dir = TempDir::new("ten_mb_line");
    let unit = "word #tag 😀 ";
    let repeats = 10_000_000 / unit.len() + 1;
    let path = dir.write("line.txt", unit.repeat(repeats).as_bytes());
    let report: Report = serde_json::from_str(tgtext(&["analyze", "--format", "json", &path]).ok())
        .expect("the report fits the model");
    let totals = &report.totals;
    assert_eq!(report.format, "plain");
    assert_eq!(totals.posts, 1);
    assert_eq!(totals.words, repeats as u64);
    assert_eq!(totals.distinct_words, 1);
    assert_eq!(totals.hashtags, repeats as u64);
    assert_eq!(totals.distinct_hashtags, 1);
    assert_eq!(totals.emoji, repeats as u64);
    assert_eq!(totals.distinct_emoji, 1);
    assert_eq!(report.hashtags[0].posts, 1);
    assert_eq!(report.emoji[0].key, "😀");
    assert_eq!(report.emoji[0].name.as_deref(), Some("grinning face"));
}

#[test]
fn a_crlf_line_end_cut_by_the_read_boundary_gives_the_core_s_report() {
    let dir = TempDir::new("crlf_at_boundary");
    let sample = String::from_utf8(sample_bytes()).expect("the sample is UTF-8");
    let crlf = sample.replace('\n', "\r\n");
    let mut text = String::new();
    while text.len() < READ_BOUNDARY + 100_000 {
        text.push_str(&crlf);
    }
    // Blank lines before the header move the last `\r` before the boundary onto it, so that
    // the first read ends with `\r` and the second starts with `\n`.
    let last_cr = text[..=READ_BOUNDARY - 1]
        .rfind('\r')
        .expect("a line end before the boundary");
    let text = format!("{}{text}", "\n".repeat(READ_BOUNDARY - 1 - last_cr));
    assert_eq!(&text.as_bytes()[READ_BOUNDARY - 1..=READ_BOUNDARY], b"\r\n");
    let path = dir.write("crlf.txt", text.as_bytes());
    let core = tgtext::analyze(&text, &tgtext::Config::default())
        .expect("the core analyses it")
        .to_json();
    let run = tgtext(&["analyze", "--format", "json", &path]);
    assert!(run.ok() == core, "a cut CRLF reads as one line end");
    let lf = text.replace("\r\n", "\n");
    let lf_report = tgtext::analyze(&lf, &tgtext::Config::default())
        .expect("the core analyses it")
        .to_json();
    assert!(core == lf_report, "CRLF line ends read as LF ones");
}

#[test]
fn ten_thousand_combining_marks_or_zwjs_in_a_row_give_a_report() {
    let dir = TempDir::new("long_sequences");
    let input = format!(
        "a{} x{} 👩{} #tag{}",
        "\u{301}".repeat(10_000),
        "\u{200D}".repeat(10_000),
        "\u{200D}👩".repeat(10_000),
        "\u{301}".repeat(10_000),
    );
    let path = dir.write("long.txt", input.as_bytes());
    let report: Report = serde_json::from_str(tgtext(&["analyze", "--format", "json", &path]).ok())
        .expect("the report fits the model");
    assert_eq!(report.totals.posts, 1);
    assert_eq!(report.totals.emoji, 1, "a ZWJ chain is one emoji");
    assert_eq!(report.emoji[0].name, None, "not a listed sequence");
    assert_eq!(report.totals.hashtags, 1, "still one hashtag");
    tgtext(&["strip", &path]).ok();
}

#[test]
fn a_strip_output_past_64_mib_comes_out_whole_and_leaves_no_temporary_file() {
    // Past 64 MiB the binary holds its output in a temporary file (`src/output.rs`); TMPDIR
    // points it at this test's directory, so that what it leaves behind can be seen.
    let dir = TempDir::new("spilled_output");
    let spill_dir = dir.0.join("tmp");
    std::fs::create_dir(&spill_dir).expect("the spill dir can be created");
    let post = format!("{}\n", "lorem ipsum dolor sit amet\n".repeat(20));
    let input = post.repeat((65 << 20) / post.len() + 1);
    let path = dir.write("big.txt", input.as_bytes());
    let bad = dir.write("bad.txt", b"\xff");
    let strip = |files: &[&str]| {
        let child = Command::new(env!("CARGO_BIN_EXE_tgtext"))
            .args(["strip", "--input", "plain", "--split", "paragraph"])
            .args(files)
            .env("TMPDIR", &spill_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("tgtext starts");
        finish(child)
    };
    let run = strip(&[&path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout == input.as_bytes(),
        "every post, in order: {} bytes out of {}",
        run.stdout.len(),
        input.len()
    );
    let left: Vec<_> = std::fs::read_dir(&spill_dir).expect("readable").collect();
    assert!(left.is_empty(), "no temporary file is left: {left:?}");
    let run = strip(&[&path, &bad]);
    assert!(run.fails_with(1).contains("bad.txt"));
    let left: Vec<_> = std::fs::read_dir(&spill_dir).expect("readable").collect();
    assert!(
        left.is_empty(),
        "no temporary file is left after an error: {left:?}"
    );
}
