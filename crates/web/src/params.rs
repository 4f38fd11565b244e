//! URL parameters to a [`SearchRequest`]: the API and the search page take
//! the same names as the CLI's flags, repeatable where a flag is, and every
//! state of the search page is one of them (so a link is the whole page).

use dateline_query::{FacetKind, Interval, SearchRequest, Sort};

use crate::error::Failure;

/// The longest query string read; the query language needs no more.
pub const MAX_QUERY_BYTES: usize = 4096;
/// Most hits on one page.
pub const MAX_LIMIT: usize = 1000;
/// Deepest page: `offset + limit` at most this.
pub const MAX_DEPTH: usize = 10_000;
/// Most values per facet.
pub const MAX_TOP: usize = 1000;

/// The parameters a search page or `/api/search` understands.
pub const NAMES: &str = "q, person, topic, place, org, source, language, not_person, not_topic, \
     not_place, not_org, not_source, from, to, sort, limit, offset, facets, top, timeline, share";

/// A search as the URL gives it.
#[derive(Debug, Clone, Default)]
pub struct SearchParams {
    /// The request.
    pub request: SearchRequest,
    /// `timeline=auto` (or no timeline parameter on a page): chosen from the span.
    pub auto_timeline: bool,
}

impl SearchParams {
    /// Reads a raw query string (`None`: no parameters).
    pub fn parse(raw: Option<&str>) -> Result<SearchParams, Failure> {
        let mut params = SearchParams::default();
        let request = &mut params.request;
        let mut limit_given = false;
        for (name, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            let value = value.into_owned();
            match name.as_ref() {
                "q" => {
                    if value.len() > MAX_QUERY_BYTES {
                        return Err(Failure::too_large(format!(
                            "query of {} bytes is longer than {MAX_QUERY_BYTES}: shorten it or split it into a batch",
                            value.len()
                        )));
                    }
                    request.q = value;
                }
                "person" => push(&mut request.person, value),
                "topic" => push(&mut request.topic, value),
                "place" => push(&mut request.place, value),
                "org" => push(&mut request.org, value),
                "source" => push(&mut request.source, value),
                "language" => push(&mut request.language, value),
                "not_person" => push(&mut request.not_person, value),
                "not_topic" => push(&mut request.not_topic, value),
                "not_place" => push(&mut request.not_place, value),
                "not_org" => push(&mut request.not_org, value),
                "not_source" => push(&mut request.not_source, value),
                "from" => request.from = Some(value).filter(|v| !v.is_empty()),
                "to" => request.to = Some(value).filter(|v| !v.is_empty()),
                "sort" if value.is_empty() => {}
                "sort" => request.sort = value.parse::<Sort>()?,
                "limit" => {
                    request.limit = number("limit", &value)?;
                    limit_given = true;
                }
                "offset" => request.offset = number("offset", &value)?,
                "top" => request.top = number("top", &value)?,
                "facets" => {
                    for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                        let kind = name.parse::<FacetKind>()?;
                        if !request.facets.contains(&kind) {
                            request.facets.push(kind);
                        }
                    }
                }
                "timeline" => match value.as_str() {
                    "" | "none" => request.timeline = None,
                    "auto" => params.auto_timeline = true,
                    other => request.timeline = Some(other.parse::<Interval>()?),
                },
                "share" => request.share = flag("share", &value)?,
                other => {
                    return Err(Failure::bad_request(format!(
                        "unknown parameter `{other}`: use {NAMES}"
                    )))
                }
            }
        }
        if !limit_given {
            request.limit = 10;
        }
        params.check()?;
        Ok(params)
    }

    fn check(&self) -> Result<(), Failure> {
        let r = &self.request;
        if r.limit > MAX_LIMIT {
            return Err(Failure::bad_request(format!(
                "limit {} is above {MAX_LIMIT}: page with offset, or use `dateline export` for everything",
                r.limit
            )));
        }
        if r.offset.saturating_add(r.limit) > MAX_DEPTH {
            return Err(Failure::bad_request(format!(
                "offset {} + limit {} goes past hit {MAX_DEPTH}: narrow the search, or use `dateline export`",
                r.offset, r.limit
            )));
        }
        if r.top > MAX_TOP {
            return Err(Failure::bad_request(format!(
                "top {} is above {MAX_TOP}",
                r.top
            )));
        }
        Ok(())
    }

    /// The request to run: an automatic timeline gets `interval`.
    pub fn to_request(&self, interval: Option<Interval>) -> SearchRequest {
        let mut request = self.request.clone();
        if self.auto_timeline && request.timeline.is_none() {
            request.timeline = interval;
        }
        request
    }

    /// The URL parameters that give this search back, in a stable order.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let r = &self.request;
        let mut out: Vec<(String, String)> = Vec::new();
        let mut one = |name: &str, value: &str| out.push((name.to_string(), value.to_string()));
        if !r.q.is_empty() {
            one("q", &r.q);
        }
        for (name, values) in [
            ("person", &r.person),
            ("topic", &r.topic),
            ("place", &r.place),
            ("org", &r.org),
            ("source", &r.source),
            ("language", &r.language),
            ("not_person", &r.not_person),
            ("not_topic", &r.not_topic),
            ("not_place", &r.not_place),
            ("not_org", &r.not_org),
            ("not_source", &r.not_source),
        ] {
            for value in values {
                one(name, value);
            }
        }
        if let Some(from) = &r.from {
            one("from", from);
        }
        if let Some(to) = &r.to {
            one("to", to);
        }
        if r.sort != Sort::Relevance {
            one("sort", sort_name(r.sort));
        }
        if let Some(interval) = r.timeline {
            one("timeline", interval_name(interval));
        }
        if r.share {
            one("share", "true");
        }
        if r.offset > 0 {
            one("offset", &r.offset.to_string());
        }
        out
    }
}

fn push(values: &mut Vec<String>, value: String) {
    if !value.trim().is_empty() && !values.contains(&value) {
        values.push(value);
    }
}

fn number(name: &str, value: &str) -> Result<usize, Failure> {
    value.trim().parse::<usize>().map_err(|_| {
        Failure::bad_request(format!(
            "parameter `{name}` must be a whole number, not `{value}`"
        ))
    })
}

fn flag(name: &str, value: &str) -> Result<bool, Failure> {
    match value {
        "" | "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        other => Err(Failure::bad_request(format!(
            "parameter `{name}` must be true or false, not `{other}`"
        ))),
    }
}

pub fn sort_name(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "relevance",
        Sort::Newest => "newest",
        Sort::Oldest => "oldest",
    }
}

pub fn interval_name(interval: Interval) -> &'static str {
    match interval {
        Interval::Day => "day",
        Interval::Week => "week",
        Interval::Month => "month",
        Interval::Year => "year",
    }
}

/// A URL: `path` and the parameters, encoded.
pub fn url(path: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return path.to_string();
    }
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        query.append_pair(name, value);
    }
    format!("{path}?{}", query.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_filters_exclusions_and_limits_are_read() {
        let params = SearchParams::parse(Some(
            "q=oil+prices&person=Reagan&person=Volcker&not_place=Iran&facets=people,topics&timeline=month&share=true",
        ))
        .unwrap();
        assert_eq!(params.request.person, ["Reagan", "Volcker"]);
        assert_eq!(
            params.request.facets,
            [FacetKind::People, FacetKind::Topics]
        );
        assert!(params.request.share);
        let request = params.to_request(None);
        assert_eq!(request.not_place, ["Iran"]);
        assert_eq!(request.timeline, Some(Interval::Month));
    }

    #[test]
    fn unknown_parameters_and_limits_over_the_bounds_are_refused() {
        let err = SearchParams::parse(Some("q=x&colour=red")).unwrap_err();
        assert!(
            err.message.contains("unknown parameter `colour`"),
            "{}",
            err.message
        );
        let err = SearchParams::parse(Some("limit=5000")).unwrap_err();
        assert!(err.message.contains("above 1000"), "{}", err.message);
        let err = SearchParams::parse(Some("offset=9995&limit=10")).unwrap_err();
        assert!(err.message.contains("past hit"), "{}", err.message);
        let long = format!("q={}", "a".repeat(MAX_QUERY_BYTES + 1));
        assert_eq!(SearchParams::parse(Some(&long)).unwrap_err().status, 413);
    }

    #[test]
    fn pairs_give_the_same_search_back() {
        let raw = "q=talks&person=Reagan&not_org=OPEC&from=1987-03&sort=newest&timeline=week";
        let params = SearchParams::parse(Some(raw)).unwrap();
        let again =
            SearchParams::parse(Some(url("", &params.pairs()).trim_start_matches('?'))).unwrap();
        assert_eq!(again.to_request(None), params.to_request(None));
    }
}
