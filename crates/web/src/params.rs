//! URL parameters to a [`SearchRequest`]: the API and the search page take
//! the same names as the CLI's flags, repeatable where a flag is, and every
//! state of the search page is one of them (so a link is the whole page).

use dateline_query::{FacetKind, Interval, Limits, SearchRequest, Sort};

use crate::error::Failure;

/// Deepest page: `offset + limit` at most this.
pub const MAX_DEPTH: usize = Limits::SERVER.depth;

/// Who reads the parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// `/api/search`: an unknown or repeated parameter is an error, for a
    /// script that misspelt one should know.
    Api,
    /// The search page: a link shared with `utm_source` or `fbclid` added
    /// still opens; unknown parameters are left out.
    Page,
}

/// The parameters a search page or `/api/search` understands.
pub const NAMES: &str = "q, person, topic, place, org, source, language, not_person, not_topic, \
     not_place, not_org, not_source, from, to, sort, limit, offset, facets, top, timeline, share";

/// The parameters of [`SearchParams::marking_pairs`].
pub const MARKING: [&str; 5] = ["q", "person", "topic", "place", "org"];

/// An error for the first parameter of `raw` not in `names` (what a
/// request other than a search takes), naming what it takes.
pub fn only(raw: Option<&str>, names: &[&str], what: &str) -> Result<(), Failure> {
    for (name, _) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        if !names.contains(&name.as_ref()) {
            let takes = if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            };
            return Err(Failure::bad_request(format!(
                "unknown parameter `{name}`: {what} takes {takes}"
            )));
        }
    }
    Ok(())
}

/// A search as the URL gives it.
#[derive(Debug, Clone, Default)]
pub struct SearchParams {
    /// The request.
    pub request: SearchRequest,
    /// `timeline=auto` (or no timeline parameter on a page): chosen from the span.
    pub auto_timeline: bool,
}

impl SearchParams {
    /// Reads a raw query string (`None`: no parameters); `limit` is the
    /// page size when none is given.
    pub fn parse(raw: Option<&str>, reader: Reader, limit: usize) -> Result<SearchParams, Failure> {
        let mut params = SearchParams::default();
        let request = &mut params.request;
        request.limit = limit;
        let mut seen: Vec<String> = Vec::new();
        for (name, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            let value = value.into_owned();
            let single = !matches!(
                name.as_ref(),
                "person" | "topic" | "place" | "org" | "source" | "language" | "facets"
            ) && !name.starts_with("not_");
            if single && reader == Reader::Api {
                if seen.iter().any(|s| *s == name) {
                    return Err(Failure::bad_request(format!(
                        "parameter `{name}` is given twice: give it once"
                    )));
                }
                seen.push(name.to_string());
            }
            match name.as_ref() {
                "q" => request.q = value,
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
                "limit" => request.limit = number("limit", &value)?,
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
                _ if reader == Reader::Page => {}
                other => {
                    return Err(Failure::bad_request(format!(
                        "unknown parameter `{other}`: use {NAMES}"
                    )))
                }
            }
        }
        if params.auto_timeline && request.share && request.timeline.is_none() {
            // An automatic timeline is chosen later; share is checked with it.
            let mut with = request.clone();
            with.timeline = Some(Interval::Year);
            Limits::SERVER.check(&with)?;
        } else {
            Limits::SERVER.check(request)?;
        }
        Ok(params)
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
    /// The parameters an article page marks the text by: the words and the
    /// people, topics, places and organisations filtered on (a hit's link
    /// carries them, so the article shows why it matched).
    pub fn marking_pairs(&self) -> Vec<(String, String)> {
        self.pairs()
            .into_iter()
            .filter(|(name, _)| MARKING.contains(&name.as_str()))
            .collect()
    }

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
    match value.to_ascii_lowercase().as_str() {
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

    fn api(raw: &str) -> Result<SearchParams, Failure> {
        SearchParams::parse(Some(raw), Reader::Api, 10)
    }

    #[test]
    fn repeated_filters_exclusions_and_limits_are_read() {
        let params = api("q=oil+prices&person=Reagan&person=Volcker&not_place=Iran\
             &facets=people,topics&timeline=month&share=TRUE")
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
    fn the_api_refuses_unknown_repeated_and_oversized_parameters() {
        for (raw, says) in [
            ("q=x&colour=red", "unknown parameter `colour`"),
            ("q=a&q=b", "`q` is given twice"),
            ("limit=5000", "above 1000"),
            ("offset=9995&limit=10", "past hit 10000"),
            ("share=true", "share needs a timeline"),
            ("share=maybe", "must be true or false"),
        ] {
            let err = api(raw).unwrap_err();
            assert!(err.message.contains(says), "{raw}: {}", err.message);
            assert_eq!(err.status, 400);
        }
        let long = format!("q={}", "a".repeat(Limits::SERVER.query_bytes + 1));
        assert!(api(&long).unwrap_err().message.contains("longer than 4096"));
    }

    #[test]
    fn a_page_ignores_what_it_does_not_know_but_keeps_the_bounds() {
        let page = |raw| SearchParams::parse(Some(raw), Reader::Page, 20);
        let params = page("q=oil&utm_source=newsletter&fbclid=abc").unwrap();
        assert_eq!(params.request.q, "oil");
        assert_eq!(params.request.limit, 20);
        assert!(params.pairs().iter().all(|(name, _)| name == "q"));
        assert!(page("q=oil&offset=9990").is_err());
    }

    #[test]
    fn pairs_give_the_same_search_back() {
        let raw = "q=talks&person=Reagan&not_org=OPEC&from=1987-03&sort=newest&timeline=week";
        let params = api(raw).unwrap();
        let again = api(url("", &params.pairs()).trim_start_matches('?')).unwrap();
        assert_eq!(again.to_request(None), params.to_request(None));
    }
}
