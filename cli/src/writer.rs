//! Writing migration files so that a run's files appear together or not at all, survive a
//! crash, never overwrite a file, and never race another run.
//!
//! Everything migrator keeps besides the files lives *beside* the migrations directory, in
//! its parent, under hidden names that start with `.<dir>.migrator` (`<dir>` being the
//! directory's own name), never inside it: no migration tool reads those names, and
//! migrator's own scan of the directory never sees them.
//!
//! - **The lock.** [`DirLock::acquire`] takes an exclusive `flock` on
//!   `.<dir>.migrator.lock` for the whole run, from reading the existing migrations (which
//!   chooses the version numbers) until the files are written; a second run waits. The lock
//!   file is removed when the run ends.
//! - **Staging.** The files are written into `.<dir>.migrator-tmp-<pid>`, each fsynced, then
//!   the staging directory is fsynced.
//! - **A new directory** is the staging directory renamed into place, then the parent is
//!   fsynced: all files appear at once.
//! - **An existing directory** cannot receive several files at once, so the staging
//!   directory records the order of its files and is renamed to
//!   `.<dir>.migrator-pending-<pid>`: from then on the run is committed. Each file is
//!   hard-linked into the directory (a link fails rather than replace a file), the directory
//!   is fsynced and the pending directory removed.
//! - **Recovery.** A run killed before the commit leaves only a staging directory, which the
//!   next run removes: nothing of it was ever visible. A run killed after the commit leaves
//!   a pending directory, which the next run completes (rolls forward) before reading the
//!   directory. Links go in the order the files were rendered (version by version; the up
//!   file before its down file, Flyway's `.conf` before its script), so even in the instant
//!   between two links the directory reads as complete migrations followed at most by one
//!   up file whose down file is still to come.
//! - **The sum.** `migrator.sum` is the one file that is replaced rather than added: its
//!   new text is staged with the files and, once every file is linked, renamed over the old
//!   one (a rename replaces a file atomically). A pending directory that still holds a sum
//!   has not placed it yet, so recovery places it too; a new directory gets it with the
//!   rest, at once.
//!
//! `MIGRATOR_TEST_PAUSE_AT=K` is a test-only hook: the K-th step stops and waits to be
//! killed (see [`step`]).

use migrator_core::migrations::sum::SUM_FILE;
use migrator_core::migrations::OutputFile;
use rustix::fs::{flock, FlockOperation};
use rustix::io::Errno;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The file of a pending directory listing its files in link order.
const ORDER: &str = ".order";

/// The file of a pending directory listing the files to remove once every file is linked
/// (`squash`); absent when there are none.
const REMOVE: &str = ".remove";

/// The exclusive hold of one run on one migrations directory; released when dropped.
#[derive(Debug)]
pub struct DirLock {
    beside: Beside,
    /// The locked file (open for as long as the lock is held).
    _file: File,
}

impl DirLock {
    /// Waits for the lock of `dir` (saying so on `err` when another run holds it), then
    /// removes or completes what killed runs left, reporting it on `err`.
    pub fn acquire(dir: &Path, err: &mut dyn Write) -> Result<DirLock, String> {
        let beside = Beside::new(dir)?;
        let file = lock_file(&beside, err)?;
        let lock = DirLock {
            beside,
            _file: file,
        };
        lock.recover(err)?;
        Ok(lock)
    }

    /// Writes `files` into the directory, and `sum` over the directory's sum file, all or
    /// nothing; returns the paths of `files`. Refuses to replace an existing file.
    pub fn write_new(
        &self,
        files: &[OutputFile],
        sum: Option<&OutputFile>,
    ) -> Result<Vec<PathBuf>, String> {
        self.replace(files, &[], sum)
    }

    /// Like [`DirLock::write_new`], and removes the files named `removed` from the
    /// directory once every new file is linked, before the sum is replaced (`squash`).
    pub fn replace(
        &self,
        files: &[OutputFile],
        removed: &[String],
        sum: Option<&OutputFile>,
    ) -> Result<Vec<PathBuf>, String> {
        let dir = &self.beside.dir;
        let targets: Vec<PathBuf> = files.iter().map(|f| dir.join(&f.name)).collect();
        if let Some(existing) = targets.iter().find(|p| p.exists()) {
            return Err(format!(
                "{} already exists; migrator never overwrites migration files",
                existing.display()
            ));
        }
        if let Some(s) = sum.filter(|s| s.name != SUM_FILE) {
            return Err(format!("{}: not the sum file {SUM_FILE}", s.name));
        }
        let fail = |e: io::Error| format!("cannot write migrations into {}: {e}", dir.display());
        let staging = self.beside.scratch("tmp");
        let staged: Vec<OutputFile> = files.iter().chain(sum).cloned().collect();
        stage(&staging, &staged).map_err(|e| {
            let _ = fs::remove_dir_all(&staging);
            fail(e)
        })?;
        if removed.is_empty() && !dir.exists() && fs::rename(&staging, dir).is_ok() {
            step("renamed the staging directory into place");
            sync_dir(&self.beside.parent).map_err(fail)?;
            step("synced the parent directory");
            return Ok(targets);
        }
        let pending = self.beside.scratch("pending");
        commit(&staging, &pending, &self.beside.parent, files, removed).map_err(|e| {
            let _ = fs::remove_dir_all(&staging);
            fail(e)
        })?;
        place(&pending, dir, &self.beside.parent, files, removed, true).map_err(fail)?;
        Ok(targets)
    }

    /// Removes the staging directories of killed runs and completes their pending ones.
    fn recover(&self, err: &mut dyn Write) -> Result<(), String> {
        let b = &self.beside;
        for (path, kind) in b.leftovers().map_err(|e| b.read_error(e))? {
            match kind {
                Leftover::Staging => {
                    fs::remove_dir_all(&path)
                        .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
                    let _ = writeln!(
                        err,
                        "note: removed {}, the unfinished files of a killed run",
                        path.display()
                    );
                }
                Leftover::Pending => {
                    let names = complete(&path, b)?;
                    let _ = writeln!(
                        err,
                        "warning: a killed run left its migrations half-placed in {}; \
                         completed them: {}",
                        b.dir.display(),
                        names.join(", ")
                    );
                }
            }
        }
        Ok(())
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        // Removed while still held: a run that was waiting on this file finds it gone and
        // takes a new one (see `lock_file`).
        let _ = fs::remove_file(self.beside.lock_path());
    }
}

/// A migrations directory and the hidden names beside it that migrator uses.
#[derive(Debug)]
struct Beside {
    dir: PathBuf,
    parent: PathBuf,
    /// `.<dir name>.migrator`: the start of every hidden name.
    prefix: String,
}

/// What a killed run left beside the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Leftover {
    /// Files being written, never visible: removed.
    Staging,
    /// A committed set, maybe partly linked: completed.
    Pending,
}

impl Beside {
    /// Creates the parent of `dir` when missing.
    fn new(dir: &Path) -> Result<Beside, String> {
        // `.` or `..` name no directory of their own: their real path does.
        let named = match dir.file_name() {
            Some(_) => dir.to_path_buf(),
            None => dir
                .canonicalize()
                .map_err(|e| format!("cannot read {}: {e}", dir.display()))?,
        };
        let parent = match named.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        let name = named
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .ok_or_else(|| format!("{}: not a directory name", dir.display()))?;
        Ok(Beside {
            dir: dir.to_path_buf(),
            parent,
            prefix: format!(".{name}.migrator"),
        })
    }

    fn lock_path(&self) -> PathBuf {
        self.parent.join(format!("{}.lock", self.prefix))
    }

    /// This process's `tmp` or `pending` directory.
    fn scratch(&self, what: &str) -> PathBuf {
        self.parent
            .join(format!("{}-{what}-{}", self.prefix, std::process::id()))
    }

    /// The staging and pending directories beside the directory, in name order.
    fn leftovers(&self) -> io::Result<Vec<(PathBuf, Leftover)>> {
        let mut found = Vec::new();
        for entry in fs::read_dir(&self.parent)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().to_string();
            let Some(rest) = name.strip_prefix(&self.prefix) else {
                continue;
            };
            let kind = if rest.starts_with("-tmp-") {
                Leftover::Staging
            } else if rest.starts_with("-pending-") {
                Leftover::Pending
            } else {
                continue;
            };
            found.push((entry.path(), kind));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(found)
    }

    fn read_error(&self, e: io::Error) -> String {
        format!("cannot read {}: {e}", self.parent.display())
    }
}

/// Opens and locks the lock file, waiting for another run; only the file still at its
/// path counts (a run that ends removes it while holding it).
fn lock_file(b: &Beside, err: &mut dyn Write) -> Result<File, String> {
    let path = b.lock_path();
    let fail = |e: &dyn std::fmt::Display| format!("cannot lock {}: {e}", path.display());
    let mut said = false;
    loop {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| fail(&e))?;
        match flock(&file, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => {}
            Err(Errno::WOULDBLOCK) => {
                if !said {
                    let _ = writeln!(
                        err,
                        "waiting for another migrator run on {} to finish ({} is locked)",
                        b.dir.display(),
                        path.display()
                    );
                    said = true;
                }
                flock(&file, FlockOperation::LockExclusive).map_err(|e| fail(&e))?;
            }
            Err(e) => return Err(fail(&e)),
        }
        let held = rustix::fs::fstat(&file).map_err(|e| fail(&e))?;
        match rustix::fs::stat(&path) {
            Ok(now) if (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino) => return Ok(file),
            Ok(_) => continue,
            Err(Errno::NOENT) => continue,
            Err(e) => return Err(fail(&e)),
        }
    }
}

/// Creates `staging` and writes every file into it, each and the directory fsynced.
fn stage(staging: &Path, files: &[OutputFile]) -> io::Result<()> {
    fs::create_dir(staging)?;
    step("created the staging directory");
    for f in files {
        write_synced(&staging.join(&f.name), f.contents.as_bytes())?;
        step("staged a file");
    }
    sync_dir(staging)?;
    step("synced the staging directory");
    Ok(())
}

/// Records the link order (and the files to remove) in `staging` and renames it to
/// `pending`: the commit point.
fn commit(
    staging: &Path,
    pending: &Path,
    parent: &Path,
    files: &[OutputFile],
    removed: &[String],
) -> io::Result<()> {
    let order: String = files.iter().map(|f| format!("{}\n", f.name)).collect();
    write_synced(&staging.join(ORDER), order.as_bytes())?;
    if !removed.is_empty() {
        let list: String = removed.iter().map(|n| format!("{n}\n")).collect();
        write_synced(&staging.join(REMOVE), list.as_bytes())?;
    }
    sync_dir(staging)?;
    step("recorded the link order");
    fs::rename(staging, pending)?;
    step("committed: renamed the staging directory to pending");
    sync_dir(parent)?;
    step("synced the parent directory");
    Ok(())
}

/// Links the pending files into `dir` in order, removes the files named `removed` (those
/// already gone were removed before a kill), then renames the pending sum file (if any)
/// over the directory's, fsyncs it and removes `pending`. A file
/// already there with the same contents was linked before a kill; one with other contents
/// is an error. With `undo`, a failure removes what this call linked and the pending
/// directory (a run that fails is undone; a killed one is completed later).
fn place(
    pending: &Path,
    dir: &Path,
    parent: &Path,
    files: &[OutputFile],
    removed: &[String],
    undo: bool,
) -> io::Result<()> {
    let mut placed: Vec<PathBuf> = Vec::new();
    // Once a replaced file is gone the run can only go forward: a failure leaves the
    // pending directory for the next run to complete.
    let mut removing = false;
    let linked = (|| -> io::Result<()> {
        fs::create_dir_all(dir)?;
        for f in files {
            let from = pending.join(&f.name);
            let to = dir.join(&f.name);
            match fs::hard_link(&from, &to) {
                Ok(()) => placed.push(to),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && same_contents(&from, &to) => {
                }
                Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", to.display()))),
            }
            step("linked a file");
        }
        if !removed.is_empty() {
            sync_dir(dir)?;
            step("synced the migrations directory");
        }
        for name in removed {
            removing = true;
            match fs::remove_file(dir.join(name)) {
                Ok(()) => step("removed a replaced file"),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        let sum = pending.join(SUM_FILE);
        if sum.exists() {
            sync_dir(dir)?;
            step("synced the migrations directory");
            fs::rename(&sum, dir.join(SUM_FILE))?;
            step("replaced the sum file");
        }
        sync_dir(dir)?;
        step("synced the migrations directory");
        Ok(())
    })();
    if let Err(e) = linked {
        if undo && !removing {
            for p in &placed {
                let _ = fs::remove_file(p);
            }
            let _ = sync_dir(dir);
            let _ = fs::remove_dir_all(pending);
        }
        return Err(e);
    }
    fs::remove_dir_all(pending)?;
    step("removed the pending directory");
    sync_dir(parent)?;
    step("synced the parent directory");
    Ok(())
}

/// Completes the pending directory of a killed run; returns the names of its files.
fn complete(pending: &Path, b: &Beside) -> Result<Vec<String>, String> {
    let order = fs::read_to_string(pending.join(ORDER))
        .map_err(|e| format!("cannot read {}: {e}", pending.join(ORDER).display()))?;
    let files: Vec<OutputFile> = order
        .lines()
        .filter(|l| !l.is_empty())
        .map(|name| OutputFile {
            name: name.to_string(),
            contents: String::new(),
        })
        .collect();
    let removed: Vec<String> = match fs::read_to_string(pending.join(REMOVE)) {
        Ok(list) => list
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            return Err(format!(
                "cannot read {}: {e}",
                pending.join(REMOVE).display()
            ))
        }
    };
    place(pending, &b.dir, &b.parent, &files, &removed, false).map_err(|e| {
        format!(
            "cannot complete the migrations a killed run left in {}: {e}; move the file in \
             the way, or remove {} to give up that run",
            pending.display(),
            pending.display()
        )
    })?;
    Ok(files.into_iter().map(|f| f.name).collect())
}

fn same_contents(a: &Path, b: &Path) -> bool {
    matches!((fs::read(a), fs::read(b)), (Ok(x), Ok(y)) if x == y)
}

fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = OpenOptions::new().write(true).create_new(true).open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Flushes a directory's entries (new names, renames, removals) to disk.
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// One step of writing. The test-only hook: with `MIGRATOR_TEST_PAUSE_AT=K` the K-th step
/// of the process prints `migrator: paused at step K (what)` on stderr and sleeps, so that a
/// test can SIGKILL the process exactly there.
fn step(what: &str) {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    static PAUSE_AT: OnceLock<Option<usize>> = OnceLock::new();
    let at = *PAUSE_AT.get_or_init(|| {
        std::env::var("MIGRATOR_TEST_PAUSE_AT")
            .ok()
            .and_then(|v| v.parse().ok())
    });
    let k = COUNT.fetch_add(1, Ordering::SeqCst) + 1;
    if at == Some(k) {
        eprintln!("migrator: paused at step {k} ({what})");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
}

#[cfg(test)]
mod tests;
