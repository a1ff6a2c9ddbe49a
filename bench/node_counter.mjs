// What an analyst writes today in Node, for scripts/bench.sh to compare tgtext against:
// Twitter's own entity extractor (`twitter-text`) for hashtags, mentions, cashtags and URLs,
// `emoji-regex` for emoji, a Unicode letter regex for words, and a Map per table. The file is
// read line by line (readline), so memory stays small; every table is printed in full as JSON,
// most frequent first, as tgtext prints its report.
//
//   node bench/node_counter.mjs FILE... > counts.json
//
// Written to be fair, as a competent analyst would: every regex is built once, the entities are
// taken out of the text before words are counted (so `#CIS` is not also the word `cis`), keys
// are lower-cased like tgtext's. No stopwords (tgtext removes NLTK's; a Set look-up per word
// would cost little).
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import emojiRegex from "emoji-regex";
import twitterText from "twitter-text";

const twitter = twitterText.default ?? twitterText;
const EMOJI = emojiRegex(); // one /g regex; matchAll works on a copy, so it is reusable
// What twitter-text found, taken out before words: URLs, #tags, @names, $tickers.
const ENTITY = /https?:\/\/\S+|www\.\S+|[#@$][\p{L}\p{M}\p{Nd}_]+/gu;
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;

const tables = {
  hashtags: new Map(),
  mentions: new Map(),
  cashtags: new Map(),
  urls: new Map(),
  emoji: new Map(),
  words: new Map(),
};
const bump = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);

for (const path of process.argv.slice(2)) {
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.length === 0) continue;
    for (const tag of twitter.extractHashtags(line)) bump(tables.hashtags, tag.toLowerCase());
    for (const name of twitter.extractMentions(line)) bump(tables.mentions, name.toLowerCase());
    for (const ticker of twitter.extractCashtags(line)) bump(tables.cashtags, ticker.toUpperCase());
    for (const url of twitter.extractUrls(line)) bump(tables.urls, url);
    for (const [emoji] of line.matchAll(EMOJI)) bump(tables.emoji, emoji);
    for (const [word] of line.replace(ENTITY, " ").toLowerCase().matchAll(WORD)) bump(tables.words, word);
  }
}

const report = { totals: {} };
for (const [name, map] of Object.entries(tables)) {
  let sum = 0;
  for (const count of map.values()) sum += count;
  report.totals[name] = sum;
  report.totals[`distinct_${name}`] = map.size;
}
for (const [name, map] of Object.entries(tables)) {
  report[name] = [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
process.stdout.write(JSON.stringify(report, null, 2) + "\n");
