//! The case corpus: `tests/cases/*.json`, run against every implementation (the core here, the
//! CLI binary in `cli/tests`, the npm package later), so they all answer alike.
//!
//! Each file holds an array of cases. A case, field by field:
//!
//! - `name` (string): what the case pins, as a sentence.
//! - `input` (string, or array of lines joined with `\n`): the input text.
//! - `options` (object, optional): `analyze` options, spelt as the npm package spells them
//!   (`input`, `top`, `stopwords`, `stopwords_extra`, `split`, `posts`).
//! - `expect` (object, optional): a partial report in wire form. An object matches when every
//!   key it names matches; an array when it has the same length and each element matches.
//! - `strip` (object, optional): `options` (strip options: `input`, `split`, `remove`,
//!   `keep_hashtag_words`) and `expect`, the `clean_text` of every post in order.
//! - `kwic` (object, optional): `term`, `options` (kwic options: `input`, `split`, `window`,
//!   `stem`, `fold_yo`) and `expect`, the hits in order, each a partial hit (`index`, `id`,
//!   `date`, `left`, `match`, `right`).

use std::path::PathBuf;

use serde::Deserialize;
use serde_json::Value;

/// One case of the corpus.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    pub input: Text,
    #[serde(default)]
    pub options: serde_json::Map<String, Value>,
    pub expect: Option<Value>,
    pub strip: Option<StripCase>,
    pub kwic: Option<KwicCase>,
    /// Which file the case came from (filled in when loading).
    #[serde(skip)]
    pub file: String,
}

/// A strip expectation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StripCase {
    #[serde(default)]
    pub options: serde_json::Map<String, Value>,
    pub expect: Vec<String>,
}

/// A keyword-in-context expectation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KwicCase {
    pub term: String,
    #[serde(default)]
    pub options: serde_json::Map<String, Value>,
    pub expect: Vec<Value>,
}

/// An input written as one string or as lines.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Text {
    Whole(String),
    Lines(Vec<String>),
}

impl Case {
    /// The input text.
    pub fn text(&self) -> String {
        match &self.input {
            Text::Whole(text) => text.clone(),
            Text::Lines(lines) => lines.join("\n"),
        }
    }

    /// `file: name`, for failure messages.
    pub fn id(&self) -> String {
        format!("{}: {}", self.file, self.name)
    }
}

/// Every case of every file in `tests/cases`, in file-name order.
pub fn load_all() -> Vec<Case> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("case file is readable");
        let file_cases: Vec<Case> = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
        let file = path
            .file_name()
            .expect("a file name")
            .to_string_lossy()
            .to_string();
        cases.extend(file_cases.into_iter().map(|c| Case {
            file: file.clone(),
            ..c
        }));
    }
    assert!(!cases.is_empty(), "the corpus has cases");
    cases
}

/// Checks `actual` against the partial `expected`; returns every mismatch with its JSON path.
pub fn partial_match(expected: &Value, actual: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    compare(expected, actual, "$", &mut problems);
    problems
}

fn compare(expected: &Value, actual: &Value, path: &str, problems: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(want), Value::Object(got)) => {
            for (key, want_value) in want {
                match got.get(key) {
                    Some(got_value) => {
                        compare(want_value, got_value, &format!("{path}.{key}"), problems)
                    }
                    None => problems.push(format!("{path}.{key}: missing, expected {want_value}")),
                }
            }
        }
        (Value::Array(want), Value::Array(got)) => {
            if want.len() != got.len() {
                problems.push(format!(
                    "{path}: expected {} items, got {}:\n    expected {}\n    actual   {}",
                    want.len(),
                    got.len(),
                    Value::Array(want.clone()),
                    Value::Array(got.clone())
                ));
                return;
            }
            for (i, (w, g)) in want.iter().zip(got).enumerate() {
                compare(w, g, &format!("{path}[{i}]"), problems);
            }
        }
        (want, got) if want == got => {}
        (want, got) => problems.push(format!("{path}: expected {want}, got {got}")),
    }
}

/// Runs every case through one implementation and panics listing all failures at once.
/// `analyze` returns the report as JSON; `strip` the clean texts.
pub fn run_all(
    implementation: &str,
    mut analyze: impl FnMut(&Case) -> Result<Value, String>,
    mut strip: impl FnMut(&Case, &StripCase) -> Result<Vec<String>, String>,
    mut kwic: impl FnMut(&Case, &KwicCase) -> Result<Vec<Value>, String>,
) {
    let cases = load_all();
    let mut failures = Vec::new();
    let mut checks = 0;
    for case in &cases {
        if let Some(expected) = &case.expect {
            checks += 1;
            match analyze(case) {
                Ok(report) => {
                    let problems = partial_match(expected, &report);
                    if !problems.is_empty() {
                        failures.push(format!("{}\n  {}", case.id(), problems.join("\n  ")));
                    }
                }
                Err(err) => failures.push(format!("{}\n  analyze failed: {err}", case.id())),
            }
        }
        if let Some(strip_case) = &case.strip {
            checks += 1;
            match strip(case, strip_case) {
                Ok(clean) if clean == strip_case.expect => {}
                Ok(clean) => failures.push(format!(
                    "{}\n  strip: expected {:?}\n         got      {:?}",
                    case.id(),
                    strip_case.expect,
                    clean
                )),
                Err(err) => failures.push(format!("{}\n  strip failed: {err}", case.id())),
            }
        }
        if let Some(kwic_case) = &case.kwic {
            checks += 1;
            match kwic(case, kwic_case) {
                Ok(hits) => {
                    let problems =
                        partial_match(&Value::Array(kwic_case.expect.clone()), &Value::Array(hits));
                    if !problems.is_empty() {
                        failures.push(format!("{}\n  kwic {}", case.id(), problems.join("\n  ")));
                    }
                }
                Err(err) => failures.push(format!("{}\n  kwic failed: {err}", case.id())),
            }
        }
    }
    eprintln!(
        "{implementation}: {} cases, {checks} checks, {} failed",
        cases.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{implementation}: {} failing cases:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
