//! Loading this kind from parsed SQL statements.
//!
//! `CREATE SCHEMA`, `DROP SCHEMA [CASCADE]`, `COMMENT ON SCHEMA` and `GRANT … ON SCHEMA`.
//! `public` is assumed to exist: creating it is accepted, commenting on it ignored.

use crate::kinds::privilege::load::Grantable;
use crate::load::{Commented, Dropped, Loader, R};
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N, Node};

impl Loader {
    /// `CREATE SCHEMA [IF NOT EXISTS]`; `public` always exists.
    pub(crate) fn create_schema(&mut self, s: &pb::CreateSchemaStmt) -> R<()> {
        if !s.schema_elts.is_empty() {
            return Err("CREATE SCHEMA with embedded statements is not supported yet; create the objects in separate statements".into());
        }
        if self.schema.schemas.contains_key(&s.schemaname) || s.schemaname == "public" {
            if s.if_not_exists || s.schemaname == "public" {
                return Ok(());
            }
            return Err(format!("schema {} already exists", s.schemaname));
        }
        self.schema.schemas.insert(
            s.schemaname.clone(),
            Namespace {
                name: s.schemaname.clone(),
                comment: None,
            },
        );
        Ok(())
    }

    /// `DROP SCHEMA`; with `CASCADE` its tables, indexes, sequences, enums and views go too.
    pub(crate) fn drop_schema(&mut self, d: &Dropped<'_>) -> R<()> {
        let n = d.names.first().cloned().unwrap_or_default();
        if !d.removed(&mut self.schema.schemas, &n, "schema")? {
            return Ok(());
        }
        if d.cascade {
            self.schema.tables.retain(|k, _| k.schema != n);
            self.schema.indexes.retain(|k, _| k.schema != n);
            self.schema.sequences.retain(|k, _| k.schema != n);
            self.schema.enums.retain(|k, _| k.schema != n);
            self.schema.views.retain(|k, _| k.schema != n);
            for p in self.schema.publications.values_mut() {
                p.tables.retain(|e| e.table.schema != n);
            }
        }
        self.unpublish_schema(&n);
        Ok(())
    }

    /// `COMMENT ON SCHEMA` (ignored on `public`).
    pub(crate) fn comment_schema(&mut self, c: &Commented<'_>) -> R<()> {
        let n = c.names.first().cloned().unwrap_or_default();
        if n == "public" {
            return Ok(());
        }
        c.set_on(&mut self.schema.schemas, &n, "schema")
    }

    /// The schema a `GRANT … ON SCHEMA` names; one not defined here is skipped.
    pub(crate) fn grant_target_schema(&mut self, o: &Node) -> Grantable {
        let Some(N::String(x)) = &o.node else {
            return Grantable::Unmanaged;
        };
        if x.sval != "public" && !self.schema.schemas.contains_key(&x.sval) {
            self.warn(format!(
                "skipped: GRANT/REVOKE on schema {}, which is not defined",
                x.sval
            ));
            return Grantable::Skipped;
        }
        Grantable::Object(PrivilegeObject::Schema {
            name: x.sval.clone(),
        })
    }
}

statement_hook! {
    CreateSchemaStmt => create_schema,
}
