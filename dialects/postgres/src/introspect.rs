//! Live catalog introspection over tokio-postgres (connections: [`crate::connection`]).
//!
//! One batched query per object kind (never one per table), all inside a single
//! `REPEATABLE READ, READ ONLY` transaction so the snapshot is consistent. System schemas and
//! objects owned by extensions are left out. Primary keys, unique and foreign keys, and
//! indexes on plain columns are read as structured catalog rows (column names, sort options,
//! actions); expressions (defaults, CHECKs, predicates) as `pg_get_expr` text normalised by
//! the same code as the desired files'. What has no structured form here (EXCLUDE, indexes
//! on expressions or with operator classes, views) is read with `pg_get_constraintdef`,
//! `pg_get_indexdef` and `pg_get_viewdef` and put through the SQL interpreter.

use crate::connection::with_client;
use crate::extension::PgExtension;
use crate::load::{parse_sql, Loader};
use crate::normalize::{canonical_type_text, expr_from_sql, CanonicalType};
use futures_util::stream::{FuturesOrdered, StreamExt};
use migrator_core::dialect::{LoadError, Loaded};
use migrator_core::schema::*;
use pg_query::protobuf::node::Node as N;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::Arc;
use tokio_postgres::{Client, Row};

fn db_err(e: tokio_postgres::Error) -> LoadError {
    let detail = e
        .as_db_error()
        .map(|d| d.message().to_string())
        .unwrap_or_else(|| e.to_string());
    LoadError::Database(format!("catalog query failed: {detail}"))
}

/// Reads the schema of the database at `dsn`.
pub fn introspect(dsn: &str) -> Result<Loaded, LoadError> {
    introspect_with(dsn, &[])
}

/// Reads the schema at `dsn`, with a dialect's extensions adding their own objects.
pub fn introspect_with(
    dsn: &str,
    extensions: &[Arc<dyn PgExtension>],
) -> Result<Loaded, LoadError> {
    let extensions = extensions.to_vec();
    with_client(dsn, move |client| {
        Box::pin(async move { read_schema_with(client, &extensions).await })
    })
}

/// Filters out system schemas and extension members: `$1` is the namespace alias.
fn user_namespace(alias: &str) -> String {
    format!(
        "{alias}.nspname NOT IN ('pg_catalog', 'information_schema') \
         AND {alias}.nspname NOT LIKE 'pg\\_toast%' AND {alias}.nspname NOT LIKE 'pg\\_temp%' \
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass \
                         AND d.objid = {alias}.oid AND d.deptype = 'e')"
    )
}

fn not_extension_member(class: &str, oid: &str) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '{class}'::regclass \
         AND e.objid = {oid} AND e.deptype = 'e')"
    )
}

/// Reads every object kind, one query each, in one read-only snapshot.
pub async fn read_schema(client: &Client) -> Result<Loaded, LoadError> {
    read_schema_with(client, &[]).await
}

/// [`read_schema`], then each extension's queries in the same snapshot.
pub async fn read_schema_with(
    client: &Client,
    extensions: &[Arc<dyn PgExtension>],
) -> Result<Loaded, LoadError> {
    client
        .batch_execute(
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL search_path = ''; \
             SET LOCAL work_mem = '64MB'",
        )
        .await
        .map_err(db_err)?;
    let result = async {
        let mut loaded = read_all(client).await?;
        for e in extensions {
            let mut rows = Vec::new();
            for q in e.catalog_queries() {
                let r = client.query(q.as_str(), &[]).await.map_err(db_err)?;
                rows.push(
                    r.iter()
                        .map(|row| row.get::<_, serde_json::Value>(0))
                        .collect(),
                );
            }
            e.read_catalog(rows, &mut loaded.schema)
                .map_err(LoadError::Database)?;
        }
        Ok(loaded)
    }
    .await;
    // Always end the transaction: on shared-backend servers an open one would leak.
    let _ = client.batch_execute("ROLLBACK").await;
    result
}

/// Memoises the parsing of catalog texts that repeat across columns (`integer`, `now()`).
#[derive(Default)]
struct TextCache {
    types: HashMap<String, CanonicalType>,
    exprs: HashMap<String, Expr>,
}

impl TextCache {
    fn data_type(&mut self, text: String) -> Result<CanonicalType, LoadError> {
        if let Some(t) = self.types.get(&text) {
            return Ok(t.clone());
        }
        let t = canonical_type_text(&text, "public").map_err(LoadError::Other)?;
        self.types.insert(text, t.clone());
        Ok(t)
    }

    fn expr(&mut self, text: String) -> Result<Expr, LoadError> {
        if let Some(e) = self.exprs.get(&text) {
            return Ok(e.clone());
        }
        let e = expr_from_sql(&text, "public").map_err(LoadError::Other)?;
        self.exprs.insert(text, e.clone());
        Ok(e)
    }
}

/// `pg_class` and `pg_constraint`'s OIDs, fixed in every PostgreSQL version.
const PG_CLASS: u32 = 1259;
const PG_CONSTRAINT: u32 = 2606;

/// Comments by (catalog, object, sub-object), from one scan of `pg_description`.
#[derive(Default)]
struct Comments(HashMap<(u32, u32, i32), String>);

impl Comments {
    fn take(&mut self, class: u32, oid: u32, sub: i32) -> Option<String> {
        self.0.remove(&(class, oid, sub))
    }
}

/// The rows of the next pipelined query.
async fn next_rows<S>(pending: &mut S) -> Result<Vec<Row>, LoadError>
where
    S: futures_util::Stream<Item = Result<Vec<Row>, tokio_postgres::Error>> + Unpin,
{
    pending
        .next()
        .await
        .unwrap_or_else(|| Ok(Vec::new()))
        .map_err(db_err)
}

async fn read_all(client: &Client) -> Result<Loaded, LoadError> {
    let mut schema = Schema::default();
    let mut cache = TextCache::default();
    let ns = user_namespace("n");
    let type_member = not_extension_member("pg_type", "t.oid");
    let class_member = not_extension_member("pg_class", "c.oid");
    let proc_member = not_extension_member("pg_proc", "p.oid");
    let table_filter = format!("c.relkind IN ('r', 'p') AND {ns} AND {class_member}");
    // The user tables, filtered once; the per-table queries below join to this. Comments on
    // relations, columns and constraints are read in one scan of pg_description and matched
    // here by OID: obj_description runs a query per call, and a join to pg_description lets
    // the planner pick a nested loop over it when the catalog has no statistics yet.
    let version: String = client
        .query_one("SHOW server_version_num", &[])
        .await
        .map_err(db_err)?
        .get(0);
    let nulls_not_distinct = if version.parse::<u32>().unwrap_or(0) >= 150000 {
        "i.indnullsnotdistinct"
    } else {
        "false"
    };
    let tables = format!(
        "WITH t AS MATERIALIZED (SELECT c.oid, n.nspname, c.relname, c.relispartition \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {table_filter})"
    );
    let queries: Vec<String> = vec![
        format!(
            "SELECT d.classoid, d.objoid, d.objsubid, d.description FROM pg_description d \
             WHERE d.classoid IN ({PG_CLASS}, {PG_CONSTRAINT})"
        ),
        format!(
                    "SELECT n.nspname, obj_description(n.oid, 'pg_namespace') FROM pg_namespace n \
                     WHERE {ns} AND n.nspname <> 'public' ORDER BY 1"
                ),
        "SELECT e.extname, n.nspname, e.extversion, obj_description(e.oid, 'pg_extension') \
                 FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace \
                 WHERE e.extname <> 'plpgsql' ORDER BY 1"
            .to_string(),
        format!(
                    "SELECT n.nspname, t.typname, \
                            array_agg(e.enumlabel::text ORDER BY e.enumsortorder), \
                            obj_description(t.oid, 'pg_type') \
                     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
                     JOIN pg_enum e ON e.enumtypid = t.oid \
                     WHERE {ns} AND {type_member} \
                     GROUP BY n.nspname, t.typname, t.oid ORDER BY 1, 2"
                ),
        format!(
                    "SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), \
                            t.typnotnull, t.typdefault, \
                            CASE WHEN t.typcollation <> bt.typcollation THEN co.collname::text END, \
                            obj_description(t.oid, 'pg_type'), \
                            coalesce((SELECT json_agg(json_build_array(k.conname, \
                                         pg_get_constraintdef(k.oid)) ORDER BY k.conname) \
                                      FROM pg_constraint k \
                                      WHERE k.contypid = t.oid AND k.contype = 'c'), '[]'::json) \
                     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
                     JOIN pg_type bt ON bt.oid = t.typbasetype \
                     LEFT JOIN pg_collation co ON co.oid = t.typcollation \
                     WHERE t.typtype = 'd' AND {ns} AND {type_member} ORDER BY t.oid"
                ),
        format!(
                    "SELECT n.nspname, t.typname, obj_description(t.oid, 'pg_type'), \
                            coalesce((SELECT json_agg(json_build_array(a.attname, \
                                         format_type(a.atttypid, a.atttypmod), \
                                         CASE WHEN a.attcollation <> at.typcollation \
                                              THEN co.collname::text END) ORDER BY a.attnum) \
                                      FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid \
                                      LEFT JOIN pg_collation co ON co.oid = a.attcollation \
                                      WHERE a.attrelid = t.typrelid AND a.attnum > 0 \
                                        AND NOT a.attisdropped), '[]'::json) \
                     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
                     JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c' \
                     WHERE t.typtype = 'c' AND {ns} AND {type_member} ORDER BY t.oid"
                ),
        format!(
                    "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqincrement, \
                            s.seqmin, s.seqmax, s.seqstart, s.seqcache, s.seqcycle, \
                            own.nspname, own.relname, own.attname, c.oid \
                     FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid \
                     JOIN pg_namespace n ON n.oid = c.relnamespace \
                     LEFT JOIN LATERAL ( \
                         SELECT tn.nspname, t.relname, a.attname, d.deptype \
                         FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid \
                         JOIN pg_namespace tn ON tn.oid = t.relnamespace \
                         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid \
                         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid \
                           AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') \
                     ) own ON true \
                     WHERE {ns} AND {class_member} AND own.deptype IS DISTINCT FROM 'i' \
                     ORDER BY 1, 2"
                ),
        format!(
                    "SELECT n.nspname, c.relname, c.oid, \
                            c.relrowsecurity, c.relforcerowsecurity, \
                            CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, \
                            pn.nspname, pc.relname, pg_get_expr(c.relpartbound, c.oid), \
                            CASE WHEN NOT c.relispartition THEN \
                              (SELECT json_agg(json_build_array(ipn.nspname, ipc.relname) \
                                               ORDER BY i.inhseqno) \
                               FROM pg_inherits i JOIN pg_class ipc ON ipc.oid = i.inhparent \
                               JOIN pg_namespace ipn ON ipn.oid = ipc.relnamespace \
                               WHERE i.inhrelid = c.oid) END \
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                     LEFT JOIN pg_inherits ih ON ih.inhrelid = c.oid AND c.relispartition \
                     LEFT JOIN pg_class pc ON pc.oid = ih.inhparent \
                     LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace \
                     WHERE {table_filter} ORDER BY 1, 2"
                ),
        format!(
                    "{tables} \
                     SELECT t.nspname, t.relname, a.attname, \
                            CASE WHEN NOT t.relispartition \
                                 THEN format_type(a.atttypid, a.atttypmod) END, \
                            a.attnotnull, CASE WHEN NOT t.relispartition \
                                               THEN pg_get_expr(ad.adbin, ad.adrelid) END, \
                            a.attidentity::text, a.attgenerated::text, \
                            CASE WHEN a.attcollation <> ty.typcollation THEN co.collname::text END, \
                            t.oid, \
                            seq.seqincrement, seq.seqmin, seq.seqmax, seq.seqstart, seq.seqcache, \
                            seq.seqcycle, a.attnum, t.relispartition, \
                            a.attstorage::text, ty.typstorage::text, a.attislocal \
                     FROM t JOIN pg_attribute a ON a.attrelid = t.oid \
                     JOIN pg_type ty ON ty.oid = a.atttypid \
                     LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum \
                     LEFT JOIN pg_collation co ON co.oid = a.attcollation \
                     LEFT JOIN LATERAL ( \
                         SELECT s.* FROM pg_depend dep JOIN pg_sequence s ON s.seqrelid = dep.objid \
                         WHERE a.attidentity <> '' AND dep.refclassid = 'pg_class'::regclass \
                           AND dep.refobjid = t.oid AND dep.refobjsubid = a.attnum \
                           AND dep.classid = 'pg_class'::regclass AND dep.deptype = 'i' \
                     ) seq ON true \
                     WHERE a.attnum > 0 AND NOT a.attisdropped \
                     ORDER BY a.attrelid, a.attnum"
                ),
        format!(
                    "SELECT n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid), \
                            c.relispopulated, c.oid \
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                     WHERE c.relkind IN ('v', 'm') AND {ns} AND {class_member} ORDER BY c.oid"
                ),
        format!(
                    "SELECT pg_get_functiondef(p.oid), obj_description(p.oid, 'pg_proc'), \
                            p.oid::bigint \
                     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
                     WHERE p.prokind IN ('f', 'p') AND {ns} \
                       AND {proc_member} ORDER BY p.oid"
                ),
        format!(
                    "{tables} \
                     SELECT pg_get_triggerdef(tg.oid), obj_description(tg.oid, 'pg_trigger'), \
                            t.nspname, t.relname, tg.tgname \
                     FROM t JOIN pg_trigger tg ON tg.tgrelid = t.oid \
                     WHERE NOT tg.tgisinternal AND tg.tgparentid = 0 ORDER BY tg.oid"
                ),
        format!(
                    "{tables} \
                     SELECT t.nspname, t.relname, p.polname, p.polpermissive, p.polcmd::text, \
                            coalesce((SELECT array_agg(CASE WHEN r = 0 THEN 'public' \
                                                       ELSE pg_get_userbyid(r)::text END ORDER BY 1) \
                                      FROM unnest(p.polroles) r), '{{}}'), \
                            pg_get_expr(p.polqual, p.polrelid), \
                            pg_get_expr(p.polwithcheck, p.polrelid), \
                            obj_description(p.oid, 'pg_policy') \
                     FROM t JOIN pg_policy p ON p.polrelid = t.oid ORDER BY p.oid"
                ),
        // PRIMARY KEY, UNIQUE and FOREIGN KEY come as catalog rows (column names, actions);
        // CHECK as its expression; only EXCLUDE as a definition for the SQL interpreter.
        format!(
                    "{tables} \
                     SELECT t.nspname, t.relname, con.conname, con.contype::text, \
                            CASE WHEN con.contype = 'x' THEN pg_get_constraintdef(con.oid) END, \
                            CASE WHEN con.contype = 'c' \
                                 THEN pg_get_expr(con.conbin, con.conrelid) END, \
                            con.connoinherit, con.condeferrable, con.condeferred, \
                            con.conkey, i.indkey::int2[], i.indnkeyatts, {nulls_not_distinct}, \
                            rn.nspname, rc.relname, con.confkey, \
                            con.confupdtype::text, con.confdeltype::text, con.confmatchtype::text, \
                            con.oid, con.conrelid, con.confrelid \
                     FROM t JOIN pg_constraint con ON con.conrelid = t.oid \
                     LEFT JOIN pg_index i ON i.indexrelid = con.conindid \
                                          AND con.contype IN ('p', 'u') \
                     LEFT JOIN pg_class rc ON rc.oid = con.confrelid \
                     LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace \
                     WHERE con.contype IN ('p', 'u', 'c', 'f', 'x') \
                       AND con.conparentid = 0 AND con.conislocal \
                     ORDER BY t.oid, con.contype = 'f', con.conname"
                ),
        // An index on plain columns with their default operator classes and collations comes
        // as catalog rows; any other (expressions, options, operator classes) as its
        // `pg_get_indexdef` for the SQL interpreter.
        format!(
                    "{tables} \
                     , r AS (SELECT oid, nspname, relname FROM t UNION ALL \
                             SELECT c.oid, n.nspname, c.relname FROM pg_class c \
                             JOIN pg_namespace n ON n.oid = c.relnamespace \
                             WHERE c.relkind = 'm' AND {ns} AND {class_member}) \
                     , i AS MATERIALIZED (SELECT r.nspname, r.relname AS tabname, x.* \
                         FROM r JOIN pg_index x ON x.indrelid = r.oid \
                         WHERE NOT EXISTS ( \
                             SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid \
                               AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u', 'x')) \
                           AND NOT EXISTS (SELECT 1 FROM pg_inherits ih \
                                           WHERE ih.inhrelid = x.indexrelid)) \
                     , keys AS (SELECT i.indexrelid, \
                         bool_and(k.ord > i.indnkeyatts OR (a.attname IS NOT NULL \
                             AND (k.coll = 0 OR k.coll = a.attcollation) AND o.opcdefault \
                             AND (d.oid IS NULL OR d.oid = o.oid))) AS plain, \
                         array_agg(a.attname::text ORDER BY k.ord) \
                             FILTER (WHERE k.ord <= i.indnkeyatts) AS cols, \
                         array_agg(a.attname::text ORDER BY k.ord) \
                             FILTER (WHERE k.ord > i.indnkeyatts) AS incl \
                         FROM i CROSS JOIN unnest(i.indkey::int2[], i.indclass::oid[], \
                             i.indcollation::oid[]) WITH ORDINALITY k(att, opc, coll, ord) \
                         LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.att \
                         LEFT JOIN pg_opclass o ON o.oid = k.opc \
                         LEFT JOIN pg_opclass d ON d.opcmethod = o.opcmethod AND d.opcdefault \
                              AND d.opcintype = a.atttypid \
                         GROUP BY i.indexrelid) \
                     SELECT i.nspname, ic.relname, i.tabname, \
                            i.indexrelid, \
                            CASE WHEN NOT s.simple THEN pg_get_indexdef(i.indexrelid) END, \
                            i.indisunique, am.amname, {nulls_not_distinct}, \
                            CASE WHEN s.simple THEN keys.cols END, i.indoption::int2[], \
                            CASE WHEN s.simple THEN keys.incl END, \
                            CASE WHEN s.simple THEN pg_get_expr(i.indpred, i.indrelid) END \
                     FROM i JOIN keys ON keys.indexrelid = i.indexrelid \
                     JOIN pg_class ic ON ic.oid = i.indexrelid \
                     JOIN pg_am am ON am.oid = ic.relam \
                     CROSS JOIN LATERAL (SELECT i.indexprs IS NULL AND ic.reloptions IS NULL \
                                         AND keys.plain AS simple) s \
                     ORDER BY i.indexrelid"
                ),
        crate::operator::aggregates_query(&ns, &proc_member),
        crate::operator::operators_query(&ns, &not_extension_member("pg_operator", "o.oid")),
        // Explicit ACLs (a NULL ACL means the defaults): one row per entry other than the
        // owner's, and a row of NULLs for an object whose ACL has no such entry.
        format!(
                    "WITH acl AS ( \
                       SELECT 'schema' AS kind, n.nspname::text AS sch, NULL::text AS rel, \
                              NULL::text AS col, NULL::bigint AS fn, n.nspowner AS owner, n.nspacl AS acl \
                       FROM pg_namespace n WHERE n.nspacl IS NOT NULL AND {ns} \
                       UNION ALL \
                       SELECT CASE WHEN c.relkind = 'S' THEN 'sequence' ELSE 'relation' END, \
                              n.nspname, c.relname, NULL, NULL, c.relowner, c.relacl \
                       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                       WHERE c.relacl IS NOT NULL AND c.relkind IN ('r', 'p', 'v', 'm', 'S') \
                         AND {ns} AND {class_member} \
                       UNION ALL \
                       SELECT 'column', n.nspname, c.relname, a.attname, NULL, c.relowner, a.attacl \
                       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
                       JOIN pg_namespace n ON n.oid = c.relnamespace \
                       WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped \
                         AND c.relkind IN ('r', 'p', 'v', 'm') AND {ns} AND {class_member} \
                       UNION ALL \
                       SELECT 'function', n.nspname, NULL, NULL, p.oid::bigint, p.proowner, p.proacl \
                       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
                       WHERE p.proacl IS NOT NULL AND p.prokind IN ('f', 'p') AND {ns} AND {proc_member}) \
                     SELECT acl.kind, acl.sch, acl.rel, acl.col, acl.fn, x.grantee, x.privilege_type, \
                            x.grantable \
                     FROM acl LEFT JOIN LATERAL ( \
                         SELECT CASE WHEN e.grantee = 0 THEN 'public' \
                                     ELSE pg_get_userbyid(e.grantee)::text END AS grantee, \
                                e.privilege_type, bool_or(e.is_grantable) AS grantable \
                         FROM aclexplode(acl.acl) e WHERE e.grantee <> acl.owner GROUP BY 1, 2 \
                     ) x ON true \
                     ORDER BY 1, 2, 3, 4, 5, 6, 7"
                ),
    ];
    // All queries are pipelined on the one connection: the server works on the next query
    // while the rows of the previous one are being turned into objects here.
    let mut pending: FuturesOrdered<_> = queries
        .iter()
        .map(|q| client.query(q.as_str(), &[]))
        .collect();

    let mut comments = Comments::default();
    for row in next_rows(&mut pending).await? {
        comments
            .0
            .insert((row.get(0), row.get(1), row.get(2)), row.get(3));
    }

    for row in next_rows(&mut pending).await? {
        let name: String = row.get(0);
        schema.schemas.insert(
            name.clone(),
            Namespace {
                name,
                comment: row.get(1),
            },
        );
    }

    for row in next_rows(&mut pending).await? {
        let name: String = row.get(0);
        schema.extensions.insert(
            name.clone(),
            Extension {
                name,
                schema: Some(row.get(1)),
                version: Some(row.get(2)),
                comment: row.get(3),
            },
        );
    }

    for row in next_rows(&mut pending).await? {
        let name = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        schema.enums.insert(
            name.clone(),
            EnumType {
                name,
                values: row.get(2),
                comment: row.get(3),
                renamed_values: Default::default(),
            },
        );
    }
    for row in next_rows(&mut pending).await? {
        let name = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        let ct = cache.data_type(row.get(2))?;
        let mut checks = std::collections::BTreeMap::new();
        let defs: serde_json::Value = row.get(7);
        for pair in defs.as_array().into_iter().flatten() {
            let (Some(n), Some(def)) = (pair[0].as_str(), pair[1].as_str()) else {
                continue;
            };
            let body = def
                .strip_prefix("CHECK ")
                .unwrap_or(def)
                .trim_end_matches(" NOT VALID");
            checks.insert(n.to_string(), cache.expr(body.to_string())?);
        }
        let default: Option<String> = row.get(4);
        schema.domains.insert(
            name.clone(),
            Domain {
                name,
                data_type: ct.text,
                type_ref: ct.user_type,
                collation: row.get(5),
                default: default.map(|d| cache.expr(d)).transpose()?,
                not_null: row.get(3),
                checks,
                comment: row.get(6),
            },
        );
    }
    for row in next_rows(&mut pending).await? {
        let name = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        let attrs: serde_json::Value = row.get(3);
        let mut attributes = Vec::new();
        for a in attrs.as_array().into_iter().flatten() {
            let ct = cache.data_type(a[1].as_str().unwrap_or_default().to_string())?;
            attributes.push(Attribute {
                name: a[0].as_str().unwrap_or_default().to_string(),
                data_type: ct.text,
                type_ref: ct.user_type,
                collation: a[2].as_str().map(str::to_string),
            });
        }
        schema.composites.insert(
            name.clone(),
            CompositeType {
                name,
                attributes,
                comment: row.get(2),
            },
        );
    }

    for row in next_rows(&mut pending).await? {
        let name = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        let data_type = cache.data_type(row.get(2))?.text;
        let owned_by = match (
            row.get::<_, Option<String>>(9),
            row.get::<_, Option<String>>(10),
        ) {
            (Some(s), Some(t)) => Some(ColumnRef {
                table: QualifiedName::new(s, t),
                column: row.get(11),
            }),
            _ => None,
        };
        schema.sequences.insert(
            name.clone(),
            Sequence {
                name,
                options: SequenceOptions {
                    data_type,
                    increment: row.get(3),
                    min_value: row.get(4),
                    max_value: row.get(5),
                    start: row.get(6),
                    cache: row.get(7),
                    cycle: row.get(8),
                },
                owned_by,
                comment: comments.take(PG_CLASS, row.get(12), 0),
            },
        );
    }

    for row in next_rows(&mut pending).await? {
        let name = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        let mut t = Table::new(name.clone());
        t.comment = comments.take(PG_CLASS, row.get(2), 0);
        t.row_security = row.get(3);
        t.force_row_security = row.get(4);
        if let Some(def) = row.get::<_, Option<String>>(5) {
            t.partition_by = Some(crate::partition::key_from_text(&def).map_err(LoadError::Other)?);
        }
        if let (Some(s), Some(p), Some(b)) = (
            row.get::<_, Option<String>>(6),
            row.get::<_, Option<String>>(7),
            row.get::<_, Option<String>>(8),
        ) {
            t.partition_of = Some(PartitionOf {
                parent: QualifiedName::new(s, p),
                bound: crate::partition::bound_from_text(&b).map_err(LoadError::Other)?,
            });
        }
        if let Some(parents) = row.get::<_, Option<serde_json::Value>>(9) {
            let parents: Vec<(String, String)> =
                serde_json::from_value(parents).map_err(|e| LoadError::Other(e.to_string()))?;
            t.inherits = parents
                .into_iter()
                .map(|(s, n)| QualifiedName::new(s, n))
                .collect();
        }
        schema.tables.insert(name, t);
    }

    // Column names by table OID and number, for the constraints' key columns (partitions
    // included: they may have constraints of their own).
    let mut attnames: HashMap<(u32, i16), String> = HashMap::new();
    for row in next_rows(&mut pending).await? {
        let relid: u32 = row.get(9);
        let attnum: i16 = row.get(16);
        attnames.insert((relid, attnum), row.get(2));
        if row.get::<_, bool>(17) {
            continue;
        }
        let table = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        let ct = cache.data_type(row.get(3))?;
        let expr_text: Option<String> = row.get(5);
        let identity: String = row.get(6);
        let generated: String = row.get(7);
        let expr = expr_text.map(|e| cache.expr(e)).transpose()?;
        let (default, generated) = if generated == "s" {
            (None, expr)
        } else {
            (expr, None)
        };
        let identity = if identity.is_empty() {
            None
        } else {
            Some(Identity {
                always: identity == "a",
                options: SequenceOptions {
                    data_type: ct.text.clone(),
                    increment: row.get(10),
                    min_value: row.get(11),
                    max_value: row.get(12),
                    start: row.get(13),
                    cache: row.get(14),
                    cycle: row.get(15),
                },
            })
        };
        let column = Column {
            name: row.get(2),
            data_type: ct.text,
            type_ref: ct.user_type,
            not_null: row.get(4),
            default,
            identity,
            generated,
            collation: row.get(8),
            comment: comments.take(PG_CLASS, relid, attnum.into()),
            renamed_from: None,
            storage: {
                let (att, typ): (String, String) = (row.get(18), row.get(19));
                crate::storage::storage(
                    crate::storage::mode_of(&att),
                    crate::storage::mode_of(&typ).to_string(),
                )
            },
            inherited: !row.get::<_, bool>(20),
        };
        if let Some(t) = schema.tables.get_mut(&table) {
            t.columns.push(column);
        }
    }

    // Constraints and indexes go through the SQL interpreter, as their definitions are SQL.
    // Views are created in OID order, which is an order their dependencies allow.
    let mut view_ddl = String::new();
    let mut view_comments = Vec::new();
    for row in next_rows(&mut pending).await? {
        let name = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        let materialized: bool = row.get(2);
        let def: String = row.get(3);
        let populated: bool = row.get(4);
        let _ = writeln!(
            view_ddl,
            "CREATE {} {} AS {}{};",
            if materialized {
                "MATERIALIZED VIEW"
            } else {
                "VIEW"
            },
            crate::ddl::qname(&name),
            def.trim().trim_end_matches(';'),
            if materialized && !populated {
                " WITH NO DATA"
            } else {
                ""
            }
        );
        if let Some(comment) = comments.take(PG_CLASS, row.get(5), 0) {
            view_comments.push((name, comment));
        }
    }
    // Functions and triggers keep the catalog's own text for emitting.
    let mut function_oids: HashMap<i64, (QualifiedName, bool)> = HashMap::new();
    for row in next_rows(&mut pending).await? {
        let def: String = row.get(0);
        let def = def.trim().trim_end_matches(';').to_string();
        let mut f = match first_statement(&def)? {
            N::CreateFunctionStmt(s) => crate::routine::function_in(
                &s,
                "public",
                Some(def),
                Some(&SchemaRelations(&schema)),
            )
            .map_err(LoadError::Other)?,
            _ => continue,
        };
        f.comment = row.get(1);
        function_oids.insert(row.get::<_, i64>(2), (f.id.clone(), f.procedure));
        schema.functions.insert(f.id.clone(), f);
    }
    for row in next_rows(&mut pending).await? {
        let def: String = row.get(0);
        let table = QualifiedName::new(row.get::<_, String>(2), row.get::<_, String>(3));
        let mut t = match first_statement(&def)? {
            N::CreateTrigStmt(s) => {
                crate::routine::trigger(&s, table, "public", Some(def)).map_err(LoadError::Other)?
            }
            _ => continue,
        };
        t.comment = row.get(1);
        schema.triggers.insert(t.id.clone(), t);
    }
    for row in next_rows(&mut pending).await? {
        let table = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        let name: String = row.get(2);
        let command = match row.get::<_, String>(4).as_str() {
            "r" => "SELECT",
            "a" => "INSERT",
            "w" => "UPDATE",
            "d" => "DELETE",
            _ => "ALL",
        };
        let using: Option<String> = row.get(6);
        let with_check: Option<String> = row.get(7);
        let id = QualifiedName::new(table.schema.clone(), format!("{}.{name}", table.name));
        schema.policies.insert(
            id.clone(),
            Policy {
                id,
                table,
                name,
                permissive: row.get(3),
                command: command.to_string(),
                roles: row.get(5),
                using: using.map(|e| cache.expr(e)).transpose()?,
                with_check: with_check.map(|e| cache.expr(e)).transpose()?,
                comment: row.get(8),
            },
        );
    }
    // EXCLUDE constraints and the indexes that are not plain columns go through the SQL
    // interpreter, after the views (an index may be on a materialized view).
    let mut exclusion_ddl = String::new();
    let mut constraint_comments = Vec::new();
    for row in next_rows(&mut pending).await? {
        let table = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        let name: String = row.get(2);
        let relid: u32 = row.get(20);
        let comment = comments.take(PG_CONSTRAINT, row.get(19), 0);
        let names = |relid: u32, nums: &[i16]| -> Result<Vec<String>, LoadError> {
            nums.iter()
                .map(|n| {
                    attnames.get(&(relid, *n)).cloned().ok_or_else(|| {
                        LoadError::Other(format!(
                            "constraint {name} on {table}: column {n} of relation {relid} not found"
                        ))
                    })
                })
                .collect()
        };
        let conkey: Vec<i16> = row.get::<_, Option<Vec<i16>>>(9).unwrap_or_default();
        // The index's columns after its key columns are the INCLUDE ones.
        let include = || -> Result<Vec<String>, LoadError> {
            let indkey: Vec<i16> = row.get::<_, Option<Vec<i16>>>(10).unwrap_or_default();
            let nkey = row.get::<_, Option<i16>>(11).unwrap_or(0).max(0) as usize;
            names(relid, indkey.get(nkey..).unwrap_or_default())
        };
        let kind = match row.get::<_, &str>(3) {
            "p" => ConstraintKind::PrimaryKey {
                columns: names(relid, &conkey)?,
                include: include()?,
            },
            "u" => ConstraintKind::Unique {
                columns: names(relid, &conkey)?,
                include: include()?,
                nulls_not_distinct: row.get::<_, Option<bool>>(12).unwrap_or(false),
            },
            "f" => ConstraintKind::ForeignKey {
                columns: names(relid, &conkey)?,
                ref_table: QualifiedName::new(row.get::<_, String>(13), row.get::<_, String>(14)),
                ref_columns: names(row.get(21), &row.get::<_, Vec<i16>>(15))?,
                on_update: crate::load::fk_action(row.get(16)),
                on_delete: crate::load::fk_action(row.get(17)),
                match_full: row.get::<_, &str>(18) == "f",
            },
            "c" => ConstraintKind::Check {
                expr: cache.expr(row.get(5))?,
                no_inherit: row.get(6),
            },
            _ => {
                let def: String = row.get(4);
                let _ = writeln!(
                    exclusion_ddl,
                    "ALTER TABLE ONLY {} ADD CONSTRAINT {} {def};",
                    crate::ddl::qname(&table),
                    crate::quote::quote_ident(&name)
                );
                if let Some(comment) = comment {
                    constraint_comments.push((table, name, comment));
                }
                continue;
            }
        };
        if let Some(t) = schema.tables.get_mut(&table) {
            t.constraints.insert(
                name.clone(),
                Constraint {
                    name,
                    kind,
                    deferrable: row.get(7),
                    initially_deferred: row.get(8),
                    comment,
                },
            );
        }
    }
    drop(attnames);
    let (mut loaded_aggregates, mut loaded_operators) = (Vec::new(), Vec::new());
    let mut index_ddl = String::new();
    let mut index_comments = Vec::new();
    for row in next_rows(&mut pending).await? {
        let name = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        let comment = comments.take(PG_CLASS, row.get(3), 0);
        if let Some(def) = row.get::<_, Option<String>>(4) {
            let _ = writeln!(index_ddl, "{def};");
            if let Some(comment) = comment {
                index_comments.push((name, comment));
            }
            continue;
        }
        let options: Vec<i16> = row.get(9);
        let keys = row
            .get::<_, Option<Vec<String>>>(8)
            .unwrap_or_default()
            .iter()
            .zip(options.iter().chain(std::iter::repeat(&0)))
            .map(|(col, &opt)| crate::load::column_index_key(col, opt & 1 != 0, opt & 2 != 0))
            .collect();
        let predicate: Option<String> = row.get(11);
        let index = Index {
            table: QualifiedName::new(name.schema.clone(), row.get::<_, String>(2)),
            name: name.clone(),
            unique: row.get(5),
            method: row.get(6),
            keys,
            include: row.get::<_, Option<Vec<String>>>(10).unwrap_or_default(),
            with: vec![],
            predicate: predicate.map(|p| cache.expr(p)).transpose()?,
            nulls_not_distinct: row.get(7),
            comment,
        };
        schema.indexes.insert(name, index);
    }
    drop(cache);
    for row in next_rows(&mut pending).await? {
        let def: String = row.get(0);
        if row.get::<_, i8>(2) != b'n' as i8 {
            return Err(LoadError::Other(format!(
                "ordered-set and hypothetical-set aggregates are not supported yet: {def}"
            )));
        }
        let mut a = match first_statement(&def)? {
            N::DefineStmt(s) => crate::operator::aggregate(&s, &crate::operator::Qualified)
                .map_err(LoadError::Other)?,
            _ => continue,
        };
        a.comment = row.get(1);
        loaded_aggregates.push(a);
    }
    for row in next_rows(&mut pending).await? {
        let def: String = row.get(0);
        let mut o = match first_statement(&def)? {
            N::DefineStmt(s) => crate::operator::operator(&s, &crate::operator::Qualified)
                .map_err(LoadError::Other)?,
            _ => continue,
        };
        o.comment = row.get(1);
        loaded_operators.push(o);
    }
    let privileges = read_privileges(next_rows(&mut pending).await?, &function_oids);

    let mut loader = Loader::default();
    for a in loaded_aggregates {
        schema.aggregates.insert(a.id.clone(), a);
    }
    for o in loaded_operators {
        schema.operators.insert(o.id.clone(), o);
    }
    loader.schema = schema;
    loader.load_text("<catalog>", &exclusion_ddl)?;
    loader.load_text("<catalog>", &view_ddl)?;
    loader.load_text("<catalog>", &index_ddl)?;
    for (name, comment) in view_comments {
        if let Some(v) = loader.schema.views.get_mut(&name) {
            v.comment = Some(comment);
        }
    }
    for (table, name, comment) in constraint_comments {
        if let Some(c) = loader
            .schema
            .tables
            .get_mut(&table)
            .and_then(|t| t.constraints.get_mut(&name))
        {
            c.comment = Some(comment);
        }
    }
    for (name, comment) in index_comments {
        if let Some(i) = loader.schema.indexes.get_mut(&name) {
            i.comment = Some(comment);
        }
    }
    loader.schema.privileges = privileges;
    loader.finish()
}

/// The tables read so far, for canonicalising the queries of SQL-standard function bodies
/// (the catalog's text names every relation with its schema).
struct SchemaRelations<'a>(&'a Schema);

impl crate::query::Relations for SchemaRelations<'_> {
    fn resolve(&self, schema: &str, name: &str) -> QualifiedName {
        QualifiedName::new(if schema.is_empty() { "public" } else { schema }, name)
    }
    fn columns(&self, name: &QualifiedName) -> Option<Vec<String>> {
        self.0
            .tables
            .get(name)
            .map(|t| t.columns.iter().map(|c| c.name.clone()).collect())
    }
}

/// Privileges from the ACL rows: entries other than an object's defaults, and the defaults
/// missing from an explicit ACL as `revoked` entries.
fn read_privileges(
    rows: Vec<Row>,
    function_oids: &HashMap<i64, (QualifiedName, bool)>,
) -> BTreeMap<PrivilegeKey, Privilege> {
    let mut out = BTreeMap::new();
    let mut present: BTreeMap<PrivilegeObject, Vec<(String, String)>> = BTreeMap::new();
    for row in rows {
        let kind: String = row.get(0);
        let schema: String = row.get(1);
        let relation = || QualifiedName::new(schema.clone(), row.get::<_, String>(2));
        let object = match kind.as_str() {
            "schema" => PrivilegeObject::Schema {
                name: schema.clone(),
            },
            "sequence" => PrivilegeObject::Sequence { name: relation() },
            "relation" => PrivilegeObject::Relation { name: relation() },
            "column" => PrivilegeObject::Column {
                table: relation(),
                column: row.get(3),
            },
            _ => match function_oids.get(&row.get::<_, i64>(4)) {
                Some((id, procedure)) => PrivilegeObject::Function {
                    id: id.clone(),
                    procedure: *procedure,
                },
                None => continue,
            },
        };
        let seen = present.entry(object.clone()).or_default();
        let Some(grantee) = row.get::<_, Option<String>>(5) else {
            continue;
        };
        let privilege: String = row.get(6);
        seen.push((grantee.clone(), privilege.clone()));
        if object
            .default_privileges()
            .contains(&(grantee.as_str(), privilege.as_str()))
        {
            continue;
        }
        let p = Privilege {
            object,
            grantee,
            privilege,
            with_grant_option: row.get(7),
            revoked: false,
        };
        out.insert(p.key(), p);
    }
    for (object, seen) in present {
        for (grantee, privilege) in object.default_privileges() {
            if !seen.iter().any(|(g, p)| g == grantee && p == privilege) {
                let p = Privilege {
                    object: object.clone(),
                    grantee: grantee.to_string(),
                    privilege: privilege.to_string(),
                    with_grant_option: false,
                    revoked: true,
                };
                out.insert(p.key(), p);
            }
        }
    }
    out
}

/// The parse tree of the single statement in `sql` (catalog text).
fn first_statement(sql: &str) -> Result<N, LoadError> {
    parse_sql("<catalog>", sql)?
        .stmts
        .into_iter()
        .next()
        .and_then(|s| s.stmt)
        .and_then(|s| s.node)
        .ok_or_else(|| LoadError::Other(format!("the catalog returned no statement: {sql}")))
}
