//! One pass over all matches that counts facet values and timeline buckets.
//!
//! Per segment, facet values are counted by term ordinal in a plain array and
//! turned into strings once at harvest; dates are counted per day. No stored
//! document is read and nothing is allocated per hit.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use dateline_indexer::schema;

/// Counts of one facet's values, and of matches per day.
#[derive(Debug, Default)]
pub(crate) struct Counts {
    /// Per facet (in request order): value to article count.
    pub facets: Vec<HashMap<String, u64>>,
    /// Days since the epoch to article count.
    pub days: HashMap<i64, u64>,
    /// Matches without a date.
    pub undated: u64,
}

pub(crate) struct FacetTimelineCollector {
    /// Index fields to count.
    pub fields: Vec<&'static str>,
    /// Whether to count dates.
    pub timeline: bool,
}

pub(crate) struct SegmentCounts {
    columns: Vec<Option<StrColumn>>,
    ords: Vec<Vec<u64>>,
    dates: Option<Column<tantivy::DateTime>>,
    days: HashMap<i64, u64>,
    undated: u64,
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
        for field in &self.fields {
            let column = fast.str(field)?;
            ords.push(vec![0u64; column.as_ref().map_or(0, |c| c.num_terms())]);
            columns.push(column);
        }
        let dates = if self.timeline {
            Some(fast.date(schema::DATE)?)
        } else {
            None
        };
        Ok(SegmentCounts {
            columns,
            ords,
            dates,
            days: HashMap::new(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut total = Counts {
            facets: vec![HashMap::new(); self.fields.len()],
            ..Counts::default()
        };
        for fruit in fruits {
            for (into, from) in total.facets.iter_mut().zip(fruit.facets) {
                for (value, count) in from {
                    *into.entry(value).or_default() += count;
                }
            }
            for (day, count) in fruit.days {
                *total.days.entry(day).or_default() += count;
            }
            total.undated += fruit.undated;
        }
        Ok(total)
    }
}

const SECONDS_PER_DAY: i64 = 86_400;

impl SegmentCollector for SegmentCounts {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (column, counts) in self.columns.iter().zip(self.ords.iter_mut()) {
            if let Some(column) = column {
                for ord in column.term_ords(doc) {
                    counts[ord as usize] += 1;
                }
            }
        }
        if let Some(dates) = &self.dates {
            match dates.first(doc) {
                Some(date) => {
                    let day = date.into_timestamp_secs().div_euclid(SECONDS_PER_DAY);
                    *self.days.entry(day).or_default() += 1;
                }
                None => self.undated += 1,
            }
        }
    }

    fn harvest(self) -> Counts {
        let mut facets = Vec::with_capacity(self.columns.len());
        for (column, counts) in self.columns.iter().zip(self.ords) {
            let mut values = HashMap::new();
            if let Some(column) = column {
                let mut text = String::new();
                for (ord, count) in counts.into_iter().enumerate() {
                    if count == 0 {
                        continue;
                    }
                    text.clear();
                    if column.ord_to_str(ord as u64, &mut text).unwrap_or(false) {
                        values.insert(text.clone(), count);
                    }
                }
            }
            facets.push(values);
        }
        Counts {
            facets,
            days: self.days,
            undated: self.undated,
        }
    }
}
