//! What the word lists say of a word, looked up once: the hand-kept lists
//! that shape the name finders (`data/words/`: roles and titles that precede
//! names, nationalities, calendar words, particles inside names, and the
//! words that make a capitalised phrase an organisation or a place) and the
//! gazetteers of given names and common words.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::data::{
    entries, CALENDAR, KNOWN_ORGS, LEADING_THING_WORDS, NATIONALITIES, ORG_WORDS, PARTICLES,
    SPEECH_VERBS, THING_ABBREVIATIONS, THING_WORDS, TITLES,
};
use crate::text::table_slot;

/// The word lists that are matched as written, as hash sets, built once
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
        particles: entries(PARTICLES).collect(),
        known_orgs: entries(KNOWN_ORGS).collect(),
        speech_verbs: entries(SPEECH_VERBS).collect(),
        thing_abbreviations: entries(THING_ABBREVIATIONS).collect(),
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
        (entries(TITLES).collect(), WordClass::TITLE),
        (entries(NATIONALITIES).collect(), WordClass::NATIONALITY),
        (entries(CALENDAR).collect(), WordClass::CALENDAR),
        (entries(ORG_WORDS).collect(), WordClass::ORG_WORD),
        (entries(THING_WORDS).collect(), WordClass::THING_WORD),
        (
            entries(LEADING_THING_WORDS).collect(),
            WordClass::LEADING_THING,
        ),
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
