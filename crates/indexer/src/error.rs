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
    /// Files of the index are missing, truncated or overwritten.
    #[error("index at {path} is damaged ({detail}): rebuild it with `dateline index --rebuild`")]
    Damaged {
        /// The index directory.
        path: PathBuf,
        /// What is wrong, in a line.
        detail: String,
    },
    /// `--rebuild` of a damaged index whose meta.json no longer says it is
    /// Dateline's: nothing is removed.
    #[error("{0} holds a damaged index that cannot be recognised as dateline's: remove the directory by hand and index again")]
    Unrecognisable(PathBuf),
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

impl IndexerError {
    /// The error for a tantivy failure while opening the index at `path`:
    /// corrupt or unreadable index files become [`IndexerError::Damaged`]
    /// with a one-line reason instead of tantivy's debug dump.
    pub fn opening(path: &std::path::Path, source: tantivy::TantivyError) -> IndexerError {
        use tantivy::directory::error::OpenReadError;
        use tantivy::TantivyError;
        let path = path.to_path_buf();
        let detail = match &source {
            TantivyError::DataCorruption(corruption) => {
                let text = format!("{corruption:?}");
                match text
                    .split_once("(in file `")
                    .and_then(|(_, rest)| rest.split_once('`'))
                {
                    Some((file, _)) => format!("{} cannot be read", file.trim_matches('"')),
                    None => "an index file cannot be read".to_string(),
                }
            }
            TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(file)) => {
                format!("{} is missing", file.display())
            }
            TantivyError::OpenReadError(OpenReadError::IoError { filepath, io_error }) => {
                let why = if io_error.kind() == std::io::ErrorKind::InvalidData {
                    "truncated or overwritten".to_string()
                } else {
                    io_error.to_string()
                };
                format!("{}: {why}", filepath.display())
            }
            TantivyError::OpenReadError(OpenReadError::IncompatibleIndex(_)) => {
                "written by an incompatible tantivy version".to_string()
            }
            TantivyError::OpenDirectoryError(err) => {
                return IndexerError::Directory {
                    path,
                    source: std::io::Error::other(err.to_string()),
                }
            }
            _ => return IndexerError::Tantivy { path, source },
        };
        IndexerError::Damaged { path, detail }
    }
}
