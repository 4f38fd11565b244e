//! Language detection (`dateline_extract::language::detect`) on archives
//! that are all English: every article of Reuters-21578 and BBC, read as
//! `dateline index` reads them (lead and the body's start), their headlines
//! alone (short texts), and CoNLL-2003 dev sentences of 5 to 15 words.
//! Accuracy is the share detected as English; "unknown" is the share left
//! without a language (then treated as English by extraction); the rest are
//! errors, which turn off English extraction for that article. Speed is
//! bytes of sample per second, one thread.
//!
//! `cargo bench -p dateline-benches --bench language_detection`

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use dateline_extract::language::detect;
use dateline_indexer::discover::{Found, Walk};
use dateline_indexer::ingest::read_file_articles;

#[derive(Default)]
struct Tally {
    texts: u64,
    bytes: u64,
    seconds: f64,
    found: BTreeMap<String, u64>,
    wrong: Vec<String>,
}

impl Tally {
    fn add(&mut self, text: &str) {
        let started = Instant::now();
        let language = detect(text);
        self.seconds += started.elapsed().as_secs_f64();
        self.texts += 1;
        self.bytes += text.len().min(2_000) as u64;
        let key = language.unwrap_or("unknown").to_string();
        if !matches!(language, None | Some("en")) && self.wrong.len() < 5 {
            let mut end = text.len().min(80);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            self.wrong
                .push(format!("{key}: {}", text[..end].replace('\n', " ")));
        }
        *self.found.entry(key).or_default() += 1;
    }

    fn row(&self, name: &str) -> String {
        let share = |key: &str| *self.found.get(key).unwrap_or(&0) as f64 / self.texts as f64;
        let others: Vec<String> = self
            .found
            .iter()
            .filter(|(k, _)| *k != "en" && *k != "unknown")
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        format!(
            "| {name} | {} | {:.2}% | {:.2}% | {:.2}% | {} | {:.0} |\n",
            self.texts,
            100.0 * share("en"),
            100.0 * share("unknown"),
            (100.0 * (1.0 - share("en") - share("unknown"))).max(0.0),
            others.join(", "),
            self.bytes as f64 / 1e6 / self.seconds.max(1e-9)
        )
    }
}

fn articles(root: &Path, whole: &mut Tally, titles: &mut Tally) {
    let Ok(walk) = Walk::new(&[root.to_path_buf()]) else {
        return;
    };
    for found in walk {
        let Found::File(file) = found else { continue };
        let (_, items) = read_file_articles(&file);
        for item in items {
            let article = item.article;
            let mut end = article.body.len().min(2_000);
            while !article.body.is_char_boundary(end) {
                end -= 1;
            }
            whole.add(&format!("{}\n{}", article.lead, &article.body[..end]));
            if !article.title_derived && !article.title.is_empty() {
                titles.add(&article.title);
            }
        }
    }
}

fn main() {
    let data = dateline_benches::data_dir();
    let mut table = String::from(
        "# Language detection on English archives\n\n\
         `cargo bench -p dateline-benches --bench language_detection`: \
         `language::detect` (frequent English words first, Latin-script text \
         that is not prose left unknown, whatlang for the rest), one thread.\n\n\
         | texts | count | English | unknown | wrong | wrong as | MB/s |\n|---|---|---|---|---|---|---|\n",
    );
    let mut examples = String::new();
    for (name, dir) in [("Reuters-21578", "reuters21578"), ("BBC", "bbc")] {
        let root = data.join(dir);
        if !root.exists() {
            eprintln!("no {}: skipped", root.display());
            continue;
        }
        let (mut whole, mut titles) = (Tally::default(), Tally::default());
        articles(&root, &mut whole, &mut titles);
        table.push_str(&whole.row(&format!("{name} articles")));
        if titles.texts > 0 {
            table.push_str(&titles.row(&format!("{name} headlines")));
        }
        for (what, tally) in [("articles", &whole), ("headlines", &titles)] {
            for wrong in &tally.wrong {
                examples.push_str(&format!("- {name} {what}: {wrong}\n"));
            }
        }
    }
    let conll = data.join("conll2003/valid.txt");
    if let Ok(text) = std::fs::read_to_string(&conll) {
        let mut sentences = Tally::default();
        for block in text.split("\n\n") {
            let words: Vec<&str> = block
                .lines()
                .filter(|l| !l.starts_with("-DOCSTART-"))
                .filter_map(|l| l.split_whitespace().next())
                .collect();
            if (5..=15).contains(&words.len()) {
                sentences.add(&words.join(" "));
            }
        }
        table.push_str(&sentences.row("CoNLL-2003 dev sentences of 5-15 words"));
        for wrong in &sentences.wrong {
            examples.push_str(&format!("- CoNLL: {wrong}\n"));
        }
    }
    if !examples.is_empty() {
        table.push_str("\nFirst errors of each set:\n\n");
        table.push_str(&examples);
    }
    println!("{table}");
    dateline_benches::write_result("language-detection", &table);
}
