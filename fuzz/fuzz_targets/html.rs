//! The HTML readers (telegram-html, web-preview-html; the first byte chooses which and whether
//! decoding is lossy): a clear error or events, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tgtext::InputFormat;
use tgtext_fuzz::{check_strict_utf8, read_forced};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, html)) = data.split_first() else {
        return;
    };
    let format = if flags & 1 == 0 {
        InputFormat::TelegramHtml
    } else {
        InputFormat::WebPreviewHtml
    };
    let _ = read_forced(html, format, flags & 2 != 0);
    if flags & 4 != 0 {
        check_strict_utf8(html, format);
    }
});
