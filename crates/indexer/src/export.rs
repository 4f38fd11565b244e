//! Moving an archive to a distributed engine: the export record of one
//! article, and the Quickwit index config and Elasticsearch mapping that
//! receive it.
//!
//! All three are generated from the one schema in [`crate::schema`]: the
//! exported fields are the schema's fields minus [`schema::is_internal`], and
//! each field's mapping follows from its tantivy options, so a field added
//! to the schema appears in records and both mappings at once.

use std::io::{self, Write};

use serde_json::{json, Map, Value};
use tantivy::schema::{Field, FieldType, IndexRecordOption, Schema, Value as TantivyValue};
use tantivy::TantivyDocument;

use crate::schema::{self, Fields};

/// How one exported field is searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// Tokenised, stemmed text (`tokenizer`), with positions for phrases.
    Text {
        /// The tantivy tokenizer name (the same name in Quickwit).
        tokenizer: &'static str,
        /// Whether positions are indexed (phrase queries).
        positions: bool,
    },
    /// One untokenised value: exact match, facets.
    Keyword,
    /// Stored for display only, not searchable.
    StoredText,
    /// A point in time, RFC 3339.
    Date,
    /// An unsigned integer.
    Unsigned,
}

/// One field of the export record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportField {
    /// The field name, the same in the index, the record and the mappings.
    pub name: String,
    /// How it is searched.
    pub kind: ExportKind,
    /// Whether the field has a column (sort, aggregate, facet).
    pub fast: bool,
    /// Whether the record holds an array.
    pub multi: bool,
}

/// The exported fields, in schema order.
///
/// ```
/// let fields = dateline_indexer::export::exported_fields();
/// assert!(fields.iter().any(|f| f.name == "people" && f.multi));
/// assert!(!fields.iter().any(|f| f.name == "file_hash"));
/// ```
pub fn exported_fields() -> Vec<ExportField> {
    fields_of(&schema::build())
}

fn fields_of(schema: &Schema) -> Vec<ExportField> {
    let mut out = Vec::new();
    for (_, entry) in schema.fields() {
        let name = entry.name();
        if schema::is_internal(name) {
            continue;
        }
        let kind = match entry.field_type() {
            FieldType::Str(options) => match options.get_indexing_options() {
                None => ExportKind::StoredText,
                Some(indexing) if indexing.tokenizer() == "raw" => ExportKind::Keyword,
                Some(indexing) => ExportKind::Text {
                    tokenizer: if indexing.tokenizer() == schema::TEXT_TOKENIZER {
                        schema::TEXT_TOKENIZER
                    } else {
                        "default"
                    },
                    positions: indexing.index_option() == IndexRecordOption::WithFreqsAndPositions,
                },
            },
            FieldType::Date(_) => ExportKind::Date,
            FieldType::U64(_) => ExportKind::Unsigned,
            // The schema has no other exported types; a new one fails the
            // tests below until it is mapped here.
            _ => continue,
        };
        out.push(ExportField {
            name: name.to_string(),
            kind,
            fast: entry.is_fast(),
            multi: schema::MULTI_VALUED.contains(&name),
        });
    }
    out
}

/// Writes export records: the exported fields of a schema and their
/// handles, worked out once per export rather than once per article.
pub struct Exporter {
    fields: Vec<(ExportField, Field)>,
}

impl Exporter {
    /// The exporter for an index with this schema.
    pub fn new(schema: &Schema) -> Self {
        let fields = fields_of(schema)
            .into_iter()
            .filter_map(|field| {
                let handle = schema.get_field(&field.name).ok()?;
                Some((field, handle))
            })
            .collect();
        Exporter { fields }
    }

    /// The names of the exported fields, in schema order (the columns of a
    /// CSV export).
    pub fn field_names(&self) -> Vec<&str> {
        self.fields
            .iter()
            .map(|(field, _)| field.name.as_str())
            .collect()
    }

    /// The export record of one stored article: every exported field, arrays
    /// for multi-valued fields (empty when the article has none), dates as
    /// RFC 3339, single-valued fields left out when the article has no value.
    /// [`schema::PEOPLE_KEYS`] and [`schema::TOPICS`] are indexed, not stored,
    /// and are derived again exactly as the indexer derives them.
    pub fn record(&self, fields: &Fields, doc: &TantivyDocument) -> Map<String, Value> {
        let mut out = Map::new();
        for (field, handle) in &self.fields {
            let values: Vec<Value> = match field.name.as_str() {
                schema::PEOPLE_KEYS => {
                    let names = doc.get_all(fields.people).filter_map(|v| v.as_str());
                    schema::people_key_values(names)
                        .into_iter()
                        .map(Value::String)
                        .collect()
                }
                schema::TOPICS => {
                    schema::topic_values(stored_topic_ids(fields, doc).iter().map(String::as_str))
                        .into_iter()
                        .map(Value::String)
                        .collect()
                }
                _ => doc.get_all(*handle).filter_map(json_value).collect(),
            };
            if field.multi {
                out.insert(field.name.clone(), Value::Array(values));
            } else if let Some(value) = values.into_iter().next() {
                out.insert(field.name.clone(), value);
            }
        }
        out
    }
}

/// The topic qcodes in the stored extraction details.
fn stored_topic_ids(fields: &Fields, doc: &TantivyDocument) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Topics {
        #[serde(default)]
        topics: Vec<TopicId>,
    }
    #[derive(serde::Deserialize)]
    struct TopicId {
        id: String,
    }
    doc.get_first(fields.extraction)
        .and_then(|v| v.as_str())
        .and_then(|json| serde_json::from_str::<Topics>(json).ok())
        .map(|t| t.topics.into_iter().map(|t| t.id).collect())
        .unwrap_or_default()
}

fn json_value<'a>(value: impl TantivyValue<'a>) -> Option<Value> {
    if let Some(text) = value.as_str() {
        return Some(Value::String(text.to_string()));
    }
    if let Some(n) = value.as_u64() {
        return Some(Value::from(n));
    }
    let secs = value.as_datetime()?.into_timestamp_secs();
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| Value::String(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)))
}

/// How exported articles are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON article per line (`quickwit index ingest`, `dateline index`).
    Ndjson,
    /// The bulk API's `create` action line, then the article line
    /// (Elasticsearch, OpenSearch, Quickwit's `_elastic/_bulk`).
    EsBulk {
        /// The target index name.
        index: String,
    },
}

/// Writes one record in `format`, newline-terminated.
pub fn write_record(
    out: &mut impl Write,
    format: &ExportFormat,
    record: &Map<String, Value>,
) -> io::Result<()> {
    if let ExportFormat::EsBulk { index } = format {
        let mut action = Map::new();
        action.insert("_index".into(), Value::String(index.clone()));
        if let Some(id) = record.get(schema::ID) {
            action.insert("_id".into(), bulk_id(id));
        }
        serde_json::to_writer(&mut *out, &json!({ "create": action }))?;
        out.write_all(b"\n")?;
    }
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")
}

/// Elasticsearch refuses `_id`s over 512 bytes: a longer path is replaced by
/// its hash (the full id stays in the document).
fn bulk_id(id: &Value) -> Value {
    match id.as_str() {
        Some(text) if text.len() > 512 => Value::String(format!(
            "xxh3-{:016x}",
            xxhash_rust::xxh3::xxh3_64(text.as_bytes())
        )),
        _ => id.clone(),
    }
}

/// A Quickwit index config (JSON, which `quickwit index create
/// --index-config` reads like YAML) for the exported records.
pub fn quickwit_config(index_id: &str) -> Value {
    let mappings: Vec<Value> = exported_fields()
        .iter()
        .map(|field| {
            let mut m = Map::new();
            m.insert("name".into(), json!(field.name));
            let base = match field.kind {
                ExportKind::Text { .. } | ExportKind::Keyword | ExportKind::StoredText => "text",
                ExportKind::Date => "datetime",
                ExportKind::Unsigned => "u64",
            };
            let kind = if field.multi {
                format!("array<{base}>")
            } else {
                base.to_string()
            };
            m.insert("type".into(), json!(kind));
            match field.kind {
                ExportKind::Text {
                    tokenizer,
                    positions,
                } => {
                    m.insert("tokenizer".into(), json!(tokenizer));
                    m.insert(
                        "record".into(),
                        json!(if positions { "position" } else { "freq" }),
                    );
                }
                ExportKind::Keyword => {
                    m.insert("tokenizer".into(), json!("raw"));
                }
                ExportKind::StoredText => {
                    m.insert("indexed".into(), json!(false));
                }
                ExportKind::Date => {
                    m.insert("input_formats".into(), json!(["rfc3339"]));
                    m.insert("output_format".into(), json!("rfc3339"));
                    m.insert("fast_precision".into(), json!("seconds"));
                }
                ExportKind::Unsigned => {}
            }
            m.insert("stored".into(), json!(true));
            if field.fast {
                m.insert("fast".into(), json!(true));
            }
            Value::Object(m)
        })
        .collect();
    json!({
        "version": "0.8",
        "index_id": index_id,
        "doc_mapping": {
            "mode": "lenient",
            "field_mappings": mappings,
            "timestamp_field": schema::DATE,
            "tag_fields": [],
        },
        "search_settings": {
            "default_search_fields": schema::DEFAULT_SEARCH,
        },
    })
}

/// An Elasticsearch (and OpenSearch) index body with the mapping of the
/// exported records: `PUT /<index>` with it before the bulk load.
pub fn es_mapping() -> Value {
    let mut properties = Map::new();
    for field in exported_fields() {
        let mapping = match field.kind {
            // Elasticsearch's `english` analyzer stems as tantivy's `en_stem` does.
            ExportKind::Text { .. } => json!({"type": "text", "analyzer": "english"}),
            ExportKind::Keyword if field.fast => json!({"type": "keyword"}),
            ExportKind::Keyword => json!({"type": "keyword", "doc_values": false}),
            ExportKind::StoredText => json!({"type": "text", "index": false}),
            ExportKind::Date => json!({"type": "date", "format": "strict_date_optional_time"}),
            ExportKind::Unsigned => json!({"type": "long"}),
        };
        properties.insert(field.name, mapping);
    }
    json!({
        "mappings": {
            "dynamic": "strict",
            "properties": properties,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_field_is_exported_or_internal() {
        let schema = schema::build();
        let exported: Vec<String> = exported_fields().into_iter().map(|f| f.name).collect();
        for (_, entry) in schema.fields() {
            let name = entry.name();
            assert!(
                exported.iter().any(|e| e == name) || schema::is_internal(name),
                "field {name} is neither exported nor internal"
            );
        }
    }

    #[test]
    fn mappings_name_exactly_the_exported_fields() {
        let exported: Vec<String> = exported_fields().into_iter().map(|f| f.name).collect();
        let es = es_mapping();
        let es_names: Vec<&String> = es["mappings"]["properties"]
            .as_object()
            .map(|m| m.keys().collect())
            .unwrap_or_default();
        assert_eq!(es_names.len(), exported.len());
        let qw = quickwit_config("dateline");
        let qw_names: Vec<&str> = qw["doc_mapping"]["field_mappings"]
            .as_array()
            .map(|a| a.iter().filter_map(|m| m["name"].as_str()).collect())
            .unwrap_or_default();
        assert_eq!(qw_names, exported);
        let date = qw["doc_mapping"]["field_mappings"]
            .as_array()
            .and_then(|a| a.iter().find(|m| m["name"] == schema::DATE))
            .cloned()
            .unwrap_or_default();
        assert_eq!(date["type"], "datetime");
        assert_eq!(date["fast"], true);
    }
}
