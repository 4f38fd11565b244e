//! What each command does with its flags: library calls in, formatted
//! output and an exit status out.

mod browse;
mod index;
mod search;
mod serve;

pub use browse::*;
pub use index::*;
pub use search::*;
pub use serve::*;

use std::io;

use anyhow::{Context, Result};
use dateline_query::Engine;

use crate::flags::{colour_on, Cli};
use crate::output::Painter;

fn painter(cli: &Cli) -> Painter {
    Painter {
        enabled: colour_on(cli.color, &io::stdout()),
    }
}

fn open_engine(cli: &Cli) -> Result<Engine> {
    Engine::open(&cli.index).with_context(|| format!("cannot open index {}", cli.index.display()))
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
