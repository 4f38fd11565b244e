//! Query latency by class on an existing Dateline index, with plain tantivy
//! answering the same text queries on the same index as the floor.
//!
//!     cargo run --release -p dateline-benches --example generate -- --articles 100000 --out /tmp/synth-100k
//!     dateline index --index /tmp/synth-100k-idx /tmp/synth-100k
//!     cargo bench -p dateline-benches --bench query_latency -- --index /tmp/synth-100k-idx --label synthetic-100k
//!
//! One untimed pass runs every class first. Then each class runs its variants
//! round-robin, plain tantivy's search alternating with Dateline's: 5 warm-up rounds, then
//! `--runs` (default 200) timed searches. Dateline's figures include
//! snippets and stored fields for the 10 hits shown; plain tantivy's include
//! the count, the top 10 and their stored documents.
//!
//! With `--source DIR` (the articles the index was built from), two peers
//! answer the same requests in the same run: SQLite FTS5 with a date column
//! (built first, in a temp dir; count plus the ten best by bm25) and, up to
//! `--scan-max` (200,000) articles, a no-index parallel scan of the files
//! (`--scan-runs`, default 5, per class). Hit counts are printed beside the
//! latencies: tokenizers differ (FTS5's porter, the scan's exact words), so
//! counts are close, not equal.

use std::path::PathBuf;
use std::time::Instant;

use dateline_benches::{peers, percentile, query_classes, write_result};
use dateline_indexer::open_index;
use dateline_query::Engine;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::TantivyDocument;

/// The allocator the `dateline` binary uses, so that figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| dateline_benches::flag_value(&args, flag);
    let Some(index_dir) = value("--index").map(PathBuf::from) else {
        eprintln!("query_latency: give --index DIR (see the file's header); skipped");
        return;
    };
    let label = value("--label").unwrap_or_else(|| "index".to_string());
    let runs: usize = value("--runs").and_then(|r| r.parse().ok()).unwrap_or(200);
    let threads: usize = value("--threads").and_then(|t| t.parse().ok()).unwrap_or(1);
    let mut engine = Engine::open(&index_dir).expect("index opens");
    engine.set_segment_threads(threads).expect("executor");
    let searcher = engine.searcher();
    let articles = searcher.num_docs();
    let people = dateline_benches::top_people(&engine, 8);
    let (index, fields) = open_index(&index_dir).expect("index opens");
    let mut parser = QueryParser::for_index(&index, vec![fields.title, fields.lead, fields.body]);
    parser.set_conjunction_by_default();

    let source = value("--source").map(PathBuf::from);
    let fts_dir = tempfile::TempDir::new().expect("temp dir");
    let fts = source.as_ref().map(|dir| {
        let db = fts_dir.path().join("fts5.db");
        let started = Instant::now();
        let (n, bytes) = peers::index_sqlite_fts5(dir, &db).expect("sqlite indexes");
        eprintln!(
            "sqlite fts5: {n} articles, {:.1} MB in {:.1} s",
            bytes as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
        peers::Fts5::open(&db).expect("sqlite opens")
    });
    let scan_max: usize = value("--scan-max")
        .and_then(|r| r.parse().ok())
        .unwrap_or(200_000);
    let scan_runs: usize = value("--scan-runs")
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let scan_files = source
        .as_ref()
        .map(|dir| peers::article_files(dir))
        .filter(|files| files.len() <= scan_max);
    let mut table = format!(
        "# Query latency, {label} ({articles} articles)\n\nMilliseconds per search, {runs} timed runs per class after one untimed pass over every class and 5 warm-up rounds per class, Dateline on {threads} thread(s) per search (plain tantivy on one, its searches alternating with Dateline's), warm cache. \
         Command: `cargo bench -p dateline-benches --bench query_latency -- --index DIR --label {label} --threads {threads} [--source DIR]`.\n\n\
         | class | hits (first variant) | Dateline p50 | p95 | p99 | plain tantivy p50 | p95 | ratio p50 | SQLite FTS5 hits | FTS5 p50 | p95 | scan hits | scan p50 |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    );
    let classes = query_classes(&people);
    // Every class once on both engines before any is timed, so that the
    // first class timed does not pay for mapping the index's pages.
    for (_, requests) in &classes {
        for request in requests {
            engine.search_with(&searcher, request).expect("search runs");
            if let Ok(query) = parser.parse_query(&request.q) {
                let _ = searcher.search(&query, &Count);
            }
        }
    }
    for (class, requests) in classes {
        let text_only = requests
            .iter()
            .all(|r| r.person.is_empty() && r.from.is_none() && r.facets.is_empty());
        // The floor, plain tantivy, answers the same text queries in turn
        // with Dateline (one search each, alternating), so that both see the
        // same caches and the same moments of a noisy machine.
        let floor_queries: Option<Vec<_>> = text_only.then(|| {
            requests
                .iter()
                .map(|r| parser.parse_query(&r.q).expect("parses"))
                .collect()
        });
        let mut times = Vec::with_capacity(runs);
        let mut floor_times = Vec::with_capacity(runs);
        let mut hits = 0;
        for i in 0..runs + 5 * requests.len() {
            let request = &requests[i % requests.len()];
            let started = Instant::now();
            let response = engine.search_with(&searcher, request).expect("search runs");
            let elapsed = started.elapsed().as_secs_f64() * 1e3;
            if i == 0 {
                hits = response.total;
            }
            let timed = i >= 5 * requests.len();
            if timed {
                times.push(elapsed);
            }
            let Some(queries) = &floor_queries else {
                continue;
            };
            let started = Instant::now();
            let (_count, top) = searcher
                .search(
                    &queries[i % queries.len()],
                    &(Count, TopDocs::with_limit(10).order_by_score()),
                )
                .expect("search runs");
            for (_, address) in top {
                let _doc: TantivyDocument = searcher.doc(address).expect("doc");
            }
            if timed {
                floor_times.push(started.elapsed().as_secs_f64() * 1e3);
            }
        }
        times.sort_by(f64::total_cmp);
        floor_times.sort_by(f64::total_cmp);
        let floor = floor_queries.map(|_| floor_times);
        let p50 = percentile(&times, 50.0);
        let (floor50, floor95, ratio) = match &floor {
            Some(f) => {
                let f50 = percentile(f, 50.0);
                (
                    format!("{f50:.2}"),
                    format!("{:.2}", percentile(f, 95.0)),
                    format!("{:.2}", p50 / f50),
                )
            }
            None => ("-".into(), "-".into(), "-".into()),
        };
        let (fts_hits, fts50, fts95) = match &fts {
            Some(fts) if fts.search(&requests[0]).is_some() => {
                let mut fts_times = Vec::with_capacity(runs);
                let mut fts_hits = 0;
                for i in 0..runs + 5 * requests.len() {
                    let started = Instant::now();
                    let count = fts.search(&requests[i % requests.len()]).unwrap_or(0);
                    if i == 0 {
                        fts_hits = count;
                    }
                    if i >= 5 * requests.len() {
                        fts_times.push(started.elapsed().as_secs_f64() * 1e3);
                    }
                }
                fts_times.sort_by(f64::total_cmp);
                (
                    fts_hits.to_string(),
                    format!("{:.2}", percentile(&fts_times, 50.0)),
                    format!("{:.2}", percentile(&fts_times, 95.0)),
                )
            }
            _ => ("-".into(), "-".into(), "-".into()),
        };
        let (scan_hits, scan50) = match &scan_files {
            Some(files) if peers::scan_count(&[], &requests[0]).is_some() => {
                let mut scan_times = Vec::with_capacity(scan_runs);
                let mut scan_hits = 0;
                for i in 0..scan_runs {
                    let started = Instant::now();
                    let count =
                        peers::scan_count(files, &requests[i % requests.len()]).unwrap_or(0);
                    if i == 0 {
                        scan_hits = count;
                    }
                    scan_times.push(started.elapsed().as_secs_f64() * 1e3);
                }
                scan_times.sort_by(f64::total_cmp);
                (
                    scan_hits.to_string(),
                    format!("{:.1}", percentile(&scan_times, 50.0)),
                )
            }
            _ => ("-".into(), "-".into()),
        };
        let row = format!(
            "| {class} | {hits} | {p50:.2} | {:.2} | {:.2} | {floor50} | {floor95} | {ratio} | {fts_hits} | {fts50} | {fts95} | {scan_hits} | {scan50} |\n",
            percentile(&times, 95.0),
            percentile(&times, 99.0)
        );
        eprint!("{row}");
        table.push_str(&row);
    }
    println!("{table}");
    write_result(&format!("query-{label}-{threads}t"), &table);
}
