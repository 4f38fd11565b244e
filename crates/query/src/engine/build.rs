//! A parsed query ([`Expr`]) built into one tantivy query: the boolean
//! structure and the text leaves here, each filter kind in `filters`. The
//! command line's flags and the query language's field clauses arrive as
//! the same [`Expr`] leaves, so each is built in one place.

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, FuzzyTermQuery, Occur,
    PhrasePrefixQuery, PhraseQuery, Query, QueryParser, TermQuery,
};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenStream;
use tantivy::{Searcher, Term};

use super::accents;
use super::resolver::EngineResolver;
use super::{Engine, LEAD_BOOST, TITLE_BOOST};
use crate::ast::{Expr, Text, TextField, TextKind};
use crate::marks::{fuzzy_distance, PrefixForms};
use crate::{NamedPerson, QueryError};
use dateline_indexer::schema;

/// Builds the queries of one search against one searcher, and keeps what
/// the response needs from the filters it built.
pub(super) struct QueryBuilder<'a> {
    pub(super) resolver: EngineResolver<'a>,
    /// Free text into tantivy queries over one or all text fields, with
    /// the headline and lead boosted.
    parser: QueryParser,
    /// The stemmed fields of the languages the index holds articles in
    /// (`text_de`, ...), with their names: free text is also analysed for
    /// each of them.
    stemmed: Vec<(Field, String)>,
    /// Who each person filter outside a `NOT` found.
    pub(super) people: Vec<NamedPerson>,
    /// The stored values of the place and organisation filters outside a
    /// `NOT`: what a filter-only search shows the passage of.
    pub(super) names: Vec<String>,
}

impl<'a> QueryBuilder<'a> {
    pub(super) fn new(engine: &'a Engine, searcher: &'a Searcher) -> QueryBuilder<'a> {
        let fields = &engine.fields;
        let stemmed = engine
            .stemmed_fields(searcher)
            .into_iter()
            .map(|(code, field)| (field, schema::stemmed_field(code)))
            .collect();
        let mut parser =
            QueryParser::for_index(&engine.index, vec![fields.title, fields.lead, fields.body]);
        parser.set_field_boost(fields.title, TITLE_BOOST);
        parser.set_field_boost(fields.lead, LEAD_BOOST);
        QueryBuilder {
            resolver: EngineResolver { engine, searcher },
            parser,
            stemmed,
            people: Vec::new(),
            names: Vec::new(),
        }
    }

    pub(super) fn engine(&self) -> &'a Engine {
        self.resolver.engine
    }

    /// The query of `expr`; `None` when it asks nothing of the articles
    /// (words that index as nothing, such as a 50-letter word).
    pub(super) fn build(&mut self, expr: &Expr) -> Result<Option<Box<dyn Query>>, QueryError> {
        self.expr(expr, false)
    }

    /// `negated`: whether `expr` is inside an odd number of `NOT`s (its
    /// filters then say nothing about the articles found).
    fn expr(&mut self, expr: &Expr, negated: bool) -> Result<Option<Box<dyn Query>>, QueryError> {
        let query: Box<dyn Query> = match expr {
            Expr::All(parts) => {
                let mut clauses = Vec::with_capacity(parts.len() + 1);
                for part in parts {
                    let clause = match part {
                        Expr::Not(inner) => self
                            .expr(inner, !negated)?
                            .map(|query| (Occur::MustNot, query)),
                        _ => self.expr(part, negated)?.map(|query| (Occur::Must, query)),
                    };
                    clauses.extend(clause);
                }
                if clauses.is_empty() {
                    return Ok(None);
                }
                if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    // Only exclusions ("-oil"): every article but those.
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Expr::Any(parts) => {
                let mut clauses = Vec::with_capacity(parts.len());
                for part in parts {
                    if let Some(query) = self.expr(part, negated)? {
                        push_should(&mut clauses, query);
                    }
                }
                if clauses.is_empty() {
                    return Ok(None);
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Expr::Not(inner) => match self.expr(inner, !negated)? {
                None => return Ok(None),
                Some(excluded) => Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                    (Occur::MustNot, excluded),
                ])),
            },
            Expr::Text(text) => return self.text(text),
            Expr::Filter(filter) => self.filter(filter, negated)?,
        };
        Ok(Some(query))
    }

    /// The fields a text leaf searches, with their weights.
    fn text_fields(&self, field: TextField) -> Vec<(Field, f32)> {
        let fields = &self.engine().fields;
        match field {
            TextField::Any => vec![
                (fields.title, TITLE_BOOST),
                (fields.lead, LEAD_BOOST),
                (fields.body, 1.0),
            ],
            TextField::Title => vec![(fields.headline, 1.0)],
            TextField::Lead => vec![(fields.lead, 1.0)],
            TextField::Body => vec![(fields.body, 1.0)],
        }
    }

    fn text(&self, text: &Text) -> Result<Option<Box<dyn Query>>, QueryError> {
        let typed = match &text.kind {
            TextKind::Word(word) | TextKind::Fuzzy { word, .. } => word,
            TextKind::Phrase { words, .. } | TextKind::PhrasePrefix(words) => words,
            TextKind::Prefix(prefix) => prefix,
        };
        if !self.indexes_words(text.field, typed)? {
            return Ok(None);
        }
        let query = match &text.kind {
            TextKind::Word(word) => {
                let query = self.literal(text, word, Delimiter::None, 0)?;
                self.with_accent_variants(text.field, word, 0, query)
            }
            TextKind::Phrase { words, slop } => {
                let query = self.literal(text, words, Delimiter::DoubleQuotes, *slop)?;
                self.with_accent_variants(text.field, words, *slop, query)
            }
            TextKind::PhrasePrefix(words) => self.phrase_prefix(text, words),
            TextKind::Prefix(prefix) => {
                self.per_field(text.field, |field| self.prefix(field, prefix))
            }
            TextKind::Fuzzy { word, distance } => {
                let distance = distance.unwrap_or(fuzzy_distance(word));
                self.per_field(text.field, |field| self.fuzzy(field, word, distance))
            }
        }?;
        Ok(Some(query))
    }

    /// Whether `typed` gives any token in the fields searched (not when it
    /// is all punctuation, or one word longer than tantivy indexes).
    fn indexes_words(&self, field: TextField, typed: &str) -> Result<bool, QueryError> {
        let Some(&(field, _)) = self.text_fields(field).first() else {
            return Ok(false);
        };
        let mut analyzer = self.engine().index.tokenizer_for_field(field)?;
        let mut stream = analyzer.token_stream(typed);
        Ok(stream.advance())
    }

    /// A word or phrase, analysed as each field indexes it (tantivy's
    /// parser from the AST, never from text).
    fn literal(
        &self,
        text: &Text,
        phrase: &str,
        delimiter: Delimiter,
        slop: u32,
    ) -> Result<Box<dyn Query>, QueryError> {
        let field_name = match text.field {
            TextField::Any => None,
            TextField::Title => Some(schema::HEADLINE),
            TextField::Lead => Some(schema::LEAD),
            TextField::Body => Some(schema::BODY),
        };
        let build = |field_name: Option<&str>| {
            let leaf = UserInputLeaf::Literal(UserInputLiteral {
                field_name: field_name.map(str::to_string),
                phrase: phrase.to_string(),
                delimiter,
                slop,
                prefix: false,
            });
            self.parser
                .build_query_from_user_input_ast(UserInputAst::Leaf(Box::new(leaf)))
                .map_err(|err| QueryError::Syntax {
                    position: text.at,
                    message: err.to_string().to_lowercase(),
                })
        };
        let english = build(field_name)?;
        if text.field != TextField::Any {
            return Ok(english);
        }
        self.in_any_language(english, |(_, name)| build(Some(name)))
    }

    /// Words side by side, the last a prefix (`"tayyip erdo*"`), on the
    /// fields searched: tantivy's phrase prefix for each spelling of the
    /// words before it and each start of the terms the prefix means,
    /// whatever their accents (as `erdo*` alone finds them).
    fn phrase_prefix(&self, text: &Text, words: &str) -> Result<Box<dyn Query>, QueryError> {
        self.per_field(text.field, |field| {
            self.phrase_prefix_in(field, words).and_then(|query| {
                query.ok_or_else(|| {
                    let last = words.split_whitespace().last().unwrap_or(words);
                    QueryError::Syntax {
                        position: text.at,
                        message: format!(
                            "the phrase's last word `{last}*` starts more than {} words of the index: type more of it",
                            accents::MAX_PHRASE_PREFIX_TERMS
                        ),
                    }
                })
            })
        })
    }

    /// [`Self::phrase_prefix`] in one field; `None` when its last word
    /// starts too many terms.
    fn phrase_prefix_in(
        &self,
        field: Field,
        words: &str,
    ) -> Result<Option<Box<dyn Query>>, QueryError> {
        let mut analyzer = self.engine().index.tokenizer_for_field(field)?;
        // (position, term, the word as typed)
        let mut tokens: Vec<(usize, String, String)> = Vec::new();
        let mut stream = analyzer.token_stream(words);
        while stream.advance() {
            let token = stream.token();
            let typed = words[token.offset_from..token.offset_to].to_string();
            tokens.push((token.position, token.text.clone(), typed));
        }
        drop(stream);
        let Some((last_at, _, last)) = tokens.pop() else {
            return Ok(Some(Box::new(EmptyQuery)));
        };
        if tokens.is_empty() {
            return self.prefix(field, &last).map(Some);
        }
        let forms = PrefixForms::new(&mut analyzer, &last);
        let searcher = self.resolver.searcher;
        let Some(starts) = accents::prefix_starts(searcher, field, &forms)? else {
            return Ok(None);
        };
        let mut spellings = Vec::with_capacity(tokens.len());
        for (_, term, typed) in &tokens {
            let mut each = vec![term.clone()];
            let typed = typed.to_lowercase();
            each.extend(accents::variants(
                searcher,
                &[field],
                &mut analyzer,
                &typed,
                term,
            )?);
            spellings.push(each);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for heads in combinations(&spellings, MAX_PHRASE_SPELLINGS) {
            for start in starts.iter().take(MAX_PHRASE_SPELLINGS) {
                let mut terms: Vec<(usize, Term)> = tokens
                    .iter()
                    .zip(&heads)
                    .map(|((position, _, _), head)| (*position, Term::from_field_text(field, head)))
                    .collect();
                terms.push((last_at, Term::from_field_text(field, start)));
                let mut query = PhrasePrefixQuery::new_with_offset(terms);
                query.set_max_expansions(accents::MAX_PHRASE_PREFIX_TERMS as u32);
                clauses.push((Occur::Should, Box::new(query)));
            }
        }
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }

    /// `query` of a word or phrase, or with it the same words as the index
    /// also writes them with other accents (`erdogan`: "erdoğan"; `"tayyip
    /// erdogan"`: "tayyip erdoğan"), on the fields it searches with their
    /// weights: each other spelling of a word as a term, of a phrase as a
    /// phrase (at most [`MAX_PHRASE_SPELLINGS`]).
    fn with_accent_variants(
        &self,
        field: TextField,
        words: &str,
        slop: u32,
        query: Box<dyn Query>,
    ) -> Result<Box<dyn Query>, QueryError> {
        let fields = self.text_fields(field);
        let Some(&(first, _)) = fields.first() else {
            return Ok(query);
        };
        let mut analyzer = self.engine().index.tokenizer_for_field(first)?;
        let mut stream = analyzer.token_stream(words);
        // (position, term, the word as typed)
        let mut terms: Vec<(usize, String, String)> = Vec::new();
        while stream.advance() {
            let token = stream.token();
            let typed = words[token.offset_from..token.offset_to].to_lowercase();
            terms.push((token.position, token.text.clone(), typed));
        }
        drop(stream);
        let searched: Vec<Field> = fields.iter().map(|(field, _)| *field).collect();
        let mut spellings: Vec<Vec<String>> = Vec::with_capacity(terms.len());
        for (_, term, typed) in &terms {
            let mut each = vec![term.clone()];
            let searcher = self.resolver.searcher;
            each.extend(accents::variants(
                searcher,
                &searched,
                &mut analyzer,
                typed,
                term,
            )?);
            spellings.push(each);
        }
        let mut others = combinations(&spellings, MAX_PHRASE_SPELLINGS + 1);
        others.retain(|combination| combination.iter().zip(&terms).any(|(a, (_, b, _))| a != b));
        if others.is_empty() {
            return Ok(query);
        }
        let mut clauses = vec![(Occur::Should, query)];
        for other in others.iter().take(MAX_PHRASE_SPELLINGS) {
            for &(field, boost) in &fields {
                let query: Box<dyn Query> = match other.as_slice() {
                    [term] => Box::new(TermQuery::new(
                        Term::from_field_text(field, term),
                        IndexRecordOption::WithFreqs,
                    )),
                    _ => Box::new(PhraseQuery::new_with_offset_and_slop(
                        terms
                            .iter()
                            .zip(other)
                            .map(|((position, _, _), term)| {
                                (*position, Term::from_field_text(field, term))
                            })
                            .collect(),
                        slop,
                    )),
                };
                clauses.push((Occur::Should, Box::new(BoostQuery::new(query, boost))));
            }
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// `english` (the query over the English-analysed fields), or the best
    /// of it and the same words analysed for each language the index holds
    /// (`build` of each stemmed field): an article in German that writes
    /// the word as typed matches both, and counts once, as an English one.
    fn in_any_language(
        &self,
        english: Box<dyn Query>,
        build: impl Fn(&(Field, String)) -> Result<Box<dyn Query>, QueryError>,
    ) -> Result<Box<dyn Query>, QueryError> {
        if self.stemmed.is_empty() {
            return Ok(english);
        }
        let mut disjuncts = vec![english];
        for stemmed in &self.stemmed {
            disjuncts.push(Box::new(BoostQuery::new(build(stemmed)?, STEMMED_BOOST)));
        }
        Ok(Box::new(DisjunctionMaxQuery::new(disjuncts)))
    }

    /// One query per field of `field`, weighted, any of them matching;
    /// for all fields, in any language the index holds.
    fn per_field(
        &self,
        field: TextField,
        build: impl Fn(Field) -> Result<Box<dyn Query>, QueryError>,
    ) -> Result<Box<dyn Query>, QueryError> {
        let mut clauses = Vec::new();
        for (field, boost) in self.text_fields(field) {
            let query = build(field)?;
            let query = if boost == 1.0 {
                query
            } else {
                Box::new(BoostQuery::new(query, boost))
            };
            clauses.push((Occur::Should, query));
        }
        let english: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
        if field != TextField::Any {
            return Ok(english);
        }
        self.in_any_language(english, |(stemmed, _)| build(*stemmed))
    }

    /// The terms of `field` a typed prefix means, whatever their accents
    /// ([`PrefixForms`]: a stem may be shorter than the prefix typed).
    fn prefix(&self, field: Field, prefix: &str) -> Result<Box<dyn Query>, QueryError> {
        let mut analyzer = self.engine().index.tokenizer_for_field(field)?;
        let forms = PrefixForms::new(&mut analyzer, prefix);
        Ok(Box::new(accents::FoldedPrefixQuery {
            field,
            automaton: std::sync::Arc::new(accents::FoldedPrefix::new(&forms)),
        }))
    }

    /// Terms of `field` within `distance` edits (a swap of two letters is
    /// one) of the word as the field indexes it.
    fn fuzzy(&self, field: Field, word: &str, distance: u8) -> Result<Box<dyn Query>, QueryError> {
        let mut analyzer = self.engine().index.tokenizer_for_field(field)?;
        let mut stream = analyzer.token_stream(word);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        while stream.advance() {
            let term = Term::from_field_text(field, &stream.token().text);
            // A term within the edits matches with a constant score, once
            // for each allowed distance it is within (one edit away scores
            // more than two), and the word as typed scores as a word does:
            // articles that have it come first.
            let mut ways: Vec<(Occur, Box<dyn Query>)> = vec![(
                Occur::Should,
                Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
            )];
            for edits in 1..=distance {
                ways.push((
                    Occur::Should,
                    Box::new(FuzzyTermQuery::new(term.clone(), edits, true)),
                ));
            }
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(ways))));
        }
        Ok(match clauses.len() {
            0 => Box::new(EmptyQuery),
            1 => clauses
                .pop()
                .map_or_else(|| Box::new(EmptyQuery) as Box<dyn Query>, |(_, q)| q),
            _ => Box::new(BooleanQuery::new(clauses)),
        })
    }
}

/// The most other spellings of one word or phrase a query takes: a bound
/// on its size.
const MAX_PHRASE_SPELLINGS: usize = 16;

/// Up to `most` ways of taking one spelling of each word, the first
/// spellings first.
fn combinations(spellings: &[Vec<String>], most: usize) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for each in spellings {
        out = out
            .iter()
            .flat_map(|prefix| {
                each.iter().map(move |spelling| {
                    let mut longer = prefix.clone();
                    longer.push(spelling.clone());
                    longer
                })
            })
            .take(most)
            .collect();
    }
    out
}

/// The weight of a match through a language's stems against one through
/// the English-analysed fields: a word matched as written (or as English
/// stems it) is better evidence than another form of it in some language,
/// so "vote" ranks an English article that writes "vote" above a Portuguese
/// one that writes "votos", and "Schulen" the articles that write
/// "Schulen" above those that write "Schule".
const STEMMED_BOOST: f32 = 0.7;

/// Adds `query` to the clauses of an `OR`, its own clauses when it is an
/// `OR` itself (a word is one over the headline, lead and body): one flat
/// union scores the same and lets tantivy skip blocks that cannot reach
/// the top hits (block-max WAND), which nested unions do not (`oil OR gas`
/// took 1.7 times as long).
fn push_should(clauses: &mut Vec<(Occur, Box<dyn Query>)>, query: Box<dyn Query>) {
    if let Some(union) = query.downcast_ref::<BooleanQuery>() {
        if union
            .clauses()
            .iter()
            .all(|(occur, _)| *occur == Occur::Should)
        {
            clauses.extend(
                union
                    .clauses()
                    .iter()
                    .map(|(occur, clause)| (*occur, clause.box_clone())),
            );
            return;
        }
    }
    clauses.push((Occur::Should, query));
}
