//! `serve`: the web front end and API of `dateline-web`.

use std::io::Write;

use anyhow::{Context, Result};

use crate::flags::{Cli, ServeArgs};
use crate::status;

pub fn run_serve(cli: &Cli, args: &ServeArgs) -> Result<u8> {
    avoid_huge_pages();
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

/// Turns transparent huge pages off for this process. Why: mimalloc hands
/// memory freed a second ago back to the OS and faults it in again on a
/// later request, and with huge pages each such fault zeroes 2 MiB.
/// Faceted searches on the 100k synthetic archive under load: 7% more per
/// second and half the anonymous memory (`benches/results/`). mimalloc's own
/// switch (`MIMALLOC_ALLOW_THP`) is read before `main`, when its first arena
/// is already mapped; the process-wide flag covers that arena too.
fn avoid_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: `PR_SET_THP_DISABLE` takes plain integers and only sets a flag
    // of this process; a kernel without it returns an error, ignored.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
