//! The streaming `strip` pipeline: inputs → posts → each post's text stripped (SPEC §3).

use serde::Serialize;

use crate::config::StripConfig;
use crate::error::Error;
use std::io::Read;

use crate::input::{read_input, InputParser, PostMeta, Sink};
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
    current: Option<(Option<i64>, String)>,
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

    /// Reads one whole input from `reader`, streaming (see [`crate::Analyzer::read_input`]),
    /// and hands each stripped post to `each_post` as soon as it is finished, so memory stays
    /// bounded by one post.
    pub fn read_input(
        &mut self,
        reader: impl Read,
        lossy: bool,
        mut each_post: impl FnMut(StrippedPost),
    ) -> Result<(), Error> {
        self.end_input()?;
        for post in self.take_posts() {
            each_post(post);
        }
        let config = &self.config;
        let mut sink = Draining {
            posts: &mut self.posts,
            each_post: &mut each_post,
        };
        let read = read_input(reader, config.input, config.split, lossy, &mut sink);
        sink.end_post();
        read.map(|_| ())
    }

    /// Starts the next input pushed in chunks.
    pub fn start_input(&mut self) {
        let _ = self.end_input();
        self.input = Some(InputParser::new(self.config.input, self.config.split));
    }

    /// Feeds the next chunk of the current input (starting one if none is open).
    pub fn feed(&mut self, chunk: &str) {
        if self.input.is_none() {
            self.start_input();
        }
        let input = self.input.as_mut().expect("an input is open");
        input.feed(chunk, &mut self.posts);
    }

    /// Ends the current input, if one is open.
    pub fn end_input(&mut self) -> Result<(), Error> {
        if let Some(input) = self.input.take() {
            let finished = input.finish(&mut self.posts);
            self.posts.end_post();
            finished?;
        }
        Ok(())
    }

    /// The posts finished since the last call.
    pub fn take_posts(&mut self) -> Vec<StrippedPost> {
        std::mem::take(&mut self.posts.done)
    }
}

/// Passes every finished post on at once.
struct Draining<'a> {
    posts: &'a mut PostTexts,
    each_post: &'a mut dyn FnMut(StrippedPost),
}

impl Draining<'_> {
    fn drain(&mut self) {
        for post in self.posts.done.drain(..) {
            (self.each_post)(post);
        }
    }
}

impl Sink for Draining<'_> {
    fn begin_post(&mut self, meta: PostMeta<'_>) {
        self.posts.begin_post(meta);
        self.drain();
    }

    fn post_line(&mut self, line: &str) {
        self.posts.post_line(line);
    }

    fn link_target(&mut self, href: &str, text: &str) {
        self.posts.link_target(href, text);
    }

    fn end_post(&mut self) {
        self.posts.end_post();
        self.drain();
    }

    fn placeholder(&mut self) {
        self.posts.placeholder();
    }

    fn channel(&mut self, channel: Channel) {
        self.posts.channel(channel);
    }

    fn chat(&mut self, id: &str, name: &str) {
        self.posts.chat(id, name);
    }
}

impl Sink for PostTexts {
    fn begin_post(&mut self, meta: PostMeta<'_>) {
        self.end_post();
        self.current = Some((meta.id, String::new()));
    }

    fn post_line(&mut self, line: &str) {
        let (_, text) = self.current.get_or_insert_with(|| (None, String::new()));
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(line);
    }

    fn end_post(&mut self) {
        if let Some((id, text)) = self.current.take() {
            let clean_text = strip_post(&text, &self.config);
            self.done.push(StrippedPost {
                index: self.next_index,
                id,
                clean_text,
            });
            self.next_index += 1;
        }
    }

    fn placeholder(&mut self) {
        self.current.get_or_insert_with(|| (None, String::new()));
    }

    fn link_target(&mut self, _href: &str, _text: &str) {}

    fn channel(&mut self, _channel: Channel) {}

    fn chat(&mut self, _id: &str, _name: &str) {}
}
