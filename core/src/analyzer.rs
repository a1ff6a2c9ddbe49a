//! The streaming pipeline: inputs → posts → entities and words → tables → [`Report`].

use std::collections::BTreeMap;
use std::io::Read;

use crate::config::{Config, InputFormat, StripConfig, TimelineUnit};
use crate::deeper::Deeper;
use crate::entities::{
    emoji, find_entities, find_entities_with, url, Entity, EntityKind, EntityScratch,
};
use crate::error::Error;
use crate::input::{read_input, InputParser, PostMeta, Sink};
use crate::partial::{versions, Partial, PartialPeriod, Tables, PARTIAL_SCHEMA};
use crate::report::{Channel, PostRecord, Report};
use crate::stats::{SeenSpellings, Slot, Table};
use crate::strip::strip_post;
use crate::token_memo::TokenMemo;
use crate::words::{Stemmers, StopwordSet, WordFinder};

/// Analyses any number of inputs, each fed in chunks, into one report.
///
/// ```
/// let mut analyzer = tgtext::Analyzer::new(&tgtext::Config::default()).unwrap();
/// analyzer.start_input();
/// analyzer.feed("Hello #World 👋🏽\n");
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

#[derive(Default)]
struct PeriodCounts {
    posts: u64,
    hashtags: Table,
}

/// Everything counted so far; the [`Sink`] the input parsers report to.
struct Counts {
    options: Config,
    deeper: Deeper,
    stemmers: Option<Stemmers>,
    stopwords: StopwordSet,
    keep_posts: bool,
    channel: Option<Channel>,
    posts: u64,
    in_post: bool,
    placeholders: u64,
    words: u64,
    /// Words, hashtags, mentions, cashtags, domains, emoji and countries.
    tallies: Tallies,
    sources: Table,
    /// Full-account exports: posts per chat, and the chat now being read.
    chats: Table,
    chat: Option<(String, String)>,
    /// Posts per period and their hashtags, for inputs with dates.
    timeline_unit: TimelineUnit,
    utc_offset: time::UtcOffset,
    periods: BTreeMap<String, PeriodCounts>,
    /// The current post's period, when it has a date.
    period: Option<String>,
    /// The current post's record, with the `posts` option.
    current: Option<PostRecord>,
    records: Vec<PostRecord>,
    /// Reused for every line, to avoid an allocation per line and per word.
    entities: Vec<Entity>,
    /// An entity's key, built here rather than in a new `String` per entity.
    key: String,
    seen: Seen,
    /// What each token counted: see [`Counts::count_line`].
    token_memo: TokenMemo<Counted>,
    /// Whether to count a token at a time, with `token_memo`: for the counts alone, not when
    /// the deeper analyses or the post records want every word and entity in order.
    by_token: bool,
    /// Whether [`Counts::count_text`] notes what it counts in `counted`.
    recording: bool,
    counted: Vec<Counted>,
    entity_scratch: EntityScratch,
    word_finder: WordFinder,
}

/// The tables that the words and entities of a text count into, by [`Tally`]: in an array, so
/// that [`Counts::replay`] picks one by number rather than by a branch per kind.
#[derive(Default)]
struct Tallies([Table; TALLIES]);

/// One table of [`Tallies`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tally {
    Words,
    Hashtags,
    Mentions,
    Cashtags,
    Domains,
    Emoji,
    Countries,
}

const TALLIES: usize = Tally::Countries as usize + 1;

impl std::ops::Index<Tally> for Tallies {
    type Output = Table;
    fn index(&self, tally: Tally) -> &Table {
        &self.0[tally as usize]
    }
}

impl std::ops::IndexMut<Tally> for Tallies {
    fn index_mut(&mut self, tally: Tally) -> &mut Table {
        &mut self.0[tally as usize]
    }
}

/// One thing a token counted, as [`Counts::replay`] counts it again: where, and for a hashtag
/// its bytes in the token (for the timeline's hashtags; a remembered token is at most 64 bytes).
#[derive(Debug, Clone, Copy)]
struct Counted {
    tally: Tally,
    from: u8,
    to: u8,
    slot: Slot,
}

impl Counted {
    fn new(tally: Tally, slot: Slot) -> Self {
        Counted {
            tally,
            from: 0,
            to: 0,
            slot,
        }
    }
}

impl Analyzer {
    /// An analyzer with these options; fails on an option that is wrong ([`Config::validate`]).
    pub fn new(config: &Config) -> Result<Self, Error> {
        let utc_offset = config.utc_offset()?;
        let in_order = config.ngrams || config.cooccurrence || config.distinctive || config.posts;
        let counts = Counts {
            options: config.clone(),
            deeper: Deeper::default(),
            stemmers: config.stem.then(Stemmers::default),
            stopwords: StopwordSet::new(config.stopwords, &config.stopwords_extra),
            keep_posts: config.posts,
            channel: None,
            posts: 0,
            in_post: false,
            placeholders: 0,
            words: 0,
            tallies: Tallies::default(),
            sources: Table::default(),
            chats: Table::default(),
            chat: None,
            timeline_unit: config.timeline,
            utc_offset,
            periods: BTreeMap::new(),
            period: None,
            current: None,
            records: Vec::new(),
            entities: Vec::new(),
            key: String::new(),
            seen: Seen::default(),
            token_memo: TokenMemo::default(),
            by_token: !in_order,
            recording: false,
            counted: Vec::new(),
            entity_scratch: EntityScratch::default(),
            word_finder: {
                let mut finder = WordFinder::new(config.fold_yo);
                finder.track_sentences = config.ngrams;
                finder
            },
        };
        Ok(Analyzer {
            config: config.clone(),
            input: None,
            formats: Vec::new(),
            counts,
        })
    }

    /// Reads one whole input from `reader`, streaming: its format is detected unless the
    /// options name one; invalid UTF-8 is an error with its byte offset, or replaced by U+FFFD
    /// when `lossy`. Any input begun with [`Analyzer::start_input`] ends first.
    pub fn read_input(&mut self, reader: impl Read, lossy: bool) -> Result<(), Error> {
        self.end_input()?;
        let config = &self.config;
        let format = read_input(reader, config.input, config.split, lossy, &mut self.counts);
        self.counts.end_post();
        self.counts.chat = None;
        self.formats.push(format?);
        Ok(())
    }

    /// Reads a later part of a `web-preview-text` input whose earlier part is read by another
    /// analyzer (the CLI reads a large file's parts on several threads and merges their
    /// [`Partial`]s in order): the part starts at a post boundary that
    /// [`crate::input::web_preview_text::next_post_boundary`] found, `offset` bytes into the
    /// input, which error offsets count from. The part adds no format of its own: it is the
    /// earlier part's input.
    pub fn read_web_preview_text_part(
        &mut self,
        reader: impl Read,
        offset: u64,
        lossy: bool,
    ) -> Result<(), Error> {
        self.end_input()?;
        let result =
            crate::input::read_web_preview_text_part(reader, offset, lossy, &mut self.counts);
        self.counts.end_post();
        self.counts.chat = None;
        result
    }

    /// Counts line by line even for the counts alone, without the token memo, as the deeper
    /// analyses do: the same report, the long way (for the tests and the fuzz targets, which
    /// hold the one to the other).
    #[doc(hidden)]
    pub fn count_line_by_line(&mut self) {
        self.counts.by_token = false;
    }

    /// Starts the next input pushed in chunks (a pasted text); its format is detected unless
    /// the options name one. Text formats stream; a structured one is parsed at its end.
    pub fn start_input(&mut self) {
        // An input that fails to parse at its end is dropped here; `end_input` reports it.
        let _ = self.end_input();
        self.input = Some(InputParser::new(self.config.input, self.config.split));
    }

    /// Feeds the next chunk of the current input (starting one if none is open).
    pub fn feed(&mut self, chunk: &str) {
        if self.input.is_none() {
            self.start_input();
        }
        let input = self.input.as_mut().expect("an input is open");
        input.feed(chunk, &mut self.counts);
    }

    /// Ends the current input, if one is open; fails when a structured input is malformed.
    pub fn end_input(&mut self) -> Result<(), Error> {
        if let Some(input) = self.input.take() {
            let format = input.finish(&mut self.counts);
            self.counts.end_post();
            self.counts.chat = None;
            self.formats.push(format?);
        }
        Ok(())
    }

    /// Ends the last input and builds the report.
    pub fn finish(self) -> Report {
        let top = self.config.top;
        self.into_partial().into_report(top)
    }

    /// Ends the last input and returns everything counted, to be merged with other partial
    /// reports or turned into a report.
    pub fn into_partial(mut self) -> Partial {
        // An unfinished input's errors were the caller's to ask for with `end_input`.
        let _ = self.end_input();
        self.counts.end_post();
        let c = self.counts;
        let [words, hashtags, mentions, cashtags, domains, emoji, countries] = c.tallies.0;
        let periods = c
            .periods
            .into_iter()
            .map(|(period, counts)| PartialPeriod {
                period,
                posts: counts.posts,
                hashtags: counts.hashtags,
            })
            .collect();
        Partial {
            schema: PARTIAL_SCHEMA.to_string(),
            settings: Config {
                top: 0,
                ..self.config
            },
            formats: self.formats.iter().map(|f| f.id().to_string()).collect(),
            channel: c.channel,
            posts: c.posts,
            words: c.words,
            media_placeholders: c.placeholders,
            tables: Tables {
                hashtags,
                emoji,
                words,
                mentions,
                cashtags,
                domains,
                sources: c.sources,
                countries,
                chats: c.chats,
            },
            periods,
            deeper: c.deeper,
            records: c.keep_posts.then_some(c.records),
            versions: versions(),
        }
    }
}

impl Counts {
    /// Counts a line of a post, a token at a time when the counts alone are wanted: a token
    /// met before replays what it counted then ([`TokenMemo`]), any other is counted by
    /// [`Counts::count_text`], noting what it counts.
    fn count_line(&mut self, line: &str) {
        if !self.by_token {
            return self.count_text(line);
        }
        let bytes = line.as_bytes();
        let mut start = 0;
        while start < bytes.len() {
            if bytes[start] == b' ' {
                start += 1;
                continue;
            }
            let end = next_space(bytes, start);
            self.count_token(&line[start..end]);
            start = end + 1;
        }
    }

    fn count_token(&mut self, token: &str) {
        let unknown = match self.token_memo.get(token) {
            Ok(values) => {
                if let Some(counted) = values.first {
                    self.replay(token, counted);
                }
                for at in values.rest {
                    let counted = self.token_memo.value(at);
                    self.replay(token, counted);
                }
                return;
            }
            Err(unknown) => unknown,
        };
        if token.len() > TokenMemo::<Counted>::MAX_TOKEN_LEN {
            return self.count_text(token);
        }
        self.recording = true;
        self.counted.clear();
        self.count_text(token);
        self.recording = false;
        self.token_memo.remember(token, unknown, &self.counted);
    }

    /// Counts again one thing that `token` counted when [`Counts::count_text`] counted it.
    #[inline(always)]
    fn replay(&mut self, token: &str, counted: Counted) {
        let post = self.posts;
        self.tallies[counted.tally].add_at(counted.slot, post);
        self.words += u64::from(counted.tally == Tally::Words);
        if counted.tally == Tally::Hashtags {
            if let Some(period) = &self.period {
                if let Some(counts) = self.periods.get_mut(period) {
                    let spelling = &token[usize::from(counted.from)..usize::from(counted.to)];
                    let key = self.tallies[Tally::Hashtags].key_at(counted.slot);
                    counts.hashtags.add(key, spelling, post);
                }
            }
        }
    }

    /// Notes what [`Counts::count_text`] counted, when recording a token.
    #[inline]
    fn note(&mut self, counted: Counted) {
        if self.recording {
            self.counted.push(counted);
        }
    }

    /// Counts the words and entities of `text`, a line or a token, noting what it counts in
    /// `counted` when `recording`.
    fn count_text(&mut self, line: &str) {
        let post = self.posts;
        let mut entities = std::mem::take(&mut self.entities);
        let mut key = std::mem::take(&mut self.key);
        find_entities_with(line, &mut self.entity_scratch, &mut entities);
        let mut gap_start = 0;
        for entity in &entities {
            self.count_words(&line[gap_start..entity.range.start]);
            gap_start = entity.range.end;
            let spelling = &line[entity.range.clone()];
            match entity.kind {
                EntityKind::Hashtag => {
                    let slot = count_spelling(
                        &mut self.tallies[Tally::Hashtags],
                        &mut self.seen.hashtags,
                        spelling,
                        post,
                        &mut key,
                        hashtag_key_into,
                    );
                    // A recorded token is at most 64 bytes: its offsets fit.
                    self.note(Counted {
                        tally: Tally::Hashtags,
                        from: entity.range.start as u8,
                        to: entity.range.end as u8,
                        slot,
                    });
                    let key = self.tallies[Tally::Hashtags].key_at(slot);
                    self.deeper.hashtag(&self.options, key, spelling);
                    if let Some(period) = &self.period {
                        if let Some(counts) = self.periods.get_mut(period) {
                            counts.hashtags.add(key, spelling, post);
                        }
                    }
                }
                EntityKind::Mention => {
                    let slot = count_spelling(
                        &mut self.tallies[Tally::Mentions],
                        &mut self.seen.mentions,
                        spelling,
                        post,
                        &mut key,
                        mention_key_into,
                    );
                    self.note(Counted::new(Tally::Mentions, slot));
                }
                EntityKind::Cashtag => {
                    let slot = count_spelling(
                        &mut self.tallies[Tally::Cashtags],
                        &mut self.seen.cashtags,
                        spelling,
                        post,
                        &mut key,
                        cashtag_key_into,
                    );
                    self.note(Counted::new(Tally::Cashtags, slot));
                }
                EntityKind::Url => {
                    let slot = match self.seen.urls.get(spelling) {
                        Some(slot) => {
                            if let Some(slot) = slot {
                                self.tallies[Tally::Domains].add_at(slot, post);
                            }
                            slot
                        }
                        None => {
                            let slot = url::url_domain_into(spelling, &mut key)
                                .then(|| self.tallies[Tally::Domains].add(&key, &key, post));
                            self.seen.urls.remember(spelling, slot);
                            slot
                        }
                    };
                    if let Some(slot) = slot {
                        self.note(Counted::new(Tally::Domains, slot));
                    }
                }
                EntityKind::Emoji => {
                    let (slot, country) = match self.seen.emoji.get(spelling) {
                        Some((slot, country)) => {
                            self.tallies[Tally::Emoji].add_at(slot, post);
                            if let Some(country) = country {
                                self.tallies[Tally::Countries].add_at(country, post);
                            }
                            (slot, country)
                        }
                        None => {
                            emoji::emoji_key_into(spelling, &mut key);
                            let country = emoji::country_code(&key).map(|(code, name)| {
                                self.tallies[Tally::Countries].add(code, name, post)
                            });
                            let slot = self.tallies[Tally::Emoji].add(&key, spelling, post);
                            self.seen.emoji.remember(spelling, (slot, country));
                            (slot, country)
                        }
                    };
                    self.note(Counted::new(Tally::Emoji, slot));
                    if let Some(country) = country {
                        self.note(Counted::new(Tally::Countries, country));
                    }
                    self.deeper.emoji(
                        &self.options,
                        self.tallies[Tally::Emoji].key_at(slot),
                        spelling,
                    );
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
        self.key = key;
    }

    /// Whether any deeper analysis (n-grams, co-occurrence, distinctive words) is on.
    fn deeper_on(&self) -> bool {
        self.options.ngrams || self.options.cooccurrence || self.options.distinctive
    }

    fn count_words(&mut self, gap: &str) {
        let post = self.posts;
        // An n-gram never spans a removed entity or a line break: each gap starts afresh.
        self.deeper.break_ngrams();
        // Most gaps between entities are a space or two: nothing to find there.
        if gap.bytes().all(|b| b == b' ') {
            return;
        }
        let deeper_on = self.deeper_on();
        let table = &mut self.tallies[Tally::Words];
        let (stopwords, words) = (&self.stopwords, &mut self.words);
        let (deeper, options, stemmers) = (&mut self.deeper, &self.options, &mut self.stemmers);
        let seen_words = &mut self.seen.words;
        let recorded = self.recording.then_some(&mut self.counted);
        let mut recorded = recorded;
        self.word_finder
            .for_each_word_lazily(gap, |mut word, after_break| {
                let surface = word.surface();
                // The deeper analyses want every word's key; the counts alone can go by surface.
                if !deeper_on {
                    if let Some(slot) = seen_words.get(surface) {
                        if let Some(slot) = slot {
                            table.add_at(slot, post);
                            *words += 1;
                            if let Some(recorded) = &mut recorded {
                                recorded.push(Counted::new(Tally::Words, slot));
                            }
                        }
                        return;
                    }
                }
                let key = word.key();
                // Stopwords are NLTK's unstemmed words: the test comes before stemming.
                let counted = !stopwords.contains(key);
                let key = match stemmers {
                    Some(stemmers) => stemmers.stem_cached(key),
                    None => key,
                };
                let slot = counted.then(|| table.add(key, surface, post));
                if let Some(slot) = slot {
                    *words += 1;
                    if let Some(recorded) = &mut recorded {
                        recorded.push(Counted::new(Tally::Words, slot));
                    }
                }
                if deeper_on {
                    deeper.word(options, key, surface, counted, after_break, post);
                } else {
                    seen_words.remember(surface, slot);
                }
            });
    }
}

/// The position of the first space in `bytes` from `from`, or the end: eight bytes at a time,
/// as tokens are short (`memchr`'s set-up cost more than this).
#[inline]
fn next_space(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // A space becomes a zero byte; the lowest flagged byte is the first zero.
        let x = word ^ (u64::from(b' ') * ONES);
        let zeros = x.wrapping_sub(ONES) & !x & HIGHS;
        if zeros != 0 {
            return at + (zeros.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .position(|&b| b == b' ')
        .unwrap_or(bytes.len() - at)
}

/// Where each spelling met so far was counted, per table: see [`SeenSpellings`].
#[derive(Default)]
struct Seen {
    /// `None`: a stopword.
    words: SeenSpellings<Option<Slot>>,
    hashtags: SeenSpellings<Slot>,
    mentions: SeenSpellings<Slot>,
    cashtags: SeenSpellings<Slot>,
    /// `None`: a URL without a host.
    urls: SeenSpellings<Option<Slot>>,
    /// The emoji and, for a flag, its country.
    emoji: SeenSpellings<(Slot, Option<Slot>)>,
}

/// Counts `spelling` in `table`: where it was counted before, if `seen` remembers; else under
/// the key `key_into` builds (into the reused `key`), remembering where.
fn count_spelling(
    table: &mut Table,
    seen: &mut SeenSpellings<Slot>,
    spelling: &str,
    post: u64,
    key: &mut String,
    key_into: fn(&str, &mut String),
) -> Slot {
    if let Some(slot) = seen.get(spelling) {
        table.add_at(slot, post);
        return slot;
    }
    key_into(spelling, key);
    let slot = table.add(key, spelling, post);
    seen.remember(spelling, slot);
    slot
}

/// Mentions: without `@`, lower-cased (usernames are ASCII).
fn mention_key_into(mention: &str, key: &mut String) {
    key.clear();
    key.push_str(&mention[1..]);
    key.make_ascii_lowercase();
}

/// Hashtags: without `#`, NFKC, lower-cased; a scope stays (`#СНГ@asia_news` → `снг@asia_news`).
fn hashtag_key_into(hashtag: &str, key: &mut String) {
    use unicode_normalization::UnicodeNormalization;
    let body = &hashtag[1..];
    key.clear();
    if body.is_ascii() {
        key.push_str(body);
        key.make_ascii_lowercase();
    } else if body.chars().all(is_plain_letter) {
        // NFKC leaves these as they are, and none is a capital sigma (whose lower case depends
        // on its neighbours): lower-casing char by char is `str::to_lowercase`.
        key.extend(body.chars().flat_map(char::to_lowercase));
    } else {
        key.extend(body.nfkc());
        *key = key.to_lowercase();
    }
}

/// ASCII, the Latin-1 letters and basic Cyrillic: NFKC-inert, so a key needs only lower-casing
/// (`words` tests the same ranges against the normaliser's own tables).
fn is_plain_letter(c: char) -> bool {
    matches!(c, '\0'..='\x7F' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{FF}'
        | '\u{400}'..='\u{45F}')
}

/// Cashtags: without `$`, the ticker upper-cased, a scope lower-cased (`USD@chan`).
fn cashtag_key_into(cashtag: &str, key: &mut String) {
    key.clear();
    key.push_str(&cashtag[1..]);
    let ticker_len = key.find('@').unwrap_or(key.len());
    let (ticker, scope) = key.as_mut_str().split_at_mut(ticker_len);
    ticker.make_ascii_uppercase();
    scope.make_ascii_lowercase();
}

impl Counts {
    /// The period a post dated `unix` seconds falls in, in the chosen time zone.
    fn period_of(&self, unix: i64) -> Option<String> {
        let at = time::OffsetDateTime::from_unix_timestamp(unix)
            .ok()?
            .to_offset(self.utc_offset);
        Some(match self.timeline_unit {
            TimelineUnit::None => return None,
            TimelineUnit::Day => format!(
                "{:04}-{:02}-{:02}",
                at.year(),
                u8::from(at.month()),
                at.day()
            ),
            TimelineUnit::Week => {
                let (year, week, _) = at.to_iso_week_date();
                format!("{year:04}-W{week:02}")
            }
            TimelineUnit::Month => format!("{:04}-{:02}", at.year(), u8::from(at.month())),
        })
    }

    /// The timeline's period of a post dated `unix`, counted. Out of line: only exports date
    /// their posts, and the date formatting and period map would make [`Sink::begin_post`],
    /// which runs for every post, a large function (see [`Counts::start_record`]).
    #[inline(never)]
    fn begin_period(&mut self, unix: i64) {
        self.period = self.period_of(unix);
        if let Some(period) = &self.period {
            self.periods.entry(period.clone()).or_default().posts += 1;
        }
    }

    /// The `posts` option's record of the post just begun. Out of line, as the option is rare:
    /// [`Sink::begin_post`] runs for every post, and the npm package's engine (V8) optimises a
    /// small function sooner than a large one.
    #[cold]
    #[inline(never)]
    fn start_record(&mut self, meta: PostMeta<'_>) {
        self.current = Some(PostRecord {
            index: self.posts - 1,
            id: meta.id,
            date: meta.date.and_then(format_date),
            source: meta.source.map(str::to_string),
            text: String::new(),
            clean_text: String::new(),
            hashtags: Vec::new(),
            emoji: Vec::new(),
            mentions: Vec::new(),
            cashtags: Vec::new(),
            urls: Vec::new(),
        });
    }

    /// Ends the record of the post that ends (see [`Counts::start_record`]).
    #[cold]
    #[inline(never)]
    fn finish_record(&mut self, mut record: PostRecord) {
        record.text.truncate(record.text.trim_end().len());
        record.clean_text = strip_post(&record.text, &StripConfig::default());
        self.records.push(record);
    }
}

/// ISO 8601 in UTC: `2023-01-07T12:18:49Z`.
pub(crate) fn format_date(unix: i64) -> Option<String> {
    let at = time::OffsetDateTime::from_unix_timestamp(unix).ok()?;
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    ))
}

impl Sink for Counts {
    fn begin_post(&mut self, meta: PostMeta<'_>) {
        self.end_post();
        self.posts += 1;
        self.in_post = true;
        // The deeper analyses keep per-post state; without them there is none to reset.
        if self.deeper_on() {
            let chat = self.chat.as_ref().map(|(id, _)| id.as_str());
            self.deeper.begin_post(meta.source, chat);
        }
        if let Some(source) = meta.source {
            self.sources.add(source, source, self.posts);
        }
        if let Some((id, name)) = &self.chat {
            self.chats.add(id, name, self.posts);
        }
        if let Some(unix) = meta.date {
            self.begin_period(unix);
        }
        if self.keep_posts {
            self.start_record(meta);
        }
    }

    /// SPEC §1: one link counts once, and a mention's link is a mention. So a target counts
    /// only when its visible text holds no URL, e-mail address or mention of its own.
    fn link_target(&mut self, href: &str, text: &str) {
        if !self.in_post {
            return;
        }
        let counted_in_text = find_entities(text).iter().any(|e| {
            matches!(
                e.kind,
                EntityKind::Url | EntityKind::Email | EntityKind::Mention
            )
        });
        let href = href.trim();
        let scheme = href
            .split_once(':')
            .map(|(scheme, _)| scheme.to_ascii_lowercase());
        if counted_in_text
            || matches!(
                scheme.as_deref(),
                Some("mailto" | "tel" | "tg" | "javascript")
            )
        {
            return;
        }
        if let Some(domain) = url::url_domain(href) {
            self.tallies[Tally::Domains].add(&domain, &domain, self.posts);
            if let Some(record) = &mut self.current {
                record.urls.push(href.to_string());
            }
        }
    }

    fn chat(&mut self, id: &str, name: &str) {
        self.chat = Some((id.to_string(), name.trim().to_string()));
    }

    fn post_line(&mut self, line: &str) {
        if !self.in_post {
            self.begin_post(PostMeta::default());
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
        if self.in_post && self.deeper_on() {
            self.deeper.end_post(&self.options, self.posts);
        }
        self.in_post = false;
        self.period = None;
        if let Some(record) = self.current.take() {
            self.finish_record(record);
        }
    }

    fn placeholder(&mut self) {
        if !self.in_post {
            self.begin_post(PostMeta::default());
        }
        self.placeholders += 1;
    }

    fn channel(&mut self, channel: Channel) {
        if self.channel.is_none() {
            self.channel = Some(channel);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashtag_key(hashtag: &str) -> String {
        let mut key = String::new();
        hashtag_key_into(hashtag, &mut key);
        key
    }

    #[test]
    fn hashtag_keys_agree_with_nfkc_then_lowercase_on_every_path() {
        use unicode_normalization::UnicodeNormalization;
        for tag in [
            "#BRICS",
            "#tag_1",
            "#СНГ@Asia_News",
            "#ÄÖÜß",
            "#ЁЛКА",
            "#日本",
            "#ＵＳＡ",
            "#ΟΔΟΣ",
            "#l·l",
            "#İstanbul",
        ] {
            let plain = tag[1..].nfkc().collect::<String>().to_lowercase();
            assert_eq!(hashtag_key(tag), plain, "{tag}");
        }
        assert_eq!(hashtag_key("#ΟΔΟΣ"), "οδος", "a final sigma");
    }

    /// The JSON of the report of `input`, counted a token at a time (with the memo) or a line
    /// at a time.
    fn report_json(input: &str, config: &Config, by_token: bool) -> String {
        let mut analyzer = Analyzer::new(config).expect("a valid config");
        assert_eq!(analyzer.counts.by_token, !config.posts && !config.ngrams);
        analyzer.counts.by_token = by_token;
        analyzer
            .read_input(input.as_bytes(), false)
            .expect("valid input");
        serde_json::to_string(&analyzer.finish()).expect("a report serialises")
    }

    /// Random lines of pieces that meet at token edges: entity signs, letters of several
    /// scripts, emoji parts, and every kind of white space (a tab is inside a token: TDLib keeps
    /// it in a URL's path).
    fn random_lines(seed: &mut u64, lines: usize) -> Vec<String> {
        const PIECES: [&str; 44] = [
            "#",
            "@",
            "$",
            "/",
            ".",
            ":",
            "'",
            "’",
            ",",
            "!",
            "?",
            "(",
            ")",
            "-",
            "_",
            "a",
            "Z",
            "я",
            "Ё",
            "1",
            "ß",
            " ",
            " ",
            "  ",
            "\t",
            "\u{A0}",
            "\u{2003}",
            "🇷",
            "🇺",
            "👍",
            "🏽",
            "\u{200D}",
            "\u{FE0F}",
            "#️⃣",
            "©",
            "«",
            "»",
            "http://",
            "t.me/s",
            "com",
            "рф",
            "mid.ru",
            "USD",
            "x.com/a?b=1",
        ];
        (0..lines)
            .map(|_| {
                // xorshift64: deterministic, no dependency.
                let mut next = || {
                    *seed ^= *seed << 13;
                    *seed ^= *seed >> 7;
                    *seed ^= *seed << 17;
                    *seed
                };
                let len = next() % 30;
                (0..len)
                    .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_next_space_is_found_at_every_position() {
        for len in 0..40 {
            for space_at in 0..=len {
                for fill in [b'a', 0xD0, 0x21, 0x1F, 0xA0] {
                    let mut bytes = vec![fill; len];
                    if space_at < len {
                        bytes[space_at] = b' ';
                    }
                    for from in 0..=space_at {
                        assert_eq!(next_space(&bytes, from), space_at, "{bytes:?} from {from}");
                    }
                }
            }
        }
    }

    #[test]
    fn token_memo_counts_as_line_by_line_counting_does() {
        let mut seed = 0x9E37_79B9_7F4A_7C15;
        let configs = [
            Config::default(),
            Config {
                stem: true,
                fold_yo: true,
                ..Config::default()
            },
        ];
        for round in 0..40 {
            let lines = random_lines(&mut seed, 200);
            // Each text twice, so that the second time every token is replayed.
            let text = format!("{0}\n{0}\n", lines.join("\n"));
            for config in &configs {
                let by_token = report_json(&text, config, true);
                let by_line = report_json(&text, config, false);
                assert_eq!(by_token, by_line, "round {round}: {text:?}");
            }
        }
    }

    #[test]
    fn token_memo_counts_the_timeline_as_line_by_line_counting_does() {
        let mut seed = 0x2545_F491_4F6C_DD1D;
        let lines = random_lines(&mut seed, 400);
        let messages: Vec<_> = lines
            .iter()
            .enumerate()
            .map(|(id, text)| {
                let unix = 1_685_966_400 + 40_000 * id as i64;
                serde_json::json!({
                    "id": id, "type": "message", "date_unixtime": unix.to_string(),
                    "text": format!("{text}\n#tag {text}"),
                })
            })
            .collect();
        let export = serde_json::json!({
            "name": "x", "type": "public_channel", "id": 1, "messages": messages,
        })
        .to_string();
        let by_token = report_json(&export, &Config::default(), true);
        assert!(
            by_token.contains("\"timeline\""),
            "dated posts make a timeline"
        );
        assert_eq!(by_token, report_json(&export, &Config::default(), false));
    }

    #[test]
    fn cashtag_keys_upper_case_the_ticker_and_lower_case_the_scope() {
        let mut key = String::new();
        cashtag_key_into("$usd@Chan_1", &mut key);
        assert_eq!(key, "USD@chan_1");
        cashtag_key_into("$TON", &mut key);
        assert_eq!(key, "TON");
    }
}
