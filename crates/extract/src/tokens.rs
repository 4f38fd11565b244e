//! Splits an article into paragraphs and word tokens, marking what the
//! name finders need: capitalisation, sentence starts, headline-style lines.

use crate::ArticleText;

/// One word or punctuation token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'a> {
    /// The token as written (a possessive `'s` is split off into its own token).
    pub text: &'a str,
    /// Whether the token starts with an upper-case letter.
    pub capitalised: bool,
    /// Whether the token is a word (letters, digits, inner apostrophes and hyphens).
    pub is_word: bool,
    /// Whether the token opens a sentence, where capitals say nothing.
    pub sentence_start: bool,
}

/// A paragraph (or title, or credit) as tokens.
#[derive(Debug)]
pub(crate) struct Paragraph<'a> {
    pub tokens: Vec<Token<'a>>,
    /// A headline, subheading or all-caps line: capitals say little here.
    pub headline_style: bool,
    /// A photo credit: slash-separated agency and photographer names.
    pub credit: bool,
}

/// An article as paragraphs of tokens.
#[derive(Debug)]
pub(crate) struct Document<'a> {
    pub paragraphs: Vec<Paragraph<'a>>,
}

impl<'a> Document<'a> {
    pub fn new(article: &ArticleText<'a>) -> Self {
        let mut paragraphs = Vec::new();
        if !article.title.trim().is_empty() {
            paragraphs.push(Paragraph::new(article.title, true, false));
        }
        for text in std::iter::once(article.lead).chain(article.body.split("\n\n")) {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            paragraphs.push(Paragraph::new(text, looks_like_heading(text), false));
        }
        for credit in article.credits {
            paragraphs.push(Paragraph::new(credit, false, true));
        }
        Document { paragraphs }
    }
}

/// A short line without closing punctuation, or one in capitals, is a
/// headline or subheading ("Putin Threatens The Europeans").
fn looks_like_heading(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let upper = text.chars().filter(|c| c.is_uppercase()).count();
    if letters > 8 && upper * 10 > letters * 7 {
        return true;
    }
    let last = text.trim_end().chars().last().unwrap_or('.');
    text.len() < 120 && !matches!(last, '.' | '!' | '?' | '"' | '\u{201d}' | ':' | ')')
}

impl<'a> Paragraph<'a> {
    fn new(text: &'a str, headline_style: bool, credit: bool) -> Self {
        Paragraph {
            tokens: tokenize(text),
            headline_style,
            credit,
        }
    }
}

fn is_word_char(ch: char) -> bool {
    ch.is_alphanumeric()
}

fn is_inner_joiner(ch: char) -> bool {
    matches!(ch, '\'' | '\u{2019}' | '-' | '\u{2010}')
}

/// Splits text into word and punctuation tokens. Initials keep their period
/// ("J."), possessives are split off ("Putin", "'s").
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut sentence_start = true;
    let mut chars = text.char_indices().peekable();
    while let Some((start, ch)) = chars.next() {
        if ch == '\n' {
            // A line break inside a paragraph ends a heading or list item.
            sentence_start = true;
            tokens.push(Token {
                text: &text[start..start + 1],
                capitalised: false,
                is_word: false,
                sentence_start: false,
            });
            continue;
        }
        if ch.is_whitespace() {
            continue;
        }
        if !is_word_char(ch) {
            let end = start + ch.len_utf8();
            tokens.push(Token {
                text: &text[start..end],
                capitalised: false,
                is_word: false,
                sentence_start: false,
            });
            if matches!(
                ch,
                '.' | '!' | '?' | ':' | ';' | '"' | '\u{201c}' | '(' | '\u{2022}'
            ) {
                sentence_start = true;
            }
            continue;
        }
        let mut end = start + ch.len_utf8();
        while let Some(&(idx, next)) = chars.peek() {
            if is_word_char(next) {
                end = idx + next.len_utf8();
                chars.next();
            } else if is_inner_joiner(next) {
                // Keep a joiner only when a letter follows: "O'Neil", "Jean-Luc".
                let after = text[idx + next.len_utf8()..].chars().next();
                if after.is_some_and(is_word_char) {
                    end = idx + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        let mut word = &text[start..end];
        let mut possessive = None;
        for suffix in ["'s", "\u{2019}s"] {
            if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
                possessive = Some(&text[end - suffix.len()..end]);
                word = &text[start..end - suffix.len()];
                break;
            }
        }
        // An initial: one upper-case letter followed by a period. Initials
        // written together stay one token: "U.S.", "O.J.", "K.C.".
        if word.chars().count() == 1 && ch.is_uppercase() && text[end..].starts_with('.') {
            let mut stop = end + 1;
            chars.next();
            loop {
                let rest = &text[stop..];
                let mut ahead = rest.chars();
                match (ahead.next(), ahead.next()) {
                    (Some(letter), Some('.')) if letter.is_uppercase() => {
                        stop += letter.len_utf8() + 1;
                        chars.next();
                        chars.next();
                    }
                    _ => break,
                }
            }
            word = &text[start..stop];
        }
        tokens.push(Token {
            text: word,
            capitalised: ch.is_uppercase(),
            is_word: true,
            sentence_start,
        });
        if let Some(suffix) = possessive {
            tokens.push(Token {
                text: suffix,
                capitalised: false,
                is_word: false,
                sentence_start: false,
            });
        }
        sentence_start = false;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_possessives_and_keeps_initials() {
        let words: Vec<&str> = tokenize("Putin's aide J. Vaughan met O'Neil.")
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            words,
            ["Putin", "'s", "aide", "J.", "Vaughan", "met", "O'Neil", "."]
        );
    }

    #[test]
    fn marks_sentence_starts() {
        let tokens = tokenize("He left. Then Anna came");
        let starts: Vec<&str> = tokens
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.text)
            .collect();
        assert_eq!(starts, ["He", "Then"]);
    }
}
