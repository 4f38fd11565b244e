//! Reading stored articles: one reader for the hits of a search, `show`
//! and export.

use super::*;

impl Engine {
    pub(super) fn hit(
        &self,
        doc: &TantivyDocument,
        score: Option<f32>,
        snippets: &Snippets,
    ) -> Hit {
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let all = |field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect::<Vec<_>>()
        };
        let extraction = doc
            .get_first(self.fields.extraction)
            .and_then(|v| v.as_str())
            .and_then(|json| serde_json::from_str::<ExtractionTopics>(json).ok())
            .unwrap_or_default();
        let topics: Vec<String> = extraction.topics.into_iter().map(|t| t.label).collect();
        let lead = text(self.fields.lead);
        let body = text(self.fields.body);
        let language = Some(text(self.fields.language)).filter(|s| !s.is_empty());
        let snippet = snippets.best(&lead, &body, language.as_deref(), &extraction.places);
        let title = text(self.fields.headline);
        Hit {
            title_highlights: snippets.in_title(&title, &extraction.places),
            id: text(self.fields.id),
            path: text(self.fields.path),
            date: doc
                .get_first(self.fields.date)
                .and_then(|v| v.as_datetime())
                .map(|d| format_day(d.into_timestamp_secs())),
            title,
            source: Some(text(self.fields.source)).filter(|s| !s.is_empty()),
            url: Some(text(self.fields.url)).filter(|s| !s.is_empty()),
            authors: all(self.fields.authors),
            language,
            score,
            people: all(self.fields.people),
            topics,
            places: all(self.fields.places),
            organizations: all(self.fields.organizations),
            snippet,
        }
    }

    /// Finds one article by id, by path, by URL, or by a unique ending of
    /// its id.
    pub fn article(&self, id: &str) -> Result<Option<ArticleView>, QueryError> {
        let searcher = self.searcher();
        let exact = |value: &str| -> Result<Option<DocAddress>, QueryError> {
            let query = term_query(self.fields.id, value);
            let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
            Ok(top.first().map(|(_, a)| *a))
        };
        let mut address = exact(id)?;
        if address.is_none() && id.contains("://") {
            // A web page by its URL (the first captured, when several are).
            let query = term_query(self.fields.url, id);
            let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
            address = top.first().map(|(_, a)| *a);
        }
        if address.is_none() {
            if let Ok(absolute) = std::path::absolute(id) {
                address = exact(&absolute.to_string_lossy())?;
            }
        }
        if address.is_none() {
            // A unique ending: "seed/000_07793343fe452d34.txt" or a file name.
            let mut matches = Vec::new();
            for (ord, segment) in searcher.segment_readers().iter().enumerate() {
                let Some(ids) = segment.fast_fields().str(schema::ID)? else {
                    continue;
                };
                let mut text = String::new();
                for doc in 0..segment.max_doc() {
                    if segment.alive_bitset().is_some_and(|b| !b.is_alive(doc)) {
                        continue;
                    }
                    if let Some(term) = ids.term_ords(doc).next() {
                        ids.ord_to_str(term, &mut text).ok();
                        if text.ends_with(id) && text[..text.len() - id.len()].ends_with('/') {
                            matches.push(DocAddress::new(ord as u32, doc));
                        }
                    }
                }
            }
            if matches.len() == 1 {
                address = matches.pop();
            } else if matches.len() > 1 {
                return Err(QueryError::Invalid(format!(
                    "`{id}` matches {} articles: give more of the path",
                    matches.len()
                )));
            }
        }
        let Some(address) = address else {
            return self.file_of_articles(id).map(|()| None);
        };
        let doc: TantivyDocument = searcher.doc(address)?;
        Ok(Some(self.view(&doc)))
    }

    /// An error naming a few of the articles' ids when `id` is the path of
    /// a file of several (JSON Lines, a mailbox, a WARC file); `Ok` when it
    /// names no file of the index.
    fn file_of_articles(&self, id: &str) -> Result<(), QueryError> {
        let searcher = self.searcher();
        let mut paths = vec![id.to_string()];
        if let Ok(absolute) = std::path::absolute(id) {
            paths.push(absolute.to_string_lossy().into_owned());
        }
        for path in paths {
            let query = term_query(self.fields.path, &path);
            let count = searcher.search(&query, &tantivy::collector::Count)?;
            if count == 0 {
                continue;
            }
            let top = searcher.search(&query, &TopDocs::with_limit(3).order_by_score())?;
            let mut ids = Vec::new();
            for (_, address) in top {
                let doc: TantivyDocument = searcher.doc(address)?;
                if let Some(found) = doc.get_first(self.fields.id).and_then(|v| v.as_str()) {
                    ids.push(format!("`{found}`"));
                }
            }
            return Err(QueryError::FileOfArticles {
                path: id.to_string(),
                count,
                examples: ids,
            });
        }
        Ok(())
    }

    fn view(&self, doc: &TantivyDocument) -> ArticleView {
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let all = |field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect::<Vec<_>>()
        };
        let extraction: StoredExtraction = text(self.fields.extraction)
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        ArticleView {
            id: text(self.fields.id).unwrap_or_default(),
            path: text(self.fields.path).unwrap_or_default(),
            line: doc
                .get_first(self.fields.line)
                .and_then(|v| v.as_u64())
                .filter(|l| *l > 0),
            date: doc
                .get_first(self.fields.date)
                .and_then(|v| v.as_datetime())
                .map(|d| format_day(d.into_timestamp_secs())),
            url: text(self.fields.url),
            source: text(self.fields.source),
            authors: all(self.fields.authors),
            language: text(self.fields.language),
            title: text(self.fields.headline).unwrap_or_default(),
            lead: text(self.fields.lead).unwrap_or_default(),
            body: text(self.fields.body).unwrap_or_default(),
            people: extraction.people,
            places: extraction.places,
            organizations: extraction.organizations,
            topics: extraction.topics,
        }
    }

    /// Calls `visit` with the export record of every article that matches
    /// `request`'s query and filters (its paging, sort, facets and timeline
    /// are ignored), segment by segment in index order, reading each stored
    /// article once: memory stays flat whatever the archive's size. Stops at
    /// the first error `visit` returns. Returns the number of articles
    /// visited.
    pub fn export<E: From<QueryError>>(
        &self,
        request: &SearchRequest,
        mut visit: impl FnMut(serde_json::Map<String, serde_json::Value>) -> Result<(), E>,
    ) -> Result<u64, E> {
        let searcher = self.searcher();
        let matcher = self.matcher(&searcher, request)?;
        let weight = matcher
            .query
            .weight(EnableScoring::disabled_from_searcher(&searcher))
            .map_err(QueryError::from)?;
        let exporter = export::Exporter::new(searcher.schema());
        let mut count = 0;
        for segment in searcher.segment_readers() {
            let store = segment
                .get_store_reader(EXPORT_STORE_CACHE_BLOCKS)
                .map_err(|e| QueryError::from(tantivy::TantivyError::from(e)))?;
            let alive = segment.alive_bitset();
            let mut matches = weight.scorer(segment, 1.0).map_err(QueryError::from)?;
            let mut doc = matches.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    let stored: TantivyDocument = store.get(doc).map_err(QueryError::from)?;
                    visit(exporter.record(&self.fields, &stored))?;
                    count += 1;
                }
                doc = matches.advance();
            }
        }
        Ok(count)
    }
}

/// Store blocks kept decompressed while exporting: matches come in doc order,
/// so a small cache serves every article of a block from one decompression.
pub(super) const EXPORT_STORE_CACHE_BLOCKS: usize = 4;

/// One whole stored article, for `dateline show`.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// Stable id.
    pub id: String,
    /// Source file.
    pub path: String,
    /// Line in a JSON Lines file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Source URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publisher.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Bylines.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// ISO 639-1 code, given or detected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Headline.
    pub title: String,
    /// Lead paragraph.
    pub lead: String,
    /// Remaining text.
    pub body: String,
    /// People with mention counts.
    pub people: Vec<dateline_extract::Person>,
    /// Places with surface forms.
    pub places: Vec<dateline_extract::Place>,
    /// Organisations.
    pub organizations: Vec<String>,
    /// Topics with scores.
    pub topics: Vec<Topic>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub(super) struct StoredExtraction {
    #[serde(default)]
    people: Vec<dateline_extract::Person>,
    #[serde(default)]
    places: Vec<dateline_extract::Place>,
    #[serde(default)]
    organizations: Vec<String>,
    #[serde(default)]
    topics: Vec<Topic>,
}

/// What a hit reads of an article's stored extraction: its topics, and its
/// places with the forms it writes them in (for a filter-only passage).
#[derive(Default, serde::Deserialize)]
pub(super) struct ExtractionTopics {
    #[serde(default)]
    topics: Vec<Topic>,
    #[serde(default)]
    places: Vec<dateline_extract::Place>,
}

pub(super) fn format_day(secs: i64) -> String {
    ChronoDateTime::from_timestamp(secs, 0)
        .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string())
}
