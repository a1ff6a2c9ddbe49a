// Node, CommonJS: `const { analyze } = require("tgtext")`. The wasm is compiled and instantiated
// synchronously by wasm-bindgen's nodejs glue when this file is first required.
"use strict";
const raw = require("./tgtext_wasm.js");
const { makeApi } = require("./api.cjs");
module.exports = makeApi(raw, require("node:fs"));
