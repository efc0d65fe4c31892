//! The workflows behind migrator's commands, short of their I/O.
//!
//! A front end (the CLI) turns its flags into a request and hands it here: [`generate`]
//! plans the files of one generation, [`verify`] proves a migrations directory on a scratch
//! database, [`validate`] checks one offline. The steps they share have their own modules:
//! [`source`] chooses where the current schema comes from, [`versioning`] reads the
//! migrations directory and numbers the new files, [`integrity`] keeps a directory and its
//! `migrator.sum` in step, [`rows`] decides which rows `verify --with-data` must find kept.
//! [`status`] compares a live database with the directory, and [`rewrite`] starts a
//! directory from a database (`baseline`) or shortens one (`squash`).
//!
//! The workflows call the [`Dialect`](crate::dialect::Dialect) trait's I/O methods (load,
//! introspect, execute) but never name a dialect: where dialects differ, the dialect
//! declares a capability. Files are read, and warnings and progress reported, through
//! [`Edge`], which the front end implements; nothing here touches the file system.

pub mod generate;
pub mod integrity;
pub mod rewrite;
pub mod rows;
pub mod source;
pub mod status;
pub mod validate;
pub mod verify;
pub mod versioning;

use crate::dialect::{BuildError, LoadError, Loaded, SourceFile, Warning};
use crate::dialects::DialectError;
use crate::migrations::FileError;
use crate::pipeline::PipelineError;
use crate::schema::Schema;
use std::path::{Path, PathBuf};

/// A dialect's migrations directory and how changes render into it: what the workflows that
/// write migrations (`generate`, `baseline`, `squash`) or compare a database with them
/// (`status`) start from.
#[derive(Clone, Copy)]
pub struct MigrationsDir<'a> {
    pub dialect: &'a dyn crate::dialect::Dialect,
    pub registry: &'a crate::dialect::Registry,
    pub renderer: &'a crate::render::Renderer,
    pub dir: &'a Path,
    pub format: crate::migrations::DirFormat,
}

/// What a workflow needs from the program around it: files to read, and somewhere to say
/// things. The CLI implements it on the file system and its output streams.
pub trait Edge {
    /// The `.sql` files at `path`: the file itself, or a directory's, recursively in path
    /// order. An error is a message for the user.
    fn read_sql(&mut self, path: &Path) -> Result<Vec<SourceFile>, String>;

    /// The text of the file at `path`.
    fn read_file(&mut self, path: &Path) -> std::io::Result<String>;

    /// The names of the files (not directories) in `dir`; `None` when `dir` does not exist.
    fn file_names(&mut self, dir: &Path) -> std::io::Result<Option<Vec<String>>>;

    /// A warning raised while loading a schema.
    fn warn(&mut self, warning: &Warning);

    /// A line of progress for the user (`verify`: one per migration run).
    fn progress(&mut self, line: &str);
}

/// The names of the files in `dir` (`None` when it does not exist), an error reading it a
/// [`WorkflowError::Read`].
pub(crate) fn dir_file_names(
    edge: &mut dyn Edge,
    dir: &Path,
) -> Result<Option<Vec<String>>, WorkflowError> {
    edge.file_names(dir).map_err(|source| WorkflowError::Read {
        path: dir.to_path_buf(),
        source,
    })
}

/// A failed workflow; every message is written for the user.
#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    /// Reading SQL files at the edge failed (the message says which and why).
    #[error("{0}")]
    Sql(String),
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} is not a schema snapshot: {source}", path.display())]
    Snapshot {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    /// `--fake-tsdb` for a dialect whose objects can all be read from its server.
    #[error("--fake-tsdb applies to --dialect {capable} only")]
    NothingToReplay {
        /// The dialects that declare objects only a replay can provide.
        capable: String,
    },
    #[error(
        "refusing to generate destructive changes ({dialect}); nothing was written. \
         Review them and pass --allow-destructive (or allow_destructive = true \
         in migrator.toml):\n  - {}",
        changes.join("\n  - ")
    )]
    Destructive {
        dialect: String,
        /// Each change's label with its hazards.
        changes: Vec<String>,
    },
    /// Generation options the dialect refused.
    #[error(transparent)]
    Options(BuildError),
    #[error(transparent)]
    Version(#[from] versioning::VersionError),
    #[error(transparent)]
    Verify(#[from] verify::VerifyError),
    #[error(transparent)]
    Integrity(#[from] integrity::IntegrityError),
    #[error(transparent)]
    Rewrite(#[from] rewrite::RewriteError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Dialect(#[from] DialectError),
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
    #[error(transparent)]
    Files(#[from] FileError),
}

/// The schema as the workflows compare it: without privileges unless they are managed
/// (`--with-privileges`), since roles differ between environments.
pub fn scope(mut schema: Schema, with_privileges: bool) -> Schema {
    if !with_privileges {
        schema.privileges.clear();
        schema.default_privileges.clear();
    }
    schema
}

/// The schema of `loaded`, its warnings said on the way.
pub fn report(loaded: Loaded, edge: &mut dyn Edge) -> Schema {
    for w in &loaded.warnings {
        edge.warn(w);
    }
    loaded.schema
}

/// The schema the SQL files at `path` declare.
pub fn load_path(
    dialect: &dyn crate::dialect::Dialect,
    path: &Path,
    managed: &crate::filter::Filter,
    edge: &mut dyn Edge,
) -> Result<Schema, WorkflowError> {
    let files = edge.read_sql(path).map_err(WorkflowError::Sql)?;
    Ok(report(dialect.load_sql(&files, managed)?, edge))
}
