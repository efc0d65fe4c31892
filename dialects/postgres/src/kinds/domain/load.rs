//! Loading this kind from parsed SQL statements.
//!
//! `CREATE DOMAIN` and `ALTER DOMAIN` (default, NOT NULL, ADD/DROP CONSTRAINT). Unnamed
//! CHECKs take the name PostgreSQL gives them. `DROP DOMAIN` and `COMMENT ON DOMAIN` are
//! answered with the other user types, in the enum kind.

use crate::load::{Loader, Lookup, R};
use crate::names::choose_name;
use crate::normalize::strings;
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N, ConstrType as Ct};
use std::collections::BTreeMap;

impl Loader {
    /// `CREATE DOMAIN` with its default, NOT NULL and CHECKs.
    pub(crate) fn create_domain(&mut self, s: &pb::CreateDomainStmt) -> R<()> {
        let name = self.qualified(&strings(&s.domainname), |_| false)?;
        if self.is_user_type(&name) {
            return Err(format!("type {name} already exists"));
        }
        let t = s.type_name.as_ref().ok_or("CREATE DOMAIN without a type")?;
        let ct = self.type_of(t)?;
        let mut d = Domain {
            name: name.clone(),
            data_type: ct.text,
            type_ref: ct.user_type,
            collation: s
                .coll_clause
                .as_ref()
                .map(|c| crate::kinds::collation::collation_name(&strings(&c.collname))),
            default: None,
            not_null: false,
            checks: BTreeMap::new(),
            comment: None,
        };
        for c in &s.constraints {
            let Some(N::Constraint(c)) = &c.node else {
                continue;
            };
            self.domain_constraint(&mut d, c)?;
        }
        self.schema.domains.insert(name, d);
        Ok(())
    }

    fn domain_constraint(&self, d: &mut Domain, c: &pb::Constraint) -> R<()> {
        match Ct::try_from(c.contype).unwrap_or(Ct::Undefined) {
            Ct::ConstrNotnull => d.not_null = true,
            Ct::ConstrNull => d.not_null = false,
            Ct::ConstrDefault => {
                d.default = c.raw_expr.as_deref().map(|e| self.expr(e)).transpose()?;
            }
            Ct::ConstrCheck => {
                let raw = c.raw_expr.as_deref().ok_or("CHECK without an expression")?;
                let name = if c.conname.is_empty() {
                    choose_name(&d.name.name, None, "check", |n| d.checks.contains_key(n))
                } else {
                    c.conname.clone()
                };
                d.checks.insert(name, self.expr(raw)?);
            }
            other => return Err(format!("domain constraint {other:?} is not supported")),
        }
        Ok(())
    }

    /// `ALTER DOMAIN … SET | DROP DEFAULT | NOT NULL`, `ADD | DROP CONSTRAINT`.
    pub(crate) fn alter_domain(&mut self, s: &pb::AlterDomainStmt) -> R<()> {
        let name = self.qualified(&strings(&s.type_name), |q| {
            self.schema.domains.contains_key(q)
        })?;
        let mut d = self.schema.domains.existing(&name, "domain")?.clone();
        match s.subtype.as_str() {
            "T" => d.default = s.def.as_deref().map(|e| self.expr(e)).transpose()?,
            "N" => d.not_null = false,
            "O" => d.not_null = true,
            "C" => {
                let Some(N::Constraint(c)) = s.def.as_deref().and_then(|n| n.node.as_ref()) else {
                    return Err("ADD CONSTRAINT without a constraint".into());
                };
                self.domain_constraint(&mut d, c)?;
            }
            "X" => {
                if d.checks.remove(&s.name).is_none() && !s.missing_ok {
                    return Err(format!(
                        "constraint {} of domain {name} does not exist",
                        s.name
                    ));
                }
            }
            "V" => {}
            other => return Err(format!("ALTER DOMAIN ({other}) is not supported yet")),
        }
        self.schema.domains.insert(name, d);
        Ok(())
    }
}

statement_hook! {
    CreateDomainStmt => create_domain,
    AlterDomainStmt => alter_domain,
}
