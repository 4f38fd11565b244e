//! CSV output, for spreadsheets: one row per hit (`search`) or per article
//! (`export`), with a header row. Several values in one cell are joined
//! with "; " (topic labels hold commas).

use std::io::Write;

use anyhow::Result;
use dateline_query::SearchResponse;
use serde_json::{Map, Value};

/// What joins several values in one cell.
pub const JOIN: &str = "; ";

/// The hits of `response` as CSV: a header row, then one row per hit.
pub fn search_hits(out: impl Write, response: &SearchResponse) -> Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record([
        "id",
        "date",
        "title",
        "score",
        "people",
        "organizations",
        "places",
        "topics",
        "snippet",
    ])?;
    for hit in &response.hits {
        csv.write_record([
            hit.id.as_str(),
            hit.date.as_deref().unwrap_or(""),
            hit.title.as_str(),
            &hit.score.map(|s| format!("{s:.3}")).unwrap_or_default(),
            &hit.people.join(JOIN),
            &hit.organizations.join(JOIN),
            &hit.places.join(JOIN),
            &hit.topics.join(JOIN),
            hit.snippet.text.as_str(),
        ])?;
    }
    csv.flush()?;
    Ok(())
}

/// Export records as CSV rows under a header of `columns`.
pub struct Records<W: Write> {
    csv: csv::Writer<W>,
    columns: Vec<String>,
}

impl<W: Write> Records<W> {
    /// Writes the header row.
    pub fn new(out: W, columns: Vec<String>) -> Result<Self> {
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record(&columns)?;
        Ok(Records { csv, columns })
    }

    /// Writes one record: a cell per column, empty when the record has no
    /// value, arrays joined.
    pub fn write(&mut self, record: &Map<String, Value>) -> Result<()> {
        let cells = self.columns.iter().map(|column| match record.get(column) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(text)) => text.clone(),
            Some(Value::Array(values)) => values.iter().map(cell).collect::<Vec<_>>().join(JOIN),
            Some(other) => cell(other),
        });
        self.csv.write_record(cells)?;
        Ok(())
    }

    /// Flushes what is buffered.
    pub fn flush(&mut self) -> Result<()> {
        self.csv.flush()?;
        Ok(())
    }
}

fn cell(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
