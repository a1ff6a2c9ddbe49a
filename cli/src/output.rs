//! The run's output, held back until the run succeeds: on an error nothing reaches stdout
//! (SPEC §6). Small outputs stay in memory; past 64 MiB (`strip` of a large input) the rest
//! goes to a temporary file, so memory stays bounded for inputs of any size.
//!
//! In memory, the output is kept in pieces of at most 1 MiB rather than one growing buffer:
//! growing a 25 MB report by doubling held the old and the new buffer at once (tens of MB more
//! at the peak of a 1 GB run) and copied it each time.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

use crate::destination::Destination;

const MEMORY_LIMIT: usize = 64 << 20;
const PIECE: usize = 1 << 20;

#[derive(Default)]
pub struct Output {
    /// Pieces of at most [`PIECE`] bytes (or one larger piece given whole), in order.
    memory: Vec<Vec<u8>>,
    memory_len: usize,
    spill: Option<(File, PathBuf)>,
    /// Where it goes once the run has succeeded (`-o FILE`, else stdout).
    destination: Destination,
}

impl Output {
    /// The same output, bound for `destination`.
    pub fn to(mut self, destination: Destination) -> Self {
        self.destination = destination;
        self
    }

    /// Where the output goes (stdout from then on).
    pub fn take_destination(&mut self) -> Destination {
        std::mem::take(&mut self.destination)
    }

    pub fn push(&mut self, mut bytes: &[u8]) -> io::Result<()> {
        if self.spill.is_none() && self.memory_len + bytes.len() <= MEMORY_LIMIT {
            self.memory_len += bytes.len();
            while !bytes.is_empty() {
                let last = match self.memory.last_mut() {
                    Some(last) if last.len() < last.capacity() => last,
                    _ => {
                        self.memory.push(Vec::with_capacity(PIECE));
                        self.memory.last_mut().expect("just pushed")
                    }
                };
                let n = bytes.len().min(last.capacity() - last.len());
                last.extend_from_slice(&bytes[..n]);
                bytes = &bytes[n..];
            }
            return Ok(());
        }
        if self.spill.is_none() {
            self.spill = Some(create_spill_file()?);
        }
        let (file, _) = self.spill.as_mut().expect("spill file is open");
        file.write_all(bytes)
    }

    /// Writes everything to `out`.
    pub fn write_to(mut self, out: &mut impl Write) -> io::Result<()> {
        for piece in &self.memory {
            out.write_all(piece)?;
        }
        if let Some((file, _)) = &mut self.spill {
            file.seek(SeekFrom::Start(0))?;
            let mut buffer = vec![0; 1 << 20];
            loop {
                let n = file.read(&mut buffer)?;
                if n == 0 {
                    break;
                }
                out.write_all(&buffer[..n])?;
            }
        }
        out.flush()
    }
}

/// A fresh file only this user can read: the name has the process id, the time and a counter,
/// and an existing file (left by a killed run whose pid came round again) is skipped.
fn create_spill_file() -> io::Result<(File, PathBuf)> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut last_error = None;
    for attempt in 0..100 {
        let name = format!("tgtext-output-{}-{nanos}-{attempt}.tmp", std::process::id());
        let path = std::env::temp_dir().join(name);
        let mut options = File::options();
        options.read(true).write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(file) => return Ok((file, path)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => last_error = Some(err),
            Err(err) => {
                return Err(io::Error::new(
                    err.kind(),
                    format!("{}: {err}", path.display()),
                ))
            }
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::other("no free temporary file name")))
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Some((_, path)) = &self.spill {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl From<Vec<u8>> for Output {
    fn from(memory: Vec<u8>) -> Self {
        Output {
            memory_len: memory.len(),
            memory: vec![memory],
            spill: None,
            destination: Destination::Stdout,
        }
    }
}

/// Writing is pushing: a report can be rendered straight into the held-back output.
impl Write for Output {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.push(bytes)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spill_files_are_fresh_and_private() {
        let (_a, first) = create_spill_file().expect("a spill file");
        let (_b, second) = create_spill_file().expect("another spill file");
        assert_ne!(first, second);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&first)
                .expect("it exists")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_file(first).expect("removable");
        std::fs::remove_file(second).expect("removable");
    }

    #[test]
    fn output_pushed_in_pieces_of_any_size_comes_back_whole_and_in_order() {
        let mut output = Output::from(b"start ".to_vec());
        let mut expected = b"start ".to_vec();
        let mut byte = 0u8;
        // Sizes around the piece size: pieces end exactly, inside and past a pushed slice.
        for size in [1, PIECE - 7, 3, PIECE, PIECE + 5, 0, 2 * PIECE + 1, 11] {
            let bytes: Vec<u8> = (0..size)
                .map(|_| {
                    byte = byte.wrapping_add(1);
                    byte
                })
                .collect();
            output.push(&bytes).expect("pushes");
            expected.extend_from_slice(&bytes);
        }
        assert!(output
            .memory
            .iter()
            .skip(1)
            .all(|piece| piece.len() <= PIECE));
        assert_eq!(output.memory_len, expected.len());
        let mut all = Vec::new();
        output.write_to(&mut all).expect("writes");
        assert!(all == expected, "the bytes come back whole and in order");
    }

    #[test]
    fn output_past_the_memory_limit_comes_back_whole() {
        let mut output = Output::default();
        let piece = vec![b'x'; 1 << 20];
        for _ in 0..(MEMORY_LIMIT >> 20) + 3 {
            output.push(&piece).expect("pushes");
        }
        let spilled = output
            .spill
            .as_ref()
            .map(|(_, p)| p.clone())
            .expect("spilled to a file");
        let mut all = Vec::new();
        output.write_to(&mut all).expect("writes");
        assert_eq!(all.len(), MEMORY_LIMIT + (3 << 20));
        assert!(!spilled.exists(), "the spill file is removed");
    }
}
