//! Finding and opening inputs: files, export folders or stdin, with a progress bar on long runs.
//! Decoding and parsing are the core's (`Analyzer::read_input`); this module only hands it bytes.

use std::fmt;
use std::fs::File;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};

/// Inputs larger than this in total get a progress bar (when stderr is a terminal).
const PROGRESS_BYTES: u64 = 16 << 20;

/// An input that cannot be read, named as the user named it.
#[derive(Debug)]
pub struct InputError {
    name: String,
    message: String,
}

impl InputError {
    pub fn new(name: &str, message: impl fmt::Display) -> Self {
        InputError {
            name: name.to_string(),
            message: message.to_string(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.message)
    }
}

/// How a path is named in messages (`<stdin>` for `-`).
pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Reads the extra stopword file: one word per line.
pub fn stopwords_file(path: &Path) -> Result<Vec<String>, InputError> {
    let name = display_name(path);
    let bytes = std::fs::read(path)
        .map_err(|e| InputError::new(&name, format!("cannot read the stopword file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        InputError::new(
            &name,
            format!(
                "invalid UTF-8 at byte offset {}",
                e.utf8_error().valid_up_to()
            ),
        )
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

/// One input as the user named it: a file, stdin, or an export folder whose files are read in
/// order (`result.json`, or `messages.html`, `messages2.html`, …).
pub struct NamedInput {
    pub name: String,
    files: Vec<PathBuf>,
}

impl NamedInput {
    /// The files to read, in order.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }
}

/// Resolves every path first, so that a missing file fails the run before any work.
pub fn resolve(paths: &[PathBuf]) -> Result<(Vec<NamedInput>, Option<ProgressBar>), InputError> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        paths.to_vec()
    };
    let mut inputs = Vec::new();
    let mut total = 0;
    for path in paths {
        let name = display_name(&path);
        if path == Path::new("-") {
            inputs.push(NamedInput {
                name,
                files: vec![path],
            });
            continue;
        }
        let meta = std::fs::metadata(&path)
            .map_err(|e| InputError::new(&name, format!("cannot open: {e}")))?;
        let files = if meta.is_dir() {
            export_files(&path, &name)?
        } else {
            vec![path]
        };
        for file in &files {
            total += std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        }
        inputs.push(NamedInput { name, files });
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
    Ok((inputs, progress))
}

/// The files of a Telegram Desktop export folder: `result.json`, else the HTML pages in order.
fn export_files(dir: &Path, name: &str) -> Result<Vec<PathBuf>, InputError> {
    let json = dir.join("result.json");
    if json.is_file() {
        return Ok(vec![json]);
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|e| InputError::new(name, format!("cannot read the folder: {e}")))?;
    let mut pages: Vec<(u32, PathBuf)> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter_map(|path| {
            let file = path.file_name()?.to_str()?;
            let number = file.strip_prefix("messages")?.strip_suffix(".html")?;
            let number = if number.is_empty() {
                1
            } else {
                number.parse().ok()?
            };
            Some((number, path))
        })
        .collect();
    if pages.is_empty() {
        return Err(InputError::new(
            name,
            "is a folder with no recognised export in it (no result.json, no messages.html)",
        ));
    }
    pages.sort();
    Ok(pages.into_iter().map(|(_, path)| path).collect())
}

/// Opens one file (or stdin) for reading, counting its bytes on the progress bar.
pub fn open(path: &Path, progress: Option<&ProgressBar>) -> Result<Box<dyn Read>, InputError> {
    let reader: Box<dyn Read> = if path == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        let file = File::open(path)
            .map_err(|e| InputError::new(&display_name(path), format!("cannot open: {e}")))?;
        Box::new(file)
    };
    Ok(match progress {
        Some(bar) => Box::new(bar.wrap_read(reader)),
        None => reader,
    })
}
