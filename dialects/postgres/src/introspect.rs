//! Live catalog introspection over tokio-postgres (connections: [`crate::connection`]).
//!
//! One batched query per object kind (never one per table), all inside a single
//! `REPEATABLE READ, READ ONLY` transaction so the snapshot is consistent. System schemas and
//! objects owned by extensions are left out. Constraint and index definitions are read with
//! `pg_get_constraintdef`/`pg_get_indexdef` and put through the same SQL interpreter as the
//! desired files, so both sides are normalised by one code path.

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
    // The user tables, filtered once; the per-table queries below join to this. Comments
    // are read with col_/obj_description (one index probe each): a join to pg_description
    // lets the planner pick a nested loop over it when the catalog has no statistics yet.
    let tables = format!(
        "WITH t AS MATERIALIZED (SELECT c.oid, n.nspname, c.relname, c.relispartition \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {table_filter})"
    );
    let queries: Vec<String> = vec![
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
                            own.nspname, own.relname, own.attname, obj_description(c.oid, 'pg_class') \
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
                    "SELECT n.nspname, c.relname, obj_description(c.oid, 'pg_class'), \
                            c.relrowsecurity, c.relforcerowsecurity, \
                            CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, \
                            pn.nspname, pc.relname, pg_get_expr(c.relpartbound, c.oid) \
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                     LEFT JOIN pg_inherits ih ON ih.inhrelid = c.oid AND c.relispartition \
                     LEFT JOIN pg_class pc ON pc.oid = ih.inhparent \
                     LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace \
                     WHERE {table_filter} ORDER BY 1, 2"
                ),
        format!(
                    "{tables} \
                     SELECT t.nspname, t.relname, a.attname, format_type(a.atttypid, a.atttypmod), \
                            a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid), a.attidentity::text, \
                            a.attgenerated::text, \
                            CASE WHEN a.attcollation <> ty.typcollation THEN co.collname::text END, \
                            col_description(t.oid, a.attnum), \
                            seq.seqincrement, seq.seqmin, seq.seqmax, seq.seqstart, seq.seqcache, \
                            seq.seqcycle \
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
                     WHERE a.attnum > 0 AND NOT a.attisdropped AND NOT t.relispartition \
                     ORDER BY a.attrelid, a.attnum"
                ),
        format!(
                    "SELECT n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid), \
                            c.relispopulated, obj_description(c.oid, 'pg_class') \
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
        format!(
                    "{tables} \
                     SELECT t.nspname, t.relname, con.conname, pg_get_constraintdef(con.oid), \
                            obj_description(con.oid, 'pg_constraint') \
                     FROM t JOIN pg_constraint con ON con.conrelid = t.oid \
                     WHERE con.contype IN ('p', 'u', 'c', 'f', 'x') \
                       AND con.conparentid = 0 AND con.conislocal \
                     ORDER BY t.oid, con.contype = 'f', con.conname"
                ),
        format!(
                    "{tables} \
                     , r AS (SELECT oid, nspname FROM t UNION ALL \
                             SELECT c.oid, n.nspname FROM pg_class c \
                             JOIN pg_namespace n ON n.oid = c.relnamespace \
                             WHERE c.relkind = 'm' AND {ns} AND {class_member}) \
                     SELECT r.nspname, ic.relname, pg_get_indexdef(i.indexrelid), \
                            obj_description(i.indexrelid, 'pg_class') \
                     FROM r JOIN pg_index i ON i.indrelid = r.oid \
                     JOIN pg_class ic ON ic.oid = i.indexrelid \
                     WHERE NOT EXISTS ( \
                         SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid \
                           AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')) \
                       AND NOT EXISTS (SELECT 1 FROM pg_inherits ih WHERE ih.inhrelid = i.indexrelid) \
                     ORDER BY i.indexrelid"
                ),
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
                comment: row.get(12),
            },
        );
    }

    for row in next_rows(&mut pending).await? {
        let name = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        let mut t = Table::new(name.clone());
        t.comment = row.get(2);
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
        schema.tables.insert(name, t);
    }

    for row in next_rows(&mut pending).await? {
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
            comment: row.get(9),
            renamed_from: None,
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
        if let Some(comment) = row.get::<_, Option<String>>(5) {
            view_comments.push((name, comment));
        }
    }
    // Functions and triggers keep the catalog's own text for emitting.
    let mut function_oids: HashMap<i64, (QualifiedName, bool)> = HashMap::new();
    for row in next_rows(&mut pending).await? {
        let def: String = row.get(0);
        let def = def.trim().trim_end_matches(';').to_string();
        let mut f = match first_statement(&def)? {
            N::CreateFunctionStmt(s) => {
                crate::routine::function(&s, "public", Some(def)).map_err(LoadError::Other)?
            }
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
    let mut constraint_ddl = String::new();
    let mut constraint_comments = Vec::new();
    for row in next_rows(&mut pending).await? {
        let table = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        let name: String = row.get(2);
        let def: String = row.get(3);
        let _ = writeln!(
            constraint_ddl,
            "ALTER TABLE ONLY {} ADD CONSTRAINT {} {def};",
            crate::ddl::qname(&table),
            crate::quote::quote_ident(&name)
        );
        if let Some(comment) = row.get::<_, Option<String>>(4) {
            constraint_comments.push((table, name, comment));
        }
    }
    // Parse the constraints on the other core while the index query runs.
    let constraints = std::thread::spawn(move || {
        let parsed = parse_sql("<catalog>", &constraint_ddl);
        (constraint_ddl, parsed)
    });
    let mut index_ddl = String::new();
    let mut index_comments = Vec::new();
    for row in next_rows(&mut pending).await? {
        let def: String = row.get(2);
        let _ = writeln!(index_ddl, "{def};");
        if let Some(comment) = row.get::<_, Option<String>>(3) {
            index_comments.push((
                QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1)),
                comment,
            ));
        }
    }
    let privileges = read_privileges(next_rows(&mut pending).await?, &function_oids);
    let indexes = parse_sql("<catalog>", &index_ddl)?;
    let (constraint_ddl, parsed) = constraints
        .join()
        .map_err(|_| LoadError::Other("parsing the catalog's constraints panicked".into()))?;

    let mut loader = Loader::default();
    loader.schema = schema;
    loader.apply_parsed("<catalog>", &constraint_ddl, &parsed?)?;
    loader.load_text("<catalog>", &view_ddl)?;
    loader.apply_parsed("<catalog>", &index_ddl, &indexes)?;
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
