//! SQL → IR: a statement interpreter over pg_query's parse tree.
//!
//! Files are parsed with the real PostgreSQL grammar and each statement is *applied* to a
//! [`Schema`]: CREATE adds an object, ALTER changes it, DROP removes it, COMMENT sets a
//! comment. The same interpreter loads the desired schema files and replays an existing
//! migrations directory. Implicit names (`users_pkey`, `orders_user_id_fkey`) and serial
//! columns are expanded exactly as PostgreSQL does, so the result compares equal to what
//! introspection reads back from a catalog.
//!
//! Statements that are not schema DDL (data, `SET`, transaction control, another dialect's
//! `SELECT create_hypertable(…)`) are skipped, with a warning where a user might care.
//! Statements for objects migrator does not manage yet are errors naming file and line.
//!
//! This module holds what every object kind shares; each kind's handling lives in its slice
//! (`crate::kinds::<kind>::load`):
//! - `statements`: the statement loop (lines, each statement's text, migrator's guarded
//!   `DO` blocks) and parsing;
//! - `names`: name resolution along the search path, and the caches of taken names;
//! - `qualify`: the text kept for migrations with the names the file's search path resolved
//!   written with their schemas;
//! - `annotations`: the `-- migrator:renamed-from` comments;
//! - `lookup`: an object by name, or the error saying it does not exist;
//! - `dispatch`: which kind handles each statement and, for the statements that span kinds
//!   (`DROP`, `COMMENT ON`, `ALTER … RENAME`, `GRANT`, `ALTER TABLE`'s sub-commands), which
//!   kind handles each object type or sub-command;
//! - `hook`: what a dialect built on PostgreSQL sees of each statement
//!   ([`crate::extension::PgExtension`]).

mod annotations;
pub(crate) mod dispatch;
mod hook;
mod lookup;
pub(crate) mod names;
mod qualify;
mod statements;

pub use crate::kinds::index::load::column_sort_key;
pub use hook::StatementContext;
pub use names::SearchPath;
pub use statements::parse_sql;

pub(crate) use annotations::{enum_value_renames, leading_comments_end, renamed_from};
pub(crate) use dispatch::{alter_name, drop_and_comment, AlterCmd, Commented, Dropped};
pub(crate) use lookup::{altered_options, does_not_exist, rename_entry, Lookup, R};
pub(crate) use names::{role_name, string_node};
// Catalog introspection builds these the way the loader does.
pub(crate) use crate::kinds::constraint::load::fk_action;
pub(crate) use crate::kinds::index::load::column_index_key;

use crate::extension::PgExtension;
use migrator_core::dialect::{LoadError, Loaded, SourceFile, Warning};
use migrator_core::filter::Filter;
use migrator_core::schema::*;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;

/// Loads SQL files in order into one schema, managing every object.
pub fn load_files(files: &[SourceFile]) -> Result<Loaded, LoadError> {
    load_files_with(files, &[], &Filter::default())
}

/// Loads SQL files with a dialect's extensions offered each statement first; names that
/// `managed` leaves out may be used without being defined.
pub fn load_files_with(
    files: &[SourceFile],
    extensions: &[Arc<dyn PgExtension>],
    managed: &Filter,
) -> Result<Loaded, LoadError> {
    let mut loader = Loader {
        extensions: extensions.to_vec(),
        ..Loader::default()
    };
    for f in files {
        loader.load_text(&f.path.display().to_string(), &f.text)?;
    }
    crate::check::run(&mut loader, managed)?;
    loader.finish()
}

/// The interpreter's state while statements are applied.
#[derive(Default)]
pub struct Loader {
    pub schema: Schema,
    pub(crate) search_path: Option<Vec<String>>,
    pub(crate) warnings: Vec<Warning>,
    pub(crate) file: String,
    pub(crate) line: usize,
    /// The text of the statement being applied.
    pub(crate) statement: String,
    /// Where [`Self::statement`] starts in its file, for node locations.
    pub(crate) statement_start: usize,
    /// Names of index-backed constraints (they share the relation namespace), built on
    /// demand and dropped whenever a statement may remove one.
    pub(crate) constraint_relations: RefCell<Option<HashSet<QualifiedName>>>,
    /// Every constraint name, by schema (implicit FK and CHECK names are unique per
    /// schema); kept the same way as `constraint_relations`.
    pub(crate) constraint_names: RefCell<Option<HashSet<QualifiedName>>>,
    /// Relations skipped as another dialect's (a continuous aggregate): their indexes too.
    pub(crate) skipped_relations: HashSet<QualifiedName>,
    /// A dialect's statement handlers, offered each statement before PostgreSQL's.
    pub(crate) extensions: Vec<Arc<dyn PgExtension>>,
    /// Some table has parents (`INHERITS`): column changes must reach the children.
    pub(crate) inheritance: bool,
    /// Where types and relations are first named, for [`crate::check`]'s messages.
    pub(crate) uses: RefCell<crate::check::Uses>,
    /// Shell types announced (`CREATE TYPE name;`) and not completed yet, with the file and
    /// line that announced each: one left at the end is an error there.
    pub(crate) shells: std::collections::BTreeMap<QualifiedName, (String, usize)>,
    /// The objects that have privileges, as last seen while default privileges are in
    /// force: those created since get them (`kinds/default_privilege/load.rs`).
    pub(crate) acl_seen: Option<crate::kinds::default_privilege::load::Seen>,
}

impl Loader {
    /// Resolves what needs the whole schema: base types' I/O functions, foreign keys to "the
    /// primary key", operators' commutators and negators, and defaults as PostgreSQL stores
    /// them.
    pub fn finish(mut self) -> Result<Loaded, LoadError> {
        if let Some((name, (file, line))) = self.shells.pop_first() {
            return Err(LoadError::Sql {
                file,
                line,
                message: format!(
                    "a shell type alone ({name}, never completed by CREATE TYPE {name} \
                     (INPUT = …, OUTPUT = …)) is not supported yet (see docs/SUPPORTED.md)"
                ),
            });
        }
        // An I/O function replaced after its type's definition is still one.
        for t in self.schema.base_types.values() {
            migrator_core::kinds::mark_io_functions(t, &mut self.schema.functions);
        }
        crate::kinds::constraint::load::resolve_foreign_keys(&mut self.schema)
            .map_err(LoadError::Other)?;
        crate::kinds::operator::define::link_operators(&mut self.schema.operators)
            .map_err(LoadError::Other)?;
        let domains: HashSet<QualifiedName> = self.schema.domains.keys().cloned().collect();
        for t in self.schema.tables.values_mut() {
            for c in t.columns_mut() {
                crate::kinds::column::load::canonical_default(c, &domains);
            }
        }
        migrator_core::kinds::prune_overrides(&mut self.schema);
        self.schema.schemas.remove("public");
        Ok(Loaded {
            schema: self.schema,
            warnings: self.warnings,
        })
    }

    /// [`Self::warn`], unless the same message was given before in this load (what is
    /// deliberately not managed is said once, not at every statement).
    pub(crate) fn warn_once(&mut self, message: String) {
        if !self.warnings.iter().any(|w| w.message == message) {
            self.warn(message);
        }
    }

    /// A warning about the statement being applied (shown with its file and line).
    pub(crate) fn warn(&mut self, message: impl Into<String>) {
        self.warnings.push(Warning {
            file: self.file.clone(),
            line: self.line,
            message: message.into(),
        });
    }
}

#[cfg(test)]
impl Loader {
    /// The loader after `sql` (as file `f.sql`), which must load: for loader tests.
    pub(crate) fn loaded(sql: &str) -> Loader {
        let mut l = Loader::default();
        l.load_text("f.sql", sql).unwrap();
        l
    }

    /// The error `sql` (as file `f.sql`) must fail with: for loader tests.
    pub(crate) fn load_error(sql: &str) -> String {
        Loader::default()
            .load_text("f.sql", sql)
            .unwrap_err()
            .to_string()
    }
}
