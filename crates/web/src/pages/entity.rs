//! A person's, organisation's, place's or topic's page: how many articles
//! name it, when, with whom, under which forms, and the latest of them.

use std::sync::Arc;

use axum::response::Response;
use dateline_extract::Taxonomy;
use dateline_query::{FacetCount, FacetKind, Interval, Named, SearchRequest, SearchResponse, Sort};
use maud::{html, Markup};

use super::search::{hit_item, SIDEBAR};
use super::{chart, entity_path, failure_page, layout, page, thousands, Kind};
use crate::params::url;
use crate::state::App;

/// What an entity page shows.
struct Entity {
    kind: &'static Kind,
    /// The name as the URL typed it, what the links filter on.
    name: String,
    /// What it names in the index: the heading, and not "named with it".
    named: Named,
    interval: Interval,
    response: SearchResponse,
}

/// The page of `name`, an entity of `kind`.
pub async fn show(app: Arc<App>, kind: &'static Kind, name: String) -> Response {
    let found = app
        .run(move |app| {
            let field = kind.field;
            let named = app
                .engine
                .named(&app.engine.searcher(), kind.facet, &name)?;
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
            Ok(Entity {
                kind,
                name,
                named,
                interval,
                response,
            })
        })
        .await;
    match found {
        Ok(entity) => page(layout(&entity.named.value, "", body(&entity))),
        Err(failure) => failure_page(failure),
    }
}

impl Entity {
    /// Whether `v`, a value of `kind`, is the entity itself or, for a
    /// topic, a broader topic every article of it has: not "named with it".
    fn is_itself(&self, kind: FacetKind, v: &FacetCount) -> bool {
        if kind != self.kind.facet {
            return false;
        }
        match (&self.named.id, &v.id) {
            (Some(own), Some(id)) => Taxonomy::get().ancestry(own).contains(&id.as_str()),
            _ => self.named.forms.contains(&v.value),
        }
    }
}

fn body(e: &Entity) -> Markup {
    let (field, noun) = (e.kind.field, e.kind.singular);
    let name = &e.named.value;
    let search = url("/", &[(field.to_string(), e.name.clone())]);
    let others: Vec<&str> = e
        .named
        .forms
        .iter()
        .map(String::as_str)
        .filter(|f| f != name)
        .collect();
    html! {
        section.entity {
            p.kind { (noun) }
            h1 { (name) }
            p.total {
                a href=(search) { strong { (thousands(e.response.total)) } (super::articles_after(e.response.total)) }
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
                        @let values: Vec<_> = values.iter().filter(|v| !e.is_itself(kind, v)).collect();
                        @if !values.is_empty() {
                            section.facet {
                                h2 { (heading) " named with it" }
                                ul { @for v in values {
                                    li { a href=(entity_path(facet_field, super::filter_value(&v.value, &v.id))) { (v.value) } " " span.count { (thousands(v.count)) } }
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
