//! Finds people, organisations and places in capitalised runs of words.
//!
//! Every maximal run of capitalised words (with name particles and initials
//! inside) is read once. Leading roles, nationalities, weekdays and
//! sentence-initial function words are split off; what remains is classed as
//! an organisation (a cue word like "Party" or a known acronym), a place (a
//! gazetteer form), a full personal name, or a single word that may be a
//! surname. Single words are then resolved against the full names of the same
//! article, so that "Putin" counts as a mention of "Vladimir Putin".

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

mod run;

use run::{read_run, Run};

use crate::data::lists;
use crate::lexicon::{sets, word_class, WordClass};
use crate::names::fold;
use crate::tokens::{Document, Paragraph, Token};
use crate::{Person, Place};

/// What the finders return for one article.
pub(crate) struct Entities {
    pub people: Vec<Person>,
    pub places: Vec<Place>,
    pub organizations: Vec<String>,
}

/// One full name candidate or one single-word mention, in article order.
enum Mention {
    Full(Vec<String>),
    /// A name shape in a list pattern ("NAME ( Country )"), and whether it
    /// reads as a person on its own; the others count as people when at
    /// least two such names do and they are no fewer than the others.
    Listed {
        words: Vec<String>,
        person: bool,
    },
    Single {
        word: String,
        strong: bool,
        /// A role stands before it ("Prime Minister Thatcher"): a person
        /// even when the word is also an English word.
        titled: bool,
    },
    /// A name the text shows to be a work or a band ("the film Vera
    /// Drake", "Franz Ferdinand were"): no mention of it in the article is
    /// a person.
    Work(Vec<String>),
}

/// Counts values in order of first appearance.
#[derive(Default)]
struct Tally {
    order: Vec<String>,
    counts: HashMap<String, u32>,
}

impl Tally {
    fn add(&mut self, value: String) {
        match self.counts.get_mut(&value) {
            Some(count) => *count += 1,
            None => {
                self.counts.insert(value.clone(), 1);
                self.order.push(value);
            }
        }
    }

    /// Values, most counted first, ties in order of appearance.
    fn ranked(self) -> Vec<(String, u32)> {
        let mut out: Vec<(String, u32)> = self
            .order
            .into_iter()
            .map(|v| {
                let c = self.counts[&v];
                (v, c)
            })
            .collect();
        out.sort_by_key(|v| std::cmp::Reverse(v.1));
        out
    }
}

/// Function words that open or close a capitalised run without belonging to
/// it ("The Putin advisor", "Australia On Saturday"). Lower case.
fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "in"
            | "on"
            | "at"
            | "for"
            | "but"
            | "and"
            | "as"
            | "if"
            | "when"
            | "after"
            | "before"
            | "while"
            | "with"
            | "by"
            | "from"
            | "of"
            | "to"
            | "or"
            | "so"
            | "yet"
            | "then"
            | "also"
            | "however"
            | "meanwhile"
            | "although"
            | "though"
            | "because"
            | "since"
            | "until"
            | "during"
            | "despite"
            | "under"
            | "over"
            | "into"
            | "about"
            | "through"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "we"
            | "he"
            | "she"
            | "they"
            | "it"
            | "i"
            | "you"
    )
}

/// The lower-case form of a word, borrowed when it has no capitals.
fn lower(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        }
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

fn is_all_caps(word: &str) -> bool {
    let mut letters = 0;
    for ch in word.chars() {
        if ch.is_alphabetic() {
            if !ch.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// "J.", "U.S.", "O.J.": upper-case letters each followed by a period.
fn is_initial(word: &str) -> bool {
    word.ends_with('.') && word.chars().all(|c| c == '.' || c.is_uppercase()) && word.len() <= 8
}

/// The lower-case ends of compounds that describe rather than name:
/// "Bergamo-based", "Brazilian-born", "Prize-winner". (Romanised given
/// names end in lower-case syllables too, "Kwok-hung", so not any word.)
fn is_compound_tail(word: &str) -> bool {
    matches!(
        word,
        "based"
            | "born"
            | "bred"
            | "winner"
            | "winning"
            | "listed"
            | "led"
            | "backed"
            | "owned"
            | "controlled"
            | "run"
            | "funded"
            | "sponsored"
            | "made"
            | "speaking"
            | "style"
            | "era"
            | "class"
    )
}

/// Capitalised for name purposes: "Putin", "al-Assad", "O'Neil"; not "I'm"
/// or a compound with a describing end ([`is_compound_tail`]).
fn starts_name(token: &Token<'_>) -> bool {
    if !token.is_word {
        return false;
    }
    if !token.joined {
        return token.capitalised;
    }
    if token.capitalised {
        let text = token.text;
        if text.starts_with("I'") || text.starts_with("I\u{2019}") {
            return false;
        }
        return !text
            .rsplit_once('-')
            .is_some_and(|(_, last)| is_compound_tail(last));
    }
    let text = token.text;
    // "d'Ettorre", "d’Estaing".
    if let Some(rest) = text
        .strip_prefix("d'")
        .or_else(|| text.strip_prefix("d\u{2019}"))
    {
        return rest.chars().next().is_some_and(char::is_uppercase);
    }
    // Otherwise only "al-", "el-", "ad-", "as-" and "bin-" open a name in
    // lower case.
    for prefix in ["al-", "el-", "bin-", "ad-", "as-"] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return rest.chars().next().is_some_and(char::is_uppercase);
        }
    }
    false
}

/// What the finders collect from one article, in article order.
#[derive(Default)]
struct Findings {
    mentions: Vec<Mention>,
    orgs: Tally,
    places: Vec<Place>,
    place_counts: HashMap<String, u32>,
    /// Companies named in the possessive, as (owner, the name with it, the
    /// name after it): "Moody's Investors Service Inc" unless the article
    /// names a person so ("Murdoch's News Corp": News Corp).
    possessive_firms: Vec<(String, String, String)>,
    /// Names the text calls a news agency or a newspaper ("the Tanjug news
    /// agency"): none of their mentions is a person ("Tanjug said").
    media: Vec<String>,
}

impl Findings {
    /// A mention of the place `canonical`, written `form`.
    fn add_place(&mut self, canonical: &str, form: &str) {
        *self.place_counts.entry(canonical.to_string()).or_default() += 1;
        match self.places.iter_mut().find(|p| p.name == canonical) {
            Some(place) => {
                if !place.forms.iter().any(|f| f == form) {
                    place.forms.push(form.to_string());
                }
            }
            None => self.places.push(Place {
                name: canonical.to_string(),
                forms: vec![form.to_string()],
            }),
        }
    }

    /// A known place, or, followed by a score, a team named after it
    /// ("SEATTLE 9 Baltimore 6").
    fn add_place_or_team(&mut self, place: &str, form: String, score_after: bool) {
        if score_after {
            self.orgs.add(form);
        } else {
            self.add_place(place, &form);
        }
    }

    /// A word of a run that is not part of a name: a place (`place`,
    /// already looked up), a known organisation, or an acronym that is not
    /// a common word (`common`) nor an abbreviation of a thing.
    fn add_non_person(&mut self, word: &str, place: Option<&'static str>, common: bool) {
        if let Some(place) = place {
            self.add_place(place, word);
        } else if sets().known_orgs.contains(word)
            || (is_all_caps(word)
                && word.len() <= 6
                && !common
                && !sets().thing_abbreviations.contains(word))
        {
            self.orgs.add(word.to_string());
        }
    }
}

pub(crate) fn find(doc: &Document<'_>) -> Entities {
    let mut found = Findings::default();
    let mut run = Run::default();
    for paragraph in &doc.paragraphs {
        if paragraph.credit {
            read_credit(paragraph, &mut found.mentions, &mut found.orgs);
            continue;
        }
        let tokens = &paragraph.tokens;
        let mut i = inverted_names(tokens, &mut found.mentions);
        while i < tokens.len() {
            if !starts_name(&tokens[i]) {
                // A line of a list may be a reading-list entry too.
                if tokens[i].text == "\n" {
                    i += inverted_names(&tokens[i + 1..], &mut found.mentions);
                }
                i += 1;
                continue;
            }
            let locative = says_place(tokens, i);
            if let Some((end, place, form)) = place_with_connectors(&tokens[i..], locative) {
                found.add_place(place, &form);
                i += end;
                continue;
            }
            let start = i;
            let end = run_end(tokens, start);
            if let Some(after) = media_named(tokens, start, end) {
                let name: Vec<&str> = tokens[start..end].iter().map(|t| t.text).collect();
                found.orgs.add(name.join(" "));
                found.media.push(name.join(" "));
                i = end + after;
                continue;
            }
            if let Some((mark, firm_end)) = possessive_firm(tokens, start, end) {
                let words = |range: std::ops::Range<usize>| {
                    tokens[range]
                        .iter()
                        .map(|t| t.text)
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let after = words(mark + 1..firm_end);
                let with_owner = format!("{}{} {after}", words(start..mark), tokens[mark].text);
                let owner = tokens[mark - 1].text.to_string();
                found.possessive_firms.push((owner, with_owner, after));
                i = firm_end;
                continue;
            }
            if let Some(firm_end) = partners_firm(tokens, start, end) {
                let words: Vec<&str> = tokens[start..firm_end].iter().map(|t| t.text).collect();
                found.orgs.add(words.join(" ").replace(" ,", ","));
                i = firm_end;
                continue;
            }
            read_run(paragraph, (start, end), locative, &mut run, &mut found);
            i = end;
        }
    }

    let Findings {
        mut mentions,
        mut orgs,
        mut places,
        place_counts,
        possessive_firms,
        media,
    } = found;
    mentions.retain(|mention| match mention {
        Mention::Full(words) => !media.contains(&words.join(" ")),
        Mention::Single { word, .. } => !media.contains(word),
        Mention::Listed { .. } | Mention::Work(_) => true,
    });
    for (owner, with_owner, after) in possessive_firms {
        // An owner the article names as a person or as a company of its own
        // ("Fluor's Fluor Constructors Inc", "PepsiCo's Taco Bell Corp" with
        // PepsiCo Inc) owns the company after it.
        let a_person = mentions.iter().any(|m| match m {
            Mention::Full(words) => words.last() == Some(&owner),
            Mention::Single { word, .. } => *word == owner,
            Mention::Listed { .. } | Mention::Work(_) => false,
        });
        let prefix = format!("{owner} ");
        let a_company = after.starts_with(&prefix)
            || orgs
                .order
                .iter()
                .any(|org| *org == owner || org.starts_with(&prefix));
        orgs.add(if a_person || a_company {
            after
        } else {
            with_owner
        });
    }
    drop_firms_named_after_people(&mut mentions, &orgs);
    let people = resolve_people(mentions);
    places.sort_by_key(|p| std::cmp::Reverse(place_counts[&p.name]));
    Entities {
        people,
        places,
        organizations: orgs.ranked().into_iter().map(|(name, _)| name).collect(),
    }
}

/// Where the run of name words from `start` ends: capitalised words, with
/// particles ("de", "van") and the connectors of organisation names between
/// them.
fn run_end(tokens: &[Token<'_>], start: usize) -> usize {
    let mut end = start + 1;
    while end < tokens.len() {
        let t = &tokens[end];
        if starts_name(t) {
            end += 1;
        } else if t.is_word
            && sets().particles.contains(t.text)
            && tokens.get(end + 1).is_some_and(starts_name)
            || joins_organisation(tokens, start, end)
        {
            end += 2;
        } else {
            break;
        }
    }
    end
}

/// How many tokens after the run `start..end` say it names a news agency
/// or a newspaper; `None` when they do not, or the run is no name ("The
/// news agency said", "the French news agency").
fn media_named(tokens: &[Token<'_>], start: usize, end: usize) -> Option<usize> {
    let after = media_noun(&tokens[end..])?;
    let class = |t: &Token<'_>| crate::lexicon::word_class(&lower(t.text));
    let run = &tokens[start..end];
    let no_name = run
        .iter()
        .all(|t| class(t).has(crate::lexicon::WordClass::COMMON))
        || run.iter().any(|t| {
            class(t).has(crate::lexicon::WordClass::NATIONALITY) || place_of(&[t.text]).is_some()
        });
    (!no_name).then_some(after)
}

/// How many tokens after a name say it is a news agency or a newspaper,
/// in lower case ("Tanjug news agency", "Kyodo news service", "Pravda
/// newspaper"); `None` when they do not.
fn media_noun(after: &[Token<'_>]) -> Option<usize> {
    let word = |at: usize| {
        after
            .get(at)
            .filter(|t| t.is_word && !t.capitalised)
            .map(|t| t.text)
    };
    match (word(0), word(1)) {
        (Some("news"), Some("agency" | "service")) => Some(2),
        (Some("agency" | "newspaper" | "daily"), _) => Some(1),
        _ => None,
    }
}

/// A company named in the possessive ("Moody's Investors Service Inc",
/// "McDonald's Corp", "Standard and Poor's Corp"): one word that is no
/// place nor known organisation (or two joined by "and"), its `'s`, then a
/// run that ends in a company suffix. Returns where the `'s` stands and
/// the end of the whole name.
fn possessive_firm(tokens: &[Token<'_>], start: usize, end: usize) -> Option<(usize, usize)> {
    if end != start + 1 {
        return None;
    }
    let is_possessive = |at: usize| {
        tokens
            .get(at)
            .is_some_and(|t| matches!(t.text, "'s" | "\u{2019}s"))
    };
    let partners = tokens
        .get(end)
        .is_some_and(|t| matches!(t.text, "and" | "&"))
        && tokens.get(end + 1).is_some_and(starts_name)
        && is_possessive(end + 2);
    let mark = if partners { end + 2 } else { end };
    if !is_possessive(mark) || !tokens.get(mark + 1).is_some_and(starts_name) {
        return None;
    }
    let owned = |at: usize| {
        let word = tokens[at].text;
        place_of(&[word]).is_none() && !is_all_caps(word) && !sets().known_orgs.contains(word)
    };
    if !owned(start) || (partners && !owned(end + 1)) {
        return None;
    }
    let firm_end = run_end(tokens, mark + 1);
    is_company_suffix(&lower(tokens[firm_end - 1].text)).then_some((mark, firm_end))
}

/// A firm named after its partners, with commas ("Goldman, Sachs and Co",
/// "Kidder, Peabody and Co"): the run `start..end` of one word, then
/// comma-separated runs, the last "Name and Co" (or another company
/// suffix). Returns the end of the whole name.
fn partners_firm(tokens: &[Token<'_>], start: usize, end: usize) -> Option<usize> {
    // ("In Paris, Lazard Freres and Co said": a place before the comma.)
    if end != start + 1 || tokens[start].sentence_start || place_of(&[tokens[start].text]).is_some()
    {
        return None;
    }
    let mut at = end;
    while tokens.get(at).is_some_and(|t| t.text == ",")
        && tokens.get(at + 1).is_some_and(starts_name)
    {
        let next = run_end(tokens, at + 1);
        let words = &tokens[at + 1..next];
        if let [.., name, and, suffix] = words {
            if name.capitalised
                && matches!(and.text, "and" | "&")
                && is_company_suffix(&lower(suffix.text))
            {
                return Some(next);
            }
        }
        if next != at + 2 {
            return None;
        }
        at = next;
    }
    None
}

/// Removes the mentions of a name that the same article also writes as a
/// company's ("Merrill Lynch said" beside "Merrill Lynch and Co Inc",
/// "Goldman Sachs" beside "Goldman Sachs Group Inc"): a firm named after
/// people, not a person. Only names ending in a company suffix count, so
/// "the Reagan Administration" leaves Reagan a person.
fn drop_firms_named_after_people(mentions: &mut Vec<Mention>, orgs: &Tally) {
    let firms: Vec<&str> = orgs
        .order
        .iter()
        .filter(|org| {
            org.rsplit(' ').next().is_some_and(|last| {
                matches!(
                    lower(last.trim_end_matches('.')).as_ref(),
                    "co" | "cos" | "inc" | "corp" | "ltd" | "plc" | "group" | "llc" | "ag" | "nv"
                )
            })
        })
        .map(String::as_str)
        .collect();
    if firms.is_empty() {
        return;
    }
    let names_a_firm = |words: &[String]| {
        let name = words.join(" ");
        firms.iter().any(|firm| {
            firm.strip_prefix(name.as_str())
                .is_some_and(|rest| rest.starts_with(' '))
        })
    };
    mentions.retain(|mention| match mention {
        Mention::Full(words) => words.len() < 2 || !names_a_firm(words),
        Mention::Listed { .. } | Mention::Single { .. } | Mention::Work(_) => true,
    });
}

/// Whether the run `start..end` labels a speaker in a transcript: it opens
/// its line, and a colon or the closing bracket follows it ("((WSS)) :
/// Which past president...", "WN: Why now?", "((WN)) What are..."). Interviews
/// name their speakers so on every question; the label is no organisation.
fn is_speaker_label(tokens: &[Token<'_>], start: usize, end: usize) -> bool {
    let opens_line = tokens[..start]
        .iter()
        .rev()
        .take_while(|t| t.text != "\n")
        .all(|t| !t.is_word && matches!(t.text, "(" | "[" | "((" | "[["));
    let bracketed = start > 0
        && tokens
            .get(end)
            .is_some_and(|t| t.text.starts_with([')', ']']));
    let colon_after = tokens[end..]
        .iter()
        .find(|t| !matches!(t.text, ")" | "]" | "))" | "]]"))
        .is_some_and(|t| t.text == ":");
    opens_line && (colon_after || bracketed)
}

/// Whether the lower-case word at `at` joins the capitalised run
/// `start..at` to the one after it as one organisation's name:
/// - "and" or "&" before company suffixes only: "Merrill Lynch and Co Inc";
/// - "and" between capitalised common words and a run with an organisation
///   word: "Securities and Exchange Commission", "Food and Drug
///   Administration" (not "Chrysler and Ford Motor Co": a name comes first);
/// - "of" or "for" after an organisation word: "Bank of England", "Ministry
///   of Finance", "Council for Mutual Economic Assistance".
fn joins_organisation(tokens: &[Token<'_>], start: usize, at: usize) -> bool {
    let connector = tokens[at].text;
    if !matches!(connector, "and" | "&" | "of" | "for") || at == start {
        return false;
    }
    let after_end = (at + 1..tokens.len())
        .find(|&i| !starts_name(&tokens[i]))
        .unwrap_or(tokens.len());
    if after_end == at + 1 {
        return false;
    }
    let class = |i: usize| word_class(&lower(tokens[i].text));
    let after = at + 1..after_end;
    if matches!(connector, "of" | "for") {
        return class(at - 1).has(WordClass::ORG_WORD);
    }
    let suffixes_only = after.clone().all(|i| {
        matches!(
            lower(tokens[i].text).as_ref(),
            "co" | "cos" | "company" | "inc" | "ltd" | "corp" | "plc" | "llc"
        )
    });
    let common_before = (start..at).all(|i| {
        let c = class(i);
        c.has(WordClass::COMMON) && !c.has(WordClass::FIRST_NAME) && !is_all_caps(tokens[i].text)
    });
    // "Ministry of International Trade and Industry", "Department of
    // Health and Human Services": an office "of" common words and more.
    let plain = |i: usize| {
        let c = class(i);
        c.has(WordClass::COMMON) && !c.has(WordClass::FIRST_NAME)
    };
    let office = if is_determiner(&lower(tokens[start].text)) {
        start + 1
    } else {
        start
    };
    let office_of = at > office + 2
        && class(office).has(WordClass::ORG_WORD)
        && matches!(tokens[office + 1].text, "of" | "for")
        && (office + 2..at).all(plain)
        && after.clone().all(plain);
    suffixes_only
        || office_of
        || common_before && after.clone().any(|i| class(i).has(WordClass::ORG_WORD))
}

/// Names written surname first at the start of a paragraph, as reading
/// lists and references do: "Austen, Jane. Pride and Prejudice", "Marx, Karl
/// and Engels, Friedrich." One given name per entry (two before a period),
/// the entry closed by a period, or by "and" before another entry (so that
/// "Garcia, Maria Lopez and Ana Ruiz scored" stays a list). Adds them as
/// full names and returns the index of the first token after them (0 when
/// there are none).
fn inverted_names(tokens: &[Token<'_>], mentions: &mut Vec<Mention>) -> usize {
    let mut at = 0;
    let mut found: Vec<Vec<String>> = Vec::new();
    let mut closed = (0, 0);
    while let [surname, comma, given, rest @ ..] = &tokens[at..] {
        // The shape first: this runs at the start of every paragraph and
        // list line, and few of them open with "Word, Word".
        let shaped = surname.is_word
            && surname.capitalised
            && comma.text == ","
            && given.is_word
            && given.capitalised;
        if !shaped {
            break;
        }
        let surname_class = word_class(&lower(surname.text));
        let entry = !surname_class.has(WordClass::COMMON)
            && !surname_class.has(WordClass::CALENDAR)
            && !is_all_caps(surname.text)
            && word_class(&lower(given.text)).has(WordClass::FIRST_NAME)
            && place_here(&[given.text], false).is_none();
        if !entry {
            break;
        }
        // A second given name only in an entry closed by a period
        // ("Macaulay, Thomas Babington.").
        let (middle, end) = match rest {
            [end, ..] if matches!(end.text, "." | "and") => (None, end),
            [middle, end, ..] if middle.is_word && middle.capitalised && end.text == "." => {
                (Some(middle), end)
            }
            _ => break,
        };
        let mut words = vec![given.text.to_string()];
        words.extend(middle.map(|m| m.text.to_string()));
        words.push(surname.text.to_string());
        found.push(words);
        at += 4 + usize::from(middle.is_some());
        if end.text == "." {
            closed = (found.len(), at);
            break;
        }
    }
    // Entries count only up to the last one closed by a period.
    let (entries, used) = closed;
    found.truncate(entries);
    mentions.extend(found.into_iter().map(Mention::Full));
    used
}

/// Photo credits: "Keystone/EPA/Kristina Kormilitsina/Sputnik/Kremlin Pool".
fn read_credit(paragraph: &Paragraph<'_>, mentions: &mut Vec<Mention>, orgs: &mut Tally) {
    for segment in paragraph
        .tokens
        .split(|t| t.text == "/" || t.text == "," || t.text == ";")
    {
        let words: Vec<&str> = segment
            .iter()
            .filter(|t| t.is_word)
            .map(|t| t.text)
            .collect();
        if words.len() == 1 && sets().known_orgs.contains(words[0]) {
            orgs.add(words[0].to_string());
            continue;
        }
        if (2..=3).contains(&words.len())
            && segment.iter().all(|t| t.is_word && starts_name(t))
            && word_class(&lower(words[0])).has(WordClass::FIRST_NAME)
            && !words[1..].iter().any(|w| is_cue_word(w))
        {
            mentions.push(Mention::Full(words.iter().map(|w| w.to_string()).collect()));
        }
    }
}

fn is_cue_word(word: &str) -> bool {
    let class = word_class(&lower(word));
    class.has(WordClass::ORG_WORD) || class.has(WordClass::THING_WORD)
}

/// Whether the text around the capitalised run at `start` says it names a
/// place: after a preposition of place ("in Macomb", "near the Velten"),
/// before ", State" or "( Country )", or opening a dateline ("VELTEN
/// 1996-08-30", "MACOMB, Mich.").
fn says_place(tokens: &[Token<'_>], start: usize) -> bool {
    let mut before = start.checked_sub(1).map(|i| &tokens[i]);
    if before.is_some_and(|t| t.text == "the") {
        before = start.checked_sub(2).map(|i| &tokens[i]);
    }
    let preposition = before.is_some_and(|t| {
        matches!(
            t.text,
            "in" | "at"
                | "near"
                | "from"
                | "outside"
                | "into"
                | "around"
                | "across"
                | "towards"
                | "toward"
                | "through"
                | "via"
                | "In"
                | "At"
                | "Near"
                | "From"
        )
    });
    if preposition {
        return true;
    }
    let mut end = start + 1;
    while end < tokens.len() && starts_name(&tokens[end]) {
        end += 1;
    }
    let next = tokens.get(end);
    let followed_by_place = next.is_some_and(|t| t.text == "," || t.text == "(")
        && tokens.get(end + 1).is_some_and(|t| {
            starts_name(t) && place_of(&[t.text]).is_some_and(|p| !lists().towns.contains(p))
        });
    let dateline = start == 0
        && next.is_some_and(|t| t.text == "," || t.text.starts_with(|c: char| c.is_ascii_digit()));
    followed_by_place || dateline
}

/// Lower-case words inside place names: "Republic of Ireland", "Trinidad
/// and Tobago", "Stade de France".
fn is_place_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "and" | "the" | "de" | "del" | "la" | "upon" | "on"
    )
}

/// The longest place name at the start of `tokens` that has a lower-case
/// connector inside (capitalised runs stop at those), as (tokens used,
/// canonical name, form as written).
fn place_with_connectors(
    tokens: &[Token<'_>],
    locative: bool,
) -> Option<(usize, &'static str, String)> {
    // The run as it would be with connectors allowed inside; most runs have
    // none, and are left at once.
    let mut end = 1;
    let mut connected = false;
    while end < tokens.len() && end < 8 {
        if starts_name(&tokens[end]) {
            end += 1;
        } else if tokens[end].is_word
            && is_place_connector(tokens[end].text)
            && tokens.get(end + 1).is_some_and(starts_name)
        {
            end += 2;
            connected = true;
        } else {
            break;
        }
    }
    if !connected || !starts_name(tokens.first()?) {
        return None;
    }
    let words: Vec<&str> = tokens[..end].iter().map(|t| t.text).collect();
    // Longest first; only spans that end on a name and hold a connector.
    (2..=end).rev().find_map(|len| {
        let span = &words[..len];
        let holds_connector = span[1..].iter().any(|w| is_place_connector(w));
        let ends_on_name = starts_name(&tokens[len - 1]);
        if !holds_connector || !ends_on_name {
            return None;
        }
        place_here(span, locative).map(|place| (len, place, span.join(" ")))
    })
}

/// A place the words name here: a town only where the text says it is a
/// place (see [`says_place`]), so that "for Rubio" stays a person.
fn place_here(words: &[&str], locative: bool) -> Option<&'static str> {
    place_of(words).filter(|place| locative || !lists().towns.contains(place))
}

fn place_of(words: &[&str]) -> Option<&'static str> {
    match words {
        [] => None,
        [word] => place_of_form(word, words),
        _ => place_of_form(&words.join(" "), words),
    }
}

/// The canonical place of one surface form (`words` joined by spaces).
fn place_of_form(form: &str, words: &[&str]) -> Option<&'static str> {
    let forms = &lists().place_forms;
    if let Some(canonical) = forms.get(form) {
        return Some(canonical);
    }
    // Datelines and headlines in capitals: "NEW YORK", "BUENOS AIRES".
    // Abbreviations ("US", "UAE") are forms of their own; short all-capital
    // words are acronyms, not places.
    if words.iter().all(|w| is_all_caps(w)) && words.iter().any(|w| w.chars().count() > 3) {
        let titled: Vec<String> = words.iter().map(|w| title_case(w)).collect();
        return forms.get(titled.join(" ").as_str()).copied();
    }
    None
}

/// "YORK" -> "York", "LOS" -> "Los".
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// Whether the words around a name (the run `start..end`, when `whole` the
/// name is all of it) show a work or a band, not a person: a kind of work
/// before it ("the film Vera Drake", "Glasgow group Franz Ferdinand"), a
/// work's words after it ("Vera Drake star Imelda Staunton", "the Harry
/// Potter games", "Harry Potter and the Goblet of Fire"; not "film" or
/// "books": "a Steven Spielberg film" names him), or a plural verb after a
/// name with no list before it in the sentence ("Franz Ferdinand were").
/// (The caller asks only when no role stands before the name: "chancellor
/// Wolfgang Schuessel and the Austrian People's Party".)
fn names_a_work(tokens: &[Token<'_>], start: usize, end: usize, whole: bool) -> bool {
    if !whole {
        return false;
    }
    let word = |i: usize| tokens.get(i).filter(|t| t.is_word).map(|t| t.text);
    let before = start.checked_sub(1).and_then(word);
    let after = word(end);
    let kind_before = before.is_some_and(|w| {
        matches!(
            w,
            "film"
                | "movie"
                | "band"
                | "group"
                | "album"
                | "novel"
                | "musical"
                | "sitcom"
                | "biopic"
        )
    });
    let work_after = after.is_some_and(|w| matches!(w, "star" | "franchise" | "games"));
    // "Harry Potter and the Goblet of Fire" (not "Ry Cooder and the Beach
    // Boys", a list).
    let title_after = after == Some("and")
        && word(end + 1).is_some_and(|w| w.eq_ignore_ascii_case("the"))
        && tokens.get(end + 2).is_some_and(|t| t.capitalised)
        && word(end + 3) == Some("of");
    // The sentence's subject: at most a word and a comma before it
    // ("Nevertheless Franz Ferdinand were"); further in, the verb may be
    // another subject's ("a museum dedicated to Jimi Hendrix are") or a
    // list's ("McEwan and Margaret Atwood are"), and "if" makes "were" a
    // person's.
    let opening = tokens[..start]
        .iter()
        .rposition(|t| t.sentence_start)
        .map_or(0, |s| start - s);
    let subject = tokens[start].sentence_start
        || opening <= 2
            && !tokens[start - opening..start]
                .iter()
                .any(|t| matches!(t.text, "If" | "and" | "or" | "&"));
    let plural_verb = after.is_some_and(|w| matches!(w, "were" | "are")) && subject;
    kind_before || work_after || title_after || plural_verb
}

/// A title that stands only before a person's name ("Prime Minister
/// Thatcher", "President Bush", "Treasury Secretary Baker"), lower case.
fn is_personal_title(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "sir"
            | "dame"
            | "president"
            | "minister"
            | "secretary"
            | "senator"
            | "sen"
            | "rep"
            | "congressman"
            | "congresswoman"
            | "governor"
            | "gov"
            | "chancellor"
            | "chairman"
            | "chairwoman"
            | "premier"
            | "speaker"
            | "judge"
            | "ambassador"
            | "mayor"
            | "pope"
            | "coach"
            | "manager"
    )
}

/// A word that is a bank's name by itself: "Bundesbank", "Rabobank",
/// "Citibank" (one word ending in "bank", longer than it).
fn is_bank_compound(lower: &str) -> bool {
    lower.len() > 6 && lower.ends_with("bank")
}

/// The suffixes of company names.
fn is_company_suffix(lower: &str) -> bool {
    matches!(
        lower.trim_end_matches('.'),
        "co" | "cos"
            | "inc"
            | "corp"
            | "ltd"
            | "plc"
            | "llc"
            | "limited"
            | "bros"
            | "nv"
            | "ag"
            | "bv"
            | "gmbh"
            | "spa"
            | "oyj"
    )
}

/// Merges full names, then attaches single-word mentions to them.
fn resolve_people(mentions: Vec<Mention>) -> Vec<Person> {
    struct Entry {
        words: Vec<String>,
        folded: Vec<String>,
        mentions: u32,
        last_seen: usize,
    }
    let listed = |wanted: bool| {
        mentions
            .iter()
            .filter(|m| matches!(m, Mention::Listed { person, .. } if *person == wanted))
            .count()
    };
    let (listed_people, listed_others) = (listed(true), listed(false));
    let promote = listed_people >= 2 && listed_people >= listed_others;
    let works: Vec<Vec<String>> = mentions
        .iter()
        .filter_map(|m| match m {
            Mention::Work(words) => Some(words.iter().map(|w| fold(w)).collect()),
            _ => None,
        })
        .collect();
    let is_work = |words: &[String]| {
        works.iter().any(|work| {
            work.len() == words.len() && work.iter().zip(words).all(|(a, b)| *a == fold(b))
        })
    };
    let mentions: Vec<Mention> = mentions
        .into_iter()
        .filter_map(|mention| match mention {
            Mention::Listed { words, person } => {
                (person || promote).then_some(Mention::Full(words))
            }
            Mention::Full(words) if is_work(&words) => None,
            other => Some(other),
        })
        .collect();
    let mut people: Vec<Entry> = Vec::new();
    // Full names first, so that "Trump" in a headline finds "Donald Trump" below.
    for (pos, mention) in mentions.iter().enumerate() {
        let Mention::Full(words) = mention else {
            continue;
        };
        let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
        let existing = people.iter_mut().find(|p| same_person(&p.folded, &folded));
        match existing {
            Some(entry) => {
                entry.mentions += 1;
                entry.last_seen = pos;
                if folded.len() > entry.folded.len() {
                    entry.words = words.clone();
                    entry.folded = folded;
                }
            }
            None => people.push(Entry {
                words: words.clone(),
                folded,
                mentions: 1,
                last_seen: pos,
            }),
        }
    }
    // A thing named after a person of the article, by surname first:
    // "Warhol Polaroids" beside "Andy Warhol", "Trump Tower" beside
    // "Donald Trump". Names written surname first have hyphenated given
    // names ("Leung Kwok-hung" beside "Priscilla Leung") and stay.
    let surnames: Vec<String> = people
        .iter()
        .filter(|p| p.folded.len() >= 2)
        .filter_map(|p| p.folded.last().cloned())
        .collect();
    let named_after_someone = |p: &Entry| {
        p.folded.len() == 2
            && surnames.contains(&p.folded[0])
            && !word_class(&p.folded[0]).has(WordClass::FIRST_NAME)
            && !p.words[1].contains('-')
    };
    people.retain(|p| !named_after_someone(p));
    for (pos, mention) in mentions.iter().enumerate() {
        let Mention::Single {
            word,
            strong,
            titled,
        } = mention
        else {
            continue;
        };
        let folded = fold(word);
        let mut best: Option<usize> = None;
        for (idx, entry) in people.iter().enumerate() {
            let matches = entry.folded.last() == Some(&folded)
                || (entry.folded.len() > 2 && entry.folded[1..].contains(&folded));
            if matches {
                // Two people sharing a surname: the one mentioned most recently wins.
                let better = match best {
                    None => true,
                    Some(b) => {
                        let recent = |e: &Entry| if e.last_seen <= pos { e.last_seen } else { 0 };
                        recent(entry) > recent(&people[b])
                    }
                };
                if better {
                    best = Some(idx);
                }
            }
        }
        match best {
            Some(idx) => {
                people[idx].mentions += 1;
                people[idx].last_seen = people[idx].last_seen.max(pos);
            }
            None if (*titled || *strong && !word_class(&lower(word)).has(WordClass::COMMON))
                && word.chars().count() > 2 =>
            {
                match people
                    .iter_mut()
                    .find(|p| p.folded.len() == 1 && p.folded[0] == folded)
                {
                    Some(entry) => entry.mentions += 1,
                    None => people.push(Entry {
                        words: vec![word.clone()],
                        folded: vec![folded],
                        mentions: 1,
                        last_seen: pos,
                    }),
                }
            }
            None => {}
        }
    }
    // Surname-only people later named in full by a weak mention are merged above;
    // a strong single that equals a full name's surname joins it.
    let mut out: Vec<Person> = Vec::new();
    let fulls: Vec<(Vec<String>, u32)> = people
        .iter()
        .map(|p| (p.folded.clone(), p.mentions))
        .collect();
    for entry in &people {
        if entry.folded.len() == 1
            && fulls
                .iter()
                .any(|(f, _)| f.len() > 1 && f.last() == entry.folded.last())
        {
            continue;
        }
        out.push(Person {
            name: entry.words.join(" "),
            mentions: entry.mentions,
        });
    }
    out.sort_by_key(|p| std::cmp::Reverse(p.mentions));
    out
}

/// "Donald Trump" and "Donald J. Trump" are one person; "Donald Trump" and
/// "Melania Trump" are two.
fn same_person(a: &[String], b: &[String]) -> bool {
    if a == b {
        return true;
    }
    if a.len() < 2 || b.len() < 2 {
        return false;
    }
    let first = |x: &[String]| x[0].trim_end_matches('.').to_string();
    a.last() == b.last() && (first(a) == first(b))
}

/// A user-typed place name to its canonical form, case-insensitively.
pub(crate) fn canonical_place(typed: &str) -> Option<&'static str> {
    let typed = typed.trim();
    if let Some(found) = place_of(&[typed]) {
        return Some(found);
    }
    if let Some(found) = place_of(&[typed.to_uppercase().as_str()]) {
        return Some(found);
    }
    let title: String = typed
        .split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ");
    place_of(&[title.as_str()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ArticleText;

    fn people_in(lead: &str, body: &str) -> Vec<(String, u32)> {
        entities_in(lead, body)
            .people
            .into_iter()
            .map(|p| (p.name, p.mentions))
            .collect()
    }

    #[test]
    fn strips_titles_and_nationalities() {
        let found = people_in(
            "On Friday Palestinian President Yasser Arafat met German Dietmar Beiersdorfer.",
            "",
        );
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Yasser Arafat", "Dietmar Beiersdorfer"]);
    }

    #[test]
    fn keeps_particles_inside_names() {
        let found = people_in("Kenyan President Daniel arap Moi spoke in Nairobi.", "");
        assert_eq!(found[0].0, "Daniel arap Moi");
    }

    #[test]
    fn does_not_merge_people_sharing_a_surname() {
        let found = people_in(
            "Donald Trump and Melania Trump arrived.",
            "Melania Trump waved. Trump smiled.",
        );
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert!(
            names.contains(&"Donald Trump") && names.contains(&"Melania Trump"),
            "{names:?}"
        );
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn venues_are_not_people() {
        let found = people_in(
            "Crowds gathered at the Kennedy Space Center and the Melbourne Cricket Ground.",
            "",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    fn entities_in(lead: &str, body: &str) -> Entities {
        let article = ArticleText {
            title: "",
            lead,
            body,
            credits: &[],
        };
        find(&Document::new(&article))
    }

    fn person_names(entities: &Entities) -> Vec<&str> {
        entities.people.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn names_in_a_results_list_are_people_when_the_list_holds_people() {
        // One result per paragraph: short lines without a full stop, read
        // as headings, where an unknown name alone is not enough.
        let results = "Andy Murray (Britain) beat Thanasi Kokkinakis (Australia) 6-3 6-4\n\n\
                       Rafael Nadal (Spain) beat Yoshihito Nishioka (Japan) 6-2 6-1\n\n\
                       Novak Djokovic (Serbia) beat Dudi Sela (Israel) 7-5 6-4";
        let found = entities_in("Results from the tournament on Friday:", results);
        let mut people = person_names(&found);
        people.sort_unstable();
        assert_eq!(
            people,
            [
                "Andy Murray",
                "Dudi Sela",
                "Novak Djokovic",
                "Rafael Nadal",
                "Thanasi Kokkinakis",
                "Yoshihito Nishioka"
            ]
        );
        // One such line is no list: the unknown name stays unknown.
        let one = "Andy Murray (Britain) beat Thanasi Kokkinakis (Australia) 6-3 6-4";
        let found = entities_in("Results from the tournament on Friday:", one);
        assert_eq!(person_names(&found), ["Andy Murray"]);
    }

    #[test]
    fn teams_and_exchanges_named_after_places_are_not_people() {
        let found = entities_in(
            "New York Stock Exchange officials said trading was calm.",
            "Randall Cunningham played his whole career with the Philadelphia Eagles.",
        );
        assert_eq!(person_names(&found), ["Randall Cunningham"]);
        assert_eq!(
            found.organizations,
            ["New York Stock Exchange", "Philadelphia Eagles"]
        );
        // A person whose given name is a city's, with an initial: no team.
        let found = entities_in("Critics of the George W. Bush administration spoke.", "");
        assert_eq!(person_names(&found), ["George W. Bush"]);
        // An organisation, a role, then a person, in one capitalised run.
        let found = entities_in(
            "Exports rose, Tasmania Primary Industries Minister Helen Marsh said.",
            "",
        );
        assert_eq!(person_names(&found), ["Helen Marsh"]);
        assert_eq!(found.organizations, ["Tasmania Primary Industries"]);
    }

    #[test]
    fn roles_inside_runs_and_abbreviated_titles() {
        let cases = [
            (
                "According to the Herald, Emeritus Professor John Burrows said so.",
                "John Burrows",
            ),
            (
                "I studied ants under Prof. Patrizia d'Ettorre in Paris.",
                "Patrizia d'Ettorre",
            ),
            (
                "The Minister of Culture Mr. Dario Franceschini spoke.",
                "Dario Franceschini",
            ),
            ("NASA Administrator Bolden said so.", "Bolden"),
            (
                "It was founded by science fiction writer L. Ron Hubbard.",
                "L. Ron Hubbard",
            ),
            (
                "The lawmaker Leung Kwok-hung walked out.",
                "Leung Kwok-hung",
            ),
            // An organisation and a name with no role between them.
            (
                "Later the Red Cross Society Amina Yusuf said so.",
                "Amina Yusuf",
            ),
            // A given name that is also a word, opening a sentence.
            ("Frank Castle spoke to reporters.", "Frank Castle"),
            // A thing cue word as a surname, with a role before it.
            (
                "Critics include professor Marc Lamont Hill.",
                "Marc Lamont Hill",
            ),
            // ... or a role inside the run, after a place.
            (
                "The board was headed by former Texas Sen. John Tower.",
                "John Tower",
            ),
            // A hyphenated role.
            ("Vice-Premier Yao Yilin announced the plan.", "Yao Yilin"),
            // A place that is also a rare given name, before a full name.
            (
                "In a statement, Governor of Washington Chris Gregoire thanked them.",
                "Chris Gregoire",
            ),
            // An editor's insertion in a quote.
            (
                "\"He voted for [George H. W.] Bush in 88,\" she said.",
                "George H. W. Bush",
            ),
        ];
        for (lead, person) in cases {
            assert_eq!(person_names(&entities_in(lead, "")), [person], "{lead}");
        }
    }

    #[test]
    fn contractions_compounds_and_offices_are_not_people() {
        let found = entities_in(
            "I'm sure the Los Angeles Sheriff's Department, a Connecticut Driver, the Palme d'Or jury, \
             people in Maidan Shahr and in Maidan Wardak province, \
             Japan's first Academy Award and \
             Food Standards Australia New Zealand, \
             Costa Rican and Sri Lankan officials, \
             the Prince Edward Island Museum and \
             Toronto-based Magna agree.",
            "",
        );
        assert!(found.people.is_empty(), "{:?}", found.people);
    }

    #[test]
    fn a_word_before_a_country_is_a_branch() {
        let found = entities_in(
            "Amoco Canada said on Monday it would sell its stake to Lycos Europe, \
             director Neil Jordan said.",
            "",
        );
        assert_eq!(person_names(&found), ["Neil Jordan"]);
        assert_eq!(found.organizations, ["Amoco Canada", "Lycos Europe"]);
        assert!(found.places.is_empty(), "{:?}", found.places);
    }

    #[test]
    fn things_named_after_people_and_institutions_are_not_people() {
        let found = entities_in(
            "Andy Warhol took thousands of pictures.",
            "The Warhol Polaroids went on show at the Instituto Cervantes, \
             where the Neo Democrats met on the Ross Ice Shelf.",
        );
        assert_eq!(person_names(&found), ["Andy Warhol"]);
        assert!(found.organizations.iter().any(|o| o == "Neo Democrats"));
    }

    #[test]
    fn works_and_bands_are_not_people_but_their_makers_are() {
        let found = entities_in(
            "Mike Leigh's film Vera Drake will lead the nominations.",
            "Vera Drake star Imelda Staunton was praised. Nevertheless Franz \
             Ferdinand were the big winners. McEwan and Margaret Atwood are \
             the only nominees. Director Steven Spielberg said a Steven \
             Spielberg film needs time. Chancellor Wolfgang Schuessel and the \
             Austrian People's Party agreed. Ry Cooder and the Beach Boys \
             played. Harry Potter and the Goblet of Fire opens today.",
        );
        let names = person_names(&found);
        for work in ["Vera Drake", "Franz Ferdinand", "Harry Potter"] {
            assert!(!names.contains(&work), "{work} in {names:?}");
        }
        for person in [
            "Mike Leigh",
            "Imelda Staunton",
            "Margaret Atwood",
            "Steven Spielberg",
            "Wolfgang Schuessel",
            "Ry Cooder",
        ] {
            assert!(names.contains(&person), "{person} not in {names:?}");
        }
    }

    #[test]
    fn surnames_that_are_english_words_after_a_personal_title() {
        let found = entities_in(
            "President Bush met Prime Minister Blair in London.",
            "Treasury Secretary Baker said the bush fire was out. The Foreign \
             Affairs committee met state Legislatures.",
        );
        assert_eq!(person_names(&found), ["Bush", "Blair", "Baker"]);
    }

    #[test]
    fn clubs_media_of_a_country_and_agencies() {
        let found = entities_in(
            "He was signed from AC Milan in 1998 and shown on US TV and French radio.",
            "Agence France-Presse reported it. LGBT groups marched in Washington, D.C.",
        );
        assert_eq!(found.organizations, ["AC Milan"]);
        assert!(person_names(&found).is_empty());
        assert!(found.places.iter().any(|p| p.name == "Washington"));
    }

    #[test]
    fn firms_named_after_partners_keep_their_commas() {
        let found = entities_in(
            "The issue was led by Goldman, Sachs and Co and by Kidder, Peabody and Co.",
            "In Paris, Lazard Freres and Co said it agreed.",
        );
        assert_eq!(
            found.organizations,
            [
                "Goldman, Sachs and Co",
                "Kidder, Peabody and Co",
                "Lazard Freres and Co"
            ]
        );
    }

    #[test]
    fn abbreviations_of_things_are_not_organisations() {
        let found = entities_in(
            "The Ministry of International Trade and Industry and the \
             Department of Health and Human Services agreed.",
            "",
        );
        assert_eq!(
            found.organizations,
            [
                "Ministry of International Trade and Industry",
                "Department of Health and Human Services"
            ]
        );
        let found = entities_in(
            "GDP rose 0.5 pct, the IMF said at 1400 GMT.",
            "Sales of DVD players and TV sets rose at NBC, its CEO said.",
        );
        assert_eq!(found.organizations, ["IMF", "NBC"]);
        // Speech and times of day in capitals (BBC sport, Wikinews).
        let found = entities_in(
            "Henman ready for Doha",
            "\"It will be OK,\" he said. Drones struck at 4 A.M. local time, Reuters said.",
        );
        assert_eq!(found.organizations, ["Reuters"]);
    }

    #[test]
    fn firms_funds_indices_and_branches_are_not_people() {
        let found = entities_in(
            "Shell Canada Ltd is 72 pct owned by Royal Dutch/Shell Group.",
            "Lead manager Nikko Securities Co (Europe) Ltd said. Statistics \
             Canada said prices rose. The Dow Jones Industrial Average fell. \
             The German Bundesbank said. The European Airbus Industrie \
             consortium said. Sole lead manager Societe Generale said. Banks \
             included Banque Nationale de Paris. Nigel Lawson spoke. Doug \
             Madison of Commerzbank AG said.",
        );
        assert_eq!(person_names(&found), ["Nigel Lawson", "Doug Madison"]);
        assert!(found.organizations.iter().any(|o| o == "Commerzbank AG"));
    }

    #[test]
    fn bodies_of_nations_are_organisations_and_a_count_of_nations_is_not() {
        // Sentences of the bundled Wikinews corpus and of BBC sport.
        let found = entities_in(
            "Talks at the United Nations",
            "The United Nations estimated that 800 people had died. Wales won the \
             RBS Six Nations on Saturday, and the Six Nations title went to Cardiff. \
             Members of the Association of Southeast Asian Nations met.",
        );
        let orgs = &found.organizations;
        for body in ["United Nations", "Association of Southeast Asian Nations"] {
            assert!(orgs.iter().any(|o| o == body), "{body} in {orgs:?}");
        }
        assert!(!orgs.iter().any(|o| o.contains("Six")), "{orgs:?}");
        assert!(
            person_names(&found).is_empty(),
            "{:?}",
            person_names(&found)
        );
    }

    #[test]
    fn a_news_agency_named_so_is_no_person() {
        // Reuters-21578 and BBC write agencies and papers so.
        let found = entities_in(
            "Belgrade talks fail",
            "The news agency said so. The official Tanjug news agency said the talks \
             failed. Tanjug said more \
             would follow. Kyodo news service reported it, and the Pravda newspaper \
             agreed. The French news agency AFP and a Chinese newspaper, the Beijing \
             daily, said so too. Prime Minister Branko Mikulic said so.",
        );
        assert_eq!(person_names(&found), ["Branko Mikulic"]);
        let orgs = &found.organizations;
        for org in ["Tanjug", "Kyodo", "Pravda"] {
            assert!(orgs.iter().any(|o| o == org), "{org} in {orgs:?}");
        }
        for not in ["The", "French", "Chinese", "Beijing"] {
            assert!(!orgs.iter().any(|o| o == not), "{not} in {orgs:?}");
        }
    }

    #[test]
    fn a_company_named_in_the_possessive_keeps_its_name() {
        // Reuters-21578 writes these; an owner named as a person, a place
        // or a company owns the company after it.
        let found = entities_in(
            "Moody's Investors Service Inc said it downgraded the debt.",
            "McDonald's Corp rose, and Sotheby's Holdings Inc fell, Standard and Poor's \
             Corp said. Fluor Corp said Fluor's Fluor Constructors Inc won. Britain's Imperial \
             Chemical Industries Plc said. Rupert Murdoch said Murdoch's News Corp would \
             bid. IBM's Rolm Corp unit agreed.",
        );
        let orgs = &found.organizations;
        for whole in [
            "Moody's Investors Service Inc",
            "McDonald's Corp",
            "Sotheby's Holdings Inc",
            "Standard and Poor's Corp",
            "Imperial Chemical Industries Plc",
            "News Corp",
            "Fluor Constructors Inc",
        ] {
            assert!(orgs.iter().any(|o| o == whole), "{whole} in {orgs:?}");
        }
        for wrong in [
            "Investors Service Inc",
            "Holdings Inc",
            "Poor's Corp",
            "Murdoch's News Corp",
        ] {
            assert!(!orgs.iter().any(|o| o == wrong), "{wrong} in {orgs:?}");
        }
        assert!(!orgs.iter().any(|o| o.contains("IBM's")), "{orgs:?}");
        assert_eq!(person_names(&found), ["Rupert Murdoch"]);
    }

    #[test]
    fn organisation_names_hold_and_of_and_company_suffixes() {
        let found = entities_in(
            "Securities and Exchange Commission officials met the Food and Drug \
             Administration on Monday.",
            "The Bank of England, the Ministry of Foreign Affairs and the Australian \
             Council of Trade Unions met. The Ministry of Finance said Merrill Lynch and \
             Co Inc bought shares. Chrysler and Ford Motor Co fell. Duke of Edinburgh \
             Prince Philip watched. Merrill Lynch said more. The Reagan Administration \
             agreed, and Ronald Reagan spoke.",
        );
        let orgs = &found.organizations;
        for whole in [
            "Securities and Exchange Commission",
            "Food and Drug Administration",
            "Bank of England",
            "Ministry of Finance",
            "Ministry of Foreign Affairs",
            "Australian Council of Trade Unions",
            "Merrill Lynch and Co Inc",
            "Ford Motor Co",
        ] {
            assert!(orgs.iter().any(|o| o == whole), "{whole} in {orgs:?}");
        }
        for fragment in [
            "Exchange Commission",
            "Co Inc",
            "Chrysler and Ford Motor Co",
        ] {
            assert!(
                !orgs.iter().any(|o| o == fragment),
                "{fragment} in {orgs:?}"
            );
        }
        assert!(!person_names(&found).contains(&"Merrill Lynch"));
        // A firm named after people, which the article names as a company.
        assert!(
            !person_names(&found).contains(&"Merrill Lynch"),
            "{:?}",
            person_names(&found)
        );
        assert!(person_names(&found).contains(&"Ronald Reagan"));
        // "of" after a title, not an organisation word, joins nothing.
        assert!(!orgs.iter().any(|o| o.contains("Duke")), "{orgs:?}");
    }

    #[test]
    fn speaker_labels_of_transcripts_are_not_organisations() {
        // As Wikinews interviews write them.
        let found = entities_in(
            "((WSS)) : Which past U.S. president do you most admire?",
            "((BC)) : Abraham Lincoln.\n\nWN: And the NATO summit?\n\n((AP)) What next?\n\nThe UN said no.",
        );
        let orgs = &found.organizations;
        assert!(orgs.iter().any(|o| o == "UN"), "{orgs:?}");
        assert!(orgs.iter().any(|o| o == "NATO"), "{orgs:?}");
        for label in ["WSS", "BC", "WN", "AP"] {
            assert!(!orgs.iter().any(|o| o == label), "{label} in {orgs:?}");
        }
    }

    #[test]
    fn reading_lists_write_surnames_first() {
        let found = entities_in(
            "The books on the list:",
            "Austen, Jane. Pride and Prejudice\n\n\
             Marx, Karl and Engels, Friedrich. The Communist Manifesto\n\n\
             Macaulay, Thomas Babington. History\n\
             Twain, Samuel. Not a reading list: the surname is a common word",
        );
        assert_eq!(
            person_names(&found),
            [
                "Jane Austen",
                "Karl Marx",
                "Friedrich Engels",
                "Thomas Babington Macaulay"
            ]
        );
        // A list of players is no reading list.
        let found = entities_in(
            "The scorers were named.",
            "Garcia, Maria Lopez and Ana Ruiz each scored twice.",
        );
        assert!(!person_names(&found).contains(&"Maria Garcia"));
    }

    fn place_names(entities: &Entities) -> Vec<&str> {
        entities.places.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn a_place_keeps_its_leading_direction_word() {
        // CoNLL-2003 sentences: "South" is also a nationality cue ("South
        // Korean President"), and was split off.
        let found = entities_in(
            "South Africa managed to avoid a fifth successive defeat in 1996.",
            "Amanda Coetzer ( South Africa ) beat Irina Spirlea ( Romania ) 7-6 7-5. \
             South Korea said the talks would go on.",
        );
        assert_eq!(
            place_names(&found),
            ["South Africa", "Romania", "South Korea"]
        );
        assert!(
            found.people.iter().all(|p| p.name != "Korea"),
            "{:?}",
            found.people
        );
    }

    #[test]
    fn places_in_capitals_and_with_organisation_words() {
        let found = entities_in(
            "NEW YORK 1996-08-30",
            "Israel stopped settlement on the West Bank after the collapse of the Soviet Union. \
             Moscow wants to keep Chechnya as a part of the Russian Federation.",
        );
        assert_eq!(
            place_names(&found),
            [
                "New York",
                "Israel",
                "West Bank",
                "Soviet Union",
                "Moscow",
                "Chechnya",
                "Russia"
            ]
        );
        assert!(found.organizations.is_empty(), "{:?}", found.organizations);
    }

    #[test]
    fn place_names_with_lower_case_words_inside() {
        let found = entities_in(
            "The Republic of Ireland drew with Trinidad and Tobago in Dublin.",
            "",
        );
        assert_eq!(
            place_names(&found),
            ["Ireland", "Trinidad and Tobago", "Dublin"]
        );
    }

    #[test]
    fn teams_named_after_places_are_not_places() {
        let found = entities_in(
            "SEATTLE 9 Baltimore 6",
            "A home run lifted the Baltimore Orioles past the Seattle Mariners.",
        );
        assert!(found.places.is_empty(), "{:?}", found.places);
        assert!(found.organizations.iter().any(|o| o == "Baltimore"));
    }

    #[test]
    fn towns_need_the_text_to_say_they_are_places() {
        // Rubio and Macomb are towns of GeoNames; Rubio is also a surname.
        let found = entities_in(
            "Secretary of State Marco Rubio met the mayor in Macomb, Michigan.",
            "Officials said they expect Rubio to return.",
        );
        assert_eq!(place_names(&found), ["Macomb", "Michigan"]);
        assert!(found
            .people
            .iter()
            .any(|p| p.name == "Marco Rubio" && p.mentions == 2));
    }
}
