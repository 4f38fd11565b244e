//! The incremental manifest: what the index holds for each source file.
//!
//! Each article document carries its file's size, modification time and
//! content hash as fast fields, so the manifest is committed atomically with
//! the articles themselves and cannot drift from them.

use std::collections::HashMap;

use tantivy::Searcher;

use crate::schema;

/// What the index holds for one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileState {
    /// Size in bytes when indexed.
    pub size: u64,
    /// Modification time (ns since the epoch) when indexed.
    pub mtime_ns: i64,
    /// xxh3 hash of the bytes.
    pub hash: u64,
    /// How many articles of the file the index holds.
    pub articles: u64,
}

/// Reads the manifest from the live documents of `searcher`.
pub fn load(searcher: &Searcher) -> tantivy::Result<HashMap<String, FileState>> {
    let mut files: HashMap<String, FileState> = HashMap::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let Some(paths) = fast.str(schema::PATH)? else {
            continue;
        };
        let sizes = fast.u64(schema::FILE_SIZE)?;
        let mtimes = fast.i64(schema::FILE_MTIME)?;
        let hashes = fast.u64(schema::FILE_HASH)?;
        let mut names: HashMap<u64, String> = HashMap::new();
        let alive = segment.alive_bitset();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|bits| !bits.is_alive(doc)) {
                continue;
            }
            let Some(ord) = paths.term_ords(doc).next() else {
                continue;
            };
            let name = match names.get(&ord) {
                Some(name) => name.clone(),
                None => {
                    let mut name = String::new();
                    paths.ord_to_str(ord, &mut name)?;
                    names.insert(ord, name.clone());
                    name
                }
            };
            let state = FileState {
                size: sizes.first(doc).unwrap_or(0),
                mtime_ns: mtimes.first(doc).unwrap_or(0),
                hash: hashes.first(doc).unwrap_or(0),
                articles: 1,
            };
            files
                .entry(name)
                .and_modify(|s| s.articles += 1)
                .or_insert(state);
        }
    }
    Ok(files)
}
