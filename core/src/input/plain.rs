//! `plain`: any text. The whole input is one post, or with `split: paragraph` one post per
//! block of lines separated by blank (whitespace-only) lines. Blank input has no posts.

use super::{PostMeta, Sink};
use crate::config::Split;

#[derive(Debug)]
pub struct Parser {
    split: Option<Split>,
    in_post: bool,
    /// Blank lines seen inside the whole-input post but not yet passed on: trailing ones are dropped.
    pending_blank_lines: usize,
}

impl Parser {
    pub fn new(split: Option<Split>) -> Self {
        Parser {
            split,
            in_post: false,
            pending_blank_lines: 0,
        }
    }

    pub fn line(&mut self, line: &str, sink: &mut dyn Sink) {
        let blank = line.trim().is_empty();
        match (self.split, blank) {
            (Some(Split::Paragraph), true) => {
                if std::mem::take(&mut self.in_post) {
                    sink.end_post();
                }
            }
            (_, true) => {
                if self.in_post {
                    self.pending_blank_lines += 1;
                }
            }
            (_, false) => {
                if !self.in_post {
                    sink.begin_post(PostMeta::default());
                    self.in_post = true;
                }
                for _ in 0..std::mem::take(&mut self.pending_blank_lines) {
                    sink.post_line("");
                }
                sink.post_line(line);
            }
        }
    }

    pub fn finish(self, sink: &mut dyn Sink) {
        if self.in_post {
            sink.end_post();
        }
    }
}
