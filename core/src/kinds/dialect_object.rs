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
use std::collections::BTreeMap;

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
    /// Columns that must exist while this object does (a column a hypertable compresses
    /// by): the object changes before such a column is dropped, after it is added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<crate::kinds::sequence::ColumnRef>,
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
    requires.extend(
        o.columns
            .iter()
            .map(|c| ObjRef::column(c.table.clone(), c.column.clone())),
    );
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
/// changed (the dialect's builder decides how). The objects of a table renamed by
/// `-- migrator:renamed-from` are compared as they stand after the rename.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let followed = followed_renames(current, desired);
    pair_up(
        followed.as_ref().unwrap_or(&current.dialect_objects),
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

/// The current dialect objects as table and column renames (`-- migrator:renamed-from`)
/// leave them: the server's objects follow a table by its OID, so every mention of the old
/// table in an object's key (`kind`, `schema.table` or `schema.table#…`), its dependencies,
/// its columns and its payload (a `{"schema", "name"}` object) becomes the new one, and a
/// renamed column in its columns the new column (what the payload says of a column is the
/// dialect's, and reads as changed). `None` without renames.
fn followed_renames(
    current: &Schema,
    desired: &Schema,
) -> Option<BTreeMap<ObjectId, DialectObject>> {
    let renames = crate::kinds::table::annotated_renames(current, desired);
    // Columns renamed by annotation, by their table's new name and their old name.
    let columns: BTreeMap<(QualifiedName, String), String> = desired
        .tables
        .values()
        .flat_map(|t| {
            t.columns.iter().filter_map(|c| {
                let old = c.renamed_from.clone()?;
                Some(((t.name.clone(), old), c.name.clone()))
            })
        })
        .collect();
    if renames.is_empty() && columns.is_empty() {
        return None;
    }
    let key = |k: &QualifiedName| {
        let mut k = k.clone();
        for (old, new) in &renames {
            let (o, n) = (old.to_string(), new.to_string());
            if k.name == o {
                k.name = n;
            } else if let Some(rest) = k.name.strip_prefix(&format!("{o}#")) {
                k.name = format!("{n}#{rest}");
            }
        }
        k
    };
    let objects = current.dialect_objects.values().map(|o| {
        let mut o = o.clone();
        o.name = key(&o.name);
        o.after = o.after.iter().map(key).collect();
        for d in &mut o.depends_on {
            if let Some(new) = renames.get(d) {
                *d = new.clone();
            }
        }
        for c in &mut o.columns {
            if let Some(new) = renames.get(&c.table) {
                c.table = new.clone();
            }
            if let Some(new) = columns.get(&(c.table.clone(), c.column.clone())) {
                c.column = new.clone();
            }
        }
        rename_in_payload(&mut o.payload, &renames);
        (o.id(), o)
    });
    Some(objects.collect())
}

/// Every `{"schema": …, "name": …}` object of `v` naming a renamed table names its new name.
fn rename_in_payload(v: &mut serde_json::Value, renames: &BTreeMap<QualifiedName, QualifiedName>) {
    use serde_json::Value;
    match v {
        Value::Object(m) => {
            let renamed = (m.len() == 2)
                .then(|| serde_json::from_value::<QualifiedName>(Value::Object(m.clone())).ok())
                .flatten()
                .and_then(|q| renames.get(&q).cloned());
            if let Some(new) = renamed {
                *v = serde_json::to_value(new).expect("names serialise");
                return;
            }
            m.values_mut().for_each(|x| rename_in_payload(x, renames));
        }
        Value::Array(a) => a.iter_mut().for_each(|x| rename_in_payload(x, renames)),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
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

    /// A hypertable whose table is renamed by annotation follows the table: the only
    /// change is the rename, nothing of the dialect's is dropped or created.
    #[test]
    fn the_objects_of_a_renamed_table_follow_it() {
        let on = |t: &str| {
            let mut o = dialect_object(
                "hypertable",
                &format!("public.{t}"),
                json!({"table": {"schema": "public", "name": t}, "time_column": "ts"}),
            );
            o.depends_on = vec![qn(t)];
            let mut p = dialect_object(
                "retention_policy",
                &format!("public.{t}"),
                json!({"table": {"schema": "public", "name": t}}),
            );
            p.depends_on = vec![qn(t)];
            p.after = vec![crate::schema::QualifiedName::new(
                "hypertable",
                format!("public.{t}"),
            )];
            schema()
                .with(table(t, [col("ts", "timestamp with time zone")]))
                .with(o)
                .with(p)
        };
        let current = on("m");
        let mut desired = on("metrics");
        desired.tables.get_mut(&qn("metrics")).unwrap().renamed_from = Some("m".into());
        let labels: Vec<String> = crate::diff::diff(&current, &desired)
            .iter()
            .map(crate::change::Change::label)
            .collect();
        assert_eq!(labels, ["rename_m_to_metrics"]);
    }

    /// An object needing a column renamed by annotation needs the new column: the rename
    /// comes first, then the object's change (its payload names the column as the dialect
    /// writes it), with no cycle between them.
    #[test]
    fn the_columns_of_an_object_follow_a_renamed_column() {
        let with = |c: &str, renamed: Option<&str>| {
            let mut column = col(c, "integer");
            column.renamed_from = renamed.map(str::to_string);
            let mut o = dialect_object("compression", "public.m", json!({ "segmentby": [c] }));
            o.columns = vec![crate::schema::ColumnRef {
                table: qn("m"),
                column: c.into(),
            }];
            schema().with(table("m", [column])).with(o)
        };
        let changes = crate::diff::diff(&with("dev", None), &with("device", Some("dev")));
        let labels: Vec<String> = crate::plan::order(changes)
            .unwrap()
            .iter()
            .map(crate::change::Change::label)
            .collect();
        assert_eq!(
            labels,
            ["rename_m_dev_to_device", "alter_compression_public.m"]
        );
    }
}
