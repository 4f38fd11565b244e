//! `dateline serve` as a client sees it: a real server on a free port,
//! answered over HTTP, compared with the CLI's own answers.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tempfile::TempDir;

use super::{dateline, json_out, shared};

/// A running server, stopped when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    agent: ureq::Agent,
}

impl Server {
    pub fn start(index: &Path, extra: &[&str]) -> Server {
        let binary = assert_cmd::cargo::cargo_bin("dateline");
        let mut child = StdCommand::new(binary)
            .args(["serve", "--addr", "127.0.0.1:0", "--index"])
            .arg(index)
            .args(extra)
            .env("NO_COLOR", "1")
            .env_remove("DATELINE_TOKEN")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        // "dateline: serving INDEX at http://127.0.0.1:PORT/ (Ctrl-C stops)"
        let base = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        Server { child, base, agent }
    }

    /// Status, headers and body of a GET, with optional headers.
    fn get_with(
        &self,
        path: &str,
        headers: &[(&str, &str)],
    ) -> (u16, ureq::http::HeaderMap, String) {
        let mut request = self.agent.get(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut response = request.call().unwrap();
        let body = response.body_mut().read_to_string().unwrap_or_default();
        (response.status().as_u16(), response.headers().clone(), body)
    }

    fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.get_with(path, &[]);
        (status, body)
    }

    fn json(&self, path: &str) -> (u16, Value) {
        let (status, body) = self.get(path);
        let value =
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"));
        (status, value)
    }

    fn post(&self, path: &str, body: &str) -> (u16, String) {
        let mut response = self
            .agent
            .post(format!("{}{path}", self.base))
            .send(body)
            .unwrap();
        let text = response.body_mut().read_to_string().unwrap_or_default();
        (response.status().as_u16(), text)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Writes `text` as `dir/news/name` and indexes `dir/news` into `dir/idx`
/// (again: only what changed).
fn add_and_index(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let input = dir.join("news");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join(name), text).unwrap();
    let index = dir.join("idx");
    dateline()
        .args(["index", "--quiet", "--index"])
        .arg(&index)
        .arg(&input)
        .assert()
        .success();
    index
}

#[test]
fn the_api_answers_as_the_cli_does() {
    let fixture = shared();
    let server = Server::start(&fixture.index, &[]);
    let (status, api) = server
        .json("/api/search?q=election&person=Trump&facets=people,places&timeline=year&limit=3");
    assert_eq!(status, 200, "{api}");
    let (cli, code) = json_out(
        dateline()
            .args(["search", "--json", "--index"])
            .arg(&fixture.index)
            .args(["election", "--person", "Trump", "--facets", "people,places"])
            .args(["--timeline", "year", "--limit", "3"]),
    );
    assert_eq!(code, 0);
    assert!(api["total"].as_u64().unwrap() > 0, "{api}");
    assert_eq!(api, cli);

    // Excluding a person leaves exactly the articles that do not name them.
    let (_, all) = server.json("/api/search?q=election&limit=0");
    let (_, with) = server.json("/api/search?q=election&person=Trump&limit=0");
    let (_, without) = server.json("/api/search?q=election&not_person=Trump&limit=0");
    let count = |v: &Value| v["total"].as_u64().unwrap();
    assert!(count(&with) > 0 && count(&without) > 0, "{with} {without}");
    assert_eq!(count(&with) + count(&without), count(&all));

    let id = api["hits"][0]["id"].as_str().unwrap();
    let encoded: String = form_urlencoded_segment(id);
    let (status, article) = server.json(&format!("/api/articles/{encoded}"));
    assert_eq!(status, 200, "{article}");
    assert_eq!(article["id"], id);
    assert!(article["body"].as_str().unwrap().len() > 100);
    assert!(article.get("matches").is_none(), "{article}");
    // With the search, where it matched: each span's text is a form of
    // the word or a form of the person's name.
    let (status, marked) = server.json(&format!("/api/articles/{encoded}?q=election&person=Trump"));
    assert_eq!(status, 200, "{marked}");
    let mut words: Vec<String> = Vec::new();
    for part in ["title", "lead", "body"] {
        let text = marked[part].as_str().unwrap();
        for span in marked["matches"][part].as_array().unwrap() {
            let (a, b) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
            words.push(text[a as usize..b as usize].to_lowercase());
        }
    }
    assert!(words.iter().any(|w| w.starts_with("election")), "{words:?}");
    assert!(words.iter().any(|w| w.contains("trump")), "{words:?}");
    for word in &words {
        assert!(
            word.starts_with("election") || word.contains("trump"),
            "{words:?}"
        );
    }
    let (status, bad) = server.json(&format!("/api/articles/{encoded}?q=%22open"));
    assert_eq!(status, 400, "{bad}");

    let (status, people) = server.json("/api/people?top=5");
    assert_eq!(status, 200);
    let (cli_people, _) = json_lines(
        dateline()
            .args(["people", "--json", "--top", "5", "--index"])
            .arg(&fixture.index),
    );
    assert_eq!(people, Value::Array(cli_people.clone()));
    // `offset` pages on.
    let (status, paged) = server.json("/api/people?top=3&offset=2");
    assert_eq!(status, 200, "{paged}");
    assert_eq!(paged, Value::Array(cli_people[2..].to_vec()));
    let (cli_paged, _) = json_lines(
        dateline()
            .args(["people", "--json", "--top", "3", "--offset", "2", "--index"])
            .arg(&fixture.index),
    );
    assert_eq!(cli_paged, cli_people[2..]);

    let (status, stats) = server.json("/api/stats");
    assert_eq!(status, 200);
    assert_eq!(stats["articles"].as_u64(), Some(378));
}

/// A path segment with every reserved character encoded.
fn form_urlencoded_segment(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn json_lines(cmd: &mut assert_cmd::Command) -> (Vec<Value>, i32) {
    let output = cmd.output().unwrap();
    let lines = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (lines, output.status.code().unwrap_or(-1))
}

#[test]
fn bad_requests_are_json_4xx_with_the_clis_messages() {
    let server = Server::start(&shared().index, &[]);
    let (status, body) = server.json("/api/search?q=oil+AND");
    assert_eq!(status, 400);
    let output = dateline()
        .args(["search", "--json", "--index"])
        .arg(&shared().index)
        .arg("oil AND")
        .output()
        .unwrap();
    let cli: Value = serde_json::from_slice(&output.stderr).unwrap();
    assert_eq!(body["error"], cli["error"]);

    for (path, status, says) in [
        (
            "/api/search?q=x&colour=red",
            400,
            "unknown parameter `colour`",
        ),
        (
            "/api/search?limit=100000",
            400,
            "limit 100000 is above 1000",
        ),
        ("/api/search?offset=abc", 400, "must be a whole number"),
        (
            "/api/search?person=Zzyzx+Qwertyuiop",
            404,
            "no person `Zzyzx Qwertyuiop`",
        ),
        ("/api/search?from=1987-13", 400, "bad date `1987-13`"),
        (
            "/api/articles/no-such-article.txt",
            404,
            "no article with id",
        ),
        ("/api/nothing", 404, "no page `/api/nothing`"),
        (
            "/api/articles/x?limit=5",
            400,
            "unknown parameter `limit`: an article (with the search to mark in it) takes q, person, topic, place, org",
        ),
        ("/api/stats?top=5", 400, "`/api/stats` takes none"),
        (
            "/api/orgs?prefix=who&prefix=un",
            400,
            "parameter `prefix` is given twice",
        ),
        (
            "/api/orgs?top=10001",
            400,
            "`top=10001` is over 10000: ask for 10000 at a time and page with `offset`",
        ),
    ] {
        let (got, body) = server.json(path);
        assert_eq!(got, status, "{path}: {body}");
        assert!(
            body["error"].as_str().unwrap().contains(says),
            "{path}: {body}"
        );
    }
    let long = format!("/api/search?q={}", "a".repeat(5000));
    assert_eq!(server.json(&long).0, 400);
    // Nothing to search for is not "every article".
    let (status, body) = server.json("/api/search?q=%F0%9F%92%A9&limit=0");
    assert_eq!(status, 400, "{body}");
    assert!(body["error"]
        .as_str()
        .unwrap()
        .contains("no words to search for"));
    // What the router answers itself has the same shape.
    let (status, body) = server.json("/api/articles/%FF");
    assert_eq!(status, 400, "{body}");
    let (status, body) = server.post("/api/search?q=oil", "");
    assert_eq!(status, 405, "{body}");
    assert!(body.contains("does not take POST"), "{body}");
    let (status, page) = server.get("/no-such-page");
    assert_eq!(status, 404);
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("no page `/no-such-page`"));
    // A search page that cannot search keeps the query to correct and the
    // filters it had, for the corrected search.
    let (status, page) = server.get("/?q=%22oil+spill&person=Trump&from=2020");
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("unclosed quote"), "{page}");
    assert!(
        page.contains(r#"name="q" value="&quot;oil spill""#),
        "{page}"
    );
    for hidden in [
        r#"name="person" value="Trump""#,
        r#"name="from" value="2020""#,
    ] {
        assert!(page.contains(hidden), "{hidden}: {page}");
    }
    // A filter that is the error can be removed, keeping the rest.
    let (status, page) = server.get("/?q=oil&person=Zzyzx+Qwertyuiop&from=1987&utm_source=feed");
    assert_eq!(status, 404, "{page}");
    assert!(page.contains("no person `Zzyzx Qwertyuiop`"), "{page}");
    assert!(
        !page.contains("utm"),
        "what a page ignores is not kept: {page}"
    );
    let remove = page
        .split("<a class=\"remove\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .replace("&amp;", "&");
    assert_eq!(remove, "/?q=oil&from=1987", "{page}");
    let (status, page) = server.get(&remove);
    assert_eq!(status, 200, "{page}");
}

#[test]
fn a_batch_is_answered_in_order_with_an_error_line_for_a_bad_request() {
    let server = Server::start(&shared().index, &[]);
    let input = "election\n{\"id\": \"t\", \"q\": \"trade\", \"facets\": [\"people\"]}\noil AND\n{\"q\": 3}\nvirus\n";
    let (status, body) = server.post("/api/batch?count_only=true", input);
    assert_eq!(status, 200, "{body}");
    let answers: Vec<Value> = body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), 5, "{body}");
    assert_eq!(
        answers
            .iter()
            .map(|a| a["line"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    assert!(answers[0]["total"].as_u64().unwrap() > 0);
    assert_eq!(answers[1]["id"], "t");
    assert!(answers[1]["facets"]["people"].as_array().is_some());
    assert!(answers[2]["error"]
        .as_str()
        .unwrap()
        .contains("`AND` needs words"));
    assert!(answers[3]["error"].is_string());
    assert!(answers[4]["total"].as_u64().unwrap() > 0);

    let (status, csv) = server.post("/api/batch?format=csv", "election\nvirus\n");
    assert_eq!(status, 200);
    assert!(
        csv.starts_with("line,id,query,total,error\n1,1,election,"),
        "{csv}"
    );

    // A server's bounds hold for batch lines too, each on its own line.
    let (_, body) = server.post(
        "/api/batch",
        "{\"q\": \"oil\", \"limit\": 2000}\n{\"q\": \"oil\", \"offset\": 9999, \"limit\": 5}\noil\n",
    );
    let answers: Vec<Value> = body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(answers[0]["error"]
        .as_str()
        .unwrap()
        .contains("limit 2000 is above 1000"));
    assert!(answers[1]["error"]
        .as_str()
        .unwrap()
        .contains("past hit 10000"));
    assert!(answers[2]["total"].as_u64().unwrap() > 0);

    let too_many = "oil\n".repeat(10_001);
    let (status, body) = server.post("/api/batch", &too_many);
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("over 10000"));
}

#[test]
fn article_text_never_becomes_markup_and_pages_forbid_inline_script() {
    let dir = TempDir::new().unwrap();
    let article = json!({
        "id": "hostile-1",
        "title": "<script>alert('title')</script> Minister resigns",
        "url": "javascript:alert('url')",
        "source": "\"><img src=x onerror=alert('source')>",
        "date": "2024-05-01",
        "text": "Minister Anna Berg resigned on Tuesday. \"><img src=x onerror=alert('body')> \
                 <script>alert('body')</script> Berg said the inquiry into the ministry's \
                 accounts would clear her name, and the prime minister accepted her resignation.",
    });
    let index = add_and_index(dir.path(), "wire.jsonl", &format!("{article}\n"));
    let server = Server::start(&index, &[]);
    let (_, found) = server.json("/api/search?q=minister");
    let id = found["hits"][0]["id"].as_str().unwrap().to_string();
    let article = format!("/articles/{}", form_urlencoded_segment(&id));
    let person = "/people/Anna%20Berg".to_string();
    let source = format!(
        "/?q=minister&source={}",
        form_urlencoded_segment("\"><img src=x onerror=alert('source')>")
    );
    // Opened from the search, the article marks where it matched.
    let marked = format!("{article}?q=minister");
    for path in ["/?q=minister", &article, &person, &source, &marked] {
        let (status, headers, page) = server.get_with(path, &[]);
        assert_eq!(status, 200, "{path}: {page}");
        let csp = headers
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        for raw in [
            "<script>alert",
            "<img src=x",
            "href=\"javascript:",
            "\"><img",
        ] {
            assert!(!page.contains(raw), "{path} shows `{raw}` unescaped");
        }
        assert!(!page.contains("<script>"), "{path} has an inline script");
    }
    let (_, page) = server.get(&article);
    assert!(
        page.contains("&lt;script&gt;alert('title')&lt;/script&gt; Minister resigns"),
        "{page}"
    );
    assert!(
        page.contains("javascript:alert('url')"),
        "the URL is shown as text"
    );
    assert!(!page.contains("<mark>"), "nothing marked without a search");
    // A hit's link carries the search; the article marks its words, as the
    // index matched them (the stem of "ministry" is not "minister"), in the
    // escaped text.
    let (_, results) = server.get("/?q=minister");
    assert!(results.contains(&format!("href=\"{marked}\"")), "{results}");
    let (_, page) = server.get(&marked);
    assert!(
        page.contains("&lt;/script&gt; <mark>Minister</mark> resigns"),
        "{page}"
    );
    assert_eq!(page.matches("<mark>").count(), 3, "{page}");
    assert!(
        page.contains("prime <mark>minister</mark> accepted"),
        "{page}"
    );
    assert!(page.contains("the ministry's"), "{page}");
}

#[test]
fn a_token_guards_every_request_and_other_addresses_need_one() {
    let server = Server::start(&shared().index, &["--token", "s3cret"]);
    assert_eq!(server.get("/api/stats").0, 401);
    assert_eq!(server.get("/").0, 401);
    let (status, _, _) = server.get_with("/api/stats", &[("Authorization", "Bearer wrong")]);
    assert_eq!(status, 401);
    let (status, _, body) = server.get_with("/api/stats", &[("Authorization", "bearer s3cret")]);
    assert_eq!(status, 200, "{body}");
    // A browser opens a page once with the token and keeps it in a cookie.
    let (status, headers, _) = server.get_with("/?q=oil&token=s3cret", &[]);
    assert_eq!(status, 303);
    assert_eq!(headers.get("location").unwrap(), "/?q=oil");
    let cookie = headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap();
    let (status, _, _) = server.get_with("/?q=oil", &[("Cookie", pair)]);
    assert_eq!(status, 200);

    // Without a token, only this machine's names are answered (a DNS
    // rebinding page cannot read the archive), and no other site may post.
    let open = Server::start(&shared().index, &[]);
    let (status, _, _) = open.get_with("/api/stats", &[("Host", "evil.example.com")]);
    assert_eq!(status, 403);
    let (status, _, _) = open.get_with("/api/stats", &[("Host", "localhost:1234")]);
    assert_eq!(status, 200);
    let mut posted = open
        .agent
        .post(format!("{}/api/batch", open.base))
        .header("Origin", "http://evil.example.com")
        .send("oil\n")
        .unwrap();
    assert_eq!(posted.status().as_u16(), 403);
    let _ = posted.body_mut().read_to_string();

    let empty = dateline()
        .args(["serve", "--addr", "0.0.0.0:0", "--token", "", "--index"])
        .arg(&shared().index)
        .output()
        .unwrap();
    assert_eq!(empty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("the token is empty"));

    let output = dateline()
        .args(["serve", "--addr", "0.0.0.0:0", "--index"])
        .arg(&shared().index)
        .env_remove("DATELINE_TOKEN")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("give --token"), "{stderr}");
}

#[test]
fn articles_indexed_while_serving_appear_without_a_restart() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("news");
    std::fs::create_dir_all(&input).unwrap();
    let line = |title: &str| {
        json!({"title": title, "date": "2024-01-02", "text": format!("{title}. The harbour authority \
            said ships were waiting outside the port while the strike went on for a third day.")})
        .to_string()
    };
    let index = add_and_index(
        dir.path(),
        "a.jsonl",
        &(line("Dockers strike in Rotterdam") + "\n"),
    );
    let server = Server::start(&index, &[]);
    assert_eq!(server.json("/api/search?q=harbour").1["total"], 1);
    std::fs::write(
        input.join("b.jsonl"),
        line("Dockers strike spreads to Antwerp") + "\n",
    )
    .unwrap();
    dateline()
        .args(["index", "--quiet", "--index"])
        .arg(&index)
        .assert()
        .success();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let total = server.json("/api/search?q=harbour").1["total"].as_u64();
        if total == Some(2) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "still {total:?} articles after 20 s"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The text of the first `<tag ...>...</tag>` after `from` in `html`.
fn element_text<'a>(html: &'a str, tag: &str, from: usize) -> Option<&'a str> {
    let open = html[from..].find(&format!("<{tag}"))? + from;
    let start = html[open..].find('>')? + open + 1;
    let end = html[start..].find(&format!("</{tag}>"))? + start;
    Some(&html[start..end])
}

/// An entity page's heading and article count.
fn entity_page(server: &Server, path: &str) -> (String, u64) {
    let (status, html) = server.get(path);
    assert_eq!(status, 200, "{path}: {html}");
    let heading = element_text(&html, "h1", 0).unwrap().to_string();
    let total = html.find("<p class=\"total\">").unwrap();
    let count = element_text(&html, "strong", total)
        .unwrap()
        .replace(',', "");
    let count: u64 = count.parse().unwrap();
    let unit = if count == 1 { "article" } else { "articles" };
    assert!(
        html[total..].contains(&format!("</strong> {unit}</a>")),
        "{path}: {count} {unit}"
    );
    (heading, count)
}

#[test]
fn entity_pages_are_headed_by_what_they_name_and_count_its_articles() {
    let fixture = shared();
    let server = Server::start(&fixture.index, &[]);
    // Every value of a listing opens a page of itself, with its count,
    // also where another value is in every one of its articles (one
    // article naming a place names its other places as often).
    for (listing, kind) in [("places", "places"), ("orgs", "orgs"), ("topics", "topics")] {
        let (status, values) = server.json(&format!("/api/{listing}"));
        assert_eq!(status, 200, "{values}");
        let values = values.as_array().unwrap();
        assert!(values.len() > 20, "{listing}: {values:?}");
        for value in values.iter().step_by(values.len() / 20) {
            let name = value["value"].as_str().unwrap();
            // A topic is filtered on by qcode: its label can also be a word
            // of a broader topic's ("government": "politics and government").
            let key = value.get("id").and_then(Value::as_str).unwrap_or(name);
            let path = format!("/{kind}/{}", form_urlencoded_segment(key));
            let (heading, count) = entity_page(&server, &path);
            assert_eq!(heading, name, "{path}");
            assert_eq!(Some(count), value["count"].as_u64(), "{path}");
        }
    }
    // An organisation's other form heads the page with the name the
    // listing counts it under.
    for (typed, name) in [
        ("EU", "European Union"),
        ("who", "World Health Organization"),
    ] {
        let (heading, count) = entity_page(&server, &format!("/orgs/{typed}"));
        let (_, whole) = entity_page(&server, &format!("/orgs/{}", form_urlencoded_segment(name)));
        assert_eq!((heading.as_str(), count), (name, whole), "{typed}");
    }
    // A listing's prefix finds an organisation by any form of its name.
    let (status, listed) = server.json("/api/orgs?prefix=who");
    assert_eq!(status, 200, "{listed}");
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["value"] == "World Health Organization"),
        "{listed}"
    );
    // Another spelling of a place heads the page with the stored one.
    let (status, kyiv) = server.json("/api/search?place=Kiev&limit=0");
    assert_eq!(status, 200, "{kyiv}");
    let (heading, count) = entity_page(&server, "/places/Kiev");
    assert_eq!(
        (heading.as_str(), count),
        ("Kyiv", kyiv["total"].as_u64().unwrap())
    );
    // The article marks the place as it writes it.
    let (_, found) = server.json("/api/search?place=Kyiv&limit=1");
    let id = form_urlencoded_segment(found["hits"][0]["id"].as_str().unwrap());
    let (status, article) = server.json(&format!("/api/articles/{id}?place=Kyiv"));
    assert_eq!(status, 200, "{article}");
    let mut marked = Vec::new();
    for part in ["title", "lead", "body"] {
        let text = article[part].as_str().unwrap();
        for span in article["matches"][part].as_array().unwrap() {
            let (a, b) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
            marked.push(&text[a as usize..b as usize]);
        }
    }
    assert!(
        !marked.is_empty() && marked.iter().all(|m| ["Kiev", "Kyiv"].contains(m)),
        "{marked:?}"
    );
    // A topic page does not list itself or its broader topics as named with it.
    let (_, html) = server.get("/topics/election");
    assert_eq!(element_text(&html, "h1", 0), Some("election"));
    let topics = html.find("<h2>Topics named with it</h2>").unwrap();
    let list = element_text(&html, "ul", topics).unwrap();
    assert!(
        !list.contains(">election<") && !list.contains(">politics and government<"),
        "{list}"
    );
}

#[test]
fn the_batch_page_numbers_rows_as_its_downloads_do() {
    let server = Server::start(&shared().index, &[]);
    let form = format!(
        "queries={}",
        form_urlencoded_segment("id,q,person\nfirst,election,Trump\nsecond,virus,\n")
    );
    let (status, page) = server.post("/batch", &form);
    assert_eq!(status, 200, "{page}");
    let rows: Vec<&str> = page.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 2, "{page}");
    // Each CSV row as its query and filters, numbered from its first row.
    assert!(
        rows[0].starts_with(r#"<td class="num">1</td><td>first</td>"#),
        "{}",
        rows[0]
    );
    assert!(
        rows[0].contains(">election · person: Trump<"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with(r#"<td class="num">2</td><td>second</td>"#),
        "{}",
        rows[1]
    );
    let (status, csv) = server.post("/batch/download?format=csv", &form);
    assert_eq!(status, 200, "{csv}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let line = header.iter().position(|h| h == "line").unwrap();
    let id = header.iter().position(|h| h == "id").unwrap();
    let numbered: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[line].to_string(), r[id].to_string())
        })
        .collect();
    assert_eq!(
        numbered,
        [("1".into(), "first".into()), ("2".into(), "second".into())]
    );
    // A row that cannot be read is named, and the queries stay in the
    // form to correct it.
    let pasted = "id,q\n1,oil\n2,\"oil prices\n3,gas\n";
    let (status, page) = server.post(
        "/batch",
        &format!("queries={}", form_urlencoded_segment(pasted)),
    );
    assert_eq!(status, 400, "{page}");
    assert!(
        page.contains("CSV row 2 `2,&quot;oil prices` opens a quote it never closes"),
        "{page}"
    );
    assert!(page.contains("3,gas\n</textarea>"), "{page}");
    // A header and comments alone: nothing to run, said so.
    let (status, page) = server.post(
        "/batch",
        &format!("queries={}", form_urlencoded_segment("# notes\nid,q\n")),
    );
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("no queries"), "{page}");
}
