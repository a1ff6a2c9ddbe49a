//! URLs and e-mail addresses, as TDLib's `match_urls`, `fix_url` and `is_email_address` find them.

use std::ops::Range;

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

/// Finds URLs and e-mail addresses in `text` (TDLib `find_urls`).
pub fn find_urls(_text: &str) -> Vec<UrlMatch> {
    Vec::new() // TODO(url): not implemented yet
}

/// The `domains` key of a URL or link target (SPEC §5): the host lower-cased, without `www.`,
/// port or trailing dot, an internationalised host in Unicode. `None` when there is no host.
pub fn url_domain(_url: &str) -> Option<String> {
    None // TODO(url): not implemented yet
}
