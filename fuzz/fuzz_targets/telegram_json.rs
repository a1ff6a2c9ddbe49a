//! The streaming telegram-json reader: a clear error (with an offset inside the input) or
//! events, never a panic; invalid UTF-8 fails at its first bad byte unless lossy.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tgtext::InputFormat;
use tgtext_fuzz::{check_strict_utf8, read_forced};

fuzz_target!(|data: &[u8]| {
    let _ = read_forced(data, InputFormat::TelegramJson, true);
    check_strict_utf8(data, InputFormat::TelegramJson);
});
