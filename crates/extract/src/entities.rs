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

pub(crate) fn find(doc: &Document<'_>) -> Entities {
    let mut mentions = Vec::new();
    let mut orgs = Tally::default();
    let mut run = Run::default();
    let mut places: Vec<Place> = Vec::new();
    let mut place_counts: HashMap<String, u32> = HashMap::default();
    let mut add_place = |canonical: &str, form: &str| {
        *place_counts.entry(canonical.to_string()).or_default() += 1;
        match places.iter_mut().find(|p| p.name == canonical) {
            Some(place) => {
                if !place.forms.iter().any(|f| f == form) {
                    place.forms.push(form.to_string());
                }
            }
            None => places.push(Place {
                name: canonical.to_string(),
                forms: vec![form.to_string()],
            }),
        }
    };

    for paragraph in &doc.paragraphs {
        if paragraph.credit {
            read_credit(paragraph, &mut mentions, &mut orgs);
            continue;
        }
        let tokens = &paragraph.tokens;
        let mut i = inverted_names(tokens, &mut mentions);
        while i < tokens.len() {
            if !starts_name(&tokens[i]) {
                // A line of a list may be a reading-list entry too.
                if tokens[i].text == "\n" {
                    i += inverted_names(&tokens[i + 1..], &mut mentions);
                }
                i += 1;
                continue;
            }
            let locative = says_place(tokens, i);
            if let Some((end, place, form)) = place_with_connectors(&tokens[i..], locative) {
                add_place(place, &form);
                i += end;
                continue;
            }
            let start = i;
            let end = run_end(tokens, start);
            if let Some(firm_end) = partners_firm(tokens, start, end) {
                let words: Vec<&str> = tokens[start..firm_end].iter().map(|t| t.text).collect();
                orgs.add(words.join(" ").replace(" ,", ","));
                i = firm_end;
                continue;
            }
            read_run(
                paragraph,
                start,
                end,
                locative,
                &mut run,
                &mut mentions,
                &mut orgs,
                &mut add_place,
            );
            i = end;
        }
    }

    drop_firms_named_after_people(&mut mentions, &orgs);
    let people = resolve_people(mentions);
    let mut places_ranked = places;
    places_ranked.sort_by_key(|p| std::cmp::Reverse(place_counts[&p.name]));
    Entities {
        people,
        places: places_ranked,
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

/// The words of one capitalised run with what is known of each, looked up
/// once: the lower-case form, its word classes, and the places that the
/// run's tails and single words name (a run is examined several ways, and
/// each way asked the gazetteer again). One is kept per article and
/// refilled for each run, so that reading a run allocates nothing.
#[derive(Default)]
struct Run<'t> {
    words: Vec<&'t str>,
    /// The lower-case words one after another; word `i` ends at `ends[i]`.
    lowered: String,
    ends: Vec<usize>,
    /// Classes of each lower-case word, and of it without a trailing
    /// period ("j." -> "j").
    class: Vec<WordClass>,
    class_trimmed: Vec<WordClass>,
    /// Place named by `words[k..]`, by `k` (filled on first ask).
    tail_place: Vec<Option<Option<&'static str>>>,
    /// Place named by `words[k]` alone, before the town rule.
    word_place: Vec<Option<Option<&'static str>>>,
    locative: bool,
}

/// Whether `words` name the people of a country or region rather than a
/// person: "Costa Rican", "Sri Lankans", "Surinamese", "Pakistani",
/// when the nationality list lacks them. Made from the
/// country's name by the usual endings (callers rule out a given name
/// alone: "Malin" is not of Mali).
fn is_demonym(words: &[&str]) -> bool {
    let Some(last) = words.last() else {
        return false;
    };
    let last = last
        .strip_suffix('s')
        .filter(|l| l.ends_with('n') || l.ends_with('i'))
        .unwrap_or(last);
    let suffixes: &[&str] = if last.ends_with("ian") {
        &["n", "ian"]
    } else if last.ends_with('n') {
        &["n"]
    } else if last.ends_with('i') {
        &["i"]
    } else if last.ends_with("ese") {
        &["ese", "se"]
    } else {
        return false;
    };
    if words.len() > 3 {
        return false;
    }
    let mut country = String::with_capacity(32);
    let regions = &lists().regions;
    suffixes.iter().any(|suffix| {
        country.clear();
        for word in &words[..words.len() - 1] {
            country.push_str(word);
            country.push(' ');
        }
        country.push_str(&last[..last.len() - suffix.len()]);
        country.len() >= 3
            && place_of(&[country.as_str()]).is_some_and(|place| regions.contains(place))
    })
}

/// Whether a role inside the run, after places and nationalities, says the
/// given name after it opens a person's name: "former Texas Sen. John
/// Tower". Not a royal or saint's title: places and buildings are named
/// after them ("Prince Edward Island", "King George Hospital").
fn role_inside_run(run: &mut Run<'_>, first: usize) -> bool {
    let opener = (first..run.len()).find(|&i| {
        let class = run.class_trimmed[i];
        !(class.has(WordClass::TITLE) || class.has(WordClass::NATIONALITY))
            && (class.has(WordClass::FIRST_NAME) || run.word_place_of(i).is_none())
    });
    opener.is_some_and(|opener| {
        (first..opener)
            .any(|i| run.class_trimmed[i].has(WordClass::TITLE) && !names_things(run.lower(i)))
            && run.is(opener, WordClass::FIRST_NAME)
    })
}

/// Titles that places and buildings are named with: "Prince Edward
/// Island", "Queen Elizabeth Hospital", "St. Mary's Church".
fn names_things(title: &str) -> bool {
    matches!(
        title.trim_end_matches('.'),
        "king"
            | "queen"
            | "prince"
            | "princess"
            | "emperor"
            | "empress"
            | "duke"
            | "duchess"
            | "pope"
            | "saint"
            | "st"
            | "san"
            | "santa"
    )
}

/// The class of a hyphenated role ("vice-premier", "ex-president",
/// "co-chairman"): a role word after a common prefix. `None` for any other
/// word.
fn hyphenated_role(lowered: &str) -> Option<WordClass> {
    let (prefix, role) = lowered.rsplit_once('-')?;
    let role_class = word_class(role.trim_end_matches('.'));
    let prefix_class = word_class(prefix);
    let is_role = role_class.has(WordClass::TITLE)
        && !prefix_class.has(WordClass::FIRST_NAME)
        && (prefix_class.has(WordClass::COMMON) || prefix_class.has(WordClass::TITLE));
    is_role.then(|| word_class(lowered).with(WordClass::TITLE))
}

impl<'t> Run<'t> {
    fn fill(&mut self, tokens: &[Token<'t>], locative: bool) {
        self.words.clear();
        self.lowered.clear();
        self.ends.clear();
        self.class.clear();
        self.class_trimmed.clear();
        for token in tokens {
            self.words.push(token.text);
            let start = self.lowered.len();
            push_lower(&mut self.lowered, token.text);
            self.ends.push(self.lowered.len());
            let lowered = &self.lowered[start..];
            let class = hyphenated_role(lowered).unwrap_or_else(|| word_class(lowered));
            self.class.push(class);
            self.class_trimmed.push(match lowered.strip_suffix('.') {
                Some(_) => word_class(lowered.trim_end_matches('.')),
                None => class,
            });
        }
        self.tail_place.clear();
        self.tail_place.resize(tokens.len(), None);
        self.word_place.clear();
        self.word_place.resize(tokens.len(), None);
        self.locative = locative;
    }

    fn len(&self) -> usize {
        self.words.len()
    }

    /// The lower-case form of word `i`.
    fn lower(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.lowered[start..self.ends[i]]
    }

    fn is(&self, i: usize, class: WordClass) -> bool {
        self.class[i].has(class)
    }

    /// Word `i` is a given name and not also a common word.
    fn is_given(&self, i: usize) -> bool {
        self.is(i, WordClass::FIRST_NAME) && !self.is(i, WordClass::COMMON)
    }

    /// [`place_here`] of `words[k..]`.
    fn tail_place(&mut self, k: usize) -> Option<&'static str> {
        let (words, locative) = (&self.words, self.locative);
        *self.tail_place[k].get_or_insert_with(|| place_here(&words[k..], locative))
    }

    /// [`place_of`] of `words[k]` alone.
    fn word_place_of(&mut self, k: usize) -> Option<&'static str> {
        let word = self.words[k];
        *self.word_place[k].get_or_insert_with(|| place_of(&[word]))
    }

    /// Whether `words[k]` alone is a country, region or continent.
    fn is_region(&mut self, k: usize) -> bool {
        self.word_place_of(k)
            .is_some_and(|place| lists().regions.contains(place))
    }

    /// [`place_here`] of `words[k]` alone.
    fn word_place_here(&mut self, k: usize) -> Option<&'static str> {
        let locative = self.locative;
        self.word_place_of(k)
            .filter(|place| locative || !lists().towns.contains(place))
    }
}

/// Appends the lower-case form of `word` (see [`lower`]).
fn push_lower(buffer: &mut String, word: &str) {
    if word.is_ascii() {
        buffer.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        buffer.push_str(&word.to_lowercase());
    }
}

/// Classifies one capitalised run `tokens[start..end]`.
#[allow(clippy::too_many_arguments)]
fn read_run<'t>(
    paragraph: &Paragraph<'t>,
    start: usize,
    end: usize,
    locative: bool,
    run: &mut Run<'t>,
    mentions: &mut Vec<Mention>,
    orgs: &mut Tally,
    add_place: &mut impl FnMut(&str, &str),
) {
    let tokens = &paragraph.tokens;
    let sets = sets();
    run.fill(&tokens[start..end], locative);
    let n = run.len();
    let sentence_start = tokens[start].sentence_start;
    let all_caps_line =
        paragraph.headline_style && run.words.iter().all(|w| is_all_caps(w) || w.len() < 2);

    // Role words just before the run, in lower case: "Kremlin leader Putin".
    let mut title_before = start > 0
        && tokens[start - 1].is_word
        && !tokens[start - 1].capitalised
        && word_class(&lower(tokens[start - 1].text)).has(WordClass::TITLE);
    let speech_after = tokens
        .get(end)
        .is_some_and(|t| t.is_word && sets.speech_verbs.contains(t.text));
    // A name followed by a score is a team in a results line ("SEATTLE 9
    // Baltimore 6"), even when it is a city's name.
    let score_after = tokens.get(end).is_some_and(|t| {
        (1..=3).contains(&t.text.len()) && t.text.bytes().all(|b| b.is_ascii_digit())
    });

    // Drop sentence-initial function words ("The", "In") for every reading.
    let mut first = 0;
    while first < n {
        // A given name before another capitalised word is kept ("Frank
        // Castle said"), in a headline only before an uncommon word.
        let given_name_first = run.is(first, WordClass::FIRST_NAME)
            && n - first >= 2
            && !(paragraph.headline_style && run.is(first + 1, WordClass::COMMON));
        // "Securities and Exchange Commission" opening a sentence keeps its
        // first word.
        let joined = n - first > 2 && matches!(run.lower(first + 1), "and" | "&" | "of" | "for");
        let function_word = (first == 0 && sentence_start || paragraph.headline_style)
            && run.is(first, WordClass::COMMON)
            && !given_name_first
            && !joined;
        let function_word = function_word || is_determiner(run.lower(first));
        // Kept when it starts a place: "South Africa", "New Zealand", "New
        // York Stock Exchange".
        if function_word
            && !run.is(first, WordClass::TITLE)
            && !run.is(first, WordClass::NATIONALITY)
            && run.tail_place(first).is_none()
            && !(first + 2 < n && place_of(&run.words[first..first + 2]).is_some())
        {
            first += 1;
        } else {
            break;
        }
    }
    if first == n {
        return;
    }

    // A known place, whatever its words suggest ("West Bank", "Soviet
    // Union"); followed by a score, a team named after it.
    if let Some(place) = run.tail_place(first) {
        let form = run.words[first..].join(" ");
        add_place_or_team(place, form, score_after, orgs, add_place);
        return;
    }
    // The people of a country the nationality list lacks: "Costa Rican".
    let given_name_alone = n - first == 1 && run.is(first, WordClass::FIRST_NAME);
    if !given_name_alone && is_demonym(&run.words[first..]) {
        return;
    }

    // Organisations: a cue word after the first word, or a known name. A
    // role and a name may follow the organisation: "Tasmania Primary
    // Industries Minister Helen Marsh".
    // ("Bank of England": the cue opens the name when "of" or "for" follows.)
    let cue_from = if n > first + 2 && matches!(run.lower(first + 1), "of" | "for") {
        first
    } else {
        first + 1
    };
    if let Some(cue) = (cue_from..n)
        .rev()
        .find(|&i| run.is(i, WordClass::ORG_WORD) || is_bank_compound(run.lower(i)))
    {
        // A cue before a connector ("Ministry of Foreign Affairs", "Council
        // of Trade Unions") takes the connector and the word after it before
        // any role.
        let joined = cue + 2 < n && matches!(run.lower(cue + 1), "of" | "for" | "and" | "&");
        let after_cue = if joined { cue + 3 } else { cue + 1 };
        // (A role word among common words is the organisation's own:
        // "Ministry of International Trade and Industry".)
        let role = (after_cue..n.saturating_sub(1)).find(|&i| {
            run.is(i, WordClass::TITLE) && (i + 1..n).any(|j| !run.is(j, WordClass::COMMON))
        });
        // Or a name straight after the organisation, two or three words that
        // are no common words: "Refugee Council Enver Solomon".
        let name_after = (2..=3).contains(&(n - cue - 1))
            && (cue + 1..n).all(|i| !run.is(i, WordClass::COMMON))
            && (run.is_given(cue + 1) || run.word_place_of(cue + 1).is_none());
        match role {
            Some(role) => {
                orgs.add(run.words[first..role].join(" "));
                first = role;
            }
            None if name_after => {
                orgs.add(run.words[first..=cue].join(" "));
                first = cue + 1;
            }
            None => {
                // "US TV", "French radio": a medium of a country, no name.
                let generic_medium = matches!(
                    run.lower(cue),
                    "tv" | "television" | "radio" | "press" | "media"
                ) && (first..cue)
                    .all(|i| run.word_place_here(i).is_some() || run.is(i, WordClass::NATIONALITY));
                if !generic_medium {
                    orgs.add(run.words[first..].join(" "));
                }
                return;
            }
        }
    }
    // A thing named with a cue word ("Melbourne Cricket Ground", "Notting
    // Hill"), unless it opens with a given name and a role or a speech verb
    // says it is a person ("professor Marc Lamont Hill", "Damon Hill said";
    // not "Downing Street said", "Japan's first Academy Award").
    let thing_word = n - first >= 2 && (first + 1..n).any(|i| run.is(i, WordClass::THING_WORD));
    if thing_word
        && !((title_before || speech_after) && run.is_given(first))
        && !role_inside_run(run, first)
    {
        // (A place here was ruled out above.)
        return;
    }

    // Split off leading roles, nationalities, calendar words, acronyms and
    // places: "Pennsylvania Senator Rick Santorum", "US President Trump".
    let mut core = first;
    while core < n {
        let class = run.class_trimmed[core];
        let remaining = n - core;
        let role_word = class.has(WordClass::TITLE)
            || class.has(WordClass::NATIONALITY)
            || class.has(WordClass::CALENDAR);
        let word = run.words[core];
        // An acronym before a name ("US President", "CDU leader"), or a place
        // ("Pennsylvania Senator Rick Santorum").
        let strippable = role_word
            || remaining > 1
                && !all_caps_line
                && (is_all_caps(word) || is_initial(word) && word.len() > 2)
            || remaining > 2
                && run.word_place_here(core).is_some()
                && !class.has(WordClass::FIRST_NAME)
            // A word qualifying the role after it: "Emeritus Professor".
            || remaining > 2
                && class.has(WordClass::COMMON)
                && !class.has(WordClass::FIRST_NAME)
                && run.is(core + 1, WordClass::TITLE);
        // "South Korea", "New South Wales": nothing to split off.
        if !strippable || run.tail_place(core).is_some() {
            break;
        }
        // A club's initials and its city: "AC Milan", "PSV Eindhoven".
        if remaining == 2
            && is_all_caps(word)
            && (2..=3).contains(&word.len())
            && place_of(&[word]).is_none()
            && run.word_place_here(core + 1).is_some()
            && !all_caps_line
        {
            orgs.add(run.words[core..].join(" "));
            return;
        }
        if class.has(WordClass::TITLE) {
            title_before = true;
        } else {
            let place = run.word_place_here(core);
            let common = run.is(core, WordClass::COMMON);
            read_single_non_person(word, place, common, orgs, add_place);
        }
        core += 1;
    }
    let mut last = n;
    while last > core {
        let w = run.lower(last - 1);
        let class = run.class[last - 1];
        if class.has(WordClass::CALENDAR) || is_determiner(w) || class.has(WordClass::TITLE) {
            last -= 1;
        } else {
            break;
        }
    }
    // A capitalised phrase before a full name: "Education Stefania
    // Giannini", "Islamic Relations Alia Salem". Split at the first given
    // name when nothing before it is one or an initial ("L. Ron Hubbard"),
    // and not inside a place ("Los Angeles Sheriff").
    if last - core >= 3 && !all_caps_line {
        let given_or_initial = |i: usize| run.is_given(i) || is_initial(run.words[i]);
        if let Some(k) = (core + 1..last - 1).find(|&i| run.is_given(i)) {
            if !(core..k).any(given_or_initial) && place_of(&run.words[k - 1..=k]).is_none() {
                core = k;
                title_before = true;
            }
        }
    }
    // A role inside the run, after a phrase that is not a name: "Education
    // Mr. Toccafondi", "Primary Industries Minister Helen Marsh".
    if last - core >= 3 && !all_caps_line {
        let role = (core + 1..last - 1).rev().find(|&i| {
            run.class_trimmed[i].has(WordClass::TITLE) && !run.is(i, WordClass::FIRST_NAME)
        });
        if let Some(role) = role {
            core = role + 1;
            title_before = true;
        }
    }
    if core == last {
        return;
    }

    if last - core == 1 {
        let word = run.words[core];
        if is_all_caps(word) && is_speaker_label(tokens, start, end) {
            return;
        }
        if sets.known_orgs.contains(word) || is_bank_compound(run.lower(core)) {
            orgs.add(word.to_string());
            return;
        }
        // A company suffix left alone ("Nikko Securities Co (Europe) Ltd
        // said") is no name.
        if is_company_suffix(run.lower(core)) {
            return;
        }
        if let Some(place) = run.word_place_here(core) {
            add_place_or_team(place, word.to_string(), score_after, orgs, add_place);
            return;
        }
        if is_all_caps(word) {
            if sets.thing_abbreviations.contains(word) {
                return;
            }
            if !all_caps_line && word.len() <= 6 && !run.is(core, WordClass::COMMON) {
                orgs.add(word.to_string());
            } else if all_caps_line {
                mentions.push(Mention::Single {
                    word: word.to_string(),
                    strong: false,
                    titled: false,
                });
            }
            return;
        }
        let class = run.class_trimmed[core];
        // The word just before: in the run ("Prime Minister Thatcher") or
        // in lower case before it ("said treasury secretary Baker").
        let before = if core > 0 {
            Some(run.lower(core - 1))
        } else {
            start
                .checked_sub(1)
                .map(|b| tokens[b].text)
                .filter(|t| t.chars().all(char::is_lowercase))
        };
        mentions.push(Mention::Single {
            word: word.to_string(),
            strong: title_before || speech_after,
            titled: before.is_some_and(is_personal_title)
                && !word.ends_with('s')
                && !class.has(WordClass::CALENDAR)
                && !class.has(WordClass::ORG_WORD)
                && !class.has(WordClass::THING_WORD)
                && !class.has(WordClass::NATIONALITY)
                && !class.has(WordClass::TITLE),
        });
        return;
    }

    // Several words: a place, a person, or something we do not know.
    let name_place = if last == n {
        run.tail_place(core)
    } else {
        place_here(&run.words[core..last], locative)
    };
    if let Some(place) = name_place {
        let form = run.words[core..last].join(" ");
        add_place_or_team(place, form, score_after, orgs, add_place);
        return;
    }
    if run.words[core..last]
        .iter()
        .any(|w| sets.known_orgs.contains(*w))
        || all_caps_line
    {
        for i in core..last {
            let word = run.words[i];
            if all_caps_line {
                mentions.push(Mention::Single {
                    word: word.to_string(),
                    strong: false,
                    titled: false,
                });
            } else {
                let place = run.word_place_here(i);
                let common = run.is(i, WordClass::COMMON);
                read_single_non_person(word, place, common, orgs, add_place);
            }
        }
        return;
    }
    let first_is_name =
        run.class_trimmed[core].has(WordClass::FIRST_NAME) || is_initial(run.words[core]);
    // (A city may be a surname: "Hayao Miyazaki", "Sudesh Amman"; a
    // country or region is not: "Amoco Canada".)
    let unknown_words = (core..last).all(|i| !run.is(i, WordClass::COMMON) && !run.is_region(i));
    // "the Philadelphia Eagles", "Bradford Bulls 36": a team or other
    // body named after its place, not a person whose first name is one.
    let after_the = if core > 0 {
        run.lower(core - 1) == "the"
    } else {
        start > 0 && tokens[start - 1].text == "the"
    };
    // A small town's name that is also a given name does not make a team,
    // nor does a name with an initial in it ("the George W. Bush
    // administration"): teams have none.
    let named_after_place = run.word_place_of(core).is_some_and(|place| {
        !(lists().towns.contains(place) && run.class_trimmed[core].has(WordClass::FIRST_NAME))
    }) && !run.words[core + 1..last].iter().any(|w| is_initial(w));
    if (after_the || score_after) && named_after_place {
        orgs.add(run.words[core..last].join(" "));
        return;
    }
    // A word no list knows (not a given name) and a country or region: a
    // company's branch or a club ("Amoco Canada said", "Hydro Quebec"),
    // not a person and not the place; "Neil Jordan" is a person. ("Sub-Saharan Africa", "Indian-administered Kashmir"
    // are places.)
    // ("Statistics Canada said": a common word before it, too.)
    let branch = last - core == 2
        && !first_is_name
        && !run.words[core].contains(['-', '\''])
        && run.words[core].len() >= 3
        && run.word_place_of(core).is_none()
        && run.is_region(core + 1);
    // "Royal Dutch", "Anglo French": no given name, and a nationality for
    // a surname.
    // ("Royal" is a given name too, and a common word.)
    let nationality_last = (!first_is_name || run.is(core, WordClass::COMMON))
        && run.class_trimmed[last - 1].has(WordClass::NATIONALITY);
    // "Banque Nationale de Paris" read from "de": a particle and a place.
    let particle_place = last - core == 2
        && run.words[core].starts_with(|c: char| c.is_lowercase())
        && place_of(&run.words[core + 1..last]).is_some();
    let name = &run.words[core..last];
    let has_acronym = name.iter().any(|w| is_all_caps(w));
    let only_initials = name.iter().all(|w| is_initial(w) || w.chars().count() < 2);
    // A country or region and one word: "Connecticut Yankee", "Ontario
    // Ghostbusters"; a given name that is a region's too ("Georgia May")
    // still reads as a person.
    let region_first = name.len() == 2
        && !run.class_trimmed[core].has(WordClass::FIRST_NAME)
        && place_of(&name[..1]).is_some_and(|place| lists().regions.contains(place));
    // "Cie Generale d'Electricite", "Palme d'Or": a "d'" name needs a given
    // name or a role before it ("Valery Giscard d'Estaing").
    let particle_needs_given = !first_is_name
        && !title_before
        && name
            .iter()
            .any(|w| w.starts_with("d'") || w.starts_with("d\u{2019}"));
    let institution = run.is(core, WordClass::LEADING_THING);
    // Words no list knows, straight after "in" or "near", are more often a
    // place the gazetteer lacks than a person ("in Maidan Shahr").
    let after_place_preposition = core == 0
        && start > 0
        && matches!(tokens[start - 1].text, "in" | "near" | "outside" | "into");
    // Nor is a name followed by a kind of place ("Maidan Wardak province").
    let place_noun_after = last == n
        && tokens.get(end).is_some_and(|t| {
            matches!(
                t.text,
                "province"
                    | "district"
                    | "county"
                    | "region"
                    | "village"
                    | "valley"
                    | "governorate"
            )
        });
    let person = !has_acronym
        && !branch
        && !nationality_last
        && !particle_place
        && !institution
        && !place_noun_after
        && !region_first
        && !particle_needs_given
        && !only_initials
        && name.len() <= 5
        && (first_is_name
            || title_before
            || speech_after
            || (unknown_words
                && name.len() <= 3
                && !paragraph.headline_style
                && !after_place_preposition));
    // A results or team list: "Dudi Sela (Israel) beat ...".
    // A name shape there is a person when other names in the same pattern
    // are (decided per article, in resolve_people).
    let listed = last == n
        && tokens.get(end).is_some_and(|t| t.text == "(")
        && tokens
            .get(end + 1)
            .is_some_and(|t| starts_name(t) && place_of(&[t.text]).is_some());
    // "Commerzbank AG", "Birr Wilson and Co": a company's name.
    if name.len() >= 2 && is_company_suffix(run.lower(last - 1)) {
        orgs.add(name.join(" "));
        return;
    }
    let words = || name.iter().map(|w| w.to_string()).collect();
    if person && !title_before && names_a_work(tokens, start, end, core == first && last == n) {
        mentions.push(Mention::Work(words()));
        return;
    }
    if person {
        mentions.push(if listed {
            Mention::Listed {
                words: words(),
                person: true,
            }
        } else {
            Mention::Full(words())
        });
        return;
    }
    if listed
        && (2..=3).contains(&name.len())
        && !has_acronym
        && !only_initials
        && name.iter().all(|w| place_of(&[w]).is_none())
    {
        mentions.push(Mention::Listed {
            words: words(),
            person: false,
        });
        return;
    }
    if branch {
        orgs.add(run.words[core..last].join(" "));
        return;
    }
    // Not a name: look for places inside ("Paris Moscow" lists), but not
    // a place that names something else ("Baltimore Orioles").
    for i in core..last {
        let names_something = i + 1 < last && run.word_place_of(i + 1).is_none();
        if let Some(place) = run.word_place_here(i).filter(|_| !names_something) {
            add_place(place, run.words[i]);
        }
    }
}

/// A known place, or, followed by a score, a team named after it
/// ("SEATTLE 9 Baltimore 6").
fn add_place_or_team(
    place: &str,
    form: String,
    score_after: bool,
    orgs: &mut Tally,
    add_place: &mut impl FnMut(&str, &str),
) {
    if score_after {
        orgs.add(form);
    } else {
        add_place(place, &form);
    }
}

/// A word of a run that is not part of a name: a place (`place`, already
/// looked up), a known organisation, or an acronym that is not a common
/// word (`common`).
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

fn read_single_non_person(
    word: &str,
    place: Option<&'static str>,
    common: bool,
    orgs: &mut Tally,
    add_place: &mut impl FnMut(&str, &str),
) {
    if let Some(place) = place {
        add_place(place, word);
    } else if sets().known_orgs.contains(word)
        || (is_all_caps(word)
            && word.len() <= 6
            && !common
            && !sets().thing_abbreviations.contains(word))
    {
        orgs.add(word.to_string());
    }
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
