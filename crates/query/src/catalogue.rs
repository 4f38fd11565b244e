//! The archive's people as entities, resolved at query time.
//!
//! The index stores each article's people as extraction wrote them, so it
//! never needs rewriting. Which names are one person ("Reagan" and "Ronald
//! Reagan", "Jim Wright" and "James Wright") and which are firms depends on
//! the whole archive, and changes as articles are added; so the catalogue is
//! built from the term dictionaries of the searcher in use (names and their
//! article counts, a pass over the `people` and `organizations` terms) by
//! [`dateline_extract::resolve`], and is always consistent with the index it
//! answers for: an incremental run that changes a resolution changes it for
//! old articles too. The engine keeps one catalogue per searcher generation.

use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::Searcher;

use dateline_extract::names::{lookup_keys, name_key, without_titles};
use dateline_extract::resolve::resolve_people;

/// People as entities: each with its name, the forms the index holds and
/// an article count (the sum over its forms; articles rarely hold two).
pub(crate) struct Catalogue {
    /// Entity id to name.
    names: Vec<String>,
    /// Entity id to the stored values that are its forms.
    forms: Vec<Vec<String>>,
    /// Entity id to articles.
    articles: Vec<u64>,
    /// Stored value to entity; firms have none.
    entity_of: HashMap<String, u32>,
    /// Lookup key of any form to the entities with it.
    by_key: HashMap<String, Vec<u32>>,
    /// What facet counting needs to know: values to count as their entity.
    groups: Arc<Groups>,
}

/// The stored values that facet counting must not count as themselves:
/// forms of an entity with several forms (counted once per article as the
/// entity) and firms (not counted as people).
#[derive(Debug, Default)]
pub(crate) struct Groups {
    /// Group index to the entity's name.
    pub names: Vec<String>,
    /// Stored value to its group, or [`Groups::DROP`].
    pub values: Vec<(String, u32)>,
}

impl Groups {
    /// A value that is not counted at all.
    pub const DROP: u32 = u32::MAX;
}

impl Catalogue {
    /// Builds the catalogue of `searcher`'s index.
    pub fn build(searcher: &Searcher, people: Field, orgs: Field) -> tantivy::Result<Catalogue> {
        let people_counts = term_counts(searcher, people)?;
        let org_counts = term_counts(searcher, orgs)?;
        let as_pairs = |counts: &HashMap<String, u64>| -> Vec<(String, u64)> {
            let mut pairs: Vec<(String, u64)> =
                counts.iter().map(|(k, v)| (k.clone(), *v)).collect();
            pairs.sort_unstable();
            pairs
        };
        let people_pairs = as_pairs(&people_counts);
        let org_pairs = as_pairs(&org_counts);
        fn borrow(pairs: &[(String, u64)]) -> Vec<(&str, u64)> {
            pairs.iter().map(|(k, v)| (k.as_str(), *v)).collect()
        }
        let resolved = resolve_people(&borrow(&people_pairs), &borrow(&org_pairs));

        let mut catalogue = Catalogue {
            names: Vec::new(),
            forms: Vec::new(),
            articles: Vec::new(),
            entity_of: HashMap::default(),
            by_key: HashMap::default(),
            groups: Arc::default(),
        };
        let mut id_of: HashMap<String, u32> = HashMap::default();
        for (value, count) in &people_pairs {
            let Some(person) = resolved.person(value) else {
                continue;
            };
            let id = *id_of.entry(person.to_string()).or_insert_with(|| {
                catalogue.names.push(person.to_string());
                catalogue.forms.push(Vec::new());
                catalogue.articles.push(0);
                (catalogue.names.len() - 1) as u32
            });
            catalogue.forms[id as usize].push(value.clone());
            catalogue.articles[id as usize] += count;
            catalogue.entity_of.insert(value.clone(), id);
            for key in lookup_keys(value) {
                let ids = catalogue.by_key.entry(key).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        let mut groups = Groups::default();
        for (id, forms) in catalogue.forms.iter().enumerate() {
            if forms.len() > 1 {
                let group = groups.names.len() as u32;
                groups.names.push(catalogue.names[id].clone());
                groups
                    .values
                    .extend(forms.iter().map(|form| (form.clone(), group)));
            }
        }
        groups.values.extend(
            resolved
                .firms
                .iter()
                .filter(|firm| people_counts.contains_key(*firm))
                .map(|firm| (firm.clone(), Groups::DROP)),
        );
        groups.values.sort_unstable();
        catalogue.groups = Arc::new(groups);
        Ok(catalogue)
    }

    /// The entities a typed name may mean, most articles first: one for a
    /// full name, several for a surname several people share.
    pub fn find(&self, typed: &str) -> Vec<u32> {
        let key = name_key(without_titles(typed));
        let mut ids = self.by_key.get(&key).cloned().unwrap_or_default();
        ids.sort_by(|a, b| {
            self.articles[*b as usize]
                .cmp(&self.articles[*a as usize])
                .then(a.cmp(b))
        });
        ids
    }

    /// An entity's name.
    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    /// An entity's stored forms.
    pub fn forms(&self, id: u32) -> &[String] {
        &self.forms[id as usize]
    }

    /// The person a stored value stands for, or `None` for a firm.
    pub fn person<'a>(&'a self, value: &str) -> Option<&'a str> {
        self.entity_of.get(value).map(|id| self.name(*id))
    }

    /// Every entity's name with its article count.
    pub fn entities(&self) -> impl Iterator<Item = (&str, u64)> {
        self.names
            .iter()
            .zip(&self.articles)
            .map(|(n, a)| (n.as_str(), *a))
    }

    /// The values facet counting groups.
    pub fn groups(&self) -> Arc<Groups> {
        Arc::clone(&self.groups)
    }
}

/// The segments a catalogue was built from.
pub(crate) fn generation(searcher: &Searcher) -> Vec<SegmentId> {
    searcher
        .segment_readers()
        .iter()
        .map(|r| r.segment_id())
        .collect()
}

/// Every term of a string field with the articles holding it, over all
/// segments (deleted articles are counted until their segment merges: a
/// resolution needs proportions, not exact counts).
fn term_counts(searcher: &Searcher, field: Field) -> tantivy::Result<HashMap<String, u64>> {
    let mut counts: HashMap<String, u64> = HashMap::default();
    for reader in searcher.segment_readers() {
        let index = reader.inverted_index(field)?;
        let mut terms = index.terms().stream()?;
        while terms.advance() {
            if let Ok(text) = std::str::from_utf8(terms.key()) {
                *counts.entry(text.to_string()).or_default() += u64::from(terms.value().doc_freq);
            }
        }
    }
    Ok(counts)
}

/// Distinct values, in order.
pub(crate) fn distinct<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = HashSet::default();
    values
        .into_iter()
        .filter(|v| seen.insert(*v))
        .map(str::to_string)
        .collect()
}
