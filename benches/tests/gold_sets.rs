//! People extraction on the gold sets that ship with the repository (the
//! seed article and the GUM Wikinews articles of `corpus/`), so that `cargo
//! test` guards quality without `../shared`.

use std::path::{Path, PathBuf};

use dateline_benches::gold::{read_people_gold, score_doc, Score};
use dateline_extract::extract;
use dateline_indexer::parse::parse_native;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn score_set(gold_file: &str, folder: &str) -> (Score, Vec<String>) {
    let docs = read_people_gold(&repo().join("benches/fixtures").join(gold_file)).unwrap();
    let mut total = Score::default();
    let mut errors = Vec::new();
    for doc in &docs {
        let text =
            std::fs::read_to_string(repo().join("corpus").join(folder).join(&doc.name)).unwrap();
        let article = parse_native(&text).unwrap();
        let predictions: Vec<Vec<String>> = extract(&article.text())
            .people
            .into_iter()
            .map(|p| vec![p.name])
            .collect();
        let (score, wrong, missed) = score_doc(doc, &predictions);
        total.add(score);
        if !wrong.is_empty() || !missed.is_empty() {
            errors.push(format!("{}: wrong {wrong:?} missed {missed:?}", doc.name));
        }
    }
    (total, errors)
}

#[test]
fn seed_article_people_are_exactly_right() {
    let (score, errors) = score_set("seed-people.jsonl", "seed");
    assert_eq!(
        (score.right, score.predicted, score.found, score.gold),
        (10, 10, 10, 10),
        "{errors:?}"
    );
}

#[test]
fn wikinews_people_stay_above_the_floor() {
    let (score, errors) = score_set("wikinews-people-details.jsonl", "wikinews");
    assert_eq!(score.gold, 280);
    assert!(
        score.f1() >= 0.90,
        "F1 {:.3}\n{}",
        score.f1(),
        errors.join("\n")
    );
}
