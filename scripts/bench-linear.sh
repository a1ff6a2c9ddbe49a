#!/usr/bin/env bash
# Linear time on pathological inputs (issue 6, SPEC §7): times `tgtext analyze` (release build)
# on each input shape at several sizes and prints seconds, MB/s and peak memory per size, so
# the curve is visible: MB/s that stays flat as the size grows is linear; MB/s that falls by
# ~10x per 10x of size is quadratic.
#
#   scripts/bench-linear.sh            # 1, 10 and 100 MB
#   scripts/bench-linear.sh 1 10       # other sizes (MB)
#   BENCH_TIMEOUT=60 BENCH_SHAPES="hashes ats" scripts/bench-linear.sh
#
# Inputs are generated with coreutils into a temporary folder and removed afterwards. A run
# over BENCH_TIMEOUT seconds (default 300) is stopped and shown as a timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 10 100)
timeout_s=${BENCH_TIMEOUT:-300}
shapes=${BENCH_SHAPES:-"single-line combining-marks zwj-chain hashes ats hash-chain nul blank-lines json-long-text json-deep-unread html-long-text html-deep"}

cargo build -q --release --locked -p tgtext-cli
bin=$PWD/target/release/tgtext
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tgtext-bench-linear.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# repeat UNIT BYTES: UNIT repeated to about BYTES bytes (whole units), no line breaks added.
repeat() {
  local unit=$1 bytes=$2 len
  len=$(printf '%s' "$unit" | wc -c)
  yes -- "$unit" | tr -d '\n' | head -c $(( bytes / len * len ))
}

# make SHAPE BYTES FILE: writes the input; prints the --input format to use.
make() {
  local shape=$1 bytes=$2 file=$3 half
  case $shape in
    single-line) repeat 'word #tag @durov 🇷🇺 ' "$bytes" > "$file"; echo plain ;;
    combining-marks) { printf 'x'; repeat $'\u0301' "$bytes"; } > "$file"; echo plain ;;
    zwj-chain) { printf '👍'; repeat $'\u200d👍' "$bytes"; } > "$file"; echo plain ;;
    hashes) { repeat '#' "$bytes"; printf 'cis'; } > "$file"; echo plain ;;
    ats) { repeat '@' "$bytes"; printf 'durov'; } > "$file"; echo plain ;;
    hash-chain) repeat '#a' "$bytes" > "$file"; echo plain ;;
    nul) repeat $'a\x01b' "$bytes" | tr '\001' '\000' > "$file"; echo plain ;;
    blank-lines) { printf '#a'; yes '' | head -c "$bytes"; printf '#b'; } > "$file"; echo plain ;;
    json-long-text)
      { printf '{"name":"c","type":"public_channel","id":1,"messages":[{"id":1,"type":"message","text":"'
        repeat '#tag word ' "$bytes"; printf '"}]}'; } > "$file"; echo telegram-json ;;
    json-deep-unread)
      half=$(( bytes / 2 ))
      { printf '{"name":"c","type":"public_channel","id":1,"about":'
        repeat '[' "$half"; repeat ']' "$half"
        printf ',"messages":[{"id":1,"type":"message","text":"#ok"}]}'; } > "$file"; echo telegram-json ;;
    html-long-text)
      { printf '<html><body><div class="page_header"><div class="content"><div class="text bold">C</div></div></div>'
        printf '<div class="history"><div class="message default clearfix" id="message1"><div class="body"><div class="text">'
        repeat '#tag word<br>' "$bytes"; printf '</div></div></div></div></body></html>\n'; } > "$file"; echo telegram-html ;;
    html-deep) { printf '<html><body>'; repeat '<div>' "$bytes"; printf '</body></html>\n'; } > "$file"; echo telegram-html ;;
    *) echo "unknown shape $shape" >&2; exit 2 ;;
  esac
}

printf '%-17s %6s %9s %9s %9s %6s  %s\n' shape MB seconds MB/s 'RSS MB' exit result
for shape in $shapes; do
  for mb in "${sizes[@]}"; do
    file=$tmp/$shape-$mb
    format=$(make "$shape" $(( mb * 1000000 )) "$file")
    actual=$(stat -c %s "$file")
    set +e
    /usr/bin/time -f '%e %M' -o "$tmp/time" timeout "$timeout_s" \
      "$bin" analyze --input "$format" --format json "$file" > "$tmp/out" 2> "$tmp/err"
    code=$?
    set -e
    read -r seconds rss_kb < <(tail -n 1 "$tmp/time")
    if [ "$code" = 124 ]; then
      result="TIMEOUT after ${timeout_s}s"
    elif [ "$code" = 0 ]; then
      result=$(grep -m1 -o '"posts": [0-9]*' "$tmp/out" || true)
      result="$result, $(grep -m1 -o '"hashtags": [0-9]*' "$tmp/out" || true)"
    else
      result=$(head -c 100 "$tmp/err")
    fi
    awk -v s="$shape" -v b="$actual" -v t="$seconds" -v r="$rss_kb" -v c="$code" -v x="$result" \
      'BEGIN { mb = b / 1e6; printf "%-17s %6.1f %9.2f %9.1f %9.0f %6s  %s\n", s, mb, t, (t > 0 ? mb / t : 0), r / 1024, c, x }'
    rm -f "$file"
  done
done
