//! Loading this kind from parsed SQL statements.
//!
//! `CREATE TYPE … AS ENUM` (with `-- migrator:renamed-from 'old'` on a value),
//! `ALTER TYPE … ADD VALUE | RENAME VALUE` and `ALTER TYPE … RENAME TO`. `DROP TYPE` and
//! `COMMENT ON TYPE | DOMAIN` name any user type, so they are answered here for all four
//! kinds of them (enum, domain, composite, range, base).

use crate::load::{does_not_exist, enum_value_renames, Commented, Dropped, Loader, Lookup, R};
use crate::normalize::strings;
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N};
use std::collections::BTreeMap;

impl Loader {
    /// `CREATE TYPE … AS ENUM (…)`.
    pub(crate) fn create_enum(&mut self, s: &pb::CreateEnumStmt) -> R<()> {
        let name = self.qualified(&strings(&s.type_name), |_| false)?;
        if self.schema.enums.contains_key(&name) {
            return Err(format!("type {name} already exists"));
        }
        let values = strings(&s.vals);
        let mut renamed_values = BTreeMap::new();
        for (value, old) in enum_value_renames(&self.statement) {
            if !values.contains(&value) || values.contains(&old) {
                return Err(format!(
                    "migrator:renamed-from '{old}' on value '{value}' of {name}: \
                     the old label must not be a value any more"
                ));
            }
            renamed_values.insert(value, old);
        }
        self.schema.enums.insert(
            name.clone(),
            EnumType {
                name,
                values,
                comment: None,
                renamed_values,
            },
        );
        Ok(())
    }

    /// `ALTER TYPE … ADD VALUE | RENAME VALUE`; defaults holding a renamed value follow it.
    pub(crate) fn alter_enum(&mut self, s: &pb::AlterEnumStmt) -> R<()> {
        let name = self.qualified(&strings(&s.type_name), |q| {
            self.schema.enums.contains_key(q)
        })?;
        let e = self.schema.enums.existing_mut(&name, "enum type")?;
        if !s.old_val.is_empty() {
            let v = e
                .values
                .iter_mut()
                .find(|v| **v == s.old_val)
                .ok_or_else(|| format!("{} is not a value of {name}", s.old_val))?;
            *v = s.new_val.clone();
            // Defaults hold the value itself: the catalog shows them with the new label.
            let literal = |s: &str| format!("'{}'", s.replace('\'', "''"));
            let (from, to) = (literal(&s.old_val), literal(&s.new_val));
            for t in self.schema.tables.values_mut() {
                for c in t.columns_mut() {
                    if c.type_ref.as_ref() != Some(&name) {
                        continue;
                    }
                    if let Some(d) = &mut c.default {
                        d.key = d.key.replace(&from, &to);
                        d.sql = d.sql.replace(&from, &to);
                    }
                }
            }
            return Ok(());
        }
        if e.values.contains(&s.new_val) {
            if s.skip_if_new_val_exists {
                return Ok(());
            }
            return Err(format!("{} is already a value of {name}", s.new_val));
        }
        let pos = if s.new_val_neighbor.is_empty() {
            e.values.len()
        } else {
            let i = e
                .values
                .iter()
                .position(|v| *v == s.new_val_neighbor)
                .ok_or_else(|| format!("{} is not a value of {name}", s.new_val_neighbor))?;
            if s.new_val_is_after {
                i + 1
            } else {
                i
            }
        };
        e.values.insert(pos, s.new_val.clone());
        Ok(())
    }

    /// `ALTER TYPE … RENAME TO` (enum types only); columns of the type follow it.
    pub(crate) fn rename_type(&mut self, s: &pb::RenameStmt) -> R<()> {
        let new = s.newname.clone();
        let names = match s.object.as_deref().and_then(|o| o.node.as_ref()) {
            Some(N::List(l)) => strings(&l.items),
            Some(N::TypeName(t)) => strings(&t.names),
            _ => vec![],
        };
        let q = self.qualified(&names, |q| self.schema.enums.contains_key(q))?;
        let mut e = self
            .schema
            .enums
            .take_existing(&q, "type")
            .map_err(|e| format!("{e} (only enum types are supported yet)"))?;
        let nq = QualifiedName::new(q.schema.clone(), new);
        e.name = nq.clone();
        self.schema.enums.insert(nq.clone(), e);
        // Columns follow their type, as they do in PostgreSQL (by OID).
        for t in self.schema.tables.values_mut() {
            for c in t
                .columns_mut()
                .iter_mut()
                .filter(|c| c.type_ref.as_ref() == Some(&q))
            {
                let array = if c.data_type.ends_with("[]") {
                    "[]"
                } else {
                    ""
                };
                c.data_type = format!("{}{array}", crate::normalize::user_type_text(&nq));
                c.type_ref = Some(nq.clone());
            }
        }
        Ok(())
    }

    /// `DROP TYPE | DOMAIN`: an enum, a domain, a composite, a range or a base type (or
    /// the shell of one).
    pub(crate) fn drop_type(&mut self, d: &Dropped<'_>) -> R<()> {
        let q = self.qualified(&d.names, |q| self.is_user_type(q))?;
        if let Some(r) = self.range_of_multirange(&q) {
            return Err(format!(
                "cannot drop type {q} because type {} requires it (drop the range type)",
                r.name
            ));
        }
        self.refuse_typed_tables_drop(&q, d.cascade)?;
        if self.schema.base_types.contains_key(&q) {
            return self.drop_base_type(&q, d.cascade);
        }
        let removed = self.shells.remove(&q).is_some()
            || self.schema.enums.remove(&q).is_some()
            || self.schema.domains.remove(&q).is_some()
            || self.schema.composites.remove(&q).is_some()
            || self.schema.ranges.remove(&q).is_some();
        if !removed && !d.stmt.missing_ok {
            return Err(does_not_exist("type", &q));
        }
        Ok(())
    }

    /// `COMMENT ON TYPE | DOMAIN`: an enum, a domain, a composite, a range or a base type.
    pub(crate) fn comment_type(&mut self, c: &Commented<'_>) -> R<()> {
        let q = self.qualified(&c.names, |q| self.is_user_type(q))?;
        let text = c.text.clone();
        if let Some(e) = self.schema.enums.get_mut(&q) {
            e.comment = text;
        } else if let Some(d) = self.schema.domains.get_mut(&q) {
            d.comment = text;
        } else if let Some(c) = self.schema.composites.get_mut(&q) {
            c.comment = text;
        } else if let Some(r) = self.schema.ranges.get_mut(&q) {
            r.comment = text;
        } else if let Some(b) = self.schema.base_types.get_mut(&q) {
            b.comment = text;
        } else if self.range_of_multirange(&q).is_some() {
            return Err(format!(
                "COMMENT ON TYPE {q}: comments on a multirange type are not supported yet"
            ));
        } else {
            return Err(does_not_exist("type", &q));
        }
        Ok(())
    }
}

statement_hook! {
    CreateEnumStmt => create_enum,
    AlterEnumStmt => alter_enum,
}
