//! Incremental runs compare the streamed walk with the manifest in one
//! merging pass. These names order differently by path component than by
//! byte (`a-b.txt` and `a.txt` come before `a/...` as bytes, after it as
//! components), and a small commit size spreads the manifest over many
//! segments: a file found out of order would be counted as removed and
//! added again.

use std::path::Path;

use dateline_indexer::ingest::NoProgress;
use dateline_indexer::{index_paths, IndexOptions, IndexReport};

const FILES: &[(&str, &str)] = &[
    (
        "a/z.txt",
        " date 2020-01-01 Vilnius opened a concert hall.\n",
    ),
    ("a/b/c.txt", " date 2020-01-02 Riga opened a tram line.\n"),
    ("a-b.txt", " date 2020-01-03 Tallinn opened a harbour.\n"),
    ("a.txt", " date 2020-01-04 Kaunas opened a bridge.\n"),
    ("ab/c.txt", " date 2020-01-05 Tartu opened a library.\n"),
    (
        "a0.jsonl",
        "{\"date\": \"2020-01-06\", \"text\": \"Gdansk opened a museum.\"}\n\
         {\"date\": \"2020-01-07\", \"text\": \"Minsk opened a station.\"}\n",
    ),
];

fn run(index: &Path, input: &Path) -> IndexReport {
    let options = IndexOptions {
        // One commit, and so one segment, per file.
        commit_bytes: 1,
        ..IndexOptions::default()
    };
    index_paths(index, &[input.to_path_buf()], &options, &NoProgress).unwrap()
}

#[test]
fn changes_are_found_across_segments_whatever_the_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input");
    let index = dir.path().join("index");
    for (name, text) in FILES {
        let path = input.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let first = run(&index, &input);
    assert_eq!(first.files_new, 6);
    assert_eq!(first.articles_total, 7);
    assert!(first.commits >= 6, "{} commits", first.commits);

    std::fs::write(
        input.join("a/z.txt"),
        " date 2020-02-01 Vilnius closed a concert hall.\n",
    )
    .unwrap();
    std::fs::remove_file(input.join("a-b.txt")).unwrap();
    std::fs::write(
        input.join("a/b/new.txt"),
        " date 2020-02-02 Riga closed a tram line.\n",
    )
    .unwrap();
    let second = run(&index, &input);
    assert_eq!(second.files_seen, 6);
    assert_eq!(second.files_changed, 1, "{second:?}");
    assert_eq!(second.files_removed, 1, "{second:?}");
    assert_eq!(second.files_new, 1, "{second:?}");
    assert_eq!(second.files_unchanged, 4, "{second:?}");
    assert_eq!(second.articles_unchanged, 5);
    assert_eq!(second.articles_total, 7);

    let third = run(&index, &input);
    assert_eq!(third.files_unchanged, 6, "{third:?}");
    assert_eq!(third.articles_unchanged, 7);
    assert_eq!(
        third.files_new + third.files_changed + third.files_removed,
        0,
        "{third:?}"
    );
    assert_eq!(third.articles_total, 7);
}

#[test]
fn files_indexed_from_another_root_stay_while_they_exist() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let (left, right) = (dir.path().join("left"), dir.path().join("right"));
    for root in [&left, &right] {
        std::fs::create_dir_all(root).unwrap();
        std::fs::write(root.join("x.txt"), " date 2021-03-04 Oslo voted.\n").unwrap();
    }
    run(&index, &left);
    let report = run(&index, &right);
    assert_eq!(report.files_new, 1);
    assert_eq!(report.files_removed, 0);
    assert_eq!(report.articles_total, 2);
    std::fs::remove_file(left.join("x.txt")).unwrap();
    let report = run(&index, &right);
    assert_eq!(report.files_removed, 1, "{report:?}");
    assert_eq!(report.files_unchanged, 1);
    assert_eq!(report.articles_total, 1);
}

/// Waits in `chunk_found` until the counting walk has reported, so that the
/// ingest cannot finish first and stop the count.
struct WaitsForCount {
    counted: std::sync::Mutex<Option<(u64, u64)>>,
    ready: std::sync::Condvar,
}

impl dateline_indexer::Progress for WaitsForCount {
    fn wants_total(&self) -> bool {
        true
    }
    fn counted(&self, files: u64, bytes: u64) {
        *self.counted.lock().unwrap() = Some((files, bytes));
        self.ready.notify_all();
    }
    fn chunk_found(&self, _files: u64, _bytes: u64) {
        let guard = self.counted.lock().unwrap();
        let timeout = std::time::Duration::from_secs(30);
        let _ = self
            .ready
            .wait_timeout_while(guard, timeout, |c| c.is_none());
    }
    fn advance(&self, _bytes: u64) {}
    fn finish(&self) {}
}

#[test]
fn a_progress_receiver_that_asks_is_told_the_archive_size() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input");
    for (name, text) in FILES {
        let path = input.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::write(input.join("notes.md"), "not an article").unwrap();
    let bytes: u64 = FILES.iter().map(|(_, text)| text.len() as u64).sum();
    let progress = WaitsForCount {
        counted: std::sync::Mutex::new(None),
        ready: std::sync::Condvar::new(),
    };
    let report = index_paths(
        &dir.path().join("index"),
        &[input],
        &IndexOptions::default(),
        &progress,
    )
    .unwrap();
    assert_eq!(report.articles_total, 7);
    assert_eq!(*progress.counted.lock().unwrap(), Some((6, bytes)));
}
