//! Where a search matches one article, for marking its whole text: a reader
//! who opens an article from a list of hits wants to see why it is there.

use super::*;
use crate::marks::{joined, Part};
use crate::snippet::name_spans;

/// Byte spans of an article's headline, lead and body that a search
/// matched, each list in order and not overlapping.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleMatches {
    pub title: Vec<[usize; 2]>,
    pub lead: Vec<[usize; 2]>,
    pub body: Vec<[usize; 2]>,
}

impl Engine {
    /// Where `request` matches `article`: its words as the index analyses
    /// them (stems, the article's own language's stems; phrases where they
    /// stand, prefixes and fuzzy words where their terms are),
    /// and the people, places and organisations it filters on as the text
    /// writes them. Words and filters under `NOT` mark nothing.
    pub fn matches_in(
        &self,
        request: &SearchRequest,
        article: &ArticleView,
    ) -> Result<ArticleMatches, QueryError> {
        let searcher = self.searcher();
        let Matcher {
            people,
            names,
            marker,
            ..
        } = self.matcher(&searcher, request)?;
        let mut names = filtered_names(&*self.catalogue(&searcher)?, &people, &names);
        // A place as this article writes it ("Kiev" for Kyiv).
        for place in &article.places {
            if names.contains(&place.name) {
                names.extend(place.forms.iter().cloned());
            }
        }
        let mut analyzers = vec![self.index.tokenizer_for_field(self.fields.body)?];
        if let Some((_, field)) = self
            .stemmed_fields(&searcher)
            .into_iter()
            .find(|(code, _)| Some(*code) == article.language.as_deref())
        {
            analyzers.push(self.index.tokenizer_for_field(field)?);
        }
        let spans = |part: Part, text: &str| {
            let mut found = name_spans(text, &names);
            for analyzer in &analyzers {
                found.extend(marker.spans(analyzer, part, text));
            }
            joined(found)
        };
        Ok(ArticleMatches {
            title: spans(Part::Title, &article.title),
            lead: spans(Part::Lead, &article.lead),
            body: spans(Part::Body, &article.body),
        })
    }
}
