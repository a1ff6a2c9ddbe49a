//! The entity scanner on one line, as the analyzer calls it (and on many lines at once, for
//! panics only): entities in order, without overlaps, on character boundaries, each starting
//! with its sigil.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tgtext::entities::{find_entities, find_entities_into, EntityKind};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = find_entities(&text);
    let mut reused = vec![];
    for line in text.split('\n') {
        let entities = find_entities(line);
        let mut end = 0;
        for entity in &entities {
            let range = entity.range.clone();
            assert!(
                range.start >= end,
                "{entities:?} overlap or are out of order"
            );
            assert!(range.start < range.end, "empty entity {entity:?}");
            assert!(range.end <= line.len(), "{entity:?} past the line's end");
            assert!(
                line.is_char_boundary(range.start) && line.is_char_boundary(range.end),
                "{entity:?} cuts a character"
            );
            let piece = &line[range.clone()];
            let sigil = match entity.kind {
                EntityKind::Hashtag => Some('#'),
                EntityKind::Mention => Some('@'),
                EntityKind::Cashtag => Some('$'),
                EntityKind::BotCommand => Some('/'),
                _ => None,
            };
            if let Some(sigil) = sigil {
                assert!(piece.starts_with(sigil), "{entity:?} is {piece:?}");
            }
            end = range.end;
        }
        find_entities_into(line, &mut reused);
        assert_eq!(reused, entities, "reusing the buffer changes the result");
    }
});
