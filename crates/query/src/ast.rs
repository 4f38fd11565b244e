//! What a search asks for, typed, before it meets an index.
//!
//! The query language ([`crate::syntax::parse`]) and the command line's
//! filters (`--person`, `--topic`, ..., [`crate::SearchRequest::filters`])
//! both end here, so one builder per [`Filter`] kind serves both, and
//! nothing is rendered back into text and parsed a second time.

use chrono::{Duration, NaiveDate};

use crate::{DatePeriod, QueryError};

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// Every part must match: words side by side, or joined by `AND`.
    All(Vec<Expr>),
    /// At least one part must match: `OR`.
    Any(Vec<Expr>),
    /// What the part does not match: `-word`, `NOT word`.
    Not(Box<Expr>),
    /// Words to find in the text.
    Text(Text),
    /// A filter on an entity, source or period.
    Filter(Filter),
}

impl Expr {
    /// Whether any part searches the text (not only filters), outside a
    /// `NOT`: only such a query has passages to show as snippets.
    pub fn searches_text(&self) -> bool {
        match self {
            Expr::All(parts) | Expr::Any(parts) => parts.iter().any(Expr::searches_text),
            Expr::Not(_) | Expr::Filter(_) => false,
            Expr::Text(_) => true,
        }
    }
}

/// Words to find, in which fields, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// Where the words are searched.
    pub field: TextField,
    /// A word, a phrase, a prefix or a fuzzy word.
    pub kind: TextKind,
    /// Byte offset in the query where it starts (for error messages).
    pub at: usize,
}

/// The text a [`Text`] searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// Headline, lead and body, the headline counting most (free text).
    Any,
    /// The headline shown, given or derived from the lead (`title:`).
    Title,
    /// The lead (`lead:`).
    Lead,
    /// The body (`body:`).
    Body,
}

/// How the words of a [`Text`] match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextKind {
    /// One word; a word with inner punctuation ("U.S.") is the phrase of its parts.
    Word(String),
    /// Words in this order, at most `slop` moves apart (`"oil prices"~3`).
    Phrase {
        /// The words.
        words: String,
        /// How far apart they may be; 0 is side by side.
        slop: u32,
    },
    /// Words in this order, side by side, the last one a prefix
    /// (`"tayyip erdo*"`): the words as typed, without the `*`.
    PhrasePrefix(String),
    /// Words starting so (`petro*`).
    Prefix(String),
    /// Words within a few edits of this one (`opec~`, `opec~1`).
    Fuzzy {
        /// The word typed.
        word: String,
        /// Edits allowed; `None` is by the word's length (0 up to 2
        /// letters, 1 up to 5, else 2).
        distance: Option<u8>,
    },
}

/// A filter, from the command line or the query language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Articles naming this person in any form (`--person`, `person:`).
    Person(String),
    /// Articles on this topic: label, qcode or a word of a label.
    Topic(String),
    /// Articles naming this place.
    Place(String),
    /// Articles naming this organisation in any form.
    Org(String),
    /// Articles from this source (case and accents ignored).
    Source(String),
    /// Articles in this language (a code, "de", or a name, "German").
    Language(String),
    /// Articles dated in this period.
    Period(Period),
}

/// A period as typed: `--from A --to B`, `date:2025`, `date:[A TO B}`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Period {
    /// The start; `None` is open.
    pub from: Option<PeriodBound>,
    /// The end; `None` is open.
    pub to: Option<PeriodBound>,
}

/// One end of a [`Period`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodBound {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as typed.
    pub value: String,
    /// Whether the named period itself is in (`[`, `--from`, `--to`) or
    /// not (`{`, `}`).
    pub inclusive: bool,
}

impl PeriodBound {
    /// An inclusive bound, as the command line's `--from` and `--to` are.
    pub fn inclusive(value: &str) -> PeriodBound {
        PeriodBound {
            value: value.to_string(),
            inclusive: true,
        }
    }
}

impl Period {
    /// The first day in the period and the first day after it (`None`:
    /// open). A start after the end is an error, the same whichever syntax
    /// typed it.
    ///
    /// ```
    /// use dateline_query::ast::{Period, PeriodBound};
    /// let period = Period {
    ///     from: Some(PeriodBound::inclusive("2025-01")),
    ///     to: Some(PeriodBound { value: "2025-03".into(), inclusive: false }),
    /// };
    /// let (first, end) = period.days().unwrap();
    /// assert_eq!(first.unwrap().to_string(), "2025-01-01");
    /// assert_eq!(end.unwrap().to_string(), "2025-03-01");
    /// let reversed = Period {
    ///     from: Some(PeriodBound::inclusive("2025-04")),
    ///     to: Some(PeriodBound::inclusive("2025-03")),
    /// };
    /// assert!(reversed.days().is_err());
    /// ```
    pub fn days(&self) -> Result<(Option<NaiveDate>, Option<NaiveDate>), QueryError> {
        let from = self
            .from
            .as_ref()
            .map(|b| Ok::<_, QueryError>((b, DatePeriod::parse(&b.value)?)));
        let to = self
            .to
            .as_ref()
            .map(|b| Ok::<_, QueryError>((b, DatePeriod::parse(&b.value)?)));
        let from = from.transpose()?;
        let to = to.transpose()?;
        if let (Some((f, first)), Some((t, last))) = (&from, &to) {
            if first.first > last.last {
                return Err(QueryError::ReversedPeriod {
                    from: f.value.clone(),
                    to: t.value.clone(),
                });
            }
        }
        let start = from.map(|(bound, period)| {
            if bound.inclusive {
                period.first
            } else {
                period.last + Duration::days(1)
            }
        });
        let end = to.map(|(bound, period)| {
            if bound.inclusive {
                period.last + Duration::days(1)
            } else {
                period.first
            }
        });
        Ok((start, end))
    }
}
