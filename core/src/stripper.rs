//! The streaming `strip` pipeline: inputs → posts → each post's text stripped (SPEC §3).

use serde::Serialize;

use crate::config::StripConfig;
use crate::error::Error;
use crate::input::{InputParser, Sink};
use crate::report::Channel;
use crate::strip::strip_post;

/// One post's stripped text, as `tgtext strip --format json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrippedPost {
    /// The post's place in the inputs, from 0.
    pub index: u64,
    /// The message id, where the input has one.
    pub id: Option<i64>,
    pub clean_text: String,
}

impl StrippedPost {
    /// One JSON object on one line, with its line break.
    pub fn to_json_line(&self) -> String {
        let mut line = serde_json::to_string(self).expect("a post always serialises");
        line.push('\n');
        line
    }
}

/// Strips the posts of any number of inputs, each fed in chunks. Finished posts are collected
/// until [`Stripper::take_posts`] hands them over, so memory stays bounded by one post.
pub struct Stripper {
    config: StripConfig,
    input: Option<InputParser>,
    posts: PostTexts,
}

#[derive(Default)]
struct PostTexts {
    next_index: u64,
    current: Option<String>,
    done: Vec<StrippedPost>,
    config: StripConfig,
}

impl Stripper {
    pub fn new(config: &StripConfig) -> Self {
        let posts = PostTexts {
            config: config.clone(),
            ..PostTexts::default()
        };
        Stripper {
            config: config.clone(),
            input: None,
            posts,
        }
    }

    /// Starts the next input; fails when its named format cannot be read.
    pub fn start_input(&mut self) -> Result<(), Error> {
        self.end_input()?;
        self.input = Some(InputParser::new(self.config.input, self.config.split)?);
        Ok(())
    }

    /// Feeds the next chunk of the current input (starting one if none is open).
    pub fn feed(&mut self, chunk: &str) -> Result<(), Error> {
        if self.input.is_none() {
            self.start_input()?;
        }
        self.input
            .as_mut()
            .expect("an input is open")
            .feed(chunk, &mut self.posts)
    }

    /// Ends the current input, if one is open.
    pub fn end_input(&mut self) -> Result<(), Error> {
        if let Some(input) = self.input.take() {
            input.finish(&mut self.posts)?;
            self.posts.end_post();
        }
        Ok(())
    }

    /// The posts finished since the last call.
    pub fn take_posts(&mut self) -> Vec<StrippedPost> {
        std::mem::take(&mut self.posts.done)
    }
}

impl Sink for PostTexts {
    fn begin_post(&mut self, _source: Option<&str>) {
        self.end_post();
        self.current = Some(String::new());
    }

    fn post_line(&mut self, line: &str) {
        let text = self.current.get_or_insert_with(String::new);
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(line);
    }

    fn end_post(&mut self) {
        if let Some(text) = self.current.take() {
            let clean_text = strip_post(&text, &self.config);
            self.done.push(StrippedPost {
                index: self.next_index,
                id: None,
                clean_text,
            });
            self.next_index += 1;
        }
    }

    fn placeholder(&mut self) {
        self.current.get_or_insert_with(String::new);
    }

    fn channel(&mut self, _channel: Channel) {}
}
