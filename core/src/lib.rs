//! tgtext: Telegram channel text analytics.

pub mod chars;
pub mod entities;
mod tables;
