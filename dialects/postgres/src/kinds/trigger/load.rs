//! Loading this kind from parsed SQL statements.
//!
//! `CREATE [OR REPLACE] [CONSTRAINT] TRIGGER` on a table (the definition is built in
//! [`crate::kinds::function::canonical`]), `DROP TRIGGER` and `COMMENT ON TRIGGER`. A trigger is keyed by its
//! table's schema and `table.trigger`, as policies are.

use crate::load::{Commented, Dropped, Loader, Lookup, R};
use migrator_core::identity::ObjectKind;
use pg_query::protobuf::{self as pb};

impl Loader {
    /// `CREATE [OR REPLACE] TRIGGER … ON table`.
    pub(crate) fn create_trigger(&mut self, s: &pb::CreateTrigStmt) -> R<()> {
        let rv = s
            .relation
            .as_ref()
            .ok_or("CREATE TRIGGER without a table")?;
        let table = self.table_name(rv);
        if !self.schema.tables.contains_key(&table) {
            return Err(format!(
                "table {table} does not exist (triggers on views are not supported yet)"
            ));
        }
        let t = crate::kinds::trigger::canonical::trigger(s, table, &self.creation_schema(), None)?;
        if self.schema.triggers.contains_key(&t.id) && !s.replace {
            return Err(format!("trigger {} already exists", t.id));
        }
        self.schema.triggers.insert(t.id.clone(), t);
        Ok(())
    }

    /// `DROP TRIGGER … ON table`.
    pub(crate) fn drop_trigger(&mut self, d: &Dropped<'_>) -> R<()> {
        let id = self.member_id(ObjectKind::Trigger, &d.names)?;
        d.remove(&mut self.schema.triggers, &id, "trigger")
    }

    /// `COMMENT ON TRIGGER … ON table`.
    pub(crate) fn comment_trigger(&mut self, c: &Commented<'_>) -> R<()> {
        let id = self.member_id(ObjectKind::Trigger, &c.names)?;
        self.schema.triggers.existing_mut(&id, "trigger")?.comment = c.text.clone();
        Ok(())
    }
}

statement_hook! {
    CreateTrigStmt => create_trigger,
}
