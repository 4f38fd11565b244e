//! The search response and its JSON form.

use std::collections::BTreeMap;

use serde::Serialize;

/// A passage of the article with the matched words marked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    /// The passage.
    pub text: String,
    /// Byte ranges of `text` that matched the query.
    pub highlights: Vec<[usize; 2]>,
}

/// One matching article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Stable article id.
    pub id: String,
    /// Source file.
    pub path: String,
    /// Publication date, `YYYY-MM-DD`, if known.
    pub date: Option<String>,
    /// Headline.
    pub title: String,
    /// Where the search matched in the headline, as byte ranges of
    /// `title` (the query's words, or the names filtered on); absent when
    /// nowhere.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub title_highlights: Vec<[usize; 2]>,
    /// The publication or site that published it, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The page it was read from, when known (web pages, WARC records).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Its authors, from the byline or the input.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Its language, an ISO 639-1 code, when given or detected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// BM25 score; `null` when sorted by date.
    pub score: Option<f32>,
    /// People named, most mentioned first, as the article writes them
    /// ("Reagan" where it never gives his first name); facets and filters
    /// count them as the archive's people.
    pub people: Vec<String>,
    /// Topic labels, best first.
    pub topics: Vec<String>,
    /// Places named.
    pub places: Vec<String>,
    /// Organisations named, most mentioned first, as the article writes
    /// them.
    pub organizations: Vec<String>,
    /// The best passage.
    pub snippet: Snippet,
}

/// A facet value and the number of matching articles that have it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetCount {
    /// The value (a topic's label for topics).
    pub value: String,
    /// The IPTC qcode, for topics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Matching articles with this value.
    pub count: u64,
}

/// Matching articles in one calendar bucket.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineBucket {
    /// First day of the bucket, `YYYY-MM-DD`.
    pub start: String,
    /// Matching articles dated in the bucket.
    pub count: u64,
    /// All articles of the index dated in the bucket, when the request asked
    /// for shares.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub all: Option<u64>,
    /// `count / all`, absent when no article at all is dated in the bucket:
    /// the attention the matches had in that bucket, comparable across
    /// buckets of different sizes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
}

/// The answer to a [`crate::SearchRequest`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResponse {
    /// The query string as given.
    pub query: String,
    /// Exact number of matching articles.
    pub total: u64,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
    /// Top values per requested facet, over all matches.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    /// Counts per bucket, empty buckets included, when a timeline was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Vec<TimelineBucket>>,
    /// Matches without a date (not in any bucket), when a timeline was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undated: Option<u64>,
    /// Who each `--person` filter found, in request order: one person for a
    /// full name, several for a surname several people share.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<NamedPerson>,
}

/// The people a typed name was taken to mean.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedPerson {
    /// The name as typed.
    pub name: String,
    /// The people it matched, most articles first.
    pub people: Vec<PersonChoice>,
}

/// One person a typed name matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonChoice {
    /// The person's name as listed by `dateline people`.
    pub name: String,
    /// Articles naming the person in the whole index.
    pub articles: u64,
}
