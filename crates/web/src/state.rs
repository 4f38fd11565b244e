//! What every request shares: the open engine, the token, and a bound on
//! how many searches run at once.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::NaiveDate;
use dateline_query::{Engine, Interval, SearchRequest};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::Failure;

/// The first and last dated day of an index.
type Span = (NaiveDate, NaiveDate);

/// The server's shared state.
pub struct App {
    pub engine: Engine,
    pub index: PathBuf,
    pub token: Option<String>,
    /// Searches run on blocking threads, at most this many at once; the
    /// rest wait (within the request time limit) rather than pile up.
    /// Counting facets and timelines over all matches costs milliseconds;
    /// a page of hits or an article, a fraction of one: each kind has its
    /// own slots, so a quick request never queues behind slow ones (as
    /// Elasticsearch keeps `get` apart from `search`).
    permits: Arc<Semaphore>,
    /// Slots for quick work: hits without counts, an article.
    quick: Arc<Semaphore>,
    /// The index's first and last dated day, per searcher generation.
    span: Mutex<Option<(u64, Option<Span>)>>,
}

/// How often the server looks for commits of a `dateline index` running
/// alongside.
pub const RELOAD_EVERY: Duration = Duration::from_secs(1);

impl App {
    pub fn new(engine: Engine, index: PathBuf, token: Option<String>, searches: usize) -> App {
        App {
            engine,
            index,
            token,
            permits: Arc::new(Semaphore::new(searches.max(1))),
            quick: Arc::new(Semaphore::new(searches.max(1))),
            span: Mutex::new(None),
        }
    }

    /// Runs `work`, which counts over many articles, on a blocking thread
    /// once a slot is free.
    pub async fn run<T, F>(self: &Arc<Self>, work: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&App) -> Result<T, Failure> + Send + 'static,
    {
        self.run_in(&self.permits, work).await
    }

    /// Runs quick `work` (a page of hits, an article) in the quick slots.
    pub async fn run_quick<T, F>(self: &Arc<Self>, work: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&App) -> Result<T, Failure> + Send + 'static,
    {
        self.run_in(&self.quick, work).await
    }

    async fn run_in<T, F>(self: &Arc<Self>, slots: &Arc<Semaphore>, work: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&App) -> Result<T, Failure> + Send + 'static,
    {
        let _permit = acquire(slots).await?;
        let app = Arc::clone(self);
        tokio::task::spawn_blocking(move || work(&app))
            .await
            .map_err(|err| Failure::internal(format!("the search failed: {err}")))?
    }

    /// A search slot, held for as long as the permit lives.
    pub async fn permit(&self) -> Result<OwnedSemaphorePermit, Failure> {
        acquire(&self.permits).await
    }

    /// The timeline interval that gives a readable chart for the period
    /// from `from` to `to` (either open: the index's first or last day).
    pub fn auto_interval(&self, from: Option<&str>, to: Option<&str>) -> Interval {
        let parse = |text: Option<&str>, last: bool| {
            let period = dateline_query::DatePeriod::parse(text?).ok()?;
            Some(if last { period.last } else { period.first })
        };
        let span = self.span();
        let first = parse(from, false).or(span.map(|s| s.0));
        let last = parse(to, true).or(span.map(|s| s.1));
        match (first, last) {
            (Some(first), Some(last)) => interval_for(first, last),
            _ => Interval::Day,
        }
    }

    /// The index's first and last dated day.
    fn span(&self) -> Option<Span> {
        let searcher = self.engine.searcher();
        let generation = searcher.generation().generation_id();
        let mut cached = self.span.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((built_for, span)) = *cached {
            if built_for == generation {
                return span;
            }
        }
        let request = SearchRequest {
            limit: 0,
            timeline: Some(Interval::Day),
            ..SearchRequest::default()
        };
        let span = self
            .engine
            .search_with(&searcher, &request)
            .ok()
            .and_then(|r| r.timeline)
            .and_then(|t| {
                let day = |b: Option<&dateline_query::TimelineBucket>| {
                    NaiveDate::parse_from_str(&b?.start, "%Y-%m-%d").ok()
                };
                Some((day(t.first())?, day(t.last())?))
            });
        *cached = Some((generation, span));
        span
    }
}

/// A slot of `slots`, held for as long as the permit lives.
async fn acquire(slots: &Arc<Semaphore>) -> Result<OwnedSemaphorePermit, Failure> {
    Arc::clone(slots)
        .acquire_owned()
        .await
        .map_err(|_| Failure::internal("the server is shutting down"))
}

/// The interval that gives a readable chart (tens of bars) for a period.
pub fn interval_for(first: NaiveDate, last: NaiveDate) -> Interval {
    let days = (last - first).num_days();
    if days <= 62 {
        Interval::Day
    } else if days <= 731 {
        Interval::Week
    } else if days <= 2200 {
        Interval::Month
    } else {
        Interval::Year
    }
}

/// Picks up new commits every [`RELOAD_EVERY`], for as long as the server runs.
pub async fn reload_forever(app: Arc<App>) {
    let mut ticks = tokio::time::interval(RELOAD_EVERY);
    loop {
        ticks.tick().await;
        let app = Arc::clone(&app);
        let reloaded = tokio::task::spawn_blocking(move || app.engine.reload()).await;
        if let Ok(Err(err)) = reloaded {
            tracing::warn!("cannot reload the index: {err}");
        }
    }
}
