//! Partial reports: everything an analysis counted, before `top` cuts its tables, so that
//! partial reports of pieces of a corpus merge into exactly the report of the whole
//! (`tgtext analyze --partial`, then `tgtext merge`). The CLI also uses them to analyse several
//! files in parallel.

use serde::{Deserialize, Serialize};

use crate::config::{Config, TimelineUnit};
use crate::deeper::{Deeper, DISTINCTIVE_TERMS};
use crate::entities::emoji;
use crate::error::{Error, ErrorKind};
use crate::report::{
    self, Channel, EmojiItem, Period, PostRecord, Report, Settings, Timeline, Totals, Versions,
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
        let t = &self.tables;
        let format = match self.formats.split_first() {
            None => self.settings.input.map_or("plain", |f| f.id()).to_string(),
            Some((first, rest)) if rest.iter().all(|f| f == first) => first.clone(),
            Some(_) => "mixed".to_string(),
        };
        let totals = Totals {
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
        };
        let emoji = t
            .emoji
            .items(top)
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
        Report {
            schema: report::SCHEMA.to_string(),
            format,
            channel: self.channel.clone(),
            totals,
            hashtags: t.hashtags.items(top),
            emoji,
            words: t.words.items(top),
            mentions: t.mentions.items(top),
            cashtags: t.cashtags.items(top),
            domains: t.domains.items(top),
            sources: t.sources.items(top),
            countries: t.countries.items(top),
            chats: (t.chats.distinct() > 0).then(|| t.chats.items(top)),
            timeline: self.timeline(),
            bigrams: self.settings.ngrams.then(|| self.deeper.bigrams.items(top)),
            trigrams: self
                .settings
                .ngrams
                .then(|| self.deeper.trigrams.items(top)),
            cotags: self
                .settings
                .cooccurrence
                .then(|| self.deeper.cotags.items(top)),
            hashtag_words: self
                .settings
                .cooccurrence
                .then(|| self.deeper.hashtag_words.items(top)),
            emoji_hashtags: self
                .settings
                .cooccurrence
                .then(|| self.deeper.emoji_hashtags.items(top)),
            distinctive: self.settings.distinctive.then(|| {
                let limit = if top > 0 { top } else { DISTINCTIVE_TERMS };
                self.deeper.distinctive(&t.words, &t.chats, limit)
            }),
            settings: (self.settings.stem || self.settings.fold_yo).then(|| Settings {
                stem: self
                    .settings
                    .stem
                    .then(|| crate::words::STEMMER.to_string()),
                fold_yo: self.settings.fold_yo,
            }),
            posts: self.records.clone(),
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
