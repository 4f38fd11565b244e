//! Finds the article files under the paths a user gives.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use walkdir::WalkDir;

use crate::parse::Format;
use crate::IndexerError;

/// An article file found on disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Absolute path.
    pub path: PathBuf,
    /// Size in bytes at discovery.
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub mtime_ns: i64,
    /// The format its extension names.
    pub format: Format,
}

impl SourceFile {
    /// The path as stored in the index.
    pub fn key(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Article files, sorted by path.
    pub files: Vec<SourceFile>,
    /// Files with an extension Dateline does not read, and hidden files.
    pub ignored: Vec<PathBuf>,
    /// Entries the walk could not read (permission, symlink loop), with reasons.
    pub problems: Vec<(PathBuf, String)>,
    /// The absolute roots that were walked.
    pub roots: Vec<PathBuf>,
}

/// Walks `roots` (files or folders), following symbolic links but never
/// around a loop, skipping hidden files and folders.
pub fn discover(roots: &[PathBuf]) -> Result<Discovery, IndexerError> {
    let mut found = Discovery::default();
    for root in roots {
        let absolute = std::path::absolute(root).map_err(|source| IndexerError::Input {
            path: root.clone(),
            source,
        })?;
        std::fs::metadata(&absolute).map_err(|source| IndexerError::Input {
            path: root.clone(),
            source,
        })?;
        let absolute = normalize(&absolute);
        found.roots.push(absolute.clone());
        let walker = WalkDir::new(&absolute)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| absolute.clone());
                    let reason = if err.loop_ancestor().is_some() {
                        "symbolic link loop: not followed".to_string()
                    } else {
                        match err.io_error() {
                            Some(io) => format!("cannot read: {io}"),
                            None => err.to_string(),
                        }
                    };
                    found.problems.push((path, reason));
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            if !entry.file_type().is_file() {
                // A named pipe would block the reader forever; sockets and
                // devices are not articles either.
                found.problems.push((
                    entry.path().to_path_buf(),
                    "not a regular file (pipe, socket or device): not read".to_string(),
                ));
                continue;
            }
            let format = entry
                .path()
                .extension()
                .and_then(|e| e.to_str())
                .and_then(Format::from_extension);
            let Some(format) = format else {
                found.ignored.push(entry.path().to_path_buf());
                continue;
            };
            let (size, mtime_ns) = match entry.metadata() {
                Ok(meta) => (
                    meta.len(),
                    meta.modified()
                        .ok()
                        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                        .map_or(0, |d| d.as_nanos() as i64),
                ),
                Err(err) => {
                    found.problems.push((
                        entry.path().to_path_buf(),
                        format!("cannot read metadata: {err}"),
                    ));
                    continue;
                }
            };
            found.files.push(SourceFile {
                path: entry.path().to_path_buf(),
                size,
                mtime_ns,
                format,
            });
        }
    }
    // One walk already yields files in path order; comparing paths is dear.
    if !found.files.is_sorted_by(|a, b| a.path <= b.path) {
        found.files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    found.files.dedup_by(|a, b| a.path == b.path);
    Ok(found)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Removes `.` and `..` components without touching the file system, so that
/// `./corpus` and `corpus/../corpus` give one key.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
