//! The case corpus (`tests/cases/*.json`) through the real `tgtext` binary.
//!
//! Each case's options become flags; its input reaches the binary as a file or, for every other
//! case, on stdin. Besides the corpus's own expectations, the binary's output must be byte for
//! byte what the core library prints for the same input and options (SPEC §5 "JSON bytes"):
//! the CLI reads in chunks and the core test feeds one string, so this also pins that chunked
//! reading changes nothing.

use std::cell::Cell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;
use tgtext_tests::cases::{self, Case, KwicCase, StripCase};

/// A directory of its own under the system's temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(test: &str) -> Self {
        let path = std::env::temp_dir().join(format!("tgtext-cli-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("the temp dir can be created");
        TempDir(path)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("the temp file can be written");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// How a case's input reaches the binary.
enum Source<'a> {
    File(&'a Path),
    Stdin(&'a [u8]),
}

/// Runs `tgtext` and returns its stdout, or a description of the failure.
fn run(args: &[String], source: Source<'_>) -> Result<String, String> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tgtext"));
    command.args(args);
    let stdin_bytes = match source {
        Source::File(path) => {
            command.arg(path);
            None
        }
        Source::Stdin(bytes) => {
            command.arg("-");
            Some(bytes)
        }
    };
    let mut child = command
        .stdin(if stdin_bytes.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start tgtext: {e}"))?;
    if let Some(bytes) = stdin_bytes {
        let mut stdin = child.stdin.take().expect("stdin is piped");
        // The inputs are small; a failed write shows up as a wrong report below.
        let _ = stdin.write_all(bytes);
    }
    let output = child
        .wait_with_output()
        .map_err(|e| format!("cannot wait for tgtext: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("panicked") {
        return Err(format!("tgtext panicked: {stderr}"));
    }
    if !output.status.success() {
        return Err(format!(
            "tgtext {} exited with {}: {stderr}",
            args.join(" "),
            output.status
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("stdout is not UTF-8: {e}"))
}

/// `"plain"`, `2`, `true`: an option's value as a flag argument.
fn scalar(key: &str, value: &Value) -> Result<String, String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(format!("option {key}: cannot pass {other} as a flag")),
    }
}

fn flag_on(key: &str, value: &Value) -> Result<bool, String> {
    value
        .as_bool()
        .ok_or_else(|| format!("option {key}: expected true or false, got {value}"))
}

/// The `analyze` flags for a case's options (the npm spelling, SPEC §6).
fn analyze_flags(case: &Case, dir: &TempDir) -> Result<Vec<String>, String> {
    let mut flags = vec!["analyze".to_string(), "--format".into(), "json".into()];
    for (key, value) in &case.options {
        match key.as_str() {
            "input" | "top" | "stopwords" | "split" | "timeline" | "time_zone" => {
                flags.push(format!("--{}", key.replace('_', "-")));
                flags.push(scalar(key, value)?);
            }
            "posts" | "ngrams" | "cooccurrence" | "distinctive" | "stem" | "fold_yo" => {
                if flag_on(key, value)? {
                    flags.push(format!("--{}", key.replace('_', "-")));
                }
            }
            "stopwords_extra" => {
                let words = value
                    .as_array()
                    .ok_or_else(|| format!("option {key}: expected an array, got {value}"))?;
                let mut file = String::new();
                for word in words {
                    file.push_str(word.as_str().ok_or("stopwords_extra holds strings")?);
                    file.push('\n');
                }
                let path = dir.write("stopwords.txt", file.as_bytes());
                flags.push("--stopwords-file".into());
                flags.push(path.display().to_string());
            }
            other => return Err(format!("no CLI flag for the option {other}")),
        }
    }
    Ok(flags)
}

/// The `strip` flags for a case's strip options.
fn strip_flags(strip: &StripCase) -> Result<Vec<String>, String> {
    let mut flags = vec!["strip".to_string(), "--format".into(), "json".into()];
    for (key, value) in &strip.options {
        match key.as_str() {
            "input" | "split" => {
                flags.push(format!("--{key}"));
                flags.push(scalar(key, value)?);
            }
            "remove" => {
                let kinds = value
                    .as_array()
                    .ok_or_else(|| format!("option {key}: expected an array, got {value}"))?
                    .iter()
                    .map(|k| k.as_str().ok_or("remove holds strings"))
                    .collect::<Result<Vec<_>, _>>()?;
                flags.push("--remove".into());
                flags.push(kinds.join(","));
            }
            "keep_hashtag_words" => {
                if flag_on(key, value)? {
                    flags.push("--keep-hashtag-words".into());
                }
            }
            other => return Err(format!("no CLI flag for the strip option {other}")),
        }
    }
    Ok(flags)
}

/// The `kwic` arguments for a case's kwic term and options.
fn kwic_flags(kwic: &KwicCase) -> Result<Vec<String>, String> {
    let mut flags = vec![
        "kwic".to_string(),
        kwic.term.clone(),
        "--format".into(),
        "json".into(),
    ];
    for (key, value) in &kwic.options {
        match key.as_str() {
            "input" | "split" | "window" => {
                flags.push(format!("--{key}"));
                flags.push(scalar(key, value)?);
            }
            "stem" | "fold_yo" => {
                if flag_on(key, value)? {
                    flags.push(format!("--{}", key.replace('_', "-")));
                }
            }
            other => return Err(format!("no CLI flag for the kwic option {other}")),
        }
    }
    Ok(flags)
}

/// Names the first line where two outputs part, for a readable failure.
fn first_difference(cli: &str, core: &str) -> String {
    for (i, (a, b)) in cli.lines().zip(core.lines()).enumerate() {
        if a != b {
            return format!("line {}: cli {a:?}, core {b:?}", i + 1);
        }
    }
    format!(
        "cli has {} bytes and {} lines, core {} bytes and {} lines",
        cli.len(),
        cli.lines().count(),
        core.len(),
        core.lines().count()
    )
}

/// Runs `tgtext` on one case's input: from a file on odd runs, from stdin on even ones, so that
/// both ways of reading are covered.
fn run_case(
    flags: &[String],
    text: &str,
    dir: &TempDir,
    runs: &Cell<usize>,
) -> Result<String, String> {
    runs.set(runs.get() + 1);
    if runs.get() % 2 == 0 {
        run(flags, Source::Stdin(text.as_bytes()))
    } else {
        let path = dir.write(&format!("case-{}.txt", runs.get()), text.as_bytes());
        run(flags, Source::File(&path))
    }
}

#[test]
fn every_case_passes_through_the_binary_with_the_same_bytes_as_the_core() {
    let dir = TempDir::new("every_case");
    let runs = Cell::new(0);
    cases::run_all(
        "cli",
        |case| {
            let text = case.text();
            let stdout = run_case(&analyze_flags(case, &dir)?, &text, &dir, &runs)?;
            let config: tgtext::Config = serde_json::from_value(case.options.clone().into())
                .map_err(|e| format!("the core does not take these options: {e}"))?;
            let core = tgtext::analyze(&text, &config)
                .map_err(|e| format!("the core fails: {e}"))?
                .to_json();
            if stdout != core {
                return Err(format!(
                    "the CLI's JSON differs from the core's: {}",
                    first_difference(&stdout, &core)
                ));
            }
            serde_json::from_str(&stdout).map_err(|e| format!("stdout is not JSON: {e}"))
        },
        |case, strip| {
            let text = case.text();
            let stdout = run_case(&strip_flags(strip)?, &text, &dir, &runs)?;
            let config: tgtext::StripConfig = serde_json::from_value(strip.options.clone().into())
                .map_err(|e| format!("the core does not take these strip options: {e}"))?;
            let core: String = tgtext::strip(&text, &config)
                .map_err(|e| format!("the core fails: {e}"))?
                .iter()
                .map(tgtext::StrippedPost::to_json_line)
                .collect();
            if stdout != core {
                return Err(format!(
                    "the CLI's JSON lines differ from the core's: {}",
                    first_difference(&stdout, &core)
                ));
            }
            stdout
                .lines()
                .map(|line| {
                    let post: Value = serde_json::from_str(line)
                        .map_err(|e| format!("a line is not JSON: {e}: {line}"))?;
                    post["clean_text"]
                        .as_str()
                        .map(String::from)
                        .ok_or_else(|| format!("a line has no clean_text: {line}"))
                })
                .collect()
        },
        |case, kwic| {
            let text = case.text();
            let stdout = run_case(&kwic_flags(kwic)?, &text, &dir, &runs)?;
            let config: tgtext::KwicConfig = serde_json::from_value(kwic.options.clone().into())
                .map_err(|e| format!("the core does not take these kwic options: {e}"))?;
            let core: String = tgtext::kwic(&text, &kwic.term, &config)
                .map_err(|e| format!("the core fails: {e}"))?
                .iter()
                .map(tgtext::KwicHit::to_json_line)
                .collect();
            if stdout != core {
                return Err(format!(
                    "the CLI's JSON lines differ from the core's: {}",
                    first_difference(&stdout, &core)
                ));
            }
            stdout
                .lines()
                .map(|line| serde_json::from_str(line).map_err(|e| format!("not JSON: {e}")))
                .collect()
        },
    );
}
