//! Reading one whole input from bytes: UTF-8 decoding with byte offsets, format detection, and
//! the format's parser. Text formats and `telegram-json` stream; an HTML page is read whole
//! (an export splits its pages at 1000 messages, and a saved web preview is one page).

use std::io::{self, BufReader, Read};

use super::{
    detect_format, telegram_html, telegram_json, web_preview_html, InputParser, Sink, DETECT_BYTES,
};
use crate::config::{InputFormat, Split};
use crate::error::{Error, ErrorKind};

/// HTML pages are parsed whole, and the DOM takes about 22 bytes of memory per byte of page
/// (docs/FUZZING.md): a larger page is refused rather than exhausting memory. Telegram Desktop
/// writes a page per 1000 messages (a few MB); a saved web preview page is about 1 MB.
const MAX_HTML_BYTES: usize = 64 << 20;

/// Reads a later part of a `web-preview-text` input, which starts at a post boundary
/// ([`super::web_preview_text::next_post_boundary`]) `offset` bytes into the input: errors name
/// offsets in the whole input, and there is neither a byte-order mark nor a header to look for.
pub fn read_web_preview_text_part(
    reader: impl Read,
    offset: u64,
    lossy: bool,
    sink: &mut dyn Sink,
) -> Result<(), Error> {
    let mut text = Utf8Reader::new(reader, lossy);
    text.at_start = false;
    text.offset = offset;
    let mut parser = InputParser::continuing_web_preview_text();
    while text.read_text(|piece| parser.feed(piece, sink))? {}
    parser.finish(sink).map(|_| ())
}

/// Reads one input: detects its format unless `format` names one, decodes UTF-8 (an error with
/// the byte offset, or U+FFFD when `lossy`), and reports its posts to `sink`.
pub fn read_input(
    reader: impl Read,
    format: Option<InputFormat>,
    split: Option<Split>,
    lossy: bool,
    sink: &mut dyn Sink,
) -> Result<InputFormat, Error> {
    let mut text = Utf8Reader::new(reader, lossy);
    let mut prefix = String::new();
    let format = match format {
        Some(format) => format,
        None => {
            while prefix.len() < DETECT_BYTES && text.read_str(&mut prefix)? {}
            detect_format(&prefix)
        }
    };
    match format {
        InputFormat::WebPreviewText | InputFormat::Plain => {
            let mut parser = InputParser::new(Some(format), split);
            parser.feed(&prefix, sink);
            while text.read_text(|piece| parser.feed(piece, sink))? {}
            parser.finish(sink)
        }
        InputFormat::TelegramJson => {
            let rest = io::Cursor::new(prefix.into_bytes()).chain(ErrorKeeping(&mut text));
            let result = telegram_json::parse(BufReader::with_capacity(1 << 16, rest), sink);
            // A decoding error met by the JSON parser is the real error.
            if let Some(err) = text.error.take() {
                return Err(err);
            }
            result
                .map_err(|err| err.shifted(text.bom_len()))
                .map(|()| format)
        }
        InputFormat::TelegramHtml | InputFormat::WebPreviewHtml => {
            let mut html = prefix;
            while text.read_str(&mut html)? {
                if html.len() > MAX_HTML_BYTES {
                    return Err(Error::with_offset(
                        ErrorKind::MalformedInput,
                        format!(
                            "an HTML page larger than {} MiB is not read",
                            MAX_HTML_BYTES >> 20
                        ),
                        html.len() as u64,
                    ));
                }
            }
            // Offsets in the text count from after a byte-order mark; the file's count from before.
            let parsed = check_html_depth(&html).and_then(|()| {
                if format == InputFormat::TelegramHtml {
                    telegram_html::parse(&html, sink)
                } else {
                    web_preview_html::parse(&html, sink)
                }
            });
            parsed
                .map_err(|err| err.shifted(text.bom_len()))
                .map(|()| format)
        }
    }
}

/// Deeper nesting than this is refused: the HTML tree builder's cost grows with depth times
/// elements (100 000 nested `<div>`s take it most of a minute), while real pages nest ~20 deep.
const MAX_HTML_DEPTH: usize = 4096;

/// Elements that never have content, so never nest.
const VOID_ELEMENTS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// A linear pre-scan of tag nesting, counting `<name` as one level in and `</name` as one out
/// (comments, void elements and `/>` aside). It over-counts only where closing tags are left
/// out, which the generated pages tgtext reads do not do.
fn check_html_depth(html: &str) -> Result<(), Error> {
    let bytes = html.as_bytes();
    let mut depth: usize = 0;
    let mut pos = 0;
    while let Some(found) = bytes[pos..].iter().position(|&b| b == b'<') {
        let at = pos + found;
        let rest = &bytes[at + 1..];
        pos = at + 1;
        if rest.starts_with(b"!--") {
            // A comment: skip to its end.
            pos = html[pos..]
                .find("-->")
                .map_or(bytes.len(), |end| pos + end + 3);
        } else if rest.first() == Some(&b'/') {
            depth = depth.saturating_sub(1);
        } else if rest.first().is_some_and(u8::is_ascii_alphabetic) {
            let name_len = rest
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let name = html[at + 1..at + 1 + name_len].to_ascii_lowercase();
            let tag_end = html[at..].find('>').map_or(bytes.len(), |end| at + end);
            let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
            if !VOID_ELEMENTS.contains(&name.as_str()) && !self_closing {
                depth += 1;
                if depth > MAX_HTML_DEPTH {
                    return Err(Error::with_offset(
                        ErrorKind::MalformedInput,
                        format!("HTML nested deeper than {MAX_HTML_DEPTH} elements is not read"),
                        at as u64,
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Decodes a byte stream as UTF-8, in chunks, keeping the byte offset for errors. A UTF-8
/// byte-order mark at the start is dropped.
pub struct Utf8Reader<R> {
    inner: R,
    lossy: bool,
    raw: Vec<u8>,
    /// Bytes of a sequence that the last read cut in two.
    carry: Vec<u8>,
    /// The input offset of the next byte to be decoded (the first of `carry`).
    offset: u64,
    at_start: bool,
    done: bool,
    /// Decoded bytes not yet handed out through `Read`.
    pending: Vec<u8>,
    pending_from: usize,
    /// A decoding error met while serving `Read`, kept so its message is not lost.
    error: Option<Error>,
    /// Whether a byte-order mark was dropped from the start.
    bom: bool,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";
/// What one read asks for. Small enough that the read buffer stays in a core's L2 cache beside
/// the counting tables (256 KiB measured 3–4% faster than 1 MiB on the 50 MB corpus).
const RAW_CHUNK: usize = 1 << 18;

impl<R: Read> Utf8Reader<R> {
    pub fn new(inner: R, lossy: bool) -> Self {
        Utf8Reader {
            inner,
            lossy,
            raw: vec![0; RAW_CHUNK],
            carry: Vec::new(),
            offset: 0,
            at_start: true,
            done: false,
            pending: Vec::new(),
            pending_from: 0,
            error: None,
            bom: false,
        }
    }

    /// The bytes dropped before the text: 3 for a byte-order mark, else 0. Offsets in the
    /// decoded text plus this are offsets in the input (except where `lossy` replaced bytes:
    /// there the offsets count the text after replacement).
    pub fn bom_len(&self) -> u64 {
        if self.bom {
            BOM.len() as u64
        } else {
            0
        }
    }

    /// Appends the next decoded chunk to `out`; false at the end of the input.
    pub fn read_str(&mut self, out: &mut String) -> Result<bool, Error> {
        self.read_text(|text| out.push_str(text))
    }

    /// Hands the next decoded chunk to `text`, in one piece or a few (around a replaced byte),
    /// straight from the read buffer when it is valid UTF-8; false at the end of the input.
    pub fn read_text(&mut self, mut text: impl FnMut(&str)) -> Result<bool, Error> {
        let any = std::cell::Cell::new(false);
        let mut text = |piece: &str| {
            if !piece.is_empty() {
                any.set(true);
            }
            text(piece);
        };
        loop {
            if self.done {
                return Ok(false);
            }
            let read = loop {
                match self.inner.read(&mut self.raw) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        return Err(Error::with_offset(
                            ErrorKind::MalformedInput,
                            format!("cannot read: {e}"),
                            self.offset + self.carry.len() as u64,
                        ))
                    }
                }
            };
            let eof = read == 0;
            self.done = eof;
            if self.carry.is_empty() {
                // The usual case: decode straight from the read buffer, without a copy.
                let raw = std::mem::take(&mut self.raw);
                let decoded = self.decode(&raw[..read], eof, &mut text);
                self.raw = raw;
                decoded?;
            } else {
                // A character cut by the last read: complete it from this read's first bytes
                // and decode the rest in place. Anything else (a cut byte-order mark, a bad
                // sequence, a read too short) takes the general path through a copy.
                let raw = std::mem::take(&mut self.raw);
                let decoded = match self.complete_carried_char(&raw[..read], &mut text) {
                    Some(used) => self.decode(&raw[used..read], eof, &mut text),
                    None => {
                        let mut bytes = std::mem::take(&mut self.carry);
                        bytes.extend_from_slice(&raw[..read]);
                        self.decode(&bytes, eof, &mut text)
                    }
                };
                self.raw = raw;
                decoded?;
            }
            if any.get() {
                return Ok(true);
            }
        }
    }

    /// Hands out the character whose first bytes are `carry`, completed from `next`, and
    /// returns how many bytes of `next` it took; `None` when that is not a valid character.
    fn complete_carried_char(&mut self, next: &[u8], out: &mut impl FnMut(&str)) -> Option<usize> {
        if self.at_start {
            return None;
        }
        let have = self.carry.len();
        let len: usize = match self.carry.first()? {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return None,
        };
        let need = len
            .checked_sub(have)
            .filter(|&need| need > 0 && need <= next.len())?;
        let mut bytes = [0; 4];
        bytes[..have].copy_from_slice(&self.carry);
        bytes[have..len].copy_from_slice(&next[..need]);
        out(std::str::from_utf8(&bytes[..len]).ok()?);
        self.offset += len as u64;
        self.carry.clear();
        Some(need)
    }

    fn decode(&mut self, bytes: &[u8], eof: bool, out: &mut impl FnMut(&str)) -> Result<(), Error> {
        let mut rest = bytes;
        if self.at_start {
            if !eof && rest.len() < BOM.len() && BOM.starts_with(rest) {
                self.carry = rest.to_vec(); // perhaps a BOM cut by the read: wait for more
                return Ok(());
            }
            self.at_start = false;
            if let Some(after) = rest.strip_prefix(BOM) {
                rest = after;
                self.offset += BOM.len() as u64;
                self.bom = true;
            }
        }
        // The usual case, at once: valid UTF-8 up to a character that the read cut, which the
        // next read completes. simdutf8's `basic` check is its fastest (it cannot say where
        // an error is), and leaving the cut character out spares a second pass.
        let whole = if eof {
            rest.len()
        } else {
            rest.len() - cut_char_len(rest)
        };
        if let Ok(text) = simdutf8::basic::from_utf8(&rest[..whole]) {
            out(text);
            self.offset += whole as u64;
            self.carry.extend_from_slice(&rest[whole..]);
            return Ok(());
        }
        loop {
            // simdutf8 validates with SIMD; its `compat` errors say what std's do.
            match simdutf8::compat::from_utf8(rest) {
                Ok(text) => {
                    out(text);
                    self.offset += rest.len() as u64;
                    return Ok(());
                }
                Err(err) => {
                    let valid = err.valid_up_to();
                    out(simdutf8::basic::from_utf8(&rest[..valid]).expect("valid up to here"));
                    let bad_at = self.offset + valid as u64;
                    match err.error_len() {
                        None if !eof => {
                            self.carry = rest[valid..].to_vec();
                            self.offset = bad_at;
                            return Ok(());
                        }
                        error_len => {
                            if !self.lossy {
                                return Err(Error::with_offset(
                                    ErrorKind::MalformedInput,
                                    "invalid UTF-8 (use --lossy to replace it with U+FFFD)",
                                    bad_at,
                                ));
                            }
                            out("\u{FFFD}");
                            let skip = error_len.unwrap_or(rest.len() - valid);
                            rest = &rest[valid + skip..];
                            self.offset = bad_at + skip as u64;
                        }
                    }
                }
            }
        }
    }
}

/// How many bytes at the end of `bytes` begin a character that they do not finish: those after
/// the last lead byte, when it announces more. (A bad sequence there is left to the next read,
/// which decodes it with what follows, as one read of the whole input would.)
fn cut_char_len(bytes: &[u8]) -> usize {
    for back in 1..=bytes.len().min(3) {
        let byte = bytes[bytes.len() - back];
        if byte & 0xC0 != 0x80 {
            let len = match byte {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            return if len > back { back } else { 0 };
        }
    }
    0
}

/// `Read` over the decoded text; a decoding error is kept in the reader for the caller.
struct ErrorKeeping<'a, R>(&'a mut Utf8Reader<R>);

impl<R: Read> Read for ErrorKeeping<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let reader = &mut *self.0;
        if reader.pending_from == reader.pending.len() {
            let mut chunk = String::new();
            match reader.read_str(&mut chunk) {
                Ok(true) => {
                    reader.pending = chunk.into_bytes();
                    reader.pending_from = 0;
                }
                Ok(false) => return Ok(0),
                Err(err) => {
                    reader.error = Some(err);
                    return Err(io::Error::other("the input could not be decoded"));
                }
            }
        }
        let n = buf.len().min(reader.pending.len() - reader.pending_from);
        buf[..n].copy_from_slice(&reader.pending[reader.pending_from..reader.pending_from + n]);
        reader.pending_from += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_nested_too_deep_is_refused_quickly_and_ordinary_pages_pass() {
        let deep = format!(
            "<html><body>{}x{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let err = check_html_depth(&deep).expect_err("too deep");
        assert!(err.to_string().contains("nested deeper than 4096"), "{err}");
        let flat = format!(
            "<html><body>{}</body></html>",
            "<div class=\"m\"><br><img src=x/><p>t</p></div>".repeat(50_000)
        );
        assert!(check_html_depth(&flat).is_ok());
        let commented = format!("<!--{}-->", "<div>".repeat(10_000));
        assert!(check_html_depth(&commented).is_ok());
    }

    /// A reader that hands out at most `size` bytes per read.
    struct Pieces<'a> {
        bytes: &'a [u8],
        size: usize,
    }

    impl Read for Pieces<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.size.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    /// Everything `Utf8Reader` hands out, or its error's offset.
    fn decode_all(reader: impl Read, lossy: bool) -> Result<String, Option<u64>> {
        let mut reader = Utf8Reader::new(reader, lossy);
        let mut text = String::new();
        loop {
            match reader.read_str(&mut text) {
                Ok(true) => {}
                Ok(false) => return Ok(text),
                Err(err) => return Err(err.offset()),
            }
        }
    }

    #[test]
    fn reads_cut_anywhere_decode_as_the_whole_input_does() {
        // Characters of every length, cut by reads of every size, with bad sequences where a
        // carried character would be completed (a stray continuation, a lead with too few
        // continuations, a surrogate, an overlong form) and a byte-order mark.
        let good = "a é ж € 🇺🇦 #тег 𝒳\n".as_bytes();
        let mut inputs: Vec<Vec<u8>> = vec![good.to_vec(), [BOM, good].concat()];
        for bad in [
            &b"\x80"[..],
            b"\xe2\x82",
            b"\xe2\x82x",
            b"\xed\xa0\x80",
            b"\xc0\xaf",
            b"\xf4\x90",
            b"\xe0\x80",
            b"\xf8\x88\x80",
        ] {
            for at in [0, 1, 3, 6, 9] {
                let mut bytes = good.to_vec();
                bytes.splice(at..at, bad.iter().copied());
                inputs.push(bytes.clone());
                bytes.extend_from_slice(bad); // and at the very end
                inputs.push(bytes);
            }
        }
        for input in &inputs {
            for lossy in [false, true] {
                let whole = decode_all(&input[..], lossy);
                for size in 1..=9 {
                    let pieces = decode_all(Pieces { bytes: input, size }, lossy);
                    assert_eq!(pieces, whole, "{input:?} in reads of {size}, lossy {lossy}");
                }
            }
        }
    }
}
