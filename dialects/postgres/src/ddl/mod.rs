//! DDL builders: the registration table, the embedded templates and the rendering shared by
//! every kind.
//!
//! Each change kind's builder lives in its kind's slice (`kinds/<kind>/ddl.rs`), takes its
//! own change type, turns it into a template context (names already quoted, column and
//! constraint definitions rendered by `definitions`) and renders
//! `templates/postgres/<change_kind>.sql`. Adding a change kind touches three places: its
//! builder, its template, and one row of `register_builders`.

pub(crate) mod comments;
pub(crate) mod definitions;

use crate::kinds::{
    aggregate, column, comment, composite, constraint, domain, enums, extension, function, index,
    namespace, operator, policy, privilege, sequence, table, trigger, view,
};
use crate::quote::quote_ident;
use include_dir::{include_dir, Dir};
use migrator_core::change::ChangeKind;
use migrator_core::dialect::{BuildContext, BuildError, Registry, Statement};
use migrator_core::schema::QualifiedName;

/// PostgreSQL's extension builders, which TimescaleDB wraps for its own extension.
pub use crate::kinds::extension::ddl::{create_extension, drop_extension};

/// The PostgreSQL templates, embedded in the binary.
static TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../templates/postgres");

/// Every change kind's builder, one row each; the registry keys each by its change type.
fn register_builders(r: &mut Registry) {
    r.builder(namespace::ddl::create_schema);
    r.builder(namespace::ddl::drop_schema);
    r.builder(extension::ddl::create_extension);
    r.builder(extension::ddl::drop_extension);
    r.builder(extension::ddl::alter_extension);
    r.builder(enums::ddl::create_enum);
    r.builder(enums::ddl::drop_enum);
    r.builder(enums::ddl::alter_enum);
    r.builder(enums::ddl::rename_enum_value);
    r.builder(domain::ddl::create_domain);
    r.builder(domain::ddl::drop_domain);
    r.builder(domain::ddl::alter_domain);
    r.builder(composite::ddl::create_composite);
    r.builder(composite::ddl::drop_composite);
    r.builder(composite::ddl::alter_composite);
    r.builder(sequence::ddl::create_sequence);
    r.builder(sequence::ddl::drop_sequence);
    r.builder(sequence::ddl::alter_sequence);
    r.builder(sequence::ddl::set_sequence_owner);
    r.builder(table::ddl::create_table);
    r.builder(table::ddl::drop_table);
    r.builder(table::ddl::rename_table);
    r.builder(column::ddl::rename_column);
    r.builder(table::ddl::set_partition);
    r.builder(table::ddl::set_inherits);
    r.builder(column::ddl::add_column);
    r.builder(column::ddl::drop_column);
    r.builder(column::ddl::alter_column);
    r.builder(constraint::ddl::add_constraint);
    r.builder(constraint::ddl::drop_constraint);
    r.builder(index::ddl::create_index);
    r.builder(index::ddl::drop_index);
    r.builder(function::ddl::create_function);
    r.builder(function::ddl::drop_function);
    r.builder(function::ddl::replace_function);
    r.builder(trigger::ddl::create_trigger);
    r.builder(trigger::ddl::drop_trigger);
    r.builder(aggregate::ddl::create_aggregate);
    r.builder(aggregate::ddl::drop_aggregate);
    r.builder(operator::ddl::create_operator);
    r.builder(operator::ddl::drop_operator);
    r.builder(policy::ddl::create_policy);
    r.builder(policy::ddl::drop_policy);
    r.builder(table::ddl::set_row_security);
    r.builder(view::ddl::create_view);
    r.builder(view::ddl::drop_view);
    r.builder(view::ddl::replace_view);
    r.builder(comment::ddl::set_comment);
    r.builder(privilege::ddl::add_privilege);
    r.builder(privilege::ddl::remove_privilege);
}

/// Registers the builders, transaction rules and templates of PostgreSQL.
pub fn register(registry: &mut Registry) {
    register_builders(registry);
    registry.tx_rule(enums::ddl::tx_rule);
    registry.tx_rule(index::ddl::create_index_tx_rule);
    registry.tx_rule(index::ddl::drop_index_tx_rule);
    for file in TEMPLATES.files() {
        if let Some(text) = file.contents_utf8() {
            registry.template(&format!("postgres/{}", file.path().display()), text);
        }
    }
}

/// Renders the template of `change` into one statement.
pub(crate) fn render<T: ChangeKind>(
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
