#!/usr/bin/env bash
# Sets up and runs every test of tgtext: formatting, lints, the freshness of the generated
# Unicode tables, and all test suites. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never CARGO_INCREMENTAL=0
T0=$(date +%s)
step() { echo "=== [$(( $(date +%s) - T0 ))s] $*"; }

step "rustfmt and clippy components"
rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy --all-targets -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "generated tables are fresh (cargo run -p tgtext-gen, then git diff)"
cargo run -q -p tgtext-gen --locked
if ! git diff --exit-code --stat -- core/src/tables; then
  echo "core/src/tables differ from what tgtext-gen writes: run 'cargo run -p tgtext-gen' and commit" >&2
  exit 1
fi

step "doc tests"
cargo test --workspace --doc --locked

step "conformance suites, with their counts and any known failures shown"
cargo test -q --locked -p tgtext-tests --test telegram_entities --test emoji_test_txt -- --nocapture 2>&1 \
  | grep -v -E '^(running [0-9]+ tests?|test result: .*|)$'

step "all other tests (nextest when installed, else cargo test)"
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --locked --no-fail-fast --success-output never --failure-output final
else
  cargo test --workspace --locked --no-fail-fast --lib --bins --tests
fi
step "done"
