//! Loading this kind from parsed SQL statements.
//!
//! `CREATE [OR REPLACE] AGGREGATE` (the definition is built in [`crate::define`]),
//! `DROP AGGREGATE` and `COMMENT ON AGGREGATE`, which name an aggregate by its argument
//! types (`agg(text)`, `agg(*)`). An ordered-set aggregate is named either way PostgreSQL
//! accepts: `agg(a ORDER BY b)` or its types run together, `agg(a, b)` (the parser gives
//! both as one list, a shared `VARIADIC` argument once).

use crate::kinds::function::load::create_or_replace;
use crate::load::{drop_and_comment, Loader, R};
use migrator_core::identity::{ObjectId, ObjectKind};
use pg_query::protobuf::{self as pb, Node};

impl Loader {
    /// `CREATE [OR REPLACE] AGGREGATE`.
    pub(crate) fn create_aggregate(&mut self, s: &pb::DefineStmt) -> R<()> {
        let a = crate::kinds::aggregate::define::aggregate(s, self)?;
        let id = a.id.clone();
        create_or_replace(
            &mut self.schema.aggregates,
            id,
            a,
            s.replace,
            "aggregate",
            |x| &mut x.comment,
        )
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
