//! The index directory: tantivy's memory-mapped directory, made usable by
//! readers who may only read it.
//!
//! Two things in tantivy's own stood in the way of searching a healthy index
//! from a read-only mount or as another user: `meta.json` and
//! `.managed.json` were written through a temporary file created 0600, so
//! only their owner could read them; and opening a reader takes the meta
//! lock by opening `.tantivy-meta.lock` for writing. Here those two files
//! are written with the mode any new file gets (0644 under the usual umask
//! of 022), and a reader that cannot open the lock file for writing takes a
//! shared lock through a read-only handle instead (which still keeps a
//! writer's garbage collection from deleting files under it), or none where
//! no lock file exists and none can be made: nothing writes to such an
//! index.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle,
    WritePtr, META_LOCK,
};

/// An index directory on disk; see the module documentation.
#[derive(Debug, Clone)]
pub struct IndexDirectory {
    inner: MmapDirectory,
    root: PathBuf,
}

impl IndexDirectory {
    /// Opens the existing directory `root`.
    pub fn open(
        root: &Path,
    ) -> Result<IndexDirectory, tantivy::directory::error::OpenDirectoryError> {
        Ok(IndexDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
        })
    }
}

/// Makes temporary file names unique within the process.
static TEMPORARY: AtomicU64 = AtomicU64::new(0);

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    /// Writes a temporary file beside the target, created as any file is
    /// (the umask decides its mode), and renames it over the target.
    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        let target = self.root.join(path);
        let name = path
            .file_name()
            .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
        let temporary = self.root.join(format!(
            ".{name}.{}.{}.tmp",
            std::process::id(),
            TEMPORARY.fetch_add(1, Ordering::Relaxed)
        ));
        let written = (|| {
            let mut file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temporary)?;
            file.write_all(data)?;
            file.sync_data()?;
            std::fs::rename(&temporary, &target)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(err)) if lock.filepath == META_LOCK.filepath => {
                read_only_lock(&self.root.join(&lock.filepath), &err).ok_or(LockError::IoError(err))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

/// The meta lock for a reader that may not write the lock file: a shared
/// lock through a read-only handle, or none when there is no lock file and
/// the directory does not let one be made. `None` for any other failure.
fn read_only_lock(path: &Path, err: &io::Error) -> Option<DirectoryLock> {
    let may_not_write = matches!(
        err.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    );
    if !may_not_write {
        return None;
    }
    match File::open(path) {
        Ok(file) => {
            file.lock_shared().ok()?;
            Some(DirectoryLock::from(Box::new(file)))
        }
        Err(open) if open.kind() == io::ErrorKind::NotFound => {
            Some(DirectoryLock::from(Box::new(())))
        }
        Err(_) => None,
    }
}
