//! The user-facing query language, rewritten into tantivy's syntax.
//!
//! Users type news-search queries: words (all required), `"phrases"`,
//! `"phrases"~3` (words at most three moves apart), `petro*` (words that
//! start so), `OR`, `NOT`/`-word`, `+word`, parentheses, and field shortcuts
//! `person:`, `topic:`, `place:`, `org:`, `date:[2025-01 TO 2025-06]`,
//! `title:`, `lead:`, `body:`. Stray punctuation is forgiven ("Putin's",
//! "U.S.", "why?"); unclosed quotes, brackets and parentheses, unknown
//! fields, a reversed period and operators Dateline does not support
//! (`opec~`, `oil^2`, `wom?n`) are errors with the byte position where they
//! start: nothing the user typed is silently dropped.

use crate::QueryError;

/// A field shortcut that needs resolving against the index or taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shortcut {
    Person,
    Topic,
    Place,
    Org,
    Source,
}

/// Resolves shortcut values and date ranges into tantivy clauses.
pub(crate) trait Resolver {
    /// A clause for `field:value`, e.g. `people_keys:"putin"`.
    fn shortcut(&self, field: Shortcut, value: &str) -> Result<String, QueryError>;
    /// A clause for the words of the searched text that start with
    /// `prefix` (as typed, at least two letters).
    fn prefix(&self, prefix: &str) -> Result<String, QueryError>;
    /// A clause for a date range; `None` is an open end.
    fn date_range(
        &self,
        lower: Option<(&str, bool)>,
        upper: Option<(&str, bool)>,
    ) -> Result<String, QueryError>;
}

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let ch = self.peek()?;
        self.pos += ch.len_utf8();
        Some(ch)
    }

    /// Reads a quoted phrase starting at the opening quote; returns its content.
    fn phrase(&mut self) -> Result<String, QueryError> {
        let start = self.pos;
        self.bump();
        let rest = &self.text[self.pos..];
        let Some(end) = rest.find('"') else {
            return Err(QueryError::Syntax {
                position: start,
                message: "unclosed quote".to_string(),
            });
        };
        let content = rest[..end].replace('\\', " ");
        self.pos += end + 1;
        Ok(content)
    }

    /// Reads a word up to white space, a quote or a parenthesis.
    fn word(&mut self) -> &'a str {
        let start = self.pos;
        while let Some(ch) = self.peek() {
            if ch.is_whitespace() || matches!(ch, '"' | '(' | ')') {
                break;
            }
            self.pos += ch.len_utf8();
        }
        &self.text[start..self.pos]
    }
}

impl Lexer<'_> {
    /// Reads `~N` straight after a phrase: how far apart its words may be.
    fn slop(&mut self) -> Result<Option<u32>, QueryError> {
        if self.peek() != Some('~') {
            return Ok(None);
        }
        let start = self.pos;
        self.bump();
        let digits = self.word();
        match digits.parse::<u32>() {
            Ok(slop) if slop <= 100 => Ok(Some(slop)),
            _ => Err(QueryError::Syntax {
                position: start,
                message: format!(
                    "`~{digits}` after a phrase should be a distance from 0 to 100, as in \"oil prices\"~3"
                ),
            }),
        }
    }
}

/// The prefix of a bare `word*` (at least two letters or digits); an error
/// for operators Dateline does not support inside or after a bare word:
/// fuzzy `opec~`, boosts `oil^2`, wildcards inside a word `wom?n`, `wom*n`.
/// (A trailing `?` or `!` is punctuation: "why?".)
fn prefix_word(word: &str, start: usize) -> Result<Option<&str>, QueryError> {
    let unsupported = |at: usize, what: &str, instead: &str| QueryError::Syntax {
        position: start + at,
        message: format!("{what} in `{word}` is not supported: {instead}"),
    };
    if let Some(at) = word.find('~') {
        return Err(unsupported(
            at,
            "a fuzzy term (`~`)",
            "join the spellings with OR, or search a prefix (`opec*`)",
        ));
    }
    if let Some(at) = word.find('^') {
        return Err(unsupported(
            at,
            "a boost (`^`)",
            "words in the headline already count more",
        ));
    }
    let body = word.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '*');
    let body = body.trim_start_matches(|c: char| !c.is_alphanumeric());
    if let Some(at) = body.trim_end_matches('*').find(['*', '?']) {
        let at = word.len()
            - word
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len()
            + at;
        return Err(unsupported(
            at,
            "a wildcard inside a word",
            "end the word with `*` to search a prefix (`petro*`), or join spellings with OR",
        ));
    }
    let Some(stem) = body.strip_suffix('*') else {
        return Ok(None);
    };
    let stem = stem.trim_end_matches('*');
    if stem.chars().count() < 2 || !stem.chars().all(char::is_alphanumeric) {
        return Err(QueryError::Syntax {
            position: start,
            message: format!(
                "`{word}`: a prefix search needs at least two letters or digits before `*`"
            ),
        });
    }
    Ok(Some(stem))
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('"', " "))
}

/// A bare word made safe for tantivy: outer punctuation dropped, a word with
/// inner punctuation ("Putin's", "U.S.") kept as a phrase of its parts.
fn clean_word(word: &str) -> Option<String> {
    let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric());
    if trimmed.is_empty() {
        return None;
    }
    if trimmed.chars().all(char::is_alphanumeric) {
        Some(trimmed.to_string())
    } else {
        Some(quote(trimmed))
    }
}

/// How deep parentheses may nest. tantivy's parser and query tree recurse
/// once per level, and 2,000 levels overflowed the stack and aborted the
/// process (and a whole batch with it); no real query needs more than a few.
pub const MAX_NESTING: usize = 64;

/// Rewrites a user query into tantivy query syntax.
pub(crate) fn rewrite(query: &str, resolver: &dyn Resolver) -> Result<String, QueryError> {
    let mut lexer = Lexer {
        text: query,
        pos: 0,
    };
    let mut out = String::with_capacity(query.len() + 16);
    let mut open_parens: Vec<usize> = Vec::new();
    let mut prefix = String::new();
    let emit = |out: &mut String, prefix: &mut String, clause: &str| {
        if !out.is_empty() && !out.ends_with('(') {
            out.push(' ');
        }
        out.push_str(prefix);
        out.push_str(clause);
        prefix.clear();
    };
    while let Some(ch) = lexer.peek() {
        let start = lexer.pos;
        if ch.is_whitespace() {
            lexer.bump();
            continue;
        }
        match ch {
            '(' => {
                lexer.bump();
                if open_parens.len() == MAX_NESTING {
                    return Err(QueryError::Syntax {
                        position: start,
                        message: format!(
                            "parentheses nested more than {MAX_NESTING} deep: flatten the query"
                        ),
                    });
                }
                open_parens.push(start);
                emit(&mut out, &mut prefix, "(");
            }
            ')' => {
                lexer.bump();
                if open_parens.pop().is_none() {
                    return Err(QueryError::Syntax {
                        position: start,
                        message: "`)` without a matching `(`".to_string(),
                    });
                }
                prefix.clear();
                out.push(')');
            }
            '"' => {
                let phrase = lexer.phrase()?;
                let slop = lexer.slop()?;
                if phrase.trim().is_empty() {
                    continue;
                }
                let clause = match slop {
                    Some(slop) => format!("{}~{slop}", quote(&phrase)),
                    None => quote(&phrase),
                };
                emit(&mut out, &mut prefix, &clause);
            }
            '+' | '-' => {
                lexer.bump();
                match lexer.peek() {
                    Some(next) if !next.is_whitespace() && next != ')' => prefix = ch.to_string(),
                    _ => {} // a stray sign
                }
            }
            _ => {
                let word = lexer.word();
                match word {
                    "AND" | "OR" => {
                        if !out.is_empty() {
                            out.push(' ');
                            out.push_str(word);
                        }
                        continue;
                    }
                    "NOT" => {
                        prefix = "-".to_string();
                        continue;
                    }
                    _ => {}
                }
                if let Some(clause) = field_clause(word, start, &mut lexer, resolver)? {
                    emit(&mut out, &mut prefix, &clause);
                } else if let Some(stem) = prefix_word(word, start)? {
                    emit(&mut out, &mut prefix, &resolver.prefix(stem)?);
                } else if let Some(clean) = clean_word(word) {
                    emit(&mut out, &mut prefix, &clean);
                }
            }
        }
    }
    if let Some(position) = open_parens.pop() {
        return Err(QueryError::Syntax {
            position,
            message: "`(` is never closed".to_string(),
        });
    }
    // "AND", "OR", "NOT" alone join nothing: an error, not every article.
    let words_left = out.split_whitespace().any(|w| !matches!(w, "AND" | "OR"));
    if !words_left
        && query
            .split_whitespace()
            .any(|w| matches!(w, "AND" | "OR" | "NOT"))
    {
        return Err(QueryError::Syntax {
            position: query.len() - query.trim_start().len(),
            message: "the query has operators (AND, OR, NOT) but no words to search for"
                .to_string(),
        });
    }
    Ok(out)
}

const FIELDS: &str = "person, topic, place, org, source, date, title, lead, body";

/// Handles `field:value` words; `None` when the word is not a field clause.
fn field_clause(
    word: &str,
    start: usize,
    lexer: &mut Lexer<'_>,
    resolver: &dyn Resolver,
) -> Result<Option<String>, QueryError> {
    let Some(colon) = word.find(':') else {
        return Ok(None);
    };
    let name = &word[..colon];
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphabetic() || c == '_') {
        return Ok(None);
    }
    let mut value = word[colon + 1..].to_string();
    let value_position = start + colon + 1;
    let quoted = value.is_empty() && lexer.peek() == Some('"');
    if value.is_empty() && !quoted {
        // "Kremlin: talks" is a word with a stray colon, not a field.
        return Ok(None);
    }
    let field = name.to_ascii_lowercase();
    let shortcut = match field.as_str() {
        "person" | "people" => Some(Shortcut::Person),
        "topic" | "topics" => Some(Shortcut::Topic),
        "place" | "places" => Some(Shortcut::Place),
        "org" | "orgs" | "organization" | "organisation" => Some(Shortcut::Org),
        "source" => Some(Shortcut::Source),
        "date" | "title" | "lead" | "body" => None,
        _ => {
            return Err(QueryError::Syntax {
                position: start,
                message: format!("unknown field `{name}`; fields are {FIELDS}"),
            })
        }
    };
    if field == "date" {
        return date_clause(&value, value_position, lexer, resolver).map(Some);
    }
    if quoted {
        value = lexer.phrase()?;
    }
    if let Some(shortcut) = shortcut {
        return resolver.shortcut(shortcut, value.trim()).map(Some);
    }
    let clean = if quoted {
        Some(quote(&value))
    } else {
        clean_word(&value)
    };
    // `title:` is the headline shown, given or derived from the lead.
    let field = if field == "title" {
        dateline_indexer::schema::HEADLINE
    } else {
        field.as_str()
    };
    Ok(clean.map(|v| format!("{field}:{v}")))
}

/// `date:2025`, `date:2025-06`, `date:[2025-01-01 TO 2025-06-30]`, `date:{2024 TO *]`.
fn date_clause(
    value: &str,
    position: usize,
    lexer: &mut Lexer<'_>,
    resolver: &dyn Resolver,
) -> Result<String, QueryError> {
    let opener = value.chars().next();
    if !matches!(opener, Some('[') | Some('{')) {
        return resolver.date_range(Some((value, true)), Some((value, true)));
    }
    // The range may span spaces: read on to the closing bracket.
    let range_start = position;
    let mut range = value.to_string();
    while !range.ends_with(']') && !range.ends_with('}') {
        match lexer.bump() {
            Some(ch) => range.push(ch),
            None => {
                return Err(QueryError::Syntax {
                    position: range_start,
                    message: "date range is never closed with `]` or `}`".to_string(),
                })
            }
        }
    }
    let inclusive_lower = range.starts_with('[');
    let inclusive_upper = range.ends_with(']');
    let inner = &range[1..range.len() - 1];
    let parts: Vec<&str> = inner.split_whitespace().collect();
    let [lower, to, upper] = parts[..] else {
        return Err(QueryError::Syntax {
            position: range_start,
            message: format!("date range `{range}` should read [FROM TO UNTIL]"),
        });
    };
    if to != "TO" {
        return Err(QueryError::Syntax {
            position: range_start,
            message: format!("date range `{range}` should read [FROM TO UNTIL]"),
        });
    }
    let bound = |v: &'_ str, inclusive: bool| -> Option<(String, bool)> {
        (v != "*").then(|| (v.to_string(), inclusive))
    };
    let lower = bound(lower, inclusive_lower);
    let upper = bound(upper, inclusive_upper);
    resolver.date_range(
        lower.as_ref().map(|(v, i)| (v.as_str(), *i)),
        upper.as_ref().map(|(v, i)| (v.as_str(), *i)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Echo;

    impl Resolver for Echo {
        fn prefix(&self, prefix: &str) -> Result<String, QueryError> {
            Ok(format!("P={prefix}"))
        }
        fn shortcut(&self, field: Shortcut, value: &str) -> Result<String, QueryError> {
            Ok(format!("{field:?}={value}"))
        }
        fn date_range(
            &self,
            lower: Option<(&str, bool)>,
            upper: Option<(&str, bool)>,
        ) -> Result<String, QueryError> {
            Ok(format!("D[{lower:?}..{upper:?}]"))
        }
    }

    fn rw(q: &str) -> Result<String, QueryError> {
        rewrite(q, &Echo)
    }

    #[test]
    fn forgives_stray_punctuation() {
        assert_eq!(
            rw("Putin's talks? - U.S. , ukraine!").unwrap(),
            "\"Putin's\" talks \"U.S\" ukraine"
        );
        assert_eq!(rw("Kremlin: talks").unwrap(), "Kremlin talks");
    }

    #[test]
    fn keeps_operators_and_phrases() {
        assert_eq!(
            rw("(peace OR ceasefire) -\"natural gas\" +Kremlin NOT oil").unwrap(),
            "(peace OR ceasefire) -\"natural gas\" +Kremlin -oil"
        );
    }

    #[test]
    fn prefixes_and_proximity() {
        assert_eq!(rw("petro* -oil").unwrap(), "P=petro -oil");
        assert_eq!(rw("(petro*)").unwrap(), "(P=petro)");
        assert_eq!(rw("\"oil prices\"~3 why?").unwrap(), "\"oil prices\"~3 why");
    }

    #[test]
    fn rewrites_field_shortcuts() {
        assert_eq!(
            rw("person:\"vladimir putin\" talks").unwrap(),
            "Person=vladimir putin talks"
        );
        assert_eq!(
            rw("date:[2025-01-01 TO 2025-06-30] topic:war").unwrap(),
            "D[Some((\"2025-01-01\", true))..Some((\"2025-06-30\", true))] Topic=war"
        );
        assert_eq!(
            rw("date:{2024 TO *]").unwrap(),
            "D[Some((\"2024\", false))..None]"
        );
    }

    #[test]
    fn reports_malformed_queries_with_positions() {
        let err = rw("talks \"ukraine").unwrap_err();
        assert!(
            matches!(err, QueryError::Syntax { position: 6, .. }),
            "{err}"
        );
        let err = rw("(talks OR peace").unwrap_err();
        assert!(
            matches!(err, QueryError::Syntax { position: 0, .. }),
            "{err}"
        );
        let err = rw("talks)").unwrap_err();
        assert!(
            matches!(err, QueryError::Syntax { position: 5, .. }),
            "{err}"
        );
        let err = rw("colour:red").unwrap_err();
        assert!(err.to_string().contains("unknown field `colour`"), "{err}");
        let at = |q: &str| match rw(q) {
            Err(QueryError::Syntax { position, .. }) => position,
            other => panic!("{q}: {other:?}"),
        };
        assert_eq!(at("oil opec~"), 8);
        assert_eq!(at("oil opec~1"), 8);
        assert_eq!(at("oil^2"), 3);
        assert_eq!(at("a wom?n"), 5);
        assert_eq!(at("a (wom*n"), 6);
        assert_eq!(at("x*"), 0);
        assert_eq!(at(" OR"), 1);
        assert_eq!(at("NOT"), 0);
        assert_eq!(at("\"oil prices\"~x"), 12);
        let err = rw("date:[2025 TO").unwrap_err();
        assert!(
            matches!(err, QueryError::Syntax { position: 5, .. }),
            "{err}"
        );
    }
}
