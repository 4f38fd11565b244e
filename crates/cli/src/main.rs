//! `dateline`: index, search and inspect news archives.
//!
//! A thin front end: flags in, library calls, formatted output and exit
//! statuses out. Searching lives in `dateline-query`, ingest in
//! `dateline-indexer`, extraction in `dateline-extract`.

mod commands;
mod flags;
mod hyphen;
mod output;
mod progress;
mod table;

use std::io::{self, Write};
use std::process::ExitCode;

use crate::flags::{Cli, Command};

/// mimalloc rather than the system allocator: indexing allocates text on the
/// rayon workers and frees it on tantivy's threads, and glibc's per-thread
/// arenas then kept growing (2.1 GB peak RSS on a 1M-article archive).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit statuses, as ripgrep uses them.
pub(crate) mod status {
    /// Hits found, or the command succeeded fully.
    pub const OK: u8 = 0;
    /// No hits, or indexing completed but skipped some input.
    pub const NONE_OR_SKIPPED: u8 = 1;
    /// An error.
    pub const ERROR: u8 = 2;
}

fn main() -> ExitCode {
    let cli = parse_command_line();
    init_tracing(&cli);
    report_panics_in_one_line();
    // A panic is a bug, ours or a library's: tantivy panics on some damaged
    // segment files rather than returning an error. Either way the user gets
    // one line and the error status, not a backtrace and an abort.
    let result = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&cli))) {
        Ok(result) => result,
        Err(_) => return ExitCode::from(status::ERROR),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) if is_broken_pipe(&err) => ExitCode::from(status::OK),
        Err(err) => {
            let message = error_chain(&err);
            // Scripts reading JSON get the error as one JSON object.
            let line = if cli.command.wants_json() {
                serde_json::json!({ "error": message }).to_string()
            } else {
                format!("dateline: {message}")
            };
            let _ = writeln!(io::stderr(), "{line}");
            ExitCode::from(status::ERROR)
        }
    }
}

/// The command line as [`Cli`]: a query may start with `-word`
/// ([`hyphen`]), and when the command line asks for JSON, a usage error is
/// one JSON object on stderr like any other error.
fn parse_command_line() -> Cli {
    use clap::Parser;
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let wants_json = args
        .windows(2)
        .any(|pair| pair[0] == "--format" && pair[1] == "json")
        || args
            .iter()
            .any(|arg| arg == "--json" || arg == "--format=json");
    match Cli::try_parse_from(hyphen::mark_query_words(args)) {
        Ok(mut cli) => {
            hyphen::unmark_query_words(&mut cli);
            cli
        }
        Err(err) if wants_json && err.use_stderr() => {
            let message = err.to_string();
            let first = message
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ");
            let _ = writeln!(io::stderr(), "{}", serde_json::json!({ "error": first }));
            std::process::exit(i32::from(status::ERROR));
        }
        Err(err) => err.exit(),
    }
}

/// Replaces the default panic message (thread name, backtrace hint) with one
/// line that says what to try; with `RUST_BACKTRACE` set, the default stays,
/// for whoever debugs it.
fn report_panics_in_one_line() {
    if std::env::var_os("RUST_BACKTRACE").is_some() {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let _ = writeln!(
            io::stderr(),
            "dateline: internal error{location}: {message}; if the index is damaged, \
             rebuild it with `dateline index --rebuild`, otherwise please report this"
        );
    }));
}

fn run(cli: &Cli) -> anyhow::Result<u8> {
    match &cli.command {
        Command::Index(args) => commands::run_index(cli, args),
        Command::Extract(args) => commands::run_extract(cli, args),
        Command::Search(args) => commands::run_search(cli, args),
        Command::Batch(args) => commands::run_batch(cli, args),
        Command::Show(args) => commands::run_show(cli, args),
        Command::People(args) => commands::run_values(cli, args, dateline_query::FacetKind::People),
        Command::Topics(args) => commands::run_values(cli, args, dateline_query::FacetKind::Topics),
        Command::Places(args) => commands::run_values(cli, args, dateline_query::FacetKind::Places),
        Command::Orgs(args) => {
            commands::run_values(cli, args, dateline_query::FacetKind::Organizations)
        }
        Command::Stats(args) => commands::run_stats(cli, args),
        Command::Serve(args) => commands::run_serve(cli, args),
        Command::Export(args) => commands::run_export(cli, args),
        Command::Completions(args) => commands::run_completions(args),
        Command::Man(args) => commands::run_man(args),
    }
}

/// `what failed: why: deeper why`, on one line; a cause that its parent's
/// message already quotes is not repeated.
fn error_chain(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain().map(ToString::to_string) {
        if parts.last().is_some_and(|last| last.contains(&cause)) {
            continue;
        }
        parts.push(cause);
    }
    parts.join(": ")
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

fn init_tracing(cli: &Cli) {
    // The HTML parser's notes on a page's markup ("foster parenting not
    // implemented") say nothing a user can act on, and name no file.
    let level = match cli.verbose {
        0 => "warn,html5ever=error,markup5ever=error",
        1 => "info,html5ever=error,markup5ever=error",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("DATELINE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr)
        .with_ansi(flags::colour_on(cli.color, &io::stderr()))
        .with_target(false)
        .try_init();
}
