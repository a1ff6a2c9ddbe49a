#!/usr/bin/env bash
# The benchmark suite (issue 5): tgtext against what analysts use today, on the same generated
# corpus in the same run, interleaved, and docs/PERFORMANCE.md written from the results.
#
#   scripts/bench.sh [MEGABYTES=50] [RUNS=5]
#
# Measures, each RUNS times, round-robin (run 1 of every tool, then run 2 of every tool, ...) so
# that load from other work on the machine hits them alike; within a round, the runs that a
# target compares come one after the other (file B on one thread and both files; `wc -w`, file A
# on one thread and npm), and each such target also gets the median of its per-round ratios,
# which load that drifts between rounds does not move:
#   tgtext analyze --format json: one file (by default its parts on all cores), the same on
#   one thread (--threads 1), two files, the second file alone on one thread, a telegram-json
#   export;
#   the tgtext npm package in Node (bench/node-tgtext.mjs; built first unless TGTEXT_NPM names one);
#   Python 3.11 + the PyPI `emoji` package + re + Counter (bench/python_emoji_counter.py);
#   Node + twitter-text + emoji-regex + Map (bench/node_counter.mjs);
#   grep | sort | uniq -c (hashtags), tr | sort | uniq -c (words); wc -w and cat as floors.
# Each: median wall-clock MB/s (1 MB = 10^6 bytes), median CPU seconds (user + sys), peak RSS
# (GNU time's %M: for a pipeline, its largest process), and the ratio to tgtext native. Then one
# run of tgtext on a BENCH_BIG_MB corpus for the memory target, and on the same corpus one run
# each of tgtext on one thread and of the npm package (the npm ratio on a large input).
#
# Environment:
#   BENCH_BIG_MB=1000      size of the one-run memory check (and large-input npm runs); 0 skips them
#   TGTEXT_NPM=DIR         the npm package to time, as it is (default: build/npm, built first by
#                          scripts/build-wasm.sh from the current sources)
#   BENCH_CORPUS_DIR=DIR   where generated corpora are kept (default $TMPDIR/tgtext-bench)
#   BENCH_DOC=FILE         where the results go (default docs/PERFORMANCE.md)
#
# Installs what the competitors need: a venv under build/bench/venv from bench/requirements.txt,
# and bench/node_modules by `npm ci --prefix bench` from bench/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8 # one locale for every tool; it also makes $EPOCHREALTIME use a '.'
MB=${1:-50}
RUNS=${2:-5}
BIG_MB=${BENCH_BIG_MB:-1000}
DOC=${BENCH_DOC:-docs/PERFORMANCE.md}
CORPORA=${BENCH_CORPUS_DIR:-${TMPDIR:-/tmp}/tgtext-bench}
WORK=build/bench
OUTS=$WORK/out
mkdir -p "$CORPORA" "$OUTS" "$(dirname "$DOC")"
rm -f "$OUTS"/*
T0=$(date +%s)
step() { echo "=== [$(($(date +%s) - T0))s] $*"; }
loud() {
  echo "##########################################################################" >&2
  printf '### %s\n' "$@" >&2
  echo "##########################################################################" >&2
}

# --- tools ---------------------------------------------------------------------------------
step "build tgtext and the corpus generator (release)"
cargo build -q --release --locked -p tgtext-cli -p tgtext-tests --bin tgtext --bin gen-corpus
TGTEXT=target/release/tgtext
GEN=target/release/gen-corpus

step "Python venv for bench/python_emoji_counter.py ($WORK/venv)"
PYTHON=$(command -v python3.11 || command -v python3)
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  loud "bench.sh: $("$PYTHON" --version) is not Python 3.11; the Python row uses it anyway"
fi
VENV=$WORK/venv
if ! cmp -s bench/requirements.txt "$VENV/requirements.installed" 2>/dev/null; then
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install -q -r bench/requirements.txt
  cp bench/requirements.txt "$VENV/requirements.installed"
fi

step "Node packages for bench/node_counter.mjs (npm ci --prefix bench)"
if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  npm ci --prefix bench --no-audit --no-fund --loglevel=error
fi

step "the tgtext npm package"
NPM_PKG=${TGTEXT_NPM:-build/npm}
NPM_NOTE=""
if [ -z "${TGTEXT_NPM:-}" ]; then
  # Built from the current sources, as the native binary is above: about 15 s when nothing
  # changed; on a fresh clone a few minutes more, to install wasm-bindgen-cli and binaryen.
  if ! scripts/build-wasm.sh > "$WORK/build-wasm.log" 2>&1; then
    tail -n 20 "$WORK/build-wasm.log" >&2
    loud "bench.sh: scripts/build-wasm.sh failed (log: $WORK/build-wasm.log)" \
      "The npm rows measure whatever is left in $NPM_PKG, if anything."
  fi
fi
HAVE_NPM=true
if [ -f "$NPM_PKG/node/index.mjs" ]; then
  NPM_VERSION=$(node -p 'require(require("path").resolve(process.argv[1])).version' "$NPM_PKG/package.json")
  NPM_NOTE="tgtext $NPM_VERSION at $NPM_PKG${NPM_NOTE:+, $NPM_NOTE}, built $(date -u -r "$NPM_PKG/web/tgtext_wasm_bg.wasm" '+%Y-%m-%d %H:%M UTC' 2>/dev/null || echo '?')"
  NEWER=$(find core/src wasm/src -name '*.rs' -newer "$NPM_PKG/web/tgtext_wasm_bg.wasm" 2>/dev/null | head -n 3)
  if [ -n "$NEWER" ]; then
    NPM_NOTE="$NPM_NOTE, OLDER than the sources (e.g. $(echo $NEWER | tr ' ' ','))"
    loud "bench.sh: the npm package at $NPM_PKG is older than the core's sources:" $NEWER \
      "Its row measures that older build; run scripts/build-wasm.sh first for a fair comparison."
  fi
else
  HAVE_NPM=false
  NPM_NOTE="not built: no $NPM_PKG/node/index.mjs and no build/tgtext-*.tgz (run scripts/build-wasm.sh)"
  loud "THE NPM PACKAGE IS NOT MEASURED: $NPM_NOTE" \
    "Its row in $DOC says so; build it and run this script again."
fi

# --- corpora ---------------------------------------------------------------------------------
# Seeded, so the same on every machine; made again when the generator was rebuilt since.
corpus() { # MB SEED FORMAT -> path
  local path=$CORPORA/corpus-${1}mb-$3
  [ "$2" = 1 ] || path=$path-seed$2
  if [ ! -s "$path" ] || [ "$GEN" -nt "$path" ]; then
    "$GEN" "$1" "$2" "$3" > "$path.tmp" && mv "$path.tmp" "$path"
  fi
  echo "$path"
}
step "corpora in $CORPORA"
A=$(corpus "$MB" 1 web-preview-text)
B=$(corpus "$MB" 2 web-preview-text)
J=$(corpus "$MB" 1 telegram-json)
size() { stat -c%s "$1"; }
for f in "$A" "$B" "$J"; do echo "  $f: $(size "$f") bytes"; done

# --- what is measured ------------------------------------------------------------------------
# Parallel arrays: id, name, input bytes, command (run by bash -c; its output goes to stdout).
IDS=() NAMES=() SIZES=() CMDS=()
tool() { IDS+=("$1") NAMES+=("$2") SIZES+=("$3") CMDS+=("$4"); }
q() { printf '%q' "$1"; }
tool native1 "tgtext analyze, 1 file (its parts on all cores)" "$(size "$A")" "$TGTEXT analyze --format json $(q "$A")"
tool native1t1 "tgtext analyze, 1 file, one thread (--threads 1)" "$(size "$A")" \
  "$TGTEXT analyze --format json --threads 1 $(q "$A")"
tool native2 "tgtext analyze, 2 files" "$(($(size "$A") + $(size "$B")))" \
  "$TGTEXT analyze --format json $(q "$A") $(q "$B")"
# File B alone on one thread: with file A's one-thread run, the one-core time of the two-file
# job's bytes (B can take longer than A; see the two-file target).
tool native1t1b "tgtext analyze, file B, one thread (--threads 1)" "$(size "$B")" \
  "$TGTEXT analyze --format json --threads 1 $(q "$B")"
tool nativej "tgtext analyze, telegram-json" "$(size "$J")" "$TGTEXT analyze --format json $(q "$J")"
if $HAVE_NPM; then
  NPM_ENV=$([ "$NPM_PKG" = build/npm ] || echo "TGTEXT_NPM=$(q "$NPM_PKG") ")
  # The target's row: the package writes the JSON text (`format: "json"`), as the CLI does.
  tool npm "tgtext npm package in Node, analyzeFile(), format json, bytes" "$(size "$A")" \
    "${NPM_ENV}node bench/node-tgtext.mjs $(q "$A")"
  # The report as a JS object, then JSON.stringify: the same bytes, for a user who keeps the object.
  tool npmobj "tgtext npm package in Node, analyzeFile() object + JSON.stringify" "$(size "$A")" \
    "${NPM_ENV}node bench/node-tgtext.mjs --object $(q "$A")"
fi
tool python "Python 3.11 + emoji + re + Counter" "$(size "$A")" \
  "$VENV/bin/python bench/python_emoji_counter.py $(q "$A")"
tool nodecounter "Node + twitter-text + emoji-regex + Map" "$(size "$A")" "node bench/node_counter.mjs $(q "$A")"
tool grep "grep -oE hashtags | sort | uniq -c" "$(size "$A")" \
  "LC_ALL=C.UTF-8 grep -oE '#[[:alnum:]_]+' $(q "$A") | sort | uniq -c | sort -rn"
tool tr "tr words | sort | uniq -c" "$(size "$A")" \
  "LC_ALL=C.UTF-8 tr -s '[:space:]' '\\n' < $(q "$A") | tr '[:upper:]' '[:lower:]' | sort | uniq -c | sort -rn"
tool wc "wc -w (C.UTF-8)" "$(size "$A")" "LC_ALL=C.UTF-8 wc -w $(q "$A")"
tool wcc "wc -w (LC_ALL=C: bytes, no multibyte)" "$(size "$A")" "LC_ALL=C wc -w $(q "$A")"
tool cat "cat > /dev/null" "$(size "$A")" "cat $(q "$A")"

RESULTS=$WORK/results.tsv
LOADS=$WORK/loads.txt
: > "$RESULTS"
: > "$LOADS"
load() { echo "$1 $(cut -d' ' -f1-3 /proc/loadavg)" >> "$LOADS"; }

# One timed run: wall from $EPOCHREALTIME, CPU and peak RSS from GNU time.
measure() { # ID COMMAND ROUND OUTPUT
  local t0 t1 u s m
  t0=$EPOCHREALTIME
  if ! /usr/bin/time -f '%U %S %M' -o "$WORK/time.txt" bash -c "$2" > "$4"; then
    loud "bench.sh: $1 failed:" "$2"
    cat "$WORK/time.txt" >&2
    exit 1
  fi
  t1=$EPOCHREALTIME
  read -r u s m < <(tail -n 1 "$WORK/time.txt")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$3" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')" \
    "$u" "$s" "$m" >> "$RESULTS"
}

# --- runs ------------------------------------------------------------------------------------
step "check round (untimed: warms caches, keeps every output for the counts table)"
load start
for i in "${!IDS[@]}"; do
  measure "${IDS[$i]}" "${CMDS[$i]}" 0 "$OUTS/${IDS[$i]}.out"
done
: > "$RESULTS"
if ! cmp -s "$OUTS/native1.out" "$OUTS/native1t1.out"; then
  loud "bench.sh: the report on all cores differs from the one-thread report on $A"
  exit 1
fi
PARITY="not checked (no npm package)"
if $HAVE_NPM; then
  if cmp -s "$OUTS/native1.out" "$OUTS/npm.out" && cmp -s "$OUTS/native1.out" "$OUTS/npmobj.out"; then
    PARITY="the same bytes (format json as bytes, and the object through JSON.stringify)"
  else
    PARITY="DIFFERENT bytes (see $OUTS/native1.out, $OUTS/npm.out and $OUTS/npmobj.out)"
    loud "bench.sh: the npm package's report differs from the CLI's on $A"
  fi
fi

# The order within a round: the targets' runs side by side (file B alone, then both files; then
# `wc -w`, file A alone and npm), the slow competitors after.
RUN_ORDER=(native1t1b native2 wc native1t1 npm native1 npmobj nativej wcc cat grep tr python nodecounter)
for round in $(seq "$RUNS"); do
  step "round $round of $RUNS: ${#IDS[@]} tools, load $(cut -d' ' -f1-3 /proc/loadavg)"
  for id in "${RUN_ORDER[@]}"; do
    for i in "${!IDS[@]}"; do
      [ "${IDS[$i]}" = "$id" ] && measure "${IDS[$i]}" "${CMDS[$i]}" "$round" /dev/null
    done
  done
  load "round $round"
done

if [ "$BIG_MB" != 0 ]; then
  step "large input: one run of tgtext analyze on $BIG_MB MB (and on one thread, and npm)"
  BIG=$(corpus "$BIG_MB" 1 web-preview-text)
  tool big "tgtext analyze, 1 file of $BIG_MB MB" "$(size "$BIG")" "$TGTEXT analyze --format json $(q "$BIG")"
  measure big "${CMDS[-1]}" 1 /dev/null
  if $HAVE_NPM; then
    # The npm target on a large input too, side by side: Node's start, loading the module and
    # V8's warm-up cost the same ~0.2 s whatever the input, so the ratio grows with its size.
    tool bigt1 "tgtext analyze, 1 file of $BIG_MB MB, one thread (--threads 1)" "$(size "$BIG")" \
      "$TGTEXT analyze --format json --threads 1 $(q "$BIG")"
    measure bigt1 "${CMDS[-1]}" 1 /dev/null
    tool bignpm "tgtext npm package in Node, analyzeFile() of $BIG_MB MB, format json, bytes" \
      "$(size "$BIG")" "${NPM_ENV}node bench/node-tgtext.mjs $(q "$BIG")"
    measure bignpm "${CMDS[-1]}" 1 /dev/null
  fi
  load "memory check"
fi
load end

# --- report ----------------------------------------------------------------------------------
step "writing $DOC"
for i in "${!IDS[@]}"; do
  printf '%s\t%s\t%s\t%s\n' "${IDS[$i]}" "${NAMES[$i]}" "${SIZES[$i]}" "${CMDS[$i]}"
done > "$WORK/tools.txt"
version() { "$@" 2>/dev/null | head -n 1 || echo "?"; }
cat > "$WORK/machine.txt" <<EOF
date|$(date -u '+%Y-%m-%d %H:%M UTC')
commit|$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- core cli tests/src Cargo.lock 2>/dev/null || echo " plus uncommitted changes in core/, cli/, tests/src or Cargo.lock")
cpu|$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^[^:]*: *//')
cores|$(nproc)
memory|$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
kernel|$(uname -sr)
os|$(. /etc/os-release && echo "$PRETTY_NAME")
rustc|$(version rustc --version)
tgtext|$(version "$TGTEXT" --version)
npm package|$NPM_NOTE
node|$(version node --version)
python|$(version "$VENV/bin/python" --version)
emoji (PyPI)|$(version "$VENV/bin/python" -c 'import emoji; print(emoji.__version__)')
twitter-text|$(version node -p 'require("./bench/node_modules/twitter-text/package.json").version')
emoji-regex|$(version node -p 'require("./bench/node_modules/emoji-regex/package.json").version')
grep|$(version grep --version)
coreutils|$(version sort --version)
scheduler|$( [ "$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null)" = 1 ] && echo "autogroup on" || echo "autogroup off")
parity|$PARITY
corpus A|\`$A\` ($(size "$A") bytes): \`gen-corpus $MB 1 web-preview-text\`
corpus B|\`$B\` ($(size "$B") bytes): \`gen-corpus $MB 2 web-preview-text\`
corpus J|\`$J\` ($(size "$J") bytes): \`gen-corpus $MB 1 telegram-json\`
EOF
python3 - "$WORK" "$DOC" "$MB" "$RUNS" "$BIG_MB" "$OUTS" <<'PY'
import json, statistics, sys
from pathlib import Path

work, doc, mb, runs, big_mb, outs = sys.argv[1:]
work, outs, doc = Path(work), Path(outs), Path(doc)
tools = [line.split("\t", 3) for line in (work / "tools.txt").read_text().splitlines()]
machine = dict(line.split("|", 1) for line in (work / "machine.txt").read_text().splitlines())
loads = (work / "loads.txt").read_text().splitlines()
rows = {}
walls = {}  # (tool, round) -> wall seconds
for line in (work / "results.tsv").read_text().splitlines():
    tool, rnd, wall, user, sys_, rss = line.split("\t")
    rows.setdefault(tool, []).append((float(wall), float(user) + float(sys_), int(rss)))
    walls[(tool, rnd)] = float(wall)

def paired(a, b):
    """The median over rounds of a's MB/s divided by b's, each round's two runs side by side."""
    size = {tid: int(size) for tid, _, size, _ in tools}
    ratios = [(size[a] / walls[(a, r)]) / (size[b] / walls[(b, r)])
              for (t, r) in walls if t == a and (b, r) in walls]
    return statistics.median(ratios) if ratios else float("nan")

stats = {}
for tid, name, size, cmd in tools:
    runs_of = rows.get(tid, [])
    if not runs_of:
        continue
    wall = statistics.median(r[0] for r in runs_of)
    cpu = statistics.median(r[1] for r in runs_of)
    stats[tid] = dict(name=name, bytes=int(size), cmd=cmd, wall=wall, cpu=cpu,
                      rss=max(r[2] for r in runs_of) / 1024, n=len(runs_of),
                      mbs=int(size) / 1e6 / wall,
                      cpu_mbs=int(size) / 1e6 / cpu if cpu > 0 else float("inf"))

def num(x, digits=1):
    if x == float("inf"):
        return "∞"
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}" if x >= 1 else f"{x:.2g}"

base = stats.get("native1")
lines = []
w = lines.append
w("# Performance")
w("")
w("Generated by `scripts/bench.sh " + mb + " " + runs + "` on " + machine["date"] + " from commit "
  + machine["commit"] + ". Do not edit above the hand-written notes at the end; run the script again.")
w("")
w("All tools read the same generated files in the same run, round-robin (run 1 of every tool, then"
  " run 2, …) so that load from other work on this shared machine hits them alike; within a"
  " round, the runs a target compares come one after the other, and the target is judged by the"
  " median of its per-round ratios (the ratio of the median walls is shown beside it). MB/s is"
  f" input bytes (10^6) per second of wall-clock time, median of {runs} runs; CPU s is user + sys"
  " time, median; peak RSS is GNU time's maximum resident set over the runs (for a pipeline, its"
  " largest process). \"tgtext ÷\" is tgtext native (1 file, default options: its parts on all"
  " cores) MB/s divided by the row's MB/s: how many times faster tgtext is. The one-thread row is"
  " the same analysis on one core (its report is checked to be the same bytes).")
w("")
w("| tool | input MB | median s | MB/s | CPU s | MB per CPU-s | peak RSS MB | tgtext ÷ | RSS ÷ tgtext |")
w("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for tid, name, size, cmd in tools:
    s = stats.get(tid)
    if s is None:
        continue
    ratio = base["mbs"] / s["mbs"] if base else float("nan")
    rss_ratio = s["rss"] / base["rss"] if base else float("nan")
    label = name.replace("|", "\\|") + (" (1 run)" if s["n"] == 1 and int(runs) != 1 else "")
    w(f"| {label} | {s['bytes'] / 1e6:.0f} | {s['wall']:.2f} | {num(s['mbs'])} | {s['cpu']:.2f} | "
      f"{num(s['cpu_mbs'])} | {s['rss']:.1f} | {num(ratio, 2)}× | {num(rss_ratio, 2)}× |")
if "npm" not in stats:
    w("| tgtext npm package in Node | — | — | **not measured** | — | — | — | — | — |")
w("")
if "npm" not in stats:
    w("**The npm package was not measured:** " + machine["npm package"] + ".")
    w("")

# Targets of issue 5.
w("## Against the targets of issue 5")
w("")
w("| target | measured | met |")
w("|---|---|---|")
def target(what, measured, ok):
    w(f"| {what} | {measured} | {'yes' if ok else '**no**'} |")
one = stats.get("native1t1")
cores = lambda s: f"{s['cpu'] / s['wall']:.2f} cores"
if one and "wc" in stats:
    wc = stats["wc"]
    r = paired("native1t1", "wc")
    target("`analyze` on one core ≥ `wc -w` (C.UTF-8) on the same corpus",
           f"{r:.2f}× per round, side by side (median); {num(one['mbs'])} vs {num(wc['mbs'])}"
           f" MB/s median wall with `--threads 1` ({one['mbs'] / wc['mbs']:.2f}×); per CPU-second"
           f" {num(one['cpu_mbs'])} vs {num(wc['cpu_mbs'])}",
           r >= 1)
def versus(tid, goal, what):
    other = stats[tid]
    r = base["mbs"] / other["mbs"]
    target(what, f"{r:.1f}× wall ({num(base['mbs'])} vs {num(other['mbs'])} MB/s; tgtext used "
           f"{cores(base)}, as it does by default); on one thread {one['mbs'] / other['mbs']:.1f}×; "
           f"per CPU-second {base['cpu_mbs'] / other['cpu_mbs']:.1f}×", r >= goal)
if base and one and "python" in stats:
    versus("python", 100, "≥ 100× the Python script")
if base and one and "nodecounter" in stats:
    versus("nodecounter", 25, "≥ 25× the Node script")
if one and "npm" in stats:
    r = paired("npm", "native1t1")
    target("npm package in Node ≥ ½ of native", f"{r:.2f} of native on one thread, as the package"
           f" runs, per round side by side (median); {stats['npm']['mbs'] / one['mbs']:.2f} from"
           f" the median walls ({num(stats['npm']['mbs'])} vs {num(one['mbs'])} MB/s, whole"
           " process: Node start, analyzeFile() with format json as bytes, the write); per CPU-second "
           f"{stats['npm']['cpu_mbs'] / one['cpu_mbs']:.2f}; of native on all cores "
           f"{stats['npm']['mbs'] / base['mbs']:.2f}"
           + (f"; with the report as an object and JSON.stringify, {paired('npmobj', 'native1t1'):.2f}"
              if "npmobj" in stats else "")
           + (f"; on the {stats['bignpm']['bytes'] / 1e6:.0f} MB input, one run each,"
              f" {stats['bignpm']['mbs'] / stats['bigt1']['mbs']:.2f} ({num(stats['bignpm']['mbs'])}"
              f" vs {num(stats['bigt1']['mbs'])} MB/s; judged on the {mb} MB corpus)"
              if "bignpm" in stats and "bigt1" in stats else ""), r >= 0.5)
else:
    w("| npm package in Node ≥ ½ of native | not measured | — |")
if "big" in stats:
    b = stats["big"]
    target(f"peak RSS ≤ 200 MB for a 1 GB input", f"{b['rss']:.1f} MB on {b['bytes'] / 1e6:.0f} MB "
           f"({num(b['mbs'])} MB/s, one run)", b["rss"] <= 200 and b["bytes"] >= 1e9)
else:
    w("| peak RSS ≤ 200 MB for a 1 GB input | not measured (BENCH_BIG_MB=0) | — |")
if one and "native2" in stats and "native1t1b" in stats:
    # The one-core time of the two files' bytes is file A's one-thread run plus file B's, in the
    # same round: B is another corpus (seed 2) and can take longer per byte than A.
    rounds = [r for (t, r) in walls if t == "native2"
              and ("native1t1", r) in walls and ("native1t1b", r) in walls]
    r = statistics.median((walls[("native1t1", k)] + walls[("native1t1b", k)]) / walls[("native2", k)]
                          for k in rounds)
    b1 = stats["native1t1b"]
    target("two files ≥ 1.8× one file on one core (both cores)", f"{r:.2f}× per round (median):"
           " the two files' one-thread runs, A then B, against both files on both cores, side by"
           f" side; {(one['wall'] + b1['wall']) / stats['native2']['wall']:.2f}× from the median"
           f" walls (it used {cores(stats['native2'])}, the one-thread runs {cores(one)} and"
           f" {cores(b1)}); file B alone took {b1['wall'] / one['wall']:.2f}× file A's time; against"
           f" twice file A alone, {paired('native2', 'native1t1'):.2f}× per round", r >= 1.8)
w("")

# What each tool counted, from the check round's outputs.
def totals_of(tid):
    path = outs / f"{tid}.out"
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8", errors="replace")
    if tid in ("native1", "native1t1", "npm", "npmobj"):
        t = json.loads(text)["totals"]
        return dict(hashtags=(t["hashtags"], t["distinct_hashtags"]), emoji=(t["emoji"], t["distinct_emoji"]),
                    mentions=(t["mentions"], None), cashtags=(t["cashtags"], None), urls=(t["urls"], None),
                    words=(t["words"], t["distinct_words"]))
    if tid in ("python", "nodecounter"):
        t = json.loads(text)["totals"]
        return {k: (t[k], t["distinct_" + k]) for k in ("hashtags", "emoji", "mentions", "cashtags", "urls", "words")}
    if tid in ("grep", "tr"):
        counts = [int(line.split()[0]) for line in text.splitlines() if line.strip()]
        return {("hashtags" if tid == "grep" else "words"): (sum(counts), len(counts))}
    if tid in ("wc", "wcc"):
        return {"words": (int(text.split()[0]), None)}
    return None
w("## What each tool counted (corpus A)")
w("")
w("Same file, different rules: tgtext follows Telegram (TDLib) and UTS #51 and drops stopwords;"
  " the others count what their patterns match. Occurrences, with distinct keys in brackets.")
w("")
kinds = ("hashtags", "emoji", "mentions", "cashtags", "urls", "words")
w("| tool | " + " | ".join(kinds) + " |")
w("|---|" + "---:|" * len(kinds))
for tid, name, size, cmd in tools:
    t = totals_of(tid)
    if not t:
        continue
    cells = []
    for k in kinds:
        if k not in t:
            cells.append("")
        else:
            n, d = t[k]
            cells.append(f"{n:,}" + (f" ({d:,})" if d is not None else ""))
    w(f"| {name.replace('|', chr(92) + '|')} | " + " | ".join(cells) + " |")
w("")
w("The CLI's and the npm package's JSON reports on corpus A: " + machine["parity"] + ".")
w("")

w("## Machine")
w("")
w("| | |")
w("|---|---|")
for key in ("cpu", "cores", "memory", "kernel", "os", "scheduler", "rustc", "tgtext", "npm package", "node", "python",
            "emoji (PyPI)", "twitter-text", "emoji-regex", "grep", "coreutils"):
    w(f"| {key} | {machine[key]} |")
w("| load average (1, 5, 15 min) | " + "; ".join(
    f"{l.rsplit(' ', 3)[0]}: {' '.join(l.rsplit(' ', 3)[1:])}" for l in loads) + " |")
w("")
w("The load average includes the benchmark itself (about 1 while a single-threaded tool runs)."
  " Above the core count, other work competes for the CPU: wall-clock MB/s then understates every"
  " tool alike (round-robin keeps the ratios fair), and MB per CPU-second is closer to what each"
  " would do on an idle core.")
if machine["scheduler"] == "autogroup on":
    w("")
    w("With autogroup scheduling the kernel shares the CPU fairly between sessions, not threads: on"
      " a busy machine the benchmark's session gets its slice however many threads it runs, so the"
      " two-file row can show its second core only when the machine is otherwise idle (compare its"
      " CPU s with its wall time).")
w("")
w("## Corpora and commands")
w("")
for key in ("corpus A", "corpus B", "corpus J"):
    w(f"- {key}: {machine[key]}")
w("")
w("Generated by `target/release/gen-corpus MB SEED FORMAT` (`tests/src/corpus.rs`, seeded). Every"
  " command ran as `/usr/bin/time -f '%U %S %M' bash -c COMMAND > /dev/null` with `LC_ALL=C.UTF-8`:")
w("")
w("```sh")
for tid, name, size, cmd in tools:
    if tid in stats:
        w(f"# {name}")
        w(cmd)
w("```")
w("")

notes_marker = "<!-- Hand-written notes below this line are kept by scripts/bench.sh. -->"
kept = ""
if doc.exists():
    old = doc.read_text(encoding="utf-8")
    if notes_marker in old:
        kept = old.split(notes_marker, 1)[1]
w(notes_marker)
text = "\n".join(lines) + (kept if kept else "\n")
doc.write_text(text, encoding="utf-8")
PY
sed -n '/^| tool | input MB/,/^$/p;/^| target | measured/,/^$/p' "$DOC"
step "done: $DOC"
