//! The web-preview-text parser: any bytes read (lossy) without panicking, and the same events
//! whether the text is streamed from a reader, pushed whole or pushed in small chunks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tgtext::input::InputParser;
use tgtext::InputFormat;
use tgtext_fuzz::{check_strict_utf8, chunks, read_forced, seed_of, Recorder};

const FORMAT: InputFormat = InputFormat::WebPreviewText;

fuzz_target!(|data: &[u8]| {
    let read = read_forced(data, FORMAT, true).expect("lossy text always reads");
    check_strict_utf8(data, FORMAT);

    let text = String::from_utf8_lossy(data);
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let mut whole = Recorder::default();
    let mut parser = InputParser::new(Some(FORMAT), None);
    parser.feed(text, &mut whole);
    assert_eq!(parser.finish(&mut whole).expect("text reads"), FORMAT);
    assert_eq!(
        read.events, whole.events,
        "streamed and pushed whole differ"
    );

    let mut chunked = Recorder::default();
    let mut parser = InputParser::new(Some(FORMAT), None);
    for piece in chunks(text, seed_of(data)) {
        parser.feed(piece, &mut chunked);
    }
    parser.finish(&mut chunked).expect("text reads");
    assert_eq!(
        whole.events, chunked.events,
        "pushed whole and in chunks differ"
    );
});
