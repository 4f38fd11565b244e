//! Query latency by class on an existing Dateline index, with plain tantivy
//! answering the same text queries on the same index as the floor.
//!
//!     cargo run --release -p dateline-benches --example generate -- --articles 100000 --out /tmp/synth-100k
//!     dateline index --index /tmp/synth-100k-idx /tmp/synth-100k
//!     cargo bench -p dateline-benches --bench query_latency -- --index /tmp/synth-100k-idx --label synthetic-100k
//!
//! Each class runs its variants round-robin: 5 warm-up rounds, then
//! `--runs` (default 200) timed searches. Dateline's figures include
//! snippets and stored fields for the 10 hits shown; plain tantivy's include
//! the count, the top 10 and their stored documents.

use std::path::PathBuf;
use std::time::Instant;

use dateline_benches::{percentile, query_classes, write_result};
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

    let mut table = format!(
        "# Query latency, {label} ({articles} articles)\n\nMilliseconds per search, {runs} timed runs per class after 5 warm-up rounds, Dateline on {threads} thread(s) per search (plain tantivy on one), warm cache. \
         Command: `cargo bench -p dateline-benches --bench query_latency -- --index DIR --label {label} --threads {threads}`.\n\n\
         | class | hits (first variant) | Dateline p50 | p95 | p99 | plain tantivy p50 | p95 | ratio p50 |\n|---|---|---|---|---|---|---|---|\n"
    );
    for (class, requests) in query_classes(&people) {
        let mut times = Vec::with_capacity(runs);
        let mut hits = 0;
        for i in 0..runs + 5 * requests.len() {
            let request = &requests[i % requests.len()];
            let started = Instant::now();
            let response = engine.search_with(&searcher, request).expect("search runs");
            let elapsed = started.elapsed().as_secs_f64() * 1e3;
            if i == 0 {
                hits = response.total;
            }
            if i >= 5 * requests.len() {
                times.push(elapsed);
            }
        }
        times.sort_by(f64::total_cmp);
        // The floor: plain tantivy on the same text queries.
        let text_only = requests
            .iter()
            .all(|r| r.person.is_empty() && r.from.is_none() && r.facets.is_empty());
        let floor = if text_only {
            let queries: Vec<_> = requests
                .iter()
                .map(|r| parser.parse_query(&r.q).expect("parses"))
                .collect();
            let mut floor_times = Vec::with_capacity(runs);
            for i in 0..runs + 5 * queries.len() {
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
                if i >= 5 * queries.len() {
                    floor_times.push(started.elapsed().as_secs_f64() * 1e3);
                }
            }
            floor_times.sort_by(f64::total_cmp);
            Some(floor_times)
        } else {
            None
        };
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
        let row = format!(
            "| {class} | {hits} | {p50:.2} | {:.2} | {:.2} | {floor50} | {floor95} | {ratio} |\n",
            percentile(&times, 95.0),
            percentile(&times, 99.0)
        );
        eprint!("{row}");
        table.push_str(&row);
    }
    println!("{table}");
    write_result(&format!("query-{label}-{threads}t"), &table);
}
