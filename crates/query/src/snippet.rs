//! The passage shown with each hit: where the query's words match (through
//! tantivy's snippet generator), or, for a search by filters alone, where
//! the article names the person, place or organisation filtered on (found
//! by plain text search, so that a filter-only search costs no
//! re-tokenising), or else the start of the lead.

use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;

use crate::catalogue::Catalogue;
use crate::marks::{joined, Marker, Part};

use crate::{NamedPerson, Snippet};

/// The most characters of a passage (not counting the word it ends in).
pub(crate) const SNIPPET_CHARS: usize = 220;
/// Characters shown before the first name in a name passage.
const CONTEXT_BEFORE: usize = 60;

/// How the hits of one search get their passage.
pub(crate) enum Snippets {
    /// Where the query matches, in the lead or else the body: the passage
    /// tantivy's generator scores best, marked by the query's words as
    /// [`Marker`] finds them (a phrase where it stands, not its lone
    /// words); where the marker finds none there (the generator's fragment
    /// held a phrase's words apart, or it cannot score prefixes and fuzzy
    /// words), the passage around the first word the marker finds.
    Query {
        lead: SnippetGenerator,
        body: SnippetGenerator,
        /// For articles in a language with its own stemmed field: the
        /// generator and analyzer of that field, by language code, which
        /// find the words the article matched by its language's stems.
        stemmed: Vec<(&'static str, SnippetGenerator, TextAnalyzer)>,
        marker: Marker,
        /// The English-analysed fields' analyzer.
        analyzer: TextAnalyzer,
    },
    /// Where one of these names is written, in the lead or else the body.
    Names(Vec<String>),
}

/// The names a request filters on, as articles write them: every stored
/// form of each person found ("Zelensky", "Volodymyr Zelenskyy") and its
/// surname, each place, and every form of each organisation.
pub(crate) fn filtered_names(
    catalogue: &Catalogue,
    people: &[NamedPerson],
    places_and_orgs: &[String],
) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for person in people.iter().flat_map(|named| &named.people) {
        for form in catalogue.people.forms_of(&person.name) {
            if let Some((_, surname)) = form.rsplit_once(' ') {
                names.push(surname.to_string());
            }
            names.push(form);
        }
    }
    for value in places_and_orgs {
        names.extend(catalogue.organisations.forms_of(value));
    }
    names.retain(|name| !name.trim().is_empty());
    names.sort();
    names.dedup();
    names
}

impl Snippets {
    /// Where the search matched in a headline: the query's words as the
    /// headline field is searched, or the names filtered on (a place as the
    /// article writes it, of its `places`).
    pub(crate) fn in_title(
        &self,
        title: &str,
        places: &[dateline_extract::Place],
    ) -> Vec<[usize; 2]> {
        match self {
            Snippets::Query {
                marker, analyzer, ..
            } => joined(marker.spans(analyzer, Part::Title, title)),
            Snippets::Names(names) => name_spans(title, &with_own_forms(names, places)),
        }
    }

    /// The passage of one article, in `language` (its code) when known;
    /// `places` are the article's, with the forms it writes them in.
    pub(crate) fn best(
        &self,
        lead: &str,
        body: &str,
        language: Option<&str>,
        places: &[dateline_extract::Place],
    ) -> Snippet {
        let found = match self {
            Snippets::Query {
                lead: lead_gen,
                body: body_gen,
                stemmed,
                marker,
                analyzer,
            } => {
                let own = stemmed.iter().find(|(code, ..)| Some(*code) == language);
                let mut analyzers = vec![analyzer];
                analyzers.extend(own.map(|(_, _, analyzer)| analyzer));
                let spans = |part: Part, text: &str| {
                    joined(
                        analyzers
                            .iter()
                            .flat_map(|a| marker.spans(a, part, text))
                            .collect(),
                    )
                };
                own.and_then(|(_, generator, _)| matching(generator, generator, lead, body))
                    .or_else(|| matching(lead_gen, body_gen, lead, body))
                    .and_then(|(mut snippet, part)| {
                        // The generator scores a phrase's words alone: a
                        // fragment where none stands as the query asks is
                        // not where it matched.
                        snippet.highlights = spans(part, &snippet.text);
                        (!snippet.highlights.is_empty()).then_some(snippet)
                    })
                    .or_else(|| {
                        [(Part::Lead, lead), (Part::Body, body)]
                            .into_iter()
                            .find_map(|(part, text)| {
                                let marked = spans(part, text);
                                let first = *marked.first()?;
                                let (start, end) = passage(text, first);
                                Some(Snippet {
                                    text: text[start..end].to_string(),
                                    highlights: marked
                                        .iter()
                                        .filter(|[a, b]| *a >= start && *b <= end)
                                        .map(|[a, b]| [a - start, b - start])
                                        .collect(),
                                })
                            })
                    })
            }
            Snippets::Names(names) => {
                let names = with_own_forms(names, places);
                names_passage(lead, &names).or_else(|| names_passage(body, &names))
            }
        };
        found.unwrap_or_else(|| lead_start(lead))
    }
}

/// `names`, and each place of them as this article writes it ("U.S." for
/// United States, "Kiev" for Kyiv), of its `places`.
fn with_own_forms<'a>(
    names: &'a [String],
    places: &[dateline_extract::Place],
) -> std::borrow::Cow<'a, [String]> {
    let own: Vec<String> = places
        .iter()
        .filter(|p| names.contains(&p.name))
        .flat_map(|p| p.forms.iter().cloned())
        .collect();
    if own.is_empty() {
        std::borrow::Cow::Borrowed(names)
    } else {
        std::borrow::Cow::Owned([names, &own].concat())
    }
}

/// Where the query matches: in the lead when it does (news puts what
/// matters first, and it is short); in the body only otherwise, since
/// snippets re-tokenise the text.
fn matching(
    lead_gen: &SnippetGenerator,
    body_gen: &SnippetGenerator,
    lead: &str,
    body: &str,
) -> Option<(Snippet, Part)> {
    let lead_snippet = lead_gen.snippet(lead);
    let (best, part) = if lead_snippet.highlighted().is_empty() {
        (body_gen.snippet(body), Part::Body)
    } else {
        (lead_snippet, Part::Lead)
    };
    let snippet = Snippet {
        text: best.fragment().to_string(),
        highlights: best
            .highlighted()
            .iter()
            .map(|r| [r.start, r.end])
            .collect(),
    };
    (!snippet.highlights.is_empty()).then_some((snippet, part))
}

/// The start of the lead, cut at a word.
fn lead_start(lead: &str) -> Snippet {
    let mut end = lead.len().min(SNIPPET_CHARS);
    while !lead.is_char_boundary(end) {
        end -= 1;
    }
    let cut = if end < lead.len() {
        lead[..end].rfind(' ').unwrap_or(end)
    } else {
        end
    };
    Snippet {
        text: lead[..cut].to_string(),
        highlights: Vec::new(),
    }
}

/// Where `text` first writes one of `names` as whole words: a passage from
/// a little before it, with every name in the passage highlighted.
fn names_passage(text: &str, names: &[String]) -> Option<Snippet> {
    // A name holding a shorter one ("Paul Volcker", "Volcker") is found
    // where the shorter one is: only the shorter is looked for.
    let first = names
        .iter()
        .filter(|name| {
            !names
                .iter()
                .any(|other| other.len() < name.len() && name.contains(other.as_str()))
        })
        .filter_map(|name| find_word(text, name, 0))
        .min()?;
    let first = names
        .iter()
        .filter(|name| text[first..].starts_with(name.as_str()))
        .map(|name| (first, name.len()))
        .max()
        .or_else(|| {
            let word = text[first..].split(|c: char| !c.is_alphanumeric()).next()?;
            Some((first, word.len()))
        })?;
    let (start, end) = passage(text, [first.0, first.0 + first.1]);
    let passage = &text[start..end];
    Some(Snippet {
        text: passage.to_string(),
        highlights: name_spans(passage, names),
    })
}

/// The bounds of the passage of `text` around `first`, the span it is
/// shown for: from the start of its sentence when that is near, else from
/// a word a little before it, up to [`SNIPPET_CHARS`] and a word's end.
fn passage(text: &str, first: [usize; 2]) -> (usize, usize) {
    let mut start = first[0].saturating_sub(CONTEXT_BEFORE);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    if start > 0 {
        let before = &text[start..first[0]];
        start += match (before.rfind(". "), before.find(' ')) {
            (Some(stop), _) => stop + 2,
            (None, Some(space)) => space + 1,
            (None, None) => before.len(),
        };
    }
    let mut end = (start + SNIPPET_CHARS).min(text.len()).max(first[1]);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    if end < text.len() {
        end = text[end..]
            .find(' ')
            .map_or(text.len(), |space| end + space);
    }
    (start, end)
}

/// Every place `text` writes one of `names` as whole words, in order; where
/// names overlap (a surname inside the full name) the first found, the
/// longer when they start together.
pub(crate) fn name_spans(text: &str, names: &[String]) -> Vec<[usize; 2]> {
    let mut spans: Vec<[usize; 2]> = Vec::new();
    for name in names.iter().filter(|name| !name.is_empty()) {
        let mut from = 0;
        while let Some(at) = find_word(text, name, from) {
            spans.push([at, at + name.len()]);
            from = at + name.len();
        }
    }
    spans.sort_unstable_by(|a, b| a[0].cmp(&b[0]).then(b[1].cmp(&a[1])));
    spans.dedup_by(|later, earlier| later[0] < earlier[1]);
    spans
}

/// `query` without its negated parts, whose words a passage must not mark:
/// a snippet generator takes every term of a query, `NOT` ones too.
pub(crate) fn positive(query: &dyn Query) -> Box<dyn Query> {
    match query.downcast_ref::<BooleanQuery>() {
        Some(boolean) => Box::new(BooleanQuery::new(
            boolean
                .clauses()
                .iter()
                .filter(|(occur, _)| *occur != Occur::MustNot)
                .map(|(occur, clause)| (*occur, positive(clause.as_ref())))
                .collect(),
        )),
        None => query.box_clone(),
    }
}

/// Where `text` writes `word` from byte `from` on, not inside another word.
fn find_word(text: &str, word: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(found) = text.get(at..)?.find(word) {
        let start = at + found;
        let end = start + word.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(start);
        }
        at = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_passage_starts_near_the_name_and_highlights_every_form() {
        let text = "Markets were calm on Monday. Dealers waited for Federal Reserve \
                    chairman Paul Volcker, whose testimony comes later. Volcker said little. \
                    Volckerism is another word.";
        let names = vec!["Paul Volcker".to_string(), "Volcker".to_string()];
        let snippet = names_passage(text, &names).unwrap();
        assert!(snippet.text.starts_with("Dealers"), "{}", snippet.text);
        let words: Vec<&str> = snippet
            .highlights
            .iter()
            .map(|[a, b]| &snippet.text[*a..*b])
            .collect();
        assert_eq!(words, ["Paul Volcker", "Volcker"]);
        assert!(names_passage("Volckerism only.", &names).is_none());
    }
}
