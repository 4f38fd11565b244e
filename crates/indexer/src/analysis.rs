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
//! only non-ASCII characters, and stems through a cache. It gives exactly the
//! tokens of tantivy's built-in `en_stem` (text, offsets and positions; tests
//! compare them on real articles and on generated text), so the index stays
//! readable by any tantivy client that knows `en_stem`, and queries need no
//! custom registration.

use dateline_extract::text::{NON_ASCII, SEPARATOR, WORD_BYTES};
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// Words of this many bytes or more are dropped, as by tantivy's `en_stem`
/// (`RemoveLongFilter::limit(40)`).
const MAX_TOKEN_LEN: usize = 40;

/// Distinct words a cache keeps (one cache per field and indexing thread, a
/// few MB each); later new words are stemmed every time.
const CACHE_CAPACITY: usize = 100_000;

/// tantivy's `en_stem` in one pass: split on non-alphanumeric characters,
/// drop words of 40 bytes or more, lower-case, Snowball English stem
/// (through a cache).
pub fn cached_en_stem() -> TextAnalyzer {
    TextAnalyzer::from(EnStemTokenizer::default())
}

/// The tokenizer of [`cached_en_stem`]; owns its token and its stem cache.
#[derive(Clone, Default)]
pub struct EnStemTokenizer {
    token: Token,
    cache: StemCache,
}

impl Tokenizer for EnStemTokenizer {
    type TokenStream<'a> = EnStemStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> EnStemStream<'a> {
        self.token.reset();
        EnStemStream {
            text,
            next: 0,
            token: &mut self.token,
            cache: &mut self.cache,
        }
    }
}

/// The token stream of [`EnStemTokenizer`].
pub struct EnStemStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    next: usize,
    token: &'a mut Token,
    cache: &'a mut StemCache,
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
            let Some((start, end, ascii)) = self.next_word() else {
                return false;
            };
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
            self.cache.stem_in_place(&mut token.text);
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

/// Stems of words seen before, and tantivy's stemmer for the others.
struct StemCache {
    /// Keyed with FxHash: SipHash cost more than the stemming it saved.
    stems: FxHashMap<String, String>,
    stemmer: TextAnalyzer,
}

impl Default for StemCache {
    fn default() -> Self {
        StemCache {
            stems: FxHashMap::default(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }
}

impl Clone for StemCache {
    /// A clone starts empty: caches are per indexing thread.
    fn clone(&self) -> Self {
        StemCache::default()
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
        if let Some(stem) = self.stems.get(text.as_str()) {
            text.clear();
            text.push_str(stem);
            return;
        }
        let mut stem = None;
        self.stemmer
            .token_stream(text)
            .process(&mut |token: &Token| stem = Some(token.text.clone()));
        // A raw token of an empty word is empty; the stemmer never drops one.
        let Some(stem) = stem else { return };
        if self.stems.len() < CACHE_CAPACITY {
            self.stems.insert(text.clone(), stem.clone());
        }
        *text = stem;
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
