//! Kills `dateline index` with SIGKILL at random moments while it indexes
//! Reuters-21578, and checks after each kill that the index opens, holds a
//! committed state exactly, and that a rerun completes without duplicates;
//! then kills `dateline index --rebuild` of the indexed archive the same way
//! and checks that the old index is whole after each kill.
//!
//! ```sh
//! cargo build --release -p dateline-cli
//! cargo run --release -p dateline-benches --example crash_trials [-- --trials 10 --seed 7 --commit-mb 1 --input DIR]
//! ```
//!
//! Exits 1 when a trial fails. Uses the release `dateline` beside this
//! example's target directory.

use std::path::PathBuf;
use std::process::ExitCode;

use dateline_benches::crash::{run_rebuild_trials, run_trials, CrashOptions};
use dateline_benches::{data_dir, flag_value};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let number = |flag: &str, default: u64| {
        flag_value(&args, flag)
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let input = flag_value(&args, "--input")
        .map(PathBuf::from)
        .unwrap_or_else(|| data_dir().join("reuters21578"));
    // target/release/examples/crash_trials -> target/release/dateline
    let binary = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join("dateline")))
        .filter(|b| b.is_file());
    let Some(binary) = binary else {
        eprintln!("crash_trials: no release dateline binary: run `cargo build --release -p dateline-cli` first");
        return ExitCode::from(2);
    };
    if !input.is_dir() {
        eprintln!("crash_trials: no archive at {}", input.display());
        return ExitCode::from(2);
    }
    let work = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(err) => {
            eprintln!("crash_trials: cannot create a temp dir: {err}");
            return ExitCode::from(2);
        }
    };
    let options = CrashOptions {
        binary,
        input: input.clone(),
        work: work.path().to_path_buf(),
        trials: number("--trials", 10) as usize,
        seed: number("--seed", 7),
        commit_mb: number("--commit-mb", 1),
    };
    let report = match run_trials(&options) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("crash_trials: {err}");
            return ExitCode::from(2);
        }
    };
    println!(
        "archive {}: {} articles, full run {:.1} s with {} commits (--commit-mb {})",
        input.display(),
        report.articles,
        report.full_run_secs,
        report.commits,
        options.commit_mb
    );
    println!("| trial | SIGKILL after | mid-run | articles after kill | rerun added | result |");
    println!("|---|---|---|---|---|---|");
    for (i, trial) in report.trials.iter().enumerate() {
        println!(
            "| {} | {} ms | {} | {} | {} | {} |",
            i + 1,
            trial.kill_after_ms,
            if trial.killed_mid_run { "yes" } else { "no" },
            trial.articles_after_kill,
            trial.rerun_added,
            trial.failure.as_deref().unwrap_or("ok")
        );
    }
    let mid_run = report.trials.iter().filter(|t| t.killed_mid_run).count();
    println!(
        "{} of {} trials survived, {} of them killed mid-run",
        report.survived(),
        report.trials.len(),
        mid_run
    );
    let rebuilds = match run_rebuild_trials(&options) {
        Ok(rebuilds) => rebuilds,
        Err(err) => {
            eprintln!("crash_trials: rebuild trials: {err}");
            return ExitCode::from(2);
        }
    };
    println!();
    println!("| rebuild trial | SIGKILL after | mid-run | articles after kill | result |");
    println!("|---|---|---|---|---|");
    for (i, trial) in rebuilds.iter().enumerate() {
        println!(
            "| {} | {} ms | {} | {} | {} |",
            i + 1,
            trial.kill_after_ms,
            if trial.killed_mid_run { "yes" } else { "no" },
            trial.articles_after_kill,
            trial
                .failure
                .as_deref()
                .unwrap_or("ok (the old index whole)")
        );
    }
    let rebuilds_survived = rebuilds.iter().filter(|t| t.failure.is_none()).count();
    let rebuilds_mid_run = rebuilds.iter().filter(|t| t.killed_mid_run).count();
    println!(
        "{rebuilds_survived} of {} rebuild trials left the old index whole, {rebuilds_mid_run} of them killed mid-run",
        rebuilds.len()
    );
    let indexing_ok = report.survived() == report.trials.len() && mid_run >= options.trials;
    let rebuilds_ok = rebuilds_survived == rebuilds.len() && rebuilds_mid_run >= options.trials;
    if indexing_ok && rebuilds_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
