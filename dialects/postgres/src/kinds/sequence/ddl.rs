//! DDL builders for this kind's change kinds.
//!
//! Sequences: created, dropped, altered (every option spelled out) and `OWNED BY`. The
//! option clause they share with identity columns is in `ddl::definitions`.

use crate::ddl::comments::restore_comment;
use crate::ddl::context_builder;
use crate::ddl::definitions::options_clause;
use crate::ddl::qname;
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
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

pub fn drop_sequence(c: &DropSequence) -> Value {
    let DropSequence(s) = c;
    json!({ "name": qname(&s.name) })
}

pub fn alter_sequence(c: &AlterSequence) -> Value {
    let AlterSequence { from, to } = c;
    let mut options = all_options(&to.options);
    // Narrowed bounds may exclude the current value, which PostgreSQL refuses: restart.
    let (f, t) = (&from.options, &to.options);
    if t.min_value > f.min_value || t.max_value < f.max_value {
        options.push_str(&format!(" RESTART WITH {}", t.start));
    }
    json!({ "name": qname(&to.name), "options": options })
}

pub fn set_sequence_owner(c: &SetSequenceOwner) -> Value {
    let SetSequenceOwner { sequence, to, .. } = c;
    let owner = match to {
        Some(o) => format!("{}.{}", qname(&o.table), quote_ident(&o.column)),
        None => "NONE".to_string(),
    };
    json!({ "name": qname(sequence), "owner": owner })
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
    r.builder(context_builder(drop_sequence));
    r.builder(context_builder(alter_sequence));
    r.builder(context_builder(set_sequence_owner));
}
