//! The one definition of the index schema: every field name and option.
//!
//! Other crates refer to fields through [`Fields`] or the name constants
//! here, never by string literals of their own.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::tokenizer::Language;

/// Bumped whenever a field is added, removed or changes options, or the
/// on-disk format changes. An index with another version must be rebuilt.
/// 2: `headline` added; column dictionaries without zstd.
/// 3: `topic_strength` added.
/// 4: `headline` searchable (`title:` in the query language).
/// 5: `text_de`, `text_fr`, ...: articles in a language with a stemmer;
///    `language` FAST (`--facets languages`).
/// 6: Norwegian's stemmed field analysed by `no_stem` (was `nb_stem`), the
///    name the Python package registers.
pub const SCHEMA_VERSION: u32 = 6;

/// The tokenizer of the searchable text fields. tantivy's built-in English
/// stemmer, so that other tantivy clients can query a Dateline index with no
/// custom registration.
pub const TEXT_TOKENIZER: &str = "en_stem";

/// Languages whose articles are indexed a second time, stemmed in their
/// own language, by ISO 639-1 code: the Snowball stemmers tantivy ships,
/// but English, which is [`TEXT_TOKENIZER`]. Each has a field
/// ([`stemmed_field`]) holding the headline, lead and body of the articles
/// in that language, analysed by a tokenizer ([`stemmed_tokenizer`]) that
/// any tantivy client can build: tantivy's `en_stem` with this language's
/// stemmer (simple tokenizer, long words of 40 bytes or more removed,
/// lower-cased, stemmed). The names are those the Python `tantivy` package
/// registers on every index it opens, so it searches these fields as is.
pub const STEMMED_LANGUAGES: &[(&str, Language)] = &[
    ("ar", Language::Arabic),
    ("da", Language::Danish),
    ("de", Language::German),
    ("el", Language::Greek),
    ("es", Language::Spanish),
    ("fi", Language::Finnish),
    ("fr", Language::French),
    ("hu", Language::Hungarian),
    ("it", Language::Italian),
    ("nb", Language::Norwegian),
    ("nl", Language::Dutch),
    ("pt", Language::Portuguese),
    ("ro", Language::Romanian),
    ("ru", Language::Russian),
    ("sv", Language::Swedish),
    ("ta", Language::Tamil),
    ("tr", Language::Turkish),
];

/// The field of a [`STEMMED_LANGUAGES`] language's stemmed text: `text_de`.
/// Indexed only (the text is stored in [`HEADLINE`], [`LEAD`], [`BODY`]).
pub fn stemmed_field(code: &str) -> String {
    format!("text_{code}")
}

/// The tokenizer name of a [`STEMMED_LANGUAGES`] language: `de_stem`;
/// `no_stem` for Norwegian (Bokmål, `nb`), as the Python package names it.
pub fn stemmed_tokenizer(code: &str) -> String {
    match code {
        "nb" => "no_stem".to_string(),
        _ => format!("{code}_stem"),
    }
}

/// Whether `name` is the field of a [`STEMMED_LANGUAGES`] language.
pub fn is_stemmed_field(name: &str) -> bool {
    STEMMED_LANGUAGES
        .iter()
        .any(|(code, _)| name.strip_prefix("text_") == Some(code))
}

/// Stable article id: the file path, plus `#LINE` for JSON Lines.
pub const ID: &str = "id";
/// Absolute path of the source file.
pub const PATH: &str = "path";
/// 1-based line number for JSON Lines articles, 0 otherwise.
pub const LINE: &str = "line";
/// Source URL, when the input gave one.
pub const URL: &str = "url";
/// Publisher or source domain, when given.
pub const SOURCE: &str = "source";
/// Bylines, when given.
pub const AUTHORS: &str = "authors";
/// Language code, when given.
pub const LANGUAGE: &str = "language";
/// Publication date and time (UTC).
pub const DATE: &str = "date";
/// A headline given by the input, searchable (boosted).
pub const TITLE: &str = "title";
/// The headline shown to users: the given one, or the lead's first sentence.
/// Searchable by `title:` (free text searches [`TITLE`] instead, so that a
/// derived headline does not count twice).
pub const HEADLINE: &str = "headline";
/// Lead paragraph.
pub const LEAD: &str = "lead";
/// The rest of the article text, without photo credits and web leftovers.
pub const BODY: &str = "body";
/// Canonical person names, one value per person.
pub const PEOPLE: &str = "people";
/// Lookup keys of every person ([`dateline_extract::names::lookup_keys`]).
pub const PEOPLE_KEYS: &str = "people_keys";
/// Canonical place names.
pub const PLACES: &str = "places";
/// Organisation names.
pub const ORGANIZATIONS: &str = "organizations";
/// IPTC qcodes of the article's topics and all their ancestors, so that a
/// parent topic matches its children.
pub const TOPICS: &str = "topics";
/// The values of [`TOPICS`] again, each repeated by how strongly the article
/// is about that topic ([`topic_strengths`]), so that a topic filter ranks
/// the articles most about the topic first. Indexed only, with frequencies
/// and no length norms: a term's frequency is its strength.
pub const TOPIC_STRENGTH: &str = "topic_strength";
/// The full extraction (mentions, place forms, topic scores) as JSON.
pub const EXTRACTION: &str = "extraction";
/// Source file size in bytes (the incremental manifest).
pub const FILE_SIZE: &str = "file_size";
/// Source file modification time, nanoseconds since the epoch.
pub const FILE_MTIME: &str = "file_mtime";
/// xxh3 hash of the source file's bytes.
pub const FILE_HASH: &str = "file_hash";

/// Years an article date may have. tantivy keeps dates as i64 nanoseconds
/// since 1970, which reach from September 1677 to April 2262; dates outside
/// these whole years are refused at parse time (the article is indexed
/// without a date, with a warning).
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1678..=2261;

/// `day` moved into the range that date terms can hold, one day beyond
/// [`DATE_YEARS`] on either side, so that a query bound outside it still
/// selects nothing or everything as it should, instead of overflowing.
pub fn clamp_query_day(day: chrono::NaiveDate) -> chrono::NaiveDate {
    let before = chrono::NaiveDate::from_ymd_opt(*DATE_YEARS.start() - 1, 12, 31);
    let after = chrono::NaiveDate::from_ymd_opt(*DATE_YEARS.end() + 1, 1, 1);
    match (before, after) {
        (Some(before), _) if day < before => before,
        (_, Some(after)) if day > after => after,
        _ => day,
    }
}

/// Fields that hold several values per article (arrays in exports).
pub const MULTI_VALUED: &[&str] = &[AUTHORS, PEOPLE, PEOPLE_KEYS, PLACES, ORGANIZATIONS, TOPICS];

/// Fields that are Dateline's own bookkeeping: the stored extraction details
/// and the incremental manifest. They are not exported.
pub const INTERNAL: &[&str] = &[EXTRACTION, TOPIC_STRENGTH, FILE_SIZE, FILE_MTIME, FILE_HASH];

/// Whether `name` is not exported: one of [`INTERNAL`], or a stemmed field
/// ([`STEMMED_LANGUAGES`]), which holds the exported text again (a target
/// engine analyses `headline`, `lead` and `body` by `language` its own way).
pub fn is_internal(name: &str) -> bool {
    INTERNAL.contains(&name) || is_stemmed_field(name)
}

/// The fields free text is searched in, best first.
pub const DEFAULT_SEARCH: &[&str] = &[TITLE, LEAD, BODY];

/// The indexed values of [`PEOPLE_KEYS`] for an article's people: every
/// lookup key of every name, each once.
pub fn people_key_values<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut keys = Vec::new();
    for name in names {
        for key in dateline_extract::names::lookup_keys(name) {
            if seen.insert(key.clone()) {
                keys.push(key);
            }
        }
    }
    keys
}

/// The indexed values of [`TOPICS`] for an article's topic qcodes: each
/// qcode with all its ancestors, sorted, each once, so that a parent topic
/// matches its children.
pub fn topic_values<'a>(qcodes: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let taxonomy = dateline_extract::Taxonomy::get();
    let mut ids = std::collections::BTreeSet::new();
    for qcode in qcodes {
        let ancestry = taxonomy.ancestry(qcode);
        if ancestry.is_empty() {
            ids.insert(qcode.to_string());
        }
        ids.extend(ancestry.into_iter().map(str::to_string));
    }
    ids.into_iter().collect()
}

/// The strongest a topic can be in [`TOPIC_STRENGTH`].
pub const TOPIC_STRENGTH_STEPS: u32 = 32;
/// Words (of letters) at which an article's evidence for its topics counts
/// half: a price line or a table of figures is weaker evidence than a
/// report, whatever the classifier's confidence.
const HALF_EVIDENCE_WORDS: f32 = 30.0;

/// The indexed values of [`TOPIC_STRENGTH`]: each value of [`topic_values`]
/// with how strongly the article is about it, from 1 to
/// [`TOPIC_STRENGTH_STEPS`]. The strength is the classifier's confidence
/// (`topics`: qcode and score in 0..=1; a parent takes its strongest child's)
/// scaled by the evidence, the article's length in `words`.
pub fn topic_strengths<'a>(
    topics: impl IntoIterator<Item = (&'a str, f32)>,
    words: usize,
) -> Vec<(String, u32)> {
    let taxonomy = dateline_extract::Taxonomy::get();
    let evidence = words as f32 / (words as f32 + HALF_EVIDENCE_WORDS);
    let steps = (TOPIC_STRENGTH_STEPS - 1) as f32;
    let mut strengths = std::collections::BTreeMap::<String, u32>::new();
    for (qcode, score) in topics {
        let strength = 1 + (steps * score.clamp(0.0, 1.0) * evidence).round() as u32;
        let mut ids = taxonomy.ancestry(qcode);
        if ids.is_empty() {
            ids.push(qcode);
        }
        for id in ids {
            let entry = strengths.entry(id.to_string()).or_default();
            *entry = (*entry).max(strength);
        }
    }
    strengths.into_iter().collect()
}

/// Handles to every field of a Dateline schema.
#[derive(Debug, Clone)]
pub struct Fields {
    pub id: Field,
    pub path: Field,
    pub line: Field,
    pub url: Field,
    pub source: Field,
    pub authors: Field,
    pub language: Field,
    pub date: Field,
    pub title: Field,
    pub headline: Field,
    pub lead: Field,
    pub body: Field,
    pub people: Field,
    pub people_keys: Field,
    pub places: Field,
    pub organizations: Field,
    pub topics: Field,
    pub topic_strength: Field,
    pub extraction: Field,
    pub file_size: Field,
    pub file_mtime: Field,
    pub file_hash: Field,
    /// The field of each [`STEMMED_LANGUAGES`] language, by code.
    pub stemmed: Vec<(&'static str, Field)>,
}

/// Builds the schema.
///
/// ```
/// let schema = dateline_indexer::schema::build();
/// assert!(schema.get_field(dateline_indexer::schema::PEOPLE).is_ok());
/// ```
pub fn build() -> Schema {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TEXT_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let facet = STRING | STORED | FAST;
    builder.add_text_field(ID, STRING | STORED | FAST);
    builder.add_text_field(PATH, STRING | STORED | FAST);
    builder.add_u64_field(LINE, STORED);
    builder.add_text_field(URL, STRING | STORED);
    builder.add_text_field(SOURCE, facet.clone());
    builder.add_text_field(AUTHORS, STRING | STORED);
    builder.add_text_field(LANGUAGE, STRING | STORED | FAST);
    builder.add_date_field(
        DATE,
        DateOptions::default()
            .set_indexed()
            .set_stored()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    builder.add_text_field(TITLE, text.clone());
    builder.add_text_field(HEADLINE, text.clone());
    builder.add_text_field(LEAD, text.clone());
    builder.add_text_field(BODY, text);
    builder.add_text_field(PEOPLE, facet.clone());
    builder.add_text_field(PEOPLE_KEYS, STRING);
    builder.add_text_field(PLACES, facet.clone());
    builder.add_text_field(ORGANIZATIONS, facet);
    builder.add_text_field(TOPICS, STRING | FAST);
    builder.add_text_field(
        TOPIC_STRENGTH,
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_index_option(IndexRecordOption::WithFreqs)
                .set_fieldnorms(false),
        ),
    );
    builder.add_text_field(EXTRACTION, STORED);
    for (code, _) in STEMMED_LANGUAGES {
        builder.add_text_field(
            &stemmed_field(code),
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(&stemmed_tokenizer(code))
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            ),
        );
    }
    let manifest = NumericOptions::default().set_fast();
    builder.add_u64_field(FILE_SIZE, manifest.clone());
    builder.add_i64_field(FILE_MTIME, manifest.clone());
    builder.add_u64_field(FILE_HASH, manifest);
    builder.build()
}

impl Fields {
    /// Looks up every field in `schema`; fails on a schema that is not Dateline's.
    pub fn new(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f(ID)?,
            path: f(PATH)?,
            line: f(LINE)?,
            url: f(URL)?,
            source: f(SOURCE)?,
            authors: f(AUTHORS)?,
            language: f(LANGUAGE)?,
            date: f(DATE)?,
            title: f(TITLE)?,
            headline: f(HEADLINE)?,
            lead: f(LEAD)?,
            body: f(BODY)?,
            people: f(PEOPLE)?,
            people_keys: f(PEOPLE_KEYS)?,
            places: f(PLACES)?,
            organizations: f(ORGANIZATIONS)?,
            topics: f(TOPICS)?,
            topic_strength: f(TOPIC_STRENGTH)?,
            extraction: f(EXTRACTION)?,
            file_size: f(FILE_SIZE)?,
            file_mtime: f(FILE_MTIME)?,
            file_hash: f(FILE_HASH)?,
            stemmed: STEMMED_LANGUAGES
                .iter()
                .map(|(code, _)| Ok((*code, f(&stemmed_field(code))?)))
                .collect::<tantivy::Result<_>>()?,
        })
    }

    /// The stemmed field of the language `code`, when it has one.
    pub fn stemmed_field(&self, code: &str) -> Option<Field> {
        self.stemmed
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, field)| *field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stemmed_language_is_one_articles_are_stored_in() {
        for (code, _) in STEMMED_LANGUAGES {
            // The code detection and input languages settle on.
            assert_eq!(dateline_extract::language::code(code), Some(*code));
            assert!(is_stemmed_field(&stemmed_field(code)));
        }
        assert!(!is_stemmed_field("text_en") && !is_stemmed_field(BODY));
        let schema = build();
        let fields = Fields::new(&schema).unwrap();
        assert_eq!(fields.stemmed.len(), STEMMED_LANGUAGES.len());
        assert_eq!(fields.stemmed_field("de"), schema.get_field("text_de").ok());
        assert_eq!(fields.stemmed_field("en"), None);
    }

    #[test]
    fn topic_strength_grows_with_score_and_length_and_parents_take_the_strongest_child() {
        // medtop:20000574 (election) is under politics, medtop:11000000.
        let strengths = topic_strengths([("medtop:20000574", 0.9), ("medtop:11000000", 0.4)], 300);
        let of = |id: &str| strengths.iter().find(|(v, _)| v == id).map(|(_, s)| *s);
        assert_eq!(of("medtop:11000000"), of("medtop:20000574"));
        assert!(of("medtop:20000574") > Some(25));
        let short = topic_strengths([("medtop:11000000", 0.9)], 5);
        let long = topic_strengths([("medtop:11000000", 0.9)], 500);
        let weak = topic_strengths([("medtop:11000000", 0.2)], 500);
        assert!(short[0].1 < long[0].1 && weak[0].1 < long[0].1);
        assert!(short
            .iter()
            .chain(&long)
            .all(|(_, s)| (1..=TOPIC_STRENGTH_STEPS).contains(s)));
    }
}
