//! Opening and creating index directories, with the schema-version check.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::Index;

use crate::directory::IndexDirectory;
use crate::schema::{self, Fields, SCHEMA_VERSION};
use crate::IndexerError;

/// What Dateline records in each commit's payload.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IndexInfo {
    /// The schema version the index was written with.
    pub dateline_schema: u32,
    /// The program that wrote the last commit.
    pub writer: String,
}

impl IndexInfo {
    /// The payload this build writes.
    pub fn current() -> IndexInfo {
        IndexInfo {
            dateline_schema: SCHEMA_VERSION,
            writer: format!("dateline {}", env!("CARGO_PKG_VERSION")),
        }
    }

    /// As JSON, for the commit payload.
    pub fn to_payload(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

fn tantivy_error(path: &Path) -> impl FnOnce(tantivy::TantivyError) -> IndexerError + '_ {
    move |source| IndexerError::Tantivy {
        path: path.to_path_buf(),
        source,
    }
}

/// Whether the `meta.json` in `dir` records a Dateline commit (it may be
/// damaged otherwise).
fn written_by_dateline(dir: &Path) -> bool {
    let meta = std::fs::read(dir.join("meta.json")).unwrap_or_default();
    String::from_utf8_lossy(&meta).contains("dateline_schema")
}

/// Whether opening failed on `meta.json` itself not being tantivy's (a
/// file of the user's that happens to have that name), rather than on a
/// segment file or on a permission.
fn is_unreadable_meta(err: &tantivy::TantivyError) -> bool {
    match err {
        tantivy::TantivyError::DataCorruption(corruption) => {
            format!("{corruption:?}").contains("meta.json")
        }
        _ => false,
    }
}

fn has_index(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// What the last commit of the index at `dir` recorded, or `None` for an
/// index that Dateline did not write.
fn recorded_info(index: &Index, dir: &Path) -> Result<Option<IndexInfo>, IndexerError> {
    let metas = index
        .load_metas()
        .map_err(|e| IndexerError::opening(dir, e))?;
    Ok(metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str::<IndexInfo>(p).ok()))
}

fn is_empty_dateline_index(index: &Index) -> bool {
    let no_segments = index
        .searchable_segment_metas()
        .is_ok_and(|metas| metas.is_empty());
    no_segments && index.schema() == schema::build()
}

/// Opens an existing Dateline index for reading or writing, checking that
/// Dateline wrote it with this schema version.
pub fn open_index(dir: &Path) -> Result<(Index, Fields), IndexerError> {
    if !has_index(dir) {
        return Err(IndexerError::Missing(dir.to_path_buf()));
    }
    let directory = IndexDirectory::open(dir).map_err(|err| IndexerError::Directory {
        path: dir.to_path_buf(),
        source: std::io::Error::other(err.to_string()),
    })?;
    let index = match Index::open(directory) {
        Ok(index) => index,
        Err(err) if !written_by_dateline(dir) && is_unreadable_meta(&err) => {
            return Err(IndexerError::Foreign(dir.to_path_buf()))
        }
        Err(err) => return Err(IndexerError::opening(dir, err)),
    };
    match recorded_info(&index, dir)? {
        // Created by Dateline and killed before its first commit: an empty
        // index with Dateline's schema holds nothing to lose, so it is
        // taken up rather than refused as another tool's.
        None if is_empty_dateline_index(&index) => {}
        None => return Err(IndexerError::Foreign(dir.to_path_buf())),
        Some(info) if info.dateline_schema != SCHEMA_VERSION => {
            return Err(IndexerError::SchemaVersion {
                path: dir.to_path_buf(),
                found: info.dateline_schema,
                expected: SCHEMA_VERSION,
            })
        }
        Some(_) => {}
    }
    let fields =
        Fields::new(&index.schema()).map_err(|_| IndexerError::Incompatible(dir.to_path_buf()))?;
    crate::analysis::register_tokenizers(&index);
    Ok((index, fields))
}

/// Opens the index at `dir`, creating the directory and an empty index when
/// there is none. With `rebuild`, an older Dateline index is replaced; an
/// index of another tool is never touched.
pub fn open_or_create_index(dir: &Path, rebuild: bool) -> Result<(Index, Fields), IndexerError> {
    std::fs::create_dir_all(dir).map_err(|source| IndexerError::Directory {
        path: dir.to_path_buf(),
        source,
    })?;
    if has_index(dir) {
        match open_index(dir) {
            Ok(opened) => return Ok(opened),
            Err(IndexerError::SchemaVersion { .. } | IndexerError::Incompatible(_)) if rebuild => {
                remove_index_files(dir)?
            }
            Err(IndexerError::Damaged { .. }) if rebuild => {
                if !written_by_dateline(dir) {
                    return Err(IndexerError::Unrecognisable(dir.to_path_buf()));
                }
                remove_index_files(dir)?
            }
            Err(err) => return Err(err),
        }
    }
    let directory = IndexDirectory::open(dir).map_err(|err| IndexerError::Directory {
        path: dir.to_path_buf(),
        source: std::io::Error::other(err.to_string()),
    })?;
    let index = Index::create(
        directory,
        schema::build(),
        tantivy::IndexSettings::default(),
    )
    .map_err(tantivy_error(dir))?;
    let fields = Fields::new(&index.schema()).map_err(tantivy_error(dir))?;
    crate::analysis::register_tokenizers(&index);
    Ok((index, fields))
}

/// Removes the files of an old Dateline index (never anything else).
fn remove_index_files(dir: &Path) -> Result<(), IndexerError> {
    let entries = std::fs::read_dir(dir).map_err(|source| IndexerError::Directory {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries.flatten() {
        let path: PathBuf = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        // (And the resolution of names the query side keeps beside them.)
        let tantivy_file = name == "meta.json"
            || name == ".managed.json"
            || name == "catalogue.json"
            || name.ends_with(".lock")
            || name.contains('.')
                && name.len() > 32
                && name.chars().take(32).all(|c| c.is_ascii_hexdigit());
        if tantivy_file && path.is_file() {
            std::fs::remove_file(&path)
                .map_err(|source| IndexerError::Directory { path, source })?;
        }
    }
    Ok(())
}
