//! IPTC Media Topics: the taxonomy (embedded from `data/iptc_topics.tsv`),
//! name resolution for users, and a lexicon classifier.
//!
//! The classifier scores each of the 17 top-level topics by the words of a
//! hand-kept cue lexicon and of the taxonomy's own labels, and adds a
//! second-level topic when its label occurs in the text more than once. It is
//! the first working shape; a trained linear model is tracked as its own issue.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use crate::data::IPTC_TOPICS;
use crate::{ArticleText, Topic};

/// One concept of the IPTC Media Topics vocabulary.
#[derive(Debug, Clone)]
pub struct TopicConcept {
    /// The qcode, e.g. `medtop:16000000`.
    pub id: &'static str,
    /// The broader concept's qcode; `None` for the 17 top-level topics.
    pub parent: Option<&'static str>,
    /// The English label.
    pub label: &'static str,
    /// The taxonomy's definition.
    pub definition: &'static str,
}

/// Why a topic name did not resolve to exactly one concept.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TopicError {
    /// Nothing in the taxonomy has that name.
    #[error("unknown topic `{name}`{}", suggest(.suggestions))]
    Unknown {
        /// What the user typed.
        name: String,
        /// Labels that are close.
        suggestions: Vec<String>,
    },
    /// Several concepts carry that word.
    #[error("ambiguous topic `{name}`: could be {}", .candidates.join(", "))]
    Ambiguous {
        /// What the user typed.
        name: String,
        /// The labels it could mean.
        candidates: Vec<String>,
    },
}

fn suggest(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(": did you mean {}?", suggestions.join(", "))
    }
}

/// The IPTC Media Topics taxonomy (active concepts of release 2025-10-09).
pub struct Taxonomy {
    concepts: Vec<TopicConcept>,
    by_id: HashMap<&'static str, usize>,
}

impl Taxonomy {
    /// The embedded taxonomy, parsed once.
    pub fn get() -> &'static Taxonomy {
        static TAXONOMY: OnceLock<Taxonomy> = OnceLock::new();
        TAXONOMY.get_or_init(|| {
            let mut concepts = Vec::new();
            for line in IPTC_TOPICS.lines() {
                let mut cols = line.split('\t');
                let (Some(id), Some(parent), Some(label)) = (cols.next(), cols.next(), cols.next())
                else {
                    continue;
                };
                concepts.push(TopicConcept {
                    id,
                    parent: (!parent.is_empty()).then_some(parent),
                    label,
                    definition: cols.next().unwrap_or(""),
                });
            }
            let by_id = concepts
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id, i))
                .collect();
            Taxonomy { concepts, by_id }
        })
    }

    /// All concepts.
    pub fn concepts(&self) -> &[TopicConcept] {
        &self.concepts
    }

    /// The concept with this qcode.
    pub fn concept(&self, id: &str) -> Option<&TopicConcept> {
        self.by_id.get(id).map(|&i| &self.concepts[i])
    }

    /// The qcodes from the top level down to `id` (inclusive).
    pub fn ancestry(&self, id: &str) -> Vec<&'static str> {
        let mut chain = Vec::new();
        let mut current = self.concept(id);
        while let Some(concept) = current {
            chain.push(concept.id);
            if chain.len() > 8 {
                break;
            }
            current = concept.parent.and_then(|p| self.concept(p));
        }
        chain.reverse();
        chain
    }

    /// Builds the [`Topic`] value for a qcode and score.
    pub fn topic(&self, id: &str, score: f32) -> Option<Topic> {
        let concept = self.concept(id)?;
        Some(Topic {
            id: concept.id.to_string(),
            label: concept.label.to_string(),
            path: self
                .ancestry(id)
                .into_iter()
                .filter_map(|a| self.concept(a).map(|c| c.label.to_string()))
                .collect(),
            score,
        })
    }

    /// Resolves what a user typed: a qcode (`medtop:11000000`), a label
    /// (`politics and government`) or an unambiguous word of a label
    /// (`politics`, `war`). A word shared by several labels resolves to the
    /// top-level topic when exactly one top-level label has it.
    ///
    /// ```
    /// use dateline_extract::Taxonomy;
    /// let taxonomy = Taxonomy::get();
    /// assert_eq!(taxonomy.resolve("politics").unwrap().id, "medtop:11000000");
    /// assert_eq!(taxonomy.resolve("medtop:16000000").unwrap().label, "conflict, war and peace");
    /// assert!(taxonomy.resolve("zzzz").is_err());
    /// ```
    pub fn resolve(&self, name: &str) -> Result<&TopicConcept, TopicError> {
        let wanted = name.trim().to_lowercase();
        if let Some(concept) = self.concept(&wanted) {
            return Ok(concept);
        }
        if let Some(concept) = self
            .concepts
            .iter()
            .find(|c| c.label.eq_ignore_ascii_case(&wanted))
        {
            return Ok(concept);
        }
        let candidates: Vec<&TopicConcept> = self
            .concepts
            .iter()
            .filter(|c| label_words(c.label).any(|w| w == wanted))
            .collect();
        let top: Vec<&&TopicConcept> = candidates.iter().filter(|c| c.parent.is_none()).collect();
        match (candidates.len(), top.len()) {
            (1, _) => Ok(candidates[0]),
            (_, 1) => Ok(top[0]),
            (0, _) => Err(TopicError::Unknown {
                name: name.to_string(),
                suggestions: self.closest(&wanted),
            }),
            _ => Err(TopicError::Ambiguous {
                name: name.to_string(),
                candidates: candidates
                    .iter()
                    .take(12)
                    .map(|c| c.label.to_string())
                    .collect(),
            }),
        }
    }

    fn closest(&self, wanted: &str) -> Vec<String> {
        let mut scored: Vec<(usize, &str)> = self
            .concepts
            .iter()
            .filter(|c| c.parent.is_none())
            .map(|c| {
                let best = label_words(c.label)
                    .map(|w| crate::text::edit_distance(w, wanted))
                    .min()
                    .unwrap_or(usize::MAX);
                (best, c.label)
            })
            .collect();
        scored.sort();
        scored
            .into_iter()
            .take(3)
            .map(|(_, l)| l.to_string())
            .collect()
    }
}

fn label_words(label: &str) -> impl Iterator<Item = &str> {
    label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2 && !matches!(*w, "and" | "the" | "for" | "general"))
}

/// Cue words for each top-level topic, beyond the words of its labels.
const CUES: &[(&str, &[&str])] = &[
    (
        "medtop:01000000",
        &[
            "film",
            "music",
            "album",
            "actor",
            "actress",
            "festival",
            "museum",
            "artist",
            "novel",
            "book",
            "theatre",
            "television",
            "show",
            "singer",
            "band",
            "concert",
            "award",
            "oscar",
            "movie",
            "media",
            "newspaper",
            "broadcaster",
            "art",
            "game",
            "games",
            "comedy",
            "star",
        ],
    ),
    (
        "medtop:02000000",
        &[
            "police",
            "court",
            "trial",
            "judge",
            "murder",
            "arrested",
            "arrest",
            "charged",
            "prison",
            "jail",
            "crime",
            "criminal",
            "lawyer",
            "prosecutor",
            "sentenced",
            "guilty",
            "fraud",
            "drug",
            "drugs",
            "investigation",
            "law",
            "legal",
            "suspect",
            "killed",
            "shooting",
            "theft",
            "stolen",
            "lawsuit",
            "ruling",
        ],
    ),
    (
        "medtop:03000000",
        &[
            "earthquake",
            "flood",
            "floods",
            "fire",
            "wildfire",
            "crash",
            "accident",
            "hurricane",
            "storm",
            "disaster",
            "explosion",
            "rescue",
            "emergency",
            "victims",
            "injured",
            "tsunami",
            "collapse",
            "derailment",
            "cyclone",
            "evacuated",
            "died",
            "dead",
            "survivors",
        ],
    ),
    (
        "medtop:04000000",
        &[
            "company",
            "market",
            "shares",
            "bank",
            "economy",
            "economic",
            "profit",
            "sales",
            "trade",
            "prices",
            "inflation",
            "investors",
            "billion",
            "million",
            "dlrs",
            "pct",
            "revenue",
            "stock",
            "oil",
            "gas",
            "business",
            "firm",
            "tax",
            "growth",
            "imports",
            "exports",
            "rate",
            "rates",
            "earnings",
            "quarter",
            "debt",
            "budget",
            "tonnes",
            "dividend",
            "merger",
            "acquisition",
            "corp",
        ],
    ),
    (
        "medtop:05000000",
        &[
            "school",
            "schools",
            "university",
            "students",
            "student",
            "teachers",
            "teacher",
            "education",
            "exam",
            "exams",
            "pupils",
            "college",
            "curriculum",
            "tuition",
        ],
    ),
    (
        "medtop:06000000",
        &[
            "climate",
            "environment",
            "environmental",
            "pollution",
            "emissions",
            "carbon",
            "species",
            "wildlife",
            "conservation",
            "forest",
            "warming",
            "endangered",
            "recycling",
            "biodiversity",
        ],
    ),
    (
        "medtop:07000000",
        &[
            "health",
            "hospital",
            "disease",
            "virus",
            "patients",
            "doctors",
            "medical",
            "vaccine",
            "covid",
            "pandemic",
            "cancer",
            "treatment",
            "drug",
            "outbreak",
            "infection",
            "cases",
            "coronavirus",
            "medicine",
            "nhs",
        ],
    ),
    (
        "medtop:08000000",
        &[
            "animal",
            "baby",
            "birthday",
            "celebrity",
            "wedding",
            "zoo",
            "dog",
            "cat",
            "pet",
            "oldest",
            "record",
        ],
    ),
    (
        "medtop:09000000",
        &[
            "workers",
            "union",
            "unions",
            "strike",
            "jobs",
            "unemployment",
            "employment",
            "wage",
            "wages",
            "labour",
            "pension",
            "employees",
            "layoffs",
            "jobless",
        ],
    ),
    (
        "medtop:10000000",
        &[
            "holiday",
            "travel",
            "tourism",
            "food",
            "restaurant",
            "fashion",
            "hobby",
            "leisure",
            "recipe",
            "tourists",
        ],
    ),
    (
        "medtop:11000000",
        &[
            "government",
            "minister",
            "president",
            "election",
            "elections",
            "parliament",
            "party",
            "vote",
            "voters",
            "political",
            "politics",
            "policy",
            "senate",
            "congress",
            "prime",
            "campaign",
            "opposition",
            "diplomatic",
            "talks",
            "sanctions",
            "leader",
            "referendum",
            "candidate",
            "coalition",
            "legislation",
            "administration",
            "kremlin",
            "cabinet",
            "mp",
            "mps",
            "democrats",
            "republicans",
            "labour",
            "tory",
            "tories",
            "envoy",
            "foreign",
            "negotiations",
            "summit",
            "diplomacy",
        ],
    ),
    (
        "medtop:12000000",
        &[
            "church",
            "religious",
            "religion",
            "pope",
            "muslim",
            "muslims",
            "christian",
            "islam",
            "islamic",
            "catholic",
            "mosque",
            "bishop",
            "faith",
            "jewish",
            "temple",
            "priest",
            "vatican",
        ],
    ),
    (
        "medtop:13000000",
        &[
            "technology",
            "software",
            "internet",
            "computer",
            "scientists",
            "research",
            "researchers",
            "study",
            "space",
            "nasa",
            "mobile",
            "phone",
            "digital",
            "online",
            "web",
            "data",
            "satellite",
            "science",
            "scientific",
            "microsoft",
            "google",
            "apple",
            "asteroid",
            "telescope",
            "users",
            "broadband",
            "computers",
            "games",
            "gaming",
        ],
    ),
    (
        "medtop:14000000",
        &[
            "family",
            "families",
            "children",
            "community",
            "social",
            "immigration",
            "migrants",
            "refugees",
            "poverty",
            "homeless",
            "charity",
            "welfare",
            "women",
            "discrimination",
            "rights",
            "protest",
            "protesters",
        ],
    ),
    (
        "medtop:15000000",
        &[
            "match",
            "game",
            "season",
            "team",
            "player",
            "players",
            "coach",
            "league",
            "cup",
            "championship",
            "win",
            "won",
            "goal",
            "goals",
            "club",
            "olympic",
            "olympics",
            "tournament",
            "final",
            "football",
            "soccer",
            "tennis",
            "cricket",
            "rugby",
            "race",
            "medal",
            "champion",
            "striker",
            "injury",
            "squad",
            "sport",
            "sports",
            "scored",
        ],
    ),
    (
        "medtop:16000000",
        &[
            "war",
            "military",
            "troops",
            "army",
            "attack",
            "attacks",
            "soldiers",
            "forces",
            "fighting",
            "peace",
            "conflict",
            "ceasefire",
            "bomb",
            "bombing",
            "missile",
            "missiles",
            "invasion",
            "terrorist",
            "terrorism",
            "rebels",
            "weapons",
            "nato",
            "defence",
            "defense",
            "killed",
            "drones",
            "airstrike",
            "militants",
            "aggression",
            "occupation",
            "surrender",
            "deterrence",
            "sabotage",
        ],
    ),
    (
        "medtop:17000000",
        &[
            "weather",
            "rain",
            "snow",
            "temperatures",
            "temperature",
            "forecast",
            "storm",
            "winds",
            "heatwave",
            "drought",
            "meteorological",
        ],
    ),
];

/// What one word says about topics.
#[derive(Default)]
struct Cue {
    /// (top-level index, weight) pairs.
    tops: Vec<(usize, f32)>,
    /// A second-level concept whose one-word label this is.
    second_level: Option<&'static str>,
}

/// Longest word the lexicon is asked about.
const MAX_CUE_LEN: usize = 24;

/// [`BYTE_CLASS`] of a byte that separates words.
const SEPARATOR: u8 = 0;
/// [`BYTE_CLASS`] of a byte of a non-ASCII character.
const NON_ASCII: u8 = 0xFF;

/// Per byte: its lower-case form for ASCII letters and digits, else
/// [`SEPARATOR`] or [`NON_ASCII`].
static BYTE_CLASS: [u8; 256] = {
    let mut table = [SEPARATOR; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte >= 0x80 {
            NON_ASCII
        } else if byte.is_ascii_alphanumeric() {
            byte.to_ascii_lowercase()
        } else {
            SEPARATOR
        };
        b += 1;
    }
    table
};

struct Lexicon {
    /// Word (and its plural), as ASCII bytes, to what it says; one lookup
    /// per word of text.
    words: HashMap<Box<[u8]>, Cue>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let taxonomy = Taxonomy::get();
        let mut tops: HashMap<&'static str, Vec<(usize, f32)>> = HashMap::default();
        for (top, (_, cues)) in CUES.iter().enumerate() {
            for &cue in cues.iter() {
                tops.entry(cue).or_default().push((top, 1.0));
            }
        }
        let top_index: HashMap<&str, usize> = CUES
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        let mut second_level: HashMap<String, &'static str> = HashMap::default();
        for concept in taxonomy.concepts() {
            let ancestry = taxonomy.ancestry(concept.id);
            let Some(&top) = ancestry.first().and_then(|t| top_index.get(t)) else {
                continue;
            };
            for word in label_words(concept.label) {
                let entry = tops.entry(word).or_default();
                if !entry.iter().any(|(t, _)| *t == top) {
                    entry.push((top, 0.5));
                }
            }
            if ancestry.len() == 2 && !concept.label.contains([',', '(']) {
                second_level.insert(concept.label.to_lowercase(), concept.id);
            }
        }
        let key = |word: &str| -> Box<[u8]> { word.as_bytes().into() };
        let mut words: HashMap<Box<[u8]>, Cue> = HashMap::default();
        for (word, pairs) in tops {
            // Plurals share the singular's cue ("wars", "elections"); an
            // explicit entry for the plural wins.
            if word.len() > 3 && !word.ends_with('s') {
                words.entry(key(&format!("{word}s"))).or_default().tops = pairs.clone();
            }
            words.entry(key(word)).or_default().tops = pairs;
        }
        for (label, id) in second_level {
            words.entry(key(&label)).or_default().second_level = Some(id);
        }
        Lexicon { words }
    })
}

/// Scores the article against the top-level topics and returns the best
/// ones, with second-level topics whose labels the text repeats.
pub(crate) fn classify(article: &ArticleText<'_>) -> Vec<Topic> {
    let lexicon = lexicon();
    let taxonomy = Taxonomy::get();
    let mut scores = [0f32; 17];
    let mut second: HashMap<&'static str, u32> = HashMap::default();
    let mut total_words = 0u32;
    let mut score_word = |word: &[u8], weight: f32| {
        let Some(cue) = lexicon.words.get(word) else {
            return;
        };
        for &(top, w) in &cue.tops {
            scores[top] += w * weight / cue.tops.len() as f32;
        }
        if let Some(id) = cue.second_level {
            *second.entry(id).or_default() += 1;
        }
    };
    // Words are read byte by byte into a small lower-case buffer. The lexicon
    // is ASCII, so a word with non-ASCII letters is counted but not looked up.
    let mut buffer = [0u8; MAX_CUE_LEN];
    for (weight, text) in [
        (2.0f32, article.title),
        (1.5, article.lead),
        (1.0, article.body),
    ] {
        let mut len = 0usize;
        let mut ascii = true;
        for &byte in text.as_bytes() {
            match BYTE_CLASS[byte as usize] {
                SEPARATOR => {
                    if len > 0 {
                        total_words += 1;
                        if ascii && (2..=MAX_CUE_LEN).contains(&len) {
                            score_word(&buffer[..len], weight);
                        }
                        len = 0;
                        ascii = true;
                    }
                }
                NON_ASCII => {
                    ascii = false;
                    len += 1;
                }
                lower => {
                    if len < MAX_CUE_LEN {
                        buffer[len] = lower;
                    }
                    len += 1;
                }
            }
        }
        if len > 0 {
            total_words += 1;
            if ascii && (2..=MAX_CUE_LEN).contains(&len) {
                score_word(&buffer[..len], weight);
            }
        }
    }
    if total_words == 0 {
        return Vec::new();
    }
    let best = scores.iter().copied().fold(0f32, f32::max);
    if best <= 0.0 {
        return Vec::new();
    }
    let mut ranked: Vec<(usize, f32)> = scores
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, s)| *s > 0.0)
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut topics = Vec::new();
    for (rank, (top, score)) in ranked.into_iter().enumerate() {
        let relative = score / best;
        if rank > 0 && (relative < 0.5 || rank >= 3) {
            break;
        }
        let id = CUES[top].0;
        if let Some(topic) = taxonomy.topic(id, relative) {
            topics.push(topic);
        }
        let mut children: Vec<(&str, u32)> = second
            .iter()
            .filter(|(child, count)| {
                **count >= 2 && taxonomy.concept(child).and_then(|c| c.parent) == Some(id)
            })
            .map(|(c, n)| (*c, *n))
            .collect();
        children.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        for (child, count) in children.into_iter().take(2) {
            let child_score = relative * (count as f32 / (count as f32 + 2.0));
            if let Some(topic) = taxonomy.topic(child, child_score) {
                topics.push(topic);
            }
        }
    }
    topics.sort_by(|a, b| b.score.total_cmp(&a.score));
    topics
}
