//! The article page: the whole text with its people, places and
//! organisations marked, each a link to its entity page, and, opened from a
//! search (its words and filters in the URL), where that search matched.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use dateline_query::{ArticleMatches, ArticleView};
use maud::{html, Markup};

use super::{entity_path, failure_page, highlighted, layout, page};
use crate::error::Failure;
use crate::params::{url, Reader, SearchParams};
use crate::state::App;

/// The search an article was opened from, and where it matched.
struct Marked {
    /// Its words and filters.
    pairs: Vec<(String, String)>,
    matches: ArticleMatches,
}

pub async fn page_of(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let found = app
        .run_quick(move |app| {
            let article = app.engine.article(&id)?.ok_or_else(|| {
                Failure::not_found(format!("no article with id `{id}` in the index"))
            })?;
            let marked = marked(app, raw.as_deref(), &article);
            Ok((article, marked))
        })
        .await;
    match found {
        Ok((article, marked)) => {
            let q = marked
                .as_ref()
                .and_then(|m| m.pairs.iter().find(|(n, _)| n == "q"))
                .map_or("", |(_, q)| q.as_str());
            page(layout(&article.title, q, body(&article, marked.as_ref())))
        }
        Err(failure) => failure_page(failure),
    }
}

/// Where the search in the URL matched the article; `None` without one, or
/// when it is not a valid search (the article is shown all the same).
fn marked(app: &App, raw: Option<&str>, article: &ArticleView) -> Option<Marked> {
    let params = SearchParams::parse(raw, Reader::Page, 0).ok()?;
    let pairs = params.marking_pairs();
    if pairs.is_empty() {
        return None;
    }
    let matches = app.engine.matches_in(&params.request, article).ok()?;
    Some(Marked { pairs, matches })
}

fn body(a: &ArticleView, marked: Option<&Marked>) -> Markup {
    let names = Names::of(a);
    let none = ArticleMatches::default();
    let matches = marked.map_or(&none, |m| &m.matches);
    html! {
        article.full {
            @if let Some(marked) = marked {
                p.marked {
                    "Marked: where "
                    a href=(url("/", &marked.pairs)) { "the search" }
                    " matched this article."
                }
            }
            h1 { (highlighted(&a.title, &matches.title)) }
            p.meta {
                @if let Some(date) = &a.date { time datetime=(date) { (date) } }
                @if let Some(source) = &a.source { " · " (source) }
                @if !a.authors.is_empty() { " · by " (a.authors.join(", ")) }
                @if let Some(language) = &a.language { " · " span.lang { (language) } }
            }
            @if let Some(link) = a.url.as_deref().filter(|u| is_web_address(u)) {
                p.url { a href=(link) rel="noopener noreferrer nofollow" { (link) } }
            } @else if let Some(url) = &a.url {
                p.url { (url) }
            }
            div.text {
                @if !a.lead.is_empty() { p.lead { (names.mark(&a.lead, &matches.lead)) } }
                @for (at, paragraph) in paragraphs(&a.body) {
                    p { (names.mark(paragraph, &within(&matches.body, at, paragraph.len()))) }
                }
            }
            p.source-file { "From " code { (a.path) } @if let Some(line) = a.line { ", line " (line) } }
        }
        aside.about {
            @if !a.topics.is_empty() {
                section { h2 { "Topics" }
                    ul { @for t in &a.topics {
                        li { a href=(entity_path("topic", &t.id)) { (t.label) } " " span.count title="How strongly the article is about this topic (0 to 1)" { (format!("{:.2}", t.score)) } }
                    } }
                }
            }
            (list("People", "person", a.people.iter().map(|p| (p.name.as_str(), Some(p.mentions)))))
            (list("Organisations", "org", a.organizations.iter().map(|o| (o.as_str(), None))))
            (list("Places", "place", a.places.iter().map(|p| (p.name.as_str(), None))))
        }
    }
}

fn list<'a>(
    heading: &str,
    field: &str,
    values: impl Iterator<Item = (&'a str, Option<u32>)>,
) -> Markup {
    let values: Vec<_> = values.collect();
    html! {
        @if !values.is_empty() {
            section { h2 { (heading) }
                ul { @for (name, mentions) in values {
                    li {
                        a href=(entity_path(field, name)) title={"More from " (name)} { (name) }
                        @if let Some(m) = mentions.filter(|m| *m > 0) { " " span.count title="Mentions in this article" { (m) "×" } }
                    }
                } }
            }
        }
    }
}

/// The body's paragraphs (its lines, trimmed, the empty ones left out),
/// each with its offset in the body.
fn paragraphs(body: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    body.split('\n').filter_map(move |line| {
        let start = at + (line.len() - line.trim_start().len());
        at += line.len() + 1;
        Some((start, line.trim())).filter(|(_, p)| !p.is_empty())
    })
}

/// The parts of `spans` within `len` bytes from `start`, from there.
fn within(spans: &[[usize; 2]], start: usize, len: usize) -> Vec<[usize; 2]> {
    let end = start + len;
    spans
        .iter()
        .filter(|[a, b]| *a < end && start < *b)
        .map(|[a, b]| [a.max(&start) - start, b.min(&end) - start])
        .collect()
}

/// Only `http` and `https` addresses become links: a `javascript:` or
/// `data:` URL from an article stays text.
fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The names to mark in the text: each form and the entity page it links to.
struct Names {
    /// `(form, field, entity)`, longest form first.
    forms: Vec<(String, &'static str, String)>,
}

impl Names {
    fn of(a: &ArticleView) -> Names {
        let mut forms: Vec<(String, &'static str, String)> = Vec::new();
        // A surname two people share ("Cummings" of a congressman and of
        // his mother) is the one the article mentions most: the first
        // pushed is the one kept.
        let mut people: Vec<&dateline_extract::Person> = a.people.iter().collect();
        people.sort_by_key(|p| std::cmp::Reverse(p.mentions));
        for p in people {
            forms.push((p.name.clone(), "person", p.name.clone()));
            // News names a person in full once, then by surname.
            if let Some(surname) = p
                .name
                .rsplit(' ')
                .next()
                .filter(|s| s.len() > 2 && *s != p.name)
            {
                forms.push((surname.to_string(), "person", p.name.clone()));
            }
        }
        for place in &a.places {
            forms.push((place.name.clone(), "place", place.name.clone()));
            for form in &place.forms {
                forms.push((form.clone(), "place", place.name.clone()));
            }
        }
        for org in &a.organizations {
            forms.push((org.clone(), "org", org.clone()));
        }
        forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        forms.dedup_by(|a, b| a.0 == b.0);
        Names { forms }
    }

    /// The spans of `text` that are names: longest first, never overlapping,
    /// on word boundaries.
    fn spans(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut taken: Vec<(usize, usize, usize)> = Vec::new();
        for (i, (form, _, _)) in self.forms.iter().enumerate() {
            if form.is_empty() {
                continue;
            }
            for (start, _) in text.match_indices(form.as_str()) {
                let end = start + form.len();
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                let bounded = !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric);
                if bounded && !taken.iter().any(|(s, e, _)| start < *e && *s < end) {
                    taken.push((start, end, i));
                }
            }
        }
        taken.sort_unstable();
        taken
    }

    /// `text` with its names as links and the search's `matches` (spans
    /// of `text`) marked, inside a name or around it.
    fn mark(&self, text: &str, matches: &[[usize; 2]]) -> Markup {
        // (start, end, the form's index when a name)
        let mut parts: Vec<(usize, usize, Option<usize>)> = Vec::new();
        let mut at = 0;
        for (start, end, i) in self.spans(text) {
            parts.push((at, start, None));
            parts.push((start, end, Some(i)));
            at = end;
        }
        parts.push((at, text.len(), None));
        html! {
            @for (start, end, name) in parts {
                @let part = highlighted(&text[start..end], &within(matches, start, end - start));
                @if let Some(i) = name {
                    @let (_, field, entity) = &self.forms[i];
                    a class={"name " (field)} href=(entity_path(field, entity)) { (part) }
                } @else {
                    (part)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> ArticleView {
        ArticleView {
            id: "a".into(),
            path: "a.txt".into(),
            line: None,
            date: None,
            url: None,
            source: None,
            authors: Vec::new(),
            language: None,
            title: "t".into(),
            lead: String::new(),
            body: text.into(),
            people: vec![dateline_extract::Person {
                name: "Paul Volcker".into(),
                mentions: 2,
            }],
            places: vec![dateline_extract::Place {
                name: "Kyiv".into(),
                forms: vec!["Kiev".into()],
            }],
            organizations: vec!["Federal Reserve".into()],
            topics: Vec::new(),
        }
    }

    #[test]
    fn names_are_marked_in_full_and_by_surname_and_escaped_around() {
        let a = article(
            "Paul Volcker of the Federal Reserve <b>met</b> in Kiev; Volcker left. Volckers no.",
        );
        let html = Names::of(&a).mark(&a.body, &[]).into_string();
        assert_eq!(
            html,
            "<a class=\"name person\" href=\"/people/Paul%20Volcker\">Paul Volcker</a> of the \
             <a class=\"name org\" href=\"/orgs/Federal%20Reserve\">Federal Reserve</a> \
             &lt;b&gt;met&lt;/b&gt; in <a class=\"name place\" href=\"/places/Kyiv\">Kiev</a>; \
             <a class=\"name person\" href=\"/people/Paul%20Volcker\">Volcker</a> left. Volckers no."
        );
    }

    #[test]
    fn a_shared_surname_links_to_the_person_mentioned_most() {
        let mut a = article("Elijah Cummings, son of Ruth Elma Cummings. Cummings said no.");
        a.people = vec![
            dateline_extract::Person {
                name: "Ruth Elma Cummings".into(),
                mentions: 1,
            },
            dateline_extract::Person {
                name: "Elijah Cummings".into(),
                mentions: 4,
            },
        ];
        let html = Names::of(&a).mark(&a.body, &[]).into_string();
        assert!(
            html.ends_with(
                "<a class=\"name person\" href=\"/people/Elijah%20Cummings\">Cummings</a> said no."
            ),
            "{html}"
        );
    }

    #[test]
    fn a_search_is_marked_inside_names_and_around_them() {
        let a = article("Paul Volcker met oil traders.\n\n  Volcker said oil <b>rose</b>.");
        let names = Names::of(&a);
        // "Volcker" in the name, "oil" twice, "rose" in markup-like text.
        let matches = [[5, 12], [17, 20], [33, 40], [46, 49], [53, 57]];
        let paragraphs: Vec<(usize, &str)> = paragraphs(&a.body).collect();
        assert_eq!(
            paragraphs,
            [
                (0, "Paul Volcker met oil traders."),
                (33, "Volcker said oil <b>rose</b>.")
            ]
        );
        let html: Vec<String> = paragraphs
            .iter()
            .map(|(at, p)| names.mark(p, &within(&matches, *at, p.len())).into_string())
            .collect();
        assert_eq!(
            html,
            [
                "<a class=\"name person\" href=\"/people/Paul%20Volcker\">Paul <mark>Volcker</mark></a> \
                 met <mark>oil</mark> traders.",
                "<a class=\"name person\" href=\"/people/Paul%20Volcker\"><mark>Volcker</mark></a> \
                 said <mark>oil</mark> &lt;b&gt;<mark>rose</mark>&lt;/b&gt;."
            ]
        );
    }

    #[test]
    fn only_web_addresses_are_links() {
        assert!(is_web_address("https://example.org/a"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address(" JAVASCRIPT:alert(1)"));
        assert!(!is_web_address("data:text/html,<script>"));
    }
}
