//! The canonical view query's unit tests: a file's spelling and the catalog's compare equal.
use super::*;

/// One table, `emp (id, dept, salary)`, and `dept (name)`, in `public`.
struct Emp;

impl Relations for Emp {
    fn resolve(&self, schema: &str, name: &str) -> QualifiedName {
        let schema = if schema.is_empty() { "public" } else { schema };
        QualifiedName::new(schema, name)
    }
    fn columns(&self, name: &QualifiedName) -> Option<Vec<String>> {
        let cols: &[&str] = match name.name.as_str() {
            "emp" => &["id", "dept", "salary"],
            "dept" => &["name"],
            _ => return None,
        };
        Some(cols.iter().map(|c| c.to_string()).collect())
    }
}

fn key(sql: &str) -> String {
    let parsed = pg_query::parse(sql, 0).unwrap();
    let stmt = parsed.protobuf.stmts[0].stmt.as_ref().unwrap();
    canonical_query(stmt, &Emp).unwrap().key
}

#[test]
fn file_and_catalog_spellings_of_a_view_compare_equal() {
    // Each pair: a file's spelling and `pg_get_viewdef`'s.
    let same = [
        (
            "SELECT e.id FROM emp e WHERE e.salary > (SELECT avg(e.salary) FROM emp e)",
            "SELECT e.id FROM public.emp e WHERE e.salary > (SELECT avg(e_1.salary) AS avg FROM public.emp e_1)",
        ),
        (
            "SELECT id FROM emp WHERE id IN (SELECT id FROM emp)",
            "SELECT emp.id FROM public.emp WHERE emp.id = ANY (SELECT emp_1.id FROM public.emp emp_1)",
        ),
        (
            "WITH d AS (SELECT dept, count(*) AS n FROM emp GROUP BY dept) SELECT * FROM d",
            "WITH d AS (SELECT emp.dept, count(*) AS n FROM public.emp GROUP BY emp.dept) SELECT d.dept, d.n FROM d",
        ),
        // A sub-query on a relation whose columns are unknown (a catalog view) reads its
        // columns from it when no relation around has them.
        (
            "SELECT id FROM emp WHERE dept = (SELECT rolname FROM pg_roles WHERE oid = 10)",
            "SELECT emp.id FROM public.emp WHERE emp.dept = (SELECT pg_roles.rolname FROM pg_roles WHERE pg_roles.oid = 10)",
        ),
        // An unnamed cast of a constant is named after its type, before the cast is
        // compared as absent.
        (
            "SELECT *, 'b'::e FROM emp",
            "SELECT emp.id, emp.dept, emp.salary, 'b'::public.e AS e FROM public.emp",
        ),
        // A number cast to its own type is folded into the constant, printed bare with the
        // cast's name.
        (
            "SELECT 1.5::numeric, 2::integer FROM emp",
            "SELECT 1.5 AS \"numeric\", 2 AS int4 FROM public.emp",
        ),
        (
            "SELECT rank() OVER (PARTITION BY dept ORDER BY salary) AS r FROM emp",
            "SELECT rank() OVER (PARTITION BY emp.dept ORDER BY emp.salary) AS r FROM public.emp",
        ),
        (
            "SELECT id FROM emp WHERE EXISTS (SELECT 1 FROM dept WHERE name = dept)",
            "SELECT emp.id FROM public.emp WHERE EXISTS (SELECT 1 FROM public.dept WHERE dept.name = emp.dept)",
        ),
        // A `WITH` query and a sub-query in `FROM` name their relations apart from
        // those of the level around them, which are named first.
        (
            "WITH c AS (SELECT id FROM emp) SELECT emp.id FROM emp JOIN c USING (id)",
            "WITH c AS (SELECT emp_1.id FROM public.emp emp_1) SELECT emp.id FROM (public.emp JOIN c USING (id))",
        ),
        (
            "SELECT s.id FROM (SELECT id FROM emp) s JOIN emp USING (id)",
            "SELECT s.id FROM ((SELECT emp_1.id FROM public.emp emp_1) s JOIN public.emp USING (id))",
        ),
        (
            "WITH RECURSIVE r (n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM r WHERE n < 9) SELECT n FROM r",
            "WITH RECURSIVE r(n) AS (VALUES (1) UNION ALL SELECT (r_1.n + 1) FROM r r_1 WHERE (r_1.n < 9)) SELECT r.n FROM r",
        ),
        // `ASC` is the default order; a bare relation name is its whole row.
        (
            "SELECT id, to_jsonb(e) AS j FROM emp e ORDER BY id ASC",
            "SELECT e.id, to_jsonb(e.*) AS j FROM public.emp e ORDER BY e.id",
        ),
        // A `USING` join's columns: once under `*`, qualified by the side they come
        // from, bare under a `FULL` join; `NATURAL` as `USING` its common columns.
        (
            "SELECT * FROM emp JOIN emp e USING (id) WHERE id > 0",
            "SELECT emp.id, emp.dept, emp.salary, e.dept, e.salary FROM (public.emp JOIN public.emp e USING (id)) WHERE (emp.id > 0)",
        ),
        (
            "SELECT id, e.dept FROM emp FULL JOIN emp e USING (id)",
            "SELECT id, e.dept FROM (public.emp FULL JOIN public.emp e USING (id))",
        ),
        (
            "SELECT id FROM emp e RIGHT JOIN emp f USING (id)",
            "SELECT f.id FROM (public.emp e RIGHT JOIN public.emp f USING (id))",
        ),
        (
            "SELECT * FROM emp NATURAL JOIN dept",
            "SELECT emp.id, emp.dept, emp.salary, dept.name FROM (public.emp CROSS JOIN public.dept)",
        ),
        (
            "SELECT * FROM emp e NATURAL JOIN emp f",
            "SELECT e.id, e.dept, e.salary FROM (public.emp e JOIN public.emp f USING (id, dept, salary))",
        ),
        // Positions and output names in `GROUP BY` and `ORDER BY` are their expressions;
        // a named argument and an XML function's arguments are qualified too.
        (
            "SELECT dept AS d, count(*) FROM emp GROUP BY 1 ORDER BY 2 DESC, d",
            "SELECT emp.dept AS d, count(*) AS count FROM public.emp GROUP BY emp.dept ORDER BY (count(*)) DESC, emp.dept",
        ),
        (
            "SELECT make_interval(days => salary), xmlelement(name x, dept) AS x FROM emp",
            "SELECT make_interval(days => emp.salary) AS make_interval, xmlelement(name x, emp.dept) AS x FROM public.emp",
        ),
        // `FOR UPDATE` locks every relation of its level.
        (
            "SELECT id FROM emp FOR UPDATE",
            "SELECT emp.id FROM public.emp FOR UPDATE OF emp",
        ),
        // Without `RECURSIVE`, a `WITH` query's own name in it is the relation it hides.
        (
            "WITH emp AS (SELECT id FROM emp) SELECT emp.id FROM emp",
            "WITH emp AS (SELECT emp_1.id FROM public.emp emp_1) SELECT emp.id FROM emp",
        ),
    ];
    for (file, catalog) in same {
        assert_eq!(key(file), key(catalog), "{file}");
    }
    assert_ne!(
        key("SELECT e.id FROM emp e WHERE e.salary > (SELECT avg(salary) FROM emp x)"),
        key("SELECT e.id FROM emp e WHERE e.salary > (SELECT avg(e.salary) FROM emp x)"),
    );
}

#[test]
fn a_sampled_relation_is_in_scope_as_itself() {
    assert_eq!(
        key("SELECT * FROM emp TABLESAMPLE SYSTEM (10) REPEATABLE (1) WHERE salary > 0"),
        key("SELECT emp.id, emp.dept, emp.salary FROM public.emp TABLESAMPLE system(10) REPEATABLE (1) WHERE emp.salary > 0")
    );
}
