//! Loading this kind from parsed SQL statements.
//!
//! `CREATE OPERATOR` (the definition is built in [`crate::define`]), `DROP OPERATOR` and
//! `COMMENT ON OPERATOR`, which name an operator by its argument types
//! (`~~(anynonarray, text)`). The loader is the [`crate::define::Resolver`] for
//! aggregates and operators: functions and operators they name resolve along the search
//! path.

use crate::define::Kind;
use crate::load::{drop_and_comment, Loader, R};
use crate::normalize::CanonicalType;
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, Node};

impl Loader {
    /// `CREATE OPERATOR`.
    pub(crate) fn create_operator(&mut self, s: &pb::DefineStmt) -> R<()> {
        let o = crate::kinds::operator::define::operator(s, self)?;
        if self.schema.operators.contains_key(&o.id) {
            return Err(format!("operator {} already exists", o.id));
        }
        self.schema.operators.insert(o.id.clone(), o);
        Ok(())
    }

    /// The key of the operator an `ObjectWithArgs` names (`~~(anynonarray, text)`).
    fn operator_id(&self, obj: Option<&Node>) -> R<ObjectId> {
        let (o, name) = self.with_args(obj, "an operator with its argument types", |q| {
            self.schema.operators.values().any(|x| x.name == *q)
        })?;
        self.routine_key(ObjectKind::Operator, o, &name, Some("NONE"))
    }
}

impl crate::define::Resolver for Loader {
    fn schema_of(&self, kind: Kind, name: &str) -> String {
        for s in self.names().schemas() {
            let q = QualifiedName::new(s, name);
            let found = match kind {
                Kind::Function => {
                    self.schema.functions.values().any(|f| f.name == q)
                        || self.schema.aggregates.values().any(|a| a.name == q)
                }
                Kind::Operator | Kind::SortOperator => {
                    self.schema.operators.values().any(|o| o.name == q)
                }
            };
            if found {
                return s.to_string();
            }
        }
        match kind {
            // A commutator or negator not defined yet is created (as a shell) next to it.
            Kind::Operator => self.creation_schema(),
            _ => "pg_catalog".to_string(),
        }
    }

    fn type_of(&self, t: &pb::TypeName) -> R<CanonicalType> {
        Loader::type_of(self, t)
    }

    fn creation_schema(&self) -> String {
        Loader::creation_schema(self)
    }
}

statement_hook! {
    DefineStmt[kind = ObjectOperator] => create_operator,
}

drop_and_comment! {
    drop_operator, comment_operator: operators, "operator",
    key |l, object, names| l.operator_id(object),
}
