//! Loading this kind from parsed SQL statements.
//!
//! `CREATE PUBLICATION name [FOR ALL TABLES | FOR TABLE t [(cols)] [WHERE (expr)], … |
//! FOR TABLES IN SCHEMA s, …] [WITH (publish = '…', publish_via_partition_root = …)]`,
//! stored as PostgreSQL stores it: tables sorted, each column list as a set (sorted), the row filter normalised as any expression, schemas sorted, the `publish`
//! actions in PostgreSQL's order. `ALTER PUBLICATION … ADD | SET | DROP TABLE … | TABLES
//! IN SCHEMA …`, `ALTER PUBLICATION … SET (…)` (the options it names; the others stay),
//! `… RENAME TO`, `DROP PUBLICATION` and `COMMENT ON PUBLICATION`. A table dropped leaves
//! its publications (core's `drop_relation`), a schema dropped too; a column a
//! publication names cannot be dropped, as PostgreSQL refuses it.

use crate::define::{arg_names, flag};
use crate::load::{does_not_exist, drop_and_comment, Loader, R};
use crate::normalize::{const_text, def_elems, strings};
use migrator_core::kinds::PUBLISH_ACTIONS;
use migrator_core::schema::{
    Publication, PublicationOptions, PublishedTable, QualifiedName, Schema,
};
use pg_query::protobuf::{
    self as pb, node::Node as N, AlterPublicationAction as Action, PublicationObjSpecType as Spec,
};

/// What a publication names in a statement: tables and schemas.
#[derive(Default)]
struct Objects {
    tables: Vec<PublishedTable>,
    /// The tables inheriting from those named without `ONLY`.
    inherited: Vec<PublishedTable>,
    schemas: Vec<String>,
}

impl Loader {
    /// `CREATE PUBLICATION`.
    pub(crate) fn create_publication(&mut self, s: &pb::CreatePublicationStmt) -> R<()> {
        let name = s.pubname.clone();
        if self.schema.publications.contains_key(&name) {
            return Err(format!("publication \"{name}\" already exists"));
        }
        let mut p = Publication {
            name: name.clone(),
            all_tables: s.for_all_tables,
            tables: Vec::new(),
            schemas: Vec::new(),
            options: PublicationOptions::default(),
            comment: None,
        };
        set_options(&mut p, &s.options)?;
        let objects = self.publication_objects(&name, &s.pubobjects, true)?;
        add(&mut p, objects)?;
        settle(&mut p, &self.schema)?;
        self.schema.publications.insert(name, p);
        Ok(())
    }

    /// `ALTER PUBLICATION … SET (…)`, `… ADD | SET | DROP TABLE … | TABLES IN SCHEMA …`.
    pub(crate) fn alter_publication(&mut self, s: &pb::AlterPublicationStmt) -> R<()> {
        let name = &s.pubname;
        let Some(mut p) = self.schema.publications.get(name).cloned() else {
            return Err(format!("publication \"{name}\" does not exist"));
        };
        if !s.options.is_empty() {
            set_options(&mut p, &s.options)?;
        } else {
            if p.all_tables {
                return Err(format!(
                    "publication \"{name}\" is defined as FOR ALL TABLES: tables cannot be \
                     added to or dropped from it"
                ));
            }
            let action = Action::try_from(s.action).unwrap_or(Action::Undefined);
            let objects =
                self.publication_objects(name, &s.pubobjects, action != Action::ApDropObjects)?;
            match action {
                Action::ApAddObjects => add(&mut p, objects)?,
                Action::ApSetObjects => {
                    p.tables.clear();
                    p.schemas.clear();
                    add(&mut p, objects)?;
                }
                Action::ApDropObjects => remove(&mut p, objects)?,
                Action::Undefined => return Err("ALTER PUBLICATION without an action".into()),
            }
        }
        settle(&mut p, &self.schema)?;
        self.schema.publications.insert(name.clone(), p);
        Ok(())
    }

    /// `ALTER PUBLICATION … RENAME TO`.
    pub(crate) fn rename_publication(&mut self, s: &pb::RenameStmt) -> R<()> {
        let names = arg_names(s.object.as_deref());
        let from = names.last().cloned().unwrap_or_default();
        let Some(mut p) = self.schema.publications.remove(&from) else {
            return Err(format!("publication \"{from}\" does not exist"));
        };
        if self.schema.publications.contains_key(&s.newname) {
            return Err(format!("publication \"{}\" already exists", s.newname));
        }
        p.name = s.newname.clone();
        self.schema.publications.insert(p.name.clone(), p);
        Ok(())
    }

    /// The tables and schemas a statement names (`entries`: with their column lists and
    /// row filters, which `DROP` does not take).
    fn publication_objects(&self, name: &str, nodes: &[pb::Node], entries: bool) -> R<Objects> {
        let mut objects = Objects::default();
        for node in nodes {
            let Some(N::PublicationObjSpec(spec)) = &node.node else {
                continue;
            };
            match Spec::try_from(spec.pubobjtype).unwrap_or(Spec::Undefined) {
                Spec::PublicationobjTable => {
                    let t = spec
                        .pubtable
                        .as_deref()
                        .ok_or("a publication table without a name")?;
                    let entry = self.published_table(name, t)?;
                    if !entries && (!entry.columns.is_empty() || entry.filter.is_some()) {
                        return Err(format!(
                            "publication \"{name}\": column list or WHERE clause must not be \
                             specified in ALTER PUBLICATION … DROP"
                        ));
                    }
                    let inherited = match t.relation.as_ref() {
                        Some(rv) if rv.inh => self.inheritors(&entry.table),
                        _ => Vec::new(),
                    };
                    for child in inherited {
                        objects.inherited.push(PublishedTable {
                            table: child,
                            ..entry.clone()
                        });
                    }
                    objects.tables.push(entry);
                }
                Spec::PublicationobjTablesInSchema => {
                    objects.schemas.push(self.published_schema(&spec.name)?)
                }
                Spec::PublicationobjTablesInCurSchema => {
                    objects.schemas.push(self.creation_schema());
                }
                Spec::PublicationobjContinuation | Spec::Undefined => {
                    return Err(format!("publication \"{name}\": an object of no kind"));
                }
            }
        }
        Ok(objects)
    }

    /// The tables that inherit from `table`, at any depth: `TABLE t` without `ONLY` names
    /// them too, with its column list and row filter (a partitioned table's partitions are
    /// not, PostgreSQL publishes them through it).
    fn inheritors(&self, table: &QualifiedName) -> Vec<QualifiedName> {
        let mut found: Vec<QualifiedName> = Vec::new();
        let mut parents = vec![table.clone()];
        while let Some(parent) = parents.pop() {
            for t in self.schema.tables.values() {
                if t.inherits.contains(&parent) && !found.contains(&t.name) {
                    found.push(t.name.clone());
                    parents.push(t.name.clone());
                }
            }
        }
        found
    }

    /// A schema named by `TABLES IN SCHEMA`: one the files create, or `public`.
    fn published_schema(&self, schema: &str) -> R<String> {
        if schema != "public" && !self.schema.schemas.contains_key(schema) {
            return Err(format!("schema \"{schema}\" does not exist"));
        }
        Ok(schema.to_string())
    }

    /// `TABLE t [(cols)] [WHERE (expr)]`: the table, its columns sorted (a set, as
    /// `prattrs` is), the filter normalised; each column named must exist.
    fn published_table(&self, name: &str, t: &pb::PublicationTable) -> R<PublishedTable> {
        let rv = t
            .relation
            .as_ref()
            .ok_or("a publication table without a name")?;
        let table = self.table_name(rv);
        if !self.schema.tables.contains_key(&table) {
            return Err(does_not_exist("table", &table));
        }
        let mut columns = strings(&t.columns);
        for c in &columns {
            self.column(&table, c)?;
        }
        columns.sort();
        let before = columns.len();
        columns.dedup();
        if columns.len() != before {
            return Err(format!(
                "publication \"{name}\": duplicate column in the column list of {table}"
            ));
        }
        let filter = match t.where_clause.as_deref() {
            Some(w) => {
                let e = self.expr(w)?;
                for c in &e.columns {
                    self.column(&table, c)?;
                }
                Some(e)
            }
            None => None,
        };
        Ok(PublishedTable {
            table,
            columns,
            filter,
        })
    }

    /// A column of `table` that a publication names cannot be dropped (PostgreSQL refuses).
    pub(crate) fn column_published(&self, table: &QualifiedName, column: &str) -> R<()> {
        for p in self.schema.publications.values() {
            let entry = p.tables.iter().find(|e| e.table == *table);
            if entry.is_some_and(|e| e.reads().any(|c| c == column)) {
                return Err(format!(
                    "cannot drop column {column} of table {table} because publication \
                     \"{}\" depends on it",
                    p.name
                ));
            }
        }
        Ok(())
    }

    /// A schema dropped leaves the publications that name it.
    pub(crate) fn unpublish_schema(&mut self, schema: &str) {
        for p in self.schema.publications.values_mut() {
            p.schemas.retain(|s| s != schema);
        }
    }
}

/// `WITH (…)` / `SET (…)`: the options it names.
fn set_options(p: &mut Publication, options: &[pb::Node]) -> R<()> {
    let name = &p.name;
    for d in def_elems(options) {
        let arg = d.arg.as_deref();
        match d.defname.to_lowercase().as_str() {
            "publish" => {
                let text = arg.map(const_text).unwrap_or_default().to_lowercase();
                let asked: Vec<&str> = text
                    .split(',')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .collect();
                if let Some(other) = asked.iter().find(|a| !PUBLISH_ACTIONS.contains(a)) {
                    return Err(format!(
                        "publication \"{name}\": unrecognized \"publish\" value: \"{other}\""
                    ));
                }
                p.options.publish = PUBLISH_ACTIONS
                    .iter()
                    .filter(|a| asked.contains(a))
                    .map(|a| a.to_string())
                    .collect();
            }
            "publish_via_partition_root" => p.options.via_root = flag(arg),
            other => {
                return Err(format!(
                    "publication \"{name}\": unrecognized publication parameter: \"{other}\""
                ))
            }
        }
    }
    Ok(())
}

/// Adds what a statement names; what the publication names already is an error.
fn add(p: &mut Publication, objects: Objects) -> R<()> {
    let name = &p.name;
    for e in objects.tables.into_iter().chain(objects.inherited) {
        if p.tables.iter().any(|x| x.table == e.table) {
            return Err(format!(
                "relation {} is already member of publication \"{name}\"",
                e.table
            ));
        }
        p.tables.push(e);
    }
    for s in objects.schemas {
        if p.schemas.contains(&s) {
            return Err(format!(
                "schema \"{s}\" is already member of publication \"{name}\""
            ));
        }
        p.schemas.push(s);
    }
    Ok(())
}

/// Drops what a statement names; what the publication does not name is an error.
fn remove(p: &mut Publication, objects: Objects) -> R<()> {
    let name = &p.name;
    // The inheritors a `DROP TABLE t` names go if they are there.
    for e in objects.inherited {
        p.tables.retain(|x| x.table != e.table);
    }
    for e in objects.tables {
        let before = p.tables.len();
        p.tables.retain(|x| x.table != e.table);
        if p.tables.len() == before {
            return Err(format!(
                "relation {} is not part of the publication \"{name}\"",
                e.table
            ));
        }
    }
    for s in objects.schemas {
        if !p.schemas.contains(&s) {
            return Err(format!(
                "tables from schema \"{s}\" are not part of the publication \"{name}\""
            ));
        }
        p.schemas.retain(|x| *x != s);
    }
    Ok(())
}

/// Sorts the tables and schemas, and refuses what PostgreSQL 15 refuses: column lists
/// beside schemas, a row filter on a partitioned table published through its partitions.
fn settle(p: &mut Publication, schema: &Schema) -> R<()> {
    if !p.options.via_root {
        let partitioned = |t: &QualifiedName| {
            schema
                .tables
                .get(t)
                .is_some_and(|t| t.partition_by.is_some())
        };
        if let Some(e) = p
            .tables
            .iter()
            .find(|e| e.filter.is_some() && partitioned(&e.table))
        {
            return Err(format!(
                "cannot use publication WHERE clause for relation {}: WHERE clause cannot be \
                 used for a partitioned table when publish_via_partition_root is false",
                e.table
            ));
        }
    }
    p.tables.sort_by(|a, b| a.table.cmp(&b.table));
    p.schemas.sort();
    if !p.schemas.is_empty() {
        if let Some(e) = p.tables.iter().find(|e| !e.columns.is_empty()) {
            return Err(format!(
                "cannot use column list for relation {} in publication \"{}\": column lists \
                 cannot be specified in publications containing FOR TABLES IN SCHEMA elements",
                e.table, p.name
            ));
        }
    }
    Ok(())
}

drop_and_comment! {
    drop_publication, comment_publication: publications, "publication",
    key |l, object, names| R::Ok(names.first().cloned().unwrap_or_default()),
}

statement_hook! {
    CreatePublicationStmt => create_publication,
    AlterPublicationStmt => alter_publication,
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;
