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
use migrator_core::change::Change;
use migrator_core::dialect::{BuildContext, BuildError, Registry, Statement};
use migrator_core::plan::TxRule;
use migrator_core::schema::QualifiedName;
use std::sync::Arc;

/// The PostgreSQL templates, embedded in the binary.
static TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../templates/postgres");

type Builder = fn(&Change, &BuildContext) -> Result<Vec<Statement>, BuildError>;

/// Every change kind and its builder.
pub const BUILDERS: &[(&str, Builder)] = &[
    ("create_schema", namespace::create_schema),
    ("drop_schema", namespace::drop_schema),
    ("create_extension", namespace::create_extension),
    ("drop_extension", namespace::drop_extension),
    ("alter_extension", namespace::alter_extension),
    ("create_enum", enums::create_enum),
    ("drop_enum", enums::drop_enum),
    ("alter_enum", enums::alter_enum),
    ("rename_enum_value", rename::rename_enum_value),
    ("create_domain", types::create_domain),
    ("drop_domain", types::drop_domain),
    ("alter_domain", types::alter_domain),
    ("create_composite", types::create_composite),
    ("drop_composite", types::drop_composite),
    ("alter_composite", types::alter_composite),
    ("create_sequence", sequence::create_sequence),
    ("drop_sequence", sequence::drop_sequence),
    ("alter_sequence", sequence::alter_sequence),
    ("set_sequence_owner", sequence::set_sequence_owner),
    ("create_table", table::create_table),
    ("drop_table", table::drop_table),
    ("rename_table", rename::rename_table),
    ("rename_column", rename::rename_column),
    ("set_partition", table::set_partition),
    ("set_inherits", table::set_inherits),
    ("add_column", column::add_column),
    ("drop_column", column::drop_column),
    ("alter_column", column::alter_column),
    ("add_constraint", constraint::add_constraint),
    ("drop_constraint", constraint::drop_constraint),
    ("create_index", index::create_index),
    ("drop_index", index::drop_index),
    ("create_function", routine::create_function),
    ("drop_function", routine::drop_function),
    ("replace_function", routine::replace_function),
    ("create_trigger", routine::create_trigger),
    ("drop_trigger", routine::drop_trigger),
    ("create_aggregate", operator::create_aggregate),
    ("drop_aggregate", operator::drop_aggregate),
    ("create_operator", operator::create_operator),
    ("drop_operator", operator::drop_operator),
    ("create_policy", policy::create_policy),
    ("drop_policy", policy::drop_policy),
    ("set_row_security", policy::set_row_security),
    ("create_view", view::create_view),
    ("drop_view", view::drop_view),
    ("replace_view", view::replace_view),
    ("set_comment", comment::set_comment),
    ("add_privilege", privilege::add_privilege),
    ("remove_privilege", privilege::remove_privilege),
];

/// Registers the builders, transaction rules and templates of PostgreSQL.
pub fn register(registry: &mut Registry) {
    for (kind, f) in BUILDERS {
        let f = *f;
        registry.builder(kind, Arc::new(f));
    }
    registry.tx_rule("alter_enum", Arc::new(enums::tx_rule));
    registry.tx_rule("create_index", Arc::new(index::tx_rule));
    registry.tx_rule("drop_index", Arc::new(index::tx_rule));
    for file in TEMPLATES.files() {
        if let Some(text) = file.contents_utf8() {
            registry.template(&format!("postgres/{}", file.path().display()), text);
        }
    }
}

/// Renders the template of `change` into one statement.
fn render(
    ctx: &BuildContext,
    change: &Change,
    context: serde_json::Value,
) -> Result<Vec<Statement>, BuildError> {
    Ok(vec![ctx.render(change, &context)?])
}

/// Refuses what the target version (`--pg-version`) lacks among a table's features: stored
/// generated columns (12), UNIQUE … NULLS NOT DISTINCT (15), INCLUDE (11).
pub(crate) fn check_table_features(
    ctx: &BuildContext,
    change: &Change,
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

/// The transaction rule of a change that is always fine inside a transaction.
#[allow(dead_code)]
fn in_transaction(_: &Change) -> TxRule {
    TxRule::InTransaction
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_change_kind_has_a_builder_and_a_template() {
        for kind in Change::KINDS {
            assert!(
                BUILDERS.iter().any(|(k, _)| k == kind),
                "no builder for {kind}"
            );
            assert!(
                TEMPLATES.get_file(format!("{kind}.sql")).is_some(),
                "no template templates/postgres/{kind}.sql"
            );
        }
    }
}
