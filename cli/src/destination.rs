//! `-o/--output FILE` (and every other file the CLI writes): never one of the run's inputs
//! (SPEC §7: nothing is written to the user's input files, ever).
//!
//! Two paths name the same file when their canonical paths are equal (`./a`, `dir/../a`, a
//! symbolic link) or, on Unix, when they have the same device and inode (a hard link, a
//! bind mount). A file that does not exist yet cannot be an input. Stdin (`-`) is compared
//! by what it is open on, so `tgtext analyze -o a.json < a.json` is refused too.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::output::Output;
use crate::read::{display_name, NamedInput};

/// Where the output goes.
#[derive(Debug, Default)]
pub enum Destination {
    #[default]
    Stdout,
    File(PathBuf),
}

impl Destination {
    /// `-o FILE`; none or `-o -` is stdout.
    pub fn new(path: Option<&Path>) -> Self {
        match path {
            Some(path) if path != Path::new("-") => Destination::File(path.to_path_buf()),
            _ => Destination::Stdout,
        }
    }
}

/// The identity of an existing file: its canonical path, and its device and inode on Unix.
#[derive(Debug)]
struct Identity {
    canonical: Option<PathBuf>,
    #[cfg(unix)]
    dev_ino: Option<(u64, u64)>,
}

impl Identity {
    /// `None` when nothing exists at `path` (following links).
    fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(not(unix))]
        let _ = meta;
        Some(Identity {
            canonical: std::fs::canonicalize(path).ok(),
            #[cfg(unix)]
            dev_ino: Some({
                use std::os::unix::fs::MetadataExt;
                (meta.dev(), meta.ino())
            }),
        })
    }

    /// What stdin is open on, when that is a file (not a terminal or a pipe's other end).
    fn of_stdin() -> Option<Self> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::{FileTypeExt, MetadataExt};
            let meta = std::fs::metadata("/dev/stdin").ok()?;
            let kind = meta.file_type();
            if kind.is_fifo() || kind.is_socket() || kind.is_char_device() {
                return None;
            }
            Some(Identity {
                canonical: std::fs::canonicalize("/dev/stdin").ok(),
                dev_ino: Some((meta.dev(), meta.ino())),
            })
        }
        #[cfg(not(unix))]
        None
    }

    fn same(&self, other: &Identity) -> bool {
        #[cfg(unix)]
        if let (Some(a), Some(b)) = (self.dev_ino, other.dev_ino) {
            if a == b {
                return true;
            }
        }
        matches!((&self.canonical, &other.canonical), (Some(a), Some(b)) if a == b)
    }
}

/// Fails with a message for the user when `output` is one of the inputs' files or one of
/// `others` (a stopword file), so nothing is read, counted or written.
pub fn refuse_inputs(
    destination: &Destination,
    inputs: &[NamedInput],
    others: &[&Path],
) -> Result<(), String> {
    let Destination::File(output) = destination else {
        return Ok(());
    };
    let Some(target) = Identity::of(output) else {
        return Ok(()); // a new file is no input
    };
    let files = inputs
        .iter()
        .flat_map(|input| input.files().iter().map(PathBuf::as_path))
        .chain(others.iter().copied());
    for file in files {
        let identity = if file == Path::new("-") {
            Identity::of_stdin()
        } else {
            Identity::of(file)
        };
        if identity.is_some_and(|input| input.same(&target)) {
            return Err(format!(
                "refusing to write to {}: it is also an input ({}); nothing was written",
                output.display(),
                display_name(file)
            ));
        }
    }
    Ok(())
}

/// Writes the whole output to `path` (created or truncated only now, after the run succeeded).
pub fn write_file(output: Output, path: &Path) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("{}: cannot write the output: {e}", path.display());
    let mut file = File::create(path).map_err(fail)?;
    output.write_to(&mut file).map_err(fail)?;
    file.flush().map_err(fail)
}
