//! Why the server could not start, and how a request's failure is answered.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dateline_query::QueryError;

/// Why `dateline serve` could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// The index could not be opened.
    #[error("cannot open index {path}: {source}")]
    Index {
        /// The index folder.
        path: String,
        /// Why.
        source: QueryError,
    },
    /// Serving beyond this machine without a token.
    #[error(
        "{addr} is reachable from other machines: give --token SECRET (clients then send \
         `Authorization: Bearer SECRET`), or serve on 127.0.0.1"
    )]
    TokenRequired {
        /// The address asked for.
        addr: String,
    },
    /// `--token ''`: a token no one could send.
    #[error(
        "the token is empty: give --token a secret of some length, or leave it out on 127.0.0.1"
    )]
    EmptyToken,
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}; is another server using it? try --addr 127.0.0.1:0 for any free port")]
    Bind {
        /// The address asked for.
        addr: String,
        /// Why.
        source: std::io::Error,
    },
    /// The runtime or the connection loop failed.
    #[error("server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// A failed request: a status and a message saying what failed and what to
/// do, answered as `{"error": message}` by the API and as a page by the
/// HTML front end.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub message: String,
}

impl Failure {
    pub fn bad_request(message: impl Into<String>) -> Failure {
        Failure {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Failure {
        Failure {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    pub fn too_large(message: impl Into<String>) -> Failure {
        Failure {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            message: message.into(),
        }
    }

    pub fn internal(message: impl Into<String>) -> Failure {
        Failure {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl From<QueryError> for Failure {
    /// What the user asked for is at fault (4xx), except when the index
    /// itself failed (5xx); the message is the CLI's.
    fn from(err: QueryError) -> Failure {
        let status = match err {
            QueryError::Index(_) | QueryError::Tantivy(_) => StatusCode::INTERNAL_SERVER_ERROR,
            QueryError::UnknownPerson { .. }
            | QueryError::UnknownValue { .. }
            | QueryError::Topic(dateline_extract::TopicError::Unknown { .. }) => {
                StatusCode::NOT_FOUND
            }
            _ => StatusCode::BAD_REQUEST,
        };
        Failure {
            status,
            message: err.to_string(),
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = axum::Json(serde_json::json!({ "error": self.message }));
        (self.status, body).into_response()
    }
}
