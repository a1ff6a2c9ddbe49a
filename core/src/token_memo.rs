//! What each token counted, remembered: text is mostly the same few thousand tokens over and
//! over, so a token met again is counted by replaying what it counted the first time, without
//! finding its entities and words again.
//!
//! A token is a run of bytes without a space. No entity and no word spans a space (TDLib's
//! matchers all stop at one, and so does UAX #29), and no rule looks across one, so what a
//! token counts does not depend on its neighbours (`token_memo` tests in `analyzer` hold the
//! analysis token by token to the analysis line by line).

use std::hash::BuildHasher;
use std::ops::Range;

use hashbrown::HashTable;

/// Tokens with their list of `V`, in one buffer each for the text and the lists.
///
/// Bounded: at most [`TokenMemo::MAX_TOKENS`] tokens of at most [`TokenMemo::MAX_TOKEN_LEN`]
/// bytes and [`TokenMemo::MAX_VALUES`] values (a few MB); once full it remembers no more, and
/// the tokens it does not know are counted the long way. The frequent tokens come early.
#[derive(Debug)]
pub(crate) struct TokenMemo<V> {
    /// Positions in `tokens`, hashed by the token's text.
    index: HashTable<u32>,
    tokens: Vec<Remembered>,
    text: Vec<u8>,
    values: Vec<V>,
    /// Seeded per process, so crafted inputs cannot aim at collisions.
    hasher: foldhash::fast::RandomState,
}

/// One token: its text in `text` and its values in `values`, as offsets and lengths.
#[derive(Debug, Clone, Copy)]
struct Remembered {
    text_start: u32,
    text_len: u32,
    values_start: u32,
    values_len: u32,
}

impl<V> Default for TokenMemo<V> {
    fn default() -> Self {
        TokenMemo {
            index: HashTable::new(),
            tokens: Vec::new(),
            text: Vec::new(),
            values: Vec::new(),
            hasher: foldhash::fast::RandomState::default(),
        }
    }
}

/// A token that [`TokenMemo::get`] did not know, with its hash, for [`TokenMemo::remember`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unknown {
    hash: u64,
}

impl<V: Copy> TokenMemo<V> {
    /// Longer tokens (long URLs, runs without spaces) are rare and not worth the memory.
    pub const MAX_TOKEN_LEN: usize = 64;
    pub const MAX_TOKENS: usize = 1 << 17;
    pub const MAX_VALUES: usize = 1 << 19;

    /// Where [`TokenMemo::value`] finds the values of `token`, or `Err` when it is not
    /// remembered. (Positions rather than a slice: the caller counts into its own tables while
    /// it reads them.)
    #[inline]
    pub fn get(&self, token: &str) -> Result<Range<usize>, Unknown> {
        let hash = self.hasher.hash_one(token.as_bytes());
        let (text, tokens) = (&self.text, &self.tokens);
        let found = self.index.find(hash, |&at| {
            let known = tokens[at as usize];
            let start = known.text_start as usize;
            text[start..start + known.text_len as usize] == *token.as_bytes()
        });
        match found {
            Some(&at) => {
                let known = self.tokens[at as usize];
                let start = known.values_start as usize;
                Ok(start..start + known.values_len as usize)
            }
            None => Err(Unknown { hash }),
        }
    }

    /// One of the values at the positions that [`TokenMemo::get`] gave.
    #[inline]
    pub fn value(&self, at: usize) -> V {
        self.values[at]
    }

    /// Remembers that `token`, which [`TokenMemo::get`] did not know, counts `values`; does
    /// nothing when the token is too long or the memo is full.
    pub fn remember(&mut self, token: &str, unknown: Unknown, values: &[V]) {
        if token.len() > Self::MAX_TOKEN_LEN
            || self.tokens.len() >= Self::MAX_TOKENS
            || self.values.len() + values.len() > Self::MAX_VALUES
        {
            return;
        }
        // All below 2^32: the limits above keep every offset small.
        let at = self.tokens.len() as u32;
        self.tokens.push(Remembered {
            text_start: self.text.len() as u32,
            text_len: token.len() as u32,
            values_start: self.values.len() as u32,
            values_len: values.len() as u32,
        });
        self.text.extend_from_slice(token.as_bytes());
        self.values.extend_from_slice(values);
        let (hasher, text, tokens) = (&self.hasher, &self.text, &self.tokens);
        self.index.insert_unique(unknown.hash, at, |&at| {
            let known = tokens[at as usize];
            let start = known.text_start as usize;
            hasher.hash_one(&text[start..start + known.text_len as usize])
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_each_token_with_its_values() {
        let mut memo = TokenMemo::<u8>::default();
        let unknown = memo.get("#tag,").expect_err("nothing remembered yet");
        memo.remember("#tag,", unknown, &[1, 2]);
        let unknown = memo.get("word").expect_err("another token");
        memo.remember("word", unknown, &[]);
        let values = |memo: &TokenMemo<u8>, token| {
            let at = memo.get(token).expect("remembered");
            at.map(|at| memo.value(at)).collect::<Vec<_>>()
        };
        assert_eq!(values(&memo, "#tag,"), [1, 2]);
        assert!(values(&memo, "word").is_empty());
        assert!(memo.get("#tag").is_err(), "a prefix is another token");
        assert!(memo.get("word,").is_err());
    }

    #[test]
    fn long_tokens_and_a_full_memo_are_not_remembered() {
        let mut memo = TokenMemo::<u8>::default();
        let long = "x".repeat(TokenMemo::<u8>::MAX_TOKEN_LEN + 1);
        let unknown = memo.get(&long).expect_err("unknown");
        memo.remember(&long, unknown, &[1]);
        assert!(memo.get(&long).is_err());

        let too_many = vec![0; TokenMemo::<u8>::MAX_VALUES + 1];
        let unknown = memo.get("a").expect_err("unknown");
        memo.remember("a", unknown, &too_many);
        assert!(memo.get("a").is_err());

        for n in 0..TokenMemo::<u8>::MAX_TOKENS + 10 {
            let token = n.to_string();
            if let Err(unknown) = memo.get(&token) {
                memo.remember(&token, unknown, &[7]);
            }
        }
        assert_eq!(memo.tokens.len(), TokenMemo::<u8>::MAX_TOKENS);
        assert_eq!(memo.get("0").map(|at| memo.value(at.start)).ok(), Some(7));
        let last = (TokenMemo::<u8>::MAX_TOKENS + 9).to_string();
        assert!(memo.get(&last).is_err(), "the memo is full");
    }
}
