//! The report of SPEC §5: the JSON wire types. Their field order is the JSON key order, and
//! their docs are the schema. Internal counting lives in `stats`; these types only carry results.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// The schema name; it changes only when an existing key changes meaning.
pub const SCHEMA: &str = "tgtext/report@1";

/// One analysis of one or more inputs.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// Per-post records, only with the `posts` option.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub posts: Option<Vec<PostRecord>>,
    pub versions: Versions,
}

/// A channel's header.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Channel {
    pub title: String,
    /// `null` when the header has no description.
    pub description: Option<String>,
    /// The counters in the order in which they appear (`subscribers`, `photos`, ...).
    pub counters: Counters,
}

/// Named counters in their original order, written as a JSON object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counters(pub Vec<(String, u64)>);

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
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Versions {
    pub tgtext: String,
    pub unicode_emoji: String,
}

impl Report {
    /// The report's JSON bytes: two-space indentation, non-ASCII unescaped, a final newline —
    /// exactly `JSON.stringify(report, null, 2) + "\n"` of the npm package's object.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("a report always serialises");
        json.push('\n');
        json
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
        out
    }
}

/// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
fn push_csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}
