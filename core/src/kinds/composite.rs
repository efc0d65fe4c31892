//! Composite types: their IR and the `create_composite`/`drop_composite`/`alter_composite`
//! changes.

use crate::change::{Change, ChangeKind, Deps, ObjRef};
use crate::diff::{comment_change, pair_up};
use crate::hazard::Hazard;
use crate::kinds::comment::CommentTarget;
use crate::schema::{QualifiedName, Schema};
use serde::{Deserialize, Serialize};

/// A composite type (`CREATE TYPE … AS (…)`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompositeType {
    pub name: QualifiedName,
    /// Attributes in order: name, canonical type, and the user type it names.
    pub attributes: Vec<Attribute>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribute {
    pub name: String,
    pub data_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_ref: Option<QualifiedName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
}

/// `CREATE TYPE … AS (…)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CreateComposite(pub CompositeType);

/// `DROP TYPE` of a composite type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DropComposite(pub CompositeType);

/// Attributes added, dropped or retyped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlterComposite {
    pub from: CompositeType,
    pub to: CompositeType,
}

fn created(t: &CompositeType) -> Deps {
    let mut requires = vec![ObjRef::Schema(t.name.schema.clone())];
    requires.extend(
        t.attributes
            .iter()
            .filter_map(|a| a.type_ref.clone())
            .map(ObjRef::Object),
    );
    Deps::creating(vec![ObjRef::Object(t.name.clone())], requires)
}

impl ChangeKind for CreateComposite {
    const KIND: &'static str = "create_composite";
    fn rank(&self) -> u8 {
        24
    }
    fn invert(&self) -> Change {
        DropComposite(self.0.clone()).into()
    }
    fn is_drop(&self) -> bool {
        false
    }
    fn label(&self) -> String {
        format!("create_type_{}", self.0.name.name)
    }
    fn deps(&self) -> Deps {
        created(&self.0)
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        vec![]
    }
}

impl ChangeKind for DropComposite {
    const KIND: &'static str = "drop_composite";
    fn rank(&self) -> u8 {
        17
    }
    fn invert(&self) -> Change {
        CreateComposite(self.0.clone()).into()
    }
    fn is_drop(&self) -> bool {
        true
    }
    fn label(&self) -> String {
        format!("drop_type_{}", self.0.name.name)
    }
    fn deps(&self) -> Deps {
        Deps::dropping(created(&self.0))
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        vec![]
    }
}

impl ChangeKind for AlterComposite {
    const KIND: &'static str = "alter_composite";
    fn rank(&self) -> u8 {
        24
    }
    fn invert(&self) -> Change {
        AlterComposite {
            from: self.to.clone(),
            to: self.from.clone(),
        }
        .into()
    }
    fn is_drop(&self) -> bool {
        false
    }
    fn label(&self) -> String {
        format!("alter_type_{}", self.to.name.name)
    }
    fn deps(&self) -> Deps {
        Deps::replacing(created(&self.from), created(&self.to))
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        vec![]
    }
}

/// The diff pass of composite types: attributes added, dropped or retyped in place.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    pair_up(&current.composites, &desired.composites, |c, d| {
        match (c, d) {
            (Some(c), None) => out.push(Change::DropComposite(DropComposite(c.clone()))),
            (None, Some(d)) => out.push(Change::CreateComposite(CreateComposite(d.clone()))),
            (Some(c), Some(d)) => {
                if c.attributes != d.attributes {
                    out.push(Change::AlterComposite(AlterComposite {
                        from: CompositeType {
                            comment: None,
                            ..c.clone()
                        },
                        to: CompositeType {
                            comment: None,
                            ..d.clone()
                        },
                    }));
                }
                comment_change(
                    out,
                    CommentTarget::Type {
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
    use crate::schema::CompositeType;
    use insta::assert_snapshot;

    #[test]
    fn a_new_composite_is_created() {
        let desired = schema().with(composite("pair", &[("a", "integer"), ("b", "text")]));
        assert_snapshot!(diffed(&schema(), &desired));
    }

    #[test]
    fn an_added_attribute_alters_the_type_in_place() {
        let current = schema().with(composite("pair", &[("a", "integer")]));
        let desired = schema().with(composite("pair", &[("a", "integer"), ("b", "text")]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_comment_alone_is_set_without_altering_the_type() {
        let current = schema().with(composite("pair", &[("a", "integer")]));
        let desired = schema().with(CompositeType {
            comment: Some("two things".into()),
            ..composite("pair", &[("a", "integer")])
        });
        assert_snapshot!(diffed(&current, &desired));
    }
}
