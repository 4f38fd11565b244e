//! Person search by any form of the name, on Reuters-21578 (issue #22):
//! for 25 people, the share of the articles that name them that
//! `--person "Full Name"` finds.
//!
//!     cargo run --release -p dateline-benches --example person_recall
//!
//! The reference is read from the raw text, not from Dateline: an article
//! names a person when it holds the surname as a capitalised word that is
//! not part of another name or a firm (a given name of someone else before
//! it, "Nancy Reagan", "Howard Baker" for James Baker; a capitalised word
//! after it, "Baker International", "Reagan Administration") and not an
//! attribute ("the Reagan administration", "the Baker plan": those name
//! the administration or the plan). Given names and their short forms
//! before the surname are the person's own. Writes
//! `benches/results/<date>-person-recall.md`.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use dateline_benches::data_dir;
use dateline_indexer::{index_paths, ingest::NoProgress, IndexOptions};
use dateline_query::{Engine, SearchRequest};

/// The people: full name, the given names (and short forms) that may stand
/// before the surname.
const PEOPLE: &[(&str, &[&str])] = &[
    ("Ronald Reagan", &["Ronald", "Ron"]),
    ("James Baker", &["James", "Jim", "Jimmy"]),
    ("Howard Baker", &["Howard"]),
    ("Yasuhiro Nakasone", &["Yasuhiro"]),
    ("Paul Volcker", &["Paul"]),
    ("Clayton Yeutter", &["Clayton"]),
    ("Kiichi Miyazawa", &["Kiichi"]),
    ("Nigel Lawson", &["Nigel"]),
    ("Richard Lyng", &["Richard", "Dick"]),
    ("Gerhard Stoltenberg", &["Gerhard"]),
    ("George Shultz", &["George"]),
    ("Margaret Thatcher", &["Margaret", "Maggie"]),
    ("Jim Wright", &["Jim", "James"]),
    ("Edouard Balladur", &["Edouard"]),
    ("Malcolm Baldrige", &["Malcolm"]),
    ("Marlin Fitzwater", &["Marlin"]),
    ("Alan Greenspan", &["Alan"]),
    ("Corazon Aquino", &["Corazon", "Cory"]),
    ("Jose Sarney", &["Jose"]),
    ("Karl Otto Poehl", &["Karl", "Otto"]),
    ("Jacques Chirac", &["Jacques"]),
    ("Helmut Kohl", &["Helmut"]),
    ("Robert Dole", &["Robert", "Bob"]),
    ("Michael Wilson", &["Michael", "Mike"]),
    ("Mikhail Gorbachev", &["Mikhail"]),
];

/// Words after a surname that make it an attribute, not a mention.
const ATTRIBUTES: &[&str] = &[
    "administration",
    "Administration",
    "plan",
    "initiative",
    "proposal",
    "era",
    "doctrine",
    "government",
];

/// A word of the text and whether only spaces separate it from the next.
struct Word<'a> {
    text: &'a str,
    joined_to_next: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word<'_>> = Vec::new();
    let mut start = None;
    let mut gap_clean = true;
    for (i, ch) in text.char_indices() {
        if ch.is_alphanumeric() {
            if start.is_none() {
                if let Some(last) = out.last_mut() {
                    last.joined_to_next = gap_clean;
                }
                start = Some(i);
            }
        } else {
            if let Some(s) = start.take() {
                out.push(Word {
                    text: &text[s..i],
                    joined_to_next: false,
                });
                gap_clean = true;
            }
            if !ch.is_whitespace() {
                gap_clean = false;
            }
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..],
            joined_to_next: false,
        });
    }
    out
}

/// Whether `text` names the person of `surname` with these given names:
/// in full, or by the surname alone in an article that names no one else
/// of that surname in full ("Elizabeth Dole ... Dole said" is hers).
fn names(text: &str, surname: &str, given: &[&str], first_names: &HashSet<String>) -> bool {
    let words = words(text);
    let (mut own_full, mut other_full, mut alone) = (false, false, false);
    for (i, word) in words.iter().enumerate() {
        if word.text != surname {
            continue;
        }
        if let Some(after) = words.get(i + 1) {
            // "Baker International", "Wright-Patterson": another name, and
            // the surname alone in that article may be it ("merger with
            // Baker").
            if word.joined_to_next && ATTRIBUTES.contains(&after.text) {
                continue;
            }
            let compound = text[word_end(text, word)..].starts_with('-');
            if word.joined_to_next && after.text.starts_with(char::is_uppercase) || compound {
                other_full = true;
                continue;
            }
        }
        let before = i
            .checked_sub(1)
            .map(|b| &words[b])
            .filter(|b| b.joined_to_next && b.text.starts_with(char::is_uppercase));
        match before {
            Some(b) if given.contains(&b.text) => own_full = true,
            Some(b) if first_names.contains(&b.text.to_lowercase()) => other_full = true,
            Some(b) if b.text.len() == 1 => other_full = true,
            _ => alone = true,
        }
    }
    own_full || alone && !other_full
}

/// The byte offset in `text` just after `word` (a slice of it).
fn word_end(text: &str, word: &Word<'_>) -> usize {
    word.text.as_ptr() as usize - text.as_ptr() as usize + word.text.len()
}

fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}

fn main() {
    let input = data_dir().join("reuters21578");
    let first_names: HashSet<String> = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/extract/data/first_names.txt"),
    )
    .expect("first names")
    .lines()
    .map(str::to_string)
    .collect();
    let files = dateline_benches::peers::article_files(&input);
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(f).expect("read");
            (
                f.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        })
        .collect();

    let dir = tempfile::TempDir::new().expect("temp dir");
    index_paths(
        dir.path(),
        std::slice::from_ref(&input),
        &IndexOptions::default(),
        &NoProgress,
    )
    .expect("dateline indexes");
    let engine = Engine::open(dir.path()).expect("open");

    let mut report = String::new();
    let _ = writeln!(
        report,
        "# Person search by any form of the name, Reuters-21578\n\n\
         `cargo run --release -p dateline-benches --example person_recall`; reference from the \
         raw text (see `benches/person_recall.rs`).\n\n\
         | person | articles naming them | found by `--person` | of those naming them | recall | found, not in the reference |\n\
         |---|---|---|---|---|---|"
    );
    let (mut all_truth, mut all_hit) = (0usize, 0usize);
    let mut found_by: Vec<BTreeSet<String>> = Vec::new();
    for (name, given) in PEOPLE {
        let surname = name.rsplit(' ').next().expect("a surname");
        // A surname two people of the table share: an article naming one
        // in full is that one's; the surname alone is the one the archive
        // names in full more often (the reference cannot tell more).
        let namesakes: Vec<&(&str, &[&str])> = PEOPLE
            .iter()
            .filter(|(other, _)| other != name && other.ends_with(&format!(" {surname}")))
            .collect();
        let in_full = |text: &str, given: &[&str]| {
            given
                .iter()
                .any(|g| text.contains(&format!("{g} {surname}")))
        };
        let truth: BTreeSet<String> = texts
            .iter()
            .filter(|(_, text)| {
                if namesakes.is_empty() {
                    return names(text, surname, given, &first_names);
                }
                let mine = in_full(text, given);
                let theirs = namesakes.iter().any(|(_, g)| in_full(text, g));
                let most_named = *name == "James Baker";
                mine || (!theirs && most_named && names(text, surname, given, &first_names))
            })
            .map(|(path, _)| file_name(path))
            .collect();
        let request = SearchRequest {
            person: vec![name.to_string()],
            limit: 10_000,
            ..SearchRequest::default()
        };
        let found: BTreeSet<String> = match engine.search(&request) {
            Ok(response) => response.hits.iter().map(|h| file_name(&h.path)).collect(),
            Err(err) => {
                eprintln!("{name}: {err}");
                BTreeSet::new()
            }
        };
        let hit = found.intersection(&truth).count();
        if std::env::var_os("PERSON_RECALL_MISSES").is_some() {
            for missed in truth.difference(&found) {
                eprintln!("missed {name}: {missed}");
            }
        }
        all_truth += truth.len();
        all_hit += hit;
        let _ = writeln!(
            report,
            "| {name} | {} | {} | {hit} | {:.3} | {} |",
            truth.len(),
            found.len(),
            hit as f64 / truth.len().max(1) as f64,
            found.difference(&truth).count()
        );
        found_by.push(found);
    }
    let _ = writeln!(
        report,
        "| **all 25** | {all_truth} | | {all_hit} | **{:.3}** | |",
        all_hit as f64 / all_truth.max(1) as f64
    );
    // The two Bakers: articles naming one in full and not the other, found
    // for the other.
    let full = |first: &[&str]| -> BTreeSet<String> {
        texts
            .iter()
            .filter(|(_, text)| first.iter().any(|f| text.contains(&format!("{f} Baker"))))
            .map(|(path, _)| file_name(path))
            .collect()
    };
    let (james_full, howard_full) = (full(&["James", "Jim"]), full(&["Howard"]));
    let james = PEOPLE
        .iter()
        .position(|p| p.0 == "James Baker")
        .expect("listed");
    let howard = PEOPLE
        .iter()
        .position(|p| p.0 == "Howard Baker")
        .expect("listed");
    let only = |a: &BTreeSet<String>, b: &BTreeSet<String>| -> BTreeSet<String> {
        a.difference(b).cloned().collect()
    };
    let james_only = only(&james_full, &howard_full);
    let howard_only = only(&howard_full, &james_full);
    let _ = writeln!(
        report,
        "\nThe two Bakers: `--person \"Howard Baker\"` finds {} of the {} articles naming only \
         James Baker in full; `--person \"James Baker\"` finds {} of the {} naming only Howard \
         Baker in full.",
        found_by[howard].intersection(&james_only).count(),
        james_only.len(),
        found_by[james].intersection(&howard_only).count(),
        howard_only.len(),
    );
    print!("{report}");
    let date = chrono::Local::now().format("%Y-%m-%d");
    let out = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("results")
        .join(format!("{date}-person-recall.md"));
    std::fs::write(&out, report).expect("write results");
    eprintln!("wrote {}", out.display());
}
