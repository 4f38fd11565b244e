//! The HTML front end: pages drawn on the server with maud, which escapes
//! every value it is given (article text, names, URLs), so nothing from an
//! article can become markup. No inline script or style: the CSP forbids
//! them.

pub mod article;
pub mod batch;
pub mod chart;
pub mod entity;
pub mod listing;
pub mod search;

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use dateline_extract::Taxonomy;
use dateline_query::FacetKind;
use maud::{html, Markup, DOCTYPE};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::error::Failure;

/// What a path segment keeps unencoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `base` and `value` as one encoded path segment: `/people/Ronald%20Reagan`.
pub fn path(base: &str, value: &str) -> String {
    format!("{base}/{}", utf8_percent_encode(value, SEGMENT))
}

/// A kind of entity with pages of its own: the facet it is counted in,
/// its path (`/people`, `/api/people`), its filter field, and its names.
pub struct Kind {
    pub facet: FacetKind,
    pub path: &'static str,
    pub field: &'static str,
    pub plural: &'static str,
    pub singular: &'static str,
}

/// Every kind with entity pages, in the order pages list them.
pub const KINDS: [Kind; 4] = [
    Kind {
        facet: FacetKind::People,
        path: "people",
        field: "person",
        plural: "People",
        singular: "Person",
    },
    Kind {
        facet: FacetKind::Organizations,
        path: "orgs",
        field: "org",
        plural: "Organisations",
        singular: "Organisation",
    },
    Kind {
        facet: FacetKind::Places,
        path: "places",
        field: "place",
        plural: "Places",
        singular: "Place",
    },
    Kind {
        facet: FacetKind::Topics,
        path: "topics",
        field: "topic",
        plural: "Topics",
        singular: "Topic",
    },
];

/// The entity page of a value of `field` (`person`, `org`, `place`, `topic`).
pub fn entity_path(field: &str, value: &str) -> String {
    let kind = KINDS.iter().find(|k| k.field == field).unwrap_or(&KINDS[3]);
    path(&format!("/{}", kind.path), value)
}

/// What a filter on a facet value takes: a topic's qcode (its label can
/// name a broader topic: "government"), any other value as it is.
pub fn filter_value<'a>(value: &'a str, id: &'a Option<String>) -> &'a str {
    id.as_deref().unwrap_or(value)
}

/// A filter's value as a person reads it: a topic's label for its qcode.
pub fn shown_value(field: &str, value: &str) -> String {
    match field.strip_prefix("not_").unwrap_or(field) {
        "topic" => Taxonomy::get()
            .concept(value)
            .map_or_else(|| value.to_string(), |c| c.label.to_string()),
        _ => value.to_string(),
    }
}

/// The page around `body`, with the search box holding `q`.
pub fn layout(title: &str, q: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Dateline" }
                link rel="stylesheet" href="/assets/app.css";
                script src="/assets/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "Dateline" }
                    form #search .searchbox action="/" method="get" role="search" {
                        input type="search" name="q" value=(q) placeholder="words, \"phrases\", person:Name, date:[1987-03 TO 1987-04] …" aria-label="Query";
                        button type="submit" { "Search" }
                    }
                    nav {
                        a href="/people" { "People" }
                        a href="/orgs" { "Organisations" }
                        a href="/places" { "Places" }
                        a href="/topics" { "Topics" }
                        a href="/batch" { "Batch" }
                    }
                }
                main { (body) }
            }
        }
    }
}

/// A rendered page.
pub fn page(markup: Markup) -> Response {
    Html(markup.into_string()).into_response()
}

/// A failure as a page, with the status it deserves.
pub fn failure_page(failure: Failure) -> Response {
    failure_page_for(failure, &[])
}

/// A failed search as a page whose search box holds its query, to correct
/// in place: the search's other parameters (filters, period, sort) are
/// listed and kept as hidden fields of the box, so the corrected search
/// keeps them.
pub fn failure_page_for(failure: Failure, pairs: &[(String, String)]) -> Response {
    let status = failure.status;
    let title = if status == StatusCode::NOT_FOUND {
        "Not found"
    } else if status.is_client_error() {
        "Cannot search that"
    } else {
        "Something failed"
    };
    let q = pairs
        .iter()
        .find(|(name, _)| name == "q")
        .map_or("", |(_, value)| value.as_str());
    let kept: Vec<&(String, String)> = pairs
        .iter()
        .filter(|(name, value)| name != "q" && name != "offset" && !value.is_empty())
        .collect();
    let markup = layout(
        title,
        q,
        html! {
            @for (name, value) in &kept {
                input type="hidden" form="search" name=(name) value=(value);
            }
            section.failure {
                h1 { (title) }
                p.message { (failure.message) }
                @if !kept.is_empty() {
                    p.kept {
                        "A corrected query keeps: "
                        @for (i, (name, value)) in kept.iter().enumerate() {
                            @if i > 0 { ", " }
                            (name.replace('_', " ")) " " strong { (shown_value(name, value)) }
                            " " a.remove href=(without(pairs, name, value)) title="Search without it" { "(remove)" }
                        }
                    }
                }
                p { a href="/" { "Back to the search" } }
            }
        },
    );
    (status, Html(markup.into_string())).into_response()
}

/// The search of `pairs` without the parameter `name=value` (and at its
/// first page): where an error page's "remove" leads.
fn without(pairs: &[(String, String)], name: &str, value: &str) -> String {
    let mut rest: Vec<(String, String)> = pairs
        .iter()
        .filter(|(n, _)| n != "offset")
        .cloned()
        .collect();
    if let Some(at) = rest.iter().position(|(n, v)| n == name && v == value) {
        rest.remove(at);
    }
    crate::params::url("/", &rest)
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// " article" or " articles", after a count of `n`.
pub fn articles_after(n: u64) -> &'static str {
    if n == 1 {
        " article"
    } else {
        " articles"
    }
}

/// `text` with the byte ranges of `marks` in `<mark>`; ranges that do not
/// fall on character boundaries are left unmarked.
pub fn highlighted(text: &str, marks: &[[usize; 2]]) -> Markup {
    let mut parts: Vec<(&str, bool)> = Vec::new();
    let mut at = 0;
    for [start, end] in marks {
        let (Some(before), Some(marked)) = (text.get(at..*start), text.get(*start..*end)) else {
            continue;
        };
        parts.push((before, false));
        parts.push((marked, true));
        at = *end;
    }
    parts.push((text.get(at..).unwrap_or(""), false));
    html! {
        @for (part, marked) in parts {
            @if marked { mark { (part) } } @else { (part) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_is_escaped_and_marks_stay_on_characters() {
        let text = "<script>alert(1)</script> Zürich oil";
        let markup = highlighted(text, &[[26, 33], [34, 37]]).into_string();
        assert_eq!(
            markup,
            "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Zürich</mark> <mark>oil</mark>"
        );
        // A range inside `ü` marks nothing, and the text is all there.
        let markup = highlighted(text, &[[28, 30]]).into_string();
        assert!(
            markup.ends_with("Zürich oil") && !markup.contains("<mark>"),
            "{markup}"
        );
    }

    #[test]
    fn names_become_one_path_segment() {
        assert_eq!(
            entity_path("person", "Ronald Reagan"),
            "/people/Ronald%20Reagan"
        );
        assert_eq!(entity_path("place", "a/b?c"), "/places/a%2Fb%3Fc");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
