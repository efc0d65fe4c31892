//! Unit tests of the cascade: the changes it adds, snapshotted.
use crate::kinds::testkit::*;
use crate::schema::{Column, Index, Table, View};
use insta::assert_snapshot;

/// Table `t (a a_type, b integer)`.
fn t(a_type: &str) -> Table {
    table("t", [col("a", a_type), col("b", "integer")])
}

/// `f(x integer) RETURNS returns`: a change of `returns` recreates it.
fn f(returns: &str) -> crate::schema::Function {
    function("f", "x integer", returns, "SELECT x")
}

#[test]
fn a_view_over_a_retyped_column_is_dropped_and_recreated() {
    let v = view("v", sql("SELECT a FROM t"), &["a"], &["t"]);
    let current = schema().with(t("integer")).with(v.clone());
    let desired = schema().with(t("bigint")).with(v);
    assert_snapshot!(diffed(&current, &desired));
}

#[test]
fn a_view_over_that_view_follows() {
    let v = view("v", sql("SELECT a FROM t"), &["a"], &["t"]);
    let w = view("w", sql("SELECT a FROM v"), &["a"], &["v"]);
    let current = schema().with(t("integer")).with(v.clone()).with(w.clone());
    let desired = schema().with(t("bigint")).with(v).with(w);
    assert_snapshot!(diffed(&current, &desired));
}

#[test]
fn a_sql_standard_body_reading_a_retyped_table_is_recreated_around_it_with_its_callers() {
    // `f` reads `t`; `v` calls `f`; `g` reads `v`. Each comes off before the column changes
    // type and goes back after it, in order.
    let mut f = function("f", "", "bigint", "SELECT sum(a) FROM t");
    f.definition.refs = vec![qn("t")];
    let mut v = view("v", sql("SELECT f() AS s"), &["s"], &[]);
    v.query.refs = vec![qn("f")];
    let mut g = function("g", "", "bigint", "SELECT s FROM v");
    g.definition.refs = vec![qn("v")];
    let current = schema()
        .with(t("integer"))
        .with(f.clone())
        .with(v.clone())
        .with(g.clone());
    let desired = schema().with(t("bigint")).with(f).with(v).with(g);
    let planned = planned(&current, &desired);
    let labels: Vec<&str> = planned
        .lines()
        .map(|l| l.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(
        labels,
        [
            "drop_function",
            "drop_view",
            "drop_function",
            "alter_column",
            "create_function",
            "create_view",
            "create_function"
        ],
        "{planned}"
    );
    assert_snapshot!(planned);
}

#[test]
fn a_view_growing_a_column_recreates_the_views_on_it_for_its_down() {
    let tv = |columns: &[&str]| {
        let query = format!("SELECT {} FROM t", columns.join(", "));
        view("v", sql(&query), columns, &["t"])
    };
    let w = view("w", sql("SELECT a FROM v"), &["a"], &["v"]);
    let current = schema().with(t("integer")).with(tv(&["a"])).with(w.clone());
    let desired = schema().with(t("integer")).with(tv(&["a", "b"])).with(w);
    assert_snapshot!(planned(&current, &desired));
}

#[test]
fn a_trigger_on_a_view_growing_a_column_is_recreated_for_its_down() {
    let state = |columns: &[&str]| {
        let query = format!("SELECT {} FROM t", columns.join(", "));
        schema()
            .with(t("integer"))
            .with(view("v", sql(&query), columns, &["t"]))
            .with(function("ins", "", "trigger", "BEGIN RETURN NEW; END"))
            .with(trigger("v", "v_ins", "ins"))
    };
    assert_snapshot!(planned(&state(&["a"]), &state(&["a", "b"])));
}

#[test]
fn a_view_over_another_column_of_a_table_losing_one_is_recreated_too() {
    // Only `b` goes, but `v` reads `t`: it is dropped and created around the drop.
    let v = view("v", sql("SELECT a FROM t"), &["a"], &["t"]);
    let current = schema().with(t("integer")).with(v.clone());
    let desired = schema().with(table("t", [col("a", "integer")])).with(v);
    assert_snapshot!(diffed(&current, &desired));
}

#[test]
fn a_check_naming_a_retyped_column_is_dropped_and_added() {
    let with_check =
        |a_type: &str| schema().with(t(a_type).with(check("t_a_check", reading("a > 0", &["a"]))));
    assert_snapshot!(diffed(&with_check("integer"), &with_check("numeric")));
}

#[test]
fn a_check_is_left_alone_between_text_and_varchar() {
    let with_check = |a_type: &str| {
        schema().with(t(a_type).with(check("t_a_check", reading("a <> ''", &["a"]))))
    };
    let changes = diffed(&with_check("text"), &with_check("character varying(10)"));
    assert!(!changes.contains("constraint"), "{changes}");
    assert_snapshot!(changes);
}

#[test]
fn a_foreign_key_over_a_retyped_column_is_rebuilt() {
    let parent = |id: &str| table("p", [col("id", id)]).with(pk("p_pkey", &["id"]));
    let child =
        |id: &str| table("c", [col("p_id", id)]).with(fk("c_p_fk", &["p_id"], "p", &["id"]));
    let current = schema().with(parent("integer")).with(child("integer"));
    let desired = schema().with(parent("bigint")).with(child("bigint"));
    assert_snapshot!(diffed(&current, &desired));
}

#[test]
fn a_foreign_key_on_a_dropped_key_is_rebuilt() {
    // The key is renamed (dropped and added): the foreign key on it goes and comes back.
    let parent = |key: &str| table("p", [col("id", "integer")]).with(pk(key, &["id"]));
    let child = table("c", [col("p_id", "integer")]).with(fk("c_p_fk", &["p_id"], "p", &["id"]));
    let current = schema().with(parent("p_pkey")).with(child.clone());
    let desired = schema().with(parent("p_id_pkey")).with(child);
    assert_snapshot!(diffed(&current, &desired));
}

#[test]
fn a_foreign_key_on_a_recreated_unique_index_is_rebuilt() {
    // PostgreSQL lets a foreign key reference the columns of a plain unique index, and
    // then refuses to drop the index under it.
    let parent = |include: &[&str]| {
        let key = Index {
            unique: true,
            include: include.iter().map(|c| c.to_string()).collect(),
            ..index("p_code_idx", "p", &["code"])
        };
        schema().with(table("p", [col("code", "text")])).with(key)
    };
    let child = table("c", [col("code", "text")]).with(fk("c_code_fk", &["code"], "p", &["code"]));
    let current = parent(&[]).with(child.clone());
    let desired = parent(&["id"]).with(child);
    let changes = planned(&current, &desired);
    assert!(changes.contains("c_code_fk"), "{changes}");
    assert_snapshot!(changes);
}

#[test]
fn a_foreign_key_changed_anyway_is_rebuilt_once() {
    let parent = |key: &str| table("p", [col("id", "integer")]).with(pk(key, &["id"]));
    let child = |deferrable: bool| {
        let fk = crate::schema::Constraint {
            deferrable,
            ..fk("c_p_fk", &["p_id"], "p", &["id"])
        };
        table("c", [col("p_id", "integer")]).with(fk)
    };
    let current = schema().with(parent("p_pkey")).with(child(false));
    let desired = schema().with(parent("p_id_pkey")).with(child(true));
    let changes = crate::diff::diff(&current, &desired);
    let fk_drops = changes
        .iter()
        .filter(|c| matches!(c, crate::change::Change::DropConstraint(d) if d.constraint.name == "c_p_fk"))
        .count();
    assert_eq!(fk_drops, 1, "{changes:#?}");
    assert_snapshot!(render(&changes));
}

#[test]
fn a_check_calling_a_recreated_function_is_dropped_and_added() {
    let state = |returns: &str| {
        let k = check("t_b_check", calling("f(b) > 0", &["f"]));
        schema().with(f(returns)).with(t("integer").with(k))
    };
    assert_snapshot!(diffed(&state("integer"), &state("bigint")));
}

#[test]
fn a_check_calling_a_function_replaced_in_place_is_left_alone() {
    let state = |body: &str| {
        let k = check("t_b_check", calling("f(b) > 0", &["f"]));
        schema()
            .with(function("f", "x integer", "integer", body))
            .with(t("integer").with(k))
    };
    assert_snapshot!(diffed(&state("SELECT x"), &state("SELECT x + 1")));
}

#[test]
fn a_default_calling_a_recreated_function_is_taken_off_and_put_back() {
    let state = |returns: &str| {
        let b = Column {
            default: Some(calling("f(1)", &["f"])),
            ..col("b", "integer")
        };
        schema()
            .with(f(returns))
            .with(table("t", [col("a", "integer"), b]))
    };
    assert_snapshot!(diffed(&state("integer"), &state("bigint")));
}

#[test]
fn an_index_and_a_view_calling_a_recreated_function_are_recreated() {
    let state = |returns: &str| {
        let mut i = index("t_f_idx", "t", &[]);
        i.keys.push(crate::schema::IndexKey {
            def: calling("f(b)", &["f"]),
            column: None,
        });
        schema()
            .with(f(returns))
            .with(t("integer"))
            .with(i)
            .with(view(
                "v",
                calling("SELECT f(b) FROM t", &["f"]),
                &["f"],
                &["t"],
            ))
    };
    assert_snapshot!(diffed(&state("integer"), &state("bigint")));
}

#[test]
fn a_trigger_on_a_recreated_function_is_recreated() {
    // Whatever keeps `CREATE OR REPLACE` from changing the function (here its result)
    // recreates it, and the trigger on it with it.
    let state = |returns: &str| {
        schema()
            .with(t("integer"))
            .with(function("stamp", "", returns, "BEGIN RETURN NEW; END"))
            .with(trigger("t", "t_stamp", "stamp"))
    };
    assert_snapshot!(diffed(&state("trigger"), &state("opaque")));
}

#[test]
fn a_policy_calling_a_recreated_function_is_recreated() {
    let state = |returns: &str| {
        schema().with(f(returns)).with(t("integer")).with(policy(
            "t",
            "small",
            calling("f(b) < 10", &["f"]),
        ))
    };
    assert_snapshot!(diffed(&state("integer"), &state("bigint")));
}

#[test]
fn a_policy_altered_and_calling_a_recreated_function_is_only_recreated() {
    // Its `USING` changes too (an `ALTER POLICY` alone), but the function under it is
    // dropped and created: the policy is dropped and created in its new form instead.
    let state = |returns: &str, using: &str| {
        schema().with(f(returns)).with(t("integer")).with(policy(
            "t",
            "small",
            calling(using, &["f"]),
        ))
    };
    let current = state("integer", "f(b) < 10");
    let desired = state("bigint", "f(b) < 20");
    assert_snapshot!(diffed(&current, &desired));
}

#[test]
fn only_the_views_recreated_lose_their_in_place_changes() {
    // `v` is recreated (its table is retyped): its comment comes with the create. `u`,
    // over another table, only has its comment set.
    let commented = |v: View| View {
        comment: Some("new".into()),
        ..v
    };
    let v = view("v", sql("SELECT a FROM t"), &["a"], &["t"]);
    let u = view("u", sql("SELECT x FROM s"), &["x"], &["s"]);
    let s = table("s", [col("x", "integer")]);
    let current = schema()
        .with(t("integer"))
        .with(s.clone())
        .with(v.clone())
        .with(u.clone());
    let desired = schema()
        .with(t("bigint"))
        .with(s)
        .with(commented(v))
        .with(commented(u));
    assert_snapshot!(diffed(&current, &desired));
}

#[test]
fn replica_identity_and_clustering_over_a_rebuilt_index_are_set_again() {
    // Both settings name `t_b`, whose definition changes: cleared before its drop, set
    // again after its creation (PostgreSQL forgets them with the index).
    let on_b = |t: Table| Table {
        replica_identity: crate::schema::ReplicaIdentity::Index("t_b".into()),
        cluster_on: Some("t_b".into()),
        ..t
    };
    let unique_b = |columns: &[&str]| Index {
        unique: true,
        ..index("t_b", "t", columns)
    };
    let current = schema().with(on_b(t("integer"))).with(unique_b(&["b"]));
    let desired = schema()
        .with(on_b(t("integer")))
        .with(unique_b(&["b", "a"]));
    assert_snapshot!(planned(&current, &desired));
}

/// The first word of each planned change, in order.
fn plan_labels(current: &crate::schema::Schema, desired: &crate::schema::Schema) -> Vec<String> {
    planned(current, desired)
        .lines()
        .map(|l| l.split(' ').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_view_calling_a_changed_aggregate_goes_before_it_and_comes_back_after() {
    let total = |def: &str| aggregate("total", "integer", sql(def));
    let v = view(
        "v",
        calling("SELECT total(a) AS s FROM t", &["total"]),
        &["s"],
        &["t"],
    );
    let current = schema()
        .with(t("integer"))
        .with(total(
            "CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer)",
        ))
        .with(v.clone());
    let desired = schema()
        .with(t("integer"))
        .with(total(
            "CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0')",
        ))
        .with(v);
    assert_eq!(
        plan_labels(&current, &desired),
        [
            "drop_view",
            "drop_aggregate",
            "create_aggregate",
            "create_view"
        ]
    );
}

#[test]
fn an_index_and_a_view_using_an_operator_over_a_recreated_function_follow_it() {
    let op = operator(
        "===",
        "integer",
        "integer",
        calling(
            "CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = f)",
            &["f"],
        ),
    );
    let v = view(
        "v",
        calling("SELECT a FROM t WHERE a === b", &["==="]),
        &["a"],
        &["t"],
    );
    let mut i = index("t_same_idx", "t", &["a"]);
    i.predicate = Some(calling("a === b", &["==="]));
    let with = |s: crate::schema::Schema, returns: &str| {
        s.with(t("integer"))
            .with(f(returns))
            .with(op.clone())
            .with(v.clone())
            .with(i.clone())
    };
    let labels = plan_labels(&with(schema(), "integer"), &with(schema(), "bigint"));
    let at = |l: &str| labels.iter().position(|x| x == l).expect(l);
    let last = |l: &str| labels.iter().rposition(|x| x == l).expect(l);
    assert!(at("drop_view") < at("drop_operator"), "{labels:?}");
    assert!(at("drop_index") < at("drop_operator"), "{labels:?}");
    assert!(at("drop_operator") < at("replace_function"), "{labels:?}");
    assert!(at("replace_function") < at("create_operator"), "{labels:?}");
    assert!(at("create_operator") < last("create_view"), "{labels:?}");
    assert!(at("create_operator") < last("create_index"), "{labels:?}");
}

#[test]
fn a_view_over_a_typed_table_goes_around_its_type_dropping_an_attribute() {
    let ty = |attrs: &[(&str, &str)]| composite("item", attrs);
    let typed = |attrs: &[(&str, &str)]| Table {
        of_type: Some(qn("item")),
        ..table("items", attrs.iter().map(|(n, t)| col(n, t)))
    };
    let v = view("v", sql("SELECT a FROM items"), &["a"], &["items"]);
    let before = [("a", "integer"), ("b", "text")];
    let after = [("a", "integer")];
    let current = schema()
        .with(ty(&before))
        .with(typed(&before))
        .with(v.clone());
    let desired = schema().with(ty(&after)).with(typed(&after)).with(v);
    assert_eq!(
        plan_labels(&current, &desired),
        ["drop_view", "alter_composite", "create_view"]
    );
}

#[test]
fn what_stands_on_a_column_dropped_and_added_again_is_dropped_before_and_added_after() {
    // `g`'s generation expression changes, so the column is dropped and added: `DROP
    // COLUMN` takes the index, the CHECK and the unique key over it along, and refuses
    // while the foreign key from `c` references it. Each comes off first and back after;
    // the index on `a` alone and the key on `a` stay.
    let g = |expr: &str| Column {
        generated: Some(Box::new(reading(expr, &["a"]))),
        ..col("g", "integer")
    };
    let with_g = |expr: &str| {
        table("t", [col("a", "integer"), g(expr)])
            .with(pk("t_pkey", &["a"]))
            .with(unique("t_g_key", &["g"]))
            .with(check("t_g_check", reading("g > 0", &["g"])))
    };
    let child = table("c", [col("t_g", "integer")]).with(fk("c_fk", &["t_g"], "t", &["g"]));
    let on = |expr: &str| {
        schema()
            .with(with_g(expr))
            .with(child.clone())
            .with(index("t_g_idx", "t", &["g"]))
            .with(index("t_a_idx", "t", &["a"]))
    };
    assert_snapshot!(planned(&on("a + 1"), &on("a + 2")));
}

#[test]
fn a_generated_column_calling_a_recreated_function_is_dropped_before_and_added_after() {
    // `g` is generated from `f(a)`: PostgreSQL refuses to drop `f` while `g` stands, so
    // `g` goes first, with the index on it and the view reading `t`, and all come back
    // after `f`, once each; `h` calls nothing and stays.
    let g = Column {
        generated: Some(Box::new(calling("f(a)", &["f"]))),
        ..col("g", "integer")
    };
    let h = Column {
        generated: Some(Box::new(reading("a + 1", &["a"]))),
        ..col("h", "integer")
    };
    let state = |returns: &str| {
        schema()
            .with(f(returns))
            .with(table("t", [col("a", "integer"), g.clone(), h.clone()]))
            .with(index("t_g_idx", "t", &["g"]))
            .with(view("v", sql("SELECT g FROM t"), &["g"], &["t"]))
    };
    let labels = plan_labels(&state("integer"), &state("bigint"));
    let at = |l: &str| labels.iter().position(|x| x == l).expect(l);
    let count = |l: &str| labels.iter().filter(|x| *x == l).count();
    assert!(at("drop_view") < at("drop_column"), "{labels:?}");
    assert!(at("drop_index") < at("drop_column"), "{labels:?}");
    assert!(at("drop_column") < at("replace_function"), "{labels:?}");
    assert!(at("replace_function") < at("add_column"), "{labels:?}");
    assert!(at("add_column") < at("create_index"), "{labels:?}");
    assert!(at("add_column") < at("create_view"), "{labels:?}");
    for l in ["drop_column", "add_column", "drop_index", "create_index"] {
        assert_eq!(count(l), 1, "{l}: {labels:?}");
    }
}

#[test]
fn a_generated_column_using_an_operator_over_a_recreated_function_follows_it() {
    let op = operator(
        "===",
        "integer",
        "integer",
        calling(
            "CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = f)",
            &["f"],
        ),
    );
    let g = Column {
        generated: Some(Box::new(calling("a === 1", &["==="]))),
        ..col("g", "boolean")
    };
    let state = |returns: &str| {
        schema().with(f(returns)).with(op.clone()).with(
            table("t", [col("a", "integer"), g.clone()])
                .with(check("t_g_check", reading("g", &["g"]))),
        )
    };
    let labels = plan_labels(&state("integer"), &state("bigint"));
    let at = |l: &str| labels.iter().position(|x| x == l).expect(l);
    assert!(at("drop_constraint") < at("drop_column"), "{labels:?}");
    assert!(at("drop_column") < at("drop_operator"), "{labels:?}");
    assert!(at("create_operator") < at("add_column"), "{labels:?}");
    assert!(at("add_column") < at("add_constraint"), "{labels:?}");
}

#[test]
fn a_generated_column_calling_a_recreated_function_takes_its_own_changes_into_its_add() {
    // `g` is retyped and its comment changes too: the add states both, so neither the
    // `ALTER COLUMN` nor the `COMMENT ON COLUMN` is left to run on the column.
    let g = |data_type: &str, comment: &str| Column {
        generated: Some(Box::new(calling("f(a)", &["f"]))),
        comment: Some(comment.to_string()),
        ..col("g", data_type)
    };
    let state = |returns: &str, g: Column| {
        schema()
            .with(f(returns))
            .with(table("t", [col("a", "integer"), g]))
    };
    let labels = plan_labels(
        &state("integer", g("integer", "old")),
        &state("bigint", g("bigint", "new")),
    );
    let count = |l: &str| labels.iter().filter(|x| *x == l).count();
    assert_eq!(
        (count("drop_column"), count("add_column")),
        (1, 1),
        "{labels:?}"
    );
    assert_eq!(
        (count("alter_column"), count("comment")),
        (0, 0),
        "{labels:?}"
    );
}
