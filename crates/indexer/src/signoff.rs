//! Wire-service sign-offs and credits: who filed the story, not what it is
//! about.
//!
//! Agency copy ends with the agency's name in capitals after the last
//! sentence ("... the sources said. REUTER") or opens with it in the
//! dateline ("LONDON (Reuters) - ..."). Left in the text, the sign-off was
//! the most frequent organisation of a wire archive (REUTER in 3,234 of
//! Reuters-21578's 19,043 articles). It is taken out of the searchable text
//! and names the article's `source` when the input gives none.

/// Wire services: the source name stored, and the forms a credit writes.
const SERVICES: &[(&str, &[&str])] = &[
    ("Reuters", &["REUTER", "REUTERS", "Reuter", "Reuters"]),
    ("AP", &["AP", "Associated Press"]),
    ("AFP", &["AFP"]),
    ("UPI", &["UPI"]),
    ("dpa", &["DPA", "dpa"]),
    ("Xinhua", &["XINHUA", "Xinhua"]),
    ("Kyodo", &["KYODO", "Kyodo"]),
    ("ANSA", &["ANSA"]),
    ("EFE", &["EFE"]),
    ("TASS", &["TASS", "ITAR-TASS"]),
    ("Bloomberg", &["BLOOMBERG", "Bloomberg"]),
    ("PA", &["PA"]),
    ("Canadian Press", &["CP", "Canadian Press"]),
];

fn service(form: &str) -> Option<&'static str> {
    SERVICES
        .iter()
        .find(|(_, forms)| forms.contains(&form))
        .map(|(name, _)| *name)
}

/// Removes a sign-off ending `text` (a service's name in capitals after the
/// end of the last sentence, or alone on the last line) and returns the
/// service.
///
/// ```
/// use dateline_indexer::signoff::take_signoff;
/// let mut text = "Prices rose 0.1 pct, the ministry said. REUTER".to_string();
/// assert_eq!(take_signoff(&mut text), Some("Reuters"));
/// assert_eq!(text, "Prices rose 0.1 pct, the ministry said.");
/// let mut text = "He spoke to Reuters.".to_string();
/// assert_eq!(take_signoff(&mut text), None);
/// ```
pub fn take_signoff(text: &mut String) -> Option<&'static str> {
    let trimmed = text.trim_end();
    let start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(at, c)| at + c.len_utf8());
    let word = &trimmed[start..];
    // In capitals: "said Reuters." is a mention, "said. REUTER" a sign-off.
    if word.len() < 2 || word.chars().any(|c| c.is_lowercase()) {
        return None;
    }
    let name = service(word)?;
    let before = trimmed[..start].trim_end();
    let ends_sentence = before.is_empty()
        || before.ends_with(['.', '!', '?', '"', '\'', ')', '\u{201d}'])
        || trimmed[before.len()..start].contains('\n');
    if !ends_sentence {
        return None;
    }
    text.truncate(before.len());
    Some(name)
}

/// Removes a credit from a dateline opening `lead` ("LONDON (Reuters) -
/// ...", "(AFP) - ..."), keeping the place, and returns the service.
///
/// ```
/// use dateline_indexer::signoff::take_credit;
/// let mut lead = "LONDON (Reuters) - Shares fell.".to_string();
/// assert_eq!(take_credit(&mut lead), Some("Reuters"));
/// assert_eq!(lead, "LONDON - Shares fell.");
/// let mut lead = "The firm (AP Moller) said.".to_string();
/// assert_eq!(take_credit(&mut lead), None);
/// ```
pub fn take_credit(lead: &mut String) -> Option<&'static str> {
    let open = lead.find('(')?;
    // Only a dateline comes before the credit: short, no sentence in it,
    // opening with a place in capitals ("NEW YORK, March 3").
    let place = lead[..open].trim();
    let first = place.split([' ', ',']).next().unwrap_or("");
    let capitals = first.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !first.chars().any(char::is_lowercase);
    if !place.is_empty() && (place.len() > 60 || place.contains(". ") || !capitals) {
        return None;
    }
    let close = open + lead[open..].find(')')?;
    let name = service(lead[open + 1..close].trim())?;
    let after = lead[close + 1..].trim_start();
    if !after.starts_with(['-', '\u{2013}', '\u{2014}']) {
        return None;
    }
    let mut kept = lead[..open].trim_end().to_string();
    if kept.is_empty() {
        kept = after
            .trim_start_matches(['-', '\u{2013}', '\u{2014}'])
            .trim_start()
            .to_string();
    } else {
        kept.push(' ');
        kept.push_str(after);
    }
    *lead = kept;
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_offs_are_capitals_after_the_last_sentence() {
        for (text, service, left) in [
            ("Output rose. REUTER", Some("Reuters"), "Output rose."),
            ("Output rose.\nREUTER\n", Some("Reuters"), "Output rose."),
            ("He said \"no.\" AFP", Some("AFP"), "He said \"no.\""),
            (
                "Output rose to 5 pct REUTER",
                None,
                "Output rose to 5 pct REUTER",
            ),
            ("It was sold to AP.", None, "It was sold to AP."),
            ("Output rose. The END", None, "Output rose. The END"),
            ("Output rose. Reuters", None, "Output rose. Reuters"),
            // White space of more than one byte (a thin space, a no-break space).
            (
                "Output rose.\u{2009}REUTER",
                Some("Reuters"),
                "Output rose.",
            ),
            (
                "age of the universe,\u{2009}includi",
                None,
                "age of the universe,\u{2009}includi",
            ),
            ("\u{a0}AP", Some("AP"), ""),
        ] {
            let mut owned = text.to_string();
            assert_eq!(take_signoff(&mut owned), service, "{text}");
            assert_eq!(owned, left, "{text}");
        }
    }

    #[test]
    fn credits_open_a_dateline_and_keep_its_place() {
        for (lead, service, left) in [
            (
                "WASHINGTON (AP) \u{2014} Talks ended.",
                Some("AP"),
                "WASHINGTON \u{2014} Talks ended.",
            ),
            ("(AFP) - Talks ended.", Some("AFP"), "Talks ended."),
            (
                "NEW YORK, March 3 (Reuters) - Talks.",
                Some("Reuters"),
                "NEW YORK, March 3 - Talks.",
            ),
            (
                "Talks ended (Reuters) - said.",
                None,
                "Talks ended (Reuters) - said.",
            ),
            (
                "PARIS (Total SA) - Talks.",
                None,
                "PARIS (Total SA) - Talks.",
            ),
        ] {
            let mut owned = lead.to_string();
            assert_eq!(take_credit(&mut owned), service, "{lead}");
            assert_eq!(owned, left, "{lead}");
        }
    }
}
