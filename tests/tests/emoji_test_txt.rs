//! Unicode's emoji-test.txt as a conformance suite for `entities::emoji` (SPEC §2).
//!
//! Reads the VENDORED copy, `core/data/unicode/emoji-test.txt` (Unicode Emoji 17.0), and parses
//! it here on its own, independently of `tgtext-gen`. Every data line — fully-qualified,
//! minimally-qualified, unqualified and component — must be found by `find_emoji` as exactly one
//! emoji covering the whole line, with the right key, fully-qualified form and name; except the
//! three unqualified lines for `©`, `®` and `™` without U+FE0F, which must give no emoji. Then all
//! lines joined by single spaces must give exactly one emoji per line, in order (minus those
//! three). Failures are checked against `tests/known-failures/emoji-test.txt`.

use std::collections::HashMap;

use tgtext::entities::emoji::{emoji_key, find_emoji, lookup, EmojiInfo};
use tgtext_tests::{known_failures, workspace_root};

/// One data line: `1F600 ; fully-qualified # 😀 E1.0 grinning face`.
struct Line {
    number: usize,
    code_points: String,
    text: String,
    status: String,
    name: String,
}

fn load() -> Vec<Line> {
    let path = workspace_root().join("core/data/unicode/emoji-test.txt");
    let file = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the vendored {} is missing: {e}", path.display()));
    let mut lines = Vec::new();
    for (i, raw) in file.lines().enumerate() {
        if raw.starts_with('#') || raw.trim().is_empty() {
            continue;
        }
        let (data, comment) = raw.split_once('#').expect("a data line has a comment");
        let (cps, status) = data.split_once(';').expect("a data line has a status");
        let code_points = cps.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = cps
            .split_whitespace()
            .map(|hex| char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap())
            .collect();
        // `😀 E1.0 grinning face`: the emoji, its version, the name.
        let name = comment.trim().splitn(3, ' ').nth(2).expect("a name").trim();
        lines.push(Line {
            number: i + 1,
            code_points,
            text,
            status: status.trim().to_owned(),
            name: name.to_owned(),
        });
    }
    lines
}

/// SPEC §2: `©`, `®`, `™` count only with U+FE0F, so these three lines give nothing.
fn is_bare_text_symbol(line: &Line) -> bool {
    matches!(line.code_points.as_str(), "00A9" | "00AE" | "2122")
}

#[test]
fn every_line_of_emoji_test_txt_is_one_emoji() {
    let lines = load();
    assert_eq!(
        lines.len(),
        3944 + 1029 + 243 + 9,
        "the Emoji 17.0 status counts"
    );

    // Key → fully-qualified form, from the file itself.
    let fully_qualified: HashMap<String, &str> = lines
        .iter()
        .filter(|l| l.status == "fully-qualified" || l.status == "component")
        .map(|l| (strip_selectors(&l.text), l.text.as_str()))
        .collect();

    let mut failures: Vec<(String, String)> = Vec::new();
    let mut fail = |line: &Line, what: String| {
        failures.push((
            line.code_points.clone(),
            format!("line {}: {what}", line.number),
        ));
    };
    for line in &lines {
        let found = find_emoji(&line.text);
        if is_bare_text_symbol(line) {
            if !found.is_empty() {
                fail(
                    line,
                    format!("bare {:?} must not be an emoji, found {found:?}", line.text),
                );
            }
            continue;
        }
        let whole_line = 0..line.text.len();
        if found.len() != 1 || found[0] != whole_line {
            fail(
                line,
                format!("{:?} found as {found:?}, not as one emoji", line.text),
            );
            continue;
        }
        let key = emoji_key(&line.text);
        let expected_key = strip_selectors(&line.text);
        if key != expected_key {
            fail(line, format!("key {key:?}, expected {expected_key:?}"));
            continue;
        }
        // (fully-qualified form, name); a minimally- or unqualified line has its fully-qualified
        // line's name.
        let expected = fully_qualified
            .get(&key)
            .map(|&fq| (fq, line.name.as_str()));
        let got = lookup(&key);
        if got.map(
            |EmojiInfo {
                 fully_qualified,
                 name,
             }| (fully_qualified, name),
        ) != expected
        {
            fail(line, format!("lookup gave {got:?}, expected {expected:?}"));
        }
    }

    // All lines on one line, separated by single spaces.
    let mut joined = String::new();
    let mut expected = Vec::new();
    for line in &lines {
        if !joined.is_empty() {
            joined.push(' ');
        }
        let start = joined.len();
        joined.push_str(&line.text);
        if !is_bare_text_symbol(line) {
            expected.push(start..joined.len());
        }
    }
    let found = find_emoji(&joined);
    if found != expected {
        let first_diff = found.iter().zip(&expected).position(|(f, e)| f != e);
        failures.push((
            "all lines joined".to_owned(),
            format!(
                "{} emoji found, {} expected; first difference at emoji #{first_diff:?}",
                found.len(),
                expected.len()
            ),
        ));
    }

    let failed_lines = failures
        .iter()
        .filter(|(id, _)| id != "all lines joined")
        .count();
    println!(
        "emoji-test.txt: {} of {} lines pass; all lines joined: {}",
        lines.len() - failed_lines,
        lines.len(),
        if found == expected { "pass" } else { "FAIL" }
    );
    known_failures::check("emoji-test", lines.len() + 1, &failures);
}

fn strip_selectors(s: &str) -> String {
    s.chars()
        .filter(|&c| c != '\u{FE0E}' && c != '\u{FE0F}')
        .collect()
}
