//! Finds people, organisations and places in capitalised runs of words.
//!
//! Every maximal run of capitalised words (with name particles and initials
//! inside) is read once. Leading roles, nationalities, weekdays and
//! sentence-initial function words are split off; what remains is classed as
//! an organisation (a cue word like "Party" or a known acronym), a place (a
//! gazetteer form), a full personal name, or a single word that may be a
//! surname. Single words are then resolved against the full names of the same
//! article, so that "Putin" counts as a mention of "Vladimir Putin".

use rustc_hash::FxHashMap as HashMap;

use crate::data::lists;
use crate::lexicon::{sets, PLACE_ABBREVIATIONS};
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
    Single { word: String, strong: bool },
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
/// it ("The Putin advisor", "Australia On Saturday").
const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "in",
    "on",
    "at",
    "for",
    "but",
    "and",
    "as",
    "if",
    "when",
    "after",
    "before",
    "while",
    "with",
    "by",
    "from",
    "of",
    "to",
    "or",
    "so",
    "yet",
    "then",
    "also",
    "however",
    "meanwhile",
    "although",
    "though",
    "because",
    "since",
    "until",
    "during",
    "despite",
    "under",
    "over",
    "into",
    "about",
    "through",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "we",
    "he",
    "she",
    "they",
    "it",
    "i",
    "you",
];

fn lower(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase()
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

/// Capitalised for name purposes: "Putin", "al-Assad", "O'Neil".
fn starts_name(token: &Token<'_>) -> bool {
    if !token.is_word {
        return false;
    }
    if token.capitalised {
        return true;
    }
    let text = token.text;
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
        let mut i = 0;
        while i < tokens.len() {
            if !starts_name(&tokens[i]) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            while end < tokens.len() {
                let t = &tokens[end];
                if starts_name(t) {
                    end += 1;
                } else if t.is_word
                    && sets().particles.contains(t.text)
                    && tokens.get(end + 1).is_some_and(starts_name)
                {
                    end += 2;
                } else {
                    break;
                }
            }
            read_run(
                paragraph,
                start,
                end,
                &mut mentions,
                &mut orgs,
                &mut add_place,
            );
            i = end;
        }
    }

    let people = resolve_people(mentions);
    let mut places_ranked = places;
    places_ranked.sort_by_key(|p| std::cmp::Reverse(place_counts[&p.name]));
    Entities {
        people,
        places: places_ranked,
        organizations: orgs.ranked().into_iter().map(|(name, _)| name).collect(),
    }
}

/// Photo credits: "Keystone/EPA/Kristina Kormilitsina/Sputnik/Kremlin Pool".
fn read_credit(paragraph: &Paragraph<'_>, mentions: &mut Vec<Mention>, orgs: &mut Tally) {
    let lists = lists();
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
            && lists.first_names.contains(lower(words[0]).as_str())
            && !words[1..].iter().any(|w| is_cue_word(w))
        {
            mentions.push(Mention::Full(words.iter().map(|w| w.to_string()).collect()));
        }
    }
}

fn is_cue_word(word: &str) -> bool {
    let w = lower(word);
    sets().org_words.contains(w.as_str()) || sets().thing_words.contains(w.as_str())
}

fn place_of(words: &[&str]) -> Option<&'static str> {
    let joined = words.join(" ");
    if let Some((_, canonical)) = PLACE_ABBREVIATIONS.iter().find(|(form, _)| *form == joined) {
        return Some(canonical);
    }
    lists().place_forms.get(joined.as_str()).copied()
}

/// Classifies one capitalised run `tokens[start..end]`.
fn read_run(
    paragraph: &Paragraph<'_>,
    start: usize,
    end: usize,
    mentions: &mut Vec<Mention>,
    orgs: &mut Tally,
    add_place: &mut impl FnMut(&str, &str),
) {
    let tokens = &paragraph.tokens;
    let lists = lists();
    let sets = sets();
    let words: Vec<&str> = tokens[start..end].iter().map(|t| t.text).collect();
    let lowered: Vec<String> = words.iter().map(|w| lower(w)).collect();
    let sentence_start = tokens[start].sentence_start;
    let all_caps_line =
        paragraph.headline_style && words.iter().all(|w| is_all_caps(w) || w.len() < 2);

    // Role words just before the run, in lower case: "Kremlin leader Putin".
    let mut title_before = start > 0
        && tokens[start - 1].is_word
        && !tokens[start - 1].capitalised
        && sets.titles.contains(lower(tokens[start - 1].text).as_str());
    let speech_after = tokens
        .get(end)
        .is_some_and(|t| t.is_word && sets.speech_verbs.contains(t.text));

    // Drop sentence-initial function words ("The", "In") for every reading.
    let mut first = 0;
    while first < words.len() {
        let w = &lowered[first];
        let function_word = (first == 0 && sentence_start || paragraph.headline_style)
            && lists.common_words.contains(w.as_str())
            && !(lists.first_names.contains(w.as_str())
                && words.len() - first >= 2
                && !lists.common_words.contains(lowered[first + 1].as_str()));
        let function_word = function_word || DETERMINERS.contains(&w.as_str());
        if function_word
            && !sets.titles.contains(w.as_str())
            && !sets.nationalities.contains(w.as_str())
        {
            first += 1;
        } else {
            break;
        }
    }
    if first == words.len() {
        return;
    }

    // Organisations: a cue word after the first word, or a known name.
    let span = &words[first..];
    let span_lower = &lowered[first..];
    if span.len() >= 2
        && span_lower[1..]
            .iter()
            .any(|w| sets.org_words.contains(w.as_str()))
    {
        orgs.add(span.join(" "));
        return;
    }
    if span.len() >= 2
        && span_lower[1..]
            .iter()
            .any(|w| sets.thing_words.contains(w.as_str()))
    {
        if let Some(place) = place_of(span) {
            add_place(place, &span.join(" "));
        }
        return;
    }

    // Split off leading roles, nationalities, calendar words, acronyms and
    // places: "Pennsylvania Senator Rick Santorum", "US President Trump".
    let mut core = first;
    while core < words.len() {
        let w = lowered[core].trim_end_matches('.');
        let remaining = words.len() - core;
        if sets.titles.contains(w) || sets.nationalities.contains(w) || sets.calendar.contains(w) {
            if sets.titles.contains(w) {
                title_before = true;
            } else {
                read_single_non_person(words[core], orgs, add_place);
            }
            core += 1;
        } else if remaining > 1
            && !all_caps_line
            && (is_all_caps(words[core]) || is_initial(words[core]) && words[core].len() > 2)
        {
            // An acronym before a name: "US President", "CDU leader".
            read_single_non_person(words[core], orgs, add_place);
            core += 1;
        } else if remaining > 2
            && place_of(&[words[core]]).is_some()
            && !lists.first_names.contains(w)
        {
            read_single_non_person(words[core], orgs, add_place);
            core += 1;
        } else {
            break;
        }
    }
    let mut last = words.len();
    while last > core {
        let w = lowered[last - 1].as_str();
        if sets.calendar.contains(w) || DETERMINERS.contains(&w) || sets.titles.contains(w) {
            last -= 1;
        } else {
            break;
        }
    }
    // A capitalised phrase before a full name: "Education Stefania
    // Giannini", "Islamic Relations Alia Salem". Split at the first given
    // name when nothing before it is one.
    if last - core >= 3 && !all_caps_line {
        let is_given = |i: usize| {
            lists.first_names.contains(lowered[i].as_str())
                && !lists.common_words.contains(lowered[i].as_str())
        };
        if let Some(k) = (core + 1..last - 1).find(|&i| is_given(i)) {
            if !(core..k).any(is_given) {
                core = k;
                title_before = true;
            }
        }
    }
    if core == last {
        return;
    }
    let name = &words[core..last];
    let name_lower = &lowered[core..last];

    if name.len() == 1 {
        let word = name[0];
        if sets.known_orgs.contains(word) {
            orgs.add(word.to_string());
            return;
        }
        if let Some(place) = place_of(name) {
            add_place(place, word);
            return;
        }
        if is_all_caps(word) {
            if !all_caps_line
                && word.len() <= 6
                && !lists.common_words.contains(name_lower[0].as_str())
            {
                orgs.add(word.to_string());
            } else if all_caps_line {
                mentions.push(Mention::Single {
                    word: word.to_string(),
                    strong: false,
                });
            }
            return;
        }
        mentions.push(Mention::Single {
            word: word.to_string(),
            strong: title_before || speech_after,
        });
        return;
    }

    // Several words: a place, a person, or something we do not know.
    if let Some(place) = place_of(name) {
        add_place(place, &name.join(" "));
        return;
    }
    if name.iter().any(|w| sets.known_orgs.contains(*w)) || all_caps_line {
        for w in name {
            if all_caps_line {
                mentions.push(Mention::Single {
                    word: w.to_string(),
                    strong: false,
                });
            } else {
                read_single_non_person(w, orgs, add_place);
            }
        }
        return;
    }
    let first_is_name = lists
        .first_names
        .contains(name_lower[0].trim_end_matches('.'))
        || is_initial(name[0]);
    let unknown_words = name_lower
        .iter()
        .all(|w| !lists.common_words.contains(w.as_str()) && place_of(&[w.as_str()]).is_none());
    let has_acronym = name.iter().any(|w| is_all_caps(w));
    let only_initials = name.iter().all(|w| is_initial(w) || w.chars().count() < 2);
    let person = !has_acronym
        && !only_initials
        && name.len() <= 5
        && (first_is_name
            || title_before
            || speech_after
            || (unknown_words && name.len() <= 3 && !paragraph.headline_style));
    if person {
        mentions.push(Mention::Full(name.iter().map(|w| w.to_string()).collect()));
        return;
    }
    // Not a name: look for places inside ("Paris Moscow" lists, "New York").
    for w in name {
        if let Some(place) = place_of(&[w]) {
            add_place(place, w);
        }
    }
}

fn read_single_non_person(word: &str, orgs: &mut Tally, add_place: &mut impl FnMut(&str, &str)) {
    if let Some(place) = place_of(&[word]) {
        add_place(place, word);
    } else if sets().known_orgs.contains(word)
        || (is_all_caps(word)
            && word.len() <= 6
            && !lists().common_words.contains(lower(word).as_str()))
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
    let lists = lists();
    for (pos, mention) in mentions.iter().enumerate() {
        let Mention::Single { word, strong } = mention else {
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
            None if *strong
                && !lists.common_words.contains(lower(word).as_str())
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
    let upper = typed.to_uppercase();
    if let Some((_, canonical)) = PLACE_ABBREVIATIONS.iter().find(|(form, _)| *form == upper) {
        return Some(canonical);
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
        let article = ArticleText {
            title: "",
            lead,
            body,
            credits: &[],
        };
        find(&Document::new(&article))
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
}
