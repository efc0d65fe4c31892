//! Enum types: their IR and the `create_enum`/`drop_enum`/`alter_enum`/`rename_enum_value`
//! changes.

use crate::change::{create_drop, from_to, no_hazards, Change, ChangeKind, Deps, ObjRef};
use crate::diff::{diff_objects, Kept};
use crate::hazard::Hazard;
use crate::kinds::column::Column;
use crate::schema::{Expr, QualifiedName, Schema};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumType {
    pub name: QualifiedName,
    pub values: Vec<String>,
    pub comment: Option<String>,
    /// `-- migrator:renamed-from 'old'` after a value in the desired SQL: new value → the
    /// value's previous label. Never compared.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub renamed_values: BTreeMap<String, String>,
}

/// A column whose type is an enum being rebuilt, with what must be restored around it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumUsage {
    pub table: QualifiedName,
    /// The column as it is before the rebuild.
    pub column: Column,
    /// The default the rebuild leaves on the column: a default that changes along with the
    /// type's values is set here, since the old one may name a removed value and the new one
    /// a value that did not exist yet.
    pub default_after: Option<Expr>,
}

impl EnumUsage {
    fn invert(self) -> EnumUsage {
        EnumUsage {
            table: self.table,
            column: Column {
                default: self.default_after,
                ..self.column
            },
            default_after: self.column.default,
        }
    }
}

/// Values added (in place, with `ADD VALUE … BEFORE/AFTER`) or, when values are removed or
/// reordered, the type rebuilt and every column using it converted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlterEnum {
    pub from: EnumType,
    pub to: EnumType,
    pub usages: Vec<EnumUsage>,
}

fn created(x: &EnumType) -> Deps {
    Deps::in_schema(&x.name, [])
}

create_drop! {
    EnumType, deps created, label |t| format!("type_{}", t.name.name);
    /// `CREATE TYPE … AS ENUM`.
    CreateEnum = "create_enum", rank 23, hazards no_hazards;
    /// `DROP TYPE` of an enum.
    DropEnum = "drop_enum", rank 17, hazards no_hazards;
}

impl ChangeKind for AlterEnum {
    const KIND: &'static str = "alter_enum";
    fn rank(&self) -> u8 {
        24
    }
    fn invert(&self) -> Change {
        AlterEnum {
            from: self.to.clone(),
            to: self.from.clone(),
            usages: self.usages.iter().cloned().map(EnumUsage::invert).collect(),
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
        // Its columns exist in both schemas: nothing to wait for. (A change to one of
        // them waits for the rebuild instead, through the type.) A rebuild retypes them:
        // it removes and makes anew each column, so the indexes and CHECKs over them
        // (which the cascade drops and creates) come off before and back after.
        let mut deps = Deps::creating(
            vec![ObjRef::Name(self.to.name.clone())],
            vec![ObjRef::Name(self.to.name.clone())],
        );
        let columns = self
            .usages
            .iter()
            .map(|u| ObjRef::column(u.table.clone(), u.column.name.clone()));
        deps.creates.extend(columns.clone());
        deps.removes.extend(columns);
        // What reads the tables' rows goes first and comes back after (the cascade takes
        // it off, as around any retype): PostgreSQL refuses to retype a column a view reads.
        let tables: std::collections::BTreeSet<&QualifiedName> =
            self.usages.iter().map(|u| &u.table).collect();
        for t in tables {
            deps.creates.push(ObjRef::Columns(t.clone()));
            deps.removes.push(ObjRef::Columns(t.clone()));
        }
        deps
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        use Hazard::*;
        let removed = self.from.values.iter().any(|v| !self.to.values.contains(v));
        if removed {
            let mut h = vec![MayFailOnExistingData, IrreversibleDown];
            if !self.usages.is_empty() {
                h.extend([RewritesTable, AccessExclusiveLock]);
            }
            h
        } else {
            vec![]
        }
    }
}

from_to! {
    /// `ALTER TYPE … RENAME VALUE`, from a `-- migrator:renamed-from` annotation.
    RenameEnumValue { from, to: String, name: QualifiedName }
    = "rename_enum_value",
    rank |_| 23,
    label |c| format!("rename_value_{}", c.name.name),
    deps |c| {
        // The type in its new form: what uses the new label comes after.
        Deps::creating(vec![ObjRef::Name(c.name.clone())], vec![])
    },
    hazards |_, _| vec![],
}

/// The diff pass of enum types.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let altered = |c: &EnumType, d: &EnumType, out: &mut Vec<Change>| {
        // `-- migrator:renamed-from`: the value keeps its place and its rows.
        let mut c = c.clone();
        for (old, new) in renamed_labels(&c, d) {
            if let Some(v) = c.values.iter_mut().find(|v| **v == old) {
                *v = new.clone();
            }
            out.push(Change::RenameEnumValue(RenameEnumValue {
                name: d.name.clone(),
                from: old,
                to: new,
            }));
        }
        if c.values != d.values {
            let usages = enum_usages(current, desired, &c.name);
            out.push(Change::from(AlterEnum {
                from: c,
                to: d.clone(),
                usages,
            }));
        }
        Kept::InPlace
    };
    diff_objects(&current.enums, &desired.enums, altered, out);
}

/// The `(old, new)` labels of `current` that `desired` says are renamed.
fn renamed_labels(current: &EnumType, desired: &EnumType) -> Vec<(String, String)> {
    desired
        .renamed_values
        .iter()
        .filter(|(new, old)| {
            !current.values.contains(new)
                && !desired.values.contains(old)
                && current.values.contains(old)
        })
        .map(|(new, old)| (old.clone(), new.clone()))
        .collect()
}

/// Every enum value rename: `(type, old, new)`.
fn enum_value_renames(current: &Schema, desired: &Schema) -> Vec<(QualifiedName, String, String)> {
    desired
        .enums
        .values()
        .filter(|d| !d.renamed_values.is_empty())
        .filter_map(|d| current.enums.get(&d.name).map(|c| (c, d)))
        .flat_map(|(c, d)| {
            renamed_labels(c, d)
                .into_iter()
                .map(|(old, new)| (d.name.clone(), old, new))
        })
        .collect()
}

/// After `ALTER TYPE … RENAME VALUE` the catalog shows column defaults with the new label:
/// the current schema is read that way, so such a default is not reset for nothing (and
/// its down does not run before the value is renamed back). `None` without renames.
fn relabel_enum_defaults(
    current: &Schema,
    renames: &[(QualifiedName, String, String)],
) -> Option<Schema> {
    if renames.is_empty() {
        return None;
    }
    let literal = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let mut schema = current.clone();
    for t in schema.tables.values_mut() {
        for c in Arc::make_mut(&mut t.columns) {
            let (Some(ty), Some(d)) = (&c.type_ref, &mut c.default) else {
                continue;
            };
            for (name, from, to) in renames {
                if name == ty {
                    d.key = d.key.replace(&literal(from), &literal(to));
                    d.sql = d.sql.replace(&literal(from), &literal(to));
                }
            }
        }
    }
    Some(schema)
}

/// Columns whose type is the enum `name` (or an array of it) in both schemas: the ones that
/// exist when the type is rebuilt, in either direction. Dropped tables and columns are gone
/// by then (drops come first) and new ones are created afterwards, with the new type.
fn enum_usages(current: &Schema, desired: &Schema, name: &QualifiedName) -> Vec<EnumUsage> {
    let mut out = Vec::new();
    for t in current.tables.values() {
        for c in t.columns.iter() {
            let Some(d) = desired.tables.get(&t.name).and_then(|d| d.column(&c.name)) else {
                continue;
            };
            if c.type_ref.as_ref() == Some(name) && d.type_ref.as_ref() == Some(name) {
                out.push(EnumUsage {
                    table: t.name.clone(),
                    column: c.clone(),
                    default_after: d.default.clone(),
                });
            }
        }
    }
    out
}

/// The current schema with column defaults relabelled for the enum values `desired` renames
/// (see [`relabel_enum_defaults`]); `None` without renames.
pub(crate) fn relabel_renamed_values(current: &Schema, desired: &Schema) -> Option<Schema> {
    relabel_enum_defaults(current, &enum_value_renames(current, desired))
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::{Column, EnumType, Schema};
    use insta::assert_snapshot;

    /// Table `t` with a column `m` of the enum `mood`, defaulting to `default`.
    fn with_mood(values: &[&str], default: &str) -> Schema {
        let m = Column {
            type_ref: Some(qn("mood")),
            default: Some(sql(&format!("'{default}'::public.mood"))),
            ..col("m", "public.mood")
        };
        schema()
            .with(enum_type("mood", values))
            .with(table("t", [m]))
    }

    #[test]
    fn a_value_added_alters_the_type() {
        let current = schema().with(enum_type("mood", &["sad", "happy"]));
        let desired = schema().with(enum_type("mood", &["sad", "ok", "happy"]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_removed_value_alters_the_type_with_the_columns_that_use_it() {
        let current = with_mood(&["sad", "ok", "happy"], "sad");
        let desired = with_mood(&["sad", "happy"], "sad");
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_value_rename_annotation_renames_the_value_and_keeps_the_default() {
        // The column's default names the renamed value: after `RENAME VALUE` it reads the
        // new label, so it is not reset.
        let current = with_mood(&["sad", "happy"], "sad");
        let mut desired = with_mood(&["unhappy", "happy"], "unhappy");
        let mood = desired.enums.get_mut(&qn("mood")).unwrap();
        mood.renamed_values.insert("unhappy".into(), "sad".into());
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_default_changing_with_the_values_is_set_by_the_rebuild() {
        // `'ok'` goes away and the default moves to the new `'fine'`: the column's own
        // change would run on the wrong side of the rebuild, so the rebuild sets it.
        let current = with_mood(&["sad", "ok"], "ok");
        let desired = with_mood(&["sad", "fine"], "fine");
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_rebuild_takes_the_views_reading_its_columns_off_and_puts_them_back() {
        let v = view("v", sql("SELECT t.m FROM t"), &["m"], &["t"]);
        let current = with_mood(&["sad", "ok"], "ok").with(v.clone());
        let desired = with_mood(&["sad", "fine"], "fine").with(v);
        let changes = crate::plan::order(crate::diff::diff(&current, &desired)).unwrap();
        let labels: Vec<String> = changes.iter().map(crate::change::Change::label).collect();
        assert_eq!(labels, ["drop_v", "alter_type_mood", "create_v"]);
    }

    #[test]
    fn a_change_takes_the_routines_naming_the_type_off_and_puts_them_back() {
        // The down of an added value is a rebuild, which renames the old type away and
        // drops it: a routine whose parameters name the type would hold it.
        let f = crate::schema::Function {
            definition: calling(
                "CREATE FUNCTION f(m public.mood) RETURNS boolean LANGUAGE sql AS 'SELECT true'",
                &["mood"],
            ),
            ..function("f", "m public.mood", "boolean", "SELECT true")
        };
        let current = with_mood(&["sad", "ok"], "ok").with(f.clone());
        let desired = with_mood(&["sad", "ok", "fine"], "ok").with(f);
        let changes = crate::plan::order(crate::diff::diff(&current, &desired)).unwrap();
        let labels: Vec<String> = changes.iter().map(crate::change::Change::label).collect();
        assert_eq!(labels.len(), 3, "{labels:?}");
        assert_eq!(labels[1], "alter_type_mood", "{labels:?}");
        assert!(
            labels[0].starts_with("drop_") && labels[2].starts_with("create_"),
            "{labels:?}"
        );
    }

    #[test]
    fn a_dropped_enum_is_dropped_whole() {
        let current = schema().with(EnumType {
            comment: Some("how one feels".into()),
            ..enum_type("mood", &["sad"])
        });
        assert_snapshot!(diffed(&current, &schema()));
    }
}
