//! Rewrite rules (`CREATE RULE … AS ON <event> TO <relation> … DO …`): their IR and the
//! `create_rule`/`drop_rule` changes.
//!
//! A rule is kept as its whole `CREATE RULE` statement, as a trigger is: `sql` to emit
//! (names qualified by the dialect) and `key` to compare (canonical). A changed rule is
//! dropped and created again: `CREATE OR REPLACE RULE` would do in place, but a drop and a
//! create invert cleanly for the down migration. A rule's state (`ALTER TABLE … ENABLE
//! [REPLICA | ALWAYS] | DISABLE RULE`, `pg_rewrite.ev_enabled`) is switched in place
//! (`set_rule_state`), as a trigger's is. A rule lives on its relation (a
//! [`crate::references::RelationMember`]): it follows the relation's renames and goes with its drop.

use crate::change::{create_drop, no_hazards, Change, Deps, ObjRef};
use crate::diff::{diff_objects, Kept};
use crate::identity::ObjectId;
use crate::kinds::trigger::{member_state, TriggerState};
use crate::schema::{Expr, QualifiedName, Schema};
use serde::{Deserialize, Serialize};

crate::identity::serde_as!(as_rule_id: Rule);

/// A rewrite rule on a table or view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// The map key: the relation and the rule name.
    #[serde(with = "as_rule_id")]
    pub id: ObjectId,
    /// The table or view the rule is on.
    pub relation: QualifiedName,
    pub name: String,
    /// `sql` is the `CREATE RULE` statement; `key` is canonical.
    pub definition: Expr,
    /// The other relations its condition and actions name, which must exist first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<QualifiedName>,
    /// The columns of its own relation its condition and actions read (`new.x`, `old.x`),
    /// sorted: PostgreSQL refuses to retype or drop them while it stands, so the diff's
    /// cascade takes it off and puts it back around such a change. Not compared: it
    /// follows from the definition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reads: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// When the rule applies, as `session_replication_role` decides
    /// (`ALTER TABLE … ENABLE [REPLICA | ALWAYS] | DISABLE RULE`); the same four states as
    /// a trigger's.
    #[serde(default, skip_serializing_if = "TriggerState::is_enabled")]
    pub state: TriggerState,
}

fn created(r: &Rule) -> Deps {
    let mut deps = Deps::on_relation(&r.id, &r.relation, r.depends_on.iter().cloned());
    // Its actions read the rows of the relations they name, and `new`'s and `old`'s
    // columns of its own.
    let read = r.depends_on.iter().chain(std::iter::once(&r.relation));
    deps.requires.extend(ObjRef::reading(read.cloned()));
    deps
}

create_drop! {
    Rule, deps created, label |r| format!("rule_{}", r.name);
    /// `CREATE RULE`.
    CreateRule = "create_rule", rank 34, hazards no_hazards;
    /// `DROP RULE`.
    DropRule = "drop_rule", rank 8, hazards no_hazards;
}

member_state! {
    /// `ALTER TABLE … ENABLE [REPLICA | ALWAYS] | DISABLE RULE`.
    SetRuleState { relation } = "set_rule_state", Rule, label "rule_state"
}

/// The diff pass of rules: a changed rule is dropped and created (with its comment and
/// state); one whose state or comment alone changes is altered in place. Those of a table
/// recreated are created again (`DROP TABLE` takes them along).
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let recreated_tables = crate::kinds::table::recreated(current, desired);
    let kept = |c: &Rule, d: &Rule, out: &mut Vec<Change>| {
        if c.definition != d.definition
            || c.depends_on != d.depends_on
            || recreated_tables.contains(&c.relation)
        {
            return Kept::Recreated;
        }
        out.extend(SetRuleState::between(
            &d.relation,
            &d.name,
            c.state,
            d.state,
        ));
        Kept::InPlace
    };
    diff_objects(&current.rules, &desired.rules, kept, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::ObjectKind;
    use crate::kinds::testkit::*;
    use insta::assert_snapshot;

    fn rule(name: &str, action: &str) -> Rule {
        let relation = qn("t");
        Rule {
            id: ObjectId::member(ObjectKind::Rule, &relation, name),
            relation,
            name: name.into(),
            definition: sql(&format!(
                "CREATE RULE {name} AS ON INSERT TO public.t DO INSTEAD {action}"
            )),
            depends_on: vec![qn("log")],
            reads: vec![],
            comment: None,
            state: TriggerState::Enabled,
        }
    }

    fn with_rules(rules: impl IntoIterator<Item = Rule>) -> Schema {
        let mut s = schema()
            .with(table("t", [col("id", "integer")]))
            .with(table("log", [col("id", "integer")]));
        for r in rules {
            s.rules.insert(r.id.clone(), r);
        }
        s
    }

    #[test]
    fn a_new_rule_is_created_after_the_relations_it_names() {
        let current = with_rules([]);
        let desired = with_rules([rule("r", "INSERT INTO public.log VALUES (new.id)")]);
        assert_snapshot!(diffed(&current, &desired));
        assert_snapshot!(planned(&schema(), &desired));
    }

    #[test]
    fn a_changed_rule_is_dropped_and_created_and_an_equal_one_is_left_alone() {
        let current = with_rules([rule("r", "NOTHING"), rule("same", "NOTHING")]);
        let desired = with_rules([
            rule("r", "INSERT INTO public.log VALUES (new.id)"),
            rule("same", "NOTHING"),
        ]);
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_removed_rule_is_dropped_and_its_down_creates_it() {
        let dropped = crate::diff::diff(&with_rules([rule("r", "NOTHING")]), &with_rules([]));
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].kind(), "drop_rule");
        assert_eq!(dropped[0].invert().kind(), "create_rule");
        assert_eq!(dropped[0].invert().invert(), dropped[0]);
    }

    #[test]
    fn a_rule_created_disabled_is_created_in_its_state() {
        let mut r = rule("r", "NOTHING");
        r.state = TriggerState::Disabled;
        let desired = with_rules([r]);
        assert_snapshot!(diffed(&with_rules([]), &desired));
    }

    #[test]
    fn a_rule_whose_state_alone_changes_is_switched_in_place_and_back_in_the_down() {
        let current = with_rules([
            rule("d", "NOTHING"),
            rule("r", "NOTHING"),
            rule("a", "NOTHING"),
        ]);
        let mut states = [
            ("d", TriggerState::Disabled),
            ("r", TriggerState::Replica),
            ("a", TriggerState::Always),
        ]
        .map(|(name, state)| Rule {
            state,
            ..rule(name, "NOTHING")
        });
        let desired = with_rules(states.clone());
        assert_snapshot!(diffed(&current, &desired));
        let changes = crate::diff::diff(&current, &desired);
        assert!(changes.iter().all(|c| c.kind() == "set_rule_state"));
        let down: Vec<_> = changes.iter().map(|c| c.invert()).collect();
        assert_eq!(down, crate::diff::diff(&desired, &current));
        // A rule both changed and switched is dropped and created in its new state.
        states[0].definition = sql("CREATE RULE d AS ON UPDATE TO public.t DO INSTEAD NOTHING");
        let recreated = crate::diff::diff(&current, &with_rules(states));
        assert!(recreated.iter().any(|c| c.kind() == "drop_rule"));
    }

    /// A rule reading a column of its own table that is retyped is dropped before and
    /// created after; one reading only other columns is left alone.
    #[test]
    fn a_rule_reading_a_retyped_column_of_its_own_is_recreated_around_it() {
        let reading = |name: &str, column: &str| Rule {
            reads: vec![column.into()],
            depends_on: vec![],
            ..rule(name, "NOTHING")
        };
        let with = |id_type: &str| {
            let mut s = schema().with(table("t", [col("id", id_type), col("n", "text")]));
            for r in [reading("on_id", "id"), reading("on_n", "n")] {
                s.rules.insert(r.id.clone(), r);
            }
            s
        };
        let changes = crate::diff::diff(&with("integer"), &with("bigint"));
        let rules: Vec<(&str, String)> = changes
            .iter()
            .filter_map(|c| match c {
                Change::DropRule(DropRule(r)) => Some(("drop", r.name.clone())),
                Change::CreateRule(CreateRule(r)) => Some(("create", r.name.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(
            rules,
            [
                ("drop", "on_id".to_string()),
                ("create", "on_id".to_string())
            ]
        );
        let up = crate::plan::order(changes).unwrap();
        let kinds: Vec<&str> = up.iter().map(|c| c.kind()).collect();
        assert_eq!(kinds, ["drop_rule", "alter_column", "create_rule"]);
    }

    #[test]
    fn a_rule_follows_its_table_and_columns_renamed_and_goes_with_it_dropped() {
        let mut s = with_rules([Rule {
            reads: vec!["id".into()],
            ..rule("r", "NOTHING")
        }]);
        s.rename_column(&qn("t"), "id", "key", &|_, e| e.clone());
        assert_eq!(s.rules.values().next().unwrap().reads, ["key"]);
        s.rename_relation(&qn("t"), &qn("t2"), &|_, e| e.clone());
        let moved = ObjectId::member(ObjectKind::Rule, &qn("t2"), "r");
        assert_eq!(s.rules[&moved].relation, qn("t2"));
        s.drop_relation(&qn("t2"), false);
        assert!(s.rules.is_empty());
    }
}
