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

/// Most bars drawn: the chart is 800 units wide, and a day timeline of a
/// 40-year archive (15,000 bars, 6 MB of markup) drew more bars than pixels.
pub const MAX_BARS: usize = 800;

/// One bar: one bucket, or a run of consecutive buckets when there are more
/// than [`MAX_BARS`].
struct Bar<'a> {
    start: &'a str,
    /// The last day of the bar's last bucket.
    end: String,
    count: u64,
    all: Option<u64>,
    /// Buckets drawn as this bar.
    buckets: usize,
}

impl Bar<'_> {
    fn share(&self) -> Option<f64> {
        self.all
            .filter(|all| *all > 0)
            .map(|all| self.count as f64 / all as f64)
    }
}

/// How many buckets each bar draws: 1, or enough for [`MAX_BARS`] bars.
pub fn buckets_per_bar(buckets: usize) -> usize {
    buckets.div_ceil(MAX_BARS).max(1)
}

/// What a chart of `buckets` buckets draws when each bar is a run of them.
pub fn runs_note(buckets: usize, interval: Interval) -> Option<String> {
    let per_bar = buckets_per_bar(buckets);
    let unit = match interval {
        Interval::Day => "days",
        Interval::Week => "weeks",
        Interval::Month => "months",
        Interval::Year => "years",
    };
    (per_bar > 1).then(|| {
        format!(
            "{} {unit}, more than can be drawn: each bar is {per_bar} {unit}; \
             select a shorter period to see each one.",
            super::thousands(buckets as u64)
        )
    })
}

fn bars(buckets: &[TimelineBucket], interval: Interval) -> Vec<Bar<'_>> {
    buckets
        .chunks(buckets_per_bar(buckets.len()))
        .filter_map(|run| {
            let (first, last) = (run.first()?, run.last()?);
            Some(Bar {
                start: &first.start,
                end: bucket_end(interval, &last.start),
                count: run.iter().map(|b| b.count).sum(),
                all: run.iter().map(|b| b.all).sum(),
                buckets: run.len(),
            })
        })
        .collect()
}

/// The chart; `link(from, to)` is the URL that selects a bar's period.
/// With `share`, bars show each bucket's share of all articles. More
/// buckets than [`MAX_BARS`] are drawn as runs of a few each.
pub fn timeline(
    buckets: &[TimelineBucket],
    interval: Interval,
    share: bool,
    link: impl Fn(&str, &str) -> String,
) -> Markup {
    let bars = bars(buckets, interval);
    let value = |b: &Bar| {
        if share {
            b.share().unwrap_or(0.0)
        } else {
            b.count as f64
        }
    };
    let max = bars.iter().map(value).fold(0.0f64, f64::max);
    let n = bars.len().max(1) as f64;
    let step = WIDTH / n;
    let gap = if step > 4.0 { 1.0 } else { 0.0 };
    let plot = HEIGHT - AXIS;
    // About eight labels, whatever the number of bars.
    let every = (bars.len() / 8).max(1);
    html! {
        svg.timeline viewBox={"0 0 " (WIDTH) " " (HEIGHT)} preserveAspectRatio="none" role="img" aria-label="Matches over time" {
            @for (i, b) in bars.iter().enumerate() {
                @let x = i as f64 * step;
                @let h = if max > 0.0 { value(b) / max * (plot - 4.0) } else { 0.0 };
                a href=(link(b.start, &b.end)) {
                    rect.hit x=(x) y="0" width=(step) height=(plot) data-from=(b.start) data-to=(b.end) {
                        title {
                            (tip(interval, b.start))
                            @if b.buckets > 1 { " to " (label(interval, &b.end)) }
                            ": " (b.count)
                            @if let (Some(all), Some(s)) = (b.all, b.share()) {
                                " of " (all) " (" (format!("{:.1}", s * 100.0)) "%)"
                            }
                        }
                    }
                    rect.bar x=(x + gap / 2.0) y=(plot - h) width=((step - gap).max(0.5)) height=(h) {}
                }
                // A label needs about 60 units: none that would be cut off.
                @if i % every == 0 && x + 60.0 <= WIDTH {
                    text x=(x + 1.0) y=(HEIGHT - 4.0) { (label(interval, b.start)) }
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
pub fn sparkline(buckets: &[TimelineBucket], interval: Interval) -> Markup {
    let max = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let step = 120.0 / buckets.len().max(1) as f64;
    html! {
        svg.spark viewBox="0 0 120 24" preserveAspectRatio="none" role="img" aria-label="Matches over time" {
            @for (i, b) in buckets.iter().enumerate() {
                @let h = b.count as f64 / max * 22.0;
                g {
                    // The whole column answers a hover, empty buckets too.
                    rect.hit x=(i as f64 * step) y="0" width=(step.max(0.5)) height="24" {
                        title { (tip(interval, &b.start)) ": " (b.count) }
                    }
                    rect.bar x=(i as f64 * step) y=(24.0 - h) width=(step.max(0.5)) height=(h) {}
                }
            }
        }
    }
}

/// A bucket's name in a tooltip: a week's is "week of" its first day.
pub fn tip(interval: Interval, start: &str) -> String {
    match interval {
        Interval::Week => format!("week of {}", label(interval, start)),
        _ => label(interval, start).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sparkline_bucket_tells_its_count_on_hover_empty_ones_too() {
        let buckets: Vec<TimelineBucket> = [("2020-03-02", 4), ("2020-03-09", 0)]
            .iter()
            .map(|(start, count)| TimelineBucket {
                start: start.to_string(),
                count: *count,
                all: None,
                share: None,
            })
            .collect();
        let svg = sparkline(&buckets, Interval::Week).into_string();
        assert!(
            svg.contains("<title>week of 2020-03-02: 4</title>"),
            "{svg}"
        );
        assert!(
            svg.contains("<title>week of 2020-03-09: 0</title>"),
            "{svg}"
        );
        let svg = sparkline(&buckets, Interval::Month).into_string();
        assert!(svg.contains("<title>2020-03: 4</title>"), "{svg}");
    }

    #[test]
    fn more_buckets_than_bars_are_drawn_as_runs_with_their_sums() {
        let epoch = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap();
        let days: Vec<TimelineBucket> = (0..16_000)
            .map(|n| TimelineBucket {
                start: (epoch + Duration::days(n)).format("%Y-%m-%d").to_string(),
                count: u64::from(n % 7 == 0),
                all: Some(2),
                share: None,
            })
            .collect();
        assert_eq!(buckets_per_bar(days.len()), 20);
        let bars = bars(&days, Interval::Day);
        assert_eq!(bars.len(), MAX_BARS);
        assert_eq!(bars.iter().map(|b| b.count).sum::<u64>(), 16_000 / 7 + 1);
        assert_eq!(
            (bars[0].start, bars[0].end.as_str()),
            ("1980-01-01", "1980-01-20")
        );
        assert_eq!(bars[0].count, 3);
        assert_eq!(bars[0].share(), Some(3.0 / 40.0));
        let svg = timeline(&days, Interval::Day, false, |f, t| format!("{f}/{t}")).into_string();
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), MAX_BARS);
        assert!(svg.contains("1980-01-01 to 1980-01-20: 3"));
        // Fewer buckets than bars: one bar each.
        let few = timeline(&days[..30], Interval::Day, false, |f, t| format!("{f}/{t}"));
        assert_eq!(few.into_string().matches("<rect class=\"bar\"").count(), 30);
    }

    #[test]
    fn buckets_end_on_their_last_day() {
        assert_eq!(bucket_end(Interval::Month, "1987-02-01"), "1987-02-28");
        assert_eq!(bucket_end(Interval::Week, "1987-03-02"), "1987-03-08");
        assert_eq!(bucket_end(Interval::Year, "1988-01-01"), "1988-12-31");
        assert_eq!(label(Interval::Month, "1987-02-01"), "1987-02");
    }
}
