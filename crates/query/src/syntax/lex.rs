//! The query text cut into tokens: parentheses, operators, and the words,
//! phrases and field clauses already typed as [`Expr`] leaves. Everything
//! that is wrong inside one word (an unclosed quote, an unknown field, an
//! operator Dateline does not support) is an error here, at its position.

use crate::ast::{Expr, Filter, Period, PeriodBound, Text, TextField, TextKind};
use crate::QueryError;

use super::MAX_NESTING;

/// One token of a query.
#[derive(Debug)]
pub(super) enum Token {
    Open,
    Close,
    And,
    Or,
    /// `NOT`
    Not,
    /// `-` straight before a word, phrase or group.
    Minus,
    /// `+` straight before a word, phrase or group (words are required anyway).
    Plus,
    /// A word, phrase or field clause.
    Leaf(Expr),
}

/// A token and the byte offset where it starts.
#[derive(Debug)]
pub(super) struct Spanned {
    pub(super) at: usize,
    pub(super) token: Token,
}

pub(super) fn syntax_error(position: usize, message: impl Into<String>) -> QueryError {
    QueryError::Syntax {
        position,
        message: message.into(),
    }
}

/// The tokens of `query`, with parentheses checked to balance.
pub(super) fn tokens(query: &str) -> Result<Vec<Spanned>, QueryError> {
    let mut lexer = Lexer {
        text: query,
        pos: 0,
    };
    let mut out = Vec::new();
    let mut open_parens: Vec<usize> = Vec::new();
    while let Some(ch) = lexer.peek() {
        let at = lexer.pos;
        let token = match ch {
            // Commas and semicolons separate words ("oil,gas" is two).
            _ if ch.is_whitespace() || matches!(ch, ',' | ';') => {
                lexer.bump();
                continue;
            }
            '(' => {
                lexer.bump();
                if open_parens.len() == MAX_NESTING {
                    return Err(syntax_error(
                        at,
                        format!(
                            "parentheses nested more than {MAX_NESTING} deep: flatten the query"
                        ),
                    ));
                }
                open_parens.push(at);
                Token::Open
            }
            ')' => {
                lexer.bump();
                if open_parens.pop().is_none() {
                    return Err(syntax_error(at, "`)` without a matching `(`"));
                }
                Token::Close
            }
            '\u{201D}' => {
                lexer.bump();
                continue; // a closing quote with no opening one: punctuation
            }
            '"' | '\u{201C}' | '\u{201E}' => {
                let (words, content_at) = lexer.phrase()?;
                if words.trim().is_empty() {
                    return Err(syntax_error(
                        at,
                        "an empty phrase `\"\"`: put words between the quotes",
                    ));
                }
                let starred = lexer.star();
                let slop = lexer.slop()?;
                match phrase_kind(&words, starred, slop, (at, content_at))? {
                    Some(kind) => Token::Leaf(Expr::Text(Text {
                        field: TextField::Any,
                        kind,
                        at,
                    })),
                    None => continue, // punctuation alone, as a word would be
                }
            }
            '+' | '-' => {
                lexer.bump();
                match lexer.peek() {
                    Some(next) if !next.is_whitespace() && next != ')' => {
                        if ch == '-' {
                            Token::Minus
                        } else {
                            Token::Plus
                        }
                    }
                    _ => continue, // a stray sign: "oil - gas"
                }
            }
            _ => {
                let word = lexer.word();
                match word {
                    "AND" => Token::And,
                    "OR" => Token::Or,
                    "NOT" => Token::Not,
                    _ => match field_clause(word, at, &mut lexer)? {
                        Some(expr) => Token::Leaf(expr),
                        None => match text_kind(word, at)? {
                            Some(kind) => Token::Leaf(Expr::Text(Text {
                                field: TextField::Any,
                                kind,
                                at,
                            })),
                            None => continue, // punctuation alone
                        },
                    },
                }
            }
        };
        out.push(Spanned { at, token });
    }
    if let Some(position) = open_parens.pop() {
        return Err(syntax_error(position, "`(` is never closed"));
    }
    Ok(out)
}

/// Characters that open a phrase.
const OPENING_QUOTES: [char; 3] = ['"', '\u{201C}', '\u{201E}'];
/// Characters that close one.
const CLOSING_QUOTES: [char; 3] = ['"', '\u{201D}', '\u{201C}'];

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

    /// Reads a quoted phrase starting at the opening quote (straight, or
    /// curly as word processors write it: `“oil prices”`, `„Ölpreis“`);
    /// returns its content and where the content starts.
    fn phrase(&mut self) -> Result<(String, usize), QueryError> {
        let start = self.pos;
        self.bump();
        let rest = &self.text[self.pos..];
        let Some(end) = rest.find(CLOSING_QUOTES) else {
            return Err(syntax_error(start, "unclosed quote"));
        };
        let content = rest[..end].replace('\\', " ");
        let content_at = self.pos;
        self.pos += end;
        self.bump();
        Ok((content, content_at))
    }

    /// Reads a word up to white space, a quote or a parenthesis.
    fn word(&mut self) -> &'a str {
        let start = self.pos;
        while let Some(ch) = self.peek() {
            if ch.is_whitespace()
                || OPENING_QUOTES.contains(&ch)
                || CLOSING_QUOTES.contains(&ch)
                || matches!(ch, '(' | ')' | ',' | ';')
            {
                break;
            }
            self.pos += ch.len_utf8();
        }
        &self.text[start..self.pos]
    }

    /// Reads a `*` straight after a phrase (`"tayyip erdo"*`): whether there was one.
    fn star(&mut self) -> bool {
        let starred = self.peek() == Some('*');
        if starred {
            self.bump();
        }
        starred
    }

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
            _ => Err(syntax_error(
                start,
                format!(
                    "`~{digits}` after a phrase should be a distance from 0 to 100, as in \"oil prices\"~3"
                ),
            )),
        }
    }
}

/// How a bare word searches: as a word, a prefix (`petro*`) or a fuzzy
/// word (`opec~`, `opec~1`); `None` for punctuation alone. Boosts (`oil^2`)
/// and wildcards inside a word (`wom?n`) are errors. (A trailing `?` or `!`
/// is punctuation: "why?".)
pub(super) fn text_kind(word: &str, start: usize) -> Result<Option<TextKind>, QueryError> {
    let unsupported = |at: usize, what: &str, instead: &str| {
        syntax_error(
            start + at,
            format!("{what} in `{word}` is not supported: {instead}"),
        )
    };
    if let Some(instead) = symbol_operator(word) {
        return Err(syntax_error(
            start,
            format!("`{word}` is not an operator here: {instead}"),
        ));
    }
    if let Some((at, symbol, instead)) = joined_operator(word) {
        return Err(syntax_error(
            start + at,
            format!("`{symbol}` in `{word}` is not an operator: {instead}"),
        ));
    }
    if let Some(rest) = word.strip_prefix('*') {
        if rest.starts_with(char::is_alphanumeric) {
            return Err(unsupported(
                0,
                "a wildcard at the start of a word",
                "search the word, or a prefix ending in `*` (`petro*`)",
            ));
        }
    }
    if let Some(at) = word.find('^') {
        return Err(unsupported(
            at,
            "a boost (`^`)",
            "words in the headline already count more",
        ));
    }
    if let Some(at) = word.find('~') {
        return fuzzy(word, at, start).map(Some);
    }
    let body = word.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '*');
    let body = body.trim_start_matches(|c: char| !c.is_alphanumeric());
    let leading = word.len()
        - word
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    if let Some(at) = body.trim_end_matches('*').find(['*', '?']) {
        return Err(unsupported(
            leading + at,
            "a wildcard inside a word",
            "end the word with `*` to search a prefix (`petro*`), or join spellings with OR",
        ));
    }
    if let Some(stem) = body.strip_suffix('*') {
        let stem = stem.trim_end_matches('*');
        let ending = stem
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or(stem);
        if ending.chars().count() >= 2 && stem.contains(|c: char| !c.is_alphanumeric()) {
            // A word with inner punctuation is the phrase of its parts
            // ("covid-19*", "hagia-soph*"), the last one a prefix.
            return Ok(Some(TextKind::PhrasePrefix(stem.to_string())));
        }
        if stem.chars().count() < 2 || !stem.chars().all(char::is_alphanumeric) {
            return Err(syntax_error(
                start,
                format!(
                    "`{word}`: a prefix search needs at least two letters or digits before `*`"
                ),
            ));
        }
        return Ok(Some(TextKind::Prefix(stem.to_string())));
    }
    let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric());
    Ok((!trimmed.is_empty()).then(|| TextKind::Word(trimmed.to_string())))
}

/// How the words of a quoted phrase match, the phrase's opening quote at
/// byte `at`: in order (`"oil prices"`, `"oil prices"~3`), or with the
/// last word a prefix (`"tayyip erdo*"`, or `"tayyip erdo"*` as tantivy
/// writes it); `None` for punctuation alone. A sign or a wildcard the
/// phrase cannot hold (`"oil -prices"`, `"erd* tayyip"`) is an error, not
/// a word quietly searched or dropped.
fn phrase_kind(
    words: &str,
    starred: bool,
    slop: Option<u32>,
    (at, content_at): (usize, usize),
) -> Result<Option<TextKind>, QueryError> {
    // Words with their byte positions in the query; punctuation standing
    // alone (". ", "-") is no word.
    let pieces: Vec<(usize, &str)> = words
        .split(char::is_whitespace)
        .filter(|piece| piece.contains(|c: char| c.is_alphanumeric() || c == '*'))
        .map(|piece| {
            (
                content_at + (piece.as_ptr() as usize - words.as_ptr() as usize),
                piece,
            )
        })
        .collect();
    let Some(&(last_at, last)) = pieces.last() else {
        return Ok(None);
    };
    for &(position, piece) in &pieces {
        operator_in_phrase(&pieces, position, piece)?;
    }
    // Punctuation after the `*` is the text's (`"oil pri*."`).
    let last = last.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '*');
    let last_starred = last.ends_with('*') && last.contains(char::is_alphanumeric);
    if !(starred || last_starred) {
        let slop = slop.unwrap_or(0);
        return Ok(words
            .contains(char::is_alphanumeric)
            .then(|| TextKind::Phrase {
                words: words.to_string(),
                slop,
            }));
    }
    if slop.is_some() {
        return Err(syntax_error(
            at,
            "a phrase ending in a prefix (`*`) takes no `~N`: its words stand side by side",
        ));
    }
    let stem = last.trim_end_matches('*');
    let head = &words[..last_at - content_at];
    if !head.contains(char::is_alphanumeric) {
        // One word: a prefix, as if unquoted.
        return text_kind(&format!("{stem}*"), last_at);
    }
    let stem = stem.trim_end_matches(|c: char| !c.is_alphanumeric());
    let ending = stem
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or(stem);
    if ending.chars().count() < 2 {
        return Err(syntax_error(
            last_at,
            format!("`{last}`: a prefix search needs at least two letters or digits before `*`"),
        ));
    }
    Ok(Some(TextKind::PhrasePrefix(format!("{head}{stem}"))))
}

/// An error for a word of a phrase that reads as an operator: a sign before
/// a letter (`-prices`: a phrase cannot exclude) or a `*` that does not end
/// the last word.
fn operator_in_phrase(pieces: &[(usize, &str)], at: usize, piece: &str) -> Result<(), QueryError> {
    if let Some(sign @ ('-' | '+')) = piece.chars().next() {
        if piece[1..].starts_with(char::is_alphabetic) {
            let rest: Vec<&str> = pieces
                .iter()
                .filter(|(other, _)| *other != at)
                .map(|(_, word)| *word)
                .collect();
            let what = if sign == '-' { "excluded" } else { "required" };
            return Err(syntax_error(
                at,
                format!(
                    "`{piece}` inside quotes is a word of the phrase, not {what}: \
                     put it outside the quotes, as in \"{}\" {piece}",
                    rest.join(" ")
                ),
            ));
        }
    }
    let is_last = pieces.last().is_some_and(|(last, _)| *last == at);
    let word = piece.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '*');
    if !piece.contains(char::is_alphanumeric) {
        return match piece.find('*') {
            Some(star) => Err(syntax_error(
                at + star,
                "`*` alone in a phrase stands for no word: end a word with it, as in \"oil pri*\"",
            )),
            None => Ok(()),
        };
    }
    if !is_last && word.ends_with('*') {
        return Err(syntax_error(
            at + word.len() - 1,
            format!(
                "`{word}` is not the phrase's last word: only the last may end in `*`, \
                 as in \"tayyip erdo*\""
            ),
        ));
    }
    match word.trim_end_matches('*').find('*') {
        Some(star) => Err(syntax_error(
            at + star,
            format!(
                "a wildcard inside `{piece}` is not supported: a phrase's last word may end \
                 in `*`, as in \"tayyip erdo*\""
            ),
        )),
        None => Ok(()),
    }
}

/// What to write instead of `||`, `&&`, `|`, `&`, `!` standing alone,
/// which other tools read as operators.
fn symbol_operator(word: &str) -> Option<&'static str> {
    match word {
        "|" | "||" => Some("write OR (in capitals) between the alternatives"),
        "&" | "&&" => Some("words side by side are all required (or write AND)"),
        "!" => Some("write NOT or -word to exclude"),
        _ => None,
    }
}

/// Where a word holds `||` or `&&`, or starts with `!` before a letter
/// (`oil||gas`, `!oil`), which other tools read as operators and no text
/// writes: the symbol, its byte offset and what to write instead. (Read as
/// a word, `oil||gas` was the phrase "oil gas" and `!oil` was "oil".)
fn joined_operator(word: &str) -> Option<(usize, &'static str, &'static str)> {
    for symbol in ["||", "&&"] {
        if let Some(at) = word.find(symbol) {
            return Some((at, symbol, symbol_operator(symbol)?));
        }
    }
    let negated = word.strip_prefix('!')?;
    negated
        .starts_with(char::is_alphanumeric)
        .then_some((0, "!", "write NOT or -word to exclude"))
}

/// `opec~` (edits by the word's length) or `opec~N` (N from 0 to 2).
fn fuzzy(word: &str, tilde: usize, start: usize) -> Result<TextKind, QueryError> {
    let base = &word[..tilde];
    let base = base.trim_start_matches(|c: char| !c.is_alphanumeric());
    if base.is_empty() || !base.chars().all(char::is_alphanumeric) {
        return Err(syntax_error(
            start,
            format!("`{word}`: a fuzzy search needs one word of letters or digits before `~`"),
        ));
    }
    let distance = match &word[tilde + 1..] {
        "" => None,
        "0" => Some(0),
        "1" => Some(1),
        "2" => Some(2),
        other => {
            return Err(syntax_error(
                start + tilde,
                format!("`~{other}` after a word should be 0, 1 or 2 edits, as in opec~1"),
            ))
        }
    };
    Ok(TextKind::Fuzzy {
        word: base.to_string(),
        distance,
    })
}

const FIELDS: &str = "person, topic, place, org, source, language, date, title, lead, body";

/// What a field name (lower-cased) in the query language is.
enum FieldKind {
    /// `person:`, `topic:`, `place:`, `org:`, `source:`, `language:` and
    /// their plurals.
    Filter(fn(String) -> Filter),
    /// `date:`
    Date,
    /// `title:`, `lead:`, `body:`
    Text,
}

fn field_kind(field: &str) -> Option<FieldKind> {
    Some(match field {
        "person" | "people" => FieldKind::Filter(Filter::Person),
        "topic" | "topics" => FieldKind::Filter(Filter::Topic),
        "place" | "places" => FieldKind::Filter(Filter::Place),
        "org" | "orgs" | "organization" | "organisation" => FieldKind::Filter(Filter::Org),
        "source" => FieldKind::Filter(Filter::Source),
        "language" | "lang" => FieldKind::Filter(Filter::Language),
        "date" => FieldKind::Date,
        "title" | "lead" | "body" => FieldKind::Text,
        _ => return None,
    })
}

/// Handles `field:value` words; `None` when the word is not a field clause.
fn field_clause(
    word: &str,
    start: usize,
    lexer: &mut Lexer<'_>,
) -> Result<Option<Expr>, QueryError> {
    let Some(colon) = word.find(':') else {
        return Ok(None);
    };
    let name = &word[..colon];
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphabetic() || c == '_') {
        return Ok(None);
    }
    let value = &word[colon + 1..];
    let value_at = start + colon + 1;
    let quoted = value.is_empty() && lexer.peek().is_some_and(|c| OPENING_QUOTES.contains(&c));
    let field = name.to_ascii_lowercase();
    let kind = field_kind(&field);
    if value.is_empty() && !quoted {
        return match kind {
            // "Kremlin: talks" is a word with a stray colon, not a field.
            None => Ok(None),
            Some(_) if lexer.peek() == Some('(') => Err(syntax_error(
                start,
                format!(
                    "`{name}:` applies to one word or \"phrase\", not a group: \
                     write {name}:a OR {name}:b"
                ),
            )),
            Some(_) => Err(syntax_error(
                start,
                format!("`{name}:` needs its value straight after the colon, as in {name}:word"),
            )),
        };
    }
    let Some(kind) = kind else {
        return Err(syntax_error(
            start,
            format!("unknown field `{name}`; fields are {FIELDS}"),
        ));
    };
    if value.starts_with('-') || value.starts_with('+') {
        return Err(syntax_error(
            value_at,
            format!(
                "a sign after `{name}:`: put it before the field, as in -{name}:{}",
                &value[1..]
            ),
        ));
    }
    let filter = match kind {
        FieldKind::Filter(filter) => filter,
        FieldKind::Date => {
            return date_clause(value, value_at, lexer)
                .map(|p| Some(Expr::Filter(Filter::Period(p))))
        }
        FieldKind::Text => return text_clause(&field, value, value_at, quoted, lexer),
    };
    let value = if quoted {
        let (value, _) = lexer.phrase()?;
        if lexer.peek() == Some('~') {
            return Err(syntax_error(
                lexer.pos,
                format!("`~` after a {name}: value is not supported: it is a name, not words of the text"),
            ));
        }
        value
    } else {
        value.to_string()
    };
    let value = value.trim();
    if value.is_empty() {
        return Err(syntax_error(start, format!("`{name}:` needs a value")));
    }
    Ok(Some(Expr::Filter(filter(value.to_string()))))
}

/// `title:opec`, `title:petro*`, `body:"oil prices"~3`.
fn text_clause(
    field: &str,
    value: &str,
    at: usize,
    quoted: bool,
    lexer: &mut Lexer<'_>,
) -> Result<Option<Expr>, QueryError> {
    let field = match field {
        "title" => TextField::Title,
        "lead" => TextField::Lead,
        _ => TextField::Body,
    };
    let kind = if quoted {
        let (words, content_at) = lexer.phrase()?;
        let starred = lexer.star();
        let slop = lexer.slop()?;
        phrase_kind(&words, starred, slop, (at, content_at))?
    } else {
        text_kind(value, at)?
    };
    Ok(kind.map(|kind| Expr::Text(Text { field, kind, at })))
}

/// `date:2025`, `date:2025-06`, `date:[2025-01-01 TO 2025-06-30]`, `date:{2024 TO *]`.
fn date_clause(value: &str, position: usize, lexer: &mut Lexer<'_>) -> Result<Period, QueryError> {
    let opener = value.chars().next();
    if !matches!(opener, Some('[') | Some('{')) {
        let period = Period {
            from: Some(PeriodBound::inclusive(value)),
            to: Some(PeriodBound::inclusive(value)),
        };
        period.days()?;
        return Ok(period);
    }
    // The range may span spaces: read on to the closing bracket.
    let mut range = value.to_string();
    while !range.ends_with(']') && !range.ends_with('}') {
        match lexer.bump() {
            Some(ch) => range.push(ch),
            None => {
                return Err(syntax_error(
                    position,
                    "date range is never closed with `]` or `}`",
                ))
            }
        }
    }
    let malformed = || {
        syntax_error(
            position,
            format!("date range `{range}` should read [FROM TO UNTIL]"),
        )
    };
    let inner = &range[1..range.len() - 1];
    let parts: Vec<&str> = inner.split_whitespace().collect();
    let [lower, "TO", upper] = parts[..] else {
        return Err(malformed());
    };
    let bound = |value: &str, inclusive: bool| {
        (value != "*").then(|| PeriodBound {
            value: value.to_string(),
            inclusive,
        })
    };
    let period = Period {
        from: bound(lower, range.starts_with('[')),
        to: bound(upper, range.ends_with(']')),
    };
    period.days()?;
    Ok(period)
}
