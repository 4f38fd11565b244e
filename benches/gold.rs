//! Gold sets and article-level scoring for extraction quality.
//!
//! A predicted name is right when it equals the gold entity's name or one of
//! its aliases, ignoring case and diacritics; precision is right predictions
//! over predictions, recall is gold entities found over gold entities.

use std::collections::HashSet;
use std::path::Path;

use dateline_extract::names::fold;
use serde::Deserialize;

/// One gold entity: its name and every accepted form.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    /// The fullest name.
    pub name: String,
    /// All accepted forms, the name included.
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl GoldEntity {
    fn forms(&self) -> impl Iterator<Item = String> + '_ {
        std::iter::once(&self.name)
            .chain(&self.aliases)
            .map(|f| fold(f))
    }
}

/// The gold entities of one document, with the ones that count neither way.
#[derive(Debug, Clone, Default)]
pub struct GoldDoc {
    /// Document name (file name or CoNLL document number).
    pub name: String,
    /// Entities that must be found.
    pub entities: Vec<GoldEntity>,
    /// Entities that count neither way when predicted.
    pub optional: Vec<GoldEntity>,
}

/// Precision, recall and F1 counts over many documents.
#[derive(Debug, Clone, Copy, Default)]
pub struct Score {
    /// Right predictions.
    pub right: usize,
    /// Predictions (optional ones excluded).
    pub predicted: usize,
    /// Gold entities found.
    pub found: usize,
    /// Gold entities.
    pub gold: usize,
}

impl Score {
    /// Right predictions over predictions.
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.right as f64 / self.predicted as f64
        }
    }

    /// Gold entities found over gold entities.
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.found as f64 / self.gold as f64
        }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Adds another score's counts.
    pub fn add(&mut self, other: Score) {
        self.right += other.right;
        self.predicted += other.predicted;
        self.found += other.found;
        self.gold += other.gold;
    }
}

/// Scores one document. Each prediction lists its accepted surface forms
/// (for places: the normalised name and the forms found in the text).
/// Returns the score and the wrong predictions and missed gold names.
pub fn score_doc(gold: &GoldDoc, predictions: &[Vec<String>]) -> (Score, Vec<String>, Vec<String>) {
    let gold_forms: Vec<HashSet<String>> =
        gold.entities.iter().map(|e| e.forms().collect()).collect();
    let optional: HashSet<String> = gold.optional.iter().flat_map(|e| e.forms()).collect();
    let mut score = Score {
        gold: gold.entities.len(),
        ..Score::default()
    };
    let mut found = vec![false; gold.entities.len()];
    let mut wrong = Vec::new();
    for prediction in predictions {
        let forms: Vec<String> = prediction.iter().map(|f| fold(f)).collect();
        // A prediction with several surface forms ("U.S." and "United
        // States", both seen in the text) finds every gold span it covers.
        let mut hit = false;
        for (i, g) in gold_forms.iter().enumerate() {
            if forms.iter().any(|f| g.contains(f)) {
                found[i] = true;
                hit = true;
            }
        }
        if hit {
            score.right += 1;
            score.predicted += 1;
        } else if !forms.iter().any(|f| optional.contains(f)) {
            score.predicted += 1;
            wrong.push(prediction[0].clone());
        }
    }
    score.found = found.iter().filter(|f| **f).count();
    let missed = gold
        .entities
        .iter()
        .zip(&found)
        .filter(|(_, f)| !**f)
        .map(|(e, _)| e.name.clone())
        .collect();
    (score, wrong, missed)
}

#[derive(Deserialize)]
struct PeopleLine {
    file: String,
    people: Vec<GoldEntity>,
    #[serde(default)]
    optional: Vec<GoldEntity>,
}

/// Reads a people gold file (`seed-people.jsonl`, `wikinews-people.jsonl`, or
/// the details file, whose `optional` entries count neither way).
pub fn read_people_gold(path: &Path) -> std::io::Result<Vec<GoldDoc>> {
    let text = std::fs::read_to_string(path)?;
    let mut docs = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let parsed: PeopleLine = serde_json::from_str(line).map_err(std::io::Error::other)?;
        docs.push(GoldDoc {
            name: parsed.file,
            entities: parsed.people,
            optional: parsed.optional,
        });
    }
    Ok(docs)
}

/// A CoNLL-2003 document rebuilt as an article, with its gold spans.
#[derive(Debug, Clone, Default)]
pub struct ConllDoc {
    /// The first sentence (the headline).
    pub title: String,
    /// The second sentence onwards, one paragraph per sentence.
    pub paragraphs: Vec<String>,
    /// Gold `PER` entities, surname-only spans merged into full names.
    pub people: GoldDoc,
    /// Gold `LOC` spans.
    pub places: GoldDoc,
    /// Gold `ORG` spans.
    pub orgs: GoldDoc,
}

/// Joins CoNLL tokens with the spacing of ordinary text.
fn detokenize(tokens: &[String]) -> String {
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        let no_space_before = matches!(
            token.as_str(),
            "," | "." | ":" | ";" | "?" | "!" | ")" | "'s" | "'" | "n't" | "%"
        );
        let after_open = i > 0 && matches!(tokens[i - 1].as_str(), "(" | "$");
        if i > 0 && !no_space_before && !after_open {
            out.push(' ');
        }
        out.push_str(token);
    }
    out
}

/// Reads CoNLL-2003 (`valid.txt` or `train.txt`).
pub fn read_conll(path: &Path) -> std::io::Result<Vec<ConllDoc>> {
    let text = std::fs::read_to_string(path)?;
    let mut docs = Vec::new();
    for (number, raw_doc) in text.split("-DOCSTART-").enumerate().skip(1) {
        let mut sentences: Vec<String> = Vec::new();
        let mut spans: Vec<(String, String)> = Vec::new();
        for raw_sentence in raw_doc.split("\n\n") {
            let mut tokens: Vec<String> = Vec::new();
            let mut current: Option<(String, Vec<String>)> = None;
            for line in raw_sentence.lines() {
                let mut cols = line.split_whitespace();
                let (Some(token), Some(tag)) = (cols.next(), cols.last()) else {
                    continue;
                };
                if token == "O" && tokens.is_empty() && tag == "O" && line.trim() == "O" {
                    continue;
                }
                tokens.push(token.to_string());
                let (kind, inside) = match tag.split_once('-') {
                    Some((bio, kind)) => (kind.to_string(), bio == "I"),
                    None => (String::new(), false),
                };
                match (&mut current, kind.is_empty(), inside) {
                    (Some((k, words)), false, true) if *k == kind => words.push(token.to_string()),
                    _ => {
                        if let Some((k, words)) = current.take() {
                            spans.push((k, detokenize(&words)));
                        }
                        if !kind.is_empty() {
                            current = Some((kind, vec![token.to_string()]));
                        }
                    }
                }
            }
            if let Some((k, words)) = current.take() {
                spans.push((k, detokenize(&words)));
            }
            if !tokens.is_empty() {
                sentences.push(detokenize(&tokens));
            }
        }
        if sentences.is_empty() {
            continue;
        }
        let name = format!("conll-{number}");
        let collect = |kind: &str| -> Vec<String> {
            let mut seen = HashSet::new();
            spans
                .iter()
                .filter(|(k, _)| k == kind)
                .map(|(_, s)| s.clone())
                .filter(|s| seen.insert(fold(s)))
                .collect()
        };
        let title = sentences.remove(0);
        docs.push(ConllDoc {
            title,
            paragraphs: sentences,
            people: GoldDoc {
                name: name.clone(),
                entities: merge_people(collect("PER")),
                optional: Vec::new(),
            },
            places: span_doc(&name, collect("LOC")),
            orgs: span_doc(&name, collect("ORG")),
        });
    }
    Ok(docs)
}

/// A gold document whose entities are plain spans, with no aliases.
fn span_doc(name: &str, spans: Vec<String>) -> GoldDoc {
    GoldDoc {
        name: name.to_string(),
        entities: spans
            .into_iter()
            .map(|s| GoldEntity {
                name: s,
                aliases: Vec::new(),
            })
            .collect(),
        optional: Vec::new(),
    }
}

/// Merges the `PER` spans of one document: a span that is the last word (or
/// words) of a longer span is an alias of it.
fn merge_people(mut spans: Vec<String>) -> Vec<GoldEntity> {
    spans.sort_by_key(|s| std::cmp::Reverse(s.split(' ').count()));
    let mut people: Vec<GoldEntity> = Vec::new();
    for span in spans {
        let folded = fold(&span);
        let owner = people.iter_mut().find(|p| {
            let full = fold(&p.name);
            full.ends_with(&format!(" {folded}")) || full.starts_with(&format!("{folded} "))
        });
        match owner {
            Some(person) => person.aliases.push(span),
            None => people.push(GoldEntity {
                aliases: vec![span.clone()],
                name: span,
            }),
        }
    }
    people
}
