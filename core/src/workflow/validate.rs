//! `migrator validate`: everything wrong with a migrations directory that can be seen
//! without a database, each problem at its file and line with what to do.
//!
//! A CI job runs it on every pull request, so it reports every problem it finds rather than
//! stopping at the first: the files against `migrator.sum`, the version numbers (one
//! version twice, a gap, a version merged below the newest), up files without their down
//! files, and the replay of the up SQL through the dialect's loader, as `generate` replays
//! it. The checks are plain functions of the directory's contents, tested below.

use super::integrity::{describe, DirFiles};
use super::{Edge, WorkflowError};
use crate::dialect::{Dialect, LoadError, SourceFile};
use crate::filter::Filter;
use crate::migrations::sum::{Mismatch, Sum, SUM_FILE};
use crate::migrations::{DirFormat, OwnedFile, Role};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What `validate` checks.
pub struct Validate<'a> {
    pub dialect: &'a dyn Dialect,
    pub dir: &'a Path,
    pub format: DirFormat,
    pub filter: &'a Filter,
}

/// One problem: where, what, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// The line it applies to; `None` for a file that does not exist.
    pub line: Option<usize>,
    pub what: String,
    pub fix: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file.display(), self.what)?,
            None => write!(f, "{}: {}", self.file.display(), self.what)?,
        }
        write!(f, "\n  fix: {}", self.fix)
    }
}

const REHASH: &str = "`migrator sum --rehash`";

/// Every problem of the directory; empty when it is sound.
pub fn validate(v: &Validate, edge: &mut dyn Edge) -> Result<Vec<Problem>, WorkflowError> {
    let exists = super::dir_file_names(edge, v.dir)?.is_some();
    if !exists {
        return Err(super::integrity::IntegrityError::NoDirectory(v.dir.to_path_buf()).into());
    }
    let files = DirFiles::read(v.dir, v.format, edge)?;
    let owned: Vec<OwnedFile> = files.files.iter().map(|(f, _)| f.clone()).collect();
    let (recorded, mut problems) = match files.recorded() {
        Some(Ok(sum)) => {
            let found = sum_problems(v.dir, &sum, &files.current(v.format));
            (Some(sum), found)
        }
        None => (
            None,
            vec![Problem {
                file: v.dir.join(SUM_FILE),
                line: None,
                what: format!("no {SUM_FILE}: edits to the migrations cannot be detected"),
                fix: format!("record the files as they are with {REHASH} (or run generate)"),
            }],
        ),
        Some(Err(e)) => (
            None,
            vec![Problem {
                file: v.dir.join(SUM_FILE),
                line: Some(e.line),
                what: e.message,
                fix: format!(
                    "restore {SUM_FILE} from version control, or rewrite it with {REHASH}"
                ),
            }],
        ),
    };
    problems.extend(version_problems(v.dir, v.format, &owned, recorded.as_ref()));
    problems.extend(replay_problems(v, &files));
    Ok(problems)
}

/// The files that differ from the recorded sum.
fn sum_problems(dir: &Path, recorded: &Sum, now: &Sum) -> Vec<Problem> {
    recorded
        .compare(now)
        .into_iter()
        .map(|m| {
            let (name, what) = describe(&m);
            let what = match m {
                Mismatch::Missing { .. } => format!("{name}: {what}"),
                _ => what,
            };
            match m {
                Mismatch::Edited { name, .. } => Problem {
                    file: dir.join(name),
                    line: Some(1),
                    what,
                    fix: format!(
                        "a migration that may have run must not change: restore it from \
                         version control and put the change in a new migration; if no \
                         database has run it, accept the edit with {REHASH}"
                    ),
                },
                Mismatch::Missing { line, .. } => Problem {
                    file: dir.join(SUM_FILE),
                    line: Some(line),
                    what,
                    fix: format!(
                        "restore the file from version control; if it was removed on \
                         purpose and never ran anywhere, record that with {REHASH}"
                    ),
                },
                Mismatch::Extra { name } => Problem {
                    file: dir.join(name),
                    line: Some(1),
                    what,
                    fix: format!(
                        "migrations are written by `migrator generate`, which records them; \
                         to keep a hand-written one, record it with {REHASH}"
                    ),
                },
            }
        })
        .collect()
}

/// Unreadable names, one version twice, up files without down files (and the reverse),
/// and new versions (not in the sum) below the newest recorded one or leaving a gap.
fn version_problems(
    dir: &Path,
    format: DirFormat,
    owned: &[OwnedFile],
    recorded: Option<&Sum>,
) -> Vec<Problem> {
    let mut out = Vec::new();
    let at = |f: &OwnedFile, what: String, fix: String| Problem {
        file: dir.join(&f.name),
        line: Some(1),
        what,
        fix,
    };
    // The descriptions of each version, with their files.
    let mut versions: BTreeMap<u64, BTreeMap<&str, Vec<&OwnedFile>>> = BTreeMap::new();
    for f in owned {
        match &f.version {
            Err(e) => out.push(at(f, e.clone(), "rename the file".into())),
            Ok((v, desc)) if f.role != Role::Settings => versions
                .entry(*v)
                .or_default()
                .entry(desc)
                .or_default()
                .push(f),
            Ok(_) => {}
        }
    }
    for (v, descs) in &versions {
        let mut files = descs.values().map(|fs| lead(fs));
        let first = files.next().map(|f| f.name.clone()).unwrap_or_default();
        for other in files {
            out.push(at(
                other,
                format!("version {v} is also used by {first}"),
                "two branches took the same version: renumber this migration above the \
                 newest version (rename its files) and run `migrator sum --rehash`"
                    .into(),
            ));
        }
        if format.single_file() {
            continue;
        }
        for fs in descs.values() {
            let has = |r: Role| fs.iter().find(|f| f.role == r);
            match (has(Role::Up), has(Role::Down)) {
                (Some(up), None) => out.push(at(
                    up,
                    format!("version {v} has an up file but no down file"),
                    "write its down file (or regenerate the version), then run \
                     `migrator sum --rehash`"
                        .into(),
                )),
                (None, Some(down)) => out.push(at(
                    down,
                    format!("version {v} has a down file but no up file"),
                    "restore the up file, or remove the down file".into(),
                )),
                _ => {}
            }
        }
    }
    if let Some(sum) = recorded {
        out.extend(order_problems(dir, format, &versions, sum));
    }
    out
}

/// Versions the sum does not have: below its newest (merged out of order), or leaving a
/// gap where the recorded versions count up by one.
fn order_problems(
    dir: &Path,
    format: DirFormat,
    versions: &BTreeMap<u64, BTreeMap<&str, Vec<&OwnedFile>>>,
    sum: &Sum,
) -> Vec<Problem> {
    let known: BTreeSet<u64> = sum
        .entries
        .iter()
        .filter_map(|e| format.owned(&e.name)?.number())
        .collect();
    let (Some(&low), Some(&newest)) = (known.first(), known.last()) else {
        return Vec::new();
    };
    let counted = newest - low + 1 == known.len() as u64;
    let highest = versions.keys().last().copied().unwrap_or(newest);
    let mut out = Vec::new();
    for (&v, descs) in versions.iter().filter(|(v, _)| !known.contains(v)) {
        let Some(file) = descs.values().next().map(|fs| lead(fs)) else {
            continue;
        };
        let (what, fix) = if v < newest {
            (
                format!(
                    "version {v} is new but below {newest}, the newest version in {SUM_FILE} \
                     (a branch merged after a newer migration): databases already at {newest} \
                     skip it or refuse to run"
                ),
                format!(
                    "renumber it above {highest} (rename its files), then run \
                     `migrator sum --rehash`"
                ),
            )
        } else {
            let prev = versions.range(..v).next_back().map(|(p, _)| *p);
            match prev {
                Some(p) if counted && v != p + 1 => (
                    format!("version {v} leaves a gap after version {p}"),
                    format!(
                        "renumber it to {} (rename its files), or restore the missing \
                         versions",
                        p + 1
                    ),
                ),
                _ => continue,
            }
        };
        out.push(Problem {
            file: dir.join(&file.name),
            line: Some(1),
            what,
            fix,
        });
    }
    out
}

/// The file that stands for a migration in messages: its up file when it has one.
fn lead<'a>(files: &[&'a OwnedFile]) -> &'a OwnedFile {
    files
        .iter()
        .find(|f| matches!(f.role, Role::Up | Role::Both))
        .unwrap_or(&files[0])
}

/// The up SQL replayed through the dialect's loader, as `generate` replays it.
fn replay_problems(v: &Validate, files: &DirFiles) -> Vec<Problem> {
    let sources: Vec<SourceFile> = files
        .files
        .iter()
        .filter(|(f, _)| matches!(f.role, Role::Up | Role::Both) && f.version.is_ok())
        .map(|(f, text)| SourceFile {
            path: v.dir.join(&f.name),
            text: v.format.up_sql(text),
        })
        .collect();
    let fix = "correct the SQL; if this migration already ran somewhere, correct it in a new \
               migration instead";
    match v.dialect.load_sql(&sources, v.filter) {
        Ok(_) => Vec::new(),
        Err(LoadError::Sql {
            file,
            line,
            message,
        }) => vec![Problem {
            file: PathBuf::from(file),
            line: Some(line),
            what: message,
            fix: fix.into(),
        }],
        Err(e) => vec![Problem {
            file: v.dir.to_path_buf(),
            line: None,
            what: format!("replaying the up migrations failed: {e}"),
            fix: fix.into(),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrations::owned_files;

    fn owned(format: DirFormat, names: &[&str]) -> Vec<OwnedFile> {
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        owned_files(format, &names)
    }

    fn recorded(format: DirFormat, names: &[&str]) -> Sum {
        Sum::of(format, names.iter().map(|n| (*n, &b""[..])))
    }

    fn problems(format: DirFormat, names: &[&str], sum: Option<&[&str]>) -> Vec<String> {
        let sum = sum.map(|s| recorded(format, s));
        version_problems(Path::new("m"), format, &owned(format, names), sum.as_ref())
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn one_version_twice_is_named_at_the_second_file() {
        let got = problems(
            DirFormat::Goose,
            &["00001_a.sql", "00002_b.sql", "00002_c.sql"],
            None,
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].starts_with("m/00002_c.sql:1: version 2 is also used by 00002_b.sql"),
            "{got:?}"
        );
    }

    #[test]
    fn an_up_file_without_its_down_file_and_the_reverse() {
        let got = problems(
            DirFormat::GolangMigrate,
            &["000001_a.up.sql", "000002_b.down.sql"],
            None,
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].contains("000001_a.up.sql:1: version 1 has an up file but no down"));
        assert!(got[1].contains("000002_b.down.sql:1: version 2 has a down file but no up"));
        let flyway = problems(DirFormat::Flyway, &["V1__a.sql", "V1__a.sql.conf"], None);
        assert_eq!(flyway.len(), 1, "{flyway:?}");
        assert!(problems(DirFormat::Dbmate, &["1_a.sql"], None).is_empty());
    }

    #[test]
    fn a_new_version_below_the_newest_recorded_is_out_of_order() {
        let got = problems(
            DirFormat::Goose,
            &["00001_a.sql", "00002_branch.sql", "00003_c.sql"],
            Some(&["00001_a.sql", "00003_c.sql"]),
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].contains("00002_branch.sql:1: version 2 is new but below 3"));
        assert!(got[0].contains("renumber it above 3"), "{got:?}");
    }

    #[test]
    fn a_gap_counts_only_where_the_recorded_versions_count_up_by_one() {
        let got = problems(
            DirFormat::Goose,
            &["00001_a.sql", "00002_b.sql", "00004_d.sql"],
            Some(&["00001_a.sql", "00002_b.sql"]),
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].contains("version 4 leaves a gap after version 2"));
        assert!(got[0].contains("renumber it to 3"));
        // Timestamps never count up by one: no gap there.
        let stamps = problems(
            DirFormat::Dbmate,
            &["20240101_a.sql", "20240301_b.sql", "20240601_c.sql"],
            Some(&["20240101_a.sql", "20240301_b.sql"]),
        );
        assert!(stamps.is_empty(), "{stamps:?}");
        // The next version in turn is no problem.
        let next = problems(
            DirFormat::Goose,
            &["00001_a.sql", "00002_b.sql"],
            Some(&["00001_a.sql"]),
        );
        assert!(next.is_empty(), "{next:?}");
    }

    #[test]
    fn edited_missing_and_extra_files_are_placed_at_their_line() {
        let f = DirFormat::GolangMigrate;
        let sum = Sum::of(
            f,
            [
                ("000001_a.up.sql", &b"A"[..]),
                ("000002_b.up.sql", &b"B"[..]),
            ],
        );
        let now = Sum::of(
            f,
            [
                ("000001_a.up.sql", &b"A2"[..]),
                ("000003_c.up.sql", &b"C"[..]),
            ],
        );
        let got: Vec<String> = sum_problems(Path::new("m"), &sum, &now)
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].starts_with("m/000001_a.up.sql:1: edited since"));
        assert!(got[1].starts_with("m/000003_c.up.sql:1: not in migrator.sum"));
        assert!(got[2].starts_with("m/migrator.sum:3: 000002_b.up.sql: missing"));
        assert!(got.iter().all(|p| p.contains("\n  fix: ")));
    }
}
