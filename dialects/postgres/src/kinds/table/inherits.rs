//! Parents of a table as PostgreSQL lays them out, and what `INHERIT` cannot do.
//!
//! `CREATE TABLE c (…) INHERITS (p1, p2)` puts the parents' columns first, in the
//! parents' order, then the columns only `c` declares; `ALTER TABLE c INHERIT p2` moves no
//! column and leaves every column `c` has as its own (`attislocal`). A table whose file
//! names a parent through `INHERIT` after its `CREATE TABLE` (or whose catalog says it got
//! one that way) is created the same way: with the parents that lay its columns out as
//! it has them ([`created_parents`]), and `INHERIT` for the rest.
//!
//! No `ALTER TABLE` makes a column of an existing table inherited-only again: a table that
//! gains a parent keeps the parent's columns as its own, so a file that lets such a
//! column come from the new parent alone is refused ([`inherit_refusal`]).

use migrator_core::kinds::{SetInherits, Table};
use migrator_core::schema::{QualifiedName, Schema};

/// How many of `t`'s parents, from the first, its `CREATE TABLE … INHERITS` names: the
/// most that lay its columns out in its order, each inherited-only column coming from
/// one of them. All of them when no count does (a column a parent gained after the child
/// comes last in the child).
pub(crate) fn created_parents(t: &Table, schema: &Schema) -> usize {
    let wanted: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    (0..=t.inherits.len())
        .rev()
        .find(|&k| layout(t, &t.inherits[..k], schema).is_some_and(|l| l == wanted))
        .unwrap_or(t.inherits.len())
}

/// The columns of `t` in the order `CREATE TABLE t (…) INHERITS (parents)` gives them,
/// or `None` if a column `t` only inherits comes from none of `parents`.
fn layout<'a>(t: &'a Table, parents: &[QualifiedName], schema: &'a Schema) -> Option<Vec<&'a str>> {
    let mut out: Vec<&str> = Vec::new();
    for p in parents {
        for c in schema.tables.get(p)?.columns.iter() {
            if !out.contains(&c.name.as_str()) {
                out.push(&c.name);
            }
        }
    }
    for c in t.columns.iter() {
        if !out.contains(&c.name.as_str()) {
            if c.inherited {
                return None;
            }
            out.push(&c.name);
        }
    }
    Some(out)
}

/// Why `INHERIT` of the parents `c` adds cannot give its table what `to` says, if it cannot: a column the
/// table only inherits, from a parent it gains alone, which the table has already (or is
/// given before the link, because the parent has it). PostgreSQL keeps that column the
/// table's own.
pub(crate) fn inherit_refusal(c: &SetInherits, from: &Schema, to: &Schema) -> Option<String> {
    let table = to.tables.get(&c.table)?;
    let before = from.tables.get(&c.table);
    let kept: Vec<&QualifiedName> = table
        .inherits
        .iter()
        .filter(|p| before.is_some_and(|b| b.inherits.contains(p)))
        .collect();
    let provides = |p: &QualifiedName, column: &str| {
        to.tables.get(p).is_some_and(|t| t.column(column).is_some())
    };
    for added in c.to.iter().filter(|p| !c.from.contains(p)) {
        let parent = to.tables.get(added)?;
        for pc in parent.columns.iter() {
            let inherited_only = table.column(&pc.name).is_some_and(|col| col.inherited);
            if !inherited_only || kept.iter().any(|k| provides(k, &pc.name)) {
                continue;
            }
            let had = before.is_some_and(|t| t.column(&pc.name).is_some());
            // A column the parent gains in the same migration reaches the table through
            // the new link, inherited only.
            let parent_had = from
                .tables
                .get(added)
                .is_none_or(|p| p.column(&pc.name).is_some());
            if had || parent_had {
                return Some(format!(
                    "ALTER TABLE {} INHERIT {}: column {} would stay the table's own \
                     (PostgreSQL keeps the columns a table has when it gains a parent), while \
                     the schema has it inherited only; declare the column in the table's \
                     CREATE TABLE",
                    c.table, added, pc.name
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use migrator_core::schema::Column;
    use std::sync::Arc;

    fn table(name: &str, columns: &[(&str, bool)], inherits: &[&str]) -> Table {
        let mut t = Table::new(QualifiedName::new("public", name));
        t.columns = Arc::new(
            columns
                .iter()
                .map(|(c, inherited)| Column {
                    inherited: *inherited,
                    ..Column::new(*c, "integer")
                })
                .collect(),
        );
        t.inherits = inherits
            .iter()
            .map(|p| QualifiedName::new("public", *p))
            .collect();
        t
    }

    fn schema(tables: Vec<Table>) -> Schema {
        let mut s = Schema::default();
        for t in tables {
            s.tables.insert(t.name.clone(), t);
        }
        s
    }

    fn parents() -> Vec<Table> {
        vec![
            table("p1", &[("a", false), ("shared", false)], &[]),
            table("p2", &[("b", false), ("shared", false)], &[]),
        ]
    }

    #[test]
    fn a_parent_linked_after_the_create_is_linked_after_it_again() {
        let mut tables = parents();
        // `CREATE TABLE c (x, b) INHERITS (p1); ALTER TABLE c INHERIT p2`.
        let c = table(
            "c",
            &[("a", true), ("shared", true), ("x", false), ("b", false)],
            &["p1", "p2"],
        );
        tables.push(c.clone());
        assert_eq!(created_parents(&c, &schema(tables.clone())), 1);
        // `CREATE TABLE c (x) INHERITS (p1, p2)`.
        let both = table(
            "c",
            &[("a", true), ("shared", true), ("b", true), ("x", false)],
            &["p1", "p2"],
        );
        assert_eq!(created_parents(&both, &schema(tables.clone())), 2);
        // A column a parent gained later comes last: no count lays that out.
        let late = table(
            "c",
            &[("b", true), ("shared", true), ("x", false), ("late", true)],
            &["p2"],
        );
        assert_eq!(created_parents(&late, &schema(tables)), 1);
    }

    #[test]
    fn a_column_only_a_new_parent_gives_is_refused() {
        let change = |from: &[&str], to: &[&str]| SetInherits {
            table: QualifiedName::new("public", "c"),
            from: from
                .iter()
                .map(|p| QualifiedName::new("public", *p))
                .collect(),
            to: to
                .iter()
                .map(|p| QualifiedName::new("public", *p))
                .collect(),
        };
        let before = table("c", &[("a", true), ("shared", true), ("x", false)], &["p1"]);
        let mut current = parents();
        current.push(before);
        let after = |b_inherited: bool| {
            let mut tables = parents();
            tables.push(table(
                "c",
                &[
                    ("a", true),
                    ("shared", true),
                    ("b", b_inherited),
                    ("x", false),
                ],
                &["p1", "p2"],
            ));
            schema(tables)
        };
        // The change names the parents added (or removed) alone.
        let c = change(&[], &["p2"]);
        let refusal = inherit_refusal(&c, &schema(current.clone()), &after(true)).unwrap();
        assert!(refusal.contains("column b"), "{refusal}");
        // Declared in the table: its own, as INHERIT leaves it.
        assert_eq!(
            inherit_refusal(&c, &schema(current.clone()), &after(false)),
            None
        );
        // A column the parent gains with the link reaches the table inherited.
        let mut without_b = current.clone();
        without_b[1] = table("p2", &[("shared", false)], &[]);
        assert_eq!(inherit_refusal(&c, &schema(without_b), &after(true)), None);
    }
}
