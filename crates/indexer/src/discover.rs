//! Finds the article files under the paths a user gives, as a stream.
//!
//! The walk never holds the file list: an archive of ten million files costs
//! what one chunk costs. It yields files in the byte order of their keys (the
//! order of the `path` terms in the index), so that the ingest can compare it
//! with the manifest in one merging pass instead of a map of every path.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use walkdir::{DirEntry, FilterEntry, WalkDir};

use crate::key::{bytes_key, path_key};
use crate::parse::Format;
use crate::IndexerError;

/// An article file found on disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Absolute path.
    pub path: PathBuf,
    /// Size in bytes at discovery.
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub mtime_ns: i64,
    /// The format its extension names.
    pub format: Format,
}

impl SourceFile {
    /// The path as stored in the index ([`crate::key`]: lossless).
    pub fn key(&self) -> String {
        path_key(&self.path)
    }
}

/// One thing the walk came across.
#[derive(Debug)]
pub enum Found {
    /// An article file.
    File(SourceFile),
    /// A file with an extension Dateline does not read.
    Ignored(PathBuf),
    /// An entry the walk could not read (permission, symlink loop, a pipe),
    /// with the reason.
    Problem(PathBuf, String),
    /// A symbolic link to a file or folder the walk reads anyway, under the
    /// target's own path or through an earlier link: not read twice, so an
    /// article is never indexed under two ids.
    Linked {
        /// The link.
        path: PathBuf,
        /// Where it leads.
        target: PathBuf,
    },
}

type Entries = FilterEntry<walkdir::IntoIter, fn(&DirEntry) -> bool>;

/// A walk over the given roots: files, ignored files and problems, in the
/// byte order of their keys, holding one directory listing at a time.
///
/// ```
/// use dateline_indexer::discover::{Found, Walk};
///
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("b.txt"), " date 2020-01-02 Riga.\n").unwrap();
/// std::fs::write(dir.path().join("a.jsonl"), "").unwrap();
/// std::fs::write(dir.path().join("notes.md"), "").unwrap();
/// let walk = Walk::new(&[dir.path().to_path_buf()]).unwrap();
/// let files: Vec<String> = walk
///     .filter_map(|found| match found {
///         Found::File(file) => Some(file.key()),
///         _ => None,
///     })
///     .collect();
/// assert!(files[0].ends_with("a.jsonl") && files[1].ends_with("b.txt"));
/// assert_eq!(files.len(), 2);
/// ```
pub struct Walk {
    roots: Vec<PathBuf>,
    next_root: usize,
    entries: Option<Entries>,
    /// Folders not walked (the index itself), canonical.
    excluded: Vec<PathBuf>,
    /// The roots' folders, canonical: a link into one is read there.
    canonical_roots: Vec<PathBuf>,
    /// Folders outside the roots already walked through a link.
    linked_dirs: HashSet<PathBuf>,
}

impl Walk {
    /// Starts a walk of `roots` (files or folders), following symbolic links
    /// but never around a loop, skipping hidden files and folders. A root
    /// inside another root is walked once. Fails on a root that does not exist.
    pub fn new(roots: &[PathBuf]) -> Result<Walk, IndexerError> {
        let mut absolute_roots: Vec<(PathBuf, bool)> = Vec::new();
        for root in roots {
            let absolute = std::path::absolute(root).map_err(|source| IndexerError::Input {
                path: root.clone(),
                source,
            })?;
            let meta = std::fs::metadata(&absolute).map_err(|source| IndexerError::Input {
                path: root.clone(),
                source,
            })?;
            absolute_roots.push((normalize(&absolute), meta.is_dir()));
        }
        // Disjoint roots in key order: their files then come out in key order.
        absolute_roots.sort_by(|a, b| compare_keys(&path_key(&a.0), a.1, &path_key(&b.0), b.1));
        absolute_roots.dedup_by(|later, earlier| later.0 == earlier.0);
        let all: Vec<PathBuf> = absolute_roots.iter().map(|(p, _)| p.clone()).collect();
        let canonical_roots = absolute_roots
            .iter()
            .filter(|(_, is_dir)| *is_dir)
            .filter_map(|(path, _)| std::fs::canonicalize(path).ok())
            .collect();
        let roots = absolute_roots
            .into_iter()
            .map(|(path, _)| path)
            .filter(|path| {
                !all.iter()
                    .any(|other| other != path && path.starts_with(other))
            })
            .collect();
        Ok(Walk {
            roots,
            next_root: 0,
            entries: None,
            excluded: Vec::new(),
            canonical_roots,
            linked_dirs: HashSet::new(),
        })
    }

    /// Leaves the folder `dir` out of the walk (an index inside the folder
    /// being indexed would otherwise be read as articles: its `meta.json`).
    pub fn excluding(mut self, dir: &Path) -> Walk {
        if let Ok(canonical) = std::fs::canonicalize(dir) {
            self.excluded.push(canonical);
        }
        self
    }

    fn is_excluded(&self, dir: &Path) -> bool {
        self.excluded.iter().any(|excluded| {
            excluded.file_name() == dir.file_name()
                && std::fs::canonicalize(dir).is_ok_and(|c| &c == excluded)
        })
    }

    /// Where a link below a root leads, when the walk reads that anyway:
    /// a file or folder inside a root, not hidden, is read under its own
    /// path; a folder outside the roots, through the first link to it.
    fn read_elsewhere(&mut self, entry: &DirEntry) -> Option<PathBuf> {
        if entry.depth() == 0 || !entry.path_is_symlink() {
            return None;
        }
        let target = std::fs::canonicalize(entry.path()).ok()?;
        if self.excluded.iter().any(|dir| target.starts_with(dir)) {
            return Some(target); // the index itself
        }
        let inside = self.canonical_roots.iter().any(|root| {
            target
                .strip_prefix(root)
                .is_ok_and(|rest| !rest.components().any(|part| is_hidden(part.as_os_str())))
        });
        if inside {
            return Some(target);
        }
        if entry.file_type().is_dir() && !self.linked_dirs.insert(target.clone()) {
            return Some(target);
        }
        None
    }

    /// The absolute roots being walked.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    fn next_entries(&mut self) -> Option<&mut Entries> {
        if self.entries.is_none() {
            let root = self.roots.get(self.next_root)?;
            self.next_root += 1;
            let keep: fn(&DirEntry) -> bool =
                |entry| entry.depth() == 0 || !is_hidden(entry.file_name());
            let entries = WalkDir::new(root)
                .follow_links(true)
                .sort_by(by_key)
                .into_iter()
                .filter_entry(keep);
            self.entries = Some(entries);
        }
        self.entries.as_mut()
    }
}

impl Iterator for Walk {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            let entries = self.next_entries()?;
            let Some(entry) = entries.next() else {
                self.entries = None;
                continue;
            };
            if let Ok(dir) = &entry {
                if dir.file_type().is_dir() && self.is_excluded(dir.path()) {
                    if let Some(entries) = self.entries.as_mut() {
                        entries.skip_current_dir();
                    }
                    continue;
                }
            }
            if let Ok(link) = &entry {
                if let Some(target) = self.read_elsewhere(link) {
                    if link.file_type().is_dir() {
                        if let Some(entries) = self.entries.as_mut() {
                            entries.skip_current_dir();
                        }
                    }
                    return Some(Found::Linked {
                        path: link.path().to_path_buf(),
                        target,
                    });
                }
            }
            let root = &self.roots[self.next_root - 1];
            if let Some(found) = examine(entry, root) {
                return Some(found);
            }
        }
    }
}

/// What one walked entry under `root` is; `None` for a directory.
fn examine(entry: walkdir::Result<DirEntry>, root: &Path) -> Option<Found> {
    let entry = match entry {
        Ok(entry) => entry,
        Err(err) => {
            let path = err
                .path()
                .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
            let reason = if err.loop_ancestor().is_some() {
                "symbolic link loop: not followed".to_string()
            } else {
                match err.io_error() {
                    Some(io) => format!("cannot read: {io}"),
                    None => err.to_string(),
                }
            };
            return Some(Found::Problem(path, reason));
        }
    };
    if entry.file_type().is_dir() {
        return None;
    }
    if !entry.file_type().is_file() {
        // A named pipe would block the reader forever; sockets and devices
        // are not articles either.
        return Some(Found::Problem(
            entry.into_path(),
            "not a regular file (pipe, socket or device): not read".to_string(),
        ));
    }
    let format = Format::from_path(entry.path());
    let Some(format) = format else {
        return Some(Found::Ignored(entry.into_path()));
    };
    match entry.metadata() {
        Ok(meta) => Some(Found::File(SourceFile {
            size: meta.len(),
            mtime_ns: meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i64),
            path: entry.into_path(),
            format,
        })),
        Err(err) => Some(Found::Problem(
            entry.into_path(),
            format!("cannot read metadata: {err}"),
        )),
    }
}

/// Orders the entries of one directory as their keys order: a folder's
/// files share the prefix `name/`, so a folder sorts as its name plus `/`.
fn by_key(a: &DirEntry, b: &DirEntry) -> Ordering {
    compare_keys(&name_of(a), leads_to_dir(a), &name_of(b), leads_to_dir(b))
}

/// The entry's file name as its key spells it. The sort asks for it about
/// twice log n times per entry, so it is cut from the end of the path
/// rather than found by parsing every component (`DirEntry::file_name`),
/// which was most of the instructions of walking a folder of 19,000 files.
fn name_of(entry: &DirEntry) -> Cow<'_, str> {
    let path = entry.path().as_os_str().as_encoded_bytes();
    let start = path
        .iter()
        .rposition(|&b| std::path::is_separator(char::from(b)))
        .map_or(0, |at| at + 1);
    // Only a folder's entries are sorted, and each path is the folder's
    // joined with a name, so the cut never meets a root or a trailing `/`.
    // A path's key is its parts' keys joined with `/`, so sorting names by
    // their keys sorts paths by theirs.
    bytes_key(&path[start..])
}

/// Compares two keys, each followed by `/` when it names a folder: the
/// common prefix with one `memcmp`, then the few bytes after it.
fn compare_keys(a: &str, a_dir: bool, b: &str, b_dir: bool) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let common = a.len().min(b.len());
    a[..common].cmp(&b[..common]).then_with(|| {
        let a = a[common..].iter().copied().chain(a_dir.then_some(b'/'));
        let b = b[common..].iter().copied().chain(b_dir.then_some(b'/'));
        a.cmp(b)
    })
}

/// Whether an entry is a folder, or a link the walk will follow to one
/// (entries are sorted before links are followed).
fn leads_to_dir(entry: &DirEntry) -> bool {
    let kind = entry.file_type();
    kind.is_dir() || (kind.is_symlink() && entry.path().is_dir())
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Removes `.` and `..` components without touching the file system, so that
/// `./corpus` and `corpus/../corpus` give one key.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(roots: &[PathBuf]) -> Vec<String> {
        Walk::new(roots)
            .unwrap()
            .filter_map(|found| match found {
                Found::File(file) => Some(file.key()),
                _ => None,
            })
            .collect()
    }

    /// The keys of the files walked from `roots`, checked to come sorted.
    fn walked_in_key_order(roots: &[PathBuf]) -> Vec<String> {
        let walked = keys(roots);
        let mut sorted = walked.clone();
        sorted.sort();
        assert_eq!(walked, sorted);
        walked
    }

    fn write_article(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, " date 2020-01-01 Text.\n").unwrap();
    }

    #[test]
    fn files_come_in_the_byte_order_of_their_keys() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // '-' and '.' sort before '/', so `a-b.txt` and `a.txt` come before
        // the files in folder `a`, although `a` is the shorter name.
        for name in [
            "a/z.txt",
            "a/b/c.txt",
            "a-b.txt",
            "a.txt",
            "ab/c.txt",
            "A.txt",
            "a0.txt",
            "\u{e9}t\u{e9}.txt",
            "e/t.txt",
        ] {
            write_article(&root.join(name));
        }
        let walked = walked_in_key_order(&[root.to_path_buf()]);
        assert_eq!(walked.len(), 9);
    }

    /// A file reached through links (to itself, to its folder, or twice to
    /// one folder outside the roots) is one article file, not three.
    #[cfg(unix)]
    #[test]
    fn a_file_reached_through_links_is_read_once() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = dir.path().join("archive");
        write_article(&root.join("2020/story.txt"));
        write_article(&outside.path().join("wire.txt"));
        write_article(&root.join(".drafts/draft.txt"));
        symlink(root.join("2020"), root.join("latest")).unwrap();
        symlink(root.join("2020/story.txt"), root.join("0-top.txt")).unwrap();
        symlink(outside.path(), root.join("feed")).unwrap();
        symlink(outside.path(), root.join("mirror")).unwrap();
        // A link into a hidden folder is the only way to the file: read.
        symlink(root.join(".drafts"), root.join("drafts")).unwrap();
        let mut files = Vec::new();
        let mut links = Vec::new();
        for found in Walk::new(std::slice::from_ref(&root)).unwrap() {
            match found {
                Found::File(file) => files.push(file.path.strip_prefix(&root).unwrap().to_owned()),
                Found::Linked { path, .. } => {
                    links.push(path.strip_prefix(&root).unwrap().to_owned())
                }
                other => panic!("{other:?}"),
            }
        }
        let names = |paths: &[PathBuf]| -> Vec<String> {
            paths.iter().map(|p| p.display().to_string()).collect()
        };
        assert_eq!(
            names(&files),
            ["2020/story.txt", "drafts/draft.txt", "feed/wire.txt"]
        );
        assert_eq!(names(&links), ["0-top.txt", "latest", "mirror"]);
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_get_their_own_keys_in_key_order() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // Three Latin-1 names that lossy decoding made one key
        // ("n\u{fffd}.txt"); escaped, "\\xa9" sorts before "\u{e9}" (0x5C
        // before 0xC3), though a folder "cafe" sorts after both.
        let raw = |bytes: &[u8]| root.join(std::ffi::OsStr::from_bytes(bytes));
        for path in [
            raw(b"n\xff.txt"),
            raw(b"n\xfe.txt"),
            raw(b"n\xfd.txt"),
            raw(b"caf\xa9.txt"),
            root.join("caf\u{e9}.txt"),
            root.join("cafe/x.txt"),
            root.join("cafe.txt"),
        ] {
            write_article(&path);
        }
        let walked = walked_in_key_order(&[root.to_path_buf()]);
        assert_eq!(walked.len(), 7);
        let names: Vec<&str> = walked
            .iter()
            .map(|k| k.rsplit('/').next().unwrap())
            .collect();
        assert!(
            names.contains(&r"n\xff.txt") && names.contains(&r"n\xfd.txt"),
            "{names:?}"
        );
        assert!(walked.iter().all(|k| crate::key::path_of_key(k).exists()));
    }

    #[test]
    fn keys_compare_as_their_bytes_with_a_slash_after_a_folder() {
        let names = [
            "",
            "a",
            "a-b",
            "a.txt",
            "a0",
            "ab",
            "abc",
            "e",
            "\u{e9}",
            "\u{e9}t\u{e9}",
        ];
        for a in names {
            for b in names {
                for (a_dir, b_dir) in [(false, false), (false, true), (true, false), (true, true)] {
                    let key =
                        |name: &str, dir: bool| format!("{name}{}", if dir { "/" } else { "" });
                    assert_eq!(
                        compare_keys(a, a_dir, b, b_dir),
                        key(a, a_dir).cmp(&key(b, b_dir)),
                        "{a:?} (folder: {a_dir}) against {b:?} (folder: {b_dir})"
                    );
                }
            }
        }
    }

    #[test]
    fn nested_and_repeated_roots_are_walked_once_in_key_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in ["x/1.txt", "x/y/2.txt", "x-2/3.txt"] {
            write_article(&root.join(name));
        }
        let walked = keys(&[
            root.join("x/y"),
            root.join("x"),
            root.join("x-2"),
            root.join("x/1.txt"),
            root.join("x"),
        ]);
        let mut sorted = walked.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(walked, sorted);
        assert_eq!(walked.len(), 3);
    }
}
