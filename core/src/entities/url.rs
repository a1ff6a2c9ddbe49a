//! URLs and e-mail addresses, as TDLib's `match_urls`, `fix_url` and `is_email_address` find them.
//!
//! Source: tdlib/td `td/telegram/MessageEntity.cpp` (the rules are restated in prose in
//! `reference/telegram-and-unicode.md` §1.6). TDLib works in two steps, and so do we:
//!
//! 1. `match_urls` proposes candidates: around every `.` it extends over domain characters,
//!    then takes optional user-info, a port, a path, and a protocol in front.
//! 2. `find_urls` keeps a candidate as an e-mail address (`is_email_address`, optionally after
//!    `mailto:`), or else as a URL cut to size by `fix_url` (labels, TLD, balanced brackets).
//!
//! TDLib's scan is linear and so is ours: the next `.` looked at comes after the end of the
//! previous candidate (TDLib's `begin`; the dots are visited once each, in order), and no
//! backward scan goes before that point, so each byte is looked at a bounded number of times
//! whatever the input.
//!
//! [`url_domain`] is not TDLib's: it is the `domains` key of SPEC §5.

use std::ops::Range;
use std::sync::OnceLock;

use memchr::memchr_iter;

use crate::chars::{char_at, char_before, is_separator, is_word_char};

/// Whether a match is a URL or an e-mail address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlKind {
    Url,
    Email,
}

/// One URL or e-mail address and its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlMatch {
    pub kind: UrlKind,
    pub range: Range<usize>,
}

/// TDLib `bad_path_end_chars`: trimmed from the end of a path.
/// (A `matches!`, not `<[u8]>::contains`, which calls memchr.)
fn is_bad_path_end(b: u8) -> bool {
    matches!(
        b,
        b'.' | b':' | b';' | b',' | b'(' | b'\'' | b'?' | b'!' | b'`'
    )
}

/// TDLib `fix_url`: the protocols that mark a URL as having an explicit protocol.
const PROTOCOLS: [&str; 4] = ["http://", "https://", "ftp://", "tonsite://"];

/// Finds URLs and e-mail addresses in `text` (TDLib `find_urls`), in order of position.
pub fn find_urls(text: &str) -> Vec<UrlMatch> {
    let mut found = Vec::new();
    for_each_url(text, |url| found.push(url));
    found
}

/// As [`find_urls`], handing each match to `found` in order instead of collecting them.
pub fn for_each_url(text: &str, found: impl FnMut(UrlMatch)) {
    for_each_url_at(text, memchr_iter(b'.', text.as_bytes()), found);
}

/// As [`for_each_url`], given the positions of every `.` in `text`, in increasing order.
// A function of its own, never inlined: see `find_entities_with`.
#[inline(never)]
pub(crate) fn for_each_url_at(
    text: &str,
    dots: impl IntoIterator<Item = usize>,
    mut found: impl FnMut(UrlMatch),
) {
    for_each_candidate(text, dots, |range, has_at, parts| {
        let candidate = &text[range.clone()];
        // TDLib find_urls: a whole candidate that is an address is an e-mail entity ... (an
        // address needs an `@` before any path, and most candidates have none)
        if has_at && is_email_address(candidate) {
            found(UrlMatch {
                kind: UrlKind::Email,
                range,
            });
            return;
        }
        // ... and so is one after a (case-sensitive) `mailto:`, which is left out.
        if let Some(address) = candidate.strip_prefix("mailto:").filter(|_| has_at) {
            if is_email_address(address) {
                let start = range.end - address.len();
                found(UrlMatch {
                    kind: UrlKind::Email,
                    range: start..range.end,
                });
                return;
            }
        }
        // Anything else is a URL if `fix_url` keeps a part of it.
        let fixed = if has_at {
            fix_url(candidate)
        } else {
            // Without an `@`, the candidate finder's parts are `fix_url`'s own.
            let at = |pos: usize| pos - range.start;
            let has_protocol = parts.domain.start > range.start;
            let domain = at(parts.domain.start)..at(parts.domain.end);
            fix_url_parts(candidate, has_protocol, domain, at(parts.host_end))
        };
        if let Some(len) = fixed {
            found(UrlMatch {
                kind: UrlKind::Url,
                range: range.start..range.start + len,
            });
        }
    });
}

/// The `domains` key of a URL or link target (SPEC §5): the host lower-cased, without `www.`,
/// port or trailing dot, an internationalised host in Unicode. `None` when there is no host.
///
/// The input may have a protocol (`https://`, any `scheme://`) or not, user-info (`user:pw@`),
/// a port, a path, a query and a fragment. Without `//`, a `scheme:` followed by neither a port
/// nor user-info (`tel:+123`, `javascript:void(0)`) has no host. `xn--` labels are decoded
/// (RFC 3492); one that does not decode is kept as written.
pub fn url_domain(url: &str) -> Option<String> {
    let mut domain = String::new();
    url_domain_into(url, &mut domain).then_some(domain)
}

/// As [`url_domain`], into `domain` (cleared first), so that a caller can reuse one buffer:
/// `true` if there is a host, `false` (and `domain` empty) if there is none.
pub fn url_domain_into(url: &str, domain: &mut String) -> bool {
    domain.clear();
    let Some(host) = url_host(url) else {
        return false;
    };
    // Lower-cased label by label; most labels take a path without an allocation.
    for (i, label) in host.split('.').enumerate() {
        if i > 0 {
            domain.push('.');
        }
        push_lowercase_label(label, domain);
    }
    if domain.len() > 4 && domain.starts_with("www.") {
        domain.replace_range(..4, "");
    }
    true
}

/// Pushes one host label lower-cased, an `xn--` label decoded (kept as written if it does
/// not decode).
fn push_lowercase_label(label: &str, domain: &mut String) {
    let bytes = label.as_bytes();
    let is_ace = bytes.len() >= 4 && bytes[..4].eq_ignore_ascii_case(b"xn--");
    if label.is_ascii() && !is_ace {
        let start = domain.len();
        domain.push_str(label);
        domain[start..].make_ascii_lowercase();
        return;
    }
    // Lower-case Cyrillic (U+0430..U+045F) is its own lower case (a unit test checks).
    if label.chars().all(is_lowercase_cyrillic) {
        domain.push_str(label);
        return;
    }
    let label = label.to_lowercase();
    match label.strip_prefix("xn--").and_then(decode_punycode) {
        Some(decoded) => domain.push_str(&decoded.to_lowercase()),
        None => domain.push_str(&label),
    }
}

fn is_lowercase_cyrillic(c: char) -> bool {
    ('\u{0430}'..='\u{045F}').contains(&c)
}

/// The host part of a URL for [`url_domain`], as written: without scheme, user-info, port
/// and trailing dots. `None` when there is no host.
fn url_host(url: &str) -> Option<&str> {
    let url = url.trim();
    let bytes = url.as_bytes();
    // A scheme is dropped only together with its `//`, so that `user:pw@host` keeps its user-info.
    // A scheme has no `:`, so only the first colon can end one.
    let first_colon = bytes.iter().position(|&b| b == b':');
    let (rest, had_slashes) = match first_colon {
        Some(at) if bytes[at + 1..].starts_with(b"//") && is_scheme(&url[..at]) => {
            (&url[at + 3..], true)
        }
        _ => match url.strip_prefix("//") {
            Some(rest) => (rest, true),
            None => (url, false),
        },
    };
    // One pass over the authority: it ends at `/`, `?` or `#`; user-info ends at its last `@`.
    let mut authority_end = rest.len();
    let mut last_at = None;
    for (i, &b) in rest.as_bytes().iter().enumerate() {
        match b {
            b'/' | b'?' | b'#' => {
                authority_end = i;
                break;
            }
            b'@' => last_at = Some(i),
            _ => {}
        }
    }
    let authority = &rest[..authority_end];
    let host_port = match last_at {
        Some(at) => &authority[at + 1..],
        None => authority,
    };
    let host_port_bytes = host_port.as_bytes();
    let host = if host_port.starts_with('[') {
        // An IPv6 literal keeps its colons: the port comes after the `]`.
        let close = host_port_bytes.iter().position(|&b| b == b']');
        &host_port[..close.map_or(host_port.len(), |end| end + 1)]
    } else {
        match host_port_bytes.iter().position(|&b| b == b':') {
            // `tel:+123`: an opaque URI, not a host and a port.
            Some(colon)
                if !had_slashes
                    && host_port.len() == authority.len()
                    && !host_port_bytes[colon + 1..].iter().all(u8::is_ascii_digit) =>
            {
                return None;
            }
            Some(colon) => &host_port[..colon],
            None => host_port,
        }
    };
    let host = host.trim_end_matches('.');
    (!host.is_empty()).then_some(host)
}

/// RFC 3986 scheme: a letter, then letters, digits, `+`, `-`, `.`.
fn is_scheme(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

// ---------------------------------------------------------------------------------------------
// Character classes of TDLib's URL matcher.

/// TDLib `is_url_unicode_symbol`: not a separator (Zs, Zl, Zp), and nothing from General
/// Punctuation U+2000..U+206F except ZWNJ, ZWJ and the dashes U+2010..U+2015.
fn is_url_char(c: char) -> bool {
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return matches!(c, '\u{200C}' | '\u{200D}' | '\u{2010}'..='\u{2015}');
    }
    !is_separator(c)
}

/// TDLib `is_url_path_symbol`: a URL character other than a newline, `<`, `>`, `"`, `«`, `»`.
/// (Like TDLib, a tab or other control character does not end a path: only separators do.)
fn is_path_char(c: char) -> bool {
    !matches!(c, '\n' | '<' | '>' | '"' | '«' | '»') && is_url_char(c)
}

/// TDLib `is_user_data_symbol`: a URL character other than a newline, `/`, brackets, quotes,
/// backquote, `<`, `>`, `@`, `«`, `»`.
fn is_user_info_char(c: char) -> bool {
    !matches!(
        c,
        '\n' | '/'
            | '['
            | ']'
            | '{'
            | '}'
            | '('
            | ')'
            | '\''
            | '`'
            | '<'
            | '>'
            | '"'
            | '@'
            | '«'
            | '»'
    ) && is_url_char(c)
}

/// TDLib `is_domain_symbol`: below U+00C0 only `[A-Za-z0-9_.~-]`; from U+00C0 on, any URL
/// character (so `ÀÁ.com` and `➡️.ws` are domains, `«` and the no-break space are not).
fn is_domain_char(c: char) -> bool {
    if c < '\u{C0}' {
        return c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '~');
    }
    is_url_char(c)
}

/// TDLib `is_protocol_symbol`: ASCII `[A-Za-z0-9+-]` (no dots), and every non-ASCII
/// non-separator, taken so that a protocol glued to other letters is judged as a whole.
fn is_protocol_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '+' | '-');
    }
    !is_separator(c)
}

/// Bits of [`ASCII_CLASS`]: which of the matcher's character classes an ASCII byte is in.
const DOMAIN: u8 = 1;
const USER_INFO: u8 = 2;
const PATH: u8 = 4;
const PROTOCOL: u8 = 8;

/// The classes of each ASCII byte ([`is_domain_char`], [`is_user_info_char`], [`is_path_char`],
/// [`is_protocol_char`] restricted to ASCII), so that the scans take ASCII with one look-up
/// instead of a chain of comparisons; 0 for the bytes from 0x80 on, which the scans decode.
/// A unit test checks it against the predicates.
const ASCII_CLASS: [u8; 256] = {
    let mut class = [0; 256];
    let mut b = 0;
    while b < 0x80 {
        let c = b as u8;
        let alphanumeric = c.is_ascii_alphanumeric();
        // The only ASCII separator is the space.
        if c != b' ' {
            if !matches!(c, b'\n' | b'<' | b'>' | b'"') {
                class[b] |= PATH;
            }
            if !matches!(
                c,
                b'\n'
                    | b'/'
                    | b'['
                    | b']'
                    | b'{'
                    | b'}'
                    | b'('
                    | b')'
                    | b'\''
                    | b'`'
                    | b'<'
                    | b'>'
                    | b'"'
                    | b'@'
            ) {
                class[b] |= USER_INFO;
            }
        }
        if alphanumeric || matches!(c, b'.' | b'_' | b'-' | b'~') {
            class[b] |= DOMAIN;
        }
        if alphanumeric || matches!(c, b'+' | b'-') {
            class[b] |= PROTOCOL;
        }
        b += 1;
    }
    class
};

/// The start of the run of chars satisfying `keep` that ends at `at`, never before `floor`;
/// `class` is `keep` for ASCII (most of any URL, taken byte by byte without decoding).
#[inline]
fn scan_back(text: &str, floor: usize, at: usize, class: u8, keep: impl Fn(char) -> bool) -> usize {
    let bytes = text.as_bytes();
    let mut start = at;
    while start > floor {
        let b = bytes[start - 1];
        if b.is_ascii() {
            if ASCII_CLASS[usize::from(b)] & class == 0 {
                break;
            }
            start -= 1;
            continue;
        }
        // A Cyrillic letter is in every class (see `is_two_byte_cyrillic_lead`).
        if start >= 2 && is_two_byte_cyrillic_lead(bytes[start - 2]) {
            start -= 2;
            continue;
        }
        // `floor` is a char boundary, so the char ending at `start` begins at or after it.
        let c = char_before(text, start).expect("a char before a non-ASCII byte");
        if !keep(c) {
            break;
        }
        start -= c.len_utf8();
    }
    start
}

/// The end of the run of chars satisfying `keep` that starts at `at`; `class` is `keep` for
/// ASCII.
#[inline]
fn scan_forward(text: &str, at: usize, class: u8, keep: impl Fn(char) -> bool) -> usize {
    let bytes = text.as_bytes();
    let mut end = at;
    while let Some(&b) = bytes.get(end) {
        if b.is_ascii() {
            if ASCII_CLASS[usize::from(b)] & class == 0 {
                break;
            }
            end += 1;
            continue;
        }
        if is_two_byte_cyrillic_lead(b) {
            end += 2;
            continue;
        }
        let c = char_at(text, end).expect("a char at a lead byte");
        if !keep(c) {
            break;
        }
        end += c.len_utf8();
    }
    end
}

/// Whether `b` leads a character of U+0400..U+047F (D0, D1), Cyrillic letters that every
/// class of the scans keeps (domain, user-info, path and protocol characters; a unit test
/// checks): Russian words and `.рф` domains are stepped over without decoding. A D0 or D1
/// two bytes before a boundary is always such a character's lead (valid UTF-8).
#[inline]
fn is_two_byte_cyrillic_lead(b: u8) -> bool {
    matches!(b, 0xD0 | 0xD1)
}

fn ends_with_ignore_ascii_case(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

// ---------------------------------------------------------------------------------------------
// TDLib match_urls: the candidates.

/// TDLib `match_urls`: candidate URLs and addresses by byte range, handed to `found` in order
/// of position, with whether an `@` comes before the candidate's path (user-info or an `@` in
/// the domain run: no e-mail address is possible without one). `dots` are the positions of
/// every `.` in `text`, in increasing order.
///
/// With no `@`, the candidate's parts are handed on too, as `fix_url` would find them: the
/// domain (after any protocol, before any port) and where the path begins (the end if there is
/// none). An `@` (user-info may hold `:`, `?` and `#`) leaves `fix_url` to parse the whole.
fn for_each_candidate(
    text: &str,
    dots: impl IntoIterator<Item = usize>,
    mut found: impl FnMut(Range<usize>, bool, HostParts),
) {
    let bytes = text.as_bytes();
    // TDLib's `begin`: the next candidate starts at a dot from here on; no scan goes back
    // before it.
    let mut window = 0;
    for dot in dots {
        if dot < window {
            continue;
        }
        match bytes.get(dot + 1) {
            // A dot at the very end starts nothing.
            None => break,
            // TDLib's fast path: a dot and a space end a sentence, not a domain.
            Some(b' ') => {
                window = dot + 2;
                continue;
            }
            Some(_) => {}
        }

        // The domain: the run of domain characters around the dot; `@` may occur on the right.
        let mut domain_start = scan_back(text, window, dot, DOMAIN, is_domain_char);
        let mut last_at = None;
        let mut domain_end = dot;
        while let Some(&b) = bytes.get(domain_end) {
            if b.is_ascii() {
                if ASCII_CLASS[usize::from(b)] & DOMAIN == 0 {
                    if b != b'@' {
                        break;
                    }
                    last_at = Some(domain_end);
                }
                domain_end += 1;
                continue;
            }
            if is_two_byte_cyrillic_lead(b) {
                domain_end += 2;
                continue;
            }
            let c = char_at(text, domain_end).expect("a char at a lead byte");
            if !is_domain_char(c) {
                break;
            }
            domain_end += c.len_utf8();
        }
        // With an `@` to the right, what precedes may be user-info (`a:b.c@host`).
        if last_at.is_some() {
            domain_start = scan_back(text, window, domain_start, USER_INFO, is_user_info_char);
        }

        // A port: `:` and digits; leading zeros do not count, the rest is 1..=5 digits ≤ 65535.
        let mut url_end = domain_end;
        if bytes.get(url_end) == Some(&b':') {
            let digits_start = url_end + 1;
            let digits_end = digits_start
                + bytes[digits_start..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
            let digits = &text[digits_start..digits_end];
            let significant = digits.trim_start_matches('0');
            if !significant.is_empty()
                && significant.len() <= 5
                && significant.parse::<u32>().is_ok_and(|p| p <= 65535)
            {
                url_end = digits_end;
            }
        }

        // A path, query or fragment: `/`, `?` or `#`, then path characters, minus a tail of
        // `.:;,('?!``. A lone `?` or `#` is not taken; a lone `/` is.
        let mut path_start = None;
        if let Some(&first @ (b'/' | b'?' | b'#')) = bytes.get(url_end) {
            let mut path_end = scan_forward(text, url_end + 1, PATH, is_path_char);
            while path_end > url_end + 1 && is_bad_path_end(bytes[path_end - 1]) {
                path_end -= 1;
            }
            if first == b'/' || path_end > url_end + 1 {
                path_start = Some(url_end);
                url_end = path_end;
            }
        }
        // Trailing dots are not part of it (but the dot we started from stays).
        while url_end > dot + 1 && bytes[url_end - 1] == b'.' {
            url_end -= 1;
        }

        // User-info right before the domain: `user:pw@`; empty user-info, or a second `@` after
        // the domain, makes the candidate bad.
        let mut bad = false;
        let mut url_start = domain_start;
        let mut has_at = last_at.is_some();
        if url_start > window && bytes[url_start - 1] == b'@' {
            has_at = true;
            if last_at.is_some() {
                bad = true;
            }
            let user_start = scan_back(text, window, url_start - 1, USER_INFO, is_user_info_char);
            if user_start == url_start - 1 {
                bad = true;
            }
            url_start = user_start;
        }

        if url_start > window {
            let prefix = &text[window..url_start];
            if prefix.len() >= 6 && prefix.ends_with("://") {
                // A protocol: only http, https, ftp and tonsite, case-insensitive, and not
                // shttp, sftp or tftp; whatever else is glued in front is left out.
                let protocol_end = url_start - 3;
                let protocol_start =
                    scan_back(text, window, protocol_end, PROTOCOL, is_protocol_char);
                let protocol = &text[protocol_start..protocol_end];
                let is = |name: &str| protocol.eq_ignore_ascii_case(name);
                let kept = if ends_with_ignore_ascii_case(protocol, "http") && !is("shttp") {
                    Some("http")
                } else if ends_with_ignore_ascii_case(protocol, "https") {
                    Some("https")
                } else if ends_with_ignore_ascii_case(protocol, "ftp") && !is("tftp") && !is("sftp")
                {
                    Some("ftp")
                } else if ends_with_ignore_ascii_case(protocol, "tonsite") {
                    Some("tonsite")
                } else {
                    None
                };
                match kept {
                    Some(name) => url_start -= name.len() + 3,
                    None => bad = true,
                }
            } else if char_before(text, url_start)
                .is_some_and(|c| is_word_char(c) || matches!(c, '/' | '#' | '@'))
            {
                // Without a protocol, a word character, `/`, `#` or `@` right before the URL
                // rejects it (`#views.py`, `/usr/views.py`, `go#ogle.com`).
                bad = true;
            }
        }

        if !bad {
            if url_end > dot + 1 {
                let parts = HostParts {
                    domain: domain_start..domain_end.min(url_end),
                    host_end: path_start.unwrap_or(url_end),
                };
                found(url_start..url_end, has_at, parts);
            }
            // Dots after a URL are skipped along with it.
            while bytes.get(url_end) == Some(&b'.') {
                url_end += 1;
            }
        } else {
            // A bad candidate: go on from its last dot (there is one: `url_end > dot`).
            while bytes[url_end - 1] != b'.' {
                url_end -= 1;
            }
        }
        window = url_end.max(dot + 1);
    }
}

// ---------------------------------------------------------------------------------------------
// TDLib fix_url, is_common_tld, is_email_address: the checks.

/// TDLib `fix_url`: the length of the prefix of `url` that is a URL, or `None` if it is none.
fn fix_url(url: &str) -> Option<usize> {
    // An explicit protocol lifts the common-TLD requirement. (All of them start with h, f or t.)
    let protocol = match url.as_bytes().first().map(u8::to_ascii_lowercase) {
        Some(b'h' | b'f' | b't') => PROTOCOLS.iter().find(|p| {
            url.len() >= p.len() && url.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
        }),
        _ => None,
    };
    let (rest, has_protocol) = match protocol {
        Some(p) => (&url[p.len()..], true),
        None => (url, false),
    };
    // One pass over the host part (candidates are short: plain loops, not memchr's set-up): it
    // ends at `/`, `?` or `#`; the domain follows user-info (the first `@`) and precedes a port
    // (the last `:` after that `@`).
    let rest_bytes = rest.as_bytes();
    let mut host_end = rest.len();
    let mut first_at = None;
    let mut last_colon = None;
    for (i, &b) in rest_bytes.iter().enumerate() {
        match b {
            b'/' | b'?' | b'#' => {
                host_end = i;
                break;
            }
            b'@' if first_at.is_none() => first_at = Some(i),
            b':' => last_colon = Some(i),
            _ => {}
        }
    }
    let domain_start = first_at.map_or(0, |at| at + 1);
    let domain_end = match last_colon {
        Some(colon) if colon >= domain_start => colon,
        _ => host_end,
    };
    let offset = url.len() - rest.len();
    fix_url_parts(
        url,
        has_protocol,
        offset + domain_start..offset + domain_end,
        offset + host_end,
    )
}

/// Where [`fix_url`] finds the domain of a candidate and where its path begins.
struct HostParts {
    domain: Range<usize>,
    host_end: usize,
}

/// [`fix_url`] once the parts are known: `domain` and `host_end` (where the path begins, or
/// the end) are positions in `url`.
fn fix_url_parts(
    url: &str,
    has_protocol: bool,
    domain: Range<usize>,
    host_end: usize,
) -> Option<usize> {
    let path = &url[host_end..];
    let domain = &url[domain];
    let domain_bytes = domain.as_bytes();
    // TDLib blocks this one look-alike of telegram.org.
    if domain_bytes.len() == 12 && domain_bytes.eq_ignore_ascii_case(b"teiegram.org") {
        return None;
    }
    // One label is no URL.
    let last_dot = domain_bytes.iter().rposition(|&b| b == b'.')?;
    // After a dot, so on a char boundary.
    let tld = &domain[last_dot + 1..];
    let tld_is_digits = tld.bytes().all(|b| b.is_ascii_digit());
    // A TLD with a non-digit rules out dotted IPv4, and then it alone turns down most
    // candidates (`U.S`, `e.g`): judged before the labels, which only matter after it.
    if !tld_is_digits && !is_valid_tld(tld, has_protocol) {
        return None;
    }

    // Every label is 1..=63 bytes and does not end with `-`; dotted IPv4 is taken as it is.
    let mut labels = 0;
    let mut is_ipv4 = true;
    let mut has_non_digit = false;
    // The label before the last one, kept for the check below.
    let mut second_label: &[u8] = &[];
    let mut last_label: &[u8] = &[];
    for label in domain_bytes.split(|&b| b == b'.') {
        if label.is_empty() || label.len() >= 64 || label.ends_with(b"-") {
            return None;
        }
        labels += 1;
        if label.iter().all(u8::is_ascii_digit) {
            is_ipv4 &= is_ipv4_octet(label);
        } else {
            is_ipv4 = false;
            has_non_digit = true;
        }
        second_label = last_label;
        last_label = label;
    }
    // What is kept: the path cut at an unbalanced bracket and trimmed. (Measured only now:
    // most candidates are turned down by their domain.)
    let kept = || url.len() - (path.len() - kept_path_len(path.as_bytes()));
    if is_ipv4 && labels == 4 {
        return Some(kept());
    }
    if !has_non_digit || (tld_is_digits && !is_valid_tld(tld, has_protocol)) {
        return None;
    }
    // The label before the TLD has no `_` either (deeper labels may: `test_.google.com`).
    if second_label.contains(&b'_') {
        return None;
    }
    Some(kept())
}

/// `fix_url`'s checks of the last label of a domain that is not dotted IPv4.
fn is_valid_tld(tld: &str, has_protocol: bool) -> bool {
    // The TLD is at least two code points ...
    let Some(&lead) = tld.as_bytes().first() else {
        return false;
    };
    let first_len = match lead {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    if tld.len() <= first_len {
        return false;
    }
    if let Some(ace) = tld.strip_prefix("xn--") {
        // ... an `xn--` TLD (lower-case prefix) is taken if it is ASCII alphanumeric ...
        ace.len() >= 2 && ace.bytes().all(|b| b.is_ascii_alphanumeric())
    } else {
        // ... any other has no `_` or `-`, and without a protocol must be a common one.
        !tld.bytes().any(|b| b == b'_' || b == b'-') && (has_protocol || is_common_tld(tld))
    }
}

/// The length of the part of a URL's path that `fix_url` keeps.
fn kept_path_len(path: &[u8]) -> usize {
    // Brackets in the path must balance: an unmatched closer ends the URL. Then the tail of
    // `.:;,('?!`` goes.
    let mut depth = [0i32; 3];
    let mut path_len = path.len();
    for (i, &b) in path.iter().enumerate() {
        let (kind, step) = match b {
            b'(' => (0, 1),
            b'[' => (1, 1),
            b'{' => (2, 1),
            b')' => (0, -1),
            b']' => (1, -1),
            b'}' => (2, -1),
            _ => continue,
        };
        depth[kind] += step;
        if depth[kind] < 0 {
            path_len = i;
            break;
        }
    }
    while path_len > 0 && is_bad_path_end(path[path_len - 1]) {
        path_len -= 1;
    }
    path_len
}

/// TDLib's IPv4 part: 1..=3 digits, no leading zero, at most 255. `label` is all digits.
fn is_ipv4_octet(label: &[u8]) -> bool {
    let value = || {
        label
            .iter()
            .fold(0u16, |n, &d| n * 10 + u16::from(d - b'0'))
    };
    (1..=3).contains(&label.len()) && !(label.len() >= 2 && label[0] == b'0') && value() <= 255
}

/// TDLib's common TLDs, vendored at `core/data/tdlib-common-tlds.txt`, one per line.
fn common_tld_list() -> impl Iterator<Item = &'static str> {
    include_str!("../../data/tdlib-common-tlds.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The common TLDs as a table looked up without hashing a string: a TLD of at most 15 bytes
/// (all but a few) is its bytes and its length packed into a `u128`, found in an
/// open-addressing table by a multiplicative hash of that number; the few longer ones are
/// compared one by one.
struct TldTable {
    /// `TLD_SLOTS` keys, 0 for an empty slot, each at or after (cyclically) its home slot.
    slots: Vec<u128>,
    long: Vec<&'static str>,
}

/// A power of two, more than twice the number of TLDs, so that probe runs stay short.
const TLD_SLOTS: usize = 4096;

impl TldTable {
    fn get() -> &'static TldTable {
        static TABLE: OnceLock<TldTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            let mut table = TldTable {
                slots: vec![0; TLD_SLOTS],
                long: Vec::new(),
            };
            for tld in common_tld_list() {
                match tld_key(tld.bytes()) {
                    Some(key) => {
                        let mut slot = tld_slot(key);
                        while table.slots[slot] != 0 && table.slots[slot] != key {
                            slot = (slot + 1) % TLD_SLOTS;
                        }
                        table.slots[slot] = key;
                    }
                    None => table.long.push(tld),
                }
            }
            table
        })
    }

    /// Whether the TLD whose bytes are `bytes` is in the table.
    fn contains(&self, bytes: impl ExactSizeIterator<Item = u8> + Clone) -> bool {
        match tld_key(bytes.clone()) {
            Some(key) => {
                let mut slot = tld_slot(key);
                loop {
                    match self.slots[slot] {
                        0 => return false,
                        k if k == key => return true,
                        _ => slot = (slot + 1) % TLD_SLOTS,
                    }
                }
            }
            None => self.long.iter().any(|tld| tld.bytes().eq(bytes.clone())),
        }
    }
}

/// The bytes of a TLD of at most 15 bytes packed into a number, the first byte lowest, and its
/// length in the highest byte (so that no key is 0, and a NUL is not taken for padding).
#[inline]
fn tld_key(bytes: impl ExactSizeIterator<Item = u8>) -> Option<u128> {
    if bytes.len() > 15 {
        return None;
    }
    let mut key = (bytes.len() as u128) << 120;
    for (i, b) in bytes.enumerate() {
        key |= u128::from(b) << (8 * i);
    }
    Some(key)
}

#[inline]
fn tld_slot(key: u128) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - TLD_SLOTS.trailing_zeros())) as usize
}

/// TDLib `is_common_tld`: the lower-cased TLD is in the list, except that a TLD whose only
/// upper-case letter is its first is rejected (`telegram.ORG` yes, `telegram.Org` no).
fn is_common_tld(tld: &str) -> bool {
    let table = TldTable::get();
    let bytes = tld.as_bytes();
    if bytes.is_ascii() {
        // ASCII lower-cases byte by byte, so the rule reads: not (the first byte is upper case
        // and no other is).
        let Some((first, others)) = bytes.split_first() else {
            return false;
        };
        if first.is_ascii_uppercase() && !others.iter().any(u8::is_ascii_uppercase) {
            return false;
        }
        return table.contains(bytes.iter().map(u8::to_ascii_lowercase));
    }
    // A TLD that is its own lower case (`рф`) is looked up as it is, without a String.
    if tld
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || is_lowercase_cyrillic(c))
    {
        return table.contains(bytes.iter().copied());
    }
    let lower: String = tld.chars().map(simple_lowercase).collect();
    if lower != tld && lower.chars().skip(1).eq(tld.chars().skip(1)) {
        return false;
    }
    table.contains(lower.bytes())
}

/// One code point's lower case, as TDLib's per-code-point `unicode_to_lower` (for the one
/// code point whose full lower case has two, `İ`, its simple mapping `i` is the first).
fn simple_lowercase(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// TDLib `is_email_address`: the pattern
/// `([a-z0-9_-]{0,26}[.+]){0,10}[a-z0-9_-]{1,35}@(([a-z0-9][a-z0-9_-]{0,28})?[a-z0-9][.]){1,6}[a-z]{2,8}`,
/// case-insensitive, on the whole string.
fn is_email_address(s: &str) -> bool {
    // A plain loop: candidates are short, and most have no `@` at all.
    let Some(at) = s.bytes().position(|b| b == b'@') else {
        return false;
    };
    let (user, domain) = (&s[..at], &s[at + 1..]);
    let is_name_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-');

    // Local part: up to 11 pieces separated by `.` or `+`; all but the last 0..=26 long, the
    // last 1..=35.
    if !user
        .bytes()
        .all(|b| is_name_byte(b) || matches!(b, b'.' | b'+'))
    {
        return false;
    }
    let last_piece = match user.rfind(['.', '+']) {
        Some(sep) => {
            let head = &user[..sep];
            if head.split(['.', '+']).count() > 10 || head.split(['.', '+']).any(|p| p.len() > 26) {
                return false;
            }
            &user[sep + 1..]
        }
        None => user,
    };
    if last_piece.is_empty() || last_piece.len() > 35 {
        return false;
    }

    // Domain: 2..=7 labels; the last 2..=8 ASCII letters; the others 1..=30 of
    // `[A-Za-z0-9_-]`, beginning and ending with a letter or digit.
    let Some((labels, tld)) = domain.rsplit_once('.') else {
        return false;
    };
    if !(2..=8).contains(&tld.len()) || !tld.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    labels.split('.').count() <= 6
        && labels.split('.').all(|label| {
            let b = label.as_bytes();
            (1..=30).contains(&b.len())
                && b.iter().all(|&c| is_name_byte(c))
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
        })
}

// ---------------------------------------------------------------------------------------------
// RFC 3492 punycode, for `xn--` labels in `url_domain`.

/// Decodes the part of an `xn--` label after the prefix (RFC 3492 §6.2), or `None` if it is
/// not valid punycode or longer than a DNS label.
fn decode_punycode(input: &str) -> Option<String> {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    const INITIAL_N: u32 = 128;
    const INITIAL_BIAS: u32 = 72;

    // A DNS label is at most 63 bytes; this also keeps the insertions below cheap.
    if input.is_empty() || input.len() > 59 || !input.is_ascii() {
        return None;
    }
    // The basic code points come before the last `-`; the deltas after it.
    let (basic, deltas) = match input.rfind('-') {
        Some(dash) => (&input[..dash], &input[dash + 1..]),
        None => ("", input),
    };
    let mut output: Vec<char> = basic.chars().collect();
    let mut n = INITIAL_N;
    let mut i: u32 = 0;
    let mut bias = INITIAL_BIAS;
    let mut digits = deltas.bytes();
    while digits.len() > 0 {
        let old_i = i;
        let mut weight: u32 = 1;
        let mut k = BASE;
        loop {
            let digit = match digits.next()? {
                b @ b'a'..=b'z' => u32::from(b - b'a'),
                b @ b'A'..=b'Z' => u32::from(b - b'A'),
                b @ b'0'..=b'9' => u32::from(b - b'0') + 26,
                _ => return None,
            };
            i = i.checked_add(digit.checked_mul(weight)?)?;
            let threshold = if k <= bias {
                T_MIN
            } else if k >= bias + T_MAX {
                T_MAX
            } else {
                k - bias
            };
            if digit < threshold {
                break;
            }
            weight = weight.checked_mul(BASE - threshold)?;
            k += BASE;
        }
        let len = output.len() as u32 + 1;
        bias = adapt_bias(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        // Deltas encode only non-basic code points.
        if n < 0x80 {
            return None;
        }
        output.insert(i as usize, char::from_u32(n)?);
        i += 1;
    }
    // An A-label stands for a name with at least one non-ASCII code point.
    if output.iter().all(char::is_ascii) {
        return None;
    }
    Some(output.into_iter().collect())
}

/// RFC 3492 §6.1 bias adaptation.
fn adapt_bias(delta: u32, points: u32, first: bool) -> u32 {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    const SKEW: u32 = 38;
    const DAMP: u32 = 700;
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_byte_cyrillic_letters_are_in_every_scan_class() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut utf8 = [0; 4];
            if is_two_byte_cyrillic_lead(c.encode_utf8(&mut utf8).as_bytes()[0]) {
                assert_eq!(c.len_utf8(), 2);
                assert!(is_domain_char(c) && is_user_info_char(c), "{c:?}");
                assert!(is_path_char(c) && is_protocol_char(c), "{c:?}");
            }
        }
    }

    fn urls(text: &str) -> Vec<&str> {
        find_urls(text)
            .into_iter()
            .filter(|m| m.kind == UrlKind::Url)
            .map(|m| &text[m.range])
            .collect()
    }

    fn emails(text: &str) -> Vec<&str> {
        find_urls(text)
            .into_iter()
            .filter(|m| m.kind == UrlKind::Email)
            .map(|m| &text[m.range])
            .collect()
    }

    #[test]
    fn the_candidate_parts_are_those_fix_url_finds() {
        let pieces = [
            "a",
            "x.com",
            "Example.ORG",
            "https://",
            "HTTP://",
            "ftp://",
            "sftp://",
            "tonsite://",
            ".",
            "..",
            ":",
            ":8080",
            ":0",
            ":99999",
            "/",
            "/p.",
            "?q",
            "#f",
            "(",
            ")",
            "@",
            "_",
            "-",
            "é",
            "рф",
            "пример.рф",
            " ",
            "1.2.3.4",
            "teiegram.org",
            "xn--p1ai",
            ",",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut compared = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for _ in 0..seed % 12 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let dots = memchr_iter(b'.', text.as_bytes());
            for_each_candidate(&text, dots, |range, has_at, parts| {
                if has_at {
                    return;
                }
                let candidate = &text[range.clone()];
                let at = |pos: usize| pos - range.start;
                let by_parts = fix_url_parts(
                    candidate,
                    parts.domain.start > range.start,
                    at(parts.domain.start)..at(parts.domain.end),
                    at(parts.host_end),
                );
                assert_eq!(by_parts, fix_url(candidate), "{candidate:?} in {text:?}");
                compared += 1;
            });
        }
        assert!(compared > 10_000, "{compared}");
    }

    #[test]
    fn the_ascii_class_table_follows_the_predicates() {
        for b in 0..0x80u8 {
            let c = char::from(b);
            let class = ASCII_CLASS[usize::from(b)];
            assert_eq!(class & DOMAIN != 0, is_domain_char(c), "{c:?}");
            assert_eq!(class & USER_INFO != 0, is_user_info_char(c), "{c:?}");
            assert_eq!(class & PATH != 0, is_path_char(c), "{c:?}");
            assert_eq!(class & PROTOCOL != 0, is_protocol_char(c), "{c:?}");
        }
    }

    #[test]
    fn a_fragment_stays_inside_the_url() {
        assert_eq!(
            urls("see https://example.com/page#anchor now"),
            ["https://example.com/page#anchor"]
        );
        assert_eq!(urls("google.com#qwe"), ["google.com#qwe"]);
    }

    #[test]
    fn a_hashtag_with_a_dot_is_not_a_url() {
        assert!(urls("#views.py").is_empty());
        assert!(urls("see #CIS.org").is_empty());
    }

    #[test]
    fn a_url_followed_by_a_full_stop_leaves_the_stop_outside() {
        assert_eq!(urls("Read it at telegram.org/blog."), ["telegram.org/blog"]);
    }

    #[test]
    fn urls_come_in_order_of_position_with_emails_among_them() {
        let text = "write to a@b.com or see http://c.org and d.net";
        let found: Vec<(UrlKind, &str)> = find_urls(text)
            .into_iter()
            .map(|m| (m.kind, &text[m.range]))
            .collect();
        assert_eq!(
            found,
            [
                (UrlKind::Email, "a@b.com"),
                (UrlKind::Url, "http://c.org"),
                (UrlKind::Url, "d.net")
            ]
        );
    }

    #[test]
    fn a_mailto_link_is_an_email_without_its_prefix() {
        assert_eq!(emails("mailto:press@mid.ru"), ["press@mid.ru"]);
    }

    #[test]
    fn a_tab_does_not_end_a_path_but_a_space_does() {
        // TDLib ends a path only at separators, newlines, `<>"«»` and General Punctuation.
        assert_eq!(urls("a.com/x\ty z"), ["a.com/x\ty"]);
        assert_eq!(urls("a.com/x\u{2003}y"), ["a.com/x"]);
    }

    #[test]
    fn an_unknown_tld_needs_a_protocol() {
        assert!(urls("example.notatld").is_empty());
        assert_eq!(urls("https://example.notatld"), ["https://example.notatld"]);
    }

    #[test]
    fn pathological_inputs_finish_quickly() {
        let dots = ".".repeat(1 << 20);
        assert!(find_urls(&dots).is_empty());
        let labels = "a.".repeat(1 << 19);
        assert!(find_urls(&labels).is_empty());
        let at_dots = "@a.".repeat(1 << 18);
        let _ = find_urls(&at_dots);
        let hashes = "#a.b".repeat(1 << 18);
        assert!(find_urls(&hashes).is_empty());
        let long_path = format!("http://a.com/{}", "b.".repeat(1 << 19));
        assert_eq!(find_urls(&long_path).len(), 1);
        let no_spaces = "x".repeat(10 << 20);
        assert!(find_urls(&no_spaces).is_empty());
    }

    #[test]
    fn no_input_makes_it_panic() {
        for text in [
            "",
            ".",
            "..",
            "@.",
            "é.",
            ".é",
            "a.é:",
            "http://.",
            "x@.é",
            "\u{2009}.\u{2009}",
            "a.b:",
        ] {
            let _ = find_urls(text);
            let _ = url_domain(text);
        }
    }

    #[test]
    fn the_common_tld_list_is_loaded_from_the_data_file() {
        assert!(common_tld_list().count() > 1400);
        assert!(common_tld_list().any(|t| t == "рф"));
        assert!(!common_tld_list().any(|t| t.starts_with('#')));
    }

    /// The reference: TDLib's rule over a plain set of the listed TLDs.
    fn is_common_tld_by_set(tld: &str) -> bool {
        let set: std::collections::HashSet<&str> = common_tld_list().collect();
        let lower: String = tld.chars().map(simple_lowercase).collect();
        if lower != tld && lower.chars().skip(1).eq(tld.chars().skip(1)) {
            return false;
        }
        set.contains(lower.as_str())
    }

    #[test]
    fn the_tld_table_holds_every_listed_tld_and_nothing_else() {
        let listed: Vec<&str> = common_tld_list().collect();
        assert!(
            listed.iter().any(|tld| tld.len() > 16),
            "the long list is used"
        );
        let mut tried = Vec::new();
        for tld in &listed {
            assert!(is_common_tld(tld), "{tld}");
            tried.push(tld.to_uppercase());
            let mut first_upper: String = tld.chars().next().unwrap().to_uppercase().collect();
            first_upper.push_str(&tld[tld.chars().next().unwrap().len_utf8()..]);
            tried.push(first_upper);
            tried.push(format!("{tld}x"));
            tried.push(tld[..tld.len() - tld.chars().last().unwrap().len_utf8()].to_owned());
            tried.push(format!("x{tld}"));
        }
        for tld in [
            "",
            "a",
            "c",
            "ab",
            "xx",
            "COM",
            "Com",
            "cOm",
            "cOM",
            "РФ",
            "Рф",
            "рФ",
            "İ",
            "ı",
            "ΕΛ",
            "Ελ",
            "VERMÖGENSBERATER",
            "Vermögensberater",
            "xn--p1ai",
            "com\0",
            "s",
        ] {
            tried.push(tld.to_owned());
        }
        for tld in &tried {
            assert_eq!(is_common_tld(tld), is_common_tld_by_set(tld), "{tld:?}");
        }
    }

    #[test]
    fn punycode_decodes_known_pairs() {
        assert_eq!(decode_punycode("e1afmkfd").as_deref(), Some("пример"));
        assert_eq!(decode_punycode("p1ai").as_deref(), Some("рф"));
        assert_eq!(decode_punycode("mnchen-3ya").as_deref(), Some("münchen"));
        assert_eq!(decode_punycode("bcher-kva").as_deref(), Some("bücher"));
        assert_eq!(decode_punycode("80afpi2a3c").as_deref(), Some("гришка"));
        // RFC 3492 §7.1 (A) Arabic and (B) Chinese.
        assert_eq!(
            decode_punycode("egbpdaj6bu4bxfgehfvwxn").as_deref(),
            Some("ليهمابتكلموشعربي؟")
        );
        assert_eq!(
            decode_punycode("ihqwcrb4cv8a8dqg056pqjye").as_deref(),
            Some("他们为什么不说中文")
        );
    }

    #[test]
    fn bad_punycode_is_refused() {
        assert_eq!(decode_punycode(""), None);
        assert_eq!(decode_punycode("a-"), None);
        assert_eq!(decode_punycode("!!"), None);
        assert_eq!(decode_punycode("99999999999"), None);
        assert_eq!(decode_punycode("я"), None);
    }

    #[test]
    fn url_domain_is_the_bare_lower_case_host() {
        assert_eq!(
            url_domain("https://WWW.Example.com:8080/a?b#c").as_deref(),
            Some("example.com")
        );
        assert_eq!(url_domain("user:pw@Host.org.").as_deref(), Some("host.org"));
        assert_eq!(url_domain("пример.рф/путь").as_deref(), Some("пример.рф"));
        assert_eq!(url_domain("ПРИМЕР.РФ").as_deref(), Some("пример.рф"));
        assert_eq!(
            url_domain("telegram.org#fragment").as_deref(),
            Some("telegram.org")
        );
        assert_eq!(url_domain("google.com?q=1").as_deref(), Some("google.com"));
        assert_eq!(url_domain("localhost:8080").as_deref(), Some("localhost"));
        assert_eq!(
            url_domain("//cdn.example.com/x").as_deref(),
            Some("cdn.example.com")
        );
        assert_eq!(
            url_domain("tonsite://Telegram.ton").as_deref(),
            Some("telegram.ton")
        );
        assert_eq!(
            url_domain("http://[2001:db8::1]:80/").as_deref(),
            Some("[2001:db8::1]")
        );
        assert_eq!(url_domain("mailto:press@mid.ru").as_deref(), Some("mid.ru"));
    }

    #[test]
    fn url_domain_decodes_international_hosts() {
        assert_eq!(
            url_domain("http://xn--e1afmkfd.xn--p1ai/").as_deref(),
            Some("пример.рф")
        );
        assert_eq!(
            url_domain("XN--MNCHEN-3YA.de").as_deref(),
            Some("münchen.de")
        );
        assert_eq!(
            url_domain("www.xn--bcher-kva.example").as_deref(),
            Some("bücher.example")
        );
        // Bad punycode is kept as written (lower-cased).
        assert_eq!(url_domain("xn--!!.com").as_deref(), Some("xn--!!.com"));
    }

    #[test]
    fn url_domain_finds_no_host_in_opaque_or_empty_links() {
        assert_eq!(url_domain(""), None);
        assert_eq!(url_domain("https://"), None);
        assert_eq!(url_domain("https:///path"), None);
        assert_eq!(url_domain("tel:+123456"), None);
        assert_eq!(url_domain("javascript:void(0)"), None);
        assert_eq!(url_domain("..."), None);
    }

    #[test]
    fn lower_case_cyrillic_is_its_own_lower_case() {
        for c in ('\u{0430}'..='\u{045F}').filter(|&c| is_lowercase_cyrillic(c)) {
            assert_eq!(c.to_string().to_lowercase(), c.to_string(), "{c:?}");
        }
    }

    #[test]
    fn url_domain_into_reuses_its_buffer() {
        let mut domain = String::from("left over");
        assert!(url_domain_into("https://WWW.Пример.РФ/x", &mut domain));
        assert_eq!(domain, "пример.рф");
        assert!(!url_domain_into("tel:+123", &mut domain));
        assert_eq!(domain, "");
        // The first `://` follows no scheme, so `a:b:` is an opaque URI.
        assert!(!url_domain_into("a:b://Host.ORG", &mut domain));
        assert!(url_domain_into("a.b://Host.ORG", &mut domain));
        assert_eq!(domain, "host.org");
        assert!(url_domain_into("ΟΔΟΣ.gr", &mut domain));
        assert_eq!(domain, "οδος.gr".replace('σ', "ς"));
    }

    #[test]
    fn url_domain_keeps_www_when_nothing_follows_it() {
        assert_eq!(url_domain("www.").as_deref(), Some("www"));
        assert_eq!(
            url_domain("https://www.www.example.org").as_deref(),
            Some("www.example.org")
        );
    }
}
