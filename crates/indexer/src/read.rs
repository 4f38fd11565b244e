//! Reading one file into articles in bounded memory, whatever its size.
//!
//! A file of up to [`WHOLE_FILE_BYTES`] is read whole, hashed and decoded at
//! once. A larger one is hashed in a first streaming pass (the hash decides
//! whether a changed file is re-indexed at all) and read in a second: JSON
//! Lines a line at a time, a JSON array an element at a time, so a file of
//! any size costs one record's memory. Each record is bounded by
//! [`MAX_RECORD_BYTES`], and each article's text by [`MAX_ARTICLE_BYTES`]:
//! a longer text is cut there, with a warning, rather than letting one
//! article take the process's memory (a 500 MB `.txt` took 7.6 GB).

use std::fs::File;
use std::io::{BufRead, BufReader, Read};

use crate::discover::SourceFile;
use crate::parse::{self, decode, Format, ParseProblem};
use crate::Article;

/// Files up to this size are read into memory whole.
pub const WHOLE_FILE_BYTES: u64 = 16 << 20;
/// The most text of one article that is indexed; the rest is cut, with a warning.
pub const MAX_ARTICLE_BYTES: usize = 8 << 20;
/// The longest JSON Lines line or JSON record read; a longer one is skipped.
pub const MAX_RECORD_BYTES: usize = 64 << 20;

/// A file opened for reading: its hash and size, and its bytes when small.
pub struct Opened {
    /// xxh3 hash of the whole file.
    pub hash: u64,
    /// Bytes in the file.
    pub bytes: u64,
    whole: Option<Vec<u8>>,
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// The file was there at discovery and is gone now.
    Vanished,
    /// Any other failure, in a line.
    Failed(String),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Vanished => f.write_str("file vanished before it could be read"),
            OpenError::Failed(reason) => f.write_str(reason),
        }
    }
}

fn open_error(err: std::io::Error) -> OpenError {
    if err.kind() == std::io::ErrorKind::NotFound {
        OpenError::Vanished
    } else {
        OpenError::Failed(format!("cannot read: {err}"))
    }
}

/// Reads a small file whole, or hashes a large one in a streaming pass.
pub fn open(file: &SourceFile) -> Result<Opened, OpenError> {
    if file.size <= WHOLE_FILE_BYTES {
        let bytes = std::fs::read(&file.path).map_err(open_error)?;
        return Ok(Opened {
            hash: xxhash_rust::xxh3::xxh3_64(&bytes),
            bytes: bytes.len() as u64,
            whole: Some(bytes),
        });
    }
    let mut reader = File::open(&file.path).map_err(open_error)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut bytes = 0u64;
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(open_error(err)),
        };
        hasher.update(&buffer[..n]);
        bytes += n as u64;
    }
    Ok(Opened {
        hash: hasher.digest(),
        bytes,
        whole: None,
    })
}

/// Parses decoded text in the given format, as a file of it would be read.
pub fn parse_text(text: &str, format: Format) -> parse::Parsed {
    let mut parsed = parse::Parsed::default();
    let mut each = |result: Result<Article, ParseProblem>| match result {
        Ok(article) => parsed.articles.push(article),
        Err(problem) => parsed.problems.push(problem),
    };
    let records = match format {
        Format::Text => text_article(text.as_bytes(), text.len() as u64, &mut each),
        Format::Email => email_article(text.as_bytes(), text.len() as u64, &mut each),
        Format::Mbox => mbox(text.as_bytes(), &mut each),
        Format::Html | Format::HtmlGz => html_article(text.as_bytes(), &mut each),
        Format::Warc | Format::WarcGz => Ok(warc(text.as_bytes(), false, &mut each)),
        format => json_records(text.as_bytes(), format, false, &mut each),
    };
    if let Err(reason) = records {
        parsed.problems.push(ParseProblem {
            line: None,
            record: None,
            reason,
        });
    }
    parsed
}

/// What reading a file's records gave besides articles.
#[derive(Debug, Default)]
pub struct Records {
    /// Notes about the whole file (re-encoded, NULs removed).
    pub notes: Vec<String>,
    /// The whole file was refused (binary, unreadable), with the reason.
    pub refused: Option<String>,
    /// The file could not be read to its end (a truncated gzip stream):
    /// what came before is indexed, the rest is lost, with the reason.
    pub cut: Option<String>,
    /// Records that are not articles, by kind (a WARC file's requests,
    /// images, redirects...): counted, not reported one by one.
    pub not_articles: std::collections::BTreeMap<String, u64>,
}

impl Opened {
    /// Hands each article of the file, or the problem of each record that is
    /// not one, to `each`, in file order.
    pub fn articles(
        self,
        file: &SourceFile,
        each: &mut dyn FnMut(Result<Article, ParseProblem>),
    ) -> Records {
        let result = match (self.whole, file.format) {
            (Some(bytes), Format::Text) => text_article(&bytes, self.bytes, each),
            (None, Format::Text) => read_head(file, MAX_ARTICLE_BYTES + 4)
                .and_then(|head| text_article(&head, self.bytes, each)),
            (Some(bytes), Format::Email) => email_article(&bytes, self.bytes, each),
            (None, Format::Email) => read_head(file, MAX_RECORD_BYTES)
                .and_then(|head| email_article(&head, self.bytes, each)),
            (Some(bytes), Format::Mbox) => mbox(&bytes[..], each),
            (Some(bytes), Format::Html) => html_article(&bytes, each),
            (None, Format::Html) => {
                read_head(file, MAX_RECORD_BYTES).and_then(|head| html_article(&head, each))
            }
            (Some(bytes), Format::HtmlGz) => {
                crate::html::gunzip(&bytes[..]).and_then(|page| html_article(&page, each))
            }
            (None, Format::HtmlGz) => File::open(&file.path)
                .map_err(|err| open_error(err).to_string())
                .and_then(|f| crate::html::gunzip(BufReader::new(f)))
                .and_then(|page| html_article(&page, each)),
            (Some(bytes), Format::Warc) => Ok(warc(&bytes[..], false, each)),
            (Some(bytes), Format::WarcGz) => Ok(warc(&bytes[..], true, each)),
            (None, format @ (Format::Warc | Format::WarcGz)) => File::open(&file.path)
                .map_err(|err| open_error(err).to_string())
                .map(|f| {
                    let input = BufReader::with_capacity(1 << 20, f);
                    warc(input, format == Format::WarcGz, each)
                }),
            (None, Format::Mbox) => File::open(&file.path)
                .map_err(|err| open_error(err).to_string())
                .and_then(|f| mbox(BufReader::with_capacity(1 << 20, f), each)),
            (Some(bytes), format) => match decode(&bytes) {
                Ok((text, note)) => {
                    drop(bytes);
                    let mut records =
                        json_records(text.as_bytes(), format, false, each).unwrap_or_default();
                    records.notes.extend(note);
                    Ok(records)
                }
                Err(reason) => Err(reason),
            },
            (None, format) => large_json(file, format, each),
        };
        result.unwrap_or_else(|reason| Records {
            refused: Some(reason),
            ..Records::default()
        })
    }
}

/// The native article in `head` (the file's first bytes, all of them when
/// the file is small), cut to [`MAX_ARTICLE_BYTES`] at a character boundary.
fn text_article(
    head: &[u8],
    file_bytes: u64,
    each: &mut dyn FnMut(Result<Article, ParseProblem>),
) -> Result<Records, String> {
    let cut = cut_at_char(head, MAX_ARTICLE_BYTES);
    let (text, note) = decode(&head[..cut])?;
    let mut article = match parse::parse_native(&text) {
        Ok(article) => article,
        Err(reason) => {
            each(Err(ParseProblem {
                line: None,
                record: None,
                reason,
            }));
            return Ok(Records::default());
        }
    };
    if (cut as u64) < file_bytes {
        article.warnings.push(cut_warning(file_bytes));
    }
    each(Ok(article));
    Ok(Records {
        notes: note.into_iter().collect(),
        ..Records::default()
    })
}

/// One e-mail message (its first [`MAX_RECORD_BYTES`] when larger: the text
/// part comes before attachments).
fn email_article(
    bytes: &[u8],
    file_bytes: u64,
    each: &mut dyn FnMut(Result<Article, ParseProblem>),
) -> Result<Records, String> {
    if parse::looks_binary(&bytes[..bytes.len().min(8192)]) {
        return Err("binary data, not text".to_string());
    }
    let (mut article, attachments) = crate::email::message_article(bytes)?;
    if file_bytes > bytes.len() as u64 {
        article.warnings.push(format!(
            "message of {} MB read to its first {} MB",
            file_bytes.div_ceil(1 << 20),
            MAX_RECORD_BYTES >> 20
        ));
    }
    each(Ok(bounded(article)));
    Ok(Records {
        notes: attachment_note(attachments as u64, 1).into_iter().collect(),
        ..Records::default()
    })
}

/// The first `max` bytes of a file too large to read whole.
fn read_head(file: &SourceFile, max: usize) -> Result<Vec<u8>, String> {
    let handle = File::open(&file.path).map_err(|err| open_error(err).to_string())?;
    let mut head = Vec::with_capacity(max.min(WHOLE_FILE_BYTES as usize * 2));
    handle
        .take(max as u64)
        .read_to_end(&mut head)
        .map_err(|err| format!("cannot read: {err}"))?;
    Ok(head)
}

/// A saved web page: its article, or why it has none.
fn html_article(
    bytes: &[u8],
    each: &mut dyn FnMut(Result<Article, ParseProblem>),
) -> Result<Records, String> {
    if parse::looks_binary(&bytes[..bytes.len().min(8192)]) {
        return Err("binary data, not text".to_string());
    }
    let article = crate::html::page_article(bytes)?;
    each(Ok(bounded(article)));
    Ok(Records::default())
}

/// Pages handed to the HTML extractor at once, and their bytes at most.
const WARC_BATCH: usize = 64;
const WARC_BATCH_BYTES: usize = 32 << 20;

/// A WARC file's pages, streamed a record at a time and extracted in
/// parallel a batch at a time, handed on in file order.
fn warc(
    input: impl BufRead,
    gzip: bool,
    each: &mut dyn FnMut(Result<Article, ParseProblem>),
) -> Records {
    let mut batch: Vec<crate::warc::Page> = Vec::new();
    let mut batch_bytes = 0;
    let mut flush = |batch: &mut Vec<crate::warc::Page>| {
        use rayon::prelude::*;
        let articles: Vec<_> = batch.par_drain(..).map(warc_article).collect();
        articles.into_iter().for_each(&mut *each);
    };
    let mut page = |page: crate::warc::Page| {
        batch_bytes += page.html.len();
        batch.push(page);
        if batch.len() >= WARC_BATCH || batch_bytes >= WARC_BATCH_BYTES {
            flush(&mut batch);
            batch_bytes = 0;
        }
    };
    let mut input = input;
    // A plain WARC file named `.warc.gz` is read as what it is.
    let gzip = gzip
        && input
            .fill_buf()
            .map_or(true, |head| head.starts_with(&[0x1f, 0x8b]));
    let tally = if gzip {
        crate::warc::read_gzip(input, &mut page)
    } else {
        crate::warc::read_plain(input, &mut page)
    };
    flush(&mut batch);
    for (offset, reason) in tally.lost {
        each(Err(ParseProblem {
            line: None,
            record: Some(offset),
            reason,
        }));
    }
    let mut records = Records {
        notes: tally.problems,
        not_articles: tally.skipped,
        ..Records::default()
    };
    match tally.stopped {
        Some(reason) if tally.records == 0 => records.refused = Some(reason),
        Some(reason) => records.cut = Some(reason),
        None if tally.records == 0 => {
            records.refused = Some("no WARC records in the file".to_string());
        }
        None => {}
    }
    records
}

/// The article of one WARC page: its URL is the one captured, and the
/// capture date stands in when the page gives none.
fn warc_article(page: crate::warc::Page) -> Result<Article, ParseProblem> {
    let offset = page.offset;
    let mut article =
        crate::html::page_article_in(&page.html, page.charset.as_deref()).map_err(|reason| {
            ParseProblem {
                line: None,
                record: Some(offset),
                reason: format!("record at offset {offset}: {reason}"),
            }
        })?;
    article.line = Some(offset);
    if article.date.is_none() {
        // The day the URL names, else the capture's, said as such.
        let from_url = page.url.as_deref().and_then(crate::path_date::date_in_url);
        let captured = page.captured.as_deref().map(|d| (d, parse::parse_date(d)));
        let (date, note) = match (from_url, captured) {
            (Some(day), _) => (Some(day), None),
            (None, Some((_, Ok(day)))) => (
                Some(day),
                Some(format!(
                    "no date in the page or its URL: {}",
                    parse::CAPTURE_DATED
                )),
            ),
            (None, Some((raw, Err(_)))) => (
                None,
                Some(format!(
                    "no date in the page and a bad WARC-Date `{raw}`: {}",
                    parse::UNDATED
                )),
            ),
            (None, None) => (None, None),
        };
        if date.is_some() || note.is_some() {
            article.warnings.retain(|w| !w.ends_with(parse::UNDATED));
        }
        article.date = date;
        article.warnings.extend(note);
    }
    if article.source.is_none() {
        article.source = page.url.as_deref().and_then(host);
    }
    if page.url.is_some() {
        article.url = page.url;
    }
    article.warnings.extend(page.warnings);
    Ok(bounded(article))
}

/// The host of a URL, without `www.`.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// A mailbox, a message at a time.
fn mbox(
    input: impl BufRead,
    each: &mut dyn FnMut(Result<Article, ParseProblem>),
) -> Result<Records, String> {
    let mailbox = crate::email::mbox_articles(input, &mut |result| each(result.map(bounded)))?;
    Ok(Records {
        notes: attachment_note(mailbox.attachments, mailbox.messages)
            .into_iter()
            .collect(),
        ..Records::default()
    })
}

fn attachment_note(attachments: u64, messages: u64) -> Option<String> {
    match (attachments, messages) {
        (0, _) => None,
        (1, 1) => Some("1 attachment not indexed".to_string()),
        (n, 1) => Some(format!("{n} attachments not indexed")),
        (n, m) => Some(format!(
            "{n} attachment{} in {m} messages not indexed",
            if n == 1 { "" } else { "s" }
        )),
    }
}

fn cut_warning(bytes: u64) -> String {
    format!(
        "text of {} MB cut to its first {} MB: the rest is not indexed",
        bytes.div_ceil(1 << 20),
        MAX_ARTICLE_BYTES >> 20
    )
}

/// The longest prefix of `bytes` of at most `max` bytes that does not end
/// inside a UTF-8 sequence.
fn cut_at_char(bytes: &[u8], max: usize) -> usize {
    if bytes.len() <= max {
        return bytes.len();
    }
    let mut cut = max;
    // Back off over continuation bytes (10xxxxxx), at most three.
    while cut > max.saturating_sub(3) && cut > 0 && bytes[cut] & 0xC0 == 0x80 {
        cut -= 1;
    }
    cut
}

/// The article with its text cut to [`MAX_ARTICLE_BYTES`] (title, lead,
/// then body), with a warning when it was cut.
fn bounded(mut article: Article) -> Article {
    let total = article.lead.len() + article.body.len() + article.title.len();
    if total <= MAX_ARTICLE_BYTES {
        return article;
    }
    let mut room = MAX_ARTICLE_BYTES;
    for text in [&mut article.title, &mut article.lead, &mut article.body] {
        let keep = cut_at_char(text.as_bytes(), room);
        text.truncate(keep);
        room -= keep;
    }
    article.warnings.push(cut_warning(total as u64));
    article
}

/// A large JSON or JSON Lines file, streamed: its encoding is judged from
/// its first 8 KiB.
fn large_json(
    file: &SourceFile,
    format: Format,
    each: &mut dyn FnMut(Result<Article, ParseProblem>),
) -> Result<Records, String> {
    let handle = File::open(&file.path).map_err(|err| open_error(err).to_string())?;
    let mut reader = BufReader::with_capacity(1 << 20, handle);
    let head = reader
        .fill_buf()
        .map_err(|err| format!("cannot read: {err}"))?;
    let head = &head[..head.len().min(8192)];
    if let Some(encoding) = parse::utf16_encoding(head) {
        let utf8 = BufReader::with_capacity(1 << 20, Utf16Reader::new(reader, encoding));
        let mut records = json_records(utf8, format, true, each)?;
        records
            .notes
            .insert(0, format!("decoded as {}", encoding.name()));
        return Ok(records);
    }
    if parse::looks_binary(head) {
        return Err("binary data, not text".to_string());
    }
    if head.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    json_records(reader, format, true, each)
}

/// Reads JSON Lines lines or JSON records from UTF-8 `input`. `lenient`:
/// each record is decoded on its own (a large file is never held whole), so
/// a record that is not UTF-8 is read as Windows-1252 and NULs are dropped.
fn json_records(
    mut input: impl BufRead,
    format: Format,
    lenient: bool,
    each: &mut dyn FnMut(Result<Article, ParseProblem>),
) -> Result<Records, String> {
    let mut records = Records::default();
    let decoded_note = |note: Option<&str>, records: &mut Records| {
        if let Some(note) = note {
            if !records.notes.iter().any(|n| n == note) {
                records.notes.push(note.to_string());
            }
        }
    };
    match format {
        Format::JsonLines => {
            let mut line = Vec::new();
            let mut number = 0u64;
            loop {
                let status = bounded_line(&mut input, &mut line, MAX_RECORD_BYTES)
                    .map_err(|err| format!("cannot read: {err}"))?;
                let Some(fits) = status else { break };
                number += 1;
                if !fits {
                    each(Err(ParseProblem {
                        line: Some(number),
                        record: None,
                        reason: too_long("line"),
                    }));
                    continue;
                }
                let (text, note) = record_text(&line, lenient);
                decoded_note(note, &mut records);
                if let Some(result) = parse::json_line(&text) {
                    each(
                        result
                            .map(|mut article| {
                                article.line = Some(number);
                                bounded(article)
                            })
                            .map_err(|reason| ParseProblem {
                                line: Some(number),
                                record: None,
                                reason,
                            }),
                    );
                }
            }
        }
        Format::Json => {
            let mut splitter = crate::json_array::Elements::new(&mut input, MAX_RECORD_BYTES);
            match splitter
                .start()
                .map_err(|err| format!("cannot read: {err}"))?
            {
                crate::json_array::Start::Array => {
                    let mut number = 0u64;
                    while let Some(element) = splitter
                        .next_element()
                        .map_err(|err| format!("cannot read: {err}"))?
                    {
                        number += 1;
                        let result = match element {
                            crate::json_array::Element::Record(bytes) => {
                                let (text, note) = record_text(&bytes, lenient);
                                decoded_note(note, &mut records);
                                parse::json_record(&text).map(bounded)
                            }
                            crate::json_array::Element::TooLong => Err(too_long("record")),
                            crate::json_array::Element::Malformed(reason) => Err(reason),
                        };
                        each(
                            result
                                .map(|mut article| {
                                    article.line = Some(number);
                                    article
                                })
                                .map_err(|reason| ParseProblem {
                                    line: None,
                                    record: Some(number),
                                    reason: format!("record {number}: {reason}"),
                                }),
                        );
                    }
                }
                crate::json_array::Start::Other => {
                    let mut bytes = Vec::new();
                    (&mut input)
                        .take(MAX_RECORD_BYTES as u64 + 1)
                        .read_to_end(&mut bytes)
                        .map_err(|err| format!("cannot read: {err}"))?;
                    if bytes.len() > MAX_RECORD_BYTES {
                        each(Err(ParseProblem {
                            line: None,
                            record: None,
                            reason: too_long("JSON value"),
                        }));
                    } else {
                        let (text, note) = record_text(&bytes, lenient);
                        decoded_note(note, &mut records);
                        each(parse::json_value(&text).map(bounded));
                    }
                }
            }
        }
        Format::Text
        | Format::Email
        | Format::Mbox
        | Format::Html
        | Format::HtmlGz
        | Format::Warc
        | Format::WarcGz => {
            unreachable!("only JSON is read as JSON records")
        }
    }
    Ok(records)
}

fn too_long(what: &str) -> String {
    format!(
        "{what} longer than {} MB: skipped (split it, or shorten its text)",
        MAX_RECORD_BYTES >> 20
    )
}

/// One record's bytes as text: as they are when UTF-8; when `lenient`, with
/// NULs removed and else decoded as Windows-1252, with a note saying so.
fn record_text(bytes: &[u8], lenient: bool) -> (std::borrow::Cow<'_, str>, Option<&'static str>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        if !lenient || !text.contains('\0') {
            return (std::borrow::Cow::Borrowed(text), None);
        }
    }
    let cleaned: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
    match String::from_utf8(cleaned) {
        Ok(text) => (text.into(), Some("NUL bytes removed")),
        Err(err) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(err.as_bytes());
            (
                text.into_owned().into(),
                Some("not valid UTF-8: decoded as Windows-1252"),
            )
        }
    }
}

/// Reads one line (without its `\n` or `\r\n`) into `line`, keeping at most
/// `max` bytes: `None` at the end of input, `Some(false)` when the line was
/// longer (it is consumed all the same).
pub fn bounded_line(
    input: &mut impl BufRead,
    line: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<bool>> {
    line.clear();
    let mut fits = true;
    let mut any = false;
    loop {
        let buffer = match input.fill_buf() {
            Ok(buffer) => buffer,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if buffer.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match buffer.iter().position(|&b| b == b'\n') {
            Some(at) => (at, true),
            None => (buffer.len(), false),
        };
        if fits && line.len() + take <= max {
            line.extend_from_slice(&buffer[..take]);
        } else {
            fits = false;
            line.clear();
        }
        input.consume(take + usize::from(done));
        if done {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(Some(fits))
}

/// UTF-16 bytes in, UTF-8 out, a buffer at a time.
struct Utf16Reader<R> {
    input: R,
    decoder: encoding_rs::Decoder,
    pending: Vec<u8>,
    at: usize,
    done: bool,
}

impl<R: BufRead> Utf16Reader<R> {
    fn new(input: R, encoding: &'static encoding_rs::Encoding) -> Self {
        Utf16Reader {
            input,
            decoder: encoding.new_decoder_with_bom_removal(),
            pending: Vec::new(),
            at: 0,
            done: false,
        }
    }
}

impl<R: BufRead> Read for Utf16Reader<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.pending.len() && !self.done {
            let chunk = self.input.fill_buf()?;
            let last = chunk.is_empty();
            let room = self
                .decoder
                .max_utf8_buffer_length(chunk.len())
                .unwrap_or(chunk.len() * 3 + 16);
            let mut text = String::with_capacity(room);
            let (_, read, _) = self.decoder.decode_to_string(chunk, &mut text, last);
            self.input.consume(read);
            self.pending = text.into_bytes();
            self.at = 0;
            self.done = last;
        }
        let n = out.len().min(self.pending.len() - self.at);
        out[..n].copy_from_slice(&self.pending[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(url: &str, html: &str) -> String {
        let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
        format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2004-08-03T10:00:00Z\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    /// A page with no article is skipped with its record's offset; the
    /// pages around it are articles with the captured URL, the capture
    /// date, and the page's site or else the URL's host.
    #[test]
    fn a_warc_page_without_text_is_named_by_its_offset_and_the_rest_is_read() {
        let article = "<html><body><article><p>The harbour of Split reopened on Tuesday after \
            three days of storms kept ferries and fishing boats in port along the coast.</p>\
            </article></body></html>";
        let first = record("https://www.split-daily.example/harbour", article);
        let empty = record(
            "https://split-daily.example/empty",
            "<html><head></head></html>",
        );
        let text = [first.clone(), empty, record("https://b.example/x", article)].concat();
        let parsed = parse_text(&text, Format::Warc);
        assert_eq!(parsed.articles.len(), 2);
        let harbour = &parsed.articles[0];
        assert_eq!(harbour.line, Some(0));
        assert_eq!(
            harbour.url.as_deref(),
            Some("https://www.split-daily.example/harbour")
        );
        assert_eq!(harbour.source.as_deref(), Some("split-daily.example"));
        assert_eq!(
            harbour.date.unwrap().to_rfc3339(),
            "2004-08-03T10:00:00+00:00"
        );
        // No date in the page or its URL: the capture's, said as such.
        assert_eq!(
            harbour.warnings,
            [format!(
                "no date in the page or its URL: {}",
                parse::CAPTURE_DATED
            )]
        );
        // The day a URL names comes before the capture's.
        let dated = record("https://b.example/news/2004/07/30/harbour/", article);
        let parsed_dated = parse_text(&dated, Format::Warc);
        let day = parsed_dated.articles[0]
            .date
            .unwrap()
            .date_naive()
            .to_string();
        assert_eq!(day, "2004-07-30");
        assert!(parsed_dated.articles[0].warnings.is_empty());
        assert!(harbour.lead.starts_with("The harbour of Split"));
        assert_eq!(parsed.problems.len(), 1);
        let problem = &parsed.problems[0];
        assert_eq!(problem.record, Some(first.len() as u64));
        assert!(
            problem.reason.starts_with(&format!(
                "record at offset {}: no article text",
                first.len()
            )),
            "{}",
            problem.reason
        );
    }
}
