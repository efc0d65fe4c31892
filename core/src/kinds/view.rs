//! Views and materialized views: their IR and the `create_view`/`drop_view`/`replace_view`
//! changes.

use crate::change::{create_drop, from_to, no_hazards, relation_setting, Change, Deps, ObjRef};
use crate::diff::{comment_change, diff_objects, Kept};
use crate::kinds::comment::CommentTarget;
use crate::kinds::table::{same_parameters, SetClusterOn};
use crate::schema::{Expr, QualifiedName, Schema};
use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;
use std::collections::BTreeMap;

/// A view or materialized view.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    pub name: QualifiedName,
    #[serde(default)]
    pub materialized: bool,
    /// The query: `sql` to emit, `key` canonical (names qualified, `*` expanded).
    pub query: Expr,
    /// Output column names, in order.
    pub columns: Vec<String>,
    /// The output columns whose type a cast at the top of their expression decides
    /// (`a::bigint AS a`), with that type: `CREATE OR REPLACE VIEW` cannot change it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub column_casts: BTreeMap<String, String>,
    /// Relations (tables, views) the query reads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<QualifiedName>,
    /// The query's text has a `*` (or `t.*`) that PostgreSQL expands when the view is
    /// created: the same text created again later takes the columns the relation has then.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub expands_star: bool,
    /// `WITH NO DATA` for a materialized view: used when creating, never compared (a
    /// `REFRESH` populates it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub with_no_data: bool,
    /// A plain view's options (`WITH (…)`, `WITH … CHECK OPTION`).
    #[serde(default, skip_serializing_if = "ViewOptions::is_default")]
    pub options: ViewOptions,
    /// A materialized view's storage parameters (`WITH (fillfactor = 70,
    /// toast.autovacuum_enabled = off)`), kept as a table's are
    /// ([`crate::kinds::table::Table::storage_parameters`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub storage_parameters: Vec<(String, String)>,
    /// A materialized view's `CLUSTER ON index` (an index of it, in its schema).
    pub cluster_on: Option<String>,
    /// A plain view's column defaults (`ALTER VIEW … ALTER COLUMN … SET DEFAULT`, which an
    /// `INSERT` through the view uses), by column name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub column_defaults: BTreeMap<String, Expr>,
    /// A materialized view's column statistics targets (`ALTER MATERIALIZED VIEW … ALTER
    /// COLUMN … SET STATISTICS n`), by column name; PostgreSQL's default (-1) is left out.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub column_statistics: BTreeMap<String, i32>,
    /// A materialized view's column attribute options (`ALTER MATERIALIZED VIEW … ALTER
    /// COLUMN … SET (n_distinct = …)`), by column name, kept as a table column's are.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub column_options: BTreeMap<String, Vec<(String, String)>>,
    pub comment: Option<String>,
    /// Comments on its columns (`COMMENT ON COLUMN view.column`), by column name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub column_comments: BTreeMap<String, String>,
}

/// `WITH [LOCAL | CASCADED] CHECK OPTION` of an updatable view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckOption {
    Local,
    Cascaded,
}

impl CheckOption {
    /// The value PostgreSQL stores (`check_option=local`).
    pub fn value(self) -> &'static str {
        match self {
            CheckOption::Local => "local",
            CheckOption::Cascaded => "cascaded",
        }
    }
}

/// The options PostgreSQL stores for a plain view in `reloptions`: `check_option`,
/// `security_barrier` and `security_invoker`. A boolean set to false means what its
/// absence means, so it is kept as absent.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewOptions {
    pub check_option: Option<CheckOption>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub security_barrier: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub security_invoker: bool,
}

impl ViewOptions {
    /// No option set: a view as `CREATE VIEW` makes it.
    pub fn is_default(&self) -> bool {
        *self == ViewOptions::default()
    }

    /// Each option by its name, with its value when it is set.
    pub fn entries(&self) -> [(&'static str, Option<&'static str>); 3] {
        let flag = |on: bool| on.then_some("true");
        [
            ("check_option", self.check_option.map(CheckOption::value)),
            ("security_barrier", flag(self.security_barrier)),
            ("security_invoker", flag(self.security_invoker)),
        ]
    }
}

impl View {
    /// Whether `CREATE OR REPLACE VIEW` can turn this view into `other`: plain views whose
    /// column list only grows at the end, the columns kept with the types casts decide.
    pub fn replaceable_by(&self, other: &View) -> bool {
        !self.materialized
            && !other.materialized
            && other.columns.starts_with(&self.columns)
            && self
                .columns
                .iter()
                .all(|c| self.column_casts.get(c) == other.column_casts.get(c))
    }

    /// True when the two define the same view (ignoring the comment, the options, the
    /// storage parameters, the clustering index, the column defaults, statistics targets
    /// and options and `WITH NO DATA`).
    pub fn same_definition(&self, other: &View) -> bool {
        self.materialized == other.materialized
            && self.query == other.query
            && self.columns == other.columns
    }

    /// The SQL keyword for the kind: `VIEW` or `MATERIALIZED VIEW`.
    pub fn keyword(&self) -> &'static str {
        if self.materialized {
            "MATERIALIZED VIEW"
        } else {
            "VIEW"
        }
    }
}

fn created(v: &View) -> Deps {
    let defaults = v.column_defaults.values().flat_map(|e| &e.refs);
    let refs = v.depends_on.iter().chain(&v.query.refs).chain(defaults);
    let mut deps = Deps::in_schema(&v.name, refs.cloned());
    deps.requires
        .extend(ObjRef::reading(v.depends_on.iter().cloned()));
    deps
}

create_drop! {
    View, deps created, label |v| v.name.name.clone();
    /// `CREATE VIEW` / `CREATE MATERIALIZED VIEW`.
    CreateView = "create_view", rank 35, hazards no_hazards;
    /// `DROP VIEW` / `DROP MATERIALIZED VIEW`.
    DropView = "drop_view", rank 9, hazards no_hazards;
    /// `CREATE OR REPLACE VIEW`: only when the column list grows at the end.
    ReplaceView = "replace_view", rank 35, in place;
}

relation_setting! {
    /// `ALTER VIEW … SET (…)` / `RESET (…)`: a view's options change in place.
    SetViewOptions { view: ViewOptions } = "set_view_options",
    rank 35, label "options", hazards vec![],
}

from_to! {
    /// `ALTER VIEW … ALTER COLUMN … SET DEFAULT` / `DROP DEFAULT`: a view's column
    /// defaults change in place (by column name). It needs what the new defaults name and
    /// lets go of what the old ones named.
    SetViewDefaults { from, to: BTreeMap<String, Expr>, view: QualifiedName }
    = "set_view_defaults",
    rank |_| 35,
    label |c| format!("defaults_{}", c.view.name),
    deps |c| {
        let refs = |d: &BTreeMap<String, Expr>| {
            d.values().flat_map(|e| e.refs.iter().cloned().map(ObjRef::Name)).collect::<Vec<_>>()
        };
        Deps::relinking(ObjRef::Name(c.view.clone()), refs(&c.to), refs(&c.from))
    },
    hazards |_, _| vec![],
}

relation_setting! {
    /// `ALTER MATERIALIZED VIEW … ALTER COLUMN … SET STATISTICS`: a materialized view's
    /// column statistics targets change in place (one gone is set back to -1).
    SetMatviewStatistics { view: BTreeMap<String, i32> }
    = "set_matview_statistics",
    rank 34, label "statistics", hazards vec![],
}

relation_setting! {
    /// `ALTER MATERIALIZED VIEW … ALTER COLUMN … SET (…)` / `RESET (…)`: a materialized
    /// view's column attribute options change in place.
    SetMatviewColumnOptions { view: BTreeMap<String, Vec<(String, String)>> }
    = "set_matview_column_options",
    rank 34, label "column_options", hazards vec![],
}

relation_setting! {
    /// `ALTER MATERIALIZED VIEW … SET (…)` / `RESET (…)`: a materialized view's storage
    /// parameters change in place.
    SetMatviewStorageParameters { view: Vec<(String, String)> }
    = "set_matview_storage_parameters",
    rank 34, label "storage_parameters", hazards vec![],
}

/// The diff pass of views: created, dropped, replaced in place (`CREATE OR REPLACE` when the
/// column list only grows at the end, which states the options too), options and column
/// defaults changed in place (`ALTER VIEW … SET/RESET`, `ALTER COLUMN … SET/DROP DEFAULT`;
/// a materialized view's storage parameters, column statistics targets and options and
/// clustering index with `ALTER MATERIALIZED VIEW`), or dropped and recreated when the definition
/// cannot be replaced. Views recreated because something underneath them changes are the
/// cascade's (`crate::diff`). The comments of the columns of a view kept (or replaced) in
/// place are compared one by one; a view created carries them.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let replaced = |c: &View, d: &View, out: &mut Vec<Change>| {
        if !c.same_definition(d) && star_takes_new_columns(c, current, desired) {
            return Kept::Recreated;
        }
        let kept = kept_view(c, d, out);
        if kept == Kept::InPlace {
            for column in &d.columns {
                let target = CommentTarget::Column {
                    table: d.name.clone(),
                    column: column.clone(),
                };
                let text = |v: &View| v.column_comments.get(column).cloned();
                comment_change(out, target, &text(c), &text(d));
            }
        }
        kept
    };
    diff_objects(&current.views, &desired.views, replaced, out);
}

/// Whether the `*` of `v`'s text has more to expand in `desired` than in `current`: a
/// relation it reads gains a column. A view replaced in place comes back in the down file
/// by drop and create, in the reverse order of the up, so before that column is dropped:
/// its `*` would take the column then. Such a view is dropped and created around the
/// column's change instead, both ways.
fn star_takes_new_columns(v: &View, current: &Schema, desired: &Schema) -> bool {
    let columns = |s: &Schema, r: &QualifiedName| -> Vec<String> {
        match (s.tables.get(r), s.views.get(r)) {
            (Some(t), _) => t.columns.iter().map(|c| c.name.clone()).collect(),
            (None, Some(v)) => v.columns.clone(),
            (None, None) => Vec::new(),
        }
    };
    v.expands_star
        && v.depends_on.iter().any(|r| {
            let before = columns(current, r);
            columns(desired, r).iter().any(|c| !before.contains(c))
        })
}

/// How a view that both sides have changes, apart from its comments: options set in
/// place, replaced in place, or recreated.
fn kept_view(c: &View, d: &View, out: &mut Vec<Change>) -> Kept {
    if c.same_definition(d) {
        if c.options != d.options {
            out.push(Change::SetViewOptions(SetViewOptions {
                view: d.name.clone(),
                from: c.options.clone(),
                to: d.options.clone(),
            }));
        }
        if !same_parameters(&c.storage_parameters, &d.storage_parameters) {
            out.push(Change::SetMatviewStorageParameters(
                SetMatviewStorageParameters {
                    view: d.name.clone(),
                    from: c.storage_parameters.clone(),
                    to: d.storage_parameters.clone(),
                },
            ));
        }
        if c.column_statistics != d.column_statistics {
            out.push(Change::SetMatviewStatistics(SetMatviewStatistics {
                view: d.name.clone(),
                from: c.column_statistics.clone(),
                to: d.column_statistics.clone(),
            }));
        }
        let columns = |v: &View| {
            let mut o = v.column_options.clone();
            o.values_mut().for_each(|p| p.sort());
            o
        };
        if columns(c) != columns(d) {
            out.push(Change::SetMatviewColumnOptions(SetMatviewColumnOptions {
                view: d.name.clone(),
                from: c.column_options.clone(),
                to: d.column_options.clone(),
            }));
        }
        if c.cluster_on != d.cluster_on {
            out.push(Change::SetClusterOn(SetClusterOn {
                materialized: true,
                ..SetClusterOn::new(&d.name, c.cluster_on.clone(), d.cluster_on.clone())
            }));
        }
        view_defaults(c, d, out);
        Kept::InPlace
    } else if c.replaceable_by(d) {
        // `CREATE OR REPLACE` keeps the columns' defaults: they change on their own.
        out.push(ReplaceView::between(c.clone(), d.clone()));
        view_defaults(c, d, out);
        Kept::InPlace
    } else {
        Kept::Recreated
    }
}

/// A [`SetViewDefaults`] when the column defaults of a view kept in place differ.
fn view_defaults(c: &View, d: &View, out: &mut Vec<Change>) {
    if c.column_defaults != d.column_defaults {
        out.push(Change::SetViewDefaults(SetViewDefaults {
            view: d.name.clone(),
            from: c.column_defaults.clone(),
            to: d.column_defaults.clone(),
        }));
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::{CheckOption, Schema, View, ViewOptions};
    use insta::assert_snapshot;

    /// `v` reading `a` of `t`, with `options`.
    fn v_with(options: ViewOptions, query: &str, columns: &[&str]) -> View {
        View {
            options,
            ..view("v", sql(query), columns, &["t"])
        }
    }

    fn barrier_checked() -> ViewOptions {
        ViewOptions {
            check_option: Some(CheckOption::Local),
            security_barrier: true,
            security_invoker: false,
        }
    }

    fn over_t(v: View) -> Schema {
        schema()
            .with(table("t", [col("a", "integer"), col("b", "integer")]))
            .with(v)
    }

    #[test]
    fn a_view_whose_columns_grow_at_the_end_is_replaced() {
        let current = over_t(view("v", sql("SELECT a FROM t"), &["a"], &["t"]));
        let desired = over_t(view("v", sql("SELECT a, b FROM t"), &["a", "b"], &["t"]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_star_view_whose_table_gains_a_column_is_dropped_and_created_around_it() {
        let star = |columns: &[&str]| View {
            expands_star: true,
            ..view("v", sql("SELECT * FROM t"), columns, &["t"])
        };
        let current = schema()
            .with(table("t", [col("a", "integer")]))
            .with(star(&["a"]));
        let desired = over_t(star(&["a", "b"]));
        let planned = planned(&current, &desired);
        let kinds: Vec<&str> = planned
            .lines()
            .map(|l| l.split(' ').next().unwrap_or(""))
            .collect();
        assert_eq!(
            kinds,
            ["drop_view", "add_column", "create_view"],
            "{planned}"
        );
    }

    #[test]
    fn a_view_whose_cast_decides_another_column_type_is_not_replaced_in_place() {
        let cast = |ty: &str| View {
            column_casts: [("a".to_string(), ty.to_string())].into(),
            ..view(
                "v",
                sql(&format!("SELECT a::{ty} AS a FROM t")),
                &["a"],
                &["t"],
            )
        };
        assert!(!cast("integer").replaceable_by(&cast("bigint")));
        assert!(cast("integer").replaceable_by(&cast("integer")));
        let grown = View {
            columns: vec!["a".into(), "b".into()],
            ..cast("integer")
        };
        assert!(cast("integer").replaceable_by(&grown));
    }

    #[test]
    fn a_view_losing_a_column_is_dropped_and_created() {
        let current = over_t(view("v", sql("SELECT a, b FROM t"), &["a", "b"], &["t"]));
        let desired = over_t(view("v", sql("SELECT b FROM t"), &["b"], &["t"]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_changed_materialized_view_is_dropped_and_created_with_its_index() {
        let mv = |query: &str, columns: &[&str]| View {
            materialized: true,
            ..view("mv", sql(query), columns, &["t"])
        };
        let current = over_t(mv("SELECT a FROM t", &["a"])).with(index("mv_a", "mv", &["a"]));
        let desired =
            over_t(mv("SELECT a, b FROM t", &["a", "b"])).with(index("mv_a", "mv", &["a"]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_comment_alone_is_set_without_replacing_the_view() {
        let current = over_t(view("v", sql("SELECT a FROM t"), &["a"], &["t"]));
        let desired = over_t(View {
            comment: Some("the a".into()),
            ..view("v", sql("SELECT a FROM t"), &["a"], &["t"])
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn column_comments_alone_are_set_and_cleared_in_place() {
        let with = |comments: &[(&str, &str)]| View {
            column_comments: comments
                .iter()
                .map(|(c, t)| (c.to_string(), t.to_string()))
                .collect(),
            ..view("v", sql("SELECT a, b FROM t"), &["a", "b"], &["t"])
        };
        let current = over_t(with(&[("a", "the a")]));
        let desired = over_t(with(&[("b", "the b")]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn options_alone_are_set_and_reset_in_place() {
        let invoker = ViewOptions {
            security_invoker: true,
            ..Default::default()
        };
        let current = over_t(v_with(invoker, "SELECT a FROM t", &["a"]));
        let desired = over_t(v_with(barrier_checked(), "SELECT a FROM t", &["a"]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_view_replaced_in_place_carries_its_new_options() {
        let current = over_t(v_with(ViewOptions::default(), "SELECT a FROM t", &["a"]));
        let desired = over_t(v_with(barrier_checked(), "SELECT a, b FROM t", &["a", "b"]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_view_recreated_under_a_retyped_column_takes_its_options_with_the_create() {
        let current = over_t(v_with(ViewOptions::default(), "SELECT a FROM t", &["a"]));
        let desired = schema()
            .with(table("t", [col("a", "bigint"), col("b", "integer")]))
            .with(v_with(barrier_checked(), "SELECT a FROM t", &["a"]));
        assert_snapshot!(diffed(&current, &desired));
    }

    /// `mv` reading `a` (and `b` when `wide`) of `t`, with `storage_parameters` and
    /// clustered on `cluster_on`, and its index `mv_a`.
    fn mv(wide: bool, storage: &[(&str, &str)], cluster_on: Option<&str>) -> Schema {
        let (query, columns): (&str, &[&str]) = if wide {
            ("SELECT a, b FROM t", &["a", "b"])
        } else {
            ("SELECT a FROM t", &["a"])
        };
        over_t(View {
            materialized: true,
            storage_parameters: storage
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            cluster_on: cluster_on.map(str::to_string),
            ..view("mv", sql(query), columns, &["t"])
        })
        .with(index("mv_a", "mv", &["a"]))
        .with(index("mv_a2", "mv", &["a"]))
    }

    #[test]
    fn a_materialized_view_s_storage_parameters_and_clustering_change_in_place() {
        let current = mv(
            false,
            &[("fillfactor", "90"), ("autovacuum_enabled", "off")],
            Some("mv_a"),
        );
        let desired = mv(false, &[("fillfactor", "70")], Some("mv_a2"));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_recreated_materialized_view_states_its_parameters_and_is_clustered_again() {
        // Cleared before the drop, so the down file clusters the old view again last.
        let current = mv(false, &[("fillfactor", "90")], Some("mv_a"));
        let desired = mv(true, &[("fillfactor", "70")], Some("mv_a"));
        assert_snapshot!(diffed(&current, &desired));
        let steps = crate::plan::plan(crate::diff::diff(&current, &desired), &|_| {
            crate::plan::TxRule::InTransaction
        })
        .unwrap();
        let order: Vec<String> = steps[0]
            .changes
            .iter()
            .map(|c| c.kind().to_string())
            .collect();
        let at = |k: &str| order.iter().position(|x| x == k).unwrap();
        let cluster: Vec<usize> = order
            .iter()
            .enumerate()
            .filter(|(_, k)| *k == "set_cluster_on")
            .map(|(i, _)| i)
            .collect();
        assert_eq!(cluster.len(), 2, "{order:?}");
        let last_create = order.iter().rposition(|x| x == "create_index").unwrap();
        assert!(cluster[0] < at("drop_view"), "{order:?}");
        assert!(last_create < cluster[1], "{order:?}");
    }

    #[test]
    fn column_defaults_change_in_place_and_come_with_a_created_view() {
        let with = |defaults: &[(&str, &str)], query: &str, columns: &[&str]| View {
            column_defaults: defaults
                .iter()
                .map(|(c, e)| (c.to_string(), sql(e)))
                .collect(),
            ..view("v", sql(query), columns, &["t"])
        };
        let current = over_t(with(
            &[("a", "1"), ("b", "2")],
            "SELECT a, b FROM t",
            &["a", "b"],
        ));
        let desired = over_t(with(&[("a", "3")], "SELECT a, b FROM t", &["a", "b"]));
        assert_snapshot!(diffed(&current, &desired));
        let desired = over_t(with(&[("b", "2")], "SELECT b, a FROM t", &["b", "a"]));
        assert_snapshot!(
            "view_recreated_with_its_defaults",
            diffed(&current, &desired)
        );
    }

    #[test]
    fn a_materialized_view_s_column_statistics_change_in_place() {
        let with = |targets: &[(&str, i32)]| {
            over_t(View {
                materialized: true,
                column_statistics: targets.iter().map(|(c, t)| (c.to_string(), *t)).collect(),
                ..view("mv", sql("SELECT a, b FROM t"), &["a", "b"], &["t"])
            })
        };
        let current = with(&[("a", 100), ("b", 200)]);
        let desired = with(&[("a", 300)]);
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_materialized_view_s_column_options_compare_in_any_order_and_change_in_place() {
        let with = |options: &[(&str, &str)]| {
            let options = options
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            over_t(View {
                materialized: true,
                column_options: [("a".to_string(), options)].into_iter().collect(),
                ..view("mv", sql("SELECT a, b FROM t"), &["a", "b"], &["t"])
            })
        };
        let current = with(&[("n_distinct", "5"), ("n_distinct_inherited", "6")]);
        let reordered = with(&[("n_distinct_inherited", "6"), ("n_distinct", "5")]);
        assert_eq!(diffed(&current, &reordered), "");
        assert_snapshot!(diffed(&current, &with(&[("n_distinct", "7")])));
    }
}
