//! Every option of tgtext, with its default. One spelling everywhere: the Rust field, the JSON
//! key of the npm package's options and the CLI flag's stem (`top`, `--top`).

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};

/// The input formats of SPEC §1, by their format ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputFormat {
    /// Text copied from a channel's web preview (`t.me/s/<channel>`).
    WebPreviewText,
    /// Any other text.
    Plain,
    /// Telegram Desktop's JSON export (not read by this build yet).
    TelegramJson,
    /// Telegram Desktop's HTML export (not read by this build yet).
    TelegramHtml,
    /// A saved web preview page (not read by this build yet).
    WebPreviewHtml,
}

impl InputFormat {
    /// Every format, in SPEC order.
    pub const ALL: [InputFormat; 5] = [
        InputFormat::WebPreviewText,
        InputFormat::Plain,
        InputFormat::TelegramJson,
        InputFormat::TelegramHtml,
        InputFormat::WebPreviewHtml,
    ];

    /// The format id (`web-preview-text`).
    pub fn id(self) -> &'static str {
        match self {
            InputFormat::WebPreviewText => "web-preview-text",
            InputFormat::Plain => "plain",
            InputFormat::TelegramJson => "telegram-json",
            InputFormat::TelegramHtml => "telegram-html",
            InputFormat::WebPreviewHtml => "web-preview-html",
        }
    }

    /// Parses a format id.
    pub fn from_id(id: &str) -> Result<Self, Error> {
        Self::ALL.into_iter().find(|f| f.id() == id).ok_or_else(|| {
            let ids: Vec<&str> = Self::ALL.iter().map(|f| f.id()).collect();
            Error::new(
                ErrorKind::InvalidOption,
                format!(
                    "unknown input format '{id}' (expected one of: {})",
                    ids.join(", ")
                ),
            )
        })
    }
}

/// Whether the stopword lists of SPEC §4 apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stopwords {
    /// NLTK's English and Russian lists together.
    #[default]
    Default,
    /// No built-in list (`stopwords_extra` still applies).
    None,
}

/// How plain text is cut into posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Split {
    /// One post per blank-line-separated block.
    Paragraph,
}

/// The period of the timeline, for inputs whose posts have dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimelineUnit {
    /// One period per calendar day (`2023-06-06`).
    #[default]
    Day,
    /// One period per ISO week (`2023-W23`).
    Week,
    /// One period per month (`2023-06`).
    Month,
    /// No timeline.
    None,
}

/// The options of `analyze`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The input format; `None` (the default) detects it per input.
    pub input: Option<InputFormat>,
    /// Keep the first N items of each table; 0 (the default) keeps all.
    pub top: usize,
    /// The built-in stopword lists on or off; default on.
    pub stopwords: Stopwords,
    /// More stopwords; compared after NFKC and lower-casing. Default none.
    pub stopwords_extra: Vec<String>,
    /// Plain text only: one post per blank-line-separated block. Default: the whole input is one post.
    pub split: Option<Split>,
    /// Add per-post records under `posts`. Default off.
    pub posts: bool,
    /// The timeline's period where posts have dates; default `day`.
    pub timeline: TimelineUnit,
    /// The time zone of the timeline, as a fixed offset from UTC (`+03:00`, `-05:30`, `UTC`);
    /// default UTC.
    pub time_zone: Option<String>,
    /// Count word bigrams and trigrams (`bigrams`, `trigrams`). Default off.
    pub ngrams: bool,
    /// Count hashtag pairs, hashtag–word and emoji–hashtag pairs within posts (`cotags`,
    /// `hashtag_words`, `emoji_hashtags`). Default off.
    pub cooccurrence: bool,
    /// List each source's and chat's distinctive words (`distinctive`). Default off.
    pub distinctive: bool,
    /// Stem word keys with Snowball: English for Latin script, Russian for Cyrillic. Default off.
    pub stem: bool,
    /// Fold `ё` into `е` in word keys. Default off.
    pub fold_yo: bool,
}

impl Config {
    /// Checks the options that can be wrong whatever their type.
    pub fn validate(&self) -> Result<(), Error> {
        self.utc_offset().map(|_| ())
    }

    /// The time zone as a UTC offset.
    pub(crate) fn utc_offset(&self) -> Result<time::UtcOffset, Error> {
        match self.time_zone.as_deref() {
            None => Ok(time::UtcOffset::UTC),
            Some(zone) => parse_utc_offset(zone).ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidOption,
                    format!("invalid time zone '{zone}' (expected UTC or an offset such as +03:00 or -05:30)"),
                )
            }),
        }
    }
}

/// `UTC`, `Z`, `+03:00`, `-0530`, `+3`.
fn parse_utc_offset(zone: &str) -> Option<time::UtcOffset> {
    let zone = zone.trim();
    if zone.eq_ignore_ascii_case("utc") || zone.eq_ignore_ascii_case("z") {
        return Some(time::UtcOffset::UTC);
    }
    let (sign, rest) = match zone.as_bytes().first()? {
        b'+' => (1, &zone[1..]),
        b'-' => (-1, &zone[1..]),
        _ => return None,
    };
    let (hours, minutes) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    if hours.is_empty() || hours.len() > 2 || minutes.len() > 2 {
        return None;
    }
    let hours: i8 = hours.parse().ok()?;
    let minutes: i8 = minutes.parse().ok()?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    time::UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok()
}

/// The entity kinds `strip` can remove.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Removable {
    Hashtags,
    Emoji,
    Mentions,
    Cashtags,
    Urls,
}

impl Removable {
    /// Every removable kind, in SPEC order.
    pub const ALL: [Removable; 5] = [
        Removable::Hashtags,
        Removable::Emoji,
        Removable::Mentions,
        Removable::Cashtags,
        Removable::Urls,
    ];

    /// The option's spelling (`hashtags`).
    pub fn id(self) -> &'static str {
        match self {
            Removable::Hashtags => "hashtags",
            Removable::Emoji => "emoji",
            Removable::Mentions => "mentions",
            Removable::Cashtags => "cashtags",
            Removable::Urls => "urls",
        }
    }

    /// Parses one kind's spelling.
    pub fn from_id(id: &str) -> Result<Self, Error> {
        Self::ALL.into_iter().find(|r| r.id() == id).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOption,
                format!(
                    "unknown kind to remove '{id}' (expected some of: hashtags, emoji, mentions, cashtags, urls)"
                ),
            )
        })
    }
}

fn default_remove() -> Vec<Removable> {
    vec![Removable::Hashtags, Removable::Emoji]
}

/// The options of `strip`: the input options of [`Config`] plus what to remove.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct StripConfig {
    /// The input format; `None` (the default) detects it.
    pub input: Option<InputFormat>,
    /// Plain text only: one post per blank-line-separated block.
    pub split: Option<Split>,
    /// What to remove; default hashtags and emoji.
    pub remove: Vec<Removable>,
    /// Keep a removed hashtag's word: `#CIS` becomes `CIS`. Default off.
    pub keep_hashtag_words: bool,
}

impl Default for StripConfig {
    fn default() -> Self {
        StripConfig {
            input: None,
            split: None,
            remove: default_remove(),
            keep_hashtag_words: false,
        }
    }
}

impl StripConfig {
    pub(crate) fn removes(&self, kind: Removable) -> bool {
        self.remove.contains(&kind)
    }
}
