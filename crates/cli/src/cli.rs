//! Command-line flags and what each command does with them.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use dateline_indexer::discover::{Found, Walk};
use dateline_indexer::ingest::{read_file, read_file_articles, ExtractedArticle, IndexOptions};
use dateline_indexer::{export, index_paths, sources, ProblemKind};
use dateline_query::batch::BatchOptions;
use dateline_query::{Engine, FacetKind, Interval, SearchRequest, Sort};

use crate::output::{Painter, Printer};
use crate::progress::Bar;
use crate::status;

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

const SEARCH_EXAMPLES: &str = "Examples:
  dateline search putin                                   all words required
  dateline search '\"natural gas\" (methane OR energy) -coal'  phrases, OR, exclusion
  dateline search -oil gas                                a query may start with -word
  dateline search 'negotiat* \"peace talks\"~3'             prefix, words near each other
  dateline search 'tlaks~ (kremlin OR moscow) ukraine'     a misspelt word; OR joins its neighbours first
  dateline search --place Ukraine --facets people --timeline month --limit 0
  dateline search 'person:putin date:[2025-01 TO 2025-12]' --format csv";

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
            Command::Completions(_) | Command::Man(_) => false,
        }
    }
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command's own page (dateline-search(1)); the main page without one.
    pub command: Option<String>,
}

pub fn run_completions(args: &CompletionsArgs) -> Result<u8> {
    use clap::CommandFactory;
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "dateline", &mut io::stdout());
    Ok(status::OK)
}

pub fn run_man(args: &ManArgs) -> Result<u8> {
    use clap::CommandFactory;
    let command = Cli::command();
    let page = match &args.command {
        None => command,
        Some(name) => {
            let Some(sub) = command.find_subcommand(name) else {
                let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
                anyhow::bail!("no command `{name}`: choose one of {}", names.join(", "));
            };
            let full = format!("dateline-{name}");
            sub.clone().name(full.clone()).bin_name(full)
        }
    };
    clap_mangen::Man::new(page).render(&mut io::stdout())?;
    Ok(status::OK)
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders of articles (.txt, .json, .jsonl, .ndjson). With
    /// none, the sources the index was built from; a new index, `corpus`.
    pub paths: Vec<PathBuf>,
    /// Drop what the index holds and index everything again.
    #[arg(long)]
    pub rebuild: bool,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Writer memory budget in MB.
    #[arg(long, default_value_t = 192)]
    pub memory_mb: usize,
    /// Commit after this many MB of input, so a crash loses at most that much work.
    #[arg(long, default_value_t = 256)]
    pub commit_mb: u64,
    /// Merge segments only into segments of up to this many MB. A merge maps
    /// its segments into memory, so this bounds peak memory; a larger value
    /// leaves fewer segments for searches to visit on large archives.
    #[arg(long, default_value_t = 384)]
    pub max_merge_mb: u64,
    /// No progress bar and no per-file messages (the summary is still printed).
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders of articles; `-` reads one file from standard input
    /// (JSON Lines when it starts with `{`, a JSON array with `[`, else text).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// One JSON line per article.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query: words (all required), "phrases", "phrases"~3, prefix*, fuzzy~1, OR (binds before words
    /// side by side), AND, -word, NOT, (groups), person:, topic:, place:, org:, source:, title:, lead:,
    /// body:, date:[A TO B].
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
    /// Facets to count over all matches: people,topics,places,organizations,sources.
    #[arg(long, value_delimiter = ',')]
    pub facets: Vec<String>,
    /// Values per facet.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Counts per calendar bucket over all matches.
    #[arg(long, value_enum)]
    pub timeline: Option<IntervalArg>,
    /// One JSON object on stdout (the same as `--format json`).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// human, json (one object), or csv (a header, then one row per hit).
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
}

/// How `batch` prints its answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    /// One JSON object per line.
    Json,
    /// CSV with a header row, one row per request.
    Csv,
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

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only articles matching this query (the `search` language); all when empty.
    #[arg(default_value = "", hide_default_value = true)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// ndjson: one JSON article per line; es-bulk: bulk API `create` action and article lines; csv: one row per article.
    #[arg(long, value_enum, default_value_t = ExportFormatArg::Ndjson)]
    pub format: ExportFormatArg,
    /// Index name in es-bulk actions and in the Quickwit config.
    #[arg(long, default_value = "dateline")]
    pub index_name: String,
    /// Write here instead of stdout.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Print the Quickwit index config for exported articles, and nothing else.
    #[arg(long, conflicts_with = "es_mapping")]
    pub quickwit_config: bool,
    /// Print the Elasticsearch/OpenSearch index mapping for exported articles, and nothing else.
    #[arg(long)]
    pub es_mapping: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormatArg {
    Ndjson,
    EsBulk,
    /// A header, then one row per article; several values joined with "; ".
    Csv,
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

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Request file: one query string or JSON request per line; `-` for stdin.
    #[arg(default_value = "-")]
    pub input: PathBuf,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Totals, facets and timelines only, without hits.
    #[arg(long)]
    pub count_only: bool,
    /// json (one object per line, as `search --json`) or csv (a header, then
    /// `line,id,query,total,error` per request).
    #[arg(long, value_enum, default_value_t = BatchFormat::Json)]
    pub format: BatchFormat,
    /// Person aliases: lines of `alias = Canonical Name`.
    #[arg(long, env = "DATELINE_ALIASES")]
    pub aliases: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Article id, path, or a unique ending of the path.
    pub id: String,
    /// As JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ValuesArgs {
    /// Only values with a word starting with this (case-insensitive).
    #[arg(default_value = "", hide_default_value = true)]
    pub prefix: String,
    /// How many to list.
    #[arg(long, default_value_t = 25)]
    pub top: usize,
    /// JSON Lines: one `{"value", "count"}` per line.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// As JSON.
    #[arg(long)]
    pub json: bool,
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

fn painter(cli: &Cli) -> Painter {
    Painter {
        enabled: colour_on(cli.color, &io::stdout()),
    }
}

fn open_engine(cli: &Cli) -> Result<Engine> {
    Engine::open(&cli.index).with_context(|| format!("cannot open index {}", cli.index.display()))
}

pub fn run_index(cli: &Cli, args: &IndexArgs) -> Result<u8> {
    use std::io::IsTerminal;
    let options = IndexOptions {
        rebuild: args.rebuild,
        writer_memory: args.memory_mb.saturating_mul(1 << 20),
        commit_bytes: args.commit_mb.max(1).saturating_mul(1 << 20),
        max_merge_bytes: args.max_merge_mb.max(1).saturating_mul(1 << 20),
    };
    let show_bar = !args.quiet && !args.json && io::stderr().is_terminal();
    let paths = index_sources(cli, args)?;
    let bar = Bar::new(show_bar);
    dateline_indexer::allocator::keep_freed_memory();
    let report = match index_paths(&cli.index, &paths, &options, &bar) {
        Ok(report) => report,
        Err(err) => {
            bar.clear();
            if let (true, dateline_indexer::IndexerError::DiskFull { report, .. }) =
                (args.json, &err)
            {
                // Scripts still get the summary of what was done, with the error.
                let mut summary = serde_json::to_value(report)?;
                summary["error"] = serde_json::Value::String(err.to_string());
                Printer::stdout().json(&summary)?;
            }
            return Err(anyhow::Error::new(err))
                .with_context(|| format!("indexing into {} failed", cli.index.display()));
        }
    };
    if let Err(err) = sources::remember(&cli.index, &paths, args.rebuild) {
        tracing::warn!("the index's sources were not recorded: {err}");
    }
    // The archive-wide resolution of names, made now rather than by the
    // first faceted search; an index that cannot take it still works.
    if let Err(err) = Engine::open(&cli.index).and_then(|engine| engine.prepare_entities()) {
        tracing::debug!("entities not prepared: {err}");
    }
    bar.clear();
    let mut out = Printer::stdout();
    if args.json {
        out.json(&report)?;
    } else {
        if !args.quiet {
            let mut err = io::stderr().lock();
            for problem in &report.problems {
                let label = match problem.kind {
                    ProblemKind::Skipped => "skipped",
                    ProblemKind::Warning => "warning",
                };
                writeln!(err, "{label}: {problem}")?;
            }
        }
        out.index_summary(&report, &painter(cli))?;
    }
    Ok(if report.skipped_anything() {
        status::NONE_OR_SKIPPED
    } else {
        status::OK
    })
}

/// What `index` reads: the paths given; else the sources the index was
/// built from; else, for a new index, the bundled sample `corpus`, saying so.
fn index_sources(cli: &Cli, args: &IndexArgs) -> Result<Vec<PathBuf>> {
    if !args.paths.is_empty() {
        return Ok(args.paths.clone());
    }
    let say = |text: String| {
        if !args.quiet && !args.json {
            eprintln!("{text}");
        }
    };
    if let Some(remembered) = sources::remembered(&cli.index)? {
        let listed: Vec<String> = remembered.iter().map(|p| p.display().to_string()).collect();
        say(format!(
            "no path given: updating {} from its sources: {}",
            cli.index.display(),
            listed.join(", ")
        ));
        return Ok(remembered);
    }
    if cli.index.join("meta.json").exists() {
        anyhow::bail!(
            "no path given, and the index at {} does not record what it was built from \
             (it predates sources.json): give the files or folders to index",
            cli.index.display()
        );
    }
    if !Path::new("corpus").is_dir() {
        anyhow::bail!(
            "no path given, and there is no `corpus` folder here to index into the new index {}: \
             give the files or folders to index",
            cli.index.display()
        );
    }
    say(format!(
        "no path given: indexing the bundled sample, corpus, into the new index {}",
        cli.index.display()
    ));
    Ok(vec![PathBuf::from("corpus")])
}

pub fn run_extract(_cli: &Cli, args: &ExtractArgs) -> Result<u8> {
    use rayon::prelude::*;
    // Standard input is spooled to a file, so that it is read as files are.
    let spooled = match &args.paths[..] {
        [only] if only.as_os_str() == "-" => Some(spool_stdin()?),
        _ => None,
    };
    let paths = match &spooled {
        Some((_, file)) => vec![file.clone()],
        None => args.paths.clone(),
    };
    let mut walk = Walk::new(&paths).context("cannot read input")?;
    let mut printer = ExtractPrinter {
        out: Printer::stdout(),
        json: args.json,
        skipped: false,
        label: spooled.as_ref().map(|_| "-".to_string()),
    };
    // Small files: read in parallel, printed in order, a chunk at a time. A
    // large one is printed as it is read, so memory holds one record.
    loop {
        let mut chunk = Vec::with_capacity(256);
        let mut large = None;
        for found in walk.by_ref() {
            match found {
                Found::File(file) if file.size > dateline_indexer::read::WHOLE_FILE_BYTES => {
                    large = Some(file);
                    break;
                }
                Found::File(file) => chunk.push(file),
                Found::Ignored(_) => {}
                Found::Problem(path, reason) => {
                    let path = dateline_indexer::key::path_key(&path);
                    let path = dateline_indexer::key::printable(&path);
                    writeln!(io::stderr(), "skipped: {path}: {reason}")?;
                    printer.skipped = true;
                }
            }
            if chunk.len() == 256 {
                break;
            }
        }
        if chunk.is_empty() && large.is_none() {
            break;
        }
        let reads: Vec<_> = chunk.par_iter().map(read_file_articles).collect();
        for (file, (read, articles)) in chunk.iter().zip(reads) {
            for item in &articles {
                printer.article(&file.key(), item)?;
            }
            printer.problems(&read.problems)?;
        }
        if let Some(file) = large {
            let mut failed = None;
            let read = read_file(&file, |_| true, &mut |item| {
                if failed.is_none() {
                    failed = printer.article(&file.key(), &item).err();
                }
            });
            if let Some(err) = failed {
                return Err(err);
            }
            printer.problems(&read.problems)?;
        }
    }
    Ok(if printer.skipped {
        status::NONE_OR_SKIPPED
    } else {
        status::OK
    })
}

/// `dateline extract`'s output: articles on stdout, problems on stderr.
struct ExtractPrinter {
    out: Printer,
    json: bool,
    skipped: bool,
    /// The path printed instead of the file's (`-` for standard input).
    label: Option<String>,
}

/// Copies standard input to a file in a new temporary folder, named so that
/// its format is read right: `.jsonl` when it starts with `{`, `.json` with
/// `[`, else `.txt`.
fn spool_stdin() -> Result<(tempfile::TempDir, PathBuf)> {
    let mut text = Vec::new();
    io::Read::read_to_end(&mut io::stdin().lock(), &mut text)
        .context("cannot read standard input")?;
    let first = text.iter().find(|b| !b.is_ascii_whitespace());
    let extension = match first {
        Some(b'{') => "jsonl",
        Some(b'[') => "json",
        _ => "txt",
    };
    let dir = tempfile::tempdir().context("cannot make a temporary folder for standard input")?;
    let file = dir.path().join(format!("stdin.{extension}"));
    std::fs::write(&file, text).context("cannot spool standard input")?;
    Ok((dir, file))
}

impl ExtractPrinter {
    fn article(&mut self, path: &str, item: &ExtractedArticle) -> Result<()> {
        let path = self.label.as_deref().unwrap_or(path);
        if self.json {
            self.out.extract_json(path, item)
        } else {
            self.out.extract_text(path, item)
        }
    }

    fn problems(&mut self, problems: &[dateline_indexer::Problem]) -> Result<()> {
        let mut err = io::stderr().lock();
        for problem in problems {
            let label = match problem.kind {
                ProblemKind::Skipped => {
                    self.skipped = true;
                    "skipped"
                }
                ProblemKind::Warning => "warning",
            };
            match &self.label {
                Some(path) => {
                    let problem = dateline_indexer::Problem {
                        path: path.clone(),
                        ..problem.clone()
                    };
                    writeln!(err, "{label}: {problem}")?;
                }
                None => writeln!(err, "{label}: {problem}")?,
            }
        }
        Ok(())
    }
}

pub fn run_search(cli: &Cli, args: &SearchArgs) -> Result<u8> {
    let mut engine = open_engine(cli)?;
    // One search: let its segments use every core.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    engine.set_segment_threads(cores)?;
    if let Some(path) = &args.filters.aliases {
        engine.load_aliases(path)?;
    }
    let facets = args
        .facets
        .iter()
        .map(|f| f.trim().parse::<FacetKind>())
        .collect::<Result<Vec<_>, _>>()?;
    let request = SearchRequest {
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        },
        limit: args.limit,
        offset: args.offset,
        facets,
        top: args.top,
        timeline: args.timeline.map(|t| match t {
            IntervalArg::Day => Interval::Day,
            IntervalArg::Week => Interval::Week,
            IntervalArg::Month => Interval::Month,
            IntervalArg::Year => Interval::Year,
        }),
        ..filtered_request(&args.query, &args.filters)
    };
    let response = engine.search(&request)?;
    let mut out = Printer::stdout();
    match (args.json, args.format) {
        (true, _) | (_, OutputFormat::Json) => out.json(&response)?,
        (_, OutputFormat::Csv) => crate::table::search_hits(io::stdout().lock(), &response)?,
        (_, OutputFormat::Human) => out.search(&response, &request, &painter(cli))?,
    }
    Ok(if response.total > 0 {
        status::OK
    } else {
        status::NONE_OR_SKIPPED
    })
}

/// A request with the query and filters of the command line and defaults
/// for everything else.
fn filtered_request(query: &[String], filters: &FilterArgs) -> SearchRequest {
    SearchRequest {
        q: query.join(" "),
        person: filters.person.clone(),
        topic: filters.topic.clone(),
        place: filters.place.clone(),
        org: filters.org.clone(),
        source: filters.source.clone(),
        from: filters.from.clone(),
        to: filters.to.clone(),
        ..SearchRequest::default()
    }
}

pub fn run_export(cli: &Cli, args: &ExportArgs) -> Result<u8> {
    let config = if args.quickwit_config {
        Some(export::quickwit_config(&args.index_name))
    } else if args.es_mapping {
        Some(export::es_mapping())
    } else {
        None
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create export file {}", path.display()))?,
        )),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    if let Some(config) = config {
        serde_json::to_writer_pretty(&mut out, &config)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(status::OK);
    }
    let mut engine = open_engine(cli)?;
    if let Some(path) = &args.filters.aliases {
        engine.load_aliases(path)?;
    }
    let request = filtered_request(&args.query, &args.filters);
    let count = match args.format {
        ExportFormatArg::Csv => {
            let columns = export::Exporter::new(&dateline_indexer::schema::build())
                .field_names()
                .into_iter()
                .map(str::to_string)
                .collect();
            let mut rows = crate::table::Records::new(&mut out, columns)?;
            let count = engine.export(&request, |record| rows.write(&record))?;
            rows.flush()?;
            count
        }
        json => {
            let format = match json {
                ExportFormatArg::EsBulk => export::ExportFormat::EsBulk {
                    index: args.index_name.clone(),
                },
                _ => export::ExportFormat::Ndjson,
            };
            engine.export(&request, |record| -> Result<()> {
                export::write_record(&mut out, &format, &record)?;
                Ok(())
            })?
        }
    };
    out.flush()?;
    if let Some(path) = &args.output {
        writeln!(
            io::stderr(),
            "exported {count} article(s) to {}",
            path.display()
        )?;
    }
    Ok(if count > 0 {
        status::OK
    } else {
        status::NONE_OR_SKIPPED
    })
}

pub fn run_batch(cli: &Cli, args: &BatchArgs) -> Result<u8> {
    let mut engine = open_engine(cli)?;
    if let Some(path) = &args.aliases {
        engine.load_aliases(path)?;
    }
    let input: Box<dyn io::BufRead + Send> = if args.input.as_os_str() == "-" {
        Box::new(io::BufReader::new(io::stdin()))
    } else {
        let file = std::fs::File::open(&args.input)
            .with_context(|| format!("cannot open batch input {}", args.input.display()))?;
        Box::new(io::BufReader::new(file))
    };
    let options = BatchOptions {
        threads: args.threads,
        count_only: args.count_only,
        csv: args.format == BatchFormat::Csv,
        ..BatchOptions::default()
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let summary = dateline_query::batch::run(&engine, input, &mut out, options)
        .with_context(|| format!("batch on {} failed", args.input.display()))?;
    tracing::info!(
        requests = summary.requests,
        errors = summary.errors,
        "batch done"
    );
    Ok(status::OK)
}

pub fn run_show(cli: &Cli, args: &ShowArgs) -> Result<u8> {
    let engine = open_engine(cli)?;
    let Some(article) = engine.article(&args.id)? else {
        anyhow::bail!(
            "no article with id `{}` in {}",
            args.id,
            cli.index.display()
        );
    };
    let mut out = Printer::stdout();
    if args.json {
        out.json(&article)?;
    } else {
        out.article(&article, &painter(cli))?;
    }
    Ok(status::OK)
}

pub fn run_values(cli: &Cli, args: &ValuesArgs, kind: FacetKind) -> Result<u8> {
    let engine = open_engine(cli)?;
    let values = engine.values(&engine.searcher(), kind, &args.prefix)?;
    let mut out = Printer::stdout();
    let shown: Vec<_> = values.into_iter().take(args.top).collect();
    for value in &shown {
        if args.json {
            out.json(value)?;
        } else {
            out.value_line(value)?;
        }
    }
    Ok(if shown.is_empty() {
        status::NONE_OR_SKIPPED
    } else {
        status::OK
    })
}

pub fn run_stats(cli: &Cli, args: &StatsArgs) -> Result<u8> {
    let engine = open_engine(cli)?;
    let stats = engine.stats(&cli.index)?;
    let mut out = Printer::stdout();
    if args.json {
        out.json(&stats)?;
    } else {
        out.stats(&stats, &cli.index)?;
    }
    Ok(status::OK)
}

/// A key (a path, or `path#N`) relative to the working directory when it
/// lies below it, with control characters escaped for the terminal.
pub fn display_path(path: &str) -> String {
    let shown = match std::env::current_dir() {
        Ok(cwd) => {
            let cwd = dateline_indexer::key::path_key(&cwd);
            match path
                .strip_prefix(cwd.as_str())
                .and_then(|p| p.strip_prefix('/'))
            {
                Some(relative) if !relative.is_empty() => relative,
                _ => path,
            }
        }
        Err(_) => path,
    };
    dateline_indexer::key::printable(shown).into_owned()
}
