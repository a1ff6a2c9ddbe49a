//! Counting: tables of keys with their occurrences, posts and surface forms, and their order.

use foldhash::HashMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::report::Item;

/// One table (hashtags, words, ...): key → counts and the spellings seen.
#[derive(Debug, Default, Clone)]
pub struct Table {
    entries: HashMap<String, Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    count: u64,
    posts: u64,
    /// The number of the last post that had this key, so `posts` counts each post once.
    last_post: u64,
    /// Spellings in the order first seen, with their counts; most keys have just one.
    spellings: Vec<(String, u64)>,
}

impl Table {
    /// Counts one occurrence of `key`, written as `spelling`, in post number `post` (from 1).
    pub fn add(&mut self, key: &str, spelling: &str, post: u64) {
        let entry = match self.entries.get_mut(key) {
            Some(entry) => entry,
            None => self.entries.entry(key.to_string()).or_insert(Entry {
                count: 0,
                posts: 0,
                last_post: 0,
                spellings: Vec::new(),
            }),
        };
        entry.count += 1;
        if entry.last_post != post {
            entry.last_post = post;
            entry.posts += 1;
        }
        match entry.spellings.iter_mut().find(|(s, _)| s == spelling) {
            Some((_, n)) => *n += 1,
            None => entry.spellings.push((spelling.to_string(), 1)),
        }
    }

    /// Adds `other`'s counts, as if its posts had been counted after this table's: counts and
    /// posts add up (the two cover different posts), spellings keep first-seen order.
    pub fn merge(&mut self, other: Table) {
        for (key, theirs) in other.entries {
            let Some(ours) = self.entries.get_mut(&key) else {
                self.entries.insert(
                    key,
                    Entry {
                        last_post: 0,
                        ..theirs
                    },
                );
                continue;
            };
            ours.count += theirs.count;
            ours.posts += theirs.posts;
            for (spelling, n) in theirs.spellings {
                match ours.spellings.iter_mut().find(|(s, _)| *s == spelling) {
                    Some((_, count)) => *count += n,
                    None => ours.spellings.push((spelling, n)),
                }
            }
        }
    }

    /// Every key with its count, posts and most frequent spelling, in no particular order.
    pub fn rows(&self) -> impl Iterator<Item = RowRef<'_>> {
        self.entries.iter().map(|(key, e)| RowRef {
            key,
            text: most_frequent(&e.spellings),
            count: e.count,
            posts: e.posts,
        })
    }

    /// How often `key` was counted.
    pub fn count_of(&self, key: &str) -> u64 {
        self.entries.get(key).map_or(0, |e| e.count)
    }

    /// The most frequent spelling of `key`, if counted.
    pub fn text_of(&self, key: &str) -> Option<String> {
        self.entries
            .get(key)
            .map(|e| most_frequent(&e.spellings).to_string())
    }

    /// The sum of all counts.
    pub fn total(&self) -> u64 {
        self.entries.values().map(|e| e.count).sum()
    }

    /// The number of distinct keys.
    pub fn distinct(&self) -> usize {
        self.entries.len()
    }

    /// The rows, sorted by count descending then key by code point, cut to `top` (0 = all).
    /// `text` is the most frequent spelling, ties going to the first seen.
    pub fn items(&self, top: usize) -> Vec<Item> {
        let mut rows: Vec<(&String, &Entry)> = self.entries.iter().collect();
        rows.sort_unstable_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(b.0)));
        if top > 0 {
            rows.truncate(top);
        }
        rows.into_iter()
            .map(|(key, entry)| Item {
                key: key.clone(),
                text: most_frequent(&entry.spellings).to_string(),
                count: entry.count,
                posts: entry.posts,
            })
            .collect()
    }
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
            .map(|(key, e)| Row {
                key: key.clone(),
                count: e.count,
                posts: e.posts,
                spellings: e.spellings.clone(),
            })
            .collect();
        rows.sort_unstable_by(|a, b| a.key.cmp(&b.key));
        rows.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Table {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let rows = Vec::<Row>::deserialize(deserializer)?;
        let mut entries = HashMap::default();
        for row in rows {
            let entry = Entry {
                count: row.count,
                posts: row.posts,
                last_post: 0,
                spellings: row.spellings,
            };
            if entries.insert(row.key.clone(), entry).is_some() {
                return Err(serde::de::Error::custom(format!(
                    "key {:?} appears twice",
                    row.key
                )));
            }
        }
        Ok(Table { entries })
    }
}

/// The spelling with the highest count; on a tie the one seen first.
fn most_frequent(spellings: &[(String, u64)]) -> &str {
    let mut best: Option<&(String, u64)> = None;
    for candidate in spellings {
        if best.is_none_or(|b| candidate.1 > b.1) {
            best = Some(candidate);
        }
    }
    best.map_or("", |(s, _)| s.as_str())
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
    fn ties_between_spellings_go_to_the_first_seen() {
        let mut table = Table::default();
        table.add("cis", "#CIS", 1);
        table.add("cis", "#cis", 1);
        assert_eq!(table.items(0)[0].text, "#CIS");
    }
}
