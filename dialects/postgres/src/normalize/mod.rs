//! Normalisation: one canonical form for types and expressions, whatever their spelling.
//!
//! Parsed SQL and introspected catalogs must compare equal when they mean the same thing.
//! Both sides go through the same functions here: a type name is parsed with pg_query's
//! type-name grammar and printed the way `format_type` prints it; an expression is parsed,
//! rewritten to one canonical shape and deparsed. The canonical text is only ever compared,
//! never emitted: DDL uses the source's own SQL (`Expr::sql`).
//!
//! The rewrites (see docs/ARCHITECTURE.md, "Normalisation"): casts on literals are dropped
//! (`'x'::text` → `'x'`, `'-1'::integer` → `-1`), implicit casts of columns to `text` are
//! dropped (`(status)::text`, which the catalog adds for `varchar` columns), `IN (…)` and
//! row equalities take the shape PostgreSQL stores (`comparisons`), `BETWEEN` becomes two
//! comparisons, `LIKE` and `SIMILAR TO` become operators, calls written in SQL syntax
//! (`x AT TIME ZONE z`) become plain calls (`timezone(z, x)`), constants of types whose input
//! rewrites them (`interval`, `bit`, `money`) take the catalog's text (`literals`), and
//! `pg_catalog.`/`public.` qualifiers are removed from functions and types.
//!
//! Emitted text is deparsed for a `SELECT` list; where the grammar takes less (a `DEFAULT`,
//! an index key), `operand` parenthesises it.

use migrator_core::schema::{Expr, QualifiedName};
use pg_query::protobuf::{self as pb, a_const, node::Node as N, AExprKind, Node};

mod casts;
mod comparisons;
mod interval;
mod jsonb;
mod literals;
mod nextval;
mod operand;
mod types;

pub use operand::{default_operand, index_operand, parses};
pub use types::{canonical_type, canonical_type_text, serial_base, user_type_text, CanonicalType};

/// Builds an [`Expr`] from an expression node: `sql` is its deparsed text, `key` the
/// canonical form. `default_schema` qualifies unqualified sequence names in `nextval`.
pub fn expr_from_node(node: &Node, default_schema: &str) -> Result<Expr, String> {
    let mut emit = node.clone();
    any_to_in(&mut emit);
    let sql = deparse_expr(&emit)?;
    keyed(node, default_schema, sql, Some(&emit))
}

/// Builds an [`Expr`] from SQL text (a catalog's `pg_get_expr` output, say). A serial
/// column's `nextval('schema.name'::regclass)` with plain names is read without the parser
/// (`nextval`); its schema is explicit, so `default_schema` plays no part.
pub fn expr_from_sql(text: &str, default_schema: &str) -> Result<Expr, String> {
    if let Some(expr) = nextval::nextval_expr(text) {
        return Ok(expr);
    }
    expr_from_sql_parsed(text, default_schema)
}

/// [`expr_from_sql`] through the parser.
fn expr_from_sql_parsed(text: &str, default_schema: &str) -> Result<Expr, String> {
    let parsed = pg_query::parse(&format!("SELECT {text}"), 0).map_err(|e| e.to_string())?;
    let node =
        first_target(&parsed.protobuf).ok_or_else(|| format!("not an expression: {text}"))?;
    let mut node = Node { node: Some(node) };
    // As [`expr_from_node`], but the text to emit is the catalog's own unless `any_to_in`
    // changes it: one deparse instead of two.
    let mut expr = keyed(&node, default_schema, text.to_string(), None)?;
    if any_to_in(&mut node) {
        expr.sql = deparse_expr(&node)?;
    }
    Ok(expr)
}

/// The [`Expr`] of `node` emitted as `sql`: its key is the canonical form of `node`, its
/// refs and columns those `node` names. `deparsed` is the tree `sql` was deparsed from,
/// if it was: when the canonical tree is that same tree (most expressions are canonical
/// as written), the key is `sql` and needs no second deparse.
fn keyed(
    node: &Node,
    default_schema: &str,
    sql: String,
    deparsed: Option<&Node>,
) -> Result<Expr, String> {
    let mut canon = node.clone();
    rewrite(&mut canon);
    let key = match deparsed {
        Some(tree) if *tree == canon => sql.clone(),
        _ => deparse_expr(&canon)?,
    };
    let mut refs = Vec::new();
    collect_refs(node, default_schema, &mut refs);
    refs.sort();
    refs.dedup();
    let columns = crate::column_refs::column_refs(&mut canon);
    Ok(Expr {
        sql,
        key,
        refs,
        columns,
    })
}

/// Whether `sql` is one quoted string constant (`'12.5'`), which PostgreSQL types by where
/// it is used.
///
/// A plain literal (`'new'`) or a text that starts as no string can start (`now()`, `0`) is
/// answered from its spelling ([`operand::is_plain_string`],
/// [`operand::starts_as_non_string`]); only the rest is parsed.
pub fn is_string_constant(sql: &str) -> bool {
    if operand::is_plain_string(sql) {
        return true;
    }
    !operand::starts_as_non_string(sql) && parsed_string_constant(sql)
}

/// [`is_string_constant`], asked of the parser.
pub(crate) fn parsed_string_constant(sql: &str) -> bool {
    pg_query::parse(&format!("SELECT {sql}"), 0)
        .ok()
        .and_then(|p| first_target(&p.protobuf))
        .is_some_and(|n| matches!(n, N::AConst(c) if matches!(c.val, Some(a_const::Val::Sval(_)))))
}

fn first_target(p: &pb::ParseResult) -> Option<N> {
    let stmt = p.stmts.first()?.stmt.as_ref()?;
    let N::SelectStmt(s) = stmt.node.as_ref()? else {
        return None;
    };
    let N::ResTarget(t) = s.target_list.first()?.node.as_ref()? else {
        return None;
    };
    t.val.as_ref()?.node.clone()
}

/// Turns the catalog's `x = ANY (ARRAY[consts])` back into `x IN (consts)`.
///
/// The catalog's text is not a fixed point: re-running the printed form of a `varchar`
/// column's `IN` check stores a differently shaped expression. Writing the `IN` list the
/// user wrote reproduces the original exactly. Returns true when something was rewritten.
fn any_to_in(node: &mut Node) -> bool {
    let strip = |n: &Node| -> Node {
        match &n.node {
            Some(N::TypeCast(c))
                if c.arg.as_deref().is_some_and(|a| {
                    is_const(a) || matches!(a.node, Some(N::ColumnRef(_) | N::AArrayExpr(_)))
                }) =>
            {
                c.arg.as_deref().cloned().unwrap_or_default()
            }
            _ => n.clone(),
        }
    };
    match node.node.as_mut() {
        Some(N::BoolExpr(b)) => {
            let mut changed = false;
            for a in &mut b.args {
                changed |= any_to_in(a);
            }
            changed
        }
        Some(N::AExpr(e)) => {
            let kind = AExprKind::try_from(e.kind).unwrap_or(AExprKind::Undefined);
            let opname = strings(&e.name).last().cloned().unwrap_or_default();
            let in_form = match (kind, opname.as_str()) {
                (AExprKind::AexprOpAny, "=") => "=",
                (AExprKind::AexprOpAll, "<>") => "<>",
                _ => return false,
            };
            // Only the shape that is no fixed point, an array of constants cast as a whole
            // (`(ARRAY['a'::character varying])::text[]`): one written without that cast
            // stores the tree it reads as, and is kept as written.
            let Some(rexpr) = e.rexpr.as_deref() else {
                return false;
            };
            if !matches!(rexpr.node, Some(N::TypeCast(_))) {
                return false;
            }
            let array = strip(rexpr);
            let Some(N::AArrayExpr(a)) = array.node else {
                return false;
            };
            if a.elements.is_empty() || !a.elements.iter().all(|x| is_const(&strip(x))) {
                return false;
            }
            e.kind = AExprKind::AexprIn as i32;
            e.name = op(in_form);
            e.lexpr = e.lexpr.as_deref().map(|l| Box::new(strip(l)));
            e.rexpr = boxed(N::List(pb::List {
                items: a.elements.iter().map(strip).collect(),
            }));
            true
        }
        _ => false,
    }
}

/// Deparses one expression node by wrapping it in `SELECT`.
pub fn deparse_expr(node: &Node) -> Result<String, String> {
    match deparsed_constant(node) {
        Some(text) => Ok(text),
        None => deparsed_by_pg_query(node),
    }
}

/// [`deparse_expr`] by pg_query's deparser.
fn deparsed_by_pg_query(node: &Node) -> Result<String, String> {
    let select = pb::SelectStmt {
        target_list: vec![Node {
            node: Some(N::ResTarget(Box::new(pb::ResTarget {
                val: Some(Box::new(node.clone())),
                ..Default::default()
            }))),
        }],
        limit_option: pb::LimitOption::Default as i32,
        op: pb::SetOperation::SetopNone as i32,
        ..Default::default()
    };
    let text = N::SelectStmt(Box::new(select))
        .deparse(Default::default())
        .map_err(|e| e.to_string())?;
    Ok(text.strip_prefix("SELECT ").unwrap_or(&text).to_string())
}

/// What pg_query's deparser prints for a constant (`0`, `12.50`, `true`, `NULL`,
/// `'it''s'`), without the round trip through protobuf and C: the constants of defaults
/// and CHECKs are most of the expressions a schema holds. `None` for anything else, and
/// for a string with a backslash, which the deparser writes as `E'…'`.
fn deparsed_constant(node: &Node) -> Option<String> {
    let Some(N::AConst(c)) = &node.node else {
        return None;
    };
    if c.isnull {
        return Some("NULL".to_string());
    }
    match c.val.as_ref()? {
        a_const::Val::Ival(i) => Some(i.ival.to_string()),
        a_const::Val::Fval(f) => Some(f.fval.clone()),
        a_const::Val::Boolval(b) => Some(b.boolval.to_string()),
        a_const::Val::Sval(s) if !s.sval.contains('\\') => {
            Some(format!("'{}'", s.sval.replace('\'', "''")))
        }
        _ => None,
    }
}

/// The strings of a list of `String` nodes (qualified names, option lists).
pub fn strings(nodes: &[Node]) -> Vec<String> {
    nodes
        .iter()
        .filter_map(|n| match &n.node {
            Some(N::String(s)) => Some(s.sval.clone()),
            _ => None,
        })
        .collect()
}

/// `[schema.]name` as a qualified name, an unqualified one in `default_schema`; `None` for
/// more or fewer parts.
pub fn qualify(names: &[String], default_schema: &str) -> Option<QualifiedName> {
    match names {
        [n] => Some(QualifiedName::new(default_schema, n.clone())),
        [sch, n] => Some(QualifiedName::new(sch.clone(), n.clone())),
        _ => None,
    }
}

/// `[schema, name]` as the parse tree spells a qualified name.
pub fn qualified_name_nodes(q: &QualifiedName) -> Vec<Node> {
    [q.schema.as_str(), q.name.as_str()]
        .iter()
        .map(|p| Node {
            node: Some(N::String(pb::String {
                sval: p.to_string(),
            })),
        })
        .collect()
}

/// The `DefElem`s of an option list (`CREATE FUNCTION`'s options, `CREATE AGGREGATE`'s and
/// `CREATE OPERATOR`'s definition).
pub fn def_elems(nodes: &[Node]) -> impl Iterator<Item = &pb::DefElem> {
    nodes.iter().filter_map(|n| match &n.node {
        Some(N::DefElem(d)) => Some(&**d),
        _ => None,
    })
}

/// The `FunctionParameter`s of a parameter list (a function's, an aggregate's).
pub fn function_parameters(nodes: &[Node]) -> impl Iterator<Item = &pb::FunctionParameter> {
    nodes.iter().filter_map(|n| match &n.node {
        Some(N::FunctionParameter(p)) => Some(&**p),
        _ => None,
    })
}

/// The text of a constant node (`10`, `'x'` → `x`, `1.5`).
pub fn const_text(n: &Node) -> String {
    match &n.node {
        Some(N::AConst(c)) => match &c.val {
            Some(a_const::Val::Ival(i)) => i.ival.to_string(),
            Some(a_const::Val::Fval(f)) => f.fval.clone(),
            Some(a_const::Val::Sval(s)) => s.sval.clone(),
            Some(a_const::Val::Boolval(b)) => b.boolval.to_string(),
            Some(a_const::Val::Bsval(b)) => b.bsval.clone(),
            None => "NULL".into(),
        },
        Some(N::Integer(i)) => i.ival.to_string(),
        Some(N::Float(f)) => f.fval.clone(),
        Some(N::String(s)) => s.sval.clone(),
        Some(N::Boolean(b)) => b.boolval.to_string(),
        Some(N::TypeName(t)) => strings(&t.names).join("."),
        Some(N::List(l)) => strings(&l.items).join("."),
        _ => String::new(),
    }
}

fn is_const(n: &Node) -> bool {
    match &n.node {
        Some(N::AConst(_)) => true,
        Some(N::AArrayExpr(a)) => a.elements.iter().all(is_const),
        _ => false,
    }
}

/// `pg_catalog.x` and `public.x` (a function or type name) become `x`.
pub fn drop_catalog_qualifier(names: &mut Vec<Node>) {
    if names.len() == 2
        && matches!(
            strings(names).first().map(String::as_str),
            Some("pg_catalog" | "public")
        )
    {
        names.remove(0);
    }
}

/// A string constant that spells a number becomes that number (`'-1'` → `-1`).
fn numeric_literal(c: &mut pb::AConst) {
    if let Some(a_const::Val::Sval(s)) = &c.val {
        let t = s.sval.as_str();
        if let Ok(i) = t.parse::<i32>() {
            c.val = Some(a_const::Val::Ival(pb::Integer { ival: i }));
        } else if !t.is_empty()
            && t.chars()
                .all(|ch| ch.is_ascii_digit() || ch == '.' || ch == '-')
            && t.parse::<f64>().is_ok()
        {
            c.val = Some(a_const::Val::Fval(pb::Float {
                fval: t.to_string(),
            }));
        }
    }
}

fn op(name: &str) -> Vec<Node> {
    vec![Node {
        node: Some(N::String(pb::String { sval: name.into() })),
    }]
}

fn boxed(n: N) -> Option<Box<Node>> {
    Some(Box::new(Node { node: Some(n) }))
}

/// Rewrites an expression tree into the canonical shape (in place).
pub fn canonical_rewrite(node: &mut Node) {
    rewrite(node)
}

fn rewrite(node: &mut Node) {
    let Some(inner) = node.node.as_mut() else {
        return;
    };
    match inner {
        N::TypeCast(c) => {
            if let Some(arg) = rewrite_cast(c) {
                *node = arg;
            }
        }
        N::AExpr(e) => {
            if let Some(replaced) = rewrite_aexpr(e) {
                *node = replaced;
            }
        }
        N::FuncCall(f) => rewrite_func_call(f),
        // A bare string that spells a number compares as the number, as a cast one does
        // (`DEFAULT '1'` on a text column reads back as `'1'::text`).
        N::AConst(c) => {
            if let Some(a_const::Val::Sval(s)) = c.val.as_mut() {
                if let Some(canonical) = datetime_literal(&s.sval) {
                    s.sval = canonical;
                }
            }
            numeric_literal(c);
            literals::canonical_bit_constant(c);
            literals::canonical_json_text(c);
            literals::plain_decimal(c);
        }
        N::BoolExpr(b) => {
            b.args.iter_mut().for_each(rewrite);
            flatten(b);
        }
        N::List(l) => l.items.iter_mut().for_each(rewrite),
        N::AArrayExpr(a) => a.elements.iter_mut().for_each(rewrite),
        // `(a, b)` and `ROW(a, b)` are one row (the catalog prints the second).
        N::RowExpr(r) => {
            r.row_format = pb::CoercionForm::CoerceExplicitCall as i32;
            r.args.iter_mut().for_each(rewrite)
        }
        N::CoalesceExpr(c) => c.args.iter_mut().for_each(rewrite),
        N::MinMaxExpr(m) => m.args.iter_mut().for_each(rewrite),
        N::NullTest(t) => t.arg.iter_mut().for_each(|a| rewrite(a)),
        N::BooleanTest(t) => t.arg.iter_mut().for_each(|a| rewrite(a)),
        N::CollateClause(c) => c.arg.iter_mut().for_each(|a| rewrite(a)),
        N::SortBy(b) => {
            // `ORDER BY x ASC` is `ORDER BY x`, as the catalog prints it.
            if b.sortby_dir == pb::SortByDir::SortbyAsc as i32 {
                b.sortby_dir = pb::SortByDir::SortbyDefault as i32;
            }
            b.node.iter_mut().for_each(|a| rewrite(a))
        }
        N::WindowDef(w) => {
            w.partition_clause.iter_mut().for_each(rewrite);
            w.order_clause.iter_mut().for_each(rewrite);
        }
        N::AIndirection(i) => i.arg.iter_mut().for_each(|a| rewrite(a)),
        N::GroupingSet(g) => g.content.iter_mut().for_each(rewrite),
        N::SubLink(l) => {
            // `x IN (SELECT …)` is `x = ANY (SELECT …)`; the catalog prints the first.
            if l.sub_link_type == pb::SubLinkType::AnySublink as i32 && l.oper_name.is_empty() {
                l.oper_name = op("=");
            }
            l.testexpr.iter_mut().for_each(|a| rewrite(a))
        }
        N::CaseExpr(c) => {
            if let Some(a) = c.arg.as_mut() {
                rewrite(a);
            }
            for w in &mut c.args {
                if let Some(N::CaseWhen(w)) = w.node.as_mut() {
                    if let Some(e) = w.expr.as_mut() {
                        rewrite(e);
                    }
                    if let Some(r) = w.result.as_mut() {
                        rewrite(r);
                    }
                }
            }
            if let Some(d) = c.defresult.as_mut() {
                rewrite(d);
            }
            // No `ELSE` is `ELSE NULL`, which the catalog prints (`ELSE NULL::text`).
            if c.defresult.as_deref().is_some_and(is_null_constant) {
                c.defresult = None;
            }
        }
        _ => {}
    }
}

/// `(a OR b) OR c` as `a OR b OR c` (and so for `AND`): the parser flattens only a left
/// operand, and rewrites such as `BETWEEN SYMMETRIC` add levels of their own.
fn flatten(b: &mut pb::BoolExpr) {
    if b.boolop == pb::BoolExprType::NotExpr as i32 {
        return;
    }
    let mut args = Vec::with_capacity(b.args.len());
    for a in std::mem::take(&mut b.args) {
        match a.node {
            Some(N::BoolExpr(inner)) if inner.boolop == b.boolop => args.extend(inner.args),
            other => args.push(Node { node: other }),
        }
    }
    b.args = args;
}

/// A cast of a constant or a column, which the catalog adds or drops by itself, goes: the
/// node that replaces the cast, if any.
fn rewrite_cast(c: &mut pb::TypeCast) -> Option<Node> {
    if let Some(t) = c.type_name.as_mut() {
        drop_catalog_qualifier(&mut t.names);
    }
    // Before the constant is rewritten: `'1010'` must still be text here, not a number.
    if let Some(constant) = literals::typed_constant(c) {
        return Some(constant);
    }
    if let Some(mut elements_cast) = casts::array_cast_pushed_down(c) {
        rewrite(&mut elements_cast);
        return Some(elements_cast);
    }
    if let Some(arg) = c.arg.as_mut() {
        rewrite(arg);
    }
    let arg = c.arg.as_deref().cloned();
    if let Some(arg) = arg {
        // Casts of columns are the ones PostgreSQL adds itself (varchar or a domain
        // to its base type, an integer to numeric): comparing without them is stable.
        // So are the widening casts it puts around any operand to resolve an operator
        // or fit a column (`total / NULLIF(n, 0)` is stored as
        // `total / (NULLIF(n, 0))::numeric`).
        let strip = is_const(&arg)
            || matches!(arg.node, Some(N::ColumnRef(_)))
            || c.type_name
                .as_ref()
                .is_some_and(casts::is_implicit_widening);
        if strip {
            let mut arg = arg;
            if let Some(N::AConst(k)) = arg.node.as_mut() {
                numeric_literal(k);
            }
            return Some(arg);
        }
    }
    None
}

/// The constant `NULL` (its casts already taken away).
fn is_null_constant(n: &Node) -> bool {
    matches!(&n.node, Some(N::AConst(c)) if c.isnull)
}

/// `IN (…)` and row equalities as PostgreSQL stores them, `LIKE` as `~~`, `BETWEEN` as
/// comparisons: the node that replaces the expression, if any.
fn rewrite_aexpr(e: &mut pb::AExpr) -> Option<Node> {
    if let Some(l) = e.lexpr.as_mut() {
        rewrite(l);
    }
    if let Some(r) = e.rexpr.as_mut() {
        rewrite(r);
    }
    // `OPERATOR(pg_catalog.+)` is `+`, as the catalog prints it.
    drop_catalog_qualifier(&mut e.name);
    let kind = AExprKind::try_from(e.kind).unwrap_or(AExprKind::Undefined);
    let opname = strings(&e.name).last().cloned().unwrap_or_default();
    match kind {
        AExprKind::AexprIn => return comparisons::in_list(e, &opname),
        AExprKind::AexprOp if opname == "=" || opname == "<>" => {
            return comparisons::row_equality(e, &opname)
        }
        // `SIMILAR TO p` is `~ similar_to_escape(p)`: the call is compared as a call.
        AExprKind::AexprLike | AExprKind::AexprIlike | AExprKind::AexprSimilar => {
            e.kind = AExprKind::AexprOp as i32;
        }
        // `a IS NOT DISTINCT FROM b` is stored as `NOT a IS DISTINCT FROM b`.
        AExprKind::AexprNotDistinct => {
            e.kind = AExprKind::AexprDistinct as i32;
            let distinct = Node {
                node: Some(N::AExpr(Box::new(std::mem::take(e)))),
            };
            return Some(Node {
                node: Some(N::BoolExpr(Box::new(pb::BoolExpr {
                    boolop: pb::BoolExprType::NotExpr as i32,
                    args: vec![distinct],
                    ..Default::default()
                }))),
            });
        }
        AExprKind::AexprBetween
        | AExprKind::AexprNotBetween
        | AExprKind::AexprBetweenSym
        | AExprKind::AexprNotBetweenSym => return comparisons::between(e, kind),
        _ => {}
    }
    None
}

/// Function calls: qualifiers of built-in functions go, `nextval`'s sequence and
/// `EXTRACT`'s field are spelled one way.
fn rewrite_func_call(f: &mut pb::FuncCall) {
    // A call PostgreSQL spells with its own syntax (`x AT TIME ZONE z` is
    // `pg_catalog.timezone(z, x)`, `EXTRACT`, `OVERLAPS`, `SUBSTRING … FROM`) compares as the
    // plain call, which is also what the catalog prints for some of them: the deparser
    // writes the special syntax only for the `pg_catalog.`-qualified name, which goes next.
    if f.funcformat == pb::CoercionForm::CoerceSqlSyntax as i32 {
        f.funcformat = pb::CoercionForm::CoerceExplicitCall as i32;
    }
    drop_catalog_qualifier(&mut f.funcname);
    f.agg_order.iter_mut().for_each(rewrite);
    f.agg_filter.iter_mut().for_each(|a| rewrite(a));
    if let Some(w) = f.over.as_mut() {
        w.partition_clause.iter_mut().for_each(rewrite);
        w.order_clause.iter_mut().for_each(rewrite);
    }
    for a in &mut f.args {
        rewrite(a);
    }
    spread_variadic_array(f);
    // nextval('public.s') and nextval('s') name the same sequence.
    if strings(&f.funcname) == ["nextval"] {
        if let Some(Some(N::AConst(c))) = f.args.first_mut().map(|a| a.node.as_mut()) {
            if let Some(a_const::Val::Sval(s)) = c.val.as_mut() {
                if let Some(rest) = s.sval.strip_prefix("public.") {
                    s.sval = rest.to_string();
                }
            }
        }
    }
    // EXTRACT('YEAR' FROM …): the field is case-insensitive; the catalog prints it
    // in lower case.
    if matches!(strings(&f.funcname).as_slice(), [n] if n == "extract" || n == "date_part") {
        if let Some(Some(N::AConst(c))) = f.args.first_mut().map(|a| a.node.as_mut()) {
            if let Some(a_const::Val::Sval(s)) = c.val.as_mut() {
                s.sval = s.sval.to_lowercase();
            }
        }
    }
}

/// `f(1, VARIADIC ARRAY[2, 3])` compares as `f(1, 2, 3)`: PostgreSQL stores a call that
/// spreads a variadic array parameter's elements as the explicit `VARIADIC ARRAY[…]` the
/// catalog prints (for a `VARIADIC "any"` one it keeps the call as written). Only a
/// non-empty `ARRAY[…]` constructor passed by position is spread; `VARIADIC ARRAY[]` and
/// `VARIADIC some_array` have no spread spelling.
fn spread_variadic_array(f: &mut pb::FuncCall) {
    if !f.func_variadic {
        return;
    }
    let Some(Some(N::AArrayExpr(a))) = f.args.last().map(|a| a.node.as_ref()) else {
        return;
    };
    if a.elements.is_empty() {
        return;
    }
    let elements = a.elements.clone();
    f.args.pop();
    f.args.extend(elements);
    f.func_variadic = false;
}

/// The comparison form of a date or timestamp literal, so that a file's `'2000-01-01'` equals
/// the catalog's `'2000-01-01 00:00:00'::timestamp without time zone`: `T` becomes a space,
/// missing seconds are zero, trailing fractional zeros go, a midnight time goes, and so does
/// a zero UTC offset (`+00`, `+00:00`, `Z`). Other offsets are kept. `None` for text that
/// is not such a literal.
pub(crate) fn datetime_literal(s: &str) -> Option<String> {
    let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
    let (date, rest) = (s.get(..10)?, &s[10..]);
    let d: Vec<&str> = date.split('-').collect();
    if d.len() != 3 || !digits(d[0], 4) || !digits(d[1], 2) || !digits(d[2], 2) {
        return None;
    }
    if rest.is_empty() {
        return Some(date.to_string());
    }
    let rest = rest.strip_prefix([' ', 'T'])?;
    let (time, offset) = match rest.find(['+', '-', 'Z']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let (hms, frac) = match time.split_once('.') {
        Some((hms, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            (hms, f.trim_end_matches('0'))
        }
        Some(_) => return None,
        None => (time, ""),
    };
    let t: Vec<&str> = hms.split(':').collect();
    if !(2..=3).contains(&t.len()) || !t.iter().all(|p| digits(p, 2)) {
        return None;
    }
    let offset = match offset {
        "" | "Z" | "+00" | "+00:00" | "-00" | "-00:00" => "",
        o if o[1..].bytes().all(|b| b.is_ascii_digit() || b == b':') => o,
        _ => return None,
    };
    let secs = t.get(2).copied().unwrap_or("00");
    let midnight = t[0] == "00" && t[1] == "00" && secs == "00" && frac.is_empty();
    let mut out = date.to_string();
    if !midnight {
        out.push_str(&format!(" {}:{}:{secs}", t[0], t[1]));
        if !frac.is_empty() {
            out.push('.');
            out.push_str(frac);
        }
    }
    if !offset.is_empty() {
        if midnight {
            out.push_str(" 00:00:00");
        }
        out.push_str(offset);
    }
    Some(out)
}

/// Sequences (from `nextval`), functions and types an expression refers to.
fn collect_refs(node: &Node, default_schema: &str, out: &mut Vec<QualifiedName>) {
    let Some(inner) = node.node.as_ref() else {
        return;
    };
    let qualify = |names: Vec<String>| -> Option<QualifiedName> {
        match names.as_slice() {
            [n] => Some(QualifiedName::new(default_schema, n.clone())),
            [s, n] if s != "pg_catalog" => Some(QualifiedName::new(s.clone(), n.clone())),
            _ => None,
        }
    };
    let children: Vec<&Node> = match inner {
        N::FuncCall(f) => {
            let names = strings(&f.funcname);
            if names.last().map(String::as_str) == Some("nextval") {
                // `nextval('s')`, or `nextval('s'::regclass)` as serial columns and the
                // catalog write it.
                let arg = f.args.first().map(|a| match a.node.as_ref() {
                    Some(N::TypeCast(c)) => c.arg.as_deref().and_then(|a| a.node.as_ref()),
                    other => other,
                });
                if let Some(Some(N::AConst(c))) = arg {
                    if let Some(a_const::Val::Sval(s)) = &c.val {
                        let parts: Vec<String> = split_qualified(&s.sval);
                        out.extend(qualify(parts));
                    }
                }
            } else {
                out.extend(qualify(names));
            }
            f.args.iter().collect()
        }
        N::TypeCast(c) => {
            if let Some(t) = &c.type_name {
                if let Ok(ct) = canonical_type(t, default_schema) {
                    out.extend(ct.user_type);
                }
            }
            c.arg.as_deref().into_iter().collect()
        }
        N::AExpr(e) => [&e.lexpr, &e.rexpr]
            .into_iter()
            .filter_map(|side| side.as_deref())
            .collect(),
        N::BoolExpr(b) => b.args.iter().collect(),
        N::List(l) => l.items.iter().collect(),
        N::AArrayExpr(a) => a.elements.iter().collect(),
        N::CoalesceExpr(c) => c.args.iter().collect(),
        N::NullTest(t) => t.arg.as_deref().into_iter().collect(),
        _ => Vec::new(),
    };
    for child in children {
        collect_refs(child, default_schema, out);
    }
}

/// Splits `schema.name` as written inside a regclass literal (quotes respected), folding
/// unquoted names as PostgreSQL does: ASCII letters only, since under UTF-8 it leaves other
/// characters as written (`downcase_identifier`; see
/// <https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS>).
/// TimescaleDB's functions read their `regclass` arguments with it too.
pub fn split_qualified(s: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            '.' if !quoted => parts.push(std::mem::take(&mut cur)),
            c if !quoted => cur.push(c.to_ascii_lowercase()),
            c => cur.push(c),
        }
    }
    parts.push(cur);
    parts
}

#[cfg(test)]
mod tests;
