//! Reliability: bad input, crashes, concurrent use and damaged indexes never
//! lose an article, corrupt the index or end in a panic.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::Value;
use tempfile::TempDir;

use super::{copy_dir, corpus, dateline, json_out};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad-input")
}

fn total(index: &Path, args: &[&str]) -> u64 {
    let (response, code) = json_out(
        dateline()
            .args(["search", "--json", "--limit", "1", "--index"])
            .arg(index)
            .args(args),
    );
    assert!(code == 0 || code == 1, "search {args:?} failed: {response}");
    response["total"].as_u64().unwrap()
}

/// The bad-input fixture folder, plus the kinds that cannot live in git,
/// made here: a 50 MB single line, 100 nested folders, a symlink loop, a
/// dangling symlink, a named pipe, and an unreadable file.
#[test]
fn every_good_article_is_indexed_and_every_bad_one_reported() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("input");
    copy_dir(&fixture(), &input);
    let mut big = fs::File::create(input.join("big-single-line.txt")).unwrap();
    // Its text is cut at 8 MB, with a warning: the lead is indexed, the
    // last sentence is not.
    big.write_all(b" date 2020-01-01 Zadar closed its sea organ. ")
        .unwrap();
    let sentence = b"The river rose again and the town waited. ";
    for _ in 0..(50 << 20) / sentence.len() {
        big.write_all(sentence).unwrap();
    }
    big.write_all(b"Sibenik opened its fortress.\n").unwrap();
    drop(big);
    let mut deep = input.join("deep");
    for level in 0..100 {
        deep = deep.join(format!("level-{level}"));
    }
    fs::create_dir_all(&deep).unwrap();
    fs::write(
        deep.join("deep.txt"),
        " date 2020-02-02 Debrecen opened its flower carnival.\n",
    )
    .unwrap();
    fs::write(
        input.join("unreadable.txt"),
        " date 2020-02-03 Aalborg harbour froze over.\n",
    )
    .unwrap();
    let mut expected_problems: Vec<(&str, &str, &str)> = vec![
        ("empty/empty.txt", "skipped", "empty file"),
        ("empty/whitespace-only.txt", "skipped", "empty file"),
        ("dates/date-line-only.txt", "skipped", "no article text"),
        ("binary/photo-named.txt", "skipped", "binary"),
        ("binary/gzip-named.txt", "skipped", "binary"),
        ("binary/control-characters.txt", "skipped", "binary"),
        ("json/truncated.json:1", "skipped", "invalid JSON"),
        (
            "json/deeply-nested.json",
            "skipped",
            "record 1: invalid JSON: recursion limit",
        ),
        ("json/not-an-object.json", "skipped", "not a JSON object"),
        ("json/array.json", "skipped", "record 2: not a JSON object"),
        (
            "json/malformed-and-truncated.jsonl:2",
            "skipped",
            "invalid JSON",
        ),
        ("json/malformed-and-truncated.jsonl:3", "skipped", "EOF"),
        (
            "json/malformed-and-truncated.jsonl:5",
            "skipped",
            "not a JSON object",
        ),
        ("json/wrong-types.jsonl:2", "skipped", "no article text"),
        ("json/wrong-types.jsonl:4", "skipped", "no article text"),
        ("json/wrong-types.jsonl:1", "warning", "not a date string"),
        (
            "json/wrong-types.jsonl:3",
            "warning",
            "not a list of strings",
        ),
        (
            "json/wrong-types.jsonl:5",
            "warning",
            "indexed without a date",
        ),
        ("dates/missing-date-line.txt", "warning", "no `date"),
        (
            "dates/impossible-2025-02-30.txt",
            "warning",
            "without a date",
        ),
        ("dates/year-0000.txt", "warning", "year 0 is out of range"),
        ("dates/year-99999.txt", "warning", "without a date"),
        ("dates/not-a-date.txt", "warning", "without a date"),
        (
            "dates/before-1678.txt",
            "warning",
            "year 1605 is out of range",
        ),
        ("encoding/windows-1252.txt", "warning", "Windows-1252"),
        (
            "encoding/invalid-utf8-in-utf8.txt",
            "warning",
            "Windows-1252",
        ),
        ("encoding/utf16le-bom.txt", "warning", "UTF-16LE"),
        ("encoding/utf16be-bom.txt", "warning", "UTF-16BE"),
        (
            "encoding/utf16le-no-bom.txt",
            "warning",
            "no byte-order mark",
        ),
        ("encoding/stray-nul-byte.txt", "warning", "NUL byte"),
        ("big-single-line.txt", "warning", "cut to its first 8 MB"),
    ];
    // Good articles, each with one word no other article has.
    let mut markers = vec![
        "Valletta",
        "Gdansk",
        "Tromsø",
        "Lucerne",
        "Lyon",
        "Plovdiv",
        "Varna",
        "Szeged",
        "Brno",
        "Ostrava",
        "Cluj",
        "Reykjavik",
        "Tallinn",
        "Tartu",
        "Kaunas",
        "Riga",
        "Sevastopol",
        "Houston",
        "Antwerp",
        "Oslo",
        "Bergen",
        "Vilnius",
        "Poznan",
        "Turku",
        "Ljubljana",
        "Uppsala",
        "Zadar",
        "Debrecen",
    ];
    #[cfg(unix)]
    {
        use std::os::unix::fs::{symlink, PermissionsExt};
        symlink(&input, deep.join("loop")).unwrap();
        symlink(input.join("missing.txt"), input.join("dangling.txt")).unwrap();
        expected_problems.push(("loop", "skipped", "symbolic link loop"));
        expected_problems.push(("dangling.txt", "skipped", "cannot read"));
        if std::process::Command::new("mkfifo")
            .arg(input.join("pipe.txt"))
            .status()
            .is_ok_and(|s| s.success())
        {
            expected_problems.push(("pipe.txt", "skipped", "not a regular file"));
        }
        let unreadable = input.join("unreadable.txt");
        fs::set_permissions(&unreadable, fs::Permissions::from_mode(0o000)).unwrap();
        if fs::read(&unreadable).is_err() {
            expected_problems.push(("unreadable.txt", "skipped", "ermission denied"));
        } else {
            // Running as root: permissions do not stop the read.
            markers.push("Aalborg");
        }
    }
    #[cfg(not(unix))]
    markers.push("Aalborg");

    let index = dir.path().join("index");
    let (report, code) = json_out(
        dateline()
            .args(["index", "--json", "--index"])
            .arg(&index)
            .arg(&input),
    );
    assert_eq!(code, 1, "skipped input gives status 1: {report}");
    let problems: Vec<(String, String, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let path = p["path"].as_str().unwrap().to_string();
            let path = match p["line"].as_u64() {
                Some(line) => format!("{path}:{line}"),
                None => path,
            };
            (
                path,
                p["kind"].as_str().unwrap().to_string(),
                p["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (file, kind, reason) in &expected_problems {
        assert!(
            problems
                .iter()
                .any(|(p, k, r)| p.ends_with(file) && k == kind && r.contains(reason)),
            "expected {kind} `{file}`: `{reason}` among {problems:#?}"
        );
    }
    // Nothing else is reported: every problem was expected.
    for (path, kind, reason) in &problems {
        assert!(
            expected_problems
                .iter()
                .any(|(file, k, _)| path.ends_with(file) && k == kind),
            "unexpected {kind} {path}: {reason}"
        );
    }
    assert_eq!(report["articles_total"], markers.len() as u64, "{report}");
    // Five JSON Lines lines and three array records (array.json's 2 and 3,
    // deeply-nested.json's 1); not truncated.json, a whole file.
    assert_eq!(report["lines_skipped"], 8, "{report}");
    assert_eq!(report["ignored_extensions"]["docx"], 1);
    assert_eq!(report["ignored_extensions"]["md"], 1);
    for marker in &markers {
        assert_eq!(total(&index, &[marker]), 1, "{marker} is findable once");
    }
    assert_eq!(total(&index, &["Sibenik"]), 0, "cut from the 50 MB article");
    // The hidden folder is not indexed; the gzip's text is not read.
    assert_eq!(total(&index, &["Malmo"]), 0);
    assert_eq!(total(&index, &["Aarhus"]), 0);
    // Dates before 1900 and before 1970 are kept and filterable.
    assert_eq!(total(&index, &["--from", "1854", "--to", "1854"]), 1);
    assert_eq!(total(&index, &["--from", "1969-07", "--to", "1969-07"]), 1);
    // Dates an index cannot hold select nothing, and do not overflow.
    assert_eq!(total(&index, &["--to", "1605"]), 0);
    assert_eq!(total(&index, &["date:[1000 TO 1700]"]), 0);
    // Undated articles are indexed but fall outside any date range.
    let undated = [
        "Reykjavik",
        "Tallinn",
        "Tartu",
        "Kaunas",
        "Riga",
        "Antwerp",
        "Vilnius",
        "Poznan",
        "Turku",
    ];
    assert_eq!(
        total(&index, &["--from", "1000"]),
        (markers.len() - undated.len()) as u64
    );
    for marker in undated {
        assert_eq!(total(&index, &["--from", "1000", marker]), 0, "{marker}");
    }
}

/// SIGKILL at random moments while indexing the corpus, one commit per
/// megabyte: the index opens with whole, unchanged articles and no
/// duplicates, and a rerun completes to the full corpus. (Reuters-21578, 10
/// trials: `cargo run --release -p dateline-benches --example crash_trials`.)
#[test]
fn a_killed_index_run_leaves_a_committed_state_that_a_rerun_completes() {
    let dir = TempDir::new().unwrap();
    let options = dateline_benches::crash::CrashOptions {
        binary: PathBuf::from(env!("CARGO_BIN_EXE_dateline")),
        input: corpus(),
        work: dir.path().to_path_buf(),
        trials: 4,
        seed: 11,
        commit_mb: 1,
    };
    let report = dateline_benches::crash::run_trials(&options).unwrap();
    assert_eq!(report.articles, 378);
    for trial in &report.trials {
        assert!(trial.failure.is_none(), "{trial:?}");
    }
    assert!(report.trials.iter().filter(|t| t.killed_mid_run).count() >= 2);
}

/// Searches and a many-threaded batch while `index` adds 377 articles in
/// several commits: every answer is a complete, committed state.
#[test]
fn searches_during_an_update_see_whole_commits_only() {
    let dir = TempDir::new().unwrap();
    let first = dir.path().join("first");
    let second = dir.path().join("second");
    copy_dir(&corpus(), &first);
    copy_dir(&corpus().join("wikinews"), &second);
    let index = dir.path().join("index");
    dateline()
        .args(["index", "--quiet", "--index"])
        .arg(&index)
        .arg(&first)
        .assert()
        .success();
    let before = total(&index, &["the"]);
    let mut writer = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["index", "--quiet", "--commit-mb", "1", "--index"])
        .arg(&index)
        .arg(&first)
        .arg(&second)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let batch_input: String = (0..400)
        .map(|i| match i % 4 {
            0 => "the\n".to_string(),
            1 => {
                "{\"q\": \"talks\", \"facets\": [\"people\"], \"timeline\": \"year\"}\n".to_string()
            }
            2 => "person:Putin\n".to_string(),
            _ => "\"unbalanced\n".to_string(),
        })
        .collect();
    let mut seen = Vec::new();
    let mut batches = 0;
    while writer.try_wait().unwrap().is_none() || seen.is_empty() {
        let (response, code) = json_out(
            dateline()
                .args(["search", "--json", "--limit", "20", "--index"])
                .arg(&index)
                .arg("the"),
        );
        assert_eq!(code, 0, "{response}");
        for hit in response["hits"].as_array().unwrap() {
            assert!(
                !hit["title"].as_str().unwrap_or_default().is_empty(),
                "{hit}"
            );
        }
        seen.push(response["total"].as_u64().unwrap());
        if batches < 3 {
            batches += 1;
            let output = dateline()
                .args(["batch", "--threads", "8", "--index"])
                .arg(&index)
                .write_stdin(batch_input.clone())
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(0));
            let lines: Vec<Value> = String::from_utf8(output.stdout)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            assert_eq!(lines.len(), 400);
            for (i, line) in lines.iter().enumerate() {
                if i % 4 == 3 {
                    assert!(line["error"].is_string(), "{line}");
                } else {
                    assert!(line["total"].is_u64(), "line {}: {line}", i + 1);
                }
            }
        }
    }
    assert!(writer.wait().unwrap().code().is_some_and(|c| c <= 1));
    let after = total(&index, &["the"]);
    assert!(after > before);
    assert!(
        seen.windows(2).all(|w| w[0] <= w[1]),
        "totals only grow: {seen:?}"
    );
    assert!(
        seen.iter().all(|t| (before..=after).contains(t)),
        "{seen:?}"
    );
}

/// Truncated, overwritten and missing index files, a garbage meta.json, and
/// an index killed before its first commit: a clear message or a working
/// index, never a panic.
#[test]
fn damaged_indexes_give_clear_errors_never_a_panic() {
    let dir = TempDir::new().unwrap();
    let pristine = dir.path().join("pristine");
    dateline()
        .args(["index", "--quiet", "--index"])
        .arg(&pristine)
        .arg(corpus().join("wikinews"))
        .assert()
        .success();
    let mut by_extension: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut segment_files: Vec<PathBuf> = Vec::new();
    for entry in fs::read_dir(&pristine).unwrap() {
        let path = entry.unwrap().path();
        let segment_file = path
            .extension()
            .and_then(|e| e.to_str())
            .filter(|e| !matches!(*e, "json" | "lock"));
        if let Some(ext) = segment_file {
            by_extension.entry(ext.to_string()).or_insert(path.clone());
            segment_files.push(path);
        }
    }
    assert!(by_extension.len() >= 6, "{by_extension:?}");
    let run_all = |index: &Path| -> Vec<(i32, String)> {
        let commands: [&[&str]; 4] = [
            &[
                "search",
                "--json",
                "peace",
                "--facets",
                "people,topics",
                "--timeline",
                "month",
            ],
            &["stats", "--json"],
            &["export"],
            &["people"],
        ];
        commands
            .iter()
            .map(|args| {
                let output = dateline()
                    .args(*args)
                    .arg("--index")
                    .arg(index)
                    .output()
                    .unwrap();
                let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
                assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
                (output.status.code().unwrap_or(-1), stderr)
            })
            .collect()
    };
    let damage = |name: &str, how: &dyn Fn(&Path)| -> PathBuf {
        let copy = dir.path().join(name);
        copy_dir(&pristine, &copy);
        how(&copy);
        copy
    };
    for (ext, original) in &by_extension {
        let file = original.file_name().unwrap().to_owned();
        // Truncated to half: every command says the index is damaged.
        let truncated = damage(&format!("truncated-{ext}"), &|copy: &Path| {
            let target = copy.join(&file);
            let len = fs::metadata(&target).unwrap().len();
            let bytes = fs::read(&target).unwrap();
            fs::write(&target, &bytes[..(len / 2) as usize]).unwrap();
        });
        for (code, stderr) in run_all(&truncated) {
            assert_eq!(code, 2, "truncated .{ext}: {stderr}");
            assert!(
                stderr.contains("is damaged") && stderr.contains("--rebuild"),
                "truncated .{ext}: {stderr}"
            );
        }
        // `index` reports it as `search` does, never with tantivy's own words.
        let output = dateline()
            .args(["index", "--quiet", "--index"])
            .arg(&truncated)
            .arg(corpus().join("seed"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.contains("Footer") && !stderr.contains("tantivy 0."),
            "index: {stderr}"
        );
        if output.status.code() == Some(2) {
            assert!(
                stderr.contains("is damaged"),
                "index, truncated .{ext}: {stderr}"
            );
        }
        // --rebuild recovers a damaged Dateline index.
        dateline()
            .args(["index", "--quiet", "--rebuild", "--index"])
            .arg(&truncated)
            .arg(corpus().join("wikinews"))
            .assert()
            .success();
        assert_eq!(total(&truncated, &[]), 377);
    }
    // Every segment file overwritten at one of seven places (64 bytes each
    // time): an error or an answer, never a panic's backtrace. Some places
    // make tantivy itself panic (on this corpus: a slice split past the end
    // in a damaged .fast file): the binary turns that into one line and
    // status 2.
    segment_files.sort();
    for original in &segment_files {
        let file = original.file_name().unwrap().to_owned();
        for eighth in 1..8 {
            let overwritten = damage("overwritten", &|copy: &Path| {
                let target = copy.join(&file);
                let mut bytes = fs::read(&target).unwrap();
                let start = bytes.len() * eighth / 8;
                let end = (start + 64).min(bytes.len());
                for (i, byte) in bytes[start..end].iter_mut().enumerate() {
                    *byte ^= 0xA5 ^ i as u8;
                }
                fs::write(&target, bytes).unwrap();
            });
            for (code, stderr) in run_all(&overwritten) {
                let what = format!("{file:?} overwritten at {eighth}/8: {stderr}");
                assert!(code <= 2, "{what}");
                assert!(stderr.lines().count() <= 1, "{what}");
            }
            fs::remove_dir_all(&overwritten).unwrap();
        }
    }
    let missing = damage("missing", &|copy: &Path| {
        let store = by_extension["store"].file_name().unwrap();
        fs::remove_file(copy.join(store)).unwrap();
    });
    for (code, stderr) in run_all(&missing) {
        assert_eq!(code, 2);
        assert!(stderr.contains("is damaged"), "{stderr}");
    }
    let garbage = damage("garbage-meta", &|copy: &Path| {
        fs::write(copy.join("meta.json"), "{\"segments\": [tru").unwrap();
    });
    for (code, stderr) in run_all(&garbage) {
        assert_eq!(code, 2);
        assert!(stderr.contains("meta.json"), "{stderr}");
    }
    // A meta.json that no longer says whose index it is: nothing is removed.
    let output = dateline()
        .args(["index", "--rebuild", "--index"])
        .arg(&garbage)
        .arg(corpus().join("seed"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("choose another --index directory"),
        "{stderr}"
    );
    assert!(!stderr.contains("by hand"), "{stderr}");
    assert!(garbage
        .join(by_extension["store"].file_name().unwrap())
        .exists());

    // Created with Dateline's schema and killed before the first commit.
    let fresh = dir.path().join("fresh");
    fs::create_dir_all(&fresh).unwrap();
    tantivy::Index::create_in_dir(&fresh, dateline_indexer::schema::build()).unwrap();
    dateline()
        .args(["index", "--quiet", "--index"])
        .arg(&fresh)
        .arg(corpus().join("seed"))
        .assert()
        .success();
    assert_eq!(total(&fresh, &[]), 1);
}
