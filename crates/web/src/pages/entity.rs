//! A person's, organisation's, place's or topic's page: how many articles
//! name it, when, with whom, under which forms, and the latest of them.

use std::sync::Arc;

use axum::response::Response;
use dateline_query::{FacetKind, Interval, SearchRequest, SearchResponse, Sort};
use maud::{html, Markup};

use super::search::{hit_item, SIDEBAR};
use super::{chart, entity_path, failure_page, layout, page, thousands, Kind};
use crate::params::url;
use crate::state::App;

/// What an entity page shows.
struct Entity {
    kind: &'static Kind,
    name: String,
    forms: Vec<String>,
    interval: Interval,
    response: SearchResponse,
}

/// The page of `name`, an entity of `kind`.
pub async fn show(app: Arc<App>, kind: &'static Kind, name: String) -> Response {
    let found = app
        .run(move |app| {
            let field = kind.field;
            let mut request = SearchRequest {
                sort: Sort::Newest,
                limit: 10,
                top: 12,
                facets: SIDEBAR
                    .iter()
                    .map(|(k, _, _)| *k)
                    .filter(|k| *k != FacetKind::Sources)
                    .collect(),
                ..SearchRequest::default()
            };
            match field {
                "person" => request.person.push(name.clone()),
                "org" => request.org.push(name.clone()),
                "place" => request.place.push(name.clone()),
                _ => request.topic.push(name.clone()),
            }
            let interval = app.auto_interval(None, None);
            request.timeline = Some(interval);
            let mut response = app.engine.search(&request)?;
            let interval = super::search::refine_timeline(app, &request, &mut response, interval)?;
            let mut entity = Entity {
                kind,
                name,
                forms: Vec::new(),
                interval,
                response,
            };
            entity.forms =
                app.engine
                    .forms(&app.engine.searcher(), kind.facet, &display_name(&entity))?;
            Ok(entity)
        })
        .await;
    match found {
        Ok(entity) => page(layout(&entity.name, "", body(&entity))),
        Err(failure) => failure_page(failure),
    }
}

/// The entity's own name for what the URL typed ("trump" is Donald
/// Trump's page): the value of its kind that every match has.
fn display_name(e: &Entity) -> String {
    if let [named] = e.response.people.as_slice() {
        if let [person] = named.people.as_slice() {
            return person.name.clone();
        }
    }
    e.response
        .facets
        .get(e.kind.facet.name())
        .and_then(|values| values.first())
        .filter(|top| top.count == e.response.total && e.response.total > 0)
        .map_or_else(|| e.name.clone(), |top| top.value.clone())
}

fn body(e: &Entity) -> Markup {
    let (field, noun) = (e.kind.field, e.kind.singular);
    let name = display_name(e);
    let search = url("/", &[(field.to_string(), e.name.clone())]);
    let others: Vec<String> = e.forms.iter().filter(|f| **f != name).cloned().collect();
    html! {
        section.entity {
            p.kind { (noun) }
            h1 { (name) }
            p.total {
                a href=(search) { strong { (thousands(e.response.total)) } " articles" }
                @if !others.is_empty() { " · also written " (others.join(", ")) }
            }
            @for named in e.response.people.iter().filter(|n| n.people.len() > 1) {
                p.note {
                    "“" (named.name) "” names " (named.people.len()) " people: "
                    @for (i, person) in named.people.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(entity_path("person", &person.name)) { (person.name) } " (" (thousands(person.articles)) ")"
                    }
                }
            }
            @if let Some(timeline) = &e.response.timeline {
                section.timeline {
                    (chart::timeline(timeline, e.interval, false, |from, to| url("/", &[
                        (field.to_string(), e.name.clone()),
                        ("from".to_string(), from.to_string()),
                        ("to".to_string(), to.to_string()),
                    ])))
                }
            }
        }
        div.layout {
            aside.facets {
                @for (kind, facet_field, heading) in SIDEBAR {
                    @if let Some(values) = e.response.facets.get(kind.name()) {
                        @let values: Vec<_> = values.iter().filter(|v| v.value != name).collect();
                        @if !values.is_empty() {
                            section.facet {
                                h2 { (heading) " named with it" }
                                ul { @for v in values {
                                    li { a href=(entity_path(facet_field, &v.value)) { (v.value) } " " span.count { (thousands(v.count)) } }
                                } }
                            }
                        }
                    }
                }
            }
            section.results {
                h2 { "Latest articles" }
                @let marking = [(field.to_string(), e.name.clone())];
                ol.hits { @for hit in &e.response.hits { (hit_item(hit, &marking)) } }
                p { a href=(search) { "All " (thousands(e.response.total)) " articles →" } }
            }
        }
    }
}
