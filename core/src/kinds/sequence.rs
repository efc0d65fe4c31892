//! Sequences: their IR and the `create_sequence`/`drop_sequence`/`alter_sequence`/
//! `set_sequence_owner` changes.

use crate::change::{create_drop, from_to, no_hazards, Change, Deps, ObjRef};
use crate::diff::{comment_change, pair_up};
use crate::hazard::Hazard;
use crate::kinds::comment::CommentTarget;
use crate::schema::{QualifiedName, Schema};
use serde::{Deserialize, Serialize};

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
    Deps::in_schema(&x.name, [])
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
    AlterSequence { from, to: Sequence }
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

/// The diff pass of sequences.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    pair_up(&current.sequences, &desired.sequences, |c, d| {
        match (c, d) {
            (Some(c), None) => {
                if c.owned_by.is_some() {
                    out.push(Change::SetSequenceOwner(SetSequenceOwner {
                        sequence: c.name.clone(),
                        from: c.owned_by.clone(),
                        to: None,
                    }));
                }
                out.push(Change::DropSequence(DropSequence(Sequence {
                    owned_by: None,
                    ..c.clone()
                })));
            }
            (None, Some(d)) => {
                out.push(Change::CreateSequence(CreateSequence(Sequence {
                    owned_by: None,
                    ..d.clone()
                })));
                if d.owned_by.is_some() {
                    out.push(Change::SetSequenceOwner(SetSequenceOwner {
                        sequence: d.name.clone(),
                        from: None,
                        to: d.owned_by.clone(),
                    }));
                }
            }
            (Some(c), Some(d)) => {
                if c.options != d.options {
                    out.push(Change::AlterSequence(AlterSequence {
                        from: c.clone(),
                        to: d.clone(),
                    }));
                }
                if c.owned_by != d.owned_by {
                    out.push(Change::SetSequenceOwner(SetSequenceOwner {
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
        }
    });
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
    fn changed_options_alter_the_sequence() {
        let current = schema().with(sequence("s"));
        let mut s = sequence("s");
        s.options.increment = 10;
        s.options.cache = 20;
        let desired = schema().with(s);
        assert_snapshot!(diffed(&current, &desired));
    }
}
