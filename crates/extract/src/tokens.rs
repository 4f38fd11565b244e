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
    /// Whether the word has an inner apostrophe or hyphen ("O'Neil",
    /// "al-Assad", "Bergamo-based"), which the name finders look into.
    pub joined: bool,
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
        for text in std::iter::once(article.lead).chain(crate::text::blocks(article.body)) {
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
    let last = text.trim_end().chars().last().unwrap_or('.');
    if text.len() < 120 && !matches!(last, '.' | '!' | '?' | '"' | '\u{201d}' | ':' | ')') {
        return true;
    }
    // All-caps lines are headlines; long paragraphs are not worth counting.
    if text.len() > 400 {
        return false;
    }
    let (letters, upper) = if text.is_ascii() {
        // Counted 32 bytes at a time (branch-free sums the compiler
        // vectorises), and given up as soon as lower-case letters are 30%
        // of the bytes, which rules out 70% capitals; prose stops early.
        let (mut lower, mut upper) = (0usize, 0usize);
        for chunk in text.as_bytes().chunks(32) {
            lower += usize::from(
                chunk
                    .iter()
                    .map(|b| u8::from(b.is_ascii_lowercase()))
                    .sum::<u8>(),
            );
            upper += usize::from(
                chunk
                    .iter()
                    .map(|b| u8::from(b.is_ascii_uppercase()))
                    .sum::<u8>(),
            );
            if lower * 10 >= text.len() * 3 {
                return false;
            }
        }
        (lower + upper, upper)
    } else {
        let (mut letters, mut upper) = (0usize, 0usize);
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            upper += usize::from(c.is_uppercase());
        }
        (letters, upper)
    };
    letters > 8 && upper * 10 > letters * 7
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

fn is_inner_joiner(ch: char) -> bool {
    matches!(ch, '\'' | '\u{2019}' | '-' | '\u{2010}')
}

/// The character at byte `at` (which must be a char boundary).
fn char_at(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// Whether the character at `at` is a letter or digit; ASCII without decoding.
fn word_char_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => char_at(text, at).is_some_and(char::is_alphanumeric),
    }
}

/// Lines at least this long that stop mid-phrase were wrapped by the
/// writer's tool (archives wrap at 60 to 80 characters); shorter lines are
/// headings and list items.
const WRAP_WIDTH: usize = 50;

/// Whether `line` (without its line break) was cut by hard wrapping: long,
/// and ending in a letter or a comma, not in closing punctuation or a figure.
fn is_wrapped_line(line: &str) -> bool {
    let line = line.trim_end();
    line.len() >= WRAP_WIDTH && line.ends_with(|c: char| c.is_alphabetic() || c == ',')
}

/// Abbreviated titles written with a period before a name.
fn is_title_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Prof"
            | "Gen"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Lt"
            | "Col"
            | "Capt"
            | "Sgt"
            | "Maj"
            | "Rev"
            | "Fr"
            | "Adm"
            | "Cmdr"
            | "Supt"
            | "Insp"
            | "Det"
            | "Cpl"
            | "Hon"
    )
}

/// Splits text into word and punctuation tokens. Initials keep their period
/// ("J.", "U.S."), possessives are split off ("Putin", "'s"). Works on bytes
/// and decodes only non-ASCII characters.
pub(crate) fn tokenize<'a>(text: &'a str) -> Vec<Token<'a>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut sentence_start = true;
    let mut line_start = 0;
    let mut i = 0;
    let punct = |tokens: &mut Vec<Token<'a>>, start: usize, end: usize| {
        tokens.push(Token {
            text: &text[start..end],
            capitalised: false,
            is_word: false,
            sentence_start: false,
            joined: false,
        });
    };
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        if b.is_ascii() && !b.is_ascii_alphanumeric() {
            i += 1;
            if b == b'\n' {
                // A line break inside a paragraph ends a heading or list
                // item, unless the text is hard-wrapped there (a long line
                // stopping mid-phrase: "Jeanne\nDupont"), where it is a space.
                if !is_wrapped_line(&text[line_start..start]) {
                    sentence_start = true;
                    punct(&mut tokens, start, i);
                }
                line_start = i;
            } else if !b.is_ascii_whitespace() && !matches!(b, b'[' | b']') {
                // Square brackets are an editor's insertion into a quote and
                // read as part of it: "[George H. W.] Bush".
                punct(&mut tokens, start, i);
                if matches!(b, b'.' | b'!' | b'?' | b':' | b';' | b'"' | b'(') {
                    sentence_start = true;
                }
            }
            continue;
        }
        let first = if b.is_ascii() {
            char::from(b)
        } else {
            let Some(ch) = char_at(text, i) else { break };
            ch
        };
        if !first.is_alphanumeric() {
            i += first.len_utf8();
            if !first.is_whitespace() {
                punct(&mut tokens, start, i);
                if matches!(first, '\u{201c}' | '\u{2022}') {
                    sentence_start = true;
                }
            }
            continue;
        }
        // A word: letters and digits, with inner apostrophes and hyphens.
        i += first.len_utf8();
        let mut joined = false;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                i += 1;
            } else if b.is_ascii() && !matches!(b, b'\'' | b'-') {
                break;
            } else {
                let Some(ch) = char_at(text, i) else { break };
                let joins = is_inner_joiner(ch) && word_char_at(text, i + ch.len_utf8());
                if ch.is_alphanumeric() || joins {
                    joined |= joins;
                    i += ch.len_utf8();
                } else {
                    break;
                }
            }
        }
        let end = i;
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
        if end - start == first.len_utf8() && first.is_uppercase() && bytes.get(end) == Some(&b'.')
        {
            let mut stop = end + 1;
            while let Some(letter) = char_at(text, stop).filter(|c| c.is_uppercase()) {
                if bytes.get(stop + letter.len_utf8()) == Some(&b'.') {
                    stop += letter.len_utf8() + 1;
                } else {
                    break;
                }
            }
            word = &text[start..stop];
            i = stop;
        } else if possessive.is_none()
            && bytes.get(end) == Some(&b'.')
            && is_title_abbreviation(word)
        {
            // "Dr.", "Prof.", "Sen.": the period abbreviates a title before
            // a name; it ends no sentence.
            word = &text[start..=end];
            i = end + 1;
        }
        tokens.push(Token {
            text: word,
            capitalised: first.is_uppercase(),
            is_word: true,
            sentence_start,
            joined,
        });
        if let Some(suffix) = possessive {
            tokens.push(Token {
                text: suffix,
                capitalised: false,
                is_word: false,
                sentence_start: false,
                joined: false,
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
    fn long_lines_in_capitals_are_headings_and_prose_is_not() {
        let capitals = "THE PRESIDENT SAID ON FRIDAY THAT THE TALKS WOULD CONTINUE NEXT WEEK \
                        IN GENEVA, WHERE DELEGATIONS FROM BOTH SIDES HAVE MET SINCE MAY.";
        assert!(capitals.len() > 120);
        assert!(looks_like_heading(capitals));
        assert!(looks_like_heading(&capitals.replace("GENEVA", "ZÜRICH")));
        let prose = capitals.to_lowercase();
        assert!(!looks_like_heading(&prose));
        assert!(!looks_like_heading(&prose.replace("geneva", "zürich")));
        // A fifth of the letters in lower case is still a heading (the
        // count must not give up early); a third is not.
        let some_lower =
            capitals.replace("DELEGATIONS FROM BOTH SIDES", "delegations from both sides");
        assert!(looks_like_heading(&some_lower));
        let mixed = format!("{} {}", &capitals[..80], &prose[80..]);
        assert!(!looks_like_heading(&mixed));
        // Short lines without closing punctuation are headings.
        assert!(looks_like_heading("Putin Threatens The Europeans"));
    }

    #[test]
    fn hard_wrapped_lines_join_and_short_lines_break() {
        let words = |text| -> Vec<&str> { tokenize(text).iter().map(|t| t.text).collect() };
        // A wrapped squad list: the name across the break is one run.
        let wrapped =
            "The squad: Ada Okafor (captain), Mia Lindqvist, Chloe Martin, Jeanne\nDupont, Lea Roux";
        assert!(words(wrapped).windows(2).any(|w| w == ["Jeanne", "Dupont"]));
        // A heading line stays apart from the list below it.
        let heading = "Women's 800 metres\nAda Okafor (Nigeria) 1:58.21";
        assert!(words(heading).contains(&"\n"));
        // A long line ending in a figure is a list item.
        let item = "1. Ada Okafor (Nigeria) 1:58.21, 2. Mia Lindqvist (Sweden) 1:58.90\nChloe";
        let tokens = tokenize(item);
        assert!(tokens.last().is_some_and(|t| t.sentence_start));
    }

    fn sentence_starts<'a>(tokens: &[Token<'a>]) -> Vec<&'a str> {
        tokens
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn abbreviated_titles_keep_their_period_and_end_no_sentence() {
        let tokens = tokenize("under Prof. Patrizia Ettorre and Dr. Smith. Then");
        let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            ["under", "Prof.", "Patrizia", "Ettorre", "and", "Dr.", "Smith", ".", "Then"]
        );
        assert_eq!(sentence_starts(&tokens), ["under", "Then"]);
    }

    #[test]
    fn marks_sentence_starts() {
        let tokens = tokenize("He left. Then Anna came");
        assert_eq!(sentence_starts(&tokens), ["He", "Then"]);
    }
}
