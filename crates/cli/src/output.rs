//! Human and JSON output. Every write goes through [`Printer`], so a closed
//! pipe surfaces as an error that `main` treats as success.

use std::io::{self, BufWriter, Stdout, Write};
use std::path::Path;

use anyhow::Result;
use dateline_indexer::ingest::ExtractedArticle;
use dateline_indexer::IndexReport;
use dateline_query::{
    ArticleView, FacetValue, IndexStats, Interval, SearchRequest, SearchResponse,
};
use serde::Serialize;

use crate::commands::display_path;

/// ANSI styling, enabled only on a terminal without NO_COLOR.
pub struct Painter {
    pub enabled: bool,
}

impl Painter {
    fn wrap(&self, text: &str, code: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.wrap(text, "1")
    }

    pub fn dim(&self, text: &str) -> String {
        self.wrap(text, "2")
    }

    pub fn green(&self, text: &str) -> String {
        self.wrap(text, "32")
    }

    /// `text` with the byte ranges marked: colour on a terminal, `[...]` elsewhere.
    pub fn highlight(&self, text: &str, ranges: &[[usize; 2]]) -> String {
        let mut out = String::with_capacity(text.len() + ranges.len() * 8);
        let mut at = 0;
        for &[start, end] in ranges {
            if start < at
                || end > text.len()
                || !text.is_char_boundary(start)
                || !text.is_char_boundary(end)
            {
                continue;
            }
            out.push_str(&text[at..start]);
            if self.enabled {
                out.push_str(&self.wrap(&text[start..end], "1;31"));
            } else {
                out.push('[');
                out.push_str(&text[start..end]);
                out.push(']');
            }
            at = end;
        }
        out.push_str(&text[at..]);
        out
    }
}

pub struct Printer {
    out: BufWriter<Stdout>,
}

impl Printer {
    pub fn stdout() -> Printer {
        Printer {
            out: BufWriter::new(io::stdout()),
        }
    }

    /// One JSON value on one line.
    pub fn json<T: Serialize>(&mut self, value: &T) -> Result<()> {
        serde_json::to_writer(&mut self.out, value)?;
        writeln!(self.out)?;
        self.out.flush()?;
        Ok(())
    }

    pub fn index_summary(&mut self, r: &IndexReport, p: &Painter) -> Result<()> {
        let o = &mut self.out;
        writeln!(o, "{} {}", p.bold("indexed into"), r.index.display())?;
        writeln!(
            o,
            "files:    {} seen, {} new, {} changed, {} unchanged, {} removed, {} skipped, {} ignored",
            r.files_seen, r.files_new, r.files_changed, r.files_unchanged, r.files_removed, r.files_skipped, r.files_ignored
        )?;
        if r.links_skipped > 0 {
            writeln!(
                o,
                "links:    {} not followed: they lead to files read under another path",
                r.links_skipped
            )?;
        }
        writeln!(
            o,
            "articles: {} added, {} updated, {} removed, {} unchanged, {} in the index",
            r.articles_added,
            r.articles_updated,
            r.articles_removed,
            r.articles_unchanged,
            r.articles_total
        )?;
        if r.lines_skipped > 0 || r.warnings > 0 {
            writeln!(
                o,
                "problems: {}, {} (listed on stderr)",
                counted(
                    r.lines_skipped,
                    "line or record skipped",
                    "lines or records skipped"
                ),
                counted(r.warnings, "warning", "warnings")
            )?;
        }
        if !r.records_not_articles.is_empty() {
            let mut kinds: Vec<(&String, &u64)> = r.records_not_articles.iter().collect();
            kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let total: u64 = kinds.iter().map(|(_, n)| **n).sum();
            let list: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
            writeln!(
                o,
                "records:  {} not pages, left out: {}",
                counted(total, "WARC record", "WARC records"),
                list.join(", ")
            )?;
        }
        if !r.ignored_extensions.is_empty() {
            let list: Vec<String> = r
                .ignored_extensions
                .iter()
                .map(|(e, n)| format!("{n} .{e}"))
                .collect();
            writeln!(o, "ignored:  {} (not an article format)", list.join(", "))?;
        }
        writeln!(
            o,
            "read {:.1} MB in {:.2} s ({:.1} MB/s), {}",
            r.bytes_read as f64 / 1e6,
            r.elapsed_secs,
            r.mb_per_sec,
            counted(r.commits, "commit", "commits")
        )?;
        o.flush()?;
        Ok(())
    }

    pub fn extract_json(&mut self, path: &str, item: &ExtractedArticle) -> Result<()> {
        #[derive(Serialize)]
        struct Line<'a> {
            path: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            line: Option<u64>,
            date: Option<String>,
            title: &'a str,
            people: &'a [dateline_extract::Person],
            places: &'a [dateline_extract::Place],
            organizations: &'a [String],
            topics: &'a [dateline_extract::Topic],
        }
        let a = &item.article;
        let e = &item.extraction;
        self.json(&Line {
            path,
            line: a.line,
            date: a.date.map(|d| d.format("%Y-%m-%d").to_string()),
            title: &a.title,
            people: &e.people,
            places: &e.places,
            organizations: &e.organizations,
            topics: &e.topics,
        })
    }

    pub fn extract_text(&mut self, path: &str, item: &ExtractedArticle) -> Result<()> {
        let a = &item.article;
        let e = &item.extraction;
        let o = &mut self.out;
        let location = match a.line {
            Some(line) => format!("{}:{line}", display_path(path)),
            None => display_path(path),
        };
        writeln!(o, "{location}")?;
        writeln!(
            o,
            "  date:          {}",
            a.date
                .map_or("(none)".to_string(), |d| d.format("%Y-%m-%d").to_string())
        )?;
        writeln!(o, "  title:         {}", a.title)?;
        writeln!(o, "  people:        {}", people_list(&e.people))?;
        writeln!(o, "  places:        {}", places_list(&e.places))?;
        writeln!(o, "  organizations: {}", e.organizations.join(", "))?;
        writeln!(o, "  topics:        {}", topics_list(&e.topics))?;
        o.flush()?;
        Ok(())
    }

    pub fn search(&mut self, r: &SearchResponse, req: &SearchRequest, p: &Painter) -> Result<()> {
        let o = &mut self.out;
        let shown_to = req.offset + r.hits.len();
        let matches = counted(r.total, "article matches", "articles match");
        if r.hits.is_empty() {
            writeln!(o, "{matches}")?;
        } else {
            writeln!(o, "{matches}, showing {}-{}", req.offset + 1, shown_to)?;
        }
        for named in r.people.iter().filter(|n| n.people.len() > 1) {
            writeln!(o, "{}", p.dim(&several_people(named)))?;
        }
        for hit in &r.hits {
            writeln!(o)?;
            let score = hit.score.map_or(String::new(), |s| {
                format!("  {}", p.dim(&format!("score {s:.2}")))
            });
            writeln!(
                o,
                "{}  {}{}",
                p.green(hit.date.as_deref().unwrap_or("----------")),
                p.bold(&hit.title),
                score
            )?;
            writeln!(o, "  {}", p.dim(&display_path(&hit.id)))?;
            if !hit.snippet.text.is_empty() {
                writeln!(
                    o,
                    "  {}",
                    p.highlight(&hit.snippet.text, &hit.snippet.highlights)
                        .replace('\n', " ")
                )?;
            }
            let mut facts = Vec::new();
            let first_five = |values: &[String]| values.iter().take(5).cloned().collect::<Vec<_>>();
            if !hit.people.is_empty() {
                facts.push(format!("people: {}", first_five(&hit.people).join(", ")));
            }
            // (Topic labels hold commas: "arts, culture, entertainment and media".)
            if !hit.topics.is_empty() {
                facts.push(format!("topics: {}", hit.topics.join("; ")));
            }
            if !hit.places.is_empty() {
                facts.push(format!("places: {}", first_five(&hit.places).join(", ")));
            }
            if !hit.organizations.is_empty() {
                facts.push(format!(
                    "orgs: {}",
                    first_five(&hit.organizations).join(", ")
                ));
            }
            if !facts.is_empty() {
                writeln!(o, "  {}", p.dim(&facts.join(" · ")))?;
            }
        }
        for (name, values) in &r.facets {
            writeln!(o)?;
            writeln!(o, "{}", p.bold(name))?;
            for v in values {
                writeln!(o, "  {:>6}  {}", v.count, v.value)?;
            }
        }
        if let Some(timeline) = &r.timeline {
            writeln!(o)?;
            writeln!(o, "{}", p.bold("timeline"))?;
            let max = timeline.iter().map(|b| b.count).max().unwrap_or(0).max(1);
            let max_share = timeline
                .iter()
                .filter_map(|b| b.share)
                .fold(0.0f64, f64::max);
            // A bucket by the period it is: "2008", "2008-03", a day for
            // days and weeks (the week's Monday).
            let label_len = match req.timeline {
                Some(Interval::Year) => 4,
                Some(Interval::Month) => 7,
                _ => 10,
            };
            for b in timeline {
                let label = b.start.get(..label_len).unwrap_or(&b.start);
                match b.all.map(|_| b.share.unwrap_or(0.0)) {
                    // Bars by share: attention, not volume.
                    Some(share) => {
                        let width = if max_share > 0.0 {
                            (share / max_share * 40.0).ceil() as usize
                        } else {
                            0
                        };
                        let all = b.all.unwrap_or(0);
                        writeln!(
                            o,
                            "  {label:<10}  {:>6} of {all:<6} {:>6.2}%  {}",
                            b.count,
                            share * 100.0,
                            "█".repeat(width)
                        )?;
                    }
                    None => {
                        let width = (b.count * 40).div_ceil(max) as usize;
                        writeln!(o, "  {label:<10}  {:>6}  {}", b.count, "█".repeat(width))?;
                    }
                }
            }
            if let Some(undated) = r.undated.filter(|u| *u > 0) {
                writeln!(o, "  {:<10}  {undated:>6}", "undated")?;
            }
        }
        o.flush()?;
        Ok(())
    }

    pub fn article(&mut self, a: &ArticleView, p: &Painter) -> Result<()> {
        let o = &mut self.out;
        writeln!(o, "{}", p.bold(&a.title))?;
        writeln!(
            o,
            "{}  {}",
            p.green(a.date.as_deref().unwrap_or("(no date)")),
            p.dim(&display_path(&a.id))
        )?;
        if let Some(url) = &a.url {
            writeln!(o, "url:     {url}")?;
        }
        if let Some(source) = &a.source {
            writeln!(o, "source:  {source}")?;
        }
        if !a.authors.is_empty() {
            writeln!(o, "authors: {}", a.authors.join(", "))?;
        }
        if let Some(language) = &a.language {
            let name = dateline_extract::language::name(language).unwrap_or(language);
            writeln!(o, "language: {name} ({language})")?;
        }
        writeln!(o, "people:  {}", people_list(&a.people))?;
        writeln!(o, "places:  {}", places_list(&a.places))?;
        writeln!(o, "orgs:    {}", a.organizations.join(", "))?;
        writeln!(o, "topics:  {}", topics_list(&a.topics))?;
        writeln!(o)?;
        writeln!(o, "{}", a.lead)?;
        if !a.body.is_empty() {
            writeln!(o)?;
            writeln!(o, "{}", a.body)?;
        }
        o.flush()?;
        Ok(())
    }

    pub fn value_line(&mut self, v: &FacetValue) -> Result<()> {
        match &v.id {
            Some(id) => writeln!(self.out, "{:>7}  {}  ({id})", v.count, v.value)?,
            None => writeln!(self.out, "{:>7}  {}", v.count, v.value)?,
        }
        self.out.flush()?;
        Ok(())
    }

    pub fn stats(&mut self, s: &IndexStats, dir: &Path) -> Result<()> {
        let o = &mut self.out;
        writeln!(o, "index:     {}", dir.display())?;
        writeln!(
            o,
            "articles:  {} ({} undated) from {} files",
            s.articles, s.undated, s.files
        )?;
        writeln!(
            o,
            "dates:     {} to {}",
            s.first_date.as_deref().unwrap_or("-"),
            s.last_date.as_deref().unwrap_or("-")
        )?;
        writeln!(
            o,
            "size:      {:.1} MB in {} segment(s)",
            s.size_bytes as f64 / 1e6,
            s.segments
        )?;
        if let Some(writer) = &s.writer {
            writeln!(o, "written by {writer}")?;
        }
        for (name, values) in [
            ("people", &s.top_people),
            ("topics", &s.top_topics),
            ("places", &s.top_places),
        ] {
            let list: Vec<String> = values
                .iter()
                .map(|v| format!("{} ({})", v.value, v.count))
                .collect();
            writeln!(o, "top {name}: {}", list.join(", "))?;
        }
        let languages: Vec<String> = s
            .languages
            .iter()
            .map(|v| format!("{} ({})", v.value, v.count))
            .collect();
        writeln!(o, "languages: {}", languages.join(", "))?;
        o.flush()?;
        Ok(())
    }
}

/// `Vladimir Putin (13), Donald Trump (11)`.
/// "Baker" names 7 people: James Baker (215 articles), Howard Baker (29), ...
fn several_people(named: &dateline_query::NamedPerson) -> String {
    const LISTED: usize = 5;
    let mut listed: Vec<String> = named
        .people
        .iter()
        .take(LISTED)
        .enumerate()
        .map(|(i, person)| {
            let unit = match (i, person.articles) {
                (0, 1) => " article",
                (0, _) => " articles",
                _ => "",
            };
            format!("{} ({}{unit})", person.name, person.articles)
        })
        .collect();
    if named.people.len() > LISTED {
        listed.push(format!("and {} more", named.people.len() - LISTED));
    }
    format!(
        "\"{}\" names {} people, all searched: {}; give a full name for one",
        named.name,
        named.people.len(),
        listed.join(", ")
    )
}

fn people_list(people: &[dateline_extract::Person]) -> String {
    let items: Vec<String> = people
        .iter()
        .map(|p| format!("{} ({})", p.name, p.mentions))
        .collect();
    items.join(", ")
}

/// `Moscow, Kyiv`.
fn places_list(places: &[dateline_extract::Place]) -> String {
    let items: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
    items.join(", ")
}

/// `politics and government (1.00); conflict, war and peace (0.80)`.
fn topics_list(topics: &[dateline_extract::Topic]) -> String {
    let items: Vec<String> = topics
        .iter()
        .map(|t| format!("{} ({:.2})", t.path.join(" > "), t.score))
        .collect();
    items.join("; ")
}

/// `n` and the noun in the number it needs: "1 article matches", "2
/// articles match".
fn counted(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn counts_take_the_number_of_their_noun() {
        assert_eq!(
            counted(1u64, "article matches", "articles match"),
            "1 article matches"
        );
        assert_eq!(
            counted(0u64, "article matches", "articles match"),
            "0 articles match"
        );
        assert_eq!(counted(2u32, "commit", "commits"), "2 commits");
    }
}
