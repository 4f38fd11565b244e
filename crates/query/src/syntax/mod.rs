//! The user-facing query language, parsed into an [`Expr`].
//!
//! Users type news-search queries: words (all required), `"phrases"`,
//! `"phrases"~3` (words at most three moves apart), `petro*` (words that
//! start so), `opec~` / `opec~1` (words a few edits away), `OR`, `AND`,
//! `NOT`/`-word`, `+word`, parentheses, and field clauses `person:`,
//! `topic:`, `place:`, `org:`, `source:`, `date:[2025-01 TO 2025-06]`,
//! `title:`, `lead:`, `body:`. `OR` binds tighter than words side by side,
//! as in web search: `opec OR embargo gas` is `(opec OR embargo) gas`.
//! Stray punctuation is forgiven ("Putin's", "U.S.", "why?"); unclosed
//! quotes, brackets and parentheses, unknown fields, a reversed period, an
//! operator with nothing to join and operators Dateline does not support
//! (`oil^2`, `wom?n`) are errors with the byte position where they start:
//! nothing the user typed is silently dropped.

mod lex;

use std::collections::VecDeque;

use crate::ast::Expr;
use crate::QueryError;
use lex::{syntax_error, Spanned, Token};

/// How deep parentheses may nest. Building and running a query recurses
/// once per level, and 2,000 levels overflowed the stack and aborted the
/// process (and a whole batch with it); no real query needs more than a few.
pub const MAX_NESTING: usize = 64;

/// Parses a query; `None` when it holds nothing to search for (empty, or
/// punctuation only).
///
/// ```
/// use dateline_query::ast::{Expr, Filter};
/// use dateline_query::syntax::parse;
/// let Some(Expr::All(parts)) = parse("opec OR embargo person:Volcker").unwrap() else {
///     panic!("two parts")
/// };
/// assert!(matches!(parts[0], Expr::Any(_)));
/// assert_eq!(parts[1], Expr::Filter(Filter::Person("Volcker".into())));
/// assert!(parse("oil AND").is_err());
/// ```
pub fn parse(query: &str) -> Result<Option<Expr>, QueryError> {
    let mut parser = Parser {
        tokens: lex::tokens(query)?.into(),
    };
    let expr = parser.conjunction()?;
    // Parentheses balance (the lexer checks), so only a `)` can be left,
    // and conjunction() reads on past every `)` at depth 0.
    if let Some(left) = parser.tokens.front() {
        return Err(syntax_error(left.at, "`)` without a matching `(`"));
    }
    Ok(expr)
}

/// Recursive descent over the tokens: a conjunction of disjunctions of
/// (negated) groups and leaves.
struct Parser {
    tokens: VecDeque<Spanned>,
}

fn joined(mut parts: Vec<Expr>, join: fn(Vec<Expr>) -> Expr) -> Option<Expr> {
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(join(parts)),
    }
}

fn needs_both_sides(at: usize, operator: &str) -> QueryError {
    syntax_error(
        at,
        format!("`{operator}` needs words on both sides, as in `opec {operator} embargo`"),
    )
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.front().map(|t| &t.token)
    }

    /// Whether the next token cannot start an operand: the end, `)`, `AND`, `OR`.
    fn at_operand_end(&self) -> bool {
        matches!(
            self.peek(),
            None | Some(Token::Close | Token::And | Token::Or)
        )
    }

    /// Parts side by side or joined by `AND`, up to `)` or the end.
    fn conjunction(&mut self) -> Result<Option<Expr>, QueryError> {
        let mut parts = Vec::new();
        let mut operands = 0;
        while let Some(next) = self.tokens.front() {
            let at = next.at;
            match next.token {
                Token::Close => break,
                Token::And => {
                    self.tokens.pop_front();
                    if operands == 0 || self.at_operand_end() {
                        return Err(needs_both_sides(at, "AND"));
                    }
                }
                Token::Or => return Err(needs_both_sides(at, "OR")),
                _ => {
                    operands += 1;
                    parts.extend(self.disjunction()?);
                }
            }
        }
        Ok(joined(parts, Expr::All))
    }

    /// Operands joined by `OR`.
    fn disjunction(&mut self) -> Result<Option<Expr>, QueryError> {
        let mut parts: Vec<Expr> = self.unary()?.into_iter().collect();
        while let Some(Spanned {
            at,
            token: Token::Or,
        }) = self.tokens.front()
        {
            let at = *at;
            self.tokens.pop_front();
            if self.at_operand_end() {
                return Err(needs_both_sides(at, "OR"));
            }
            parts.extend(self.unary()?);
        }
        Ok(joined(parts, Expr::Any))
    }

    /// A group or leaf after any number of `NOT`, `-` and `+`.
    fn unary(&mut self) -> Result<Option<Expr>, QueryError> {
        let mut negated = false;
        let mut last_operator = None;
        while let Some(next) = self.tokens.front() {
            let operator = match next.token {
                Token::Not => "NOT",
                Token::Minus => "-",
                Token::Plus => "+",
                _ => break,
            };
            negated ^= operator != "+";
            last_operator = Some((next.at, operator));
            self.tokens.pop_front();
        }
        if let (Some((at, operator)), true) = (last_operator, self.at_operand_end()) {
            return Err(syntax_error(
                at,
                format!("`{operator}` needs a word, phrase or group after it"),
            ));
        }
        let operand = self.primary()?;
        Ok(operand.map(|expr| {
            if negated {
                Expr::Not(Box::new(expr))
            } else {
                expr
            }
        }))
    }

    /// A parenthesised group or a leaf.
    fn primary(&mut self) -> Result<Option<Expr>, QueryError> {
        let Some(next) = self.tokens.pop_front() else {
            return Ok(None);
        };
        match next.token {
            Token::Leaf(expr) => Ok(Some(expr)),
            Token::Open => {
                if matches!(self.peek(), Some(Token::Close)) {
                    return Err(syntax_error(
                        next.at,
                        "empty parentheses `()`: put words between them",
                    ));
                }
                let inner = self.conjunction()?;
                match self.tokens.pop_front() {
                    Some(Spanned {
                        token: Token::Close,
                        ..
                    }) => Ok(inner),
                    _ => Err(syntax_error(next.at, "`(` is never closed")),
                }
            }
            // at_operand_end() was checked by every caller.
            _ => Err(syntax_error(next.at, "expected a word, phrase or group")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::{Filter, TextField, TextKind};

    /// A compact rendering of a parsed query, for assertions.
    fn show(expr: &Expr) -> String {
        let list = |parts: &[Expr], sep: &str| {
            let shown: Vec<String> = parts.iter().map(show).collect();
            format!("({})", shown.join(sep))
        };
        match expr {
            Expr::All(parts) => list(parts, " "),
            Expr::Any(parts) => list(parts, " | "),
            Expr::Not(inner) => format!("-{}", show(inner)),
            Expr::Text(text) => {
                let field = match text.field {
                    TextField::Any => "",
                    TextField::Title => "title:",
                    TextField::Lead => "lead:",
                    TextField::Body => "body:",
                };
                let kind = match &text.kind {
                    TextKind::Word(word) => word.clone(),
                    TextKind::Phrase { words, slop: 0 } => format!("\"{words}\""),
                    TextKind::Phrase { words, slop } => format!("\"{words}\"~{slop}"),
                    TextKind::PhrasePrefix(words) => format!("\"{words}*\""),
                    TextKind::Prefix(prefix) => format!("{prefix}*"),
                    TextKind::Fuzzy { word, distance } => format!("{word}~{distance:?}"),
                };
                format!("{field}{kind}")
            }
            Expr::Filter(Filter::Period(period)) => {
                let end = |b: &Option<crate::ast::PeriodBound>| {
                    b.as_ref().map_or("*".to_string(), |b| {
                        format!("{}{}", b.value, if b.inclusive { "" } else { "!" })
                    })
                };
                format!("D[{}..{}]", end(&period.from), end(&period.to))
            }
            Expr::Filter(filter) => format!("{filter:?}"),
        }
    }

    fn p(q: &str) -> String {
        match parse(q) {
            Ok(Some(expr)) => show(&expr),
            Ok(None) => "nothing".to_string(),
            Err(err) => panic!("{q}: {err}"),
        }
    }

    fn at(q: &str) -> usize {
        match parse(q) {
            Err(QueryError::Syntax { position, .. }) => position,
            other => panic!("{q}: {other:?}"),
        }
    }

    #[test]
    fn forgives_stray_punctuation() {
        assert_eq!(
            p("Putin's talks? - U.S. , ukraine!"),
            "(Putin's talks U.S ukraine)"
        );
        assert_eq!(p("Kremlin: talks"), "(Kremlin talks)");
        // Commas and semicolons separate words.
        assert_eq!(p("oil,gas;coal"), "(oil gas coal)");
        assert_eq!(p(" , ; "), "nothing");
        assert_eq!(p(""), "nothing");
    }

    #[test]
    fn or_binds_tighter_than_words_side_by_side() {
        assert_eq!(p("opec OR embargo gas"), "((opec | embargo) gas)");
        assert_eq!(p("gas opec OR embargo"), "(gas (opec | embargo))");
        assert_eq!(p("oil AND gas OR opec"), "(oil (gas | opec))");
        assert_eq!(p("a OR b OR c"), "(a | b | c)");
        assert_eq!(p("(a b) OR c"), "((a b) | c)");
    }

    #[test]
    fn negations_and_groups() {
        assert_eq!(
            p("(peace OR ceasefire) -\"natural gas\" +Kremlin NOT oil"),
            "((peace | ceasefire) -\"natural gas\" Kremlin -oil)"
        );
        assert_eq!(p("-oil"), "-oil");
        assert_eq!(p("oil -gas OR opec"), "(oil (-gas | opec))");
        assert_eq!(p("NOT -oil"), "oil");
        assert_eq!(p("-(a OR b) c"), "(-(a | b) c)");
        assert_eq!(at("() oil"), 0);
    }

    #[test]
    fn prefixes_fuzzy_words_and_proximity() {
        assert_eq!(p("petro* -oil"), "(petro* -oil)");
        assert_eq!(p("(petro*)"), "petro*");
        assert_eq!(p("\"oil prices\"~3 why?"), "(\"oil prices\"~3 why)");
        assert_eq!(p("opec~ opek~1"), "(opec~None opek~Some(1))");
        assert_eq!(
            p("title:petro* body:\"oil prices\"~2"),
            "(title:petro* body:\"oil prices\"~2)"
        );
    }

    #[test]
    fn a_phrase_may_end_in_a_prefix_and_holds_no_operators() {
        assert_eq!(p("\"tayyip erdo*\" talks"), "(\"tayyip erdo*\" talks)");
        assert_eq!(p("\"tayyip erdo\"*"), "\"tayyip erdo*\"");
        assert_eq!(p("title:\"oil pri*\""), "title:\"oil pri*\"");
        // One word quoted is a prefix, as unquoted; a word with inner
        // punctuation the phrase of its parts, quoted or not.
        assert_eq!(p("\"erdo*\""), "erdo*");
        assert_eq!(p("\"hagia-soph*\""), "\"hagia-soph*\"");
        assert_eq!(p("covid-19*"), "\"covid-19*\"");
        assert_eq!(at("\"hagia-s*\""), 1);
        // A `*` standing for no word, or ending a word that is not the last.
        assert_eq!(at("\"oil *\""), 5);
        assert_eq!(at("\"5 * 3\""), 3);
        let err = parse("\"oil pri* rose\"").unwrap_err().to_string();
        assert!(
            err.contains("position 8") && err.contains("`pri*` is not the phrase's last word"),
            "{err}"
        );
        // Signs before a letter, inner wildcards: errors at the word.
        let err = parse("\"oil -prices\"").unwrap_err().to_string();
        assert!(
            err.contains("`-prices` inside quotes is a word of the phrase, not excluded"),
            "{err}"
        );
        assert!(err.contains("\"oil\" -prices"), "{err}");
        assert_eq!(at("x \"oil -prices\""), 7);
        assert_eq!(at("\"+oil prices\""), 1);
        assert_eq!(at("\"erd* tayyip\""), 4);
        assert_eq!(at("\"tayyip e*\""), 8);
        assert_eq!(at("\"oil pri*\"~2"), 0);
        // Punctuation after the `*` or standing alone is the text's.
        assert_eq!(p("\"oil pri*.\""), "\"oil pri*\"");
        assert_eq!(p("\"oil pri* .\""), "\"oil pri*\"");
        // Curly quotes, as word processors write them, quote too.
        assert_eq!(p("\u{201C}oil prices\u{201D} gas"), "(\"oil prices\" gas)");
        assert_eq!(p("\u{201E}oil pri*\u{201C}"), "\"oil pri*\"");
        assert_eq!(
            p("title:\u{201C}oil prices\u{201D}"),
            "title:\"oil prices\""
        );
        assert_eq!(p("oil\u{201D}"), "oil");
        assert_eq!(at("\u{201C}oil prices"), 0);
        assert_eq!(at("\u{201C}oil -prices\u{201D}"), 7);
        // A sign before a digit, or inside a word, is the text's own.
        assert_eq!(p("\"-5 degrees\""), "\"-5 degrees\"");
        assert_eq!(p("\"anti-war protest\""), "\"anti-war protest\"");
    }

    #[test]
    fn field_clauses_are_typed_filters() {
        assert_eq!(
            p("person:\"vladimir putin\" talks"),
            "(Person(\"vladimir putin\") talks)"
        );
        assert_eq!(
            p("date:[2025-01-01 TO 2025-06-30] topic:war source:Reuters"),
            "(D[2025-01-01..2025-06-30] Topic(\"war\") Source(\"Reuters\"))"
        );
        assert_eq!(p("date:{2024 TO *]"), "D[2024!..*]");
        assert_eq!(p("date:2025-06"), "D[2025-06..2025-06]");
        assert_eq!(
            p("org:IMF OR place:Kyiv"),
            "(Org(\"IMF\") | Place(\"Kyiv\"))"
        );
    }

    #[test]
    fn reports_malformed_queries_with_positions() {
        assert_eq!(at("talks \"ukraine"), 6);
        assert_eq!(at("(talks OR peace"), 0);
        assert_eq!(at("talks)"), 5);
        let err = parse("colour:red").unwrap_err();
        assert!(err.to_string().contains("unknown field `colour`"), "{err}");
        assert_eq!(at("oil opec~3"), 8);
        assert_eq!(at("oil o.pec~"), 4);
        assert_eq!(at("oil^2"), 3);
        assert_eq!(at("a wom?n"), 5);
        assert_eq!(at("a (wom*n"), 6);
        assert_eq!(at("x*"), 0);
        assert_eq!(at(" OR"), 1);
        assert_eq!(at("NOT"), 0);
        assert_eq!(at("oil AND"), 4);
        assert_eq!(at("AND oil"), 0);
        assert_eq!(at("oil OR"), 4);
        assert_eq!(at("(oil OR) gas"), 5);
        assert_eq!(at("oil NOT"), 4);
        assert_eq!(at("person:\"\""), 0);
        assert_eq!(at("\"oil prices\"~x"), 12);
        assert_eq!(at("date:[2025 TO"), 5);
        assert_eq!(at("date:[2025 until 2026]"), 5);
        // A field before a group, a sign or a space; symbols other tools
        // read as operators; a leading wildcard; empty groups and phrases.
        assert_eq!(at("oil title:(trump OR biden)"), 4);
        assert_eq!(at("title:-trump"), 6);
        assert_eq!(at("x person: trump"), 2);
        assert_eq!(at("oil || gas"), 4);
        assert_eq!(at("oil ! gas"), 4);
        assert_eq!(at("oil||gas"), 3);
        assert_eq!(at("crude oil&&gas"), 9);
        assert_eq!(at("!oil"), 0);
        assert_eq!(at("gas (!oil)"), 5);
        assert_eq!(at("a *oil"), 2);
        assert_eq!(at("oil OR ()"), 7);
        assert_eq!(at("oil \"\""), 4);
        assert_eq!(at("person:\"Paul Volcker\"~2"), 21);
    }

    #[test]
    fn a_reversed_period_is_an_error_in_the_query_too() {
        let err = parse("oil date:[1987-04 TO 1987-03]").unwrap_err();
        assert!(matches!(err, QueryError::ReversedPeriod { .. }), "{err}");
        let err = parse("date:1987-13").unwrap_err();
        assert!(matches!(err, QueryError::Date { .. }), "{err}");
        let err = parse("date:2020-02-30").unwrap_err();
        assert!(err.to_string().contains("no such day"), "{err}");
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}oil{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
        assert_eq!(p(&deep), "oil");
        let deeper = format!("({deep})");
        assert_eq!(at(&deeper), MAX_NESTING);
        let negations = "-".repeat(100_000) + "oil";
        assert_eq!(p(&negations), "oil");
    }
}
