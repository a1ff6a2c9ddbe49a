//! Keyword in context: every occurrence of a word, hashtag or emoji with the words and
//! entities around it, as `tgtext kwic TERM` and the npm package's `kwic()` list them.

use std::io::Read;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::config::{InputFormat, Split};
use crate::entities::{emoji, find_entities, find_entities_into, Entity, EntityKind};
use crate::error::{Error, ErrorKind};
use crate::input::{read_input, PostMeta, Sink};
use crate::report::Channel;
use crate::words::{Stemmers, WordFinder};

/// The options of `kwic`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KwicConfig {
    /// The input format; `None` (the default) detects it.
    pub input: Option<InputFormat>,
    /// Plain text only: one post per blank-line-separated block.
    pub split: Option<Split>,
    /// How many words or entities of context on each side; default 5.
    pub window: usize,
    /// Match words by their Snowball stem, as `analyze` with `stem` counts them. Default off.
    pub stem: bool,
    /// Fold `ё` into `е` before matching. Default off.
    pub fold_yo: bool,
}

impl Default for KwicConfig {
    fn default() -> Self {
        KwicConfig {
            input: None,
            split: None,
            window: 5,
            stem: false,
            fold_yo: false,
        }
    }
}

/// One occurrence and its context.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KwicHit {
    /// The post's place in the inputs, from 0.
    pub index: u64,
    /// The message id, where the input has one.
    pub id: Option<i64>,
    /// ISO 8601 in UTC, where known.
    pub date: Option<String>,
    /// Up to `window` words and entities before, as written, joined by spaces.
    pub left: String,
    /// The occurrence as written.
    #[serde(rename = "match")]
    pub matched: String,
    pub right: String,
}

impl KwicHit {
    /// One JSON object on one line, with its line break.
    pub fn to_json_line(&self) -> String {
        let mut line = serde_json::to_string(self).expect("a hit always serialises");
        line.push('\n');
        line
    }
}

/// What a term asks for: a hashtag key, an emoji key or a word key.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    Hashtag(String),
    Emoji(String),
    Word(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    Hashtag,
    Emoji,
    Word,
    Other,
}

/// Finds every occurrence of `term` in the posts of inputs read one after another.
pub struct Kwic {
    config: KwicConfig,
    term: Term,
    posts: Posts,
}

struct Posts {
    next_index: u64,
    in_post: bool,
    meta: (Option<i64>, Option<String>),
    /// The current post's tokens: (as written, kind, key).
    tokens: Vec<(String, TokenKind, String)>,
    hits: Vec<KwicHit>,
    window: usize,
    word_finder: WordFinder,
    stemmers: Option<Stemmers>,
    entities: Vec<Entity>,
    term: Term,
}

impl Kwic {
    /// A search for `term`: a hashtag (`#CIS`), an emoji (`🇷🇺`) or a word (`Lavrov`), matched
    /// by the same keys as `analyze` counts them (case and `#` spelling do not matter).
    pub fn new(term: &str, config: &KwicConfig) -> Result<Self, Error> {
        let term = parse_term(term, config)?;
        let posts = Posts {
            next_index: 0,
            in_post: false,
            meta: (None, None),
            tokens: Vec::new(),
            hits: Vec::new(),
            window: config.window,
            word_finder: WordFinder::new(config.fold_yo),
            stemmers: config.stem.then(Stemmers::default),
            entities: Vec::new(),
            term: term.clone(),
        };
        Ok(Kwic {
            config: config.clone(),
            term,
            posts,
        })
    }

    /// Reads one whole input (see [`crate::Analyzer::read_input`]) and hands over each hit as
    /// soon as its post ends.
    pub fn read_input(
        &mut self,
        reader: impl Read,
        lossy: bool,
        mut each_hit: impl FnMut(KwicHit),
    ) -> Result<(), Error> {
        let config = &self.config;
        let read = read_input(reader, config.input, config.split, lossy, &mut self.posts);
        self.posts.end_post();
        for hit in self.posts.hits.drain(..) {
            each_hit(hit);
        }
        read.map(|_| ())
    }

    /// Whether the term is a hashtag, an emoji or a word (for messages).
    pub fn term_kind(&self) -> &'static str {
        match self.term {
            Term::Hashtag(_) => "hashtag",
            Term::Emoji(_) => "emoji",
            Term::Word(_) => "word",
        }
    }
}

/// Every occurrence of `term` in one whole input.
pub fn kwic(input: &str, term: &str, config: &KwicConfig) -> Result<Vec<KwicHit>, Error> {
    let mut hits = Vec::new();
    Kwic::new(term, config)?.read_input(input.as_bytes(), false, |hit| hits.push(hit))?;
    Ok(hits)
}

fn parse_term(term: &str, config: &KwicConfig) -> Result<Term, Error> {
    let term = term.trim();
    let invalid = || {
        Error::new(
            ErrorKind::InvalidOption,
            format!("'{term}' is not one word, hashtag or emoji to look for"),
        )
    };
    let entities = find_entities(term);
    match entities.as_slice() {
        [entity] if entity.range == (0..term.len()) => match entity.kind {
            EntityKind::Hashtag => {
                return Ok(Term::Hashtag(
                    term[1..].nfkc().collect::<String>().to_lowercase(),
                ))
            }
            EntityKind::Emoji => return Ok(Term::Emoji(emoji::emoji_key(term))),
            _ => return Err(invalid()),
        },
        [] => {}
        _ => return Err(invalid()),
    }
    let mut keys = Vec::new();
    let stemmers = config.stem.then(Stemmers::default);
    WordFinder::new(config.fold_yo).for_each_word(term, |key, _| {
        keys.push(
            stemmers
                .as_ref()
                .map_or_else(|| key.to_string(), |s| s.stem(key).into_owned()),
        );
    });
    match keys.as_slice() {
        [key] => Ok(Term::Word(key.clone())),
        _ => Err(invalid()),
    }
}

impl Posts {
    fn push_words(&mut self, gap: &str) {
        let (tokens, stemmers) = (&mut self.tokens, &self.stemmers);
        self.word_finder.for_each_word(gap, |key, surface| {
            let key = stemmers
                .as_ref()
                .map_or_else(|| key.to_string(), |s| s.stem(key).into_owned());
            tokens.push((surface.to_string(), TokenKind::Word, key));
        });
    }
}

impl Sink for Posts {
    fn begin_post(&mut self, meta: PostMeta<'_>) {
        self.end_post();
        self.in_post = true;
        self.meta = (meta.id, meta.date.and_then(crate::analyzer::format_date));
    }

    fn post_line(&mut self, line: &str) {
        if !self.in_post {
            self.begin_post(PostMeta::default());
        }
        let mut entities = std::mem::take(&mut self.entities);
        find_entities_into(line, &mut entities);
        let mut gap_start = 0;
        for entity in &entities {
            self.push_words(&line[gap_start..entity.range.start]);
            gap_start = entity.range.end;
            let spelling = &line[entity.range.clone()];
            let (kind, key) = match entity.kind {
                EntityKind::Hashtag => (
                    TokenKind::Hashtag,
                    spelling[1..].nfkc().collect::<String>().to_lowercase(),
                ),
                EntityKind::Emoji => (TokenKind::Emoji, emoji::emoji_key(spelling)),
                _ => (TokenKind::Other, String::new()),
            };
            self.tokens.push((spelling.to_string(), kind, key));
        }
        self.push_words(&line[gap_start..]);
        self.entities = entities;
    }

    fn link_target(&mut self, _href: &str, _text: &str) {}

    fn end_post(&mut self) {
        if !std::mem::take(&mut self.in_post) {
            return;
        }
        let tokens = std::mem::take(&mut self.tokens);
        for (i, (written, kind, key)) in tokens.iter().enumerate() {
            let found = match &self.term {
                Term::Hashtag(term) => *kind == TokenKind::Hashtag && key == term,
                Term::Emoji(term) => *kind == TokenKind::Emoji && key == term,
                // A scoped hashtag's key holds `@`; a word never does, so no false match.
                Term::Word(term) => *kind == TokenKind::Word && key == term,
            };
            if !found {
                continue;
            }
            let join = |range: &[(String, TokenKind, String)]| {
                range
                    .iter()
                    .map(|t| t.0.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let left = &tokens[i.saturating_sub(self.window)..i];
            let right = &tokens[i + 1..(i + 1 + self.window).min(tokens.len())];
            self.hits.push(KwicHit {
                index: self.next_index,
                id: self.meta.0,
                date: self.meta.1.clone(),
                left: join(left),
                matched: written.clone(),
                right: join(right),
            });
        }
        self.next_index += 1;
    }

    fn placeholder(&mut self) {
        if !self.in_post {
            self.begin_post(PostMeta::default());
        }
    }

    fn channel(&mut self, _channel: Channel) {}

    fn chat(&mut self, _id: &str, _name: &str) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str, term: &str, window: usize) -> Vec<(u64, String, String, String)> {
        let config = KwicConfig {
            window,
            input: Some(InputFormat::Plain),
            split: Some(Split::Paragraph),
            ..KwicConfig::default()
        };
        kwic(text, term, &config)
            .unwrap()
            .into_iter()
            .map(|h| (h.index, h.left, h.matched, h.right))
            .collect()
    }

    #[test]
    fn words_match_by_key_with_context_on_both_sides() {
        let text = "Lavrov met partners in Astana.\n\nThen LAVROV’s plane left for Minsk #CIS 🇷🇺";
        assert_eq!(
            hits(text, "lavrov", 2),
            [
                (
                    0,
                    String::new(),
                    "Lavrov".to_string(),
                    "met partners".to_string()
                ),
                (
                    1,
                    "Then".to_string(),
                    "LAVROV".to_string(),
                    "plane left".to_string()
                ),
            ]
        );
    }

    #[test]
    fn hashtags_and_emoji_match_their_keys_and_count_as_context() {
        let text = "Summit #CIS in Minsk 🇷🇺 today\n\nmore #cis";
        assert_eq!(
            hits(text, "#Cis", 1),
            [
                (0, "Summit".into(), "#CIS".into(), "in".into()),
                (1, "more".into(), "#cis".into(), String::new())
            ]
        );
        assert_eq!(
            hits(text, "🇷🇺", 2),
            [(0, "in Minsk".into(), "🇷🇺".into(), "today".into())]
        );
    }

    #[test]
    fn a_term_must_be_one_word_hashtag_or_emoji() {
        for bad in ["two words", "", "#", "@durov"] {
            assert!(kwic("x", bad, &KwicConfig::default()).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn stemming_matches_inflected_forms() {
        let config = KwicConfig {
            stem: true,
            input: Some(InputFormat::Plain),
            ..KwicConfig::default()
        };
        let found = kwic("The countries met; one country left.", "countries", &config).unwrap();
        let matched: Vec<&str> = found.iter().map(|h| h.matched.as_str()).collect();
        assert_eq!(matched, ["countries", "country"]);
    }
}
