//! Prints what extraction finds in a plain-text file:
//! `cargo run -p dateline-extract --example extract_file -- ARTICLE.txt`.

use dateline_extract::{extract, ArticleText};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: extract_file ARTICLE.txt");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("cannot read {path}: {err}");
            std::process::exit(2);
        }
    };
    let (lead, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    let found = extract(&ArticleText {
        title: "",
        lead,
        body,
        credits: &[],
    });
    println!("{found:#?}");
}
