//! Format detection, from the input's first 64 KiB.
//!
//! The rule, in order: a `{` first → `telegram-json`; an HTML tag first → `web-preview-html`
//! when the page has `tgme_widget_message`, else `telegram-html`; a line that only the web
//! preview writes (`Download Telegram`, `Forwarded from …`, a view footer, a media placeholder)
//! → `web-preview-text`; anything else → `plain`.

use super::web_preview_text::{classify, LineKind};
use crate::config::InputFormat;

/// Tells the format of an input from its beginning.
pub fn detect_format(prefix: &str) -> InputFormat {
    let start = prefix.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    if start.starts_with('{') {
        return InputFormat::TelegramJson;
    }
    let lower_start = start
        .get(..start.len().min(1024))
        .unwrap_or(start)
        .to_ascii_lowercase();
    if start.starts_with('<')
        && ["<!doctype", "<html", "<div", "<head"]
            .iter()
            .any(|tag| lower_start.contains(tag))
    {
        return if start.contains("tgme_widget_message") {
            InputFormat::WebPreviewHtml
        } else {
            InputFormat::TelegramHtml
        };
    }
    let web_preview_line = prefix.lines().any(|line| {
        matches!(
            classify(line),
            LineKind::DownloadTelegram
                | LineKind::ForwardedFrom(_)
                | LineKind::Footer
                | LineKind::Placeholder
                | LineKind::ViewInTelegram
        )
    });
    if web_preview_line {
        InputFormat::WebPreviewText
    } else {
        InputFormat::Plain
    }
}
