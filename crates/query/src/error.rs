/// Why a search could not run. Each message names what the user typed.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The query string is malformed.
    #[error("malformed query at position {position}: {message}")]
    Syntax {
        /// Byte offset in the query string.
        position: usize,
        /// What is wrong there.
        message: String,
    },
    /// A person filter matches no one in the index.
    #[error("no person `{name}` in the index{}", suggest(.suggestions))]
    UnknownPerson {
        /// What the user typed.
        name: String,
        /// Close names that the index does hold.
        suggestions: Vec<String>,
    },
    /// A place or organisation filter matches nothing in the index.
    #[error("no {kind} `{name}` in the index{}", suggest(.suggestions))]
    UnknownValue {
        /// `place` or `organisation`.
        kind: &'static str,
        /// What the user typed.
        name: String,
        /// Close values that the index does hold.
        suggestions: Vec<String>,
    },
    /// A topic name did not resolve.
    #[error(transparent)]
    Topic(#[from] dateline_extract::TopicError),
    /// A date or period could not be read.
    #[error("bad date `{value}`: {reason}")]
    Date {
        /// What the user typed.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A period whose start is after its end, in `--from`/`--to` or in
    /// `date:[A TO B]`: the same error in both.
    #[error("period from {from} to {to} is reversed: its start is after its end; swap them")]
    ReversedPeriod {
        /// The start as typed.
        from: String,
        /// The end as typed.
        to: String,
    },
    /// A request field has an impossible value.
    #[error("invalid request: {0}")]
    Invalid(String),
    /// `show` was given the path of a file that holds several articles.
    #[error("`{path}` is a file of {count} articles: show one by its id, such as {}", .examples.join(", "))]
    FileOfArticles {
        /// The path as typed.
        path: String,
        /// Articles from it.
        count: usize,
        /// A few of their ids, quoted.
        examples: Vec<String>,
    },
    /// An alias file could not be read.
    #[error("cannot read alias file {path}: {reason}")]
    Aliases {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// Opening the index failed.
    #[error(transparent)]
    Index(#[from] dateline_indexer::IndexerError),
    /// tantivy failed while searching.
    #[error("search failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

fn suggest(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; closest known: {}", suggestions.join(", "))
    }
}
