//! The elements of a top-level JSON array, one at a time, from a stream.
//!
//! serde_json reads a whole array into memory (a 300 MB array took 1.45 GB);
//! this splitter finds where each element ends by counting brackets outside
//! strings, so only one element is held, and serde_json parses that.

use std::io::BufRead;

/// What a JSON text starts with.
#[derive(Debug, PartialEq, Eq)]
pub enum Start {
    /// `[`: read its elements with [`Elements::next_element`].
    Array,
    /// Anything else: nothing after the leading white space was consumed.
    Other,
}

/// One element of the array.
#[derive(Debug, PartialEq, Eq)]
pub enum Element {
    /// The element's bytes.
    Record(Vec<u8>),
    /// The element was longer than the limit; it was consumed, not kept.
    TooLong,
    /// The array is broken here (cut short, two commas, text after it).
    Malformed(String),
}

/// The elements of a top-level array in `input`.
///
/// ```
/// use dateline_indexer::json_array::{Element, Elements, Start};
/// let mut input: &[u8] = br#" [{"title": "a, [b]"}, 5 ,"c\"]"] "#;
/// let mut elements = Elements::new(&mut input, 1 << 20);
/// assert_eq!(elements.start().unwrap(), Start::Array);
/// let mut got = Vec::new();
/// while let Some(Element::Record(bytes)) = elements.next_element().unwrap() {
///     got.push(String::from_utf8(bytes).unwrap().trim().to_string());
/// }
/// assert_eq!(got, [r#"{"title": "a, [b]"}"#, "5", r#""c\"]""#]);
/// ```
pub struct Elements<'a, R> {
    input: &'a mut R,
    max: usize,
    state: State,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// An element or the closing `]` comes next.
    Before,
    /// A `,` or the closing `]` comes next.
    After,
    Done,
}

impl<'a, R: BufRead> Elements<'a, R> {
    /// Elements of at most `max` bytes are kept.
    pub fn new(input: &'a mut R, max: usize) -> Self {
        Elements {
            input,
            max,
            state: State::Before,
        }
    }

    /// Skips leading white space and tells whether an array follows,
    /// consuming its `[`.
    pub fn start(&mut self) -> std::io::Result<Start> {
        match self.peek_non_space()? {
            Some(b'[') => {
                self.input.consume(1);
                Ok(Start::Array)
            }
            _ => Ok(Start::Other),
        }
    }

    /// The next element, `None` after the closing `]`.
    pub fn next_element(&mut self) -> std::io::Result<Option<Element>> {
        let malformed = |why: &str| Some(Element::Malformed(format!("invalid JSON: {why}")));
        loop {
            let next = match self.state {
                State::Done => return Ok(None),
                State::Before | State::After => self.peek_non_space()?,
            };
            match (self.state, next) {
                (_, None) => {
                    self.state = State::Done;
                    return Ok(malformed("the array is cut short (no closing `]`)"));
                }
                // A trailing comma before `]` is forgiven.
                (_, Some(b']')) => {
                    self.input.consume(1);
                    return self.finish();
                }
                (State::After, Some(b',')) => {
                    self.input.consume(1);
                    self.state = State::Before;
                }
                (State::Before, Some(b',')) => {
                    self.input.consume(1);
                    return Ok(malformed("an empty element"));
                }
                (_, Some(_)) => {
                    let (element, closed) = self.scan_element()?;
                    self.state = if closed { State::After } else { State::Done };
                    return Ok(Some(match element {
                        Element::Record(_) if !closed => {
                            Element::Malformed("invalid JSON: the array is cut short".into())
                        }
                        other => other,
                    }));
                }
            }
        }
    }

    /// After the closing `]`: only white space may follow.
    fn finish(&mut self) -> std::io::Result<Option<Element>> {
        self.state = State::Done;
        Ok(self.peek_non_space()?.map(|_| {
            Element::Malformed("invalid JSON: text after the array's closing `]`".to_string())
        }))
    }

    /// The next byte that is not white space, not consumed.
    fn peek_non_space(&mut self) -> std::io::Result<Option<u8>> {
        loop {
            let buffer = self.input.fill_buf()?;
            if buffer.is_empty() {
                return Ok(None);
            }
            match buffer.iter().position(|b| !b.is_ascii_whitespace()) {
                Some(at) => {
                    let byte = buffer[at];
                    self.input.consume(at);
                    return Ok(Some(byte));
                }
                None => {
                    let n = buffer.len();
                    self.input.consume(n);
                }
            }
        }
    }

    /// Reads one element up to the `,` or `]` that ends it (not consumed);
    /// `false` when the input ended first.
    fn scan_element(&mut self) -> std::io::Result<(Element, bool)> {
        let mut kept = Vec::new();
        let mut too_long = false;
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        loop {
            let buffer = self.input.fill_buf()?;
            if buffer.is_empty() {
                let element = if too_long {
                    Element::TooLong
                } else {
                    Element::Record(kept)
                };
                return Ok((element, false));
            }
            let mut end = None;
            for (at, &byte) in buffer.iter().enumerate() {
                if in_string {
                    match (escaped, byte) {
                        (true, _) => escaped = false,
                        (false, b'\\') => escaped = true,
                        (false, b'"') => in_string = false,
                        _ => {}
                    }
                    continue;
                }
                match byte {
                    b'"' => in_string = true,
                    b'[' | b'{' => depth += 1,
                    b']' | b'}' if depth > 0 => depth -= 1,
                    b',' | b']' if depth == 0 => {
                        end = Some(at);
                        break;
                    }
                    _ => {}
                }
            }
            let take = end.unwrap_or(buffer.len());
            if !too_long && kept.len() + take <= self.max {
                kept.extend_from_slice(&buffer[..take]);
            } else if !too_long {
                too_long = true;
                kept = Vec::new();
            }
            self.input.consume(take);
            if end.is_some() {
                let element = if too_long {
                    Element::TooLong
                } else {
                    Element::Record(kept)
                };
                return Ok((element, true));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn elements(text: &str, max: usize) -> Vec<Element> {
        let mut input = std::io::BufReader::with_capacity(3, text.as_bytes());
        let mut elements = Elements::new(&mut input, max);
        assert_eq!(elements.start().unwrap(), Start::Array);
        std::iter::from_fn(|| elements.next_element().unwrap()).collect()
    }

    fn record(text: &str) -> Element {
        Element::Record(text.as_bytes().to_vec())
    }

    #[test]
    fn elements_are_split_where_serde_json_would_split_them() {
        let text = r#"[ {"a": [1, {"b": "],}"}]}, "x\\", [] ,{"q":"\\\""} ]"#;
        let parsed: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
        let split = elements(text, 1 << 20);
        assert_eq!(split.len(), parsed.len());
        for (element, value) in split.iter().zip(&parsed) {
            let Element::Record(bytes) = element else {
                panic!("{element:?}")
            };
            assert_eq!(
                &serde_json::from_slice::<serde_json::Value>(bytes).unwrap(),
                value
            );
        }
        assert!(elements("[]", 10).is_empty());
        assert!(elements(" [ ] \n", 10).is_empty());
    }

    #[test]
    fn a_broken_array_says_where_and_keeps_what_came_before() {
        assert_eq!(
            elements(r#"[1, {"a": 2"#, 100),
            [
                record("1"),
                Element::Malformed("invalid JSON: the array is cut short".into())
            ]
        );
        let two_commas = elements("[1,,2]", 100);
        assert_eq!(two_commas[0], record("1"));
        assert!(matches!(two_commas[1], Element::Malformed(_)));
        assert_eq!(two_commas[2], record("2"));
        assert!(matches!(elements("[1] x", 100)[1], Element::Malformed(_)));
        assert_eq!(elements("[1, 2,]", 100), [record("1"), record("2")]);
    }

    #[test]
    fn an_element_over_the_limit_is_consumed_and_not_kept() {
        let text = format!(r#"[1, "{}", 3]"#, "x".repeat(50));
        assert_eq!(
            elements(&text, 20),
            [record("1"), Element::TooLong, record("3")]
        );
    }
}
