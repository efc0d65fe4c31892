//! The `Dialect` trait and the `Registry` of DDL builders a dialect fills in.
//!
//! A dialect knows three things the core does not: how to read a schema (SQL text, a live
//! catalog), which DDL implements each change kind, and each change's transaction rule. It
//! states the last two by registering one builder and one rule per [`Change::kind`] in a
//! plain table; a dialect with a base (TimescaleDB on PostgreSQL) starts from its base's
//! table and overrides only what differs. Templates are inherited the same way, by name.
//!
//! Registration is typed: a builder is a function of its own change type
//! (`fn(&AddColumn, &BuildContext)`), keyed by that type's [`ChangeKind::KIND`]; dialect
//! objects register by their object kind with [`DialectObjectChange`]. The registry does the
//! one typed borrow, so no builder ever matches on [`Change`].

use crate::change::{Change, ChangeKind};
use crate::filter::Filter;
use crate::kinds::DialectObjectChange;
use crate::plan::TxRule;
use crate::render::{RenderError, Renderer};
use crate::schema::Schema;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// One piece of SQL a builder produced for a change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Statement {
    pub sql: String,
    /// 0: runs with its change. Above 0: runs in one last step after every other step,
    /// in increasing order (`--online`: 1 for the `VALIDATE CONSTRAINT` that follows an
    /// `ADD CONSTRAINT … NOT VALID`, which lets writers through; 2 for what must come after
    /// every validation, such as `SET NOT NULL`, whose ACCESS EXCLUSIVE lock would
    /// otherwise be held through the following scans).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub deferred: u8,
}

impl Statement {
    pub fn new(sql: impl Into<String>) -> Statement {
        Statement {
            sql: sql.into(),
            deferred: 0,
        }
    }
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

/// How the DDL is written: the generation options a builder and a rule can read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BuildOptions {
    /// `--online`: changes to existing objects avoid long locks (`CONCURRENTLY`,
    /// `NOT VALID` + `VALIDATE`, lock and statement timeouts).
    pub online: bool,
    /// Statements that can run twice (`IF NOT EXISTS`, `IF EXISTS`, catalog guards).
    pub idempotent: bool,
    /// The target server's major version (e.g. 15).
    pub pg_version: u32,
    /// `SET LOCAL lock_timeout` in every transactional file under `--online`.
    pub lock_timeout: String,
    /// `SET LOCAL statement_timeout` in every transactional file under `--online`.
    pub statement_timeout: String,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            online: false,
            idempotent: true,
            pg_version: DEFAULT_PG_VERSION,
            lock_timeout: DEFAULT_LOCK_TIMEOUT.to_string(),
            statement_timeout: DEFAULT_STATEMENT_TIMEOUT.to_string(),
        }
    }
}

/// The PostgreSQL major version assumed without `--pg-version` and without a live server.
pub const DEFAULT_PG_VERSION: u32 = 15;
/// How long one statement may wait for a lock under `--online` before it gives up.
pub const DEFAULT_LOCK_TIMEOUT: &str = "5s";
/// How long one statement may run under `--online`.
pub const DEFAULT_STATEMENT_TIMEOUT: &str = "15min";

/// Where a change applies: the state before it and the state the generation aims at.
#[derive(Clone, Copy)]
pub struct RuleContext<'a> {
    pub options: &'a BuildOptions,
    /// The schema the step starts from (for a down step, the desired schema).
    pub from: &'a Schema,
    /// The schema the generation ends at (for a down step, the current schema).
    pub to: &'a Schema,
}

impl RuleContext<'_> {
    /// Whether `table` exists before and after the generation: the objects `--online`
    /// treats carefully (a new table has no rows and no readers to protect).
    pub fn existing_table(&self, table: &crate::schema::QualifiedName) -> bool {
        self.from.tables.contains_key(table) && self.to.tables.contains_key(table)
    }

    /// `online` and `table` exists on both sides.
    pub fn online_on(&self, table: &crate::schema::QualifiedName) -> bool {
        self.options.online && self.existing_table(table)
    }
}

/// What a builder can see while building.
pub struct BuildContext<'a> {
    pub renderer: &'a Renderer,
    pub rules: RuleContext<'a>,
    /// True while building a down file.
    pub down: bool,
}

impl<'a> BuildContext<'a> {
    /// The context of a generation's up files (`down` false), from `current` to `desired`,
    /// or of its down files, from `desired` back to `current`.
    pub fn new(
        renderer: &'a Renderer,
        options: &'a BuildOptions,
        (current, desired): (&'a Schema, &'a Schema),
        down: bool,
    ) -> Self {
        let (from, to) = if down {
            (desired, current)
        } else {
            (current, desired)
        };
        BuildContext {
            renderer,
            rules: RuleContext { options, from, to },
            down,
        }
    }

    pub fn options(&self) -> &BuildOptions {
        self.rules.options
    }

    /// Refuses `what` when the target version (`--pg-version`) is below `min`.
    pub fn require_version<T: ChangeKind>(
        &self,
        change: &T,
        min: u32,
        what: &str,
    ) -> Result<(), BuildError> {
        let v = self.options().pg_version;
        if v < min {
            return Err(BuildError::Other(format!(
                "{}: {what} needs PostgreSQL {min} or later, and the target is PostgreSQL {v} (--pg-version)",
                change.label()
            )));
        }
        Ok(())
    }

    /// Renders the dialect's template for `change` (named after its kind) with `context`.
    pub fn render<T: ChangeKind>(
        &self,
        change: &T,
        context: serde_json::Value,
    ) -> Result<Statement, BuildError> {
        self.render_named(change.kind_name(), change, context)
    }

    /// Renders the template `name` (without `.sql`) for `change`.
    pub fn render_named<T: ChangeKind>(
        &self,
        name: &str,
        change: &T,
        mut context: serde_json::Value,
    ) -> Result<Statement, BuildError> {
        // Every template sees the generation options as `build` (`build.idempotent`, `build.online`, `build.pg_version`).
        // The context is taken, not copied: a table's create holds the whole table.
        if let Some(map) = context.as_object_mut() {
            map.insert(
                "build".to_string(),
                serde_json::to_value(self.options()).unwrap_or_default(),
            );
        }
        let sql = self
            .renderer
            .render_statement_owned(name, context)
            .map_err(|e| BuildError::Template {
                change: change.label(),
                source: Box::new(e),
            })?;
        Ok(Statement::new(sql))
    }
}

/// A builder failure.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("while rendering the change `{change}`: {source}")]
    Template {
        change: String,
        #[source]
        source: Box<RenderError>,
    },
    #[error("the dialect `{dialect}` has no DDL builder for the change kind `{kind}`")]
    Unsupported { dialect: String, kind: String },
    /// A builder's statement the dialect's own parser rejects: a bug in a builder or a
    /// template, caught before anything is written.
    #[error(
        "internal error: the `{kind}` change `{change}` rendered SQL that does not parse ({message}); nothing was written. The statement:\n{statement}"
    )]
    Unparsable {
        kind: String,
        change: String,
        statement: String,
        message: String,
    },
    #[error("{0}")]
    Other(String),
}

/// Checks that one rendered statement parses: `Err` carries the parser's message.
type CheckFn = Arc<dyn Fn(&str) -> Result<(), String> + Send + Sync>;

/// Builds the up statements of one change; made by [`Registry::builder`] from a typed one.
type BuildFn =
    Arc<dyn Fn(&Change, &BuildContext) -> Result<Vec<Statement>, BuildError> + Send + Sync>;
/// Decides a change's transaction rule; made by [`Registry::tx_rule`] from a typed one.
type TxRuleFn = Arc<dyn Fn(&Change, &RuleContext) -> TxRule + Send + Sync>;

/// The table a dialect fills in: one builder and one transaction rule per change kind, and
/// the templates its builders render.
#[derive(Default, Clone)]
pub struct Registry {
    builders: BTreeMap<String, BuildFn>,
    tx_rules: BTreeMap<String, TxRuleFn>,
    /// Templates by name relative to `templates/`, e.g. `postgres/create_table.sql`.
    templates: BTreeMap<String, String>,
    /// The dialect object kinds with a builder ([`Registry::dialect_builder`]).
    dialect_kinds: std::collections::BTreeSet<String>,
    /// The dialect's parser, run over every statement built ([`Registry::statement_check`]).
    check: Option<CheckFn>,
}

/// The stored form of a typed builder: it borrows the change as `T`, and a change of
/// another type (a dialect object kind named like a built-in kind, say) is an error.
fn typed_builder<T: ChangeKind>(
    f: impl Fn(&T, &BuildContext) -> Result<Vec<Statement>, BuildError> + Send + Sync + 'static,
) -> BuildFn {
    Arc::new(
        move |change: &Change, ctx: &BuildContext| match T::from_change(change) {
            Some(c) => f(c, ctx),
            None => Err(BuildError::Other(format!(
                "the builder registered for `{}` takes `{}` changes and was given `{}`",
                change.kind(),
                T::KIND,
                change.label()
            ))),
        },
    )
}

/// The stored form of a typed transaction rule: a change of another type gets the default
/// rule, as a kind without a rule does.
fn typed_rule<T: ChangeKind>(
    f: impl Fn(&T, &RuleContext) -> TxRule + Send + Sync + 'static,
) -> TxRuleFn {
    Arc::new(
        move |change: &Change, ctx: &RuleContext| match T::from_change(change) {
            Some(c) => f(c, ctx),
            None => TxRule::InTransaction,
        },
    )
}

impl Registry {
    /// Registers (or replaces) the builder of the change type `T`, under [`ChangeKind::KIND`].
    pub fn builder<T: ChangeKind>(
        &mut self,
        f: impl Fn(&T, &BuildContext) -> Result<Vec<Statement>, BuildError> + Send + Sync + 'static,
    ) {
        self.builders.insert(T::KIND.to_string(), typed_builder(f));
    }

    /// Registers (or replaces) the builder of the dialect objects of `object_kind`: their
    /// creates, drops and changes.
    pub fn dialect_builder(
        &mut self,
        object_kind: &str,
        f: impl Fn(&DialectObjectChange, &BuildContext) -> Result<Vec<Statement>, BuildError>
            + Send
            + Sync
            + 'static,
    ) {
        self.builders
            .insert(object_kind.to_string(), typed_builder(f));
        self.dialect_kinds.insert(object_kind.to_string());
    }

    /// The dialect object kinds registered (`hypertable`), which filter patterns may name.
    pub fn dialect_object_kinds(&self) -> impl Iterator<Item = &str> {
        self.dialect_kinds.iter().map(String::as_str)
    }

    /// Registers (or replaces) the transaction rule of the change type `T`.
    pub fn tx_rule<T: ChangeKind>(
        &mut self,
        f: impl Fn(&T, &RuleContext) -> TxRule + Send + Sync + 'static,
    ) {
        self.tx_rules.insert(T::KIND.to_string(), typed_rule(f));
    }

    /// Registers (or replaces) the transaction rule of the dialect objects of `object_kind`.
    pub fn dialect_tx_rule(
        &mut self,
        object_kind: &str,
        f: impl Fn(&DialectObjectChange, &RuleContext) -> TxRule + Send + Sync + 'static,
    ) {
        self.tx_rules.insert(object_kind.to_string(), typed_rule(f));
    }

    /// Adds a template, e.g. `("postgres/create_table.sql", "CREATE TABLE …")`.
    pub fn template(&mut self, name: &str, source: &str) {
        self.templates.insert(name.to_string(), source.to_string());
    }

    /// Sets (or replaces) the check every built statement must pass: the dialect's own
    /// parser, so SQL the server would reject as a syntax error never becomes a file. A
    /// dialect built on this one inherits it.
    pub fn statement_check(
        &mut self,
        f: impl Fn(&str) -> Result<(), String> + Send + Sync + 'static,
    ) {
        self.check = Some(Arc::new(f));
    }

    /// Runs the statement check over `sql`, which the change `kind` (labelled `change`)
    /// produced; without a check every statement passes.
    pub fn check_statement(&self, kind: &str, change: &str, sql: &str) -> Result<(), BuildError> {
        self.checked(kind, || change.to_string(), sql)
    }

    /// [`Registry::check_statement`], with the change's label made only for an error.
    fn checked(
        &self,
        kind: &str,
        change: impl FnOnce() -> String,
        sql: &str,
    ) -> Result<(), BuildError> {
        match &self.check {
            Some(check) => check(sql).map_err(|message| BuildError::Unparsable {
                kind: kind.to_string(),
                change: change(),
                statement: sql.to_string(),
                message,
            }),
            None => Ok(()),
        }
    }

    pub fn has_builder(&self, kind: &str) -> bool {
        self.builders.contains_key(kind)
    }

    pub fn templates(&self) -> &BTreeMap<String, String> {
        &self.templates
    }

    /// The rule for `change`; changes without a registered rule run in a transaction.
    pub fn rule_for(&self, change: &Change, ctx: &RuleContext) -> TxRule {
        self.tx_rules
            .get(change.kind())
            .map_or(TxRule::InTransaction, |f| f(change, ctx))
    }

    /// Builds the statements of `change` with the registered builder, each one checked by
    /// the dialect's parser ([`Registry::statement_check`]).
    pub fn build(
        &self,
        dialect: &str,
        change: &Change,
        ctx: &BuildContext,
    ) -> Result<Vec<Statement>, BuildError> {
        let f = self
            .builders
            .get(change.kind())
            .ok_or_else(|| BuildError::Unsupported {
                dialect: dialect.to_string(),
                kind: change.kind().to_string(),
            })?;
        let built = f(change, ctx)?;
        for s in &built {
            self.checked(change.kind(), || change.label(), &s.sql)?;
        }
        Ok(built)
    }
}

/// A warning raised while loading a schema (e.g. a statement of another dialect skipped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// An SQL source file handed to a dialect's loader.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path shown in messages.
    pub path: PathBuf,
    pub text: String,
}

/// A loading failure, located in a file when it comes from SQL text.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{file}:{line}: {message}")]
    Sql {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{0}")]
    Database(String),
    #[error("{0}")]
    Other(String),
}

/// A loaded schema with the warnings raised on the way.
#[derive(Debug, Default)]
pub struct Loaded {
    pub schema: Schema,
    pub warnings: Vec<Warning>,
}

/// A migration tool's bookkeeping table as [`Dialect::read_bookkeeping`] read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bookkeeping {
    /// The schema the table was found in.
    pub schema: String,
    /// The rows of the query, every value as text.
    pub rows: Vec<Vec<Option<String>>>,
}

/// A database dialect: how to read schemas, which DDL to emit, and its transaction rules.
pub trait Dialect: Send + Sync {
    /// The name users select it by (`--dialect postgres`).
    fn name(&self) -> &str;

    /// The dialect this one builds on; its builders, rules and templates are inherited.
    fn base(&self) -> Option<&str> {
        None
    }

    /// A one-line description for `migrator dialects`.
    fn description(&self) -> &str {
        ""
    }

    /// Registers builders, transaction rules and templates on top of the base's.
    fn register(&self, registry: &mut Registry);

    /// Loads a schema from SQL files, applied in order. Names the files use but define
    /// nowhere are errors unless `managed` leaves them out: those are someone else's.
    fn load_sql(&self, files: &[SourceFile], managed: &Filter) -> Result<Loaded, LoadError>;

    /// Reads the schema of a live database.
    fn introspect(&self, dsn: &str) -> Result<Loaded, LoadError>;

    /// Quotes an identifier when the dialect needs it to (reserved word, upper case, …).
    fn quote_ident(&self, name: &str) -> String;

    /// The version shown by `migrator dialects`: migrator's own for built-in dialects, the
    /// plugin's for a plugin.
    fn version(&self) -> String {
        env!("CARGO_PKG_VERSION").to_string()
    }

    /// Where the dialect comes from, for `migrator dialects`: `built-in` or `plugin`.
    fn origin(&self) -> String {
        "built-in".to_string()
    }

    /// How the dialect reaches a live server (`verify`, `status`, `baseline`, the server
    /// version behind `--dsn`); `None` (the default) for a dialect that reads only SQL and
    /// snapshots. A dialect built on another usually hands on its base's.
    fn database(&self) -> Option<&dyn Database> {
        None
    }

    /// Refuses generation options the dialect cannot honour (a server version it does not
    /// know, a timeout its server would reject). A dialect inherits its bases' checks: the
    /// workflow asks every dialect of the chain, most specific first.
    fn check_options(&self, _options: &BuildOptions) -> Result<(), BuildError> {
        Ok(())
    }

    /// The objects only this dialect's own server can hold, which a plain server of its base
    /// dialect therefore lacks (`generate --fake-tsdb`). `Some(read)`: `read(dsn, replayed)`
    /// reads the current schema from a base-dialect server at `dsn` and takes those objects
    /// from `replayed`, the replay of the existing migrations. `None` (the default): the
    /// dialect's objects are all read from its own server.
    fn replayed_objects(&self) -> Option<crate::workflow::source::ReadWithReplay> {
        None
    }

    /// Fills in what a JSON snapshot (`generate --current FILE`) does not store and only the
    /// dialect's parser can work out: the columns each expression names
    /// ([`crate::schema::Expr::columns`]). The default leaves the schema as read.
    fn complete_snapshot(&self, _schema: &mut Schema) {}
}

impl dyn Dialect + '_ {
    /// The major version of the server at `dsn`, or [`DEFAULT_PG_VERSION`] when the dialect
    /// cannot reach one.
    pub fn server_version(&self, dsn: &str) -> Result<u32, LoadError> {
        match self.database() {
            Some(db) => db.server_version(dsn),
            None => Ok(DEFAULT_PG_VERSION),
        }
    }

    /// [`Dialect::database`], or the error that says this dialect cannot reach one.
    pub fn live(&self) -> Result<&dyn Database, LoadError> {
        self.database().ok_or_else(|| {
            LoadError::Other(format!(
                "the dialect `{}` cannot reach a database",
                self.name()
            ))
        })
    }
}

/// A dialect's access to a live server of its kind: the workflows that run migrations
/// against a database, read its bookkeeping or fill its tables go through it, never
/// through a driver of their own.
pub trait Database: Send + Sync {
    /// The major version of the server at `dsn` (the default of `--pg-version`).
    fn server_version(&self, dsn: &str) -> Result<u32, LoadError>;

    /// Runs one migration file's text as a single simple-query `Exec`, as golang-migrate
    /// does (`migrator verify`).
    fn execute(&self, dsn: &str, sql: &str) -> Result<(), LoadError>;

    /// Reads a migration tool's bookkeeping table (`migrator status`) in one READ ONLY
    /// transaction: `table` is looked up on the connection's search path, as the tool looks
    /// it up; `None` when there is no such table, else the schema it lives in and the rows
    /// of `query`, every value as text (`NULL` as `None`).
    fn read_bookkeeping(
        &self,
        dsn: &str,
        table: &str,
        query: &str,
    ) -> Result<Option<Bookkeeping>, LoadError>;

    /// Inserts generated rows into those of `tables` that are empty, parents before the
    /// tables whose foreign keys point at them (`verify --with-data`). A table the generator
    /// cannot fill is reported with the database's message, not an error.
    fn seed(
        &self,
        dsn: &str,
        tables: &std::collections::BTreeSet<crate::schema::QualifiedName>,
    ) -> Result<Vec<crate::workflow::rows::Seeded>, LoadError>;

    /// Every row of every user table, as text, with the database's identities of tables and
    /// columns (`verify --with-data`).
    fn read_rows(&self, dsn: &str) -> Result<Vec<crate::workflow::rows::TableRows>, LoadError>;
}
