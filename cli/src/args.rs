//! The command line: each flag once, with its doc (SPEC §6).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use tgtext::{Config, InputFormat, Removable, Split, Stopwords, StripConfig, TimelineUnit};

#[derive(Parser, Debug)]
#[command(
    name = "tgtext",
    version,
    about = "Telegram channel text analytics: hashtags, emoji, words, mentions and sources, counted by Telegram's and Unicode's rules"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Count hashtags, emoji, words, mentions, cashtags, domains, sources and countries.
    Analyze(AnalyzeArgs),
    /// Print each post's text with hashtags and emoji (or more) removed.
    Strip(StripArgs),
    /// Combine partial reports (`analyze --partial`) into the report of all their inputs.
    Merge(MergeArgs),
    /// Keyword in context: every occurrence of a word, hashtag or emoji with its context.
    Kwic(KwicArgs),
}

/// The flags shared by every command that reads inputs.
#[derive(Args, Debug)]
pub struct InputArgs {
    /// Input files or Telegram export folders; `-` or none reads stdin.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The input format; detected per input when absent.
    #[arg(long, value_name = "FORMAT", value_parser = ["web-preview-text", "plain", "telegram-json", "telegram-html", "web-preview-html"])]
    pub input: Option<String>,
    /// Plain text: one post per blank-line-separated block (default: the whole input is one post).
    #[arg(long, value_enum)]
    pub split: Option<SplitArg>,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    #[arg(long)]
    pub lossy: bool,
}

impl InputArgs {
    fn format(&self) -> Result<Option<InputFormat>, String> {
        self.input
            .as_deref()
            .map(InputFormat::from_id)
            .transpose()
            .map_err(|e| e.to_string())
    }

    fn split(&self) -> Option<Split> {
        self.split.map(|SplitArg::Paragraph| Split::Paragraph)
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum SplitArg {
    Paragraph,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
    Csv,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum StopwordsArg {
    Default,
    None,
}

#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output: a table on a terminal, JSON otherwise.
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Keep the first N items of each table; 0 keeps all (default: all for json/csv, 20 for table).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// The built-in English and Russian stopword lists (NLTK) on or off.
    #[arg(long, value_enum, default_value = "default")]
    pub stopwords: StopwordsArg,
    /// More stopwords, one per line.
    #[arg(long, value_name = "FILE")]
    pub stopwords_file: Option<PathBuf>,
    /// Add per-post records under `posts`.
    #[arg(long)]
    pub posts: bool,
    /// The timeline's period for inputs with dates (exports, saved pages).
    #[arg(long, value_enum, default_value = "day")]
    pub timeline: TimelineArg,
    /// The timeline's time zone as an offset from UTC (`+03:00`, `-05:30`); default UTC.
    #[arg(long, value_name = "OFFSET", allow_hyphen_values = true)]
    pub time_zone: Option<String>,
    /// One report per input (a file, stdin or an export folder) instead of one combined report.
    #[arg(long, conflicts_with = "partial")]
    pub per_file: bool,
    /// Count word bigrams and trigrams within sentences.
    #[arg(long)]
    pub ngrams: bool,
    /// Count hashtag pairs, hashtag–word and emoji–hashtag pairs within posts.
    #[arg(long)]
    pub cooccurrence: bool,
    /// List each source's and chat's most distinctive words (log-ratio).
    #[arg(long)]
    pub distinctive: bool,
    /// Stem word keys (Snowball English for Latin script, Russian for Cyrillic).
    #[arg(long)]
    pub stem: bool,
    /// Fold ё into е in word keys.
    #[arg(long)]
    pub fold_yo: bool,
    /// Also write the co-occurrence network to FILE: GEXF for Gephi when FILE ends in `.gexf`,
    /// else an edge-list CSV (implies --cooccurrence).
    #[arg(long, value_name = "FILE")]
    pub graph: Option<PathBuf>,
    /// Write the output to FILE instead of stdout, only when the run succeeds; FILE may not be
    /// one of the inputs.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write a partial report instead: every count and spelling, for `tgtext merge`.
    #[arg(long, conflicts_with = "format")]
    pub partial: bool,
    /// Threads to analyse on; 0 (the default) is one per core. Inputs go to threads of their
    /// own, and a thread with none left takes half of what is unread of a large
    /// web-preview-text file, merged exactly.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// The smallest part a file is cut into for threads (a knob for the tests, which cut small
    /// files).
    #[arg(long, hide = true, value_name = "BYTES", default_value_t = 8 << 20)]
    pub min_part_bytes: u64,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum KwicFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct KwicArgs {
    /// The word, hashtag (`#CIS`) or emoji to look for; matched as `analyze` counts it.
    #[arg(value_name = "TERM", allow_hyphen_values = true)]
    pub term: String,
    #[command(flatten)]
    pub input: InputArgs,
    /// Words or entities of context on each side.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub window: usize,
    /// Match by Snowball stem (English for Latin script, Russian for Cyrillic).
    #[arg(long)]
    pub stem: bool,
    /// Fold ё into е before matching.
    #[arg(long)]
    pub fold_yo: bool,
    /// `text`: aligned lines; `json`: one object per line (`index`, `id`, `date`, `left`,
    /// `match`, `right`).
    #[arg(long, value_enum, default_value = "text")]
    pub format: KwicFormat,
}

impl KwicArgs {
    pub fn config(&self) -> Result<tgtext::KwicConfig, String> {
        Ok(tgtext::KwicConfig {
            input: self.input.format()?,
            split: self.input.split(),
            window: self.window,
            stem: self.stem,
            fold_yo: self.fold_yo,
        })
    }
}

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// Partial reports written by `tgtext analyze --partial`, in the order of their inputs.
    #[arg(value_name = "PARTIAL", required = true)]
    pub files: Vec<PathBuf>,
    /// Output: a table on a terminal, JSON otherwise.
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Keep the first N items of each table; 0 keeps all (default: all for json/csv, 20 for table).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum TimelineArg {
    Day,
    Week,
    Month,
    None,
}

impl AnalyzeArgs {
    /// The core's options; `stopwords_extra` is filled in from the file by the caller.
    pub fn config(&self) -> Result<Config, String> {
        Ok(Config {
            input: self.input.format()?,
            top: self.top.unwrap_or(0),
            stopwords: match self.stopwords {
                StopwordsArg::Default => Stopwords::Default,
                StopwordsArg::None => Stopwords::None,
            },
            stopwords_extra: Vec::new(),
            split: self.input.split(),
            posts: self.posts,
            timeline: match self.timeline {
                TimelineArg::Day => TimelineUnit::Day,
                TimelineArg::Week => TimelineUnit::Week,
                TimelineArg::Month => TimelineUnit::Month,
                TimelineArg::None => TimelineUnit::None,
            },
            time_zone: self.time_zone.clone(),
            ngrams: self.ngrams,
            cooccurrence: self.cooccurrence || self.graph.is_some(),
            distinctive: self.distinctive,
            stem: self.stem,
            fold_yo: self.fold_yo,
        })
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum StripFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct StripArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// What to remove, comma-separated: hashtags, emoji, mentions, cashtags, urls.
    #[arg(long, value_name = "KINDS", default_value = "hashtags,emoji")]
    pub remove: String,
    /// Keep a removed hashtag's word: `#CIS` becomes `CIS`.
    #[arg(long)]
    pub keep_hashtag_words: bool,
    /// `text`: each post's stripped text and a blank line; `json`: one object per line.
    #[arg(long, value_enum, default_value = "text")]
    pub format: StripFormat,
    /// Write the output to FILE instead of stdout, only when the run succeeds; FILE may not be
    /// one of the inputs.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl StripArgs {
    pub fn config(&self) -> Result<StripConfig, String> {
        let remove = self
            .remove
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(Removable::from_id)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        Ok(StripConfig {
            input: self.input.format()?,
            split: self.input.split(),
            remove,
            keep_hashtag_words: self.keep_hashtag_words,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
