//! What the fuzz targets share: a sink that records every event a parser reports, the checks
//! every reader must pass, and the options of `analyze` as `arbitrary` builds them.

use arbitrary::Arbitrary;
use tgtext::input::{PostMeta, Sink};
use tgtext::{Channel, Config, Error, InputFormat, Split, Stopwords, TimelineUnit};

/// One thing a parser told its sink.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Begin {
        id: Option<i64>,
        date: Option<i64>,
        source: Option<String>,
    },
    Line(String),
    Link(String, String),
    End,
    Placeholder,
    Channel(Channel),
    Chat(String, String),
}

/// A [`Sink`] that keeps every event, so two ways of reading one input can be compared.
#[derive(Debug, Default)]
pub struct Recorder {
    pub events: Vec<Event>,
}

impl Sink for Recorder {
    fn begin_post(&mut self, meta: PostMeta<'_>) {
        self.events.push(Event::Begin {
            id: meta.id,
            date: meta.date,
            source: meta.source.map(String::from),
        });
    }
    fn post_line(&mut self, line: &str) {
        assert!(
            !line.contains('\n'),
            "a post line holds a line break: {line:?}"
        );
        self.events.push(Event::Line(line.to_string()));
    }
    fn link_target(&mut self, href: &str, text: &str) {
        self.events
            .push(Event::Link(href.to_string(), text.to_string()));
    }
    fn end_post(&mut self) {
        self.events.push(Event::End);
    }
    fn placeholder(&mut self) {
        self.events.push(Event::Placeholder);
    }
    fn channel(&mut self, channel: Channel) {
        self.events.push(Event::Channel(channel));
    }
    fn chat(&mut self, id: &str, name: &str) {
        self.events
            .push(Event::Chat(id.to_string(), name.to_string()));
    }
}

/// An error from reading `data` must name a place inside it (or none). Read lossily, an
/// export's parser sees the text after replacement and counts in it (SPEC-NOTES), so the
/// bound is that text's length.
pub fn check_error(err: &Error, data: &[u8], lossy: bool) {
    let len = if lossy {
        String::from_utf8_lossy(data).len()
    } else {
        data.len()
    };
    if let Some(offset) = err.offset() {
        assert!(
            offset <= len as u64,
            "error offset {offset} is past the input's {len} bytes: {err}"
        );
    }
    assert!(!err.to_string().is_empty(), "an error with no message");
}

/// Reads `data` with a forced format into a recorder, checking the error if there is one.
pub fn read_forced(data: &[u8], format: InputFormat, lossy: bool) -> Result<Recorder, Error> {
    let mut recorder = Recorder::default();
    match tgtext::input::read_input(data, Some(format), None, lossy, &mut recorder) {
        Ok(read) => {
            assert_eq!(read, format, "a forced format is the format read");
            Ok(recorder)
        }
        Err(err) => {
            check_error(&err, data, lossy);
            Err(err)
        }
    }
}

/// Cut points for feeding `text` in chunks, on character boundaries, chosen by `seed`.
pub fn chunks(text: &str, seed: u64) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut state = seed | 1;
    let mut rest = text;
    while !rest.is_empty() {
        // xorshift: cheap, deterministic from the seed.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let mut at = (state % 17) as usize + 1;
        at = at.min(rest.len());
        while !rest.is_char_boundary(at) {
            at += 1;
        }
        let (head, tail) = rest.split_at(at);
        pieces.push(head);
        rest = tail;
    }
    pieces
}

/// How many bytes of a fuzz input are the options of the `analyze` target.
pub const OPTIONS_BYTES: usize = 48;

/// The options of `analyze`, small enough for the fuzzer to explore, mapped onto [`Config`].
#[derive(Debug, Arbitrary)]
pub struct FuzzOptions {
    /// 0 detects; 1..=5 force a format.
    pub input: u8,
    pub top: u8,
    pub stopwords_off: bool,
    pub stopwords_extra: Vec<String>,
    pub split: bool,
    pub posts: bool,
    pub timeline: u8,
    /// 0 none; 1 a valid offset from the table; 2 the arbitrary string.
    pub time_zone_kind: u8,
    pub time_zone_pick: u8,
    pub time_zone: String,
    pub lossy: bool,
    /// Chunking of the pushed (`feed`) reading, compared with the streamed one.
    pub chunk_seed: u64,
    // The deeper analyses (after the fields above, so older seeds keep their meaning).
    pub ngrams: bool,
    pub cooccurrence: bool,
    pub distinctive: bool,
    pub stem: bool,
    pub fold_yo: bool,
}

const ZONES: [&str; 8] = [
    "UTC", "Z", "+03:00", "-05:30", "+14:00", "-12:00", "+0545", "+3",
];

impl FuzzOptions {
    pub fn config(&self) -> Config {
        let input = match self.input % 6 {
            0 => None,
            n => Some(InputFormat::ALL[n as usize - 1]),
        };
        Config {
            input,
            top: usize::from(self.top % 8),
            stopwords: if self.stopwords_off {
                Stopwords::None
            } else {
                Stopwords::Default
            },
            stopwords_extra: self.stopwords_extra.iter().take(4).cloned().collect(),
            split: self.split.then_some(Split::Paragraph),
            posts: self.posts,
            timeline: match self.timeline % 4 {
                0 => TimelineUnit::Day,
                1 => TimelineUnit::Week,
                2 => TimelineUnit::Month,
                _ => TimelineUnit::None,
            },
            time_zone: match self.time_zone_kind % 3 {
                0 => None,
                1 => Some(ZONES[usize::from(self.time_zone_pick) % ZONES.len()].to_string()),
                _ => Some(self.time_zone.clone()),
            },
            ngrams: self.ngrams,
            cooccurrence: self.cooccurrence,
            distinctive: self.distinctive,
            stem: self.stem,
            fold_yo: self.fold_yo,
            // Options added later keep their defaults until this struct learns them.
            ..Config::default()
        }
    }
}

/// Strict reading of bytes that are not UTF-8 fails: text formats at the first bad byte;
/// telegram-json there or at an earlier place where the JSON is already malformed (it is parsed
/// as it is decoded, and the first problem is the one reported).
pub fn check_strict_utf8(data: &[u8], format: InputFormat) {
    let Err(utf8) = std::str::from_utf8(data) else {
        return;
    };
    let bad_at = utf8.valid_up_to() as u64;
    match read_forced(data, format, false) {
        Ok(_) => panic!("invalid UTF-8 read without --lossy"),
        Err(err) => {
            assert_eq!(err.kind(), tgtext::ErrorKind::MalformedInput, "{err}");
            let offset = err.offset().expect("an offset");
            if format == InputFormat::TelegramJson {
                assert!(
                    offset <= bad_at,
                    "the error is past the bad byte {bad_at}: {err}"
                );
            } else {
                assert_eq!(offset, bad_at, "the error names another byte: {err}");
            }
        }
    }
}

/// A seed for [`chunks`] from the input itself.
pub fn seed_of(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h: u64, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// What every report must satisfy: tables add up to their totals (all items kept when
/// `top` is 0), are sorted by count then key, and no item is in more posts than exist.
pub fn check_report(report: &tgtext::Report, config: &Config) {
    let t = &report.totals;
    let items: [(&str, &[tgtext::Item]); 6] = [
        ("hashtags", &report.hashtags),
        ("words", &report.words),
        ("mentions", &report.mentions),
        ("domains", &report.domains),
        ("sources", &report.sources),
        ("countries", &report.countries),
    ];
    for (name, table) in items {
        if config.top > 0 {
            assert!(table.len() <= config.top, "{name} is longer than top");
        }
        for pair in table.windows(2) {
            assert!(
                pair[0].count > pair[1].count
                    || (pair[0].count == pair[1].count && pair[0].key < pair[1].key),
                "{name}: {:?} before {:?}",
                pair[0],
                pair[1]
            );
        }
        for item in table {
            assert!(
                item.posts <= item.count && item.posts <= t.posts,
                "{name}: {item:?} with {} posts",
                t.posts
            );
            assert!(item.count >= 1, "{name}: {item:?} counted zero times");
        }
    }
    for pair in report.emoji.windows(2) {
        assert!(
            pair[0].count > pair[1].count
                || (pair[0].count == pair[1].count && pair[0].key < pair[1].key),
            "emoji: {:?} before {:?}",
            pair[0],
            pair[1]
        );
    }
    if config.top == 0 {
        let sum = |items: &[tgtext::Item]| items.iter().map(|i| i.count).sum::<u64>();
        let checks = [
            ("words", t.words, sum(&report.words)),
            (
                "distinct_words",
                t.distinct_words,
                report.words.len() as u64,
            ),
            ("hashtags", t.hashtags, sum(&report.hashtags)),
            (
                "distinct_hashtags",
                t.distinct_hashtags,
                report.hashtags.len() as u64,
            ),
            ("emoji", t.emoji, report.emoji.iter().map(|e| e.count).sum()),
            (
                "distinct_emoji",
                t.distinct_emoji,
                report.emoji.len() as u64,
            ),
            ("mentions", t.mentions, sum(&report.mentions)),
            ("cashtags", t.cashtags, sum(&report.cashtags)),
            ("urls", t.urls, sum(&report.domains)),
        ];
        for (name, total, table) in checks {
            assert_eq!(total, table, "totals.{name} and its table's sum differ");
        }
        assert!(sum(&report.countries) <= t.emoji, "more flags than emoji");
        assert!(sum(&report.sources) <= t.posts, "more sources than posts");
    }
    if let Some(records) = &report.posts {
        assert_eq!(records.len() as u64, t.posts, "one record per post");
        for (i, record) in records.iter().enumerate() {
            assert_eq!(record.index, i as u64, "records are numbered from 0");
        }
    } else {
        assert!(!config.posts, "posts asked for but not reported");
    }
    if let Some(timeline) = &report.timeline {
        let dated: u64 = timeline.periods.iter().map(|p| p.posts).sum();
        assert!(dated <= t.posts, "more dated posts than posts");
        for pair in timeline.periods.windows(2) {
            assert!(pair[0].period < pair[1].period, "periods out of order");
        }
    }
}
