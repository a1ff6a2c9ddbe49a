//! The co-occurrence network of a report (`cotags`, `hashtag_words`, `emoji_hashtags`) as an
//! edge list CSV or as GEXF 1.3 for Gephi. Nodes are hashtags (`#` + key), words (their key)
//! and emoji (their key); an edge's weight is the number of posts that have both ends.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::report::{push_csv_field, Item, Report};

/// One edge: its two ends as (node id, label, kind), what pairs them, and its weight.
struct Edge<'a> {
    source: (String, &'a str, &'static str),
    target: (String, &'a str, &'static str),
    kind: &'static str,
    weight: u64,
}

fn edges(report: &Report) -> Vec<Edge<'_>> {
    let tables: [(&Option<Vec<Item>>, &'static str, &'static str, &'static str); 3] = [
        (&report.cotags, "cotag", "hashtag", "hashtag"),
        (&report.hashtag_words, "hashtag_word", "hashtag", "word"),
        (&report.emoji_hashtags, "emoji_hashtag", "emoji", "hashtag"),
    ];
    let mut out = Vec::new();
    for (items, kind, source_kind, target_kind) in tables {
        for item in items.iter().flatten() {
            // Keys and spellings are `a|b`; no hashtag, word or emoji holds a `|`.
            let (Some((a, b)), Some((a_text, b_text))) =
                (item.key.split_once('|'), item.text.split_once('|'))
            else {
                continue;
            };
            out.push(Edge {
                source: (node_id(source_kind, a), a_text, source_kind),
                target: (node_id(target_kind, b), b_text, target_kind),
                kind,
                weight: item.count,
            });
        }
    }
    out
}

fn node_id(kind: &str, key: &str) -> String {
    match kind {
        "hashtag" => format!("#{key}"),
        _ => key.to_string(),
    }
}

impl Report {
    /// The co-occurrence network as CSV: `source,target,kind,weight`, RFC 4180.
    pub fn to_edge_list(&self) -> String {
        let mut out = String::from("source,target,kind,weight\n");
        for edge in edges(self) {
            let _ = writeln!(
                out,
                "{},{},{},{}",
                csv_field(&edge.source.0),
                csv_field(&edge.target.0),
                edge.kind,
                edge.weight
            );
        }
        out
    }

    /// The co-occurrence network as GEXF 1.3 (an undirected graph; node attribute `kind`).
    pub fn to_gexf(&self) -> String {
        let edges = edges(self);
        let mut nodes: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
        for edge in &edges {
            for (id, label, kind) in [&edge.source, &edge.target] {
                nodes.entry(id.as_str()).or_insert((label, kind));
            }
        }
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str("<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n");
        let _ = writeln!(
            out,
            "  <meta>\n    <creator>tgtext {}</creator>\n    <description>co-occurrence within posts</description>\n  </meta>",
            self.versions.tgtext
        );
        out.push_str("  <graph defaultedgetype=\"undirected\">\n");
        out.push_str("    <attributes class=\"node\">\n      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n    </attributes>\n");
        out.push_str("    <attributes class=\"edge\">\n      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n    </attributes>\n");
        out.push_str("    <nodes>\n");
        for (id, (label, kind)) in &nodes {
            let _ = writeln!(
                out,
                "      <node id=\"{}\" label=\"{}\"><attvalues><attvalue for=\"kind\" value=\"{kind}\"/></attvalues></node>",
                xml(id),
                xml(label)
            );
        }
        out.push_str("    </nodes>\n    <edges>\n");
        for (i, edge) in edges.iter().enumerate() {
            let _ = writeln!(
                out,
                "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" weight=\"{}\"><attvalues><attvalue for=\"kind\" value=\"{}\"/></attvalues></edge>",
                xml(&edge.source.0),
                xml(&edge.target.0),
                edge.weight,
                edge.kind
            );
        }
        out.push_str("    </edges>\n  </graph>\n</gexf>\n");
        out
    }
}

fn csv_field(field: &str) -> String {
    let mut out = String::new();
    push_csv_field(&mut out, field);
    out
}

/// XML attribute escaping; control characters XML 1.0 cannot carry become U+FFFD.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
