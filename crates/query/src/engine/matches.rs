//! Where a search matches one article, for marking its whole text: a reader
//! who opens an article from a list of hits wants to see why it is there.

use tantivy::schema::Field;

use super::*;
use crate::snippet::{name_spans, positive, query_spans};

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
    /// them (stems, folded accents, the article's own language's stems),
    /// and the people, places and organisations it filters on as the text
    /// writes them. Words and filters under `NOT` mark nothing.
    pub fn matches_in(
        &self,
        request: &SearchRequest,
        article: &ArticleView,
    ) -> Result<ArticleMatches, QueryError> {
        let searcher = self.searcher();
        let Matcher {
            text_query,
            people,
            names,
            ..
        } = self.matcher(&searcher, request)?;
        let names = filtered_names(&people, &names);
        let own = self
            .stemmed_fields(&searcher)
            .into_iter()
            .find(|(code, _)| Some(*code) == article.language.as_deref())
            .map(|(_, field)| field);
        let query = text_query.as_deref().map(positive);
        let spans = |fields: &[Field], text: &str| -> Result<Vec<[usize; 2]>, QueryError> {
            let mut found = name_spans(text, &names);
            if let Some(query) = &query {
                for &field in fields.iter().chain(&own) {
                    let mut generator = SnippetGenerator::create(&searcher, query.as_ref(), field)?;
                    found.extend(query_spans(&mut generator, text));
                }
            }
            Ok(union(found))
        };
        // Words search a given headline as `title` and a derived one (the
        // lead's first sentence) through the lead; `title:` searches the
        // headline shown, given or derived.
        let fields = &self.fields;
        Ok(ArticleMatches {
            title: spans(
                &[fields.title, fields.headline, fields.lead],
                &article.title,
            )?,
            lead: spans(&[fields.lead], &article.lead)?,
            body: spans(&[fields.body], &article.body)?,
        })
    }
}

/// Spans sorted, overlapping ones joined.
fn union(mut spans: Vec<[usize; 2]>) -> Vec<[usize; 2]> {
    spans.sort_unstable();
    let mut out: Vec<[usize; 2]> = Vec::with_capacity(spans.len());
    for span in spans {
        match out.last_mut() {
            Some(last) if span[0] <= last[1] => last[1] = last[1].max(span[1]),
            _ => out.push(span),
        }
    }
    out
}
