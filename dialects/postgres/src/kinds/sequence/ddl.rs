//! DDL builders for this kind's change kinds.
//!
//! Sequences: created, dropped, altered (every option spelled out) and `OWNED BY`. The
//! option clause they share with identity columns is in `ddl::definitions`.

use crate::ddl::comments::restore_comment;
use crate::ddl::context_builder;
use crate::ddl::definitions::options_clause;
use crate::ddl::{qname, render};
use crate::quote::quote_ident;
use migrator_core::dialect::{BuildContext, BuildError, Registry, Statement};
use migrator_core::kinds::column::identity_takes;
use migrator_core::kinds::{
    AlterSequence, CreateSequence, DropSequence, RenameSequence, SequenceOptions, SetSequenceOwner,
};
use serde_json::json;
use serde_json::Value;

/// Every option, explicitly: for `ALTER SEQUENCE`, where defaults are not re-derived.
fn all_options(o: &SequenceOptions) -> String {
    format!(
        "AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH {} CACHE {} {}",
        o.data_type,
        o.increment,
        o.min_value,
        o.max_value,
        o.start,
        o.cache,
        if o.cycle { "CYCLE" } else { "NO CYCLE" }
    )
}

pub fn create_sequence(c: &CreateSequence) -> Value {
    let CreateSequence(s) = c;
    let comments = restore_comment(&**s);
    json!({
        "name": qname(&s.name),
        "options": options_clause(&s.options, true),
        "comments": comments,
    })
}

/// `DROP SEQUENCE`; guarded in an idempotent file when an identity column of the target
/// takes the sequence's name (a serial made identity): a second run leaves it alone.
pub fn drop_sequence(c: &DropSequence, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let DropSequence(s) = c;
    let json = json!({
        "name": qname(&s.name),
        "identity_guard": ctx.options().idempotent && identity_takes(ctx.rules.to, &s.name),
    });
    render(ctx, c, json)
}

pub fn alter_sequence(c: &AlterSequence) -> Value {
    let AlterSequence { from, to } = c;
    json!({
        "name": qname(&to.name),
        "options": all_options(&to.options),
        "restart_unused": narrows(&from.options, &to.options),
    })
}

/// Whether `to`'s bounds leave out values `from`'s allow. PostgreSQL then refuses the
/// change when the sequence's current value falls outside them, even a sequence never
/// used, whose current value is its old start: such a sequence is restarted at its new
/// start (nothing was numbered from it); a used one is left to PostgreSQL's check.
pub(crate) fn narrows(from: &SequenceOptions, to: &SequenceOptions) -> bool {
    to.min_value > from.min_value || to.max_value < from.max_value
}

/// `ALTER SEQUENCE … OWNED BY`; an unlinking is guarded as [`drop_sequence`] is.
pub fn set_sequence_owner(
    c: &SetSequenceOwner,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let SetSequenceOwner { sequence, to, .. } = c;
    let owner = match to {
        Some(o) => format!("{}.{}", qname(&o.table), quote_ident(&o.column)),
        None => "NONE".to_string(),
    };
    let guard = to.is_none() && identity_takes(ctx.rules.to, sequence);
    let json = json!({
        "name": qname(sequence),
        "owner": owner,
        "identity_guard": ctx.options().idempotent && guard,
    });
    render(ctx, c, json)
}

/// `ALTER SEQUENCE … RENAME TO`.
pub fn rename_sequence(c: &RenameSequence) -> Value {
    let RenameSequence { from, to } = c;
    json!({ "sequence": qname(from), "new_name": quote_ident(&to.name) })
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(context_builder(rename_sequence));
    r.builder(context_builder(create_sequence));
    r.builder(drop_sequence);
    r.builder(context_builder(alter_sequence));
    r.builder(set_sequence_owner);
}
