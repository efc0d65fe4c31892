//! DDL builders: the registration table, the embedded templates and the rendering shared by
//! every kind.
//!
//! Each change kind's builder lives in its kind's slice (`kinds/<kind>/ddl.rs`), takes its
//! own change type, turns it into a template context (names already quoted, column and
//! constraint definitions rendered by `definitions`) and renders
//! `templates/postgres/<change_kind>.sql`. Most are a pure function from the change to that
//! context, registered through [`context_builder`]; the few that check the target version
//! or render several statements take the [`BuildContext`] themselves. Each kind registers its own builders (its
//! `ddl::register`); this module walks the registry of kinds (`crate::kinds::SLICES`).

pub(crate) mod comments;
pub(crate) mod definitions;

use crate::kinds::SLICES;
use crate::quote::quote_ident;
use include_dir::{include_dir, Dir};
use migrator_core::change::{ChangeKind, CreateDrop};
use migrator_core::dialect::{BuildContext, BuildError, Registry, Statement};
use migrator_core::schema::QualifiedName;

/// PostgreSQL's extension builders, which TimescaleDB wraps for its own extension.
pub use crate::kinds::column::ddl::add_column;
pub use crate::kinds::extension::ddl::{create_extension, drop_extension};

/// The PostgreSQL templates, embedded in the binary.
static TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../templates/postgres");

/// Registers the builders, transaction rules and templates of PostgreSQL.
pub fn register(registry: &mut Registry) {
    for kind in SLICES {
        (kind.register)(registry);
    }
    // Every statement must parse before it can become a file (a template override, or a
    // deparse that went wrong, would otherwise ship a syntax error).
    // A syntax check only: the raw parser, without building the tree in Rust.
    registry.statement_check(crate::normalize::parses);
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
    Ok(vec![ctx.render(change, context)?])
}

/// The builder of a change whose template needs nothing but `context` of the change: most
/// builders are such a pure function from the change to its template context.
pub(crate) fn context_builder<T: ChangeKind + 'static>(
    context: fn(&T) -> serde_json::Value,
) -> impl Fn(&T, &BuildContext) -> Result<Vec<Statement>, BuildError> + Send + Sync + 'static {
    move |change, ctx| render(ctx, change, context(change))
}

/// The builder of a change that renders its template from `context` of the object it
/// carries (`object`). A kind's create and drop changes mostly share one such context (the
/// drop template uses its names), so a changed object is dropped and created alike.
pub(crate) fn object_builder<T: ChangeKind + 'static, O: 'static>(
    object: fn(&T) -> &O,
    context: fn(&O) -> serde_json::Value,
) -> impl Fn(&T, &BuildContext) -> Result<Vec<Statement>, BuildError> + Send + Sync + 'static {
    move |change, ctx| render(ctx, change, context(object(change)))
}

/// Registers the builders of the create and the drop change of the kind `O`
/// ([`CreateDrop`]), both rendering their template from `context` of the object.
pub(crate) fn create_drop_builders<O: CreateDrop + 'static>(
    r: &mut Registry,
    context: fn(&O) -> serde_json::Value,
) {
    r.builder(object_builder(O::in_create, context));
    r.builder(object_builder(O::in_drop, context));
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
