//! Loading this kind from parsed SQL statements.
//!
//! `ALTER DEFAULT PRIVILEGES [FOR ROLE …] [IN SCHEMA …] GRANT | REVOKE …`, applied to the
//! default ACLs as PostgreSQL applies it (see [`DefaultPrivilege`]), and the privileges the
//! objects created after it get from it ([`Loader::give_default_privileges`]): PostgreSQL
//! reads the default ACLs of the creating role when it creates a table, view, sequence,
//! function or schema, and the files are run by the role that runs the migrations, the
//! entries without `FOR ROLE`.

use crate::kinds::privilege::load::grantees;
use crate::load::{role_name, Loader, R};
use crate::normalize::strings;
use migrator_core::identity::ObjectId;
use migrator_core::kinds::{implied_privileges, DefaultObjectType, DefaultPrivilege};
use migrator_core::schema::{PrivilegeObject, QualifiedName, Schema};
use pg_query::protobuf::{self as pb, node::Node as N, ObjectType as Ot};
use std::collections::{BTreeMap, BTreeSet};

/// One `ALTER DEFAULT PRIVILEGES` item to apply: (role, schema, object type).
type Entry = (Option<String>, Option<String>, DefaultObjectType);

/// The roles (`None`: the one running the files) and the schemas (`None`: global) an
/// `ALTER DEFAULT PRIVILEGES` names.
type Scope = (Vec<Option<String>>, Vec<Option<String>>);

impl Loader {
    /// `ALTER DEFAULT PRIVILEGES`: each role, schema, grantee and privilege it names.
    pub(crate) fn alter_default_privileges(&mut self, s: &pb::AlterDefaultPrivilegesStmt) -> R<()> {
        let action = s
            .action
            .as_ref()
            .ok_or("ALTER DEFAULT PRIVILEGES without an action")?;
        let on = match Ot::try_from(action.objtype).unwrap_or(Ot::Undefined) {
            Ot::ObjectTable => DefaultObjectType::Tables,
            Ot::ObjectSequence => DefaultObjectType::Sequences,
            Ot::ObjectFunction | Ot::ObjectRoutine | Ot::ObjectProcedure => {
                DefaultObjectType::Functions
            }
            Ot::ObjectType => DefaultObjectType::Types,
            Ot::ObjectSchema => DefaultObjectType::Schemas,
            _ => return Err("ALTER DEFAULT PRIVILEGES on this kind of object".into()),
        };
        let (roles, schemas) = self.default_privilege_scope(s)?;
        if on == DefaultObjectType::Schemas && schemas.iter().any(Option::is_some) {
            return Err("cannot use IN SCHEMA clause when using GRANT/REVOKE ON SCHEMAS".into());
        }
        let grantees = grantees(action)?;
        let mut privileges = Vec::new();
        for p in &action.privileges {
            if let Some(N::AccessPriv(a)) = &p.node {
                let name = a.priv_name.to_uppercase();
                if !a.cols.is_empty() || !on.all_privileges().contains(&name.as_str()) {
                    return Err(format!("privilege {name} does not apply to {}", on.sql()));
                }
                privileges.push(name);
            }
        }
        if privileges.is_empty() {
            privileges = on.all_privileges().iter().map(|p| p.to_string()).collect();
        }
        for role in &roles {
            for schema in &schemas {
                let entry = (role.clone(), schema.clone(), on);
                for grantee in grantees.iter().filter(|g| Some(*g) != role.as_ref()) {
                    for p in &privileges {
                        self.set_default_privilege(&entry, grantee, p, action);
                    }
                }
            }
        }
        Ok(())
    }

    /// The roles (`None`: the one running the files) and the schemas (`None`: global) an
    /// `ALTER DEFAULT PRIVILEGES` names; schemas the files do not define are skipped with a
    /// warning, as `GRANT` skips them.
    fn default_privilege_scope(&mut self, s: &pb::AlterDefaultPrivilegesStmt) -> R<Scope> {
        let (mut roles, mut schemas) = (Vec::new(), Vec::new());
        for o in &s.options {
            let Some(N::DefElem(d)) = &o.node else {
                continue;
            };
            let Some(Some(N::List(list))) = d.arg.as_deref().map(|a| &a.node) else {
                continue;
            };
            match d.defname.as_str() {
                "roles" => {
                    for r in &list.items {
                        if let Some(N::RoleSpec(r)) = &r.node {
                            let named = r.roletype == pb::RoleSpecType::RolespecCstring as i32;
                            roles.push(named.then(|| role_name(r)));
                        }
                    }
                }
                "schemas" => {
                    for name in strings(&list.items) {
                        if name != "public" && !self.schema.schemas.contains_key(&name) {
                            self.warn(format!(
                                "skipped: ALTER DEFAULT PRIVILEGES IN SCHEMA {name}, which is not defined"
                            ));
                            continue;
                        }
                        schemas.push(Some(name));
                    }
                    if schemas.is_empty() {
                        return Ok((roles, schemas));
                    }
                }
                _ => {}
            }
        }
        if roles.is_empty() {
            roles.push(None);
        }
        if schemas.is_empty() {
            schemas.push(None);
        }
        Ok((roles, schemas))
    }

    /// Applies one `GRANT` or `REVOKE` of `privilege` to `grantee` on the default ACL
    /// `entry`, keeping the items that differ from the entry's defaults.
    fn set_default_privilege(
        &mut self,
        entry: &Entry,
        grantee: &str,
        privilege: &str,
        action: &pb::GrantStmt,
    ) {
        let (role, schema, on) = entry;
        let key = (
            role.clone(),
            schema.clone(),
            *on,
            grantee.to_string(),
            privilege.to_string(),
        );
        let built_in = DefaultPrivilege::is_built_in(schema.as_deref(), *on, grantee, privilege);
        let item = |with_grant_option, revoked| DefaultPrivilege {
            role: role.clone(),
            schema: schema.clone(),
            on: *on,
            grantee: grantee.to_string(),
            privilege: privilege.to_string(),
            with_grant_option,
            revoked,
        };
        let items = &mut self.schema.default_privileges;
        if action.is_grant {
            match items.get_mut(&key) {
                Some(d) if d.revoked => {
                    items.remove(&key);
                }
                Some(d) => d.with_grant_option |= action.grant_option,
                None if built_in => {}
                None => {
                    items.insert(key, item(action.grant_option, false));
                }
            }
        } else if action.grant_option {
            if let Some(d) = items.get_mut(&key) {
                d.with_grant_option = false;
            }
        } else {
            items.remove(&key);
            if built_in {
                items.insert(key, item(false, true));
            }
        }
    }

    /// Before a statement, while default privileges of the role running the files are in
    /// force: the objects that have privileges, unless known since the last statement.
    pub(crate) fn before_statement(&mut self) {
        if !self.schema.default_privileges.keys().any(|k| k.0.is_none()) {
            self.acl_seen = None;
        } else if self.acl_seen.is_none() {
            self.acl_seen = Some(Seen::of(&self.schema));
        }
    }

    /// After a statement: the objects it created (those its kinds' maps gained) get what
    /// the default privileges in force say. A statement that renames or removes objects
    /// makes the next one look at every object again.
    pub(crate) fn give_default_privileges(&mut self, node: &N) {
        if self.acl_seen.is_none() {
            return;
        }
        let renames = matches!(node, N::RenameStmt(_) | N::AlterObjectSchemaStmt(_));
        let hints = Hints::of(node, self);
        let seen = self.acl_seen.as_mut().expect("seen above");
        let Some(created) = seen.update(&self.schema, &hints).filter(|_| !renames) else {
            self.acl_seen = None;
            return;
        };
        let defaults: Vec<&DefaultPrivilege> = self.schema.default_privileges.values().collect();
        let mut given = Vec::new();
        for object in &created {
            given.extend(implied_privileges(defaults.iter().copied(), object));
        }
        for p in given {
            self.schema.privileges.insert(p.key(), p);
        }
    }

    /// Forgets the default privileges of schemas that no longer exist (PostgreSQL drops
    /// them with the schema).
    pub(crate) fn prune_default_privileges(&mut self) {
        let schemas = &self.schema.schemas;
        self.schema.default_privileges.retain(|(_, schema, ..), _| {
            schema
                .as_ref()
                .is_none_or(|s| s == "public" || schemas.contains_key(s))
        });
    }
}

/// The keys of the maps of objects that have privileges (columns aside), as last seen.
#[derive(Default)]
pub(crate) struct Seen {
    schemas: BTreeSet<String>,
    tables: BTreeSet<QualifiedName>,
    views: BTreeSet<QualifiedName>,
    sequences: BTreeSet<QualifiedName>,
    functions: BTreeSet<ObjectId>,
}

impl Seen {
    fn of(s: &Schema) -> Seen {
        Seen {
            schemas: s.schemas.keys().cloned().collect(),
            tables: s.tables.keys().cloned().collect(),
            views: s.views.keys().cloned().collect(),
            sequences: s.sequences.keys().cloned().collect(),
            functions: s.functions.keys().cloned().collect(),
        }
    }

    /// The objects `s` has that were not seen, now seen; `None` when some map has lost a
    /// key (it must be looked at whole again). A map of the same size is taken as
    /// unchanged: only renames keep the size, and they are told apart by the caller.
    fn update(&mut self, s: &Schema, hints: &Hints) -> Option<Vec<PrivilegeObject>> {
        let mut created = Vec::new();
        for name in grown(&mut self.schemas, &s.schemas, &[])? {
            created.push(PrivilegeObject::Schema { name });
        }
        for name in grown(&mut self.tables, &s.tables, &hints.tables)? {
            created.push(PrivilegeObject::Relation { name });
        }
        for name in grown(&mut self.views, &s.views, &[])? {
            created.push(PrivilegeObject::Relation { name });
        }
        for name in grown(&mut self.sequences, &s.sequences, &hints.sequences)? {
            created.push(PrivilegeObject::Sequence { name });
        }
        for id in grown(&mut self.functions, &s.functions, &[])? {
            let procedure = s.functions[&id].procedure;
            created.push(PrivilegeObject::Function { id, procedure });
        }
        Some(created)
    }
}

/// The keys of `now` missing from `seen`, added to it: the `hints` (what the statement
/// names) when they account for every new key, else one walk over both; nothing at all
/// when the map kept its size. `None` when `now` lacks a key of `seen`.
fn grown<K: Ord + Clone, V>(
    seen: &mut BTreeSet<K>,
    now: &BTreeMap<K, V>,
    hints: &[K],
) -> Option<Vec<K>> {
    if now.len() <= seen.len() {
        return (now.len() == seen.len()).then(Vec::new);
    }
    let hinted: BTreeSet<&K> = hints
        .iter()
        .filter(|h| now.contains_key(h) && !seen.contains(h))
        .collect();
    let mut new: Vec<K> = hinted.into_iter().cloned().collect();
    if new.len() != now.len() - seen.len() {
        new.clear();
        let mut old = seen.iter().peekable();
        for k in now.keys() {
            if old.peek().is_some_and(|o| *o < k) {
                return None;
            }
            if old.peek() == Some(&k) {
                old.next();
            } else {
                new.push(k.clone());
            }
        }
        if old.peek().is_some() {
            return None;
        }
    }
    seen.extend(new.iter().cloned());
    Some(new)
}

/// What a statement names that it may create, so that finding its new objects does not
/// walk every object: a `CREATE TABLE`'s table and the sequences its columns' defaults
/// call (its `serial` columns').
#[derive(Default)]
pub(crate) struct Hints {
    tables: Vec<QualifiedName>,
    sequences: Vec<QualifiedName>,
}

impl Hints {
    fn of(node: &N, l: &Loader) -> Hints {
        let N::CreateStmt(c) = node else {
            return Hints::default();
        };
        let Some(rv) = c.relation.as_ref() else {
            return Hints::default();
        };
        let table = l.table_name(rv);
        let sequences = l.schema.tables.get(&table).map_or_else(Vec::new, |t| {
            t.columns
                .iter()
                .filter_map(|c| c.default.as_ref())
                .flat_map(|d| d.refs.iter().cloned())
                .collect()
        });
        Hints {
            tables: vec![table],
            sequences,
        }
    }
}

statement_hook! {
    AlterDefaultPrivilegesStmt => alter_default_privileges,
}
