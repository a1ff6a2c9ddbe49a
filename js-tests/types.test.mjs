// The hand-written types (wasm/npm/tgtext.d.ts) against the real thing: every key of real
// reports, stripped posts and per-post records is declared, every declared required key is
// present, and the option names equal those the core accepts (read from the core's own
// "unknown field" message). A key added to the core and not to the types fails here.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { PKG, ROOT, SAMPLE, corpus, requireBuild } from "./helpers.mjs";

requireBuild();
const tgtext = await import(join(PKG, "node", "index.mjs"));
const ts = createRequire(import.meta.url)(join(ROOT, "node_modules", "typescript"));

/** interface name → {required, optional (Sets), order (declaration order)} of its properties, from the .d.ts. */
function interfaces(path) {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  const found = {};
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    const required = new Set();
    const optional = new Set();
    const order = [];
    for (const member of node.members) {
      if (!ts.isPropertySignature(member)) continue;
      const name = member.name.getText(source);
      (member.questionToken ? optional : required).add(name);
      order.push(name);
    }
    found[node.name.text] = { required, optional, order };
  });
  return found;
}

const declared = interfaces(join(PKG, "tgtext.d.ts"));

/** Checks that `object`'s keys are declared by `name`, and its required keys are present. */
function conforms(name, object, where) {
  const shape = declared[name];
  assert.ok(shape, `the types declare ${name}`);
  for (const key of Object.keys(object)) {
    assert.ok(shape.required.has(key) || shape.optional.has(key), `${where}: key "${key}" is not declared in ${name}`);
  }
  for (const key of shape.required) assert.ok(key in object, `${where}: ${name} declares "${key}" as always present`);
}

test("reports, items, channel, totals, per-post records and versions match their declarations", () => {
  const report = tgtext.analyze(readFileSync(SAMPLE, "utf8"), { posts: true });
  conforms("Report", report, "report");
  conforms("Channel", report.channel, "report.channel");
  conforms("Totals", report.totals, "report.totals");
  conforms("Versions", report.versions, "report.versions");
  conforms("Item", report.hashtags[0], "report.hashtags[0]");
  conforms("EmojiItem", report.emoji[0], "report.emoji[0]");
  conforms("PostRecord", report.posts[0], "report.posts[0]");
  conforms("StrippedPost", tgtext.strip("x")[0], "strip()[0]");
  conforms("KwicHit", tgtext.kwic("Hello #World, hello", "hello")[0], "kwic()[0]");
  // An account export with every deeper analysis: chats, timeline, n-grams, pairs, distinctive words, settings.
  const account = readFileSync(join(ROOT, "tests", "data", "telegram-json", "full-account.result.json"), "utf8");
  const deep = tgtext.analyze(account, { ngrams: true, cooccurrence: true, distinctive: true, stem: true, fold_yo: true, posts: true });
  for (const key of ["chats", "timeline", "bigrams", "trigrams", "cotags", "hashtag_words", "emoji_hashtags", "distinctive", "settings", "posts"]) {
    assert.ok(key in deep, `the account export with every option has ${key}`);
  }
  conforms("Report", deep, "account report");
  conforms("Timeline", deep.timeline, "timeline");
  conforms("Period", deep.timeline.periods[0], "timeline.periods[0]");
  conforms("DistinctiveGroup", deep.distinctive[0], "distinctive[0]");
  // The small export has too few words for distinctive terms or pairs; a generated corpus has them.
  const generated = tgtext.analyze(readFileSync(corpus(2, 7), "utf8"), { distinctive: true, cooccurrence: true });
  const group = generated.distinctive.find((g) => g.terms.length);
  assert.ok(group, "a group with distinctive terms");
  conforms("DistinctiveTerm", group.terms[0], "distinctive terms[0]");
  conforms("Item", generated.cotags[0], "cotags[0]");
  conforms("Item", generated.hashtag_words[0], "hashtag_words[0]");
  conforms("Item", generated.emoji_hashtags[0], "emoji_hashtags[0]");
  conforms("Settings", deep.settings, "settings");
  conforms("Item", deep.chats[0], "chats[0]");
  conforms("PostRecord", deep.posts[0], "account posts[0]");
  if (deep.channel) conforms("Channel", deep.channel, "account channel");
  const deepKeys = Object.keys(deep);
  const declaredOrder = declared.Report.order;
  const inDeclaredOrder = (keys) => {
    const positions = keys.map((k) => declaredOrder.indexOf(k));
    return positions.every((p, i) => i === 0 || positions[i - 1] < p);
  };
  // The report's keys come in the declared order (the JSON key order is part of SPEC §5).
  assert.ok(inDeclaredOrder(deepKeys), `declared order: ${declaredOrder.join(", ")}; report: ${deepKeys.join(", ")}`);
  assert.ok(inDeclaredOrder(Object.keys(report)));
});

/** The option names the core accepts, from its message for an unknown one. */
function accepted(call) {
  try {
    call({ __no_such_option__: true });
  } catch (err) {
    const list = /expected one of (.*)$/.exec(err.message);
    assert.ok(list, `the message lists the options: ${err.message}`);
    return [...list[1].matchAll(/`([a-z_]+)`/g)].map((m) => m[1]).sort();
  }
  assert.fail("an unknown option was accepted");
}

test("the declared options are exactly the options the core accepts", () => {
  // `format` and `bytes` are declared apart, in AnalyzeTextOptions and AnalyzeBytesOptions
  // (they change what analyze returns).
  const text = declared.AnalyzeTextOptions;
  assert.deepEqual([...text.required, ...text.optional], ["format", "bytes"], "AnalyzeTextOptions adds format and bytes alone");
  const bytes = declared.AnalyzeBytesOptions;
  assert.deepEqual([...bytes.required, ...bytes.optional], ["format", "bytes"], "AnalyzeBytesOptions adds format and bytes alone");
  const analyzeOptions = [...declared.AnalyzeOptions.optional, ...declared.AnalyzeOptions.required, "bytes", "format"].sort();
  assert.deepEqual(analyzeOptions, accepted((o) => tgtext.analyze("", o)), "AnalyzeOptions");
  const stripOptions = [...declared.StripOptions.optional, ...declared.StripOptions.required].sort();
  assert.deepEqual(stripOptions, accepted((o) => tgtext.strip("", o)), "StripOptions");
  const kwicOptions = [...declared.KwicOptions.optional, ...declared.KwicOptions.required].sort();
  assert.deepEqual(kwicOptions, accepted((o) => tgtext.kwic("", "x", o)), "KwicOptions");
  assert.equal(declared.AnalyzeOptions.required.size + declared.StripOptions.required.size + declared.KwicOptions.required.size, 0, "every option is optional");
});
