//! Reading a report object back into [`tgtext::Report`], for `csv(report)`.
//!
//! The core's report types only serialise (they are the wire format's writer); `csv()` receives
//! the object that `analyze()` returned, so it needs the way back. These mirror types are that
//! way back and nothing more: they hold no rule, and the CSV bytes come from the core's own
//! [`tgtext::Report::to_csv`], so the npm package and `tgtext analyze --format csv` cannot
//! drift apart. Keys that the CSV does not use (`posts`, and sections a newer core adds) are
//! ignored; every key the CSV needs is required.
//!
//! If the core's report types gain `Deserialize`, this module can go.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// A report as `analyze()` returns it (SPEC §5).
#[derive(Debug, Deserialize)]
pub struct Report {
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
    versions: Versions,
}

#[derive(Debug, Deserialize)]
struct Channel {
    title: String,
    description: Option<String>,
    counters: Counters,
}

/// The counters object, read in its key order (which is the order the CSV rows keep).
#[derive(Debug)]
struct Counters(Vec<(String, u64)>);

impl<'de> Deserialize<'de> for Counters {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CountersVisitor;
        impl<'de> Visitor<'de> for CountersVisitor {
            type Value = Counters;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of counters")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Counters, A::Error> {
                let mut counters = Vec::new();
                while let Some(entry) = map.next_entry::<String, u64>()? {
                    counters.push(entry);
                }
                Ok(Counters(counters))
            }
        }
        deserializer.deserialize_map(CountersVisitor)
    }
}

#[derive(Debug, Deserialize)]
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
struct Item {
    key: String,
    text: String,
    count: u64,
    posts: u64,
}

#[derive(Debug, Deserialize)]
struct EmojiItem {
    key: String,
    text: String,
    name: Option<String>,
    count: u64,
    posts: u64,
}

#[derive(Debug, Deserialize)]
struct Versions {
    tgtext: String,
    unicode_emoji: String,
}

fn items(items: Vec<Item>) -> Vec<tgtext::Item> {
    items
        .into_iter()
        .map(|i| tgtext::Item {
            key: i.key,
            text: i.text,
            count: i.count,
            posts: i.posts,
        })
        .collect()
}

impl From<Report> for tgtext::Report {
    fn from(r: Report) -> Self {
        tgtext::Report {
            schema: r.schema,
            format: r.format,
            channel: r.channel.map(|c| tgtext::Channel {
                title: c.title,
                description: c.description,
                counters: tgtext::Counters(c.counters.0),
            }),
            totals: tgtext::Totals {
                posts: r.totals.posts,
                words: r.totals.words,
                distinct_words: r.totals.distinct_words,
                hashtags: r.totals.hashtags,
                distinct_hashtags: r.totals.distinct_hashtags,
                emoji: r.totals.emoji,
                distinct_emoji: r.totals.distinct_emoji,
                mentions: r.totals.mentions,
                cashtags: r.totals.cashtags,
                urls: r.totals.urls,
                media_placeholders: r.totals.media_placeholders,
            },
            hashtags: items(r.hashtags),
            emoji: r
                .emoji
                .into_iter()
                .map(|e| tgtext::EmojiItem {
                    key: e.key,
                    text: e.text,
                    name: e.name,
                    count: e.count,
                    posts: e.posts,
                })
                .collect(),
            words: items(r.words),
            mentions: items(r.mentions),
            cashtags: items(r.cashtags),
            domains: items(r.domains),
            sources: items(r.sources),
            countries: items(r.countries),
            // The CSV has no per-post rows.
            posts: None,
            versions: tgtext::Versions {
                tgtext: r.versions.tgtext,
                unicode_emoji: r.versions.unicode_emoji,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/channel-cis.txt");
        std::fs::read_to_string(path).expect("the sample is readable")
    }

    fn round_trip(report: &tgtext::Report) -> tgtext::Report {
        let wire: Report = serde_json::from_str(&report.to_json()).expect("the report reads back");
        wire.into()
    }

    #[test]
    fn a_report_read_back_gives_the_cores_csv_bytes() {
        let report = tgtext::analyze(&sample(), &tgtext::Config::default()).unwrap();
        assert!(
            report.channel.is_some(),
            "the sample has a header with counters"
        );
        let back = round_trip(&report);
        assert_eq!(back, report);
        assert_eq!(back.to_csv(), report.to_csv());
    }

    #[test]
    fn per_post_records_are_ignored_since_the_csv_has_none() {
        let config = tgtext::Config {
            posts: true,
            ..tgtext::Config::default()
        };
        let report = tgtext::analyze(&sample(), &config).unwrap();
        assert!(report.posts.is_some());
        assert_eq!(round_trip(&report).to_csv(), report.to_csv());
    }

    #[test]
    fn counters_keep_their_order() {
        let json = r#"{"title": "t", "description": null,
            "counters": {"subscribers": 3, "photos": 1, "files": 2}}"#;
        let channel: Channel = serde_json::from_str(json).unwrap();
        let names: Vec<&str> = channel.counters.0.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["subscribers", "photos", "files"]);
    }

    #[test]
    fn a_report_without_a_required_key_is_refused_by_name() {
        let err = serde_json::from_str::<Report>(r#"{"schema": "tgtext/report@1"}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `format`"), "{err}");
    }
}
