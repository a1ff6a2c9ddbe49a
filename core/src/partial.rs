//! Partial reports: everything an analysis counted, before `top` cuts its tables, so that
//! partial reports of pieces of a corpus merge into exactly the report of the whole
//! (`tgtext analyze --partial`, then `tgtext merge`). The CLI also uses them to analyse several
//! files in parallel.

use serde::{Deserialize, Serialize};

use crate::config::{Config, TimelineUnit};
use crate::deeper::{Deeper, DistinctiveGroup, DISTINCTIVE_TERMS};
use crate::entities::emoji;
use crate::error::{Error, ErrorKind};
use crate::report::{
    self, Channel, EmojiItem, Item, Period, PostRecord, Report, Settings, Timeline, Totals,
    Versions,
};
use crate::stats::Table;

/// The schema name of partial reports.
pub const PARTIAL_SCHEMA: &str = "tgtext/partial@1";

/// Everything counted, with every key's spellings: mergeable.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partial {
    pub schema: String,
    /// The options that decide what is counted (`top` is left at 0: it only cuts reports).
    pub settings: Config,
    /// The format id of every input, in order.
    pub formats: Vec<String>,
    pub channel: Option<Channel>,
    pub posts: u64,
    pub words: u64,
    pub media_placeholders: u64,
    pub tables: Tables,
    /// Posts and hashtags per period, in period order.
    pub periods: Vec<PartialPeriod>,
    /// N-grams, pairs and per-group words, for the analyses asked for.
    pub deeper: Deeper,
    /// Per-post records, with the `posts` option.
    pub records: Option<Vec<PostRecord>>,
    pub versions: Versions,
}

/// Every count table.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tables {
    pub hashtags: Table,
    pub emoji: Table,
    pub words: Table,
    pub mentions: Table,
    pub cashtags: Table,
    pub domains: Table,
    pub sources: Table,
    pub countries: Table,
    pub chats: Table,
}

impl Tables {
    /// The tables in [`Listed`]'s order.
    fn each(&self) -> [&Table; 9] {
        [
            &self.hashtags,
            &self.emoji,
            &self.words,
            &self.mentions,
            &self.cashtags,
            &self.domains,
            &self.sources,
            &self.countries,
            &self.chats,
        ]
    }

    fn into_each(self) -> [Table; 9] {
        [
            self.hashtags,
            self.emoji,
            self.words,
            self.mentions,
            self.cashtags,
            self.domains,
            self.sources,
            self.countries,
            self.chats,
        ]
    }
}

/// Every table's items, cut to `top`, as a report lists them.
struct Listed {
    hashtags: Vec<Item>,
    emoji: Vec<Item>,
    words: Vec<Item>,
    mentions: Vec<Item>,
    cashtags: Vec<Item>,
    domains: Vec<Item>,
    sources: Vec<Item>,
    countries: Vec<Item>,
    /// Empty when no input held chats (the report then has no `chats`).
    chats: Vec<Item>,
}

impl Listed {
    fn new<T>(tables: [T; 9], mut list: impl FnMut(T) -> Vec<Item>) -> Listed {
        let [hashtags, emoji, words, mentions, cashtags, domains, sources, countries, chats] =
            tables.map(&mut list);
        Listed {
            hashtags,
            emoji,
            words,
            mentions,
            cashtags,
            domains,
            sources,
            countries,
            chats,
        }
    }
}

/// One timeline period's counts.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartialPeriod {
    pub period: String,
    pub posts: u64,
    pub hashtags: Table,
}

impl Partial {
    /// The partial report as one line of JSON.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string(self).expect("a partial report always serialises");
        json.push('\n');
        json
    }

    /// Reads a partial report written by [`Partial::to_json`].
    pub fn from_json(json: &str) -> Result<Self, Error> {
        let partial: Partial = serde_json::from_str(json).map_err(|e| {
            Error::new(
                ErrorKind::MalformedInput,
                format!("not a tgtext partial report: {e}"),
            )
        })?;
        if partial.schema != PARTIAL_SCHEMA {
            return Err(Error::new(
                ErrorKind::MalformedInput,
                format!(
                    "a partial report of schema {}, not {PARTIAL_SCHEMA}",
                    partial.schema
                ),
            ));
        }
        Ok(partial)
    }

    /// Adds `other`, whose inputs come after this one's: the result is the partial report of
    /// all the inputs analysed in one run. Both must have been made with the same options and
    /// the same versions.
    pub fn merge(&mut self, other: Partial) -> Result<(), Error> {
        if other.settings != self.settings {
            return Err(Error::new(
                ErrorKind::InvalidOption,
                "partial reports made with different options cannot be merged",
            ));
        }
        if other.versions != self.versions {
            return Err(Error::new(
                ErrorKind::InvalidOption,
                format!(
                    "partial reports of different versions cannot be merged (tgtext {} with Unicode Emoji {}, and tgtext {} with {})",
                    self.versions.tgtext, self.versions.unicode_emoji, other.versions.tgtext, other.versions.unicode_emoji
                ),
            ));
        }
        self.formats.extend(other.formats);
        if self.channel.is_none() {
            self.channel = other.channel;
        }
        if let (Some(ours), Some(theirs)) = (&mut self.records, other.records) {
            ours.extend(theirs.into_iter().map(|record| PostRecord {
                index: record.index + self.posts,
                ..record
            }));
        }
        self.posts += other.posts;
        self.words += other.words;
        self.media_placeholders += other.media_placeholders;
        let (ours, theirs) = (&mut self.tables, other.tables);
        ours.hashtags.merge(theirs.hashtags);
        ours.emoji.merge(theirs.emoji);
        ours.words.merge(theirs.words);
        ours.mentions.merge(theirs.mentions);
        ours.cashtags.merge(theirs.cashtags);
        ours.domains.merge(theirs.domains);
        ours.sources.merge(theirs.sources);
        ours.countries.merge(theirs.countries);
        ours.chats.merge(theirs.chats);
        self.deeper.merge(other.deeper);
        for period in other.periods {
            match self
                .periods
                .binary_search_by(|p| p.period.cmp(&period.period))
            {
                Ok(i) => {
                    self.periods[i].posts += period.posts;
                    self.periods[i].hashtags.merge(period.hashtags);
                }
                Err(i) => self.periods.insert(i, period),
            }
        }
        Ok(())
    }

    /// The report, with each table cut to its first `top` items (0 = all).
    pub fn report(&self, top: usize) -> Report {
        let totals = self.totals();
        let distinctive = self.distinctive(top);
        let listed = Listed::new(self.tables.each(), |table| table.items(top));
        self.assemble(
            top,
            (totals, distinctive, listed),
            self.channel.clone(),
            self.records.clone(),
        )
    }

    /// [`Partial::report`], moving the keys, spellings and posts into the report instead of
    /// copying them: the CLI's way, which has no use for the counts afterwards.
    pub fn into_report(mut self, top: usize) -> Report {
        let totals = self.totals();
        let distinctive = self.distinctive(top);
        let tables = std::mem::take(&mut self.tables);
        let listed = Listed::new(tables.into_each(), |table| table.into_items(top));
        let (channel, records) = (self.channel.take(), self.records.take());
        self.assemble(top, (totals, distinctive, listed), channel, records)
    }

    fn totals(&self) -> Totals {
        let t = &self.tables;
        Totals {
            posts: self.posts,
            words: self.words,
            distinct_words: t.words.distinct() as u64,
            hashtags: t.hashtags.total(),
            distinct_hashtags: t.hashtags.distinct() as u64,
            emoji: t.emoji.total(),
            distinct_emoji: t.emoji.distinct() as u64,
            mentions: t.mentions.total(),
            cashtags: t.cashtags.total(),
            urls: t.domains.total(),
            media_placeholders: self.media_placeholders,
        }
    }

    fn distinctive(&self, top: usize) -> Option<Vec<DistinctiveGroup>> {
        self.settings.distinctive.then(|| {
            let limit = if top > 0 { top } else { DISTINCTIVE_TERMS };
            self.deeper
                .distinctive(&self.tables.words, &self.tables.chats, limit)
        })
    }

    /// The report from the parts that need the tables whole (worked out first) and the rest.
    fn assemble(
        &self,
        top: usize,
        (totals, distinctive, listed): (Totals, Option<Vec<DistinctiveGroup>>, Listed),
        channel: Option<Channel>,
        records: Option<Vec<PostRecord>>,
    ) -> Report {
        let format = match self.formats.split_first() {
            None => self.settings.input.map_or("plain", |f| f.id()).to_string(),
            Some((first, rest)) if rest.iter().all(|f| f == first) => first.clone(),
            Some(_) => "mixed".to_string(),
        };
        let emoji = listed
            .emoji
            .into_iter()
            .map(|item| {
                let info = emoji::lookup(&item.key);
                EmojiItem {
                    text: info.map_or(item.text, |i| i.fully_qualified.to_string()),
                    name: info.map(|i| i.name.to_string()),
                    key: item.key,
                    count: item.count,
                    posts: item.posts,
                }
            })
            .collect();
        let deeper = &self.deeper;
        let ngrams = self.settings.ngrams;
        let cooccurrence = self.settings.cooccurrence;
        Report {
            schema: report::SCHEMA.to_string(),
            format,
            channel,
            totals,
            hashtags: listed.hashtags,
            emoji,
            words: listed.words,
            mentions: listed.mentions,
            cashtags: listed.cashtags,
            domains: listed.domains,
            sources: listed.sources,
            countries: listed.countries,
            chats: (!listed.chats.is_empty()).then_some(listed.chats),
            timeline: self.timeline(),
            bigrams: ngrams.then(|| deeper.bigrams.items(top)),
            trigrams: ngrams.then(|| deeper.trigrams.items(top)),
            cotags: cooccurrence.then(|| deeper.cotags.items(top)),
            hashtag_words: cooccurrence.then(|| deeper.hashtag_words.items(top)),
            emoji_hashtags: cooccurrence.then(|| deeper.emoji_hashtags.items(top)),
            distinctive,
            settings: (self.settings.stem || self.settings.fold_yo).then(|| Settings {
                stem: self
                    .settings
                    .stem
                    .then(|| crate::words::STEMMER.to_string()),
                fold_yo: self.settings.fold_yo,
            }),
            posts: records,
            versions: self.versions.clone(),
        }
    }

    fn timeline(&self) -> Option<Timeline> {
        let unit = match self.settings.timeline {
            TimelineUnit::None => return None,
            TimelineUnit::Day => "day",
            TimelineUnit::Week => "week",
            TimelineUnit::Month => "month",
        };
        if self.periods.is_empty() {
            return None;
        }
        let offset = self.settings.utc_offset().unwrap_or(time::UtcOffset::UTC);
        let periods = self
            .periods
            .iter()
            .map(|p| Period {
                period: p.period.clone(),
                posts: p.posts,
                hashtags: p.hashtags.items(Period::TOP_HASHTAGS),
            })
            .collect();
        Some(Timeline {
            unit: unit.to_string(),
            time_zone: format_offset(offset),
            periods,
        })
    }
}

/// `+00:00`, `-05:30`.
fn format_offset(offset: time::UtcOffset) -> String {
    let (hours, minutes, _) = offset.as_hms();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!(
        "{sign}{:02}:{:02}",
        hours.unsigned_abs(),
        minutes.unsigned_abs()
    )
}

/// The versions of this build.
pub(crate) fn versions() -> Versions {
    Versions {
        tgtext: env!("CARGO_PKG_VERSION").to_string(),
        unicode_emoji: emoji::UNICODE_EMOJI_VERSION.to_string(),
    }
}
