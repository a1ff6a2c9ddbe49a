// Node, ES module: `import { analyze } from "tgtext"`. The same instance as the CommonJS entry,
// so a program that both imports and requires the package loads the wasm once.
import api from "./index.cjs";

export const { analyze, analyzeFile, strip, kwic, csv, version, Analyzer, Stripper, __tgtext_test_trap } = api;
export default api;
