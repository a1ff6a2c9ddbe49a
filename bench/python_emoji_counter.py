#!/usr/bin/env python3
"""What an analyst writes today in Python, for scripts/bench.sh to compare tgtext against.

The PyPI `emoji` package (version pinned in bench/requirements.txt) for emoji, `re` for
hashtags, mentions, cashtags, URLs and words, and a `collections.Counter` per table. The file is
read as a stream, line by line, so memory stays small; every table is printed in full as JSON,
most frequent first, as tgtext prints its report.

    python bench/python_emoji_counter.py FILE... > counts.json

Written to be fair, as a competent analyst would: every pattern is compiled once, the entities
are taken out of the text before words are counted (so `#CIS` is not also the word `cis`), and
keys are lower-cased like tgtext's. No stopwords (tgtext removes NLTK's; a set look-up per word
would cost little).
"""

import json
import re
import sys
from collections import Counter

import emoji

HASHTAG = re.compile(r"(?<!\w)#(\w+)")
MENTION = re.compile(r"(?<!\w)@(\w+)")
CASHTAG = re.compile(r"(?<!\w)\$([A-Za-z]{1,8})\b")
URL = re.compile(r"https?://\S+|www\.\S+")
# Not inside a word: `news#top` (a URL's fragment) is no hashtag, `info@mid.ru` no mention.
ENTITY = re.compile(r"https?://\S+|www\.\S+|[#@$]\w+")
# Letters only (no digits or underscore), with inner apostrophes: "it's", "Lavrov’s".
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def count(paths):
    tables = {
        name: Counter()
        for name in ("hashtags", "mentions", "cashtags", "urls", "emoji", "words")
    }
    hashtags, mentions, cashtags, urls, emojis, words = tables.values()
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                hashtags.update(tag.lower() for tag in HASHTAG.findall(line))
                mentions.update(name.lower() for name in MENTION.findall(line))
                cashtags.update(ticker.upper() for ticker in CASHTAG.findall(line))
                urls.update(URL.findall(line))
                emojis.update(found["emoji"] for found in emoji.emoji_list(line))
                words.update(WORD.findall(ENTITY.sub(" ", line).lower()))
    return tables


def main():
    tables = count(sys.argv[1:])
    report = {"totals": {}}
    for name, table in tables.items():
        report["totals"][name] = sum(table.values())
        report["totals"]["distinct_" + name] = len(table)
    for name, table in tables.items():
        report[name] = sorted(table.items(), key=lambda item: (-item[1], item[0]))
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
