//! Indexing the same news articles from a WARC file, from saved pages and
//! from plain text: the article-extraction benchmark's 181 pages (read by
//! path from `../shared/data`) as one CC-NEWS-like `.warc.gz` (a request
//! and a response record per page, each record its own gzip member), as
//! 181 `.html.gz` files, and their true article text as 181 `.txt` files.
//! Each input is indexed from scratch by `index_paths`, as `dateline index`
//! does, the three alternating, `--runs` times (default 5); the median run
//! of each is reported.
//!
//! `cargo bench -p dateline-benches --bench warc_indexing [-- --runs N --copies N]`

use std::io::{Read, Write};
use std::path::Path;

use dateline_benches::{flag_value, measure, IndexRun};
use dateline_indexer::{index_paths, ingest::NoProgress, IndexOptions};

/// One WARC record (headers, block, the blank lines after it) as a gzip member.
fn record(kind: &str, url: &str, block_type: &str, block: &[u8]) -> Vec<u8> {
    let mut plain = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2020-01-01T00:00:00Z\r\nContent-Type: {block_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    plain.extend_from_slice(block);
    plain.extend_from_slice(b"\r\n\r\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&plain).expect("gzip");
    gz.finish().expect("gzip")
}

/// Writes the three inputs under `root` and returns the pages' count and
/// their uncompressed bytes.
fn write_inputs(data: &Path, root: &Path, copies: usize) -> (usize, u64) {
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(data.join("ground-truth.json")).expect("ground-truth.json"),
    )
    .expect("json");
    let truth = truth.as_object().expect("object");
    for dir in ["warc", "html", "txt"] {
        std::fs::create_dir_all(root.join(dir)).expect("dir");
    }
    let mut warc = Vec::new();
    let mut pages = 0;
    let mut html_bytes = 0u64;
    for copy in 0..copies {
        for (key, entry) in truth {
            let gz = std::fs::read(data.join("html").join(format!("{key}.html.gz"))).expect("page");
            let mut html = Vec::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_end(&mut html)
                .expect("gzip");
            html_bytes += html.len() as u64;
            let url = format!("https://bench.example/{copy}/{key}");
            let request = format!("GET /{copy}/{key} HTTP/1.1\r\nHost: bench.example\r\n\r\n");
            warc.extend(record(
                "request",
                &url,
                "application/http; msgtype=request",
                request.as_bytes(),
            ));
            let mut response =
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
            response.extend_from_slice(&html);
            warc.extend(record(
                "response",
                &url,
                "application/http; msgtype=response",
                &response,
            ));
            std::fs::write(root.join("html").join(format!("{copy}-{key}.html.gz")), &gz)
                .expect("write");
            let body = entry["articleBody"].as_str().unwrap_or("");
            std::fs::write(
                root.join("txt").join(format!("{copy}-{key}.txt")),
                format!(" date 2020-01-01 {body}\n"),
            )
            .expect("write");
            pages += 1;
        }
    }
    std::fs::write(root.join("warc").join("bench.warc.gz"), warc).expect("write");
    (pages, html_bytes)
}

fn run(name: &str, input: &Path) -> IndexRun {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let index_dir = dir.path().join("index");
    measure(name, &index_dir, || {
        let report = index_paths(
            &index_dir,
            &[input.to_path_buf()],
            &IndexOptions::default(),
            &NoProgress,
        )
        .expect("index");
        (report.articles_total, report.bytes_read)
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs: usize = flag_value(&args, "--runs").map_or(5, |n| n.parse().expect("--runs N"));
    let copies: usize = flag_value(&args, "--copies").map_or(1, |n| n.parse().expect("--copies N"));
    let data = dateline_benches::data_dir().join("article-extraction-benchmark");
    if !data.join("ground-truth.json").exists() {
        eprintln!("no benchmark pages at {}: skipped", data.display());
        return;
    }
    dateline_indexer::allocator::keep_freed_memory();
    let root = tempfile::TempDir::new().expect("temp dir");
    let (pages, html_bytes) = write_inputs(&data, root.path(), copies);
    let inputs = [("warc.gz", "warc"), (".html.gz", "html"), (".txt", "txt")];
    let mut results: Vec<Vec<IndexRun>> = vec![Vec::new(); inputs.len()];
    for round in 0..runs {
        for (i, (name, dir)) in inputs.iter().enumerate() {
            let result = run(name, &root.path().join(dir));
            eprintln!(
                "run {round}: {name:9} {:5} articles {:6.2} s {:6.1} MB/s {:6.1} articles/s",
                result.articles,
                result.seconds,
                result.mb_per_sec(),
                result.articles_per_sec()
            );
            results[i].push(result);
        }
    }
    let median = |runs: &mut Vec<IndexRun>| {
        runs.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
        runs[runs.len() / 2].clone()
    };
    let medians: Vec<IndexRun> = results.iter_mut().map(median).collect();
    let txt = &medians[2];
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut table = format!(
        "# Indexing the same articles as WARC, saved pages and text\n\n\
         `cargo bench -p dateline-benches --bench warc_indexing -- --runs {runs} --copies {copies}`, \
         {cores} cores, at {}: the article-extraction benchmark's {pages} pages as one `.warc.gz` \
         (request and response records, a gzip member each, as CC-NEWS), as `.html.gz` files, \
         and their true article text as `.txt` files; each indexed from scratch, the three \
         alternating, median of {runs} runs.\n\n\
         Uncompressed MB/s counts the pages' HTML ({:.1} MB) for the compressed inputs.\n\n\
         | input | articles | input MB | seconds | MB/s read | uncompressed MB/s | articles/s | CPU s | peak anon MB | articles/s vs .txt | uncompressed MB/s vs .txt |\n\
         |---|---|---|---|---|---|---|---|---|---|---|\n",
        std::process::Command::new("git")
            .args(["rev-parse", "--short", "HEAD"])
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default(),
        html_bytes as f64 / 1e6
    );
    let uncompressed = |m: &IndexRun| {
        let bytes = if m.engine == ".txt" {
            m.bytes
        } else {
            html_bytes
        };
        bytes as f64 / 1e6 / m.seconds
    };
    for m in &medians {
        table.push_str(&format!(
            "| {} | {} | {:.1} | {:.2} | {:.1} | {:.1} | {:.0} | {:.2} | {:.0} | {:.2} | {:.2} |\n",
            m.engine,
            m.articles,
            m.bytes as f64 / 1e6,
            m.seconds,
            m.mb_per_sec(),
            uncompressed(m),
            m.articles_per_sec(),
            m.cpu_seconds,
            m.peak_anon as f64 / 1e6,
            m.articles_per_sec() / txt.articles_per_sec(),
            uncompressed(m) / uncompressed(txt)
        ));
    }
    println!("{table}");
    dateline_benches::write_result("warc-indexing", &table);
}
