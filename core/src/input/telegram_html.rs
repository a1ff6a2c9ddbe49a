//! `telegram-html`: Telegram Desktop's HTML export (`messages.html`, `messages2.html`, …).
//!
//! The structure is the one Telegram Desktop's writer produces
//! (`Telegram/SourceFiles/export/output/export_output_html.cpp`, `HtmlWriter::Wrap`); every page
//! of a chat is a whole HTML document:
//!
//! ```html
//! <div class="page_header"><div class="content"><div class="text bold">Chat name </div></div></div>
//! <div class="page_body chat_page"><div class="history">
//!  <div class="message service" id="message-1"><div class="body details">6 June 2023</div></div>
//!  <div class="message default clearfix" id="message12">
//!   <div class="pull_left userpic_wrap">…</div>
//!   <div class="body">
//!    <div class="pull_right date details" title="06.06.2023 14:05:00 UTC+03:00">14:05</div>
//!    <div class="from_name">Author</div>
//!    <div class="forwarded body"><div class="from_name">Source<span class="date details"
//!      title="…"> 05.06.2023 10:00:00</span></div>
//!     <div class="reply_to details">In reply to <a href="#go_to_message11">this message</a></div>
//!     <div class="media_wrap clearfix">…</div>
//!     <div class="text">Text with <a href="https://t.me/name">@name</a><br>and a line</div>
//!     <div class="signature details">Signature</div>
//!    </div>
//!   </div>
//!  </div>
//!  <div class="message default clearfix joined" id="message13">…</div>
//! ```
//!
//! A post is every `div.message.default` (`joined` ones too); `div.message.service` (date
//! separators, joins, pins, unsupported messages) is not. Rules where the writer leaves a choice:
//!
//! - **Text**: the first `.text` of the message that is not inside a reply preview, a media block,
//!   reactions, a signature, a name or a userpic (the forward's `div.text` when forwarded). It is
//!   made plain by [`plain_text`]: `<br>` is a line break, text nodes are concatenated with their
//!   entities decoded, and a custom emoji's fallback character stays as text.
//! - **Date**: the `title` of the message's own `.date` (not the forward's original date), read
//!   as `DD.MM.YYYY HH:MM:SS UTC+hh:mm`. Exports made before the offset was written have no
//!   `UTC…` part: they are read as UTC, the only guess available. Telegram Desktop writes its
//!   zone's *standard-time* offset, so a date from a summer-time period can be off by the
//!   daylight-saving shift; the title is taken at its word.
//! - **Source**: the forward's `.from_name` without its date span, trimmed, and without the
//!   ` via @bot` that the writer appends (JSON exports keep the bot apart, in `via_bot`). A
//!   `joined` forward repeats no name: the writer joins it only to the previous message from the
//!   same source, so that message's source is used.
//! - **Link targets**: every `<a href>` of the text whose target is absolute (has a URL scheme:
//!   `https:`, `mailto:`, `tel:`, …), with its visible text. Hashtag, cashtag, bot-command and
//!   mention-name links (`href=""` with `onclick`), links inside the page (`#go_to_message12`) and
//!   custom emoji links (a relative path to the emoji's file) lead nowhere outside the export and
//!   are not reported.
//! - **Truncation**: the writer closes every page with `</html>`; a page that does not end with
//!   it (trailing whitespace aside) was cut off, and is an error naming the page's length.

use scraper::node::Element;
use scraper::{ElementRef, Html, Selector};

use super::{post_text, PostMeta, Sink};
use crate::error::{Error, ErrorKind};
use crate::report::{Channel, Counters};

/// Parses one page of an HTML export and reports its chat name (as the channel) and its posts.
pub fn parse(html: &str, sink: &mut dyn Sink) -> Result<(), Error> {
    if !ends_with_html_close(html) {
        return Err(Error::with_offset(
            ErrorKind::MalformedInput,
            "truncated HTML export: the page ends without </html>",
            html.len() as u64,
        ));
    }
    let document = Html::parse_document(html);
    if let Some(title) = chat_name(&document) {
        sink.channel(Channel {
            id: None,
            title,
            description: None,
            counters: Counters::default(),
        });
    }
    let messages = selector(".message");
    // The source of the previous post, for a joined forward that repeats no name.
    let mut previous_source: Option<String> = None;
    for message in document.select(&messages) {
        if !has_class(message.value(), "default") {
            continue;
        }
        let source = match forwarded_body(message) {
            None => None,
            Some(forwarded) => match forward_name(forwarded) {
                Some(name) => Some(name),
                None => previous_source.clone(),
            },
        };
        let meta = PostMeta {
            id: message_id(message.value()),
            date: first(message, &NOT_IN_MESSAGE_DATE, |el| {
                has_class(el, "date") && el.attr("title").is_some()
            })
            .and_then(|date| date.value().attr("title"))
            .and_then(parse_date),
            source: source.as_deref(),
        };
        sink.begin_post(meta);
        if let Some(text) = first(message, &NOT_IN_TEXT, |el| has_class(el, "text")) {
            let text = plain_text(text, &|_| false);
            if !text.text.is_empty() {
                post_text(sink, &text.text);
            }
            for (href, anchor) in &text.links {
                sink.link_target(href, anchor);
            }
        }
        sink.end_post();
        previous_source = source;
    }
    Ok(())
}

/// Inside these, a `.text` is not the message's text. (`message`: a message nested in another,
/// which Telegram Desktop never writes, is its own post, and looking into it from every
/// enclosing one would cost time quadratic in the nesting.)
const NOT_IN_TEXT: [&str; 9] = [
    "message",
    "text",
    "reply_to",
    "media_wrap",
    "reactions",
    "signature",
    "from_name",
    "userpic_wrap",
    "page_header",
];

/// Inside these, a `.date` is not the message's own date.
const NOT_IN_MESSAGE_DATE: [&str; 7] = [
    "message",
    "forwarded",
    "from_name",
    "reply_to",
    "media_wrap",
    "text",
    "reactions",
];

/// The writer closes the page's last tag last: `</html>`, then a line break.
fn ends_with_html_close(html: &str) -> bool {
    const CLOSE: &str = "</html>";
    let trimmed = html.trim_end();
    trimmed.len() >= CLOSE.len()
        && trimmed.as_bytes()[trimmed.len() - CLOSE.len()..].eq_ignore_ascii_case(CLOSE.as_bytes())
}

/// The chat's name from the page header (`div.page_header … div.text.bold`), trimmed: the writer
/// joins first and last name with a space, which leaves one at the end of a channel's name.
fn chat_name(document: &Html) -> Option<String> {
    let header = document.select(&selector(".page_header")).next()?;
    let text = first(header, &[], |el| has_class(el, "text"))?;
    let title = plain_text(text, &|_| false).text;
    (!title.is_empty()).then_some(title)
}

/// `id="message123"` → 123 (ids of migrated messages are negative).
fn message_id(message: &Element) -> Option<i64> {
    message.id()?.strip_prefix("message")?.parse().ok()
}

/// The forward's wrapper, `div.forwarded.body`.
fn forwarded_body(message: ElementRef<'_>) -> Option<ElementRef<'_>> {
    first(
        message,
        &["message", "reply_to", "media_wrap", "text", "reactions"],
        |el| has_class(el, "forwarded") && has_class(el, "body"),
    )
}

/// The forward's source: its `.from_name` without the original date and without ` via @bot`.
fn forward_name(forwarded: ElementRef<'_>) -> Option<String> {
    let from_name = first(
        forwarded,
        &["message", "reply_to", "media_wrap", "text"],
        |el| has_class(el, "from_name"),
    )?;
    let name = plain_text(from_name, &|el| has_class(el, "date")).text;
    let name = strip_via_bot(&name).trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// `Name via @some_bot` → `Name`.
fn strip_via_bot(name: &str) -> &str {
    match name.rfind(" via @") {
        Some(at)
            if name.len() > at + 6
                && name[at + 6..]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
        {
            &name[..at]
        }
        _ => name,
    }
}

/// `06.06.2023 14:05:00 UTC+03:00` → Unix seconds. Without an offset the time is read as UTC;
/// `UTC` alone, `GMT±hh:mm`, `UTC±hh` and `UTC±hhmm` are accepted too.
fn parse_date(title: &str) -> Option<i64> {
    let mut parts = title.split_whitespace();
    let date = parts.next()?;
    let time = parts.next()?;
    let zone = parts.next();
    if parts.next().is_some() {
        return None;
    }
    let mut dmy = date.split('.');
    let day: u8 = dmy.next()?.parse().ok()?;
    let month: u8 = dmy.next()?.parse().ok()?;
    let year: i32 = dmy.next()?.parse().ok()?;
    let mut hms = time.split(':');
    let hour: u8 = hms.next()?.parse().ok()?;
    let minute: u8 = hms.next()?.parse().ok()?;
    let second: u8 = hms.next().map_or(Some(0), |s| s.parse().ok())?;
    if dmy.next().is_some() || hms.next().is_some() {
        return None;
    }
    let date = time::Date::from_calendar_date(year, month.try_into().ok()?, day).ok()?;
    let time = time::Time::from_hms(hour, minute, second).ok()?;
    let offset = match zone {
        None => time::UtcOffset::UTC,
        Some(zone) => parse_offset(zone)?,
    };
    Some(
        time::PrimitiveDateTime::new(date, time)
            .assume_offset(offset)
            .unix_timestamp(),
    )
}

/// `UTC+03:00`, `UTC-05:30`, `UTC`, `GMT+3`, `UTC+0530`.
fn parse_offset(zone: &str) -> Option<time::UtcOffset> {
    let rest = zone
        .strip_prefix("UTC")
        .or_else(|| zone.strip_prefix("GMT"))?;
    if rest.is_empty() {
        return Some(time::UtcOffset::UTC);
    }
    let (sign, rest) = match rest.as_bytes()[0] {
        b'+' => (1i8, &rest[1..]),
        b'-' => (-1i8, &rest[1..]),
        _ => return None,
    };
    let (hours, minutes) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    if !(1..=2).contains(&hours.len()) || !(1..=2).contains(&minutes.len()) {
        return None;
    }
    let hours: i8 = hours.parse().ok()?;
    let minutes: i8 = minutes.parse().ok()?;
    time::UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok()
}

// ---------------------------------------------------------------------------------------------
// HTML helpers, shared with `web_preview_html`.

/// A CSS selector from a constant.
pub(super) fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("constant selectors are valid CSS")
}

/// Whether the element has this class (exactly, as CSS compares them in standards mode).
pub(super) fn has_class(element: &Element, class: &str) -> bool {
    element.classes().any(|c| c == class)
}

/// One step of [`walk`].
pub(super) enum Visit<'a> {
    /// An element starts; the visitor says whether to go into it.
    Open(ElementRef<'a>),
    /// A text node, entities decoded.
    Text(&'a str),
    /// An element that was gone into ends.
    Close(ElementRef<'a>),
}

/// What [`walk`] does next.
pub(super) enum Step {
    /// Go into the element just opened (for text and closes: carry on).
    Into,
    /// Skip the element's content (for text and closes: carry on).
    Over,
    /// End the walk.
    Stop,
}

/// Visits the descendants of `root` in document order, without recursion, so that a page nested
/// ten thousand levels deep costs time in proportion to its size and never the stack.
pub(super) fn walk<'a>(root: ElementRef<'a>, mut visit: impl FnMut(Visit<'a>) -> Step) {
    let mut next = root.first_child();
    while let Some(node) = next {
        let mut entered = false;
        let step = if let Some(element) = ElementRef::wrap(node) {
            visit(Visit::Open(element))
        } else if let Some(text) = node.value().as_text() {
            visit(Visit::Text(text))
        } else {
            Step::Over
        };
        match step {
            Step::Stop => return,
            Step::Into if node.value().is_element() => {
                if let Some(child) = node.first_child() {
                    next = Some(child);
                    continue;
                }
                entered = true;
            }
            Step::Into | Step::Over => {}
        }
        // Leave the node, and every ancestor whose last child it is.
        let mut leaving = node;
        loop {
            if entered {
                if let Some(element) = ElementRef::wrap(leaving) {
                    if let Step::Stop = visit(Visit::Close(element)) {
                        return;
                    }
                }
            }
            if let Some(sibling) = leaving.next_sibling() {
                next = Some(sibling);
                break;
            }
            match leaving.parent() {
                Some(parent) if parent.id() != root.id() => {
                    leaving = parent;
                    entered = true;
                }
                _ => {
                    next = None;
                    break;
                }
            }
        }
    }
}

/// The first descendant of `root` that `wanted` accepts, not looking inside elements that have
/// one of the classes `not_inside` (a match is not looked inside either).
pub(super) fn first<'a>(
    root: ElementRef<'a>,
    not_inside: &[&str],
    wanted: impl Fn(&Element) -> bool,
) -> Option<ElementRef<'a>> {
    let mut found = None;
    walk(root, |visit| match visit {
        Visit::Open(element) if wanted(element.value()) => {
            found = Some(element);
            Step::Stop
        }
        Visit::Open(element) => {
            if not_inside.iter().any(|c| has_class(element.value(), c)) {
                Step::Over
            } else {
                Step::Into
            }
        }
        Visit::Text(_) | Visit::Close(_) => Step::Into,
    });
    found
}

/// An element's content as plain text, with the link targets in it.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct PlainText {
    /// The text, trimmed of the ASCII whitespace at its ends.
    pub(super) text: String,
    /// (href, visible text) of every link with an absolute target, in order.
    pub(super) links: Vec<(String, String)>,
}

/// `root`'s content as the text a reader sees: text nodes concatenated (entities decoded),
/// `<br>` as a line break, emoji images' fallback characters as text. A line break in the HTML
/// source is layout, not text: with the spaces and tabs around it, it is one space (none at a
/// line's start or end); inside `<pre>` it is kept. `<script>`, `<style>`, `<template>`,
/// images and the elements `skip` accepts contribute nothing.
pub(super) fn plain_text(root: ElementRef<'_>, skip: &dyn Fn(&Element) -> bool) -> PlainText {
    let mut out = String::new();
    let mut links = Vec::new();
    // Open `<a>` elements: their href when reported, and where their text starts.
    let mut anchors: Vec<Option<(String, usize)>> = Vec::new();
    let mut pre_depth = 0usize;
    // A source line break was seen and no text has followed yet.
    let mut pending_break = false;
    walk(root, |visit| match visit {
        Visit::Open(element) => {
            let el = element.value();
            if skip(el) {
                return Step::Over;
            }
            match el.name() {
                "br" => {
                    out.push('\n');
                    pending_break = false;
                    Step::Over
                }
                "script" | "style" | "template" | "img" => Step::Over,
                "a" => {
                    let href = el.attr("href").and_then(absolute_href);
                    anchors.push(href.map(|href| (href.to_string(), out.len())));
                    Step::Into
                }
                "pre" => {
                    pre_depth += 1;
                    Step::Into
                }
                _ => Step::Into,
            }
        }
        Visit::Close(element) => {
            match element.value().name() {
                "a" => {
                    if let Some(Some((href, start))) = anchors.pop() {
                        let anchor = out.get(start..).unwrap_or("");
                        links.push((href, trim_ascii_whitespace(anchor).to_string()));
                    }
                }
                "pre" => pre_depth = pre_depth.saturating_sub(1),
                _ => {}
            }
            Step::Into
        }
        Visit::Text(text) => {
            for ch in text.chars() {
                match ch {
                    '\n' | '\r' if pre_depth == 0 => {
                        out.truncate(out.trim_end_matches([' ', '\t']).len());
                        pending_break = true;
                    }
                    ' ' | '\t' if pending_break => {}
                    _ => {
                        if std::mem::take(&mut pending_break)
                            && !out.is_empty()
                            && !out.ends_with('\n')
                        {
                            out.push(' ');
                        }
                        out.push(ch);
                    }
                }
            }
            Step::Into
        }
    });
    PlainText {
        text: trim_ascii_whitespace(&out).to_string(),
        links,
    }
}

fn trim_ascii_whitespace(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\n', '\r', '\u{c}'])
}

/// The href when it leads somewhere outside the page: it has a URL scheme (`https:`, `mailto:`,
/// `tg:`) other than `javascript:`. Empty hrefs (Telegram Desktop's hashtag links), fragments
/// and relative paths (local files, a web preview's `?q=%23tag` searches) are not link targets.
pub(super) fn absolute_href(href: &str) -> Option<&str> {
    let href = trim_ascii_whitespace(href);
    let (scheme, _) = href.split_once(':')?;
    let mut bytes = scheme.bytes();
    let valid = bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    (valid && !scheme.eq_ignore_ascii_case("javascript")).then_some(href)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::input::PostMeta;

    /// A sink that writes down what it is told, one string per event.
    #[derive(Debug, Default)]
    pub(in crate::input) struct Recorder(pub(in crate::input) Vec<String>);

    impl Sink for Recorder {
        fn begin_post(&mut self, meta: PostMeta<'_>) {
            let id = meta.id.map_or("-".to_string(), |id| id.to_string());
            let date = meta.date.map_or("-".to_string(), iso);
            let mut event = format!("post {id} {date}");
            if let Some(source) = meta.source {
                event.push_str(&format!(" from {source}"));
            }
            self.0.push(event);
        }
        fn post_line(&mut self, line: &str) {
            self.0.push(format!("line {line}"));
        }
        fn link_target(&mut self, href: &str, text: &str) {
            self.0.push(format!("link {href} | {text}"));
        }
        fn end_post(&mut self) {
            self.0.push("end".to_string());
        }
        fn placeholder(&mut self) {
            self.0.push("placeholder".to_string());
        }
        fn channel(&mut self, channel: Channel) {
            let counters: Vec<String> = channel
                .counters
                .0
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect();
            self.0.push(format!(
                "channel {} | {:?} | {}",
                channel.title,
                channel.description,
                counters.join(" ")
            ));
        }
        fn chat(&mut self, id: &str, name: &str) {
            self.0.push(format!("chat {id} {name}"));
        }
    }

    /// Unix seconds as ISO 8601 in UTC, for readable expectations.
    pub(in crate::input) fn iso(seconds: i64) -> String {
        time::OffsetDateTime::from_unix_timestamp(seconds)
            .ok()
            .and_then(|t| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_else(|| format!("invalid {seconds}"))
    }

    fn events(html: &str) -> Vec<String> {
        let mut sink = Recorder::default();
        parse(html, &mut sink).expect("the page parses");
        sink.0
    }

    fn page(messages: &str) -> String {
        format!(
            "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"/><title>Exported Data</title></head>\n\
             <body><div class=\"page_wrap\"><div class=\"page_header\"><div class=\"content\">\
             <div class=\"text bold\">\nChat \n</div></div></div>\
             <div class=\"page_body chat_page\"><div class=\"history\">{messages}</div></div></div>\
             </body>\n</html>\n"
        )
    }

    /// A message as the writer lays it out, with `inner` as the content of its `div.body`.
    fn message(class: &str, id: i64, inner: &str) -> String {
        format!(
            "<div class=\"message {class}\" id=\"message{id}\">\n<div class=\"body\">\n\
             <div class=\"pull_right date details\" title=\"06.06.2023 14:05:00 UTC+03:00\">\n14:05\n</div>\n\
             {inner}\n</div>\n</div>"
        )
    }

    const FIRST_PAGE: &str =
        include_str!("../../../tests/data/telegram-html/ChatExport_2023-06-08/messages.html");
    const SECOND_PAGE: &str =
        include_str!("../../../tests/data/telegram-html/ChatExport_2023-06-08/messages2.html");

    #[test]
    fn the_first_page_of_the_fixture() {
        // What reading the page shows (tests/data/telegram-html/README.md): two service
        // messages, a post with reactions, joined posts, a photo without caption, a forward
        // from a channel, and a forward from a user whose joined second message names nobody.
        assert_eq!(
            events(FIRST_PAGE),
            [
                "channel Новости Полесья | None | ",
                "post 2 2023-06-06T06:15:00Z",
                "line Добро пожаловать! Здесь — главные новости региона.",
                "line #новости #Полесье",
                "end",
                "post 3 2023-06-06T06:20:00Z",
                "line Прогноз от @polesie_weather: \"Погода & климат\" — полный отчёт #погода",
                "link https://t.me/polesie_weather | @polesie_weather",
                "link https://example.org/report?id=7&lang=ru | полный отчёт",
                "end",
                "post 4 2023-06-06T06:30:00Z",
                "end",
                "post 5 2023-06-06T09:00:00Z from Минский вестник",
                "line Срочно: в Минске открыли новый мост.",
                "line Подробности — https://minsk-vestnik.example/most",
                "line #Минск #новости",
                "link https://minsk-vestnik.example/most | https://minsk-vestnik.example/most",
                "end",
                "post 6 2023-06-06T15:40:00Z from Иван Петров",
                "line Фото с места событий 👇",
                "end",
                "post 7 2023-06-06T15:40:01Z from Иван Петров",
                "end",
            ]
        );
    }

    #[test]
    fn the_second_page_of_the_fixture() {
        // A date separator, a pin, a reply with a signature, custom emoji (loaded and not), a
        // spoiler, reactions, a cashtag and a bot command, a video without caption, a service
        // message between posts, escaped markup in the text.
        assert_eq!(
            events(SECOND_PAGE),
            [
                "channel Новости Полесья | None | ",
                "post 9 2023-06-07T05:00:00Z",
                "line Напоминаем правила: без спама и оскорблений 🙏",
                "line Вопросы — боту @polesie_bot или на news@polesie.example",
                "link https://t.me/polesie_bot | @polesie_bot",
                "link mailto:news@polesie.example | news@polesie.example",
                "end",
                "post 10 2023-06-07T05:05:00Z",
                "line Доброе утро ☀️ Сегодня до +25 🔥",
                "line Вечером гроза #погода",
                "end",
                "post 11 2023-06-07T12:45:00Z",
                "line Курс $USD на сегодня: 3,2 BYN. Таблица: https://polesie.example/kurs",
                "line Команда бота: /start",
                "link https://polesie.example/kurs | https://polesie.example/kurs",
                "end",
                "post 12 2023-06-07T12:50:00Z",
                "end",
                "post 14 2023-06-07T18:00:00Z",
                "line Итоги дня: 3 новости, 2 \"молнии\" и 1 опрос <без спойлеров>.",
                "line #итоги #новости",
                "end",
            ]
        );
    }

    #[test]
    fn a_truncated_page_is_an_error_at_its_end() {
        for cut in [FIRST_PAGE.len() / 2, FIRST_PAGE.trim_end().len() - 1, 0] {
            let cut = (0..=cut)
                .rev()
                .find(|&i| FIRST_PAGE.is_char_boundary(i))
                .unwrap();
            let truncated = &FIRST_PAGE[..cut];
            let mut sink = Recorder::default();
            let error = parse(truncated, &mut sink).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::MalformedInput);
            assert_eq!(error.offset(), Some(cut as u64));
            assert_eq!(
                error.to_string(),
                format!(
                    "truncated HTML export: the page ends without </html> at byte offset {cut}"
                )
            );
            assert!(
                sink.0.is_empty(),
                "nothing is reported from a truncated page"
            );
        }
        // Whitespace after `</html>` and an upper-case tag are fine.
        assert!(!events(&format!("{}\r\n\n  ", page(""))).is_empty());
        assert!(!events(&page("").replace("</html>", "</HTML>")).is_empty());
    }

    #[test]
    fn service_messages_are_not_posts() {
        let html = page(&format!(
            "<div class=\"message service\" id=\"message-1\"><div class=\"body details\">6 June 2023</div></div>\
             <div class=\"message service\" id=\"message5\"><div class=\"body details\">\
             This message is not supported by this version of Telegram Desktop. Please update the application.</div></div>\
             {}",
            message("default clearfix", 6, "<div class=\"text\">\nhi\n</div>")
        ));
        assert_eq!(
            events(&html),
            [
                "channel Chat | None | ",
                "post 6 2023-06-06T11:05:00Z",
                "line hi",
                "end"
            ]
        );
    }

    #[test]
    fn dates_with_and_without_an_offset() {
        assert_eq!(
            parse_date("06.06.2023 14:05:00 UTC+03:00")
                .map(iso)
                .as_deref(),
            Some("2023-06-06T11:05:00Z")
        );
        assert_eq!(
            parse_date("06.06.2023 14:05:00 UTC-05:30")
                .map(iso)
                .as_deref(),
            Some("2023-06-06T19:35:00Z")
        );
        // Older exports wrote no offset: read as UTC.
        assert_eq!(
            parse_date("06.06.2023 14:05:00").map(iso).as_deref(),
            Some("2023-06-06T14:05:00Z")
        );
        for utc in ["UTC", "UTC+00:00", "GMT+0000", "UTC+0"] {
            assert_eq!(
                parse_date(&format!("31.12.2020 23:59:59 {utc}"))
                    .map(iso)
                    .as_deref(),
                Some("2020-12-31T23:59:59Z"),
                "{utc}"
            );
        }
        for bad in [
            "",
            "06.06.2023",
            "32.01.2023 10:00:00",
            "06.06.2023 25:00:00",
            "06.06.2023 14:05:00 CET",
            "06.06.2023 14:05:00 UTC+3:0:0",
            "06.06.2023 14:05:00 UTC+03:00 extra",
            "6/6/2023 14:05:00",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn text_is_made_plain() {
        let text = "<div class=\"text\">\n\
            <strong>Bold</strong> &amp; <em>it</em> &lt;tag&gt; &quot;q&quot; &apos;a&apos;&#x09;tab&nbsp;nb<br>\
            line two<br><br>after a blank line<br>\
            <code>x &lt; y</code> <pre>fn main() {\n    go();\n}</pre> <s>gone</s> <u>u</u> \
            <blockquote>quoted</blockquote> \
            <span class=\"spoiler hidden\" onclick=\"ShowSpoiler(this)\"><span aria-hidden=\"true\">secret</span></span>\n\
            </div>";
        assert_eq!(
            events(&page(&message("default clearfix", 1, text)))[2..],
            [
                "line Bold & it <tag> \"q\" 'a'\ttab\u{a0}nb",
                "line line two",
                "line ",
                "line after a blank line",
                "line x < y fn main() {",
                "line     go();",
                "line } gone u quoted secret",
                "end",
            ]
        );
    }

    #[test]
    fn source_line_breaks_are_layout() {
        // A hand-written or re-indented page: a line break in the source, with the indentation
        // around it, is one space; at a line's start or end it is nothing.
        let text =
            "<div class=\"text\">\n   first\n   words  \n  <b>bold</b><br>\n   second line\n</div>";
        assert_eq!(
            events(&page(&message("default", 1, text)))[2..],
            ["line first words bold", "line second line", "end"]
        );
    }

    #[test]
    fn link_targets_are_the_absolute_hrefs_of_the_text() {
        let text = "<div class=\"text\">\
            <a href=\"\" onclick=\"return ShowHashtag(&quot;tag&quot;)\">#tag</a> \
            <a href=\"\" onclick=\"return ShowCashtag(&quot;USD&quot;)\">$USD</a> \
            <a href=\"\" onclick=\"return ShowBotCommand(&quot;start&quot;)\">/start</a> \
            <a href=\"\" onclick=\"return ShowMentionName()\">Ivan</a> \
            <a href=\"https://t.me/durov\">@durov</a> \
            <a href=\"https://example.com/a?b=1&amp;c=2\">a <strong>bold</strong> link</a> \
            <a href=\"mailto:a@b.example\">a@b.example</a> <a href=\"tel:+100\">+100</a> \
            <a href = \"emoji/12345.webp\">😀</a> \
            <a href=\"#go_to_message2\" onclick=\"return GoToMessage(2)\">this</a> \
            <a href=\"javascript:alert(1)\">js</a> <a>no href</a>\
            </div>";
        assert_eq!(
            events(&page(&message("default", 1, text)))[2..],
            [
                "line #tag $USD /start Ivan @durov a bold link a@b.example +100 😀 this js no href",
                "link https://t.me/durov | @durov",
                "link https://example.com/a?b=1&c=2 | a bold link",
                "link mailto:a@b.example | a@b.example",
                "link tel:+100 | +100",
                "end",
            ]
        );
    }

    #[test]
    fn only_the_message_text_is_post_text() {
        // Reply preview, media, reactions, signature, the author's name and the forward's name
        // are not post text, even where they hold a `.text` of their own.
        let inner = "<div class=\"from_name\">Author via @helper_bot</div>\
            <div class=\"pull_left forwarded userpic_wrap\"><div class=\"userpic\"><div class=\"initials\">SN</div></div></div>\
            <div class=\"forwarded body\">\
              <div class=\"from_name\">\nSource Name via @news_bot<span class=\"date details\" \
                title=\"05.06.2023 10:00:00 UTC+03:00\"> 05.06.2023 10:00:00</span>\n</div>\
              <div class=\"reply_to details\">In reply to <a href=\"#go_to_message1\">this message</a>\
                <div class=\"text\">quoted reply</div></div>\
              <div class=\"media_wrap clearfix\"><div class=\"media clearfix pull_left media_poll\">\
                <div class=\"text\">poll question</div></div></div>\
              <div class=\"text\">the forwarded text</div>\
              <span class=\"reactions\"><span class=\"reaction\"><span class=\"emoji\">👍</span>\
                <span class=\"count\">3</span></span></span>\
              <div class=\"signature details\">Editor</div>\
            </div>";
        assert_eq!(
            events(&page(&message("default clearfix", 7, inner))),
            [
                "channel Chat | None | ",
                "post 7 2023-06-06T11:05:00Z from Source Name",
                "line the forwarded text",
                "end",
            ]
        );
    }

    #[test]
    fn a_joined_forward_keeps_the_previous_source() {
        let forward = |id, name: &str| {
            message(
                if name.is_empty() {
                    "default clearfix joined"
                } else {
                    "default clearfix"
                },
                id,
                &format!(
                    "<div class=\"forwarded body\">{}<div class=\"text\">{id}</div></div>",
                    if name.is_empty() {
                        String::new()
                    } else {
                        format!("<div class=\"from_name\">{name}</div>")
                    }
                ),
            )
        };
        let html = page(&format!(
            "{}{}{}{}",
            forward(1, "Ivan"),
            forward(2, ""),
            message("default clearfix", 3, "<div class=\"text\">own</div>"),
            forward(4, "")
        ));
        let posts: Vec<String> = events(&html)
            .into_iter()
            .filter(|e| e.starts_with("post"))
            .collect();
        assert_eq!(
            posts,
            [
                "post 1 2023-06-06T11:05:00Z from Ivan",
                "post 2 2023-06-06T11:05:00Z from Ivan",
                "post 3 2023-06-06T11:05:00Z",
                // A forward with no name and nothing to join: no source.
                "post 4 2023-06-06T11:05:00Z",
            ]
        );
    }

    #[test]
    fn extra_wrappers_attribute_order_and_missing_parts_are_tolerated() {
        let html = page(
            "<section class=\"wrapper\"><div id=\"message10\" data-x=\"1\" class=\"clearfix default message\">\
               <div class=\"body\"><div class=\"extra\"><div title=\"01.02.2021 03:04:05\" class=\"details date pull_right\">03:04</div></div>\
               <div class=\"more\"><div class=\"text\" dir=\"auto\">wrapped</div></div></div></div></section>\
             <div class=\"message default\"><div class=\"body\"><div class=\"text\">no id, no date</div></div></div>\
             <div class=\"message default\" id=\"messageX\"><div class=\"date details\" title=\"garbage\"></div></div>\
             <div class=\"message default\" id=\"message-999999877\"><div class=\"text\"></div></div>",
        );
        assert_eq!(
            events(&html),
            [
                "channel Chat | None | ",
                "post 10 2021-02-01T03:04:05Z",
                "line wrapped",
                "end",
                "post - -",
                "line no id, no date",
                "end",
                "post - -",
                "end",
                "post -999999877 -",
                "end",
            ]
        );
    }

    #[test]
    fn a_nested_message_is_its_own_post() {
        // Telegram Desktop never nests messages; if a page does, each is read once, as itself.
        let inner = message("default", 2, "<div class=\"text\">inner</div>");
        let html = page(&message(
            "default",
            1,
            &format!("{inner}<div class=\"text\">outer</div>"),
        ));
        assert_eq!(
            events(&html)[1..],
            [
                "post 1 2023-06-06T11:05:00Z",
                "line outer",
                "end",
                "post 2 2023-06-06T11:05:00Z",
                "line inner",
                "end",
            ]
        );
    }

    #[test]
    fn a_page_without_header_or_messages() {
        assert_eq!(events("<html><body></body></html>"), Vec::<String>::new());
        let html =
            "<html><div class=\"page_header\"><div class=\"text bold\">  </div></div></html>";
        assert_eq!(events(html), Vec::<String>::new());
    }

    #[test]
    fn deep_nesting_costs_no_stack() {
        let depth = 20_000;
        let text = format!(
            "<div class=\"text\">{}deep{}</div>",
            "<span>".repeat(depth),
            "</span>".repeat(depth)
        );
        let html = page(&message("default", 1, &text));
        assert_eq!(events(&html)[2..], ["line deep", "end"]);
    }

    #[test]
    fn absolute_hrefs() {
        for href in [
            "https://a.example",
            " HTTP://A ",
            "mailto:x@y",
            "tg://resolve?domain=a",
            "tel:+1",
        ] {
            assert_eq!(absolute_href(href), Some(href.trim()), "{href}");
        }
        for href in [
            "",
            "  ",
            "#go_to_message1",
            "?q=%23tag",
            "messages.html#go_to_message2",
            "emoji/1.webp",
            "../../photos/a.jpg",
            "//t.me/a",
            "javascript:void(0)",
            "1http://x",
            ":x",
        ] {
            assert_eq!(absolute_href(href), None, "{href}");
        }
    }

    #[test]
    fn via_bot_is_not_part_of_the_name() {
        assert_eq!(strip_via_bot("Name via @some_bot"), "Name");
        assert_eq!(strip_via_bot("Name via @"), "Name via @");
        assert_eq!(strip_via_bot("Name via @not a bot"), "Name via @not a bot");
        assert_eq!(strip_via_bot("Plain"), "Plain");
    }
}
