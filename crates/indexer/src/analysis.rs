//! The text analyzer the indexer writes with: tantivy's `en_stem` in one
//! pass, with a cache in front of the stemmer.
//!
//! Analysing text is the largest part of indexing it in tantivy, and
//! `en_stem` is four stages, each a token stream over the one before:
//! splitting on non-alphanumeric characters (decoding every character, ASCII
//! too), dropping long words, lower-casing, and Snowball stemming, which
//! uncached took a sixth of Dateline's indexing CPU on Reuters-21578, though
//! a news archive repeats a small vocabulary: most words were stemmed before.
//! [`cached_en_stem`] does the four in one loop over the bytes, decoding
//! only non-ASCII characters, and stems through a cache (one per thread, a
//! flat table of which a lookup reads one slot). It gives exactly the
//! tokens of tantivy's built-in `en_stem` (text, offsets and positions; tests
//! compare them on real articles and on generated text), so the index stays
//! readable by any tantivy client that knows `en_stem`, and queries need no
//! custom registration.

use crate::schema;
use dateline_extract::text::{prefetch_line, table_slot, NON_ASCII, SEPARATOR, WORD_BYTES};
use std::cell::RefCell;
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    Token, TokenStream, Tokenizer,
};

/// Words of this many bytes or more are dropped, as by tantivy's `en_stem`
/// (`RemoveLongFilter::limit(40)`).
const MAX_TOKEN_LEN: usize = 40;

/// tantivy's `en_stem` in one pass: split on non-alphanumeric characters,
/// drop words of 40 bytes or more, lower-case, Snowball English stem
/// (through a cache).
pub fn cached_en_stem() -> TextAnalyzer {
    TextAnalyzer::from(EnStemTokenizer::default())
}

/// The analyzer of a [`schema::STEMMED_LANGUAGES`] language: tantivy's
/// `en_stem` with that language's Snowball stemmer.
pub fn stemmed(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(Stemmer::new(language))
        .build()
}

/// Registers on `index` the tokenizers its schema names beyond tantivy's
/// built-in ones: one per [`schema::STEMMED_LANGUAGES`] language. Every
/// opening of a Dateline index does this.
pub fn register_tokenizers(index: &tantivy::Index) {
    for (code, language) in schema::STEMMED_LANGUAGES {
        index
            .tokenizers()
            .register(&schema::stemmed_tokenizer(code), stemmed(*language));
    }
}

thread_local! {
    /// One stem cache per thread, shared by every field and segment the
    /// thread analyses: one copy of the vocabulary in the CPU's caches
    /// instead of one per field, kept across segments (at most 4 MiB, for
    /// the thread's life).
    static STEM_CACHE: RefCell<StemCache> = RefCell::new(StemCache::default());
}

/// The tokenizer of [`cached_en_stem`]; owns its token (stems come from the
/// thread's cache).
#[derive(Clone, Default)]
pub struct EnStemTokenizer {
    token: Token,
}

impl Tokenizer for EnStemTokenizer {
    type TokenStream<'a> = EnStemStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> EnStemStream<'a> {
        self.token.reset();
        EnStemStream {
            text,
            next: 0,
            ahead: None,
            token: &mut self.token,
        }
    }
}

/// The token stream of [`EnStemTokenizer`].
pub struct EnStemStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    next: usize,
    /// The word after the current one, found early so that its stem is on
    /// its way from memory while the current token is indexed.
    ahead: Option<(usize, usize, bool)>,
    token: &'a mut Token,
}

/// Whether the multi-byte character at byte `at` of `text` (a char
/// boundary) is alphanumeric, and its length in bytes.
fn decode_at(text: &str, at: usize) -> (bool, usize) {
    match text[at..].chars().next() {
        Some(ch) => (ch.is_alphanumeric(), ch.len_utf8()),
        None => (false, 1),
    }
}

impl EnStemStream<'_> {
    /// The next word of the text as `(start, end, ascii)` byte offsets, as
    /// tantivy's `SimpleTokenizer` splits it, or `None` at the end.
    fn next_word(&mut self) -> Option<(usize, usize, bool)> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut at = self.next;
        let start = loop {
            let Some(&byte) = bytes.get(at) else {
                self.next = bytes.len();
                return None;
            };
            match WORD_BYTES[usize::from(byte)] {
                SEPARATOR => at += 1,
                NON_ASCII => {
                    let (alphanumeric, width) = decode_at(text, at);
                    if alphanumeric {
                        break at;
                    }
                    at += width;
                }
                _ => break at,
            }
        };
        let mut ascii = true;
        let mut end = start;
        while let Some(&byte) = bytes.get(end) {
            match WORD_BYTES[usize::from(byte)] {
                SEPARATOR => break,
                NON_ASCII => {
                    let (alphanumeric, width) = decode_at(text, end);
                    if !alphanumeric {
                        break;
                    }
                    ascii = false;
                    end += width;
                }
                _ => end += 1,
            }
        }
        self.next = end;
        Some((start, end, ascii))
    }
}

impl TokenStream for EnStemStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some((start, end, ascii)) = self.ahead.take().or_else(|| self.next_word()) else {
                return false;
            };
            self.ahead = self.next_word();
            if let Some((start, end, true)) = self.ahead {
                prefetch_stem(&self.text.as_bytes()[start..end]);
            }
            // Every word counts for positions, dropped long ones too, as in
            // `SimpleTokenizer` followed by `RemoveLongFilter`.
            self.token.position = self.token.position.wrapping_add(1);
            if end - start >= MAX_TOKEN_LEN {
                continue;
            }
            let word = &self.text[start..end];
            let token = &mut *self.token;
            token.offset_from = start;
            token.offset_to = end;
            token.text.clear();
            if ascii {
                token.text.push_str(word);
                token.text.make_ascii_lowercase();
            } else {
                // As tantivy's `LowerCaser`: character by character, with no
                // special case for a final sigma.
                for ch in word.chars() {
                    token.text.extend(ch.to_lowercase());
                }
            }
            STEM_CACHE.with_borrow_mut(|cache| cache.stem_in_place(&mut token.text));
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Starts loading the cache slot of an ASCII word (any case) on this
/// thread, if the cache could hold it.
fn prefetch_stem(word: &[u8]) {
    if !(3..=CACHED_WORD_BYTES).contains(&word.len()) {
        return;
    }
    let mut key = [0; CACHED_WORD_BYTES];
    for (slot, byte) in key.iter_mut().zip(word) {
        *slot = byte.to_ascii_lowercase();
    }
    STEM_CACHE.with_borrow(|cache| {
        if !cache.slots.is_empty() {
            prefetch_line(&cache.slots[home_slot(&key, cache.slots.len() - 1)]);
        }
    });
}

/// Longest lower-case word, in bytes, whose stem the cache keeps; longer
/// words (rare in news) are stemmed every time.
const CACHED_WORD_BYTES: usize = 24;

/// Longest ending a cached stem adds to the part of its word it keeps.
const STEM_SUFFIX_BYTES: usize = 5;

/// Slots of a new cache (32 KiB).
const FIRST_SLOTS: usize = 1 << 10;
/// Most slots a cache grows to: at three quarters full, about 98,000 words
/// in 4 MiB; later new words are stemmed every time.
const MAX_SLOTS: usize = 1 << 17;

/// One cached word and its stem, in half a cache line: the stem is the
/// word's first `keep` bytes followed by `suffix` (Snowball English only
/// rewrites endings), so a lookup reads this slot and nothing else.
#[derive(Clone, Copy, Default)]
#[repr(C, align(32))]
struct Slot {
    /// The word, zero-padded.
    word: [u8; CACHED_WORD_BYTES],
    /// Length of the word in bytes; 0 marks an empty slot (cached words
    /// have three bytes or more).
    len: u8,
    keep: u8,
    suffix_len: u8,
    suffix: [u8; STEM_SUFFIX_BYTES],
}

impl Slot {
    /// The slot for `word` (zero-padded in `key`) and its `stem`, or `None`
    /// when the stem is not the word's start plus a short ending.
    fn new(key: [u8; CACHED_WORD_BYTES], word: &str, stem: &str) -> Option<Slot> {
        let mut keep = word
            .bytes()
            .zip(stem.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        // Keep whole characters: the ending then starts on a character
        // boundary of the stem too, as the bytes before it are the same.
        while !word.is_char_boundary(keep) {
            keep -= 1;
        }
        let ending = &stem.as_bytes()[keep..];
        if ending.len() > STEM_SUFFIX_BYTES {
            return None;
        }
        let mut suffix = [0; STEM_SUFFIX_BYTES];
        suffix[..ending.len()].copy_from_slice(ending);
        Some(Slot {
            word: key,
            len: u8::try_from(word.len()).ok()?,
            keep: u8::try_from(keep).ok()?,
            suffix_len: u8::try_from(ending.len()).ok()?,
            suffix,
        })
    }

    /// Turns `text`, the slot's word, into its stem.
    fn apply(&self, text: &mut String) {
        text.truncate(usize::from(self.keep));
        // Always valid: the ending was cut from a `str` at a character boundary.
        if let Ok(ending) = std::str::from_utf8(&self.suffix[..usize::from(self.suffix_len)]) {
            text.push_str(ending);
        }
    }
}

/// Where a word's probe sequence starts in a table of `mask + 1` slots.
fn home_slot(key: &[u8; CACHED_WORD_BYTES], mask: usize) -> usize {
    let mut parts = [0u64; CACHED_WORD_BYTES / 8];
    for (part, chunk) in parts.iter_mut().zip(key.chunks_exact(8)) {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(chunk);
        *part = u64::from_le_bytes(bytes);
    }
    table_slot(&parts, mask)
}

/// Stems of words seen before, in an open-addressing table of [`Slot`]s
/// (linear probing), and tantivy's stemmer for the others.
///
/// A general hash map of strings costs three or four cache misses per
/// lookup of a rare word (control bytes, entry, key, stem, each in its own
/// place); on Reuters-21578 those misses made the cached analyzer barely
/// faster than stemming every word.
struct StemCache {
    slots: Vec<Slot>,
    used: usize,
    stemmer: TextAnalyzer,
}

impl Default for StemCache {
    fn default() -> Self {
        StemCache {
            slots: Vec::new(),
            used: 0,
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }
}

impl StemCache {
    /// Replaces the lower-case word in `text` by its stem.
    fn stem_in_place(&mut self, text: &mut String) {
        // Snowball English leaves words under three letters as they are
        // ("not hop 3"): a third of news tokens ("of", "to", "a").
        if text.len() < 3 {
            return;
        }
        if text.len() > CACHED_WORD_BYTES {
            *text = self.stem(text);
            return;
        }
        let mut key = [0; CACHED_WORD_BYTES];
        key[..text.len()].copy_from_slice(text.as_bytes());
        if self.slots.is_empty() {
            self.slots = vec![Slot::default(); FIRST_SLOTS];
        }
        let mask = self.slots.len() - 1;
        let mut at = home_slot(&key, mask);
        loop {
            let slot = &self.slots[at];
            if slot.len == 0 {
                break;
            }
            if slot.word == key && usize::from(slot.len) == text.len() {
                slot.apply(text);
                return;
            }
            at = (at + 1) & mask;
        }
        let stem = self.stem(text);
        if let Some(slot) = Slot::new(key, text, &stem) {
            self.insert(slot);
        }
        *text = stem;
    }

    /// Snowball English stem of one lower-case word, uncached.
    fn stem(&mut self, word: &str) -> String {
        let mut stem = None;
        self.stemmer
            .token_stream(word)
            .process(&mut |token: &Token| stem = Some(token.text.clone()));
        // A raw token of a word is the word; the stemmer never drops one.
        stem.unwrap_or_else(|| word.to_string())
    }

    /// Adds a word known to be absent, growing the table up to
    /// [`MAX_SLOTS`]; a full cache stays as it is.
    fn insert(&mut self, slot: Slot) {
        if (self.used + 1) * 4 > self.slots.len() * 3 {
            if self.slots.len() >= MAX_SLOTS {
                return;
            }
            let grown = vec![Slot::default(); self.slots.len() * 2];
            let old = std::mem::replace(&mut self.slots, grown);
            for kept in old.into_iter().filter(|s| s.len != 0) {
                self.place(kept);
            }
        }
        self.place(slot);
        self.used += 1;
    }

    /// Puts `slot` in the first free place of its probe sequence.
    fn place(&mut self, slot: Slot) {
        let mask = self.slots.len() - 1;
        let mut at = home_slot(&slot.word, mask);
        while self.slots[at].len != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = slot;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenizerManager;

    fn builtin_en_stem() -> TextAnalyzer {
        let Some(builtin) = TokenizerManager::default().get(crate::schema::TEXT_TOKENIZER) else {
            panic!("tantivy has no en_stem");
        };
        builtin
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t: &Token| out.push(t.clone()));
        out
    }

    #[test]
    fn gives_the_tokens_of_tantivys_en_stem_on_the_corpus() {
        let mut builtin = builtin_en_stem();
        let mut cached = cached_en_stem();
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let mut compared = 0;
        // Twice over, so that the second pass reads every stem from the cache.
        for _ in 0..2 {
            for entry in walkdir::WalkDir::new(&corpus).into_iter().flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                let expected = tokens(&mut builtin, &text);
                assert_eq!(tokens(&mut cached, &text), expected, "{:?}", entry.path());
                compared += expected.len();
            }
        }
        assert!(compared > 100_000, "only {compared} tokens compared");
        let odd = "Überraschung! Naïve café-goers ran, running; runner's \
                   aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa generously 1987";
        assert_eq!(tokens(&mut cached, odd), tokens(&mut builtin, odd));
    }

    #[test]
    fn the_stem_cache_answers_as_the_stemmer_when_full() {
        // More distinct words than the cache keeps, so it grows to its
        // limit, stops adding, and later words are stemmed every time:
        // each answer is compared with an uncached stem, twice over.
        let mut reference = StemCache::default();
        let mut cache = StemCache::default();
        let stems = ["nation", "organ", "happi", "run", "cycl", "stud", "gener"];
        let endings = [
            "", "s", "ing", "ed", "ation", "ations", "ies", "ly", "ness", "izer", "fully",
        ];
        let mut words = Vec::new();
        for n in 0..12_000u32 {
            // Letters from the number, so that every stem is a new word.
            let letters: String = n
                .to_string()
                .bytes()
                .map(|d| char::from(b'a' + (d - b'0')))
                .collect();
            let stem = stems[n as usize % stems.len()];
            for ending in endings {
                words.push(format!("{letters}{stem}{ending}"));
            }
        }
        // Non-ASCII, long words (not cached) and short ones (kept as they are).
        words.extend(
            [
                "naïvely",
                "über",
                "café",
                "ab",
                "generalizationsinternationally",
            ]
            .map(String::from),
        );
        assert!(words.len() > MAX_SLOTS * 3 / 4);
        for _ in 0..2 {
            for word in &words {
                let mut text = word.clone();
                cache.stem_in_place(&mut text);
                assert_eq!(text, reference.stem(word), "{word}");
            }
        }
        assert_eq!(cache.slots.len(), MAX_SLOTS);
        assert!(cache.used <= MAX_SLOTS * 3 / 4, "{} words", cache.used);
        assert!(cache.used > MAX_SLOTS * 3 / 4 - 100, "{} words", cache.used);
    }

    #[test]
    fn a_slot_keeps_whole_characters_and_short_endings_only() {
        let key = |word: &str| {
            let mut key = [0; CACHED_WORD_BYTES];
            key[..word.len()].copy_from_slice(word.as_bytes());
            key
        };
        // "é" and "è" share their first byte: the kept part must end before it.
        let Some(slot) = Slot::new(key("caé"), "caé", "caè") else {
            panic!("a one-character ending fits");
        };
        assert_eq!(slot.keep, 2);
        let mut text = String::from("caé");
        slot.apply(&mut text);
        assert_eq!(text, "caè");
        assert!(Slot::new(key("abcdef"), "abcdef", "abcwxyzuv").is_none());
        let Some(slot) = Slot::new(key("abcdef"), "abcdef", "abcwxyzu") else {
            panic!("a five-byte ending fits");
        };
        let mut text = String::from("abcdef");
        slot.apply(&mut text);
        assert_eq!(text, "abcwxyzu");
    }

    #[test]
    fn gives_the_tokens_of_tantivys_en_stem_on_generated_text() {
        let mut builtin = builtin_en_stem();
        let mut cached = cached_en_stem();
        // Words at the length limit (39 bytes kept, 40 dropped, also when
        // lower-casing changes their length), and text that starts and ends
        // inside a word.
        let limit = format!(
            "{} {} {}é {}İ x",
            "a".repeat(39),
            "B".repeat(40),
            "c".repeat(37),
            "D".repeat(37)
        );
        for text in [
            limit.as_str(),
            "",
            " ",
            "word",
            "Word.",
            "..",
            "Σ ΣΑΣ İstanbul ǅemal",
        ] {
            assert_eq!(
                tokens(&mut cached, text),
                tokens(&mut builtin, text),
                "{text:?}"
            );
        }
        // Random text from letters, digits, punctuation, spaces and
        // non-ASCII characters of every width: combining accents, a letter
        // whose lower case is two characters (İ), non-alphanumeric symbols
        // (—, ’, no-break space, emoji), CJK.
        let palette: Vec<&str> = vec![
            "a",
            "e",
            "s",
            "t",
            "ing",
            "ed",
            "ly",
            "ness",
            "ation",
            "T",
            "S",
            "Q",
            "0",
            "7",
            " ",
            " ",
            " ",
            "\n",
            ".",
            ",",
            "-",
            "'",
            "é",
            "İ",
            "Σ",
            "ß",
            "Ø",
            "\u{301}",
            "—",
            "’",
            "\u{a0}",
            "🙂",
            "中",
            "ǅ",
            "aaaaaaaaaaaaaaaaaaaa",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut compared = 0;
        for _ in 0..2_000 {
            let pieces = (next() % 60) as usize;
            let text: String = (0..pieces)
                .map(|_| palette[(next() % palette.len() as u64) as usize])
                .collect();
            let expected = tokens(&mut builtin, &text);
            assert_eq!(tokens(&mut cached, &text), expected, "{text:?}");
            compared += expected.len();
        }
        assert!(compared > 10_000, "only {compared} tokens compared");
    }
}
