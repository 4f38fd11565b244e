//! The embedded word lists, parsed once on first use.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

static FIRST_NAMES: &str = include_str!("../data/first_names.txt");
static COMMON_WORDS: &str = include_str!("../data/common_words.txt");
static PLACES: &str = include_str!("../data/places.tsv");
pub(crate) static IPTC_TOPICS: &str = include_str!("../data/iptc_topics.tsv");
pub(crate) static TOPIC_MODEL: &str = include_str!("../data/topic_model.tsv");

pub(crate) struct Lists {
    pub first_names: HashSet<&'static str>,
    pub common_words: HashSet<&'static str>,
    /// Surface form (as written) to canonical place name.
    pub place_forms: HashMap<&'static str, &'static str>,
}

pub(crate) fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut place_forms = HashMap::default();
        for line in PLACES.lines() {
            let mut cols = line.split('\t');
            let Some(name) = cols.next() else { continue };
            let _kind = cols.next();
            for form in cols.chain(std::iter::once(name)) {
                // The first place to claim a form keeps it: rows are sorted so
                // that countries and large cities do not lose their names.
                place_forms.entry(form).or_insert(name);
            }
        }
        Lists {
            first_names: FIRST_NAMES.lines().collect(),
            common_words: COMMON_WORDS.lines().collect(),
            place_forms,
        }
    })
}
