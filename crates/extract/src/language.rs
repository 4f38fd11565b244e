//! The language an article is written in, as an ISO 639-1 code ("en",
//! "de"), detected from its text by whatlang (character trigrams, 69
//! languages) or read from what the input says ("de-DE", "deu", "German").
//!
//! Extraction depends on it: the name rules and the topic model are
//! English, so only English articles (and those whose language is not
//! known) get people, organisations and topics; other languages get the
//! places the gazetteer knows (see [`crate::extract_in`]).

/// ISO 639-2/B codes that differ from the 639-3 ones ("ger" for German),
/// and the macrolanguage Norwegian ("no", "nor": most pages so marked are
/// Bokmål, the Norwegian whatlang detects).
const BIBLIOGRAPHIC: &[(&str, &str)] = &[
    ("no", "nb"),
    ("nor", "nb"),
    ("alb", "sq"),
    ("arm", "hy"),
    ("bur", "my"),
    ("chi", "zh"),
    ("cze", "cs"),
    ("dut", "nl"),
    ("fre", "fr"),
    ("geo", "ka"),
    ("ger", "de"),
    ("gre", "el"),
    ("mac", "mk"),
    ("per", "fa"),
    ("rum", "ro"),
    ("slo", "sk"),
    ("wel", "cy"),
];

/// ISO 639-1 codes of the languages whatlang detects, with their ISO 639-3
/// codes (whatlang's) and English names.
const LANGUAGES: &[(&str, &str, &str)] = &[
    ("af", "afr", "afrikaans"),
    ("ak", "aka", "akan"),
    ("am", "amh", "amharic"),
    ("ar", "ara", "arabic"),
    ("az", "aze", "azerbaijani"),
    ("be", "bel", "belarusian"),
    ("bg", "bul", "bulgarian"),
    ("bn", "ben", "bengali"),
    ("ca", "cat", "catalan"),
    ("cs", "ces", "czech"),
    ("cy", "cym", "welsh"),
    ("da", "dan", "danish"),
    ("de", "deu", "german"),
    ("el", "ell", "greek"),
    ("en", "eng", "english"),
    ("eo", "epo", "esperanto"),
    ("es", "spa", "spanish"),
    ("et", "est", "estonian"),
    ("fa", "pes", "persian"),
    ("fi", "fin", "finnish"),
    ("fr", "fra", "french"),
    ("gu", "guj", "gujarati"),
    ("he", "heb", "hebrew"),
    ("hi", "hin", "hindi"),
    ("hr", "hrv", "croatian"),
    ("hu", "hun", "hungarian"),
    ("hy", "hye", "armenian"),
    ("id", "ind", "indonesian"),
    ("it", "ita", "italian"),
    ("ja", "jpn", "japanese"),
    ("jv", "jav", "javanese"),
    ("ka", "kat", "georgian"),
    ("km", "khm", "khmer"),
    ("kn", "kan", "kannada"),
    ("ko", "kor", "korean"),
    ("la", "lat", "latin"),
    ("lt", "lit", "lithuanian"),
    ("lv", "lav", "latvian"),
    ("mk", "mkd", "macedonian"),
    ("ml", "mal", "malayalam"),
    ("mr", "mar", "marathi"),
    ("my", "mya", "burmese"),
    ("nb", "nob", "norwegian"),
    ("ne", "nep", "nepali"),
    ("nl", "nld", "dutch"),
    ("or", "ori", "oriya"),
    ("pa", "pan", "punjabi"),
    ("pl", "pol", "polish"),
    ("pt", "por", "portuguese"),
    ("ro", "ron", "romanian"),
    ("ru", "rus", "russian"),
    ("si", "sin", "sinhala"),
    ("sk", "slk", "slovak"),
    ("sl", "slv", "slovenian"),
    ("sn", "sna", "shona"),
    ("sr", "srp", "serbian"),
    ("sv", "swe", "swedish"),
    ("ta", "tam", "tamil"),
    ("te", "tel", "telugu"),
    ("th", "tha", "thai"),
    ("tk", "tuk", "turkmen"),
    ("tl", "tgl", "tagalog"),
    ("tr", "tur", "turkish"),
    ("uk", "ukr", "ukrainian"),
    ("ur", "urd", "urdu"),
    ("uz", "uzb", "uzbek"),
    ("vi", "vie", "vietnamese"),
    ("yi", "yid", "yiddish"),
    ("zh", "cmn", "chinese"),
    ("zu", "zul", "zulu"),
];

/// How much of an article is read to tell its language: its start.
const SAMPLE_BYTES: usize = 1_000;

/// The confidence whatlang must give a language written in a script
/// English does not use: its own "reliable" mark (0.9 and more) missed
/// Russian news paragraphs at 0.69.
const CONFIDENT: f64 = 0.5;

/// Words frequent in English prose and rare in other languages' (no "a",
/// "in", "die" or "was").
const ENGLISH_WORDS: &[&str] = &[
    "the", "of", "and", "to", "that", "for", "with", "is", "said", "from", "by", "it", "are",
    "has", "have", "which", "this", "were", "been", "would", "their", "its", "they", "but", "not",
    "he", "she", "on", "at", "be", "or", "as",
];

/// The share of a text's words that are frequent English words: about a
/// third of English news prose, a few percent of other languages'.
fn english_share(text: &str) -> f64 {
    let mut words = 0usize;
    let mut english = 0usize;
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        let lower = word.to_lowercase();
        english += usize::from(ENGLISH_WORDS.contains(&lower.as_str()));
    }
    english as f64 / words.max(1) as f64
}

/// Whether a text is sentences rather than a table: twenty words or more,
/// and digits under a twentieth of its letters and digits.
fn is_prose(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    words >= 20 && digits * 20 < letters + digits
}

/// The language of a text, or `None` when it cannot be told (short text,
/// tables of figures, a mix).
///
/// Prose whose words are a fifth or more frequent English words is English
/// at once (the common case, and a tenth of whatlang's cost). Latin-script
/// text that is not prose is not told: earnings tables ("Shr loss 6.48
/// dlrs vs profit") came out French, and a wrong language turns off the
/// English name rules. Otherwise whatlang decides: English or a language
/// in another script at a confidence of [`CONFIDENT`], another Latin-script
/// language only when whatlang marks it reliable.
///
/// ```
/// use dateline_extract::language::detect;
/// let german = "Die Bundesregierung hat am Dienstag beschlossen, die Hilfen für die \
///     Landwirte in den vom Hochwasser betroffenen Gebieten um weitere zwei Jahre zu verlängern.";
/// assert_eq!(detect(german), Some("de"));
/// let english = "The government decided on Tuesday to extend aid for farmers in the \
///     flooded regions by another two years, the agriculture minister said.";
/// assert_eq!(detect(english), Some("en"));
/// ```
pub fn detect(text: &str) -> Option<&'static str> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let english = english_share(sample);
    if english >= 0.2 {
        return Some("en");
    }
    // Latin-script text that is not prose (tables, lists of names) cannot
    // be told; what is left for whatlang is other scripts and prose.
    if whatlang::detect_script(sample) == Some(whatlang::Script::Latin) && !is_prose(sample) {
        return None;
    }
    let info = whatlang::detect(sample)?;
    // A wrong "English" costs nothing: unknown text is read as English.
    let confident = match (info.lang(), info.script()) {
        (whatlang::Lang::Eng, _) => info.confidence() >= CONFIDENT,
        // Prose with English words in it is English quoting another language.
        (_, whatlang::Script::Latin) => info.is_reliable() && english < 0.08,
        _ => info.confidence() >= CONFIDENT,
    };
    if !confident {
        return None;
    }
    let iso3 = info.lang().code();
    LANGUAGES
        .iter()
        .find(|(_, code, _)| *code == iso3)
        .map(|(iso1, _, _)| *iso1)
}

/// The ISO 639-1 code of a language as an input or a user names it: a code
/// of two or three letters, with or without a region ("pt-BR"), or its
/// English or own name. `None` for what names no language Dateline knows.
///
/// ```
/// use dateline_extract::language::code;
/// assert_eq!(code("de-DE"), Some("de"));
/// assert_eq!(code("deu"), Some("de"));
/// assert_eq!(code("ger"), Some("de"));
/// assert_eq!(code("German"), Some("de"));
/// assert_eq!(code("Deutsch"), Some("de"));
/// assert_eq!(code("no-NO"), Some("nb"));
/// assert_eq!(code("xx"), None);
/// ```
pub fn code(typed: &str) -> Option<&'static str> {
    let typed = typed.trim().to_lowercase();
    let primary = typed.split(['-', '_']).next().unwrap_or("");
    LANGUAGES
        .iter()
        .find(|(iso1, iso3, name)| *iso1 == primary || *iso3 == primary || *name == typed)
        .map(|(iso1, _, _)| *iso1)
        .or_else(|| {
            let (_, iso1) = BIBLIOGRAPHIC.iter().find(|(b, _)| *b == primary)?;
            LANGUAGES
                .iter()
                .find(|(c, _, _)| c == iso1)
                .map(|(c, _, _)| *c)
        })
        .or_else(|| {
            // A language's own name ("Deutsch", "français").
            let own = whatlang::Lang::all()
                .iter()
                .find(|lang| lang.name().to_lowercase() == typed)?
                .code();
            LANGUAGES
                .iter()
                .find(|(_, iso3, _)| *iso3 == own)
                .map(|(iso1, _, _)| *iso1)
        })
}

/// The English name of a language code ("de" is "German").
pub fn name(code: &str) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .find(|(iso1, _, _)| *iso1 == code)
        .and_then(|(_, iso3, _)| whatlang::Lang::from_code(*iso3))
        .map(|lang| lang.eng_name())
}

/// Whether the English name rules and topic model hold for an article in
/// this language: English, or a language that is not known.
pub fn reads_as_english(code: Option<&str>) -> bool {
    code.is_none_or(|c| c == "en")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_detected_language_has_a_code() {
        for lang in whatlang::Lang::all() {
            assert!(
                LANGUAGES.iter().any(|(_, iso3, _)| *iso3 == lang.code()),
                "{lang:?}"
            );
        }
        assert_eq!(name("de"), Some("German"));
    }

    #[test]
    fn news_in_several_languages_is_told_apart() {
        let texts = [
            (
                "fr",
                "Le gouvernement a annoncé mardi une nouvelle aide pour les agriculteurs \
                touchés par les inondations dans le sud-ouest du pays, a indiqué le ministre.",
            ),
            (
                "es",
                "El Gobierno anunció el martes una nueva ayuda para los agricultores \
                afectados por las inundaciones en el suroeste del país, según el ministro.",
            ),
            (
                "it",
                "Il governo ha annunciato martedì nuovi aiuti per gli agricoltori colpiti \
                dalle alluvioni nel sud-ovest del paese, ha detto il ministro.",
            ),
            (
                "nl",
                "De regering heeft dinsdag nieuwe steun aangekondigd voor boeren die zijn \
                getroffen door de overstromingen in het zuidwesten van het land.",
            ),
            (
                "ru",
                "Правительство во вторник объявило о новой помощи фермерам, пострадавшим \
                от наводнений на юго-западе страны, сообщил министр.",
            ),
        ];
        for (expected, text) in texts {
            assert_eq!(detect(text), Some(expected), "{text}");
        }
        // Too little to tell.
        assert_eq!(detect("Oil"), None);
    }
}
