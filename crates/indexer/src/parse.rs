//! Decoding and parsing of the article formats: native text (`.txt`), one
//! JSON article (`.json`), and JSON Lines (`.jsonl`, `.ndjson`).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::{Map, Value};

use crate::Article;

/// The formats Dateline reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Native text: ` date YYYY-MM-DD ` and the lead on the first line.
    Text,
    /// One JSON object (or an array of objects) per file.
    Json,
    /// One JSON object per line.
    JsonLines,
    /// One e-mail message (`.eml`).
    Email,
    /// A mailbox of e-mail messages (`.mbox`).
    Mbox,
    /// A saved web page (`.html`, `.htm`).
    Html,
    /// A gzip-compressed saved web page (`.html.gz`, `.htm.gz`).
    HtmlGz,
    /// A WARC web archive (`.warc`): its HTML pages.
    Warc,
    /// A gzip-compressed WARC web archive (`.warc.gz`), as CC-NEWS ships.
    WarcGz,
}

impl Format {
    /// The format for a file extension, or `None` for files Dateline skips.
    /// The format a file's name says, `.html.gz` included.
    ///
    /// ```
    /// use std::path::Path;
    /// use dateline_indexer::parse::Format;
    /// assert_eq!(Format::from_path(Path::new("a/page.HTML.gz")), Some(Format::HtmlGz));
    /// assert_eq!(Format::from_path(Path::new("a/page.htm")), Some(Format::Html));
    /// assert_eq!(Format::from_path(Path::new("CC-NEWS-20240101.warc.gz")), Some(Format::WarcGz));
    /// assert_eq!(Format::from_path(Path::new("a/logs.gz")), None);
    /// ```
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        if ext.eq_ignore_ascii_case("gz") {
            let inner = std::path::Path::new(path.file_stem()?)
                .extension()?
                .to_str()?;
            return match Format::from_extension(inner) {
                Some(Format::Html) => Some(Format::HtmlGz),
                Some(Format::Warc) => Some(Format::WarcGz),
                _ => None,
            };
        }
        Format::from_extension(ext)
    }

    /// The format a file extension (without its dot) names.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" => Some(Format::Text),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "eml" => Some(Format::Email),
            "mbox" => Some(Format::Mbox),
            "html" | "htm" => Some(Format::Html),
            "warc" => Some(Format::Warc),
            _ => None,
        }
    }
}

/// How every warning about an article left without a date ends, so that
/// they can be told apart, summed up, and dropped when the path gives the
/// day ([`crate::path_date`]).
pub const UNDATED: &str = "indexed without a date";

/// How every warning about a WARC page dated by its capture ends, so that
/// they can be summed up.
pub const CAPTURE_DATED: &str = "dated by the capture (WARC-Date)";

/// Why a file (or one line of it) could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProblem {
    /// 1-based line for JSON Lines problems.
    pub line: Option<u64>,
    /// 1-based element for a JSON array's problems.
    pub record: Option<u64>,
    /// What is wrong, in lower case.
    pub reason: String,
}

/// What parsing one file produced: the articles, and the lines or whole file
/// that could not be read.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The articles found.
    pub articles: Vec<Article>,
    /// Lines (or the whole file) that were skipped, with reasons.
    pub problems: Vec<ParseProblem>,
}

/// Decodes file bytes to text: UTF-8 (BOM stripped), UTF-16 with or without
/// a BOM, or else Windows-1252, with a note saying so; stray NUL bytes are
/// removed (with a note). Binary data is refused.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode(rest);
    }
    for (bom, encoding) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = encoding.decode_without_bom_handling(rest);
            let note = format!("decoded as {}", encoding.name());
            let note = if had_errors {
                format!("{note} with invalid sequences replaced")
            } else {
                note
            };
            return Ok((text.into_owned(), Some(note)));
        }
    }
    // Every test below but the UTF-8 one reads NULs; most text has none,
    // so count them once (a vectorised count) and skip what cannot apply.
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    if let Some(encoding) = utf16_without_bom(bytes, nuls) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        let mut note = format!("no byte-order mark: decoded as {}", encoding.name());
        if had_errors {
            note.push_str(" with invalid sequences replaced");
        }
        return Ok((text.into_owned(), Some(note)));
    }
    if looks_binary(bytes) {
        return Err("binary data, not text".to_string());
    }
    // A stray NUL in text (a broken scraper, a bad copy) costs the file
    // nothing but the NUL.
    let cleaned: std::borrow::Cow<'_, [u8]> = if nuls == 0 {
        std::borrow::Cow::Borrowed(bytes)
    } else {
        std::borrow::Cow::Owned(bytes.iter().copied().filter(|&b| b != 0).collect())
    };
    let nul_note = (nuls > 0).then(|| format!("{nuls} NUL byte(s) removed"));
    match std::str::from_utf8(&cleaned) {
        Ok(text) => Ok((text.to_string(), nul_note)),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&cleaned);
            let note = "not valid UTF-8: decoded as Windows-1252".to_string();
            let note = match nul_note {
                Some(nul) => format!("{note}; {nul}"),
                None => note,
            };
            Ok((text.into_owned(), Some(note)))
        }
    }
}

/// Signatures of common binary formats that end up with a text extension:
/// images, PDF, archives, office documents, executables.
const BINARY_MAGIC: &[&[u8]] = &[
    b"\x89PNG",
    b"\xFF\xD8\xFF",
    b"GIF8",
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1F\x8B",
    b"BZh",
    b"\xFD7zXZ",
    b"7z\xBC\xAF",
    b"\x7FELF",
    b"\xD0\xCF\x11\xE0",
];

/// A known binary signature, or control characters (NUL included) making up
/// more than a twentieth of the first 8 KiB, mean binary.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    if BINARY_MAGIC.iter().any(|magic| bytes.starts_with(magic)) {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 20 > head.len().max(1)
}

/// The UTF-16 encoding of a text whose first bytes are `head`: by its
/// byte-order mark, or by the NULs of Latin script.
pub(crate) fn utf16_encoding(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if head.starts_with(b"\xFF\xFE") {
        return Some(encoding_rs::UTF_16LE);
    }
    if head.starts_with(b"\xFE\xFF") {
        return Some(encoding_rs::UTF_16BE);
    }
    let nuls = head.iter().filter(|&&b| b == 0).count();
    utf16_without_bom(head, nuls)
}

/// UTF-16 text without a byte-order mark: in the first 8 KiB, nearly every
/// other byte is NUL (the high byte of Latin script) and the rest are not.
/// `nuls` is the number of NUL bytes in all of `bytes`.
fn utf16_without_bom(bytes: &[u8], nuls: usize) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(8192) & !1];
    // UTF-16 needs NULs in 90% of the head's pairs, so 45% of its bytes.
    if head.len() < 8 || nuls * 20 < head.len() * 9 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let rarely = |n: usize| n * 10 <= pairs;
    if mostly(zero_odd) && rarely(zero_even) {
        Some(encoding_rs::UTF_16LE)
    } else if mostly(zero_even) && rarely(zero_odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Parses decoded text in the given format (see [`crate::read`] for files).
pub fn parse(text: &str, format: Format) -> Parsed {
    crate::read::parse_text(text, format)
}

/// Parses the native text format.
///
/// ```
/// use dateline_indexer::parse::parse_native;
/// let article = parse_native(" date 2025-12-02 Talks lasted five hours. Both sides spoke.\n\nMore text. Show more\n").unwrap();
/// assert_eq!(article.date.unwrap().date_naive().to_string(), "2025-12-02");
/// assert_eq!(article.title, "Talks lasted five hours.");
/// assert_eq!(article.body, "More text.");
/// ```
pub fn parse_native(text: &str) -> Result<Article, String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.trim().is_empty() {
        return Err("empty file".to_string());
    }
    let mut article = Article::default();
    let trimmed = text.trim_start();
    let rest = match trimmed
        .strip_prefix("date ")
        .or_else(|| trimmed.strip_prefix("date\t"))
    {
        Some(after) => {
            let after = after.trim_start();
            let (token, remainder) =
                after.split_at(after.find(char::is_whitespace).unwrap_or(after.len()));
            match parse_date(token) {
                Ok(date) => article.date = Some(date),
                Err(reason) => article
                    .warnings
                    .push(format!("bad date line `date {token}`: {reason}; {UNDATED}")),
            }
            remainder
        }
        None => {
            article
                .warnings
                .push(format!("no `date YYYY-MM-DD` line: {UNDATED}"));
            trimmed
        }
    };
    let paragraphs = split_paragraphs(rest, &mut article.credits);
    let mut paragraphs = paragraphs.into_iter();
    article.lead = paragraphs.next().unwrap_or_default();
    article.body = paragraphs.collect::<Vec<_>>().join("\n\n");
    take_wire_credit(&mut article);
    if article.lead.is_empty() && article.body.is_empty() {
        return Err("no article text after the date line".to_string());
    }
    article.title = derive_title(if article.lead.is_empty() {
        &article.body
    } else {
        &article.lead
    });
    article.title_derived = true;
    Ok(article)
}

/// Takes a wire service's credit ("LONDON (Reuters) -") and sign-off
/// ("... said. REUTER") out of the text ([`crate::signoff`]); the service
/// becomes the source when the input names none.
fn take_wire_credit(article: &mut Article) {
    let credit = crate::signoff::take_credit(&mut article.lead);
    let last = if article.body.is_empty() {
        &mut article.lead
    } else {
        &mut article.body
    };
    let signoff = crate::signoff::take_signoff(last);
    if article.source.is_none() {
        article.source = credit.or(signoff).map(str::to_string);
    }
}

/// Web leftovers that end paragraphs or stand alone.
const LEFTOVERS: &[&str] = &[
    "Show more",
    "Read more",
    "Show less",
    "Advertisement",
    "Continue reading",
];
/// Prefixes of photo credits.
const CREDIT_PREFIXES: &[&str] = &["Image:", "Photo:", "Picture:", "Credit:", "Foto:", "Bild:"];

/// A photo credit after its prefix: short, with no sentence in it.
fn is_credit(credit: &str) -> bool {
    !credit.is_empty() && credit.len() < 200 && !has_sentence_end(credit)
}

/// Whether a period and a space in `text` end a sentence: not after an
/// initial ("U.S. Senate", "George W. Bush").
fn has_sentence_end(text: &str) -> bool {
    text.match_indices(". ").any(|(at, _)| {
        let before = text[..at].rsplit([' ', '.']).next().unwrap_or("");
        !(before.chars().count() == 1 && before.starts_with(char::is_uppercase))
    })
}

/// Where a credit prefix written in lower case ("Shimon Peres image: David
/// Shankbone.") starts, when what follows is only capitalised names, as a
/// credit is; "the image: a man standing" stays text.
fn lower_case_credit(paragraph: &str, prefix: &str) -> Option<usize> {
    let lower = prefix.to_lowercase();
    let at = paragraph.rfind(&lower)?;
    let after = paragraph[at + lower.len()..].trim();
    let names = after
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty());
    let capitalised = names.clone().all(|w| w.starts_with(char::is_uppercase));
    let words = names.count();
    (at > 0 && paragraph[..at].ends_with(' ') && capitalised && (1..=8).contains(&words))
        .then_some(at)
}

/// Splits text on blank lines, joins wrapped lines, removes web leftovers,
/// and moves photo credits into `credits`.
fn split_paragraphs(text: &str, credits: &mut Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    for block in dateline_extract::text::blocks(text) {
        // Single line breaks are kept: they end headings and list items.
        let mut paragraph = String::with_capacity(block.len());
        for line in block.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
            if !paragraph.is_empty() {
                paragraph.push('\n');
            }
            paragraph.push_str(line);
        }
        while let Some(leftover) = LEFTOVERS.iter().find(|l| paragraph.ends_with(*l)) {
            paragraph.truncate(paragraph.len() - leftover.len());
            paragraph.truncate(paragraph.trim_end().len());
        }
        if !paragraph.contains(':') {
            if !paragraph.is_empty() {
                out.push(paragraph);
            }
            continue;
        }
        for prefix in CREDIT_PREFIXES {
            let found = paragraph
                .rfind(prefix)
                .or_else(|| lower_case_credit(&paragraph, prefix))
                // Usually after a space; sometimes glued to the caption ("AccordsImage:").
                .filter(|&at| {
                    at == 0
                        || paragraph[..at]
                            .ends_with(|c: char| c == ' ' || c == '.' || c.is_lowercase())
                });
            if let Some(at) = found {
                let credit = paragraph[at + prefix.len()..]
                    .trim()
                    .trim_end_matches('.')
                    .to_string();
                // A credit is short and has no sentence in it.
                if is_credit(&credit) {
                    credits.push(credit);
                    paragraph.truncate(at);
                    paragraph = paragraph.trim_end().to_string();
                }
            }
        }
        if !paragraph.is_empty() {
            out.push(paragraph);
        }
    }
    out
}

/// The first sentence of `text`, cut at a word boundary near 160 characters.
///
/// ```
/// use dateline_indexer::parse::derive_title;
/// assert_eq!(derive_title("U.S. troops left Kabul. Many stayed."), "U.S. troops left Kabul.");
/// ```
pub fn derive_title(text: &str) -> String {
    let mut end = text.len();
    let bytes = text.as_bytes();
    for (i, ch) in text.char_indices() {
        if matches!(ch, '.' | '!' | '?') && bytes.get(i + 1) == Some(&b' ') {
            let next = text[i + 2..].chars().next();
            // "U.S. troops", "Dr. Smith": a period after a short token is no
            // sentence end.
            let word_before = text[..i]
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            let abbreviation = ch == '.' && (word_before.len() <= 2 || word_before.contains('.'));
            if next.is_some_and(|c| c.is_uppercase() || c == '"') && !abbreviation {
                end = i + 1;
                break;
            }
        }
    }
    let sentence = text[..end].trim();
    const MAX: usize = 160;
    if sentence.len() <= MAX {
        return sentence.to_string();
    }
    let mut cut = MAX;
    while !sentence.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = sentence[..cut].rfind(' ').unwrap_or(cut);
    format!("{}…", sentence[..cut].trim_end())
}

/// Parses `YYYY-MM-DD`, RFC 3339, or `YYYY-MM-DD HH:MM:SS` (taken as UTC).
/// Years outside [`crate::schema::DATE_YEARS`] (1678 to 2261) are refused:
/// an index cannot hold them.
pub fn parse_date(text: &str) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    let parsed = if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        date.and_hms_opt(0, 0, 0).map(|d| d.and_utc())
    } else if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        Some(dt.with_timezone(&Utc))
    } else if let Ok(dt) = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S") {
        Some(dt.and_utc())
    } else if let Ok(dt) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S") {
        Some(dt.and_utc())
    } else {
        None
    };
    let Some(date) = parsed else {
        return Err(format!(
            "`{text}` is not a date (expected YYYY-MM-DD or RFC 3339)"
        ));
    };
    let year = chrono::Datelike::year(&date);
    if !crate::schema::DATE_YEARS.contains(&year) {
        return Err(format!(
            "year {year} is out of range (an index holds {} to {})",
            crate::schema::DATE_YEARS.start(),
            crate::schema::DATE_YEARS.end()
        ));
    }
    Ok(date)
}

/// The article of a JSON file holding one value (not an array): a problem
/// names the line where the JSON breaks.
pub fn json_value(text: &str) -> Result<Article, ParseProblem> {
    match serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')) {
        Ok(value) => article_from_json(value).map_err(|reason| ParseProblem {
            line: None,
            record: None,
            reason,
        }),
        Err(err) => Err(ParseProblem {
            line: Some(err.line() as u64),
            record: None,
            reason: format!("invalid JSON: {err}"),
        }),
    }
}

/// The article of one JSON record (an array's element).
pub fn json_record(text: &str) -> Result<Article, String> {
    serde_json::from_str::<Value>(text)
        .map_err(|err| format!("invalid JSON: {err}"))
        .and_then(article_from_json)
}

/// The article of one JSON Lines line; `None` for a blank line.
pub fn json_line(line: &str) -> Option<Result<Article, String>> {
    let line = line.trim();
    (!line.is_empty()).then(|| json_record(line))
}

/// The first of `keys` present in `object` with a non-null value.
fn field<'a>(
    object: &'a Map<String, Value>,
    keys: &[&'static str],
) -> Option<(&'static str, &'a Value)> {
    keys.iter()
        .find_map(|&k| object.get(k).filter(|v| !v.is_null()).map(|v| (k, v)))
}

fn string_field(
    object: &Map<String, Value>,
    keys: &[&'static str],
    warnings: &mut Vec<String>,
) -> Option<String> {
    let (key, value) = field(object, keys)?;
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::String(_) => None,
        Value::Number(n) => Some(n.to_string()),
        _ => {
            warnings.push(format!("field `{key}` is not a string: ignored"));
            None
        }
    }
}

fn string_list(
    object: &Map<String, Value>,
    keys: &[&'static str],
    warnings: &mut Vec<String>,
) -> Vec<String> {
    let Some((key, value)) = field(object, keys) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut push = |v: &Value| match v {
        Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
        // {"name": "..."} entries, as some tools write people and authors.
        Value::Object(o) => {
            if let Some(Value::String(s)) = o
                .get("name")
                .or_else(|| o.get("label"))
                .or_else(|| o.get("id"))
            {
                out.push(s.trim().to_string());
            }
        }
        _ => {}
    };
    match value {
        Value::Array(items) => items.iter().for_each(&mut push),
        Value::String(_) => push(value),
        _ => warnings.push(format!("field `{key}` is not a list of strings: ignored")),
    }
    out
}

/// Builds an article from one JSON object, accepting the field names that
/// news tools (news-please, newspaper, NewsAPI) write.
pub fn article_from_json(value: Value) -> Result<Article, String> {
    let Value::Object(object) = value else {
        return Err("not a JSON object".to_string());
    };
    let mut article = Article::default();
    let mut warnings = Vec::new();
    let title = string_field(&object, &["title", "headline"], &mut warnings);
    let text = string_field(
        &object,
        &["text", "body", "maintext", "content"],
        &mut warnings,
    );
    let description = string_field(&object, &["description", "lead", "summary"], &mut warnings);
    if title.is_none() && text.is_none() && description.is_none() {
        return Err(
            "no article text: none of title, headline, text, body, maintext, content".to_string(),
        );
    }
    match field(
        &object,
        &[
            "date",
            "date_publish",
            "published",
            "publishedAt",
            "published_at",
            "date_published",
        ],
    ) {
        Some((_, Value::String(s))) => match parse_date(s) {
            Ok(date) => article.date = Some(date),
            Err(reason) => warnings.push(format!("bad date: {reason}; {UNDATED}")),
        },
        Some((key, _)) => warnings.push(format!("field `{key}` is not a date string; {UNDATED}")),
        None => warnings.push(format!("no date field: {UNDATED}")),
    }
    let mut paragraphs = split_paragraphs(&text.unwrap_or_default(), &mut article.credits);
    match description {
        Some(lead) => article.lead = lead,
        None if !paragraphs.is_empty() => article.lead = paragraphs.remove(0),
        None => {}
    }
    article.body = paragraphs.join("\n\n");
    article.source = string_field(
        &object,
        &["source", "source_domain", "source_name"],
        &mut warnings,
    );
    if article.source.is_none() {
        if let Some(Value::Object(source)) = object.get("source") {
            article.source = source
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_string);
        }
    }
    take_wire_credit(&mut article);
    let derived = derive_title(&article.lead);
    match title {
        // A headline that only repeats the lead's first sentence (as
        // `dateline export` writes for articles without one) adds nothing
        // to search or extraction: treat it as derived.
        Some(title) if title != derived => article.title = title,
        _ => {
            article.title = derived;
            article.title_derived = true;
        }
    }
    article.url = string_field(&object, &["url", "link"], &mut warnings);
    article.language = string_field(&object, &["language", "lang"], &mut warnings);
    article.authors = string_list(&object, &["authors", "author", "byline"], &mut warnings);
    article.given_people = string_list(&object, &["people", "persons"], &mut warnings);
    article.given_topics = string_list(&object, &["topics", "categories"], &mut warnings);
    article.given_places = string_list(&object, &["places", "locations"], &mut warnings);
    article.given_organizations = string_list(
        &object,
        &["organizations", "organisations", "orgs"],
        &mut warnings,
    );
    article.warnings = warnings;
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_credits_are_credits_and_prose_is_not() {
        // From the Wikinews corpus (GUM_interview_peres), and prose that
        // must stay.
        let text = " date 2008-01-09 \"The future is only peace.\" Shimon Peres image: David Shankbone.\n\nHe described the image: a man standing by the road.";
        let article = parse_native(text).unwrap();
        assert_eq!(article.credits, ["David Shankbone"]);
        assert_eq!(article.lead, "\"The future is only peace.\" Shimon Peres");
        assert!(article
            .body
            .ends_with("the image: a man standing by the road."));
    }

    #[test]
    fn a_credit_may_hold_initials_but_no_sentence() {
        // From the Wikinews corpus (on-the-campaign-trail-in-the-usa-june-2020).
        let text = " date 2020-07-01 Lead.\n\nKamala Harris Image: U.S. Senate.\n\nSeen in Boston. Photo: the crowd. It was late.";
        let article = parse_native(text).unwrap();
        assert_eq!(article.credits, ["U.S. Senate"]);
        assert_eq!(
            article.body,
            "Kamala Harris\n\nSeen in Boston. Photo: the crowd. It was late."
        );
    }

    #[test]
    fn native_keeps_credits_out_of_body() {
        let text = " date 2025-12-02 Lead sentence here. More lead.\n\nCaption of a photo. Image: Keystone/EPA/Kristina Kormilitsina/Sputnik\n\nSubheading\n\nLast paragraph. Show more";
        let article = parse_native(text).unwrap();
        assert_eq!(article.lead, "Lead sentence here. More lead.");
        assert_eq!(
            article.body,
            "Caption of a photo.\n\nSubheading\n\nLast paragraph."
        );
        assert_eq!(
            article.credits,
            ["Keystone/EPA/Kristina Kormilitsina/Sputnik"]
        );
        assert!(article.warnings.is_empty());
    }

    #[test]
    fn native_without_date_line_warns() {
        let article = parse_native("Just a lead.\n\nA body.").unwrap();
        assert!(article.date.is_none());
        assert_eq!(article.lead, "Just a lead.");
        assert_eq!(article.warnings.len(), 1);
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(parse_date("2025-02-30").is_err());
        assert!(parse_date("0000-01-01").is_err());
        assert!(parse_date("99999-01-01").is_err());
        assert!(parse_date("1887-05-01").is_ok());
        assert!(parse_date("1678-01-01").is_ok());
        assert!(parse_date("1605-01-15")
            .unwrap_err()
            .contains("out of range"));
        assert!(parse_date("2262-06-01").is_err());
        assert_eq!(
            parse_date("2024-03-01T23:30:00-02:00")
                .unwrap()
                .to_rfc3339(),
            "2024-03-02T01:30:00+00:00"
        );
    }

    #[test]
    fn json_lines_accepts_news_tool_field_names_and_reports_bad_lines() {
        let text = concat!(
            r#"{"headline": "A", "date_publish": "2020-01-02 10:00:00", "maintext": "Body one.", "authors": ["X Y"], "source_domain": "example.com"}"#,
            "\n{not json\n",
            r#"{"title": "B", "publishedAt": "2021-05-06T07:08:09Z", "content": "Body two.", "people": ["Ada Lovelace"]}"#,
            "\n",
            r#"{"date": "2021-01-01"}"#,
        );
        let parsed = parse(text, Format::JsonLines);
        assert_eq!(parsed.articles.len(), 2);
        assert_eq!(parsed.articles[0].title, "A");
        assert_eq!(parsed.articles[0].source.as_deref(), Some("example.com"));
        assert_eq!(parsed.articles[1].line, Some(3));
        assert_eq!(parsed.articles[1].given_people, ["Ada Lovelace"]);
        let lines: Vec<Option<u64>> = parsed.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(2), Some(4)]);
    }

    #[test]
    fn a_headline_repeating_the_lead_counts_as_derived_and_given_entities_are_kept() {
        let exported = serde_json::json!({
            "headline": "Floods hit Dhaka.",
            "lead": "Floods hit Dhaka. Thousands fled.",
            "body": "More rain is expected.",
            "places": ["Dhaka"],
            "organizations": ["Red Crescent"],
        });
        let article = article_from_json(exported).unwrap();
        assert!(article.title_derived);
        assert_eq!(article.text().title, "");
        assert_eq!(article.given_places, ["Dhaka"]);
        assert_eq!(article.given_organizations, ["Red Crescent"]);

        let given = serde_json::json!({"title": "Dhaka under water", "lead": "Floods hit Dhaka."});
        let article = article_from_json(given).unwrap();
        assert!(!article.title_derived);
        assert_eq!(article.text().title, "Dhaka under water");
    }

    #[test]
    fn decodes_windows_1252_and_utf16_and_refuses_binary() {
        let (text, note) = decode(b"caf\xe9").unwrap();
        assert_eq!(text, "café");
        assert!(note.unwrap().contains("Windows-1252"));
        let (text, _) = decode(b"\xFF\xFEh\x00i\x00").unwrap();
        assert_eq!(text, "hi");
        assert!(decode(b"\x00\x01\x02binary").is_err());
        assert!(decode(b"\x89PNG\r\n\x1a\n and then text").is_err());
        assert!(decode(b"%PDF-1.7 mostly ascii").is_err());
    }

    #[test]
    fn keeps_text_with_a_stray_nul_and_utf16_without_bom() {
        let (text, note) =
            decode(b" date 2020-01-01 Floods in Dhaka\x00 displaced thousands.").unwrap();
        assert_eq!(
            text,
            " date 2020-01-01 Floods in Dhaka displaced thousands."
        );
        assert_eq!(note.as_deref(), Some("1 NUL byte(s) removed"));
        let utf16: Vec<u8> = " date 2020-01-01 Zürich voted."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let (text, note) = decode(&utf16).unwrap();
        assert_eq!(text, " date 2020-01-01 Zürich voted.");
        assert!(note.unwrap().contains("UTF-16LE"));
        let utf16be: Vec<u8> = "Plain words in big-endian order."
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            decode(&utf16be).unwrap().0,
            "Plain words in big-endian order."
        );
    }
}
