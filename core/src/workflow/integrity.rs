//! A migrations directory against its `migrator.sum` (see [`crate::migrations::sum`]):
//! reading both, the gate `generate` passes before it plans, and the sum it writes next.
//!
//! `generate` builds on the files as they are; when one was edited, removed or added by
//! hand, the new migration would be planned from a history that some databases never ran.
//! So a directory that does not match its sum stops the run, and only a deliberate
//! `migrator sum --rehash` accepts the change. A directory from before the sum existed has
//! none yet: it is accepted, and the sum is written with the next files.

use super::{Edge, WorkflowError};
use crate::migrations::sum::{Mismatch, Sum, SumError, SUM_FILE};
use crate::migrations::{owned_files, DirFormat, OutputFile, OwnedFile};
use std::path::{Path, PathBuf};

/// The files of a migrations directory its format owns, read, and its sum file's text.
#[derive(Debug, Clone, Default)]
pub struct DirFiles {
    /// In version order, with their contents.
    pub files: Vec<(OwnedFile, String)>,
    /// The text of `migrator.sum`, when there is one.
    pub sum_text: Option<String>,
}

impl DirFiles {
    /// Reads `dir` (empty when it does not exist).
    pub fn read(dir: &Path, format: DirFormat, edge: &mut dyn Edge) -> Result<Self, WorkflowError> {
        let read_error = |path: PathBuf| move |source| WorkflowError::Read { path, source };
        let names = edge
            .file_names(dir)
            .map_err(read_error(dir.to_path_buf()))?
            .unwrap_or_default();
        let mut files = Vec::new();
        for owned in owned_files(format, &names) {
            let path = dir.join(&owned.name);
            let text = edge.read_file(&path).map_err(read_error(path))?;
            files.push((owned, text));
        }
        let sum_text = match names.iter().any(|n| n == SUM_FILE) {
            true => {
                let path = dir.join(SUM_FILE);
                Some(edge.read_file(&path).map_err(read_error(path))?)
            }
            false => None,
        };
        Ok(DirFiles { files, sum_text })
    }

    /// The sum of the files as they are now.
    pub fn current(&self, format: DirFormat) -> Sum {
        Sum::of(
            format,
            self.files
                .iter()
                .map(|(f, text)| (f.name.as_str(), text.as_bytes())),
        )
    }

    /// The recorded sum: `None` when there is no sum file.
    pub fn recorded(&self) -> Option<Result<Sum, SumError>> {
        self.sum_text.as_deref().map(Sum::parse)
    }
}

/// A directory `generate` may build on.
#[derive(Debug, Clone)]
pub struct Gate {
    format: DirFormat,
    files: DirFiles,
    /// True when the directory has migrations but no sum yet (a project from before the
    /// sum): the next sum is its first.
    pub first_sum: bool,
}

/// The directory does not match its sum.
#[derive(Debug, thiserror::Error)]
pub enum IntegrityError {
    #[error(
        "{}: {SUM_FILE} does not match the migration files; nothing was written:\n  - {}\n\
         A migration that already ran somewhere must not change: restore the files from \
         version control (e.g. `git checkout -- {}`) and put the change in a new migration. \
         If the change is deliberate and no database has run these files, record it with \
         `migrator sum --rehash --migrations {}`.",
        dir.display(),
        problems.join("\n  - "),
        dir.display(),
        dir.display()
    )]
    Mismatch { dir: PathBuf, problems: Vec<String> },
    #[error(
        "{}/{source}; restore it from version control, or rewrite it from the files with \
         `migrator sum --rehash --migrations {}`",
        dir.display(),
        dir.display()
    )]
    Unreadable {
        dir: PathBuf,
        #[source]
        source: SumError,
    },
    #[error("{}: no such migrations directory", .0.display())]
    NoDirectory(PathBuf),
}

/// The file a mismatch concerns, and what happened to it.
pub fn describe(m: &Mismatch) -> (&str, String) {
    match m {
        Mismatch::Edited { name, line } => (
            name,
            format!("edited since {SUM_FILE} was written (its hash is at {SUM_FILE}:{line})"),
        ),
        Mismatch::Missing { name, line } => {
            (name, format!("missing, but listed at {SUM_FILE}:{line}"))
        }
        Mismatch::Extra { name } => (name, format!("not in {SUM_FILE} (added by hand?)")),
    }
}

/// Reads `dir` and checks it against its sum; refuses a directory that does not match.
pub fn gate(dir: &Path, format: DirFormat, edge: &mut dyn Edge) -> Result<Gate, WorkflowError> {
    let files = DirFiles::read(dir, format, edge)?;
    let first_sum = match files.recorded() {
        None => !files.files.is_empty(),
        Some(Err(source)) => {
            return Err(IntegrityError::Unreadable {
                dir: dir.to_path_buf(),
                source,
            }
            .into())
        }
        Some(Ok(recorded)) => {
            let problems: Vec<String> = recorded
                .compare(&files.current(format))
                .iter()
                .map(|m| {
                    let (name, what) = describe(m);
                    format!("{name}: {what}")
                })
                .collect();
            if !problems.is_empty() {
                return Err(IntegrityError::Mismatch {
                    dir: dir.to_path_buf(),
                    problems,
                }
                .into());
            }
            false
        }
    };
    Ok(Gate {
        format,
        files,
        first_sum,
    })
}

impl Gate {
    /// The sum file with `new` added to the directory; `None` when nothing is to be
    /// written (no new files, and the sum is already there or there is nothing to sum).
    pub fn next_sum(&self, new: &[OutputFile]) -> Option<OutputFile> {
        if new.is_empty() && !self.first_sum {
            return None;
        }
        let existing = self
            .files
            .files
            .iter()
            .map(|(f, text)| (f.name.as_str(), text.as_bytes()));
        let added = new.iter().map(|f| (f.name.as_str(), f.contents.as_bytes()));
        Some(OutputFile {
            name: SUM_FILE.to_string(),
            contents: Sum::of(self.format, existing.chain(added)).render(),
        })
    }
}

/// The sum file of `dir` as it is now (`migrator sum --rehash`).
pub fn rehash(
    dir: &Path,
    format: DirFormat,
    edge: &mut dyn Edge,
) -> Result<OutputFile, WorkflowError> {
    let exists = edge
        .file_names(dir)
        .map_err(|source| WorkflowError::Read {
            path: dir.to_path_buf(),
            source,
        })?
        .is_some();
    if !exists {
        return Err(IntegrityError::NoDirectory(dir.to_path_buf()).into());
    }
    let files = DirFiles::read(dir, format, edge)?;
    Ok(OutputFile {
        name: SUM_FILE.to_string(),
        contents: files.current(format).render(),
    })
}
