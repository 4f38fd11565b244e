//! The archive's people and organisations as entities, resolved at query
//! time.
//!
//! The index stores each article's names as extraction wrote them, so it
//! never needs rewriting. Which names are one person ("Reagan" and "Ronald
//! Reagan", "Jim Wright" and "James Wright") or one organisation ("IMF" and
//! "International Monetary Fund", "Microsoft Corp" and "Microsoft"), and
//! which people names are firms, depends on the whole archive and changes as
//! articles are added; so the catalogue is built from the term dictionaries
//! of the searcher in use (names and their article counts, a pass over the
//! `people` and `organizations` terms) by [`dateline_extract::resolve`], and
//! is always consistent with the index it answers for: an incremental run
//! that changes a resolution changes it for old articles too. The engine
//! keeps one catalogue per searcher generation.

use std::sync::{Arc, OnceLock};

use dateline_indexer::schema;
use rustc_hash::FxHashMap as HashMap;
use tantivy::index::SegmentId;
use tantivy::Searcher;

use dateline_extract::names::{lookup_keys, name_key, without_titles};
use dateline_extract::resolve::{resolve_organisations, resolve_people};

/// The stored values that facet counting must not count as themselves:
/// forms of an entity with several forms (counted once per article as the
/// entity) and values that are not of the facet's kind (not counted).
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

/// The archive's people and organisations as entities.
pub(crate) struct Catalogue {
    pub people: Entities,
    pub organisations: Entities,
    /// Lookup key of any person's form to the people with it, made on the
    /// first person filter (facets need none).
    people_by_key: OnceLock<HashMap<String, Vec<u32>>>,
}

/// Entities of one kind: each with its name, the stored values that are
/// its forms and an article count (the sum over its forms).
#[derive(Default)]
pub(crate) struct Entities {
    /// Entity id to name.
    names: Vec<String>,
    /// Entity id to the stored values that are its forms.
    forms: Vec<Vec<String>>,
    /// Entity id to articles.
    articles: Vec<u64>,
    /// Stored value to entity; values that are not of this kind have none.
    entity_of: HashMap<String, u32>,
    /// What facet counting needs to know: values to count as their entity.
    groups: Arc<Groups>,
}

impl Entities {
    /// Entities from stored values and their article counts, each value
    /// named by `resolve` (`None`: not of this kind).
    fn build<'a>(
        values: &'a [(String, u64)],
        resolve: impl Fn(&'a str) -> Option<&'a str>,
    ) -> Entities {
        let mut entities = Entities::default();
        let mut id_of: HashMap<&str, u32> = HashMap::default();
        let mut dropped = Vec::new();
        for (value, count) in values {
            let Some(name) = resolve(value) else {
                dropped.push(value.clone());
                continue;
            };
            let id = *id_of.entry(name).or_insert_with(|| {
                entities.names.push(name.to_string());
                entities.forms.push(Vec::new());
                entities.articles.push(0);
                (entities.names.len() - 1) as u32
            });
            entities.forms[id as usize].push(value.clone());
            entities.articles[id as usize] += count;
            entities.entity_of.insert(value.clone(), id);
        }
        let mut groups = Groups::default();
        for (id, forms) in entities.forms.iter().enumerate() {
            if forms.len() > 1 {
                let group = groups.names.len() as u32;
                groups.names.push(entities.names[id].clone());
                groups
                    .values
                    .extend(forms.iter().map(|form| (form.clone(), group)));
            }
        }
        groups
            .values
            .extend(dropped.into_iter().map(|value| (value, Groups::DROP)));
        groups.values.sort_unstable();
        entities.groups = Arc::new(groups);
        entities
    }

    /// An entity's name.
    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    /// An entity's stored forms.
    pub fn forms(&self, id: u32) -> &[String] {
        &self.forms[id as usize]
    }

    /// The entity of a stored value, if it is of this kind.
    pub fn of_value(&self, value: &str) -> Option<u32> {
        self.entity_of.get(value).copied()
    }

    /// Every entity's name with its article count.
    pub fn all(&self) -> impl Iterator<Item = (&str, u64)> {
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

impl Catalogue {
    /// Builds the catalogue of `searcher`'s index.
    pub fn build(searcher: &Searcher) -> tantivy::Result<Catalogue> {
        let people_pairs = term_counts(searcher, schema::PEOPLE)?;
        let org_pairs = term_counts(searcher, schema::ORGANIZATIONS)?;
        fn borrow(pairs: &[(String, u64)]) -> Vec<(&str, u64)> {
            pairs.iter().map(|(k, v)| (k.as_str(), *v)).collect()
        }
        let resolved = resolve_people(&borrow(&people_pairs), &borrow(&org_pairs));
        let people = Entities::build(&people_pairs, |value| resolved.person(value));
        let org_names = resolve_organisations(&borrow(&org_pairs));
        let organisations = Entities::build(&org_pairs, |value| {
            Some(org_names.get(value).map_or(value, String::as_str))
        });
        Ok(Catalogue {
            people,
            organisations,
            people_by_key: OnceLock::new(),
        })
    }

    /// The people a typed name may mean, most articles first: one for a
    /// full name, several for a surname several people share.
    pub fn find_people(&self, typed: &str) -> Vec<u32> {
        let key = name_key(without_titles(typed));
        let by_key = self.people_by_key.get_or_init(|| {
            let mut by_key: HashMap<String, Vec<u32>> = HashMap::default();
            for (value, id) in &self.people.entity_of {
                for key in lookup_keys(value) {
                    let ids = by_key.entry(key).or_default();
                    if !ids.contains(id) {
                        ids.push(*id);
                    }
                }
            }
            by_key
        });
        let mut ids = by_key.get(&key).cloned().unwrap_or_default();
        let articles = &self.people.articles;
        ids.sort_by(|a, b| {
            articles[*b as usize]
                .cmp(&articles[*a as usize])
                .then(a.cmp(b))
        });
        ids
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

/// Every value of a string fast field with the articles holding it, over
/// all segments: the column's values counted by ordinal, then its
/// dictionary read once in order (an sstable, several times faster to
/// stream than the inverted index's FST). Deleted articles are counted
/// until their segment merges: a resolution needs proportions, not exact
/// counts.
fn term_counts(searcher: &Searcher, field: &str) -> tantivy::Result<Vec<(String, u64)>> {
    let mut counts: HashMap<String, u64> = HashMap::default();
    for reader in searcher.segment_readers() {
        let Some(column) = reader.fast_fields().str(field)? else {
            continue;
        };
        let mut per_ord = vec![0u64; column.num_terms()];
        let values = &column.ords().values;
        let mut block = vec![0u64; 4096];
        let mut start = 0u64;
        while start < u64::from(values.num_vals()) {
            let len = (u64::from(values.num_vals()) - start).min(block.len() as u64) as usize;
            values.get_range(start, &mut block[..len]);
            for &ord in &block[..len] {
                if let Some(count) = per_ord.get_mut(ord as usize) {
                    *count += 1;
                }
            }
            start += len as u64;
        }
        let mut terms = column.dictionary().stream()?;
        while terms.advance() {
            let count = per_ord.get(terms.term_ord() as usize).copied().unwrap_or(0);
            if let (Ok(text), true) = (std::str::from_utf8(terms.key()), count > 0) {
                match counts.get_mut(text) {
                    Some(total) => *total += count,
                    None => {
                        counts.insert(text.to_string(), count);
                    }
                }
            }
        }
    }
    let mut pairs: Vec<(String, u64)> = counts.into_iter().collect();
    pairs.sort_unstable();
    Ok(pairs)
}
