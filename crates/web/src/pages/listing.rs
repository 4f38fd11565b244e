//! The people, organisations, places and topics of the whole index, most
//! articles first, with a prefix filter.

use std::sync::Arc;

use axum::response::Response;
use maud::html;

use super::{entity_path, failure_page, layout, page, thousands, Kind};
use crate::params::url;
use crate::state::App;

/// Values on one page of a listing.
const PAGE: usize = 200;

/// The listing of `kind`.
pub async fn show(app: Arc<App>, kind: &'static Kind, raw: Option<String>) -> Response {
    let mut prefix = String::new();
    let mut offset = 0usize;
    for (name, value) in form_urlencoded::parse(raw.as_deref().unwrap_or("").as_bytes()) {
        match name.as_ref() {
            "prefix" => prefix = value.into_owned(),
            "offset" => offset = value.parse().unwrap_or(0),
            _ => {}
        }
    }
    let found = app
        .run({
            let prefix = prefix.clone();
            move |app| {
                Ok(app
                    .engine
                    .values(&app.engine.searcher(), kind.facet, &prefix)?)
            }
        })
        .await;
    let values = match found {
        Ok(values) => values,
        Err(failure) => return failure_page(failure),
    };
    let (field, heading) = (kind.field, kind.plural);
    let total = values.len();
    let offset = offset.min(total.saturating_sub(1) / PAGE * PAGE);
    let shown = &values[offset..(offset + PAGE).min(total)];
    let at = |offset: usize| {
        let mut pairs = Vec::new();
        if !prefix.is_empty() {
            pairs.push(("prefix".to_string(), prefix.clone()));
        }
        if offset > 0 {
            pairs.push(("offset".to_string(), offset.to_string()));
        }
        url(&format!("/{}", kind.path), &pairs)
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
                @else {
                    p.total { (offset + 1) "–" (offset + shown.len()) " of " (thousands(total as u64)) ", most articles first" }
                }
                ol.values start=(offset + 1) {
                    @for v in shown {
                        li { a href=(entity_path(field, super::filter_value(&v.value, &v.id))) { (v.value) } " " span.count { (thousands(v.count)) } }
                    }
                }
                nav.pager {
                    @if offset > 0 { a rel="prev" href=(at(offset.saturating_sub(PAGE))) { "← Previous" } }
                    @if offset + PAGE < total { a rel="next" href=(at(offset + PAGE)) { "Next →" } }
                }
            }
        },
    ))
}
