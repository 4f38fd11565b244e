//! Saved web pages as articles (`.html`, `.htm`, and gzip-compressed
//! `.html.gz`): the main text without navigation, ads, related-story lists
//! or comments, and the headline, date, author, site and canonical URL from
//! the page's metadata (schema.org JSON-LD, OpenGraph and `article:` tags,
//! `<time>`). The scoring of main text is rs-trafilatura's (a port of
//! trafilatura): on the article-extraction benchmark it measured better
//! than the alternatives and than a scorer of our own would start
//! (`benches/results/2026-12-05-html-extraction.md`). The character set
//! comes from the page's declaration, UTF-8 without one.

use std::io::Read;

use rs_trafilatura::page_type::PageType;
use rs_trafilatura::Options;
use serde_json::{json, Value};

use crate::parse::article_from_json;
use crate::read::MAX_RECORD_BYTES;
use crate::Article;

/// How pages are read: as news articles. The page-type classifier is
/// skipped (a saved news page is an article), which made extraction 1.5
/// times as fast with the same F1.
fn options() -> Options {
    Options {
        page_type: Some(PageType::Article),
        ..Options::default()
    }
}

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
    // A third-party parser on any page a user has: a panic in it is this
    // page's problem, not the end of the run.
    let extracted =
        std::panic::catch_unwind(|| rs_trafilatura::extract_bytes_with_options(bytes, &options()))
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
    if let Some(date) = meta.date {
        object.insert("date".into(), json!(date.to_rfc3339()));
    }
    if let Some(author) = meta.author.filter(|a| !a.trim().is_empty()) {
        let authors: Vec<&str> = author
            .split(';')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .collect();
        object.insert("authors".into(), json!(authors));
    }
    if let Some(url) = meta.url {
        object.insert("url".into(), json!(url));
    }
    if let Some(site) = meta.sitename.or(meta.hostname) {
        object.insert("source".into(), json!(site));
    }
    article_from_json(Value::Object(object))
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
