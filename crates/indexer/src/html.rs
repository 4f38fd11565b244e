//! Saved web pages as articles (`.html`, `.htm`, and gzip-compressed
//! `.html.gz`): the main text without navigation, ads, related-story lists
//! or comments, and the headline, date, author, site and canonical URL from
//! the page's metadata (schema.org JSON-LD, OpenGraph and `article:` tags,
//! `<time>`). The scoring of main text is rs-trafilatura's (a port of
//! trafilatura): on the article-extraction benchmark it measured better
//! than the alternatives and than a scorer of our own would start
//! (`benches/results/2026-12-05-html-extraction.md`). The character set
//! comes from the server (in a WARC record) or the page's declaration, and
//! is detected when neither names one.

use std::io::Read;

use rs_trafilatura::page_type::PageType;
use rs_trafilatura::Options;
use serde_json::{json, Value};

use crate::parse::article_from_json;
use crate::parse::parse_date;
use crate::read::{MAX_ARTICLE_BYTES, MAX_RECORD_BYTES};
use crate::Article;

/// How pages are read: as news articles. The page-type classifier is
/// skipped (a saved news page is an article), which made extraction 1.5
/// times as fast with the same F1.
fn options() -> Options {
    Options {
        page_type: Some(PageType::Article),
        // The crate stops at a million characters; an article is cut (with
        // a warning) at Dateline's own limit instead.
        max_extracted_len: MAX_ARTICLE_BYTES,
        ..Options::default()
    }
}

/// How much of a page is searched for metadata the extractor missed: the
/// head and the article's start.
const META_BYTES: usize = 512 << 10;

/// The article of one saved page.
///
/// ```
/// let page = br#"<html><head><title>Harbour reopens | Split Daily</title>
/// <meta property="og:title" content="Harbour reopens after the storm">
/// <meta property="article:published_time" content="2004-08-03T09:30:00+02:00">
/// <meta name="author" content="Ana Horvat"></head>
/// <body><nav><a href="/">Home</a> | <a href="/sport">Sport</a></nav>
/// <article><h1>Harbour reopens after the storm</h1>
/// <p>The harbour of Split reopened on Tuesday after three days of storms
/// that kept ferries and fishing boats in port along the whole coast.</p>
/// <p>The port authority said ferries to the islands would sail every hour
/// until the backlog of passengers and lorries was cleared on Thursday.</p>
/// </article><footer>Copyright Split Daily. All rights reserved.</footer></body></html>"#;
/// let article = dateline_indexer::html::page_article(page).unwrap();
/// assert_eq!(article.title, "Harbour reopens after the storm");
/// assert!(article.lead.starts_with("The harbour of Split reopened on Tuesday"));
/// assert!(!article.body.contains("Home") && !article.body.contains("Copyright"));
/// assert_eq!(article.date.unwrap().to_rfc3339(), "2004-08-03T07:30:00+00:00");
/// assert_eq!(article.authors, ["Ana Horvat"]);
/// ```
pub fn page_article(bytes: &[u8]) -> Result<Article, String> {
    page_article_in(bytes, None)
}

/// The article of one page whose server named its character set
/// (`charset`, from an HTTP `Content-Type`), as [`page_article`] reads it.
pub fn page_article_in(bytes: &[u8], charset: Option<&str>) -> Result<Article, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".to_string());
    }
    let (html, charset_warning) = decode_page(bytes, charset);
    // A third-party parser on any page a user has: a panic in it is this
    // page's problem, not the end of the run.
    let extracted =
        std::panic::catch_unwind(|| rs_trafilatura::extract_with_options(&html, &options()))
            .map_err(|_| "the page could not be parsed (the HTML extractor failed)".to_string())?
            .map_err(|err| format!("no article text found in the page: {err}"))?;
    // One paragraph a line: blank lines between them, as in the other formats.
    let text = extracted
        .content_text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    if text.is_empty() {
        return Err("no article text found in the page".to_string());
    }
    let meta = extracted.metadata;
    let mut object = serde_json::Map::new();
    object.insert("text".into(), Value::String(text));
    if let Some(title) = meta.title.filter(|t| !t.trim().is_empty()) {
        object.insert("title".into(), json!(title.trim()));
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(META_BYTES)]);
    let date = meta
        .date
        .map(|date| date.to_rfc3339())
        .or_else(|| published(&head));
    if let Some(date) = date {
        object.insert("date".into(), json!(date));
    }
    if let Some(author) = meta.author.filter(|a| !a.trim().is_empty()) {
        let authors: Vec<&str> = author
            .split(';')
            .map(byline)
            .filter(|a| !a.is_empty())
            .collect();
        object.insert("authors".into(), json!(authors));
    }
    if let Some(url) = meta.url {
        object.insert("url".into(), json!(url));
    }
    // The site's own name before a social-media handle ("@Theparadigmng").
    let site = attribute_after(&head, "property=\"og:site_name\"", "content=\"")
        .or(meta.sitename.filter(|s| !s.starts_with('@')))
        .or(meta.hostname);
    if let Some(site) = site {
        object.insert("source".into(), json!(site));
    }
    let mut article = article_from_json(Value::Object(object))?;
    article.warnings.extend(charset_warning);
    Ok(article)
}

/// A page's text, decoded as a browser would: by its byte-order mark, the
/// server's charset, the page's `<meta>` declaration, as UTF-8 when it is
/// valid UTF-8, and else by the encoding its bytes look like (chardetng,
/// the detector Firefox uses). With a warning when a declared character
/// set is one no browser knows.
fn decode_page<'a>(
    bytes: &'a [u8],
    charset: Option<&str>,
) -> (std::borrow::Cow<'a, str>, Option<String>) {
    let label = |name: &str| encoding_rs::Encoding::for_label(name.trim().as_bytes());
    let declared = charset
        .map(str::to_string)
        .into_iter()
        .chain(meta_charset(bytes));
    let mut unknown = None;
    let mut named = None;
    for name in declared {
        match label(&name) {
            Some(encoding) => {
                named = Some(encoding);
                break;
            }
            None => {
                unknown.get_or_insert(name);
            }
        }
    }
    let encoding = encoding_rs::Encoding::for_bom(bytes)
        .map(|(encoding, _)| encoding)
        .or(named)
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                return encoding_rs::UTF_8;
            }
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(&bytes[..bytes.len().min(64 << 10)], bytes.len() <= 64 << 10);
            detector.guess(None, chardetng::Utf8Detection::Deny)
        });
    let warning = unknown.filter(|_| named.is_none()).map(|name| {
        format!(
            "the page declares an unknown character set `{name}`: read as {}",
            encoding.name()
        )
    });
    (encoding.decode_with_bom_removal(bytes).0, warning)
}

/// The character set a page declares in its first 4 KB: `<meta
/// charset=...>` or `<meta http-equiv="Content-Type" content="...;
/// charset=...">`.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    head.match_indices("<meta").find_map(|(at, _)| {
        let tag = &head[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let value = &tag[tag.find("charset")? + "charset".len()..];
        let value = value.trim_start().strip_prefix('=')?.trim_start();
        let value = value.trim_start_matches(['"', '\'']);
        let end = value
            .find(|c: char| c == '"' || c == '\'' || c == ';' || c.is_whitespace() || c == '/')
            .unwrap_or(value.len());
        (end > 0).then(|| value[..end].to_string())
    })
}

/// "By Jamelle Bouie" is Jamelle Bouie.
fn byline(author: &str) -> &str {
    let author = author.trim();
    match author.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => author[3..].trim(),
        _ => author,
    }
}

/// The publication date in the page's markup when the extractor found
/// none: schema.org `datePublished` (JSON-LD or microdata),
/// `article:published_time`, or the first `<time datetime>`; a value that
/// is not a date as a whole counts by its leading `YYYY-MM-DD`.
fn published(head: &str) -> Option<String> {
    let candidates = [
        attribute_after(head, "\"datePublished\"", "\""),
        attribute_after(head, "itemprop=\"datePublished\"", "content=\""),
        attribute_after(head, "property=\"article:published_time\"", "content=\""),
        attribute_after(head, "<time", "datetime=\""),
    ];
    candidates.into_iter().flatten().find_map(|value| {
        if parse_date(&value).is_ok() {
            return Some(value);
        }
        let day = value.get(..10)?;
        parse_date(day).is_ok().then(|| day.to_string())
    })
}

/// The quoted value that opens with `opening` within 300 bytes after
/// `marker`: the `content` of `<meta property="og:site_name" content="...">`,
/// the value of `"datePublished": "..."`.
fn attribute_after(html: &str, marker: &str, opening: &str) -> Option<String> {
    let rest = &html[html.find(marker)? + marker.len()..];
    let mut window = rest.len().min(300);
    while !rest.is_char_boundary(window) {
        window -= 1;
    }
    let start = rest[..window].find(opening)? + opening.len();
    let value = &rest[start..];
    let value = value[..value.find('"')?].trim();
    (!value.is_empty() && value.len() < 200).then(|| value.to_string())
}

/// A gzip-compressed page, inflated up to [`MAX_RECORD_BYTES`]; a truncated
/// or damaged file is an error naming what went wrong.
pub fn gunzip(compressed: impl Read) -> Result<Vec<u8>, String> {
    let mut page = Vec::new();
    flate2::read::MultiGzDecoder::new(compressed)
        .take(MAX_RECORD_BYTES as u64 + 1)
        .read_to_end(&mut page)
        .map_err(|err| format!("cannot decompress the gzip file: {err}"))?;
    if page.len() > MAX_RECORD_BYTES {
        return Err(format!(
            "page larger than {} MB uncompressed: skipped",
            MAX_RECORD_BYTES >> 20
        ));
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str, paragraphs: &[&str]) -> Vec<u8> {
        let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
        format!("<html><head>{head}</head><body><article>{body}</article></body></html>")
            .into_bytes()
    }

    const TEXT: &str = "The harbour of Split reopened on Tuesday after three days of storms \
        that kept ferries and fishing boats in port along the whole coast, officials said.";

    #[test]
    fn metadata_the_extractor_misses_is_read_from_the_markup() {
        let head = r#"<meta property="og:site_name" content="The Paradigm">
            <meta name="twitter:site" content="@Theparadigmng">
            <meta name="author" content="By Ana Horvat">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-11-19T13:16:49+0000"}</script>"#;
        let article = page_article(&page(head, &[TEXT, TEXT])).unwrap();
        assert_eq!(article.source.as_deref(), Some("The Paradigm"));
        assert_eq!(article.authors, ["Ana Horvat"]);
        assert_eq!(
            article.date.map(|d| d.date_naive().to_string()).as_deref(),
            Some("2019-11-19")
        );
        let microdata = r#"<meta itemprop="datePublished" content="2019-11-19 02:24:00">"#;
        let article = page_article(&page(microdata, &[TEXT])).unwrap();
        assert_eq!(
            article.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2019-11-19T02:24:00+00:00")
        );
    }

    #[test]
    fn a_long_page_is_read_past_a_million_characters() {
        let paragraph = format!("{TEXT} ");
        let mut paragraphs: Vec<String> = vec![paragraph.repeat(10); 1_500];
        paragraphs.push("The last paragraph names Zadar.".to_string());
        let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        let bytes = page("", &refs);
        assert!(bytes.len() > 2_000_000);
        let article = page_article(&bytes).unwrap();
        assert!(
            article.body.ends_with("names Zadar."),
            "{}",
            article.body.len()
        );
        assert_eq!(page_article(b"  \n").unwrap_err(), "empty file");
    }

    #[test]
    fn the_character_set_comes_from_the_server_the_page_or_the_bytes() {
        let text = "José Ramírez, the mayor of Cádiz, said the harbour would reopen on Thursday \
            after three days of storms that kept ferries and fishing boats in port.";
        let latin = encoding_rs::WINDOWS_1252.encode(text).0.into_owned();
        let bare = |head: &str| {
            let mut page = format!("<html><head>{head}</head><body><article><p>").into_bytes();
            page.extend_from_slice(&latin);
            page.extend_from_slice(b"</p></article></body></html>");
            page
        };
        // Declared by nothing: detected.
        let article = page_article(&bare("")).unwrap();
        assert!(
            article.lead.starts_with("José Ramírez, the mayor of Cádiz"),
            "{}",
            article.lead
        );
        // Declared by the page, or by the server.
        let declared =
            bare(r#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">"#);
        assert!(page_article(&declared).unwrap().lead.starts_with("José"));
        let served = page_article_in(&bare(""), Some("windows-1252")).unwrap();
        assert!(served.lead.starts_with("José"));
        // UTF-8 stays UTF-8.
        let utf8 = page(r#"<meta charset="utf-8">"#, &[text]);
        assert!(page_article(&utf8)
            .unwrap()
            .lead
            .starts_with("José Ramírez"));
        assert_eq!(
            meta_charset(br#"<META CHARSET='Shift_JIS'>"#).as_deref(),
            Some("shift_jis")
        );
    }
}
