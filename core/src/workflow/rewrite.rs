//! `baseline` and `squash`: a migrations directory started from, or shortened to, one
//! initial migration.
//!
//! Both build the migration as `generate --full` does, from an empty schema to a whole one
//! (with its down, which drops it all): `baseline` takes the whole schema from a live
//! database a project already has, `squash` from the replay of versions 1..N. Writing is
//! the caller's, through the same lock, sum gate and crash-safe writer as `generate`; this
//! module decides the files, the files they replace, and what the user must run next.

use super::source::{replay_files, Migrations};
use super::status::Tool;
use super::MigrationsDir;
use super::{report, scope, versioning, Edge, WorkflowError};
use crate::dialect::{BuildOptions, DEFAULT_PG_VERSION};
use crate::filter::Filter;
use crate::migrations::{self, owned_files, DirFormat, OutputFile};
use crate::pipeline::{self, Generate};
use crate::schema::{QualifiedName, Schema};
use std::path::{Path, PathBuf};

/// What `baseline` and `squash` build on.
pub struct Target<'a> {
    pub migrations: MigrationsDir<'a>,
    /// The objects managed (`baseline` leaves the others out; `squash` loads with it).
    pub filter: &'a Filter,
    pub with_privileges: bool,
    /// The files are re-runnable (`idempotent`, as `generate` writes them by default).
    pub idempotent: bool,
    /// The PostgreSQL version the files are for; `None`: the server's (`baseline`), or
    /// the default (`squash`).
    pub pg_version: Option<u32>,
}

/// Why a directory cannot be baselined or squashed.
#[derive(Debug, thiserror::Error)]
pub enum RewriteError {
    #[error(
        "{}: already has migrations ({}); baseline starts a new directory. Generate the \
         next migration with `migrator generate`, or baseline into an empty directory",
        dir.display(),
        files.join(", ")
    )]
    NotEmpty { dir: PathBuf, files: Vec<String> },
    #[error("the database has no objects to baseline (after the filters)")]
    Nothing,
    #[error("{}: there is no version {to} to squash to (versions: {versions})", dir.display())]
    NoSuchVersion {
        dir: PathBuf,
        to: u64,
        versions: String,
    },
    #[error("{}: version {to} is the only version up to {to}; nothing to squash", dir.display())]
    One { dir: PathBuf, to: u64 },
    #[error(
        "refusing to squash versions {first}..{to}: {why} Pass --not-applied-anywhere only \
         when no database (production, staging, a colleague's) has run any of them, e.g. \
         they were never released"
    )]
    MayBeApplied {
        first: u64,
        to: u64,
        why: &'static str,
    },
    #[error(
        "the replay of versions 1..{to} needs {steps} migrations (statements that cannot \
         share a transaction), more than the {to} version numbers up to {to}"
    )]
    TooManySteps { to: u64, steps: usize },
}

/// The files `baseline` writes and the version a database must be marked at.
#[derive(Debug, Clone)]
pub struct Baseline {
    pub files: Vec<OutputFile>,
    /// The last version written (1 unless the schema needs several migrations).
    pub version: u64,
}

/// The initial migration of the live database at `dsn`: its managed objects, without the
/// migration tool's own bookkeeping table. Refuses a directory with migrations.
pub fn baseline(t: &Target, dsn: &str, edge: &mut dyn Edge) -> Result<Baseline, WorkflowError> {
    let names = super::dir_file_names(edge, t.migrations.dir)?.unwrap_or_default();
    let owned: Vec<String> = owned_files(t.migrations.format, &names)
        .into_iter()
        .map(|f| f.name)
        .collect();
    if !owned.is_empty() {
        return Err(RewriteError::NotEmpty {
            dir: t.migrations.dir.to_path_buf(),
            files: owned,
        }
        .into());
    }
    let mut live = report(t.migrations.dialect.introspect(dsn)?, edge);
    let tool = Tool::of(t.migrations.format);
    if let Some(b) = t
        .migrations
        .dialect
        .live()?
        .read_bookkeeping(dsn, tool.table, "SELECT 1")?
    {
        live.drop_relation(&QualifiedName::new(&b.schema, tool.table), false);
    }
    let live = t.filter.apply(scope(live, t.with_privileges)).schema;
    if live.is_empty() {
        return Err(RewriteError::Nothing.into());
    }
    let pg_version = match t.pg_version {
        Some(v) => v,
        None => t.migrations.dialect.server_version(dsn)?,
    };
    let steps = steps(t, &live, "baseline", pg_version)?;
    let files = migrations::render_files(
        t.migrations.format,
        t.migrations.renderer,
        &steps,
        1,
        t.migrations.format.default_width(),
    )?;
    Ok(Baseline {
        version: steps.len() as u64,
        files,
    })
}

/// The files `squash` writes and the files they replace.
#[derive(Debug, Clone)]
pub struct Squashed {
    pub files: Vec<OutputFile>,
    /// Every file of versions 1..N (the format's own files, `.conf` included).
    pub removed: Vec<String>,
    /// The versions replaced.
    pub versions: Vec<u64>,
}

/// Versions 1..`to` as one migration numbered `to` (or a few ending at `to`, when some
/// statements must run outside a transaction), equal to their replay. Refuses unless
/// `applied_nowhere`: a database that ran some of them would go wrong.
pub fn squash(
    t: &Target,
    to: u64,
    applied_nowhere: bool,
    edge: &mut dyn Edge,
) -> Result<Squashed, WorkflowError> {
    let existing = versioning::existing(t.migrations.dir, t.migrations.format, edge)?;
    let squashed: Vec<_> = existing
        .iter()
        .filter(|m| m.version <= to)
        .cloned()
        .collect();
    let Some(last) = squashed.last().filter(|m| m.version == to) else {
        let versions: Vec<String> = existing.iter().map(|m| m.version.to_string()).collect();
        return Err(RewriteError::NoSuchVersion {
            dir: t.migrations.dir.to_path_buf(),
            to,
            versions: versions.join(", "),
        }
        .into());
    };
    if squashed.len() < 2 {
        return Err(RewriteError::One {
            dir: t.migrations.dir.to_path_buf(),
            to,
        }
        .into());
    }
    if !applied_nowhere {
        return Err(RewriteError::MayBeApplied {
            first: squashed[0].version,
            to,
            why: why_not_applied(t.migrations.format),
        }
        .into());
    }
    let width = last
        .up
        .as_deref()
        .map(|f| f.trim_start_matches('V'))
        .map(|f| f.chars().take_while(char::is_ascii_digit).count())
        .unwrap_or_else(|| t.migrations.format.default_width());
    let files = replay_files(
        Migrations {
            dir: t.migrations.dir,
            format: t.migrations.format,
            existing: &squashed,
        },
        edge,
    )?;
    let replayed = report(t.migrations.dialect.load_sql(&files, t.filter)?, edge);
    let name = format!("squashed_to_{to}");
    // The whole replay, privileges included: the squash must equal what it replaces.
    let steps = steps(
        t,
        &replayed,
        &name,
        t.pg_version.unwrap_or(DEFAULT_PG_VERSION),
    )?;
    if steps.len() as u64 > to {
        return Err(RewriteError::TooManySteps {
            to,
            steps: steps.len(),
        }
        .into());
    }
    let first = to + 1 - steps.len() as u64;
    let files = migrations::render_files(
        t.migrations.format,
        t.migrations.renderer,
        &steps,
        first,
        width,
    )?;
    let names = super::dir_file_names(edge, t.migrations.dir)?.unwrap_or_default();
    let removed = owned_files(t.migrations.format, &names)
        .into_iter()
        .filter(|f| f.number().is_some_and(|v| v <= to))
        .map(|f| f.name)
        .collect();
    Ok(Squashed {
        files,
        removed,
        versions: squashed.iter().map(|m| m.version).collect(),
    })
}

/// Why a squashed version must not have run anywhere, in the tool's own terms.
fn why_not_applied(format: DirFormat) -> &'static str {
    match format {
        DirFormat::GolangMigrate => {
            "golang-migrate records only the version a database reached: one that ran all \
             of them skips the squashed migration, but one that stopped below the last \
             would run the squashed migration on top of the objects it already has, and \
             fail or go wrong."
        }
        DirFormat::Goose | DirFormat::Dbmate => {
            "the tool records each version it ran: a database that ran some of them would \
             find those versions' files gone and run the squashed migration on top of the \
             objects it already has, and fail or go wrong."
        }
        DirFormat::Flyway => {
            "Flyway records each version with its checksum: a database that ran some of \
             them fails `flyway validate` (applied migrations missing or changed), and one \
             that stopped below the last would run the squashed migration on top of the \
             objects it already has."
        }
    }
}

/// The command that marks `version` applied on a database that already has the schema,
/// for the tool of `format`; migrator never writes to the database itself.
pub fn mark_applied(format: DirFormat, dir: &Path, version: u64) -> String {
    let dir = dir.display();
    match format {
        DirFormat::GolangMigrate => {
            format!("migrate -path {dir} -database \"$DATABASE_URL\" force {version}")
        }
        DirFormat::Goose => format!(
            "goose -dir {dir} postgres \"$DATABASE_URL\" version   # creates goose_db_version\n  \
             psql \"$DATABASE_URL\" -c \"INSERT INTO goose_db_version (version_id, is_applied) \
             VALUES ({version}, true)\""
        ),
        DirFormat::Dbmate => format!(
            "psql \"$DATABASE_URL\" -c \"CREATE TABLE IF NOT EXISTS schema_migrations \
             (version varchar(128) PRIMARY KEY); INSERT INTO schema_migrations (version) \
             VALUES ('{version:0width$}')\"",
            width = format.default_width()
        ),
        DirFormat::Flyway => format!(
            "flyway -url=\"jdbc:postgresql://HOST/DB\" -locations=filesystem:{dir} \
             -baselineVersion={version} baseline"
        ),
    }
}

/// The steps that create `schema` from nothing.
fn steps(
    t: &Target,
    schema: &Schema,
    name: &str,
    pg_version: u32,
) -> Result<Vec<migrations::BuiltStep>, WorkflowError> {
    let options = BuildOptions {
        pg_version,
        idempotent: t.idempotent,
        ..BuildOptions::default()
    };
    Ok(pipeline::generate(
        &Generate {
            dialect: t.migrations.dialect.name(),
            registry: t.migrations.registry,
            renderer: t.migrations.renderer,
            name: Some(name),
            options: &options,
        },
        &Schema::default(),
        schema,
    )?)
}
