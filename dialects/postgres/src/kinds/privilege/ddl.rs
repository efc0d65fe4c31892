//! DDL builders for this kind's change kinds.
//!
//! `GRANT`/`REVOKE`: one ACL entry made to hold (`add_privilege`) or undone
//! (`remove_privilege`). An entry that is a default taken away (`revoked`) holds through a
//! `REVOKE` and is undone by a `GRANT`; the templates choose.

use crate::ddl::comments::routine_signature;
use crate::ddl::context_builder;
use crate::ddl::qname;
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::kinds::{AddPrivilege, Privilege, PrivilegeObject, RemovePrivilege};
use serde_json::{json, Value};

/// `{privilege, columns, on, target, grantee, with_grant_option, revoked}`; `columns` is
/// ` (col)` for a column privilege, else empty.
fn context(p: &Privilege) -> Value {
    let (on, target, columns) = match &p.object {
        PrivilegeObject::Schema { name } => ("SCHEMA", quote_ident(name), String::new()),
        PrivilegeObject::Relation { name } => ("TABLE", qname(name), String::new()),
        PrivilegeObject::Column { table, column } => {
            ("TABLE", qname(table), format!(" ({})", quote_ident(column)))
        }
        PrivilegeObject::Sequence { name } => ("SEQUENCE", qname(name), String::new()),
        PrivilegeObject::Function { id, procedure } => (
            if *procedure { "PROCEDURE" } else { "FUNCTION" },
            routine_signature(id),
            String::new(),
        ),
    };
    let grantee = if p.grantee == "public" {
        "PUBLIC".to_string()
    } else {
        quote_ident(&p.grantee)
    };
    json!({
        "privilege": p.privilege,
        "columns": columns,
        "on": on,
        "target": target,
        "grantee": grantee,
        "with_grant_option": p.with_grant_option,
        "revoked": p.revoked,
    })
}

pub fn add_privilege(c: &AddPrivilege) -> Value {
    let AddPrivilege(p) = c;
    context(p)
}

pub fn remove_privilege(c: &RemovePrivilege) -> Value {
    let RemovePrivilege { privilege, .. } = c;
    context(privilege)
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(context_builder(add_privilege));
    r.builder(context_builder(remove_privilege));
}
