//! The search engine over one open index.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::io::Read;
use std::ops::Bound;
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
use tantivy::query::{
    AllQuery, BooleanQuery, EnableScoring, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;

use crate::snippet::{filtered_names, Snippets};
use tantivy::tokenizer::TokenStream;
use tantivy::{
    DateTime, DocAddress, DocSet, Executor, Index, IndexReader, Order, ReloadPolicy, Searcher,
    TantivyDocument, Term, TERMINATED,
};

use crate::catalogue::{self, Catalogue};
use crate::collect::FacetTimelineCollector;
use crate::syntax::{rewrite, Resolver, Shortcut};
use crate::{
    DatePeriod, FacetCount, FacetKind, Hit, Interval, NamedPerson, PersonChoice, QueryError,
    SearchRequest, SearchResponse, Sort, TimelineBucket,
};

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
    /// The index folder (where the catalogue is kept).
    dir: std::path::PathBuf,
    /// The people catalogue of the latest searcher generation asked for.
    catalogue: Mutex<Option<(Vec<tantivy::index::SegmentId>, Arc<Catalogue>)>>,
}

/// A facet value with its article count over the whole index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetValue {
    /// The value (a topic's label for topics).
    pub value: String,
    /// The IPTC qcode, for topics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Articles with this value.
    pub count: u64,
}

/// A summary of the whole index.
#[derive(Debug, Clone, Serialize)]
pub struct IndexStats {
    /// Articles in the index.
    pub articles: u64,
    /// Articles without a date.
    pub undated: u64,
    /// Earliest date, `YYYY-MM-DD`.
    pub first_date: Option<String>,
    /// Latest date, `YYYY-MM-DD`.
    pub last_date: Option<String>,
    /// Distinct source files.
    pub files: u64,
    /// Index segments.
    pub segments: usize,
    /// Bytes on disk.
    pub size_bytes: u64,
    /// Most frequent people.
    pub top_people: Vec<FacetValue>,
    /// Most frequent topics.
    pub top_topics: Vec<FacetValue>,
    /// Most frequent places.
    pub top_places: Vec<FacetValue>,
    /// What wrote the index.
    pub writer: Option<String>,
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
        Ok(Engine {
            index,
            reader,
            fields,
            aliases: HashMap::default(),
            executor: Executor::single_thread(),
            catalogue: Mutex::new(None),
            dir: dir.to_path_buf(),
        })
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
        let scoring = if collector.requires_scoring() {
            EnableScoring::enabled_from_searcher(searcher)
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
        let built = Arc::new(Catalogue::open(searcher, Some(&self.dir))?);
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
            let snippets = match &text_query {
                Some(query) => Snippets::Query {
                    lead: SnippetGenerator::create(searcher, query.as_ref(), self.fields.lead)?,
                    body: SnippetGenerator::create(searcher, query.as_ref(), self.fields.body)?,
                },
                None => Snippets::Names(filtered_names(request, &people)),
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
                timeline = Some(buckets(&counts.days, interval, from, to));
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

    /// The query that selects what `request` asks for: free text and filters.
    fn matcher(&self, searcher: &Searcher, request: &SearchRequest) -> Result<Matcher, QueryError> {
        let resolver = EngineResolver {
            engine: self,
            searcher,
        };
        let text_query = self.text_query(&request.q, &resolver)?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(query) = &text_query {
            clauses.push((Occur::Must, query.box_clone()));
        }
        let mut people = Vec::new();
        for name in &request.person {
            let (query, named) = self.person_query(searcher, name)?;
            clauses.push((Occur::Must, query));
            people.push(named);
        }
        for topic in &request.topic {
            let term = resolver.topic_term(topic)?;
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
            ));
        }
        for place in &request.place {
            let value = resolver.facet_value(self.fields.places, "place", place)?;
            clauses.push((
                Occur::Must,
                Box::new(term_query(self.fields.places, &value)),
            ));
        }
        for org in &request.org {
            let value = resolver.facet_value(self.fields.organizations, "organisation", org)?;
            let forms = self
                .organisation_forms(searcher, &value)?
                .iter()
                .map(|form| Box::new(term_query(self.fields.organizations, form)) as Box<dyn Query>)
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::union(forms))));
        }
        let from = request.from.as_deref().map(DatePeriod::parse).transpose()?;
        let to = request.to.as_deref().map(DatePeriod::parse).transpose()?;
        if from.is_some() || to.is_some() {
            let lower = from.map(|p| p.first);
            let upper = to.map(|p| p.last + Duration::days(1));
            if let (Some(l), Some(u)) = (lower, upper) {
                if l >= u {
                    return Err(QueryError::ReversedPeriod {
                        from: request.from.clone().unwrap_or_default(),
                        to: request.to.clone().unwrap_or_default(),
                    });
                }
            }
            clauses.push((Occur::Must, Box::new(self.date_range(lower, upper))));
        }
        let query: Box<dyn Query> = match clauses.len() {
            0 => Box::new(AllQuery),
            1 if text_query.is_some() => clauses
                .pop()
                .map(|(_, q)| q)
                .unwrap_or_else(|| Box::new(AllQuery)),
            _ => Box::new(BooleanQuery::new(clauses)),
        };
        Ok(Matcher {
            query,
            text_query,
            from,
            to,
            people,
        })
    }

    /// Calls `visit` with the export record of every article that matches
    /// `request`'s query and filters (its paging, sort, facets and timeline
    /// are ignored), segment by segment in index order, reading each stored
    /// article once: memory stays flat whatever the archive's size. Stops at
    /// the first error `visit` returns. Returns the number of articles
    /// visited.
    pub fn export<E: From<QueryError>>(
        &self,
        request: &SearchRequest,
        mut visit: impl FnMut(serde_json::Map<String, serde_json::Value>) -> Result<(), E>,
    ) -> Result<u64, E> {
        let searcher = self.searcher();
        let matcher = self.matcher(&searcher, request)?;
        let weight = matcher
            .query
            .weight(EnableScoring::disabled_from_searcher(&searcher))
            .map_err(QueryError::from)?;
        let exporter = export::Exporter::new(searcher.schema());
        let mut count = 0;
        for segment in searcher.segment_readers() {
            let store = segment
                .get_store_reader(EXPORT_STORE_CACHE_BLOCKS)
                .map_err(|e| QueryError::from(tantivy::TantivyError::from(e)))?;
            let alive = segment.alive_bitset();
            let mut matches = weight.scorer(segment, 1.0).map_err(QueryError::from)?;
            let mut doc = matches.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    let stored: TantivyDocument = store.get(doc).map_err(QueryError::from)?;
                    visit(exporter.record(&self.fields, &stored))?;
                    count += 1;
                }
                doc = matches.advance();
            }
        }
        Ok(count)
    }

    /// Parses the free-text part; `None` when it is empty.
    fn text_query(
        &self,
        q: &str,
        resolver: &EngineResolver<'_>,
    ) -> Result<Option<Box<dyn Query>>, QueryError> {
        let rewritten = rewrite(q, resolver)?;
        if rewritten.trim().is_empty() {
            return Ok(None);
        }
        let mut parser = QueryParser::for_index(
            &self.index,
            vec![self.fields.title, self.fields.lead, self.fields.body],
        );
        parser.set_conjunction_by_default();
        // Only for `word*`, which the query language turns into a regex.
        parser.allow_regexes();
        parser.set_field_boost(self.fields.title, TITLE_BOOST);
        parser.set_field_boost(self.fields.lead, LEAD_BOOST);
        // Only exclusions ("-oil"): every article but those.
        let query = match parser.parse_query(&rewritten) {
            Err(tantivy::query::QueryParserError::AllButQueryForbidden) => {
                parser.parse_query(&format!("* {rewritten}"))
            }
            parsed => parsed,
        }
        .map_err(|err| QueryError::Syntax {
            position: 0,
            message: err.to_string().to_lowercase(),
        })?;
        Ok(Some(query))
    }

    fn date_range(
        &self,
        lower: Option<NaiveDate>,
        upper_exclusive: Option<NaiveDate>,
    ) -> RangeQuery {
        let term = |day: NaiveDate| {
            let secs = day
                .and_hms_opt(0, 0, 0)
                .map_or(0, |d| d.and_utc().timestamp());
            Term::from_field_date(self.fields.date, DateTime::from_timestamp_secs(secs))
        };
        RangeQuery::new(
            lower.map_or(Bound::Unbounded, |d| Bound::Included(term(d))),
            upper_exclusive.map_or(Bound::Unbounded, |d| Bound::Excluded(term(d))),
        )
    }

    /// A person filter: every stored form of the people the typed name
    /// means (after the alias file), and who they are. A full name means one
    /// person; a surname shared by several means all of them, and says so.
    fn person_query(
        &self,
        searcher: &Searcher,
        name: &str,
    ) -> Result<(Box<dyn Query>, NamedPerson), QueryError> {
        let catalogue = self.catalogue(searcher)?;
        let people_forms = self.people_named(&catalogue, searcher, name)?;
        let union = |forms: &[String]| {
            BooleanQuery::union(
                forms
                    .iter()
                    .map(|form| Box::new(term_query(self.fields.people, form)) as Box<dyn Query>)
                    .collect(),
            )
        };
        let mut people = Vec::with_capacity(people_forms.len());
        for (person, forms) in &people_forms {
            people.push(PersonChoice {
                name: person.clone(),
                articles: searcher.search(&union(forms), &Count)? as u64,
            });
        }
        people.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
        let all: Vec<String> = people_forms.into_iter().flat_map(|(_, f)| f).collect();
        let named = NamedPerson {
            name: name.to_string(),
            people,
        };
        Ok((Box::new(union(&all)), named))
    }

    /// The people a typed name means, each with their stored forms; an
    /// unknown name is an error with suggestions.
    fn people_named(
        &self,
        catalogue: &Catalogue,
        searcher: &Searcher,
        name: &str,
    ) -> Result<Vec<(String, Vec<String>)>, QueryError> {
        let typed = self.aliases.get(&fold(name)).map_or(name, String::as_str);
        let found = catalogue.find_people(searcher, typed)?;
        if found.is_empty() {
            return Err(QueryError::UnknownPerson {
                name: shown(name),
                suggestions: closest_people(catalogue.all_people(searcher)?, typed),
            });
        }
        Ok(found
            .into_iter()
            .map(|(person, _)| (person.to_string(), catalogue.people.forms_of(person)))
            .collect())
    }

    /// The stored forms of the people a typed name means, for the query
    /// language's `person:`.
    fn person_forms(&self, searcher: &Searcher, name: &str) -> Result<Vec<String>, QueryError> {
        let catalogue = self.catalogue(searcher)?;
        let people = self.people_named(&catalogue, searcher, name)?;
        Ok(people.into_iter().flat_map(|(_, forms)| forms).collect())
    }

    /// Every stored form of the organisation a stored value names ("IMF":
    /// also "International Monetary Fund").
    fn organisation_forms(
        &self,
        searcher: &Searcher,
        value: &str,
    ) -> Result<Vec<String>, QueryError> {
        Ok(self.catalogue(searcher)?.organisations.forms_of(value))
    }

    fn hit(&self, doc: &TantivyDocument, score: Option<f32>, snippets: &Snippets) -> Hit {
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let all = |field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect::<Vec<_>>()
        };
        let topics: Vec<String> = doc
            .get_first(self.fields.extraction)
            .and_then(|v| v.as_str())
            .and_then(|json| serde_json::from_str::<ExtractionTopics>(json).ok())
            .map(|e| e.topics.into_iter().map(|t| t.label).collect())
            .unwrap_or_default();
        let lead = text(self.fields.lead);
        let body = text(self.fields.body);
        Hit {
            id: text(self.fields.id),
            path: text(self.fields.path),
            date: doc
                .get_first(self.fields.date)
                .and_then(|v| v.as_datetime())
                .map(|d| format_day(d.into_timestamp_secs())),
            title: text(self.fields.headline),
            score,
            people: all(self.fields.people),
            topics,
            places: all(self.fields.places),
            organizations: all(self.fields.organizations),
            snippet: snippets.best(&lead, &body),
        }
    }

    /// Values of a facet over the whole index, most frequent first, those
    /// starting with `prefix` (case-insensitive; for topics, any label word).
    pub fn values(
        &self,
        searcher: &Searcher,
        kind: FacetKind,
        prefix: &str,
    ) -> Result<Vec<FacetValue>, QueryError> {
        let counter = self.facet_collector(searcher, vec![kind.field()], usize::MAX, false)?;
        let counts = searcher.search(&AllQuery, &counter)?;
        let values = counts.facets.into_iter().next().unwrap_or_default();
        let prefix = fold(prefix);
        let mut out: Vec<FacetValue> = top_values(kind, values, usize::MAX)
            .into_iter()
            .filter(|v| {
                prefix.is_empty()
                    || fold(&v.value).split(' ').any(|w| w.starts_with(&prefix))
                    || fold(&v.value).starts_with(&prefix)
            })
            .map(|c| FacetValue {
                value: c.value,
                id: c.id,
                count: c.count,
            })
            .collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
        Ok(out)
    }

    /// A summary of the index: counts, date range, top facets, size.
    pub fn stats(&self, dir: &Path) -> Result<IndexStats, QueryError> {
        let searcher = self.searcher();
        let counter = self.facet_collector(
            &searcher,
            vec![schema::PEOPLE, schema::TOPICS, schema::PLACES, schema::PATH],
            usize::MAX,
            true,
        )?;
        let counts = searcher.search(&AllQuery, &counter)?;
        let mut facets = counts.facets.into_iter();
        let mut take = |kind: FacetKind| {
            let values = facets.next().unwrap_or_default();
            top_values(kind, values, 10)
                .into_iter()
                .map(|c| FacetValue {
                    value: c.value,
                    id: c.id,
                    count: c.count,
                })
                .collect::<Vec<_>>()
        };
        let top_people = take(FacetKind::People);
        let top_topics = take(FacetKind::Topics);
        let top_places = take(FacetKind::Places);
        let files = facets.next().map_or(0, |f| f.len() as u64);
        let size_bytes = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|e| e.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0);
        let writer = self
            .index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str::<IndexInfo>(&p).ok())
            .map(|i| i.writer);
        Ok(IndexStats {
            articles: searcher.num_docs(),
            undated: counts.undated,
            first_date: counts.days.keys().min().map(|d| format_day(d * 86_400)),
            last_date: counts.days.keys().max().map(|d| format_day(d * 86_400)),
            files,
            segments: searcher.segment_readers().len(),
            size_bytes,
            top_people,
            top_topics,
            top_places,
            writer,
        })
    }

    /// Finds one article by id, by path, or by a unique ending of its id.
    pub fn article(&self, id: &str) -> Result<Option<ArticleView>, QueryError> {
        let searcher = self.searcher();
        let exact = |value: &str| -> Result<Option<DocAddress>, QueryError> {
            let query = term_query(self.fields.id, value);
            let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
            Ok(top.first().map(|(_, a)| *a))
        };
        let mut address = exact(id)?;
        if address.is_none() {
            if let Ok(absolute) = std::path::absolute(id) {
                address = exact(&absolute.to_string_lossy())?;
            }
        }
        if address.is_none() {
            // A unique ending: "seed/000_07793343fe452d34.txt" or a file name.
            let mut matches = Vec::new();
            for (ord, segment) in searcher.segment_readers().iter().enumerate() {
                let Some(ids) = segment.fast_fields().str(schema::ID)? else {
                    continue;
                };
                let mut text = String::new();
                for doc in 0..segment.max_doc() {
                    if segment.alive_bitset().is_some_and(|b| !b.is_alive(doc)) {
                        continue;
                    }
                    if let Some(term) = ids.term_ords(doc).next() {
                        ids.ord_to_str(term, &mut text).ok();
                        if text.ends_with(id) && text[..text.len() - id.len()].ends_with('/') {
                            matches.push(DocAddress::new(ord as u32, doc));
                        }
                    }
                }
            }
            if matches.len() == 1 {
                address = matches.pop();
            } else if matches.len() > 1 {
                return Err(QueryError::Invalid(format!(
                    "`{id}` matches {} articles: give more of the path",
                    matches.len()
                )));
            }
        }
        let Some(address) = address else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(address)?;
        Ok(Some(self.view(&doc)))
    }

    fn view(&self, doc: &TantivyDocument) -> ArticleView {
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let all = |field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect::<Vec<_>>()
        };
        let extraction: StoredExtraction = text(self.fields.extraction)
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        ArticleView {
            id: text(self.fields.id).unwrap_or_default(),
            path: text(self.fields.path).unwrap_or_default(),
            line: doc
                .get_first(self.fields.line)
                .and_then(|v| v.as_u64())
                .filter(|l| *l > 0),
            date: doc
                .get_first(self.fields.date)
                .and_then(|v| v.as_datetime())
                .map(|d| format_day(d.into_timestamp_secs())),
            url: text(self.fields.url),
            source: text(self.fields.source),
            authors: all(self.fields.authors),
            title: text(self.fields.headline).unwrap_or_default(),
            lead: text(self.fields.lead).unwrap_or_default(),
            body: text(self.fields.body).unwrap_or_default(),
            people: extraction.people,
            places: extraction.places,
            organizations: extraction.organizations,
            topics: extraction.topics,
        }
    }
}

/// The query of a request, and the parts of it the response needs again.
struct Matcher {
    query: Box<dyn Query>,
    text_query: Option<Box<dyn Query>>,
    from: Option<DatePeriod>,
    to: Option<DatePeriod>,
    /// Who each `--person` filter found.
    people: Vec<NamedPerson>,
}

/// Store blocks kept decompressed while exporting: matches come in doc order,
/// so a small cache serves every article of a block from one decompression.
const EXPORT_STORE_CACHE_BLOCKS: usize = 4;

/// One whole stored article, for `dateline show`.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// Stable id.
    pub id: String,
    /// Source file.
    pub path: String,
    /// Line in a JSON Lines file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Source URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publisher.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Bylines.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Headline.
    pub title: String,
    /// Lead paragraph.
    pub lead: String,
    /// Remaining text.
    pub body: String,
    /// People with mention counts.
    pub people: Vec<dateline_extract::Person>,
    /// Places with surface forms.
    pub places: Vec<dateline_extract::Place>,
    /// Organisations.
    pub organizations: Vec<String>,
    /// Topics with scores.
    pub topics: Vec<Topic>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct StoredExtraction {
    #[serde(default)]
    people: Vec<dateline_extract::Person>,
    #[serde(default)]
    places: Vec<dateline_extract::Place>,
    #[serde(default)]
    organizations: Vec<String>,
    #[serde(default)]
    topics: Vec<Topic>,
}

#[derive(serde::Deserialize)]
struct ExtractionTopics {
    #[serde(default)]
    topics: Vec<Topic>,
}

fn term_query(field: tantivy::schema::Field, value: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    )
}

fn format_day(secs: i64) -> String {
    ChronoDateTime::from_timestamp(secs, 0)
        .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string())
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

/// Calendar buckets from the first to the last (or the requested range),
/// empty ones included.
fn buckets(
    days: &HashMap<i64, u64>,
    interval: Interval,
    from: Option<DatePeriod>,
    to: Option<DatePeriod>,
) -> Vec<TimelineBucket> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let day = |n: i64| epoch + Duration::days(n);
    let mut counts: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for (&n, &count) in days {
        *counts.entry(interval.bucket_start(day(n))).or_default() += count;
    }
    let first = from
        .map(|p| p.first)
        .or_else(|| counts.keys().next().copied());
    let last = to
        .map(|p| p.last)
        .or_else(|| counts.keys().next_back().copied());
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = interval.bucket_start(first);
    // Guard against absurd ranges (a day timeline over centuries).
    while start <= last && out.len() < 200_000 {
        out.push(TimelineBucket {
            start: start.format("%Y-%m-%d").to_string(),
            count: counts.get(&start).copied().unwrap_or(0),
        });
        start = interval.next(start);
    }
    out
}

/// The largest alias file read.
pub const MAX_ALIAS_FILE_BYTES: u64 = 64 << 20;

/// Names longer than this get no suggestions: no name is, and comparing a
/// 100 KB name with every value took 25 s.
const MAX_SUGGESTED_BYTES: usize = 200;

/// A name as an error message quotes it: cut after [`MAX_SUGGESTED_BYTES`]
/// (a 100 KB name was echoed whole).
fn shown(name: &str) -> String {
    if name.len() <= MAX_SUGGESTED_BYTES {
        return name.to_string();
    }
    let mut cut = MAX_SUGGESTED_BYTES;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}… ({} bytes)", &name[..cut], name.len())
}

/// Up to five people whose name holds every typed word, or a word of it or
/// the whole within three edits of what was typed; most articles first
/// among equals.
fn closest_people(people: &[(String, u64)], typed: &str) -> Vec<String> {
    let key = name_key(dateline_extract::names::without_titles(typed));
    if key.len() > MAX_SUGGESTED_BYTES {
        return Vec::new();
    }
    let key_words: Vec<&str> = key.split(' ').collect();
    let mut scored: Vec<(usize, u64, &str)> = people
        .iter()
        .filter_map(|(name, articles)| {
            let candidate = name_key(name);
            let words: Vec<&str> = candidate.split(' ').collect();
            // Every typed word in the name: the closest there is.
            if key_words.len() > 1 && key_words.iter().all(|w| words.contains(w)) {
                return Some((0, *articles, name.as_str()));
            }
            let distance = words
                .iter()
                .copied()
                .chain(std::iter::once(candidate.as_str()))
                .map(|part| edit_distance(part, &key))
                .min()?;
            (distance <= 3).then_some((distance, *articles, name.as_str()))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    scored
        .into_iter()
        .take(5)
        .map(|(_, _, name)| name.to_string())
        .collect()
}

/// `text` with the characters that mean something in a regex escaped.
fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !c.is_alphanumeric() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Resolves query-language shortcuts against this index.
struct EngineResolver<'a> {
    engine: &'a Engine,
    searcher: &'a Searcher,
}

impl EngineResolver<'_> {
    fn topic_term(&self, name: &str) -> Result<Term, QueryError> {
        let concept = Taxonomy::get().resolve(name)?;
        Ok(Term::from_field_text(
            self.engine.fields.topic_strength,
            concept.id,
        ))
    }

    /// The stored value for what the user typed: exact, through the place
    /// gazetteer, or case- and accent-insensitively among the index's values.
    fn facet_value(
        &self,
        field: tantivy::schema::Field,
        kind: &'static str,
        typed: &str,
    ) -> Result<String, QueryError> {
        let typed = typed.trim();
        let exists = |value: &str| -> Result<bool, QueryError> {
            Ok(self
                .searcher
                .doc_freq(&Term::from_field_text(field, value))?
                > 0)
        };
        if exists(typed)? {
            return Ok(typed.to_string());
        }
        if field == self.engine.fields.places {
            if let Some(canonical) = dateline_extract::canonical_place(typed) {
                if exists(canonical)? {
                    return Ok(canonical.to_string());
                }
            }
        }
        let facet = if field == self.engine.fields.places {
            FacetKind::Places
        } else if field == self.engine.fields.source {
            FacetKind::Sources
        } else {
            FacetKind::Organizations
        };
        let values = self.engine.values(self.searcher, facet, "")?;
        let wanted = fold(typed);
        if let Some(found) = values.iter().find(|v| fold(&v.value) == wanted) {
            return Ok(found.value.clone());
        }
        Err(QueryError::UnknownValue {
            kind,
            name: shown(typed),
            suggestions: suggestions(&values, &wanted),
        })
    }
}

/// Up to five values for a typed value (folded) the index lacks: those
/// holding all its words ("Federal Reserve": "Federal Reserve Board";
/// "Saudi": "Saudi Arabia"), most articles first, then those within three
/// edits of it.
fn suggestions(values: &[FacetValue], wanted: &str) -> Vec<String> {
    if wanted.is_empty() || wanted.len() > MAX_SUGGESTED_BYTES {
        return Vec::new();
    }
    let wanted_words: Vec<&str> = wanted.split(' ').collect();
    // (kind of match, edit distance, value): containing ones first.
    let mut close: Vec<(u8, usize, &FacetValue)> = values
        .iter()
        .filter_map(|v| {
            let folded = fold(&v.value);
            let words: Vec<&str> = folded.split(' ').collect();
            if wanted_words.iter().all(|w| words.contains(w)) {
                return Some((0, 0, v));
            }
            let distance = edit_distance(&folded, wanted);
            (distance <= 3).then_some((1, distance, v))
        })
        .collect();
    close.sort_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then(b.2.count.cmp(&a.2.count))
            .then(a.2.value.cmp(&b.2.value))
    });
    close
        .into_iter()
        .take(5)
        .map(|(_, _, v)| v.value.clone())
        .collect()
}

fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace(['"', '\\'], " "))
}

impl Resolver for EngineResolver<'_> {
    fn prefix(&self, prefix: &str) -> Result<String, QueryError> {
        // Words are indexed stemmed, and a stem may be shorter than the
        // prefix typed ("negotiations" is held as "negoti", so "negotiat*"
        // must find it): the pattern takes terms that start with the prefix
        // or with its stem, and terms that are the prefix cut by up to three
        // letters (at least four left).
        let fields = &self.engine.fields;
        let mut analyzer = self.engine.index.tokenizer_for_field(fields.body)?;
        let lower = prefix.to_lowercase();
        let mut alternatives = vec![format!("{}.*", regex_escape(&lower))];
        let mut stream = analyzer.token_stream(prefix);
        if stream.advance() && stream.token().text != lower {
            alternatives.push(format!("{}.*", regex_escape(&stream.token().text)));
        }
        let chars: Vec<char> = lower.chars().collect();
        for len in (chars.len().saturating_sub(3).max(4)..chars.len()).rev() {
            alternatives.push(regex_escape(&chars[..len].iter().collect::<String>()));
        }
        let pattern = alternatives.join("|");
        let clauses: Vec<String> = schema::DEFAULT_SEARCH
            .iter()
            .map(|field| format!("{field}:/{pattern}/"))
            .collect();
        Ok(format!("({})", clauses.join(" OR ")))
    }

    fn shortcut(&self, field: Shortcut, value: &str) -> Result<String, QueryError> {
        let fields = &self.engine.fields;
        match field {
            Shortcut::Person => {
                let forms: Vec<String> = self
                    .engine
                    .person_forms(self.searcher, value)?
                    .iter()
                    .map(|form| format!("{}:{}", schema::PEOPLE, quoted(form)))
                    .collect();
                Ok(format!("({})", forms.join(" OR ")))
            }
            Shortcut::Topic => {
                let concept = Taxonomy::get().resolve(value)?;
                Ok(format!("{}:{}", schema::TOPIC_STRENGTH, quoted(concept.id)))
            }
            Shortcut::Place => Ok(format!(
                "{}:{}",
                schema::PLACES,
                quoted(&self.facet_value(fields.places, "place", value)?)
            )),
            Shortcut::Org => {
                let value = self.facet_value(fields.organizations, "organisation", value)?;
                let forms: Vec<String> = self
                    .engine
                    .organisation_forms(self.searcher, &value)?
                    .iter()
                    .map(|form| format!("{}:{}", schema::ORGANIZATIONS, quoted(form)))
                    .collect();
                Ok(format!("({})", forms.join(" OR ")))
            }
            Shortcut::Source => {
                // Case- and accent-insensitive, as places and organisations are.
                let value = self.facet_value(fields.source, "source", value)?;
                Ok(format!("{}:{}", schema::SOURCE, quoted(&value)))
            }
        }
    }

    fn date_range(
        &self,
        lower: Option<(&str, bool)>,
        upper: Option<(&str, bool)>,
    ) -> Result<String, QueryError> {
        let stamp = |day: NaiveDate| format!("{}T00:00:00Z", day.format("%Y-%m-%d"));
        let first_day = match lower {
            Some((v, inclusive)) => {
                let period = DatePeriod::parse(v)?;
                Some(if inclusive {
                    period.first
                } else {
                    period.last + Duration::days(1)
                })
            }
            None => None,
        };
        let end_day = match upper {
            Some((v, inclusive)) => {
                let period = DatePeriod::parse(v)?;
                Some(if inclusive {
                    period.last + Duration::days(1)
                } else {
                    period.first
                })
            }
            None => None,
        };
        if let (Some((from, _)), Some((to, _))) = (lower, upper) {
            if DatePeriod::parse(from)?.first > DatePeriod::parse(to)?.last {
                return Err(QueryError::ReversedPeriod {
                    from: from.to_string(),
                    to: to.to_string(),
                });
            }
        }
        let lower = first_day.map_or_else(|| "*".to_string(), stamp);
        let upper = end_day.map_or_else(|| "*".to_string(), stamp);
        // Open at both ends, tantivy's range matches nothing; `[* TO *]`
        // means every dated article, so the lower end is the first day an
        // index can hold.
        let lower = if lower == "*" && upper == "*" {
            format!("{}-01-01T00:00:00Z", schema::DATE_YEARS.start())
        } else {
            lower
        };
        Ok(format!("{}:[{lower} TO {upper}}}", schema::DATE))
    }
}
