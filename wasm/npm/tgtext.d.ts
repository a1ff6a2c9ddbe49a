// Types of the `tgtext` npm package. Written by hand to mirror the Rust core: the report's wire
// types (core/src/report.rs, SPEC §5) and the options (core/src/config.rs, SPEC §6). The package's
// tests compare these declarations with real reports and with the options the core accepts, so
// a key added on one side and not the other fails CI (js-tests/types.test.mjs).

/** The input formats of SPEC §1, by their format ids. */
export type InputFormat =
  | "web-preview-text"
  | "plain"
  | "telegram-json"
  | "telegram-html"
  | "web-preview-html";

/**
 * The options of `analyze`, spelt as the CLI's flags (`top` is `--top`). Every key is optional;
 * an unknown key, or a value of the wrong type, throws an `Error` naming it.
 */
export interface AnalyzeOptions {
  /** The input format; detected when absent. */
  input?: InputFormat;
  /** Keep the first N items of each table; 0 (the default) keeps all. */
  top?: number;
  /** NLTK's English and Russian stopword lists on (`default`, the default) or off (`none`). */
  stopwords?: "default" | "none";
  /** More stopwords, compared after NFKC and lower-casing (the CLI's `--stopwords-file`). */
  stopwords_extra?: string[];
  /** Plain text only: one post per blank-line-separated block. Default: the whole input is one post. */
  split?: "paragraph";
  /** Add per-post records under `posts`. Default off. */
  posts?: boolean;
  /** The timeline's period, where posts have dates (exports): `day` (the default), `week`, `month`, or `none`. */
  timeline?: "day" | "week" | "month" | "none";
  /** The timeline's time zone as a fixed UTC offset (`+03:00`, `-05:30`, `UTC`); default UTC. */
  time_zone?: string;
  /** Count word bigrams and trigrams within sentences (`bigrams`, `trigrams`). Default off. */
  ngrams?: boolean;
  /** Count pairs within posts: hashtag pairs, hashtag–word, emoji–hashtag (`cotags`, `hashtag_words`, `emoji_hashtags`). Default off. */
  cooccurrence?: boolean;
  /** List each source's and chat's most distinctive words (`distinctive`). Default off. */
  distinctive?: boolean;
  /** Stem word keys with Snowball: English for Latin script, Russian for Cyrillic. Default off. */
  stem?: boolean;
  /** Fold `ё` into `е` in word keys. Default off. */
  fold_yo?: boolean;
}

/**
 * `AnalyzeOptions` with `format`, the CLI's `--format`: the report comes back as the text the CLI
 * prints instead of as an object. `"json"` is byte for byte `tgtext analyze --format json`
 * (and `JSON.stringify(report, null, 2) + "\n"` of the object), made in Rust: faster than
 * building the object and stringifying it, for a report that is written out. `"csv"` is
 * `tgtext analyze --format csv` (and `csv(report)`).
 */
export interface AnalyzeTextOptions extends AnalyzeOptions {
  format: "json" | "csv";
  /** `true` gives the text as UTF-8 bytes instead: see `AnalyzeBytesOptions`. */
  bytes?: false;
}

/**
 * `AnalyzeTextOptions` with `bytes: true`: the report's text comes back as its UTF-8 bytes, a
 * `Uint8Array`, the bytes the CLI writes. For a report that is saved or sent rather than read in
 * JS (`fs.writeFileSync(path, bytes)`, `process.stdout.write(bytes)`, `new Blob([bytes])`), this
 * skips decoding the text into a JS string and encoding it back.
 */
export interface AnalyzeBytesOptions extends AnalyzeOptions {
  format: "json" | "csv";
  bytes: true;
}

/** The entity kinds `strip` can remove. */
export type Removable = "hashtags" | "emoji" | "mentions" | "cashtags" | "urls";

/** The options of `strip`, spelt as the CLI's `tgtext strip` flags. */
export interface StripOptions {
  /** The input format; detected when absent. */
  input?: InputFormat;
  /** Plain text only: one post per blank-line-separated block. */
  split?: "paragraph";
  /** What to remove; default `["hashtags", "emoji"]`. */
  remove?: Removable[];
  /** Keep a removed hashtag's word: `#CIS` becomes `CIS`. Default off. */
  keep_hashtag_words?: boolean;
}

/** One row of a table; sorted by `count` descending, then `key` ascending by code point. */
export interface Item {
  /** The grouping key (per table: SPEC §5). */
  key: string;
  /** How it is shown: the most frequent spelling, ties to the first seen. */
  text: string;
  /** Occurrences. */
  count: number;
  /** Posts containing it. */
  posts: number;
}

/** One row of the emoji table. */
export interface EmojiItem {
  /** The sequence without U+FE0E/U+FE0F. */
  key: string;
  /** The fully-qualified form from emoji-test.txt, else the most frequent spelling. */
  text: string;
  /** The CLDR short name (`flag: Russia`), `null` for sequences emoji-test.txt does not list. */
  name: string | null;
  count: number;
  posts: number;
}

/** A channel's header. */
export interface Channel {
  /** The chat id, where the input has one (Telegram's JSON export). */
  id?: string;
  title: string;
  /** `null` when the header has no description. */
  description: string | null;
  /** Counters in the order they appear: `subscribers`, `members`, `photos`, `videos`, `files`, `links`, `audios`. */
  counters: Record<string, number>;
}

/** The totals; each table's total equals the sum of its `count`s. */
export interface Totals {
  posts: number;
  words: number;
  distinct_words: number;
  hashtags: number;
  distinct_hashtags: number;
  emoji: number;
  distinct_emoji: number;
  mentions: number;
  cashtags: number;
  /** URLs in the text plus link targets, e-mail addresses excluded; the sum of `domains`. */
  urls: number;
  media_placeholders: number;
}

/** One post, with the `posts` option. */
export interface PostRecord {
  /** The post's place in the input, from 0. */
  index: number;
  /** The message id, where the input has one. */
  id: number | null;
  /** ISO 8601 in UTC, where known. */
  date: string | null;
  /** The forward's source. */
  source: string | null;
  text: string;
  /** The text with hashtags and emoji removed (SPEC §3). */
  clean_text: string;
  hashtags: string[];
  emoji: string[];
  mentions: string[];
  cashtags: string[];
  urls: string[];
}

/** Posts and top hashtags per day, week or month, for inputs whose posts have dates. */
export interface Timeline {
  /** `day`, `week` (ISO weeks) or `month`. */
  unit: string;
  /** The UTC offset the periods are counted in (`+00:00`). */
  time_zone: string;
  /** The periods that have posts, in time order. */
  periods: Period[];
}

/** One period of the timeline. */
export interface Period {
  /** `2023-06-06`, `2023-W23` or `2023-06`. */
  period: string;
  /** Posts dated in the period. */
  posts: number;
  /** The period's most frequent hashtags (at most 5). */
  hashtags: Item[];
}

/** A source or chat and its most distinctive words (the `distinctive` option). */
export interface DistinctiveGroup {
  /** `source` or `chat`. */
  kind: string;
  /** The source's name, or the chat's id. */
  key: string;
  /** How it is shown (the chat's name). */
  text: string;
  /** Counted words in the group's posts. */
  words: number;
  terms: DistinctiveTerm[];
}

/** A word and how much more its group uses it than the rest. */
export interface DistinctiveTerm {
  key: string;
  text: string;
  /** Occurrences in the group. */
  count: number;
  /** The group's posts that have it. */
  posts: number;
  /** log2 of the word's smoothed share in the group over its smoothed share in the rest. */
  log_ratio: number;
}

/** What was applied to word keys, when anything was (`stem`, `fold_yo`). */
export interface Settings {
  /** The stemmer, when words were stemmed. */
  stem: string | null;
  /** Whether `ё` was folded into `е`. */
  fold_yo: boolean;
}

/** Which tgtext and which Unicode Emoji data made the report. */
export interface Versions {
  tgtext: string;
  unicode_emoji: string;
}

/**
 * The report of SPEC §5, key for key what `tgtext analyze --format json` prints:
 * `JSON.stringify(report, null, 2) + "\n"` is the CLI's output, byte for byte.
 * Optional sections appear between `countries` and `versions` when the input or the options
 * call for them; more may come there, and existing keys never change meaning within a schema.
 */
export interface Report {
  schema: "tgtext/report@1";
  /** The format id of the input (`mixed` when several inputs differ). */
  format: InputFormat | "mixed";
  /** The channel header, `null` when the input has none. */
  channel: Channel | null;
  totals: Totals;
  hashtags: Item[];
  emoji: EmojiItem[];
  words: Item[];
  mentions: Item[];
  cashtags: Item[];
  domains: Item[];
  sources: Item[];
  countries: Item[];
  /** Full-account exports only: posts per chat (key: the chat id, text: its name). */
  chats?: Item[];
  /** Inputs whose posts have dates: posts and top hashtags per period. */
  timeline?: Timeline;
  /** With `ngrams`: word bigrams within sentences (key: the word keys joined by a space). */
  bigrams?: Item[];
  /** With `ngrams`: word trigrams within sentences. */
  trigrams?: Item[];
  /** With `cooccurrence`: hashtag pairs within posts, key `a|b` (sorted); count and posts are the posts that have both. */
  cotags?: Item[];
  /** With `cooccurrence`: hashtag–word pairs within posts, key `hashtag|word`. */
  hashtag_words?: Item[];
  /** With `cooccurrence`: emoji–hashtag pairs within posts, key `emoji|hashtag`. */
  emoji_hashtags?: Item[];
  /** With `distinctive`: each source's and chat's most distinctive words. */
  distinctive?: DistinctiveGroup[];
  /** What was applied to word keys, when anything was (`stem`, `fold_yo`). */
  settings?: Settings;
  /** Per-post records, only with the `posts` option. */
  posts?: PostRecord[];
  versions: Versions;
}

/** One post's stripped text, as `tgtext strip --format json` prints it. */
export interface StrippedPost {
  /** The post's place in the input, from 0. */
  index: number;
  /** The message id, where the input has one. */
  id: number | null;
  clean_text: string;
}

/** The options of `kwic`, spelt as the CLI's `tgtext kwic` flags. */
export interface KwicOptions {
  /** The input format; detected when absent. */
  input?: InputFormat;
  /** Plain text only: one post per blank-line-separated block. */
  split?: "paragraph";
  /** How many words or entities of context on each side; default 5. */
  window?: number;
  /** Match words by their Snowball stem, as `analyze` with `stem` counts them. Default off. */
  stem?: boolean;
  /** Fold `ё` into `е` before matching. Default off. */
  fold_yo?: boolean;
}

/** One occurrence of a term and its context, as `tgtext kwic --format json` prints it. */
export interface KwicHit {
  /** The post's place in the input, from 0. */
  index: number;
  /** The message id, where the input has one. */
  id: number | null;
  /** ISO 8601 in UTC, where known. */
  date: string | null;
  /** Up to `window` words and entities before, as written, joined by spaces. */
  left: string;
  /** The occurrence as written. */
  match: string;
  right: string;
}

/**
 * Counts hashtags, emoji, words, mentions, cashtags, domains, sources and countries. Throws an `Error` on a bad option or an input it cannot read.
 *
 * `input` is the text, or its UTF-8 bytes (a `Uint8Array`, such as Node's `readFileSync(path)`): bytes are read as the CLI reads a file (a byte-order mark dropped, invalid UTF-8 an error naming its byte offset) and skip the decoding into a JS string, which for a large file costs more than the analysis.
 */
export function analyze(input: string | Uint8Array, options: AnalyzeBytesOptions): Uint8Array;
export function analyze(input: string | Uint8Array, options: AnalyzeTextOptions): string;
export function analyze(input: string | Uint8Array, options?: AnalyzeOptions): Report;

/**
 * Node only: the report of the file at `path`, equal to `analyze()` of its bytes. The file is
 * read a piece at a time, so a file of any size is analysed in bounded memory, faster than
 * `analyze(readFileSync(path))`. Errors name the file. In a browser it throws: pass the file's
 * bytes to `analyze()` instead.
 */
export function analyzeFile(path: string, options: AnalyzeBytesOptions): Uint8Array;
export function analyzeFile(path: string, options: AnalyzeTextOptions): string;
export function analyzeFile(path: string, options?: AnalyzeOptions): Report;

/** Each post's text with hashtags and emoji (or what `remove` names) removed, whitespace tidy. */
export function strip(input: string, options?: StripOptions): StrippedPost[];

/** Keyword in context: every occurrence of `term` in the posts, with up to `window` words and entities on each side (`tgtext kwic`). */
export function kwic(input: string, term: string, options?: KwicOptions): KwicHit[];

/** The report as one long CSV table (`table,key,text,name,count,posts`), as `tgtext analyze --format csv` prints it. */
export function csv(report: Report): string;

/** The package's version, e.g. `0.1.0`. */
export function version(): string;

/**
 * Streaming analysis, for text that arrives in pieces: the report equals `analyze()` of the
 * whole text, wherever the pieces are cut. Several inputs (`endInput()` between them) make one
 * combined report, as several files do on the command line.
 */
export interface Analyzer<Result extends Report | string | Uint8Array = Report> {
  /** Feeds the next piece of the current input. */
  feed(chunk: string): void;
  /** Ends the current input; the next `feed` starts another. */
  endInput(): void;
  /** Ends the last input and returns the report (as text with `format`, bytes with `bytes`); the analyzer cannot be used afterwards. */
  finish(): Result;
  /** Releases the wasm memory now instead of at garbage collection. */
  free(): void;
}
export const Analyzer: {
  new (options: AnalyzeBytesOptions): Analyzer<Uint8Array>;
  new (options: AnalyzeTextOptions): Analyzer<string>;
  new (options?: AnalyzeOptions): Analyzer<Report>;
};

/** Streaming strip: each `feed` returns the posts that it finished. */
export class Stripper {
  constructor(options?: StripOptions);
  feed(chunk: string): StrippedPost[];
  endInput(): StrippedPost[];
  /** Ends the last input and returns its remaining posts. */
  finish(): StrippedPost[];
  free(): void;
}
