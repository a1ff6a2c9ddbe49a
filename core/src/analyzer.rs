//! The streaming pipeline: inputs → posts → entities and words → tables → [`Report`].

use crate::config::{Config, InputFormat, StripConfig};
use crate::entities::{emoji, find_entities_into, url, Entity, EntityKind};
use crate::error::Error;
use crate::input::{InputParser, Sink};
use crate::report::{self, Channel, EmojiItem, PostRecord, Report, Totals, Versions};
use crate::stats::Table;
use crate::strip::strip_post;
use crate::words::{for_each_word, StopwordSet};

/// Analyses any number of inputs, each fed in chunks, into one report.
///
/// ```
/// let mut analyzer = tgtext::Analyzer::new(&tgtext::Config::default());
/// analyzer.start_input().unwrap();
/// analyzer.feed("Hello #World 👋🏽\n").unwrap();
/// analyzer.end_input().unwrap();
/// let report = analyzer.finish();
/// assert_eq!(report.hashtags[0].text, "#World");
/// assert_eq!(report.emoji[0].name.as_deref(), Some("waving hand: medium skin tone"));
/// ```
pub struct Analyzer {
    config: Config,
    input: Option<InputParser>,
    formats: Vec<InputFormat>,
    counts: Counts,
}

/// Everything counted so far; the [`Sink`] the input parsers report to.
struct Counts {
    stopwords: StopwordSet,
    keep_posts: bool,
    channel: Option<Channel>,
    posts: u64,
    in_post: bool,
    placeholders: u64,
    words: u64,
    hashtags: Table,
    emoji: Table,
    words_table: Table,
    mentions: Table,
    cashtags: Table,
    domains: Table,
    sources: Table,
    countries: Table,
    /// The current post's record, with the `posts` option.
    current: Option<PostRecord>,
    records: Vec<PostRecord>,
    /// Reused for every line, to avoid an allocation per line.
    entities: Vec<Entity>,
}

impl Analyzer {
    /// An analyzer with these options; see [`Config::validate`] for the ones that can be wrong.
    pub fn new(config: &Config) -> Self {
        let counts = Counts {
            stopwords: StopwordSet::new(config.stopwords, &config.stopwords_extra),
            keep_posts: config.posts,
            channel: None,
            posts: 0,
            in_post: false,
            placeholders: 0,
            words: 0,
            hashtags: Table::default(),
            emoji: Table::default(),
            words_table: Table::default(),
            mentions: Table::default(),
            cashtags: Table::default(),
            domains: Table::default(),
            sources: Table::default(),
            countries: Table::default(),
            current: None,
            records: Vec::new(),
            entities: Vec::new(),
        };
        Analyzer {
            config: config.clone(),
            input: None,
            formats: Vec::new(),
            counts,
        }
    }

    /// Starts the next input (a file, stdin, a pasted text); its format is detected unless the
    /// options name one. Fails when that format cannot be read.
    pub fn start_input(&mut self) -> Result<(), Error> {
        self.end_input()?;
        self.input = Some(InputParser::new(self.config.input, self.config.split)?);
        Ok(())
    }

    /// Feeds the next chunk of the current input (starting one if none is open).
    pub fn feed(&mut self, chunk: &str) -> Result<(), Error> {
        if self.input.is_none() {
            self.start_input()?;
        }
        let input = self.input.as_mut().expect("an input is open");
        input.feed(chunk, &mut self.counts)
    }

    /// Ends the current input, if one is open.
    pub fn end_input(&mut self) -> Result<(), Error> {
        if let Some(input) = self.input.take() {
            let format = input.finish(&mut self.counts)?;
            self.formats.push(format);
        }
        Ok(())
    }

    /// Ends the last input and builds the report.
    pub fn finish(mut self) -> Report {
        // Ending an input only fails while detecting a format, which `feed` already did.
        let _ = self.end_input();
        self.counts.end_post();
        let top = self.config.top;
        let c = &self.counts;
        let format = match self.formats.split_first() {
            None => self
                .config
                .input
                .unwrap_or(InputFormat::Plain)
                .id()
                .to_string(),
            Some((first, rest)) if rest.iter().all(|f| f == first) => first.id().to_string(),
            Some(_) => "mixed".to_string(),
        };
        let totals = Totals {
            posts: c.posts,
            words: c.words,
            distinct_words: c.words_table.distinct() as u64,
            hashtags: c.hashtags.total(),
            distinct_hashtags: c.hashtags.distinct() as u64,
            emoji: c.emoji.total(),
            distinct_emoji: c.emoji.distinct() as u64,
            mentions: c.mentions.total(),
            cashtags: c.cashtags.total(),
            urls: c.domains.total(),
            media_placeholders: c.placeholders,
        };
        let emoji = c
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
            channel: c.channel.clone(),
            totals,
            hashtags: c.hashtags.items(top),
            emoji,
            words: c.words_table.items(top),
            mentions: c.mentions.items(top),
            cashtags: c.cashtags.items(top),
            domains: c.domains.items(top),
            sources: c.sources.items(top),
            countries: c.countries.items(top),
            posts: self
                .config
                .posts
                .then(|| std::mem::take(&mut self.counts.records)),
            versions: Versions {
                tgtext: env!("CARGO_PKG_VERSION").to_string(),
                unicode_emoji: emoji::UNICODE_EMOJI_VERSION.to_string(),
            },
        }
    }
}

impl Counts {
    fn count_line(&mut self, line: &str) {
        let post = self.posts;
        let mut entities = std::mem::take(&mut self.entities);
        find_entities_into(line, &mut entities);
        let mut gap_start = 0;
        for entity in &entities {
            self.count_words(&line[gap_start..entity.range.start]);
            gap_start = entity.range.end;
            let spelling = &line[entity.range.clone()];
            match entity.kind {
                EntityKind::Hashtag => {
                    let key = hashtag_key(spelling);
                    self.hashtags.add(&key, spelling, post);
                }
                EntityKind::Mention => {
                    let key = spelling[1..].to_ascii_lowercase();
                    self.mentions.add(&key, spelling, post);
                }
                EntityKind::Cashtag => {
                    let key = cashtag_key(spelling);
                    self.cashtags.add(&key, spelling, post);
                }
                EntityKind::Url => {
                    if let Some(domain) = url::url_domain(spelling) {
                        self.domains.add(&domain, &domain, post);
                    }
                }
                EntityKind::Emoji => {
                    let key = emoji::emoji_key(spelling);
                    if let Some((code, name)) = emoji::country(&key) {
                        self.countries.add(&code, name, post);
                    }
                    self.emoji.add(&key, spelling, post);
                }
                EntityKind::Email | EntityKind::BotCommand => {}
            }
            if let Some(record) = &mut self.current {
                let list = match entity.kind {
                    EntityKind::Hashtag => &mut record.hashtags,
                    EntityKind::Emoji => &mut record.emoji,
                    EntityKind::Mention => &mut record.mentions,
                    EntityKind::Cashtag => &mut record.cashtags,
                    EntityKind::Url => &mut record.urls,
                    EntityKind::Email | EntityKind::BotCommand => continue,
                };
                list.push(spelling.to_string());
            }
        }
        self.count_words(&line[gap_start..]);
        self.entities = entities;
    }

    fn count_words(&mut self, gap: &str) {
        let post = self.posts;
        let (stopwords, table, words) = (&self.stopwords, &mut self.words_table, &mut self.words);
        for_each_word(gap, |key, surface| {
            if !stopwords.contains(key) {
                table.add(key, surface, post);
                *words += 1;
            }
        });
    }
}

/// Hashtags: without `#`, NFKC, lower-cased; a scope stays (`#СНГ@asia_news` → `снг@asia_news`).
fn hashtag_key(hashtag: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    hashtag[1..].nfkc().collect::<String>().to_lowercase()
}

/// Cashtags: without `$`, the ticker upper-cased, a scope lower-cased (`USD@chan`).
fn cashtag_key(cashtag: &str) -> String {
    let body = &cashtag[1..];
    match body.split_once('@') {
        Some((ticker, scope)) => format!(
            "{}@{}",
            ticker.to_ascii_uppercase(),
            scope.to_ascii_lowercase()
        ),
        None => body.to_ascii_uppercase(),
    }
}

impl Sink for Counts {
    fn begin_post(&mut self, source: Option<&str>) {
        self.end_post();
        self.posts += 1;
        self.in_post = true;
        if let Some(source) = source {
            self.sources.add(source, source, self.posts);
        }
        if self.keep_posts {
            self.current = Some(PostRecord {
                index: self.posts - 1,
                id: None,
                date: None,
                source: source.map(str::to_string),
                text: String::new(),
                clean_text: String::new(),
                hashtags: Vec::new(),
                emoji: Vec::new(),
                mentions: Vec::new(),
                cashtags: Vec::new(),
                urls: Vec::new(),
            });
        }
    }

    fn post_line(&mut self, line: &str) {
        if !self.in_post {
            self.begin_post(None);
        }
        if let Some(record) = &mut self.current {
            if !record.text.is_empty() || !line.trim().is_empty() {
                if !record.text.is_empty() {
                    record.text.push('\n');
                }
                record.text.push_str(line);
            }
        }
        self.count_line(line);
    }

    fn end_post(&mut self) {
        self.in_post = false;
        if let Some(mut record) = self.current.take() {
            record.text.truncate(record.text.trim_end().len());
            record.clean_text = strip_post(&record.text, &StripConfig::default());
            self.records.push(record);
        }
    }

    fn placeholder(&mut self) {
        if !self.in_post {
            self.begin_post(None);
        }
        self.placeholders += 1;
    }

    fn channel(&mut self, channel: Channel) {
        if self.channel.is_none() {
            self.channel = Some(channel);
        }
    }
}
