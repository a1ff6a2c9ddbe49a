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

/// Tokens with their list of `V`, the lists in one buffer.
///
/// Bounded: at most [`TokenMemo::MAX_TOKENS`] tokens of at most [`TokenMemo::MAX_TOKEN_LEN`]
/// bytes and [`TokenMemo::MAX_VALUES`] values (a few MB); once full it remembers no more, and
/// the tokens it does not know are counted the long way. The frequent tokens come early.
#[derive(Debug)]
pub(crate) struct TokenMemo<V> {
    tokens: HashTable<Remembered>,
    /// The bytes of the tokens after their first 16.
    tails: Vec<u8>,
    values: Vec<V>,
    /// Seeded per process, so crafted inputs cannot aim at collisions.
    hasher: foldhash::fast::RandomState,
}

/// One token, held in the table itself so that a look-up touches one place: its first 16
/// bytes ([`head`]), its length, the rest in `tails`, and its values in `values`.
#[derive(Debug, Clone, Copy)]
struct Remembered {
    head: u128,
    /// Kept to hash it again when the table grows.
    hash: u64,
    len: u32,
    tail_start: u32,
    values_start: u32,
    values_len: u32,
}

impl<V> Default for TokenMemo<V> {
    fn default() -> Self {
        TokenMemo {
            tokens: HashTable::new(),
            tails: Vec::new(),
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

/// The first 16 bytes of `token` as one number, read without a copy loop: with the length,
/// it tells any two tokens of up to 16 bytes apart (a shorter token is read as two overlapping
/// halves, which together hold every byte).
#[inline]
fn head(token: &[u8]) -> u128 {
    fn read<const N: usize>(bytes: &[u8]) -> [u8; N] {
        bytes[..N].try_into().expect("N bytes")
    }
    let len = token.len();
    if len >= 16 {
        u128::from_le_bytes(read(token))
    } else if len >= 8 {
        let (first, last) = (read::<8>(token), read::<8>(&token[len - 8..]));
        u128::from(u64::from_le_bytes(first)) | u128::from(u64::from_le_bytes(last)) << 64
    } else if len >= 4 {
        let (first, last) = (read::<4>(token), read::<4>(&token[len - 4..]));
        u128::from(u32::from_le_bytes(first)) | u128::from(u32::from_le_bytes(last)) << 32
    } else if len > 0 {
        u128::from(token[0]) | u128::from(token[len / 2]) << 8 | u128::from(token[len - 1]) << 16
    } else {
        0
    }
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
        let bytes = token.as_bytes();
        let hash = self.hasher.hash_one(bytes);
        if bytes.len() > Self::MAX_TOKEN_LEN {
            return Err(Unknown { hash });
        }
        let (head, len) = (head(bytes), bytes.len() as u32);
        let found = self.tokens.find(hash, |known| {
            known.head == head
                && known.len == len
                && (len <= 16 || {
                    let start = known.tail_start as usize;
                    self.tails[start..start + len as usize - 16] == bytes[16..]
                })
        });
        match found {
            Some(known) => {
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
        let bytes = token.as_bytes();
        if bytes.len() > Self::MAX_TOKEN_LEN
            || self.tokens.len() >= Self::MAX_TOKENS
            || self.values.len() + values.len() > Self::MAX_VALUES
        {
            return;
        }
        // All below 2^32: the limits above keep every offset small.
        let remembered = Remembered {
            head: head(bytes),
            hash: unknown.hash,
            len: bytes.len() as u32,
            tail_start: self.tails.len() as u32,
            values_start: self.values.len() as u32,
            values_len: values.len() as u32,
        };
        if let Some(tail) = bytes.get(16..) {
            self.tails.extend_from_slice(tail);
        }
        self.values.extend_from_slice(values);
        self.tokens
            .insert_unique(unknown.hash, remembered, |known| known.hash);
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
    fn tokens_that_share_their_first_16_bytes_or_differ_by_a_nul_are_told_apart() {
        let tokens = [
            "сотрудничество",
            "сотрудничество,",
            "сотрудничества",
            "0123456789abcdef",
            "0123456789abcdefX",
            "0123456789abcdefY",
            "a",
            "a\0",
            "\0a",
            "",
            "ab",
            "abc",
            "acc",
            "abcdefg",
            "abcdefgh",
            "abcdXfgh",
            "abcdefghi",
            "abcdefgXi",
        ];
        let mut memo = TokenMemo::<usize>::default();
        for (n, token) in tokens.iter().enumerate() {
            let unknown = memo.get(token).expect_err("each token is new");
            memo.remember(token, unknown, &[n]);
        }
        // Enough more to make the table grow and hash every token again.
        for n in 0..1000 {
            let token = format!("0123456789abcdef{n}");
            if let Err(unknown) = memo.get(&token) {
                memo.remember(&token, unknown, &[]);
            }
        }
        for (n, token) in tokens.iter().enumerate() {
            let at = memo.get(token).expect("remembered");
            assert_eq!(
                at.map(|at| memo.value(at)).collect::<Vec<_>>(),
                [n],
                "{token:?}"
            );
        }
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
