//! tgtext-wasm: the `tgtext` npm package's Rust side, a thin wasm-bindgen wrapper around the core.
//!
//! Every export is JS value in → core call → JS value out; no rule of counting lives here (an
//! `if` about hashtags belongs in `core/`). What this crate adds is plumbing only:
//!
//! - options: a JS object deserialised into [`tgtext::Config`] / [`tgtext::StripConfig`], whose
//!   serde derives already carry the one spelling of every option (`top`, `stopwords_extra`, …)
//!   and reject unknown ones (`deny_unknown_fields`);
//! - the report: serialised with serde-wasm-bindgen's JSON-compatible serializer, so `null` stays
//!   `null` (not `undefined`) and `channel.counters` is a plain object (not a `Map`), which makes
//!   `JSON.stringify(report, null, 2) + "\n"` the CLI's `--format json` bytes;
//! - the `format` option (`"json"`, `"csv"`), read here and not by the core: the report as the
//!   CLI's text, from the core's own [`tgtext::Report::to_json`] / [`tgtext::Report::to_csv`];
//! - `csv(report)`: the report object read back into [`tgtext::Report`] (the core's wire types
//!   derive `Deserialize`), then the core's own [`tgtext::Report::to_csv`];
//! - errors: a core error or a bad option becomes a thrown JS `Error` with the core's message;
//! - panics: the wasm target is built with `panic = "abort"` (stable Rust has no unwinding on
//!   `wasm32-unknown-unknown`), so `catch_unwind` cannot help. A panic hook records the message
//!   before the abort traps; the package's JS layer (`wasm/npm/*.js`) catches the trap, reads the
//!   message through `__tgtext_take_panic`, throws an `Error` and replaces the broken instance with
//!   a fresh one. See `wasm/npm/README.md` ("Errors").
//!
//! The bindings exist only on wasm targets (`cfg(target_family = "wasm")`), so native workspace
//! builds, clippy and tests stay green.

#[cfg(target_family = "wasm")]
mod bindings;
