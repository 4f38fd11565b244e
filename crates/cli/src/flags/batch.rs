//! Flags of `batch`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

/// How `batch` prints its answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    /// One JSON object per line.
    Json,
    /// CSV with a header row, one row per request.
    Csv,
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

#[cfg(test)]
mod tests {
    use crate::flags::{parse, BatchFormat, Command};

    #[test]
    fn batch_reads_stdin_and_answers_in_json_by_default() {
        let Command::Batch(args) = parse(&["batch"]).unwrap().command else {
            panic!("batch")
        };
        assert_eq!(args.input.as_os_str(), "-");
        assert_eq!(args.format, BatchFormat::Json);
        assert_eq!(args.threads, 0);
        let Command::Batch(args) = parse(&[
            "batch",
            "q.txt",
            "--format",
            "csv",
            "--count-only",
            "--threads",
            "2",
        ])
        .unwrap()
        .command
        else {
            panic!("batch")
        };
        assert_eq!(args.format, BatchFormat::Csv);
        assert!(args.count_only);
        assert_eq!(args.threads, 2);
        assert!(parse(&["batch", "--threads", "-1"]).is_err());
    }
}
