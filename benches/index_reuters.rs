//! End-to-end indexing benchmark on Reuters-21578 (19,043 articles): Dateline
//! with all extraction on, plain tantivy with none, and SQLite FTS5 with a
//! date column, in the same run, each in its own process so that peak RSS is
//! its own.
//!
//!     cargo bench -p dateline-benches --bench index_reuters
//!     cargo bench -p dateline-benches --bench index_reuters -- --input DIR --runs 3
//!
//! Prints a table and writes `benches/results/<date>-index-<name>.md`.

use std::path::{Path, PathBuf};
use std::process::Command;

use dateline_benches::{data_dir, index_plain_tantivy, measure, IndexRun};
use dateline_indexer::{index_paths, ingest::NoProgress, IndexOptions};

const WRITER_MEMORY: usize = 256 << 20;

/// Indexes a copy of `input`, changes every hundredth file, and measures
/// only the update run: what a user pays to keep an archive current.
fn run_incremental(input: &Path) -> IndexRun {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let copy = dir.path().join("archive");
    let files = dateline_benches::peers::article_files(input);
    for file in &files {
        let target = copy.join(file.strip_prefix(input).expect("below input"));
        std::fs::create_dir_all(target.parent().expect("parent")).expect("dirs");
        std::fs::copy(file, &target).expect("copy");
    }
    let index_dir = dir.path().join("index");
    let options = IndexOptions {
        writer_memory: WRITER_MEMORY,
        ..IndexOptions::default()
    };
    index_paths(
        &index_dir,
        std::slice::from_ref(&copy),
        &options,
        &NoProgress,
    )
    .expect("dateline indexes");
    for file in files.iter().step_by(100) {
        let target = copy.join(file.strip_prefix(input).expect("below input"));
        let mut text = std::fs::read_to_string(&target).expect("read");
        text.push_str("\n\nThis article was corrected on Friday.\n");
        std::fs::write(&target, text).expect("write");
    }
    measure("dateline, 1% changed", &index_dir, || {
        let report = index_paths(
            &index_dir,
            std::slice::from_ref(&copy),
            &options,
            &NoProgress,
        )
        .expect("dateline updates");
        (report.articles_updated, report.bytes_read)
    })
}

/// Drops the page cache (root only) so that the next run reads from disk.
fn drop_caches() -> Result<(), String> {
    let _ = Command::new("sync").status();
    std::fs::write("/proc/sys/vm/drop_caches", "3").map_err(|e| e.to_string())
}

fn run_engine(engine: &str, input: &Path) -> IndexRun {
    if engine.starts_with("dateline") {
        // As `dateline index` does. Plain tantivy pays no such refaults here
        // (about 420 page faults either way), so its run is left as it is.
        dateline_indexer::allocator::keep_freed_memory();
    }
    if engine == "dateline-incremental" {
        return run_incremental(input);
    }
    let dir = tempfile::TempDir::new().expect("temp dir");
    let index_dir = dir.path().join("index");
    std::fs::create_dir_all(&index_dir).expect("index dir");
    measure(engine, &index_dir, || match engine {
        "dateline" => {
            let options = IndexOptions {
                writer_memory: WRITER_MEMORY,
                ..IndexOptions::default()
            };
            let report = index_paths(&index_dir, &[input.to_path_buf()], &options, &NoProgress)
                .expect("dateline indexes");
            (report.articles_total, report.bytes_read)
        }
        "sqlite-fts5" => {
            dateline_benches::peers::index_sqlite_fts5(input, &index_dir.join("fts5.db"))
                .expect("sqlite indexes")
        }
        _ => index_plain_tantivy(input, &index_dir, WRITER_MEMORY).expect("tantivy indexes"),
    })
}

/// The allocator the `dateline` binary uses, so that figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| dateline_benches::flag_value(&args, flag);
    let input = value("--input").map_or_else(|| data_dir().join("reuters21578"), PathBuf::from);
    if let Some(engine) = value("--engine") {
        let run = run_engine(&engine, &input);
        println!("{}", serde_json::to_string(&run).expect("json"));
        return;
    }
    if !input.is_dir() {
        eprintln!(
            "index_reuters: no input at {} (set --input or DATELINE_DATA); skipped",
            input.display()
        );
        return;
    }
    let runs: usize = value("--runs").and_then(|r| r.parse().ok()).unwrap_or(3);
    let exe = std::env::current_exe().expect("current exe");
    let child = |engine: &str| -> IndexRun {
        let output = Command::new(&exe)
            .args(["--engine", engine, "--input"])
            .arg(&input)
            .output()
            .expect("child runs");
        let text = String::from_utf8_lossy(&output.stdout);
        let run: IndexRun =
            serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("{engine}: {e}: {text}"));
        eprintln!(
            "{}: {:.2} s, {:.1} MB/s",
            run.engine,
            run.seconds,
            run.mb_per_sec()
        );
        run
    };
    let engines = ["tantivy", "sqlite-fts5", "dateline"];
    // Rounds of one run per engine, so that a slow spell of a shared
    // machine falls on every engine rather than on whichever ran then.
    let mut per_engine: Vec<Vec<IndexRun>> = engines.iter().map(|_| Vec::new()).collect();
    for _ in 0..runs {
        for (engine, results) in engines.iter().zip(per_engine.iter_mut()) {
            results.push(child(engine));
        }
    }
    // Within a round the engines run back to back, so a round's ratio is
    // less exposed to the machine's slow spells than a ratio of medians.
    let mut paired: Vec<f64> = per_engine[0]
        .iter()
        .zip(&per_engine[2])
        .map(|(tantivy, dateline)| tantivy.seconds / dateline.seconds)
        .collect();
    paired.sort_by(f64::total_cmp);
    let paired_note = match (paired.first(), paired.last()) {
        (Some(low), Some(high)) => format!(
            " Round by round, Dateline's throughput is {:.2} of plain tantivy's (median of \
             {runs} rounds, range {low:.2}-{high:.2}).",
            paired[paired.len() / 2]
        ),
        _ => String::new(),
    };
    let best: Vec<IndexRun> = per_engine
        .into_iter()
        .map(|mut results| {
            results.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
            // The median run.
            results.swap_remove(results.len() / 2)
        })
        .collect();
    // One cold-cache run per engine, when the page cache can be dropped.
    let mut cold: Vec<IndexRun> = Vec::new();
    let mut cold_note = String::new();
    for engine in engines {
        match drop_caches() {
            Ok(()) => {
                let mut run = child(engine);
                run.engine = format!("{engine} (cold cache)");
                cold.push(run);
            }
            Err(err) => {
                cold_note = format!("No cold-cache runs: cannot drop the page cache ({err}).\n");
                break;
            }
        }
    }
    let incremental = child("dateline-incremental");
    let name = input
        .file_name()
        .map_or("input".into(), |n| n.to_string_lossy().into_owned());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut table = format!(
        "# Indexing {name}\n\nMedian of {runs} runs, {cores} cores, writer memory {} MB, warm page cache unless marked cold. \
         Command: `cargo bench -p dateline-benches --bench index_reuters`.\n\n\
         | engine | articles | input MB | seconds | MB/s | articles/s | CPU s | peak RSS MB | peak anon MB | index MB | index/text |\n\
         |---|---|---|---|---|---|---|---|---|---|---|\n",
        WRITER_MEMORY >> 20
    );
    for run in best
        .iter()
        .chain(&cold)
        .chain(std::iter::once(&incremental))
    {
        table.push_str(&format!(
            "| {} | {} | {:.1} | {:.2} | {:.1} | {:.0} | {:.1} | {:.0} | {:.0} | {:.1} | {:.2} |\n",
            run.engine,
            run.articles,
            run.bytes as f64 / 1e6,
            run.seconds,
            run.mb_per_sec(),
            run.articles_per_sec(),
            run.cpu_seconds,
            run.peak_rss as f64 / (1 << 20) as f64,
            run.peak_anon as f64 / (1 << 20) as f64,
            run.index_bytes as f64 / 1e6,
            run.index_bytes as f64 / run.bytes as f64,
        ));
    }
    let ratio = best[2].mb_per_sec() / best[0].mb_per_sec();
    let cpu_ratio = best[0].cpu_seconds / best[2].cpu_seconds;
    let over_sqlite = best[2].mb_per_sec() / best[1].mb_per_sec();
    table.push_str(&format!(
        "\nDateline throughput is {ratio:.2} of plain tantivy's (target 0.8 or more; by CPU \
         seconds per article {cpu_ratio:.2}) and {over_sqlite:.2} times SQLite FTS5's (target 2.5 \
         or more).{paired_note} Runs go in rounds of one per engine. Plain tantivy and SQLite \
         do no extraction; SQLite writes from one thread (its only writer), reading files in \
         parallel.\n\n\
         Cold cache: `/proc/sys/vm/drop_caches` before a single run. `dateline, 1% changed`: an \
         index of a copy of the archive brought up to date after every hundredth file changed \
         (articles = articles updated; MB, MB/s and index/text count the changed files only; peak RSS includes the first build in the same process). \
         Peak RSS counts the index files mapped while segments merge (clean page cache the kernel can drop); \
         peak anon is the memory the process allocated, sampled every 20 ms.\n{cold_note}"
    ));
    println!("{table}");
    let results = Path::new(env!("CARGO_MANIFEST_DIR")).join("results");
    let _ = std::fs::create_dir_all(&results);
    let date = chrono::Utc::now().format("%Y-%m-%d");
    let file = results.join(format!("{date}-index-{name}.md"));
    if std::fs::write(&file, table).is_ok() {
        eprintln!("wrote {}", file.display());
    }
}
