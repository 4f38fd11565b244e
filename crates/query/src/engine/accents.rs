//! Words found whatever their accents: "Erdogan" finds the articles that
//! write "Erdoğan", and "café" those that write "cafe". The text fields
//! are analysed by tantivy's own `en_stem`, which keeps accents, so that
//! any tantivy client can read the index; rather than a second analysis,
//! a word's query also takes the terms of the index that differ from it
//! only by accents, found in the term dictionaries by an automaton.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use std::sync::Arc;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Searcher;

use rustc_hash::FxHashMap as HashMap;
use tantivy::query::{AutomatonWeight, EnableScoring, Query, Weight};
use tantivy_fst::Automaton;

use crate::marks::PrefixForms;

use crate::QueryError;
use dateline_extract::names::fold;

/// The terms of `fields` in the index that are `word` (as typed; `term`
/// is its stem) written with other accents, `term` itself left out; at
/// most `MAX_VARIANTS`. A stem is not the stem of the word without its
/// accents (Snowball counts "é" as no vowel: "Frédéric" and "Frederic",
/// "Nestlé" and "Nestle" stem apart), so three kinds of term are taken:
/// those that fold as `term` does, those that fold as the stem of the
/// word folded, and those that fold to a start of the word folded and are
/// the stem of that start and the rest of the word.
pub(super) fn variants(
    searcher: &Searcher,
    fields: &[Field],
    analyzer: &mut TextAnalyzer,
    word: &str,
    term: &str,
) -> Result<Vec<String>, QueryError> {
    let folded = fold(word);
    if folded.is_empty() || folded.contains(' ') {
        return Ok(Vec::new());
    }
    let stem = |text: &str, analyzer: &mut TextAnalyzer| {
        let mut stream = analyzer.token_stream(text);
        stream.advance().then(|| stream.token().text.clone())
    };
    let mut exact: Vec<String> = vec![fold(term)];
    exact.extend(stem(&folded, analyzer));
    exact.sort();
    exact.dedup();
    let mut candidates = BTreeSet::new();
    for segment in searcher.segment_readers() {
        for &field in fields {
            let index = segment.inverted_index(field)?;
            for target in &exact {
                let all = Folding {
                    target: target.as_bytes(),
                    shortest: target.len(),
                };
                stream_into(&index, &all, &mut candidates)?;
            }
            let starts = Folding {
                target: folded.as_bytes(),
                shortest: folded.len().saturating_sub(MAX_SUFFIX).max(2),
            };
            let mut starts_found = BTreeSet::new();
            stream_into(&index, &starts, &mut starts_found)?;
            for start in starts_found {
                let rest = &folded[fold(&start).len().min(folded.len())..];
                if stem(&format!("{start}{rest}"), analyzer).as_deref() == Some(start.as_str()) {
                    candidates.insert(start);
                }
            }
        }
    }
    candidates.remove(term);
    Ok(candidates.into_iter().take(MAX_VARIANTS).collect())
}

/// The most letters a stemmer takes off a word ("-ational"), and so how
/// much shorter than the word a stem of it may fold to.
const MAX_SUFFIX: usize = 7;

/// Adds the terms of `index` that `automaton` takes to `found` (at most
/// [`MAX_VARIANTS`] of them).
fn stream_into(
    index: &tantivy::InvertedIndexReader,
    automaton: &Folding<'_>,
    found: &mut BTreeSet<String>,
) -> Result<(), QueryError> {
    let mut terms = index
        .terms()
        .search(automaton)
        .into_stream()
        .map_err(|err| QueryError::Tantivy(err.into()))?;
    while found.len() < MAX_VARIANTS && terms.advance() {
        if let Ok(key) = std::str::from_utf8(terms.key()) {
            found.insert(key.to_string());
        }
    }
    Ok(())
}

/// Matches the terms that [`fold`] to `target` or to a start of it at
/// least `shortest` bytes long, byte by byte along the term dictionary: an
/// ASCII byte must be the target's next, a non-ASCII character's fold its
/// next bytes (none for a combining accent).
struct Folding<'a> {
    target: &'a [u8],
    shortest: usize,
}

/// How far into the target, and the bytes of a character begun.
#[derive(Clone, Copy)]
struct Step {
    at: usize,
    pending: [u8; 4],
    len: u8,
}

impl Automaton for Folding<'_> {
    type State = Option<Step>;

    fn start(&self) -> Option<Step> {
        Some(START)
    }

    fn is_match(&self, state: &Option<Step>) -> bool {
        state.is_some_and(|s| s.at >= self.shortest && s.len == 0)
    }

    fn can_match(&self, state: &Option<Step>) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Option<Step>, byte: u8) -> Option<Step> {
        advance(self.target, (*state)?, byte)
    }
}

/// The step after `byte` along `target`, or `None` when the term cannot
/// fold to it.
fn advance(target: &[u8], mut step: Step, byte: u8) -> Option<Step> {
    if step.len == 0 && byte.is_ascii() {
        let wanted = *target.get(step.at)?;
        return (byte.to_ascii_lowercase() == wanted).then_some(Step {
            at: step.at + 1,
            ..step
        });
    }
    step.pending[usize::from(step.len)] = byte;
    step.len += 1;
    let bytes = &step.pending[..usize::from(step.len)];
    let width = match bytes[0] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return None,
    };
    if bytes.len() < width {
        return Some(step);
    }
    let ch = std::str::from_utf8(bytes).ok()?.chars().next()?;
    let folded = fold_char(ch);
    let rest = target.get(step.at..)?;
    rest.starts_with(folded.as_bytes()).then_some(Step {
        at: step.at + folded.len(),
        pending: [0; 4],
        len: 0,
    })
}

const START: Step = Step {
    at: 0,
    pending: [0; 4],
    len: 0,
};

/// The terms a typed prefix means ([`PrefixForms`]) whatever their
/// accents, as an automaton over the term dictionary: terms that fold to
/// start with the prefix or with its stem, or fold to the prefix cut by up
/// to three letters.
#[derive(Debug)]
pub(super) struct FoldedPrefix {
    typed: Vec<u8>,
    stem: Option<Vec<u8>>,
    /// Lengths of `typed` (in bytes) at which a term may end.
    cut_ends: Vec<usize>,
}

/// Along the typed prefix and along its stem; a track past the end of
/// its prefix is `done`: every term from there on matches.
#[derive(Clone, Copy)]
pub(super) struct PrefixState {
    typed: Option<Step>,
    stem: Option<Step>,
}

const DONE: usize = usize::MAX;

impl FoldedPrefix {
    pub(super) fn new(forms: &PrefixForms) -> FoldedPrefix {
        let typed = fold(&forms.starts[0]);
        let stem = forms.starts.get(1).map(|stem| fold(stem).into_bytes());
        let cut_ends = forms
            .cuts
            .iter()
            .map(|cut| fold(cut))
            .filter(|cut| typed.starts_with(cut.as_str()))
            .map(|cut| cut.len())
            .collect();
        FoldedPrefix {
            typed: typed.into_bytes(),
            stem,
            cut_ends,
        }
    }
}

/// A track's step after `byte`: once past its prefix, done for good.
fn track(prefix: &[u8], step: Option<Step>, byte: u8) -> Option<Step> {
    let step = step?;
    if step.at == DONE {
        return Some(step);
    }
    let next = advance(prefix, step, byte)?;
    Some(if next.at == prefix.len() && next.len == 0 {
        Step { at: DONE, ..next }
    } else {
        next
    })
}

impl Automaton for FoldedPrefix {
    type State = PrefixState;

    fn start(&self) -> PrefixState {
        PrefixState {
            typed: Some(START),
            stem: self.stem.as_ref().map(|_| START),
        }
    }

    fn is_match(&self, state: &PrefixState) -> bool {
        let done = |track: Option<Step>| track.is_some_and(|s| s.at == DONE);
        done(state.typed)
            || done(state.stem)
            || state
                .typed
                .is_some_and(|s| s.len == 0 && self.cut_ends.contains(&s.at))
    }

    fn can_match(&self, state: &PrefixState) -> bool {
        state.typed.is_some() || state.stem.is_some()
    }

    fn will_always_match(&self, state: &PrefixState) -> bool {
        let done = |track: Option<Step>| track.is_some_and(|s| s.at == DONE);
        done(state.typed) || done(state.stem)
    }

    fn accept(&self, state: &PrefixState, byte: u8) -> PrefixState {
        PrefixState {
            typed: track(&self.typed, state.typed, byte),
            stem: self
                .stem
                .as_deref()
                .and_then(|stem| track(stem, state.stem, byte)),
        }
    }
}

/// The most terms of the index a phrase's last word may start: a bound on
/// the postings one phrase prefix reads.
pub(super) const MAX_PHRASE_PREFIX_TERMS: usize = 10_000;

/// The starts of the terms of `field` that a typed prefix means
/// ([`PrefixForms`], whatever their accents), each as short as it can be
/// and none a start of another: "erdog" gives "erdog" and "erdoğ" where the
/// index holds "erdogan" and "erdoğan". `Ok(None)` when the prefix starts
/// more than [`MAX_PHRASE_PREFIX_TERMS`] terms.
pub(super) fn prefix_starts(
    searcher: &Searcher,
    field: Field,
    forms: &PrefixForms,
) -> Result<Option<Vec<String>>, QueryError> {
    let automaton = FoldedPrefix::new(forms);
    let typed = fold(&forms.starts[0]);
    let stem = forms.starts.get(1).map(|stem| fold(stem));
    let mut starts = BTreeSet::new();
    let mut terms = 0;
    for segment in searcher.segment_readers() {
        let index = segment.inverted_index(field)?;
        let mut stream = index
            .terms()
            .search(&automaton)
            .into_stream()
            .map_err(|err| QueryError::Tantivy(err.into()))?;
        while stream.advance() {
            terms += 1;
            if terms > MAX_PHRASE_PREFIX_TERMS {
                return Ok(None);
            }
            if let Ok(term) = std::str::from_utf8(stream.key()) {
                starts.insert(shortest_start(term, &typed, stem.as_deref()));
            }
        }
    }
    let starts: Vec<String> = starts.into_iter().collect();
    Ok(Some(
        starts
            .iter()
            .filter(|start| {
                !starts
                    .iter()
                    .any(|other| other.len() < start.len() && start.starts_with(other.as_str()))
            })
            .cloned()
            .collect(),
    ))
}

/// The shortest start of `term` that folds to begin with `typed` or
/// `stem`; the whole term when none does (a term the prefix cut short is).
fn shortest_start(term: &str, typed: &str, stem: Option<&str>) -> String {
    let mut folded = String::new();
    for (at, ch) in term.char_indices() {
        folded.push_str(&fold_char(ch));
        if folded.starts_with(typed) || stem.is_some_and(|stem| folded.starts_with(stem)) {
            return term[..at + ch.len_utf8()].to_string();
        }
    }
    term.to_string()
}

/// A prefix searched whatever its accents ([`FoldedPrefix`]) in one field.
#[derive(Debug, Clone)]
pub(super) struct FoldedPrefixQuery {
    pub(super) field: Field,
    pub(super) automaton: Arc<FoldedPrefix>,
}

impl Query for FoldedPrefixQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AutomatonWeight::<FoldedPrefix>::new(
            self.field,
            Arc::clone(&self.automaton),
        )))
    }
}

/// One character as [`fold`] folds it: a Latin letter with accents its
/// ASCII letter (from a table), a combining accent nothing, others as
/// `fold` makes them.
fn fold_char(ch: char) -> std::borrow::Cow<'static, str> {
    if let Some(letter) = base_letters().get(&ch) {
        return std::borrow::Cow::Borrowed(LETTERS[usize::from(letter - b'a')]);
    }
    std::borrow::Cow::Owned(fold(&ch.to_string()))
}

const LETTERS: [&str; 26] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z",
];

/// The accented Latin letters (lower-case) and the ASCII letter each
/// folds to: Latin-1, Latin Extended-A and B, Latin Extended Additional.
fn base_letters() -> &'static HashMap<char, u8> {
    static BASES: OnceLock<HashMap<char, u8>> = OnceLock::new();
    BASES.get_or_init(|| {
        let ranges = [0xC0u32..=0x24F, 0x1E00..=0x1EFF];
        ranges
            .into_iter()
            .flatten()
            .filter_map(char::from_u32)
            .filter(|ch| ch.is_lowercase())
            .filter_map(|ch| match fold(&ch.to_string()).as_bytes() {
                [byte @ b'a'..=b'z'] => Some((ch, *byte)),
                _ => None,
            })
            .collect()
    })
}

/// The most spellings one word takes: a bound on the query's size.
const MAX_VARIANTS: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the automaton of `term` takes `other`.
    fn folds_as(term: &str, other: &str) -> bool {
        let target = fold(term);
        let automaton = Folding {
            target: target.as_bytes(),
            shortest: target.len(),
        };
        let mut state = automaton.start();
        for &byte in other.as_bytes() {
            state = automaton.accept(&state, byte);
        }
        automaton.is_match(&state)
    }

    /// Whether the automaton of `prefix` (analysed in English) takes `term`.
    fn prefix_takes(prefix: &str, term: &str) -> bool {
        let mut analyzer =
            dateline_indexer::analysis::stemmed(tantivy::tokenizer::Language::English);
        let automaton = FoldedPrefix::new(&PrefixForms::new(&mut analyzer, prefix));
        let mut state = automaton.start();
        for &byte in term.as_bytes() {
            state = automaton.accept(&state, byte);
        }
        automaton.is_match(&state)
    }

    #[test]
    fn a_prefix_takes_its_terms_whatever_their_accents() {
        for (prefix, term, takes) in [
            ("erdo", "erdoğan", true),
            ("erdo", "erdogan", true),
            ("erdoğ", "erdogan", true),
            ("negotiat", "negoti", true),
            ("negotiat", "negotiation", true),
            ("negotiat", "nego", false),
            ("negotiat", "negotiable", false),
            ("studies", "studi", true),
            ("erdo", "erd", false),
            ("erdo", "ardogan", false),
        ] {
            assert_eq!(prefix_takes(prefix, term), takes, "{prefix} {term}");
        }
    }

    #[test]
    fn terms_fold_as_the_word_whatever_their_accents() {
        for (term, other, same) in [
            ("erdogan", "erdoğan", true),
            ("erdoğan", "erdogan", true),
            ("erdogan", "érdögàn", true),
            ("cafe", "café", true),
            ("cafe", "cafe\u{301}", true),
            ("straße", "straße", true),
            ("erdogan", "erdogans", false),
            ("erdogan", "erdoga", false),
            ("straße", "strasse", false),
            ("nguyen", "nguyễn", true),
        ] {
            assert_eq!(folds_as(term, other), same, "{term} {other}");
        }
    }
}
