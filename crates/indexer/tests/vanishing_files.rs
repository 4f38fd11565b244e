//! A file deleted between discovery and reading is reported, and the rest
//! of the run indexes everything else.

use std::path::PathBuf;
use std::sync::Mutex;

use dateline_indexer::{index_paths, IndexOptions, ProblemKind, Progress};

/// Deletes a file when its chunk has been found and before it is read: what
/// a user moving files around during a long run does.
struct DeleteOnStart(Mutex<Option<PathBuf>>);

impl Progress for DeleteOnStart {
    fn chunk_found(&self, _files: u64, _bytes: u64) {
        if let Some(path) = self.0.lock().unwrap().take() {
            std::fs::remove_file(path).unwrap();
        }
    }
    fn advance(&self, _bytes: u64) {}
    fn finish(&self) {}
}

#[test]
fn a_file_deleted_during_the_walk_is_reported_and_the_rest_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input");
    std::fs::create_dir_all(&input).unwrap();
    let articles = [
        ("a.txt", " date 2020-01-01 Vilnius opened a concert hall.\n"),
        ("b.txt", " date 2020-01-02 Riga opened a tram line.\n"),
        ("c.txt", " date 2020-01-03 Tallinn opened a harbour.\n"),
    ];
    for (name, text) in articles {
        std::fs::write(input.join(name), text).unwrap();
    }
    let progress = DeleteOnStart(Mutex::new(Some(input.join("b.txt"))));
    let report = index_paths(
        &dir.path().join("index"),
        std::slice::from_ref(&input),
        &IndexOptions::default(),
        &progress,
    )
    .unwrap();
    assert_eq!(report.files_seen, 3);
    assert_eq!(report.articles_total, 2);
    assert_eq!(report.files_skipped, 1);
    let problem = &report.problems[0];
    assert!(problem.path.ends_with("b.txt"));
    assert_eq!(problem.kind, ProblemKind::Skipped);
    assert!(problem.reason.contains("vanished"), "{}", problem.reason);
    assert!(report.skipped_anything());
}
