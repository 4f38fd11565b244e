//! What users type in filters and the query language, resolved against
//! this index: topics, places, organisations, people's names, prefixes and
//! date ranges, with the closest known values when nothing matches.

use super::*;

/// Names longer than this get no suggestions: no name is, and comparing a
/// 100 KB name with every value took 25 s.
pub(super) const MAX_SUGGESTED_BYTES: usize = 200;

/// A name as an error message quotes it: cut after [`MAX_SUGGESTED_BYTES`]
/// (a 100 KB name was echoed whole).
pub(super) fn shown(name: &str) -> String {
    if name.len() <= MAX_SUGGESTED_BYTES {
        return name.to_string();
    }
    let mut cut = MAX_SUGGESTED_BYTES;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}… ({} bytes)", &name[..cut], name.len())
}

/// Up to five people whose name holds every typed word, or a word of it or
/// the whole within three edits of what was typed; most articles first
/// among equals.
pub(super) fn closest_people(people: &[(String, u64)], typed: &str) -> Vec<String> {
    let key = name_key(dateline_extract::names::without_titles(typed));
    if key.len() > MAX_SUGGESTED_BYTES {
        return Vec::new();
    }
    let key_words: Vec<&str> = key.split(' ').collect();
    let mut scored: Vec<(usize, u64, &str)> = people
        .iter()
        .filter_map(|(name, articles)| {
            let candidate = name_key(name);
            let words: Vec<&str> = candidate.split(' ').collect();
            // Every typed word in the name: the closest there is.
            if key_words.len() > 1 && key_words.iter().all(|w| words.contains(w)) {
                return Some((0, *articles, name.as_str()));
            }
            let distance = words
                .iter()
                .copied()
                .chain(std::iter::once(candidate.as_str()))
                .map(|part| edit_distance(part, &key))
                .min()?;
            (distance <= 3).then_some((distance, *articles, name.as_str()))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    scored
        .into_iter()
        .take(5)
        .map(|(_, _, name)| name.to_string())
        .collect()
}

/// Resolves typed topics, places, organisations and sources against this index.
pub(super) struct EngineResolver<'a> {
    pub(super) engine: &'a Engine,
    pub(super) searcher: &'a Searcher,
}

impl EngineResolver<'_> {
    pub(super) fn topic_term(&self, name: &str) -> Result<Term, QueryError> {
        let concept = Taxonomy::get().resolve(name)?;
        Ok(Term::from_field_text(
            self.engine.fields.topic_strength,
            concept.id,
        ))
    }

    /// The stored value for what the user typed: exact, through the place
    /// gazetteer, or case- and accent-insensitively among the index's values.
    pub(super) fn facet_value(
        &self,
        field: tantivy::schema::Field,
        kind: &'static str,
        typed: &str,
    ) -> Result<String, QueryError> {
        let typed = typed.trim();
        let exists = |value: &str| -> Result<bool, QueryError> {
            Ok(self
                .searcher
                .doc_freq(&Term::from_field_text(field, value))?
                > 0)
        };
        if exists(typed)? {
            return Ok(typed.to_string());
        }
        if field == self.engine.fields.places {
            if let Some(canonical) = dateline_extract::canonical_place(typed) {
                if exists(canonical)? {
                    return Ok(canonical.to_string());
                }
            }
        }
        let wanted = fold(typed);
        if let Some(stored) = self.stored_folded(field, &wanted)? {
            return Ok(stored);
        }
        let facet = if field == self.engine.fields.places {
            FacetKind::Places
        } else if field == self.engine.fields.source {
            FacetKind::Sources
        } else {
            FacetKind::Organizations
        };
        let values = self.engine.values(self.searcher, facet, "")?;
        if let Some(found) = values.iter().find(|v| fold(&v.value) == wanted) {
            return Ok(found.value.clone());
        }
        Err(QueryError::UnknownValue {
            kind,
            name: shown(typed),
            suggestions: suggestions(&values, &wanted),
        })
    }
}

impl EngineResolver<'_> {
    /// A value of `field` that folds to `wanted` ("opec": "OPEC", also
    /// when the listings show it under its long form), the one in most
    /// articles; found in the term dictionaries, so only when what was
    /// typed is not stored as it is.
    fn stored_folded(
        &self,
        field: tantivy::schema::Field,
        wanted: &str,
    ) -> Result<Option<String>, QueryError> {
        let mut best: Option<(u64, String)> = None;
        for segment in self.searcher.segment_readers() {
            let index = segment.inverted_index(field)?;
            let mut terms = index
                .terms()
                .stream()
                .map_err(|err| QueryError::Tantivy(err.into()))?;
            while terms.advance() {
                let Ok(term) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                if term.len() < wanted.len() / 2 || fold(term) != wanted {
                    continue;
                }
                let articles = self
                    .searcher
                    .doc_freq(&Term::from_field_text(field, term))?;
                if best.as_ref().is_none_or(|(n, _)| articles > *n) {
                    best = Some((articles, term.to_string()));
                }
            }
        }
        Ok(best.map(|(_, term)| term))
    }
}

/// Up to five values for a typed value (folded) the index lacks: those
/// holding all its words ("Federal Reserve": "Federal Reserve Board";
/// "Saudi": "Saudi Arabia"), most articles first, then those within three
/// edits of it.
pub(super) fn suggestions(values: &[FacetValue], wanted: &str) -> Vec<String> {
    if wanted.is_empty() || wanted.len() > MAX_SUGGESTED_BYTES {
        return Vec::new();
    }
    let wanted_words: Vec<&str> = wanted.split(' ').collect();
    // (kind of match, edit distance, value): containing ones first.
    let mut close: Vec<(u8, usize, &FacetValue)> = values
        .iter()
        .filter_map(|v| {
            let folded = fold(&v.value);
            let words: Vec<&str> = folded.split(' ').collect();
            if wanted_words.iter().all(|w| words.contains(w)) {
                return Some((0, 0, v));
            }
            let distance = edit_distance(&folded, wanted);
            (distance <= 3).then_some((1, distance, v))
        })
        .collect();
    close.sort_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then(b.2.count.cmp(&a.2.count))
            .then(a.2.value.cmp(&b.2.value))
    });
    close
        .into_iter()
        .take(5)
        .map(|(_, _, v)| v.value.clone())
        .collect()
}
