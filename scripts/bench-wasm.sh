#!/usr/bin/env bash
# Throughput of the npm package's analyze() in Node next to the native CLI, on the corpus of
# scripts/bench-cli.sh (gen-corpus MB 1), runs interleaved so both see the same machine load:
# median of RUNS runs each, in MB/s (1 MB = 10^6 bytes of UTF-8 input).
#   scripts/bench-wasm.sh [MEGABYTES=50] [RUNS=5]     (needs scripts/build-wasm.sh first)
# native: the whole `tgtext analyze --format json FILE > /dev/null` process (read, decode, analyse,
# write JSON), as bench-cli.sh times it. npm: analyze(text) on a string already in memory, and
# analyze plus JSON.stringify(report, null, 2), in one Node process after one warm-up call.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-50}
RUNS=${2:-5}
[ -f build/npm/node/index.cjs ] || { echo "run scripts/build-wasm.sh first" >&2; exit 1; }
cargo build -q --release --locked -p tgtext-cli -p tgtext-tests --bin tgtext --bin gen-corpus
DIR=${TMPDIR:-/tmp}/tgtext-bench
mkdir -p "$DIR"
CORPUS=$DIR/corpus-${MB}mb.txt
[ -s "$CORPUS" ] || target/release/gen-corpus "$MB" 1 > "$CORPUS"
echo "corpus: $CORPUS ($(stat -c%s "$CORPUS") bytes), $(nproc) cores, node $(node --version)"
node - "$CORPUS" "$RUNS" <<'JS'
const { execFileSync } = require("node:child_process");
const { readFileSync, statSync } = require("node:fs");
const { analyze } = require(process.cwd() + "/build/npm/node/index.cjs");
const [corpus, runs] = [process.argv[2], Number(process.argv[3])];
const bytes = statSync(corpus).size;
const text = readFileSync(corpus, "utf8");
analyze(text.slice(0, 1_000_000)); // warm-up: compile tiers, grow memory once
const time = (f) => { const t = process.hrtime.bigint(); f(); return Number(process.hrtime.bigint() - t) / 1e9; };
const native = [], npm = [], npmJson = [];
for (let i = 1; i <= runs; i++) {
  native.push(time(() => execFileSync("target/release/tgtext", ["analyze", "--format", "json", corpus], { stdio: ["ignore", "ignore", "inherit"] })));
  npm.push(time(() => analyze(text)));
  npmJson.push(time(() => JSON.stringify(analyze(text), null, 2)));
  console.log(`run ${i}: native ${native.at(-1).toFixed(2)}s, npm analyze ${npm.at(-1).toFixed(2)}s, npm analyze+stringify ${npmJson.at(-1).toFixed(2)}s`);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const mbps = (s) => bytes / 1e6 / s;
const [n, w, j] = [median(native), median(npm), median(npmJson)];
console.log(`median native ${n.toFixed(2)}s = ${mbps(n).toFixed(1)} MB/s`);
console.log(`median npm analyze ${w.toFixed(2)}s = ${mbps(w).toFixed(1)} MB/s (${(mbps(w) / mbps(n)).toFixed(2)}x native)`);
console.log(`median npm analyze+stringify ${j.toFixed(2)}s = ${mbps(j).toFixed(1)} MB/s (${(mbps(j) / mbps(n)).toFixed(2)}x native)`);
JS
