//! `tgtext analyze --partial` and `tgtext merge`: partial reports of pieces merge into exactly
//! the report of all the pieces analysed in one run; several inputs analysed in parallel give
//! the same report as one after another.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn data(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data")
        .join(path)
        .to_string_lossy()
        .to_string()
}

fn tgtext(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_tgtext"))
        .args(args)
        .output()
        .expect("tgtext runs");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
    output
}

fn stdout(output: Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tgtext-merge-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp dir");
    dir
}

#[test]
fn merged_partial_reports_equal_the_report_of_one_run() {
    let dir = temp_dir("equal");
    let inputs = [
        data("channel-cis.txt"),
        data("telegram-json/channel-2023.result.json"),
        data("telegram-json/full-account.result.json"),
    ];
    let mut partials = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let path = dir.join(format!("part{i}.json"));
        std::fs::write(
            &path,
            stdout(tgtext(&["analyze", "--partial", "--posts", input])),
        )
        .unwrap();
        partials.push(path.to_string_lossy().to_string());
    }
    let mut merge_args = vec!["merge", "--format", "json"];
    merge_args.extend(partials.iter().map(String::as_str));
    let merged = stdout(tgtext(&merge_args));
    let mut analyze_args = vec!["analyze", "--posts"];
    analyze_args.extend(inputs.iter().map(String::as_str));
    assert_eq!(merged, stdout(tgtext(&analyze_args)));
    let csv_merged = stdout(tgtext(&[
        "merge",
        "--format",
        "csv",
        "--top",
        "3",
        &partials[0],
        &partials[1],
    ]));
    let csv_whole = stdout(tgtext(&[
        "analyze", "--format", "csv", "--top", "3", "--posts", &inputs[0], &inputs[1],
    ]));
    assert_eq!(csv_merged, csv_whole);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn inputs_analysed_in_parallel_give_the_report_of_reading_them_in_order() {
    let inputs = [
        data("channel-cis.txt"),
        data("telegram-json/channel-2023.result.json"),
    ];
    let together = stdout(tgtext(&["analyze", "--posts", &inputs[0], &inputs[1]]));
    let report: serde_json::Value = serde_json::from_str(&together).unwrap();
    let indexes: Vec<u64> = report["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["index"].as_u64().unwrap())
        .collect();
    assert_eq!(
        indexes,
        (0..19).collect::<Vec<u64>>(),
        "posts numbered across inputs in input order"
    );
    assert_eq!(
        report["channel"]["title"],
        "Embassy of Russia in the USA / Посольство России в США"
    );
}

#[test]
fn merge_refuses_what_is_not_a_partial_report_or_does_not_match() {
    let dir = temp_dir("refuse");
    let report = dir.join("report.json");
    std::fs::write(
        &report,
        stdout(tgtext(&["analyze", &data("channel-cis.txt")])),
    )
    .unwrap();
    let output = tgtext(&["merge", report.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a tgtext partial report"));
    let a = dir.join("a.json");
    let b = dir.join("b.json");
    std::fs::write(
        &a,
        stdout(tgtext(&["analyze", "--partial", &data("channel-cis.txt")])),
    )
    .unwrap();
    std::fs::write(
        &b,
        stdout(tgtext(&[
            "analyze",
            "--partial",
            "--stopwords",
            "none",
            &data("channel-cis.txt"),
        ])),
    )
    .unwrap();
    let output = tgtext(&["merge", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("different options"));
    assert_eq!(
        tgtext(&["merge"]).status.code(),
        Some(2),
        "merge needs files"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// `analyze` of `file` with `args`, on `threads` threads cutting parts of at least `part` bytes.
fn analyze_on(threads: usize, part: usize, file: &Path, args: &[&str]) -> Output {
    let threads = threads.to_string();
    let part = part.to_string();
    let mut all = vec!["analyze", "--format", "json", "--threads", &threads];
    all.extend(["--min-part-bytes", &part]);
    all.extend(args);
    all.push(file.to_str().expect("a UTF-8 path"));
    tgtext(&all)
}

#[test]
fn a_file_read_in_parts_on_several_threads_gives_the_report_of_one_thread() {
    let dir = temp_dir("parts");
    let generated = dir.join("generated.txt");
    std::fs::write(
        &generated,
        // Several times the 256 KiB a read takes, so that threads cut it while it is read.
        tgtext_tests::corpus::web_preview_text(11, 2_000_000),
    )
    .unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(std::fs::read(&generated).unwrap());
    let with_bom = dir.join("bom.txt");
    std::fs::write(&with_bom, bom).unwrap();
    let sample = PathBuf::from(data("channel-cis.txt"));
    for (file, part) in [(&generated, 20_000), (&with_bom, 100_000), (&sample, 1_000)] {
        for args in [
            &[][..],
            &["--posts", "--ngrams", "--cooccurrence", "--distinctive"][..],
            &["--input", "web-preview-text", "--lossy"][..],
        ] {
            let one = stdout(analyze_on(1, part, file, args));
            for threads in [2, 3, 7] {
                let many = stdout(analyze_on(threads, part, file, args));
                assert!(
                    many == one,
                    "{} on {threads} threads with {args:?}",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn inputs_of_unequal_size_shared_among_threads_give_the_report_of_one_thread() {
    // A thread done with a small input takes part of a large one: parts of several files,
    // whatever the threads' timing, merge into each file's report, in input order.
    let dir = temp_dir("unequal");
    let large = dir.join("large.txt");
    std::fs::write(&large, tgtext_tests::corpus::web_preview_text(13, 400_000)).unwrap();
    let medium = dir.join("medium.txt");
    std::fs::write(&medium, tgtext_tests::corpus::web_preview_text(14, 90_000)).unwrap();
    let files = [
        data("channel-cis.txt"),
        large.to_string_lossy().to_string(),
        data("telegram-json/channel-2023.result.json"),
        medium.to_string_lossy().to_string(),
    ];
    for args in [&["--posts"][..], &["--per-file"][..]] {
        let run = |threads: usize| {
            let threads = threads.to_string();
            let mut all = vec!["analyze", "--format", "json", "--threads", &threads];
            all.extend(["--min-part-bytes", "8000"]);
            all.extend(args);
            all.extend(files.iter().map(String::as_str));
            stdout(tgtext(&all))
        };
        let one = run(1);
        for threads in [2, 3, 7] {
            assert!(run(threads) == one, "{threads} threads with {args:?}");
        }
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_error_in_a_later_part_names_its_offset_in_the_file() {
    // Two invalid bytes, in the second half and near the end: whichever part meets its error
    // first, the one reported is the first in the file, as on one thread.
    let dir = temp_dir("part-error");
    let mut text = tgtext_tests::corpus::web_preview_text(12, 2_000_000).into_bytes();
    let ascii_from =
        |text: &[u8], at: usize| at + text[at..].iter().position(|&b| b < 0x80).unwrap();
    let bad = ascii_from(&text, text.len() * 5 / 8);
    let later = ascii_from(&text, text.len() * 15 / 16);
    text[bad] = 0xFF;
    text[later] = 0xFF;
    let file = dir.join("bad.txt");
    std::fs::write(&file, &text).unwrap();
    let one = analyze_on(1, 10_000, &file, &[]);
    assert_eq!(one.status.code(), Some(1));
    let message = String::from_utf8_lossy(&one.stderr);
    assert!(message.contains(&format!("offset {bad}")), "{message}");
    for threads in [2, 4] {
        let many = analyze_on(threads, 10_000, &file, &[]);
        assert_eq!(many.status.code(), Some(1));
        assert_eq!(many.stderr, one.stderr, "{threads} threads");
        assert!(many.stdout.is_empty());
    }
    std::fs::remove_dir_all(dir).unwrap();
}
