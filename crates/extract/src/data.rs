//! The embedded word lists, parsed once on first use.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

static FIRST_NAMES: &str = include_str!("../data/first_names.txt");
static COMMON_WORDS: &str = include_str!("../data/common_words.txt");
static PLACES: &str = include_str!("../data/places.tsv");
pub(crate) static IPTC_TOPICS: &str = include_str!("../data/iptc_topics.tsv");
pub(crate) static TOPIC_MODEL: &str = include_str!("../data/topic_model.tsv");
static NICKNAMES: &str = include_str!("../data/nicknames.tsv");
static THING_ABBREVIATIONS: &str = include_str!("../data/thing_abbreviations.txt");

/// The first-name gazetteer, one lower-case name a line (looked up
/// through [`crate::lexicon::word_class`]).
pub(crate) fn first_names() -> impl Iterator<Item = &'static str> {
    FIRST_NAMES.lines()
}

/// The common English words, one lower-case word a line (looked up
/// through [`crate::lexicon::word_class`]).
pub(crate) fn common_words() -> impl Iterator<Item = &'static str> {
    COMMON_WORDS.lines()
}

/// Given names and their short forms, `(name, short form)`, lower case.
pub(crate) fn nicknames() -> impl Iterator<Item = (&'static str, &'static str)> {
    NICKNAMES.lines().filter_map(|line| line.split_once('\t'))
}

/// Abbreviations of things that are never organisations ("GMT", "DVD").
pub(crate) fn thing_abbreviations() -> impl Iterator<Item = &'static str> {
    THING_ABBREVIATIONS
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

pub(crate) struct Lists {
    /// Surface form (as written) to canonical place name.
    pub place_forms: HashMap<&'static str, &'static str>,
    /// Canonical names of small towns, taken as places only where the text
    /// says it is a place ("in Macomb", "Macomb, Michigan").
    pub towns: HashSet<&'static str>,
    /// Canonical names of countries, regions and continents: never a given
    /// name's first word ("Connecticut Yankee" is no person).
    pub regions: HashSet<&'static str>,
}

pub(crate) fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        // Who keeps a form that several rows claim: any form of a country,
        // region or curated place first, then the name of a city or town
        // (rows are largest first), then the alternate names of cities and
        // towns; so that "Trinidad" stays Trinidad and Tobago and a village's
        // alternate name never takes Philadelphia's.
        let rows: Vec<(&str, &str, Vec<&str>)> = PLACES
            .lines()
            .filter_map(|line| {
                let mut cols = line.split('\t');
                let name = cols.next()?;
                let kind = cols.next()?;
                Some((name, kind, cols.collect()))
            })
            .collect();
        // Sized up front: growing them rehashes and leaves fresh pages behind.
        let forms = rows
            .iter()
            .map(|(_, _, forms)| 1 + forms.len())
            .sum::<usize>()
            + crate::lexicon::PLACE_ABBREVIATIONS.len();
        let mut place_forms = HashMap::with_capacity_and_hasher(forms, Default::default());
        let towns_count = rows.iter().filter(|(_, kind, _)| *kind == "town").count();
        let mut towns = HashSet::with_capacity_and_hasher(towns_count, Default::default());
        let mut regions = HashSet::default();
        let settlement = |kind: &str| kind == "city" || kind == "town";
        for (name, kind, forms) in &rows {
            if *kind == "town" {
                towns.insert(*name);
            }
            if matches!(*kind, "country" | "region" | "continent" | "historical") {
                regions.insert(*name);
            }
            if !settlement(kind) {
                for form in std::iter::once(name).chain(forms) {
                    place_forms.entry(*form).or_insert(*name);
                }
            }
        }
        for (name, _, _) in rows.iter().filter(|r| settlement(r.1)) {
            place_forms.entry(*name).or_insert(*name);
        }
        for (name, _, forms) in rows.iter().filter(|r| settlement(r.1)) {
            for form in forms {
                place_forms.entry(*form).or_insert(*name);
            }
        }
        // Abbreviations and short forms win over any gazetteer row.
        for (form, canonical) in crate::lexicon::PLACE_ABBREVIATIONS {
            place_forms.insert(form, canonical);
        }
        Lists {
            place_forms,
            towns,
            regions,
        }
    })
}
