//! `web-preview-html`: a saved web preview page (`t.me/s/<channel>`).
//!
//! The page is not documented by Telegram; the classes read here are the ones the reference
//! describes (SPEC reference §3.3) and public scrapers use. Elements are found by class, never by
//! exact nesting, so extra wrappers, attributes in any order and missing optional parts are fine:
//!
//! - **Header**: `.tgme_channel_info_header_title` is the title; each
//!   `.tgme_channel_info_counter` is a `.counter_value` (`7K`, `2.91K`, `1.2M`) and a
//!   `.counter_type` (`subscribers`, `photo`), read exactly as web-preview-text's counter lines
//!   (decimals, never floating point; the plural word is the key; unknown words are left out);
//!   `.tgme_channel_info_description` is the description. Without a title there is no header.
//! - **Posts**: every `.tgme_widget_message` that is not a `service_message`, in page order. The
//!   id is the number after the last `/` of `data-post="<channel>/<id>"`; the date is the first
//!   `time[datetime]` (ISO 8601 with an offset) of the post outside its reply preview, forward
//!   header and text, which is the footer's; views are ignored.
//! - **Source**: the text of `.tgme_widget_message_forwarded_from_name`, trimmed.
//! - **Text**: the first `.tgme_widget_message_text` outside the reply preview
//!   (`.tgme_widget_message_reply`), made plain as in the HTML export: `<br>` is a line break,
//!   emoji wrapped as `<i class="emoji" style="background-image:…"><b>❤</b></i>` are their
//!   character.
//! - **Link targets**: every `<a href>` of the text with an absolute target; the hashtag and
//!   cashtag searches (`?q=%23tag`) are relative and not reported.
//! - **Placeholders**: a post's `.message_media_not_supported` block ("Please open Telegram to
//!   view this post", "Media is too big") outside its reply preview counts one media
//!   placeholder, as those lines do in web-preview-text.

use super::telegram_html::{first, has_class, plain_text, selector};
use super::web_preview_text::counter;
use super::{post_text, PostMeta, Sink};
use crate::error::Error;
use crate::report::{Channel, Counters};
use scraper::{ElementRef, Html};

/// Parses a saved web preview page and reports its channel header and posts.
pub fn parse(html: &str, sink: &mut dyn Sink) -> Result<(), Error> {
    let document = Html::parse_document(html);
    if let Some(channel) = channel(&document) {
        sink.channel(channel);
    }
    for message in document.select(&selector(&format!(".{POST}"))) {
        let el = message.value();
        if has_class(el, "service_message") {
            continue;
        }
        let source = first(message, &NOT_IN_POST, |el| {
            has_class(el, "tgme_widget_message_forwarded_from_name")
        })
        .map(|name| plain_text(name, &|_| false).text)
        .filter(|name| !name.is_empty());
        let date = first(message, &NOT_IN_FOOTER, |el| {
            el.name() == "time" && el.attr("datetime").is_some()
        })
        .and_then(|time| time.value().attr("datetime"))
        .and_then(parse_datetime);
        sink.begin_post(PostMeta {
            id: el.attr("data-post").and_then(post_id),
            date,
            source: source.as_deref(),
        });
        if let Some(text) = first(message, &NOT_IN_POST, |el| {
            has_class(el, "tgme_widget_message_text")
        }) {
            let text = plain_text(text, &|_| false);
            if !text.text.is_empty() {
                post_text(sink, &text.text);
            }
            for (href, anchor) in &text.links {
                sink.link_target(href, anchor);
            }
        }
        for_each_placeholder(message, || sink.placeholder());
        sink.end_post();
    }
    Ok(())
}

/// A post's reply preview: its text and author belong to another post.
const REPLY: &str = "tgme_widget_message_reply";

/// A post nested in another (never seen on a real page) is its own post; looking into it from
/// every enclosing one would cost time quadratic in the nesting.
const POST: &str = "tgme_widget_message";

/// Inside these, a forward name or a text is not the post's.
const NOT_IN_POST: [&str; 2] = [POST, REPLY];

/// Inside these, a `time` is not the post's date.
const NOT_IN_FOOTER: [&str; 5] = [
    POST,
    REPLY,
    "tgme_widget_message_forwarded_from",
    "tgme_widget_message_text",
    "tgme_widget_message_link_preview",
];

/// The channel header: title, counters in page order, description.
fn channel(document: &Html) -> Option<Channel> {
    let title = document
        .select(&selector(".tgme_channel_info_header_title"))
        .next()
        .map(|title| plain_text(title, &|_| false).text)
        .filter(|title| !title.is_empty())?;
    let counters = document
        .select(&selector(".tgme_channel_info_counter"))
        .filter_map(|c| {
            let value = class_text(c, "counter_value")?;
            let kind = class_text(c, "counter_type")?;
            counter(&format!("{value} {kind}")).map(|(name, value)| (name.to_string(), value))
        })
        .collect();
    let description = document
        .select(&selector(".tgme_channel_info_description"))
        .next()
        .map(|description| plain_text(description, &|_| false).text)
        .filter(|description| !description.is_empty());
    Some(Channel {
        id: None,
        title,
        description,
        counters: Counters(counters),
    })
}

/// The plain text of the first descendant with this class.
fn class_text(root: ElementRef<'_>, class: &str) -> Option<String> {
    first(root, &[], |el| has_class(el, class)).map(|el| plain_text(el, &|_| false).text)
}

/// `durov/123` → 123.
fn post_id(data_post: &str) -> Option<i64> {
    let (_, id) = data_post.trim().rsplit_once('/')?;
    id.parse().ok()
}

/// `2023-06-06T14:05:00+00:00` → Unix seconds.
fn parse_datetime(datetime: &str) -> Option<i64> {
    use time::format_description::well_known::{Iso8601, Rfc3339};
    let datetime = datetime.trim();
    time::OffsetDateTime::parse(datetime, &Rfc3339)
        .or_else(|_| time::OffsetDateTime::parse(datetime, &Iso8601::DEFAULT))
        .ok()
        .map(time::OffsetDateTime::unix_timestamp)
}

/// Calls `found` once per "media not supported" block of the post outside its reply preview.
fn for_each_placeholder(message: ElementRef<'_>, mut found: impl FnMut()) {
    use super::telegram_html::{walk, Step, Visit};
    walk(message, |visit| match visit {
        Visit::Open(element) if NOT_IN_POST.iter().any(|c| has_class(element.value(), c)) => {
            Step::Over
        }
        Visit::Open(element) if has_class(element.value(), "message_media_not_supported") => {
            found();
            Step::Over
        }
        _ => Step::Into,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::telegram_html::tests::{iso, Recorder};

    fn events(html: &str) -> Vec<String> {
        let mut sink = Recorder::default();
        parse(html, &mut sink).expect("the page parses");
        sink.0
    }

    const CHANNEL: &str = include_str!("../../../tests/data/web-preview-html/channel.html");

    #[test]
    fn the_fixture() {
        // What reading the page shows (tests/data/web-preview-html/README.md).
        assert_eq!(
            events(CHANNEL),
            [
                "channel Новости Полесья | Some(\"Главные новости Полесья.\\nПишите: @polesie_bot\") \
                 | subscribers=12400 photos=1200 videos=86 links=2910 files=1",
                "post 101 2023-06-06T06:15:00Z",
                "line Добро пожаловать! Здесь — главные новости региона. 👋",
                "line #новости #Полесье",
                "end",
                "post 102 2023-06-06T06:20:00Z",
                "line Прогноз от @polesie_weather: \"Погода & климат\" — полный отчёт #погода",
                "link https://t.me/polesie_weather | @polesie_weather",
                "link https://example.org/report?id=7&lang=ru | полный отчёт",
                "end",
                "post 103 2023-06-06T09:00:00Z from Минский вестник",
                "line Срочно: в Минске открыли новый мост.",
                "line Подробности — minsk-vestnik.example/most",
                "line #Минск #новости",
                "link https://minsk-vestnik.example/most | minsk-vestnik.example/most",
                "end",
                "post 104 2023-06-07T05:00:00Z",
                "line Напоминаем правила: без спама и оскорблений 🙏",
                "line Вопросы — боту @polesie_bot",
                "link https://t.me/polesie_bot | @polesie_bot",
                "end",
                "post 105 2023-06-07T05:05:00Z",
                "placeholder",
                "end",
                "post 106 2023-06-07T09:45:00Z from Иван Петров",
                "line Фото с места событий 👇",
                "line Погода: ☀️",
                "end",
                "post 107 2023-06-07T18:00:00Z",
                "line Курс $USD на сегодня: 3,2 BYN. Таблица: https://polesie.example/kurs",
                "line ",
                "line Итоги дня: 3 новости, 2 \"молнии\" & 1 опрос.",
                "line #итоги #новости",
                "link https://polesie.example/kurs | https://polesie.example/kurs",
                "end",
            ]
        );
    }

    #[test]
    fn posts_by_class_whatever_the_nesting() {
        let html = r#"<html><body>
            <div class="tgme_widget_message service_message" data-post="c/1">
              <div class="tgme_widget_message_text">Channel created</div></div>
            <article><div><div data-post=" c/2 " class="js-widget_message tgme_widget_message" id="x">
              <div class="outer"><div class="tgme_widget_message_text js-message_text">two <b>words</b></div></div>
              <div><span><time class="time" datetime="2023-06-06T14:05:00+03:00">14:05</time></span></div>
            </div></div></article>
            <div class="tgme_widget_message">no data-post, no footer</div>
            <div class="tgme_widget_message" data-post="c/4">
              <a class="tgme_widget_message_reply" href="https://t.me/c/2">
                <div class="tgme_widget_message_text js-message_reply_text">two words</div>
                <time datetime="2000-01-01T00:00:00Z">old</time></a>
              <time class="message_video_duration">0:42</time>
              <div class="tgme_widget_message_text">the reply <a href="?q=%23tag">#tag</a>
                <a href="?q=%24USD">$USD</a> <a href="https://t.me/c">@c</a></div>
              <a class="tgme_widget_message_date"><time datetime="2023-06-07T05:00:00Z">8:00</time></a>
            </div>
            <div class="tgme_widget_message" data-post="c/5"><div class="tgme_widget_message_bubble">
              <time datetime="not a date">?</time></div></div>
            </body></html>"#;
        assert_eq!(
            events(html),
            [
                "post 2 2023-06-06T11:05:00Z",
                "line two words",
                "end",
                "post - -",
                "end",
                "post 4 2023-06-07T05:00:00Z",
                "line the reply #tag $USD @c",
                "link https://t.me/c | @c",
                "end",
                "post 5 -",
                "end",
            ]
        );
    }

    #[test]
    fn emoji_are_their_characters() {
        let html = r#"<div class="tgme_widget_message" data-post="c/9"><div class="tgme_widget_message_text">
            I <i class="emoji" style="background-image:url('//telegram.org/img/emoji/40/E29DA4.png')"><b>❤</b></i>
            it<tg-emoji emoji-id="1"><i class="emoji" style="background-image:url('x.png')"><b>🇧🇾</b></i></tg-emoji><br/>
            <img src="x.png" alt="ignored"></div></div>"#;
        assert_eq!(events(html), ["post 9 -", "line I ❤ it🇧🇾", "end"]);
    }

    #[test]
    fn the_header_is_optional_and_its_parts_too() {
        assert_eq!(events("<html><body></body></html>"), Vec::<String>::new());
        let html = r#"<div class="tgme_channel_info">
              <div class="tgme_channel_info_header_title"><span dir="auto">Title <i class="emoji"><b>🇷🇺</b></i></span></div>
              <div class="tgme_channel_info_counter"><span class="counter_type">subscribers</span></div>
              <div class="tgme_channel_info_counter"><span class="counter_value">7K</span> <span class="counter_type">followers</span></div>
              <div class="tgme_channel_info_counter"><span class="counter_value">5.5K</span><span class="counter_type">photo</span></div>
              <div class="tgme_channel_info_counter"><span class="counter_type">videos</span><span class="counter_value">12</span></div>
              <div class="tgme_channel_info_description">  </div></div>"#;
        assert_eq!(
            events(html),
            ["channel Title 🇷🇺 | None | photos=5500 videos=12"]
        );
    }

    #[test]
    fn datetimes() {
        assert_eq!(
            parse_datetime("2023-06-06T14:05:00+00:00")
                .map(iso)
                .as_deref(),
            Some("2023-06-06T14:05:00Z")
        );
        assert_eq!(
            parse_datetime(" 2023-06-06T14:05:00-02:30 ")
                .map(iso)
                .as_deref(),
            Some("2023-06-06T16:35:00Z")
        );
        assert_eq!(
            parse_datetime("2023-06-06T14:05:00.123Z")
                .map(iso)
                .as_deref(),
            Some("2023-06-06T14:05:00Z")
        );
        assert_eq!(parse_datetime("2023-06-06 14:05"), None);
        assert_eq!(parse_datetime(""), None);
    }

    #[test]
    fn post_ids() {
        assert_eq!(post_id("durov/123"), Some(123));
        assert_eq!(post_id("a/b/7"), Some(7));
        assert_eq!(post_id("durov"), None);
        assert_eq!(post_id("durov/x"), None);
    }
}
