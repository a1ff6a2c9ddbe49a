//! Reading inputs: files or stdin, in chunks, decoded as UTF-8 with byte offsets for errors.

use std::fmt;
use std::fs::File;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};

/// How much is read at a time.
const CHUNK_BYTES: usize = 1 << 20;
/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";
/// Inputs larger than this in total get a progress bar (when stderr is a terminal).
const PROGRESS_BYTES: u64 = 16 << 20;

/// An input that cannot be read or decoded, named as the user named it.
#[derive(Debug)]
pub struct InputError {
    name: String,
    message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.message)
    }
}

fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Reads the extra stopword file: one word per line.
pub fn stopwords_file(path: &Path) -> Result<Vec<String>, InputError> {
    let error = |message: String| InputError {
        name: display_name(path),
        message,
    };
    let bytes =
        std::fs::read(path).map_err(|e| error(format!("cannot read the stopword file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        error(format!(
            "invalid UTF-8 at byte offset {}",
            e.utf8_error().valid_up_to()
        ))
    })?;
    // A byte-order mark (as some editors write) is not part of the first word.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect())
}

/// The inputs of one run, in order.
pub struct Inputs {
    paths: std::vec::IntoIter<PathBuf>,
    lossy: bool,
    progress: Option<ProgressBar>,
}

impl Inputs {
    /// Checks every path first, so that a missing file fails the run before any work.
    pub fn open(files: &[PathBuf], lossy: bool) -> Result<Self, InputError> {
        let paths: Vec<PathBuf> = if files.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            files.to_vec()
        };
        let mut total = 0;
        for path in &paths {
            if path == Path::new("-") {
                continue;
            }
            let error = |message: String| InputError {
                name: display_name(path),
                message,
            };
            let meta = std::fs::metadata(path).map_err(|e| error(format!("cannot open: {e}")))?;
            if meta.is_dir() {
                return Err(error(
                    "is a directory with no recognised export in it".to_string(),
                ));
            }
            total += meta.len();
        }
        let progress = (total >= PROGRESS_BYTES && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
                )
                .expect("the template is valid"),
            );
            bar
        });
        Ok(Inputs {
            paths: paths.into_iter(),
            lossy,
            progress,
        })
    }

    /// Opens the next input.
    pub fn next_input(&mut self) -> Result<Option<Input>, InputError> {
        let Some(path) = self.paths.next() else {
            return Ok(None);
        };
        let name = display_name(&path);
        let reader: Box<dyn Read> = if path == Path::new("-") {
            Box::new(std::io::stdin().lock())
        } else {
            let file = File::open(&path).map_err(|e| InputError {
                name: name.clone(),
                message: format!("cannot open: {e}"),
            })?;
            Box::new(file)
        };
        Ok(Some(Input {
            name,
            reader,
            lossy: self.lossy,
            progress: self.progress.clone(),
            raw: vec![0; CHUNK_BYTES],
            carry: Vec::new(),
            decoded: String::new(),
            offset: 0,
            at_start: true,
            done: false,
        }))
    }

    /// Clears the progress bar.
    pub fn finish(self) {
        if let Some(bar) = self.progress {
            bar.finish_and_clear();
        }
    }
}

/// One input being read.
pub struct Input {
    name: String,
    reader: Box<dyn Read>,
    lossy: bool,
    progress: Option<ProgressBar>,
    raw: Vec<u8>,
    /// The bytes of a UTF-8 sequence that the last read cut in two.
    carry: Vec<u8>,
    decoded: String,
    /// The input's byte offset of `carry`'s first byte.
    offset: u64,
    at_start: bool,
    done: bool,
}

impl Input {
    /// A core error, named with this input.
    pub fn error(&self, err: tgtext::Error) -> InputError {
        InputError {
            name: self.name.clone(),
            message: err.to_string(),
        }
    }

    /// The next decoded chunk, or `None` at the end.
    pub fn next_chunk(&mut self) -> Result<Option<&str>, InputError> {
        loop {
            if self.done {
                return Ok(None);
            }
            let read = loop {
                match self.reader.read(&mut self.raw) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        return Err(InputError {
                            name: self.name.clone(),
                            message: format!("cannot read: {e}"),
                        })
                    }
                }
            };
            if let Some(bar) = &self.progress {
                bar.inc(read as u64);
            }
            let eof = read == 0;
            self.done = eof;
            let mut bytes = std::mem::take(&mut self.carry);
            bytes.extend_from_slice(&self.raw[..read]);
            self.decode(&bytes, eof)?;
            if !self.decoded.is_empty() {
                return Ok(Some(&self.decoded));
            }
        }
    }

    /// Decodes `bytes` (which start at `self.offset`) into `self.decoded`, keeping an unfinished
    /// sequence at the end for the next read.
    fn decode(&mut self, bytes: &[u8], eof: bool) -> Result<(), InputError> {
        self.decoded.clear();
        let mut rest = bytes;
        if self.at_start {
            // A UTF-8 byte-order mark is not text. A read (of a pipe, say) may end inside it:
            // then wait for the rest before deciding.
            if !eof && bytes.len() < BOM.len() && BOM.starts_with(bytes) {
                self.carry = bytes.to_vec();
                return Ok(());
            }
            self.at_start = false;
            if let Some(after) = rest.strip_prefix(BOM) {
                rest = after;
                self.offset += BOM.len() as u64;
            }
        }
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.decoded.push_str(text);
                    self.offset += rest.len() as u64;
                    return Ok(());
                }
                Err(err) => {
                    let valid = err.valid_up_to();
                    let text = std::str::from_utf8(&rest[..valid]).expect("valid up to here");
                    self.decoded.push_str(text);
                    let bad_at = self.offset + valid as u64;
                    match err.error_len() {
                        None if !eof => {
                            self.carry = rest[valid..].to_vec();
                            self.offset = bad_at;
                            return Ok(());
                        }
                        error_len => {
                            if !self.lossy {
                                return Err(InputError {
                                    name: self.name.clone(),
                                    message: format!(
                                        "invalid UTF-8 at byte offset {bad_at} (use --lossy to replace it with U+FFFD)"
                                    ),
                                });
                            }
                            self.decoded.push('\u{FFFD}');
                            let skip = error_len.unwrap_or(rest.len() - valid);
                            rest = &rest[valid + skip..];
                            self.offset = bad_at + skip as u64;
                        }
                    }
                }
            }
        }
    }
}
