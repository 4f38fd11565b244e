//! IPTC Media Topics: the taxonomy (embedded from `data/iptc_topics.tsv`),
//! name resolution for users, and the topic classifier.
//!
//! The classifier is a multinomial language model per top-level topic
//! (Dirichlet-smoothed naive Bayes, trained offline by
//! `scripts/train_topics.py` on labelled BBC and Reuters articles, the
//! taxonomy's own definitions and weakly labelled news, and embedded from
//! `data/topic_model.tsv`). One hash lookup per word of text; a second-level
//! topic is added under a chosen top-level one when its one-word label occurs
//! in the text more than once.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::sync::OnceLock;

use crate::data::{IPTC_TOPICS, TOPIC_MODEL};
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
    #[error("ambiguous topic `{name}`: could be {}", .candidates.join("; "))]
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
        format!(": did you mean {}?", suggestions.join("; "))
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
    /// // A word of a top-level label is that topic, not a sparse child
    /// // labelled with the word alone (the child by its qcode).
    /// assert_eq!(taxonomy.resolve("war").unwrap().id, "medtop:16000000");
    /// assert_eq!(taxonomy.resolve("economy").unwrap().id, "medtop:04000000");
    /// assert_eq!(taxonomy.resolve("crime").unwrap().id, "medtop:02000000");
    /// assert_eq!(taxonomy.resolve("election").unwrap().id, "medtop:20000574");
    /// ```
    pub fn resolve(&self, name: &str) -> Result<&TopicConcept, TopicError> {
        let wanted = name.trim().to_lowercase();
        if let Some(concept) = self.concept(&wanted) {
            return Ok(concept);
        }
        // A word of one top-level label means that topic, even where a
        // narrower concept is labelled with the word alone ("war" is
        // "conflict, war and peace", not its sparse child "war"; "economy"
        // is "economy, business and finance"): the narrower one by qcode.
        let mut top_level = self
            .concepts
            .iter()
            .filter(|c| c.parent.is_none() && label_words(c.label).any(|w| w == wanted));
        if let (Some(concept), None) = (top_level.next(), top_level.next()) {
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

/// Longest word the model is asked about.
const MAX_WORD_LEN: usize = 24;

use crate::text::{prefetch_line, table_slot, NON_ASCII, SEPARATOR, WORD_BYTES};

/// The top-level topics in the order of the model's columns.
const TOP_LEVEL: [&str; 17] = [
    "medtop:01000000",
    "medtop:02000000",
    "medtop:03000000",
    "medtop:04000000",
    "medtop:05000000",
    "medtop:06000000",
    "medtop:07000000",
    "medtop:08000000",
    "medtop:09000000",
    "medtop:10000000",
    "medtop:11000000",
    "medtop:12000000",
    "medtop:13000000",
    "medtop:14000000",
    "medtop:15000000",
    "medtop:16000000",
    "medtop:17000000",
];

/// How sharply the per-word log-likelihoods separate topics when they are
/// turned into scores: with [`SECOND_TOPIC_SHARE`], a further topic is kept
/// when it trails the best by less than about 0.48 nats per word (on the
/// Wikinews corpus the median gap between the best two is 0.82, so about one
/// article in five gets a second top-level topic).
const SHARPNESS: f32 = 2.5;
/// A further top-level topic is kept when its score is at least this share
/// of the best one's.
const SECOND_TOPIC_SHARE: f32 = 0.3;
/// At most this many top-level topics per article.
const MAX_TOP_LEVEL: usize = 3;

/// What one word says about topics.
#[derive(Clone, Copy, Default)]
struct WordEntry {
    /// Per top-level topic, the word's weight in tenths (the model file
    /// rounds weights to 0.1, so this is exact); all zero for a word that is
    /// only a second-level label. Padded to [`ROW_LANES`] so that adding a
    /// row is a whole number of vector operations.
    row: [u8; ROW_LANES],
    /// Whether the word is in the model (and so counts as a word read).
    scored: bool,
    /// Index + 1 in [`Model::second_level`] of the second-level concept
    /// whose one-word label this is; 0 for none.
    second_level: u16,
}

/// Lanes of a weight row: the 17 topics, padded.
const ROW_LANES: usize = 20;

/// A word of at most [`MAX_WORD_LEN`] ASCII bytes packed into three
/// integers, so that a lookup hashes and compares without touching the heap.
/// Words hold no zero byte, so the zero padding keeps them apart.
type WordKey = [u64; 3];

fn word_key(word: &[u8]) -> Option<WordKey> {
    if word.len() > MAX_WORD_LEN {
        return None;
    }
    let mut key = [0u64; 3];
    for (i, &byte) in word.iter().enumerate() {
        key[i / 8] |= u64::from(byte) << ((i % 8) * 8);
    }
    Some(key)
}

/// The model's words in an open-addressing table (linear probing) of
/// cache-line slots, key and entry together: a lookup reads one line, and
/// [`read_field`] asks for that line a few words ahead of using it. A map
/// with separate control bytes and 48-byte entries that straddle lines took
/// two or three cache misses per word on an archive, the largest cost of
/// topic classification.
#[derive(Default)]
struct WordTable {
    /// A power of two in length, at most half full; an all-zero key marks
    /// an empty slot (a word's key has a non-zero first byte).
    slots: Vec<WordSlot>,
}

#[derive(Clone, Copy, Default)]
#[repr(C, align(64))]
struct WordSlot {
    key: WordKey,
    entry: WordEntry,
}

impl WordTable {
    fn new(words: HashMap<WordKey, WordEntry>) -> WordTable {
        let size = (words.len() * 2).next_power_of_two().max(16);
        let mut table = WordTable {
            slots: vec![WordSlot::default(); size],
        };
        for (key, entry) in words {
            let mut at = table.home(&key);
            while table.slots[at].key != [0; 3] {
                at = (at + 1) & (size - 1);
            }
            table.slots[at] = WordSlot { key, entry };
        }
        table
    }

    /// Where `key`'s probe sequence starts.
    fn home(&self, key: &WordKey) -> usize {
        table_slot(key, self.slots.len().saturating_sub(1))
    }

    fn get(&self, key: &WordKey) -> Option<&WordEntry> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        loop {
            let slot = &self.slots[at];
            if slot.key == *key {
                return Some(&slot.entry);
            }
            if slot.key == [0; 3] {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    /// Asks the CPU to start loading `key`'s first slot.
    fn prefetch(&self, key: &WordKey) {
        if let Some(slot) = self.slots.get(self.home(key)) {
            prefetch_line(slot);
        }
    }

    /// The entries, in no order.
    #[cfg(test)]
    fn entries(&self) -> impl Iterator<Item = &WordEntry> {
        self.slots
            .iter()
            .filter(|slot| slot.key != [0; 3])
            .map(|slot| &slot.entry)
    }
}

/// The trained model (`data/topic_model.tsv`, written by
/// `scripts/train_topics.py`): per word, the log-likelihood ratio of each
/// top-level topic's language model against the background, and per topic a
/// constant added for every word read. See the script for the derivation.
struct Model {
    per_token: [f32; 17],
    words: WordTable,
    second_level: Vec<&'static str>,
}

/// The model file's weights are tenths; [`WordEntry::row`] holds them as
/// integers.
const WEIGHT_SCALE: f32 = 10.0;

/// Builds the topic model (and the taxonomy it reads) if not yet built.
pub(crate) fn load_model() {
    model();
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let mut model = Model {
            per_token: [0.0; 17],
            words: WordTable::default(),
            second_level: Vec::new(),
        };
        let mut words: HashMap<WordKey, WordEntry> = HashMap::default();
        for line in TOPIC_MODEL.lines() {
            let Some((word, cells)) = line.split_once('\t') else {
                continue;
            };
            if word == "per_token" {
                for (slot, value) in model.per_token.iter_mut().zip(cells.split(' ')) {
                    *slot = value.parse().unwrap_or(0.0);
                }
                continue;
            }
            let mut entry = WordEntry {
                scored: true,
                ..WordEntry::default()
            };
            for cell in cells.split(' ') {
                let Some((topic, weight)) = cell.split_once(':') else {
                    continue;
                };
                let (Ok(topic), Ok(weight)) = (topic.parse::<usize>(), weight.parse::<f32>())
                else {
                    continue;
                };
                if let Some(slot) = topic
                    .checked_sub(1)
                    .filter(|&t| t < TOP_LEVEL.len())
                    .and_then(|t| entry.row.get_mut(t))
                {
                    *slot = (weight * WEIGHT_SCALE).round().clamp(0.0, 255.0) as u8;
                }
            }
            if let Some(key) = word_key(word.as_bytes()) {
                words.insert(key, entry);
            }
        }
        let taxonomy = Taxonomy::get();
        for concept in taxonomy.concepts() {
            let is_second_level = concept
                .parent
                .and_then(|p| taxonomy.concept(p))
                .is_some_and(|p| p.parent.is_none());
            let label = concept.label.to_lowercase();
            if !is_second_level || !label.bytes().all(|b| b.is_ascii_alphanumeric()) {
                continue;
            }
            let Some(key) = word_key(label.as_bytes()) else {
                continue;
            };
            model.second_level.push(concept.id);
            words.entry(key).or_default().second_level = model.second_level.len() as u16;
        }
        model.words = WordTable::new(words);
        model
    })
}

/// Words of one field read for topics at most: the evidence has long
/// settled by then, and the integer sums cannot overflow (80 tenths per word
/// at most).
const MAX_FIELD_WORDS: u32 = 5_000_000;

/// What the words of one field add up to.
struct FieldSums {
    /// Per topic, the sum of the weight rows of the words read.
    sums: [u32; ROW_LANES],
    /// Words of the model read.
    words: u32,
}

/// Words looked up this many ahead of the one being added up: time for
/// their slots to arrive from memory.
const PREFETCH_AHEAD: usize = 4;

/// Reads one field byte by byte, lower-casing each word into a packed key
/// (collected in `keys`, a buffer reused across fields), then adds up the
/// model's rows; counts second-level labels into `second`. The model is
/// ASCII, so a word with non-ASCII letters is not looked up.
fn read_field(
    model: &Model,
    text: &str,
    keys: &mut Vec<WordKey>,
    second: &mut Vec<(u16, u32)>,
) -> FieldSums {
    keys.clear();
    let mut len = 0usize;
    let mut ascii = true;
    let mut key: WordKey = [0; 3];
    for &byte in text.as_bytes() {
        match WORD_BYTES[byte as usize] {
            SEPARATOR => {
                if ascii && (2..=MAX_WORD_LEN).contains(&len) {
                    keys.push(key);
                }
                len = 0;
                ascii = true;
                key = [0; 3];
            }
            NON_ASCII => {
                ascii = false;
                len += 1;
            }
            lower => {
                if len < MAX_WORD_LEN {
                    key[len / 8] |= u64::from(lower) << ((len % 8) * 8);
                }
                len += 1;
            }
        }
    }
    if ascii && (2..=MAX_WORD_LEN).contains(&len) {
        keys.push(key);
    }
    let mut field = FieldSums {
        sums: [0; ROW_LANES],
        words: 0,
    };
    for key in keys.iter().take(PREFETCH_AHEAD) {
        model.words.prefetch(key);
    }
    for (i, key) in keys.iter().enumerate() {
        if let Some(ahead) = keys.get(i + PREFETCH_AHEAD) {
            model.words.prefetch(ahead);
        }
        let Some(entry) = model.words.get(key) else {
            continue;
        };
        if entry.scored && field.words < MAX_FIELD_WORDS {
            field.words += 1;
            for (sum, &w) in field.sums.iter_mut().zip(&entry.row) {
                *sum += u32::from(w);
            }
        }
        if entry.second_level > 0 {
            match second.iter_mut().find(|(s, _)| *s == entry.second_level) {
                Some((_, count)) => *count += 1,
                None => second.push((entry.second_level, 1)),
            }
        }
    }
    field
}

thread_local! {
    /// The word keys of the field being read: one buffer per thread, kept
    /// warm in the cache (a new one per article was memory written for the
    /// first time, a cache miss per line).
    static KEYS: RefCell<Vec<WordKey>> = const { RefCell::new(Vec::new()) };
}

/// Scores the article against the 17 top-level topics with the trained
/// model and returns the best ones, each followed by second-level topics
/// whose one-word labels the text repeats.
pub(crate) fn classify(article: &ArticleText<'_>) -> Vec<Topic> {
    let model = model();
    let taxonomy = Taxonomy::get();
    // Per field, integer sums of weight tenths (a row add per word, no
    // multiply), then weighted by field: title 2, lead 1.5, body 1 (as
    // halves: 4, 3, 2).
    let mut sums = [0u64; ROW_LANES];
    let mut words_read = 0u64;
    let mut second: Vec<(u16, u32)> = Vec::new();
    KEYS.with_borrow_mut(|keys| {
        for (field_weight, text) in [(4u64, article.title), (3, article.lead), (2, article.body)] {
            let field = read_field(model, text, keys, &mut second);
            words_read += u64::from(field.words) * field_weight;
            for (sum, field_sum) in sums.iter_mut().zip(field.sums) {
                *sum += u64::from(field_sum) * field_weight;
            }
        }
    });
    if words_read == 0 {
        return Vec::new();
    }
    // Average log-likelihood per word, then a softmax with a fixed
    // sharpness, so that scores do not depend on the article's length.
    let mut scores = [0f32; TOP_LEVEL.len()];
    for (topic, score) in scores.iter_mut().enumerate() {
        *score = sums[topic] as f32 / (WEIGHT_SCALE * words_read as f32) + model.per_token[topic];
    }
    let best = scores.iter().copied().fold(f32::MIN, f32::max);
    let mut total = 0f32;
    for score in scores.iter_mut() {
        *score = ((*score - best) * SHARPNESS).exp();
        total += *score;
    }
    let mut ranked: Vec<(usize, f32)> = scores
        .iter()
        .enumerate()
        .map(|(topic, score)| (topic, score / total))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let best_share = ranked[0].1;
    let mut topics = Vec::new();
    for (rank, (top, share)) in ranked.into_iter().enumerate() {
        if rank >= MAX_TOP_LEVEL || (rank > 0 && share < SECOND_TOPIC_SHARE * best_share) {
            break;
        }
        let id = TOP_LEVEL[top];
        if let Some(topic) = taxonomy.topic(id, share) {
            topics.push(topic);
        }
        let mut children: Vec<(&str, u32)> = second
            .iter()
            .map(|&(index, count)| (model.second_level[usize::from(index) - 1], count))
            .filter(|(child, count)| {
                *count >= 2 && taxonomy.concept(child).and_then(|c| c.parent) == Some(id)
            })
            .collect();
        children.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        for (child, count) in children.into_iter().take(2) {
            let child_score = share * (count as f32 / (count as f32 + 2.0));
            if let Some(topic) = taxonomy.topic(child, child_score) {
                topics.push(topic);
            }
        }
    }
    topics.sort_by(|a, b| b.score.total_cmp(&a.score));
    topics
}

#[cfg(test)]
mod tests {
    use super::*;

    fn native(text: &str) -> (String, String) {
        let text = text.trim_start();
        let text = text.strip_prefix("date").unwrap_or(text).trim_start();
        let text = text.get(10..).unwrap_or("").trim_start();
        let (lead, body) = text.split_once("\n\n").unwrap_or((text, ""));
        (lead.to_string(), body.to_string())
    }

    fn top_labels(text: &str) -> Vec<String> {
        let (lead, body) = native(text);
        classify(&ArticleText {
            title: "",
            lead: &lead,
            body: &body,
            credits: &[],
        })
        .into_iter()
        .filter(|t| t.path.len() == 1)
        .map(|t| t.label)
        .collect()
    }

    #[test]
    fn the_word_table_finds_every_word_it_holds_and_no_other() {
        let key = |n: u32| word_key(format!("w{n}x").as_bytes());
        let mut words = HashMap::default();
        for n in 0..3_000u32 {
            let Some(key) = key(n) else {
                panic!("short word")
            };
            let mut entry = WordEntry::default();
            entry.row[0] = (n % 251) as u8;
            entry.second_level = (n % 7) as u16;
            words.insert(key, entry);
        }
        let table = WordTable::new(words);
        assert_eq!(table.entries().count(), 3_000);
        for n in 0..6_000u32 {
            let Some(key) = key(n) else {
                panic!("short word")
            };
            match table.get(&key) {
                Some(entry) => {
                    assert!(n < 3_000, "w{n}x is not in the table");
                    assert_eq!(entry.row[0], (n % 251) as u8);
                    assert_eq!(entry.second_level, (n % 7) as u16);
                }
                None => assert!(n >= 3_000, "w{n}x is missing"),
            }
        }
        assert!(WordTable::default().get(&[1, 0, 0]).is_none());
    }

    #[test]
    fn every_word_of_the_model_file_is_looked_up_with_its_weights() {
        let model = model();
        let mut checked = 0;
        for line in TOPIC_MODEL.lines() {
            let Some((word, cells)) = line.split_once('\t') else {
                continue;
            };
            let Some(key) = word_key(word.as_bytes()).filter(|_| word != "per_token") else {
                continue;
            };
            let Some(entry) = model.words.get(&key) else {
                panic!("{word} is not found");
            };
            assert!(entry.scored, "{word}");
            let weights: u32 = entry.row.iter().map(|&w| u32::from(w)).sum();
            assert_eq!(weights > 0, cells.contains(':'), "{word}: {cells}");
            checked += 1;
        }
        assert!(checked > 10_000, "{checked} words");
    }

    #[test]
    fn model_loads_every_top_level_topic() {
        let model = model();
        let words = model.words.entries().count();
        assert!(words > 10_000, "{words} words");
        assert!(model.per_token.iter().all(|&p| p < 0.0));
        let mut seen = [false; 17];
        for entry in model.words.entries() {
            for (seen, &w) in seen.iter_mut().zip(&entry.row) {
                *seen |= w > 0;
            }
        }
        assert!(seen.iter().all(|&s| s), "a topic has no word: {seen:?}");
        for id in TOP_LEVEL {
            assert!(Taxonomy::get()
                .concept(id)
                .is_some_and(|c| c.parent.is_none()));
        }
    }

    #[test]
    fn seed_article_is_about_war_and_politics() {
        let labels = top_labels(include_str!(
            "../../../corpus/seed/000_07793343fe452d34.txt"
        ));
        let mut best_two = labels[..2].to_vec();
        best_two.sort();
        assert_eq!(
            best_two,
            ["conflict, war and peace", "politics and government"],
            "{labels:?}"
        );
    }

    #[test]
    fn corpus_articles_get_topics_without_labelled_training_data() {
        let cases = [
            (
                include_str!("../../../corpus/wikinews/hurricane-dorian-leaves-trail-of-destruction-in-the-bahamas.txt"),
                "disaster, accident and emergency incident",
            ),
            (
                include_str!("../../../corpus/wikinews/11-month-old-baby-finds-illegal-drugs-in-playground-in-british-columbia-canadian.txt"),
                "crime, law and justice",
            ),
        ];
        for (text, expected) in cases {
            let labels = top_labels(text);
            assert_eq!(
                labels.first().map(String::as_str),
                Some(expected),
                "{labels:?}"
            );
        }
    }

    #[test]
    fn scores_are_shares_best_first() {
        let topics = classify(&ArticleText {
            title: "Striker scores twice as City win the cup final",
            lead: "The league champions beat their rivals 2-0 in front of a record crowd.",
            body: "The coach praised the team and the players after the match.",
            credits: &[],
        });
        assert_eq!(topics[0].label, "sport");
        assert!(topics.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(topics.iter().all(|t| (0.0..=1.0).contains(&t.score)));
        assert!(classify(&ArticleText {
            title: "",
            lead: "",
            body: "",
            credits: &[]
        })
        .is_empty());
    }
}
