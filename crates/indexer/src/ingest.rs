//! The parallel, incremental ingest pipeline.
//!
//! Files are compared with the manifest, the new and changed ones are read,
//! parsed and extracted in parallel (rayon) and added to one tantivy writer
//! from the worker threads. Commits happen between chunks of whole files, so
//! a crash loses at most the chunk in flight and never half a file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use dateline_extract::{extract_in, language, Extraction, Person, Place, Taxonomy};
use rayon::prelude::*;
use serde::Serialize;
use tantivy::indexer::IndexWriterOptions;
use tantivy::{DateTime as TantivyDateTime, IndexWriter, TantivyDocument, Term};
use tracing::{debug, info};

use crate::discover::{Found, SourceFile, Walk};
use crate::key::printable;
use crate::manifest::{FileState, Manifest};
use crate::merge::BoundedMergePolicy;
use crate::store::{open_or_create_index, IndexInfo};
use crate::{schema, Article, Fields, IndexerError};

/// How to run an ingest.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Replace the index's articles with what the paths hold now, in one
    /// commit: the old articles stay searchable, and stay whole if the run
    /// is interrupted, until the new ones are all in.
    pub rebuild: bool,
    /// Memory budget of the tantivy writer, in bytes, across its threads.
    pub writer_memory: usize,
    /// Commit after this many bytes of input (whole files only).
    pub commit_bytes: u64,
    /// Merges read at most this many bytes of segments each, one merge at a
    /// time ([`crate::merge::BoundedMergePolicy`]): the bound on the memory
    /// that merging maps, at the price of more segments on large archives.
    pub max_merge_bytes: u64,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            rebuild: false,
            writer_memory: 192 << 20,
            commit_bytes: 256 << 20,
            max_merge_bytes: 384 << 20,
        }
    }
}

/// Receives progress while files are read. Implemented by the CLI's bar.
///
/// The ingest streams the walk and never knows the archive's size up front;
/// a receiver that wants it ([`Progress::wants_total`]) gets it from a second,
/// counting walk run beside the ingest.
pub trait Progress: Sync {
    /// Whether to count the archive beside the ingest for [`Progress::counted`].
    fn wants_total(&self) -> bool {
        false
    }
    /// Called at most once, with the article files and bytes under the roots,
    /// when the counting walk is done (indexing is under way by then).
    fn counted(&self, _files: u64, _bytes: u64) {}
    /// Called when a chunk of new or changed files has been found, before
    /// they are read.
    fn chunk_found(&self, _files: u64, _bytes: u64) {}
    /// Called after each file is read and parsed, and for each unchanged file.
    fn advance(&self, bytes: u64);
    /// Called once before the final commit.
    fn finish(&self);
}

/// A progress receiver that ignores everything.
pub struct NoProgress;

impl Progress for NoProgress {
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}

/// Whether a problem cost data or only needs the user's attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProblemKind {
    /// The file or line was not indexed.
    Skipped,
    /// The article was indexed, but something about it is off (no date, re-encoded).
    Warning,
}

/// A file, or one line of a file, that needs the user's attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file.
    pub path: String,
    /// The 1-based line, for JSON Lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Skipped or warning.
    pub kind: ProblemKind,
    /// Why, in lower case.
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A file name may hold a newline or an escape sequence: printed as
        // escapes, as JSON output writes them.
        let (path, reason) = (printable(&self.path), printable(&self.reason));
        match self.line {
            Some(line) => write!(f, "{path}:{line}: {reason}"),
            None => write!(f, "{path}: {reason}"),
        }
    }
}

/// What an ingest did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexReport {
    /// The index directory.
    pub index: PathBuf,
    /// Article files found under the given paths.
    pub files_seen: u64,
    /// Files not in an article format (by extension), or hidden.
    pub files_ignored: u64,
    /// Ignored files per extension.
    pub ignored_extensions: BTreeMap<String, u64>,
    /// Symbolic links not followed because what they lead to is read
    /// anyway (under its own path, or through an earlier link).
    pub links_skipped: u64,
    /// Files indexed for the first time.
    pub files_new: u64,
    /// Files re-indexed because their content changed.
    pub files_changed: u64,
    /// Files whose content had not changed.
    pub files_unchanged: u64,
    /// Files gone from disk whose articles were removed.
    pub files_removed: u64,
    /// Files that yielded no article, for the reasons in `problems`.
    pub files_skipped: u64,
    /// Articles from new files, and those a changed file holds beyond what
    /// it held before.
    pub articles_added: u64,
    /// Articles of changed files, up to as many as each held before.
    pub articles_updated: u64,
    /// Articles of deleted files, and those a changed file no longer holds.
    pub articles_removed: u64,
    /// Articles of unchanged files, left as they were.
    pub articles_unchanged: u64,
    /// Articles in the index after this run.
    pub articles_total: u64,
    /// JSON Lines lines and JSON array records that could not be read.
    pub lines_skipped: u64,
    /// WARC records that are not articles (requests, metadata, images,
    /// redirects), by kind: counted and left out.
    pub records_not_articles: BTreeMap<String, u64>,
    /// Articles indexed with a warning.
    pub warnings: u64,
    /// Bytes read from new and changed files.
    pub bytes_read: u64,
    /// Wall-clock seconds.
    pub elapsed_secs: f64,
    /// Input megabytes (10^6 bytes) per second.
    pub mb_per_sec: f64,
    /// Commits made.
    pub commits: u64,
    /// Every skipped file or line and every warning.
    pub problems: Vec<Problem>,
}

impl IndexReport {
    /// Whether any file or line was left out of the index.
    pub fn skipped_anything(&self) -> bool {
        self.problems.iter().any(|p| p.kind == ProblemKind::Skipped)
    }
}

/// One article ready to index: parsed, with what extraction found.
#[derive(Debug, Clone)]
pub struct ExtractedArticle {
    /// The parsed article.
    pub article: Article,
    /// People, places, organisations, topics.
    pub extraction: Extraction,
}

/// What reading one file produced besides its articles.
#[derive(Debug, Default)]
pub struct FileRead {
    /// xxh3 hash of the bytes (0 when they could not be read).
    pub hash: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Articles handed on.
    pub articles: u64,
    /// Skipped lines, a skipped file, and warnings.
    pub problems: Vec<Problem>,
    /// JSON Lines lines and JSON array records skipped (the rest of the
    /// file was read).
    pub records_skipped: u64,
    /// Records that are not articles, by kind (a WARC file's requests...).
    pub not_articles: BTreeMap<String, u64>,
}

/// Reads, decodes, parses and extracts one file, handing each article to
/// `each` as it is read, in file order, so that memory holds one record
/// whatever the file's size ([`crate::read`]). `wanted` is asked once, with
/// the file's hash, before any article is read; when it says no, nothing
/// is parsed. Never fails: what goes wrong is in `problems`.
pub fn read_file(
    file: &SourceFile,
    wanted: impl FnOnce(u64) -> bool,
    each: &mut dyn FnMut(ExtractedArticle),
) -> FileRead {
    let path = file.key();
    let mut read = FileRead::default();
    let problem = |line: Option<u64>, kind: ProblemKind, reason: String| Problem {
        path: path.clone(),
        line,
        kind,
        reason,
    };
    let opened = match crate::read::open(file) {
        Ok(opened) => opened,
        Err(err) => {
            read.problems
                .push(problem(None, ProblemKind::Skipped, err.to_string()));
            return read;
        }
    };
    read.hash = opened.hash;
    read.bytes = opened.bytes;
    if !wanted(opened.hash) {
        return read;
    }
    let mut articles = 0u64;
    let mut records_skipped = 0u64;
    let mut problems = Vec::new();
    let path_day = std::cell::OnceCell::new();
    let records = opened.articles(file, &mut |result| match result {
        Ok(mut article) => {
            settle_language(&mut article);
            if article.date.is_none() {
                let day = path_day.get_or_init(|| crate::path_date::date_from_path(&file.path));
                if let Some(day) = day {
                    article.date = Some(*day);
                    article
                        .warnings
                        .retain(|w| !w.ends_with(crate::parse::UNDATED));
                }
            }
            for warning in &article.warnings {
                // An array's element is named as its problems are: "record N".
                let (line, warning) = match (file.format, article.line) {
                    (crate::parse::Format::Json, Some(n)) => {
                        (None, format!("record {n}: {warning}"))
                    }
                    (crate::parse::Format::Mbox, Some(n)) => {
                        (None, format!("message {n}: {warning}"))
                    }
                    (crate::parse::Format::Warc | crate::parse::Format::WarcGz, Some(n)) => {
                        (None, format!("record at offset {n}: {warning}"))
                    }
                    (_, line) => (line, warning.clone()),
                };
                problems.push(problem(line, ProblemKind::Warning, warning));
            }
            let extraction = extract_article(&article);
            articles += 1;
            each(ExtractedArticle {
                article,
                extraction,
            });
        }
        Err(parse_problem) => {
            // A line of JSON Lines or an array's record: the rest of the
            // file is read. (A single JSON value's problem names a line
            // too, but the file is what is skipped.)
            let one_of_many = match file.format {
                crate::parse::Format::JsonLines => parse_problem.line.is_some(),
                _ => parse_problem.record.is_some(),
            };
            records_skipped += u64::from(one_of_many);
            problems.push(problem(
                parse_problem.line,
                ProblemKind::Skipped,
                parse_problem.reason,
            ))
        }
    });
    // A file cut short loses at least a record after those read.
    records_skipped += u64::from(records.cut.is_some());
    if let Some(reason) = records.refused.or(records.cut) {
        problems.push(problem(None, ProblemKind::Skipped, reason));
    }
    for note in records.notes {
        problems.push(problem(None, ProblemKind::Warning, note));
    }
    read.not_articles = records.not_articles;
    read.articles = articles;
    read.problems = problems;
    read.records_skipped = records_skipped;
    read
}

/// [`read_file`] with every article collected: for tools that read a few
/// files, not for indexing (a large file's articles would all be held).
pub fn read_file_articles(file: &SourceFile) -> (FileRead, Vec<ExtractedArticle>) {
    let mut articles = Vec::new();
    let read = read_file(file, |_| true, &mut |item| articles.push(item));
    (read, articles)
}

/// Sets an article's language: the input's, as an ISO 639-1 code, when it
/// names a language Dateline knows ("de-DE", "German"); else the one its
/// text is detected to be in, with a warning when the input named another.
pub fn settle_language(article: &mut Article) {
    let given = article.language.take();
    if let Some(code) = given.as_deref().and_then(language::code) {
        article.language = Some(code.to_string());
        return;
    }
    // The lead, and the body's start when the lead is short.
    let mut end = article.body.len().min(2_000);
    while !article.body.is_char_boundary(end) {
        end -= 1;
    }
    let text = format!("{}\n{}", article.lead, &article.body[..end]);
    article.language = language::detect(&text).map(str::to_string);
    if let Some(given) = given {
        let detected = article.language.as_deref().unwrap_or("left unknown");
        article.warnings.push(format!(
            "language `{given}` is not one Dateline knows: detected as {detected}"
        ));
    }
}

/// Runs extraction (what holds in the article's language) and merges in
/// the people, places, organisations and topics the input named.
pub fn extract_article(article: &Article) -> Extraction {
    let known = article.language.as_deref().and_then(language::code);
    let mut extraction = extract_in(&article.text(), known);
    for name in &article.given_people {
        let key = dateline_extract::names::name_key(name);
        let known = extraction
            .people
            .iter()
            .any(|p| dateline_extract::names::name_key(&p.name) == key);
        if !known {
            extraction.people.push(Person {
                name: name.clone(),
                mentions: 0,
            });
        }
    }
    for name in &article.given_places {
        let place =
            dateline_extract::canonical_place(name).map_or_else(|| name.clone(), str::to_string);
        if !extraction.places.iter().any(|p| p.name == place) {
            extraction.places.push(Place {
                name: place,
                forms: vec![name.clone()],
            });
        }
    }
    for name in &article.given_organizations {
        if !extraction.organizations.contains(name) {
            extraction.organizations.push(name.clone());
        }
    }
    let taxonomy = Taxonomy::get();
    for given in &article.given_topics {
        let Ok(concept) = taxonomy.resolve(given) else {
            continue;
        };
        if extraction.topics.iter().any(|t| t.id == concept.id) {
            continue;
        }
        if let Some(topic) = taxonomy.topic(concept.id, 1.0) {
            extraction.topics.insert(0, topic);
        }
    }
    extraction
}

/// The stored id of an article: its path, plus `#LINE` for JSON Lines.
pub fn article_id(path: &str, line: Option<u64>) -> String {
    match line {
        Some(line) => format!("{path}#{line}"),
        None => path.to_string(),
    }
}

/// Builds the tantivy document of one article.
pub fn build_document(
    fields: &Fields,
    file: &SourceFile,
    hash: u64,
    item: &ExtractedArticle,
) -> TantivyDocument {
    let path = file.key();
    let article = &item.article;
    let extraction = &item.extraction;
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.id, article_id(&path, article.line));
    doc.add_text(fields.path, &path);
    doc.add_u64(fields.line, article.line.unwrap_or(0));
    if let Some(url) = &article.url {
        doc.add_text(fields.url, url);
    }
    if let Some(source) = &article.source {
        doc.add_text(fields.source, source);
    }
    if let Some(language) = &article.language {
        doc.add_text(fields.language, language);
    }
    for author in &article.authors {
        doc.add_text(fields.authors, author);
    }
    if let Some(date) = article.date {
        doc.add_date(
            fields.date,
            TantivyDateTime::from_timestamp_secs(date.timestamp()),
        );
    }
    doc.add_text(fields.headline, &article.title);
    if !article.title_derived {
        doc.add_text(fields.title, &article.title);
    }
    doc.add_text(fields.lead, &article.lead);
    doc.add_text(fields.body, &article.body);
    // Stemmed again in its own language, when tantivy has its stemmer.
    if let Some(stemmed) = article
        .language
        .as_deref()
        .and_then(|code| fields.stemmed_field(code))
    {
        if !article.title_derived {
            doc.add_text(stemmed, &article.title);
        }
        doc.add_text(stemmed, &article.lead);
        doc.add_text(stemmed, &article.body);
    }
    for person in &extraction.people {
        doc.add_text(fields.people, &person.name);
    }
    let names = extraction.people.iter().map(|p| p.name.as_str());
    for key in schema::people_key_values(names) {
        doc.add_text(fields.people_keys, key);
    }
    for place in &extraction.places {
        doc.add_text(fields.places, &place.name);
    }
    for org in &extraction.organizations {
        doc.add_text(fields.organizations, org);
    }
    for id in schema::topic_values(extraction.topics.iter().map(|t| t.id.as_str())) {
        doc.add_text(fields.topics, id);
    }
    let words = letter_words(&article.lead) + letter_words(&article.body);
    let topics = extraction.topics.iter().map(|t| (t.id.as_str(), t.score));
    for (id, strength) in schema::topic_strengths(topics, words) {
        for _ in 0..strength {
            doc.add_text(fields.topic_strength, &id);
        }
    }
    doc.add_text(
        fields.extraction,
        serde_json::to_string(extraction).unwrap_or_default(),
    );
    doc.add_u64(fields.file_size, file.size);
    doc.add_i64(fields.file_mtime, file.mtime_ns);
    doc.add_u64(fields.file_hash, hash);
    doc
}

/// How many words of `text` are words of letters (not figures or codes):
/// runs of two or more bytes between white space, each an ASCII letter or
/// part of a non-ASCII character. One pass over the bytes.
fn letter_words(text: &str) -> usize {
    let mut count = 0;
    let mut len = 0usize;
    let mut letters = true;
    for &byte in text.as_bytes() {
        if byte.is_ascii_whitespace() {
            count += usize::from(len > 1 && letters);
            len = 0;
            letters = true;
        } else {
            len += 1;
            letters &= byte.is_ascii_alphabetic() || !byte.is_ascii();
        }
    }
    count + usize::from(len > 1 && letters)
}

/// What to do with a discovered file.
enum Plan {
    New,
    Changed(FileState),
}

/// Indexes `roots` into the index at `index_dir`, incrementally unless
/// `options.rebuild`.
pub fn index_paths(
    index_dir: &Path,
    roots: &[PathBuf],
    options: &IndexOptions,
    progress: &dyn Progress,
) -> Result<IndexReport, IndexerError> {
    let mut report = IndexReport {
        index: index_dir.to_path_buf(),
        ..IndexReport::default()
    };
    match ingest(index_dir, roots, options, progress, &mut report) {
        Ok(()) => Ok(report),
        Err(err) if is_disk_full(&err) => {
            remove_uncommitted_files(index_dir);
            // What the last commit holds is what a reader sees now.
            let committed = crate::store::open_index(index_dir)
                .ok()
                .and_then(|(index, _)| index.reader().ok())
                .map_or(0, |reader| reader.searcher().num_docs());
            report.articles_total = committed;
            Err(IndexerError::DiskFull {
                path: index_dir.to_path_buf(),
                committed,
                report: Box::new(report),
            })
        }
        Err(err) => Err(err),
    }
}

/// Removes the segment files the failed run wrote and no commit names, so
/// that the space is free for the rerun the message asks for.
fn remove_uncommitted_files(index_dir: &Path) {
    let Ok((index, _)) = crate::store::open_index(index_dir) else {
        return;
    };
    if let Ok(writer) = index.writer_with_num_threads::<TantivyDocument>(1, 20 << 20) {
        let _ = writer.garbage_collect_files().wait();
    }
}

/// Whether an error is the disk (or the user's quota) running full.
fn is_disk_full(err: &IndexerError) -> bool {
    let full = |io: &std::io::Error| {
        matches!(
            io.kind(),
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
        )
    };
    match err {
        IndexerError::Directory { source, .. } => full(source),
        IndexerError::Tantivy { source, .. } => {
            let io = matches!(source, tantivy::TantivyError::IoError(io) if full(io));
            // tantivy passes some I/O errors on as text.
            let text = source.to_string();
            io || text.contains("No space left on device") || text.contains("Disk quota exceeded")
        }
        _ => false,
    }
}

fn ingest(
    index_dir: &Path,
    roots: &[PathBuf],
    options: &IndexOptions,
    progress: &dyn Progress,
    report: &mut IndexReport,
) -> Result<(), IndexerError> {
    let started = Instant::now();
    // A path that does not exist is an error before anything is created.
    let walk = Walk::new(roots)?;
    // Extraction's tables build while the index opens and the walk starts.
    std::thread::spawn(dateline_extract::load_tables);
    let (index, fields) = open_or_create_index(index_dir, options.rebuild)?;
    // The same tokens as tantivy's own `en_stem`, stemmed through a cache.
    index
        .tokenizers()
        .register(schema::TEXT_TOKENIZER, crate::analysis::cached_en_stem());
    let tantivy_err = |source| IndexerError::Tantivy {
        path: index_dir.to_path_buf(),
        source,
    };
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 8);
    let memory = options.writer_memory.max((threads * 20) << 20);
    let writer_options = IndexWriterOptions::builder()
        .num_worker_threads(threads)
        .memory_budget_per_thread(memory / threads)
        // One merge at a time, so that the merge budget bounds what is mapped.
        .num_merge_threads(1)
        .build();
    let mut writer: IndexWriter = match index.writer_with_options(writer_options) {
        Ok(writer) => writer,
        Err(err) if crate::error::permission_denied(&err).is_some() => {
            return Err(IndexerError::Permission {
                path: index_dir.to_path_buf(),
                action: "write to",
                detail: crate::error::permission_denied(&err).unwrap_or_default(),
            })
        }
        Err(tantivy::TantivyError::LockFailure(..)) => {
            return Err(IndexerError::Locked(index_dir.to_path_buf()))
        }
        Err(err) => return Err(tantivy_err(err)),
    };
    writer.set_merge_policy(Box::new(BoundedMergePolicy::new(
        index_dir.to_path_buf(),
        options.max_merge_bytes,
    )));
    // Segments of a run that was killed or ran out of disk are named by no
    // commit; left, they kept the disk full and the next run failed too.
    if let Err(err) = writer.garbage_collect_files().wait() {
        debug!(error = %err, "could not remove files of an interrupted run");
    }
    let snapshot = if options.rebuild {
        writer.delete_all_documents().map_err(tantivy_err)?;
        None
    } else {
        // Segments are opened here first: a damaged one is reported as
        // `search` reports it, not as tantivy's own message.
        let opening = |err| IndexerError::opening(index_dir, err);
        let reader = index.reader().map_err(opening)?;
        Some(Manifest::open(reader.searcher(), fields.path).map_err(opening)?)
    };
    let mut known = match &snapshot {
        Some(manifest) => Some(manifest.files().map_err(tantivy_err)?),
        None => None,
    };

    let walk = walk.excluding(index_dir);
    let walked_roots = walk.roots().to_vec();
    let mut walk = walk.peekable();
    let counting_done = AtomicBool::new(false);
    std::thread::scope(|scope| -> Result<(), IndexerError> {
        if progress.wants_total() {
            scope.spawn(|| count_for_progress(roots, index_dir, progress, &counting_done));
        }
        let _stop_counting = SetOnDrop(&counting_done);
        let mut pending_bytes = 0u64;
        loop {
            // A chunk: whole files up to the commit size, pulled from the walk;
            // unchanged files pass by without taking a place in it.
            let mut chunk: Vec<(SourceFile, Plan)> = Vec::new();
            let mut chunk_bytes = 0u64;
            while chunk.len() < MAX_CHUNK_FILES
                && (chunk.is_empty() || chunk_bytes < options.commit_bytes)
            {
                let Some(found) = walk.next() else {
                    break;
                };
                let file = match found {
                    Found::File(file) => file,
                    Found::Ignored(path) => {
                        let ext = path.extension().map_or_else(
                            || "(none)".to_string(),
                            |e| e.to_string_lossy().to_lowercase(),
                        );
                        report.files_ignored += 1;
                        *report.ignored_extensions.entry(ext).or_default() += 1;
                        continue;
                    }
                    Found::Linked { path, target } => {
                        tracing::debug!(
                            "{}: a link to {}, read there",
                            path.display(),
                            target.display()
                        );
                        report.links_skipped += 1;
                        continue;
                    }
                    Found::Problem(path, reason) => {
                        report.problems.push(Problem {
                            path: crate::key::path_key(&path),
                            line: None,
                            kind: ProblemKind::Skipped,
                            reason,
                        });
                        report.files_skipped += 1;
                        continue;
                    }
                };
                report.files_seen += 1;
                let state = match known.as_mut() {
                    Some(files) => files
                        .seek(&file.key(), |path, state| {
                            remove_if_gone(&writer, &fields, &walked_roots, path, state, report)
                        })
                        .map_err(tantivy_err)?,
                    None => None,
                };
                match state {
                    Some(state) if state.size == file.size && state.mtime_ns == file.mtime_ns => {
                        report.files_unchanged += 1;
                        report.articles_unchanged += state.articles;
                        progress.advance(file.size);
                    }
                    Some(state) => {
                        chunk_bytes += file.size;
                        chunk.push((file, Plan::Changed(state)));
                    }
                    None => {
                        chunk_bytes += file.size;
                        chunk.push((file, Plan::New));
                    }
                }
            }
            if chunk.is_empty() {
                break;
            }
            progress.chunk_found(chunk.len() as u64, chunk_bytes);
            debug!(files = chunk.len(), bytes = chunk_bytes, "indexing a chunk");
            ingest_chunk(&writer, &fields, progress, &chunk, report);
            pending_bytes += chunk_bytes;
            // A rebuild commits once, at the end: until then searches see
            // the old index, and a rebuild that is killed or runs out of disk
            // leaves it whole (its new segments are never referenced).
            if !options.rebuild && pending_bytes >= options.commit_bytes && walk.peek().is_some() {
                commit(&mut writer, index_dir)?;
                report.commits += 1;
                pending_bytes = 0;
            }
        }
        if let Some(files) = known.take() {
            files
                .finish(|path, state| {
                    remove_if_gone(&writer, &fields, &walked_roots, path, state, report)
                })
                .map_err(tantivy_err)?;
        }
        Ok(())
    })?;
    // Let go of the old segments the manifest was read from.
    drop(known);
    drop(snapshot);
    info!(
        files = report.files_seen,
        articles = report.articles_added + report.articles_updated,
        "read every file"
    );
    progress.finish();
    commit(&mut writer, index_dir)?;
    report.commits += 1;
    writer.wait_merging_threads().map_err(tantivy_err)?;

    let reader = index.reader().map_err(tantivy_err)?;
    reader.reload().map_err(tantivy_err)?;
    report.articles_total = reader.searcher().num_docs();
    report.elapsed_secs = started.elapsed().as_secs_f64();
    report.mb_per_sec = if report.elapsed_secs > 0.0 {
        report.bytes_read as f64 / 1e6 / report.elapsed_secs
    } else {
        0.0
    };
    Ok(())
}

/// Files pulled from the walk per chunk at most: what one chunk holds.
const MAX_CHUNK_FILES: usize = 50_000;

/// Reads, extracts and adds one chunk of files in parallel and counts what
/// happened. Each worker adds its file's documents and hands back only counts
/// and problems, so memory holds one chunk's file list, not its text.
fn ingest_chunk(
    writer: &IndexWriter,
    fields: &Fields,
    progress: &dyn Progress,
    chunk: &[(SourceFile, Plan)],
    report: &mut IndexReport,
) {
    let outcomes: Vec<(FileRead, u64)> = chunk
        .par_iter()
        .map(|(file, plan)| {
            let file_hash = std::cell::Cell::new(0u64);
            let wanted = |hash: u64| match plan {
                // Touched but equal: its articles stay as they are.
                Plan::Changed(state) if hash == state.hash => false,
                Plan::Changed(_) => {
                    file_hash.set(hash);
                    writer.delete_term(Term::from_field_text(fields.path, &file.key()));
                    true
                }
                Plan::New => {
                    file_hash.set(hash);
                    true
                }
            };
            let read = read_file(file, wanted, &mut |item| {
                let doc = build_document(fields, file, file_hash.get(), &item);
                if let Err(err) = writer.add_document(doc) {
                    debug!(path = %file.key(), error = %err, "add_document failed");
                }
            });
            progress.advance(file.size);
            let count = read.articles;
            (read, count)
        })
        .collect();
    for ((file, plan), (read, articles)) in chunk.iter().zip(outcomes) {
        report.bytes_read += read.bytes;
        report.lines_skipped += read.records_skipped;
        for (kind, n) in &read.not_articles {
            *report.records_not_articles.entry(kind.clone()).or_default() += n;
        }
        report.warnings += read
            .problems
            .iter()
            .filter(|p| p.kind == ProblemKind::Warning)
            .count() as u64;
        match plan {
            Plan::Changed(state) if keeps_indexed(state, &read, file) => {
                report.files_unchanged += 1;
                report.articles_unchanged += state.articles;
                if read.hash == state.hash {
                    // Touched, not changed: its problems were reported when it was indexed.
                    continue;
                }
                report.problems.extend(read.problems);
                report.files_skipped += 1;
                continue;
            }
            Plan::Changed(state) => {
                // Each article once: as many as the file held before are
                // updated, the rest are added, or were removed.
                report.files_changed += 1;
                let updated = articles.min(state.articles);
                report.articles_updated += updated;
                report.articles_added += articles - updated;
                report.articles_removed += state.articles - updated;
            }
            Plan::New if articles > 0 => {
                report.files_new += 1;
                report.articles_added += articles;
            }
            Plan::New => {}
        }
        if articles == 0 {
            report.files_skipped += 1;
            if !read.problems.iter().any(|p| p.kind == ProblemKind::Skipped) {
                report.problems.push(Problem {
                    path: file.key(),
                    line: None,
                    kind: ProblemKind::Skipped,
                    reason: "no articles in file".to_string(),
                });
            }
        }
        report.problems.extend(read.problems);
    }
}

/// Deletes the articles of a file the index holds and the walk did not find,
/// when it was under a walked root or is gone from disk (a file indexed from
/// another root that still exists is kept).
fn remove_if_gone(
    writer: &IndexWriter,
    fields: &Fields,
    walked_roots: &[PathBuf],
    path: &str,
    state: &FileState,
    report: &mut IndexReport,
) {
    let file = crate::key::path_of_key(path);
    let under_root = walked_roots.iter().any(|root| file.starts_with(root));
    if under_root || !file.exists() {
        writer.delete_term(Term::from_field_text(fields.path, path));
        report.files_removed += 1;
        report.articles_removed += state.articles;
    }
}

/// Counts the files and bytes under `roots` for the progress bar, beside the
/// ingest; gives up when the ingest is done first.
fn count_for_progress(
    roots: &[PathBuf],
    index_dir: &Path,
    progress: &dyn Progress,
    done: &AtomicBool,
) {
    let Ok(walk) = Walk::new(roots).map(|walk| walk.excluding(index_dir)) else {
        return;
    };
    let (mut files, mut bytes) = (0u64, 0u64);
    for found in walk {
        if done.load(Ordering::Relaxed) {
            return;
        }
        if let Found::File(file) = found {
            files += 1;
            bytes += file.size;
        }
    }
    progress.counted(files, bytes);
}

/// Sets its flag when dropped, also when the ingest returns early with an error.
struct SetOnDrop<'a>(&'a AtomicBool);

impl Drop for SetOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Whether a changed file keeps the articles the index holds: its content is
/// the same (only touched), or it exists but could not be read this time (an
/// unreadable file must not cost the articles already indexed).
fn keeps_indexed(state: &FileState, read: &FileRead, file: &SourceFile) -> bool {
    if read.hash != 0 {
        return read.hash == state.hash;
    }
    file.path.exists()
}

fn commit(writer: &mut IndexWriter, index_dir: &Path) -> Result<(), IndexerError> {
    let mut prepared = writer
        .prepare_commit()
        .map_err(|source| IndexerError::Tantivy {
            path: index_dir.to_path_buf(),
            source,
        })?;
    prepared.set_payload(&IndexInfo::current().to_payload());
    prepared.commit().map_err(|source| IndexerError::Tantivy {
        path: index_dir.to_path_buf(),
        source,
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::letter_words;

    #[test]
    fn letter_words_are_words_of_letters_only() {
        assert_eq!(letter_words("Shr 77 cts vs 37 cts"), 4);
        assert_eq!(letter_words("7.8035 uk 12.622 - us/uk 1.6180 spore"), 2);
        assert_eq!(letter_words("Müller met Zelenskyy in Kyiv a"), 5);
        assert_eq!(letter_words(""), 0);
    }
}
