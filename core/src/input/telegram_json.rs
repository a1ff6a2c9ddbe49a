//! `telegram-json`: Telegram Desktop's machine-readable export (`result.json`), one chat or a
//! full-account export, read as a stream: messages are parsed and reported one at a time, so
//! memory does not grow with the file.
//!
//! The shapes (tdesktop's `export_output_json.cpp`, described in the reference notes):
//! a single-chat root `{name, type, id, messages: [...]}`, or a full-account root with
//! `chats.list` and `left_chats.list` of such chats. A message's `text` is a string or an array
//! of strings and `{type, text, href?}` pieces (exports flatten nested entities, so the whole
//! text is re-read by our own rules); `text_entities` (2022 and later) holds the same pieces.
//! Keys are read in tdesktop's order: a chat's `name` and `id` come before its `messages`.

use std::fmt;
use std::io::Read;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::{post_text, PostMeta, Sink};
use crate::error::{Error, ErrorKind};
use crate::report::{Channel, Counters};

/// Reads a whole export from `reader` (valid UTF-8) and reports its posts.
pub fn parse(reader: impl Read, sink: &mut dyn Sink) -> Result<(), Error> {
    let mut counting = Counting {
        inner: reader,
        consumed: 0,
    };
    let result = {
        let mut deserializer = serde_json::Deserializer::from_reader(&mut counting);
        Root { sink }
            .deserialize(&mut deserializer)
            .and_then(|()| deserializer.end())
    };
    result.map_err(|err| {
        let offset = counting.consumed;
        let message = match err.classify() {
            serde_json::error::Category::Eof => {
                "truncated Telegram JSON export: it ends in the middle".to_string()
            }
            serde_json::error::Category::Io => "the export could not be read".to_string(),
            _ => format!("malformed Telegram JSON export: {}", without_position(&err)),
        };
        Error::with_offset(ErrorKind::MalformedInput, message, offset)
    })
}

/// serde_json's message without its ` at line L column C`: we give the byte offset instead.
fn without_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// Counts the bytes handed to the JSON parser, for the offset of an error.
struct Counting<R> {
    inner: R,
    consumed: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed += n as u64;
        Ok(n)
    }
}

/// The root object: a single chat, or a full-account export.
struct Root<'s> {
    sink: &'s mut dyn Sink,
}

impl<'de> DeserializeSeed<'de> for Root<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(ChatVisitor {
            sink: self.sink,
            top_level: true,
        })
    }
}

/// One chat object (the root of a single-chat export, or an item of `chats.list`). At the
/// top level it may also be a full-account export, whose `chats` and `left_chats` it reads.
struct ChatVisitor<'s> {
    sink: &'s mut dyn Sink,
    top_level: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Number(i64),
    Text(String),
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Id::Number(n) => write!(f, "{n}"),
            Id::Text(s) => f.write_str(s),
        }
    }
}

impl<'de> Visitor<'de> for ChatVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Telegram export object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut name: Option<String> = None;
        let mut id: Option<Id> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "name" => {
                    name = map
                        .next_value::<Option<String>>()?
                        .map(|n| n.trim().to_string())
                }
                "id" => id = map.next_value()?,
                "messages" => {
                    let name = name.clone().unwrap_or_default();
                    if self.top_level {
                        self.sink.channel(Channel {
                            id: id.as_ref().map(Id::to_string),
                            title: name,
                            description: None,
                            counters: Counters::default(),
                        });
                    } else {
                        let id = id.as_ref().map(Id::to_string).unwrap_or_default();
                        self.sink.chat(&id, &name);
                    }
                    map.next_value_seed(Messages {
                        sink: &mut *self.sink,
                    })?;
                }
                "chats" | "left_chats" if self.top_level => {
                    map.next_value_seed(ChatList {
                        sink: &mut *self.sink,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// `{"about": ..., "list": [chat, ...]}` of a full-account export.
struct ChatList<'s> {
    sink: &'s mut dyn Sink,
}

impl<'de> DeserializeSeed<'de> for ChatList<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ChatList<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of chats")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "list" {
                map.next_value_seed(Chats {
                    sink: &mut *self.sink,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct Chats<'s> {
    sink: &'s mut dyn Sink,
}

impl<'de> DeserializeSeed<'de> for Chats<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Chats<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of chats")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(OneChat {
                sink: &mut *self.sink,
            })?
            .is_some()
        {}
        Ok(())
    }
}

struct OneChat<'s> {
    sink: &'s mut dyn Sink,
}

impl<'de> DeserializeSeed<'de> for OneChat<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(ChatVisitor {
            sink: self.sink,
            top_level: false,
        })
    }
}

/// The `messages` array, one message at a time.
struct Messages<'s> {
    sink: &'s mut dyn Sink,
}

impl<'de> DeserializeSeed<'de> for Messages<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Messages<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of messages")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(message) = seq.next_element::<Message>()? {
            report_message(&message, self.sink).map_err(de::Error::custom)?;
        }
        Ok(())
    }
}

/// The parts of a message tgtext reads; everything else is skipped.
#[derive(Deserialize)]
struct Message {
    id: Option<Id>,
    #[serde(rename = "type")]
    kind: Option<String>,
    date: Option<String>,
    date_unixtime: Option<Id>,
    forwarded_from: Option<String>,
    text: Option<Text>,
    text_entities: Option<Vec<Piece>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Text {
    Whole(String),
    Pieces(Vec<Piece>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Piece {
    Plain(String),
    Entity {
        #[serde(rename = "type")]
        kind: String,
        text: String,
        href: Option<String>,
    },
}

impl Piece {
    fn text(&self) -> &str {
        match self {
            Piece::Plain(text) | Piece::Entity { text, .. } => text,
        }
    }
}

fn report_message(message: &Message, sink: &mut dyn Sink) -> Result<(), String> {
    // Service messages (joins, pins) and unsupported ones are not posts.
    if message
        .kind
        .as_deref()
        .is_some_and(|kind| kind != "message")
    {
        return Ok(());
    }
    let id = match &message.id {
        None => None,
        Some(Id::Number(n)) => Some(*n),
        Some(Id::Text(s)) => Some(
            s.trim()
                .parse()
                .map_err(|_| format!("message id {s:?} is not a number"))?,
        ),
    };
    let date = message_date(message)?;
    let source = message
        .forwarded_from
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    sink.begin_post(PostMeta { id, date, source });
    let pieces: &[Piece] = match (&message.text, &message.text_entities) {
        (Some(Text::Pieces(pieces)), _) => pieces,
        (Some(Text::Whole(text)), Some(entities)) if text.is_empty() && !entities.is_empty() => {
            entities
        }
        (Some(Text::Whole(text)), _) => {
            post_text(sink, text);
            &[]
        }
        (None, Some(entities)) => entities,
        (None, None) => &[],
    };
    if !pieces.is_empty() {
        let whole: String = pieces.iter().map(Piece::text).collect();
        post_text(sink, &whole);
        for piece in pieces {
            if let Piece::Entity {
                kind,
                text,
                href: Some(href),
            } = piece
            {
                if kind == "text_link" {
                    sink.link_target(href, text);
                }
            }
        }
    }
    sink.end_post();
    Ok(())
}

/// `date_unixtime` (seconds, as a string) when present; else `date`, which is the exporting
/// computer's local time without an offset: read as UTC, since the offset is not known.
fn message_date(message: &Message) -> Result<Option<i64>, String> {
    if let Some(unix) = &message.date_unixtime {
        return match unix {
            Id::Number(n) => Ok(Some(*n)),
            Id::Text(s) => s
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| format!("date_unixtime {s:?} is not a number")),
        };
    }
    let Some(date) = &message.date else {
        return Ok(None);
    };
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    time::PrimitiveDateTime::parse(date.trim(), &format)
        .map(|t| Some(t.assume_utc().unix_timestamp()))
        .map_err(|_| format!("date {date:?} is not an ISO 8601 date and time"))
}
