//! The JSON API: the CLI's `--json` answers over HTTP.

use std::io::{self, Write};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use dateline_query::batch::{self, BatchOptions};
use dateline_query::{FacetKind, FacetValue};
use tokio::sync::mpsc;

use crate::error::Failure;
use crate::params::{Reader, SearchParams};
use crate::state::App;

/// Most request lines in one batch.
pub const MAX_BATCH_LINES: usize = 10_000;

/// `GET /api/search`: the parameters of [`SearchParams`].
pub async fn search(
    State(app): State<Arc<App>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Failure> {
    let params = SearchParams::parse(raw.as_deref(), Reader::Api, 10)?;
    let r = &params.request;
    let quick = r.facets.is_empty() && r.timeline.is_none() && !params.auto_timeline;
    let work = move |app: &App| {
        // Only `timeline=auto` needs the index's span.
        let interval = params.auto_timeline.then(|| {
            app.auto_interval(params.request.from.as_deref(), params.request.to.as_deref())
        });
        Ok(app.engine.search(&params.to_request(interval))?)
    };
    let response = if quick {
        app.run_quick(work).await?
    } else {
        app.run(work).await?
    };
    Ok(Json(response).into_response())
}

/// `GET /api/articles/{id}`: an article by id, path, URL or unique ending of
/// its id. With a search's words or filters (`q`, `person`, `topic`, `place`,
/// `org`), also where that search matched it: `matches`, byte spans of
/// `title`, `lead` and `body`.
pub async fn article(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Failure> {
    crate::params::only(
        raw.as_deref(),
        &crate::params::MARKING,
        "an article (with the search to mark in it)",
    )?;
    let params = SearchParams::parse(raw.as_deref(), Reader::Api, 0)?;
    let answer = app
        .run_quick(move |app| {
            let article = app.engine.article(&id)?.ok_or_else(|| {
                Failure::not_found(format!("no article with id `{id}` in the index"))
            })?;
            let matches = if params.marking_pairs().is_empty() {
                None
            } else {
                Some(app.engine.matches_in(&params.request, &article)?)
            };
            let mut answer = serde_json::to_value(&article)
                .map_err(|e| Failure::internal(format!("cannot write the article: {e}")))?;
            if let (Some(matches), Some(fields)) = (matches, answer.as_object_mut()) {
                fields.insert("matches".into(), serde_json::json!(matches));
            }
            Ok(answer)
        })
        .await?;
    Ok(Json(answer).into_response())
}

/// The most values one listing request answers; `offset` pages on.
const MAX_TOP: usize = 10_000;

/// The parameters of a listing: `prefix`, `top` and `offset`.
struct ListingParams {
    prefix: String,
    top: usize,
    offset: usize,
}

fn listing_params(raw: Option<&str>) -> Result<ListingParams, Failure> {
    let mut params = ListingParams {
        prefix: String::new(),
        top: 100,
        offset: 0,
    };
    let mut seen: Vec<String> = Vec::new();
    for (name, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        if seen.contains(&name.to_string()) {
            return Err(Failure::bad_request(format!(
                "parameter `{name}` is given twice: give it once"
            )));
        }
        seen.push(name.to_string());
        let number = || {
            value.parse::<usize>().map_err(|_| {
                Failure::bad_request(format!(
                    "parameter `{name}` must be a whole number, not `{value}`"
                ))
            })
        };
        match name.as_ref() {
            "prefix" => params.prefix = value.to_string(),
            "top" => params.top = number()?,
            "offset" => params.offset = number()?,
            other => {
                return Err(Failure::bad_request(format!(
                    "unknown parameter `{other}`: use prefix, top, offset"
                )))
            }
        }
    }
    if params.top > MAX_TOP {
        return Err(Failure::bad_request(format!(
            "`top={}` is over {MAX_TOP}: ask for {MAX_TOP} at a time and page with `offset`",
            params.top
        )));
    }
    Ok(params)
}

/// The values of a facet over the whole index, most articles first.
pub async fn values(
    app: &Arc<App>,
    kind: FacetKind,
    raw: Option<String>,
) -> Result<Vec<FacetValue>, Failure> {
    let params = listing_params(raw.as_deref())?;
    app.run(move |app| {
        let searcher = app.engine.searcher();
        let values = app.engine.values(&searcher, kind, &params.prefix)?;
        Ok(values
            .into_iter()
            .skip(params.offset)
            .take(params.top)
            .collect())
    })
    .await
}

/// `GET /api/people` and the like: `dateline people --json` as one array.
pub async fn listing(
    app: Arc<App>,
    kind: FacetKind,
    raw: Option<String>,
) -> Result<Response, Failure> {
    Ok(Json(values(&app, kind, raw).await?).into_response())
}

/// `GET /api/stats`: `dateline stats --json`.
pub async fn stats(
    State(app): State<Arc<App>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Failure> {
    crate::params::only(raw.as_deref(), &[], "`/api/stats`")?;
    let stats = app.run(|app| Ok(app.engine.stats(&app.index)?)).await?;
    Ok(Json(stats).into_response())
}

/// The options of a batch: `format=json|csv`, `count_only=true`.
pub fn batch_options(raw: Option<&str>) -> Result<BatchOptions, Failure> {
    let mut options = BatchOptions {
        // The server's own searches go on beside a batch: two threads.
        threads: 2,
        limits: Some(dateline_query::Limits::SERVER),
        ..BatchOptions::default()
    };
    for (name, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        match (name.as_ref(), value.as_ref()) {
            ("format", "json") => options.csv = false,
            ("format", "csv") => options.csv = true,
            ("count_only", "true" | "1" | "") => options.count_only = true,
            ("count_only", "false" | "0") => options.count_only = false,
            (name @ ("format" | "count_only"), value) => {
                return Err(Failure::bad_request(format!(
                    "parameter `{name}` cannot be `{value}`: use format=json|csv, count_only=true|false"
                )))
            }
            (other, _) => {
                return Err(Failure::bad_request(format!(
                    "unknown parameter `{other}`: use format, count_only"
                )))
            }
        }
    }
    Ok(options)
}

/// `POST /api/batch`: JSON Lines (or plain query lines) in; one answer per
/// line out, in order, streamed as they are ready; a bad line is answered
/// with an error line and the batch goes on.
pub async fn batch(
    State(app): State<Arc<App>>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> Result<Response, Failure> {
    let options = batch_options(raw.as_deref())?;
    let kind = if options.csv {
        "text/csv; charset=utf-8"
    } else {
        "application/x-ndjson"
    };
    let body = stream_batch(&app, body.to_vec(), options).await?;
    Ok(([(header::CONTENT_TYPE, kind)], body).into_response())
}

/// Answers `input` on a blocking thread, the answers streamed as a body.
pub async fn stream_batch(
    app: &Arc<App>,
    input: Vec<u8>,
    options: BatchOptions,
) -> Result<Body, Failure> {
    let lines = bytecount_lines(&input);
    if lines > MAX_BATCH_LINES {
        return Err(Failure::too_large(format!(
            "batch of {lines} lines is over {MAX_BATCH_LINES}: split it, or run `dateline batch` on the file"
        )));
    }
    let permit = app.permit().await?;
    let (sender, receiver) = mpsc::channel::<Result<Bytes, io::Error>>(16);
    let app = Arc::clone(app);
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let mut out = ChannelWriter { sender };
        let input = io::Cursor::new(input);
        if let Err(err) = batch::run(&app.engine, input, &mut out, options) {
            let _ = out.sender.blocking_send(Err(err));
        }
    });
    let stream = tokio_stream::wrappers::ReceiverStream::new(receiver);
    Ok(Body::from_stream(stream))
}

fn bytecount_lines(input: &[u8]) -> usize {
    input
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .count()
}

/// Each write is a chunk of the streamed body; a client that went away
/// ends the batch with a broken pipe.
struct ChannelWriter {
    sender: mpsc::Sender<Result<Bytes, io::Error>>,
}

impl Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.sender
            .blocking_send(Ok(Bytes::copy_from_slice(bytes)))
            .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Anything else: 404, as JSON under `/api/`, as a page elsewhere.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return Failure::not_found(format!(
            "no page `{}`: the API is /api/search, /api/articles/ID, /api/people, /api/orgs, \
             /api/places, /api/topics, /api/stats and POST /api/batch",
            uri.path()
        ))
        .into_response();
    }
    crate::pages::failure_page(Failure::not_found(format!(
        "no page `{}` here: search from the box above, or browse people, organisations, places and topics",
        uri.path()
    )))
}
