//! Triggers: their IR and the `create_trigger`/`drop_trigger` changes.

use crate::change::{create_drop, no_hazards, Deps};

use crate::identity::ObjectId;
use crate::schema::{Expr, QualifiedName};
use serde::{Deserialize, Serialize};

crate::identity::serde_as!(as_trigger_id: Trigger);
/// A trigger on a table.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    /// The map key: the table and the trigger name.
    #[serde(with = "as_trigger_id")]
    pub id: ObjectId,
    pub table: QualifiedName,
    pub name: String,
    /// `sql` is the `CREATE TRIGGER` statement; `key` is canonical.
    pub definition: Expr,
    /// The trigger function (schema and name).
    pub function: QualifiedName,
    pub comment: Option<String>,
}

fn created(t: &Trigger) -> Deps {
    Deps::on_relation(&t.id, &t.table, [t.function.clone()])
}

create_drop! {
    Trigger, deps created, label |t| format!("trigger_{}", t.name),
        diff triggers recreated when |x, y| x.definition != y.definition;
    /// `CREATE TRIGGER`.
    CreateTrigger = "create_trigger", rank 34, hazards no_hazards;
    /// `DROP TRIGGER`.
    DropTrigger = "drop_trigger", rank 8, hazards no_hazards;
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::{Schema, Trigger};
    use insta::assert_snapshot;

    fn on_t(t: Trigger) -> Schema {
        schema()
            .with(table("t", [col("id", "integer")]))
            .with(function("stamp", "", "trigger", "BEGIN RETURN NEW; END"))
            .with(t)
    }

    #[test]
    fn a_new_trigger_is_created() {
        let current = schema()
            .with(table("t", [col("id", "integer")]))
            .with(function("stamp", "", "trigger", "BEGIN RETURN NEW; END"));
        let desired = on_t(trigger("t", "t_stamp", "stamp"));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_changed_trigger_is_dropped_and_created() {
        let current = on_t(trigger("t", "t_stamp", "stamp"));
        let mut changed = trigger("t", "t_stamp", "stamp");
        changed.definition.sql = changed.definition.sql.replace("INSERT", "UPDATE");
        changed.definition.key = changed.definition.sql.clone();
        let desired = on_t(changed);
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_comment_alone_is_set_without_recreating_the_trigger() {
        let current = on_t(trigger("t", "t_stamp", "stamp"));
        let desired = on_t(Trigger {
            comment: Some("stamps rows".into()),
            ..trigger("t", "t_stamp", "stamp")
        });
        assert_snapshot!(diffed(&current, &desired));
    }
}
