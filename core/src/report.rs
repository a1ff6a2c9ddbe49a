//! The report of SPEC §5: the JSON wire types. Their field order is the JSON key order, and
//! their docs are the schema. Internal counting lives in `stats`; these types only carry results.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The schema name; it changes only when an existing key changes meaning.
pub const SCHEMA: &str = "tgtext/report@1";

/// One analysis of one or more inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The format id of the inputs; `mixed` when they differ.
    pub format: String,
    /// The channel header of the first input that has one, else `null`.
    pub channel: Option<Channel>,
    pub totals: Totals,
    pub hashtags: Vec<Item>,
    pub emoji: Vec<EmojiItem>,
    pub words: Vec<Item>,
    pub mentions: Vec<Item>,
    pub cashtags: Vec<Item>,
    pub domains: Vec<Item>,
    pub sources: Vec<Item>,
    pub countries: Vec<Item>,
    /// Full-account exports only: posts per chat (key: the chat id, text: its name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chats: Option<Vec<Item>>,
    /// Inputs whose posts have dates: posts and top hashtags per period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Timeline>,
    /// With `ngrams`: word bigrams and trigrams within sentences (key: the word keys joined by a
    /// space).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bigrams: Option<Vec<Item>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigrams: Option<Vec<Item>>,
    /// With `cooccurrence`: pairs within posts, key `a|b`; count and posts are the posts that
    /// have both. Hashtag pairs (sorted keys), hashtag–word and emoji–hashtag pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cotags: Option<Vec<Item>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hashtag_words: Option<Vec<Item>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji_hashtags: Option<Vec<Item>>,
    /// With `distinctive`: each source's and chat's most distinctive words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distinctive: Option<Vec<crate::deeper::DistinctiveGroup>>,
    /// What was applied to word keys, when anything was (`stem`, `fold_yo`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
    /// Per-post records, only with the `posts` option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posts: Option<Vec<PostRecord>>,
    pub versions: Versions,
}

/// A channel's header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    /// The chat id, where the input has one (Telegram's JSON export).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    /// `null` when the header has no description.
    pub description: Option<String>,
    /// The counters in the order in which they appear (`subscribers`, `photos`, ...).
    pub counters: Counters,
}

/// What was applied to word keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// The stemmer, when words were stemmed.
    pub stem: Option<String>,
    /// Whether `ё` was folded into `е`.
    pub fold_yo: bool,
}

/// Posts and top hashtags per day, week or month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    /// `day`, `week` (ISO weeks) or `month`.
    pub unit: String,
    /// The UTC offset the periods are counted in (`+00:00`).
    pub time_zone: String,
    /// The periods that have posts, in time order.
    pub periods: Vec<Period>,
}

/// One period of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    /// `2023-06-06`, `2023-W23` or `2023-06`.
    pub period: String,
    /// Posts dated in the period.
    pub posts: u64,
    /// The period's most frequent hashtags (at most [`Period::TOP_HASHTAGS`]).
    pub hashtags: Vec<Item>,
}

impl Period {
    /// How many hashtags each period lists.
    pub const TOP_HASHTAGS: usize = 5;
}

/// Named counters in their original order, written as a JSON object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counters(pub Vec<(String, u64)>);

impl<'de> Deserialize<'de> for Counters {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder;

        impl<'de> Visitor<'de> for InOrder {
            type Value = Counters;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of counters")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Counters, A::Error> {
                let mut counters = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    counters.push(entry);
                }
                Ok(Counters(counters))
            }
        }

        deserializer.deserialize_map(InOrder)
    }
}

impl Serialize for Counters {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// The totals; each table's total equals the sum of its `count`s.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub posts: u64,
    pub words: u64,
    pub distinct_words: u64,
    pub hashtags: u64,
    pub distinct_hashtags: u64,
    pub emoji: u64,
    pub distinct_emoji: u64,
    pub mentions: u64,
    pub cashtags: u64,
    /// URLs in the text plus link targets, e-mail addresses excluded; the sum of `domains`.
    pub urls: u64,
    pub media_placeholders: u64,
}

impl Totals {
    /// The totals as (name, value) pairs in report order, for the CSV.
    pub fn entries(&self) -> [(&'static str, u64); 11] {
        [
            ("posts", self.posts),
            ("words", self.words),
            ("distinct_words", self.distinct_words),
            ("hashtags", self.hashtags),
            ("distinct_hashtags", self.distinct_hashtags),
            ("emoji", self.emoji),
            ("distinct_emoji", self.distinct_emoji),
            ("mentions", self.mentions),
            ("cashtags", self.cashtags),
            ("urls", self.urls),
            ("media_placeholders", self.media_placeholders),
        ]
    }
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The grouping key (per table: SPEC §5).
    pub key: String,
    /// How it is shown: the most frequent spelling, ties to the first seen.
    pub text: String,
    /// Occurrences.
    pub count: u64,
    /// Posts containing it.
    pub posts: u64,
}

/// One row of the emoji table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmojiItem {
    /// The sequence without U+FE0E/U+FE0F.
    pub key: String,
    /// The fully-qualified form from emoji-test.txt, else the most frequent spelling.
    pub text: String,
    /// The CLDR short name from emoji-test.txt, `null` for sequences it does not list.
    pub name: Option<String>,
    pub count: u64,
    pub posts: u64,
}

/// One post, with the `posts` option.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostRecord {
    /// The post's place in the input, from 0.
    pub index: u64,
    /// The message id, where the input has one.
    pub id: Option<i64>,
    /// ISO 8601 in UTC, where known.
    pub date: Option<String>,
    /// The forward's source.
    pub source: Option<String>,
    pub text: String,
    /// The text with hashtags and emoji removed (SPEC §3).
    pub clean_text: String,
    pub hashtags: Vec<String>,
    pub emoji: Vec<String>,
    pub mentions: Vec<String>,
    pub cashtags: Vec<String>,
    pub urls: Vec<String>,
}

/// Which tgtext and which Unicode Emoji data made the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Versions {
    pub tgtext: String,
    pub unicode_emoji: String,
}

impl Report {
    /// The report's JSON bytes: two-space indentation, non-ASCII unescaped, a final newline —
    /// exactly `JSON.stringify(report, null, 2) + "\n"` of the npm package's object.
    pub fn to_json(&self) -> String {
        // serde_json's own String: no second pass to check the UTF-8 it wrote, which costs
        // wasm a few ms on a large report (its `from_utf8` has no SIMD there).
        let mut json = serde_json::to_string_pretty(self)
            .expect("a report always serialises, and into memory");
        json.push('\n');
        json
    }

    /// [`Report::to_json`], written to `out` as it is made rather than built whole first.
    pub fn write_json(&self, mut out: impl std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut out, self)?;
        out.write_all(b"\n")
    }

    /// The report as the CSV of SPEC §5: one long table, RFC 4180, `\n` line ends.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("table,key,text,name,count,posts\n");
        let mut row =
            |table: &str, key: &str, text: &str, name: &str, count: u64, posts: Option<u64>| {
                for (i, field) in [table, key, text, name].into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_csv_field(&mut out, field);
                }
                out.push(',');
                out.push_str(&count.to_string());
                out.push(',');
                if let Some(posts) = posts {
                    out.push_str(&posts.to_string());
                }
                out.push('\n');
            };
        for (name, value) in self.totals.entries() {
            row("totals", name, "", "", value, None);
        }
        if let Some(channel) = &self.channel {
            for (name, value) in &channel.counters.0 {
                row("counters", name, "", "", *value, None);
            }
        }
        for item in &self.hashtags {
            row(
                "hashtags",
                &item.key,
                &item.text,
                "",
                item.count,
                Some(item.posts),
            );
        }
        for item in &self.emoji {
            let name = item.name.as_deref().unwrap_or("");
            row(
                "emoji",
                &item.key,
                &item.text,
                name,
                item.count,
                Some(item.posts),
            );
        }
        let tables: [(&str, &[Item]); 6] = [
            ("words", &self.words),
            ("mentions", &self.mentions),
            ("cashtags", &self.cashtags),
            ("domains", &self.domains),
            ("sources", &self.sources),
            ("countries", &self.countries),
        ];
        for (table, items) in tables {
            for item in items {
                row(
                    table,
                    &item.key,
                    &item.text,
                    "",
                    item.count,
                    Some(item.posts),
                );
            }
        }
        for item in self.chats.iter().flatten() {
            row(
                "chats",
                &item.key,
                &item.text,
                "",
                item.count,
                Some(item.posts),
            );
        }
        if let Some(timeline) = &self.timeline {
            for period in &timeline.periods {
                let (key, posts) = (&period.period, period.posts);
                row("timeline", key, key, "", posts, Some(posts));
            }
            for period in &timeline.periods {
                for item in &period.hashtags {
                    let key = format!("{}|{}", period.period, item.key);
                    row(
                        "timeline_hashtags",
                        &key,
                        &item.text,
                        "",
                        item.count,
                        Some(item.posts),
                    );
                }
            }
        }
        out
    }
}

/// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
pub(crate) fn push_csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// One report per input, as `tgtext analyze --per-file` prints them.
#[derive(Serialize)]
struct FileReport<'a> {
    file: &'a str,
    report: &'a Report,
}

/// Per-input reports as JSON: an array of `{"file", "report"}`, formatted as [`Report::to_json`].
pub fn per_file_json(reports: &[(String, Report)]) -> String {
    let files: Vec<FileReport> = reports
        .iter()
        .map(|(file, report)| FileReport { file, report })
        .collect();
    let mut json = serde_json::to_string_pretty(&files).expect("reports always serialise");
    json.push('\n');
    json
}

/// Per-input reports as one CSV: each report's rows with the input's name in a first `file`
/// column.
pub fn per_file_csv(reports: &[(String, Report)]) -> String {
    let mut out = String::from("file,table,key,text,name,count,posts\n");
    for (file, report) in reports {
        let mut field = String::new();
        push_csv_field(&mut field, file);
        for line in report.to_csv().lines().skip(1) {
            out.push_str(&field);
            out.push(',');
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_read_back_in_their_order() {
        let json = r#"{"title": "t", "description": null,
            "counters": {"subscribers": 3, "photos": 1, "files": 2}}"#;
        let channel: Channel = serde_json::from_str(json).unwrap();
        let names: Vec<&str> = channel.counters.0.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["subscribers", "photos", "files"]);
        assert_eq!(channel.id, None);
    }

    #[test]
    fn a_report_without_a_required_key_is_refused_by_name() {
        let err = serde_json::from_str::<Report>(r#"{"schema": "tgtext/report@1"}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `format`"), "{err}");
    }
}
