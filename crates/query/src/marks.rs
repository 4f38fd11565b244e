//! Where a query's words are in a text, as the index analysed them, for
//! marking an article and a hit's passage. tantivy's snippet generator
//! marks each term of a query on its own and knows no prefix or fuzzy
//! term: the words of `"climate change"` were marked wherever either stood,
//! and `negotiat*` or `tlaks~` marked nothing. Here a phrase is marked
//! where its words stand as the phrase asks, and prefixes and fuzzy words
//! where the terms they match are.

use tantivy::tokenizer::TextAnalyzer;

use crate::ast::{Expr, Text, TextField, TextKind};
use dateline_extract::names::fold;

/// Which part of an article a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Title,
    Lead,
    Body,
}

/// The text leaves of a query outside any `NOT`: what there is to mark.
#[derive(Debug, Clone, Default)]
pub(crate) struct Marker {
    leaves: Vec<Text>,
}

/// One analysed token of the text being marked.
struct Token {
    text: String,
    position: usize,
    span: [usize; 2],
}

impl Marker {
    /// The marker of `expr`'s positive text leaves.
    pub(crate) fn new(expr: Option<&crate::ast::Expr>) -> Marker {
        let mut leaves = Vec::new();
        if let Some(expr) = expr {
            collect(expr, &mut leaves);
        }
        Marker { leaves }
    }

    /// Byte spans of `text`, a `part` of an article, that the query's
    /// words match when `analyzer` analyses both; in order, not joined.
    pub(crate) fn spans(&self, analyzer: &TextAnalyzer, part: Part, text: &str) -> Vec<[usize; 2]> {
        let leaves: Vec<&Text> = self
            .leaves
            .iter()
            .filter(|leaf| searches(leaf.field, part))
            .collect();
        if leaves.is_empty() {
            return Vec::new();
        }
        let mut analyzer = analyzer.clone();
        let tokens = analyse(&mut analyzer, text);
        let mut spans = Vec::new();
        for leaf in leaves {
            match &leaf.kind {
                TextKind::Word(word) => phrase(&mut analyzer, (text, &tokens), word, 0, &mut spans),
                TextKind::Phrase { words, slop } => {
                    phrase(&mut analyzer, (text, &tokens), words, *slop, &mut spans)
                }
                TextKind::PhrasePrefix(words) => {
                    phrase_prefix(&mut analyzer, (text, &tokens), words, &mut spans)
                }
                TextKind::Prefix(prefix) => {
                    let forms = PrefixForms::new(&mut analyzer, prefix);
                    spans.extend(
                        tokens
                            .iter()
                            .filter(|t| forms.matches(&t.text))
                            .map(|t| t.span),
                    );
                }
                TextKind::Fuzzy { word, distance } => {
                    let distance = usize::from(distance.unwrap_or(fuzzy_distance(word)));
                    for term in analyse(&mut analyzer, word) {
                        spans.extend(
                            tokens
                                .iter()
                                .filter(|t| strsim::osa_distance(&t.text, &term.text) <= distance)
                                .map(|t| t.span),
                        );
                    }
                }
            }
        }
        spans.sort_unstable();
        spans.dedup();
        spans
    }
}

/// The edits a fuzzy word allows when the query gives none: 0 up to two
/// letters, 1 up to five, else 2.
pub(crate) fn fuzzy_distance(word: &str) -> u8 {
    match word.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// The terms a typed prefix means. Words are indexed stemmed, and a stem
/// may be shorter than the prefix typed ("negotiations" is held as
/// "negoti", so "negotiat*" must find it): terms that start with the
/// prefix or with its stem, and terms that are the prefix cut by up to
/// three letters (at least four left).
pub(crate) struct PrefixForms {
    /// A term starting with one of these matches.
    pub(crate) starts: Vec<String>,
    /// A term equal to one of these matches.
    pub(crate) cuts: Vec<String>,
}

impl PrefixForms {
    pub(crate) fn new(analyzer: &mut TextAnalyzer, prefix: &str) -> PrefixForms {
        let lower = prefix.to_lowercase();
        let mut starts = vec![lower.clone()];
        let mut stream = analyzer.token_stream(prefix);
        if stream.advance() && stream.token().text != lower {
            starts.push(stream.token().text.clone());
        }
        let chars: Vec<char> = lower.chars().collect();
        let cuts = (chars.len().saturating_sub(3).max(4)..chars.len())
            .rev()
            .map(|len| chars[..len].iter().collect())
            .collect();
        PrefixForms { starts, cuts }
    }

    fn matches(&self, term: &str) -> bool {
        let term = folded(term);
        self.starts
            .iter()
            .any(|s| term.starts_with(folded(s).as_ref()))
            || self.cuts.iter().any(|c| folded(c) == term)
    }
}

/// A term without its accents, as the search compares terms
/// (`engine/accents.rs`).
fn folded(term: &str) -> std::borrow::Cow<'_, str> {
    if term.is_ascii() {
        std::borrow::Cow::Borrowed(term)
    } else {
        std::borrow::Cow::Owned(fold(term))
    }
}

/// Whether two terms are one whatever their accents: they fold alike, or
/// the words they are stems of do (a stem with an accent is not the stem
/// of the word without it: "frédéric", "frederic"). `a` is a term of a
/// word written in `a_text`, `b` of one in `b_text`.
fn same(a: &Token, a_text: &str, b: &Token, b_text: &str) -> bool {
    if a.text == b.text {
        return true;
    }
    let a_word = a_text.get(a.span[0]..a.span[1]).unwrap_or("");
    let b_word = b_text.get(b.span[0]..b.span[1]).unwrap_or("");
    if a_word.is_ascii() && b_word.is_ascii() {
        // Terms of ASCII words are ASCII too, and differ.
        return false;
    }
    folded(&a.text) == folded(&b.text) || fold(a_word) == fold(b_word)
}

/// Whether a leaf searching `field` searches an article's `part`: `title:`
/// the headline shown, free text every part.
fn searches(field: TextField, part: Part) -> bool {
    matches!(
        (field, part),
        (TextField::Any, _)
            | (TextField::Title, Part::Title)
            | (TextField::Lead, Part::Lead)
            | (TextField::Body, Part::Body)
    )
}

fn collect(expr: &Expr, leaves: &mut Vec<Text>) {
    match expr {
        Expr::All(parts) | Expr::Any(parts) => {
            for part in parts {
                collect(part, leaves);
            }
        }
        Expr::Text(text) => leaves.push(text.clone()),
        Expr::Not(_) | Expr::Filter(_) => {}
    }
}

fn analyse(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        let token = stream.token();
        tokens.push(Token {
            text: token.text.clone(),
            position: token.position,
            span: [token.offset_from, token.offset_to],
        });
    }
    tokens
}

/// Marks where the words of `words` stand in `tokens` as a phrase with
/// `slop`: side by side (0), as one span from the first word to the last;
/// further apart, each word. One word is marked wherever it stands (a word
/// with inner punctuation, "U.S.", is the phrase of its parts).
fn phrase(
    analyzer: &mut TextAnalyzer,
    (text, tokens): (&str, &[Token]),
    words: &str,
    slop: u32,
    spans: &mut Vec<[usize; 2]>,
) {
    let terms = analyse(analyzer, words);
    let Some(first) = terms.first() else {
        return;
    };
    let slop = slop as usize;
    for (start, token) in tokens.iter().enumerate() {
        if !same(token, text, first, words) {
            continue;
        }
        let mut found = vec![start];
        for term in &terms[1..] {
            let wanted = token.position + term.position - first.position;
            let after = found[found.len() - 1] + 1;
            let next = tokens[after..]
                .iter()
                .take_while(|t| t.position <= wanted + slop)
                .position(|t| same(t, text, term, words) && t.position + slop >= wanted);
            match next {
                Some(i) => found.push(after + i),
                None => break,
            }
        }
        if found.len() < terms.len() {
            continue;
        }
        if slop == 0 {
            spans.push([token.span[0], tokens[found[found.len() - 1]].span[1]]);
        } else {
            spans.extend(found.iter().map(|&i| tokens[i].span));
        }
    }
}

/// Marks where `words` stand side by side in `tokens`, the last word as a
/// prefix (`"tayyip erdo*"`), as one span; a phrase of one word (the
/// others stop words or punctuation), wherever the prefix stands.
fn phrase_prefix(
    analyzer: &mut TextAnalyzer,
    (text, tokens): (&str, &[Token]),
    words: &str,
    spans: &mut Vec<[usize; 2]>,
) {
    let Some(last) = analyse(analyzer, words).pop() else {
        return;
    };
    let (head, last) = (&words[..last.span[0]], &words[last.span[0]..last.span[1]]);
    let forms = PrefixForms::new(analyzer, last);
    let mut heads = Vec::new();
    phrase(analyzer, (text, tokens), head, 0, &mut heads);
    if analyse(analyzer, head).is_empty() {
        spans.extend(
            tokens
                .iter()
                .filter(|t| forms.matches(&t.text))
                .map(|t| t.span),
        );
        return;
    }
    for [start, end] in heads {
        let next = tokens.iter().find(|t| t.span[0] >= end);
        if let Some(next) = next.filter(|t| forms.matches(&t.text)) {
            spans.push([start, next.span[1]]);
        }
    }
}

/// Spans sorted, overlapping ones joined.
pub(crate) fn joined(mut spans: Vec<[usize; 2]>) -> Vec<[usize; 2]> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_indexer::analysis;

    fn marked(query: &str, text: &str) -> Vec<String> {
        let expr = crate::syntax::parse(query).unwrap();
        let marker = Marker::new(expr.as_ref());
        let analyzer = analysis::stemmed(tantivy::tokenizer::Language::English);
        marker
            .spans(&analyzer, Part::Body, text)
            .into_iter()
            .map(|[a, b]| text[a..b].to_string())
            .collect()
    }

    #[test]
    fn a_phrase_is_marked_where_it_stands_not_its_lone_words() {
        let text = "Climate talks stalled. The change in climate policy followed climate changes.";
        assert_eq!(marked("\"climate change\"", text), ["climate changes"]);
        // Two apart: each word of the match.
        assert_eq!(
            marked(
                "\"climate policy\"~2",
                "climate and energy policy; climate policy"
            ),
            ["climate", "policy", "climate", "policy"]
        );
        assert_eq!(marked("U.S.", "U.S. talks began; US talks"), ["U.S"]);
    }

    #[test]
    fn prefixes_and_fuzzy_words_are_marked_as_their_terms_match() {
        let text = "Negotiators resumed negotiations; the negative talk ended.";
        assert_eq!(marked("negotiat*", text), ["Negotiators", "negotiations"]);
        assert_eq!(marked("tlaks~", text), ["talk"]);
        assert_eq!(marked("talk -negotiat*", text), ["talk"]);
        assert!(marked("-talk", text).is_empty());
    }

    #[test]
    fn words_are_marked_whatever_their_accents() {
        let text = "Erdoğan met Erdogan at the café; cafes closed.";
        assert_eq!(marked("erdogan", text), ["Erdoğan", "Erdogan"]);
        assert_eq!(marked("Erdoğan", text), ["Erdoğan", "Erdogan"]);
        assert_eq!(marked("cafe", text), ["café", "cafes"]);
        assert_eq!(marked("erdo*", text), ["Erdoğan", "Erdogan"]);
        // Spellings whose stems differ ("é" is no vowel to the stemmer).
        let text = "Frédéric met Frederic.";
        assert_eq!(marked("frederic", text), ["Frédéric", "Frederic"]);
        assert_eq!(marked("Frédéric", text), ["Frédéric", "Frederic"]);
    }
}
