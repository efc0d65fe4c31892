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
use migrator_core::kinds::{implied_privileges, DefaultObjectType, DefaultPrivilege};
use migrator_core::schema::PrivilegeObject;
use pg_query::protobuf::{self as pb, node::Node as N, ObjectType as Ot};
use std::collections::BTreeSet;

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

    /// The objects that can have privileges, before a statement that may create some runs
    /// under default privileges of the role running the files; `None` when there are none
    /// or the statement creates nothing.
    pub(crate) fn objects_before(&self, node: &N) -> Option<BTreeSet<PrivilegeObject>> {
        let creates = matches!(
            node,
            N::CreateStmt(_)
                | N::CreateTableAsStmt(_)
                | N::ViewStmt(_)
                | N::CreateSeqStmt(_)
                | N::CreateFunctionStmt(_)
                | N::CreateSchemaStmt(_)
                | N::AlterTableStmt(_)
        );
        let defaults = self.schema.default_privileges.keys();
        (creates && defaults.into_iter().any(|k| k.0.is_none())).then(|| self.with_privileges())
    }

    /// Gives the objects created since `before` what the default privileges in force say.
    pub(crate) fn give_default_privileges(&mut self, before: BTreeSet<PrivilegeObject>) {
        let defaults: Vec<&DefaultPrivilege> = self.schema.default_privileges.values().collect();
        let mut given = Vec::new();
        for object in self.with_privileges().difference(&before) {
            given.extend(implied_privileges(defaults.iter().copied(), object));
        }
        for p in given {
            self.schema.privileges.insert(p.key(), p);
        }
    }

    /// Every object that has privileges of its own (columns aside).
    fn with_privileges(&self) -> BTreeSet<PrivilegeObject> {
        let s = &self.schema;
        let relations = s.tables.keys().chain(s.views.keys());
        let schemas = s
            .schemas
            .keys()
            .map(|name| PrivilegeObject::Schema { name: name.clone() });
        let relations = relations.map(|name| PrivilegeObject::Relation { name: name.clone() });
        let sequences = s
            .sequences
            .keys()
            .map(|name| PrivilegeObject::Sequence { name: name.clone() });
        let functions = s.functions.values().map(|f| PrivilegeObject::Function {
            id: f.id.clone(),
            procedure: f.procedure,
        });
        schemas
            .chain(relations)
            .chain(sequences)
            .chain(functions)
            .collect()
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

statement_hook! {
    AlterDefaultPrivilegesStmt => alter_default_privileges,
}
