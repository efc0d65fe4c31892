//! Loading this kind from parsed SQL statements.
//!
//! `CREATE STATISTICS [IF NOT EXISTS] name [(kinds)] ON col, (expr), … FROM table`, stored
//! as PostgreSQL stores it: plain columns as a set (a column written `(col)` is a plain
//! column), expressions in order, and the kinds left out when they are all of those the
//! statement allows (as `pg_get_statisticsobjdef` prints them). `ALTER STATISTICS … SET
//! STATISTICS n`, `… RENAME TO`, `DROP STATISTICS` and `COMMENT ON STATISTICS`. A
//! column dropped takes the statistics objects that use it (as PostgreSQL does: the
//! column's loader calls [`Loader::drop_statistics_using`]).

use crate::define::arg_names;
use crate::load::{does_not_exist, drop_and_comment, Loader, R};
use crate::normalize::{const_text, strings};
use migrator_core::schema::{QualifiedName, Statistics};
use pg_query::protobuf::{self as pb, node::Node as N};

/// The kinds `CREATE STATISTICS` takes, in the order PostgreSQL prints them.
const KINDS: [&str; 3] = ["ndistinct", "dependencies", "mcv"];

impl Loader {
    /// `CREATE STATISTICS`.
    pub(crate) fn create_statistics(&mut self, s: &pb::CreateStatsStmt) -> R<()> {
        let names = strings(&s.defnames);
        if names.is_empty() {
            return Err("CREATE STATISTICS without a name is not supported yet".into());
        }
        let name = self.qualified(&names, |_| false)?;
        let [relation] = s.relations.as_slice() else {
            return Err(format!(
                "statistics {name}: only a single relation is allowed in CREATE STATISTICS"
            ));
        };
        let Some(N::RangeVar(rv)) = &relation.node else {
            return Err(format!("statistics {name}: only a table is supported yet"));
        };
        let table = self.relation_name(rv);
        if self.skipped_relations.contains(&table) {
            return Ok(());
        }
        if !self.schema.tables.contains_key(&table) {
            if self.schema.views.contains_key(&table) {
                return Err(format!(
                    "statistics {name}: statistics on a materialized view are not supported yet"
                ));
            }
            return Err(does_not_exist("table", &table));
        }
        if self.schema.statistics.contains_key(&name) {
            if s.if_not_exists {
                return Ok(());
            }
            return Err(format!("statistics object {name} already exists"));
        }
        let mut stats = Statistics {
            name: name.clone(),
            table,
            kinds: kinds(&name, &s.stat_types)?,
            columns: Vec::new(),
            expressions: Vec::new(),
            target: None,
            comment: None,
        };
        for e in &s.exprs {
            let Some(N::StatsElem(e)) = &e.node else {
                continue;
            };
            self.statistics_item(&mut stats, e)?;
        }
        let (columns, expressions) = (stats.columns.len(), stats.expressions.len());
        if expressions == 0 && columns < 2 {
            return Err(format!(
                "statistics {name}: extended statistics require at least 2 columns"
            ));
        }
        if columns == 0 && expressions == 1 {
            if !s.stat_types.is_empty() {
                return Err(format!(
                    "statistics {name}: when building statistics on a single expression, \
                     statistics kinds may not be specified"
                ));
            }
            stats.kinds.clear();
        }
        stats.columns.sort();
        self.schema.statistics.insert(name, stats);
        Ok(())
    }

    /// One item of `ON …`: a plain column (written bare or in parentheses), or an
    /// expression; each at most once.
    fn statistics_item(&self, stats: &mut Statistics, e: &pb::StatsElem) -> R<()> {
        let name = &stats.name;
        let column = match e.expr.as_deref().and_then(|x| x.node.as_ref()) {
            _ if !e.name.is_empty() => Some(e.name.clone()),
            Some(N::ColumnRef(c)) => match strings(&c.fields).as_slice() {
                [column] => Some(column.clone()),
                _ => None,
            },
            _ => None,
        };
        if let Some(column) = column {
            self.column(&stats.table, &column)?;
            if stats.columns.contains(&column) {
                return Err(format!(
                    "statistics {name}: duplicate column name in statistics definition"
                ));
            }
            stats.columns.push(column);
            return Ok(());
        }
        let node = e
            .expr
            .as_deref()
            .ok_or("a statistics item without an expression")?;
        let expr = self.expr(node)?;
        if stats.expressions.contains(&expr) {
            return Err(format!(
                "statistics {name}: duplicate expression in statistics definition"
            ));
        }
        stats.expressions.push(expr);
        Ok(())
    }

    /// `ALTER STATISTICS [IF EXISTS] name SET STATISTICS n | DEFAULT` (`-1` is the default).
    pub(crate) fn alter_statistics(&mut self, s: &pb::AlterStatsStmt) -> R<()> {
        let names = strings(&s.defnames);
        let q = self.qualified(&names, |q| self.schema.statistics.contains_key(q))?;
        let Some(stats) = self.schema.statistics.get_mut(&q) else {
            if s.missing_ok {
                return Ok(());
            }
            return Err(does_not_exist("statistics object", &q));
        };
        // `SET STATISTICS DEFAULT` has no target: -1.
        let text = s.stxstattarget.as_deref().map_or("-1".into(), const_text);
        stats.target = crate::kinds::column::load::statistics_target(Some(text))?;
        Ok(())
    }

    /// `ALTER STATISTICS … RENAME TO`.
    pub(crate) fn rename_statistics(&mut self, s: &pb::RenameStmt) -> R<()> {
        let names = arg_names(s.object.as_deref());
        let from = self.qualified(&names, |q| self.schema.statistics.contains_key(q))?;
        let Some(mut stats) = self.schema.statistics.remove(&from) else {
            return Err(does_not_exist("statistics object", &from));
        };
        let to = QualifiedName::new(from.schema.clone(), s.newname.clone());
        if self.schema.statistics.contains_key(&to) {
            return Err(format!("statistics object {to} already exists"));
        }
        stats.name = to.clone();
        self.schema.statistics.insert(to, stats);
        Ok(())
    }

    /// The statistics objects of `table` that use its column `column` go with it.
    pub(crate) fn drop_statistics_using(&mut self, table: &QualifiedName, column: &str) {
        self.schema
            .statistics
            .retain(|_, s| !(s.table == *table && s.reads().any(|c| c == column)));
    }
}

/// The kinds asked for, in PostgreSQL's order; none when all of them are.
fn kinds(name: &QualifiedName, types: &[pb::Node]) -> R<Vec<String>> {
    let asked = strings(types);
    if let Some(other) = asked.iter().find(|k| !KINDS.contains(&k.as_str())) {
        return Err(format!(
            "statistics {name}: unrecognized statistics kind \"{other}\""
        ));
    }
    let kinds: Vec<String> = KINDS
        .iter()
        .filter(|k| asked.iter().any(|a| a == *k))
        .map(|k| k.to_string())
        .collect();
    Ok(if kinds.len() == KINDS.len() {
        Vec::new()
    } else {
        kinds
    })
}

drop_and_comment! {
    drop_statistics, comment_statistics: statistics, "statistics object",
    key |l, object, names| l.qualified(names, |q| l.schema.statistics.contains_key(q)),
}

statement_hook! {
    CreateStatsStmt => create_statistics,
    AlterStatsStmt => alter_statistics,
}

#[cfg(test)]
mod tests {
    use crate::load::Loader;
    use migrator_core::schema::{QualifiedName, Statistics};

    fn load(sql: &str) -> Result<Loader, String> {
        let mut l = Loader::default();
        let tables = "CREATE TABLE t (a int, b int, c text);\n";
        l.load_text("f.sql", &format!("{tables}{sql}"))
            .map_err(|e| e.to_string())?;
        Ok(l)
    }

    fn stats(l: &Loader, name: &str) -> Statistics {
        l.schema.statistics[&QualifiedName::new("public", name)].clone()
    }

    #[test]
    fn the_file_and_the_catalog_spell_the_same_object_alike() {
        let l = load(
            "CREATE STATISTICS s1 (mcv, dependencies, ndistinct) ON b, (a) FROM t;\n\
             CREATE STATISTICS s2 (dependencies, mcv) ON (a+b), lower(c), a FROM t;\n\
             CREATE STATISTICS s3 ON (a + b) FROM t;\n\
             CREATE STATISTICS public.c1 ON a, b FROM public.t;\n\
             CREATE STATISTICS public.c2 (dependencies, mcv) ON a, (a + b), lower(c) FROM public.t;\n\
             CREATE STATISTICS public.c3 ON (a + b) FROM public.t;\n\
             ALTER STATISTICS s1 SET STATISTICS 50;\n\
             ALTER STATISTICS c1 SET STATISTICS 50;",
        )
        .unwrap();
        for (file, catalog) in [("s1", "c1"), ("s2", "c2"), ("s3", "c3")] {
            let (f, c) = (stats(&l, file), stats(&l, catalog));
            assert_eq!(
                Statistics {
                    name: c.name.clone(),
                    ..f
                },
                c
            );
        }
        let s1 = stats(&l, "s1");
        assert!(s1.kinds.is_empty());
        assert_eq!(s1.columns, ["a", "b"]);
        assert_eq!(s1.target, Some(50));
        assert_eq!(stats(&l, "s2").kinds, ["dependencies", "mcv"]);
    }

    #[test]
    fn a_dropped_column_or_table_takes_its_statistics() {
        let l = load(
            "CREATE STATISTICS s1 ON a, b FROM t;\n\
             CREATE STATISTICS s2 ON a, (c || 'x') FROM t;\n\
             CREATE STATISTICS s3 ON a, b FROM t;\n\
             COMMENT ON STATISTICS s3 IS 'three';\n\
             ALTER STATISTICS s3 RENAME TO s4;\n\
             ALTER TABLE t DROP COLUMN c;",
        )
        .unwrap();
        let names: Vec<&str> = l
            .schema
            .statistics
            .keys()
            .map(|q| q.name.as_str())
            .collect();
        assert_eq!(names, ["s1", "s4"]);
        assert_eq!(stats(&l, "s4").comment.as_deref(), Some("three"));
        let l = load("CREATE STATISTICS s1 ON a, b FROM t;\nDROP TABLE t;").unwrap();
        assert!(l.schema.statistics.is_empty());
    }

    #[test]
    fn what_postgresql_refuses_is_an_error() {
        for (sql, message) in [
            (
                "CREATE STATISTICS s ON a FROM t;",
                "require at least 2 columns",
            ),
            (
                "CREATE STATISTICS s (mcv) ON (a + b) FROM t;",
                "single expression",
            ),
            (
                "CREATE STATISTICS s (foo) ON a, b FROM t;",
                "unrecognized statistics kind",
            ),
            ("CREATE STATISTICS s ON a, z FROM t;", "z"),
            (
                "CREATE STATISTICS s ON a, b FROM t;\nCREATE STATISTICS s ON a, c FROM t;",
                "already exists",
            ),
        ] {
            let err = load(sql).err().unwrap();
            assert!(err.contains(message), "{sql}: {err}");
        }
    }
}
