//! The search page: query box, filter chips, facet sidebar, timeline,
//! results and paging; every state is a URL parameter.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::response::Response;
use dateline_query::{FacetKind, Hit, Interval, SearchResponse, Sort};
use maud::{html, Markup};

use super::{chart, entity_path, failure_page_for, highlighted, layout, page, thousands};
use crate::params::{interval_name, sort_name, url, Reader, SearchParams};
use crate::state::App;

/// Hits per page.
const PAGE: usize = 20;
/// The facets of the sidebar: kind, the filter's field, its heading.
pub const SIDEBAR: [(FacetKind, &str, &str); 5] = [
    (FacetKind::People, "person", "People"),
    (FacetKind::Organizations, "org", "Organisations"),
    (FacetKind::Places, "place", "Places"),
    (FacetKind::Topics, "topic", "Topics"),
    (FacetKind::Sources, "source", "Sources"),
];

async fn render(app: Arc<App>, raw: Option<String>) -> Result<Response, crate::error::Failure> {
    let mut params = SearchParams::parse(raw.as_deref(), Reader::Page, PAGE)?;
    if params.request.timeline.is_none() {
        params.auto_timeline = true;
    }
    params.request.facets = SIDEBAR.iter().map(|(kind, _, _)| *kind).collect();
    params.request.top = 10;
    let (response, interval, params) = app
        .run(move |app| {
            let interval = params.request.timeline.unwrap_or_else(|| {
                app.auto_interval(params.request.from.as_deref(), params.request.to.as_deref())
            });
            let mut response = app.engine.search(&params.to_request(Some(interval)))?;
            let interval = if params.request.timeline.is_none() {
                refine_timeline(app, &params.to_request(None), &mut response, interval)?
            } else {
                interval
            };
            Ok((response, interval, params))
        })
        .await?;
    let title = if params.request.q.is_empty() {
        "Search".to_string()
    } else {
        params.request.q.clone()
    };
    Ok(page(layout(
        &title,
        &params.request.q,
        body(&params, &response, interval),
    )))
}

pub async fn show(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    // What the search page reads (it ignores the rest, `utm_source` and
    // the like), kept on its error page.
    let known: Vec<&str> = crate::params::NAMES.split(", ").collect();
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(raw.as_deref().unwrap_or("").as_bytes())
            .into_owned()
            .filter(|(name, _)| known.contains(&name.as_str()))
            .collect();
    match render(app, raw).await {
        Ok(response) => response,
        Err(failure) => failure_page_for(failure, &pairs),
    }
}

/// When the matches fill only a few bars of an automatic timeline (a story
/// of two years in a 40-year archive), draws it again over the matches' own
/// period at the interval that period reads best in.
pub fn refine_timeline(
    app: &App,
    base: &dateline_query::SearchRequest,
    response: &mut SearchResponse,
    interval: Interval,
) -> Result<Interval, crate::error::Failure> {
    let Some(timeline) = &response.timeline else {
        return Ok(interval);
    };
    let day = |b: Option<&dateline_query::TimelineBucket>| {
        chrono::NaiveDate::parse_from_str(&b?.start, "%Y-%m-%d").ok()
    };
    let busy = || timeline.iter().filter(|b| b.count > 0);
    let (Some(first), Some(last)) = (day(busy().next()), day(busy().next_back())) else {
        return Ok(interval);
    };
    let last = interval.next(last) - chrono::Duration::days(1);
    let finer = crate::state::interval_for(first, last);
    if timeline.len() >= 12 || finer == interval {
        return Ok(interval);
    }
    let mut request = base.clone();
    request.limit = 0;
    request.facets.clear();
    request.timeline = Some(finer);
    response.timeline = app.engine.search(&request)?.timeline;
    Ok(finer)
}

/// The URL of this search with `change` applied to its parameters (paging
/// starts again unless `change` sets it).
fn changed(params: &SearchParams, change: impl FnOnce(&mut Vec<(String, String)>)) -> String {
    let mut pairs: Vec<(String, String)> = params
        .pairs()
        .into_iter()
        .filter(|(n, _)| n != "offset")
        .collect();
    change(&mut pairs);
    url("/", &pairs)
}

fn set(pairs: &mut Vec<(String, String)>, name: &str, value: Option<&str>) {
    pairs.retain(|(n, _)| n != name);
    if let Some(value) = value {
        pairs.push((name.to_string(), value.to_string()));
    }
}

fn body(params: &SearchParams, response: &SearchResponse, interval: Interval) -> Markup {
    html! {
        (hidden_filters(params))
        (chips(params))
        div.layout {
            aside.facets { (facets(params, response)) }
            section.results {
                (summary(params, response))
                (ambiguity(params, response))
                @if let Some(timeline) = &response.timeline {
                    (timeline_section(params, timeline, interval, response.undated))
                }
                @let marking = params.marking_pairs();
                ol.hits { @for hit in &response.hits { (hit_item(hit, &marking)) } }
                (pager(params, response))
            }
        }
    }
}

/// The filters as hidden fields of the query form in the header (joined to
/// it by its id), so a new query keeps them.
fn hidden_filters(params: &SearchParams) -> Markup {
    html! {
        @for (name, value) in params.pairs() {
            @if name != "q" && name != "offset" {
                input type="hidden" form="search" name=(name) value=(value);
            }
        }
    }
}

/// Each filter as a chip whose × removes it.
fn chips(params: &SearchParams) -> Markup {
    let r = &params.request;
    let mut chips: Vec<(String, String)> = Vec::new();
    let mut remove = |label: String, name: &str, value: &str| {
        let href = changed(params, |pairs| {
            pairs.retain(|(n, v)| !(n == name && v == value))
        });
        chips.push((label, href));
    };
    for (name, values) in [
        ("person", &r.person),
        ("org", &r.org),
        ("place", &r.place),
        ("topic", &r.topic),
        ("source", &r.source),
        ("language", &r.language),
        ("not_person", &r.not_person),
        ("not_org", &r.not_org),
        ("not_place", &r.not_place),
        ("not_topic", &r.not_topic),
        ("not_source", &r.not_source),
    ] {
        for value in values {
            let shown = super::shown_value(name, value);
            let label = match name.strip_prefix("not_") {
                Some(field) => format!("not {field}: {shown}"),
                None => format!("{name}: {shown}"),
            };
            remove(label, name, value);
        }
    }
    if r.from.is_some() || r.to.is_some() {
        let label = format!(
            "period: {} to {}",
            r.from.as_deref().unwrap_or("…"),
            r.to.as_deref().unwrap_or("…")
        );
        let href = changed(params, |pairs| {
            pairs.retain(|(n, _)| n != "from" && n != "to")
        });
        chips.push((label, href));
    }
    html! {
        @if !chips.is_empty() {
            ul.chips {
                @for (label, href) in &chips {
                    li { (label) " " a.remove href=(href) title="Remove this filter" aria-label="Remove this filter" { "×" } }
                }
                li { a href=(url("/", &[("q".to_string(), r.q.clone())].into_iter().filter(|(_, v)| !v.is_empty()).collect::<Vec<_>>())) { "clear all" } }
            }
        }
    }
}

/// The facet sidebar: a click on a value filters on it, a click on a value
/// filtered on excludes it, a click on an excluded one drops it.
fn facets(params: &SearchParams, response: &SearchResponse) -> Markup {
    let none = Vec::new();
    html! {
        @for (kind, field, heading) in SIDEBAR {
            @let values = response.facets.get(kind.name()).unwrap_or(&none);
            // Excluded values match nothing, so they are not counted: they
            // are listed after the counts, for the click that drops them.
            @let excluded = excluded(params, field);
            @if !values.is_empty() || !excluded.is_empty() {
                section.facet {
                    h2 { (heading) }
                    ul {
                        @for v in values {
                            @let (state, href) = toggle(params, field, super::filter_value(&v.value, &v.id));
                            li class=(state) {
                                a href=(href) title=(hint(state)) { (v.value) }
                                " " span.count { (thousands(v.count)) }
                            }
                        }
                        @for value in excluded {
                            @let (state, href) = toggle(params, field, value);
                            li class=(state) { a href=(href) title=(hint(state)) { (super::shown_value(field, value)) } }
                        }
                    }
                }
            }
        }
    }
}

/// The values of `field` the search excludes.
fn excluded<'a>(params: &'a SearchParams, field: &str) -> &'a [String] {
    let r = &params.request;
    match field {
        "person" => &r.not_person,
        "org" => &r.not_org,
        "place" => &r.not_place,
        "topic" => &r.not_topic,
        "source" => &r.not_source,
        _ => &[],
    }
}

fn hint(state: &str) -> &'static str {
    match state {
        "included" => "Filtered on: click to exclude",
        "excluded" => "Excluded: click to drop",
        _ => "Click to filter on it",
    }
}

/// The state of `value` in the search and the URL of its next state.
fn toggle(params: &SearchParams, field: &str, value: &str) -> (&'static str, String) {
    let not = format!("not_{field}");
    let pairs = params.pairs();
    let has = |name: &str| pairs.iter().any(|(n, v)| n == name && v == value);
    let (state, from, to) = if has(field) {
        ("included", field.to_string(), Some(not))
    } else if has(&not) {
        ("excluded", not, None)
    } else {
        ("", String::new(), Some(field.to_string()))
    };
    let href = changed(params, |pairs| {
        pairs.retain(|(n, v)| !(n == &from && v == value));
        if let Some(to) = to {
            pairs.push((to, value.to_string()));
        }
    });
    (state, href)
}

fn summary(params: &SearchParams, response: &SearchResponse) -> Markup {
    let r = &params.request;
    let first = r.offset + 1;
    let last = r.offset + response.hits.len();
    html! {
        div.summary {
            p.total {
                @if response.total == 0 { "No articles match." }
                @else if response.hits.is_empty() && r.offset > 0 {
                    strong { (thousands(response.total)) } (super::articles_after(response.total)) "; this page is past the last of them."
                }
                @else {
                    strong { (thousands(response.total)) } (super::articles_after(response.total))
                    @if response.total as usize > response.hits.len() { ", " (first) "–" (last) " shown" }
                }
            }
            p.sort {
                "Sort: "
                @for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
                    @if sort == r.sort { strong { (sort_name(sort)) } }
                    @else {
                        a href=(changed(params, |p| set(p, "sort", (sort != Sort::Relevance).then_some(sort_name(sort))))) { (sort_name(sort)) }
                    }
                    " "
                }
            }
        }
    }
}

/// When a typed name covers several people, says so, with a link to each.
fn ambiguity(params: &SearchParams, response: &SearchResponse) -> Markup {
    html! {
        @for named in response.people.iter().filter(|n| n.people.len() > 1) {
            p.note {
                "“" (named.name) "” names " (named.people.len()) " people: "
                @for (i, person) in named.people.iter().enumerate() {
                    @if i > 0 { ", " }
                    a href=(changed(params, |pairs| {
                        pairs.retain(|(n, v)| !(n == "person" && *v == named.name));
                        pairs.push(("person".into(), person.name.clone()));
                    })) { (person.name) } " (" (thousands(person.articles)) ")"
                }
            }
        }
    }
}

fn timeline_section(
    params: &SearchParams,
    timeline: &[dateline_query::TimelineBucket],
    interval: Interval,
    undated: Option<u64>,
) -> Markup {
    let share = params.request.share;
    html! {
        section.timeline {
            div.controls {
                span { "By " }
                @for choice in [Interval::Day, Interval::Week, Interval::Month, Interval::Year] {
                    @if choice == interval { strong { (interval_name(choice)) } }
                    @else { a href=(changed(params, |p| set(p, "timeline", Some(interval_name(choice))))) { (interval_name(choice)) } }
                    " "
                }
                span.sep { "·" }
                @if share {
                    a href=(changed(params, |p| set(p, "share", None))) { "count" } " " strong { "share of all articles" }
                } @else {
                    strong { "count" } " " a href=(changed(params, |p| set(p, "share", Some("true")))) { "share of all articles" }
                }
                @if let Some(undated) = undated.filter(|u| *u > 0) {
                    span.undated { (thousands(undated)) " undated" }
                }
            }
            (chart::timeline(timeline, interval, share, |from, to| changed(params, |p| {
                set(p, "from", Some(from));
                set(p, "to", Some(to));
            })))
            @if let Some(note) = chart::runs_note(timeline.len(), interval) { p.hint { (note) } }
            p.hint { "Click a bar, or drag across bars, to select a period." }
        }
    }
}

/// One result: date, source, headline, snippet and its entities; its link
/// carries `marking`, what the article page is to mark.
pub fn hit_item(hit: &Hit, marking: &[(String, String)]) -> Markup {
    html! {
        li.hit {
            div.meta {
                @if let Some(date) = &hit.date { time datetime=(date) { (date) } }
                @if let Some(source) = &hit.source { " · " span.source { (source) } }
            }
            h3 { a href=(url(&super::path("/articles", &hit.id), marking)) { (highlighted(&hit.title, &hit.title_highlights)) } }
            p.snippet { (highlighted(&hit.snippet.text, &hit.snippet.highlights)) }
            (entity_chips(&hit.people, "person", 5))
            (entity_chips(&hit.organizations, "org", 4))
            (entity_chips(&hit.places, "place", 4))
        }
    }
}

pub fn entity_chips(values: &[String], field: &str, most: usize) -> Markup {
    html! {
        @if !values.is_empty() {
            ul class={"entities " (field)} {
                @for value in values.iter().take(most) {
                    li { a href=(entity_path(field, value)) { (value) } }
                }
            }
        }
    }
}

fn pager(params: &SearchParams, response: &SearchResponse) -> Markup {
    let r = &params.request;
    let at = |offset: usize| {
        changed(params, |p| {
            set(
                p,
                "offset",
                (offset > 0).then(|| offset.to_string()).as_deref(),
            )
        })
    };
    let size = r.limit.max(1);
    let total = response.total as usize;
    let more =
        r.offset + response.hits.len() < total && r.offset + 2 * size <= crate::params::MAX_DEPTH;
    // Past the end, "previous" goes to the last page that has hits.
    let previous = if r.offset >= total {
        total.saturating_sub(1) / size * size
    } else {
        r.offset.saturating_sub(size)
    };
    html! {
        nav.pager {
            @if r.offset > 0 && total > 0 { a rel="prev" href=(at(previous)) { "← Previous page" } }
            @if more { a rel="next" href=(at(r.offset + size)) { "Next page →" } }
        }
    }
}
