//! The case corpus through the core library.

use tgtext::{Config, StripConfig};
use tgtext_tests::cases;

#[test]
fn every_case_passes_in_the_core() {
    cases::run_all(
        "core",
        |case| {
            let config: Config =
                serde_json::from_value(case.options.clone().into()).map_err(|e| e.to_string())?;
            let report = tgtext::analyze(&case.text(), &config).map_err(|e| e.to_string())?;
            serde_json::from_str(&report.to_json()).map_err(|e| e.to_string())
        },
        |case, strip| {
            let config: StripConfig =
                serde_json::from_value(strip.options.clone().into()).map_err(|e| e.to_string())?;
            let posts = tgtext::strip(&case.text(), &config).map_err(|e| e.to_string())?;
            Ok(posts.into_iter().map(|p| p.clean_text).collect())
        },
        |case, kwic| {
            let config: tgtext::KwicConfig =
                serde_json::from_value(kwic.options.clone().into()).map_err(|e| e.to_string())?;
            let hits =
                tgtext::kwic(&case.text(), &kwic.term, &config).map_err(|e| e.to_string())?;
            hits.iter()
                .map(|h| serde_json::to_value(h).map_err(|e| e.to_string()))
                .collect()
        },
    );
}
