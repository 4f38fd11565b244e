//! Name keys: how a user-typed name is matched against extracted names.
//!
//! A key folds case and diacritics and smooths common transliteration
//! differences, so that "Selenskyj", "Zelensky" and "Zelenskyy" share one key
//! while "Putin" and "Putina" do not. The indexer stores the keys of every
//! person it finds; the query crate computes the key of what the user typed.

use unicode_normalization::UnicodeNormalization;

/// Folds a string to lower-case ASCII-ish letters: diacritics removed,
/// apostrophes and periods dropped, hyphens and other separators turned into
/// single spaces.
///
/// ```
/// assert_eq!(dateline_extract::names::fold("Dubé-O'Neil"), "dube oneil");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        for byte in text.bytes() {
            if byte.is_ascii_alphanumeric() {
                out.push(byte.to_ascii_lowercase() as char);
            } else if matches!(byte, b'\'' | b'.') {
                continue;
            } else if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        return out;
    }
    for ch in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(ch) {
            continue;
        }
        if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
        } else if matches!(ch, '\'' | '\u{2019}' | '.') {
            continue;
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The matching key of one name word: folded, then transliteration variants
/// merged (z/s at the start, w/v, ph/f, kh/h, doubled letters, -yj/-iy/-yy/-ij
/// endings, and the German ae/oe/ue for ä/ö/ü).
///
/// ```
/// use dateline_extract::names::word_key;
/// assert_eq!(word_key("Selenskyj"), word_key("Zelenskyy"));
/// assert_eq!(word_key("Zelensky"), word_key("Zelenskiy"));
/// assert_eq!(word_key("Pöhl"), word_key("Poehl"));
/// assert_ne!(word_key("Putin"), word_key("Putina"));
/// ```
pub fn word_key(word: &str) -> String {
    let folded = fold(word);
    let chars: Vec<char> = folded.chars().filter(|c| *c != ' ').collect();
    let mut key = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        let next = chars.get(i + 1).copied();
        let mapped = match (ch, next) {
            ('z', _) if i == 0 => 's',
            ('w', _) => 'v',
            ('p', Some('h')) | ('k', Some('h')) | ('c', Some('k')) => {
                i += 1;
                if ch == 'p' {
                    'f'
                } else {
                    'k'
                }
            }
            // The German ä, ö, ü written ae, oe, ue.
            ('a' | 'o' | 'u', Some('e')) => {
                i += 1;
                ch
            }
            _ => ch,
        };
        if !key.ends_with(mapped) {
            key.push(mapped);
        }
        i += 1;
    }
    for ending in ["yj", "iy", "ij", "ii", "yi"] {
        if key.len() > ending.len() + 2 && key.ends_with(ending) {
            key.truncate(key.len() - ending.len());
            key.push('y');
            break;
        }
    }
    key
}

/// The key of a whole name: the key of each word, space separated.
///
/// ```
/// use dateline_extract::names::name_key;
/// assert_eq!(name_key("Volodymyr Selenskyj"), name_key("volodymyr zelenskyy"));
/// ```
pub fn name_key(name: &str) -> String {
    fold(name)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(word_key)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every key under which a person's full name can be found: the whole name,
/// the surname alone, and each given name plus surname when there are middle
/// names or initials. `--person Putin` and `--person "Vladimir Putin"` both
/// land on one of these.
///
/// ```
/// use dateline_extract::names::lookup_keys;
/// assert_eq!(lookup_keys("George W. Bush"), ["george v bush", "bush", "george bush"]);
/// assert!(lookup_keys("Karl Otto Pöhl").contains(&"oto pohl".to_string()));
/// ```
pub fn lookup_keys(name: &str) -> Vec<String> {
    let words: Vec<String> = fold(name)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(word_key)
        .collect();
    let mut keys = vec![words.join(" ")];
    if words.len() > 1 {
        let last = words[words.len() - 1].clone();
        keys.push(last.clone());
        for given in words[..words.len() - 1].iter().filter(|w| w.len() > 1) {
            let key = format!("{given} {last}");
            if words.len() > 2 && !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys.dedup();
    keys
}

/// A typed name without the titles and honorifics before it: "Mrs
/// Thatcher" is looked up as Thatcher, "Treasury Secretary James Baker" as
/// James Baker. A name of titles only is kept whole.
///
/// ```
/// use dateline_extract::names::without_titles;
/// assert_eq!(without_titles("Mrs Thatcher"), "Thatcher");
/// assert_eq!(without_titles("Treasury Secretary James Baker"), "James Baker");
/// assert_eq!(without_titles("Dr."), "Dr.");
/// ```
pub fn without_titles(name: &str) -> &str {
    let name = name.trim();
    let words: Vec<(usize, &str)> = name
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - name.as_ptr() as usize, w))
        .collect();
    // The name starts after the last title before its last word.
    let is_title = |word: &str| {
        let lower = word.trim_end_matches('.').to_lowercase();
        crate::lexicon::word_class(&lower).has(crate::lexicon::WordClass::TITLE)
    };
    match words[..words.len().saturating_sub(1)]
        .iter()
        .rposition(|(_, w)| is_title(w))
    {
        Some(i) => &name[words[i + 1].0..],
        None => name,
    }
}
