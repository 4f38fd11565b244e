//! The incremental manifest: what the index holds for each source file.
//!
//! Each article document carries its file's size, modification time and
//! content hash as fast fields, so the manifest is committed atomically with
//! the articles themselves and cannot drift from them. It is read as a stream
//! in the byte order of paths (a merge of the segments' `path` term
//! dictionaries), never as a map of every file: its memory does not grow
//! with the archive.

use std::sync::Arc;

use tantivy::columnar::Column;
use tantivy::index::InvertedIndexReader;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::termdict::TermStreamer;
use tantivy::{DocSet, Searcher, TERMINATED};

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

/// A snapshot of the index to read the manifest from.
pub struct Manifest {
    searcher: Searcher,
    inverted: Vec<Arc<InvertedIndexReader>>,
    columns: Vec<StateColumns>,
}

struct StateColumns {
    sizes: Column<u64>,
    mtimes: Column<i64>,
    hashes: Column<u64>,
}

impl Manifest {
    /// Opens the manifest of the documents `searcher` sees.
    pub fn open(searcher: Searcher, path: Field) -> tantivy::Result<Manifest> {
        let mut inverted = Vec::new();
        let mut columns = Vec::new();
        for segment in searcher.segment_readers() {
            inverted.push(segment.inverted_index(path)?);
            let fast = segment.fast_fields();
            columns.push(StateColumns {
                sizes: fast.u64(schema::FILE_SIZE)?,
                mtimes: fast.i64(schema::FILE_MTIME)?,
                hashes: fast.u64(schema::FILE_HASH)?,
            });
        }
        Ok(Manifest {
            searcher,
            inverted,
            columns,
        })
    }

    /// The files, in the byte order of their paths.
    pub fn files(&self) -> tantivy::Result<Files<'_>> {
        let mut cursors = Vec::new();
        for (segment, inverted) in self.inverted.iter().enumerate() {
            let mut terms = inverted.terms().stream()?;
            if terms.advance() {
                cursors.push((segment, terms));
            }
        }
        Ok(Files {
            manifest: self,
            cursors,
            peeked: None,
        })
    }
}

/// The manifest's files in path order; see [`Manifest::files`].
pub struct Files<'a> {
    manifest: &'a Manifest,
    /// One term stream per segment that has terms left, each on its next term.
    cursors: Vec<(usize, TermStreamer<'a>)>,
    peeked: Option<(String, FileState)>,
}

impl Files<'_> {
    /// Hands each file ordered before `key` to `passed` and returns the state
    /// of `key` itself, if the index holds it. Keys must come in ascending
    /// order; a key out of order is simply not found.
    pub fn seek(
        &mut self,
        key: &str,
        mut passed: impl FnMut(&str, &FileState),
    ) -> tantivy::Result<Option<FileState>> {
        loop {
            if self.peeked.is_none() {
                self.peeked = self.next_file()?;
            }
            let Some((path, state)) = &self.peeked else {
                return Ok(None);
            };
            match path.as_str().cmp(key) {
                std::cmp::Ordering::Less => {
                    passed(path, state);
                    self.peeked = None;
                }
                std::cmp::Ordering::Equal => {
                    let state = *state;
                    self.peeked = None;
                    return Ok(Some(state));
                }
                std::cmp::Ordering::Greater => return Ok(None),
            }
        }
    }

    /// Hands every file not yet passed or found to `passed`.
    pub fn finish(mut self, mut passed: impl FnMut(&str, &FileState)) -> tantivy::Result<()> {
        if let Some((path, state)) = self.peeked.take() {
            passed(&path, &state);
        }
        while let Some((path, state)) = self.next_file()? {
            passed(&path, &state);
        }
        Ok(())
    }

    /// The next path with live articles, merged across segments.
    fn next_file(&mut self) -> tantivy::Result<Option<(String, FileState)>> {
        loop {
            let Some(smallest) = self.cursors.iter().map(|(_, terms)| terms.key()).min() else {
                return Ok(None);
            };
            let key = smallest.to_vec();
            let mut found: Option<FileState> = None;
            for (segment, terms) in &self.cursors {
                if terms.key() != key.as_slice() {
                    continue;
                }
                let Some(state) = self.live_state(*segment, terms)? else {
                    continue;
                };
                match &mut found {
                    Some(total) => total.articles += state.articles,
                    None => found = Some(state),
                }
            }
            self.cursors
                .retain_mut(|(_, terms)| terms.key() != key.as_slice() || terms.advance());
            if let Some(state) = found {
                return Ok(Some((String::from_utf8_lossy(&key).into_owned(), state)));
            }
        }
    }

    /// The state recorded with the first live article of the cursor's term in
    /// one segment, counting its live articles; `None` when all are deleted.
    fn live_state(
        &self,
        segment: usize,
        terms: &TermStreamer<'_>,
    ) -> tantivy::Result<Option<FileState>> {
        let manifest = self.manifest;
        let reader = manifest.searcher.segment_reader(segment as u32);
        let alive = reader.alive_bitset();
        let mut postings = manifest.inverted[segment]
            .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
        let mut first = None;
        let mut articles = 0u64;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|bits| bits.is_alive(doc)) {
                first.get_or_insert(doc);
                articles += 1;
            }
            doc = postings.advance();
        }
        let Some(doc) = first else {
            return Ok(None);
        };
        let columns = &manifest.columns[segment];
        Ok(Some(FileState {
            size: columns.sizes.first(doc).unwrap_or(0),
            mtime_ns: columns.mtimes.first(doc).unwrap_or(0),
            hash: columns.hashes.first(doc).unwrap_or(0),
            articles,
        }))
    }
}
