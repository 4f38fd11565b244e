//! Batch queries: many requests in, one JSON line out per request, in input
//! order.
//!
//! A reader thread feeds lines through a bounded channel; the main loop takes
//! what is available (at least one line, at most a chunk), answers the chunk
//! in parallel against one searcher, and writes the answers in order. Memory
//! stays bounded by the chunk size whatever the input length, and an
//! interactive caller gets each answer as soon as its line is in.

use std::io::{self, BufRead, Write};

use dateline_indexer::read::bounded_line;
use std::sync::mpsc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::{Engine, SearchRequest, SearchResponse};

/// The longest request line read; a longer one is answered with an error
/// line (a 50 MB line took 3 GB).
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// A line's text, or why it cannot be a request.
fn line_text(bytes: &[u8], fits: bool) -> Result<String, String> {
    if !fits {
        return Err(format!(
            "line longer than {} MB: not read (a request is a query and its filters)",
            MAX_LINE_BYTES >> 20
        ));
    }
    String::from_utf8(bytes.to_vec()).map_err(|err| {
        format!(
            "line is not valid UTF-8 (invalid byte at offset {})",
            err.utf8_error().valid_up_to()
        )
    })
}

/// How to run a batch.
#[derive(Debug, Clone, Copy)]
pub struct BatchOptions {
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Answer with totals, facets and timelines only, without hits.
    pub count_only: bool,
    /// Most requests answered together.
    pub chunk: usize,
    /// CSV (a header, then `line,id,query,total,error` per request) instead
    /// of JSON Lines.
    pub csv: bool,
    /// Bounds each request must keep (a server's); a request over them is
    /// answered with an error line.
    pub limits: Option<crate::Limits>,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            threads: 0,
            count_only: false,
            chunk: 512,
            csv: false,
            limits: None,
        }
    }
}

/// The columns of a CSV batch answer.
const CSV_HEADER: [&str; 5] = ["line", "id", "query", "total", "error"];

/// One request's CSV row, newline-terminated. A failed request's `query`
/// is its line as written, so the row says which request failed.
fn csv_row(line: u64, id: &Value, result: Result<&SearchResponse, &str>, written: &str) -> Vec<u8> {
    let id = match id {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let (query, total, error) = match result {
        Ok(response) => (
            response.query.clone(),
            response.total.to_string(),
            String::new(),
        ),
        Err(error) => (written.to_string(), String::new(), error.to_string()),
    };
    let mut row = csv::Writer::from_writer(Vec::new());
    let written = row
        .write_record([line.to_string(), id, query, total, error])
        .and_then(|()| row.flush().map_err(csv::Error::from));
    match (written, row.into_inner()) {
        (Ok(()), Ok(bytes)) => bytes,
        _ => format!("{line},{line},,,cannot write this answer as CSV\n").into_bytes(),
    }
}

/// What a batch did.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct BatchSummary {
    /// Requests answered (error lines included).
    pub requests: u64,
    /// Requests answered with an error line.
    pub errors: u64,
}

/// One request line: its 1-based number, the caller's id, and the request.
#[derive(Debug)]
struct Line {
    number: u64,
    /// The request, or why the line cannot be one (not UTF-8).
    text: Result<String, String>,
}

/// An answer carries the request's `id`, or its line number when it gave
/// none (a plain query line), so every answer can be matched to its request.
#[derive(Serialize)]
struct Answer<'a> {
    line: u64,
    id: &'a Value,
    #[serde(flatten)]
    response: &'a SearchResponse,
}

#[derive(Serialize)]
struct Failure<'a> {
    line: u64,
    id: &'a Value,
    error: String,
}

/// Parses one request line: a JSON object with the fields of a search plus
/// an optional `id`, or else a plain query string.
///
/// ```
/// use dateline_query::batch::parse_line;
/// let (id, request) = parse_line(r#"{"id": 7, "q": "talks", "person": "Putin", "timeline": "month"}"#).unwrap();
/// assert_eq!(id, Some(serde_json::json!(7)));
/// assert_eq!(request.person, ["Putin"]);
/// let (id, request) = parse_line("peace talks").unwrap();
/// assert!(id.is_none());
/// assert_eq!(request.q, "peace talks");
/// assert!(parse_line(r#"{"q": "x", "colour": "red"}"#).unwrap_err().1.contains("unknown field `colour`"));
/// let (id, _) = parse_line(r#"{"id": 18446744073709551616, "q": "x"}"#).unwrap();
/// assert_eq!(id, Some(serde_json::json!("18446744073709551616")));
/// let (id, _) = parse_line(r#"{"id": 1e400, "q": "x"}"#).unwrap();
/// assert_eq!(id, Some(serde_json::json!("1e400")));
/// ```
pub fn parse_line(text: &str) -> Result<(Option<Value>, SearchRequest), (Option<Value>, String)> {
    let trimmed = text.trim();
    if !trimmed.starts_with('{') {
        return Ok((
            None,
            SearchRequest {
                q: trimmed.to_string(),
                ..SearchRequest::default()
            },
        ));
    }
    // The fields as written first: an id is echoed as written, even a number
    // no float holds (310 digits, 1e400), and a bad field is not a lost id.
    let raw: std::collections::BTreeMap<String, Box<RawValue>> =
        serde_json::from_str(trimmed).map_err(|err| (None, format!("invalid JSON: {err}")))?;
    let mut object = serde_json::Map::new();
    let mut id = None;
    for (key, value) in raw {
        if key == "id" {
            id = Some(exact_id(value.get()));
            continue;
        }
        let value = serde_json::from_str(value.get())
            .map_err(|err| (id.clone(), format!("invalid JSON in `{key}`: {err}")))?;
        object.insert(key, value);
    }
    let request = serde_json::from_value::<SearchRequest>(Value::Object(object))
        .map_err(|err| (id.clone(), format!("invalid request: {err}")))?;
    Ok((id, request))
}

/// An id as written: a number that is not an exact 64-bit integer
/// (`18446744073709551616`, `1.50`) would come back as a rounded float, so it
/// is kept as a string of its digits.
fn exact_id(raw: &str) -> Value {
    let raw = raw.trim();
    match serde_json::from_str::<Value>(raw) {
        Ok(Value::Number(n)) if n.is_u64() || n.is_i64() => Value::Number(n),
        Ok(Value::Number(_)) | Err(_) => Value::String(raw.to_string()),
        Ok(other) => other,
    }
}

/// The JSON line answering one request, and whether it is an error line.
fn answer(
    engine: &Engine,
    searcher: &tantivy::Searcher,
    line: &Line,
    options: BatchOptions,
) -> (Vec<u8>, bool) {
    let count_only = options.count_only;
    let parsed = match &line.text {
        Ok(text) => parse_line(text),
        Err(reason) => Err((None, reason.clone())),
    };
    let result = parsed.and_then(|(id, mut request)| {
        if let Some(limits) = options.limits {
            if let Err(err) = limits.check(&request) {
                return Err((id, err.to_string()));
            }
        }
        if count_only {
            request.limit = 0;
        }
        // A bug must cost its own line, not the batch.
        let searched = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            engine.search_with(searcher, &request)
        }));
        match searched {
            Ok(Ok(response)) => Ok((id, response)),
            Ok(Err(err)) => Err((id, err.to_string())),
            Err(_) => Err((id, "internal error while answering this line".to_string())),
        }
    });
    let number = Value::from(line.number);
    if options.csv {
        let written = line.text.as_deref().unwrap_or("");
        let row = match &result {
            Ok((id, response)) => csv_row(
                line.number,
                id.as_ref().unwrap_or(&number),
                Ok(response),
                written,
            ),
            Err((id, error)) => csv_row(
                line.number,
                id.as_ref().unwrap_or(&number),
                Err(error),
                written,
            ),
        };
        return (row, result.is_err());
    }
    let json = match &result {
        Ok((id, response)) => serde_json::to_vec(&Answer {
            line: line.number,
            id: id.as_ref().unwrap_or(&number),
            response,
        }),
        Err((id, error)) => serde_json::to_vec(&Failure {
            line: line.number,
            id: id.as_ref().unwrap_or(&number),
            error: error.clone(),
        }),
    };
    let mut json = json.unwrap_or_else(|err| {
        format!(
            r#"{{"line":{},"id":{},"error":"cannot serialise: {err}"}}"#,
            line.number, line.number
        )
        .into_bytes()
    });
    json.push(b'\n');
    (json, result.is_err())
}

/// Answers every request of `input` on `output`, in order. Fails only when
/// reading the input or writing the output fails.
pub fn run<R, W>(
    engine: &Engine,
    input: R,
    output: &mut W,
    options: BatchOptions,
) -> io::Result<BatchSummary>
where
    R: BufRead + Send + 'static,
    W: Write,
{
    if options.csv {
        let mut header = csv::Writer::from_writer(&mut *output);
        header.write_record(CSV_HEADER).map_err(io::Error::other)?;
        header.flush()?;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(io::Error::other)?;
    let searcher = engine.searcher();
    let chunk = options.chunk.max(1);
    let (sender, receiver) = mpsc::sync_channel::<io::Result<Line>>(chunk * 2);
    std::thread::spawn(move || {
        // Lines as bytes: a line that is not UTF-8, or too long, is answered
        // with an error line, like any other bad request, and the batch goes on.
        let mut input = input;
        let mut bytes = Vec::new();
        for number in 1.. {
            let item = match bounded_line(&mut input, &mut bytes, MAX_LINE_BYTES) {
                Ok(None) => return,
                Ok(Some(fits)) => Ok(Line {
                    number,
                    text: line_text(&bytes, fits),
                }),
                Err(err) => Err(err),
            };
            let failed = item.is_err();
            if sender.send(item).is_err() || failed {
                return;
            }
        }
    });
    let mut summary = BatchSummary::default();
    let mut lines: Vec<Line> = Vec::with_capacity(chunk);
    loop {
        lines.clear();
        // Wait for one line, then take what is already there.
        let first = match receiver.recv() {
            Ok(item) => item?,
            Err(_) => break,
        };
        lines.push(first);
        while lines.len() < chunk {
            match receiver.try_recv() {
                Ok(item) => lines.push(item?),
                Err(_) => break,
            }
        }
        lines.retain(|l| match &l.text {
            Ok(text) => {
                let t = text.trim();
                !t.is_empty() && !t.starts_with('#')
            }
            Err(_) => true,
        });
        let answers: Vec<(Vec<u8>, bool)> = pool.install(|| {
            lines
                .par_iter()
                .map(|line| answer(engine, &searcher, line, options))
                .collect()
        });
        for (bytes, failed) in &answers {
            summary.requests += 1;
            summary.errors += u64::from(*failed);
            output.write_all(bytes)?;
            output.flush()?;
        }
    }
    Ok(summary)
}
