//! `generate` short of writing: from the desired schema and the current source to the steps
//! and the files they render to.
//!
//! The order is part of the contract, since it decides which error a user sees first: the
//! desired schema, the migrations directory, the current schema, the destructive-change
//! gate, the options, the version numbers, then the pipeline and the files. Both schemas
//! are filtered ([`Filter`]) before they are compared, so what is not managed is never
//! created, altered or dropped.

use super::source::{current_schema, CurrentSource, Migrations};
use super::versioning::{self, Numbering};
use super::MigrationsDir;
use super::{load_path, scope, Edge, WorkflowError};
use crate::dialect::{BuildOptions, DEFAULT_PG_VERSION};
use crate::dialects::Dialects;
use crate::filter::Filter;
use crate::migrations::{self, BuiltStep, OutputFile};
use crate::pipeline::{self, Generate};
use std::path::Path;

/// The choices of a generation that hold for every dialect it writes.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the current schema comes from.
    pub source: CurrentSource,
    /// Privileges are compared (`--with-privileges`).
    pub with_privileges: bool,
    /// Changes that delete data are accepted (`--allow-destructive`).
    pub allow_destructive: bool,
    /// The description for the files; derived from the changes when `None`.
    pub name: Option<String>,
    pub numbering: Numbering,
    pub options: Options,
    /// The objects managed (`--include`, `--exclude`, `schemas`), on both sides.
    pub filter: Filter,
}

/// The generation options as requested, before the server version is known.
#[derive(Debug, Clone)]
pub struct Options {
    pub online: bool,
    pub idempotent: bool,
    /// The target's major version; `None`: the live server's, else the default.
    pub pg_version: Option<u32>,
    pub lock_timeout: String,
    pub statement_timeout: String,
}

/// One generation for one dialect.
pub struct Generation<'a> {
    /// Every known dialect: the chain checks the options, and an error lists the dialects
    /// that can replay what their base server lacks.
    pub dialects: &'a Dialects,
    /// The migrations directory of this dialect.
    pub migrations: MigrationsDir<'a>,
    /// The desired schema's SQL: a file or a directory.
    pub schema: &'a Path,
    pub settings: &'a Settings,
}

/// The steps of one generation and the files they render to.
#[derive(Debug, Clone)]
pub struct Planned {
    pub steps: Vec<BuiltStep>,
    pub files: Vec<OutputFile>,
}

/// Everything `generate` does short of writing: the steps and files, or `None` for no
/// changes.
pub fn plan(g: &Generation, edge: &mut dyn Edge) -> Result<Option<Planned>, WorkflowError> {
    let s = g.settings;
    let desired = load_path(g.migrations.dialect, g.schema, &s.filter, edge)?;
    let existing = versioning::existing(g.migrations.dir, g.migrations.format, edge)?;
    let migrations = Migrations {
        dir: g.migrations.dir,
        format: g.migrations.format,
        existing: &existing,
    };
    let current = current_schema(
        g.dialects,
        g.migrations.dialect,
        &s.source,
        migrations,
        &s.filter,
        edge,
    )?;
    let (current, desired) = (
        s.filter.apply(scope(current, s.with_privileges)).schema,
        s.filter.apply(scope(desired, s.with_privileges)).schema,
    );
    // Diffed once, for the gate and the pipeline.
    let changes = crate::diff::diff(&current, &desired);
    if !s.allow_destructive {
        let destructive = pipeline::destructive(&changes, &current);
        if !destructive.is_empty() {
            return Err(WorkflowError::Destructive {
                dialect: g.migrations.dialect.name().to_string(),
                changes: destructive,
            });
        }
    }
    let options = build_options(g)?;
    let versions = versioning::number(&s.numbering, &existing, g.migrations.format)?;
    let name = s.name.as_deref().or(versions.description.as_deref());
    let mut steps = pipeline::generate_from(
        &Generate {
            dialect: g.migrations.dialect.name(),
            registry: g.migrations.registry,
            renderer: g.migrations.renderer,
            name,
            options: &options,
        },
        &current,
        &desired,
        changes,
    )?;
    // The steps hold every statement: the schemas are no longer needed, and freeing them
    // before the files are rendered keeps them out of the memory peak.
    drop((current, desired));
    if steps.is_empty() {
        return Ok(None);
    }
    if let Some(desc) = &versions.description {
        for step in &mut steps {
            step.description = desc.clone();
        }
    }
    let files = migrations::render_files(
        g.migrations.format,
        g.migrations.renderer,
        &steps,
        versions.first,
        versions.width,
    )?;
    Ok(Some(Planned { steps, files }))
}

/// The build options: the requested ones, the server's version when none was asked for,
/// checked by every dialect of the chain.
fn build_options(g: &Generation) -> Result<BuildOptions, WorkflowError> {
    let o = &g.settings.options;
    let pg_version = match (o.pg_version, g.settings.source.dsn()) {
        (Some(v), _) => v,
        (None, Some(dsn)) => g.migrations.dialect.server_version(dsn)?,
        (None, None) => DEFAULT_PG_VERSION,
    };
    let options = BuildOptions {
        online: o.online,
        idempotent: o.idempotent,
        pg_version,
        lock_timeout: o.lock_timeout.clone(),
        statement_timeout: o.statement_timeout.clone(),
    };
    for d in g.dialects.chain(g.migrations.dialect.name())? {
        d.check_options(&options).map_err(WorkflowError::Options)?;
    }
    Ok(options)
}
