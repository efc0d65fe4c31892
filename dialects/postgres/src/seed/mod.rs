//! `verify --with-data` on PostgreSQL: generated rows for every table, and every table's
//! rows read back as text.
//!
//! The generator reads the catalog rather than the schema IR: it needs what the database
//! itself will check (a domain's base type and CHECKs, an array's element type, an enum's
//! labels in order, which columns fill themselves). Tables are filled parents first, by
//! their foreign keys; a foreign key column takes a row of the table it references. Each
//! row is one `INSERT` in autocommit: when PostgreSQL refuses it (a CHECK, a unique key),
//! the next attempt takes other values (the literals the column's CHECKs name, then NULL
//! where the column allows it), and a row that fails every attempt is reported with the
//! first refusal's message.

mod values;

use crate::connection::{describe_error, with_client};
use crate::quote::{quote_ident, quote_qualified};
use migrator_core::dialect::LoadError;
use migrator_core::schema::QualifiedName;
use migrator_core::workflow::rows::{ColumnInfo, Seeded, TableRows};
use std::collections::{BTreeMap, BTreeSet};
use tokio_postgres::Client;
use values::{check_literals, literal, quote_literal, Type, Types};

/// Rows generated per table.
const ROWS: usize = 3;

/// The user tables (and partitioned tables) of the database, outside extensions.
const TABLES: &str = "SELECT c.oid::int8 AS oid, n.nspname::text AS nspname, \
     c.relname::text AS name, c.relispartition AS partition \
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE c.relkind IN ('r', 'p') \
       AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%' \
       AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d \
         WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e') \
     ORDER BY 2, 3";

/// The live columns of the tables `$1`, with what the generator needs.
const COLUMNS: &str = "SELECT a.attrelid::int8 AS rel, a.attnum::int4 AS num, a.attname::text AS name, \
     pg_catalog.format_type(a.atttypid, a.atttypmod) AS data_type, a.atttypid::int8 AS type_oid, \
     a.atttypmod AS typmod, a.attnotnull AS not_null, d.adbin IS NOT NULL AS has_default, \
     (a.attidentity <> '' OR a.attgenerated <> '' \
       OR coalesce(pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%', false)) AS automatic \
     FROM pg_catalog.pg_attribute a \
     LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
     WHERE a.attrelid::int8 = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped \
     ORDER BY 1, 2";

/// Foreign keys and CHECKs of the tables `$1`.
const CONSTRAINTS: &str = "SELECT c.contype::text AS kind, c.conrelid::int8 AS rel, \
     c.confrelid::int8 AS target, c.conkey::int4[] AS cols, \
     coalesce(c.confkey::int4[], '{}') AS target_cols, pg_catalog.pg_get_constraintdef(c.oid) AS def \
     FROM pg_catalog.pg_constraint c \
     WHERE c.conrelid::int8 = ANY($1) AND c.contype IN ('f', 'c') ORDER BY c.conname";

/// The types `$1`.
const TYPES: &str = "SELECT t.oid::int8 AS oid, t.typname::text AS name, t.typtype::text AS kind, \
     t.typcategory::text AS category, t.typelem::int8 AS elem, t.typbasetype::int8 AS base, \
     t.typtypmod AS typmod, \
     coalesce((SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) \
       FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), '{}') AS labels, \
     coalesce((SELECT array_agg(pg_catalog.pg_get_constraintdef(k.oid) ORDER BY k.conname) \
       FROM pg_catalog.pg_constraint k WHERE k.contypid = t.oid), '{}') AS checks \
     FROM pg_catalog.pg_type t WHERE t.oid::int8 = ANY($1)";

struct Table {
    oid: i64,
    name: QualifiedName,
    partition: bool,
    columns: Vec<Column>,
}

struct Column {
    num: i32,
    name: String,
    data_type: String,
    type_oid: i64,
    typmod: i32,
    not_null: bool,
    has_default: bool,
    automatic: bool,
    /// Values the column's CHECKs (and its domain's) name.
    suggested: Vec<String>,
    /// The foreign key this column belongs to: the referenced table and column.
    reference: Option<Reference>,
}

#[derive(Clone)]
struct Reference {
    table: i64,
    column: i32,
    /// The referenced columns of the whole key, which order its rows.
    key: Vec<i32>,
}

fn db_error(what: &str) -> impl Fn(tokio_postgres::Error) -> LoadError + '_ {
    move |e| LoadError::Database(format!("{what}: {}", describe_error(&e)))
}

/// Seeds the empty tables of `wanted` (see the module documentation).
pub fn seed(dsn: &str, wanted: &BTreeSet<QualifiedName>) -> Result<Vec<Seeded>, LoadError> {
    let wanted = wanted.clone();
    with_client(dsn, move |client| {
        Box::pin(async move {
            let (tables, types) = catalog(client).await?;
            let mut out = Vec::new();
            for t in fk_order(&tables) {
                if t.partition || !wanted.contains(&t.name) {
                    continue;
                }
                let target = quote_qualified(&t.name.schema, &t.name.name);
                let filled = client
                    .query_one(&format!("SELECT EXISTS (SELECT FROM {target})"), &[])
                    .await
                    .map_err(db_error("cannot count rows"))?;
                if filled.get::<_, bool>(0) {
                    continue;
                }
                out.push(fill(client, t, &tables, &types).await);
            }
            Ok(out)
        })
    })
}

/// The tables with their columns and constraints, and every type their columns use.
async fn catalog(client: &Client) -> Result<(Vec<Table>, Types), LoadError> {
    let read = db_error("cannot read the catalog");
    let mut tables: Vec<Table> = Vec::new();
    for r in client.query(TABLES, &[]).await.map_err(&read)? {
        tables.push(Table {
            oid: r.get("oid"),
            name: QualifiedName::new(r.get::<_, String>("nspname"), r.get::<_, String>("name")),
            partition: r.get("partition"),
            columns: Vec::new(),
        });
    }
    let oids: Vec<i64> = tables.iter().map(|t| t.oid).collect();
    let mut index: BTreeMap<i64, usize> = BTreeMap::new();
    for (k, t) in tables.iter().enumerate() {
        index.insert(t.oid, k);
    }
    for r in client.query(COLUMNS, &[&oids]).await.map_err(&read)? {
        let Some(&k) = index.get(&r.get::<_, i64>("rel")) else {
            continue;
        };
        tables[k].columns.push(Column {
            num: r.get("num"),
            name: r.get("name"),
            data_type: r.get("data_type"),
            type_oid: r.get("type_oid"),
            typmod: r.get("typmod"),
            not_null: r.get("not_null"),
            has_default: r.get("has_default"),
            automatic: r.get("automatic"),
            suggested: Vec::new(),
            reference: None,
        });
    }
    for r in client.query(CONSTRAINTS, &[&oids]).await.map_err(&read)? {
        let Some(&k) = index.get(&r.get::<_, i64>("rel")) else {
            continue;
        };
        let cols: Vec<i32> = r.get("cols");
        let target_cols: Vec<i32> = r.get("target_cols");
        let def: String = r.get("def");
        for c in tables[k].columns.iter_mut() {
            let Some(pos) = cols.iter().position(|n| *n == c.num) else {
                continue;
            };
            if r.get::<_, String>("kind") == "f" {
                c.reference = Some(Reference {
                    table: r.get("target"),
                    column: target_cols[pos],
                    key: target_cols.clone(),
                });
            } else {
                c.suggested.extend(check_literals(&def));
            }
        }
    }
    let types = types(client, &tables).await?;
    Ok((tables, types))
}

/// Every type the columns use, with the bases of domains and the elements of arrays.
async fn types(client: &Client, tables: &[Table]) -> Result<Types, LoadError> {
    let mut types = Types::new();
    let mut wanted: BTreeSet<i64> = tables
        .iter()
        .flat_map(|t| t.columns.iter().map(|c| c.type_oid))
        .collect();
    while !wanted.is_empty() {
        let ask: Vec<i64> = wanted.iter().copied().collect();
        wanted.clear();
        let rows = client
            .query(TYPES, &[&ask])
            .await
            .map_err(db_error("cannot read the types"))?;
        for r in rows {
            let t = Type {
                name: r.get("name"),
                kind: r.get("kind"),
                category: r.get("category"),
                elem: r.get("elem"),
                base: r.get("base"),
                typmod: r.get("typmod"),
                labels: r.get("labels"),
                checks: r.get("checks"),
            };
            for next in [t.elem, t.base] {
                if next != 0 && !types.contains_key(&next) {
                    wanted.insert(next);
                }
            }
            types.insert(r.get("oid"), t);
        }
        wanted.retain(|o| !types.contains_key(o));
    }
    Ok(types)
}

/// The tables, each after the tables its foreign keys reference (cycles and
/// self-references broken in name order: their keys take NULL or fail, and say so).
fn fk_order(tables: &[Table]) -> Vec<&Table> {
    let mut done: BTreeSet<i64> = BTreeSet::new();
    let mut out = Vec::new();
    while out.len() < tables.len() {
        let ready = tables.iter().filter(|t| !done.contains(&t.oid)).find(|t| {
            t.columns.iter().all(|c| match &c.reference {
                Some(r) => r.table == t.oid || done.contains(&r.table),
                None => true,
            })
        });
        let next = ready.or_else(|| tables.iter().find(|t| !done.contains(&t.oid)));
        let Some(t) = next else { break };
        done.insert(t.oid);
        out.push(t);
    }
    out
}

/// Inserts up to [`ROWS`] rows into `t`.
async fn fill(client: &Client, t: &Table, tables: &[Table], types: &Types) -> Seeded {
    let mut rows = 0;
    let mut failure = None;
    for i in 0..ROWS {
        let mut first_error = None;
        for attempt in 0..attempts(t, types) {
            let sql = insert(t, tables, types, i, attempt);
            match client.batch_execute(&sql).await {
                Ok(()) => {
                    rows += 1;
                    first_error = None;
                    break;
                }
                Err(e) => {
                    first_error.get_or_insert_with(|| describe_error(&e));
                }
            }
        }
        if let Some(e) = first_error {
            failure.get_or_insert(e);
        }
    }
    Seeded {
        table: t.name.clone(),
        rows,
        failure,
    }
}

/// How many value sets a row tries: the first guess, one per suggested value, and NULLs.
fn attempts(t: &Table, types: &Types) -> usize {
    let most = t
        .columns
        .iter()
        .map(|c| suggestions(c, types).len())
        .max()
        .unwrap_or(0);
    most.min(8) + 2
}

/// What a column's CHECKs and its domains' CHECKs suggest.
fn suggestions(c: &Column, types: &Types) -> Vec<String> {
    let mut out = c.suggested.clone();
    let mut oid = c.type_oid;
    while let Some(t) = types.get(&oid).filter(|t| t.kind == "d") {
        out.extend(t.checks.iter().flat_map(|k| check_literals(k)));
        oid = t.base;
    }
    out
}

/// The `INSERT` of row `i` at attempt `attempt` (0: the first guess; the last: NULL where
/// allowed; between: the values the CHECKs suggest).
fn insert(t: &Table, tables: &[Table], types: &Types, i: usize, attempt: usize) -> String {
    let last = attempt + 1 == attempts(t, types);
    let mut names = Vec::new();
    let mut values = Vec::new();
    for c in t.columns.iter().filter(|c| !c.automatic) {
        let suggested = suggestions(c, types);
        let value = if last && !c.not_null && (c.reference.is_some() || !suggested.is_empty()) {
            Some("NULL".to_string())
        } else if let Some(r) = &c.reference {
            // Another referenced row per attempt, among the ROWS a table gets.
            reference(r, tables, (i + attempt) % ROWS)
        } else if attempt > 0 && !suggested.is_empty() {
            let s = &suggested[(i + attempt - 1) % suggested.len()];
            Some(format!("{}::{}", quote_literal(s), c.data_type))
        } else {
            literal(types, c.type_oid, c.typmod, i + attempt * ROWS)
                .map(|s| format!("{}::{}", quote_literal(&s), c.data_type))
        };
        match value {
            Some(v) => {
                names.push(quote_ident(&c.name));
                values.push(v);
            }
            // No text for the type: its default, or NULL, and PostgreSQL says if not.
            None if c.has_default => {}
            None => {
                names.push(quote_ident(&c.name));
                values.push("NULL".to_string());
            }
        }
    }
    let target = quote_qualified(&t.name.schema, &t.name.name);
    if names.is_empty() {
        format!("INSERT INTO {target} DEFAULT VALUES")
    } else {
        format!(
            "INSERT INTO {target} ({}) VALUES ({})",
            names.join(", "),
            values.join(", ")
        )
    }
}

/// Row `k` of the referenced table's key column, in the order of the whole key.
fn reference(r: &Reference, tables: &[Table], k: usize) -> Option<String> {
    let target = tables.iter().find(|t| t.oid == r.table)?;
    let name = |num: i32| {
        target
            .columns
            .iter()
            .find(|c| c.num == num)
            .map(|c| quote_ident(&c.name))
    };
    let order: Vec<String> = r
        .key
        .iter()
        .filter_map(|n| name(*n))
        .map(|n| format!("{n}::text"))
        .collect();
    Some(format!(
        "(SELECT {} FROM {} ORDER BY {} OFFSET {k} LIMIT 1)",
        name(r.column)?,
        quote_qualified(&target.name.schema, &target.name.name),
        order.join(", ")
    ))
}

/// Every row of every user table (partitions included, partitioned parents not: their
/// rows are their partitions'), as text.
pub fn read_rows(dsn: &str) -> Result<Vec<TableRows>, LoadError> {
    with_client(dsn, |client| {
        Box::pin(async move {
            let (tables, _) = catalog(client).await?;
            let mut out = Vec::new();
            for t in &tables {
                out.push(read_table(client, t).await?);
            }
            Ok(out)
        })
    })
}

async fn read_table(client: &Client, t: &Table) -> Result<TableRows, LoadError> {
    let list: Vec<String> = t
        .columns
        .iter()
        .map(|c| format!("{}::text", quote_ident(&c.name)))
        .collect();
    let sql = format!(
        "SELECT {} FROM ONLY {}",
        list.join(", "),
        quote_qualified(&t.name.schema, &t.name.name)
    );
    let rows = client
        .query(&sql, &[])
        .await
        .map_err(db_error(&format!("cannot read the rows of {}", t.name)))?;
    let mut rows: Vec<Vec<Option<String>>> = rows
        .iter()
        .map(|r| (0..t.columns.len()).map(|k| r.get(k)).collect())
        .collect();
    rows.sort();
    Ok(TableRows {
        id: u32::try_from(t.oid).unwrap_or_default(),
        name: t.name.clone(),
        columns: t
            .columns
            .iter()
            .map(|c| ColumnInfo {
                id: c.num,
                name: c.name.clone(),
                data_type: c.data_type.clone(),
            })
            .collect(),
        rows,
    })
}
