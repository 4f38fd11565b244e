//! WARC web archives (`.warc`, `.warc.gz`), the format of the Internet
//! Archive and Common Crawl's CC-NEWS: a stream of records, each a block
//! of `WARC/1.x` headers, a `Content-Length` of content and a blank line.
//!
//! Records are read one at a time (memory holds one record's first
//! [`MAX_RECORD_BYTES`], whatever the file's size), and only `response`
//! and `resource` records that hold an HTML page are handed on, with the
//! page's URL, the capture date and the character set the server named.
//! A `.warc.gz` file is read a gzip member at a time, so that a record's
//! offset is the compressed offset of its member, as CDX indexes and
//! `warcio index` give it; in a plain `.warc` file it is the byte offset.
//!
//! A damaged file costs what is damaged: a record whose `Content-Length`
//! lies is cut at the next record's start, junk between records is skipped
//! to the next `WARC/` line, and a truncated gzip stream ends the file with
//! what was read before it indexed.

use std::collections::BTreeMap;
use std::io::{BufRead, Read};

use crate::read::MAX_RECORD_BYTES;

/// The longest header block (WARC or HTTP) read; a longer one is junk.
const MAX_HEADER_BYTES: usize = 64 << 10;

/// One record that holds an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The record's offset ([`crate::warc`] says which).
    pub offset: u64,
    /// `WARC-Target-URI`.
    pub url: Option<String>,
    /// `WARC-Date`, the capture time.
    pub captured: Option<String>,
    /// The `charset` of the HTTP `Content-Type`, when it names one.
    pub charset: Option<String>,
    /// The page's bytes (HTTP headers removed, chunks joined, inflated).
    pub html: Vec<u8>,
    /// Why the page may be incomplete.
    pub warnings: Vec<String>,
}

/// What a WARC file held besides pages, and what went wrong in it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tally {
    /// Records read, pages or not.
    pub records: u64,
    /// Records that are not HTML pages, by kind ("request", "response
    /// image/jpeg"...).
    pub skipped: BTreeMap<String, u64>,
    /// Problems that cost nothing but a page's end, each naming the
    /// record's offset: a lying length, junk between records.
    pub problems: Vec<String>,
    /// Records lost, by offset, and why: headers or a length that cannot
    /// be read.
    pub lost: Vec<(u64, String)>,
    /// Why the file could not be read to its end.
    pub stopped: Option<String>,
    /// The last problem reads on to the next record (`Some(true)` when it
    /// lost the record): the junk skipped is its consequence, told in the
    /// same line.
    reading_on: Option<bool>,
}

/// Reads every record of a plain WARC stream, handing each page to `page`.
pub fn read_plain(input: impl BufRead, page: &mut dyn FnMut(Page)) -> Tally {
    let mut tally = Tally::default();
    let mut stream = Rewind::new(input);
    let mut last = None;
    read_records(&mut stream, &mut |pos| pos, &mut last, &mut tally, page);
    if let Some(err) = stream.error {
        tally.stopped = Some(format!(
            "cannot read past offset {}: {err}",
            stream.position
        ));
    }
    tally
}

/// Reads every record of a gzip-compressed WARC stream, a member at a time.
pub fn read_gzip(input: impl BufRead, page: &mut dyn FnMut(Page)) -> Tally {
    let mut tally = Tally::default();
    let mut compressed = Counted {
        inner: input,
        count: 0,
    };
    let mut last: Option<u64> = None;
    let mut inflated_before = 0u64;
    loop {
        match compressed.fill_buf() {
            Ok([]) => break,
            Ok(_) => {}
            Err(err) => {
                tally.stopped = Some(format!("cannot read: {err}"));
                break;
            }
        }
        let member_offset = compressed.count;
        let mut member = Rewind::new(std::io::BufReader::with_capacity(
            64 << 10,
            flate2::bufread::GzDecoder::new(&mut compressed),
        ));
        // A record that opens its member is named by the member's offset;
        // one inside a member (a file gzipped whole) by where it starts in
        // the inflated stream.
        let base = inflated_before;
        let mut offset = |pos: u64| {
            if pos == 0 {
                member_offset
            } else {
                base + pos
            }
        };
        read_records(&mut member, &mut offset, &mut last, &mut tally, page);
        inflated_before += member.position;
        if let Some(err) = member.error.take() {
            tally.stopped = Some(format!(
                "the gzip stream is damaged or cut short in the member at offset {member_offset} ({err}): the rest of the file is not read"
            ));
            break;
        }
    }
    tally
}

/// Reads the records of one stream. Offsets handed on are made to grow, so
/// that no two records of a file share an id.
fn read_records<R: BufRead>(
    stream: &mut Rewind<R>,
    offset_of: &mut dyn FnMut(u64) -> u64,
    last: &mut Option<u64>,
    tally: &mut Tally,
    page: &mut dyn FnMut(Page),
) {
    loop {
        let Some(start) = next_record_start(stream, offset_of, tally) else {
            return;
        };
        let candidate = offset_of(start);
        let offset = match *last {
            Some(previous) if candidate <= previous => previous + 1,
            _ => candidate,
        };
        *last = Some(offset);
        let headers = match read_header_block(stream) {
            Ok(headers) => headers,
            // A stream that failed is reported once, as the file's end.
            Err(_) if stream.error.is_some() => return,
            Err(reason) => {
                tally.reading_on = Some(true);
                tally
                    .lost
                    .push((offset, format!("record at offset {offset}: {reason}")));
                continue;
            }
        };
        tally.records += 1;
        if let Some(found) = read_record(stream, offset, &headers, tally) {
            page(found);
        }
    }
}

/// Skips blank lines and junk up to the next line that starts with
/// `WARC/`, and returns its position, or `None` at the end of the stream.
fn next_record_start<R: BufRead>(
    stream: &mut Rewind<R>,
    offset_of: &mut dyn FnMut(u64) -> u64,
    tally: &mut Tally,
) -> Option<u64> {
    let mut junk_at = None;
    let mut at_line_start = true;
    let found = loop {
        let Ok(buf) = stream.fill_buf() else {
            break None;
        };
        if buf.is_empty() {
            break None;
        }
        if at_line_start && buf.starts_with(b"WARC/") {
            break Some(stream.position);
        }
        if at_line_start && buf.len() < 5 && b"WARC/".starts_with(buf) {
            // "WA" at the end of a buffer: pull five bytes into one piece.
            let mut head = [0u8; 5];
            let n = read_up_to(stream, &mut head);
            if n == 5 {
                stream.push_back(&head);
                continue;
            }
            junk_at.get_or_insert(stream.position - n as u64);
            continue;
        }
        let byte = buf[0];
        if !(byte == b'\r' || byte == b'\n') || junk_at.is_some() {
            junk_at.get_or_insert(stream.position);
        }
        stream.consume(1);
        at_line_start = byte == b'\n';
    };
    let reading_on = std::mem::take(&mut tally.reading_on);
    if let Some(at) = junk_at {
        let bytes = found.unwrap_or(stream.position) - at;
        // The junk a lost record or a lying length left is told with it.
        let last = match reading_on {
            Some(true) => tally.lost.last_mut().map(|(_, reason)| reason),
            Some(false) => tally.problems.last_mut(),
            None => None,
        };
        match last {
            Some(last) => last.push_str(&format!(" ({bytes} bytes skipped)")),
            _ => tally.problems.push(format!(
                "{bytes} bytes that are not a WARC record skipped at offset {}",
                offset_of(at)
            )),
        }
    }
    found
}

/// Reads into `out` until it is full or the stream ends.
fn read_up_to(stream: &mut impl Read, out: &mut [u8]) -> usize {
    let mut n = 0;
    while n < out.len() {
        match stream.read(&mut out[n..]) {
            Ok(0) | Err(_) => break,
            Ok(k) => n += k,
        }
    }
    n
}

/// Header lines (`Name: value`) up to a blank line, names lowercased.
fn read_header_block(stream: &mut impl BufRead) -> Result<Vec<(String, String)>, String> {
    let mut headers = Vec::new();
    let mut total = 0usize;
    let mut line = Vec::new();
    let mut first = true;
    loop {
        line.clear();
        let n = stream
            .take((MAX_HEADER_BYTES - total) as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(|err| format!("cannot read its headers: {err}"))?;
        total += n;
        if n == 0 {
            return Err("the file ends inside its headers".to_string());
        }
        if total > MAX_HEADER_BYTES {
            return Err(format!(
                "headers longer than {} KB: not a WARC record",
                MAX_HEADER_BYTES >> 10
            ));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if first {
            first = false;
            continue;
        }
        if text.is_empty() {
            return Ok(headers);
        }
        if let Some((name, value)) = text.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Reads one record's content and the blank lines after it, and returns
/// the page it holds, if any.
fn read_record<R: BufRead>(
    stream: &mut Rewind<R>,
    offset: u64,
    headers: &[(String, String)],
    tally: &mut Tally,
) -> Option<Page> {
    let kind = header(headers, "warc-type").unwrap_or("(no WARC-Type)");
    let Some(length) = header(headers, "content-length").and_then(|v| v.parse::<u64>().ok()) else {
        tally.reading_on = Some(true);
        tally.lost.push((
            offset,
            format!(
                "record at offset {offset}: no valid Content-Length: skipped to the next record"
            ),
        ));
        return None;
    };
    let block_type = header(headers, "content-type").unwrap_or("");
    let wanted = match kind {
        "response" => block_type.is_empty() || block_type.starts_with("application/http"),
        "resource" => is_html_type(block_type),
        _ => false,
    };
    // What is not a page is kept only as far as a lying length needs it.
    let keep = if wanted { MAX_RECORD_BYTES } else { 1 << 20 } as u64;
    let mut block = Vec::new();
    let read = (&mut *stream)
        .take(length.min(keep))
        .read_to_end(&mut block)
        .unwrap_or(0) as u64;
    let skipped = std::io::copy(
        &mut (&mut *stream).take(length - read),
        &mut std::io::sink(),
    )
    .unwrap_or(0);
    let mut warnings = Vec::new();
    let ended = read + skipped == length && record_end(stream);
    if !ended {
        // The length lies, or the file ends inside the record: the record
        // ends where the next one starts.
        let reason = match next_record_in(&block) {
            Some(cut) => {
                stream.push_back(&block[cut..]);
                // Without the blank lines that ended it.
                let end = block[..cut]
                    .iter()
                    .rposition(|b| *b != b'\r' && *b != b'\n')
                    .map_or(0, |i| i + 1);
                block.truncate(end);
                format!(
                    "its Content-Length ({length}) runs past its end: read up to the next record"
                )
            }
            None if read + skipped < length => {
                warnings.push("cut short: the WARC file ends inside this record".to_string());
                format!(
                    "the file ends {} bytes into its {length}-byte content",
                    read + skipped
                )
            }
            None => {
                tally.reading_on = Some(false);
                format!(
                    "its Content-Length ({length}) ends before the record does: its page is cut there, and the rest skipped to the next record"
                )
            }
        };
        tally
            .problems
            .push(format!("record at offset {offset}: {reason}"));
    }
    if !wanted {
        *tally.skipped.entry(kind.to_string()).or_default() += 1;
        return None;
    }
    if read >= keep && length > keep {
        warnings.push(format!(
            "page of {} MB read to its first {} MB",
            length.div_ceil(1 << 20),
            MAX_RECORD_BYTES >> 20
        ));
    }
    let (html, charset) = if kind == "response" {
        match http_page(&block) {
            Ok(found) => found,
            Err(what) => {
                *tally.skipped.entry(format!("response {what}")).or_default() += 1;
                return None;
            }
        }
    } else {
        (block, charset_of(block_type))
    };
    Some(Page {
        offset,
        url: header(headers, "warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string()),
        captured: header(headers, "warc-date").map(str::to_string),
        charset,
        html,
        warnings,
    })
}

/// Consumes the blank line(s) that end a record; false (consuming nothing)
/// when what follows is not one.
fn record_end<R: BufRead>(stream: &mut Rewind<R>) -> bool {
    let mut end = [0u8; 4];
    let n = read_up_to(stream, &mut end);
    let ok = match n {
        0 => true,
        _ => end[..n].iter().all(|b| *b == b'\r' || *b == b'\n'),
    };
    if !ok {
        stream.push_back(&end[..n]);
    }
    ok
}

/// Where the next record starts inside a block read with a lying length.
fn next_record_in(block: &[u8]) -> Option<usize> {
    block
        .windows(7)
        .position(|w| w == b"\nWARC/1")
        .map(|i| i + 1)
}

fn is_html_type(content_type: &str) -> bool {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    mime == "text/html" || mime == "application/xhtml+xml"
}

/// Whether a body with no declared type opens as an HTML document.
fn looks_like_html(body: &[u8]) -> bool {
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head = &body[start..body.len().min(start + 64)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// The `charset` parameter of a `Content-Type`.
fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_string())
            .filter(|v| !v.is_empty())
    })
}

/// The HTML page in an HTTP response, and the charset it names; or what
/// the response is instead ("not HTML (image/jpeg)", "status 404"...).
fn http_page(block: &[u8]) -> Result<(Vec<u8>, Option<String>), String> {
    let mut reader = block;
    let headers = read_header_block(&mut reader).map_err(|_| "without HTTP headers".to_string())?;
    let status_line = block.split(|b| *b == b'\n').next().unwrap_or(&[]);
    let status = String::from_utf8_lossy(status_line)
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok());
    match status {
        Some(200..=299) => {}
        Some(status) => return Err(format!("status {status}")),
        None => return Err("without an HTTP status".to_string()),
    }
    let content_type = header(&headers, "content-type").unwrap_or("");
    let mime = content_type.split(';').next().unwrap_or("").trim();
    // A server that names no type: the body is HTML when it opens as HTML.
    if mime.is_empty() && !looks_like_html(reader) {
        return Err("without a Content-Type".to_string());
    }
    if !mime.is_empty() && !is_html_type(content_type) {
        return Err(format!("not HTML ({})", mime.to_ascii_lowercase()));
    }
    let mut body = reader.to_vec();
    if header(&headers, "transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        body = dechunk(&body).ok_or("with broken chunked encoding")?;
    }
    match header(&headers, "content-encoding").map(str::to_ascii_lowercase) {
        None => {}
        Some(e) if e == "identity" => {}
        Some(e) if e == "gzip" || e == "x-gzip" => {
            body = crate::html::gunzip(&body[..]).map_err(|_| "with a damaged gzip body")?;
        }
        Some(e) if e == "deflate" => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(&body[..])
                .take(MAX_RECORD_BYTES as u64)
                .read_to_end(&mut out)
                .map_err(|_| "with a damaged deflate body")?;
            body = out;
        }
        Some(other) => return Err(format!("compressed as {other}")),
    }
    Ok((body, charset_of(content_type)))
}

/// A chunked HTTP body joined, or `None` when the chunks do not parse.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = body.iter().position(|b| *b == b'\n')?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

/// A `BufRead` that counts what is consumed from it.
struct Counted<R> {
    inner: R,
    count: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(out)?;
        self.count += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amount: usize) {
        self.count += amount as u64;
        self.inner.consume(amount);
    }
}

/// A `BufRead` that bytes can be pushed back into, counting its position;
/// an error of the stream under it ends it and is kept.
struct Rewind<R> {
    back: Vec<u8>,
    back_at: usize,
    inner: R,
    position: u64,
    error: Option<String>,
}

impl<R: BufRead> Rewind<R> {
    fn new(inner: R) -> Self {
        Rewind {
            back: Vec::new(),
            back_at: 0,
            inner,
            position: 0,
            error: None,
        }
    }

    /// Makes `bytes` the next ones read (they were the last ones read).
    fn push_back(&mut self, bytes: &[u8]) {
        let mut back = bytes.to_vec();
        back.extend_from_slice(&self.back[self.back_at..]);
        self.back = back;
        self.back_at = 0;
        self.position -= bytes.len() as u64;
    }
}

impl<R: BufRead> Read for Rewind<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let buf = self.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Rewind<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.back_at < self.back.len() {
            return Ok(&self.back[self.back_at..]);
        }
        if self.error.is_some() {
            return Ok(&[]);
        }
        if let Err(err) = self.inner.fill_buf() {
            self.error = Some(err.to_string());
            return Ok(&[]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.position += amount as u64;
        if self.back_at < self.back.len() {
            self.back_at += amount;
            if self.back_at >= self.back.len() {
                self.back.clear();
                self.back_at = 0;
            }
        } else {
            self.inner.consume(amount);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str =
        "<html><head><title>Harbour</title></head><body><p>Ferries sail again.</p></body></html>";

    fn record(kind: &str, url: &str, block: &[u8], length: usize) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2004-08-03T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n"
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn response(content_type: &str, extra: &str, body: &[u8]) -> Vec<u8> {
        let mut out =
            format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{extra}\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    fn pages(file: &[u8]) -> (Vec<Page>, Tally) {
        let mut found = Vec::new();
        let tally = read_plain(file, &mut |page| found.push(page));
        (found, tally)
    }

    #[test]
    fn pages_are_read_with_their_offsets_and_the_rest_is_counted() {
        let html = response("text/html; charset=ISO-8859-1", "", PAGE.as_bytes());
        let image = response("image/jpeg", "", b"\xff\xd8\xff");
        let mut file = record("warcinfo", "", b"software: test", 14);
        let second = file.len() as u64;
        file.extend(record(
            "response",
            "<https://a.example/1>",
            &html,
            html.len(),
        ));
        file.extend(record(
            "response",
            "https://a.example/logo",
            &image,
            image.len(),
        ));
        let (found, tally) = pages(&file);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].offset, second);
        assert_eq!(found[0].url.as_deref(), Some("https://a.example/1"));
        assert_eq!(found[0].charset.as_deref(), Some("ISO-8859-1"));
        assert_eq!(found[0].html, PAGE.as_bytes());
        assert_eq!(tally.records, 3);
        assert_eq!(tally.skipped["warcinfo"], 1);
        assert_eq!(tally.skipped["response not HTML (image/jpeg)"], 1);
        assert!(tally.problems.is_empty(), "{:?}", tally.problems);
    }

    #[test]
    fn chunked_and_gzipped_bodies_are_joined_and_inflated() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, PAGE.as_bytes()).unwrap();
        let zipped = gz.finish().unwrap();
        let (a, b) = zipped.split_at(10);
        let mut chunked = format!("{:x}\r\n", a.len()).into_bytes();
        chunked.extend_from_slice(a);
        chunked.extend(format!("\r\n{:x};ext=1\r\n", b.len()).into_bytes());
        chunked.extend_from_slice(b);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let extra = "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n";
        let html = response("text/html", extra, &chunked);
        let (found, _) = pages(&record("response", "https://a.example/", &html, html.len()));
        assert_eq!(found[0].html, PAGE.as_bytes());
    }

    #[test]
    fn a_lying_length_costs_no_other_record() {
        let html = response("text/html", "", PAGE.as_bytes());
        let one = record("response", "https://a.example/1", &html, html.len() + 40);
        let two = record("response", "https://a.example/2", &html, html.len() - 30);
        let three = record("response", "https://a.example/3", &html, html.len());
        let file = [one, two, three].concat();
        let (found, tally) = pages(&file);
        let urls: Vec<&str> = found.iter().filter_map(|p| p.url.as_deref()).collect();
        assert_eq!(
            urls,
            [
                "https://a.example/1",
                "https://a.example/2",
                "https://a.example/3"
            ]
        );
        assert_eq!(tally.problems.len(), 2, "{:?}", tally.problems);
        assert!(tally.problems[0].starts_with("record at offset 0: its Content-Length"));
        assert!(
            tally.problems[1].contains("bytes skipped"),
            "{:?}",
            tally.problems
        );
        assert!(found[0].html.starts_with(b"<html>") && found[0].html.ends_with(b"</html>"));
    }

    #[test]
    fn gzip_members_name_records_and_a_truncated_stream_keeps_what_came_before() {
        let html = response("text/html", "", PAGE.as_bytes());
        let mut file = Vec::new();
        let mut members = Vec::new();
        for n in 0..3 {
            members.push(file.len() as u64);
            let url = format!("https://a.example/{n}");
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            let plain = record("response", &url, &html, html.len());
            std::io::Write::write_all(&mut gz, &plain).unwrap();
            file.extend(gz.finish().unwrap());
        }
        let mut found = Vec::new();
        let tally = read_gzip(&file[..], &mut |page| found.push(page.offset));
        assert_eq!(found, members);
        assert_eq!(tally.stopped, None);
        let mut found = Vec::new();
        let cut = &file[..members[2] as usize + 30];
        let tally = read_gzip(cut, &mut |page| found.push(page.offset));
        assert_eq!(found, members[..2]);
        assert!(tally
            .stopped
            .unwrap()
            .contains(&format!("offset {}", members[2])));
    }

    #[test]
    fn junk_and_a_file_that_is_no_warc_are_reported() {
        let html = response("text/html", "", PAGE.as_bytes());
        let mut file = b"garbage line\r\n".to_vec();
        file.extend(record("response", "https://a.example/", &html, html.len()));
        let (found, tally) = pages(&file);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].offset, 14);
        assert_eq!(
            tally.problems,
            ["14 bytes that are not a WARC record skipped at offset 0"]
        );
        // A record whose length cannot be read is lost, the next is not.
        let bad = String::from_utf8(record(
            "response",
            "https://a.example/bad",
            &html,
            html.len(),
        ))
        .unwrap()
        .replace(
            &format!("Content-Length: {}", html.len()),
            "Content-Length: abc",
        );
        let good = record("response", "https://a.example/good", &html, html.len());
        let (found, tally) = pages(&[bad.into_bytes(), good].concat());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].url.as_deref(), Some("https://a.example/good"));
        assert_eq!(tally.lost.len(), 1, "{:?}", tally.lost);
        assert_eq!(tally.lost[0].0, 0);
        assert!(
            tally.lost[0].1.contains("no valid Content-Length")
                && tally.lost[0].1.contains("bytes skipped")
        );
        let (found, tally) = pages(b"just some text\nWAR");
        assert!(found.is_empty());
        assert_eq!(tally.records, 0);
    }
}
