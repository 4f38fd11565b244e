//! Batch throughput: 10,000 mixed requests through `dateline batch`'s engine,
//! one thread against all cores.
//!
//!     cargo bench -p dateline-benches --bench batch_throughput -- --index DIR --label NAME [--requests 10000]

use std::io::Cursor;
use std::path::PathBuf;
use std::time::Instant;

use dateline_benches::{query_classes, write_result};
use dateline_query::batch::{run, BatchOptions};
use dateline_query::Engine;

/// The allocator the `dateline` binary uses, so that figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| dateline_benches::flag_value(&args, flag);
    let Some(index_dir) = value("--index").map(PathBuf::from) else {
        eprintln!("batch_throughput: give --index DIR; skipped");
        return;
    };
    let label = value("--label").unwrap_or_else(|| "index".to_string());
    let total: usize = value("--requests")
        .and_then(|r| r.parse().ok())
        .unwrap_or(10_000);
    let engine = Engine::open(&index_dir).expect("index opens");
    let searcher = engine.searcher();
    let people = dateline_benches::top_people(&engine, 8);
    let requests: Vec<String> = query_classes(&people)
        .into_iter()
        .flat_map(|(_, r)| r)
        .map(|r| serde_json::to_string(&r).expect("json"))
        .collect();
    let mut input = String::new();
    for i in 0..total {
        input.push_str(&requests[i % requests.len()]);
        input.push('\n');
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut table = format!(
        "# Batch throughput, {label} ({} articles)\n\n{total} mixed requests (the query_latency classes, round-robin), hits with snippets, warm cache. \
         Command: `cargo bench -p dateline-benches --bench batch_throughput -- --index DIR --label {label}`.\n\n\
         | threads | seconds | requests/s | speed-up |\n|---|---|---|---|\n",
        searcher.num_docs()
    );
    // Warm up once.
    let _ = run(
        &engine,
        Cursor::new(input.clone().into_bytes()),
        &mut std::io::sink(),
        BatchOptions::default(),
    );
    let mut single = 0.0;
    for threads in [1, cores] {
        let started = Instant::now();
        let summary = run(
            &engine,
            Cursor::new(input.clone().into_bytes()),
            &mut std::io::sink(),
            BatchOptions {
                threads,
                ..BatchOptions::default()
            },
        )
        .expect("batch runs");
        let seconds = started.elapsed().as_secs_f64();
        assert_eq!(summary.errors, 0);
        let qps = summary.requests as f64 / seconds;
        if threads == 1 {
            single = qps;
        }
        let row = format!(
            "| {threads} | {seconds:.2} | {qps:.0} | {:.2} |\n",
            qps / single
        );
        eprint!("{row}");
        table.push_str(&row);
    }
    println!("{table}");
    write_result(&format!("batch-{label}"), &table);
}
