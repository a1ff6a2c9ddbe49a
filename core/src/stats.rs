//! Counting: tables of keys with their occurrences, posts and surface forms, and their order.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::report::Item;
use crate::short_eq::same_str;

/// One table (hashtags, words, ...): key → counts and the spellings seen.
///
/// Entries live in a `Vec` in the order first seen, found through an index of their positions
/// by key hash, so that a [`Slot`] can name one entry and spelling for good.
#[derive(Debug, Default, Clone)]
pub struct Table {
    /// Positions in `entries`, hashed by their key, each with its key's hash: growing the index
    /// then rehashes from the numbers alone, without reading every key again from wherever it
    /// sits in memory (the merge of two files' tables grew its index at ~100 ns a key).
    index: HashTable<Indexed>,
    entries: Vec<Entry>,
    /// Seeded per process, so crafted inputs cannot aim at collisions.
    hasher: foldhash::fast::RandomState,
}

/// One key's counts and spellings. The first spelling is held in the entry, and its count is
/// not kept (it is `count` less the others'), so counting the usual spelling again touches the
/// entry alone; the other spellings, which most keys lack, are in a list that then allocates
/// nothing. (With every spelling in the list, each key cost one more allocation to make, and
/// one more free when a merge or a report took it apart, often on another thread than the one
/// that made it.)
#[derive(Debug, Clone)]
struct Entry {
    count: u64,
    posts: u64,
    /// The number of the last post that had this key, so `posts` counts each post once.
    last_post: u64,
    key: Box<str>,
    /// `None` only for a key read from a partial report without spellings (and no count).
    first: Option<Box<str>>,
    /// The spellings after the first, in the order first seen, with their counts.
    others: Vec<(Box<str>, u64)>,
}

impl Entry {
    /// By count descending, then key by code point.
    fn report_order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
        b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key))
    }

    /// The first spelling's count: `count` less the others'.
    fn first_count(&self) -> u64 {
        self.count - self.others.iter().map(|(_, n)| n).sum::<u64>()
    }

    /// Every spelling with its count, in the order first seen.
    fn spelling_counts(&self) -> impl Iterator<Item = (&str, u64)> {
        let first = self.first.as_deref().map(|s| (s, self.first_count()));
        first
            .into_iter()
            .chain(self.others.iter().map(|(s, n)| (&**s, *n)))
    }

    /// Where `spelling` is: 0 for the first, `i + 1` for `others[i]`.
    fn spelling_position(&self, spelling: &str) -> Option<usize> {
        if self
            .first
            .as_deref()
            .is_some_and(|first| same_str(first, spelling))
        {
            return Some(0);
        }
        let at = self
            .others
            .iter()
            .position(|(s, _)| same_str(s, spelling))?;
        Some(at + 1)
    }

    /// Adds a spelling not yet among this entry's, with `count` (ignored for the first: its
    /// count follows from `count`); its position as [`Entry::spelling_position`] gives it.
    fn push_spelling(&mut self, spelling: Box<str>, count: u64) -> usize {
        if self.first.is_none() {
            self.first = Some(spelling);
            0
        } else {
            self.others.push((spelling, count));
            self.others.len()
        }
    }
}

/// Where [`Table::add`] counted a key and a spelling: [`Table::add_at`] counts the same pair
/// again without looking either up.
///
/// Two `u32`s, so that the caches that hold many slots stay small: a table of more than 2^32
/// keys would need hundreds of GB first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    entry: u32,
    spelling: u32,
}

impl Table {
    /// Counts one occurrence of `key`, written as `spelling`, in post number `post` (from 1).
    pub fn add(&mut self, key: &str, spelling: &str, post: u64) -> Slot {
        let entry = self.position(key);
        let counted = &mut self.entries[entry];
        let spelling = match counted.spelling_position(spelling) {
            Some(at) => at,
            None => counted.push_spelling(spelling.into(), 0),
        };
        let slot = Slot {
            entry: index_u32(entry),
            spelling: index_u32(spelling),
        };
        self.add_at(slot, post);
        slot
    }

    /// Counts one more occurrence of the key and spelling that `slot` names (from this table).
    #[inline]
    pub fn add_at(&mut self, slot: Slot, post: u64) {
        let entry = &mut self.entries[slot.entry as usize];
        entry.count += 1;
        // Without a branch: whether a key's post is new is hard to foresee.
        entry.posts += u64::from(entry.last_post != post);
        entry.last_post = post;
        if slot.spelling != 0 {
            entry.others[slot.spelling as usize - 1].1 += 1;
        }
    }

    /// The position of `key`'s entry, made (with no counts) if there is none.
    fn position(&mut self, key: &str) -> usize {
        let (hash, found) = self.lookup(key);
        if let Some(at) = found {
            return at;
        }
        let at = self.entries.len();
        self.entries.push(Entry {
            count: 0,
            posts: 0,
            last_post: 0,
            key: key.into(),
            first: None,
            others: Vec::new(),
        });
        self.index
            .insert_unique(hash, Indexed::new(at, hash), Indexed::hash);
        at
    }

    /// The key that `slot` counts.
    pub fn key_at(&self, slot: Slot) -> &str {
        &self.entries[slot.entry as usize].key
    }

    fn get(&self, key: &str) -> Option<&Entry> {
        self.lookup(key).1.map(|at| &self.entries[at])
    }

    /// `key`'s hash as the index uses it, and the position of its entry if it has one.
    #[inline]
    fn lookup(&self, key: &str) -> (u64, Option<usize>) {
        let hash = Indexed::hash_of(self.hasher.hash_one(key));
        let found = self
            .index
            .find(hash, |i| same_str(&self.entries[i.at()].key, key));
        (hash, found.map(|i| i.at()))
    }

    /// Adds `other`'s counts, as if its posts had been counted after this table's: counts and
    /// posts add up (the two cover different posts), spellings keep first-seen order.
    pub fn merge(&mut self, other: Table) {
        self.index.reserve(other.entries.len(), Indexed::hash);
        self.entries.reserve(other.entries.len());
        for theirs in other.entries {
            let (hash, found) = self.lookup(&theirs.key);
            match found {
                Some(at) => {
                    let ours = &mut self.entries[at];
                    let theirs_first = theirs.first_count();
                    ours.count += theirs.count;
                    ours.posts += theirs.posts;
                    let spellings = theirs.first.map(|first| (first, theirs_first));
                    for (spelling, n) in spellings.into_iter().chain(theirs.others) {
                        match ours.spelling_position(&spelling) {
                            // Our first spelling's count grew with `count`.
                            Some(0) => {}
                            Some(at) => ours.others[at - 1].1 += n,
                            None => {
                                ours.push_spelling(spelling, n);
                            }
                        }
                    }
                }
                // A key new to this table moves in whole, its strings with it.
                None => {
                    let at = self.entries.len();
                    self.entries.push(Entry {
                        last_post: 0,
                        ..theirs
                    });
                    self.index
                        .insert_unique(hash, Indexed::new(at, hash), Indexed::hash);
                }
            }
        }
    }

    /// Every key with its count, posts and most frequent spelling, in no particular order.
    pub fn rows(&self) -> impl Iterator<Item = RowRef<'_>> {
        self.entries.iter().map(|e| RowRef {
            key: &e.key,
            text: most_frequent(e),
            count: e.count,
            posts: e.posts,
        })
    }

    /// How often `key` was counted.
    pub fn count_of(&self, key: &str) -> u64 {
        self.get(key).map_or(0, |e| e.count)
    }

    /// The most frequent spelling of `key`, if counted.
    pub fn text_of(&self, key: &str) -> Option<String> {
        self.get(key).map(|e| most_frequent(e).to_string())
    }

    /// The sum of all counts.
    pub fn total(&self) -> u64 {
        self.entries.iter().map(|e| e.count).sum()
    }

    /// The number of distinct keys.
    pub fn distinct(&self) -> usize {
        self.entries.len()
    }

    /// The rows, sorted by count descending then key by code point, cut to `top` (0 = all).
    /// `text` is the most frequent spelling, ties going to the first seen.
    pub fn items(&self, top: usize) -> Vec<Item> {
        let mut rows: Vec<&Entry> = self.entries.iter().collect();
        rows.sort_unstable_by(|a, b| Entry::report_order(a, b));
        if top > 0 {
            rows.truncate(top);
        }
        rows.into_iter()
            .map(|entry| Item {
                key: entry.key.to_string(),
                text: most_frequent(entry).to_string(),
                count: entry.count,
                posts: entry.posts,
            })
            .collect()
    }

    /// [`Table::items`], moving the keys and spellings out instead of copying them.
    pub fn into_items(self, top: usize) -> Vec<Item> {
        let mut rows = self.entries;
        rows.sort_unstable_by(Entry::report_order);
        if top > 0 {
            rows.truncate(top);
        }
        rows.into_iter()
            .map(|mut entry| {
                let text = match most_frequent_at(&entry) {
                    Some(0) => entry.first.take(),
                    Some(at) => Some(std::mem::take(&mut entry.others[at - 1].0)),
                    None => None,
                };
                Item {
                    key: entry.key.into_string(),
                    text: text.map_or_else(String::new, str::into_string),
                    count: entry.count,
                    posts: entry.posts,
                }
            })
            .collect()
    }
}

/// An entry's position in [`Table::index`], with 32 bits of its key's hash.
#[derive(Debug, Clone, Copy)]
struct Indexed {
    at: u32,
    hash: u32,
}

impl Indexed {
    fn new(at: usize, hash: u64) -> Indexed {
        Indexed {
            at: index_u32(at),
            hash: hash as u32,
        }
    }

    fn at(self) -> usize {
        self.at as usize
    }

    /// The hash the index uses for a key whose hash is `full`: its top 32 bits, in both halves,
    /// so that the index's bucket (low bits) and tag (top 7 bits) both come from the bits kept.
    fn hash_of(full: u64) -> u64 {
        let kept = full >> 32;
        kept << 32 | kept
    }

    /// The hash of this entry's key, as [`Indexed::hash_of`] gave it, for growing the index.
    fn hash(&self) -> u64 {
        Indexed::hash_of(u64::from(self.hash) << 32)
    }
}

/// A position in a table's entries or an entry's spellings, as a [`Slot`] holds it.
fn index_u32(index: usize) -> u32 {
    u32::try_from(index).expect("fewer than 2^32 keys and spellings per table")
}

/// Spellings met before, each with where it was counted (a [`Slot`], or more): a key is a
/// function of its spelling, so a spelling met again is counted without building its key.
/// Remembers at most [`SeenSpellings::CAPACITY`] spellings, so an endless vocabulary costs
/// bounded memory (later spellings are keyed each time).
///
/// Most spellings (words, hashtags, emoji) are at most 15 bytes: those are packed into one
/// `u128` with their length, so a look-up hashes and compares two machine words instead of
/// hashing a string and calling `memcmp`.
#[derive(Debug)]
pub struct SeenSpellings<V> {
    short: HashTable<(u128, V)>,
    long: HashTable<(Box<str>, V)>,
    /// Seeded per process, so crafted inputs cannot aim at collisions.
    hasher: foldhash::fast::RandomState,
}

impl<V> Default for SeenSpellings<V> {
    fn default() -> Self {
        SeenSpellings {
            short: HashTable::new(),
            long: HashTable::new(),
            hasher: foldhash::fast::RandomState::default(),
        }
    }
}

impl<V: Copy> SeenSpellings<V> {
    /// A few MB per table at most (URLs are the longest spellings). The frequent spellings
    /// come early in any text, so a larger set would add memory more than speed.
    pub const CAPACITY: usize = 1 << 16;

    #[inline]
    pub fn get(&self, spelling: &str) -> Option<V> {
        match pack_short(spelling) {
            Some(packed) => {
                let hash = self.hasher.hash_one(packed);
                self.short
                    .find(hash, |&(k, _)| k == packed)
                    .map(|&(_, v)| v)
            }
            None => {
                let hash = self.hasher.hash_one(spelling);
                self.long
                    .find(hash, |(k, _)| same_str(k, spelling))
                    .map(|&(_, v)| v)
            }
        }
    }

    /// Remembers `spelling` (which [`SeenSpellings::get`] did not know) with `value`.
    pub fn remember(&mut self, spelling: &str, value: V) {
        if self.short.len() + self.long.len() >= Self::CAPACITY {
            return;
        }
        let hasher = &self.hasher;
        match pack_short(spelling) {
            Some(packed) => {
                self.short
                    .insert_unique(hasher.hash_one(packed), (packed, value), |(k, _)| {
                        hasher.hash_one(*k)
                    });
            }
            None => {
                self.long.insert_unique(
                    hasher.hash_one(spelling),
                    (spelling.into(), value),
                    |(k, _)| hasher.hash_one(&**k),
                );
            }
        }
    }
}

/// A spelling of at most 15 bytes as one number: its bytes, then zeros, then its length in the
/// last byte (so `a` and `a\0` differ). Read in whole words, overlapping where the length asks,
/// rather than copied into a buffer: a copy of a variable length is a `memcpy`, which in wasm is
/// a call out of the module (V8's `memory.copy`) for every spelling looked up.
#[inline]
fn pack_short(spelling: &str) -> Option<u128> {
    let bytes = spelling.as_bytes();
    let len = bytes.len();
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    // Bytes 0 to 7 of the number. Where two loads overlap, they hold the same bytes there.
    let low = match len {
        0 => 0,
        // The first, the middle and the last byte cover 1 to 3.
        1..=3 => {
            u64::from(bytes[0])
                | u64::from(bytes[len / 2]) << (8 * (len / 2))
                | u64::from(bytes[len - 1]) << (8 * (len - 1))
        }
        4..=7 => u64::from(u32_at(0)) | u64::from(u32_at(len - 4)) << (8 * (len - 4)),
        8..=15 => u64_at(0),
        _ => return None,
    };
    // Bytes 8 to 15: the spelling's bytes from 8 on (the last 8 bytes, shifted down past the
    // ones already in `low`), then the length.
    let high = if len > 8 {
        u64_at(len - 8) >> (8 * (16 - len))
    } else {
        0
    };
    Some(u128::from(low) | u128::from(high | (len as u64) << 56) << 64)
}

/// One key of a table, borrowed.
pub struct RowRef<'a> {
    pub key: &'a str,
    pub text: &'a str,
    pub count: u64,
    pub posts: u64,
}

/// One key of a table as a partial report writes it.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    key: String,
    count: u64,
    posts: u64,
    /// Every spelling with its count, in the order first seen.
    spellings: Vec<(String, u64)>,
}

/// A table is written as its rows sorted by key, so the same counts give the same bytes.
impl Serialize for Table {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut rows: Vec<Row> = self
            .entries
            .iter()
            .map(|e| Row {
                key: e.key.to_string(),
                count: e.count,
                posts: e.posts,
                spellings: e
                    .spelling_counts()
                    .map(|(s, n)| (s.to_string(), n))
                    .collect(),
            })
            .collect();
        rows.sort_unstable_by(|a, b| a.key.cmp(&b.key));
        rows.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Table {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let rows = Vec::<Row>::deserialize(deserializer)?;
        let mut table = Table::default();
        for row in rows {
            let known = table.entries.len();
            let at = table.position(&row.key);
            if at < known {
                return Err(serde::de::Error::custom(format!(
                    "key {:?} appears twice",
                    row.key
                )));
            }
            let sum = row
                .spellings
                .iter()
                .try_fold(0u64, |sum, (_, n)| sum.checked_add(*n));
            if sum != Some(row.count) {
                return Err(serde::de::Error::custom(format!(
                    "key {:?}: the counts of its spellings do not add up to its count {}",
                    row.key, row.count
                )));
            }
            let entry = &mut table.entries[at];
            entry.count = row.count;
            entry.posts = row.posts;
            let mut spellings = row.spellings.into_iter();
            // The first spelling's count is kept as `count` less the others'.
            entry.first = spellings.next().map(|(first, _)| first.into());
            entry.others = spellings.map(|(s, n)| (s.into(), n)).collect();
        }
        Ok(table)
    }
}

/// The entry's spelling with the highest count; on a tie the one seen first.
fn most_frequent(entry: &Entry) -> &str {
    match most_frequent_at(entry) {
        Some(0) => entry.first.as_deref().unwrap_or_default(),
        Some(at) => &entry.others[at - 1].0,
        None => "",
    }
}

/// Where [`most_frequent`]'s spelling is, as [`Entry::spelling_position`] counts.
fn most_frequent_at(entry: &Entry) -> Option<usize> {
    let mut best: Option<(usize, u64)> = None;
    for (at, (_, count)) in entry.spelling_counts().enumerate() {
        if best.is_none_or(|(_, most)| count > most) {
            best = Some((at, count));
        }
    }
    best.map(|(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_posts_once_and_sorts_by_count_then_key() {
        let mut table = Table::default();
        table.add("b", "B", 1);
        table.add("b", "b", 1);
        table.add("b", "b", 2);
        table.add("a", "a", 2);
        table.add("c", "c", 3);
        let items = table.items(0);
        let keys: Vec<_> = items
            .iter()
            .map(|i| (i.key.as_str(), i.text.as_str(), i.count, i.posts))
            .collect();
        assert_eq!(keys, [("b", "b", 3, 2), ("a", "a", 1, 1), ("c", "c", 1, 1)]);
        assert_eq!(table.items(1).len(), 1);
        assert_eq!(table.total(), 5);
    }

    #[test]
    fn report_order_is_count_then_key_whatever_the_keys_share_and_wherever_top_cuts() {
        // Keys that are prefixes of one another, share long prefixes, hold NULs or Cyrillic,
        // with counts that tie often.
        let stems = [
            "",
            "a",
            "ab\0",
            "abcdefgh",
            "abcdefghi",
            "абвг",
            "абвгд",
            "\0",
        ];
        let mut table = Table::default();
        let mut state = 7_u64;
        for post in 1..=3000_u64 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let stem = stems[(state >> 33) as usize % stems.len()];
            let key = format!("{stem}{}", (state >> 40) % 13);
            let key = if (state >> 20) % 5 == 0 {
                stem.to_string()
            } else {
                key
            };
            table.add(&key, &key, post);
        }
        let mut expected: Vec<(String, u64)> = table
            .rows()
            .map(|row| (row.key.to_string(), row.count))
            .collect();
        expected.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        for top in [
            0,
            1,
            2,
            5,
            17,
            expected.len() - 1,
            expected.len(),
            expected.len() + 3,
        ] {
            let want = if top == 0 {
                &expected[..]
            } else {
                &expected[..top.min(expected.len())]
            };
            let got: Vec<(String, u64)> = table
                .items(top)
                .into_iter()
                .map(|i| (i.key, i.count))
                .collect();
            assert_eq!(got, want, "top {top}");
            let moved: Vec<(String, u64)> = table
                .clone()
                .into_items(top)
                .into_iter()
                .map(|i| (i.key, i.count))
                .collect();
            assert_eq!(moved, want, "into_items, top {top}");
        }
    }

    #[test]
    fn ties_between_spellings_go_to_the_first_seen() {
        let mut table = Table::default();
        table.add("cis", "#CIS", 1);
        table.add("cis", "#cis", 1);
        assert_eq!(table.items(0)[0].text, "#CIS");
    }

    #[test]
    fn a_slot_counts_its_key_and_spelling_again() {
        let mut table = Table::default();
        let slot = table.add("cis", "#CIS", 1);
        table.add("cis", "#cis", 1);
        table.add_at(slot, 2);
        table.add_at(slot, 2);
        let item = &table.items(0)[0];
        assert_eq!((item.text.as_str(), item.count, item.posts), ("#CIS", 4, 2));
    }

    /// The table's rows as a partial report writes them: every spelling with its count.
    fn spelling_rows(table: &Table) -> serde_json::Value {
        serde_json::to_value(table).expect("a table serializes")
    }

    #[test]
    fn every_spelling_keeps_its_count_through_counting_merging_and_partial_reports() {
        let counted = |spellings: &[&str]| {
            let mut table = Table::default();
            for (post, spelling) in spellings.iter().enumerate() {
                table.add(&spelling.to_lowercase(), spelling, post as u64 + 1);
            }
            table
        };
        let mut ours = counted(&["#CIS", "#cis", "#CIS", "#Ru"]);
        // Their first spelling is our second; their second, our first; their third is new.
        let theirs = counted(&["#cis", "#cis", "#CIS", "#cis", "#Cis", "#RU"]);
        assert_eq!(
            spelling_rows(&theirs)[0]["spellings"],
            serde_json::json!([["#cis", 3], ["#CIS", 1], ["#Cis", 1]])
        );
        ours.merge(theirs);
        let rows = spelling_rows(&ours);
        assert_eq!(rows[0]["key"], "#cis");
        assert_eq!(rows[0]["count"], 8);
        assert_eq!(
            rows[0]["spellings"],
            serde_json::json!([["#CIS", 3], ["#cis", 4], ["#Cis", 1]])
        );
        assert_eq!(
            rows[1]["spellings"],
            serde_json::json!([["#Ru", 1], ["#RU", 1]])
        );
        assert_eq!(ours.text_of("#cis").as_deref(), Some("#cis"));
        // Read back, the same rows; counting on after that, the same as counting on before.
        let mut read: Table = serde_json::from_value(rows.clone()).expect("reads back");
        assert_eq!(spelling_rows(&read), rows);
        let slot = read.add("#cis", "#CIS", 20);
        read.add_at(slot, 21);
        ours.add("#cis", "#CIS", 20);
        ours.add("#cis", "#CIS", 21);
        assert_eq!(spelling_rows(&read), spelling_rows(&ours));
        assert_eq!(
            spelling_rows(&read)[0]["spellings"][0],
            serde_json::json!(["#CIS", 5])
        );
    }

    #[test]
    fn a_partial_table_whose_spelling_counts_do_not_add_up_is_refused() {
        for row in [
            r#"{"key":"a","count":3,"posts":1,"spellings":[["a",1],["A",1]]}"#,
            r#"{"key":"a","count":1,"posts":1,"spellings":[["a",1],["A",1]]}"#,
            r#"{"key":"a","count":1,"posts":1,"spellings":[]}"#,
            r#"{"key":"a","count":1,"posts":1,"spellings":[["a",18446744073709551615],["A",2]]}"#,
        ] {
            let err = serde_json::from_str::<Table>(&format!("[{row}]")).expect_err(row);
            assert!(
                err.to_string().contains("do not add up to its count"),
                "{err}"
            );
        }
    }

    #[test]
    fn a_partial_table_with_a_key_twice_is_refused() {
        let row = r#"{"key":"a","count":0,"posts":0,"spellings":[]}"#;
        let twice = format!("[{row},{row}]");
        let err = serde_json::from_str::<Table>(&twice).expect_err("a key twice");
        assert!(err.to_string().contains("appears twice"), "{err}");
        assert!(serde_json::from_str::<Table>(&format!("[{row}]")).is_ok());
    }

    #[test]
    fn seen_spellings_stop_growing_at_their_capacity() {
        let mut seen = SeenSpellings::default();
        let capacity = SeenSpellings::<usize>::CAPACITY;
        for i in 0..=capacity {
            seen.remember(&i.to_string(), i);
        }
        assert_eq!(seen.get("0"), Some(0));
        assert_eq!(seen.get(&(capacity - 1).to_string()), Some(capacity - 1));
        assert_eq!(seen.get(&capacity.to_string()), None);
    }

    #[test]
    fn seen_spellings_tell_short_and_long_spellings_apart() {
        let mut seen = SeenSpellings::default();
        let fifteen = "abcdefghijklmno";
        let sixteen = "abcdefghijklmnop";
        for (value, spelling) in ["a", fifteen, sixteen, "ё", "🇷🇺"].into_iter().enumerate() {
            assert_eq!(seen.get(spelling), None);
            seen.remember(spelling, value);
        }
        assert_eq!(seen.get("a"), Some(0));
        assert_eq!(seen.get(fifteen), Some(1));
        assert_eq!(seen.get(sixteen), Some(2));
        assert_eq!(seen.get("ё"), Some(3));
        assert_eq!(seen.get("🇷🇺"), Some(4));
        for unknown in ["a\0", "", "abcdefghijklmn", "abcdefghijklmnopq", "е"] {
            assert_eq!(seen.get(unknown), None, "{unknown:?}");
        }
    }

    /// The bytes that [`pack_short`] packed, read back: it loses nothing, so two spellings share
    /// a number only when they are the same.
    fn unpack_short(packed: u128) -> Vec<u8> {
        let n = (packed >> 120) as usize;
        let byte = |i: usize| (packed >> (8 * i)) as u8;
        (0..n).map(byte).collect()
    }

    /// [`pack_short`]'s number, made the plain way: the bytes copied into zeros, the length last.
    fn pack_short_by_copy(spelling: &str) -> Option<u128> {
        let bytes = spelling.as_bytes();
        let mut packed = [0u8; 16];
        packed.get_mut(..bytes.len())?.copy_from_slice(bytes);
        if bytes.len() > 15 {
            return None;
        }
        packed[15] = bytes.len() as u8;
        Some(u128::from_le_bytes(packed))
    }

    #[test]
    fn packed_short_spellings_read_back_whole() {
        let mut state = 0x5EED_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet = ["a", "Z", "0", " ", "ё", "Я", "’", "🇷🇺", "\0", "\u{7F}", "é"];
        for _ in 0..50_000 {
            let mut text = String::new();
            for _ in 0..next() % 17 {
                text.push_str(alphabet[(next() % alphabet.len() as u64) as usize]);
            }
            match pack_short(&text) {
                Some(packed) => assert_eq!(unpack_short(packed), text.as_bytes(), "{text:?}"),
                None => assert!(text.len() > 15, "{text:?}"),
            }
            assert_eq!(pack_short(&text), pack_short_by_copy(&text), "{text:?}");
        }
    }
}
