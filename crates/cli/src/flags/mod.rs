//! The command line: one definition per flag, with its help, in the file
//! of the command that takes it, and tests of how each parses beside it.
//! What the commands do is in `commands/`.

mod batch;
mod browse;
mod export;
mod index;
mod search;
mod serve;

pub use batch::*;
pub use browse::*;
pub use export::*;
pub use index::*;
pub use search::*;
pub use serve::*;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Full-text search for news archives: index a folder of articles, then
/// search it by words, people, topics, places and dates.
#[derive(Debug, Parser)]
#[command(name = "dateline", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    /// Index directory.
    #[arg(
        long,
        global = true,
        env = "DATELINE_INDEX",
        default_value = "index",
        help_heading = "Global options"
    )]
    pub index: PathBuf,
    /// When to colour output: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, help_heading = "Global options")]
    pub color: ColorChoice,
    /// More log output on stderr (-v info, -vv debug); DATELINE_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count, help_heading = "Global options")]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "Examples:
  dateline index ~/archive                      index a folder (again: only what changed)
  dateline search putin --facets people,topics  words, with facet counts over all matches
  dateline search --person \"Ronald Reagan\" --from 1987-03 --to 1987-04 --timeline week
  dateline search 'negotiat* \"peace talks\"~3 -oil' --format csv > hits.csv
  dateline batch queries.txt > answers.jsonl    one JSON answer per line, in order
  dateline people --top 20                      the archive's most named people

Exit status: 0 hits (or success), 1 no hits (or input skipped), 2 error.";

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index article files and folders (incremental; --rebuild starts over).
    Index(IndexArgs),
    /// Show what would be indexed for each article, without an index.
    Extract(ExtractArgs),
    /// Search the index.
    #[command(after_help = SEARCH_EXAMPLES)]
    Search(SearchArgs),
    /// Answer many searches, one per input line, one JSON line each, in order.
    Batch(BatchArgs),
    /// Print one whole article with its metadata.
    Show(ShowArgs),
    /// List the people in the index with article counts.
    People(ValuesArgs),
    /// List the topics in the index with article counts.
    Topics(ValuesArgs),
    /// List the places in the index with article counts.
    Places(ValuesArgs),
    /// List the organisations in the index with article counts.
    Orgs(ValuesArgs),
    /// Summarise the index.
    Stats(StatsArgs),
    /// Serve search, article, entity and batch pages and a JSON API to a browser.
    Serve(ServeArgs),
    /// Write articles for Quickwit, Elasticsearch or OpenSearch, or print their configs.
    Export(ExportArgs),
    /// Print a shell completion script: dateline completions bash > /etc/bash_completion.d/dateline
    Completions(CompletionsArgs),
    /// Print a man page (roff): dateline man | man -l -, or dateline man search.
    Man(ManArgs),
}

impl Command {
    /// Whether the command answers in JSON, so that its errors should too.
    pub fn wants_json(&self) -> bool {
        match self {
            Command::Index(args) => args.json,
            Command::Extract(args) => args.json,
            Command::Search(args) => args.json || args.format == OutputFormat::Json,
            Command::Batch(args) => args.format == BatchFormat::Json,
            Command::Show(args) => args.json,
            Command::People(args)
            | Command::Topics(args)
            | Command::Places(args)
            | Command::Orgs(args) => args.json,
            Command::Stats(args) => args.json,
            Command::Export(args) => matches!(
                args.format,
                ExportFormatArg::Ndjson | ExportFormatArg::EsBulk
            ),
            Command::Completions(_) | Command::Man(_) | Command::Serve(_) => false,
        }
    }
}

/// Whether to colour what goes to `stream`: `--color`, else on a terminal
/// unless `NO_COLOR` is set (the output's colour and the logs' alike).
pub fn colour_on(choice: ColorChoice, stream: &impl std::io::IsTerminal) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// The command line `dateline ARGS...`, for the tests beside each flag.
#[cfg(test)]
pub(crate) fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once("dateline").chain(args.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_options_go_anywhere() {
        let cli = parse(&["search", "oil", "--index", "idx", "--color", "never", "-vv"]).unwrap();
        assert_eq!(cli.index, PathBuf::from("idx"));
        assert_eq!(cli.color, ColorChoice::Never);
        assert_eq!(cli.verbose, 2);
        let cli = parse(&["--color", "always", "stats"]).unwrap();
        assert_eq!(cli.color, ColorChoice::Always);
        assert!(parse(&["--color", "sometimes", "stats"]).is_err());
    }

    #[test]
    fn commands_that_answer_in_json_say_so() {
        let wants = |args: &[&str]| parse(args).unwrap().command.wants_json();
        assert!(wants(&["search", "oil", "--json"]));
        assert!(wants(&["search", "oil", "--format", "json"]));
        assert!(!wants(&["search", "oil", "--format", "csv"]));
        assert!(wants(&["batch"]));
        assert!(!wants(&["batch", "--format", "csv"]));
        assert!(wants(&["export"]));
        assert!(!wants(&["export", "--format", "csv"]));
        assert!(wants(&["people", "--json"]));
        assert!(!wants(&["man"]));
    }

    #[test]
    fn colour_follows_the_choice_before_the_terminal() {
        assert!(colour_on(ColorChoice::Always, &std::io::stdout()));
        assert!(!colour_on(ColorChoice::Never, &std::io::stdout()));
    }
}
