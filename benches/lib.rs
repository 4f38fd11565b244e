//! Shared pieces of the benchmarks and the evaluation harness: where the
//! data is, peak memory, sizes on disk, and the plain-tantivy baseline.

pub mod crash;
pub mod gold;
pub mod peers;

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::schema::{DateOptions, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument};

/// `../shared/data` beside the repository, or `$DATELINE_DATA`.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("DATELINE_DATA") {
        return PathBuf::from(dir);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data")
}

/// A memory figure of this process's `/proc/self/status` (`VmHWM:`,
/// `RssAnon:`), in bytes; 0 where there is none (not Linux).
fn proc_status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// Peak resident set size of this process, in bytes (Linux `VmHWM`).
pub fn peak_rss_bytes() -> u64 {
    proc_status_bytes("VmHWM:")
}

/// Anonymous resident memory of this process now, in bytes: heap and
/// stacks, without the index files it has mapped (`RssFile`).
pub fn anon_rss_bytes() -> u64 {
    proc_status_bytes("RssAnon:")
}

/// Samples [`anon_rss_bytes`] every 20 ms on a thread until [`AnonPeak::finish`], and
/// keeps the highest value: the kernel records no peak of it.
pub struct AnonPeak {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<u64>>,
}

impl AnonPeak {
    /// Starts sampling.
    pub fn start() -> AnonPeak {
        use std::sync::atomic::Ordering;
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut peak = anon_rss_bytes();
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(20));
                peak = peak.max(anon_rss_bytes());
            }
            peak
        });
        AnonPeak {
            stop,
            thread: Some(thread),
        }
    }

    /// Stops sampling and returns the peak in bytes.
    pub fn finish(mut self) -> u64 {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let last = anon_rss_bytes();
        self.thread
            .take()
            .and_then(|t| t.join().ok())
            .unwrap_or(0)
            .max(last)
    }
}

impl Drop for AnonPeak {
    /// Stops the sampler of a measurement that was never finished.
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// CPU seconds (user + system) of this process so far.
pub fn cpu_seconds() -> f64 {
    // /proc/self/stat fields 14 and 15: utime and stime in clock ticks.
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

/// Total size of the files below `dir`.
pub fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// What one indexing run measured.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexRun {
    /// `dateline` or `tantivy`.
    pub engine: String,
    /// Articles indexed.
    pub articles: u64,
    /// Input bytes.
    pub bytes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// CPU seconds.
    pub cpu_seconds: f64,
    /// Peak RSS in bytes, index files mapped while merging included.
    pub peak_rss: u64,
    /// Peak anonymous memory in bytes (sampled every 20 ms): what the
    /// process allocated, without mapped index files.
    #[serde(default)]
    pub peak_anon: u64,
    /// Index size on disk in bytes.
    pub index_bytes: u64,
}

impl IndexRun {
    /// Input MB (10^6 bytes) per second.
    pub fn mb_per_sec(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds
    }

    /// Articles per second.
    pub fn articles_per_sec(&self) -> f64 {
        self.articles as f64 / self.seconds
    }
}

/// Plain tantivy with no extraction: the same files, the same text fields
/// and tokenizer, a date, the same writer threads and memory budget. The
/// floor of what any tantivy-based tool costs.
pub fn index_plain_tantivy(
    input: &Path,
    index_dir: &Path,
    writer_memory: usize,
) -> tantivy::Result<(u64, u64)> {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let title = builder.add_text_field("title", text.clone());
    let body = builder.add_text_field("body", text);
    let date = builder.add_date_field(
        "date",
        DateOptions::default().set_indexed().set_fast().set_stored(),
    );
    let index = Index::create_in_dir(index_dir, builder.build())?;
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 8);
    let writer: IndexWriter = index.writer_with_num_threads(threads, writer_memory)?;
    let files: Vec<PathBuf> = walkdir::WalkDir::new(input)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    let bytes: u64 = files
        .par_iter()
        .map(|path| {
            let Ok(text) = std::fs::read_to_string(path) else {
                return 0;
            };
            let mut doc = TantivyDocument::new();
            let trimmed = text.trim_start();
            let rest = match trimmed.strip_prefix("date ") {
                Some(after) => {
                    let (day, rest) = after.split_at(after.find(' ').unwrap_or(after.len()));
                    if let Ok(d) = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") {
                        let secs = d
                            .and_hms_opt(0, 0, 0)
                            .map_or(0, |t| t.and_utc().timestamp());
                        doc.add_date(date, DateTime::from_timestamp_secs(secs));
                    }
                    rest
                }
                None => trimmed,
            };
            let (lead, rest) = rest.split_once("\n\n").unwrap_or((rest, ""));
            doc.add_text(title, lead);
            doc.add_text(body, rest);
            let _ = writer.add_document(doc);
            text.len() as u64
        })
        .sum();
    let mut writer = writer;
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok((files.len() as u64, bytes))
}

/// Times `f` and reports it as an [`IndexRun`].
pub fn measure(engine: &str, index_dir: &Path, f: impl FnOnce() -> (u64, u64)) -> IndexRun {
    let cpu_before = cpu_seconds();
    let anon = AnonPeak::start();
    let started = Instant::now();
    let (articles, bytes) = f();
    let seconds = started.elapsed().as_secs_f64();
    let peak_anon = anon.finish();
    IndexRun {
        engine: engine.to_string(),
        articles,
        bytes,
        seconds,
        cpu_seconds: cpu_seconds() - cpu_before,
        peak_rss: peak_rss_bytes(),
        peak_anon,
        index_bytes: dir_size(index_dir),
    }
}

/// The query classes the benchmarks time, each with a few variants that are
/// cycled so that caches do not answer every run.
pub fn query_classes(people: &[String]) -> Vec<(&'static str, Vec<dateline_query::SearchRequest>)> {
    use dateline_query::{FacetKind, Interval, SearchRequest};
    let q = |q: &str| SearchRequest {
        q: q.to_string(),
        ..SearchRequest::default()
    };
    let words = [
        "oil",
        "government",
        "bank",
        "election",
        "police",
        "trade",
        "minister",
        "prices",
    ];
    let pairs = [
        "oil prices",
        "bank rates",
        "trade deficit",
        "police arrested",
        "government minister",
        "stock market",
    ];
    let ors = [
        "oil OR gas",
        "election OR vote",
        "bank OR lender",
        "police OR army",
    ];
    let phrases = [
        "\"interest rates\"",
        "\"prime minister\"",
        "\"stock exchange\"",
        "\"said on tuesday\"",
    ];
    let people: Vec<String> = if people.is_empty() {
        vec!["Smith".to_string()]
    } else {
        people.to_vec()
    };
    vec![
        ("term", words.iter().map(|w| q(w)).collect()),
        ("AND", pairs.iter().map(|w| q(w)).collect()),
        ("OR", ors.iter().map(|w| q(w)).collect()),
        ("phrase", phrases.iter().map(|w| q(w)).collect()),
        ("common phrase \"of the\"", vec![q("\"of the\"")]),
        (
            "person filter",
            people
                .iter()
                .take(8)
                .map(|p| SearchRequest {
                    person: vec![p.clone()],
                    ..SearchRequest::default()
                })
                .collect(),
        ),
        (
            "date range",
            words
                .iter()
                .enumerate()
                .map(|(i, w)| SearchRequest {
                    q: w.to_string(),
                    from: Some(format!("{}", 1985 + i)),
                    to: Some(format!("{}-06", 1990 + i)),
                    ..SearchRequest::default()
                })
                .collect(),
        ),
        (
            "faceted + monthly timeline",
            words
                .iter()
                .map(|w| SearchRequest {
                    q: w.to_string(),
                    facets: vec![FacetKind::People, FacetKind::Topics, FacetKind::Places],
                    timeline: Some(Interval::Month),
                    ..SearchRequest::default()
                })
                .collect(),
        ),
    ]
}

/// The `p`-th percentile (0-100) of sorted samples.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// Writes a results table to `benches/results/<date>-<name>.md`.
pub fn write_result(name: &str, text: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("results");
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join(format!(
        "{}-{name}.md",
        chrono::Utc::now().format("%Y-%m-%d")
    ));
    match std::fs::write(&file, text) {
        Ok(()) => eprintln!("wrote {}", file.display()),
        Err(err) => eprintln!("cannot write {}: {err}", file.display()),
    }
}

/// The value after `flag` among `args` (`--index DIR`).
pub fn flag_value(args: &[String], flag: &str) -> Option<String> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// The `n` people named in most articles, for person-filter requests.
pub fn top_people(engine: &dateline_query::Engine, n: usize) -> Vec<String> {
    engine
        .values(&engine.searcher(), dateline_query::FacetKind::People, "")
        .map(|values| values.into_iter().take(n).map(|v| v.value).collect())
        .unwrap_or_default()
}
