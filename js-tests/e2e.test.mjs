// The web demo in real headless Chromium, served by a plain static server from web-demo/:
// paste the sample and see #CIS with 16; download the JSON and CSV and compare them with the
// CLI's; the deeper analyses (n-grams, pairs, distinctive words) as charts, tables and CSV, and
// keyword in context, agree with the CLI; open a file; a Telegram export that the core cannot read yet shows its message; a
// 10 MB paste keeps the page responsive; nothing is fetched from anywhere but the page's origin,
// and it works offline once loaded. Screenshots go to build/screenshots (paths printed below).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { chromium } from "playwright-core";
import { PKG, ROOT, SAMPLE, SCREENSHOTS, cli, corpus, requireBuild } from "./helpers.mjs";

requireBuild();
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const sampleText = readFileSync(SAMPLE, "utf8");

/** RFC 4180 CSV, written independently of the page's, to check its section downloads. */
function csvOf(header, rows) {
  const field = (v) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  return [header, ...rows].map((row) => row.map(field).join(",")).join("\n") + "\n";
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function serve(directory = join(ROOT, "web-demo")) {
  const port = await freePort();
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", directory], {
    stdio: "ignore",
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${origin}/index.html`)).ok) return { origin, stop: () => server.kill() };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error("the static server did not start");
}

test("the web demo, end to end in headless Chromium", async (t) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await serve();
  t.after(server.stop);
  const profile = mkdtempSync(join(tmpdir(), "tgtext-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    // Tall enough that every element screenshot below fits: headless Chromium can stall on an
    // element screenshot taller than the viewport.
    viewport: { width: 1280, height: 1400 },
    args: ARGS,
  });
  t.after(async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // Generous: CI machines may be busy; a real hang still fails.
  page.setDefaultTimeout(120_000);
  const problems = [];
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  const requests = [];
  context.on("request", (request) => requests.push(request.url()));
  const shot = async (name, locator) => {
    const path = join(SCREENSHOTS, `${name}.png`);
    await (locator ?? page).screenshot({ path });
    t.diagnostic(`screenshot: ${path}`);
  };
  const runAndWait = async () => {
    const started = Date.now();
    await page.click("#run");
    await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout: 120_000 });
    return Date.now() - started;
  };

  // For the copy button and for pasting as a user does (Ctrl+V).
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  await page.goto(`${server.origin}/`);
  await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
  // Everything the page needs is loaded; from here on it must work without any network.
  await context.setOffline(true);

  await t.test("paste the sample: #CIS with 16 in the hashtag table; downloads equal the CLI's report", async () => {
    await page.fill("#input", sampleText);
    const ms = await runAndWait();
    t.diagnostic(`demo: the sample (${sampleText.length} characters) shows results in ${ms} ms`);
    assert.equal(await page.getAttribute("body", "data-state"), "done", await page.textContent("#error"));
    const first = page.locator("#table-hashtags tbody tr").first();
    assert.equal(await first.locator("td").nth(1).textContent(), "#CIS");
    assert.equal(await first.locator("td").nth(3).textContent(), "16");
    assert.match(await page.textContent("#channel-title"), /Embassy of Russia in the USA/);
    assert.equal(await page.textContent('[data-total="posts"] dd'), "15");
    for (const section of ["hashtags", "emoji", "words", "sources", "countries"]) {
      assert.equal(await page.locator(`[data-chart="${section}"] canvas`).count(), 1, `a ${section} chart`);
    }
    assert.equal(await page.locator("#cloud").count(), 1);
    for (const section of ["hashtags", "emoji", "words", "mentions", "cashtags", "domains", "sources", "countries"]) {
      assert.equal(await page.locator(`#table-${section}`).count(), 1, `a ${section} table`);
    }
    assert.match(await page.inputValue("#clean-text"), /^FM Sergey Lavrov|Lavrov/m);
    assert.doesNotMatch(await page.inputValue("#clean-text"), /#CIS/);

    const [json] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
    assert.equal(json.suggestedFilename(), "tgtext-report.json");
    const jsonBytes = readFileSync(await json.path(), "utf8");
    assert.ok(jsonBytes === cli(["analyze", "--format", "json", SAMPLE]), "the downloaded JSON is the CLI's report, byte for byte");
    const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#download-csv")]);
    assert.ok(readFileSync(await csv.path(), "utf8") === cli(["analyze", "--format", "csv", SAMPLE]), "the downloaded CSV is the CLI's");

    await page.click("#copy-clean");
    await page.waitForSelector('#copy-status:text("Copied.")');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await page.inputValue("#clean-text"), "the copy button copies the cleaned text");
    const [txt] = await Promise.all([page.waitForEvent("download"), page.click("#download-txt")]);
    assert.equal(readFileSync(await txt.path(), "utf8"), copied, "the cleaned text downloads too");
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot("demo-sample");
    await shot("demo-charts", page.locator("#charts"));
    await shot("demo-cloud", page.locator("#cloud-box"));
    await shot("demo-tables", page.locator("#tables"));
  });

  await t.test("n-grams and pairs of the sample: charts, tables and CSV as the CLI counts; keyword in context", async () => {
    const expected = JSON.parse(cli(["analyze", "--format", "json", "--ngrams", "--cooccurrence", SAMPLE]));
    await page.check("#opt-ngrams");
    await page.check("#opt-cooccurrence");
    await runAndWait();
    assert.equal(await page.getAttribute("body", "data-state"), "done", await page.textContent("#error"));
    const cells = async (section) => page.locator(`#table-${section} tbody tr`).first().locator("td").allTextContents();
    // The CLI's top rows: "Foreign Minister" 9 in 6 posts; "#CIS|#CSTO" in 10 posts.
    assert.deepEqual(expected.bigrams[0], { key: "foreign minister", text: "Foreign Minister", count: 9, posts: 6 });
    assert.deepEqual(expected.cotags[0], { key: "cis|csto", text: "#CIS|#CSTO", count: 10, posts: 10 });
    assert.deepEqual(await cells("bigrams"), ["1", "Foreign Minister", "foreign minister", "9", "6"]);
    assert.deepEqual(await cells("cotags"), ["1", "#CIS|#CSTO", "cis|csto", "10", "10"]);
    for (const section of ["bigrams", "trigrams", "cotags", "hashtag_words", "emoji_hashtags"]) {
      const item = expected[section][0];
      assert.deepEqual(await cells(section), ["1", item.text, item.key, String(item.count), String(item.posts)], `${section}: the CLI's top row`);
      assert.equal(await page.locator(`[data-chart="${section}"] canvas`).count(), 1, `a ${section} chart`);
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(`#download-${section}`)]);
      const rows = expected[section].map((i) => [i.key, i.text, i.count, i.posts]);
      assert.ok(
        readFileSync(await download.path(), "utf8") === csvOf(["key", "text", "count", "posts"], rows),
        `${section}: the CSV download holds every row of the CLI's table (${rows.length})`,
      );
    }
    const bars = await page.evaluate(() => Chart.getChart(document.querySelector('[data-chart="cotags"] canvas')).data.labels.slice(0, 1));
    assert.deepEqual(bars, ["#CIS|#CSTO"], "the co-tag chart's first bar");

    // Keyword in context: as many hits as `tgtext kwic '#SCO'` prints lines, the same contexts.
    const lines = cli(["kwic", "#SCO", SAMPLE, "--format", "json"]).trim().split("\n").map((line) => JSON.parse(line));
    assert.equal(lines.length, 8);
    await page.fill("#kwic-term", "#SCO");
    await page.click("#kwic-run");
    await page.waitForSelector("#kwic-results[data-hits]");
    assert.match(await page.textContent("#kwic-status"), /^8 hits for #SCO$/);
    const rows = page.locator("#table-kwic tbody tr");
    assert.equal(await rows.count(), lines.length, "one row per hit of the CLI");
    assert.deepEqual(await rows.first().locator("td").allTextContents(), [String(lines[0].index), lines[0].left, lines[0].match, lines[0].right]);
    assert.equal(await rows.first().locator("td").nth(1).evaluate((td) => getComputedStyle(td).textAlign), "right", "the left context is right-aligned");
    const [kwicCsv] = await Promise.all([page.waitForEvent("download"), page.click("#kwic-download")]);
    assert.equal(kwicCsv.suggestedFilename(), "tgtext-kwic-SCO.csv");
    assert.ok(
      readFileSync(await kwicCsv.path(), "utf8") ===
        csvOf(["index", "id", "date", "left", "match", "right"], lines.map((h) => [h.index, h.id ?? "", h.date ?? "", h.left, h.match, h.right])),
      "the KWIC download is the CLI's hits as CSV",
    );
    // The window option reaches kwic(): one word of context on each side.
    await page.fill("#kwic-window", "1");
    await page.click("#kwic-run");
    await page.waitForSelector("#kwic-run:not([disabled])");
    const narrow = cli(["kwic", "#SCO", SAMPLE, "--format", "json", "--window", "1"]).trim().split("\n").map((line) => JSON.parse(line));
    assert.deepEqual(await rows.first().locator("td").allTextContents(), [String(narrow[0].index), narrow[0].left, narrow[0].match, narrow[0].right]);
    await page.fill("#kwic-window", "5");
    await page.click("#kwic-run");
    await page.waitForSelector("#kwic-run:not([disabled])");

    // Distinctive words: a chart and a table per group that has any; the CSV has every term.
    // (The sample's forwards make one group, whose words follow frequency; the case exports'
    // groups are too small to have a word seen twice.)
    await page.check("#opt-distinctive");
    await runAndWait();
    assert.equal(await page.getAttribute("body", "data-state"), "done", await page.textContent("#error"));
    const report = JSON.parse(cli(["analyze", "--format", "json", "--ngrams", "--cooccurrence", "--distinctive", SAMPLE]));
    const groups = report.distinctive.filter((g) => g.terms.length);
    assert.ok(groups.length > 0, "the sample has distinctive words");
    assert.equal(await page.locator("#table-distinctive [data-group]").count(), groups.length);
    assert.equal(await page.locator("#table-distinctive [data-group] canvas").count(), groups.length);
    const firstRow = page.locator(`#table-distinctive [data-group="${groups[0].kind}:${groups[0].key}"] tbody tr`).first();
    assert.equal(await firstRow.locator("td").nth(1).textContent(), groups[0].terms[0].text);
    const [distinctive] = await Promise.all([page.waitForEvent("download"), page.click("#download-distinctive")]);
    assert.ok(
      readFileSync(await distinctive.path(), "utf8") ===
        csvOf(["group", "key", "text", "count", "posts", "log_ratio"],
          report.distinctive.flatMap((g) => g.terms.map((x) => [`${g.kind}:${g.key}`, x.key, x.text, x.count, x.posts, x.log_ratio]))),
      "the distinctive words' CSV",
    );
    assert.equal(await page.locator("#kwic-results table").count(), 0, "a new analysis clears the previous hits");
    await page.click("#kwic-run");
    await page.waitForSelector("#kwic-results[data-hits]");
    await page.evaluate(() => document.querySelector('[data-chart="bigrams"]').scrollIntoView());
    await shot("demo-deeper");
    await shot("demo-kwic", page.locator("#kwic"));
    await shot("demo-distinctive", page.locator('details[data-section="distinctive"]'));
    for (const id of ["#opt-ngrams", "#opt-cooccurrence", "#opt-distinctive"]) await page.uncheck(id);
  });

  await t.test("open a file: the sample as a file gives the same report; options apply", async () => {
    await page.setInputFiles("#file", SAMPLE);
    assert.match(await page.textContent("#file-name"), /channel-cis\.txt/);
    await page.fill("#opt-top", "3");
    await page.uncheck("#opt-stopwords");
    await runAndWait();
    assert.equal(await page.getAttribute("body", "data-state"), "done", await page.textContent("#error"));
    assert.equal(await page.locator("#table-hashtags tbody tr").count(), 3);
    const [json] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
    assert.ok(
      readFileSync(await json.path(), "utf8") === cli(["analyze", "--format", "json", "--top", "3", "--stopwords", "none", SAMPLE]),
      "the file's report is the CLI's with --top 3 --stopwords none",
    );
    await page.fill("#opt-top", "0");
    await page.check("#opt-stopwords");
  });

  await t.test("open Telegram exports and a saved page: the CLI's report; the deeper analyses show", async () => {
    const data = join(ROOT, "tests", "data");
    for (const [file, flags] of [
      ["telegram-json/channel-2023.result.json", []],
      ["web-preview-html/channel.html", []],
      ["telegram-json/full-account.result.json", ["--ngrams", "--cooccurrence", "--distinctive"]],
    ]) {
      const path = join(data, file);
      await page.setInputFiles("#file", path);
      for (const [flag, id] of [["--ngrams", "#opt-ngrams"], ["--cooccurrence", "#opt-cooccurrence"], ["--distinctive", "#opt-distinctive"]]) {
        await page.setChecked(id, flags.includes(flag));
      }
      await runAndWait();
      assert.equal(await page.getAttribute("body", "data-state"), "done", `${file}: ${await page.textContent("#error")}`);
      const [json] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
      assert.ok(readFileSync(await json.path(), "utf8") === cli(["analyze", "--format", "json", ...flags, path]), `${file}: the CLI's report`);
    }
    assert.ok(await page.isVisible("#timeline-box"), "an export with dates has a timeline");
    for (const section of ["chats", "timeline", "bigrams", "distinctive"]) {
      assert.equal(await page.locator(`#table-${section}`).count(), 1, `a ${section} table`);
    }
    await page.locator("#timeline-box").scrollIntoViewIfNeeded();
    await shot("demo-export");
    for (const id of ["#opt-ngrams", "#opt-cooccurrence", "#opt-distinctive"]) await page.uncheck(id);
  });

  await t.test("a truncated export shows the CLI's message, and no stale results", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tgtext-export-"));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, "result.json");
    writeFileSync(path, '{"name": "x", "type": "public_channel", "id": 1, "messages": [ {"id": 1, "type": "message", "text": "#a"');
    await page.setInputFiles("#file", path);
    await runAndWait();
    assert.equal(await page.getAttribute("body", "data-state"), "error");
    assert.throws(() => cli(["analyze", "--format", "json", path]), (err) => {
      const shown = /truncated Telegram JSON export[^\n]*/.exec(err.message)?.[0];
      assert.ok(shown, err.message);
      return true;
    });
    const shown = await page.textContent("#error");
    let cliMessage = "";
    try {
      cli(["analyze", "--format", "json", path]);
    } catch (err) {
      cliMessage = err.message;
    }
    assert.ok(shown.length > 10 && cliMessage.includes(shown), `the page shows the CLI's message: page "${shown}", CLI "${cliMessage}"`);
    assert.ok(await page.isVisible("#error"));
    assert.ok(await page.isHidden("#results"), "the previous results are not shown beside the error");
    await shot("demo-export-error");
    await page.click("#clear-file");
  });

  await t.test("a 10 MB paste: results with the page responsive throughout", async () => {
    const big = readFileSync(corpus(10, 3), "utf8");
    // Typing 10 MB through the test driver takes minutes; pasting is what a user does: put the
    // text on the clipboard, then Ctrl+V into the box.
    await page.evaluate((text) => navigator.clipboard.writeText(text), big);
    await page.fill("#input", "");
    await page.focus("#input");
    const fillStarted = Date.now();
    await page.keyboard.press("Control+V");
    await page.waitForSelector('#file-name:text("Pasted text: ")');
    const fillMs = Date.now() - fillStarted;
    // The longest pause of the page's own thread while the worker analyses.
    await page.evaluate(() => {
      window.__gaps = { last: performance.now(), max: 0, timer: setInterval(() => {
        const now = performance.now();
        window.__gaps.max = Math.max(window.__gaps.max, now - window.__gaps.last);
        window.__gaps.last = now;
      }, 20) };
    });
    await page.click("#run");
    const started = Date.now();
    await page.waitForSelector("#progress:not([hidden])");
    let sawProgress = false;
    while ((await page.getAttribute("body", "data-state")) === "running") {
      sawProgress ||= /Analysing… [0-9.]+ of/.test(await page.textContent("#status"));
      await page.waitForTimeout(50);
    }
    const ms = Date.now() - started;
    const maxGap = await page.evaluate(() => {
      clearInterval(window.__gaps.timer);
      return window.__gaps.max;
    });
    const elapsed = Number(await page.getAttribute("#results", "data-elapsed-ms"));
    t.diagnostic(
      `demo: a ${(Buffer.byteLength(big) / 1e6).toFixed(1)} MB paste: pasted in ${fillMs} ms, results in ${ms} ms (worker round trip ${elapsed} ms); longest main-thread pause ${Math.round(maxGap)} ms`,
    );
    assert.equal(await page.getAttribute("body", "data-state"), "done", await page.textContent("#error"));
    assert.ok(sawProgress, "the progress was shown");
    const [json] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
    assert.ok(readFileSync(await json.path(), "utf8") === cli(["analyze", "--format", "json", corpus(10, 3)]), "the 10 MB report is the CLI's");
    assert.ok(maxGap < 2000, `the page's thread never paused for two seconds or more (longest ${Math.round(maxGap)} ms)`);
    await shot("demo-10mb");
  });

  await t.test("no request left the page's origin, and nothing failed", () => {
    const foreign = requests.filter((url) => !url.startsWith(`${server.origin}/`) && !url.startsWith("blob:") && !url.startsWith("data:"));
    assert.deepEqual(foreign, [], "requests to other origins");
    assert.deepEqual(problems, []);
  });
});

test("a plain page imports the package by name: the browser entry of its exports works", async (t) => {
  // What a browser user without a bundler does: the package's files, an import map for the bare
  // name pointing where package.json's browser export ("." → default) points, and an import.
  const manifest = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  const entry = manifest.exports["."].default.default;
  const site = mkdtempSync(join(tmpdir(), "tgtext-site-"));
  t.after(() => rmSync(site, { recursive: true, force: true }));
  cpSync(PKG, join(site, "tgtext"), { recursive: true });
  writeFileSync(
    join(site, "index.html"),
    `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="importmap">${JSON.stringify({ imports: { tgtext: `./tgtext/${entry.replace(/^\.\//, "")}` } })}</script>
<script type="module">
  import { analyze, csv, version } from "tgtext";
  const report = analyze("Today, #CIS leaders met in Minsk 🇷🇺🇰🇿. #cis");
  document.body.dataset.result = JSON.stringify({ top: report.hashtags[0], countries: report.countries.length, csv: csv(report).length > 0, version: version() });
</script>`,
  );
  const server = await serve(site);
  t.after(server.stop);
  const profile = mkdtempSync(join(tmpdir(), "tgtext-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
  t.after(async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on("pageerror", (err) => problems.push(err.message));
  await page.goto(`${server.origin}/index.html`);
  await page.waitForSelector("body[data-result]", { state: "attached", timeout: 60_000 });
  const result = JSON.parse(await page.getAttribute("body", "data-result"));
  assert.deepEqual(result, { top: { key: "cis", text: "#CIS", count: 2, posts: 1 }, countries: 2, csv: true, version: manifest.version });
  assert.deepEqual(problems, []);
});
