//! Loading this kind from parsed SQL statements.
//!
//! `CREATE TYPE … AS (…)` and `ALTER TYPE … ADD | DROP | ALTER ATTRIBUTE` (which pg_query
//! reads as an `ALTER TABLE` on a type; with `CASCADE` it reaches the typed tables of the
//! type, `table/typed.rs`). `DROP TYPE` and `COMMENT ON TYPE` are answered with
//! the other user types, in the enum kind.

use crate::load::{alter_name, Loader, Lookup, R};
use crate::normalize::strings;
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N, AlterTableType as At};

impl Loader {
    /// `CREATE TYPE … AS (attribute type, …)`.
    pub(crate) fn create_composite(&mut self, s: &pb::CompositeTypeStmt) -> R<()> {
        let rv = s.typevar.as_ref().ok_or("CREATE TYPE without a name")?;
        let name = self.new_name(rv);
        if self.is_user_type(&name) {
            return Err(format!("type {name} already exists"));
        }
        let mut attributes = Vec::new();
        for c in &s.coldeflist {
            let Some(N::ColumnDef(cd)) = &c.node else {
                continue;
            };
            attributes.push(self.attribute(cd)?);
        }
        self.schema.composites.insert(
            name.clone(),
            CompositeType {
                name,
                attributes,
                comment: None,
            },
        );
        Ok(())
    }

    /// A composite type's attribute from its column definition.
    fn attribute(&self, cd: &pb::ColumnDef) -> R<Attribute> {
        let t = cd.type_name.as_ref().ok_or("an attribute without a type")?;
        let ct = self.type_of(t)?;
        Ok(Attribute {
            name: cd.colname.clone(),
            data_type: ct.text,
            type_ref: ct.user_type,
            collation: cd
                .coll_clause
                .as_ref()
                .map(|c| crate::kinds::collation::collation_name(&strings(&c.collname))),
        })
    }

    /// `ALTER TYPE … ADD | DROP | ALTER ATTRIBUTE` on a composite type.
    pub(crate) fn alter_composite(&mut self, s: &pb::AlterTableStmt) -> R<()> {
        let rv = s.relation.as_ref().ok_or("ALTER TYPE without a name")?;
        let name = self.resolve(&rv.schemaname, &rv.relname, |q| self.is_user_type(q));
        let mut t = self
            .schema
            .composites
            .existing(&name, "composite type")?
            .clone();
        for cmd in &s.cmds {
            let Some(N::AlterTableCmd(cmd)) = &cmd.node else {
                continue;
            };
            let def = cmd.def.as_deref().and_then(|d| d.node.as_ref());
            // `CASCADE` carries the change into the typed tables of the type.
            self.alter_typed_tables(&name, cmd)?;
            match At::try_from(cmd.subtype).unwrap_or(At::Undefined) {
                At::AtAddColumn => {
                    let Some(N::ColumnDef(cd)) = def else {
                        return Err("ADD ATTRIBUTE without a definition".into());
                    };
                    t.attributes.push(self.attribute(cd)?);
                }
                At::AtDropColumn => t.attributes.retain(|a| a.name != cmd.name),
                At::AtAlterColumnType => {
                    let Some(N::ColumnDef(cd)) = def else {
                        return Err("ALTER ATTRIBUTE without a type".into());
                    };
                    let mut a = self.attribute(cd)?;
                    a.name = cmd.name.clone();
                    let slot = t
                        .attributes
                        .iter_mut()
                        .find(|x| x.name == cmd.name)
                        .ok_or_else(|| {
                            format!("attribute {} of type {name} does not exist", cmd.name)
                        })?;
                    *slot = a;
                }
                At::AtChangeOwner => {}
                other => {
                    return Err(format!(
                        "ALTER TYPE {} is not supported yet",
                        alter_name(other)
                    ))
                }
            }
        }
        self.schema.composites.insert(name, t);
        Ok(())
    }
}

statement_hook! {
    CompositeTypeStmt => create_composite,
}
