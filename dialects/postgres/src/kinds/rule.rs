//! Rewrite rules: the PostgreSQL side of the kind's slice, in one module because it is small.
//!
//! - Loading: `CREATE [OR REPLACE] RULE`, `DROP RULE [IF EXISTS] … ON …`,
//!   `ALTER RULE … ON … RENAME TO`, `COMMENT ON RULE`, `ALTER TABLE … ENABLE [REPLICA |
//!   ALWAYS] | DISABLE RULE` (the rule's state, kept by `OR REPLACE` and renames as
//!   PostgreSQL keeps it). The statement is kept whole, in two forms: `sql`, with
//!   every relation qualified with its schema (so it means the same under any search path),
//!   and `key`, the canonical form both sides compare by. The columns of its own relation
//!   it reads (`reads`) come from the canonical form.
//! - Catalog: `pg_get_ruledef` of every rule on a user relation except views' own `_RETURN`
//!   rules, put through the same loader, their comments and states (`ev_enabled`), and
//!   the columns of their own relation they read (`pg_depend`, `refobjsubid` set).
//! - DDL: `create_rule` renders the qualified statement (its comment, and its state when
//!   not the default), `drop_rule` drops it by name, `set_rule_state` switches it.
//!
//! Canonical form: PostgreSQL stores a rule's condition with its columns qualified by `new`
//! (an `INSERT` rule) or `old` (a `DELETE` rule), an `INSERT` action with its column list
//! filled in, and the columns of an `UPDATE`/`DELETE` action's target qualified with its
//! name; the file's form gets the same, and expressions take the rewrites every expression
//! does ([`crate::normalize`]).

use crate::ddl::comments::restore_comment;
use crate::ddl::context_builder;
use crate::ddl::qname;
use crate::introspect::{first_statement, Catalog, CatalogKind, RowExt};
use crate::kinds::trigger::ddl::state_sql;
use crate::load::{AlterCmd, Commented, Dropped, Loader, Lookup, R};
use crate::query::{canonical_expr_in, fill_insert_columns, returning_exprs, Relations};
use crate::quote::quote_ident;
use migrator_core::dialect::{LoadError, Registry};
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::kinds::{CreateRule, DropRule, Rule, SetRuleState, TriggerState};
use migrator_core::schema::{Expr, QualifiedName};
use pg_query::protobuf::{
    self as pb, node::Node as N, AlterTableType as At, CmdType, Node, ObjectType as Ot,
};
use serde_json::{json, Value};
use tokio_postgres::Row;

/// This kind's row in the registry ([`crate::kinds::SLICES`]).
pub(crate) const SLICE: super::Slice = super::Slice {
    load: Some(statement),
    catalog: CatalogKind::new(query, read, 1),
    register,
};

/// The statements this kind owns; `None`: not a rule's.
fn statement(l: &mut Loader, node: &N) -> Option<R<()>> {
    match node {
        N::RuleStmt(s) => Some(load_rule(l, s)),
        N::DropStmt(s) if s.remove_type == Ot::ObjectRule as i32 => Some(drop_rules(l, s)),
        N::RenameStmt(s) if s.rename_type == Ot::ObjectRule as i32 => Some(rename_rule(l, s)),
        _ => None,
    }
}

/// Where the unqualified columns of an expression resolve: the names columns are qualified
/// with, and the relation's columns (`None`: not known).
type Scope = Vec<(String, Option<Vec<String>>)>;

/// The table or view a rule is on, which must exist.
fn relation_of(l: &Loader, rv: Option<&pb::RangeVar>) -> R<QualifiedName> {
    let rv = rv.ok_or("a rule without a relation")?;
    let name = l.relation_name(rv);
    if !l.schema.tables.contains_key(&name) && !l.schema.views.contains_key(&name) {
        return Err(format!("relation {name} does not exist"));
    }
    Ok(name)
}

fn rule_id(relation: &QualifiedName, name: &str) -> ObjectId {
    ObjectId::member(ObjectKind::Rule, relation, name)
}

/// `CREATE [OR REPLACE] RULE`.
fn load_rule(l: &mut Loader, s: &pb::RuleStmt) -> R<()> {
    let relation = relation_of(l, s.relation.as_ref())?;
    if s.rulename == "_RETURN" {
        return Err("a `_RETURN` rule is a view's query: write the view instead".into());
    }
    let id = rule_id(&relation, &s.rulename);
    if l.schema.rules.contains_key(&id) && !s.replace {
        return Err(format!("rule {} on {relation} already exists", s.rulename));
    }
    let mut qualified = s.clone();
    qualified.replace = false;
    let mut depends_on = Vec::new();
    qualify_relation(l, qualified.relation.as_mut(), &mut depends_on);
    for action in &mut qualified.actions {
        qualify_action(l, action, &mut depends_on);
    }
    let sql = deparse(qualified.clone())?;
    let canonical = canonical(l, qualified, &relation, &mut depends_on)?;
    let reads = own_columns_read(&canonical, &relation);
    let key = deparse(canonical)?;
    depends_on.retain(|d| *d != relation);
    depends_on.sort();
    depends_on.dedup();
    // `OR REPLACE` keeps the rule, and so its comment and state.
    let kept = l.schema.rules.get(&id);
    let rule = Rule {
        id: id.clone(),
        relation,
        name: s.rulename.clone(),
        definition: Expr {
            sql,
            key,
            refs: Vec::new(),
            columns: Vec::new(),
        },
        depends_on,
        reads,
        comment: kept.and_then(|r| r.comment.clone()),
        state: kept.map_or(TriggerState::Enabled, |r| r.state),
    };
    l.schema.rules.insert(id, rule);
    Ok(())
}

/// The columns of `relation` a canonical rule reads: those qualified with `new` or `old`
/// (the canonical form qualifies its condition's), or with the relation's own name, and
/// those an action on the relation itself writes (PostgreSQL ties an `INSERT`'s and an
/// `UPDATE`'s target columns to the rule too), sorted. A whole-row `new.*` names no column.
fn own_columns_read(s: &pb::RuleStmt, relation: &QualifiedName) -> Vec<String> {
    let own = |q: &[String]| match q {
        [name] => name == "new" || name == "old" || *name == relation.name,
        [schema, name] => *schema == relation.schema && *name == relation.name,
        _ => false,
    };
    let parts = s.where_clause.as_deref().into_iter().chain(&s.actions);
    let mut out: Vec<String> = parts
        .flat_map(crate::column_refs::all_column_refs)
        .filter_map(|fields| {
            let fields: Option<Vec<String>> = fields.into_iter().collect();
            match fields?.split_last() {
                Some((column, q)) if own(q) => Some(column.clone()),
                _ => None,
            }
        })
        .collect();
    let on_own = |rv: &Option<pb::RangeVar>| {
        rv.as_ref()
            .is_some_and(|rv| rv.schemaname == relation.schema && rv.relname == relation.name)
    };
    for action in &s.actions {
        let targets = match action.node.as_ref() {
            Some(N::InsertStmt(i)) if on_own(&i.relation) => &i.cols,
            Some(N::UpdateStmt(u)) if on_own(&u.relation) => &u.target_list,
            _ => continue,
        };
        out.extend(targets.iter().filter_map(|t| match t.node.as_ref() {
            Some(N::ResTarget(rt)) if !rt.name.is_empty() => Some(rt.name.clone()),
            _ => None,
        }));
    }
    out.sort();
    out.dedup();
    out
}

/// `COMMENT ON RULE name ON relation`.
pub(crate) fn comment_rule(l: &mut Loader, c: &Commented<'_>) -> R<()> {
    let id = named_rule(l, &c.names)?;
    l.schema
        .rules
        .get_mut(&id)
        .ok_or_else(|| format!("rule {id} does not exist"))?
        .comment = c.text.clone();
    Ok(())
}

/// `ALTER TABLE … ENABLE [REPLICA | ALWAYS] | DISABLE RULE name`: the rule's state.
pub(crate) fn switch_rule(l: &mut Loader, a: &AlterCmd<'_>) -> R<()> {
    let state = match a.sub {
        At::AtEnableRule => TriggerState::Enabled,
        At::AtEnableReplicaRule => TriggerState::Replica,
        At::AtEnableAlwaysRule => TriggerState::Always,
        At::AtDisableRule => TriggerState::Disabled,
        other => return Err(format!("ALTER TABLE {other:?} is not a rule switch")),
    };
    let id = rule_id(a.table, &a.cmd.name);
    l.schema.rules.existing_mut(&id, "rule")?.state = state;
    Ok(())
}

/// Gives a relation of the statement its schema, and notes it as a dependency.
fn qualify_relation(l: &Loader, rv: Option<&mut pb::RangeVar>, out: &mut Vec<QualifiedName>) {
    if let Some(rv) = rv {
        let name = l.relation_name(rv);
        rv.schemaname = name.schema.clone();
        rv.location = 0;
        out.push(name);
    }
}

/// Qualifies the relation an action writes to.
fn qualify_action(l: &Loader, action: &mut Node, out: &mut Vec<QualifiedName>) {
    match action.node.as_mut() {
        Some(N::InsertStmt(i)) => qualify_relation(l, i.relation.as_mut(), out),
        Some(N::UpdateStmt(u)) => qualify_relation(l, u.relation.as_mut(), out),
        Some(N::DeleteStmt(d)) => qualify_relation(l, d.relation.as_mut(), out),
        _ => {}
    }
}

/// The canonical form of a qualified rule (see the module doc).
fn canonical(
    l: &Loader,
    mut s: pb::RuleStmt,
    relation: &QualifiedName,
    relations: &mut Vec<QualifiedName>,
) -> R<pb::RuleStmt> {
    let columns = l.columns(relation);
    let scope: Scope = match CmdType::try_from(s.event) {
        Ok(CmdType::CmdInsert) => vec![("new".into(), columns)],
        Ok(CmdType::CmdDelete) => vec![("old".into(), columns)],
        _ => vec![],
    };
    if let Some(w) = s.where_clause.as_mut() {
        relations.extend(canonical_expr_in(w, &scope, l)?);
    }
    for action in &mut s.actions {
        canonical_action(l, action, relations)?;
    }
    Ok(s)
}

/// One action in canonical form: an `INSERT`'s column list filled in, the target's columns
/// qualified, every expression rewritten.
fn canonical_action(l: &Loader, action: &mut Node, relations: &mut Vec<QualifiedName>) -> R<()> {
    let mut exprs = |n: &mut Node, scope: &Scope| -> R<()> {
        relations.extend(canonical_expr_in(n, scope, l)?);
        Ok(())
    };
    match action.node.as_mut() {
        Some(N::InsertStmt(i)) => {
            let target = target_scope(l, i.relation.as_ref(), true);
            fill_insert_columns(i, target[0].1.as_deref());
            if let Some(Some(N::SelectStmt(sel))) = i.select_stmt.as_mut().map(|n| n.node.as_mut())
            {
                for row in &mut sel.values_lists {
                    exprs(row, &Vec::new())?;
                }
            }
            for r in returning_exprs(&mut i.returning_clause) {
                exprs(r, &target)?;
            }
        }
        Some(N::UpdateStmt(u)) => {
            let target = target_scope(l, u.relation.as_ref(), u.from_clause.is_empty());
            for t in &mut u.target_list {
                if let Some(N::ResTarget(rt)) = t.node.as_mut() {
                    if let Some(v) = rt.val.as_mut() {
                        exprs(v, &target)?;
                    }
                }
            }
            if let Some(w) = u.where_clause.as_mut() {
                exprs(w, &target)?;
            }
            for r in returning_exprs(&mut u.returning_clause) {
                exprs(r, &target)?;
            }
        }
        Some(N::DeleteStmt(d)) => {
            let target = target_scope(l, d.relation.as_ref(), d.using_clause.is_empty());
            if let Some(w) = d.where_clause.as_mut() {
                exprs(w, &target)?;
            }
            for r in returning_exprs(&mut d.returning_clause) {
                exprs(r, &target)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The scope an action's own columns resolve in: its target, by the name it goes by, with
/// its columns when `known` (no other relation in a `FROM`/`USING` could own them).
fn target_scope(l: &Loader, rv: Option<&pb::RangeVar>, known: bool) -> Scope {
    let Some(rv) = rv else {
        return vec![(String::new(), None)];
    };
    let refname = rv.alias.as_ref().map_or(&rv.relname, |a| &a.aliasname);
    let columns = known
        .then(|| {
            l.columns(&QualifiedName::new(
                rv.schemaname.clone(),
                rv.relname.clone(),
            ))
        })
        .flatten();
    vec![(refname.clone(), columns)]
}

fn deparse(s: pb::RuleStmt) -> R<String> {
    N::RuleStmt(Box::new(s))
        .deparse(Default::default())
        .map_err(|e| e.to_string())
}

/// The rule `[schema.]relation.rule` names, which must exist unless `IF EXISTS`.
fn named_rule(l: &Loader, names: &[String]) -> R<ObjectId> {
    let (rule, rel) = names.split_last().ok_or("a rule without a name")?;
    let relation = l.qualified(rel, |q| {
        l.schema.tables.contains_key(q) || l.schema.views.contains_key(q)
    })?;
    Ok(rule_id(&relation, rule))
}

/// `DROP RULE [IF EXISTS] name ON relation`.
fn drop_rules(l: &mut Loader, s: &pb::DropStmt) -> R<()> {
    for object in &s.objects {
        let names = match &object.node {
            Some(N::List(list)) => crate::normalize::strings(&list.items),
            _ => vec![],
        };
        let id = named_rule(l, &names)?;
        let dropped = Dropped {
            stmt: s,
            object,
            names,
            cascade: s.behavior == pb::DropBehavior::DropCascade as i32,
        };
        dropped.remove(&mut l.schema.rules, &id, "rule")?;
    }
    Ok(())
}

/// `ALTER RULE name ON relation RENAME TO new`.
fn rename_rule(l: &mut Loader, s: &pb::RenameStmt) -> R<()> {
    let relation = relation_of(l, s.relation.as_ref())?;
    let id = rule_id(&relation, &s.subname);
    let mut rule = l
        .schema
        .rules
        .remove(&id)
        .ok_or_else(|| format!("rule {} on {relation} does not exist", s.subname))?;
    let renamed = |sql: &str| -> R<String> {
        match first_statement(sql).map_err(|e| e.to_string())? {
            N::RuleStmt(mut st) => {
                st.rulename = s.newname.clone();
                deparse(*st)
            }
            _ => Err(format!("rule {} does not parse again", rule.name)),
        }
    };
    rule.definition.sql = renamed(&rule.definition.sql)?;
    rule.definition.key = renamed(&rule.definition.key)?;
    rule.name = s.newname.clone();
    rule.id = rule_id(&relation, &s.newname);
    l.schema.rules.insert(rule.id.clone(), rule);
    Ok(())
}

fn query(s: &crate::introspect::Scope) -> String {
    format!(
        "SELECT pg_get_ruledef(r.oid) AS definition, r.ev_enabled::text AS enabled, \
                obj_description(r.oid, 'pg_rewrite') AS comment, \
                ARRAY(SELECT a.attname::text FROM pg_depend d \
                      JOIN pg_attribute a ON a.attrelid = d.refobjid \
                           AND a.attnum = d.refobjsubid \
                      WHERE d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid \
                        AND d.refclassid = 'pg_class'::regclass \
                        AND d.refobjid = r.ev_class AND d.refobjsubid > 0 \
                      ORDER BY 1) AS reads, \
                r.rulename, n.nspname, c.relname \
         FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE r.rulename <> '_RETURN' AND {ns} AND {class_member} ORDER BY r.oid",
        ns = s.ns,
        class_member = s.class_member
    )
}

/// Queues each rule's definition for the loader, which reads it after the relations, and
/// then gives it its comment, its state and the columns of its relation it reads, as
/// `pg_depend` records them.
fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in rows {
        cx.interpret(row.col("definition")?);
        let comment = row.col::<Option<String>>("comment")?;
        let state = match row.col::<&str>("enabled")? {
            "D" => TriggerState::Disabled,
            "R" => TriggerState::Replica,
            "A" => TriggerState::Always,
            _ => TriggerState::Enabled,
        };
        let reads: Vec<String> = row.col("reads")?;
        if comment.is_some() || !state.is_enabled() || !reads.is_empty() {
            let relation =
                QualifiedName::new(row.col::<String>("nspname")?, row.col::<String>("relname")?);
            let id = rule_id(&relation, &row.col::<String>("rulename")?);
            cx.after_interpreter(move |s| {
                if let Some(r) = s.rules.get_mut(&id) {
                    r.comment = comment;
                    r.state = state;
                    r.reads = reads;
                }
            });
        }
    }
    Ok(())
}

/// The template context; `definition` is the statement after `CREATE RULE`, so that the
/// template can write `CREATE OR REPLACE RULE` for re-runnable files.
fn rule_context(r: &Rule) -> Value {
    let sql = r.definition.sql.trim().trim_end_matches(';');
    json!({
        "name": quote_ident(&r.name),
        "relation": qname(&r.relation),
        "definition": sql.strip_prefix("CREATE RULE ").unwrap_or(sql),
        "comments": restore_comment(r),
        "state": (!r.state.is_enabled()).then(|| state_sql(r.state)),
    })
}

pub fn create_rule(c: &CreateRule) -> Value {
    rule_context(&c.0)
}

pub fn drop_rule(c: &DropRule) -> Value {
    rule_context(&c.0)
}

/// `ALTER TABLE … ENABLE [REPLICA | ALWAYS] | DISABLE RULE name`.
pub fn set_rule_state(c: &SetRuleState) -> Value {
    json!({
        "relation": qname(&c.relation),
        "name": quote_ident(&c.name),
        "state": state_sql(c.to),
    })
}

fn register(r: &mut Registry) {
    r.builder(context_builder(create_rule));
    r.builder(context_builder(drop_rule));
    r.builder(context_builder(set_rule_state));
}

#[cfg(test)]
mod tests {
    use crate::load::Loader;
    use migrator_core::schema::Schema;

    const TABLES: &str = "CREATE TABLE t (a int, b text, c int); CREATE TABLE t2 (a int, b text);";

    fn loaded(rules: &str) -> Schema {
        let mut l = Loader::default();
        l.load_text("rules.sql", &format!("{TABLES}\n{rules}"))
            .unwrap();
        l.schema
    }

    fn keys(s: &Schema) -> Vec<String> {
        s.rules.values().map(|r| r.definition.key.clone()).collect()
    }

    /// A file's rules and the same rules as `pg_get_ruledef` prints them (search_path '')
    /// compare equal.
    #[test]
    fn a_file_rule_and_the_catalog_text_of_it_compare_equal() {
        let file = loaded(
            "CREATE RULE r1 AS ON INSERT TO t WHERE c = 1 and b = 'x' \
                 DO INSTEAD INSERT INTO t2 VALUES (new.a, new.b);
             CREATE RULE r2 AS ON UPDATE TO t DO ALSO \
                 (UPDATE t2 SET b = new.b WHERE t2.a = old.a; DELETE FROM t2 WHERE a < 0);
             CREATE RULE r3 AS ON DELETE TO t DO INSTEAD NOTHING;",
        );
        let catalog = loaded(
            "CREATE RULE r1 AS\n    ON INSERT TO public.t\n   WHERE ((new.c = 1) AND (new.b = 'x'::text)) \
                 DO INSTEAD  INSERT INTO public.t2 (a, b)\n  VALUES (new.a, new.b);
             CREATE RULE r2 AS\n    ON UPDATE TO public.t DO ( UPDATE public.t2 SET b = new.b\n  \
                 WHERE (t2.a = old.a);\n DELETE FROM public.t2\n  WHERE (t2.a < 0);\n);
             CREATE RULE r3 AS\n    ON DELETE TO public.t DO INSTEAD NOTHING;",
        );
        assert_eq!(keys(&file), keys(&catalog));
        assert_eq!(file.rules.len(), 3);
    }

    /// The columns of its own relation a rule reads: `new`'s and `old`'s (in its condition,
    /// unqualified there, and its actions) and those of an action on the relation itself;
    /// not the columns of another relation, nor a whole-row `new.*`.
    #[test]
    fn a_rule_records_the_columns_of_its_own_relation_it_reads() {
        let s = loaded(
            "CREATE RULE r1 AS ON INSERT TO t WHERE c = 1 \
                 DO INSTEAD INSERT INTO t2 VALUES (new.a, 'x');
             CREATE RULE r2 AS ON UPDATE TO t DO ALSO \
                 (UPDATE t2 SET b = new.b WHERE t2.a = 0; UPDATE t SET c = 0 WHERE t.a < 0);
             CREATE RULE r3 AS ON DELETE TO t DO INSTEAD NOTHING;
             CREATE RULE r4 AS ON UPDATE TO t2 DO ALSO INSERT INTO t SELECT new.*;",
        );
        let reads: Vec<(&str, Vec<&str>)> = s
            .rules
            .values()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.reads.iter().map(|c| c.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            reads,
            [
                ("r1", vec!["a", "c"]),
                ("r2", vec!["a", "b", "c"]),
                ("r3", vec![]),
                ("r4", vec![])
            ]
        );
    }

    #[test]
    fn a_rule_is_dropped_renamed_and_goes_with_its_table() {
        let s = loaded(
            "CREATE RULE r1 AS ON DELETE TO t DO INSTEAD NOTHING;
             CREATE RULE r2 AS ON DELETE TO t2 DO INSTEAD NOTHING;
             DROP RULE r1 ON t;
             DROP RULE IF EXISTS r1 ON t;
             ALTER RULE r2 ON t2 RENAME TO r3;",
        );
        let names: Vec<&str> = s.rules.values().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["r3"]);
        assert!(s
            .rules
            .values()
            .all(|r| r.definition.sql.contains("RULE r3 ")));
        let dropped = loaded("CREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING; DROP TABLE t;");
        assert!(dropped.rules.is_empty());
    }

    #[test]
    fn a_rule_state_is_loaded_and_kept_by_or_replace_and_rename() {
        use migrator_core::kinds::TriggerState as S;
        let s = loaded(
            "CREATE RULE d AS ON DELETE TO t DO INSTEAD NOTHING;
             CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING;
             CREATE RULE a AS ON UPDATE TO t DO INSTEAD NOTHING;
             CREATE RULE e AS ON DELETE TO t2 DO INSTEAD NOTHING;
             ALTER TABLE t DISABLE RULE d, ENABLE REPLICA RULE r, ENABLE ALWAYS RULE a;
             ALTER TABLE t2 DISABLE RULE e;
             ALTER TABLE t2 ENABLE RULE e;
             CREATE OR REPLACE RULE d AS ON DELETE TO t DO ALSO NOTHING;
             ALTER RULE a ON t RENAME TO a2;",
        );
        let states: Vec<(&str, S)> = s
            .rules
            .values()
            .map(|r| (r.name.as_str(), r.state))
            .collect();
        assert_eq!(
            states,
            [
                ("a2", S::Always),
                ("d", S::Disabled),
                ("r", S::Replica),
                ("e", S::Enabled)
            ]
        );
        let mut l = Loader::default();
        let err = l
            .load_text(
                "r.sql",
                &format!("{TABLES} ALTER TABLE t DISABLE RULE nope;"),
            )
            .unwrap_err();
        assert!(err.to_string().contains("nope"), "{err}");
    }

    #[test]
    fn a_rule_on_a_missing_relation_or_a_duplicate_is_an_error() {
        let mut l = Loader::default();
        let err = l
            .load_text(
                "r.sql",
                "CREATE RULE r AS ON DELETE TO nope DO INSTEAD NOTHING;",
            )
            .unwrap_err();
        assert!(err.to_string().contains("nope"), "{err}");
        let mut l = Loader::default();
        let err = l
            .load_text(
                "r.sql",
                &format!(
                    "{TABLES} CREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING;
                     CREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING;"
                ),
            )
            .unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
    }
}
