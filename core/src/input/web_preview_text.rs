//! `web-preview-text`: the text a user gets by selecting all on a channel's web preview page
//! (`t.me/s/<channel>`) and copying it (SPEC §1).
//!
//! Lines are sorted into the channel header, post boundaries (`Forwarded from`, view/time
//! footers, date separators), media placeholders, and post text.

use super::{PostMeta, Sink};
use crate::report::{Channel, Counters};

/// The line that ends the header.
const DOWNLOAD_TELEGRAM: &str = "Download Telegram";
/// The header is looked for only in the input's first lines; a longer prefix is posts.
const MAX_HEADER_LINES: usize = 64;
const PLACEHOLDERS: [&str; 2] = ["Media is too big", "Please open Telegram to view this post"];
const VIEW_IN_TELEGRAM: &str = "VIEW IN TELEGRAM";

/// What one line is.
#[derive(Debug, PartialEq, Eq)]
pub enum LineKind<'a> {
    DownloadTelegram,
    /// `Forwarded from <source>`: a new post and its source.
    ForwardedFrom(&'a str),
    /// A view/time footer: the post ends.
    Footer,
    /// A date separator: the post ends.
    Date,
    /// `Media is too big` or `Please open Telegram to view this post`.
    Placeholder,
    ViewInTelegram,
    Blank,
    Text,
}

/// Where the first post boundary in `bytes` is, looking at whole lines only (from after the
/// first `\n`, as `bytes` may start inside a line): just after a footer or a date separator,
/// which end a post, or just before `Forwarded from`, which starts one. Whatever came before,
/// the parser is then in one state (no header left to look for, no post open, no placeholder
/// pending; or about to start a post whatever was open), so a part of the input that starts
/// there, read by [`Parser::continuing`], gives what the whole input's parser gives from there.
pub fn next_post_boundary(bytes: &[u8]) -> Option<usize> {
    let mut start = memchr::memchr(b'\n', bytes)? + 1;
    while let Some(length) = memchr::memchr(b'\n', &bytes[start..]) {
        let end = start + length;
        let line = &bytes[start..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        // Invalid UTF-8 is no boundary: decoding reports it (or replaces it) wherever it is.
        match std::str::from_utf8(line).map(classify) {
            Ok(LineKind::Footer | LineKind::Date) => return Some(end + 1),
            Ok(LineKind::ForwardedFrom(_)) => return Some(start),
            _ => {}
        }
        start = end + 1;
    }
    None
}

/// Classifies one line.
pub fn classify(line: &str) -> LineKind<'_> {
    // Runs on every line, and most are text: a line longer than any fixed line or date, with
    // no white space at either end, that starts with neither `F` (`Forwarded from`) nor a digit
    // (a footer) is text.
    let mut chars = line.chars();
    if let (true, Some(first), Some(last)) = (line.len() > 40, chars.next(), chars.next_back()) {
        if !first.is_whitespace()
            && !last.is_whitespace()
            && first != 'F'
            && !first.is_ascii_digit()
        {
            return LineKind::Text;
        }
    }
    classify_in_full(line)
}

/// [`classify`] without its shortcut.
fn classify_in_full(line: &str) -> LineKind<'_> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        LineKind::Blank
    } else if trimmed == DOWNLOAD_TELEGRAM {
        LineKind::DownloadTelegram
    } else if let Some(source) = forwarded_source(trimmed) {
        LineKind::ForwardedFrom(source)
    } else if PLACEHOLDERS.contains(&trimmed) {
        LineKind::Placeholder
    } else if trimmed == VIEW_IN_TELEGRAM {
        LineKind::ViewInTelegram
    } else if is_footer(trimmed) {
        LineKind::Footer
    } else if is_date_separator(trimmed) {
        LineKind::Date
    } else {
        LineKind::Text
    }
}

/// `Forwarded from Russian MFA 🇷🇺` → `Russian MFA 🇷🇺`; the space after `from` may be U+00A0.
fn forwarded_source(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("Forwarded from")?;
    let source = rest.strip_prefix([' ', '\u{A0}'])?.trim();
    (!source.is_empty()).then_some(source)
}

/// A number with an optional `K`/`M` suffix: `845`, `1.2K`, `5,5K`; returns the rest.
fn strip_abbreviated_number(s: &str) -> Option<(u64, &str)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let mut end = digits;
    let mut fraction = "";
    let bytes = s.as_bytes();
    if matches!(bytes.get(end), Some(b'.' | b',')) {
        let more = bytes[end + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if more > 0 {
            fraction = &s[end + 1..end + 1 + more];
            end += 1 + more;
        }
    }
    let multiplier: u64 = match bytes.get(end) {
        Some(b'K') => 1_000,
        Some(b'M') => 1_000_000,
        _ => 1,
    };
    if multiplier > 1 {
        end += 1;
    } else if !fraction.is_empty() {
        return None; // `1.5 views` is not how the preview writes numbers
    }
    Some((
        decimal_times(&s[..digits], fraction, multiplier)?,
        &s[end..],
    ))
}

/// `whole.fraction × multiplier` in integers, never through floating point (`2.91K` → 2910);
/// digits beyond the multiplier's precision are dropped.
fn decimal_times(whole: &str, fraction: &str, multiplier: u64) -> Option<u64> {
    let mut value = whole.parse::<u64>().ok()?.checked_mul(multiplier)?;
    let mut scale = multiplier;
    for digit in fraction.bytes() {
        scale /= 10;
        value = value.checked_add(u64::from(digit - b'0') * scale)?;
    }
    Some(value)
}

/// A view/time footer: `1.2K views 14:05`, `845 views 11:02`, `1.5K viewsedited 12:40`,
/// `1 view 9:05 PM`; spaces optional.
fn is_footer(line: &str) -> bool {
    // Runs on every line: most start with no digit.
    if !line.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let Some((_, rest)) = strip_abbreviated_number(line) else {
        return false;
    };
    let rest = rest.trim_start();
    let Some(rest) = rest
        .strip_prefix("views")
        .or_else(|| rest.strip_prefix("view"))
    else {
        return false;
    };
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("edited").unwrap_or(rest).trim_start();
    let Some(rest) = strip_clock_time(rest) else {
        return false;
    };
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix("AM")
        .or_else(|| rest.strip_prefix("PM"))
        .unwrap_or(rest);
    rest.trim().is_empty()
}

/// `H:MM` or `HH:MM`; returns the rest.
fn strip_clock_time(s: &str) -> Option<&str> {
    let hours = s.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&hours) || s.as_bytes().get(hours) != Some(&b':') {
        return None;
    }
    let minutes = &s[hours + 1..];
    let digits = minutes.bytes().take_while(u8::is_ascii_digit).count();
    (digits == 2).then(|| &minutes[2..])
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_month(word: &str) -> bool {
    MONTHS.contains(&word)
}

fn is_day(word: &str) -> bool {
    word.len() <= 2 && word.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

fn is_year(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())
}

/// A date separator: `June 6`, `June 6, 2023`, `6 June 2023`, `6 June`.
fn is_date_separator(line: &str) -> bool {
    // The longest is `September 30, 2023`; anything longer is text (and this runs on every line).
    if line.len() > 20 {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        [a, b] => (is_month(a) && is_day(b)) || (is_day(a) && is_month(b)),
        [a, b, year] => {
            is_year(year)
                && ((is_month(a) && b.strip_suffix(',').is_some_and(is_day))
                    || (is_day(a) && is_month(b)))
        }
        _ => false,
    }
}

/// The plural counter words of the header, by their singular and plural spellings.
const COUNTER_WORDS: [&str; 7] = [
    "subscribers",
    "members",
    "photos",
    "videos",
    "files",
    "links",
    "audios",
];

/// A header counter line: `7K subscribers`, `2.91K links`, `1 file` → (`files`, 1).
pub(crate) fn counter(line: &str) -> Option<(&'static str, u64)> {
    let (value, rest) = strip_abbreviated_number(line.trim())?;
    let word = rest.trim();
    COUNTER_WORDS
        .into_iter()
        .find(|plural| word == *plural || Some(word) == plural.strip_suffix('s'))
        .map(|plural| (plural, value))
}

/// Builds the channel from the header's lines: title, counters, then the description.
fn parse_header(lines: &[String]) -> Option<Channel> {
    let mut lines = lines.iter().map(|l| l.trim()).skip_while(|l| l.is_empty());
    let title = lines.next()?.to_string();
    let mut counters = Vec::new();
    let mut description = Vec::new();
    for line in lines {
        match counter(line) {
            Some((name, value)) => counters.push((name.to_string(), value)),
            None => description.push(line),
        }
    }
    let description = description.join("\n").trim().to_string();
    Some(Channel {
        id: None,
        title,
        description: (!description.is_empty()).then_some(description),
        counters: Counters(counters),
    })
}

/// The parser's state between lines.
#[derive(Debug)]
pub struct Parser {
    /// The first lines, kept until `Download Telegram` shows they are a header.
    header: Option<Vec<String>>,
    in_post: bool,
    /// The last non-blank line was a placeholder, so a `VIEW IN TELEGRAM` belongs to it.
    after_placeholder: bool,
}

impl Default for Parser {
    fn default() -> Self {
        Parser {
            header: Some(Vec::new()),
            in_post: false,
            after_placeholder: false,
        }
    }
}

impl Parser {
    /// A parser for a part of an input that starts at a post boundary ([`next_post_boundary`]):
    /// in the state the whole input's parser is in there, with no header to look for.
    pub fn continuing() -> Self {
        Parser {
            header: None,
            ..Parser::default()
        }
    }

    pub fn line(&mut self, line: &str, sink: &mut dyn Sink) {
        if let Some(header) = &mut self.header {
            match classify(line) {
                LineKind::DownloadTelegram => {
                    let header = self.header.take().unwrap_or_default();
                    if let Some(channel) = parse_header(&header) {
                        sink.channel(channel);
                    }
                    return;
                }
                LineKind::Text | LineKind::Blank if header.len() < MAX_HEADER_LINES => {
                    header.push(line.to_string());
                    return;
                }
                // Anything else before `Download Telegram`: there is no header.
                _ => self.replay_header(sink),
            }
        }
        self.post_line(line, sink);
    }

    /// The lines kept as a possible header were posts after all.
    fn replay_header(&mut self, sink: &mut dyn Sink) {
        for line in self.header.take().unwrap_or_default() {
            self.post_line(&line, sink);
        }
    }

    fn post_line(&mut self, line: &str, sink: &mut dyn Sink) {
        let kind = classify(line);
        let after_placeholder = std::mem::take(&mut self.after_placeholder);
        match kind {
            LineKind::DownloadTelegram => {}
            LineKind::ForwardedFrom(source) => {
                sink.begin_post(PostMeta::from_source(Some(source)));
                self.in_post = true;
            }
            LineKind::Footer | LineKind::Date => {
                if std::mem::take(&mut self.in_post) {
                    sink.end_post();
                }
            }
            LineKind::Placeholder => {
                self.ensure_post(sink);
                sink.placeholder();
                self.after_placeholder = true;
            }
            LineKind::ViewInTelegram => {
                if !after_placeholder {
                    self.ensure_post(sink);
                    sink.placeholder();
                }
            }
            LineKind::Blank => {
                self.after_placeholder = after_placeholder;
                if self.in_post {
                    sink.post_line(line);
                }
            }
            LineKind::Text => {
                self.ensure_post(sink);
                sink.post_line(line);
            }
        }
    }

    fn ensure_post(&mut self, sink: &mut dyn Sink) {
        if !self.in_post {
            sink.begin_post(PostMeta::default());
            self.in_post = true;
        }
    }

    pub fn finish(mut self, sink: &mut dyn Sink) {
        self.replay_header(sink);
        if self.in_post {
            sink.end_post();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortcut_for_long_text_lines_agrees_with_the_full_classification() {
        let long = "x".repeat(40);
        let mut lines = Vec::new();
        for line in [
            "Download Telegram",
            "Forwarded from Russian MFA 🇷🇺",
            "Media is too big",
            "Please open Telegram to view this post",
            "VIEW IN TELEGRAM",
            "1.5K views 12:05",
            "1.5K views edited 12:05 PM",
            "June 10",
            "September 30, 2023",
            "",
            "text",
        ] {
            for (before, after) in [("", ""), ("  ", ""), ("", "\u{A0}"), ("\u{3000}", " ")] {
                lines.push(format!("{before}{line}{after}"));
                lines.push(format!("{before}{line}{long}{after}"));
                lines.push(format!("{before}{long}{line}{after}"));
            }
        }
        lines.push(" ".repeat(60));
        lines.push("\u{A0}".repeat(30));
        lines.push(format!("Forwarded from {long}"));
        lines.push(format!("{} views 12:05", "1".repeat(40)));
        for line in &lines {
            assert_eq!(classify(line), classify_in_full(line), "{line:?}");
        }
    }

    #[test]
    fn counters_are_parsed_as_decimals() {
        assert_eq!(counter("7K subscribers"), Some(("subscribers", 7000)));
        assert_eq!(counter("5.5K photos"), Some(("photos", 5500)));
        assert_eq!(counter("2.91K links"), Some(("links", 2910)));
        assert_eq!(counter("1.2M members"), Some(("members", 1_200_000)));
        assert_eq!(counter("1 file"), Some(("files", 1)));
        assert_eq!(counter("646 videos"), Some(("videos", 646)));
        assert_eq!(counter("7K followers"), None);
    }

    #[test]
    fn footers_end_posts() {
        for footer in [
            "1.2K views 14:05",
            "845 views 11:02",
            "1.5K viewsedited 12:40",
            "1 view9:05 PM",
        ] {
            assert_eq!(classify(footer), LineKind::Footer, "{footer}");
        }
        for text in ["845 views", "views 11:02", "1.2K views 14:05 today"] {
            assert_eq!(classify(text), LineKind::Text, "{text}");
        }
    }

    #[test]
    fn date_separators_end_posts() {
        for date in ["June 6", "June 6, 2023", "6 June 2023"] {
            assert_eq!(classify(date), LineKind::Date, "{date}");
        }
        assert_eq!(classify("June 2023"), LineKind::Text);
    }

    #[test]
    fn forwarded_from_takes_a_no_break_space() {
        assert_eq!(
            classify("Forwarded from\u{A0}Russian MFA 🇷🇺"),
            LineKind::ForwardedFrom("Russian MFA 🇷🇺")
        );
        assert_eq!(classify("Forwarded fromage"), LineKind::Text);
    }
}
