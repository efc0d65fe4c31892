//! DDL builders: one per change kind, registered in one table, each rendering its template.
//!
//! A builder turns a typed [`Change`] into a template context (names already quoted, column
//! and constraint definitions already rendered by the one function that renders them) and
//! renders `templates/postgres/<change_kind>.sql`. Adding a change kind touches three places:
//! its builder, its template, and [`BUILDERS`].

mod column;
mod comment;
mod constraint;
mod enums;
mod index;
mod namespace;
mod operator;
mod policy;
mod privilege;
mod rename;
mod routine;
mod sequence;
mod table;
mod types;
mod view;

use crate::quote::quote_ident;
use include_dir::{include_dir, Dir};
use migrator_core::change::ChangeKind;
use migrator_core::dialect::{BuildContext, BuildError, Registry, Statement};
use migrator_core::schema::QualifiedName;

pub use self::namespace::{create_extension, drop_extension};

/// The PostgreSQL templates, embedded in the binary.
static TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../templates/postgres");

/// Every change kind's builder, one row each; the registry keys each by its change type.
fn register_builders(r: &mut Registry) {
    r.builder(namespace::create_schema);
    r.builder(namespace::drop_schema);
    r.builder(namespace::create_extension);
    r.builder(namespace::drop_extension);
    r.builder(namespace::alter_extension);
    r.builder(enums::create_enum);
    r.builder(enums::drop_enum);
    r.builder(enums::alter_enum);
    r.builder(rename::rename_enum_value);
    r.builder(types::create_domain);
    r.builder(types::drop_domain);
    r.builder(types::alter_domain);
    r.builder(types::create_composite);
    r.builder(types::drop_composite);
    r.builder(types::alter_composite);
    r.builder(sequence::create_sequence);
    r.builder(sequence::drop_sequence);
    r.builder(sequence::alter_sequence);
    r.builder(sequence::set_sequence_owner);
    r.builder(table::create_table);
    r.builder(table::drop_table);
    r.builder(rename::rename_table);
    r.builder(rename::rename_column);
    r.builder(table::set_partition);
    r.builder(table::set_inherits);
    r.builder(column::add_column);
    r.builder(column::drop_column);
    r.builder(column::alter_column);
    r.builder(constraint::add_constraint);
    r.builder(constraint::drop_constraint);
    r.builder(index::create_index);
    r.builder(index::drop_index);
    r.builder(routine::create_function);
    r.builder(routine::drop_function);
    r.builder(routine::replace_function);
    r.builder(routine::create_trigger);
    r.builder(routine::drop_trigger);
    r.builder(operator::create_aggregate);
    r.builder(operator::drop_aggregate);
    r.builder(operator::create_operator);
    r.builder(operator::drop_operator);
    r.builder(policy::create_policy);
    r.builder(policy::drop_policy);
    r.builder(policy::set_row_security);
    r.builder(view::create_view);
    r.builder(view::drop_view);
    r.builder(view::replace_view);
    r.builder(comment::set_comment);
    r.builder(privilege::add_privilege);
    r.builder(privilege::remove_privilege);
}

/// Registers the builders, transaction rules and templates of PostgreSQL.
pub fn register(registry: &mut Registry) {
    register_builders(registry);
    registry.tx_rule(enums::tx_rule);
    registry.tx_rule(index::create_index_tx_rule);
    registry.tx_rule(index::drop_index_tx_rule);
    for file in TEMPLATES.files() {
        if let Some(text) = file.contents_utf8() {
            registry.template(&format!("postgres/{}", file.path().display()), text);
        }
    }
}

/// Renders the template of `change` into one statement.
fn render<T: ChangeKind>(
    ctx: &BuildContext,
    change: &T,
    context: serde_json::Value,
) -> Result<Vec<Statement>, BuildError> {
    Ok(vec![ctx.render(change, &context)?])
}

/// Refuses what the target version (`--pg-version`) lacks among a table's features: stored
/// generated columns (12), UNIQUE … NULLS NOT DISTINCT (15), INCLUDE (11).
pub(crate) fn check_table_features<T: ChangeKind>(
    ctx: &BuildContext,
    change: &T,
    columns: &[&migrator_core::schema::Column],
    constraints: &[&migrator_core::schema::Constraint],
) -> Result<(), BuildError> {
    use migrator_core::schema::ConstraintKind;
    if columns.iter().any(|c| c.generated.is_some()) {
        ctx.require_version(change, 12, "a generated column")?;
    }
    for k in constraints {
        match &k.kind {
            ConstraintKind::Unique {
                nulls_not_distinct: true,
                ..
            } => ctx.require_version(change, 15, "UNIQUE NULLS NOT DISTINCT")?,
            ConstraintKind::Unique { include, .. } | ConstraintKind::PrimaryKey { include, .. }
                if !include.is_empty() =>
            {
                ctx.require_version(change, 11, "INCLUDE columns")?
            }
            _ => {}
        }
    }
    Ok(())
}

/// A schema-qualified, quoted name.
pub(crate) fn qname(n: &QualifiedName) -> String {
    format!("{}.{}", quote_ident(&n.schema), quote_ident(&n.name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use migrator_core::change::Change;

    #[test]
    fn every_core_change_kind_has_a_builder_and_a_template() {
        let mut registry = Registry::default();
        register(&mut registry);
        for kind in Change::KINDS {
            assert!(registry.has_builder(kind), "no builder for {kind}");
            assert!(
                TEMPLATES.get_file(format!("{kind}.sql")).is_some(),
                "no template templates/postgres/{kind}.sql"
            );
        }
    }
}
