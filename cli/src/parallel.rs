//! Analysing on several threads: each input on a thread of its own, and a large
//! `web-preview-text` file cut into parts at post boundaries, each part on a thread, their
//! partial reports merged in order into the file's (exact: `tests/tests/merge.rs` in the core
//! and `tests/tests/cli_parts.rs` hold the parts to the whole).

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

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

/// What one thread analyses: a whole input, or a part of a file.
struct Job {
    input: usize,
    part: Option<Part>,
}

/// The bytes `range` of the file at `path`; the part from byte 0 is read as the whole file's
/// start, format detection and all.
struct Part {
    path: PathBuf,
    range: std::ops::Range<u64>,
}

/// One partial report per input, in input order, analysed on `threads` threads (0: one per
/// core). An input with a file's worth of threads to spare is cut into parts.
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
    let parts_per_input = (threads / inputs.len()).max(1);
    let mut jobs = Vec::new();
    for (input, named) in inputs.iter().enumerate() {
        let parts = match named.files() {
            [path] if parts_per_input > 1 => {
                cut(path, config, lossy, parts_per_input, min_part_bytes)
            }
            _ => Vec::new(),
        };
        if parts.len() < 2 {
            jobs.push(Job { input, part: None });
        }
        for range in parts.windows(2) {
            let path = named.files()[0].clone();
            jobs.push(Job {
                input,
                part: Some(Part {
                    path,
                    range: range[0]..range[1],
                }),
            });
        }
    }
    let results = run(&jobs, threads, |job| {
        analyze_job(
            &inputs[job.input],
            job.part.as_ref(),
            config,
            lossy,
            progress,
        )
    });
    let mut partials: Vec<Option<Partial>> = inputs.iter().map(|_| None).collect();
    for (job, result) in jobs.iter().zip(results) {
        let partial = result?;
        match &mut partials[job.input] {
            None => partials[job.input] = Some(partial),
            Some(whole) => whole
                .merge(partial)
                .map_err(|e| Failure::Usage(e.to_string()))?,
        }
    }
    let mut out = Vec::with_capacity(inputs.len());
    for (i, (input, partial)) in inputs.iter().zip(partials).enumerate() {
        let partial = partial.expect("every input has a job");
        let was_cut = jobs.iter().any(|job| job.input == i && job.part.is_some());
        // The parts assumed the format that detection would find; should it find another,
        // read the file again, whole (not met in practice: detection reads the same start).
        let other_format = partial
            .formats
            .iter()
            .any(|f| f != InputFormat::WebPreviewText.id());
        if was_cut && other_format {
            out.push(analyze_job(input, None, config, lossy, None)?);
        } else {
            out.push(partial);
        }
    }
    Ok(out)
}

/// Runs `work` on every job, on up to `threads` threads; the results in job order.
fn run<T: Send>(jobs: &[Job], threads: usize, work: impl Fn(&Job) -> T + Sync) -> Vec<T> {
    let threads = threads.min(jobs.len());
    if threads <= 1 {
        return jobs.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<T>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let result = work(job);
                *results[i].lock().expect("no worker panics") = Some(result);
            });
        }
    });
    results
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .expect("no worker panics")
                .expect("every job ran")
        })
        .collect()
}

/// The partial report of `input`, or of one part of it.
fn analyze_job(
    input: &NamedInput,
    part: Option<&Part>,
    config: &Config,
    lossy: bool,
    progress: Option<&ProgressBar>,
) -> Result<Partial, Failure> {
    let mut analyzer = Analyzer::new(config).map_err(|e| Failure::Usage(e.to_string()))?;
    match part {
        None => {
            for file in input.files() {
                let reader = read::open(file, progress)?;
                analyzer
                    .read_input(reader, lossy)
                    .map_err(|e| InputError::new(&display_name(file), e))?;
            }
        }
        Some(Part { path, range }) => {
            let name = display_name(path);
            let cannot = |e: std::io::Error| InputError::new(&name, format!("cannot read: {e}"));
            let mut file = File::open(path).map_err(cannot)?;
            file.seek(SeekFrom::Start(range.start)).map_err(cannot)?;
            let part = file.take(range.end - range.start);
            let part: Box<dyn Read> = match progress {
                Some(bar) => Box::new(bar.wrap_read(part)),
                None => Box::new(part),
            };
            let read = if range.start == 0 {
                analyzer.read_input(part, lossy)
            } else {
                analyzer.read_web_preview_text_part(part, range.start, lossy)
            };
            read.map_err(|e| InputError::new(&name, e))?;
        }
    }
    Ok(analyzer.into_partial())
}

/// Where to cut the file at `path` into up to `parts` parts: their bounds, from 0 to the file's
/// length, or nothing when it is not a large enough `web-preview-text` file or has no post
/// boundaries where they are needed. Any trouble reading here leaves the file whole: reading
/// it reports the trouble.
fn cut(path: &Path, config: &Config, lossy: bool, parts: usize, min_part: u64) -> Vec<u64> {
    let cut_file = || -> std::io::Result<Vec<u64>> {
        if path == Path::new("-") {
            return Ok(Vec::new());
        }
        let mut file = File::open(path)?;
        let metadata = file.metadata()?;
        let len = metadata.len();
        let parts = (parts as u64).min(len / min_part.max(1));
        if !metadata.is_file() || parts < 2 || !is_web_preview_text(&mut file, config, lossy)? {
            return Ok(Vec::new());
        }
        let mut bounds = vec![0];
        let mut window = Vec::new();
        for k in 1..parts {
            let nominal = len * k / parts;
            window.clear();
            file.seek(SeekFrom::Start(nominal))?;
            (&mut file).take(BOUNDARY_WINDOW).read_to_end(&mut window)?;
            if let Some(at) = next_post_boundary(&window) {
                let at = nominal + at as u64;
                if at > *bounds.last().expect("0 is there") && at < len {
                    bounds.push(at);
                }
            }
        }
        bounds.push(len);
        Ok(bounds)
    };
    cut_file().unwrap_or_default()
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
