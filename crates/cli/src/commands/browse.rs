//! `show`, the value listings, `stats`, `completions` and `man`.

use std::io;

use anyhow::Result;
use dateline_query::FacetKind;

use super::*;
use crate::flags::{Cli, CompletionsArgs, ManArgs, ShowArgs, StatsArgs, ValuesArgs};
use crate::output::Printer;
use crate::status;

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
    let shown: Vec<_> = values
        .into_iter()
        .skip(args.offset)
        .take(args.top)
        .collect();
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
