//! One pass over all matches that counts facet values and timeline buckets.
//!
//! Per segment, facet values are counted by term ordinal in a plain array and
//! dates per day in another; no stored document is read and nothing is
//! allocated per hit. The merge adds each segment's counts under the value
//! ids of [`ValueIds`], which number a column's values across segments, and
//! reads the names of the winners only: counts are exact, and no dictionary
//! is searched by string.
//!
//! A column may come with [`Groups`]: stored values that are forms of one
//! entity ("Reagan", "Ronald Reagan") are counted once per article as the
//! entity, in a small array per segment beside the ordinals, and summed
//! over segments exactly; values marked to drop are not counted.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::column_index::MultiValueIndex;
use tantivy::columnar::{Column, ColumnIndex, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use dateline_indexer::schema;

use crate::catalogue::Groups;
use crate::values::ValueIds;

/// Counts of one facet's values, and of matches per day.
#[derive(Debug, Default)]
pub(crate) struct Counts {
    /// Per facet (in request order): the `top` most frequent values (at
    /// least; ties may add a few) with their exact article counts.
    pub facets: Vec<HashMap<String, u64>>,
    /// Days since the epoch with their article counts, by day, each once.
    pub days: Vec<(i64, u64)>,
    /// Matches without a date.
    pub undated: u64,
}

pub(crate) struct FacetTimelineCollector {
    /// Index fields to count.
    pub fields: Vec<&'static str>,
    /// Values wanted per field (`usize::MAX` for all).
    pub top: usize,
    /// Whether to count dates.
    pub timeline: bool,
    /// Per field (same order), the values counted as entities, if any.
    pub groups: Vec<Option<Arc<Groups>>>,
    /// Per field (same order), the ids of its values across segments.
    pub ids: Vec<Arc<ValueIds>>,
}

impl FacetTimelineCollector {
    /// Counts `fields`, without groups, with value ids of its own (made
    /// for this search: an engine passes the ones it keeps).
    pub fn new(fields: Vec<&'static str>, top: usize, timeline: bool) -> Self {
        let groups = vec![None; fields.len()];
        let ids = fields.iter().map(|_| Arc::default()).collect();
        FacetTimelineCollector {
            fields,
            top,
            timeline,
            groups,
            ids,
        }
    }
}

/// A count within one segment: a segment has fewer than 2^32 documents,
/// and half the width of a `u64` keeps twice as many counters in cache,
/// where the increments of a large facet miss most.
type SegmentCount = u32;

/// One segment's counts of one facet, by term ordinal.
pub(crate) struct SegmentFacet {
    /// Ordinal to value id.
    ids: Arc<Vec<u32>>,
    counts: Vec<SegmentCount>,
    /// The ordinals counted, sorted and distinct, when they are few next to
    /// the column's terms (see [`Seen`]); otherwise the counts are scanned.
    seen: Option<Vec<u64>>,
    /// Counts per group, when the column has groups.
    grouped: Vec<SegmentCount>,
}

/// One segment's view of a column's groups.
struct SegmentGroups {
    /// Ordinal to group, [`Groups::DROP`], or [`NOT_GROUPED`].
    of_ord: Arc<Vec<u32>>,
    /// Articles per group.
    counts: Vec<SegmentCount>,
    /// The groups of the document being counted.
    scratch: Vec<u32>,
}

/// An ordinal counted as itself.
const NOT_GROUPED: u32 = u32::MAX - 1;

impl SegmentGroups {
    /// The groups' values are sorted, as the dictionary is: one pass over
    /// both finds their ordinals (a lookup per value decoded a dictionary
    /// block each and cost more than the search).
    /// Made once per segment and kept in `groups`, which lives as long as
    /// the catalogue generation it belongs to.
    fn new(
        segment: tantivy::index::SegmentId,
        column: &StrColumn,
        groups: &Groups,
    ) -> tantivy::Result<Self> {
        let cached = groups
            .by_segment
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&segment)
            .cloned();
        let of_ord = match cached {
            Some(of_ord) => of_ord,
            None => {
                let of_ord = Arc::new(Self::ordinal_groups(column, groups)?);
                groups
                    .by_segment
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .insert(segment, Arc::clone(&of_ord));
                of_ord
            }
        };
        Ok(SegmentGroups {
            of_ord,
            counts: vec![0; groups.names.len()],
            scratch: Vec::new(),
        })
    }

    /// Each ordinal's group.
    fn ordinal_groups(column: &StrColumn, groups: &Groups) -> tantivy::Result<Vec<u32>> {
        let mut of_ord = vec![NOT_GROUPED; column.num_terms()];
        let mut wanted = groups.values.iter().peekable();
        let mut terms = column.dictionary().stream()?;
        while wanted.peek().is_some() && terms.advance() {
            let term = terms.key();
            while wanted
                .next_if(|(value, _)| value.as_bytes() < term)
                .is_some()
            {}
            if let Some((_, group)) = wanted.next_if(|(value, _)| value.as_bytes() == term) {
                if let Some(slot) = of_ord.get_mut(terms.term_ord() as usize) {
                    *slot = *group;
                }
            }
        }
        Ok(of_ord)
    }

    /// Counts documents whose values follow one another in `values`, each
    /// document's number of values in `lens`.
    fn count(
        &mut self,
        values: &[u64],
        lens: impl Iterator<Item = usize>,
        counts: &mut [SegmentCount],
    ) {
        let of_ord: &[u32] = &self.of_ord;
        let group_counts: &mut [SegmentCount] = &mut self.counts;
        let scratch = &mut self.scratch;
        let mut at = 0;
        for len in lens {
            let Some(doc) = values.get(at..at + len) else {
                break;
            };
            at += len;
            scratch.clear();
            for &ord in doc {
                match of_ord.get(ord as usize).copied() {
                    Some(NOT_GROUPED) | None => {
                        if let Some(count) = counts.get_mut(ord as usize) {
                            *count += 1;
                        }
                    }
                    Some(Groups::DROP) => {}
                    Some(group) => {
                        if !scratch.contains(&group) {
                            scratch.push(group);
                            if let Some(count) = group_counts.get_mut(group as usize) {
                                *count += 1;
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The ordinals a segment counted for one facet, kept while they are few:
/// a selective query counts a few hundred values in a column of hundreds of
/// thousands of terms, and finding them by scanning every counter was most
/// of its cost.
struct Seen {
    /// `None` once more than `limit` values were counted.
    ords: Option<Vec<u64>>,
    limit: usize,
}

impl Seen {
    fn new(num_terms: usize) -> Self {
        Seen {
            ords: Some(Vec::new()),
            limit: num_terms / 8,
        }
    }

    fn add(&mut self, values: &[u64]) {
        let Some(ords) = &mut self.ords else { return };
        if ords.len() + values.len() > self.limit {
            self.ords = None;
        } else {
            ords.extend_from_slice(values);
        }
    }

    /// The distinct ordinals, sorted, or `None` past the limit.
    fn finish(self) -> Option<Vec<u64>> {
        let mut ords = self.ords?;
        ords.sort_unstable();
        ords.dedup();
        Some(ords)
    }
}

/// What one segment hands to the merge.
pub(crate) struct SegmentFruit {
    facets: Vec<Option<SegmentFacet>>,
    days: Vec<(i64, u64)>,
    undated: u64,
}

pub(crate) struct SegmentCounts {
    columns: Vec<Option<StrColumn>>,
    /// Per column, its ordinals' value ids.
    value_ids: Vec<Option<Arc<Vec<u32>>>>,
    ords: Vec<Vec<SegmentCount>>,
    seen: Vec<Seen>,
    groups: Vec<Option<SegmentGroups>>,
    dates: Option<Column<tantivy::DateTime>>,
    /// The segment's first day (days since the epoch) and counts per day from it.
    first_day: i64,
    days: Vec<SegmentCount>,
    undated: u64,
    /// Matching documents not yet counted: columns are read a block at a
    /// time, one column after another, which is several times faster than
    /// reading every column for every document.
    pending: Vec<DocId>,
    /// Scratch space for the block reads.
    scratch_docs: Vec<DocId>,
    scratch_rows: Vec<u32>,
    scratch_bounds: Vec<u32>,
    scratch_starts: Vec<u32>,
    scratch_ords: Vec<u64>,
    scratch_dates: Vec<Option<tantivy::DateTime>>,
}

/// Documents counted together.
const BLOCK: usize = 1024;

/// The first `len` slots of a scratch buffer, which only grows: the facets
/// of a block need different lengths in turn, and a `resize` after a shorter
/// one zero-filled the difference each time (about 18 MB a query at 1M
/// articles), though the reads overwrite every slot.
fn scratch<T: Copy + Default>(buffer: &mut Vec<T>, len: usize) -> &mut [T] {
    if buffer.len() < len {
        buffer.resize(len, T::default());
    }
    &mut buffer[..len]
}

impl SegmentCounts {
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        for (((column, counts), seen), group) in self
            .columns
            .iter()
            .zip(self.ords.iter_mut())
            .zip(self.seen.iter_mut())
            .zip(self.groups.iter_mut())
        {
            let group = group.as_mut();
            let Some(column) = column else { continue };
            let ords = column.ords();
            self.scratch_docs.clear();
            self.scratch_rows.clear();
            // The current multi-valued layout: which documents have values
            // (ranks found a block at a time for the sorted doc ids), then
            // each document's contiguous run of values. Reading it directly
            // saves the per-document rank lookup of the generic path.
            if let ColumnIndex::Multivalued(MultiValueIndex::MultiValueIndexV2(index)) = &ords.index
            {
                index.optional_index.rank_if_exists_batch(
                    &self.pending,
                    &mut self.scratch_docs,
                    &mut self.scratch_rows,
                );
                self.scratch_bounds.clear();
                for &rank in &self.scratch_rows {
                    self.scratch_bounds.extend_from_slice(&[rank, rank + 1]);
                }
                let starts = scratch(&mut self.scratch_starts, self.scratch_bounds.len());
                index
                    .start_index_column
                    .get_vals(&self.scratch_bounds, starts);
                self.scratch_rows.clear();
                for bounds in starts.chunks_exact(2) {
                    self.scratch_rows.extend(bounds[0]..bounds[1]);
                }
                let values = scratch(&mut self.scratch_ords, self.scratch_rows.len());
                ords.values.get_vals(&self.scratch_rows, values);
                match group {
                    Some(group) => group.count(
                        values,
                        starts
                            .chunks_exact(2)
                            .map(|bounds| (bounds[1] - bounds[0]) as usize),
                        counts,
                    ),
                    None => {
                        for &ord in values.iter() {
                            if let Some(count) = counts.get_mut(ord as usize) {
                                *count += 1;
                            }
                        }
                    }
                }
                seen.add(values);
                continue;
            }
            self.scratch_rows.clear();
            ords.index.docids_to_rowids(
                &self.pending,
                &mut self.scratch_docs,
                &mut self.scratch_rows,
            );
            let values = scratch(&mut self.scratch_ords, self.scratch_rows.len());
            ords.values.get_vals(&self.scratch_rows, values);
            match group {
                Some(group) => {
                    // `scratch_docs` holds each row's document: a run of
                    // equal documents is one document's values.
                    let docs = &self.scratch_docs;
                    group.count(
                        values,
                        docs.chunk_by(|a, b| a == b).map(<[DocId]>::len),
                        counts,
                    )
                }
                None => {
                    for &ord in values.iter() {
                        counts[ord as usize] += 1;
                    }
                }
            }
            seen.add(values);
        }
        if let Some(dates) = &self.dates {
            let values = scratch(&mut self.scratch_dates, self.pending.len());
            dates.first_vals(&self.pending, values);
            for date in values.iter() {
                match date {
                    Some(date) => {
                        let index = (day_of(*date) - self.first_day) as usize;
                        if let Some(count) = self.days.get_mut(index) {
                            *count += 1;
                        }
                    }
                    None => self.undated += 1,
                }
            }
        }
        self.pending.clear();
    }
}

impl Collector for FacetTimelineCollector {
    type Fruit = Counts;
    type Child = SegmentCounts;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentCounts> {
        let fast = segment.fast_fields();
        let mut columns = Vec::with_capacity(self.fields.len());
        let mut ords = Vec::with_capacity(self.fields.len());
        let mut seen = Vec::with_capacity(self.fields.len());
        let mut groups = Vec::with_capacity(self.fields.len());
        let mut value_ids = Vec::with_capacity(self.fields.len());
        for (i, field) in self.fields.iter().enumerate() {
            let column = fast.str(field)?;
            let num_terms = column.as_ref().map_or(0, |c| c.num_terms());
            ords.push(vec![0; num_terms]);
            seen.push(Seen::new(num_terms));
            groups.push(
                match (&column, self.groups.get(i).and_then(Option::as_ref)) {
                    (Some(column), Some(wanted)) if !wanted.values.is_empty() => {
                        Some(SegmentGroups::new(segment.segment_id(), column, wanted)?)
                    }
                    _ => None,
                },
            );
            value_ids.push(match (&column, self.ids.get(i)) {
                (Some(column), Some(ids)) => Some(ids.segment(segment.segment_id(), column)?),
                _ => None,
            });
            columns.push(column);
        }
        let dates = if self.timeline {
            Some(fast.date(schema::DATE)?)
        } else {
            None
        };
        // Count per day in an array spanning the segment's dates.
        let (first_day, days) = match &dates {
            Some(column) if column.num_docs() > 0 => {
                let first = day_of(column.min_value());
                let last = day_of(column.max_value());
                (
                    first,
                    vec![0; (last - first + 1).clamp(1, 5_000_000) as usize],
                )
            }
            _ => (0, Vec::new()),
        };
        Ok(SegmentCounts {
            columns,
            value_ids,
            ords,
            seen,
            groups,
            dates,
            first_day,
            days,
            undated: 0,
            pending: Vec::with_capacity(BLOCK),
            scratch_docs: Vec::new(),
            scratch_rows: Vec::new(),
            scratch_bounds: Vec::new(),
            scratch_starts: Vec::new(),
            scratch_ords: Vec::new(),
            scratch_dates: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Counts> {
        let mut total = Counts::default();
        let mut per_field: Vec<Vec<SegmentFacet>> =
            (0..self.fields.len()).map(|_| Vec::new()).collect();
        for fruit in fruits {
            for (into, facet) in per_field.iter_mut().zip(fruit.facets) {
                into.extend(facet);
            }
            total.days.extend(fruit.days);
            total.undated += fruit.undated;
        }
        // Each segment's days are sorted: the sort merges a few runs.
        total.days.sort_unstable_by_key(|(day, _)| *day);
        total.days.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 += later.1;
            }
            same
        });
        for (i, segments) in per_field.into_iter().enumerate() {
            let mut values = match self.ids.get(i) {
                Some(ids) => merge_top(&segments, ids, self.top),
                None => HashMap::default(),
            };
            if let Some(groups) = self.groups.get(i).and_then(Option::as_ref) {
                // Exact per segment, so exact summed.
                let mut sums = vec![0u64; groups.names.len()];
                for segment in &segments {
                    for (sum, count) in sums.iter_mut().zip(&segment.grouped) {
                        *sum += u64::from(*count);
                    }
                }
                for (name, sum) in groups.names.iter().zip(sums) {
                    if sum > 0 {
                        values.insert(name.clone(), sum);
                    }
                }
            }
            total.facets.push(values);
        }
        Ok(total)
    }
}

/// The `top` values of one facet with their exact counts over all segments
/// (all values for `usize::MAX`): each segment's counts added per value id,
/// ties at the last place broken by value, as the caller sorts.
fn merge_top(segments: &[SegmentFacet], ids: &ValueIds, top: usize) -> HashMap<String, u64> {
    if top == 0 {
        return HashMap::default();
    }
    let mut totals = vec![0u64; ids.len()];
    let mut touched: Vec<u32> = Vec::new();
    for segment in segments {
        let mut add = |ord: usize, count: SegmentCount| {
            let Some(total) = segment
                .ids
                .get(ord)
                .and_then(|&id| totals.get_mut(id as usize))
            else {
                return;
            };
            if *total == 0 {
                touched.push(segment.ids[ord]);
            }
            *total += u64::from(count);
        };
        match &segment.seen {
            Some(seen) => {
                for &ord in seen {
                    let count = segment.counts.get(ord as usize).copied().unwrap_or(0);
                    if count > 0 {
                        add(ord as usize, count);
                    }
                }
            }
            None => {
                for (ord, &count) in segment.counts.iter().enumerate() {
                    if count > 0 {
                        add(ord, count);
                    }
                }
            }
        }
    }
    let mut ranked: Vec<(u64, u32)> = touched
        .into_iter()
        .map(|id| (totals[id as usize], id))
        .collect();
    if ranked.len() > top {
        ranked.select_nth_unstable_by(top - 1, |a, b| b.0.cmp(&a.0));
        let cut = ranked[top - 1].0;
        // Above the last place's count all are in; at it, the first by value.
        let mut tied: Vec<u32> = ranked
            .iter()
            .filter(|(count, _)| *count == cut)
            .map(|(_, id)| *id)
            .collect();
        ranked.retain(|(count, _)| *count > cut);
        let wanted = top - ranked.len();
        if tied.len() > wanted {
            let names = ids.names(tied.iter().copied());
            let mut named: Vec<(Arc<str>, u32)> = names.into_iter().zip(tied).collect();
            named.select_nth_unstable_by(wanted, |a, b| a.0.cmp(&b.0));
            tied = named[..wanted].iter().map(|(_, id)| *id).collect();
        }
        ranked.extend(tied.into_iter().map(|id| (cut, id)));
    }
    let names = ids.names(ranked.iter().map(|(_, id)| *id));
    names
        .into_iter()
        .zip(ranked)
        .map(|(name, (count, _))| (name.to_string(), count))
        .collect()
}

const SECONDS_PER_DAY: i64 = 86_400;

fn day_of(date: tantivy::DateTime) -> i64 {
    date.into_timestamp_secs().div_euclid(SECONDS_PER_DAY)
}

impl SegmentCollector for SegmentCounts {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.pending.push(doc);
        if self.pending.len() >= BLOCK {
            self.flush();
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.pending.extend_from_slice(docs);
        if self.pending.len() >= BLOCK {
            self.flush();
        }
    }

    fn harvest(mut self) -> SegmentFruit {
        self.flush();
        let facets = self
            .value_ids
            .into_iter()
            .zip(self.ords)
            .zip(self.seen)
            .zip(self.groups)
            .map(|(((ids, counts), seen), group)| {
                ids.map(|ids| SegmentFacet {
                    ids,
                    counts,
                    seen: seen.finish(),
                    grouped: group.map(|g| g.counts).unwrap_or_default(),
                })
            })
            .collect();
        let first_day = self.first_day;
        let days = self
            .days
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(i, c)| (first_day + i as i64, u64::from(*c)))
            .collect();
        SegmentFruit {
            facets,
            days,
            undated: self.undated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::indexer::NoMergePolicy;
    use tantivy::query::AllQuery;
    use tantivy::schema::{Schema, FAST, STRING};
    use tantivy::{Index, IndexWriter, TantivyDocument};

    /// Six segments with skewed, segment-dependent distributions of `spread`
    /// names, so that per-segment leaders differ from the global ones; checks
    /// that top values equal a full count, whatever `top`. Returns the most
    /// distinct names a segment has.
    fn check_top_values_across_segments(docs_per_segment: u64, spread: u64) -> usize {
        let mut builder = Schema::builder();
        let people = builder.add_text_field(schema::PEOPLE, STRING | FAST);
        let index = Index::create_in_ram(builder.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 20_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let mut expected: std::collections::HashMap<String, u64> = Default::default();
        let mut most_distinct = 0;
        let mut state = 7u64;
        for segment in 0..6u64 {
            let mut distinct = std::collections::HashSet::new();
            for _ in 0..docs_per_segment {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let mut doc = TantivyDocument::new();
                for pick in 0..3u64 {
                    let rank = ((state >> (20 + pick * 8)) % (spread * 4 / 5))
                        * ((state >> (40 + pick)) % 3 + 1)
                        / 3;
                    let name = format!("person {}", (rank + segment * 5) % spread);
                    doc.add_text(people, &name);
                    distinct.insert(name.clone());
                    *expected.entry(name).or_default() += 1;
                }
                writer.add_document(doc).unwrap();
            }
            most_distinct = most_distinct.max(distinct.len());
            writer.commit().unwrap();
        }
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 6);
        let all = searcher
            .search(
                &AllQuery,
                &FacetTimelineCollector::new(vec![schema::PEOPLE], usize::MAX, false),
            )
            .unwrap();
        assert_eq!(
            all.facets[0]
                .iter()
                .map(|(k, v)| (k.clone(), *v))
                .collect::<std::collections::HashMap<_, _>>(),
            expected,
            "every value counted exactly"
        );
        let mut full: Vec<(String, u64)> = all.facets[0].clone().into_iter().collect();
        full.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        assert!(full.len() > 100);
        for top in [1, 3, 10, 25] {
            let counts = searcher
                .search(
                    &AllQuery,
                    &FacetTimelineCollector::new(vec![schema::PEOPLE], top, false),
                )
                .unwrap();
            let mut got: Vec<(String, u64)> = counts.facets[0].clone().into_iter().collect();
            got.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            assert_eq!(&got[..top], &full[..top], "top {top}");
        }
        most_distinct
    }

    /// About a hundred values per segment: each segment's top is a part of it.
    #[test]
    fn top_values_are_exact_across_segments_of_some_values() {
        assert!(check_top_values_across_segments(400, 120) > 50);
    }

    /// Thousands of values per segment, each counted once or twice.
    #[test]
    fn top_values_are_exact_across_segments_of_many_values() {
        assert!(check_top_values_across_segments(2_000, 4_000) > 1_000);
    }

    /// An index in memory with a people facet and a `kind` to select by.
    fn people_and_kind_index() -> (Index, tantivy::schema::Field, tantivy::schema::Field) {
        let mut builder = Schema::builder();
        let people = builder.add_text_field(schema::PEOPLE, STRING | FAST);
        let kind = builder.add_text_field("kind", STRING);
        (Index::create_in_ram(builder.build()), people, kind)
    }

    /// The documents of `kind` "wanted".
    fn wanted(kind: tantivy::schema::Field) -> tantivy::query::TermQuery {
        tantivy::query::TermQuery::new(
            tantivy::Term::from_field_text(kind, "wanted"),
            tantivy::schema::IndexRecordOption::Basic,
        )
    }

    /// A few matches in segments of many values: the ordinals counted are
    /// kept in a list instead of scanning every counter. Counts and top
    /// values equal a direct count, for all values and for a top few.
    #[test]
    fn counts_few_matches_among_many_values() {
        let (index, people, kind) = people_and_kind_index();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 20_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let mut expected: std::collections::HashMap<String, u64> = Default::default();
        for segment in 0..3u64 {
            for n in 0..2_000u64 {
                let mut doc = TantivyDocument::new();
                let wanted = n % 97 == segment;
                doc.add_text(kind, if wanted { "wanted" } else { "other" });
                // A name of its own, and one of a few shared ones.
                for name in [format!("person {segment}-{n}"), format!("shared {}", n % 5)] {
                    doc.add_text(people, &name);
                    if wanted {
                        *expected.entry(name).or_default() += 1;
                    }
                }
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        let query = wanted(kind);
        let count = |top| {
            searcher
                .search(
                    &query,
                    &FacetTimelineCollector::new(vec![schema::PEOPLE], top, false),
                )
                .unwrap()
                .facets
                .remove(0)
        };
        let all: std::collections::HashMap<String, u64> = count(usize::MAX).into_iter().collect();
        assert_eq!(all, expected);
        let mut full: Vec<(String, u64)> = expected.into_iter().collect();
        full.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for top in [1, 3] {
            let mut got: Vec<(String, u64)> = count(top).into_iter().collect();
            got.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            assert_eq!(&got[..top], &full[..top], "top {top}");
        }
    }

    /// Matches that are a subset of the segment, among documents of which
    /// many have no value at all (a sparse column index): counts equal a
    /// direct count.
    #[test]
    fn counts_a_subset_with_documents_lacking_values() {
        let (index, people, kind) = people_and_kind_index();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 20_000_000).unwrap();
        let mut expected: std::collections::HashMap<String, u64> = Default::default();
        for n in 0..5_000u64 {
            let mut doc = TantivyDocument::new();
            let wanted = n % 3 != 0;
            doc.add_text(kind, if wanted { "wanted" } else { "other" });
            // One document in four has no people; the others one to four.
            if n % 4 != 0 {
                for v in 0..(n % 4 + (n % 7 == 0) as u64) {
                    let name = format!("person {}", (n * 31 + v * 7) % 53);
                    doc.add_text(people, &name);
                    if wanted {
                        *expected.entry(name).or_default() += 1;
                    }
                }
            }
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let query = wanted(kind);
        let counts = searcher
            .search(
                &query,
                &FacetTimelineCollector::new(vec![schema::PEOPLE], usize::MAX, false),
            )
            .unwrap();
        let got: std::collections::HashMap<String, u64> = counts.facets[0]
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        assert_eq!(got, expected);
    }
}
