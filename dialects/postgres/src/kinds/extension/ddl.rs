//! DDL builders for this kind's change kinds.
//!
//! `CREATE`/`DROP EXTENSION`, and `ALTER EXTENSION … UPDATE`/`SET SCHEMA`.

use crate::ddl::context_builder;
use crate::ddl::render;
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::dialect::{BuildContext, BuildError, Statement};
use migrator_core::kinds::{AlterExtension, CreateExtension, DropExtension};
use serde_json::json;
use serde_json::Value;

pub fn create_extension(
    c: &CreateExtension,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let CreateExtension(e) = c;
    render(
        ctx,
        c,
        json!({
            "name": quote_ident(&e.name),
            "schema": e.schema.as_deref().map(quote_ident),
            "version": e.version,
            "comment": e.comment,
        }),
    )
}

pub fn drop_extension(c: &DropExtension, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let DropExtension(e) = c;
    render(ctx, c, json!({ "name": quote_ident(&e.name) }))
}

pub fn alter_extension(c: &AlterExtension) -> Value {
    let AlterExtension { from, to } = c;
    json!({
        "name": quote_ident(&to.name),
        "raw_name": to.name,
        "version": if from.version != to.version { to.version.clone() } else { None },
        "downgrade": is_downgrade(from.version.as_deref(), to.version.as_deref()),
        "schema": moved_to(from.schema.as_deref(), to.schema.as_deref()).map(quote_ident),
    })
}

/// The schema an extension moves to. One that names none (a down file's, back to a file
/// that did not say) goes back where `CREATE EXTENSION` puts it, `public`.
fn moved_to<'a>(from: Option<&str>, to: Option<&'a str>) -> Option<&'a str> {
    match (from, to) {
        (Some(f), None) if f != "public" => Some("public"),
        (f, Some(t)) if f != Some(t) => Some(t),
        _ => None,
    }
}

/// True when both versions are numbers separated by dots or dashes (`1.8`, pg_cron's
/// `1.4-1`) and `to` is below `from`: extensions seldom ship a downgrade path, so such an
/// update (a down file's) keeps the newer version when PostgreSQL finds none, instead of
/// failing the whole rollback.
fn is_downgrade(from: Option<&str>, to: Option<&str>) -> bool {
    let parse = |v: Option<&str>| -> Option<Vec<u64>> {
        v?.split(['.', '-']).map(|p| p.parse().ok()).collect()
    };
    match (parse(from), parse(to)) {
        (Some(f), Some(t)) => t < f,
        _ => false,
    }
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(create_extension);
    r.builder(drop_extension);
    r.builder(context_builder(alter_extension));
}

#[cfg(test)]
mod tests {
    use super::{is_downgrade, moved_to};

    #[test]
    fn an_extension_moved_back_to_no_schema_goes_to_public() {
        assert_eq!(moved_to(Some("ext"), None), Some("public"));
        assert_eq!(moved_to(Some("public"), None), None);
        assert_eq!(moved_to(None, Some("ext")), Some("ext"));
        assert_eq!(moved_to(Some("ext"), Some("ext")), None);
    }

    #[test]
    fn downgrades_compare_dotted_numbers() {
        assert!(is_downgrade(Some("1.10"), Some("1.9")));
        assert!(!is_downgrade(Some("1.9"), Some("1.10")));
        assert!(!is_downgrade(Some("2.0beta"), Some("1.0")));
        assert!(!is_downgrade(None, Some("1.0")));
        assert!(is_downgrade(Some("1.4-1"), Some("1.4")));
        assert!(!is_downgrade(Some("1.4"), Some("1.4-1")));
    }
}
