//! The values of a facet field across the index, and the index's summary.

use super::*;

impl Engine {
    /// Values of a facet over the whole index, most frequent first, those
    /// with a word starting with `prefix` (case- and accent-insensitive);
    /// a person or organisation also by any form of its name ("opec":
    /// "Organization of Petroleum Exporting Countries" if that is the name
    /// OPEC is counted under).
    pub fn values(
        &self,
        searcher: &Searcher,
        kind: FacetKind,
        prefix: &str,
    ) -> Result<Vec<FacetValue>, QueryError> {
        let counter = self.facet_collector(searcher, vec![kind.field()], usize::MAX, false)?;
        let counts = searcher.search(&AllQuery, &counter)?;
        let values = counts.facets.into_iter().next().unwrap_or_default();
        let prefix = fold(prefix);
        let starts = |text: &str| {
            let text = fold(text);
            text.starts_with(&prefix) || text.split(' ').any(|w| w.starts_with(&prefix))
        };
        let entities = match kind {
            FacetKind::People if !prefix.is_empty() => Some(&self.catalogue(searcher)?.people),
            FacetKind::Organizations if !prefix.is_empty() => {
                Some(&self.catalogue(searcher)?.organisations)
            }
            _ => None,
        };
        let mut out: Vec<FacetValue> = top_values(kind, values, usize::MAX)
            .into_iter()
            .filter(|v| {
                prefix.is_empty()
                    || starts(&v.value)
                    || entities.is_some_and(|e| e.forms_of(&v.value).iter().any(|f| starts(f)))
            })
            .map(|c| FacetValue {
                value: c.value,
                id: c.id,
                count: c.count,
            })
            .collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
        Ok(out)
    }

    /// What a filter on `typed` selects, named as the listings name it:
    /// the person a full name or a surname of one person means ("trump":
    /// "Donald Trump"), the stored place ("Kiev": "Kyiv"), organisation or
    /// source, the topic's label and qcode. A surname several people share
    /// stays as typed. An unknown value is the filter's error.
    pub fn named(
        &self,
        searcher: &Searcher,
        kind: FacetKind,
        typed: &str,
    ) -> Result<Named, QueryError> {
        let builder = QueryBuilder::new(self, searcher);
        let resolver = &builder.resolver;
        let (value, id, mut forms) = match kind {
            FacetKind::People => match builder.people_named(typed)?.as_slice() {
                [(person, forms)] => (person.clone(), None, forms.clone()),
                _ => (typed.trim().to_string(), None, Vec::new()),
            },
            FacetKind::Topics => {
                let concept = Taxonomy::get().resolve(typed)?;
                let id = Some(concept.id.to_string());
                (concept.label.to_string(), id, Vec::new())
            }
            FacetKind::Organizations => {
                let field = self.fields.organizations;
                let value = resolver.facet_value(field, "organisation", typed)?;
                let catalogue = self.catalogue(searcher)?;
                // Named as the listing counts it: "Organization of
                // Petroleum Exporting Countries" is a form of OPEC.
                let name = catalogue.organisations.name_of(&value).unwrap_or(&value);
                let forms = catalogue.organisations.forms_of(&value);
                (name.to_string(), None, forms)
            }
            FacetKind::Places => {
                let value = resolver.facet_value(self.fields.places, "place", typed)?;
                (value, None, Vec::new())
            }
            FacetKind::Sources => {
                let value = resolver.facet_value(self.fields.source, "source", typed)?;
                (value, None, Vec::new())
            }
            FacetKind::Languages => (typed.trim().to_string(), None, Vec::new()),
        };
        forms.push(value.clone());
        forms.sort();
        forms.dedup();
        Ok(Named { value, id, forms })
    }

    /// A summary of the index: counts, date range, top facets, size.
    pub fn stats(&self, dir: &Path) -> Result<IndexStats, QueryError> {
        let searcher = self.searcher();
        let counter = self.facet_collector(
            &searcher,
            vec![schema::PEOPLE, schema::TOPICS, schema::PLACES, schema::PATH],
            usize::MAX,
            true,
        )?;
        let counts = searcher.search(&AllQuery, &counter)?;
        let mut facets = counts.facets.into_iter();
        let mut take = |kind: FacetKind| {
            let values = facets.next().unwrap_or_default();
            top_values(kind, values, 10)
                .into_iter()
                .map(|c| FacetValue {
                    value: c.value,
                    id: c.id,
                    count: c.count,
                })
                .collect::<Vec<_>>()
        };
        let top_people = take(FacetKind::People);
        let top_topics = take(FacetKind::Topics);
        let top_places = take(FacetKind::Places);
        let files = facets.next().map_or(0, |f| f.len() as u64);
        let size_bytes = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|e| e.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0);
        let writer = self
            .index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str::<IndexInfo>(&p).ok())
            .map(|i| i.writer);
        Ok(IndexStats {
            articles: searcher.num_docs(),
            undated: counts.undated,
            first_date: counts.days.first().map(|(d, _)| format_day(d * 86_400)),
            last_date: counts.days.last().map(|(d, _)| format_day(d * 86_400)),
            files,
            segments: searcher.segment_readers().len(),
            size_bytes,
            top_people,
            top_topics,
            top_places,
            languages: self.language_counts(&searcher)?,
            writer,
        })
    }

    /// The languages articles are in, as the `language` field holds them.
    pub(super) fn languages(
        &self,
        searcher: &Searcher,
    ) -> Result<std::collections::BTreeSet<String>, QueryError> {
        let mut known = std::collections::BTreeSet::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.language)?;
            let mut terms = inverted
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while terms.advance() {
                known.insert(String::from_utf8_lossy(terms.key()).into_owned());
            }
        }
        Ok(known)
    }

    /// The stemmed fields ([`schema::STEMMED_LANGUAGES`]) of the languages
    /// articles in `searcher` are in, with their codes: the languages a
    /// query's words are analysed for besides English. Read from the
    /// `language` terms, which every segment has (asking each stemmed field
    /// of a segment that lacks it builds an empty dictionary every time,
    /// which cost English-only archives 8% of their query time).
    pub(super) fn stemmed_fields(
        &self,
        searcher: &Searcher,
    ) -> Vec<(&'static str, tantivy::schema::Field)> {
        let languages = self.languages(searcher).unwrap_or_default();
        self.fields
            .stemmed
            .iter()
            .copied()
            .filter(|(code, _)| languages.contains(*code))
            .collect()
    }

    /// Articles per language, most first, and `unknown` for the rest.
    fn language_counts(&self, searcher: &Searcher) -> Result<Vec<FacetValue>, QueryError> {
        let mut counts = Vec::new();
        let mut counted = 0u64;
        for language in self.languages(searcher)? {
            let query = term_query(self.fields.language, &language);
            let count = searcher.search(&query, &tantivy::collector::Count)? as u64;
            counted += count;
            counts.push(FacetValue {
                value: language,
                id: None,
                count,
            });
        }
        let unknown = searcher.num_docs().saturating_sub(counted);
        if unknown > 0 {
            counts.push(FacetValue {
                value: "unknown".to_string(),
                id: None,
                count: unknown,
            });
        }
        counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
        Ok(counts)
    }
}

/// What a typed person, organisation, place, topic or source names in the
/// index ([`Engine::named`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named {
    /// The name the listings show (a topic's label).
    pub value: String,
    /// The IPTC qcode, for topics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Every stored form of it, `value` among them.
    pub forms: Vec<String>,
}

/// A facet value with its article count over the whole index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetValue {
    /// The value (a topic's label for topics).
    pub value: String,
    /// The IPTC qcode, for topics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Articles with this value.
    pub count: u64,
}

/// A summary of the whole index.
#[derive(Debug, Clone, Serialize)]
pub struct IndexStats {
    /// Articles in the index.
    pub articles: u64,
    /// Articles without a date.
    pub undated: u64,
    /// Earliest date, `YYYY-MM-DD`.
    pub first_date: Option<String>,
    /// Latest date, `YYYY-MM-DD`.
    pub last_date: Option<String>,
    /// Distinct source files.
    pub files: u64,
    /// Index segments.
    pub segments: usize,
    /// Bytes on disk.
    pub size_bytes: u64,
    /// Most frequent people.
    pub top_people: Vec<FacetValue>,
    /// Most frequent topics.
    pub top_topics: Vec<FacetValue>,
    /// Most frequent places.
    pub top_places: Vec<FacetValue>,
    /// Articles per language (ISO 639-1 code, or as the input gave it),
    /// most first; `unknown` counts those without one.
    pub languages: Vec<FacetValue>,
    /// What wrote the index.
    pub writer: Option<String>,
}
