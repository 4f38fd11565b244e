//! The token check and the headers every answer carries.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use crate::error::Failure;
use crate::state::App;

/// The cookie a browser keeps the token in, once it opened `/?token=...`.
const COOKIE: &str = "dateline_token";

/// No script but the server's own files, no inline script or style
/// attribute, no framing, no plugins, forms only to this server.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Adds the Content-Security-Policy and friends.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// A refusal: JSON under `/api/`, a page elsewhere.
fn refuse(path: &str, status: StatusCode, message: &str) -> Response {
    let failure = Failure {
        status,
        message: message.to_string(),
    };
    if path.starts_with("/api/") {
        failure.into_response()
    } else {
        crate::pages::failure_page(failure)
    }
}

/// The host part of a `Host` or `Origin` value: `localhost` of
/// `localhost:8080`, `::1` of `[::1]:8080`, `a.b` of `http://a.b:1`.
fn host_of(value: &str) -> &str {
    let value = value.split("://").last().unwrap_or(value);
    if let Some(rest) = value.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    value.split(':').next().unwrap_or(value)
}

fn is_loopback_name(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Who may ask. Without a token (loopback only), the `Host` must name this
/// machine: a web page whose name a DNS trick points at 127.0.0.1 cannot
/// read the archive through the reader's browser. A form or script from
/// another site cannot post to it either (`Origin` must be this server).
/// With a token, every request carries it as `Authorization: Bearer`, or in
/// the cookie a browser got by opening a page with `?token=` once (a GET,
/// which redirects to the same page without it, out of history).
pub async fn check_token(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(host_of);
    if let (Some(origin), Some(host)) = (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        host,
    ) {
        if request.method() != axum::http::Method::GET && host_of(origin) != host {
            return refuse(
                &path,
                StatusCode::FORBIDDEN,
                "requests from another site are refused",
            );
        }
    }
    let Some(token) = app.token.as_deref() else {
        if host.is_some_and(|h| !is_loopback_name(h)) {
            return refuse(
                &path,
                StatusCode::FORBIDDEN,
                "this server answers to localhost only: open it as http://127.0.0.1:PORT/, \
                 or serve with --token to reach it by another name",
            );
        }
        return next.run(request).await;
    };
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, given)| given.trim());
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .next();
    if bearer.or(cookie).is_some_and(|given| same(given, token)) {
        return next.run(request).await;
    }
    if let Some((given, rest)) = token_in_query(request.uri()) {
        if same(&given, token) && !path.starts_with("/api/") {
            if request.method() != axum::http::Method::GET {
                // A form posted with ?token= keeps its body.
                return next.run(request).await;
            }
            let target = format!("{path}{rest}");
            let mut response = Redirect::to(&target).into_response();
            let cookie = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(header::SET_COOKIE, value);
            }
            return response;
        }
    }
    let mut response = refuse(
        &path,
        StatusCode::UNAUTHORIZED,
        "this server needs its token: send `Authorization: Bearer TOKEN`, \
         or open a page once with ?token=TOKEN",
    );
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

/// Errors that the router or an extractor answered itself (a body over the
/// limit, a path that is not UTF-8, a method a route does not take) in the
/// shape of every other error: JSON under `/api/`, a page elsewhere.
pub async fn uniform_errors(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status();
    let typed = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json") || t.starts_with("text/html"));
    if !(status.is_client_error() || status.is_server_error()) || typed {
        return response;
    }
    let allow = response
        .headers()
        .get(header::ALLOW)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = axum::body::to_bytes(response.into_body(), 64 << 10)
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&body).trim().to_string();
    let message = match (status, allow) {
        (StatusCode::METHOD_NOT_ALLOWED, allow) => format!(
            "`{path}` does not take {method}: use {}",
            allow.unwrap_or_else(|| if method == axum::http::Method::GET {
                "POST".into()
            } else {
                "GET".into()
            })
        ),
        (StatusCode::PAYLOAD_TOO_LARGE, _) => format!(
            "request body over {} MB: split the batch, or run `dateline batch` on the file",
            crate::server::MAX_BODY_BYTES >> 20
        ),
        (StatusCode::REQUEST_TIMEOUT, _) => format!(
            "the request took over {} seconds: narrow the search",
            crate::server::REQUEST_TIME_LIMIT.as_secs()
        ),
        _ if !text.is_empty() => text.to_lowercase(),
        _ => status
            .canonical_reason()
            .unwrap_or("request failed")
            .to_lowercase(),
    };
    let mut answer = refuse(&path, status, &message);
    if status == StatusCode::UNAUTHORIZED {
        answer
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    answer
}

/// The `token` parameter and the query string without it (`?...` or empty).
fn token_in_query(uri: &axum::http::Uri) -> Option<(String, String)> {
    let query = uri.query()?;
    let mut token = None;
    let mut rest = form_urlencoded::Serializer::new(String::new());
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        if name == "token" {
            token = Some(value.into_owned());
        } else {
            rest.append_pair(&name, &value);
        }
    }
    let rest = rest.finish();
    let rest = if rest.is_empty() {
        rest
    } else {
        format!("?{rest}")
    };
    Some((token?, rest))
}

/// Compares in time that does not depend on where the strings differ.
fn same(given: &str, token: &str) -> bool {
    let (a, b) = (given.as_bytes(), token.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_read_from_host_and_origin_values() {
        assert_eq!(host_of("localhost:8080"), "localhost");
        assert_eq!(host_of("[::1]:8080"), "::1");
        assert_eq!(host_of("http://evil.example.com:80"), "evil.example.com");
        assert!(
            is_loopback_name("127.0.0.1")
                && is_loopback_name("::1")
                && is_loopback_name("LOCALHOST")
        );
        assert!(!is_loopback_name("evil.example.com") && !is_loopback_name("10.0.0.1"));
        assert!(same("s3cret", "s3cret") && !same("s3cre", "s3cret") && !same("s3cres", "s3cret"));
    }
}
