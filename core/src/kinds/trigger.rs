//! Triggers: their IR and the `create_trigger`/`drop_trigger` changes.

use crate::change::{create_drop, no_hazards, Change, Deps};
use crate::diff::{diff_objects, Kept};
use crate::identity::ObjectId;
use crate::schema::{Expr, QualifiedName, Schema};
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

/// Declares the change that switches the [`TriggerState`] of a member of a relation in place
/// (triggers and rules share the four states), with the constructor its diff pass uses.
macro_rules! member_state {
    ($(#[$doc:meta])* $name:ident { $parent:ident } = $kind:literal, $object:ident, label $prefix:literal) => {
        $crate::change::from_to! {
            $(#[$doc])*
            $name {
                from,
                to: $crate::kinds::TriggerState,
                $parent: $crate::schema::QualifiedName,
                name: String,
            }
            = $kind,
            rank |_| 35,
            label |c| format!(concat!($prefix, "_{}"), c.name),
            deps |c| {
                use $crate::identity::{ObjectId, ObjectKind};
                let member = ObjectId::member(ObjectKind::$object, &c.$parent, &c.name);
                $crate::change::Deps::creating(vec![], vec![$crate::change::ObjRef::Id(member)])
            },
            hazards |_, _| vec![],
        }

        impl $name {
            /// The change that switches `name` on `parent` from `from` to `to`; none when
            /// the two states are the same.
            pub(crate) fn between(
                parent: &$crate::schema::QualifiedName,
                name: &str,
                from: $crate::kinds::TriggerState,
                to: $crate::kinds::TriggerState,
            ) -> Option<$crate::change::Change> {
                let change = $name { $parent: parent.clone(), name: name.to_string(), from, to };
                (from != to).then(|| change.into())
            }
        }
    };
}
pub(crate) use member_state;

member_state! {
    /// `ALTER TABLE … ENABLE [REPLICA | ALWAYS] | DISABLE TRIGGER`.
    SetTriggerState { table } = "set_trigger_state", Trigger, label "trigger_state"
}

/// The diff pass of triggers: a trigger whose definition changes is dropped and created
/// (its state with it); one whose state alone changes is switched in place. `DROP TABLE`
/// takes a table's triggers along, so those of a table recreated are created again.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let recreated_tables = crate::kinds::table::recreated(current, desired);
    let kept = |c: &Trigger, d: &Trigger, out: &mut Vec<Change>| {
        if c.definition != d.definition || recreated_tables.contains(&c.table) {
            return Kept::Recreated;
        }
        out.extend(SetTriggerState::between(
            &d.table, &d.name, c.state, d.state,
        ));
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
