#!/usr/bin/env bash
# Builds the seed corpora fuzz/corpus/<target>/ from the repository's own test data: the sample
# (tests/data/channel-cis.txt), the exports and saved pages (tests/data/**), and every input of
# the case corpus (tests/cases/*.json). Deterministic: rerunning it gives the same files.
# Each target's file layout is explained in docs/FUZZING.md.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import glob, json, os, shutil

root = "fuzz/corpus"
targets = ["web_preview_text", "entities", "strip", "telegram_json", "html", "analyze"]
for t in targets:
    shutil.rmtree(os.path.join(root, t), ignore_errors=True)
    os.makedirs(os.path.join(root, t))

def put(target, name, data):
    with open(os.path.join(root, target, name), "wb") as f:
        f.write(data)

def read(path):
    with open(path, "rb") as f:
        return f.read()

# The analyze target: 48 option bytes, then the input. Zeros are the default options (format
# detected); the second header forces nothing but asks for posts, weekly timeline, +03:00.
DEFAULTS = bytes(48)
RICH = bytes([0, 3, 0, 0, 0, 1, 1, 1, 2]) + bytes(39)

texts = {}
for path in sorted(glob.glob("tests/cases/*.json")):
    stem = os.path.splitext(os.path.basename(path))[0]
    for i, case in enumerate(json.load(open(path, encoding="utf-8"))):
        text = case["input"]
        if isinstance(text, list):
            text = "\n".join(text)
        texts[f"case-{stem}-{i:03}"] = text.encode("utf-8")
texts["channel-cis.txt"] = read("tests/data/channel-cis.txt")

for name, data in texts.items():
    put("web_preview_text", name, data)
    put("entities", name, data)
    # strip: a byte of kinds to remove (bits: hashtags, emoji, mentions, cashtags, urls), a
    # byte whose low bit keeps hashtag words, then the text.
    put("strip", name, bytes([0b00011, 0]) + data)
    put("strip", name + "-all-keep", bytes([0b11111, 1]) + data)
    put("analyze", name, DEFAULTS + data)
put("analyze", "channel-cis.txt-rich", RICH + texts["channel-cis.txt"])

for path in sorted(glob.glob("tests/data/telegram-json/*.json")):
    name = os.path.basename(path)
    put("telegram_json", name, read(path))
    put("analyze", name, DEFAULTS + read(path))
    put("analyze", name + "-rich", RICH + read(path))

# html: a flags byte (bit 0: web-preview-html, else telegram-html; bit 1: lossy; bit 2: also
# check strict decoding), then the page.
for path in sorted(glob.glob("tests/data/telegram-html/*/*.html")):
    name = os.path.basename(path)
    put("html", "telegram-" + name, b"\x04" + read(path))
    put("analyze", "telegram-" + name, DEFAULTS + read(path))
for path in sorted(glob.glob("tests/data/web-preview-html/*.html")):
    name = os.path.basename(path)
    put("html", "preview-" + name, b"\x05" + read(path))
    put("analyze", "preview-" + name, DEFAULTS + read(path))
    put("analyze", "preview-" + name + "-rich", RICH + read(path))
PY
du -sh fuzz/corpus
for t in fuzz/corpus/*/; do echo "$(ls "$t" | wc -l) files  $(du -sh "$t" | cut -f1)  $t"; done
