// The CLI and the npm package give the same bytes (SPEC §5): the CLI's `--format json` output is
// `JSON.stringify(report, null, 2) + "\n"` of the package's report, `csv()` is `--format csv`,
// and `strip()` is `strip --format json`, on the sample, on every case of the case corpus (with
// the corpus's own partial expectations checked too) and on generated multi-megabyte corpora.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { analyzeFlags, kwicFlags, loadCases, partialMatch, stripFlags } from "./cases.mjs";
import { PKG, ROOT, SAMPLE, cli, corpus, jsonBytes, requireBuild, tempDir } from "./helpers.mjs";

requireBuild();
const tgtext = await import(join(PKG, "node", "index.mjs"));

/** Names the first line where two outputs part, for a readable failure. */
function firstDifference(a, b) {
  const x = a.split("\n");
  const y = b.split("\n");
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}: cli ${JSON.stringify(x[i])}, npm ${JSON.stringify(y[i])}`;
  }
  return "no difference";
}

function assertSameBytes(cliOut, npmOut, what) {
  assert.ok(cliOut === npmOut, `${what}: the outputs differ at ${firstDifference(cliOut, npmOut)}`);
}

function stripLines(posts) {
  return posts.map((post) => JSON.stringify(post) + "\n").join("");
}

test("the sample: report JSON, CSV and strip are the CLI's bytes", () => {
  const text = readFileSync(SAMPLE, "utf8");
  const report = tgtext.analyze(text);
  assert.equal(report.hashtags[0].text, "#CIS");
  assert.equal(report.hashtags[0].count, 16);
  assertSameBytes(cli(["analyze", "--format", "json", SAMPLE]), jsonBytes(report), "json");
  assertSameBytes(cli(["analyze", "--format", "csv", SAMPLE]), tgtext.csv(report), "csv");
  const withPosts = tgtext.analyze(text, { posts: true, top: 5, stopwords: "none" });
  assertSameBytes(
    cli(["analyze", "--format", "json", "--posts", "--top", "5", "--stopwords", "none", SAMPLE]),
    jsonBytes(withPosts),
    "json --posts --top 5 --stopwords none",
  );
  const stripOptions = { remove: ["hashtags", "emoji", "urls"], keep_hashtag_words: true };
  assertSameBytes(
    cli(["strip", "--format", "json", "--remove", "hashtags,emoji,urls", "--keep-hashtag-words", SAMPLE]),
    stripLines(tgtext.strip(text, stripOptions)),
    "strip",
  );
});

test("every case of the corpus: its expectations hold and the CLI gives the same bytes", (t) => {
  const cases = loadCases();
  const scratch = tempDir("cases");
  t.after(scratch.remove);
  const writeTemp = (name, content) => {
    const path = join(scratch.dir, name);
    writeFileSync(path, content);
    return path;
  };
  const failures = [];
  let checks = 0;
  for (const c of cases) {
    const id = `${c.file}: ${c.name}`;
    try {
      const input = writeTemp("input.txt", c.text);
      if (c.expect !== undefined) {
        checks += 1;
        const report = tgtext.analyze(c.text, c.options);
        const problems = partialMatch(c.expect, report);
        if (problems.length) failures.push(`${id}\n  ${problems.join("\n  ")}`);
        const flags = analyzeFlags(c.options, writeTemp);
        const cliJson = cli([...flags, input]);
        if (cliJson !== jsonBytes(report)) failures.push(`${id}\n  json differs at ${firstDifference(cliJson, jsonBytes(report))}`);
        const csvFlags = flags.map((f) => (f === "json" ? "csv" : f));
        const cliCsv = cli([...csvFlags, input]);
        if (cliCsv !== tgtext.csv(report)) failures.push(`${id}\n  csv differs at ${firstDifference(cliCsv, tgtext.csv(report))}`);
      }
      if (c.strip !== undefined) {
        checks += 1;
        const options = c.strip.options ?? {};
        const posts = tgtext.strip(c.text, options);
        const clean = posts.map((p) => p.clean_text);
        if (JSON.stringify(clean) !== JSON.stringify(c.strip.expect)) {
          failures.push(`${id}\n  strip: expected ${JSON.stringify(c.strip.expect)}\n         got      ${JSON.stringify(clean)}`);
        }
        const cliStrip = cli([...stripFlags(options), input]);
        if (cliStrip !== stripLines(posts)) failures.push(`${id}\n  strip differs at ${firstDifference(cliStrip, stripLines(posts))}`);
      }
      if (c.kwic !== undefined) {
        checks += 1;
        const options = c.kwic.options ?? {};
        const hits = tgtext.kwic(c.text, c.kwic.term, options);
        const problems = partialMatch(c.kwic.expect, hits);
        if (problems.length) failures.push(`${id}\n  kwic ${problems.join("\n  ")}`);
        const cliKwic = cli([...kwicFlags(c.kwic.term, options), input]);
        if (cliKwic !== stripLines(hits)) failures.push(`${id}\n  kwic differs at ${firstDifference(cliKwic, stripLines(hits))}`);
      }
    } catch (err) {
      failures.push(`${id}\n  ${err.message}`);
    }
  }
  t.diagnostic(`npm package: ${cases.length} cases, ${checks} checks, ${failures.length} failed`);
  assert.ok(checks > 0, "the corpus has checks");
  assert.deepEqual(failures, [], `${failures.length} failing cases:\n\n${failures.join("\n\n")}`);
});

test("Telegram exports and saved pages (tests/data): the same bytes, the deeper analyses too", () => {
  const data = join(ROOT, "tests", "data");
  const exports = [
    "telegram-json/channel-2023.result.json",
    "telegram-json/full-account.result.json",
    "telegram-json/tg2md-private-channel-2021.result.json",
    "web-preview-html/channel.html",
    "telegram-html/ChatExport_2023-06-08/messages.html",
  ].map((p) => join(data, p));
  const deeper = [{}, ["--ngrams", "--cooccurrence", "--distinctive", "--stem", "--fold-yo", "--posts", "--timeline", "week", "--time-zone", "+03:00"]];
  const deeperOptions = { ngrams: true, cooccurrence: true, distinctive: true, stem: true, fold_yo: true, posts: true, timeline: "week", time_zone: "+03:00" };
  for (const path of exports) {
    const text = readFileSync(path, "utf8");
    for (const [options, flags] of [[{}, []], [deeperOptions, deeper[1]]]) {
      const report = tgtext.analyze(text, options);
      assertSameBytes(cli(["analyze", "--format", "json", ...flags, path]), jsonBytes(report), `${path} ${flags.join(" ")}`);
      assertSameBytes(cli(["analyze", "--format", "csv", ...flags, path]), tgtext.csv(report), `${path} csv ${flags.join(" ")}`);
    }
  }
  // Two pages of one HTML export: two inputs of one report, as the CLI reads the folder's files.
  const pages = ["messages.html", "messages2.html"].map((p) => join(data, "telegram-html", "ChatExport_2023-06-08", p));
  const analyzer = new tgtext.Analyzer();
  for (const page of pages) {
    analyzer.feed(readFileSync(page, "utf8"));
    analyzer.endInput();
  }
  assertSameBytes(cli(["analyze", "--format", "json", ...pages]), jsonBytes(analyzer.finish()), "two HTML pages");
});

for (const [mb, seed, options, flags] of [
  [8, 1, {}, []],
  [2, 7, { posts: true, stopwords: "none", top: 50 }, ["--posts", "--stopwords", "none", "--top", "50"]],
]) {
  test(`a generated ${mb} MB corpus (seed ${seed}${flags.length ? ", " + flags.join(" ") : ""}): same JSON and CSV bytes`, (t) => {
    const path = corpus(mb, seed);
    const text = readFileSync(path, "utf8");
    const started = performance.now();
    const report = tgtext.analyze(text, options);
    t.diagnostic(`analyze: ${(text.length / 1e6).toFixed(1)} M characters in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    assert.ok(report.totals.posts > 1000, `a corpus of many posts (${report.totals.posts})`);
    assertSameBytes(cli(["analyze", "--format", "json", ...flags, path]), jsonBytes(report), "json");
    assertSameBytes(cli(["analyze", "--format", "csv", ...flags, path]), tgtext.csv(report), "csv");
    // Fed in pieces cut anywhere (even inside a line, but not inside a surrogate pair, which
    // JS strings would turn into two U+FFFD), the streaming Analyzer gives the same report.
    const analyzer = new tgtext.Analyzer(options);
    for (let pos = 0; pos < text.length; ) {
      let end = Math.min(pos + 100_003, text.length);
      const last = text.charCodeAt(end - 1);
      if (last >= 0xd800 && last <= 0xdbff) end += 1;
      analyzer.feed(text.slice(pos, end));
      pos = end;
    }
    assert.ok(jsonBytes(analyzer.finish()) === jsonBytes(report), "the streamed report equals the whole one");
  });
}

// The report's one float, `log_ratio`, is rounded to 4 decimals and written as JSON.stringify
// writes numbers (a whole value without `.0`). Two sources with the same words have distinctive
// log-ratios of 0: the bug this pinned was the CLI's `0.0`.
test(
  "distinctive log-ratios that are whole numbers: the same bytes as the CLI",
  (t) => {
    const scratch = tempDir("float");
    t.after(scratch.remove);
    const path = join(scratch.dir, "two-sources.txt");
    const text = [
      "Forwarded from Alpha",
      "apple apple banana banana",
      "845 views 11:02",
      "Forwarded from Beta",
      "apple apple banana banana",
      "845 views 11:03",
      "",
    ].join("\n");
    writeFileSync(path, text);
    const report = tgtext.analyze(text, { distinctive: true });
    assertSameBytes(cli(["analyze", "--format", "json", "--distinctive", path]), jsonBytes(report), "json --distinctive");
  },
);

// analyze() hands a text longer than 2^20 UTF-16 units to the wasm in pieces (wasm/npm/api.js):
// a surrogate pair at a piece's edge must stay one character, and the report must be the CLI's.
test("a long text analysed in pieces: a pair of surrogates at a piece's edge stays one emoji", (t) => {
  const scratch = tempDir("pieces");
  t.after(scratch.remove);
  const path = join(scratch.dir, "long.txt");
  const edge = 1 << 20;
  const text = "a".repeat(edge - 1) + "😀 #tag 👋🏽\n" + "слово ".repeat(50_000) + "\n";
  assert.equal(text.charCodeAt(edge - 1), 0xd83d, "the high surrogate is the piece's last unit");
  writeFileSync(path, text);
  const report = tgtext.analyze(text);
  assert.deepEqual(
    report.emoji.map((e) => [e.key, e.count]),
    [["👋🏽", 1], ["😀", 1]],
  );
  assertSameBytes(cli(["analyze", "--format", "json", path]), jsonBytes(report), "json");
});

// analyze() of a file's bytes (a Buffer) reads them as the CLI reads the file.
test("a file's bytes: the same report as its text, and invalid UTF-8 names its byte offset", (t) => {
  const bytes = readFileSync(SAMPLE);
  assert.ok(bytes instanceof Uint8Array);
  assertSameBytes(cli(["analyze", "--format", "json", SAMPLE]), jsonBytes(tgtext.analyze(bytes)), "json of bytes");
  const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Hello #World\n")]);
  assert.equal(tgtext.analyze(withBom).hashtags[0].text, "#World");
  const scratch = tempDir("bytes");
  t.after(scratch.remove);
  const path = join(scratch.dir, "bad.txt");
  const bad = new Uint8Array([...new TextEncoder().encode("ok #tag "), 0xff, 0x0a]);
  writeFileSync(path, bad);
  assert.throws(() => tgtext.analyze(bad), (err) => err instanceof Error && /^invalid UTF-8 at byte offset 8 \(new TextDecoder/.test(err.message));
});

// analyzeFile() reads the file itself, a piece at a time, as the CLI does.
test("a file by its path: the CLI's bytes, pieces cut anywhere, and errors that name the file", (t) => {
  assertSameBytes(cli(["analyze", "--format", "json", SAMPLE]), jsonBytes(tgtext.analyzeFile(SAMPLE)), "json of the sample");
  // 8 MB: many 256 KiB reads, most of them cutting a character of Cyrillic text in two.
  const big = corpus(8, 1);
  const options = { posts: true, top: 50 };
  assertSameBytes(cli(["analyze", "--format", "json", "--posts", "--top", "50", big]), jsonBytes(tgtext.analyzeFile(big, options)), "json of 8 MB");
  const scratch = tempDir("file");
  t.after(scratch.remove);
  const withBom = join(scratch.dir, "bom.txt");
  writeFileSync(withBom, new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Hello #World\n")]));
  assert.equal(tgtext.analyzeFile(withBom).hashtags[0].text, "#World");
  const bad = join(scratch.dir, "bad.txt");
  writeFileSync(bad, new Uint8Array([...new TextEncoder().encode("ok #tag "), 0xff, 0x0a]));
  const named = (pattern) => (err) => err instanceof Error && !(err instanceof WebAssembly.RuntimeError) && pattern.test(err.message);
  assert.throws(() => tgtext.analyzeFile(bad), named(/^.*bad\.txt: invalid UTF-8 at byte offset 8 /));
  assert.throws(() => tgtext.analyzeFile(join(scratch.dir, "missing.txt")), named(/missing\.txt: cannot open: ENOENT/));
  assert.throws(() => tgtext.analyzeFile(scratch.dir), named(/: cannot read: EISDIR.* at byte offset 0$/));
  // An option error is the options', not the file's.
  assert.throws(() => tgtext.analyzeFile(SAMPLE, { top: "5" }), named(/^invalid options: invalid type: string "5"/));
  assert.throws(() => tgtext.analyzeFile(42), (err) => err instanceof TypeError && /tgtext.analyzeFile: path must be a string, got number/.test(err.message));
  // The package still works after each error.
  assert.equal(tgtext.analyzeFile(withBom).totals.hashtags, 1);
});

// The `format` option: the report as the CLI's text, made in Rust, through every entry point.
test("format json and csv: the CLI's bytes from analyze, analyzeFile and the streaming Analyzer", () => {
  const text = readFileSync(SAMPLE, "utf8");
  const cliJson = cli(["analyze", "--format", "json", "--top", "7", SAMPLE]);
  const cliCsv = cli(["analyze", "--format", "csv", "--top", "7", SAMPLE]);
  const streamed = (format) => {
    const analyzer = new tgtext.Analyzer({ top: 7, format });
    analyzer.feed(text.slice(0, 1000));
    analyzer.feed(text.slice(1000));
    return analyzer.finish();
  };
  for (const [format, expected] of [["json", cliJson], ["csv", cliCsv]]) {
    const options = { top: 7, format };
    assertSameBytes(expected, tgtext.analyze(text, options), `analyze(text) ${format}`);
    assertSameBytes(expected, tgtext.analyze(readFileSync(SAMPLE), options), `analyze(bytes) ${format}`);
    assertSameBytes(expected, tgtext.analyzeFile(SAMPLE, options), `analyzeFile ${format}`);
    assertSameBytes(expected, streamed(format), `Analyzer ${format}`);
  }
  // With `bytes`, the same text as UTF-8 in a Uint8Array, from every entry point.
  const utf8 = (value, what) => {
    assert.ok(value instanceof Uint8Array, `${what}: a Uint8Array`);
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("utf8");
  };
  for (const [format, expected] of [["json", cliJson], ["csv", cliCsv]]) {
    const options = { top: 7, format, bytes: true };
    assertSameBytes(expected, utf8(tgtext.analyze(text, options), "analyze"), `analyze(text) ${format} bytes`);
    assertSameBytes(expected, utf8(tgtext.analyze(readFileSync(SAMPLE), options), "analyze"), `analyze(bytes) ${format} bytes`);
    assertSameBytes(expected, utf8(tgtext.analyzeFile(SAMPLE, options), "analyzeFile"), `analyzeFile ${format} bytes`);
    const analyzer = new tgtext.Analyzer(options);
    analyzer.feed(text);
    assertSameBytes(expected, utf8(analyzer.finish(), "Analyzer"), `Analyzer ${format} bytes`);
  }
  // And the object's own serialisations agree with it.
  const report = tgtext.analyze(text, { top: 7 });
  assert.equal(jsonBytes(report), cliJson);
  assert.equal(tgtext.csv(report), cliCsv);
  // A text longer than one piece goes through the streaming analyzer inside analyze().
  const long = `${text}\n`.repeat(Math.ceil((1 << 21) / text.length));
  assertSameBytes(jsonBytes(tgtext.analyze(long)), tgtext.analyze(long, { format: "json" }), "json of a 2 MB text");
});
