//! The embedded word lists, parsed once on first use.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

static FIRST_NAMES: &str = include_str!("../data/first_names.txt");
static COMMON_WORDS: &str = include_str!("../data/common_words.txt");
static PLACES: &str = include_str!("../data/places.tsv");
pub(crate) static IPTC_TOPICS: &str = include_str!("../data/iptc_topics.tsv");
pub(crate) static TOPIC_MODEL: &str = include_str!("../data/topic_model.tsv");
static NICKNAMES: &str = include_str!("../data/nicknames.tsv");
/// Abbreviations of things that are never organisations ("GMT", "DVD").
pub(crate) static THING_ABBREVIATIONS: &str = include_str!("../data/thing_abbreviations.txt");
/// Roles and titles that stand before a person's name ("Foreign Minister
/// Johann Wadephul", "Kremlin leader Putin"). Lower case.
pub(crate) static TITLES: &str = include_str!("../data/words/titles.txt");
/// Nationality and group adjectives that stand before names and must not
/// become part of them ("German Dietmar Beiersdorfer"). Lower case.
pub(crate) static NATIONALITIES: &str = include_str!("../data/words/nationalities.txt");
/// Days and months: capitalised but never part of a name.
pub(crate) static CALENDAR: &str = include_str!("../data/words/calendar.txt");
/// Lower-case particles that may sit inside a name ("Daniel arap Moi").
pub(crate) static PARTICLES: &str = include_str!("../data/words/particles.txt");
/// Words that make a capitalised phrase an organisation. Lower case.
pub(crate) static ORG_WORDS: &str = include_str!("../data/words/org_words.txt");
/// Words that make a capitalised phrase a place, venue, event or thing.
pub(crate) static THING_WORDS: &str = include_str!("../data/words/thing_words.txt");
/// Words that open the name of an institution or building in the
/// languages news quotes them in ("Instituto Gonzaga", "Masjid al-Haram",
/// "Banco Santander"): the phrase they open is no person.
pub(crate) static LEADING_THING_WORDS: &str = include_str!("../data/words/leading_thing_words.txt");
/// Organisations named without a cue word, and media often quoted as sources.
pub(crate) static KNOWN_ORGS: &str = include_str!("../data/words/known_orgs.txt");
/// Short upper-case forms of countries that news writes without periods.
pub(crate) static PLACE_ABBREVIATIONS: &str = include_str!("../data/words/place_abbreviations.tsv");
/// Verbs of saying that follow a name ("Ushakov said").
pub(crate) static SPEECH_VERBS: &str = include_str!("../data/words/speech_verbs.txt");

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

/// The entries of a word list: one a line; blank lines and lines that
/// start with `#` are none.
pub(crate) fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// [`PLACE_ABBREVIATIONS`] as `(form, place)`.
fn place_abbreviations() -> impl Iterator<Item = (&'static str, &'static str)> {
    entries(PLACE_ABBREVIATIONS).filter_map(|line| line.split_once('\t'))
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
            + place_abbreviations().count();
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
        for (form, canonical) in place_abbreviations() {
            place_forms.insert(form, canonical);
        }
        Lists {
            place_forms,
            towns,
            regions,
        }
    })
}
