//! TDLib's own entity test vectors (`conformance/telegram-entities.json` in `../shared`), each
//! run against the one matcher it tests, without cross-type overlap removal (see its `note`).
//!
//! The vectors are not part of a user's clone: the path comes from `TGTEXT_CONFORMANCE_DIR`
//! (default `../shared/conformance` beside the project). When they are absent the suite skips
//! loudly, except under CI (`CI=true`), where it fails.

use std::path::PathBuf;

use serde::Deserialize;
use tgtext::entities::{bot_command, cashtag, hashtag, mention, url};
use tgtext_tests::{known_failures, workspace_root};

#[derive(Deserialize)]
struct Vectors {
    hashtags: Vec<Vector>,
    cashtags: Vec<Vector>,
    mentions: Vec<Vector>,
    bot_commands: Vec<Vector>,
    urls: Vec<UrlVector>,
}

#[derive(Deserialize)]
struct Vector {
    text: String,
    expected: Vec<String>,
    line: u32,
}

#[derive(Deserialize)]
struct UrlVector {
    text: String,
    expected_urls: Vec<String>,
    expected_emails: Vec<String>,
    line: u32,
}

fn conformance_dir() -> PathBuf {
    std::env::var_os("TGTEXT_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            workspace_root()
                .join("..")
                .join("shared")
                .join("conformance")
        })
}

fn load() -> Option<Vectors> {
    let path = conformance_dir().join("telegram-entities.json");
    let under_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    match std::fs::read_to_string(&path) {
        Ok(json) => Some(serde_json::from_str(&json).expect("telegram-entities.json parses")),
        Err(err) if under_ci => panic!(
            "CI=true but TDLib's vectors are missing at {}: {err}",
            path.display()
        ),
        Err(err) => {
            eprintln!("\n########################################################################");
            eprintln!(
                "# SKIPPED: TDLib entity vectors not found at {}",
                path.display()
            );
            eprintln!("# ({err}). Set TGTEXT_CONFORMANCE_DIR to the folder holding");
            eprintln!("# telegram-entities.json to run this suite.");
            eprintln!("########################################################################\n");
            None
        }
    }
}

fn spans(text: &str, ranges: impl IntoIterator<Item = std::ops::Range<usize>>) -> Vec<&str> {
    ranges.into_iter().map(|r| &text[r]).collect()
}

#[test]
fn every_tdlib_entity_vector_passes() {
    let Some(vectors) = load() else { return };
    let mut failures = Vec::new();
    let mut total = 0;
    let mut run =
        |section: &str, list: &[Vector], matcher: fn(&str) -> Vec<std::ops::Range<usize>>| {
            for v in list {
                total += 1;
                let got = spans(&v.text, matcher(&v.text));
                if got != v.expected {
                    failures.push((
                        format!("{section}:{}", v.line),
                        format!(
                            "text {:?}: expected {:?}, got {:?}",
                            v.text, v.expected, got
                        ),
                    ));
                }
            }
        };
    run("hashtags", &vectors.hashtags, hashtag::find_hashtags);
    run("cashtags", &vectors.cashtags, cashtag::find_cashtags);
    run("mentions", &vectors.mentions, mention::find_mentions);
    run(
        "bot_commands",
        &vectors.bot_commands,
        bot_command::find_bot_commands,
    );
    for v in &vectors.urls {
        total += 1;
        let found = url::find_urls(&v.text);
        let of_kind = |kind| {
            spans(
                &v.text,
                found
                    .iter()
                    .filter(|m| m.kind == kind)
                    .map(|m| m.range.clone()),
            )
        };
        let (urls, emails) = (of_kind(url::UrlKind::Url), of_kind(url::UrlKind::Email));
        if urls != v.expected_urls || emails != v.expected_emails {
            failures.push((
                format!("urls:{}", v.line),
                format!(
                    "text {:?}: expected urls {:?} emails {:?}, got urls {:?} emails {:?}",
                    v.text, v.expected_urls, v.expected_emails, urls, emails
                ),
            ));
        }
    }
    known_failures::check("telegram-entities", total, &failures);
}
