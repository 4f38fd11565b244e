//! Reads one capitalised run of words ("Prime Minister Margaret Thatcher
//! said", "Securities and Exchange Commission", "the Philadelphia Eagles")
//! into places, organisations and mentions of people.
//!
//! A run is read in stages, each a method of [`RunReader`] that either
//! finishes the run (`Break`) or passes on where the name now starts
//! (`Continue`): function words off the front; a known place or a
//! nationality; an organisation, with a role and name that may follow it;
//! a thing named with a cue word; roles, nationalities and places split off
//! the front and roles off the end; a phrase before a full name; then one
//! word ([`RunReader::single_word`]) or a name of several
//! ([`RunReader::several_words`]).

use std::ops::ControlFlow;

use super::{
    is_all_caps, is_bank_compound, is_company_suffix, is_determiner, is_initial, is_personal_title,
    is_speaker_label, lower, names_a_work, place_here, place_of, starts_name, Findings, Mention,
};
use crate::data::lists;
use crate::lexicon::{sets, word_class, WordClass};
use crate::tokens::{Paragraph, Token};

/// What a stage decides: the run is read (`Break`), or the name goes on
/// from this word (`Continue`).
type Step = ControlFlow<(), usize>;

/// Classifies the capitalised run `tokens[start..end]` of `paragraph` into
/// `found`; `locative` when the words before say a place follows ("in").
/// `run` is scratch space kept from run to run.
pub(super) fn read_run<'t>(
    paragraph: &Paragraph<'t>,
    (start, end): (usize, usize),
    locative: bool,
    run: &mut Run<'t>,
    found: &mut Findings,
) {
    run.fill(&paragraph.tokens[start..end], locative);
    let mut reader = RunReader::new(paragraph, start, end, run, found);
    let _ = reader.read();
}

/// One run being read, with what the words around it say.
struct RunReader<'a, 't> {
    tokens: &'a [Token<'t>],
    headline_style: bool,
    start: usize,
    end: usize,
    run: &'a mut Run<'t>,
    found: &'a mut Findings,
    /// A role stands before the name: in lower case before the run
    /// ("Kremlin leader Putin"), or split off its front.
    title_before: bool,
    /// A verb of saying follows the run ("Ushakov said").
    speech_after: bool,
    /// A score follows: a team in a results line ("SEATTLE 9 Baltimore 6"),
    /// even when it is a city's name.
    score_after: bool,
    /// The run is in a headline set in capitals, where capitals say nothing.
    all_caps_line: bool,
}

impl<'a, 't> RunReader<'a, 't> {
    fn new(
        paragraph: &'a Paragraph<'t>,
        start: usize,
        end: usize,
        run: &'a mut Run<'t>,
        found: &'a mut Findings,
    ) -> Self {
        let tokens = &paragraph.tokens[..];
        let title_before = start > 0
            && tokens[start - 1].is_word
            && !tokens[start - 1].capitalised
            && word_class(&lower(tokens[start - 1].text)).has(WordClass::TITLE);
        let speech_after = tokens
            .get(end)
            .is_some_and(|t| t.is_word && sets().speech_verbs.contains(t.text));
        let score_after = tokens.get(end).is_some_and(|t| {
            (1..=3).contains(&t.text.len()) && t.text.bytes().all(|b| b.is_ascii_digit())
        });
        let all_caps_line =
            paragraph.headline_style && run.words.iter().all(|w| is_all_caps(w) || w.len() < 2);
        RunReader {
            tokens,
            headline_style: paragraph.headline_style,
            start,
            end,
            run,
            found,
            title_before,
            speech_after,
            score_after,
            all_caps_line,
        }
    }

    /// The stages in order.
    fn read(&mut self) -> ControlFlow<()> {
        let first = self.skip_function_words()?;
        let first = self.place_or_people(first)?;
        let first = self.organisation(first)?;
        let first = self.named_thing(first)?;
        let core = self.leading_words(first)?;
        let last = self.trailing_words(core);
        let core = self.phrase_before_name(core, last);
        match last - core {
            0 => ControlFlow::Break(()),
            1 => self.single_word(core),
            _ => self.several_words(first, core, last),
        }
    }

    fn len(&self) -> usize {
        self.run.len()
    }

    /// Sentence-initial function words ("The", "In") are no part of a
    /// name; a given name before another capitalised word is ("Frank Castle
    /// said"), and so is a word that opens a place ("South Africa", "New
    /// York Stock Exchange").
    fn skip_function_words(&mut self) -> Step {
        let n = self.len();
        let sentence_start = self.tokens[self.start].sentence_start;
        let run = &mut *self.run;
        let mut first = 0;
        while first < n {
            // (In a headline only before an uncommon word.)
            let given_name_first = run.is(first, WordClass::FIRST_NAME)
                && n - first >= 2
                && !(self.headline_style && run.is(first + 1, WordClass::COMMON));
            // "Securities and Exchange Commission" opening a sentence keeps
            // its first word.
            let joined =
                n - first > 2 && matches!(run.lower(first + 1), "and" | "&" | "of" | "for");
            let function_word = (first == 0 && sentence_start || self.headline_style)
                && run.is(first, WordClass::COMMON)
                && !given_name_first
                && !joined;
            let function_word = function_word || is_determiner(run.lower(first));
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
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(first)
        }
    }

    /// A known place, whatever its words suggest ("West Bank", "Soviet
    /// Union"), or the people of a country the nationality list lacks
    /// ("Costa Rican").
    fn place_or_people(&mut self, first: usize) -> Step {
        if let Some(place) = self.run.tail_place(first) {
            let form = self.run.words[first..].join(" ");
            self.found.add_place_or_team(place, form, self.score_after);
            return ControlFlow::Break(());
        }
        let given_name_alone = self.len() - first == 1 && self.run.is(first, WordClass::FIRST_NAME);
        if !given_name_alone && is_demonym(&self.run.words[first..]) {
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(first)
    }

    /// An organisation: a cue word after the first word ("Bank of
    /// England": the cue opens the name when "of" or "for" follows). A role
    /// and a name may follow it ("Tasmania Primary Industries Minister Helen
    /// Marsh", "Refugee Council Enver Solomon"): the name goes on there.
    fn organisation(&mut self, first: usize) -> Step {
        let n = self.len();
        let run = &mut *self.run;
        let cue_from = if n > first + 2 && matches!(run.lower(first + 1), "of" | "for") {
            first
        } else {
            first + 1
        };
        let Some(cue) = (cue_from..n)
            .rev()
            .find(|&i| run.is(i, WordClass::ORG_WORD) || is_bank_compound(run.lower(i)))
        else {
            return ControlFlow::Continue(first);
        };
        // A count of nations ("Six Nations", "RBS Six Nations", "Tri
        // Nations") is a tournament or grouping of that many countries.
        if run.lower(cue) == "nations" && cue > first && is_count(run.lower(cue - 1)) {
            return ControlFlow::Break(());
        }
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
        // are no common words.
        let name_after = (2..=3).contains(&(n - cue - 1))
            && (cue + 1..n).all(|i| !run.is(i, WordClass::COMMON))
            && (run.is_given(cue + 1) || run.word_place_of(cue + 1).is_none());
        match role {
            Some(role) => {
                self.found.orgs.add(run.words[first..role].join(" "));
                ControlFlow::Continue(role)
            }
            None if name_after => {
                self.found.orgs.add(run.words[first..=cue].join(" "));
                ControlFlow::Continue(cue + 1)
            }
            None => {
                // "US TV", "French radio": a medium of a country, no name.
                let generic_medium = matches!(
                    run.lower(cue),
                    "tv" | "television" | "radio" | "press" | "media"
                ) && (first..cue)
                    .all(|i| run.word_place_here(i).is_some() || run.is(i, WordClass::NATIONALITY));
                if !generic_medium {
                    self.found.orgs.add(run.words[first..].join(" "));
                }
                ControlFlow::Break(())
            }
        }
    }

    /// A thing named with a cue word ("Melbourne Cricket Ground", "Notting
    /// Hill") is nothing to find, unless it opens with a given name and a
    /// role or a speech verb says it is a person ("professor Marc Lamont
    /// Hill", "Damon Hill said"; not "Downing Street said", "Japan's first
    /// Academy Award"). (A place here was ruled out before.)
    fn named_thing(&mut self, first: usize) -> Step {
        let n = self.len();
        let run = &mut *self.run;
        let thing_word = n - first >= 2 && (first + 1..n).any(|i| run.is(i, WordClass::THING_WORD));
        if thing_word
            && !((self.title_before || self.speech_after) && run.is_given(first))
            && !role_inside_run(run, first)
        {
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(first)
    }

    /// Splits off leading roles, nationalities, calendar words, acronyms
    /// and places ("Pennsylvania Senator Rick Santorum", "US President
    /// Trump"), taking the places and organisations among them; a club's
    /// initials and its city ("AC Milan", "PSV Eindhoven") are one
    /// organisation.
    fn leading_words(&mut self, first: usize) -> Step {
        let n = self.len();
        let mut core = first;
        while core < n {
            let run = &mut *self.run;
            let class = run.class_trimmed[core];
            let remaining = n - core;
            let role_word = class.has(WordClass::TITLE)
                || class.has(WordClass::NATIONALITY)
                || class.has(WordClass::CALENDAR);
            let word = run.words[core];
            let strippable = role_word
                || remaining > 1
                    && !self.all_caps_line
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
            if remaining == 2
                && is_all_caps(word)
                && (2..=3).contains(&word.len())
                && place_of(&[word]).is_none()
                && run.word_place_here(core + 1).is_some()
                && !self.all_caps_line
            {
                self.found.orgs.add(run.words[core..].join(" "));
                return ControlFlow::Break(());
            }
            if class.has(WordClass::TITLE) {
                self.title_before = true;
            } else {
                let place = run.word_place_here(core);
                let common = run.is(core, WordClass::COMMON);
                self.found.add_non_person(word, place, common);
            }
            core += 1;
        }
        ControlFlow::Continue(core)
    }

    /// Where the name ends: before trailing calendar words, function words
    /// and roles ("Putin Monday", "Smith Chairman").
    fn trailing_words(&self, core: usize) -> usize {
        let mut last = self.len();
        while last > core {
            let class = self.run.class[last - 1];
            if class.has(WordClass::CALENDAR)
                || is_determiner(self.run.lower(last - 1))
                || class.has(WordClass::TITLE)
            {
                last -= 1;
            } else {
                break;
            }
        }
        last
    }

    /// A capitalised phrase before a full name is no part of it: split at
    /// the first given name when nothing before it is one or an initial
    /// ("Education Stefania Giannini", "Islamic Relations Alia Salem"; not
    /// "L. Ron Hubbard", nor inside a place: "Los Angeles Sheriff"), or
    /// after a role inside the run ("Education Mr. Toccafondi", "Primary
    /// Industries Minister Helen Marsh").
    fn phrase_before_name(&mut self, mut core: usize, last: usize) -> usize {
        if last - core < 3 || self.all_caps_line {
            return core;
        }
        let run = &*self.run;
        let given_or_initial = |i: usize| run.is_given(i) || is_initial(run.words[i]);
        if let Some(k) = (core + 1..last - 1).find(|&i| run.is_given(i)) {
            if !(core..k).any(given_or_initial) && place_of(&run.words[k - 1..=k]).is_none() {
                core = k;
                self.title_before = true;
            }
        }
        if last - core >= 3 {
            let role = (core + 1..last - 1).rev().find(|&i| {
                run.class_trimmed[i].has(WordClass::TITLE) && !run.is(i, WordClass::FIRST_NAME)
            });
            if let Some(role) = role {
                core = role + 1;
                self.title_before = true;
            }
        }
        core
    }

    /// One word left: an organisation, a place, an acronym, or a surname
    /// to resolve against the article's full names.
    fn single_word(&mut self, core: usize) -> ControlFlow<()> {
        let run = &mut *self.run;
        let word = run.words[core];
        if is_all_caps(word) && is_speaker_label(self.tokens, self.start, self.end) {
            return ControlFlow::Break(());
        }
        if sets().known_orgs.contains(word) || is_bank_compound(run.lower(core)) {
            self.found.orgs.add(word.to_string());
            return ControlFlow::Break(());
        }
        // A company suffix left alone ("Nikko Securities Co (Europe) Ltd
        // said") is no name.
        if is_company_suffix(run.lower(core)) {
            return ControlFlow::Break(());
        }
        if let Some(place) = run.word_place_here(core) {
            self.found
                .add_place_or_team(place, word.to_string(), self.score_after);
            return ControlFlow::Break(());
        }
        if is_all_caps(word) {
            if sets().thing_abbreviations.contains(word) {
                return ControlFlow::Break(());
            }
            if !self.all_caps_line && word.len() <= 6 && !run.is(core, WordClass::COMMON) {
                self.found.orgs.add(word.to_string());
            } else if self.all_caps_line {
                self.found.mentions.push(Mention::Single {
                    word: word.to_string(),
                    strong: false,
                    titled: false,
                });
            }
            return ControlFlow::Break(());
        }
        let class = run.class_trimmed[core];
        // The word just before: in the run ("Prime Minister Thatcher") or
        // in lower case before it ("said treasury secretary Baker").
        let before = if core > 0 {
            Some(run.lower(core - 1))
        } else {
            self.start
                .checked_sub(1)
                .map(|b| self.tokens[b].text)
                .filter(|t| t.chars().all(char::is_lowercase))
        };
        self.found.mentions.push(Mention::Single {
            word: word.to_string(),
            strong: self.title_before || self.speech_after,
            titled: before.is_some_and(is_personal_title)
                && !word.ends_with('s')
                && !class.has(WordClass::CALENDAR)
                && !class.has(WordClass::ORG_WORD)
                && !class.has(WordClass::THING_WORD)
                && !class.has(WordClass::NATIONALITY)
                && !class.has(WordClass::TITLE),
        });
        ControlFlow::Break(())
    }

    /// Several words left: a place, a name with a known organisation in
    /// it, or a name whose shape ([`RunReader::shape`]) says what it is.
    fn several_words(&mut self, first: usize, core: usize, last: usize) -> ControlFlow<()> {
        let n = self.len();
        let name_place = if last == n {
            self.run.tail_place(core)
        } else {
            place_here(&self.run.words[core..last], self.run.locative)
        };
        if let Some(place) = name_place {
            let form = self.run.words[core..last].join(" ");
            self.found.add_place_or_team(place, form, self.score_after);
            return ControlFlow::Break(());
        }
        if self.run.words[core..last]
            .iter()
            .any(|w| sets().known_orgs.contains(*w))
            || self.all_caps_line
        {
            for i in core..last {
                let word = self.run.words[i];
                if self.all_caps_line {
                    self.found.mentions.push(Mention::Single {
                        word: word.to_string(),
                        strong: false,
                        titled: false,
                    });
                } else {
                    let place = self.run.word_place_here(i);
                    let common = self.run.is(i, WordClass::COMMON);
                    self.found.add_non_person(word, place, common);
                }
            }
            return ControlFlow::Break(());
        }
        let shape = self.shape(core, last)?;
        self.add_name(shape, first, core, last);
        ControlFlow::Break(())
    }

    /// What the words of `core..last` and the words around them say the
    /// name is; a team named after its place ("the Philadelphia Eagles",
    /// "Bradford Bulls 36") is taken here.
    fn shape(&mut self, core: usize, last: usize) -> ControlFlow<(), Shape> {
        let run = &mut *self.run;
        let (tokens, start, end) = (self.tokens, self.start, self.end);
        let first_is_name =
            run.class_trimmed[core].has(WordClass::FIRST_NAME) || is_initial(run.words[core]);
        // (A city may be a surname: "Hayao Miyazaki", "Sudesh Amman"; a
        // country or region is not: "Amoco Canada".)
        let unknown_words =
            (core..last).all(|i| !run.is(i, WordClass::COMMON) && !run.is_region(i));
        let after_the = if core > 0 {
            run.lower(core - 1) == "the"
        } else {
            start > 0 && tokens[start - 1].text == "the"
        };
        // A small town's name that is also a given name does not make a
        // team, nor does a name with an initial in it ("the George W. Bush
        // administration"): teams have none.
        let named_after_place = run.word_place_of(core).is_some_and(|place| {
            !(lists().towns.contains(place) && run.class_trimmed[core].has(WordClass::FIRST_NAME))
        }) && !run.words[core + 1..last].iter().any(|w| is_initial(w));
        if (after_the || self.score_after) && named_after_place {
            self.found.orgs.add(run.words[core..last].join(" "));
            return ControlFlow::Break(());
        }
        // A word no list knows (not a given name) and a country or region:
        // a company's branch or a club ("Amoco Canada said", "Hydro
        // Quebec", "Statistics Canada said"), not a person and not the
        // place; "Neil Jordan" is a person. ("Sub-Saharan Africa",
        // "Indian-administered Kashmir" are places.)
        let branch = last - core == 2
            && !first_is_name
            && !run.words[core].contains(['-', '\''])
            && run.words[core].len() >= 3
            && run.word_place_of(core).is_none()
            && run.is_region(core + 1);
        // "Royal Dutch", "Anglo French": no given name ("Royal" is one, and
        // a common word), and a nationality for a surname.
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
        // Ghostbusters"; a given name that is a region's too ("Georgia
        // May") still reads as a person.
        let region_first = name.len() == 2
            && !run.class_trimmed[core].has(WordClass::FIRST_NAME)
            && place_of(&name[..1]).is_some_and(|place| lists().regions.contains(place));
        // "Cie Generale d'Electricite", "Palme d'Or": a "d'" name needs a
        // given name or a role before it ("Valery Giscard d'Estaing").
        let particle_needs_given = !first_is_name
            && !self.title_before
            && name
                .iter()
                .any(|w| w.starts_with("d'") || w.starts_with("d\u{2019}"));
        let institution = run.is(core, WordClass::LEADING_THING);
        // Words no list knows, straight after "in" or "near", are more often
        // a place the gazetteer lacks than a person ("in Maidan Shahr").
        let after_place_preposition = core == 0
            && start > 0
            && matches!(tokens[start - 1].text, "in" | "near" | "outside" | "into");
        // Nor is a name followed by a kind of place ("Maidan Wardak
        // province").
        let place_noun_after = last == run.len()
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
                || self.title_before
                || self.speech_after
                || (unknown_words
                    && name.len() <= 3
                    && !self.headline_style
                    && !after_place_preposition));
        // A results or team list: "Dudi Sela (Israel) beat ...". A name
        // shape there is a person when other names in the same pattern are
        // (decided per article, in resolve_people).
        let listed = last == run.len()
            && tokens.get(end).is_some_and(|t| t.text == "(")
            && tokens
                .get(end + 1)
                .is_some_and(|t| starts_name(t) && place_of(&[t.text]).is_some());
        ControlFlow::Continue(Shape {
            person,
            listed,
            branch,
            has_acronym,
            only_initials,
        })
    }

    /// Adds the name `core..last` as its [`Shape`] says: a company, a work,
    /// a person, a listed name, a branch, or places inside a phrase that is
    /// no name ("Paris Moscow" lists; not "Baltimore Orioles").
    fn add_name(&mut self, shape: Shape, first: usize, core: usize, last: usize) {
        let run = &mut *self.run;
        let name = &run.words[core..last];
        // "Commerzbank AG", "Birr Wilson and Co": a company's name.
        if name.len() >= 2 && is_company_suffix(run.lower(last - 1)) {
            self.found.orgs.add(name.join(" "));
            return;
        }
        let words = || name.iter().map(|w| w.to_string()).collect();
        let whole = core == first && last == run.len();
        if shape.person
            && !self.title_before
            && names_a_work(self.tokens, self.start, self.end, whole)
        {
            self.found.mentions.push(Mention::Work(words()));
            return;
        }
        if shape.person {
            self.found.mentions.push(if shape.listed {
                Mention::Listed {
                    words: words(),
                    person: true,
                }
            } else {
                Mention::Full(words())
            });
            return;
        }
        if shape.listed
            && (2..=3).contains(&name.len())
            && !shape.has_acronym
            && !shape.only_initials
            && name.iter().all(|w| place_of(&[w]).is_none())
        {
            self.found.mentions.push(Mention::Listed {
                words: words(),
                person: false,
            });
            return;
        }
        if shape.branch {
            self.found.orgs.add(name.join(" "));
            return;
        }
        for i in core..last {
            let names_something = i + 1 < last && run.word_place_of(i + 1).is_none();
            if let Some(place) = run.word_place_here(i).filter(|_| !names_something) {
                self.found.add_place(place, run.words[i]);
            }
        }
    }
}

/// What a name of several words reads as ([`RunReader::shape`]).
struct Shape {
    /// A person's name.
    person: bool,
    /// In a list pattern, "NAME ( Country )".
    listed: bool,
    /// A company's branch or a club: a word and a country.
    branch: bool,
    has_acronym: bool,
    only_initials: bool,
}

/// The words of one capitalised run with what is known of each, looked up
/// once: the lower-case form, its word classes, and the places that the
/// run's tails and single words name (a run is examined several ways, and
/// each way asked the gazetteer again). One is kept per article and
/// refilled for each run, so that reading a run allocates nothing.
#[derive(Default)]
pub(super) struct Run<'t> {
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

/// Whether a word counts a few things ("six", "tri").
fn is_count(word: &str) -> bool {
    matches!(
        word,
        "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten" | "tri"
    )
}
