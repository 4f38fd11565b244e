//! The folders and files an index was built from, kept beside it in
//! `sources.json`, so that `dateline index` with no path brings the index up
//! to date with what it holds rather than guessing (a default folder once
//! added the sample corpus to another archive's index).

use std::path::{Path, PathBuf};

use crate::IndexerError;

/// The file in the index directory that lists the sources.
pub const SOURCES_FILE: &str = "sources.json";

#[derive(serde::Serialize, serde::Deserialize)]
struct Sources {
    /// Absolute paths, in the order they were first given.
    sources: Vec<PathBuf>,
}

/// The sources recorded for the index at `index_dir`; `None` when it
/// records none (a new index, or one written before sources were kept).
pub fn remembered(index_dir: &Path) -> Result<Option<Vec<PathBuf>>, IndexerError> {
    let path = index_dir.join(SOURCES_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(IndexerError::Directory { path, source }),
    };
    let sources: Sources = serde_json::from_str(&text).map_err(|err| IndexerError::Damaged {
        path: index_dir.to_path_buf(),
        detail: format!("{SOURCES_FILE} is not readable: {err}; give the paths to index"),
    })?;
    Ok(Some(sources.sources))
}

/// Records that the index at `index_dir` now holds `roots`: added to what it
/// held before, or instead of it when the index was `rebuilt`. Written
/// atomically (a new file renamed over the old).
pub fn remember(index_dir: &Path, roots: &[PathBuf], rebuilt: bool) -> Result<(), IndexerError> {
    let mut sources = if rebuilt {
        Vec::new()
    } else {
        remembered(index_dir).ok().flatten().unwrap_or_default()
    };
    for root in roots {
        let absolute = std::path::absolute(root).map_err(|source| IndexerError::Input {
            path: root.clone(),
            source,
        })?;
        if !sources.contains(&absolute) {
            sources.push(absolute);
        }
    }
    let text = serde_json::to_string_pretty(&Sources { sources }).unwrap_or_default();
    let path = index_dir.join(SOURCES_FILE);
    let partial = index_dir.join(format!("{SOURCES_FILE}.partial"));
    std::fs::write(&partial, text + "\n")
        .and_then(|()| std::fs::rename(&partial, &path))
        .map_err(|source| IndexerError::Directory { path, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_add_up_across_runs_and_a_rebuild_replaces_them() {
        let dir = tempfile::tempdir().unwrap();
        assert!(remembered(dir.path()).unwrap().is_none());
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        remember(dir.path(), std::slice::from_ref(&a), false).unwrap();
        remember(dir.path(), &[b.clone(), a.clone()], false).unwrap();
        assert_eq!(
            remembered(dir.path()).unwrap(),
            Some(vec![a.clone(), b.clone()])
        );
        remember(dir.path(), std::slice::from_ref(&b), true).unwrap();
        assert_eq!(remembered(dir.path()).unwrap(), Some(vec![b]));
        std::fs::write(dir.path().join(SOURCES_FILE), "{").unwrap();
        assert!(matches!(
            remembered(dir.path()),
            Err(IndexerError::Damaged { .. })
        ));
    }
}
