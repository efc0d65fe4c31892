//! Columns: their IR and the `add_column`/`drop_column`/`alter_column`/`rename_column`/
//! `alter_generation` changes.

use crate::change::{create_drop, drops_rows, from_to, Change, Deps, MemberCreateDrop, ObjRef};
use crate::diff::comment_change;
use crate::hazard::Hazard;
use crate::kinds::comment::CommentTarget;
use crate::kinds::sequence::{self, SequenceOptions};
use crate::kinds::table::Table;
use crate::schema::{Expr, QualifiedName, Schema};
use serde::{Deserialize, Serialize};

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub name: String,
    /// Canonical type text, as PostgreSQL's `format_type` prints it (`integer`,
    /// `character varying(10)`, `timestamp with time zone`, `public.mood[]`).
    pub data_type: String,
    /// The user-defined type (enum, domain, composite) the column's type names, if any.
    pub type_ref: Option<QualifiedName>,
    #[serde(default)]
    pub not_null: bool,
    pub default: Option<Expr>,
    /// Boxed, as are `generated` and `storage`: most columns have none, and a column
    /// inline is what the schema and each table create's copy of it hold per column.
    pub identity: Option<Box<Identity>>,
    /// `GENERATED ALWAYS AS (expr) STORED`.
    pub generated: Option<Box<Expr>>,
    /// An explicit collation other than the type's default.
    pub collation: Option<String>,
    pub comment: Option<String>,
    /// `-- migrator:renamed-from old_name` in the desired SQL: the column's previous name.
    pub renamed_from: Option<String>,
    /// `SET STORAGE …` when it differs from the type's default.
    pub storage: Option<Box<Storage>>,
    /// Inherited from a parent table and not declared by the table itself (`attislocal`
    /// false): it comes and goes, and changes, with the parent's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inherited: bool,
    /// `SET STATISTICS n`: the planner's statistics target, when not the default (-1).
    pub statistics: Option<i32>,
    /// Attribute options (`SET (n_distinct = 100)`), name and value as PostgreSQL keeps
    /// their text, in its order (which the diff ignores).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<(String, String)>,
    /// A foreign table's column options (`OPTIONS (column_name 'x')`), sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fdw_options: crate::kinds::foreign_data::FdwOptions,
}

impl Column {
    /// A column of `data_type` with nothing else declared: nullable, no default, identity,
    /// generation, collation, comment or options of its own.
    pub fn new(name: impl Into<String>, data_type: impl Into<String>) -> Column {
        Column {
            name: name.into(),
            data_type: data_type.into(),
            type_ref: None,
            not_null: false,
            default: None,
            identity: None,
            generated: None,
            collation: None,
            comment: None,
            renamed_from: None,
            storage: None,
            inherited: false,
            statistics: None,
            options: Vec::new(),
            fdw_options: Vec::new(),
        }
    }
}

/// A column's storage mode that is not its type's default.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Storage {
    /// `PLAIN`, `EXTERNAL`, `EXTENDED` or `MAIN`.
    pub mode: String,
    /// The type's own mode, to go back to (PostgreSQL 15 has no `SET STORAGE DEFAULT`).
    pub type_default: String,
}

/// Only the mode counts: the type's default follows from the column's type.
impl PartialEq for Storage {
    fn eq(&self, other: &Self) -> bool {
        self.mode == other.mode
    }
}
impl Eq for Storage {}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// `ALWAYS` (true) or `BY DEFAULT` (false).
    pub always: bool,
    pub options: SequenceOptions,
}

/// The objects a column's type, collation, default and generation expression refer to.
pub(crate) fn column_requires(c: &Column) -> Vec<ObjRef> {
    let mut out: Vec<ObjRef> = c.type_ref.iter().cloned().map(ObjRef::Name).collect();
    out.extend(c.collation.as_deref().map(crate::kinds::used_collation));
    for e in c.default.iter().chain(c.generated.as_deref()) {
        out.extend(e.refs.iter().cloned().map(ObjRef::Name));
    }
    out
}

/// The dependencies of `column` added to (or, retyped, made anew on) `table`: a column
/// reaches the tables that inherit from `table`, so they are linked first; a generated
/// column reads the table's other columns in their new form (PostgreSQL refuses to retype
/// a column a generated column reads), so it waits for their changes.
fn added(table: &QualifiedName, column: &Column) -> Deps {
    let mut requires = vec![
        ObjRef::Name(table.clone()),
        ObjRef::Inheritors(table.clone()),
    ];
    requires.extend(column_requires(column));
    let read = column.generated.iter().flat_map(|g| &g.columns);
    requires.extend(
        read.filter(|c| **c != column.name)
            .map(|c| ObjRef::column(table.clone(), c.clone())),
    );
    Deps::creating(
        vec![ObjRef::column(table.clone(), column.name.clone())],
        requires,
    )
}

create_drop! {
    member column: Column,
    deps added,
    drop_deps |table, column| {
        let mut deps = Deps::dropping(added(table, column));
        // A child unlinked in the same plan keeps the column as its own: `NO INHERIT`
        // comes first (by rank), not after.
        deps.releases.retain(|r| !matches!(r, ObjRef::Inheritors(_)));
        // The table under its new name, when it is renamed in the same plan.
        deps.requires.push(ObjRef::Name(table.clone()));
        // What reads the table's rows goes first (the cascade puts it back after).
        deps.removes.push(ObjRef::Columns(table.clone()));
        deps
    },
    label |table, column| format!("{}_{}", table.name, column.name);
    /// `ALTER TABLE … ADD COLUMN`.
    AddColumn = "add_column", rank |_| 28, hazards |table, column, current| {
        use Hazard::*;
        if !current.tables.contains_key(table) {
            return vec![];
        }
        if crate::kinds::table::is_foreign(current, table) {
            return vec![AccessExclusiveLock];
        }
        let mut h = vec![AccessExclusiveLock];
        if column.not_null && column.default.is_none() && column.identity.is_none() {
            h.push(MayFailOnExistingData);
        }
        if column.generated.is_some() || column.identity.is_some() {
            h.push(RewritesTable);
        }
        h
    };
    /// `ALTER TABLE … DROP COLUMN`. A generated column's values are computed from the
    /// row's other columns, so dropping one deletes nothing that adding it back cannot
    /// recompute: it only locks the table.
    DropColumn = "drop_column", rank |_| 15, hazards |table, column, current| {
        let foreign = crate::kinds::table::is_foreign(current, table);
        match column.generated {
            _ if foreign => vec![Hazard::AccessExclusiveLock],
            Some(_) => vec![Hazard::AccessExclusiveLock],
            None => drops_rows(column, current),
        }
    };
}

/// Where a partition's column change runs around its parent's change of the same column:
/// PostgreSQL passes a default or NOT NULL the parent sets down to its partitions, over
/// their own (`table::partitions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AroundParent {
    /// Before the parent's change (so the down file runs it after the parent's).
    Before(QualifiedName),
    /// After the parent's change.
    After(QualifiedName),
}

from_to! {
    /// `ALTER TABLE … ALTER COLUMN`: type, default, nullability, identity, storage.
    AlterColumn {
        from,
        to: Box<Column>,
        table: QualifiedName,
        /// A partition's override: where it runs around its parent's column change.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        around: Option<AroundParent>,
        /// One half of an identity traded for a default or back ([`identity_handover`]):
        /// by the time an idempotent file runs again, the column may hold the identity
        /// already, which the first half's `DROP DEFAULT` must leave alone; and the
        /// second half continues the numbering the first half's sequence had reached.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        handover: bool,
    }
    = "alter_column",
    rank |_| 29,
    label |c| format!("alter_{}_{}", c.table.name, c.to.name),
    deps |c| {
        let mut releases = column_requires(&c.from);
        releases.retain(|r| r != &ObjRef::Name(c.table.clone()));
        let mut deps = Deps {
            removes: vec![ObjRef::column(c.table.clone(), c.from.name.clone())],
            releases,
            ..added(&c.table, &c.to)
        };
        match &c.around {
            Some(AroundParent::Before(p)) => {
                deps.releases.push(ObjRef::column(p.clone(), c.from.name.clone()));
            }
            Some(AroundParent::After(p)) => {
                deps.requires.push(ObjRef::column(p.clone(), c.to.name.clone()));
            }
            None => {}
        }
        // The sequence an identity brings (and takes away) under PostgreSQL's implicit name,
        // which a serial's sequence of that name must be out of the way of, and can take
        // only once the identity's is gone.
        match (&c.from.identity, &c.to.identity) {
            (Some(_), None) => deps
                .removes
                .push(sequence::slot(&identity_sequence(&c.table, &c.from.name))),
            (None, Some(_)) => deps
                .creates
                .push(sequence::slot(&identity_sequence(&c.table, &c.to.name))),
            (Some(_), Some(_)) | (None, None) => {}
        }
        if c.from.data_type != c.to.data_type || c.from.collation != c.to.collation {
            // What reads the table's rows goes first and comes back after (the cascade
            // takes it off): PostgreSQL refuses to retype a column a view, a rule or a
            // SQL-standard body reads.
            deps.creates.push(ObjRef::Columns(c.table.clone()));
            deps.removes.push(ObjRef::Columns(c.table.clone()));
        }
        deps
    },
    hazards |c, current| {
        use Hazard::*;
        if !current.tables.contains_key(&c.table) {
            return vec![];
        }
        if crate::kinds::table::is_foreign(current, &c.table) {
            return vec![AccessExclusiveLock];
        }
        let (from, to) = (&c.from, &c.to);
        let mut h = vec![AccessExclusiveLock];
        if from.data_type != to.data_type || from.collation != to.collation {
            h.extend([RewritesTable, MayFailOnExistingData]);
        }
        if to.not_null && !from.not_null {
            h.push(MayFailOnExistingData);
        }
        h
    },
}

/// The name PostgreSQL gives the sequence of an identity column `column` of `table`
/// (`ChooseRelationName(table, column, "seq")`): `<table>_<column>_seq`, the longer of the
/// two names cut first until it fits in 63 bytes.
pub(crate) fn identity_sequence(table: &QualifiedName, column: &str) -> QualifiedName {
    const AVAILABLE: usize = 63 - "_seq".len() - 1;
    let (mut t, mut c) = (table.name.len(), column.len());
    while t + c > AVAILABLE {
        if t > c {
            t -= 1;
        } else {
            c -= 1;
        }
    }
    let clip = |s: &str, mut n: usize| {
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        s[..n].to_string()
    };
    QualifiedName::new(
        table.schema.clone(),
        format!("{}_{}_seq", clip(&table.name, t), clip(column, c)),
    )
}

/// Whether an identity column of `schema` has its sequence under PostgreSQL's implicit name
/// `name` ([`identity_sequence`]): a sequence of that name dropped, or unlinked from its
/// owner, by an idempotent file may be the identity's by the time the file runs again.
pub fn identity_takes(schema: &Schema, name: &QualifiedName) -> bool {
    schema.tables.values().any(|t| {
        t.name.schema == name.schema
            && t.columns
                .iter()
                .any(|c| c.identity.is_some() && identity_sequence(&t.name, &c.name) == *name)
    })
}

/// The first of two [`AlterColumn`]s when a column trades an identity for a default (a
/// `serial`'s `nextval`) or back: PostgreSQL refuses a default on an identity column and an
/// identity on a column with a default, and the identity's sequence and the serial's share
/// a name, so the old one goes (`DROP IDENTITY` or `DROP DEFAULT`, with its sequence
/// dropped after it) before the new one's sequence is made. The column as it is between
/// the two, or `None` when nothing trades places.
fn identity_handover(from: &Column, to: &Column) -> Option<Column> {
    let traded = from.identity.is_some() != to.identity.is_some() && from.default != to.default;
    traded.then(|| Column {
        identity: None,
        default: None,
        ..from.clone()
    })
}

from_to! {
    /// A column's generation expression dropped (`ALTER COLUMN … DROP EXPRESSION`, which
    /// keeps the values), or, as its inverse, given to a plain column, which PostgreSQL 15
    /// cannot do in place (`SET EXPRESSION` came in 17): the builder drops the column and
    /// adds it again, generated. Only the generation differs between `from` and `to` (an
    /// `AlterColumn` after it carries the rest). Both directions count as the column
    /// dropped and added for what stands on it and reads it (the cascade takes those off
    /// and puts them back), because the down file must do it in the one direction.
    AlterGeneration {
        from,
        to: Box<Column>,
        table: QualifiedName,
    }
    = "alter_generation",
    rank |_| 29,
    label |c| match c.direction() {
        Generation::Dropped => format!("drop_expression_{}_{}", c.table.name, c.to.name),
        Generation::Readded => format!("regenerate_{}_{}", c.table.name, c.to.name),
    },
    deps |c| {
        let mut releases = column_requires(&c.from);
        releases.retain(|r| r != &ObjRef::Name(c.table.clone()));
        let mut deps = Deps {
            removes: vec![ObjRef::column(c.table.clone(), c.from.name.clone())],
            releases,
            ..added(&c.table, &c.to)
        };
        // What reads the table's rows goes first and comes back after, in both
        // directions: the readding one drops the column under it.
        deps.creates.push(ObjRef::Columns(c.table.clone()));
        deps.removes.push(ObjRef::Columns(c.table.clone()));
        deps
    },
    hazards |c, current| {
        use Hazard::*;
        if !current.tables.contains_key(&c.table) {
            return vec![];
        }
        match c.direction() {
            Generation::Dropped => vec![AccessExclusiveLock],
            Generation::Readded => {
                vec![DeletesData, IrreversibleDown, AccessExclusiveLock, RewritesTable]
            }
        }
    },
}

/// What an [`AlterGeneration`] does to the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generation {
    /// `DROP EXPRESSION`: the column stays, plain, with its values.
    Dropped,
    /// The column is dropped and added again, generated (from a plain one, or from another
    /// expression): its values are lost and computed anew.
    Readded,
}

impl AlterGeneration {
    /// Whether the expression is dropped in place or the column added again.
    pub fn direction(&self) -> Generation {
        match (&self.from.generated, &self.to.generated) {
            (Some(_), None) => Generation::Dropped,
            // Neither has an expression: the diff never makes that one; the column would be
            // added again as it is.
            (None, Some(_)) | (Some(_), Some(_)) | (None, None) => Generation::Readded,
        }
    }
}

from_to! {
    /// `ALTER TABLE … RENAME COLUMN`, from a `-- migrator:renamed-from` annotation.
    RenameColumn { from, to: String, table: QualifiedName }
    = "rename_column",
    rank |_| 19,
    label |c| format!("rename_{}_{}_to_{}", c.table.name, c.from, c.to),
    deps |c| {
        // A rename takes the old name away: what refers to it goes first. The table is
        // named as it is once renamed (`RenameTable` comes first).
        let old = ObjRef::column(c.table.clone(), c.from.clone());
        Deps {
            creates: vec![ObjRef::column(c.table.clone(), c.to.clone())],
            requires: vec![old.clone(), ObjRef::Name(c.table.clone())],
            removes: vec![old],
            releases: vec![],
        }
    },
    hazards |_, _| vec![Hazard::AccessExclusiveLock],
}

/// Each column of a table `current` and `desired` both have that uses an object `released`
/// picks (its type or its collation, as `uses` reads it off a column), kept using it in the
/// desired table and not already altered or dropped by `out` (nor generated or inherited,
/// which follow their expression or parent): the table's name, the column now and the
/// column desired. An object dropped and created under such columns has them go through
/// another type or collation around it ([`through`]).
pub(crate) fn kept_columns_of<'a, T: PartialEq + ?Sized + 'a>(
    current: &'a Schema,
    desired: &'a Schema,
    out: &[Change],
    uses: impl Fn(&'a Column) -> Option<&'a T>,
    released: impl Fn(&T) -> bool,
) -> Vec<(&'a QualifiedName, &'a Column, &'a Column)> {
    let mut found = Vec::new();
    for t in current.tables.values() {
        let Some(dt) = desired.tables.get(&t.name) else {
            continue;
        };
        for c in t.columns.iter() {
            let Some(used) = uses(c).filter(|u| released(u)) else {
                continue;
            };
            let Some(dc) = dt.column(&c.name).filter(|dc| uses(dc) == Some(used)) else {
                continue;
            };
            let touched = out.iter().any(|x| {
                matches!(x, Change::AlterColumn(AlterColumn { table, to, .. })
                    | Change::DropColumn(DropColumn { table, column: to })
                    if *table == t.name && to.name == c.name)
            });
            if !touched && c.generated.is_none() && !c.inherited {
                found.push((&t.name, c, dc));
            }
        }
    }
    found
}

/// The user type a column uses, for [`kept_columns_of`].
pub(crate) fn type_ref(c: &Column) -> Option<&QualifiedName> {
    c.type_ref.as_ref()
}

/// The two retypes of column `c` of `table` through `via` and on to `desired`: `via` is
/// built from the column as it is (what `via_of` changes of it), without its comment or
/// rename note, which the retypes do not touch.
pub(crate) fn through(
    table: &QualifiedName,
    c: &Column,
    desired: &Column,
    via_of: impl FnOnce(Column) -> Column,
) -> [Change; 2] {
    let own = |c: &Column| Column {
        comment: None,
        renamed_from: None,
        ..c.clone()
    };
    let via = via_of(own(c));
    [(own(c), via.clone()), (via, own(desired))].map(|(from, to)| {
        Change::AlterColumn(AlterColumn {
            table: table.clone(),
            from: Box::new(from),
            to: Box::new(to),
            around: None,
            handover: false,
        })
    })
}

/// Whether the generated column `column` of `d` reads another column that is retyped
/// (or given another collation) between `c` and `d`: PostgreSQL refuses that retype while
/// the generated column stands, so the generated column is dropped and added again.
fn reads_retyped(c: &Table, d: &Table, column: &Column) -> bool {
    let read = column.generated.iter().flat_map(|g| &g.columns);
    read.filter(|x| **x != column.name)
        .any(|x| match (c.column(x), d.column(x)) {
            (Some(from), Some(to)) => {
                from.data_type != to.data_type || from.collation != to.collation
            }
            _ => false,
        })
}

/// The diff of a table's columns, run by the table pass (columns exist only in tables).
/// Returns `c` with the columns that `-- migrator:renamed-from` renames already renamed: the
/// rest of the table's diff compares against that.
pub(crate) fn diff_columns(c: &Table, d: &Table, out: &mut Vec<Change>) -> Table {
    let name = &d.name;
    // `-- migrator:renamed-from` on a column: rename, then compare as the same column.
    let mut c = c.clone();
    for dcol in d.columns.iter() {
        let Some(old) = &dcol.renamed_from else {
            continue;
        };
        if c.column(&dcol.name).is_some() || d.column(old).is_some() {
            continue;
        }
        if let Some(col) = c.column_mut(old) {
            col.name = dcol.name.clone();
            out.push(Change::RenameColumn(RenameColumn {
                table: name.clone(),
                from: old.clone(),
                to: dcol.name.clone(),
            }));
        }
    }
    // Columns: order is ignored (PostgreSQL can only append).
    for col in c.columns.iter() {
        if d.column(&col.name).is_none() {
            out.push(col.clone().dropped_from(name));
        }
    }
    for dcol in d.columns.iter() {
        match c.column(&dcol.name) {
            None => out.push(dcol.clone().added_to(name)),
            Some(ccol) => {
                let without_comment = |x: &Column| {
                    let mut options = x.options.clone();
                    options.sort();
                    Column {
                        comment: None,
                        renamed_from: None,
                        options,
                        ..x.clone()
                    }
                };
                if ccol.generated.is_some() && reads_retyped(&c, d, dcol) {
                    // PostgreSQL refuses to retype a column a generated column reads.
                    out.push(ccol.clone().dropped_from(name));
                    out.push(dcol.clone().added_to(name));
                    continue;
                }
                if without_comment(ccol) != without_comment(dcol) {
                    let mut from = without_comment(ccol);
                    if ccol.generated.is_some() && dcol.generated.is_none() {
                        // `DROP EXPRESSION` keeps the values; the rest changes after it.
                        // The comment stays on both sides: the inverse adds the column
                        // again with it.
                        let with_comment = Column {
                            renamed_from: None,
                            ..ccol.clone()
                        };
                        let plain = Column {
                            generated: None,
                            ..with_comment.clone()
                        };
                        out.push(Change::AlterGeneration(AlterGeneration {
                            table: name.clone(),
                            from: Box::new(with_comment),
                            to: Box::new(plain),
                        }));
                        from.generated = None;
                    } else if ccol.generated != dcol.generated {
                        // PostgreSQL 15 cannot change a generation expression in place.
                        out.push(ccol.clone().dropped_from(name));
                        out.push(dcol.clone().added_to(name));
                        continue;
                    }
                    let to = without_comment(dcol);
                    if from != to {
                        let handover = identity_handover(&from, &to);
                        if let Some(between) = &handover {
                            out.push(Change::from(AlterColumn {
                                table: name.clone(),
                                from: Box::new(std::mem::replace(&mut from, between.clone())),
                                to: Box::new(between.clone()),
                                around: None,
                                handover: true,
                            }));
                        }
                        out.push(Change::from(AlterColumn {
                            table: name.clone(),
                            from: Box::new(from),
                            to: Box::new(to),
                            around: None,
                            handover: handover.is_some(),
                        }));
                    }
                }
                let on = CommentTarget::Column {
                    table: name.clone(),
                    column: dcol.name.clone(),
                };
                comment_change(out, on, &ccol.comment, &dcol.comment);
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::Column;
    use insta::assert_snapshot;

    #[test]
    fn a_new_column_is_added() {
        let current = schema().with(table("t", [col("id", "integer")]));
        let desired = schema().with(table("t", [col("id", "integer"), col("x", "text")]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_generated_column_made_plain_drops_its_expression_and_its_down_adds_it_again() {
        use crate::change::ChangeKind;
        use crate::kinds::{AlterGeneration, Generation};
        let generated = Column {
            generated: Some(Box::new(sql("a * 2"))),
            ..col("b", "integer")
        };
        let current = schema().with(table("t", [col("a", "integer"), generated]));
        let desired = schema().with(table("t", [col("a", "integer"), col("b", "bigint")]));
        let plan = planned(&current, &desired);
        let labels: Vec<&str> = plan.lines().map(|l| l.split(' ').next().unwrap()).collect();
        assert_eq!(labels, ["alter_generation", "alter_column"], "{plan}");
        let changes = crate::diff::diff(&current, &desired);
        let Some(crate::change::Change::AlterGeneration(g)) = changes.first() else {
            panic!("{changes:?}");
        };
        assert_eq!(g.direction(), Generation::Dropped);
        let crate::change::Change::AlterGeneration(back) = g.invert() else {
            panic!("the inverse of {g:?} is another kind");
        };
        assert_eq!(back.direction(), Generation::Readded);
        assert_eq!(
            back,
            AlterGeneration {
                from: g.to.clone(),
                to: g.from.clone(),
                table: g.table.clone()
            }
        );
    }

    #[test]
    fn a_retyped_column_is_altered_in_place() {
        let current = schema().with(table("t", [col("x", "integer")]));
        let desired = schema().with(table("t", [col("x", "bigint")]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_column_rename_annotation_renames_instead_of_drop_and_add() {
        let current = schema().with(table("t", [col("old", "text")]));
        let renamed = Column {
            renamed_from: Some("old".into()),
            ..col("new", "text")
        };
        let desired = schema().with(table("t", [renamed]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_changed_generation_expression_drops_and_adds_the_column() {
        let generated = |e: &str| Column {
            generated: Some(Box::new(sql(e))),
            ..col("g", "integer")
        };
        let current = schema().with(table("t", [col("x", "integer"), generated("x + 1")]));
        let desired = schema().with(table("t", [col("x", "integer"), generated("x + 2")]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_generated_column_reading_a_retyped_column_is_dropped_before_and_added_after() {
        let generated = Column {
            generated: Some(Box::new(crate::schema::Expr {
                columns: vec!["x".into(), "g".into()],
                ..sql("x + 1")
            })),
            ..col("g", "bigint")
        };
        let current = schema().with(table("t", [col("x", "integer"), generated.clone()]));
        let desired = schema().with(table("t", [col("x", "bigint"), generated]));
        let changes = crate::plan::order(crate::diff::diff(&current, &desired)).unwrap();
        let labels: Vec<String> = changes.iter().map(crate::change::Change::label).collect();
        assert_eq!(labels, ["drop_t_g", "alter_t_x", "add_t_g"]);
    }

    #[test]
    fn a_comment_alone_is_set_without_altering_the_column() {
        let current = schema().with(table("t", [col("x", "text")]));
        let commented = Column {
            comment: Some("the x".into()),
            ..col("x", "text")
        };
        let desired = schema().with(table("t", [commented]));
        assert_snapshot!(diffed(&current, &desired));
    }
}

#[cfg(test)]
mod identity_tests {
    use crate::kinds::column::{identity_sequence, Identity};
    use crate::kinds::sequence::SequenceOptions;
    use crate::kinds::testkit::*;
    use crate::schema::{Column, Expr, Schema};

    /// `t.id` as a `serial` (its sequence `t_id_seq`, owned by it) or as an identity.
    fn side(serial: bool) -> Schema {
        let id = if serial {
            Column {
                default: Some(Expr {
                    refs: vec![qn("t_id_seq")],
                    ..sql("nextval('t_id_seq'::regclass)")
                }),
                ..col("id", "integer")
            }
        } else {
            Column {
                identity: Some(Box::new(Identity {
                    always: true,
                    options: SequenceOptions::defaults("integer", 1),
                })),
                ..col("id", "integer")
            }
        };
        let s = schema().with(table("t", [id]));
        match serial {
            true => s.with(crate::schema::Sequence {
                owned_by: owned_by("t", "id"),
                ..sequence("t_id_seq")
            }),
            false => s,
        }
    }

    fn ordered(current: &Schema, desired: &Schema) -> Vec<String> {
        let changes = crate::plan::order(crate::diff::diff(current, desired)).unwrap();
        changes.iter().map(crate::change::Change::label).collect()
    }

    #[test]
    fn an_identity_made_serial_is_dropped_before_the_serial_sequence_takes_its_name() {
        assert_eq!(
            ordered(&side(false), &side(true)),
            [
                "alter_t_id",
                "create_sequence_t_id_seq",
                "alter_t_id",
                "alter_sequence_t_id_seq",
            ]
        );
    }

    #[test]
    fn a_serial_made_identity_drops_its_sequence_before_the_identity_takes_its_name() {
        assert_eq!(
            ordered(&side(true), &side(false)),
            [
                "alter_sequence_t_id_seq",
                "alter_t_id",
                "drop_sequence_t_id_seq",
                "alter_t_id",
            ]
        );
    }

    #[test]
    fn identity_sequences_are_named_as_postgresql_names_them() {
        assert_eq!(identity_sequence(&qn("t"), "id").name, "t_id_seq");
        let long = "x".repeat(60);
        let name = identity_sequence(&qn(&long), "id").name;
        assert_eq!(name.len(), 63);
        assert_eq!(name, format!("{}_id_seq", "x".repeat(56)));
    }
}
