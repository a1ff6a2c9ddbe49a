// The case corpus (tests/cases/*.json) for JS: loading and partial matching with exactly the
// semantics of tests/src/cases.rs, which documents the format field by field.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers.mjs";

/** Every case of every file, in file-name order, each with `file` and its input `text`. */
export function loadCases() {
  const dir = join(ROOT, "tests", "cases");
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  const cases = [];
  for (const file of files) {
    for (const c of JSON.parse(readFileSync(join(dir, file), "utf8"))) {
      const text = Array.isArray(c.input) ? c.input.join("\n") : c.input;
      cases.push({ ...c, file, text, options: c.options ?? {} });
    }
  }
  if (!cases.length) throw new Error("the corpus has no cases");
  return cases;
}

/**
 * Checks `actual` against the partial `expected`: an object matches when every key it names
 * matches; an array when it has the same length and each element matches; anything else when
 * equal. Returns every mismatch with its JSON path (tests/src/cases.rs `partial_match`).
 */
export function partialMatch(expected, actual, path = "$", problems = []) {
  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  if (isObject(expected) && isObject(actual)) {
    for (const [key, want] of Object.entries(expected)) {
      if (key in actual) partialMatch(want, actual[key], `${path}.${key}`, problems);
      else problems.push(`${path}.${key}: missing, expected ${JSON.stringify(want)}`);
    }
  } else if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      problems.push(
        `${path}: expected ${expected.length} items, got ${actual.length}:\n    expected ${JSON.stringify(expected)}\n    actual   ${JSON.stringify(actual)}`,
      );
    } else {
      expected.forEach((want, i) => partialMatch(want, actual[i], `${path}[${i}]`, problems));
    }
  } else if (JSON.stringify(expected) !== JSON.stringify(actual)) {
    problems.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
  return problems;
}

/** `time_zone` → `--time-zone`. */
const flag = (key) => `--${key.replaceAll("_", "-")}`;

/** The CLI flags for a case's analyze options (as cli/tests/cases.rs maps them). */
export function analyzeFlags(options, writeTemp) {
  const flags = ["analyze", "--format", "json"];
  for (const [key, value] of Object.entries(options)) {
    if (["input", "top", "stopwords", "split", "timeline", "time_zone"].includes(key)) flags.push(flag(key), String(value));
    else if (["posts", "ngrams", "cooccurrence", "distinctive", "stem", "fold_yo"].includes(key)) {
      if (value) flags.push(flag(key));
    } else if (key === "stopwords_extra") {
      flags.push("--stopwords-file", writeTemp("stopwords.txt", value.map((w) => `${w}\n`).join("")));
    } else throw new Error(`no CLI flag for the option ${key}`);
  }
  return flags;
}

/** The CLI flags for a case's strip options. */
export function stripFlags(options) {
  const flags = ["strip", "--format", "json"];
  for (const [key, value] of Object.entries(options)) {
    if (["input", "split"].includes(key)) flags.push(`--${key}`, String(value));
    else if (key === "remove") flags.push("--remove", value.join(","));
    else if (key === "keep_hashtag_words") {
      if (value) flags.push("--keep-hashtag-words");
    } else throw new Error(`no CLI flag for the strip option ${key}`);
  }
  return flags;
}

/** The CLI flags for a case's kwic options. */
export function kwicFlags(term, options) {
  const flags = ["kwic", term, "--format", "json"];
  for (const [key, value] of Object.entries(options)) {
    if (["input", "split", "window"].includes(key)) flags.push(`--${key}`, String(value));
    else if (["stem", "fold_yo"].includes(key)) {
      if (value) flags.push(flag(key));
    } else throw new Error(`no CLI flag for the kwic option ${key}`);
  }
  return flags;
}
