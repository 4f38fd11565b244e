//! WARC web archives written by warcio (`scripts/make_warc_samples.py`):
//! Wikinews articles from the corpus as saved pages, in the CC-NEWS layout,
//! and damaged copies of them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

use super::{corpus, dateline, json_out};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warc")
}

/// The offsets warcio gives the response records of a file, in order.
fn warcio_responses(file: &str) -> Vec<u64> {
    let path = fixtures().with_file_name("warc-offsets.json");
    let offsets: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    offsets[file]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] == "response")
        .map(|r| r["offset"].as_u64().unwrap())
        .collect()
}

fn index(dir: &TempDir, input: &Path) -> (PathBuf, Value, i32) {
    let index = dir.path().join("idx");
    let (report, code) = json_out(
        dateline()
            .args(["index", "--json", "--index"])
            .arg(&index)
            .arg(input),
    );
    (index, report, code)
}

fn hits(index: &Path, query: &str) -> Vec<Value> {
    let (found, _) = json_out(
        dateline()
            .args(["search", "--json", "--limit", "100", "--index"])
            .arg(index)
            .arg(query),
    );
    found["hits"].as_array().cloned().unwrap_or_default()
}

/// The date line of a corpus article.
fn corpus_date(file: &str) -> String {
    let text = std::fs::read_to_string(corpus().join("wikinews").join(file)).unwrap();
    text.split_whitespace().nth(1).unwrap().to_string()
}

/// Each HTML response is an article named by the offset warcio gives its
/// record, with the captured URL, the page's date (the capture date when it
/// has none) and text in the character set the server or the bytes say;
/// requests, images, redirects and metadata are counted, not indexed.
#[test]
fn warc_pages_are_articles_named_by_their_record_offsets() {
    for file in ["cc-news-sample.warc.gz", "cc-news-sample.warc"] {
        let dir = TempDir::new().unwrap();
        let (index, report, code) = index(&dir, &fixtures().join(file));
        assert_eq!(code, 0, "{report}");
        // The first six responses are pages; an image and a redirect follow.
        let responses = warcio_responses(file);
        assert_eq!(report["articles_total"], 6, "{report}");
        let kinds = &report["records_not_articles"];
        assert_eq!(kinds["request"], 6, "{report}");
        assert_eq!(kinds["warcinfo"], 1, "{report}");
        assert_eq!(kinds["metadata"], 1, "{report}");
        assert_eq!(kinds["response not HTML (image/png)"], 1, "{report}");
        assert_eq!(kinds["response status 301"], 1, "{report}");
        let all = hits(&index, "");
        let offsets: BTreeSet<u64> = all
            .iter()
            .map(|h| {
                let id = h["id"].as_str().unwrap();
                assert!(id.contains(&format!("{file}#")), "{id}");
                id.rsplit('#').next().unwrap().parse().unwrap()
            })
            .collect();
        let pages: BTreeSet<u64> = responses[..6].iter().copied().collect();
        assert_eq!(offsets, pages);

        let typhoon = &hits(&index, "title:typhoon")[0];
        let name = "typhoon-phanfone-strikes-philippines";
        assert_eq!(typhoon["url"], format!("https://news.example/{name}"));
        assert_eq!(typhoon["source"], "Harbour Wire");
        assert_eq!(typhoon["date"], corpus_date(&format!("{name}.txt")));
        // The page without a date has the day it was captured: the next.
        let undated = &hits(&index, "title:\"president of south korea\"")[0];
        let published = corpus_date("brazilian-president-meets-president-of-south-korea.txt");
        let next = chrono::NaiveDate::parse_from_str(&published, "%Y-%m-%d").unwrap()
            + chrono::Days::new(1);
        assert_eq!(undated["date"], next.to_string());
        // Windows-1252 named by the server, and named by nothing.
        assert_eq!(hits(&index, "España").len(), 1);
        let named = hits(&index, "Inácio");
        assert!(
            named
                .iter()
                .any(|h| h["title"] == "Brazilian Delegation Returns From Arafat Funeral"),
            "{named:?}"
        );
        // A chunked, gzip-encoded response.
        assert_eq!(hits(&index, "title:gutierrez").len(), 1);
        // Navigation, the most-read list and the footer are not the article.
        assert!(hits(&index, "lottery OR subscribe").is_empty());

        // `show` of a record by its id; of the file, a hint at the ids.
        let typhoon_id = typhoon["id"].as_str().unwrap();
        let shown = dateline()
            .args(["show", "--index"])
            .arg(&index)
            .arg(typhoon_id)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&shown.stdout);
        assert!(
            text.contains(&format!("url:     https://news.example/{name}")),
            "{text}"
        );
        let by_url = dateline()
            .args(["show", "--index"])
            .arg(&index)
            .arg(format!("https://news.example/{name}"))
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&by_url.stdout), text);
        let file_path = fixtures().join(file);
        let shown = dateline()
            .args(["show", "--index"])
            .arg(&index)
            .arg(&file_path)
            .output()
            .unwrap();
        assert_eq!(shown.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&shown.stderr);
        assert!(
            stderr.contains("is a file of 6 articles") && stderr.contains(&format!("{file}#")),
            "{stderr}"
        );
    }
}

/// A lying length, junk between records, a whole-file gzip and a gzip
/// stream cut short: each is reported with the file and offset, and every
/// record that is whole is indexed.
#[test]
fn a_damaged_warc_file_loses_only_what_is_damaged() {
    let dir = TempDir::new().unwrap();
    let (index, report, code) = index(&dir, &fixtures().join("damaged"));
    assert_eq!(code, 1, "the truncated file's tail is lost: {report}");
    let all = hits(&index, "");
    let articles = |file: &str| {
        all.iter()
            .filter(|h| h["path"].as_str().unwrap().ends_with(file))
            .count()
    };
    // Every page of the whole files; the truncated file's first three.
    assert_eq!(articles("lying-length.warc"), 6, "{report}");
    assert_eq!(articles("junk-between.warc"), 6);
    assert_eq!(articles("whole-file-gzip.warc.gz"), 6);
    assert_eq!(articles("truncated.warc.gz"), 3);
    assert_eq!(report["articles_total"], all.len(), "{report}");
    let ids: BTreeSet<&str> = all.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), all.len(), "ids are unique");
    let problems: Vec<(String, String, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let path = p["path"].as_str().unwrap();
            let file = path.rsplit('/').next().unwrap().to_string();
            (file, p["kind"].to_string(), p["reason"].to_string())
        })
        .collect();
    let about = |file: &str, words: &[&str]| {
        problems
            .iter()
            .any(|(f, _, r)| f == file && words.iter().all(|w| r.contains(w)))
    };
    assert!(
        about("lying-length.warc", &["record at offset", "Content-Length"]),
        "{problems:?}"
    );
    assert!(
        about("junk-between.warc", &["not a WARC record", "offset"]),
        "{problems:?}"
    );
    assert!(
        about(
            "truncated.warc.gz",
            &["gzip", "the rest of the file is not read"]
        ),
        "{problems:?}"
    );
    assert!(
        !problems
            .iter()
            .any(|(f, _, r)| f == "whole-file-gzip.warc.gz" && !r.contains("dated by the capture")),
        "{problems:?}"
    );
}
