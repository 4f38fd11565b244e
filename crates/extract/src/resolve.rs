//! One person per real-world name across an archive.
//!
//! Extraction sees one article at a time: it joins "Reagan" to "Ronald
//! Reagan" when both are in the article, but a wire story that only ever
//! writes "President Reagan" yields the row "Reagan", and "Jim Wright" and
//! "James Wright" are two rows. What an article cannot know, the archive
//! can: the names it holds and how many articles hold each. [`resolve_people`]
//! takes those counts (from the index's term dictionaries) and says which
//! names are another form of a more common one and which name firms.
//!
//! The rules are about kinds of names, never about one name:
//! - full names sharing a surname are one person when their given names are
//!   the same, one a short form of the other (the nickname table: Jim of
//!   James, Bob of Robert) or one's given names among the other's (Otto Pöhl,
//!   Karl Otto Pöhl); the most frequent form names the person;
//! - a surname alone is that person when one person holds at least
//!   [`SURNAME_SHARE`] of the archive's articles with a full name of that
//!   surname; otherwise it stays a row of its own ("Baker" when James and
//!   Howard Baker are both common);
//! - a name of two words or more is a firm when the archive's company names
//!   (ending in Inc, Corp, Co, Ltd, ...) containing it are in at least half
//!   as many articles as the name itself ("Merrill Lynch" beside "Merrill
//!   Lynch and Co Inc"), or when it extends such a firm ("Merrill Lynch
//!   Capital Markets").

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::names::{fold, word_key};

/// The share of a surname's full-name articles that one person must hold
/// for the surname alone to be taken as that person.
pub const SURNAME_SHARE: f64 = 0.75;

/// Company suffixes: an organisation name ending in one is a firm's name.
const COMPANY_SUFFIXES: &[&str] = &[
    "co", "cos", "inc", "corp", "ltd", "plc", "group", "llc", "ag", "nv", "sa", "spa", "gmbh",
    "bv", "lp", "llp",
];

/// What the archive says of its people names.
#[derive(Debug, Default, Clone)]
pub struct PeopleResolution {
    /// A name to the name of the person it is another form of (only names
    /// that change).
    pub canonical: HashMap<String, String>,
    /// Names that are firms named after people, not people.
    pub firms: HashSet<String>,
}

impl PeopleResolution {
    /// The person a name stands for: its canonical form, itself, or `None`
    /// for a firm.
    pub fn person<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        if self.firms.contains(name) {
            return None;
        }
        Some(self.canonical.get(name).map_or(name, String::as_str))
    }
}

/// Resolves the people names of an archive, each with its article count,
/// against each other and against the archive's organisation names.
///
/// ```
/// use dateline_extract::resolve::resolve_people;
/// let people = [
///     ("Reagan", 350), ("Ronald Reagan", 24), ("Nancy Reagan", 1),
///     ("Jim Wright", 38), ("James Wright", 10),
///     ("James Baker", 215), ("Howard Baker", 29), ("Baker", 12),
///     ("Merrill Lynch", 49), ("Merrill Lynch Capital Markets", 77),
/// ];
/// let orgs = [("Merrill Lynch and Co Inc", 40), ("Reagan Administration", 30)];
/// let resolved = resolve_people(&people, &orgs);
/// assert_eq!(resolved.person("Reagan"), Some("Ronald Reagan"));
/// assert_eq!(resolved.person("James Wright"), Some("Jim Wright"));
/// assert_eq!(resolved.person("Baker"), Some("James Baker"));
/// assert_eq!(resolved.person("Howard Baker"), Some("Howard Baker"));
/// assert_eq!(resolved.person("Merrill Lynch"), None);
/// assert_eq!(resolved.person("Merrill Lynch Capital Markets"), None);
/// ```
pub fn resolve_people(people: &[(&str, u64)], organisations: &[(&str, u64)]) -> PeopleResolution {
    let firms = firms(people, organisations);
    let mut by_surname: HashMap<String, Vec<Form<'_>>> = HashMap::default();
    for &(name, articles) in people {
        if firms.contains(name) {
            continue;
        }
        let words: Vec<String> = fold(name).split(' ').map(str::to_string).collect();
        let Some(last) = words.last().filter(|w| !w.is_empty()) else {
            continue;
        };
        let given: Vec<String> = words[..words.len() - 1].to_vec();
        let keys = given.iter().map(|g| word_key(g)).collect();
        by_surname.entry(word_key(last)).or_default().push(Form {
            name,
            articles,
            given,
            keys,
        });
    }
    let mut canonical = HashMap::default();
    for forms in by_surname.values_mut() {
        resolve_surname(forms, &mut canonical);
    }
    PeopleResolution { canonical, firms }
}

/// One name of a surname group: its given names, folded, and their keys.
struct Form<'a> {
    name: &'a str,
    articles: u64,
    given: Vec<String>,
    keys: Vec<String>,
}

/// Clusters the full names of one surname, then joins the surname alone to
/// the cluster that holds most of them.
fn resolve_surname(forms: &mut [Form<'_>], canonical: &mut HashMap<String, String>) {
    forms.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(b.name)));
    // (representative, articles of the cluster)
    let mut clusters: Vec<(usize, u64)> = Vec::new();
    // A given name (folded, not an initial) to the clusters whose
    // representative has it: a form is compared with those of its given
    // names and their short or long forms only.
    let mut by_given: HashMap<&str, Vec<usize>> = HashMap::default();
    let relatives = relatives();
    for i in 0..forms.len() {
        let form = &forms[i];
        if form.given.iter().all(|g| g.len() <= 1) {
            continue;
        }
        let mut candidates: Vec<usize> = form
            .given
            .iter()
            .filter(|g| g.len() > 1)
            .flat_map(|g| {
                std::iter::once(g.as_str())
                    .chain(relatives.get(g.as_str()).into_iter().flatten().copied())
            })
            .flat_map(|g| by_given.get(g).into_iter().flatten().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let found = candidates
            .into_iter()
            .find(|&c| same_given_names(&forms[clusters[c].0], form));
        match found {
            Some(c) => {
                clusters[c].1 += form.articles;
                canonical.insert(form.name.to_string(), forms[clusters[c].0].name.to_string());
            }
            None => {
                for g in form.given.iter().filter(|g| g.len() > 1) {
                    by_given.entry(g.as_str()).or_default().push(clusters.len());
                }
                clusters.push((i, form.articles));
            }
        }
    }
    let total: u64 = clusters.iter().map(|c| c.1).sum();
    let Some(&(best, best_articles)) = clusters.iter().max_by_key(|c| c.1) else {
        return;
    };
    if best_articles < 2 || (best_articles as f64) < SURNAME_SHARE * total as f64 {
        return;
    }
    for form in forms.iter().filter(|f| f.given.is_empty()) {
        canonical.insert(form.name.to_string(), forms[best].name.to_string());
    }
}

/// Whether two forms' given names (initials aside) can be one person's:
/// the first names are one, or the shorter list's names all appear in the
/// longer one.
fn same_given_names(a: &Form<'_>, b: &Form<'_>) -> bool {
    let full = |form: &Form<'_>| -> Vec<usize> {
        (0..form.given.len())
            .filter(|&i| form.given[i].len() > 1)
            .collect()
    };
    let (fa, fb) = (full(a), full(b));
    let (Some(&first_a), Some(&first_b)) = (fa.first(), fb.first()) else {
        return false;
    };
    if a.keys[first_a] == b.keys[first_b] || short_form(&a.given[first_a], &b.given[first_b]) {
        return true;
    }
    let ((short, short_idx), (long, long_idx)) = if fa.len() <= fb.len() {
        ((a, &fa), (b, &fb))
    } else {
        ((b, &fb), (a, &fa))
    };
    short_idx.len() < long_idx.len()
        && short_idx
            .iter()
            .all(|&s| long_idx.iter().any(|&l| long.keys[l] == short.keys[s]))
}

/// Whether one folded given name is a short form of the other.
fn short_form(a: &str, b: &str) -> bool {
    relatives().get(a).is_some_and(|r| r.contains(&b))
}

/// A given name to its short forms and the names it is a short form of.
fn relatives() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static RELATIVES: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    RELATIVES.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<&'static str>> = HashMap::default();
        for (name, nick) in crate::data::nicknames() {
            map.entry(name).or_default().push(nick);
            map.entry(nick).or_default().push(name);
        }
        map
    })
}

/// The people names that are firms (see the module documentation).
fn firms(people: &[(&str, u64)], organisations: &[(&str, u64)]) -> HashSet<String> {
    // Every run of two or more words inside a company name, before its
    // suffix, with the articles of the company names holding it.
    let mut inside: HashMap<String, u64> = HashMap::default();
    // The whole name before the suffixes, with the articles holding it.
    let mut stems: HashMap<String, u64> = HashMap::default();
    for &(org, articles) in organisations {
        let words: Vec<String> = fold(org).split(' ').map(str::to_string).collect();
        let Some(last) = words.last() else { continue };
        if words.len() < 2 || !COMPANY_SUFFIXES.contains(&last.as_str()) {
            continue;
        }
        let kept = words
            .iter()
            .rposition(|w| !COMPANY_SUFFIXES.contains(&w.as_str()) && w != "and")
            .map_or(0, |i| i + 1);
        if kept > 0 {
            *stems.entry(words[..kept].join(" ")).or_default() += articles;
        }
        let stem = &words[..words.len() - 1];
        let mut runs: HashSet<String> = HashSet::default();
        for start in 0..stem.len() {
            for end in start + 2..=stem.len() {
                runs.insert(stem[start..end].join(" "));
            }
        }
        for run in runs {
            *inside.entry(run).or_default() += articles;
        }
    }
    let mut firms: HashSet<String> = HashSet::default();
    let mut firm_keys: HashSet<String> = HashSet::default();
    for &(name, articles) in people {
        let folded = fold(name);
        // One word names a firm only as the whole name before a suffix
        // ("Chrysler" beside "Chrysler Corp"): a surname is inside many.
        let found = if folded.split(' ').count() < 2 {
            stems.get(&folded)
        } else {
            inside.get(&folded)
        };
        if found.is_some_and(|&n| n * 2 >= articles) {
            firms.insert(name.to_string());
            firm_keys.insert(folded);
        }
    }
    // A name that extends a firm's name is that firm's.
    for &(name, _) in people {
        let folded = fold(name);
        let words: Vec<&str> = folded.split(' ').collect();
        if (2..words.len()).any(|n| firm_keys.contains(&words[..n].join(" "))) {
            firms.insert(name.to_string());
        }
    }
    firms
}

/// The key under which an organisation's forms are one organisation:
/// folded, British spellings made American, a leading "the" and trailing
/// company suffixes dropped ("Microsoft Corp", "Microsoft"; "World Health
/// Organisation", "World Health Organization"; "U.S. Senate", "US Senate").
///
/// ```
/// use dateline_extract::resolve::organisation_key;
/// assert_eq!(organisation_key("General Electric Co"), organisation_key("General Electric"));
/// assert_eq!(organisation_key("Goldman Sachs and Co Inc"), "goldman sachs");
/// assert_eq!(organisation_key("International Coffee Organisation"),
///            organisation_key("International Coffee Organization"));
/// assert_ne!(organisation_key("Salomon Inc"), organisation_key("Salomon Brothers Inc"));
/// assert_eq!(organisation_key("U.S. Senate"), organisation_key("Senate"));
/// ```
pub fn organisation_key(name: &str) -> String {
    let folded = fold(name);
    let mut words: Vec<String> = folded.split(' ').map(american).collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    // A national prefix the text may leave out: "US Senate", "U.S. Senate"
    // and "Senate" are one where the archive writes them all.
    if words.len() > 1 && matches!(words[0].as_str(), "us" | "uk") {
        words.remove(0);
    }
    while words.len() > 1 {
        let last = words[words.len() - 1].as_str();
        if COMPANY_SUFFIXES.contains(&last) || (matches!(last, "and" | "&") && words.len() > 1) {
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ")
}

/// One word's American spelling, for the endings news spells both ways.
fn american(word: &str) -> String {
    for (british, us) in [
        ("isation", "ization"),
        ("isations", "izations"),
        ("centre", "center"),
        ("centres", "centers"),
        ("defence", "defense"),
        ("labour", "labor"),
        ("programme", "program"),
        ("theatre", "theater"),
    ] {
        if let Some(stem) = word.strip_suffix(british) {
            return format!("{stem}{us}");
        }
    }
    word.to_string()
}

/// Words an acronym leaves out ("Organisation of the Petroleum ...").
const ACRONYM_SKIPS: &[&str] = &[
    "of", "the", "and", "for", "on", "in", "de", "du", "la", "des",
];

/// Resolves an archive's organisation names, each with its article count:
/// forms with one [`organisation_key`] are one organisation, named by its
/// most frequent form; an acronym joins the one long form whose initials it
/// spells ("IMF", "International Monetary Fund"), when that form holds at
/// least [`SURNAME_SHARE`] of the articles of all forms it could spell and
/// a tenth of the acronym's own (a rare long form is another meaning). The
/// result maps each name that changes to its organisation's name.
///
/// ```
/// use dateline_extract::resolve::resolve_organisations;
/// let orgs = [
///     ("IMF", 139), ("International Monetary Fund", 163),
///     ("General Electric Co", 60), ("GE", 61), ("General Electric", 5),
///     ("EC", 345), ("EC Commission", 69),
/// ];
/// let resolved = resolve_organisations(&orgs);
/// assert_eq!(resolved["IMF"], "International Monetary Fund");
/// assert_eq!(resolved["GE"], "General Electric Co");
/// assert_eq!(resolved["General Electric"], "General Electric Co");
/// assert!(!resolved.contains_key("EC"));
/// ```
pub fn resolve_organisations(organisations: &[(&str, u64)]) -> HashMap<String, String> {
    // Forms by key, most articles first.
    let mut by_key: HashMap<String, Vec<(&str, u64)>> = HashMap::default();
    for &(name, articles) in organisations {
        by_key
            .entry(organisation_key(name))
            .or_default()
            .push((name, articles));
    }
    for forms in by_key.values_mut() {
        forms.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(a.0.len().cmp(&b.0.len()))
                .then(a.0.cmp(b.0))
        });
    }
    let mut canonical: HashMap<String, String> = HashMap::default();
    // Key to (name, articles of all its forms).
    let mut named: HashMap<&str, (&str, u64)> = HashMap::default();
    for (key, forms) in &by_key {
        let name = forms[0].0;
        for (form, _) in &forms[1..] {
            canonical.insert(form.to_string(), name.to_string());
        }
        named.insert(key.as_str(), (name, forms.iter().map(|f| f.1).sum()));
    }
    // Long forms by the initials they spell.
    let mut by_initials: HashMap<String, Vec<(&str, u64)>> = HashMap::default();
    for &(name, articles) in named.values() {
        if let Some(initials) = initials(name) {
            by_initials
                .entry(initials)
                .or_default()
                .push((name, articles));
        }
    }
    // The same initials in any order after the first, for long forms
    // written in another order than their acronym ("U.S. Agriculture
    // Department", USDA).
    let mut by_letters: HashMap<String, Vec<(&str, u64)>> = HashMap::default();
    for (initials, forms) in &by_initials {
        by_letters
            .entry(sorted_letters(initials))
            .or_default()
            .extend(forms.iter().copied());
    }
    for (key, &(name, articles)) in &named {
        if !is_acronym(name) {
            continue;
        }
        let letters = key.replace(' ', "");
        let candidates: Vec<(&str, u64)> = by_letters
            .get(&sorted_letters(&letters))
            .into_iter()
            .flatten()
            .filter(|f| initials(f.0).is_some_and(|i| i[..1] == letters[..1]))
            .copied()
            .collect();
        let total: u64 = candidates.iter().map(|c| c.1).sum();
        let Some(&(long, long_articles)) = candidates.iter().max_by_key(|c| c.1) else {
            continue;
        };
        if (long_articles as f64) < SURNAME_SHARE * total as f64 || long_articles * 10 < articles {
            continue;
        }
        for (form, _) in &by_key[*key] {
            canonical.insert(form.to_string(), long.to_string());
        }
    }
    canonical
}

/// Whether a name is written as an acronym: two to six capitals, perhaps
/// with periods ("IMF", "U.N.").
fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| *c != '.').collect();
    (2..=6).contains(&letters.len()) && letters.iter().all(|c| c.is_ascii_uppercase())
}

/// The initials of a long form, lower case (two words or more that count),
/// or `None`. A word written as an acronym gives all its letters ("UK
/// Independence Party", UKIP; "EC Commission" spells ECC, not EC); company
/// suffixes and small words give none.
fn initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split([' ', '-', '/'])
        .filter(|w| !w.is_empty())
        .filter(|w| {
            let lower = w.to_lowercase();
            !ACRONYM_SKIPS.contains(&lower.as_str()) && !COMPANY_SUFFIXES.contains(&lower.as_str())
        })
        .collect();
    if words.len() < 2 {
        return None;
    }
    let mut out = String::new();
    for word in words {
        if is_acronym(word) {
            out.extend(
                word.chars()
                    .filter(|c| *c != '.')
                    .map(|c| c.to_ascii_lowercase()),
            );
        } else {
            out.extend(word.chars().next().map(|c| c.to_ascii_lowercase()));
        }
    }
    out.chars()
        .all(|c| c.is_ascii_alphanumeric())
        .then_some(out)
}

fn sorted_letters(text: &str) -> String {
    let mut letters: Vec<char> = text.chars().collect();
    letters.sort_unstable();
    letters.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(given: &[&str]) -> Form<'static> {
        Form {
            name: "",
            articles: 1,
            given: given.iter().map(|g| g.to_string()).collect(),
            keys: given.iter().map(|g| word_key(g)).collect(),
        }
    }

    #[test]
    fn given_names_join_by_short_form_and_by_middle_name() {
        let same = |a: &[&str], b: &[&str]| same_given_names(&form(a), &form(b));
        assert!(same(&["jim"], &["james"]));
        assert!(same(&["bob"], &["robert"]));
        assert!(same(&["paul", "a"], &["paul"]));
        assert!(same(&["otto"], &["karl", "otto"]));
        assert!(!same(&["james"], &["howard"]));
        // "Bill" is short for William and for Robert; they are not one name.
        assert!(!same(&["william"], &["robert"]));
        assert!(!same(&["elizabeth"], &["robert"]));
    }

    #[test]
    fn a_surname_shared_by_two_common_people_stays_apart() {
        let people = [("James Baker", 60), ("Howard Baker", 40), ("Baker", 9)];
        let resolved = resolve_people(&people, &[]);
        assert_eq!(resolved.person("Baker"), Some("Baker"));
        assert_eq!(resolved.person("Howard Baker"), Some("Howard Baker"));
    }

    #[test]
    fn one_word_is_a_firm_only_as_a_company_name_whole() {
        let people = [("Chrysler", 16), ("Ford", 10)];
        let orgs = [("Chrysler Corp", 60), ("Ford Motor Co", 80)];
        let resolved = resolve_people(&people, &orgs);
        assert_eq!(resolved.person("Chrysler"), None);
        assert_eq!(resolved.person("Ford"), Some("Ford"));
    }

    #[test]
    fn a_rare_long_form_is_another_meaning_of_an_acronym() {
        let orgs = [
            ("PC", 87),
            ("Press Complaints", 2),
            ("EU", 70),
            ("European Union", 47),
            ("Energy Unit", 3),
        ];
        let resolved = resolve_organisations(&orgs);
        assert!(!resolved.contains_key("PC"));
        assert_eq!(resolved["EU"], "European Union");
    }

    #[test]
    fn acronyms_inside_and_out_of_order() {
        let orgs = [
            ("UKIP", 13),
            ("UK Independence Party", 14),
            ("USDA", 183),
            ("U.S. Agriculture Department", 245),
            ("EC", 345),
            ("EC Commission", 69),
        ];
        let resolved = resolve_organisations(&orgs);
        assert_eq!(resolved["UKIP"], "UK Independence Party");
        assert_eq!(resolved["USDA"], "U.S. Agriculture Department");
        assert!(!resolved.contains_key("EC"));
    }

    #[test]
    fn initials_alone_join_nobody() {
        let people = [("D. J. Baker", 1), ("David Baker", 3)];
        let resolved = resolve_people(&people, &[]);
        assert_eq!(resolved.person("D. J. Baker"), Some("D. J. Baker"));
    }

    #[test]
    fn an_administration_is_no_firm_and_a_firm_needs_articles() {
        let people = [("Ronald Reagan", 30), ("Charles Schwab", 20)];
        let orgs = [
            ("Ronald Reagan Administration", 50),
            ("Charles Schwab Corp", 3),
        ];
        let resolved = resolve_people(&people, &orgs);
        assert_eq!(resolved.person("Ronald Reagan"), Some("Ronald Reagan"));
        assert_eq!(resolved.person("Charles Schwab"), Some("Charles Schwab"));
    }
}
