//! Sequences: their IR and the `create_sequence`/`drop_sequence`/`alter_sequence`/
//! `set_sequence_owner` changes.

use crate::change::{Change, ChangeKind, Deps, ObjRef};
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sequence {
    pub name: QualifiedName,
    pub options: SequenceOptions,
    /// `OWNED BY table.column`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owned_by: Option<ColumnRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ColumnRef {
    pub table: QualifiedName,
    pub column: String,
}

/// `CREATE SEQUENCE` (its owner is set by a [`SetSequenceOwner`] once the column exists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CreateSequence(pub Sequence);

/// `DROP SEQUENCE`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DropSequence(pub Sequence);

/// `ALTER SEQUENCE`: options changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlterSequence {
    pub from: Sequence,
    pub to: Sequence,
}

/// `ALTER SEQUENCE … OWNED BY`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetSequenceOwner {
    pub sequence: QualifiedName,
    pub from: Option<ColumnRef>,
    pub to: Option<ColumnRef>,
}

fn created(x: &Sequence) -> Deps {
    Deps::creating(
        vec![ObjRef::Object(x.name.clone())],
        vec![ObjRef::Schema(x.name.schema.clone())],
    )
}

impl ChangeKind for CreateSequence {
    const KIND: &'static str = "create_sequence";
    fn rank(&self) -> u8 {
        25
    }
    fn invert(&self) -> Change {
        DropSequence(self.0.clone()).into()
    }
    fn is_drop(&self) -> bool {
        false
    }
    fn label(&self) -> String {
        format!("create_sequence_{}", self.0.name.name)
    }
    fn deps(&self) -> Deps {
        created(&self.0)
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        vec![]
    }
}

impl ChangeKind for DropSequence {
    const KIND: &'static str = "drop_sequence";
    fn rank(&self) -> u8 {
        16
    }
    fn invert(&self) -> Change {
        CreateSequence(self.0.clone()).into()
    }
    fn is_drop(&self) -> bool {
        true
    }
    fn label(&self) -> String {
        format!("drop_sequence_{}", self.0.name.name)
    }
    fn deps(&self) -> Deps {
        Deps::dropping(created(&self.0))
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        vec![Hazard::DeletesData, Hazard::IrreversibleDown]
    }
}

impl ChangeKind for AlterSequence {
    const KIND: &'static str = "alter_sequence";
    fn rank(&self) -> u8 {
        26
    }
    fn invert(&self) -> Change {
        AlterSequence {
            from: self.to.clone(),
            to: self.from.clone(),
        }
        .into()
    }
    fn is_drop(&self) -> bool {
        false
    }
    fn label(&self) -> String {
        format!("alter_sequence_{}", self.to.name.name)
    }
    fn deps(&self) -> Deps {
        Deps::creating(vec![ObjRef::Object(self.to.name.clone())], vec![])
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        vec![]
    }
}

impl ChangeKind for SetSequenceOwner {
    const KIND: &'static str = "set_sequence_owner";
    fn rank(&self) -> u8 {
        if self.to.is_none() {
            13
        } else {
            33
        }
    }
    fn invert(&self) -> Change {
        SetSequenceOwner {
            sequence: self.sequence.clone(),
            from: self.to.clone(),
            to: self.from.clone(),
        }
        .into()
    }
    fn is_drop(&self) -> bool {
        false
    }
    fn label(&self) -> String {
        format!("alter_sequence_{}", self.sequence.name)
    }
    fn deps(&self) -> Deps {
        let column = |c: &ColumnRef| ObjRef::Column(c.table.clone(), c.column.clone());
        let mut requires = vec![ObjRef::Object(self.sequence.clone())];
        requires.extend(self.to.iter().map(column));
        Deps {
            creates: vec![],
            requires,
            removes: vec![],
            releases: self.from.iter().map(column).collect(),
        }
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        vec![]
    }
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
                comment_change(
                    out,
                    CommentTarget::Sequence {
                        name: d.name.clone(),
                    },
                    &c.comment,
                    &d.comment,
                );
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
