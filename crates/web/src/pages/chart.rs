//! The timeline as an SVG bar chart: each bar a link to its period, and
//! `data-from`/`data-to` on each for the script that selects a range by
//! dragging.

use chrono::{Duration, NaiveDate};
use dateline_query::{Interval, TimelineBucket};
use maud::{html, Markup};

const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 150.0;
const AXIS: f64 = 18.0;

/// The last day of the bucket starting at `start`.
pub fn bucket_end(interval: Interval, start: &str) -> String {
    match NaiveDate::parse_from_str(start, "%Y-%m-%d") {
        Ok(day) => (interval.next(day) - Duration::days(1))
            .format("%Y-%m-%d")
            .to_string(),
        Err(_) => start.to_string(),
    }
}

/// A bucket's name: `1987`, `1987-03`, or its first day.
pub fn label(interval: Interval, start: &str) -> &str {
    let len = match interval {
        Interval::Year => 4,
        Interval::Month => 7,
        _ => 10,
    };
    start.get(..len).unwrap_or(start)
}

/// The chart; `link(from, to)` is the URL that selects a bucket's period.
/// With `share`, bars show each bucket's share of all articles.
pub fn timeline(
    buckets: &[TimelineBucket],
    interval: Interval,
    share: bool,
    link: impl Fn(&str, &str) -> String,
) -> Markup {
    let value = |b: &TimelineBucket| {
        if share {
            b.share.unwrap_or(0.0)
        } else {
            b.count as f64
        }
    };
    let max = buckets.iter().map(value).fold(0.0f64, f64::max);
    let n = buckets.len().max(1) as f64;
    let step = WIDTH / n;
    let gap = if step > 4.0 { 1.0 } else { 0.0 };
    let plot = HEIGHT - AXIS;
    // About eight labels, whatever the number of bars.
    let every = (buckets.len() / 8).max(1);
    html! {
        svg.timeline viewBox={"0 0 " (WIDTH) " " (HEIGHT)} preserveAspectRatio="none" role="img" aria-label="Matches over time" {
            @for (i, b) in buckets.iter().enumerate() {
                @let x = i as f64 * step;
                @let h = if max > 0.0 { value(b) / max * (plot - 4.0) } else { 0.0 };
                @let end = bucket_end(interval, &b.start);
                a href=(link(&b.start, &end)) {
                    rect.hit x=(x) y="0" width=(step) height=(plot) data-from=(b.start) data-to=(end) {
                        title {
                            (label(interval, &b.start)) ": " (b.count)
                            @if let (Some(all), Some(s)) = (b.all, b.share) {
                                " of " (all) " (" (format!("{:.1}", s * 100.0)) "%)"
                            }
                        }
                    }
                    rect.bar x=(x + gap / 2.0) y=(plot - h) width=((step - gap).max(0.5)) height=(h) {}
                }
                // A label needs about 60 units: none that would be cut off.
                @if i % every == 0 && x + 60.0 <= WIDTH {
                    text x=(x + 1.0) y=(HEIGHT - 4.0) { (label(interval, &b.start)) }
                }
            }
            @if max > 0.0 {
                text.scale x=(WIDTH - 4.0) y="11" {
                    "highest: "
                    @if share { (format!("{:.1}%", max * 100.0)) " of all articles" } @else { (max) }
                }
            }
        }
    }
}

/// A small chart for a table row: bars only, no links or labels.
pub fn sparkline(buckets: &[TimelineBucket]) -> Markup {
    let max = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let step = 120.0 / buckets.len().max(1) as f64;
    html! {
        svg.spark viewBox="0 0 120 24" preserveAspectRatio="none" role="img" aria-label="Matches over time" {
            @for (i, b) in buckets.iter().enumerate() {
                @let h = b.count as f64 / max * 22.0;
                rect x=(i as f64 * step) y=(24.0 - h) width=(step.max(0.5)) height=(h) {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_end_on_their_last_day() {
        assert_eq!(bucket_end(Interval::Month, "1987-02-01"), "1987-02-28");
        assert_eq!(bucket_end(Interval::Week, "1987-03-02"), "1987-03-08");
        assert_eq!(bucket_end(Interval::Year, "1988-01-01"), "1988-12-31");
        assert_eq!(label(Interval::Month, "1987-02-01"), "1987-02");
    }
}
