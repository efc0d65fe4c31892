//! Views and materialized views: their IR and the `create_view`/`drop_view`/`replace_view`
//! changes.

use crate::change::{create_drop, no_hazards, Change, Deps, ObjRef};
use crate::diff::{diff_objects, Kept};
use crate::schema::{Expr, QualifiedName, Schema};
use serde::{Deserialize, Serialize};

/// A view or materialized view.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    pub name: QualifiedName,
    #[serde(default)]
    pub materialized: bool,
    /// The query: `sql` to emit, `key` canonical (names qualified, `*` expanded).
    pub query: Expr,
    /// Output column names, in order.
    pub columns: Vec<String>,
    /// Relations (tables, views) the query reads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<QualifiedName>,
    /// `WITH NO DATA` for a materialized view: used when creating, never compared (a
    /// `REFRESH` populates it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub with_no_data: bool,
    pub comment: Option<String>,
}

impl View {
    /// Whether `CREATE OR REPLACE VIEW` can turn this view into `other`: plain views whose
    /// column list only grows at the end.
    pub fn replaceable_by(&self, other: &View) -> bool {
        !self.materialized && !other.materialized && other.columns.starts_with(&self.columns)
    }

    /// True when the two define the same view (ignoring the comment and `WITH NO DATA`).
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
    let mut deps = Deps::in_schema(&v.name, v.depends_on.iter().chain(&v.query.refs).cloned());
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

/// The diff pass of views: created, dropped, replaced in place (`CREATE OR REPLACE` when the
/// column list only grows at the end), or dropped and recreated when the definition cannot
/// be replaced. Views recreated because something underneath them changes are the
/// cascade's (`crate::diff`).
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let replaced = |c: &View, d: &View, out: &mut Vec<Change>| {
        if c.same_definition(d) {
            Kept::InPlace
        } else if c.replaceable_by(d) {
            out.push(Change::ReplaceView(ReplaceView {
                from: c.clone(),
                to: d.clone(),
            }));
            Kept::InPlace
        } else {
            Kept::Recreated
        }
    };
    diff_objects(&current.views, &desired.views, replaced, out);
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::{Schema, View};
    use insta::assert_snapshot;

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
}
