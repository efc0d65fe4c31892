//! Sequences: their IR and the `create_sequence`/`drop_sequence`/`alter_sequence`/
//! `set_sequence_owner` changes.

use crate::change::{create_drop, from_to, no_hazards, renamed, Change, Deps, ObjRef};
use crate::diff::{comment_change, pair_up};
use crate::hazard::Hazard;
use crate::kinds::comment::CommentTarget;
use crate::schema::{QualifiedName, Schema};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Sequence options, always fully resolved (PostgreSQL's defaults filled in) so that a
/// sequence declared without options equals the one read back from the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SequenceOptions {
    pub data_type: String,
    pub increment: i64,
    pub min_value: i64,
    pub max_value: i64,
    pub start: i64,
    pub cache: i64,
    pub cycle: bool,
}

impl SequenceOptions {
    /// PostgreSQL's defaults for a sequence of `data_type` counting by `increment`.
    /// The options after `AS data_type` changes an existing sequence's type (`ALTER
    /// SEQUENCE … AS`, or the retype of an identity column, which retypes its sequence):
    /// a bound that was its old type's own limit becomes the new type's default bound,
    /// a bound chosen otherwise stays, as PostgreSQL does.
    pub fn retyped(&mut self, data_type: &str) {
        let limits = |t: &str| match t {
            "smallint" => (i16::MIN as i64, i16::MAX as i64),
            "integer" => (i32::MIN as i64, i32::MAX as i64),
            _ => (i64::MIN, i64::MAX),
        };
        let (old_min, old_max) = limits(&self.data_type);
        let defaults = SequenceOptions::defaults(data_type, self.increment);
        if self.max_value == old_max {
            self.max_value = defaults.max_value;
        }
        if self.min_value == old_min {
            self.min_value = defaults.min_value;
        }
        self.data_type = data_type.to_string();
    }

    pub fn defaults(data_type: &str, increment: i64) -> Self {
        let (type_min, type_max) = match data_type {
            "smallint" => (i16::MIN as i64, i16::MAX as i64),
            "integer" => (i32::MIN as i64, i32::MAX as i64),
            _ => (i64::MIN, i64::MAX),
        };
        let (min_value, max_value) = if increment > 0 {
            (1, type_max)
        } else {
            (type_min, -1)
        };
        SequenceOptions {
            data_type: data_type.to_string(),
            increment,
            min_value,
            max_value,
            start: if increment > 0 { min_value } else { max_value },
            cache: 1,
            cycle: false,
        }
    }
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sequence {
    pub name: QualifiedName,
    pub options: SequenceOptions,
    /// `OWNED BY table.column`.
    pub owned_by: Option<ColumnRef>,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ColumnRef {
    pub table: QualifiedName,
    pub column: String,
}

fn created(x: &Sequence) -> Deps {
    let mut deps = Deps::in_schema(&x.name, []);
    deps.creates.push(slot(&x.name));
    deps
}

/// The place a sequence named `name` takes among its schema's relations, which an identity
/// column's own sequence takes too (`AlterColumn` creates and removes it): a sequence is
/// created once another of its name is gone (a serial's sequence replacing an identity's,
/// or back), while what needs the sequence by name (`OWNED BY`, a `nextval` default) never
/// waits for an identity's.
pub(crate) fn slot(name: &QualifiedName) -> ObjRef {
    ObjRef::Id(crate::identity::ObjectId::named(
        crate::kinds::ObjectKind::Sequence,
        name.schema.clone(),
        name.name.clone(),
    ))
}

create_drop! {
    Sequence, deps created, label |s| format!("sequence_{}", s.name.name);
    /// `CREATE SEQUENCE` (its owner is set by a [`SetSequenceOwner`] once the column exists).
    CreateSequence = "create_sequence", rank 25, hazards no_hazards;
    /// `DROP SEQUENCE`.
    DropSequence = "drop_sequence", rank 16, hazards |_, _| vec![Hazard::DeletesData, Hazard::IrreversibleDown];
}

from_to! {
    /// `ALTER SEQUENCE`: options changed.
    AlterSequence { from, to: Box<Sequence> }
    = "alter_sequence",
    rank |_| 26,
    label |c| format!("alter_sequence_{}", c.to.name.name),
    deps |c| Deps::creating(vec![ObjRef::Name(c.to.name.clone())], vec![]),
    hazards |_, _| vec![],
}

from_to! {
    /// `ALTER SEQUENCE … OWNED BY`.
    SetSequenceOwner { from, to: Option<ColumnRef>, sequence: QualifiedName }
    = "set_sequence_owner",
    rank |c| if c.to.is_none() { 13 } else { 33 },
    label |c| format!("alter_sequence_{}", c.sequence.name),
    deps |c| {
        let column = |c: &ColumnRef| ObjRef::column(c.table.clone(), c.column.clone());
        let sequence = ObjRef::Name(c.sequence.clone());
        Deps::relinking(sequence, c.to.iter().map(column), c.from.iter().map(column))
    },
    hazards |_, _| vec![],
}

renamed! {
    /// `ALTER SEQUENCE … RENAME TO`: a serial column's sequence whose name follows its
    /// table, renamed with `-- migrator:renamed-from` (`clients_id_seq` becoming
    /// `customers_id_seq`). It keeps its value, and the column default that names it.
    RenameSequence = "rename_sequence", rank 20, hazards vec![],
}

/// The current sequences as they stand once the tables `-- migrator:renamed-from` renames
/// are renamed (their owners follow), and the sequences owned by those tables that the
/// desired schema has under another name, owned by the same column: old name → new. A
/// column owns one sequence, so its options may change too (`serial` becoming `bigserial`
/// renames the sequence and alters it `AS bigint`): renamed, it keeps its value.
pub(crate) fn renamed_along(
    current: &Schema,
    desired: &Schema,
) -> (
    BTreeMap<QualifiedName, Sequence>,
    BTreeMap<QualifiedName, QualifiedName>,
) {
    let tables = crate::kinds::table::annotated_renames(current, desired);
    let mut followed = current.sequences.clone();
    let mut renames = BTreeMap::new();
    if tables.is_empty() {
        return (followed, renames);
    }
    for s in followed.values_mut() {
        if let Some(o) = &mut s.owned_by {
            if let Some(to) = tables.get(&o.table) {
                o.table = to.clone();
            }
        }
    }
    let gone: Vec<QualifiedName> = followed
        .values()
        .filter(|s| !desired.sequences.contains_key(&s.name))
        .filter(|s| {
            s.owned_by
                .as_ref()
                .is_some_and(|o| tables.values().any(|t| *t == o.table))
        })
        .map(|s| s.name.clone())
        .collect();
    for from in gone {
        let to = desired.sequences.values().find(|d| {
            let c = &followed[&from];
            !followed.contains_key(&d.name)
                && d.name.schema == from.schema
                && d.owned_by == c.owned_by
        });
        let Some(to) = to.map(|d| d.name.clone()) else {
            continue;
        };
        if let Some(mut s) = followed.remove(&from) {
            s.name = to.clone();
            followed.insert(to.clone(), s);
            renames.insert(from, to);
        }
    }
    // An owner that changes anyway is released as it stands before the rename.
    for (name, s) in &mut followed {
        let kept = desired
            .sequences
            .get(name)
            .is_some_and(|d| d.owned_by == s.owned_by);
        let original = renames
            .iter()
            .find(|(_, to)| *to == name)
            .map_or(name, |(from, _)| from);
        if let (false, Some(o)) = (kept, current.sequences.get(original)) {
            s.owned_by = o.owned_by.clone();
        }
    }
    (followed, renames)
}

/// The diff pass of sequences. One owned by a table recreated is released before its
/// `DROP TABLE` and owned again after its `CREATE TABLE`, so it is kept with its value.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let (followed, renames) = renamed_along(current, desired);
    let recreated_tables = crate::kinds::table::recreated(current, desired);
    for (from, to) in renames {
        out.push(Change::RenameSequence(RenameSequence { from, to }));
    }
    pair_up(&followed, &desired.sequences, |c, d| match (c, d) {
        (Some(c), None) => {
            if c.owned_by.is_some() {
                out.push(Change::from(SetSequenceOwner {
                    sequence: c.name.clone(),
                    from: c.owned_by.clone(),
                    to: None,
                }));
            }
            out.push(Change::DropSequence(DropSequence(Box::new(Sequence {
                owned_by: None,
                ..c.clone()
            }))));
        }
        (None, Some(d)) => {
            out.push(Change::CreateSequence(CreateSequence(Box::new(Sequence {
                owned_by: None,
                ..d.clone()
            }))));
            if d.owned_by.is_some() {
                out.push(Change::from(SetSequenceOwner {
                    sequence: d.name.clone(),
                    from: None,
                    to: d.owned_by.clone(),
                }));
            }
        }
        (Some(c), Some(d)) => {
            if c.options != d.options {
                out.push(Change::AlterSequence(AlterSequence {
                    from: Box::new(c.clone()),
                    to: Box::new(d.clone()),
                }));
            }
            let owner_recreated = c
                .owned_by
                .as_ref()
                .is_some_and(|o| recreated_tables.contains(&o.table));
            if owner_recreated {
                // `DROP TABLE` would take the sequence along: it is released before and
                // owned again after, and keeps its value.
                out.push(Change::from(SetSequenceOwner {
                    sequence: d.name.clone(),
                    from: c.owned_by.clone(),
                    to: None,
                }));
                out.extend(d.owned_by.clone().map(|to| {
                    Change::from(SetSequenceOwner {
                        sequence: d.name.clone(),
                        from: None,
                        to: Some(to),
                    })
                }));
            } else if c.owned_by != d.owned_by {
                out.push(Change::from(SetSequenceOwner {
                    sequence: d.name.clone(),
                    from: c.owned_by.clone(),
                    to: d.owned_by.clone(),
                }));
            }
            let on = CommentTarget::Sequence {
                name: d.name.clone(),
            };
            comment_change(out, on, &c.comment, &d.comment);
        }
        (None, None) => {}
    });
}

#[cfg(test)]
mod retyped_tests {
    use super::SequenceOptions;

    #[test]
    fn a_retype_moves_the_bounds_that_were_the_old_types_limits() {
        let mut o = SequenceOptions::defaults("integer", 1);
        o.retyped("bigint");
        assert_eq!(o, SequenceOptions::defaults("bigint", 1));
        let mut chosen = SequenceOptions {
            max_value: 1000,
            ..SequenceOptions::defaults("integer", 1)
        };
        chosen.retyped("bigint");
        assert_eq!((chosen.min_value, chosen.max_value), (1, 1000));
        let mut down = SequenceOptions::defaults("integer", -1);
        down.retyped("smallint");
        assert_eq!(down, SequenceOptions::defaults("smallint", -1));
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::{Schema, Sequence};
    use insta::assert_snapshot;

    fn t() -> Schema {
        schema().with(table("t", [col("id", "bigint")]))
    }

    fn owned() -> Sequence {
        Sequence {
            owned_by: owned_by("t", "id"),
            ..sequence("t_id_seq")
        }
    }

    #[test]
    fn a_new_owned_sequence_is_created_then_given_its_owner() {
        let desired = t().with(owned());
        assert_snapshot!(planned(&t(), &desired));
    }

    #[test]
    fn a_dropped_owned_sequence_is_released_by_its_owner_then_dropped() {
        let current = t().with(owned());
        assert_snapshot!(planned(&current, &t()));
    }

    #[test]
    fn the_sequence_of_a_table_partitioned_anew_is_released_around_its_recreation() {
        let current = t().with(owned());
        let partitioned = crate::schema::Table {
            partition_by: Some("RANGE (id)".into()),
            ..table("t", [col("id", "bigint")])
        };
        let desired = schema().with(partitioned).with(owned());
        assert_snapshot!(planned(&current, &desired));
    }

    #[test]
    fn changed_options_alter_the_sequence() {
        let current = schema().with(sequence("s"));
        let mut s = sequence("s");
        s.options.increment = 10;
        s.options.cache = 20;
        let desired = schema().with(s);
        assert_snapshot!(diffed(&current, &desired));
    }
}
