//! Command-line arguments (clap). The flag names are a contract: tests and scripts outside
//! the project call them exactly so.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  # initial migration from SQL files, no database needed
  migrator generate --dialect postgres --schema schema/ --migrations migrations/
  # upgrade after editing schema/ (current state = replay of migrations/)
  migrator generate --schema schema/ --migrations migrations/ --name add_orders
  # upgrade against a live database (read-only)
  migrator generate --schema schema/ --dsn postgres://user@host/db
  # in CI: the files against migrator.sum, versions, up/down pairs, SQL (exit 0 or 1)
  migrator validate --migrations migrations/
  # is production where the files say? (exit 0 up to date, 2 pending, 1 dirty/drift)
  migrator status --dsn postgres://user@host/db --migrations migrations/
  # snapshot of a live database's schema, and generating against it
  migrator inspect --dsn postgres://user@host/db > current.json
  migrator generate --schema schema/ --current current.json
  # goose files, with the project's own templates
  migrator templates export templates/   # then edit, e.g. templates/postgres/add_column.sql
  migrator generate --schema schema/ --dir-format goose --templates templates/
  # a dialect plugin
  migrator dialects --plugin ./libmigrator_plugin_citus.so
  migrator generate --plugin ./libmigrator_plugin_citus.so --dialect citus --schema schema/";

/// migrator writes versioned database migrations from the schema you want.
#[derive(Debug, Parser)]
#[command(name = "migrator", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Dialect to generate for: postgres (default) or timescale; repeat to write one
    /// directory per dialect. Also read from `dialect` in migrator.toml.
    #[arg(long, global = true, value_name = "NAME")]
    pub dialect: Vec<String>,

    /// Project configuration file.
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        default_value = "migrator.toml"
    )]
    pub config: PathBuf,

    /// Project template directory: a file there (e.g. `postgres/add_column.sql`,
    /// `formats/goose/migration.sql`) replaces the built-in template of the same name.
    /// Also read from `templates` in migrator.toml.
    #[arg(long, global = true, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// Migrations directory format: golang-migrate (default), goose, dbmate or flyway.
    /// Also read from `dir_format` in migrator.toml.
    #[arg(long, global = true, value_name = "FORMAT")]
    pub dir_format: Option<String>,

    /// Load a dialect plugin (a shared library built against migrator-plugin-api);
    /// repeatable. Also read from `plugins` in migrator.toml.
    #[arg(long = "plugin", global = true, value_name = "PATH")]
    pub plugins: Vec<PathBuf>,

    /// Manage privileges: GRANT/REVOKE on tables, columns, sequences, functions and schemas,
    /// and ALTER DEFAULT PRIVILEGES, in the desired SQL and in the database are compared. Off by default (roles differ
    /// between environments): grants are then ignored on both sides. Also read from
    /// `with_privileges` in migrator.toml.
    #[arg(long, global = true)]
    pub with_privileges: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare the desired schema with the current one and write migration files.
    Generate(GenerateArgs),
    /// Print the changes `generate` would write (steps, SQL, hazards) without writing.
    Diff(DiffArgs),
    /// Prove the migrations on an empty scratch database: every up file applied as
    /// golang-migrate applies it, the result compared with the desired schema, then every
    /// down file, back to empty.
    Verify(VerifyArgs),
    /// Print a schema (from a live database or from SQL files) as JSON or SQL.
    Inspect(InspectArgs),
    /// Check the migrations directory offline: files against migrator.sum, version
    /// numbers, up files without down files, and the SQL. Exits 0 when sound, 1 when it
    /// finds a problem (each printed with its file:line and what to do) or fails.
    Validate(ValidateArgs),
    /// Rewrite migrator.sum from the files as they are, accepting deliberate edits.
    Sum(SumArgs),
    /// Where a live database stands (read-only): the version its migration tool recorded,
    /// a half-applied version, pending files, applied versions without a file, and drift
    /// from the replay of the applied files. Exits 0 when up to date, 2 when only files are
    /// pending, 1 on a problem or a failure.
    Status(StatusArgs),
    /// Start a migrations directory from a live database: version 1 creates its schema
    /// (with its down), recorded in migrator.sum; prints how to mark it applied.
    Baseline(StatusArgs),
    /// Replace versions 1..N with one migration numbered N, equal to their replay.
    Squash(SquashArgs),
    /// List the dialects migrator knows (built-in and loaded plugins).
    Dialects,
    /// List or export the templates statements and files are rendered from.
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Print a completion script for a shell, e.g. `migrator completions bash >
    /// ~/.local/share/bash-completion/completions/migrator`.
    Completions {
        /// The shell: bash, zsh, fish, elvish or powershell.
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// List the templates of the dialect (and its bases) and of the output format, each
    /// with its origin: built-in or the overriding file.
    List,
    /// Write every built-in template into DIR, ready to edit; existing files are kept.
    Export {
        /// The directory to write into (created when missing).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The desired schema: a .sql file, or a directory read recursively in path order.
    #[arg(long, value_name = "PATH")]
    pub schema: Option<PathBuf>,

    /// The migrations directory (default: `migrations`, or `migrations` in migrator.toml).
    #[arg(long, value_name = "DIR")]
    pub migrations: Option<PathBuf>,

    /// Read the current schema from this live database (read-only).
    #[arg(long, value_name = "DSN", conflicts_with_all = ["current", "full"])]
    pub dsn: Option<String>,

    /// With `--dialect timescale` and a plain-PostgreSQL `--dsn`: tables and the rest come
    /// from the database, TimescaleDB objects from replaying the existing migrations.
    #[arg(long, requires = "dsn")]
    pub fake_tsdb: bool,

    /// Read the current schema from a JSON snapshot written by `migrator inspect`.
    #[arg(long, value_name = "FILE", conflicts_with = "full")]
    pub current: Option<PathBuf>,

    /// The description in the file names (default: derived from the changes).
    #[arg(long)]
    pub name: Option<String>,

    /// Ignore the current state and write the full initial migration.
    #[arg(long)]
    pub full: bool,

    /// File prefix `<version>_<description>` (e.g. `2_v0.0.2`) instead of an automatic one.
    #[arg(long, value_name = "PREFIX", conflicts_with = "start_version")]
    pub prefix: Option<String>,

    /// The version of the first new migration (must be above every existing one).
    #[arg(long, value_name = "N")]
    pub start_version: Option<u64>,

    /// Accept changes that delete data (dropped tables, columns, schemas, sequences).
    /// Without it, generate lists them and exits with code 3, writing nothing.
    #[arg(long)]
    pub allow_destructive: bool,

    /// Online-safe DDL for objects that already exist: indexes built and dropped
    /// CONCURRENTLY (each in a migration of its own), FOREIGN KEY and CHECK constraints
    /// added NOT VALID and validated in a last step, SET NOT NULL through a validated
    /// check, and lock/statement timeouts at the top of every transactional file.
    #[arg(long)]
    pub online: bool,

    /// With --online: `SET LOCAL lock_timeout` (default 5s).
    #[arg(long, value_name = "DURATION")]
    pub lock_timeout: Option<String>,

    /// With --online: `SET LOCAL statement_timeout` (default 15min; 0 turns it off).
    #[arg(long, value_name = "DURATION")]
    pub statement_timeout: Option<String>,

    /// Write plain DDL instead of statements that can run twice (IF NOT EXISTS, IF
    /// EXISTS, catalog guards).
    #[arg(long)]
    pub no_idempotent: bool,

    /// The PostgreSQL major version the migrations target (default: the server's with
    /// --dsn, else 15).
    #[arg(long, value_name = "N")]
    pub pg_version: Option<u32>,

    #[command(flatten)]
    pub filter: FilterArgs,
}

/// Which objects migrator manages, on both sides (docs/FILTERS.md). Each adds to the list
/// of the same name in migrator.toml, except `--schemas`, which replaces it.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Manage only objects matching PATTERN (`app.*`, `table:public.users`, `schema:app`);
    /// repeatable, the last matching pattern decides, `!PATTERN` leaves out. Also
    /// `include = [...]` in migrator.toml.
    #[arg(long = "include", value_name = "PATTERN")]
    pub include: Vec<String>,

    /// Leave objects matching PATTERN alone: never created, altered or dropped
    /// (`public.events_p*`, `partman.*`, `function:pg_*`, `"Odd Name"`); repeatable, the
    /// last matching pattern decides, `!PATTERN` takes back. Also `exclude = [...]`.
    #[arg(long = "exclude", value_name = "PATTERN")]
    pub exclude: Vec<String>,

    /// Manage only the objects in these schemas (comma-separated or repeated; globs
    /// allowed). Replaces `schemas = [...]` in migrator.toml.
    #[arg(long = "schemas", value_name = "NAME", value_delimiter = ',')]
    pub schemas: Vec<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InspectFormat {
    Json,
    Sql,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Read the schema of this live database.
    #[arg(
        long,
        value_name = "DSN",
        conflicts_with = "schema",
        required_unless_present = "schema"
    )]
    pub dsn: Option<String>,

    /// Read the schema from SQL files instead.
    #[arg(long, value_name = "PATH")]
    pub schema: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: InspectFormat,

    /// Print on stderr each object the filters leave out, and the pattern or rule why.
    #[arg(long)]
    pub explain_filters: bool,

    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub generate: GenerateArgs,

    /// Exit with 2 when there are changes and 0 when there are none (1 is an error): a
    /// drift check for CI.
    #[arg(long)]
    pub exit_code: bool,

    /// Output format.
    #[arg(long = "format", value_enum, default_value = "text")]
    pub output: DiffFormat,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// An empty scratch database (it is changed, and must be empty to start with).
    #[arg(long, value_name = "DSN")]
    pub dsn: String,

    /// The desired schema the migrations must reach (default: `schema` in migrator.toml;
    /// without one, only up and down are checked).
    #[arg(long, value_name = "PATH")]
    pub schema: Option<PathBuf>,

    /// The migrations directory (default: `migrations`).
    #[arg(long, value_name = "DIR")]
    pub migrations: Option<PathBuf>,

    /// Seed generated rows into every table before each version, and fail when an up or
    /// down file loses rows or values that none of its changes declares deleting.
    #[arg(long)]
    pub with_data: bool,

    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The migrations directory (default: `migrations`, or `migrations` in migrator.toml).
    #[arg(long, value_name = "DIR")]
    pub migrations: Option<PathBuf>,

    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct SumArgs {
    /// Rewrite the sum from the files as they are (required: it accepts every edit, so
    /// it is never done by accident).
    #[arg(long, required = true)]
    pub rehash: bool,

    /// The migrations directory (default: `migrations`, or `migrations` in migrator.toml).
    #[arg(long, value_name = "DIR")]
    pub migrations: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The live database (read-only).
    #[arg(long, value_name = "DSN")]
    pub dsn: String,

    /// The migrations directory (default: `migrations`, or `migrations` in migrator.toml).
    #[arg(long, value_name = "DIR")]
    pub migrations: Option<PathBuf>,

    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct SquashArgs {
    /// The last version squashed: versions up to N become one migration numbered N.
    #[arg(long, value_name = "N")]
    pub to: u64,

    /// Confirm that no database has run any of the squashed versions (required: one that
    /// has would re-run or skip them wrongly).
    #[arg(long)]
    pub not_applied_anywhere: bool,

    /// The migrations directory (default: `migrations`, or `migrations` in migrator.toml).
    #[arg(long, value_name = "DIR")]
    pub migrations: Option<PathBuf>,

    #[command(flatten)]
    pub filter: FilterArgs,
}
