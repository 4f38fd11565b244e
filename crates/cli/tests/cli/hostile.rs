//! Hostile input from an adversarial run against the release binary: file
//! names and JSON arrays that gave articles one id, a rebuild that emptied
//! the index, queries that aborted a batch, input that took memory without
//! bound, indexes only their owner could search, and messages that said the
//! wrong thing.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

use super::{copy_dir, corpus, dateline, json_out};

fn index_json(index: &Path, input: &Path, extra: &[&str]) -> (Value, i32) {
    json_out(
        dateline()
            .args(["index", "--json", "--index"])
            .arg(index)
            .args(extra)
            .arg(input),
    )
}

fn total(index: &Path, args: &[&str]) -> u64 {
    let (response, code) = json_out(
        dateline()
            .args(["search", "--json", "--limit", "0", "--index"])
            .arg(index)
            .args(args),
    );
    assert!(code <= 1, "search {args:?}: {response}");
    response["total"].as_u64().unwrap()
}

/// The `_id` of every article, from an Elasticsearch bulk export.
fn bulk_ids(index: &Path) -> Vec<String> {
    let output = dateline()
        .args(["export", "--format", "es-bulk", "--index"])
        .arg(index)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| {
            let value: Value = serde_json::from_str(line).unwrap();
            value["create"]["_id"].as_str().map(str::to_string)
        })
        .collect()
}

fn article(date: &str, text: &str) -> String {
    format!(" date {date} {text}\n")
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_separate_articles_run_after_run() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("input");
    fs::create_dir_all(&input).unwrap();
    let raw = |bytes: &[u8]| input.join(std::ffi::OsStr::from_bytes(bytes));
    for (name, town) in [
        (&b"n\xff.txt"[..], "Tampere"),
        (&b"n\xfe.txt"[..], "Kuopio"),
        (&b"n\xfd.txt"[..], "Vaasa"),
    ] {
        fs::write(
            raw(name),
            article("2021-03-04", &format!("{town} opened a library.")),
        )
        .unwrap();
    }
    let index = dir.path().join("index");
    let (report, code) = index_json(&index, &input, &[]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["articles_total"], 3, "{report}");
    for town in ["Tampere", "Kuopio", "Vaasa"] {
        assert_eq!(total(&index, &[town]), 1, "{town}");
    }
    // Nothing changed: nothing is new, changed or removed.
    let (report, _) = index_json(&index, &input, &[]);
    assert_eq!(
        (
            &report["files_new"],
            &report["files_changed"],
            &report["files_removed"]
        ),
        (&Value::from(0), &Value::from(0), &Value::from(0)),
        "{report}"
    );
    assert_eq!(report["files_unchanged"], 3);
    // One deleted: its article goes, the others stay.
    fs::remove_file(raw(b"n\xfe.txt")).unwrap();
    let (report, _) = index_json(&index, &input, &[]);
    assert_eq!(report["files_removed"], 1, "{report}");
    assert_eq!(total(&index, &["Kuopio"]), 0);
    assert_eq!(total(&index, &["Tampere"]), 1);
    // The id escapes the byte, as the key keeps it.
    let ids = bulk_ids(&index);
    assert!(ids.iter().any(|id| id.ends_with(r"/n\xff.txt")), "{ids:?}");
}

#[test]
fn every_input_kind_gives_every_article_its_own_id() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("input");
    fs::create_dir_all(&input).unwrap();
    fs::write(
        input.join("plain.txt"),
        article("2020-01-01", "Gdynia built a pier."),
    )
    .unwrap();
    fs::write(
        input.join("one.json"),
        r#"{"title": "Sopot", "date": "2020-01-02", "text": "Sopot opened a pier."}"#,
    )
    .unwrap();
    let array: Vec<Value> = ["Elbląg", "Toruń", "Olsztyn"]
        .iter()
        .map(|town| {
            serde_json::json!({"title": town, "date": "2020-01-03", "text": format!("{town} held a fair.")})
        })
        .collect();
    fs::write(
        input.join("many.json"),
        serde_json::to_string(&array).unwrap(),
    )
    .unwrap();
    let lines: String = ["Kielce", "Radom"]
        .iter()
        .map(|town| format!("{{\"title\": \"{town}\", \"text\": \"{town} paved a road.\"}}\n"))
        .collect();
    fs::write(input.join("lines.jsonl"), &lines).unwrap();
    fs::write(
        input.join("lines.ndjson"),
        lines.replace("paved", "widened"),
    )
    .unwrap();
    let index = dir.path().join("index");
    let (report, _) = index_json(&index, &input, &[]);
    assert_eq!(report["articles_total"], 9, "{report}");
    let ids = bulk_ids(&index);
    assert_eq!(ids.len(), 9);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 9, "{ids:?}");
    assert!(ids.iter().any(|id| id.ends_with("many.json#2")), "{ids:?}");
    // `show` finds the array's second article by its id.
    let id = ids.iter().find(|id| id.ends_with("many.json#2")).unwrap();
    let (shown, code) = json_out(
        dateline()
            .args(["show", "--json", "--index"])
            .arg(&index)
            .arg(id),
    );
    assert_eq!(code, 0);
    assert_eq!(shown["title"], "Toruń", "{shown}");
}

/// SIGKILL at random moments during `index --rebuild` of the indexed
/// corpus: each time the old index is whole (Reuters-21578 in CI through
/// `crash_trials`).
#[test]
fn a_killed_rebuild_leaves_the_old_index_whole() {
    let dir = TempDir::new().unwrap();
    let options = dateline_benches::crash::CrashOptions {
        binary: PathBuf::from(env!("CARGO_BIN_EXE_dateline")),
        input: corpus(),
        work: dir.path().to_path_buf(),
        trials: 3,
        seed: 5,
        commit_mb: 1,
    };
    let trials = dateline_benches::crash::run_rebuild_trials(&options).unwrap();
    for trial in &trials {
        assert!(trial.failure.is_none(), "{trial:?}");
        assert_eq!(trial.articles_after_kill, 378, "{trial:?}");
    }
    assert!(trials.iter().filter(|t| t.killed_mid_run).count() >= 2);
}

fn nested(depth: usize) -> String {
    format!("{}cocoa{}", "(".repeat(depth), ")".repeat(depth))
}

#[test]
fn deeply_nested_queries_are_errors_and_a_batch_answers_every_line() {
    let index = &super::shared().index;
    let output = dateline()
        .args(["search", "--index"])
        .arg(index)
        .arg(nested(10_000))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("nested more than 64"), "{stderr}");
    // 64 levels are still a query.
    let output = dateline()
        .args(["search", "--index"])
        .arg(index)
        .arg(nested(64))
        .output()
        .unwrap();
    assert!(output.status.code().unwrap() <= 1);

    let input = format!(
        "peace\n{}\n{}\n{}\ntalks\n",
        nested(3_000),
        "cocoa OR (".repeat(2_000),
        "x".repeat(2 << 20),
    );
    let lines = batch(index, &input);
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert!(lines[0]["total"].as_u64().unwrap() > 0);
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .contains("nested more than 64"));
    assert!(lines[2]["error"].is_string());
    assert!(
        lines[3]["error"]
            .as_str()
            .unwrap()
            .contains("longer than 1 MB"),
        "{}",
        lines[3]
    );
    assert_eq!(lines[4]["line"], 5);
    assert!(lines[4]["total"].as_u64().unwrap() > 0);
}

fn batch(index: &Path, input: &str) -> Vec<Value> {
    let output = dateline()
        .args(["batch", "--index"])
        .arg(index)
        .write_stdin(input.to_string())
        .output()
        .unwrap();
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn batch_ids_come_back_as_written() {
    let index = &super::shared().index;
    let lines = batch(
        index,
        concat!(
            r#"{"id": 18446744073709551616, "q": "peace"}"#,
            "\n",
            r#"{"id": 1.50, "q": "peace"}"#,
            "\n",
            r#"{"id": 7, "q": "peace"}"#,
            "\n",
            r#"{"id": "a-7", "q": "peace"}"#,
            "\n",
            r#"{"id": 1e400, "q": "peace"}"#,
            "\n"
        ),
    );
    let ids: Vec<&Value> = lines.iter().map(|l| &l["id"]).collect();
    assert_eq!(
        ids,
        [
            &Value::from("18446744073709551616"),
            &Value::from("1.50"),
            &Value::from(7),
            &Value::from("a-7"),
            &Value::from("1e400")
        ]
    );
}

#[cfg(unix)]
#[test]
fn an_alias_file_must_be_a_regular_file() {
    let index = &super::shared().index;
    let output = dateline()
        .args(["search", "peace", "--aliases", "/dev/zero", "--index"])
        .arg(index)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a regular file"));
}

#[test]
fn an_unknown_name_of_100_kb_is_refused_without_suggestions() {
    let index = &super::shared().index;
    let output = dateline()
        .args(["search", "--index"])
        .arg(index)
        .arg("--person")
        .arg("Zq".repeat(50_000))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no person") && !stderr.contains("closest known"));
    assert!(
        stderr.len() < 1_000,
        "the name is not echoed whole: {} bytes",
        stderr.len()
    );
}

#[test]
fn an_open_date_range_matches_every_dated_article() {
    let index = &super::shared().index;
    let dated = total(index, &["--from", "1000"]);
    assert!(dated > 300);
    assert_eq!(total(index, &["date:[* TO *]"]), dated);
}

/// JSON Lines and a JSON array over the size read whole (16 MB) are read a
/// record at a time: every record is indexed with its own id, a bad line
/// costs only itself.
#[test]
fn large_json_files_are_streamed_record_by_record() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("input");
    fs::create_dir_all(&input).unwrap();
    // Padding outside the records makes the files large and cheap to parse.
    let padding = " ".repeat(4 << 20);
    let mut lines = String::new();
    for (i, town) in [
        "Ghent", "Namur", "Liège", "Mons", "Ypres", "Arlon", "Hasselt",
    ]
    .iter()
    .enumerate()
    {
        if i == 3 {
            lines.push_str("{broken\n");
        }
        lines.push_str(&format!(
            "{{\"title\": \"{town}\", \"date\": \"2019-05-1{i}\", \"text\": \"{town} voted.\"}}{padding}\n"
        ));
    }
    fs::write(input.join("big.jsonl"), &lines).unwrap();
    let elements: Vec<String> = ["Bruges", "Leuven", "Tournai", "Genk", "Lier", "Aalst"]
        .iter()
        .map(|town| format!("{{\"title\": \"{town}\", \"text\": \"{town} paved a square.\"}}"))
        .collect();
    fs::write(
        input.join("big.json"),
        format!("[{}]", elements.join(&format!(",{padding}"))),
    )
    .unwrap();
    assert!(fs::metadata(input.join("big.json")).unwrap().len() > 16 << 20);
    let index = dir.path().join("index");
    let (report, code) = index_json(&index, &input, &[]);
    assert_eq!(code, 1, "{report}");
    assert_eq!(report["articles_total"], 13, "{report}");
    assert_eq!(report["lines_skipped"], 1, "{report}");
    let skipped: Vec<&Value> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "skipped")
        .collect();
    assert_eq!(skipped.len(), 1, "{report}");
    assert_eq!(skipped[0]["line"], 4, "{report}");
    for town in ["Hasselt", "Aalst", "Ghent", "Bruges"] {
        assert_eq!(total(&index, &[town]), 1, "{town}");
    }
    let ids = bulk_ids(&index);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 13);
    assert!(ids.iter().any(|id| id.ends_with("big.json#6")));
    assert!(ids.iter().any(|id| id.ends_with("big.jsonl#8")));
}

#[test]
fn an_index_inside_the_indexed_folder_is_not_read_as_articles() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("input");
    copy_dir(&corpus().join("seed"), &input);
    let index = input.join("index");
    for _ in 0..2 {
        let (report, code) = index_json(&index, &input, &[]);
        assert_eq!(code, 0, "{report}");
        assert_eq!(report["articles_total"], 1, "{report}");
        assert_eq!(report["files_ignored"], 0, "{report}");
    }
}

#[cfg(unix)]
#[test]
fn file_names_are_printed_with_their_control_characters_escaped() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("input");
    fs::create_dir_all(&input).unwrap();
    // No date line: a warning names the file.
    fs::write(
        input.join("two\nlines\u{1b}[31m.txt"),
        "Mostar rebuilt its bridge.\n",
    )
    .unwrap();
    let output = dateline()
        .args(["index", "--index"])
        .arg(dir.path().join("index"))
        .arg(&input)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(r"two\nlines\u{1b}[31m.txt"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
}

/// The umask as this process has it (Linux), else the usual 022.
fn umask() -> u32 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("Umask:"))?;
            u32::from_str_radix(line.split_whitespace().nth(1)?, 8).ok()
        })
        .unwrap_or(0o022)
}

#[cfg(unix)]
#[test]
fn a_healthy_index_is_searched_with_read_access_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let index = dir.path().join("index");
    let (report, _) = index_json(&index, &corpus().join("seed"), &[]);
    assert_eq!(report["articles_total"], 1);
    let expected = 0o666 & !umask();
    for name in ["meta.json", ".managed.json"] {
        let mode = fs::metadata(index.join(name)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, expected, "{name}: {mode:o}");
    }
    let is_root = fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
    });
    let setpriv = Path::new("/usr/bin/setpriv").exists();
    if is_root && setpriv && expected & 0o004 != 0 {
        // As another user: search needs read access only; indexing says
        // what was refused.
        let as_nobody = |args: &[&str]| {
            std::process::Command::new("/usr/bin/setpriv")
                .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"])
                .arg(env!("CARGO_BIN_EXE_dateline"))
                .arg("--index")
                .arg(&index)
                .args(args)
                .env("NO_COLOR", "1")
                .output()
                .unwrap()
        };
        let search = as_nobody(&["search", "--json", "--limit", "0"]);
        let answer: Value = serde_json::from_slice(&search.stdout)
            .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&search.stderr)));
        assert_eq!(answer["total"], 1);
        let seed = corpus().join("seed");
        let index_run = as_nobody(&["index", seed.to_str().unwrap()]);
        assert_eq!(index_run.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&index_run.stderr);
        assert!(stderr.contains("permission denied"), "{stderr}");
        assert!(
            !stderr.contains("damaged") && !stderr.contains("by hand"),
            "{stderr}"
        );
    } else if !is_root {
        // As the owner of a folder made read-only.
        fs::set_permissions(&index, fs::Permissions::from_mode(0o555)).unwrap();
        assert_eq!(total(&index, &[]), 1);
        fs::set_permissions(&index, fs::Permissions::from_mode(0o755)).unwrap();
    } else {
        eprintln!("note: no setpriv to search as another user; the file modes were checked");
    }
}

/// Disk full, on a 2 MB tmpfs in a mount namespace of its own (needs root
/// and util-linux's unshare; CI has both): one line saying what happened,
/// and with `--json` the summary all the same.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_one_line_and_the_summary_is_still_written() {
    let can_mount = std::process::Command::new("unshare")
        .args(["--mount", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !can_mount {
        eprintln!("note: cannot make a mount namespace here; disk full not tried");
        return;
    }
    let dir = TempDir::new().unwrap();
    let mount = dir.path().join("small");
    fs::create_dir_all(&mount).unwrap();
    let script = format!(
        "mount -t tmpfs -o size=2m tmpfs '{mount}' && '{bin}' --index '{mount}/index' index --json --commit-mb 1 '{corpus}'",
        mount = mount.display(),
        bin = env!("CARGO_BIN_EXE_dateline"),
        corpus = corpus().display(),
    );
    let output = std::process::Command::new("unshare")
        .args(["--mount", "sh", "-c", &script])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("warning:"))
        .collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].contains("no space left on device while writing"),
        "{stderr}"
    );
    assert!(lines[0].contains("articles committed"), "{stderr}");
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(summary["error"].as_str().unwrap().contains("no space left"));
    assert!(summary["files_seen"].as_u64().unwrap() > 0, "{summary}");

    // A rebuild that runs out of disk leaves the old index whole, and takes
    // its partial segments away: a rerun has the space it had before.
    let script = format!(
        "mount -t tmpfs -o size=2m tmpfs '{mount}' && '{bin}' --index '{mount}/index' index --quiet '{seed}' >/dev/null \
         && ! '{bin}' --index '{mount}/index' index --quiet --rebuild --commit-mb 1 '{corpus}' \
         && '{bin}' --index '{mount}/index' index --quiet '{seed}' >/dev/null \
         && '{bin}' --index '{mount}/index' search --json --limit 0",
        mount = mount.display(),
        bin = env!("CARGO_BIN_EXE_dateline"),
        seed = corpus().join("seed").display(),
        corpus = corpus().display(),
    );
    let output = std::process::Command::new("unshare")
        .args(["--mount", "sh", "-c", &script])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no space left on device"), "{stderr}");
    let answer: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("no search answer: {stderr}"));
    assert_eq!(answer["total"], 1, "the old index after a failed rebuild");
}

#[test]
fn a_missing_input_path_is_one_error_that_creates_nothing() {
    let dir = TempDir::new().unwrap();
    let index = dir.path().join("idx-x");
    let output = dateline()
        .args(["index", "--index"])
        .arg(&index)
        .arg(dir.path().join("no/such/dir"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("No such file").count(), 1, "{stderr}");
    assert!(!index.exists(), "the index folder was created");
}
