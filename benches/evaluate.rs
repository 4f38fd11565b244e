//! The quality evaluation: extraction against gold sets in ../shared/data.
//!
//!     cargo run --release -p dateline-benches --example evaluate [-- --data DIR] [--verbose]
//!
//! People: seed (10 people), Wikinews/GUM (43 articles), CoNLL-2003 dev PER.
//! Places and organisations: CoNLL-2003 dev LOC and ORG, and the train file
//! as the unbiased figure (the curated place list was extended while reading
//! dev errors). Topics: BBC News top-1 accuracy against the mapped IPTC
//! top-level topics on the part held out of training, with per-class
//! confusion. Speed: topics alone and all extraction per core on the BBC
//! articles (printed, never a floor). Exits with status 1 when a figure
//! falls below its floor (a regression guard, set a little under the figures
//! the code reaches now),
//! and 0 with a notice when the data is absent.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dateline_benches::data_dir;
use dateline_benches::gold::{read_conll, read_people_gold, score_doc, ConllDoc, GoldDoc, Score};
use dateline_extract::{extract, ArticleText, Extraction};
use dateline_indexer::parse::parse_native;

/// Regression floors: (figure, minimum).
/// The allocator the `dateline` binary uses, so that the speed line matches it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FLOORS: &[(&str, f64)] = &[
    ("people seed F1", 0.99),
    ("people wikinews F1", 0.90),
    ("people conll F1", 0.90),
    ("people conll-train F1", 0.87),
    ("places conll F1", 0.87),
    ("places conll-train F1", 0.83),
    ("orgs conll precision", 0.80),
    ("topics bbc accuracy", 0.95),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let data = args
        .iter()
        .position(|a| a == "--data")
        .and_then(|i| args.get(i + 1))
        .map_or_else(data_dir, PathBuf::from);
    if !data.join("conll2003").is_dir() {
        println!(
            "evaluate: no data at {} (set --data or DATELINE_DATA); nothing evaluated",
            data.display()
        );
        return;
    }
    let mut figures: BTreeMap<String, f64> = BTreeMap::new();
    let mut report = |name: &str, score: Score| {
        println!(
            "{name:<26} P {:.3}  R {:.3}  F1 {:.3}   ({} right of {} predicted; {} of {} gold found)",
            score.precision(),
            score.recall(),
            score.f1(),
            score.right,
            score.predicted,
            score.found,
            score.gold
        );
        figures.insert(format!("{name} F1"), score.f1());
        figures.insert(format!("{name} precision"), score.precision());
        figures.insert(format!("{name} recall"), score.recall());
    };

    // People on articles in the native format.
    for (set, gold_file, folder) in [
        ("people seed", "seed-people.jsonl", "seed"),
        (
            "people wikinews",
            "wikinews-people-details.jsonl",
            "wikinews",
        ),
    ] {
        let docs = read_people_gold(&data.join(gold_file)).expect("gold file reads");
        let mut total = Score::default();
        for doc in &docs {
            let text =
                std::fs::read_to_string(data.join(folder).join(&doc.name)).expect("article reads");
            let article = parse_native(&text).expect("article parses");
            let found = extract(&article.text());
            total.add(score_people(doc, &found, verbose));
        }
        report(set, total);
    }

    // CoNLL-2003 dev: people, places, organisations. The curated place
    // list was extended while reading dev errors, so the train file, which
    // no extraction rule or list was tuned on, gives the unbiased figure.
    for (set, file) in [("conll", "valid.txt"), ("conll-train", "train.txt")] {
        let conll = read_conll(&data.join("conll2003").join(file)).expect("conll reads");
        let (people, places, orgs) = score_conll(&conll, verbose && set == "conll");
        report(&format!("people {set}"), people);
        report(&format!("places {set}"), places);
        report(&format!("orgs {set}"), orgs);
    }

    // Topics on BBC News: the held-out part (files numbered 5, 10, 15, ...,
    // which scripts/train_topics.py never reads), then the trained part.
    let (train_accuracy, _) = bbc_topics(&data.join("bbc"), false);
    let (accuracy, confusion) = bbc_topics(&data.join("bbc"), true);
    println!(
        "{:<26} top-1 accuracy {accuracy:.3} held out (trained part {train_accuracy:.3})",
        "topics bbc"
    );
    for (class, row) in &confusion {
        let cells: Vec<String> = row
            .iter()
            .map(|(predicted, n)| format!("{predicted}: {n}"))
            .collect();
        println!("    {class:<14} {}", cells.join(", "));
    }
    figures.insert("topics bbc accuracy".to_string(), accuracy);

    // Speed per core on the same articles (reported, never a floor: timings
    // swing on shared machines). `extract_speed` has the per-stage figures.
    let texts = bbc_texts(&data.join("bbc"));
    let megabytes = texts.iter().map(|(t, b)| t.len() + b.len()).sum::<usize>() as f64 / 1e6;
    let topics_rate = best_rate(megabytes, || {
        for (title, body) in &texts {
            let (lead, rest) = body.split_once("\n\n").unwrap_or((body, ""));
            std::hint::black_box(dateline_extract::classify_topics(&ArticleText {
                title,
                lead,
                body: rest,
                credits: &[],
            }));
        }
    });
    let all_rate = best_rate(megabytes, || {
        for (title, body) in &texts {
            let (lead, rest) = body.split_once("\n\n").unwrap_or((body, ""));
            std::hint::black_box(extract(&ArticleText {
                title,
                lead,
                body: rest,
                credits: &[],
            }));
        }
    });
    println!(
        "{:<26} topics {topics_rate:.0} MB/s per core, all extraction {all_rate:.1} MB/s per core \
         ({} BBC articles, {megabytes:.1} MB, one thread, best of 3)",
        "speed",
        texts.len()
    );

    let mut failed = false;
    for (name, floor) in FLOORS {
        let value = figures.get(*name).copied().unwrap_or(0.0);
        if value < *floor {
            println!("below floor: {name} = {value:.3} < {floor}");
            failed = true;
        }
    }
    if failed {
        std::process::exit(1);
    }
}

/// People, places and organisations scored on CoNLL-2003 documents.
fn score_conll(conll: &[ConllDoc], verbose: bool) -> (Score, Score, Score) {
    let (mut people, mut places, mut orgs) = (Score::default(), Score::default(), Score::default());
    for doc in conll {
        let body = doc.paragraphs[1.min(doc.paragraphs.len())..].join("\n\n");
        let lead = doc.paragraphs.first().map_or("", String::as_str);
        let found = extract(&ArticleText {
            title: &doc.title,
            lead,
            body: &body,
            credits: &[],
        });
        people.add(score_people(&doc.people, &found, verbose));
        let place_predictions: Vec<Vec<String>> = found
            .places
            .iter()
            .map(|p| {
                std::iter::once(p.name.clone())
                    .chain(p.forms.iter().cloned())
                    .collect()
            })
            .collect();
        let (place_score, wrong, missed) = score_doc(&doc.places, &place_predictions);
        if verbose && (!wrong.is_empty() || !missed.is_empty()) {
            println!(
                "  places {}: wrong {wrong:?} missed {missed:?}",
                doc.people.name
            );
        }
        places.add(place_score);
        let org_predictions: Vec<Vec<String>> = found
            .organizations
            .iter()
            .map(|o| vec![o.clone()])
            .collect();
        orgs.add(score_doc(&doc.orgs, &org_predictions).0);
    }
    (people, places, orgs)
}

fn score_people(gold: &GoldDoc, found: &Extraction, verbose: bool) -> Score {
    let predictions: Vec<Vec<String>> = found.people.iter().map(|p| vec![p.name.clone()]).collect();
    let (score, wrong, missed) = score_doc(gold, &predictions);
    if verbose && (!wrong.is_empty() || !missed.is_empty()) {
        println!("  {}: wrong {wrong:?} missed {missed:?}", gold.name);
    }
    score
}

/// BBC class to the label of its IPTC top-level topic (../shared/README.md).
const BBC_CLASSES: &[(&str, &str)] = &[
    ("business", "economy, business and finance"),
    ("entertainment", "arts, culture, entertainment and media"),
    ("politics", "politics and government"),
    ("sport", "sport"),
    ("tech", "science and technology"),
];

/// Every BBC article as (title, rest), for timing.
fn bbc_texts(dir: &Path) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    for (class, _) in BBC_CLASSES {
        let Ok(entries) = std::fs::read_dir(dir.join(class)) else {
            continue;
        };
        for entry in entries.flatten() {
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            let (title, rest) = text.split_once('\n').unwrap_or((&text, ""));
            texts.push((title.trim().to_string(), rest.trim().to_string()));
        }
    }
    texts
}

/// MB/s of the fastest of three runs of `work` over `megabytes`.
fn best_rate(megabytes: f64, mut work: impl FnMut()) -> f64 {
    (0..3)
        .map(|_| {
            let started = std::time::Instant::now();
            work();
            megabytes / started.elapsed().as_secs_f64().max(1e-9)
        })
        .fold(0.0, f64::max)
}

/// Whether a BBC file belongs to the part held out of topic training (its
/// number is a multiple of 5, as in scripts/train_topics.py).
fn bbc_held_out(path: &Path) -> bool {
    path.file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.parse::<u32>().ok())
        .is_some_and(|n| n % 5 == 0)
}

/// Top-1 accuracy and confusion on the held-out part of BBC News, or on the
/// part the model was trained on.
fn bbc_topics(dir: &Path, held_out: bool) -> (f64, BTreeMap<String, BTreeMap<String, usize>>) {
    let mut right = 0usize;
    let mut total = 0usize;
    let mut confusion: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (class, label) in BBC_CLASSES {
        let Ok(entries) = std::fs::read_dir(dir.join(class)) else {
            continue;
        };
        for entry in entries.flatten() {
            if bbc_held_out(&entry.path()) != held_out {
                continue;
            }
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            let mut parts = text.splitn(2, '\n');
            let title = parts.next().unwrap_or("").trim();
            let rest = parts.next().unwrap_or("").trim();
            let (lead, body) = rest.split_once("\n\n").unwrap_or((rest, ""));
            let topics = dateline_extract::classify_topics(&ArticleText {
                title,
                lead,
                body,
                credits: &[],
            });
            let predicted = topics
                .first()
                .and_then(|t| t.path.first())
                .cloned()
                .unwrap_or_else(|| "(none)".to_string());
            total += 1;
            if predicted == *label {
                right += 1;
            }
            *confusion
                .entry(class.to_string())
                .or_default()
                .entry(predicted)
                .or_default() += 1;
        }
    }
    (right as f64 / total.max(1) as f64, confusion)
}
