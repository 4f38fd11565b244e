//! Per-core throughput of the ingest stages on Reuters-21578, one thread,
//! texts in memory: parsing, topics alone, people with places and organisations
//! (one pass finds the three), all extraction, and the whole
//! per-file pipeline (read, decode, parse, extract, build the document).
//!
//!     cargo bench -p dateline-benches --bench extract_speed [-- --input DIR] [--only STAGE] [--runs N]
//!
//! `--only` runs the stages whose name contains STAGE (for profiling one
//! stage, e.g. `--only all` under `perf record`); parsing always runs, as
//! the other stages read its output.

use std::path::PathBuf;
use std::time::Instant;

use dateline_benches::data_dir;
use dateline_indexer::discover::{Found, SourceFile, Walk};
use dateline_indexer::ingest::{build_document, read_file_articles};
use dateline_indexer::parse::parse_native;
use dateline_indexer::{schema, Article, Fields};

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut out = None;
    for _ in 0..runs {
        let started = Instant::now();
        let value = f();
        best = best.min(started.elapsed().as_secs_f64());
        out = Some(value);
    }
    (best, out.expect("at least one run"))
}

/// The allocator the `dateline` binary uses, so that figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let option = |name: &str| std::env::args().skip_while(|a| a != name).nth(1);
    let input = option("--input").map_or_else(|| data_dir().join("reuters21578"), PathBuf::from);
    let only = option("--only").unwrap_or_default();
    let runs: usize = option("--runs").and_then(|r| r.parse().ok()).unwrap_or(3);
    let wanted = |stage: &str| stage.contains(only.as_str());
    let Ok(walk) = Walk::new(std::slice::from_ref(&input)) else {
        eprintln!("extract_speed: no input at {}; skipped", input.display());
        return;
    };
    let files: Vec<SourceFile> = walk
        .filter_map(|found| match found {
            Found::File(file) => Some(file),
            _ => None,
        })
        .collect();
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(&f.path).ok())
        .collect();
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!(
        "{} articles, {mb:.1} MB, one thread, best of {runs}",
        texts.len()
    );
    let report = |name: &str, seconds: f64| {
        println!(
            "{name:>22}: {:>6.1} MB/s per core ({seconds:.2} s)",
            mb / seconds
        )
    };

    let (seconds, articles) = best_of(runs, || {
        texts
            .iter()
            .filter_map(|t| parse_native(t).ok())
            .collect::<Vec<Article>>()
    });
    report("parse", seconds);
    // A stage that reads every parsed article once per run.
    let per_article = |name: &str, read: &dyn Fn(&Article) -> usize| {
        if wanted(name) {
            let (seconds, _) = best_of(runs, || articles.iter().map(read).sum::<usize>());
            report(name, seconds);
        }
    };
    per_article("topics", &|a| {
        dateline_extract::classify_topics(&a.text()).len()
    });
    per_article("people, places, orgs", &|a| {
        dateline_extract::extract_names(&a.text()).people.len()
    });
    per_article("all extraction", &|a| {
        dateline_extract::extract(&a.text()).people.len()
    });
    if !wanted("read..build document") {
        return;
    }
    let fields = Fields::new(&schema::build()).expect("schema");
    let (seconds, _) = best_of(runs, || {
        let mut docs = 0usize;
        for file in &files {
            let (read, articles) = read_file_articles(file);
            for item in &articles {
                let doc = build_document(&fields, file, read.hash, item);
                docs += doc.field_values().count();
            }
        }
        docs
    });
    report("read..build document", seconds);
}
