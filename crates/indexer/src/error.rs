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
    #[error("{0} is not a dateline index (its meta.json has no dateline schema record); choose another --index directory")]
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
    #[error("{0} holds a damaged index that cannot be recognised as dateline's, so nothing was removed: choose another --index directory")]
    Unrecognisable(PathBuf),
    /// The operating system refused access to the index's files.
    #[error("permission denied: cannot {action} the index at {path} ({detail}); searching needs read access to its files, indexing needs write access to the directory")]
    Permission {
        /// The index directory.
        path: PathBuf,
        /// `read` or `write to`.
        action: &'static str,
        /// The file or operation refused, in a line.
        detail: String,
    },
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
    /// The disk (or quota) ran full while writing the index; what was
    /// committed before stays, and a rerun continues from it.
    #[error("no space left on device while writing {path}; {committed} articles committed: free some space and rerun to continue")]
    DiskFull {
        /// The index directory.
        path: PathBuf,
        /// Articles in the index's last commit.
        committed: u64,
        /// What the run did before it stopped.
        report: Box<crate::IndexReport>,
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
        if let Some(detail) = permission_denied(&source) {
            return IndexerError::Permission {
                path,
                action: "read",
                detail,
            };
        }
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

/// What was refused, when a tantivy error is a refused permission.
pub(crate) fn permission_denied(source: &tantivy::TantivyError) -> Option<String> {
    use tantivy::directory::error::{LockError, OpenReadError};
    use tantivy::TantivyError;
    let denied = |err: &std::io::Error| {
        matches!(
            err.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        )
    };
    match source {
        TantivyError::OpenReadError(OpenReadError::IoError { filepath, io_error })
            if denied(io_error) =>
        {
            Some(format!("{}: {io_error}", filepath.display()))
        }
        TantivyError::LockFailure(LockError::IoError(err), _) if denied(err) => {
            Some(format!("lock file: {err}"))
        }
        TantivyError::IoError(err) if denied(err) => Some(err.to_string()),
        _ => None,
    }
}
