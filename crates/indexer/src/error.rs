use std::path::PathBuf;

/// Errors that stop indexing or opening an index. Problems with single input
/// files are not errors: they are reported in [`crate::IndexReport`].
#[derive(Debug, thiserror::Error)]
pub enum IndexerError {
    /// Another process holds the index writer lock.
    #[error("index is locked: another `dateline index` is writing to {0}")]
    Locked(PathBuf),
    /// The directory holds no index.
    #[error("no index at {0}: run `dateline index` first")]
    Missing(PathBuf),
    /// The directory holds a tantivy index that Dateline did not write.
    #[error("{0} is not a dateline index (it has no dateline schema record); choose another --index directory")]
    Foreign(PathBuf),
    /// The index was written with another schema version.
    #[error("index at {path} has schema version {found}, this dateline reads version {expected}: re-index with `dateline index --rebuild`")]
    SchemaVersion {
        /// The index directory.
        path: PathBuf,
        /// The version recorded in the index.
        found: u32,
        /// The version this build writes and reads.
        expected: u32,
    },
    /// Dateline wrote the index, but its fields do not match this build's.
    #[error("index at {0} was written by an incompatible dateline build: re-index with `dateline index --rebuild`")]
    Incompatible(PathBuf),
    /// A given input path does not exist or cannot be read.
    #[error("cannot read input {path}: {source}")]
    Input {
        /// The path the user gave.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// Creating or reading the index directory failed.
    #[error("cannot use index directory {path}: {source}")]
    Directory {
        /// The index directory.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// tantivy failed.
    #[error("index error in {path}: {source}")]
    Tantivy {
        /// The index directory.
        path: PathBuf,
        /// The underlying error.
        source: tantivy::TantivyError,
    },
}
