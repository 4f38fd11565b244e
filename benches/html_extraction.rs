//! HTML main-text extraction on the article-extraction benchmark
//! (`../shared/data/article-extraction-benchmark`: 181 saved news and blog
//! pages with the article body a person would select), scored as its README
//! says: word 4-grams of the extracted and the true body, true positives
//! their overlap, false positives and negatives the excess and the missing,
//! each page normalised to weigh the same, precision and recall the means
//! over pages, F1 from the two. Speed: the pages' bytes through
//! `html::page_article` (Dateline's whole path from page to article: the
//! extractor, paragraphs, metadata), one thread, best of 3.
//!
//! `cargo bench -p dateline-benches --bench html_extraction [-- --data DIR]`

use std::collections::HashMap;
use std::io::Read;
use std::time::Instant;

use dateline_indexer::html::page_article;

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

fn four_grams(words: &[&str]) -> HashMap<String, i64> {
    let mut grams = HashMap::new();
    if words.len() < 4 {
        if !words.is_empty() {
            *grams.entry(words.join(" ")).or_default() += 1;
        }
        return grams;
    }
    for gram in words.windows(4) {
        *grams.entry(gram.join(" ")).or_default() += 1;
    }
    grams
}

/// Precision and recall of one page.
fn score(truth: &str, got: &str) -> (f64, f64) {
    let (truth, got) = (four_grams(&words(truth)), four_grams(&words(got)));
    let tp: i64 = got
        .iter()
        .map(|(g, n)| (*n).min(*truth.get(g).unwrap_or(&0)))
        .sum();
    let fp = got.values().sum::<i64>() - tp;
    let fn_ = truth.values().sum::<i64>() - tp;
    let all = (tp + fp + fn_).max(1) as f64;
    let (tp, fp, fn_) = (tp as f64 / all, fp as f64 / all, fn_ as f64 / all);
    let ratio = |a: f64, b: f64| if a + b > 0.0 { a / (a + b) } else { 0.0 };
    (ratio(tp, fp), ratio(tp, fn_))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let data = dateline_benches::flag_value(&args, "--data").unwrap_or_else(|| {
        let dir = dateline_benches::data_dir().join("article-extraction-benchmark");
        dir.display().to_string()
    });
    let Ok(truth) = std::fs::read_to_string(format!("{data}/ground-truth.json")) else {
        eprintln!("html_extraction: no benchmark at {data} (give --data DIR); skipped");
        return;
    };
    let truth: serde_json::Value = serde_json::from_str(&truth).expect("ground truth is JSON");
    let mut pages = Vec::new();
    for (key, page) in truth.as_object().expect("an object of pages") {
        let gz = std::fs::read(format!("{data}/html/{key}.html.gz")).expect("page");
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut html)
            .expect("gzip");
        let body = page["articleBody"].as_str().unwrap_or("").to_string();
        pages.push((html, body));
    }
    let bytes: usize = pages.iter().map(|(html, _)| html.len()).sum();
    let mut best = f64::MAX;
    let mut texts = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        texts = pages
            .iter()
            .map(|(html, _)| {
                page_article(html)
                    .map(|a| {
                        // What is searched: a given headline is not part of the body.
                        [a.lead, a.body].join("\n\n")
                    })
                    .unwrap_or_default()
            })
            .collect();
        best = best.min(start.elapsed().as_secs_f64());
    }
    let (mut precision, mut recall, mut exact) = (0.0, 0.0, 0);
    for ((_, truth), got) in pages.iter().zip(&texts) {
        let (p, r) = score(truth, got);
        precision += p;
        recall += r;
        exact += usize::from(words(truth) == words(got));
    }
    let n = pages.len() as f64;
    let (p, r) = (precision / n, recall / n);
    let table = format!(
        "# HTML main-text extraction, article-extraction benchmark\n\n\
         {} pages, {:.1} MB. Command: `cargo bench -p dateline-benches --bench html_extraction`.\n\n\
         | precision | recall | F1 | exact pages | MB/s (1 thread, best of 3) | pages/s |\n\
         |---|---|---|---|---|---|\n\
         | {p:.3} | {r:.3} | {:.3} | {exact} | {:.1} | {:.0} |\n",
        pages.len(),
        bytes as f64 / 1e6,
        2.0 * p * r / (p + r),
        bytes as f64 / 1e6 / best,
        n / best,
    );
    print!("{table}");
    dateline_benches::write_result("html-extraction", &table);
}
