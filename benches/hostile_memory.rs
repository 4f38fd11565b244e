//! Peak memory of `dateline index` and `dateline batch` on inputs whose
//! size once decided the process's memory: one 500 MB article, JSON Lines
//! files of 500 MB and 2 GB, a 300 MB JSON array, a batch line of 50 MB and
//! twenty of 10 MB on four threads. Each input is generated (synthetic news
//! sentences, so the index grows as with real text), run through the release
//! binary, measured (the child's `ru_maxrss` from `wait4`), and deleted.
//!
//! ```sh
//! cargo build --release -p dateline-cli
//! cargo bench -p dateline-benches --bench hostile_memory [-- --scale 0.1 --work DIR]
//! ```
//!
//! `--scale` multiplies every size (1 is the issue's sizes; 4.8 GB of disk
//! at most at once is 2 GB). Prints a Markdown table; the target is a peak
//! RSS under 1 GiB for every row.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use dateline_benches::flag_value;

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "on",
    "Tuesday",
    "that",
    "prices",
    "of",
    "crude",
    "oil",
    "rose",
    "after",
    "talks",
    "in",
    "Geneva",
    "between",
    "exporters",
    "and",
    "buyers",
    "ended",
    "without",
    "agreement",
    "while",
    "analysts",
    "expect",
    "further",
    "cuts",
    "to",
    "output",
    "by",
    "the",
    "cartel",
    "next",
    "month",
    "farmers",
    "in",
    "Brazil",
    "harvested",
    "more",
    "coffee",
    "than",
    "last",
    "year",
    "according",
    "to",
    "the",
    "agriculture",
    "ministry",
    "in",
    "Brasilia",
];

/// Writes sentence-like text of about `bytes` bytes, varied by `seed`.
fn text(bytes: usize, seed: &mut u64) -> String {
    let mut out = String::with_capacity(bytes + 64);
    while out.len() < bytes {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        out.push_str(WORDS[(*seed % WORDS.len() as u64) as usize]);
        if seed.is_multiple_of(17) {
            out.push_str(". ");
        } else {
            out.push(' ');
        }
    }
    out
}

/// JSON Lines of about `bytes` bytes, 3 KB an article.
fn write_json_lines(path: &Path, bytes: u64, seed: &mut u64) -> std::io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    let mut written = 0u64;
    let mut n = 0u64;
    while written < bytes {
        n += 1;
        let line = serde_json::json!({
            "title": format!("Report {n}"),
            "date": format!("1987-{:02}-{:02}", n % 12 + 1, n % 28 + 1),
            "text": text(3_000, seed),
        })
        .to_string();
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        written += line.len() as u64 + 1;
    }
    out.flush()
}

fn write_json_array(path: &Path, bytes: u64, seed: &mut u64) -> std::io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    out.write_all(b"[")?;
    let mut written = 1u64;
    let mut n = 0u64;
    while written < bytes {
        if n > 0 {
            out.write_all(b",\n")?;
        }
        n += 1;
        let element = serde_json::json!({"title": format!("Item {n}"), "text": text(3_000, seed)})
            .to_string();
        out.write_all(element.as_bytes())?;
        written += element.len() as u64 + 2;
    }
    out.write_all(b"]\n")?;
    out.flush()
}

fn write_text(path: &Path, bytes: u64, seed: &mut u64) -> std::io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    out.write_all(b" date 1987-03-02 ")?;
    let mut written = 0u64;
    while written < bytes {
        let chunk = text(1 << 20, seed);
        out.write_all(chunk.as_bytes())?;
        written += chunk.len() as u64;
    }
    out.flush()
}

fn write_batch(path: &Path, lines: usize, line_bytes: u64, seed: &mut u64) -> std::io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    for _ in 0..lines {
        out.write_all(text(line_bytes as usize, seed).as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.write_all(b"crude oil\n")?;
    out.flush()
}

/// A saved news page of about `bytes` bytes: navigation, the article in
/// paragraphs of 600 bytes, a footer.
fn page(n: u64, bytes: usize, seed: &mut u64) -> String {
    let mut out = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Report {n}</title>\
         <meta property=\"article:published_time\" content=\"1987-{:02}-{:02}T09:00:00Z\"></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>Report {n}</h1>",
        n % 12 + 1,
        n % 28 + 1
    );
    while out.len() < bytes {
        out.push_str("<p>");
        out.push_str(&text(600, seed));
        out.push_str("</p>\n");
    }
    out.push_str("</article><footer>Copyright</footer></body></html>");
    out
}

/// A `.warc.gz` of about `bytes` bytes of pages of `page_bytes` each, as
/// CC-NEWS writes it: a request and a response record per page, each
/// record its own gzip member.
fn write_warc(path: &Path, bytes: u64, page_bytes: usize, seed: &mut u64) -> std::io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    let mut written = 0u64;
    let mut n = 0u64;
    let record = |kind: &str, url: &str, block: &[u8], out: &mut BufWriter<File>| {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let head = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 1987-03-02T00:00:00Z\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        );
        gz.write_all(head.as_bytes())?;
        gz.write_all(block)?;
        gz.write_all(b"\r\n\r\n")?;
        out.write_all(&gz.finish()?)
    };
    while written < bytes {
        n += 1;
        let url = format!("https://news.example/{n}");
        record(
            "request",
            &url,
            b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n",
            &mut out,
        )?;
        let html = page(n, page_bytes, seed);
        let mut response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
        response.extend_from_slice(html.as_bytes());
        record("response", &url, &response, &mut out)?;
        written += html.len() as u64;
    }
    out.flush()
}

/// Runs a command to its end; its exit status, peak RSS in bytes, seconds.
/// The child is reaped by `wait4`, which also gives its peak RSS.
#[allow(clippy::zombie_processes)]
fn measure(command: &mut Command) -> (i32, u64, f64) {
    let started = Instant::now();
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("dateline starts");
    let mut status = 0;
    // SAFETY: plain FFI call on our own child's pid, with owned out-params.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4 failed");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (
        code,
        usage.ru_maxrss as u64 * 1024,
        started.elapsed().as_secs_f64(),
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let scale: f64 = flag_value(&args, "--scale")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1.0);
    let binary = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join("dateline")))
        .filter(|b| b.is_file())
        .expect("a release dateline binary: run `cargo build --release -p dateline-cli` first");
    let work_dir = flag_value(&args, "--work").map(PathBuf::from);
    let temp = tempfile::tempdir_in(work_dir.as_deref().unwrap_or(&std::env::temp_dir()))
        .expect("a work folder");
    let work = temp.path();
    let size = |mb: f64| (mb * scale * 1e6) as u64;
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    // `--only warc` runs the rows whose name holds "warc".
    let only = flag_value(&args, "--only").unwrap_or_default();
    let wanted = |name: &str| name.to_lowercase().contains(&only.to_lowercase());
    println!("| input | size | status | peak RSS | seconds |");
    println!("|---|---|---|---|---|");
    let report = |name: &str, bytes: u64, (code, rss, secs): (i32, u64, f64)| {
        println!(
            "| {name} | {:.0} MB | {code} | {:.0} MiB | {secs:.1} |",
            bytes as f64 / 1e6,
            rss as f64 / 1_048_576.0
        );
    };
    let index = |input: &Path| {
        let dir = work.join("index");
        let _ = std::fs::remove_dir_all(&dir);
        let measured = measure(
            Command::new(&binary)
                .arg("--index")
                .arg(&dir)
                .args(["index", "--quiet"])
                .arg(input),
        );
        let _ = std::fs::remove_dir_all(&dir);
        measured
    };
    let input = work.join("input");
    let fresh = || {
        let _ = std::fs::remove_dir_all(&input);
        std::fs::create_dir_all(&input).expect("input folder");
    };

    for (name, mb, page_mb) in [
        ("one .warc.gz of 30 KB pages", 1000.0, 0.03),
        ("one .warc.gz of 5 MB pages", 200.0, 5.0),
        ("one .warc.gz holding a 50 MB page", 50.0, 50.0),
    ] {
        if !wanted(name) {
            continue;
        }
        fresh();
        let path = input.join("archive.warc.gz");
        write_warc(&path, size(mb), (page_mb * scale * 1e6) as usize, &mut seed).expect("write");
        report(name, size(mb), index(&input));
    }
    if !only.is_empty() {
        return;
    }
    for mb in [200.0, 500.0] {
        fresh();
        write_text(&input.join("one.txt"), size(mb), &mut seed).expect("write");
        report(
            &format!("one {mb:.0} MB .txt article"),
            size(mb),
            index(&input),
        );
    }
    fresh();
    for i in 0..4 {
        write_json_lines(
            &input.join(format!("part-{i}.jsonl")),
            size(500.0),
            &mut seed,
        )
        .expect("write");
    }
    report(
        "4 JSON Lines files of 500 MB",
        4 * size(500.0),
        index(&input),
    );
    fresh();
    write_json_array(&input.join("array.json"), size(300.0), &mut seed).expect("write");
    report("one 300 MB JSON array", size(300.0), index(&input));
    fresh();
    write_json_lines(&input.join("big.jsonl"), size(2000.0), &mut seed).expect("write");
    report("one 2 GB JSON Lines file", size(2000.0), index(&input));

    // Batches against a small index of the last archive's first articles.
    fresh();
    write_json_lines(
        &input.join("small.jsonl"),
        size(20.0).max(1_000_000),
        &mut seed,
    )
    .expect("write");
    let index_dir = work.join("batch-index");
    let _ = measure(
        Command::new(&binary)
            .arg("--index")
            .arg(&index_dir)
            .args(["index", "--quiet"])
            .arg(&input),
    );
    for (name, lines, line_mb, threads) in [
        ("batch: one 50 MB line", 1, 50.0, "0"),
        ("batch: 20 lines of 10 MB, 4 threads", 20, 10.0, "4"),
    ] {
        let file = work.join("batch.txt");
        write_batch(&file, lines, size(line_mb), &mut seed).expect("write");
        let measured = measure(
            Command::new(&binary)
                .arg("--index")
                .arg(&index_dir)
                .args(["batch", "--threads", threads])
                .arg(&file),
        );
        report(name, lines as u64 * size(line_mb), measured);
    }
}
