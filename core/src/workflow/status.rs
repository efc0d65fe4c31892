//! `status`: where a live database stands against its migrations directory.
//!
//! Each directory format's tool keeps its own bookkeeping table, and only that table says
//! which versions ran; this module knows how each tool writes it ([`Tool`]), asks the
//! dialect to read it (read-only), and compares it with the files: the versions applied,
//! a version left half-applied, the files still to run and the applied versions whose file
//! is gone. Then it answers "is the database where the files say?": the applied files are
//! replayed offline, as `generate` replays them, and diffed against the live schema with
//! the same diff, so drift is reported as the changes that would bring the database back.

use super::source::{replay_files, Migrations};
use super::MigrationsDir;
use super::{report, scope, versioning, Edge, WorkflowError};
use crate::dialect::BuildOptions;
use crate::filter::Filter;
use crate::migrations::{BuiltStep, DirFormat, Existing};
use crate::pipeline::{self, Generate};
use crate::schema::{QualifiedName, Schema};
use std::collections::BTreeSet;

/// How one migration tool records what it ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tool {
    /// The bookkeeping table, as the tool names it (found on the search path).
    pub table: &'static str,
    /// The query that reads it, oldest row first.
    query: &'static str,
}

impl Tool {
    /// The tool that runs `format`'s directories.
    pub fn of(format: DirFormat) -> Tool {
        match format {
            // One row: the version reached and whether its migration failed half-way.
            DirFormat::GolangMigrate => Tool {
                table: "schema_migrations",
                query: "SELECT version::text, dirty::text FROM schema_migrations",
            },
            // A row per up or down run; the newest row of a version decides.
            DirFormat::Goose => Tool {
                table: "goose_db_version",
                query: "SELECT version_id::text, is_applied::text FROM goose_db_version \
                        ORDER BY id",
            },
            // A row per applied version, the version as the file name writes it.
            DirFormat::Dbmate => Tool {
                table: "schema_migrations",
                query: "SELECT version::text, 'false' FROM schema_migrations ORDER BY version",
            },
            // A row per run (versioned, undo, baseline), `success` false for a failed one.
            DirFormat::Flyway => Tool {
                table: "flyway_schema_history",
                query: "SELECT version, success::text, type FROM flyway_schema_history \
                        ORDER BY installed_rank",
            },
        }
    }
}

/// What the bookkeeping table says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recorded {
    /// The schema the table lives in.
    pub schema: String,
    /// The versions applied.
    pub applied: BTreeSet<u64>,
    /// A version whose migration failed part-way (golang-migrate `dirty`, Flyway
    /// `success = false`): the database is in between two versions.
    pub dirty: Option<u64>,
    /// Versions the table holds that are not whole numbers (Flyway `1.1`): never migrator's.
    pub unreadable: Vec<String>,
}

impl Recorded {
    /// Reads `rows` of [`Tool::of`]`(format)`'s query.
    pub fn read(format: DirFormat, schema: String, rows: &[Vec<Option<String>>]) -> Recorded {
        let mut r = Recorded {
            schema,
            ..Recorded::default()
        };
        for row in rows {
            let col = |i: usize| row.get(i).cloned().flatten();
            let Some(text) = col(0) else {
                continue; // Flyway's repeatable scripts have no version.
            };
            let Ok(version) = text.trim().parse::<u64>() else {
                r.unreadable.push(text);
                continue;
            };
            let flag = col(1).is_some_and(|f| f == "t" || f == "true");
            match format {
                DirFormat::GolangMigrate => {
                    // Every version up to the recorded one ran (the files say which exist).
                    r.applied.insert(version);
                    r.dirty = flag.then_some(version);
                }
                DirFormat::Goose if version == 0 => {} // goose's own first row
                DirFormat::Goose if flag => {
                    r.applied.insert(version);
                }
                DirFormat::Goose => {
                    r.applied.remove(&version);
                }
                DirFormat::Dbmate => {
                    r.applied.insert(version);
                }
                DirFormat::Flyway => match (col(2).as_deref(), flag) {
                    (Some("UNDO_SQL"), true) => {
                        r.applied.remove(&version);
                    }
                    (_, true) => {
                        r.applied.insert(version);
                    }
                    (_, false) => r.dirty = Some(version),
                },
            }
        }
        r
    }

    /// Whether `version` of the directory counts as applied. golang-migrate records only the
    /// version reached: every version up to it ran.
    fn covers(&self, format: DirFormat, version: u64) -> bool {
        match format {
            DirFormat::GolangMigrate => self.applied.iter().any(|&v| version <= v),
            DirFormat::Goose | DirFormat::Dbmate | DirFormat::Flyway => {
                self.applied.contains(&version)
            }
        }
    }
}

/// One status request.
pub struct StatusOf<'a> {
    pub migrations: MigrationsDir<'a>,
    pub dsn: &'a str,
    pub with_privileges: bool,
    /// The objects managed: others are neither replayed nor compared.
    pub filter: &'a Filter,
}

/// Where the database stands.
#[derive(Debug, Clone)]
pub struct Status {
    pub tool: Tool,
    /// `None`: the bookkeeping table does not exist, so nothing was applied.
    pub recorded: Option<Recorded>,
    /// The versions of the directory that count as applied, in order.
    pub applied: Vec<u64>,
    /// The directory's versions not applied, in order.
    pub pending: Vec<Existing>,
    /// Versions the database applied that the directory does not have.
    pub missing: Vec<u64>,
    /// The changes that would bring the live schema back to the replay of the applied
    /// files; empty when there is no drift.
    pub drift: Vec<BuiltStep>,
}

impl Status {
    /// True when the database is exactly where the files say, with nothing left to run.
    pub fn clean(&self) -> bool {
        self.sound() && self.pending.is_empty()
    }

    /// False when something needs a person: a half-applied version, missing files, drift.
    pub fn sound(&self) -> bool {
        self.recorded.as_ref().is_none_or(|r| r.dirty.is_none())
            && self.missing.is_empty()
            && self.drift.is_empty()
    }
}

/// Reads the bookkeeping table and the live schema, and compares both with the directory.
pub fn status(s: &StatusOf, edge: &mut dyn Edge) -> Result<Status, WorkflowError> {
    let existing = versioning::existing(s.migrations.dir, s.migrations.format, edge)?;
    let tool = Tool::of(s.migrations.format);
    let recorded = s
        .migrations
        .dialect
        .live()?
        .read_bookkeeping(s.dsn, tool.table, tool.query)?
        .map(|b| Recorded::read(s.migrations.format, b.schema, &b.rows));
    let covered = |m: &Existing| {
        recorded
            .as_ref()
            .is_some_and(|r| r.covers(s.migrations.format, m.version))
    };
    let (applied, pending): (Vec<Existing>, Vec<Existing>) =
        existing.iter().cloned().partition(|m| covered(m));
    let have: BTreeSet<u64> = existing.iter().map(|m| m.version).collect();
    let missing = recorded
        .iter()
        .flat_map(|r| r.applied.iter().copied())
        .filter(|v| !have.contains(v))
        .collect();
    let replayed = report(
        s.migrations.dialect.load_sql(
            &replay_files(
                Migrations {
                    dir: s.migrations.dir,
                    format: s.migrations.format,
                    existing: &applied,
                },
                edge,
            )?,
            s.filter,
        )?,
        edge,
    );
    let mut live = report(s.migrations.dialect.introspect(s.dsn)?, edge);
    if let Some(r) = &recorded {
        live.drop_relation(&QualifiedName::new(&r.schema, tool.table), false);
    }
    let compared = |schema: Schema| s.filter.apply(scope(schema, s.with_privileges)).schema;
    let options = BuildOptions {
        idempotent: false,
        pg_version: s.migrations.dialect.server_version(s.dsn)?,
        ..BuildOptions::default()
    };
    let drift = pipeline::generate(
        &Generate {
            dialect: s.migrations.dialect.name(),
            registry: s.migrations.registry,
            renderer: s.migrations.renderer,
            name: Some("drift"),
            options: &options,
        },
        &compared(live),
        &compared(replayed),
    )?;
    Ok(Status {
        tool,
        recorded,
        applied: applied.iter().map(|m| m.version).collect(),
        pending,
        missing,
        drift,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(r: &[&[Option<&str>]]) -> Vec<Vec<Option<String>>> {
        r.iter()
            .map(|row| row.iter().map(|c| c.map(str::to_string)).collect())
            .collect()
    }

    #[test]
    fn golang_migrate_records_the_version_reached_and_its_dirty_flag() {
        let r = Recorded::read(
            DirFormat::GolangMigrate,
            "public".into(),
            &rows(&[&[Some("3"), Some("t")]]),
        );
        assert_eq!(r.dirty, Some(3));
        assert!(r.covers(DirFormat::GolangMigrate, 2));
        assert!(r.covers(DirFormat::GolangMigrate, 3));
        assert!(!r.covers(DirFormat::GolangMigrate, 4));
    }

    #[test]
    fn goose_takes_the_newest_row_of_each_version() {
        let r = Recorded::read(
            DirFormat::Goose,
            "public".into(),
            &rows(&[
                &[Some("0"), Some("t")],
                &[Some("1"), Some("t")],
                &[Some("2"), Some("t")],
                &[Some("2"), Some("f")],
            ]),
        );
        assert_eq!(r.applied, BTreeSet::from([1]));
        assert!(!r.covers(DirFormat::Goose, 2));
    }

    #[test]
    fn flyway_failed_runs_are_dirty_undo_removes_and_odd_versions_are_named() {
        let r = Recorded::read(
            DirFormat::Flyway,
            "public".into(),
            &rows(&[
                &[Some("1"), Some("true"), Some("SQL")],
                &[Some("2"), Some("true"), Some("SQL")],
                &[Some("2"), Some("true"), Some("UNDO_SQL")],
                &[None, Some("true"), Some("SQL")],
                &[Some("1.1"), Some("true"), Some("SQL")],
                &[Some("3"), Some("false"), Some("SQL")],
            ]),
        );
        assert_eq!(r.applied, BTreeSet::from([1]));
        assert_eq!(r.dirty, Some(3));
        assert_eq!(r.unreadable, ["1.1"]);
    }
}
