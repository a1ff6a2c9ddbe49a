//! Stripping (SPEC §3): a post's text with chosen entities removed and whitespace left tidy.

use std::ops::Range;

use crate::chars::{char_before, is_hashtag_char, is_separator};
use crate::config::{Removable, StripConfig};
use crate::entities::hashtag::find_hashtags;
use crate::entities::{find_entities_into, Entity, EntityKind};

/// Characters before which a removal leaves no space (`Minsk 🇷🇺.` → `Minsk.`).
const CLOSING: [char; 7] = ['.', ',', ';', ':', '!', '?', ')'];

fn removable(kind: EntityKind) -> Option<Removable> {
    match kind {
        EntityKind::Hashtag => Some(Removable::Hashtags),
        EntityKind::Emoji => Some(Removable::Emoji),
        EntityKind::Mention => Some(Removable::Mentions),
        EntityKind::Cashtag => Some(Removable::Cashtags),
        EntityKind::Url => Some(Removable::Urls),
        EntityKind::Email | EntityKind::BotCommand => None,
    }
}

/// Removing an entity can reveal another: TDLib's rules look at neighbours, so in
/// `#日本www.kremlin.ru` the URL counts only once the hashtag before it is gone; and so can
/// tidying white space (TDLib keeps a tab inside a URL's path, so `./\tm.om` hides the URL
/// `m.om` that `./ m.om` shows). Stripping repeats until a round changes nothing, which makes it
/// idempotent by construction; every changing round removes an entity or white space, so the
/// rounds are few, and the cap keeps the whole linear. The one case known to need rounds in
/// number growing with the text is a chain of glued hashtags whose words are kept (`##a##b##c`:
/// one link per round). A chain that is a word of its own, which is how such chains come, is
/// resolved within one round ([`glued_chain`]); one glued to other text (`Minsk.##a##b…`) is
/// still resolved a link per round, so past 16 links it is left partly stripped, and a second
/// strip goes on with it (docs/FUZZING.md, finding 6).
const MAX_ROUNDS: usize = 16;

/// Strips one post's text.
pub fn strip_post(text: &str, config: &StripConfig) -> String {
    let mut stripped = strip_round(text, config, Chains::Resolve);
    let mut changed = stripped != text;
    for _ in 1..MAX_ROUNDS {
        if !changed {
            break;
        }
        let next = strip_round(&stripped, config, Chains::Resolve);
        changed = next != stripped;
        stripped = next;
    }
    stripped
}

/// Whether a round resolves a chain of glued hashtags whose words are kept at once, or leaves
/// each link to the next round as TDLib's rules alone would (kept to check the former against).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chains {
    Resolve,
    #[cfg_attr(not(test), allow(dead_code))] // the unit tests' reference
    OneLinkPerRound,
}

/// One round of stripping.
fn strip_round(text: &str, config: &StripConfig, chains: Chains) -> String {
    let mut entities = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let was_blank = line.trim().is_empty();
        find_entities_into(line, &mut entities);
        let stripped = strip_line(line, &entities, config, chains);
        // A line that only the removal left empty disappears; blank lines stay paragraphs.
        if stripped.is_empty() && !was_blank {
            continue;
        }
        lines.push(stripped);
    }
    let mut out = String::new();
    let mut blank_run = true; // no leading blank lines
    for line in &lines {
        if line.is_empty() {
            if !blank_run {
                out.push('\n');
            }
            blank_run = true;
            continue;
        }
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str(line);
        blank_run = false;
    }
    out.truncate(out.trim_end_matches('\n').len());
    out
}

/// One line: removed entities become a gap of at most one space; runs of spaces and tabs in the
/// text around them become one space, while kept entities stay exactly as written (a tab inside
/// a URL's path is part of the URL: tidying it would end the URL and reveal a hashtag).
fn strip_line(line: &str, entities: &[Entity], config: &StripConfig, chains: Chains) -> String {
    let mut out = String::with_capacity(line.len());
    let mut gap_pending = false;
    let mut last = 0;
    for (i, entity) in entities.iter().enumerate() {
        let piece = &line[entity.range.clone()];
        let remove = removable(entity.kind).filter(|&kind| config.removes(kind));
        match remove {
            None => {
                push_text(&mut out, &line[last..entity.range.start], &mut gap_pending);
                push_kept(&mut out, piece, &mut gap_pending);
            }
            Some(Removable::Hashtags) if config.keep_hashtag_words => {
                let limit = entities
                    .get(i + 1)
                    .map_or(line.len(), |next| next.range.start);
                let chain = match chains {
                    Chains::Resolve => glued_chain(line, last, entity.range.clone(), limit),
                    Chains::OneLinkPerRound => Chain::alone(entity.range.start),
                };
                push_text(&mut out, &line[last..chain.start], &mut gap_pending);
                // `#` signs right before the hashtag would make its word a hashtag again
                // (`##a` → `#a`): they go with it, so one round does what many would.
                out.truncate(out.trim_end_matches('#').len());
                for link in chain.links.iter().rev() {
                    push_text(&mut out, &line[link.clone()], &mut gap_pending);
                }
                push_text(&mut out, hashtag_word(piece), &mut gap_pending);
                last = entity.range.end;
                for name in &chain.usernames {
                    push_text(&mut out, &line[last..name.start], &mut gap_pending);
                    last = name.end;
                }
                continue;
            }
            Some(_) => {
                push_text(&mut out, &line[last..entity.range.start], &mut gap_pending);
                gap_pending = true;
            }
        }
        last = entity.range.end;
    }
    push_text(&mut out, &line[last..], &mut gap_pending);
    out.trim_matches(LINE_SPACE).to_string()
}

/// A chain of glued tags (`##g##c##mV###di`) ending at a hashtag removed keeping its word: what
/// a round replaces, and with what.
#[derive(Debug)]
struct Chain {
    /// Where the replaced text starts: the `#` signs before the first link merged, or the
    /// hashtag's `#` when none is.
    start: usize,
    /// The links merged into the hashtag's word, right to left: runs of hashtag characters
    /// whose `#` signs go.
    links: Vec<Range<usize>>,
    /// The `@username`s that merged tags took from the text after the hashtag, in order: they
    /// go, as a removed hashtag's username does.
    usernames: Vec<Range<usize>>,
}

impl Chain {
    fn alone(hashtag_start: usize) -> Self {
        Chain {
            start: hashtag_start,
            links: Vec::new(),
            usernames: Vec::new(),
        }
    }
}

/// The code points of a tag's body that decide whether it is a hashtag: TDLib keeps 256 (the
/// letter it needs must be among them), and a 257th tells that the body was cut (a cut body
/// takes no `@username`). A unit test checks this against the matcher.
const DECIDING_CHARS: usize = 257;

/// The bytes after a tag's body that decide whether it is a hashtag: `@`, a username of up to
/// 32 characters, and the byte after them (`#` rejects the tag).
const DECIDING_TAIL: usize = 34;

/// Keeping the word of a hashtag that ends a chain of glued tags makes the tag before it a
/// hashtag in the next round: in `##g##c##mV` only `#mV` is one (the others are followed by
/// `#`, TDLib's rule 6), and once it is `mV` the text reads `##g##cmV`. Rounds would give up
/// one link each, so a long chain would outlast them; instead this decides, right to left,
/// which links the following rounds would merge, by asking the hashtag matcher about the text
/// the next round would see around the link's `#`: the character before it, the link, the
/// first [`DECIDING_CHARS`] code points of the word merged so far, and the [`DECIDING_TAIL`]
/// bytes after that word. A link costs a bounded amount of work besides being read once, so
/// the whole stays linear.
///
/// Only a chain that is a word of its own is resolved so: from the line's start or a separator
/// on, `#` signs and hashtag characters, then at most `@`, username characters and closing
/// punctuation up to a separator or the line's end, with no other entity of this round in it.
/// Around such a word nothing but its hashtags changes from round to round (a URL, the one
/// entity that can hold a `#` it starts before, cannot cross a separator and needs a `.` before
/// a top-level domain; a mention cannot follow a letter), so rounds that merge the links one at
/// a time reach what this does. A chain glued to other text is left to the rounds, one link
/// each, as before: there a removal or a revealed entity next to it can change what the next
/// link becomes, and only the rounds themselves say when. `from` is where the text between
/// entities before the hashtag starts, `limit` where the next entity of this round starts.
fn glued_chain(line: &str, from: usize, hashtag: Range<usize>, limit: usize) -> Chain {
    let mut chain = Chain::alone(hashtag.start);
    let before = line[from..hashtag.start].trim_end_matches(|c| c == '#' || is_hashtag_char(c));
    let own_start = match before.chars().next_back() {
        None => from == 0,
        Some(c) => is_separator(c),
    };
    let (mut head, mut head_chars) = (String::new(), 0);
    push_deciding(
        &mut head,
        &mut head_chars,
        hashtag_word(&line[hashtag.clone()]),
    );
    // A body cut at 256 code points, or a username cut at 32 characters, runs on after the
    // hashtag: the next round reads it as part of the word.
    let mut after = run_on(line, hashtag.end, &mut head, &mut head_chars);
    let Some(rest) = line.get(after..limit) else {
        return chain; // the word runs on into the next entity
    };
    let tail = rest.trim_start_matches(|c: char| c == '@' || is_username_char(c));
    let tail = tail.trim_start_matches(CLOSING);
    let own_end = match tail.chars().next() {
        None => limit == line.len(),
        Some(c) => is_separator(c),
    };
    if !(own_start && own_end) {
        return chain;
    }
    let mut end = hashtag.start;
    loop {
        let hashes = from + line[from..end].trim_end_matches('#').len();
        let link_start = from + line[from..hashes].trim_end_matches(is_hashtag_char).len();
        if link_start == hashes || link_start == from || line.as_bytes()[link_start - 1] != b'#' {
            break;
        }
        let hash = link_start - 1;
        // The character before the `#`, if any (TDLib's rule 1), the `#`, the body, the tail.
        let mut probe: String = char_before(line, hash).into_iter().collect();
        let hash_at = probe.len();
        probe.push('#');
        let (mut body, mut body_chars) = (String::new(), 0);
        push_deciding(&mut body, &mut body_chars, &line[link_start..hashes]);
        push_deciding(&mut body, &mut body_chars, &head);
        probe.push_str(&body);
        let tail_at = probe.len();
        let mut tail_end = (after + DECIDING_TAIL).min(line.len());
        while !line.is_char_boundary(tail_end) {
            tail_end += 1;
        }
        probe.push_str(&line[after..tail_end]);
        let hashtag = find_hashtags(&probe)
            .into_iter()
            .find(|h| h.start == hash_at);
        let Some(hashtag) = hashtag else {
            break;
        };
        chain.links.push(link_start..hashes);
        chain.start = from + line[from..link_start].trim_end_matches('#').len();
        (head, head_chars) = (body, body_chars);
        end = link_start;
        if hashtag.end > tail_at {
            // The merged tag takes an `@username`, which goes with it; a username cut at 32
            // characters runs on into the word.
            let name_end = after + (hashtag.end - tail_at);
            chain.usernames.push(after..name_end);
            after = run_on(line, name_end, &mut head, &mut head_chars);
        }
    }
    chain
}

/// A character of a TDLib username: `[A-Za-z0-9_]`.
fn is_username_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Adds the first code points of `text` to `deciding` until it holds [`DECIDING_CHARS`].
fn push_deciding(deciding: &mut String, chars: &mut usize, text: &str) {
    for c in text.chars().take(DECIDING_CHARS - *chars) {
        deciding.push(c);
        *chars += 1;
    }
}

/// Where the run of hashtag characters from `at` ends: the next round reads it as part of the
/// word before it, whose deciding code points it joins.
fn run_on(line: &str, at: usize, deciding: &mut String, chars: &mut usize) -> usize {
    let end = line.len() - line[at..].trim_start_matches(is_hashtag_char).len();
    push_deciding(deciding, chars, &line[at..end]);
    end
}

/// What is trimmed from both ends of a stripped line: spaces, tabs and a stray carriage return.
const LINE_SPACE: [char; 3] = [' ', '\t', '\r'];

/// `#СНГ@asia_news` → `СНГ`.
fn hashtag_word(hashtag: &str) -> &str {
    let word = hashtag.strip_prefix('#').unwrap_or(hashtag);
    word.split_once('@').map_or(word, |(word, _)| word)
}

/// A kept entity, verbatim, after at most one space for a removal before it.
fn push_kept(out: &mut String, piece: &str, gap_pending: &mut bool) {
    if std::mem::take(gap_pending) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
    out.push_str(piece);
}

/// Text between entities, its runs of spaces and tabs made one space; a removal just before it
/// leaves at most one space, and none at the line's start or before closing punctuation.
fn push_text(out: &mut String, text: &str, gap_pending: &mut bool) {
    if text.is_empty() {
        return;
    }
    let mut text = text;
    if std::mem::take(gap_pending) {
        let rest = text.trim_start_matches([' ', '\t']);
        if out.trim_end_matches([' ', '\t']).is_empty() || rest.starts_with(CLOSING) {
            out.truncate(out.trim_end_matches([' ', '\t']).len());
            text = rest;
        } else if !out.ends_with(' ') && !text.starts_with([' ', '\t']) {
            out.push(' ');
        }
    }
    for c in text.chars() {
        if c == ' ' || c == '\t' {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rounds repeated until nothing changes, without a cap: the result and the number of
    /// rounds that changed something.
    fn rounds(text: &str, config: &StripConfig, chains: Chains) -> (String, usize) {
        let mut stripped = text.to_string();
        for changing in 0..10_000 {
            let next = strip_round(&stripped, config, chains);
            if next == stripped {
                return (next, changing);
            }
            stripped = next;
        }
        panic!("no fixed point for {text:?}");
    }

    /// What [`strip_post`] must give: rounds as TDLib's rules alone make them, until nothing
    /// changes.
    fn fixed_point(text: &str, config: &StripConfig) -> String {
        rounds(text, config, Chains::OneLinkPerRound).0
    }

    fn configs() -> Vec<StripConfig> {
        let removes = [
            vec![Removable::Hashtags],
            vec![Removable::Hashtags, Removable::Emoji],
            Removable::ALL.to_vec(),
        ];
        removes
            .into_iter()
            .map(|remove| StripConfig {
                remove,
                keep_hashtag_words: true,
                ..StripConfig::default()
            })
            .collect()
    }

    /// Where each hashtag of `text` ends (they all start at 0 here).
    fn hashtag_ends(text: &str) -> Vec<usize> {
        find_hashtags(text).into_iter().map(|h| h.end).collect()
    }

    #[test]
    fn the_deciding_code_points_are_one_more_than_tdlib_keeps() {
        let digits = "1".repeat(DECIDING_CHARS - 2);
        let last_kept = format!("#{digits}a");
        assert_eq!(hashtag_ends(&last_kept), [last_kept.len()]);
        assert!(find_hashtags(&format!("#1{digits}a")).is_empty());
        let whole = format!("#{}@abc", "a".repeat(DECIDING_CHARS - 1));
        assert_eq!(hashtag_ends(&whole), [whole.len()]);
        let cut = format!("#{}@abc", "a".repeat(DECIDING_CHARS));
        assert_eq!(hashtag_ends(&cut), [DECIDING_CHARS]);
    }

    #[test]
    fn a_chain_resolved_in_one_round_is_what_rounds_would_give() {
        for text in [
            "##g##c##mV###di@ru",
            "#a#b##c##d",
            "x ##a##b@xyz@abc@def end",
            "##a##b@xyzq0123456789012345678901234567890123##c##d",
            "😀##a##b 😀##c##d😀",
            "a#😀##b##c",
            "x.com/##a##b##c x.com##a##b",
            "##1##2##a ##a##1 ##_##b",
        ] {
            for config in configs() {
                assert_eq!(
                    strip_post(text, &config),
                    fixed_point(text, &config),
                    "{text:?}"
                );
            }
        }
        let long = format!("##{}##b", "1".repeat(300));
        let config = &configs()[0];
        assert_eq!(strip_post(&long, config), fixed_point(&long, config));
    }

    #[test]
    fn strip_reaches_the_fixed_point_of_its_rounds_on_random_glued_text() {
        let pieces = [
            "#",
            "##",
            "###",
            "a",
            "Zb",
            "1",
            "_",
            "я",
            "·",
            "\u{200C}",
            "\u{301}",
            "@",
            "@ab",
            "@abc",
            "@abcdefgh",
            " ",
            "\t",
            ".",
            ",",
            "!",
            ")",
            "x.com",
            "t.me/",
            "/start",
            "$ABC",
            "😀",
            "#\u{FE0F}\u{20E3}",
            "1\u{FE0F}\u{20E3}",
            "\n",
            "\r",
        ];
        // Mostly what chains are made of, with a little of everything else.
        let chain_pieces = [
            "##",
            "##",
            "###",
            "#",
            "a",
            "Zb",
            "1",
            "_",
            "я",
            "@abc",
            "@ab",
            "@abcdefgh",
            "😀",
            " ",
            " ",
            " ",
            "x.com",
            ".",
            ",",
            "\u{301}",
        ];
        let long_pieces = [
            "a".repeat(130),
            "1".repeat(130),
            format!("@{}", "x".repeat(33)),
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            // xorshift64: deterministic, no dependency.
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let configs = configs();
        let mut failures = Vec::new();
        // Cases where resolving chains saved rounds: the generator must keep making chains.
        let mut resolved_earlier = 0;
        for case in 0..20_000 {
            let pieces: &[&str] = if case % 2 == 0 {
                &pieces
            } else {
                &chain_pieces
            };
            let mut text = String::new();
            for _ in 0..next() % 60 {
                let roll = next();
                if roll % 40 == 0 {
                    text.push_str(&long_pieces[(roll / 40) as usize % long_pieces.len()]);
                } else {
                    text.push_str(pieces[(roll / 40) as usize % pieces.len()]);
                }
            }
            let config = &configs[case % configs.len()];
            let (got, want) = (strip_post(&text, config), fixed_point(&text, config));
            let (_, one) = rounds(&text, config, Chains::OneLinkPerRound);
            let (_, resolved) = rounds(&text, config, Chains::Resolve);
            resolved_earlier += usize::from(resolved < one);
            if got != want {
                failures.push(format!(
                    "{text:?} {:?}\n  got {got:?}\n want {want:?}",
                    config.remove
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{}",
            failures[..failures.len().min(5)].join("\n")
        );
        assert!(resolved_earlier > 50, "{resolved_earlier} chains resolved");
    }
}
