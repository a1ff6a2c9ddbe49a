//! Whole `analyze` with random options (the deeper analyses too) and any input: a clear error
//! or a report that adds up, writes JSON that reads back to the same report, writes CSV, is the
//! same when the input is pushed in chunks instead of streamed from a reader, or read a few
//! bytes at a time (every read cutting characters), and whose partial report reads back and
//! merged with itself is the report of the input read twice.
//!
//! The first [`OPTIONS_BYTES`] bytes are the options (through `arbitrary`), the rest is the
//! input, so that a seed is a header of zeros (the default options) and a file as it is.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use tgtext::{Analyzer, Partial, Report};
use tgtext_fuzz::{check_error, check_report, chunks, FuzzOptions, OPTIONS_BYTES};

fuzz_target!(|bytes: &[u8]| {
    let (head, data) = bytes.split_at(bytes.len().min(OPTIONS_BYTES));
    let Ok(options) = FuzzOptions::arbitrary(&mut Unstructured::new(head)) else {
        return;
    };
    let config = options.config();
    let mut analyzer = match Analyzer::new(&config) {
        Ok(analyzer) => analyzer,
        Err(err) => {
            assert!(
                config.validate().is_err(),
                "new() refused valid options: {err}"
            );
            return;
        }
    };
    if let Err(err) = analyzer.read_input(data, options.lossy) {
        check_error(&err, data, options.lossy);
        let _ = analyzer.finish();
        return;
    }
    let partial = analyzer.into_partial();
    let report = partial.report(config.top);
    check_report(&report, &config);
    // A partial report written and read back is the same; merged with itself it is the
    // report of the input read twice (merge(A, B) = analyze(A + B)).
    let back = Partial::from_json(&partial.to_json()).expect("a partial reads back");
    assert_eq!(
        back.report(config.top),
        report,
        "the partial does not read back"
    );
    let mut twice = back;
    twice.merge(partial).expect("partials of one run merge");
    let mut again = Analyzer::new(&config).expect("valid options");
    again
        .read_input(data, options.lossy)
        .expect("read once, reads again");
    again
        .read_input(data, options.lossy)
        .expect("read once, reads again");
    assert_eq!(
        twice.report(config.top),
        again.finish(),
        "merge(A, A) != analyze(A + A)"
    );
    let json = report.to_json();
    let back: Report = serde_json::from_str(&json).expect("the report's JSON reads back");
    assert_eq!(back, report, "the JSON does not read back to the report");
    let csv = report.to_csv();
    assert!(csv.ends_with('\n'), "CSV without a final line break");

    // Read a few bytes at a time, so that reads cut characters (completed from the next read):
    // the same report, or the same error.
    let size = (options.chunk_seed % 7) as usize + 1;
    let mut trickled = Analyzer::new(&config).expect("valid options");
    trickled
        .read_input(Pieces { bytes: data, size }, options.lossy)
        .expect("read once, reads again in pieces");
    assert_eq!(
        trickled.finish(),
        report,
        "read {size} bytes at a time, the report differs"
    );

    // The token memo changes nothing: counted line by line, the report is the same.
    let mut long_way = Analyzer::new(&config).expect("valid options");
    long_way.count_line_by_line();
    long_way
        .read_input(data, options.lossy)
        .expect("read once, reads again");
    assert_eq!(
        long_way.finish(),
        report,
        "the token memo changed the report"
    );

    // A web-preview-text input cut at a post boundary past its middle, its parts read apart
    // and merged, is the whole (as the CLI reads a large file on several threads).
    if report.format == "web-preview-text" {
        let middle = data.len() / 2;
        let cut = tgtext::input::web_preview_text::next_post_boundary(&data[middle..])
            .map(|at| middle + at)
            .filter(|&cut| cut < data.len());
        if let Some(cut) = cut {
            let mut first = Analyzer::new(&config).expect("valid options");
            first
                .read_input(&data[..cut], options.lossy)
                .expect("a part of a readable input reads");
            let mut second = Analyzer::new(&config).expect("valid options");
            second
                .read_web_preview_text_part(&data[cut..], cut as u64, options.lossy)
                .expect("a part of a readable input reads");
            let mut parts = first.into_partial();
            // The first part must be detected as the whole was (the CLI's parts are at least
            // 8 MiB, and it reads the file whole again should that fail).
            if parts.formats == ["web-preview-text"] {
                parts.merge(second.into_partial()).expect("same options");
                assert_eq!(
                    parts.report(config.top),
                    report,
                    "the parts differ from the whole"
                );
            }
        }
    }

    if let Ok(text) = std::str::from_utf8(data) {
        if !text.starts_with('\u{FEFF}') {
            let mut pushed = Analyzer::new(&config).expect("valid options");
            pushed.start_input();
            for piece in chunks(text, options.chunk_seed) {
                pushed.feed(piece);
            }
            pushed
                .end_input()
                .expect("what streams without error pushes without error");
            assert_eq!(
                pushed.finish(),
                report,
                "pushed in chunks and streamed differ"
            );
        }
    }
});

/// A reader that hands out at most `size` bytes per read.
struct Pieces<'a> {
    bytes: &'a [u8],
    size: usize,
}

impl std::io::Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.size.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}
