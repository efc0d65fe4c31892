//! `ALTER MATERIALIZED VIEW` sub-commands this kind models: storage parameters (`SET (…)`,
//! `RESET (…)`, kept as a table's are), column statistics targets and attribute options
//! (`ALTER COLUMN … SET STATISTICS`, `ALTER COLUMN … SET (…) / RESET (…)`) and the
//! clustering index (`CLUSTER ON index`, `SET WITHOUT CLUSTER`); and a plain view's column defaults (`ALTER VIEW … ALTER COLUMN … SET
//! DEFAULT / DROP DEFAULT`). A plain view's `SET/RESET` are its options
//! ([`super::options`]).

use crate::load::{altered_options, does_not_exist, Loader, R};
use migrator_core::schema::{QualifiedName, View};
use pg_query::protobuf as pb;

impl Loader {
    /// The view an `ALTER VIEW | MATERIALIZED VIEW` names, resolved along the search path
    /// among the views.
    fn altered_view_name(&self, s: &pb::AlterTableStmt) -> R<QualifiedName> {
        let rv = s.relation.as_ref().ok_or("ALTER without a name")?;
        Ok(self.resolve(&rv.schemaname, &rv.relname, |q| {
            self.schema.views.contains_key(q)
        }))
    }

    /// `ALTER MATERIALIZED VIEW … SET (name = value, …)` / `RESET (name, …)`.
    pub(crate) fn set_matview_storage_parameters(
        &mut self,
        s: &pb::AlterTableStmt,
        cmd: &pb::AlterTableCmd,
    ) -> R<()> {
        let path = self.search_path.as_deref();
        let Some((view, options, reset)) =
            altered_options(path, (s, cmd), &mut self.schema.views, "materialized view")?
        else {
            return Ok(());
        };
        materialized(view)?;
        crate::kinds::table::load::set_or_reset(&mut view.storage_parameters, options, reset);
        Ok(())
    }

    /// `ALTER MATERIALIZED VIEW … CLUSTER ON index` (an index of the view) / `SET WITHOUT
    /// CLUSTER`.
    pub(crate) fn set_matview_cluster_on(
        &mut self,
        s: &pb::AlterTableStmt,
        cmd: &pb::AlterTableCmd,
    ) -> R<()> {
        let q = self.altered_view_name(s)?;
        let on = if cmd.subtype == pb::AlterTableType::AtClusterOn as i32 {
            let index = QualifiedName::new(q.schema.clone(), cmd.name.clone());
            if self.schema.indexes.get(&index).is_none_or(|i| i.table != q) {
                return Err(format!(
                    "CLUSTER ON: {index} is not an index of materialized view {q}"
                ));
            }
            Some(cmd.name.clone())
        } else {
            None
        };
        match self.schema.views.get_mut(&q) {
            Some(view) => {
                materialized(view)?;
                view.cluster_on = on;
                Ok(())
            }
            None if s.missing_ok => Ok(()),
            None => Err(does_not_exist("materialized view", &q)),
        }
    }
}

impl Loader {
    /// The materialized view an `ALTER MATERIALIZED VIEW … ALTER COLUMN name …` names, once
    /// the column is found in it: `None` when the view does not exist under `IF EXISTS`.
    fn altered_matview_column(
        &mut self,
        s: &pb::AlterTableStmt,
        cmd: &pb::AlterTableCmd,
    ) -> R<Option<&mut View>> {
        let q = self.altered_view_name(s)?;
        let Some(view) = self.schema.views.get_mut(&q) else {
            if s.missing_ok {
                return Ok(None);
            }
            return Err(does_not_exist("materialized view", &q));
        };
        materialized(view)?;
        if cmd.name.is_empty() {
            return Err("cannot refer to non-index column by number".into());
        }
        if !view.columns.contains(&cmd.name) {
            return Err(format!(
                "column \"{}\" of relation \"{}\" does not exist",
                cmd.name, q.name
            ));
        }
        Ok(Some(view))
    }

    /// `ALTER MATERIALIZED VIEW … ALTER COLUMN name SET STATISTICS target`, kept as
    /// PostgreSQL keeps it (above 10000 lowered to 10000, -1 the default).
    pub(crate) fn set_matview_statistics(
        &mut self,
        s: &pb::AlterTableStmt,
        cmd: &pb::AlterTableCmd,
    ) -> R<()> {
        let target = crate::kinds::column::load::statistics_target(
            cmd.def.as_deref().map(crate::normalize::const_text),
        )?;
        let Some(view) = self.altered_matview_column(s, cmd)? else {
            return Ok(());
        };
        match target {
            None => view.column_statistics.remove(&cmd.name),
            Some(t) => view.column_statistics.insert(cmd.name.clone(), t),
        };
        Ok(())
    }

    /// `ALTER MATERIALIZED VIEW … ALTER COLUMN … SET (option = value, …)` / `RESET
    /// (option, …)`, kept as a table column's are.
    pub(crate) fn set_matview_column_options(
        &mut self,
        s: &pb::AlterTableStmt,
        cmd: &pb::AlterTableCmd,
    ) -> R<()> {
        let items = match cmd.def.as_deref().and_then(|d| d.node.as_ref()) {
            Some(pb::node::Node::List(l)) => l.items.as_slice(),
            _ => return Err("SET/RESET without attribute options".into()),
        };
        let given = crate::kinds::table::load::storage_parameters(items);
        let Some(view) = self.altered_matview_column(s, cmd)? else {
            return Ok(());
        };
        let reset = cmd.subtype == pb::AlterTableType::AtResetOptions as i32;
        let options = view.column_options.entry(cmd.name.clone()).or_default();
        crate::kinds::table::load::set_or_reset(options, given, reset);
        if options.is_empty() {
            view.column_options.remove(&cmd.name);
        }
        Ok(())
    }

    /// `ALTER VIEW … ALTER COLUMN … SET DEFAULT expr` / `DROP DEFAULT`.
    pub(crate) fn set_view_column_default(
        &mut self,
        s: &pb::AlterTableStmt,
        cmd: &pb::AlterTableCmd,
    ) -> R<()> {
        let q = self.altered_view_name(s)?;
        let default = cmd.def.as_deref().map(|e| self.expr(e)).transpose()?;
        let Some(view) = self.schema.views.get_mut(&q) else {
            if s.missing_ok {
                return Ok(());
            }
            return Err(does_not_exist("view", &q));
        };
        if view.materialized {
            return Err(format!(
                "ALTER COLUMN … SET/DROP DEFAULT cannot be performed on materialized view {q}"
            ));
        }
        if !view.columns.contains(&cmd.name) {
            return Err(format!(
                "column \"{}\" of relation \"{}\" does not exist",
                cmd.name, q.name
            ));
        }
        match default {
            Some(d) => view.column_defaults.insert(cmd.name.clone(), d),
            None => view.column_defaults.remove(&cmd.name),
        };
        Ok(())
    }
}

/// The error PostgreSQL gives when `ALTER MATERIALIZED VIEW` names a plain view.
fn materialized(view: &View) -> R<()> {
    if view.materialized {
        Ok(())
    } else {
        Err(format!("{} is not a materialized view", view.name))
    }
}
