//! Functions and procedures: their IR and the `create_function`/`drop_function`/
//! `replace_function` changes.

use crate::change::{create_drop, from_to, no_hazards, Change, Deps, ObjRef};
use crate::diff::{diff_objects, Kept};
use crate::identity::ObjectId;
use crate::schema::{Expr, QualifiedName, Schema};
use serde::{Deserialize, Serialize};

/// A function or procedure. Its identity is schema + name + input argument types.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Function {
    /// The map key: schema, name and input argument types.
    #[serde(with = "crate::identity::as_function")]
    pub id: ObjectId,
    pub name: QualifiedName,
    /// The overloads of its own name that its SQL-standard body may call: those defined
    /// before it, which PostgreSQL resolved the call against when it was created. It is
    /// created after them (a call by name alone cannot order overloads).
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "as_functions")]
    pub calls: Vec<ObjectId>,
    #[serde(default)]
    pub procedure: bool,
    /// `sql` is a complete `CREATE OR REPLACE FUNCTION` statement; `key` is canonical.
    pub definition: Expr,
    /// Canonical result type (empty for procedures): `CREATE OR REPLACE` cannot change it.
    pub returns: String,
    /// Canonical parameter list (modes, names, types, defaults): `CREATE OR REPLACE`
    /// cannot rename or remove parameters either.
    pub parameters: String,
    pub comment: Option<String>,
    /// The base types it is an I/O function of (taking or returning one): it is created
    /// while each is only a shell, so it requires the shell rather than the type
    /// (`kinds::base_type`), and a drop of the type (`CASCADE`) may already have taken it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shells: Vec<QualifiedName>,
}

/// Serde for a list of function ids, each as its `{schema, name}` pair.
mod as_functions {
    use crate::identity::{ObjectId, ObjectKind};
    use crate::schema::QualifiedName;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(ids: &[ObjectId], s: S) -> Result<S::Ok, S::Error> {
        ids.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ObjectId>, D::Error> {
        let names = Vec::<QualifiedName>::deserialize(d)?;
        let decode = |q| ObjectId::decode(ObjectKind::Function, q);
        Ok(names.into_iter().map(decode).collect())
    }
}

impl Function {
    /// True when `CREATE OR REPLACE` can turn `self` into `other`.
    pub fn replaceable_by(&self, other: &Function) -> bool {
        self.procedure == other.procedure
            && self.returns == other.returns
            && self.parameters == other.parameters
    }
}

fn created(f: &Function) -> Deps {
    let creates = vec![ObjRef::Routine(f.name.clone()), ObjRef::Id(f.id.clone())];
    let mut deps = Deps::defining(creates, &f.name.schema, &f.definition);
    // An I/O function comes between its base type's shell and its definition.
    deps.requires
        .retain(|r| !matches!(r, ObjRef::Name(q) if f.shells.contains(q)));
    deps.requires
        .extend(f.shells.iter().map(crate::kinds::base_type::shell_ref));
    deps.requires
        .extend(f.calls.iter().cloned().map(ObjRef::Id));
    // A SQL-standard body names the relations it reads (in `refs`, with the types and
    // routines it uses): PostgreSQL ties it to their columns.
    deps.requires
        .extend(ObjRef::reading(f.definition.refs.iter().cloned()));
    deps
}

create_drop! {
    Function, deps created, label |f| format!("function_{}", f.name.name);
    /// `CREATE FUNCTION` / `CREATE PROCEDURE`.
    CreateFunction = "create_function", rank 25, hazards no_hazards;
    /// `DROP FUNCTION` / `DROP PROCEDURE`.
    DropFunction = "drop_function", rank 16, hazards no_hazards;
}

from_to! {
    /// `CREATE OR REPLACE` when the signature and result allow it, else drop and create.
    ReplaceFunction { from, to: Box<Function> } = "replace_function",
    rank |_| 25,
    label |c| format!("replace_function_{}", c.to.name.name),
    deps |c| {
        let deps = Deps::replacing(created(&c.from), created(&c.to));
        if c.from.replaceable_by(&c.to) {
            // `CREATE OR REPLACE` keeps the function, and what calls it, in place: it
            // removes nothing, and only lets go of what the old body called.
            Deps { removes: Vec::new(), ..deps }
        } else {
            deps
        }
    },
    hazards |_, _| vec![],
}

/// The diff pass of functions and procedures: replaced in place when the signature and
/// result allow (`CREATE OR REPLACE`), else dropped and created (the `ReplaceFunction`
/// builder decides). What calls a function that is dropped and created is the cascade's.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let replaced = |c: &Function, d: &Function, out: &mut Vec<Change>| {
        if c.definition != d.definition || c.procedure != d.procedure {
            out.push(Change::ReplaceFunction(ReplaceFunction {
                from: Box::new(c.clone()),
                to: Box::new(d.clone()),
            }));
        }
        Kept::InPlace
    };
    diff_objects(&current.functions, &desired.functions, replaced, out);
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::Function;
    use insta::assert_snapshot;

    #[test]
    fn a_new_function_is_created() {
        let desired = schema().with(function("f", "x integer", "integer", "SELECT x"));
        assert_snapshot!(diffed(&schema(), &desired));
    }

    #[test]
    fn a_changed_body_replaces_the_function() {
        let current = schema().with(function("f", "x integer", "integer", "SELECT x"));
        let desired = schema().with(function("f", "x integer", "integer", "SELECT x + 1"));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_changed_result_type_is_one_replace_that_cannot_be_done_in_place() {
        // The builder drops and creates it; the snapshot shows `returns` changing, which is
        // what makes `replaceable_by` false.
        let current = schema().with(function("f", "", "integer", "SELECT 1"));
        let desired = schema().with(function("f", "", "bigint", "SELECT 1"));
        let changes = crate::diff::diff(&current, &desired);
        let crate::change::Change::ReplaceFunction(r) = &changes[0] else {
            panic!("expected a replace: {changes:?}");
        };
        assert!(!r.from.replaceable_by(&r.to));
        assert_snapshot!(render(&changes));
    }

    #[test]
    fn a_comment_alone_is_set_without_replacing_the_function() {
        let current = schema().with(function("f", "", "integer", "SELECT 1"));
        let desired = schema().with(Function {
            comment: Some("one".into()),
            ..function("f", "", "integer", "SELECT 1")
        });
        assert_snapshot!(diffed(&current, &desired));
    }
}
