//! Extraction throughput per core on Reuters-21578: all extraction, and
//! topics alone, on one thread over texts already in memory.
//!
//!     cargo bench -p dateline-benches --bench extract_speed

use std::time::Instant;

use dateline_benches::data_dir;
use dateline_indexer::parse::parse_native;

fn main() {
    let input = std::env::args()
        .skip_while(|a| a != "--input")
        .nth(1)
        .map_or_else(|| data_dir().join("reuters21578"), std::path::PathBuf::from);
    let Ok(entries) = std::fs::read_dir(&input) else {
        eprintln!("extract_speed: no input at {}; skipped", input.display());
        return;
    };
    let mut articles = Vec::new();
    let mut bytes = 0usize;
    for entry in entries.flatten() {
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            bytes += text.len();
            if let Ok(article) = parse_native(&text) {
                articles.push(article);
            }
        }
    }
    let mb = bytes as f64 / 1e6;
    for (name, run) in [
        (
            "all extraction",
            &(|a: &dateline_indexer::Article| dateline_extract::extract(&a.text()).people.len())
                as &dyn Fn(&dateline_indexer::Article) -> usize,
        ),
        ("topics only", &|a: &dateline_indexer::Article| {
            dateline_extract::classify_topics(&a.text()).len()
        }),
    ] {
        let mut best = f64::MAX;
        let mut found = 0;
        for _ in 0..3 {
            let started = Instant::now();
            found = articles.iter().map(run).sum::<usize>();
            best = best.min(started.elapsed().as_secs_f64());
        }
        println!(
            "{name:>16}: {:.1} MB/s per core ({} articles, {mb:.1} MB, {best:.2} s, {found} items)",
            mb / best,
            articles.len()
        );
    }
}
