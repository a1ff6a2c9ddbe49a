//! A seeded generator of web-preview-text channel text, for property tests and benchmarks.
//!
//! Deterministic: the same seed gives the same bytes on every machine. The text mixes English
//! and Russian words, hashtags (Latin, Cyrillic, scoped), emoji of every kind (flags, keycaps,
//! skin tones, ZWJ sequences, with and without U+FE0F, glued to words), mentions, cashtags,
//! URLs, e-mail addresses, punctuation, footers, date lines and placeholders.

/// A small xorshift generator: enough randomness for test text, no dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const ENGLISH: &[&str] = &[
    "the",
    "minister",
    "said",
    "Russia",
    "cooperation",
    "international",
    "summit",
    "talks",
    "Lavrov’s",
    "it's",
    "U.S.",
    "2024",
    "78th",
    "agreement",
    "security",
    "Council",
    "meeting",
    "partners",
    "economic",
    "development",
    "and",
    "of",
    "in",
    "to",
    "strategic",
    "dialogue",
];
const RUSSIAN: &[&str] = &[
    "министр",
    "заявил",
    "Россия",
    "сотрудничество",
    "саммит",
    "переговоры",
    "и",
    "в",
    "не",
    "безопасность",
    "совет",
    "встреча",
    "партнёры",
    "ёлка",
    "ЕАЭС",
    "СНГ",
    "развитие",
];
const HASHTAGS: &[&str] = &[
    "#CIS",
    "#cis",
    "#SCO",
    "#BRICS",
    "#СНГ",
    "#СНГ@asia_news",
    "#Россия",
    "#UN",
    "#tag_1",
    "#2024",
    "#a#b",
    "#ÄÖÜ",
    "#日本",
];
const EMOJI: &[&str] = &[
    "🇷🇺",
    "🇺🇿",
    "🇰🇿",
    "🇦🇦",
    "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    "7️⃣",
    "#️⃣",
    "👍🏽",
    "👍",
    "👨‍👩‍👧",
    "🏳️‍🌈",
    "❤️",
    "❤",
    "❗️",
    "⚡",
    "🎙",
    "🎙️",
    "☝🏻",
    "🤝",
    "🔥",
    "😀",
    "©️",
    "🇦",
    "7\u{20E3}",
    "🏳\u{200D}🌈",
    "👩🏽\u{200D}💻",
    "❤\u{FE0E}",
];
const OTHERS: &[&str] = &[
    "@mfa_russia",
    "@Durov",
    "@vid",
    "$USD",
    "$TON@ton_chan",
    "https://mid.ru/en/news#top",
    "www.kremlin.ru",
    "t.me/s/mfa_russia",
    "пример.рф",
    "info@mid.ru",
    "/start",
    "(see",
    "below)",
    "—",
    "«цитата»",
    "e.g.",
    "x.com/a?b=1",
];
const PUNCTUATION: &[&str] = &[".", ",", "!", "?", ":", ";", ""];

/// One post's text: a few paragraphs of mixed words and entities.
pub fn post_text(rng: &mut Rng) -> String {
    let mut text = String::new();
    let paragraphs = 1 + rng.below(3);
    for p in 0..paragraphs {
        if p > 0 {
            text.push_str("\n\n");
        }
        let tokens = 5 + rng.below(40);
        for t in 0..tokens {
            let token = match rng.below(20) {
                0..=7 => rng.pick(ENGLISH),
                8..=11 => rng.pick(RUSSIAN),
                12..=13 => rng.pick(HASHTAGS),
                14..=16 => rng.pick(EMOJI),
                _ => rng.pick(OTHERS),
            };
            // Sometimes glue a token to the previous one, as posts do with emoji.
            if t > 0 && rng.below(8) != 0 {
                text.push(' ');
            }
            text.push_str(token);
            if rng.below(6) == 0 {
                text.push_str(rng.pick(PUNCTUATION));
            }
        }
    }
    text
}

/// Web-preview-text of at least `min_bytes`: a header, then posts with sources, footers,
/// date lines and placeholders.
pub fn web_preview_text(seed: u64, min_bytes: usize) -> String {
    let mut out = String::from(
        "Generated Channel / Сгенерированный канал\n12.5K subscribers\n1.2K photos\n300 videos\nA channel of generated posts.\nDownload Telegram\n",
    );
    out.push_str(&web_preview_posts(
        &mut Rng::new(seed),
        min_bytes.saturating_sub(out.len()),
    ));
    out
}

/// Web-preview-text posts (no header) of at least `min_bytes`.
pub fn web_preview_posts(rng: &mut Rng, min_bytes: usize) -> String {
    let mut out = String::new();
    while out.len() < min_bytes {
        match rng.below(10) {
            0 => out.push_str(&format!("June {}\n", rng.below(28) + 1)),
            1..=5 => out.push_str("Forwarded from Russian MFA 🇷🇺\n"),
            6 => out.push_str("Forwarded from\u{A0}МИД России\n"),
            _ => {}
        }
        if rng.below(30) == 0 {
            out.push_str("Media is too big\nVIEW IN TELEGRAM\n");
        }
        out.push_str(&post_text(rng));
        out.push('\n');
        let views = rng.below(5000);
        out.push_str(&format!(
            "{}.{}K views {}:{:02}\n",
            views / 1000 + 1,
            views % 10,
            rng.below(24),
            rng.below(60)
        ));
    }
    out
}

/// One message of a Telegram Desktop JSON export, as tdesktop writes it (2022-and-later:
/// `date_unixtime`, `text_entities`), with `text` as a string or as pieces.
pub fn telegram_json_message(rng: &mut Rng, id: u64, unix: u64) -> String {
    let text = post_text(rng);
    let date = serde_json::json!(unix.to_string());
    let mut message = serde_json::json!({
        "id": id,
        "type": if rng.below(25) == 0 { "service" } else { "message" },
        "date": "2023-06-06T12:00:00",
        "date_unixtime": date,
        "from": "Generated Channel",
        "from_id": "channel1000",
    });
    if rng.below(3) == 0 {
        let source = if rng.below(2) == 0 {
            "Russian MFA 🇷🇺"
        } else {
            "МИД России"
        };
        message["forwarded_from"] = serde_json::json!(source);
    }
    // Some texts as pieces: a bold head and a text link, as formatted posts come out.
    let (text_value, entities) = match text.split_once(' ') {
        Some((head, rest)) if rng.below(2) == 0 => {
            let pieces = serde_json::json!([
                {"type": "bold", "text": head},
                " ",
                {"type": "text_link", "text": "link", "href": "https://example.org/a"},
                " ",
                rest
            ]);
            let entities = serde_json::json!([
                {"type": "bold", "text": head},
                {"type": "plain", "text": " "},
                {"type": "text_link", "text": "link", "href": "https://example.org/a"},
                {"type": "plain", "text": " "},
                {"type": "plain", "text": rest}
            ]);
            (pieces, entities)
        }
        _ => (
            serde_json::json!(text),
            serde_json::json!([{"type": "plain", "text": text}]),
        ),
    };
    message["text"] = text_value;
    message["text_entities"] = entities;
    if rng.below(4) == 0 {
        message["reactions"] =
            serde_json::json!([{"type": "emoji", "count": 3, "emoji": "👍", "recent": []}]);
    }
    serde_json::to_string_pretty(&message).expect("a message serialises")
}
