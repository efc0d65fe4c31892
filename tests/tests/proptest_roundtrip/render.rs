//! Rendering: the model as SQL, made valid whatever the indices say.

use super::*;

pub(crate) fn q(id: &str) -> String {
    format!("\"{}\"", id.replace('"', "\"\""))
}

pub(crate) fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// `s` cut to at most `max` bytes, on a character boundary (PostgreSQL keeps 63 bytes).
pub(crate) fn truncate(s: &str, max: usize) -> String {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}

/// Names made unique (as PostgreSQL will truncate them) by a suffix.
pub(crate) fn unique_names(
    raw: impl Iterator<Item = String>,
    taken: &mut BTreeSet<String>,
) -> Vec<String> {
    raw.map(|n| {
        let mut name = truncate(&n, 63);
        let mut k = 2;
        while taken.contains(&name) {
            let suffix = format!("_{k}");
            name = format!("{}{suffix}", truncate(&n, 63 - suffix.len()));
            k += 1;
        }
        taken.insert(name.clone());
        name
    })
    .collect()
}

/// A column as rendered.
pub(crate) struct RCol {
    pub(crate) name: String,
    pub(crate) ty: Ty,
    pub(crate) type_sql: String,
    pub(crate) enum_idx: Option<usize>,
}

pub(crate) struct ResolvedEnum {
    pub(crate) name: String,
    pub(crate) labels: Vec<String>,
}

/// The model as SQL: enums, then each table with its keys, checks, indexes and comment,
/// then the foreign keys.
pub(crate) fn render(m: &Model) -> String {
    let mut sql = String::new();
    let enums = resolve_enums(m);
    for e in &enums {
        let labels: Vec<String> = e.labels.iter().map(|l| lit(l)).collect();
        writeln!(
            sql,
            "CREATE TYPE {} AS ENUM ({});",
            q(&e.name),
            labels.join(", ")
        )
        .unwrap();
    }
    let mut taken = BTreeSet::new();
    let table_names = unique_names(
        m.tables
            .iter()
            .map(|t| format!("t_{}", IDENTS[t.name.index(IDENTS.len())])),
        &mut taken,
    );
    let cols: Vec<Vec<RCol>> = m
        .tables
        .iter()
        .map(|t| resolve_columns(t, &enums))
        .collect();
    // Primary keys (column positions, deduplicated), needed before FKs are resolved.
    let pks: Vec<Option<Vec<usize>>> = m
        .tables
        .iter()
        .zip(&cols)
        .map(|(t, c)| {
            t.pk.as_ref()
                .map(|pk| indexable_positions(pk, c))
                .filter(|v| !v.is_empty())
        })
        .collect();
    let r = Resolved {
        enums: &enums,
        table_names: &table_names,
        cols: &cols,
        pks: &pks,
    };
    let mut after_tables = String::new();
    for (ti, t) in m.tables.iter().enumerate() {
        render_table(&r, m, ti, t, &mut sql, &mut after_tables);
    }
    sql.push_str(&after_tables);
    sql
}

/// What the indices of a model resolve to: names, columns and primary keys.
pub(crate) struct Resolved<'a> {
    pub(crate) enums: &'a [ResolvedEnum],
    pub(crate) table_names: &'a [String],
    pub(crate) cols: &'a [Vec<RCol>],
    pub(crate) pks: &'a [Option<Vec<usize>>],
}

/// Enums: names prefixed so they never clash with the tables' row types; labels unique.
pub(crate) fn resolve_enums(m: &Model) -> Vec<ResolvedEnum> {
    let mut taken = BTreeSet::new();
    let enum_names = unique_names(
        m.enums
            .iter()
            .map(|e| format!("e_{}", IDENTS[e.name.index(IDENTS.len())])),
        &mut taken,
    );
    m.enums
        .iter()
        .zip(enum_names)
        .map(|(e, name)| {
            let mut seen = BTreeSet::new();
            let labels = e
                .labels
                .iter()
                .map(|l| LABELS[l.index(LABELS.len())].to_string())
                .filter(|l| seen.insert(l.clone()))
                .collect::<Vec<_>>();
            ResolvedEnum { name, labels }
        })
        .filter(|e| !e.labels.is_empty())
        .collect()
}

/// A column type's SQL, the enum it names, and the type (an enum without enums is text).
pub(crate) fn resolve_ty(t: &Ty, enums: &[ResolvedEnum]) -> (String, Option<usize>, Ty) {
    use Ty::*;
    let s = match t {
        SmallInt => "smallint".into(),
        Int => "integer".into(),
        BigInt => "bigint".into(),
        Numeric(p, s) => format!("numeric({}, {})", p.max(&1), s.min(p)),
        Real => "real".into(),
        Float8 => "double precision".into(),
        Text => "text".into(),
        Varchar(n) => format!("varchar({})", n.max(&1)),
        Char(n) => format!("char({})", n.max(&1)),
        Bool => "boolean".into(),
        Date => "date".into(),
        Timestamp => "timestamp".into(),
        Timestamptz => "timestamptz".into(),
        Interval => "interval".into(),
        Uuid => "uuid".into(),
        Jsonb => "jsonb".into(),
        Bytea => "bytea".into(),
        Inet => "inet".into(),
        TextArr => "text[]".into(),
        IntArr => "integer[]".into(),
        Serial => "serial".into(),
        BigSerial => "bigserial".into(),
        Enum(i) => {
            if enums.is_empty() {
                return ("text".into(), None, Text);
            }
            let k = i.index(enums.len());
            return (q(&enums[k].name), Some(k), t.clone());
        }
    };
    (s, None, t.clone())
}

/// A table's columns with unique names.
pub(crate) fn resolve_columns(t: &Table, enums: &[ResolvedEnum]) -> Vec<RCol> {
    let mut taken = BTreeSet::new();
    let names = unique_names(
        t.cols
            .iter()
            .map(|c| IDENTS[c.name.index(IDENTS.len())].to_string()),
        &mut taken,
    );
    t.cols
        .iter()
        .zip(names)
        .map(|(c, name)| {
            let (type_sql, enum_idx, ty) = resolve_ty(&c.ty, enums);
            RCol {
                name,
                ty,
                type_sql,
                enum_idx,
            }
        })
        .collect()
}

/// The column positions `picks` name, deduplicated, without unindexable columns.
pub(crate) fn indexable_positions(picks: &[Index], c: &[RCol]) -> Vec<usize> {
    let mut v: Vec<usize> = Vec::new();
    for i in picks {
        let k = i.index(c.len());
        if !v.contains(&k) && !is_unindexable(&c[k].ty) {
            v.push(k)
        }
    }
    v
}

/// One table: `CREATE TABLE` with its columns, keys and checks, its indexes and comment
/// into `sql`, its foreign keys into `after_tables`.
pub(crate) fn render_table(
    r: &Resolved,
    m: &Model,
    ti: usize,
    t: &Table,
    sql: &mut String,
    after_tables: &mut String,
) {
    let tn = q(&r.table_names[ti]);
    let c = &r.cols[ti];
    let pk = &r.pks[ti];
    let mut lines = column_lines(r, t, c, pk);
    for f in foreign_keys(r, m, t, &tn, &mut lines) {
        writeln!(after_tables, "{f}").unwrap();
    }
    if let Some(p) = pk {
        let names: Vec<String> = p.iter().map(|&k| q(&c[k].name)).collect();
        lines.push(format!("PRIMARY KEY ({})", names.join(", ")));
    }
    for u in &t.uniques {
        let v = indexable_positions(u, c);
        if !v.is_empty() {
            let names: Vec<String> = v.iter().map(|&k| q(&c[k].name)).collect();
            lines.push(format!("UNIQUE ({})", names.join(", ")));
        }
    }
    for (k, ch) in t.checks.iter().enumerate() {
        let rc = &c[ch.col.index(c.len())];
        let e = check_sql(rc, ch.variant, rc.enum_idx.map(|k| &r.enums[k]));
        if ch.named {
            lines.push(format!(
                "CONSTRAINT {} CHECK ({e})",
                q(&format!("ck_{k}_{}", rc.name))
            ));
        } else {
            lines.push(format!("CHECK ({e})"));
        }
    }
    writeln!(
        sql,
        "CREATE TABLE {tn} (\n    {}\n);",
        lines.join(",\n    ")
    )
    .unwrap();
    render_indexes(t, c, &tn, sql);
    if let Some(cm) = t.comment {
        let text = ["a table", "it's odd", "", "ünïcode"][cm as usize % 4];
        writeln!(sql, "COMMENT ON TABLE {tn} IS {};", lit(text)).unwrap();
    }
}

/// The column definitions of a table: type, identity or default, NOT NULL.
pub(crate) fn column_lines(
    r: &Resolved,
    t: &Table,
    c: &[RCol],
    pk: &Option<Vec<usize>>,
) -> Vec<String> {
    let mut lines = Vec::new();
    for (ci, (col, rc)) in t.cols.iter().zip(c).enumerate() {
        let mut l = format!("{} {}", q(&rc.name), rc.type_sql);
        let integer = matches!(rc.ty, Ty::SmallInt | Ty::Int | Ty::BigInt);
        let serial = matches!(rc.ty, Ty::Serial | Ty::BigSerial);
        if integer && col.identity > 0 {
            l.push_str(if col.identity == 1 {
                " GENERATED ALWAYS AS IDENTITY"
            } else {
                " GENERATED BY DEFAULT AS IDENTITY"
            });
        } else if col.default > 0 && !serial {
            let d = default_sql(&rc.ty, col.default, rc.enum_idx.map(|k| &r.enums[k]));
            write!(l, " DEFAULT {d}").unwrap();
        }
        let in_pk = pk.as_ref().is_some_and(|p| p.contains(&ci));
        if col.not_null && !in_pk {
            l.push_str(" NOT NULL");
        }
        lines.push(l);
    }
    lines
}

/// The foreign keys of a table: each adds its own columns (to `lines`), of the target's PK
/// types, and gives the `ALTER TABLE … ADD FOREIGN KEY` to run once every table exists.
pub(crate) fn foreign_keys(
    r: &Resolved,
    m: &Model,
    t: &Table,
    tn: &str,
    lines: &mut Vec<String>,
) -> Vec<String> {
    let mut fk_cons = Vec::new();
    for (fi, fk) in t.fks.iter().enumerate() {
        let target = fk.target.index(m.tables.len());
        let Some(tpk) = &r.pks[target] else { continue };
        let mut mine = Vec::new();
        for (j, &k) in tpk.iter().enumerate() {
            let tc = &r.cols[target][k];
            let ty = match tc.ty {
                Ty::Serial => "integer".to_string(),
                Ty::BigSerial => "bigint".to_string(),
                _ => tc.type_sql.clone(),
            };
            // Named after the type's family: when the target key changes to a type the
            // column cannot be cast to, the column is replaced rather than altered.
            let name = format!("fk{fi}_{j}_{}", family_tag(&tc.ty));
            lines.push(format!("{} {}", q(&name), ty));
            mine.push(q(&name));
        }
        let theirs: Vec<String> = tpk.iter().map(|&k| q(&r.cols[target][k].name)).collect();
        let action = match fk.on_delete % 4 {
            0 => "",
            1 => " ON DELETE CASCADE",
            2 => " ON DELETE SET NULL",
            _ => " ON UPDATE RESTRICT",
        };
        let defer = if fk.deferrable {
            " DEFERRABLE INITIALLY DEFERRED"
        } else {
            ""
        };
        fk_cons.push(format!(
            "ALTER TABLE {tn} ADD FOREIGN KEY ({}) REFERENCES {} ({}){action}{defer};",
            mine.join(", "),
            q(&r.table_names[target]),
            theirs.join(", ")
        ));
    }
    fk_cons
}

/// A table's indexes (`CREATE [UNIQUE] INDEX … [USING hash] … [WHERE …]`).
pub(crate) fn render_indexes(t: &Table, c: &[RCol], tn: &str, sql: &mut String) {
    for ix in &t.indexes {
        let v = indexable_positions(&ix.cols, c);
        if v.is_empty() {
            continue;
        }
        let hash = ix.method_hash && v.len() == 1 && !ix.unique;
        let parts: Vec<String> = v
            .iter()
            .map(|&k| {
                format!(
                    "{}{}",
                    q(&c[k].name),
                    if ix.desc && !hash { " DESC" } else { "" }
                )
            })
            .collect();
        let pred = if ix.partial {
            format!(" WHERE {} IS NOT NULL", q(&c[v[0]].name))
        } else {
            String::new()
        };
        writeln!(
            sql,
            "CREATE {}INDEX ON {tn}{} ({}){pred};",
            if ix.unique { "UNIQUE " } else { "" },
            if hash { " USING hash" } else { "" },
            parts.join(", ")
        )
        .unwrap();
    }
}

/// Types without a default btree operator class (no PK/UNIQUE/index on them here).
pub(crate) fn is_unindexable(t: &Ty) -> bool {
    matches!(t, Ty::Jsonb)
}

pub(crate) fn default_sql(t: &Ty, v: u8, e: Option<&ResolvedEnum>) -> String {
    use Ty::*;
    let odd = v.is_multiple_of(2);
    match t {
        SmallInt | Int | BigInt => if odd { "0" } else { "-1" }.into(),
        Numeric(..) | Real | Float8 => if odd { "1.5" } else { "(-2)" }.into(),
        Text | Varchar(_) => if odd { "'x'" } else { "''::text" }.into(),
        Char(_) => "'ab'".into(),
        Bool => if odd { "true" } else { "false" }.into(),
        Date => if odd { "CURRENT_DATE" } else { "'2020-01-02'" }.into(),
        Timestamp => if odd {
            "now()"
        } else {
            "'2020-01-02 03:04:05'"
        }
        .into(),
        Timestamptz => if odd { "CURRENT_TIMESTAMP" } else { "now()" }.into(),
        Interval => "'1 day'".into(),
        Uuid => "gen_random_uuid()".into(),
        Jsonb => if odd {
            "'{}'"
        } else {
            "'{\"a\": [1, 2]}'::jsonb"
        }
        .into(),
        Bytea => "'\\x00ff'".into(),
        Inet => "'127.0.0.1'".into(),
        TextArr => if odd { "'{}'" } else { "ARRAY['a', 'b']" }.into(),
        IntArr => if odd { "'{1,2}'" } else { "ARRAY[1, 2]" }.into(),
        Serial | BigSerial => unreachable!(),
        Enum(_) => match e {
            Some(e) => lit(&e.labels[v as usize % e.labels.len()]),
            None => "'x'".into(),
        },
    }
}

pub(crate) fn check_sql_inner(c: &str, t: &Ty, v: u8, e: Option<&ResolvedEnum>) -> String {
    use Ty::*;
    match t {
        SmallInt | Int | BigInt | Numeric(..) | Real | Float8 | Serial | BigSerial => match v % 3 {
            0 => format!("{c} > 0"),
            1 => format!("{c} BETWEEN 1 AND 100"),
            _ => format!("{c} IN (1, 2, 3)"),
        },
        Text | Varchar(_) | Char(_) => match v % 3 {
            0 => format!("length({c}) < 100"),
            1 => format!("{c} IN ('a', 'b')"),
            _ => format!("{c} <> ''"),
        },
        Date => format!("{c} > '2000-01-01'"),
        Timestamp | Timestamptz => format!("{c} > '2000-01-01'"),
        Enum(_) => match e {
            Some(e) => format!("{c} <> {}", lit(&e.labels[0])),
            None => format!("{c} IS NOT NULL"),
        },
        IntArr | TextArr => format!("cardinality({c}) < 10"),
        _ => format!("{c} IS NOT NULL"),
    }
}

pub(crate) fn check_sql(c: &RCol, v: u8, e: Option<&ResolvedEnum>) -> String {
    check_sql_inner(&q(&c.name), &c.ty, v, e)
}
