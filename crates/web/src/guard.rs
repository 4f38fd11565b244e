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

/// With a token: every request carries it as `Authorization: Bearer`, or in
/// the cookie a browser got by opening a page with `?token=` once (which
/// redirects to the same page without it, so it stays out of history).
pub async fn check_token(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let Some(token) = app.token.as_deref() else {
        return next.run(request).await;
    };
    let headers = request.headers();
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
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
        if same(&given, token) && !request.uri().path().starts_with("/api/") {
            let target = format!("{}{rest}", request.uri().path());
            let mut response = Redirect::to(&target).into_response();
            let cookie = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(header::SET_COOKIE, value);
            }
            return response;
        }
    }
    let mut response = Failure {
        status: StatusCode::UNAUTHORIZED,
        message: "this server needs its token: send `Authorization: Bearer TOKEN`, \
                  or open a page once with ?token=TOKEN"
            .to_string(),
    }
    .into_response();
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
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
