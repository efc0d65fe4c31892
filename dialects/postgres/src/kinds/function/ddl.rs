//! DDL builders for this kind's change kinds.
//!
//! Functions and procedures: created, dropped, and replaced (`CREATE OR REPLACE` when
//! PostgreSQL allows it, else dropped and created).

use crate::ddl::comments::{restore_comment, routine_signature};
use crate::ddl::context_builder;
use crate::ddl::render;
use migrator_core::dialect::Registry;
use migrator_core::dialect::{BuildContext, BuildError, Statement};
use migrator_core::kinds::{CreateFunction, DropFunction, Function, ReplaceFunction};
use serde_json::{json, Value};

fn function_context(f: &Function) -> Value {
    let comments = restore_comment(f);
    json!({
        "kind": if f.procedure { "PROCEDURE" } else { "FUNCTION" },
        "signature": routine_signature(&f.id),
        "definition": f.definition.sql.trim().trim_end_matches(';'),
        "comments": comments,
    })
}

pub fn create_function(
    c: &CreateFunction,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let CreateFunction(f) = c;
    if f.procedure {
        ctx.require_version(c, 11, "a procedure")?;
    }
    let mut context = function_context(f);
    if ctx.options().idempotent {
        context["definition"] = json!(or_replace(f.definition.sql.trim().trim_end_matches(';')));
    }
    render(ctx, c, context)
}

/// `CREATE FUNCTION …` as `CREATE OR REPLACE FUNCTION …` (the same for procedures), so that
/// running it again replaces the function by itself. Definitions already saying `OR
/// REPLACE` are kept.
fn or_replace(definition: &str) -> String {
    let words: Vec<&str> = definition.splitn(3, char::is_whitespace).collect();
    match words.as_slice() {
        [create, kind, rest]
            if create.eq_ignore_ascii_case("CREATE")
                && (kind.eq_ignore_ascii_case("FUNCTION")
                    || kind.eq_ignore_ascii_case("PROCEDURE")) =>
        {
            format!("CREATE OR REPLACE {} {rest}", kind.to_uppercase())
        }
        _ => definition.to_string(),
    }
}

pub fn drop_function(c: &DropFunction) -> Value {
    let DropFunction(f) = c;
    let mut context = function_context(f);
    // A base type's I/O function: the type's `DROP … CASCADE` before it has taken it.
    context["if_exists"] = json!(!f.shells.is_empty());
    context
}

/// `CREATE OR REPLACE` when PostgreSQL allows it, else drop and create.
pub fn replace_function(
    c: &ReplaceFunction,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let ReplaceFunction { from, to } = c;
    let mut context = function_context(to);
    if ctx.options().idempotent {
        context["definition"] = json!(or_replace(to.definition.sql.trim().trim_end_matches(';')));
    }
    context["in_place"] = json!(from.replaceable_by(to));
    context["old"] = function_context(from);
    render(ctx, c, context)
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(create_function);
    r.builder(context_builder(drop_function));
    r.builder(replace_function);
}
