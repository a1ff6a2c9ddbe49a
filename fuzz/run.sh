#!/usr/bin/env bash
# Runs one fuzz target for a while, niced, on one core: fuzz/run.sh TARGET [SECONDS] [-- libFuzzer flags]
# New inputs go to fuzz/work/TARGET (ignored by git), the seeds stay in fuzz/corpus/TARGET,
# crashes go to fuzz/artifacts/TARGET/. The last lines of the log give the executions
# (`Done N runs in S second(s)`). Needs the nightly toolchain and cargo-fuzz (docs/FUZZING.md).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-600}
shift $(( $# >= 2 ? 2 : 1 ))
[ "${1:-}" = "--" ] && shift
[ -d "fuzz/corpus/$target" ] || fuzz/seed-corpora.sh
mkdir -p "fuzz/work/$target" "fuzz/artifacts/$target"
# No sanitizer: the code is safe Rust (unsafe_code = "forbid"); what is looked for is panics,
# hangs and memory blow-ups, and without ASan the fuzzer runs several times faster. Debug
# assertions (and so overflow checks) are on.
nice -n 10 cargo +nightly fuzz build --sanitizer none --debug-assertions "$target"
exec nice -n 10 "fuzz/target/x86_64-unknown-linux-gnu/release/$target" \
  "fuzz/work/$target" "fuzz/corpus/$target" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="fuzz/artifacts/$target/" -print_final_stats=1 "$@"
