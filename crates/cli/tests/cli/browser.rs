//! The pages in a real headless Chromium, driven through WebDriver
//! (Debian's `chromium` and `chromium-driver`; `.ci/run` installs them):
//! type a query, click a facet, select a period on the timeline, open an
//! article, follow an entity, go back, asserting what each step shows.
//!
//! Without `chromedriver` on the PATH the test says so and passes, unless
//! `DATELINE_BROWSER_TESTS=required` (CI sets it). With
//! `DATELINE_SCREENSHOTS=DIR` it saves the search, article and entity
//! pages there (the README's pictures in `docs/`).

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::serve::Server;
use super::shared;

/// A WebDriver session in headless Chromium, ended when dropped.
struct Browser {
    driver: Child,
    url: String,
    agent: ureq::Agent,
}

impl Browser {
    fn start() -> Option<Browser> {
        let port = TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while agent.get(format!("{base}/status")).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut browser = Browser {
            driver,
            url: base,
            agent,
        };
        let binary = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists())
            .unwrap_or("chromium");
        let session = browser.call(
            "POST",
            "/session",
            json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
                "binary": binary,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1280,1100", "--hide-scrollbars"]
            }}}}),
        );
        let id = session["value"]["sessionId"]
            .as_str()
            .expect("a session")
            .to_string();
        browser.url = format!("{}/session/{id}", browser.url);
        Some(browser)
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.url);
        let mut response = match method {
            "GET" => self.agent.get(&url).call(),
            _ => self.agent.post(&url).send_json(&body),
        }
        .unwrap();
        let text = response.body_mut().read_to_string().unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert!(
            value["value"]["error"].is_null(),
            "WebDriver {method} {path}: {}",
            value["value"]
        );
        value
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url }));
    }

    fn current(&self) -> String {
        self.call("GET", "/url", Value::Null)["value"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Elements matching a CSS selector, waiting up to five seconds for one.
    fn find_all(&self, css: &str) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let found = self.call(
                "POST",
                "/elements",
                json!({"using": "css selector", "value": css}),
            );
            let ids: Vec<String> = found["value"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|e| e.as_object()?.values().next()?.as_str().map(str::to_string))
                .collect();
            if !ids.is_empty() || Instant::now() > deadline {
                return ids;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn find(&self, css: &str) -> String {
        self.find_all(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no `{css}` on {}", self.current()))
    }

    fn text(&self, element: &str) -> String {
        self.call("GET", &format!("/element/{element}/text"), Value::Null)["value"]
            .as_str()
            .unwrap()
            .to_string()
    }

    fn attribute(&self, element: &str, name: &str) -> String {
        self.call(
            "GET",
            &format!("/element/{element}/attribute/{name}"),
            Value::Null,
        )["value"]
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    fn click(&self, element: &str) {
        self.call("POST", &format!("/element/{element}/click"), json!({}));
    }

    fn type_into(&self, element: &str, text: &str) {
        self.call(
            "POST",
            &format!("/element/{element}/value"),
            json!({ "text": text }),
        );
    }

    /// Presses the mouse on one element, moves to another and lets go.
    fn drag(&self, from: &str, to: &str) {
        let key = "element-6066-11e4-a52e-4f735466cecf";
        let at = |element: &str| json!({ key: element });
        self.call(
            "POST",
            "/actions",
            json!({"actions": [{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
                "actions": [
                    {"type": "pointerMove", "origin": at(from), "x": 0, "y": 0},
                    {"type": "pointerDown", "button": 0},
                    {"type": "pointerMove", "origin": at(to), "x": 0, "y": 0, "duration": 200},
                    {"type": "pointerUp", "button": 0}
                ]}]}),
        );
    }

    fn back(&self) {
        self.call("POST", "/back", json!({}));
    }

    /// Waits until the URL satisfies `test`.
    fn wait_for_url(&self, test: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let url = self.current();
            if test(&url) {
                return url;
            }
            assert!(Instant::now() < deadline, "stuck at {url}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn screenshot(&self, name: &str) {
        let Some(dir) = std::env::var_os("DATELINE_SCREENSHOTS") else {
            return;
        };
        use base64::Engine as _;
        let shot = self.call("GET", "/screenshot", Value::Null);
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["value"].as_str().unwrap())
            .unwrap();
        std::fs::write(std::path::Path::new(&dir).join(name), png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.agent.delete(&self.url).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[test]
fn a_reader_searches_filters_selects_a_period_reads_and_follows_an_entity() {
    let Some(browser) = Browser::start() else {
        assert_ne!(
            std::env::var("DATELINE_BROWSER_TESTS").as_deref(),
            Ok("required"),
            "chromedriver is not installed: apt-get install chromium chromium-driver"
        );
        eprintln!(
            "browser test skipped: no chromedriver (apt-get install chromium chromium-driver)"
        );
        return;
    };
    let server = Server::start(&shared().index, &[]);

    // Type a query.
    browser.go(&format!("{}/", server.base));
    let input = browser.find("form#search input[name=q]");
    browser.type_into(&input, "election\n");
    browser.wait_for_url(|u| u.contains("q=election"));
    let total = browser.text(&browser.find("p.total"));
    assert!(total.contains("articles"), "{total}");

    // Click a facet: it becomes a chip and a checked value.
    let facet = browser.find("aside.facets section.facet li a");
    let person = browser.text(&facet);
    browser.click(&facet);
    browser.wait_for_url(|u| u.contains("person="));
    let chips = browser.text(&browser.find("ul.chips"));
    assert!(chips.contains(&format!("person: {person}")), "{chips}");
    assert_eq!(
        browser.text(&browser.find("aside.facets li.included a")),
        person
    );
    browser.screenshot("search.png");

    // Select a period: a bar with matches.
    let bars = browser.find_all("svg.timeline rect.bar");
    let hits = browser.find_all("svg.timeline rect.hit");
    let busy = bars
        .iter()
        .position(|bar| {
            browser
                .attribute(bar, "height")
                .parse::<f64>()
                .unwrap_or(0.0)
                > 0.0
        })
        .expect("a bar with matches");
    let from = browser.attribute(&hits[busy], "data-from");
    browser.click(&hits[busy]);
    browser.wait_for_url(|u| u.contains(&format!("from={from}")));
    let chips = browser.text(&browser.find("ul.chips"));
    assert!(chips.contains(&format!("period: {from} to")), "{chips}");
    assert!(
        chips.contains(&format!("person: {person}")),
        "the facet filter stays: {chips}"
    );

    // Open an article.
    let link = browser.find("ol.hits li.hit h3 a");
    let title = browser.text(&link);
    browser.click(&link);
    let article_url = browser.wait_for_url(|u| u.contains("/articles/"));
    assert_eq!(browser.text(&browser.find("article.full h1")), title);
    let names = browser.find_all("article.full a.name.person");
    assert!(!names.is_empty(), "people are marked in the text");
    // Opened from the search: its word (as the index stems it: "elect"
    // matches too) and the person filtered on are marked.
    let marked: Vec<String> = browser
        .find_all("article.full mark")
        .iter()
        .map(|m| browser.text(m).to_lowercase())
        .collect();
    assert!(marked.iter().any(|m| m.starts_with("elect")), "{marked:?}");
    let surname = person.rsplit(' ').next().unwrap().to_lowercase();
    assert!(marked.iter().any(|m| m.contains(&surname)), "{marked:?}");
    browser.screenshot("article.png");

    // Follow an entity from the article's side list.
    let entity = browser.find("aside.about a[href^='/people/']");
    let name = browser.text(&entity);
    browser.click(&entity);
    let person_url = browser.wait_for_url(|u| u.contains("/people/"));
    assert_eq!(browser.text(&browser.find("section.entity h1")), name);
    let count = browser.text(&browser.find("section.entity p.total"));
    assert!(count.contains("articles"), "{count}");

    // The most named person, from the list of people, and a drag across
    // their timeline: the search for them in that period.
    browser.go(&format!("{}/people", server.base));
    browser.click(&browser.find("ol.values li a"));
    let entity_url = browser.wait_for_url(|u| u.contains("/people/"));
    browser.screenshot("entity.png");
    let bars = browser.find_all("svg.timeline rect.hit");
    assert!(bars.len() >= 3, "a timeline of several bars");
    let (first, last) = (&bars[0], &bars[bars.len() - 2]);
    let from_day = browser.attribute(first, "data-from");
    let to_day = browser.attribute(last, "data-to");
    browser.drag(first, last);
    let dragged = browser.wait_for_url(|u| u.contains("to="));
    assert!(
        dragged.contains(&format!("from={from_day}")) && dragged.contains(&format!("to={to_day}")),
        "{dragged}"
    );
    assert!(
        dragged.contains("person="),
        "the search is for the entity: {dragged}"
    );
    let chips = browser.text(&browser.find("ul.chips"));
    assert!(
        chips.contains(&format!("period: {from_day} to {to_day}")),
        "{chips}"
    );

    // Back to that person, the list, the first person, the article, then
    // the filtered search.
    browser.back();
    browser.wait_for_url(|u| u == entity_url);
    browser.back();
    browser.wait_for_url(|u| u.ends_with("/people"));
    browser.back();
    browser.wait_for_url(|u| u == person_url);
    browser.back();
    browser.wait_for_url(|u| u == article_url);
    browser.back();
    browser.wait_for_url(|u| u.contains(&format!("from={from}")));
    let chips = browser.text(&browser.find("ul.chips"));
    assert!(chips.contains(&format!("person: {person}")), "{chips}");
}
