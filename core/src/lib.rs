//! tgtext: Telegram channel text analytics.
//!
//! Text in, report out: channel text and exports are parsed into posts; hashtags, cashtags,
//! mentions, bot commands, URLs and e-mail addresses are found by Telegram's own rules (TDLib),
//! emoji as whole Unicode (UTS #51) sequences; words are counted after NFKC, lower-casing and
//! UAX #29 segmentation. This crate knows nothing of files, terminals or JavaScript: the `tgtext`
//! CLI and the npm package are thin shells around [`Analyzer`], [`analyze`] and [`strip`].
//!
//! ```
//! let report = tgtext::analyze("Today, #CIS leaders met in Minsk 🇷🇺🇰🇿.", &tgtext::Config::default()).unwrap();
//! assert_eq!(report.hashtags[0].key, "cis");
//! assert_eq!(report.countries.len(), 2);
//! let clean = tgtext::strip("Today, #CIS leaders met in Minsk 🇷🇺🇰🇿.", &tgtext::StripConfig::default()).unwrap();
//! assert_eq!(clean[0].clean_text, "Today, leaders met in Minsk.");
//! ```

mod analyzer;
pub mod chars;
mod config;
pub mod deeper;
pub mod entities;
mod error;
mod graph;
pub mod input;
mod kwic;
mod partial;
mod report;
mod short_eq;
pub mod stats;
mod strip;
mod stripper;
mod tables;
mod token_memo;
pub mod words;

pub use analyzer::Analyzer;
pub use config::{Config, InputFormat, Removable, Split, Stopwords, StripConfig, TimelineUnit};
pub use error::{Error, ErrorKind};
pub use kwic::{kwic, Kwic, KwicConfig, KwicHit};
pub use partial::{Partial, PartialPeriod, Tables, PARTIAL_SCHEMA};
pub use report::{
    per_file_csv, per_file_json, Channel, Counters, EmojiItem, Item, Period, PostRecord, Report,
    Settings, Timeline, Totals, Versions, SCHEMA,
};
pub use strip::strip_post;
pub use stripper::{StrippedPost, Stripper};

/// Analyses one whole input (the convenience the npm package uses).
pub fn analyze(input: &str, config: &Config) -> Result<Report, Error> {
    let mut analyzer = Analyzer::new(config)?;
    analyzer.read_input(input.as_bytes(), false)?;
    Ok(analyzer.finish())
}

/// Strips every post of one whole input.
pub fn strip(input: &str, config: &StripConfig) -> Result<Vec<StrippedPost>, Error> {
    let mut posts = Vec::new();
    Stripper::new(config).read_input(input.as_bytes(), false, |post| posts.push(post))?;
    Ok(posts)
}
