#!/usr/bin/env bash
# Throughput and peak memory of `tgtext analyze --format json` on a generated corpus: median of
# RUNS runs in MB/s (1 MB = 10^6 bytes), peak RSS from GNU time.
#   scripts/bench-cli.sh [MEGABYTES=50] [RUNS=5] [FORMAT=web-preview-text|telegram-json]
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-50}
RUNS=${2:-5}
FORMAT=${3:-web-preview-text}
cargo build -q --release --locked -p tgtext-cli -p tgtext-tests --bin tgtext --bin gen-corpus
DIR=${TMPDIR:-/tmp}/tgtext-bench
mkdir -p "$DIR"
CORPUS=$DIR/corpus-${MB}mb-$FORMAT
[ -s "$CORPUS" ] || target/release/gen-corpus "$MB" 1 "$FORMAT" > "$CORPUS"
BYTES=$(stat -c%s "$CORPUS")
echo "corpus: $CORPUS ($BYTES bytes), $(nproc) cores, $(uname -m)"
for i in $(seq "$RUNS"); do
  /usr/bin/time -f "%e %M" -o "$DIR/time.$i" target/release/tgtext analyze --format json "$CORPUS" > /dev/null
  read -r secs kb < "$DIR/time.$i"
  echo "run $i: ${secs}s, peak RSS ${kb} KB"
done
cat "$DIR"/time.* | sort -n | awk -v bytes="$BYTES" -v runs="$RUNS" '
  { t[NR] = $1; if ($2 > rss) rss = $2 }
  END {
    median = t[int((runs + 1) / 2)]
    printf "median %.2fs = %.1f MB/s; peak RSS %.1f MB\n", median, bytes / 1e6 / median, rss / 1024
  }'
rm -f "$DIR"/time.*
