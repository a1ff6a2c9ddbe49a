//! The CLI on Telegram exports: export folders, several inputs, `--per-file`, the timeline flags,
//! and malformed exports (an error naming the file and byte offset, nothing on stdout).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data")
        .join(path)
}

fn tgtext(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_tgtext"))
        .args(args)
        .output()
        .expect("tgtext runs");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
    output
}

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tgtext-exports-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp dir");
    dir
}

#[test]
fn an_html_export_folder_reads_its_pages_in_order_as_one_input() {
    let folder = data("telegram-html/ChatExport_2023-06-08");
    let report = json(&tgtext(&["analyze", "--posts", folder.to_str().unwrap()]));
    assert_eq!(report["format"], "telegram-html");
    assert_eq!(report["totals"]["posts"], 11);
    let ids: Vec<i64> = report["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        ids,
        [2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14],
        "messages.html before messages2.html"
    );
}

#[test]
fn a_folder_with_result_json_reads_it() {
    let dir = temp_dir("folder_json");
    std::fs::copy(
        data("telegram-json/channel-2023.result.json"),
        dir.join("result.json"),
    )
    .unwrap();
    let report = json(&tgtext(&["analyze", dir.to_str().unwrap()]));
    assert_eq!(
        (
            report["format"].as_str(),
            report["totals"]["posts"].as_u64()
        ),
        (Some("telegram-json"), Some(4))
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn several_inputs_make_one_report_unless_per_file() {
    let (a, b) = (
        data("telegram-json/channel-2023.result.json"),
        data("channel-cis.txt"),
    );
    let combined = json(&tgtext(&[
        "analyze",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]));
    assert_eq!(
        (
            combined["format"].as_str(),
            combined["totals"]["posts"].as_u64()
        ),
        (Some("mixed"), Some(19))
    );
    assert_eq!(
        combined["channel"]["title"], "Новости СНГ / CIS News",
        "the first input's channel"
    );
    let per_file = json(&tgtext(&[
        "analyze",
        "--per-file",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]));
    let reports = per_file.as_array().expect("an array of reports");
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["file"], a.to_str().unwrap());
    assert_eq!(reports[0]["report"]["totals"]["posts"], 4);
    assert_eq!(reports[1]["report"]["totals"]["posts"], 15);
    let csv = tgtext(&[
        "analyze",
        "--per-file",
        "--format",
        "csv",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("file,table,key,text,name,count,posts\n"));
    assert!(csv.contains(&format!("\n{},hashtags,cis,#CIS,,16,15\n", b.display())));
}

#[test]
fn timeline_flags_choose_the_period_and_the_time_zone() {
    let file = data("telegram-json/channel-2023.result.json");
    let report = json(&tgtext(&[
        "analyze",
        "--timeline",
        "month",
        "--time-zone",
        "-05:00",
        file.to_str().unwrap(),
    ]));
    let periods: Vec<&str> = report["timeline"]["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(periods, ["2023-06"], "every post falls in June at -05:00");
    let bad = tgtext(&[
        "analyze",
        "--time-zone",
        "Mars/Olympus",
        file.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(bad.stdout.is_empty());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("invalid time zone 'Mars/Olympus'"));
}

#[test]
fn a_truncated_export_names_the_file_and_offset_and_prints_nothing() {
    let dir = temp_dir("truncated");
    let text = std::fs::read(data("telegram-json/channel-2023.result.json")).unwrap();
    let cut = dir.join("result.json");
    std::fs::write(&cut, &text[..1500]).unwrap();
    let good = data("channel-cis.txt");
    let output = tgtext(&["analyze", good.to_str().unwrap(), cut.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "nothing is half-printed");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "{}: truncated Telegram JSON export",
            cut.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("at byte offset 1500"), "{stderr}");
    let folder = tgtext(&["analyze", dir.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&folder.stderr).contains("result.json: truncated"),
        "a folder names its file"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn strip_reads_exports_with_message_ids() {
    let file = data("telegram-json/channel-2023.result.json");
    let output = tgtext(&["strip", "--format", "json", file.to_str().unwrap()]);
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<i64> = lines.iter().map(|l| l["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [2, 3, 4, 6]);
}
