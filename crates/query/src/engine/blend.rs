//! BM25 statistics that let articles of different languages compete
//! fairly for one word.
//!
//! An article in German is searched through `text_de` as well as through
//! the English-analysed `title`, `lead` and `body`. On its own, `text_de`
//! has statistics of its own: only German articles hold terms there, so a
//! word common in English but rare in German ("gift", "rat", "war") looks
//! rare, and the German article outranked an English one that used the
//! word as often; and its average length is taken over all articles,
//! German or not. Like Elasticsearch's `cross_fields`, a stemmed field's
//! term here counts as often as the same term in the English fields when
//! that is more, and its field is as long on average as an article.

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use dateline_indexer::schema::Fields;

/// The searcher's statistics, blended for the stemmed fields.
pub(super) struct Blended<'a> {
    pub(super) searcher: &'a Searcher,
    pub(super) fields: &'a Fields,
}

impl Blended<'_> {
    fn is_stemmed(&self, field: Field) -> bool {
        self.fields.stemmed.iter().any(|(_, f)| *f == field)
    }

    /// The English-analysed fields a stemmed field holds again.
    fn english(&self) -> [Field; 3] {
        [self.fields.headline, self.fields.lead, self.fields.body]
    }
}

impl Bm25StatisticsProvider for Blended<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if !self.is_stemmed(field) {
            return self.searcher.total_num_tokens(field);
        }
        let mut total = 0;
        for english in self.english() {
            total += self.searcher.total_num_tokens(english)?;
        }
        Ok(total)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let own = self.searcher.doc_freq(term)?;
        if !self.is_stemmed(term.field()) {
            return Ok(own);
        }
        let value = term.value();
        let Some(text) = value.as_str() else {
            return Ok(own);
        };
        let mut most = own;
        for english in self.english() {
            most = most.max(
                self.searcher
                    .doc_freq(&Term::from_field_text(english, text))?,
            );
        }
        Ok(most)
    }
}
