//! The readable table printed on a terminal: totals, the channel, then each table's top rows.

use std::fmt::Write;

use tgtext::{Item, Report};

/// How many rows each table shows on a terminal unless `--top` says otherwise.
pub const DEFAULT_TOP: usize = 20;

/// Renders the report for a person to read.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    if let Some(channel) = &report.channel {
        let _ = writeln!(out, "{}", channel.title);
        let counters: Vec<String> = channel
            .counters
            .0
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect();
        if !counters.is_empty() {
            let _ = writeln!(out, "{}", counters.join(", "));
        }
        out.push('\n');
    }
    let t = &report.totals;
    let _ = writeln!(
        out,
        "{} posts ({}), {} words ({} distinct), {} hashtags ({} distinct), {} emoji ({} distinct),\n{} mentions, {} cashtags, {} URLs, {} media placeholders",
        t.posts,
        report.format,
        t.words,
        t.distinct_words,
        t.hashtags,
        t.distinct_hashtags,
        t.emoji,
        t.distinct_emoji,
        t.mentions,
        t.cashtags,
        t.urls,
        t.media_placeholders
    );
    section(&mut out, "Hashtags", &report.hashtags);
    let emoji: Vec<Item> = report
        .emoji
        .iter()
        .map(|e| Item {
            key: e.key.clone(),
            text: match &e.name {
                Some(name) => format!("{}  {name}", e.text),
                None => e.text.clone(),
            },
            count: e.count,
            posts: e.posts,
        })
        .collect();
    section(&mut out, "Emoji", &emoji);
    section(&mut out, "Words", &report.words);
    section(&mut out, "Mentions", &report.mentions);
    section(&mut out, "Cashtags", &report.cashtags);
    section(&mut out, "Domains", &report.domains);
    section(&mut out, "Sources", &report.sources);
    section(&mut out, "Countries", &report.countries);
    if let Some(chats) = &report.chats {
        section(&mut out, "Chats", chats);
    }
    if let Some(timeline) = &report.timeline {
        let _ = writeln!(
            out,
            "\nTimeline (per {}, UTC{})\n{:>10}  {:>8}  top hashtags",
            timeline.unit, timeline.time_zone, "period", "posts"
        );
        for period in &timeline.periods {
            let tags: Vec<String> = period
                .hashtags
                .iter()
                .map(|h| format!("{} {}", h.text, h.count))
                .collect();
            let _ = writeln!(
                out,
                "{:>10}  {:>8}  {}",
                period.period,
                period.posts,
                tags.join(", ")
            );
        }
    }
    out
}

fn section(out: &mut String, title: &str, items: &[Item]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title}\n{:>8} {:>8}  text", "count", "posts");
    for item in items {
        let _ = writeln!(out, "{:>8} {:>8}  {}", item.count, item.posts, item.text);
    }
}
