//! Any text as a search: as the query string, as a person, topic and date
//! filter, and as a `dateline batch` line, against a small index of real
//! articles. Errors are answers; nothing may panic.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use dateline_indexer::ingest::NoProgress;
use dateline_indexer::{index_paths, IndexOptions};
use dateline_query::{batch, Engine, FacetKind, Interval, SearchRequest};
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<(tempfile::TempDir, Engine)> = OnceLock::new();
    &ENGINE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../corpus/seed");
            let wikinews = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../corpus/wikinews/germany-says-alexei-navalny-poisoned-with-novichok.txt");
            let mut roots = vec![corpus];
            if wikinews.exists() {
                roots.push(wikinews);
            }
            index_paths(dir.path(), &roots, &IndexOptions::default(), &NoProgress)
                .expect("the fuzz index builds");
            let engine = Engine::open(dir.path()).expect("the fuzz index opens");
            (dir, engine)
        })
        .1
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let engine = engine();
    let full = SearchRequest {
        q: text.to_string(),
        facets: vec![FacetKind::People, FacetKind::Topics, FacetKind::Places],
        timeline: Some(Interval::Month),
        ..SearchRequest::default()
    };
    let _ = engine.search(&full);
    let filters = SearchRequest {
        person: vec![text.to_string()],
        ..SearchRequest::default()
    };
    let _ = engine.search(&filters);
    let _ = engine.search(&SearchRequest {
        topic: vec![text.to_string()],
        ..SearchRequest::default()
    });
    let _ = engine.search(&SearchRequest {
        from: Some(text.to_string()),
        to: Some(text.to_string()),
        ..SearchRequest::default()
    });
    if let Ok((_, request)) = batch::parse_line(text) {
        let _ = engine.search(&request);
    }
});
