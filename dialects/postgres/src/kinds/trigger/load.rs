//! Loading this kind from parsed SQL statements.
//!
//! `CREATE [OR REPLACE] [CONSTRAINT] TRIGGER` on a table or a view (`INSTEAD OF`; the definition is built in
//! [`crate::kinds::trigger::canonical`]), `ALTER TABLE … ENABLE | DISABLE TRIGGER`,
//! `DROP TRIGGER` and `COMMENT ON TRIGGER`. A trigger is keyed by its
//! table's schema and `table.trigger`, as policies are.

use crate::load::{does_not_exist, drop_and_comment, AlterCmd, Loader, Lookup, R};
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::kinds::TriggerState;
use pg_query::protobuf::{self as pb, AlterTableType as At};

impl Loader {
    /// `CREATE [OR REPLACE] TRIGGER … ON table`.
    pub(crate) fn create_trigger(&mut self, s: &pb::CreateTrigStmt) -> R<()> {
        let rv = s
            .relation
            .as_ref()
            .ok_or("CREATE TRIGGER without a table")?;
        let table = self.relation_name(rv);
        match self.schema.views.get(&table) {
            Some(v) if v.materialized => {
                return Err(format!(
                    "{table} is a materialized view, which has no triggers"
                ))
            }
            Some(_) => {}
            None if self.schema.tables.contains_key(&table) => {}
            None => return Err(does_not_exist("relation", &table)),
        }
        // An unqualified function is the first of that name along the search path.
        let resolve = |n: &str| {
            self.resolve("", n, |q| {
                self.schema.functions.values().any(|f| f.name == *q)
            })
        };
        let t = crate::kinds::trigger::canonical::trigger(s, table, &resolve, None)?;
        if self.schema.triggers.contains_key(&t.id) && !s.replace {
            return Err(format!("trigger {} already exists", t.id));
        }
        self.schema.triggers.insert(t.id.clone(), t);
        Ok(())
    }

    /// `ALTER TABLE … ENABLE [REPLICA | ALWAYS] | DISABLE TRIGGER name | USER | ALL`. `ALL`
    /// also switches the internal triggers of foreign keys, which are not modelled: said so.
    pub(crate) fn set_trigger_state(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let (state, which) = match a.sub {
            At::AtEnableTrig => (TriggerState::Enabled, Some(a.cmd.name.as_str())),
            At::AtEnableReplicaTrig => (TriggerState::Replica, Some(a.cmd.name.as_str())),
            At::AtEnableAlwaysTrig => (TriggerState::Always, Some(a.cmd.name.as_str())),
            At::AtDisableTrig => (TriggerState::Disabled, Some(a.cmd.name.as_str())),
            At::AtEnableTrigUser | At::AtEnableTrigAll => (TriggerState::Enabled, None),
            At::AtDisableTrigUser | At::AtDisableTrigAll => (TriggerState::Disabled, None),
            other => return Err(format!("ALTER TABLE {other:?} is not a trigger switch")),
        };
        if a.sub == At::AtDisableTrigAll {
            self.warn(format!(
                "table {}: DISABLE TRIGGER ALL also disables the internal triggers of foreign keys, which migrator does not manage; only the table's own triggers are kept disabled",
                a.table
            ));
        }
        let table = a.table.clone();
        match which {
            Some(name) => {
                let id = ObjectId::member(ObjectKind::Trigger, &table, name);
                self.schema.triggers.existing_mut(&id, "trigger")?.state = state;
            }
            None => self
                .schema
                .triggers
                .values_mut()
                .filter(|t| t.table == table)
                .for_each(|t| t.state = state),
        }
        Ok(())
    }
}

statement_hook! {
    CreateTrigStmt => create_trigger,
}

drop_and_comment! {
    drop_trigger, comment_trigger: triggers, "trigger",
    key |l, object, names| l.member_id(ObjectKind::Trigger, names),
}
