//! Names the desired files use but define nowhere: checked when the files are loaded, so a
//! typo (`txet`) or a foreign key to a table that exists nowhere is reported with its file
//! and line instead of becoming a migration that fails only when applied.
//!
//! It exists as one pass over the loaded schema, apart from the kinds, because the question
//! "does this name exist?" can only be answered once every file is read (files may define
//! objects in any order) and it needs what no single kind knows: built-in types, system
//! relations, and what the declared extensions provide ([`known`]).
//!
//! What is checked (docs/CHECKS.md says why each is an error or a warning):
//! - the types of table columns, composite-type attributes, domains and range subtypes;
//! - the tables that foreign keys reference, and the relations views read.
//!
//! A name is fine when the files define it (as the kind itself, or a table's or view's row
//! type), when PostgreSQL has it built in, when a declared extension provides it, or when
//! the filter leaves it out (it is someone else's: a foreign key into another team's
//! schema). For an
//! extension [`known::EXTENSIONS`] lists, its list is taken as complete. An extension it
//! does not list could provide anything, so while one is declared an unresolved name is a
//! warning, not an error. Triggers and indexes on a relation that does not exist are
//! already refused by their statements (the relation must come first).
//!
//! The loader records where each type and relation is first named ([`Uses`]); the check
//! itself reads the final schema, so a name renamed later in the files is judged by what
//! it became.

pub(crate) mod known;

use crate::load::Loader;
use migrator_core::dialect::{LoadError, Warning};
use migrator_core::filter::Filter;
use migrator_core::schema::{ConstraintKind, QualifiedName, Schema};
use std::collections::{BTreeSet, HashMap};

/// Where a statement is: its file and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Site {
    file: String,
    line: usize,
}

/// Where the files first name each type and relation, for reporting.
#[derive(Debug, Default)]
pub(crate) struct Uses {
    types: HashMap<QualifiedName, Site>,
    relations: HashMap<QualifiedName, Site>,
}

impl Uses {
    /// Records a use of the user type `q` at `file:line`, unless one is recorded already.
    pub(crate) fn ty(&mut self, q: &QualifiedName, file: &str, line: usize) {
        record(&mut self.types, q, file, line);
    }

    /// Records a reference to the relation `q` at `file:line`, unless one is recorded.
    pub(crate) fn relation(&mut self, q: &QualifiedName, file: &str, line: usize) {
        record(&mut self.relations, q, file, line);
    }
}

fn record(map: &mut HashMap<QualifiedName, Site>, q: &QualifiedName, file: &str, line: usize) {
    if !map.contains_key(q) {
        let site = Site {
            file: file.to_string(),
            line,
        };
        map.insert(q.clone(), site);
    }
}

/// A name that nothing defines, as found in the schema.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Unresolved {
    site: Option<Site>,
    message: String,
}

/// Checks the names the loaded files use: an error for the first name nothing can provide
/// (the others it finds follow in the message), warnings when an extension whose contents
/// migrator does not know is declared.
pub(crate) fn run(loader: &mut Loader, managed: &Filter) -> Result<(), LoadError> {
    let mut found = unresolved(
        &loader.schema,
        &loader.skipped_relations,
        &loader.uses.borrow(),
        managed,
    );
    if found.is_empty() {
        return Ok(());
    }
    let unknown = unknown_extensions(&loader.schema);
    if !unknown.is_empty() {
        let which = unknown.join(", ");
        for u in found {
            let (file, line) = u.site.map_or((String::new(), 0), |s| (s.file, s.line));
            loader.warnings.push(Warning {
                file,
                line,
                message: format!(
                    "{}; extension {which} may provide it (migrator does not know what it \
                     contains), otherwise applying the migration fails",
                    u.message
                ),
            });
        }
        return Ok(());
    }
    for u in &mut found {
        u.message
            .push_str(", and no declared extension provides it");
    }
    Err(error(found))
}

/// One error for all the unresolved names, the first (in file order) leading.
fn error(mut found: Vec<Unresolved>) -> LoadError {
    found.sort();
    let mut rest = String::new();
    for u in &found[1..] {
        rest.push_str("\nerror: ");
        if let Some(s) = &u.site {
            rest.push_str(&format!("{}:{}: ", s.file, s.line));
        }
        rest.push_str(&u.message);
    }
    let first = found.swap_remove(0);
    match first.site {
        Some(s) => LoadError::Sql {
            file: s.file,
            line: s.line,
            message: first.message + &rest,
        },
        None => LoadError::Other(first.message + &rest),
    }
}

/// The declared extensions [`known::EXTENSIONS`] does not list, sorted.
fn unknown_extensions(schema: &Schema) -> Vec<String> {
    schema
        .extensions
        .keys()
        .filter(|e| e.as_str() != "plpgsql")
        .filter(|e| !known::EXTENSIONS.iter().any(|p| p.extension == e.as_str()))
        .cloned()
        .collect()
}

/// Every type and relation `schema` uses that nothing defines, each reported once.
fn unresolved(
    schema: &Schema,
    skipped: &std::collections::HashSet<QualifiedName>,
    uses: &Uses,
    managed: &Filter,
) -> Vec<Unresolved> {
    let relations = defined_relations(schema, skipped);
    let types = defined_types(schema, &relations);
    let provided = Provided::by(schema);
    let mut out = first_unresolved(
        type_uses(schema),
        |q| {
            types.contains(q)
                || is_builtin_type(q)
                || provided.ty(&q.name)
                || managed.leaves_out(TYPE_KINDS, q)
        },
        &uses.types,
        |q, used_by| {
            format!(
                "type {} ({used_by}) is not built in and not defined in these files",
                display(q)
            )
        },
    );
    out.extend(first_unresolved(
        relation_uses(schema),
        |q| {
            relations.contains(q)
                || is_catalog_relation(q)
                || provided.relation(&q.name)
                || managed.leaves_out(RELATION_KINDS, q)
        },
        &uses.relations,
        |q, used_by| {
            format!(
                "{used_by} references {}, which is not defined in these files",
                display(q)
            )
        },
    ));
    out
}

/// The names among `used` (each with what uses it) that nothing provides (`provided` is
/// false), each once, at the first use, placed where `sites` says the files name it.
fn first_unresolved(
    used: Vec<(&QualifiedName, String)>,
    provided: impl Fn(&QualifiedName) -> bool,
    sites: &HashMap<QualifiedName, Site>,
    message: impl Fn(&QualifiedName, &str) -> String,
) -> Vec<Unresolved> {
    let mut seen: BTreeSet<&QualifiedName> = BTreeSet::new();
    let mut out = Vec::new();
    for (q, used_by) in used {
        if !provided(q) && seen.insert(q) {
            out.push(Unresolved {
                site: sites.get(q).cloned(),
                message: message(q, &used_by),
            });
        }
    }
    out
}

/// The filter kinds a used type or relation may be (a view reads tables and views alike).
const TYPE_KINDS: &[&str] = &["type"];
const RELATION_KINDS: &[&str] = &["relation", "table", "view"];

fn display(q: &QualifiedName) -> String {
    format!("{}.{}", q.schema, q.name)
}

/// The names the declared extensions provide.
struct Provided {
    types: BTreeSet<&'static str>,
    relations: BTreeSet<&'static str>,
}

impl Provided {
    fn by(schema: &Schema) -> Provided {
        let mut p = Provided {
            types: BTreeSet::new(),
            relations: BTreeSet::new(),
        };
        for e in known::EXTENSIONS {
            if schema.extensions.contains_key(e.extension) {
                p.types.extend(e.types.iter().copied());
                p.relations.extend(e.relations.iter().copied());
                // A table's row type is a type too.
                p.types.extend(e.relations.iter().copied());
            }
        }
        p
    }

    // An extension installs into a schema of the user's choosing (`WITH SCHEMA`), so its
    // objects are matched by name alone.
    fn ty(&self, name: &str) -> bool {
        self.types.contains(name)
    }

    fn relation(&self, name: &str) -> bool {
        self.relations.contains(name)
    }
}

/// Relations the files define: tables, views, sequences, another dialect's relations.
fn defined_relations(
    schema: &Schema,
    skipped: &std::collections::HashSet<QualifiedName>,
) -> BTreeSet<QualifiedName> {
    let mut out: BTreeSet<QualifiedName> = schema.tables.keys().cloned().collect();
    out.extend(schema.views.keys().cloned());
    out.extend(schema.sequences.keys().cloned());
    out.extend(skipped.iter().cloned());
    // A dialect object is named `<kind>.<schema.name>`; the relations among them
    // (TimescaleDB's continuous aggregates, a plugin's) are named by the second part.
    for o in schema.dialect_objects.values() {
        if let Some((s, n)) = o.name.name.split_once('.') {
            out.insert(QualifiedName::new(s, n));
        }
    }
    out
}

/// Types the files define: enums, domains, composite types, range types and their
/// multirange types, base types, and row types of relations.
fn defined_types(schema: &Schema, relations: &BTreeSet<QualifiedName>) -> BTreeSet<QualifiedName> {
    let mut out: BTreeSet<QualifiedName> = schema.enums.keys().cloned().collect();
    out.extend(schema.domains.keys().cloned());
    out.extend(schema.composites.keys().cloned());
    for r in schema.ranges.values() {
        out.extend([r.name.clone(), r.multirange.clone()]);
    }
    out.extend(schema.base_types.keys().cloned());
    out.extend(relations.iter().cloned());
    out
}

/// The user types the schema's objects name, with what names them.
fn type_uses(schema: &Schema) -> Vec<(&QualifiedName, String)> {
    let mut out = Vec::new();
    for t in schema.tables.values() {
        for c in t.columns.iter() {
            if let Some(q) = &c.type_ref {
                out.push((q, format!("column {}.{}", t.name, c.name)));
            }
        }
    }
    for t in schema.composites.values() {
        for a in &t.attributes {
            if let Some(q) = &a.type_ref {
                out.push((q, format!("attribute {}.{}", t.name, a.name)));
            }
        }
    }
    for d in schema.domains.values() {
        if let Some(q) = &d.type_ref {
            out.push((q, format!("domain {}", d.name)));
        }
    }
    for r in schema.ranges.values() {
        if let Some(q) = &r.subtype_ref {
            out.push((q, format!("range type {}", r.name)));
        }
    }
    out
}

/// The relations foreign keys and views reference, with what references them.
fn relation_uses(schema: &Schema) -> Vec<(&QualifiedName, String)> {
    let mut out = Vec::new();
    for t in schema.tables.values() {
        for c in t.constraints.values() {
            if let ConstraintKind::ForeignKey { ref_table, .. } = &c.kind {
                out.push((ref_table, format!("foreign key {} on {}", c.name, t.name)));
            }
        }
    }
    for v in schema.views.values() {
        let what = if v.materialized {
            "materialized view"
        } else {
            "view"
        };
        for r in &v.depends_on {
            out.push((r, format!("{what} {}", v.name)));
        }
    }
    out
}

/// A built-in type that canonicalisation left as a user type (`xid`, `regrole`,
/// `information_schema.sql_identifier`).
fn is_builtin_type(q: &QualifiedName) -> bool {
    matches!(q.schema.as_str(), "pg_catalog" | "information_schema")
        || known::BUILTIN_TYPES.contains(&q.name.as_str())
}

/// A system relation: `pg_catalog`'s (which resolve unqualified) and `information_schema`'s.
fn is_catalog_relation(q: &QualifiedName) -> bool {
    matches!(q.schema.as_str(), "pg_catalog" | "information_schema")
        || known::CATALOG_RELATIONS.contains(&q.name.as_str())
}

#[cfg(test)]
mod tests;
