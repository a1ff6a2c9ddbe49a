//! Deeper analysis, each on request (issue 7): word n-grams, co-occurrence of hashtags, words
//! and emoji within posts, distinctive words per source and chat, and the stemmer that can
//! stand in for the word keys. What Voyant and 4CAT offer researchers, in the core, so the CLI,
//! the npm package and the web demo all have it.
//!
//! Counting happens in [`Deeper`], fed by the analyzer post by post; its tables live in the
//! partial report (so they merge) and become report sections in [`Deeper::report`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::stats::Table;

/// How many distinctive words each source or chat lists, unless `top` says otherwise.
pub const DISTINCTIVE_TERMS: usize = 10;
/// A word must occur this often in a group to be called distinctive of it.
pub const DISTINCTIVE_MIN_COUNT: u64 = 2;

/// The counts of the deeper analyses.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deeper {
    pub bigrams: Table,
    pub trigrams: Table,
    pub cotags: Table,
    pub hashtag_words: Table,
    pub emoji_hashtags: Table,
    /// Counted words per forward source and per chat, for distinctive terms.
    pub source_words: BTreeMap<String, Table>,
    pub chat_words: BTreeMap<String, Table>,
    /// The current post's state (not written: a post never spans partial reports).
    #[serde(skip)]
    post: PostState,
}

#[derive(Debug, Clone, Default)]
struct PostState {
    /// The last words of the current run (key, surface, stopword?), for n-grams.
    window: Vec<(String, String, bool)>,
    hashtags: Vec<(String, String)>,
    emoji: Vec<(String, String)>,
    words: Vec<(String, String)>,
    source: Option<String>,
    chat: Option<String>,
}

impl Deeper {
    /// A new post begins, forwarded from `source`, in `chat`.
    pub fn begin_post(&mut self, source: Option<&str>, chat: Option<&str>) {
        let post = &mut self.post;
        post.window.clear();
        post.hashtags.clear();
        post.emoji.clear();
        post.words.clear();
        post.source = source.map(str::to_string);
        post.chat = chat.map(str::to_string);
    }

    /// An n-gram never spans a removed entity, a line break or a sentence end.
    pub fn break_ngrams(&mut self) {
        self.post.window.clear();
    }

    /// One word of post number `post`, in order; `counted` is false for a stopword.
    pub fn word(
        &mut self,
        config: &Config,
        key: &str,
        surface: &str,
        counted: bool,
        after_break: bool,
        post: u64,
    ) {
        if config.ngrams {
            if after_break {
                self.post.window.clear();
            }
            let window = &mut self.post.window;
            window.push((key.to_string(), surface.to_string(), !counted));
            if window.len() > 3 {
                window.remove(0);
            }
            // An n-gram that starts or ends with a stopword is skipped.
            let n = window.len();
            if n >= 2 && !window[n - 2].2 && counted {
                let (k, s) = join(&window[n - 2..]);
                self.bigrams.add(&k, &s, post);
            }
            if n == 3 && !window[0].2 && counted {
                let (k, s) = join(&window[..]);
                self.trigrams.add(&k, &s, post);
            }
        }
        if counted && (config.cooccurrence || config.distinctive) {
            self.post.words.push((key.to_string(), surface.to_string()));
        }
    }

    /// A hashtag of the current post, kept only for co-occurrence.
    pub fn hashtag(&mut self, config: &Config, key: &str, spelling: &str) {
        if config.cooccurrence {
            self.post
                .hashtags
                .push((key.to_string(), spelling.to_string()));
        }
    }

    /// A emoji of the current post, kept only for co-occurrence.
    pub fn emoji(&mut self, config: &Config, key: &str, spelling: &str) {
        if config.cooccurrence {
            self.post
                .emoji
                .push((key.to_string(), spelling.to_string()));
        }
    }

    /// The post ends: its pairs are counted once each (count = posts = posts with both).
    pub fn end_post(&mut self, config: &Config, post: u64) {
        let mut state = std::mem::take(&mut self.post);
        if config.distinctive {
            let groups = [
                (&mut self.source_words, &state.source),
                (&mut self.chat_words, &state.chat),
            ];
            for (tables, group) in groups {
                let Some(group) = group else { continue };
                if !tables.contains_key(group) {
                    tables.insert(group.clone(), Table::default());
                }
                let table = tables.get_mut(group).expect("inserted above");
                for (key, surface) in &state.words {
                    table.add(key, surface, post);
                }
            }
        }
        if config.cooccurrence {
            let hashtags = distinct(&mut state.hashtags);
            let words = distinct(&mut state.words);
            let emoji = distinct(&mut state.emoji);
            let (mut key, mut text) = (String::new(), String::new());
            let mut pair = |table: &mut Table,
                            (a, a_text): &(String, String),
                            (b, b_text): &(String, String)| {
                key.clear();
                key.push_str(a);
                key.push('|');
                key.push_str(b);
                text.clear();
                text.push_str(a_text);
                text.push('|');
                text.push_str(b_text);
                table.add(&key, &text, post);
            };
            for (i, hashtag) in hashtags.iter().enumerate() {
                for other in &hashtags[i + 1..] {
                    pair(&mut self.cotags, hashtag, other);
                }
                for word in words {
                    pair(&mut self.hashtag_words, hashtag, word);
                }
                for emoji in emoji {
                    pair(&mut self.emoji_hashtags, emoji, hashtag);
                }
            }
        }
        // Keep the buffers' capacity for the next post.
        state.window.clear();
        state.hashtags.clear();
        state.emoji.clear();
        state.words.clear();
        self.post = state;
    }

    /// Adds `other`'s counts (its posts come after this one's).
    pub fn merge(&mut self, other: Deeper) {
        self.bigrams.merge(other.bigrams);
        self.trigrams.merge(other.trigrams);
        self.cotags.merge(other.cotags);
        self.hashtag_words.merge(other.hashtag_words);
        self.emoji_hashtags.merge(other.emoji_hashtags);
        for (group, table) in other.source_words {
            self.source_words.entry(group).or_default().merge(table);
        }
        for (group, table) in other.chat_words {
            self.chat_words.entry(group).or_default().merge(table);
        }
    }
}

/// `("a b", "A b")` from a run of words.
fn join(words: &[(String, String, bool)]) -> (String, String) {
    let key = words
        .iter()
        .map(|w| w.0.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let surface = words
        .iter()
        .map(|w| w.1.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    (key, surface)
}

/// The distinct keys, sorted, each with its first spelling in the post.
fn distinct(items: &mut Vec<(String, String)>) -> &[(String, String)] {
    // A stable sort keeps the post's order among equal keys, so the first spelling stays first.
    items.sort_by(|a, b| a.0.cmp(&b.0));
    items.dedup_by(|later, earlier| later.0 == earlier.0);
    items
}

/// Writes a number as `JSON.stringify` does, so that the CLI's bytes equal the npm package's:
/// a whole number without `.0`, and `-0` as `0` (fractions already agree: both print the
/// shortest round-trip form, in plain notation at the magnitudes a rounded log-ratio has).
fn as_js_number<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// A source or chat and its most distinctive words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistinctiveGroup {
    /// `source` or `chat`.
    pub kind: String,
    /// The source's name, or the chat's id.
    pub key: String,
    /// How it is shown (the chat's name).
    pub text: String,
    /// Counted words in the group's posts.
    pub words: u64,
    pub terms: Vec<DistinctiveTerm>,
}

/// A word and how much more the group uses it than the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistinctiveTerm {
    pub key: String,
    pub text: String,
    /// Occurrences in the group.
    pub count: u64,
    /// The group's posts that have it.
    pub posts: u64,
    /// log2 of the word's smoothed share in the group over its smoothed share in the rest,
    /// rounded to 4 decimals.
    #[serde(serialize_with = "as_js_number")]
    pub log_ratio: f64,
}

impl Deeper {
    /// Distinctive words per source and chat. The score is the log-ratio of the word's share in
    /// the group and in the rest of the corpus, each smoothed by adding 0.5 to the word's count
    /// and 0.5 per vocabulary word to the total: log2(((a + ½)/(A + ½V)) / ((b + ½)/(B + ½V))),
    /// with a, A the word's and all words' counts in the group, b, B the same in the rest, V the
    /// vocabulary. Words seen fewer than [`DISTINCTIVE_MIN_COUNT`] times in the group are left
    /// out; the top `limit` by score (ties by key) are listed.
    pub fn distinctive(
        &self,
        all_words: &Table,
        chat_names: &Table,
        limit: usize,
    ) -> Vec<DistinctiveGroup> {
        let total = all_words.total() as f64;
        let vocabulary = all_words.distinct() as f64;
        let groups = self
            .source_words
            .iter()
            .map(|(key, table)| ("source", key, key.clone(), table))
            .chain(self.chat_words.iter().map(|(id, table)| {
                let name = chat_names.text_of(id).unwrap_or_else(|| id.clone());
                ("chat", id, name, table)
            }));
        groups
            .map(|(kind, key, text, table)| {
                let in_group = table.total() as f64;
                let rest = total - in_group;
                let mut terms: Vec<DistinctiveTerm> = table
                    .rows()
                    .filter(|row| row.count >= DISTINCTIVE_MIN_COUNT)
                    .map(|row| {
                        let a = row.count as f64;
                        let b = all_words.count_of(row.key).saturating_sub(row.count) as f64;
                        let share_in = (a + 0.5) / (in_group + 0.5 * vocabulary);
                        let share_rest = (b + 0.5) / (rest + 0.5 * vocabulary);
                        let log_ratio =
                            ((share_in / share_rest).log2() * 10_000.0).round() / 10_000.0;
                        DistinctiveTerm {
                            key: row.key.to_string(),
                            text: row.text.to_string(),
                            count: row.count,
                            posts: row.posts,
                            log_ratio,
                        }
                    })
                    .collect();
                terms.sort_by(|x, y| {
                    y.log_ratio
                        .total_cmp(&x.log_ratio)
                        .then_with(|| x.key.cmp(&y.key))
                });
                terms.truncate(limit);
                DistinctiveGroup {
                    kind: kind.to_string(),
                    key: key.clone(),
                    text,
                    words: table.total(),
                    terms,
                }
            })
            .collect()
    }
}
