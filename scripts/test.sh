#!/usr/bin/env bash
# Sets up and runs every test of tgtext: formatting, lints, the freshness of the generated
# Unicode tables, and all test suites, then the npm package and the web demo (built with
# scripts/build-wasm.sh, tested with `node --test js-tests/`, the browser tests in headless
# Chromium). `.ci/run` calls exactly this; on a fresh machine it installs what it needs: apt's
# chromium, chromium-driver and fonts-noto-color-emoji, the wasm32 target, wasm-bindgen-cli at
# the Cargo.lock version, and the npm tools from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never CARGO_INCREMENTAL=0
T0=$(date +%s)
step() { echo "=== [$(( $(date +%s) - T0 ))s] $*"; }

step "rustfmt and clippy components"
rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "apt: chromium, chromium-driver, fonts-noto-color-emoji (for the web demo's browser tests)"
if ! dpkg -s chromium chromium-driver fonts-noto-color-emoji >/dev/null 2>&1; then
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-noto-color-emoji >/dev/null
fi

step "rustup: wasm32-unknown-unknown target"
rustup target add wasm32-unknown-unknown

step "wasm-bindgen-cli at the version in Cargo.lock"
WBV=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBV" ]; then
  # --locked can fail when the registry mirror lags behind the CLI's own lock; then resolve anew.
  cargo install -q wasm-bindgen-cli --version "=$WBV" --force --locked \
    || cargo install -q wasm-bindgen-cli --version "=$WBV" --force
fi
wasm-bindgen --version

step "npm ci (wasm-opt from binaryen, playwright-core, typescript, Chart.js)"
npm ci --no-audit --no-fund

step "cargo fmt --check"
cargo fmt --all --check

step "cargo fmt --check of fuzz/ (its own workspace)"
cargo fmt --manifest-path fuzz/Cargo.toml --check

step "cargo clippy --all-targets -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo deny check licenses bans sources (deny.toml; advisories need a database this network cannot reach)"
CARGO_DENY_VERSION=0.20.2
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if [ "$(cargo deny --version 2>/dev/null)" != "cargo-deny $CARGO_DENY_VERSION" ]; then
  cargo install -q --locked cargo-deny --version "=$CARGO_DENY_VERSION"
fi
cargo deny --log-level error check licenses bans sources

step "fuzz targets build (nightly; built, not run: docs/FUZZING.md)"
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  if cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo +nightly fuzz build --sanitizer none --debug-assertions
  else
    echo "cargo-fuzz is not installed: building the fuzz crate with plain cargo +nightly build"
    # Not --locked: fuzz/Cargo.lock follows the core's dependencies, which may have moved on.
    cargo +nightly build --release --manifest-path fuzz/Cargo.toml --bins
  fi
else
  echo "SKIPPED: no nightly toolchain here, so the fuzz targets are not built (rustup toolchain list)"
fi

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

step "cargo clippy for wasm32 (the bindings exist only there) -D warnings"
cargo clippy -p tgtext-wasm --target wasm32-unknown-unknown --locked -- -D warnings

step "all other tests (nextest when installed, else cargo test)"
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --locked --no-fail-fast --success-output never --failure-output final
else
  cargo test --workspace --locked --no-fail-fast --lib --bins --tests
fi
step "npm package and web demo: scripts/build-wasm.sh"
scripts/build-wasm.sh

step "npm package and web demo tests: node --test js-tests/ (screenshots in build/screenshots)"
# Last, so that the final runner summary is node's.
node --test js-tests/
step "done"
