//! Loading this kind from parsed SQL statements.
//!
//! `CREATE [OR REPLACE] FUNCTION | PROCEDURE` (the canonical definition is built in
//! [`crate::kinds::function::canonical`]), `DROP`, `COMMENT ON` and `GRANT … ON FUNCTION | PROCEDURE |
//! ROUTINE`, which name a routine by its argument types (`f(integer, text)`).

use crate::kinds::privilege::load::Grantable;
use crate::load::{does_not_exist, drop_and_comment, Loader, R};
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::kinds::comment::Commented;
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, Node, ObjectType as Ot};
use std::collections::BTreeMap;

impl Loader {
    /// `CREATE [OR REPLACE] FUNCTION | PROCEDURE`.
    pub(crate) fn create_function(&mut self, s: &pb::CreateFunctionStmt) -> R<()> {
        let functions = &self.schema.functions;
        let defined = |name: &QualifiedName| overloads(functions, name);
        let f = crate::kinds::function::canonical::function_in(
            s,
            &self.creation_schema(),
            None,
            Some(self),
            &defined,
        )?;
        create_or_replace(
            &mut self.schema.functions,
            f.id.clone(),
            f,
            s.replace,
            "function",
        )
    }

    /// The key of the function an `ObjectWithArgs` names (`f(integer, text)`); without an
    /// argument list, the one function of that name.
    pub(crate) fn routine_id(&self, obj: Option<&Node>) -> R<ObjectId> {
        let (o, name) = self.with_args(obj, "a function name with its arguments", |q| {
            self.schema.functions.values().any(|f| f.name == *q)
        })?;
        if o.args_unspecified {
            let mut found = self.schema.functions.values().filter(|f| f.name == name);
            return match (found.next(), found.next()) {
                (Some(f), None) => Ok(f.id.clone()),
                (None, _) => Err(does_not_exist("function", &name)),
                _ => Err(format!(
                    "function name {name} is not unique; give the argument types"
                )),
            };
        }
        self.routine_key(ObjectKind::Function, o, &name, None)
    }

    /// The routine a `GRANT … ON FUNCTION | PROCEDURE | ROUTINE` names; one not defined
    /// here is skipped.
    pub(crate) fn grant_target_routine(&mut self, o: &Node) -> Grantable {
        let found = self
            .routine_id(Some(o))
            .ok()
            .and_then(|id| self.schema.functions.get(&id));
        let Some(f) = found else {
            self.warn("skipped: GRANT/REVOKE on a routine that is not defined");
            return Grantable::Skipped;
        };
        Grantable::Object(PrivilegeObject::Function {
            id: f.id.clone(),
            procedure: f.procedure,
        })
    }

    /// `GRANT … ON ALL FUNCTIONS | PROCEDURES | ROUTINES IN SCHEMA`: those there now.
    pub(crate) fn routines_in_schema(&self, schema: &str, objtype: Ot) -> Vec<PrivilegeObject> {
        self.schema
            .functions
            .values()
            .filter(|f| f.id.schema == schema)
            .filter(|f| match objtype {
                Ot::ObjectFunction => !f.procedure,
                Ot::ObjectProcedure => f.procedure,
                _ => true,
            })
            .map(|f| PrivilegeObject::Function {
                id: f.id.clone(),
                procedure: f.procedure,
            })
            .collect()
    }
}

/// `CREATE [OR REPLACE]` of a function or aggregate: refused if it exists and `replace` is
/// off; a replacement keeps the comment of the object it replaces, as PostgreSQL does.
pub(crate) fn create_or_replace<T: Commented>(
    map: &mut BTreeMap<ObjectId, T>,
    id: ObjectId,
    mut value: T,
    replace: bool,
    what: &str,
) -> R<()> {
    if let Some(old) = map.get_mut(&id) {
        if !replace {
            return Err(format!("{what} {id} already exists"));
        }
        *value.comment_mut() = old.comment_mut().take();
    }
    map.insert(id, value);
    Ok(())
}

statement_hook! {
    CreateFunctionStmt => create_function,
}

/// The routines of `name` in `functions`: the overloads a call by that name may mean.
pub(crate) fn overloads(
    functions: &BTreeMap<ObjectId, Function>,
    name: &QualifiedName,
) -> Vec<ObjectId> {
    functions
        .values()
        .filter(|f| f.name == *name)
        .map(|f| f.id.clone())
        .collect()
}

drop_and_comment! {
    drop_function, comment_function: functions, "function",
    key |l, object, names| l.routine_id(object),
}
