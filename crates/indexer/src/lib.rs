//! Turns folders of news articles into a Dateline index.
//!
//! The pipeline: [`discover`] walks the given paths, [`parse`] decodes and
//! parses each file into [`Article`]s (native text, JSON, JSON Lines),
//! `dateline-extract` finds people, places, organisations and topics, and
//! [`ingest`] writes tantivy documents in parallel, committing in chunks.
//! [`schema`] is the one place that names fields. Incremental runs compare
//! each file's size, modification time and content hash with what the index
//! already holds (stored per document, so the manifest commits atomically
//! with the articles).

#[cfg(feature = "mimalloc")]
pub mod allocator;
pub mod analysis;
pub mod article;
pub mod directory;
pub mod discover;
pub mod email;
mod error;
pub mod export;
pub mod html;
pub mod ingest;
pub mod json_array;
pub mod key;
pub mod manifest;
pub mod merge;
pub mod parse;
pub mod path_date;
pub mod read;
pub mod schema;
pub mod signoff;
pub mod sources;
pub mod store;
pub mod warc;

pub use article::Article;
pub use error::IndexerError;
pub use ingest::{index_paths, IndexOptions, IndexReport, Problem, ProblemKind, Progress};
pub use schema::{Fields, SCHEMA_VERSION};
pub use store::{open_index, open_or_create_index, IndexInfo};
