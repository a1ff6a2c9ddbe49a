//! The wasm-bindgen exports. Each one converts JS values to core types, calls the core and
//! converts back; the package's JS layer (`wasm/npm/`) adds only the panic-to-Error step.

use std::sync::Mutex;

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The message of the last panic, kept by the hook for the JS layer to read after the trap.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(info.to_string());
        }
    }));
}

/// The message of the panic that just trapped, if any (then cleared). Internal: the package's
/// JS layer calls it after a `WebAssembly.RuntimeError`, before it replaces the instance.
#[wasm_bindgen(js_name = "__tgtext_take_panic")]
pub fn take_panic() -> Option<String> {
    LAST_PANIC.lock().ok().and_then(|mut last| last.take())
}

/// Internal, for the package's own tests: traps the way a bug would, so they can check that a
/// panic (`"panic"`) or a failed allocation (`"oom"`, which aborts without a panic message)
/// reaches JS as an `Error` and that the next call works. Never called by the package itself.
#[wasm_bindgen(js_name = "__tgtext_test_trap")]
pub fn test_trap(kind: &str) {
    match kind {
        "panic" => panic!("a test panic, as asked"),
        "oom" => {
            // Grow until the allocator gives up (wasm32 memory ends at 4 GiB); the pages are
            // never touched, and the whole instance is replaced after the trap.
            loop {
                let block: Vec<u8> = Vec::with_capacity(1 << 29);
                std::mem::forget(std::hint::black_box(block));
            }
        }
        _ => {}
    }
}

/// Reads an options argument: `undefined` or `null` is every default; keys whose value is
/// `undefined` count as absent (as `JSON.stringify` treats them); anything else must be a plain
/// object whose keys the core's config accepts.
///
/// The object goes through `serde_json::Value` rather than straight into the config, because
/// serde-wasm-bindgen reads a struct by looking up its known fields only, which would let an
/// unknown (misspelt) option pass silently; `serde_json::from_value` sees every key, so the
/// config's `deny_unknown_fields` names it.
fn options<T: DeserializeOwned + Default>(value: JsValue) -> Result<T, JsError> {
    match option_map(value)? {
        None => Ok(T::default()),
        Some(map) => config_from(map, &[]),
    }
}

/// The options of `analyze` and its kin: the core's config, and the package's own `format`
/// (the CLI's `--format`) and `bytes`, which say in what form the report comes back.
fn analyze_options(value: JsValue) -> Result<(tgtext::Config, ReportForm), JsError> {
    let Some(mut map) = option_map(value)? else {
        return Ok((tgtext::Config::default(), ReportForm::Object));
    };
    let text = match map.remove("format") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(name)) if name == "json" => Some(TextFormat::Json),
        Some(serde_json::Value::String(name)) if name == "csv" => Some(TextFormat::Csv),
        Some(other) => {
            return Err(JsError::new(&format!(
                "invalid options: format: expected \"json\" or \"csv\" (or no format, for the \
                 report object), got {other}"
            )))
        }
    };
    let bytes = match map.remove("bytes") {
        None | Some(serde_json::Value::Null) => false,
        Some(serde_json::Value::Bool(bytes)) => bytes,
        Some(other) => {
            return Err(JsError::new(&format!(
                "invalid options: bytes: expected true or false, got {other}"
            )))
        }
    };
    let form = match (text, bytes) {
        (None, false) => ReportForm::Object,
        (None, true) => {
            return Err(JsError::new(
                "invalid options: bytes: the report's text comes as bytes, so bytes needs a \
                 format (\"json\" or \"csv\")",
            ))
        }
        (Some(format), bytes) => ReportForm::Text { format, bytes },
    };
    Ok((config_from(map, &["format", "bytes"])?, form))
}

/// The options object's defined keys, or `None` for `undefined`/`null`.
fn option_map(
    value: JsValue,
) -> Result<Option<serde_json::Map<String, serde_json::Value>>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if !value.is_object() || js_sys::Array::is_array(&value) || value.is_function() {
        return Err(JsError::new(&format!(
            "invalid options: expected an object, got {}",
            describe(&value)
        )));
    }
    let mut defined = serde_json::Map::new();
    for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
        let entry: js_sys::Array = entry.unchecked_into();
        let (key, val) = (entry.get(0), entry.get(1));
        if val.is_undefined() {
            continue;
        }
        let key = key.as_string().unwrap_or_default();
        let val: serde_json::Value = serde_wasm_bindgen::from_value(val).map_err(|_| {
            JsError::new(&format!(
                "invalid options: {key}: not a JSON value (a string, number, boolean, array or null)"
            ))
        })?;
        defined.insert(key, val);
    }
    Ok(Some(defined))
}

/// The core's config from the options' keys. `also`: the options the package reads itself,
/// named in the message for an unknown key beside the config's own (serde lists only those).
fn config_from<T: DeserializeOwned>(
    map: serde_json::Map<String, serde_json::Value>,
    also: &[&str],
) -> Result<T, JsError> {
    serde_json::from_value(serde_json::Value::Object(map)).map_err(|e| {
        let mut message = format!("invalid options: {e}");
        if message.contains("expected one of ") {
            for option in also {
                message.push_str(&format!(", `{option}`"));
            }
        }
        JsError::new(&message)
    })
}

/// In what form `analyze` and its kin return the report: the `format` and `bytes` options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReportForm {
    /// No `format`: the report as a JS object.
    Object,
    /// `format`: the text the CLI prints with that `--format`, made in Rust. Faster than
    /// `JSON.stringify` of the object, which would first have to be built (about 45 ms less
    /// on a 50 MB corpus, of a 0.55 s run: docs/PERFORMANCE.md). With `bytes`, the text's
    /// UTF-8 in a `Uint8Array`: for a report that is written out, that skips decoding it into
    /// a JS string and encoding it back (about 3 MB of JSON for that corpus).
    Text { format: TextFormat, bytes: bool },
}

/// The report's text formats: the CLI's `--format json` and `--format csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextFormat {
    /// What `tgtext analyze --format json` prints (`JSON.stringify(report, null, 2) + "\n"`).
    Json,
    /// What `tgtext analyze --format csv` prints (`csv(report)` of the object).
    Csv,
}

/// The report in the form the options asked for.
fn report_in(report: &tgtext::Report, form: ReportForm) -> Result<JsValue, JsError> {
    let ReportForm::Text { format, bytes } = form else {
        return to_js(report);
    };
    let text = match format {
        TextFormat::Json => report.to_json(),
        TextFormat::Csv => report.to_csv(),
    };
    Ok(if bytes {
        js_sys::Uint8Array::from(text.as_bytes()).into()
    } else {
        JsValue::from_str(&text)
    })
}

/// `a string`, `an array`, `a number`, for messages about a wrong argument.
fn describe(value: &JsValue) -> &'static str {
    if js_sys::Array::is_array(value) {
        "an array"
    } else if value.is_string() {
        "a string"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.is_function() {
        "a function"
    } else {
        "a value of another type"
    }
}

/// The JSON-compatible serializer: `None` → `null`, maps → plain objects, so that
/// `JSON.stringify(report, null, 2) + "\n"` is the CLI's `--format json` output.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot convert the result to JS: {e}")))
}

fn core_error(err: tgtext::Error) -> JsError {
    JsError::new(&err.to_string())
}

/// The package's version (the crate version, which the report's `versions.tgtext` also shows).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// `analyze(input, options?)`: the report of SPEC §5 as an object, or with the `format` option
/// the text that `tgtext analyze --format json` (or `csv`) prints.
#[wasm_bindgen]
pub fn analyze(input: &str, options: JsValue) -> Result<JsValue, JsError> {
    let (config, form) = analyze_options(options)?;
    let report = tgtext::analyze(input, &config).map_err(core_error)?;
    report_in(&report, form)
}

/// `analyze(bytes, options?)` for a `Uint8Array` (a file read in Node): the bytes are read as
/// the CLI reads a file — a byte-order mark dropped, invalid UTF-8 an error with its byte
/// offset — and never become a JS string (V8's UTF-16 decoding of a large file costs more
/// than the analysis).
///
/// The bytes are read from the JS array a piece at a time, as the CLI reads a file, rather than
/// copied into wasm memory whole first: that copy grew the memory by the file's size and took
/// longer than the pieces do.
#[wasm_bindgen(js_name = "analyzeBytes")]
pub fn analyze_bytes(input: &js_sys::Uint8Array, options: JsValue) -> Result<JsValue, JsError> {
    analyze_read(
        JsBytes {
            array: input,
            at: 0,
        },
        options,
    )
}

/// `analyzeFile(path, options?)` in Node, from the package's Node entry: `file.read(buf)` fills
/// `buf`, a view of wasm memory, with the file's next bytes (`fs.readSync`) and returns how many
/// (0 at its end). A file of any size is read in bounded memory, straight into the reader's
/// buffer: no copy of it in JS, nor a second copy into wasm memory.
#[wasm_bindgen(js_name = "analyzeReader")]
pub fn analyze_reader(file: &FileReader, options: JsValue) -> Result<JsValue, JsError> {
    analyze_read(JsReader { file }, options)
}

/// Reads bytes as the CLI reads a file — a byte-order mark dropped, invalid UTF-8 an error with
/// its byte offset — and returns the report.
fn analyze_read(reader: impl std::io::Read, options: JsValue) -> Result<JsValue, JsError> {
    let (config, form) = analyze_options(options)?;
    let mut analyzer = tgtext::Analyzer::new(&config).map_err(core_error)?;
    analyzer
        .read_input(reader, false)
        .map_err(|err| match err.offset() {
            // The core's message names the CLI's --lossy; in JS the way is TextDecoder.
            Some(offset) if err.to_string().starts_with("invalid UTF-8") => JsError::new(&format!(
            "invalid UTF-8 at byte offset {offset} (new TextDecoder().decode(bytes) replaces it \
             with U+FFFD)"
        )),
            _ => core_error(err),
        })?;
    report_in(&analyzer.finish(), form)
}

#[wasm_bindgen]
extern "C" {
    /// A JS object with `read(buf: Uint8Array): number`, as `analyzeFile` makes one.
    pub type FileReader;

    /// `buf` is a view of wasm memory: what `read` writes there is what Rust reads.
    #[wasm_bindgen(method, catch)]
    fn read(this: &FileReader, buf: &mut [u8]) -> Result<f64, JsValue>;
}

/// A [`FileReader`] as a `Read`.
struct JsReader<'a> {
    file: &'a FileReader,
}

impl std::io::Read for JsReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self
            .file
            .read(buf)
            .map_err(|err| std::io::Error::other(js_message(&err)))?;
        // A byte count: a whole number no larger than the buffer.
        if n.fract() == 0.0 && (0.0..=buf.len() as f64).contains(&n) {
            Ok(n as usize)
        } else {
            Err(std::io::Error::other(format!(
                "read() returned {n}, not a byte count"
            )))
        }
    }
}

/// The message of a thrown JS value: an `Error`'s `message`, else the value as a string.
fn js_message(err: &JsValue) -> String {
    match err.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => err.as_string().unwrap_or_else(|| format!("{err:?}")),
    }
}

/// A JS `Uint8Array` read as a file: each `read` copies the next piece into the reader's buffer.
struct JsBytes<'a> {
    array: &'a js_sys::Uint8Array,
    at: u32,
}

impl std::io::Read for JsBytes<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.array.length() - self.at;
        let n = left.min(u32::try_from(buf.len()).unwrap_or(u32::MAX));
        self.array
            .subarray(self.at, self.at + n)
            .copy_to(&mut buf[..n as usize]);
        self.at += n;
        Ok(n as usize)
    }
}

/// `strip(input, options?)`: every post as `{index, id, clean_text}`, as
/// `tgtext strip --format json` prints them one per line.
#[wasm_bindgen]
pub fn strip(input: &str, options: JsValue) -> Result<JsValue, JsError> {
    let config: tgtext::StripConfig = self::options(options)?;
    let posts = tgtext::strip(input, &config).map_err(core_error)?;
    to_js(&posts)
}

/// `kwic(input, term, options?)`: every occurrence of `term` with its context, as
/// `tgtext kwic TERM --format json` prints them one per line.
#[wasm_bindgen]
pub fn kwic(input: &str, term: &str, options: JsValue) -> Result<JsValue, JsError> {
    let config: tgtext::KwicConfig = self::options(options)?;
    let hits = tgtext::kwic(input, term, &config).map_err(core_error)?;
    to_js(&hits)
}

/// `csv(report)`: the report as `tgtext analyze --format csv` prints it.
#[wasm_bindgen]
pub fn csv(report: JsValue) -> Result<String, JsError> {
    if !report.is_object() || js_sys::Array::is_array(&report) {
        return Err(JsError::new(&format!(
            "csv() expects a report object as analyze() returns it, got {}",
            describe(&report)
        )));
    }
    let report: tgtext::Report = serde_wasm_bindgen::from_value(report).map_err(|e| {
        // serde-wasm-bindgen's errors are JS Errors whose text starts with "Error: ".
        let e = e.to_string();
        let e = e.strip_prefix("Error: ").unwrap_or(&e);
        JsError::new(&format!(
            "csv() expects a report as analyze() returns it: {e}"
        ))
    })?;
    Ok(report.to_csv())
}

/// Streaming analysis, for inputs fed in pieces (the web demo's progress bar): the same report
/// as `analyze()` on the whole text, whatever the chunk boundaries.
#[wasm_bindgen]
pub struct Analyzer {
    inner: Option<tgtext::Analyzer>,
    form: ReportForm,
}

#[wasm_bindgen]
impl Analyzer {
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Analyzer, JsError> {
        let (config, form) = analyze_options(options)?;
        Ok(Analyzer {
            inner: Some(tgtext::Analyzer::new(&config).map_err(core_error)?),
            form,
        })
    }

    fn inner(&mut self) -> Result<&mut tgtext::Analyzer, JsError> {
        self.inner
            .as_mut()
            .ok_or_else(|| JsError::new("this Analyzer has finished; create a new one"))
    }

    /// Feeds the next piece of the current input.
    pub fn feed(&mut self, chunk: &str) -> Result<(), JsError> {
        self.inner()?.feed(chunk);
        Ok(())
    }

    /// Ends the current input; the next `feed` starts another one of the same report.
    #[wasm_bindgen(js_name = "endInput")]
    pub fn end_input(&mut self) -> Result<(), JsError> {
        self.inner()?.end_input().map_err(core_error)
    }

    /// Ends the last input and returns the report.
    pub fn finish(&mut self) -> Result<JsValue, JsError> {
        let mut analyzer = self
            .inner
            .take()
            .ok_or_else(|| JsError::new("this Analyzer has finished; create a new one"))?;
        // `finish` ignores an input it cannot read; ending it first reports that as an error.
        analyzer.end_input().map_err(core_error)?;
        report_in(&analyzer.finish(), self.form)
    }
}

/// Streaming strip: each `feed` returns the posts it finished.
#[wasm_bindgen]
pub struct Stripper {
    inner: Option<tgtext::Stripper>,
}

#[wasm_bindgen]
impl Stripper {
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Stripper, JsError> {
        let config: tgtext::StripConfig = self::options(options)?;
        Ok(Stripper {
            inner: Some(tgtext::Stripper::new(&config)),
        })
    }

    fn inner(&mut self) -> Result<&mut tgtext::Stripper, JsError> {
        self.inner
            .as_mut()
            .ok_or_else(|| JsError::new("this Stripper has finished; create a new one"))
    }

    /// Feeds the next piece of the current input; returns the posts finished so far.
    pub fn feed(&mut self, chunk: &str) -> Result<JsValue, JsError> {
        let stripper = self.inner()?;
        stripper.feed(chunk);
        to_js(&stripper.take_posts())
    }

    /// Ends the current input; returns its last posts.
    #[wasm_bindgen(js_name = "endInput")]
    pub fn end_input(&mut self) -> Result<JsValue, JsError> {
        let stripper = self.inner()?;
        stripper.end_input().map_err(core_error)?;
        to_js(&stripper.take_posts())
    }

    /// Ends the last input and returns its remaining posts.
    pub fn finish(&mut self) -> Result<JsValue, JsError> {
        let posts = self.end_input()?;
        self.inner = None;
        Ok(posts)
    }
}
