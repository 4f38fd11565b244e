//! Crash trials: `dateline index` killed with SIGKILL at random moments must
//! leave an index that opens, holds exactly a committed state (whole files,
//! each article as a full run stores it, no duplicates), and that a rerun
//! completes to the full archive.
//!
//! Used by `cargo test` on the bundled corpus and by
//! `cargo run --release -p dateline-benches --example crash_trials` on
//! Reuters-21578.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// What to run.
#[derive(Debug, Clone)]
pub struct CrashOptions {
    /// The `dateline` binary.
    pub binary: PathBuf,
    /// The archive to index.
    pub input: PathBuf,
    /// Where the reference and trial indexes go.
    pub work: PathBuf,
    /// How many kills.
    pub trials: usize,
    /// Seed of the kill moments.
    pub seed: u64,
    /// `--commit-mb` of every run: small, so that kills fall between commits.
    pub commit_mb: u64,
}

/// What one trial saw.
#[derive(Debug, Clone)]
pub struct TrialOutcome {
    /// Milliseconds after the start when SIGKILL was sent.
    pub kill_after_ms: u64,
    /// Whether the process was still running when killed.
    pub killed_mid_run: bool,
    /// Articles the index held after the kill (0 when no commit had happened).
    pub articles_after_kill: u64,
    /// Articles the rerun added.
    pub rerun_added: u64,
    /// Why the trial failed; `None` when every check held.
    pub failure: Option<String>,
}

/// The reference run and every trial.
#[derive(Debug, Clone)]
pub struct CrashReport {
    /// Articles in the archive (the full run's total).
    pub articles: u64,
    /// Seconds the full run took.
    pub full_run_secs: f64,
    /// Commits of the full run.
    pub commits: u64,
    /// One entry per trial.
    pub trials: Vec<TrialOutcome>,
}

impl CrashReport {
    /// Trials in which every check held.
    pub fn survived(&self) -> usize {
        self.trials.iter().filter(|t| t.failure.is_none()).count()
    }
}

/// Runs the reference index and `options.trials` kill trials.
pub fn run_trials(options: &CrashOptions) -> Result<CrashReport, String> {
    std::fs::create_dir_all(&options.work).map_err(|e| format!("cannot create work dir: {e}"))?;
    let reference_dir = options.work.join("reference");
    let _ = std::fs::remove_dir_all(&reference_dir);
    let started = Instant::now();
    let (report, _) = index_json(options, &reference_dir)?;
    let full_run = started.elapsed();
    let articles = report["articles_total"].as_u64().unwrap_or(0);
    let commits = report["commits"].as_u64().unwrap_or(0);
    let reference =
        export(options, &reference_dir)?.ok_or("the reference index cannot be exported")?;
    if reference.len() as u64 != articles {
        return Err(format!(
            "the reference export holds {} articles, the index {articles}",
            reference.len()
        ));
    }
    let reference: HashMap<String, Value> = reference
        .into_iter()
        .map(|r| (r["id"].as_str().unwrap_or_default().to_string(), r))
        .collect();

    // A second, warm run times what the trials will see.
    let warm_dir = options.work.join("warm");
    let started = Instant::now();
    index_json(options, &warm_dir)?;
    let mut full_run = full_run.min(started.elapsed());
    let _ = std::fs::remove_dir_all(&warm_dir);

    let mut random = options.seed | 1;
    let mut trials = Vec::new();
    let mut attempts = 0;
    // Count kills that hit a running indexer; a kill that came after the
    // run ended is kept in the report but retried with shorter delays.
    while trials
        .iter()
        .filter(|t: &&TrialOutcome| t.killed_mid_run)
        .count()
        < options.trials
        && attempts < options.trials * 3
    {
        // Kill moments spread over 5%..90% of a full run.
        let delay = full_run.mul_f64(0.05 + 0.85 * next_fraction(&mut random));
        let dir = options.work.join(format!("trial-{attempts}"));
        let _ = std::fs::remove_dir_all(&dir);
        let outcome = one_trial(options, &dir, delay, &reference, articles);
        if !outcome.killed_mid_run {
            full_run = full_run.mul_f64(0.8);
        }
        trials.push(outcome);
        let _ = std::fs::remove_dir_all(&dir);
        attempts += 1;
    }
    Ok(CrashReport {
        articles,
        full_run_secs: full_run.as_secs_f64(),
        commits,
        trials,
    })
}

fn one_trial(
    options: &CrashOptions,
    dir: &Path,
    delay: Duration,
    reference: &HashMap<String, Value>,
    articles: u64,
) -> TrialOutcome {
    let mut outcome = TrialOutcome {
        kill_after_ms: delay.as_millis() as u64,
        killed_mid_run: false,
        articles_after_kill: 0,
        rerun_added: 0,
        failure: None,
    };
    let result = (|| -> Result<(), String> {
        outcome.killed_mid_run = kill_after(&mut index_command(options, dir), delay)?;

        if let Some(records) = export(options, dir)? {
            outcome.articles_after_kill = records.len() as u64;
            check_records(&records, reference, "after the kill")?;
        }
        let (report, code) = index_json(options, dir)?;
        if code == 2 {
            return Err(format!("the rerun failed: {report}"));
        }
        outcome.rerun_added = report["articles_added"].as_u64().unwrap_or(0);
        if report["articles_total"].as_u64() != Some(articles) {
            return Err(format!(
                "the rerun ended with {} articles, not {articles}",
                report["articles_total"]
            ));
        }
        if outcome.rerun_added + outcome.articles_after_kill != articles {
            return Err(format!(
                "the rerun added {} to {}: the manifest and the articles disagree",
                outcome.rerun_added, outcome.articles_after_kill
            ));
        }
        let records = export(options, dir)?.ok_or("the rerun left no index")?;
        if records.len() as u64 != articles {
            return Err(format!("{} articles after the rerun", records.len()));
        }
        check_records(&records, reference, "after the rerun")
    })();
    outcome.failure = result.err();
    outcome
}

/// One `dateline index --rebuild` killed at a random moment.
#[derive(Debug, Clone)]
pub struct RebuildOutcome {
    /// Milliseconds after the start when SIGKILL was sent.
    pub kill_after_ms: u64,
    /// Whether the rebuild was still running when killed.
    pub killed_mid_run: bool,
    /// Articles the index held after the kill (the old index's count when
    /// it survived).
    pub articles_after_kill: u64,
    /// Why the trial failed; `None` when the old index was whole and a
    /// second rebuild completed.
    pub failure: Option<String>,
}

/// Rebuild trials: an indexed archive is rebuilt (`index --rebuild`) and
/// the rebuild killed with SIGKILL at random moments; each time the index
/// must hold exactly the articles it held before, and a second rebuild must
/// complete. (A rebuild that committed as it went left 20% of an archive.)
pub fn run_rebuild_trials(options: &CrashOptions) -> Result<Vec<RebuildOutcome>, String> {
    let base = options.work.join("rebuild-base");
    let _ = std::fs::remove_dir_all(&base);
    let (report, _) = index_json(options, &base)?;
    let articles = report["articles_total"].as_u64().unwrap_or(0);
    let reference: HashMap<String, Value> = export(options, &base)?
        .ok_or("the base index cannot be exported")?
        .into_iter()
        .map(|r| (r["id"].as_str().unwrap_or_default().to_string(), r))
        .collect();
    let timing = options.work.join("rebuild-timing");
    copy_index(&base, &timing)?;
    let started = Instant::now();
    index_json_with(options, &timing, &["--rebuild"])?;
    let mut full_run = started.elapsed();
    let _ = std::fs::remove_dir_all(&timing);

    let mut random = options.seed.rotate_left(17) | 1;
    let mut outcomes: Vec<RebuildOutcome> = Vec::new();
    let mut attempts = 0;
    while outcomes.iter().filter(|t| t.killed_mid_run).count() < options.trials
        && attempts < options.trials * 3
    {
        let delay = full_run.mul_f64(0.05 + 0.9 * next_fraction(&mut random));
        let dir = options.work.join(format!("rebuild-{attempts}"));
        let outcome = one_rebuild_trial(options, &base, &dir, delay, &reference, articles);
        if !outcome.killed_mid_run {
            full_run = full_run.mul_f64(0.8);
        }
        outcomes.push(outcome);
        let _ = std::fs::remove_dir_all(&dir);
        attempts += 1;
    }
    Ok(outcomes)
}

fn one_rebuild_trial(
    options: &CrashOptions,
    base: &Path,
    dir: &Path,
    delay: Duration,
    reference: &HashMap<String, Value>,
    articles: u64,
) -> RebuildOutcome {
    let mut outcome = RebuildOutcome {
        kill_after_ms: delay.as_millis() as u64,
        killed_mid_run: false,
        articles_after_kill: 0,
        failure: None,
    };
    let result = (|| -> Result<(), String> {
        copy_index(base, dir)?;
        let mut rebuild = index_command(options, dir);
        outcome.killed_mid_run = kill_after(rebuild.arg("--rebuild"), delay)?;
        let records = export(options, dir)?.ok_or("the killed rebuild left no index")?;
        outcome.articles_after_kill = records.len() as u64;
        check_records(&records, reference, "after the kill")?;
        if records.len() as u64 != articles {
            return Err(format!(
                "the killed rebuild left {} of {articles} articles",
                records.len()
            ));
        }
        let (report, code) = index_json_with(options, dir, &["--rebuild"])?;
        if code == 2 || report["articles_total"].as_u64() != Some(articles) {
            return Err(format!("the second rebuild did not complete: {report}"));
        }
        Ok(())
    })();
    outcome.failure = result.err();
    outcome
}

/// Starts `command`, sends SIGKILL after `delay` (no destructor, no flush,
/// no cleanup runs), and tells whether it was still running then.
fn kill_after(command: &mut Command, delay: Duration) -> Result<bool, String> {
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start dateline: {e}"))?;
    std::thread::sleep(delay);
    let running = child.try_wait().map_err(|e| e.to_string())?.is_none();
    let _ = child.kill();
    let _ = child.wait();
    Ok(running)
}

/// The next of a xorshift64 sequence, as a fraction in [0, 1).
fn next_fraction(random: &mut u64) -> f64 {
    *random ^= *random << 13;
    *random ^= *random >> 7;
    *random ^= *random << 17;
    (*random % 10_000) as f64 / 10_000.0
}

/// Copies the files of an index directory (it has no subfolders).
fn copy_index(from: &Path, to: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("cannot list the index: {e}"))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.path().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))
                .map_err(|e| format!("cannot copy {}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Every record is one the full run also stored, field for field, and no id
/// appears twice.
fn check_records(
    records: &[Value],
    reference: &HashMap<String, Value>,
    when: &str,
) -> Result<(), String> {
    let mut seen = std::collections::HashSet::new();
    for record in records {
        let id = record["id"].as_str().unwrap_or_default();
        if !seen.insert(id.to_string()) {
            return Err(format!("{when}: {id} is in the index twice"));
        }
        match reference.get(id) {
            Some(expected) if expected == record => {}
            Some(_) => return Err(format!("{when}: {id} differs from the full run's article")),
            None => return Err(format!("{when}: {id} is not an article of the archive")),
        }
    }
    Ok(())
}

fn index_command(options: &CrashOptions, dir: &Path) -> Command {
    let mut command = Command::new(&options.binary);
    command
        .arg("--index")
        .arg(dir)
        .args(["index", "--quiet", "--commit-mb"])
        .arg(options.commit_mb.to_string())
        .arg(&options.input)
        .env("NO_COLOR", "1");
    command
}

/// Runs `dateline index --json`; returns the report and the exit status.
fn index_json(options: &CrashOptions, dir: &Path) -> Result<(Value, i32), String> {
    index_json_with(options, dir, &[])
}

fn index_json_with(
    options: &CrashOptions,
    dir: &Path,
    extra: &[&str],
) -> Result<(Value, i32), String> {
    let output = index_command(options, dir)
        .arg("--json")
        .args(extra)
        .output()
        .map_err(|e| format!("cannot run dateline: {e}"))?;
    let code = output.status.code().unwrap_or(-1);
    let report = serde_json::from_slice(&output.stdout).map_err(|e| {
        format!(
            "dateline index gave no report ({e}; status {code}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })?;
    Ok((report, code))
}

/// Every article of the index at `dir` as exported; `None` when the
/// directory holds no index yet (killed before it was created).
fn export(options: &CrashOptions, dir: &Path) -> Result<Option<Vec<Value>>, String> {
    let output = Command::new(&options.binary)
        .arg("--index")
        .arg(dir)
        .arg("export")
        .output()
        .map_err(|e| format!("cannot run dateline export: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    match output.status.code() {
        Some(0 | 1) => {}
        Some(2) if stderr.contains("no index at") => return Ok(None),
        _ => return Err(format!("the index does not open: {}", stderr.trim())),
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).map_err(|e| format!("bad export line: {e}")))
        .collect::<Result<Vec<Value>, String>>()
        .map(Some)
}
