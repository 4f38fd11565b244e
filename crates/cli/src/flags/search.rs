//! Flags of `search`, and the filters `search` and `export` share.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use dateline_query::SearchRequest;

pub const SEARCH_EXAMPLES: &str = "Examples:
  dateline search putin                                   all words required
  dateline search '\"natural gas\" (methane OR energy) -coal'  phrases, OR, exclusion
  dateline search -oil gas                                a query may start with -word
  dateline search 'negotiat* \"peace talks\"~3'             prefix, words near each other
  dateline search 'tlaks~ (kremlin OR moscow) ukraine'     a misspelt word; OR joins its neighbours first
  dateline search --place Ukraine --facets people --timeline month --limit 0
  dateline search 'person:putin date:[2025-01 TO 2025-12]' --format csv";

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query: words (all required), "phrases", "phrases"~3, "phrase prefi*", prefix*, fuzzy~1, OR (binds before words
    /// side by side), AND, -word, NOT, (groups), person:, topic:, place:, org:, source:, language:, title:,
    /// lead:, body:, date:[A TO B].
    #[arg(default_value = "", hide_default_value = true)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Facets to count over all matches: people,topics,places,organizations,sources,languages.
    #[arg(long, value_delimiter = ',')]
    pub facets: Vec<String>,
    /// Values per facet.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Counts per calendar bucket over all matches.
    #[arg(long, value_enum)]
    pub timeline: Option<IntervalArg>,
    /// With --timeline: each bucket's share of all articles dated in it
    /// (attention over time, comparable across busy and quiet periods).
    #[arg(long, requires = "timeline")]
    pub share: bool,
    /// One JSON object on stdout (the same as `--format json`).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// human, json (one object), or csv (a header, then one row per hit).
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
}

/// How `search` prints its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// For reading in a terminal.
    Human,
    /// One JSON object.
    Json,
    /// CSV with a header row.
    Csv,
}

/// Filters that select articles, shared by `search` and `export`.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only articles naming this person (any form of the name); repeatable, all must appear.
    #[arg(long)]
    pub person: Vec<String>,
    /// Only articles on this topic (label, qcode, or a word of a label); repeatable.
    #[arg(long)]
    pub topic: Vec<String>,
    /// Only articles naming this place; repeatable.
    #[arg(long)]
    pub place: Vec<String>,
    /// Only articles naming this organisation; repeatable.
    #[arg(long)]
    pub org: Vec<String>,
    /// Only articles from this source (case ignored); repeatable, any may match.
    #[arg(long)]
    pub source: Vec<String>,
    /// Only articles in this language: a code (de) or a name (German); repeatable, any may match.
    #[arg(long)]
    pub language: Vec<String>,
    /// From this date: YYYY, YYYY-MM or YYYY-MM-DD (inclusive).
    #[arg(long)]
    pub from: Option<String>,
    /// To this date, inclusive of the whole period (--to 2025-12 means through 31 December).
    #[arg(long)]
    pub to: Option<String>,
    /// Person aliases: lines of `alias = Canonical Name`.
    #[arg(long, env = "DATELINE_ALIASES")]
    pub aliases: Option<PathBuf>,
}

/// A request with the query and filters of the command line and defaults
/// for everything else.
pub fn filtered_request(query: &[String], filters: &FilterArgs) -> SearchRequest {
    SearchRequest {
        q: query.join(" "),
        person: filters.person.clone(),
        topic: filters.topic.clone(),
        place: filters.place.clone(),
        org: filters.org.clone(),
        source: filters.source.clone(),
        language: filters.language.clone(),
        from: filters.from.clone(),
        to: filters.to.clone(),
        ..SearchRequest::default()
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    Relevance,
    Newest,
    Oldest,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum IntervalArg {
    Day,
    Week,
    Month,
    Year,
}

#[cfg(test)]
mod tests {
    use crate::flags::{parse, Command, OutputFormat};

    fn search(args: &[&str]) -> super::SearchArgs {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        match parse(&all).unwrap().command {
            Command::Search(args) => args,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_filter_flag_reaches_the_request() {
        let args = search(&[
            "peace", "talks", "--person", "Putin", "--person", "Zelensky", "--topic", "war",
            "--place", "Kyiv", "--org", "NATO", "--source", "Reuters", "--source", "AP", "--from",
            "2025", "--to", "2025-06",
        ]);
        let request = super::filtered_request(&args.query, &args.filters);
        assert_eq!(request.q, "peace talks");
        assert_eq!(request.person, ["Putin", "Zelensky"]);
        assert_eq!(request.topic, ["war"]);
        assert_eq!(request.place, ["Kyiv"]);
        assert_eq!(request.org, ["NATO"]);
        assert_eq!(request.source, ["Reuters", "AP"]);
        assert_eq!(request.from.as_deref(), Some("2025"));
        assert_eq!(request.to.as_deref(), Some("2025-06"));
    }

    #[test]
    fn output_paging_and_facets() {
        let args = search(&[
            "oil",
            "-n",
            "5",
            "--offset",
            "10",
            "--facets",
            "people,topics",
        ]);
        assert_eq!((args.limit, args.offset), (5, 10));
        assert_eq!(args.facets, ["people", "topics"]);
        assert_eq!(args.format, OutputFormat::Human);
        assert_eq!(
            search(&["oil", "--format", "csv"]).format,
            OutputFormat::Csv
        );
        assert!(parse(&["search", "oil", "--json", "--format", "csv"]).is_err());
        assert!(parse(&["search", "oil", "--sort", "loudest"]).is_err());
        assert_eq!(search(&[]).query, [""]);
    }
}
