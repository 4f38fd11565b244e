//! End-to-end tests: the `dateline` binary on temp copies of the bundled
//! corpus and on hand-made bad input.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::sync::OnceLock;

mod browser;
mod hostile;
mod languages;
mod reliability;
mod serve;
mod warc;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

fn dateline() -> Command {
    let mut cmd = Command::cargo_bin("dateline").expect("binary builds");
    // As a user runs it: RUST_BACKTRACE would keep the default panic output.
    cmd.env_remove("DATELINE_INDEX")
        .env_remove("DATELINE_ALIASES")
        .env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1");
    cmd
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

struct Fixture {
    _dir: TempDir,
    corpus: PathBuf,
    index: PathBuf,
}

/// One indexed copy of the corpus, shared by the read-only tests.
fn shared() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = TempDir::new().unwrap();
        let corpus_copy = dir.path().join("corpus");
        copy_dir(&corpus(), &corpus_copy);
        let index = dir.path().join("index");
        dateline()
            .args(["index", "--quiet", "--index"])
            .arg(&index)
            .arg(&corpus_copy)
            .assert()
            .success();
        Fixture {
            _dir: dir,
            corpus: corpus_copy,
            index,
        }
    })
}

fn json_out(cmd: &mut Command) -> (Value, i32) {
    let output = cmd.output().unwrap();
    let code = output.status.code().unwrap_or(-1);
    let text = String::from_utf8(output.stdout).unwrap();
    let value =
        serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    (value, code)
}

fn search(args: &[&str]) -> (Value, i32) {
    let fixture = shared();
    json_out(
        dateline()
            .arg("search")
            .arg("--index")
            .arg(&fixture.index)
            .arg("--json")
            .args(args),
    )
}

/// `dateline search --json Q` against the index at `index`.
fn search_in(index: &Path, q: &str) -> Value {
    json_out(
        dateline()
            .args(["search", "--json", "--index"])
            .arg(index)
            .arg(q),
    )
    .0
}

fn hit_files(response: &Value) -> Vec<String> {
    response["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            Path::new(h["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// What `dateline extract --json` says of every corpus article, by file name.
fn extracted() -> &'static HashMap<String, Value> {
    static EXTRACTED: OnceLock<HashMap<String, Value>> = OnceLock::new();
    EXTRACTED.get_or_init(|| {
        let output = dateline()
            .arg("extract")
            .arg("--json")
            .arg(corpus())
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|line| {
                let v: Value = serde_json::from_str(line).unwrap();
                let name = Path::new(v["path"].as_str().unwrap())
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (name, v)
            })
            .collect()
    })
}

fn earliest_date() -> Option<String> {
    extracted()
        .values()
        .filter_map(|a| a["date"].as_str())
        .min()
        .map(str::to_string)
}

#[test]
fn indexes_the_whole_corpus() {
    let fixture = shared();
    let (stats, code) = json_out(
        dateline()
            .args(["stats", "--json", "--index"])
            .arg(&fixture.index),
    );
    assert_eq!(code, 0);
    let expected = fs::read_dir(fixture.corpus.join("wikinews"))
        .unwrap()
        .count()
        + fs::read_dir(fixture.corpus.join("seed")).unwrap().count();
    assert_eq!(stats["articles"].as_u64().unwrap() as usize, expected);
    assert_eq!(stats["undated"], 0);
    assert_eq!(stats["first_date"].as_str(), earliest_date().as_deref());
    assert_eq!(stats["last_date"], "2025-12-02");
}

#[test]
fn summary_reports_counts_and_ignored_files() {
    let dir = TempDir::new().unwrap();
    let (report, code) = json_out(
        dateline()
            .args(["index", "--json", "--index"])
            .arg(dir.path().join("index"))
            .arg(corpus()),
    );
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["files_new"], 378);
    assert_eq!(report["articles_added"], 378);
    assert_eq!(
        report["files_ignored"], 1,
        "ATTRIBUTION.md is not an article"
    );
    assert_eq!(report["ignored_extensions"]["md"], 1);
}

#[test]
fn person_search_finds_exactly_the_articles_naming_the_person() {
    for (name, forms) in [
        ("Vladimir Putin", ["Putin", "vladimir putin"]),
        ("Volodymyr Zelensky", ["Zelenskyy", "Selenskyj"]),
    ] {
        let expected: Vec<String> = {
            let mut v: Vec<String> = extracted()
                .iter()
                .filter(|(_, a)| {
                    a["people"].as_array().unwrap().iter().any(|p| {
                        let n = p["name"].as_str().unwrap();
                        dateline_extract_key(n)
                            .ends_with(&dateline_extract_key(name.rsplit(' ').next().unwrap()))
                    })
                })
                .map(|(f, _)| f.clone())
                .collect();
            v.sort();
            v
        };
        assert!(!expected.is_empty(), "{name} is in the corpus");
        for form in forms {
            let (response, code) = search(&["--person", form, "--limit", "100"]);
            assert_eq!(code, 0);
            let mut found = hit_files(&response);
            found.sort();
            assert_eq!(found, expected, "--person {form}");
            assert_eq!(response["total"].as_u64().unwrap() as usize, expected.len());
        }
    }
}

/// Spelling-tolerant surname comparison for the test's own count: lower
/// case, `z`/`s` and `-yy`/`-yj`/`-y` endings folded.
fn dateline_extract_key(name: &str) -> String {
    let lower = name.to_lowercase().replace('z', "s");
    lower.trim_end_matches(['y', 'j', 'i']).to_string()
}

#[test]
fn facet_counts_equal_counts_from_extract() {
    let (response, code) = search(&["--facets", "people,places", "--top", "15", "--limit", "0"]);
    assert_eq!(code, 0);
    assert_eq!(response["total"], 378);
    let articles_naming = |key: &str, test: &dyn Fn(&str) -> bool| {
        extracted()
            .values()
            .filter(|a| {
                a[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| test(p["name"].as_str().or(p.as_str()).unwrap()))
            })
            .count()
    };
    let places = response["facets"]["places"].as_array().unwrap();
    assert_eq!(places.len(), 15);
    for value in places {
        let name = value["value"].as_str().unwrap();
        let independent = articles_naming("places", &|p| p == name);
        assert_eq!(
            value["count"].as_u64().unwrap() as usize,
            independent,
            "place {name}"
        );
    }
    // People are counted as the archive's people: the articles that write
    // the name, and those that write another form of it (a surname alone, a
    // short given name), never those naming no one of that surname.
    let people = response["facets"]["people"].as_array().unwrap();
    assert_eq!(people.len(), 15);
    let mut grouped = 0;
    for value in people {
        let name = value["value"].as_str().unwrap();
        let count = value["count"].as_u64().unwrap() as usize;
        let surname = name.rsplit(' ').next().unwrap();
        let exact = articles_naming("people", &|p| p == name);
        let same_surname = articles_naming("people", &|p| p.rsplit(' ').next() == Some(surname));
        assert!(
            exact <= count && count <= same_surname,
            "person {name}: {count}"
        );
        grouped += usize::from(count > exact);
        let (filtered, code) = search(&["--person", name, "--limit", "0"]);
        assert_eq!(code, 0);
        assert_eq!(
            filtered["total"].as_u64().unwrap() as usize,
            count,
            "--person {name}"
        );
    }
    assert!(
        grouped > 0,
        "some person of the corpus is named by surname alone"
    );
    // Organisations too: "WHO" and "World Health Organization" are one.
    let (response, _) = search(&["--facets", "orgs", "--top", "15", "--limit", "0"]);
    let orgs = response["facets"]["organizations"].as_array().unwrap();
    assert_eq!(orgs.len(), 15);
    let who = orgs
        .iter()
        .find(|o| o["value"] == "World Health Organization")
        .expect("WHO is among the top organisations");
    assert!(!orgs.iter().any(|o| o["value"] == "WHO"), "{orgs:?}");
    let written = articles_naming("organizations", &|o| o == "World Health Organization");
    assert!(who["count"].as_u64().unwrap() as usize > written);
    for value in orgs {
        let name = value["value"].as_str().unwrap();
        let (filtered, code) = search(&["--org", name, "--limit", "0"]);
        assert_eq!(code, 0);
        assert_eq!(filtered["total"], value["count"], "--org {name}");
    }
}

#[test]
fn date_filters_include_whole_periods_and_exclude_outside() {
    // The corpus has articles dated 2020-01-18.
    let on_day = extracted()
        .values()
        .filter(|a| a["date"] == "2020-01-18")
        .count();
    let in_january = extracted()
        .values()
        .filter(|a| a["date"].as_str().is_some_and(|d| d.starts_with("2020-01")))
        .count();
    assert!(on_day > 0 && in_january > on_day);
    let total = |args: &[&str]| search(args).0["total"].as_u64().unwrap() as usize;
    assert_eq!(
        total(&["--from", "2020-01-18", "--to", "2020-01-18"]),
        on_day
    );
    assert_eq!(total(&["--from", "2020-01", "--to", "2020-01"]), in_january);
    assert_eq!(
        total(&["--from", "2020-01-01", "--to", "2020-01-31"]),
        in_january
    );
    assert_eq!(total(&["date:[2020-01 TO 2020-01]"]), in_january);
    let after = total(&["--from", "2020-01-19", "--to", "2020-01-31"]);
    let before = total(&["--from", "2020-01-01", "--to", "2020-01-17"]);
    assert_eq!(before + on_day + after, in_january);
}

#[test]
fn timeline_buckets_sum_to_the_total() {
    let (response, _) = search(&["government", "--timeline", "month", "--limit", "0"]);
    let total = response["total"].as_u64().unwrap();
    assert!(total > 10);
    let buckets = response["timeline"].as_array().unwrap();
    let sum: u64 = buckets.iter().map(|b| b["count"].as_u64().unwrap()).sum();
    assert_eq!(sum + response["undated"].as_u64().unwrap(), total);
    // Empty months are present: consecutive buckets are one month apart.
    let starts: Vec<&str> = buckets
        .iter()
        .map(|b| b["start"].as_str().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]));
    assert!(buckets.iter().any(|b| b["count"] == 0));
    assert!(starts.iter().all(|s| s.ends_with("-01")));
}

#[test]
fn words_are_all_required_and_phrases_work() {
    let total = |q: &str| search(&[q]).0["total"].as_u64().unwrap();
    let either = total("Putin OR Zelensky");
    let both = total("Putin Zelensky");
    assert!(both < either, "AND by default: {both} < {either}");
    assert!(total("\"five hours\"") >= 1);
    assert!(total("\"hours five\"") < total("hours five"));
    assert_eq!(total("Putin -Putin"), 0);
    // `title:` is the headline shown: the Wikinews files give none, and the
    // headline derived from the lead is searched.
    let (titled, _) = search(&["title:election", "--limit", "100"]);
    assert!(titled["total"].as_u64().unwrap() >= 10);
    for hit in titled["hits"].as_array().unwrap() {
        let title = hit["title"].as_str().unwrap().to_lowercase();
        assert!(title.contains("elect"), "{hit}");
    }
    assert!(total("title:election") < total("election"));
}

/// `word*` finds every word that starts so, `"a b"~N` words near each
/// other; operators Dateline does not support, and a reversed period in
/// either syntax, are errors that say where and what, never dropped.
#[test]
fn prefixes_proximity_and_unsupported_operators() {
    let total = |q: &str| search(&[q]).0["total"].as_u64().unwrap();
    let ids = |q: &str| {
        let mut files = hit_files(&search(&[q, "--limit", "1000"]).0);
        files.sort();
        files
    };
    let negotiat = ids("negotiat*");
    for word in ["negotiations", "negotiate", "negotiator"] {
        let whole = ids(word);
        assert!(!whole.is_empty(), "{word}");
        assert!(whole.iter().all(|f| negotiat.contains(f)), "{word}");
    }
    // Words with other stems than the one typed: "reporting", "reporter".
    let report = ids("report*");
    for word in ["report", "reported", "reporters"] {
        let whole = ids(word);
        assert!(!whole.is_empty(), "{word}");
        assert!(whole.iter().all(|f| report.contains(f)), "{word}");
    }
    assert!(report.len() > ids("report").len());
    assert!(total("\"peace talks\"~3") >= total("\"peace talks\""));
    assert!(total("\"talks peace\"~3") > total("\"talks peace\""));
    // Fuzzy words: within edits of the word typed, by its length by default.
    // "tlaks" is one swap from "talks".
    assert!(total("talks") > 0);
    assert!(total("tlaks~1") >= total("talks"));
    assert_eq!(total("tlaks~"), total("tlaks~1"));
    assert_eq!(total("tlaks~0"), 0);
    for (query, position, says) in [
        ("peace talks~3", 11, "0, 1 or 2 edits"),
        ("peace^2", 5, "boost"),
        ("ne?otiations", 2, "wildcard"),
        ("n*", 0, "at least two"),
    ] {
        let output = dateline()
            .args(["search", "--index"])
            .arg(&shared().index)
            .arg(query)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{query}: {stderr}");
        assert!(
            stderr.contains(&format!("position {position}:")) && stderr.contains(says),
            "{query}: {stderr}"
        );
    }
    let reversed = |args: &[&str]| {
        let output = dateline()
            .args(["search", "--index"])
            .arg(&shared().index)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let in_text = reversed(&["talks date:[2024-04 TO 2024-03]"]);
    let in_flags = reversed(&["talks", "--from", "2024-04", "--to", "2024-03"]);
    assert!(in_text.contains("is reversed"), "{in_text}");
    assert_eq!(in_text, in_flags);
}

/// A query may start with `-word`, and options still work around it.
#[test]
fn a_query_may_start_with_an_exclusion() {
    let total = |args: &[&str]| search(args).0["total"].as_u64().unwrap();
    let all = total(&[]);
    let putin = total(&["Putin"]);
    assert!(putin > 0 && putin < all);
    assert_eq!(total(&["-Putin"]), all - putin);
    let (limited, code) = search(&["-Putin", "--limit", "2", "--sort", "newest"]);
    assert_eq!(code, 0);
    assert_eq!(limited["query"], "-Putin");
    assert_eq!(limited["hits"].as_array().unwrap().len(), 2);
    assert_eq!(
        total(&["--limit", "1", "talks", "-Putin"]),
        total(&["talks"]) - total(&["talks Putin"])
    );
}

/// CSV parses back to what `--json` says: the same hits, articles and
/// totals, several values joined with "; ".
#[test]
fn csv_output_matches_the_json() {
    let index = &shared().index;
    let csv_rows = |args: &[&str], input: Option<&str>| {
        let mut cmd = dateline();
        cmd.arg("--index").arg(index).args(args);
        if let Some(input) = input {
            cmd.write_stdin(input.to_string());
        }
        let output = cmd.output().unwrap();
        assert!(output.status.code().unwrap() <= 1, "{args:?}");
        let mut reader = csv::Reader::from_reader(&output.stdout[..]);
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        (header, rows)
    };
    let (json, _) = search(&["Putin", "--limit", "50"]);
    let (header, rows) = csv_rows(
        &["search", "Putin", "--limit", "50", "--format", "csv"],
        None,
    );
    let hits = json["hits"].as_array().unwrap();
    assert_eq!(rows.len(), hits.len());
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, hit) in rows.iter().zip(hits) {
        assert_eq!(row[column("id")], hit["id"].as_str().unwrap());
        let topics: Vec<&str> = hit["topics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(row[column("topics")], topics.join("; "));
    }

    let (header, rows) = csv_rows(&["export", "Putin", "--format", "csv"], None);
    assert_eq!(
        rows.len() as u64,
        search(&["Putin"]).0["total"].as_u64().unwrap()
    );
    assert!(header.iter().any(|h| h == "body") && header.iter().any(|h| h == "people"));

    let (header, rows) = csv_rows(
        &["batch", "--format", "csv"],
        Some("Putin\n{\"id\": \"b\", \"q\": \"talks\", \"topic\": \"politics\"}\n{\"q\": \"\\\"open\"}\n"),
    );
    assert_eq!(header, ["line", "id", "query", "total", "error"]);
    assert_eq!(rows[0][3], search(&["Putin"]).0["total"].to_string());
    assert_eq!(rows[1][1], "b");
    assert_eq!(
        rows[1][3],
        search(&["talks", "--topic", "politics"]).0["total"].to_string()
    );
    assert_eq!(rows[2][1], "3");
    assert!(rows[2][4].contains("unclosed quote"), "{:?}", rows[2]);
}

/// Completion scripts for the usual shells and man pages come from the
/// same definitions as the flags.
#[test]
fn completions_and_man_pages() {
    for shell in ["bash", "zsh", "fish"] {
        let output = dateline().args(["completions", shell]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        assert!(
            script.contains("search") && script.contains("timeline"),
            "{shell}"
        );
    }
    let output = dateline().args(["man"]).output().unwrap();
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(
        page.contains(".TH dateline 1") && page.contains("search"),
        "{page}"
    );
    let output = dateline().args(["man", "search"]).output().unwrap();
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(
        page.contains(".TH dateline-search 1") && page.contains("\\-\\-person"),
        "{page}"
    );
    let output = dateline().args(["man", "nosuch"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("choose one of"));
}

/// Every `dateline` example in the README's shell blocks runs, as written,
/// on the bundled corpus, and every search example finds articles.
#[test]
fn readme_examples_work_on_the_corpus() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md")).unwrap();
    let blocks: Vec<&str> = readme
        .split("```sh\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .collect();
    let dir = TempDir::new().unwrap();
    // The request file the README shows with `cat requests.jsonl`.
    for block in &blocks {
        if let Some(shown) = block.split("cat requests.jsonl\n").nth(1) {
            let lines: Vec<&str> = shown
                .lines()
                .take_while(|l| !l.starts_with("dateline "))
                .collect();
            fs::write(dir.path().join("requests.jsonl"), lines.join("\n") + "\n").unwrap();
        }
    }
    let bin = assert_cmd::cargo::cargo_bin("dateline");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // A command ending in `|` goes on on the next line.
    let joined: Vec<String> = blocks
        .iter()
        .map(|block| block.replace("|\n  ", "| "))
        .collect();
    let lines: Vec<&str> = joined.iter().flat_map(|block| block.lines()).collect();
    let examples: Vec<&str> = lines
        .iter()
        .filter(|line| line.starts_with("dateline ") && !line.starts_with("dateline serve"))
        .map(|line| line.split("  #").next().unwrap().trim())
        .collect();
    assert!(examples.len() >= 10, "{examples:?}");
    readme_server_examples(&lines, &path);
    for example in examples {
        let output = StdCommand::new("sh")
            .arg("-c")
            .arg(example)
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("DATELINE_INDEX", &shared().index)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{example}: {stderr}");
        if example.starts_with("dateline search") {
            assert!(!stdout.starts_with("0 articles"), "{example}: {stdout}");
        }
    }
}

/// The README's `dateline serve` lines start a server (each prints its
/// address), and its `curl` lines are answered by the one on the default
/// address, without an error.
fn readme_server_examples(lines: &[&str], path: &str) {
    use std::io::{BufRead, BufReader};
    let serves: Vec<&str> = lines
        .iter()
        .filter(|line| line.starts_with("dateline serve"))
        .map(|line| line.split("  #").next().unwrap().trim())
        .collect();
    assert!(!serves.is_empty(), "the README shows dateline serve");
    let mut servers = Vec::new();
    for example in serves {
        let mut child = StdCommand::new("sh")
            .arg("-c")
            .arg(format!("exec {example}"))
            .env("PATH", path)
            .env("DATELINE_INDEX", &shared().index)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(
            first.contains("serving") && first.contains("http://127.0.0.1:"),
            "{example}: {first}"
        );
        servers.push(child);
    }
    let curl = StdCommand::new("curl").arg("--version").output().is_ok();
    for example in lines
        .iter()
        .filter(|l| l.contains("curl ") && l.contains("127.0.0.1:8080"))
    {
        if !curl {
            eprintln!("README curl examples not run: no curl");
            break;
        }
        let output = StdCommand::new("sh")
            .arg("-c")
            .arg(example.replace("curl ", "curl -sS --fail-with-body "))
            .env("PATH", path)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "{example}: {stdout}");
        assert!(!stdout.contains("\"error\""), "{example}: {stdout}");
    }
    for mut server in servers {
        let _ = server.kill();
        let _ = server.wait();
    }
}

#[test]
fn a_shared_timeline_gives_each_bucket_its_share_of_all_articles() {
    let (response, code) = search(&["election", "--timeline", "year", "--share", "--limit", "0"]);
    assert_eq!(code, 0);
    let (everything, _) = search(&["--timeline", "year", "--limit", "0"]);
    let all_per_year: HashMap<String, u64> = everything["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["start"].as_str().unwrap().to_string(),
                b["count"].as_u64().unwrap(),
            )
        })
        .collect();
    let buckets = response["timeline"].as_array().unwrap();
    assert!(buckets.len() > 2, "{response}");
    for bucket in buckets {
        let (count, all) = (
            bucket["count"].as_u64().unwrap(),
            bucket["all"].as_u64().unwrap(),
        );
        assert_eq!(
            Some(&all),
            all_per_year
                .get(bucket["start"].as_str().unwrap())
                .or(Some(&0))
        );
        assert!(count <= all, "{bucket}");
        match bucket["share"].as_f64() {
            Some(share) => assert!((share - count as f64 / all as f64).abs() < 1e-9, "{bucket}"),
            None => assert_eq!(all, 0, "only an empty year has no share: {bucket}"),
        }
    }
    let output = dateline()
        .args(["search", "--index"])
        .arg(&shared().index)
        .args(["election", "--share"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "--share needs --timeline");
}

#[test]
fn snippets_highlight_the_matched_words() {
    let (response, _) = search(&["Witkoff"]);
    let snippet = &response["hits"][0]["snippet"];
    let text = snippet["text"].as_str().unwrap();
    let words = marked(text, &snippet["highlights"]);
    assert!(!words.is_empty());
    for word in words {
        assert_eq!(word, "Witkoff");
    }
    assert!(!text.contains("Image:"), "credits stay out of snippets");

    // With only a person or place filter, the passage that names them.
    for filter in [["--person", "Navalny"], ["--place", "Germany"]] {
        let (response, _) = search(&filter);
        let hits = response["hits"].as_array().unwrap();
        assert!(!hits.is_empty());
        for hit in hits {
            let text = hit["snippet"]["text"].as_str().unwrap();
            let words = marked(text, &hit["snippet"]["highlights"]);
            let wanted = filter[1].to_lowercase();
            assert!(
                words.iter().any(|w| w.to_lowercase().contains(&wanted)),
                "{filter:?}: {words:?} in {text}"
            );
        }
    }
    // A headline search marks the headline.
    let (response, _) = search(&["title:trump", "--limit", "50"]);
    let hits = response["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    for hit in hits {
        let title = hit["title"].as_str().unwrap();
        let words = marked(title, &hit["title_highlights"]);
        assert!(!words.is_empty(), "no marks in {title}");
        assert!(
            words.iter().all(|m| m.to_lowercase() == "trump"),
            "{words:?} in {title}"
        );
    }
    // A place filter marks the place in headlines as each writes it.
    let (response, _) = search(&["--place", "United States", "--limit", "100"]);
    let mut forms = std::collections::BTreeSet::new();
    for hit in response["hits"].as_array().unwrap() {
        let title = hit["title"].as_str().unwrap();
        forms.extend(marked(title, &hit["title_highlights"]));
    }
    assert!(
        forms.contains("United States") && forms.contains("U.S."),
        "{forms:?}"
    );
    // A place filtered on as the article writes it: the corpus's Kyiv
    // article says "Kiev".
    let (response, _) = search(&["--place", "Kyiv"]);
    let hit = &response["hits"][0]["snippet"];
    let text = hit["text"].as_str().unwrap();
    let words = marked(text, &hit["highlights"]);
    assert!(words.contains(&"Kiev"), "{words:?} in {text}");
}

/// The parts of `text` that `ranges` (byte ranges, as hits give them)
/// mark; none when `ranges` is absent.
fn marked<'a>(text: &'a str, ranges: &Value) -> Vec<&'a str> {
    ranges
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| &text[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
        .collect()
}

/// The highlighted words of every hit of `q`, and the total.
fn highlighted_words(q: &str) -> (u64, Vec<String>) {
    let (response, code) = search(&[q, "--limit", "50"]);
    assert_eq!(code, 0, "{q}: {response}");
    let mut words = Vec::new();
    for hit in response["hits"].as_array().unwrap() {
        let text = hit["snippet"]["text"].as_str().unwrap();
        words.extend(
            marked(text, &hit["snippet"]["highlights"])
                .into_iter()
                .map(str::to_string),
        );
    }
    (response["total"].as_u64().unwrap(), words)
}

#[test]
fn words_match_whatever_their_accents() {
    // The corpus writes the Turkish president's name both ways.
    let (total, words) = highlighted_words("Erdogan");
    assert!(words.iter().any(|w| w == "Erdoğan"), "{words:?}");
    assert!(words.iter().any(|w| w == "Erdogan"), "{words:?}");
    for q in ["erdoğan", "ERDOGAN", "erdo*"] {
        let (same, more) = highlighted_words(q);
        assert_eq!(same, total, "{q}");
        assert!(
            more.iter()
                .all(|w| ["erdoğan", "erdogan"].contains(&w.to_lowercase().as_str())),
            "{q}: {more:?}"
        );
    }
    // Words whose accented and plain spellings stem apart (Snowball takes
    // "é" for no vowel), both ways, and in a phrase.
    for (plain, accented) in [
        ("Frederic", "Frédéric"),
        ("Agnes", "Agnès"),
        ("apres", "après"),
        ("\"agnes callamard\"", "\"Agnès Callamard\""),
    ] {
        let (a, _) = highlighted_words(plain);
        let (b, words) = highlighted_words(accented);
        assert!(a > 0 && a == b, "{plain} {a}, {accented} {b}");
        assert!(!words.is_empty(), "{accented}");
    }
    // A phrase too, each of its words.
    let (phrase, words) = highlighted_words("\"tayyip erdogan\"");
    assert!(phrase > 0 && phrase <= total);
    assert!(
        words
            .iter()
            .all(|w| w == "Tayyip Erdoğan" || w == "Tayyip Erdogan"),
        "{words:?}"
    );
}

#[test]
fn a_phrase_ending_in_a_prefix_finds_each_ending_and_marks_it_whole() {
    let (whole, _) = highlighted_words("\"tayyip erdogan\"");
    for q in ["\"tayyip erdo*\"", "\"Tayyip Erdo\"*"] {
        let (total, words) = highlighted_words(q);
        assert_eq!(total, whole, "{q}");
        assert!(!words.is_empty(), "{q}");
        assert!(
            words
                .iter()
                .all(|w| w == "Tayyip Erdoğan" || w == "Tayyip Erdogan"),
            "{q}: {words:?}"
        );
    }
    // Whatever its accents, and whatever the words before it: "Erdoğan"
    // is written so in some articles.
    for (q, same_as) in [
        ("\"tayyip erdog*\"", "\"tayyip erdogan\""),
        ("\"tayyip erdoğ*\"", "\"tayyip erdogan\""),
        ("\"président rec*\"", "\"president rec*\""),
    ] {
        assert_eq!(highlighted_words(q).0, highlighted_words(same_as).0, "{q}");
    }
    // A shorter prefix finds no fewer: every word it starts counts.
    let (pr, _) = highlighted_words("\"the pr*\"");
    let (pre, _) = highlighted_words("\"the pre*\"");
    let (pro, _) = highlighted_words("\"the pro*\"");
    assert!(pr >= pre.max(pro) && pre > 0 && pro > 0, "{pr} {pre} {pro}");
    // A word with inner punctuation is the phrase of its parts.
    let (covid, words) = highlighted_words("covid-19*");
    assert!(
        covid > 0 && words.iter().all(|w| w.to_lowercase().starts_with("covid")),
        "{words:?}"
    );
    // The prefix is of the last word only, side by side with the others.
    let (prime, words) = highlighted_words("\"prime minis*\"");
    let (minister, _) = highlighted_words("\"prime minister\"");
    assert!(prime >= minister && minister > 0, "{prime} {minister}");
    assert!(
        words
            .iter()
            .all(|w| w.to_lowercase().starts_with("prime minis")),
        "{words:?}"
    );
    // A sign inside quotes is an error naming it, not a word dropped.
    let output = dateline()
        .args(["search", "--index"])
        .arg(&shared().index)
        .arg("\"oil -prices\"")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("position 5:") && stderr.contains("`-prices` inside quotes"),
        "{stderr}"
    );
}

#[test]
fn exit_statuses_follow_ripgrep() {
    let fixture = shared();
    let run = |args: &[&str]| {
        dateline()
            .arg("search")
            .arg("--index")
            .arg(&fixture.index)
            .args(args)
            .output()
            .unwrap()
    };
    assert_eq!(run(&["Putin"]).status.code(), Some(0));
    assert_eq!(run(&["xyzzyplugh"]).status.code(), Some(1));
    let malformed = run(&["\"unclosed"]);
    assert_eq!(malformed.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&malformed.stderr);
    assert!(
        stderr.contains("unclosed quote") && stderr.contains("position 0"),
        "{stderr}"
    );
    let unknown = run(&["--person", "Vladimir Putln"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("Vladimir Putin"),
        "suggests the closest name"
    );
    // A value that is part of known ones suggests them first.
    for (flag, typed, known) in [
        ("--place", "Saudi", "Saudi Arabia"),
        ("--org", "World Health", "World Health Organization"),
    ] {
        let unknown = run(&[flag, typed]);
        assert_eq!(unknown.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&unknown.stderr);
        assert!(
            stderr.contains(&format!("closest known: {known}")),
            "{flag} {typed}: {stderr}"
        );
    }
    let topic = run(&["--topic", "zzzz"]);
    assert_eq!(topic.status.code(), Some(2));
    // A closed pipe is not an error.
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("dateline"))
        .args(["search", "--limit", "100", "--index"])
        .arg(&fixture.index)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn sorts_by_date() {
    let (newest, _) = search(&["--sort", "newest", "--limit", "5"]);
    let dates: Vec<&str> = newest["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates[0], "2025-12-02");
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let (oldest, _) = search(&["--sort", "oldest", "--limit", "3"]);
    assert_eq!(
        oldest["hits"][0]["date"].as_str(),
        earliest_date().as_deref()
    );
}

/// A topic filter ranks the articles most about the topic first: every
/// article whose strongest topic it is, with a confident score, before every
/// article where it is a weak further topic.
#[test]
fn topic_filters_rank_articles_most_about_the_topic_first() {
    for (name, id) in [
        ("politics", "medtop:11000000"),
        ("conflict", "medtop:16000000"),
        ("sport", "medtop:15000000"),
    ] {
        let (response, _) = search(&["--topic", name, "--limit", "1000"]);
        let mut strong = Vec::new();
        let mut weak = Vec::new();
        for (rank, file) in hit_files(&response).iter().enumerate() {
            let topics = extracted()[file]["topics"].as_array().unwrap();
            let score = topics
                .iter()
                .find(|t| t["id"] == id)
                .map_or(0.0, |t| t["score"].as_f64().unwrap());
            if topics[0]["id"] == id && score >= 0.8 {
                strong.push(rank);
            } else if score < 0.3 {
                weak.push(rank);
            }
        }
        assert!(
            !strong.is_empty() && !weak.is_empty(),
            "{name}: {strong:?} {weak:?}"
        );
        let last_strong = strong.iter().max().unwrap();
        let first_weak = weak.iter().min().unwrap();
        assert!(
            last_strong < first_weak,
            "{name}: strong at {strong:?}, weak at {weak:?}"
        );
    }
}

#[test]
fn show_prints_one_article() {
    let fixture = shared();
    let (article, code) = json_out(
        dateline()
            .args(["show", "--json", "seed/000_07793343fe452d34.txt", "--index"])
            .arg(&fixture.index),
    );
    assert_eq!(code, 0);
    assert_eq!(article["date"], "2025-12-02");
    assert!(article["body"].as_str().unwrap().contains("Wadephul"));
    assert!(!article["body"].as_str().unwrap().contains("Show more"));
}

/// The archive decides who a surname alone is: an article added later
/// that names the person in full changes the older articles' person too,
/// for facets and filters, and the kept resolution follows the index.
#[test]
fn adding_articles_resolves_older_ones_again() {
    let dir = TempDir::new().unwrap();
    let archive = dir.path().join("archive");
    let index = dir.path().join("index");
    fs::create_dir_all(&archive).unwrap();
    let write = |name: &str, date: &str, text: &str| {
        fs::write(
            archive.join(name),
            format!("title {name}\ndate {date}\n\n{text}\n"),
        )
        .unwrap();
    };
    write(
        "one.txt",
        "1987-03-02",
        "President Reagan said on Monday that trade talks with Japan would go on.",
    );
    write(
        "two.txt",
        "1987-03-03",
        "The White House said President Reagan would speak on Tuesday about the budget.",
    );
    let run = |args: &[&str]| {
        json_out(
            dateline()
                .args(args)
                .arg("--json")
                .arg("--index")
                .arg(&index),
        )
        .0
    };
    let index_archive = || {
        dateline()
            .args(["index", "--quiet", "--index"])
            .arg(&index)
            .arg(&archive)
            .assert()
            .success();
    };
    index_archive();
    assert!(index.join("catalogue.json").is_file());
    let people = |response: Value| -> Vec<(String, u64)> {
        response["facets"]["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (
                    v["value"].as_str().unwrap().to_string(),
                    v["count"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let facet = || people(run(&["search", "--facets", "people", "--limit", "0"]));
    assert_eq!(facet(), [("Reagan".to_string(), 2)]);
    write(
        "three.txt",
        "1987-03-04",
        "Ronald Reagan met Prime Minister Yasuhiro Nakasone in Washington on Wednesday.",
    );
    index_archive();
    // One article naming him in full is not yet enough to decide.
    assert!(facet().contains(&("Reagan".to_string(), 2)));
    write(
        "four.txt",
        "1987-03-05",
        "Ronald Reagan signed the trade bill on Thursday, officials said.",
    );
    index_archive();
    let after = facet();
    assert!(
        after.contains(&("Ronald Reagan".to_string(), 4)),
        "{after:?}"
    );
    assert!(!after.iter().any(|(name, _)| name == "Reagan"), "{after:?}");
    assert_eq!(
        run(&["search", "--person", "Ronald Reagan", "--limit", "0"])["total"],
        4
    );
    assert_eq!(
        run(&["search", "--person", "Reagan", "--limit", "0"])["total"],
        4
    );
    // A damaged or foreign catalogue.json is made anew.
    fs::write(index.join("catalogue.json"), "{\"rules\": [").unwrap();
    assert_eq!(facet(), after);
}

/// `index` with no path updates an index from the sources it was built
/// from, wherever it runs; only a new index takes the bundled sample, and
/// says so; an index that records no sources is an error that changes
/// nothing.
#[test]
fn index_without_a_path_updates_from_the_remembered_sources() {
    let dir = TempDir::new().unwrap();
    let archive = dir.path().join("archive");
    copy_dir(&corpus().join("wikinews"), &archive);
    // A folder named like the sample where the command runs.
    let elsewhere = dir.path().join("elsewhere");
    copy_dir(&corpus().join("seed"), &elsewhere.join("corpus"));
    let index = dir.path().join("idx");
    let run = |args: &[&str], cwd: &Path| {
        let output = dateline()
            .current_dir(cwd)
            .arg("index")
            .arg("--index")
            .arg(&index)
            .args(args)
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        (output.status.code(), stdout, stderr)
    };
    let (code, out, _) = run(&["--json", "archive"], dir.path());
    assert_eq!(code, Some(0));
    let first: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(first["articles_total"], 377);

    fs::write(
        archive.join("new-article.txt"),
        " date 2023-04-05 Residents of Zorblatt celebrated a new bridge.\n",
    )
    .unwrap();
    let (code, out, err) = run(&[], &elsewhere);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("from its sources") && err.contains("archive"),
        "{err}"
    );
    assert!(out.contains("1 added"), "{out}");
    let total = |cwd: &Path| {
        let (code, out, _) = run(&["--json"], cwd);
        assert_eq!(code, Some(0));
        serde_json::from_str::<Value>(out.trim()).unwrap()["articles_total"].clone()
    };
    assert_eq!(total(&elsewhere), 378, "the sample beside it was not added");

    fs::remove_file(index.join("sources.json")).unwrap();
    let (code, _, err) = run(&[], &elsewhere);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("does not record what it was built from"),
        "{err}"
    );
    assert!(!index.join("sources.json").exists());

    // With no sample folder where it runs, a new index is an error that
    // creates nothing.
    let nowhere = dir.path().join("nowhere");
    let output = dateline()
        .current_dir(&archive)
        .arg("index")
        .arg("--index")
        .arg(&nowhere)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("give the files or folders"));
    assert!(!nowhere.exists());

    let fresh = dir.path().join("fresh");
    let output = dateline()
        .current_dir(&elsewhere)
        .arg("index")
        .arg("--index")
        .arg(&fresh)
        .output()
        .unwrap();
    let err = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("indexing the bundled sample, corpus"), "{err}");
    assert!(fs::read_to_string(fresh.join("sources.json"))
        .unwrap()
        .contains("corpus"));
}

#[test]
fn incremental_update_adds_changes_and_removes() {
    let dir = TempDir::new().unwrap();
    let archive = dir.path().join("archive");
    copy_dir(&corpus().join("wikinews"), &archive);
    let index = dir.path().join("index");
    let index_json = || {
        json_out(
            dateline()
                .args(["index", "--json", "--index"])
                .arg(&index)
                .arg(&archive),
        )
    };
    let total = |q: &str| {
        json_out(
            dateline()
                .args(["search", "--json", "--index"])
                .arg(&index)
                .arg(q),
        )
        .0["total"]
            .as_u64()
            .unwrap()
    };
    let (first, _) = index_json();
    assert_eq!(first["articles_total"], 377);
    let ants_before = total("ants");
    assert!(ants_before >= 1);
    let (again, code) = index_json();
    assert_eq!(code, 0);
    assert_eq!(again["files_unchanged"], 377);
    assert_eq!(again["bytes_read"], 0, "unchanged files are not read again");

    let changed = archive.join("GUM_interview_ants.txt");
    let mut text = fs::read_to_string(&changed).unwrap();
    text.push_str("\n\nThe quokkaflorp colony was counted again.\n");
    fs::write(&changed, text).unwrap();
    fs::remove_file(archive.join("GUM_interview_chomsky.txt")).unwrap();
    fs::write(
        archive.join("new-article.txt"),
        " date 2023-04-05 Residents of Zorblatt celebrated a new bridge on Tuesday.\n\nMayor Anna Lindqvist opened it.\n",
    )
    .unwrap();
    let (update, code) = index_json();
    assert_eq!(code, 0);
    assert_eq!(update["files_changed"], 1);
    assert_eq!(update["files_removed"], 1);
    assert_eq!(update["files_new"], 1);
    assert_eq!(update["articles_total"], 377);
    // Each article counted once: the changed one updated, not also removed.
    assert_eq!(update["articles_updated"], 1);
    assert_eq!(update["articles_added"], 1);
    assert_eq!(update["articles_removed"], 1, "the deleted file's article");

    assert_eq!(total("quokkaflorp"), 1);
    assert_eq!(total("Zorblatt"), 1);
    assert_eq!(total("Chomsky"), 0, "the deleted interview is gone");
    assert_eq!(
        total("ants"),
        ants_before,
        "the changed article is still found"
    );

    let (rebuilt, _) = json_out(
        dateline()
            .args(["index", "--json", "--rebuild", "--index"])
            .arg(&index)
            .arg(&archive),
    );
    assert_eq!(rebuilt["files_new"], 377);
    assert_eq!(rebuilt["articles_total"], 377);
}

#[test]
fn bad_input_is_reported_and_the_rest_indexed() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("input");
    fs::create_dir_all(input.join("nested/deeper")).unwrap();
    fs::write(
        input.join("good.txt"),
        " date 2021-03-04 Good article about the harbour of Valletta.\n",
    )
    .unwrap();
    fs::write(
        input.join("cp1252.txt"),
        b" date 2021-03-05 Caf\xe9 owners in Lyon protested.\n",
    )
    .unwrap();
    fs::write(input.join("empty.txt"), "").unwrap();
    fs::write(input.join("blank.txt"), "  \n\n \n").unwrap();
    fs::write(
        input.join("nodate.txt"),
        "An article with no date line about Reykjavik.\n",
    )
    .unwrap();
    fs::write(
        input.join("baddate.txt"),
        " date 2025-02-30 An impossible date in Tallinn.\n",
    )
    .unwrap();
    fs::write(input.join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    fs::write(
        input.join("nested/deeper/feed.jsonl"),
        concat!(
            r#"{"title": "Line one", "date": "2022-01-01", "text": "Text about Oslo."}"#,
            "\n{\"title\": \"truncated\", \"text\": \n",
            r#"{"title": "Line three", "date": "2022-01-03", "text": "Text about Bergen."}"#,
            "\n"
        ),
    )
    .unwrap();
    fs::write(input.join("notes.md"), "# not an article").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&input, input.join("nested/loop")).unwrap();

    let output = dateline()
        .args(["index", "--index"])
        .arg(dir.path().join("index"))
        .arg(&input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "skipped input gives status 1\n{stderr}"
    );
    for (file, reason) in [
        ("empty.txt", "empty file"),
        ("blank.txt", "empty file"),
        ("binary.txt", "binary"),
        ("feed.jsonl:2", "invalid JSON"),
        ("cp1252.txt", "Windows-1252"),
        // Undated articles are one line with examples (each with -v).
        ("nodate.txt", "2 articles indexed without a date"),
        ("baddate.txt", "2 articles indexed without a date"),
        ("loop", "symbolic link loop"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(file) && l.contains(reason)),
            "expected `{file}`: `{reason}` in\n{stderr}"
        );
    }
    assert!(stdout.contains("6 in the index"), "{stdout}");
    let index = dir.path().join("index");
    for word in ["Valletta", "Café", "Reykjavik", "Tallinn", "Oslo", "Bergen"] {
        let (response, code) = json_out(
            dateline()
                .args(["search", "--json", "--index"])
                .arg(&index)
                .arg(word),
        );
        assert_eq!(code, 0, "{word}");
        assert_eq!(response["total"], 1, "{word}");
    }
    let (line3, _) = json_out(
        dateline()
            .args(["search", "--json", "--index"])
            .arg(&index)
            .arg("Bergen"),
    );
    assert!(line3["hits"][0]["id"]
        .as_str()
        .unwrap()
        .ends_with("feed.jsonl#3"));
    // Undated articles are excluded by date filters.
    let (dated, _) = json_out(
        dateline()
            .args(["search", "--json", "--from", "1900", "--index"])
            .arg(&index),
    );
    assert_eq!(dated["total"], 4);
    // Sorted by date, undated articles come last either way.
    for sort in ["oldest", "newest"] {
        let (all, _) = json_out(
            dateline()
                .args([
                    "search", "--json", "--limit", "10", "--sort", sort, "--index",
                ])
                .arg(&index),
        );
        let dates: Vec<Value> = all["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["date"].clone())
            .collect();
        assert_eq!(dates.len(), 6);
        assert!(
            dates[..4].iter().all(Value::is_string) && dates[4..].iter().all(Value::is_null),
            "{sort}: {dates:?}"
        );
    }
}

#[test]
fn a_second_writer_fails_at_once_with_a_clear_message() {
    let dir = TempDir::new().unwrap();
    let index = dir.path().join("index");
    dateline()
        .args(["index", "--quiet", "--index"])
        .arg(&index)
        .arg(corpus().join("seed"))
        .assert()
        .success();
    let tantivy_index = tantivy::Index::open_in_dir(&index).unwrap();
    let _writer: tantivy::IndexWriter = tantivy_index.writer(50_000_000).unwrap();
    let output = dateline()
        .args(["index", "--index"])
        .arg(&index)
        .arg(corpus().join("seed"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("index is locked"));
}

#[test]
fn foreign_and_newer_indexes_give_clear_errors() {
    let dir = TempDir::new().unwrap();
    // Another tool's tantivy index.
    let foreign = dir.path().join("foreign");
    fs::create_dir_all(&foreign).unwrap();
    let mut builder = tantivy::schema::Schema::builder();
    builder.add_text_field("name", tantivy::schema::TEXT);
    let other = tantivy::Index::create_in_dir(&foreign, builder.build()).unwrap();
    let mut writer: tantivy::IndexWriter = other.writer(50_000_000).unwrap();
    writer.commit().unwrap();
    let output = dateline()
        .args(["search", "x", "--index"])
        .arg(&foreign)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a dateline index"));
    // A Dateline index with another schema version.
    let newer = dir.path().join("newer");
    dateline()
        .args(["index", "--quiet", "--index"])
        .arg(&newer)
        .arg(corpus().join("seed"))
        .assert()
        .success();
    let meta_path = newer.join("meta.json");
    let meta = fs::read_to_string(&meta_path).unwrap();
    fs::write(
        &meta_path,
        meta.replace(
            &format!("dateline_schema\\\":{}", dateline_indexer::SCHEMA_VERSION),
            "dateline_schema\\\":99",
        ),
    )
    .unwrap();
    let output = dateline()
        .args(["search", "x", "--index"])
        .arg(&newer)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("schema version 99") && stderr.contains("--rebuild"),
        "{stderr}"
    );
    // A Dateline payload over other fields (an older build): clear error, and
    // --rebuild recovers.
    let older = dir.path().join("older");
    fs::create_dir_all(&older).unwrap();
    let mut builder = tantivy::schema::Schema::builder();
    builder.add_text_field("title", tantivy::schema::TEXT);
    let old_index = tantivy::Index::create_in_dir(&older, builder.build()).unwrap();
    let mut writer: tantivy::IndexWriter = old_index.writer(50_000_000).unwrap();
    let mut prepared = writer.prepare_commit().unwrap();
    prepared.set_payload(&format!(
        "{{\"dateline_schema\":{},\"writer\":\"dateline 0.0.1\"}}",
        dateline_indexer::SCHEMA_VERSION
    ));
    prepared.commit().unwrap();
    drop(writer);
    let output = dateline()
        .args(["search", "x", "--index"])
        .arg(&older)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("incompatible dateline build"));
    dateline()
        .args(["index", "--quiet", "--rebuild", "--index"])
        .arg(&older)
        .arg(corpus().join("seed"))
        .assert()
        .success();
    // Missing index.
    let output = dateline()
        .args(["search", "x", "--index"])
        .arg(dir.path().join("none"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("run `dateline index` first"));
}

#[test]
fn extract_prints_one_json_line_per_article() {
    let seed = &extracted()["000_07793343fe452d34.txt"];
    assert_eq!(seed["date"], "2025-12-02");
    let people: Vec<&str> = seed["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(
        people.contains(&"Vladimir Putin") && people.contains(&"Kristina Kormilitsina"),
        "{people:?}"
    );
    let topics = seed["topics"].as_array().unwrap();
    assert!(topics
        .iter()
        .all(|t| t["path"].is_array() && t["id"].as_str().unwrap().starts_with("medtop:")));
    assert_eq!(extracted().len(), 378);
}

/// `extract -` reads one article (or JSON Lines) from standard input and
/// names it `-`.
#[test]
fn extract_reads_standard_input() {
    let output = dateline()
        .args(["extract", "--json", "-"])
        .write_stdin(
            " date 2024-03-05 Chancellor Olaf Scholz met President Emmanuel Macron in Paris.\n",
        )
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let line: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(line["path"], "-");
    assert_eq!(line["date"], "2024-03-05");
    let people: Vec<&str> = line["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(people, ["Olaf Scholz", "Emmanuel Macron"]);
    let output = dateline()
        .args(["extract", "--json", "-"])
        .write_stdin("{\"text\": \"Angela Merkel spoke in Berlin.\"}\n{\"text\": \"Boris Johnson spoke.\"}\n")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 2, "JSON Lines: {stdout}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("-:1:"));
}

/// In JSON mode an error is one JSON object on stderr; otherwise one line.
#[test]
fn errors_in_json_mode_are_json() {
    for args in [&["--json"][..], &["--format", "json"]] {
        let output = dateline()
            .args(["search", "--index"])
            .arg(&shared().index)
            .arg("\"unclosed")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(output.stdout.is_empty());
        let error: Value = serde_json::from_slice(&output.stderr).unwrap();
        assert!(
            error["error"].as_str().unwrap().contains("unclosed quote"),
            "{error}"
        );
    }
    // A usage error too, when the command line asks for JSON.
    let output = dateline()
        .args(["search", "x", "--limit", "abc", "--json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let error: Value = serde_json::from_slice(&output.stderr).unwrap();
    assert!(
        error["error"].as_str().unwrap().contains("--limit"),
        "{error}"
    );
    let output = dateline()
        .args(["stats", "--json", "--index", "/nonexistent/dateline-index"])
        .output()
        .unwrap();
    let error: Value = serde_json::from_slice(&output.stderr).unwrap();
    assert!(
        error["error"].as_str().unwrap().contains("no index"),
        "{error}"
    );
    let output = dateline()
        .args(["search", "--index"])
        .arg(&shared().index)
        .arg("\"unclosed")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("dateline: malformed query"));
}

/// Logs obey `--color` as the output does.
#[test]
fn logs_obey_the_colour_choice() {
    for (choice, escapes) in [("never", false), ("always", true)] {
        let output = dateline()
            .env("DATELINE_LOG", "debug")
            .args([
                "search", "putin", "--limit", "1", "--color", choice, "--index",
            ])
            .arg(&shared().index)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.is_empty());
        assert_eq!(stderr.contains('\u{1b}'), escapes, "{choice}: {stderr}");
    }
}

#[test]
fn batch_answers_in_input_order_with_ids_and_error_lines() {
    let fixture = shared();
    let queries = [
        "putin",
        "peace talks",
        "election",
        "earthquake",
        "Trump",
        "covid",
        "asteroid",
        "police",
    ];
    let mut input = String::from("# a comment, then a blank line\n\n");
    for round in 0..40 {
        for (i, q) in queries.iter().enumerate() {
            input.push_str(&format!(
                "{{\"id\": \"r{round}q{i}\", \"q\": \"{q}\", \"limit\": 2}}\n"
            ));
        }
    }
    input.push_str("{\"q\": \"\\\"unclosed\", \"id\": \"bad-query\"}\n");
    input.push_str("{not json\n");
    input.push_str("{\"q\": \"x\", \"colour\": \"red\", \"id\": 9}\n");
    input.push_str("{\"topic\": \"nonsense\"}\n");
    input.push_str("putin\n");
    // A line in Latin-1, not UTF-8 ("Selenskyj über"): an error line, then
    // the batch goes on. Windows line endings are accepted.
    let mut input = input.into_bytes();
    input.extend_from_slice(b"Selenskyj \xfcber\r\npeace talks\r\n");
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("requests.jsonl");
    fs::write(&file, &input).unwrap();
    let expected: Vec<u64> = queries
        .iter()
        .map(|q| search(&[q, "--limit", "0"]).0["total"].as_u64().unwrap())
        .collect();

    let from_file = dateline()
        .args(["batch", "--threads", "2", "--index"])
        .arg(&fixture.index)
        .arg(&file)
        .output()
        .unwrap();
    let from_stdin = dateline()
        .args(["batch", "--threads", "2", "--index"])
        .arg(&fixture.index)
        .write_stdin(input.clone())
        .output()
        .unwrap();
    for output in [from_file, from_stdin] {
        assert_eq!(
            output.status.code(),
            Some(0),
            "error lines do not fail the batch"
        );
        let lines: Vec<Value> = String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 40 * queries.len() + 7);
        let numbers: Vec<u64> = lines.iter().map(|l| l["line"].as_u64().unwrap()).collect();
        let expected_numbers: Vec<u64> = (3..3 + lines.len() as u64).collect();
        assert_eq!(
            numbers, expected_numbers,
            "in input order, comment and blank lines skipped"
        );
        for (n, line) in lines.iter().take(40 * queries.len()).enumerate() {
            let (round, i) = (n / queries.len(), n % queries.len());
            assert_eq!(line["id"], format!("r{round}q{i}"));
            assert_eq!(line["total"], expected[i], "{}", queries[i]);
            assert!(line["hits"].as_array().unwrap().len() <= 2);
        }
        let tail = &lines[40 * queries.len()..];
        assert_eq!(tail[0]["id"], "bad-query");
        assert!(tail[0]["error"]
            .as_str()
            .unwrap()
            .contains("unclosed quote"));
        assert!(tail[1]["error"].as_str().unwrap().contains("invalid JSON"));
        assert_eq!(tail[2]["id"], 9);
        assert!(tail[2]["error"]
            .as_str()
            .unwrap()
            .contains("unknown field `colour`"));
        assert!(tail[3]["error"].as_str().unwrap().contains("unknown topic"));
        assert_eq!(tail[4]["total"], expected[0]);
        // A line without an id (a plain query, a line that is no request)
        // is answered with its line number as id.
        for line in [&tail[1], &tail[3], &tail[4], &tail[5]] {
            assert_eq!(line["id"], line["line"], "{line}");
        }
        assert!(tail[5]["error"]
            .as_str()
            .unwrap()
            .contains("not valid UTF-8"));
        assert_eq!(tail[6]["total"], expected[1], "the line after it answered");
    }
}

#[test]
fn batch_count_only_returns_totals_facets_and_timelines_without_hits() {
    let fixture = shared();
    let output = dateline()
        .args(["batch", "--count-only", "--index"])
        .arg(&fixture.index)
        .write_stdin("{\"q\": \"government\", \"facets\": [\"people\"], \"timeline\": \"year\"}\n")
        .output()
        .unwrap();
    let line: Value = serde_json::from_slice(&output.stdout).unwrap();
    let (single, _) = search(&["government", "--facets", "people", "--timeline", "year"]);
    assert_eq!(line["hits"].as_array().unwrap().len(), 0);
    assert_eq!(line["total"], single["total"]);
    assert_eq!(line["facets"], single["facets"]);
    assert_eq!(line["timeline"], single["timeline"]);
}

#[test]
fn batch_fails_only_when_input_fails() {
    let output = dateline()
        .args(["batch", "--index"])
        .arg(&shared().index)
        .arg("/nonexistent/requests.txt")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("cannot open batch input /nonexistent/requests.txt"));
}

/// Exported records of the shared index, with the temp corpus path replaced
/// by `corpus`, sorted by id (export order is the index's, not a contract).
fn exported(args: &[&str]) -> Vec<String> {
    let fixture = shared();
    let output = dateline()
        .arg("export")
        .arg("--index")
        .arg(&fixture.index)
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "export failed: {output:?}");
    let prefix = fixture.corpus.to_string_lossy().into_owned();
    let text = String::from_utf8(output.stdout)
        .unwrap()
        .replace(&prefix, "corpus");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if args.contains(&"es-bulk") {
        // Keep each action line with its article line.
        let mut pairs: Vec<String> = lines.chunks(2).map(|pair| pair.join("\n")).collect();
        pairs.sort();
        return pairs;
    }
    lines.sort();
    lines
}

#[test]
fn export_ndjson_matches_the_golden_file() {
    let lines = exported(&["--person", "Putin"]);
    assert_eq!(lines.len(), 6, "the six articles naming Putin");
    insta::assert_snapshot!("export_putin_ndjson", lines.join("\n"));
}

#[test]
fn export_es_bulk_matches_the_golden_file() {
    let pairs = exported(&["--format", "es-bulk", "--person", "Putin"]);
    assert_eq!(pairs.len(), 6);
    for pair in &pairs {
        let (action, article) = pair.split_once('\n').unwrap();
        let action: Value = serde_json::from_str(action).unwrap();
        let article: Value = serde_json::from_str(article).unwrap();
        assert_eq!(action["create"]["_index"], "dateline");
        assert_eq!(action["create"]["_id"], article["id"]);
    }
    insta::assert_snapshot!("export_putin_es_bulk", pairs.join("\n"));
}

#[test]
fn export_configs_match_the_golden_files() {
    let config = |flag: &str| {
        let output = dateline().args(["export", flag]).output().unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    insta::assert_snapshot!("quickwit_config", config("--quickwit-config"));
    insta::assert_snapshot!("es_mapping", config("--es-mapping"));
}

#[test]
fn export_holds_every_mapped_field_and_takes_the_search_filters() {
    let mapping: Value = serde_json::from_slice(
        &dateline()
            .args(["export", "--es-mapping"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let mapped = mapping["mappings"]["properties"].as_object().unwrap();
    let (searched, _) = search(&["--from", "2020", "--to", "2021-06", "--limit", "0"]);
    let lines = exported(&["--from", "2020", "--to", "2021-06"]);
    assert_eq!(lines.len() as u64, searched["total"].as_u64().unwrap());
    assert!(!lines.is_empty());
    for line in &lines {
        let record: Value = serde_json::from_str(line).unwrap();
        let date = record["date"].as_str().unwrap();
        assert!(("2020-01-01".."2021-07-01").contains(&date), "{date}");
        for key in record.as_object().unwrap().keys() {
            assert!(mapped.contains_key(key), "{key} is exported but not mapped");
        }
        for key in ["id", "date", "headline", "lead", "body", "people", "topics"] {
            assert!(record.get(key).is_some(), "{key} missing in {line}");
        }
    }
}

#[test]
fn an_ndjson_export_reimports_to_the_same_articles_and_facets() {
    let fixture = shared();
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("export.ndjson");
    dateline()
        .arg("export")
        .arg("--index")
        .arg(&fixture.index)
        .arg("--output")
        .arg(&file)
        .assert()
        .success();
    let copy = dir.path().join("index");
    let (report, code) = json_out(
        dateline()
            .args(["index", "--json", "--index"])
            .arg(&copy)
            .arg(&file),
    );
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["articles_total"], 378);
    for kind in ["people", "topics", "places", "orgs"] {
        let values = |index: &Path| {
            dateline()
                .args([kind, "--top", "1000000", "--json", "--index"])
                .arg(index)
                .output()
                .unwrap()
                .stdout
        };
        let original = values(&fixture.index);
        assert!(!original.is_empty());
        assert_eq!(
            String::from_utf8(values(&copy)).unwrap(),
            String::from_utf8(original).unwrap(),
            "{kind} facets differ after the round trip"
        );
    }
    // The same articles: every field but where it came from.
    let records = |index: &Path| {
        let output = dateline()
            .arg("export")
            .arg("--index")
            .arg(index)
            .output()
            .unwrap();
        let mut records: Vec<Value> = String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|line| {
                let mut record: Value = serde_json::from_str(line).unwrap();
                let object = record.as_object_mut().unwrap();
                for key in ["id", "path", "line"] {
                    object.remove(key);
                }
                for list in object.values_mut() {
                    if let Value::Array(items) = list {
                        items.sort_by_key(|v| v.to_string());
                    }
                }
                record
            })
            .collect();
        records.sort_by_key(|r| r.to_string());
        records
    };
    let before = records(&fixture.index);
    assert_eq!(before.len(), 378);
    assert_eq!(records(&copy), before);
}

/// A wire service's sign-off and dateline credit are not organisations in
/// the text: they name the article's source, which `source:` finds in any case.
#[test]
fn wire_sign_offs_and_credits_become_the_source() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("wire");
    fs::create_dir_all(&input).unwrap();
    fs::write(
        input.join("a.txt"),
        " date 1987-03-02 Copper output at the Chuquicamata mine rose 4 pct in February, Codelco said.\n\nThe company expects a further rise. REUTER\n",
    )
    .unwrap();
    fs::write(
        input.join("b.json"),
        r#"{"title": "Strike ends", "date": "2004-05-06", "text": "JOHANNESBURG (AP) - Miners went back to work on Thursday, the union said."}"#,
    )
    .unwrap();
    fs::write(
        input.join("c.json"),
        r#"{"title": "Own source", "source": "Daily Planet", "text": "Prices fell, the agency said. AFP"}"#,
    )
    .unwrap();
    let index = dir.path().join("index");
    dateline()
        .args(["index", "--quiet", "--index"])
        .arg(&index)
        .arg(&input)
        .assert()
        .success();
    let orgs = dateline()
        .args(["orgs", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let orgs = String::from_utf8(orgs.stdout).unwrap();
    assert!(!orgs.contains("REUTER") && !orgs.contains(" AP"), "{orgs}");
    let count = |query: &str| {
        let (response, _) = json_out(
            dateline()
                .args(["search", "--json", "--index"])
                .arg(&index)
                .arg(query),
        );
        response["total"].as_u64().unwrap()
    };
    assert_eq!(count("source:reuters"), 1);
    assert_eq!(count("reuter"), 0, "the sign-off is not searchable text");
    assert_eq!(count("source:AP"), 1);
    // A source the input gives stays; the sign-off is still taken out.
    assert_eq!(count("source:\"daily planet\""), 1);
    assert_eq!(count("afp"), 0);
    // The dateline's place stays in the text.
    assert_eq!(count("johannesburg"), 1);
}

/// An article without a date line takes the day its path names; those
/// left undated are one warning line with examples, each with `-v`.
#[test]
fn undated_articles_take_the_day_of_their_path_and_are_summed_up() {
    let dir = TempDir::new().unwrap();
    let archive = dir.path().join("archive");
    let write = |path: &str, text: &str| {
        let path = archive.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write(
        "2004/08/01/olympics.txt",
        "Athens put the last touches to its Olympic stadium on Sunday.\n",
    );
    write(
        "wire/2004-08-02-markets.txt",
        "Oil prices rose again in Asian trading on Monday.\n",
    );
    for n in 1..=4 {
        write(
            &format!("business/00{n}.txt"),
            "Shares in the carmaker fell after it cut its forecast.\n",
        );
    }
    let index = dir.path().join("idx");
    let run = |verbose: bool| {
        let mut command = dateline();
        command
            .arg("index")
            .arg("--rebuild")
            .arg("--index")
            .arg(&index)
            .arg(&archive);
        if verbose {
            command.arg("-v");
        }
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8(output.stderr).unwrap()
    };
    let stderr = run(false);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(
        warnings[0].starts_with("warning: 4 articles indexed without a date"),
        "{stderr}"
    );
    assert_eq!(warnings[0].matches("business/00").count(), 3, "{stderr}");
    let stderr = run(true);
    let undated = stderr
        .lines()
        .filter(|l| l.starts_with("warning:") && l.ends_with("indexed without a date"))
        .count();
    assert_eq!(undated, 4, "{stderr}");
    let dated = |day: &str| {
        let (response, _) = json_out(
            dateline()
                .args(["search", "--json", "--index"])
                .arg(&index)
                .args(["--from", day, "--to", day]),
        );
        hit_files(&response)
    };
    assert_eq!(dated("2004-08-01").len(), 1);
    assert!(dated("2004-08-01")[0].ends_with("olympics.txt"));
    assert!(dated("2004-08-02")[0].ends_with("markets.txt"));
}

/// E-mail is read: one `.eml` message and a `.mbox` mailbox, each message
/// an article with its subject as headline and its date, attachments
/// counted, a message with no text skipped by number.
#[test]
fn email_messages_and_mailboxes_are_articles() {
    let dir = TempDir::new().unwrap();
    let archive = dir.path().join("mail");
    fs::create_dir_all(&archive).unwrap();
    fs::write(
        archive.join("release.eml"),
        "From: Port Authority <press@port.example>\r\n\
         Subject: Container terminal expansion approved\r\n\
         Date: Mon, 2 Aug 2004 08:00:00 +0000\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n\
         The city council of Rijeka approved the container terminal expansion on Monday.\r\n",
    )
    .unwrap();
    fs::write(
        archive.join("tips.mbox"),
        "From a@example.org Tue Aug  3 09:00:00 2004\n\
         From: Reader <a@example.org>\n\
         Subject: Ferry strike\n\
         Date: Tue, 3 Aug 2004 09:00:00 +0000\n\n\
         Ferry crews in Split said they would strike on Friday.\n\n\
         From b@example.org Wed Aug  4 09:00:00 2004\n\
         From: b@example.org\n\
         Subject: empty\n\
         Date: Wed, 4 Aug 2004 09:00:00 +0000\n\n\n",
    )
    .unwrap();
    let index = dir.path().join("idx");
    let (report, code) = json_out(
        dateline()
            .args(["index", "--json", "--index"])
            .arg(&index)
            .arg(&archive),
    );
    assert_eq!(code, 1, "the empty message is skipped: {report}");
    assert_eq!(report["articles_total"], 2, "{report}");
    assert_eq!(report["lines_skipped"], 1, "{report}");
    let problems = report["problems"].to_string();
    assert!(problems.contains("message 2: no text"), "{problems}");
    let search = |q: &str| search_in(&index, q);
    let found = search("title:terminal");
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["hits"][0]["date"], "2004-08-02");
    let found = search("ferry strike");
    assert_eq!(found["total"], 1, "{found}");
    assert!(found["hits"][0]["id"]
        .as_str()
        .unwrap()
        .ends_with("tips.mbox#1"));
}

/// Saved web pages are read: the main text without the page's navigation
/// and footer, the headline and date from its metadata; a gzip-compressed
/// page too, and a damaged one is reported by name while the rest is read.
#[test]
fn saved_web_pages_are_articles() {
    let dir = TempDir::new().unwrap();
    let pages = dir.path().join("pages");
    fs::create_dir_all(&pages).unwrap();
    let page = |headline: &str, day: &str, text: &str| {
        format!(
            "<html><head><meta charset=\"utf-8\"><title>{headline} | Harbour News</title>\
             <meta property=\"og:title\" content=\"{headline}\">\
             <meta property=\"article:published_time\" content=\"{day}T08:00:00Z\"></head>\
             <body><nav><a href=\"/\">Home</a> <a href=\"/sport\">Sport</a> Subscribe now</nav>\
             <article><h1>{headline}</h1><p>{text}</p>\
             <p>Officials said more details would follow later in the week, after the \
             council had met with the port authority and the unions.</p></article>\
             <footer>Subscribe now for unlimited access.</footer></body></html>"
        )
    };
    fs::write(
        pages.join("terminal.html"),
        page(
            "Container terminal approved",
            "2004-08-02",
            "The city council of Rijeka approved the container terminal expansion on Monday.",
        ),
    )
    .unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(
        &mut gz,
        page(
            "Ferry crews strike",
            "2004-08-03",
            "Ferry crews in Split went on strike on Tuesday over pay and rotas.",
        )
        .as_bytes(),
    )
    .unwrap();
    let compressed = gz.finish().unwrap();
    fs::write(pages.join("strike.html.gz"), &compressed).unwrap();
    fs::write(
        pages.join("damaged.html.gz"),
        &compressed[..compressed.len() / 2],
    )
    .unwrap();
    let index = dir.path().join("idx");
    let (report, code) = json_out(
        dateline()
            .args(["index", "--json", "--index"])
            .arg(&index)
            .arg(&pages),
    );
    assert_eq!(code, 1, "the damaged page is skipped: {report}");
    assert_eq!(report["articles_total"], 2, "{report}");
    let problems = report["problems"].to_string();
    assert!(
        problems.contains("damaged.html.gz") && problems.contains("gzip"),
        "{problems}"
    );
    let search = |q: &str| search_in(&index, q);
    let found = search("title:terminal");
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["hits"][0]["date"], "2004-08-02");
    assert_eq!(search("strike")["hits"][0]["date"], "2004-08-03");
    // Navigation and footer are not the article.
    assert_eq!(search("subscribe")["total"], 0);
}

/// CSV never drops what was asked for: facets and timelines are an error
/// there, and a failed batch line's row names the line as written.
#[test]
fn csv_says_what_it_cannot_hold() {
    let fixture = shared();
    let output = dateline()
        .args([
            "search", "talks", "--facets", "people", "--format", "csv", "--index",
        ])
        .arg(&fixture.index)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--json"));
    let output = dateline()
        .args(["batch", "--format", "csv", "--index"])
        .arg(&fixture.index)
        .write_stdin("talks\noil OR\n{\"person\": \"Nobody Atall\"}\n")
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 3, "{text}");
    assert_eq!(&rows[1][2], "oil OR", "{text}");
    assert!(rows[1][4].contains("OR"), "{text}");
    assert_eq!(&rows[2][2], "{\"person\": \"Nobody Atall\"}", "{text}");
    assert!(rows[2][4].contains("no person"), "{text}");
}
