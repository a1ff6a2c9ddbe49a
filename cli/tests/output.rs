//! Inputs are never written to (SPEC §7): `-o/--output FILE` writes only on success and is
//! refused (exit 2) when FILE is one of the inputs, however it is spelt; and a run over
//! read-only inputs leaves their bytes and times as they were.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::SystemTime;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data")
        .join(name)
}

/// A directory of its own under the system's temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(test: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("tgtext-output-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("the temp dir can be created");
        TempDir(path)
    }

    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.join(name);
        std::fs::write(&path, bytes).expect("the temp file can be written");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Read-only copies must be writable again to be removed.
        make_writable(&self.0);
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn tgtext(args: &[&Path], stdin: Option<&Path>) -> Output {
    let stdin = match stdin {
        Some(path) => Stdio::from(std::fs::File::open(path).expect("stdin file opens")),
        None => Stdio::null(),
    };
    let output = Command::new(env!("CARGO_BIN_EXE_tgtext"))
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("tgtext runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked"),
        "tgtext never panics: {stderr}"
    );
    output
}

fn p(s: &str) -> &Path {
    Path::new(s)
}

/// A file's bytes and modification time, to compare before and after a run.
fn snapshot(path: &Path) -> (Vec<u8>, SystemTime) {
    let bytes = std::fs::read(path).expect("readable");
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("has a modification time");
    (bytes, modified)
}

fn refused(output: &Output, input: &Path) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(2),
        "refused as a usage error: {stderr}"
    );
    assert!(output.stdout.is_empty(), "nothing on stdout");
    assert!(
        stderr.contains("refusing to write to") && stderr.contains("it is also an input"),
        "a clear message: {stderr}"
    );
    assert!(
        stderr.contains(&input.display().to_string()),
        "the message names the input {}: {stderr}",
        input.display()
    );
    stderr
}

#[test]
fn output_flag_writes_the_report_to_the_file_and_nothing_to_stdout() {
    let dir = TempDir::new("writes");
    let sample = data("channel-cis.txt");
    let to_stdout = tgtext(&[p("analyze"), p("--format"), p("json"), &sample], None);
    assert!(to_stdout.status.success());
    for flag in ["-o", "--output"] {
        let out = dir.join(&format!("report{flag}.json"));
        let run = tgtext(
            &[
                p("analyze"),
                p("--format"),
                p("json"),
                &sample,
                p(flag),
                &out,
            ],
            None,
        );
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(run.stdout.is_empty(), "the report went to the file");
        assert_eq!(std::fs::read(&out).expect("written"), to_stdout.stdout);
    }
    // An existing file is replaced; `-o -` is stdout.
    let out = dir.write("old.json", b"old contents that are longer than nothing");
    let run = tgtext(&[p("analyze"), &sample, p("-o"), &out], None);
    assert!(run.status.success());
    assert_eq!(std::fs::read(&out).expect("written"), to_stdout.stdout);
    let run = tgtext(&[p("analyze"), &sample, p("-o"), p("-")], None);
    assert_eq!(run.stdout, to_stdout.stdout);
}

#[test]
fn strip_writes_to_the_output_file_too() {
    let dir = TempDir::new("strip");
    let input = dir.write("posts.txt", "Hello #CIS 🇷🇺 world\n".as_bytes());
    let out = dir.join("clean.txt");
    let run = tgtext(
        &[p("strip"), p("--input"), p("plain"), &input, p("-o"), &out],
        None,
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&out).expect("written"),
        "Hello world\n\n"
    );
}

#[test]
fn a_failed_run_does_not_create_or_touch_the_output_file() {
    let dir = TempDir::new("failed");
    let bad = dir.write("bad.txt", b"ok\n\xff");
    let out = dir.join("new.json");
    let run = tgtext(&[p("analyze"), &bad, p("-o"), &out], None);
    assert_eq!(run.status.code(), Some(1));
    assert!(!out.exists(), "no output file after an input error");
    let existing = dir.write("existing.json", b"keep me");
    let before = snapshot(&existing);
    let run = tgtext(&[p("strip"), &bad, p("-o"), &existing], None);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        snapshot(&existing),
        before,
        "an existing output is left alone"
    );
}

#[test]
fn output_that_is_an_input_is_refused_however_it_is_spelt() {
    let dir = TempDir::new("refused");
    let input = dir.write("posts.txt", b"#one #two\n");
    let before = snapshot(&input);
    std::fs::create_dir_all(dir.join("sub")).expect("a sub folder");
    let dotted = dir.join("sub/../posts.txt");
    let relative_dir = dir.0.clone();
    let mut spellings = vec![input.clone(), dotted];
    #[cfg(unix)]
    {
        let link = dir.join("link.txt");
        std::os::unix::fs::symlink(&input, &link).expect("a symbolic link");
        spellings.push(link);
        let hard = dir.join("hard.txt");
        std::fs::hard_link(&input, &hard).expect("a hard link");
        spellings.push(hard);
    }
    for command in ["analyze", "strip"] {
        for output in &spellings {
            let run = tgtext(&[p(command), &input, p("-o"), output], None);
            refused(&run, &input);
            // As the input too, and with the input among others.
            let other = dir.write("other.txt", b"#three\n");
            let run = tgtext(&[p(command), &other, output, p("--output"), &input], None);
            refused(&run, output);
        }
        // A relative spelling from another working directory.
        let run = Command::new(env!("CARGO_BIN_EXE_tgtext"))
            .current_dir(&relative_dir)
            .args([command, "posts.txt", "-o", "./sub/../posts.txt"])
            .stdin(Stdio::null())
            .output()
            .expect("runs");
        assert_eq!(run.status.code(), Some(2), "relative spelling refused");
    }
    assert_eq!(snapshot(&input), before, "the input is untouched");
}

#[test]
fn output_that_is_a_file_of_an_export_folder_or_the_stopword_file_is_refused() {
    let dir = TempDir::new("folder");
    let export = dir.join("ChatExport");
    std::fs::create_dir_all(&export).expect("the folder");
    let json = export.join("result.json");
    std::fs::copy(data("telegram-json/channel-2023.result.json"), &json).expect("copied");
    let before = snapshot(&json);
    let run = tgtext(&[p("analyze"), &export, p("-o"), &json], None);
    refused(&run, &json);
    let run = tgtext(&[p("strip"), &export, p("-o"), &json], None);
    refused(&run, &json);
    assert_eq!(snapshot(&json), before);

    let stopwords = dir.write("stop.txt", b"minsk\n");
    let sample = data("channel-cis.txt");
    let run = tgtext(
        &[
            p("analyze"),
            &sample,
            p("--stopwords-file"),
            &stopwords,
            p("-o"),
            &stopwords,
        ],
        None,
    );
    refused(&run, &stopwords);
    assert_eq!(std::fs::read(&stopwords).expect("there"), b"minsk\n");
}

#[cfg(unix)]
#[test]
fn output_that_is_the_file_on_stdin_is_refused() {
    let dir = TempDir::new("stdin");
    let input = dir.write("posts.txt", b"#one\n");
    let before = snapshot(&input);
    for command in ["analyze", "strip"] {
        let run = tgtext(&[p(command), p("-o"), &input], Some(&input));
        refused(&run, Path::new("<stdin>"));
        let run = tgtext(&[p(command), p("-"), p("-o"), &input], Some(&input));
        refused(&run, Path::new("<stdin>"));
    }
    assert_eq!(snapshot(&input), before);
    // Stdin from another file, the output file is fine.
    let other = dir.write("other.txt", b"#two\n");
    let out = dir.join("out.json");
    let run = tgtext(&[p("analyze"), p("-o"), &out], Some(&other));
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(std::fs::read_to_string(&out)
        .expect("written")
        .contains("\"two\""));
}

#[test]
fn the_graph_file_may_not_be_an_input_either() {
    let dir = TempDir::new("graph");
    let input = dir.write("posts.txt", b"#one #two\n");
    let before = snapshot(&input);
    let run = tgtext(&[p("analyze"), &input, p("--graph"), &input], None);
    refused(&run, &input);
    assert_eq!(snapshot(&input), before);
}

fn set_read_only(path: &Path, read_only: bool) {
    let mut permissions = std::fs::metadata(path).expect("exists").permissions();
    permissions.set_readonly(read_only);
    std::fs::set_permissions(path, permissions).expect("permissions can be set");
}

fn make_writable(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let _ = std::fs::metadata(dir).map(|_| set_read_only(dir, false));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            make_writable(&path);
        } else {
            set_read_only(&path, false);
        }
    }
}

fn copy_tree(from: &Path, to: &Path, files: &mut Vec<PathBuf>) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("readable").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target, files);
        } else {
            std::fs::copy(entry.path(), &target).expect("copied");
            files.push(target);
        }
    }
}

#[test]
fn runs_over_read_only_inputs_leave_their_bytes_and_times_unchanged() {
    let dir = TempDir::new("read_only");
    let inputs = dir.join("data");
    let mut files = Vec::new();
    copy_tree(&data(""), &inputs, &mut files);
    files.retain(|f| f.extension().is_none_or(|e| e != "md"));
    assert!(files.len() >= 5, "the sample, exports and pages: {files:?}");
    for file in &files {
        set_read_only(file, true);
    }
    let before: Vec<_> = files.iter().map(|f| snapshot(f)).collect();
    let out = dir.join("out");
    for file in &files {
        let folder = file.parent().expect("in a folder").to_path_buf();
        let runs: [Vec<&Path>; 5] = [
            vec![p("analyze"), file, p("--posts"), p("-o"), &out],
            vec![p("analyze"), file, p("--lossy"), p("--format"), p("csv")],
            vec![p("analyze"), &folder, p("--per-file"), p("-o"), &out],
            vec![p("strip"), file, p("--format"), p("json"), p("-o"), &out],
            vec![p("analyze"), file, p("-o"), file],
        ];
        for args in runs {
            let _ = tgtext(&args, None);
        }
        let _ = tgtext(&[p("strip"), p("-o"), &out], Some(file));
    }
    let after: Vec<_> = files.iter().map(|f| snapshot(f)).collect();
    assert_eq!(after, before, "no input changed");
    for file in &files {
        let permissions = std::fs::metadata(file).expect("exists").permissions();
        assert!(
            permissions.readonly(),
            "{} is still read-only",
            file.display()
        );
    }
}
