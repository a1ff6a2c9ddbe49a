// Browsers and bundlers: `import { analyze } from "tgtext"`. The module fetches and instantiates
// the wasm before it resolves (top-level await), so every function is ready once the import is.
// Bundlers (Vite, webpack 5, Rollup, esbuild) see `new URL("tgtext_wasm_bg.wasm", import.meta.url)`
// in the glue and copy the .wasm beside the bundle.
import init, * as raw from "./tgtext_wasm.js";
import { makeApi } from "./api.js";

await init();

const api = makeApi(raw);
export const { analyze, analyzeFile, strip, kwic, csv, version, Analyzer, Stripper, __tgtext_test_trap } = api;
export default api;
