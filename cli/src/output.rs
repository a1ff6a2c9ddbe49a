//! The run's output, held back until the run succeeds: on an error nothing reaches stdout
//! (SPEC §6). Small outputs stay in memory; past 64 MiB (`strip` of a large input) the rest
//! goes to a temporary file, so memory stays bounded for inputs of any size.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

const MEMORY_LIMIT: usize = 64 << 20;

#[derive(Default)]
pub struct Output {
    memory: Vec<u8>,
    spill: Option<(File, PathBuf)>,
}

impl Output {
    pub fn push(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.spill.is_none() && self.memory.len() + bytes.len() <= MEMORY_LIMIT {
            self.memory.extend_from_slice(bytes);
            return Ok(());
        }
        if self.spill.is_none() {
            let path =
                std::env::temp_dir().join(format!("tgtext-output-{}.tmp", std::process::id()));
            let file = File::options()
                .read(true)
                .write(true)
                .create_new(true)
                .open(&path)?;
            self.spill = Some((file, path));
        }
        let (file, _) = self.spill.as_mut().expect("spill file is open");
        file.write_all(bytes)
    }

    /// Writes everything to `out`.
    pub fn write_to(mut self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(&self.memory)?;
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
            memory,
            spill: None,
        }
    }
}
