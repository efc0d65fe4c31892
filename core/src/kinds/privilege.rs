//! Privileges (`GRANT`/`REVOKE`): the ACL entry IR and the `add_privilege`/
//! `remove_privilege` changes.

use crate::change::{Change, ChangeKind, Deps, ObjRef};
use crate::hazard::Hazard;
use crate::schema::{QualifiedName, Schema};
use serde::{Deserialize, Serialize};

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
        id: QualifiedName,
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
            releases.push(ObjRef::Object(table.clone()));
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
