// The page: collects the text and the options, hands them to the worker, and shows the report.
// No counting happens here; everything shown comes from the report the package returns.

const $ = (id) => document.getElementById(id);

/** Tables shown: every array-of-items section of the report, in report order. */
const TABLES = {
  hashtags: "Hashtags",
  emoji: "Emoji",
  words: "Words",
  mentions: "Mentions",
  cashtags: "Cashtags",
  domains: "Domains",
  sources: "Sources",
  countries: "Countries",
  chats: "Chats",
  bigrams: "Bigrams",
  trigrams: "Trigrams",
  cotags: "Hashtag pairs",
  hashtag_words: "Hashtag–word pairs",
  emoji_hashtags: "Emoji–hashtag pairs",
};
/** Sections with a bar chart. */
const CHARTS = ["hashtags", "emoji", "words", "sources", "countries"];
/** The deeper analyses' sections: charted too, when the options put them in the report. */
const DEEP_CHARTS = ["bigrams", "trigrams", "cotags", "hashtag_words", "emoji_hashtags"];
const CHART_ITEMS = 15;
const CLOUD_WORDS = 120;
/** Rows drawn per table; the downloads hold every row. */
const MAX_ROWS = 200;

let worker = null;
let runId = 0;
let current = null; // {id, started}
let file = null;
/** A large paste is kept here rather than in the text box, where 10 MB takes seconds to lay out. */
let pasted = null;
const LARGE_PASTE = 1_000_000;
/** Characters of the cleaned text shown in its box; Copy and the download take all of it. */
const CLEAN_PREVIEW = 200_000;
let cleanText = "";
let downloads = { json: "", csv: "" };
/** The last report shown, for the per-section CSV downloads. */
let shownReport = null;
/** The keyword-in-context run waited for ({id, term}), and the hits shown. */
let kwicCurrent = null;
let kwicHits = null; // {term, hits}
const charts = [];
/** The distinctive words' per-group charts, redrawn with the tables. */
const groupCharts = [];

function setState(state) {
  document.body.dataset.state = state;
}

function status(text) {
  $("status").textContent = text;
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

function startWorker() {
  worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
  worker.onmessage = onWorkerMessage;
  worker.onerror = (event) => {
    setState("error");
    showError(`The analysis worker failed to start: ${event.message || "see the browser console"}`);
    status("");
  };
}

function onWorkerMessage({ data }) {
  if (data.type === "ready") {
    $("version").textContent = `tgtext ${data.version}`;
    $("run").disabled = false;
    status("Ready.");
    setState("ready");
    return;
  }
  if (kwicCurrent && data.id === kwicCurrent.id) {
    onKwicMessage(data);
    return;
  }
  if (!current || data.id !== current.id) return;
  if (data.type === "progress") {
    const progress = $("progress");
    progress.max = Math.max(data.total, 1);
    progress.value = data.done;
    const mb = (n) => (n / 1e6).toFixed(1);
    status(`Analysing… ${mb(data.done)} of ${mb(data.total)} million characters`);
  } else if (data.type === "result") {
    const elapsed = performance.now() - current.started;
    finishRun();
    showResults(data, elapsed);
  } else if (data.type === "error") {
    finishRun();
    setState("error");
    showError(data.message);
    status("The analysis stopped.");
  }
}

function finishRun() {
  current = null;
  $("run").disabled = false;
  $("cancel").hidden = true;
  $("progress").hidden = true;
}

function options() {
  const opts = {};
  const input = $("opt-input").value;
  if (input) opts.input = input;
  const top = Number.parseInt($("opt-top").value || "0", 10);
  if (top > 0) opts.top = top;
  if (!$("opt-stopwords").checked) opts.stopwords = "none";
  const extra = $("opt-stopwords-extra").value.split(",").map((w) => w.trim()).filter(Boolean);
  if (extra.length) opts.stopwords_extra = extra;
  if ($("opt-split").checked) opts.split = "paragraph";
  if ($("opt-posts").checked) opts.posts = true;
  if ($("opt-timeline").value !== "day") opts.timeline = $("opt-timeline").value;
  const zone = $("opt-time-zone").value.trim();
  if (zone) opts.time_zone = zone;
  for (const [id, key] of [["opt-ngrams", "ngrams"], ["opt-cooccurrence", "cooccurrence"], ["opt-distinctive", "distinctive"], ["opt-stem", "stem"], ["opt-fold-yo", "fold_yo"]]) {
    if ($(id).checked) opts[key] = true;
  }
  return opts;
}

function stripOptions() {
  const opts = {
    remove: [...document.querySelectorAll('input[name="remove"]:checked')].map((box) => box.value),
    keep_hashtag_words: $("opt-keep-hashtag-words").checked,
  };
  const input = $("opt-input").value;
  if (input) opts.input = input;
  if ($("opt-split").checked) opts.split = "paragraph";
  return opts;
}

function run() {
  const text = pasted ?? $("input").value;
  if (!file && !text) {
    showError("Paste some text or open a file first.");
    return;
  }
  showError("");
  $("results").hidden = true; // never show an earlier run's results beside this run's error
  clearKwic(); // its hits were of the text as it was then
  runId += 1;
  current = { id: runId, started: performance.now() };
  setState("running");
  $("run").disabled = true;
  $("cancel").hidden = false;
  const progress = $("progress");
  progress.hidden = false;
  progress.removeAttribute("value"); // indeterminate until the worker reports
  status(file ? `Reading ${file.name}…` : "Analysing…");
  const message = { type: "run", id: runId, options: options(), stripOptions: stripOptions() };
  if (file) message.file = file;
  else message.text = text;
  worker.postMessage(message);
}

/** The text being analysed, as the worker message wants it: the file, the kept paste or the box. */
function source() {
  if (file) return { file };
  return { text: pasted ?? $("input").value };
}

// --- keyword in context --------------------------------------------------------------------

function kwicOptions() {
  const opts = {};
  const input = $("opt-input").value;
  if (input) opts.input = input;
  if ($("opt-split").checked) opts.split = "paragraph";
  const size = Number.parseInt($("kwic-window").value || "5", 10);
  if (Number.isFinite(size) && size >= 0) opts.window = size;
  if ($("opt-stem").checked) opts.stem = true;
  if ($("opt-fold-yo").checked) opts.fold_yo = true;
  return opts;
}

function runKwic() {
  const term = $("kwic-term").value.trim();
  const src = source();
  if (!term) {
    $("kwic-status").textContent = "Type a word, #hashtag or emoji first.";
    return;
  }
  if (!src.file && !src.text) {
    $("kwic-status").textContent = "Paste some text or open a file first.";
    return;
  }
  runId += 1;
  kwicCurrent = { id: runId, term };
  $("kwic-run").disabled = true;
  $("kwic-status").textContent = `Looking for ${term}…`;
  worker.postMessage({ type: "kwic", id: runId, term, options: kwicOptions(), ...src });
}

function clearKwic() {
  kwicHits = null;
  delete $("kwic-results").dataset.hits;
  $("kwic-results").replaceChildren();
  $("kwic-status").textContent = "";
  $("kwic-download").disabled = true;
}

function onKwicMessage(data) {
  kwicCurrent = null;
  $("kwic-run").disabled = false;
  if (data.type === "error") {
    clearKwic();
    $("kwic-status").textContent = data.message;
    return;
  }
  kwicHits = { term: data.term, hits: data.hits };
  $("kwic-download").disabled = !data.hits.length;
  $("kwic-status").textContent = `${fmt.format(data.hits.length)} ${data.hits.length === 1 ? "hit" : "hits"} for ${data.term}`;
  $("kwic-results").dataset.hits = String(data.hits.length);
  const head = el("tr", {}, el("th", { class: "num" }, "post"), el("th", { class: "left" }, "left"), el("th", { class: "match" }, "match"), el("th", {}, "right"));
  const body = el("tbody");
  for (const hit of data.hits.slice(0, MAX_ROWS)) {
    body.append(
      el("tr", {},
        el("td", { class: "num" }, String(hit.index)),
        el("td", { class: "left" }, hit.left),
        el("td", { class: "match" }, hit.match),
        el("td", { class: "right" }, hit.right)),
    );
  }
  const note = data.hits.length > MAX_ROWS ? `The first ${MAX_ROWS} of ${fmt.format(data.hits.length)} hits; the download holds all.` : "";
  $("kwic-results").replaceChildren(
    ...(note ? [el("p", { class: "note" }, note)] : []),
    data.hits.length
      ? el("div", { class: "table-scroll" }, el("table", { id: "table-kwic" }, el("thead", {}, head), body))
      : el("p", { class: "empty", id: "table-kwic" }, "no hits"),
  );
}

function downloadKwic() {
  if (!kwicHits) return;
  const rows = kwicHits.hits.map((h) => [h.index, h.id ?? "", h.date ?? "", h.left, h.match, h.right]);
  // A file-name-safe form of the term: its letters, digits, _ and -.
  const slug = kwicHits.term.replace(/[^\p{L}\p{N}_-]+/gu, "") || "term";
  saveFile(`tgtext-kwic-${slug}.csv`, "text/csv", toCsv(["index", "id", "date", "left", "match", "right"], rows));
}

function cancel() {
  // A worker in the middle of a wasm call cannot be interrupted; replace it.
  worker.terminate();
  finishRun();
  kwicCurrent = null;
  $("kwic-run").disabled = false;
  setState("ready");
  status("Cancelled.");
  $("run").disabled = true;
  startWorker();
}

// --- files ---------------------------------------------------------------------------------

function showSource(text) {
  $("file-name").textContent = text;
  $("file-name").hidden = false;
  $("clear-file").hidden = false;
  showError("");
}

function useFile(chosen) {
  clearSource();
  file = chosen;
  $("input").disabled = true;
  showSource(`File: ${chosen.name} (${(chosen.size / 1e6).toFixed(2)} MB)`);
  status(`${chosen.name} will be analysed.`);
}

/** A paste of more than LARGE_PASTE characters: kept aside, the box shows its beginning. */
function onPaste(event) {
  const text = event.clipboardData?.getData("text/plain") ?? "";
  if (text.length <= LARGE_PASTE) return;
  event.preventDefault();
  clearSource();
  pasted = text;
  const box = $("input");
  box.value = `${text.slice(0, 20_000)}\n…`;
  box.readOnly = true;
  showSource(`Pasted text: ${(text.length / 1e6).toFixed(1)} million characters (the box shows the beginning)`);
  status("The pasted text will be analysed.");
}

function clearSource() {
  file = null;
  $("file").value = "";
  if (pasted !== null) {
    pasted = null;
    $("input").value = "";
  }
  $("input").readOnly = false;
  $("input").disabled = false;
  $("file-name").hidden = true;
  $("clear-file").hidden = true;
}

// --- results -------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "class") node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

const fmt = new Intl.NumberFormat("en");

function showResults({ report, json, csv, clean, warning }, elapsed) {
  downloads = { json, csv, txt: clean };
  shownReport = report;
  setState("done");
  $("results").hidden = false;
  $("results").dataset.elapsedMs = String(Math.round(elapsed));
  status(`Done: ${fmt.format(report.totals.posts)} posts (${report.format}).`);
  $("timing").textContent = `analysed in ${(elapsed / 1000).toFixed(2)} s`;
  if (warning) showError(warning);

  const channel = report.channel;
  $("channel").hidden = !channel;
  if (channel) {
    $("channel-title").textContent = channel.title;
    $("channel-description").textContent = channel.description ?? "";
    $("channel-counters").replaceChildren(
      ...Object.entries(channel.counters).map(([name, value]) =>
        el("li", {}, el("strong", {}, fmt.format(value)), ` ${name}`),
      ),
    );
  }

  $("totals").replaceChildren(
    ...Object.entries(report.totals).flatMap(([name, value]) => [
      el("div", { class: "total", "data-total": name }, el("dt", {}, name.replaceAll("_", " ")), el("dd", {}, fmt.format(value))),
    ]),
  );

  drawCharts(report);
  drawTimeline(report.timeline);
  drawCloud(report.words);
  drawTables(report);
  cleanText = clean;
  $("clean-text").value = clean.length > CLEAN_PREVIEW ? `${clean.slice(0, CLEAN_PREVIEW)}\n…` : clean;
  $("clean-note").textContent =
    clean.length > CLEAN_PREVIEW
      ? `The box shows the first ${fmt.format(CLEAN_PREVIEW)} of ${fmt.format(clean.length)} characters; Copy and Download take all.`
      : "";
  $("copy-status").textContent = "";
}

/** A chart label: the item's text, and for emoji its name too. */
function label(item) {
  return item.name ? `${item.text}  ${item.name}` : item.text;
}

/**
 * A horizontal bar chart in `figure`, one bar per label; "none" when there are no bars.
 * `whole` says the values are counts (whole-number ticks); otherwise they are scores.
 */
function barChart(figure, labels, values, { name = "count", whole = true } = {}) {
  if (!labels.length) {
    figure.append(el("p", { class: "empty" }, "none"));
    return null;
  }
  const canvas = el("canvas");
  figure.append(el("div", { class: "chart-canvas", style: `height: ${40 + labels.length * 22}px` }, canvas));
  return new Chart(canvas, {
    type: "bar",
    data: {
      labels,
      datasets: [{ label: name, data: values, backgroundColor: "#2b7bb9" }],
    },
    options: {
      indexAxis: "y",
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: whole ? { precision: 0 } : {} }, y: { ticks: { autoSkip: false, font: { size: 13 } } } },
    },
  });
}

function drawCharts(report) {
  for (const chart of charts.splice(0)) chart.destroy();
  const box = $("charts");
  box.replaceChildren();
  const sections = [...CHARTS, ...DEEP_CHARTS.filter((section) => Array.isArray(report[section]))];
  for (const section of sections) {
    const items = (report[section] ?? []).slice(0, CHART_ITEMS);
    const figure = el("figure", { class: "chart", "data-chart": section }, el("figcaption", {}, TABLES[section]));
    box.append(figure);
    const chart = barChart(figure, items.map(label), items.map((i) => i.count));
    if (chart) charts.push(chart);
  }
}

function drawCloud(words) {
  const items = words.slice(0, CLOUD_WORDS);
  const box = $("cloud-box");
  const old = Chart.getChart($("cloud"));
  if (old) old.destroy();
  box.hidden = !items.length;
  if (!items.length) return;
  const max = items[0].count;
  const min = items[items.length - 1].count;
  const size = (count) => (max === min ? 36 : 12 + ((count - min) / (max - min)) * 52);
  charts.push(
    new Chart($("cloud"), {
      type: "wordCloud",
      data: {
        labels: items.map(label),
        datasets: [{ label: "words", data: items.map((i) => size(i.count)), color: items.map((_, n) => ["#1d4e89", "#2b7bb9", "#e07a1f", "#3a9a5b", "#8a4fbf"][n % 5]) }],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false }, tooltip: { enabled: true } },
        elements: { word: { minRotation: 0, maxRotation: 0, padding: 2 } },
      },
    }),
  );
}

function drawTables(report) {
  const box = $("tables");
  box.replaceChildren();
  // Every list of items, in report order (new sections of a later core show up by themselves);
  // the sections of another shape get tables of their own below.
  const isItems = (list) => list.every((item) => "key" in item && "count" in item && "posts" in item);
  const sections = Object.keys(report).filter((key) => Array.isArray(report[key]) && !["posts", "distinctive"].includes(key) && isItems(report[key]));
  for (const section of sections) {
    const items = report[section];
    const isEmoji = section === "emoji";
    const head = el("tr", {}, el("th", {}, "#"), el("th", {}, "text"), el("th", {}, "key"));
    if (isEmoji) head.append(el("th", {}, "name"));
    head.append(el("th", { class: "num" }, "count"), el("th", { class: "num" }, "posts"));
    const body = el("tbody");
    items.slice(0, MAX_ROWS).forEach((item, n) => {
      const row = el("tr", {}, el("td", { class: "num" }, String(n + 1)), el("td", { class: "text" }, item.text), el("td", { class: "key" }, item.key));
      if (isEmoji) row.append(el("td", {}, item.name ?? ""));
      row.append(el("td", { class: "num" }, fmt.format(item.count)), el("td", { class: "num" }, fmt.format(item.posts)));
      body.append(row);
    });
    const note = items.length > MAX_ROWS ? ` — the first ${MAX_ROWS} of ${fmt.format(items.length)}; the downloads hold all` : "";
    box.append(
      el("details", { class: "table", open: "", "data-section": section },
        el("summary", {}, `${TABLES[section] ?? section} (${fmt.format(items.length)})${note}`),
        csvButton(section, items.length),
        items.length
          ? el("div", { class: "table-scroll" }, el("table", { id: `table-${section}` }, el("thead", {}, head), body))
          : el("p", { class: "empty", id: `table-${section}` }, "none")),
    );
  }
  if (report.timeline) box.append(timelineTable(report.timeline));
  for (const chart of groupCharts.splice(0)) chart.destroy();
  if (report.distinctive) box.append(distinctiveSection(report.distinctive));
  if (report.posts) box.append(postsTable(report.posts));
}

function simpleTable(section, title, headers, rows) {
  const head = el("tr", {}, ...headers.map((h) => el("th", {}, h)));
  const body = el("tbody");
  for (const cells of rows.slice(0, MAX_ROWS)) body.append(el("tr", {}, ...cells.map((c) => el("td", { class: typeof c === "number" ? "num" : "" }, typeof c === "number" ? fmt.format(c) : c))));
  const note = rows.length > MAX_ROWS ? ` — the first ${MAX_ROWS} of ${fmt.format(rows.length)}` : "";
  return el("details", { class: "table", open: "", "data-section": section },
    el("summary", {}, `${title} (${fmt.format(rows.length)})${note}`),
    rows.length
      ? el("div", { class: "table-scroll" }, el("table", { id: `table-${section}` }, el("thead", {}, head), body))
      : el("p", { class: "empty", id: `table-${section}` }, "none"));
}

function timelineTable(timeline) {
  return simpleTable("timeline", `Timeline by ${timeline.unit} (${timeline.time_zone})`, ["period", "posts", "top hashtags"],
    timeline.periods.map((p) => [p.period, p.posts, p.hashtags.map((h) => `${h.text} ${h.count}`).join(", ")]));
}

/** A row of buttons with the CSV download of one section of the report. */
function csvButton(section, rows) {
  const button = el("button", { type: "button", id: `download-${section}`, "data-csv": section }, "Download (CSV)");
  button.disabled = !rows;
  return el("div", { class: "row section-downloads" }, button);
}

/** A group's name in the CSV: `kind:key`, as the CLI's CSV rows name it (`distinctive,<kind>:<group>|<word>`). */
const groupName = (group) => `${group.kind}:${group.key}`;

/** Per source and chat: its distinctive words as a chart of their log₂ ratios and a table. */
function distinctiveSection(groups) {
  const shown = groups.filter((g) => g.terms.length);
  const blocks = shown.map((group, n) => {
    const figure = el("figure", { class: "chart", "data-chart": `distinctive-${n}` },
      el("figcaption", {}, `${group.kind}: ${group.text} — ${fmt.format(group.words)} words`));
    const chart = barChart(figure, group.terms.map((t) => t.text), group.terms.map((t) => t.log_ratio), { name: "log₂ ratio", whole: false });
    if (chart) groupCharts.push(chart);
    const head = el("tr", {}, ...["#", "text", "key"].map((h) => el("th", {}, h)), ...["count", "posts", "log₂ ratio"].map((h) => el("th", { class: "num" }, h)));
    const body = el("tbody");
    group.terms.forEach((t, i) => body.append(
      el("tr", {},
        el("td", { class: "num" }, String(i + 1)), el("td", { class: "text" }, t.text), el("td", { class: "key" }, t.key),
        el("td", { class: "num" }, fmt.format(t.count)), el("td", { class: "num" }, fmt.format(t.posts)), el("td", { class: "num" }, t.log_ratio.toFixed(4))),
    ));
    return el("div", { class: "group", "data-group": groupName(group) }, figure, el("table", {}, el("thead", {}, head), body));
  });
  const empty = groups.length - shown.length;
  const note = empty ? ` — ${empty} without a word seen twice` : "";
  return el("details", { class: "table", open: "", "data-section": "distinctive" },
    el("summary", {}, `Distinctive words (${fmt.format(groups.length)} ${groups.length === 1 ? "source or chat" : "sources and chats"})${note}`),
    csvButton("distinctive", shown.length),
    shown.length ? el("div", { class: "groups", id: "table-distinctive" }, ...blocks) : el("p", { class: "empty", id: "table-distinctive" }, "none"));
}

/** One CSV field, quoted as RFC 4180 says when it holds a comma, a quote or a line break. */
function csvField(value) {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV table: the header, then the rows; lines end in \n, as the CLI's CSV does. */
function toCsv(header, rows) {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}

/** One section of the shown report as CSV: every row, not only those drawn. */
function sectionCsv(section) {
  const list = shownReport?.[section] ?? [];
  if (section === "distinctive") {
    return toCsv(["group", "key", "text", "count", "posts", "log_ratio"],
      list.flatMap((g) => g.terms.map((t) => [groupName(g), t.key, t.text, t.count, t.posts, t.log_ratio])));
  }
  if (section === "emoji") return toCsv(["key", "text", "name", "count", "posts"], list.map((i) => [i.key, i.text, i.name ?? "", i.count, i.posts]));
  return toCsv(["key", "text", "count", "posts"], list.map((i) => [i.key, i.text, i.count, i.posts]));
}

function drawTimeline(timeline) {
  const canvas = $("timeline-chart");
  const old = Chart.getChart(canvas);
  if (old) old.destroy();
  $("timeline-box").hidden = !timeline?.periods.length;
  if (!timeline?.periods.length) return;
  charts.push(
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: timeline.periods.map((p) => p.period),
        datasets: [{ label: "posts", data: timeline.periods.map((p) => p.posts), backgroundColor: "#2b7bb9" }],
      },
      options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
  );
}

function postsTable(posts) {
  const head = el("tr", {}, ...["#", "source", "clean text", "hashtags", "emoji", "mentions", "cashtags", "urls"].map((h) => el("th", {}, h)));
  const body = el("tbody");
  for (const post of posts.slice(0, MAX_ROWS)) {
    body.append(
      el("tr", {},
        el("td", { class: "num" }, String(post.index)),
        el("td", {}, post.source ?? ""),
        el("td", { class: "clean" }, post.clean_text),
        ...["hashtags", "emoji", "mentions", "cashtags", "urls"].map((k) => el("td", {}, post[k].join(" ")))),
    );
  }
  const note = posts.length > MAX_ROWS ? ` — the first ${MAX_ROWS} of ${fmt.format(posts.length)}` : "";
  return el("details", { class: "table", open: "", "data-section": "posts" },
    el("summary", {}, `Posts (${fmt.format(posts.length)})${note}`),
    el("div", { class: "table-scroll" }, el("table", { id: "table-posts" }, el("thead", {}, head), body)));
}

function download(kind) {
  const type = { json: "application/json", csv: "text/csv", txt: "text/plain" }[kind];
  const name = kind === "txt" ? "tgtext-clean.txt" : `tgtext-report.${kind}`;
  saveFile(name, type, downloads[kind]);
}

/** Offers `text` as a download named `name`. */
function saveFile(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function copyClean() {
  const text = cleanText;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    $("clean-text").select();
    document.execCommand("copy");
  }
  $("copy-status").textContent = "Copied.";
}

// --- wiring --------------------------------------------------------------------------------

$("run").addEventListener("click", run);
$("cancel").addEventListener("click", cancel);
$("file").addEventListener("change", () => {
  if ($("file").files.length) useFile($("file").files[0]);
});
$("clear-file").addEventListener("click", clearSource);
$("input").addEventListener("paste", onPaste);
$("download-txt").addEventListener("click", () => download("txt"));
$("download-json").addEventListener("click", () => download("json"));
$("download-csv").addEventListener("click", () => download("csv"));
$("copy-clean").addEventListener("click", copyClean);
$("tables").addEventListener("click", (event) => {
  const section = event.target.closest("button[data-csv]")?.dataset.csv;
  if (section) saveFile(`tgtext-${section.replaceAll("_", "-")}.csv`, "text/csv", sectionCsv(section));
});
$("kwic-run").addEventListener("click", runKwic);
$("kwic-term").addEventListener("keydown", (event) => {
  if (event.key === "Enter") runKwic();
});
$("kwic-download").addEventListener("click", downloadKwic);

const zone = document.body;
zone.addEventListener("dragover", (event) => {
  event.preventDefault();
  document.body.classList.add("dragging");
});
zone.addEventListener("dragleave", () => document.body.classList.remove("dragging"));
zone.addEventListener("drop", (event) => {
  event.preventDefault();
  document.body.classList.remove("dragging");
  const dropped = event.dataTransfer?.files?.[0];
  if (dropped) useFile(dropped);
});

startWorker();
