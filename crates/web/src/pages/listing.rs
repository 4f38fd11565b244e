//! The people, organisations, places and topics of the whole index, most
//! articles first, with a prefix filter.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::response::Response;
use dateline_query::FacetKind;
use maud::html;

use super::{entity_path, failure_page, layout, page, thousands};
use crate::state::App;

pub async fn people(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    show(app, FacetKind::People, raw).await
}

pub async fn orgs(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    show(app, FacetKind::Organizations, raw).await
}

pub async fn places(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    show(app, FacetKind::Places, raw).await
}

pub async fn topics(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    show(app, FacetKind::Topics, raw).await
}

async fn show(app: Arc<App>, kind: FacetKind, raw: Option<String>) -> Response {
    let prefix = form_urlencoded::parse(raw.as_deref().unwrap_or("").as_bytes())
        .find(|(name, _)| name == "prefix")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    let raw = Some(format!(
        "top=200&{}",
        form_urlencoded::Serializer::new(String::new())
            .append_pair("prefix", &prefix)
            .finish()
    ));
    let values = match crate::api::values(&app, kind, raw).await {
        Ok(values) => values,
        Err(failure) => return failure_page(failure),
    };
    let (field, heading) = match kind {
        FacetKind::People => ("person", "People"),
        FacetKind::Organizations => ("org", "Organisations"),
        FacetKind::Places => ("place", "Places"),
        _ => ("topic", "Topics"),
    };
    page(layout(
        heading,
        "",
        html! {
            section.listing {
                h1 { (heading) }
                form.prefix method="get" {
                    input type="search" name="prefix" value=(prefix) placeholder="Starting with…" aria-label="Starting with";
                    button type="submit" { "Filter" }
                }
                @if values.is_empty() { p { "None." } }
                ol.values {
                    @for v in &values {
                        li { a href=(entity_path(field, &v.value)) { (v.value) } " " span.count { (thousands(v.count)) } }
                    }
                }
            }
        },
    ))
}
