//! Implicit names, derived by PostgreSQL's own rules.
//!
//! A constraint or index declared without a name gets the name PostgreSQL would give it
//! (`makeObjectName`/`ChooseRelationName` in `src/backend/commands/indexcmds.c`): parts joined
//! with `_`, the longer of the two name parts truncated until the whole fits in 63 bytes, and
//! a number appended to the label when the name is taken.

use pg_query::protobuf as pb;
use pg_query::NodeEnum;

/// PostgreSQL's NAMEDATALEN - 1.
const MAX_IDENT: usize = 63;

/// `makeObjectName(name1, name2, label)`.
pub fn object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    let overhead =
        if label.is_empty() { 0 } else { label.len() + 1 } + usize::from(name2.is_some());
    let avail = MAX_IDENT - overhead.min(MAX_IDENT);
    let mut n1 = name1.len();
    let mut n2 = name2.map_or(0, str::len);
    while n1 + n2 > avail {
        if n1 > n2 {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    let mut out = clip(name1, n1).to_string();
    if let Some(name2) = name2 {
        out.push('_');
        out.push_str(clip(name2, n2));
    }
    if !label.is_empty() {
        out.push('_');
        out.push_str(label);
    }
    out
}

/// Cuts `s` to at most `n` bytes on a character boundary (`pg_mbcliplen`).
fn clip(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// `ChooseRelationName`/`ChooseConstraintName`: the first of `name`, `name1`, `name2`, … (the
/// number goes on the label) for which `taken` is false.
pub fn choose_name(
    name1: &str,
    name2: Option<&str>,
    label: &str,
    taken: impl Fn(&str) -> bool,
) -> String {
    let mut candidate = object_name(name1, name2, label);
    let mut pass = 0;
    while taken(&candidate) {
        pass += 1;
        candidate = object_name(name1, name2, &format!("{label}{pass}"));
    }
    candidate
}

/// `ChooseIndexColumnNames`: the name each element of an index gives its column, in order
/// (key columns, then `INCLUDE`d ones): the column's own name, or for an expression what
/// [`figure_colname`] finds (`lower(a)` → `lower`), else `expr`; a name met before in the
/// same index gets a number (`d`, `d1`).
pub fn index_column_names<'a>(elems: impl IntoIterator<Item = &'a pb::IndexElem>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for elem in elems {
        let original = if !elem.name.is_empty() {
            elem.name.clone()
        } else {
            elem.expr
                .as_deref()
                .and_then(figure_colname)
                .unwrap_or_else(|| "expr".to_string())
        };
        let mut name = original.clone();
        let mut pass = 1;
        while out.contains(&name) {
            let suffix = pass.to_string();
            name = format!("{}{suffix}", clip(&original, MAX_IDENT - suffix.len()));
            pass += 1;
        }
        out.push(name);
    }
    out
}

/// `FigureIndexColname`: the column name PostgreSQL derives from an expression, as for an
/// unnamed `SELECT` output column, or `None` where it would say `?column?`.
pub fn figure_colname(node: &pb::Node) -> Option<String> {
    figure(node.node.as_ref()?).1
}

/// `FigureColnameInternal`: the name and its strength (2 a real name, 1 a type's name, 0
/// none), so that a cast of a named column keeps the column's name.
fn figure(node: &NodeEnum) -> (u8, Option<String>) {
    let named = |s: &str| (2, Some(s.to_string()));
    let last_string = |nodes: &[pb::Node]| match nodes.last().and_then(|n| n.node.as_ref()) {
        Some(NodeEnum::String(s)) => Some(s.sval.clone()),
        _ => None,
    };
    let inner = |n: &Option<Box<pb::Node>>| {
        n.as_deref()
            .and_then(|n| n.node.as_ref())
            .map_or((0, None), figure)
    };
    match node {
        NodeEnum::ColumnRef(c) => last_string(&c.fields).map_or((0, None), |n| (2, Some(n))),
        NodeEnum::AIndirection(i) => match last_string(&i.indirection) {
            Some(n) => (2, Some(n)),
            None => inner(&i.arg),
        },
        NodeEnum::FuncCall(f) => last_string(&f.funcname).map_or((0, None), |n| (2, Some(n))),
        NodeEnum::AExpr(a) if a.kind() == pb::AExprKind::AexprNullif => named("nullif"),
        NodeEnum::TypeCast(t) => match inner(&t.arg) {
            (strength, _) if strength <= 1 => {
                let type_name = t.type_name.as_ref().and_then(|t| last_string(&t.names));
                match type_name {
                    Some(n) => (1, Some(n)),
                    None => (strength, None),
                }
            }
            found => found,
        },
        NodeEnum::CollateClause(c) => inner(&c.arg),
        NodeEnum::GroupingFunc(_) => named("grouping"),
        NodeEnum::SubLink(s) => match s.sub_link_type() {
            pb::SubLinkType::ExistsSublink => named("exists"),
            pb::SubLinkType::ArraySublink => named("array"),
            _ => (0, None),
        },
        NodeEnum::CaseExpr(c) => match inner(&c.defresult) {
            (strength, _) if strength <= 1 => (1, Some("case".to_string())),
            found => found,
        },
        NodeEnum::AArrayExpr(_) => named("array"),
        NodeEnum::RowExpr(_) => named("row"),
        NodeEnum::CoalesceExpr(_) => named("coalesce"),
        NodeEnum::MinMaxExpr(m) => match m.op() {
            pb::MinMaxOp::IsGreatest => named("greatest"),
            pb::MinMaxOp::IsLeast | pb::MinMaxOp::Undefined => named("least"),
        },
        NodeEnum::SqlvalueFunction(f) => named(sql_value_function_name(f.op())),
        NodeEnum::XmlExpr(x) => xml_function_name(x.op()).map_or((0, None), named),
        NodeEnum::XmlSerialize(_) => named("xmlserialize"),
        _ => (0, None),
    }
}

/// The name a `current_date`-style keyword gives its column.
fn sql_value_function_name(op: pb::SqlValueFunctionOp) -> &'static str {
    use pb::SqlValueFunctionOp as Op;
    match op {
        Op::SvfopCurrentDate => "current_date",
        Op::SvfopCurrentTime | Op::SvfopCurrentTimeN => "current_time",
        Op::SvfopCurrentTimestamp | Op::SvfopCurrentTimestampN => "current_timestamp",
        Op::SvfopLocaltime | Op::SvfopLocaltimeN => "localtime",
        Op::SvfopLocaltimestamp | Op::SvfopLocaltimestampN => "localtimestamp",
        Op::SvfopCurrentRole => "current_role",
        Op::SvfopCurrentUser => "current_user",
        Op::SvfopUser => "user",
        Op::SvfopSessionUser => "session_user",
        Op::SvfopCurrentCatalog => "current_catalog",
        Op::SvfopCurrentSchema | Op::SqlvalueFunctionOpUndefined => "current_schema",
    }
}

/// The name an XML function gives its column (`IS DOCUMENT` gives none).
fn xml_function_name(op: pb::XmlExprOp) -> Option<&'static str> {
    use pb::XmlExprOp as Op;
    Some(match op {
        Op::IsXmlconcat => "xmlconcat",
        Op::IsXmlelement => "xmlelement",
        Op::IsXmlforest => "xmlforest",
        Op::IsXmlparse => "xmlparse",
        Op::IsXmlpi => "xmlpi",
        Op::IsXmlroot => "xmlroot",
        Op::IsXmlserialize => "xmlserialize",
        Op::IsDocument | Op::Undefined => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names `CREATE INDEX ON t (<elements>)` gives its columns.
    fn names_of(elements: &str) -> Vec<String> {
        let sql = format!("CREATE INDEX ON t ({elements})");
        let parsed = pg_query::parse(&sql, 0).unwrap();
        let Some(NodeEnum::IndexStmt(stmt)) = parsed.protobuf.stmts[0]
            .stmt
            .as_ref()
            .and_then(|s| s.node.clone())
        else {
            panic!("not an index: {sql}");
        };
        index_column_names(stmt.index_params.iter().filter_map(|p| match &p.node {
            Some(NodeEnum::IndexElem(e)) => Some(e.as_ref()),
            _ => None,
        }))
    }

    #[test]
    fn index_columns_are_named_as_postgres_names_them() {
        // Each answer is what PostgreSQL 15 stored for the same index.
        assert_eq!(names_of("lower(a), lower(b)"), ["lower", "lower1"]);
        assert_eq!(names_of("(d), (d), d"), ["d", "d1", "d2"]);
        assert_eq!(names_of("(1::text), (a::text)"), ["text", "a"]);
        assert_eq!(
            names_of("coalesce(a, 'x'), nullif(a, '')"),
            ["coalesce", "nullif"]
        );
        assert_eq!(names_of("(a || 'x'), (b + 1)"), ["expr", "expr1"]);
        assert_eq!(names_of("(CASE WHEN d > 0 THEN a END)"), ["case"]);
        assert_eq!(names_of("(a COLLATE \"C\")"), ["a"]);
    }

    #[test]
    fn joins_parts_like_postgres() {
        assert_eq!(object_name("users", None, "pkey"), "users_pkey");
        assert_eq!(
            object_name("orders", Some("user_id"), "fkey"),
            "orders_user_id_fkey"
        );
    }

    #[test]
    fn truncates_the_longer_part_to_63_bytes() {
        let long = "a".repeat(70);
        let name = object_name(&long, Some("col"), "key");
        assert_eq!(name.len(), 63);
        assert!(name.ends_with("_col_key"));
    }

    #[test]
    fn appends_a_number_when_taken() {
        let name = choose_name("t", None, "check", |n| n == "t_check");
        assert_eq!(name, "t_check1");
    }
}
