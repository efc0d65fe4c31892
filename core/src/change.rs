//! Changes: one typed variant per DDL operation, produced by [`crate::diff`].
//!
//! Every change carries the full state it needs in both directions (a dropped table carries
//! the whole table), so [`Change::invert`] is pure and total: down migrations are the inverted
//! changes in reverse order, and nothing has to be looked up again.
//!
//! [`Change::kind`] is the stable snake_case name that keys the dialect's builder registry and
//! names the builder's template (`add_column` → `templates/<dialect>/add_column.sql`).

use crate::schema::*;
use serde::{Deserialize, Serialize};

/// An object a change creates, removes or depends on; used by the planner to order changes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjRef {
    Schema(String),
    Extension(String),
    /// Any named object in a schema (type, sequence, table, function): names share one
    /// namespace for ordering purposes.
    Object(QualifiedName),
    Column(QualifiedName, String),
    /// "Some unique key of this table": FKs to a table wait for its keys.
    Key(QualifiedName),
    Constraint(QualifiedName, String),
    /// A dialect-defined object, by its key.
    Dialect(QualifiedName),
}

/// What a comment is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "on", rename_all = "snake_case")]
pub enum CommentTarget {
    Schema {
        name: String,
    },
    Extension {
        name: String,
    },
    Type {
        name: QualifiedName,
    },
    Domain {
        name: QualifiedName,
    },
    Sequence {
        name: QualifiedName,
    },
    Table {
        name: QualifiedName,
    },
    Column {
        table: QualifiedName,
        column: String,
    },
    Constraint {
        table: QualifiedName,
        name: String,
    },
    Index {
        name: QualifiedName,
    },
    View {
        name: QualifiedName,
        materialized: bool,
    },
    Function {
        id: QualifiedName,
        procedure: bool,
    },
    Trigger {
        table: QualifiedName,
        name: String,
    },
    Aggregate {
        id: QualifiedName,
    },
    Operator {
        id: QualifiedName,
    },
    Policy {
        table: QualifiedName,
        name: String,
    },
}

/// A column whose type is an enum being rebuilt, with what must be restored around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumUsage {
    pub table: QualifiedName,
    /// The column as it is before the rebuild.
    pub column: Column,
    /// The default the rebuild leaves on the column: a default that changes along with the
    /// type's values is set here, since the old one may name a removed value and the new one
    /// a value that did not exist yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_after: Option<Expr>,
}

impl EnumUsage {
    fn invert(self) -> EnumUsage {
        EnumUsage {
            table: self.table,
            column: Column {
                default: self.default_after,
                ..self.column
            },
            default_after: self.column.default,
        }
    }
}

/// One DDL operation.
///
/// Variants differ in size (a table versus a schema name); changes are few and short-lived, so
/// boxing them would only add noise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
#[allow(clippy::large_enum_variant)]
pub enum Change {
    CreateSchema(Namespace),
    DropSchema(Namespace),
    CreateExtension(Extension),
    DropExtension(Extension),
    AlterExtension {
        from: Extension,
        to: Extension,
    },
    CreateEnum(EnumType),
    DropEnum(EnumType),
    /// Values added (in place, with `ADD VALUE … BEFORE/AFTER`) or, when values are removed or
    /// reordered, the type rebuilt and every column using it converted.
    AlterEnum {
        from: EnumType,
        to: EnumType,
        usages: Vec<EnumUsage>,
    },
    /// `ALTER TYPE … RENAME VALUE`, from a `-- migrator:renamed-from` annotation.
    RenameEnumValue {
        name: QualifiedName,
        from: String,
        to: String,
    },
    CreateDomain(Domain),
    DropDomain(Domain),
    /// Default, NOT NULL and CHECK changes (the base type must stay).
    AlterDomain {
        from: Domain,
        to: Domain,
    },
    CreateComposite(CompositeType),
    DropComposite(CompositeType),
    /// Attributes added, dropped or retyped.
    AlterComposite {
        from: CompositeType,
        to: CompositeType,
    },
    CreateSequence(Sequence),
    DropSequence(Sequence),
    AlterSequence {
        from: Sequence,
        to: Sequence,
    },
    SetSequenceOwner {
        sequence: QualifiedName,
        from: Option<ColumnRef>,
        to: Option<ColumnRef>,
    },
    CreateTable(Table),
    DropTable(Table),
    /// `ATTACH PARTITION` / `DETACH PARTITION` (a bound change is both).
    SetPartition {
        table: QualifiedName,
        from: Option<PartitionOf>,
        to: Option<PartitionOf>,
    },
    /// `ALTER TABLE … INHERIT` / `NO INHERIT`: the parents removed and added. The diff
    /// emits removals and additions as separate changes (removals run early, additions
    /// once the child has the parent's columns).
    SetInherits {
        table: QualifiedName,
        from: Vec<QualifiedName>,
        to: Vec<QualifiedName>,
    },
    /// `ALTER TABLE … RENAME TO`, from a `-- migrator:renamed-from` annotation.
    RenameTable {
        from: QualifiedName,
        to: QualifiedName,
    },
    /// `ALTER TABLE … RENAME COLUMN`, from a `-- migrator:renamed-from` annotation.
    RenameColumn {
        table: QualifiedName,
        from: String,
        to: String,
    },
    AddColumn {
        table: QualifiedName,
        column: Column,
    },
    DropColumn {
        table: QualifiedName,
        column: Column,
    },
    AlterColumn {
        table: QualifiedName,
        from: Column,
        to: Column,
    },
    AddConstraint {
        table: QualifiedName,
        constraint: Constraint,
    },
    DropConstraint {
        table: QualifiedName,
        constraint: Constraint,
    },
    CreateIndex(Index),
    DropIndex(Index),
    CreateFunction(Function),
    DropFunction(Function),
    /// `CREATE OR REPLACE` when the signature and result allow it, else drop and create.
    ReplaceFunction {
        from: Function,
        to: Function,
    },
    CreateTrigger(Trigger),
    DropTrigger(Trigger),
    CreateAggregate(Aggregate),
    DropAggregate(Aggregate),
    CreateOperator(Operator),
    DropOperator(Operator),
    CreatePolicy(Policy),
    DropPolicy(Policy),
    /// `ENABLE`/`DISABLE` and `FORCE`/`NO FORCE ROW LEVEL SECURITY`.
    SetRowSecurity {
        table: QualifiedName,
        from: (bool, bool),
        to: (bool, bool),
    },
    CreateView(View),
    DropView(View),
    /// `CREATE OR REPLACE VIEW`: only when the column list grows at the end.
    ReplaceView {
        from: View,
        to: View,
    },
    SetComment {
        target: CommentTarget,
        from: Option<String>,
        to: Option<String>,
    },
    /// An ACL entry made to hold (`GRANT`, or `REVOKE` for a default taken away): after the
    /// object is created.
    AddPrivilege(Privilege),
    /// An ACL entry undone. `before_drop`: the object is dropped (or dropped and created
    /// again) by the same plan, so this runs before that; otherwise after any rename.
    RemovePrivilege {
        privilege: Privilege,
        #[serde(default)]
        before_drop: bool,
    },
    /// A dialect-defined object created (`from` is `None`), dropped (`to` is `None`) or
    /// changed. Its kind is the object's kind, so one builder per kind handles all three.
    DialectObject {
        from: Option<DialectObject>,
        to: Option<DialectObject>,
    },
}

impl Change {
    /// The stable snake_case name: registry key and template name.
    pub fn kind(&self) -> &str {
        match self {
            Change::DialectObject { from, to } => to
                .as_ref()
                .or(from.as_ref())
                .map_or("dialect_object", DialectObject::kind),
            Change::CreateSchema(_) => "create_schema",
            Change::DropSchema(_) => "drop_schema",
            Change::CreateExtension(_) => "create_extension",
            Change::DropExtension(_) => "drop_extension",
            Change::AlterExtension { .. } => "alter_extension",
            Change::CreateEnum(_) => "create_enum",
            Change::DropEnum(_) => "drop_enum",
            Change::AlterEnum { .. } => "alter_enum",
            Change::RenameEnumValue { .. } => "rename_enum_value",
            Change::CreateDomain(_) => "create_domain",
            Change::DropDomain(_) => "drop_domain",
            Change::AlterDomain { .. } => "alter_domain",
            Change::CreateComposite(_) => "create_composite",
            Change::DropComposite(_) => "drop_composite",
            Change::AlterComposite { .. } => "alter_composite",
            Change::CreateSequence(_) => "create_sequence",
            Change::DropSequence(_) => "drop_sequence",
            Change::AlterSequence { .. } => "alter_sequence",
            Change::SetSequenceOwner { .. } => "set_sequence_owner",
            Change::CreateTable(_) => "create_table",
            Change::DropTable(_) => "drop_table",
            Change::SetPartition { .. } => "set_partition",
            Change::SetInherits { .. } => "set_inherits",
            Change::RenameTable { .. } => "rename_table",
            Change::RenameColumn { .. } => "rename_column",
            Change::AddColumn { .. } => "add_column",
            Change::DropColumn { .. } => "drop_column",
            Change::AlterColumn { .. } => "alter_column",
            Change::AddConstraint { .. } => "add_constraint",
            Change::DropConstraint { .. } => "drop_constraint",
            Change::CreateIndex(_) => "create_index",
            Change::DropIndex(_) => "drop_index",
            Change::CreateFunction(_) => "create_function",
            Change::DropFunction(_) => "drop_function",
            Change::ReplaceFunction { .. } => "replace_function",
            Change::CreateTrigger(_) => "create_trigger",
            Change::DropTrigger(_) => "drop_trigger",
            Change::CreateAggregate(_) => "create_aggregate",
            Change::DropAggregate(_) => "drop_aggregate",
            Change::CreateOperator(_) => "create_operator",
            Change::DropOperator(_) => "drop_operator",
            Change::CreatePolicy(_) => "create_policy",
            Change::DropPolicy(_) => "drop_policy",
            Change::SetRowSecurity { .. } => "set_row_security",
            Change::CreateView(_) => "create_view",
            Change::DropView(_) => "drop_view",
            Change::ReplaceView { .. } => "replace_view",
            Change::SetComment { .. } => "set_comment",
            Change::AddPrivilege(_) => "add_privilege",
            Change::RemovePrivilege { .. } => "remove_privilege",
        }
    }

    /// Every built-in change kind, for registry completeness checks.
    pub const KINDS: &'static [&'static str] = &[
        "create_schema",
        "drop_schema",
        "create_extension",
        "drop_extension",
        "alter_extension",
        "create_enum",
        "drop_enum",
        "alter_enum",
        "rename_enum_value",
        "create_domain",
        "drop_domain",
        "alter_domain",
        "create_composite",
        "drop_composite",
        "alter_composite",
        "create_sequence",
        "drop_sequence",
        "alter_sequence",
        "set_sequence_owner",
        "create_table",
        "drop_table",
        "set_partition",
        "set_inherits",
        "rename_table",
        "rename_column",
        "add_column",
        "drop_column",
        "alter_column",
        "add_constraint",
        "drop_constraint",
        "create_index",
        "drop_index",
        "create_function",
        "drop_function",
        "replace_function",
        "create_trigger",
        "drop_trigger",
        "create_aggregate",
        "drop_aggregate",
        "create_operator",
        "drop_operator",
        "create_policy",
        "drop_policy",
        "set_row_security",
        "create_view",
        "drop_view",
        "replace_view",
        "set_comment",
        "add_privilege",
        "remove_privilege",
    ];

    /// The change that undoes this one.
    pub fn invert(&self) -> Change {
        use Change::*;
        match self.clone() {
            CreateSchema(x) => DropSchema(x),
            DropSchema(x) => CreateSchema(x),
            CreateExtension(x) => DropExtension(x),
            DropExtension(x) => CreateExtension(x),
            AlterExtension { from, to } => AlterExtension { from: to, to: from },
            CreateEnum(x) => DropEnum(x),
            DropEnum(x) => CreateEnum(x),
            AlterEnum { from, to, usages } => AlterEnum {
                from: to,
                to: from,
                usages: usages.into_iter().map(EnumUsage::invert).collect(),
            },
            RenameEnumValue { name, from, to } => RenameEnumValue {
                name,
                from: to,
                to: from,
            },
            CreateDomain(x) => DropDomain(x),
            DropDomain(x) => CreateDomain(x),
            AlterDomain { from, to } => AlterDomain { from: to, to: from },
            CreateComposite(x) => DropComposite(x),
            DropComposite(x) => CreateComposite(x),
            AlterComposite { from, to } => AlterComposite { from: to, to: from },
            CreateSequence(x) => DropSequence(x),
            DropSequence(x) => CreateSequence(x),
            AlterSequence { from, to } => AlterSequence { from: to, to: from },
            SetSequenceOwner { sequence, from, to } => SetSequenceOwner {
                sequence,
                from: to,
                to: from,
            },
            CreateTable(x) => DropTable(x),
            DropTable(x) => CreateTable(x),
            SetPartition { table, from, to } => SetPartition {
                table,
                from: to,
                to: from,
            },
            SetInherits { table, from, to } => SetInherits {
                table,
                from: to,
                to: from,
            },
            RenameTable { from, to } => RenameTable { from: to, to: from },
            RenameColumn { table, from, to } => RenameColumn {
                table,
                from: to,
                to: from,
            },
            AddColumn { table, column } => DropColumn { table, column },
            DropColumn { table, column } => AddColumn { table, column },
            AlterColumn { table, from, to } => AlterColumn {
                table,
                from: to,
                to: from,
            },
            AddConstraint { table, constraint } => DropConstraint { table, constraint },
            DropConstraint { table, constraint } => AddConstraint { table, constraint },
            CreateIndex(x) => DropIndex(x),
            DropIndex(x) => CreateIndex(x),
            CreateFunction(x) => DropFunction(x),
            DropFunction(x) => CreateFunction(x),
            ReplaceFunction { from, to } => ReplaceFunction { from: to, to: from },
            CreateTrigger(x) => DropTrigger(x),
            DropTrigger(x) => CreateTrigger(x),
            CreateAggregate(x) => DropAggregate(x),
            DropAggregate(x) => CreateAggregate(x),
            CreateOperator(x) => DropOperator(x),
            DropOperator(x) => CreateOperator(x),
            CreatePolicy(x) => DropPolicy(x),
            DropPolicy(x) => CreatePolicy(x),
            SetRowSecurity { table, from, to } => SetRowSecurity {
                table,
                from: to,
                to: from,
            },
            CreateView(x) => DropView(x),
            DropView(x) => CreateView(x),
            ReplaceView { from, to } => ReplaceView { from: to, to: from },
            SetComment { target, from, to } => SetComment {
                target,
                from: to,
                to: from,
            },
            DialectObject { from, to } => DialectObject { from: to, to: from },
            AddPrivilege(privilege) => RemovePrivilege {
                privilege,
                before_drop: false,
            },
            RemovePrivilege { privilege, .. } => AddPrivilege(privilege),
        }
    }

    /// True when the change removes an object (and so may lose data).
    pub fn is_drop(&self) -> bool {
        matches!(
            self,
            Change::DropSchema(_)
                | Change::DropExtension(_)
                | Change::DropEnum(_)
                | Change::DropDomain(_)
                | Change::DropComposite(_)
                | Change::DropSequence(_)
                | Change::DropTable(_)
                | Change::DropColumn { .. }
                | Change::DropConstraint { .. }
                | Change::DropIndex(_)
                | Change::DropView(_)
                | Change::DropFunction(_)
                | Change::DropTrigger(_)
                | Change::DropAggregate(_)
                | Change::DropOperator(_)
                | Change::DropPolicy(_)
                | Change::DialectObject { to: None, .. }
        )
    }

    /// A short label for file names and summaries, e.g. `create_users`, `add_users_email`.
    pub fn label(&self) -> String {
        use Change::*;
        match self {
            CreateSchema(x) => format!("create_schema_{}", x.name),
            DropSchema(x) => format!("drop_schema_{}", x.name),
            CreateExtension(x) => format!("create_extension_{}", x.name),
            DropExtension(x) => format!("drop_extension_{}", x.name),
            AlterExtension { to, .. } => format!("alter_extension_{}", to.name),
            CreateEnum(x) => format!("create_type_{}", x.name.name),
            DropEnum(x) => format!("drop_type_{}", x.name.name),
            AlterEnum { to, .. } => format!("alter_type_{}", to.name.name),
            RenameEnumValue { name, .. } => format!("rename_value_{}", name.name),
            CreateDomain(x) => format!("create_domain_{}", x.name.name),
            DropDomain(x) => format!("drop_domain_{}", x.name.name),
            AlterDomain { to, .. } => format!("alter_domain_{}", to.name.name),
            CreateComposite(x) => format!("create_type_{}", x.name.name),
            DropComposite(x) => format!("drop_type_{}", x.name.name),
            AlterComposite { to, .. } => format!("alter_type_{}", to.name.name),
            CreateSequence(x) => format!("create_sequence_{}", x.name.name),
            DropSequence(x) => format!("drop_sequence_{}", x.name.name),
            AlterSequence { to, .. } => format!("alter_sequence_{}", to.name.name),
            SetSequenceOwner { sequence, .. } => format!("alter_sequence_{}", sequence.name),
            CreateTable(x) => format!("create_{}", x.name.name),
            DropTable(x) => format!("drop_{}", x.name.name),
            SetPartition { table, .. } => format!("partition_{}", table.name),
            SetInherits { table, .. } => format!("inherit_{}", table.name),
            RenameTable { from, to } => format!("rename_{}_to_{}", from.name, to.name),
            RenameColumn { table, from, to } => {
                format!("rename_{}_{}_to_{}", table.name, from, to)
            }
            AddColumn { table, column } => format!("add_{}_{}", table.name, column.name),
            DropColumn { table, column } => format!("drop_{}_{}", table.name, column.name),
            AlterColumn { table, to, .. } => format!("alter_{}_{}", table.name, to.name),
            AddConstraint { constraint, .. } => format!("add_{}", constraint.name),
            DropConstraint { constraint, .. } => format!("drop_{}", constraint.name),
            CreateIndex(x) => format!("create_{}", x.name.name),
            DropIndex(x) => format!("drop_{}", x.name.name),
            CreateFunction(x) => format!("create_function_{}", x.name.name),
            DropFunction(x) => format!("drop_function_{}", x.name.name),
            ReplaceFunction { to, .. } => format!("replace_function_{}", to.name.name),
            CreateTrigger(x) => format!("create_trigger_{}", x.name),
            DropTrigger(x) => format!("drop_trigger_{}", x.name),
            CreateAggregate(x) => format!("create_aggregate_{}", x.name.name),
            DropAggregate(x) => format!("drop_aggregate_{}", x.name.name),
            CreateOperator(_) => "create_operator".to_string(),
            DropOperator(_) => "drop_operator".to_string(),
            CreatePolicy(x) => format!("create_policy_{}", x.name),
            DropPolicy(x) => format!("drop_policy_{}", x.name),
            SetRowSecurity { table, .. } => format!("row_security_{}", table.name),
            CreateView(x) => format!("create_{}", x.name.name),
            DropView(x) => format!("drop_{}", x.name.name),
            ReplaceView { to, .. } => format!("replace_{}", to.name.name),
            SetComment { .. } => "comment".to_string(),
            AddPrivilege(p) | RemovePrivilege { privilege: p, .. } => {
                let verb = if matches!(self, AddPrivilege(_)) != p.revoked {
                    "grant"
                } else {
                    "revoke"
                };
                format!("{verb}_{}_{}", p.privilege.to_lowercase(), p.grantee)
            }
            DialectObject { from, to } => {
                let (verb, o) = match (from, to) {
                    (None, Some(o)) => ("add", o),
                    (Some(o), None) => ("drop", o),
                    (_, Some(o)) => ("alter", o),
                    (None, None) => return "dialect_object".to_string(),
                };
                format!("{verb}_{}_{}", o.kind(), o.name.name)
            }
        }
    }

    /// Objects that exist (new or in their new form) once the change has run.
    pub fn creates(&self) -> Vec<ObjRef> {
        use Change::*;
        match self {
            CreateSchema(x) => vec![ObjRef::Schema(x.name.clone())],
            CreateExtension(x) => vec![ObjRef::Extension(x.name.clone())],
            AlterExtension { to, .. } => vec![ObjRef::Extension(to.name.clone())],
            CreateEnum(x) => vec![ObjRef::Object(x.name.clone())],
            AlterEnum { to, .. } => vec![ObjRef::Object(to.name.clone())],
            // The type in its new form: what uses the new label comes after.
            RenameEnumValue { name, .. } => vec![ObjRef::Object(name.clone())],
            CreateDomain(x) | AlterDomain { to: x, .. } => vec![ObjRef::Object(x.name.clone())],
            CreateComposite(x) | AlterComposite { to: x, .. } => {
                vec![ObjRef::Object(x.name.clone())]
            }
            CreateSequence(x) => vec![ObjRef::Object(x.name.clone())],
            AlterSequence { to, .. } => vec![ObjRef::Object(to.name.clone())],
            CreateTable(t) => {
                let mut out = vec![ObjRef::Object(t.name.clone())];
                out.extend(
                    t.columns
                        .iter()
                        .map(|c| ObjRef::Column(t.name.clone(), c.name.clone())),
                );
                out.extend(constraint_creates(&t.name, t.constraints.values()));
                out
            }
            AddColumn { table, column }
            | AlterColumn {
                table, to: column, ..
            } => {
                vec![ObjRef::Column(table.clone(), column.name.clone())]
            }
            AddConstraint { table, constraint } => {
                constraint_creates(table, std::iter::once(constraint))
            }
            CreateIndex(i) => {
                let mut out = vec![ObjRef::Object(i.name.clone())];
                if i.unique {
                    out.push(ObjRef::Key(i.table.clone()));
                }
                out
            }
            CreateView(v) | ReplaceView { to: v, .. } => vec![ObjRef::Object(v.name.clone())],
            RenameTable { to, .. } => vec![ObjRef::Object(to.clone())],
            RenameColumn { table, to, .. } => vec![ObjRef::Column(table.clone(), to.clone())],
            CreateFunction(f) | ReplaceFunction { to: f, .. } => {
                vec![ObjRef::Object(f.name.clone()), ObjRef::Object(f.id.clone())]
            }
            CreateTrigger(t) => vec![ObjRef::Object(t.id.clone())],
            CreateAggregate(a) => {
                vec![ObjRef::Object(a.name.clone()), ObjRef::Object(a.id.clone())]
            }
            CreateOperator(o) => vec![ObjRef::Object(o.id.clone())],
            CreatePolicy(p) => vec![ObjRef::Object(p.id.clone())],
            DialectObject { to: Some(o), .. } => vec![ObjRef::Dialect(o.name.clone())],
            _ => vec![],
        }
    }

    /// Objects that must exist before the change can run.
    pub fn requires(&self) -> Vec<ObjRef> {
        use Change::*;
        match self {
            CreateExtension(x) => x.schema.iter().cloned().map(ObjRef::Schema).collect(),
            CreateEnum(x) => vec![ObjRef::Schema(x.name.schema.clone())],
            // Its columns exist in both schemas: nothing to wait for. (A change to one of
            // them waits for the rebuild instead, through the type.)
            AlterEnum { to, .. } => vec![ObjRef::Object(to.name.clone())],
            CreateDomain(d) | AlterDomain { to: d, .. } => {
                let mut out = vec![ObjRef::Schema(d.name.schema.clone())];
                out.extend(d.type_ref.iter().cloned().map(ObjRef::Object));
                for e in d.default.iter().chain(d.checks.values()) {
                    out.extend(e.refs.iter().cloned().map(ObjRef::Object));
                }
                out
            }
            CreateComposite(t) | AlterComposite { to: t, .. } => {
                let mut out = vec![ObjRef::Schema(t.name.schema.clone())];
                out.extend(
                    t.attributes
                        .iter()
                        .filter_map(|a| a.type_ref.clone())
                        .map(ObjRef::Object),
                );
                out
            }
            CreateSequence(x) => vec![ObjRef::Schema(x.name.schema.clone())],
            SetSequenceOwner { sequence, to, .. } => {
                let mut out = vec![ObjRef::Object(sequence.clone())];
                if let Some(c) = to {
                    out.push(ObjRef::Column(c.table.clone(), c.column.clone()));
                }
                out
            }
            SetPartition { table, to, .. } => {
                let mut out = vec![ObjRef::Object(table.clone())];
                out.extend(to.iter().map(|p| ObjRef::Object(p.parent.clone())));
                out
            }
            SetInherits { table, to, .. } => {
                let mut out = vec![ObjRef::Object(table.clone())];
                out.extend(to.iter().cloned().map(ObjRef::Object));
                out
            }
            CreateTable(t) => {
                let mut out = vec![ObjRef::Schema(t.name.schema.clone())];
                out.extend(
                    t.partition_of
                        .iter()
                        .map(|p| ObjRef::Object(p.parent.clone())),
                );
                out.extend(t.inherits.iter().cloned().map(ObjRef::Object));
                // An inherited column comes from a parent: after the parent has it.
                for c in t.columns.iter().filter(|c| c.inherited) {
                    out.extend(
                        t.inherits
                            .iter()
                            .map(|p| ObjRef::Column(p.clone(), c.name.clone())),
                    );
                }
                for c in &t.columns {
                    out.extend(column_requires(c));
                }
                for c in t.constraints.values() {
                    out.extend(constraint_requires(&t.name, c));
                }
                out
            }
            AddColumn { table, column }
            | AlterColumn {
                table, to: column, ..
            } => {
                let mut out = vec![ObjRef::Object(table.clone())];
                out.extend(column_requires(column));
                out
            }
            AddConstraint { table, constraint } => {
                let mut out = vec![ObjRef::Object(table.clone())];
                out.extend(constraint_requires(table, constraint));
                out
            }
            CreateIndex(i) => {
                let mut out = vec![
                    ObjRef::Schema(i.name.schema.clone()),
                    ObjRef::Object(i.table.clone()),
                ];
                for k in &i.keys {
                    if let Some(c) = &k.column {
                        out.push(ObjRef::Column(i.table.clone(), c.clone()));
                    }
                    out.extend(k.def.refs.iter().cloned().map(ObjRef::Object));
                }
                if let Some(p) = &i.predicate {
                    out.extend(p.refs.iter().cloned().map(ObjRef::Object));
                }
                out
            }
            SetComment { target, .. } => comment_requires(target),
            // The table under its new name, when it is renamed in the same plan.
            DropColumn { table, .. } => vec![ObjRef::Object(table.clone())],
            RenameTable { from, .. } => vec![ObjRef::Object(from.clone())],
            RenameColumn { table, from, .. } => vec![ObjRef::Column(table.clone(), from.clone())],
            CreateFunction(f) | ReplaceFunction { to: f, .. } => {
                let mut out = vec![ObjRef::Schema(f.name.schema.clone())];
                out.extend(f.definition.refs.iter().cloned().map(ObjRef::Object));
                out
            }
            CreateAggregate(Aggregate {
                name, definition, ..
            })
            | CreateOperator(Operator {
                name, definition, ..
            }) => {
                let mut out = vec![ObjRef::Schema(name.schema.clone())];
                out.extend(definition.refs.iter().cloned().map(ObjRef::Object));
                out
            }
            CreateTrigger(t) => vec![
                ObjRef::Object(t.table.clone()),
                ObjRef::Object(t.function.clone()),
            ],
            CreatePolicy(p) => {
                let mut out = vec![ObjRef::Object(p.table.clone())];
                for e in p.using.iter().chain(p.with_check.iter()) {
                    out.extend(e.refs.iter().cloned().map(ObjRef::Object));
                }
                out
            }
            SetRowSecurity { table, .. } => vec![ObjRef::Object(table.clone())],
            CreateView(v) | ReplaceView { to: v, .. } => {
                let mut out = vec![ObjRef::Schema(v.name.schema.clone())];
                out.extend(v.depends_on.iter().cloned().map(ObjRef::Object));
                out.extend(v.query.refs.iter().cloned().map(ObjRef::Object));
                out
            }
            DialectObject { to: Some(o), .. } => {
                let mut out: Vec<ObjRef> =
                    o.depends_on.iter().cloned().map(ObjRef::Object).collect();
                out.extend(o.after.iter().cloned().map(ObjRef::Dialect));
                out
            }
            AddPrivilege(p) => privilege_refs(&p.object),
            RemovePrivilege {
                privilege,
                before_drop: false,
            } => privilege_refs(&privilege.object),
            _ => vec![],
        }
    }

    /// Objects that no longer exist (or lose their old form) once the change has run.
    pub fn removes(&self) -> Vec<ObjRef> {
        // A rename takes the old name away: what refers to it goes first.
        match self {
            Change::RenameTable { from, .. } => return vec![ObjRef::Object(from.clone())],
            Change::RenameColumn { table, from, .. } => {
                return vec![ObjRef::Column(table.clone(), from.clone())]
            }
            _ => {}
        }
        match self.invert() {
            inverse
                if self.is_drop()
                    || matches!(
                        self,
                        Change::AlterColumn { .. }
                            | Change::AlterDomain { .. }
                            | Change::AlterComposite { .. }
                            | Change::ReplaceView { .. }
                            | Change::ReplaceFunction { .. }
                            | Change::DialectObject { from: Some(_), .. }
                    ) =>
            {
                inverse.creates()
            }
            _ => vec![],
        }
    }

    /// Objects the removed state referred to: their own drops must wait for this change.
    pub fn releases(&self) -> Vec<ObjRef> {
        match self {
            Change::SetPartition { from: Some(p), .. } => vec![ObjRef::Object(p.parent.clone())],
            Change::SetInherits { from, .. } => from.iter().cloned().map(ObjRef::Object).collect(),
            Change::SetSequenceOwner { from: Some(c), .. } => {
                vec![ObjRef::Column(c.table.clone(), c.column.clone())]
            }
            Change::RemovePrivilege {
                privilege,
                before_drop: true,
            } => {
                let mut out = privilege_refs(&privilege.object);
                if let PrivilegeObject::Column { table, .. } = &privilege.object {
                    out.push(ObjRef::Object(table.clone()));
                }
                out
            }
            Change::AlterColumn { table, from, .. } => {
                let mut out = column_requires(from);
                out.retain(|r| r != &ObjRef::Object(table.clone()));
                out
            }
            Change::DialectObject { from: Some(_), .. }
            | Change::AlterDomain { .. }
            | Change::AlterComposite { .. }
            | Change::ReplaceView { .. }
            | Change::ReplaceFunction { .. } => self.invert().requires(),
            _ if self.is_drop() => self.invert().requires(),
            _ => vec![],
        }
    }
}

/// The object a privilege is on, for ordering.
fn privilege_refs(o: &PrivilegeObject) -> Vec<ObjRef> {
    match o {
        PrivilegeObject::Schema { name } => vec![ObjRef::Schema(name.clone())],
        PrivilegeObject::Relation { name } | PrivilegeObject::Sequence { name } => {
            vec![ObjRef::Object(name.clone())]
        }
        PrivilegeObject::Column { table, column } => {
            vec![ObjRef::Column(table.clone(), column.clone())]
        }
        PrivilegeObject::Function { id, .. } => vec![ObjRef::Object(id.clone())],
    }
}

fn column_requires(c: &Column) -> Vec<ObjRef> {
    let mut out: Vec<ObjRef> = c.type_ref.iter().cloned().map(ObjRef::Object).collect();
    for e in c.default.iter().chain(c.generated.iter()) {
        out.extend(e.refs.iter().cloned().map(ObjRef::Object));
    }
    out
}

fn constraint_creates<'a>(
    table: &QualifiedName,
    constraints: impl Iterator<Item = &'a Constraint>,
) -> Vec<ObjRef> {
    let mut out = Vec::new();
    for c in constraints {
        out.push(ObjRef::Constraint(table.clone(), c.name.clone()));
        if matches!(
            c.kind,
            ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }
        ) {
            out.push(ObjRef::Key(table.clone()));
        }
    }
    out
}

fn constraint_requires(table: &QualifiedName, c: &Constraint) -> Vec<ObjRef> {
    match &c.kind {
        ConstraintKind::ForeignKey {
            ref_table,
            ref_columns,
            columns,
            ..
        } => {
            let mut out = vec![ObjRef::Object(ref_table.clone())];
            if ref_table != table {
                out.push(ObjRef::Key(ref_table.clone()));
            }
            out.extend(
                ref_columns
                    .iter()
                    .map(|col| ObjRef::Column(ref_table.clone(), col.clone())),
            );
            out.extend(
                columns
                    .iter()
                    .map(|col| ObjRef::Column(table.clone(), col.clone())),
            );
            out
        }
        ConstraintKind::Check { expr, .. } => {
            expr.refs.iter().cloned().map(ObjRef::Object).collect()
        }
        ConstraintKind::PrimaryKey { columns, .. } | ConstraintKind::Unique { columns, .. } => {
            columns
                .iter()
                .map(|col| ObjRef::Column(table.clone(), col.clone()))
                .collect()
        }
        ConstraintKind::Exclude { .. } => vec![],
    }
}

fn comment_requires(target: &CommentTarget) -> Vec<ObjRef> {
    match target {
        CommentTarget::Schema { name } => vec![ObjRef::Schema(name.clone())],
        CommentTarget::Extension { name } => vec![ObjRef::Extension(name.clone())],
        CommentTarget::Type { name }
        | CommentTarget::Domain { name }
        | CommentTarget::Sequence { name }
        | CommentTarget::Table { name }
        | CommentTarget::Index { name }
        | CommentTarget::View { name, .. }
        | CommentTarget::Function { id: name, .. }
        | CommentTarget::Aggregate { id: name }
        | CommentTarget::Operator { id: name } => vec![ObjRef::Object(name.clone())],
        CommentTarget::Trigger { table, name } | CommentTarget::Policy { table, name } => {
            vec![ObjRef::Object(QualifiedName::new(
                table.schema.clone(),
                format!("{}.{name}", table.name),
            ))]
        }
        CommentTarget::Column { table, column } => {
            vec![ObjRef::Column(table.clone(), column.clone())]
        }
        CommentTarget::Constraint { table, name } => {
            vec![ObjRef::Constraint(table.clone(), name.clone())]
        }
    }
}
