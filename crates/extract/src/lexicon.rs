//! Hand-kept word lists that shape the name finders: roles and titles that
//! precede names, nationalities, calendar words, particles inside names, and
//! the words that make a capitalised phrase an organisation or a place.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Roles and titles that stand before a person's name ("Foreign Minister
/// Johann Wadephul", "Kremlin leader Putin"). Lower case.
pub(crate) const TITLES: &[&str] = &[
    "acting", "admiral", "adviser", "advisor", "aide", "ambassador", "archbishop", "assemblyman",
    "assemblywoman", "attorney", "author", "ayatollah", "bishop", "boss", "brother", "cabinet",
    "candidate", "capt", "captain", "cardinal", "ceo", "chairman", "chairperson", "chairwoman",
    "champion", "chancellor", "chief", "coach", "col", "colonel", "commander", "commissioner",
    "congressman", "congresswoman", "constable", "correspondent", "councillor", "councilman",
    "councilwoman", "counsel", "dame", "daughter", "defence", "defender", "defense", "delegate",
    "deputy", "det", "detective", "diplomat", "director", "dr", "economist", "economy", "editor",
    "emir", "envoy", "executive", "father", "federal", "finance", "first", "foreign", "former",
    "founder", "gen", "general", "goalkeeper", "gov", "governor", "head", "health", "historian",
    "husband", "imam", "inspector", "interior", "journalist", "judge", "justice", "king", "lady",
    "late", "lawmaker", "lawyer", "leader", "lieutenant", "lord", "lt", "maj", "major",
    "manager", "mayor", "midfielder", "minister", "miss", "mother", "mp", "mr", "mrs", "ms",
    "nominee", "officer", "opposition", "pastor", "player", "pm", "pope", "premier",
    "president", "president-elect", "presidential", "priest", "prime", "prince", "princess",
    "prof", "professor", "prosecutor", "queen", "rabbi", "rep", "reporter", "representative",
    "rev", "reverend", "rookie", "secretary", "secretary-general", "sen", "senator",
    "sergeant", "sgt", "sheikh", "singer", "sir", "sister", "son", "son-in-law", "speaker",
    "special", "spokesman", "spokesperson", "spokeswoman", "star", "state", "striker",
    "sultan", "superintendent", "supt", "trade", "treasurer", "vice", "wife", "writer",
    "actor", "actress", "comedian", "rapper", "artist", "scientist", "researcher", "astronaut",
];

/// Nationality and group adjectives that stand before names and must not
/// become part of them ("German Dietmar Beiersdorfer"). Lower case.
pub(crate) const NATIONALITIES: &[&str] = &[
    "afghan", "african", "albanian", "algerian", "american", "angolan", "arab", "argentine",
    "argentinian", "armenian", "asian", "australian", "austrian", "azerbaijani", "bahraini",
    "bangladeshi", "belarusian", "belgian", "bolivian", "bosnian", "brazilian", "british",
    "bulgarian", "burmese", "cambodian", "cameroonian", "canadian", "chilean", "chinese",
    "colombian", "congolese", "croatian", "cuban", "cypriot", "czech", "danish", "dutch",
    "ecuadorian", "egyptian", "emirati", "english", "eritrean", "estonian", "ethiopian",
    "european", "filipino", "finnish", "french", "georgian", "german", "ghanaian", "greek",
    "guatemalan", "haitian", "honduran", "hungarian", "icelandic", "indian", "indonesian",
    "iranian", "iraqi", "irish", "israeli", "italian", "ivorian", "jamaican", "japanese",
    "jordanian", "kazakh", "kenyan", "korean", "kosovar", "kurdish", "kuwaiti", "kyrgyz",
    "latvian", "lebanese", "liberian", "libyan", "lithuanian", "malaysian", "malian",
    "maltese", "mexican", "moldovan", "mongolian", "moroccan", "mozambican", "namibian",
    "nepalese", "nigerian", "nigerien", "norwegian", "pakistani", "palestinian", "panamanian",
    "paraguayan", "persian", "peruvian", "polish", "portuguese", "qatari", "romanian",
    "russian", "rwandan", "salvadoran", "saudi", "scottish", "senegalese", "serb", "serbian",
    "singaporean", "slovak", "slovenian", "somali", "south", "soviet", "spanish", "sudanese",
    "swedish", "swiss", "syrian", "taiwanese", "tajik", "tanzanian", "thai", "tibetan",
    "tunisian", "turkish", "turkmen", "ugandan", "ukrainian", "uruguayan", "uzbek",
    "venezuelan", "vietnamese", "welsh", "western", "yemeni", "zambian", "zimbabwean",
    "democrat", "democratic", "republican", "conservative", "labour", "liberal", "socialist",
    "communist", "catholic", "muslim", "christian", "jewish", "sunni", "shiite", "shia",
    "us", "u.s", "uk", "un", "eu", "nato", "kremlin", "white", "house",
];

/// Days and months: capitalised but never part of a name.
pub(crate) const CALENDAR: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "today", "yesterday", "tomorrow", "christmas", "easter",
];

/// Lower-case particles that may sit inside a name ("Daniel arap Moi").
pub(crate) const PARTICLES: &[&str] = &[
    "al", "arap", "bin", "bint", "ibn", "da", "de", "del", "della", "der", "den", "di", "dos",
    "du", "el", "la", "le", "ter", "van", "von", "zu", "y",
];

/// Words that make a capitalised phrase an organisation. Lower case.
pub(crate) const ORG_WORDS: &[&str] = &[
    "academy", "administration", "agency", "airlines", "airways", "alliance", "army",
    "assembly", "association", "authority", "bank", "board", "bureau", "cabinet", "centre",
    "center", "church", "club", "co", "college", "commission", "committee", "company",
    "congress", "corp", "corporation", "council", "court", "department", "federation",
    "force", "forces", "foundation", "front", "fund", "group", "guard", "hospital", "inc",
    "institute", "league", "limited", "ltd", "ministry", "motors", "movement", "navy",
    "network", "office", "organisation", "organization", "parliament", "party", "plc",
    "police", "press", "school", "senate", "service", "services", "society", "union",
    "university", "news", "times", "post", "journal", "herald", "tribune", "telegraph",
    "gazette", "bbc", "cnn", "reuters", "interfax", "agency", "team", "fc", "united",
    "rovers", "athletic", "wanderers", "city",
];

/// Words that make a capitalised phrase a place, venue, event or thing.
pub(crate) const THING_WORDS: &[&str] = &[
    "act", "airport", "avenue", "award", "awards", "basin", "bay", "bill", "boulevard",
    "bridge", "building", "canal", "cathedral", "championship", "championships", "coast",
    "county", "cricket", "cup", "day", "desert", "district", "festival", "games", "ground",
    "gulf", "hall", "harbour", "highway", "hill", "hills", "hotel", "island", "islands",
    "lake", "law", "memorial", "mount", "mountain", "mountains", "museum", "ocean", "olympics",
    "open", "palace", "park", "peninsula", "plaza", "prize", "province", "region", "republic",
    "river", "road", "sea", "space", "square", "stadium", "station", "street", "strait",
    "theatre", "theater", "tour", "tower", "trophy", "valley", "war", "week", "year", "pool",
    "prison", "program", "programme", "project", "treaty", "accord", "agreement", "summit",
    "conference", "forum", "channel", "radio", "tv", "television", "magazine", "review",
];

/// Organisations named without a cue word, and media often quoted as sources.
pub(crate) const KNOWN_ORGS: &[&str] = &[
    "AFP", "AP", "ASEAN", "BBC", "CBC", "CDU", "CIA", "CNN", "CSU", "EPA", "EU", "FBI",
    "FIFA", "Facebook", "Google", "Greenpeace", "Hamas", "Hezbollah", "IAEA", "IMF",
    "Interfax", "Kremlin", "Microsoft", "NASA", "NATO", "OPEC", "OSCE", "Pentagon", "RCMP",
    "Reuters", "SPD", "Sputnik", "TASS", "Taliban", "UEFA", "UN", "UNESCO", "UNICEF",
    "WHO", "WTO", "Wikinews", "Xinhua", "Amazon", "Apple", "Twitter", "YouTube", "Keystone",
    "Bundestag", "Congress", "Senate", "Parliament", "FDP", "AfD", "NHS", "ECB", "OECD",
];

/// Short upper-case forms of countries that news writes without periods.
pub(crate) const PLACE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("US", "United States"),
    ("U.S.", "United States"),
    ("USA", "United States"),
    ("UK", "United Kingdom"),
    ("U.K.", "United Kingdom"),
    ("UAE", "United Arab Emirates"),
    ("Britain", "United Kingdom"),
    ("Great Britain", "United Kingdom"),
    ("America", "United States"),
    ("Holland", "Netherlands"),
];

/// Verbs of saying that follow a name ("Ushakov said").
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "added", "announced", "stated", "explained", "wrote", "argued",
    "claimed", "noted", "insisted", "asked", "replied", "warned", "confirmed", "denied",
];

/// The lists above as hash sets, built once.
pub(crate) struct Sets {
    pub titles: HashSet<&'static str>,
    pub nationalities: HashSet<&'static str>,
    pub calendar: HashSet<&'static str>,
    pub particles: HashSet<&'static str>,
    pub org_words: HashSet<&'static str>,
    pub thing_words: HashSet<&'static str>,
    pub known_orgs: HashSet<&'static str>,
    pub speech_verbs: HashSet<&'static str>,
}

pub(crate) fn sets() -> &'static Sets {
    static SETS: OnceLock<Sets> = OnceLock::new();
    SETS.get_or_init(|| Sets {
        titles: TITLES.iter().copied().collect(),
        nationalities: NATIONALITIES.iter().copied().collect(),
        calendar: CALENDAR.iter().copied().collect(),
        particles: PARTICLES.iter().copied().collect(),
        org_words: ORG_WORDS.iter().copied().collect(),
        thing_words: THING_WORDS.iter().copied().collect(),
        known_orgs: KNOWN_ORGS.iter().copied().collect(),
        speech_verbs: SPEECH_VERBS.iter().copied().collect(),
    })
}
