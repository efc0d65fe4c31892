//! Reading this kind from the live catalog: each `pg_aggregate` row printed as a
//! `CREATE AGGREGATE` statement with every name qualified and only the options that differ
//! from PostgreSQL's defaults, then parsed like a file's statement
//! ([`crate::kinds::aggregate::define::aggregate`]).
//!
//! `pg_get_function_arguments` prints an ordered-set aggregate's arguments as
//! `direct ORDER BY aggregated`; `aggkind` `h` is `HYPOTHETICAL`. The `FINALFUNC_MODIFY`
//! options are always printed: their default depends on the kind, which the definition
//! reader knows.

use crate::define::read_defined;
use crate::introspect::{Catalog, CatalogKind, Scope};
use migrator_core::dialect::LoadError;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 1);

/// Prints every user aggregate as the `CREATE AGGREGATE` that
/// [`crate::kinds::aggregate::define::aggregate`] reads: names qualified, default options
/// left out (but for `FINALFUNC_MODIFY`, whose default depends on the kind).
fn query(s: &Scope) -> String {
    let f = |col: &str| {
        format!(
            "(SELECT ', {up} = ' || quote_ident(fn.nspname) || '.' || quote_ident(fp.proname) \
               FROM pg_proc fp JOIN pg_namespace fn ON fn.oid = fp.pronamespace \
               WHERE fp.oid = a.{col})",
            up = match col {
                "aggtransfn" => "SFUNC",
                "aggfinalfn" => "FINALFUNC",
                "aggcombinefn" => "COMBINEFUNC",
                "aggserialfn" => "SERIALFUNC",
                "aggdeserialfn" => "DESERIALFUNC",
                "aggmtransfn" => "MSFUNC",
                "aggminvtransfn" => "MINVFUNC",
                _ => "MFINALFUNC",
            }
        )
    };
    format!(
        "SELECT 'CREATE AGGREGATE ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname) \
                || '(' || CASE WHEN p.pronargs = 0 THEN '*' \
                               ELSE pg_get_function_arguments(p.oid) END || ') (' \
                || substr(concat({sfunc}, ', STYPE = ' || format_type(a.aggtranstype, NULL), \
                   CASE WHEN a.aggtransspace <> 0 THEN ', SSPACE = ' || a.aggtransspace END, \
                   {finalfunc}, CASE WHEN a.aggfinalextra THEN ', FINALFUNC_EXTRA' END, \
                   CASE a.aggfinalmodify WHEN 's' THEN ', FINALFUNC_MODIFY = SHAREABLE' \
                        WHEN 'w' THEN ', FINALFUNC_MODIFY = READ_WRITE' \
                        WHEN 'r' THEN ', FINALFUNC_MODIFY = READ_ONLY' END, \
                   {combinefunc}, {serialfunc}, {deserialfunc}, \
                   ', INITCOND = ' || quote_literal(a.agginitval), \
                   {msfunc}, {minvfunc}, \
                   CASE WHEN a.aggmtranstype <> 0 THEN ', MSTYPE = ' || format_type(a.aggmtranstype, NULL) END, \
                   CASE WHEN a.aggmtransspace <> 0 THEN ', MSSPACE = ' || a.aggmtransspace END, \
                   {mfinalfunc}, CASE WHEN a.aggmfinalextra THEN ', MFINALFUNC_EXTRA' END, \
                   CASE a.aggmfinalmodify WHEN 's' THEN ', MFINALFUNC_MODIFY = SHAREABLE' \
                        WHEN 'w' THEN ', MFINALFUNC_MODIFY = READ_WRITE' \
                        WHEN 'r' THEN ', MFINALFUNC_MODIFY = READ_ONLY' END, \
                   ', MINITCOND = ' || quote_literal(a.aggminitval), \
                   (SELECT ', SORTOP = OPERATOR(' || quote_ident(on_.nspname) || '.' || o.oprname || ')' \
                      FROM pg_operator o JOIN pg_namespace on_ ON on_.oid = o.oprnamespace \
                      WHERE o.oid = a.aggsortop), \
                   CASE p.proparallel WHEN 's' THEN ', PARALLEL = SAFE' \
                        WHEN 'r' THEN ', PARALLEL = RESTRICTED' END, \
                   CASE WHEN a.aggkind = 'h' THEN ', HYPOTHETICAL' END), 3) || ')' AS definition, \
                obj_description(p.oid, 'pg_proc') AS comment \
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
         JOIN pg_aggregate a ON a.aggfnoid = p.oid \
         WHERE p.prokind = 'a' AND {ns} AND {member} ORDER BY p.oid",
        ns = s.ns,
        member = s.proc_member,
        sfunc = f("aggtransfn"),
        finalfunc = f("aggfinalfn"),
        combinefunc = f("aggcombinefn"),
        serialfunc = f("aggserialfn"),
        deserialfunc = f("aggdeserialfn"),
        msfunc = f("aggmtransfn"),
        minvfunc = f("aggminvtransfn"),
        mfinalfunc = f("aggmfinalfn"),
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    let build = crate::kinds::aggregate::define::aggregate;
    read_defined(rows, build, |x| &x.id, &mut cx.schema.aggregates)
}
