//! The search request: one shape for command-line flags and batch lines.

use crate::ast::{Expr, Filter, Period, PeriodBound};
use serde::{Deserialize, Deserializer, Serialize};

use crate::Interval;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best BM25 score first.
    #[default]
    Relevance,
    /// Latest date first; undated articles last.
    Newest,
    /// Earliest date first; undated articles last.
    Oldest,
}

impl std::str::FromStr for Sort {
    type Err = crate::QueryError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "relevance" => Ok(Sort::Relevance),
            "newest" => Ok(Sort::Newest),
            "oldest" => Ok(Sort::Oldest),
            other => Err(crate::QueryError::Invalid(format!(
                "unknown sort `{other}`: use relevance, newest or oldest"
            ))),
        }
    }
}

/// The facets that can be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FacetKind {
    /// People.
    People,
    /// IPTC topics (each article counts for its topics and their parents).
    Topics,
    /// Places.
    Places,
    /// Organisations.
    #[serde(alias = "orgs", alias = "organisations")]
    Organizations,
    /// Publishers.
    Sources,
    /// Languages, as ISO 639-1 codes (articles without one are not counted).
    Languages,
}

impl FacetKind {
    /// The name used in JSON output and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            FacetKind::People => "people",
            FacetKind::Topics => "topics",
            FacetKind::Places => "places",
            FacetKind::Organizations => "organizations",
            FacetKind::Sources => "sources",
            FacetKind::Languages => "languages",
        }
    }

    /// The index field it counts.
    pub fn field(self) -> &'static str {
        use dateline_indexer::schema;
        match self {
            FacetKind::People => schema::PEOPLE,
            FacetKind::Topics => schema::TOPICS,
            FacetKind::Places => schema::PLACES,
            FacetKind::Organizations => schema::ORGANIZATIONS,
            FacetKind::Sources => schema::SOURCE,
            FacetKind::Languages => schema::LANGUAGE,
        }
    }
}

impl std::str::FromStr for FacetKind {
    type Err = crate::QueryError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "people" | "person" => Ok(FacetKind::People),
            "topics" | "topic" => Ok(FacetKind::Topics),
            "places" | "place" => Ok(FacetKind::Places),
            "organizations" | "organisations" | "orgs" | "org" => Ok(FacetKind::Organizations),
            "sources" | "source" => Ok(FacetKind::Sources),
            "languages" | "language" => Ok(FacetKind::Languages),
            other => Err(crate::QueryError::Invalid(format!(
                "unknown facet `{other}`: use people, topics, places, organizations, sources or languages"
            ))),
        }
    }
}

fn default_limit() -> usize {
    10
}

fn default_top() -> usize {
    10
}

/// One or many strings: `"person": "Putin"` and `"person": ["Putin", "Trump"]`.
fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Option::<OneOrMany>::deserialize(deserializer)? {
        None => Vec::new(),
        Some(OneOrMany::One(s)) => vec![s],
        Some(OneOrMany::Many(v)) => v,
    })
}

/// A search: free text plus filters, paging, facets and a timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchRequest {
    /// The query string; empty lists every article that passes the filters.
    #[serde(default)]
    pub q: String,
    /// People who must all be named (any form of each name).
    #[serde(default, deserialize_with = "one_or_many")]
    pub person: Vec<String>,
    /// Topics that must all apply (label, qcode or an unambiguous word).
    #[serde(default, deserialize_with = "one_or_many")]
    pub topic: Vec<String>,
    /// Places that must all be named.
    #[serde(default, deserialize_with = "one_or_many")]
    pub place: Vec<String>,
    /// Organisations that must all be named.
    #[serde(default, deserialize_with = "one_or_many")]
    pub org: Vec<String>,
    /// Sources the article must come from (any of them).
    #[serde(default, deserialize_with = "one_or_many")]
    pub source: Vec<String>,
    /// Languages the article must be in (any of them): codes or names.
    #[serde(default, deserialize_with = "one_or_many")]
    pub language: Vec<String>,
    /// People none of whom may be named.
    #[serde(default, deserialize_with = "one_or_many")]
    pub not_person: Vec<String>,
    /// Topics none of which may apply.
    #[serde(default, deserialize_with = "one_or_many")]
    pub not_topic: Vec<String>,
    /// Places none of which may be named.
    #[serde(default, deserialize_with = "one_or_many")]
    pub not_place: Vec<String>,
    /// Organisations none of which may be named.
    #[serde(default, deserialize_with = "one_or_many")]
    pub not_org: Vec<String>,
    /// Sources the article may not come from.
    #[serde(default, deserialize_with = "one_or_many")]
    pub not_source: Vec<String>,
    /// Start of the date range: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, inclusive.
    #[serde(default)]
    pub from: Option<String>,
    /// End of the date range, inclusive of the whole period.
    #[serde(default)]
    pub to: Option<String>,
    /// Order of hits.
    #[serde(default)]
    pub sort: Sort,
    /// Hits per page.
    #[serde(default = "default_limit")]
    pub limit: usize,
    /// Hits to skip.
    #[serde(default)]
    pub offset: usize,
    /// Facets to count over all matches.
    #[serde(default)]
    pub facets: Vec<FacetKind>,
    /// Values per facet.
    #[serde(default = "default_top")]
    pub top: usize,
    /// Timeline bucket size, if a timeline is wanted.
    #[serde(default)]
    pub timeline: Option<Interval>,
    /// Give each timeline bucket the number of all articles in it and the
    /// matches' share of them (attention normalised, as Media Cloud shows it).
    #[serde(default)]
    pub share: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            q: String::new(),
            person: Vec::new(),
            topic: Vec::new(),
            place: Vec::new(),
            org: Vec::new(),
            source: Vec::new(),
            language: Vec::new(),
            not_person: Vec::new(),
            not_topic: Vec::new(),
            not_place: Vec::new(),
            not_org: Vec::new(),
            not_source: Vec::new(),
            from: None,
            to: None,
            sort: Sort::Relevance,
            limit: default_limit(),
            offset: 0,
            facets: Vec::new(),
            top: default_top(),
            timeline: None,
            share: false,
        }
    }
}

impl SearchRequest {
    /// The filters of the request's fields, as the query language's field
    /// clauses would give them: every person, topic, place and organisation
    /// must match, any of the sources, any of the languages, none of the
    /// excluded values, and the period.
    ///
    /// ```
    /// use dateline_query::ast::Filter;
    /// use dateline_query::SearchRequest;
    /// let request = SearchRequest {
    ///     person: vec!["Volcker".into()],
    ///     from: Some("1987".into()),
    ///     ..SearchRequest::default()
    /// };
    /// let filters = request.filters();
    /// assert_eq!(filters[0], Expr::Filter(Filter::Person("Volcker".into())));
    /// assert_eq!(filters.len(), 2);
    /// # use dateline_query::ast::Expr;
    /// ```
    pub fn filters(&self) -> Vec<Expr> {
        let each = |values: &[String], filter: fn(String) -> Filter| {
            values
                .iter()
                .map(move |value| Expr::Filter(filter(value.clone())))
                .collect::<Vec<Expr>>()
        };
        let mut filters = each(&self.person, Filter::Person);
        filters.extend(each(&self.topic, Filter::Topic));
        filters.extend(each(&self.place, Filter::Place));
        filters.extend(each(&self.org, Filter::Org));
        for mut any in [
            each(&self.source, Filter::Source),
            each(&self.language, Filter::Language),
        ] {
            match any.len() {
                0 => {}
                1 => filters.append(&mut any),
                _ => filters.push(Expr::Any(any)),
            }
        }
        for (values, filter) in [
            (&self.not_person, Filter::Person as fn(String) -> Filter),
            (&self.not_topic, Filter::Topic),
            (&self.not_place, Filter::Place),
            (&self.not_org, Filter::Org),
            (&self.not_source, Filter::Source),
        ] {
            filters.extend(
                each(values, filter)
                    .into_iter()
                    .map(|excluded| Expr::Not(Box::new(excluded))),
            );
        }
        if self.from.is_some() || self.to.is_some() {
            filters.push(Expr::Filter(Filter::Period(Period {
                from: self.from.as_deref().map(PeriodBound::inclusive),
                to: self.to.as_deref().map(PeriodBound::inclusive),
            })));
        }
        filters
    }
}

/// Bounds a server puts on each request, the same for a URL and for a batch
/// line (the CLI has only the engine's own bound on `limit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest query string, in bytes.
    pub query_bytes: usize,
    /// Most hits on one page.
    pub limit: usize,
    /// Deepest hit reachable: `offset + limit` at most this.
    pub depth: usize,
    /// Most values per facet.
    pub top: usize,
}

impl Limits {
    /// `dateline serve`'s bounds.
    pub const SERVER: Limits = Limits {
        query_bytes: 4096,
        limit: 1000,
        depth: 10_000,
        top: 1000,
    };

    /// Whether `request` stays within the bounds, and which it passes if not.
    ///
    /// ```
    /// use dateline_query::{Limits, SearchRequest};
    /// let deep = SearchRequest { offset: 9_995, limit: 10, ..SearchRequest::default() };
    /// assert!(Limits::SERVER.check(&deep).unwrap_err().to_string().contains("past hit 10000"));
    /// assert!(Limits::SERVER.check(&SearchRequest::default()).is_ok());
    /// ```
    pub fn check(&self, r: &SearchRequest) -> Result<(), crate::QueryError> {
        let over = |message: String| Err(crate::QueryError::Invalid(message));
        if r.q.len() > self.query_bytes {
            return over(format!(
                "query of {} bytes is longer than {}: shorten it, or split it into several",
                r.q.len(),
                self.query_bytes
            ));
        }
        if r.limit > self.limit {
            return over(format!(
                "limit {} is above {}: page with offset, or use `dateline export` for everything",
                r.limit, self.limit
            ));
        }
        if r.offset.saturating_add(r.limit) > self.depth {
            return over(format!(
                "offset {} + limit {} goes past hit {}: narrow the search, or use `dateline export`",
                r.offset, r.limit, self.depth
            ));
        }
        if r.top > self.top {
            return over(format!("top {} is above {}", r.top, self.top));
        }
        if r.share && r.timeline.is_none() {
            return over("share needs a timeline: add timeline=day, week, month or year".into());
        }
        Ok(())
    }
}
