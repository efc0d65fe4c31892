//! Typed tables (`CREATE TABLE … OF type`) in SQL files: the columns are the composite
//! type's attributes as PostgreSQL copies them (name, type, collation, in order), with the
//! statement's `col WITH OPTIONS …` applied, so the table compares equal to the catalog's.
//! `ALTER TABLE … OF type` / `NOT OF`, and `ALTER TYPE … ATTRIBUTE … CASCADE` reaching the
//! typed tables of the type (without `CASCADE` PostgreSQL refuses it, and so does this).

use crate::load::{AlterCmd, Loader, Lookup, R};
use crate::normalize::strings;
use migrator_core::kinds::typed_columns;
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N, AlterTableType as At, DropBehavior};

impl Loader {
    /// The composite type a `TypeName` names, resolved along the search path.
    fn composite_named(&self, ty: &pb::TypeName) -> R<QualifiedName> {
        let names = strings(&ty.names);
        let (schema, name) = match names.as_slice() {
            [name] => ("", name.as_str()),
            [schema, name] => (schema.as_str(), name.as_str()),
            _ => return Err(format!("improper type name {}", names.join("."))),
        };
        let q = self.resolve(schema, name, |q| self.schema.composites.contains_key(q));
        self.schema.composites.existing(&q, "composite type")?;
        Ok(q)
    }

    /// `CREATE TABLE t OF ty`: `table` takes the type's attributes as its columns.
    pub(crate) fn typed_table(&mut self, table: &mut Table, ty: &pb::TypeName) -> R<()> {
        let q = self.composite_named(ty)?;
        table.columns = typed_columns(&self.schema.composites[&q]).into();
        table.of_type = Some(q);
        Ok(())
    }

    /// `ALTER TABLE … OF ty` (the table's columns must be the type's attributes exactly, in
    /// order, as PostgreSQL checks) / `NOT OF`.
    pub(crate) fn set_of_type(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let table = self.schema.tables.existing(a.table, "table")?;
        if a.sub == At::AtDropOf {
            if table.of_type.is_none() {
                return Err(format!("{} is not a typed table", a.table));
            }
            self.altered_table(a)?.of_type = None;
            return Ok(());
        }
        let Some(N::TypeName(ty)) = a.def else {
            return Err("OF without a type".into());
        };
        let q = self.composite_named(ty)?;
        let wanted = typed_columns(&self.schema.composites[&q]);
        if table.partition_of.is_some() || !table.inherits.is_empty() {
            return Err(format!(
                "typed tables cannot inherit ({} is a partition or a child)",
                a.table
            ));
        }
        for (i, w) in wanted.iter().enumerate() {
            match table.columns.get(i) {
                None => return Err(format!("table is missing column {}", w.name)),
                Some(c) if c.name != w.name => {
                    return Err(format!(
                        "table has column {} where type requires {}",
                        c.name, w.name
                    ))
                }
                Some(c) if c.data_type != w.data_type || c.collation != w.collation => {
                    return Err(format!(
                        "table {} has type {} for column {}, but type {q} requires {}",
                        a.table, c.data_type, c.name, w.data_type
                    ))
                }
                Some(_) => {}
            }
        }
        if let Some(extra) = table.columns.get(wanted.len()) {
            return Err(format!("table has extra column {}", extra.name));
        }
        self.schema.tables.existing_mut(a.table, "table")?.of_type = Some(q);
        Ok(())
    }

    /// One sub-command of `ALTER TYPE ty … ATTRIBUTE` reaching the typed tables of `ty`, as
    /// the same sub-command of `ALTER TABLE` on each: with `CASCADE`, as PostgreSQL does;
    /// without it, PostgreSQL's refusal.
    pub(crate) fn alter_typed_tables(
        &mut self,
        ty: &QualifiedName,
        cmd: &pb::AlterTableCmd,
    ) -> R<()> {
        let typed: Vec<QualifiedName> = self
            .schema
            .tables
            .values()
            .filter(|t| t.of_type.as_ref() == Some(ty))
            .map(|t| t.name.clone())
            .collect();
        let sub = At::try_from(cmd.subtype).unwrap_or(At::Undefined);
        let alter: fn(&mut Loader, &AlterCmd<'_>) -> R<()> = match sub {
            At::AtAddColumn => Loader::add_column,
            At::AtDropColumn => Loader::drop_column,
            At::AtAlterColumnType => Loader::alter_column_type,
            _ => return Ok(()),
        };
        if typed.is_empty() {
            return Ok(());
        }
        if cmd.behavior != DropBehavior::DropCascade as i32 {
            return Err(format!(
                "cannot alter type {ty} because it is the type of a typed table ({}): \
                 use ALTER … CASCADE to alter the typed tables too",
                typed[0]
            ));
        }
        for table in &typed {
            // The table's own column handlers refuse a typed table: it is untyped while
            // they apply the type's change.
            self.schema.tables.existing_mut(table, "table")?.of_type = None;
            let done = alter(self, &AlterCmd::new(table, cmd, sub));
            self.schema.tables.existing_mut(table, "table")?.of_type = Some(ty.clone());
            done?;
            self.sync_children(table);
        }
        Ok(())
    }

    /// `DROP TYPE ty`: PostgreSQL refuses it while a typed table uses the type; with
    /// `CASCADE` it drops those tables, which is not supported yet.
    pub(crate) fn refuse_typed_tables_drop(&self, ty: &QualifiedName, cascade: bool) -> R<()> {
        let Some(t) = self
            .schema
            .tables
            .values()
            .find(|t| t.of_type.as_ref() == Some(ty))
        else {
            return Ok(());
        };
        if cascade {
            return Err(format!(
                "DROP TYPE {ty} CASCADE, which drops the typed table {}, is not supported \
                 yet: drop the table first",
                t.name
            ));
        }
        Err(format!(
            "cannot drop type {ty} because table {} is typed by it",
            t.name
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::load::Loader;
    use migrator_core::schema::QualifiedName;

    fn loaded(sql: &str) -> Loader {
        Loader::loaded(sql)
    }

    fn error(sql: &str) -> String {
        Loader::load_error(sql)
    }

    fn q(name: &str) -> QualifiedName {
        QualifiedName::new("public", name)
    }

    const TYPE: &str = "CREATE TYPE pair AS (a integer, b text COLLATE \"C\");\n";

    #[test]
    fn a_typed_table_takes_the_attributes_with_its_own_options() {
        let l = loaded(&format!(
            "{TYPE}CREATE TABLE t OF pair (a WITH OPTIONS PRIMARY KEY, b WITH OPTIONS DEFAULT 'x' NOT NULL);\n\
             ALTER TYPE pair ADD ATTRIBUTE c bigint CASCADE;\n"
        ));
        let t = &l.schema.tables[&q("t")];
        assert_eq!(t.of_type, Some(q("pair")));
        let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "c"]);
        let b = t.column("b").unwrap();
        assert!(b.not_null && b.default.is_some());
        assert_eq!(b.collation.as_deref(), Some("C"));
        assert!(t.column("a").unwrap().not_null);
        assert!(t.constraints.contains_key("t_pkey"));
    }

    #[test]
    fn of_and_not_of_need_the_types_columns_exactly() {
        let l = loaded(&format!(
            "{TYPE}CREATE TABLE t (a integer, b text COLLATE \"C\");\nALTER TABLE t OF pair;\n\
             CREATE TABLE u OF pair;\nALTER TABLE u NOT OF;\n"
        ));
        assert_eq!(l.schema.tables[&q("t")].of_type, Some(q("pair")));
        assert_eq!(l.schema.tables[&q("u")].of_type, None);
        let e = error(&format!(
            "{TYPE}CREATE TABLE t (b text COLLATE \"C\", a integer);\nALTER TABLE t OF pair;\n"
        ));
        assert!(e.contains("where type requires a"), "{e}");
    }

    #[test]
    fn the_columns_of_a_typed_table_change_only_through_its_type() {
        let base = format!("{TYPE}CREATE TABLE t OF pair;\n");
        for (sql, wanted) in [
            (
                "ALTER TABLE t ADD COLUMN x int;",
                "cannot add column to typed table",
            ),
            (
                "ALTER TABLE t DROP COLUMN a;",
                "cannot drop column from typed table",
            ),
            (
                "ALTER TABLE t ALTER COLUMN a TYPE bigint;",
                "cannot alter column type of",
            ),
            (
                "ALTER TABLE t RENAME COLUMN a TO z;",
                "cannot rename column of",
            ),
            (
                "ALTER TYPE pair ADD ATTRIBUTE x int;",
                "use ALTER … CASCADE",
            ),
            ("DROP TYPE pair;", "because table public.t is typed by it"),
            ("DROP TYPE pair CASCADE;", "is not supported yet"),
            ("CREATE TABLE u OF nothing;", "does not exist"),
        ] {
            let e = error(&format!("{base}{sql}\n"));
            assert!(e.contains(wanted), "{sql}: {e}");
        }
    }
}
