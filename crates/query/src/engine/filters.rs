//! One builder per filter kind. `--person X` and `person:X` (and the other
//! kinds likewise) are the same [`Filter`] and are built here, once.

use std::ops::Bound;

use chrono::NaiveDate;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Term};

use super::build::QueryBuilder;
use super::resolver::{closest_people, shown};
use super::Catalogue;
use crate::ast::{Filter, Period};
use crate::{NamedPerson, PersonChoice, QueryError};
use dateline_extract::names::fold;
use dateline_indexer::schema;

impl QueryBuilder<'_> {
    /// The query of one filter; `negated`: inside an odd number of `NOT`s.
    pub(super) fn filter(
        &mut self,
        filter: &Filter,
        negated: bool,
    ) -> Result<Box<dyn Query>, QueryError> {
        match filter {
            Filter::Person(name) => self.person(name, negated),
            Filter::Topic(name) => self.topic(name),
            Filter::Place(name) => self.place(name, negated),
            Filter::Org(name) => self.org(name, negated),
            Filter::Source(name) => self.source(name),
            Filter::Language(name) => self.language(name),
            Filter::Period(period) => self.period(period),
        }
    }

    /// Every stored form of the people the typed name means (after the
    /// alias file). A full name means one person; a surname shared by
    /// several means all of them, and the response says so.
    fn person(&mut self, name: &str, negated: bool) -> Result<Box<dyn Query>, QueryError> {
        let searcher = self.resolver.searcher;
        let people_forms = self.people_named(name)?;
        let fields = &self.engine().fields;
        let union = |forms: &[String]| BooleanQuery::union(terms(fields.people, forms));
        if !negated {
            let mut people = Vec::with_capacity(people_forms.len());
            for (person, forms) in &people_forms {
                people.push(PersonChoice {
                    name: person.clone(),
                    articles: searcher.search(&union(forms), &tantivy::collector::Count)? as u64,
                });
            }
            people.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
            self.people.push(NamedPerson {
                name: name.to_string(),
                people,
            });
        }
        let all: Vec<String> = people_forms.into_iter().flat_map(|(_, f)| f).collect();
        Ok(Box::new(union(&all)))
    }

    /// The people a typed name means, each with their stored forms; an
    /// unknown name is an error with suggestions.
    pub(super) fn people_named(
        &self,
        name: &str,
    ) -> Result<Vec<(String, Vec<String>)>, QueryError> {
        let engine = self.engine();
        let searcher = self.resolver.searcher;
        let catalogue: std::sync::Arc<Catalogue> = engine.catalogue(searcher)?;
        let typed = engine.aliases.get(&fold(name)).map_or(name, String::as_str);
        let found = catalogue.find_people(searcher, typed)?;
        if found.is_empty() {
            return Err(QueryError::UnknownPerson {
                name: shown(name),
                suggestions: closest_people(catalogue.all_people(searcher)?, typed),
            });
        }
        Ok(found
            .into_iter()
            .map(|(person, _)| (person.to_string(), catalogue.people.forms_of(person)))
            .collect())
    }

    /// The topic and its narrower topics, the articles most about it
    /// scoring highest (`topic_strength` repeats a qcode by strength).
    fn topic(&self, name: &str) -> Result<Box<dyn Query>, QueryError> {
        let term = self.resolver.topic_term(name)?;
        Ok(Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)))
    }

    fn place(&mut self, name: &str, negated: bool) -> Result<Box<dyn Query>, QueryError> {
        let field = self.engine().fields.places;
        let value = self.resolver.facet_value(field, "place", name)?;
        let query = Box::new(term_query(field, &value));
        if !negated {
            self.names.push(value);
        }
        Ok(query)
    }

    /// Every stored form of the organisation ("IMF": also "International
    /// Monetary Fund").
    fn org(&mut self, name: &str, negated: bool) -> Result<Box<dyn Query>, QueryError> {
        let engine = self.engine();
        let field = engine.fields.organizations;
        let value = self.resolver.facet_value(field, "organisation", name)?;
        let forms = engine
            .catalogue(self.resolver.searcher)?
            .organisations
            .forms_of(&value);
        if !negated {
            self.names.push(value);
        }
        Ok(Box::new(BooleanQuery::union(terms(field, &forms))))
    }

    /// Case- and accent-insensitive, as places and organisations are.
    fn source(&self, name: &str) -> Result<Box<dyn Query>, QueryError> {
        let field = self.engine().fields.source;
        let value = self.resolver.facet_value(field, "source", name)?;
        Ok(Box::new(term_query(field, &value)))
    }

    /// A language as an ISO 639-1 code ("German" and "deu" are "de"), or a
    /// value the input gave as it is; `unknown` (or `none`, `und`) for
    /// articles without one. A language no article is in is an error that
    /// lists those of the index.
    fn language(&self, name: &str) -> Result<Box<dyn Query>, QueryError> {
        let field = self.engine().fields.language;
        let searcher = self.resolver.searcher;
        let known = self.engine().languages(searcher)?;
        let typed = name.trim().to_lowercase();
        if matches!(typed.as_str(), "unknown" | "none" | "und") {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(AllQuery))];
            for value in &known {
                clauses.push((Occur::MustNot, Box::new(term_query(field, value))));
            }
            return Ok(Box::new(BooleanQuery::new(clauses)));
        }
        let value = dateline_extract::language::code(&typed).map_or(typed, str::to_string);
        if known.contains(&value) {
            return Ok(Box::new(term_query(field, &value)));
        }
        Err(QueryError::UnknownValue {
            kind: "language",
            name: name.trim().to_string(),
            suggestions: known.into_iter().collect(),
        })
    }

    fn period(&self, period: &Period) -> Result<Box<dyn Query>, QueryError> {
        let (first, end) = period.days()?;
        // Open at both ends (`date:[* TO *]`) means every dated article.
        let first = match (first, end) {
            (None, None) => NaiveDate::from_ymd_opt(*schema::DATE_YEARS.start(), 1, 1),
            _ => first,
        };
        let field = self.engine().fields.date;
        let term = |day: NaiveDate| {
            let secs = day
                .and_hms_opt(0, 0, 0)
                .map_or(0, |d| d.and_utc().timestamp());
            Term::from_field_date(field, DateTime::from_timestamp_secs(secs))
        };
        Ok(Box::new(RangeQuery::new(
            first.map_or(Bound::Unbounded, |d| Bound::Included(term(d))),
            end.map_or(Bound::Unbounded, |d| Bound::Excluded(term(d))),
        )))
    }
}

pub(super) fn term_query(field: Field, value: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    )
}

fn terms(field: Field, values: &[String]) -> Vec<Box<dyn Query>> {
    values
        .iter()
        .map(|value| Box::new(term_query(field, value)) as Box<dyn Query>)
        .collect()
}
