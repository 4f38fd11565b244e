//! The search engine over one open index: opening it, turning a request
//! into a tantivy query, and collecting hits, facets and timelines. Reading
//! stored articles, listings and the resolution of typed values live in the
//! modules below.

mod accents;
mod articles;
mod blend;
mod build;
mod filters;
mod listings;
mod matches;
mod resolver;
#[cfg(test)]
mod tests;

pub use articles::ArticleView;
use articles::*;
pub use listings::{FacetValue, IndexStats, Named};
pub use matches::ArticleMatches;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};

use chrono::{DateTime as ChronoDateTime, Duration, NaiveDate};
use dateline_extract::names::{fold, name_key};
use dateline_extract::text::edit_distance;
use dateline_extract::{Taxonomy, Topic};
use dateline_indexer::export;
use dateline_indexer::schema::{self, Fields};
use dateline_indexer::{open_index, IndexInfo, IndexerError};
use serde::Serialize;
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, EnableScoring, Occur, Query};
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;

use crate::marks::Marker;
use crate::snippet::{filtered_names, positive, Snippets};
use tantivy::{
    DateTime, DocAddress, DocSet, Executor, Index, IndexReader, Order, ReloadPolicy, Searcher,
    TantivyDocument, Term, TERMINATED,
};

use crate::catalogue::{self, Catalogue};
use crate::collect::FacetTimelineCollector;
use crate::syntax;
use crate::values::AllValueIds;
use crate::{
    DatePeriod, FacetCount, FacetKind, Hit, Interval, NamedPerson, QueryError, SearchRequest,
    SearchResponse, Sort, TimelineBucket,
};
use build::QueryBuilder;
use filters::term_query;

/// Weight of a match in a given headline, relative to the body.
const TITLE_BOOST: f32 = 2.0;
/// Weight of a match in the lead (which holds derived headlines), relative
/// to the body: news puts what matters first.
const LEAD_BOOST: f32 = 1.5;

/// An open index, ready to answer many searches (from many threads).
pub struct Engine {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// Folded alias to canonical name, from the user's alias file.
    aliases: HashMap<String, String>,
    /// Runs one search's segments; single-threaded unless
    /// [`Engine::set_segment_threads`] says otherwise.
    executor: Executor,
    /// The index folder (where the catalogue is kept); `None` in memory.
    dir: Option<std::path::PathBuf>,
    /// The people catalogue of the latest searcher generation asked for.
    catalogue: Mutex<Option<(Vec<tantivy::index::SegmentId>, Arc<Catalogue>)>>,
    /// Facet columns' values numbered across segments, kept across
    /// generations.
    value_ids: AllValueIds,
}

impl Engine {
    /// Opens the index at `dir` for searching.
    pub fn open(dir: &Path) -> Result<Engine, QueryError> {
        let (index, fields) = open_index(dir)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| IndexerError::opening(dir, e))?;
        Ok(Engine::new(index, reader, fields, Some(dir.to_path_buf())))
    }

    fn new(
        index: Index,
        reader: IndexReader,
        fields: Fields,
        dir: Option<std::path::PathBuf>,
    ) -> Engine {
        Engine {
            index,
            reader,
            fields,
            aliases: HashMap::default(),
            executor: Executor::single_thread(),
            catalogue: Mutex::new(None),
            value_ids: AllValueIds::default(),
            dir,
        }
    }

    /// An engine over an index with Dateline's schema that is already open,
    /// such as one in memory (`Index::create_in_ram(schema::build())`, with
    /// `analysis::register_tokenizers` before a writer adds to it); the
    /// archive's resolution of entities is then kept in memory only.
    pub fn from_index(index: Index) -> Result<Engine, QueryError> {
        let fields = Fields::new(&index.schema())?;
        dateline_indexer::analysis::register_tokenizers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Engine::new(index, reader, fields, None))
    }

    /// Loads a person alias file: one `alias = Canonical Name` per line,
    /// `#` comments and blank lines ignored. `--person Selensky` then finds
    /// what `--person "Volodymyr Zelensky"` finds.
    /// The file must be a regular file of at most [`MAX_ALIAS_FILE_BYTES`]
    /// (`--aliases /dev/zero` read until memory ran out).
    pub fn load_aliases(&mut self, path: &Path) -> Result<usize, QueryError> {
        let failed = |reason: String| QueryError::Aliases {
            path: path.display().to_string(),
            reason,
        };
        let meta = std::fs::metadata(path).map_err(|err| failed(err.to_string()))?;
        if !meta.is_file() {
            return Err(failed("not a regular file".to_string()));
        }
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|file| {
                std::io::Read::take(file, MAX_ALIAS_FILE_BYTES + 1).read_to_end(&mut bytes)
            })
            .map_err(|err| failed(err.to_string()))?;
        if bytes.len() as u64 > MAX_ALIAS_FILE_BYTES {
            return Err(failed(format!(
                "larger than {} MB: an alias file holds a line per name",
                MAX_ALIAS_FILE_BYTES >> 20
            )));
        }
        let text = String::from_utf8(bytes).map_err(|_| failed("not UTF-8 text".to_string()))?;
        let mut loaded = 0;
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((alias, canonical)) = line.split_once('=') else {
                return Err(QueryError::Aliases {
                    path: path.display().to_string(),
                    reason: format!("line {}: expected `alias = Canonical Name`", number + 1),
                });
            };
            self.aliases
                .insert(fold(alias.trim()), canonical.trim().to_string());
            loaded += 1;
        }
        Ok(loaded)
    }

    /// Searches the segments of one request on `threads` threads: for one
    /// interactive search over many segments. Leave it at 1 for batches,
    /// which already run requests in parallel.
    pub fn set_segment_threads(&mut self, threads: usize) -> Result<(), QueryError> {
        self.executor = if threads <= 1 {
            Executor::single_thread()
        } else {
            Executor::multi_thread(threads, "dateline-search-")?
        };
        Ok(())
    }

    /// `searcher.search`, on this engine's executor.
    fn collect<C: Collector>(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        collector: &C,
    ) -> tantivy::Result<C::Fruit> {
        let statistics = blend::Blended {
            searcher,
            fields: &self.fields,
        };
        let scoring = if collector.requires_scoring() {
            EnableScoring::enabled_from_statistics_provider(&statistics, searcher)
        } else {
            EnableScoring::disabled_from_searcher(searcher)
        };
        searcher.search_with_executor(query, collector, &self.executor, scoring)
    }

    /// The current searcher. Call [`Engine::reload`] to see new commits.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Picks up the latest commit.
    pub fn reload(&self) -> Result<(), QueryError> {
        self.reader.reload()?;
        Ok(())
    }

    /// The schema fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// Makes the archive's resolution of people and organisations for the
    /// current commit and keeps it in the index folder, so that the first
    /// faceted search need not (`dateline index` calls it after a run).
    pub fn prepare_entities(&self) -> Result<(), QueryError> {
        self.catalogue(&self.searcher()).map(|_| ())
    }

    /// The people catalogue of `searcher`'s generation, built on first use.
    fn catalogue(&self, searcher: &Searcher) -> Result<Arc<Catalogue>, QueryError> {
        let generation = catalogue::generation(searcher);
        let mut cached = self
            .catalogue
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((built_for, catalogue)) = cached.as_ref() {
            if *built_for == generation {
                return Ok(Arc::clone(catalogue));
            }
        }
        let built = Arc::new(Catalogue::open(searcher, self.dir.as_deref())?);
        *cached = Some((generation, Arc::clone(&built)));
        Ok(built)
    }

    /// A facet collector whose people are counted as the catalogue's people.
    fn facet_collector(
        &self,
        searcher: &Searcher,
        fields: Vec<&'static str>,
        top: usize,
        timeline: bool,
    ) -> Result<FacetTimelineCollector, QueryError> {
        let mut collector = FacetTimelineCollector::new(fields, top, timeline);
        let live = catalogue::generation(searcher);
        collector.ids = collector
            .fields
            .iter()
            .map(|field| self.value_ids.of(field, &live))
            .collect();
        for (field, groups) in collector.fields.iter().zip(collector.groups.iter_mut()) {
            if *field == schema::PEOPLE {
                *groups = Some(self.catalogue(searcher)?.people.groups());
            } else if *field == schema::ORGANIZATIONS {
                *groups = Some(self.catalogue(searcher)?.organisations.groups());
            }
        }
        Ok(collector)
    }

    /// Runs one search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse, QueryError> {
        self.search_with(&self.searcher(), request)
    }

    /// Runs one search against a given searcher (for batches that share one).
    pub fn search_with(
        &self,
        searcher: &Searcher,
        request: &SearchRequest,
    ) -> Result<SearchResponse, QueryError> {
        if request.limit > 10_000 {
            return Err(QueryError::Invalid(format!(
                "limit {} is above 10000",
                request.limit
            )));
        }
        let Matcher {
            query,
            text_query,
            from,
            to,
            people,
            names,
            marker,
        } = self.matcher(searcher, request)?;

        let facet_fields: Vec<&'static str> = request.facets.iter().map(|f| f.field()).collect();
        let counter = self.facet_collector(
            searcher,
            facet_fields,
            request.top.max(1),
            request.timeline.is_some(),
        )?;
        let wants_counts = !request.facets.is_empty() || request.timeline.is_some();
        let counter = wants_counts.then_some(counter);
        let page = TopDocs::with_limit(request.limit.max(1)).and_offset(request.offset);
        let (total, addresses, counts): (usize, Vec<(Option<f32>, DocAddress)>, _) = if request
            .limit
            == 0
        {
            // Counting only: no top-docs collector, no scoring.
            let (total, counts) = self.collect(searcher, &query, &(Count, counter))?;
            (total, Vec::new(), counts)
        } else {
            match request.sort {
                Sort::Relevance => {
                    let (total, top, counts) =
                        self.collect(searcher, &query, &(Count, page.order_by_score(), counter))?;
                    (
                        total,
                        top.into_iter().map(|(s, a)| (Some(s), a)).collect(),
                        counts,
                    )
                }
                Sort::Newest | Sort::Oldest => {
                    let order = if request.sort == Sort::Newest {
                        Order::Desc
                    } else {
                        Order::Asc
                    };
                    let by_date = page.order_by_fast_field::<DateTime>(schema::DATE, order);
                    let (total, top, counts) =
                        self.collect(searcher, &query, &(Count, by_date, counter))?;
                    (
                        total,
                        top.into_iter().map(|(_, a)| (None, a)).collect(),
                        counts,
                    )
                }
            }
        };

        let mut hits = Vec::with_capacity(addresses.len());
        if !addresses.is_empty() {
            // The passage that matches the words; with none, the passage
            // that names the people, places and organisations filtered on.
            let snippets = match text_query.as_deref().map(positive) {
                Some(query) => Snippets::Query {
                    lead: SnippetGenerator::create(searcher, query.as_ref(), self.fields.lead)?,
                    body: SnippetGenerator::create(searcher, query.as_ref(), self.fields.body)?,
                    stemmed: self
                        .stemmed_fields(searcher)
                        .into_iter()
                        .map(|(code, field)| {
                            let generator =
                                SnippetGenerator::create(searcher, query.as_ref(), field)?;
                            let analyzer = self.index.tokenizer_for_field(field)?;
                            Ok((code, generator, analyzer))
                        })
                        .collect::<tantivy::Result<_>>()?,
                    marker,
                    analyzer: self.index.tokenizer_for_field(self.fields.body)?,
                },
                None => {
                    Snippets::Names(filtered_names(&*self.catalogue(searcher)?, &people, &names))
                }
            };
            for (score, address) in addresses {
                let doc: TantivyDocument = searcher.doc(address)?;
                hits.push(self.hit(&doc, score, &snippets));
            }
        }

        let mut facets = BTreeMap::new();
        let mut timeline = None;
        let mut undated = None;
        if let Some(counts) = counts {
            for (kind, values) in request.facets.iter().zip(counts.facets) {
                facets.insert(
                    kind.name().to_string(),
                    top_values(*kind, values, request.top),
                );
            }
            if let Some(interval) = request.timeline {
                let mut buckets = buckets(&counts.days, interval, from, to);
                if request.share {
                    self.add_shares(searcher, &mut buckets, interval)?;
                }
                timeline = Some(buckets);
                undated = Some(counts.undated);
            }
        }
        Ok(SearchResponse {
            query: request.q.clone(),
            total: total as u64,
            hits,
            facets,
            timeline,
            undated,
            people,
        })
    }

    /// Gives each bucket the count of all articles dated in it and the
    /// matches' share of them.
    fn add_shares(
        &self,
        searcher: &Searcher,
        timeline: &mut [TimelineBucket],
        interval: Interval,
    ) -> Result<(), QueryError> {
        let counter = FacetTimelineCollector::new(Vec::new(), 1, true);
        let all = searcher.search(&AllQuery, &counter)?;
        let per_bucket: HashMap<String, u64> = per_bucket(&all.days, interval)
            .into_iter()
            .map(|(start, count)| (start.format("%Y-%m-%d").to_string(), count))
            .collect();
        for bucket in timeline {
            let all = per_bucket.get(&bucket.start).copied().unwrap_or(0);
            bucket.all = Some(all);
            // No article at all that month: no share to speak of.
            bucket.share = (all > 0).then(|| bucket.count as f64 / all as f64);
        }
        Ok(())
    }

    /// The query that selects what `request` asks for: the query text and
    /// the request's filters, built by one builder.
    fn matcher(&self, searcher: &Searcher, request: &SearchRequest) -> Result<Matcher, QueryError> {
        let mut builder = QueryBuilder::new(self, searcher);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut text_query = None;
        let parsed = syntax::parse(&request.q)?;
        let marker = Marker::new(parsed.as_ref());
        match parsed {
            Some(expr) => {
                if let Some(query) = builder.build(&expr)? {
                    if expr.searches_text() {
                        text_query = Some(query.box_clone());
                    }
                    clauses.push((Occur::Must, query));
                }
            }
            // "💩" or "-" is not "every article": that count would be taken
            // for an answer.
            None if !request.q.trim().is_empty() => {
                return Err(QueryError::Invalid(format!(
                    "query `{}` has no words to search for: use letters or digits, \
                     or no query at all to list every article that passes the filters",
                    request.q.trim()
                )));
            }
            None => {}
        }
        for filter in request.filters() {
            clauses.extend(builder.build(&filter)?.map(|query| (Occur::Must, query)));
        }
        let query: Box<dyn Query> = match clauses.len() {
            0 => Box::new(AllQuery),
            1 => clauses
                .pop()
                .map_or_else(|| Box::new(AllQuery) as Box<dyn Query>, |(_, q)| q),
            _ => Box::new(BooleanQuery::new(clauses)),
        };
        // The timeline spans the requested period (checked by the builder).
        let from = request.from.as_deref().map(DatePeriod::parse).transpose()?;
        let to = request.to.as_deref().map(DatePeriod::parse).transpose()?;
        Ok(Matcher {
            query,
            text_query,
            from,
            to,
            people: builder.people,
            names: builder.names,
            marker,
        })
    }
}

/// The query of a request, and the parts of it the response needs again.
struct Matcher {
    query: Box<dyn Query>,
    text_query: Option<Box<dyn Query>>,
    from: Option<DatePeriod>,
    to: Option<DatePeriod>,
    /// Who each person filter (outside a `NOT`) found.
    people: Vec<NamedPerson>,
    /// The places and organisations filtered on (outside a `NOT`).
    names: Vec<String>,
    /// Where the query's words are in a text.
    marker: Marker,
}

/// The most frequent values, ties by value; topic qcodes become labels.
fn top_values(kind: FacetKind, values: HashMap<String, u64>, top: usize) -> Vec<FacetCount> {
    let mut sorted: Vec<(String, u64)> = values.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let taxonomy = Taxonomy::get();
    sorted
        .into_iter()
        .take(top)
        .map(|(value, count)| {
            if kind == FacetKind::Topics {
                let label = taxonomy
                    .concept(&value)
                    .map_or(value.clone(), |c| c.label.to_string());
                FacetCount {
                    value: label,
                    id: Some(value),
                    count,
                }
            } else {
                FacetCount {
                    value,
                    id: None,
                    count,
                }
            }
        })
        .collect()
}

/// Counts per bucket of `interval`, in order, from counts per day (days
/// since the epoch, sorted): consecutive days share a bucket, so a bucket's
/// start is worked out once per bucket, not per day.
fn per_bucket(days: &[(i64, u64)], interval: Interval) -> Vec<(NaiveDate, u64)> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let mut out: Vec<(NaiveDate, u64)> = Vec::new();
    let mut next = epoch;
    for &(n, count) in days {
        let day = epoch + Duration::days(n);
        match out.last_mut() {
            Some((_, total)) if day < next => *total += count,
            _ => {
                let start = interval.bucket_start(day);
                next = interval.next(start);
                out.push((start, count));
            }
        }
    }
    out
}

/// The timeline of `days` (sorted) from `from` to `to` (or the first and
/// last dated match), every bucket in between, empty ones too.
fn buckets(
    days: &[(i64, u64)],
    interval: Interval,
    from: Option<DatePeriod>,
    to: Option<DatePeriod>,
) -> Vec<TimelineBucket> {
    let counts = per_bucket(days, interval);
    let first = from
        .map(|p| p.first)
        .or_else(|| counts.first().map(|(start, _)| *start));
    let last = to
        .map(|p| p.last)
        .or_else(|| counts.last().map(|(start, _)| *start));
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let mut counts = counts.into_iter().peekable();
    let mut out = Vec::new();
    let mut start = interval.bucket_start(first);
    // Guard against absurd ranges (a day timeline over centuries).
    while start <= last && out.len() < 200_000 {
        while counts.next_if(|(at, _)| *at < start).is_some() {}
        out.push(TimelineBucket {
            start: start.format("%Y-%m-%d").to_string(),
            count: counts.next_if(|(at, _)| *at == start).map_or(0, |(_, c)| c),
            all: None,
            share: None,
        });
        start = interval.next(start);
    }
    out
}

/// The largest alias file read.
pub const MAX_ALIAS_FILE_BYTES: u64 = 64 << 20;
