//! Analysing on several threads, by work stealing. Each input is a job. A `web-preview-text`
//! file that is an input of its own is read as a *span* of its bytes whose end can move: a
//! thread with no job left takes the second half of the span with the most bytes still unread,
//! cut at a post boundary ahead of its reader. So one large file is read on all cores, files of
//! unequal size end together (a large file beside a small one is not left to one thread), and
//! the parts' partial reports are merged in file order into exactly the file's report
//! (`tests/tests/merge.rs` in the core and `cli/tests/merge.rs` hold the parts to the whole).

use std::collections::{BTreeMap, VecDeque};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use indicatif::ProgressBar;
use tgtext::input::web_preview_text::next_post_boundary;
use tgtext::{Analyzer, Config, InputFormat, Partial};

use crate::read::{self, display_name, InputError, NamedInput};
use crate::Failure;

/// How many threads, and the smallest part worth one (`--min-part-bytes`, 8 MiB: below it,
/// starting an analyzer and merging its tables cost more than the part gains).
pub struct Threads {
    /// 0: one per core.
    pub threads: usize,
    pub min_part_bytes: u64,
}

/// How far past its nominal place a cut looks for a post boundary before giving up (a
/// `web-preview-text` post is rarely longer than a few KB).
const BOUNDARY_WINDOW: u64 = 4 << 20;

/// The bytes of the file at `path` from `start` to an end that a thread stealing work may move
/// back (never behind what the reader has been given).
struct Span {
    path: PathBuf,
    start: u64,
    cursor: Mutex<Cursor>,
}

#[derive(Clone, Copy)]
struct Cursor {
    /// The offset up to which the span's reader has been given bytes.
    given: u64,
    end: u64,
    /// Whether the span is its file's last part, which reads on to the file's end should the
    /// file have grown since the run started (as one thread reading it whole does).
    to_eof: bool,
}

impl Span {
    fn new(path: PathBuf, range: Range<u64>, to_eof: bool) -> Arc<Span> {
        Arc::new(Span {
            path,
            start: range.start,
            cursor: Mutex::new(Cursor {
                given: range.start,
                end: range.end,
                to_eof,
            }),
        })
    }

    fn cursor(&self) -> MutexGuard<'_, Cursor> {
        // A poisoned lock means a thread panicked, which ends the run anyway; the cursor, two
        // numbers set together, is still whole.
        self.cursor.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Ends the span where its reader stopped, which no thief can move any more; returns it.
    fn close(&self) -> u64 {
        let mut cursor = self.cursor();
        cursor.end = cursor.given;
        cursor.end
    }

    fn unread(&self) -> u64 {
        let cursor = self.cursor();
        cursor.end - cursor.given
    }
}

/// A span's bytes as a `Read`: each read takes its bytes from the span before reading them, so
/// that a thief cuts only after them.
struct SpanReader {
    file: File,
    span: Arc<Span>,
}

impl Read for SpanReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let wanted = {
            let mut cursor = self.span.cursor();
            let left = cursor.end - cursor.given;
            let wanted = match left {
                // Past the file's length at the start: no thief cuts there any more.
                0 if cursor.to_eof => buf.len() as u64,
                _ => left.min(buf.len() as u64),
            };
            cursor.given += wanted;
            cursor.end = cursor.end.max(cursor.given);
            wanted as usize
        };
        let mut filled = 0;
        while filled < wanted {
            match self.file.read(&mut buf[filled..wanted]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        if filled < wanted {
            // The file ends here (sooner than the span, if it was cut short meanwhile): give the
            // rest back, and end the span here for good.
            let mut cursor = self.span.cursor();
            cursor.given -= (wanted - filled) as u64;
            cursor.end = cursor.given;
            cursor.to_eof = false;
        }
        Ok(filled)
    }
}

/// What one thread analyses: a whole input, or a span of its one file.
enum Job {
    Whole { input: usize },
    Span { input: usize, span: Arc<Span> },
}

/// The jobs not yet started, and every span, to steal from.
struct Work<'a> {
    queue: Mutex<VecDeque<Job>>,
    spans: Mutex<Vec<(usize, Arc<Span>)>>,
    /// Per input, whether its file is `web-preview-text`, which only such a file's parts can
    /// be read as: found by the first thread that would steal from it, so that a run whose
    /// threads all have work never reads a file's start twice.
    cuttable: Vec<OnceLock<bool>>,
    config: &'a Config,
    lossy: bool,
    min_part: u64,
}

impl Work<'_> {
    fn next(&self) -> Option<Job> {
        let queued = lock(&self.queue).pop_front();
        queued.or_else(|| self.steal())
    }

    /// The second half of the span with the most bytes unread, cut at the first post boundary
    /// past its middle (or of the next largest, if that one has none); nothing when every span
    /// has less than two parts' worth left.
    fn steal(&self) -> Option<Job> {
        // Spans this call found no cut in: a post of megabytes, trouble reading (its reader
        // reports it), or a reader that kept passing the boundary.
        let mut passed: Vec<Arc<Span>> = Vec::new();
        let mut races = 0;
        loop {
            let (input, victim, cursor) = {
                let spans = lock(&self.spans);
                let (input, span) = spans
                    .iter()
                    .filter(|(input, _)| self.cuttable[*input].get() != Some(&false))
                    .filter(|(_, span)| !passed.iter().any(|p| Arc::ptr_eq(p, span)))
                    .max_by_key(|(_, span)| span.unread())?;
                let cursor = *span.cursor();
                (*input, Arc::clone(span), cursor)
            };
            let unread = cursor.end - cursor.given;
            if unread < 2 * self.min_part.max(1) {
                return None; // nor has any other span
            }
            if self.cuttable[input].get().is_none() {
                let web_preview_text = File::open(&victim.path)
                    .and_then(|mut file| is_web_preview_text(&mut file, self.config, self.lossy))
                    // Any trouble reading here leaves the file whole: its reader reports it.
                    .unwrap_or(false);
                let _ = self.cuttable[input].set(web_preview_text);
                continue;
            }
            let at = boundary_after(&victim.path, cursor.given + unread / 2, cursor.end);
            let mut cursor = victim.cursor();
            match at {
                Ok(Some(at)) if at > cursor.given && at < cursor.end => {
                    let thief = Span::new(victim.path.clone(), at..cursor.end, cursor.to_eof);
                    cursor.end = at;
                    cursor.to_eof = false;
                    drop(cursor);
                    lock(&self.spans).push((input, Arc::clone(&thief)));
                    return Some(Job::Span { input, span: thief });
                }
                // Its reader passed the boundary while it was looked for (rarely: the middle
                // is at least a part ahead of it): look again, a few times.
                Ok(Some(at)) if at <= cursor.given && races < 4 => races += 1,
                _ => {
                    drop(cursor);
                    passed.push(victim);
                }
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The first post boundary in the file at `path` from `from` (up to [`BOUNDARY_WINDOW`] on and
/// before `end`), if any.
fn boundary_after(path: &Path, from: u64, end: u64) -> std::io::Result<Option<u64>> {
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(from))?;
    let mut window = Vec::new();
    file.take(BOUNDARY_WINDOW.min(end - from))
        .read_to_end(&mut window)?;
    Ok(next_post_boundary(&window).map(|at| from + at as u64))
}

/// The finished parts of each input by where they start, with where they end: a part is merged
/// with the finished parts next to it as soon as it is done, on its thread, so that finished
/// parts neither pile up in memory nor wait for the end to be merged one after another.
struct Finished {
    parts: Vec<Mutex<BTreeMap<u64, Part>>>,
}

/// A finished part: where it ends, and its partial report.
type Part = (u64, Result<Partial, Failure>);

impl Finished {
    /// Adds the part of `input` that covers `range`.
    fn add(&self, input: usize, range: Range<u64>, result: Result<Partial, Failure>) {
        let parts = &self.parts[input];
        let (mut range, mut partial) = match result {
            Ok(partial) => (range, partial),
            // An error stays as it is: the first in file order is the one reported.
            Err(e) => {
                lock(parts).insert(range.start, (range.end, Err(e)));
                return;
            }
        };
        loop {
            let (before, after) = {
                let mut parts = lock(parts);
                let before = parts
                    .range(..range.start)
                    .next_back()
                    .filter(|(_, (end, _))| *end == range.start)
                    .map(|(&start, _)| start);
                let before = take_partial(&mut parts, before);
                let after = take_partial(&mut parts, Some(range.end));
                if before.is_none() && after.is_none() {
                    parts.insert(range.start, (range.end, Ok(partial)));
                    return;
                }
                (before, after)
            };
            // Merged without the lock, in file order; then look again, as more parts may have
            // finished meanwhile.
            let merge = |earlier: &mut Partial, later: Partial| {
                earlier
                    .merge(later)
                    .map_err(|e| Failure::Usage(e.to_string()))
            };
            if let Some((start, _, mut earlier)) = before {
                range.start = start;
                if let Err(e) = merge(&mut earlier, partial) {
                    let mut parts = lock(parts);
                    parts.insert(range.start, (range.end, Err(e)));
                    if let Some((start, end, later)) = after {
                        parts.insert(start, (end, Ok(later)));
                    }
                    return;
                }
                partial = earlier;
            }
            if let Some((_, end, later)) = after {
                range.end = end;
                if let Err(e) = merge(&mut partial, later) {
                    lock(parts).insert(range.start, (range.end, Err(e)));
                    return;
                }
            }
        }
    }
}

/// Takes out the finished part that starts at `start`, unless there is none or it failed:
/// where it starts and ends, and its partial report.
fn take_partial(
    parts: &mut BTreeMap<u64, Part>,
    start: Option<u64>,
) -> Option<(u64, u64, Partial)> {
    let start = start?;
    match parts.remove(&start)? {
        (end, Ok(partial)) => Some((start, end, partial)),
        // A failed part stays where it is.
        (end, failed) => {
            parts.insert(start, (end, failed));
            None
        }
    }
}

/// One partial report per input, in input order, analysed on `threads` threads (0: one per
/// core).
pub fn analyze(
    inputs: &[NamedInput],
    config: &Config,
    lossy: bool,
    progress: Option<&ProgressBar>,
    Threads {
        threads,
        min_part_bytes,
    }: Threads,
) -> Result<Vec<Partial>, Failure> {
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    if threads <= 1 {
        return inputs
            .iter()
            .map(|input| analyze_whole(input, config, lossy, progress))
            .collect();
    }
    let mut queue = VecDeque::new();
    let mut spans = Vec::new();
    for (input, named) in inputs.iter().enumerate() {
        match named.files() {
            [path] => match cuttable_len(path, min_part_bytes) {
                Some(len) => {
                    let span = Span::new(path.clone(), 0..len, true);
                    spans.push((input, Arc::clone(&span)));
                    queue.push_back(Job::Span { input, span });
                }
                None => queue.push_back(Job::Whole { input }),
            },
            _ => queue.push_back(Job::Whole { input }),
        }
    }
    // No more threads than there can be parts.
    let most_parts = queue.len() as u64
        + spans
            .iter()
            .map(|(_, span)| span.unread() / min_part_bytes.max(1))
            .sum::<u64>();
    let threads = threads.min(usize::try_from(most_parts).unwrap_or(usize::MAX));
    let work = Work {
        queue: Mutex::new(queue),
        spans: Mutex::new(spans),
        cuttable: inputs.iter().map(|_| OnceLock::new()).collect(),
        config,
        lossy,
        min_part: min_part_bytes,
    };
    let finished = Finished {
        parts: inputs.iter().map(|_| Mutex::new(BTreeMap::new())).collect(),
    };
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(job) = work.next() {
                    match job {
                        Job::Whole { input } => {
                            let result = analyze_whole(&inputs[input], config, lossy, progress);
                            // Whole, it is next to no other part.
                            finished.add(input, 0..u64::MAX, result);
                        }
                        Job::Span { input, span } => {
                            let result = analyze_span(&span, config, lossy, progress);
                            finished.add(input, span.start..span.close(), result);
                        }
                    }
                }
            });
        }
    });
    let spans = lock(&work.spans);
    let mut partials = Vec::with_capacity(inputs.len());
    for (input, parts) in finished.parts.into_iter().enumerate() {
        let parts = parts.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut whole: Option<Partial> = None;
        // In file order: the first error is the one a single thread would have met.
        for (_, result) in parts.into_values() {
            let partial = result?;
            match &mut whole {
                None => whole = Some(partial),
                Some(whole) => whole
                    .merge(partial)
                    .map_err(|e| Failure::Usage(e.to_string()))?,
            }
        }
        let cut = spans.iter().filter(|(i, _)| *i == input).count() > 1;
        partials.push((whole.expect("every input has a job"), cut));
    }
    let mut out = Vec::with_capacity(inputs.len());
    for (input, (partial, cut)) in inputs.iter().zip(partials) {
        // The parts assumed the format that detection would find; should it find another,
        // read the file again, whole (not met in practice: detection reads the same start).
        let other_format = partial
            .formats
            .iter()
            .any(|f| f != InputFormat::WebPreviewText.id());
        if cut && other_format {
            out.push(analyze_whole(input, config, lossy, None)?);
        } else {
            out.push(partial);
        }
    }
    Ok(out)
}

/// The partial report of `input`, all its files.
fn analyze_whole(
    input: &NamedInput,
    config: &Config,
    lossy: bool,
    progress: Option<&ProgressBar>,
) -> Result<Partial, Failure> {
    let mut analyzer = Analyzer::new(config).map_err(|e| Failure::Usage(e.to_string()))?;
    for file in input.files() {
        let reader = read::open(file, progress)?;
        analyzer
            .read_input(reader, lossy)
            .map_err(|e| InputError::new(&display_name(file), e))?;
    }
    Ok(analyzer.into_partial())
}

/// The partial report of a span of a file; the span from byte 0 is read as the whole file's
/// start, format detection and all.
fn analyze_span(
    span: &Arc<Span>,
    config: &Config,
    lossy: bool,
    progress: Option<&ProgressBar>,
) -> Result<Partial, Failure> {
    let mut analyzer = Analyzer::new(config).map_err(|e| Failure::Usage(e.to_string()))?;
    let name = display_name(&span.path);
    // The messages of `read::open` and of the core's reading.
    let mut file =
        File::open(&span.path).map_err(|e| InputError::new(&name, format!("cannot open: {e}")))?;
    file.seek(SeekFrom::Start(span.start))
        .map_err(|e| InputError::new(&name, format!("cannot read: {e}")))?;
    let reader = SpanReader {
        file,
        span: Arc::clone(span),
    };
    let reader: Box<dyn Read> = match progress {
        Some(bar) => Box::new(bar.wrap_read(reader)),
        None => Box::new(reader),
    };
    let read = if span.start == 0 {
        analyzer.read_input(reader, lossy)
    } else {
        analyzer.read_web_preview_text_part(reader, span.start, lossy)
    };
    read.map_err(|e| InputError::new(&name, e))?;
    Ok(analyzer.into_partial())
}

/// The length of the file at `path` if it may be cut into parts (if it is `web-preview-text`,
/// which [`Work::steal`] finds out): a regular file of at least two parts, read up to that
/// length should it grow meanwhile. Any trouble here leaves the file whole: reading it reports
/// the trouble.
fn cuttable_len(path: &Path, min_part: u64) -> Option<u64> {
    if path == Path::new("-") {
        return None;
    }
    let metadata = std::fs::metadata(path).ok()?;
    (metadata.is_file() && metadata.len() >= 2 * min_part.max(1)).then_some(metadata.len())
}

/// Whether the file is `web-preview-text`: named so, or detected so from its start as reading
/// it will detect (checked again after reading, see [`analyze`]).
fn is_web_preview_text(file: &mut File, config: &Config, lossy: bool) -> std::io::Result<bool> {
    if let Some(format) = config.input {
        return Ok(format == InputFormat::WebPreviewText);
    }
    let mut start = Vec::new();
    file.take(1 << 20).read_to_end(&mut start)?;
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&start);
    let text = match std::str::from_utf8(start) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) if lossy => String::from_utf8_lossy(start),
        // The text up to invalid UTF-8 (or a character the 1 MiB cut): reading fails there
        // anyway, in the first part, whose error is the one reported.
        Err(e) => std::borrow::Cow::Borrowed(
            std::str::from_utf8(&start[..e.valid_up_to()]).expect("valid up to there"),
        ),
    };
    Ok(tgtext::input::detect_format(&text) == InputFormat::WebPreviewText)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn work(config: &Config, spans: Vec<(usize, Arc<Span>)>, min_part: u64) -> Work<'_> {
        Work {
            queue: Mutex::new(VecDeque::new()),
            cuttable: spans.iter().map(|_| OnceLock::new()).collect(),
            spans: Mutex::new(spans),
            config,
            lossy: false,
            min_part,
        }
    }

    fn stolen(job: Option<Job>) -> Arc<Span> {
        match job {
            Some(Job::Span { input: 0, span }) => span,
            _ => panic!("a span of input 0 stolen"),
        }
    }

    #[test]
    fn a_thief_takes_the_second_half_of_the_largest_span_from_a_post_boundary_ahead_of_its_reader()
    {
        let path = std::env::temp_dir().join(format!("tgtext-steal-{}.txt", std::process::id()));
        let text = tgtext_tests::corpus::web_preview_text(21, 200_000);
        std::fs::write(&path, &text).unwrap();
        let len = text.len() as u64;
        let whole = Span::new(path.clone(), 0..len, true);
        let config = Config::default();
        let work = work(&config, vec![(0, Arc::clone(&whole))], 10_000);

        let half = len / 2;
        let at = half + next_post_boundary(&text.as_bytes()[half as usize..]).unwrap() as u64;
        let thief = stolen(work.steal());
        assert_eq!((thief.start, thief.cursor().end), (at, len));
        assert_eq!(
            whole.cursor().end,
            at,
            "the victim now ends where the thief starts"
        );
        assert_eq!(work.cuttable[0].get(), Some(&true));

        // The victim's reader is past its middle: the next cut is after what it was given, in
        // the span with the most bytes unread.
        whole.cursor().given = at - 1_000;
        thief.cursor().given = at + 1_000;
        let from = (at + 1_000) + (len - (at + 1_000)) / 2;
        let next = from + next_post_boundary(&text.as_bytes()[from as usize..]).unwrap() as u64;
        let third = stolen(work.steal());
        assert_eq!((third.start, third.cursor().end), (next, len));
        assert_eq!(thief.cursor().end, next);

        // What a reader is given comes from its span alone, and stops at its moved end.
        let mut read = String::new();
        let mut reader = SpanReader {
            file: File::open(&path).unwrap(),
            span: Span::new(path.clone(), 0..at, false),
        };
        reader.read_to_string(&mut read).unwrap();
        assert_eq!(read, text[..at as usize]);

        // Less than two parts' worth unread anywhere: nothing to steal.
        for span in [&whole, &thief, &third] {
            let end = span.cursor().end;
            span.cursor().given = end - 19_999;
        }
        assert!(work.steal().is_none());
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn threads_stealing_while_they_read_cut_the_file_into_parts_that_tile_it() {
        let path = std::env::temp_dir().join(format!("tgtext-tile-{}.txt", std::process::id()));
        let text = tgtext_tests::corpus::web_preview_text(31, 2_000_000);
        std::fs::write(&path, &text).unwrap();
        let len = text.len() as u64;
        let config = Config::default();
        let mut cuts = 0;
        for round in 0..4 {
            let whole = Span::new(path.clone(), 0..len, true);
            let work = work(
                &config,
                vec![(0, Arc::clone(&whole))],
                5_000 + round * 20_000,
            );
            // Known to be web-preview-text: a thief need not read the file's first MiB first
            // (slow in a debug build, time in which a reader could finish the file alone).
            work.cuttable[0].set(true).unwrap();
            lock(&work.queue).push_back(Job::Span {
                input: 0,
                span: whole,
            });
            let parts: Mutex<Vec<(u64, u64, Vec<u8>)>> = Mutex::new(Vec::new());
            std::thread::scope(|scope| {
                for thread in 0..4 {
                    let (work, parts) = (&work, &parts);
                    scope.spawn(move || {
                        while let Some(Job::Span { span, .. }) = work.next() {
                            let mut file = File::open(&span.path).unwrap();
                            file.seek(SeekFrom::Start(span.start)).unwrap();
                            let mut reader = SpanReader {
                                file,
                                span: Arc::clone(&span),
                            };
                            // Small reads of odd sizes, pausing after each: the thieves cut
                            // while the readers read (2 MB take the four at least 50 ms).
                            let mut bytes = Vec::new();
                            let mut piece = vec![0u8; 1_000 + 333 * thread];
                            loop {
                                let n = reader.read(&mut piece).unwrap();
                                if n == 0 {
                                    break;
                                }
                                bytes.extend_from_slice(&piece[..n]);
                                std::thread::sleep(std::time::Duration::from_micros(100));
                            }
                            let end = span.close();
                            lock(parts).push((span.start, end, bytes));
                        }
                    });
                }
            });
            let mut parts = parts.into_inner().unwrap();
            parts.sort_by_key(|&(start, ..)| start);
            cuts += parts.len() - 1;
            let mut at = 0;
            for (start, end, bytes) in &parts {
                assert_eq!(*start, at, "round {round}: a gap or an overlap at {at}");
                assert_eq!(bytes[..], text.as_bytes()[*start as usize..*end as usize]);
                if *start > 0 {
                    // A post boundary is at a line's start (which boundary, the unit test above
                    // holds; that parts merge into the whole, cli/tests/merge.rs).
                    assert_eq!(
                        text.as_bytes()[*start as usize - 1],
                        b'\n',
                        "round {round}: a part starts at {start}, inside a line"
                    );
                }
                at = *end;
            }
            assert_eq!(at, len, "round {round}: the parts end at the file's end");
        }
        assert!(cuts > 0, "no thread ever stole");
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn a_span_without_a_boundary_ahead_does_not_stop_a_thief_taking_another() {
        let dir = std::env::temp_dir();
        let long = dir.join(format!("tgtext-long-post-{}.txt", std::process::id()));
        let other = dir.join(format!("tgtext-other-{}.txt", std::process::id()));
        // One post of 400 KB: no footer or date line in it to cut at.
        let mut text = tgtext_tests::corpus::web_preview_text(5, 2_000);
        while text.len() < 400_000 {
            text.push_str("a line of a very long post, with no footer or date under it\n");
        }
        std::fs::write(&long, &text).unwrap();
        let small = tgtext_tests::corpus::web_preview_text(6, 100_000);
        std::fs::write(&other, &small).unwrap();
        let config = Config::default();
        let spans = vec![
            (0, Span::new(long.clone(), 0..text.len() as u64, true)),
            (1, Span::new(other.clone(), 0..small.len() as u64, true)),
        ];
        let work = work(&config, spans, 1_000);
        match work.steal() {
            Some(Job::Span { input: 1, span }) => assert!(span.start > 0),
            _ => panic!("the other file's span was not cut"),
        }
        std::fs::remove_file(long).unwrap();
        std::fs::remove_file(other).unwrap();
    }

    #[test]
    fn the_last_part_reads_what_was_appended_and_a_short_file_ends_its_part_for_good() {
        let path = std::env::temp_dir().join(format!("tgtext-grow-{}.txt", std::process::id()));
        std::fs::write(&path, "0123456789").unwrap();
        let last = Span::new(path.clone(), 4..10, true);
        let mut file = File::open(&path).unwrap();
        file.seek(SeekFrom::Start(4)).unwrap();
        let mut reader = SpanReader {
            file,
            span: Arc::clone(&last),
        };
        let mut buf = [0u8; 3];
        assert_eq!(reader.read(&mut buf).unwrap(), 3);
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"abc")
            .unwrap();
        let mut rest = String::new();
        reader.read_to_string(&mut rest).unwrap();
        assert_eq!(rest, "789abc", "read on past the length at the start");
        assert_eq!(last.close(), 13);

        // A part that the file no longer reaches ends where the file does, and stays ended.
        std::fs::write(&path, "0123").unwrap();
        let cut_short = Span::new(path.clone(), 0..10, false);
        let mut reader = SpanReader {
            file: File::open(&path).unwrap(),
            span: Arc::clone(&cut_short),
        };
        let mut read = String::new();
        reader.read_to_string(&mut read).unwrap();
        assert_eq!(read, "0123");
        std::fs::write(&path, "0123456789").unwrap();
        assert_eq!(reader.read(&mut buf).unwrap(), 0);
        assert_eq!(cut_short.close(), 4);
        std::fs::remove_file(path).unwrap();
    }

    /// The finished parts of one input.
    fn one_input() -> Finished {
        Finished {
            parts: vec![Mutex::new(BTreeMap::new())],
        }
    }

    fn parts_of(finished: Finished) -> BTreeMap<u64, Part> {
        let [parts] = <[_; 1]>::try_from(finished.parts).unwrap_or_else(|_| panic!("one input"));
        parts.into_inner().unwrap()
    }

    /// The partial report of `text`, with post records (numbered, so order shows).
    fn partial_of(config: &Config, text: &str) -> Partial {
        let mut analyzer = Analyzer::new(config).unwrap();
        analyzer.read_input(text.as_bytes(), false).unwrap();
        analyzer.into_partial()
    }

    #[test]
    fn parts_finished_in_any_order_merge_into_the_parts_merged_in_file_order() {
        let config = Config {
            posts: true,
            split: Some(tgtext::Split::Paragraph),
            ..Config::default()
        };
        let texts = [
            "#один 🇷🇺 слово\n\nword",
            "#Один @chan\n\n#two 🇷🇺",
            "слово word #два",
            "$TSLA t.me/x 👍🏽\n\n#один",
        ];
        let bounds = [0, 10, 25, 40, 60];
        let mut in_order = partial_of(&config, texts[0]);
        for text in &texts[1..] {
            in_order.merge(partial_of(&config, text)).unwrap();
        }
        let expected = in_order.to_json();
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]] {
            let finished = one_input();
            for &i in &order {
                finished.add(
                    0,
                    bounds[i]..bounds[i + 1],
                    Ok(partial_of(&config, texts[i])),
                );
            }
            let parts = parts_of(finished);
            let [(0, (60, Ok(merged)))] = &parts.into_iter().collect::<Vec<_>>()[..] else {
                panic!("{order:?}: not merged into one part");
            };
            assert_eq!(merged.to_json(), expected, "{order:?}");
        }

        // A failed part is kept apart, so that the first error in file order is reported.
        let finished = one_input();
        finished.add(0, 0..10, Ok(partial_of(&config, texts[0])));
        finished.add(
            0,
            10..25,
            Err(Failure::Usage("the second part failed".into())),
        );
        finished.add(0, 25..40, Ok(partial_of(&config, texts[2])));
        let parts = parts_of(finished);
        let shape: Vec<(u64, u64, bool)> = parts
            .iter()
            .map(|(&start, (end, result))| (start, *end, result.is_ok()))
            .collect();
        assert_eq!(shape, [(0, 10, true), (10, 25, false), (25, 40, true)]);
    }

    #[test]
    fn a_file_that_is_not_web_preview_text_is_never_cut() {
        let path = std::env::temp_dir().join(format!("tgtext-steal-{}.json", std::process::id()));
        let mut json =
            String::from("{\"name\": \"x\", \"type\": \"public_channel\", \"messages\": [\n");
        while json.len() < 100_000 {
            json.push_str("{\"id\": 1, \"type\": \"message\", \"text\": \"#tag\"},\n\n");
        }
        json.push_str("{\"id\": 2, \"type\": \"message\", \"text\": \"\"}]}\n");
        std::fs::write(&path, &json).unwrap();
        let whole = Span::new(path.clone(), 0..json.len() as u64, true);
        let config = Config::default();
        let work = work(&config, vec![(0, Arc::clone(&whole))], 10_000);
        assert!(work.steal().is_none());
        assert_eq!(work.cuttable[0].get(), Some(&false));
        assert_eq!(whole.cursor().end, json.len() as u64);
        std::fs::remove_file(path).unwrap();
    }
}
