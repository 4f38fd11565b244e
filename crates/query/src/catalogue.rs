//! The archive's people and organisations as entities, resolved from the
//! index itself.
//!
//! The index stores each article's names as extraction wrote them, so it
//! never needs rewriting. Which names are one person ("Reagan" and "Ronald
//! Reagan", "Jim Wright" and "James Wright") or one organisation ("IMF" and
//! "International Monetary Fund", "Microsoft Corp" and "Microsoft"), and
//! which people names are firms, depends on the whole archive and changes as
//! articles are added. So the resolution is made from the names of the
//! searcher in use and their article counts (a pass over the `people` and
//! `organizations` columns) by [`dateline_extract::resolve`]: it is always
//! consistent with the index it answers for, and an incremental run that
//! changes a resolution changes it for old articles too.
//!
//! Making it reads every name of the archive (a tenth of a second at 300,000
//! articles), so the result, small (only the names that change), is kept in
//! the index folder as `catalogue.json`, marked with the segments it was made
//! from and the rules' version; a reader whose segments differ makes it anew
//! (and writes it when it may). The engine keeps one per searcher
//! generation in memory.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};
use tantivy::index::SegmentId;
use tantivy::Searcher;

use dateline_extract::names::{lookup_keys, name_key, without_titles};
use dateline_extract::resolve::{resolve_organisations, resolve_people};
use dateline_indexer::schema;

/// The file a resolution is kept in, in the index folder.
pub(crate) const FILE: &str = "catalogue.json";

/// Changes whenever the rules or the file's form change, so that a file
/// written by another version is made anew.
const RULES: &str = concat!(env!("CARGO_PKG_VERSION"), "/resolve-1");

/// The stored values that facet counting must not count as themselves:
/// forms of an entity with several forms (counted once per article as the
/// entity) and values that are not of the facet's kind (not counted).
#[derive(Debug, Default)]
pub(crate) struct Groups {
    /// Group index to the entity's name.
    pub names: Vec<String>,
    /// Stored value to its group, or [`Groups::DROP`], sorted by value.
    pub values: Vec<(String, u32)>,
    /// Per segment, its ordinals' groups ([`crate::collect`] makes them):
    /// a pass over the column's whole dictionary, which cost every faceted
    /// search 2 ms at 100,000 articles when made per search.
    pub by_segment: std::sync::Mutex<
        std::collections::HashMap<tantivy::index::SegmentId, std::sync::Arc<Vec<u32>>>,
    >,
}

impl Groups {
    /// A value that is not counted at all.
    pub const DROP: u32 = u32::MAX;
}

/// What the archive says of its names: only those that change.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Resolution {
    rules: String,
    /// The segments (ids) it was made from.
    segments: Vec<String>,
    /// A person name to the name of the person it is a form of.
    people: HashMap<String, String>,
    /// People names that are firms.
    firms: Vec<String>,
    /// An organisation name to the organisation's name.
    organisations: HashMap<String, String>,
}

/// The entities of one kind: a value's name, an entity's forms, and the
/// groups facet counting needs.
#[derive(Default)]
pub(crate) struct Entities {
    /// A value to its entity's name (only values that change).
    canonical: HashMap<String, String>,
    /// Values that are not of this kind.
    dropped: HashSet<String>,
    /// An entity's name to all its forms (only entities with several).
    forms: HashMap<String, Vec<String>>,
    groups: Arc<Groups>,
}

impl Entities {
    fn new(canonical: HashMap<String, String>, dropped: HashSet<String>) -> Entities {
        let mut forms: HashMap<String, Vec<String>> = HashMap::default();
        for (form, name) in &canonical {
            forms
                .entry(name.clone())
                .or_insert_with(|| vec![name.clone()])
                .push(form.clone());
        }
        let mut groups = Groups::default();
        let mut names: Vec<&String> = forms.keys().collect();
        names.sort_unstable();
        for name in names {
            let group = groups.names.len() as u32;
            groups.names.push(name.clone());
            groups
                .values
                .extend(forms[name].iter().map(|form| (form.clone(), group)));
        }
        groups
            .values
            .extend(dropped.iter().map(|value| (value.clone(), Groups::DROP)));
        groups.values.sort_unstable();
        for list in forms.values_mut() {
            list.sort_unstable();
        }
        Entities {
            canonical,
            dropped,
            forms,
            groups: Arc::new(groups),
        }
    }

    /// The name of the entity a stored value is a form of, or `None` when
    /// the value is not of this kind.
    pub fn name_of<'a>(&'a self, value: &'a str) -> Option<&'a str> {
        if self.dropped.contains(value) {
            return None;
        }
        Some(self.canonical.get(value).map_or(value, String::as_str))
    }

    /// Every stored form of the entity a stored value is a form of.
    pub fn forms_of(&self, value: &str) -> Vec<String> {
        let name = self.name_of(value).unwrap_or(value);
        self.forms
            .get(name)
            .cloned()
            .unwrap_or_else(|| vec![name.to_string()])
    }

    /// The values facet counting groups.
    pub fn groups(&self) -> Arc<Groups> {
        Arc::clone(&self.groups)
    }
}

/// The archive's people and organisations as entities.
pub(crate) struct Catalogue {
    pub people: Entities,
    pub organisations: Entities,
    /// Every person with their article count and lookup keys, made on the
    /// first person filter (facets need none of it).
    people_index: OnceLock<PeopleIndex>,
}

/// Every person of the archive, for finding people by what a user typed.
struct PeopleIndex {
    /// Person id to (name, articles over all forms).
    people: Vec<(String, u64)>,
    /// Lookup key of any form to the people with it.
    by_key: HashMap<String, Vec<u32>>,
}

impl Catalogue {
    /// The catalogue of `searcher`'s index in `dir`: from `catalogue.json`
    /// when it was made from these segments by these rules, otherwise made
    /// and written there (when the folder may be written).
    pub fn open(searcher: &Searcher, dir: Option<&Path>) -> tantivy::Result<Catalogue> {
        let segments: Vec<String> = generation(searcher)
            .iter()
            .map(|id| id.uuid_string())
            .collect();
        let stored = dir
            .and_then(|dir| std::fs::read(dir.join(FILE)).ok())
            .and_then(|bytes| serde_json::from_slice::<Resolution>(&bytes).ok())
            .filter(|r| r.rules == RULES && r.segments == segments);
        let resolution = match stored {
            Some(resolution) => resolution,
            None => {
                let resolution = resolve(searcher, segments)?;
                if let Some(dir) = dir {
                    write(dir, &resolution);
                }
                resolution
            }
        };
        Ok(Catalogue {
            people: Entities::new(resolution.people, resolution.firms.into_iter().collect()),
            organisations: Entities::new(resolution.organisations, HashSet::default()),
            people_index: OnceLock::new(),
        })
    }

    /// The people a typed name may mean, as (name, articles), most articles
    /// first: one for a full name, several for a surname several people
    /// share.
    pub fn find_people(
        &self,
        searcher: &Searcher,
        typed: &str,
    ) -> tantivy::Result<Vec<(&str, u64)>> {
        let index = self.people_index(searcher)?;
        let key = name_key(without_titles(typed));
        let mut found: Vec<(&str, u64)> = index
            .by_key
            .get(&key)
            .into_iter()
            .flatten()
            .map(|&id| {
                let (name, articles) = &index.people[id as usize];
                (name.as_str(), *articles)
            })
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        Ok(found)
    }

    /// Every person with their article count.
    pub fn all_people(&self, searcher: &Searcher) -> tantivy::Result<&[(String, u64)]> {
        Ok(&self.people_index(searcher)?.people)
    }

    fn people_index(&self, searcher: &Searcher) -> tantivy::Result<&PeopleIndex> {
        if let Some(index) = self.people_index.get() {
            return Ok(index);
        }
        let values = term_counts(searcher, schema::PEOPLE)?;
        let mut people: Vec<(String, u64)> = Vec::new();
        let mut id_of: HashMap<&str, u32> = HashMap::default();
        let mut by_key: HashMap<String, Vec<u32>> = HashMap::default();
        for (value, articles) in &values {
            let Some(name) = self.people.name_of(value) else {
                continue;
            };
            let id = *id_of.entry(name).or_insert_with(|| {
                people.push((name.to_string(), 0));
                (people.len() - 1) as u32
            });
            people[id as usize].1 += articles;
            for key in lookup_keys(value) {
                let ids = by_key.entry(key).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        Ok(self
            .people_index
            .get_or_init(|| PeopleIndex { people, by_key }))
    }
}

/// Makes the resolution of `searcher`'s names.
fn resolve(searcher: &Searcher, segments: Vec<String>) -> tantivy::Result<Resolution> {
    let people = term_counts(searcher, schema::PEOPLE)?;
    let orgs = term_counts(searcher, schema::ORGANIZATIONS)?;
    fn borrow(pairs: &[(String, u64)]) -> Vec<(&str, u64)> {
        pairs.iter().map(|(k, v)| (k.as_str(), *v)).collect()
    }
    let resolved = resolve_people(&borrow(&people), &borrow(&orgs));
    let mut firms: Vec<String> = resolved.firms.into_iter().collect();
    firms.sort_unstable();
    Ok(Resolution {
        rules: RULES.to_string(),
        segments,
        people: resolved.canonical,
        firms,
        organisations: resolve_organisations(&borrow(&orgs)),
    })
}

/// Writes a resolution beside the index, atomically; a folder that may not
/// be written (another user's index) keeps none, and that is no error.
fn write(dir: &Path, resolution: &Resolution) {
    let Ok(bytes) = serde_json::to_vec(resolution) else {
        return;
    };
    let temporary = dir.join(format!(".{FILE}.{}", std::process::id()));
    if std::fs::write(&temporary, bytes).is_ok()
        && std::fs::rename(&temporary, dir.join(FILE)).is_err()
    {
        let _ = std::fs::remove_file(&temporary);
    }
}

/// The segments a catalogue is made from.
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
