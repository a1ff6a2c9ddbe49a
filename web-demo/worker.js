// The analysis runs here, off the page's thread, so the page never freezes. The worker imports
// the npm package's browser entry (the very files of the published tarball, unpacked into pkg/
// by scripts/build-wasm.sh; a worker has no import map, hence the path) and feeds it the text
// in pieces, posting progress between them.
//
// Messages in:  {type: "run", id, text?: string, file?: File, options, stripOptions}
//               | {type: "kwic", id, text?: string, file?: File, term, options}
// Messages out: {type: "ready", version} | {type: "progress", id, done, total}
//               | {type: "result", id, report, json, csv, clean, warning}
//               | {type: "kwic-result", id, term, hits, warning}
//               | {type: "error", id, message}

import { Analyzer, Stripper, csv, kwic, version } from "./pkg/web/browser.js";

// About 1 MB per piece: frequent enough for a smooth bar, few enough to cost nothing.
const PIECE = 1 << 20;

/** Where to cut `text` near `end`: after a line break if there is one, never inside a surrogate pair. */
function cut(text, start, end) {
  if (end >= text.length) return text.length;
  const newline = text.lastIndexOf("\n", end - 1);
  if (newline >= start) return newline + 1;
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? end + 1 : end;
}

/** A file's text: UTF-8, with a warning (not a failure) where bytes are not valid UTF-8. */
async function readFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), warning: null };
  } catch {
    return {
      text: new TextDecoder("utf-8").decode(bytes),
      warning: `${file.name} is not valid UTF-8; invalid bytes were replaced with U+FFFD (as the CLI's --lossy does)`,
    };
  }
}

async function run({ id, text, file, options, stripOptions }) {
  let warning = null;
  if (file) ({ text, warning } = await readFile(file));
  const analyzer = new Analyzer(options);
  const stripper = new Stripper(stripOptions);
  const clean = [];
  try {
    let pos = 0;
    postMessage({ type: "progress", id, done: 0, total: text.length });
    while (pos < text.length) {
      const end = cut(text, pos, pos + PIECE);
      const piece = text.slice(pos, end);
      analyzer.feed(piece);
      for (const post of stripper.feed(piece)) clean.push(post.clean_text);
      pos = end;
      postMessage({ type: "progress", id, done: pos, total: text.length });
    }
    for (const post of stripper.finish()) clean.push(post.clean_text);
    const report = analyzer.finish();
    postMessage({
      type: "result",
      id,
      report,
      // The downloads, made here so a large report costs the page nothing: the JSON is byte
      // for byte what `tgtext analyze --format json` prints, the CSV what `--format csv` prints.
      json: JSON.stringify(report, null, 2) + "\n",
      csv: csv(report),
      clean: clean.join("\n\n"),
      warning,
    });
  } finally {
    analyzer.free();
    stripper.free();
  }
}

/** Keyword in context over the whole text at once (kwic() has no streaming form). */
async function runKwic({ id, text, file, term, options }) {
  let warning = null;
  if (file) ({ text, warning } = await readFile(file));
  postMessage({ type: "kwic-result", id, term, hits: kwic(text, term, options), warning });
}

self.onmessage = async (event) => {
  const message = event.data;
  const handler = { run, kwic: runKwic }[message.type];
  if (!handler) return;
  try {
    await handler(message);
  } catch (err) {
    postMessage({ type: "error", id: message.id, message: err instanceof Error ? err.message : String(err) });
  }
};

postMessage({ type: "ready", version: version() });
