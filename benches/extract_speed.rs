//! Per-core throughput of the ingest stages on Reuters-21578, one thread,
//! texts in memory: parsing, topics alone, all extraction, and the whole
//! per-file pipeline (read, decode, parse, extract, build the document).
//!
//!     cargo bench -p dateline-benches --bench extract_speed [-- --input DIR]

use std::path::PathBuf;
use std::time::Instant;

use dateline_benches::data_dir;
use dateline_indexer::discover::discover;
use dateline_indexer::ingest::{build_document, read_file};
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
    let input = std::env::args()
        .skip_while(|a| a != "--input")
        .nth(1)
        .map_or_else(|| data_dir().join("reuters21578"), PathBuf::from);
    let Ok(discovery) = discover(std::slice::from_ref(&input)) else {
        eprintln!("extract_speed: no input at {}; skipped", input.display());
        return;
    };
    let texts: Vec<String> = discovery
        .files
        .iter()
        .filter_map(|f| std::fs::read_to_string(&f.path).ok())
        .collect();
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!(
        "{} articles, {mb:.1} MB, one thread, best of 3",
        texts.len()
    );
    let report = |name: &str, seconds: f64| {
        println!(
            "{name:>22}: {:>6.1} MB/s per core ({seconds:.2} s)",
            mb / seconds
        )
    };

    let (seconds, articles) = best_of(3, || {
        texts
            .iter()
            .filter_map(|t| parse_native(t).ok())
            .collect::<Vec<Article>>()
    });
    report("parse", seconds);
    let (seconds, _) = best_of(3, || {
        articles
            .iter()
            .map(|a| dateline_extract::classify_topics(&a.text()).len())
            .sum::<usize>()
    });
    report("topics", seconds);
    let (seconds, _) = best_of(3, || {
        articles
            .iter()
            .map(|a| dateline_extract::extract(&a.text()).people.len())
            .sum::<usize>()
    });
    report("all extraction", seconds);
    let fields = Fields::new(&schema::build()).expect("schema");
    let (seconds, _) = best_of(3, || {
        let mut docs = 0usize;
        for file in &discovery.files {
            let read = read_file(file, u64::MAX);
            for item in &read.articles {
                let doc = build_document(&fields, file, read.hash, item);
                docs += doc.field_values().count();
            }
        }
        docs
    });
    report("read..build document", seconds);
}
