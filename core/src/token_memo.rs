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

use crate::short_eq::same_bytes;

/// Tokens with the `V`s each counted: the first held with the token, the rest in one buffer.
///
/// Bounded: at most [`TokenMemo::MAX_TOKENS`] tokens of at most [`TokenMemo::MAX_TOKEN_LEN`]
/// bytes and [`TokenMemo::MAX_VALUES`] values (a few MB); once full it remembers no more, and
/// the tokens it does not know are counted the long way.
///
/// The frequent tokens come early, so the first [`TokenMemo::FIRST_TOKENS`] go to a table of
/// their own, `first`, looked in first: a small table keeps them close together in memory.
/// Later tokens are mostly met once or twice: one is remembered (in `later`) only at its
/// [`REMEMBER_AT`]th sighting, which a small counter per hash in `sightings` tells (a counter
/// shared with other tokens only remembers a token early). So a frequent token that first
/// appears late in a long file (a new topic, a new hashtag) is still remembered, and the many
/// tokens met a few times are not.
/// With every token remembered in one table, each of the few thousand tokens that make most of
/// a text sat on a page of its own among 12 MB of buckets, and remembering the many tokens met
/// once cost more than it saved: on a 50 MB text the whole run was 15 % slower than with the
/// first 32 K tokens alone remembered. Remembering later tokens at their second sighting still
/// cost more than it saved there: 29 K of them were remembered (3 MB of table) for 21 K hits
/// among 4 M tokens; at the fourth, one thread ran 2–8 % faster (docs/PERFORMANCE.md).
#[derive(Debug)]
pub(crate) struct TokenMemo<V> {
    first: HashTable<Remembered<V>>,
    /// The tokens after the first [`TokenMemo::FIRST_TOKENS`], met [`REMEMBER_AT`] times.
    later: HashTable<Remembered<V>>,
    /// Sightings of the later tokens not yet remembered: a 4-bit counter per hash (its low
    /// bits), [`SIGHTING_SLOTS`] of them, allocated when the first table is full.
    sightings: Vec<u64>,
    /// The bytes of the tokens after their first 16.
    tails: Vec<u8>,
    /// The values of the tokens after their first.
    rest: Vec<V>,
    /// Seeded per process, so crafted inputs cannot aim at collisions.
    hasher: foldhash::fast::RandomState,
}

/// One token, held in the table itself so that a look-up of a token of up to 16 bytes with at
/// most one value touches nothing else: its first 16 bytes ([`head`]), its length, the rest of
/// its bytes in `tails`, and its values.
#[derive(Debug, Clone, Copy)]
struct Remembered<V> {
    head: [u64; 2],
    /// Kept so that growing the table hashes nothing again.
    hash: u64,
    tail_start: u32,
    rest_start: u32,
    /// Small, as a remembered token is: [`TokenMemo::MAX_TOKEN_LEN`] bytes, and no more values
    /// than a few per byte.
    len: u16,
    rest_len: u16,
    first: Option<V>,
}

/// What a remembered token counted: its first value, then those at `rest` (see
/// [`TokenMemo::value`]; positions rather than a slice, as the caller counts into its own
/// tables while it reads them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Values<V> {
    pub first: Option<V>,
    pub rest: Range<usize>,
}

impl<V> Default for TokenMemo<V> {
    fn default() -> Self {
        TokenMemo {
            first: HashTable::new(),
            later: HashTable::new(),
            sightings: Vec::new(),
            tails: Vec::new(),
            rest: Vec::new(),
            hasher: foldhash::fast::RandomState::default(),
        }
    }
}

/// A token that [`TokenMemo::get`] did not know, with its hash, for [`TokenMemo::remember`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unknown {
    hash: u64,
}

/// The first 16 bytes of `token` as two numbers, read without a copy loop: with the length,
/// they tell any two tokens of up to 16 bytes apart (a shorter token is read as two
/// overlapping halves, which together hold every byte).
#[inline]
fn head(token: &[u8]) -> [u64; 2] {
    fn read<const N: usize>(bytes: &[u8]) -> [u8; N] {
        bytes[..N].try_into().expect("N bytes")
    }
    let len = token.len();
    if len >= 16 {
        [
            u64::from_le_bytes(read(token)),
            u64::from_le_bytes(read(&token[8..])),
        ]
    } else if len >= 8 {
        [
            u64::from_le_bytes(read(token)),
            u64::from_le_bytes(read(&token[len - 8..])),
        ]
    } else if len >= 4 {
        [
            u64::from(u32::from_le_bytes(read(token))),
            u64::from(u32::from_le_bytes(read(&token[len - 4..]))),
        ]
    } else if len > 0 {
        let bytes = [token[0], token[len / 2], token[len - 1]];
        [
            u64::from(bytes[0]) | u64::from(bytes[1]) << 8 | u64::from(bytes[2]) << 16,
            0,
        ]
    } else {
        [0, 0]
    }
}

impl<V: Copy> TokenMemo<V> {
    /// Longer tokens (long URLs, runs without spaces) are rare and not worth the memory.
    pub const MAX_TOKEN_LEN: usize = 64;
    pub const MAX_TOKENS: usize = 1 << 17;
    pub const MAX_VALUES: usize = 1 << 19;
    /// Just below 7/8 of 2^15 buckets (hashbrown's largest load), so the first table stays at
    /// 2^15 buckets of 48 bytes: 1.5 MB.
    pub const FIRST_TOKENS: usize = 28_000;

    /// What `token` counted, or `Err` when it is not remembered.
    #[inline]
    pub fn get(&self, token: &str) -> Result<Values<V>, Unknown> {
        let bytes = token.as_bytes();
        if bytes.len() > Self::MAX_TOKEN_LEN {
            // Never remembered: no hash needed.
            return Err(Unknown { hash: 0 });
        }
        let (head, len) = (head(bytes), bytes.len() as u16);
        let tail = bytes.get(16..).unwrap_or_default();
        let hash = hash_parts(&self.hasher, head, len, tail);
        let same = |known: &Remembered<V>| {
            known.head == head
                && known.len == len
                && (tail.is_empty() || self.same_tail(known, tail))
        };
        let found = match self.first.find(hash, same) {
            Some(known) => Some(known),
            // A later token is remembered only once its counter reaches REMEMBER_AT: most tokens
            // missing from the first table are new, and their counter tells so without a look
            // in the later one.
            None if self.later.is_empty() || self.sightings_of(hash) < REMEMBER_AT => None,
            None => self.later.find(hash, same),
        };
        match found {
            Some(known) => {
                let start = known.rest_start as usize;
                Ok(Values {
                    first: known.first,
                    rest: start..start + known.rest_len as usize,
                })
            }
            None => Err(Unknown { hash }),
        }
    }

    /// Whether `known`'s bytes after its first 16 are `tail`. Out of line: few tokens are
    /// longer than 16 bytes, and inlined, the compare made the look-up's closure too large to
    /// be inlined into the hash table's probe loop in wasm (a call per probe).
    #[inline(never)]
    fn same_tail(&self, known: &Remembered<V>, tail: &[u8]) -> bool {
        let start = known.tail_start as usize;
        same_bytes(&self.tails[start..start + tail.len()], tail)
    }

    /// One of the values at the positions of [`Values::rest`].
    #[inline]
    pub fn value(&self, at: usize) -> V {
        self.rest[at]
    }

    /// Remembers that `token`, which [`TokenMemo::get`] did not know, counts `values`; does
    /// nothing when the token is too long or the memo is full.
    pub fn remember(&mut self, token: &str, unknown: Unknown, values: &[V]) {
        let bytes = token.as_bytes();
        let rest = values.get(1..).unwrap_or_default();
        let Ok(rest_len) = u16::try_from(rest.len()) else {
            return;
        };
        if bytes.len() > Self::MAX_TOKEN_LEN
            || self.first.len() + self.later.len() >= Self::MAX_TOKENS
            || self.rest.len() + rest.len() > Self::MAX_VALUES
        {
            return;
        }
        if self.first.len() >= Self::FIRST_TOKENS && self.sighted(unknown.hash) < REMEMBER_AT {
            return;
        }
        // All small: the limits above keep every offset below 2^32 and a length below 2^16.
        let remembered = Remembered {
            head: head(bytes),
            hash: unknown.hash,
            tail_start: self.tails.len() as u32,
            rest_start: self.rest.len() as u32,
            len: bytes.len() as u16,
            rest_len,
            first: values.first().copied(),
        };
        if let Some(tail) = bytes.get(16..) {
            self.tails.extend_from_slice(tail);
        }
        self.rest.extend_from_slice(rest);
        let table = if self.first.len() < Self::FIRST_TOKENS {
            if self.first.capacity() == 0 {
                // Its final size at once: growing by doubling copies it four times over.
                self.first.reserve(Self::FIRST_TOKENS, |known| known.hash);
            }
            &mut self.first
        } else {
            &mut self.later
        };
        table.insert_unique(unknown.hash, remembered, |known| known.hash);
    }
}

/// The counters of [`TokenMemo::sightings`], 4 bits each: 128 KB.
const SIGHTING_SLOTS: usize = 1 << 18;
/// The sighting at which a later token is remembered: the fourth.
const REMEMBER_AT: u64 = 4;

impl<V> TokenMemo<V> {
    /// Counts one more sighting of a later token with this hash (or of one sharing its counter)
    /// and returns how many its counter holds, at most 15.
    fn sighted(&mut self, hash: u64) -> u64 {
        if self.sightings.is_empty() {
            self.sightings = vec![0; SIGHTING_SLOTS / 16];
        }
        let slot = hash as usize % SIGHTING_SLOTS;
        let word = &mut self.sightings[slot / 16];
        let shift = slot % 16 * 4;
        let count = (*word >> shift & 0xF).saturating_add(1).min(15);
        *word = *word & !(0xF << shift) | count << shift;
        count
    }

    /// How many sightings the counter of this hash holds, at most 15.
    #[inline]
    fn sightings_of(&self, hash: u64) -> u64 {
        let slot = hash as usize % SIGHTING_SLOTS;
        self.sightings
            .get(slot / 16)
            .map_or(0, |word| word >> (slot % 16 * 4) & 0xF)
    }
}

/// A token's hash from its [`head`], length and bytes after the first 16. The head and length
/// go in as one number (the length in the top byte, over the 16th byte of a 16-byte token),
/// which foldhash mixes with one multiply, where each number more cost another and shifts of a
/// 128-bit buffer (dear in wasm). Merging them loses nothing that matters: a look-up compares
/// the head and length themselves, and at most one token of each length shares the number.
#[inline]
fn hash_parts(hasher: &foldhash::fast::RandomState, head: [u64; 2], len: u16, tail: &[u8]) -> u64 {
    let [first, second] = head;
    let number = (u128::from(first) | u128::from(second) << 64) ^ u128::from(len) << 120;
    if tail.is_empty() {
        hasher.hash_one(number)
    } else {
        hasher.hash_one((number, tail))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value `token` counted, or None when it is not remembered.
    fn values<V: Copy>(memo: &TokenMemo<V>, token: &str) -> Option<Vec<V>> {
        let values = memo.get(token).ok()?;
        let rest = values.rest.map(|at| memo.value(at));
        Some(values.first.into_iter().chain(rest).collect())
    }

    #[test]
    fn remembers_each_token_with_its_values() {
        let mut memo = TokenMemo::<u8>::default();
        let unknown = memo.get("#tag,").expect_err("nothing remembered yet");
        memo.remember("#tag,", unknown, &[1, 2]);
        let unknown = memo.get("word").expect_err("another token");
        memo.remember("word", unknown, &[]);
        assert_eq!(values(&memo, "#tag,"), Some(vec![1, 2]));
        assert_eq!(values(&memo, "word"), Some(vec![]));
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
            assert_eq!(values(&memo, token), Some(vec![n]), "{token:?}");
        }
    }

    #[test]
    fn after_the_first_tokens_a_token_is_remembered_when_met_again_and_again() {
        let mut memo = TokenMemo::<u32>::default();
        for n in 0..TokenMemo::<u32>::FIRST_TOKENS as u32 {
            let token = format!("first{n}");
            let unknown = memo.get(&token).expect_err("new");
            memo.remember(&token, unknown, &[n]);
        }
        assert_eq!(values(&memo, "first0"), Some(vec![0]));
        for sighting in 1..REMEMBER_AT {
            let unknown = memo.get("later").expect_err("not remembered yet");
            memo.remember("later", unknown, &[1]);
            assert_eq!(values(&memo, "later"), None, "sighting {sighting}");
        }
        let unknown = memo.get("later").expect_err("not remembered yet");
        memo.remember("later", unknown, &[1]);
        assert_eq!(
            values(&memo, "later"),
            Some(vec![1]),
            "remembered at the last sighting"
        );
    }

    #[test]
    fn long_tokens_and_a_full_memo_are_not_remembered() {
        let mut memo = TokenMemo::<u8>::default();
        let long = "x".repeat(TokenMemo::<u8>::MAX_TOKEN_LEN + 1);
        let unknown = memo.get(&long).expect_err("unknown");
        memo.remember(&long, unknown, &[1]);
        assert!(memo.get(&long).is_err());

        let too_many = vec![0; TokenMemo::<u8>::MAX_VALUES + 2];
        let unknown = memo.get("a").expect_err("unknown");
        memo.remember("a", unknown, &too_many);
        assert!(memo.get("a").is_err());

        // Each token REMEMBER_AT times: after the first table, that is when it is remembered.
        for _ in 0..REMEMBER_AT {
            for n in 0..TokenMemo::<u8>::MAX_TOKENS + 10 {
                let token = n.to_string();
                if let Err(unknown) = memo.get(&token) {
                    memo.remember(&token, unknown, &[7]);
                }
            }
        }
        assert_eq!(memo.first.len(), TokenMemo::<u8>::FIRST_TOKENS);
        assert!(
            memo.first.capacity() < 1 << 15,
            "the first table stays small"
        );
        assert_eq!(
            memo.first.len() + memo.later.len(),
            TokenMemo::<u8>::MAX_TOKENS
        );
        assert_eq!(values(&memo, "0"), Some(vec![7]));
        for _ in 0..REMEMBER_AT {
            let unknown = memo.get("new").expect_err("never remembered");
            memo.remember("new", unknown, &[7]);
        }
        assert!(memo.get("new").is_err(), "the memo is full");
    }
}
