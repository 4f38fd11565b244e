//! Any bytes, read as each article format: decode, parse, extract, and build
//! the document, as the indexer does for a file. Nothing may panic.
#![no_main]

use dateline_indexer::discover::SourceFile;
use dateline_indexer::ingest::{build_document, extract_article, ExtractedArticle};
use dateline_indexer::parse::{decode, parse, Format};
use dateline_indexer::schema::{self, Fields};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok((text, _note)) = decode(bytes) else {
        return;
    };
    let fields = Fields::new(&schema::build()).expect("the schema has every field");
    for format in [Format::Text, Format::Json, Format::JsonLines] {
        let parsed = parse(&text, format);
        for article in parsed.articles {
            let extraction = extract_article(&article);
            let file = SourceFile {
                path: "fuzz.txt".into(),
                size: bytes.len() as u64,
                mtime_ns: 0,
                format,
            };
            let item = ExtractedArticle {
                article,
                extraction,
            };
            let _ = build_document(&fields, &file, 0, &item);
        }
    }
});
