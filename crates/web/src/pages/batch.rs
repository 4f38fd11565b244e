//! The batch page: paste or upload queries (one per line, JSON Lines, or
//! CSV with an `id` column), see each one's count and timeline, download
//! the answers as CSV or JSON Lines.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use dateline_query::batch::{self, BatchOptions};
use dateline_query::{Interval, SearchRequest};
use maud::{html, Markup};
use serde_json::{Map, Value};

use super::{chart, failure_page, layout, page, thousands};
use crate::api::{batch_options, stream_batch};
use crate::error::Failure;
use crate::params::url;
use crate::state::App;

/// The CSV columns a batch may have besides `id`: the request's fields.
const COLUMNS: [&str; 10] = [
    "q", "query", "person", "topic", "place", "org", "source", "language", "from", "to",
];

pub async fn form() -> Response {
    page(layout("Batch", "", form_markup("")))
}

fn form_markup(queries: &str) -> Markup {
    html! {
        section.batch {
            h1 { "Batch search" }
            p { "One query per line (the query language, or a JSON request as "
                code { "dateline batch" } " reads), or CSV with a header row holding "
                code { "q" } " and any of id, person, topic, place, org, source, language, from, to." }
            form #batch method="post" action="/batch" {
                textarea name="queries" rows="10" aria-label="Queries" { (queries) }
                p.upload {
                    label { "Or upload a file: " input #upload type="file" accept=".txt,.csv,.jsonl,.ndjson,text/plain,text/csv"; }
                    button type="submit" { "Run" }
                }
            }
        }
    }
}

/// The posted form's `queries` field.
fn queries_of(body: &[u8]) -> String {
    form_urlencoded::parse(body)
        .find(|(name, _)| name == "queries")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

/// The queries as request lines for `dateline batch`: CSV rows become JSON
/// requests; other lines are passed on as they are. A CSV's header is its
/// first line that is neither blank nor a `#` comment, naming `q` (or
/// `query`) and `id` or only request fields, separated by commas,
/// semicolons or tabs; each later line is one row (a query is one line, so
/// a quote never runs on to the next), and a row that cannot be read as its
/// header says is refused, naming it, rather than guessed at. Blank and `#`
/// lines are skipped, as in any batch.
pub fn request_lines(queries: &str) -> Result<String, Failure> {
    let queries = queries.strip_prefix('\u{feff}').unwrap_or(queries);
    let mut lines = queries.lines().filter(|line| {
        let line = line.trim();
        !line.is_empty() && !line.starts_with('#')
    });
    let Some((header, delimiter)) = lines.next().and_then(csv_header).transpose()? else {
        return Ok(queries.to_string());
    };
    let mut out = String::new();
    for (index, line) in lines.enumerate() {
        let record = csv_row(line, index + 1, (header.len(), delimiter))?;
        let mut request = Map::new();
        for (column, value) in header.iter().zip(record.iter()) {
            let name = if column == "query" {
                "q"
            } else {
                column.as_str()
            };
            if !value.is_empty() {
                request.insert(name.to_string(), Value::String(value.to_string()));
            }
        }
        out.push_str(&Value::Object(request).to_string());
        out.push('\n');
    }
    Ok(out)
}

/// The columns of a CSV header and its delimiter, or `None` when `line` is
/// no header (a query). A header naming `q` with a column that is no
/// request field, or a column twice, is an error.
fn csv_header(line: &str) -> Option<Result<(Vec<String>, u8), Failure>> {
    for delimiter in [b',', b';', b'\t'] {
        let Ok(Some(record)) = read_record(line, delimiter) else {
            continue;
        };
        let mut columns: Vec<String> = record
            .iter()
            .map(|c| c.trim().to_ascii_lowercase())
            .collect();
        // A spreadsheet may end the header with an empty column.
        while columns.len() > 1 && columns.last().is_some_and(String::is_empty) {
            columns.pop();
        }
        let has = |name: &str| columns.iter().any(|c| c == name);
        let known = |c: &String| c == "id" || COLUMNS.contains(&c.as_str());
        // Naming `q`, or two request fields and nothing else (`id,person`).
        if !(has("q") || has("query") || (columns.len() >= 2 && columns.iter().all(known))) {
            continue;
        }
        if let Some(unknown) = columns.iter().find(|c| !known(c)) {
            return Some(Err(Failure::bad_request(format!(
                "CSV column `{unknown}` is not a request field: use id, q, person, topic, place, org, source, language, from, to"
            ))));
        }
        fn same(c: &str) -> &str {
            if c == "query" {
                "q"
            } else {
                c
            }
        }
        if let Some((i, twice)) = columns
            .iter()
            .enumerate()
            .find(|(i, c)| columns[..*i].iter().any(|o| same(o) == same(c)))
        {
            return Some(Err(Failure::bad_request(format!(
                "CSV column {} `{twice}` repeats an earlier one: give each request field one column",
                i + 1
            ))));
        }
        return Some(Ok((columns, delimiter)));
    }
    None
}

/// The one record of `line` as CSV with `delimiter`.
fn read_record(line: &str, delimiter: u8) -> Result<Option<csv::StringRecord>, csv::Error> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(line.as_bytes())
        .records()
        .next()
        .transpose()
}

/// Data row `row` of a CSV batch, one line, with at most `columns` fields.
fn csv_row(
    line: &str,
    row: usize,
    (columns, delimiter): (usize, u8),
) -> Result<csv::StringRecord, Failure> {
    let refuse = |reason: String| Failure::bad_request(format!("CSV row {row} `{line}` {reason}"));
    // Quotes come in pairs, `""` standing for one inside a quoted field.
    if line.matches('"').count() % 2 == 1 {
        return Err(refuse(
            "opens a quote it never closes: close it, or write a quote inside a quoted field as `\"\"`".into(),
        ));
    }
    let record = read_record(line, delimiter)
        .map_err(|err| refuse(format!("cannot be read: {err}")))?
        .unwrap_or_default();
    if record
        .iter()
        .skip(columns)
        .any(|extra| !extra.trim().is_empty())
    {
        return Err(refuse(format!(
            "has {} fields and the header {columns}: put a field that holds a `{}` in quotes (`\"oil{} gas\"`)",
            record.len(),
            char::from(delimiter).escape_default(),
            char::from(delimiter).escape_default(),
        )));
    }
    Ok(record)
}

/// Each request line as a counting request with a timeline.
fn counting(lines: &str, interval: &str) -> String {
    let mut out = String::new();
    for line in lines.lines() {
        let trimmed = line.trim();
        let value = match serde_json::from_str::<Value>(trimmed) {
            Ok(Value::Object(mut request)) => {
                request.entry("timeline").or_insert(Value::from(interval));
                Value::Object(request).to_string()
            }
            _ if trimmed.is_empty() || trimmed.starts_with('#') => line.to_string(),
            // A plain query (or a broken JSON line, answered with its error).
            _ if trimmed.starts_with('{') => line.to_string(),
            _ => serde_json::json!({ "q": trimmed, "timeline": interval }).to_string(),
        };
        out.push_str(&value);
        out.push('\n');
    }
    out
}

pub async fn answer(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let queries = queries_of(&body);
    match run(app, &queries).await {
        Ok(markup) => page(markup),
        // The queries stay in the form, to correct the line named.
        Err(failure) => {
            let markup = layout(
                "Batch",
                "",
                html! {
                    section.failure {
                        h1 { "Cannot run that batch" }
                        p.message { (failure.message) }
                    }
                    (form_markup(&queries))
                },
            );
            (failure.status, Html(markup.into_string())).into_response()
        }
    }
}

async fn run(app: Arc<App>, queries: &str) -> Result<Markup, Failure> {
    let queries = queries.to_string();
    if queries.trim().is_empty() {
        return Err(Failure::bad_request(
            "no queries: paste them (one per line) or upload a file in the `queries` field of the form",
        ));
    }
    let lines = request_lines(&queries)?;
    // Numbered as the downloads number them: by request line (for CSV,
    // by data row); shown as written, a CSV row as its query and filters.
    let csv = lines != queries;
    let requests: Vec<Option<SearchRequest>> = lines
        .lines()
        .map(|line| batch::parse_line(line).ok().map(|(_, request)| request))
        .collect();
    let written: Vec<String> = if csv {
        requests
            .iter()
            .zip(lines.lines())
            .map(|(request, line)| request.as_ref().map_or_else(|| line.to_string(), described))
            .collect()
    } else {
        queries.lines().map(str::to_string).collect()
    };
    let count = lines
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim().starts_with('#'))
        .count();
    if count == 0 {
        return Err(Failure::bad_request(
            "no queries: every line is blank, a `#` comment or the CSV header; add a query under it",
        ));
    }
    if count > crate::api::MAX_BATCH_LINES {
        return Err(Failure::too_large(format!(
            "batch of {count} lines is over {}: split it, or run `dateline batch` on the file",
            crate::api::MAX_BATCH_LINES
        )));
    }
    let (answers, interval) = app
        .run({
            let lines = lines.clone();
            move |app| {
                let interval = app.auto_interval(None, None);
                let requests = counting(&lines, crate::params::interval_name(interval));
                let mut out = Vec::new();
                let options = BatchOptions {
                    threads: 2,
                    count_only: true,
                    limits: Some(dateline_query::Limits::SERVER),
                    ..BatchOptions::default()
                };
                batch::run(
                    &app.engine,
                    std::io::Cursor::new(requests.into_bytes()),
                    &mut out,
                    options,
                )
                .map_err(|err| Failure::internal(format!("the batch failed: {err}")))?;
                Ok((out, interval))
            }
        })
        .await?;
    let answers: Vec<Value> = answers
        .split(|b| *b == b'\n')
        .filter_map(|line| serde_json::from_slice(line).ok())
        .collect();
    let axis = shared_axis(&answers, interval);
    Ok(layout(
        "Batch",
        "",
        html! {
            (form_markup(&queries))
            section.answers {
                div.downloads {
                    @for (format, label) in [("csv", "Download CSV"), ("json", "Download JSON Lines")] {
                        form method="post" action=(url("/batch/download", &[("format".into(), format.into())])) {
                            input type="hidden" name="queries" value=(queries);
                            button type="submit" { (label) }
                        }
                    }
                }
                table.answers {
                    thead { tr { th { @if csv { "Row" } @else { "Line" } } th { "Id" } th { "Query" } th.num { "Articles" }
                        th title="One time axis for every row; each row scaled to its own busiest bucket" {
                            "Over time"
                            @if let (Some(first), Some(last)) = (axis.first(), axis.last()) {
                                " " span.axis { (chart::label(interval, first)) " to " (chart::label(interval, last)) }
                            }
                        }
                    } }
                    tbody { @for a in &answers {
                        @let line = a.get("line").and_then(Value::as_u64).unwrap_or(0);
                        @let index = line.saturating_sub(1) as usize;
                        (row(a, line, requests.get(index).cloned().flatten(), written.get(index).map_or("", String::as_str), (&axis, interval)))
                    } }
                }
            }
        },
    ))
}

/// An answer's timeline: bucket start to count.
fn timeline_of(answer: &Value) -> impl Iterator<Item = (&str, u64)> {
    answer
        .get("timeline")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|b| {
            let start = b.get("start")?.as_str()?;
            Some((start, b.get("count").and_then(Value::as_u64).unwrap_or(0)))
        })
}

/// Every bucket start from the earliest to the latest of all answers'
/// timelines: one time axis for all rows, so that their sparklines can be
/// compared (each answer's own timeline spans only its own matches).
fn shared_axis(answers: &[Value], interval: Interval) -> Vec<String> {
    let day = |start: &str| chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").ok();
    let starts: Vec<chrono::NaiveDate> = answers
        .iter()
        .flat_map(timeline_of)
        .filter_map(|(start, _)| day(start))
        .collect();
    let (Some(&first), Some(&last)) = (starts.iter().min(), starts.iter().max()) else {
        return Vec::new();
    };
    let mut axis = Vec::new();
    let mut at = interval.bucket_start(first);
    // A timeline's own guard: no absurd number of bars.
    while at <= last && axis.len() < 5_000 {
        axis.push(at.format("%Y-%m-%d").to_string());
        at = interval.next(at);
    }
    axis
}

/// A request as a line of the batch page: its query, then its filters
/// (`oil · person: Trump · from: 2020`).
fn described(request: &SearchRequest) -> String {
    let params = crate::params::SearchParams {
        request: request.clone(),
        auto_timeline: false,
    };
    params
        .pairs()
        .into_iter()
        .map(|(name, value)| match name.as_str() {
            "q" => value,
            _ => format!(
                "{}: {}",
                name.replace('_', " "),
                super::shown_value(&name, &value)
            ),
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// One answer: its input line, the request it answers (for a link to
/// the same search), the line as written (shown with an error), and its
/// timeline drawn on `axis`, buckets of `interval`.
fn row(
    answer: &Value,
    line: u64,
    request: Option<SearchRequest>,
    written: &str,
    (axis, interval): (&[String], Interval),
) -> Markup {
    let text = |key: &str| match answer.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    let counts: std::collections::HashMap<&str, u64> = timeline_of(answer).collect();
    let buckets: Vec<dateline_query::TimelineBucket> = axis
        .iter()
        .map(|start| dateline_query::TimelineBucket {
            start: start.clone(),
            count: counts.get(start.as_str()).copied().unwrap_or(0),
            all: None,
            share: None,
        })
        .collect();
    let search = request.map(|mut request| {
        request.timeline = None;
        let params = crate::params::SearchParams {
            request,
            auto_timeline: false,
        };
        url("/", &params.pairs())
    });
    html! {
        tr {
            td.num { (line) }
            td { (text("id")) }
            @if let Some(error) = answer.get("error").and_then(Value::as_str) {
                td { code { (written) } }
                td.error colspan="2" { (error) }
            } @else {
                td { @if let Some(search) = &search { a href=(search) { (written) } } @else { (written) } }
                td.num { (thousands(answer.get("total").and_then(Value::as_u64).unwrap_or(0))) }
                td { (chart::sparkline(&buckets, interval)) }
            }
        }
    }
}

/// The answers of the posted queries as a file: `format=csv` or `json`.
pub async fn download(
    State(app): State<Arc<App>>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> Response {
    let result = async {
        let options = batch_options(raw.as_deref())?;
        let lines = request_lines(&queries_of(&body))?;
        let (kind, name) = if options.csv {
            (
                "text/csv; charset=utf-8",
                "attachment; filename=\"dateline-batch.csv\"",
            )
        } else {
            (
                "application/x-ndjson",
                "attachment; filename=\"dateline-batch.jsonl\"",
            )
        };
        let body = stream_batch(&app, lines.into_bytes(), options).await?;
        Ok::<_, Failure>(
            (
                [
                    (header::CONTENT_TYPE, kind),
                    (header::CONTENT_DISPOSITION, name),
                ],
                body,
            )
                .into_response(),
        )
    };
    match result.await {
        Ok(response) => response,
        Err(failure) => failure_page(failure),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_drawn_on_one_time_axis() {
        let answers: Vec<Value> = [
            r#"{"line":1,"total":3,"timeline":[{"start":"1987-03-01","count":2},{"start":"1987-04-01","count":1}]}"#,
            r#"{"line":2,"error":"bad"}"#,
            r#"{"line":3,"total":5,"timeline":[{"start":"1987-06-01","count":5}]}"#,
        ]
        .iter()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
        let axis = shared_axis(&answers, Interval::Month);
        assert_eq!(
            axis,
            ["1987-03-01", "1987-04-01", "1987-05-01", "1987-06-01"]
        );
        // Both rows have a bar per month of the axis, at the same places.
        let bars = |answer: &Value| {
            let html = row(answer, 1, None, "q", (&axis, Interval::Month)).into_string();
            html.split("<rect class=\"bar\" ")
                .skip(1)
                .map(|rect| !rect.contains("height=\"0\""))
                .collect::<Vec<bool>>()
        };
        assert_eq!(bars(&answers[0]), [true, true, false, false]);
        assert_eq!(bars(&answers[2]), [false, false, false, true]);
        assert!(shared_axis(&answers[1..2], Interval::Month).is_empty());
    }

    #[test]
    fn csv_with_an_id_column_becomes_json_requests() {
        let lines = request_lines("id,q,person\n7,oil,Reagan\nx,\"talks, peace\",\n").unwrap();
        assert_eq!(
            lines,
            "{\"id\":\"7\",\"q\":\"oil\",\"person\":\"Reagan\"}\n{\"id\":\"x\",\"q\":\"talks, peace\"}\n"
        );
        assert!(request_lines("id,q,colour\n1,a,red")
            .unwrap_err()
            .message
            .contains("`colour`"));
        assert_eq!(
            request_lines("oil\nopec OR gas\n").unwrap(),
            "oil\nopec OR gas\n"
        );
    }

    #[test]
    fn a_csv_header_may_follow_comments_and_a_bad_row_is_refused_by_name() {
        let lines =
            request_lines("# Trade queries\n\nid,q\n1,oil\n\n2,\"say \"\"no\"\"\"\n").unwrap();
        assert_eq!(
            lines,
            "{\"id\":\"1\",\"q\":\"oil\"}\n{\"id\":\"2\",\"q\":\"say \\\"no\\\"\"}\n"
        );
        // An unclosed quote does not swallow the rows after it.
        let unclosed = request_lines("id,q\n1,oil\n2,\"oil prices\n3,gas\n").unwrap_err();
        assert!(
            unclosed.message.contains("CSV row 2 `2,\"oil prices`"),
            "{}",
            unclosed.message
        );
        assert!(unclosed.message.contains("never closes"));
        // Nor is a field past the header's dropped unseen.
        let extra = request_lines("id,q\n1,oil, gas\n").unwrap_err();
        assert!(
            extra
                .message
                .contains("CSV row 1 `1,oil, gas` has 3 fields and the header 2"),
            "{}",
            extra.message
        );
        // Headers as spreadsheets write them: with a byte-order mark,
        // quoted, `;` or tab between columns, `q` alone; `#` lines skipped.
        let oil = "{\"id\":\"1\",\"q\":\"oil\"}\n";
        for csv in [
            "\u{feff}id,q\n1,oil\n",
            "\"id\",\"q\"\n1,oil\n",
            "id;q\n1;oil\n",
            "id\tq\n# a note\n1\toil\n",
        ] {
            assert_eq!(request_lines(csv).unwrap(), oil, "{csv:?}");
        }
        assert_eq!(request_lines("q\noil\n").unwrap(), "{\"q\":\"oil\"}\n");
        assert_eq!(
            request_lines("q;person\noil;Reagan\n").unwrap(),
            "{\"q\":\"oil\",\"person\":\"Reagan\"}\n"
        );
        // An empty last column, as spreadsheets save; no `q` column.
        assert_eq!(
            request_lines("q,person,\noil,Reagan,\n").unwrap(),
            "{\"q\":\"oil\",\"person\":\"Reagan\"}\n"
        );
        assert_eq!(
            request_lines("id,person\n1,Reagan\n").unwrap(),
            "{\"id\":\"1\",\"person\":\"Reagan\"}\n"
        );
        // A phrase in a field, as spreadsheets quote it.
        assert_eq!(
            request_lines("q\n\"\"\"oil prices\"\"\"\n").unwrap(),
            "{\"q\":\"\\\"oil prices\\\"\"}\n"
        );
        // A header naming `q` with a column that is no request field.
        for unknown in ["q,notes\noil,x\n", "q,limit\noil,5\n"] {
            let err = request_lines(unknown).unwrap_err();
            assert!(
                err.message.contains("is not a request field"),
                "{}",
                err.message
            );
        }
        // A plain query list is no header, even with a comma in it.
        assert_eq!(request_lines("oil, gas\nq\n").unwrap(), "oil, gas\nq\n");
        // A column twice would lose one of its values.
        for twice in ["id,q,q\n1,oil,gold\n", "id,q,query\n1,oil,gold\n"] {
            let err = request_lines(twice).unwrap_err();
            assert!(err.message.contains("column 3"), "{}", err.message);
        }
        // Fewer fields than the header: the missing ones are empty.
        assert_eq!(
            request_lines("id,q,person\n1,oil\n").unwrap(),
            "{\"id\":\"1\",\"q\":\"oil\"}\n"
        );
    }

    #[test]
    fn counting_requests_ask_for_a_timeline_and_keep_json_requests() {
        let out = counting(
            "oil\n{\"q\":\"gas\",\"timeline\":\"year\"}\n# note\n",
            "month",
        );
        assert_eq!(
            out,
            "{\"q\":\"oil\",\"timeline\":\"month\"}\n{\"q\":\"gas\",\"timeline\":\"year\"}\n# note\n"
        );
    }
}
