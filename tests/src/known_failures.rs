//! Committed lists of a conformance suite's known failures.
//!
//! A suite that is not yet fully met names its failing cases in `tests/known-failures/<suite>.txt`
//! (one id a line, `#` comments). Every run prints the list loudly; an unlisted failure fails the
//! run, and so does a listed case that now passes, so the list can only shrink.

use std::collections::BTreeSet;
use std::path::PathBuf;

/// Checks `failures` (case id → what went wrong) against the suite's committed list and panics
/// with every discrepancy.
pub fn check(suite: &str, total: usize, failures: &[(String, String)]) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("known-failures")
        .join(format!("{suite}.txt"));
    let listed: BTreeSet<String> = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(String::from)
        .collect();
    if !listed.is_empty() {
        eprintln!(
            "\n!!!!! {suite}: {} KNOWN FAILURES listed in {} — this suite is NOT yet fully met !!!!!",
            listed.len(),
            path.display()
        );
        for id in &listed {
            eprintln!("!!!!!   {id}");
        }
    }
    let failed: BTreeSet<&str> = failures.iter().map(|(id, _)| id.as_str()).collect();
    let mut problems = Vec::new();
    for (id, detail) in failures {
        if !listed.contains(id) {
            problems.push(format!("FAIL {id}: {detail}"));
        }
    }
    for id in &listed {
        if !failed.contains(id.as_str()) {
            problems.push(format!(
                "NOW PASSES {id}: remove it from {}",
                path.display()
            ));
        }
    }
    eprintln!(
        "{suite}: {} of {total} cases pass, {} known failures, {} problems",
        total - failures.len(),
        listed.len(),
        problems.len()
    );
    assert!(problems.is_empty(), "{suite}:\n{}", problems.join("\n"));
}
