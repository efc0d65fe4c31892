//! Which object kind handles each statement.
//!
//! A statement owned by one kind (`CREATE TABLE`, `CREATE INDEX`, `ALTER SEQUENCE`, …) goes
//! straight to that kind's handler in [`Loader::apply`]. The statements that span kinds
//! name an object type (`DROP`, `COMMENT ON`, `ALTER … RENAME`, `GRANT`) or a sub-command
//! (`ALTER TABLE`); each has one table here from that type or sub-command to the kind's
//! handler. What no table lists is the same error or warning it always was: nothing is
//! dropped silently.

use super::{does_not_exist, Loader, Lookup, R};
use crate::kinds::privilege::load::Grantable;
use crate::kinds::SLICES;
use migrator_core::kinds::comment::Commented as HasComment;
use migrator_core::schema::{PrivilegeObject, QualifiedName};
use pg_query::protobuf::{
    self as pb, node::Node as N, AlterTableType as At, Node, ObjectType as Ot,
};
use std::collections::BTreeMap;
use std::fmt::Display;

impl Loader {
    /// Applies one statement: the kind that claims it (the registry's hooks, in order), or,
    /// for the statements that span kinds, the table of its object types.
    pub(crate) fn apply(&mut self, node: &N) -> R<()> {
        // Names the file's search path resolves are written with their schemas.
        let qualified = self.qualified_statement(node)?;
        let node = qualified.as_ref().unwrap_or(node);
        // Objects created under default privileges get them (docs/SUPPORTED.md).
        self.before_statement();
        self.apply_one(node)?;
        self.give_default_privileges(node);
        Ok(())
    }

    /// [`Self::apply`] of one statement, without the default privileges.
    fn apply_one(&mut self, node: &N) -> R<()> {
        if matches!(node, N::DropStmt(_) | N::RenameStmt(_)) {
            self.invalidate_relation_names();
        }
        for kind in SLICES {
            if let Some(result) = kind.load.and_then(|hook| hook(self, node)) {
                return result;
            }
        }
        match node {
            N::AlterTableStmt(s) => {
                self.alter_table(s)?;
                if !self.schema.privileges.is_empty() {
                    self.prune_privileges();
                }
                Ok(())
            }
            N::DropStmt(s) => {
                self.drop(s)?;
                self.prune_privileges();
                self.prune_default_privileges();
                Ok(())
            }
            N::RenameStmt(s) => self.rename(s),
            N::VariableSetStmt(s) => {
                self.set_search_path(s);
                Ok(())
            }
            N::SelectStmt(s) => {
                self.select(s);
                Ok(())
            }
            // Transactions and roles: not part of a schema migrator manages.
            N::TransactionStmt(_) | N::GrantRoleStmt(_) => Ok(()),
            N::CreateRoleStmt(_)
            | N::AlterRoleStmt(_)
            | N::AlterRoleSetStmt(_)
            | N::DropRoleStmt(_) => {
                self.warn_once(
                    "skipped: CREATE/ALTER/DROP ROLE; roles are cluster-wide and not managed: they must exist where the migrations run (docs/SUPPORTED.md)"
                        .to_string(),
                );
                Ok(())
            }
            N::AlterOwnerStmt(_) => {
                self.warn_once(
                    "skipped: OWNER TO; ownership is not managed (docs/SUPPORTED.md)".to_string(),
                );
                Ok(())
            }
            N::InsertStmt(_)
            | N::UpdateStmt(_)
            | N::DeleteStmt(_)
            | N::TruncateStmt(_)
            | N::CopyStmt(_) => {
                self.warn("skipped: data statements (INSERT, UPDATE, DELETE, TRUNCATE, COPY) are not part of a schema");
                Ok(())
            }
            N::DoStmt(_) => {
                self.warn(
                    "skipped: DO blocks are not interpreted; declare their objects with plain DDL",
                );
                Ok(())
            }
            other => Err(format!(
                "{} is not supported yet (see docs/SUPPORTED.md)",
                statement_name(other)
            )),
        }
    }

    /// `ALTER TABLE`: each sub-command goes to its kind's handler in [`ALTER_TABLE`], then
    /// the table's children take its columns again. pg_query reads `ALTER TYPE … ATTRIBUTE`
    /// as an `ALTER TABLE` on a type too.
    pub(crate) fn alter_table(&mut self, s: &pb::AlterTableStmt) -> R<()> {
        let rv = s.relation.as_ref().ok_or("ALTER TABLE without a name")?;
        let objtype = Ot::try_from(s.objtype).unwrap_or(Ot::Undefined);
        if objtype == Ot::ObjectType {
            return self.alter_composite(s);
        }
        if !matches!(objtype, Ot::ObjectTable | Ot::ObjectForeignTable) {
            return self.alter_other_relation(s, objtype);
        }
        let name = self.table_name(rv);
        if !self.schema.tables.contains_key(&name) {
            // PostgreSQL takes `ALTER TABLE` on a view or a materialized view as their own
            // `ALTER` (pg_dump writes a view column's default so).
            let view = self.resolve(&rv.schemaname, &rv.relname, |q| {
                self.schema.views.contains_key(q)
            });
            if let Some(v) = self.schema.views.get(&view) {
                let objtype = if v.materialized {
                    Ot::ObjectMatview
                } else {
                    Ot::ObjectView
                };
                return self.alter_other_relation(s, objtype);
            }
            if s.missing_ok {
                return Ok(());
            }
            return Err(does_not_exist("table", &name));
        }
        let before = self.schema.tables[&name].columns.clone();
        if !rv.inh {
            self.keep_in_children(&name, s);
        }
        for cmd in &s.cmds {
            let Some(N::AlterTableCmd(cmd)) = &cmd.node else {
                continue;
            };
            self.alter_table_cmd(&name, cmd)?;
        }
        self.sync_children_since(&name, Some(&before));
        Ok(())
    }

    /// `ALTER INDEX | VIEW | MATERIALIZED VIEW | SEQUENCE` with `ALTER TABLE`'s
    /// sub-commands: an index's storage parameters, expression columns' statistics and
    /// attached partitions, a view's options and column defaults, a materialized view's
    /// storage parameters, column statistics and options and clustering index are their
    /// kinds'; owners are not managed; anything else is an
    /// error naming the sub-command.
    fn alter_other_relation(&mut self, s: &pb::AlterTableStmt, objtype: Ot) -> R<()> {
        // Another dialect's materialized view (skipped with a warning when created).
        if let Some(rv) = &s.relation {
            if self.skipped_relations.contains(&self.relation_name(rv)) {
                return Ok(());
            }
        }
        for cmd in &s.cmds {
            let Some(N::AlterTableCmd(cmd)) = &cmd.node else {
                continue;
            };
            let sub = At::try_from(cmd.subtype).unwrap_or(At::Undefined);
            match sub {
                At::AtChangeOwner => self.warn_once(
                    "skipped: OWNER TO; ownership is not managed (docs/SUPPORTED.md)".to_string(),
                ),
                At::AtSetRelOptions | At::AtResetRelOptions if objtype == Ot::ObjectIndex => {
                    self.set_index_storage_parameters(s, cmd)?
                }
                At::AtAttachPartition if objtype == Ot::ObjectIndex => self.attach_index(s, cmd)?,
                At::AtSetStatistics if objtype == Ot::ObjectIndex => {
                    self.set_index_statistics(s, cmd)?
                }
                At::AtSetRelOptions | At::AtResetRelOptions if objtype == Ot::ObjectView => {
                    self.set_view_options(s, cmd)?
                }
                At::AtColumnDefault if objtype == Ot::ObjectView => {
                    self.set_view_column_default(s, cmd)?
                }
                At::AtSetRelOptions | At::AtResetRelOptions if objtype == Ot::ObjectMatview => {
                    self.set_matview_storage_parameters(s, cmd)?
                }
                At::AtSetStatistics if objtype == Ot::ObjectMatview => {
                    self.set_matview_statistics(s, cmd)?
                }
                At::AtSetOptions | At::AtResetOptions if objtype == Ot::ObjectMatview => {
                    self.set_matview_column_options(s, cmd)?
                }
                At::AtClusterOn | At::AtDropCluster if objtype == Ot::ObjectMatview => {
                    self.set_matview_cluster_on(s, cmd)?
                }
                _ => {
                    return Err(format!(
                        "ALTER {} … {} is not supported yet (docs/SUPPORTED.md)",
                        relation_keyword(objtype),
                        sub_command_name(sub)
                    ))
                }
            }
        }
        Ok(())
    }

    /// `DROP`: each object goes to its kind's handler in [`DROP`].
    pub(crate) fn drop(&mut self, s: &pb::DropStmt) -> R<()> {
        let objtype = Ot::try_from(s.remove_type).unwrap_or(Ot::Undefined);
        let cascade = s.behavior == pb::DropBehavior::DropCascade as i32;
        for object in &s.objects {
            let names = match &object.node {
                Some(N::List(l)) => crate::normalize::strings(&l.items),
                Some(N::String(x)) => vec![x.sval.clone()],
                Some(N::TypeName(t)) => crate::normalize::strings(&t.names),
                _ => vec![],
            };
            let Some(drop) = handler(DROP, objtype) else {
                return Err(format!(
                    "DROP {} is not supported yet",
                    object_name(objtype)
                ));
            };
            let dropped = Dropped {
                stmt: s,
                object,
                names,
                cascade,
            };
            drop(self, &dropped)?;
        }
        Ok(())
    }

    /// `ALTER … RENAME`: to its kind's handler in [`RENAME`].
    pub(crate) fn rename(&mut self, s: &pb::RenameStmt) -> R<()> {
        let objtype = Ot::try_from(s.rename_type).unwrap_or(Ot::Undefined);
        let of = Ot::try_from(s.relation_type).unwrap_or(Ot::Undefined);
        if objtype == Ot::ObjectColumn && matches!(of, Ot::ObjectView | Ot::ObjectMatview) {
            return Err(format!(
                "ALTER {} … RENAME COLUMN is not supported yet",
                relation_keyword(of)
            ));
        }
        match handler(RENAME, objtype) {
            Some(rename) => rename(self, s),
            None => Err(format!(
                "ALTER {} … RENAME is not supported yet",
                relation_keyword(objtype)
            )),
        }
    }

    /// One sub-command of `ALTER TABLE` on the existing table `table`: to its kind's
    /// handler in [`ALTER_TABLE`].
    fn alter_table_cmd(&mut self, table: &QualifiedName, cmd: &pb::AlterTableCmd) -> R<()> {
        let sub = At::try_from(cmd.subtype).unwrap_or(At::Undefined);
        let Some(alter) = handler(ALTER_TABLE, sub) else {
            return Err(format!(
                "ALTER TABLE {} is not supported yet",
                alter_name(sub)
            ));
        };
        alter(self, &AlterCmd::new(table, cmd, sub))
    }
}

/// The handler `table` lists for `key`. Each row of a table is one handler and the keys it
/// takes.
pub(crate) fn handler<K: PartialEq + Copy, F: Copy>(table: &[(&[K], F)], key: K) -> Option<F> {
    table
        .iter()
        .find(|(k, _)| k.contains(&key))
        .map(|(_, f)| *f)
}

/// One object of a `DROP` statement, as its kind's handler sees it.
pub(crate) struct Dropped<'a> {
    pub stmt: &'a pb::DropStmt,
    pub object: &'a Node,
    /// The object's name as written: `[schema.]name`, or `[schema.]table.name` for a
    /// policy or trigger.
    pub names: Vec<String>,
    pub cascade: bool,
}

impl Dropped<'_> {
    /// Removes the object `key` of `map`; one that is not there is nothing with
    /// `IF EXISTS`, else the error saying it does not exist. True when it was there.
    pub(crate) fn removed<K: Ord + Display, V>(
        &self,
        map: &mut BTreeMap<K, V>,
        key: &K,
        what: &str,
    ) -> R<bool> {
        match map.remove(key) {
            Some(_) => Ok(true),
            None if self.stmt.missing_ok => Ok(false),
            None => Err(does_not_exist(what, key)),
        }
    }

    /// [`Self::removed`], for a kind that drops nothing else with the object.
    pub(crate) fn remove<K: Ord + Display, V>(
        &self,
        map: &mut BTreeMap<K, V>,
        key: &K,
        what: &str,
    ) -> R<()> {
        self.removed(map, key, what).map(|_| ())
    }
}

/// Declares the `DROP` and `COMMENT ON` handlers of a kind whose objects live in the
/// schema map `$map` and whose drop takes nothing else along. `key` finds an object's key
/// from the loader, the statement's object node and the object's name as written.
macro_rules! drop_and_comment {
    (
        $drop:ident, $comment:ident: $map:ident, $what:literal,
        key |$l:ident, $object:ident, $names:ident| $key:expr $(,)?
    ) => {
        impl $crate::load::Loader {
            #[doc = concat!("`DROP` of a ", $what, ".")]
            pub(crate) fn $drop(&mut self, d: &$crate::load::Dropped<'_>) -> $crate::load::R<()> {
                #[allow(unused_variables)]
                let key = |$l: &$crate::load::Loader,
                           $object: Option<&pg_query::protobuf::Node>,
                           $names: &[String]| $key;
                let key = key(self, Some(d.object), &d.names)?;
                d.remove(&mut self.schema.$map, &key, $what)
            }

            #[doc = concat!("`COMMENT ON` a ", $what, ".")]
            pub(crate) fn $comment(
                &mut self,
                c: &$crate::load::Commented<'_>,
            ) -> $crate::load::R<()> {
                #[allow(unused_variables)]
                let key = |$l: &$crate::load::Loader,
                           $object: Option<&pg_query::protobuf::Node>,
                           $names: &[String]| $key;
                let key = key(self, c.object, &c.names)?;
                c.set_on(&mut self.schema.$map, &key, $what)
            }
        }
    };
}
pub(crate) use drop_and_comment;

type DropFn = fn(&mut Loader, &Dropped<'_>) -> R<()>;

/// `DROP <object type>`: the kind that drops it.
const DROP: &[(&[Ot], DropFn)] = &[
    (
        &[Ot::ObjectTable, Ot::ObjectForeignTable],
        Loader::drop_table,
    ),
    (&[Ot::ObjectFdw], Loader::drop_wrapper),
    (&[Ot::ObjectForeignServer], Loader::drop_server),
    (&[Ot::ObjectIndex], Loader::drop_index),
    (
        &[Ot::ObjectFunction, Ot::ObjectProcedure, Ot::ObjectRoutine],
        Loader::drop_function,
    ),
    (&[Ot::ObjectAggregate], Loader::drop_aggregate),
    (&[Ot::ObjectOperator], Loader::drop_operator),
    (&[Ot::ObjectPolicy], Loader::drop_policy),
    (&[Ot::ObjectTrigger], Loader::drop_trigger),
    (&[Ot::ObjectView, Ot::ObjectMatview], Loader::drop_view),
    (&[Ot::ObjectSequence], Loader::drop_sequence),
    (&[Ot::ObjectType, Ot::ObjectDomain], Loader::drop_type),
    (&[Ot::ObjectSchema], Loader::drop_schema),
    (&[Ot::ObjectExtension], Loader::drop_extension),
    (&[Ot::ObjectCollation], Loader::drop_collation),
    (&[Ot::ObjectStatisticExt], Loader::drop_statistics),
    (&[Ot::ObjectPublication], Loader::drop_publication),
];

/// The object of a `COMMENT ON` statement, as its kind's handler sees it.
pub(crate) struct Commented<'a> {
    pub object: Option<&'a Node>,
    /// The object's name as written (`[schema.]name`, `[schema.]table.column`, …).
    pub names: Vec<String>,
    /// The comment; `None` for `IS NULL` or `IS ''`.
    pub text: Option<String>,
}

impl Commented<'_> {
    /// Gives the object `key` of `map` the comment, or says that it does not exist.
    pub(crate) fn set_on<K: Ord + Display, V: HasComment>(
        &self,
        map: &mut BTreeMap<K, V>,
        key: &K,
        what: &str,
    ) -> R<()> {
        *map.existing_mut(key, what)?.comment_mut() = self.text.clone();
        Ok(())
    }
}

type CommentFn = fn(&mut Loader, &Commented<'_>) -> R<()>;

/// `COMMENT ON <object type>`: the kind that keeps the comment.
pub(crate) const COMMENT: &[(&[Ot], CommentFn)] = &[
    (&[Ot::ObjectSchema], Loader::comment_schema),
    (&[Ot::ObjectExtension], Loader::comment_extension),
    (
        &[Ot::ObjectTable, Ot::ObjectForeignTable],
        Loader::comment_table,
    ),
    (&[Ot::ObjectFdw], Loader::comment_wrapper),
    (&[Ot::ObjectForeignServer], Loader::comment_server),
    (&[Ot::ObjectColumn], Loader::comment_column),
    (&[Ot::ObjectTabconstraint], Loader::comment_constraint),
    (&[Ot::ObjectIndex], Loader::comment_index),
    (
        &[Ot::ObjectFunction, Ot::ObjectProcedure, Ot::ObjectRoutine],
        Loader::comment_function,
    ),
    (&[Ot::ObjectAggregate], Loader::comment_aggregate),
    (&[Ot::ObjectOperator], Loader::comment_operator),
    (&[Ot::ObjectPolicy], Loader::comment_policy),
    (&[Ot::ObjectTrigger], Loader::comment_trigger),
    (&[Ot::ObjectRule], crate::kinds::rule::comment_rule),
    (&[Ot::ObjectView, Ot::ObjectMatview], Loader::comment_view),
    (&[Ot::ObjectSequence], Loader::comment_sequence),
    (&[Ot::ObjectType, Ot::ObjectDomain], Loader::comment_type),
    (&[Ot::ObjectCollation], Loader::comment_collation),
    (&[Ot::ObjectStatisticExt], Loader::comment_statistics),
    (&[Ot::ObjectPublication], Loader::comment_publication),
];

type RenameFn = fn(&mut Loader, &pb::RenameStmt) -> R<()>;

/// `ALTER <object type> … RENAME`: the kind that renames it.
const RENAME: &[(&[Ot], RenameFn)] = &[
    (
        &[Ot::ObjectTable, Ot::ObjectForeignTable],
        Loader::rename_table,
    ),
    (&[Ot::ObjectFdw], Loader::rename_wrapper),
    (&[Ot::ObjectForeignServer], Loader::rename_server),
    (&[Ot::ObjectColumn], Loader::rename_column),
    (&[Ot::ObjectTabconstraint], Loader::rename_constraint),
    (&[Ot::ObjectIndex], Loader::rename_index),
    (&[Ot::ObjectSequence], Loader::rename_sequence),
    (&[Ot::ObjectType], Loader::rename_type),
    (&[Ot::ObjectPolicy], Loader::rename_policy),
    (&[Ot::ObjectAggregate], Loader::rename_aggregate),
    (&[Ot::ObjectCollation], Loader::rename_collation),
    (&[Ot::ObjectStatisticExt], Loader::rename_statistics),
    (&[Ot::ObjectPublication], Loader::rename_publication),
];

type GrantOnFn = fn(&mut Loader, &Node) -> Grantable;

/// `GRANT … ON <object type> name`: the kind that resolves the name. Other object types
/// (databases, types, languages, …) are not managed and the statement is skipped.
pub(crate) const GRANT_ON: &[(&[Ot], GrantOnFn)] = &[
    (
        &[Ot::ObjectTable, Ot::ObjectSequence],
        Loader::grant_target_relation,
    ),
    (
        &[Ot::ObjectFunction, Ot::ObjectProcedure, Ot::ObjectRoutine],
        Loader::grant_target_routine,
    ),
    (&[Ot::ObjectSchema], Loader::grant_target_schema),
];

type GrantAllFn = fn(&Loader, &str, Ot) -> Vec<PrivilegeObject>;

/// `GRANT … ON ALL <object type>s IN SCHEMA`: the kind that lists the objects.
pub(crate) const GRANT_ALL_IN_SCHEMA: &[(&[Ot], GrantAllFn)] = &[
    (&[Ot::ObjectTable], Loader::relations_in_schema),
    (&[Ot::ObjectSequence], Loader::sequences_in_schema),
    (
        &[Ot::ObjectFunction, Ot::ObjectProcedure, Ot::ObjectRoutine],
        Loader::routines_in_schema,
    ),
];

/// One sub-command of `ALTER TABLE`, as its kind's handler sees it.
pub(crate) struct AlterCmd<'a> {
    /// The table altered; it exists.
    pub table: &'a QualifiedName,
    pub cmd: &'a pb::AlterTableCmd,
    pub sub: At,
    /// The sub-command's definition (a column, a constraint, a partition, …).
    pub def: Option<&'a N>,
}

impl<'a> AlterCmd<'a> {
    /// Sub-command `cmd` (of type `sub`) of an `ALTER TABLE` on `table`.
    pub(crate) fn new(table: &'a QualifiedName, cmd: &'a pb::AlterTableCmd, sub: At) -> Self {
        let def = cmd.def.as_deref().and_then(|d| d.node.as_ref());
        AlterCmd {
            table,
            cmd,
            sub,
            def,
        }
    }
}

type AlterFn = fn(&mut Loader, &AlterCmd<'_>) -> R<()>;

/// `ALTER TABLE`'s sub-commands: the kind that applies each.
const ALTER_TABLE: &[(&[At], AlterFn)] = &[
    (&[At::AtAddColumn], Loader::add_column),
    (&[At::AtDropColumn], Loader::drop_column),
    (&[At::AtAlterColumnType], Loader::alter_column_type),
    (&[At::AtColumnDefault], Loader::set_column_default),
    (&[At::AtSetNotNull, At::AtDropNotNull], Loader::set_not_null),
    (&[At::AtAddIdentity], Loader::add_identity),
    (&[At::AtSetIdentity], Loader::set_identity),
    (&[At::AtDropIdentity], Loader::drop_identity),
    (&[At::AtDropExpression], Loader::drop_expression),
    (&[At::AtSetStorage], Loader::set_storage),
    (&[At::AtAddConstraint], Loader::add_table_constraint),
    (&[At::AtDropConstraint], Loader::drop_table_constraint),
    (&[At::AtValidateConstraint], Loader::validate_constraint),
    (
        &[At::AtAttachPartition, At::AtDetachPartition],
        Loader::attach_or_detach_partition,
    ),
    (
        &[
            At::AtEnableRowSecurity,
            At::AtDisableRowSecurity,
            At::AtForceRowSecurity,
            At::AtNoForceRowSecurity,
        ],
        Loader::set_row_security,
    ),
    (&[At::AtAddInherit], Loader::add_inherit),
    (
        &[
            At::AtEnableTrig,
            At::AtEnableReplicaTrig,
            At::AtEnableAlwaysTrig,
            At::AtDisableTrig,
            At::AtEnableTrigUser,
            At::AtDisableTrigUser,
            At::AtEnableTrigAll,
            At::AtDisableTrigAll,
        ],
        Loader::set_trigger_state,
    ),
    (
        &[
            At::AtEnableRule,
            At::AtEnableReplicaRule,
            At::AtEnableAlwaysRule,
            At::AtDisableRule,
        ],
        crate::kinds::rule::switch_rule,
    ),
    (&[At::AtReplicaIdentity], Loader::set_replica_identity),
    (&[At::AtSetLogged, At::AtSetUnLogged], Loader::set_logged),
    (&[At::AtDropInherit], Loader::drop_inherit),
    (&[At::AtAddOf, At::AtDropOf], Loader::set_of_type),
    (
        &[At::AtSetRelOptions, At::AtResetRelOptions],
        Loader::set_storage_parameters,
    ),
    // Ownership is deliberately not managed (docs/SUPPORTED.md): said once per load.
    (&[At::AtChangeOwner], Loader::owner_not_managed),
    (&[At::AtSetStatistics], Loader::set_statistics),
    (
        &[At::AtSetOptions, At::AtResetOptions],
        Loader::set_column_options,
    ),
    (
        &[At::AtClusterOn, At::AtDropCluster],
        Loader::set_cluster_on,
    ),
    (&[At::AtGenericOptions], Loader::alter_foreign_table_options),
    (
        &[At::AtAlterColumnGenericOptions],
        Loader::alter_foreign_column_options,
    ),
];

impl Loader {
    /// `… OWNER TO`: ownership is deliberately not managed (migrations run as the role
    /// that should own what they create); said once per load.
    pub(crate) fn owner_not_managed(&mut self, _: &AlterCmd<'_>) -> R<()> {
        self.warn_once(
            "skipped: OWNER TO; ownership is not managed (docs/SUPPORTED.md)".to_string(),
        );
        Ok(())
    }
}

/// A statement's name in the error saying it is not supported.
fn statement_name(n: &N) -> String {
    if let N::DefineStmt(d) = n {
        // The kinds no slice claims (`CREATE TEXT SEARCH …`).
        if let Ok(kind) = Ot::try_from(d.kind) {
            return format!("CREATE {}", object_name(kind));
        }
    }
    let debug = format!("{n:?}");
    let variant = debug.split('(').next().unwrap_or("statement");
    match variant {
        "ViewStmt" => "CREATE VIEW".into(),
        "CreateFunctionStmt" => "CREATE FUNCTION/PROCEDURE".into(),
        "CreateTrigStmt" => "CREATE TRIGGER".into(),
        "CreateDomainStmt" => "CREATE DOMAIN".into(),
        "CompositeTypeStmt" => "CREATE TYPE … AS (composite)".into(),
        "CreatePolicyStmt" => "CREATE POLICY".into(),
        "CreateTableAsStmt" => "CREATE MATERIALIZED VIEW / CREATE TABLE AS".into(),
        "RuleStmt" => "CREATE RULE".into(),
        "AlterObjectSchemaStmt" => "ALTER … SET SCHEMA".into(),
        "AlterObjectDependsStmt" => "ALTER … DEPENDS ON EXTENSION".into(),
        "AlterTableMoveAllStmt" => "ALTER … ALL IN TABLESPACE … SET TABLESPACE".into(),
        "CreateRangeStmt" => "CREATE TYPE … AS RANGE".into(),
        "ImportForeignSchemaStmt" => "IMPORT FOREIGN SCHEMA".into(),
        other => spelled_out(other).unwrap_or_else(|| format!("the statement {other}")),
    }
}

/// A parse-tree statement's name as SQL spells it: `CreateOpClassStmt` → `CREATE OPERATOR
/// CLASS`, `CreateForeignTableStmt` → `CREATE FOREIGN TABLE` (the words of the name, with
/// the tree's abbreviations written out); `None` for one that does not start with a
/// `Create`, `Alter` or `Drop` verb.
fn spelled_out(variant: &str) -> Option<String> {
    const ABBREVIATIONS: &[(&str, &str)] = &[
        ("EventTrig", "EventTrigger"),
        ("Stats", "Statistics"),
        ("OpClass", "OperatorClass"),
        ("OpFamily", "OperatorFamily"),
        ("ForeignServer", "Server"),
        ("Fdw", "ForeignDataWrapper"),
        ("Am", "AccessMethod"),
        ("PLang", "Language"),
        ("TableSpace", "Tablespace"),
    ];
    let body = variant.strip_suffix("Stmt")?;
    let (verb, object) = ["Create", "Alter", "Drop"]
        .iter()
        .find_map(|v| body.strip_prefix(v).map(|o| (*v, o)))?;
    let object = ABBREVIATIONS
        .iter()
        .find(|(short, _)| *short == object)
        .map_or(object, |(_, long)| long);
    Some(format!("{} {}", verb.to_uppercase(), sql_words(object)))
}

/// A parse-tree name as SQL words: `ForeignServer` → `FOREIGN SERVER`.
pub(crate) fn sql_words(camel: &str) -> String {
    let mut words = String::new();
    for c in camel.chars() {
        if c.is_ascii_uppercase() && !words.is_empty() {
            words.push(' ');
        }
        words.push(c.to_ascii_uppercase());
    }
    words
}

/// The keyword of `ALTER INDEX | VIEW | MATERIALIZED VIEW | SEQUENCE`.
fn relation_keyword(o: Ot) -> String {
    match o {
        Ot::ObjectMatview => "MATERIALIZED VIEW".into(),
        Ot::ObjectForeignTable => "FOREIGN TABLE".into(),
        other => object_name(other),
    }
}

/// An `ALTER TABLE`-style sub-command as SQL spells it (`AtSetTableSpace` → `SET
/// TABLESPACE`), for the error that refuses it; the tree's name for the rarer ones.
fn sub_command_name(a: At) -> String {
    let known = match a {
        At::AtColumnDefault => "ALTER COLUMN … SET/DROP DEFAULT",
        At::AtSetStatistics => "ALTER COLUMN … SET STATISTICS",
        At::AtSetStorage => "ALTER COLUMN … SET STORAGE",
        At::AtSetCompression => "ALTER COLUMN … SET COMPRESSION",
        At::AtSetOptions | At::AtResetOptions => "ALTER COLUMN … SET/RESET (…)",
        At::AtSetTableSpace => "SET TABLESPACE",
        At::AtSetAccessMethod => "SET ACCESS METHOD",
        At::AtSetLogged | At::AtSetUnLogged => "SET LOGGED/UNLOGGED",
        At::AtClusterOn => "CLUSTER ON",
        At::AtDropCluster => "SET WITHOUT CLUSTER",
        At::AtSetRelOptions | At::AtResetRelOptions => "SET/RESET (…)",
        At::AtAttachPartition => "ATTACH PARTITION",
        At::AtDetachPartition => "DETACH PARTITION",
        At::AtAddColumn | At::AtAddColumnToView => "ADD COLUMN",
        At::AtDropColumn => "DROP COLUMN",
        At::AtAlterColumnType => "ALTER COLUMN … TYPE",
        At::AtReplicaIdentity => "REPLICA IDENTITY",
        _ => return alter_name(a),
    };
    known.to_string()
}

/// An object type as statements spell it (`ObjectMatview` → `MATVIEW`).
pub(crate) fn object_name(o: Ot) -> String {
    format!("{o:?}").trim_start_matches("Object").to_uppercase()
}

/// A sub-command as it is named in errors (`AtAddColumn` → `AddColumn`).
pub(crate) fn alter_name(a: At) -> String {
    format!("{a:?}").trim_start_matches("At").to_string()
}

#[cfg(test)]
#[path = "alter_table_tests.rs"]
mod alter_table_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn error(sql: &str) -> String {
        Loader::load_error(sql)
    }

    #[test]
    fn what_no_table_lists_is_still_an_error_naming_it() {
        assert_eq!(
            error("DROP CONVERSION c;"),
            "f.sql:1: DROP CONVERSION is not supported yet"
        );
        assert_eq!(
            error("COMMENT ON CONVERSION c IS 'x';"),
            "f.sql:1: COMMENT ON CONVERSION is not supported yet"
        );
        assert_eq!(
            error("ALTER VIEW v RENAME TO w;"),
            "f.sql:1: ALTER VIEW … RENAME is not supported yet"
        );
        assert_eq!(
            error("CREATE TABLE t (a int);\nALTER TABLE t ALTER a SET COMPRESSION lz4;"),
            "f.sql:2: ALTER TABLE SetCompression is not supported yet"
        );
        assert_eq!(
            error("CREATE TEXT SEARCH DICTIONARY d (TEMPLATE = simple);"),
            "f.sql:1: CREATE TSDICTIONARY is not supported yet (see docs/SUPPORTED.md)"
        );
        for (sql, name) in [
            (
                "CREATE OPERATOR CLASS oc FOR TYPE int4 USING btree AS OPERATOR 1 <;",
                "CREATE OPERATOR CLASS",
            ),
            ("CREATE CAST (int4 AS text) WITH INOUT;", "CREATE CAST"),
            (
                "IMPORT FOREIGN SCHEMA remote FROM SERVER s INTO public;",
                "IMPORT FOREIGN SCHEMA",
            ),
            (
                "CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE FUNCTION f();",
                "CREATE EVENT TRIGGER",
            ),
            (
                "CREATE SUBSCRIPTION s CONNECTION 'dbname=x' PUBLICATION p;",
                "CREATE SUBSCRIPTION",
            ),
        ] {
            assert_eq!(
                error(sql),
                format!("f.sql:1: {name} is not supported yet (see docs/SUPPORTED.md)")
            );
        }
    }

    #[test]
    fn cross_kind_statements_reach_each_kind() {
        let mut l = Loader::default();
        l.load_text(
            "f.sql",
            "CREATE TABLE t (a int PRIMARY KEY);\n\
             CREATE INDEX t_a ON t (a);\n\
             COMMENT ON TABLE t IS 'table';\n\
             COMMENT ON COLUMN t.a IS 'column';\n\
             COMMENT ON INDEX t_a IS 'index';\n\
             ALTER INDEX t_a RENAME TO t_a2;\n\
             ALTER TABLE t RENAME a TO b;\n\
             DROP INDEX t_a2;\n",
        )
        .unwrap();
        let t = &l.schema.tables[&QualifiedName::new("public", "t")];
        assert_eq!(t.comment.as_deref(), Some("table"));
        assert_eq!(t.columns[0].name, "b");
        assert_eq!(t.columns[0].comment.as_deref(), Some("column"));
        assert!(l.schema.indexes.is_empty());
        assert_eq!(
            error("DROP INDEX nope;"),
            "f.sql:1: index public.nope does not exist"
        );
    }
}
