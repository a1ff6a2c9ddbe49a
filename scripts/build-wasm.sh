#!/usr/bin/env bash
# Builds the npm package `tgtext` into build/npm (and its tarball build/tgtext-VERSION.tgz), and
# the web demo's copy of it in web-demo/pkg. Installs what it needs first when missing: the
# wasm32 target (rustup), wasm-bindgen-cli at the version in Cargo.lock, and the npm tools
# (binaryen's wasm-opt, Chart.js) from package-lock.json.
#
#   scripts/build-wasm.sh           build
#   scripts/build-wasm.sh --serve   build, then serve the demo on http://127.0.0.1:8000/
#
# Layout of the package (build/npm):
#   package.json, README.md, tgtext.d.ts, tgtext.d.cts    from wasm/npm (version set from Cargo)
#   web/tgtext_wasm.js, web/tgtext_wasm_bg.wasm         wasm-bindgen --target web (the one .wasm)
#   web/browser.js, web/api.js                          the browser entry (ES module)
#   node/tgtext_wasm.js                                 wasm-bindgen --target nodejs, reading ../web's .wasm
#   node/index.cjs, node/index.mjs, node/api.cjs        the Node entries (CommonJS, ES module)
set -euo pipefail
cd "$(dirname "$0")/.."
SERVE=false
[ "${1:-}" = "--serve" ] && SERVE=true

PROFILE=${WASM_PROFILE:-wasm-release}
# -O3 rather than -Oz: the same speed/size trade-off as the profile's opt-level (see Cargo.toml).
WASM_OPT_LEVEL=${WASM_OPT_LEVEL:--O3}

# --- tools ---------------------------------------------------------------------------------
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# The CLI must be exactly the wasm-bindgen version in Cargo.lock.
WBV=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBV" ]; then
  echo "installing wasm-bindgen-cli $WBV (about two minutes, once)"
  # --locked can fail when the registry mirror lags behind the CLI's own lock; then resolve anew.
  cargo install -q wasm-bindgen-cli --version "=$WBV" --force --locked \
    || cargo install -q wasm-bindgen-cli --version "=$WBV" --force
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
WASM_OPT=node_modules/.bin/wasm-opt # npm binaryen; Debian's binaryen 108 corrupts wasm-bindgen output

# --- build ---------------------------------------------------------------------------------
VERSION=$(cargo pkgid -p tgtext-wasm | sed 's/.*[#@]//')
cargo build -p tgtext-wasm --target wasm32-unknown-unknown --profile "$PROFILE" --locked
WASM=target/wasm32-unknown-unknown/$PROFILE/tgtext_wasm.wasm

OUT=build/npm
rm -rf "$OUT" && mkdir -p "$OUT"
# --experimental-reset-state-function: __wbg_reset_state() replaces a trapped instance (api.js).
wasm-bindgen "$WASM" --out-dir "$OUT/node" --target nodejs --experimental-reset-state-function
wasm-bindgen "$WASM" --out-dir "$OUT/web" --target web --experimental-reset-state-function
# Both targets emit the same .wasm: optimise it once and ship it once, in web/.
# -ocimfs 100: inline a function that has one caller only when it is small. V8 runs a module's
# code first from a quick baseline compile and optimises each function once it is hot, one
# function at a time; large inlined functions took it 30-60 ms each, so the hot loop ran slow
# code for longer. Kept apart, the first 6 MB analysed took 121-126 ms instead of 138-149 ms
# (later calls the same; docs/PERFORMANCE.md, sixth session).
"$WASM_OPT" "$WASM_OPT_LEVEL" -ocimfs 100 "$OUT/web/tgtext_wasm_bg.wasm" -o build/tgtext_wasm_bg.opt.wasm
mv build/tgtext_wasm_bg.opt.wasm "$OUT/web/tgtext_wasm_bg.wasm"
rm "$OUT/node/tgtext_wasm_bg.wasm" "$OUT"/node/*.d.ts "$OUT"/web/*.d.ts
NODE_GLUE=$OUT/node/tgtext_wasm.js
grep -q '^const wasmPath = `${__dirname}/tgtext_wasm_bg.wasm`;$' "$NODE_GLUE" || {
  echo "build-wasm.sh: wasm-bindgen's nodejs glue no longer reads the .wasm as expected; update the path fix" >&2
  exit 1
}
sed -i 's|^const wasmPath = `${__dirname}/tgtext_wasm_bg.wasm`;$|const wasmPath = `${__dirname}/../web/tgtext_wasm_bg.wasm`;|' "$NODE_GLUE"

# The shared API, as an ES module for browsers and as CommonJS for Node.
{ cat wasm/npm/api.js; echo; echo 'export { makeApi };'; } > "$OUT/web/api.js"
{ echo '"use strict";'; cat wasm/npm/api.js; echo; echo 'module.exports = { makeApi };'; } > "$OUT/node/api.cjs"
cp wasm/npm/browser.js "$OUT/web/"
cp wasm/npm/index.cjs wasm/npm/index.mjs "$OUT/node/"
echo '{"type":"commonjs"}' > "$OUT/node/package.json"
cp wasm/npm/tgtext.d.ts "$OUT/tgtext.d.ts"
cp wasm/npm/tgtext.d.ts "$OUT/tgtext.d.cts"
cp wasm/npm/README.md "$OUT/README.md"
node -e '
  const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync("wasm/npm/package.json", "utf8"));
  pkg.version = process.argv[1];
  fs.writeFileSync(process.argv[2], JSON.stringify(pkg, null, 2) + "\n");
' "$VERSION" "$OUT/package.json"

# The tarball that would be published, and the demo's copy of exactly its contents.
# "./": without it npm reads build/npm as a GitHub repository name.
TGZ=$(npm pack "./$OUT" --pack-destination build --silent | tail -n 1)
rm -rf web-demo/pkg web-demo/vendor && mkdir -p web-demo/pkg web-demo/vendor
tar -xzf "build/$TGZ" -C web-demo/pkg --strip-components=1
# Chart.js and its word-cloud plugin, as the UMD files they publish (pinned in package-lock.json).
cp node_modules/chart.js/dist/chart.umd.min.js web-demo/vendor/chart.umd.min.js
cp node_modules/chart.js/LICENSE.md web-demo/vendor/chart.js-LICENSE.md
cp node_modules/chartjs-chart-wordcloud/build/index.umd.min.js web-demo/vendor/chartjs-chart-wordcloud.umd.min.js
cp node_modules/chartjs-chart-wordcloud/LICENSE web-demo/vendor/chartjs-chart-wordcloud-LICENSE

RAW=$(stat -c%s "$OUT/web/tgtext_wasm_bg.wasm")
GZ=$(gzip -9c "$OUT/web/tgtext_wasm_bg.wasm" | wc -c)
echo "tgtext $VERSION: build/$TGZ ($(stat -c%s "build/$TGZ") bytes); wasm $RAW bytes raw, $GZ gzip -9 (wasm-opt $WASM_OPT_LEVEL -ocimfs 100, profile $PROFILE)"

if $SERVE; then
  echo "serving the demo on http://127.0.0.1:8000/ (Ctrl-C stops)"
  exec python3 -m http.server 8000 --bind 127.0.0.1 --directory web-demo
fi
