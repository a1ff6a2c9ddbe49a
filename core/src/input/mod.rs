//! Input formats: each turns a stream of text into posts, reported to a [`Sink`].
//!
//! Text arrives in chunks of any size ([`InputParser::feed`]); it is cut into lines here, and
//! each format's parser sees whole lines. No entity, hashtag or emoji crosses a line break, and
//! UAX #29 always breaks words at one, so counting line by line is exact.

mod detect;
pub mod plain;
pub mod web_preview_text;

pub use detect::detect_format;

use crate::config::{InputFormat, Split};
use crate::error::{Error, ErrorKind};
use crate::report::Channel;

/// Where a parser reports what it finds.
pub trait Sink {
    /// A new post starts (any open post ends first); `source` names a forward's source.
    fn begin_post(&mut self, source: Option<&str>);
    /// One line of the current post's text, without its line break.
    fn post_line(&mut self, line: &str);
    /// The current post ends.
    fn end_post(&mut self);
    /// One media placeholder (`Media is too big`), in the current post.
    fn placeholder(&mut self);
    /// The input's channel header.
    fn channel(&mut self, channel: Channel);
}

/// How many bytes detection looks at before it decides.
const DETECT_BYTES: usize = 64 * 1024;

/// One input's parser, from the first chunk to the end.
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
}

impl InputParser {
    /// A parser for `format`, or one that detects the format from the first 64 KiB.
    pub fn new(format: Option<InputFormat>, split: Option<Split>) -> Result<Self, Error> {
        let state = match format {
            None => State::Detecting(String::new()),
            Some(format) => state_for(format, split)?,
        };
        Ok(InputParser {
            state,
            split,
            partial: String::new(),
        })
    }

    /// The format being read, once known.
    pub fn format(&self) -> Option<InputFormat> {
        match self.state {
            State::Detecting(_) => None,
            State::WebPreviewText(_) => Some(InputFormat::WebPreviewText),
            State::Plain(_) => Some(InputFormat::Plain),
        }
    }

    /// Feeds the next chunk of text.
    pub fn feed(&mut self, chunk: &str, sink: &mut dyn Sink) -> Result<(), Error> {
        if let State::Detecting(buffer) = &mut self.state {
            buffer.push_str(chunk);
            if buffer.len() < DETECT_BYTES {
                return Ok(());
            }
            let buffered = std::mem::take(buffer);
            self.state = state_for(detect_format(&buffered), self.split)?;
            return self.feed_lines(&buffered, sink);
        }
        self.feed_lines(chunk, sink)
    }

    /// Ends the input: the last line and the last post are flushed.
    pub fn finish(mut self, sink: &mut dyn Sink) -> Result<InputFormat, Error> {
        if let State::Detecting(buffer) = &mut self.state {
            let buffered = std::mem::take(buffer);
            self.state = state_for(detect_format(&buffered), self.split)?;
            self.feed_lines(&buffered, sink)?;
        }
        let last = std::mem::take(&mut self.partial);
        if !last.is_empty() {
            self.line(&last, sink);
        }
        let format = self.format().expect("format is known after detection");
        match self.state {
            State::Detecting(_) => unreachable!("detection ended above"),
            State::WebPreviewText(parser) => parser.finish(sink),
            State::Plain(parser) => parser.finish(sink),
        }
        Ok(format)
    }

    fn feed_lines(&mut self, chunk: &str, sink: &mut dyn Sink) -> Result<(), Error> {
        let mut rest = chunk;
        while let Some(newline) = rest.find('\n') {
            let (head, tail) = rest.split_at(newline);
            rest = &tail[1..];
            if self.partial.is_empty() {
                self.line(head, sink);
            } else {
                let mut line = std::mem::take(&mut self.partial);
                line.push_str(head);
                self.line(&line, sink);
            }
        }
        self.partial.push_str(rest);
        Ok(())
    }

    fn line(&mut self, line: &str, sink: &mut dyn Sink) {
        let line = line.strip_suffix('\r').unwrap_or(line);
        match &mut self.state {
            State::Detecting(_) => unreachable!("lines flow only once the format is known"),
            State::WebPreviewText(parser) => parser.line(line, sink),
            State::Plain(parser) => parser.line(line, sink),
        }
    }
}

fn state_for(format: InputFormat, split: Option<Split>) -> Result<State, Error> {
    match format {
        InputFormat::WebPreviewText => {
            Ok(State::WebPreviewText(web_preview_text::Parser::default()))
        }
        InputFormat::Plain => Ok(State::Plain(plain::Parser::new(split))),
        other => Err(Error::new(
            ErrorKind::UnsupportedFormat,
            format!(
                "the input looks like {}, which this version of tgtext cannot read yet",
                other.id()
            ),
        )),
    }
}
