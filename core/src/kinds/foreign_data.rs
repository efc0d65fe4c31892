//! Foreign data (SQL/MED): foreign-data wrappers (`CREATE FOREIGN DATA WRAPPER`), foreign
//! servers (`CREATE SERVER`) and user mappings (`CREATE USER MAPPING`), their IR and their
//! create, drop and alter changes. Foreign tables are tables (`table/foreign.rs`).
//!
//! The three live together because they form one chain and share what matters about them:
//! a server uses a wrapper, a user mapping and a foreign table use a server, and each
//! carries a list of `OPTIONS` that PostgreSQL stores as `name=value` text (the options are
//! kept sorted by name: their order means nothing). Wrappers and servers have names of their
//! own, in no schema; a user mapping is named by its server and its user (`PUBLIC`, or a
//! role; the role migrator connects as is `CURRENT_USER`, as files usually write it).
//!
//! In place: a wrapper's handler, validator and options, a server's version and options, a
//! mapping's options. A server whose wrapper or type changes is dropped and created again,
//! with its user mappings and its foreign tables (`table::recreated`).

use crate::change::{create_drop, from_to, no_hazards, Change, CreateDrop, Deps, ObjRef};
use crate::diff::{diff_objects, pair_up, Kept};
use crate::identity::{ObjectId, ObjectKind};
use crate::schema::{QualifiedName, Schema};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `OPTIONS (name 'value', …)`: names and values, sorted by name.
pub type FdwOptions = Vec<(String, String)>;

/// The user of a mapping for everyone (`FOR PUBLIC`).
pub const PUBLIC_USER: &str = "PUBLIC";
/// The user of a mapping for the role migrator connects as (`FOR CURRENT_USER`).
pub const CURRENT_USER: &str = "CURRENT_USER";

/// A foreign-data wrapper and what `pg_foreign_data_wrapper` stores for it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignDataWrapper {
    pub name: String,
    /// `HANDLER f`: a function of no arguments returning `fdw_handler`.
    pub handler: Option<QualifiedName>,
    /// `VALIDATOR f`: a function of `(text[], oid)`.
    pub validator: Option<QualifiedName>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: FdwOptions,
    pub comment: Option<String>,
}

/// A foreign server and what `pg_foreign_server` stores for it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignServer {
    pub name: String,
    /// The wrapper it uses (`FOREIGN DATA WRAPPER w`).
    pub wrapper: String,
    /// `TYPE '…'`.
    pub server_type: Option<String>,
    /// `VERSION '…'`.
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: FdwOptions,
    pub comment: Option<String>,
}

/// A user mapping: the options a server's wrapper uses to connect as `user`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserMapping {
    pub server: String,
    /// [`PUBLIC_USER`], [`CURRENT_USER`], or a role's name.
    pub user: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: FdwOptions,
    /// For a [`CURRENT_USER`] mapping read from a live database: the role that is (the one
    /// migrator connected as), which files may name instead (`FOR app`, as pg_dump writes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// What identifies a user mapping: its server and its user.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UserMappingKey {
    pub server: String,
    pub user: String,
}

impl UserMapping {
    pub fn key(&self) -> UserMappingKey {
        UserMappingKey {
            server: self.server.clone(),
            user: self.user.clone(),
        }
    }
}

/// The id of the wrapper `name`.
pub fn wrapper_id(name: &str) -> ObjectId {
    ObjectId::named(ObjectKind::ForeignDataWrapper, "", name)
}

/// The id of the server `name`.
pub fn server_id(name: &str) -> ObjectId {
    ObjectId::named(ObjectKind::ForeignServer, "", name)
}

/// The id of the user mapping of `user` on `server`.
pub fn mapping_id(server: &str, user: &str) -> ObjectId {
    ObjectId {
        parent: Some(server.to_string()),
        ..ObjectId::named(ObjectKind::UserMapping, "", user)
    }
}

fn wrapper_created(w: &ForeignDataWrapper) -> Deps {
    Deps::creating(
        vec![ObjRef::Id(wrapper_id(&w.name))],
        wrapper_functions(w).collect(),
    )
}

create_drop! {
    ForeignDataWrapper, deps wrapper_created, label |w| format!("fdw_{}", w.name);
    /// `CREATE FOREIGN DATA WRAPPER`.
    CreateForeignDataWrapper = "create_foreign_data_wrapper", rank 26, hazards no_hazards;
    /// `DROP FOREIGN DATA WRAPPER`.
    DropForeignDataWrapper = "drop_foreign_data_wrapper", rank 16, hazards no_hazards;
}

/// A server needs its wrapper: one the schema defines, or one an extension creates, which
/// has the extension's name (`postgres_fdw`, `file_fdw`).
fn server_created(s: &ForeignServer) -> Deps {
    Deps::creating(
        vec![ObjRef::Id(server_id(&s.name))],
        vec![
            ObjRef::Id(wrapper_id(&s.wrapper)),
            ObjRef::extension(s.wrapper.clone()),
        ],
    )
}

create_drop! {
    ForeignServer, deps server_created, label |s| format!("server_{}", s.name);
    /// `CREATE SERVER`.
    CreateForeignServer = "create_foreign_server", rank 26, hazards no_hazards;
    /// `DROP SERVER`.
    DropForeignServer = "drop_foreign_server", rank 16, hazards no_hazards;
}

fn mapping_created(m: &UserMapping) -> Deps {
    Deps::creating(
        vec![ObjRef::Id(mapping_id(&m.server, &m.user))],
        vec![ObjRef::Id(server_id(&m.server))],
    )
}

create_drop! {
    UserMapping, deps mapping_created,
    label |m| format!("user_mapping_{}_{}", m.user.to_lowercase(), m.server);
    /// `CREATE USER MAPPING`.
    CreateUserMapping = "create_user_mapping", rank 26, hazards no_hazards;
    /// `DROP USER MAPPING`.
    DropUserMapping = "drop_user_mapping", rank 16, hazards no_hazards;
}

/// The functions a wrapper names, as what a change requires or releases.
fn wrapper_functions(w: &ForeignDataWrapper) -> impl Iterator<Item = ObjRef> + '_ {
    (w.handler.iter().chain(&w.validator)).map(|f| ObjRef::Routine(f.clone()))
}

from_to! {
    /// `ALTER FOREIGN DATA WRAPPER … HANDLER | VALIDATOR | OPTIONS (…)`: the wrapper stays,
    /// and so does what uses it.
    AlterForeignDataWrapper { from, to: Box<ForeignDataWrapper> }
    = "alter_foreign_data_wrapper",
    rank |_| 26,
    label |c| format!("alter_fdw_{}", c.to.name),
    deps |c| Deps::relinking(
        ObjRef::Id(wrapper_id(&c.to.name)),
        wrapper_functions(&c.to),
        wrapper_functions(&c.from),
    ),
    hazards |_, _| vec![],
}

from_to! {
    /// `ALTER SERVER … VERSION | OPTIONS (…)`.
    AlterForeignServer { from, to: Box<ForeignServer> }
    = "alter_foreign_server",
    rank |_| 26,
    label |c| format!("alter_server_{}", c.to.name),
    deps |c| Deps::creating(vec![], vec![ObjRef::Id(server_id(&c.to.name))]),
    hazards |_, _| vec![],
}

from_to! {
    /// `ALTER USER MAPPING … OPTIONS (…)`.
    AlterUserMapping { from, to: Box<UserMapping> }
    = "alter_user_mapping",
    rank |_| 26,
    label |c| format!("alter_user_mapping_{}_{}", c.to.user.to_lowercase(), c.to.server),
    deps |c| Deps::creating(vec![], vec![ObjRef::Id(mapping_id(&c.to.server, &c.to.user))]),
    hazards |_, _| vec![],
}

/// Whether the server `name` is dropped and created again: it stays, but its wrapper or its
/// type changes (neither can be altered).
pub(crate) fn server_recreated(current: &Schema, desired: &Schema, name: &str) -> bool {
    match (current.servers.get(name), desired.servers.get(name)) {
        (Some(c), Some(d)) => c.wrapper != d.wrapper || c.server_type != d.server_type,
        _ => false,
    }
}

/// The diff pass of foreign data: wrappers, servers and user mappings created, dropped,
/// altered in place, or (a server whose wrapper or type changes, with its mappings)
/// dropped and created.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let wrapper = |c: &ForeignDataWrapper, d: &ForeignDataWrapper, out: &mut Vec<Change>| {
        if crate::kinds::comment::differs_beyond_comment(c, d) {
            out.push(Change::from(AlterForeignDataWrapper {
                from: Box::new(c.clone()),
                to: Box::new(d.clone()),
            }));
        }
        Kept::InPlace
    };
    diff_objects(&current.wrappers, &desired.wrappers, wrapper, out);
    let server = |c: &ForeignServer, d: &ForeignServer, out: &mut Vec<Change>| {
        if server_recreated(current, desired, &d.name) {
            return Kept::Recreated;
        }
        if crate::kinds::comment::differs_beyond_comment(c, d) {
            out.push(Change::from(AlterForeignServer {
                from: Box::new(c.clone()),
                to: Box::new(d.clone()),
            }));
        }
        Kept::InPlace
    };
    diff_objects(&current.servers, &desired.servers, server, out);
    let desired_mappings = named_as_current_user(current, desired);
    pair_up(&current.user_mappings, &desired_mappings, |c, d| {
        match (c, d) {
            (Some(c), None) => out.push(c.clone().dropped()),
            (None, Some(d)) => out.push(d.clone().created()),
            (Some(c), Some(d)) if server_recreated(current, desired, &d.server) => {
                out.push(c.clone().dropped());
                out.push(d.clone().created());
            }
            (Some(c), Some(d)) if c.options != d.options => {
                out.push(Change::from(AlterUserMapping {
                    from: Box::new(c.clone()),
                    to: Box::new(d.clone()),
                }))
            }
            _ => {}
        }
    });
}

/// The desired mappings, where one for the role a live current side connected as, named
/// (`FOR app`), is that side's `CURRENT_USER` mapping (when the files have none of their
/// own for the server).
fn named_as_current_user(
    current: &Schema,
    desired: &Schema,
) -> BTreeMap<UserMappingKey, UserMapping> {
    let mut mappings = desired.user_mappings.clone();
    let connected = (current.user_mappings.values())
        .filter_map(|m| Some((m.server.as_str(), m.role.as_deref()?)));
    for (server, role) in connected {
        let key = |user: &str| UserMappingKey {
            server: server.to_string(),
            user: user.to_string(),
        };
        if mappings.contains_key(&key(CURRENT_USER)) {
            continue;
        }
        if let Some(mut m) = mappings.remove(&key(role)) {
            m.user = CURRENT_USER.to_string();
            m.role = Some(role.to_string());
            mappings.insert(key(CURRENT_USER), m);
        }
    }
    mappings
}

#[cfg(test)]
#[path = "foreign_data_tests.rs"]
mod tests;
