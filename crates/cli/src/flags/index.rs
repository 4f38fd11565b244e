//! Flags of `index` and `extract`.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders of articles (.txt, .json, .jsonl, .ndjson, .html, .htm, .html.gz, .eml,
    /// .mbox). With
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

#[cfg(test)]
mod tests {
    use crate::flags::{parse, Command};

    #[test]
    fn index_takes_paths_and_bounds_memory_by_default() {
        let Command::Index(args) = parse(&["index"]).unwrap().command else {
            panic!("index")
        };
        assert!(args.paths.is_empty());
        assert_eq!(
            (args.memory_mb, args.commit_mb, args.max_merge_mb),
            (192, 256, 384)
        );
        assert!(!args.rebuild && !args.quiet);
        let Command::Index(args) = parse(&["index", "a", "b", "--rebuild", "-q"])
            .unwrap()
            .command
        else {
            panic!("index")
        };
        assert_eq!(args.paths.len(), 2);
        assert!(args.rebuild && args.quiet);
    }

    #[test]
    fn extract_needs_a_path_or_stdin() {
        assert!(parse(&["extract"]).is_err());
        assert!(matches!(
            parse(&["extract", "-"]).unwrap().command,
            Command::Extract(args) if args.paths[0].as_os_str() == "-"
        ));
    }
}
