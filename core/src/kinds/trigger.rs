//! Triggers: their IR and the `create_trigger`/`drop_trigger` changes.

use crate::change::{create_drop, from_to, no_hazards, Change, Deps, ObjRef};
use crate::diff::{diff_objects, Kept};
use crate::identity::ObjectKind;
use crate::schema::Schema;

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
    /// When the trigger fires (`ALTER TABLE … ENABLE | DISABLE TRIGGER`).
    #[serde(default, skip_serializing_if = "TriggerState::is_enabled")]
    pub state: TriggerState,
}

/// When a trigger fires, as `session_replication_role` decides (`pg_trigger.tgenabled`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerState {
    /// `ENABLE TRIGGER`: in the `origin` and `local` roles (the default).
    #[default]
    Enabled,
    /// `DISABLE TRIGGER`: never.
    Disabled,
    /// `ENABLE REPLICA TRIGGER`: only in the `replica` role.
    Replica,
    /// `ENABLE ALWAYS TRIGGER`: in every role.
    Always,
}

impl TriggerState {
    pub fn is_enabled(&self) -> bool {
        *self == TriggerState::Enabled
    }
}

fn created(t: &Trigger) -> Deps {
    Deps::on_relation(&t.id, &t.table, [t.function.clone()])
}

create_drop! {
    Trigger, deps created, label |t| format!("trigger_{}", t.name);
    /// `CREATE TRIGGER`.
    CreateTrigger = "create_trigger", rank 34, hazards no_hazards;
    /// `DROP TRIGGER`.
    DropTrigger = "drop_trigger", rank 8, hazards no_hazards;
}

from_to! {
    /// `ALTER TABLE … ENABLE [REPLICA | ALWAYS] | DISABLE TRIGGER`.
    SetTriggerState { from, to: TriggerState, table: QualifiedName, name: String }
    = "set_trigger_state",
    rank |_| 35,
    label |c| format!("trigger_state_{}", c.name),
    deps |c| Deps::creating(
        vec![],
        vec![ObjRef::Id(ObjectId::member(ObjectKind::Trigger, &c.table, &c.name))],
    ),
    hazards |_, _| vec![],
}

/// The diff pass of triggers: a trigger whose definition changes is dropped and created
/// (its state with it); one whose state alone changes is switched in place.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let kept = |c: &Trigger, d: &Trigger, out: &mut Vec<Change>| {
        if c.definition != d.definition {
            return Kept::Recreated;
        }
        if c.state != d.state {
            out.push(Change::SetTriggerState(SetTriggerState {
                table: d.table.clone(),
                name: d.name.clone(),
                from: c.state,
                to: d.state,
            }));
        }
        Kept::InPlace
    };
    diff_objects(&current.triggers, &desired.triggers, kept, out);
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
