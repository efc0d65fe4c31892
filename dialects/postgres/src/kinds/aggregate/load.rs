//! Loading this kind from parsed SQL statements.
//!
//! `CREATE [OR REPLACE] AGGREGATE` (the definition is built in [`crate::define`]),
//! `DROP AGGREGATE` and `COMMENT ON AGGREGATE`, which name an aggregate by its argument
//! types (`agg(text)`, `agg(*)`). An ordered-set aggregate is named either way PostgreSQL
//! accepts: `agg(a ORDER BY b)` or its types run together, `agg(a, b)` (the parser gives
//! both as one list, a shared `VARIADIC` argument once).

use crate::define::definition;
use crate::kinds::function::load::create_or_replace;
use crate::load::{drop_and_comment, Loader, Lookup, R};
use crate::quote::quote_ident;
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::schema::QualifiedName;
use pg_query::protobuf::{self as pb, Node};

impl Loader {
    /// `CREATE [OR REPLACE] AGGREGATE`.
    pub(crate) fn create_aggregate(&mut self, s: &pb::DefineStmt) -> R<()> {
        let a = crate::kinds::aggregate::define::aggregate(s, self)?;
        create_or_replace(
            &mut self.schema.aggregates,
            a.id.clone(),
            a,
            s.replace,
            "aggregate",
        )
    }

    /// `ALTER AGGREGATE … RENAME TO`: the aggregate under its new name in its schema, same
    /// arguments and options. Refused when a view already uses it (PostgreSQL's view would
    /// follow it by OID; the view's text here names the old name).
    pub(crate) fn rename_aggregate(&mut self, s: &pb::RenameStmt) -> R<()> {
        let id = self.aggregate_id(s.object.as_deref())?;
        let new_id = ObjectId {
            name: s.newname.clone(),
            ..id.clone()
        };
        if self.schema.aggregates.contains_key(&new_id) {
            return Err(format!("aggregate {new_id} already exists"));
        }
        let mut a = self.schema.aggregates.take_existing(&id, "aggregate")?;
        if let Some(v) = self
            .schema
            .views
            .values()
            .find(|v| v.query.refs.contains(&a.name))
        {
            return Err(format!(
                "ALTER AGGREGATE {id} RENAME: the view {} uses it; renaming an aggregate that \
                 a view uses is not supported yet (create it under its new name)",
                v.name
            ));
        }
        let to = QualifiedName::new(a.name.schema.clone(), s.newname.clone());
        let head = |q: &QualifiedName| {
            format!(
                "CREATE AGGREGATE {}.{}(",
                quote_ident(&q.schema),
                quote_ident(&q.name)
            )
        };
        let rest = a
            .definition
            .sql
            .strip_prefix(&head(&a.name))
            .ok_or_else(|| {
                format!("aggregate {id}: its definition does not start with its name")
            })?;
        a.definition = definition(format!("{}{rest}", head(&to)), a.definition.refs.clone());
        a.name = to;
        a.id = new_id.clone();
        self.schema.aggregates.insert(new_id, a);
        Ok(())
    }

    /// The key of the aggregate an `ObjectWithArgs` names (`agg(text)`, `agg(*)`): an
    /// ordered-set aggregate's when one has these argument types.
    fn aggregate_id(&self, obj: Option<&Node>) -> R<ObjectId> {
        let (o, name) = self.with_args(obj, "an aggregate name with its arguments", |q| {
            self.schema.aggregates.values().any(|a| a.name == *q)
        })?;
        let id = self.routine_key(ObjectKind::Aggregate, o, &name, None)?;
        let ordered = self.schema.aggregates.keys().find(|k| {
            k.direct_args.is_some()
                && (&k.schema, &k.name, &k.signature) == (&id.schema, &id.name, &id.signature)
        });
        Ok(ordered.cloned().unwrap_or(id))
    }
}

statement_hook! {
    DefineStmt[kind = ObjectAggregate] => create_aggregate,
}

drop_and_comment! {
    drop_aggregate, comment_aggregate: aggregates, "aggregate",
    key |l, object, names| l.aggregate_id(object),
}
