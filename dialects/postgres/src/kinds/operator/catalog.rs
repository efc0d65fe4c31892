//! Reading this kind from the live catalog: each `pg_operator` row printed as a
//! `CREATE OPERATOR` statement with every name qualified and only the options that differ
//! from PostgreSQL's defaults, then parsed like a file's statement
//! ([`crate::kinds::operator::define::operator`]), with the defaults, CHECKs and policies
//! that use it (`pg_depend`, [`super::dependents`]).

use crate::define::read_defined;
use crate::introspect::{not_extension_member, Catalog, CatalogKind, RowExt, Scope};
use migrator_core::dialect::LoadError;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 1);

/// Prints every user operator as the `CREATE OPERATOR` that [`crate::kinds::operator::define::operator`]
/// reads (shell operators, which have no function yet, are left out).
fn query(s: &Scope) -> String {
    let member = not_extension_member("pg_operator", "o.oid");
    let f = |col: &str, up: &str| {
        format!(
            "(SELECT ', {up} = ' || quote_ident(fn.nspname) || '.' || quote_ident(fp.proname) \
               FROM pg_proc fp JOIN pg_namespace fn ON fn.oid = fp.pronamespace \
               WHERE fp.oid = o.{col})"
        )
    };
    let op = |col: &str, up: &str| {
        format!(
            "(SELECT ', {up} = OPERATOR(' || quote_ident(cn.nspname) || '.' || c.oprname || ')' \
               FROM pg_operator c JOIN pg_namespace cn ON cn.oid = c.oprnamespace \
               WHERE c.oid = o.{col})"
        )
    };
    format!(
        "SELECT 'CREATE OPERATOR ' || quote_ident(n.nspname) || '.' || o.oprname || ' (' \
                || substr(concat( \
                   CASE WHEN o.oprleft <> 0 THEN ', LEFTARG = ' || format_type(o.oprleft, NULL) END, \
                   ', RIGHTARG = ' || format_type(o.oprright, NULL), \
                   {function}, {commutator}, {negator}, {restrict}, {join}, \
                   CASE WHEN o.oprcanhash THEN ', HASHES' END, \
                   CASE WHEN o.oprcanmerge THEN ', MERGES' END), 3) || ')' AS definition, \
                obj_description(o.oid, 'pg_operator') AS comment, \
                n.nspname, o.oprname::text AS oprname, {dependents} AS dependents \
         FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace \
         WHERE o.oprcode <> 0 AND {ns} AND {member} ORDER BY o.oid",
        ns = s.ns,
        function = f("oprcode", "FUNCTION"),
        commutator = op("oprcom", "COMMUTATOR"),
        negator = op("oprnegate", "NEGATOR"),
        restrict = f("oprrest", "RESTRICT"),
        join = f("oprjoin", "JOIN"),
        dependents = super::dependents::DEPENDENTS,
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in &rows {
        let name = row.qualified("oprname")?;
        super::dependents::record(cx, &name, row.col("dependents")?)?;
    }
    let build = crate::kinds::operator::define::operator;
    read_defined(rows, build, |x| &x.id, &mut cx.schema.operators)
}
