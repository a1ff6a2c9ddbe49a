// The tgtext npm package in Node, for scripts/bench.sh: gives the file to the package's
// `analyzeFile()`, as its README shows for a file, and prints the report as the CLI does
// (SPEC §5), so that the same work is timed on both sides and the bytes can be compared.
//
//   node bench/node-tgtext.mjs [--object] [--stream] FILE... > report.json
//   node bench/node-tgtext.mjs [--object] --calls N FILE > report.json
//
// By default the package writes the report's JSON itself (the `format: "json"` option, the CLI's
// `--format json`) as UTF-8 bytes (`bytes: true`), as a user saving the report would ask it to:
// the CLI too writes bytes, not a string. --object takes the report
// as a JS object and prints `JSON.stringify(report, null, 2) + "\n"` instead: the same bytes,
// for a user who works with the object before saving it (the bench times both).
//
// --calls N analyses the one FILE N times in the same process and prints each call's
// milliseconds to stderr: the first call pays for V8 compiling the wasm's hot code to machine
// code (it starts in its baseline compiler), the later ones show the steady speed.
//
// The package is the one built by scripts/build-wasm.sh: build/npm, or the directory named by
// $TGTEXT_NPM (for example an unpacked `npm pack` tarball). Exits with status 3 and a message
// when it is not there.
//
// One file: `analyzeFile(path)`, which reads it a piece at a time. Several files, or --stream:
// the package's streaming `Analyzer`, fed 1 MiB pieces and `endInput()` between files, which is
// also what a file too large for one JavaScript string needs (V8 caps strings at about 512 MiB).
import { createReadStream, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(process.env.TGTEXT_NPM ?? join(here, "..", "build", "npm"));
const entry = join(pkg, "node", "index.mjs");
if (!existsSync(entry)) {
  process.stderr.write(`node-tgtext.mjs: no tgtext npm package at ${pkg} (run scripts/build-wasm.sh)\n`);
  process.exit(3);
}
const { analyzeFile, Analyzer } = await import(pathToFileURL(entry).href);

const args = process.argv.slice(2);
const object = args[0] === "--object";
if (object) args.shift();
const stream = args[0] === "--stream";
const calls = args[0] === "--calls" ? Number(args[1]) : 1;
const files = stream ? args.slice(1) : args[0] === "--calls" ? args.slice(2) : args;
if (files.length === 0 || !(calls >= 1) || (calls > 1 && files.length !== 1)) {
  process.stderr.write("usage: node bench/node-tgtext.mjs [--object] [--stream] FILE... | [--object] --calls N FILE\n");
  process.exit(2);
}
const options = object ? {} : { format: "json", bytes: true };

let report;
if (!stream && files.length === 1) {
  for (let call = 1; call <= calls; call++) {
    const started = performance.now();
    report = analyzeFile(files[0], options);
    if (calls > 1) process.stderr.write(`call ${call}: ${(performance.now() - started).toFixed(0)} ms\n`);
  }
} else {
  const analyzer = new Analyzer(options);
  for (const [i, file] of files.entries()) {
    if (i > 0) analyzer.endInput(); // finish() ends the last input itself
    // A utf8 stream never splits a character between two pieces.
    for await (const piece of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
      analyzer.feed(piece);
    }
  }
  report = analyzer.finish();
}
process.stdout.write(object ? JSON.stringify(report, null, 2) + "\n" : report);
