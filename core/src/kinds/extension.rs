//! Extensions: their IR and the `create_extension`/`drop_extension`/`alter_extension`
//! changes.

use crate::change::{create_drop, no_hazards, Change, CreateDrop, Deps, ObjRef};
use crate::diff::{comment_change, pair_up};
use crate::kinds::comment::CommentTarget;
use crate::schema::Schema;
use serde::{Deserialize, Serialize};

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub name: String,
    /// The schema the extension's objects live in; `None` when the source did not say.
    pub schema: Option<String>,
    /// The installed version; `None` when the source did not pin one.
    pub version: Option<String>,
    pub comment: Option<String>,
}

fn created(x: &Extension) -> Deps {
    Deps::creating(
        vec![ObjRef::extension(x.name.clone())],
        x.schema.iter().cloned().map(ObjRef::schema).collect(),
    )
}

create_drop! {
    Extension, deps created, label |x| format!("extension_{}", x.name);
    /// `CREATE EXTENSION`.
    CreateExtension = "create_extension", rank 20, hazards no_hazards;
    /// `DROP EXTENSION`: last of all (after the default privileges, 41). Until the
    /// migration has changed them, its columns, indexes, functions and views may still use
    /// the extension's types, functions and operator classes, and the model does not say
    /// which objects are the extension's; its schema's drop waits for it by an edge.
    DropExtension = "drop_extension", rank 42, hazards no_hazards;
    /// `ALTER EXTENSION … UPDATE` / `SET SCHEMA`.
    AlterExtension = "alter_extension", rank 21, in place;
}

/// The diff pass of extensions.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    pair_up(&current.extensions, &desired.extensions, |c, d| {
        match (c, d) {
            (Some(c), None) => out.push(c.clone().dropped()),
            (None, Some(d)) => out.push(d.clone().created()),
            (Some(c), Some(d)) => {
                // A source that does not pin a version or schema accepts whatever is installed.
                let version_differs = d.version.is_some() && d.version != c.version;
                let schema_differs = d.schema.is_some() && d.schema != c.schema;
                if version_differs || schema_differs {
                    let mut to = c.clone();
                    if version_differs {
                        to.version = d.version.clone();
                    }
                    if schema_differs {
                        to.schema = d.schema.clone();
                    }
                    out.push(AlterExtension::between(c.clone(), to));
                }
                // Extensions bring their own comment; only a declared one is managed.
                if d.comment.is_some() {
                    let on = CommentTarget::Extension {
                        name: d.name.clone(),
                    };
                    comment_change(out, on, &c.comment, &d.comment);
                }
            }
            (None, None) => {}
        }
    });
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::Extension;
    use insta::assert_snapshot;

    fn installed() -> Extension {
        Extension {
            schema: Some("public".into()),
            version: Some("1.3".into()),
            comment: Some("cryptographic functions".into()),
            ..extension("pgcrypto")
        }
    }

    #[test]
    fn a_new_extension_is_created() {
        let desired = schema().with(extension("pgcrypto"));
        assert_snapshot!(diffed(&schema(), &desired));
    }

    #[test]
    fn a_pinned_version_that_differs_updates_the_extension() {
        let current = schema().with(installed());
        let desired = schema().with(Extension {
            version: Some("1.4".into()),
            ..extension("pgcrypto")
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn what_the_source_does_not_pin_accepts_what_is_installed() {
        // No version, schema or comment declared: the installed ones are left alone.
        let current = schema().with(installed());
        let desired = schema().with(extension("pgcrypto"));
        assert_eq!(diffed(&current, &desired), "");
    }

    #[test]
    fn a_declared_comment_replaces_the_extensions_own() {
        let current = schema().with(installed());
        let desired = schema().with(Extension {
            comment: Some("ours".into()),
            ..extension("pgcrypto")
        });
        assert_snapshot!(diffed(&current, &desired));
    }
}
