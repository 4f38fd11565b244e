//! `serve`: the web front end and API of `dateline-web`.

use std::io::Write;

use anyhow::{Context, Result};

use crate::flags::{Cli, ServeArgs};
use crate::status;

pub fn run_serve(cli: &Cli, args: &ServeArgs) -> Result<u8> {
    if !args.addr.ip().is_loopback() && args.token.as_deref().is_some_and(|t| !t.trim().is_empty())
    {
        tracing::warn!(
            "serving on {}: anyone who can reach this machine and knows the token can read the archive",
            args.addr
        );
    }
    let options = dateline_web::Options {
        index: cli.index.clone(),
        addr: args.addr,
        token: args.token.clone(),
        threads: args.threads,
    };
    let index = cli.index.display().to_string();
    dateline_web::serve(options, |addr| {
        // The one line a script waits for: the address to use.
        let mut out = std::io::stdout();
        let _ = writeln!(
            out,
            "dateline: serving {index} at http://{addr}/ (Ctrl-C stops)"
        );
        let _ = out.flush();
    })
    .with_context(|| format!("cannot serve {index}"))?;
    Ok(status::OK)
}
