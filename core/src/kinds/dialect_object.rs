//! Dialect objects: what a dialect adds on top of the built-in kinds (a hypertable, a
//! retention policy, a distributed table), and the one change that creates, drops or alters
//! any of them.
//!
//! The core compares payloads for equality and orders the object after what it depends on;
//! the dialect's builder for the object's kind decides the DDL.

use crate::change::{Change, ChangeKind, Deps, ObjRef};
use crate::diff::pair_up;
use crate::hazard::Hazard;
use crate::identity::ObjectId;
use crate::schema::{QualifiedName, Schema};
use serde::{Deserialize, Serialize};

/// An object a dialect defines on top of the built-in kinds: the form that crosses the
/// plugin boundary. The core compares payloads for equality and orders the object after
/// what it depends on; the dialect's builder for `kind` decides the DDL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialectObject {
    /// `schema` is the object kind (`hypertable`), `name` identifies it within the kind
    /// (`public.metrics`). The pair makes its key, [`DialectObject::id`].
    pub name: QualifiedName,
    /// Built-in objects (tables, views, …) that must exist before this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<QualifiedName>,
    /// Other dialect objects (their keys) that must exist before this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<QualifiedName>,
    /// The dialect's own description of the object.
    pub payload: serde_json::Value,
}

impl DialectObject {
    /// The object kind, e.g. `hypertable`; also its builder's registry key.
    pub fn kind(&self) -> &str {
        &self.name.schema
    }

    /// Its key in [`Schema::dialect_objects`]: its kind and its name within the kind.
    pub fn id(&self) -> ObjectId {
        ObjectId::dialect(self.name.schema.clone(), self.name.name.clone())
    }
}

/// A dialect-defined object created (`from` is `None`), dropped (`to` is `None`) or
/// changed. Its kind is the object's kind, so one builder per kind handles all three.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialectObjectChange {
    pub from: Option<DialectObject>,
    pub to: Option<DialectObject>,
}

/// The dependencies of `o` existing; none when there is no object on that side.
fn existing(o: &Option<DialectObject>) -> Deps {
    let Some(o) = o else {
        return Deps::creating(vec![], vec![]);
    };
    let mut requires: Vec<ObjRef> = o.depends_on.iter().cloned().map(ObjRef::Name).collect();
    requires.extend(o.after.iter().cloned().map(ObjRef::dialect));
    Deps::creating(vec![ObjRef::dialect(o.name.clone())], requires)
}

impl ChangeKind for DialectObjectChange {
    const KIND: &'static str = "dialect_object";
    /// The object's kind: one builder per kind handles creates, drops and changes.
    fn kind_name(&self) -> &str {
        self.to
            .as_ref()
            .or(self.from.as_ref())
            .map_or(Self::KIND, DialectObject::kind)
    }
    fn rank(&self) -> u8 {
        // Dialect objects sit on top of the built-in ones: dropped first, created last.
        if self.to.is_none() {
            5
        } else {
            40
        }
    }
    fn invert(&self) -> Change {
        DialectObjectChange {
            from: self.to.clone(),
            to: self.from.clone(),
        }
        .into()
    }
    fn is_drop(&self) -> bool {
        self.to.is_none()
    }
    fn label(&self) -> String {
        let (verb, o) = match (&self.from, &self.to) {
            (None, Some(o)) => ("add", o),
            (Some(o), None) => ("drop", o),
            (_, Some(o)) => ("alter", o),
            (None, None) => return Self::KIND.to_string(),
        };
        format!("{verb}_{}_{}", o.kind(), o.name.name)
    }
    fn deps(&self) -> Deps {
        Deps::replacing(existing(&self.from), existing(&self.to))
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        vec![]
    }
}

/// The diff pass of dialect-defined objects: one change per object created, dropped or
/// changed (the dialect's builder decides how).
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    pair_up(
        &current.dialect_objects,
        &desired.dialect_objects,
        |c, d| {
            if c != d {
                out.push(Change::from(DialectObjectChange {
                    from: c.cloned(),
                    to: d.cloned(),
                }));
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use insta::assert_snapshot;
    use serde_json::json;

    fn hypertable(chunk: &str) -> crate::schema::DialectObject {
        let mut o = dialect_object(
            "hypertable",
            "public.metrics",
            json!({"time_column": "ts", "chunk_interval": chunk}),
        );
        o.depends_on = vec![qn("metrics")];
        o
    }

    #[test]
    fn a_new_dialect_object_is_one_change_from_nothing() {
        let desired = schema().with(hypertable("1 day"));
        assert_snapshot!(diffed(&schema(), &desired));
    }

    #[test]
    fn a_changed_payload_is_one_change_from_the_old_to_the_new() {
        let current = schema().with(hypertable("1 day"));
        let desired = schema().with(hypertable("7 days"));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_dropped_dialect_object_is_one_change_to_nothing() {
        let current = schema().with(hypertable("1 day"));
        assert_snapshot!(diffed(&current, &schema()));
    }
}
