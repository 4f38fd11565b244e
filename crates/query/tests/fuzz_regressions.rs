//! Inputs the fuzzers (`fuzz/`) found, kept as tests, against the index the
//! query fuzz target uses: the seed article and one Wikinews article.

use std::path::PathBuf;

use dateline_indexer::ingest::NoProgress;
use dateline_indexer::{index_paths, IndexOptions};
use dateline_query::{Engine, SearchRequest};

fn fuzz_index() -> (tempfile::TempDir, Engine) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let roots = [
        corpus.join("seed"),
        corpus.join("wikinews/germany-says-alexei-navalny-poisoned-with-novichok.txt"),
    ];
    index_paths(dir.path(), &roots, &IndexOptions::default(), &NoProgress).unwrap();
    let engine = Engine::open(dir.path()).unwrap();
    (dir, engine)
}

fn total(engine: &Engine, q: &str) -> u64 {
    engine
        .search(&SearchRequest {
            q: q.to_string(),
            ..SearchRequest::default()
        })
        .unwrap()
        .total
}

/// fuzz/corpus/query/crash-06b6f9f9 (`="="s"s -"S"s"s -"S\0a"`): excluding
/// phrases that occur nowhere. tantivy 0.27.0's `Exclude` calls
/// `PhraseScorer::seek_danger` behind an exhausted phrase scorer, which trips
/// a debug assertion (tantivy issue #2811) but answers correctly: release
/// builds, which users run, are checked here (`cargo test --release`, run by
/// .ci/run); debug builds would stop at the assertion inside tantivy.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "tantivy #2811: a debug assertion in PhraseScorer::seek_danger; run with --release"
)]
fn excluding_phrases_that_occur_nowhere_excludes_nothing() {
    let (_dir, engine) = fuzz_index();
    let all_s = total(&engine, "s");
    assert_eq!(all_s, 2);
    assert_eq!(total(&engine, "\"s s s\" OR \"s a\""), 0);
    assert_eq!(total(&engine, "\"s\" \"s\" -\"s s s\" -\"s a\""), all_s);
    assert_eq!(total(&engine, "=\"=\"s\"s -\"S\"s\"s -\"S\u{0}a\""), all_s);
    // An excluded phrase that does occur still excludes.
    let with_ushakov = total(&engine, "Putin \"Yuri Ushakov\"");
    assert_eq!(with_ushakov, 1, "the seed article");
    assert_eq!(
        total(&engine, "Putin -\"Yuri Ushakov\""),
        total(&engine, "Putin") - with_ushakov
    );
}

/// Every crashing input the query fuzzer found (`fuzz/corpus/query/crash-*`),
/// replayed as the fuzz target runs it: as a query with facets and a
/// timeline, as person, topic and date filters, and as a batch line. All
/// were tantivy #2811; none may panic in a release build.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "tantivy #2811: a debug assertion in PhraseScorer::seek_danger; run with --release"
)]
fn every_crash_input_the_query_fuzzer_found_is_answered() {
    use dateline_query::{batch, FacetKind, Interval};
    let (_dir, engine) = fuzz_index();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/query");
    let mut replayed = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("crash-") {
            continue;
        }
        let text = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
        let _ = engine.search(&SearchRequest {
            q: text.clone(),
            facets: vec![FacetKind::People, FacetKind::Topics, FacetKind::Places],
            timeline: Some(Interval::Month),
            ..SearchRequest::default()
        });
        let _ = engine.search(&SearchRequest {
            person: vec![text.clone()],
            ..SearchRequest::default()
        });
        let _ = engine.search(&SearchRequest {
            topic: vec![text.clone()],
            ..SearchRequest::default()
        });
        let _ = engine.search(&SearchRequest {
            from: Some(text.clone()),
            to: Some(text.clone()),
            ..SearchRequest::default()
        });
        if let Ok((_, request)) = batch::parse_line(&text) {
            let _ = engine.search(&request);
        }
        replayed += 1;
    }
    assert!(replayed >= 6, "{replayed} crash inputs replayed");
}
