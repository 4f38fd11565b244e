//! Which segments to merge, with a bound on how large a merge may be.
//!
//! Why: tantivy reads the segments it merges through memory maps, so every
//! byte of a merge's input ends up in the process's resident memory until
//! the merge is done. With tantivy's default policy, building a 1M-article
//! archive merged eight segments into one of 1.3 GB, and peak RSS reached
//! 1.9 GB against 0.66 GB of the process's own memory. [`BoundedMergePolicy`]
//! keeps tantivy's log-level choice of what to merge (eight segments of a
//! size level) but splits it into merges of at most a byte budget each; with
//! merges run one at a time (see [`crate::ingest`]), the budget bounds the
//! mapped part of peak memory. The price is more segments on very large
//! archives (each between half the budget and the budget, once done), which
//! every search visits in turn.

use std::collections::HashMap;
use std::path::PathBuf;

use tantivy::index::{SegmentComponent, SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// Segment files whose size counts towards a merge (everything a merge
/// reads; delete bitsets are tiny and left out).
const COUNTED: [SegmentComponent; 6] = [
    SegmentComponent::Postings,
    SegmentComponent::Positions,
    SegmentComponent::Terms,
    SegmentComponent::Store,
    SegmentComponent::FastFields,
    SegmentComponent::FieldNorms,
];

/// tantivy's [`LogMergePolicy`] limited to merges of at most `max_bytes` of
/// segment files.
#[derive(Debug)]
pub struct BoundedMergePolicy {
    index_dir: PathBuf,
    max_bytes: u64,
    levels: LogMergePolicy,
}

impl BoundedMergePolicy {
    /// A policy for the index in `index_dir` whose merges read at most
    /// `max_bytes` of segment files each.
    pub fn new(index_dir: PathBuf, max_bytes: u64) -> BoundedMergePolicy {
        BoundedMergePolicy {
            index_dir,
            max_bytes,
            levels: LogMergePolicy::default(),
        }
    }

    /// Bytes of a segment's files on disk (0 for files not there).
    fn segment_bytes(&self, segment: &SegmentMeta) -> u64 {
        COUNTED
            .iter()
            .filter_map(|component| {
                let path = self
                    .index_dir
                    .join(segment.relative_path(component.clone()));
                std::fs::metadata(path).ok()
            })
            .map(|meta| meta.len())
            .sum()
    }
}

impl MergePolicy for BoundedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let bytes: HashMap<SegmentId, u64> = segments
            .iter()
            .map(|segment| (segment.id(), self.segment_bytes(segment)))
            .collect();
        let bytes_of = |id: &SegmentId| bytes.get(id).copied().unwrap_or(0);
        // A segment over half the budget is done: merging it again would
        // rewrite all of it to add segments smaller than itself.
        let open: Vec<SegmentMeta> = segments
            .iter()
            .filter(|segment| bytes_of(&segment.id()) <= self.max_bytes / 2)
            .cloned()
            .collect();
        let mut merges = Vec::new();
        for MergeCandidate(level) in self.levels.compute_merge_candidates(&open) {
            let mut ids = level;
            ids.sort_by_key(bytes_of);
            let mut group = Vec::new();
            let mut group_bytes = 0u64;
            for id in ids {
                let bytes = bytes_of(&id);
                if group_bytes + bytes > self.max_bytes && !group.is_empty() {
                    let full = std::mem::take(&mut group);
                    if full.len() > 1 {
                        merges.push(MergeCandidate(full));
                    }
                    group_bytes = 0;
                }
                group.push(id);
                group_bytes += bytes;
            }
            if group.len() > 1 {
                merges.push(MergeCandidate(group));
            }
        }
        merges
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, STORED, TEXT};
    use tantivy::{doc, Index, IndexWriter};

    /// Builds an index of `segments` committed segments, each of `docs`
    /// stored documents of about 1.6 KB of text that barely compresses.
    fn index_with_segments(dir: &std::path::Path, segments: usize, docs: usize) -> Index {
        let mut builder = Schema::builder();
        let body = builder.add_text_field("body", TEXT | STORED);
        let index = Index::create_in_dir(dir, builder.build()).expect("index");
        let mut writer: IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let mut seed = 7u64;
        for _ in 0..segments {
            for _ in 0..docs {
                let text: String = (0..200)
                    .map(|_| {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        format!("w{:x} ", seed >> 40)
                    })
                    .collect();
                writer.add_document(doc!(body => text)).expect("add");
            }
            writer.commit().expect("commit");
        }
        index
    }

    #[test]
    fn no_merge_reads_more_than_the_budget() {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = index_with_segments(dir.path(), 10, 100);
        let metas = index.searchable_segment_metas().expect("metas");
        assert_eq!(metas.len(), 10);
        let unbounded = BoundedMergePolicy::new(dir.path().to_path_buf(), u64::MAX);
        let one = unbounded.segment_bytes(&metas[0]);
        assert!(one > 50_000, "a segment of 160 KB of text is {one} bytes");
        // Without a real bound, the levels merge all ten like-sized segments.
        let all = unbounded.compute_merge_candidates(&metas);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].0.len(), 10);

        // A budget of three and a half segments: groups of three, and the
        // last lone segment waits.
        let budget = one * 7 / 2;
        let bounded = BoundedMergePolicy::new(dir.path().to_path_buf(), budget);
        let merges = bounded.compute_merge_candidates(&metas);
        assert_eq!(
            merges.iter().map(|m| m.0.len()).collect::<Vec<_>>(),
            vec![3, 3, 3]
        );
        for MergeCandidate(ids) in &merges {
            let bytes: u64 = ids
                .iter()
                .map(|id| {
                    let meta = metas.iter().find(|m| m.id() == *id).expect("known id");
                    bounded.segment_bytes(meta)
                })
                .sum();
            assert!(bytes <= budget, "a merge of {bytes} bytes, budget {budget}");
        }

        // Segments over half the budget are never merged again.
        let small = BoundedMergePolicy::new(dir.path().to_path_buf(), one * 3 / 2);
        assert!(small.compute_merge_candidates(&metas).is_empty());
    }
}
