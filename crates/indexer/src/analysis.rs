//! The text analyzer the indexer writes with: tantivy's `en_stem`, with a
//! cache in front of the stemmer.
//!
//! Snowball stemming is the largest single cost of indexing news text in
//! tantivy (a sixth of Dateline's indexing CPU on Reuters-21578), yet a news
//! archive repeats a small vocabulary: most words have been stemmed before.
//! [`cached_en_stem`] gives exactly the tokens of tantivy's built-in
//! `en_stem` (the same tokenizer, filters and stemmer, a test compares them
//! on real articles), so the index stays readable by any tantivy client that
//! knows `en_stem`, and queries need no custom registration.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer,
};

/// Words longer than this are dropped, as by tantivy's `en_stem`.
const MAX_TOKEN_LEN: usize = 40;

/// Distinct words a cache keeps (one cache per field and indexing thread, a
/// few MB each); later new words are stemmed every time.
const CACHE_CAPACITY: usize = 100_000;

/// tantivy's `en_stem` with a stem cache: split on non-alphanumeric
/// characters, drop words over 40 bytes, lower-case, Snowball English stem.
pub fn cached_en_stem() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(CachedStemmer)
        .build()
}

/// A token filter that stems English words through a cache.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            cache: StemCache::default(),
        }
    }
}

/// The tokenizer [`CachedStemmer`] makes; owns its cache.
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    cache: StemCache,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
        }
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

/// The token stream of [`CachedStemmerFilter`].
pub struct CachedStemmerStream<'a, T> {
    tail: T,
    cache: &'a mut StemCache,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.cache.stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenizerManager;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t: &Token| out.push(t.clone()));
        out
    }

    #[test]
    fn gives_the_tokens_of_tantivys_en_stem_on_the_corpus() {
        let Some(mut builtin) = TokenizerManager::default().get(crate::schema::TEXT_TOKENIZER)
        else {
            panic!("tantivy has no en_stem");
        };
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
}
