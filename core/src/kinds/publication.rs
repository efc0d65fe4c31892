//! Publications (`CREATE PUBLICATION`, logical replication): their IR and the
//! `create_publication`, `drop_publication`, `alter_publication_options`,
//! `alter_publication_table` and `alter_publication_schema` changes.
//!
//! A publication has a name of its own, in no schema, and publishes all tables, or a set
//! of tables (each with an optional column list and row filter) and of schemas (`TABLES IN
//! SCHEMA`), with its `publish` actions and `publish_via_partition_root`. Whether it is
//! for all tables cannot change in place: it is dropped and created. Everything else
//! changes in place: its options with `ALTER PUBLICATION … SET (…)`, each table entry
//! with `ADD TABLE` / `DROP TABLE` (an entry whose column list or row filter changes is
//! dropped and added again in the one change), each schema with `ADD` / `DROP TABLES IN
//! SCHEMA`, its comment with `COMMENT ON PUBLICATION`.
//!
//! It is created after the tables, the columns (of its column lists and row filters) and
//! the schemas it names, and dropped before them. A table entry goes before its table or
//! a column it names is dropped (PostgreSQL takes a dropped table out of its
//! publications, and refuses to drop a column a publication names); the down file adds it
//! back once they are there again. A table dropped and created again (its partitioning
//! changes), or one whose row filter reads a column that is retyped (PostgreSQL refuses
//! the retype), has its entry dropped before and added after.

use crate::change::{create_drop, from_to, no_hazards, Change, Deps, ObjRef};
use crate::diff::{diff_objects, Kept};
use crate::identity::{ObjectId, ObjectKind};
use crate::schema::{Expr, QualifiedName, Schema};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The `publish` actions, in the order PostgreSQL prints them; all of them by default.
pub const PUBLISH_ACTIONS: [&str; 4] = ["insert", "update", "delete", "truncate"];

/// A publication and what `pg_publication`, `pg_publication_rel` and
/// `pg_publication_namespace` store for it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    pub name: String,
    /// `FOR ALL TABLES` (`puballtables`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub all_tables: bool,
    /// The tables it names (`FOR TABLE`), sorted by table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<PublishedTable>,
    /// The schemas it names (`FOR TABLES IN SCHEMA`), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<String>,
    #[serde(flatten)]
    pub options: PublicationOptions,
    pub comment: Option<String>,
}

/// The `WITH (…)` options of a publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationOptions {
    /// The `publish` actions, in [`PUBLISH_ACTIONS`]' order.
    pub publish: Vec<String>,
    /// `publish_via_partition_root` (`pubviaroot`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub via_root: bool,
}

impl Default for PublicationOptions {
    fn default() -> Self {
        PublicationOptions {
            publish: PUBLISH_ACTIONS.iter().map(|a| a.to_string()).collect(),
            via_root: false,
        }
    }
}

/// A table a publication names, with its column list and row filter.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedTable {
    pub table: QualifiedName,
    /// The column list, sorted (PostgreSQL keeps it as a set, `prattrs`); empty for all
    /// columns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// The row filter (`WHERE (…)`, `prqual`).
    pub filter: Option<Expr>,
}

impl PublishedTable {
    /// The columns of its table it names, in its column list or its row filter.
    pub fn reads(&self) -> impl Iterator<Item = &String> {
        let filtered = self.filter.iter().flat_map(|e| e.columns.iter());
        self.columns.iter().chain(filtered)
    }

    /// What the entry needs: its table, the columns it names, what its filter refers to.
    fn requires(&self) -> Vec<ObjRef> {
        let mut requires = vec![ObjRef::Name(self.table.clone())];
        let columns = self
            .reads()
            .map(|c| ObjRef::column(self.table.clone(), c.clone()));
        requires.extend(columns);
        let refs = self.filter.iter().flat_map(|e| e.refs.iter().cloned());
        requires.extend(refs.map(ObjRef::Name));
        requires
    }
}

/// The id of the publication `name`.
pub fn publication_id(name: &str) -> ObjectId {
    ObjectId::named(ObjectKind::Publication, "", name)
}

fn created(p: &Publication) -> Deps {
    let mut requires: Vec<ObjRef> = p.tables.iter().flat_map(|t| t.requires()).collect();
    requires.extend(p.schemas.iter().cloned().map(ObjRef::schema));
    Deps::creating(vec![ObjRef::Id(publication_id(&p.name))], requires)
}

create_drop! {
    Publication, deps created, label |p| p.name.clone();
    /// `CREATE PUBLICATION`.
    CreatePublication = "create_publication", rank 38, hazards no_hazards;
    /// `DROP PUBLICATION`.
    DropPublication = "drop_publication", rank 7, hazards no_hazards;
}

/// What a change to a kept publication needs: the publication itself.
fn on_publication(name: &str) -> ObjRef {
    ObjRef::Id(publication_id(name))
}

from_to! {
    /// `ALTER PUBLICATION … SET (publish = …, publish_via_partition_root = …)`.
    AlterPublicationOptions { from, to: PublicationOptions, publication: String }
    = "alter_publication_options",
    rank |_| 38,
    label |c| format!("alter_publication_{}", c.publication),
    deps |c| Deps::creating(vec![], vec![on_publication(&c.publication)]),
    hazards |_, _| vec![],
}

from_to! {
    /// `ALTER PUBLICATION … DROP TABLE` of the entry `from`, then `ADD TABLE` of the entry
    /// `to` (either may be absent): the old entry's table and columns are released, the
    /// new one's required.
    AlterPublicationTable { from, to: Option<PublishedTable>, publication: String }
    = "alter_publication_table",
    rank |_| 38,
    label |c| {
        let entry = c.to.as_ref().or(c.from.as_ref());
        let table = entry.map_or("", |e| e.table.name.as_str());
        format!("alter_publication_{}_{}", c.publication, table)
    },
    deps |c| {
        let mut deps = Deps::creating(vec![], vec![on_publication(&c.publication)]);
        deps.requires.extend(c.to.iter().flat_map(|e| e.requires()));
        deps.releases.extend(c.from.iter().flat_map(|e| e.requires()));
        deps
    },
    hazards |_, _| vec![],
}

from_to! {
    /// `ALTER PUBLICATION … ADD TABLES IN SCHEMA` (`to`) or `DROP TABLES IN SCHEMA`.
    AlterPublicationSchema { from, to: bool, publication: String, schema: String }
    = "alter_publication_schema",
    // Around the table entries' changes (38), as the diff lists them: see `diff`.
    rank |c| if c.to { 39 } else { 37 },
    label |c| format!("alter_publication_{}_{}", c.publication, c.schema),
    deps |c| {
        let schema = ObjRef::schema(c.schema.clone());
        let mut deps = Deps::creating(vec![], vec![on_publication(&c.publication)]);
        if c.to {
            deps.requires.push(schema);
        } else {
            deps.releases.push(schema);
        }
        deps
    },
    hazards |_, _| vec![],
}

/// What the table entries of a kept publication are compared against: the tables the
/// table pass drops and creates again, and those `-- migrator:renamed-from` renames.
struct Around<'s> {
    current: &'s Schema,
    desired: &'s Schema,
    recreated: BTreeSet<QualifiedName>,
    renames: BTreeMap<QualifiedName, QualifiedName>,
}

impl Around<'_> {
    /// The columns of the desired table `table` renamed from another (`-- migrator:
    /// renamed-from`), old name → new, where the current table `from` has the old one only.
    fn renamed_columns(&self, from: &QualifiedName, table: &QualifiedName) -> BTreeMap<&str, &str> {
        let (Some(c), Some(d)) = (
            self.current.tables.get(from),
            self.desired.tables.get(table),
        ) else {
            return BTreeMap::new();
        };
        let has = |name: &str| c.columns.iter().any(|x| x.name == name);
        d.columns
            .iter()
            .filter_map(|x| Some((x.renamed_from.as_deref()?, x.name.as_str())))
            .filter(|(old, new)| has(old) && !has(new))
            .collect()
    }

    /// The current entry `e` as PostgreSQL carries it through the renames (its table and
    /// the columns of its column list follow; a row filter reading a renamed column is
    /// left as it is), and whether its row filter reads a renamed column.
    fn followed(&self, e: &PublishedTable) -> (PublishedTable, bool) {
        let table = self.renames.get(&e.table).unwrap_or(&e.table).clone();
        let columns = self.renamed_columns(&e.table, &table);
        let mut followed = e.clone();
        for c in &mut followed.columns {
            if let Some(new) = columns.get(c.as_str()) {
                *c = new.to_string();
            }
        }
        followed.columns.sort();
        followed.table = table;
        let filter_renamed = e
            .filter
            .iter()
            .flat_map(|f| &f.columns)
            .any(|c| columns.contains_key(c.as_str()));
        (followed, filter_renamed)
    }

    /// Whether a column the row filter of `e` (current, before the renames) reads changes
    /// type in `to`'s table (PostgreSQL refuses to retype a column a row filter uses).
    fn retyped_filter(&self, e: &PublishedTable, to: &PublishedTable) -> bool {
        let Some(filter) = &e.filter else {
            return false;
        };
        let column_type = |schema: &Schema, table: &QualifiedName, column: &str| {
            let t = schema.tables.get(table)?;
            let c = t.columns.iter().find(|c| c.name == column)?;
            Some((
                c.data_type.clone(),
                c.collation.clone(),
                c.generated.clone(),
            ))
        };
        filter.columns.iter().any(|c| {
            column_type(self.current, &e.table, c) != column_type(self.desired, &to.table, c)
        })
    }

    /// The table entry changes of a kept publication `c` → `d`. An entry that changes is
    /// dropped and added in one change, or in two around its table's recreation, a retype
    /// a row filter reads, or a rename (dropped as it stands before, added after).
    fn table_changes(&self, c: &Publication, d: &Publication, out: &mut Vec<Change>) {
        let change = |from: Option<&PublishedTable>, to: Option<&PublishedTable>| {
            Change::from(AlterPublicationTable {
                publication: d.name.clone(),
                from: from.cloned(),
                to: to.cloned(),
            })
        };
        let mut wanted: BTreeMap<&QualifiedName, &PublishedTable> =
            d.tables.iter().map(|e| (&e.table, e)).collect();
        for from in &c.tables {
            let (followed, filter_renamed) = self.followed(from);
            let Some(to) = wanted.remove(&followed.table) else {
                out.push(change(Some(from), None));
                continue;
            };
            let renamed = followed.table != from.table || followed.columns != from.columns;
            let split = self.recreated.contains(&to.table)
                || self.retyped_filter(from, to)
                || filter_renamed
                || (renamed && followed != *to);
            if split {
                out.push(change(Some(from), None));
                out.push(change(None, Some(to)));
            } else if followed != *to {
                out.push(change(Some(from), Some(to)));
            }
        }
        for to in wanted.into_values() {
            out.push(change(None, Some(to)));
        }
    }
}

/// The diff pass of publications: a change of `FOR ALL TABLES` drops and creates the
/// publication; options, table entries, schemas and the comment change in place.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let around = Around {
        current,
        desired,
        recreated: crate::kinds::table::recreated(current, desired),
        renames: crate::kinds::table::annotated_renames(current, desired),
    };
    let kept = |c: &Publication, d: &Publication, out: &mut Vec<Change>| {
        if c.all_tables != d.all_tables {
            return Kept::Recreated;
        }
        if c.options != d.options {
            out.push(
                AlterPublicationOptions {
                    publication: d.name.clone(),
                    from: c.options.clone(),
                    to: d.options.clone(),
                }
                .into(),
            );
        }
        // Schemas dropped go before the table entries change and schemas added after:
        // PostgreSQL refuses a column list beside a schema at every step.
        let schemas: BTreeSet<&String> = c.schemas.iter().chain(&d.schemas).collect();
        let schema_change = |s: &String| {
            let (from, to) = (c.schemas.contains(s), d.schemas.contains(s));
            (from != to).then(|| {
                Change::from(AlterPublicationSchema {
                    publication: d.name.clone(),
                    schema: s.clone(),
                    from,
                    to,
                })
            })
        };
        let (added, dropped): (Vec<Change>, Vec<Change>) = schemas
            .into_iter()
            .filter_map(schema_change)
            .partition(|x| matches!(x, Change::AlterPublicationSchema(a) if a.to));
        out.extend(dropped);
        around.table_changes(c, d, out);
        out.extend(added);
        Kept::InPlace
    };
    diff_objects(&current.publications, &desired.publications, kept, out);
}

/// After a filter: the entries of the publications kept that name a table or a schema
/// the filter leaves out are left alone too (neither side lists them, so they are never
/// added or dropped).
pub(crate) fn leave_out_unmanaged(schema: &mut Schema) {
    let (tables, schemas) = (&schema.tables, &schema.schemas);
    for p in schema.publications.values_mut() {
        p.tables.retain(|e| tables.contains_key(&e.table));
        p.schemas
            .retain(|s| s == "public" || schemas.contains_key(s));
    }
}

#[cfg(test)]
#[path = "publication_tests.rs"]
mod tests;
