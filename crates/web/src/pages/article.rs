//! The article page: the whole text with its people, places and
//! organisations marked, each a link to its entity page.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use dateline_query::ArticleView;
use maud::{html, Markup};

use super::{entity_path, failure_page, layout, page};
use crate::error::Failure;
use crate::state::App;

pub async fn page_of(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let found = app
        .run_quick(move |app| {
            app.engine.article(&id)?.ok_or_else(|| {
                Failure::not_found(format!("no article with id `{id}` in the index"))
            })
        })
        .await;
    match found {
        Ok(article) => page(layout(&article.title, "", body(&article))),
        Err(failure) => failure_page(failure),
    }
}

fn body(a: &ArticleView) -> Markup {
    let names = Names::of(a);
    html! {
        article.full {
            h1 { (a.title) }
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
                @if !a.lead.is_empty() { p.lead { (names.mark(&a.lead)) } }
                @for paragraph in a.body.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
                    p { (names.mark(paragraph)) }
                }
            }
            p.source-file { "From " code { (a.path) } @if let Some(line) = a.line { ", line " (line) } }
        }
        aside.about {
            @if !a.topics.is_empty() {
                section { h2 { "Topics" }
                    ul { @for t in &a.topics {
                        li { a href=(entity_path("topic", &t.label)) { (t.label) } " " span.count title="How strongly the article is about this topic (0 to 1)" { (format!("{:.2}", t.score)) } }
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
        for p in &a.people {
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

    fn mark(&self, text: &str) -> Markup {
        // (plain text before, the name and its form's index)
        let mut parts: Vec<(&str, Option<(&str, usize)>)> = Vec::new();
        let mut at = 0;
        for (start, end, i) in self.spans(text) {
            parts.push((&text[at..start], Some((&text[start..end], i))));
            at = end;
        }
        parts.push((&text[at..], None));
        html! {
            @for (plain, name) in parts {
                (plain)
                @if let Some((name, i)) = name {
                    @let (_, field, entity) = &self.forms[i];
                    a class={"name " (field)} href=(entity_path(field, entity)) { (name) }
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
        let html = Names::of(&a).mark(&a.body).into_string();
        assert_eq!(
            html,
            "<a class=\"name person\" href=\"/people/Paul%20Volcker\">Paul Volcker</a> of the \
             <a class=\"name org\" href=\"/orgs/Federal%20Reserve\">Federal Reserve</a> \
             &lt;b&gt;met&lt;/b&gt; in <a class=\"name place\" href=\"/places/Kyiv\">Kiev</a>; \
             <a class=\"name person\" href=\"/people/Paul%20Volcker\">Volcker</a> left. Volckers no."
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
