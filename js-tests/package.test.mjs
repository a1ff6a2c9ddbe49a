// The tarball that `npm pack` makes, installed into a fresh project as a user would: it loads
// from ES modules and from CommonJS, its package.json is what the issue asks for, and its types
// type-check a small TypeScript program in both module systems (and catch a wrong option).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { PKG, ROOT, SAMPLE, requireBuild, tempDir } from "./helpers.mjs";

const manifest = requireBuild();
const cargoVersion = execFileSync("cargo", ["pkgid", "-p", "tgtext-wasm"], { cwd: ROOT, encoding: "utf8" })
  .trim()
  .replace(/.*[#@]/, "");

const project = tempDir("pack");
const run = (cmd, args, options = {}) =>
  execFileSync(cmd, args, { cwd: project.dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options });

// npm pack → a fresh project → npm install of the tarball, once for all tests of this file.
const [packed] = JSON.parse(run("npm", ["pack", PKG, "--pack-destination", project.dir, "--json"]));
writeFileSync(join(project.dir, "package.json"), JSON.stringify({ name: "consumer", private: true }));
run("npm", ["install", "--offline", "--no-audit", "--no-fund", join(project.dir, packed.filename)]);

test.after(project.remove);

test("package.json: name, the crate's version, licence, exports, types, files", () => {
  assert.equal(manifest.name, "tgtext");
  assert.equal(manifest.version, cargoVersion);
  assert.equal(manifest.license, "MIT OR Apache-2.0");
  assert.ok(manifest.exports["."].node.import && manifest.exports["."].node.require && manifest.exports["."].default);
  assert.equal(manifest.types, "./tgtext.d.ts");
  const files = packed.files.map((f) => f.path).sort();
  for (const needed of ["README.md", "package.json", "tgtext.d.ts", "tgtext.d.cts", "node/index.cjs", "node/index.mjs", "web/browser.js", "web/tgtext_wasm_bg.wasm"]) {
    assert.ok(files.includes(needed), `the tarball holds ${needed}: ${files.join(", ")}`);
  }
  assert.equal(files.filter((f) => f.endsWith(".wasm")).length, 1, "one .wasm, shared by both builds");
});

test("the installed package works from an ES module", () => {
  writeFileSync(
    join(project.dir, "esm.mjs"),
    `import { analyze, strip, csv, version } from "tgtext";
     import { readFileSync } from "node:fs";
     const report = analyze(readFileSync(${JSON.stringify(SAMPLE)}, "utf8"));
     console.log(JSON.stringify({ version: version(), top: report.hashtags[0], clean: strip("Hi #CIS 🇷🇺!")[0].clean_text, csv: csv(report).split("\\n")[0] }));`,
  );
  const out = JSON.parse(run("node", ["esm.mjs"]));
  assert.deepEqual(out, {
    version: cargoVersion,
    top: { key: "cis", text: "#CIS", count: 16, posts: 15 },
    clean: "Hi!",
    csv: "table,key,text,name,count,posts",
  });
});

test("the installed package works from CommonJS", () => {
  writeFileSync(
    join(project.dir, "cjs.cjs"),
    `const { analyze, Analyzer } = require("tgtext");
     const whole = analyze("#a #b #a 👍🏽");
     const streamed = new Analyzer();
     streamed.feed("#a #b "); streamed.feed("#a 👍🏽");
     console.log(JSON.stringify({ same: JSON.stringify(whole) === JSON.stringify(streamed.finish()), emoji: whole.emoji[0].name }));`,
  );
  assert.deepEqual(JSON.parse(run("node", ["cjs.cjs"])), { same: true, emoji: "thumbs up: medium skin tone" });
});

test("the shipped types check a TypeScript program, as ESM and as CommonJS", () => {
  const program = (imports) => `${imports}
const options: AnalyzeOptions = { top: 10, stopwords: "none", stopwords_extra: ["the"], split: "paragraph", posts: true };
const report: Report = analyze("Hello #World", options);
const first: Item | undefined = report.hashtags[0];
const name: string | null = report.emoji.length ? report.emoji[0].name : null;
const subscribers: number | undefined = report.channel?.counters["subscribers"];
const clean: string[] = strip("x #y", { remove: ["hashtags", "urls"], keep_hashtag_words: true }).map((p: StrippedPost) => p.clean_text);
const table: string = csv(report);
const posts: number = report.posts?.length ?? 0;
const v: string = version();
const streaming = new Analyzer({ top: 1 });
streaming.feed("#a");
const streamed: Report = streaming.finish();
const json: string = analyze("x", { top: 1, format: "json" });
const csvText: string = new Analyzer({ format: "csv" }).finish();
const saved: Uint8Array = analyze("x", { format: "json", bytes: true });
const savedCsv: Uint8Array = new Analyzer({ format: "csv", bytes: true }).finish();
const stillText: string = analyze("x", { format: "csv", bytes: false });
// @ts-expect-error: with format, the report is text, not an object
const notAReport: Report = analyze("x", { format: "json" });
// @ts-expect-error: with bytes, it is bytes, not a string
const notText: string = analyze("x", { format: "json", bytes: true });
// @ts-expect-error: bytes needs a format
analyze("x", { bytes: true });
// @ts-expect-error: not a format of the package
analyze("x", { format: "table" });
// @ts-expect-error: top is a number
analyze("x", { top: "10" });
// @ts-expect-error: an unknown option
analyze("x", { tpo: 10 });
// @ts-expect-error: not a kind strip removes
strip("x", { remove: ["links"] });
// @ts-expect-error: the schema is a literal
const wrong: Report["schema"] = "tgtext/report@2";
export { first, name, subscribers, clean, table, posts, v, streamed, wrong, json, csvText, notAReport, saved, savedCsv, stillText, notText };
`;
  writeFileSync(
    join(project.dir, "check.mts"),
    program(`import { analyze, strip, csv, version, Analyzer } from "tgtext";
import type { AnalyzeOptions, Report, Item, StrippedPost } from "tgtext";`),
  );
  writeFileSync(
    join(project.dir, "check.cts"),
    program(`import { analyze, strip, csv, version, Analyzer } = require("tgtext");
import type { AnalyzeOptions, Report, Item, StrippedPost } from "tgtext";`).replace(
      'import { analyze, strip, csv, version, Analyzer } = require("tgtext");',
      'import tgtext = require("tgtext");\nconst { analyze, strip, csv, version, Analyzer } = tgtext;',
    ).replace("export { first, name, subscribers, clean, table, posts, v, streamed, wrong, json, csvText, notAReport, saved, savedCsv, stillText, notText };", "export = { first, name, subscribers, clean, table, posts, v, streamed, wrong, json, csvText, notAReport };"),
  );
  writeFileSync(
    join(project.dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { module: "nodenext", moduleResolution: "nodenext", target: "es2022", strict: true, noEmit: true, skipLibCheck: false, types: [] },
      files: ["check.mts", "check.cts"],
    }),
  );
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  try {
    run("node", [tsc, "-p", "tsconfig.json"]);
  } catch (err) {
    assert.fail(`tsc found errors:\n${err.stdout}${err.stderr}`);
  }
  // And the check is real: a program with a type error fails.
  writeFileSync(join(project.dir, "bad.mts"), 'import { analyze } from "tgtext";\nconst n: number = analyze("x").format;\nexport { n };\n');
  writeFileSync(
    join(project.dir, "tsconfig.bad.json"),
    JSON.stringify({ extends: "./tsconfig.json", files: ["bad.mts"] }),
  );
  assert.throws(() => run("node", [tsc, "-p", "tsconfig.bad.json"]), (err) => /TS2322/.test(err.stdout));
});

test("the README shipped in the package is the npm README", () => {
  const readme = readFileSync(join(project.dir, "node_modules", "tgtext", "README.md"), "utf8");
  assert.match(readme, /npm install tgtext/);
});
