//! What a user could pick instead of Dateline, measured on the same articles
//! and the same questions: SQLite FTS5 with a date column (rusqlite, bundled
//! SQLite), and a no-index scan of the files, as grep-style tools do.
//!
//! Both read the native format the simple way the plain-tantivy floor does
//! (date line, first paragraph as title, the rest as body): no extraction.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dateline_query::{DatePeriod, SearchRequest};
use rayon::prelude::*;
use rusqlite::{params, Connection};

/// The article files under `input`, sorted.
pub fn article_files(input: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(input)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// The date, lead and rest of a native-format article.
pub fn split_native(text: &str) -> (Option<NaiveDate>, &str, &str) {
    let trimmed = text.trim_start();
    let (date, rest) = match trimmed.strip_prefix("date ") {
        Some(after) => {
            let (day, rest) = after.split_at(after.find(' ').unwrap_or(after.len()));
            (NaiveDate::parse_from_str(day, "%Y-%m-%d").ok(), rest)
        }
        None => (None, trimmed),
    };
    let (lead, body) = rest.split_once("\n\n").unwrap_or((rest, ""));
    (date, lead, body)
}

fn day_number(date: NaiveDate) -> i64 {
    date.and_hms_opt(0, 0, 0)
        .map_or(0, |d| d.and_utc().timestamp() / 86_400)
}

/// Builds an SQLite FTS5 index of `input` in `db`: one bulk transaction per
/// 2,048 files (read in parallel, inserted by SQLite's single writer), the
/// `porter unicode61` tokenizer, the date as an indexed integer column.
/// Returns articles and bytes read.
pub fn index_sqlite_fts5(input: &Path, db: &Path) -> rusqlite::Result<(u64, u64)> {
    let mut conn = Connection::open(db)?;
    conn.execute_batch(
        "PRAGMA journal_mode = OFF;
         PRAGMA synchronous = OFF;
         CREATE TABLE article (id INTEGER PRIMARY KEY, day INTEGER);
         CREATE VIRTUAL TABLE article_text USING fts5(title, body, tokenize = 'porter unicode61');",
    )?;
    let files = article_files(input);
    let mut bytes = 0u64;
    let mut articles = 0u64;
    for chunk in files.chunks(2048) {
        let texts: Vec<String> = chunk
            .par_iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        let tx = conn.transaction()?;
        {
            let mut meta = tx.prepare_cached("INSERT INTO article (id, day) VALUES (?1, ?2)")?;
            let mut text = tx.prepare_cached(
                "INSERT INTO article_text (rowid, title, body) VALUES (?1, ?2, ?3)",
            )?;
            for article in &texts {
                articles += 1;
                bytes += article.len() as u64;
                let (date, lead, body) = split_native(article);
                meta.execute(params![articles as i64, date.map(day_number)])?;
                text.execute(params![articles as i64, lead, body])?;
            }
        }
        tx.commit()?;
    }
    conn.execute_batch("CREATE INDEX article_day ON article (day);")?;
    Ok((articles, bytes))
}

/// Searches an SQLite FTS5 index the way Dateline answers a request: the
/// total count and the ten best hits (bm25) with their titles.
pub struct Fts5 {
    conn: Connection,
}

impl Fts5 {
    /// Opens an index built by [`index_sqlite_fts5`].
    pub fn open(db: &Path) -> rusqlite::Result<Fts5> {
        Ok(Fts5 {
            conn: Connection::open(db)?,
        })
    }

    /// `None` for requests FTS5 has no equivalent of (person filters, facets).
    pub fn search(&self, request: &SearchRequest) -> Option<u64> {
        if !request.person.is_empty() || !request.facets.is_empty() || request.q.is_empty() {
            return None;
        }
        // FTS5's query syntax matches Dateline's for these classes: words
        // (all required), OR, "phrases".
        let (from, to) = date_bounds(request);
        let count: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM article_text JOIN article ON article.id = article_text.rowid
                 WHERE article_text MATCH ?1 AND (?2 IS NULL OR article.day >= ?2) AND (?3 IS NULL OR article.day <= ?3)",
            )
            .and_then(|mut s| s.query_row(params![request.q, from, to], |row| row.get(0)))
            .ok()?;
        let mut top = self
            .conn
            .prepare_cached(
                "SELECT article_text.rowid, title FROM article_text JOIN article ON article.id = article_text.rowid
                 WHERE article_text MATCH ?1 AND (?2 IS NULL OR article.day >= ?2) AND (?3 IS NULL OR article.day <= ?3)
                 ORDER BY rank LIMIT 10",
            )
            .ok()?;
        let titles: Vec<String> = top
            .query_map(params![request.q, from, to], |row| row.get(1))
            .ok()?
            .flatten()
            .collect();
        std::hint::black_box(titles);
        Some(count as u64)
    }
}

fn date_bounds(request: &SearchRequest) -> (Option<i64>, Option<i64>) {
    let from = request
        .from
        .as_deref()
        .and_then(|f| DatePeriod::parse(f).ok())
        .map(|p| day_number(p.first));
    let to = request
        .to
        .as_deref()
        .and_then(|t| DatePeriod::parse(t).ok())
        .map(|p| day_number(p.last));
    (from, to)
}

/// A no-index scan: read every file and count those that answer the
/// request (words all present, any of an OR, a phrase as a substring; case
/// folded, no stemming), in parallel as ripgrep would. `None` for requests a
/// scan cannot answer (person filters, facets).
pub fn scan_count(files: &[PathBuf], request: &SearchRequest) -> Option<u64> {
    if !request.person.is_empty() || !request.facets.is_empty() || request.q.is_empty() {
        return None;
    }
    let q = request.q.to_lowercase();
    let matcher: Box<dyn Fn(&str) -> bool + Sync> = if let Some(phrase) = q.strip_prefix('"') {
        let phrase = phrase.trim_end_matches('"').to_string();
        Box::new(move |text: &str| text.contains(&phrase))
    } else if q.contains(" or ") {
        let words: Vec<String> = q.split(" or ").map(str::to_string).collect();
        Box::new(move |text: &str| words.iter().any(|w| contains_word(text, w)))
    } else {
        let words: Vec<String> = q.split_whitespace().map(str::to_string).collect();
        Box::new(move |text: &str| words.iter().all(|w| contains_word(text, w)))
    };
    let (from, to) = date_bounds(request);
    let count = files
        .par_iter()
        .filter(|path| {
            let Ok(text) = std::fs::read_to_string(path) else {
                return false;
            };
            if from.is_some() || to.is_some() {
                let day = split_native(&text).0.map(day_number);
                let Some(day) = day else { return false };
                if from.is_some_and(|f| day < f) || to.is_some_and(|t| day > t) {
                    return false;
                }
            }
            matcher(&text.to_lowercase())
        })
        .count();
    Some(count as u64)
}

fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}
