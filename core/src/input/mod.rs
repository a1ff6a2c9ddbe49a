//! Input formats: each turns a stream of text into posts, reported to a [`Sink`].
//!
//! Text arrives in chunks of any size ([`InputParser::feed`]); it is cut into lines here, and
//! each format's parser sees whole lines. No entity, hashtag or emoji crosses a line break, and
//! UAX #29 always breaks words at one, so counting line by line is exact.

mod detect;
pub mod plain;
mod read;
pub mod telegram_html;
pub mod telegram_json;
pub mod web_preview_html;
pub mod web_preview_text;

pub use detect::detect_format;
pub use read::{read_input, read_web_preview_text_part, Utf8Reader};

use crate::config::{InputFormat, Split};
use crate::error::Error;
use crate::report::Channel;

/// What an input knows of a post besides its text. Text formats know at most the source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PostMeta<'a> {
    /// The message id.
    pub id: Option<i64>,
    /// When it was posted, in seconds since the Unix epoch (UTC).
    pub date: Option<i64>,
    /// The forward's source, trimmed.
    pub source: Option<&'a str>,
}

impl<'a> PostMeta<'a> {
    /// A post known only by its source (or by nothing).
    pub fn from_source(source: Option<&'a str>) -> Self {
        PostMeta {
            source,
            ..PostMeta::default()
        }
    }
}

/// Where a parser reports what it finds.
pub trait Sink {
    /// A new post starts (any open post ends first).
    fn begin_post(&mut self, meta: PostMeta<'_>);
    /// One line of the current post's text, without its line break.
    fn post_line(&mut self, line: &str);
    /// A link's target in the current post (a `text_link` href, an `<a href>`), with the link's
    /// visible text, which is already post text. The core decides whether it counts as a URL.
    fn link_target(&mut self, href: &str, text: &str);
    /// The current post ends.
    fn end_post(&mut self);
    /// One media placeholder (`Media is too big`), in the current post.
    fn placeholder(&mut self);
    /// The input's channel header.
    fn channel(&mut self, channel: Channel);
    /// The posts that follow belong to this chat of a full-account export.
    fn chat(&mut self, id: &str, name: &str);
}

/// Reports a post's whole text line by line (`\r\n` and `\n` both end a line).
pub fn post_text(sink: &mut dyn Sink, text: &str) {
    for line in text.split('\n') {
        sink.post_line(line.strip_suffix('\r').unwrap_or(line));
    }
}

/// How many bytes detection looks at before it decides.
pub(crate) const DETECT_BYTES: usize = 64 * 1024;

/// One input's parser for text pushed in chunks, from the first chunk to the end.
///
/// Text formats stream line by line. The structured formats are pull-parsed from a reader
/// ([`read_input`]); pushed in chunks, they are kept whole and parsed at the end.
#[derive(Debug)]
pub struct InputParser {
    state: State,
    split: Option<Split>,
    /// The part of a line that the last chunk left unfinished.
    partial: String,
}

#[derive(Debug)]
enum State {
    /// Waiting for enough text to tell the format.
    Detecting(String),
    WebPreviewText(web_preview_text::Parser),
    Plain(plain::Parser),
    /// A structured format, kept until the end of the input.
    Whole(InputFormat, String),
}

impl InputParser {
    /// A parser for `format`, or one that detects the format from the first 64 KiB.
    pub fn new(format: Option<InputFormat>, split: Option<Split>) -> Self {
        let state = match format {
            None => State::Detecting(String::new()),
            Some(format) => state_for(format, split),
        };
        InputParser {
            state,
            split,
            partial: String::new(),
        }
    }

    /// A parser for a later part of a `web-preview-text` input, which starts at a post boundary
    /// ([`web_preview_text::next_post_boundary`]).
    pub fn continuing_web_preview_text() -> Self {
        InputParser {
            state: State::WebPreviewText(web_preview_text::Parser::continuing()),
            split: None,
            partial: String::new(),
        }
    }

    /// The format being read, once known.
    pub fn format(&self) -> Option<InputFormat> {
        match self.state {
            State::Detecting(_) => None,
            State::WebPreviewText(_) => Some(InputFormat::WebPreviewText),
            State::Plain(_) => Some(InputFormat::Plain),
            State::Whole(format, _) => Some(format),
        }
    }

    /// Feeds the next chunk of text.
    pub fn feed(&mut self, chunk: &str, sink: &mut dyn Sink) {
        match &mut self.state {
            State::Detecting(buffer) => {
                buffer.push_str(chunk);
                if buffer.len() >= DETECT_BYTES {
                    let buffered = std::mem::take(buffer);
                    self.state = state_for(detect_format(&buffered), self.split);
                    self.feed(&buffered, sink);
                }
            }
            State::Whole(_, buffer) => buffer.push_str(chunk),
            State::WebPreviewText(_) | State::Plain(_) => self.feed_lines(chunk, sink),
        }
    }

    /// Ends the input: the last line and the last post are flushed.
    pub fn finish(mut self, sink: &mut dyn Sink) -> Result<InputFormat, Error> {
        if let State::Detecting(buffer) = &mut self.state {
            let buffered = std::mem::take(buffer);
            self.state = state_for(detect_format(&buffered), self.split);
            self.feed(&buffered, sink);
        }
        let last = std::mem::take(&mut self.partial);
        if !last.is_empty() {
            self.line(&last, sink);
        }
        match self.state {
            State::Detecting(_) => unreachable!("detection ended above"),
            State::WebPreviewText(parser) => {
                parser.finish(sink);
                Ok(InputFormat::WebPreviewText)
            }
            State::Plain(parser) => {
                parser.finish(sink);
                Ok(InputFormat::Plain)
            }
            State::Whole(format, text) => {
                read_input(text.as_bytes(), Some(format), self.split, false, sink)
            }
        }
    }

    fn feed_lines(&mut self, chunk: &str, sink: &mut dyn Sink) {
        let mut rest = chunk;
        while let Some(newline) = memchr::memchr(b'\n', rest.as_bytes()) {
            let (head, tail) = rest.split_at(newline);
            rest = &tail[1..];
            if self.partial.is_empty() {
                self.line(head, sink);
            } else {
                let mut line = std::mem::take(&mut self.partial);
                line.push_str(head);
                self.line(&line, sink);
                line.clear();
                self.partial = line;
            }
        }
        self.partial.push_str(rest);
    }

    fn line(&mut self, line: &str, sink: &mut dyn Sink) {
        let line = line.strip_suffix('\r').unwrap_or(line);
        match &mut self.state {
            State::WebPreviewText(parser) => parser.line(line, sink),
            State::Plain(parser) => parser.line(line, sink),
            State::Detecting(_) | State::Whole(..) => {
                unreachable!("lines flow only in text formats")
            }
        }
    }
}

fn state_for(format: InputFormat, split: Option<Split>) -> State {
    match format {
        InputFormat::WebPreviewText => State::WebPreviewText(web_preview_text::Parser::default()),
        InputFormat::Plain => State::Plain(plain::Parser::new(split)),
        structured => State::Whole(structured, String::new()),
    }
}
