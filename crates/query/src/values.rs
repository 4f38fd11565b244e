//! One numbering of a string column's values across segments.
//!
//! Each segment numbers its column's values (term ordinals) on its own, so
//! summing facet counts over segments needs the values themselves. Decoding
//! every segment's best ordinals and looking the candidates up by string in
//! the other segments cost more than the counting (a dictionary block
//! decoded per lookup). Here each segment's ordinals are mapped once to ids
//! shared by all segments (what Lucene's `OrdinalMap` does for its facets):
//! a search adds its counts per id and reads only the winners' names.
//!
//! The numbering only grows, so a segment's map stays valid while others
//! come and go: a new segment costs one pass over its dictionary, made by
//! the first search that counts it. Maps of segments no longer searched are
//! dropped; their values keep their ids (a value all of whose articles are
//! deleted is the only waste).

use std::collections::HashMap as StdHashMap;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use rustc_hash::FxHashMap as HashMap;
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;

/// The ids of one column's values.
#[derive(Default)]
pub(crate) struct ValueIds {
    names: RwLock<Names>,
    /// Per segment, its ordinals' ids.
    segments: Mutex<StdHashMap<SegmentId, Arc<Vec<u32>>>>,
}

#[derive(Default)]
struct Names {
    id_of: HashMap<Arc<str>, u32>,
    names: Vec<Arc<str>>,
}

impl ValueIds {
    /// The id of each of `segment`'s ordinals in `column`, made on first use.
    pub fn segment(
        &self,
        segment: SegmentId,
        column: &StrColumn,
    ) -> tantivy::Result<Arc<Vec<u32>>> {
        let cached = self
            .segments
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&segment)
            .cloned();
        if let Some(ids) = cached {
            return Ok(ids);
        }
        let ids = Arc::new(self.number(column)?);
        self.segments
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(segment, Arc::clone(&ids));
        Ok(ids)
    }

    /// Gives every value of `column` an id: one pass over its dictionary.
    fn number(&self, column: &StrColumn) -> tantivy::Result<Vec<u32>> {
        let mut ids = vec![u32::MAX; column.num_terms()];
        let mut names = self.names.write().unwrap_or_else(PoisonError::into_inner);
        let Names { id_of, names } = &mut *names;
        let mut terms = column.dictionary().stream()?;
        while terms.advance() {
            // Values are written from `&str`, so they are UTF-8; a broken
            // one keeps `u32::MAX` and is not counted.
            let Ok(text) = std::str::from_utf8(terms.key()) else {
                continue;
            };
            let id = match id_of.get(text) {
                Some(&id) => id,
                None => {
                    let id = names.len() as u32;
                    let name: Arc<str> = Arc::from(text);
                    names.push(Arc::clone(&name));
                    id_of.insert(name, id);
                    id
                }
            };
            if let Some(slot) = ids.get_mut(terms.term_ord() as usize) {
                *slot = id;
            }
        }
        Ok(ids)
    }

    /// How many ids there are (every id given is below it).
    pub fn len(&self) -> usize {
        self.names
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .names
            .len()
    }

    /// The values of `ids`, in the same order (an id never given is "").
    pub fn names(&self, ids: impl IntoIterator<Item = u32>) -> Vec<Arc<str>> {
        let names = self.names.read().unwrap_or_else(PoisonError::into_inner);
        ids.into_iter()
            .map(|id| {
                names
                    .names
                    .get(id as usize)
                    .cloned()
                    .unwrap_or_else(|| Arc::from(""))
            })
            .collect()
    }

    /// Forgets the maps of segments not in `live`.
    pub fn retain(&self, live: &[SegmentId]) {
        self.segments
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|segment, _| live.contains(segment));
    }
}

/// The [`ValueIds`] of every column an engine counts.
#[derive(Default)]
pub(crate) struct AllValueIds {
    columns: Mutex<Columns>,
}

#[derive(Default)]
struct Columns {
    ids: StdHashMap<&'static str, Arc<ValueIds>>,
    /// The segments of the latest generation asked for.
    live: Vec<SegmentId>,
}

impl AllValueIds {
    /// The ids of `field`'s values, for a search of the segments `live`:
    /// when they differ from the last search's, the maps of segments that
    /// are gone are dropped first.
    pub fn of(&self, field: &'static str, live: &[SegmentId]) -> Arc<ValueIds> {
        let mut columns = self.columns.lock().unwrap_or_else(PoisonError::into_inner);
        if columns.live != live {
            for ids in columns.ids.values() {
                ids.retain(live);
            }
            columns.live = live.to_vec();
        }
        Arc::clone(columns.ids.entry(field).or_default())
    }
}

#[cfg(test)]
mod tests {
    use tantivy::schema::{Schema, FAST, STRING};
    use tantivy::{Index, IndexWriter, TantivyDocument};

    use super::*;

    /// Adds one segment of documents, each with the given values.
    fn add_segment(index: &Index, docs: &[&[&str]]) {
        let field = index.schema().get_field("people").unwrap();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for values in docs {
            let mut doc = TantivyDocument::new();
            for value in *values {
                doc.add_text(field, value);
            }
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
    }

    /// Each segment's values, by their ids.
    fn values_by_segment(index: &Index, ids: &AllValueIds) -> Vec<Vec<String>> {
        let searcher = index.reader().unwrap().searcher();
        let live: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|r| r.segment_id())
            .collect();
        let column_ids = ids.of("people", &live);
        searcher
            .segment_readers()
            .iter()
            .map(|reader| {
                let column = reader.fast_fields().str("people").unwrap().unwrap();
                let map = column_ids.segment(reader.segment_id(), &column).unwrap();
                column_ids
                    .names(map.iter().copied())
                    .iter()
                    .map(|name| name.to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_value_has_one_id_in_every_segment_and_keeps_it() {
        let mut builder = Schema::builder();
        builder.add_text_field("people", STRING | FAST);
        let index = Index::create_in_ram(builder.build());
        let ids = AllValueIds::default();
        add_segment(&index, &[&["Ann Lee", "Bo Ma"], &["Bo Ma"]]);
        assert_eq!(values_by_segment(&index, &ids), [["Ann Lee", "Bo Ma"]]);
        let people = ids.of("people", &[]);
        let bo = people.names([0, 1]);
        add_segment(&index, &[&["Bo Ma", "Cy Oz"]]);
        let mut segments = values_by_segment(&index, &ids);
        segments.sort();
        assert_eq!(segments, [vec!["Ann Lee", "Bo Ma"], vec!["Bo Ma", "Cy Oz"]]);
        // Ids already given did not change; the new value was added.
        assert_eq!(people.names([0, 1]), bo);
        assert_eq!(people.len(), 3);
        // Maps are kept per segment; a merge leaves one segment, and the
        // maps of the two merged away are dropped when it is searched.
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let segments = index.searchable_segment_ids().unwrap();
        writer.merge(&segments).wait().unwrap();
        writer.wait_merging_threads().unwrap();
        assert_eq!(people.segments.lock().unwrap().len(), 2);
        assert_eq!(
            values_by_segment(&index, &ids),
            [["Ann Lee", "Bo Ma", "Cy Oz"]]
        );
        assert_eq!(people.segments.lock().unwrap().len(), 1);
        assert_eq!(people.len(), 3);
    }
}
