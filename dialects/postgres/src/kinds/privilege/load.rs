//! Loading this kind from parsed SQL statements.
//!
//! `GRANT` and `REVOKE` on tables, views, columns, sequences, functions and schemas, kept
//! as the ACL entries that differ from the objects' defaults (see [`Privilege`]). The kind
//! of the object resolves its name (the `GRANT_ON` and `GRANT_ALL_IN_SCHEMA` tables of the
//! loader's dispatch); privileges follow renames and go with dropped objects.

use crate::load::dispatch::{handler, GRANT_ALL_IN_SCHEMA, GRANT_ON};
use crate::load::{role_name, Loader, R};
use crate::normalize::strings;
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N, ObjectType as Ot};

/// What a `GRANT` makes of one object it names.
pub(crate) enum Grantable {
    /// A managed object: its privileges are kept.
    Object(PrivilegeObject),
    /// Not defined here: skipped, with a warning.
    Skipped,
    /// Not a kind of object migrator manages: the statement is skipped.
    Unmanaged,
}

impl Loader {
    /// `GRANT`/`REVOKE`. Object kinds not managed, and grants on unknown objects, are
    /// skipped.
    pub(crate) fn grant(&mut self, s: &pb::GrantStmt) -> R<()> {
        let Some(objects) = self.grant_objects(s) else {
            return Ok(());
        };
        let grantees = grantees(s)?;
        // `(privilege or "" for ALL, columns)`; no list at all is ALL too.
        let mut specs: Vec<(String, Vec<String>)> = s
            .privileges
            .iter()
            .filter_map(|p| match &p.node {
                Some(N::AccessPriv(a)) => Some((a.priv_name.to_uppercase(), strings(&a.cols))),
                _ => None,
            })
            .collect();
        if specs.is_empty() {
            specs.push((String::new(), Vec::new()));
        }
        for object in &objects {
            for (privilege, cols) in &specs {
                let targets: Vec<PrivilegeObject> = if cols.is_empty() {
                    vec![object.clone()]
                } else {
                    let PrivilegeObject::Relation { name } = object else {
                        return Err("column privileges apply to tables only".into());
                    };
                    cols.iter()
                        .map(|c| PrivilegeObject::Column {
                            table: name.clone(),
                            column: c.clone(),
                        })
                        .collect()
                };
                for target in targets {
                    let names: Vec<String> = if privilege.is_empty() {
                        target
                            .all_privileges()
                            .iter()
                            .map(|p| p.to_string())
                            .collect()
                    } else if target.all_privileges().contains(&privilege.as_str()) {
                        vec![privilege.clone()]
                    } else {
                        return Err(format!("privilege {privilege} does not apply here"));
                    };
                    for p in names {
                        for g in &grantees {
                            self.set_privilege(&target, g, &p, s.is_grant, s.grant_option);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The objects a `GRANT` names, each resolved by its kind; `None` when the statement
    /// is about objects migrator does not manage.
    fn grant_objects(&mut self, s: &pb::GrantStmt) -> Option<Vec<PrivilegeObject>> {
        let objtype = Ot::try_from(s.objtype).unwrap_or(Ot::Undefined);
        if handler(GRANT_ON, objtype).is_none() {
            self.warn_once(format!(
                "skipped: GRANT/REVOKE ON {}; its privileges are not managed (docs/SUPPORTED.md)",
                grant_object_words(objtype)
            ));
            return None;
        }
        let mut objects = Vec::new();
        let each = s.targtype == pb::GrantTargetType::AclTargetObject as i32;
        if s.targtype == pb::GrantTargetType::AclTargetAllInSchema as i32 {
            // `ON ALL … IN SCHEMA`: the objects that exist at this point, as PostgreSQL does.
            for schema in strings(&s.objects) {
                let all_in = handler(GRANT_ALL_IN_SCHEMA, objtype)?;
                objects.extend(all_in(self, &schema, objtype));
            }
        } else if !each {
            return None;
        }
        for o in s.objects.iter().filter(|_| each) {
            let target = handler(GRANT_ON, objtype)?;
            match target(self, o) {
                Grantable::Object(object) => objects.push(object),
                Grantable::Skipped => continue,
                Grantable::Unmanaged => return None,
            }
        }
        Some(objects)
    }

    /// Applies one `GRANT` (`grant`) or `REVOKE` of `privilege` on `object` to `grantee`.
    pub(crate) fn set_privilege(
        &mut self,
        object: &PrivilegeObject,
        grantee: &str,
        privilege: &str,
        grant: bool,
        grant_option: bool,
    ) {
        let key = (object.clone(), grantee.to_string(), privilege.to_string());
        let is_default = object.default_privileges().contains(&(grantee, privilege));
        let privileges = &mut self.schema.privileges;
        let entry = |with_grant_option, revoked| Privilege {
            object: object.clone(),
            grantee: grantee.to_string(),
            privilege: privilege.to_string(),
            with_grant_option,
            revoked,
        };
        if grant {
            match privileges.get_mut(&key) {
                Some(p) if p.revoked => {
                    privileges.remove(&key);
                }
                Some(p) => p.with_grant_option |= grant_option,
                None if is_default => {}
                None => {
                    privileges.insert(key, entry(grant_option, false));
                }
            }
            return;
        }
        if grant_option {
            // `REVOKE GRANT OPTION FOR`: the privilege stays.
            if let Some(p) = privileges.get_mut(&key) {
                p.with_grant_option = false;
            }
            return;
        }
        privileges.remove(&key);
        if is_default {
            privileges.insert(key, entry(false, true));
        }
        // Revoking a table privilege revokes it on every column too.
        if let PrivilegeObject::Relation { name } = object {
            privileges.retain(|(o, g, p), _| {
                !(matches!(o, PrivilegeObject::Column { table, .. } if table == name)
                    && g == grantee
                    && p == privilege)
            });
        }
    }

    /// Forgets the privileges of objects that no longer exist.
    pub(crate) fn prune_privileges(&mut self) {
        if self.schema.privileges.is_empty() {
            return;
        }
        let schema = &self.schema;
        let keep: Vec<bool> = schema
            .privileges
            .keys()
            .map(|(o, _, _)| match o {
                PrivilegeObject::Schema { name } => {
                    name == "public" || schema.schemas.contains_key(name)
                }
                PrivilegeObject::Relation { name } => {
                    schema.tables.contains_key(name) || schema.views.contains_key(name)
                }
                PrivilegeObject::Column { table, column } => schema
                    .tables
                    .get(table)
                    .is_some_and(|t| t.column(column).is_some()),
                PrivilegeObject::Sequence { name } => schema.sequences.contains_key(name),
                PrivilegeObject::Function { id, .. } => schema.functions.contains_key(id),
            })
            .collect();
        let mut keep = keep.into_iter();
        self.schema
            .privileges
            .retain(|_, _| keep.next().unwrap_or(true));
    }
}

/// An object type as `GRANT … ON` spells it: `ObjectForeignServer` → `FOREIGN SERVER`.
fn grant_object_words(o: Ot) -> String {
    if o == Ot::ObjectFdw {
        return "FOREIGN DATA WRAPPER".into();
    }
    let name = format!("{o:?}");
    crate::load::dispatch::sql_words(name.trim_start_matches("Object"))
}

/// The roles a `GRANT` names: named roles and `PUBLIC` only.
pub(crate) fn grantees(s: &pb::GrantStmt) -> R<Vec<String>> {
    let mut grantees = Vec::new();
    for g in &s.grantees {
        if let Some(N::RoleSpec(r)) = &g.node {
            let name = role_name(r);
            if r.roletype != pb::RoleSpecType::RolespecCstring as i32
                && r.roletype != pb::RoleSpecType::RolespecPublic as i32
            {
                return Err(format!(
                    "GRANT/REVOKE to {} is not supported: name the role",
                    name.to_uppercase()
                ));
            }
            grantees.push(name);
        }
    }
    Ok(grantees)
}

statement_hook! {
    GrantStmt => grant,
}
