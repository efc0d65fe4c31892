//! Loading foreign data from parsed SQL statements.
//!
//! `CREATE | ALTER | DROP FOREIGN DATA WRAPPER`, `… SERVER`, `… USER MAPPING`, their
//! `COMMENT ON` and `RENAME TO`, and `CREATE FOREIGN TABLE` (a table with a server and
//! options; the rest of it loads as `CREATE TABLE` does) with `ALTER FOREIGN TABLE …
//! OPTIONS` and `… ALTER COLUMN … OPTIONS`. Options are kept as PostgreSQL keeps them
//! (`ADD` refuses one that is there, `SET` and `DROP` one that is not), sorted by name.
//! A drop takes its dependents along with `CASCADE` and is refused without, as PostgreSQL
//! does.

use crate::load::{does_not_exist, AlterCmd, Commented, Dropped, Loader, Lookup, R};
use crate::normalize::{const_text, def_elems, strings};
use migrator_core::kinds::{CURRENT_USER, PUBLIC_USER};
use migrator_core::schema::{
    FdwOptions, ForeignDataWrapper, ForeignServer, ForeignTable, QualifiedName, UserMapping,
    UserMappingKey,
};
use pg_query::protobuf::{self as pb, node::Node as N, DefElemAction as Action, RoleSpecType};

/// `OPTIONS (…)` applied to `options`: `ADD` (or no action) adds, `SET` replaces, `DROP`
/// removes; `what` names the object for the errors.
pub(crate) fn apply_options(options: &mut FdwOptions, given: &[pb::Node], what: &str) -> R<()> {
    for d in def_elems(given) {
        let at = options.iter().position(|(n, _)| *n == d.defname);
        let value = || d.arg.as_deref().map(const_text).unwrap_or_default();
        match (
            Action::try_from(d.defaction).unwrap_or(Action::DefelemUnspec),
            at,
        ) {
            (Action::DefelemUnspec | Action::DefelemAdd, None) => {
                options.push((d.defname.clone(), value()))
            }
            (Action::DefelemUnspec | Action::DefelemAdd, Some(_)) => {
                return Err(format!(
                    "option \"{}\" provided more than once ({what})",
                    d.defname
                ))
            }
            (Action::DefelemSet, Some(i)) => options[i].1 = value(),
            (Action::DefelemDrop, Some(i)) => {
                options.remove(i);
            }
            (Action::DefelemSet | Action::DefelemDrop, None) | (Action::Undefined, _) => {
                return Err(format!("option \"{}\" not found ({what})", d.defname))
            }
        }
    }
    options.sort();
    Ok(())
}

/// The user a mapping names: `PUBLIC`, `CURRENT_USER` (also for `CURRENT_ROLE`, `USER`
/// and `SESSION_USER`), or a role.
fn mapping_user(user: Option<&pb::RoleSpec>) -> String {
    let Some(r) = user else {
        return CURRENT_USER.into();
    };
    match RoleSpecType::try_from(r.roletype).unwrap_or(RoleSpecType::Undefined) {
        RoleSpecType::RolespecPublic => PUBLIC_USER.into(),
        RoleSpecType::RolespecCstring => r.rolename.clone(),
        RoleSpecType::RolespecCurrentUser
        | RoleSpecType::RolespecCurrentRole
        | RoleSpecType::RolespecSessionUser
        | RoleSpecType::Undefined => CURRENT_USER.into(),
    }
}

fn mapping_key(user: Option<&pb::RoleSpec>, server: &str) -> UserMappingKey {
    UserMappingKey {
        server: server.to_string(),
        user: mapping_user(user),
    }
}

impl Loader {
    /// `HANDLER f` / `NO HANDLER`, `VALIDATOR f` / `NO VALIDATOR`: a function this schema
    /// defines, or (unqualified, schema `""`) one found along the search path.
    fn wrapper_functions(&self, w: &mut ForeignDataWrapper, given: &[pb::Node]) -> R<()> {
        for d in def_elems(given) {
            let names = match d.arg.as_deref().and_then(|a| a.node.as_ref()) {
                Some(N::List(l)) => strings(&l.items),
                _ => vec![],
            };
            let function = match names.as_slice() {
                [] => None,
                [name] => {
                    let defined =
                        |q: &QualifiedName| self.schema.functions.values().any(|f| &f.name == q);
                    let q = self.resolve("", name, defined);
                    Some(if defined(&q) {
                        q
                    } else {
                        QualifiedName::new("", name.clone())
                    })
                }
                _ => Some(self.qualified(&names, |_| true)?),
            };
            match d.defname.as_str() {
                "handler" => w.handler = function,
                "validator" => w.validator = function,
                other => {
                    return Err(format!(
                        "foreign-data wrapper option \"{other}\" is unknown"
                    ))
                }
            }
        }
        Ok(())
    }

    /// `CREATE FOREIGN DATA WRAPPER`.
    pub(crate) fn create_wrapper(&mut self, s: &pb::CreateFdwStmt) -> R<()> {
        if self.schema.wrappers.contains_key(&s.fdwname) {
            return Err(format!(
                "foreign-data wrapper \"{}\" already exists",
                s.fdwname
            ));
        }
        let mut w = ForeignDataWrapper {
            name: s.fdwname.clone(),
            handler: None,
            validator: None,
            options: Vec::new(),
            comment: None,
        };
        self.wrapper_functions(&mut w, &s.func_options)?;
        apply_options(&mut w.options, &s.options, "foreign-data wrapper")?;
        self.schema.wrappers.insert(w.name.clone(), w);
        Ok(())
    }

    /// `ALTER FOREIGN DATA WRAPPER … HANDLER | VALIDATOR | OPTIONS (…)`.
    pub(crate) fn alter_wrapper(&mut self, s: &pb::AlterFdwStmt) -> R<()> {
        let mut w = self
            .schema
            .wrappers
            .existing(&s.fdwname, "foreign-data wrapper")?
            .clone();
        self.wrapper_functions(&mut w, &s.func_options)?;
        apply_options(&mut w.options, &s.options, "foreign-data wrapper")?;
        self.schema.wrappers.insert(w.name.clone(), w);
        Ok(())
    }

    /// `CREATE SERVER`.
    pub(crate) fn create_server(&mut self, s: &pb::CreateForeignServerStmt) -> R<()> {
        if self.schema.servers.contains_key(&s.servername) {
            if s.if_not_exists {
                return Ok(());
            }
            return Err(format!("server \"{}\" already exists", s.servername));
        }
        // An extension's wrapper has the extension's name (`postgres_fdw`, `file_fdw`).
        if !self.schema.extensions.contains_key(&s.fdwname) {
            self.schema
                .wrappers
                .existing(&s.fdwname, "foreign-data wrapper")?;
        }
        let text = |x: &str| (!x.is_empty()).then(|| x.to_string());
        let mut server = ForeignServer {
            name: s.servername.clone(),
            wrapper: s.fdwname.clone(),
            server_type: text(&s.servertype),
            version: text(&s.version),
            options: Vec::new(),
            comment: None,
        };
        apply_options(&mut server.options, &s.options, "server")?;
        self.schema.servers.insert(server.name.clone(), server);
        Ok(())
    }

    /// `ALTER SERVER … VERSION '…' | OPTIONS (…)`.
    pub(crate) fn alter_server(&mut self, s: &pb::AlterForeignServerStmt) -> R<()> {
        let server = self.schema.servers.existing_mut(&s.servername, "server")?;
        if s.has_version {
            server.version = (!s.version.is_empty()).then(|| s.version.clone());
        }
        apply_options(&mut server.options, &s.options, "server")
    }

    /// `CREATE USER MAPPING`.
    pub(crate) fn create_user_mapping(&mut self, s: &pb::CreateUserMappingStmt) -> R<()> {
        self.schema.servers.existing(&s.servername, "server")?;
        let key = mapping_key(s.user.as_ref(), &s.servername);
        if self.schema.user_mappings.contains_key(&key) {
            if s.if_not_exists {
                return Ok(());
            }
            return Err(format!(
                "user mapping for \"{}\" already exists for server \"{}\"",
                key.user, key.server
            ));
        }
        let mut m = UserMapping {
            server: key.server.clone(),
            user: key.user.clone(),
            options: Vec::new(),
            role: None,
        };
        apply_options(&mut m.options, &s.options, "user mapping")?;
        self.schema.user_mappings.insert(key, m);
        Ok(())
    }

    /// `ALTER USER MAPPING … OPTIONS (…)`.
    pub(crate) fn alter_user_mapping(&mut self, s: &pb::AlterUserMappingStmt) -> R<()> {
        let key = mapping_key(s.user.as_ref(), &s.servername);
        let Some(m) = self.schema.user_mappings.get_mut(&key) else {
            return Err(missing_mapping(&key));
        };
        apply_options(&mut m.options, &s.options, "user mapping")
    }

    /// `DROP USER MAPPING`.
    pub(crate) fn drop_user_mapping(&mut self, s: &pb::DropUserMappingStmt) -> R<()> {
        let key = mapping_key(s.user.as_ref(), &s.servername);
        if self.schema.user_mappings.remove(&key).is_none() && !s.missing_ok {
            return Err(missing_mapping(&key));
        }
        Ok(())
    }

    /// `CREATE FOREIGN TABLE`: the table as `CREATE TABLE` loads it, with its server and
    /// options (each column's options come with the column).
    pub(crate) fn create_foreign_table(&mut self, s: &pb::CreateForeignTableStmt) -> R<()> {
        let base = s
            .base_stmt
            .as_ref()
            .ok_or("CREATE FOREIGN TABLE without a table")?;
        self.schema.servers.existing(&s.servername, "server")?;
        let rv = base
            .relation
            .as_ref()
            .ok_or("CREATE FOREIGN TABLE without a name")?;
        let name = self.new_name(rv);
        let existed = self.schema.tables.contains_key(&name);
        self.create_table(base)?;
        if existed {
            return Ok(());
        }
        let mut options = Vec::new();
        apply_options(&mut options, &s.options, "foreign table")?;
        let table = self.schema.tables.existing_mut(&name, "table")?;
        table.foreign = Some(ForeignTable {
            server: s.servername.clone(),
            options,
        });
        Ok(())
    }

    /// `ALTER FOREIGN TABLE … OPTIONS (…)`.
    pub(crate) fn alter_foreign_table_options(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let table = self.schema.tables.existing_mut(a.table, "table")?;
        let Some(foreign) = table.foreign.as_mut() else {
            return Err(format!("{} is not a foreign table", a.table));
        };
        apply_options(&mut foreign.options, &def_list(a.cmd), "foreign table")
    }

    /// `ALTER FOREIGN TABLE … ALTER COLUMN c OPTIONS (…)`.
    pub(crate) fn alter_foreign_column_options(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let table = self.schema.tables.existing_mut(a.table, "table")?;
        if table.foreign.is_none() {
            return Err(format!("{} is not a foreign table", a.table));
        }
        let name = a.cmd.name.clone();
        let column = table
            .column_mut(&name)
            .ok_or_else(|| does_not_exist("column", &format!("{name} of {}", a.table)))?;
        apply_options(&mut column.fdw_options, &def_list(a.cmd), "column")
    }

    /// `DROP FOREIGN DATA WRAPPER`: its servers go too with `CASCADE`.
    pub(crate) fn drop_wrapper(&mut self, d: &Dropped<'_>) -> R<()> {
        let name = d.names.first().cloned().unwrap_or_default();
        let servers: Vec<String> = (self.schema.servers.values())
            .filter(|s| s.wrapper == name)
            .map(|s| s.name.clone())
            .collect();
        refuse_dependents(
            d,
            "foreign-data wrapper",
            &name,
            servers.first().map(|s| format!("server {s}")),
        )?;
        if d.removed(&mut self.schema.wrappers, &name, "foreign-data wrapper")? {
            for s in servers {
                self.remove_server(&s);
            }
        }
        Ok(())
    }

    /// `DROP SERVER`: its user mappings and foreign tables go too with `CASCADE`.
    pub(crate) fn drop_server(&mut self, d: &Dropped<'_>) -> R<()> {
        let name = d.names.first().cloned().unwrap_or_default();
        let table = (self.schema.tables.values())
            .find(|t| t.foreign.as_ref().is_some_and(|f| f.server == name))
            .map(|t| format!("foreign table {}", t.name));
        let mapping = (self.schema.user_mappings.keys())
            .find(|k| k.server == name)
            .map(|k| format!("user mapping for {} on server {name}", k.user));
        refuse_dependents(d, "server", &name, table.or(mapping))?;
        if self.schema.servers.contains_key(&name) {
            self.remove_server(&name);
        } else if !d.stmt.missing_ok {
            return Err(does_not_exist("server", &name));
        }
        Ok(())
    }

    /// Removes the server `name` with what depends on it.
    fn remove_server(&mut self, name: &str) {
        self.schema.servers.remove(name);
        self.schema.user_mappings.retain(|k, _| k.server != name);
        let tables: Vec<QualifiedName> = (self.schema.tables.values())
            .filter(|t| t.foreign.as_ref().is_some_and(|f| f.server == name))
            .map(|t| t.name.clone())
            .collect();
        for t in tables {
            self.schema.tables.remove(&t);
            self.schema.drop_relation(&t, true);
        }
    }

    /// `COMMENT ON FOREIGN DATA WRAPPER`.
    pub(crate) fn comment_wrapper(&mut self, c: &Commented<'_>) -> R<()> {
        let name = c.names.first().cloned().unwrap_or_default();
        c.set_on(&mut self.schema.wrappers, &name, "foreign-data wrapper")
    }

    /// `COMMENT ON SERVER`.
    pub(crate) fn comment_server(&mut self, c: &Commented<'_>) -> R<()> {
        let name = c.names.first().cloned().unwrap_or_default();
        c.set_on(&mut self.schema.servers, &name, "server")
    }

    /// `ALTER FOREIGN DATA WRAPPER … RENAME TO`: its servers follow.
    pub(crate) fn rename_wrapper(&mut self, s: &pb::RenameStmt) -> R<()> {
        let from = crate::define::arg_names(s.object.as_deref()).join(".");
        let mut w = self
            .schema
            .wrappers
            .take_existing(&from, "foreign-data wrapper")?;
        if self.schema.wrappers.contains_key(&s.newname) {
            return Err(format!(
                "foreign-data wrapper \"{}\" already exists",
                s.newname
            ));
        }
        w.name = s.newname.clone();
        self.schema.wrappers.insert(w.name.clone(), w);
        for server in self
            .schema
            .servers
            .values_mut()
            .filter(|x| x.wrapper == from)
        {
            server.wrapper = s.newname.clone();
        }
        Ok(())
    }

    /// `ALTER SERVER … RENAME TO`: its user mappings and foreign tables follow.
    pub(crate) fn rename_server(&mut self, s: &pb::RenameStmt) -> R<()> {
        let from = crate::define::arg_names(s.object.as_deref()).join(".");
        let mut server = self.schema.servers.take_existing(&from, "server")?;
        if self.schema.servers.contains_key(&s.newname) {
            return Err(format!("server \"{}\" already exists", s.newname));
        }
        server.name = s.newname.clone();
        self.schema.servers.insert(server.name.clone(), server);
        let mappings = std::mem::take(&mut self.schema.user_mappings);
        for (mut k, mut m) in mappings {
            if k.server == from {
                k.server = s.newname.clone();
                m.server = s.newname.clone();
            }
            self.schema.user_mappings.insert(k, m);
        }
        let foreign = self
            .schema
            .tables
            .values_mut()
            .filter_map(|t| t.foreign.as_mut());
        for f in foreign.filter(|f| f.server == from) {
            f.server = s.newname.clone();
        }
        Ok(())
    }
}

/// The `OPTIONS (…)` items of an `ALTER TABLE` sub-command.
fn def_list(cmd: &pb::AlterTableCmd) -> Vec<pb::Node> {
    match cmd.def.as_deref().and_then(|d| d.node.as_ref()) {
        Some(N::List(l)) => l.items.clone(),
        _ => Vec::new(),
    }
}

fn missing_mapping(key: &UserMappingKey) -> String {
    format!(
        "user mapping for \"{}\" does not exist for server \"{}\"",
        key.user, key.server
    )
}

/// PostgreSQL's refusal to drop `what` `name` that `dependent` needs, without `CASCADE`.
fn refuse_dependents(d: &Dropped<'_>, what: &str, name: &str, dependent: Option<String>) -> R<()> {
    match dependent {
        Some(dependent) if !d.cascade => Err(format!(
            "cannot drop {what} {name} because other objects depend on it ({dependent} \
             depends on it; use DROP … CASCADE)"
        )),
        _ => Ok(()),
    }
}

statement_hook! {
    CreateFdwStmt => create_wrapper,
    AlterFdwStmt => alter_wrapper,
    CreateForeignServerStmt => create_server,
    AlterForeignServerStmt => alter_server,
    CreateUserMappingStmt => create_user_mapping,
    AlterUserMappingStmt => alter_user_mapping,
    DropUserMappingStmt => drop_user_mapping,
    CreateForeignTableStmt => create_foreign_table,
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;
