//! Hand-kept word lists that shape the name finders: roles and titles that
//! precede names, nationalities, calendar words, particles inside names, and
//! the words that make a capitalised phrase an organisation or a place.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::text::table_slot;

/// Roles and titles that stand before a person's name ("Foreign Minister
/// Johann Wadephul", "Kremlin leader Putin"). Lower case.
pub(crate) const TITLES: &[&str] = &[
    "acting",
    "actor",
    "actress",
    "adm",
    "administrator",
    "admiral",
    "adviser",
    "advisor",
    "aide",
    "ambassador",
    "archbishop",
    "artist",
    "assemblyman",
    "assemblywoman",
    "astronaut",
    "attorney",
    "author",
    "ayatollah",
    "bishop",
    "boss",
    "brother",
    "cabinet",
    "candidate",
    "capt",
    "captain",
    "cardinal",
    "ceo",
    "chairman",
    "chairperson",
    "chairwoman",
    "champion",
    "chancellor",
    "chief",
    "cmdr",
    "coach",
    "col",
    "colonel",
    "comedian",
    "commander",
    "commissioner",
    "congressman",
    "congresswoman",
    "constable",
    "correspondent",
    "councillor",
    "councilman",
    "councilwoman",
    "counsel",
    "cpl",
    "dame",
    "daughter",
    "defence",
    "defender",
    "defense",
    "delegate",
    "deputy",
    "det",
    "detective",
    "diplomat",
    "director",
    "dr",
    "economist",
    "economy",
    "editor",
    "emir",
    "envoy",
    "executive",
    "father",
    "federal",
    "finance",
    "first",
    "foreign",
    "former",
    "founder",
    "fr",
    "gen",
    "general",
    "goalkeeper",
    "gov",
    "governor",
    "head",
    "health",
    "historian",
    "hon",
    "husband",
    "imam",
    "insp",
    "inspector",
    "interior",
    "journalist",
    "judge",
    "justice",
    "king",
    "lady",
    "late",
    "lawmaker",
    "lawyer",
    "leader",
    "lieutenant",
    "lord",
    "lt",
    "maj",
    "major",
    "manager",
    "mayor",
    "midfielder",
    "minister",
    "miss",
    "mother",
    "mp",
    "mr",
    "mrs",
    "ms",
    "nominee",
    "officer",
    "opposition",
    "pastor",
    "player",
    "pm",
    "pope",
    "premier",
    "president",
    "president-elect",
    "presidential",
    "priest",
    "prime",
    "prince",
    "princess",
    "prof",
    "professor",
    "prosecutor",
    "queen",
    "rabbi",
    "rapper",
    "rep",
    "reporter",
    "representative",
    "researcher",
    "rev",
    "reverend",
    "rookie",
    "scientist",
    "secretary",
    "secretary-general",
    "sen",
    "senator",
    "sheriff",
    "sergeant",
    "sgt",
    "sheikh",
    "singer",
    "sir",
    "sister",
    "son",
    "son-in-law",
    "speaker",
    "special",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "star",
    "state",
    "striker",
    "sultan",
    "superintendent",
    "supt",
    "trade",
    "treasurer",
    "vice",
    "wife",
    "writer",
];

/// Nationality and group adjectives that stand before names and must not
/// become part of them ("German Dietmar Beiersdorfer"). Lower case.
pub(crate) const NATIONALITIES: &[&str] = &[
    "afghan",
    "african",
    "albanian",
    "algerian",
    "american",
    "angolan",
    "arab",
    "argentine",
    "argentinian",
    "armenian",
    "asian",
    "australian",
    "austrian",
    "azerbaijani",
    "bahraini",
    "bangladeshi",
    "belarusian",
    "belgian",
    "bolivian",
    "bosnian",
    "brazilian",
    "british",
    "bulgarian",
    "burmese",
    "cambodian",
    "cameroonian",
    "canadian",
    "catholic",
    "chilean",
    "chinese",
    "christian",
    "colombian",
    "communist",
    "congolese",
    "conservative",
    "croat",
    "croatian",
    "cuban",
    "cypriot",
    "czech",
    "danish",
    "democrat",
    "democratic",
    "dutch",
    "ecuadorian",
    "egyptian",
    "emirati",
    "english",
    "eritrean",
    "estonian",
    "ethiopian",
    "eu",
    "european",
    "filipino",
    "finnish",
    "french",
    "georgian",
    "german",
    "ghanaian",
    "greek",
    "guatemalan",
    "haitian",
    "honduran",
    "house",
    "hungarian",
    "icelandic",
    "indian",
    "indonesian",
    "iranian",
    "iraqi",
    "irish",
    "israeli",
    "italian",
    "ivorian",
    "jamaican",
    "japanese",
    "jewish",
    "jordanian",
    "kazakh",
    "kenyan",
    "korean",
    "kosovar",
    "kremlin",
    "kurdish",
    "kuwaiti",
    "kyrgyz",
    "labour",
    "latvian",
    "lebanese",
    "liberal",
    "liberian",
    "libyan",
    "lithuanian",
    "malaysian",
    "malian",
    "maltese",
    "mexican",
    "moldovan",
    "mongolian",
    "moroccan",
    "mozambican",
    "muslim",
    "namibian",
    "nato",
    "nepalese",
    "nigerian",
    "nigerien",
    "norwegian",
    "pakistani",
    "palestinian",
    "panamanian",
    "paraguayan",
    "persian",
    "peruvian",
    "polish",
    "portuguese",
    "qatari",
    "republican",
    "romanian",
    "russian",
    "rwandan",
    "salvadoran",
    "saudi",
    "scottish",
    "senegalese",
    "serb",
    "serbian",
    "shia",
    "shiite",
    "singaporean",
    "slovak",
    "slovenian",
    "socialist",
    "somali",
    "south",
    "soviet",
    "spanish",
    "sudanese",
    "sunni",
    "swedish",
    "swiss",
    "syrian",
    "taiwanese",
    "tajik",
    "tanzanian",
    "thai",
    "tibetan",
    "tunisian",
    "turkish",
    "turkmen",
    "u.s",
    "ugandan",
    "uk",
    "ukrainian",
    "un",
    "uruguayan",
    "us",
    "uzbek",
    "venezuelan",
    "vietnamese",
    "welsh",
    "western",
    "white",
    "yemeni",
    "yugoslav",
    "zambian",
    "zimbabwean",
];

/// Days and months: capitalised but never part of a name.
pub(crate) const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "today",
    "yesterday",
    "tomorrow",
    "christmas",
    "easter",
];

/// Lower-case particles that may sit inside a name ("Daniel arap Moi").
pub(crate) const PARTICLES: &[&str] = &[
    "al", "arap", "bin", "bint", "ibn", "da", "de", "del", "della", "der", "den", "di", "dos",
    "du", "el", "la", "le", "ter", "van", "von", "zu", "y",
];

/// Words that make a capitalised phrase an organisation. Lower case.
pub(crate) const ORG_WORDS: &[&str] = &[
    "academy",
    "administration",
    "agency",
    "airlines",
    "airways",
    "alliance",
    "army",
    "assembly",
    "association",
    "authority",
    "bank",
    "board",
    "bureau",
    "cabinet",
    "centre",
    "center",
    "church",
    "club",
    "co",
    "college",
    "commission",
    "committee",
    "company",
    "congress",
    "corp",
    "corporation",
    "council",
    "court",
    "department",
    "federation",
    "force",
    "forces",
    "foundation",
    "front",
    "fund",
    "group",
    "guard",
    "hospital",
    "inc",
    "institute",
    "league",
    "limited",
    "ltd",
    "ministry",
    "motors",
    "movement",
    "navy",
    "network",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "plc",
    "police",
    "press",
    "school",
    "senate",
    "service",
    "services",
    "society",
    "union",
    "university",
    "news",
    "times",
    "post",
    "journal",
    "herald",
    "tribune",
    "telegraph",
    "gazette",
    "bbc",
    "cnn",
    "reuters",
    "interfax",
    "team",
    "fc",
    "united",
    "rovers",
    "athletic",
    "wanderers",
    "city",
    // Company, market and newsroom words.
    "exchange",
    "fed",
    "desk",
    "newsroom",
    "newsdesk",
    "bros",
    "communications",
    "pharmaceuticals",
    "industries",
    "industrie",
    "trust",
    "realty",
    "holdings",
    "partners",
    "securities",
    "chemical",
    "chemicals",
    "petroleum",
    "electric",
    "insurance",
    "bancorp",
    "investments",
    "laboratories",
    "studios",
    "magazine",
    "radio",
    "television",
    "tv",
    "daily",
    "zeitung",
    // Parties named in the plural.
    "democrats",
    "republicans",
    "socialists",
    "conservatives",
    "liberals",
    "greens",
];

/// Words that make a capitalised phrase a place, venue, event or thing.
pub(crate) const THING_WORDS: &[&str] = &[
    "act",
    "airport",
    "avenue",
    "award",
    "awards",
    "basin",
    "bay",
    "bill",
    "boulevard",
    "bridge",
    "building",
    "canal",
    "cathedral",
    "championship",
    "championships",
    "coast",
    "county",
    "cricket",
    "cup",
    "day",
    "desert",
    "district",
    "festival",
    "games",
    "ground",
    "gulf",
    "hall",
    "harbour",
    "highway",
    "hill",
    "hills",
    "hotel",
    "island",
    "islands",
    "lake",
    "law",
    "memorial",
    "mount",
    "mountain",
    "mountains",
    "museum",
    "ocean",
    "olympics",
    "open",
    "palace",
    "park",
    "peninsula",
    "plaza",
    "prize",
    "province",
    "region",
    "republic",
    "river",
    "road",
    "sea",
    "space",
    "square",
    "stadium",
    "station",
    "street",
    "strait",
    "theatre",
    "theater",
    "tour",
    "tower",
    "trophy",
    "valley",
    "war",
    "week",
    "year",
    "pool",
    "prison",
    "accords",
    "development",
    "recovery",
    "program",
    "programme",
    "project",
    "treaty",
    "accord",
    "agreement",
    "summit",
    "conference",
    "forum",
    "paralympics",
    "paralympic",
    "olympic",
    "channel",
    "review",
    "shelf",
    "carnival",
    "planetarium",
    "glacier",
    "reef",
    "canyon",
    "observatory",
    "aquarium",
    "zoo",
    "basilica",
    "mosque",
    "synagogue",
    "shrine",
    "abbey",
    "monastery",
    // Market indices: "Dow Jones Industrial Average", "Hang Seng Index".
    "average",
    "index",
    // Sporting titles: "Grand Slam", "Grand Prix".
    "slam",
    "prix",
];

/// Words that open the name of an institution or building in the
/// languages news quotes them in ("Instituto Gonzaga", "Masjid al-Haram",
/// "Banco Santander"): the phrase they open is no person.
pub(crate) const LEADING_THING_WORDS: &[&str] = &[
    "instituto",
    "istituto",
    "institut",
    "universidad",
    "universidade",
    "università",
    "universita",
    "université",
    "universitat",
    "universität",
    "masjid",
    "banco",
    "banca",
    "museo",
    "musée",
    "museu",
    "teatro",
    "palazzo",
    "piazza",
    "estadio",
    "stade",
    "colegio",
    "escuela",
    "hôtel",
    "banque",
    "societe",
    "société",
    "compagnie",
    "caisse",
    "agence",
    "agencia",
    "agenzia",
];

/// Organisations named without a cue word, and media often quoted as sources.
pub(crate) const KNOWN_ORGS: &[&str] = &[
    "AFP",
    "AP",
    "ASEAN",
    "BBC",
    "CBC",
    "CDU",
    "CIA",
    "CNN",
    "CSU",
    "EPA",
    "EU",
    "FBI",
    "FIFA",
    "Facebook",
    "Google",
    "Greenpeace",
    "Hamas",
    "Hezbollah",
    "IAEA",
    "IMF",
    "Interfax",
    "Kremlin",
    "Microsoft",
    "NASA",
    "NATO",
    "OPEC",
    "OSCE",
    "Pentagon",
    "RCMP",
    "Reuters",
    "SPD",
    "Sputnik",
    "TASS",
    "Taliban",
    "UEFA",
    "UN",
    "UNESCO",
    "UNICEF",
    "WHO",
    "WTO",
    "Wikinews",
    "Xinhua",
    "Amazon",
    "Apple",
    "Twitter",
    "YouTube",
    "Keystone",
    "Bundestag",
    "Congress",
    "Senate",
    "Parliament",
    "FDP",
    "AfD",
    "NHS",
    "ECB",
    "OECD",
];

/// Short upper-case forms of countries that news writes without periods.
pub(crate) const PLACE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("US", "United States"),
    ("U.S.", "United States"),
    ("USA", "United States"),
    ("UK", "United Kingdom"),
    ("U.K.", "United Kingdom"),
    ("UAE", "United Arab Emirates"),
    ("H.K.", "Hong Kong"),
    ("D.C.", "Washington"),
    ("Britain", "United Kingdom"),
    ("Great Britain", "United Kingdom"),
    ("America", "United States"),
    ("Holland", "Netherlands"),
];

/// Verbs of saying that follow a name ("Ushakov said").
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "announced",
    "stated",
    "explained",
    "wrote",
    "argued",
    "claimed",
    "noted",
    "insisted",
    "asked",
    "replied",
    "warned",
    "confirmed",
    "denied",
];

/// The lists above that are matched as written, as hash sets, built once
/// (the lower-case lists are in [`word_class`]).
pub(crate) struct Sets {
    pub particles: HashSet<&'static str>,
    pub known_orgs: HashSet<&'static str>,
    pub speech_verbs: HashSet<&'static str>,
    /// Abbreviations of things (`data/thing_abbreviations.txt`), as written.
    pub thing_abbreviations: HashSet<&'static str>,
}

pub(crate) fn sets() -> &'static Sets {
    static SETS: OnceLock<Sets> = OnceLock::new();
    SETS.get_or_init(|| Sets {
        particles: PARTICLES.iter().copied().collect(),
        known_orgs: KNOWN_ORGS.iter().copied().collect(),
        speech_verbs: SPEECH_VERBS.iter().copied().collect(),
        thing_abbreviations: crate::data::thing_abbreviations().collect(),
    })
}

/// What the word lists say of one lower-case word, as bits, so that the
/// name finders look a word up once rather than once per list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct WordClass(u16);

impl WordClass {
    /// In the common English word list.
    pub const COMMON: WordClass = WordClass(1);
    /// In the first-name gazetteer.
    pub const FIRST_NAME: WordClass = WordClass(1 << 1);
    /// A role or title ([`TITLES`]).
    pub const TITLE: WordClass = WordClass(1 << 2);
    /// A nationality ([`NATIONALITIES`]).
    pub const NATIONALITY: WordClass = WordClass(1 << 3);
    /// A weekday, month or other calendar word ([`CALENDAR`]).
    pub const CALENDAR: WordClass = WordClass(1 << 4);
    /// A word that makes a phrase an organisation ([`ORG_WORDS`]).
    pub const ORG_WORD: WordClass = WordClass(1 << 5);
    /// A word that makes a phrase a thing named after someone ([`THING_WORDS`]).
    pub const THING_WORD: WordClass = WordClass(1 << 6);
    /// A word that opens the name of an institution ([`LEADING_THING_WORDS`]).
    pub const LEADING_THING: WordClass = WordClass(1 << 7);

    /// Whether every bit of `other` is set.
    pub fn has(self, other: WordClass) -> bool {
        self.0 & other.0 == other.0
    }

    /// The bits of both.
    pub fn with(self, other: WordClass) -> WordClass {
        WordClass(self.0 | other.0)
    }
}

/// The classes of a lower-case word (empty when no list has it).
pub(crate) fn word_class(lower: &str) -> WordClass {
    static CLASSES: OnceLock<ClassTable> = OnceLock::new();
    CLASSES.get_or_init(build_class_table).get(lower)
}

/// Every list with the class it gives its words.
fn class_lists() -> [(Vec<&'static str>, WordClass); 8] {
    [
        (crate::data::common_words().collect(), WordClass::COMMON),
        (crate::data::first_names().collect(), WordClass::FIRST_NAME),
        (TITLES.to_vec(), WordClass::TITLE),
        (NATIONALITIES.to_vec(), WordClass::NATIONALITY),
        (CALENDAR.to_vec(), WordClass::CALENDAR),
        (ORG_WORDS.to_vec(), WordClass::ORG_WORD),
        (THING_WORDS.to_vec(), WordClass::THING_WORD),
        (LEADING_THING_WORDS.to_vec(), WordClass::LEADING_THING),
    ]
}

fn build_class_table() -> ClassTable {
    let lists = class_lists();
    let mut table = ClassTable::with_room_for(lists.iter().map(|(words, _)| words.len()).sum());
    for (words, class) in lists {
        for word in words {
            table.add(word, class);
        }
    }
    table
}

/// Words of at most this many bytes sit inside a [`ClassTable`] slot.
const INLINE_WORD_BYTES: usize = 13;

/// The low 14 bytes of a slot: the word, zero-padded, and its length.
const KEY_BITS: u128 = (1 << 112) - 1;

/// Word classes by lower-case word, in an open-addressing table (linear
/// probing, at most half full) of 16-byte slots that each hold a word of up
/// to 13 bytes, its length and its classes, so that a lookup reads one slot.
/// The name finders ask about most capitalised words; a map of `&str` read
/// its control bytes, the entry and the word's bytes elsewhere, up to three
/// cache misses per word. Longer words (under 1% of the lists) are in an
/// ordinary map.
struct ClassTable {
    /// Word and length in the low 14 bytes, classes in the top two; 0 is
    /// an empty slot (a word's length is never 0).
    slots: Vec<u128>,
    long: HashMap<&'static str, WordClass>,
}

/// A word of 1 to 13 bytes packed as a slot key.
fn packed_word(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > INLINE_WORD_BYTES {
        return None;
    }
    let mut key = [0u8; 16];
    key[..bytes.len()].copy_from_slice(bytes);
    key[INLINE_WORD_BYTES] = u8::try_from(bytes.len()).ok()?;
    Some(u128::from_le_bytes(key))
}

impl ClassTable {
    /// An empty table for up to `words` words, at most half full.
    fn with_room_for(words: usize) -> ClassTable {
        ClassTable {
            slots: vec![0; (words * 2).next_power_of_two().max(16)],
            long: HashMap::default(),
        }
    }

    /// Adds `class` to the classes of `word`.
    fn add(&mut self, word: &'static str, class: WordClass) {
        let Some(key) = packed_word(word) else {
            self.long.entry(word).or_default().0 |= class.0;
            return;
        };
        let mask = self.slots.len() - 1;
        let mut at = home_slot(key, mask);
        while self.slots[at] != 0 && self.slots[at] & KEY_BITS != key {
            at = (at + 1) & mask;
        }
        self.slots[at] |= key | (u128::from(class.0) << 112);
    }

    fn get(&self, word: &str) -> WordClass {
        let Some(key) = packed_word(word) else {
            return self.long.get(word).copied().unwrap_or_default();
        };
        let mask = self.slots.len() - 1;
        let mut at = home_slot(key, mask);
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                return WordClass::default();
            }
            if slot & KEY_BITS == key {
                // Truncation intended: the top 16 bits are the classes.
                return WordClass((slot >> 112) as u16);
            }
            at = (at + 1) & mask;
        }
    }
}

/// Where a packed word's probe sequence starts.
fn home_slot(key: u128, mask: usize) -> usize {
    // Truncations intended: the two halves of the key.
    table_slot(&[key as u64, (key >> 64) as u64], mask)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_class_table_answers_as_a_map_of_the_lists() {
        let mut map: HashMap<&'static str, WordClass> = HashMap::default();
        for (words, class) in class_lists() {
            for word in words {
                map.entry(word).or_default().0 |= class.0;
            }
        }
        let table = build_class_table();
        assert!(map.len() > 100_000, "{} words", map.len());
        assert!(!table.long.is_empty(), "no word longer than a slot");
        // Words in two lists have both classes.
        assert_eq!(
            table.get("march"),
            WordClass::CALENDAR.with(WordClass::COMMON)
        );
        for (word, class) in &map {
            assert_eq!(table.get(word), *class, "{word}");
            // The same word one letter longer or shorter is another key.
            let longer = format!("{word}q");
            let expected = map.get(longer.as_str()).copied().unwrap_or_default();
            assert_eq!(table.get(&longer), expected, "{longer}");
            let shorter = &word[..word.char_indices().last().map_or(0, |(i, _)| i)];
            let expected = map.get(shorter).copied().unwrap_or_default();
            assert_eq!(table.get(shorter), expected, "{shorter}");
        }
        assert_eq!(table.get(""), WordClass::default());
        assert_eq!(table.get("zzzzqqqqxxxx"), WordClass::default());
    }

    #[test]
    fn words_that_share_a_start_are_told_apart() {
        // A small table, so that probes for absent words run into present
        // ones; all share their first ten bytes.
        let present = ["internationa", "internationl", "internation"];
        let map: HashMap<&'static str, WordClass> = present
            .iter()
            .zip([WordClass::COMMON, WordClass::TITLE, WordClass::ORG_WORD])
            .map(|(word, class)| (*word, class))
            .collect();
        let mut table = ClassTable::with_room_for(present.len());
        for (word, class) in &map {
            table.add(word, *class);
        }
        assert_eq!(table.slots.len(), 16);
        for word in present {
            assert_eq!(table.get(word), map[word], "{word}");
        }
        for last in 'a'..='z' {
            let word = format!("internation{last}q");
            assert_eq!(table.get(&word), WordClass::default(), "{word}");
            let word = format!("internatio{last}");
            let expected = map.get(word.as_str()).copied().unwrap_or_default();
            assert_eq!(table.get(&word), expected, "{word}");
        }
    }

    #[test]
    fn one_lookup_says_what_each_list_holds() {
        assert!(word_class("president").has(WordClass::TITLE));
        assert!(word_class("german").has(WordClass::NATIONALITY));
        assert!(word_class("friday").has(WordClass::CALENDAR));
        assert!(word_class("party").has(WordClass::ORG_WORD));
        assert!(word_class("john").has(WordClass::FIRST_NAME));
        assert!(word_class("the").has(WordClass::COMMON));
        assert!(!word_class("the").has(WordClass::FIRST_NAME));
        assert_eq!(word_class("kormilitsina"), WordClass::default());
        // Lower-case keys only, as the finders look them up.
        assert_eq!(word_class("President"), WordClass::default());
    }
}
