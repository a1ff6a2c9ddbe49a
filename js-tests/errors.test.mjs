// Errors reach JS as ordinary `Error`s with useful messages, never as a wasm trap, and the
// package keeps working afterwards (SPEC §6, §7).
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { PKG, SAMPLE, requireBuild } from "./helpers.mjs";

requireBuild();
const tgtext = await import(join(PKG, "node", "index.mjs"));

/** Asserts that `fn` throws an Error (not a trap) whose message matches `pattern`. */
function throwsError(fn, pattern) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error, `an Error, got ${err}`);
    assert.ok(!(err instanceof WebAssembly.RuntimeError), `not a wasm trap: ${err}`);
    assert.match(err.message, pattern);
    return true;
  });
}

test("an unknown option is named, with the options that exist", () => {
  throwsError(() => tgtext.analyze("x", { tpo: 3 }), /^invalid options: unknown field `tpo`, expected one of `input`, `top`/);
  throwsError(() => tgtext.strip("x", { remove_urls: true }), /unknown field `remove_urls`.*`keep_hashtag_words`/);
});

test("an option of the wrong type or value says what was expected", () => {
  throwsError(() => tgtext.analyze("x", { top: "5" }), /invalid options: invalid type: string "5", expected/);
  throwsError(() => tgtext.analyze("x", { top: -1 }), /invalid options: invalid value: integer `-1`/);
  throwsError(() => tgtext.analyze("x", { top: 1.5 }), /invalid options: invalid type: floating point `1.5`/);
  throwsError(() => tgtext.analyze("x", { stopwords: "english" }), /unknown variant `english`, expected `default` or `none`/);
  throwsError(() => tgtext.analyze("x", { input: "pdf" }), /unknown variant `pdf`, expected one of `web-preview-text`/);
  throwsError(() => tgtext.analyze("x", { stopwords_extra: "the" }), /invalid type: string "the", expected a sequence/);
  throwsError(() => tgtext.strip("x", { remove: ["links"] }), /unknown variant `links`, expected one of `hashtags`/);
  throwsError(() => tgtext.analyze("x", "top=3"), /invalid options: expected an object, got a string/);
  throwsError(() => tgtext.analyze("x", [1]), /invalid options: expected an object, got an array/);
  // `format` is read by the package, not the core: its errors and the unknown-key list alike.
  throwsError(() => tgtext.analyze("x", { format: "table" }), /^invalid options: format: expected "json" or "csv" \(or no format, for the report object\), got "table"$/);
  throwsError(() => tgtext.analyzeFile(SAMPLE, { format: 1 }), /^invalid options: format: expected "json" or "csv".*got 1$/);
  throwsError(() => new tgtext.Analyzer({ format: "JSON" }), /got "JSON"$/);
  throwsError(() => tgtext.analyze("x", { tpo: 3, format: "json" }), /unknown field `tpo`, expected one of `input`.*`fold_yo`, `format`, `bytes`$/);
  // `bytes` too: a boolean, and only with a format (the object has no bytes).
  throwsError(() => tgtext.analyze("x", { format: "json", bytes: "yes" }), /^invalid options: bytes: expected true or false, got "yes"$/);
  throwsError(() => tgtext.analyzeFile(SAMPLE, { bytes: true }), /^invalid options: bytes: .*needs a format \("json" or "csv"\)$/);
  throwsError(() => new tgtext.Analyzer({ bytes: true, top: 3 }), /needs a format/);
  throwsError(() => tgtext.strip("x", { bytes: true }), /unknown field `bytes`, expected one of/);
  throwsError(() => tgtext.strip("x", { format: "json" }), /unknown field `format`, expected one of/);
});

test("absent options are the defaults: undefined, null, {}, and keys set to undefined", () => {
  const expected = JSON.stringify(tgtext.analyze("#a b"));
  for (const options of [undefined, null, {}, { top: undefined }, { format: undefined }, { format: null }, { bytes: false }, { bytes: null }]) {
    assert.equal(JSON.stringify(tgtext.analyze("#a b", options)), expected);
  }
});

test("an input that is not a string is a TypeError", () => {
  throwsError(() => tgtext.analyze(42), /tgtext.analyze: input must be a string or a Uint8Array, got number/);
  throwsError(() => tgtext.strip(null), /tgtext.strip: input must be a string, got null/);
});

test("a truncated Telegram export is refused with the CLI's message (without the file name)", () => {
  const truncated = '{"name": "x", "type": "public_channel", "id": 1, "messages": [ {"id": 1, "type": "message", "text": "#a"';
  throwsError(() => tgtext.analyze(truncated), /^truncated Telegram JSON export: it ends in the middle at byte offset 104$/);
});

test("kwic: a bad option is named; an empty term is refused with the CLI's message", () => {
  throwsError(() => tgtext.kwic("x", "x", { windw: 3 }), /unknown field `windw`, expected one of `input`, `split`, `window`/);
  throwsError(() => tgtext.kwic("x", 5), /tgtext.kwic: term must be a string, got number/);
});

test("csv() of something that is not a report says so", () => {
  throwsError(() => tgtext.csv({}), /csv\(\) expects a report as analyze\(\) returns it: missing field `schema`/);
  throwsError(() => tgtext.csv("report"), /csv\(\) expects a report object/);
});

test("a finished streaming Analyzer refuses more input", () => {
  const analyzer = new tgtext.Analyzer();
  analyzer.feed("#a");
  analyzer.finish();
  throwsError(() => analyzer.feed("#b"), /has finished/);
});

test("a panic becomes an Error with the panic's message, and the next call works", () => {
  throwsError(() => tgtext.__tgtext_test_trap("panic"), /^tgtext: internal error, please report it: panicked at .*a test panic, as asked/s);
  assert.equal(tgtext.analyze("#after").hashtags[0].text, "#after");
});

test("running out of memory becomes an Error, and the next call works", () => {
  throwsError(() => tgtext.__tgtext_test_trap("oom"), /^tgtext: the WebAssembly module stopped \(unreachable\); most likely it ran out of memory/);
  assert.equal(tgtext.analyze("#again").hashtags[0].count, 1);
  const analyzer = new tgtext.Analyzer();
  analyzer.feed("#streams");
  assert.equal(analyzer.finish().hashtags[0].text, "#streams");
});
