//! The parsed form of one news article, before extraction.

use chrono::{DateTime, Utc};
use dateline_extract::ArticleText;
use serde::Serialize;

/// One article as parsed from a file (or one line of a JSON Lines file).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Article {
    /// 1-based line number within a JSON Lines file.
    pub line: Option<u64>,
    /// Publication time; `None` when the input had no usable date.
    pub date: Option<DateTime<Utc>>,
    /// The headline; derived from the lead's first sentence when not given.
    pub title: String,
    /// Whether `title` was derived from the lead rather than given.
    pub title_derived: bool,
    /// Lead paragraph.
    pub lead: String,
    /// The remaining paragraphs, separated by blank lines.
    pub body: String,
    /// Photo credits, without their `Image:` prefix.
    pub credits: Vec<String>,
    /// Source URL.
    pub url: Option<String>,
    /// Publisher or source domain.
    pub source: Option<String>,
    /// Bylines.
    pub authors: Vec<String>,
    /// Language code.
    pub language: Option<String>,
    /// People named by the input itself, merged with what extraction finds.
    pub given_people: Vec<String>,
    /// Topics named by the input itself (IPTC qcodes or labels).
    pub given_topics: Vec<String>,
    /// Places named by the input itself.
    pub given_places: Vec<String>,
    /// Organisations named by the input itself.
    pub given_organizations: Vec<String>,
    /// Things about this article the user should know (no date, re-encoded).
    pub warnings: Vec<String>,
}

impl Article {
    /// The text that extraction reads. A derived title is part of the lead
    /// already and is not passed twice.
    pub fn text(&self) -> ArticleText<'_> {
        ArticleText {
            title: if self.title_derived { "" } else { &self.title },
            lead: &self.lead,
            body: &self.body,
            credits: &self.credits,
        }
    }
}
