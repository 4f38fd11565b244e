//! A date from where a file is kept, for articles whose text and metadata
//! give none: archives and crawls often keep the day only in the path
//! (`2004/08/01/story.txt`, `2004-08-01-story.txt`, `20040801.txt`).

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

/// How many folders above the file are looked at: the day is kept near the
/// file, and a date further up ("backup-2019-03-02/...") is not the
/// article's.
const PARENTS: usize = 3;

/// The day the path names: in the file name (anywhere), else in the nearest
/// folders as `YYYY/MM/DD` or a folder named `YYYY-MM-DD`; `None` when
/// there is none. Years from 1900 to 2099 only, and real days only.
///
/// ```
/// use std::path::Path;
/// use dateline_indexer::path_date::date_from_path;
/// let day = |p: &str| date_from_path(Path::new(p)).map(|d| d.date_naive().to_string());
/// assert_eq!(day("news/2004/08/01/story.txt").as_deref(), Some("2004-08-01"));
/// assert_eq!(day("news/2004-08-01-story.txt").as_deref(), Some("2004-08-01"));
/// assert_eq!(day("wire/20040801_0931.txt").as_deref(), Some("2004-08-01"));
/// assert_eq!(day("by-day/2004-08-01/a.txt").as_deref(), Some("2004-08-01"));
/// assert_eq!(day("bbc/business/001.txt"), None);
/// assert_eq!(day("backup-2019-03-02/bbc/business/001.txt"), None);
/// assert_eq!(day("ids/12345678.txt"), None);
/// assert_eq!(day("news/2004-02-30-story.txt"), None);
/// ```
pub fn date_from_path(path: &Path) -> Option<DateTime<Utc>> {
    let stem = path.file_stem()?.to_string_lossy();
    let parents: Vec<String> = path
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let near = &parents[parents.len().saturating_sub(PARENTS)..];
    let day = date_in_text(&stem)
        .or_else(|| date_in_folders(near, &stem))
        .or_else(|| near.iter().rev().find_map(|folder| whole_date(folder)))?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc())
}

/// The day a page's URL names in its path (`/2019/11/20/story/`,
/// `/2019-11-20-story.html`), for pages that give none in their text.
///
/// ```
/// use dateline_indexer::path_date::date_in_url;
/// let day = |u: &str| date_in_url(u).map(|d| d.date_naive().to_string());
/// assert_eq!(day("https://www.floridatoday.com/story/news/2019/11/20/brevard-school/4233317002/").as_deref(), Some("2019-11-20"));
/// assert_eq!(day("https://example.org/2004-08-01-story.html?page=2").as_deref(), Some("2004-08-01"));
/// assert_eq!(day("https://example.org/story/12345678"), None);
/// ```
pub fn date_in_url(url: &str) -> Option<DateTime<Utc>> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = rest.split(['?', '#']).next()?;
    let segments: Vec<&str> = path.split('/').skip(1).filter(|s| !s.is_empty()).collect();
    let day = segments
        .windows(3)
        .find_map(|w| {
            let short = |s: &str| (1..=2).contains(&s.len());
            (w[0].len() == 4 && short(w[1]) && short(w[2])).then(|| ymd(w[0], w[1], w[2]))?
        })
        .or_else(|| segments.iter().find_map(|s| date_in_text(s)))?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc())
}

/// `YYYY-MM-DD` (or `_`, `.` between) or eight digits `YYYYMMDD`, not
/// inside a longer number.
fn date_in_text(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    for start in 0..bytes.len() {
        if !digit(start) || (start > 0 && digit(start - 1)) {
            continue;
        }
        let separated = (0..4).all(|i| digit(start + i))
            && matches!(bytes.get(start + 4), Some(b'-' | b'_' | b'.'))
            && digit(start + 5)
            && digit(start + 6)
            && bytes.get(start + 7) == bytes.get(start + 4)
            && digit(start + 8)
            && digit(start + 9)
            && !digit(start + 10);
        if separated {
            let (y, m, d) = (
                &text[start..start + 4],
                &text[start + 5..start + 7],
                &text[start + 8..start + 10],
            );
            if let Some(day) = ymd(y, m, d) {
                return Some(day);
            }
        }
        let packed = (0..8).all(|i| digit(start + i)) && !digit(start + 8);
        if packed {
            let s = &text[start..start + 8];
            if let Some(day) = ymd(&s[..4], &s[4..6], &s[6..]) {
                return Some(day);
            }
        }
    }
    None
}

/// `.../2004/08/01/file` or `.../2004/08/01.txt`.
fn date_in_folders(folders: &[String], stem: &str) -> Option<NaiveDate> {
    let mut parts: Vec<&str> = folders.iter().map(String::as_str).collect();
    parts.push(stem);
    parts.windows(3).rev().find_map(|w| {
        let short = |s: &str| (1..=2).contains(&s.len());
        (w[0].len() == 4 && short(w[1]) && short(w[2])).then(|| ymd(w[0], w[1], w[2]))?
    })
}

/// A folder named exactly `YYYY-MM-DD`.
fn whole_date(folder: &str) -> Option<NaiveDate> {
    (folder.len() == 10).then(|| date_in_text(folder)).flatten()
}

fn ymd(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let number = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let year = number(year)? as i32;
    if !(1900..=2099).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, number(month)?, number(day)?)
}
