//! Draws `benches/results/<date>-chart.png` from the results tables:
//! Dateline's p50 latency per query class against archive size (every
//! `*-query-*-1t.md`), and indexing throughput per engine (the newest
//! `*-index-*.md`).
//!
//! ```sh
//! cargo run --release -p dateline-benches --example chart [-- --results DIR --font FILE.ttf]
//! ```
//!
//! Text is drawn with a TrueType font: DejaVu Sans from Debian's
//! fonts-dejavu-core by default.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dateline_benches::flag_value;
use plotters::prelude::*;
use plotters::style::FontStyle;

/// One results table: its title line and rows of cells.
struct Table {
    title: String,
    rows: Vec<Vec<String>>,
}

fn read_table(path: &Path) -> Option<Table> {
    let text = std::fs::read_to_string(path).ok()?;
    let title = text
        .lines()
        .next()?
        .trim_start_matches('#')
        .trim()
        .to_string();
    let rows = text
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| class") && !l.starts_with("| engine"))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect();
    Some(Table { title, rows })
}

/// `(1000000 articles)` in a query table's title.
fn articles_in(title: &str) -> Option<f64> {
    let open = title.rfind('(')?;
    title[open + 1..].split_whitespace().next()?.parse().ok()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let results = flag_value(&args, "--results").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("results"),
        PathBuf::from,
    );
    let font = flag_value(&args, "--font").map_or_else(
        || PathBuf::from("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        PathBuf::from,
    );
    let Ok(font_bytes) = std::fs::read(&font) else {
        eprintln!(
            "chart: cannot read font {} (install fonts-dejavu-core or pass --font)",
            font.display()
        );
        return ExitCode::from(2);
    };
    let font_bytes: &'static [u8] = Box::leak(font_bytes.into_boxed_slice());
    if plotters::style::register_font("sans-serif", FontStyle::Normal, font_bytes).is_err() {
        eprintln!("chart: {} is not a usable TrueType font", font.display());
        return ExitCode::from(2);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&results)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();

    // class -> [(articles, p50 ms)], newest table per archive size.
    let mut latency: BTreeMap<String, BTreeMap<u64, f64>> = BTreeMap::new();
    for path in &files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !(name.contains("-query-") && name.ends_with("-1t.md")) {
            continue;
        }
        let Some(table) = read_table(path) else {
            continue;
        };
        let Some(articles) = articles_in(&table.title) else {
            continue;
        };
        for row in &table.rows {
            let Some(class) = row.first() else { continue };
            // Dateline's p50, and for term and AND queries the peers' p50 in
            // the same run (plain tantivy; SQLite FTS5 where it was built).
            let mut series = vec![(class.clone(), 2)];
            if matches!(class.as_str(), "term" | "AND") {
                series.push((format!("{class}: plain tantivy"), 5));
                series.push((format!("{class}: SQLite FTS5"), 9));
            }
            for (label, column) in series {
                if let Some(p50) = row.get(column).and_then(|v| v.parse().ok()) {
                    latency
                        .entry(label)
                        .or_default()
                        .insert(articles as u64, p50);
                }
            }
        }
    }
    // The indexing table of the largest archive measured (newest on a tie).
    let index_table = files
        .iter()
        .filter(|p| p.to_string_lossy().contains("-index-"))
        .filter_map(|p| read_table(p))
        .max_by_key(|t| {
            t.rows
                .first()
                .and_then(|r| r.get(1))
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0)
        });
    let throughput: Vec<(String, f64)> = index_table
        .as_ref()
        .map(|t| {
            t.rows
                .iter()
                .filter(|r| !r.first().is_some_and(|e| e.contains("changed")))
                .filter_map(|r| Some((r.first()?.clone(), r.get(4)?.parse().ok()?)))
                .collect()
        })
        .unwrap_or_default();
    if latency.is_empty() || throughput.is_empty() {
        eprintln!("chart: no query or index tables in {}", results.display());
        return ExitCode::from(2);
    }
    let out = results.join(format!(
        "{}-chart.png",
        chrono::Utc::now().format("%Y-%m-%d")
    ));
    match draw(&out, &latency, &throughput, index_table.map(|t| t.title)) {
        Ok(()) => {
            eprintln!("wrote {}", out.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("chart: cannot draw {}: {err}", out.display());
            ExitCode::from(2)
        }
    }
}

fn draw(
    out: &Path,
    latency: &BTreeMap<String, BTreeMap<u64, f64>>,
    throughput: &[(String, f64)],
    index_title: Option<String>,
) -> Result<(), Box<dyn std::error::Error>> {
    let root = BitMapBackend::new(out, (1400, 560)).into_drawing_area();
    root.fill(&WHITE)?;
    let (left, right) = root.split_horizontally(820);

    let sizes: Vec<u64> = latency.values().flat_map(|m| m.keys().copied()).collect();
    let min_size = sizes.iter().copied().min().unwrap_or(1) as f64;
    let max_size = sizes.iter().copied().max().unwrap_or(10) as f64;
    let values: Vec<f64> = latency.values().flat_map(|m| m.values().copied()).collect();
    let min_ms = values.iter().copied().fold(f64::MAX, f64::min).max(0.01);
    let max_ms = values.iter().copied().fold(0.0, f64::max);
    let mut chart = ChartBuilder::on(&left)
        .caption(
            "p50 latency by query class (1 thread, warm cache; peers for term and AND)",
            ("sans-serif", 20),
        )
        .margin(12)
        .x_label_area_size(45)
        .y_label_area_size(60)
        .build_cartesian_2d(
            (min_size * 0.7..max_size * 1.4).log_scale(),
            (min_ms * 0.5..max_ms * 2.0).log_scale(),
        )?;
    chart
        .configure_mesh()
        .x_desc("articles in the archive (synthetic)")
        .y_desc("milliseconds")
        .x_labels(6)
        .x_label_formatter(&|n| human_count(*n))
        .y_label_formatter(&|ms| format!("{ms}"))
        .label_style(("sans-serif", 13))
        .draw()?;
    for (i, (class, points)) in latency.iter().enumerate() {
        let color = Palette99::pick(i).to_rgba();
        let series: Vec<(f64, f64)> = points.iter().map(|(&n, &ms)| (n as f64, ms)).collect();
        chart
            .draw_series(LineSeries::new(series.clone(), color.stroke_width(2)))?
            .label(class.as_str())
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], color.stroke_width(2)));
        chart.draw_series(
            series
                .into_iter()
                .map(|p| Circle::new(p, 3, color.filled())),
        )?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .label_font(("sans-serif", 13))
        .draw()?;

    let max_rate = throughput.iter().map(|(_, r)| *r).fold(0.0, f64::max) * 1.2;
    let caption = index_title.unwrap_or_else(|| "Indexing".to_string());
    let mut bars = ChartBuilder::on(&right)
        .caption(format!("{caption}: MB/s per engine"), ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(30)
        .y_label_area_size(200)
        .build_cartesian_2d(0.0..max_rate, -0.5..throughput.len() as f64 - 0.5)?;
    bars.configure_mesh()
        .disable_y_mesh()
        .x_desc("input MB/s")
        .y_labels(throughput.len())
        .y_label_formatter(&|v| {
            let i = v.round();
            if (v - i).abs() > 0.01 || i < 0.0 {
                return String::new();
            }
            throughput
                .get(i as usize)
                .map(|t| t.0.clone())
                .unwrap_or_default()
        })
        .label_style(("sans-serif", 13))
        .draw()?;
    bars.draw_series(throughput.iter().enumerate().map(|(i, (engine, rate))| {
        let color = if engine.starts_with("dateline") {
            RGBColor(200, 60, 40)
        } else {
            RGBColor(90, 110, 160)
        };
        Rectangle::new(
            [(0.0, i as f64 - 0.35), (*rate, i as f64 + 0.35)],
            color.mix(0.8).filled(),
        )
    }))?;
    root.present()?;
    Ok(())
}

/// `100k`, `1M`: archive sizes as people say them.
fn human_count(n: f64) -> String {
    if n >= 1e6 {
        format!("{}M", (n / 1e6 * 10.0).round() / 10.0)
    } else if n >= 1e3 {
        format!("{}k", (n / 1e3).round())
    } else {
        format!("{n:.0}")
    }
}
