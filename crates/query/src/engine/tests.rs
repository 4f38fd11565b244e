//! The search path on a small archive in memory: each filter kind built
//! once for both syntaxes, the boolean structure, and the text leaves.

use tantivy::{doc, Index};

use super::*;

/// One article: its text, and the entities extraction would have found.
struct Article {
    id: &'static str,
    date: &'static str,
    headline: &'static str,
    /// Whether the input gave the headline (else it is derived from the lead).
    given: bool,
    lead: &'static str,
    body: &'static str,
    people: &'static [&'static str],
    places: &'static [&'static str],
    orgs: &'static [&'static str],
    /// Classifier scores of topics.
    topics: &'static [(&'static str, f32)],
    source: Option<&'static str>,
}

const ECONOMY: &str = "medtop:04000000";
const SPORT: &str = "medtop:15000000";

fn archive() -> Vec<Article> {
    vec![
        Article {
            id: "volcker.txt",
            date: "1987-03-04",
            headline: "VOLCKER SAYS FED POLICY STEADY",
            given: true,
            lead: "Federal Reserve Board Chairman Paul Volcker said monetary policy was unchanged.",
            body: "Volcker told the Senate Banking Committee that negotiations with Japan on the \
                   dollar would go on. Petroleum prices were steady.",
            people: &["Paul Volcker"],
            places: &["Japan"],
            orgs: &["Federal Reserve Board", "Senate Banking Committee"],
            topics: &[(ECONOMY, 0.9)],
            source: Some("Reuters"),
        },
        Article {
            id: "volcker-2.txt",
            date: "1987-04-10",
            headline: "Volcker warns on dollar",
            given: false,
            lead: "Volcker warns on dollar. The Fed chairman said the fall had gone far enough.",
            body: "Gas prices and an OPEC embargo were not discussed, Volcker said.",
            people: &["Volcker"],
            places: &[],
            orgs: &["Fed"],
            topics: &[(ECONOMY, 0.6)],
            source: Some("Reuters"),
        },
        Article {
            id: "opec.txt",
            date: "1987-06-27",
            headline: "OPEC ministers meet in Vienna",
            given: true,
            lead: "OPEC oil ministers met in Vienna to discuss output and the price of petrol.",
            body: "Saudi Arabia's oil minister Hisham Nazer said the cartel would hold output.",
            people: &["Hisham Nazer"],
            places: &["Vienna", "Saudi Arabia"],
            // The catalogue lists OPEC under its long form: `--org opec`
            // must still find it.
            orgs: &["OPEC", "Organization of Petroleum Exporting Countries"],
            topics: &[(ECONOMY, 0.8)],
            source: Some("Reuters"),
        },
        Article {
            id: "embargo.txt",
            date: "1987-07-02",
            headline: "Gas embargo lifted",
            given: true,
            lead: "The gas embargo on the region was lifted on Thursday.",
            body: "Traders said natural gas would flow again next week.",
            people: &[],
            places: &[],
            orgs: &[],
            topics: &[(ECONOMY, 0.5)],
            source: Some("AP"),
        },
        Article {
            id: "cup.txt",
            date: "2004-08-01",
            headline: "Cup final goes to extra time",
            given: true,
            lead: "The cup final went to extra time before the home side won.",
            body: "The coach said the players had earned their win. Oil was not mentioned.",
            people: &[],
            places: &["London"],
            orgs: &[],
            topics: &[(SPORT, 0.95)],
            source: None,
        },
    ]
}

fn engine() -> Engine {
    let index = Index::create_in_ram(schema::build());
    dateline_indexer::analysis::register_tokenizers(&index);
    let fields = Fields::new(&index.schema()).unwrap();
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for article in archive() {
        let date = NaiveDate::parse_from_str(article.date, "%Y-%m-%d").unwrap();
        let secs = date.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp();
        let mut document = doc!(
            fields.id => article.id,
            fields.path => article.id,
            fields.date => DateTime::from_timestamp_secs(secs),
            fields.headline => article.headline,
            fields.lead => article.lead,
            fields.body => article.body,
        );
        if article.given {
            document.add_text(fields.title, article.headline);
        }
        if let Some(source) = article.source {
            document.add_text(fields.source, source);
        }
        for person in article.people {
            document.add_text(fields.people, person);
        }
        for place in article.places {
            document.add_text(fields.places, place);
        }
        for org in article.orgs {
            document.add_text(fields.organizations, org);
        }
        let qcodes = article.topics.iter().map(|(id, _)| *id);
        for id in schema::topic_values(qcodes) {
            document.add_text(fields.topics, id);
        }
        for (id, strength) in schema::topic_strengths(article.topics.iter().copied(), 30) {
            for _ in 0..strength {
                document.add_text(fields.topic_strength, &id);
            }
        }
        writer.add_document(document).unwrap();
    }
    writer.commit().unwrap();
    let engine = Engine::from_index(index).unwrap();
    engine.reload().unwrap();
    engine
}

/// The ids a request finds, sorted.
fn ids(engine: &Engine, request: SearchRequest) -> Vec<String> {
    let response = engine.search(&SearchRequest {
        limit: 100,
        ..request
    });
    let mut ids: Vec<String> = response.unwrap().hits.into_iter().map(|h| h.id).collect();
    ids.sort();
    ids
}

fn query(engine: &Engine, q: &str) -> Vec<String> {
    ids(
        engine,
        SearchRequest {
            q: q.to_string(),
            ..SearchRequest::default()
        },
    )
}

fn error(engine: &Engine, request: SearchRequest) -> String {
    engine.search(&request).unwrap_err().to_string()
}

#[test]
fn each_filter_is_the_same_from_a_flag_and_from_the_query_language() {
    let engine = engine();
    let cases: Vec<(SearchRequest, &str, Vec<&str>)> = vec![
        (
            // A surname finds the full name's articles too.
            SearchRequest {
                person: vec!["Volcker".into()],
                ..SearchRequest::default()
            },
            "person:Volcker",
            vec!["volcker-2.txt", "volcker.txt"],
        ),
        (
            SearchRequest {
                person: vec!["paul volcker".into()],
                ..SearchRequest::default()
            },
            "person:\"Paul Volcker\"",
            vec!["volcker.txt"],
        ),
        (
            SearchRequest {
                place: vec!["saudi arabia".into()],
                ..SearchRequest::default()
            },
            "place:\"saudi arabia\"",
            vec!["opec.txt"],
        ),
        (
            SearchRequest {
                org: vec!["opec".into()],
                ..SearchRequest::default()
            },
            "org:opec",
            vec!["opec.txt"],
        ),
        (
            SearchRequest {
                source: vec!["reuters".into()],
                ..SearchRequest::default()
            },
            "source:reuters",
            vec!["opec.txt", "volcker-2.txt", "volcker.txt"],
        ),
        (
            SearchRequest {
                topic: vec!["sport".into()],
                ..SearchRequest::default()
            },
            "topic:sport",
            vec!["cup.txt"],
        ),
        (
            SearchRequest {
                from: Some("1987-04".into()),
                to: Some("1987-06".into()),
                ..SearchRequest::default()
            },
            "date:[1987-04 TO 1987-06]",
            vec!["opec.txt", "volcker-2.txt"],
        ),
    ];
    for (flags, field_syntax, expected) in cases {
        assert_eq!(ids(&engine, flags.clone()), expected, "{flags:?}");
        assert_eq!(query(&engine, field_syntax), expected, "{field_syntax}");
    }
}

#[test]
fn unknown_values_and_reversed_periods_are_the_same_error_in_both_syntaxes() {
    let engine = engine();
    let flag = error(
        &engine,
        SearchRequest {
            person: vec!["Nazir".into()],
            ..SearchRequest::default()
        },
    );
    let field = error(
        &engine,
        SearchRequest {
            q: "person:Nazir".into(),
            ..SearchRequest::default()
        },
    );
    assert_eq!(flag, field);
    assert!(flag.contains("closest known: Hisham Nazer"), "{flag}");
    let flag = error(
        &engine,
        SearchRequest {
            from: Some("1987-04".into()),
            to: Some("1987-03".into()),
            ..SearchRequest::default()
        },
    );
    let field = error(
        &engine,
        SearchRequest {
            q: "oil date:[1987-04 TO 1987-03]".into(),
            ..SearchRequest::default()
        },
    );
    assert_eq!(flag, field);
    assert!(flag.contains("reversed"), "{flag}");
}

#[test]
fn or_joins_its_neighbours_before_words_side_by_side() {
    let engine = engine();
    assert_eq!(query(&engine, "gas"), ["embargo.txt", "volcker-2.txt"]);
    // Not every article with "gas" (tantivy's parser made OR's sides
    // optional there): one of OPEC or Vienna is required too.
    assert_eq!(query(&engine, "opec OR vienna gas"), ["volcker-2.txt"]);
    assert_eq!(
        query(&engine, "opec OR vienna gas"),
        query(&engine, "(opec OR vienna) gas")
    );
    assert_eq!(
        query(&engine, "vienna OR japan"),
        ["opec.txt", "volcker.txt"]
    );
    assert_eq!(query(&engine, "-oil"), query(&engine, "NOT oil"));
    assert_eq!(query(&engine, "-oil").len(), 3);
    assert_eq!(
        query(&engine, "volcker -gas OR dollar"),
        ["volcker-2.txt", "volcker.txt"]
    );
}

#[test]
fn prefixes_fuzzy_words_and_proximity_find_what_they_say() {
    let engine = engine();
    assert_eq!(query(&engine, "petro*"), ["opec.txt", "volcker.txt"]);
    // Indexed stemmed as "negoti": a prefix longer than the stem.
    assert_eq!(query(&engine, "negotiat*"), ["volcker.txt"]);
    assert_eq!(query(&engine, "opek~1"), ["opec.txt", "volcker-2.txt"]);
    assert_eq!(query(&engine, "opek~0"), Vec::<String>::new());
    assert_eq!(query(&engine, "volkcer~"), query(&engine, "volcker"));
    // The word as typed ranks first among the words near it.
    let ranked = engine
        .search(&SearchRequest {
            q: "gas~1".into(),
            ..SearchRequest::default()
        })
        .unwrap();
    assert!(ranked.total > 2, "gas, was, ... {ranked:?}");
    let first_two: Vec<&str> = ranked.hits[..2].iter().map(|h| h.id.as_str()).collect();
    assert!(
        first_two.contains(&"embargo.txt") && first_two.contains(&"volcker-2.txt"),
        "{first_two:?}"
    );
    assert_eq!(query(&engine, "\"oil minister\""), ["opec.txt"]);
    // "oil minister Hisham Nazer said": four positions apart.
    assert_eq!(query(&engine, "\"oil said\"~2"), Vec::<String>::new());
    assert_eq!(query(&engine, "\"oil said\"~3"), ["opec.txt"]);
}

#[test]
fn title_searches_the_headline_shown_given_or_derived() {
    let engine = engine();
    // "Volcker warns on dollar" is derived from the lead, not given.
    assert_eq!(
        query(&engine, "title:volcker"),
        ["volcker-2.txt", "volcker.txt"]
    );
    assert_eq!(query(&engine, "title:vien*"), ["opec.txt"]);
    assert_eq!(query(&engine, "body:petroleum"), ["volcker.txt"]);
    assert_eq!(query(&engine, "lead:petroleum"), Vec::<String>::new());
}

#[test]
fn a_negated_filter_excludes_and_is_not_reported_as_found() {
    let engine = engine();
    let response = engine
        .search(&SearchRequest {
            q: "dollar -person:Volcker".into(),
            ..SearchRequest::default()
        })
        .unwrap();
    assert_eq!(response.total, 0);
    assert!(response.people.is_empty());
    let response = engine
        .search(&SearchRequest {
            q: "person:Volcker".into(),
            ..SearchRequest::default()
        })
        .unwrap();
    assert_eq!(response.people.len(), 1);
    assert_eq!(response.people[0].people[0].name, "Paul Volcker");
    // A filter-only search shows the passage naming the person.
    let snippet = &response.hits[0].snippet;
    assert!(snippet.text.contains("Volcker"), "{snippet:?}");
}

#[test]
fn words_that_index_as_nothing_ask_nothing() {
    let engine = engine();
    let long = "x".repeat(50);
    assert_eq!(
        query(&engine, &format!("oil {long}")),
        query(&engine, "oil")
    );
    assert_eq!(query(&engine, "oil \"=\""), query(&engine, "oil"));
    assert_eq!(query(&engine, &long).len(), archive().len());
}

#[test]
fn listings_count_each_entity_once_per_article() {
    let engine = engine();
    let searcher = engine.searcher();
    let places = engine.values(&searcher, FacetKind::Places, "").unwrap();
    let count = |name: &str| places.iter().find(|v| v.value == name).map(|v| v.count);
    assert_eq!(count("Japan"), Some(1));
    assert_eq!(count("Vienna"), Some(1));
    // A prefix of any word of the value.
    let saudi = engine.values(&searcher, FacetKind::Places, "ara").unwrap();
    assert_eq!(saudi.len(), 1);
    assert_eq!(saudi[0].value, "Saudi Arabia");
    let topics = engine.values(&searcher, FacetKind::Topics, "").unwrap();
    let economy = topics.iter().find(|t| t.id.as_deref() == Some(ECONOMY));
    assert_eq!(economy.map(|t| t.count), Some(4), "{topics:?}");
}

#[test]
fn one_reader_serves_show_and_export() {
    let engine = engine();
    // By id, and by a unique ending of it.
    let shown = engine.article("opec.txt").unwrap().unwrap();
    assert_eq!(shown.title, "OPEC ministers meet in Vienna");
    assert_eq!(shown.date.as_deref(), Some("1987-06-27"));
    assert!(engine.article("no-such.txt").unwrap().is_none());
    let mut exported = Vec::new();
    let request = SearchRequest {
        q: "oil".into(),
        source: vec!["reuters".into()],
        ..SearchRequest::default()
    };
    let visited = engine
        .export(&request, |record| {
            exported.push(record["id"].as_str().unwrap().to_string());
            Ok::<(), QueryError>(())
        })
        .unwrap();
    assert_eq!(visited, 1);
    assert_eq!(exported, ["opec.txt"]);
}

/// Days since the epoch of a date.
fn day_number(date: &str) -> i64 {
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    (day - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days()
}

/// Bucket starts and counts of a timeline.
fn drawn(timeline: &[TimelineBucket]) -> Vec<(&str, u64)> {
    timeline
        .iter()
        .map(|b| (b.start.as_str(), b.count))
        .collect()
}

#[test]
fn timeline_buckets_sum_days_and_keep_empty_ones() {
    let days: Vec<(i64, u64)> = [
        ("1969-12-30", 1),
        ("1970-01-31", 2),
        ("1970-02-01", 3),
        ("1970-02-28", 4),
        ("1970-04-02", 5),
    ]
    .iter()
    .map(|(date, count)| (day_number(date), *count))
    .collect();
    assert_eq!(
        drawn(&buckets(&days, Interval::Month, None, None)),
        [
            ("1969-12-01", 1),
            ("1970-01-01", 2),
            ("1970-02-01", 7),
            ("1970-03-01", 0),
            ("1970-04-01", 5)
        ]
    );
    assert_eq!(
        drawn(&buckets(&days, Interval::Year, None, None)),
        [("1969-01-01", 1), ("1970-01-01", 14)]
    );
    // Weeks start on Monday: 1970-01-26 was one; 1970-02-01 a Sunday.
    let weeks = buckets(&days[1..3], Interval::Week, None, None);
    assert_eq!(drawn(&weeks), [("1970-01-26", 5)]);
    // A requested range draws its empty ends too.
    let from = DatePeriod::parse("1970-01").ok();
    let to = DatePeriod::parse("1970-05").ok();
    assert_eq!(
        drawn(&buckets(&days[1..], Interval::Month, from, to)),
        [
            ("1970-01-01", 2),
            ("1970-02-01", 7),
            ("1970-03-01", 0),
            ("1970-04-01", 5),
            ("1970-05-01", 0)
        ]
    );
}

/// The text of each span.
fn spans<'a>(text: &'a str, spans: &[[usize; 2]]) -> Vec<&'a str> {
    spans.iter().map(|[a, b]| &text[*a..*b]).collect()
}

#[test]
fn an_article_shows_where_the_search_matched_it() {
    let engine = engine();
    let opec = engine.article("opec.txt").unwrap().unwrap();
    // Words match as the index analyses them: "ministers" by its stem,
    // a phrase where its words stand together, in every part of the article.
    let request = SearchRequest {
        q: "minister \"oil minister\" -embargo".into(),
        ..SearchRequest::default()
    };
    let found = engine.matches_in(&request, &opec).unwrap();
    assert_eq!(spans(&opec.title, &found.title), ["ministers"]);
    assert_eq!(spans(&opec.lead, &found.lead), ["oil ministers"]);
    assert_eq!(spans(&opec.body, &found.body), ["oil minister"]);
    // Words searched for under NOT are not what matched.
    let dollar = engine.article("volcker-2.txt").unwrap().unwrap();
    let request = SearchRequest {
        q: "gas -(embargo opec) dollar".into(),
        ..SearchRequest::default()
    };
    let found = engine.matches_in(&request, &dollar).unwrap();
    assert_eq!(spans(&dollar.body, &found.body), ["Gas"]);
    assert_eq!(spans(&dollar.title, &found.title), ["dollar"]);
    // A search by filters alone marks the names filtered on, every form
    // written; a negated filter marks nothing.
    let volcker = engine.article("volcker.txt").unwrap().unwrap();
    let request = SearchRequest {
        person: vec!["Paul Volcker".into()],
        not_place: vec!["Vienna".into()],
        ..SearchRequest::default()
    };
    let found = engine.matches_in(&request, &volcker).unwrap();
    assert_eq!(spans(&volcker.lead, &found.lead), ["Paul Volcker"]);
    assert_eq!(spans(&volcker.body, &found.body), ["Volcker"]);
    assert_eq!(spans(&volcker.title, &found.title), Vec::<&str>::new());
    // Words and filters together mark both.
    let request = SearchRequest {
        q: "steady".into(),
        person: vec!["Paul Volcker".into()],
        ..SearchRequest::default()
    };
    let found = engine.matches_in(&request, &volcker).unwrap();
    assert_eq!(spans(&volcker.title, &found.title), ["STEADY"]);
    assert_eq!(spans(&volcker.body, &found.body), ["Volcker", "steady"]);
}

#[test]
fn a_hits_passage_marks_phrases_where_they_stand_and_prefixes_and_fuzzy_words() {
    let engine = engine();
    let marked = |q: &str| -> Vec<Vec<String>> {
        let response = engine
            .search(&SearchRequest {
                q: q.into(),
                ..SearchRequest::default()
            })
            .unwrap();
        assert!(response.total > 0, "{q}");
        response
            .hits
            .iter()
            .map(|hit| {
                let s = &hit.snippet;
                spans(&s.text, &s.highlights)
                    .into_iter()
                    .map(str::to_lowercase)
                    .collect()
            })
            .collect()
    };
    // The generator scored "oil" and "minister" apart; the phrase is one mark.
    for hit in marked("\"oil minister\"") {
        assert!(!hit.is_empty(), "{hit:?}");
        assert!(hit.iter().all(|w| w.starts_with("oil minister")), "{hit:?}");
    }
    // A prefix and a misspelling: every hit shows a passage with the words
    // they matched marked (the generator found none).
    for (q, start) in [("minis*", "minis"), ("minstres~", "minist")] {
        for hit in marked(q) {
            assert!(!hit.is_empty(), "{q}: {hit:?}");
            assert!(hit.iter().all(|w| w.starts_with(start)), "{q}: {hit:?}");
        }
    }
}
