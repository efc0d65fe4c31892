//! Schemas (namespaces): their IR and the `create_schema`/`drop_schema` changes.

use crate::change::{create_drop, drops_rows, no_hazards, Deps, ObjRef};

use serde::{Deserialize, Serialize};

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Namespace {
    pub name: String,
    pub comment: Option<String>,
}

fn created(n: &Namespace) -> Deps {
    Deps::creating(vec![ObjRef::schema(n.name.clone())], vec![])
}

create_drop! {
    Namespace, deps created, label |n| format!("schema_{}", n.name),
        diff schemas recreated when |_, _| false;
    /// `CREATE SCHEMA`.
    CreateSchema = "create_schema", rank 22, hazards no_hazards;
    /// `DROP SCHEMA`.
    DropSchema = "drop_schema", rank 18, hazards drops_rows;
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
