//! Searching a Dateline index: the query language, person, topic, place,
//! organisation and date filters, facet counts, timelines and snippets.
//!
//! A [`SearchRequest`] is the same value whether it comes from command-line
//! flags or a batch line; [`Engine::search`] turns it into a
//! [`SearchResponse`], which serialises to the documented JSON.

pub mod ast;
pub mod batch;
mod catalogue;
mod collect;
mod engine;
mod error;
mod marks;
mod period;
mod request;
mod response;
mod snippet;
pub mod syntax;
mod values;

pub use engine::{ArticleMatches, ArticleView, Engine, FacetValue, IndexStats, Named};
pub use error::QueryError;
pub use period::{DatePeriod, Interval};
pub use request::{FacetKind, Limits, SearchRequest, Sort};
pub use response::{
    FacetCount, Hit, NamedPerson, PersonChoice, SearchResponse, Snippet, TimelineBucket,
};
