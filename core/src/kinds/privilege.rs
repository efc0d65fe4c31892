//! Privileges (`GRANT`/`REVOKE`): the ACL entry IR and the `add_privilege`/
//! `remove_privilege` changes.

use crate::change::{Change, ChangeKind, Deps, ObjRef};
use crate::diff::pair_up;
use crate::hazard::Hazard;
use crate::identity::ObjectId;
use crate::kinds::default_privilege::kept as kept_defaults;
use crate::kinds::*;
use crate::schema::{QualifiedName, Schema};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What a privilege is granted on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "on", rename_all = "snake_case")]
pub enum PrivilegeObject {
    /// A schema (`public` included).
    Schema {
        name: String,
    },
    /// A table, view or materialized view (`GRANT … ON TABLE`).
    Relation {
        name: QualifiedName,
    },
    /// One column of a table (`GRANT SELECT (col) ON …`).
    Column {
        table: QualifiedName,
        column: String,
    },
    Sequence {
        name: QualifiedName,
    },
    /// A function or procedure, by its key (`name(argument types)`).
    Function {
        #[serde(with = "crate::identity::as_function")]
        id: ObjectId,
        procedure: bool,
    },
}

impl PrivilegeObject {
    /// The privileges `ALL` stands for on this kind of object.
    pub fn all_privileges(&self) -> &'static [&'static str] {
        match self {
            PrivilegeObject::Schema { .. } => &["USAGE", "CREATE"],
            PrivilegeObject::Relation { .. } => &[
                "SELECT",
                "INSERT",
                "UPDATE",
                "DELETE",
                "TRUNCATE",
                "REFERENCES",
                "TRIGGER",
            ],
            PrivilegeObject::Column { .. } => &["SELECT", "INSERT", "UPDATE", "REFERENCES"],
            PrivilegeObject::Sequence { .. } => &["USAGE", "SELECT", "UPDATE"],
            PrivilegeObject::Function { .. } => &["EXECUTE"],
        }
    }

    /// The privileges an object of this kind has from its creation on, besides its owner's:
    /// `EXECUTE` for `PUBLIC` on functions, `USAGE` for `PUBLIC` on schema `public`.
    pub fn default_privileges(&self) -> &'static [(&'static str, &'static str)] {
        match self {
            PrivilegeObject::Function { .. } => &[("public", "EXECUTE")],
            PrivilegeObject::Schema { name } if name == "public" => &[("public", "USAGE")],
            _ => &[],
        }
    }

    /// The (possibly renamed) table of a relation or column privilege.
    pub fn table(&self) -> Option<&QualifiedName> {
        match self {
            PrivilegeObject::Relation { name } => Some(name),
            PrivilegeObject::Column { table, .. } => Some(table),
            _ => None,
        }
    }
}

/// The key of a privilege: object, grantee, privilege.
pub type PrivilegeKey = (PrivilegeObject, String, String);

/// One entry of an object's ACL that differs from the object's defaults: a privilege granted
/// to a role (`revoked` false) or a default privilege taken away (`revoked` true, as after
/// `REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC`). The owner's own privileges are never
/// listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Privilege {
    #[serde(flatten)]
    pub object: PrivilegeObject,
    /// The role, as stored (case-folded); `public` for `PUBLIC`.
    pub grantee: String,
    /// `SELECT`, `INSERT`, `UPDATE`, `DELETE`, `TRUNCATE`, `REFERENCES`, `TRIGGER`, `USAGE`,
    /// `CREATE` or `EXECUTE`.
    pub privilege: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub with_grant_option: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revoked: bool,
}

impl Privilege {
    pub fn key(&self) -> PrivilegeKey {
        (
            self.object.clone(),
            self.grantee.clone(),
            self.privilege.clone(),
        )
    }
}

/// An ACL entry made to hold (`GRANT`, or `REVOKE` for a default taken away): after the
/// object is created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AddPrivilege(pub Privilege);

/// An ACL entry undone. `before_drop`: the object is dropped (or dropped and created
/// again) by the same plan, so this runs before that; otherwise after any rename.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovePrivilege {
    pub privilege: Privilege,
    #[serde(default)]
    pub before_drop: bool,
}

/// The object a privilege is on, for ordering.
fn privilege_refs(o: &PrivilegeObject) -> Vec<ObjRef> {
    match o {
        PrivilegeObject::Schema { name } => vec![ObjRef::schema(name.clone())],
        PrivilegeObject::Relation { name } | PrivilegeObject::Sequence { name } => {
            vec![ObjRef::Name(name.clone())]
        }
        PrivilegeObject::Column { table, column } => {
            vec![ObjRef::column(table.clone(), column.clone())]
        }
        PrivilegeObject::Function { id, .. } => vec![ObjRef::Id(id.clone())],
    }
}

/// `grant_<privilege>_<grantee>` or `revoke_…`: what the statement does, which for an entry
/// that is a default taken away is the opposite of the change's direction.
fn label(adds: bool, p: &Privilege) -> String {
    let verb = if adds != p.revoked { "grant" } else { "revoke" };
    format!("{verb}_{}_{}", p.privilege.to_lowercase(), p.grantee)
}

impl ChangeKind for AddPrivilege {
    const KIND: &'static str = "add_privilege";
    fn rank(&self) -> u8 {
        37
    }
    fn invert(&self) -> Change {
        RemovePrivilege {
            privilege: self.0.clone(),
            before_drop: false,
        }
        .into()
    }
    fn is_drop(&self) -> bool {
        false
    }
    fn label(&self) -> String {
        label(true, &self.0)
    }
    fn deps(&self) -> Deps {
        Deps::creating(vec![], privilege_refs(&self.0.object))
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        vec![]
    }
}

impl ChangeKind for RemovePrivilege {
    const KIND: &'static str = "remove_privilege";
    fn rank(&self) -> u8 {
        6
    }
    fn invert(&self) -> Change {
        AddPrivilege(self.privilege.clone()).into()
    }
    fn is_drop(&self) -> bool {
        false
    }
    fn label(&self) -> String {
        label(false, &self.privilege)
    }
    fn deps(&self) -> Deps {
        let object = &self.privilege.object;
        if !self.before_drop {
            return Deps::creating(vec![], privilege_refs(object));
        }
        let mut releases = privilege_refs(object);
        if let PrivilegeObject::Column { table, .. } = object {
            releases.push(ObjRef::Name(table.clone()));
        }
        Deps {
            creates: vec![],
            requires: vec![],
            removes: vec![],
            releases,
        }
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        vec![]
    }
}

fn relation(name: &QualifiedName) -> PrivilegeObject {
    PrivilegeObject::Relation { name: name.clone() }
}

fn column(table: &QualifiedName, column: &str) -> PrivilegeObject {
    PrivilegeObject::Column {
        table: table.clone(),
        column: column.to_string(),
    }
}

fn function(f: &Function) -> PrivilegeObject {
    PrivilegeObject::Function {
        id: f.id.clone(),
        procedure: f.procedure,
    }
}

/// The objects with privileges that a change drops and creates: a table with its columns,
/// a view (also one replaced in place whose down drops and creates it), a column, a
/// function (also one replaced by drop and create), a sequence, a schema. Other changes keep every object's privileges.
fn recreated_objects(c: &Change) -> (Vec<PrivilegeObject>, Vec<PrivilegeObject>) {
    let table = |t: &Table| {
        let columns = t.columns.iter().map(|col| column(&t.name, &col.name));
        std::iter::once(relation(&t.name)).chain(columns).collect()
    };
    let sequence = |q: &Sequence| PrivilegeObject::Sequence {
        name: q.name.clone(),
    };
    let schema = |n: &Namespace| PrivilegeObject::Schema {
        name: n.name.clone(),
    };
    match c {
        Change::DropTable(DropTable(t)) => (table(t), vec![]),
        Change::CreateTable(CreateTable(t)) => (vec![], table(t)),
        Change::DropView(DropView(v)) => (vec![relation(&v.name)], vec![]),
        Change::CreateView(CreateView(v)) => (vec![], vec![relation(&v.name)]),
        Change::DropColumn(DropColumn { table, column: col }) => {
            (vec![column(table, &col.name)], vec![])
        }
        Change::AddColumn(AddColumn { table, column: col }) => {
            (vec![], vec![column(table, &col.name)])
        }
        // Added again in one direction (the down of a `DROP EXPRESSION`).
        Change::AlterGeneration(AlterGeneration { table, to, .. }) => {
            (vec![column(table, &to.name)], vec![column(table, &to.name)])
        }
        // Replaced in place one way, the other way (the down of a view that grows columns)
        // dropped and created.
        Change::ReplaceView(ReplaceView { from, to })
            if !from.replaceable_by(to) || !to.replaceable_by(from) =>
        {
            (vec![relation(&from.name)], vec![relation(&to.name)])
        }
        Change::DropFunction(DropFunction(f)) => (vec![function(f)], vec![]),
        Change::CreateFunction(CreateFunction(f)) => (vec![], vec![function(f)]),
        Change::ReplaceFunction(ReplaceFunction { from, to }) if !from.replaceable_by(to) => {
            (vec![function(from)], vec![function(to)])
        }
        Change::DropSequence(DropSequence(q)) => (vec![sequence(q)], vec![]),
        Change::CreateSequence(CreateSequence(q)) => (vec![], vec![sequence(q)]),
        Change::DropSchema(DropSchema(n)) => (vec![schema(n)], vec![]),
        Change::CreateSchema(CreateSchema(n)) => (vec![], vec![schema(n)]),
        _ => (vec![], vec![]),
    }
}

/// The follow-up pass of privileges (it reads the changes made so far).
///
/// Privileges: entries added and removed. Privileges follow renames (the current entries
/// are read under the new names), go with an object that is dropped (an entry is undone
/// before the drop, so the down file can restore it) and are put back on an object dropped
/// and created again (a table, view, function or column).
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let kept = kept_defaults(current, desired);
    if current.privileges.is_empty() && desired.privileges.is_empty() && kept.is_empty() {
        return;
    }
    let mut tables: BTreeMap<QualifiedName, QualifiedName> = BTreeMap::new();
    let mut columns: BTreeMap<(QualifiedName, String), String> = BTreeMap::new();
    let mut dropped: BTreeSet<PrivilegeObject> = BTreeSet::new();
    let mut created: BTreeSet<PrivilegeObject> = BTreeSet::new();
    for c in out.iter() {
        match c {
            Change::RenameTable(RenameTable { from, to }) => {
                tables.insert(from.clone(), to.clone());
            }
            Change::RenameColumn(RenameColumn { table, from, to }) => {
                columns.insert((table.clone(), from.clone()), to.clone());
            }
            _ => {
                let (gone, new) = recreated_objects(c);
                dropped.extend(gone);
                created.extend(new);
            }
        }
    }
    let renamed = |o: &PrivilegeObject| -> PrivilegeObject {
        match o {
            PrivilegeObject::Relation { name } => relation(tables.get(name).unwrap_or(name)),
            PrivilegeObject::Column { table, column: col } => {
                let table = tables.get(table).unwrap_or(table);
                let col = columns.get(&(table.clone(), col.clone())).unwrap_or(col);
                column(table, col)
            }
            other => other.clone(),
        }
    };
    // Current entries under the new names; `before` keeps the old names, for the entries
    // undone before a drop (which runs before the rename).
    let mut now: BTreeMap<PrivilegeKey, Privilege> = BTreeMap::new();
    let mut before: BTreeMap<PrivilegeKey, Privilege> = BTreeMap::new();
    for p in current.privileges.values() {
        let renamed = Privilege {
            object: renamed(&p.object),
            ..p.clone()
        };
        before.insert(renamed.key(), p.clone());
        now.insert(renamed.key(), renamed);
    }
    let recreated = |o: &PrivilegeObject| dropped.contains(o) && created.contains(o);
    let mut removes = Vec::new();
    let mut adds = Vec::new();
    pair_up(&now, &desired.privileges, |c, d| {
        let object = c.or(d).map(|p| &p.object);
        let again = object.is_some_and(recreated);
        match (c, d) {
            (Some(c), Some(d)) if c == d && !again => {}
            _ => {
                if let Some(c) = c {
                    let before_drop = again || d.is_none() && dropped.contains(&c.object);
                    let privilege = match before.get(&c.key()) {
                        Some(old) if before_drop => old.clone(),
                        _ => c.clone(),
                    };
                    removes.push(Change::from(RemovePrivilege {
                        privilege,
                        before_drop,
                    }));
                }
                if let Some(d) = d {
                    adds.push(Change::from(AddPrivilege(d.clone())));
                }
            }
        }
    });
    // What the default privileges in force give an object the migration creates, and the
    // desired files do not (or not so: a grant option): taken away after the creation,
    // before the desired entry is added.
    for object in &created {
        for p in implied_privileges(&kept, object) {
            if desired.privileges.get(&p.key()) != Some(&p) {
                removes.push(Change::from(RemovePrivilege {
                    privilege: p,
                    before_drop: false,
                }));
            }
        }
    }
    out.extend(removes);
    out.extend(adds);
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::{Schema, Table};
    use insta::assert_snapshot;

    fn t() -> Schema {
        schema().with(table("t", [col("a", "integer")]))
    }

    #[test]
    fn a_new_grant_is_added_and_a_gone_one_removed() {
        let current = t().with(grant("t", "bob", "SELECT"));
        let desired = t().with(grant("t", "alice", "SELECT"));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_grant_on_a_renamed_table_follows_the_rename() {
        // Read under the new name, the grant is unchanged: only the rename is listed.
        let current = t().with(grant("t", "bob", "SELECT"));
        let desired = schema()
            .with(Table {
                renamed_from: Some("t".into()),
                ..table("u", [col("a", "integer")])
            })
            .with(grant("u", "bob", "SELECT"));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_grant_on_a_recreated_view_is_removed_before_and_added_after() {
        let with_view = |query: &str, columns: &[&str]| {
            t().with(view("v", sql(query), columns, &["t"]))
                .with(grant("v", "bob", "SELECT"))
        };
        let current = with_view("SELECT a, 1 AS one FROM t", &["a", "one"]);
        let desired = with_view("SELECT a FROM t", &["a"]);
        assert_snapshot!(planned(&current, &desired));
    }

    #[test]
    fn a_grant_on_a_view_replaced_in_place_comes_back_after_the_down_recreates_it() {
        let with_view = |query: &str, columns: &[&str]| {
            t().with(view("v", sql(query), columns, &["t"]))
                .with(grant("v", "bob", "SELECT"))
        };
        let current = with_view("SELECT a FROM t", &["a"]);
        let desired = with_view("SELECT a, 1 AS one FROM t", &["a", "one"]);
        assert_snapshot!(planned(&current, &desired));
    }

    #[test]
    fn a_grant_on_a_dropped_table_is_removed_before_the_drop() {
        let current = t().with(grant("t", "bob", "SELECT"));
        assert_snapshot!(planned(&current, &schema()));
    }
}
