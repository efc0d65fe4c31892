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
        let names = super::dir_file_names(edge, dir)?.unwrap_or_default();
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

impl Gate {
    /// The sum file once `removed` are gone and `new` are added (`squash`).
    pub fn sum_replacing(&self, new: &[OutputFile], removed: &[String]) -> OutputFile {
        let kept = self
            .files
            .files
            .iter()
            .filter(|(f, _)| !removed.contains(&f.name))
            .map(|(f, text)| (f.name.as_str(), text.as_bytes()));
        let added = new.iter().map(|f| (f.name.as_str(), f.contents.as_bytes()));
        OutputFile {
            name: SUM_FILE.to_string(),
            contents: Sum::of(self.format, kept.chain(added)).render(),
        }
    }
}

/// The sum file of `dir` as it is now (`migrator sum --rehash`).
pub fn rehash(
    dir: &Path,
    format: DirFormat,
    edge: &mut dyn Edge,
) -> Result<OutputFile, WorkflowError> {
    let exists = super::dir_file_names(edge, dir)?.is_some();
    if !exists {
        return Err(IntegrityError::NoDirectory(dir.to_path_buf()).into());
    }
    let files = DirFiles::read(dir, format, edge)?;
    Ok(OutputFile {
        name: SUM_FILE.to_string(),
        contents: files.current(format).render(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::{SourceFile, Warning};
    use std::collections::BTreeMap;

    /// A directory in memory.
    struct Memory(BTreeMap<String, String>);

    impl Edge for Memory {
        fn read_sql(&mut self, _: &Path) -> Result<Vec<SourceFile>, String> {
            Ok(Vec::new())
        }
        fn read_file(&mut self, path: &Path) -> std::io::Result<String> {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            self.0
                .get(&name)
                .cloned()
                .ok_or_else(|| std::io::ErrorKind::NotFound.into())
        }
        fn file_names(&mut self, _: &Path) -> std::io::Result<Option<Vec<String>>> {
            Ok(Some(self.0.keys().cloned().collect()))
        }
        fn warn(&mut self, _: &Warning) {}
        fn progress(&mut self, _: &str) {}
    }

    fn file(name: &str, contents: &str) -> OutputFile {
        OutputFile {
            name: name.into(),
            contents: contents.into(),
        }
    }

    const F: DirFormat = DirFormat::Goose;

    #[test]
    fn a_directory_without_a_sum_passes_and_gets_its_first_one() {
        let mut dir = Memory([("00001_a.sql".to_string(), "A".to_string())].into());
        let gate = gate(Path::new("m"), F, &mut dir).unwrap();
        assert!(gate.first_sum);
        let sum = gate
            .next_sum(&[])
            .expect("the first sum, even without new files");
        assert_eq!(Sum::parse(&sum.contents).unwrap().entries.len(), 1);
    }

    #[test]
    fn the_next_sum_adds_the_new_files_and_an_edit_is_refused() {
        let recorded = Sum::of(F, [("00001_a.sql", &b"A"[..])]).render();
        let mut dir = Memory(
            [
                ("00001_a.sql".to_string(), "A".to_string()),
                (SUM_FILE.to_string(), recorded),
            ]
            .into(),
        );
        let g = gate(Path::new("m"), F, &mut dir).unwrap();
        assert!(!g.first_sum);
        assert!(g.next_sum(&[]).is_none(), "nothing to write");
        let next = g.next_sum(&[file("00002_b.sql", "B")]).unwrap();
        let names: Vec<String> = Sum::parse(&next.contents)
            .unwrap()
            .entries
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["00001_a.sql", "00002_b.sql"]);
        dir.0.insert("00001_a.sql".into(), "A, edited".into());
        let err = gate(Path::new("m"), F, &mut dir).unwrap_err().to_string();
        assert!(
            err.contains("00001_a.sql: edited since migrator.sum was written")
                && err.contains("migrator sum --rehash --migrations m"),
            "{err}"
        );
    }
}
