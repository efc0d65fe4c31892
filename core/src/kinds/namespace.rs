//! Schemas (namespaces): their IR and the `create_schema`/`drop_schema` changes.

use crate::change::{create_drop, drops_rows, no_hazards, Change, Deps, ObjRef};
use crate::diff::{diff_objects, Kept};
use crate::schema::Schema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Namespace {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

fn created(n: &Namespace) -> Deps {
    Deps::creating(vec![ObjRef::schema(n.name.clone())], vec![])
}

create_drop! {
    Namespace, deps created, label |n| format!("schema_{}", n.name);
    /// `CREATE SCHEMA`.
    CreateSchema = "create_schema", rank 22, hazards no_hazards;
    /// `DROP SCHEMA`.
    DropSchema = "drop_schema", rank 18, hazards drops_rows;
}

/// The diff pass of schemas (namespaces).
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    diff_objects(
        &current.schemas,
        &desired.schemas,
        |_, _, _| Kept::InPlace,
        out,
    );
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::Namespace;
    use insta::assert_snapshot;

    #[test]
    fn a_new_schema_is_created() {
        let desired = schema().with(namespace("app"));
        assert_snapshot!(diffed(&schema(), &desired));
    }

    #[test]
    fn a_schema_no_longer_declared_is_dropped() {
        let current = schema().with(namespace("app")).with(namespace("old"));
        let desired = schema().with(namespace("app"));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_changed_comment_is_set_on_the_kept_schema() {
        let current = schema().with(namespace("app"));
        let desired = schema().with(Namespace {
            comment: Some("the app".into()),
            ..namespace("app")
        });
        assert_snapshot!(diffed(&current, &desired));
    }
}
