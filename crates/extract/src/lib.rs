//! Offline extraction of the people, places, organisations and topics that a
//! news article names.
//!
//! This crate knows nothing of tantivy: text goes in, an [`Extraction`] comes
//! out. The indexer stores what it returns as facets; the query crate uses
//! [`names`] to match user-typed names against those facets and [`Taxonomy`]
//! to resolve topic names. All data (first names, common words, places, the
//! IPTC Media Topics table) is embedded in the binary; see `data/NOTICE.md`.
//!
//! ```
//! use dateline_extract::{extract, ArticleText};
//!
//! let article = ArticleText {
//!     title: "",
//!     lead: "President Vladimir Putin met US envoy Steve Witkoff in Moscow.",
//!     body: "Putin said the talks were useful.",
//!     credits: &[],
//! };
//! let found = extract(&article);
//! let names: Vec<&str> = found.people.iter().map(|p| p.name.as_str()).collect();
//! assert_eq!(names, ["Vladimir Putin", "Steve Witkoff"]);
//! assert_eq!(found.people[0].mentions, 2);
//! assert!(found.places.iter().any(|p| p.name == "Moscow"));
//! ```

mod data;
mod entities;
pub mod language;
mod lexicon;
pub mod names;
pub mod resolve;
pub mod text;
mod tokens;
mod topics;

use serde::{Deserialize, Serialize};

pub use topics::{Taxonomy, TopicConcept, TopicError};

/// The parts of an article that extraction reads.
///
/// `credits` are photo credits ("Image: Keystone/EPA/Kristina Kormilitsina"):
/// kept out of the searchable body by the parser, but still read for names.
#[derive(Debug, Clone, Copy)]
pub struct ArticleText<'a> {
    /// The headline, or an empty string when the article has none.
    pub title: &'a str,
    /// The lead paragraph.
    pub lead: &'a str,
    /// The remaining paragraphs and subheadings, separated by blank lines.
    pub body: &'a str,
    /// Photo credits with their `Image:` prefix removed.
    pub credits: &'a [String],
}

/// A person named in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The fullest form of the name found in the article.
    pub name: String,
    /// How many times the person is mentioned, in any form.
    pub mentions: u32,
}

/// A place named in an article, normalised to one name per place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The normalised name (`Kyiv` for both "Kiev" and "Kyiv").
    pub name: String,
    /// The surface forms found in the text, in order of first appearance.
    pub forms: Vec<String>,
}

/// An IPTC Media Topic assigned to an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    /// The qcode, e.g. `medtop:11000000`.
    pub id: String,
    /// The English label, e.g. `politics and government`.
    pub label: String,
    /// Labels from the top level down to this topic.
    pub path: Vec<String>,
    /// Relative strength of the evidence, in `0..=1`; the list is best first.
    pub score: f32,
}

/// Everything extraction found in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// People, most mentioned first.
    pub people: Vec<Person>,
    /// Places, most mentioned first.
    pub places: Vec<Place>,
    /// Organisations, most mentioned first.
    pub organizations: Vec<String>,
    /// Topics, best first; at least one top-level topic when any evidence exists.
    pub topics: Vec<Topic>,
}

/// Builds the embedded word lists, gazetteer and topic model now, three at
/// a time on scoped threads, instead of on first use: the first articles to
/// be extracted would otherwise wait while one thread builds them all
/// (about 50 ms of CPU). Calling it again, or extracting meanwhile, is safe:
/// each table is built once.
///
/// ```
/// dateline_extract::load_tables();
/// ```
pub fn load_tables() {
    std::thread::scope(|scope| {
        scope.spawn(|| {
            data::lists();
            lexicon::sets();
        });
        scope.spawn(|| lexicon::word_class(""));
        topics::load_model();
    });
}

/// Extracts people, places, organisations and topics from one article.
pub fn extract(article: &ArticleText<'_>) -> Extraction {
    Extraction {
        topics: topics::classify(article),
        ..extract_names(article)
    }
}

/// Extracts what holds for an article in `language` (an ISO 639-1 code,
/// `None` when not known): everything for English and for an unknown
/// language; for another language only the places the gazetteer knows, as
/// the name rules and the topic model are English (a German article's
/// capitalised nouns are not people, and its words are not the topic
/// model's).
///
/// ```
/// use dateline_extract::{extract_in, ArticleText};
/// let lead = "Bundeskanzler Olaf Scholz hat am Dienstag in Berlin mit Vertretern \
///     der Landwirtschaft über die Hilfen nach dem Hochwasser gesprochen.";
/// let article = ArticleText { title: "", lead, body: "", credits: &[] };
/// let german = extract_in(&article, Some("de"));
/// assert!(german.people.is_empty() && german.topics.is_empty());
/// assert_eq!(german.places[0].name, "Berlin");
/// ```
pub fn extract_in(article: &ArticleText<'_>, language: Option<&str>) -> Extraction {
    if language::reads_as_english(language) {
        return extract(article);
    }
    Extraction {
        places: extract_names(article).places,
        people: Vec::new(),
        organizations: Vec::new(),
        topics: Vec::new(),
    }
}

/// Extracts people, places and organisations alone, with no topics. One
/// pass over the article's capitalised runs finds all three, so this is
/// also what finding people costs.
pub fn extract_names(article: &ArticleText<'_>) -> Extraction {
    let doc = tokens::Document::new(article);
    let entities = entities::find(&doc);
    Extraction {
        people: entities.people,
        places: entities.places,
        organizations: entities.organizations,
        topics: Vec::new(),
    }
}

/// The normalised name of a place as a user may type it ("Kiev", "kyiv",
/// "USA"), or `None` when the gazetteer does not know it.
///
/// ```
/// assert_eq!(dateline_extract::canonical_place("Kiev"), Some("Kyiv"));
/// assert_eq!(dateline_extract::canonical_place("usa"), Some("United States"));
/// ```
pub fn canonical_place(typed: &str) -> Option<&'static str> {
    entities::canonical_place(typed)
}

/// Classifies an article into IPTC Media Topics alone (what [`extract`] does
/// for `topics`), for callers and benchmarks that need nothing else.
pub fn classify_topics(article: &ArticleText<'_>) -> Vec<Topic> {
    topics::classify(article)
}
