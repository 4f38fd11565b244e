//! `index` and `extract`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use dateline_indexer::discover::{Found, Walk};
use dateline_indexer::ingest::{read_file, read_file_articles, ExtractedArticle, IndexOptions};
use dateline_indexer::parse::{CAPTURE_DATED, UNDATED};
use dateline_indexer::{index_paths, sources, ProblemKind};

use super::*;
use crate::flags::{ExtractArgs, IndexArgs};
use crate::output::Printer;
use crate::progress::Bar;
use crate::status;

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
            print_problems(&report.problems, cli.verbose > 0)?;
        }
        out.index_summary(&report, &painter(cli))?;
    }
    Ok(if report.skipped_anything() {
        status::NONE_OR_SKIPPED
    } else {
        status::OK
    })
}

/// Every problem on stderr, one line each, but for articles left without a
/// date: an archive that keeps no dates gave a line per file (2,225 for
/// BBC), so they are one line with three examples unless `verbose`.
fn print_problems(problems: &[dateline_indexer::Problem], verbose: bool) -> Result<()> {
    let mut err = io::stderr().lock();
    // Warnings many articles share are summed up in a line each.
    let common: [(&str, &str); 2] = [
        (
            UNDATED,
            "(no date in the text, its metadata or the file's path)",
        ),
        (CAPTURE_DATED, "as their pages and URLs give none"),
    ];
    let shared = |p: &dateline_indexer::Problem, suffix: &str| {
        !verbose && p.kind == ProblemKind::Warning && p.reason.ends_with(suffix)
    };
    let is_common = |p: &&dateline_indexer::Problem| common.iter().any(|(s, _)| shared(p, s));
    for problem in problems.iter().filter(|p| !is_common(p)) {
        let label = match problem.kind {
            ProblemKind::Skipped => "skipped",
            ProblemKind::Warning => "warning",
        };
        writeln!(err, "{label}: {problem}")?;
    }
    for (suffix, why) in common {
        let these: Vec<&dateline_indexer::Problem> =
            problems.iter().filter(|p| shared(p, suffix)).collect();
        match these.len() {
            0 => {}
            1 => writeln!(err, "warning: {}", these[0])?,
            n => {
                let examples: Vec<String> = these
                    .iter()
                    .take(3)
                    .map(|p| {
                        let path = dateline_indexer::key::printable(&p.path);
                        match p.line {
                            Some(line) => format!("{path}:{line}"),
                            None => path.to_string(),
                        }
                    })
                    .collect();
                writeln!(
                    err,
                    "warning: {n} articles {suffix} {why}, for example {}; -v lists each",
                    examples.join(", ")
                )?;
            }
        }
    }
    Ok(())
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
                Found::Ignored(_) | Found::Linked { .. } => {}
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
