//! Triggers: their IR and the `create_trigger`/`drop_trigger` changes.

use crate::change::{create_drop, no_hazards, Change, Deps, ObjRef};
use crate::diff::{comment_change, pair_up};
use crate::kinds::comment::CommentTarget;
use crate::schema::{Expr, QualifiedName, Schema};
use serde::{Deserialize, Serialize};

/// A trigger on a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    /// The map key: the table's schema and `table.trigger`.
    pub id: QualifiedName,
    pub table: QualifiedName,
    pub name: String,
    /// `sql` is the `CREATE TRIGGER` statement; `key` is canonical.
    pub definition: Expr,
    /// The trigger function (schema and name).
    pub function: QualifiedName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

fn created(t: &Trigger) -> Deps {
    Deps::creating(
        vec![ObjRef::Object(t.id.clone())],
        vec![
            ObjRef::Object(t.table.clone()),
            ObjRef::Object(t.function.clone()),
        ],
    )
}

create_drop! {
    Trigger, deps created, label |t| format!("trigger_{}", t.name);
    /// `CREATE TRIGGER`.
    CreateTrigger = "create_trigger", rank 34, hazards no_hazards;
    /// `DROP TRIGGER`.
    DropTrigger = "drop_trigger", rank 8, hazards no_hazards;
}

/// The diff pass of triggers: a changed trigger is dropped and created.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    pair_up(&current.triggers, &desired.triggers, |c, d| match (c, d) {
        (Some(c), None) => out.push(Change::DropTrigger(DropTrigger(c.clone()))),
        (None, Some(d)) => out.push(Change::CreateTrigger(CreateTrigger(d.clone()))),
        (Some(c), Some(d)) => {
            if c.definition != d.definition {
                out.push(Change::DropTrigger(DropTrigger(c.clone())));
                out.push(Change::CreateTrigger(CreateTrigger(d.clone())));
            } else {
                comment_change(
                    out,
                    CommentTarget::Trigger {
                        table: d.table.clone(),
                        name: d.name.clone(),
                    },
                    &c.comment,
                    &d.comment,
                );
            }
        }
        (None, None) => {}
    });
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
