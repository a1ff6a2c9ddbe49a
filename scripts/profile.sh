#!/usr/bin/env bash
# Where `tgtext analyze` spends its instructions: callgrind over a generated corpus, repeatable
# on a shared machine where wall time is not. Prints the total, instructions per input byte and
# the inclusive share of the main stages.
#
#   scripts/profile.sh [MB] [SEED] [extra analyze flags...]     (default: 5 MB, seed 3)
#
# Needs valgrind (Debian: apt-get install valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."

mb=${1:-5}
seed=${2:-3}
shift $(($# < 2 ? $# : 2))

command -v valgrind >/dev/null || { echo "profile.sh needs valgrind" >&2; exit 1; }
cargo build -q --release -p tgtext-cli -p tgtext-tests --bin tgtext --bin gen-corpus

dir=build/profile
mkdir -p "$dir"
corpus="$dir/corpus-${mb}mb-seed$seed.txt"
[ -s "$corpus" ] || target/release/gen-corpus "$mb" "$seed" web-preview-text > "$corpus"
out="$dir/callgrind.out"
valgrind --tool=callgrind --callgrind-out-file="$out" \
  target/release/tgtext analyze --format json "$@" "$corpus" > /dev/null 2> "$dir/valgrind.log"

bytes=$(stat -c %s "$corpus")
annotated=$(callgrind_annotate --inclusive=yes "$out" 2>/dev/null)
total=$(sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' <<< "$annotated" | tr -d ,)
echo "corpus: $corpus ($bytes bytes; gen-corpus $mb $seed web-preview-text)"
echo "command: tgtext analyze --format json $* <corpus>"
awk -v t="$total" -v b="$bytes" 'BEGIN { printf "instructions: %d (%.0f per input byte)\n", t, t / b }'
echo
echo "inclusive share of the stages (a function can appear inside another):"
# One line per stage: the first (largest) inclusive row whose symbol matches.
for stage in \
  'analyzer::Counts::count_text' \
  'token_memo::TokenMemo<V>::remember' \
  'words::WordFinder::for_each_word_lazily' \
  'entities::find_entities_with' \
  'entities::url::for_each_url' \
  'entities::emoji::for_each_emoji' \
  'entities::hashtag::for_each_hashtag' \
  'stats::Table::add$' \
  'stats::SeenSpellings<V>::get' \
  'input::read::Utf8Reader<R>::read_str' \
  'report::Report::to_json'; do
  line=$(grep -E "[: ]tgtext::$stage( \[|$)" <<< "$annotated" | head -1 || true)
  [ -n "$line" ] || continue
  share=$(sed -n 's/^ *[0-9,]* *( *\([0-9.]*%\)).*/\1/p' <<< "$line")
  printf '  %-50s %14s  %6s\n' "${stage%\$}" "$(awk '{ print $1 }' <<< "$line")" "$share"
done
echo
echo "full profile: callgrind_annotate --inclusive=yes $out | less"
