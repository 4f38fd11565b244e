//! `search`, `batch` and `export`: the commands that run queries.

use std::io::{self, Write};

use anyhow::{Context, Result};
use dateline_indexer::export;
use dateline_query::batch::BatchOptions;
use dateline_query::{FacetKind, Interval, SearchRequest, Sort};

use super::*;
use crate::flags::*;
use crate::output::Printer;
use crate::status;

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
        share: args.share,
        ..filtered_request(&args.query, &args.filters)
    };
    if args.format == OutputFormat::Csv
        && (!request.facets.is_empty() || request.timeline.is_some())
    {
        anyhow::bail!(
            "--format csv holds one row per hit: facets and timelines need --json (or the human output)"
        );
    }
    let response = engine.search(&request)?;
    if args.format == OutputFormat::Human && !args.json {
        lower_case_or_note(&request.q);
    }
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

/// A note on stderr when a query joins words with a lower-case `or`, which
/// is searched as a word (as web search engines do), while the user most
/// likely meant `OR`.
fn lower_case_or_note(query: &str) {
    let words: Vec<&str> = query.split_whitespace().collect();
    let inner_or = words.len() > 2 && words[1..words.len() - 1].contains(&"or");
    if inner_or {
        eprintln!("note: `or` is searched as a word; write OR (capitals) to join alternatives");
    }
}
